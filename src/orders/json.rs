//! Lenient access to JSON payloads: one odd field rejects one order, never
//! the whole file.

use super::field_error::FieldError;
use super::{LineItem, ReadOptions, RowError};
use crate::calendar::Zone;
use crate::money::{decimal_to_minor, minor_digits};
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

/// The order's currency (upper case) from the first of `paths` that has one,
/// else `options.currency`, with its number of decimals.
pub(crate) fn currency(
    v: &Value,
    paths: &[&[&str]],
    options: &ReadOptions,
) -> Option<(String, u32)> {
    let code = paths
        .iter()
        .find_map(|p| text(get(v, p)))
        .or_else(|| options.currency.clone())?
        .to_ascii_uppercase();
    let digits = minor_digits(&code);
    Some((code, digits))
}

/// The time at the first of `fields` that has one, parsed by the day rule
/// in `zone`; `example` shows the format the API returns in the fix. A
/// field named `..._gmt` (WooCommerce) holds UTC without saying so.
pub(crate) fn timestamp(
    v: &Value,
    fields: &[&str],
    example: &str,
    zone: &Zone,
) -> Result<i64, FieldError> {
    for field in fields {
        if let Some(t) = text(get(v, &[field])) {
            let utc = field.ends_with("_gmt") && !t.trim_end().ends_with(['Z', 'z']);
            let parsed = if utc {
                zone.parse_time(&format!("{}Z", t.trim()))
                    .or_else(|| zone.parse_time(&t))
            } else {
                zone.parse_time(&t)
            };
            return parsed.ok_or_else(|| {
                FieldError::new(
                    *field,
                    format!("'{t}' is not a date and time"),
                    format!("use ISO 8601 as the API returns it, e.g. {example}"),
                )
            });
        }
    }
    Err(missing(
        fields.first().copied().unwrap_or("created_at"),
        "order date",
    ))
}

/// The order total from the first of `paths` that has one; errors name
/// `field`.
pub(crate) fn total(
    v: &Value,
    paths: &[&[&str]],
    field: &str,
    digits: u32,
) -> Result<i64, FieldError> {
    for path in paths {
        if let Some(t) = amount(get(v, path), digits).map_err(|r| bad_amount(field, r))? {
            return Ok(t);
        }
    }
    Err(missing(field, "order total"))
}

/// An amount that counts 0 when missing (a refund, a transaction); errors
/// name the field `field()` gives.
pub(crate) fn amount_or_zero(
    value: Option<&Value>,
    digits: u32,
    field: impl FnOnce() -> String,
) -> Result<i64, FieldError> {
    amount(value, digits)
        .map(|a| a.unwrap_or(0))
        .map_err(|reason| bad_amount(&field(), reason))
}

/// What a line item is, as each API names it.
#[derive(Debug, Default)]
pub(crate) struct ItemInfo {
    pub product_id: Option<String>,
    pub sku: Option<String>,
    pub name: Option<String>,
    pub category: Option<String>,
}

/// Line item `i` of the list `list` (for error fields such as
/// `line_items[2].quantity`): its unit price at `price.0`, named `price.1`
/// in errors, and its quantity. A missing price counts 0, a missing
/// quantity 1.
pub(crate) fn line_item(
    item: &Value,
    (list, i): (&str, usize),
    price: (&[&str], &str),
    digits: u32,
    info: ItemInfo,
) -> Result<LineItem, FieldError> {
    let unit_price = amount(get(item, price.0), digits)
        .map_err(|r| bad_amount(&format!("{list}[{i}].{}", price.1), r))?;
    let quantity = quantity(get(item, &["quantity"]))
        .map_err(|r| FieldError::new(format!("{list}[{i}].quantity"), r, "give a whole number"))?;
    Ok(LineItem {
        product_id: info.product_id.unwrap_or_default(),
        sku: info.sku,
        name: info.name.unwrap_or_default(),
        category: info.category,
        quantity: quantity.unwrap_or(1.0),
        unit_price: unit_price.unwrap_or(0),
    })
}

/// The first e-mail found at `paths`, lower case.
pub(crate) fn email(v: &Value, paths: &[&[&str]]) -> Option<String> {
    paths
        .iter()
        .find_map(|p| text(get(v, p)))
        .map(|e| e.to_lowercase())
}

pub(crate) fn missing(field: &str, what: &str) -> FieldError {
    FieldError::new(
        field,
        format!("the {what} is missing"),
        format!("include {field} in the exported fields"),
    )
}

pub(crate) fn no_customer(id_field: &str, email_field: &str) -> FieldError {
    FieldError::new(
        id_field,
        "the order has neither a customer id nor an e-mail address",
        format!("include {id_field} and {email_field} in the exported fields"),
    )
}

