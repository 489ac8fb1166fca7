//! SQL for a data warehouse: the same per-customer figures, RFM scores,
//! ABC classes, built-in segments and rule segments that
//! [`crate::segments::Segmentation`] computes, and the CLV summary of
//! [`crate::clv::summary`], as one query for DuckDB, PostgreSQL or
//! BigQuery, so that the pass over hundreds of millions of orders runs
//! where the orders are.
//!
//! The query reads one table of orders (the *table contract*; every column
//! name can be mapped, see [`Columns`]):
//!
//! | column | type | meaning |
//! | --- | --- | --- |
//! | `order_id` | text or integer | the shop's order id; a repeated id counts once |
//! | `customer_id` | text or integer | customer key (surrounding spaces ignored) |
//! | `placed_at` | TIMESTAMP (UTC) or TIMESTAMPTZ; or Unix seconds with [`SqlOptions::epoch_seconds`] | when the order was placed |
//! | `total_minor` | integer | gross total in minor units (cents) |
//! | `currency` | text | ISO 4217 code |
//! | `status` | text | `completed` (or anything else, or NULL), `cancelled`/`canceled`/`voided`, `refunded`, `partially_refunded` |
//! | `refunded_minor` | integer, optional | refunded amount of a `partially_refunded` order ([`SqlOptions::refunded_column`]) |
//!
//! Equality with the engine is by construction and tested on DuckDB and
//! PostgreSQL: ties share the lowest quintile score, the ABC class follows
//! the revenue share of the customers strictly above, days are cut at the
//! shop's local midnight, cancelled, refunded and fully refunded orders
//! count nowhere. The as-of day and every cut-off derived from it are
//! computed here and written into the query as constants.
//!
//! ```
//! use stammkunde::segments::{Config, RuleDef};
//! use stammkunde::sql::{segments_sql, Dialect, SqlOptions};
//! let config = Config {
//!     rules: vec![RuleDef { id: "big".into(), name: String::new(), rule: "amount_spent > 500".into() }],
//!     ..Config::default()
//! };
//! let options = SqlOptions { as_of_day: 20_393, ..SqlOptions::new(Dialect::DuckDb) };
//! let sql = segments_sql(&config, &options).unwrap();
//! assert!(sql.contains("FROM \"orders\""));
//! assert!(sql.contains("AS \"rule_big\""));
//! let bad = Config { rules: vec![RuleDef { id: "p".into(), name: String::new(),
//!     rule: "products_purchased(sku: 'TEE')".into() }], ..Config::default() };
//! let err = segments_sql(&bad, &options).unwrap_err();
//! assert!(err.to_string().contains("products_purchased"));
//! ```

mod clv;
mod dialect;
mod rules;
mod segments;

pub use self::clv::clv_summary_sql;
pub use self::dialect::Dialect;
pub use self::segments::segments_sql;

/// The names of the input columns in the orders table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    /// Order id (default `order_id`).
    pub order_id: String,
    /// Customer key (default `customer_id`).
    pub customer_id: String,
    /// Time placed (default `placed_at`).
    pub placed_at: String,
    /// Gross total, minor units (default `total_minor`).
    pub total_minor: String,
    /// Currency code (default `currency`).
    pub currency: String,
    /// Status (default `status`).
    pub status: String,
}

impl Default for Columns {
    fn default() -> Self {
        Columns {
            order_id: "order_id".into(),
            customer_id: "customer_id".into(),
            placed_at: "placed_at".into(),
            total_minor: "total_minor".into(),
            currency: "currency".into(),
            status: "status".into(),
        }
    }
}

impl Columns {
    /// Maps one contract column to the table's column, e.g.
    /// `set("customer_id", "kundennummer")`. `Err` names the contract
    /// columns when `contract` is none of them.
    pub fn set(&mut self, contract: &str, column: &str) -> Result<(), SqlError> {
        let slot = match contract.trim() {
            "order_id" => &mut self.order_id,
            "customer_id" => &mut self.customer_id,
            "placed_at" => &mut self.placed_at,
            "total_minor" => &mut self.total_minor,
            "currency" => &mut self.currency,
            "status" => &mut self.status,
            other => {
                return Err(SqlError::new(
                    format!("'{other}' is not a column of the table contract"),
                    "map one of order_id, customer_id, placed_at, total_minor, currency, status (e.g. customer_id=kundennummer)",
                ))
            }
        };
        column.trim().clone_into(slot);
        Ok(())
    }
}

