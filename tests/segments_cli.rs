//! The `stammkunde segment` command on the hand-computed shop.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

#[path = "segments_fixture/mod.rs"]
mod fixture;

use std::process::Command;

fn orders_file(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("stammkunde-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, serde_json::to_string(&fixture::orders()).unwrap()).unwrap();
    path
}

fn run(args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_stammkunde"))
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn german_csv_by_default() {
    let path = orders_file("orders.json");
    let (ok, out, err) = run(&["segment", path.to_str().unwrap(), "--as-of", "01.11.2026"]);
    assert!(ok, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(lines[0].starts_with("\u{feff}Kunde;Erste Bestellung;"));
    assert!(lines[1].starts_with("anna;10.01.2026;10.04.2026;4;700,00;"));
    assert_eq!(lines.len(), 7);
    assert!(
        err.contains("18 rows read, 17 orders used, 0 rejected, 1 cancelled or refunded"),
        "{err}"
    );
    assert!(err.contains("6 customers as of 01.11.2026"), "{err}");
}

#[test]
fn json_with_a_rule_and_one_segment() {
    let path = orders_file("orders2.json");
    let out_path = path.with_file_name("out.json");
    let (ok, _, err) = run(&[
        "segment",
        path.to_str().unwrap(),
        "--as-of",
        "2026-11-01",
        "--format",
        "json",
        "--lang",
        "en",
        "--rule",
        "amount_spent > 500 AND number_of_orders >= 3",
        "--segment",
        "rule:rule1",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out_path).unwrap()).unwrap();
    assert_eq!(report["asOf"], "2026-11-01");
    let rows = report["customerRows"].as_array().unwrap();
    let keys: Vec<&str> = rows
        .iter()
        .map(|r| r["customer"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["anna", "dora"]);
    let reason = rows[0]["segments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "rule:rule1")
        .unwrap();
    assert_eq!(
        reason["reason"],
        "amount_spent 700.00 > 500 and number_of_orders 4 >= 3"
    );
}

#[test]
fn bad_rules_and_inputs_say_how_to_fix_them() {
    let path = orders_file("orders3.json");
    let p = path.to_str().unwrap();
    let (ok, _, err) = run(&[
        "segment",
        p,
        "--as-of",
        "2026-11-01",
        "--lang",
        "en",
        "--rule",
        "amount_spent AND x",
    ]);
    assert!(!ok);
    assert!(
        err.contains("rule 1: at column 14: expected a comparison operator"),
        "{err}"
    );
    assert!(
        err.contains("\n  amount_spent AND x\n               ^^^"),
        "{err}"
    );
    let (ok, _, err) = run(&["segment", p, "--as-of", "yesterday"]);
    assert!(
        !ok && err.contains("--as-of yesterday: write 2026-11-01 or 01.11.2026"),
        "{err}"
    );
    let (ok, _, err) = run(&["segment", p, "--segment", "sleeper"]);
    assert!(
        !ok && err.contains("--segment sleeper: no such segment"),
        "{err}"
    );
    let broken = path.with_file_name("broken.json");
    std::fs::write(&broken, r#"[{"id": "1", "customer": "a", "placed_at": 0, "total": 100, "currency": "EUR"}, {"id": "2"}]"#).unwrap();
    let (ok, out, err) = run(&[
        "segment",
        broken.to_str().unwrap(),
        "--as-of",
        "1970-01-02",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("rejected: row 2 (order 2), field customer: the order has no customer"),
        "{err}"
    );
    assert_eq!(out.lines().count(), 2);
    let (ok, _, err) = run(&["segment"]);
    assert!(!ok && err.contains("give the orders file"), "{err}");
}

#[test]
fn german_csv_orders_are_read_with_the_order_import() {
    let path = orders_file("unused.json").with_file_name("orders.csv");
    std::fs::write(
        &path,
        "\u{feff}Bestellnummer;Kundennummer;Datum;Betrag;Status\n\
         1001;K1;10.01.2026;300,00;bezahlt\n\
         1002;K1;09.02.2026;1.250,50;bezahlt\n\
         1003;K2;20.10.2026;49,90;storniert\n\
         1004;K3;31.02.2026;10,00;bezahlt\n\
         1005;K2;21.10.2026;19,90;bezahlt\n",
    )
    .unwrap();
    let (ok, out, err) = run(&[
        "segment",
        path.to_str().unwrap(),
        "--as-of",
        "01.11.2026",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("rejected: row 5 (order 1004), field Datum"),
        "{err}"
    );
    assert!(
        err.contains("5 rows read, 3 orders used, 1 rejected, 1 cancelled or refunded"),
        "{err}"
    );
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[1].starts_with("K1,2026-01-10,2026-02-09,2,1550.50,775.25,30.0,265,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[2].starts_with("K2,2026-10-21,2026-10-21,1,19.90,"),
        "{}",
        lines[2]
    );
}

#[test]
fn cdnow_sample_as_a_segment_overview() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cdnow/CDNOW_sample.txt"
    );
    let (ok, out, err) = run(&[
        "segment",
        path,
        "--as-of",
        "1998-06-30",
        "--summary",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("6919 rows read, 6919 orders used, 0 rejected"),
        "{err}"
    );
    assert!(err.contains("2357 customers as of 1998-06-30"), "{err}");
    assert!(out.starts_with("segment,name,customers,share_of_customers_percent,revenue (USD),share_of_revenue_percent\r\n"));
    // The ABC classes partition the customers.
    let count = |id: &str| -> usize {
        let line = out
            .lines()
            .find(|l| l.starts_with(&format!("{id},")))
            .unwrap();
        line.split(',').nth(2).unwrap().parse().unwrap()
    };
    assert_eq!(count("abc:A") + count("abc:B") + count("abc:C"), 2357);
}

/// The fixture path under tests/fixtures.
fn fixture_path(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn exports_in_windows_1252_and_utf_16_read_like_utf_8() {
    let args = |file: &str| {
        run(&[
            "segment",
            &fixture_path(file),
            "--input-format",
            "csv",
            "--as-of",
            "2026-01-01",
        ])
    };
    let (ok, want, err) = args("encodings/utf8.csv");
    assert!(ok, "{err}");
    for file in [
        "encodings/windows-1252.csv",
        "encodings/utf16le-bom.csv",
        "encodings/utf16be-bom.csv",
    ] {
        let (ok, got, err) = args(file);
        assert!(ok, "{file}: {err}");
        assert_eq!(got, want, "{file}");
        assert!(err.contains("0 rejected"), "{file}: {err}");
    }
}

#[test]
fn the_german_cdnow_export_has_the_samples_customers_and_revenue() {
    let (ok, out, err) = run(&[
        "segment",
        &fixture_path("cdnow/CDNOW_sample_de.csv"),
        "--input-format",
        "csv",
        "--as-of",
        "1998-07-01",
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("6919 rows read, 6919 orders used, 0 rejected"),
        "{err}"
    );
    assert!(err.contains("2357 customers"), "{err}");
    // one line per customer after the header
    assert_eq!(out.lines().count(), 1 + 2357);
}

#[test]
fn the_content_decides_the_format_not_the_name() {
    // A German CSV named like the CDNOW log is read as CSV.
    let path = orders_file("unused2.json").with_file_name("cdnow_orders_de.csv");
    std::fs::write(
        &path,
        "Bestellnummer;Kundennummer;Datum;Betrag\n1001;K1;10.01.2026;300,00\n",
    )
    .unwrap();
    let (ok, out, err) = run(&["segment", path.to_str().unwrap(), "--as-of", "01.11.2026"]);
    assert!(ok, "{err}");
    assert!(
        err.contains("read as csv (detected: text whose first line has 4 ';'-separated columns)"),
        "{err}"
    );
    assert!(out.lines().nth(1).unwrap().starts_with("K1;"), "{out}");
    // The CDNOW master as distributed (4 columns, here with a header) in a file named .csv.
    let master = path.with_file_name("master.csv");
    std::fs::write(
        &master,
        "id date cds dollars\r\n00001 19970101 1 11.77\r\n00002 19970112 1 12.00\r\n00002 19970112 5 77.00\r\n",
    )
    .unwrap();
    let (ok, _, err) = run(&["segment", master.to_str().unwrap(), "--as-of", "1998-06-30"]);
    assert!(ok, "{err}");
    assert!(
        err.contains("read as cdnow (detected: a header line, then the CDNOW master layout"),
        "{err}"
    );
    assert!(
        err.contains("3 rows read, 3 orders used, 0 rejected"),
        "{err}"
    );
}

#[test]
fn a_run_that_uses_no_order_fails_and_names_the_cause() {
    let path = orders_file("unused3.json").with_file_name("orders_de.csv");
    std::fs::write(
        &path,
        "Bestellnummer;Kundennummer;Datum;Betrag\n1001;K1;31.02.2026;300,00\n1002;K1;30.02.2026;1,00\n1003;;01.01.2026;1,00\n",
    )
    .unwrap();
    let p = path.to_str().unwrap();
    let (ok, _, err) = run(&["segment", p, "--as-of", "01.11.2026"]);
    assert!(!ok, "{err}");
    assert!(
        err.contains("error: ")
            && err.contains(
                "no order was used: all 3 rows were rejected; most often (2 of 3) field Datum:"
            ),
        "{err}"
    );
    assert!(err.contains("fix: "), "{err}");
    // Forcing the wrong format: every line rejected, and the message says how to get out.
    let (ok, _, err) = run(&["segment", p, "--input-format", "cdnow"]);
    assert!(!ok, "{err}");
    assert!(
        err.contains("leave --input-format out to detect the format"),
        "{err}"
    );
    // An empty file.
    let empty = path.with_file_name("empty.json");
    std::fs::write(&empty, "[]").unwrap();
    let (ok, _, err) = run(&["segment", empty.to_str().unwrap()]);
    assert!(
        !ok && err.contains("no order was used: the file holds no order rows"),
        "{err}"
    );
    // Only cancelled orders.
    let cancelled = path.with_file_name("cancelled.csv");
    std::fs::write(
        &cancelled,
        "Bestellnummer;Kundennummer;Datum;Betrag;Status\n1;K1;01.01.2026;1,00;storniert\n",
    )
    .unwrap();
    let (ok, _, err) = run(&["segment", cancelled.to_str().unwrap()]);
    assert!(
        !ok && err.contains("all 1 orders are cancelled, refunded or repeated"),
        "{err}"
    );
}

#[test]
fn the_config_files_currency_chooses_the_orders() {
    let path = orders_file("orders-currency.json");
    let config = path.with_file_name("config-chf.json");
    std::fs::write(&config, r#"{"currency": "CHF", "vipShare": 0.2}"#).unwrap();
    let (ok, _, err) = run(&[
        "segment",
        path.to_str().unwrap(),
        "--as-of",
        "01.11.2026",
        "--config",
        config.to_str().unwrap(),
    ]);
    // every order of the shop is in EUR: none is used
    assert!(!ok, "{err}");
    assert!(err.contains("CHF"), "{err}");
    std::fs::write(&config, r#"{"currency": "EUR"}"#).unwrap();
    let (ok, _, err) = run(&[
        "segment",
        path.to_str().unwrap(),
        "--as-of",
        "01.11.2026",
        "--config",
        config.to_str().unwrap(),
    ]);
    assert!(ok, "{err}");
    assert!(err.contains("17 orders used"), "{err}");
}
