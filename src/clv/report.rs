//! [`analyse`]: from orders to fitted models and explained per-customer
//! predictions.

use std::collections::HashMap;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::bgnbd::{self, BgNbdFit, BgNbdParams, Histories};
use super::gamma_gamma::{self, GammaGammaFit, Spend};
use super::pareto::{self, ParetoNbdFit, ParetoNbdParams};
use super::reasons::{Figures, Reasons, Words};
use super::summary::{summarise, CustomerSummary, Skipped, Summary, SummaryOptions};
use super::{
    validate, ClvError, ClvOptions, Fx, Insufficient, Requirement, Shortfall, TimeUnit,
    TransactionModel,
};
use crate::lang::Lang;
use crate::orders::Order;

const DAY: f64 = 86_400.0;
/// Next-order dates further out than this are reported as none.
const MAX_NEXT_ORDER_DAYS: f64 = 36_525.0;

/// Everything [`analyse`] found out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ClvReport {
    /// The transaction model used for the predictions.
    pub model: TransactionModel,
    /// Time unit of recency, T and the rate parameters.
    pub unit: TimeUnit,
    /// Start of the last day of the calibration period, Unix seconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub calibration_end: i64,
    /// Horizon of `expected_orders` and `predicted_clv`, months.
    pub horizon_months: u32,
    /// Monthly discount rate.
    pub discount_rate: f64,
    /// Currency of all money figures (minor units).
    pub currency: Option<String>,
    /// Customers with an order in the calibration period.
    pub customer_count: usize,
    /// Customers with at least one repeat purchase.
    pub repeat_buyers: usize,
    /// Repeat purchases of all customers together.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub total_repeat_purchases: u64,
    /// Days from the first order to the calibration end.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub history_days: i64,
    /// Orders used.
    pub orders_used: usize,
    /// Orders left out, by reason.
    pub orders_skipped: Skipped,
    /// The BG/NBD fit (when `model` is BG/NBD).
    pub bg_nbd: Option<BgNbdFit>,
    /// The Pareto/NBD fit (when `model` is Pareto/NBD).
    pub pareto_nbd: Option<ParetoNbdFit>,
    /// The Gamma-Gamma spend fit.
    pub gamma_gamma: GammaGammaFit,
    /// Expected order value of a customer without repeat purchases (minor units).
    pub population_aov: f64,
    /// One entry per customer, in order of first appearance in the orders.
    pub customers: Vec<CustomerClv>,
    /// Anything the user should know about the fit or the predictions.
    pub warnings: Vec<String>,
}

/// One customer's history and predictions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "ClvCustomer"))]
pub struct CustomerClv {
    /// The customer key from the orders.
    pub customer: String,
    /// Repeat purchase days in the calibration period (x).
    pub frequency: u32,
    /// Time from the first to the last purchase day (t_x), in the unit.
    pub recency: f64,
    /// Time from the first purchase day to the calibration end (T).
    pub t: f64,
    /// Mean value of the repeat purchase days, minor units; 0 without.
    pub monetary: f64,
    /// Start of the first purchase day, Unix seconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub first_order: i64,
    /// Start of the last purchase day, Unix seconds.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub last_order: i64,
    /// Probability that the customer is still active at the calibration end.
    pub p_alive: f64,
    /// Expected orders within the horizon.
    pub expected_orders: f64,
    /// Probability of at least one order within the horizon (BG/NBD only).
    pub p_order_in_horizon: Option<f64>,
    /// The day by which the customer has ordered again with probability
    /// 1/2 (Unix seconds); none when that is less likely than not, or
    /// beyond 100 years (BG/NBD only).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub expected_next_order: Option<i64>,
    /// Expected value per order (Gamma-Gamma), minor units.
    pub expected_aov: f64,
    /// Discounted value of the expected orders within the horizon, minor units.
    pub predicted_clv: f64,
    /// Short explanations of the figures, written when read.
    #[cfg_attr(feature = "ts", ts(type = "string[]"))]
    pub reasons: Reasons,
}

/// The per-customer figures the segment rules use.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CustomerScores {
    /// Probability alive.
    pub p_alive: f64,
    /// Predicted CLV over the horizon, minor units.
    pub predicted_clv: f64,
    /// Expected orders over the horizon.
    pub expected_orders: f64,
}

impl CustomerClv {
    /// The three figures for segments and rules.
    pub fn scores(&self) -> CustomerScores {
        CustomerScores {
            p_alive: self.p_alive,
            predicted_clv: self.predicted_clv,
            expected_orders: self.expected_orders,
        }
    }
}

