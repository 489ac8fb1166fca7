//! The BG/NBD model (Fader, Hardie & Lee 2005, "Counting your customers
//! the easy way"): while alive a customer buys at rate λ ~ Gamma(r, α);
//! after each purchase they drop out with probability p ~ Beta(a, b).
//!
//! Fitted by maximum likelihood with BFGS in log-parameter space. The
//! likelihood is evaluated once per group of customers with the same
//! (x, t_x, T), and the terms that depend only on x once per distinct x, so
//! a fit costs about the number of distinct histories, not customers.
//!
//! Under BG/NBD a customer without a repeat purchase has P(alive) = 1: the
//! model lets customers drop out only right after a purchase.
//!
//! ```
//! use stammkunde::clv::bgnbd::{BgNbdParams, p_alive, expected_purchases};
//! let p = BgNbdParams { r: 0.2426, alpha: 4.4136, a: 0.7929, b: 2.4259 };
//! assert_eq!(p_alive(&p, 0.0, 0.0, 38.86), 1.0);
//! let alive = p_alive(&p, 2.0, 30.43, 38.86);
//! assert!(alive > 0.0 && alive < 1.0);
//! let e = expected_purchases(&p, 2.0, 30.43, 38.86, 39.0).unwrap();
//! assert!((e - 1.226).abs() < 0.001);
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::optimize::{minimize, BfgsOptions, Convergence};
use super::special::{digamma, hyp2f1, ln_gamma};
use super::Fx;

/// BG/NBD parameters.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BgNbdParams {
    /// Shape of the purchase-rate distribution.
    pub r: f64,
    /// Scale of the purchase-rate distribution (in the time unit).
    pub alpha: f64,
    /// Beta parameter a of the drop-out probability.
    pub a: f64,
    /// Beta parameter b of the drop-out probability.
    pub b: f64,
}

/// A fitted BG/NBD model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BgNbdFit {
    /// The maximum-likelihood parameters.
    pub params: BgNbdParams,
    /// Total log-likelihood at `params`.
    pub log_likelihood: f64,
    /// How the optimiser ended.
    pub convergence: Convergence,
}

/// Customers grouped by identical (x, t_x, T), with each distinct x, t_x
/// and T stored once.
#[derive(Debug, Clone, Default)]
pub struct Histories {
    /// Distinct frequencies.
    pub xs: Vec<f64>,
    /// Distinct recencies.
    pub recencies: Vec<f64>,
    /// Distinct ages T.
    pub ages: Vec<f64>,
    /// Groups: (index into xs, into recencies, into ages, count).
    pub groups: Vec<(u32, u32, u32, f64)>,
    /// Number of customers.
    pub customers: f64,
    /// For each input triple, in input order, the index of its group.
    pub group_of: Vec<u32>,
}

impl Histories {
    /// Groups the (x, t_x, T) triples.
    pub fn new<I: IntoIterator<Item = (f64, f64, f64)>>(items: I) -> Self {
        fn idx(map: &mut HashMap<u64, u32, Fx>, vals: &mut Vec<f64>, v: f64) -> u32 {
            let n = vals.len() as u32;
            *map.entry(v.to_bits()).or_insert_with(|| {
                vals.push(v);
                n
            })
        }
        let items = items.into_iter();
        // Sized for the customers up front: growing the tables one doubling
        // at a time was a visible part of the grouping.
        let n = items.size_hint().0;
        let mut h = Histories {
            group_of: Vec::with_capacity(n),
            ..Histories::default()
        };
        let (mut mx, mut mt, mut ma) = (HashMap::default(), HashMap::default(), HashMap::default());
        let mut groups: HashMap<(u32, u32, u32), usize, Fx> =
            HashMap::with_capacity_and_hasher(n, Fx::default());
        for (x, tx, t) in items {
            let key = (
                idx(&mut mx, &mut h.xs, x),
                idx(&mut mt, &mut h.recencies, tx),
                idx(&mut ma, &mut h.ages, t),
            );
            let next = h.groups.len();
            let g = *groups.entry(key).or_insert(next);
            if g == next {
                h.groups.push((key.0, key.1, key.2, 0.0));
            }
            if let Some(entry) = h.groups.get_mut(g) {
                entry.3 += 1.0;
            }
            h.group_of.push(g as u32);
            h.customers += 1.0;
        }
        h
    }
}

