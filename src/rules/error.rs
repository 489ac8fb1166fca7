//! Rule errors: where (column, 1-based, in characters) and what was
//! expected, in English or German.

use crate::lang::Lang;

/// What the parser expected at the error position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// A condition: a field, a function, NOT or '('.
    Condition,
    /// A comparison operator after a field.
    Operator,
    /// A number after a numeric field and operator.
    Number,
    /// A date after a date field and operator.
    Date,
    /// A quoted text after a text field and operator.
    Text,
    /// `)` closing the `(` at the given column.
    CloseParen(usize),
    /// AND, OR or the end of the rule.
    AndOrEnd,
    /// `(` after a function name.
    OpenParen,
    /// `sku`, `id`, `name` or `category` in `products_purchased(…)`.
    MatchKey,
    /// `:` after the key in `products_purchased(…)`.
    Colon,
    /// A quoted text or number after `sku:` etc.
    MatchValue,
    /// `true` or `false` after `products_purchased(…) =`.
    TrueFalse,
    /// `=` or `!=` after a text field.
    TextOperator,
}

/// What went wrong.
#[derive(Debug, Clone, PartialEq)]
pub enum ErrorKind {
    /// Something else than expected (or the end of the rule).
    Expected {
        /// What the parser expected.
        expected: Expected,
        /// The text before the error, e.g. `amount_spent >`.
        after: Option<String>,
        /// The token found, e.g. `'AND'`, or `None` at the end of the rule.
        found: Option<String>,
    },
    /// A field name that does not exist.
    UnknownField {
        /// The name as written.
        name: String,
        /// The closest known field, if one is close.
        suggestion: Option<String>,
        /// Every known field.
        known: Vec<String>,
    },
    /// A value that the field does not have (RFM segment, ABC class, segment id).
    UnknownValue {
        /// The field.
        field: String,
        /// The value as written.
        value: String,
        /// The closest known value.
        suggestion: Option<String>,
        /// Every known value.
        known: Vec<String>,
    },
    /// A quote that is never closed.
    UnterminatedText,
    /// A character that has no meaning in rules.
    UnexpectedChar(char),
    /// A date that does not exist, e.g. `2026-02-30`.
    BadDate(String),
    /// A number that cannot be read.
    BadNumber(String),
    /// A relative date without a sign, e.g. `8w`.
    UnsignedPeriod(String),
    /// A field that needs CLV values, used without them.
    NeedsClv(String),
    /// Parentheses or NOTs nested too deeply.
    TooDeep,
    /// More conditions than a rule may have.
    TooLong,
}

/// A rule that does not parse or cannot be evaluated.
///
/// ```
/// use stammkunde::rules::Rule;
/// use stammkunde::lang::Lang;
/// let err = Rule::parse("amount_spent AND number_of_orders > 3").unwrap_err();
/// assert_eq!(err.column, 14);
/// assert_eq!(
///     err.to_string(),
///     "at column 14: expected a comparison operator (=, !=, <, <=, >, >=) after 'amount_spent', found 'AND'"
/// );
/// assert!(err.message(Lang::De).starts_with("nach 'amount_spent' wird ein Vergleich"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct RuleError {
    /// Column of the error, 1-based, counted in characters.
    pub column: usize,
    /// Length of the offending text in characters (at least 1).
    pub length: usize,
    /// What went wrong.
    pub kind: ErrorKind,
}

impl RuleError {
    pub(crate) fn new(column: usize, length: usize, kind: ErrorKind) -> RuleError {
        RuleError {
            column,
            length: length.max(1),
            kind,
        }
    }

