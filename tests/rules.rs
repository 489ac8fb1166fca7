//! The rule language on the hand-computed shop in `segments_fixture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

#[path = "segments_fixture/mod.rs"]
mod fixture;

use fixture::*;
use stammkunde::rules::{ErrorKind, Rule};
use stammkunde::segments::{
    clv_by_key, ClvValues, Config, Lang, RuleDef, SegmentError, Segmentation,
};

fn keys(seg: &Segmentation, rule: &str) -> Vec<String> {
    let r = Rule::parse(rule).unwrap_or_else(|e| panic!("{rule}: {e}"));
    let m = r.members(seg).unwrap_or_else(|e| panic!("{rule}: {e}"));
    m.iter()
        .map(|&i| seg.key(i as usize).into_owned())
        .collect()
}

fn error(rule: &str) -> String {
    Rule::parse(rule).unwrap_err().to_string()
}

#[test]
fn rules_select_the_hand_computed_customers() {
    let seg = segmentation();
    let cases: &[(&str, &[&str])] = &[
        (
            "amount_spent > 500 AND number_of_orders >= 3",
            &["anna", "dora"],
        ),
        // Cut-off 06.09.2026.
        ("last_order_date < -8w", &["anna", "cem", "emil", "gus"]),
        // Cut-off 02.10.2026.
        ("first_order_date > -30d", &["ben"]),
        (
            "products_purchased(sku: 'TEE-01') AND NOT products_purchased(category: 'Sale')",
            &["ben"],
        ),
        (
            "rfm_segment = 'at_risk' OR abc = 'A'",
            &["anna", "dora", "emil"],
        ),
        (
            "amount_spent >= 49,90",
            &["anna", "ben", "cem", "dora", "emil", "gus"],
        ),
        (
            "amount_spent > 49.90",
            &["anna", "cem", "dora", "emil", "gus"],
        ),
        ("average_order_value >= 1.000,00", &["emil"]),
        ("average_order_value > 1,000.00", &[]),
        ("last_order_date = 2026-10-11", &["dora"]),
        ("last_order_date = 11.10.2026", &["dora"]),
        ("first_order_date <= 1.3.2025", &["emil"]),
        ("median_days_between_orders > 20", &["anna", "cem", "gus"]),
        // Customers without a median match no comparison, so NOT selects them.
        (
            "NOT median_days_between_orders > 20",
            &["ben", "dora", "emil"],
        ),
        (
            "days_since_last_order >= 61",
            &["anna", "cem", "emil", "gus"],
        ),
        // AND binds tighter than OR.
        (
            "number_of_orders = 1 OR number_of_orders = 2 AND amount_spent > 100",
            &["ben", "emil", "gus"],
        ),
        (
            "(number_of_orders = 1 OR number_of_orders = 2) AND amount_spent > 100",
            &["emil", "gus"],
        ),
        ("segment = 'sleepers' AND segment != 'vip'", &["anna"]),
        ("customer = 'ANNA'", &["anna"]),
        ("first_order_date >= -1m", &["ben"]),
        (
            "last_order_date > -1y",
            &["anna", "ben", "cem", "dora", "gus"],
        ),
        ("last_order_date >= today", &[]),
        ("products_purchased(id: 'TEE-01')", &["anna"]),
        (
            "products_purchased(name: 't-shirt morgenrot')",
            &["anna", "ben"],
        ),
        ("products_purchased(sku: '4711')", &["anna"]),
        (
            "products_purchased(sku: 'TEE-01') = false",
            &["cem", "dora", "emil", "gus"],
        ),
        (
            "products_purchased(category: \"Zubehör\") != false",
            &["anna"],
        ),
        ("recency_score >= 4 AND frequency_score >= 4", &["dora"]),
        ("monetary_score = 5", &["emil"]),
        (
            "number_of_orders >= 1 and not abc = a",
            &["ben", "cem", "gus"],
        ),
        ("amount_spent > 500 UND number_of_orders > 4", &["dora"]),
        ("number_of_orders <> 1 AND number_of_orders ≥ 5", &["dora"]),
        ("rfm_segment = 'Gefährdet'", &["anna"]),
        ("NOT NOT abc = 'C'", &["ben"]),
    ];
    for (rule, expected) in cases {
        assert_eq!(keys(&seg, rule), *expected, "{rule}");
    }
}

