//! The explanations of one customer's CLV figures ([`Reasons`]).
//!
//! A report holds tens of thousands of customers; writing three or four
//! sentences for each took most of the prediction time and memory. So a
//! customer keeps the few figures the sentences are written from, and the
//! text is written when it is read (or serialised, as for JavaScript).

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::{Lang, TimeUnit};
use crate::calendar::{self, Zone};
use crate::money::{Currency, Money};

/// A customer's explanations, e.g. `3 repeat purchases, last 40 weeks ago,
/// P(alive) 0.21`, then the expected orders and value, and (BG/NBD) the
/// next-order date. Serialised as a list of strings.
///
/// ```
/// use stammkunde::clv::Reasons;
/// let r = Reasons::from(vec!["one".to_string(), "two".to_string()]);
/// assert_eq!(r.len(), 2);
/// assert_eq!(r.get(1).as_deref(), Some("two"));
/// assert_eq!(serde_json::to_string(&r).unwrap(), r#"["one","two"]"#);
/// ```
#[derive(Clone)]
pub struct Reasons(Inner);

#[derive(Clone)]
enum Inner {
    Figures(Figures),
    Text(Vec<String>),
}

/// What is the same for every customer of one report.
#[derive(Debug)]
pub(crate) struct Words {
    pub lang: Lang,
    pub unit: TimeUnit,
    pub months: u32,
    pub currency: String,
    /// BG/NBD (one-time buyers are alive; next-order dates).
    pub bg: bool,
    /// The shop's zone, for the local day of dates.
    pub zone: Zone,
}

/// The figures one customer's reasons are written from.
#[derive(Clone)]
pub(crate) struct Figures {
    pub words: Arc<Words>,
    pub frequency: u32,
    /// Units since the last purchase, rounded.
    pub ago: f64,
    pub alive: f64,
    pub expected_orders: f64,
    pub expected_aov: f64,
    pub predicted_clv: f64,
    /// The expected orders could not be computed.
    pub failed: bool,
    pub next: Option<i64>,
}

impl Reasons {
    pub(crate) fn from_figures(f: Figures) -> Self {
        Reasons(Inner::Figures(f))
    }

    /// How many reasons there are.
    pub fn len(&self) -> usize {
        match &self.0 {
            Inner::Figures(f) => 2 + usize::from(f.failed) + usize::from(f.words.bg),
            Inner::Text(t) => t.len(),
        }
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reason `i` as text.
    pub fn get(&self, i: usize) -> Option<String> {
        match &self.0 {
            Inner::Figures(f) => f.reason(i),
            Inner::Text(t) => t.get(i).cloned(),
        }
    }

    /// The reasons as text, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = String> + '_ {
        // Every index below len() has a reason.
        (0..self.len()).map(|i| self.get(i).unwrap_or_default())
    }

    /// The reasons as a list of strings.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().collect()
    }
}

impl From<Vec<String>> for Reasons {
    fn from(text: Vec<String>) -> Self {
        Reasons(Inner::Text(text))
    }
}

impl PartialEq for Reasons {
    fn eq(&self, other: &Self) -> bool {
        self.len() == other.len() && self.iter().eq(other.iter())
    }
}

impl fmt::Debug for Reasons {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl Serialize for Reasons {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for Reasons {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<String>::deserialize(d).map(Reasons::from)
    }
}

impl Figures {
    fn reason(&self, i: usize) -> Option<String> {
        let failed = usize::from(self.failed);
        match i {
            0 => Some(self.history()),
            1 => Some(self.value()),
            2 if self.failed => Some(
                match self.words.lang {
                    Lang::En => "expected orders could not be computed and are set to 0",
                    Lang::De => "erwartete Bestellungen nicht berechenbar, auf 0 gesetzt",
                }
                .to_string(),
            ),
            _ if i == 2 + failed && self.words.bg => Some(self.next_order()),
            _ => None,
        }
    }

