//! Amounts in EUR, CHF, JPY (no minor digits) and KWD (three) in every
//! output: rule values, reasons, CSV cells, and mixed currencies.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

use std::sync::Arc;

use stammkunde::orders::{self, Format, Order, ReadOptions};
use stammkunde::rules::Rule;
use stammkunde::segments::{export, Config, Lang, OrderTable, Segmentation};

const DAY: i64 = 86_400;

/// anna spends 600 (major units) in three orders, ben 400 in one.
fn shop(currency: &str) -> Segmentation {
    let scale = 10i64.pow(stammkunde::money::minor_digits(currency));
    let orders = vec![
        Order::new("1", "anna", 20_000 * DAY, 200 * scale, currency),
        Order::new("2", "anna", 20_010 * DAY, 200 * scale, currency),
        Order::new("3", "anna", 20_020 * DAY, 200 * scale, currency),
        Order::new("4", "ben", 20_020 * DAY, 400 * scale, currency),
    ];
    let config = Config {
        as_of: Some(20_030 * DAY),
        ..Config::default()
    };
    Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap()
}

#[test]
fn rule_values_are_in_the_shops_currency() {
    for currency in ["EUR", "CHF", "JPY", "KWD"] {
        let seg = shop(currency);
        let rule = Rule::parse("amount_spent > 500").unwrap();
        let members: Vec<String> = rule
            .members(&seg)
            .unwrap()
            .iter()
            .map(|&i| seg.key(i as usize).to_string())
            .collect();
        assert_eq!(members, ["anna"], "{currency}");
        let rule = Rule::parse("amount_spent >= 400 AND amount_spent < 400,01").unwrap();
        let ben: Vec<u32> = rule.members(&seg).unwrap();
        assert_eq!(ben.len(), 1, "{currency}");
    }
}

#[test]
fn reasons_and_names_show_the_currency_digits() {
    let cases = [
        (
            "EUR",
            "amount_spent 600,00 > 500",
            "Umsatz 600,00 EUR > 500,00 EUR",
        ),
        (
            "CHF",
            "amount_spent 600,00 > 500",
            "Umsatz 600,00 CHF > 500,00 CHF",
        ),
        ("JPY", "amount_spent 600 > 500", ""),
        (
            "KWD",
            "amount_spent 600,000 > 500",
            "Umsatz 600,000 KWD > 50,000 KWD",
        ),
    ];
    for (currency, rule_reason, builtin) in cases {
        let seg = shop(currency);
        let anna = seg.key_index()["anna"];
        let rule = Rule::parse("amount_spent > 500").unwrap();
        assert_eq!(rule.explain(&seg, anna, Lang::De).unwrap(), rule_reason);
        // The built-in threshold is given in minor units (highRevenue
        // 50000): 600 JPY is below 50.000 JPY.
        let s = seg.segment("high_revenue").unwrap();
        let reason = seg.explain(anna, s, Lang::De).unwrap_or_default();
        assert_eq!(reason, builtin, "{currency}");
    }
}

#[test]
fn csv_cells_have_the_currency_digits() {
    let cases = [
        ("EUR", "600,00;200,00"),
        ("CHF", "600,00;200,00"),
        ("JPY", "600;200"),
        ("KWD", "600,000;200,000"),
    ];
    for (currency, cells) in cases {
        let seg = shop(currency);
        let csv = export::customers_csv(
            &seg,
            &export::CsvOptions {
                lang: Lang::De,
                ..Default::default()
            },
        );
        let anna = csv.lines().find(|l| l.starts_with("anna;")).unwrap();
        assert!(anna.contains(&format!(";3;{cells};")), "{currency}: {anna}");
        let summary = export::segments_csv(
            &seg,
            &export::CsvOptions {
                lang: Lang::En,
                ..Default::default()
            },
        );
        let total = match currency {
            "JPY" => "1000",
            "KWD" => "1000.000",
            _ => "1000.00",
        };
        assert!(
            summary.lines().any(|l| l.contains(&format!(",{total},"))),
            "{currency}: {summary}"
        );
    }
}

#[test]
fn csv_import_reads_amounts_in_the_currency_digits() {
    let text = "Bestellnummer;Kundennummer;Datum;Betrag;Währung\n\
                1;K1;01.11.2026;5.000;JPY\n\
                2;K2;01.11.2026;1.234,567;KWD\n\
                3;K3;01.11.2026;49,90;CHF\n";
    let options = ReadOptions {
        currency: Some("JPY".into()),
        rates: [("KWD".to_string(), 480.0), ("CHF".to_string(), 170.0)].into(),
        ..ReadOptions::default()
    };
    let import = orders::read(Format::Csv, text, &options).unwrap();
    let totals: Vec<i64> = import.orders.iter().map(|o| o.total).collect();
    // 1234.567 KWD × 480 = 592592.16 JPY; 49.90 CHF × 170 = 8483 JPY.
    assert_eq!(totals, [5_000, 592_592, 8_483]);
}

#[test]
fn mixed_currencies_are_an_error_never_a_sum() {
    // Through the adapters: the most common currency is the base, the
    // others are rejected naming the currency unless a rate is given.
    let text = "Bestellnummer;Kundennummer;Datum;Betrag;Währung\n\
                1;K1;01.11.2026;10,00;EUR\n\
                2;K1;02.11.2026;20,00;EUR\n\
                3;K1;03.11.2026;5000;JPY\n";
    let import = orders::read(Format::Csv, text, &ReadOptions::default()).unwrap();
    assert_eq!((import.used, import.rejected), (2, 1));
    assert_eq!(import.errors[0].field, "currency");
    assert!(
        import.errors[0].reason.contains("JPY"),
        "{}",
        import.errors[0]
    );
    assert_eq!(import.net_revenue(), 3_000);
    // Straight into a table: orders in another currency than the first
    // are rejected with a row error.
    let orders = vec![
        Order::new("1", "a", 20_000 * DAY, 1_000, "EUR"),
        Order::new("2", "a", 20_001 * DAY, 5_000, "JPY"),
    ];
    let table = OrderTable::from_orders(&orders);
    assert_eq!(table.len(), 1);
    assert_eq!(table.report().errors[0].field, "currency");
    assert_eq!(table.net(), &[1_000]);
}

#[test]
fn minor_digits_follow_the_lists_for_every_code() {
    use stammkunde::money::{minor_digits, FOUR_DIGITS, THREE_DIGITS, ZERO_DIGITS};
    let reference = |code: &str| {
        if ZERO_DIGITS.contains(&code) {
            0
        } else if THREE_DIGITS.contains(&code) {
            3
        } else if FOUR_DIGITS.contains(&code) {
            4
        } else {
            2
        }
    };
    let mut codes: Vec<String> = ["", "J", "JP", "JPYY", "jpy", "JPY ", "€", "KWD"]
        .map(String::from)
        .to_vec();
    for a in b'A'..=b'Z' {
        for b in b'A'..=b'Z' {
            for c in b'A'..=b'Z' {
                codes.push(String::from_utf8(vec![a, b, c]).unwrap());
            }
        }
    }
    for code in &codes {
        assert_eq!(minor_digits(code), reference(code), "{code}");
    }
}
