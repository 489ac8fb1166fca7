//! Quasi-Newton minimisation: BFGS with a strong Wolfe line search.
//!
//! The models are fitted in log-parameter space, so every parameter stays
//! positive and the search is unconstrained. The objective returns its value
//! and fills in the gradient; a non-finite value counts as "too far" and the
//! line search steps back.
//!
//! ```
//! use stammkunde::clv::optimize::{minimize, BfgsOptions};
//! // Rosenbrock's banana, minimum at (1, 1).
//! let m = minimize(
//!     |x, g| {
//!         let (a, b) = (x[0], x[1]);
//!         g[0] = -2.0 * (1.0 - a) - 400.0 * a * (b - a * a);
//!         g[1] = 200.0 * (b - a * a);
//!         (1.0 - a).powi(2) + 100.0 * (b - a * a).powi(2)
//!     },
//!     &[-1.2, 1.0],
//!     &BfgsOptions::default(),
//! );
//! assert!(m.converged);
//! assert!((m.x[0] - 1.0).abs() < 1e-6 && (m.x[1] - 1.0).abs() < 1e-6);
//! ```

use serde::{Deserialize, Serialize};

/// When to stop.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BfgsOptions {
    /// Stop once the largest gradient component is at most this.
    pub gradient_tolerance: f64,
    /// At most this many iterations (line searches).
    pub max_iterations: usize,
    /// At most this many objective evaluations in all.
    pub max_evaluations: usize,
    /// No coordinate moves more than this in one step (guards `exp` of
    /// log-parameters against overflow).
    pub max_step: f64,
}

impl Default for BfgsOptions {
    fn default() -> Self {
        BfgsOptions {
            gradient_tolerance: 1e-8,
            max_iterations: 500,
            max_evaluations: 2_000,
            max_step: 5.0,
        }
    }
}

/// How the optimiser ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvConvergence"))]
pub struct Convergence {
    /// Whether the gradient tolerance was reached.
    pub converged: bool,
    /// Iterations (line searches) done.
    pub iterations: usize,
    /// Objective evaluations done.
    pub evaluations: usize,
    /// Largest absolute gradient component at the end (log-parameter space,
    /// objective = mean negative log-likelihood per customer).
    pub gradient_norm: f64,
    /// Why it stopped, in words.
    pub message: String,
}

/// The result of [`minimize`].
#[derive(Debug, Clone, PartialEq)]
pub struct Minimum {
    /// The best point found.
    pub x: Vec<f64>,
    /// The objective there.
    pub value: f64,
    /// Whether the gradient tolerance was reached.
    pub converged: bool,
    /// Iterations done.
    pub iterations: usize,
    /// Objective evaluations done.
    pub evaluations: usize,
    /// Largest absolute gradient component at `x`.
    pub gradient_norm: f64,
    /// Why it stopped.
    pub message: String,
}

