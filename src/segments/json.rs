//! Canonical orders as JSON: an array of [`Order`]s (or `{"orders": [...]}`),
//! the input of the command-line tool, `computeSegments`, `computeClv` and
//! `computeSegmentsFromJson`.
//!
//! There is one definition of a canonical order, the one every entry point
//! reads (the widgets through `loadOrders`, the ESM functions, the
//! command-line tool): [`crate::orders::read`] with
//! [`crate::orders::Format::Canonical`]. It is lenient about what real
//! exports contain (ids as strings or numbers, `placed_at` as Unix seconds
//! or an ISO / German date read by the day rule of [`crate::calendar`]) and
//! strict about unit mistakes: millisecond timestamps and totals with
//! decimals (`49.9` where minor units are expected) are row errors with a
//! fix, never zeros. [`read_table`] has a fast path for clean input (see
//! `scan`), which gives exactly what the definition gives or steps aside.
//!
//! ```
//! use stammkunde::segments::json::read_orders;
//! let import = read_orders(r#"[
//!   {"id": 1, "customer": "anna", "placed_at": "2026-11-01T09:30:00+01:00", "total": 4990, "currency": "EUR"},
//!   {"id": "2", "customer": "ben", "placed_at": "gestern", "total": 100, "currency": "EUR"},
//!   {"id": "3", "customer": "ben", "placed_at": 1700000000, "total": 49.9, "currency": "EUR"}
//! ]"#).unwrap();
//! assert_eq!((import.read, import.used, import.rejected), (3, 1, 2));
//! assert_eq!((import.errors[0].row, import.errors[0].field.as_str()), (Some(2), "placed_at"));
//! assert_eq!((import.errors[1].row, import.errors[1].field.as_str()), (Some(3), "total"));
//! ```

use serde_json::Value;

use super::table::Builder;
use super::OrderTable;
use crate::orders::{self, Format, Import, ReadOptions, RowError};

/// Why JSON input could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// Line of the problem (1-based).
    pub line: usize,
    /// Column of the problem (1-based).
    pub column: usize,
    /// What was wrong and how to fix it.
    pub message: String,
}

impl std::fmt::Display for JsonError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for JsonError {}

const HINT: &str = "pass a JSON array of orders, e.g. [{\"id\": \"1\", \"customer\": \"anna\", \"placed_at\": 1700000000, \"total\": 4990, \"currency\": \"EUR\"}]";

/// Reads canonical orders from JSON text with the default options (UTC,
/// the most common currency as the base). Fails only if the text is not
/// JSON or not a list of orders; single bad orders become row errors.
pub fn read_orders(text: &str) -> Result<Import, JsonError> {
    read_orders_with(text, &ReadOptions::default())
}

/// [`read_orders`] with options (time zone, base currency, rates).
pub fn read_orders_with(text: &str, options: &ReadOptions) -> Result<Import, JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|e| JsonError {
        line: e.line(),
        column: e.column(),
        message: format!("{e}; {HINT}"),
    })?;
    orders::read_value(Format::Canonical, &value, options).map_err(|e| JsonError {
        line: 1,
        column: 1,
        message: format!("{}; {}", e.reason, e.fix),
    })
}

/// Reads canonical orders from JSON text straight into an [`OrderTable`]:
/// the fast path for large exports. Returns the table and the rejected
/// orders, exactly as [`read_orders`] followed by
/// [`OrderTable::from_orders_in`] would.
///
/// ```
/// use stammkunde::segments::json::read_table;
/// let (table, errors) = read_table(r#"{"orders": [
///   {"id": "1", "customer": "anna", "placed_at": 1700000000, "total": 4990, "currency": "EUR"},
///   {"id": "1", "customer": "anna", "placed_at": 1700000000, "total": 4990, "currency": "EUR"}
/// ]}"#, None).unwrap();
/// assert_eq!((table.len(), errors.len()), (1, 1));
/// assert_eq!(errors[0].field, "id");
/// ```
pub fn read_table(
    text: &str,
    currency: Option<&str>,
) -> Result<(OrderTable, Vec<RowError>), JsonError> {
    let options = ReadOptions {
        currency: currency.map(str::to_string),
        ..ReadOptions::default()
    };
    read_table_with(text, &options)
}

