//! Building the table from whole columns (typed arrays from JavaScript,
//! the order import's columns): a million rows arrive at once, so the
//! common case (every row good) is checked in one pass and converted in
//! bulk.

use std::collections::HashMap;

use super::{OrderTable, Product, LATEST, NO_CATEGORY};
use crate::orders::columnar::Columns;
use crate::orders::RowError;

/// Why raw columns could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnsError {
    /// What was wrong.
    pub reason: String,
    /// How to fix it.
    pub fix: String,
}

impl std::fmt::Display for ColumnsError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}; {}", self.reason, self.fix)
    }
}

impl std::error::Error for ColumnsError {}

impl OrderTable {
    /// Reads raw columns: per order the customer's index, the time placed
    /// (Unix seconds) and the net total (minor units, cancellations and
    /// refunds already applied). All three must have the same length.
    ///
    /// `keys` names the customers (index `i` is `keys[i]`); if empty, the
    /// index itself is the key. Rows with a timestamp or total that is not
    /// a whole finite number, or a customer index without a key, are
    /// rejected with a row error; the other rows are used.
    ///
    /// ```
    /// use stammkunde::segments::OrderTable;
    /// let t = OrderTable::from_columns(&[0, 1, 0], &[1e9, 1e9, f64::NAN], &[500.0, 250.0, 100.0], Vec::new()).unwrap();
    /// assert_eq!((t.len(), t.customer_count()), (2, 2));
    /// assert_eq!(t.report().errors[0].row, Some(3));
    /// assert_eq!(t.key(1), "1");
    /// ```
    pub fn from_columns(
        customer: &[u32],
        placed_at: &[f64],
        net: &[f64],
        keys: Vec<String>,
    ) -> Result<OrderTable, ColumnsError> {
        OrderTable::from_columns_with_status(customer, placed_at, net, None, keys)
    }

