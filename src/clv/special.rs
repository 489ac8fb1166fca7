//! Special functions for the CLV models: log-gamma, digamma, the Gauss
//! hypergeometric function and log-space sums.
//!
//! All functions take and return `f64` and never panic. Where a value is
//! undefined they return NaN or `None`, and the callers check.
//!
//! ```
//! use stammkunde::clv::special::{hyp2f1, ln_gamma};
//! // Γ(5) = 24
//! assert!((ln_gamma(5.0) - 24f64.ln()).abs() < 1e-13);
//! // 2F1(1, 1; 2; z) = -ln(1 - z) / z
//! let z = 0.9;
//! let f = hyp2f1(1.0, 1.0, 2.0, z).unwrap();
//! assert!((f - (-(1.0 - z as f64).ln() / z)).abs() < 1e-12);
//! ```

use std::f64::consts::PI;

/// Lanczos coefficients (g = 7, n = 9); relative error about 1e-15.
const LANCZOS_G: f64 = 7.0;
const LANCZOS: [f64; 9] = [
    0.999_999_999_999_809_9,
    676.520_368_121_885_1,
    -1_259.139_216_722_402_8,
    771.323_428_777_653_1,
    -176.615_029_162_140_6,
    12.507_343_278_686_905,
    -0.138_571_095_265_720_12,
    9.984_369_578_019_572e-6,
    1.505_632_735_149_311_6e-7,
];
/// ln(sqrt(2π)).
const LN_SQRT_2PI: f64 = 0.918_938_533_204_672_8;

/// ln Γ(x) for x > 0 (Lanczos).
fn ln_gamma_pos(x: f64) -> f64 {
    let x = x - 1.0;
    let mut sum = LANCZOS[0];
    for (i, c) in LANCZOS.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + LANCZOS_G + 0.5;
    LN_SQRT_2PI + (x + 0.5) * t.ln() - t + sum.ln()
}

/// ln |Γ(x)| and the sign of Γ(x).
///
/// At the poles (0, -1, -2, ...) the logarithm is `+inf` and the sign 1, so
/// that `exp(-ln)` gives the reciprocal gamma function's value 0.
pub fn ln_gamma_signed(x: f64) -> (f64, f64) {
    if x.is_nan() {
        return (f64::NAN, 1.0);
    }
    if x >= 0.5 {
        return (ln_gamma_pos(x), 1.0);
    }
    if x == x.floor() {
        return (f64::INFINITY, 1.0);
    }
    // Reflection: Γ(x) Γ(1 - x) = π / sin(πx); Γ(1 - x) > 0 here.
    let s = sin_pi(x);
    let ln = PI.ln() - s.abs().ln() - ln_gamma_pos(1.0 - x);
    (ln, if s < 0.0 { -1.0 } else { 1.0 })
}

/// sin(πx), accurate near the integers.
fn sin_pi(x: f64) -> f64 {
    let r = x - 2.0 * (x / 2.0).floor(); // in [0, 2)
    if r <= 0.5 {
        (PI * r).sin()
    } else if r <= 1.5 {
        (PI * (1.0 - r)).sin()
    } else {
        (PI * (r - 2.0)).sin()
    }
}

/// ln Γ(x) for x > 0; for x <= 0 the logarithm of |Γ(x)|.
///
/// ```
/// use stammkunde::clv::special::ln_gamma;
/// assert!((ln_gamma(0.5) - std::f64::consts::PI.sqrt().ln()).abs() < 1e-14);
/// assert!(ln_gamma(1.0).abs() < 1e-14);
/// ```
pub fn ln_gamma(x: f64) -> f64 {
    ln_gamma_signed(x).0
}

