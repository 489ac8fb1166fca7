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

use super::field_error::FieldError;
use super::json::{
    amount_or_zero, currency, email, get, line_item, list, missing, no_customer, paged, text,
    total, ItemInfo,
};
use super::normalize::{finish, Raw};
use super::{Import, Order, OrderStatus, ReadOptions, RowError};
use serde_json::Value;

/// Reads an order search response, a list of such pages, or a bare list of
/// orders.
pub fn read(value: &Value, options: &ReadOptions) -> Result<Import, RowError> {
    let orders = paged(
        value,
        "data",
        "pass the body of POST /api/search/order (with the associations orderCustomer, currency, lineItems, transactions)",
    )?;
    let mut raw = Raw::default();
    for (i, order) in orders.into_iter().enumerate() {
        // JSON:API puts the fields under "attributes".
        let fields = get(order, &["attributes"]).unwrap_or(order);
        raw.push(i + 1, order_from(fields, options));
    }
    finish(raw, options)
}

pub(crate) fn order_from(
    v: &Value,
    options: &ReadOptions,
) -> Result<Order, (FieldError, Option<String>)> {
    let id = text(get(v, &["orderNumber"])).or_else(|| text(get(v, &["id"])));
    let fail = |bad: FieldError| (bad, id.clone());
    let order_id = id
        .clone()
        .ok_or_else(|| fail(missing("orderNumber", "order number")))?;
    let (currency, digits) =
        currency(v, &[&["currency", "isoCode"]], options).ok_or_else(|| {
            fail(FieldError::new(
                "currency.isoCode",
                "the order's currency is not in the payload",
                "add the association \"currency\" to the search request, or pass currency: \"EUR\"",
            ))
        })?;
    let placed_text = text(get(v, &["orderDateTime"]))
        .or_else(|| text(get(v, &["orderDate"])))
        .ok_or_else(|| fail(missing("orderDateTime", "order date")))?;
    let placed_at = options.zone().parse_time(&placed_text).ok_or_else(|| {
        fail(FieldError::new(
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
    let total = total(
        v,
        &[&["amountTotal"], &["price", "totalPrice"]],
        "amountTotal",
        digits,
    )
    .map_err(fail)?;
    let status = status(v, digits).map_err(fail)?;
    let mut items = Vec::new();
    for (i, item) in list(get(v, &["lineItems"])).iter().enumerate() {
        let kind = text(get(item, &["type"])).unwrap_or_else(|| "product".into());
        if kind != "product" && kind != "custom" {
            continue; // promotions, credits and containers are not products
        }
        let sku = text(get(item, &["payload", "productNumber"]));
        let info = ItemInfo {
            product_id: sku
                .clone()
                .or_else(|| text(get(item, &["productId"])))
                .or_else(|| text(get(item, &["identifier"]))),
            sku,
            name: text(get(item, &["label"])),
            category: None,
        };
        let price: (&[&str], &str) = (&["unitPrice"], "unitPrice");
        items.push(line_item(item, ("lineItems", i), price, digits, info).map_err(fail)?);
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

fn status(v: &Value, digits: u32) -> Result<OrderStatus, FieldError> {
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
                        let a = amount_or_zero(
                            get(refund, &["amount", "totalPrice"]),
                            digits,
                            || {
                                format!("transactions[{t}].captures[{c}].refunds[{r}].amount.totalPrice")
                            },
                        )?;
                        refunded = refunded.saturating_add(a.abs());
                    }
                }
            }
            if refunded == 0 {
                return Err(FieldError::new(
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
