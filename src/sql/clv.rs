//! The CLV summary query: per customer `frequency`, `recency`, `T` and
//! `monetary` as [`crate::clv::summary::summarise`] computes them, the
//! input of `stammkunde clv --from-summary`.

use super::{source, SqlOptions, CANCELLED};
use crate::clv::TimeUnit;

/// Writes the query that computes the CLV summary of every customer with
/// an order up to the end of the calibration period
/// ([`SqlOptions::as_of_day`], which still counts): columns `customer`,
/// `frequency` (repeat purchase days), `recency` and `T` (in `unit`) and
/// `monetary` (mean value of the repeat purchase days, minor units; 0
/// without), ordered by customer.
///
/// As in the engine: all orders of a customer on one local day are one
/// purchase; cancelled and refunded orders are left out; a partially
/// refunded order counts with its net total (never below 0); an order id
/// repeated for the same customer and day counts once.
///
/// ```
/// use stammkunde::clv::TimeUnit;
/// use stammkunde::sql::{clv_summary_sql, Dialect, SqlOptions};
/// let sql = clv_summary_sql(&SqlOptions { as_of_day: 10_000, ..SqlOptions::new(Dialect::BigQuery) }, TimeUnit::Weeks);
/// assert!(sql.contains("AS `T`"));
/// ```
pub fn clv_summary_sql(o: &SqlOptions, unit: TimeUnit) -> String {
    let d = o.dialect;
    let dbl = |e: &str| d.to_double(e);
    let currency = match &o.currency {
        Some(c) => format!(
            "\n      AND currency = {}",
            d.string(&c.trim().to_ascii_uppercase())
        ),
        None => String::new(),
    };
    let dedupe = if o.unique_ids {
        "  unique_ AS (SELECT * FROM source_)".to_string()
    } else {
        "  unique_ AS (\n    SELECT * FROM (\n      SELECT s.*, ROW_NUMBER() OVER (PARTITION BY customer_raw, day, order_id ORDER BY seconds, total, status, refunded) AS copy_\n      FROM source_ AS s\n    ) AS numbered_\n    WHERE copy_ = 1\n  )".to_string()
    };
    let unit_days = d.float(unit.days());
    format!(
        "-- stammkunde {version}: CLV summary per customer, calibration end {date}, time in {unit_name} ({dialect})
WITH
{source},
{dedupe},
  days_ AS (
    SELECT
      customer_raw AS customer,
      day,
      SUM(GREATEST(CASE WHEN status = 'partially_refunded' THEN total - refunded ELSE total END, 0)) AS value
    FROM unique_
    WHERE status NOT IN {CANCELLED}
      AND customer_raw IS NOT NULL AND TRIM(customer_raw) <> ''
      AND day <= {end}{currency}
    GROUP BY customer_raw, day
  ),
  numbered_days_ AS (
    SELECT d.*, ROW_NUMBER() OVER (PARTITION BY customer ORDER BY day) AS n_
    FROM days_ AS d
  ),
  customers_ AS (
    SELECT
      customer,
      COUNT(*) - 1 AS frequency,
      MIN(day) AS first_day,
      MAX(day) AS last_day,
      SUM(CASE WHEN n_ > 1 THEN value ELSE 0 END) AS repeat_value
    FROM numbered_days_
    GROUP BY customer
  )
SELECT
    c.customer,
    CAST(c.frequency AS {bigint}) AS frequency,
    {recency} / {unit_days} AS recency,
    {age} / {unit_days} AS {t},
    CASE WHEN c.frequency > 0
      THEN {repeat} / {freq}
      ELSE {zero}
    END AS monetary
FROM customers_ AS c
ORDER BY c.customer
",
        version = crate::VERSION,
        date = crate::segments::dates::format_date(o.as_of_day, crate::segments::Lang::En),
        unit_name = match unit {
            TimeUnit::Days => "days",
            TimeUnit::Weeks => "weeks",
        },
        dialect = d.name(),
        source = source(o),
        end = o.as_of_day,
        bigint = d.bigint(),
        recency = dbl("c.last_day - c.first_day"),
        age = dbl(&format!("{} - c.first_day", o.as_of_day)),
        t = d.ident("T"),
        repeat = dbl("c.repeat_value"),
        freq = dbl("c.frequency"),
        zero = d.float(0.0),
    )
}