impl Minimum {
    /// The convergence summary reported with a fit.
    pub fn convergence(&self) -> Convergence {
        Convergence {
            converged: self.converged,
            iterations: self.iterations,
            evaluations: self.evaluations,
            gradient_norm: self.gradient_norm,
            message: self.message.clone(),
        }
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

fn max_abs(a: &[f64]) -> f64 {
    a.iter().fold(
        0.0,
        |m, v| if v.is_nan() { f64::NAN } else { m.max(v.abs()) },
    )
}

/// One evaluated point.
#[derive(Clone)]
struct Point {
    x: Vec<f64>,
    f: f64,
    g: Vec<f64>,
}

struct Evaluator<F> {
    f: F,
    count: usize,
}

impl<F: FnMut(&[f64], &mut [f64]) -> f64> Evaluator<F> {
    fn eval(&mut self, x: Vec<f64>) -> Point {
        let mut g = vec![0.0; x.len()];
        let mut f = (self.f)(&x, &mut g);
        self.count += 1;
        if !f.is_finite() || g.iter().any(|v| !v.is_finite()) {
            f = f64::INFINITY;
        }
        Point { x, f, g }
    }
}

/// Minimises `f` from `x0` by BFGS. `f(x, grad)` returns the objective and
/// writes the gradient into `grad`.
pub fn minimize<F>(f: F, x0: &[f64], opts: &BfgsOptions) -> Minimum
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let n = x0.len();
    let mut ev = Evaluator { f, count: 0 };
    let mut cur = ev.eval(x0.to_vec());
    let finish =
        |p: Point, iterations: usize, evaluations: usize, converged: bool, msg: &str| Minimum {
            gradient_norm: max_abs(&p.g),
            x: p.x,
            value: p.f,
            converged,
            iterations,
            evaluations,
            message: msg.to_string(),
        };
    if !cur.f.is_finite() {
        return finish(
            cur,
            0,
            ev.count,
            false,
            "the objective is not finite at the start point",
        );
    }
    // Inverse Hessian approximation, row-major.
    let mut h = identity(n);
    let mut first = true;
    for iter in 0..opts.max_iterations {
        if max_abs(&cur.g) <= opts.gradient_tolerance {
            return finish(cur, iter, ev.count, true, "gradient below tolerance");
        }
        if ev.count >= opts.max_evaluations {
            return finish(cur, iter, ev.count, false, "evaluation limit reached");
        }
        let mut p = mat_vec(&h, &cur.g, n);
        p.iter_mut().for_each(|v| *v = -*v);
        if dot(&p, &cur.g) >= 0.0 {
            // Not a descent direction: restart from steepest descent.
            h = identity(n);
            first = true;
            p = cur.g.iter().map(|v| -v).collect();
        }
        let longest = max_abs(&p);
        let alpha_max = if longest > 0.0 {
            opts.max_step / longest
        } else {
            1.0
        };
        let Some(next) = line_search(&mut ev, &cur, &p, alpha_max.min(1.0), alpha_max) else {
            let converged = max_abs(&cur.g) <= opts.gradient_tolerance * 100.0;
            let msg = if converged {
                "no further decrease possible; gradient near tolerance (limit of double precision)"
            } else {
                "line search found no decrease"
            };
            return finish(cur, iter, ev.count, converged, msg);
        };
        let s: Vec<f64> = next.x.iter().zip(&cur.x).map(|(a, b)| a - b).collect();
        let y: Vec<f64> = next.g.iter().zip(&cur.g).map(|(a, b)| a - b).collect();
        let sy = dot(&s, &y);
        if sy > 1e-12 * dot(&s, &s).sqrt() * dot(&y, &y).sqrt() {
            if first {
                let scale = sy / dot(&y, &y);
                h = identity(n);
                h.iter_mut().for_each(|v| *v *= scale);
                first = false;
            }
            bfgs_update(&mut h, &s, &y, sy, n);
        }
        cur = next;
    }
    let converged = max_abs(&cur.g) <= opts.gradient_tolerance;
    finish(
        cur,
        opts.max_iterations,
        ev.count,
        converged,
        "iteration limit reached",
    )
}

fn identity(n: usize) -> Vec<f64> {
    let mut m = vec![0.0; n * n];
    for i in 0..n {
        m[i * n + i] = 1.0;
    }
    m
}

fn mat_vec(m: &[f64], v: &[f64], n: usize) -> Vec<f64> {
    (0..n).map(|i| dot(&m[i * n..i * n + n], v)).collect()
}

/// H <- (I - ρ s yᵀ) H (I - ρ y sᵀ) + ρ s sᵀ, ρ = 1 / sᵀy.
fn bfgs_update(h: &mut [f64], s: &[f64], y: &[f64], sy: f64, n: usize) {
    let rho = 1.0 / sy;
    let hy = mat_vec(h, y, n);
    let yhy = dot(y, &hy);
    for i in 0..n {
        for j in 0..n {
            h[i * n + j] +=
                -rho * (hy[i] * s[j] + s[i] * hy[j]) + (rho * rho * yhy + rho) * s[i] * s[j];
        }
    }
}

const C1: f64 = 1e-4;
const C2: f64 = 0.9;

/// Strong Wolfe line search (Nocedal & Wright, algorithms 3.5 and 3.6).
fn line_search<F>(
    ev: &mut Evaluator<F>,
    start: &Point,
    p: &[f64],
    alpha0: f64,
    alpha_max: f64,
) -> Option<Point>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let d0 = dot(&start.g, p);
    let at = |ev: &mut Evaluator<F>, alpha: f64| {
        let x = start.x.iter().zip(p).map(|(x, d)| x + alpha * d).collect();
        let pt = ev.eval(x);
        let d = dot(&pt.g, p);
        (pt, d)
    };
    let mut prev_alpha = 0.0;
    let mut prev = (start.clone(), d0);
    let mut alpha = alpha0;
    for i in 0..40 {
        let (pt, d) = at(ev, alpha);
        if pt.f > start.f + C1 * alpha * d0 || (i > 0 && pt.f >= prev.0.f) {
            return zoom(ev, start, p, d0, (prev_alpha, prev), (alpha, (pt, d)));
        }
        if d.abs() <= -C2 * d0 {
            return Some(pt);
        }
        if d >= 0.0 {
            return zoom(ev, start, p, d0, (alpha, (pt, d)), (prev_alpha, prev));
        }
        if alpha >= alpha_max {
            return Some(pt);
        }
        prev_alpha = alpha;
        prev = (pt, d);
        alpha = (alpha * 2.0).min(alpha_max);
    }
    (prev.0.f < start.f).then_some(prev.0)
}