    /// "3 repeat purchases, last 40 weeks ago, P(alive) 0.21".
    fn history(&self) -> String {
        let lang = self.words.lang;
        let en = lang == Lang::En;
        let ago = self.ago;
        let unit = self.words.unit.name(lang, ago);
        let n = u64::from(self.frequency);
        let l = Line::new(lang);
        let history = match (en, n) {
            (true, 0) => l
                .t("one purchase, ")
                .num(ago, 0)
                .t(" ")
                .t(unit)
                .t(" ago, no repeat purchase yet"),
            (true, 1) => l
                .t("1 repeat purchase, last ")
                .num(ago, 0)
                .t(" ")
                .t(unit)
                .t(" ago"),
            (true, _) => l
                .int(n)
                .t(" repeat purchases, last ")
                .num(ago, 0)
                .t(" ")
                .t(unit)
                .t(" ago"),
            (false, 0) => l
                .t("ein Kauf vor ")
                .num(ago, 0)
                .t(" ")
                .t(unit)
                .t(", noch kein Wiederholungskauf"),
            (false, 1) => l
                .t("1 Wiederholungskauf, zuletzt vor ")
                .num(ago, 0)
                .t(" ")
                .t(unit),
            (false, _) => l
                .int(n)
                .t(" Wiederholungskäufe, zuletzt vor ")
                .num(ago, 0)
                .t(" ")
                .t(unit),
        };
        let history = match (en, n == 0 && self.words.bg) {
            (true, true) => history.t(": BG/NBD counts such customers as active (P(alive) = 1)"),
            (false, true) => history.t(": BG/NBD zählt solche Kunden als aktiv (P(aktiv) = 1)"),
            (true, false) => history.t(", P(alive) ").num(self.alive, 2),
            (false, false) => history.t(", P(aktiv) ").num(self.alive, 2),
        };
        history.s
    }

    /// "expected 1.56 orders in the next 12 months at EUR 24.65 each = CLV EUR 36.27".
    fn value(&self) -> String {
        let w = &self.words;
        let en = w.lang == Lang::En;
        let months = u64::from(w.months);
        let l = Line::new(w.lang);
        let value = if en {
            l.t("expected ")
                .num(self.expected_orders, 2)
                .t(" orders in the next ")
                .int(months)
                .t(" months at ")
        } else {
            l.t("erwartet ")
                .num(self.expected_orders, 2)
                .t(" Bestellungen in den nächsten ")
                .int(months)
                .t(" Monaten zu je ")
        };
        let value = value.money(self.expected_aov, &w.currency);
        let value = match (en, self.frequency) {
            (true, 0) => value.t(" each (average of all customers) = CLV "),
            (true, _) => value.t(" each = CLV "),
            (false, 0) => value.t(" (Durchschnitt aller Kunden) = Kundenwert "),
            (false, _) => value.t(" = Kundenwert "),
        };
        value.money(self.predicted_clv, &w.currency).s
    }

    /// The next-order date in words (BG/NBD only).
    fn next_order(&self) -> String {
        let l = Line::new(self.words.lang);
        match (self.words.lang, self.next) {
            (Lang::En, Some(ts)) => {
                l.t("next order more likely than not by ")
                    .date(ts, &self.words.zone)
                    .s
            }
            (Lang::En, None) => l.t("another order is less likely than not").s,
            (Lang::De, Some(ts)) => {
                l.t("nächste Bestellung eher wahrscheinlich bis ")
                    .date(ts, &self.words.zone)
                    .s
            }
            (Lang::De, None) => l.t("eine weitere Bestellung ist eher unwahrscheinlich").s,
        }
    }
}

/// One reason being written. Plain pushes instead of `format!`, which was
/// several times slower here.
struct Line {
    s: String,
    lang: Lang,
}

impl Line {
    fn new(lang: Lang) -> Self {
        Line {
            s: String::with_capacity(112),
            lang,
        }
    }

    fn t(mut self, text: &str) -> Self {
        self.s.push_str(text);
        self
    }

    fn int(mut self, v: u64) -> Self {
        let mut buf = [0u8; 20];
        let mut i = buf.len();
        let mut v = v;
        loop {
            i -= 1;
            buf[i] = b'0' + (v % 10) as u8; // i >= 0: a u64 has at most 20 digits
            v /= 10;
            if v == 0 {
                break;
            }
        }
        self.s
            .push_str(std::str::from_utf8(&buf[i..]).unwrap_or("?"));
        self
    }

    /// `v` with `decimals` places (0 to 2), decimal comma in German.
    fn num(self, v: f64, decimals: u32) -> Self {
        let decimals = decimals.min(2);
        let scale = 10u64.pow(decimals);
        let scaled = (v.abs() * scale as f64).round();
        if !scaled.is_finite() || scaled > 9e15 {
            return self.t("?");
        }
        let scaled = scaled as u64;
        let mut me = if v < 0.0 && scaled > 0 {
            self.t("-")
        } else {
            self
        };
        me = me.int(scaled / scale);
        if decimals > 0 {
            let frac = scaled % scale;
            let point = if me.lang == Lang::De { "," } else { "." };
            me = me.t(point);
            if decimals == 2 && frac < 10 {
                me = me.t("0");
            }
            me = me.int(frac);
        }
        me
    }

