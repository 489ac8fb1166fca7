//! Evaluates a rule over all customers at once: every condition becomes a
//! bit set over the customer columns, combined with AND/OR/NOT word by word.

use super::error::{did_you_mean, ErrorKind, RuleError};
use super::parser::{DateValue, Expr, Field, Kind, TextValue};
use super::ProductMatch;
use super::Subject;
use crate::calendar as dates;
use crate::format;
use crate::lang::Lang;
use crate::money::{Currency, Money};

/// One bit per customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    fn new(len: usize) -> Bits {
        Bits {
            words: vec![0; len.div_ceil(64)],
            len,
        }
    }

    fn from_fn(len: usize, mut f: impl FnMut(usize) -> bool) -> Bits {
        let mut b = Bits::new(len);
        for (w, word) in b.words.iter_mut().enumerate() {
            let base = w * 64;
            let mut acc = 0u64;
            for bit in 0..64.min(len - base) {
                acc |= u64::from(f(base + bit)) << bit;
            }
            *word = acc;
        }
        b
    }

    fn set(&mut self, i: usize) {
        if let Some(w) = self.words.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    fn and(mut self, other: &Bits) -> Bits {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a &= b);
        self
    }

    fn or(mut self, other: &Bits) -> Bits {
        self.words
            .iter_mut()
            .zip(&other.words)
            .for_each(|(a, b)| *a |= b);
        self
    }

    fn not(mut self) -> Bits {
        self.words.iter_mut().for_each(|a| *a = !*a);
        let rest = self.len % 64;
        if rest != 0 {
            if let Some(last) = self.words.last_mut() {
                *last &= (1u64 << rest) - 1;
            }
        }
        self
    }

    /// Indices of the set bits, ascending.
    pub fn ones(&self) -> Vec<u32> {
        let mut out = Vec::new();
        for (w, &word) in self.words.iter().enumerate() {
            let mut x = word;
            while x != 0 {
                let bit = x.trailing_zeros() as usize;
                out.push((w * 64 + bit) as u32);
                x &= x - 1;
            }
        }
        out
    }
}

/// The written value of a comparison as the figures hold it: money in
/// minor units of the table's currency (500 is 50000 for EUR, 500 for JPY,
/// 500000 for KWD).
fn threshold<S: Subject + ?Sized>(seg: &S, field: Field, value: f64) -> f64 {
    threshold_in(Currency::or_eur(seg.currency()), field, value)
}

/// [`threshold`] for a known currency (also used by the SQL compiler).
pub(crate) fn threshold_in(currency: Currency, field: Field, value: f64) -> f64 {
    match field.kind() {
        Kind::Money => {
            let minor = value * currency.scale() as f64;
            // 0.1 EUR is 10 cents, not 10.000000000000002; 400.01 JPY stays
            // between 400 and 401.
            if (minor - minor.round()).abs() < 1e-6 {
                minor.round()
            } else {
                minor
            }
        }
        _ => value,
    }
}

/// The value of a number or money field (money in minor units).
fn number<S: Subject + ?Sized>(seg: &S, field: Field, i: usize) -> Option<f64> {
    match field {
        Field::AmountSpent => seg.revenue(i).map(|r| r as f64),
        Field::NumberOfOrders => seg.orders(i).map(f64::from),
        Field::AverageOrderValue => seg.average_order_value(i),
        Field::MedianDaysBetweenOrders => seg.median_gap(i),
        Field::DaysSinceLastOrder => seg.days_since_last(i).map(f64::from),
        Field::RecencyScore => seg.recency_score(i).map(f64::from),
        Field::FrequencyScore => seg.frequency_score(i).map(f64::from),
        Field::MonetaryScore => seg.monetary_score(i).map(f64::from),
        Field::PAlive => seg.p_alive(i),
        Field::PredictedClv => seg.predicted_clv(i),
        Field::ExpectedOrders => seg.expected_orders(i),
        _ => None,
    }
}

fn day<S: Subject + ?Sized>(seg: &S, field: Field, i: usize) -> Option<i32> {
    match field {
        Field::FirstOrderDate => seg.first_day(i),
        Field::LastOrderDate => seg.last_day(i),
        _ => None,
    }
}

fn resolve(value: DateValue, as_of_day: i32) -> i32 {
    match value {
        DateValue::Absolute(d) => d,
        DateValue::Relative(sign, p) if sign < 0 => p.before(as_of_day),
        DateValue::Relative(_, p) => p.after(as_of_day),
    }
}

fn fields(expr: &Expr, out: &mut Vec<Field>) {
    match expr {
        Expr::And(a, b) | Expr::Or(a, b) => {
            fields(a, out);
            fields(b, out);
        }
        Expr::Not(a) => fields(a, out),
        Expr::Number { field, .. } | Expr::Date { field, .. } | Expr::Text { field, .. } => {
            out.push(*field)
        }
        Expr::Bought { .. } => {}
    }
}

