//! Per-customer summary of the orders up to the end of the calibration
//! period, in the convention of the BG/NBD literature and the `lifetimes`
//! package:
//!
//! - orders are bucketed into days (UTC plus `utc_offset_minutes`); all
//!   orders of a customer on one day form one purchase, its value the sum;
//! - **frequency** x: the number of purchase days after the first one
//!   (repeat purchases);
//! - **recency** t_x: time from the first to the last purchase day;
//! - **T**: time from the first purchase day to the end of the calibration
//!   period (the day containing `calibration_end`, which still counts);
//! - **monetary**: mean value of the repeat purchase days in minor units,
//!   0 without repeat purchases;
//! - time in days or in weeks (days / 7).
//!
//! Orders after the calibration end, cancelled and fully refunded orders,
//! orders without a customer key and repeats of an order id (for the same
//! customer and day, as when an order is exported twice) are left out and
//! counted; partially refunded orders count with their net total.
//!
//! ```
//! use stammkunde::clv::summary::{summarise, SummaryOptions};
//! use stammkunde::clv::TimeUnit;
//! use stammkunde::orders::Order;
//! let day = 86_400;
//! let orders = vec![
//!     Order::new("1", "anna", 0, 2_000, "EUR"),
//!     Order::new("2", "anna", 7 * day, 3_000, "EUR"),
//!     Order::new("3", "anna", 7 * day + 60, 1_000, "EUR"), // same day: merged
//!     Order::new("4", "anna", 14 * day, 2_000, "EUR"),
//! ];
//! let opts = SummaryOptions { calibration_end: Some(28 * day), unit: TimeUnit::Weeks, ..Default::default() };
//! let s = summarise(&orders, &opts).unwrap();
//! let anna = &s.customers[0];
//! assert_eq!(anna.frequency, 2);
//! assert_eq!((anna.recency, anna.t), (2.0, 4.0));
//! assert_eq!(anna.monetary, 3_000.0); // (4000 + 2000) / 2
//! ```

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::{ClvError, Fx, TimeUnit};
use crate::calendar::Zone;
use crate::orders::Order;

/// How to build the summary.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SummaryOptions {
    /// End of the calibration period (Unix seconds); the whole day that
    /// contains it counts. `None`: the day of the latest order.
    pub calibration_end: Option<i64>,
    /// Days or weeks.
    pub unit: TimeUnit,
    /// The shop's time zone, to cut days at local midnight (default UTC).
    pub zone: Zone,
    /// Use only orders in this currency. `None`: all orders, which must
    /// then share one currency.
    pub currency: Option<String>,
}

/// One customer's summary.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerSummary {
    /// The customer key from the orders.
    pub customer: String,
    /// Repeat purchase days (x).
    pub frequency: u32,
    /// Time from the first to the last purchase day (t_x), in the unit.
    pub recency: f64,
    /// Time from the first purchase day to the calibration end (T).
    pub t: f64,
    /// Mean value of the repeat purchase days, minor units; 0 without.
    pub monetary: f64,
    /// Start of the first purchase day, Unix seconds.
    pub first_order: i64,
    /// Start of the last purchase day, Unix seconds.
    pub last_order: i64,
}

/// Orders left out of the summary, by reason.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvSkipped"))]
pub struct Skipped {
    /// Placed after the calibration end.
    pub after_calibration_end: usize,
    /// Cancelled or fully refunded.
    pub cancelled_or_refunded: usize,
    /// An order id seen before for the same customer and day.
    pub duplicate_id: usize,
    /// In another currency than the one analysed.
    pub other_currency: usize,
    /// Without a customer key.
    pub no_customer: usize,
}

/// The summary of all customers.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// One entry per customer, in order of first appearance in the input.
    pub customers: Vec<CustomerSummary>,
    /// Start of the last calibration day, Unix seconds (UTC).
    pub end_day_start: i64,
    /// Days from the first purchase of any customer to the calibration end.
    pub history_days: i64,
    /// The currency of the orders used, if any order was used.
    pub currency: Option<String>,
    /// Orders used.
    pub orders_used: usize,
    /// Orders left out.
    pub skipped: Skipped,
}

impl Summary {
    /// Customers with at least one repeat purchase.
    pub fn repeat_buyers(&self) -> usize {
        self.customers.iter().filter(|c| c.frequency > 0).count()
    }

