//! Recursive-descent parser: tokens to a checked expression tree.
//!
//! ```text
//! rule       = or
//! or         = and { OR and }
//! and        = not { AND not }
//! not        = NOT not | primary
//! primary    = "(" or ")" | call | comparison
//! call       = products_purchased "(" key ":" value ")" [ ("=" | "!=") (true | false) ]
//! comparison = field op value
//! ```

use super::error::{did_you_mean, ErrorKind, Expected, RuleError};
use super::lexer::{Op, Tok, Token};
use super::ProductMatch;
use crate::calendar::Period;
use crate::classes::{AbcClass, RfmSegment};

/// Deepest nesting of parentheses and NOT, and most conditions: both keep
/// the recursion of parsing and evaluating shallow (a stack overflow would
/// kill the wasm instance).
const MAX_DEPTH: usize = 64;
const MAX_CONDITIONS: usize = 256;

/// The fields a rule can compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// Net revenue (currency units in rules).
    AmountSpent,
    /// Number of orders.
    NumberOfOrders,
    /// Average order value (currency units).
    AverageOrderValue,
    /// Median days between order days.
    MedianDaysBetweenOrders,
    /// Days since the last order.
    DaysSinceLastOrder,
    /// R score.
    RecencyScore,
    /// F score.
    FrequencyScore,
    /// M score.
    MonetaryScore,
    /// P(alive) from CLV.
    PAlive,
    /// Predicted CLV (currency units).
    PredictedClv,
    /// Expected orders from CLV.
    ExpectedOrders,
    /// Date of the first order.
    FirstOrderDate,
    /// Date of the last order.
    LastOrderDate,
    /// R×F grid segment.
    RfmSegment,
    /// ABC class.
    Abc,
    /// Customer key.
    Customer,
    /// Membership of another segment, by id.
    Segment,
}

/// The kind of value a field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A number.
    Number,
    /// Money: written in currency units, compared in minor units of the
    /// shop's currency (see [`crate::money`]).
    Money,
    /// A calendar day.
    Date,
    /// A text compared with = and != only.
    Text,
}

impl Field {
    /// Every field, in the order the documentation lists them.
    pub const ALL: [Field; 17] = [
        Field::AmountSpent,
        Field::NumberOfOrders,
        Field::AverageOrderValue,
        Field::FirstOrderDate,
        Field::LastOrderDate,
        Field::DaysSinceLastOrder,
        Field::MedianDaysBetweenOrders,
        Field::RfmSegment,
        Field::RecencyScore,
        Field::FrequencyScore,
        Field::MonetaryScore,
        Field::Abc,
        Field::Segment,
        Field::Customer,
        Field::PAlive,
        Field::PredictedClv,
        Field::ExpectedOrders,
    ];

    /// The field's name in rules.
    pub fn name(self) -> &'static str {
        match self {
            Field::AmountSpent => "amount_spent",
            Field::NumberOfOrders => "number_of_orders",
            Field::AverageOrderValue => "average_order_value",
            Field::MedianDaysBetweenOrders => "median_days_between_orders",
            Field::DaysSinceLastOrder => "days_since_last_order",
            Field::RecencyScore => "recency_score",
            Field::FrequencyScore => "frequency_score",
            Field::MonetaryScore => "monetary_score",
            Field::PAlive => "p_alive",
            Field::PredictedClv => "predicted_clv",
            Field::ExpectedOrders => "expected_orders",
            Field::FirstOrderDate => "first_order_date",
            Field::LastOrderDate => "last_order_date",
            Field::RfmSegment => "rfm_segment",
            Field::Abc => "abc",
            Field::Customer => "customer",
            Field::Segment => "segment",
        }
    }

    /// What the field holds.
    pub fn kind(self) -> Kind {
        match self {
            Field::AmountSpent | Field::AverageOrderValue | Field::PredictedClv => Kind::Money,
            Field::FirstOrderDate | Field::LastOrderDate => Kind::Date,
            Field::RfmSegment | Field::Abc | Field::Customer | Field::Segment => Kind::Text,
            _ => Kind::Number,
        }
    }

    /// Whether the field comes from the CLV models.
    pub fn needs_clv(self) -> bool {
        matches!(
            self,
            Field::PAlive | Field::PredictedClv | Field::ExpectedOrders
        )
    }

    fn lookup(name: &str) -> Option<Field> {
        let lower = name.to_ascii_lowercase();
        let alias = match lower.as_str() {
            "revenue" | "total_spent" => Some(Field::AmountSpent),
            "orders" | "order_count" => Some(Field::NumberOfOrders),
            "aov" => Some(Field::AverageOrderValue),
            "clv" => Some(Field::PredictedClv),
            "abc_class" => Some(Field::Abc),
            _ => None,
        };
        alias.or_else(|| Field::ALL.into_iter().find(|f| f.name() == lower))
    }
}