    /// [`OrderTable::from_columns`] with a status code per order, as in the
    /// order import's columns: 0 completed, 1 cancelled, 2 refunded (both
    /// left out and counted as cancelled), 3 partially refunded (the net
    /// total already has the refund subtracted).
    ///
    /// ```
    /// use stammkunde::segments::OrderTable;
    /// let t = OrderTable::from_columns_with_status(&[0, 1], &[0.0, 0.0], &[500.0, 0.0], Some(&[0, 1]), Vec::new()).unwrap();
    /// assert_eq!((t.len(), t.report().cancelled, t.customer_count()), (1, 1, 1));
    /// ```
    pub fn from_columns_with_status(
        customer: &[u32],
        placed_at: &[f64],
        net: &[f64],
        status: Option<&[u8]>,
        keys: Vec<String>,
    ) -> Result<OrderTable, ColumnsError> {
        if status.is_some_and(|s| s.len() != customer.len()) {
            return Err(ColumnsError {
                reason: format!(
                    "the status column has {} entries for {} orders",
                    status.map_or(0, <[u8]>::len),
                    customer.len()
                ),
                fix: "pass one status code per order, or no status column".into(),
            });
        }
        if customer.len() != placed_at.len() || customer.len() != net.len() {
            return Err(ColumnsError {
                reason: format!(
                    "the columns differ in length: {} customers, {} timestamps, {} totals",
                    customer.len(),
                    placed_at.len(),
                    net.len()
                ),
                fix: "pass one customer index, one timestamp and one total per order".into(),
            });
        }
        let n = customer.len();
        let mut t = OrderTable {
            customer: Vec::with_capacity(n),
            placed_at: Vec::with_capacity(n),
            net: Vec::with_capacity(n),
            ..OrderTable::default()
        };
        t.report.read = n;
        let limit = if keys.is_empty() {
            u32::MAX
        } else {
            keys.len() as u32
        };
        // Whole numbers up to 2^53 are exact in f64.
        const MAX_EXACT: f64 = 9_007_199_254_740_992.0;
        // The cast is exact for whole numbers in range; it avoids a libm call.
        let whole = |x: f64| x.abs() <= MAX_EXACT && (x as i64) as f64 == x;
        // 1970-01-01 .. 2200-01-01, as the order readers accept.
        let time = |x: f64| whole(x) && (0.0..LATEST as f64).contains(&x);
        let amount = |x: f64| whole(x) && x >= 0.0;
        let counts = |i: usize| !matches!(status.and_then(|s| s.get(i)), Some(1) | Some(2));
        let all_good = status.is_none()
            && customer.iter().all(|&c| c < limit)
            && placed_at.iter().all(|&x| time(x))
            && net.iter().all(|&x| amount(x));
        let mut max_customer = 0u32;
        if all_good {
            // The common case: straight conversions the compiler vectorises.
            max_customer = customer.iter().copied().max().unwrap_or(0);
            t.customer.extend_from_slice(customer);
            t.placed_at.extend(placed_at.iter().map(|&x| x as i64));
            t.net.extend(net.iter().map(|&x| x as i64));
        } else {
            for (i, ((&c, &ts), &total)) in customer.iter().zip(placed_at).zip(net).enumerate() {
                if !counts(i) {
                    t.report.cancelled += 1;
                    continue;
                }
                let problem = if c >= limit {
                    Some((
                        "customer",
                        format!("customer index {c} has no key ({} keys given)", keys.len()),
                        "pass a key for every customer index, or no keys at all",
                    ))
                } else if !whole(ts) {
                    Some((
                        "placedAt",
                        format!("{ts} is not a whole number of seconds"),
                        "pass Unix seconds (Date.getTime() / 1000, rounded)",
                    ))
                } else if !time(ts) {
                    Some((
                        "placedAt",
                        format!("{ts} is not a time between 1970 and 2199"),
                        "pass Unix seconds (Date.getTime() / 1000, rounded), not milliseconds",
                    ))
                } else if !whole(total) {
                    Some((
                        "total",
                        format!("{total} is not a whole number of minor units"),
                        "pass totals in cents as whole numbers, e.g. 4990 for 49,90 EUR",
                    ))
                } else if !amount(total) {
                    Some((
                        "total",
                        format!("the net total {total} is negative"),
                        "pass net totals of 0 or more; leave fully refunded orders out",
                    ))
                } else {
                    None
                };
                if let Some((field, reason, fix)) = problem {
                    t.report.errors.push(RowError {
                        row: Some(i + 1),
                        order_id: None,
                        field: field.into(),
                        reason,
                        fix: fix.into(),
                    });
                    continue;
                }
                max_customer = max_customer.max(c);
                t.customer.push(c);
                t.placed_at.push(ts as i64);
                t.net.push(total as i64);
            }
        }
        t.set_customers(keys, (!t.customer.is_empty()).then_some(max_customer));
        t.report.used = t.customer.len();
        Ok(t)
    }

    /// Reads the columns of the order import ([`Columns`], e.g. from
    /// `readColumns` or the demo data) without copying through floats:
    /// cancelled and refunded orders are left out, partial refunds are
    /// already subtracted in the net column. `keys` names the customer
    /// indices as in [`OrderTable::from_columns`].
    ///
    /// ```
    /// use stammkunde::orders::{columnar::Columns, Order, OrderStatus};
    /// use stammkunde::segments::OrderTable;
    /// let mut cancelled = Order::new("2", "b", 20, 500, "EUR");
    /// cancelled.status = OrderStatus::Cancelled;
    /// let (columns, keys) = Columns::from_orders(&[Order::new("1", "a", 10, 100, "EUR"), cancelled]);
    /// let t = OrderTable::from_order_columns(&columns, keys, Some("EUR"));
    /// assert_eq!((t.len(), t.report().cancelled, t.customer_count()), (1, 1, 2));
    /// ```
    pub fn from_order_columns(
        columns: &Columns,
        keys: Vec<String>,
        currency: Option<&str>,
    ) -> OrderTable {
        let n = columns.len();
        let mut t = OrderTable {
            currency: currency.map(|c| c.trim().to_ascii_uppercase()),
            ..OrderTable::default()
        };
        t.report.read = n;
        let limit = if keys.is_empty() {
            u32::MAX
        } else {
            keys.len() as u32
        };
        t.customer.reserve(n);
        t.placed_at.reserve(n);
        t.net.reserve(n);
        let mut max_customer = None;
        for i in 0..n {
            let (Some(&c), Some(&ts), Some(&net)) = (
                columns.customer.get(i),
                columns.placed_at.get(i),
                columns.net.get(i),
            ) else {
                break;
            };
            if !columns.counts(i) {
                t.report.cancelled += 1;
                continue;
            }
            if c >= limit {
                t.report.errors.push(RowError {
                    row: Some(i + 1),
                    order_id: None,
                    field: "customer".into(),
                    reason: format!("customer index {c} has no key ({} keys given)", keys.len()),
                    fix: "pass a key for every customer index, or no keys at all".into(),
                });
                continue;
            }
            max_customer = max_customer.max(Some(c));
            t.customer.push(c);
            t.placed_at.push(ts);
            t.net.push(net);
        }
        t.set_customers(keys, max_customer);
        t.report.used = t.customer.len();
        t
    }

