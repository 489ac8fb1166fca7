//! Segments: per-customer figures, RFM, ABC, the built-in segments and
//! custom rule segments, all as of a date the caller passes.
//!
//! Orders go into an [`OrderTable`] (columns: customer index, timestamp,
//! net total; products and categories interned), from canonical orders or
//! straight from typed arrays. [`Segmentation::compute`] aggregates per
//! customer in one pass and derives everything else from those columns.
//!
//! Built-in segments (thresholds in [`Config`]):
//!
//! | id | members | default |
//! | --- | --- | --- |
//! | `high_revenue` | net revenue over a threshold | 500,00 |
//! | `new_customers` | first order within the last period | 1 month |
//! | `frequent_buyers` | more than N orders | 3 |
//! | `sleepers` | no order within the last period | 12 weeks |
//! | `churn_warning` | at least N orders and days since the last order > k × own median gap | 3, k = 2 |
//! | `vip` | top share of customers by revenue | 10 % |
//! | `likely_churned` | P(alive) below a threshold (only with CLV values) | 0.3 |
//! | `product:<sku>` / `category:<name>` | bought that product / from that category | none |
//! | `rfm:<segment>` | the R×F grid segment, see [`rfm`] | |
//! | `abc:A`, `abc:B`, `abc:C` | the ABC class, see [`abc`] | 80/15/5 |
//! | `rule:<id>` | a custom rule, see [`crate::rules`] | |
//!
//! "Within the last period" and "no order within" use the same cut-off day,
//! the as-of day moved back by the period: a first order on that day is
//! still new, a last order on that day is not yet sleeping.
//!
//! ```
//! use std::sync::Arc;
//! use stammkunde::orders::Order;
//! use stammkunde::segments::{dates, Config, Lang, OrderTable, Segmentation};
//! let day = |d: &str| dates::start_of(dates::parse_date(d).unwrap()) + 12 * 3600;
//! let orders = vec![
//!     Order::new("1", "anna", day("2026-01-10"), 30_000, "EUR"),
//!     Order::new("2", "anna", day("2026-02-09"), 30_000, "EUR"),
//!     Order::new("3", "ben", day("2026-10-20"), 4_990, "EUR"),
//! ];
//! let config = Config { as_of: Some(day("2026-11-01")), ..Config::default() };
//! let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
//! let high = seg.segment("high_revenue").unwrap();
//! assert_eq!(high.members, [0]); // anna: 600,00 > 500,00
//! assert_eq!(high.share_of_customers, 0.5);
//! assert_eq!(seg.explain(0, high, Lang::En).unwrap(), "revenue EUR 600.00 > EUR 500.00");
//! let sleepers = seg.segment("sleepers").unwrap();
//! assert_eq!(seg.explain(0, sleepers, Lang::De).unwrap(), "letzte Bestellung vor 265 Tagen > 84");
//! assert!(seg.segment("new_customers").unwrap().members == [1]);
//! ```

pub mod abc;
mod config;
pub mod explain;
pub mod export;
mod figures;
pub mod json;
pub mod rfm;
mod scan;
mod table;

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

pub use self::abc::{AbcClass, ParetoPoint, Ranking};
pub use self::config::{Config, RuleDef};
pub use self::explain::period_words;
pub use self::figures::Figures;
pub use self::rfm::RfmSegment;
pub use self::table::{ColumnsError, OrderTable, Product, TableReport, NO_CATEGORY};
pub use crate::calendar as dates;
// Number formatting moved to the crate root; the old path still works.
pub use crate::calendar::Period;
pub use crate::format;
pub use crate::lang::Lang;
// The admin's streaming import builds tables order by order.
pub(crate) use self::scan::{scan_order, scan_order_at, Scanned};
pub(crate) use self::table::{Builder, FastMap, OrderRow};
use crate::rules::{ProductMatch, Rule, RuleError, Subject};

