//! Command-line tool on the same core as the browser build, for exports
//! too large for a browser.
//!
//! ```text
//! stammkunde segment orders.json --as-of 2026-11-01 [--format csv|json] [--out FILE]
//!            [--rule 'amount_spent > 500'] [--lang de|en] [--segment ID] [--summary]
//!            [--input-format csv|canonical|shopify|…] [--utc-offset MINUTES]
//!            [--product SKU] [--category NAME]
//! ```

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use stammkunde::calendar::Zone;
use stammkunde::orders::{self, Format, ReadOptions, RowError};
use stammkunde::segments::export::{self, CsvOptions};
use stammkunde::segments::{
    dates, json, Config, Lang, OrderTable, RuleDef, SegmentError, Segmentation,
};

const USAGE: &str = "usage:
  stammkunde segment ORDERS [options]   segments of every customer, as CSV or JSON
  stammkunde --version

options of segment:
  --as-of DATE            compute as of this day (2026-11-01 or 01.11.2026; default: today)
  --format csv|json       output format (default csv)
  --out FILE              write to FILE instead of standard output
  --lang de|en            German (';', 1234,56, 31.01.2026) or English output (default de)
  --rule RULE             add a custom segment rule:ruleN (repeatable), e.g. 'amount_spent > 500'
  --segment ID            only the members of one segment, with the reason (e.g. sleepers, rfm:at_risk)
  --summary               one row per segment instead of one per customer
  --input-format FORMAT   csv, canonical (JSON array of orders), shopify, shopify-graphql, shopware,
                          woocommerce or cdnow (default: canonical for .json, cdnow for CDNOW files, else csv)
  --utc-offset MINUTES    the shop's fixed offset from UTC, to cut days at local midnight (e.g. 60)
  --time-zone ZONE        the shop's time zone with summer time, e.g. Europe/Berlin (or UTC, +01:00)
  --product SKU           add a segment product:SKU of everyone who bought it (repeatable)
  --category NAME         add a segment category:NAME (repeatable)";

/// Parsed command line of `segment`.
struct Args {
    input: String,
    as_of: Option<String>,
    format: String,
    out: Option<String>,
    lang: Lang,
    rules: Vec<String>,
    segment: Option<String>,
    summary: bool,
    input_format: Option<String>,
    utc_offset: i32,
    time_zone: Option<String>,
    products: Vec<String>,
    categories: Vec<String>,
}

fn parse_args(args: &[String]) -> Result<Args, String> {
    let mut a = Args {
        input: String::new(),
        as_of: None,
        format: "csv".into(),
        out: None,
        lang: Lang::De,
        rules: Vec::new(),
        segment: None,
        summary: false,
        input_format: None,
        utc_offset: 0,
        time_zone: None,
        products: Vec::new(),
        categories: Vec::new(),
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match arg.as_str() {
            "--as-of" => a.as_of = Some(value("--as-of")?),
            "--format" => a.format = value("--format")?.to_ascii_lowercase(),
            "--out" | "-o" => a.out = Some(value("--out")?),
            "--lang" => {
                let v = value("--lang")?;
                a.lang = Lang::parse(&v).ok_or_else(|| format!("--lang {v}: use de or en"))?;
            }
            "--rule" => a.rules.push(value("--rule")?),
            "--segment" => a.segment = Some(value("--segment")?),
            "--summary" => a.summary = true,
            "--input-format" => {
                a.input_format = Some(value("--input-format")?.to_ascii_lowercase())
            }
            "--utc-offset" => {
                let v = value("--utc-offset")?;
                a.utc_offset = v
                    .parse()
                    .map_err(|_| format!("--utc-offset {v}: give minutes, e.g. 60"))?;
            }
            "--time-zone" => {
                let v = value("--time-zone")?;
                Zone::parse(&v).map_err(|e| format!("--time-zone {v}: {e}"))?;
                a.time_zone = Some(v);
            }
            "--product" => a.products.push(value("--product")?),
            "--category" => a.categories.push(value("--category")?),
            s if s.starts_with('-') && s.len() > 1 => return Err(format!("unknown option {s}")),
            s if a.input.is_empty() => a.input = s.to_string(),
            s => return Err(format!("unexpected argument {s}: give one orders file")),
        }
    }
    if a.input.is_empty() {
        return Err("give the orders file, e.g. stammkunde segment orders.json".into());
    }
    if a.format != "csv" && a.format != "json" {
        return Err(format!("--format {}: use csv or json", a.format));
    }
    Ok(a)
}

/// The shop's zone of the command line: `--time-zone`, else the fixed
/// `--utc-offset`.
fn zone(a: &Args) -> Result<Zone, String> {
    match &a.time_zone {
        Some(name) => Zone::parse(name),
        None => Zone::fixed(a.utc_offset),
    }
}

