//! `stammkunde sql`: the segment query (or the CLV summary query) for a
//! data warehouse, and `stammkunde table`: an order export as a table of
//! the table contract, to load into one.

use std::io::Write;

use stammkunde::clv::TimeUnit;
use stammkunde::orders::{Order, OrderStatus};
use stammkunde::segments::{dates, Config, RuleDef};
use stammkunde::sql::{clv_summary_sql, segments_sql, Dialect, SqlOptions};

pub const USAGE: &str = "options of sql:
  --dialect duckdb|postgres|bigquery   the SQL dialect (default duckdb)
  --table NAME            the orders table, e.g. shop.orders or project.dataset.orders (default orders)
  --column NAME=COLUMN    the table's column for a contract column (repeatable), e.g. customer_id=kunden_nr;
                          contract: order_id, customer_id, placed_at, total_minor, currency, status
  --refunded-column NAME  the refunded amount (minor units) of partially refunded orders
  --epoch-seconds         placed_at holds Unix seconds instead of a timestamp
  --unique-ids            order_id is unique in the table (skips the de-duplication step)
  --as-of DATE            compute as of this day (default: today); for --clv-summary the calibration end
  --utc-offset MINUTES    the shop's offset from UTC, to cut days at local midnight
  --currency CODE         only orders in this currency
  --rule RULE             add a rule segment rule_ruleN (repeatable)
  --config FILE           thresholds as JSON (highRevenue, newWithin, vipShare, abcA, …)
  --clv-summary           the CLV summary (customer, frequency, recency, T, monetary) instead
  --unit weeks|days       time unit of the CLV summary (default weeks)
  --out FILE              write to FILE instead of standard output";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut o = SqlOptions::new(Dialect::DuckDb);
    let mut as_of: Option<String> = None;
    let mut rules = Vec::new();
    let mut config_file = None;
    let mut clv = false;
    let mut unit = TimeUnit::Weeks;
    let mut out = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| crate::value_of(&mut it, name);
        match arg.as_str() {
            "--dialect" => {
                let v = value("--dialect")?;
                o.dialect = Dialect::parse(&v)
                    .ok_or_else(|| format!("--dialect {v}: use one of {}", Dialect::NAMES))?;
            }
            "--table" => o.table = value("--table")?,
            "--column" => {
                let v = value("--column")?;
                let (contract, column) = v.split_once('=').ok_or_else(|| {
                    format!("--column {v}: write CONTRACT=COLUMN, e.g. customer_id=kunden_nr")
                })?;
                o.columns
                    .set(contract, column)
                    .map_err(|e| format!("--column {v}: {e}"))?;
            }
            "--refunded-column" => o.refunded_column = Some(value("--refunded-column")?),
            "--epoch-seconds" => o.epoch_seconds = true,
            "--unique-ids" => o.unique_ids = true,
            "--as-of" => as_of = Some(value("--as-of")?),
            "--utc-offset" => {
                let v = value("--utc-offset")?;
                o.utc_offset_minutes = v
                    .parse()
                    .map_err(|_| format!("--utc-offset {v}: give minutes, e.g. 60"))?;
            }
            "--currency" => o.currency = Some(value("--currency")?),
            "--rule" => rules.push(value("--rule")?),
            "--config" => config_file = Some(value("--config")?),
            "--clv-summary" => clv = true,
            "--unit" => {
                unit = match value("--unit")?.to_ascii_lowercase().as_str() {
                    "weeks" | "w" => TimeUnit::Weeks,
                    "days" | "d" => TimeUnit::Days,
                    v => return Err(format!("--unit {v}: use weeks or days")),
                }
            }
            "--out" | "-o" => out = Some(value("--out")?),
            s => return Err(format!("unknown option {s} of sql\n{USAGE}")),
        }
    }
    o.as_of_day = match &as_of {
        Some(d) => dates::parse_date(d)
            .ok_or_else(|| format!("--as-of {d}: write 2026-11-01 or 01.11.2026"))?,
        None => crate::today(&stammkunde::calendar::Zone::fixed(o.utc_offset_minutes)?),
    };
    let sql = if clv {
        if !rules.is_empty() || config_file.is_some() {
            return Err("--clv-summary takes no --rule or --config".into());
        }
        clv_summary_sql(&o, unit)
    } else {
        let mut config = match &config_file {
            Some(path) => crate::read_config(path)?,
            None => Config::default(),
        };
        config
            .rules
            .extend(rules.iter().enumerate().map(|(i, r)| RuleDef {
                id: format!("rule{}", i + 1),
                name: String::new(),
                rule: r.clone(),
            }));
        segments_sql(&config, &o).map_err(|e| e.to_string())?
    };
    crate::write_output(out.as_deref(), &sql)
}

