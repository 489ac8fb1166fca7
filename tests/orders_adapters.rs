//! Every adapter against its fixture, with hand-computed expectations, and
//! a table of bad rows with the exact field and reason each must report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

use stammkunde::calendar::Zone;
use stammkunde::orders::{
    self, cdnow, csv, Format, Import, Order, OrderStatus, ReadOptions, RowError,
};
use std::collections::{BTreeMap, BTreeSet};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn read(format: Format, name: &str, options: &ReadOptions) -> Import {
    orders::read(format, &fixture(&format!("orders/{name}")), options).unwrap()
}

fn ids(import: &Import) -> Vec<&str> {
    import.orders.iter().map(|o| o.id.as_str()).collect()
}

fn statuses(import: &Import) -> Vec<OrderStatus> {
    import.orders.iter().map(|o| o.status).collect()
}

/// (row, order id, field) of every error.
fn error_keys(import: &Import) -> Vec<(Option<usize>, Option<&str>, &str)> {
    import
        .errors
        .iter()
        .map(|e| (e.row, e.order_id.as_deref(), e.field.as_str()))
        .collect()
}

fn net_by_customer(import: &Import) -> BTreeMap<&str, i64> {
    let mut net = BTreeMap::new();
    for o in &import.orders {
        *net.entry(o.customer.as_str()).or_insert(0) += o.net_total();
    }
    net
}

fn assert_counts(import: &Import, read: usize, used: usize, rejected: usize) {
    assert_eq!(
        (import.read, import.used, import.rejected),
        (read, used, rejected)
    );
    assert_eq!(import.orders.len(), used);
    assert_eq!(import.errors.len(), rejected);
    assert_eq!(read, used + rejected);
}

fn chf() -> ReadOptions {
    ReadOptions {
        rates: [("CHF".to_string(), 1.05)].into(),
        ..ReadOptions::default()
    }
}

/// The shop's zone: the API times (with offsets, in UTC, or WooCommerce's
/// naive local `date_created`) then all give the same instants.
fn berlin() -> ReadOptions {
    ReadOptions {
        time_zone: Some("Europe/Berlin".into()),
        ..ReadOptions::default()
    }
}

const PARTIAL_1990: OrderStatus = OrderStatus::PartiallyRefunded { amount: 1_990 };

#[test]
fn shopify_rest() {
    let import = read(Format::Shopify, "shopify_rest.json", &berlin());
    assert_counts(&import, 9, 5, 4);
    assert_eq!(ids(&import), ["#1001", "#1002", "#1003", "#1004", "#1005"]);
    use OrderStatus::*;
    assert_eq!(
        statuses(&import),
        [Completed, Completed, Cancelled, Refunded, PARTIAL_1990]
    );
    let first = &import.orders[0];
    assert_eq!(first.customer, "207119551");
    assert_eq!(first.placed_at, 1_773_414_594); // 2026-03-13 15:09:54 UTC
    assert_eq!((first.total, first.currency.as_str()), (5_460, "EUR"));
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.items[0].sku.as_deref(), Some("ESP-01"));
    assert_eq!(
        (first.items[0].quantity, first.items[0].unit_price),
        (2.0, 1_490)
    );
    assert_eq!(first.items[0].product_id, "632910392");
    // Guest keyed by the lower-case e-mail.
    assert_eq!(import.orders[1].customer, "gast.kunde@example.de");
    assert_eq!(import.net_revenue(), 5_460 + 2_490 + 6_980);
    assert_eq!(
        error_keys(&import),
        [
            (Some(6), Some("#1006"), "total_price"),
            (Some(7), Some("#1007"), "processed_at"),
            (Some(8), Some("#1001"), "id"),
            (Some(9), Some("#1008"), "currency"),
        ]
    );
    assert_eq!(import.errors[0].reason, "'zwölf' is not an amount");
    assert_eq!(import.errors[1].reason, "the order date is missing");
    assert_eq!(
        import.errors[2].reason,
        "order id #1001 appears more than once (first in row 1)"
    );
    assert_eq!(
        import.errors[3].reason,
        "the order is in CHF, the base currency is EUR, and no rate for CHF was given"
    );
    assert!(import.errors[3].fix.contains("rates: { \"CHF\""));

    // With a rate the CHF order is converted, items included.
    let import = read(Format::Shopify, "shopify_rest.json", &chf());
    assert_counts(&import, 9, 6, 3);
    let converted = &import.orders[5];
    assert_eq!(
        (
            converted.id.as_str(),
            converted.total,
            converted.currency.as_str()
        ),
        ("#1008", 10_500, "EUR")
    );
    assert_eq!(converted.items[0].unit_price, 10_500);
}

