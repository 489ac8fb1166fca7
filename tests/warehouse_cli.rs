//! `stammkunde sql`, `stammkunde clv` and `stammkunde table` on the command
//! line (the SQL on real engines: tests/sql/check.py, `make test-sql`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(all(feature = "admin", not(target_arch = "wasm32")))]

use std::process::Command;

const CDNOW: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/cdnow/CDNOW_sample.txt"
);

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

fn temp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("stammkunde-wh-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

#[test]
fn sql_maps_columns_and_names_what_it_cannot_express() {
    let (ok, sql, err) = run(&[
        "sql",
        "--dialect",
        "postgres",
        "--table",
        "shop.orders",
        "--column",
        "customer_id=kunden_nr",
        "--as-of",
        "01.11.2026",
        "--rule",
        "amount_spent > 500",
    ]);
    assert!(ok, "{err}");
    assert!(sql.starts_with("-- stammkunde "), "{sql}");
    assert!(sql.contains("segments per customer as of 2026-11-01 (postgres)"));
    assert!(sql.contains("FROM \"shop\".\"orders\" AS o"));
    assert!(sql.contains("o.\"kunden_nr\""));
    assert!(sql.contains("AS \"rule_rule1\""));
    let (ok, _, err) = run(&["sql", "--rule", "products_purchased(sku: 'TEE-01')"]);
    assert!(!ok);
    assert!(
        err.contains("rule 'rule1' (products_purchased(sku: 'TEE-01')): the condition 'products_purchased(sku: 'TEE-01')' needs line items"),
        "{err}"
    );
    let (ok, _, err) = run(&["sql", "--rule", "p_alive < 0.3"]);
    assert!(!ok && err.contains("uses a CLV figure"), "{err}");
    let (ok, _, err) = run(&["sql", "--dialect", "oracle"]);
    assert!(
        !ok && err.contains("use one of duckdb, postgres, bigquery"),
        "{err}"
    );
    let (ok, _, err) = run(&["sql", "--column", "kunde=x"]);
    assert!(
        !ok && err.contains("'kunde' is not a column of the table contract"),
        "{err}"
    );
    let (ok, sql, _) = run(&[
        "sql",
        "--dialect",
        "bigquery",
        "--clv-summary",
        "--unit",
        "days",
        "--as-of",
        "1997-09-30",
    ]);
    assert!(ok);
    assert!(sql
        .contains("CLV summary per customer, calibration end 1997-09-30, time in days (bigquery)"));
    assert!(sql.contains("AS `T`"));
}

#[test]
fn table_writes_the_contract() {
    let path = temp("table.csv");
    let (ok, _, err) = run(&["table", CDNOW, "--out", path.to_str().unwrap()]);
    assert!(ok, "{err}");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next(),
        Some("order_id,customer_id,placed_at,total_minor,currency,status,refunded_minor")
    );
    assert_eq!(
        lines.next(),
        Some("00004-1,00004,1997-01-01 00:00:00,2933,USD,completed,")
    );
    assert_eq!(text.lines().count(), 6920);
}

#[test]
fn clv_reports_the_fit_and_reads_a_summary() {
    let (ok, out, err) = run(&[
        "clv",
        CDNOW,
        "--as-of",
        "1997-09-30",
        "--format",
        "json",
        "--lang",
        "en",
    ]);
    assert!(ok, "{err}");
    let report: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["customerCount"], 2357);
    assert!(report["fit"]["transactionIterations"].as_u64().unwrap() > 0);
    assert_eq!(report["fit"]["transactionConverged"], true);
    assert!(report["fit"]["seconds"].as_f64().unwrap() > 0.0);
    assert!(err.contains("fit: BG/NBD "), "{err}");

    // The summary of every customer, back in as --from-summary: the same fit.
    let path = temp("summary.csv");
    let mut csv = String::from("customer;frequency;recency;T;monetary\n");
    for c in report["customers"].as_array().unwrap() {
        csv.push_str(&format!(
            "{};{};{};{};{}\n",
            c["customer"].as_str().unwrap(),
            c["frequency"],
            c["recency"].to_string().replace('.', ","),
            c["t"].to_string().replace('.', ","),
            c["monetary"].to_string().replace('.', ",")
        ));
    }
    csv.push_str("bad;1;5;2;10\n");
    std::fs::write(&path, csv).unwrap();
    let (ok, out, err) = run(&[
        "clv",
        "--from-summary",
        path.to_str().unwrap(),
        "--as-of",
        "1997-09-30",
        "--format",
        "json",
    ]);
    assert!(ok, "{err}");
    assert!(
        err.contains("rejected: row 2359, field recency: recency 5 and T 2"),
        "{err}"
    );
    assert!(err.contains("2357 customers read, 1 rejected"), "{err}");
    let again: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (a, b) = (&report["bgNbd"]["params"], &again["bgNbd"]["params"]);
    for k in ["r", "alpha", "a", "b"] {
        let (x, y) = (a[k].as_f64().unwrap(), b[k].as_f64().unwrap());
        assert!((x - y).abs() <= 1e-9 * x.abs(), "{k}: {x} vs {y}");
    }

    // Too little data: a clear error and a non-zero exit.
    std::fs::write(&path, "customer,frequency,recency,T,monetary\na,1,2,3,4\n").unwrap();
    let (ok, _, err) = run(&[
        "clv",
        "--from-summary",
        path.to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert!(!ok && err.contains("not enough data"), "{err}");
    std::fs::write(&path, "kunde,x\n").unwrap();
    let (ok, _, err) = run(&["clv", "--from-summary", path.to_str().unwrap()]);
    assert!(
        !ok && err.contains("name them customer, frequency, recency, T, monetary"),
        "{err}"
    );
}
