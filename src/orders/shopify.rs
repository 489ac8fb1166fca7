//! Shopify Admin API: REST `orders.json` and the GraphQL `orders` connection.
//!
//! Both give the same [`Order`]s: the id is the order name (`#1001`), the
//! customer key the numeric customer id (GraphQL ids are shortened from
//! `gid://shopify/Customer/207119551` to `207119551`), or the lower-case
//! e-mail for guest orders. Amounts are the shop currency (`shop_money`).
//! Cancelled (`cancelled_at`) and voided orders are cancelled; refunds are
//! summed from the refund transactions (REST) or `totalRefundedSet`
//! (GraphQL).
//!
//! ```
//! use stammkunde::orders::{shopify, OrderStatus, ReadOptions};
//! let body = serde_json::json!({"orders": [{
//!     "id": 450789469, "name": "#1001", "email": "Bob@example.com",
//!     "created_at": "2026-03-13T16:09:54-04:00", "currency": "EUR",
//!     "total_price": "59.80", "financial_status": "partially_refunded", "customer": null,
//!     "refunds": [{"transactions": [{"kind": "refund", "status": "success", "amount": "10.00"}]}]
//! }]});
//! let import = shopify::read_rest(&body, &ReadOptions::default()).unwrap();
//! assert_eq!(import.orders[0].customer, "bob@example.com");
//! assert_eq!(import.orders[0].status, OrderStatus::PartiallyRefunded { amount: 1_000 });
//! ```

use super::field_error::FieldError;
use super::json::{
    amount, amount_or_zero, bad_amount, currency, email, get, line_item, list, missing,
    no_customer, paged, shape_error, text, timestamp, total, ItemInfo,
};
use super::normalize::{finish, Raw};
use super::{Import, Order, OrderStatus, ReadOptions, RowError};
use serde_json::Value;

type Rejected = (FieldError, Option<String>);

/// How the Admin API writes times.
const EXAMPLE: &str = "2026-11-01T09:30:00+01:00";

/// Reads a REST `orders.json` body (`{"orders": [...]}`), a list of such
/// pages, or a bare list of orders.
pub fn read_rest(value: &Value, options: &ReadOptions) -> Result<Import, RowError> {
    let orders = paged(
        value,
        "orders",
        "pass the body of GET /admin/api/<version>/orders.json (or a list of such pages)",
    )?;
    let mut raw = Raw::default();
    for (i, order) in orders.into_iter().enumerate() {
        raw.push(i + 1, rest_order(order, options));
    }
    finish(raw, options)
}