/// Per-x terms of the likelihood and its gradient.
struct XTerms {
    /// ln Γ(r+x) − ln Γ(r) + ln B(a, b+x) − ln B(a, b)
    base: f64,
    /// d base / dr
    d_r: f64,
    /// d base / da
    d_a: f64,
    /// d base / db
    d_b: f64,
    /// ln(b + x − 1), used only for x > 0.
    ln_bx1: f64,
}

fn x_terms(p: &BgNbdParams, x: f64) -> XTerms {
    let (r, a, b) = (p.r, p.a, p.b);
    if x == 0.0 {
        return XTerms {
            base: 0.0,
            d_r: 0.0,
            d_a: 0.0,
            d_b: 0.0,
            ln_bx1: 0.0,
        };
    }
    let psi_ab = digamma(a + b);
    let psi_abx = digamma(a + b + x);
    XTerms {
        base: ln_gamma(r + x) - ln_gamma(r) + ln_gamma(b + x) - ln_gamma(b) + ln_gamma(a + b)
            - ln_gamma(a + b + x),
        d_r: digamma(r + x) - digamma(r),
        d_a: psi_ab - psi_abx,
        d_b: digamma(b + x) - digamma(b) + psi_ab - psi_abx,
        ln_bx1: (b + x - 1.0).ln(),
    }
}

/// The groups ordered by x, as flat arrays, so that one evaluation walks
/// each x's groups with the x-dependent terms fixed.
struct Packed {
    /// (x index, customers with this x, start, end) into `rec`/`age`/`w`.
    per_x: Vec<(usize, f64, usize, usize)>,
    rec: Vec<u32>,
    age: Vec<u32>,
    w: Vec<f64>,
}

impl Packed {
    fn new(h: &Histories) -> Self {
        let mut order: Vec<usize> = (0..h.groups.len()).collect();
        order.sort_unstable_by_key(|&g| h.groups.get(g).map(|t| (t.0, t.2, t.1)));
        let mut p = Packed {
            per_x: Vec::new(),
            rec: Vec::new(),
            age: Vec::new(),
            w: Vec::new(),
        };
        for (k, g) in order.iter().filter_map(|&g| h.groups.get(g)).enumerate() {
            let xi = g.0 as usize;
            if p.per_x.last().is_none_or(|last| last.0 != xi) {
                p.per_x.push((xi, 0.0, k, k));
            }
            if let Some(last) = p.per_x.last_mut() {
                last.1 += g.3;
                last.3 = k + 1;
            }
            p.rec.push(g.1);
            p.age.push(g.2);
            p.w.push(g.3);
        }
        p
    }
}

/// Total log-likelihood and its gradient with respect to (r, α, a, b).
pub fn log_likelihood_grad(p: &BgNbdParams, h: &Histories, grad: &mut [f64; 4]) -> f64 {
    eval_packed(p, h, &Packed::new(h), grad)
}