/// A date in a rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateValue {
    /// A calendar day.
    Absolute(i32),
    /// Relative to the as-of day: sign and period (`-8w`).
    Relative(i8, Period),
}

/// A text value, already checked against the field.
#[derive(Debug, Clone, PartialEq)]
pub enum TextValue {
    /// An RFM segment.
    Rfm(RfmSegment),
    /// An ABC class.
    Abc(AbcClass),
    /// A customer key.
    Key(String),
    /// A segment id, checked when evaluated.
    Segment(String),
}

/// A parsed rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Both hold.
    And(Box<Expr>, Box<Expr>),
    /// Either holds.
    Or(Box<Expr>, Box<Expr>),
    /// Does not hold.
    Not(Box<Expr>),
    /// A number or money field compared with a number.
    Number {
        /// The field.
        field: Field,
        /// The comparison.
        op: Op,
        /// The value as written; for money in units of the shop's currency
        /// (`500` is 500 EUR, 500 JPY or 500 KWD), scaled to minor units
        /// when compared.
        value: f64,
        /// The value as written.
        written: String,
        /// Column of the field.
        col: usize,
    },
    /// A date field compared with a date.
    Date {
        /// The field.
        field: Field,
        /// The comparison.
        op: Op,
        /// The date.
        value: DateValue,
        /// The value as written.
        written: String,
    },
    /// A text field compared with = or !=.
    Text {
        /// The field.
        field: Field,
        /// `!=` instead of `=`.
        negate: bool,
        /// The value.
        value: TextValue,
        /// Column and length of the value (for unknown segment ids).
        at: (usize, usize),
    },
    /// `products_purchased(…)`, possibly `= false`.
    Bought {
        /// What to look for.
        what: ProductMatch,
        /// `= false` / `!= true`.
        negate: bool,
    },
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    conditions: usize,
}

pub fn parse(tokens: Vec<Token>) -> Result<Expr, RuleError> {
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
        conditions: 0,
    };
    let expr = p.or()?;
    let t = p.peek();
    if t.tok != Tok::End {
        let after = p.previous_text();
        return Err(p.expected(Expected::AndOrEnd, after));
    }
    Ok(expr)
}

fn keyword(t: &Token, en: &str, de: &str) -> bool {
    matches!(&t.tok, Tok::Ident(s) if s.eq_ignore_ascii_case(en) || s.eq_ignore_ascii_case(de))
}

impl Parser {
    fn peek(&self) -> Token {
        self.tokens
            .get(self.pos)
            .or_else(|| self.tokens.last())
            .cloned()
            .unwrap_or(Token {
                tok: Tok::End,
                col: 1,
                len: 1,
                text: String::new(),
            })
    }

    fn next(&mut self) -> Token {
        let t = self.peek();
        if self.pos < self.tokens.len() {
            self.pos += 1;
        }
        t
    }

    fn previous_text(&self) -> Option<String> {
        self.pos
            .checked_sub(1)
            .and_then(|i| self.tokens.get(i))
            .map(|t| t.text.clone())
    }

    fn expected(&self, expected: Expected, after: Option<String>) -> RuleError {
        let t = self.peek();
        RuleError::new(
            t.col,
            t.len,
            ErrorKind::Expected {
                expected,
                after,
                found: t.found(),
            },
        )
    }