/// [`read_table`] with options (time zone, base currency, rates).
pub fn read_table_with(
    text: &str,
    options: &ReadOptions,
) -> Result<(OrderTable, Vec<RowError>), JsonError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let currency = options
        .currency
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty());
    if options.rates.is_empty() {
        // A canonical order takes at least about 80 bytes of JSON.
        let expected = (text.len() / 80).min(1 << 26);
        let mut builder = Builder::new(currency);
        builder.reserve(expected);
        if super::scan::scan(text, &mut builder, options.zone()).is_some() {
            let table = builder.finish();
            // Clean input only: anything the builder had to sort out
            // (repeats, bad rows, other currencies) is reported by the
            // definition, in its words.
            if table.report().errors.is_empty() && table.report().duplicates == 0 {
                return Ok((table, Vec::new()));
            }
        }
    }
    let import = read_orders_with(text, options)?;
    let table = OrderTable::from_orders_in(&import.orders, currency);
    Ok((table, import.errors))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_and_broken_input() {
        let ok = read_orders(r#"{"orders": [{"id": "1", "customer": "a", "placed_at": 0, "total": 1, "currency": "EUR"}]}"#)
            .unwrap();
        assert_eq!(ok.used, 1);
        let err = read_orders("[{\"id\": 1,").unwrap_err();
        assert_eq!(err.line, 1);
        let missing =
            read_orders(r#"[{"id": "1", "placed_at": 0, "total": 1, "currency": "EUR"}]"#).unwrap();
        assert_eq!(missing.errors[0].field, "customer");
        assert_eq!(missing.errors[0].order_id.as_deref(), Some("1"));
        assert!(read_orders(r#"{"data": []}"#).is_err());
    }

    #[test]
    fn fast_and_careful_tables_agree() {
        let good = r#"[{"id": "1", "customer": "a\u00e4", "placed_at": 0, "total": 100, "currency": "EUR",
            "items": [{"product_id": "P", "category": "K", "quantity": 1}]},
            {"id": "2", "customer": "b", "placed_at": 5, "total": 300, "currency": "EUR", "status": {"kind": "partially_refunded", "amount": 100}},
            {"id": "3", "customer": "b", "placed_at": 9, "total": 300, "currency": "EUR", "status": {"kind": "cancelled"}}]"#;
        let (table, errors) = read_table(good, None).unwrap();
        assert!(errors.is_empty());
        let careful = OrderTable::from_orders(&read_orders(good).unwrap().orders);
        assert_eq!(format!("{table:?}"), format!("{careful:?}"));
        assert_eq!(table.net(), &[100, 200]);
        assert_eq!(table.key(0), "aä");
        assert_eq!(table.report().cancelled, 1);
        assert_eq!(table.items().count(), 1);
        // One bad order: the others are still used and the bad one reported.
        let bad = good.replacen(r#""placed_at": 5"#, r#""placed_at": "gestern""#, 1);
        let (table, errors) = read_table(&bad, None).unwrap();
        assert_eq!(table.len(), 1);
        assert_eq!(
            (errors[0].row, errors[0].field.as_str()),
            (Some(2), "placed_at")
        );
    }

    #[test]
    fn unit_mistakes_are_errors_with_a_fix() {
        let text = r#"[
            {"id": "1", "customer": "a", "placed_at": 1700000000000, "total": 4990, "currency": "EUR"},
            {"id": "2", "customer": "a", "placed_at": 1700000000, "total": 49.9, "currency": "EUR"},
            {"id": "3", "customer": "a", "placed_at": 1700000000, "total": -0, "currency": "EUR"},
            {"id": "4", "customer": "a", "placed_at": "2026-11-01", "total": 4990, "currency": "EUR"}
        ]"#;
        let (table, errors) = read_table(text, None).unwrap();
        assert_eq!(table.len(), 1);
        let fields: Vec<(Option<usize>, &str)> =
            errors.iter().map(|e| (e.row, e.field.as_str())).collect();
        assert_eq!(
            fields,
            [
                (Some(1), "placed_at"),
                (Some(2), "total"),
                (Some(3), "total")
            ]
        );
        assert!(errors[0].fix.contains("not milliseconds"), "{}", errors[0]);
        assert!(errors[1].fix.contains("4990"), "{}", errors[1]);
    }
}
