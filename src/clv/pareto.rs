//! The Pareto/NBD model (Schmittlein, Morrison & Colombo 1987): while alive
//! a customer buys at rate λ ~ Gamma(r, α); lifetimes are exponential with
//! rate μ ~ Gamma(s, β). Unlike BG/NBD, a customer can drop out without a
//! repeat purchase, so P(alive) < 1 also for one-time buyers.
//!
//! The likelihood follows Fader & Hardie's note "A note on deriving the
//! Pareto/NBD model and related expressions" (2005), in log space. The fit
//! uses BFGS with a central-difference gradient (the analytic one would
//! need derivatives of 2F1 in its parameters).
//!
//! ```
//! use stammkunde::clv::pareto::{ParetoNbdParams, p_alive};
//! let p = ParetoNbdParams { r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669 };
//! let one_timer = p_alive(&p, 0.0, 0.0, 38.0);
//! assert!(one_timer > 0.0 && one_timer < 1.0);
//! ```

use serde::{Deserialize, Serialize};

use super::bgnbd::Histories;
use super::optimize::{minimize, BfgsOptions, Convergence};
use super::special::{hyp2f1, ln_gamma, log_add_exp};

/// Pareto/NBD parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParetoNbdParams {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Scale of the purchase-rate distribution.
    pub alpha: f64,
    /// Shape of the drop-out-rate distribution.
    pub s: f64,
    /// Scale of the drop-out-rate distribution.
    pub beta: f64,
}

/// A fitted Pareto/NBD model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ParetoNbdFit {
    /// The maximum-likelihood parameters.
    pub params: ParetoNbdParams,
    /// Total log-likelihood at `params`.
    pub log_likelihood: f64,
    /// How the optimiser ended.
    pub convergence: Convergence,
}

/// ln A0 of the note; −inf when t_x = T (A0 = 0).
fn ln_a0(p: &ParetoNbdParams, x: f64, t_x: f64, age: f64) -> Option<f64> {
    let ParetoNbdParams { r, alpha, s, beta } = *p;
    let (lo, hi, second) = if alpha < beta {
        (alpha, beta, r + x)
    } else {
        (beta, alpha, s + 1.0)
    };
    let diff = hi - lo;
    let rsx = r + s + x;
    let (q1, q2) = (hi + t_x, hi + age);
    let p1 = hyp2f1(rsx, second, rsx + 1.0, diff / q1)?;
    let p2 = hyp2f1(rsx, second, rsx + 1.0, diff / q2)?;
    if p1 <= 0.0 || p2 <= 0.0 {
        return None;
    }
    let l1 = p1.ln() - rsx * q1.ln();
    let l2 = p2.ln() - rsx * q2.ln();
    if l2 >= l1 {
        return Some(f64::NEG_INFINITY);
    }
    Some(l1 + (-(l2 - l1).exp_m1()).ln())
}

/// Log-likelihood of one history (x, t_x, T).
fn ll_one(p: &ParetoNbdParams, x: f64, t_x: f64, age: f64) -> Option<f64> {
    let ParetoNbdParams { r, alpha, s, beta } = *p;
    let a1 = ln_gamma(r + x) - ln_gamma(r) + r * alpha.ln() + s * beta.ln();
    let a0 = ln_a0(p, x, t_x, age)?;
    let a2 = log_add_exp(
        -(r + x) * (alpha + age).ln() - s * (beta + age).ln(),
        s.ln() + a0 - (r + s + x).ln(),
    );
    let v = a1 + a2;
    v.is_finite().then_some(v)
}

/// Total log-likelihood; `None` if any term is not finite.
pub fn log_likelihood(p: &ParetoNbdParams, h: &Histories) -> Option<f64> {
    let mut total = 0.0;
    for &(xi, ti, ai, w) in &h.groups {
        let x = *h.xs.get(xi as usize)?;
        let t_x = *h.recencies.get(ti as usize)?;
        let age = *h.ages.get(ai as usize)?;
        total += w * ll_one(p, x, t_x, age)?;
    }
    Some(total)
}

/// Fits Pareto/NBD by maximum likelihood; `penalizer` as in BG/NBD.
pub fn fit(h: &Histories, penalizer: f64) -> ParetoNbdFit {
    let n = h.customers.max(1.0);
    let mean_age = h
        .groups
        .iter()
        .filter_map(|g| h.ages.get(g.2 as usize).map(|t| t * g.3))
        .sum::<f64>()
        / n;
    let scale = mean_age.max(1e-3).ln();
    let start = [0.0, scale, 0.0, scale];
    let value = |theta: &[f64]| -> f64 {
        let Some(p) = params_from(theta) else {
            return f64::INFINITY;
        };
        let vals = [p.r, p.alpha, p.s, p.beta];
        match log_likelihood(&p, h) {
            Some(ll) => -ll / n + penalizer * vals.iter().map(|v| v * v).sum::<f64>(),
            None => f64::INFINITY,
        }
    };
    let objective = |theta: &[f64], g: &mut [f64]| {
        let f = value(theta);
        let mut probe = [0.0; 4];
        probe.copy_from_slice(&theta[..4]);
        for i in 0..4 {
            let step = 1e-6;
            probe[i] = theta[i] + step;
            let up = value(&probe);
            probe[i] = theta[i] - step;
            let dn = value(&probe);
            probe[i] = theta[i];
            g[i] = (up - dn) / (2.0 * step);
        }
        f
    };
    // Each evaluation costs nine likelihoods: cap the work on data that
    // pins down no optimum (the fit is then reported as not converged).
    let opts = BfgsOptions {
        gradient_tolerance: 1e-6,
        max_evaluations: 400,
        ..BfgsOptions::default()
    };
    let m = minimize(objective, &start, &opts);
    let params = params_from(&m.x).unwrap_or(ParetoNbdParams {
        r: 1.0,
        alpha: 1.0,
        s: 1.0,
        beta: 1.0,
    });
    ParetoNbdFit {
        params,
        log_likelihood: log_likelihood(&params, h).unwrap_or(f64::NEG_INFINITY),
        convergence: m.convergence(),
    }
}

