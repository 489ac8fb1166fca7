//! Inputs that fuzzing (`make fuzz`) found to crash or misbehave, kept as
//! plain tests so they never come back. Each test names the target that
//! found it and what went wrong before the fix.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(all(feature = "admin", not(target_arch = "wasm32")))]

use stammkunde::clv::{analyse, ClvOptions, TransactionModel};
use stammkunde::orders::{read, Format, Order, ReadOptions};

/// Options that let the models fit on a handful of customers.
fn small_fit() -> ClvOptions {
    ClvOptions {
        min_customers: 2,
        min_repeat_buyers: 1,
        min_history_days: 0,
        ..ClvOptions::default()
    }
}

fn few_orders() -> Vec<Order> {
    let day = 86_400;
    let base = 852_076_800; // 1997-01-01
    (0..36)
        .map(|i| {
            let c = format!("c{}", i % 12);
            Order::new(
                &format!("o{i}"),
                &c,
                base + i * 9 * day,
                1_000 + i * 100,
                "EUR",
            )
        })
        .collect()
}

/// clv: a calibration end of i64::MIN overflowed `day * 86_400` in the
/// summary. Now an option error that names the field.
#[test]
fn clv_calibration_end_far_out_of_range_is_an_option_error() {
    for end in [i64::MIN, -1, i64::MAX, 7_258_118_400] {
        let opts = ClvOptions {
            calibration_end: Some(end),
            ..small_fit()
        };
        let err = analyse(&few_orders(), &opts).unwrap_err();
        assert!(err.to_string().contains("calibrationEnd"), "{end}: {err}");
    }
}

/// clv: orders placed at the ends of i64 reach the summary when callers
/// build orders themselves (not through a reader); no overflow, and every
/// figure stays finite.
#[test]
fn clv_orders_at_extreme_times_do_not_overflow() {
    for model in [TransactionModel::BgNbd, TransactionModel::ParetoNbd] {
        let mut orders = few_orders();
        orders.push(Order::new("min", "c0", i64::MIN, 500, "EUR"));
        orders.push(Order::new("max", "c1", i64::MAX, 500, "EUR"));
        let opts = ClvOptions {
            model,
            utc_offset_minutes: -1080,
            ..small_fit()
        };
        let report = analyse(&orders, &opts).unwrap();
        for c in &report.customers {
            assert!((0.0..=1.0).contains(&c.p_alive));
            assert!(c.predicted_clv.is_finite() && c.expected_orders.is_finite());
        }
    }
}

/// canonical: a numeric placed_at is taken as is, so i64::MIN or a
/// millisecond timestamp got through as an order date. Now the row is
/// rejected with the field and the fix; the good row is kept.
#[test]
fn canonical_placed_at_outside_1970_to_2199_is_rejected() {
    let json = r#"[
        {"id": "1", "customer": "k", "placed_at": -9223372036854775808, "total": 100, "currency": "EUR"},
        {"id": "2", "customer": "k", "placed_at": 1793491200000, "total": 100, "currency": "EUR"},
        {"id": "3", "customer": "k", "placed_at": 1793491200, "total": 100, "currency": "EUR"}
    ]"#;
    let import = read(Format::Canonical, json, &ReadOptions::default()).unwrap();
    assert_eq!((import.read, import.used, import.rejected), (3, 1, 2));
    assert_eq!(import.orders[0].id, "3");
    for e in &import.errors {
        assert_eq!(e.field, "placed_at");
        assert!(e.fix.contains("not milliseconds"), "{e}");
    }
}

/// clv: orders with negative totals (here down to -7.4e18 cents) given
/// straight to `analyse` made a repeat buyer's mean spend negative, and
/// with it the expected order value and the predicted CLV. Spend below 0
/// now counts as an order worth 0.
#[test]
fn clv_negative_totals_never_make_negative_values() {
    let text = include_str!("fixtures/regressions/clv_negative_totals.json");
    let orders: Vec<Order> = serde_json::from_str(text).unwrap();
    let opts = ClvOptions {
        unit: stammkunde::clv::TimeUnit::Days,
        ..small_fit()
    };
    let report = analyse(&orders, &opts).unwrap();
    for c in &report.customers {
        assert!(c.monetary >= 0.0 && c.expected_aov >= 0.0, "{c:?}");
        assert!(c.predicted_clv >= 0.0 && c.expected_orders >= 0.0, "{c:?}");
    }
}

/// The same by hand: a repeat buyer whose repeat orders are all negative.
#[test]
fn clv_repeat_buyer_with_negative_repeats_has_zero_spend() {
    let mut orders = few_orders();
    let day = 86_400;
    orders.push(Order::new("n1", "neg", 852_076_800, 2_000, "EUR"));
    orders.push(Order::new(
        "n2",
        "neg",
        852_076_800 + 20 * day,
        -5_000,
        "EUR",
    ));
    orders.push(Order::new(
        "n3",
        "neg",
        852_076_800 + 40 * day,
        -9_000,
        "EUR",
    ));
    let report = analyse(&orders, &small_fit()).unwrap();
    let neg = report
        .customers
        .iter()
        .find(|c| c.customer == "neg")
        .unwrap();
    assert_eq!((neg.frequency, neg.monetary), (2, 0.0));
    assert!(neg.expected_aov >= 0.0 && neg.predicted_clv >= 0.0);
}

