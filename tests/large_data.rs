//! Large and odd data: each case gets either a correct result or a clear
//! error, and the tests say which. (1 M orders in the browser's wasm
//! memory: tests/e2e/large.test.mjs.)
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(all(feature = "admin", not(target_arch = "wasm32")))]

use std::fmt::Write as _;

use stammkunde::clv::{analyse, ClvError, ClvOptions, TimeUnit};
use stammkunde::orders::columnar::{self, Amounts, ColumnarInput};
use stammkunde::orders::{read, Format, Order, OrderStatus, ReadOptions};
use stammkunde::segments::{Config, OrderTable, Segmentation};
use std::sync::Arc;

fn segment(orders: &[Order], as_of: i64) -> Segmentation {
    let config = Config {
        as_of: Some(as_of),
        ..Config::default()
    };
    Segmentation::compute(Arc::new(OrderTable::from_orders(orders)), &config).unwrap()
}

const DAY: i64 = 86_400;
/// 2024-01-01 00:00 UTC.
const JAN_2024: i64 = 1_704_067_200;

/// Writes `rows` German CSV rows of about 100 bytes each: order number,
/// date, customer, e-mail, amount, status.
fn big_csv(rows: usize) -> String {
    let mut out = String::with_capacity(rows * 104 + 100);
    out.push_str("\u{feff}Bestellnummer;Bestelldatum;Kundennummer;E-Mail;Gesamtbetrag;Status\r\n");
    for i in 0..rows {
        let day = 1 + i % 28;
        let month = 1 + (i / 28) % 12;
        let cents = 100 + (i * 7_919) % 250_000;
        let status = if i % 50 == 0 {
            "storniert"
        } else {
            "abgeschlossen"
        };
        let _ = write!(
            out,
            "B-{i:08};{day:02}.{month:02}.2025 {:02}:{:02};K-{:06};kunde.{:06}@example.de;\"{},{:02}\";{status}\r\n",
            i % 24,
            i % 60,
            i % 40_000,
            i % 40_000,
            group(cents / 100),
            cents % 100,
        );
    }
    out
}

