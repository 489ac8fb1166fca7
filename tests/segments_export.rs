//! CSV export of the hand-computed shop in `segments_fixture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

#[path = "segments_fixture/mod.rs"]
mod fixture;

use std::sync::Arc;

use fixture::*;
use stammkunde::orders::Order;
use stammkunde::segments::export::{customers_csv, segments_csv, CsvOptions};
use stammkunde::segments::{Config, Lang, OrderTable, Segmentation};

fn options(lang: Lang) -> CsvOptions {
    CsvOptions {
        lang,
        ..CsvOptions::default()
    }
}

#[test]
fn german_csv_uses_semicolons_decimal_commas_and_dotted_dates() {
    let csv = customers_csv(&segmentation(), &options(Lang::De));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}Kunde;Erste Bestellung;Letzte Bestellung;Bestellungen;Umsatz (EUR);Durchschnittlicher Bestellwert (EUR);\
         Median Tage zwischen Bestellungen;Tage seit letzter Bestellung;R;F;M;RFM-Segment;ABC;Produkte;Kategorien;Segmente"
    );
    assert_eq!(
        lines[1],
        "anna;10.01.2026;10.04.2026;4;700,00;175,00;30,0;205;1;4;4;Gefährdet;A;MUG-02, TEE-01;Sale, Zubehör;\
         high_revenue, frequent_buyers, sleepers, churn_warning, rfm:at_risk, abc:A"
    );
    assert_eq!(lines[2], "ben;20.10.2026;20.10.2026;1;49,90;49,90;;12;5;1;1;Neukunden;C;p-17;Textil;new_customers, rfm:new_customers, abc:C");
    assert_eq!(lines[3], "cem;01.06.2026;01.09.2026;3;100,00;33,33;92,0;61;3;3;1;Brauchen Aufmerksamkeit;B;;;rfm:need_attention, abc:B");
    assert_eq!(lines.len(), 8); // header, six customers, empty rest after the last CRLF
    assert_eq!(lines[7], "");
}

#[test]
fn english_csv_uses_commas_points_iso_dates_and_quotes_lists() {
    let csv = customers_csv(&segmentation(), &options(Lang::En));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert!(lines[0].starts_with(
        "customer,first_order,last_order,orders,revenue (EUR),average_order_value (EUR),"
    ));
    assert_eq!(
        lines[1],
        "anna,2026-01-10,2026-04-10,4,700.00,175.00,30.0,205,1,4,4,At risk,A,\"MUG-02, TEE-01\",\"Sale, Zubehör\",\
         \"high_revenue, frequent_buyers, sleepers, churn_warning, rfm:at_risk, abc:A\""
    );
    assert_eq!(lines[5], "emil,2025-03-01,2025-03-01,1,1000.00,1000.00,,610,1,1,5,Lost,A,,,\"high_revenue, sleepers, vip, rfm:lost, abc:A\"");
}

#[test]
fn segment_members_come_with_their_reason() {
    let seg = segmentation();
    let csv = customers_csv(
        &seg,
        &CsvOptions {
            lang: Lang::De,
            segment: Some("sleepers".into()),
            bom: Some(false),
        },
    );
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].starts_with("Kunde;") && lines[0].ends_with(";Segmente;Grund"));
    assert_eq!(lines.len(), 3);
    assert!(
        lines[1].starts_with("anna;")
            && lines[1].ends_with(";letzte Bestellung vor 205 Tagen > 84")
    );
    assert!(
        lines[2].starts_with("emil;")
            && lines[2].ends_with(";letzte Bestellung vor 610 Tagen > 84")
    );
    let none = customers_csv(
        &seg,
        &CsvOptions {
            segment: Some("nope".into()),
            ..options(Lang::En)
        },
    );
    assert_eq!(none.lines().count(), 1);
}

#[test]
fn formula_injection_is_neutralised() {
    let keys = [
        "=cmd|' /C calc'!A0",
        "+49 171 5550000",
        "-1",
        "@SUM(A1)",
        "-> arrow",
        "normal; with separator",
    ];
    let orders: Vec<Order> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| Order::new(&i.to_string(), k, 0, 250, "EUR"))
        .collect();
    let config = Config {
        as_of: Some(0),
        ..Config::default()
    };
    let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
    let csv = customers_csv(&seg, &options(Lang::De));
    let first_cells: Vec<&str> = csv
        .split("\r\n")
        .skip(1)
        .filter(|l| !l.is_empty())
        .map(|l| {
            // The key is the only quoted cell here, or ends at the first separator.
            if let Some(rest) = l.strip_prefix('"') {
                &l[..rest.find('"').unwrap() + 2]
            } else {
                l.split(';').next().unwrap()
            }
        })
        .collect();
    assert_eq!(
        first_cells,
        [
            "'=cmd|' /C calc'!A0",
            "'+49 171 5550000",
            "'-1",
            "'@SUM(A1)",
            "'-> arrow",
            "\"normal; with separator\""
        ]
    );
    // Numbers written by the engine are left alone.
    assert!(csv.contains(";2,50;2,50;"), "{csv}");
}

#[test]
fn segment_overview_csv() {
    let csv = segments_csv(&segmentation(), &options(Lang::De));
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines[0],
        "\u{feff}Segment;Name;Kunden;Anteil Kunden (%);Umsatz (EUR);Anteil Umsatz (%)"
    );
    assert_eq!(
        lines[1],
        "high_revenue;Umsatz über 500,00 EUR;3;50,0;2300,00;89,8"
    );
    let en = segments_csv(&segmentation(), &options(Lang::En));
    assert!(
        en.contains("\r\nsleepers,Sleepers (no order within 12 weeks),2,33.3,1700.00,66.4\r\n"),
        "{en}"
    );
}