/// Why segments could not be computed.
#[derive(Debug, Clone, PartialEq)]
pub enum SegmentError {
    /// An option is out of range.
    Config {
        /// The option, as named in JSON.
        field: String,
        /// What is wrong.
        reason: String,
        /// How to fix it.
        fix: String,
    },
    /// A custom rule does not parse or cannot be evaluated.
    Rule {
        /// The rule's id.
        id: String,
        /// The error, with its position.
        error: Box<RuleError>,
    },
    /// CLV values do not fit the customers.
    Clv {
        /// What is wrong and how to fix it.
        reason: String,
    },
}

impl std::fmt::Display for SegmentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SegmentError::Config { field, reason, fix } => {
                write!(f, "option {field}: {reason}; {fix}")
            }
            SegmentError::Rule { id, error } => write!(f, "rule '{id}': {error}"),
            SegmentError::Clv { reason } => write!(f, "{reason}"),
        }
    }
}

impl std::error::Error for SegmentError {}

/// The built-in segments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Builtin {
    /// Net revenue over the threshold.
    HighRevenue,
    /// First order within the last period.
    NewCustomers,
    /// More than N orders.
    FrequentBuyers,
    /// No order within the last period.
    Sleepers,
    /// Current gap far above the customer's own rhythm.
    ChurnWarning,
    /// Top share by revenue.
    Vip,
    /// P(alive) below the threshold (CLV).
    LikelyChurned,
}

impl Builtin {
    /// All built-in segments, in output order.
    pub const ALL: [Builtin; 7] = [
        Builtin::HighRevenue,
        Builtin::NewCustomers,
        Builtin::FrequentBuyers,
        Builtin::Sleepers,
        Builtin::ChurnWarning,
        Builtin::Vip,
        Builtin::LikelyChurned,
    ];

    /// The segment id, e.g. `sleepers`.
    pub fn id(self) -> &'static str {
        match self {
            Builtin::HighRevenue => "high_revenue",
            Builtin::NewCustomers => "new_customers",
            Builtin::FrequentBuyers => "frequent_buyers",
            Builtin::Sleepers => "sleepers",
            Builtin::ChurnWarning => "churn_warning",
            Builtin::Vip => "vip",
            Builtin::LikelyChurned => "likely_churned",
        }
    }
}

/// What a segment is made of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "value")]
pub enum SegmentKind {
    /// A built-in segment.
    Builtin(Builtin),
    /// Bought a product (matched by id or SKU).
    Product(String),
    /// Bought from a category.
    Category(String),
    /// An RFM grid segment.
    Rfm(RfmSegment),
    /// An ABC class.
    Abc(AbcClass),
    /// A custom rule: display name and rule text.
    Rule {
        /// Display name.
        name: String,
        /// The rule.
        rule: String,
    },
}

/// One segment: its members and what they are worth.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// Identifier, e.g. `sleepers`, `rfm:at_risk`, `abc:A`, `rule:big`.
    pub id: String,
    /// What the segment is.
    pub kind: SegmentKind,
    /// Member customers (indices into the customer columns), ascending.
    pub members: Vec<u32>,
    /// Net revenue of the members, minor units.
    pub revenue: i64,
    /// Members / all customers (0 without customers).
    pub share_of_customers: f64,
    /// Members' revenue / all revenue (0 when there is no revenue).
    pub share_of_revenue: f64,
}

impl Segment {
    /// Number of members.
    pub fn count(&self) -> usize {
        self.members.len()
    }

    /// Whether customer `i` is a member.
    pub fn contains(&self, i: usize) -> bool {
        u32::try_from(i).is_ok_and(|i| self.members.binary_search(&i).is_ok())
    }
}

/// CLV predictions for one customer, from the CLV models. Every field is
/// optional; NaN and infinite values count as missing. In JSON the names
/// are camelCase, so the CLV report's per-customer entries fit as they are.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields))]
pub struct ClvValues {
    /// Probability that the customer is still active, 0 to 1.
    pub p_alive: Option<f64>,
    /// Predicted customer lifetime value, minor units.
    pub predicted_clv: Option<f64>,
    /// Expected number of orders over the CLV horizon.
    pub expected_orders: Option<f64>,
}