/// A fitted transaction model, for predictions.
enum Fitted {
    Bg(BgNbdParams),
    Pareto(ParetoNbdParams),
}

impl Fitted {
    fn p_alive(&self, x: f64, t_x: f64, age: f64) -> f64 {
        match self {
            Fitted::Bg(p) => bgnbd::p_alive(p, x, t_x, age),
            Fitted::Pareto(p) => pareto::p_alive(p, x, t_x, age),
        }
    }

    /// Expected purchases in the next `t` periods divided by P(alive).
    fn per_alive(&self, x: f64, age: f64, t: f64) -> Option<f64> {
        match self {
            Fitted::Bg(p) => bgnbd::growth(p, x, age, t).map(|g| (p.a + p.b + x - 1.0) * g),
            Fitted::Pareto(p) => pareto::expected_if_alive(p, x, age, t),
        }
    }
}

/// Fits the models on the orders and predicts every customer's orders,
/// order value and CLV over the horizon.
///
/// Errors: options out of range, mixed currencies without a chosen one,
/// too little data ([`ClvError::Insufficient`], listing what is missing and
/// how much more is needed), or a fit without a finite likelihood.
pub fn analyse(orders: &[Order], opts: &ClvOptions) -> Result<ClvReport, ClvError> {
    validate(opts)?;
    let summary = summarise(orders, &summary_options(opts))?;
    analyse_summary(summary, opts)
}

/// The summary options that go with `opts`.
pub fn summary_options(opts: &ClvOptions) -> SummaryOptions {
    SummaryOptions {
        calibration_end: opts.calibration_end,
        unit: opts.unit,
        zone: opts.zone().clone(),
        currency: opts.currency.clone(),
    }
}

/// [`analyse`] from a per-customer summary that was built elsewhere, e.g.
/// by a data warehouse (see [`crate::sql::clv_summary_sql`]): the fit and
/// the predictions, without the pass over the orders. The summary's time
/// unit must be `opts.unit`; `opts.calibration_end`, `currency` and
/// `utc_offset_minutes` are not used (the summary carries them).
///
/// ```
/// use stammkunde::clv::summary::{CustomerSummary, Summary, Skipped};
/// use stammkunde::clv::{analyse_summary, ClvOptions};
/// let customers: Vec<CustomerSummary> = (0..40)
///     .map(|i| CustomerSummary {
///         customer: format!("c{i}"),
///         frequency: (i % 4) as u32,
///         recency: if i % 4 == 0 { 0.0 } else { f64::from(i % 20) },
///         t: 30.0,
///         monetary: if i % 4 == 0 { 0.0 } else { 2_000.0 + f64::from(i) * 50.0 },
///         first_order: 0,
///         last_order: 0,
///     })
///     .collect();
/// let summary = Summary { customers, end_day_start: 210 * 86_400, history_days: 210,
///     currency: Some("EUR".into()), orders_used: 100, skipped: Skipped::default() };
/// let opts = ClvOptions { min_customers: 10, min_repeat_buyers: 5, ..ClvOptions::default() };
/// let report = analyse_summary(summary, &opts).unwrap();
/// assert_eq!(report.customers.len(), 40);
/// ```
pub fn analyse_summary(summary: Summary, opts: &ClvOptions) -> Result<ClvReport, ClvError> {
    validate(opts)?;
    let cs = &summary.customers;
    let repeat_buyers = summary.repeat_buyers();
    let total_repeat_purchases = summary.total_repeat_purchases();
    let customer_count = cs.len();
    let spend = Spend::new(cs.iter().map(|c| (f64::from(c.frequency), c.monetary)));
    check_sufficiency(cs.len(), spend.customers(), summary.history_days, opts)?;

    let mut warnings = Vec::new();
    let hist = Histories::new(cs.iter().map(|c| (f64::from(c.frequency), c.recency, c.t)));
    let (fitted, bg_fit, pareto_fit) = match opts.model {
        TransactionModel::BgNbd => {
            let fit = bgnbd::fit(&hist, opts.penalizer);
            check_fit(
                "BG/NBD",
                fit.log_likelihood,
                &fit.convergence,
                opts.lang,
                &mut warnings,
            )?;
            (Fitted::Bg(fit.params), Some(fit), None)
        }
        TransactionModel::ParetoNbd => {
            let fit = pareto::fit(&hist, opts.penalizer);
            check_fit(
                "Pareto/NBD",
                fit.log_likelihood,
                &fit.convergence,
                opts.lang,
                &mut warnings,
            )?;
            (Fitted::Pareto(fit.params), None, Some(fit))
        }
    };
    let gg = gamma_gamma::fit(&spend, opts.penalizer);
    check_fit(
        "Gamma-Gamma",
        gg.log_likelihood,
        &gg.convergence,
        opts.lang,
        &mut warnings,
    )?;
    let population_aov = match gamma_gamma::expected_average_value(&gg.params, 0.0, 0.0) {
        Some(v) => v,
        None => {
            warnings.push(match opts.lang {
                Lang::En => format!(
                    "the Gamma-Gamma population mean is not finite (q = {:.3} <= 1); customers without repeat \
                     purchases get the mean of the repeat buyers' order values instead",
                    gg.params.q
                ),
                Lang::De => format!(
                    "Der Gamma-Gamma-Mittelwert der Population ist nicht endlich (q = {:.3} <= 1); Kunden ohne \
                     Wiederholungskauf bekommen stattdessen den mittleren Bestellwert der Wiederkäufer",
                    gg.params.q
                ),
            });
            spend.mean_value()
        }
    };

    let ctx = Ctx {
        fitted: &fitted,
        opts,
        end_day_start: summary.end_day_start,
        words: Arc::new(Words {
            lang: opts.lang,
            unit: opts.unit,
            months: opts.horizon_months,
            currency: summary.currency.clone().unwrap_or_default(),
            bg: matches!(fitted, Fitted::Bg(_)),
            zone: opts.zone().clone(),
        }),
    };
    let customers = predict(
        &ctx,
        summary.customers,
        &hist,
        &gg,
        population_aov,
        &mut warnings,
    );

    Ok(ClvReport {
        model: opts.model,
        unit: opts.unit,
        calibration_end: summary.end_day_start,
        horizon_months: opts.horizon_months,
        discount_rate: opts.discount_rate,
        currency: summary.currency,
        customer_count,
        repeat_buyers,
        total_repeat_purchases,
        history_days: summary.history_days,
        orders_used: summary.orders_used,
        orders_skipped: summary.skipped,
        bg_nbd: bg_fit,
        pareto_nbd: pareto_fit,
        gamma_gamma: gg,
        population_aov,
        customers,
        warnings,
    })
}