    fn money(mut self, minor: f64, currency: &str) -> Self {
        match Currency::parse(currency) {
            Some(c) => Money::rounded(minor, c).write_text(&mut self.s, self.lang),
            None => {
                Money::rounded(minor, Currency::or_eur(None)).write(&mut self.s, self.lang, true)
            }
        }
        self
    }

    /// `YYYY-MM-DD` (en) or `DD.MM.YYYY` (de) of the local day of `ts`.
    fn date(self, ts: i64, zone: &Zone) -> Self {
        let text = calendar::format_date(zone.day_of(ts), self.lang);
        self.t(&text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_money_and_dates_are_written_per_language() {
        assert_eq!(Line::new(Lang::En).num(0.2049, 2).s, "0.20");
        assert_eq!(Line::new(Lang::De).num(1234.005, 2).s, "1234,01");
        assert_eq!(Line::new(Lang::En).num(-3.4, 0).s, "-3");
        assert_eq!(Line::new(Lang::En).num(0.04, 1).s, "0.0");
        assert_eq!(Line::new(Lang::En).money(2_599.6, "EUR").s, "EUR 26.00");
        assert_eq!(Line::new(Lang::De).money(5.0, "EUR").s, "0,05 EUR");
        assert_eq!(Line::new(Lang::De).money(5_000.0, "JPY").s, "5.000 JPY");
        assert_eq!(Line::new(Lang::En).money(5_000.0, "KWD").s, "KWD 5.000");
        assert_eq!(Line::new(Lang::De).money(12_345.0, "CHF").s, "123,45 CHF");
        // 23:30 UTC on 31 Oct 2026 is 1 November in Berlin (winter time).
        let berlin = Zone::parse("Europe/Berlin").unwrap();
        assert_eq!(
            Line::new(Lang::De).date(1_793_489_400, &berlin).s,
            "01.11.2026"
        );
        assert_eq!(Line::new(Lang::En).num(f64::NAN, 2).s, "?");
        // 1997-09-30 is day 10134 after 1970-01-01.
        assert_eq!(
            Line::new(Lang::En).date(10_134 * 86_400, &Zone::UTC).s,
            "1997-09-30"
        );
        assert_eq!(
            Line::new(Lang::De)
                .date(10_134 * 86_400 + 86_399, &Zone::UTC)
                .s,
            "30.09.1997"
        );
        assert_eq!(Line::new(Lang::En).date(0, &Zone::UTC).s, "1970-01-01");
        assert_eq!(
            Line::new(Lang::En).date(951_782_400, &Zone::UTC).s,
            "2000-02-29"
        );
    }

    fn figures(lang: Lang, bg: bool, failed: bool) -> Figures {
        Figures {
            words: Arc::new(Words {
                lang,
                unit: TimeUnit::Weeks,
                months: 12,
                currency: "EUR".into(),
                bg,
                zone: Zone::UTC,
            }),
            frequency: 3,
            ago: 40.0,
            alive: 0.2149,
            expected_orders: 1.556,
            expected_aov: 2_465.0,
            predicted_clv: 3_627.0,
            failed,
            next: Some(10_134 * 86_400),
        }
    }

    #[test]
    fn reasons_are_written_from_the_figures() {
        let r = Reasons::from_figures(figures(Lang::En, true, false));
        assert_eq!(
            r.to_vec(),
            [
                "3 repeat purchases, last 40 weeks ago, P(alive) 0.21",
                "expected 1.56 orders in the next 12 months at EUR 24.65 each = CLV EUR 36.27",
                "next order more likely than not by 1997-09-30",
            ]
        );
        let de = Reasons::from_figures(figures(Lang::De, false, true));
        assert_eq!(de.len(), 3);
        assert_eq!(
            de.get(1).as_deref(),
            Some("erwartet 1,56 Bestellungen in den nächsten 12 Monaten zu je 24,65 EUR = Kundenwert 36,27 EUR")
        );
        assert_eq!(
            de.get(2).as_deref(),
            Some("erwartete Bestellungen nicht berechenbar, auf 0 gesetzt")
        );
        assert_eq!(de.get(3), None);
    }

    #[test]
    fn reasons_serialise_as_text_and_compare_by_text() {
        let r = Reasons::from_figures(figures(Lang::En, true, true));
        let json = serde_json::to_string(&r).unwrap();
        let back: Reasons = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert_eq!(back.len(), 4);
        assert_eq!(format!("{r:?}"), format!("{:?}", r.to_vec()));
    }
}
