//! A small hand-computed shop, shared by the segment, rule and NPS tests.
//!
//! As of 2026-11-01 (day 20758), six customers have orders:
//!
//! | # | key  | orders (net)                                     | revenue | last order | days since | median gap |
//! | - | ---- | ------------------------------------------------ | ------- | ---------- | ---------- | ---------- |
//! | 0 | anna | 10.01, 09.02, 11.03, 10.04.2026 (100/150/200/250) | 700,00  | 10.04.2026 | 205        | 30         |
//! | 1 | ben  | 20.10.2026 (49,90)                                | 49,90   | 20.10.2026 | 12         | -          |
//! | 2 | cem  | 01.06.2026 twice (30 + 20), 01.09.2026 (50)       | 100,00  | 01.09.2026 | 61         | 92         |
//! | 3 | dora | 01.09., 11.09., 21.09., 01.10., 11.10.2026 (120 each) | 600,00 | 11.10.2026 | 21       | 10         |
//! | 4 | emil | 01.03.2025 (1000)                                 | 1000,00 | 01.03.2025 | 610        | -          |
//! | 5 | gus  | 15.07.2026 (80, 30 refunded), 15.08.2026 (60)     | 110,00  | 15.08.2026 | 78         | 31         |
//!
//! fay has only a cancelled order and one after the as-of date, so she is
//! in the table (index 5) but not among the customers; gus is table index 6.

#![allow(dead_code)]

use std::sync::Arc;

use stammkunde::orders::{LineItem, Order, OrderStatus};
use stammkunde::segments::{dates, Config, OrderTable, Segmentation};

/// Noon UTC of a `yyyy-mm-dd` date.
pub fn at(date: &str) -> i64 {
    dates::start_of(dates::parse_date(date).unwrap()) + 12 * 3600
}

pub fn day(date: &str) -> i32 {
    dates::parse_date(date).unwrap()
}

pub const ANNA: usize = 0;
pub const BEN: usize = 1;
pub const CEM: usize = 2;
pub const DORA: usize = 3;
pub const EMIL: usize = 4;
pub const GUS: usize = 5;

fn item(id: &str, sku: Option<&str>, name: &str, category: Option<&str>) -> LineItem {
    LineItem {
        product_id: id.into(),
        sku: sku.map(String::from),
        name: name.into(),
        category: category.map(String::from),
        quantity: 1.0,
        unit_price: 0,
    }
}

pub fn orders() -> Vec<Order> {
    let mut v = Vec::new();
    let mut n = 0;
    let mut add = |cust: &str, date: &str, cents: i64, items: Vec<LineItem>| {
        n += 1;
        let mut o = Order::new(&format!("{n}"), cust, at(date), cents, "EUR");
        o.items = items;
        v.push(o);
        v.len() - 1
    };
    add(
        "anna",
        "2026-01-10",
        10_000,
        vec![item("TEE-01", None, "T-Shirt Morgenrot", Some("Sale"))],
    );
    add(
        "anna",
        "2026-02-09",
        15_000,
        vec![item("MUG-02", Some("4711"), "Tasse", Some("Zubehör"))],
    );
    add("anna", "2026-03-11", 20_000, vec![]);
    add("anna", "2026-04-10", 25_000, vec![]);
    add(
        "ben",
        "2026-10-20",
        4_990,
        vec![item(
            "p-17",
            Some("TEE-01"),
            "T-Shirt Morgenrot",
            Some("Textil"),
        )],
    );
    add("cem", "2026-06-01", 3_000, vec![]);
    add("cem", "2026-06-01", 2_000, vec![]);
    add("cem", "2026-09-01", 5_000, vec![]);
    for d in [
        "2026-09-01",
        "2026-09-11",
        "2026-09-21",
        "2026-10-01",
        "2026-10-11",
    ] {
        add(
            "dora",
            d,
            12_000,
            vec![item("BEANS-1", None, "Espresso Bohnen", Some("Kaffee"))],
        );
    }
    add("emil", "2025-03-01", 100_000, vec![]);
    let cancelled = add(
        "fay",
        "2026-10-01",
        9_900,
        vec![item("TEE-01", None, "T-Shirt", Some("Sale"))],
    );
    add(
        "fay",
        "2026-11-05",
        9_900,
        vec![item("TEE-01", None, "T-Shirt", Some("Sale"))],
    );
    let refunded = add("gus", "2026-07-15", 8_000, vec![]);
    add("gus", "2026-08-15", 6_000, vec![]);
    v[cancelled].status = OrderStatus::Cancelled;
    v[refunded].status = OrderStatus::PartiallyRefunded { amount: 3_000 };
    v
}

pub fn as_of() -> i64 {
    at("2026-11-01")
}

pub fn config() -> Config {
    Config {
        as_of: Some(as_of()),
        ..Config::default()
    }
}

pub fn table() -> Arc<OrderTable> {
    Arc::new(OrderTable::from_orders(&orders()))
}

pub fn segmentation() -> Segmentation {
    Segmentation::compute(table(), &config()).unwrap()
}

/// Member keys of a segment.
pub fn members(seg: &Segmentation, id: &str) -> Vec<String> {
    let s = seg.segment(id).unwrap_or_else(|| panic!("no segment {id}"));
    s.members
        .iter()
        .map(|&m| seg.key(m as usize).into_owned())
        .collect()
}
