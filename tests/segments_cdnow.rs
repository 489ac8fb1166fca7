//! Segments of the CDNOW sample (6,919 purchases of 2,357 customers, see
//! tests/fixtures/cdnow/SOURCE.md), checked against figures computed here
//! straight from the text file.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

use std::collections::BTreeMap;
use std::sync::Arc;

use stammkunde::orders::{cdnow, ReadOptions};
use stammkunde::segments::{dates, Config, OrderTable, Segmentation};

const SAMPLE: &str = include_str!("fixtures/cdnow/CDNOW_sample.txt");

/// Orders, cents, first and last day of one customer.
type Row = (u32, i64, i32, i32);

/// Per customer, straight from the file.
fn by_hand() -> BTreeMap<String, Row> {
    let mut m: BTreeMap<String, Row> = BTreeMap::new();
    for line in SAMPLE.lines().filter(|l| !l.trim().is_empty()) {
        let f: Vec<&str> = line.split_whitespace().collect();
        let d = f[2];
        let day = dates::ymd(
            d[..4].parse().unwrap(),
            d[4..6].parse().unwrap(),
            d[6..].parse().unwrap(),
        )
        .unwrap();
        let (whole, frac) = f[4].split_once('.').unwrap_or((f[4], "0"));
        let cents = whole.parse::<i64>().unwrap() * 100
            + format!("{frac:0<2}")[..2].parse::<i64>().unwrap();
        let e = m
            .entry(f[0].to_string())
            .or_insert((0, 0, i32::MAX, i32::MIN));
        e.0 += 1;
        e.1 += cents;
        e.2 = e.2.min(day);
        e.3 = e.3.max(day);
    }
    m
}

#[test]
fn cdnow_figures_and_segments_match_the_file() {
    let import = cdnow::read(SAMPLE, &ReadOptions::default()).unwrap();
    assert_eq!(
        (import.read, import.used, import.rejected),
        (6_919, 6_919, 0)
    );
    let table = Arc::new(OrderTable::from_orders(&import.orders));
    let as_of = dates::start_of(dates::ymd(1998, 6, 30).unwrap());
    let seg = Segmentation::compute(
        table,
        &Config {
            as_of: Some(as_of),
            ..Config::default()
        },
    )
    .unwrap();
    assert_eq!(seg.customer_count(), 2_357);

    let hand = by_hand();
    assert_eq!(hand.len(), 2_357);
    let total: i64 = hand.values().map(|v| v.1).sum();
    assert_eq!(seg.total_revenue(), total);
    let f = &seg.customers().figures;
    for (i, key) in (0..seg.customer_count()).map(|i| (i, seg.key(i).into_owned())) {
        let (orders, cents, first, last) = hand[&key];
        assert_eq!(
            (f.orders[i], f.revenue[i], f.first_day[i], f.last_day[i]),
            (orders, cents, first, last),
            "{key}"
        );
    }

    let as_of_day = seg.as_of_day();
    let count = |pred: &dyn Fn(&Row) -> bool| hand.values().filter(|v| pred(v)).count();
    assert_eq!(
        seg.segment("frequent_buyers").unwrap().count(),
        count(&|v| v.0 > 3)
    );
    assert_eq!(
        seg.segment("high_revenue").unwrap().count(),
        count(&|v| v.1 > 50_000)
    );
    assert_eq!(
        seg.segment("sleepers").unwrap().count(),
        count(&|v| v.3 < as_of_day - 84)
    );
    // Nobody's first order is in June 1998: all started in Q1 1997.
    assert_eq!(seg.segment("new_customers").unwrap().count(), 0);
    // Every customer is in exactly one RFM segment and one ABC class.
    let rfm: usize = seg
        .segments()
        .iter()
        .filter(|s| s.id.starts_with("rfm:"))
        .map(|s| s.count())
        .sum();
    let abc: usize = seg
        .segments()
        .iter()
        .filter(|s| s.id.starts_with("abc:"))
        .map(|s| s.count())
        .sum();
    assert_eq!((rfm, abc), (2_357, 2_357));
    // Class A holds at least 80 % of the revenue, and without its last
    // (smallest) member it would hold less.
    let a = seg.segment("abc:A").unwrap();
    assert!(a.share_of_revenue >= 0.8, "{}", a.share_of_revenue);
    let smallest = a
        .members
        .iter()
        .map(|&m| f.revenue[m as usize])
        .min()
        .unwrap();
    assert!(((a.revenue - smallest) as f64) / (total as f64) < 0.8);
}
