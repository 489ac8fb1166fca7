//! Options of the segment computation: as-of date, thresholds, products
//! and categories to track, custom rules.

use serde::{Deserialize, Serialize};

use super::{Period, SegmentError};
use crate::calendar::{Zone, ZoneCache};

/// A custom segment defined by a rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "SegmentRule"))]
pub struct RuleDef {
    /// Identifier; the segment id is `rule:<id>`.
    pub id: String,
    /// Display name; the id when empty.
    #[serde(default)]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub name: String,
    /// The rule, e.g. `amount_spent > 500 AND number_of_orders >= 3`.
    pub rule: String,
}

/// Thresholds and options. Every field has a default; in JSON and JS the
/// names are camelCase (`asOf`, `highRevenue`, …), snake_case is accepted
/// too, and unknown names are an error (so a typo does not pass silently).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "SegmentOptions", optional_fields))]
pub struct Config {
    /// The as-of time, Unix seconds; the whole day containing it counts and
    /// later orders are ignored. `None`: now (the system clock natively;
    /// the JS binding passes `Date.now()`). In JS also `'YYYY-MM-DD'` or
    /// `'31.01.2026'` (that day in the shop's zone) or a `Date`.
    #[serde(alias = "as_of")]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "string | Date | number"))]
    pub as_of: Option<i64>,
    /// The shop's offset from UTC in minutes, to cut days at local midnight
    /// (60 for CET). Default 0: UTC days.
    #[serde(alias = "utc_offset_minutes")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub utc_offset_minutes: i32,
    /// The shop's time zone (see [`crate::calendar`]): `Europe/Berlin` and
    /// the other European zones with summer time, `UTC` or `+01:00`.
    /// Overrides `utcOffsetMinutes`. Orders read from text take the same
    /// zone for their local times.
    #[serde(alias = "time_zone")]
    pub time_zone: Option<String>,
    /// Offset changes `[from, minutes]` of a zone without a native rule
    /// (e.g. from the browser's `Intl`); overrides `timeZone`.
    #[serde(alias = "zone_offsets")]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "[number, number][]"))]
    pub zone_offsets: Vec<(i64, i32)>,
    /// The zone, worked out once.
    #[serde(skip)]
    #[doc(hidden)]
    pub zone_cache: ZoneCache,
    /// `high_revenue`: net revenue over this, minor units (default 50000 = 500,00).
    #[serde(alias = "high_revenue")]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "number"))]
    pub high_revenue: i64,
    /// `new_customers`: first order within this period: days, weeks,
    /// months or years such as `30d`, `2w`, `1m`, `1y` (default `1m`).
    #[serde(alias = "new_within")]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "string"))]
    pub new_within: Period,
    /// `frequent_buyers`: more than this many orders (default 3).
    #[serde(alias = "frequent_more_than")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub frequent_more_than: u32,
    /// `sleepers`: no order within this period, e.g. `8w` (default `12w`).
    #[serde(alias = "sleepers_after")]
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "string"))]
    pub sleepers_after: Period,
    /// `churn_warning`: at least this many orders (default 3) …
    #[serde(alias = "churn_min_orders")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub churn_min_orders: u32,
    /// … and days since the last order above this factor times the
    /// customer's median gap (default 2).
    #[serde(alias = "churn_gap_factor")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub churn_gap_factor: f64,
    /// `vip`: this top share of customers by revenue (default 0.1).
    #[serde(alias = "vip_share")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub vip_share: f64,
    /// `likely_churned`: P(alive) below this (default 0.3).
    #[serde(alias = "likely_churned_below")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub likely_churned_below: f64,
    /// ABC: share of revenue of class A (default 0.8).
    #[serde(alias = "abc_a")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub abc_a: f64,
    /// ABC: share of revenue of class B (default 0.15); C is the rest.
    #[serde(alias = "abc_b")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub abc_b: f64,
    /// One `product:<sku>` segment per entry (matches product id or SKU).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub products: Vec<String>,
    /// One `category:<name>` segment per entry.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub categories: Vec<String>,
    /// Custom segments.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub rules: Vec<RuleDef>,
    /// Only orders in this currency when the table is built from orders
    /// (the JS bindings, the command line's `segment`); default: the first
    /// usable order's. The segment computation itself does not read it.
    pub currency: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            as_of: None,
            utc_offset_minutes: 0,
            time_zone: None,
            zone_offsets: Vec::new(),
            zone_cache: ZoneCache::default(),
            high_revenue: 50_000,
            new_within: Period::months(1),
            frequent_more_than: 3,
            sleepers_after: Period::weeks(12),
            churn_min_orders: 3,
            churn_gap_factor: 2.0,
            vip_share: 0.1,
            likely_churned_below: 0.3,
            abc_a: 0.8,
            abc_b: 0.15,
            products: Vec::new(),
            categories: Vec::new(),
            rules: Vec::new(),
            currency: None,
        }
    }
}