pub(crate) fn bad_amount(field: &str, reason: String) -> FieldError {
    FieldError::new(
        field,
        reason,
        "give the amount as a decimal number such as \"49.90\"",
    )
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

/// The orders of a response that keeps them under `key`
/// (`{"orders": [...]}`), of a list of such pages, or of a bare list;
/// `fix` tells what to pass when a page has another shape.
pub(crate) fn paged<'a>(
    value: &'a Value,
    key: &str,
    fix: &str,
) -> Result<Vec<&'a Value>, RowError> {
    let pages: Vec<&Value> = match value {
        Value::Array(items) if items.iter().any(|p| get(p, &[key]).is_some()) => {
            items.iter().collect()
        }
        _ => vec![value],
    };
    let mut orders = Vec::new();
    for page in pages {
        match page {
            Value::Array(items) => orders.extend(items),
            _ => orders.extend(get(page, &[key]).and_then(Value::as_array).ok_or_else(|| {
                shape_error(
                    format!("expected {{\"{key}\": [...]}}, found {}", kind(page)),
                    fix,
                )
            })?),
        }
    }
    Ok(orders)
}

/// The error for a payload whose overall shape is wrong.
pub(crate) fn shape_error(reason: impl Into<String>, fix: impl Into<String>) -> RowError {
    FieldError::new("input", reason, fix).at(None, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn line_item_reads_price_and_quantity_with_defaults() {
        let item = json!({"price": "4.50", "quantity": "3"});
        let info = ItemInfo {
            product_id: Some("p1".into()),
            name: Some("Napoli".into()),
            ..ItemInfo::default()
        };
        let li = line_item(&item, ("line_items", 0), (&["price"], "price"), 2, info).unwrap();
        assert_eq!((li.unit_price, li.quantity), (450, 3.0));
        assert_eq!((li.product_id.as_str(), li.name.as_str()), ("p1", "Napoli"));
        let bare = line_item(&json!({}), ("x", 0), (&["p"], "p"), 2, ItemInfo::default()).unwrap();
        assert_eq!(
            (bare.unit_price, bare.quantity, bare.product_id),
            (0, 1.0, String::new())
        );
    }

    #[test]
    fn line_item_errors_name_the_item_and_field() {
        let price = (&["unitPrice", "amount"][..], "unitPrice");
        let bad_price = json!({"unitPrice": {"amount": "vier"}});
        let e = line_item(&bad_price, ("lineItems", 2), price, 2, ItemInfo::default()).unwrap_err();
        assert_eq!(e.field, "lineItems[2].unitPrice");
        assert_eq!(e.reason, "'vier' is not an amount");
        let bad_quantity = json!({"quantity": -1});
        let e = line_item(&bad_quantity, ("items", 7), price, 2, ItemInfo::default()).unwrap_err();
        assert_eq!(e.field, "items[7].quantity");
        assert_eq!(e.fix, "give a whole number");
    }

    #[test]
    fn total_takes_the_first_path_that_has_one() {
        let v = json!({"a": null, "b": {"c": "12.34"}});
        assert_eq!(total(&v, &[&["a"], &["b", "c"]], "a", 2), Ok(1_234));
        let e = total(&json!({}), &[&["a"]], "a", 2).unwrap_err();
        assert_eq!(e.reason, "the order total is missing");
        let e = total(&json!({"a": true}), &[&["a"], &["b"]], "a", 2).unwrap_err();
        assert_eq!(
            (e.field.as_str(), e.reason.as_str()),
            ("a", "expected an amount, found true/false")
        );
    }

    #[test]
    fn paged_reads_pages_and_bare_lists() {
        let one = json!({"orders": [{"id": 1}, {"id": 2}]});
        assert_eq!(paged(&one, "orders", "").unwrap().len(), 2);
        let pages = json!([{"orders": [{"id": 1}]}, {"orders": [{"id": 2}, {"id": 3}]}]);
        assert_eq!(paged(&pages, "orders", "").unwrap().len(), 3);
        assert_eq!(paged(&json!([{"id": 1}]), "orders", "").unwrap().len(), 1);
        let e = paged(&json!({"data": []}), "orders", "pass the body").unwrap_err();
        assert_eq!(e.reason, "expected {\"orders\": [...]}, found an object");
        assert_eq!(
            (e.field.as_str(), e.fix.as_str()),
            ("input", "pass the body")
        );
    }

    #[test]
    fn currency_falls_back_to_the_options() {
        let options = ReadOptions {
            currency: Some("jpy".into()),
            ..ReadOptions::default()
        };
        assert_eq!(
            currency(&json!({}), &[&["c"]], &options),
            Some(("JPY".into(), 0))
        );
        let v = json!({"c": "eur"});
        assert_eq!(currency(&v, &[&["c"]], &options), Some(("EUR".into(), 2)));
        assert_eq!(
            currency(&json!({}), &[&["c"]], &ReadOptions::default()),
            None
        );
    }

    #[test]
    fn timestamp_names_the_field_it_read() {
        let v = json!({"b": "gestern"});
        let e = timestamp(&v, &["a", "b"], "2026-11-01", &Zone::UTC).unwrap_err();
        assert_eq!(e.field, "b");
        assert_eq!(e.fix, "use ISO 8601 as the API returns it, e.g. 2026-11-01");
        assert_eq!(
            timestamp(&json!({}), &["a", "b"], "", &Zone::UTC)
                .unwrap_err()
                .field,
            "a"
        );
    }
}