    /// Sum of the repeat purchases over all customers.
    pub fn total_repeat_purchases(&self) -> u64 {
        self.customers.iter().map(|c| u64::from(c.frequency)).sum()
    }
}

/// Builds the per-customer summary. Fails only when the orders mix
/// currencies and no currency was chosen.
pub fn summarise(orders: &[Order], opts: &SummaryOptions) -> Result<Summary, ClvError> {
    let day_of = |t: i64| i64::from(opts.zone.day_of(t));
    let mut skipped = Skipped::default();
    let end_day = match opts.calibration_end {
        Some(t) => day_of(t),
        None => orders
            .iter()
            .filter(|o| o.counts())
            .map(|o| day_of(o.placed_at))
            .max()
            .unwrap_or(0),
    };
    // One pass: skip what does not count, tally currencies, give each
    // customer an index in order of first appearance and collect
    // (customer, day, value, order) rows.
    let mut currencies: BTreeMap<&str, usize> = BTreeMap::new();
    // The currency of the previous order: runs of one currency skip the map.
    let mut run: Option<(&str, usize)> = None;
    let mut index: HashMap<&str, u32, Fx> =
        HashMap::with_capacity_and_hasher(orders.len() / 4, Fx::default());
    let mut keys: Vec<&str> = Vec::new();
    let mut rows: Vec<(u32, i64, i64, u32)> = Vec::with_capacity(orders.len());
    for (k, o) in orders.iter().enumerate() {
        let day = day_of(o.placed_at);
        if !o.counts() {
            skipped.cancelled_or_refunded += 1;
        } else if o.customer.trim().is_empty() {
            skipped.no_customer += 1;
        } else if day > end_day {
            skipped.after_calibration_end += 1;
        } else if opts
            .currency
            .as_deref()
            .is_some_and(|c| !c.eq_ignore_ascii_case(&o.currency))
        {
            skipped.other_currency += 1;
        } else {
            match &mut run {
                Some((c, n)) if *c == o.currency.as_str() => *n += 1,
                _ => {
                    if let Some((c, n)) = run.take() {
                        *currencies.entry(c).or_default() += n;
                    }
                    run = Some((o.currency.as_str(), 1));
                }
            }
            let next = keys.len() as u32;
            let idx = *index.entry(o.customer.as_str()).or_insert_with(|| {
                keys.push(o.customer.as_str());
                next
            });
            // Spend is never negative: a negative total or a refund above the
            // total (the readers reject or settle both; callers that build
            // orders themselves may not) counts as an order worth 0.
            rows.push((idx, day, o.net_total().max(0), k as u32));
        }
    }
    if let Some((c, n)) = run {
        *currencies.entry(c).or_default() += n;
    }
    if opts.currency.is_none() && currencies.len() > 1 {
        return Err(ClvError::MixedCurrencies {
            currencies: currencies
                .iter()
                .map(|(c, n)| (c.to_string(), *n))
                .collect(),
        });
    }
    let currency = opts
        .currency
        .clone()
        .or_else(|| currencies.keys().next().map(|c| c.to_string()));

    // Each customer's days contiguous and ascending, orders in input order.
    rows.sort_unstable_by_key(|&(c, d, _, k)| (c, d, k));
    // A repeated order id is the same order exported twice: it has the same
    // customer and day, so only rows of one customer and day are compared
    // (hashing every id made this the slowest step); most days have one
    // order, so ids are looked at only when there is more than one.
    let id = |k: u32| orders.get(k as usize).map(|o| o.id.as_str());
    let mut run_start = 0;
    let mut kept = 0;
    for j in 0..rows.len() {
        let Some(&(c, d, v, k)) = rows.get(j) else {
            break;
        };
        if kept == 0 || rows.get(kept - 1).is_none_or(|p| (p.0, p.1) != (c, d)) {
            run_start = kept;
        }
        let repeated = kept > run_start
            && rows
                .get(run_start..kept)
                .is_some_and(|earlier| earlier.iter().any(|e| id(e.3) == id(k)));
        if repeated {
            skipped.duplicate_id += 1;
        } else if let Some(slot) = rows.get_mut(kept) {
            *slot = (c, d, v, k);
            kept += 1;
        }
    }
    rows.truncate(kept);

    let unit_days = opts.unit.days();
    let mut customers = Vec::with_capacity(keys.len());
    let mut first_day_all = end_day;
    let mut i = 0;
    while i < rows.len() {
        let (cust, first_day, _, _) = rows[i];
        let mut j = i;
        let mut days = 0u32;
        let mut last_day = first_day;
        let mut repeat_value: i128 = 0;
        // Indexing cannot fail: i <= j < rows.len(), and j - 1 is read
        // only when j > i.
        while j < rows.len() && rows[j].0 == cust {
            let day = rows[j].1;
            if j == i || day != rows[j - 1].1 {
                days += 1;
            }
            if day != first_day {
                repeat_value += i128::from(rows[j].2);
            }
            last_day = day;
            j += 1;
        }
        let frequency = days.saturating_sub(1);
        first_day_all = first_day_all.min(first_day);
        customers.push(CustomerSummary::of_days(
            keys.get(cust as usize)
                .copied()
                .unwrap_or_default()
                .to_string(),
            frequency,
            (first_day, last_day, end_day),
            repeat_value,
            unit_days,
            &opts.zone,
        ));
        i = j;
    }
    Ok(Summary {
        customers,
        end_day_start: opts.zone.start_of(end_day as i32),
        history_days: end_day - first_day_all,
        currency,
        orders_used: rows.len(),
        skipped,
    })
}

