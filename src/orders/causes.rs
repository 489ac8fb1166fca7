//! Rejected rows grouped by cause, so an admin reads "69.659 rows in USD,
//! base currency EUR" once instead of 69,659 lines.
//!
//! Each [`RowError`] is classified into a [`Cause`] (a stable code plus the
//! values the message needs, such as the currency) from its field and
//! reason; the groups keep a count and the first row as an example. One
//! pass, one map: the cost does not depend on anything but the number of
//! errors, and nothing recurses.
//!
//! ```
//! use stammkunde::orders::causes::group;
//! use stammkunde::orders::RowError;
//! let error = |row| RowError {
//!     row: Some(row),
//!     order_id: None,
//!     field: "Datum".into(),
//!     reason: format!("'3{row}.02.2024' is not a date"),
//!     fix: "write dates as dd.mm.yyyy".into(),
//! };
//! let groups = group(&[error(2), error(3)]);
//! assert_eq!((groups.len(), groups[0].count, groups[0].code), (1, 2, "bad_date"));
//! assert_eq!(groups[0].example.row, Some(2));
//! ```

use super::RowError;
use serde::Serialize;
use std::collections::HashMap;

/// The cause of a rejected row: a stable code the UI has texts for, and
/// the values those texts need.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cause {
    /// E.g. `currency_mismatch`, `bad_date`, `other`.
    pub code: &'static str,
    /// The column or field, as the error names it.
    pub field: String,
    /// For `currency_mismatch`: the rows' currency.
    pub currency: Option<String>,
    /// For `currency_mismatch`: the base currency.
    pub base: Option<String>,
    /// For `other`: the reason with quoted values and numbers masked, so
    /// rows that differ only in their values group together.
    pub pattern: Option<String>,
}

/// One group of rejected rows with the same cause.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "RowErrorGroup"))]
pub struct Group {
    /// The cause code (see [`classify`]; [`codes`] lists them).
    #[cfg_attr(feature = "ts", ts(type = "RowErrorCause"))]
    pub code: &'static str,
    /// The column or field.
    pub field: String,
    /// For `currency_mismatch`: the rows' currency.
    pub currency: Option<String>,
    /// For `currency_mismatch`: the base currency.
    pub base: Option<String>,
    /// Rows with this cause.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub count: usize,
    /// The first row with this cause, as the reader reported it.
    pub example: RowError,
}

/// Codes of [`classify`], with the phrase of the readers' reason that marks
/// each (the readers' reasons are tested against this list).
const PHRASES: [(&str, &str); 14] = [
    ("appears more than once", "duplicate_id"),
    ("the order id is empty", "empty_id"),
    ("customer is empty", "empty_customer"),
    ("customer key is empty", "empty_customer"),
    ("the date is empty", "bad_date"),
    ("is not a date", "bad_date"),
    ("is not a time between", "bad_date"),
    ("is not a time of day", "bad_time"),
    ("the amount is empty", "bad_amount"),
    ("is not an amount", "bad_amount"),
    ("is negative", "negative_amount"),
    ("unknown status", "bad_status"),
    ("is not a currency code", "bad_currency"),
    ("is never closed", "unclosed_quote"),
];

/// Every cause code [`classify`] gives, in a fixed order.
pub fn codes() -> Vec<&'static str> {
    let mut out = vec!["currency_mismatch"];
    for &(_, code) in &PHRASES {
        if !out.contains(&code) {
            out.push(code);
        }
    }
    out.push("other");
    out
}

/// The cause of one rejected row.
pub fn classify(error: &RowError) -> Cause {
    let reason = error.reason.as_str();
    let mut cause = Cause {
        code: "other",
        field: error.field.clone(),
        currency: None,
        base: None,
        pattern: None,
    };
    if let Some((currency, base)) = currency_mismatch(reason) {
        cause.code = "currency_mismatch";
        cause.currency = Some(currency.to_string());
        cause.base = Some(base.to_string());
        return cause;
    }
    match PHRASES.iter().find(|(phrase, _)| reason.contains(phrase)) {
        Some(&(_, code)) => cause.code = code,
        None => cause.pattern = Some(mask(reason)),
    }
    cause
}

/// `("USD", "EUR")` from "the order is in USD, the base currency is EUR, …".
fn currency_mismatch(reason: &str) -> Option<(&str, &str)> {
    let rest = reason.strip_prefix("the order is in ")?;
    let (currency, rest) = rest.split_once(", the base currency is ")?;
    let base = rest.split(',').next()?.trim();
    Some((currency.trim(), base))
}

