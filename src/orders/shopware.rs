//! Shopware 6 Admin API: the order search response
//! (`POST /api/search/order`, `{"total": n, "data": [...]}`), plain JSON or
//! JSON:API (`data[].attributes`).
//!
//! The id is the `orderNumber`; the customer key is the
//! `orderCustomer.customerNumber` (else `customerId`), or the lower-case
//! e-mail for guest accounts (`orderCustomer.customer.guest`), since
//! Shopware creates a new guest account per order. The total is
//! `amountTotal`, the currency `currency.isoCode` (load the `currency`
//! association, or pass `currency`). The order state `cancelled` cancels;
//! the last transaction's state `refunded` refunds, `refunded_partially`
//! subtracts the refunds found in `transactions[].captures[].refunds[]`,
//! `failed` and `cancelled` payments cancel.
//!
//! ```
//! use stammkunde::orders::{shopware, ReadOptions};
//! let body = serde_json::json!({"data": [{
//!     "orderNumber": "10001", "orderDateTime": "2026-03-01T10:00:00.000+00:00",
//!     "amountTotal": 49.9, "currency": {"isoCode": "EUR"},
//!     "orderCustomer": {"customerNumber": "K-1", "email": "a@example.de"},
//!     "stateMachineState": {"technicalName": "completed"}
//! }]});
//! let import = shopware::read(&body, &ReadOptions::default()).unwrap();
//! assert_eq!((import.orders[0].total, import.orders[0].customer.as_str()), (4_990, "K-1"));
//! ```

use super::json::{amount, get, kind, list, quantity, shape_error, text, Bad};
use super::money::minor_digits;
use super::normalize::{finish, Raw};
use super::shopify::{bad_amount, email, missing, no_customer};
use super::time::parse_timestamp;
use super::{Import, LineItem, Order, OrderStatus, ReadOptions, RowError};
use serde_json::Value;

/// Reads an order search response, a list of such pages, or a bare list of
/// orders.
pub fn read(value: &Value, options: &ReadOptions) -> Result<Import, RowError> {
    let pages: Vec<&Value> = match value {
        Value::Array(items) if items.iter().any(|p| get(p, &["data"]).is_some()) => {
            items.iter().collect()
        }
        _ => vec![value],
    };
    let mut raw = Raw::default();
    for page in pages {
        let orders = match page {
            Value::Array(items) => items,
            _ => get(page, &["data"]).and_then(Value::as_array).ok_or_else(|| {
                shape_error(
                    format!("expected {{\"data\": [...]}}, found {}", kind(page)),
                    "pass the body of POST /api/search/order (with the associations orderCustomer, currency, lineItems, transactions)",
                )
            })?,
        };
        for order in orders {
            let row = raw.read + 1;
            // JSON:API puts the fields under "attributes".
            let fields = get(order, &["attributes"]).unwrap_or(order);
            raw.push(row, order_from(fields, options));
        }
    }
    finish(raw, options)
}

