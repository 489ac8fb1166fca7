//! Segments: per-customer figures, RFM, ABC and every built-in segment for
//! 10 k, 100 k and 1 M orders (about 10 per customer) from the demo-data
//! generator, from columnar input and from JSON text.
//!
//! The same inputs are written to target/bench/data/ for the Chromium run:
//! `segments-<n>.bin` (the orders that count as columns, little-endian:
//! the order count as u32 and 4 zero bytes, then placed-at as f64 seconds,
//! net totals as f64 cents, customer indices as u32) and
//! `segments-<n>.json` (canonical orders, cancelled and refunded ones
//! included with their status, as a shop export has them).

use crate::extras::Extras;
use crate::{alloc, Mode};
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use stammkunde::demo::{generate_columns, DemoOptions};
use stammkunde::orders::columnar::{Columns, CANCELLED, PARTIALLY_REFUNDED, REFUNDED};
use stammkunde::segments::{json, Config, OrderTable, Segmentation};
use std::fmt::Write as _;
use std::hint::black_box;
use std::sync::Arc;

/// The sizes benchmarked, in orders.
pub const SIZES: [usize; 3] = [10_000, 100_000, 1_000_000];

/// Demo-shop orders: `n` orders of `n / 10` customers, seed 1, two years
/// up to 2026-11-01.
pub fn demo(n: usize) -> (DemoOptions, Columns) {
    let options = DemoOptions {
        customers: n / 10,
        orders: Some(n),
        ..DemoOptions::default()
    };
    let columns = generate_columns(&options);
    (options, columns)
}

/// The columnar input a JS caller passes: only orders that count, net
/// totals in cents, seconds, as f64 (what typed arrays hold).
pub struct Input {
    pub customer: Vec<u32>,
    pub placed_at: Vec<f64>,
    pub net: Vec<f64>,
}

pub fn columnar(c: &Columns) -> Input {
    let mut input = Input {
        customer: Vec::with_capacity(c.len()),
        placed_at: Vec::with_capacity(c.len()),
        net: Vec::with_capacity(c.len()),
    };
    for i in 0..c.len() {
        if c.counts(i) {
            input.customer.push(c.customer[i]);
            input.placed_at.push(c.placed_at[i] as f64);
            input.net.push(c.net[i] as f64);
        }
    }
    input
}

/// Canonical-order JSON of all orders (customer keys `K-<number>`).
pub fn json_text(c: &Columns) -> String {
    let mut s = String::with_capacity(c.len() * 110);
    s.push('[');
    for i in 0..c.len() {
        if i > 0 {
            s.push(',');
        }
        let _ = write!(
            s,
            r#"{{"id":"{}","customer":"K-{}","placed_at":{},"total":{},"currency":"EUR""#,
            100_001 + i,
            10_001 + u64::from(c.customer[i]),
            c.placed_at[i],
            c.total[i]
        );
        match c.status[i] {
            CANCELLED => s.push_str(r#","status":{"kind":"cancelled"}"#),
            REFUNDED => s.push_str(r#","status":{"kind":"refunded"}"#),
            PARTIALLY_REFUNDED => {
                let _ = write!(
                    s,
                    r#","status":{{"kind":"partially_refunded","amount":{}}}"#,
                    c.total[i] - c.net[i]
                );
            }
            _ => {}
        }
        s.push('}');
    }
    s.push(']');
    s
}

fn from_columns(input: &Input, config: &Config) -> Segmentation {
    let table = OrderTable::from_columns(&input.customer, &input.placed_at, &input.net, Vec::new())
        .expect("the columns have equal lengths");
    Segmentation::compute(Arc::new(table), config).expect("the default config is valid")
}

fn from_json(text: &str, config: &Config) -> Segmentation {
    let (table, _) = json::read_table(text, None).expect("the generated JSON is valid");
    Segmentation::compute(Arc::new(table), config).expect("the default config is valid")
}

pub fn bench(c: &mut Criterion, out: &mut Extras, mode: Mode) {
    let sizes: &[usize] = if mode == Mode::Full {
        &SIZES
    } else {
        &SIZES[..1]
    };
    let mut g = c.benchmark_group("segments");
    g.sampling_mode(SamplingMode::Flat);
    for &n in sizes {
        let t0 = std::time::Instant::now();
        let (options, columns) = demo(n);
        out.number(
            &format!("segments/{n}/generate_ms"),
            t0.elapsed().as_secs_f64() * 1e3,
        );
        let config = Config {
            as_of: Some(options.end),
            ..Config::default()
        };
        let input = columnar(&columns);
        let text = json_text(&columns);
        let seg = from_columns(&input, &config);
        let from_text = from_json(&text, &config);
        // Both paths must agree before they are timed.
        assert_eq!(seg.customer_count(), from_text.customer_count());
        assert_eq!(seg.total_revenue(), from_text.total_revenue());
        let counts = |s: &Segmentation| -> Vec<(String, usize)> {
            s.segments()
                .iter()
                .map(|x| (x.id.clone(), x.count()))
                .collect()
        };
        assert_eq!(counts(&seg), counts(&from_text));
        let key = |k: &str| format!("segments/{n}/{k}");
        out.number(&key("orders"), columns.len() as f64);
        out.number(&key("counting_orders"), input.customer.len() as f64);
        out.number(&key("customers"), seg.customer_count() as f64);
        out.number(&key("segments"), seg.segments().len() as f64);
        out.number(&key("json_bytes"), text.len() as f64);
        out.text(
            &key("counts"),
            &counts(&seg)
                .iter()
                .map(|(id, k)| format!("{id}={k}"))
                .collect::<Vec<_>>()
                .join(" "),
        );
        out.number(
            &key("columnar_peak_bytes"),
            alloc::peak_of(|| from_columns(&input, &config)) as f64,
        );
        out.number(
            &key("json_peak_bytes"),
            alloc::peak_of(|| from_json(&text, &config)) as f64,
        );
        if mode == Mode::Full {
            if let Err(e) = write_data(n, &input, &text) {
                eprintln!("could not write the segment inputs for the browser: {e}");
            }
        }
        drop((seg, from_text));

        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("columnar", n), &input, |b, input| {
            b.iter(|| from_columns(black_box(input), &config))
        });
        g.bench_with_input(BenchmarkId::new("json", n), &text, |b, text| {
            b.iter(|| from_json(black_box(text), &config))
        });
    }
    g.finish();
}

fn write_data(n: usize, input: &Input, text: &str) -> std::io::Result<()> {
    let dir = Extras::dir().join("data");
    std::fs::create_dir_all(&dir)?;
    let len = input.customer.len();
    let mut bin = Vec::with_capacity(8 + len * 20);
    bin.extend_from_slice(&(len as u32).to_le_bytes());
    bin.extend_from_slice(&[0; 4]);
    for &t in &input.placed_at {
        bin.extend_from_slice(&t.to_le_bytes());
    }
    for &v in &input.net {
        bin.extend_from_slice(&v.to_le_bytes());
    }
    for &c in &input.customer {
        bin.extend_from_slice(&c.to_le_bytes());
    }
    std::fs::write(dir.join(format!("segments-{n}.bin")), bin)?;
    std::fs::write(dir.join(format!("segments-{n}.json")), text)
}