impl ClvValues {
    fn clean(self) -> ClvValues {
        let ok = |x: Option<f64>| x.filter(|v| v.is_finite());
        ClvValues {
            p_alive: ok(self.p_alive).map(|p| p.clamp(0.0, 1.0)),
            predicted_clv: ok(self.predicted_clv),
            expected_orders: ok(self.expected_orders),
        }
    }
}

/// Per-customer results as columns: the figures plus scores, classes and
/// (when given) CLV values. Index `i` is the same customer in every column.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Customers {
    /// First/last order day, order count, revenue, median gap.
    pub figures: Figures,
    /// R score 1 to 5.
    pub recency: Vec<u8>,
    /// F score 1 to 5.
    pub frequency: Vec<u8>,
    /// M score 1 to 5.
    pub monetary: Vec<u8>,
    /// R×F grid segment.
    pub rfm: Vec<RfmSegment>,
    /// ABC class.
    pub abc: Vec<AbcClass>,
    /// Ranking by revenue (rank, share of revenue above).
    pub ranking: Ranking,
    /// CLV values per customer; empty when none were given.
    pub clv: Vec<ClvValues>,
}

impl Customers {
    /// Number of customers.
    pub fn len(&self) -> usize {
        self.figures.len()
    }

    /// Whether there are no customers.
    pub fn is_empty(&self) -> bool {
        self.figures.is_empty()
    }

    /// The CLV values of customer `i` (all `None` without CLV).
    pub fn clv(&self, i: usize) -> ClvValues {
        self.clv.get(i).copied().unwrap_or_default()
    }

    /// Whether CLV values were given.
    pub fn has_clv(&self) -> bool {
        !self.clv.is_empty()
    }
}

/// Everything computed for one as-of date.
#[derive(Debug, Clone)]
pub struct Segmentation {
    table: Arc<OrderTable>,
    config: Config,
    as_of: i64,
    customers: Customers,
    /// Table customer index -> customer index here (`u32::MAX`: no orders).
    index_of_table: Vec<u32>,
    segments: Vec<Segment>,
    pareto: Vec<ParetoPoint>,
    total_revenue: i64,
}

/// Points of the Pareto curve at most.
pub const PARETO_POINTS: usize = 101;

#[cfg(not(target_arch = "wasm32"))]
fn now() -> Option<i64> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()
        .and_then(|d| i64::try_from(d.as_secs()).ok())
}

#[cfg(target_arch = "wasm32")]
fn now() -> Option<i64> {
    // No clock in the core on wasm32; the binding always passes asOf.
    None
}

impl Segmentation {
    /// Computes figures, scores, classes and segments without CLV values.
    pub fn compute(table: Arc<OrderTable>, config: &Config) -> Result<Segmentation, SegmentError> {
        Segmentation::compute_with_clv(table, config, &[])
    }