fn check_sufficiency(
    customers: usize,
    repeaters: usize,
    history: i64,
    opts: &ClvOptions,
) -> Result<(), ClvError> {
    let mut short = Vec::new();
    let mut need = |requirement, have: u64, need: u64| {
        if have < need {
            short.push(Shortfall {
                requirement,
                have,
                need,
                more_needed: need - have,
            });
        }
    };
    // At least a handful of customers whatever the options say: four
    // parameters cannot be estimated from fewer.
    need(
        Requirement::Customers,
        customers as u64,
        opts.min_customers.max(10) as u64,
    );
    need(
        Requirement::RepeatBuyers,
        repeaters as u64,
        opts.min_repeat_buyers.max(3) as u64,
    );
    need(
        Requirement::HistoryDays,
        history.max(0) as u64,
        u64::from(opts.min_history_days),
    );
    if short.is_empty() {
        Ok(())
    } else {
        Err(ClvError::Insufficient(Insufficient::new(short, opts.lang)))
    }
}

fn check_fit(
    name: &str,
    ll: f64,
    conv: &super::optimize::Convergence,
    lang: Lang,
    warnings: &mut Vec<String>,
) -> Result<(), ClvError> {
    if !ll.is_finite() {
        return Err(ClvError::FitFailed {
            message: format!(
                "{name}: the log-likelihood is not finite ({})",
                conv.message
            ),
        });
    }
    if !conv.converged {
        // The warnings are shown as they are: in the language of the options.
        warnings.push(match lang {
            Lang::En => format!(
                "{name} fit did not fully converge ({}; {} iterations, gradient {:.1e}); treat its figures with care",
                conv.message, conv.iterations, conv.gradient_norm
            ),
            Lang::De => format!(
                "Die Anpassung des Modells {name} ist nicht ganz konvergiert ({}; {} Iterationen, Gradient {:.1e}); \
                 seine Zahlen mit Vorsicht lesen",
                conv.message, conv.iterations, conv.gradient_norm
            ),
        });
    }
    Ok(())
}

struct Ctx<'a> {
    fitted: &'a Fitted,
    opts: &'a ClvOptions,
    end_day_start: i64,
    words: Arc<Words>,
}

