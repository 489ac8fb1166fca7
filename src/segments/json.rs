//! Canonical orders as JSON: an array of [`Order`]s (or `{"orders": [...]}`),
//! the input of the command-line tool and of `computeSegmentsFromJson`.
//!
//! Well-formed input is read in one pass. If any order does not fit the
//! canonical model, the orders are checked one by one so that each bad one
//! is reported with its position, field and reason, and the rest are used.
//!
//! ```
//! use stammkunde::segments::json::read_orders;
//! let import = read_orders(r#"[
//!   {"id": "1", "customer": "anna", "placed_at": 1700000000, "total": 4990, "currency": "EUR"},
//!   {"id": "2", "customer": "ben", "placed_at": "gestern", "total": 100, "currency": "EUR"}
//! ]"#).unwrap();
//! assert_eq!((import.read, import.used, import.rejected), (2, 1, 1));
//! assert_eq!(import.errors[0].row, Some(2));
//! assert_eq!(import.errors[0].field, "placed_at");
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::de::{DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};
use serde_json::Value;

use super::table::{Builder, OrderRow};
use super::OrderTable;
use crate::orders::{Import, LineItem, Order, OrderStatus, RowError};

#[derive(Deserialize)]
struct Listed<T> {
    orders: Vec<T>,
}

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

/// Reads canonical orders from JSON text. Fails only if the text is not
/// JSON or not an array of objects; single bad orders become row errors.
pub fn read_orders(text: &str) -> Result<Import, JsonError> {
    let fast = if text.trim_start().starts_with('[') {
        serde_json::from_str::<Vec<Order>>(text).ok()
    } else {
        serde_json::from_str::<Listed<Order>>(text)
            .ok()
            .map(|l| l.orders)
    };
    if let Some(orders) = fast {
        let n = orders.len();
        return Ok(Import {
            orders,
            errors: Vec::new(),
            read: n,
            used: n,
            rejected: 0,
        });
    }
    let hint = "pass a JSON array of orders, e.g. [{\"id\": \"1\", \"customer\": \"anna\", \"placed_at\": 1700000000, \"total\": 4990, \"currency\": \"EUR\"}]";
    let value: Value = serde_json::from_str(text).map_err(|e| JsonError {
        line: e.line(),
        column: e.column(),
        message: format!("{e}; {hint}"),
    })?;
    let values = match value {
        Value::Array(v) => v,
        Value::Object(mut m) => match m.remove("orders") {
            Some(Value::Array(v)) => v,
            _ => {
                return Err(JsonError {
                    line: 1,
                    column: 1,
                    message: format!("the object has no \"orders\" array; {hint}"),
                })
            }
        },
        _ => {
            return Err(JsonError {
                line: 1,
                column: 1,
                message: format!("the input is not an array; {hint}"),
            })
        }
    };
    let mut import = Import {
        read: values.len(),
        ..Import::default()
    };
    for (i, value) in values.into_iter().enumerate() {
        let order_id = match value.get("id") {
            Some(Value::String(s)) => Some(s.clone()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        match Order::deserialize(&value) {
            Ok(o) => import.orders.push(o),
            Err(e) => import
                .errors
                .push(row_error(i + 1, order_id, &value, &e.to_string())),
        }
    }
    import.used = import.orders.len();
    import.rejected = import.errors.len();
    Ok(import)
}

fn row_error(row: usize, order_id: Option<String>, value: &Value, message: &str) -> RowError {
    const FIELDS: [&str; 7] = [
        "id",
        "customer",
        "placed_at",
        "total",
        "currency",
        "status",
        "items",
    ];
    // serde names the missing field in backticks; for wrong types, find
    // the field whose value has the wrong type.
    let missing = message
        .split('`')
        .nth(1)
        .filter(|_| message.starts_with("missing field"));
    let field = missing.map(str::to_string).or_else(|| {
        FIELDS
            .iter()
            .find(|f| match (**f, value.get(**f)) {
                ("id" | "customer" | "currency", Some(v)) => !v.is_string(),
                ("placed_at" | "total", Some(v)) => !(v.is_i64() || v.is_u64()),
                ("items", Some(v)) => !v.is_array(),
                _ => false,
            })
            .map(|f| f.to_string())
    });
    let fix = match field.as_deref() {
        Some("id") | Some("customer") | Some("currency") => "give it as a text in quotes",
        Some("placed_at") => "give the time as whole Unix seconds, e.g. 1700000000",
        Some("total") => "give the total in cents as a whole number, e.g. 4990 for 49,90",
        Some("status") => "use {\"kind\": \"completed\"}, \"cancelled\", \"refunded\" or {\"kind\": \"partially_refunded\", \"amount\": 500}",
        Some("items") => "give the line items as an array",
        _ => "check the order against the canonical order model",
    };
    RowError {
        row: Some(row),
        order_id,
        field: field.unwrap_or_else(|| "order".into()),
        reason: message.to_string(),
        fix: fix.into(),
    }
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
    }

    #[test]
    fn streamed_and_checked_tables_agree() {
        let good = r#"[{"id": "1", "customer": "a\u00e4", "placed_at": 0, "total": 100, "currency": "EUR",
            "items": [{"product_id": "P", "category": "K", "quantity": 1}]},
            {"id": "2", "customer": "b", "placed_at": 5, "total": 300, "currency": "EUR", "status": {"kind": "partially_refunded", "amount": 100}},
            {"id": "3", "customer": "b", "placed_at": 9, "total": 300, "currency": "EUR", "status": {"kind": "cancelled"}}]"#;
        let (streamed, errors) = read_table(good, None).unwrap();
        assert!(errors.is_empty());
        let checked = OrderTable::from_orders(&read_orders(good).unwrap().orders);
        assert_eq!(streamed.net(), checked.net());
        assert_eq!(streamed.net(), &[100, 200]);
        assert_eq!(streamed.key(0), "aä");
        assert_eq!(streamed.report().cancelled, 1);
        assert_eq!(streamed.items().count(), 1);
        // One bad order: the others are still used and the bad one reported.
        let bad = good.replacen(r#""placed_at": 5"#, r#""placed_at": "5""#, 1);
        let (table, errors) = read_table(&bad, None).unwrap();
        assert_eq!(table.len(), 1);
        assert_eq!(
            (errors[0].row, errors[0].field.as_str()),
            (Some(2), "placed_at")
        );
    }
}

