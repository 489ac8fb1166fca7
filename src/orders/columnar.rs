//! Columnar orders: parallel typed arrays for large inputs (a million orders
//! from JavaScript as `Uint32Array`/`Float64Array`), read without building
//! a string per order.
//!
//! Input columns, one entry per order:
//! - `customers`: customer index (`u32`; the caller keeps the index → key
//!   table);
//! - `timestamps_ms`: placed-at as milliseconds since the Unix epoch (UTC),
//!   what `Date.getTime()` returns; fractions of a second are dropped;
//! - `totals`: gross totals, in major units (`49.9`) by default or in minor
//!   units (`4990`) with [`Amounts::Minor`];
//! - optional `status` codes: 0 completed, 1 cancelled, 2 refunded,
//!   3 partially refunded (see [`status_code`]);
//! - optional `refunds`: refunded amount per order, same unit as `totals`,
//!   used with code 3 (and a positive refund on code 0 makes it 3).
//!
//! There are no order ids, so duplicates cannot be detected here; all
//! orders are in one currency.
//!
//! ```
//! use stammkunde::orders::columnar::{read, Amounts, ColumnarInput};
//! let input = ColumnarInput {
//!     customers: &[0, 0, 1],
//!     timestamps_ms: &[1.7e12, 1.8e12, f64::NAN],
//!     totals: &[49.9, 20.0, 10.0],
//!     status: Some(&[0, 1, 0]),
//!     ..ColumnarInput::default()
//! };
//! let import = read(&input, Amounts::Major).unwrap();
//! assert_eq!((import.read, import.used, import.rejected), (3, 2, 1));
//! assert_eq!(import.columns.net, vec![4_990, 0]);
//! assert_eq!(import.errors[0].field, "timestamps");
//! ```

use super::field_error::FieldError;
use super::{LineItem, Order, OrderStatus, RowError};
use crate::money::float_to_minor;
use std::collections::HashMap;

/// The unit of `totals` and `refunds`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Amounts {
    /// Major units with decimals, e.g. `49.9` for 49,90 EUR (default).
    #[default]
    Major,
    /// Minor units (cents), e.g. `4990`.
    Minor,
}

/// Borrowed input columns; see the module documentation.
#[derive(Debug, Clone, Copy, Default)]
pub struct ColumnarInput<'a> {
    /// Customer index per order.
    pub customers: &'a [u32],
    /// Placed-at in milliseconds since the Unix epoch (UTC).
    pub timestamps_ms: &'a [f64],
    /// Gross total per order.
    pub totals: &'a [f64],
    /// Optional status codes (0–3); all completed when `None`.
    pub status: Option<&'a [u8]>,
    /// Optional refunded amounts.
    pub refunds: Option<&'a [f64]>,
    /// Currency of all amounts (default EUR); only the minor-unit digits
    /// matter here.
    pub digits: Option<u32>,
}

/// Status code for [`OrderStatus::Completed`].
pub const COMPLETED: u8 = 0;
/// Status code for [`OrderStatus::Cancelled`].
pub const CANCELLED: u8 = 1;
/// Status code for [`OrderStatus::Refunded`].
pub const REFUNDED: u8 = 2;
/// Status code for [`OrderStatus::PartiallyRefunded`].
pub const PARTIALLY_REFUNDED: u8 = 3;

/// The columnar status code of a status.
pub fn status_code(status: OrderStatus) -> u8 {
    match status {
        OrderStatus::Completed => COMPLETED,
        OrderStatus::Cancelled => CANCELLED,
        OrderStatus::Refunded => REFUNDED,
        OrderStatus::PartiallyRefunded { .. } => PARTIALLY_REFUNDED,
    }
}

/// Orders as columns in minor units and Unix seconds: the form the segment
/// engine reads fastest.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Columns {
    /// Customer index per order.
    pub customer: Vec<u32>,
    /// Placed-at, Unix seconds (UTC).
    pub placed_at: Vec<i64>,
    /// Gross total, minor units.
    pub total: Vec<i64>,
    /// Net total, minor units: 0 for cancelled and refunded orders, the
    /// total less the refund for partial refunds (as [`Order::net_total`]).
    pub net: Vec<i64>,
    /// Status code per order ([`COMPLETED`] ... [`PARTIALLY_REFUNDED`]).
    pub status: Vec<u8>,
}

impl Columns {
    /// Empty columns with room for `n` orders.
    pub fn with_capacity(n: usize) -> Self {
        Columns {
            customer: Vec::with_capacity(n),
            placed_at: Vec::with_capacity(n),
            total: Vec::with_capacity(n),
            net: Vec::with_capacity(n),
            status: Vec::with_capacity(n),
        }
    }

