//! The same order files through every entry point give byte-identical
//! per-customer results:
//! - the widgets' road: `loadOrders` (orders::read) and the segments of the
//!   loaded orders (OrderTable::from_orders_in);
//! - the ESM road: `readOrders` then `computeSegments` on the orders it
//!   returned, and `computeSegmentsFromJson` on canonical JSON
//!   (json::read_table_with, fast path included), and `computeClv`'s reader
//!   (json::read_orders_with);
//! - the command-line tool, on the file itself and on its canonical JSON.
//!
//! Every fixture format and the CDNOW sample, in UTC and in Europe/Berlin.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

use std::process::Command;
use std::sync::Arc;

use stammkunde::calendar::{parse_date, Zone};
use stammkunde::orders::{self, Format, ReadOptions};
use stammkunde::segments::{export, json, Config, Lang, OrderTable, Segmentation};

const FIXTURES: [(&str, &str, &str); 7] = [
    ("orders/bestellungen_de.csv", "csv", "2026-12-31"),
    ("orders/orders_en.csv", "csv", "2026-12-31"),
    ("orders/shopify_rest.json", "shopify", "2026-12-31"),
    (
        "orders/shopify_graphql.json",
        "shopify-graphql",
        "2026-12-31",
    ),
    ("orders/shopware.json", "shopware", "2026-12-31"),
    ("orders/woocommerce.json", "woocommerce", "2026-12-31"),
    ("cdnow/CDNOW_sample.txt", "cdnow", "1998-07-01"),
];

fn fixture(path: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{path}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// The per-customer report, as the CLI writes it with `--format json`.
fn report(table: OrderTable, zone: &Zone, time_zone: Option<&str>, as_of: &str) -> String {
    let day = parse_date(as_of).unwrap();
    let config = Config {
        as_of: Some(zone.start_of(day) + 12 * 3600),
        time_zone: time_zone.map(String::from),
        ..Config::default()
    };
    let seg = Segmentation::compute(Arc::new(table), &config).unwrap();
    let report = export::report(&seg, Lang::De, false, true, None);
    serde_json::to_string_pretty(&report).unwrap() + "\n"
}

fn cli(path: &std::path::Path, format: &str, time_zone: Option<&str>, as_of: &str) -> String {
    let mut args = vec![
        "segment".to_string(),
        path.to_str().unwrap().to_string(),
        "--input-format".into(),
        format.into(),
        "--format".into(),
        "json".into(),
        "--as-of".into(),
        as_of.into(),
        "--lang".into(),
        "de".into(),
    ];
    if let Some(zone) = time_zone {
        args.extend(["--time-zone".to_string(), zone.to_string()]);
    }
    let out = Command::new(env!("CARGO_BIN_EXE_stammkunde"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_entry_point_gives_the_same_customers() {
    let dir = std::env::temp_dir().join(format!("stammkunde-entry-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for time_zone in [None, Some("Europe/Berlin")] {
        let zone = Zone::from_options(time_zone, &[], 0).unwrap();
        let options = ReadOptions {
            time_zone: time_zone.map(String::from),
            ..ReadOptions::default()
        };
        for (path, format, as_of) in FIXTURES {
            let what = format!("{path} in {time_zone:?}");
            let text = fixture(path);
            // The widgets: loadOrders, then segments of the loaded orders.
            let import = orders::read(Format::parse(format).unwrap(), &text, &options).unwrap();
            assert!(!import.orders.is_empty(), "{what}");
            let widgets = report(
                OrderTable::from_orders_in(&import.orders, None),
                &zone,
                time_zone,
                as_of,
            );

            // ESM: computeSegments on the orders readOrders returned (they
            // cross to JavaScript as canonical JSON).
            let canonical = orders::to_json(&import.orders);
            let (table, errors) = json::read_table_with(&canonical, &options).unwrap();
            assert!(errors.is_empty(), "{what}: {errors:?}");
            assert_eq!(
                report(table, &zone, time_zone, as_of),
                widgets,
                "computeSegments, {what}"
            );
            // computeClv's reader: the same orders.
            let clv_import = json::read_orders_with(&canonical, &options).unwrap();
            assert_eq!(clv_import.orders, import.orders, "computeClv, {what}");

            // The command-line tool on the file, and on its canonical JSON.
            let file = dir.join(path.replace('/', "_"));
            std::fs::write(&file, &text).unwrap();
            assert_eq!(cli(&file, format, time_zone, as_of), widgets, "CLI, {what}");
            let json_file = dir.join(format!("{}.json", path.replace('/', "_")));
            std::fs::write(&json_file, &canonical).unwrap();
            assert_eq!(
                cli(&json_file, "canonical", time_zone, as_of),
                widgets,
                "CLI canonical, {what}"
            );
        }
    }
}

#[test]
fn every_entry_point_rejects_the_same_orders() {
    // Unit mistakes and bad rows, as canonical JSON: the widgets' reader,
    // computeSegmentsFromJson's reader and computeClv's reader name the
    // same rows, fields and reasons, and use the same orders.
    let text = r#"{"orders": [
        {"id": 1, "customer": "anna", "placed_at": "2026-11-01T23:30:00+01:00", "total": 4990, "currency": "EUR"},
        {"id": "2", "customer": "anna", "placed_at": 1793491200000, "total": 4990, "currency": "EUR"},
        {"id": "3", "customer": "ben", "placed_at": 1793491200, "total": 49.9, "currency": "EUR"},
        {"id": "4", "customer": "ben", "placed_at": 1793491200, "total": -0, "currency": "EUR"},
        {"id": "5", "customer": "", "placed_at": 1793491200, "total": 100, "currency": "EUR"},
        {"id": "6", "customer": "cem", "placed_at": "31.02.2026", "total": 100, "currency": "EUR"},
        {"id": "1", "customer": "cem", "placed_at": 1793491200, "total": 100, "currency": "EUR"},
        {"id": "7", "customer": "cem", "placed_at": 1793491200, "total": 100, "currency": "JPY"},
        {"id": "8", "customer": "cem", "placed_at": "01.11.2026 00:30", "total": 100}
    ]}"#;
    let options = ReadOptions::default();
    let widgets = orders::read(Format::Canonical, text, &options).unwrap();
    let (table, errors) = json::read_table_with(text, &options).unwrap();
    let clv = json::read_orders_with(text, &options).unwrap();
    assert_eq!(errors, widgets.errors);
    assert_eq!(clv.errors, widgets.errors);
    assert_eq!(clv.orders, widgets.orders);
    let fields: Vec<(Option<usize>, &str)> =
        errors.iter().map(|e| (e.row, e.field.as_str())).collect();
    assert_eq!(
        fields,
        [
            (Some(2), "placed_at"),
            (Some(3), "total"),
            (Some(4), "total"),
            (Some(5), "customer"),
            (Some(6), "placed_at"),
            (Some(7), "id"),
            (Some(8), "currency"),
            (Some(9), "currency"),
        ]
    );
    assert_eq!(
        format!("{table:?}"),
        format!("{:?}", OrderTable::from_orders_in(&widgets.orders, None))
    );
    assert_eq!(table.len(), 1);
    // 23:30 at +01:00 stays on 1 November.
    let day = Zone::UTC.day_of(widgets.orders[0].placed_at);
    assert_eq!(Some(day), parse_date("2026-11-01"));
}