fn params_from(theta: &[f64]) -> Option<ParetoNbdParams> {
    let [r, alpha, s, beta] = <[f64; 4]>::try_from(theta).ok()?.map(f64::exp);
    [r, alpha, s, beta]
        .iter()
        .all(|v| v.is_finite() && *v > 0.0)
        .then_some(ParetoNbdParams { r, alpha, s, beta })
}

/// Probability that a customer with history (x, t_x, T) is alive at T.
pub fn p_alive(p: &ParetoNbdParams, x: f64, t_x: f64, age: f64) -> f64 {
    let Some(a0) = ln_a0(p, x, t_x, age) else {
        return 0.0;
    };
    let l = p.s.ln() - (p.r + p.s + x).ln()
        + (p.r + x) * (p.alpha + age).ln()
        + p.s * (p.beta + age).ln()
        + a0;
    let v = 1.0 / (1.0 + l.exp());
    if v.is_nan() {
        0.0
    } else {
        v
    }
}

/// Expected purchases in the next `t` periods of a customer alive at T
/// with x repeat purchases: (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^(s−1)].
/// Multiply by [`p_alive`] for the conditional expectation.
pub fn expected_if_alive(p: &ParetoNbdParams, x: f64, age: f64, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    let y = (t / (p.beta + age)).ln_1p();
    let k = p.s - 1.0;
    // [1 − e^(−k y)] / k, with its limit y at k = 0.
    let frac = if (k * y).abs() < 1e-12 {
        y
    } else {
        -(-k * y).exp_m1() / k
    };
    let v = (p.r + x) / (p.alpha + age) * (p.beta + age) * frac;
    (v.is_finite() && v >= 0.0).then_some(v)
}

/// Expected purchases in the next `t` periods for history (x, t_x, T).
pub fn expected_purchases(p: &ParetoNbdParams, x: f64, t_x: f64, age: f64, t: f64) -> Option<f64> {
    expected_if_alive(p, x, age, t).map(|e| e * p_alive(p, x, t_x, age))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CDNOW: ParetoNbdParams = ParetoNbdParams {
        r: 0.553,
        alpha: 10.578,
        s: 0.606,
        beta: 11.669,
    };

    #[test]
    fn likelihood_of_a_one_time_buyer_by_integration() {
        // x = 0: L = E[ μ/(λ+μ) + λ/(λ+μ) e^{−(λ+μ)T} ]; with x = 0 there is no
        // purchase in (0, T], so L = E[ P(no purchase in (0,T]) ].
        // Closed form check: α = β makes A0 elementary.
        let p = ParetoNbdParams {
            r: 0.7,
            alpha: 5.0,
            s: 1.3,
            beta: 5.0,
        };
        let t: f64 = 20.0;
        // With α = β, 2F1(·;·;·;0) = 1: A0 = 1/α^(r+s) − 1/(α+T)^(r+s).
        let rs = p.r + p.s;
        let a0 = p.alpha.powf(-rs) - (p.alpha + t).powf(-rs);
        let l = p.alpha.powf(p.r)
            * p.beta.powf(p.s)
            * ((p.alpha + t).powf(-p.r) * (p.beta + t).powf(-p.s) + p.s / rs * a0);
        let got = log_likelihood(&p, &Histories::new([(0.0, 0.0, t)])).unwrap();
        assert!((got - l.ln()).abs() < 1e-12, "{got} vs {}", l.ln());
    }

    #[test]
    fn p_alive_falls_with_time_since_last_purchase() {
        let recent = p_alive(&CDNOW, 4.0, 37.0, 38.0);
        let old = p_alive(&CDNOW, 4.0, 5.0, 38.0);
        assert!(recent > old && old > 0.0 && recent <= 1.0);
        // Purchase at the very end: A0 = 0, alive for sure.
        assert_eq!(p_alive(&CDNOW, 4.0, 38.0, 38.0), 1.0);
    }

    #[test]
    fn expected_purchases_limit_at_s_equal_one() {
        let at = |s| expected_if_alive(&ParetoNbdParams { s, ..CDNOW }, 2.0, 30.0, 52.0).unwrap();
        assert!((at(1.0) - (at(1.0 - 1e-7) + at(1.0 + 1e-7)) / 2.0).abs() < 1e-9);
    }
}
