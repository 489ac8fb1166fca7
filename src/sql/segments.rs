//! The segment query: one row per customer with the engine's figures,
//! scores, classes and segment memberships.

use super::rules::{compile, Scope};
use super::{source, SqlError, SqlOptions, CANCELLED};
use crate::rules::Rule;
use crate::segments::{Builtin, Config, RfmSegment};

/// Latest accepted time (2200-01-01), as the order table has it.
const LATEST: i64 = 7_258_118_400;

/// The column a rule's segment gets: `rule_` and the id, with every
/// character that is not a letter, digit or `_` replaced by `_`.
pub(crate) fn rule_column(id: &str) -> String {
    let clean: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    format!("rule_{clean}")
}

/// Writes the query that computes, per customer with an order up to the
/// as-of day: `customer`, `orders`, `revenue` (minor units),
/// `first_order`, `last_order` (DATE), `days_since_last_order`,
/// `median_days_between_orders`, `average_order_value` (minor units),
/// `recency`, `frequency`, `monetary` (1 to 5), `rfm_segment` (e.g.
/// `at_risk`), `abc` (`A`, `B`, `C`), one boolean per built-in segment
/// (`high_revenue`, `new_customers`, `frequent_buyers`, `sleepers`,
/// `churn_warning`, `vip`) and one per rule (`rule_<id>`), ordered by
/// customer.
///
/// Thresholds, shares and rules come from `config` (its `as_of` and
/// `utc_offset_minutes` are not used: the options carry them). Errors:
/// product or category segments and rules the table cannot express
/// (`products_purchased`, CLV fields), named with the rule and construct.
pub fn segments_sql(config: &Config, o: &SqlOptions) -> Result<String, SqlError> {
    let d = o.dialect;
    config
        .validate()
        .map_err(|e| SqlError::new(e.to_string(), "fix the option"))?;
    if !config.products.is_empty() || !config.categories.is_empty() {
        return Err(SqlError::new(
            "product and category segments need line items, which the orders table does not have",
            "leave --product and --category out for SQL; compute them with stammkunde segment",
        ));
    }
    let as_of = o.as_of_day;
    let f = |x: f64| d.float(x);
    let dbl = |e: &str| d.to_double(e);

    // Every segment by id, as a boolean over the columns of `classified_`,
    // so that rules can refer to segments (`segment = 'vip'`).
    let mut scope = Scope::default();
    let new_cut = config.new_within.before(as_of);
    let sleep_cut = config.sleepers_after.before(as_of);
    for b in Builtin::ALL {
        let expr = match b {
            Builtin::HighRevenue => format!("revenue > {}", config.high_revenue),
            Builtin::NewCustomers => format!("first_day >= {new_cut}"),
            Builtin::FrequentBuyers => format!("orders > {}", config.frequent_more_than),
            Builtin::Sleepers => format!("last_day < {sleep_cut}"),
            Builtin::ChurnWarning => format!(
                "(orders >= {} AND median_gap IS NOT NULL AND {} > {} * median_gap)",
                config.churn_min_orders,
                dbl("days_since_last_order"),
                f(config.churn_gap_factor)
            ),
            // ⌈share × customers⌉ top ranks, as the engine counts them.
            Builtin::Vip => format!(
                "(revenue > 0 AND higher_ < GREATEST(CEIL({} * {} - {}), 0))",
                f(config.vip_share),
                dbl("n_"),
                f(1e-9)
            ),
            // Needs CLV values, which SQL does not have.
            Builtin::LikelyChurned => continue,
        };
        scope.add(b.id(), b.id(), format!("COALESCE({expr}, FALSE)"));
    }
    for s in RfmSegment::ALL {
        scope.add(
            &format!("rfm:{}", s.id()),
            "",
            format!("rfm_segment = {}", d.string(s.id())),
        );
    }
    for class in ["A", "B", "C"] {
        scope.add(
            &format!("abc:{class}"),
            "",
            format!("abc = {}", d.string(class)),
        );
    }
    for def in &config.rules {
        let rule = Rule::parse(&def.rule).map_err(|e| {
            SqlError::new(
                format!("rule '{}': {e}", def.id),
                "fix the rule; stammkunde segment shows the same error",
            )
        })?;
        let expr = compile(rule.expr(), &scope, o).map_err(|e| SqlError {
            reason: format!("rule '{}' ({}): {}", def.id, def.rule, e.reason),
            fix: e.fix,
        })?;
        let column = rule_column(&def.id);
        if scope.has_column(&column) {
            return Err(SqlError::new(
                format!(
                    "the rules '{}' and another give the same column {column}",
                    def.id
                ),
                "give the rules ids that differ in letters or digits",
            ));
        }
        scope.add(&format!("rule:{}", def.id), &column, expr);
    }

    let rfm_case = {
        let mut arms = String::new();
        for r in 1..=5u8 {
            for fq in 1..=5u8 {
                let s = RfmSegment::from_scores(r, fq);
                arms.push_str(&format!(
                    " WHEN {} THEN {}",
                    u32::from(r) * 10 + u32::from(fq),
                    d.string(s.id())
                ));
            }
        }
        format!("CASE 10 * recency + frequency{arms} END")
    };
    // The tolerance as the engine applies it: share < a − 1e-9 is A.
    let a_limit = config.abc_a - 1e-9;
    let b_limit = config.abc_a + config.abc_b - 1e-9;
    let score = |below: &str| format!("LEAST(5, 1 + {})", d.int_div(&format!("5 * {below}"), "n_"));
    let dedupe = if o.unique_ids {
        "  unique_ AS (SELECT * FROM source_)".to_string()
    } else {
        // A repeated order id counts once (the engine keeps the first copy
        // of the file; a table has no order, so the copies must agree).
        "  unique_ AS (\n    SELECT * FROM (\n      SELECT s.*, ROW_NUMBER() OVER (PARTITION BY order_id ORDER BY seconds, customer_raw, total, status, refunded) AS copy_\n      FROM source_ AS s\n    ) AS numbered_\n    WHERE copy_ = 1\n  )".to_string()
    };
    let currency = match &o.currency {
        Some(c) => format!(
            "\n      AND currency = {}",
            d.string(&c.trim().to_ascii_uppercase())
        ),
        None => String::new(),
    };
    let outputs: Vec<String> = scope
        .columns()
        .map(|(column, expr)| format!("    {expr} AS {}", d.ident(column)))
        .collect();

    Ok(format!(
        "-- stammkunde {version}: segments per customer as of {date} ({dialect})
WITH
{source},
{dedupe},
  orders_ AS (
    SELECT
      TRIM(customer_raw) AS customer,
      day,
      CASE WHEN status = 'partially_refunded' THEN total - refunded ELSE total END AS net
    FROM unique_
    WHERE status NOT IN {CANCELLED}
      AND NOT (status = 'partially_refunded' AND (refunded < 0 OR refunded >= total))
      AND seconds >= 0 AND seconds < {LATEST}
      AND total >= 0
      AND customer_raw IS NOT NULL AND TRIM(customer_raw) <> ''{currency}
      AND day <= {as_of}
  ),
  days_ AS (
    SELECT customer, day, COUNT(*) AS day_orders, SUM(net) AS day_net
    FROM orders_
    GROUP BY customer, day
  ),
  gaps_ AS (
    SELECT d.*, day - LAG(day) OVER (PARTITION BY customer ORDER BY day) AS gap
    FROM days_ AS d
  ),
  ranked_gaps_ AS (
    -- The first day has no gap and ranks 0; the gaps rank 1 to count_.
    SELECT g.*,
      ROW_NUMBER() OVER (PARTITION BY customer ORDER BY COALESCE(gap, -1)) - 1 AS rank_,
      COUNT(gap) OVER (PARTITION BY customer) AS count_
    FROM gaps_ AS g
  ),
  customers_ AS (
    -- One pass per customer; the middle gap (or the two middle gaps) give the median.
    SELECT
      customer,
      SUM(day_orders) AS orders,
      SUM(day_net) AS revenue,
      MIN(day) AS first_day,
      MAX(day) AS last_day,
      SUM(CASE WHEN {middle} THEN gap END) AS median_sum_,
      COUNT(CASE WHEN {middle} THEN gap END) AS median_count_
    FROM ranked_gaps_
    GROUP BY customer
  ),
  ranked_ AS (
    SELECT
      c.customer, CAST(c.orders AS {bigint}) AS orders, CAST(c.revenue AS {bigint}) AS revenue,
      c.first_day, c.last_day,
      CASE WHEN c.median_count_ > 0 THEN {sum_gap} / {count_gap} END AS median_gap,
      COUNT(*) OVER () AS n_,
      RANK() OVER (ORDER BY c.last_day) - 1 AS r_below_,
      RANK() OVER (ORDER BY c.orders) - 1 AS f_below_,
      RANK() OVER (ORDER BY c.revenue) - 1 AS m_below_,
      RANK() OVER (ORDER BY c.revenue DESC) - 1 AS higher_,
      SUM(GREATEST(c.revenue, 0)) OVER () AS positive_total_,
      SUM(GREATEST(c.revenue, 0)) OVER (ORDER BY c.revenue DESC)
        - SUM(GREATEST(c.revenue, 0)) OVER (PARTITION BY c.revenue) AS above_
    FROM customers_ AS c
  ),
  quintiled_ AS (
    SELECT
      customer, orders, revenue, first_day, last_day, median_gap, n_, higher_,
      {as_of} - last_day AS days_since_last_order,
      {rev_d} / {orders_d} AS average_order_value,
      {recency} AS recency,
      {frequency} AS frequency_q_,
      LEAST(GREATEST(orders, 1), 5) AS frequency_c_,
      {monetary} AS monetary,
      CASE WHEN positive_total_ > 0 THEN {above_d} / {total_d} ELSE {zero} END AS share_above_
    FROM ranked_
  ),
  cuts_ AS (
    -- How many F scores the quintiles and the order counts fill.
    SELECT COUNT(DISTINCT frequency_q_) AS quintiles_, COUNT(DISTINCT frequency_c_) AS counts_
    FROM quintiled_
  ),
  scored_ AS (
    -- F is the order count (5 for five or more) when ties collapse the
    -- quintiles and the counts fill more scores, as the engine scores it.
    SELECT q.*,
      CASE
        WHEN k.quintiles_ < 5 AND k.counts_ > k.quintiles_ THEN q.frequency_c_
        ELSE q.frequency_q_
      END AS frequency
    FROM quintiled_ AS q CROSS JOIN cuts_ AS k
  ),
  classified_ AS (
    SELECT
      s.*,
      {rfm_case} AS rfm_segment,
      CASE
        WHEN revenue <= 0 THEN 'C'
        WHEN share_above_ < {a_limit} THEN 'A'
        WHEN share_above_ < {b_limit} THEN 'B'
        ELSE 'C'
      END AS abc
    FROM scored_ AS s
  )
SELECT
    customer,
    orders,
    revenue,
    {first} AS first_order,
    {last} AS last_order,
    days_since_last_order,
    median_gap AS median_days_between_orders,
    average_order_value,
    recency,
    frequency,
    monetary,
    rfm_segment,
    abc,
{outputs}
FROM classified_
ORDER BY customer
",
        version = crate::VERSION,
        date = crate::segments::dates::format_date(as_of, crate::segments::Lang::En),
        dialect = d.name(),
        source = source(o),
        middle = "gap IS NOT NULL AND 2 * rank_ BETWEEN count_ AND count_ + 2",
        sum_gap = dbl("c.median_sum_"),
        count_gap = dbl("c.median_count_"),
        bigint = d.bigint(),
        rev_d = dbl("revenue"),
        orders_d = dbl("orders"),
        recency = score("r_below_"),
        frequency = score("f_below_"),
        monetary = score("m_below_"),
        above_d = dbl("above_"),
        total_d = dbl("positive_total_"),
        zero = f(0.0),
        a_limit = f(a_limit),
        b_limit = f(b_limit),
        first = d.date_of_day("first_day"),
        last = d.date_of_day("last_day"),
        outputs = outputs.join(",\n"),
    ))
}