/// Predictions for every customer. Work is shared: P(alive) per distinct
/// (x, t_x, T), expected orders and the discounted sum per distinct (x, T).
fn predict(
    ctx: &Ctx,
    cs: Vec<CustomerSummary>,
    hist: &Histories,
    gg: &GammaGammaFit,
    population_aov: f64,
    warnings: &mut Vec<String>,
) -> Vec<CustomerClv> {
    let opts = ctx.opts;
    let month = opts.unit.per_month();
    let months = opts.horizon_months;
    let horizon = f64::from(months) * month;
    let discount: Vec<f64> = (1..=months)
        .map(|k| (1.0 + opts.discount_rate).powi(-(k as i32)))
        .collect();

    // (x, T) -> (expected orders if alive over the horizon, discounted sum)
    let mut per_xt: HashMap<(u32, u32), Option<(f64, f64)>, Fx> = HashMap::default();
    // Per history (x, t_x, T): what does not depend on the order values.
    let mut per_group: Vec<Option<GroupPrediction>> = vec![None; hist.groups.len()];
    let mut failures = 0usize;
    let mut out = Vec::with_capacity(cs.len());
    for (c, &g) in cs.into_iter().zip(&hist.group_of) {
        let (Some(&(xi, _, ai, _)), Some(slot)) =
            (hist.groups.get(g as usize), per_group.get_mut(g as usize))
        else {
            continue;
        };
        let x = f64::from(c.frequency);
        let gp = slot.get_or_insert_with(|| group_prediction(ctx, x, c.recency, c.t, horizon));
        let rates = *per_xt.entry((xi, ai)).or_insert_with(|| {
            let mut prev = 0.0;
            let mut disc = 0.0;
            for (k, d) in discount.iter().enumerate() {
                let cum = ctx.fitted.per_alive(x, c.t, (k + 1) as f64 * month)?;
                disc += (cum - prev).max(0.0) * d;
                prev = cum;
            }
            Some((prev, disc))
        });
        let (per_alive, disc) = rates.unwrap_or_else(|| {
            failures += 1;
            (0.0, 0.0)
        });
        let aov = gamma_gamma::expected_average_value(&gg.params, x, c.monetary).unwrap_or(
            if c.frequency > 0 {
                c.monetary
            } else {
                population_aov
            },
        );
        let alive = gp.alive;
        let expected_orders = finite(alive * per_alive);
        let expected_aov = finite(aov);
        let predicted_clv = finite(aov * alive * disc);
        let reasons = Reasons::from_figures(Figures {
            words: Arc::clone(&ctx.words),
            frequency: c.frequency,
            ago: gp.ago,
            alive,
            expected_orders,
            expected_aov,
            predicted_clv,
            failed: rates.is_none(),
            next: gp.next,
        });
        out.push(CustomerClv {
            customer: c.customer,
            frequency: c.frequency,
            recency: c.recency,
            t: c.t,
            monetary: c.monetary,
            first_order: c.first_order,
            last_order: c.last_order,
            p_alive: alive,
            expected_orders,
            p_order_in_horizon: gp.p_within,
            expected_next_order: gp.next,
            expected_aov,
            predicted_clv,
            reasons,
        });
    }
    if failures > 0 {
        warnings.push(match opts.lang {
            Lang::En => format!(
                "expected orders could not be computed for {failures} customers; their expected orders and CLV are set to 0"
            ),
            Lang::De => format!(
                "Für {failures} Kunden ließen sich die erwarteten Bestellungen nicht berechnen; ihre erwarteten \
                 Bestellungen und ihr CLV sind auf 0 gesetzt"
            ),
        });
    }
    out
}

/// The predictions shared by all customers with one history.
#[derive(Clone, Copy)]
struct GroupPrediction {
    alive: f64,
    p_within: Option<f64>,
    next: Option<i64>,
    /// Units since the last purchase, rounded (for the reasons).
    ago: f64,
}

fn group_prediction(ctx: &Ctx, x: f64, recency: f64, age: f64, horizon: f64) -> GroupPrediction {
    let alive = finite(ctx.fitted.p_alive(x, recency, age));
    let (p_within, next) = match ctx.fitted {
        Fitted::Bg(p) => {
            let next = bgnbd::next_purchase_median(p, x, age, alive)
                .map(|w| w * ctx.opts.unit.days())
                .filter(|days| *days <= MAX_NEXT_ORDER_DAYS)
                .map(|days| {
                    ctx.end_day_start
                        .saturating_add((days * DAY).round() as i64)
                });
            (
                Some(finite(bgnbd::p_purchase_within(p, x, age, alive, horizon))),
                next,
            )
        }
        Fitted::Pareto(_) => (None, None),
    };
    GroupPrediction {
        alive,
        p_within,
        next,
        ago: (age - recency).round().max(0.0),
    }
}

fn finite(v: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        0.0
    }
}
