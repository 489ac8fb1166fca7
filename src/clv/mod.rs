//! Customer lifetime value: BG/NBD (or Pareto/NBD) for the number of future
//! orders, Gamma-Gamma for their value, discounted over a horizon.
//!
//! [`analyse`] is the one-call API: orders in, fitted models and one
//! explained prediction per customer out, or a clear [`ClvError`] saying
//! what is missing.
//!
//! - The summary per customer follows the `lifetimes` convention, see
//!   [`summary`].
//! - [`bgnbd`]: probability alive, expected orders, next order date.
//!   **Under BG/NBD a customer without a repeat purchase always has
//!   P(alive) = 1**: the model lets customers drop out only right after a
//!   purchase. Pareto/NBD ([`pareto`]) does not have this property.
//! - [`gamma_gamma`]: expected average order value per customer; the
//!   population mean for customers without repeat purchases. Repeat
//!   purchases worth 0.00 count as such (the mean shrunk towards 0, as in
//!   `lifetimes`), but do not enter the fit.
//! - CLV as in `lifetimes`' `customer_lifetime_value`: expected orders per
//!   month of the horizon times the expected order value, discounted by
//!   `(1 + discount_rate)^month`. A month is 30 days or 4.345 weeks.
//!
//! Money is in minor units (cents), as `f64` because the figures are
//! expectations.
//!
//! ```
//! use stammkunde::clv::{analyse, ClvOptions};
//! use stammkunde::orders::Order;
//! let day = 86_400;
//! // 40 customers; every second one comes back twice.
//! let mut orders = Vec::new();
//! for c in 0..40i64 {
//!     let cust = format!("c{c}");
//!     orders.push(Order::new(&format!("{c}-1"), &cust, (c % 30) * day, 2_500, "EUR"));
//!     if c % 2 == 0 {
//!         orders.push(Order::new(&format!("{c}-2"), &cust, (40 + c) * day, 3_000, "EUR"));
//!         orders.push(Order::new(&format!("{c}-3"), &cust, (90 + 2 * c) * day, 3_500, "EUR"));
//!     }
//! }
//! let opts = ClvOptions { calibration_end: Some(200 * day), min_customers: 10, min_repeat_buyers: 5, ..Default::default() };
//! let report = analyse(&orders, &opts).unwrap();
//! let first = &report.customers[0];
//! assert_eq!(first.customer, "c0");
//! assert!(first.p_alive > 0.0 && first.p_alive <= 1.0);
//! assert!(first.predicted_clv >= 0.0);
//! // A one-time buyer is "alive" under BG/NBD.
//! assert_eq!(report.customers[1].p_alive, 1.0);
//!
//! // Too little data: no fit, and the message says how much more is needed.
//! let err = analyse(&orders[..6], &ClvOptions::default()).unwrap_err();
//! assert!(err.to_string().contains("more"));
//! ```

pub mod bgnbd;
pub mod gamma_gamma;
pub mod optimize;
pub mod pareto;
pub mod special;
pub mod summary;

mod reasons;
mod report;

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::calendar::{Zone, ZoneCache};
use serde::{Deserialize, Serialize};

pub use self::reasons::Reasons;
pub use self::report::{
    analyse, analyse_summary, summary_options, ClvReport, CustomerClv, CustomerScores,
};

/// A fast non-cryptographic hasher for order ids, customer keys and
/// histories (the admin's own data, so hash flooding is not a concern;
/// SipHash made the summary the slowest step).
#[derive(Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.add(u64::from_le_bytes(w));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(w));
        }
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        // Mix the high bits down: the table index uses the low bits, which
        // the multiply alone leaves depending on the first bytes only.
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

pub(crate) type Fx = BuildHasherDefault<FxHasher>;

/// Time unit of recency, T and the model's rate parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TimeUnit {
    /// Days.
    Days,
    /// Weeks (days / 7), as in the BG/NBD literature.
    #[default]
    Weeks,
}

impl TimeUnit {
    /// Days per unit.
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Days => 1.0,
            TimeUnit::Weeks => 7.0,
        }
    }

    /// Units per month in the CLV sum, as in `lifetimes` (30 days, 4.345 weeks).
    pub fn per_month(self) -> f64 {
        match self {
            TimeUnit::Days => 30.0,
            TimeUnit::Weeks => 4.345,
        }
    }

    fn name(self, lang: Lang, n: f64) -> &'static str {
        let one = (n - 1.0).abs() < 0.05;
        match (self, lang, one) {
            (TimeUnit::Days, Lang::En, true) => "day",
            (TimeUnit::Days, Lang::En, false) => "days",
            (TimeUnit::Weeks, Lang::En, true) => "week",
            (TimeUnit::Weeks, Lang::En, false) => "weeks",
            (TimeUnit::Days, Lang::De, true) => "Tag",
            (TimeUnit::Days, Lang::De, false) => "Tagen",
            (TimeUnit::Weeks, Lang::De, true) => "Woche",
            (TimeUnit::Weeks, Lang::De, false) => "Wochen",
        }
    }
}