fn eval_packed(p: &BgNbdParams, h: &Histories, pk: &Packed, grad: &mut [f64; 4]) -> f64 {
    let BgNbdParams { r, alpha, a, b } = *p;
    let rec: Vec<(f64, f64)> = h
        .recencies
        .iter()
        .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t)))
        .collect();
    let age: Vec<(f64, f64)> = h
        .ages
        .iter()
        .map(|&t| ((alpha + t).ln(), 1.0 / (alpha + t)))
        .collect();
    let (ln_alpha, ln_a) = (alpha.ln(), a.ln());
    let (mut ll, mut gr, mut gal, mut ga, mut gb) = (0.0, 0.0, 0.0, 0.0, 0.0);
    for &(xi, wx, start, end) in &pk.per_x {
        let Some(&x) = h.xs.get(xi) else { continue };
        let t = x_terms(p, x);
        let rx = r + x;
        let rows = (
            pk.rec.get(start..end),
            pk.age.get(start..end),
            pk.w.get(start..end),
        );
        let (Some(recs), Some(ages), Some(ws)) = rows else {
            continue;
        };
        // Sums over this x's groups.
        let (mut s_l, mut s_dr, mut s_dal, mut s_p4) = (0.0, 0.0, 0.0, 0.0);
        if x == 0.0 {
            for (&ai, &w) in ages.iter().zip(ws) {
                let (ln_t, inv_t) = age.get(ai as usize).copied().unwrap_or((0.0, 0.0));
                s_l += w * ln_t;
                s_dal += w * inv_t;
            }
            ll -= rx * s_l;
            gr -= s_l;
            gal -= rx * s_dal;
            continue;
        }
        // l = log(e^a3 + e^a4), a3 = −rx ln(α+T), a4 = c − rx ln(α+t_x):
        // l = a3 + softplus(d), d = a4 − a3; p4 = sigmoid(d) is a4's share.
        let c = ln_a - t.ln_bx1;
        for ((&ti, &ai), &w) in recs.iter().zip(ages).zip(ws) {
            let (ln_t, inv_t) = age.get(ai as usize).copied().unwrap_or((0.0, 0.0));
            let (ln_tx, inv_tx) = rec.get(ti as usize).copied().unwrap_or((0.0, 0.0));
            let diff = ln_t - ln_tx;
            let d = c + rx * diff;
            let e = (-d.abs()).exp();
            let inv = 1.0 / (1.0 + e);
            let p4 = if d > 0.0 { inv } else { e * inv };
            s_l += w * (-rx * ln_t + d.max(0.0) + e.ln_1p());
            s_dr += w * (-ln_t + p4 * diff);
            s_dal += w * (inv_t + p4 * (inv_tx - inv_t));
            s_p4 += w * p4;
        }
        ll += wx * t.base + s_l;
        gr += wx * t.d_r + s_dr;
        gal -= rx * s_dal;
        ga += wx * t.d_a + s_p4 / a;
        gb += wx * t.d_b - s_p4 / (b + x - 1.0);
    }
    let n = h.customers;
    ll += n * r * ln_alpha;
    gr += n * ln_alpha;
    gal += n * r / alpha;
    *grad = [gr, gal, ga, gb];
    ll
}

/// Total log-likelihood of the histories under `p`.
pub fn log_likelihood(p: &BgNbdParams, h: &Histories) -> f64 {
    let mut g = [0.0; 4];
    log_likelihood_grad(p, h, &mut g)
}

/// Fits BG/NBD by maximum likelihood. `penalizer` adds
/// `penalizer * (r² + α² + a² + b²)` to the mean negative log-likelihood,
/// as in `lifetimes`; 0 for the plain maximum-likelihood fit.
pub fn fit(h: &Histories, penalizer: f64) -> BgNbdFit {
    let n = h.customers.max(1.0);
    let mean_age = h
        .groups
        .iter()
        .filter_map(|g| h.ages.get(g.2 as usize).map(|t| t * g.3))
        .sum::<f64>()
        / n;
    let start = [0.0, mean_age.max(1e-3).ln(), 0.0, 0.0];
    let packed = Packed::new(h);
    let objective = |theta: &[f64], g: &mut [f64]| {
        let Some(p) = params_from(theta) else {
            return f64::INFINITY;
        };
        let mut grad = [0.0; 4];
        let ll = eval_packed(&p, h, &packed, &mut grad);
        let vals = [p.r, p.alpha, p.a, p.b];
        for i in 0..4 {
            g[i] = -grad[i] * vals[i] / n + 2.0 * penalizer * vals[i] * vals[i];
        }
        -ll / n + penalizer * vals.iter().map(|v| v * v).sum::<f64>()
    };
    let m = minimize(objective, &start, &BfgsOptions::default());
    let params = params_from(&m.x).unwrap_or(BgNbdParams {
        r: 1.0,
        alpha: 1.0,
        a: 1.0,
        b: 1.0,
    });
    BgNbdFit {
        params,
        log_likelihood: log_likelihood(&params, h),
        convergence: m.convergence(),
    }
}

