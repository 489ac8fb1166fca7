//! RFM: recency, frequency and monetary scores 1 to 5, and the segment of
//! the R×F grid.
//!
//! **Scores are rank-based quintiles with ties kept together.** With `N`
//! customers and `L` the number of customers whose value is strictly worse,
//! the score is `1 + ⌊5·L / N⌋`. Equal values always get the same score,
//! the lowest their group reaches: when 60 % of the customers bought once,
//! all of them get F = 1 and two-time buyers start at F = 4. Better means a
//! later last order (R), more orders (F), more net revenue (M).
//!
//! **Frequency falls back to order counts when ties collapse the
//! quintiles.** In most shops half or more of the customers ordered once;
//! their tie takes F = 1 and the next group jumps to F = 3 or 4, leaving
//! F = 2 (or more) empty, so whole columns of the grid carry no one and the
//! rest mean "ordered twice" under a label that says "middle fifth". Then F
//! is the order count itself: F = 1, 2, 3, 4 for one to four orders, F = 5
//! for five or more (when that fills more scores than the quintiles do; see
//! [`frequency_scores`]). Recency (days) and monetary value (cents) have
//! enough distinct values for quintiles.
//!
//! The segment comes from R and F (rows R, columns F):
//!
//! | R \ F | 1 | 2 | 3 | 4 | 5 |
//! | --- | --- | --- | --- | --- | --- |
//! | 5 | new customers | potential loyalists | potential loyalists | champions | champions |
//! | 4 | promising | potential loyalists | potential loyalists | loyal | loyal |
//! | 3 | about to sleep | about to sleep | need attention | loyal | loyal |
//! | 2 | hibernating | hibernating | at risk | at risk | can't lose them |
//! | 1 | lost | lost | at risk | at risk | can't lose them |
//!
//! ```
//! use stammkunde::segments::rfm::{quintile_scores, RfmSegment};
//! use stammkunde::segments::Lang;
//! let mut scores = Vec::new();
//! quintile_scores(&[10, 20, 30, 40, 50], &mut scores);
//! assert_eq!(scores, [1, 2, 3, 4, 5]);
//! quintile_scores(&[1, 1, 1, 2, 5], &mut scores);
//! assert_eq!(scores, [1, 1, 1, 4, 5]);
//! assert_eq!(RfmSegment::from_scores(5, 4), RfmSegment::Champions);
//! assert_eq!(RfmSegment::from_scores(1, 5).name(Lang::De), "Nicht verlieren");
//! ```

use serde::{Deserialize, Serialize};

pub use crate::classes::RfmSegment;

/// How [`frequency_scores`] cut the order counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FrequencyCut {
    /// Rank-based quintiles, as for R and M.
    Quintiles,
    /// F = the order count, 5 for five or more.
    OrderCounts,
}

/// F scores (1 to 5) of order counts: the quintiles of
/// [`quintile_scores`] when they use all five scores, else the order count
/// (capped at 5) when that uses more scores than the quintiles.
///
/// ```
/// use stammkunde::segments::rfm::{frequency_scores, FrequencyCut};
/// let mut scores = Vec::new();
/// // Six one-time buyers of ten: quintiles would leave F = 2 empty.
/// let cut = frequency_scores(&[1, 1, 1, 1, 1, 1, 2, 2, 3, 7], &mut scores);
/// assert_eq!(cut, FrequencyCut::OrderCounts);
/// assert_eq!(scores, [1, 1, 1, 1, 1, 1, 2, 2, 3, 5]);
/// ```
pub fn frequency_scores(orders: &[i64], out: &mut Vec<u8>) -> FrequencyCut {
    quintile_scores(orders, out);
    let used = |scores: &[u8]| {
        let mut seen = [false; 6];
        for &s in scores {
            if let Some(slot) = seen.get_mut(usize::from(s)) {
                *slot = true;
            }
        }
        seen.iter().filter(|&&b| b).count()
    };
    let quintiles = used(out);
    if quintiles == 5 || orders.is_empty() {
        return FrequencyCut::Quintiles;
    }
    let counts: Vec<u8> = orders.iter().map(|&k| k.clamp(1, 5) as u8).collect();
    if used(&counts) > quintiles {
        out.clear();
        out.extend_from_slice(&counts);
        FrequencyCut::OrderCounts
    } else {
        FrequencyCut::Quintiles
    }
}