/// The model for the number of future orders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum TransactionModel {
    /// BG/NBD (Fader, Hardie & Lee 2005).
    #[default]
    BgNbd,
    /// Pareto/NBD (Schmittlein, Morrison & Colombo 1987).
    ParetoNbd,
}

/// Language of messages and reasons (the one language type of the crate).
pub use crate::lang::Lang;

/// Options of [`analyse`]. In JSON/JS every field is optional and
/// camelCase; unknown fields are refused, so a typo is reported
/// rather than silently ignored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct ClvOptions {
    /// End of the calibration period, Unix seconds (the whole day counts);
    /// orders after it are ignored. `None`: the day of the latest order.
    /// In JS also `'YYYY-MM-DD'`, `'31.01.2026'` or a `Date`.
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "number | string | Date"))]
    pub calibration_end: Option<i64>,
    /// Days or weeks (default weeks).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub unit: TimeUnit,
    /// Horizon of expected orders and CLV in months (1 to 120, default 12).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub horizon_months: u32,
    /// Monthly discount rate (0 to < 1, default 0.01 as in `lifetimes`).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub discount_rate: f64,
    /// Fewest customers to fit on (default 500).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub min_customers: usize,
    /// Fewest repeat buyers to fit on (default 100).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub min_repeat_buyers: usize,
    /// Fewest days from the first order to the calibration end (default 180).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub min_history_days: u32,
    /// BG/NBD (default) or Pareto/NBD.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub model: TransactionModel,
    /// L2 penalty on the parameters as in `lifetimes` (default 0: plain
    /// maximum likelihood). Small values (0.001 to 0.1) steady fits on
    /// little data.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub penalizer: f64,
    /// Analyse only orders in this currency; needed when orders mix
    /// currencies.
    pub currency: Option<String>,
    /// The shop's offset from UTC in minutes for cutting days (default 0).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub utc_offset_minutes: i32,
    /// The shop's time zone (see [`crate::calendar`]), e.g.
    /// `Europe/Berlin`; overrides `utc_offset_minutes`.
    pub time_zone: Option<String>,
    /// Offset changes `[from, minutes]` of a zone without a native rule;
    /// overrides `time_zone`.
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "[number, number][]"))]
    pub zone_offsets: Vec<(i64, i32)>,
    /// The zone, worked out once.
    #[serde(skip)]
    #[doc(hidden)]
    pub zone_cache: ZoneCache,
    /// Language of messages and reasons (`en` default natively, `de` in JS).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub lang: Lang,
}

impl ClvOptions {
    fn checked_zone(&self) -> Result<Zone, String> {
        Zone::from_options(
            self.time_zone.as_deref(),
            &self.zone_offsets,
            self.utc_offset_minutes,
        )
    }

    /// The shop's zone (UTC when the options are bad, which [`analyse`]
    /// reports).
    pub fn zone(&self) -> &Zone {
        self.zone_cache
            .get(|| self.checked_zone().unwrap_or_default())
    }
}

impl Default for ClvOptions {
    fn default() -> Self {
        ClvOptions {
            calibration_end: None,
            unit: TimeUnit::Weeks,
            horizon_months: 12,
            discount_rate: 0.01,
            min_customers: 500,
            min_repeat_buyers: 100,
            min_history_days: 180,
            model: TransactionModel::BgNbd,
            penalizer: 0.0,
            currency: None,
            utc_offset_minutes: 0,
            time_zone: None,
            zone_offsets: Vec::new(),
            zone_cache: ZoneCache::default(),
            lang: Lang::En,
        }
    }
}

/// A data requirement that is not met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Requirement {
    /// Customers with an order in the calibration period.
    Customers,
    /// Customers with at least one repeat purchase (and a positive value).
    RepeatBuyers,
    /// Days from the first order to the calibration end.
    HistoryDays,
}

/// One unmet requirement: what there is, what is needed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvShortfall"))]
pub struct Shortfall {
    /// Which requirement.
    pub requirement: Requirement,
    /// What the data has.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub have: u64,
    /// What is needed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub need: u64,
    /// How many more are needed.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub more_needed: u64,
}

/// Why the models were not fitted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Insufficient {
    /// The unmet requirements.
    pub shortfalls: Vec<Shortfall>,
    /// The same in words.
    pub message: String,
}

/// Why [`analyse`] gave no report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ClvError {
    /// Too little data to fit the models.
    Insufficient(Insufficient),
    /// The orders are in several currencies and none was chosen.
    MixedCurrencies {
        /// Each currency with its number of orders.
        currencies: Vec<(String, usize)>,
    },
    /// An option is out of range.
    InvalidOption {
        /// The option's name.
        field: String,
        /// What is wrong.
        reason: String,
        /// How to fix it.
        fix: String,
    },
    /// The fit produced no usable parameters.
    FitFailed {
        /// What went wrong.
        message: String,
    },
}

