//! Rules to SQL: every condition becomes a boolean expression that is
//! never NULL (a customer without a value matches no comparison, and NOT
//! turns that into a match, as in the engine).

use super::{SqlError, SqlOptions};
use crate::rules::{DateValue, Expr, Field, Op, TextValue};

/// The segments a rule can refer to, in the order they were defined, with
/// their output column (empty: not an output column of their own).
#[derive(Debug, Default)]
pub(crate) struct Scope {
    segments: Vec<(String, String, String)>,
}

impl Scope {
    pub fn add(&mut self, id: &str, column: &str, expr: String) {
        self.segments
            .push((id.to_string(), column.to_string(), expr));
    }

    fn find(&self, id: &str) -> Option<&str> {
        self.segments
            .iter()
            .find(|(s, _, _)| s.eq_ignore_ascii_case(id))
            .map(|(_, _, e)| e.as_str())
    }

    pub fn has_column(&self, column: &str) -> bool {
        self.segments.iter().any(|(_, c, _)| c == column)
    }

    /// The output columns with their expressions.
    pub fn columns(&self) -> impl Iterator<Item = (&str, &str)> {
        self.segments
            .iter()
            .filter(|(_, c, _)| !c.is_empty())
            .map(|(_, c, e)| (c.as_str(), e.as_str()))
    }

    fn ids(&self) -> Vec<&str> {
        self.segments.iter().map(|(s, _, _)| s.as_str()).collect()
    }
}

fn op_sql(op: Op) -> &'static str {
    match op {
        Op::Eq => "=",
        Op::Ne => "<>",
        Op::Lt => "<",
        Op::Le => "<=",
        Op::Gt => ">",
        Op::Ge => ">=",
    }
}

