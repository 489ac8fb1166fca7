//! `stammkunde clv`: the CLV report from an orders file, or from a
//! per-customer summary computed elsewhere (`stammkunde sql --clv-summary`).

use std::io::Write;
use std::time::Instant;

use serde::Serialize;
use stammkunde::clv::summary::{CustomerSummary, Skipped, Summary};
use stammkunde::clv::{
    analyse, analyse_summary, ClvOptions, ClvReport, Lang, TimeUnit, TransactionModel,
};
use stammkunde::segments::dates;

pub const USAGE: &str = "options of clv:
  --from-summary FILE     fit on a per-customer summary CSV (customer, frequency, recency, T, monetary)
                          instead of an orders file, e.g. from stammkunde sql --clv-summary
  --as-of DATE            end of the calibration period (default: the day of the latest order;
                          with --from-summary: the day the summary was computed for, default today)
  --format json|csv       output format (default csv)
  --out FILE              write to FILE instead of standard output
  --lang de|en            German (';', 1234,56) or English CSV and reasons (default de)
  --unit weeks|days       time unit of recency and T (default weeks)
  --model bgnbd|pareto    transaction model (default bgnbd)
  --horizon-months N      horizon of the prediction (default 12)
  --discount-rate R       monthly discount rate (default 0.01)
  --penalizer X           L2 penalty of the fits (default 0)
  --min-customers N       fewest customers to fit on (default 500)
  --min-repeat-buyers N   fewest repeat buyers (default 100)
  --min-history-days N    fewest days of history (default 180)
  --currency CODE         only orders in this currency
  --utc-offset MINUTES    the shop's offset from UTC, to cut days at local midnight
  --input-format FORMAT   as for segment (default: detected from the content)";

const DAY: i64 = 86_400;