pub(crate) fn rest_order(v: &Value, options: &ReadOptions) -> Result<Order, Rejected> {
    let id = text(get(v, &["name"])).or_else(|| text(get(v, &["id"])));
    let fail = |bad: FieldError| (bad, id.clone());
    let order_id = id
        .clone()
        .ok_or_else(|| fail(missing("name", "order name or id")))?;
    let (currency, digits) = currency(
        v,
        &[
            &["currency"],
            &["total_price_set", "shop_money", "currency_code"],
        ],
        options,
    )
    .ok_or_else(|| fail(missing("currency", "currency")))?;
    let placed_at =
        timestamp(v, &["processed_at", "created_at"], EXAMPLE, options.zone()).map_err(fail)?;
    let customer = text(get(v, &["customer", "id"]))
        .or_else(|| email(v, &[&["email"], &["contact_email"], &["customer", "email"]]))
        .ok_or_else(|| fail(no_customer("customer.id", "email")))?;
    let total = total(
        v,
        &[
            &["total_price"],
            &["total_price_set", "shop_money", "amount"],
        ],
        "total_price",
        digits,
    )
    .map_err(fail)?;
    let mut refunded = 0i64;
    for (r, refund) in list(get(v, &["refunds"])).iter().enumerate() {
        for (t, tx) in list(get(refund, &["transactions"])).iter().enumerate() {
            let is_refund = text(get(tx, &["kind"])).is_none_or(|k| k == "refund");
            let succeeded = text(get(tx, &["status"])).is_none_or(|s| s == "success");
            if is_refund && succeeded {
                let a = amount_or_zero(get(tx, &["amount"]), digits, || {
                    format!("refunds[{r}].transactions[{t}].amount")
                })
                .map_err(fail)?;
                refunded = refunded.saturating_add(a);
            }
        }
    }
    if refunded == 0 {
        // Without refund details, the current total tells what is left.
        if let Ok(Some(current)) = amount(get(v, &["current_total_price"]), digits) {
            refunded = (total - current).max(0);
        }
    }
    let financial = text(get(v, &["financial_status"])).unwrap_or_default();
    let cancelled = get(v, &["cancelled_at"]).is_some();
    let status = status(cancelled, &financial.to_ascii_lowercase(), refunded).map_err(fail)?;
    let mut items = Vec::new();
    for (i, item) in list(get(v, &["line_items"])).iter().enumerate() {
        let sku = text(get(item, &["sku"]));
        let info = ItemInfo {
            product_id: text(get(item, &["product_id"])).or_else(|| sku.clone()),
            sku,
            name: text(get(item, &["name"])).or_else(|| text(get(item, &["title"]))),
            category: text(get(item, &["product_type"])),
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

/// Reads a GraphQL response with an `orders` connection (`edges { node }` or
/// `nodes`), with or without the `data` wrapper, or a list of such pages.
pub fn read_graphql(value: &Value, options: &ReadOptions) -> Result<Import, RowError> {
    let pages: Vec<&Value> = match value {
        Value::Array(pages) => pages.iter().collect(),
        _ => vec![value],
    };
    let mut raw = Raw::default();
    for page in pages {
        let connection = get(page, &["data", "orders"])
            .or_else(|| get(page, &["orders"]))
            .ok_or_else(|| {
                let messages: Vec<String> = list(get(page, &["errors"]))
                    .iter()
                    .filter_map(|e| text(get(e, &["message"])))
                    .collect();
                if messages.is_empty() {
                    shape_error(
                        "no orders connection (data.orders) in the response",
                        "pass the response of a query like { orders(first: 250) { edges { node { ... } } } }",
                    )
                } else {
                    shape_error(
                        format!("the response holds errors: {}", messages.join("; ")),
                        "fix the query; see the errors Shopify returned",
                    )
                }
            })?;
        for node in nodes(connection) {
            let row = raw.read + 1;
            raw.push(row, graphql_order(node, options));
        }
    }
    finish(raw, options)
}

/// The nodes of a connection, from `edges[].node` or `nodes[]`.
fn nodes(connection: &Value) -> Vec<&Value> {
    let from_edges: Vec<&Value> = list(get(connection, &["edges"]))
        .iter()
        .map(|edge| get(edge, &["node"]).unwrap_or(&Value::Null))
        .collect();
    if from_edges.is_empty() {
        list(get(connection, &["nodes"])).iter().collect()
    } else {
        from_edges
    }
}

pub(crate) fn graphql_order(v: &Value, options: &ReadOptions) -> Result<Order, Rejected> {
    let id = text(get(v, &["name"])).or_else(|| text(get(v, &["id"])).map(|g| short_id(&g)));
    let fail = |bad: FieldError| (bad, id.clone());
    let order_id = id
        .clone()
        .ok_or_else(|| fail(missing("name", "order name or id")))?;
    let (currency, digits) = currency(
        v,
        &[
            &["totalPriceSet", "shopMoney", "currencyCode"],
            &["currencyCode"],
        ],
        options,
    )
    .ok_or_else(|| fail(missing("totalPriceSet.shopMoney.currencyCode", "currency")))?;
    let placed_at =
        timestamp(v, &["processedAt", "createdAt"], EXAMPLE, options.zone()).map_err(fail)?;
    let customer = text(get(v, &["customer", "id"]))
        .map(|g| short_id(&g))
        .or_else(|| email(v, &[&["email"], &["customer", "email"]]))
        .ok_or_else(|| fail(no_customer("customer.id", "email")))?;
    let total = total(
        v,
        &[&["totalPriceSet", "shopMoney", "amount"]],
        "totalPriceSet.shopMoney.amount",
        digits,
    )
    .map_err(fail)?;
    let mut refunded = amount(get(v, &["totalRefundedSet", "shopMoney", "amount"]), digits)
        .map_err(|r| fail(bad_amount("totalRefundedSet.shopMoney.amount", r)))?;
    if refunded.is_none() {
        for (r, refund) in list(get(v, &["refunds"])).iter().enumerate() {
            let a = amount_or_zero(
                get(refund, &["totalRefundedSet", "shopMoney", "amount"]),
                digits,
                || format!("refunds[{r}].totalRefundedSet.shopMoney.amount"),
            )
            .map_err(fail)?;
            refunded = Some(refunded.unwrap_or(0).saturating_add(a));
        }
    }
    let financial = text(get(v, &["displayFinancialStatus"])).unwrap_or_default();
    let cancelled = get(v, &["cancelledAt"]).is_some();
    let status = status(
        cancelled,
        &financial.to_ascii_lowercase(),
        refunded.unwrap_or(0),
    )
    .map_err(fail)?;
    let mut items = Vec::new();
    if let Some(connection) = get(v, &["lineItems"]) {
        for (i, item) in nodes(connection).into_iter().enumerate() {
            let sku = text(get(item, &["sku"])).or_else(|| text(get(item, &["variant", "sku"])));
            let info = ItemInfo {
                product_id: text(get(item, &["product", "id"]))
                    .map(|g| short_id(&g))
                    .or_else(|| sku.clone()),
                sku,
                name: text(get(item, &["name"])).or_else(|| text(get(item, &["title"]))),
                category: text(get(item, &["product", "productType"])),
            };
            let price: &[&str] = &["originalUnitPriceSet", "shopMoney", "amount"];
            items.push(
                line_item(
                    item,
                    ("lineItems", i),
                    (price, "originalUnitPriceSet"),
                    digits,
                    info,
                )
                .map_err(fail)?,
            );
        }
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

/// The status from the cancel marker, the financial status (lower case,
/// REST `partially_refunded` or GraphQL `PARTIALLY_REFUNDED`) and the
/// refunded amount.
fn status(cancelled: bool, financial: &str, refunded: i64) -> Result<OrderStatus, FieldError> {
    Ok(match financial {
        _ if cancelled => OrderStatus::Cancelled,
        "voided" => OrderStatus::Cancelled,
        "refunded" => OrderStatus::Refunded,
        _ if refunded > 0 => OrderStatus::PartiallyRefunded { amount: refunded },
        "partially_refunded" => {
            return Err(FieldError::new(
                "refunds",
                "the order is partially refunded but the refunded amount is not in the payload",
                "request the orders with their refunds (REST: refunds; GraphQL: totalRefundedSet)",
            ))
        }
        _ => OrderStatus::Completed,
    })
}

/// `gid://shopify/Customer/207119551` -> `207119551`.
fn short_id(gid: &str) -> String {
    gid.rsplit('/').next().unwrap_or(gid).to_string()
}