#[test]
fn shopify_graphql_matches_rest() {
    let import = read(Format::ShopifyGraphql, "shopify_graphql.json", &berlin());
    assert_counts(&import, 7, 5, 2);
    assert_eq!(
        error_keys(&import),
        [
            (Some(6), Some("#1009"), "totalPriceSet.shopMoney.amount"),
            (Some(7), Some("#1010"), "refunds")
        ]
    );
    assert_eq!(import.errors[0].reason, "'12,50' is not an amount");
    let first = &import.orders[0];
    assert_eq!(first.items[1].category.as_deref(), Some("Filterkaffee"));
    assert_eq!(first.items[1].product_id, "632910393");
    // The same orders as the REST payload, apart from details REST lacks.
    let rest = read(Format::Shopify, "shopify_rest.json", &berlin());
    let head = |o: &Order| {
        (
            o.id.clone(),
            o.customer.clone(),
            o.placed_at,
            o.total,
            o.currency.clone(),
            o.status,
        )
    };
    let from_graphql: Vec<_> = import.orders.iter().map(head).collect();
    let from_rest: Vec<_> = rest.orders.iter().map(head).collect();
    assert_eq!(from_graphql, from_rest);
}

#[test]
fn shopware() {
    let import = read(Format::Shopware, "shopware.json", &ReadOptions::default());
    assert_counts(&import, 8, 5, 3);
    assert_eq!(ids(&import), ["10001", "10002", "10003", "10004", "10005"]);
    use OrderStatus::*;
    assert_eq!(
        statuses(&import),
        [Completed, Completed, Cancelled, Refunded, PARTIAL_1990]
    );
    let first = &import.orders[0];
    assert_eq!(
        (first.customer.as_str(), first.total, first.placed_at),
        ("10023", 5_460, 1_773_414_594)
    );
    // The promotion line is not a product.
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.items[0].product_id, "ESP-01");
    assert_eq!(first.items[0].name, "Espresso Morgenrot 250 g");
    // Guest accounts are keyed by e-mail, not by their one-off number.
    assert_eq!(import.orders[1].customer, "gast.kunde@example.de");
    assert_eq!(
        error_keys(&import),
        [
            (Some(6), Some("10006"), "currency.isoCode"),
            (Some(7), Some("10007"), "orderDateTime"),
            (Some(8), Some("10008"), "transactions"),
        ]
    );
    assert_eq!(
        import.errors[1].reason,
        "'2026-02-30T10:00:00.000+00:00' is not a date and time"
    );
    assert!(import.errors[0].fix.contains("association \"currency\""));
    assert_eq!(import.net_revenue(), 5_460 + 2_490 + 6_980);

    // A base currency fills in a missing currency association.
    let eur = ReadOptions {
        currency: Some("EUR".into()),
        ..ReadOptions::default()
    };
    let import = read(Format::Shopware, "shopware.json", &eur);
    assert_counts(&import, 8, 6, 2);
    assert_eq!(import.orders[5].total, 1_200);
}

#[test]
fn shopware_json_api_attributes() {
    let body = r#"{"data": [{"id": "x", "type": "order", "attributes": {
        "orderNumber": "20001", "orderDateTime": "2026-05-01T10:00:00+00:00", "amountTotal": 10,
        "currency": {"isoCode": "EUR"}, "orderCustomer": {"email": "A@B.de"}}}]}"#;
    let import = orders::read(Format::Shopware, body, &ReadOptions::default()).unwrap();
    assert_eq!(
        (
            import.orders[0].id.as_str(),
            import.orders[0].customer.as_str()
        ),
        ("20001", "a@b.de")
    );
}

