//! CLV predictions from the CLV models feed the `likely_churned` segment
//! and the rule fields `p_alive`, `predicted_clv`, `expected_orders`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

use std::sync::Arc;

use stammkunde::clv::{analyse, ClvOptions};
use stammkunde::orders::Order;
use stammkunde::rules::Rule;
use stammkunde::segments::{clv_by_key, ClvValues, Config, OrderTable, Segmentation};

#[test]
fn clv_report_plugs_into_segments_and_rules() {
    let day = 86_400;
    // 60 customers; every third buys every 20 days, the others once early on.
    let mut orders = Vec::new();
    for c in 0..60i64 {
        let key = format!("k{c}");
        if c % 3 == 0 {
            for k in 0..8 {
                orders.push(Order::new(
                    &format!("{c}-{k}"),
                    &key,
                    (c % 10 + 20 * k) * day,
                    3_000,
                    "EUR",
                ));
            }
        } else {
            orders.push(Order::new(
                &format!("{c}-0"),
                &key,
                (c % 30) * day,
                2_000,
                "EUR",
            ));
            if c % 3 == 1 {
                orders.push(Order::new(
                    &format!("{c}-1"),
                    &key,
                    (c % 30 + 15) * day,
                    2_000,
                    "EUR",
                ));
            }
        }
    }
    let end = 400 * day;
    let opts = ClvOptions {
        calibration_end: Some(end),
        min_customers: 10,
        min_repeat_buyers: 5,
        min_history_days: 30,
        ..ClvOptions::default()
    };
    let report = analyse(&orders, &opts).unwrap();
    let table = Arc::new(OrderTable::from_orders(&orders));
    let clv = clv_by_key(
        &table,
        report.customers.iter().map(|c| {
            let v = ClvValues {
                p_alive: Some(c.p_alive),
                predicted_clv: Some(c.predicted_clv),
                expected_orders: Some(c.expected_orders),
            };
            (c.customer.as_str(), v)
        }),
    );
    let config = Config {
        as_of: Some(end),
        ..Config::default()
    };
    let seg = Segmentation::compute_with_clv(table, &config, &clv).unwrap();
    assert_eq!(seg.customer_count(), 60);

    // The segment holds exactly the customers the model gives P(alive) < 0.3.
    let expected: Vec<String> = report
        .customers
        .iter()
        .filter(|c| c.p_alive < 0.3)
        .map(|c| c.customer.clone())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    assert!(
        !expected.is_empty(),
        "the fixture should have customers the model sees as gone"
    );
    let mut members: Vec<String> = seg
        .segment("likely_churned")
        .unwrap()
        .members
        .iter()
        .map(|&i| seg.key(i as usize).into_owned())
        .collect();
    members.sort();
    assert_eq!(members, expected);

    // One-time buyers always have P(alive) = 1 under BG/NBD.
    let once = seg.find("k2").unwrap();
    assert_eq!(seg.customers().clv(once).p_alive, Some(1.0));

    let rule = Rule::parse("p_alive < 0.3 OR predicted_clv > 1000000").unwrap();
    let by_rule: Vec<u32> = rule.members(&seg).unwrap();
    assert_eq!(by_rule, seg.segment("likely_churned").unwrap().members);
}
