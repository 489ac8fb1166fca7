//! What differs between the SQL dialects: types, literals, quoting,
//! integer division, epoch seconds and dates.

/// A SQL dialect [`crate::sql`] writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// DuckDB (also what MotherDuck runs).
    DuckDb,
    /// PostgreSQL 12 or later.
    Postgres,
    /// Google BigQuery (GoogleSQL).
    BigQuery,
}

impl Dialect {
    /// The names [`Dialect::parse`] accepts.
    pub const NAMES: &'static str = "duckdb, postgres, bigquery";

    /// `duckdb`, `postgres` (or `postgresql`), `bigquery`; case-insensitive.
    ///
    /// ```
    /// use stammkunde::sql::Dialect;
    /// assert_eq!(Dialect::parse("PostgreSQL"), Some(Dialect::Postgres));
    /// assert_eq!(Dialect::parse("oracle"), None);
    /// ```
    pub fn parse(name: &str) -> Option<Dialect> {
        match name.trim().to_ascii_lowercase().as_str() {
            "duckdb" => Some(Dialect::DuckDb),
            "postgres" | "postgresql" | "pg" => Some(Dialect::Postgres),
            "bigquery" | "bq" | "googlesql" => Some(Dialect::BigQuery),
            _ => None,
        }
    }

    /// The dialect's name.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::DuckDb => "duckdb",
            Dialect::Postgres => "postgres",
            Dialect::BigQuery => "bigquery",
        }
    }

    pub(crate) fn double(self) -> &'static str {
        match self {
            Dialect::DuckDb => "DOUBLE",
            Dialect::Postgres => "DOUBLE PRECISION",
            Dialect::BigQuery => "FLOAT64",
        }
    }

    pub(crate) fn bigint(self) -> &'static str {
        match self {
            Dialect::BigQuery => "INT64",
            _ => "BIGINT",
        }
    }

    pub(crate) fn text(self) -> &'static str {
        match self {
            Dialect::DuckDb => "VARCHAR",
            Dialect::Postgres => "TEXT",
            Dialect::BigQuery => "STRING",
        }
    }

    /// A quoted identifier (a column or table name part).
    pub(crate) fn ident(self, name: &str) -> String {
        match self {
            Dialect::BigQuery => format!("`{}`", name.replace('\\', "\\\\").replace('`', "\\`")),
            _ => format!("\"{}\"", name.replace('"', "\"\"")),
        }
    }

    /// A table name, possibly qualified (`schema.table`,
    /// `project.dataset.table`): each part quoted.
    pub(crate) fn table(self, name: &str) -> String {
        match self {
            // BigQuery takes the whole path in one pair of backticks.
            Dialect::BigQuery => self.ident(name),
            _ => name
                .split('.')
                .map(|part| self.ident(part))
                .collect::<Vec<_>>()
                .join("."),
        }
    }

    /// A string literal.
    pub(crate) fn string(self, text: &str) -> String {
        match self {
            // GoogleSQL strings know backslash escapes.
            Dialect::BigQuery => format!("'{}'", text.replace('\\', "\\\\").replace('\'', "\\'")),
            _ => format!("'{}'", text.replace('\'', "''")),
        }
    }

    /// A double literal that reads back as exactly `x` (the shortest
    /// round-trip decimal, parsed by the engine from text, never a
    /// DECIMAL/NUMERIC literal).
    pub(crate) fn float(self, x: f64) -> String {
        format!("CAST('{x:?}' AS {})", self.double())
    }

    /// `expr` as a double.
    pub(crate) fn to_double(self, expr: &str) -> String {
        format!("CAST({expr} AS {})", self.double())
    }

    /// Integer division of non-negative integers.
    pub(crate) fn int_div(self, a: &str, b: &str) -> String {
        match self {
            Dialect::DuckDb => format!("(({a}) // ({b}))"),
            Dialect::Postgres => format!("(({a}) / ({b}))"),
            Dialect::BigQuery => format!("DIV({a}, {b})"),
        }
    }

    /// Seconds since 1970-01-01 UTC of a TIMESTAMP (read as UTC) or
    /// TIMESTAMPTZ column, fractions kept (the day is cut with FLOOR).
    pub(crate) fn epoch(self, column: &str) -> String {
        match self {
            Dialect::DuckDb => format!("epoch({column})"),
            Dialect::Postgres => format!("EXTRACT(EPOCH FROM {column})"),
            // CAST accepts TIMESTAMP, DATETIME (read as UTC) and ISO text.
            Dialect::BigQuery => format!("UNIX_SECONDS(CAST({column} AS TIMESTAMP))"),
        }
    }

    /// The local day number (days since 1970-01-01) of epoch seconds,
    /// `offset_seconds` east of UTC: floor((s + offset) / 86400).
    pub(crate) fn day(self, seconds: &str, offset_seconds: i64) -> String {
        let shifted = if offset_seconds == 0 {
            seconds.to_string()
        } else {
            format!("{seconds} + {offset_seconds}")
        };
        let exact = match self {
            // NUMERIC division is exact; a double quotient of whole
            // seconds never lands on the wrong side of a day boundary.
            Dialect::Postgres => format!("CAST({shifted} AS NUMERIC) / 86400"),
            _ => format!("{} / 86400", self.to_double(&shifted)),
        };
        format!("CAST(FLOOR({exact}) AS {})", self.bigint())
    }

    /// The DATE of a day number.
    pub(crate) fn date_of_day(self, day: &str) -> String {
        match self {
            Dialect::BigQuery => format!("DATE_ADD(DATE '1970-01-01', INTERVAL {day} DAY)"),
            Dialect::DuckDb => format!("(DATE '1970-01-01' + CAST({day} AS INTEGER))"),
            Dialect::Postgres => format!("(DATE '1970-01-01' + CAST({day} AS INTEGER))"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_are_escaped_per_dialect() {
        assert_eq!(Dialect::Postgres.string("O'Brien"), "'O''Brien'");
        assert_eq!(Dialect::BigQuery.string("a\\'b"), "'a\\\\\\'b'");
        assert_eq!(Dialect::DuckDb.ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(Dialect::BigQuery.ident("p.d.t"), "`p.d.t`");
        assert_eq!(
            Dialect::Postgres.table("shop.orders"),
            "\"shop\".\"orders\""
        );
        assert_eq!(Dialect::DuckDb.float(0.1), "CAST('0.1' AS DOUBLE)");
        assert_eq!(
            Dialect::Postgres.float(1e-9),
            "CAST('1e-9' AS DOUBLE PRECISION)"
        );
    }
}
