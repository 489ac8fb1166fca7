//! The order table: orders as columns (customer index, timestamp, net
//! total), the form every segment computation reads.
//!
//! Canonical [`Order`](crate::orders::Order)s and raw columns (typed
//! arrays from JavaScript, 1 M rows and more) both end up here, so the
//! segment code has one fast input.
//! Product and category names are interned once; line items become three
//! parallel columns (order row, product, category).
//
// `builder` reads orders one by one (canonical orders, the CSV and JSON
// readers), `columns` reads whole columns (typed arrays from JavaScript),
// `ids` finds repeated order ids and numbers the customers. This file has
// the table itself and what the segment code reads from it.

mod builder;
mod columns;
mod ids;

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use crate::orders::RowError;

pub(crate) use self::builder::{Builder, OrderRow};
pub use self::columns::ColumnsError;
pub(crate) use self::ids::FastMap;

/// Marks "no category" in the item columns.
pub const NO_CATEGORY: u32 = u32::MAX;

pub use crate::classes::Product;

/// What happened to the input rows while building a table.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TableReport {
    /// Rows (orders) offered.
    pub read: usize,
    /// Rows kept in the table.
    pub used: usize,
    /// Cancelled or fully refunded orders, left out by design.
    pub cancelled: usize,
    /// Repeated order ids, counted once.
    pub duplicates: usize,
    /// Rows that could not be used, each with row, field, reason and fix.
    pub errors: Vec<RowError>,
}

/// Orders as columns. Build with [`OrderTable::from_orders`] or
/// [`OrderTable::from_columns`].
///
/// ```
/// use stammkunde::orders::Order;
/// use stammkunde::segments::OrderTable;
/// let orders = vec![
///     Order::new("1", "anna", 1_700_000_000, 4_990, "EUR"),
///     Order::new("2", "ben", 1_700_086_400, 1_250, "EUR"),
///     Order::new("1", "anna", 1_700_000_000, 4_990, "EUR"), // repeated id
/// ];
/// let table = OrderTable::from_orders(&orders);
/// assert_eq!(table.len(), 2);
/// assert_eq!(table.customer_count(), 2);
/// assert_eq!(table.report().duplicates, 1);
/// assert_eq!(table.key(1), "ben");
/// ```
#[derive(Debug, Clone, Default)]
pub struct OrderTable {
    customer: Vec<u32>,
    placed_at: Vec<i64>,
    net: Vec<i64>,
    customers: u32,
    keys: Vec<String>,
    currency: Option<String>,
    item_order: Vec<u32>,
    item_product: Vec<u32>,
    item_category: Vec<u32>,
    products: Vec<Product>,
    categories: Vec<String>,
    report: TableReport,
}

/// 2200-01-01 in Unix seconds, the end of the range the order readers accept.
const LATEST: i64 = 7_258_118_400;

impl OrderTable {
    /// Sets the currency the totals are in (for labels and CSV headers).
    pub fn set_currency(&mut self, currency: &str) {
        self.currency = Some(currency.trim().to_ascii_uppercase());
    }

    /// Number of orders (rows).
    pub fn len(&self) -> usize {
        self.customer.len()
    }

    /// Whether the table has no orders.
    pub fn is_empty(&self) -> bool {
        self.customer.is_empty()
    }

    /// Number of customer indices (`0..customer_count()`).
    pub fn customer_count(&self) -> usize {
        self.customers as usize
    }

    /// The key of customer index `c`; the index itself when no keys were given.
    pub fn key(&self, c: u32) -> Cow<'_, str> {
        match self.keys.get(c as usize) {
            Some(k) => Cow::Borrowed(k.as_str()),
            None => Cow::Owned(c.to_string()),
        }
    }

    /// The currency of the totals, if known.
    pub fn currency(&self) -> Option<&str> {
        self.currency.as_deref()
    }

    /// What happened to the input rows.
    pub fn report(&self) -> &TableReport {
        &self.report
    }

    /// Customer index per order.
    pub fn customers(&self) -> &[u32] {
        &self.customer
    }

    /// Time placed per order, Unix seconds.
    pub fn placed_at(&self) -> &[i64] {
        &self.placed_at
    }

    /// Net total per order, minor units.
    pub fn net(&self) -> &[i64] {
        &self.net
    }

    /// The interned products.
    pub fn products(&self) -> &[Product] {
        &self.products
    }

    /// The interned categories.
    pub fn categories(&self) -> &[String] {
        &self.categories
    }

    /// Line items as `(order row, product index, category index or
    /// [`NO_CATEGORY`])`.
    pub fn items(&self) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
        self.item_order
            .iter()
            .zip(&self.item_product)
            .zip(&self.item_category)
            .map(|((&o, &p), &c)| (o, p, c))
    }

    /// Whether any order has line items.
    pub fn has_items(&self) -> bool {
        !self.item_order.is_empty()
    }
}
