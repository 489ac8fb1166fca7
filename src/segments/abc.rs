//! ABC analysis by cumulative revenue share, and the Pareto curve.
//!
//! Customers are ranked by net revenue, highest first. A customer's class
//! follows the share of revenue of all customers ranked strictly above
//! them: below `a` (default 80 %) is A, below `a + b` (default 95 %) is B,
//! the rest C. So the customer who crosses a boundary still belongs to the
//! higher class (the single top customer is always A), and customers with
//! equal revenue always share a class. Customers without positive revenue
//! are C; negative revenue counts as zero in the shares.
//!
//! ```
//! use stammkunde::segments::abc::{rank, classify, AbcClass};
//! let revenue = [5_000, 3_000, 1_000, 500, 500];
//! let ranking = rank(&revenue);
//! let classes = classify(&ranking, &revenue, 0.8, 0.15);
//! use AbcClass::*;
//! // Shares above each customer: 0 %, 50 %, 80 %, 90 %, 90 % (tie).
//! assert_eq!(classes, [A, A, B, B, B]);
//! ```

use serde::{Deserialize, Serialize};

pub use crate::classes::AbcClass;

/// One point of the Pareto curve: the top `customers` share of customers
/// (by revenue) makes `revenue` share of the revenue. Both from 0 to 1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParetoPoint {
    /// Share of customers, 0 to 1.
    pub customers: f64,
    /// Share of revenue, 0 to 1.
    pub revenue: f64,
}

/// Customers ranked by revenue.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ranking {
    /// Customer indices, highest revenue first (equal revenue: lower index first).
    pub order: Vec<u32>,
    /// Per customer: how many customers have strictly more revenue.
    pub higher: Vec<u32>,
    /// Per customer: share of the positive revenue of all customers with
    /// strictly more revenue (0 to 1).
    pub share_before: Vec<f64>,
    /// Sum of the positive revenues.
    pub total: i64,
}

/// Ranks customers by revenue.
pub fn rank(revenue: &[i64]) -> Ranking {
    let n = revenue.len();
    let mut order: Vec<u32> = (0..n as u32).collect();
    // Sorting (revenue desc, index asc) packed keys would be faster still,
    // but 100 k customers sort in a few milliseconds.
    order.sort_unstable_by(|&x, &y| {
        let rx = revenue.get(x as usize).copied().unwrap_or(0);
        let ry = revenue.get(y as usize).copied().unwrap_or(0);
        ry.cmp(&rx).then(x.cmp(&y))
    });
    let total: i64 = revenue
        .iter()
        .map(|&r| r.max(0))
        .fold(0i64, i64::saturating_add);
    let mut higher = vec![0u32; n];
    let mut share_before = vec![0.0f64; n];
    let mut cum = 0i64;
    let mut group_rank = 0u32;
    let mut group_cum = 0i64;
    let mut group_value = None;
    for (pos, &c) in order.iter().enumerate() {
        let r = revenue.get(c as usize).copied().unwrap_or(0);
        if group_value != Some(r) {
            group_value = Some(r);
            group_rank = pos as u32;
            group_cum = cum;
        }
        if let (Some(h), Some(s)) = (higher.get_mut(c as usize), share_before.get_mut(c as usize)) {
            *h = group_rank;
            *s = if total > 0 {
                group_cum as f64 / total as f64
            } else {
                0.0
            };
        }
        cum = cum.saturating_add(r.max(0));
    }
    Ranking {
        order,
        higher,
        share_before,
        total,
    }
}

/// The ABC class per customer, with shares `a` and `b` (C is the rest).
pub fn classify(ranking: &Ranking, revenue: &[i64], a: f64, b: f64) -> Vec<AbcClass> {
    ranking
        .share_before
        .iter()
        .zip(revenue)
        .map(|(&s, &r)| {
            // The tolerance keeps 0.8 + 0.15 from ending above 0.95.
            if r <= 0 {
                AbcClass::C
            } else if s < a - 1e-9 {
                AbcClass::A
            } else if s < a + b - 1e-9 {
                AbcClass::B
            } else {
                AbcClass::C
            }
        })
        .collect()
}

/// The Pareto curve with at most `max_points` points (at least 2): from
/// (0, 0) to (1, 1), evenly spaced in the share of customers. With fewer
/// customers than points, one point per customer.
pub fn pareto(ranking: &Ranking, revenue: &[i64], max_points: usize) -> Vec<ParetoPoint> {
    let n = ranking.order.len();
    if n == 0 {
        return Vec::new();
    }
    let mut cum = Vec::with_capacity(n + 1);
    let mut sum = 0i64;
    cum.push(0i64);
    for &c in &ranking.order {
        sum = sum.saturating_add(revenue.get(c as usize).copied().unwrap_or(0).max(0));
        cum.push(sum);
    }
    let steps = n.min(max_points.max(2) - 1);
    (0..=steps)
        .map(|i| {
            // Customers covered by point i, spread evenly over 0..=n.
            let k = (i * n + steps / 2) / steps;
            let covered = cum.get(k).copied().unwrap_or(sum);
            ParetoPoint {
                customers: k as f64 / n as f64,
                revenue: if sum > 0 {
                    covered as f64 / sum as f64
                } else {
                    0.0
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crossing_customer_stays_in_the_higher_class() {
        let revenue = [9_000, 1_000];
        let r = rank(&revenue);
        // Above the second customer: 90 %, which is below 80 + 15.
        assert_eq!(
            classify(&r, &revenue, 0.8, 0.15),
            [AbcClass::A, AbcClass::B]
        );
        assert_eq!(r.higher, [0, 1]);
    }

    #[test]
    fn zero_and_negative_revenue_is_c() {
        let revenue = [0, -100, 100];
        let r = rank(&revenue);
        assert_eq!(r.order, [2, 0, 1]);
        assert_eq!(r.total, 100);
        assert_eq!(
            classify(&r, &revenue, 0.8, 0.15),
            [AbcClass::C, AbcClass::C, AbcClass::A]
        );
    }

    #[test]
    fn pareto_points_run_from_origin_to_one() {
        let revenue = [50, 30, 10, 5, 5];
        let points = pareto(&rank(&revenue), &revenue, 101);
        assert_eq!(points.len(), 6);
        assert_eq!(
            points[1],
            ParetoPoint {
                customers: 0.2,
                revenue: 0.5
            }
        );
        assert_eq!(
            points[5],
            ParetoPoint {
                customers: 1.0,
                revenue: 1.0
            }
        );
        let many: Vec<i64> = (0..1000).collect();
        let points = pareto(&rank(&many), &many, 101);
        assert_eq!(points.len(), 101);
        assert_eq!(points[0].customers, 0.0);
        assert_eq!(points[50].customers, 0.5);
        assert_eq!(points[100].revenue, 1.0);
    }
}
