//! Helpers shared by the fuzz targets: a byte reader, a generator of JSON
//! values shaped like shop payloads, and the invariants every import must
//! keep whatever the input.

use serde_json::{Map, Number, Value};
use stammkunde::orders::{read, read_value, Format, Import, OrderStatus, ReadOptions};

/// Reads typed values from the fuzzer's bytes; runs out gracefully (zeros).
pub struct Bytes<'a> {
    data: &'a [u8],
}

impl<'a> Bytes<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Bytes { data }
    }

    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    pub fn u8(&mut self) -> u8 {
        match self.data.split_first() {
            Some((&b, rest)) => {
                self.data = rest;
                b
            }
            None => 0,
        }
    }

    pub fn u16(&mut self) -> u16 {
        u16::from_le_bytes([self.u8(), self.u8()])
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes([self.u8(), self.u8(), self.u8(), self.u8()])
    }

    pub fn u64(&mut self) -> u64 {
        u64::from(self.u32()) | (u64::from(self.u32()) << 32)
    }

    pub fn f64(&mut self) -> f64 {
        f64::from_bits(self.u64())
    }

    /// Up to `max` bytes as (lossy) text.
    pub fn text(&mut self, max: usize) -> String {
        let n = usize::from(self.u8()) % (max + 1);
        let n = n.min(self.data.len());
        let (head, rest) = self.data.split_at(n);
        self.data = rest;
        String::from_utf8_lossy(head).into_owned()
    }

    /// The rest of the input.
    pub fn rest(&mut self) -> &'a [u8] {
        std::mem::take(&mut self.data)
    }
}

/// Keys the shop adapters look for, so generated objects reach deep code.
const KEYS: &[&str] = &[
    "amount",
    "amountTotal",
    "attributes",
    "billing",
    "cancelledAt",
    "cancelled_at",
    "captures",
    "contact_email",
    "createdAt",
    "created_at",
    "currency",
    "currencyCode",
    "currency_code",
    "current_total_price",
    "customer",
    "customerId",
    "customerNumber",
    "customer_id",
    "data",
    "date_created",
    "date_created_gmt",
    "displayFinancialStatus",
    "edges",
    "email",
    "errors",
    "financial_status",
    "id",
    "isoCode",
    "items",
    "kind",
    "lineItems",
    "line_items",
    "message",
    "name",
    "node",
    "nodes",
    "number",
    "orderCustomer",
    "orderDate",
    "orderDateTime",
    "orderNumber",
    "order_id",
    "orders",
    "originalUnitPriceSet",
    "placed_at",
    "price",
    "processedAt",
    "processed_at",
    "product",
    "productId",
    "productNumber",
    "productType",
    "product_id",
    "product_type",
    "quantity",
    "refunds",
    "shopMoney",
    "shop_money",
    "sku",
    "stateMachineState",
    "status",
    "technicalName",
    "title",
    "total",
    "totalPrice",
    "totalPriceSet",
    "totalRefundedSet",
    "total_price",
    "total_price_set",
    "transactions",
    "type",
    "unitPrice",
    "unit_price",
    "variant",
    "category",
];

/// String values the adapters parse (dates, amounts, codes, statuses).
const STRINGS: &[&str] = &[
    "",
    " ",
    "0",
    "-1",
    "19.99",
    "1.234,56",
    "1e308",
    "-1e308",
    "NaN",
    "inf",
    "99999999999999999999",
    "0.005",
    "EUR",
    "eur",
    "JPY",
    "KWD",
    "CHF",
    "XX",
    "EURO",
    "2026-11-01T09:30:00Z",
    "2026-11-01T09:30:00+14:00",
    "2026-11-01",
    "01.11.2026",
    "31.02.2024",
    "19970101",
    "9999-12-31T23:59:59Z",
    "0000-01-01",
    "1969-12-31T23:59:59-12:00",
    "paid",
    "refunded",
    "partially_refunded",
    "voided",
    "cancelled",
    "completed",
    "refunded_partially",
    "open",
    "processing",
    "success",
    "refund",
    "sale",
    "k@example.de",
    "gid://shopify/Order/1",
    "gid://",
    "trash",
    "guest",
];

/// A JSON value from the bytes, shaped like shop payloads, at most
/// `depth` levels deep.
pub fn value(b: &mut Bytes, depth: u32) -> Value {
    let op = b.u8();
    match op % 10 {
        _ if depth == 0 || b.is_empty() => scalar(b, op),
        0..=3 => Value::Object(object(b, depth)),
        4 | 5 => {
            let n = usize::from(b.u8() % 5);
            Value::Array((0..n).map(|_| value(b, depth - 1)).collect())
        }
        _ => scalar(b, op),
    }
}

