//! Native benchmarks, run by `make bench` (`cargo bench --bench native`).
//!
//! Timings come from criterion (its JSON files are read by
//! tests/bench/run.mjs); peak heap from the counting allocator below; other
//! figures (input sizes, checks) go to `target/bench/native.json`.
//!
//! Under `cargo test --all-targets` criterion runs in test mode: every
//! benchmark runs once, on the smallest input only, so the bench code is
//! checked by `make test` without costing minutes.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

#[path = "native/alloc.rs"]
mod alloc;
#[path = "native/clv.rs"]
mod clv;
#[path = "native/extras.rs"]
mod extras;
#[path = "native/intent.rs"]
mod intent;
#[path = "native/orders.rs"]
mod orders;
#[path = "native/segments.rs"]
mod segments;
#[path = "native/shop.rs"]
mod shop;

use criterion::Criterion;
use std::time::Duration;

#[global_allocator]
static ALLOC: alloc::Counting = alloc::Counting;

/// How much to run: the full sizes under `cargo bench`, the smallest in test mode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Mode {
    Full,
    Smoke,
}

fn mode() -> Mode {
    let args: Vec<String> = std::env::args().collect();
    let bench = args.iter().any(|a| a == "--bench");
    let test = args.iter().any(|a| a == "--test");
    if bench && !test {
        Mode::Full
    } else {
        Mode::Smoke
    }
}

/// Criterion settings shared by every group: few, long samples keep the
/// whole run short on a 2-core machine; the spread is reported anyway.
pub fn criterion() -> Criterion {
    Criterion::default()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args()
}

/// The 1-minute load average (other processes competing for the CPU).
fn load() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(f64::NAN)
}

fn main() {
    let mode = mode();
    let mut c = criterion();
    let mut out = extras::Extras::default();
    out.text("mode", if mode == Mode::Full { "full" } else { "smoke" });
    out.number("load_start", load());
    intent::bench(&mut c, &mut out, mode);
    segments::bench(&mut c, &mut out, mode);
    clv::bench(&mut c, &mut out, mode);
    shop::bench(&mut c, &mut out, mode);
    orders::bench(&mut c, &mut out, mode);
    c.final_summary();
    out.number("load_end", load());
    if mode == Mode::Full {
        if let Err(e) = out.write() {
            eprintln!("could not write the extra benchmark figures: {e}");
            std::process::exit(1);
        }
    }
}