    fn enter(&mut self) -> Result<(), RuleError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = self.peek();
            return Err(RuleError::new(t.col, t.len, ErrorKind::TooDeep));
        }
        Ok(())
    }

    fn or(&mut self) -> Result<Expr, RuleError> {
        let mut left = self.and()?;
        while keyword(&self.peek(), "or", "oder") {
            self.next();
            let right = self.and()?;
            left = Expr::Or(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Expr, RuleError> {
        let mut left = self.not()?;
        while keyword(&self.peek(), "and", "und") {
            self.next();
            let right = self.not()?;
            left = Expr::And(Box::new(left), Box::new(right));
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Expr, RuleError> {
        if keyword(&self.peek(), "not", "nicht") {
            self.next();
            self.enter()?;
            let inner = self.not()?;
            self.depth -= 1;
            return Ok(Expr::Not(Box::new(inner)));
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Expr, RuleError> {
        let t = self.peek();
        match &t.tok {
            Tok::LParen => {
                self.next();
                self.enter()?;
                let inner = self.or()?;
                self.depth -= 1;
                if self.peek().tok != Tok::RParen {
                    let after = self.previous_text();
                    return Err(self.expected(Expected::CloseParen(t.col), after));
                }
                self.next();
                Ok(inner)
            }
            Tok::Ident(name) if !is_keyword(name) => {
                self.conditions += 1;
                if self.conditions > MAX_CONDITIONS {
                    return Err(RuleError::new(t.col, t.len, ErrorKind::TooLong));
                }
                self.next();
                if name.eq_ignore_ascii_case("products_purchased") || self.peek().tok == Tok::LParen
                {
                    return self.call(&t);
                }
                let Some(field) = Field::lookup(name) else {
                    let mut names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                    names.push("products_purchased");
                    return Err(RuleError::new(
                        t.col,
                        t.len,
                        ErrorKind::UnknownField {
                            name: name.clone(),
                            suggestion: did_you_mean(name, names.iter().copied()),
                            known: names.iter().map(|s| s.to_string()).collect(),
                        },
                    ));
                };
                self.comparison(field, &t)
            }
            _ => {
                let after = self.previous_text();
                Err(self.expected(Expected::Condition, after))
            }
        }
    }

    fn comparison(&mut self, field: Field, field_tok: &Token) -> Result<Expr, RuleError> {
        let op_tok = self.peek();
        let Tok::Op(op) = op_tok.tok else {
            return Err(self.expected(Expected::Operator, Some(field_tok.text.clone())));
        };
        self.next();
        let after = Some(format!("{} {}", field_tok.text, op_tok.text));
        let v = self.peek();
        match field.kind() {
            Kind::Number | Kind::Money => {
                let Tok::Num(x) = v.tok else {
                    return Err(self.expected(Expected::Number, after));
                };
                self.next();
                Ok(Expr::Number {
                    field,
                    op,
                    value: x,
                    written: v.text.clone(),
                    col: field_tok.col,
                })
            }
            Kind::Date => {
                let value = match &v.tok {
                    Tok::Date(d) => DateValue::Absolute(*d),
                    Tok::Rel(sign, p) => DateValue::Relative(*sign, *p),
                    Tok::Ident(s)
                        if s.eq_ignore_ascii_case("today") || s.eq_ignore_ascii_case("heute") =>
                    {
                        DateValue::Relative(-1, Period::days(0))
                    }
                    _ => return Err(self.expected(Expected::Date, after)),
                };
                self.next();
                Ok(Expr::Date {
                    field,
                    op,
                    value,
                    written: v.text.clone(),
                })
            }
            Kind::Text => {
                let negate = match op {
                    Op::Eq => false,
                    Op::Ne => true,
                    _ => {
                        return Err(RuleError::new(
                            op_tok.col,
                            op_tok.len,
                            ErrorKind::Expected {
                                expected: Expected::TextOperator,
                                after: Some(field_tok.text.clone()),
                                found: op_tok.found(),
                            },
                        ))
                    }
                };
                let text = match &v.tok {
                    Tok::Str(s) => s.clone(),
                    // Bare words are accepted for the closed value sets: abc = A.
                    Tok::Ident(s) if matches!(field, Field::Abc | Field::RfmSegment) => s.clone(),
                    _ => return Err(self.expected(Expected::Text, after)),
                };
                self.next();
                let unknown = |known: Vec<String>| {
                    RuleError::new(
                        v.col,
                        v.len,
                        ErrorKind::UnknownValue {
                            field: field.name().into(),
                            value: text.clone(),
                            suggestion: did_you_mean(&text, known.iter().map(String::as_str)),
                            known,
                        },
                    )
                };
                let value = match field {
                    Field::RfmSegment => match RfmSegment::parse(&text) {
                        Some(s) => TextValue::Rfm(s),
                        None => {
                            return Err(unknown(
                                RfmSegment::ALL.iter().map(|s| s.id().to_string()).collect(),
                            ))
                        }
                    },
                    Field::Abc => match AbcClass::parse(&text) {
                        Some(c) => TextValue::Abc(c),
                        None => return Err(unknown(vec!["A".into(), "B".into(), "C".into()])),
                    },
                    Field::Segment => TextValue::Segment(text),
                    _ => TextValue::Key(text),
                };
                Ok(Expr::Text {
                    field,
                    negate,
                    value,
                    at: (v.col, v.len),
                })
            }
        }
    }

    fn call(&mut self, name: &Token) -> Result<Expr, RuleError> {
        let fname = name.text.as_str();
        if !fname.eq_ignore_ascii_case("products_purchased") {
            return Err(RuleError::new(
                name.col,
                name.len,
                ErrorKind::UnknownField {
                    name: fname.into(),
                    suggestion: did_you_mean(fname, ["products_purchased"]),
                    known: vec!["products_purchased".into()],
                },
            ));
        }
        if self.peek().tok != Tok::LParen {
            return Err(self.expected(Expected::OpenParen, Some(fname.into())));
        }
        let open = self.next();
        let key = self.peek();
        let key_name = match &key.tok {
            Tok::Ident(k) => k.to_ascii_lowercase(),
            _ => return Err(self.expected(Expected::MatchKey, Some(format!("{fname}(")))),
        };
        if !matches!(
            key_name.as_str(),
            "sku" | "id" | "name" | "category" | "kategorie"
        ) {
            return Err(RuleError::new(
                key.col,
                key.len,
                ErrorKind::UnknownValue {
                    field: fname.into(),
                    value: key.text.clone(),
                    suggestion: did_you_mean(&key.text, ["sku", "id", "name", "category"]),
                    known: vec!["sku".into(), "id".into(), "name".into(), "category".into()],
                },
            ));
        }
        self.next();
        if self.peek().tok != Tok::Colon {
            return Err(self.expected(Expected::Colon, Some(key.text.clone())));
        }
        self.next();
        let v = self.peek();
        let value = match &v.tok {
            Tok::Str(s) => s.clone(),
            Tok::Num(_) => v.text.clone(),
            _ => return Err(self.expected(Expected::MatchValue, Some(format!("{}:", key.text)))),
        };
        self.next();
        if self.peek().tok != Tok::RParen {
            let after = self.previous_text();
            return Err(self.expected(Expected::CloseParen(open.col), after));
        }
        self.next();
        let what = match key_name.as_str() {
            "sku" => ProductMatch::Sku(value),
            "id" => ProductMatch::Id(value),
            "name" => ProductMatch::Name(value),
            _ => ProductMatch::Category(value),
        };
        let mut negate = false;
        if let Tok::Op(op @ (Op::Eq | Op::Ne)) = self.peek().tok {
            let op_tok = self.next();
            let b = self.peek();
            let truth = match &b.tok {
                Tok::Ident(s) if s.eq_ignore_ascii_case("true") => true,
                Tok::Ident(s) if s.eq_ignore_ascii_case("false") => false,
                _ => {
                    return Err(self.expected(
                        Expected::TrueFalse,
                        Some(format!("{fname}(…) {}", op_tok.text)),
                    ))
                }
            };
            self.next();
            negate = truth == (op == Op::Ne);
        }
        Ok(Expr::Bought { what, negate })
    }
}

fn is_keyword(name: &str) -> bool {
    ["and", "or", "not", "und", "oder", "nicht"]
        .iter()
        .any(|k| name.eq_ignore_ascii_case(k))
}