fn object(b: &mut Bytes, depth: u32) -> Map<String, Value> {
    let n = usize::from(b.u8() % 7);
    let mut map = Map::new();
    for _ in 0..n {
        let key = KEYS[usize::from(b.u8()) % KEYS.len()].to_string();
        map.insert(key, value(b, depth - 1));
    }
    map
}

fn scalar(b: &mut Bytes, op: u8) -> Value {
    match (op / 10) % 8 {
        0 => Value::Null,
        1 => Value::Bool(op % 2 == 0),
        2 => Value::from(i64::from(b.u16() as i16)),
        3 => Value::from(b.u64() as i64),
        4 => Number::from_f64(b.f64()).map_or(Value::Null, Value::Number),
        5 => Value::from(b.text(24)),
        _ => Value::from(STRINGS[usize::from(b.u8()) % STRINGS.len()]),
    }
}

/// Orders wrapped the way `format` expects them at the top level.
pub fn payload(format: Format, b: &mut Bytes) -> Value {
    let n = usize::from(b.u8() % 6);
    let orders: Vec<Value> = (0..n).map(|_| Value::Object(object(b, 5))).collect();
    let orders = Value::Array(orders);
    match format {
        Format::Shopify => serde_json::json!({ "orders": orders }),
        Format::ShopifyGraphql => {
            let edges: Vec<Value> = match &orders {
                Value::Array(list) => list
                    .iter()
                    .map(|o| serde_json::json!({ "node": o }))
                    .collect(),
                _ => Vec::new(),
            };
            serde_json::json!({ "data": { "orders": { "edges": edges } } })
        }
        Format::Shopware => serde_json::json!({ "data": orders }),
        _ => orders,
    }
}

/// Options from the bytes: sometimes a base currency and rates.
pub fn options(b: &mut Bytes) -> ReadOptions {
    let mut options = ReadOptions::default();
    let flags = b.u8();
    if flags & 1 != 0 {
        options.currency = Some(["EUR", "JPY", "KWD", "usd", "X"][usize::from(b.u8() % 5)].into());
    }
    if flags & 2 != 0 {
        for _ in 0..(b.u8() % 3) {
            let code = ["CHF", "USD", "JPY", "KWD", "EUR"][usize::from(b.u8() % 5)];
            options.rates.insert(code.into(), b.f64());
        }
    }
    if flags & 4 != 0 {
        options.time_zone =
            Some(["Europe/Berlin", "+05:30", "UTC", "Mars/Olympus"][usize::from(b.u8() % 4)].into());
    }
    options
}

/// Reads `data` as `format`: as text when the first byte is even, else as a
/// generated payload (which gets past the JSON syntax far more often).
pub fn fuzz_format(format: Format, data: &[u8]) {
    let mut b = Bytes::new(data);
    let mode = b.u8();
    let options = options(&mut b);
    let result = if mode % 2 == 0 {
        let text = String::from_utf8_lossy(b.rest());
        read(format, &text, &options)
    } else {
        let value = if mode % 4 == 1 {
            payload(format, &mut b)
        } else {
            value(&mut b, 7)
        };
        read_value(format, &value, &options)
    };
    if let Ok(import) = result {
        check_import(&import, &options);
    }
}

/// Invariants of every import: counts add up, every kept order is valid.
pub fn check_import(import: &Import, options: &ReadOptions) {
    assert_eq!(
        import.read,
        import.used + import.rejected,
        "read = used + rejected"
    );
    assert_eq!(import.orders.len(), import.used);
    assert_eq!(import.errors.len(), import.rejected);
    let mut ids = std::collections::HashSet::new();
    let base = options
        .currency
        .as_ref()
        .map(|c| c.trim().to_ascii_uppercase());
    for order in &import.orders {
        assert!(!order.id.trim().is_empty());
        assert!(!order.customer.trim().is_empty());
        assert!(ids.insert(order.id.as_str()), "duplicate id {}", order.id);
        assert!(order.total >= 0, "negative total {}", order.total);
        assert!(order.net_total() >= 0 && order.net_total() <= order.total);
        if let OrderStatus::PartiallyRefunded { amount } = order.status {
            assert!(
                amount > 0 && amount < order.total,
                "refund {amount} of {}",
                order.total
            );
        }
        assert_eq!(order.currency.len(), 3);
        if let Some(base) = &base {
            assert_eq!(&order.currency, base);
        }
        for item in &order.items {
            assert!(item.quantity.is_finite() && item.quantity >= 0.0);
        }
    }
    // Every error names a field and a fix, and is printable.
    for e in &import.errors {
        assert!(!e.field.is_empty() && !e.fix.is_empty());
        let _ = e.to_string();
    }
    let _ = import.net_revenue();
}
