//! Lenient access to JSON payloads: one odd field rejects one order, never
//! the whole file.

use super::money::decimal_to_minor;
use super::RowError;
use serde_json::Value;

/// Walks `path` through nested objects; JSON `null` counts as missing.
pub(crate) fn get<'a>(value: &'a Value, path: &[&str]) -> Option<&'a Value> {
    let mut v = value;
    for key in path {
        v = v.as_object()?.get(*key)?;
    }
    (!v.is_null()).then_some(v)
}

/// A string or number as text; empty strings count as missing.
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// An array's elements, or nothing.
pub(crate) fn list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_array).map_or(&[], Vec::as_slice)
}

/// A money amount given as a decimal string (`"199.00"`) or number (`49.9`),
/// in minor units with `digits` decimals. Missing gives `Ok(None)`.
pub(crate) fn amount(value: Option<&Value>, digits: u32) -> Result<Option<i64>, String> {
    let text = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
        Some(Value::String(s)) => s.trim().to_string(),
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => return Err(format!("expected an amount, found {}", kind(other))),
    };
    decimal_to_minor(&text, digits)
        .map(Some)
        .ok_or_else(|| format!("'{text}' is not an amount"))
}

/// A quantity (number or numeric string); missing gives `Ok(None)`.
pub(crate) fn quantity(value: Option<&Value>) -> Result<Option<f64>, String> {
    let q = match value {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::Number(n)) => n.as_f64(),
        Some(Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(other) => return Err(format!("expected a quantity, found {}", kind(other))),
    };
    match q {
        Some(q) if q.is_finite() && q >= 0.0 => Ok(Some(q)),
        _ => Err("the quantity is not a number of at least 0".into()),
    }
}

/// "a string", "an object", ... for error messages.
pub(crate) fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A problem with one order, before its row and id are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Bad {
    pub field: String,
    pub reason: String,
    pub fix: String,
}

impl Bad {
    pub fn new(
        field: impl Into<String>,
        reason: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        Bad {
            field: field.into(),
            reason: reason.into(),
            fix: fix.into(),
        }
    }

    /// The row error for row `row` (1-based) and order `order_id`.
    pub fn at(self, row: Option<usize>, order_id: Option<String>) -> RowError {
        RowError {
            row,
            order_id,
            field: self.field,
            reason: self.reason,
            fix: self.fix,
        }
    }
}

/// The error for a payload whose overall shape is wrong.
pub(crate) fn shape_error(reason: impl Into<String>, fix: impl Into<String>) -> RowError {
    Bad::new("input", reason, fix).at(None, None)
}
