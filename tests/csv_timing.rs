//! Timing of the CSV reader on a large demo export, run by hand:
//! `cargo test --profile large-data --test csv_timing -- --ignored --nocapture`.
//! It prints timings and a digest of the result (to compare two versions of
//! the reader on the same data); it asserts nothing about time.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(all(feature = "admin", not(target_arch = "wasm32")))]

use stammkunde::demo::{generate, DemoOptions};
use stammkunde::orders::{csv, read, Format, ReadOptions};
use std::hash::{Hash, Hasher};
use std::time::Instant;

fn digest(value: &impl std::fmt::Debug) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{value:?}").hash(&mut h);
    h.finish()
}

#[test]
#[ignore]
fn csv_read_timing() {
    let orders = generate(&DemoOptions {
        customers: 20_000,
        orders: Some(200_000),
        ..Default::default()
    });
    let text = csv::write_german(&orders);
    // An English variant with comma separators, ISO dates, quoted names
    // with quotes and commas, a separate time column, e-mail customers and
    // some broken rows, to compare results on less regular input.
    let mut english = String::from(
        "Order ID,Email,Date,Time,Total,Currency,Financial Status,Refund,SKU,Item,Qty,Price\r\n",
    );
    for (i, o) in orders.iter().enumerate() {
        let day = o.placed_at - o.placed_at.rem_euclid(86_400);
        let date = chrono::DateTime::from_timestamp(day, 0)
            .unwrap()
            .format("%Y-%m-%d");
        let secs = o.placed_at - day;
        let time = format!("{}:{:02}", secs / 3600, secs / 60 % 60);
        let money = |m: i64| format!("{}.{:02}", m / 100, m % 100);
        let (status, refund) = match o.status {
            stammkunde::orders::OrderStatus::Completed => ("paid", String::new()),
            stammkunde::orders::OrderStatus::Cancelled => ("voided", String::new()),
            stammkunde::orders::OrderStatus::Refunded => ("refunded", String::new()),
            stammkunde::orders::OrderStatus::PartiallyRefunded { amount } => {
                ("partially_refunded", format!("\"{}\"", money(amount)))
            }
        };
        let total = if i % 1009 == 7 {
            "12,50,".into()
        } else {
            format!(
                "\"{},{:03}.{:02}\"",
                o.total / 100_000,
                o.total / 100 % 1000,
                o.total % 100
            )
        };
        let email = format!("{}@example.com", o.customer.to_lowercase());
        for (k, item) in o.items.iter().enumerate() {
            let name = format!("\"{}, \"\"{}\"\"\"", item.name, item.product_id);
            if k == 0 {
                english.push_str(&format!(
                    "{},{email},{date},{time},{total},{},{status},{refund},",
                    o.id, o.currency
                ));
            } else {
                english.push_str(&format!("{},,,,,,,,", o.id));
            }
            english.push_str(&format!(
                "{},{name},{},{}\r\n",
                item.sku.as_deref().unwrap_or(""),
                item.quantity,
                money(item.unit_price)
            ));
        }
        if o.items.is_empty() {
            english.push_str(&format!(
                "{},{email},{date},{time},{total},{},{status},{refund},,,,\r\n",
                o.id, o.currency
            ));
        }
        if i % 5003 == 11 {
            english.push_str("\r\n\"x\"\"y\",,31.02.2026,,1\n");
        }
    }
    let options = ReadOptions::default();
    // CSV_TIMING_ONLY=n: only read the file n times (for a profiler).
    if let Some(n) = std::env::var("CSV_TIMING_ONLY")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        for _ in 0..n {
            std::hint::black_box(read(Format::Csv, &text, &options).unwrap());
        }
        return;
    }
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let t0 = Instant::now();
        let import = read(Format::Csv, &text, &options).unwrap();
        times.push(t0.elapsed().as_secs_f64());
        last = Some(import);
    }
    times.sort_by(f64::total_cmp);
    let import = last.unwrap();
    let variant = read(Format::Csv, &english, &options);
    if let Ok(v) = &variant {
        println!(
            "variant: read {} used {} rejected {}, first error {:?}",
            v.read,
            v.used,
            v.rejected,
            v.errors.first().map(|e| e.to_string())
        );
    }
    println!(
        "{} orders ({} MB), read {} used {} rejected {}: min {:.3} s, median {:.3} s, {:.2} µs per order; digest {:016x}, variant digest {:016x}",
        orders.len(),
        text.len() / 1_000_000,
        import.read,
        import.used,
        import.rejected,
        times[0],
        times[2],
        times[0] / orders.len() as f64 * 1e6,
        digest(&import),
        digest(&variant),
    );
}