    /// Like [`Segmentation::compute`], with CLV values indexed like the
    /// table's customers (`clv[c]` belongs to `table.key(c)`; a shorter
    /// slice leaves the rest without values). Use [`clv_by_key`] to line
    /// up values keyed by customer.
    pub fn compute_with_clv(
        table: Arc<OrderTable>,
        config: &Config,
        clv: &[ClvValues],
    ) -> Result<Segmentation, SegmentError> {
        config.validate()?;
        let latest = table.placed_at().iter().copied().max().unwrap_or(0);
        let as_of = config.as_of.or_else(now).unwrap_or(latest);
        let zone = config.zone();
        let as_of_day = zone.day_of(as_of);
        let figures = figures::compute(&table, as_of_day, zone);
        let n = figures.len();

        let mut index_of_table = vec![u32::MAX; table.customer_count()];
        for (i, &c) in figures.table_index.iter().enumerate() {
            if let Some(slot) = index_of_table.get_mut(c as usize) {
                *slot = i as u32;
            }
        }

        let mut recency = Vec::with_capacity(n);
        let mut frequency = Vec::with_capacity(n);
        let mut monetary = Vec::with_capacity(n);
        let mut keys: Vec<i64> = figures.last_day.iter().map(|&d| i64::from(d)).collect();
        rfm::quintile_scores(&keys, &mut recency);
        keys.clear();
        keys.extend(figures.orders.iter().map(|&k| i64::from(k)));
        // Order counts when one-time buyers collapse the quintiles (see rfm).
        rfm::frequency_scores(&keys, &mut frequency);
        rfm::quintile_scores(&figures.revenue, &mut monetary);
        drop(keys);
        let rfm_segments = recency
            .iter()
            .zip(&frequency)
            .map(|(&r, &f)| RfmSegment::from_scores(r, f))
            .collect();

        let ranking = abc::rank(&figures.revenue);
        let classes = abc::classify(&ranking, &figures.revenue, config.abc_a, config.abc_b);
        let pareto = abc::pareto(&ranking, &figures.revenue, PARETO_POINTS);
        let total_revenue = figures
            .revenue
            .iter()
            .fold(0i64, |s, &r| s.saturating_add(r));

        let clv = if clv.is_empty() {
            Vec::new()
        } else {
            figures
                .table_index
                .iter()
                .map(|&c| clv.get(c as usize).copied().unwrap_or_default().clean())
                .collect()
        };

        let mut seg = Segmentation {
            table,
            config: config.clone(),
            as_of,
            customers: Customers {
                figures,
                recency,
                frequency,
                monetary,
                rfm: rfm_segments,
                abc: classes,
                ranking,
                clv,
            },
            index_of_table,
            segments: Vec::new(),
            pareto,
            total_revenue,
        };
        seg.build_segments()?;
        Ok(seg)
    }

    /// The same segmentation with CLV values indexed like this
    /// segmentation's customers (`clv[i]` belongs to customer `i`), so
    /// `likely_churned` and rules on `p_alive`, `predicted_clv` and
    /// `expected_orders` can use them.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use stammkunde::orders::Order;
    /// use stammkunde::segments::{ClvValues, Config, OrderTable, Segmentation};
    /// let orders = vec![Order::new("1", "anna", 0, 100, "EUR"), Order::new("2", "ben", 0, 100, "EUR")];
    /// let config = Config { as_of: Some(86_400), ..Config::default() };
    /// let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
    /// assert!(seg.segment("likely_churned").is_none());
    /// let clv = [ClvValues { p_alive: Some(0.2), ..Default::default() }, ClvValues::default()];
    /// let seg = seg.with_clv(&clv).unwrap();
    /// assert_eq!(seg.segment("likely_churned").unwrap().members, [0]);
    /// ```
    pub fn with_clv(mut self, clv: &[ClvValues]) -> Result<Segmentation, SegmentError> {
        self.set_clv(clv)?;
        Ok(self)
    }

    /// [`Segmentation::with_clv`] in place. On error nothing changes.
    pub fn set_clv(&mut self, clv: &[ClvValues]) -> Result<(), SegmentError> {
        if clv.len() != self.customers.len() {
            return Err(SegmentError::Clv {
                reason: format!(
                    "{} CLV values for {} customers; pass one value per customer, in the order of the customers (or use clv_by_key)",
                    clv.len(),
                    self.customers.len()
                ),
            });
        }
        let before = std::mem::replace(
            &mut self.customers.clv,
            clv.iter().map(|v| v.clean()).collect(),
        );
        let segments = std::mem::take(&mut self.segments);
        if let Err(e) = self.build_segments() {
            self.customers.clv = before;
            self.segments = segments;
            return Err(e);
        }
        Ok(())
    }

