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
    (0..12)
        .map(|i| {
            let c = format!("c{}", i % 4);
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
        if let Ok(report) = analyse(&orders, &opts) {
            for c in &report.customers {
                assert!((0.0..=1.0).contains(&c.p_alive));
                assert!(c.predicted_clv.is_finite() && c.expected_orders.is_finite());
            }
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
