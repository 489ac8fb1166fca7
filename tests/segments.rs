//! Segments on the hand-computed shop in `segments_fixture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

#[path = "segments_fixture/mod.rs"]
mod fixture;

use std::sync::Arc;

use fixture::*;
use stammkunde::orders::Order;
use stammkunde::segments::abc::ParetoPoint;
use stammkunde::segments::{
    clv_by_key, dates, export, AbcClass, ClvValues, Config, Lang, OrderTable, Period, RfmSegment,
    Segmentation,
};

#[test]
fn customers_are_those_with_orders_up_to_the_as_of_day() {
    let seg = segmentation();
    let keys: Vec<String> = (0..seg.customer_count())
        .map(|i| seg.key(i).into_owned())
        .collect();
    assert_eq!(keys, ["anna", "ben", "cem", "dora", "emil", "gus"]);
    assert_eq!(seg.table().customer_count(), 7); // fay is in the table
    assert_eq!(seg.table().report().cancelled, 1);
    assert_eq!(seg.total_revenue(), 255_990);
    assert_eq!(seg.as_of_day(), 20_758);
}

#[test]
fn per_customer_figures() {
    let seg = segmentation();
    let f = &seg.customers().figures;
    assert_eq!(f.orders, [4, 1, 3, 5, 1, 2]);
    assert_eq!(f.revenue, [70_000, 4_990, 10_000, 60_000, 100_000, 11_000]);
    assert_eq!(f.first_day[ANNA], day("2026-01-10"));
    assert_eq!(f.last_day[ANNA], day("2026-04-10"));
    assert_eq!(f.first_day[CEM], day("2026-06-01"));
    let since: Vec<i32> = (0..6).map(|i| f.days_since_last(i).unwrap()).collect();
    assert_eq!(since, [205, 12, 61, 21, 610, 78]);
    assert_eq!(
        f.median_gap,
        [Some(30.0), None, Some(92.0), Some(10.0), None, Some(31.0)]
    );
    assert_eq!(f.average_order_value(ANNA), Some(17_500.0));
    assert_eq!(f.average_order_value(CEM), Some(10_000.0 / 3.0));
    let (products, categories) = seg.purchases(ANNA);
    assert_eq!(products, ["MUG-02", "TEE-01"]);
    assert_eq!(categories, ["Sale", "Zubehör"]);
    assert_eq!(seg.purchases(EMIL), (vec![], vec![]));
}

#[test]
fn median_gap_of_an_even_number_of_gaps_is_the_mean_of_the_middle_two() {
    let d = 86_400;
    let orders: Vec<Order> = [0, 10, 30, 70, 150]
        .iter()
        .enumerate()
        .map(|(i, &x)| Order::new(&i.to_string(), "x", x * d, 100, "EUR"))
        .collect();
    let config = Config {
        as_of: Some(200 * d),
        ..Config::default()
    };
    let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
    // Gaps 10, 20, 40, 80: median (20 + 40) / 2.
    assert_eq!(seg.customers().figures.median_gap, [Some(30.0)]);
}

#[test]
fn rfm_scores_and_grid_segments() {
    let seg = segmentation();
    let c = seg.customers();
    // Recency by last order: emil < anna < gus < cem < dora < ben, N = 6:
    // 1 + floor(5 L / 6) for L = 0..5 gives 1, 1, 2, 3, 4, 5.
    assert_eq!(c.recency, [1, 5, 3, 4, 1, 2]);
    // Frequency: ben and emil tie at 1 order (L = 0), gus L = 2, cem 3, anna 4, dora 5.
    assert_eq!(c.frequency, [4, 1, 3, 5, 1, 2]);
    // Monetary: ben < cem < gus < dora < anna < emil.
    assert_eq!(c.monetary, [4, 1, 1, 3, 5, 2]);
    use RfmSegment::*;
    assert_eq!(
        c.rfm,
        [
            AtRisk,
            NewCustomers,
            NeedAttention,
            Loyal,
            Lost,
            Hibernating
        ]
    );
    assert_eq!(members(&seg, "rfm:at_risk"), ["anna"]);
    assert_eq!(members(&seg, "rfm:champions"), Vec::<String>::new());
    assert_eq!(
        seg.explain(ANNA, seg.segment("rfm:at_risk").unwrap(), Lang::En)
            .unwrap(),
        "R 1, F 4 → At risk (M 4)"
    );
}

