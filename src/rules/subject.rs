//! What a rule is evaluated against: per-customer columns by index. The
//! segment table (`Segmentation` in the segments module) implements [`Subject`]; the
//! rules know nothing else about it, so the segments can use rules for
//! custom segments without a cycle between the two modules.

use std::borrow::Cow;

use super::ProductMatch;
use crate::classes::{AbcClass, RfmSegment};

/// Customers a rule can be evaluated over, indexed `0..customer_count()`.
/// Money is in minor units of [`Subject::currency`]; days count from
/// 1970-01-01 (local). `None` means the customer has no value for the
/// field (it matches no comparison on it).
///
/// ```
/// use std::borrow::Cow;
/// use stammkunde::classes::{AbcClass, RfmSegment};
/// use stammkunde::rules::{ProductMatch, Rule, Subject};
///
/// /// Two customers and their revenue in cents, nothing else known.
/// struct Revenue(Vec<i64>);
///
/// impl Subject for Revenue {
///     fn customer_count(&self) -> usize { self.0.len() }
///     fn as_of_day(&self) -> i32 { 20_000 }
///     fn currency(&self) -> Option<&str> { Some("EUR") }
///     fn key(&self, i: usize) -> Cow<'_, str> { Cow::Owned(format!("c{i}")) }
///     fn revenue(&self, i: usize) -> Option<i64> { self.0.get(i).copied() }
///     fn orders(&self, _: usize) -> Option<u32> { None }
///     fn average_order_value(&self, _: usize) -> Option<f64> { None }
///     fn median_gap(&self, _: usize) -> Option<f64> { None }
///     fn days_since_last(&self, _: usize) -> Option<i32> { None }
///     fn first_day(&self, _: usize) -> Option<i32> { None }
///     fn last_day(&self, _: usize) -> Option<i32> { None }
///     fn recency_score(&self, _: usize) -> Option<u8> { None }
///     fn frequency_score(&self, _: usize) -> Option<u8> { None }
///     fn monetary_score(&self, _: usize) -> Option<u8> { None }
///     fn rfm(&self, _: usize) -> Option<RfmSegment> { None }
///     fn abc(&self, _: usize) -> Option<AbcClass> { None }
///     fn has_clv(&self) -> bool { false }
///     fn p_alive(&self, _: usize) -> Option<f64> { None }
///     fn predicted_clv(&self, _: usize) -> Option<f64> { None }
///     fn expected_orders(&self, _: usize) -> Option<f64> { None }
///     fn segment_ids(&self) -> Vec<String> { Vec::new() }
///     fn segment_members(&self, _: &str) -> Option<&[u32]> { None }
///     fn in_segment(&self, _: &str, _: usize) -> bool { false }
///     fn mark_bought(&self, _: &ProductMatch, _: &mut [bool]) {}
/// }
///
/// let shop = Revenue(vec![60_000, 4_990]);
/// let rule = Rule::parse("amount_spent > 500").unwrap();
/// assert_eq!(rule.members(&shop).unwrap(), [0]);
/// assert_eq!(
///     rule.explain(&shop, 0, stammkunde::lang::Lang::En).unwrap(),
///     "amount_spent 600.00 > 500"
/// );
/// // CLV fields need CLV values.
/// assert!(Rule::parse("p_alive < 0.3").unwrap().members(&shop).is_err());
/// ```
pub trait Subject {
    /// Number of customers.
    fn customer_count(&self) -> usize;
    /// The as-of day relative dates (`-8w`) count from.
    fn as_of_day(&self) -> i32;
    /// The currency code of all money values (`None`: EUR).
    fn currency(&self) -> Option<&str>;
    /// The key of customer `i`.
    fn key(&self, i: usize) -> Cow<'_, str>;

    /// Net revenue, minor units.
    fn revenue(&self, i: usize) -> Option<i64>;
    /// Number of orders.
    fn orders(&self, i: usize) -> Option<u32>;
    /// Average order value, minor units.
    fn average_order_value(&self, i: usize) -> Option<f64>;
    /// Median days between order days.
    fn median_gap(&self, i: usize) -> Option<f64>;
    /// Days since the last order.
    fn days_since_last(&self, i: usize) -> Option<i32>;
    /// Day of the first order.
    fn first_day(&self, i: usize) -> Option<i32>;
    /// Day of the last order.
    fn last_day(&self, i: usize) -> Option<i32>;

    /// R score 1 to 5.
    fn recency_score(&self, i: usize) -> Option<u8>;
    /// F score 1 to 5.
    fn frequency_score(&self, i: usize) -> Option<u8>;
    /// M score 1 to 5.
    fn monetary_score(&self, i: usize) -> Option<u8>;
    /// R×F grid segment.
    fn rfm(&self, i: usize) -> Option<RfmSegment>;
    /// ABC class.
    fn abc(&self, i: usize) -> Option<AbcClass>;

    /// Whether CLV values were given (CLV fields need them).
    fn has_clv(&self) -> bool;
    /// P(alive), 0 to 1.
    fn p_alive(&self, i: usize) -> Option<f64>;
    /// Predicted CLV, minor units.
    fn predicted_clv(&self, i: usize) -> Option<f64>;
    /// Expected orders over the CLV horizon.
    fn expected_orders(&self, i: usize) -> Option<f64>;

    /// The ids of the segments a rule can name.
    fn segment_ids(&self) -> Vec<String>;
    /// The members (ascending) of the segment with this id, ignoring case;
    /// `None` if there is no such segment.
    fn segment_members(&self, id: &str) -> Option<&[u32]>;
    /// Whether customer `i` is a member of the segment with this id.
    fn in_segment(&self, id: &str, i: usize) -> bool;

    /// Sets `bits[i]` for every customer `i` who bought a matching product.
    fn mark_bought(&self, what: &ProductMatch, bits: &mut [bool]);
}