    /// Number of orders.
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether there are no orders.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Appends one order.
    pub fn push(&mut self, customer: u32, placed_at: i64, total: i64, status: OrderStatus) {
        let net = Order {
            id: String::new(),
            customer: String::new(),
            placed_at,
            total,
            currency: String::new(),
            status,
            items: Vec::new(),
        }
        .net_total();
        self.customer.push(customer);
        self.placed_at.push(placed_at);
        self.total.push(total);
        self.net.push(net);
        self.status.push(status_code(status));
    }

    /// Whether order `i` counts in figures (not cancelled or refunded).
    pub fn counts(&self, i: usize) -> bool {
        matches!(
            self.status.get(i),
            Some(&COMPLETED) | Some(&PARTIALLY_REFUNDED)
        )
    }

    /// Columns from canonical orders, with the customer key of each index.
    /// Line items are dropped.
    ///
    /// ```
    /// use stammkunde::orders::{columnar::Columns, Order};
    /// let orders = [Order::new("1", "b", 10, 100, "EUR"), Order::new("2", "a", 20, 200, "EUR"), Order::new("3", "b", 30, 300, "EUR")];
    /// let (columns, keys) = Columns::from_orders(&orders);
    /// assert_eq!(columns.customer, vec![0, 1, 0]);
    /// assert_eq!(keys, vec!["b", "a"]);
    /// ```
    pub fn from_orders(orders: &[Order]) -> (Columns, Vec<String>) {
        let mut index: HashMap<&str, u32> = HashMap::new();
        let mut keys = Vec::new();
        let mut columns = Columns::with_capacity(orders.len());
        for order in orders {
            let next = keys.len() as u32;
            let i = *index.entry(order.customer.as_str()).or_insert_with(|| {
                keys.push(order.customer.clone());
                next
            });
            columns.push(i, order.placed_at, order.total, order.status);
        }
        (columns, keys)
    }

    /// Canonical orders (ids `1`, `2`, … by position; customer keys from
    /// `keys`, or the index when `keys` has no entry for it).
    pub fn to_orders(&self, keys: &[String], currency: &str) -> Vec<Order> {
        (0..self.len())
            .map(|i| {
                let c = self.customer.get(i).copied().unwrap_or(0);
                let total = self.total.get(i).copied().unwrap_or(0);
                let status = match self.status.get(i).copied().unwrap_or(COMPLETED) {
                    CANCELLED => OrderStatus::Cancelled,
                    REFUNDED => OrderStatus::Refunded,
                    PARTIALLY_REFUNDED => OrderStatus::PartiallyRefunded {
                        amount: total - self.net.get(i).copied().unwrap_or(total),
                    },
                    _ => OrderStatus::Completed,
                };
                Order {
                    id: (i + 1).to_string(),
                    customer: keys
                        .get(c as usize)
                        .cloned()
                        .unwrap_or_else(|| c.to_string()),
                    placed_at: self.placed_at.get(i).copied().unwrap_or(0),
                    total,
                    currency: currency.to_string(),
                    status,
                    items: Vec::<LineItem>::new(),
                }
            })
            .collect()
    }
}

/// The result of reading columns: the good orders as [`Columns`], one error
/// per rejected row (row = 1-based position), and the counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnarImport {
    /// The orders that were read.
    pub columns: Columns,
    /// One entry per rejected position.
    pub errors: Vec<RowError>,
    /// Orders read.
    pub read: usize,
    /// Orders used.
    pub used: usize,
    /// Orders rejected.
    pub rejected: usize,
}

/// Reads columns; `Err` if their lengths differ.
pub fn read(input: &ColumnarInput, amounts: Amounts) -> Result<ColumnarImport, RowError> {
    let n = input.customers.len();
    let lengths = [
        ("timestamps", Some(input.timestamps_ms.len())),
        ("totals", Some(input.totals.len())),
        ("status", input.status.map(<[u8]>::len)),
        ("refunds", input.refunds.map(<[f64]>::len)),
    ];
    for (name, len) in lengths {
        if let Some(len) = len.filter(|&len| len != n) {
            return Err(FieldError::new(
                name,
                format!("{name} has {len} entries but customers has {n}"),
                "pass one entry per order in every column",
            )
            .at(None, None));
        }
    }
    let digits = input.digits.unwrap_or(2);
    let scale = match amounts {
        Amounts::Major => digits,
        Amounts::Minor => 0,
    };
    let mut columns = Columns::with_capacity(n);
    let mut errors = Vec::new();
    let rows = input
        .customers
        .iter()
        .zip(input.timestamps_ms)
        .zip(input.totals)
        .enumerate();
    for (i, ((&customer, &ms), &total)) in rows {
        let code = input
            .status
            .and_then(|s| s.get(i))
            .copied()
            .unwrap_or(COMPLETED);
        let refund = input.refunds.and_then(|r| r.get(i)).copied();
        match row(ms, total, code, refund, scale) {
            Ok((placed_at, total, status)) => columns.push(customer, placed_at, total, status),
            Err(bad) => errors.push(bad.at(Some(i + 1), None)),
        }
    }
    Ok(ColumnarImport {
        read: n,
        used: columns.len(),
        rejected: errors.len(),
        columns,
        errors,
    })
}

