//! Per-customer figures in one pass over the order table.
//!
//! Orders are grouped by customer with a counting sort (no per-customer
//! allocations); the gaps between order days go through one reusable
//! buffer and their median is found with `select_nth_unstable`.

use super::table::OrderTable;
use crate::calendar::Zone;

/// Per-customer figures as columns; index `i` is the `i`-th customer with
/// at least one order up to the as-of day, in table order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figures {
    /// The customer's index in the [`OrderTable`].
    pub table_index: Vec<u32>,
    /// Day of the first order (days since 1970-01-01).
    pub first_day: Vec<i32>,
    /// Day of the last order.
    pub last_day: Vec<i32>,
    /// Number of orders.
    pub orders: Vec<u32>,
    /// Net revenue, minor units.
    pub revenue: Vec<i64>,
    /// Median days between order days; `None` with fewer than two order days.
    pub median_gap: Vec<Option<f64>>,
    /// The as-of day the figures are computed for.
    pub as_of_day: i32,
}

impl Figures {
    /// Number of customers.
    pub fn len(&self) -> usize {
        self.table_index.len()
    }

    /// Whether there are no customers.
    pub fn is_empty(&self) -> bool {
        self.table_index.is_empty()
    }

    /// Days from the last order to the as-of day (0: ordered that day).
    pub fn days_since_last(&self, i: usize) -> Option<i32> {
        self.last_day.get(i).map(|d| self.as_of_day - d)
    }

    /// Average order value, minor units.
    pub fn average_order_value(&self, i: usize) -> Option<f64> {
        let orders = *self.orders.get(i)?;
        let revenue = *self.revenue.get(i)?;
        (orders > 0).then(|| revenue as f64 / f64::from(orders))
    }
}

/// Computes the figures of every customer from the orders placed up to and
/// including `as_of_day` (local days of `zone`).
pub fn compute(table: &OrderTable, as_of_day: i32, zone: &Zone) -> Figures {
    let n = table.customer_count();
    let customers = table.customers();
    // One record per customer keeps the random accesses of the order pass
    // to one cache line each.
    #[derive(Clone, Copy)]
    struct Acc {
        revenue: i64,
        count: u32,
        first: i32,
        last: i32,
    }
    let mut acc = vec![
        Acc {
            revenue: 0,
            count: 0,
            first: i32::MAX,
            last: i32::MIN
        };
        n
    ];
    // Day per order; i32::MIN marks orders after the as-of day.
    let mut days: Vec<i32> = Vec::with_capacity(customers.len());
    for ((&c, &ts), &net) in customers.iter().zip(table.placed_at()).zip(table.net()) {
        let d = zone.day_of(ts);
        if d > as_of_day {
            days.push(i32::MIN);
            continue;
        }
        days.push(d);
        // Table invariant: every customer index is below customer_count().
        if let Some(a) = acc.get_mut(c as usize) {
            a.count += 1;
            a.revenue = a.revenue.saturating_add(net);
            a.first = a.first.min(d);
            a.last = a.last.max(d);
        }
    }

    // Counting sort of the order days by customer.
    let mut start = Vec::with_capacity(n + 1);
    let mut total = 0usize;
    start.push(0);
    for a in &acc {
        total += a.count as usize;
        start.push(total);
    }
    let mut grouped = vec![0i32; total];
    let mut next: Vec<usize> = start[..n].to_vec();
    for (&c, &d) in customers.iter().zip(&days) {
        if d == i32::MIN {
            continue;
        }
        if let Some(pos) = next.get_mut(c as usize) {
            if let Some(slot) = grouped.get_mut(*pos) {
                *slot = d;
            }
            *pos += 1;
        }
    }
    drop(next);

    let active = acc.iter().filter(|a| a.count > 0).count();
    let mut f = Figures {
        table_index: Vec::with_capacity(active),
        first_day: Vec::with_capacity(active),
        last_day: Vec::with_capacity(active),
        orders: Vec::with_capacity(active),
        revenue: Vec::with_capacity(active),
        median_gap: Vec::with_capacity(active),
        as_of_day,
    };
    let mut gaps: Vec<i32> = Vec::new();
    for (c, a) in acc.iter().enumerate() {
        if a.count == 0 {
            continue;
        }
        f.table_index.push(c as u32);
        f.first_day.push(a.first);
        f.last_day.push(a.last);
        f.orders.push(a.count);
        f.revenue.push(a.revenue);
        let median = match grouped.get_mut(start[c]..start[c + 1]) {
            Some(days) if days.len() >= 2 => median_gap(days, &mut gaps),
            _ => None,
        };
        f.median_gap.push(median);
    }
    f
}

/// Median of the gaps between distinct order days (orders on the same day
/// count as one purchase day). Sorts `days` in place if needed.
fn median_gap(days: &mut [i32], gaps: &mut Vec<i32>) -> Option<f64> {
    if !days.is_sorted() {
        days.sort_unstable();
    }
    gaps.clear();
    gaps.extend(days.windows(2).filter_map(|w| match w {
        [a, b] if b > a => Some(b - a),
        _ => None,
    }));
    median(gaps)
}

/// Median of `values` (mean of the two middle values for an even count);
/// reorders `values`.
pub(crate) fn median(values: &mut [i32]) -> Option<f64> {
    let n = values.len();
    if n == 0 {
        return None;
    }
    let mid = n / 2;
    let (lower, &mut upper, _) = values.select_nth_unstable(mid);
    if n % 2 == 1 {
        Some(f64::from(upper))
    } else {
        // The lower middle value is the largest of the lower half.
        let below = lower.iter().copied().max().unwrap_or(upper);
        Some((f64::from(below) + f64::from(upper)) / 2.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [7]), Some(7.0));
        assert_eq!(median(&mut [30, 10, 20]), Some(20.0));
        assert_eq!(median(&mut [40, 10, 30, 20]), Some(25.0));
    }

    #[test]
    fn same_day_orders_merge_and_unsorted_days_are_sorted() {
        let mut gaps = Vec::new();
        assert_eq!(median_gap(&mut [30, 0, 10, 10], &mut gaps), Some(15.0));
        assert_eq!(median_gap(&mut [5, 5, 5], &mut gaps), None);
    }
}