impl Config {
    /// The zone of `zone_offsets`, `time_zone` or `utc_offset_minutes`.
    fn checked_zone(&self) -> Result<Zone, String> {
        Zone::from_options(
            self.time_zone.as_deref(),
            &self.zone_offsets,
            self.utc_offset_minutes,
        )
    }

    /// The shop's zone (UTC when the options are bad, which
    /// [`Segmentation::compute`](super::Segmentation::compute) reports).
    pub fn zone(&self) -> &Zone {
        self.zone_cache
            .get(|| self.checked_zone().unwrap_or_default())
    }

    pub(crate) fn validate(&self) -> Result<(), SegmentError> {
        let bad = |field: &str, reason: String, fix: &str| {
            Err(SegmentError::Config {
                field: field.into(),
                reason,
                fix: fix.into(),
            })
        };
        let share = |x: f64| x.is_finite() && (0.0..=1.0).contains(&x);
        if !share(self.abc_a) || !share(self.abc_b) || self.abc_a + self.abc_b > 1.0 + 1e-9 {
            return bad(
                "abcA/abcB",
                format!(
                    "the ABC shares {} and {} are not shares that add up to at most 1",
                    self.abc_a, self.abc_b
                ),
                "pass shares between 0 and 1, e.g. abcA 0.8 and abcB 0.15 (C gets the rest)",
            );
        }
        if !share(self.vip_share) {
            return bad(
                "vipShare",
                format!("{} is not a share between 0 and 1", self.vip_share),
                "pass e.g. 0.1 for the top 10 %",
            );
        }
        if !share(self.likely_churned_below) {
            return bad(
                "likelyChurnedBelow",
                format!(
                    "{} is not a probability between 0 and 1",
                    self.likely_churned_below
                ),
                "pass e.g. 0.3",
            );
        }
        if !(self.churn_gap_factor.is_finite() && self.churn_gap_factor > 0.0) {
            return bad(
                "churnGapFactor",
                format!("{} is not a positive factor", self.churn_gap_factor),
                "pass e.g. 2 (the current gap must exceed twice the customer's median gap)",
            );
        }
        if self.utc_offset_minutes.abs() > 18 * 60 {
            return bad(
                "utcOffsetMinutes",
                format!(
                    "{} minutes is not a time zone offset",
                    self.utc_offset_minutes
                ),
                "pass minutes east of UTC between -1080 and 1080, e.g. 60 for CET",
            );
        }
        if let Err(reason) = self.checked_zone() {
            return bad(
                "timeZone",
                reason,
                "pass timeZone as Europe/Berlin, UTC or +01:00, or zoneOffsets",
            );
        }
        let mut ids = std::collections::HashSet::new();
        for r in &self.rules {
            if r.id.trim().is_empty() || !ids.insert(r.id.as_str()) {
                return bad(
                    "rules",
                    format!("the rule id '{}' is empty or used twice", r.id),
                    "give every rule its own id, e.g. \"big-spenders\"",
                );
            }
        }
        Ok(())
    }
}
