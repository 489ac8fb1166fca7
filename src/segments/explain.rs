//! Names and reasons: every segment has a display name with its
//! thresholds, every membership a reason in German or English.

use super::{dates, format, AbcClass, Builtin, Lang, Period, Segment, SegmentKind, Segmentation};
use crate::money::Money;
use crate::rules::Rule;

impl Segmentation {
    /// The display name of a segment, with its thresholds.
    pub fn segment_name(&self, s: &Segment, lang: Lang) -> String {
        let cfg = &self.config;
        let money = |m: i64| Money::show(m, self.table.currency(), lang);
        match &s.kind {
            SegmentKind::Builtin(b) => match (b, lang) {
                (Builtin::HighRevenue, Lang::En) => {
                    format!("Revenue over {}", money(cfg.high_revenue))
                }
                (Builtin::HighRevenue, Lang::De) => {
                    format!("Umsatz über {}", money(cfg.high_revenue))
                }
                (Builtin::NewCustomers, Lang::En) => {
                    format!(
                        "New customers (first order within {})",
                        period_words(cfg.new_within, lang)
                    )
                }
                (Builtin::NewCustomers, Lang::De) => {
                    format!(
                        "Neukunden (erste Bestellung innerhalb von {})",
                        period_words(cfg.new_within, lang)
                    )
                }
                (Builtin::FrequentBuyers, Lang::En) => {
                    format!(
                        "Frequent buyers (more than {} orders)",
                        cfg.frequent_more_than
                    )
                }
                (Builtin::FrequentBuyers, Lang::De) => {
                    format!(
                        "Vielkäufer (mehr als {} Bestellungen)",
                        cfg.frequent_more_than
                    )
                }
                (Builtin::Sleepers, Lang::En) => {
                    format!(
                        "Sleepers (no order within {})",
                        period_words(cfg.sleepers_after, lang)
                    )
                }
                (Builtin::Sleepers, Lang::De) => {
                    format!(
                        "Schläfer (keine Bestellung innerhalb von {})",
                        period_words(cfg.sleepers_after, lang)
                    )
                }
                (Builtin::ChurnWarning, Lang::En) => "Churn early warning".into(),
                (Builtin::ChurnWarning, Lang::De) => "Abwanderungs-Frühwarnung".into(),
                (Builtin::Vip, Lang::En) => format!(
                    "VIP (top {} by revenue)",
                    format::percent(cfg.vip_share, lang)
                ),
                (Builtin::Vip, Lang::De) => format!(
                    "VIP (beste {} nach Umsatz)",
                    format::percent(cfg.vip_share, lang)
                ),
                (Builtin::LikelyChurned, Lang::En) => {
                    format!(
                        "Likely churned (P(alive) < {})",
                        format::number(cfg.likely_churned_below, 2, lang)
                    )
                }
                (Builtin::LikelyChurned, Lang::De) => format!(
                    "Wahrscheinlich abgewandert (P(aktiv) < {})",
                    format::number(cfg.likely_churned_below, 2, lang)
                ),
            },
            SegmentKind::Product(p) => match lang {
                Lang::En => format!("Bought {p}"),
                Lang::De => format!("Hat {p} gekauft"),
            },
            SegmentKind::Category(c) => match lang {
                Lang::En => format!("Bought from {c}"),
                Lang::De => format!("Hat aus {c} gekauft"),
            },
            SegmentKind::Rfm(r) => format!("RFM: {}", r.name(lang)),
            SegmentKind::Abc(a) => match lang {
                Lang::En => format!("ABC: {} customers", a.letter()),
                Lang::De => format!("ABC: {}-Kunden", a.letter()),
            },
            SegmentKind::Rule { name, .. } => name.clone(),
        }
    }

