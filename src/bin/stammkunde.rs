//! Command-line tool on the same core as the browser build, for exports
//! too large for a browser.
//!
//! ```text
//! stammkunde segment orders.json --as-of 2026-11-01 [--format csv|json] [--out FILE]
//!            [--rule 'amount_spent > 500'] [--lang de|en] [--segment ID] [--summary]
//!            [--input-format csv|canonical|shopify|…] [--utc-offset MINUTES]
//!            [--product SKU] [--category NAME] [--config FILE]
//! stammkunde clv orders.csv [--from-summary FILE] [--format json|csv] …
//! stammkunde sql --dialect duckdb|postgres|bigquery [--clv-summary] …
//! stammkunde table orders.csv --out orders_table.csv
//! ```

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use stammkunde::calendar::Zone;
use stammkunde::orders::{self, Format, Order, ReadOptions, RowError};
use stammkunde::segments::export::{self, CsvOptions};
use stammkunde::segments::{
    dates, json, Config, Lang, OrderTable, RuleDef, SegmentError, Segmentation,
};

#[path = "cli/clv.rs"]
mod clv;
#[path = "cli/sql.rs"]
mod sql;

const USAGE: &str = "usage:
  stammkunde segment ORDERS [options]   segments of every customer, as CSV or JSON
  stammkunde clv ORDERS [options]       customer lifetime value (BG/NBD or Pareto/NBD, Gamma-Gamma)
  stammkunde clv --from-summary FILE    the same from a per-customer summary (customer, frequency, recency, T, monetary)
  stammkunde sql [options]              SQL computing the segments (or the CLV summary) in a data warehouse
  stammkunde table ORDERS [--out FILE]  the orders as a CSV table of the SQL table contract
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
                          woocommerce or cdnow (default: detected from the content)
  --utc-offset MINUTES    the shop's fixed offset from UTC, to cut days at local midnight (e.g. 60)
  --time-zone ZONE        the shop's time zone with summer time, e.g. Europe/Berlin (or UTC, +01:00)
  --product SKU           add a segment product:SKU of everyone who bought it (repeatable)
  --category NAME         add a segment category:NAME (repeatable)
  --config FILE           thresholds as JSON (highRevenue, newWithin, sleepersAfter, vipShare, abcA, …)";

/// The value after option `name` on the command line.
fn value_of(it: &mut std::slice::Iter<'_, String>, name: &str) -> Result<String, String> {
    it.next()
        .cloned()
        .ok_or_else(|| format!("{name} needs a value"))
}

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
    config: Option<String>,
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
        config: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| crate::value_of(&mut it, name);
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
            "--config" => a.config = Some(value("--config")?),
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

/// The format of an orders file: `--input-format` if given, else
/// detected from the content (never the file name). Stderr says which.
fn format_of(path: &str, text: &str, given: Option<&str>) -> Result<(Format, bool), String> {
    let (format, why) = match given {
        Some(name) => (
            Format::parse(name)
                .ok_or_else(|| format!("--input-format {name}: use one of {}", Format::NAMES))?,
            "as given by --input-format".to_string(),
        ),
        None => {
            let found = orders::detect(text);
            (found.format, format!("detected: {}", found.reason))
        }
    };
    let _ = writeln!(
        std::io::stderr(),
        "{path}: read as {} ({why})",
        format.name()
    );
    Ok((format, given.is_none()))
}

/// A file's text: UTF-8, UTF-16 with BOM or Windows-1252, as shops export
/// (see orders::encoding), never mojibake.
fn read_text(path: &str) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    Ok(orders::encoding::decode(&bytes).0.into_owned())
}

/// Reads the orders file into the order table, with the rows rejected
/// while reading.
/// `currency`: only orders in it (the config file's `currency`); default:
/// the most common one.
fn read_orders(
    path: &str,
    given: Option<&str>,
    zone: &Zone,
    currency: Option<&str>,
) -> Result<Input, String> {
    let text = read_text(path)?;
    let options = ReadOptions {
        currency: currency.map(String::from),
        ..ReadOptions::default()
    }
    .with_zone(zone.clone());
    let (format, detected) = format_of(path, &text, given)?;
    let (table, rejected) = match format {
        // Canonical JSON streams straight into the table.
        Format::Canonical => {
            json::read_table_with(&text, &options).map_err(|e| format!("{path}: {e}"))?
        }
        f => {
            let import = orders::read(f, &text, &options).map_err(|e| format!("{path}: {e}"))?;
            (
                OrderTable::from_orders_in(&import.orders, currency),
                import.errors,
            )
        }
    };
    let r = table.report();
    let counts = Counts {
        read: r.read + rejected.len(),
        used: r.used,
        cancelled: r.cancelled,
        duplicates: r.duplicates,
    };
    let errors: Vec<&RowError> = rejected.iter().chain(&r.errors).collect();
    report_rows(path, &counts, &errors, format, detected)?;
    Ok(Input { table })
}

