//! The Gamma-Gamma spend model (Fader, Hardie & Lee 2005, "RFM and CLV",
//! after Colombo & Jiang 1999): a customer's order values scatter around
//! their own mean, Gamma(p, ν) with ν ~ Gamma(q, γ) across customers. The
//! model is fitted on the repeat buyers' mean repeat-order values; `v` is in
//! the unit of the values (minor units in Stammkunde).
//!
//! ```
//! use stammkunde::clv::gamma_gamma::{GammaGammaParams, expected_average_value};
//! let p = GammaGammaParams { p: 6.25, q: 3.74, v: 15.44 };
//! // Without repeat purchases: the population mean p·v/(q−1).
//! let pop = expected_average_value(&p, 0.0, 0.0).unwrap();
//! assert!((pop - 6.25 * 15.44 / 2.74).abs() < 1e-12);
//! // More repeat purchases pull the estimate towards the customer's own mean.
//! let few = expected_average_value(&p, 1.0, 100.0).unwrap();
//! let many = expected_average_value(&p, 20.0, 100.0).unwrap();
//! assert!(few < many && many < 100.0);
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::optimize::{minimize, BfgsOptions, Convergence};
use super::special::{digamma, ln_gamma};
use super::Fx;

/// Gamma-Gamma parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GammaGammaParams {
    /// Shape of the order values around a customer's mean.
    pub p: f64,
    /// Shape of the customers' rate parameter.
    pub q: f64,
    /// Scale of the customers' rate parameter (in minor units).
    pub v: f64,
}

/// A fitted Gamma-Gamma model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct GammaGammaFit {
    /// The maximum-likelihood parameters.
    pub params: GammaGammaParams,
    /// Total log-likelihood at `params` (it shifts with the money unit:
    /// values in cents give a different constant than values in euros).
    pub log_likelihood: f64,
    /// How the optimiser ended.
    pub convergence: Convergence,
    /// Repeat buyers the model was fitted on (mean value > 0).
    pub customers: usize,
}

/// Repeat buyers grouped by identical (x, mean value), the groups of one x
/// stored together so that a likelihood evaluation handles the x-dependent
/// terms once per x and does one logarithm per group.
#[derive(Debug, Clone, Default)]
pub struct Spend {
    /// Per distinct x: (x, ln x, customers, Σ w ln m, start, end) with
    /// start..end the range of its groups in `xm` and `w`.
    per_x: Vec<(f64, f64, f64, f64, usize, usize)>,
    /// x · m of each group.
    xm: Vec<f64>,
    /// Customers in each group.
    w: Vec<f64>,
    customers: f64,
    value_sum: f64,
}

impl Spend {
    /// Groups (x, mean value) pairs; pairs with x < 1 or a value <= 0 are
    /// left out (they carry no spend information).
    pub fn new<I: IntoIterator<Item = (f64, f64)>>(items: I) -> Self {
        let items = items.into_iter();
        let mut counts: HashMap<(u64, u64), f64, Fx> =
            HashMap::with_capacity_and_hasher(items.size_hint().0, Fx::default());
        let mut s = Spend::default();
        for (x, m) in items {
            if !(x >= 1.0 && m > 0.0 && m.is_finite()) {
                continue;
            }
            *counts.entry((x.to_bits(), m.to_bits())).or_default() += 1.0;
            s.customers += 1.0;
            s.value_sum += m;
        }
        let mut groups: Vec<(f64, f64, f64)> = counts
            .into_iter()
            .map(|((x, m), w)| (f64::from_bits(x), f64::from_bits(m), w))
            .collect();
        groups.sort_unstable_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        for (k, &(x, m, w)) in groups.iter().enumerate() {
            if k == 0 || groups.get(k - 1).is_none_or(|g| g.0 != x) {
                s.per_x.push((x, x.ln(), 0.0, 0.0, k, k));
            }
            if let Some(px) = s.per_x.last_mut() {
                px.2 += w;
                px.3 += w * m.ln();
                px.5 = k + 1;
            }
            s.xm.push(x * m);
            s.w.push(w);
        }
        s
    }

