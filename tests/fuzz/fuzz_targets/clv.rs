//! CLV analysis on fuzzed orders: any outcome but a panic, and never NaN.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::clv::{analyse, ClvOptions, TimeUnit, TransactionModel};
use stammkunde::orders::{Order, OrderStatus};
use stammkunde_fuzz::Bytes;

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes::new(data);
    let flags = b.u8();
    let customers = u32::from(b.u8() % 40) + 1;
    let opts = ClvOptions {
        calibration_end: (flags & 1 != 0).then(|| b.u64() as i64),
        unit: if flags & 2 != 0 {
            TimeUnit::Days
        } else {
            TimeUnit::Weeks
        },
        model: if flags & 4 != 0 {
            TransactionModel::ParetoNbd
        } else {
            TransactionModel::BgNbd
        },
        min_customers: 2,
        min_repeat_buyers: 1,
        horizon_months: if flags & 8 != 0 { 120 } else { 12 },
        min_history_days: 0,
        utc_offset_minutes: if flags & 32 != 0 {
            i32::from(b.u16() as i16)
        } else {
            0
        },
        discount_rate: if flags & 64 != 0 { b.f64() } else { 0.01 },
        penalizer: if flags & 128 != 0 {
            f64::from(b.u8()) / 100.0
        } else {
            0.0
        },
        ..ClvOptions::default()
    };
    let mut orders = Vec::new();
    let mut i = 0u32;
    while !b.is_empty() && orders.len() < 400 {
        i += 1;
        let customer = format!("c{}", b.u8() as u32 % customers);
        let placed_at = match b.u8() % 8 {
            0 => b.u64() as i64,
            1 => -i64::from(b.u32()),
            _ => 852_076_800 + i64::from(b.u32() % (800 * 86_400)),
        };
        let total = match b.u8() % 6 {
            0 => b.u64() as i64,
            1 => 0,
            _ => i64::from(b.u16()),
        };
        let currency = if flags & 16 != 0 && b.u8() % 9 == 0 {
            "USD"
        } else {
            "EUR"
        };
        let mut order = Order::new(&format!("o{i}"), &customer, placed_at, total, currency);
        order.status = match b.u8() % 10 {
            0 => OrderStatus::Cancelled,
            1 => OrderStatus::Refunded,
            2 => OrderStatus::PartiallyRefunded {
                amount: i64::from(b.u16()),
            },
            _ => OrderStatus::Completed,
        };
        orders.push(order);
    }
    if std::env::var_os("FUZZ_DUMP").is_some() {
        eprintln!("{opts:?}\n{}", stammkunde::orders::to_json(&orders));
    }
    if let Ok(report) = analyse(&orders, &opts) {
        for c in &report.customers {
            assert!((0.0..=1.0).contains(&c.p_alive), "p_alive {}", c.p_alive);
            assert!(c.predicted_clv.is_finite() && c.expected_orders.is_finite());
            assert!(c.predicted_clv >= 0.0 && c.expected_orders >= 0.0);
        }
    }
});