/// Writes one score (1 to 5) per value into `out`: rank-based quintiles,
/// higher values score higher, equal values score the same (see the
/// module documentation).
pub fn quintile_scores(values: &[i64], out: &mut Vec<u8>) {
    out.clear();
    let n = values.len();
    if n == 0 {
        return;
    }
    let (min, max) = values
        .iter()
        .fold((i64::MAX, i64::MIN), |(lo, hi), &v| (lo.min(v), hi.max(v)));
    let span = (max as i128 - min as i128) as u128;
    let n64 = n as u64;
    let score = |lower: u64| (1 + (5 * lower) / n64).min(5) as u8;
    if span <= 4 * n as u128 {
        // Small range (days, order counts): a histogram gives L directly.
        let mut below = vec![0u64; span as usize + 2];
        for &v in values {
            if let Some(slot) = below.get_mut((v - min) as usize + 1) {
                *slot += 1;
            }
        }
        for i in 1..below.len() {
            below[i] += below[i - 1];
        }
        out.extend(
            values
                .iter()
                .map(|&v| score(below.get((v - min) as usize).copied().unwrap_or(0))),
        );
    } else {
        let mut sorted = values.to_vec();
        sorted.sort_unstable();
        out.extend(
            values
                .iter()
                .map(|&v| score(sorted.partition_point(|&s| s < v) as u64)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn every_cell_of_the_grid_has_the_documented_segment() {
        use RfmSegment::*;
        let grid = [
            [
                NewCustomers,
                PotentialLoyalists,
                PotentialLoyalists,
                Champions,
                Champions,
            ],
            [
                Promising,
                PotentialLoyalists,
                PotentialLoyalists,
                Loyal,
                Loyal,
            ],
            [AboutToSleep, AboutToSleep, NeedAttention, Loyal, Loyal],
            [Hibernating, Hibernating, AtRisk, AtRisk, CantLoseThem],
            [Lost, Lost, AtRisk, AtRisk, CantLoseThem],
        ];
        for (row, r) in grid.iter().zip([5u8, 4, 3, 2, 1]) {
            for (&expected, f) in row.iter().zip(1u8..=5) {
                assert_eq!(RfmSegment::from_scores(r, f), expected, "R{r} F{f}");
            }
        }
    }

    #[test]
    fn ids_round_trip_and_display_names_parse() {
        for s in RfmSegment::ALL {
            assert_eq!(RfmSegment::parse(s.id()), Some(s));
            assert_eq!(RfmSegment::parse(s.name(Lang::En)), Some(s));
        }
        assert_eq!(RfmSegment::parse("at risk"), Some(RfmSegment::AtRisk));
        assert_eq!(RfmSegment::parse("gefährdet"), Some(RfmSegment::AtRisk));
        assert_eq!(RfmSegment::parse("sleepy"), None);
    }

    #[test]
    fn frequency_keeps_quintiles_when_they_fill_the_grid() {
        let mut out = Vec::new();
        let orders: Vec<i64> = (1..=10).collect();
        assert_eq!(frequency_scores(&orders, &mut out), FrequencyCut::Quintiles);
        assert_eq!(out, [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
        // Everyone with 9 orders: counts would not fill more scores either.
        assert_eq!(
            frequency_scores(&[9, 9, 9], &mut out),
            FrequencyCut::Quintiles
        );
        assert_eq!(out, [1, 1, 1]);
    }

    #[test]
    fn frequency_uses_order_counts_when_one_time_buyers_dominate() {
        // CDNOW-like: half bought once, the rest 2 to 20 times.
        let mut orders = vec![1i64; 500];
        orders.extend((0..500).map(|i| 2 + i % 19));
        let mut out = Vec::new();
        quintile_scores(&orders, &mut out);
        assert!(!out.contains(&2), "the quintiles leave F = 2 empty");
        assert_eq!(
            frequency_scores(&orders, &mut out),
            FrequencyCut::OrderCounts
        );
        for score in 1..=5u8 {
            assert!(out.contains(&score), "F = {score} is used");
        }
        assert_eq!((out[0], out[500], out[503]), (1, 2, 5));
    }

    #[test]
    fn ties_share_the_lowest_score_of_their_group() {
        let mut out = Vec::new();
        // Ten distinct values: two per quintile.
        quintile_scores(&[9, 8, 7, 6, 5, 4, 3, 2, 1, 0], &mut out);
        assert_eq!(out, [5, 5, 4, 4, 3, 3, 2, 2, 1, 1]);
        // Everyone equal: L = 0 for all.
        quintile_scores(&[3, 3, 3], &mut out);
        assert_eq!(out, [1, 1, 1]);
        // Wide range takes the sorting path: L = 0, 1, 1, 3 of N = 4.
        quintile_scores(&[-1_000_000, 5_000_000, 5_000_000, 9_000_000_000], &mut out);
        assert_eq!(out, [1, 2, 2, 4]);
    }
}