    /// Number of repeat buyers used.
    pub fn customers(&self) -> usize {
        self.customers as usize
    }

    /// Mean of the customers' mean values (weighted by customer).
    pub fn mean_value(&self) -> f64 {
        self.value_sum / self.customers.max(1.0)
    }
}

/// Total log-likelihood and gradient with respect to (p, q, v).
pub fn log_likelihood_grad(par: &GammaGammaParams, s: &Spend, grad: &mut [f64; 3]) -> f64 {
    let GammaGammaParams { p, q, v } = *par;
    let ln_v = v.ln();
    let (mut ll, mut gp, mut gq, mut gv) = (0.0, 0.0, 0.0, 0.0);
    for &(x, ln_x, wx, sum_ln_m, start, end) in &s.per_x {
        let (px, pxq) = (p * x, p * x + q);
        let (lg, psi_pxq, psi_px) = (ln_gamma(pxq) - ln_gamma(px), digamma(pxq), digamma(px));
        // Σ w ln(x m + v) and Σ w / (x m + v) over this x's groups.
        let (mut sum_ln, mut sum_inv) = (0.0, 0.0);
        let xm = s.xm.get(start..end).unwrap_or_default();
        let w = s.w.get(start..end).unwrap_or_default();
        for (&xm, &w) in xm.iter().zip(w) {
            let t = xm + v;
            sum_ln += w * t.ln();
            sum_inv += w / t;
        }
        ll += wx * (lg + px * ln_x) + (px - 1.0) * sum_ln_m - pxq * sum_ln;
        gp += x * (wx * (psi_pxq - psi_px + ln_x) + sum_ln_m - sum_ln);
        gq += wx * psi_pxq - sum_ln;
        gv -= pxq * sum_inv;
    }
    let n = s.customers;
    ll += n * (q * ln_v - ln_gamma(q));
    gq += n * (ln_v - digamma(q));
    gv += n * q / v;
    *grad = [gp, gq, gv];
    ll
}

/// Total log-likelihood.
pub fn log_likelihood(par: &GammaGammaParams, s: &Spend) -> f64 {
    let mut g = [0.0; 3];
    log_likelihood_grad(par, s, &mut g)
}

/// Fits the model by maximum likelihood; `penalizer` as in BG/NBD.
pub fn fit(s: &Spend, penalizer: f64) -> GammaGammaFit {
    let n = s.customers.max(1.0);
    // Start at p = 1, q = 2 with the population mean equal to the data's.
    let start = [0.0, 2f64.ln(), s.mean_value().max(1e-9).ln()];
    let objective = |theta: &[f64], g: &mut [f64]| {
        let Some(par) = params_from(theta) else {
            return f64::INFINITY;
        };
        let mut grad = [0.0; 3];
        let ll = log_likelihood_grad(&par, s, &mut grad);
        let vals = [par.p, par.q, par.v];
        for i in 0..3 {
            g[i] = -grad[i] * vals[i] / n + 2.0 * penalizer * vals[i] * vals[i];
        }
        -ll / n + penalizer * vals.iter().map(|v| v * v).sum::<f64>()
    };
    let m = minimize(objective, &start, &BfgsOptions::default());
    let params = params_from(&m.x).unwrap_or(GammaGammaParams {
        p: 1.0,
        q: 2.0,
        v: 1.0,
    });
    GammaGammaFit {
        params,
        log_likelihood: log_likelihood(&params, s),
        convergence: m.convergence(),
        customers: s.customers(),
    }
}

fn params_from(theta: &[f64]) -> Option<GammaGammaParams> {
    let [p, q, v] = <[f64; 3]>::try_from(theta).ok()?.map(f64::exp);
    [p, q, v]
        .iter()
        .all(|x| x.is_finite() && *x > 0.0)
        .then_some(GammaGammaParams { p, q, v })
}

