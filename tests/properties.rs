//! Invariants that hold for any input: revenue is neither lost nor made up
//! on the way from orders to per-customer totals, whatever the order of the
//! input and whichever reader it goes through; segment membership does not
//! depend on the input order; scores stay in their ranges.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(not(target_arch = "wasm32"))]

#[cfg(feature = "admin")]
mod revenue {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use stammkunde::orders::columnar::Columns;
    use stammkunde::orders::{
        csv, normalize, read, to_json, Format, Order, OrderStatus, ReadOptions,
    };

    /// One generated order: (customer, day, total in cents, status code, refund).
    pub type Row = (u8, u16, i64, u8, i64);

    pub fn rows() -> impl Strategy<Value = Vec<Row>> {
        prop::collection::vec(
            (
                0u8..25,
                0u16..2_000,
                0i64..5_000_000,
                0u8..4,
                0i64..6_000_000,
            ),
            0..200,
        )
    }

    pub fn orders(rows: &[Row]) -> Vec<Order> {
        rows.iter()
            .enumerate()
            .map(|(i, &(c, day, total, code, refund))| {
                let mut o = Order::new(
                    &format!("B-{i}"),
                    &format!("K{c}"),
                    1_600_000_000 + i64::from(day) * 86_400,
                    total,
                    "EUR",
                );
                o.status = match code {
                    0 => OrderStatus::Completed,
                    1 => OrderStatus::Cancelled,
                    2 => OrderStatus::Refunded,
                    _ => OrderStatus::PartiallyRefunded { amount: refund },
                };
                o
            })
            .collect()
    }

    /// The net revenue of a row, computed independently of the crate: refunds
    /// are clamped to the total, cancelled and refunded orders count nothing.
    pub fn expected_net(&(_, _, total, code, refund): &Row) -> i64 {
        match code {
            0 => total,
            1 | 2 => 0,
            _ => total - refund.clamp(0, total),
        }
    }

    fn per_customer(orders: &[Order]) -> BTreeMap<String, i64> {
        let mut sums = BTreeMap::new();
        for o in orders {
            *sums.entry(o.customer.clone()).or_insert(0) += o.net_total();
        }
        sums
    }

    pub fn expected_per_customer(rows: &[Row]) -> BTreeMap<String, i64> {
        let mut sums = BTreeMap::new();
        for row in rows {
            *sums.entry(format!("K{}", row.0)).or_insert(0) += expected_net(row);
        }
        sums
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn revenue_sums_match_between_input_and_customers(rows in rows()) {
            let import = normalize(orders(&rows), &ReadOptions::default()).unwrap();
            let total: i64 = rows.iter().map(expected_net).sum();
            prop_assert_eq!(import.net_revenue(), total);
            let sums = per_customer(&import.orders);
            prop_assert_eq!(sums.values().sum::<i64>(), total);
            prop_assert_eq!(sums, expected_per_customer(&rows));
        }

        #[test]
        fn revenue_does_not_depend_on_input_order(rows in rows(), seed in any::<u64>()) {
            let mut shuffled = orders(&rows);
            // Fisher-Yates with a small LCG: deterministic for the seed.
            let mut state = seed | 1;
            for i in (1..shuffled.len()).rev() {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                shuffled.swap(i, (state >> 33) as usize % (i + 1));
            }
            let a = normalize(orders(&rows), &ReadOptions::default()).unwrap();
            let b = normalize(shuffled, &ReadOptions::default()).unwrap();
            prop_assert_eq!(per_customer(&a.orders), per_customer(&b.orders));
            prop_assert_eq!((a.read, a.used, a.rejected), (b.read, b.used, b.rejected));
        }

        #[test]
        fn revenue_survives_csv_json_and_columns(rows in rows()) {
            let import = normalize(orders(&rows), &ReadOptions::default()).unwrap();
            let expected = per_customer(&import.orders);

            let from_csv = read(Format::Csv, &csv::write_german(&import.orders), &ReadOptions::default()).unwrap();
            prop_assert_eq!(from_csv.rejected, 0);
            prop_assert_eq!(per_customer(&from_csv.orders), expected.clone());

            let from_json = read(Format::Canonical, &to_json(&import.orders), &ReadOptions::default()).unwrap();
            prop_assert_eq!(per_customer(&from_json.orders), expected.clone());

            let (columns, keys) = Columns::from_orders(&import.orders);
            let mut sums = BTreeMap::new();
            for (i, &c) in columns.customer.iter().enumerate() {
                *sums.entry(keys[c as usize].clone()).or_insert(0) += columns.net[i];
            }
            prop_assert_eq!(sums, expected);
        }

        #[test]
        fn a_repeated_order_counts_once(rows in rows(), repeat in any::<prop::sample::Index>()) {
            prop_assume!(!rows.is_empty());
            let mut input = orders(&rows);
            let copy = input[repeat.index(input.len())].clone();
            input.push(copy);
            let import = normalize(input, &ReadOptions::default()).unwrap();
            prop_assert_eq!(import.net_revenue(), rows.iter().map(expected_net).sum::<i64>());
            prop_assert_eq!(import.rejected, 1);
            prop_assert_eq!(import.errors[0].field.as_str(), "id");
        }
    }
}