fn order_from(v: &Value, options: &ReadOptions) -> Result<Order, (Bad, Option<String>)> {
    let id = text(get(v, &["orderNumber"])).or_else(|| text(get(v, &["id"])));
    let fail = |bad: Bad| (bad, id.clone());
    let order_id = id
        .clone()
        .ok_or_else(|| fail(missing("orderNumber", "order number")))?;
    let currency = text(get(v, &["currency", "isoCode"]))
        .or_else(|| options.currency.clone())
        .ok_or_else(|| {
            fail(Bad::new(
                "currency.isoCode",
                "the order's currency is not in the payload",
                "add the association \"currency\" to the search request, or pass currency: \"EUR\"",
            ))
        })?
        .to_ascii_uppercase();
    let digits = minor_digits(&currency);
    let placed_text = text(get(v, &["orderDateTime"]))
        .or_else(|| text(get(v, &["orderDate"])))
        .ok_or_else(|| fail(missing("orderDateTime", "order date")))?;
    let placed_at = parse_timestamp(&placed_text).ok_or_else(|| {
        fail(Bad::new(
            "orderDateTime",
            format!("'{placed_text}' is not a date and time"),
            "use ISO 8601 as the API returns it, e.g. 2026-11-01T09:30:00.000+00:00",
        ))
    })?;
    let guest =
        get(v, &["orderCustomer", "customer", "guest"]).and_then(Value::as_bool) == Some(true);
    let customer = if guest {
        email(v, &[&["orderCustomer", "email"]])
    } else {
        text(get(v, &["orderCustomer", "customerNumber"]))
            .or_else(|| text(get(v, &["orderCustomer", "customerId"])))
            .or_else(|| email(v, &[&["orderCustomer", "email"]]))
    }
    .ok_or_else(|| {
        fail(no_customer(
            "orderCustomer.customerNumber",
            "orderCustomer.email",
        ))
    })?;
    let total = amount(get(v, &["amountTotal"]), digits)
        .and_then(|t| match t {
            Some(t) => Ok(Some(t)),
            None => amount(get(v, &["price", "totalPrice"]), digits),
        })
        .map_err(|r| fail(bad_amount("amountTotal", r)))?
        .ok_or_else(|| fail(missing("amountTotal", "order total")))?;
    let status = status(v, digits).map_err(fail)?;
    let mut items = Vec::new();
    for (i, item) in list(get(v, &["lineItems"])).iter().enumerate() {
        let kind = text(get(item, &["type"])).unwrap_or_else(|| "product".into());
        if kind != "product" && kind != "custom" {
            continue; // promotions, credits and containers are not products
        }
        let unit_price = amount(get(item, &["unitPrice"]), digits)
            .map_err(|r| fail(bad_amount(&format!("lineItems[{i}].unitPrice"), r)))?;
        let quantity = quantity(get(item, &["quantity"])).map_err(|r| {
            fail(Bad::new(
                format!("lineItems[{i}].quantity"),
                r,
                "give a whole number",
            ))
        })?;
        let sku = text(get(item, &["payload", "productNumber"]));
        items.push(LineItem {
            product_id: sku
                .clone()
                .or_else(|| text(get(item, &["productId"])))
                .or_else(|| text(get(item, &["identifier"])))
                .unwrap_or_default(),
            sku,
            name: text(get(item, &["label"])).unwrap_or_default(),
            category: None,
            quantity: quantity.unwrap_or(1.0),
            unit_price: unit_price.unwrap_or(0),
        });
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

fn status(v: &Value, digits: u32) -> Result<OrderStatus, Bad> {
    if text(get(v, &["stateMachineState", "technicalName"])).as_deref() == Some("cancelled") {
        return Ok(OrderStatus::Cancelled);
    }
    let transactions = list(get(v, &["transactions"]));
    let payment = transactions
        .last()
        .and_then(|t| text(get(t, &["stateMachineState", "technicalName"])))
        .unwrap_or_default();
    Ok(match payment.as_str() {
        "cancelled" | "failed" => OrderStatus::Cancelled,
        "refunded" => OrderStatus::Refunded,
        "refunded_partially" => {
            let mut refunded = 0i64;
            for (t, tx) in transactions.iter().enumerate() {
                for (c, capture) in list(get(tx, &["captures"])).iter().enumerate() {
                    for (r, refund) in list(get(capture, &["refunds"])).iter().enumerate() {
                        let state = text(get(refund, &["stateMachineState", "technicalName"]));
                        if state.as_deref().is_some_and(|s| s != "completed") {
                            continue;
                        }
                        let field = format!(
                            "transactions[{t}].captures[{c}].refunds[{r}].amount.totalPrice"
                        );
                        let a = amount(get(refund, &["amount", "totalPrice"]), digits)
                            .map_err(|reason| bad_amount(&field, reason))?;
                        refunded = refunded.saturating_add(a.unwrap_or(0).abs());
                    }
                }
            }
            if refunded == 0 {
                return Err(Bad::new(
                    "transactions",
                    "the payment is partially refunded but the refunded amount is not in the payload",
                    "add the association \"transactions.captures.refunds\" to the search request",
                ));
            }
            OrderStatus::PartiallyRefunded { amount: refunded }
        }
        _ => OrderStatus::Completed,
    })
}