/// The reason with every quoted value and every run of digits replaced.
fn mask(reason: &str) -> String {
    let mut out = String::with_capacity(reason.len());
    let mut quoted = false;
    let mut digits = false;
    for c in reason.chars() {
        if c == '\'' {
            if !quoted {
                out.push_str("'…'");
            }
            quoted = !quoted;
            digits = false;
        } else if quoted {
        } else if c.is_ascii_digit() {
            if !digits {
                out.push('#');
            }
            digits = true;
        } else {
            digits = false;
            out.push(c);
        }
    }
    out
}

/// Groups rejected rows by cause, the largest group first (ties: the
/// earlier example first).
pub fn group(errors: &[RowError]) -> Vec<Group> {
    let mut index: HashMap<Cause, usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for error in errors {
        let cause = classify(error);
        match index.get(&cause) {
            Some(&i) => groups[i].count += 1,
            None => {
                index.insert(cause.clone(), groups.len());
                groups.push(Group {
                    code: cause.code,
                    // A masked reason stays with the example; the field names the group.
                    field: cause.field,
                    currency: cause.currency,
                    base: cause.base,
                    count: 1,
                    example: error.clone(),
                });
            }
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.count));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::{read, Format, ReadOptions};

    fn codes(csv: &str, options: &ReadOptions) -> Vec<(&'static str, usize)> {
        let import = read(Format::Csv, csv, options).unwrap();
        group(&import.errors)
            .into_iter()
            .map(|g| (g.code, g.count))
            .collect()
    }

    #[test]
    fn the_readers_reasons_are_classified() {
        let csv = "Bestellnummer;Kundennummer;Datum;Betrag;Status;Uhrzeit\n\
                   1;K1;31.02.2024;1,00;;\n\
                   2;K1;;1,00;;\n\
                   3;;01.02.2024;1,00;;\n\
                   ;K1;01.02.2024;1,00;;\n\
                   5;K1;01.02.2024;abc;;\n\
                   6;K1;01.02.2024;;;\n\
                   7;K1;01.02.2024;1,00;verloren;\n\
                   8;K1;01.02.2024;1,00;;25:99\n\
                   9;K1;01.02.2024;1,00;;\n\
                   9;K2;01.02.2024;1,00;;\n\
                   10;K1;01.02.2024;-1,00;;\n";
        let mut got = codes(csv, &ReadOptions::default());
        got.sort();
        assert_eq!(
            got,
            vec![
                ("bad_amount", 2),
                ("bad_date", 2),
                ("bad_status", 1),
                ("bad_time", 1),
                ("duplicate_id", 1),
                ("empty_customer", 1),
                ("empty_id", 1),
                ("negative_amount", 1),
            ]
        );
    }

    #[test]
    fn currency_rows_group_with_their_currencies() {
        let csv = "Bestellnummer;Kundennummer;Datum;Betrag;Währung\n\
                   1;K1;01.02.2024;1,00;USD\n\
                   2;K1;01.02.2024;1,00;USD\n\
                   3;K1;01.02.2024;1,00;CHF\n";
        let options = ReadOptions {
            currency: Some("EUR".into()),
            ..ReadOptions::default()
        };
        let import = read(Format::Csv, csv, &options).unwrap();
        let groups = group(&import.errors);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].code, "currency_mismatch");
        assert_eq!(
            (groups[0].currency.as_deref(), groups[0].base.as_deref()),
            (Some("USD"), Some("EUR"))
        );
        assert_eq!((groups[0].count, groups[0].example.row), (2, Some(2)));
        assert_eq!(groups[1].currency.as_deref(), Some("CHF"));
    }

    #[test]
    fn unclosed_quotes_are_classified() {
        let csv = "Bestellnummer;Kundennummer;Datum;Betrag\n1;K1;01.02.2024;\"1,00\n";
        assert!(codes(csv, &ReadOptions::default()).contains(&("unclosed_quote", 1)));
    }

    #[test]
    fn other_reasons_group_by_their_masked_text() {
        let e = |reason: &str| RowError {
            row: Some(1),
            order_id: None,
            field: "x".into(),
            reason: reason.into(),
            fix: String::new(),
        };
        let groups = group(&[
            e("'a' is odd in 12 ways"),
            e("'bb' is odd in 3 ways"),
            e("something else"),
        ]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].count, 2);
        assert_eq!(groups[0].code, "other");
    }

    #[test]
    fn a_million_rejected_rows_make_one_group() {
        let errors: Vec<RowError> = (0..1_000_000)
            .map(|i| RowError {
                row: Some(i + 2),
                order_id: Some(i.to_string()),
                field: "currency".into(),
                reason:
                    "the order is in USD, the base currency is EUR, and no rate for USD was given"
                        .into(),
                fix: String::new(),
            })
            .collect();
        let groups = group(&errors);
        assert_eq!((groups.len(), groups[0].count), (1, 1_000_000));
    }
}
