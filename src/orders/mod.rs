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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        amount: i64,
    },
}

/// One line of an order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub unit_price: i64,
}

/// A canonical order, whatever shop system it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Order {
    /// The shop's order id; duplicates count once.
    pub id: String,
    /// Stable key of the customer (customer id, or e-mail for guests).
    pub customer: String,
    /// When the order was placed, seconds since the Unix epoch (UTC).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub placed_at: i64,
    /// Gross total in minor units of `currency`.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
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
///
/// Serialized with one more key, `code`: the cause's stable code
/// ([`causes::code`], e.g. `bad_date`), which the admin's texts in German
/// and English are chosen by; `reason` and `fix` are English.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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

impl Serialize for RowError {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut out = serializer.serialize_struct("RowError", 6)?;
        out.serialize_field("row", &self.row)?;
        out.serialize_field("orderId", &self.order_id)?;
        out.serialize_field("field", &self.field)?;
        out.serialize_field("reason", &self.reason)?;
        out.serialize_field("fix", &self.fix)?;
        out.serialize_field("code", causes::code(self))?;
        out.end()
    }
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
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "OrderImport"))]
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

impl Import {
    /// The orders that count in figures (not cancelled, not fully refunded).
    ///
    /// ```
    /// use stammkunde::orders::{Import, Order, OrderStatus};
    /// let mut cancelled = Order::new("2", "a", 0, 500, "EUR");
    /// cancelled.status = OrderStatus::Cancelled;
    /// let import = Import { orders: vec![Order::new("1", "a", 0, 900, "EUR"), cancelled], ..Import::default() };
    /// assert_eq!(import.counting().count(), 1);
    /// ```
    pub fn counting(&self) -> impl Iterator<Item = &Order> {
        self.orders.iter().filter(|o| o.counts())
    }

    /// Net revenue of all orders in minor units (see [`Order::net_total`]).
    pub fn net_revenue(&self) -> i64 {
        self.orders
            .iter()
            .fold(0i64, |sum, o| sum.saturating_add(o.net_total()))
    }
}

pub mod causes;
pub mod cdnow;
pub mod columnar;
pub mod csv;
mod detect;
pub mod encoding;
mod field_error;
pub mod inspect;
mod json;
pub mod json_stream;
pub(crate) mod keeper;
mod normalize;
pub mod shopify;
pub mod shopware;
pub mod woocommerce;

pub use crate::money::minor_digits;
pub use detect::{detect, detect_bytes, Detection};
pub use normalize::{normalize, ReadOptions};

/// Where the orders come from; see [`read`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "OrderFormat", rename_all = "lowercase")
)]
pub enum Format {
    /// Shopify Admin REST API `orders.json` (`{"orders": [...]}`).
    Shopify,
    /// Shopify Admin GraphQL API `orders` connection (edges/node or nodes).
    #[cfg_attr(feature = "ts", ts(rename = "shopify-graphql"))]
    ShopifyGraphql,
    /// Shopware 6 Admin API order search response (`{"data": [...]}`).
    Shopware,
    /// WooCommerce REST API v3 `GET /orders` (a JSON array).
    WooCommerce,
    /// CSV with a header row, German or English (see [`csv`]).
    Csv,
    /// Canonical orders as JSON: an array of [`Order`] or `{"orders": [...]}`.
    Canonical,
    /// The CDNOW transaction log (see [`cdnow`]).
    Cdnow,
}

impl Format {
    /// The names accepted by [`Format::parse`].
    pub const NAMES: &'static str =
        "shopify, shopify-graphql, shopware, woocommerce, csv, canonical, cdnow";

    /// The name [`Format::parse`] reads back, e.g. `"shopify-graphql"`.
    ///
    /// ```
    /// use stammkunde::orders::Format;
    /// assert_eq!(Format::parse(Format::ShopifyGraphql.name()), Some(Format::ShopifyGraphql));
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Format::Shopify => "shopify",
            Format::ShopifyGraphql => "shopify-graphql",
            Format::Shopware => "shopware",
            Format::WooCommerce => "woocommerce",
            Format::Csv => "csv",
            Format::Canonical => "canonical",
            Format::Cdnow => "cdnow",
        }
    }

    /// Parses a format name such as `"shopify-graphql"` (case-insensitive).
    ///
    /// ```
    /// use stammkunde::orders::Format;
    /// assert_eq!(Format::parse("WooCommerce"), Some(Format::WooCommerce));
    /// assert_eq!(Format::parse("xml"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Format> {
        let name = name.trim().to_ascii_lowercase().replace('_', "-");
        Some(match name.as_str() {
            "shopify" | "shopify-rest" => Format::Shopify,
            "shopify-graphql" | "shopify-gql" => Format::ShopifyGraphql,
            "shopware" | "shopware6" | "shopware-6" => Format::Shopware,
            "woocommerce" | "woo" => Format::WooCommerce,
            "csv" => Format::Csv,
            "canonical" | "json" => Format::Canonical,
            "cdnow" => Format::Cdnow,
            _ => return None,
        })
    }
}

