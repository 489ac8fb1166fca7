//! CLV: BG/NBD + Gamma-Gamma fits and predictions at CDNOW-master scale
//! (about 23,500 customers), on two data sets:
//!
//! 1. the CDNOW sample ten times over with distinct customer keys (the
//!    histories repeat, so the fit sees the groups of the sample);
//! 2. 23,570 customers simulated from the fitted CDNOW models with purchase
//!    days spread over the calibration period (nearly every history
//!    distinct, the harder case).
//!
//! Both are also written as canonical-order JSON to target/bench/data/ for
//! the Chromium run.

use crate::extras::Extras;
use crate::{alloc, Mode};
use criterion::{Criterion, Throughput};
use stammkunde::clv::summary::{summarise, SummaryOptions};
use stammkunde::clv::{analyse, bgnbd, gamma_gamma, ClvOptions};
use stammkunde::orders::{to_json, Order};
use std::hint::black_box;

const DAY: i64 = 86_400;
/// 1997-01-01 and 1997-09-30 as days since the Unix epoch.
const JAN1: i64 = 9_862;
const SEP30: i64 = JAN1 + 272;

/// The calibration period of the published CDNOW results.
pub fn options() -> ClvOptions {
    ClvOptions {
        calibration_end: Some(SEP30 * DAY),
        ..ClvOptions::default()
    }
}

fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The CDNOW sample (master id, sample id, YYYYMMDD, CDs, dollars) `copies`
/// times, customer keys prefixed by the copy number.
pub fn cdnow(copies: usize) -> Vec<Order> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/cdnow/CDNOW_sample.txt"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let mut orders = Vec::new();
    for copy in 0..copies {
        for (i, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split_whitespace().collect();
            let [cust, _, date, _, dollars] = f[..] else {
                continue;
            };
            let d: i64 = date.parse().unwrap_or(0);
            let days = days_from_civil(d / 10_000, d / 100 % 100, d % 100);
            let cents = (dollars.parse::<f64>().unwrap_or(0.0) * 100.0).round() as i64;
            orders.push(Order::new(
                &format!("{copy}-{i}"),
                &format!("{copy}-{cust}"),
                days * DAY + DAY / 2,
                cents,
                "USD",
            ));
        }
    }
    orders
}

/// Customers drawn from BG/NBD (r, α, a, b per week) and Gamma-Gamma with
/// the CDNOW estimates; first purchases uniform over the first 12 weeks.
pub fn simulate(n: usize) -> Vec<Order> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for c in 0..n {
        let lambda = rng.gamma(0.2426) / 4.4136 / 7.0; // per day
        let pa = rng.gamma(0.7929);
        let p = pa / (pa + rng.gamma(2.4259));
        let nu = rng.gamma(3.7446) / 1_544.77;
        let start = JAN1 + (rng.uniform() * 84.0) as i64;
        let mut t = start as f64;
        let cust = format!("s{c}");
        let mut k = 0;
        loop {
            let value = (rng.gamma(6.2488) / nu).round().max(1.0) as i64;
            out.push(Order::new(
                &format!("{c}-{k}"),
                &cust,
                t as i64 * DAY,
                value,
                "USD",
            ));
            k += 1;
            // Drop-out happens after repeat purchases only.
            if k > 1 && rng.uniform() < p {
                break;
            }
            t += -rng.uniform().max(1e-300).ln() / lambda.max(1e-12);
            if t > SEP30 as f64 + 300.0 {
                break;
            }
        }
    }
    out
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn uniform(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn normal(&mut self) -> f64 {
        let u = self.uniform().max(1e-300);
        (-2.0 * u.ln()).sqrt() * (std::f64::consts::TAU * self.uniform()).cos()
    }
    /// Gamma(shape, 1) by Marsaglia & Tsang.
    fn gamma(&mut self, shape: f64) -> f64 {
        if shape < 1.0 {
            return self.gamma(shape + 1.0) * self.uniform().max(1e-300).powf(1.0 / shape);
        }
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / (9.0 * d).sqrt();
        loop {
            let x = self.normal();
            let v = (1.0 + c * x).powi(3);
            if v > 0.0 && self.uniform().ln() < 0.5 * x * x + d - d * v + d * v.ln() {
                return d * v;
            }
        }
    }
}