#[test]
fn rfm_ties_get_the_same_score() {
    // Three one-time buyers on the same day and one two-time buyer.
    let d = 86_400;
    let orders = vec![
        Order::new("1", "a", 10 * d, 100, "EUR"),
        Order::new("2", "b", 10 * d, 100, "EUR"),
        Order::new("3", "c", 10 * d, 100, "EUR"),
        Order::new("4", "d", 5 * d, 100, "EUR"),
        Order::new("5", "d", 10 * d, 100, "EUR"),
    ];
    let config = Config {
        as_of: Some(20 * d),
        ..Config::default()
    };
    let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
    let c = seg.customers();
    assert_eq!(c.recency, [1, 1, 1, 1]); // all last ordered on day 10
    assert_eq!(c.frequency, [1, 1, 1, 4]); // L = 3 of 4: 1 + 15 / 4
    assert_eq!(c.monetary, [1, 1, 1, 4]);
}

#[test]
fn abc_classes_and_pareto_curve() {
    let seg = segmentation();
    use AbcClass::*;
    // By revenue: emil (0 % above), anna (39.1 %), dora (66.4 %), gus (89.8 %),
    // cem (94.1 %), ben (98.1 %).
    assert_eq!(seg.customers().abc, [A, C, B, A, A, B]);
    assert_eq!(members(&seg, "abc:A"), ["anna", "dora", "emil"]);
    let total = 255_990.0;
    let cum = [
        0.0, 100_000.0, 170_000.0, 230_000.0, 241_000.0, 251_000.0, total,
    ];
    let expected: Vec<ParetoPoint> = cum
        .iter()
        .enumerate()
        .map(|(k, &c)| ParetoPoint {
            customers: k as f64 / 6.0,
            revenue: c / total,
        })
        .collect();
    assert_eq!(seg.pareto(), expected.as_slice());
    let b = seg.segment("abc:B").unwrap();
    assert_eq!(
        seg.explain(GUS, b, Lang::De).unwrap(),
        "Umsatzanteil der Kunden mit mehr Umsatz 89,8 % ≥ 80 % und < 95 %"
    );
}

#[test]
fn abc_boundaries_are_configurable_and_exact() {
    // Revenue 50, 30, 15, 5: shares above 0, 50, 80, 95 %.
    let orders: Vec<Order> = [5_000, 3_000, 1_500, 500]
        .iter()
        .enumerate()
        .map(|(i, &r)| Order::new(&i.to_string(), &format!("c{i}"), 0, r, "EUR"))
        .collect();
    let table = Arc::new(OrderTable::from_orders(&orders));
    let classes = |a: f64, b: f64| {
        let config = Config {
            as_of: Some(0),
            abc_a: a,
            abc_b: b,
            ..Config::default()
        };
        Segmentation::compute(Arc::clone(&table), &config)
            .unwrap()
            .customers()
            .abc
            .clone()
    };
    use AbcClass::*;
    // Exactly 80 % above is no longer A; exactly 95 % is no longer B.
    assert_eq!(classes(0.8, 0.15), [A, A, B, C]);
    assert_eq!(classes(0.5, 0.3), [A, B, C, C]);
    assert_eq!(classes(0.81, 0.15), [A, A, A, B]);
    let err = Segmentation::compute(
        Arc::clone(&table),
        &Config {
            abc_a: 0.9,
            abc_b: 0.2,
            ..Config::default()
        },
    )
    .unwrap_err();
    assert!(err.to_string().starts_with("option abcA/abcB:"), "{err}");
}

#[test]
fn built_in_segments_with_default_thresholds() {
    let seg = segmentation();
    assert_eq!(members(&seg, "high_revenue"), ["anna", "dora", "emil"]);
    assert_eq!(members(&seg, "new_customers"), ["ben"]);
    assert_eq!(members(&seg, "frequent_buyers"), ["anna", "dora"]);
    // Cut-off 2026-08-09: gus (15.08.) is not sleeping yet.
    assert_eq!(members(&seg, "sleepers"), ["anna", "emil"]);
    // anna: 205 > 2 × 30; dora: 21 > 2 × 10; cem: 61 < 2 × 92; gus has 2 orders.
    assert_eq!(members(&seg, "churn_warning"), ["anna", "dora"]);
    // Top 10 % of 6 customers: ⌈0.6⌉ = 1.
    assert_eq!(members(&seg, "vip"), ["emil"]);
    assert!(seg.segment("likely_churned").is_none());
    let high = seg.segment("high_revenue").unwrap();
    assert_eq!(high.count(), 3);
    assert_eq!(high.share_of_customers, 0.5);
    assert_eq!(high.revenue, 230_000);
    assert_eq!(high.share_of_revenue, 230_000.0 / 255_990.0);
}