/// 12345 -> "12.345".
fn group(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (k, c) in digits.chars().enumerate() {
        if k > 0 && (digits.len() - k) % 3 == 0 {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// About 20 s unoptimised, so `make test-native` runs it optimised:
/// `cargo test --profile large-data --test large_data -- --ignored`.
#[test]
#[ignore = "slow unoptimised; make test-native runs it with --profile large-data"]
fn a_50_mb_csv_is_read_completely() {
    let rows = 620_000;
    let text = big_csv(rows);
    assert!(text.len() >= 50 << 20, "{} bytes", text.len());
    let import = read(Format::Csv, &text, &ReadOptions::default()).unwrap();
    assert_eq!((import.read, import.used, import.rejected), (rows, rows, 0));
    let cancelled = import
        .orders
        .iter()
        .filter(|o| o.status == OrderStatus::Cancelled)
        .count();
    assert_eq!(cancelled, rows.div_ceil(50));
    // Revenue as written, counted independently of the reader.
    let expected: i64 = (0..rows)
        .filter(|i| i % 50 != 0)
        .map(|i| (100 + (i * 7_919) % 250_000) as i64)
        .sum();
    assert_eq!(import.net_revenue(), expected);
    let customers: std::collections::HashSet<&str> =
        import.orders.iter().map(|o| o.customer.as_str()).collect();
    assert_eq!(customers.len(), 40_000);
}

#[test]
fn one_customer_with_100k_orders() {
    let n = 100_000i64;
    // Four orders a day for 25,000 days (1970 to 2038), then the others:
    // 30 customers with three orders each so the models can fit.
    let mut orders: Vec<Order> = (0..n)
        .map(|i| {
            Order::new(
                &format!("W-{i}"),
                "wal",
                (i / 4) * DAY + (i % 4) * 3_600,
                1_000 + i % 500,
                "EUR",
            )
        })
        .collect();
    for c in 0..30i64 {
        for k in 0..3i64 {
            let t = 20_000 * DAY + (c * 40 + k * 90) * DAY;
            orders.push(Order::new(
                &format!("O-{c}-{k}"),
                &format!("c{c}"),
                t,
                2_500,
                "EUR",
            ));
        }
    }
    let import = stammkunde::orders::normalize(orders, &ReadOptions::default()).unwrap();
    assert_eq!((import.used, import.rejected), (100_090, 0));
    let wal_revenue: i64 = (0..n).map(|i| 1_000 + i % 500).sum();
    let counted: i64 = import
        .orders
        .iter()
        .filter(|o| o.customer == "wal")
        .map(|o| o.total)
        .sum();
    assert_eq!(counted, wal_revenue);

    let opts = ClvOptions {
        min_customers: 10,
        min_repeat_buyers: 10,
        unit: TimeUnit::Days,
        ..ClvOptions::default()
    };
    let report = analyse(&import.orders, &opts).unwrap();
    let wal = report
        .customers
        .iter()
        .find(|c| c.customer == "wal")
        .unwrap();
    // Same-day orders merge: 25,000 purchase days, 24,999 repeats.
    assert_eq!(wal.frequency, 24_999);
    assert_eq!(wal.recency, 24_999.0);
    for c in &report.customers {
        assert!((0.0..=1.0).contains(&c.p_alive), "{c:?}");
        assert!(
            c.predicted_clv.is_finite() && c.predicted_clv >= 0.0,
            "{c:?}"
        );
        assert!(
            c.expected_orders.is_finite() && c.expected_orders >= 0.0,
            "{c:?}"
        );
    }
    // A customer buying every day for 68 years and still buying is alive.
    assert!(wal.p_alive > 0.9, "{}", wal.p_alive);

    // Segments: all 100,000 orders, one day between order days.
    let seg = segment(&import.orders, 30_000 * DAY);
    let i = (0..seg.customer_count())
        .find(|&i| seg.key(i) == "wal")
        .unwrap();
    let f = &seg.customers().figures;
    assert_eq!(
        (f.orders[i], f.revenue[i], f.median_gap[i]),
        (100_000, wal_revenue, Some(1.0))
    );
    assert_eq!(seg.customers().frequency[i], 5);
    assert!(seg.segment("frequent_buyers").unwrap().contains(i));
}

#[test]
fn orders_before_1990_and_in_the_future() {
    let csv = "Bestellnummer;Datum;Kunde;Betrag\n\
               1;01.01.1985;A;10,00\n\
               2;31.12.1969;A;10,00\n\
               3;01.06.2150;A;10,00\n\
               4;01.01.2200;A;10,00\n\
               5;15.03.2025;B;20,00\n";
    let import = read(Format::Csv, csv, &ReadOptions::default()).unwrap();
    // 1985 and 2150 are dates like any other; 1969 and 2200 are outside the
    // range every reader accepts and rejected with the field and the fix.
    let used: Vec<&str> = import.orders.iter().map(|o| o.id.as_str()).collect();
    assert_eq!(used, ["1", "3", "5"]);
    let rejected: Vec<(Option<usize>, &str)> = import
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str()))
        .collect();
    assert_eq!(rejected, [(Some(3), "Datum"), (Some(5), "Datum")]);
    assert!(import.errors.iter().all(|e| e.fix.contains("dd.mm.yyyy")));

    // Canonical JSON with Unix seconds: the same range.
    let json = r#"[{"id":"a","customer":"k","placed_at":-1,"total":1,"currency":"EUR"},
                   {"id":"b","customer":"k","placed_at":7258118400,"total":1,"currency":"EUR"},
                   {"id":"c","customer":"k","placed_at":7258118399,"total":1,"currency":"EUR"}]"#;
    let import = read(Format::Canonical, json, &ReadOptions::default()).unwrap();
    assert_eq!((import.used, import.rejected), (1, 2));
    assert!(import.errors.iter().all(|e| e.field == "placed_at"));

    // CLV: orders after the calibration end are counted as skipped, not
    // used; an early first order only makes the history long.
    let mut orders = Vec::new();
    for c in 0..20i64 {
        let first = if c == 0 {
            189_302_400
        } else {
            JAN_2024 + c * DAY
        }; // 1976
        orders.push(Order::new(
            &format!("{c}-1"),
            &format!("c{c}"),
            first,
            1_000,
            "EUR",
        ));
        orders.push(Order::new(
            &format!("{c}-2"),
            &format!("c{c}"),
            JAN_2024 + (60 + c) * DAY,
            1_500,
            "EUR",
        ));
        orders.push(Order::new(
            &format!("{c}-3"),
            &format!("c{c}"),
            5_000_000_000,
            900,
            "EUR",
        )); // 2128
    }
    let opts = ClvOptions {
        calibration_end: Some(JAN_2024 + 200 * DAY),
        min_customers: 10,
        min_repeat_buyers: 10,
        ..ClvOptions::default()
    };
    let report = analyse(&orders, &opts).unwrap();
    assert_eq!(report.orders_skipped.after_calibration_end, 20);
    assert_eq!(report.orders_used, 40);
    assert_eq!(report.customers[0].first_order, 189_302_400);

    // Segments as of 2026: the 2128 orders lie after the as-of day and are
    // left out; the 1976 order makes c0's first order 50 years ago.
    let seg = segment(&orders, 1_793_491_200);
    let f = &seg.customers().figures;
    assert!(f.orders.iter().all(|&n| n == 2));
    assert_eq!(seg.key(0), "c0");
    assert_eq!(f.first_day[0], 189_302_400 / DAY as i32);
}