/// Options of the generated SQL.
#[derive(Debug, Clone, PartialEq)]
pub struct SqlOptions {
    /// The dialect.
    pub dialect: Dialect,
    /// The orders table, optionally qualified (`shop.orders`,
    /// `project.dataset.orders`). Default `orders`.
    pub table: String,
    /// Column names.
    pub columns: Columns,
    /// The column with the refunded amount of partially refunded orders
    /// (minor units); `None`: partially refunded orders count in full.
    pub refunded_column: Option<String>,
    /// `placed_at` holds Unix seconds (an integer) instead of a timestamp.
    pub epoch_seconds: bool,
    /// The as-of day (days since 1970-01-01, local), e.g. from
    /// [`crate::segments::dates::parse_date`]; for the CLV summary the end
    /// of the calibration period. Orders after it are left out.
    pub as_of_day: i32,
    /// The shop's offset from UTC in minutes, to cut days at local midnight.
    pub utc_offset_minutes: i32,
    /// Use only orders in this currency; `None`: the table holds one currency.
    pub currency: Option<String>,
    /// `order_id` is unique in the table: skip the step that keeps one row
    /// per repeated id (faster on large tables).
    pub unique_ids: bool,
}

impl SqlOptions {
    /// Defaults for a dialect: table `orders`, the contract's column names,
    /// as of 1970-01-01 (set `as_of_day`), UTC days.
    pub fn new(dialect: Dialect) -> SqlOptions {
        SqlOptions {
            dialect,
            table: "orders".into(),
            columns: Columns::default(),
            refunded_column: None,
            epoch_seconds: false,
            as_of_day: 0,
            utc_offset_minutes: 0,
            currency: None,
            unique_ids: false,
        }
    }
}

/// Why no SQL could be written: what, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SqlError {
    /// What is wrong, naming the construct (e.g. a rule's condition).
    pub reason: String,
    /// How to fix it.
    pub fix: String,
}

impl SqlError {
    pub(crate) fn new(reason: impl Into<String>, fix: impl Into<String>) -> SqlError {
        SqlError {
            reason: reason.into(),
            fix: fix.into(),
        }
    }
}

impl std::fmt::Display for SqlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}; {}", self.reason, self.fix)
    }
}

impl std::error::Error for SqlError {}

/// The first CTE of every query: the contract's columns under fixed names,
/// typed, with the order's local day.
pub(crate) fn source(o: &SqlOptions) -> String {
    let d = o.dialect;
    let col = |name: &str| format!("o.{}", d.ident(name));
    let c = &o.columns;
    let seconds = if o.epoch_seconds {
        col(&c.placed_at)
    } else {
        d.epoch(&col(&c.placed_at))
    };
    let refunded = match &o.refunded_column {
        Some(r) => format!("COALESCE(CAST({} AS {}), 0)", col(r), d.bigint()),
        None => "0".into(),
    };
    format!(
        "  source_ AS (\n    SELECT\n      CAST({id} AS {text}) AS order_id,\n      CAST({customer} AS {text}) AS customer_raw,\n      {seconds} AS seconds,\n      {day} AS day,\n      CAST({total} AS {bigint}) AS total,\n      COALESCE(LOWER(TRIM(CAST({status} AS {text}))), '') AS status,\n      {refunded} AS refunded,\n      UPPER(TRIM(CAST({currency} AS {text}))) AS currency\n    FROM {table} AS o\n  )",
        id = col(&c.order_id),
        text = d.text(),
        customer = col(&c.customer_id),
        day = d.day(&seconds, i64::from(o.utc_offset_minutes) * 60),
        total = col(&c.total_minor),
        bigint = d.bigint(),
        status = col(&c.status),
        currency = col(&c.currency),
        table = d.table(&o.table),
    )
}

/// The statuses that leave an order out of every figure.
pub(crate) const CANCELLED: &str = "('cancelled', 'canceled', 'voided', 'refunded')";