#[test]
fn built_in_thresholds_are_configurable() {
    let config = Config {
        high_revenue: 100_000, // 1000,00: emil has exactly that, not more
        new_within: Period::months(2),
        frequent_more_than: 2,
        sleepers_after: Period::weeks(8),
        churn_min_orders: 2,
        churn_gap_factor: 1.5,
        vip_share: 0.5,
        products: vec!["TEE-01".into()],
        categories: vec!["kaffee".into()],
        ..config()
    };
    let seg = Segmentation::compute(table(), &config).unwrap();
    assert_eq!(members(&seg, "high_revenue"), Vec::<String>::new());
    assert_eq!(members(&seg, "new_customers"), ["ben", "dora"]); // since 01.09.2026
    assert_eq!(members(&seg, "frequent_buyers"), ["anna", "cem", "dora"]);
    // Cut-off 06.09.2026: cem (01.09.) now sleeps.
    assert_eq!(members(&seg, "sleepers"), ["anna", "cem", "emil", "gus"]);
    // gus: 78 > 1.5 × 31 = 46.5.
    assert_eq!(members(&seg, "churn_warning"), ["anna", "dora", "gus"]);
    assert_eq!(members(&seg, "vip"), ["anna", "dora", "emil"]);
    // TEE-01 is anna's product id and ben's SKU; fay's orders do not count.
    assert_eq!(members(&seg, "product:TEE-01"), ["anna", "ben"]);
    assert_eq!(members(&seg, "category:kaffee"), ["dora"]);
    assert_eq!(
        seg.segment_name(seg.segment("sleepers").unwrap(), Lang::De),
        "Schläfer (keine Bestellung innerhalb von 8 Wochen)"
    );
}

#[test]
fn explanations_in_both_languages() {
    let seg = segmentation();
    let why =
        |id: &str, i: usize, lang: Lang| seg.explain(i, seg.segment(id).unwrap(), lang).unwrap();
    assert_eq!(
        why("high_revenue", DORA, Lang::De),
        "Umsatz 600,00 EUR > 500,00 EUR"
    );
    assert_eq!(
        why("sleepers", ANNA, Lang::En),
        "last order 205 days ago > 84"
    );
    assert_eq!(
        why("new_customers", BEN, Lang::De),
        "erste Bestellung am 20.10.2026, nicht vor 01.10.2026"
    );
    assert_eq!(why("frequent_buyers", DORA, Lang::En), "5 orders > 3");
    assert_eq!(
        why("churn_warning", DORA, Lang::En),
        "last order 21 days ago > 2.0 × median gap 10.0 days = 20.0"
    );
    assert_eq!(
        why("churn_warning", ANNA, Lang::De),
        "letzte Bestellung vor 205 Tagen > 2,0 × Median-Abstand 30,0 Tage = 60,0"
    );
    assert_eq!(
        why("vip", EMIL, Lang::En),
        "revenue rank 1 of 6 ≤ 1 (top 10 %)"
    );
    // Not a member: no reason.
    assert_eq!(
        seg.explain(BEN, seg.segment("sleepers").unwrap(), Lang::En),
        None
    );
    let names: Vec<String> = seg.memberships(ANNA).map(|s| s.id.clone()).collect();
    assert_eq!(
        names,
        [
            "high_revenue",
            "frequent_buyers",
            "sleepers",
            "churn_warning",
            "rfm:at_risk",
            "abc:A"
        ]
    );
}

#[test]
fn as_of_date_makes_results_reproducible() {
    let a = segmentation();
    // Same day, later time: the whole day counts, nothing changes.
    let late = Config {
        as_of: Some(dates::start_of(day("2026-11-01")) + 86_399),
        ..config()
    };
    let b = Segmentation::compute(table(), &late).unwrap();
    assert_eq!(a.customers(), b.customers());
    assert_eq!(a.segments(), b.segments());
    // More orders after the as-of day change nothing either.
    let mut more = orders();
    more.push(Order::new("x1", "anna", at("2026-11-02"), 99_999, "EUR"));
    more.push(Order::new("x2", "zoe", at("2027-01-01"), 99_999, "EUR"));
    let c = Segmentation::compute(Arc::new(OrderTable::from_orders(&more)), &config()).unwrap();
    assert_eq!(a.customers(), c.customers());
    assert_eq!(a.segments(), c.segments());
    // An earlier as-of date sees the shop as it was then.
    let earlier = Config {
        as_of: Some(at("2026-10-15")),
        ..config()
    };
    let d = Segmentation::compute(table(), &earlier).unwrap();
    assert_eq!(d.customer_count(), 5); // ben had not ordered yet
    assert_eq!(d.find("ben"), None);
    let dora = d.find("dora").unwrap();
    assert_eq!(d.customers().figures.orders[dora], 5);
    assert_eq!(d.customers().figures.days_since_last(dora), Some(4));
}

