//! Times `clv::analyse` (summary, BG/NBD and Gamma-Gamma fits, predictions)
//! at CDNOW-master scale, about 23,500 customers:
//!
//! 1. the CDNOW sample ten times over with distinct customer keys (the
//!    histories repeat, so the fit sees the same groups as the sample);
//! 2. 23,570 customers simulated from the fitted CDNOW models with purchase
//!    days spread over the calibration period (nearly every history
//!    distinct, the harder case).
//!
//! `cargo run --release --example clv_timing`
#[cfg(feature = "admin")]
fn main() {
    use stammkunde::clv::{analyse, ClvOptions};
    use std::time::Instant;

    let fixture = include_str!("../tests/fixtures/cdnow/CDNOW_sample.txt");
    let day = 86_400i64;
    // 1997-01-01 and 1997-09-30 as Unix days.
    let (jan1, sep30) = (9_862i64, 9_862i64 + 272);
    let opts = ClvOptions {
        calibration_end: Some(sep30 * day),
        ..ClvOptions::default()
    };

    let mut replicated = Vec::new();
    for copy in 0..10 {
        for (i, line) in fixture.lines().enumerate() {
            let f: Vec<&str> = line.split_whitespace().collect();
            let [cust, _, date, _, dollars] = f[..] else {
                continue;
            };
            let d: i64 = date.parse().unwrap_or(0);
            let days = days_from_civil(d / 10_000, d / 100 % 100, d % 100);
            let cents = (dollars.parse::<f64>().unwrap_or(0.0) * 100.0).round() as i64;
            replicated.push(stammkunde::orders::Order::new(
                &format!("{copy}-{i}"),
                &format!("{copy}-{cust}"),
                days * day + 43_200,
                cents,
                "USD",
            ));
        }
    }
    let simulated = simulate(23_570, jan1, sep30);

    for (name, orders) in [("CDNOW sample x10", &replicated), ("simulated", &simulated)] {
        let report = match analyse(orders, &opts) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{name}: {e}");
                continue;
            }
        };
        let mut times = Vec::new();
        for _ in 0..21 {
            let t0 = Instant::now();
            let r = analyse(orders, &opts);
            times.push(t0.elapsed().as_secs_f64() * 1e3);
            assert!(r.is_ok());
        }
        times.sort_by(f64::total_cmp);
        let bg = report
            .bg_nbd
            .as_ref()
            .map(|f| (f.params, f.log_likelihood, f.convergence.clone()));
        println!(
            "{name}: {} orders, {} customers, {} repeat buyers",
            orders.len(),
            report.customer_count,
            report.repeat_buyers
        );
        if let Some((p, ll, c)) = bg {
            println!(
                "  BG/NBD r={:.4} alpha={:.4} a={:.4} b={:.4} LL={:.2} ({} iterations, {} evaluations, gradient {:.1e}, converged {})",
                p.r, p.alpha, p.a, p.b, ll, c.iterations, c.evaluations, c.gradient_norm, c.converged
            );
        }
        let g = &report.gamma_gamma;
        println!(
            "  Gamma-Gamma p={:.4} q={:.4} v={:.2} ({} iterations, converged {})",
            g.params.p, g.params.q, g.params.v, g.convergence.iterations, g.convergence.converged
        );
        println!(
            "  analyse(): median {:.2} ms, min {:.2} ms, max {:.2} ms over {} runs",
            times[times.len() / 2],
            times[0],
            times[times.len() - 1],
            times.len()
        );
        // Stage split, from the same pieces analyse() uses.
        stages(orders, &opts);
    }
}

#[cfg(feature = "admin")]
fn stages(orders: &[stammkunde::orders::Order], opts: &stammkunde::clv::ClvOptions) {
    use stammkunde::clv::summary::{summarise, SummaryOptions};
    use stammkunde::clv::{bgnbd, gamma_gamma};
    use std::time::Instant;
    let so = SummaryOptions {
        calibration_end: opts.calibration_end,
        unit: opts.unit,
        ..Default::default()
    };
    let mut t = [Vec::new(), Vec::new(), Vec::new(), Vec::new()];
    let mut groups = 0;
    for _ in 0..21 {
        let t0 = Instant::now();
        let Ok(s) = summarise(orders, &so) else {
            return;
        };
        let t1 = Instant::now();
        let h = bgnbd::Histories::new(
            s.customers
                .iter()
                .map(|c| (f64::from(c.frequency), c.recency, c.t)),
        );
        let th = Instant::now();
        let _ = bgnbd::fit(&h, 0.0);
        let t2 = Instant::now();
        t[3].push((th - t1).as_secs_f64() * 1e3);
        let sp = gamma_gamma::Spend::new(
            s.customers
                .iter()
                .map(|c| (f64::from(c.frequency), c.monetary)),
        );
        let _ = gamma_gamma::fit(&sp, 0.0);
        let t3 = Instant::now();
        groups = h.groups.len();
        for (v, (a, b)) in t.iter_mut().zip([(t0, t1), (t1, t2), (t2, t3)]) {
            v.push((b - a).as_secs_f64() * 1e3);
        }
    }
    let med = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    println!(
        "  medians: summary {:.2} ms, BG/NBD grouping + fit {:.2} ms (grouping {:.2} ms, {groups} groups), Gamma-Gamma grouping + fit {:.2} ms; predictions and reasons are the rest",
        med(&mut t[0]),
        med(&mut t[1]),
        med(&mut t[3]),
        med(&mut t[2]),
    );
}

#[cfg(feature = "admin")]
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Customers drawn from BG/NBD (r, α, a, b per week) and Gamma-Gamma with
/// the CDNOW estimates; first purchases uniform over the first 12 weeks.
#[cfg(feature = "admin")]
fn simulate(n: usize, first_day: i64, end_day: i64) -> Vec<stammkunde::orders::Order> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = Vec::new();
    for c in 0..n {
        let lambda = rng.gamma(0.2426) / 4.4136 / 7.0; // per day
        let pa = rng.gamma(0.7929);
        let p = pa / (pa + rng.gamma(2.4259));
        let nu = rng.gamma(3.7446) / 1_544.77;
        let start = first_day + (rng.uniform() * 84.0) as i64;
        let mut t = start as f64;
        let cust = format!("s{c}");
        let mut k = 0;
        loop {
            let value = (rng.gamma(6.2488) / nu).round().max(1.0) as i64;
            out.push(stammkunde::orders::Order::new(
                &format!("{c}-{k}"),
                &cust,
                t as i64 * 86_400,
                value,
                "USD",
            ));
            k += 1;
            // Drop-out happens after repeat purchases only.
            if k > 1 && rng.uniform() < p {
                break;
            }
            t += -rng.uniform().max(1e-300).ln() / lambda.max(1e-12);
            if t > end_day as f64 + 300.0 {
                break;
            }
        }
    }
    out
}

#[cfg(feature = "admin")]
struct Rng(u64);

#[cfg(feature = "admin")]
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

#[cfg(not(feature = "admin"))]
fn main() {}