fn params_from(theta: &[f64]) -> Option<BgNbdParams> {
    let [r, alpha, a, b] = <[f64; 4]>::try_from(theta).ok()?.map(f64::exp);
    let ok = [r, alpha, a, b].iter().all(|v| v.is_finite() && *v > 0.0);
    ok.then_some(BgNbdParams { r, alpha, a, b })
}

/// Probability that a customer with history (x, t_x, T) is still alive at
/// T. Exactly 1 for x = 0.
///
/// ```
/// use stammkunde::clv::bgnbd::{BgNbdParams, p_alive};
/// let p = BgNbdParams { r: 0.25, alpha: 4.0, a: 0.8, b: 2.5 };
/// // A recent purchase makes being alive more likely than an old one.
/// assert!(p_alive(&p, 3.0, 35.0, 38.0) > p_alive(&p, 3.0, 10.0, 38.0));
/// ```
pub fn p_alive(p: &BgNbdParams, x: f64, t_x: f64, t: f64) -> f64 {
    if x <= 0.0 {
        return 1.0;
    }
    let l =
        p.a.ln() - (p.b + x - 1.0).ln() + (p.r + x) * ((p.alpha + t).ln() - (p.alpha + t_x).ln());
    let v = 1.0 / (1.0 + l.exp());
    if v.is_nan() {
        0.0
    } else {
        v
    }
}

/// Expected number of purchases in the next `t` periods of a customer with
/// history (x, t_x, T) (eq. 10 of the paper), computed through
/// 2F1(a+b−1−r, a−1; a+b+x−1; z) after Euler's transformation, which keeps
/// the series short for large x. `None` if it cannot be computed.
pub fn expected_purchases(p: &BgNbdParams, x: f64, t_x: f64, age: f64, t: f64) -> Option<f64> {
    let g = growth(p, x, age, t)?;
    let v = (p.a + p.b + x - 1.0) * g * p_alive(p, x, t_x, age);
    v.is_finite().then_some(v.max(0.0))
}

/// The alive-part of the expected purchases, without the factor
/// (a+b+x−1) · P(alive): `[1 − ((α+T)/(α+T+t))^(r+x) 2F1(r+x, b+x; a+b+x−1; z)] / (a−1)`,
/// z = t / (α+T+t). Depends on x and T only, so callers can share it.
pub fn growth(p: &BgNbdParams, x: f64, age: f64, t: f64) -> Option<f64> {
    if t <= 0.0 {
        return Some(0.0);
    }
    if (p.a - 1.0).abs() < 1e-4 {
        // The closed form divides by a − 1; interpolate across a = 1.
        let h = 1e-4;
        let g1 = growth_at(p, 1.0 - h, x, age, t)?;
        let g2 = growth_at(p, 1.0 + h, x, age, t)?;
        return Some(g1 + (g2 - g1) * (p.a - (1.0 - h)) / (2.0 * h));
    }
    growth_at(p, p.a, x, age, t)
}

fn growth_at(p: &BgNbdParams, a: f64, x: f64, age: f64, t: f64) -> Option<f64> {
    let (r, b) = (p.r, p.b);
    let scale = p.alpha + age;
    let z = t / (scale + t);
    let ln_1mz = -(t / scale).ln_1p();
    let bp = a - 1.0;
    // Euler: (1−z)^(r+x) 2F1(r+x, b+x; c; z) = (1−z)^(a−1) 2F1(a+b−1−r, a−1; c; z).
    let f = hyp2f1(a + b - 1.0 - r, bp, a + b + x - 1.0, z)?;
    let pow = (bp * ln_1mz).exp();
    let g = (-(bp * ln_1mz).exp_m1() - pow * (f - 1.0)) / bp;
    g.is_finite().then_some(g.max(0.0))
}

/// Probability of at least one purchase within the next `t` periods.
pub fn p_purchase_within(p: &BgNbdParams, x: f64, age: f64, p_alive: f64, t: f64) -> f64 {
    let none_if_alive = (-(p.r + x) * (t / (p.alpha + age)).ln_1p()).exp();
    (p_alive * (1.0 - none_if_alive)).clamp(0.0, 1.0)
}