#[test]
fn zero_and_negative_totals() {
    let csv = "Bestellnummer;Datum;Kunde;Betrag\n\
               1;01.11.2025;A;0,00\n\
               2;02.11.2025;A;-5,00\n\
               3;03.11.2025;A;12,00\n";
    let import = read(Format::Csv, csv, &ReadOptions::default()).unwrap();
    // A zero order (a free sample) is an order; a negative one is refused.
    assert_eq!(
        import.orders.iter().map(|o| o.total).collect::<Vec<_>>(),
        [0, 1_200]
    );
    assert_eq!(import.errors.len(), 1);
    let e = &import.errors[0];
    assert_eq!((e.row, e.field.as_str()), (Some(3), "total"));
    assert!(e.fix.contains("refunds"), "{e}");

    for (format, json) in [
        (
            Format::Canonical,
            r#"[{"id":"1","customer":"k","placed_at":1700000000,"total":-1,"currency":"EUR"}]"#,
        ),
        (
            Format::Shopify,
            r##"{"orders":[{"id":1,"name":"#1","email":"k@example.de","created_at":"2025-11-01T10:00:00Z","total_price":"-3.00","currency":"EUR"}]}"##,
        ),
        (
            Format::WooCommerce,
            r#"[{"id":1,"customer_id":7,"date_created_gmt":"2025-11-01T10:00:00","total":"-3.00","currency":"EUR","status":"completed"}]"#,
        ),
    ] {
        let import = read(format, json, &ReadOptions::default()).unwrap();
        assert_eq!((import.used, import.rejected), (0, 1), "{format:?}");
        assert!(
            import.errors[0].field.contains("total"),
            "{format:?}: {}",
            import.errors[0]
        );
    }

    // Segments: the free order is an order with no revenue.
    let csv_orders = read(Format::Csv, csv, &ReadOptions::default())
        .unwrap()
        .orders;
    let seg = segment(&csv_orders, 1_793_491_200);
    assert_eq!(
        (seg.customers().figures.orders[0], seg.total_revenue()),
        (2, 1_200)
    );

    // Columns: zero is fine, negative is rejected per position.
    let input = ColumnarInput {
        customers: &[0, 1, 2],
        timestamps_ms: &[1.7e12; 3],
        totals: &[0.0, -0.01, 5.0],
        ..ColumnarInput::default()
    };
    let import = columnar::read(&input, Amounts::Major).unwrap();
    assert_eq!(import.columns.total, [0, 500]);
    assert_eq!(
        (import.errors[0].row, import.errors[0].field.as_str()),
        (Some(2), "totals")
    );
}

/// The first `n` three-letter codes AAA, AAB, ... (26³ = 17,576 exist).
/// EUR is left out: it is the base currency in the test.
fn codes(n: usize) -> Vec<String> {
    (0..=n)
        .map(|i| {
            let l = |k: usize| char::from(b'A' + (k % 26) as u8);
            format!("{}{}{}", l(i / 676), l(i / 26), l(i))
        })
        .filter(|c| c != "EUR")
        .collect()
}

#[test]
fn ten_thousand_currencies() {
    let codes = codes(10_000);
    let mut orders: Vec<Order> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| {
            Order::new(
                &format!("{i}"),
                &format!("k{}", i % 100),
                JAN_2024 + i as i64 * 60,
                10_000,
                c,
            )
        })
        .collect();
    // EUR is the most common currency, so it is the base by default.
    for i in 0..3 {
        orders.push(Order::new(&format!("eur{i}"), "k0", JAN_2024, 5_000, "EUR"));
    }

    // Without rates: every foreign order is refused, naming its currency
    // and the rate that would fix it; the EUR orders are kept.
    let import = stammkunde::orders::normalize(orders.clone(), &ReadOptions::default()).unwrap();
    assert_eq!((import.used, import.rejected), (3, 10_000));
    let e = import
        .errors
        .iter()
        .find(|e| e.order_id.as_deref() == Some("27"))
        .unwrap();
    assert_eq!(e.field, "currency");
    assert!(e.reason.contains("ABB") && e.fix.contains("\"ABB\""), "{e}");

    // With a rate for each: all converted into EUR, amounts exact.
    let options = ReadOptions {
        rates: codes.iter().map(|c| (c.clone(), 0.5)).collect(),
        ..ReadOptions::default()
    };
    let import = stammkunde::orders::normalize(orders.clone(), &options).unwrap();
    assert_eq!((import.used, import.rejected), (10_003, 0));
    assert!(import.orders.iter().all(|o| o.currency == "EUR"));
    // 0-digit currencies (JPY-like) have 10,000 units = 5,000 EUR after the
    // rate; 3-digit ones 10 units; the rest 100 units.
    let jpy = import
        .orders
        .iter()
        .find(|o| o.id == codes.iter().position(|c| c == "JPY").unwrap().to_string())
        .unwrap();
    assert_eq!(jpy.total, 500_000);

    // Segments take one currency and reject the others, naming both.
    let table = OrderTable::from_orders_in(&orders, Some("EUR"));
    assert_eq!((table.len(), table.report().errors.len()), (3, 10_000));
    let e = &table.report().errors[0];
    assert_eq!(e.field, "currency");
    assert!(
        e.reason.contains("'AAA'") && e.reason.contains("EUR"),
        "{e}"
    );

    // CLV refuses mixed currencies with a clear error listing them.
    match analyse(&orders, &ClvOptions::default()) {
        Err(ClvError::MixedCurrencies { currencies }) => assert_eq!(currencies.len(), 10_001),
        other => panic!("expected MixedCurrencies, got {other:?}"),
    }
}