    fn build_segments(&mut self) -> Result<(), SegmentError> {
        let c = &self.customers;
        let f = &c.figures;
        let cfg = &self.config;
        let n = f.len();
        let as_of_day = f.as_of_day;
        let mut out: Vec<(String, SegmentKind, Vec<u32>)> = Vec::new();
        // Every per-customer column has exactly n entries (built together in
        // compute_with_clv), so the indexing in the predicates cannot fail.
        let select = |pred: &dyn Fn(usize) -> bool| -> Vec<u32> {
            (0..n).filter(|&i| pred(i)).map(|i| i as u32).collect()
        };
        for b in Builtin::ALL {
            let members = match b {
                Builtin::HighRevenue => select(&|i| f.revenue[i] > cfg.high_revenue),
                Builtin::NewCustomers => {
                    let cut = cfg.new_within.before(as_of_day);
                    select(&|i| f.first_day[i] >= cut)
                }
                Builtin::FrequentBuyers => select(&|i| f.orders[i] > cfg.frequent_more_than),
                Builtin::Sleepers => {
                    let cut = cfg.sleepers_after.before(as_of_day);
                    select(&|i| f.last_day[i] < cut)
                }
                Builtin::ChurnWarning => select(&|i| {
                    self.churn_limit(i)
                        .is_some_and(|(gap, limit)| f64::from(gap) > limit)
                }),
                Builtin::Vip => {
                    let top = self.vip_count();
                    select(&|i| f.revenue[i] > 0 && (c.ranking.higher[i] as usize) < top)
                }
                Builtin::LikelyChurned => {
                    if !c.has_clv() {
                        continue;
                    }
                    select(&|i| {
                        c.clv(i)
                            .p_alive
                            .is_some_and(|p| p < cfg.likely_churned_below)
                    })
                }
            };
            out.push((b.id().to_string(), SegmentKind::Builtin(b), members));
        }
        for sku in &cfg.products {
            let members = self.bought(&ProductMatch::Sku(sku.clone()));
            out.push((
                format!("product:{sku}"),
                SegmentKind::Product(sku.clone()),
                members,
            ));
        }
        for cat in &cfg.categories {
            let members = self.bought(&ProductMatch::Category(cat.clone()));
            out.push((
                format!("category:{cat}"),
                SegmentKind::Category(cat.clone()),
                members,
            ));
        }
        for s in RfmSegment::ALL {
            let members = select(&|i| c.rfm[i] == s);
            out.push((format!("rfm:{}", s.id()), SegmentKind::Rfm(s), members));
        }
        for class in AbcClass::ALL {
            let members = select(&|i| c.abc[i] == class);
            out.push((
                format!("abc:{}", class.letter()),
                SegmentKind::Abc(class),
                members,
            ));
        }
        let mut built: Vec<Segment> = out
            .into_iter()
            .map(|(id, kind, m)| self.segment_of(id, kind, m))
            .collect();
        self.segments.append(&mut built);
        for def in cfg.rules.clone() {
            let rule = Rule::parse(&def.rule).map_err(|error| SegmentError::Rule {
                id: def.id.clone(),
                error: Box::new(error),
            })?;
            let members = rule.members(self).map_err(|error| SegmentError::Rule {
                id: def.id.clone(),
                error: Box::new(error),
            })?;
            let name = if def.name.trim().is_empty() {
                def.id.clone()
            } else {
                def.name.clone()
            };
            let seg = self.segment_of(
                format!("rule:{}", def.id),
                SegmentKind::Rule {
                    name,
                    rule: def.rule,
                },
                members,
            );
            self.segments.push(seg);
        }
        Ok(())
    }

    /// Makes a segment from its members, with revenue and shares.
    fn segment_of(&self, id: String, kind: SegmentKind, members: Vec<u32>) -> Segment {
        let revenue = self.revenue_of(&members);
        let n = self.customers.len();
        Segment {
            id,
            kind,
            share_of_customers: if n > 0 {
                members.len() as f64 / n as f64
            } else {
                0.0
            },
            share_of_revenue: if self.total_revenue > 0 {
                revenue as f64 / self.total_revenue as f64
            } else {
                0.0
            },
            revenue,
            members,
        }
    }