    /// The message without the position.
    pub fn message(&self, lang: Lang) -> String {
        let de = lang == Lang::De;
        match &self.kind {
            ErrorKind::Expected { expected, after, found } => {
                let what = expected_text(expected, lang);
                let found = match found {
                    Some(f) => f.clone(),
                    None => lang.pick("the end of the rule", "das Ende der Regel").to_string(),
                };
                // A quoted text shows with its own quotes.
                let after = after.as_ref().map(|a| {
                    if a.starts_with(['\'', '"']) {
                        a.clone()
                    } else {
                        format!("'{a}'")
                    }
                });
                match (after, de) {
                    (Some(a), false) => format!("expected {what} after {a}, found {found}"),
                    (None, false) => format!("expected {what}, found {found}"),
                    (Some(a), true) => format!("nach {a} wird {what} erwartet, gefunden: {found}"),
                    (None, true) => format!("erwartet wird {what}, gefunden: {found}"),
                }
            }
            ErrorKind::UnknownField { name, suggestion, known } => {
                let known = known.join(", ");
                match (suggestion, de) {
                    (Some(s), false) => format!("unknown field '{name}'; did you mean '{s}'? Known fields: {known}"),
                    (None, false) => format!("unknown field '{name}'; known fields: {known}"),
                    (Some(s), true) => format!("unbekanntes Feld '{name}'; meinten Sie '{s}'? Bekannte Felder: {known}"),
                    (None, true) => format!("unbekanntes Feld '{name}'; bekannte Felder: {known}"),
                }
            }
            ErrorKind::UnknownValue { field, value, suggestion, known } => {
                let known = known.join(", ");
                match (suggestion, de) {
                    (Some(s), false) => {
                        format!("'{value}' is not a value of {field}; did you mean '{s}'? Known values: {known}")
                    }
                    (None, false) => format!("'{value}' is not a value of {field}; known values: {known}"),
                    (Some(s), true) => {
                        format!("'{value}' ist kein Wert von {field}; meinten Sie '{s}'? Bekannte Werte: {known}")
                    }
                    (None, true) => format!("'{value}' ist kein Wert von {field}; bekannte Werte: {known}"),
                }
            }
            ErrorKind::UnterminatedText => lang
                .pick(
                    "the text starting here has no closing quote; end it with the same quote it starts with",
                    "der hier beginnende Text hat kein schließendes Anführungszeichen; beenden Sie ihn mit demselben Zeichen",
                )
                .into(),
            ErrorKind::UnexpectedChar(c) => {
                if de {
                    format!("das Zeichen '{c}' ist in Regeln nicht erlaubt; Texte gehören in Anführungszeichen")
                } else {
                    format!("the character '{c}' has no meaning in rules; put texts in quotes")
                }
            }
            ErrorKind::BadDate(d) => {
                if de {
                    format!("'{d}' ist kein Datum; schreiben Sie 2026-01-31 oder 31.01.2026")
                } else {
                    format!("'{d}' is not a date; write 2026-01-31 or 31.01.2026")
                }
            }
            ErrorKind::BadNumber(n) => {
                if de {
                    format!("'{n}' ist keine Zahl; schreiben Sie z. B. 500, 49,90 oder 1.234,56")
                } else {
                    format!("'{n}' is not a number; write e.g. 500, 49.90 or 1,234.56")
                }
            }
            ErrorKind::UnsignedPeriod(p) => {
                if de {
                    format!("relative Daten brauchen ein Vorzeichen: -{p} für vor {p}, +{p} für in {p}")
                } else {
                    format!("relative dates need a sign: -{p} for {p} ago, +{p} for {p} ahead")
                }
            }
            ErrorKind::NeedsClv(field) => {
                if de {
                    format!("{field} braucht CLV-Werte; berechnen Sie zuerst den Kundenwert (CLV) und übergeben Sie ihn an die Segmente")
                } else {
                    format!("{field} needs CLV values; compute the customer lifetime value first and pass it to the segments")
                }
            }
            ErrorKind::TooLong => lang
                .pick(
                    "the rule has too many conditions (at most 256); split it into several segments",
                    "die Regel hat zu viele Bedingungen (höchstens 256); teilen Sie sie auf mehrere Segmente auf",
                )
                .into(),
            ErrorKind::TooDeep => lang
                .pick(
                    "the rule is nested too deeply (at most 64 levels of parentheses and NOT)",
                    "die Regel ist zu tief verschachtelt (höchstens 64 Ebenen Klammern und NOT)",
                )
                .into(),
        }
    }

    /// `at column N: message` / `bei Spalte N: …`.
    pub fn to_string_in(&self, lang: Lang) -> String {
        let at = lang.pick("at column", "bei Spalte");
        format!("{at} {}: {}", self.column, self.message(lang))
    }
}

fn expected_text(e: &Expected, lang: Lang) -> String {
    let de = lang == Lang::De;
    match e {
        Expected::Condition => lang
            .pick(
                "a condition (a field such as amount_spent, products_purchased(…), NOT or '(')",
                "eine Bedingung (ein Feld wie amount_spent, products_purchased(…), NOT oder '(')",
            )
            .into(),
        Expected::Operator => lang
            .pick("a comparison operator (=, !=, <, <=, >, >=)", "ein Vergleich (=, !=, <, <=, >, >=)")
            .into(),
        Expected::Number => lang.pick("a number (e.g. 500 or 49,90)", "eine Zahl (z. B. 500 oder 49,90)").into(),
        Expected::Date => lang
            .pick(
                "a date (2026-01-31 or 31.01.2026) or a relative date (-7d, -2w, -3m, -1y)",
                "ein Datum (2026-01-31 oder 31.01.2026) oder ein relatives Datum (-7d, -2w, -3m, -1y)",
            )
            .into(),
        Expected::Text => lang
            .pick("a text in quotes (e.g. 'at_risk')", "ein Text in Anführungszeichen (z. B. 'at_risk')")
            .into(),
        Expected::CloseParen(col) => {
            if de {
                format!("')' zum '(' in Spalte {col}")
            } else {
                format!("')' to close the '(' at column {col}")
            }
        }
        Expected::AndOrEnd => lang.pick("AND, OR or the end of the rule", "AND, OR oder das Ende der Regel").into(),
        Expected::OpenParen => "'('".into(),
        Expected::MatchKey => lang.pick("sku, id, name or category", "sku, id, name oder category").into(),
        Expected::Colon => "':'".into(),
        Expected::MatchValue => lang
            .pick("a text in quotes (e.g. 'TEE-01')", "ein Text in Anführungszeichen (z. B. 'TEE-01')")
            .into(),
        Expected::TrueFalse => lang.pick("true or false", "true oder false").into(),
        Expected::TextOperator => lang.pick("= or !=", "= oder !=").into(),
    }
}

impl std::fmt::Display for RuleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.to_string_in(Lang::En))
    }
}

impl std::error::Error for RuleError {}

/// Levenshtein distance of two short strings (case-insensitive).
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.to_lowercase().chars().collect();
    let b: Vec<char> = b.to_lowercase().chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The closest candidate if it is close enough to be a typo.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    // Short words need a closer match: "D" is no typo of "A".
    let len = word.chars().count();
    let limit = (len / 3).max(2);
    candidates
        .into_iter()
        .map(|c| (distance(word, c), c))
        .filter(|&(d, _)| d <= limit && d < len)
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distance_counts_edits() {
        assert_eq!(distance("amount_spend", "amount_spent"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("ABC", "abc"), 0);
        assert_eq!(
            did_you_mean("numer_of_orders", ["amount_spent", "number_of_orders"]),
            Some("number_of_orders".into())
        );
        assert_eq!(did_you_mean("zzz", ["amount_spent"]), None);
    }
}