/// Expected mean order value of a customer with `x` repeat purchases of mean
/// value `m`: (p (v + x m)) / (p x + q − 1), the population mean p v / (q − 1)
/// for x = 0. `None` when the mean is not finite (q <= 1 and too few
/// purchases).
///
/// Repeat purchases worth 0 (`x >= 1`, `m = 0`: free replacements, orders
/// paid in full with a voucher) are data, as in the reference
/// implementation (`lifetimes`' `conditional_expected_average_profit`):
/// the estimate is the population mean shrunk towards 0,
/// p v / (p x + q − 1). They are left out of the fit only, whose
/// likelihood has no value at m = 0 (`lifetimes` refuses such input).
///
/// ```
/// use stammkunde::clv::gamma_gamma::{GammaGammaParams, expected_average_value};
/// let p = GammaGammaParams { p: 6.25, q: 3.74, v: 15.44 };
/// let population = expected_average_value(&p, 0.0, 0.0).unwrap();
/// let free = expected_average_value(&p, 2.0, 0.0).unwrap();
/// assert!((free - 6.25 * 15.44 / (2.0 * 6.25 + 2.74)).abs() < 1e-12);
/// assert!(free < population);
/// ```
pub fn expected_average_value(par: &GammaGammaParams, x: f64, m: f64) -> Option<f64> {
    let (x, m) = if x >= 1.0 && m >= 0.0 && m.is_finite() {
        (x, m)
    } else {
        (0.0, 0.0)
    };
    let denom = par.p * x + par.q - 1.0;
    if denom <= 0.0 {
        return None;
    }
    let v = par.p * (par.v + x * m) / denom;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gradient_matches_finite_differences() {
        let s = Spend::new([(1.0, 20.0), (3.0, 35.5), (3.0, 35.5), (10.0, 12.0)]);
        let par = GammaGammaParams {
            p: 2.0,
            q: 3.0,
            v: 40.0,
        };
        let mut g = [0.0; 3];
        log_likelihood_grad(&par, &s, &mut g);
        let base = [par.p, par.q, par.v];
        for i in 0..3 {
            let h = 1e-6 * base[i];
            let (mut up, mut dn) = (base, base);
            up[i] += h;
            dn[i] -= h;
            let at = |v: [f64; 3]| {
                log_likelihood(
                    &GammaGammaParams {
                        p: v[0],
                        q: v[1],
                        v: v[2],
                    },
                    &s,
                )
            };
            let num = (at(up) - at(dn)) / (2.0 * h);
            assert!(
                (num - g[i]).abs() < 1e-5 * (1.0 + num.abs()),
                "{i}: {num} vs {}",
                g[i]
            );
        }
    }

    #[test]
    fn likelihood_of_one_customer_by_hand() {
        // x = 1: the mean is one Gamma(p, ν) draw, ν ~ Gamma(q, v):
        // f(m) = Γ(p+q)/(Γ(p)Γ(q)) v^q m^(p−1) / (v+m)^(p+q).
        let par = GammaGammaParams {
            p: 2.0,
            q: 3.0,
            v: 4.0,
        };
        let m: f64 = 5.0;
        let want = (ln_gamma(5.0) - ln_gamma(2.0) - ln_gamma(3.0)) + 3.0 * 4f64.ln() + m.ln()
            - 5.0 * 9f64.ln();
        assert!((log_likelihood(&par, &Spend::new([(1.0, m)])) - want).abs() < 1e-12);
    }

    #[test]
    fn spend_skips_non_buyers_and_non_positive_values() {
        let s = Spend::new([(0.0, 0.0), (2.0, -5.0), (2.0, 10.0)]);
        assert_eq!(s.customers(), 1);
    }

    #[test]
    fn infinite_population_mean_is_refused() {
        let par = GammaGammaParams {
            p: 1.0,
            q: 0.8,
            v: 10.0,
        };
        assert_eq!(expected_average_value(&par, 0.0, 0.0), None);
        assert!(expected_average_value(&par, 2.0, 30.0).is_some());
    }
}