pub fn run(args: &[String]) -> Result<(), String> {
    let mut opts = ClvOptions {
        lang: Lang::De,
        ..ClvOptions::default()
    };
    let mut input = None;
    let mut summary_file = None;
    let mut as_of = None;
    let mut format = "csv".to_string();
    let mut out = None;
    let mut input_format = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let mut value = |name: &str| crate::value_of(&mut it, name);
        fn number<T: std::str::FromStr>(name: &str, v: &str) -> Result<T, String> {
            v.trim()
                .parse()
                .map_err(|_| format!("{name} {v}: not a number"))
        }
        match arg.as_str() {
            "--from-summary" => summary_file = Some(value("--from-summary")?),
            "--as-of" => as_of = Some(value("--as-of")?),
            "--format" => format = value("--format")?.to_ascii_lowercase(),
            "--out" | "-o" => out = Some(value("--out")?),
            "--lang" => {
                opts.lang = match value("--lang")?.to_ascii_lowercase().as_str() {
                    "de" => Lang::De,
                    "en" => Lang::En,
                    v => return Err(format!("--lang {v}: use de or en")),
                }
            }
            "--unit" => {
                opts.unit = match value("--unit")?.to_ascii_lowercase().as_str() {
                    "weeks" | "w" => TimeUnit::Weeks,
                    "days" | "d" => TimeUnit::Days,
                    v => return Err(format!("--unit {v}: use weeks or days")),
                }
            }
            "--model" => {
                opts.model = match value("--model")?.to_ascii_lowercase().as_str() {
                    "bgnbd" | "bg-nbd" | "bg/nbd" => TransactionModel::BgNbd,
                    "pareto" | "pareto-nbd" | "pareto/nbd" => TransactionModel::ParetoNbd,
                    v => return Err(format!("--model {v}: use bgnbd or pareto")),
                }
            }
            "--horizon-months" => {
                opts.horizon_months = number("--horizon-months", &value("--horizon-months")?)?
            }
            "--discount-rate" => {
                opts.discount_rate = number("--discount-rate", &value("--discount-rate")?)?
            }
            "--penalizer" => opts.penalizer = number("--penalizer", &value("--penalizer")?)?,
            "--min-customers" => {
                opts.min_customers = number("--min-customers", &value("--min-customers")?)?
            }
            "--min-repeat-buyers" => {
                opts.min_repeat_buyers =
                    number("--min-repeat-buyers", &value("--min-repeat-buyers")?)?
            }
            "--min-history-days" => {
                opts.min_history_days = number("--min-history-days", &value("--min-history-days")?)?
            }
            "--currency" => opts.currency = Some(value("--currency")?),
            "--utc-offset" => {
                opts.utc_offset_minutes = number("--utc-offset", &value("--utc-offset")?)?
            }
            "--input-format" => input_format = Some(value("--input-format")?),
            s if s.starts_with('-') && s.len() > 1 => {
                return Err(format!("unknown option {s} of clv\n{USAGE}"))
            }
            s if input.is_none() => input = Some(s.to_string()),
            s => return Err(format!("unexpected argument {s}: give one orders file")),
        }
    }
    if format != "csv" && format != "json" {
        return Err(format!("--format {format}: use csv or json"));
    }
    let as_of_day = as_of
        .as_deref()
        .map(|d| {
            dates::parse_date(d)
                .ok_or_else(|| format!("--as-of {d}: write 2026-11-01 or 01.11.2026"))
        })
        .transpose()?;
    // Noon of the day, local: the whole day counts.
    opts.calibration_end =
        as_of_day.map(|d| dates::start_of(d) + 12 * 3600 - i64::from(opts.utc_offset_minutes) * 60);
    let mut stderr = std::io::stderr();
    let started = Instant::now();
    let report = match (&input, &summary_file) {
        (Some(_), Some(_)) => {
            return Err("give either an orders file or --from-summary FILE, not both".into())
        }
        (None, None) => {
            return Err(
                "give the orders file (stammkunde clv orders.csv) or --from-summary FILE".into(),
            )
        }
        (Some(path), None) => {
            let (orders, _) =
                crate::read_order_list(path, input_format.as_deref(), Some(opts.zone()))?;
            let read = started.elapsed();
            let report = analyse(&orders, &opts).map_err(|e| e.to_string())?;
            let _ = writeln!(stderr, "orders read in {:.3} s", read.as_secs_f64());
            report
        }
        (None, Some(path)) => {
            let day = as_of_day.unwrap_or_else(|| crate::today(opts.zone()));
            let summary = read_summary(path, day, &opts)?;
            analyse_summary(summary, &opts).map_err(|e| e.to_string())?
        }
    };
    let seconds = started.elapsed().as_secs_f64();
    let fit = Fit::of(&report, seconds);
    let _ = writeln!(stderr, "{}", fit.describe());
    for w in &report.warnings {
        let _ = writeln!(stderr, "warning: {w}");
    }
    let output = if format == "json" {
        #[derive(Serialize)]
        struct Out<'a> {
            #[serde(flatten)]
            report: &'a ClvReport,
            fit: &'a Fit,
        }
        serde_json::to_string_pretty(&Out {
            report: &report,
            fit: &fit,
        })
        .map_err(|e| e.to_string())?
            + "\n"
    } else {
        csv(&report, opts.lang)
    };
    crate::write_output(out.as_deref(), &output)?;
    let _ = writeln!(
        stderr,
        "{} customers, {} repeat buyers, calibration end {}",
        report.customer_count,
        report.repeat_buyers,
        dates::format_date(
            opts.zone().day_of(report.calibration_end),
            match opts.lang {
                Lang::De => stammkunde::segments::Lang::De,
                Lang::En => stammkunde::segments::Lang::En,
            }
        )
    );
    Ok(())
}

/// How the fits went: iterations per model and the time of the whole run
/// (reading, summary, fits, predictions).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Fit {
    seconds: f64,
    transaction_model: &'static str,
    transaction_iterations: usize,
    transaction_converged: bool,
    gamma_gamma_iterations: usize,
    gamma_gamma_converged: bool,
}

