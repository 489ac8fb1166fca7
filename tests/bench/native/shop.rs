//! CLV on the admin's import benchmark data (tests/bench/shop.mjs: the same
//! generator, so the same orders): the fit and predictions the admin runs
//! in its CLV worker (`computeClvColumns`: order columns, summary, BG/NBD
//! and Gamma-Gamma, per-customer figures), natively, to compare with the
//! time the worker reports in Chromium.

use crate::extras::Extras;
use crate::Mode;
use criterion::Criterion;
use stammkunde::clv::summary::{summarise_columns, OrderColumns};
use stammkunde::clv::{analyse_summary, summary_options, ClvOptions};
use std::hint::black_box;

/// 2026-11-01 00:00 UTC, the as-of day of the import benchmark.
const END: i64 = 1_793_491_200;
const SPAN: i64 = 730 * 86_400;

/// The orders of shop.mjs for `n`: (customer, seconds, cents), cancelled ones left out.
pub fn shop(n: u32) -> (Vec<u32>, Vec<i64>, Vec<i64>, usize) {
    let mut s: u32 = 20_261_101 ^ n;
    if s == 0 {
        s = 1;
    }
    let mut next = || {
        s ^= s << 13;
        s ^= s >> 17;
        s ^= s << 5;
        i64::from(s & 0x7fff_ffff)
    };
    let customers = ((f64::from(n) / 10.0).round() as i64).max(1);
    let (mut c, mut t, mut v) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..i64::from(n) {
        let at = END - SPAN + (i * SPAN) / i64::from(n) + next() % 600;
        let customer = next() % customers;
        let cents = 500 + next() % 20_000;
        let cancelled = next() % 50 == 0;
        if !cancelled {
            c.push(customer as u32);
            t.push(at);
            v.push(cents);
        }
    }
    (c, t, v, customers as usize)
}

pub fn bench(c: &mut Criterion, out: &mut Extras, mode: Mode) {
    let n = if mode == Mode::Full {
        1_000_000
    } else {
        10_000
    };
    let (customer, placed_at, net, customers) = shop(n);
    let opts = ClvOptions {
        calibration_end: Some(END),
        ..ClvOptions::default()
    };
    let cols = OrderColumns {
        customer: &customer,
        placed_at: &placed_at,
        net: &net,
        customers,
        currency: Some("EUR"),
    };
    let run = || {
        let (summary, index) = summarise_columns(&cols, |_| String::new(), &summary_options(&opts));
        (analyse_summary(summary, &opts), index)
    };
    if let (Ok(report), _) = run() {
        out.number(
            &format!("clv/shop/{n}/customers"),
            report.customer_count as f64,
        );
    }
    let mut g = c.benchmark_group("clv");
    g.sample_size(10);
    g.bench_function(format!("shop/{n}"), |b| b.iter(|| black_box(run())));
    g.finish();
}
