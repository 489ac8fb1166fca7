//! Inputs that fuzzing (`make fuzz`) found to crash or misbehave, kept as
//! plain tests so they never come back. Each test names the target that
//! found it and what went wrong before the fix.

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
        assert!(err.to_string().contains("calibration_end"), "{end}: {err}");
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