/// Reads the orders file into a list of orders (for CLV and the table
/// export), with the same report as [`read_orders`].
fn read_order_list(
    path: &str,
    given: Option<&str>,
    zone: Option<&Zone>,
) -> Result<(Vec<Order>, Format), String> {
    let text = read_text(path)?;
    let (format, detected) = format_of(path, &text, given)?;
    let import = orders::read(
        format,
        &text,
        &zone.map_or_else(ReadOptions::default, |z| {
            ReadOptions::default().with_zone(z.clone())
        }),
    )
    .map_err(|e| format!("{path}: {e}"))?;
    let used = import.orders.iter().filter(|o| o.counts()).count();
    let counts = Counts {
        read: import.read,
        used,
        cancelled: import.orders.len() - used,
        duplicates: import
            .read
            .saturating_sub(import.orders.len() + import.errors.len()),
    };
    let errors: Vec<&RowError> = import.errors.iter().collect();
    report_rows(path, &counts, &errors, format, detected)?;
    Ok((import.orders, format))
}

/// An orders file as read.
struct Input {
    table: OrderTable,
}

/// What happened to the rows of an orders file.
struct Counts {
    read: usize,
    used: usize,
    cancelled: usize,
    duplicates: usize,
}

/// Prints the rejected rows and the counts to stderr; `Err` when no order
/// was used, naming the cause and how to fix it.
fn report_rows(
    path: &str,
    c: &Counts,
    errors: &[&RowError],
    format: Format,
    detected: bool,
) -> Result<(), String> {
    let mut stderr = std::io::stderr();
    for e in errors.iter().take(20) {
        let _ = writeln!(stderr, "rejected: {e}");
    }
    if errors.len() > 20 {
        let _ = writeln!(stderr, "… and {} more rejected rows", errors.len() - 20);
    }
    let _ = writeln!(
        stderr,
        "{} rows read, {} orders used, {} rejected, {} cancelled or refunded, {} repeated ids",
        c.read,
        c.used,
        errors.len(),
        c.cancelled,
        c.duplicates
    );
    if c.used > 0 {
        return Ok(());
    }
    let how_read = if detected {
        format!(
            "read as {} (detected); if that is wrong, give --input-format",
            format.name()
        )
    } else {
        format!(
            "read as {} (--input-format); leave --input-format out to detect the format",
            format.name()
        )
    };
    let read = c.read;
    Err(if read == 0 {
        format!("{path}: no order was used: the file holds no order rows; {how_read}")
    } else if errors.is_empty() {
        format!("{path}: no order was used: all {read} orders are cancelled, refunded or repeated")
    } else if let Some((count, example)) = top_rejection(errors) {
        format!(
            "{path}: no order was used: all {read} rows were rejected; most often ({count} of {}) field {}: {}; fix: {}; {how_read}",
            errors.len(),
            example.field,
            example.reason,
            example.fix
        )
    } else {
        format!("{path}: no order was used; {how_read}")
    })
}

/// Today's date as a day number, at the shop's offset.
fn today(zone: &Zone) -> i32 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    zone.day_of(now)
}

/// Segment thresholds from a JSON file (the options of the JS API).
fn read_config(path: &str) -> Result<Config, String> {
    let text = read_text(path)?;
    serde_json::from_str(&text).map_err(|e| {
        format!("{path}: {e}; write thresholds as JSON, e.g. {{\"highRevenue\": 100000, \"vipShare\": 0.05}}")
    })
}

/// Writes to the file, or to standard output without one.
fn write_output(path: Option<&str>, text: &str) -> Result<(), String> {
    match path {
        Some(path) => std::fs::write(path, text).map_err(|e| format!("cannot write {path}: {e}")),
        None => std::io::stdout()
            .write_all(text.as_bytes())
            .map_err(|e| e.to_string()),
    }
}

/// The most frequent kind of rejection (same field and fix), with its
/// count and its first row.
fn top_rejection<'a>(errors: &[&'a RowError]) -> Option<(usize, &'a RowError)> {
    let mut counts: Vec<(usize, &RowError)> = Vec::new();
    for e in errors {
        match counts
            .iter_mut()
            .find(|(_, first)| first.field == e.field && first.fix == e.fix)
        {
            Some((n, _)) => *n += 1,
            None => counts.push((1, e)),
        }
    }
    // The first kind wins a tie.
    counts.into_iter().rev().max_by_key(|(n, _)| *n)
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
    let file = match &a.config {
        Some(path) => read_config(path)?,
        None => Config::default(),
    };
    let table = read_orders(
        &a.input,
        a.input_format.as_deref(),
        &zone,
        file.currency.as_deref(),
    )?
    .table;
    let mut stderr = std::io::stderr();
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
        ..file
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
    write_output(a.out.as_deref(), &output)?;
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
        Some(command @ ("segment" | "clv" | "sql" | "table")) => {
            let rest = &args[1..];
            let result = match command {
                "segment" => segment(rest),
                "clv" => clv::run(rest),
                "sql" => sql::run(rest),
                _ => sql::table(rest),
            };
            match result {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(1)
                }
            }
        }
        Some("--help") | Some("-h") | Some("help") => {
            println!("{USAGE}\n\n{}\n\n{}", clv::USAGE, sql::USAGE);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