    /// Sets the keys and the number of customer indices after the rows of
    /// a columnar input are in; `max_customer` is the largest index used.
    fn set_customers(&mut self, mut keys: Vec<String>, max_customer: Option<u32>) {
        let max = max_customer.unwrap_or(0);
        if keys.is_empty() && max as usize > 2 * self.customer.len() + 1_024 {
            // Sparse indices (e.g. shop customer numbers up to 4e9): every
            // per-customer column would be as long as the largest index, so
            // renumber them densely and keep each index as its key.
            let mut dense: HashMap<u32, u32> = HashMap::with_capacity(self.customer.len());
            for c in &mut self.customer {
                let (index, next) = (*c, keys.len() as u32);
                *c = *dense.entry(index).or_insert_with(|| {
                    keys.push(index.to_string());
                    next
                });
            }
        }
        self.customers = if !keys.is_empty() {
            keys.len() as u32
        } else {
            max_customer.map_or(0, |m| m.saturating_add(1))
        };
        self.keys = keys;
    }

    /// Adds line items to a table built from columns, as three parallel
    /// columns: the row of the item's order (0-based, in this table), the
    /// index of its product in `products` and of its category in
    /// `categories` (or [`NO_CATEGORY`]). Items whose indices point
    /// nowhere are skipped; the return value counts them.
    pub fn set_items(
        &mut self,
        order: &[u32],
        product: &[u32],
        category: &[u32],
        products: Vec<Product>,
        categories: Vec<String>,
    ) -> usize {
        self.item_order.clear();
        self.item_product.clear();
        self.item_category.clear();
        let mut skipped = 0;
        for ((&o, &p), &c) in order.iter().zip(product).zip(category) {
            let ok = (o as usize) < self.customer.len()
                && (p as usize) < products.len()
                && (c == NO_CATEGORY || (c as usize) < categories.len());
            if ok {
                self.item_order.push(o);
                self.item_product.push(p);
                self.item_category.push(c);
            } else {
                skipped += 1;
            }
        }
        let longest = order.len().max(product.len()).max(category.len());
        skipped += longest - order.len().min(product.len()).min(category.len());
        self.products = products;
        self.categories = categories;
        skipped
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_of_different_length_are_refused() {
        let err = OrderTable::from_columns(&[0], &[], &[1.0], Vec::new()).unwrap_err();
        assert!(err.reason.contains("differ in length"));
    }

    #[test]
    fn column_rows_need_keys_and_whole_numbers() {
        let keys = vec!["a".to_string()];
        let t =
            OrderTable::from_columns(&[0, 1, 0], &[0.0, 0.0, 0.5], &[1.0, 1.0, 1.0], keys).unwrap();
        assert_eq!(t.len(), 1);
        let fields: Vec<_> = t.report().errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["customer", "placedAt"]);
    }
}
