//! The segment engine: orders from JSON text, from raw columns, or
//! generated with items, under fuzzed thresholds; every score, share and
//! export stays sane.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use stammkunde::orders::{LineItem, Order, OrderStatus};
use stammkunde::segments::export::{customers_csv, report, segments_csv, CsvOptions};
use stammkunde::segments::{json, Config, Lang, OrderTable, Period, Segmentation};
use stammkunde_fuzz::Bytes;

fn check(seg: &Segmentation) {
    let n = seg.customer_count();
    let c = seg.customers();
    for scores in [&c.recency, &c.frequency, &c.monetary] {
        assert_eq!(scores.len(), n);
        assert!(scores.iter().all(|s| (1..=5).contains(s)), "{scores:?}");
    }
    assert!(c.figures.revenue.iter().all(|&r| r >= 0));
    for s in seg.segments() {
        assert!(
            (0.0..=1.0).contains(&s.share_of_customers),
            "{} {}",
            s.id,
            s.share_of_customers
        );
        assert!(
            (0.0..=1.0 + 1e-9).contains(&s.share_of_revenue),
            "{} {}",
            s.id,
            s.share_of_revenue
        );
        assert!(s.members.iter().all(|&m| (m as usize) < n));
    }
    for lang in [Lang::De, Lang::En] {
        let opts = CsvOptions {
            lang,
            ..CsvOptions::default()
        };
        let _ = customers_csv(seg, &opts);
        let _ = segments_csv(seg, &opts);
    }
    let _ = report(seg, Lang::De, true, true, None);
}

fn config(b: &mut Bytes) -> Config {
    let flags = b.u8();
    let mut config = Config {
        as_of: Some(1_600_000_000 + i64::from(b.u32() % 400_000_000)),
        ..Config::default()
    };
    if flags & 1 != 0 {
        config.high_revenue = i64::from(b.u32() as i32);
        config.frequent_more_than = u32::from(b.u8());
        config.churn_min_orders = u32::from(b.u8());
        config.churn_gap_factor = b.f64();
        config.vip_share = b.f64();
        config.abc_a = f64::from(b.u8()) / 200.0;
        config.abc_b = f64::from(b.u8()) / 200.0;
        config.utc_offset_minutes = i32::from(b.u16() as i16);
        config.new_within = Period::parse(&format!("{}d", b.u16())).unwrap_or(config.new_within);
    }
    if flags & 2 != 0 {
        config.products = vec![b.text(6), "P1".into()];
        config.categories = vec![b.text(6)];
    }
    config
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes::new(data);
    let mode = b.u8() % 3;
    let config = config(&mut b);
    let table = match mode {
        0 => {
            let text = String::from_utf8_lossy(b.rest());
            match json::read_table(&text, None) {
                Ok((table, _)) => table,
                Err(_) => return,
            }
        }
        1 => {
            let n = usize::from(b.u8() % 40);
            let customers: Vec<u32> = (0..n)
                .map(|_| {
                    if b.u8() % 8 == 0 {
                        b.u32()
                    } else {
                        u32::from(b.u8() % 10)
                    }
                })
                .collect();
            let times: Vec<f64> = (0..n)
                .map(|_| {
                    if b.u8() % 8 == 0 {
                        b.f64()
                    } else {
                        1.6e9 + f64::from(b.u32() % 100_000_000)
                    }
                })
                .collect();
            let totals: Vec<f64> = (0..n)
                .map(|_| {
                    if b.u8() % 8 == 0 {
                        b.f64()
                    } else {
                        f64::from(b.u16())
                    }
                })
                .collect();
            match OrderTable::from_columns(&customers, &times, &totals, Vec::new()) {
                Ok(table) => table,
                Err(_) => return,
            }
        }
        _ => {
            let mut orders = Vec::new();
            let mut i = 0;
            while !b.is_empty() && orders.len() < 200 {
                i += 1;
                let placed_at = match b.u8() % 10 {
                    0 => b.u64() as i64,
                    _ => 1_600_000_000 + i64::from(b.u32() % 400_000_000),
                };
                let total = match b.u8() % 10 {
                    0 => b.u64() as i64,
                    _ => i64::from(b.u16()),
                };
                let mut o = Order::new(
                    &format!("{}", b.u8() as u32 + i % 3),
                    &format!("k{}", b.u8() % 20),
                    placed_at,
                    total,
                    if b.u8() % 20 == 0 { "CHF" } else { "EUR" },
                );
                o.status = match b.u8() % 8 {
                    0 => OrderStatus::Cancelled,
                    1 => OrderStatus::Refunded,
                    2 => OrderStatus::PartiallyRefunded {
                        amount: i64::from(b.u16() as i16),
                    },
                    _ => OrderStatus::Completed,
                };
                for _ in 0..b.u8() % 3 {
                    o.items.push(LineItem {
                        product_id: format!("P{}", b.u8() % 4),
                        sku: None,
                        name: b.text(5),
                        category: Some(b.text(3)),
                        quantity: f64::from(b.u8()) - 10.0,
                        unit_price: 100,
                    });
                }
                orders.push(o);
            }
            OrderTable::from_orders(&orders)
        }
    };
    if let Ok(seg) = Segmentation::compute(Arc::new(table), &config) {
        check(&seg);
    }
});