/// The orders read with serde in one pass; `None` if any order does not
/// fit the canonical model.
pub(super) fn streamed(text: &str, currency: Option<&str>, expected: usize) -> Option<OrderTable> {
    let mut builder = Builder::new(currency);
    builder.reserve(expected);
    let mut de = serde_json::Deserializer::from_str(text);
    Rows {
        builder: &mut builder,
    }
    .deserialize(&mut de)
    .and_then(|()| de.end())
    .ok()?;
    Some(builder.finish())
}

/// One canonical order with its texts borrowed from the JSON input.
#[derive(Deserialize)]
struct OrderRef<'a> {
    #[serde(borrow)]
    id: Cow<'a, str>,
    #[serde(borrow)]
    customer: Cow<'a, str>,
    placed_at: i64,
    total: i64,
    #[serde(borrow)]
    currency: Cow<'a, str>,
    #[serde(default)]
    status: OrderStatus,
    #[serde(default)]
    items: Vec<LineItem>,
}

/// Streams the orders of the array into the builder.
struct Rows<'b, 'a> {
    builder: &'b mut Builder<'a>,
}

impl<'de: 'a, 'a> Visitor<'de> for Rows<'_, 'a> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of orders")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let mut row = 0;
        while let Some(o) = seq.next_element::<OrderRef<'de>>()? {
            row += 1;
            self.builder.push(
                row,
                OrderRow {
                    id: o.id,
                    customer: o.customer,
                    placed_at: o.placed_at,
                    total: o.total,
                    status: o.status,
                    currency: &o.currency,
                    items: &o.items,
                },
            );
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut rows = Some(self);
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            match (key.as_ref(), rows.take()) {
                ("orders", Some(r)) => map.next_value_seed(r)?,
                (_, r) => {
                    rows = r;
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        match rows {
            None => Ok(()),
            Some(_) => Err(serde::de::Error::missing_field("orders")),
        }
    }
}

impl<'de: 'a, 'a> DeserializeSeed<'de> for Rows<'_, 'a> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

/// Reads canonical orders from JSON text straight into an [`OrderTable`]
/// without building [`Order`]s first: the fast path for large exports.
/// Returns the table and the orders rejected while parsing (when any order
/// does not fit the canonical model, all orders are checked one by one as
/// in [`read_orders`]).
///
/// ```
/// use stammkunde::segments::json::read_table;
/// let (table, errors) = read_table(r#"{"orders": [
///   {"id": "1", "customer": "anna", "placed_at": 1700000000, "total": 4990, "currency": "EUR"},
///   {"id": "1", "customer": "anna", "placed_at": 1700000000, "total": 4990, "currency": "EUR"}
/// ]}"#, None).unwrap();
/// assert_eq!((table.len(), table.report().duplicates, errors.len()), (1, 1, 0));
/// ```
pub fn read_table(
    text: &str,
    currency: Option<&str>,
) -> Result<(OrderTable, Vec<RowError>), JsonError> {
    // A canonical order takes at least about 80 bytes of JSON.
    let expected = (text.len() / 80).min(1 << 26);
    let mut builder = Builder::new(currency);
    builder.reserve(expected);
    if super::scan::scan(text, &mut builder).is_some() {
        return Ok((builder.finish(), Vec::new()));
    }
    if let Some(table) = streamed(text, currency, expected) {
        return Ok((table, Vec::new()));
    }
    let import = read_orders(text)?;
    Ok((
        OrderTable::from_orders_in(&import.orders, currency),
        import.errors,
    ))
}