    fn revenue_of(&self, members: &[u32]) -> i64 {
        let rev = &self.customers.figures.revenue;
        members
            .iter()
            .filter_map(|&i| rev.get(i as usize))
            .fold(0i64, |s, &r| s.saturating_add(r))
    }

    /// Adds (or replaces) a custom segment `rule:<id>` from a rule.
    ///
    /// ```
    /// use std::sync::Arc;
    /// use stammkunde::orders::Order;
    /// use stammkunde::segments::{Config, OrderTable, Segmentation};
    /// let orders = vec![Order::new("1", "anna", 0, 60_000, "EUR"), Order::new("2", "ben", 0, 100, "EUR")];
    /// let config = Config { as_of: Some(86_400), ..Config::default() };
    /// let mut seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
    /// let s = seg.add_rule("big", "Big spenders", "amount_spent > 500").unwrap();
    /// assert_eq!(s.members, [0]);
    /// let err = seg.add_rule("bad", "", "amount_spent >").unwrap_err();
    /// assert!(err.to_string().contains("column 15"));
    /// ```
    pub fn add_rule(&mut self, id: &str, name: &str, text: &str) -> Result<&Segment, RuleError> {
        let rule = Rule::parse(text)?;
        let members = rule.members(self)?;
        let name = if name.trim().is_empty() {
            id.to_string()
        } else {
            name.to_string()
        };
        let seg_id = format!("rule:{id}");
        let seg = self.segment_of(
            seg_id.clone(),
            SegmentKind::Rule {
                name,
                rule: text.to_string(),
            },
            members,
        );
        let pos = match self.segments.iter().position(|s| s.id == seg_id) {
            Some(pos) => {
                self.segments[pos] = seg;
                pos
            }
            None => {
                self.segments.push(seg);
                self.segments.len() - 1
            }
        };
        self.config.rules.retain(|r| r.id != id);
        self.config.rules.push(RuleDef {
            id: id.into(),
            name: String::new(),
            rule: text.into(),
        });
        // `pos` is in range: it was just found or pushed.
        Ok(&self.segments[pos])
    }

    /// Customers (indices here) who bought a matching product, in orders up
    /// to the as-of day.
    pub fn bought(&self, what: &ProductMatch) -> Vec<u32> {
        let mut bits = vec![false; self.customers.len()];
        self.mark_bought(what, &mut bits);
        bits.iter()
            .enumerate()
            .filter(|(_, &b)| b)
            .map(|(i, _)| i as u32)
            .collect()
    }

    /// Sets `bits[i]` for every customer `i` who bought a matching product.
    pub fn mark_bought(&self, what: &ProductMatch, bits: &mut [bool]) {
        let t = &*self.table;
        if !t.has_items() {
            return;
        }
        let products: Vec<bool> = t
            .products()
            .iter()
            .map(|p| what.matches_product(p))
            .collect();
        let categories: Vec<bool> = t
            .categories()
            .iter()
            .map(|c| what.matches_category(c))
            .collect();
        let as_of_day = self.customers.figures.as_of_day;
        let zone = self.config.zone();
        for (row, p, cat) in t.items() {
            let hit = products.get(p as usize).copied().unwrap_or(false)
                || categories.get(cat as usize).copied().unwrap_or(false);
            if !hit {
                continue;
            }
            let row = row as usize;
            let (Some(&c), Some(&ts)) = (t.customers().get(row), t.placed_at().get(row)) else {
                continue;
            };
            if zone.day_of(ts) > as_of_day {
                continue;
            }
            if let Some(slot) = self
                .index_of_table
                .get(c as usize)
                .and_then(|&i| bits.get_mut(i as usize))
            {
                *slot = true;
            }
        }
    }