/// Checks what evaluating needs: CLV values for CLV fields.
pub fn check<S: Subject + ?Sized>(expr: &Expr, seg: &S) -> Result<(), RuleError> {
    let mut used = Vec::new();
    fields(expr, &mut used);
    if let Some(f) = used.into_iter().find(|f| f.needs_clv()) {
        if !seg.has_clv() {
            let col = clv_column(expr).unwrap_or(1);
            return Err(RuleError::new(
                col,
                f.name().chars().count(),
                ErrorKind::NeedsClv(f.name().into()),
            ));
        }
    }
    Ok(())
}

fn clv_column(expr: &Expr) -> Option<usize> {
    match expr {
        Expr::And(a, b) | Expr::Or(a, b) => clv_column(a).or_else(|| clv_column(b)),
        Expr::Not(a) => clv_column(a),
        Expr::Number { field, col, .. } if field.needs_clv() => Some(*col),
        _ => None,
    }
}

pub fn eval<S: Subject + ?Sized>(expr: &Expr, seg: &S) -> Result<Bits, RuleError> {
    let n = seg.customer_count();
    Ok(match expr {
        Expr::And(a, b) => eval(a, seg)?.and(&eval(b, seg)?),
        Expr::Or(a, b) => eval(a, seg)?.or(&eval(b, seg)?),
        Expr::Not(a) => eval(a, seg)?.not(),
        Expr::Number {
            field, op, value, ..
        } => {
            let (field, op) = (*field, *op);
            let value = threshold(seg, field, *value);
            Bits::from_fn(n, |i| {
                number(seg, field, i).is_some_and(|x| op.test(x, value))
            })
        }
        Expr::Date {
            field, op, value, ..
        } => {
            let (field, op) = (*field, *op);
            let target = resolve(*value, seg.as_of_day());
            Bits::from_fn(n, |i| {
                day(seg, field, i).is_some_and(|d| op.test(d, target))
            })
        }
        Expr::Text {
            field,
            negate,
            value,
            at,
        } => {
            let hit = match value {
                TextValue::Rfm(s) => Bits::from_fn(n, |i| seg.rfm(i) == Some(*s)),
                TextValue::Abc(a) => Bits::from_fn(n, |i| seg.abc(i) == Some(*a)),
                TextValue::Key(k) => Bits::from_fn(n, |i| seg.key(i).eq_ignore_ascii_case(k)),
                TextValue::Segment(id) => {
                    let Some(members) = seg.segment_members(id) else {
                        let known = seg.segment_ids();
                        return Err(RuleError::new(
                            at.0,
                            at.1,
                            ErrorKind::UnknownValue {
                                field: field.name().into(),
                                value: id.clone(),
                                suggestion: did_you_mean(id, known.iter().map(String::as_str)),
                                known,
                            },
                        ));
                    };
                    let mut b = Bits::new(n);
                    members.iter().for_each(|&m| b.set(m as usize));
                    b
                }
            };
            if *negate {
                hit.not()
            } else {
                hit
            }
        }
        Expr::Bought { what, negate } => {
            let mut flags = vec![false; n];
            seg.mark_bought(what, &mut flags);
            let hit = Bits::from_fn(n, |i| flags.get(i).copied().unwrap_or(false));
            if *negate {
                hit.not()
            } else {
                hit
            }
        }
    })
}

/// Who bought what, per `products_purchased(…)` condition, computed once
/// per segmentation so explaining many customers stays linear.
#[derive(Debug, Default)]
pub struct BoughtCache {
    entries: Vec<(ProductMatch, Vec<bool>)>,
}

impl BoughtCache {
    fn get<S: Subject + ?Sized>(&mut self, seg: &S, what: &ProductMatch, i: usize) -> bool {
        let pos = match self.entries.iter().position(|(w, _)| w == what) {
            Some(pos) => pos,
            None => {
                let mut flags = vec![false; seg.customer_count()];
                seg.mark_bought(what, &mut flags);
                self.entries.push((what.clone(), flags));
                self.entries.len() - 1
            }
        };
        self.entries
            .get(pos)
            .and_then(|(_, f)| f.get(i))
            .copied()
            .unwrap_or(false)
    }
}