/// Reads the orders file into the order table, with the rows rejected
/// while reading. Each input format is one call here; every one reads
/// orders by the one canonical definition (see `orders::read`).
fn read_orders(
    path: &str,
    format: &str,
    zone: &Zone,
) -> Result<(OrderTable, Vec<RowError>), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let options = ReadOptions::default().with_zone(zone.clone());
    match Format::parse(format) {
        // Canonical JSON streams straight into the table when it is clean.
        Some(Format::Canonical) => {
            json::read_table_with(&text, &options).map_err(|e| format!("{path}: {e}"))
        }
        Some(f) => {
            let import = orders::read(f, &text, &options).map_err(|e| format!("{path}: {e}"))?;
            Ok((OrderTable::from_orders(&import.orders), import.errors))
        }
        None => Err(format!(
            "--input-format {format}: use one of {}",
            Format::NAMES
        )),
    }
}

fn input_format(a: &Args) -> String {
    if let Some(f) = &a.input_format {
        return f.clone();
    }
    let lower = a.input.to_ascii_lowercase();
    if lower.ends_with(".json") {
        "canonical".into()
    } else if lower.contains("cdnow") {
        "cdnow".into()
    } else {
        "csv".into()
    }
}

/// The as-of time for a date: noon local time, so the local day is the
/// date whatever the offset.
fn as_of(date: &str, zone: &Zone) -> Result<i64, String> {
    let day = dates::parse_date(date)
        .ok_or_else(|| format!("--as-of {date}: write 2026-11-01 or 01.11.2026"))?;
    Ok(zone.start_of(day) + 12 * 3600)
}

/// The rule with a caret under the error.
fn show_rule_error(n: usize, rule: &str, e: &stammkunde::rules::RuleError, lang: Lang) -> String {
    let pad = " ".repeat(e.column.saturating_sub(1) + 2);
    format!(
        "rule {n}: {}\n  {rule}\n{pad}{}",
        e.to_string_in(lang),
        "^".repeat(e.length)
    )
}

fn segment(args: &[String]) -> Result<(), String> {
    let a = parse_args(args)?;
    let zone = zone(&a)?;
    let (table, rejected) = read_orders(&a.input, &input_format(&a), &zone)?;
    let mut stderr = std::io::stderr();
    let r = table.report();
    let errors: Vec<&RowError> = rejected.iter().chain(&r.errors).collect();
    for e in errors.iter().take(20) {
        let _ = writeln!(stderr, "rejected: {e}");
    }
    if errors.len() > 20 {
        let _ = writeln!(stderr, "… and {} more rejected rows", errors.len() - 20);
    }
    let _ = writeln!(
        stderr,
        "{} rows read, {} orders used, {} rejected, {} cancelled or refunded, {} repeated ids",
        r.read + rejected.len(),
        r.used,
        errors.len(),
        r.cancelled,
        r.duplicates
    );
    let config = Config {
        as_of: a.as_of.as_deref().map(|d| as_of(d, &zone)).transpose()?,
        utc_offset_minutes: a.utc_offset,
        time_zone: a.time_zone.clone(),
        products: a.products.clone(),
        categories: a.categories.clone(),
        rules: a
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| RuleDef {
                id: format!("rule{}", i + 1),
                name: String::new(),
                rule: r.clone(),
            })
            .collect(),
        ..Config::default()
    };
    let seg = Segmentation::compute(Arc::new(table), &config).map_err(|e| match &e {
        SegmentError::Rule { id, error } => {
            let n: usize = id.trim_start_matches("rule").parse().unwrap_or(0);
            let text = a
                .rules
                .get(n.saturating_sub(1))
                .map(String::as_str)
                .unwrap_or("");
            show_rule_error(n, text, error, a.lang)
        }
        other => other.to_string(),
    })?;
    let only = match &a.segment {
        Some(id) => Some(seg.segment(id).ok_or_else(|| {
            let ids: Vec<&str> = seg.segments().iter().map(|s| s.id.as_str()).collect();
            format!(
                "--segment {id}: no such segment; segments are {}",
                ids.join(", ")
            )
        })?),
        None => None,
    };
    let output = match (a.format.as_str(), a.summary) {
        ("json", summary) => {
            let report = export::report(&seg, a.lang, false, !summary, only);
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n"
        }
        (_, true) => export::segments_csv(
            &seg,
            &CsvOptions {
                lang: a.lang,
                ..CsvOptions::default()
            },
        ),
        (_, false) => export::customers_csv(
            &seg,
            &CsvOptions {
                lang: a.lang,
                segment: a.segment.clone(),
                ..CsvOptions::default()
            },
        ),
    };
    match &a.out {
        Some(path) => {
            std::fs::write(path, output).map_err(|e| format!("cannot write {path}: {e}"))?
        }
        None => std::io::stdout()
            .write_all(output.as_bytes())
            .map_err(|e| e.to_string())?,
    }
    let _ = writeln!(
        stderr,
        "{} customers as of {}, {} segments",
        seg.customer_count(),
        dates::format_date(seg.as_of_day(), a.lang),
        seg.segments().len()
    );
    Ok(())
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") => {
            println!("stammkunde {}", stammkunde::VERSION);
            ExitCode::SUCCESS
        }
        Some("segment") => match segment(&args[1..]) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Some("--help") | Some("-h") | Some("help") => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