/// Orders as columns, for [`summarise_columns`]: per order the customer's
/// index, the time placed (Unix seconds) and the net value (minor units),
/// with cancelled, fully refunded and repeated orders already left out (as
/// an order table holds them).
#[derive(Debug, Clone, Copy)]
pub struct OrderColumns<'a> {
    /// Customer index per order, below `customers`.
    pub customer: &'a [u32],
    /// Unix seconds per order.
    pub placed_at: &'a [i64],
    /// Net value per order, minor units.
    pub net: &'a [i64],
    /// Number of customers.
    pub customers: usize,
    /// The currency of all values.
    pub currency: Option<&'a str>,
}

impl CustomerSummary {
    /// One customer's figures from its order days (`first`, `last` and the
    /// calibration end), `frequency` repeat days and the value of the
    /// repeat purchases in minor units; `unit_days` days per time unit.
    fn of_days(
        customer: String,
        frequency: u32,
        (first_day, last_day, end_day): (i64, i64, i64),
        repeat_value: i128,
        unit_days: f64,
        zone: &Zone,
    ) -> CustomerSummary {
        CustomerSummary {
            customer,
            frequency,
            recency: (last_day - first_day) as f64 / unit_days,
            t: (end_day - first_day) as f64 / unit_days,
            monetary: if frequency > 0 {
                repeat_value as f64 / f64::from(frequency)
            } else {
                0.0
            },
            first_order: zone.start_of(first_day as i32),
            last_order: zone.start_of(last_day as i32),
        }
    }
}