/// csv: a mapping to an empty column name matched a blank header cell, and
/// every error of that column then named the field "". Now the mapping is
/// refused up front, naming the option and the file's columns.
#[test]
fn csv_mapping_to_an_empty_column_name_is_refused() {
    // The fuzzer's input, without its control bytes.
    let text = "Bestellnummer;Bestelldatum;Kundennummer;Gesamtbetrag;\n\
                1001;01.11.2026;K1;12,50;\n\
                ;02.11.2026;K2;3,00;\n";
    for column in ["", "  "] {
        let mut options = ReadOptions::default();
        options.mapping.insert("order_id".into(), column.into());
        let err = read(Format::Csv, text, &options).unwrap_err();
        assert_eq!(err.field, "mapping.order_id");
        assert!(err.fix.contains("Bestellnummer"), "{err}");
    }
    // Punctuation only normalises to nothing; it matches only itself.
    let mut options = ReadOptions::default();
    options.mapping.insert("order_id".into(), "!!".into());
    assert_eq!(
        read(Format::Csv, text, &options).unwrap_err().field,
        "mapping.order_id"
    );
    // A blank header cell never gives an error without a field name.
    let import = read(Format::Csv, text, &ReadOptions::default()).unwrap();
    assert_eq!((import.used, import.rejected), (1, 1));
    assert!(import.errors.iter().all(|e| !e.field.is_empty()));
}

// ---- segments (found by the property tests and the segments fuzz target) --

mod segments {
    use stammkunde::orders::{Order, OrderStatus};
    use stammkunde::segments::{json, Config, OrderTable, Segmentation};
    use std::sync::Arc;

    fn compute(table: OrderTable) -> Segmentation {
        let config = Config {
            as_of: Some(1_800_000_000),
            ..Config::default()
        };
        Segmentation::compute(Arc::new(table), &config).unwrap()
    }

    /// A partial refund above the total gave the customer negative revenue,
    /// and other segments more than 100 % of the shop's revenue. Now it
    /// counts as a full refund, as the order readers settle it.
    #[test]
    fn refund_above_the_total_counts_as_refunded() {
        let mut over = Order::new("1", "a", 1_700_000_000, 0, "EUR");
        over.status = OrderStatus::PartiallyRefunded { amount: 1 };
        let orders = vec![over, Order::new("2", "b", 1_700_000_000, 50_001, "EUR")];
        let seg = compute(OrderTable::from_orders(&orders));
        assert_eq!(seg.table().report().cancelled, 1);
        assert_eq!(seg.total_revenue(), 50_001);
        assert!(seg.segments().iter().all(|s| s.share_of_revenue <= 1.0));
    }

    /// Negative totals and out-of-range times in JSON text went straight
    /// into the table; now each is a row error naming the field.
    #[test]
    fn negative_totals_and_bad_times_in_json_are_row_errors() {
        let text = r#"[
            {"id": "1", "customer": "a", "placed_at": 1700000000, "total": -250, "currency": "EUR"},
            {"id": "2", "customer": "a", "placed_at": 1700000000000, "total": 250, "currency": "EUR"},
            {"id": "3", "customer": "a", "placed_at": 1700000000, "total": 250, "currency": "EUR",
             "status": {"kind": "partially_refunded", "amount": -5}},
            {"id": "4", "customer": "a", "placed_at": 1700000000, "total": 250, "currency": "EUR"}
        ]"#;
        let (table, errors) = json::read_table(text, None).unwrap();
        assert!(table.report().errors.is_empty());
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["total", "placed_at", "status.amount"]);
        assert_eq!(table.net(), &[250]);
    }

    /// Raw columns: negative net totals and millisecond timestamps are
    /// row errors too.
    #[test]
    fn raw_columns_refuse_negative_totals_and_milliseconds() {
        let t = OrderTable::from_columns(
            &[0, 1, 2],
            &[1.7e9, 1.7e12, 1.7e9],
            &[-1.0, 5.0, 5.0],
            Vec::new(),
        )
        .unwrap();
        let fields: Vec<(Option<usize>, &str)> = t
            .report()
            .errors
            .iter()
            .map(|e| (e.row, e.field.as_str()))
            .collect();
        assert_eq!(fields, [(Some(1), "total"), (Some(2), "placedAt")]);
        assert_eq!(t.len(), 1);
    }

    /// One order of customer index 4,000,000,000 made every per-customer
    /// column four billion entries long (an allocation of many GB from one
    /// row). Sparse indices are now renumbered, each keeping its index as
    /// the key.
    #[test]
    fn sparse_customer_indices_do_not_allocate_per_index() {
        let t = OrderTable::from_columns(
            &[4_000_000_000, 7, 4_000_000_000],
            &[1.7e9; 3],
            &[100.0, 200.0, 300.0],
            Vec::new(),
        )
        .unwrap();
        assert_eq!(t.customer_count(), 2);
        let seg = compute(t);
        assert_eq!(seg.customer_count(), 2);
        let keys: Vec<String> = (0..2).map(|i| seg.key(i).into_owned()).collect();
        assert_eq!(keys, ["4000000000", "7"]);
        assert_eq!(seg.customers().figures.revenue, [400, 200]);
    }
}