impl Fit {
    fn of(r: &ClvReport, seconds: f64) -> Fit {
        let (name, conv) = match (&r.bg_nbd, &r.pareto_nbd) {
            (Some(f), _) => ("BG/NBD", Some(&f.convergence)),
            (None, Some(f)) => ("Pareto/NBD", Some(&f.convergence)),
            _ => ("none", None),
        };
        Fit {
            seconds,
            transaction_model: name,
            transaction_iterations: conv.map_or(0, |c| c.iterations),
            transaction_converged: conv.is_some_and(|c| c.converged),
            gamma_gamma_iterations: r.gamma_gamma.convergence.iterations,
            gamma_gamma_converged: r.gamma_gamma.convergence.converged,
        }
    }

    fn describe(&self) -> String {
        let state = |ok: bool| if ok { "converged" } else { "not converged" };
        format!(
            "fit: {} {} iterations ({}), Gamma-Gamma {} iterations ({}); {:.3} s in all",
            self.transaction_model,
            self.transaction_iterations,
            state(self.transaction_converged),
            self.gamma_gamma_iterations,
            state(self.gamma_gamma_converged),
            self.seconds
        )
    }
}

/// One row per customer: the summary, the predictions and the reason.
fn csv(r: &ClvReport, lang: Lang) -> String {
    let (sep, bom) = match lang {
        Lang::De => (';', "\u{feff}"),
        Lang::En => (',', ""),
    };
    let num = |x: f64, digits: usize| {
        let s = format!("{x:.digits$}");
        match lang {
            Lang::De => s.replace('.', ","),
            Lang::En => s,
        }
    };
    let cell = |text: &str| {
        let guarded = if text.starts_with(['=', '+', '-', '@']) {
            format!("'{text}")
        } else {
            text.to_string()
        };
        if guarded.contains([sep, '"', '\n', '\r']) {
            format!("\"{}\"", guarded.replace('"', "\"\""))
        } else {
            guarded
        }
    };
    let header = match lang {
        Lang::De => [
            "Kunde",
            "Wiederholungskäufe",
            "Recency",
            "T",
            "Ø Wiederholungskauf",
            "P(aktiv)",
            "Erwartete Bestellungen",
            "Erwarteter Bestellwert",
            "Kundenwert",
            "Begründung",
        ],
        Lang::En => [
            "customer",
            "frequency",
            "recency",
            "T",
            "monetary",
            "p_alive",
            "expected_orders",
            "expected_aov",
            "predicted_clv",
            "reason",
        ],
    };
    let mut out = String::from(bom);
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    for c in &r.customers {
        let row = [
            cell(&c.customer),
            c.frequency.to_string(),
            num(c.recency, 4),
            num(c.t, 4),
            num(c.monetary / 100.0, 2),
            num(c.p_alive, 4),
            num(c.expected_orders, 4),
            num(c.expected_aov / 100.0, 2),
            num(c.predicted_clv / 100.0, 2),
            cell(&c.reasons.to_vec().join("; ")),
        ];
        out.push_str(&row.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// Reads a per-customer summary CSV: a header naming `customer`,
/// `frequency`, `recency`, `T` and `monetary` (any order, any case, other
/// columns ignored), separated by `,`, `;` or tabs. Bad rows are reported
/// and left out.
fn read_summary(path: &str, end_day: i32, opts: &ClvOptions) -> Result<Summary, String> {
    let text = crate::read_text(path)?;
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let (_, header) = lines
        .next()
        .ok_or_else(|| format!("{path}: the file is empty; give a header customer,frequency,recency,T,monetary and one row per customer"))?;
    let sep = [',', ';', '\t']
        .into_iter()
        .max_by_key(|c| header.matches(*c).count())
        .unwrap_or(',');
    let names: Vec<String> = header
        .split(sep)
        .map(|h| h.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let find = |want: &[&str]| names.iter().position(|n| want.contains(&n.as_str()));
    let columns = [
        find(&["customer", "customer_id"]),
        find(&["frequency", "frequency_cal", "x"]),
        find(&["recency", "recency_cal", "t_x"]),
        find(&["t", "t_cal"]),
        find(&["monetary", "monetary_value", "monetary_cal"]),
    ];
    let [Some(ci), Some(fi), Some(ri), Some(ti), Some(mi)] = columns else {
        return Err(format!(
            "{path}: the header '{header}' lacks a column; name them customer, frequency, recency, T, monetary"
        ));
    };
    let unit_days = opts.unit.days();
    let offset = i64::from(opts.utc_offset_minutes) * 60;
    let end_day_start = dates::start_of(end_day) - offset;
    let mut customers = Vec::new();
    let mut rejected = 0usize;
    let mut stderr = std::io::stderr();
    let mut history = 0i64;
    let mut purchases = 0usize;
    for (i, line) in lines {
        let cells: Vec<&str> = line
            .split(sep)
            .map(|c| c.trim().trim_matches('"'))
            .collect();
        let get = |k: usize| cells.get(k).copied().unwrap_or("");
        // Decimal comma in ';' files.
        let number = |k: usize| -> Option<f64> {
            let v = get(k);
            let v = if sep == ';' {
                v.replace(',', ".")
            } else {
                v.to_string()
            };
            v.parse::<f64>().ok().filter(|x| x.is_finite())
        };
        let problem = match (number(fi), number(ri), number(ti), number(mi)) {
            _ if get(ci).is_empty() => Some(("customer", "is empty".to_string())),
            (Some(f), Some(r), Some(t), Some(m)) => {
                if f < 0.0 || f.fract() != 0.0 {
                    Some((
                        "frequency",
                        format!("{f} is not a whole number of repeat purchases"),
                    ))
                } else if r < 0.0 || t < r {
                    Some((
                        "recency",
                        format!("recency {r} and T {t}: need 0 <= recency <= T"),
                    ))
                } else if m < 0.0 {
                    Some(("monetary", format!("{m} is negative")))
                } else if f == 0.0 && r != 0.0 {
                    Some(("recency", format!("{r} with frequency 0: a customer without repeat purchases has recency 0")))
                } else {
                    let first = end_day_start - (t * unit_days * DAY as f64).round() as i64;
                    let last = first + (r * unit_days * DAY as f64).round() as i64;
                    history = history.max((t * unit_days).round() as i64);
                    purchases += f as usize + 1;
                    customers.push(CustomerSummary {
                        customer: get(ci).to_string(),
                        frequency: f as u32,
                        recency: r,
                        t,
                        monetary: m,
                        first_order: first,
                        last_order: last,
                    });
                    None
                }
            }
            (f, r, t, _) => {
                let field = if f.is_none() {
                    "frequency"
                } else if r.is_none() {
                    "recency"
                } else if t.is_none() {
                    "T"
                } else {
                    "monetary"
                };
                Some((field, "is not a number".to_string()))
            }
        };
        if let Some((field, reason)) = problem {
            rejected += 1;
            if rejected <= 20 {
                let _ = writeln!(
                    stderr,
                    "rejected: row {}, field {field}: {reason}; write the summary as stammkunde sql --clv-summary computes it",
                    i + 1
                );
            }
        }
    }
    let _ = writeln!(
        stderr,
        "{path}: {} customers read, {rejected} rejected",
        customers.len()
    );
    if customers.is_empty() {
        return Err(format!(
            "{path}: no customer was used; give one row per customer with customer, frequency, recency, T, monetary"
        ));
    }
    Ok(Summary {
        customers,
        end_day_start,
        history_days: history,
        currency: opts.currency.clone(),
        orders_used: purchases,
        skipped: Skipped::default(),
    })
}