/// The admin's benchmark export (tests/bench/shop.mjs): `n` orders without
/// line items, German format, about a tenth as many customers.
fn shop_csv(n: usize) -> String {
    const END: i64 = 1_793_491_200; // 2026-11-01 00:00 UTC
    const SPAN: i64 = 730 * 86_400;
    let mut s: u32 = (20_261_101 ^ n as u32).max(1);
    let mut next = move || {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        i64::from(s & 0x7fff_ffff)
    };
    let customers = (n as i64 / 10).max(1);
    let mut out =
        String::from("\u{feff}Bestellnummer;Datum;Kundennummer;Betrag;Währung;Status\r\n");
    for i in 0..n as i64 {
        let t = END - SPAN + i * SPAN / n as i64 + next() % 600;
        let c = next() % customers;
        let cents = 500 + next() % 20_000;
        let cancelled = next() % 50 == 0;
        let date = chrono::DateTime::from_timestamp(t, 0)
            .unwrap()
            .format("%d.%m.%Y %H:%M");
        let euros = cents / 100;
        let euros = if euros >= 1000 {
            format!("{}.{:03}", euros / 1000, euros % 1000)
        } else {
            euros.to_string()
        };
        out.push_str(&format!(
            "{};{date};K-{};{euros},{:02};EUR;{}\r\n",
            100_001 + i,
            100_001 + c,
            cents % 100,
            if cancelled {
                "storniert"
            } else {
                "abgeschlossen"
            }
        ));
    }
    out
}

/// The `OrderFeed` road natively: a 1 M-order German export read in 4 MiB
/// pieces into the order table, and its stages (reader, table builder)
/// on the whole text. `CSV_FEED_ORDERS` sets the number of orders,
/// `CSV_FEED_PIECE` sets the piece size in bytes (default 4 MiB, as the
/// feed), `CSV_FEED_FILE` reads a file instead (e.g. the benchmark's
/// target/bench/data/shop-1000000.csv),
/// `CSV_TIMING_ONLY=n` only reads the file n times in pieces (for a
/// profiler).
#[test]
#[ignore]
fn csv_feed_timing() {
    let n = std::env::var("CSV_FEED_ORDERS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1_000_000);
    let text = match std::env::var("CSV_FEED_FILE") {
        Ok(path) => std::fs::read_to_string(path).unwrap(),
        Err(_) => shop_csv(n),
    };
    let n = text.lines().count().saturating_sub(1);
    let piece: usize = std::env::var("CSV_FEED_PIECE")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(4 << 20);
    let options = ReadOptions::default();
    if let Some(runs) = std::env::var("CSV_TIMING_ONLY")
        .ok()
        .and_then(|n| n.parse().ok())
    {
        for _ in 0..runs {
            std::hint::black_box(csv::read_in_pieces(text.as_bytes(), &options, piece).unwrap());
        }
        return;
    }
    let best = |f: &mut dyn FnMut()| {
        let mut times: Vec<f64> = (0..3)
            .map(|_| {
                let t0 = Instant::now();
                f();
                t0.elapsed().as_secs_f64()
            })
            .collect();
        times.sort_by(f64::total_cmp);
        times[0]
    };
    let mut fed = None;
    let feed =
        best(&mut || fed = Some(csv::read_in_pieces(text.as_bytes(), &options, piece).unwrap()));
    let mut import = None;
    let reader = best(&mut || import = Some(read(Format::Csv, &text, &options).unwrap()));
    let import = import.unwrap();
    let mut table = None;
    let builder = best(&mut || {
        table = Some(stammkunde::segments::OrderTable::from_orders_in(
            &import.orders,
            None,
        ))
    });
    let (table, errors, read) = fed.unwrap();
    println!(
        "feed: {n} orders ({} MB) in pieces of {piece} bytes: {feed:.3} s ({:.2} µs per order); whole text: reader {reader:.3} s, table builder {builder:.3} s; read {read}, errors {}, used {}; digest {:016x}",
        text.len() / 1_000_000,
        feed / n as f64 * 1e6,
        errors.len(),
        table.report().used,
        digest(&(&table, &errors)),
    );
}
