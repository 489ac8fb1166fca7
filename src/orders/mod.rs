//! Orders in: the canonical order model and the adapters that produce it.
//!
//! Every adapter turns a shop's export into [`Order`]s and reports each row
//! it could not use as a [`RowError`] that names the row, the field, the
//! reason and how to fix it. Good rows are always kept.
//!
//! Money is held in minor units (cents) as `i64`, so sums do not depend on
//! the order in which rows arrive.
//!
//! ```
//! use stammkunde::orders::{Order, OrderStatus};
//! let order = Order::new("1001", "kunde@example.de", 1_700_000_000, 4_990, "EUR");
//! assert_eq!(order.status, OrderStatus::Completed);
//! assert_eq!(order.net_total(), 4_990);
//! ```

use serde::{Deserialize, Serialize};

/// What happened to an order after it was placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum OrderStatus {
    /// Completed or paid: counts in full.
    #[default]
    Completed,
    /// Cancelled: excluded from every figure.
    Cancelled,
    /// Fully refunded: excluded from every figure.
    Refunded,
    /// Partially refunded: the refunded amount (minor units) is subtracted.
    PartiallyRefunded {
        /// Refunded amount in minor units of the order's currency.
        amount: i64,
    },
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct LineItem {
    /// Product id or SKU, whichever the shop uses to identify the product.
    pub product_id: String,
    /// Stock keeping unit, when the shop has one besides the product id.
    pub sku: Option<String>,
    /// Product name as shown to customers.
    pub name: String,
    /// Product category, if known.
    pub category: Option<String>,
    /// Quantity ordered.
    pub quantity: f64,
    /// Unit price in minor units of the order's currency.
    pub unit_price: i64,
}

/// A canonical order, whatever shop system it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Order {
    /// The shop's order id; duplicates count once.
    pub id: String,
    /// Stable key of the customer (customer id, or e-mail for guests).
    pub customer: String,
    /// When the order was placed, seconds since the Unix epoch (UTC).
    pub placed_at: i64,
    /// Gross total in minor units of `currency`.
    pub total: i64,
    /// ISO 4217 currency code, upper case.
    pub currency: String,
    /// Completed, cancelled, refunded or partially refunded.
    #[serde(default)]
    pub status: OrderStatus,
    /// Line items; may be empty when the source has only totals.
    #[serde(default)]
    pub items: Vec<LineItem>,
}

impl Order {
    /// A completed order without line items.
    pub fn new(id: &str, customer: &str, placed_at: i64, total: i64, currency: &str) -> Self {
        Order {
            id: id.to_string(),
            customer: customer.to_string(),
            placed_at,
            total,
            currency: currency.to_string(),
            status: OrderStatus::Completed,
            items: Vec::new(),
        }
    }

    /// Whether the order counts at all (not cancelled, not fully refunded).
    pub fn counts(&self) -> bool {
        !matches!(self.status, OrderStatus::Cancelled | OrderStatus::Refunded)
    }

    /// Net revenue in minor units: zero for cancelled and refunded orders,
    /// the total less the refund for partial refunds.
    pub fn net_total(&self) -> i64 {
        match self.status {
            OrderStatus::Completed => self.total,
            OrderStatus::Cancelled | OrderStatus::Refunded => 0,
            OrderStatus::PartiallyRefunded { amount } => self.total.saturating_sub(amount),
        }
    }
}

/// Why one input row was not used, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowError {
    /// 1-based row number in the input (for CSV: the line, header = 1).
    pub row: Option<usize>,
    /// The order id, when it could be read.
    pub order_id: Option<String>,
    /// The field that was wrong, e.g. `"placed_at"` or the CSV column name.
    pub field: String,
    /// What was wrong, e.g. `"'31.02.2024' is not a date"`.
    pub reason: String,
    /// How to fix it, e.g. `"write dates as dd.mm.yyyy"`.
    pub fix: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.row, &self.order_id) {
            (Some(row), Some(id)) => write!(f, "row {row} (order {id})")?,
            (Some(row), None) => write!(f, "row {row}")?,
            (None, Some(id)) => write!(f, "order {id}")?,
            (None, None) => write!(f, "input")?,
        }
        write!(f, ", field {}: {}; {}", self.field, self.reason, self.fix)
    }
}

/// The result of reading orders: the usable orders, every rejected row, and
/// the counts of rows read, used and rejected.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Import {
    /// Orders that were read successfully.
    pub orders: Vec<Order>,
    /// One entry per rejected row.
    pub errors: Vec<RowError>,
    /// Rows read from the input.
    pub read: usize,
    /// Rows turned into orders.
    pub used: usize,
    /// Rows rejected (see `errors`).
    pub rejected: usize,
}