// ---- exit intent ------------------------------------------------------

mod intent {
    use proptest::prelude::*;
    use stammkunde::intent::{Config, Context, Engine, Observation, Pages, Reason, Sensitivity};

    /// Any number, weighted towards plausible times and coordinates.
    fn number() -> impl Strategy<Value = f64> {
        prop_oneof![
            6 => -50.0f64..3_000.0,
            1 => prop::num::f64::ANY,
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(-1.0),
        ]
    }

    fn observation() -> impl Strategy<Value = Observation> {
        (
            0u8..15,
            0.0f64..60_000.0,
            number(),
            number(),
            any::<bool>(),
            any::<u8>(),
        )
            .prop_map(|(kind, t, a, b, pressed, code)| {
                // Page types and shortcut keys come from a small code.
                let (a, b) = match kind {
                    1 => (f64::from(code % 8), f64::from(code)),
                    13 => (f64::from(code), b),
                    _ => (a, b),
                };
                let c = if pressed { 1.0 } else { 0.0 };
                Observation::from_packed(kind, t, a, b, c).unwrap_or(Observation::Tick { t })
            })
    }

    fn config() -> impl Strategy<Value = Config> {
        (
            0u8..3,
            0.0f64..10_000.0,
            0.0f64..60_000.0,
            any::<u8>(),
            any::<bool>(),
        )
            .prop_map(|(s, min, cool, pages, touch)| Config {
                sensitivity: Sensitivity::from_code(s).unwrap_or_default(),
                min_time_on_page_ms: min,
                cooldown_ms: cool,
                pages: Pages(pages),
                touch,
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn scores_stay_in_range_for_any_observation_stream(
            config in config(),
            mut stream in prop::collection::vec(observation(), 0..120),
            sorted in any::<bool>(),
        ) {
            // Half the streams in time order (as browsers deliver them),
            // half as generated (times jump back and forth).
            if sorted {
                stream.sort_by(|a, b| a.t().total_cmp(&b.t()));
            }
            let mut engine = Engine::new(config, Context::default());
            for obs in stream {
                let out = engine.observe(obs);
                prop_assert!((0.0..=1.0).contains(&out.score), "score {} after {:?}", out.score, obs);
                for r in Reason::ALL {
                    let w = out.weight(r);
                    prop_assert!((0.0..=r.max_weight()).contains(&w), "{:?} = {} after {:?}", r, w, obs);
                }
                // Firing needs a score, and always gives reasons.
                if out.fired {
                    prop_assert!(out.score > 0.0 && out.top_reason().is_some());
                }
            }
        }

        #[test]
        fn the_same_trace_gives_the_same_outcomes(
            config in config(),
            stream in prop::collection::vec(observation(), 0..60),
        ) {
            let mut a = Engine::new(config, Context::default());
            let mut b = Engine::new(config, Context::default());
            for obs in stream {
                let (x, y) = (a.observe(obs), b.observe(obs));
                prop_assert_eq!(x.fired, y.fired);
                prop_assert_eq!(x.score.to_bits(), y.score.to_bits());
            }
        }
    }
}

// ---- segments ---------------------------------------------------------

#[cfg(feature = "admin")]
mod segments {
    use super::revenue::{expected_net, expected_per_customer, orders, rows, Row};
    use proptest::prelude::*;
    use stammkunde::orders::Order;
    use stammkunde::segments::{Config, OrderTable, Segmentation};
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Arc;

    /// As of a day after every generated order (1_600_000_000 + 2000 days).
    const AS_OF: i64 = 1_600_000_000 + 2_001 * 86_400;

    fn compute(orders: &[Order], as_of: i64) -> Segmentation {
        let config = Config {
            as_of: Some(as_of),
            products: vec!["P1".into()],
            ..Config::default()
        };
        Segmentation::compute(Arc::new(OrderTable::from_orders(orders)), &config).unwrap()
    }

    /// Every segment as the set of its members' customer keys.
    fn memberships(seg: &Segmentation) -> BTreeMap<String, BTreeSet<String>> {
        seg.segments()
            .iter()
            .map(|s| {
                let keys = s
                    .members
                    .iter()
                    .map(|&i| seg.key(i as usize).into_owned())
                    .collect();
                (s.id.clone(), keys)
            })
            .collect()
    }

    fn shuffle<T>(items: &mut [T], seed: u64) {
        let mut state = seed | 1;
        for i in (1..items.len()).rev() {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            items.swap(i, (state >> 33) as usize % (i + 1));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn membership_does_not_depend_on_input_order(rows in rows(), seed in any::<u64>(), back in 0i64..2_100) {
            let input = orders(&rows);
            let mut shuffled = input.clone();
            shuffle(&mut shuffled, seed);
            // Any as-of day, also one inside the order history.
            let as_of = AS_OF - back * 86_400;
            let a = compute(&input, as_of);
            let b = compute(&shuffled, as_of);
            prop_assert_eq!(a.customer_count(), b.customer_count());
            prop_assert_eq!(a.total_revenue(), b.total_revenue());
            prop_assert_eq!(memberships(&a), memberships(&b));
        }

        #[test]
        fn rfm_scores_are_1_to_5_and_shares_are_fractions(rows in rows(), back in 0i64..2_100) {
            let seg = compute(&orders(&rows), AS_OF - back * 86_400);
            let c = seg.customers();
            prop_assert_eq!(c.recency.len(), seg.customer_count());
            for scores in [&c.recency, &c.frequency, &c.monetary] {
                prop_assert!(scores.iter().all(|s| (1..=5).contains(s)), "{:?}", scores);
            }
            for s in seg.segments() {
                prop_assert!((0.0..=1.0).contains(&s.share_of_customers), "{} {}", s.id, s.share_of_customers);
                prop_assert!((0.0..=1.0 + 1e-9).contains(&s.share_of_revenue), "{} {}", s.id, s.share_of_revenue);
                prop_assert!(s.members.windows(2).all(|w| w[0] < w[1]));
                prop_assert!(s.members.iter().all(|&m| (m as usize) < seg.customer_count()));
            }
        }

        #[test]
        fn segment_revenue_matches_the_input(rows in rows()) {
            let seg = compute(&orders(&rows), AS_OF);
            let total: i64 = rows.iter().map(expected_net).sum();
            prop_assert_eq!(seg.total_revenue(), total);
            let f = &seg.customers().figures;
            let mut sums = BTreeMap::new();
            for i in 0..seg.customer_count() {
                sums.insert(seg.key(i).into_owned(), f.revenue[i]);
            }
            // Customers whose orders were all cancelled or refunded in full
            // have no figures.
            let counts = |r: &&Row| r.3 == 0 || (r.3 == 3 && r.4 < r.2);
            let ordered: BTreeSet<String> = rows.iter().filter(counts).map(|r| format!("K{}", r.0)).collect();
            let mut expected: BTreeMap<String, i64> = expected_per_customer(&rows);
            expected.retain(|k, _| ordered.contains(k));
            prop_assert_eq!(sums, expected);
        }
    }
}
