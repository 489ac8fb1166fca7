//! The demo admin's static order file is the generator's output.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

use stammkunde::demo::{generate, generate_columns, DemoOptions};
use stammkunde::orders::{self, columnar::Columns, csv, Format, ReadOptions};

/// The options `www/admin/demo-orders.csv` is generated with.
fn admin_options() -> DemoOptions {
    DemoOptions {
        customers: 2_000,
        orders: None,
        seed: 1,
        end: 1_793_491_200, // 2026-11-01 00:00 UTC
    }
}

/// Fails when the committed file is stale; `STAMMKUNDE_WRITE_DEMO=1 cargo
/// test --test demo_data` rewrites it.
#[test]
fn admin_demo_csv_is_current() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/www/admin/demo-orders.csv");
    let text = csv::write_german(&generate(&admin_options()));
    if std::env::var_os("STAMMKUNDE_WRITE_DEMO").is_some() {
        std::fs::write(path, &text).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == text,
        "{path} is stale: run STAMMKUNDE_WRITE_DEMO=1 cargo test --test demo_data"
    );
    assert!(text.len() < 2_000_000, "{} bytes", text.len());
}

#[test]
fn demo_csv_reads_back_unchanged() {
    let orders = generate(&admin_options());
    let import = orders::read(
        Format::Csv,
        &csv::write_german(&orders),
        &ReadOptions::default(),
    )
    .unwrap();
    assert_eq!(
        (import.read, import.used, import.rejected),
        (orders.len(), orders.len(), 0)
    );
    assert_eq!(import.orders, orders);
}

#[test]
fn columns_match_orders() {
    let options = DemoOptions {
        customers: 700,
        seed: 42,
        ..DemoOptions::default()
    };
    let (from_orders, keys) = Columns::from_orders(&generate(&options));
    let columns = generate_columns(&options);
    assert_eq!(columns.placed_at, from_orders.placed_at);
    assert_eq!(columns.total, from_orders.total);
    assert_eq!(columns.net, from_orders.net);
    assert_eq!(columns.status, from_orders.status);
    // Customer indices differ (first appearance vs. customer number) but
    // map one to one.
    for (i, &c) in columns.customer.iter().enumerate() {
        let key = &keys[from_orders.customer[i] as usize];
        assert_eq!(key, stammkunde::demo::customer(42, c).key());
    }
}