/// The digamma function ψ(x) = d/dx ln Γ(x).
///
/// ```
/// use stammkunde::clv::special::digamma;
/// // ψ(1) = -γ (Euler-Mascheroni)
/// assert!((digamma(1.0) + 0.577_215_664_901_532_9).abs() < 1e-14);
/// ```
pub fn digamma(x: f64) -> f64 {
    if x.is_nan() || x == f64::NEG_INFINITY {
        return f64::NAN;
    }
    if x <= 0.0 {
        if x == x.floor() {
            return f64::NAN;
        }
        // Reflection: ψ(1 - x) - ψ(x) = π cot(πx).
        return digamma(1.0 - x) - PI / (PI * x).tan();
    }
    let mut x = x;
    let mut acc = 0.0;
    while x < 10.0 {
        acc -= 1.0 / x;
        x += 1.0;
    }
    // Asymptotic series with Bernoulli numbers B2..B12.
    let inv = 1.0 / x;
    let inv2 = inv * inv;
    let tail = inv2
        * (1.0 / 12.0
            - inv2
                * (1.0 / 120.0
                    - inv2
                        * (1.0 / 252.0
                            - inv2
                                * (1.0 / 240.0 - inv2 * (1.0 / 132.0 - inv2 * 691.0 / 32_760.0)))));
    acc + x.ln() - 0.5 * inv - tail
}

/// ln(e^a + e^b) without overflow.
///
/// ```
/// use stammkunde::clv::special::log_add_exp;
/// assert!((log_add_exp(1000.0, 1000.0) - (1000.0 + 2f64.ln())).abs() < 1e-12);
/// ```
pub fn log_add_exp(a: f64, b: f64) -> f64 {
    let (hi, lo) = if a >= b { (a, b) } else { (b, a) };
    if lo == f64::NEG_INFINITY {
        return hi;
    }
    hi + (lo - hi).exp().ln_1p()
}

/// ln Σ e^(x_i) without overflow; `-inf` for an empty slice.
///
/// ```
/// use stammkunde::clv::special::log_sum_exp;
/// let v = log_sum_exp(&[0.0, 0.0, 0.0, 0.0]);
/// assert!((v - 4f64.ln()).abs() < 1e-15);
/// ```
pub fn log_sum_exp(xs: &[f64]) -> f64 {
    let max = xs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !max.is_finite() {
        return max;
    }
    max + xs.iter().map(|x| (x - max).exp()).sum::<f64>().ln()
}

/// The power series of 2F1(a, b; c; z), summed until the tail is below
/// double precision. `None` if it did not settle within `max_terms`.
fn hyp2f1_series(a: f64, b: f64, c: f64, z: f64, max_terms: usize) -> Option<f64> {
    let mut term = 1.0;
    let mut sum = 1.0;
    for n in 0..max_terms {
        let k = n as f64;
        let ratio = (a + k) * (b + k) / ((c + k) * (k + 1.0)) * z;
        term *= ratio;
        sum += term;
        if term == 0.0 {
            return Some(sum);
        }
        if !sum.is_finite() {
            return None;
        }
        // Later ratios tend to z; bound the rest of the series by a
        // geometric tail once the terms shrink.
        let q = ratio.abs().max(z.abs());
        if n > 1 && q < 1.0 && term.abs() * q / (1.0 - q) <= 1e-16 * sum.abs() {
            return Some(sum);
        }
    }
    None
}

/// The Gauss hypergeometric function 2F1(a, b; c; z) for real parameters
/// and z < 1.
///
/// Uses the power series where it converges quickly, the Pfaff
/// transformation for z < 0 and the linear transformation to 1 - z near
/// z = 1 (with the degenerate case c - a - b near an integer handled by
/// Richardson extrapolation). `None` when the value is undefined (c a non-positive
/// integer, z >= 1) or could not be computed to a finite number.
///
/// ```
/// use stammkunde::clv::special::hyp2f1;
/// // 2F1(a, b; b; z) = (1 - z)^-a
/// let v = hyp2f1(0.7, 2.5, 2.5, 0.99).unwrap();
/// assert!((v - 0.01f64.powf(-0.7)).abs() < 1e-9 * v);
/// assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.0), None);
/// ```
pub fn hyp2f1(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    if !(a.is_finite() && b.is_finite() && c.is_finite() && z.is_finite()) || z >= 1.0 {
        return None;
    }
    if c <= 0.0 && c == c.floor() {
        return None;
    }
    if z == 0.0 {
        return Some(1.0);
    }
    if z < 0.0 {
        // Pfaff: 2F1(a,b;c;z) = (1-z)^-a 2F1(a, c-b; c; z/(z-1)), z/(z-1) in (0, 1).
        let w = z / (z - 1.0);
        let f = hyp2f1(a, c - b, c, w)?;
        let v = f * (-a * (-z).ln_1p()).exp();
        return v.is_finite().then_some(v);
    }
    let cap = if z <= 0.75 { 5_000 } else { 500 };
    if let Some(v) = hyp2f1_series(a, b, c, z, cap) {
        return Some(v);
    }
    if z > 0.5 {
        if let Some(v) = hyp2f1_near_one(a, b, c, z) {
            return Some(v);
        }
    }
    // Last resort, bounded so that a fit wandering into extreme parameters
    // stays responsive (None makes the optimiser step back).
    hyp2f1_series(a, b, c, z, 100_000)
}