/// Like [`summarise`], from order columns: no per-order structs, no
/// hashing of keys, one counting pass by customer index (the admin fits
/// CLV on the order table its segments were computed from). Customers
/// come in index order, without those whose orders all lie after the
/// calibration end; the second value gives each one's index. `key` names
/// a customer in the summary (the admin joins by index and passes none).
///
/// ```
/// use stammkunde::clv::summary::{summarise_columns, OrderColumns, SummaryOptions};
/// let day = 86_400;
/// let cols = OrderColumns { customer: &[0, 1, 0], placed_at: &[0, day, 7 * day], net: &[500, 700, 900], customers: 2, currency: Some("EUR") };
/// let (s, index) = summarise_columns(&cols, |i| format!("c{i}"), &SummaryOptions { calibration_end: Some(14 * day), ..Default::default() });
/// assert_eq!((s.customers[0].frequency, s.customers[0].monetary), (1, 900.0));
/// assert_eq!(index, vec![0, 1]);
/// ```
pub fn summarise_columns(
    cols: &OrderColumns<'_>,
    key: impl Fn(u32) -> String,
    opts: &SummaryOptions,
) -> (Summary, Vec<u32>) {
    let day_of = |t: i64| i64::from(opts.zone.day_of(t));
    let n = cols
        .customer
        .len()
        .min(cols.placed_at.len())
        .min(cols.net.len());
    let mut skipped = Skipped::default();
    let end_day = match opts.calibration_end {
        Some(t) => day_of(t),
        None => cols
            .placed_at
            .iter()
            .take(n)
            .map(|&t| day_of(t))
            .max()
            .unwrap_or(0),
    };
    let other_currency = match (&opts.currency, cols.currency) {
        (Some(want), Some(have)) => !want.eq_ignore_ascii_case(have),
        _ => false,
    };
    // Counting sort by customer: each customer's orders contiguous, in input order.
    let mut start = vec![0u32; cols.customers + 1];
    for i in 0..n {
        let c = cols.customer[i] as usize;
        if c < cols.customers && !other_currency && day_of(cols.placed_at[i]) <= end_day {
            start[c + 1] += 1;
        }
    }
    for c in 0..cols.customers {
        start[c + 1] += start[c];
    }
    let used = start[cols.customers] as usize;
    if other_currency {
        skipped.other_currency = n;
    } else {
        skipped.after_calibration_end = n - used;
    }
    let mut fill = start.clone();
    let mut rows: Vec<(i64, i64)> = vec![(0, 0); used];
    for i in 0..n {
        let c = cols.customer[i] as usize;
        let day = day_of(cols.placed_at[i]);
        if c < cols.customers && !other_currency && day <= end_day {
            let at = fill[c] as usize;
            rows[at] = (day, cols.net[i].max(0));
            fill[c] += 1;
        }
    }
    let unit_days = opts.unit.days();
    let mut customers = Vec::with_capacity(cols.customers);
    let mut index = Vec::with_capacity(cols.customers);
    let mut first_day_all = end_day;
    for c in 0..cols.customers {
        let list = &mut rows[start[c] as usize..start[c + 1] as usize];
        if list.is_empty() {
            continue;
        }
        // Exports are mostly sorted by time: then this is one pass.
        if !list.windows(2).all(|w| w[0].0 <= w[1].0) {
            list.sort_unstable_by_key(|r| r.0);
        }
        let first_day = list[0].0;
        let mut days = 0u32;
        let mut last_day = first_day;
        let mut repeat_value: i128 = 0;
        for (j, &(day, value)) in list.iter().enumerate() {
            if j == 0 || day != last_day {
                days += 1;
            }
            if day != first_day {
                repeat_value += i128::from(value);
            }
            last_day = day;
        }
        let frequency = days.saturating_sub(1);
        first_day_all = first_day_all.min(first_day);
        customers.push(CustomerSummary::of_days(
            key(c as u32),
            frequency,
            (first_day, last_day, end_day),
            repeat_value,
            unit_days,
            &opts.zone,
        ));
        index.push(c as u32);
    }
    let summary = Summary {
        customers,
        end_day_start: opts.zone.start_of(end_day as i32),
        history_days: end_day - first_day_all,
        currency: opts
            .currency
            .clone()
            .or_else(|| cols.currency.map(str::to_string)),
        orders_used: used,
        skipped,
    };
    (summary, index)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::DAY;
    use crate::orders::OrderStatus;

    fn order(id: &str, cust: &str, day: i64, cents: i64) -> Order {
        Order::new(id, cust, day * DAY + 3_600, cents, "EUR")
    }

    #[test]
    fn one_time_buyer_has_zero_frequency_and_monetary() {
        let s = summarise(
            &[order("1", "a", 10, 500)],
            &SummaryOptions {
                calibration_end: Some(24 * DAY),
                unit: TimeUnit::Days,
                ..Default::default()
            },
        )
        .unwrap();
        let c = &s.customers[0];
        assert_eq!(
            (c.frequency, c.recency, c.t, c.monetary),
            (0, 0.0, 14.0, 0.0)
        );
        assert_eq!(s.history_days, 14);
    }

    #[test]
    fn cancelled_late_duplicate_and_foreign_orders_are_left_out() {
        let mut cancelled = order("2", "a", 3, 900);
        cancelled.status = OrderStatus::Cancelled;
        let mut partial = order("3", "a", 5, 1_000);
        partial.status = OrderStatus::PartiallyRefunded { amount: 400 };
        let mut chf = order("6", "a", 6, 100);
        chf.currency = "CHF".into();
        let orders = vec![
            order("1", "a", 1, 700),
            cancelled,
            partial,
            order("3", "a", 5, 5_000), // the same order again
            order("5", "a", 30, 800),  // after the end
            chf,
            order("7", " ", 2, 100),
        ];
        let opts = SummaryOptions {
            calibration_end: Some(10 * DAY),
            unit: TimeUnit::Days,
            currency: Some("eur".into()),
            ..Default::default()
        };
        let s = summarise(&orders, &opts).unwrap();
        let c = &s.customers[0];
        assert_eq!(c.frequency, 1);
        assert_eq!(c.monetary, 600.0);
        assert_eq!(c.recency, 4.0);
        assert_eq!(
            s.skipped,
            Skipped {
                after_calibration_end: 1,
                cancelled_or_refunded: 1,
                duplicate_id: 1,
                other_currency: 1,
                no_customer: 1
            }
        );
        assert_eq!(s.orders_used, 2);
    }

    #[test]
    fn repeats_of_an_order_count_once_among_other_orders_of_the_day() {
        let orders = vec![
            order("1", "a", 1, 100),
            order("2", "a", 3, 200),
            order("2", "a", 3, 200),
            order("3", "a", 3, 400),
            order("2", "a", 3, 200),
            order("2", "b", 3, 900), // another customer: not a repeat
        ];
        let s = summarise(&orders, &SummaryOptions::default()).unwrap();
        assert_eq!(s.skipped.duplicate_id, 2);
        assert_eq!(s.orders_used, 4);
        assert_eq!(
            (s.customers[0].frequency, s.customers[0].monetary),
            (1, 600.0)
        );
        assert_eq!(s.customers[1].customer, "b");
    }

    #[test]
    fn mixed_currencies_need_a_choice() {
        let mut chf = order("2", "b", 2, 100);
        chf.currency = "CHF".into();
        let err =
            summarise(&[order("1", "a", 1, 100), chf], &SummaryOptions::default()).unwrap_err();
        assert!(err.to_string().contains("CHF"), "{err}");
    }

    #[test]
    fn local_midnight_moves_day_boundaries() {
        // 23:30 and 00:30 UTC straddle UTC midnight; at UTC-1 both fall on
        // the same local day.
        let orders = vec![
            Order::new("1", "a", DAY - 1_800, 100, "EUR"),
            Order::new("2", "a", DAY + 1_800, 100, "EUR"),
        ];
        let utc = summarise(&orders, &SummaryOptions::default()).unwrap();
        assert_eq!(utc.customers[0].frequency, 1);
        let local = summarise(
            &orders,
            &SummaryOptions {
                zone: Zone::fixed(-60).unwrap(),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(local.customers[0].frequency, 0);
    }

    #[test]
    fn no_orders_give_an_empty_summary() {
        let s = summarise(&[], &SummaryOptions::default()).unwrap();
        assert!(s.customers.is_empty());
        assert_eq!(s.currency, None);
    }

    #[test]
    fn columns_give_the_summary_of_the_orders() {
        let orders = vec![
            order("1", "a", 1, 700),
            order("2", "b", 2, 300),
            order("3", "a", 5, 1_000),
            order("4", "a", 5, 500),
            order("5", "b", 40, 800), // after the end
            order("6", "c", 9, 100),
        ];
        let opts = SummaryOptions {
            calibration_end: Some(20 * DAY),
            unit: TimeUnit::Weeks,
            ..Default::default()
        };
        let from_orders = summarise(&orders, &opts).unwrap();
        let keys = ["a", "b", "c"];
        let customer = [0, 1, 0, 0, 1, 2];
        let placed_at: Vec<i64> = orders.iter().map(|o| o.placed_at).collect();
        let net: Vec<i64> = orders.iter().map(|o| o.total).collect();
        let cols = OrderColumns {
            customer: &customer,
            placed_at: &placed_at,
            net: &net,
            customers: 3,
            currency: Some("EUR"),
        };
        let (from_columns, index) =
            summarise_columns(&cols, |i| keys[i as usize].to_string(), &opts);
        assert_eq!(from_columns.customers, from_orders.customers);
        assert_eq!(index, vec![0, 1, 2]);
        assert_eq!(from_columns.history_days, from_orders.history_days);
        assert_eq!(from_columns.orders_used, from_orders.orders_used);
        assert_eq!(from_columns.skipped.after_calibration_end, 1);
    }
}
