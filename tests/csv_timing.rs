//! Timing of the CSV reader on a large demo export, run by hand:
//! `cargo test --profile large-data --test csv_timing -- --ignored --nocapture`.
//! It prints timings and a digest of the result (to compare two versions of
//! the reader on the same data); it asserts nothing about time.

use stammkunde::demo::{generate, DemoOptions};
use stammkunde::orders::{csv, read, Format, ReadOptions};
use std::hash::{Hash, Hasher};
use std::time::Instant;

fn digest(value: &impl std::fmt::Debug) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    format!("{value:?}").hash(&mut h);
    h.finish()
}

#[test]
#[ignore]
fn csv_read_timing() {
    let orders = generate(&DemoOptions {
        customers: 20_000,
        orders: Some(200_000),
        ..Default::default()
    });
    let text = csv::write_german(&orders);
    // A variant with comma separators, English amounts, an e-mail column
    // and a few broken rows, to compare results on less regular input.
    let english: String = text
        .lines()
        .enumerate()
        .map(|(i, line)| {
            let mut l = line.replace(',', "#").replace('.', ",").replace('#', ".");
            l = l.replace(';', "\t");
            if i % 997 == 5 {
                l = l.replacen("\t", "\t\"x\"\"y\"\t", 1);
            }
            l + "\r\n"
        })
        .collect();
    let options = ReadOptions::default();
    // CSV_TIMING_ONLY=n: only read the file n times (for a profiler).
    if let Some(n) = std::env::var("CSV_TIMING_ONLY").ok().and_then(|n| n.parse().ok()) {
        for _ in 0..n {
            std::hint::black_box(read(Format::Csv, &text, &options).unwrap());
        }
        return;
    }
    let mut times = Vec::new();
    let mut last = None;
    for _ in 0..5 {
        let t0 = Instant::now();
        let import = read(Format::Csv, &text, &options).unwrap();
        times.push(t0.elapsed().as_secs_f64());
        last = Some(import);
    }
    times.sort_by(f64::total_cmp);
    let import = last.unwrap();
    let variant = read(Format::Csv, &english, &options);
    if let Ok(v) = &variant {
        println!(
            "variant: read {} used {} rejected {}, first error {:?}",
            v.read,
            v.used,
            v.rejected,
            v.errors.first().map(|e| e.to_string())
        );
    }
    println!(
        "{} orders ({} MB), read {} used {} rejected {}: min {:.3} s, median {:.3} s, {:.2} µs per order; digest {:016x}, variant digest {:016x}",
        orders.len(),
        text.len() / 1_000_000,
        import.read,
        import.used,
        import.rejected,
        times[0],
        times[2],
        times[0] / orders.len() as f64 * 1e6,
        digest(&import),
        digest(&variant),
    );
}