/// 2F1 for 0.5 < z < 1 through the linear transformation to 1 - z
/// (Abramowitz & Stegun 15.3.6).
fn hyp2f1_near_one(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let m = c - a - b;
    let off = m - m.round();
    if off.abs() < 1e-5 {
        // The two terms blow up at integer c - a - b. Evaluate around the
        // degenerate point c0 at c0 ± h and c0 ± 2h: Richardson gives the
        // value at c0 to O(h⁴), the central difference the slope for the
        // small offset to c. The terms vary like (1 - z)^±m, so the step
        // shrinks with |ln(1 - z)|.
        let h = 1e-3 / (1.0 - (1.0 - z).ln());
        let c0 = c - off;
        let f1 = connection(a, b, c0 + h, z)?;
        let f_1 = connection(a, b, c0 - h, z)?;
        let f2 = connection(a, b, c0 + 2.0 * h, z)?;
        let f_2 = connection(a, b, c0 - 2.0 * h, z)?;
        let centre = (4.0 * (f1 + f_1) - (f2 + f_2)) / 6.0;
        let slope = (f1 - f_1) / (2.0 * h);
        let v = centre + off * slope;
        return v.is_finite().then_some(v);
    }
    connection(a, b, c, z)
}

fn connection(a: f64, b: f64, c: f64, z: f64) -> Option<f64> {
    let w = 1.0 - z;
    let m = c - a - b;
    let (lc, sc) = ln_gamma_signed(c);
    let (lm, sm) = ln_gamma_signed(m);
    let (lca, sca) = ln_gamma_signed(c - a);
    let (lcb, scb) = ln_gamma_signed(c - b);
    let (lnm, snm) = ln_gamma_signed(-m);
    let (la, sa) = ln_gamma_signed(a);
    let (lb, sb) = ln_gamma_signed(b);
    let s1 = hyp2f1_series(a, b, 1.0 - m, w, 10_000)?;
    let s2 = hyp2f1_series(c - a, c - b, 1.0 + m, w, 10_000)?;
    let t1 = sc * sm * sca * scb * (lc + lm - lca - lcb).exp() * s1;
    let t2 = sc * snm * sa * sb * (m * w.ln() + lc + lnm - la - lb).exp() * s2;
    let v = t1 + t2;
    v.is_finite().then_some(v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, rel: f64) -> bool {
        (a - b).abs() <= rel * b.abs().max(1e-300)
    }

    #[test]
    fn ln_gamma_matches_factorials_and_reflection() {
        let mut fact = 1.0f64;
        for n in 1..30 {
            assert!(close(ln_gamma(n as f64), fact.ln(), 1e-13) || fact == 1.0);
            fact *= n as f64;
        }
        // Γ(-0.5) = -2 sqrt(π)
        let (l, s) = ln_gamma_signed(-0.5);
        assert_eq!(s, -1.0);
        assert!(close(l, (2.0 * PI.sqrt()).ln(), 1e-13));
        assert_eq!(ln_gamma_signed(-2.0).0, f64::INFINITY);
        // Large argument against Stirling's series.
        let x = 1e6f64;
        let stirling = (x - 0.5) * x.ln() - x + LN_SQRT_2PI + 1.0 / (12.0 * x);
        assert!(close(ln_gamma(x), stirling, 1e-14));
    }

    #[test]
    fn digamma_matches_known_values() {
        let gamma = 0.577_215_664_901_532_9;
        assert!(close(digamma(0.5), -gamma - 2.0 * 2f64.ln(), 1e-14));
        // ψ(n+1) = H_n - γ
        let h10: f64 = (1..=10).map(|k| 1.0 / k as f64).sum();
        assert!(close(digamma(11.0), h10 - gamma, 1e-14));
        // Against a numerical derivative of ln Γ.
        for &x in &[0.24, 0.79, 2.43, 17.3, 250.0] {
            let h = 1e-5 * x;
            let num = (ln_gamma(x + h) - ln_gamma(x - h)) / (2.0 * h);
            assert!(close(digamma(x), num, 1e-8), "x = {x}");
        }
        assert!(close(
            digamma(-0.5),
            digamma(1.5) + PI * 0.0 - PI / (-0.5 * PI).tan(),
            1e-14
        ));
    }

    #[test]
    fn log_sums_do_not_overflow() {
        assert!(close(
            log_add_exp(-1000.0, -1001.0),
            -1000.0 + (-1f64).exp().ln_1p(),
            1e-15
        ));
        assert_eq!(log_add_exp(3.0, f64::NEG_INFINITY), 3.0);
        assert_eq!(log_sum_exp(&[]), f64::NEG_INFINITY);
        assert!(close(
            log_sum_exp(&[800.0, 800.0]),
            800.0 + 2f64.ln(),
            1e-15
        ));
    }

    #[test]
    fn hyp2f1_elementary_cases() {
        for &z in &[-5.0, -0.7, 0.1, 0.5, 0.8, 0.95, 0.999, 0.999_999] {
            // ln(1 - z) = -z 2F1(1, 1; 2; z)
            let f = hyp2f1(1.0, 1.0, 2.0, z).unwrap();
            assert!(close(f, -(1.0 - z).ln() / z, 1e-10), "z = {z}: {f}");
            // (1 - z)^-a = 2F1(a, b; b; z)
            let f = hyp2f1(0.3, 1.7, 1.7, z).unwrap();
            assert!(close(f, (1.0 - z).powf(-0.3), 1e-10), "z = {z}");
            // arcsin: 2F1(1/2, 1/2; 3/2; z^2) = asin(z)/z
            if z > 0.0 {
                let s = z.sqrt();
                let f = hyp2f1(0.5, 0.5, 1.5, z).unwrap();
                assert!(close(f, s.asin() / s, 1e-9), "z = {z}");
            }
        }
    }

    #[test]
    fn hyp2f1_near_one_matches_gauss_sum_limit() {
        // For c - a - b > 0, 2F1(a,b;c;1) = Γ(c)Γ(c-a-b) / (Γ(c-a)Γ(c-b)).
        let (a, b, c) = (0.4, 0.7, 2.6);
        let gauss = (ln_gamma(c) + ln_gamma(c - a - b) - ln_gamma(c - a) - ln_gamma(c - b)).exp();
        let f = hyp2f1(a, b, c, 1.0 - 1e-12).unwrap();
        assert!(close(f, gauss, 1e-5), "{f} vs {gauss}");
    }

    #[test]
    fn hyp2f1_degenerate_parameters_are_continuous() {
        // c - a - b = 1 exactly, and a hair away from it.
        let z = 0.97;
        let exact = hyp2f1(0.5, 0.5, 2.0, z).unwrap();
        let near = hyp2f1(0.5, 0.5, 2.0 + 1e-9, z).unwrap();
        let series = hyp2f1_series(0.5, 0.5, 2.0, z, 1_000_000).unwrap();
        assert!(close(exact, series, 1e-7), "{exact} vs {series}");
        assert!(close(near, series, 1e-7));
    }

    #[test]
    fn hyp2f1_rejects_undefined_points() {
        assert_eq!(hyp2f1(1.0, 1.0, -2.0, 0.5), None);
        assert_eq!(hyp2f1(1.0, 1.0, 2.0, 1.5), None);
        assert_eq!(hyp2f1(f64::NAN, 1.0, 2.0, 0.5), None);
    }
}