/// Compiles a parsed rule over the columns of the segment query.
pub(crate) fn compile(expr: &Expr, scope: &Scope, o: &SqlOptions) -> Result<String, SqlError> {
    let d = o.dialect;
    Ok(match expr {
        Expr::And(a, b) => format!("({} AND {})", compile(a, scope, o)?, compile(b, scope, o)?),
        Expr::Or(a, b) => format!("({} OR {})", compile(a, scope, o)?, compile(b, scope, o)?),
        Expr::Not(a) => format!("(NOT {})", compile(a, scope, o)?),
        Expr::Number {
            field,
            op,
            value,
            written,
            ..
        } => {
            let column = match field {
                Field::AmountSpent => d.to_double("revenue"),
                Field::NumberOfOrders => d.to_double("orders"),
                Field::AverageOrderValue => "average_order_value".into(),
                Field::MedianDaysBetweenOrders => "median_gap".into(),
                Field::DaysSinceLastOrder => d.to_double("days_since_last_order"),
                Field::RecencyScore => d.to_double("recency"),
                Field::FrequencyScore => d.to_double("frequency"),
                Field::MonetaryScore => d.to_double("monetary"),
                other => {
                    return Err(SqlError::new(
                        format!(
                            "the condition '{} {} {written}' uses a CLV figure, which SQL does not compute",
                            other.name(),
                            op.symbol()
                        ),
                        "fit the CLV models with stammkunde clv --from-summary (the summary from stammkunde sql --clv-summary) and use the rule in stammkunde segment",
                    ))
                }
            };
            format!(
                "COALESCE({column} {} {}, FALSE)",
                op_sql(*op),
                d.float(*value)
            )
        }
        Expr::Date {
            field, op, value, ..
        } => {
            let column = match field {
                Field::FirstOrderDate => "first_day",
                _ => "last_day",
            };
            let day = match *value {
                DateValue::Absolute(day) => day,
                DateValue::Relative(sign, p) if sign < 0 => p.before(o.as_of_day),
                DateValue::Relative(_, p) => p.after(o.as_of_day),
            };
            format!("COALESCE({column} {} {day}, FALSE)", op_sql(*op))
        }
        Expr::Text {
            field,
            negate,
            value,
            ..
        } => {
            let hit = match value {
                TextValue::Rfm(s) => format!("rfm_segment = {}", d.string(s.id())),
                TextValue::Abc(a) => format!("abc = {}", d.string(a.letter())),
                // The engine compares keys ignoring ASCII case.
                TextValue::Key(k) => {
                    format!("LOWER(customer) = {}", d.string(&k.to_ascii_lowercase()))
                }
                TextValue::Segment(id) => match scope.find(id) {
                    Some(e) => format!("({e})"),
                    None => {
                        let lower = id.to_ascii_lowercase();
                        let (reason, fix) = if lower == "likely_churned" {
                            (
                                format!("the condition '{} = '{id}'' needs CLV values, which SQL does not compute", field.name()),
                                "use the segment in stammkunde segment with CLV values".to_string(),
                            )
                        } else if lower.starts_with("product:") || lower.starts_with("category:") {
                            (
                                format!("the condition '{} = '{id}'' needs line items, which the orders table does not have", field.name()),
                                "compute product and category segments with stammkunde segment".to_string(),
                            )
                        } else {
                            (
                                format!("the condition '{} = '{id}'' names no segment defined before this rule", field.name()),
                                format!("use one of {}", scope.ids().join(", ")),
                            )
                        };
                        return Err(SqlError::new(reason, fix));
                    }
                },
            };
            let _ = field;
            if *negate {
                format!("(NOT COALESCE({hit}, FALSE))")
            } else {
                format!("COALESCE({hit}, FALSE)")
            }
        }
        Expr::Bought { what, .. } => {
            let (key, value) = match what {
                crate::rules::ProductMatch::Sku(v) => ("sku", v),
                crate::rules::ProductMatch::Id(v) => ("id", v),
                crate::rules::ProductMatch::Name(v) => ("name", v),
                crate::rules::ProductMatch::Category(v) => ("category", v),
            };
            return Err(SqlError::new(
                format!(
                    "the condition 'products_purchased({key}: '{value}')' needs line items, which the orders table does not have"
                ),
                "compute this rule with stammkunde segment on an export with line items",
            ));
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;
    use crate::sql::Dialect;

    fn sql(rule: &str) -> Result<String, SqlError> {
        let mut scope = Scope::default();
        scope.add("vip", "vip", "COALESCE(revenue > 0, FALSE)".into());
        let o = SqlOptions {
            as_of_day: 100,
            ..SqlOptions::new(Dialect::Postgres)
        };
        compile(Rule::parse(rule).unwrap().expr(), &scope, &o)
    }

    #[test]
    fn conditions_compile_to_null_safe_expressions() {
        assert_eq!(
            sql("amount_spent > 500").unwrap(),
            "COALESCE(CAST(revenue AS DOUBLE PRECISION) > CAST('50000.0' AS DOUBLE PRECISION), FALSE)"
        );
        assert_eq!(
            sql("NOT median_days_between_orders < 30").unwrap(),
            "(NOT COALESCE(median_gap < CAST('30.0' AS DOUBLE PRECISION), FALSE))"
        );
        assert_eq!(
            sql("last_order_date < -10d").unwrap(),
            "COALESCE(last_day < 90, FALSE)"
        );
        assert_eq!(
            sql("segment != 'VIP' OR abc = 'a'").unwrap(),
            "((NOT COALESCE((COALESCE(revenue > 0, FALSE)), FALSE)) OR COALESCE(abc = 'A', FALSE))"
        );
        assert_eq!(
            sql("customer = 'O\\'Neil'").unwrap(),
            sql("customer = \"o'neil\"").unwrap()
        );
    }

    #[test]
    fn what_sql_cannot_express_is_named() {
        let e = sql("products_purchased(category: 'Sale')").unwrap_err();
        assert!(
            e.reason.contains("products_purchased(category: 'Sale')"),
            "{e}"
        );
        let e = sql("p_alive < 0.3").unwrap_err();
        assert!(e.reason.contains("'p_alive < 0.3'"), "{e}");
        let e = sql("segment = 'likely_churned'").unwrap_err();
        assert!(e.reason.contains("needs CLV values"), "{e}");
        let e = sql("segment = 'nope'").unwrap_err();
        assert!(e.fix.contains("vip"), "{e}");
    }
}