type Probe = (f64, (Point, f64));

fn zoom<F>(
    ev: &mut Evaluator<F>,
    start: &Point,
    p: &[f64],
    d0: f64,
    lo: Probe,
    hi: Probe,
) -> Option<Point>
where
    F: FnMut(&[f64], &mut [f64]) -> f64,
{
    let (mut a_lo, (mut p_lo, mut d_lo)) = lo;
    let (mut a_hi, (mut p_hi, mut d_hi)) = hi;
    for _ in 0..40 {
        let a = interpolate(a_lo, p_lo.f, d_lo, a_hi, p_hi.f, d_hi);
        let x = start.x.iter().zip(p).map(|(x, d)| x + a * d).collect();
        let pt = ev.eval(x);
        let d = dot(&pt.g, p);
        if pt.f > start.f + C1 * a * d0 || pt.f >= p_lo.f {
            a_hi = a;
            p_hi = pt;
            d_hi = d;
        } else {
            if d.abs() <= -C2 * d0 {
                return Some(pt);
            }
            if d * (a_hi - a_lo) >= 0.0 {
                a_hi = a_lo;
                p_hi = p_lo;
                d_hi = d_lo;
            }
            a_lo = a;
            p_lo = pt;
            d_lo = d;
        }
        if (a_hi - a_lo).abs() < 1e-14 * a_lo.abs().max(1e-10) {
            break;
        }
    }
    // Accept the best point with sufficient decrease, even without the
    // curvature condition.
    (a_lo != 0.0 && p_lo.f < start.f).then_some(p_lo)
}

/// Minimiser of the cubic through two points with slopes, kept inside the
/// middle 80 % of the interval; bisection when the cubic is unusable.
fn interpolate(a0: f64, f0: f64, d0: f64, a1: f64, f1: f64, d1: f64) -> f64 {
    let (lo, hi) = if a0 < a1 { (a0, a1) } else { (a1, a0) };
    let width = hi - lo;
    let mid = 0.5 * (a0 + a1);
    if !f1.is_finite() {
        // Too far: step back towards the good end.
        return a0 + 0.2 * (a1 - a0);
    }
    let d1_ = d0 + d1 - 3.0 * (f0 - f1) / (a0 - a1);
    let disc = d1_ * d1_ - d0 * d1;
    if disc < 0.0 || !disc.is_finite() {
        return mid;
    }
    let d2 = (a1 - a0).signum() * disc.sqrt();
    let denom = d1 - d0 + 2.0 * d2;
    if denom == 0.0 {
        return mid;
    }
    let a = a1 - (a1 - a0) * (d1 + d2 - d1_) / denom;
    if !a.is_finite() {
        return mid;
    }
    a.clamp(lo + 0.1 * width, hi - 0.1 * width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quadratic_converges_quickly() {
        let m = minimize(
            |x, g| {
                g[0] = 2.0 * (x[0] - 3.0);
                g[1] = 20.0 * (x[1] + 1.0);
                (x[0] - 3.0).powi(2) + 10.0 * (x[1] + 1.0).powi(2)
            },
            &[0.0, 0.0],
            &BfgsOptions::default(),
        );
        assert!(m.converged, "{}", m.message);
        assert!((m.x[0] - 3.0).abs() < 1e-8 && (m.x[1] + 1.0).abs() < 1e-8);
        assert!(m.iterations < 20);
    }

    #[test]
    fn non_finite_regions_are_stepped_around() {
        // f = x - ln x is undefined for x <= 0; minimum at x = 1.
        let m = minimize(
            |x, g| {
                g[0] = 1.0 - 1.0 / x[0];
                x[0] - x[0].ln()
            },
            &[8.0],
            &BfgsOptions::default(),
        );
        assert!(m.converged, "{}", m.message);
        assert!((m.x[0] - 1.0).abs() < 1e-7);
    }

    #[test]
    fn a_bad_start_is_reported_not_panicked() {
        let m = minimize(|_, _| f64::NAN, &[1.0], &BfgsOptions::default());
        assert!(!m.converged);
        assert!(m.message.contains("not finite"));
    }
}