/// `stammkunde table ORDERS`: the orders as CSV in the table contract
/// (`order_id, customer_id, placed_at, total_minor, currency, status,
/// refunded_minor`), `placed_at` as `yyyy-mm-dd hh:mm:ss` UTC. Local
/// times without an offset are read in the shop's zone (`--time-zone` or
/// `--utc-offset`), so that the table holds instants.
pub fn table(args: &[String]) -> Result<(), String> {
    let mut input = None;
    let mut format = None;
    let mut out = None;
    let mut zone = stammkunde::calendar::Zone::UTC;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| crate::value_of(&mut it, name);
        match arg.as_str() {
            "--input-format" => format = Some(value("--input-format")?),
            "--out" | "-o" => out = Some(value("--out")?),
            "--time-zone" => {
                let v = value("--time-zone")?;
                zone = stammkunde::calendar::Zone::parse(&v)
                    .map_err(|e| format!("--time-zone {v}: {e}"))?;
            }
            "--utc-offset" => {
                let v = value("--utc-offset")?;
                let minutes: i32 = v
                    .parse()
                    .map_err(|_| format!("--utc-offset {v}: give minutes, e.g. 60"))?;
                zone = stammkunde::calendar::Zone::fixed(minutes)?;
            }
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option {s} of table"))
            }
            s if input.is_none() => input = Some(s.to_string()),
            s => return Err(format!("unexpected argument {s}: give one orders file")),
        }
    }
    let input = input.ok_or("give the orders file, e.g. stammkunde table orders.csv")?;
    let (orders, _) = crate::read_order_list(&input, format.as_deref(), Some(&zone))?;
    let mut csv = String::with_capacity(orders.len() * 64);
    csv.push_str("order_id,customer_id,placed_at,total_minor,currency,status,refunded_minor\n");
    for o in &orders {
        push_row(&mut csv, o);
    }
    crate::write_output(out.as_deref(), &csv)?;
    let _ = writeln!(std::io::stderr(), "{} orders written", orders.len());
    Ok(())
}

fn push_row(csv: &mut String, o: &Order) {
    let cell = |text: &str| {
        if text.contains([',', '"', '\n', '\r']) || text != text.trim() {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text.to_string()
        }
    };
    let day = dates::day_of_local(o.placed_at);
    let (y, m, d) = dates::civil(day);
    let second = o.placed_at - dates::start_of(day);
    let (status, refunded) = match o.status {
        OrderStatus::Completed => ("completed", String::new()),
        OrderStatus::Cancelled => ("cancelled", String::new()),
        OrderStatus::Refunded => ("refunded", String::new()),
        OrderStatus::PartiallyRefunded { amount } => ("partially_refunded", amount.to_string()),
    };
    csv.push_str(&format!(
        "{},{},{y:04}-{m:02}-{d:02} {:02}:{:02}:{:02},{},{},{status},{refunded}\n",
        cell(&o.id),
        cell(&o.customer),
        second / 3600,
        second / 60 % 60,
        second % 60,
        o.total,
        cell(&o.currency),
    ));
}
