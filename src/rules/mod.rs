//! Rule language for custom segments, modelled on Shopify's segment editor.
//!
//! ```text
//! amount_spent > 500 AND number_of_orders >= 3
//! last_order_date < -8w
//! products_purchased(sku: 'TEE-01') AND NOT products_purchased(category: 'Sale')
//! rfm_segment = 'at_risk' OR abc = 'A'
//! p_alive < 0.3 AND predicted_clv > 200
//! ```
//!
//! - `AND`, `OR`, `NOT` (any case; German `UND`, `ODER`, `NICHT` too) and
//!   parentheses; NOT binds tighter than AND, AND tighter than OR.
//! - Comparisons `=`, `!=`, `<`, `<=`, `>`, `>=` (also `==`, `<>`, `≤`, `≥`).
//! - Numbers with German or English decimals: `49,90`, `49.90`,
//!   `1.234,56`, `1,234.56`. Money fields are written in currency units and
//!   compared in whole cents.
//! - Texts in single or double quotes; `\'` inside for a quote.
//! - Dates: `2026-01-31` or `31.01.2026`; relative to the as-of day: `-7d`,
//!   `-2w`, `-3m`, `-1y` (past), `+1m` (future), `today`. Months and years
//!   move by calendar.
//! - A customer without a value for a field (no median gap with fewer
//!   than two order days) matches no comparison on it; `NOT` turns that
//!   into a match.
//!
//! A rule is parsed once ([`Rule::parse`]) and evaluated over the customer
//! columns of a [`Subject`] ([`Rule::members`]), one bit set per
//! condition. The segment table (`Segmentation` in the segments module) is the subject
//! the product uses; rules depend on nothing in `segments`. Errors carry the column and say what was expected.
//!
//! ```
//! use stammkunde::rules::Rule;
//! let rule = Rule::parse("amount_spent > 500 AND NOT products_purchased(category: 'Sale')").unwrap();
//! assert_eq!(rule.text(), "amount_spent > 500 AND NOT products_purchased(category: 'Sale')");
//! let err = Rule::parse("amount_spend > 500").unwrap_err();
//! assert!(err.to_string().starts_with("at column 1: unknown field 'amount_spend'; did you mean 'amount_spent'?"));
//! ```

mod error;
mod eval;
mod lexer;
mod parser;
mod subject;

use serde::{Deserialize, Serialize};

pub use self::error::{ErrorKind, Expected, RuleError};
pub(crate) use self::eval::threshold_in;
pub use self::eval::BoughtCache;
pub use self::lexer::Op;
pub use self::parser::{DateValue, Expr, Field, Kind, TextValue};
pub use self::subject::Subject;
use crate::classes::Product;
use crate::lang::Lang;

/// What `products_purchased(…)` looks for. Matching ignores upper and
/// lower case and surrounding spaces.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase", tag = "by", content = "value")]
pub enum ProductMatch {
    /// `sku:` the product id or the SKU.
    Sku(String),
    /// `id:` the product id.
    Id(String),
    /// `name:` the product name.
    Name(String),
    /// `category:` the category.
    Category(String),
}

fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.eq_ignore_ascii_case(b) || (!a.is_ascii() && a.to_lowercase() == b.to_lowercase())
}

impl ProductMatch {
    /// Whether a product matches (always false for categories).
    pub fn matches_product(&self, p: &Product) -> bool {
        match self {
            ProductMatch::Sku(s) => same(&p.id, s) || p.sku.as_deref().is_some_and(|k| same(k, s)),
            ProductMatch::Id(s) => same(&p.id, s),
            ProductMatch::Name(s) => same(&p.name, s),
            ProductMatch::Category(_) => false,
        }
    }

    /// Whether a category matches (only for `category:`).
    pub fn matches_category(&self, name: &str) -> bool {
        matches!(self, ProductMatch::Category(c) if same(c, name))
    }

    /// `TEE-01`, `aus Sale` …, for explanations.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (ProductMatch::Sku(s) | ProductMatch::Id(s) | ProductMatch::Name(s), _) => s.clone(),
            (ProductMatch::Category(c), Lang::En) => format!("from category {c}"),
            (ProductMatch::Category(c), Lang::De) => format!("aus der Kategorie {c}"),
        }
    }
}

/// A parsed rule, ready to evaluate over any segmentation.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    text: String,
    expr: Expr,
}

impl Rule {
    /// Parses a rule. Errors give the column and what was expected.
    pub fn parse(text: &str) -> Result<Rule, RuleError> {
        let tokens = lexer::tokenize(text)?;
        let expr = parser::parse(tokens)?;
        Ok(Rule {
            text: text.to_string(),
            expr,
        })
    }

    /// The rule as written.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The parsed expression.
    pub fn expr(&self) -> &Expr {
        &self.expr
    }

    /// The customers (indices into the segmentation) the rule holds for,
    /// ascending. Fails if the rule uses CLV fields without CLV values or
    /// names a segment that does not exist.
    pub fn members<S: Subject + ?Sized>(&self, seg: &S) -> Result<Vec<u32>, RuleError> {
        eval::check(&self.expr, seg)?;
        Ok(eval::eval(&self.expr, seg)?.ones())
    }

    /// The facts that make the rule hold for customer `i`, e.g.
    /// `amount_spent 812,40 > 500 und number_of_orders 4 >= 3`; `None` if
    /// it does not hold. For many customers use [`Rule::explain_with`].
    pub fn explain<S: Subject + ?Sized>(&self, seg: &S, i: usize, lang: Lang) -> Option<String> {
        self.explain_with(seg, i, lang, &mut BoughtCache::default())
    }

    /// [`Rule::explain`] with a cache of who bought what, kept between calls
    /// for the same segmentation.
    pub fn explain_with<S: Subject + ?Sized>(
        &self,
        seg: &S,
        i: usize,
        lang: Lang,
        cache: &mut BoughtCache,
    ) -> Option<String> {
        if i >= seg.customer_count() {
            return None;
        }
        let (holds, text) = eval::explain(&self.expr, seg, i, lang, cache);
        holds.then_some(text)
    }
}

/// The names of every rule field, for editors and error messages.
pub fn field_names() -> Vec<&'static str> {
    Field::ALL.iter().map(|f| f.name()).collect()
}