#[test]
fn utc_offset_moves_orders_to_the_local_day() {
    // 23:30 UTC on 31 October is 00:30 on 1 November in CET.
    let ts = dates::start_of(day("2026-10-31")) + 23 * 3600 + 1800;
    let orders = vec![Order::new("1", "a", ts, 100, "EUR")];
    let table = Arc::new(OrderTable::from_orders(&orders));
    let utc = Segmentation::compute(Arc::clone(&table), &config()).unwrap();
    let cet = Segmentation::compute(
        table,
        &Config {
            utc_offset_minutes: 60,
            ..config()
        },
    )
    .unwrap();
    assert_eq!(utc.customers().figures.days_since_last(0), Some(1));
    assert_eq!(cet.customers().figures.days_since_last(0), Some(0));
}

#[test]
fn as_of_defaults_to_now() {
    let seg = Segmentation::compute(table(), &Config::default()).unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    assert!((seg.as_of() - now).abs() < 60);
}

#[test]
fn columnar_input_gives_the_same_figures_as_orders() {
    let seg = segmentation();
    let t = seg.table();
    let customers: Vec<u32> = t.customers().to_vec();
    let placed: Vec<f64> = t.placed_at().iter().map(|&x| x as f64).collect();
    let net: Vec<f64> = t.net().iter().map(|&x| x as f64).collect();
    let keys: Vec<String> = (0..t.customer_count() as u32)
        .map(|c| t.key(c).into_owned())
        .collect();
    let columns = OrderTable::from_columns(&customers, &placed, &net, keys).unwrap();
    let col = Segmentation::compute(Arc::new(columns), &config()).unwrap();
    assert_eq!(col.customers(), seg.customers());
    let ids = |s: &Segmentation| -> Vec<(String, Vec<u32>)> {
        s.segments()
            .iter()
            .map(|x| (x.id.clone(), x.members.clone()))
            .collect()
    };
    assert_eq!(ids(&col), ids(&seg));
}

#[test]
fn empty_input_gives_empty_segments_without_nan() {
    let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&[])), &config()).unwrap();
    assert_eq!(seg.customer_count(), 0);
    assert!(seg.pareto().is_empty());
    for s in seg.segments() {
        assert_eq!(
            (s.count(), s.share_of_customers, s.share_of_revenue),
            (0, 0.0, 0.0)
        );
    }
}

#[test]
fn clv_values_plug_in_by_index_or_by_key() {
    let t = table();
    let clv = clv_by_key(
        &t,
        [
            (
                "anna",
                ClvValues {
                    p_alive: Some(0.12),
                    predicted_clv: Some(4_000.0),
                    expected_orders: Some(0.4),
                },
            ),
            (
                "dora",
                ClvValues {
                    p_alive: Some(0.95),
                    predicted_clv: Some(90_000.0),
                    expected_orders: Some(6.0),
                },
            ),
            (
                "emil",
                ClvValues {
                    p_alive: Some(f64::NAN),
                    ..Default::default()
                },
            ),
            (
                "nobody",
                ClvValues {
                    p_alive: Some(0.0),
                    ..Default::default()
                },
            ),
        ],
    );
    let seg = Segmentation::compute_with_clv(t, &config(), &clv).unwrap();
    assert_eq!(members(&seg, "likely_churned"), ["anna"]); // NaN counts as missing
    assert_eq!(seg.customers().clv(DORA).expected_orders, Some(6.0));
    assert_eq!(seg.customers().clv(EMIL).p_alive, None);
    let likely = seg.segment("likely_churned").unwrap();
    assert_eq!(
        seg.explain(ANNA, likely, Lang::De).unwrap(),
        "P(aktiv) 0,12 < 0,30"
    );

    // Post hoc, indexed like the segmentation's customers.
    let plain = segmentation();
    let mut values = vec![ClvValues::default(); plain.customer_count()];
    values[GUS].p_alive = Some(0.29);
    let with = plain.clone().with_clv(&values).unwrap();
    assert_eq!(members(&with, "likely_churned"), ["gus"]);
    let err = plain.with_clv(&values[..2]).unwrap_err();
    assert!(err.to_string().contains("2 CLV values for 6 customers"));
}