#[test]
fn woocommerce() {
    let import = read(Format::WooCommerce, "woocommerce.json", &berlin());
    assert_counts(&import, 9, 7, 2);
    use OrderStatus::*;
    assert_eq!(
        statuses(&import),
        [
            Completed,
            Completed,
            Completed,
            Cancelled,
            Refunded,
            PARTIAL_1990,
            Cancelled
        ]
    );
    assert_eq!(import.orders[0].placed_at, 1_773_414_594);
    assert_eq!(import.orders[0].items[0].unit_price, 1_490);
    let net = net_by_customer(&import);
    // Both guest orders (customer_id 0) are one customer, by e-mail.
    assert_eq!(net["gast.kunde@example.de"], 2_490 + 1_500);
    assert_eq!(net["12"], 5_460);
    assert_eq!(net["13"], 6_980);
    assert_eq!(net["14"], 0); // pending: not paid
    assert_eq!(
        error_keys(&import),
        [
            (Some(8), Some("734"), "customer_id"),
            (Some(9), Some("735"), "date_created_gmt")
        ]
    );
    assert_eq!(
        import.errors[0].reason,
        "the order has neither a customer id nor an e-mail address"
    );
    assert_eq!(import.errors[1].reason, "'gestern' is not a date and time");
}

#[test]
fn german_csv() {
    let import = read(Format::Csv, "bestellungen_de.csv", &ReadOptions::default());
    assert_counts(&import, 11, 6, 5);
    assert_eq!(
        ids(&import),
        ["10001", "10002", "10003", "10004", "10008", "10010"]
    );
    use OrderStatus::*;
    assert_eq!(
        statuses(&import),
        [
            Completed,
            Completed,
            Cancelled,
            PARTIAL_1990,
            Refunded,
            Completed
        ]
    );
    let first = &import.orders[0];
    assert_eq!((first.customer.as_str(), first.total), ("K-10023", 123_456));
    assert_eq!(first.placed_at, 1_773_414_540); // 13.03.2026 15:09 UTC
                                                // Two rows, one order with two line items; quotes and separators inside quotes.
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.items[0].name, "Espresso \"Morgenrot\" 1 kg");
    assert_eq!(
        (first.items[0].quantity, first.items[0].unit_price),
        (2.0, 61_728)
    );
    assert_eq!(first.items[1].name, "Handmühle; Keramik");
    assert_eq!(first.items[1].category.as_deref(), Some("Zubehör"));
    // Guest without a customer number: the e-mail, lower case.
    assert_eq!(import.orders[1].customer, "gast.kunde@example.de");
    // A line break inside a quoted field.
    assert_eq!(import.orders[3].items[0].name, "Espresso Crema\n1 kg");
    // `1.000` in a decimal-comma file is one thousand.
    assert_eq!(import.orders[4].total, 100_000);
    // ISO date, empty status.
    assert_eq!(import.orders[5].placed_at, 1_774_051_200);
    assert_eq!(import.orders[5].total, 123_450);
    assert_eq!(import.net_revenue(), 123_456 + 2_490 + 6_980 + 123_450);
    assert_eq!(
        error_keys(&import),
        [
            (Some(8), Some("10005"), "Bestelldatum"),
            (Some(9), Some("10006"), "Gesamtbetrag"),
            (Some(10), Some("10007"), "Status"),
            (Some(12), Some("10002"), "id"),
            (Some(13), Some("10009"), "currency"),
        ]
    );
    let reasons: Vec<&str> = import.errors.iter().map(|e| e.reason.as_str()).collect();
    assert_eq!(reasons[0], "'31.02.2026' is not a date");
    assert_eq!(reasons[1], "'12,5,0' has a misplaced thousands separator");
    assert_eq!(reasons[2], "unknown status 'verschollen'");
    assert_eq!(
        reasons[3],
        "order id 10002 appears more than once (first in row 4)"
    );
}