fn row(
    ms: f64,
    total: f64,
    code: u8,
    refund: Option<f64>,
    scale: u32,
) -> Result<(i64, i64, OrderStatus), FieldError> {
    // 1970-01-01 .. 2200-01-01 in milliseconds.
    if !(ms.is_finite() && (0.0..7.258_118_4e12).contains(&ms)) {
        return Err(FieldError::new(
            "timestamps",
            format!("{ms} is not a time between 1970 and 2200"),
            "pass milliseconds since the epoch, e.g. Date.parse('2026-11-01T09:30:00Z')",
        ));
    }
    let placed_at = (ms / 1000.0).floor() as i64;
    let money = |field: &str, x: f64| -> Result<i64, FieldError> {
        match float_to_minor(x, scale) {
            Some(v) if v >= 0 => Ok(v),
            _ => Err(FieldError::new(
                field,
                format!("{x} is not an amount of at least 0"),
                "pass gross amounts as finite numbers ≥ 0 (major units unless cents is set)",
            )),
        }
    };
    let total = money("totals", total)?;
    let refund = refund
        .map(|r| money("refunds", r))
        .transpose()?
        .unwrap_or(0);
    let status = match code {
        COMPLETED if refund > 0 => OrderStatus::PartiallyRefunded { amount: refund },
        COMPLETED => OrderStatus::Completed,
        CANCELLED => OrderStatus::Cancelled,
        REFUNDED => OrderStatus::Refunded,
        PARTIALLY_REFUNDED if refund > 0 => OrderStatus::PartiallyRefunded { amount: refund },
        PARTIALLY_REFUNDED => {
            return Err(FieldError::new(
                "refunds",
                "status 3 (partially refunded) needs a refunded amount above 0",
                "pass the refunded amount in refunds at the same position",
            ))
        }
        other => {
            return Err(FieldError::new(
                "status",
                format!("{other} is not a status code"),
                "use 0 completed, 1 cancelled, 2 refunded, 3 partially refunded",
            ))
        }
    };
    let status = match status {
        OrderStatus::PartiallyRefunded { amount } if amount >= total => OrderStatus::Refunded,
        s => s,
    };
    Ok((placed_at, total, status))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_rows_are_reported_and_good_rows_kept() {
        let input = ColumnarInput {
            customers: &[0, 1, 2, 3, 4, 5, 6],
            timestamps_ms: &[1.7e12, -1.0, 1.7e12, 1.7e12, 1.7e12, 1.7e12, 1.7e12],
            totals: &[4990.0, 1.0, f64::INFINITY, 1000.0, 1000.0, 1000.0, 1000.0],
            status: Some(&[0, 0, 0, 3, 3, 9, 0]),
            refunds: Some(&[0.0, 0.0, 0.0, 250.0, 0.0, 0.0, 1000.0]),
            digits: None,
        };
        let import = read(&input, Amounts::Minor).unwrap();
        assert_eq!((import.read, import.used, import.rejected), (7, 3, 4));
        let fields: Vec<(Option<usize>, &str)> = import
            .errors
            .iter()
            .map(|e| (e.row, e.field.as_str()))
            .collect();
        assert_eq!(
            fields,
            vec![
                (Some(2), "timestamps"),
                (Some(3), "totals"),
                (Some(5), "refunds"),
                (Some(6), "status")
            ]
        );
        assert_eq!(import.columns.net, vec![4_990, 750, 0]);
        assert_eq!(
            import.columns.status,
            vec![COMPLETED, PARTIALLY_REFUNDED, REFUNDED]
        );
        assert_eq!(import.columns.placed_at[0], 1_700_000_000);
    }

    #[test]
    fn lengths_must_match() {
        let input = ColumnarInput {
            customers: &[0, 1],
            timestamps_ms: &[1.0],
            totals: &[1.0, 2.0],
            ..ColumnarInput::default()
        };
        assert_eq!(
            read(&input, Amounts::Major).unwrap_err().field,
            "timestamps"
        );
    }

    #[test]
    fn round_trip_through_orders() {
        let mut refunded = Order::new("2", "b", 20, 1_000, "EUR");
        refunded.status = OrderStatus::PartiallyRefunded { amount: 300 };
        let orders = vec![Order::new("1", "a", 10, 500, "EUR"), refunded];
        let (columns, keys) = Columns::from_orders(&orders);
        assert_eq!(columns.to_orders(&keys, "EUR"), orders);
    }
}