#[test]
fn clv_fields_need_clv_values() {
    let seg = segmentation();
    let err = Rule::parse("amount_spent > 0 AND p_alive < 0.3")
        .unwrap()
        .members(&seg)
        .unwrap_err();
    assert_eq!(err.column, 22);
    assert_eq!(
        err.to_string(),
        "at column 22: p_alive needs CLV values; compute the customer lifetime value first and pass it to the segments"
    );
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
        ],
    );
    let seg = Segmentation::compute_with_clv(t, &config(), &clv).unwrap();
    assert_eq!(keys(&seg, "p_alive < 0.3"), ["anna"]);
    assert_eq!(keys(&seg, "predicted_clv > 200"), ["dora"]);
    assert_eq!(keys(&seg, "expected_orders >= 0,4"), ["anna", "dora"]);
    // Customers without values match no comparison.
    assert_eq!(
        keys(&seg, "NOT p_alive >= 0.3"),
        ["anna", "ben", "cem", "emil", "gus"]
    );
}

#[test]
fn parse_errors_name_the_column_and_what_was_expected() {
    let cases = [
        (
            "amount_spent AND number_of_orders > 3",
            "at column 14: expected a comparison operator (=, !=, <, <=, >, >=) after 'amount_spent', found 'AND'",
        ),
        ("amount_spent >", "at column 15: expected a number (e.g. 500 or 49,90) after 'amount_spent >', found the end of the rule"),
        (
            "(amount_spent > 500",
            "at column 20: expected ')' to close the '(' at column 1 after '500', found the end of the rule",
        ),
        (
            "amount_spent > 500 number_of_orders > 3",
            "at column 20: expected AND, OR or the end of the rule after '500', found 'number_of_orders'",
        ),
        ("abc < 'A'", "at column 5: expected = or != after 'abc', found '<'"),
        ("abc = 'D'", "at column 7: 'D' is not a value of abc; known values: A, B, C"),
        (
            "rfm_segment = 'at rsk'",
            "at column 15: 'at rsk' is not a value of rfm_segment; did you mean 'at_risk'? Known values: champions, loyal, potential_loyalists, new_customers, promising, need_attention, about_to_sleep, at_risk, cant_lose_them, hibernating, lost",
        ),
        (
            "last_order_date < 5",
            "at column 19: expected a date (2026-01-31 or 31.01.2026) or a relative date (-7d, -2w, -3m, -1y) after 'last_order_date <', found '5'",
        ),
        ("last_order_date < 8w", "at column 19: relative dates need a sign: -8w for 8w ago, +8w for 8w ahead"),
        ("last_order_date < 2026-02-30", "at column 19: '2026-02-30' is not a date; write 2026-01-31 or 31.01.2026"),
        ("last_order_date < 30.02.2026", "at column 19: '30.02.2026' is not a date; write 2026-01-31 or 31.01.2026"),
        (
            "products_purchased(color: 'red')",
            "at column 20: 'color' is not a value of products_purchased; known values: sku, id, name, category",
        ),
        ("products_purchased(sku 'A')", "at column 24: expected ':' after 'sku', found 'A'"),
        ("products_purchased(sku: 'A'", "at column 28: expected ')' to close the '(' at column 19 after 'A', found the end of the rule"),
        ("products_purchased(sku: 'A') = maybe", "at column 32: expected true or false after 'products_purchased(…) =', found 'maybe'"),
        (
            "",
            "at column 1: expected a condition (a field such as amount_spent, products_purchased(…), NOT or '('), found the end of the rule",
        ),
        (
            "amount_spent > 500 AND",
            "at column 23: expected a condition (a field such as amount_spent, products_purchased(…), NOT or '(') after 'AND', found the end of the rule",
        ),
        ("amount_spent > 5x", "at column 16: '5x' is not a number; write e.g. 500, 49.90 or 1,234.56"),
        ("amount_spent # 5", "at column 14: the character '#' has no meaning in rules; put texts in quotes"),
        (
            "abc = 'A",
            "at column 7: the text starting here has no closing quote; end it with the same quote it starts with",
        ),
    ];
    for (rule, message) in cases {
        assert_eq!(error(rule), message, "{rule}");
    }
}