    /// Days since the last order and the churn limit (k × median gap) of
    /// customer `i`, if the churn warning applies to them at all.
    fn churn_limit(&self, i: usize) -> Option<(i32, f64)> {
        let f = &self.customers.figures;
        if *f.orders.get(i)? < self.config.churn_min_orders {
            return None;
        }
        let median = (*f.median_gap.get(i)?)?;
        Some((f.days_since_last(i)?, self.config.churn_gap_factor * median))
    }

    /// How many top ranks are VIP: ⌈share × customers⌉.
    fn vip_count(&self) -> usize {
        (self.config.vip_share * self.customers.len() as f64 - 1e-9)
            .ceil()
            .max(0.0) as usize
    }

    /// The order table the segmentation was computed from.
    pub fn table(&self) -> &OrderTable {
        &self.table
    }

    /// The shared order table, to compute again for another date.
    pub fn table_arc(&self) -> Arc<OrderTable> {
        Arc::clone(&self.table)
    }

    /// The options used.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The as-of time, Unix seconds.
    pub fn as_of(&self) -> i64 {
        self.as_of
    }

    /// The as-of day (days since 1970-01-01, local).
    pub fn as_of_day(&self) -> i32 {
        self.customers.figures.as_of_day
    }

    /// Per-customer columns.
    pub fn customers(&self) -> &Customers {
        &self.customers
    }

    /// Number of customers with at least one order up to the as-of day.
    pub fn customer_count(&self) -> usize {
        self.customers.len()
    }

    /// Net revenue of all customers, minor units.
    pub fn total_revenue(&self) -> i64 {
        self.total_revenue
    }

    /// The key of customer `i`.
    pub fn key(&self, i: usize) -> std::borrow::Cow<'_, str> {
        let c = self
            .customers
            .figures
            .table_index
            .get(i)
            .copied()
            .unwrap_or(u32::MAX);
        self.table.key(c)
    }

    /// The index of the customer with `key`, if they have orders up to
    /// the as-of day. Linear in the number of customers; build a map with
    /// [`Segmentation::key_index`] for many look-ups.
    pub fn find(&self, key: &str) -> Option<usize> {
        (0..self.customers.len()).find(|&i| self.key(i) == key)
    }

    /// Map from customer key to customer index.
    pub fn key_index(&self) -> HashMap<String, usize> {
        (0..self.customers.len())
            .map(|i| (self.key(i).into_owned(), i))
            .collect()
    }

    /// All segments, built-ins first, then products, categories, RFM, ABC
    /// and custom rules.
    pub fn segments(&self) -> &[Segment] {
        &self.segments
    }

    /// The segment with this id.
    pub fn segment(&self, id: &str) -> Option<&Segment> {
        self.segments.iter().find(|s| s.id == id)
    }

    /// The segments customer `i` belongs to.
    pub fn memberships(&self, i: usize) -> impl Iterator<Item = &Segment> + '_ {
        self.segments.iter().filter(move |s| s.contains(i))
    }

    /// The Pareto curve (at most [`PARETO_POINTS`] points).
    pub fn pareto(&self) -> &[ParetoPoint] {
        &self.pareto
    }

    /// Product ids and category names customer `i` bought up to the as-of
    /// day, each sorted and without repeats.
    pub fn purchases(&self, i: usize) -> (Vec<&str>, Vec<&str>) {
        let t = &*self.table;
        let Some(&c) = self.customers.figures.table_index.get(i) else {
            return (Vec::new(), Vec::new());
        };
        let as_of_day = self.as_of_day();
        let zone = self.config.zone();
        let mut products = Vec::new();
        let mut categories = Vec::new();
        for (row, p, cat) in t.items() {
            let row = row as usize;
            if t.customers().get(row) != Some(&c) {
                continue;
            }
            if t.placed_at()
                .get(row)
                .is_none_or(|&ts| zone.day_of(ts) > as_of_day)
            {
                continue;
            }
            if let Some(p) = t.products().get(p as usize) {
                products.push(p.id.as_str());
            }
            if let Some(cat) = t.categories().get(cat as usize) {
                categories.push(cat.as_str());
            }
        }
        products.sort_unstable();
        products.dedup();
        categories.sort_unstable();
        categories.dedup();
        (products, categories)
    }
}