#[test]
fn customer_rows_and_report_carry_figures_and_reasons() {
    let seg = segmentation();
    let row = export::customer_row(&seg, DORA, Lang::En).unwrap();
    assert_eq!(row.customer, "dora");
    assert_eq!(
        (row.first_order.as_str(), row.last_order.as_str()),
        ("2026-09-01", "2026-10-11")
    );
    assert_eq!(
        (row.orders, row.revenue, row.days_since_last_order),
        (5, 60_000, 21)
    );
    assert_eq!(row.median_days_between_orders, Some(10.0));
    assert_eq!(row.products, ["BEANS-1"]);
    assert_eq!(
        row.segments
            .iter()
            .find(|m| m.id == "high_revenue")
            .unwrap()
            .reason,
        "revenue EUR 600.00 > EUR 500.00"
    );
    let report = export::report(&seg, Lang::De, true, false, None);
    assert_eq!(report.as_of, "2026-11-01");
    assert_eq!(report.customers, 6);
    let sleepers = report.segments.iter().find(|s| s.id == "sleepers").unwrap();
    assert_eq!(
        sleepers.name,
        "Schläfer (keine Bestellung innerhalb von 12 Wochen)"
    );
    assert_eq!(
        sleepers.members.as_deref(),
        Some(&["anna".to_string(), "emil".to_string()][..])
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["segments"][0]["shareOfCustomers"], 0.5);
    assert_eq!(json["segments"][0]["kind"], "builtin");
}

#[test]
fn options_in_json_use_camel_or_snake_case_and_reject_typos() {
    let c: Config = serde_json::from_str(
        r#"{"asOf": 5, "sleepersAfter": "8w", "vip_share": 0.2, "abcA": 0.7}"#,
    )
    .unwrap();
    assert_eq!(
        (c.as_of, c.sleepers_after, c.vip_share, c.abc_a),
        (Some(5), Period::weeks(8), 0.2, 0.7)
    );
    assert_eq!(c.frequent_more_than, 3);
    let err = serde_json::from_str::<Config>(r#"{"sleeperAfter": "8w"}"#).unwrap_err();
    assert!(
        err.to_string().starts_with("unknown field `sleeperAfter`"),
        "{err}"
    );
    let err = serde_json::from_str::<Config>(r#"{"newWithin": "a month"}"#).unwrap_err();
    assert!(
        err.to_string().contains("'a month' is not a period"),
        "{err}"
    );
}

#[test]
fn column_status_leaves_out_cancelled_and_refunded_orders() {
    let t = OrderTable::from_columns_with_status(
        &[0, 0, 1, 1],
        &[0.0, 86_400.0, 0.0, 0.0],
        &[1_000.0, 0.0, 0.0, 700.0],
        Some(&[0, 1, 2, 3]),
        vec!["a".into(), "b".into()],
    )
    .unwrap();
    assert_eq!((t.len(), t.report().cancelled, t.report().read), (2, 2, 4));
    let seg = Segmentation::compute(
        Arc::new(t),
        &Config {
            as_of: Some(10 * 86_400),
            ..Config::default()
        },
    )
    .unwrap();
    assert_eq!(seg.customers().figures.orders, [1, 1]);
    assert_eq!(seg.customers().figures.revenue, [1_000, 700]);
    let err = OrderTable::from_columns_with_status(&[0], &[0.0], &[1.0], Some(&[]), Vec::new())
        .unwrap_err();
    assert!(err
        .reason
        .contains("status column has 0 entries for 1 orders"));
}

#[test]
fn sparse_customer_numbers_in_order_columns_are_renumbered() {
    use stammkunde::orders::columnar::Columns;
    use stammkunde::orders::OrderStatus;
    let mut columns = Columns::with_capacity(3);
    columns.push(4_000_000_000, 0, 100, OrderStatus::Completed);
    columns.push(7, 0, 200, OrderStatus::Completed);
    columns.push(4_000_000_000, 86_400, 300, OrderStatus::Completed);
    let t = OrderTable::from_order_columns(&columns, Vec::new(), Some("EUR"));
    assert_eq!(t.customer_count(), 2);
    assert_eq!((t.key(0), t.key(1)), ("4000000000".into(), "7".into()));
    let seg = Segmentation::compute(
        Arc::new(t),
        &Config {
            as_of: Some(86_400),
            ..Config::default()
        },
    )
    .unwrap();
    assert_eq!(seg.customers().figures.revenue, [400, 200]);
}