/// Median time from T to the next purchase: the time by which the customer
/// has bought again with probability 1/2, counting the chance that they are
/// gone. While alive the next purchase follows after an exponential wait
/// with rate λ ~ Gamma(r+x, α+T), so
/// P(next purchase within w) = P(alive) · (1 − ((α+T)/(α+T+w))^(r+x)).
/// `None` when P(alive) <= 1/2 (more likely never than ever).
///
/// ```
/// use stammkunde::clv::bgnbd::{BgNbdParams, next_purchase_median};
/// let p = BgNbdParams { r: 1.0, alpha: 10.0, a: 0.8, b: 2.5 };
/// // x = 0, T = 0, alive for sure: Lomax(1, 10) median = 10.
/// assert!((next_purchase_median(&p, 0.0, 0.0, 1.0).unwrap() - 10.0).abs() < 1e-12);
/// assert_eq!(next_purchase_median(&p, 0.0, 0.0, 0.4), None);
/// ```
pub fn next_purchase_median(p: &BgNbdParams, x: f64, age: f64, p_alive: f64) -> Option<f64> {
    if p_alive.is_nan() || p_alive <= 0.5 {
        return None;
    }
    let q = 1.0 - 0.5 / p_alive;
    let w = (p.alpha + age) * (-q.ln() / (p.r + x)).exp_m1();
    (w.is_finite() && w >= 0.0).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    const CDNOW: BgNbdParams = BgNbdParams {
        r: 0.2426,
        alpha: 4.4136,
        a: 0.7929,
        b: 2.4259,
    };

    #[test]
    fn gradient_matches_finite_differences() {
        let h = Histories::new([
            (0.0, 0.0, 30.0),
            (2.0, 10.0, 35.0),
            (7.0, 30.0, 38.0),
            (1.0, 1.0, 2.0),
        ]);
        let p = BgNbdParams {
            r: 0.5,
            alpha: 3.0,
            a: 1.3,
            b: 2.0,
        };
        let mut g = [0.0; 4];
        log_likelihood_grad(&p, &h, &mut g);
        let base = [p.r, p.alpha, p.a, p.b];
        for i in 0..4 {
            let step = 1e-6 * base[i];
            let mut up = base;
            let mut dn = base;
            up[i] += step;
            dn[i] -= step;
            let at = |v: [f64; 4]| {
                log_likelihood(
                    &BgNbdParams {
                        r: v[0],
                        alpha: v[1],
                        a: v[2],
                        b: v[3],
                    },
                    &h,
                )
            };
            let num = (at(up) - at(dn)) / (2.0 * step);
            assert!(
                (num - g[i]).abs() < 1e-5 * (1.0 + num.abs()),
                "param {i}: {num} vs {}",
                g[i]
            );
        }
    }

    #[test]
    fn single_customer_likelihood_by_hand() {
        // x = 0: L = (α/(α+T))^r; x = 1: eq. (6) of the paper.
        let p = BgNbdParams {
            r: 0.5,
            alpha: 2.0,
            a: 1.5,
            b: 3.0,
        };
        let l0 = log_likelihood(&p, &Histories::new([(0.0, 0.0, 6.0)]));
        assert!((l0 - 0.5 * (2.0f64 / 8.0).ln()).abs() < 1e-13);
        let (x, tx, t) = (1.0, 4.0, 6.0);
        // B(a, b+1)/B(a, b) = b/(a+b); Γ(r+1)/Γ(r) = r
        let l1 = p.r * (2.0f64).powf(p.r) * p.b / (p.a + p.b)
            * ((p.alpha + t).powf(-(p.r + x))
                + p.a / (p.b + x - 1.0) * (p.alpha + tx).powf(-(p.r + x)));
        let got = log_likelihood(&p, &Histories::new([(x, tx, t)]));
        assert!((got - l1.ln()).abs() < 1e-13, "{got} vs {}", l1.ln());
    }

    #[test]
    fn groups_count_customers_once_per_history() {
        let h = Histories::new([(1.0, 2.0, 3.0), (1.0, 2.0, 3.0), (0.0, 0.0, 3.0)]);
        assert_eq!(h.groups.len(), 2);
        assert_eq!(h.customers, 3.0);
        assert_eq!(h.ages.len(), 1);
    }

    #[test]
    fn p_alive_by_hand() {
        let p = BgNbdParams {
            r: 0.5,
            alpha: 2.0,
            a: 1.0,
            b: 3.0,
        };
        // 1 / (1 + a/(b+x−1) ((α+T)/(α+t_x))^(r+x)) with x=1, t_x=2, T=6: 1/(1 + 1/3 · 2^1.5)
        let want = 1.0 / (1.0 + (1.0 / 3.0) * 2f64.powf(1.5));
        assert!((p_alive(&p, 1.0, 2.0, 6.0) - want).abs() < 1e-15);
        // Large x does not overflow.
        let v = p_alive(&CDNOW, 5_000.0, 1.0, 500.0);
        assert!((0.0..1e-100).contains(&v));
    }

    #[test]
    fn expected_purchases_match_independent_quadrature() {
        // Reference values: P(alive) · E_p[(1/p)(1 − (1 + p t/(α+T))^−(r+x))],
        // p ~ Beta(a, b+x), integrated with 30-digit adaptive quadrature
        // (mpmath), independent of the 2F1 route used here.
        let other = BgNbdParams {
            r: 1.2,
            alpha: 2.0,
            a: 3.5,
            b: 0.9,
        };
        let cases = [
            (CDNOW, 0.0, 0.0, 30.0, 52.0, 0.30715440064896),
            (CDNOW, 2.0, 30.43, 38.86, 39.0, 1.225922657987),
            (CDNOW, 12.0, 20.0, 38.0, 150.0, 0.4418737514361),
            (CDNOW, 1.0, 0.5, 1.0, 520.0, 11.845331212459),
            (CDNOW, 0.0, 0.0, 0.1, 5_200.0, 12.044961584857),
            (other, 0.0, 0.0, 30.0, 52.0, 0.80917048973784),
            (other, 2.0, 30.43, 38.86, 39.0, 0.28957862133579),
            (other, 12.0, 20.0, 38.0, 150.0, 0.0076005389842742),
            (other, 1.0, 0.5, 1.0, 520.0, 0.25848297779911),
            (other, 0.0, 0.0, 0.1, 5_200.0, 1.3597901442225),
        ];
        for (p, x, tx, age, t, want) in cases {
            let got = expected_purchases(&p, x, tx, age, t).unwrap();
            assert!(
                (got - want).abs() < 1e-9 * want,
                "{p:?} {x} {t}: {got} vs {want}"
            );
        }
    }

    #[test]
    fn expected_purchases_cross_a_equal_one_smoothly() {
        let mk = |a| BgNbdParams { a, ..CDNOW };
        let lo = expected_purchases(&mk(1.0 - 2e-4), 3.0, 20.0, 38.0, 52.0).unwrap();
        let at = expected_purchases(&mk(1.0), 3.0, 20.0, 38.0, 52.0).unwrap();
        let hi = expected_purchases(&mk(1.0 + 2e-4), 3.0, 20.0, 38.0, 52.0).unwrap();
        assert!(lo < at + 1e-9 && at < hi + 1e-9 || lo > at - 1e-9 && at > hi - 1e-9);
        assert!((at - (lo + hi) / 2.0).abs() < 1e-6);
    }

    #[test]
    fn long_horizons_and_large_frequencies_stay_finite() {
        for &(x, tx, age) in &[
            (0.0, 0.0, 0.0),
            (0.0, 0.0, 0.1),
            (1.0, 0.5, 1.0),
            (400.0, 700.0, 730.0),
        ] {
            for &t in &[1e-6, 1.0, 52.0, 520.0, 5_200.0] {
                let e = expected_purchases(&CDNOW, x, tx, age, t);
                assert!(
                    e.is_some_and(|v| v.is_finite() && v >= 0.0),
                    "{x} {age} {t}: {e:?}"
                );
            }
        }
    }

    #[test]
    fn next_purchase_median_is_the_half_point() {
        let (x, age, alive) = (3.0, 30.0, 0.8);
        let w = next_purchase_median(&CDNOW, x, age, alive).unwrap();
        assert!((p_purchase_within(&CDNOW, x, age, alive, w) - 0.5).abs() < 1e-12);
    }
}