/// Lines up CLV values keyed by customer with the table's customer
/// indices, for [`Segmentation::compute_with_clv`]. Keys not in the table
/// are ignored; customers without a value get none.
pub fn clv_by_key<'a>(
    table: &OrderTable,
    values: impl IntoIterator<Item = (&'a str, ClvValues)>,
) -> Vec<ClvValues> {
    let index: HashMap<String, usize> = (0..table.customer_count())
        .map(|c| (table.key(c as u32).into_owned(), c))
        .collect();
    let mut out = vec![ClvValues::default(); table.customer_count()];
    for (key, v) in values {
        if let Some(slot) = index.get(key).and_then(|&c| out.get_mut(c)) {
            *slot = v;
        }
    }
    out
}

/// Rules evaluate over the segment table through [`Subject`].
impl Subject for Segmentation {
    fn customer_count(&self) -> usize {
        self.customers.len()
    }

    fn as_of_day(&self) -> i32 {
        self.customers.figures.as_of_day
    }

    fn currency(&self) -> Option<&str> {
        self.table.currency()
    }

    fn key(&self, i: usize) -> std::borrow::Cow<'_, str> {
        Segmentation::key(self, i)
    }

    fn revenue(&self, i: usize) -> Option<i64> {
        self.customers.figures.revenue.get(i).copied()
    }

    fn orders(&self, i: usize) -> Option<u32> {
        self.customers.figures.orders.get(i).copied()
    }

    fn average_order_value(&self, i: usize) -> Option<f64> {
        self.customers.figures.average_order_value(i)
    }

    fn median_gap(&self, i: usize) -> Option<f64> {
        self.customers.figures.median_gap.get(i).copied().flatten()
    }

    fn days_since_last(&self, i: usize) -> Option<i32> {
        self.customers.figures.days_since_last(i)
    }

    fn first_day(&self, i: usize) -> Option<i32> {
        self.customers.figures.first_day.get(i).copied()
    }

    fn last_day(&self, i: usize) -> Option<i32> {
        self.customers.figures.last_day.get(i).copied()
    }

    fn recency_score(&self, i: usize) -> Option<u8> {
        self.customers.recency.get(i).copied()
    }

    fn frequency_score(&self, i: usize) -> Option<u8> {
        self.customers.frequency.get(i).copied()
    }

    fn monetary_score(&self, i: usize) -> Option<u8> {
        self.customers.monetary.get(i).copied()
    }

    fn rfm(&self, i: usize) -> Option<RfmSegment> {
        self.customers.rfm.get(i).copied()
    }

    fn abc(&self, i: usize) -> Option<AbcClass> {
        self.customers.abc.get(i).copied()
    }

    fn has_clv(&self) -> bool {
        self.customers.has_clv()
    }

    fn p_alive(&self, i: usize) -> Option<f64> {
        self.customers.clv(i).p_alive
    }

    fn predicted_clv(&self, i: usize) -> Option<f64> {
        self.customers.clv(i).predicted_clv
    }

    fn expected_orders(&self, i: usize) -> Option<f64> {
        self.customers.clv(i).expected_orders
    }

    fn segment_ids(&self) -> Vec<String> {
        self.segments.iter().map(|s| s.id.clone()).collect()
    }

    fn segment_members(&self, id: &str) -> Option<&[u32]> {
        self.segments
            .iter()
            .find(|s| s.id.eq_ignore_ascii_case(id))
            .map(|s| s.members.as_slice())
    }

    fn in_segment(&self, id: &str, i: usize) -> bool {
        self.segments
            .iter()
            .any(|s| s.id.eq_ignore_ascii_case(id) && s.contains(i))
    }

    fn mark_bought(&self, what: &ProductMatch, bits: &mut [bool]) {
        Segmentation::mark_bought(self, what, bits)
    }
}