impl std::fmt::Display for ClvError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ClvError::Insufficient(i) => f.write_str(&i.message),
            ClvError::MixedCurrencies { currencies } => {
                let list: Vec<String> = currencies
                    .iter()
                    .map(|(c, n)| format!("{c} ({n} orders)"))
                    .collect();
                write!(
                    f,
                    "the orders are in several currencies: {}; set the option currency to analyse one of them",
                    list.join(", ")
                )
            }
            ClvError::InvalidOption { field, reason, fix } => {
                write!(f, "option {field}: {reason}; {fix}")
            }
            ClvError::FitFailed { message } => write!(f, "the model fit failed: {message}"),
        }
    }
}

impl std::error::Error for ClvError {}

impl Insufficient {
    fn new(shortfalls: Vec<Shortfall>, lang: Lang) -> Self {
        let parts: Vec<String> = shortfalls
            .iter()
            .map(|s| match (lang, s.requirement) {
                (Lang::En, Requirement::Customers) => {
                    format!(
                        "{} customers with orders (need {}, {} more)",
                        s.have, s.need, s.more_needed
                    )
                }
                (Lang::En, Requirement::RepeatBuyers) => format!(
                    "{} customers with a repeat purchase (need {}, {} more)",
                    s.have, s.need, s.more_needed
                ),
                (Lang::En, Requirement::HistoryDays) => format!(
                    "{} days of order history (need {}, {} more days)",
                    s.have, s.need, s.more_needed
                ),
                (Lang::De, Requirement::Customers) => {
                    format!(
                        "{} Kunden mit Bestellungen (nötig {}, es fehlen {})",
                        s.have, s.need, s.more_needed
                    )
                }
                (Lang::De, Requirement::RepeatBuyers) => format!(
                    "{} Kunden mit Wiederholungskauf (nötig {}, es fehlen {})",
                    s.have, s.need, s.more_needed
                ),
                (Lang::De, Requirement::HistoryDays) => format!(
                    "{} Tage Bestellhistorie (nötig {}, es fehlen {} Tage)",
                    s.have, s.need, s.more_needed
                ),
            })
            .collect();
        let message = match lang {
            Lang::En => format!(
                "not enough data for customer lifetime value: {}. The prediction starts once these are reached.",
                parts.join("; ")
            ),
            Lang::De => format!(
                "zu wenig Daten für den Kundenwert: {}. Die Vorhersage startet, sobald das erreicht ist.",
                parts.join("; ")
            ),
        };
        Insufficient {
            shortfalls,
            message,
        }
    }
}

/// Checks the options' ranges.
fn validate(opts: &ClvOptions) -> Result<(), ClvError> {
    let bad = |field: &str, reason: String, fix: &str| {
        Err(ClvError::InvalidOption {
            field: field.into(),
            reason,
            fix: fix.into(),
        })
    };
    if !(1..=120).contains(&opts.horizon_months) {
        return bad(
            "horizonMonths",
            format!("{} is out of range", opts.horizon_months),
            "use 1 to 120 months",
        );
    }
    if !(opts.discount_rate >= 0.0 && opts.discount_rate < 1.0) {
        return bad(
            "discountRate",
            format!("{} is out of range", opts.discount_rate),
            "use a monthly rate from 0 to below 1, e.g. 0.01",
        );
    }
    if !(opts.penalizer >= 0.0 && opts.penalizer.is_finite()) {
        return bad(
            "penalizer",
            format!("{} is not allowed", opts.penalizer),
            "use 0 or a small positive number",
        );
    }
    // 1970-01-01 .. 2200-01-01, the range the order readers accept.
    if let Some(end) = opts
        .calibration_end
        .filter(|t| !(0..7_258_118_400).contains(t))
    {
        return bad(
            "calibrationEnd",
            format!("{end} is not a time between 1970 and 2199"),
            "give Unix seconds (UTC), e.g. 1_793_491_200 for 2026-11-01",
        );
    }
    if opts.utc_offset_minutes.abs() > 18 * 60 {
        return bad(
            "utcOffsetMinutes",
            format!("{} is out of range", opts.utc_offset_minutes),
            "use -1080 to 1080 minutes, e.g. 60 for CET",
        );
    }
    if let Err(reason) = opts.checked_zone() {
        return bad(
            "time_zone",
            reason,
            "use Europe/Berlin, UTC or +01:00, or pass zone_offsets",
        );
    }
    Ok(())
}

/// Customer key to the three figures the segment rules use.
pub fn scores_by_customer(report: &ClvReport) -> HashMap<&str, CustomerScores> {
    report
        .customers
        .iter()
        .map(|c| (c.customer.as_str(), c.scores()))
        .collect()
}