    /// Why customer `i` is in segment `s`, or `None` if they are not.
    pub fn explain(&self, i: usize, s: &Segment, lang: Lang) -> Option<String> {
        if !s.contains(i) {
            return None;
        }
        let c = &self.customers;
        let f = &c.figures;
        let cfg = &self.config;
        let de = lang == Lang::De;
        let date = |d: i32| dates::format_date(d, lang);
        let text = match &s.kind {
            SegmentKind::Builtin(b) => match b {
                Builtin::HighRevenue => {
                    let (r, t) = (
                        Money::show(*f.revenue.get(i)?, self.table.currency(), lang),
                        Money::show(cfg.high_revenue, self.table.currency(), lang),
                    );
                    if de {
                        format!("Umsatz {r} > {t}")
                    } else {
                        format!("revenue {r} > {t}")
                    }
                }
                Builtin::NewCustomers => {
                    let (first, cut) = (
                        date(*f.first_day.get(i)?),
                        date(cfg.new_within.before(f.as_of_day)),
                    );
                    if de {
                        format!("erste Bestellung am {first}, nicht vor {cut}")
                    } else {
                        format!("first order on {first}, not before {cut}")
                    }
                }
                Builtin::FrequentBuyers => {
                    let k = f.orders.get(i)?;
                    if de {
                        format!("{k} Bestellungen > {}", cfg.frequent_more_than)
                    } else {
                        format!("{k} orders > {}", cfg.frequent_more_than)
                    }
                }
                Builtin::Sleepers => {
                    let since = f.days_since_last(i)?;
                    let limit = f.as_of_day - cfg.sleepers_after.before(f.as_of_day);
                    if de {
                        format!("letzte Bestellung vor {since} Tagen > {limit}")
                    } else {
                        format!("last order {since} days ago > {limit}")
                    }
                }
                Builtin::ChurnWarning => {
                    let (gap, limit) = self.churn_limit(i)?;
                    let median = f.median_gap.get(i).copied().flatten()?;
                    let k = format::number(cfg.churn_gap_factor, 1, lang);
                    let (m, l) = (
                        format::number(median, 1, lang),
                        format::number(limit, 1, lang),
                    );
                    if de {
                        format!("letzte Bestellung vor {gap} Tagen > {k} × Median-Abstand {m} Tage = {l}")
                    } else {
                        format!("last order {gap} days ago > {k} × median gap {m} days = {l}")
                    }
                }
                Builtin::Vip => {
                    let rank = c.ranking.higher.get(i)? + 1;
                    let (n, top) = (c.len(), self.vip_count());
                    let share = format::percent(cfg.vip_share, lang);
                    if de {
                        format!("Umsatz-Rang {rank} von {n} ≤ {top} (beste {share})")
                    } else {
                        format!("revenue rank {rank} of {n} ≤ {top} (top {share})")
                    }
                }
                Builtin::LikelyChurned => {
                    let p = c.clv(i).p_alive?;
                    let (p, t) = (
                        format::number(p, 2, lang),
                        format::number(cfg.likely_churned_below, 2, lang),
                    );
                    if de {
                        format!("P(aktiv) {p} < {t}")
                    } else {
                        format!("P(alive) {p} < {t}")
                    }
                }
            },
            SegmentKind::Product(p) => {
                if de {
                    format!("hat {p} gekauft")
                } else {
                    format!("bought {p}")
                }
            }
            SegmentKind::Category(cat) => {
                if de {
                    format!("hat aus {cat} gekauft")
                } else {
                    format!("bought from {cat}")
                }
            }
            SegmentKind::Rfm(seg) => {
                let (r, fr, m) = (c.recency.get(i)?, c.frequency.get(i)?, c.monetary.get(i)?);
                format!("R {r}, F {fr} → {} (M {m})", seg.name(lang))
            }
            SegmentKind::Abc(class) => {
                let above = format::percent(*c.ranking.share_before.get(i)?, lang);
                if f.revenue.get(i).is_some_and(|&r| r <= 0) {
                    return Some(
                        lang.pick("no positive revenue", "kein positiver Umsatz")
                            .into(),
                    );
                }
                let (a, ab) = (
                    format::percent(cfg.abc_a, lang),
                    format::percent(cfg.abc_a + cfg.abc_b, lang),
                );
                let bound = match class {
                    AbcClass::A => format!("< {a}"),
                    AbcClass::B => format!("≥ {a} {} < {ab}", lang.pick("and", "und")),
                    AbcClass::C => format!("≥ {ab}"),
                };
                if de {
                    format!("Umsatzanteil der Kunden mit mehr Umsatz {above} {bound}")
                } else {
                    format!("revenue share of customers with more revenue {above} {bound}")
                }
            }
            SegmentKind::Rule { rule, .. } => {
                let parsed = Rule::parse(rule).ok()?;
                parsed.explain(self, i, lang)?
            }
        };
        Some(text)
    }
}

/// "1 month", "12 Wochen", …
pub fn period_words(p: Period, lang: Lang) -> String {
    use dates::Unit::*;
    let one = p.amount == 1;
    let unit = match (p.unit, lang, one) {
        (Days, Lang::En, true) => "day",
        (Days, Lang::En, false) => "days",
        (Weeks, Lang::En, true) => "week",
        (Weeks, Lang::En, false) => "weeks",
        (Months, Lang::En, true) => "month",
        (Months, Lang::En, false) => "months",
        (Years, Lang::En, true) => "year",
        (Years, Lang::En, false) => "years",
        (Days, Lang::De, true) => "Tag",
        (Days, Lang::De, false) => "Tagen",
        (Weeks, Lang::De, true) => "Woche",
        (Weeks, Lang::De, false) => "Wochen",
        (Months, Lang::De, true) => "Monat",
        (Months, Lang::De, false) => "Monaten",
        (Years, Lang::De, true) => "Jahr",
        (Years, Lang::De, false) => "Jahren",
    };
    if one && lang == Lang::De {
        let article = match p.unit {
            Weeks => "einer",
            _ => "einem",
        };
        format!("{article} {unit}")
    } else if one {
        format!("1 {unit}")
    } else {
        format!("{} {unit}", p.amount)
    }
}
