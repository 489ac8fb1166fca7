//! Reading orders: a German CSV export of 200 k demo orders with line items
//! (`orders::read` with `Format::Csv`, normalisation included).

use crate::extras::Extras;
use crate::Mode;
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};
use stammkunde::demo::{generate, DemoOptions};
use stammkunde::orders::{csv, read, Format, ReadOptions};
use std::hint::black_box;

/// The orders asked of the generator (it makes a few more).
pub const ORDERS: usize = 200_000;

pub fn bench(c: &mut Criterion, out: &mut Extras, mode: Mode) {
    let n = if mode == Mode::Full { ORDERS } else { 2_000 };
    let orders = generate(&DemoOptions {
        customers: n / 10,
        orders: Some(n),
        ..DemoOptions::default()
    });
    let text = csv::write_german(&orders);
    let options = ReadOptions::default();
    // The export must read back completely before it is timed.
    let import = read(Format::Csv, &text, &options).expect("the export has a header");
    assert_eq!((import.used, import.rejected), (orders.len(), 0));
    let key = |k: &str| format!("orders/csv/{n}/{k}");
    out.number(&key("orders"), orders.len() as f64);
    out.number(&key("rows"), text.lines().count().saturating_sub(1) as f64);
    out.number(&key("bytes"), text.len() as f64);
    let count = orders.len() as u64;
    drop((import, orders));

    let mut g = c.benchmark_group("orders");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Elements(count));
    g.bench_with_input(BenchmarkId::new("csv", n), &text, |b, text| {
        b.iter(|| read(Format::Csv, black_box(text), &options))
    });
    g.finish();
}