/// Whether the rule holds for customer `i`, and the facts that decide it.
pub fn explain<S: Subject + ?Sized>(
    expr: &Expr,
    seg: &S,
    i: usize,
    lang: Lang,
    cache: &mut BoughtCache,
) -> (bool, String) {
    let is_not = lang.pick("is not", "ist nicht");
    match expr {
        Expr::And(a, b) => {
            let (ha, ta) = explain(a, seg, i, lang, cache);
            let (hb, tb) = explain(b, seg, i, lang, cache);
            let text = match (ha, hb) {
                (true, true) => format!("{ta} {} {tb}", lang.pick("and", "und")),
                (false, _) => ta,
                (true, false) => tb,
            };
            (ha && hb, text)
        }
        Expr::Or(a, b) => {
            let (ha, ta) = explain(a, seg, i, lang, cache);
            let (hb, tb) = explain(b, seg, i, lang, cache);
            let text = match (ha, hb) {
                (true, true) => format!("{ta} {} {tb}", lang.pick("and", "und")),
                (true, false) => ta,
                (false, true) => tb,
                (false, false) => format!("{ta} {} {tb}", lang.pick("and", "und")),
            };
            (ha || hb, text)
        }
        Expr::Not(a) => {
            let (h, t) = explain(a, seg, i, lang, cache);
            (!h, t)
        }
        Expr::Number {
            field,
            op,
            value,
            written,
            ..
        } => {
            let name = field.name();
            match number(seg, *field, i) {
                None => (
                    false,
                    format!("{name} {}", lang.pick("has no value", "hat keinen Wert")),
                ),
                Some(x) => {
                    let holds = op.test(x, threshold(seg, *field, *value));
                    let shown = match field.kind() {
                        Kind::Money => {
                            let currency = Currency::or_eur(seg.currency());
                            Money::rounded(x, currency).amount(lang)
                        }
                        _ if x.fract() == 0.0 => format::number(x, 0, lang),
                        _ => format::number(x, 2, lang),
                    };
                    let verb = if holds {
                        String::new()
                    } else {
                        format!("{is_not} ")
                    };
                    (
                        holds,
                        format!("{name} {shown} {verb}{} {written}", op.symbol()),
                    )
                }
            }
        }
        Expr::Date {
            field,
            op,
            value,
            written,
        } => {
            let target = resolve(*value, seg.as_of_day());
            let name = field.name();
            match day(seg, *field, i) {
                None => (
                    false,
                    format!("{name} {}", lang.pick("has no value", "hat keinen Wert")),
                ),
                Some(d) => {
                    let holds = op.test(d, target);
                    let verb = if holds {
                        String::new()
                    } else {
                        format!("{is_not} ")
                    };
                    let target_text = match value {
                        DateValue::Absolute(_) => dates::format_date(target, lang),
                        DateValue::Relative(..) => {
                            format!("{} ({written})", dates::format_date(target, lang))
                        }
                    };
                    (
                        holds,
                        format!(
                            "{name} {} {verb}{} {target_text}",
                            dates::format_date(d, lang),
                            op.symbol()
                        ),
                    )
                }
            }
        }
        Expr::Text {
            field,
            negate,
            value,
            ..
        } => {
            let (holds_eq, actual, wanted) = match value {
                TextValue::Rfm(s) => {
                    let actual = seg.rfm(i);
                    (
                        actual == Some(*s),
                        actual.map(|a| a.id().to_string()).unwrap_or_default(),
                        s.id().to_string(),
                    )
                }
                TextValue::Abc(a) => {
                    let actual = seg.abc(i);
                    (
                        actual == Some(*a),
                        actual.map(|a| a.letter().to_string()).unwrap_or_default(),
                        a.letter().into(),
                    )
                }
                TextValue::Key(k) => {
                    let key = seg.key(i);
                    (key.eq_ignore_ascii_case(k), key.into_owned(), k.clone())
                }
                TextValue::Segment(id) => {
                    let member = seg.in_segment(id, i);
                    let text = if member {
                        lang.pick("member of", "Mitglied von")
                    } else {
                        lang.pick("not a member of", "nicht Mitglied von")
                    };
                    return (member != *negate, format!("{text} {id}"));
                }
            };
            let holds = holds_eq != *negate;
            let op = if holds_eq { "=" } else { "!=" };
            (
                holds,
                format!("{} '{actual}' {op} '{wanted}'", field.name()),
            )
        }
        Expr::Bought { what, negate } => {
            let bought = cache.get(seg, what, i);
            let text = match (bought, lang) {
                (true, Lang::En) => format!("bought {}", what.describe(lang)),
                (false, Lang::En) => format!("did not buy {}", what.describe(lang)),
                (true, Lang::De) => format!("hat {} gekauft", what.describe(lang)),
                (false, Lang::De) => format!("hat {} nicht gekauft", what.describe(lang)),
            };
            (bought != *negate, text)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_operations_respect_the_length() {
        let a = Bits::from_fn(70, |i| i % 2 == 0);
        assert_eq!(a.clone().not().ones().len(), 35);
        assert_eq!(a.clone().not().ones().last(), Some(&69));
        let b = Bits::from_fn(70, |i| i < 4);
        assert_eq!(a.clone().and(&b).ones(), [0, 2]);
        assert_eq!(a.or(&b).ones().len(), 37);
        assert_eq!(Bits::new(0).not().ones(), Vec::<u32>::new());
    }
}