#[test]
fn english_csv() {
    let import = read(Format::Csv, "orders_en.csv", &ReadOptions::default());
    assert_counts(&import, 4, 3, 1);
    let o = &import.orders;
    assert_eq!(
        (o[0].total, o[0].currency.as_str(), o[0].placed_at),
        (123_456, "USD", 1_773_414_594)
    );
    assert_eq!(
        (o[1].customer.as_str(), o[1].status),
        ("guest@example.com", OrderStatus::Refunded)
    );
    assert_eq!(
        (o[2].total, o[2].status),
        (100_000, OrderStatus::PartiallyRefunded { amount: 10_000 })
    );
    assert_eq!(error_keys(&import), [(Some(5), Some("A-4"), "Order Date")]);
}

#[test]
fn csv_mapping_names_columns() {
    let text = "Beleg|Käufer|Tag|Brutto\nB1|x@y.de|02.01.2026|10,00\n";
    let mut options = ReadOptions {
        delimiter: Some('|'),
        ..ReadOptions::default()
    };
    // Without a mapping the order id column is not recognised.
    let err = orders::read(Format::Csv, text, &options).unwrap_err();
    assert_eq!(err.field, "order_id");
    assert!(err
        .reason
        .contains("the file has: Beleg, Käufer, Tag, Brutto"));
    options.mapping = [
        ("order_id", "Beleg"),
        ("customer", "käufer"),
        ("placed_at", "Tag"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let import = orders::read(Format::Csv, text, &options).unwrap();
    assert_eq!(
        import.orders[0],
        Order::new("B1", "x@y.de", 1_767_312_000, 1_000, "EUR")
    );
    options.mapping.insert("betrag".into(), "Brutto".into());
    assert_eq!(
        orders::read(Format::Csv, text, &options).unwrap_err().field,
        "mapping.betrag"
    );
    options.mapping.remove("betrag");
    options.mapping.insert("total".into(), "Netto".into());
    let err = orders::read(Format::Csv, text, &options).unwrap_err();
    assert_eq!(
        (err.field.as_str(), err.reason.as_str()),
        ("mapping.total", "the file has no column 'Netto'")
    );
}

#[test]
fn german_csv_round_trip() {
    let import = read(Format::Csv, "bestellungen_de.csv", &ReadOptions::default());
    let text = csv::write_german(&import.orders);
    let back = orders::read(Format::Csv, &text, &ReadOptions::default()).unwrap();
    assert_eq!(back.errors, vec![]);
    assert_eq!(back.orders, import.orders);
    let json = orders::to_json(&import.orders);
    let back = orders::read(Format::Canonical, &json, &ReadOptions::default()).unwrap();
    assert_eq!(back.orders, import.orders);
}

#[test]
fn cdnow_sample() {
    let import = cdnow::read(&fixture("cdnow/CDNOW_sample.txt"), &ReadOptions::default()).unwrap();
    assert_counts(&import, 6_919, 6_919, 0);
    let customers: BTreeSet<&str> = import.orders.iter().map(|o| o.customer.as_str()).collect();
    assert_eq!(customers.len(), 2_357);
    let first = &import.orders[0];
    assert_eq!(
        (first.id.as_str(), first.customer.as_str()),
        ("00004-1", "00004")
    );
    assert_eq!((first.total, first.currency.as_str()), (2_933, "USD"));
    assert_eq!(Some(first.placed_at), Zone::UTC.parse_time("1997-01-01"));
    let last = import.orders.iter().map(|o| o.placed_at).max();
    assert!(last <= Zone::UTC.parse_time("1998-06-30"));
}

/// One row per case: the CSV row (after the header below), and the field and
/// reason its error must carry.
#[test]
fn bad_csv_rows() {
    let header =
        "Bestellnummer;Kundennummer;Datum;Betrag;Währung;Status;Erstattet;Menge;Einzelpreis";
    let cases: [(&str, &str, &str); 14] = [
        (
            ";K1;01.01.2026;1,00;EUR;;;;",
            "Bestellnummer",
            "the order id is empty",
        ),
        (
            "1;;01.01.2026;1,00;EUR;;;;",
            "Kundennummer",
            "the customer is empty",
        ),
        ("1;K1;;1,00;EUR;;;;", "Datum", "the date is empty"),
        (
            "1;K1;1.1.26;1,00;EUR;;;;",
            "Datum",
            "'1.1.26' is not a date",
        ),
        (
            "1;K1;2026-02-29;1,00;EUR;;;;",
            "Datum",
            "'2026-02-29' is not a date",
        ),
        ("1;K1;01.01.2026;;EUR;;;;", "Betrag", "the amount is empty"),
        (
            "1;K1;01.01.2026;zehn;EUR;;;;",
            "Betrag",
            "'zehn' is not an amount",
        ),
        (
            "1;K1;01.01.2026;-5,00;EUR;;;;",
            "total",
            "the total -500 is negative",
        ),
        (
            "1;K1;01.01.2026;1,00;Euro;;;;",
            "currency",
            "'EURO' is not a currency code",
        ),
        (
            "1;K1;01.01.2026;1,00;EUR;unterwegs;;;",
            "Status",
            "unknown status 'unterwegs'",
        ),
        (
            "1;K1;01.01.2026;1,00;EUR;teilweise erstattet;;;",
            "Status",
            "the order is partially refunded but no refunded amount is given",
        ),
        (
            "1;K1;01.01.2026;1,00;EUR;;x;;",
            "Erstattet",
            "'x' is not an amount",
        ),
        (
            "1;K1;01.01.2026;1,00;EUR;;;zwei;1,00",
            "Menge",
            "'zwei' is not a quantity",
        ),
        (
            "1;K1;01.01.2026;1,00;EUR;;;1;1,0,0",
            "Einzelpreis",
            "'1,0,0' has a misplaced thousands separator",
        ),
    ];
    for (row, field, reason) in cases {
        let text = format!("{header}\n{row}\n");
        let import = orders::read(Format::Csv, &text, &ReadOptions::default()).unwrap();
        assert_eq!(
            (import.read, import.used, import.rejected),
            (1, 0, 1),
            "{row}"
        );
        let error: &RowError = &import.errors[0];
        assert_eq!(
            (error.row, error.field.as_str(), error.reason.as_str()),
            (Some(2), field, reason),
            "{row}"
        );
        assert!(!error.fix.is_empty());
    }
}

#[test]
fn bad_json_orders() {
    type Case = (Format, &'static str, &'static str, &'static str);
    let cases: [Case; 8] = [
        (
            Format::Shopify,
            r##"{"orders":[{"name":"#1","currency":"EUR","created_at":"2026-01-01T00:00:00Z","total_price":"1.00"}]}"##,
            "customer.id",
            "the order has neither a customer id nor an e-mail address",
        ),
        (
            Format::Shopify,
            r##"{"orders":[{"name":"#1","currency":"EUR","created_at":"2026-01-01T00:00:00Z","total_price":{"a":1},"email":"a@b"}]}"##,
            "total_price",
            "expected an amount, found an object",
        ),
        (
            Format::Shopify,
            r##"{"orders":[{"name":"#1","currency":"EUR","created_at":"2026-01-01T00:00:00Z","total_price":"1.00","email":"a@b","line_items":[{"quantity":-1}]}]}"##,
            "line_items[0].quantity",
            "the quantity is not a number of at least 0",
        ),
        (
            Format::ShopifyGraphql,
            r##"{"data":{"orders":{"nodes":[{"name":"#1","createdAt":"2026-01-01T00:00:00Z","email":"a@b"}]}}}"##,
            "totalPriceSet.shopMoney.currencyCode",
            "the currency is missing",
        ),
        (
            Format::Shopware,
            r#"{"data":[{"orderNumber":"1","orderDateTime":"2026-01-01T00:00:00+00:00","currency":{"isoCode":"EUR"},"orderCustomer":{"email":"a@b"}}]}"#,
            "amountTotal",
            "the order total is missing",
        ),
        (
            Format::WooCommerce,
            r#"[{"id":1,"currency":"EUR","date_created_gmt":"2026-01-01T00:00:00","total":"1.00","customer_id":"x1","refunds":[{"total":"abc"}]}]"#,
            "refunds[0].total",
            "'abc' is not an amount",
        ),
        (
            Format::WooCommerce,
            r#"[{"id":1,"currency":"EUR","date_created_gmt":"2026-01-01T00:00:00","total":"1.00","customer_id":[1]}]"#,
            "customer_id",
            "expected a number, found a list",
        ),
        (
            Format::Canonical,
            r#"[{"id":"1","customer":"k","placed_at":0,"total":9.5,"currency":"EUR"}]"#,
            "total",
            "the total 9.5 is not a whole number of minor units",
        ),
    ];
    for (format, body, field, reason) in cases {
        let import = orders::read(format, body, &ReadOptions::default()).unwrap();
        assert_eq!((import.read, import.rejected), (1, 1), "{body}");
        let error = &import.errors[0];
        assert_eq!(
            (error.row, error.field.as_str(), error.reason.as_str()),
            (Some(1), field, reason),
            "{body}"
        );
    }
}

#[test]
fn unusable_inputs_are_errors_not_panics() {
    let inputs: [(Format, &str, &str); 8] = [
        (Format::Shopify, "{\"orders\": [", "input"),
        (Format::Shopify, "[1, 2]", "input"),
        (Format::Shopify, "42", "input"),
        (
            Format::ShopifyGraphql,
            r#"{"errors":[{"message":"Throttled"}]}"#,
            "input",
        ),
        (Format::Shopware, r#"{"data": 5}"#, "input"),
        (Format::WooCommerce, r#""text""#, "input"),
        (Format::Csv, "", "input"),
        (Format::Csv, "just one column\nvalue\n", "order_id"),
    ];
    for (format, input, field) in inputs {
        let result = orders::read(format, input, &ReadOptions::default());
        match result {
            Err(e) => assert_eq!(e.field, field, "{input}"),
            Ok(import) => assert!(
                import.orders.is_empty() && format == Format::Shopify,
                "{input}"
            ),
        }
    }
    let graphql = orders::read(
        Format::ShopifyGraphql,
        r#"{"errors":[{"message":"Throttled"}]}"#,
        &ReadOptions::default(),
    );
    assert!(graphql.unwrap_err().reason.contains("Throttled"));
    // Arrays of junk: every element is rejected on its own, nothing panics.
    for format in [
        Format::Shopify,
        Format::ShopifyGraphql,
        Format::Shopware,
        Format::WooCommerce,
        Format::Canonical,
    ] {
        let junk = r#"[null, 1, "x", [], {}, {"orders": null}, {"data": {"orders": {"edges": [1, null, {"node": 5}]}}}]"#;
        let _ = orders::read(format, junk, &ReadOptions::default());
    }
    // An unterminated quote rejects the rest of the file but keeps the rows before it.
    let text = "Bestellnummer;Kundennummer;Datum;Betrag\n1;K;01.01.2026;1,00\n2;\"K;01.01.2026;1,00\n3;K;01.01.2026;1,00\n";
    let import = orders::read(Format::Csv, text, &ReadOptions::default()).unwrap();
    assert_eq!((import.read, import.used, import.rejected), (2, 1, 1));
    assert_eq!(import.errors[0].row, Some(3));
}

/// Random bytes and mutated fixtures never panic, and the counts add up.
#[test]
fn fuzzed_inputs_never_panic() {
    let seeds = [
        fixture("orders/bestellungen_de.csv"),
        fixture("orders/shopify_rest.json"),
        fixture("orders/woocommerce.json"),
        fixture("orders/shopware.json"),
        fixture("orders/shopify_graphql.json"),
    ];
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let formats = [
        Format::Csv,
        Format::Shopify,
        Format::WooCommerce,
        Format::Shopware,
        Format::ShopifyGraphql,
    ];
    for round in 0..300 {
        let which = round % seeds.len();
        let mut bytes = seeds[which].clone().into_bytes();
        for _ in 0..(1 + next() % 8) {
            let at = (next() % bytes.len() as u64) as usize;
            match next() % 3 {
                0 => {
                    let alphabet = b"\";,.\n-0123456789{}[]:";
                    bytes[at] = alphabet[(next() % alphabet.len() as u64) as usize];
                }
                1 => {
                    bytes.remove(at);
                }
                _ => bytes.insert(at, (next() % 128) as u8),
            }
        }
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(import) = orders::read(formats[which], &text, &ReadOptions::default()) {
            assert_eq!(import.read, import.used + import.rejected, "round {round}");
        }
    }
}