/// Reads orders in any supported format from text, then applies the common
/// normalisation (duplicates, currencies; see [`normalize`]).
///
/// `Err` means the input as a whole is unusable (not JSON, no header row,
/// an invalid option); otherwise every bad row is in [`Import::errors`] and
/// every good row in [`Import::orders`].
///
/// ```
/// use stammkunde::orders::{read, Format, ReadOptions};
/// let csv = "Bestellnummer;Kundennummer;Datum;Betrag\n1001;K1;01.11.2026;1.234,56\n";
/// let import = read(Format::Csv, csv, &ReadOptions::default()).unwrap();
/// assert_eq!(import.orders[0].total, 123_456);
/// assert_eq!((import.read, import.used, import.rejected), (1, 1, 0));
/// ```
pub fn read(format: Format, input: &str, options: &ReadOptions) -> Result<Import, RowError> {
    options.validate()?;
    match format {
        Format::Csv => csv::read(input, options),
        Format::Cdnow => cdnow::read(input, options),
        _ => {
            let value: serde_json::Value =
                serde_json::from_str(input.trim_start_matches('\u{feff}')).map_err(|e| {
                    RowError {
                        row: None,
                        order_id: None,
                        field: "input".into(),
                        reason: format!("not valid JSON: {e}"),
                        fix: "pass the response body exactly as the shop's API returned it".into(),
                    }
                })?;
            read_value(format, &value, options)
        }
    }
}

/// Reads orders from an already parsed JSON value (for the JSON formats).
/// For [`Format::Csv`] and [`Format::Cdnow`] the value must be a string.
pub fn read_value(
    format: Format,
    value: &serde_json::Value,
    options: &ReadOptions,
) -> Result<Import, RowError> {
    options.validate()?;
    match format {
        Format::Shopify => shopify::read_rest(value, options),
        Format::ShopifyGraphql => shopify::read_graphql(value, options),
        Format::Shopware => shopware::read(value, options),
        Format::WooCommerce => woocommerce::read(value, options),
        Format::Canonical => normalize::read_canonical(value, options),
        Format::Csv | Format::Cdnow => match value.as_str() {
            Some(text) => read(format, text, options),
            None => Err(RowError {
                row: None,
                order_id: None,
                field: "input".into(),
                reason: "expected the file's text as a string".into(),
                fix: "pass the CSV file's content as a string (e.g. await file.text())".into(),
            }),
        },
    }
}

/// Writes orders as canonical JSON (an array of [`Order`]), the format
/// [`Format::Canonical`] reads back.
///
/// ```
/// use stammkunde::orders::{read, to_json, Format, Order, ReadOptions};
/// let orders = vec![Order::new("1", "k@example.de", 1_700_000_000, 990, "EUR")];
/// let back = read(Format::Canonical, &to_json(&orders), &ReadOptions::default()).unwrap();
/// assert_eq!(back.orders, orders);
/// ```
pub fn to_json(orders: &[Order]) -> String {
    // Serialising plain structs with string keys cannot fail.
    serde_json::to_string(orders).unwrap_or_else(|_| "[]".to_string())
}

/// `str::trim`, with a shortcut for the usual text (a cell, a key) that
/// starts and ends with a visible ASCII character: every whitespace
/// character is either at most `' '` or not ASCII, so there is nothing to
/// trim and no character needs decoding.
pub(crate) fn trim(text: &str) -> &str {
    match (text.as_bytes().first(), text.as_bytes().last()) {
        (Some(0x21..=0x7e), Some(0x21..=0x7e)) => text,
        _ => text.trim(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn trim_is_str_trim() {
        for s in [
            "",
            " ",
            "a",
            " a ",
            "a\t",
            "\u{a0}a",
            "a\u{3000}",
            "\u{85}x",
            "ab",
            "\u{7f}",
        ] {
            assert_eq!(super::trim(s), s.trim(), "{s:?}");
        }
    }
}
