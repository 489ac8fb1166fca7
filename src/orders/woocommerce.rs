//! WooCommerce REST API v3: `GET /wp-json/wc/v3/orders` (a JSON array).
//!
//! The id is the order `number` (else `id`); the customer key is
//! `customer_id`, or for guests (`customer_id` 0) the lower-case billing
//! e-mail. The date is `date_created_gmt` (UTC), else `date_created`. The
//! statuses `cancelled`, `failed`, `pending`, `checkout-draft` and `trash`
//! are unpaid and count as cancelled; `refunded` is refunded; the amounts in
//! `refunds[]` (negative in the API) are subtracted.
//!
//! ```
//! use stammkunde::orders::{woocommerce, ReadOptions};
//! let body = serde_json::json!([{
//!     "id": 727, "number": "727", "status": "completed", "currency": "EUR",
//!     "date_created_gmt": "2026-03-01T09:00:00", "total": "29.35",
//!     "customer_id": 0, "billing": {"email": "Gast@Example.de"}
//! }]);
//! let import = woocommerce::read(&body, &ReadOptions::default()).unwrap();
//! assert_eq!(import.orders[0].customer, "gast@example.de");
//! ```

use super::field_error::FieldError;
use super::json::{
    amount_or_zero, currency, email, get, kind, line_item, list, missing, no_customer, shape_error,
    text, timestamp, total, ItemInfo,
};
use super::normalize::{finish, Raw};
use super::{Import, Order, OrderStatus, ReadOptions, RowError};
use serde_json::Value;

/// Reads a list of orders, a list of such pages, or `{"orders": [...]}`.
pub fn read(value: &Value, options: &ReadOptions) -> Result<Import, RowError> {
    let orders: Vec<&Value> = match value {
        Value::Array(items) if items.iter().all(Value::is_array) && !items.is_empty() => {
            items.iter().flat_map(|page| list(Some(page))).collect()
        }
        Value::Array(items) => items.iter().collect(),
        _ => get(value, &["orders"])
            .and_then(Value::as_array)
            .map(|items| items.iter().collect())
            .ok_or_else(|| {
                shape_error(
                    format!("expected a list of orders, found {}", kind(value)),
                    "pass the body of GET /wp-json/wc/v3/orders (a JSON array), or a list of such pages",
                )
            })?,
    };
    let mut raw = Raw::default();
    for (i, order) in orders.into_iter().enumerate() {
        raw.push(i + 1, order_from(order, options));
    }
    finish(raw, options)
}

pub(crate) fn order_from(
    v: &Value,
    options: &ReadOptions,
) -> Result<Order, (FieldError, Option<String>)> {
    let id = text(get(v, &["number"])).or_else(|| text(get(v, &["id"])));
    let fail = |bad: FieldError| (bad, id.clone());
    let order_id = id.clone().ok_or_else(|| fail(missing("id", "order id")))?;
    let (currency, digits) = currency(v, &[&["currency"]], options)
        .ok_or_else(|| fail(missing("currency", "currency")))?;
    let placed_at = timestamp(
        v,
        &["date_created", "date_created_gmt"],
        "2026-11-01T09:30:00",
        options.zone(),
    )
    .map_err(fail)?;
    let customer = match get(v, &["customer_id"]) {
        None => None,
        Some(Value::Number(n)) if n.as_u64() == Some(0) => None,
        Some(Value::String(s)) if s.trim() == "0" || s.trim().is_empty() => None,
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(Value::String(s)) => Some(s.trim().to_string()),
        Some(other) => {
            return Err(fail(FieldError::new(
                "customer_id",
                format!("expected a number, found {}", kind(other)),
                "pass customer_id as the API returns it (0 for guests)",
            )))
        }
    }
    .or_else(|| email(v, &[&["billing", "email"]]))
    .ok_or_else(|| fail(no_customer("customer_id", "billing.email")))?;
    let total = total(v, &[&["total"]], "total", digits).map_err(fail)?;
    let mut refunded = 0i64;
    for (r, refund) in list(get(v, &["refunds"])).iter().enumerate() {
        let a = amount_or_zero(get(refund, &["total"]), digits, || {
            format!("refunds[{r}].total")
        })
        .map_err(fail)?;
        refunded = refunded.saturating_add(a.abs());
    }
    let status_text = text(get(v, &["status"])).unwrap_or_else(|| "completed".into());
    let status = match status_text.as_str() {
        "cancelled" | "failed" | "pending" | "checkout-draft" | "trash" => OrderStatus::Cancelled,
        "refunded" => OrderStatus::Refunded,
        "completed" | "processing" | "on-hold" if refunded > 0 => {
            OrderStatus::PartiallyRefunded { amount: refunded }
        }
        "completed" | "processing" | "on-hold" => OrderStatus::Completed,
        // Plugins add statuses (e.g. "shipped"); an order that was placed counts.
        _ if refunded > 0 => OrderStatus::PartiallyRefunded { amount: refunded },
        _ => OrderStatus::Completed,
    };
    let mut items = Vec::new();
    for (i, item) in list(get(v, &["line_items"])).iter().enumerate() {
        let sku = text(get(item, &["sku"]));
        let info = ItemInfo {
            product_id: text(get(item, &["product_id"])).or_else(|| sku.clone()),
            sku,
            name: text(get(item, &["name"])),
            category: None,
        };
        items.push(
            line_item(item, ("line_items", i), (&["price"], "price"), digits, info)
                .map_err(fail)?,
        );
    }
    Ok(Order {
        id: order_id,
        customer,
        placed_at,
        total,
        currency,
        status,
        items,
    })
}