/// Both fits from a ready summary: grouping plus BG/NBD, grouping plus
/// Gamma-Gamma (what `lifetimes`' two `fit` calls do).
fn fits(s: &stammkunde::clv::summary::Summary) -> (f64, f64) {
    let h = bgnbd::Histories::new(
        s.customers
            .iter()
            .map(|c| (f64::from(c.frequency), c.recency, c.t)),
    );
    let bg = bgnbd::fit(&h, 0.0);
    let sp = gamma_gamma::Spend::new(
        s.customers
            .iter()
            .map(|c| (f64::from(c.frequency), c.monetary)),
    );
    let gg = gamma_gamma::fit(&sp, 0.0);
    (bg.params.r, gg.params.p)
}

pub fn bench(c: &mut Criterion, out: &mut Extras, mode: Mode) {
    let opts = options();
    let sets: Vec<(&str, Vec<Order>)> = if mode == Mode::Full {
        vec![("cdnow-x10", cdnow(10)), ("simulated", simulate(23_570))]
    } else {
        vec![("cdnow-x1", cdnow(1))]
    };
    let so = SummaryOptions {
        calibration_end: opts.calibration_end,
        unit: opts.unit,
        ..SummaryOptions::default()
    };
    let mut g = c.benchmark_group("clv");
    for (name, orders) in &sets {
        let report = match analyse(orders, &opts) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("clv {name}: {e}");
                out.text(&format!("clv/{name}/error"), &e.to_string());
                continue;
            }
        };
        let key = |k: &str| format!("clv/{name}/{k}");
        out.number(&key("orders"), orders.len() as f64);
        out.number(&key("customers"), report.customer_count as f64);
        out.number(&key("repeat_buyers"), report.repeat_buyers as f64);
        if let Some(bg) = &report.bg_nbd {
            out.text(
                &key("bg_nbd"),
                &format!(
                    "r = {:.4}, α = {:.4}, a = {:.4}, b = {:.4}, LL = {:.2}, {} iterations, converged {}",
                    bg.params.r,
                    bg.params.alpha,
                    bg.params.a,
                    bg.params.b,
                    bg.log_likelihood,
                    bg.convergence.iterations,
                    bg.convergence.converged
                ),
            );
        }
        let gg = &report.gamma_gamma;
        out.text(
            &key("gamma_gamma"),
            &format!(
                "p = {:.4}, q = {:.4}, v = {:.2}, {} iterations, converged {}",
                gg.params.p,
                gg.params.q,
                gg.params.v,
                gg.convergence.iterations,
                gg.convergence.converged
            ),
        );
        out.number(
            &key("peak_bytes"),
            alloc::peak_of(|| analyse(orders, &opts)) as f64,
        );
        if mode == Mode::Full {
            if let Err(e) = write_json(name, orders) {
                eprintln!("could not write the {name} orders for the browser: {e}");
            }
        }
        let Ok(summary) = summarise(orders, &so) else {
            continue;
        };
        g.throughput(Throughput::Elements(report.customer_count as u64));
        g.bench_function(format!("analyse/{name}"), |b| {
            b.iter(|| analyse(black_box(orders), &opts))
        });
        g.bench_function(format!("summary/{name}"), |b| {
            b.iter(|| summarise(black_box(orders), &so))
        });
        g.bench_function(format!("fits/{name}"), |b| {
            b.iter(|| fits(black_box(&summary)))
        });
    }
    g.finish();
}

fn write_json(name: &str, orders: &[Order]) -> std::io::Result<()> {
    let dir = Extras::dir().join("data");
    std::fs::create_dir_all(&dir)?;
    std::fs::write(dir.join(format!("clv-{name}.json")), to_json(orders))
}