#[test]
fn unknown_fields_list_the_known_ones_with_a_suggestion() {
    let e = Rule::parse("number_of_orders > 1 AND amount_spend > 500").unwrap_err();
    assert_eq!((e.column, e.length), (26, 12));
    let text = e.to_string();
    assert!(text.starts_with("at column 26: unknown field 'amount_spend'; did you mean 'amount_spent'? Known fields: amount_spent, number_of_orders,"), "{text}");
    assert!(
        text.ends_with("expected_orders, products_purchased"),
        "{text}"
    );
    let e = Rule::parse("zzz = 1").unwrap_err();
    assert!(e
        .to_string()
        .starts_with("at column 1: unknown field 'zzz'; known fields: amount_spent"));
    let ErrorKind::UnknownField { suggestion, .. } =
        Rule::parse("numer_of_orders > 1").unwrap_err().kind
    else {
        panic!("unknown field expected");
    };
    assert_eq!(suggestion.as_deref(), Some("number_of_orders"));
}

#[test]
fn errors_in_german() {
    let e = Rule::parse("amount_spent AND x").unwrap_err();
    assert_eq!(
        e.to_string_in(Lang::De),
        "bei Spalte 14: nach 'amount_spent' wird ein Vergleich (=, !=, <, <=, >, >=) erwartet, gefunden: 'AND'"
    );
    let e = Rule::parse("amount_spend > 1").unwrap_err();
    assert!(e
        .to_string_in(Lang::De)
        .starts_with("bei Spalte 1: unbekanntes Feld 'amount_spend'; meinten Sie 'amount_spent'?"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let rule = format!("{}abc = 'A'", "NOT ".repeat(1000));
    assert!(matches!(
        Rule::parse(&rule).unwrap_err().kind,
        ErrorKind::TooDeep
    ));
    let rule = format!("{}abc = 'A'{}", "(".repeat(1000), ")".repeat(1000));
    assert!(matches!(
        Rule::parse(&rule).unwrap_err().kind,
        ErrorKind::TooDeep
    ));
    let ok = format!("{}abc = 'A'{}", "(".repeat(60), ")".repeat(60));
    assert!(Rule::parse(&ok).is_ok());
    let long = vec!["abc = 'A'"; 10_000].join(" AND ");
    assert!(matches!(
        Rule::parse(&long).unwrap_err().kind,
        ErrorKind::TooLong
    ));
    let fine = vec!["abc = 'A'"; 256].join(" OR ");
    assert_eq!(keys(&segmentation(), &fine), ["anna", "dora", "emil"]);
}

#[test]
fn unknown_segment_ids_are_reported_when_evaluated() {
    let seg = segmentation();
    let err = Rule::parse("segment = 'sleeper'")
        .unwrap()
        .members(&seg)
        .unwrap_err();
    assert_eq!(err.column, 11);
    assert!(
        err.to_string()
            .contains("'sleeper' is not a value of segment; did you mean 'sleepers'?"),
        "{err}"
    );
}

#[test]
fn explanations_state_the_deciding_facts() {
    let seg = segmentation();
    let why = |rule: &str, i: usize, lang: Lang| Rule::parse(rule).unwrap().explain(&seg, i, lang);
    assert_eq!(
        why(
            "amount_spent > 500 AND number_of_orders >= 3",
            ANNA,
            Lang::En
        )
        .unwrap(),
        "amount_spent 700.00 > 500 and number_of_orders 4 >= 3"
    );
    assert_eq!(
        why(
            "amount_spent > 500 AND number_of_orders >= 3",
            EMIL,
            Lang::En
        ),
        None
    );
    assert_eq!(
        why(
            "products_purchased(sku: 'TEE-01') AND NOT products_purchased(category: 'Sale')",
            BEN,
            Lang::De
        )
        .unwrap(),
        "hat TEE-01 gekauft und hat aus der Kategorie Sale nicht gekauft"
    );
    assert_eq!(
        why("last_order_date < -8w", CEM, Lang::En).unwrap(),
        "last_order_date 2026-09-01 < 2026-09-06 (-8w)"
    );
    assert_eq!(
        why("rfm_segment = 'at_risk' OR abc = 'A'", DORA, Lang::En).unwrap(),
        "abc 'A' = 'A'"
    );
    assert_eq!(
        why("NOT median_days_between_orders > 20", DORA, Lang::De).unwrap(),
        "median_days_between_orders 10 ist nicht > 20"
    );
    assert_eq!(
        why("NOT median_days_between_orders > 20", BEN, Lang::En).unwrap(),
        "median_days_between_orders has no value"
    );
}

#[test]
fn rule_segments_from_the_config_and_added_later() {
    let config = Config {
        rules: vec![RuleDef {
            id: "big".into(),
            name: "Big spenders".into(),
            rule: "amount_spent > 500".into(),
        }],
        ..config()
    };
    let mut seg = Segmentation::compute(table(), &config).unwrap();
    assert_eq!(members(&seg, "rule:big"), ["anna", "dora", "emil"]);
    let big = seg.segment("rule:big").unwrap();
    assert_eq!(seg.segment_name(big, Lang::De), "Big spenders");
    assert_eq!(
        seg.explain(DORA, big, Lang::De).unwrap(),
        "amount_spent 600,00 > 500"
    );
    let loyal = seg
        .add_rule("loyal", "", "number_of_orders > 3 AND segment = 'rule:big'")
        .unwrap();
    assert_eq!(loyal.members, [ANNA as u32, DORA as u32]);
    assert_eq!(loyal.share_of_customers, 2.0 / 6.0);

    let bad = Config {
        rules: vec![RuleDef {
            id: "oops".into(),
            name: String::new(),
            rule: "amount_spent >> 5".into(),
        }],
        ..fixture::config()
    };
    let err = Segmentation::compute(table(), &bad).unwrap_err();
    assert!(
        matches!(&err, SegmentError::Rule { id, error } if id == "oops" && error.column == 15),
        "{err}"
    );
    assert!(
        err.to_string()
            .starts_with("rule 'oops': at column 15: expected a number"),
        "{err}"
    );
}

#[test]
fn the_documented_examples_parse() {
    let seg = Segmentation::compute_with_clv(
        table(),
        &config(),
        &vec![
            ClvValues {
                p_alive: Some(0.5),
                ..Default::default()
            };
            7
        ],
    )
    .unwrap();
    for rule in [
        "amount_spent > 500 AND number_of_orders >= 3",
        "last_order_date < -8w",
        "first_order_date > -30d",
        "products_purchased(sku: 'TEE-01') AND NOT products_purchased(category: 'Sale')",
        "rfm_segment = 'at_risk' OR abc = 'A'",
        "p_alive < 0.3 AND predicted_clv > 200",
        "(segment = 'sleepers' OR days_since_last_order > 60) AND amount_spent >= 1.000,00",
        "last_order_date >= 31.01.2026 AND first_order_date < +1m",
    ] {
        let r = Rule::parse(rule).unwrap_or_else(|e| panic!("{rule}: {e}"));
        r.members(&seg).unwrap_or_else(|e| panic!("{rule}: {e}"));
    }
    assert_eq!(
        keys(
            &seg,
            "(segment = 'sleepers' OR days_since_last_order > 60) AND amount_spent >= 1.000,00"
        ),
        ["emil"]
    );
}

#[test]
fn random_input_never_panics() {
    let seg = segmentation();
    let pieces = [
        "amount_spent",
        " > ",
        "500",
        "AND",
        " OR ",
        "NOT ",
        "(",
        ")",
        "'",
        "\"",
        "ä",
        "€",
        "-8w",
        "8w",
        "2026-02-30",
        "31.01.2026",
        "1.234,56",
        ",",
        ":",
        "products_purchased",
        "sku",
        "=",
        "!",
        "<",
        "segment",
        "'vip'",
        "abc",
        "\\",
        "p_alive",
        " ",
        "\t",
        "1e999",
        "-",
        "+",
        ".",
        "today",
    ];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..20_000 {
        let mut rule = String::new();
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        for k in 0..(x % 12) {
            let i = ((x >> (k * 5)) as usize) % pieces.len();
            rule.push_str(pieces[i]);
        }
        if let Ok(r) = Rule::parse(&rule) {
            if let Ok(members) = r.members(&seg) {
                for &m in &members {
                    assert!(r.explain(&seg, m as usize, Lang::De).is_some(), "{rule}");
                }
            }
        } else if let Err(e) = Rule::parse(&rule) {
            assert!(
                e.column >= 1 && e.column <= rule.chars().count() + 1,
                "{rule}: {e}"
            );
        }
    }
}
