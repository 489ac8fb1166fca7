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
/// each; the first phrase found wins, so the longer phrases stand before the
/// shorter ones they contain. Every reason a reader, an option check or the
/// survey reader can give has a code here (tested below); the admin shows a
/// German or English text for each code (js/src/admin/i18n.js).
pub const PHRASES: &[(&str, &str)] = &[
    // rows
    ("appears more than once", "duplicate_id"),
    ("the order id is empty", "empty_id"),
    ("the order has no id", "empty_id"),
    ("customer is empty", "empty_customer"),
    ("customer key is empty", "empty_customer"),
    ("has no customer", "empty_customer"),
    ("neither a customer id nor an e-mail", "empty_customer"),
    ("has no key (", "empty_customer"),
    ("is not whole seconds", "time_unit"),
    ("whole number of seconds", "time_unit"),
    ("is missing or not a time", "bad_date"),
    ("the date is empty", "bad_date"),
    ("the date is missing", "bad_date"),
    ("is not a date", "bad_date"),
    ("is not a known date", "bad_date"),
    ("is not a time between", "bad_date"),
    ("is not a time of day", "bad_time"),
    ("whole number of minor units", "amount_unit"),
    ("is missing or not a number", "bad_amount"),
    ("the amount is empty", "bad_amount"),
    ("is not an amount", "bad_amount"),
    ("expected an amount", "bad_amount"),
    ("misplaced thousands separator", "bad_amount"),
    ("amount is too large", "amount_too_large"),
    ("is negative", "negative_amount"),
    ("partially refunded but", "missing_refund"),
    ("needs a refunded amount", "missing_refund"),
    ("unknown status", "bad_status"),
    ("is not a status code", "bad_status"),
    ("is not a currency code", "bad_currency"),
    ("is not a positive number", "bad_rate"),
    ("is not a quantity", "bad_quantity"),
    ("expected a quantity", "bad_quantity"),
    ("the quantity is not", "bad_quantity"),
    ("not a line item", "bad_item"),
    ("the score is missing", "bad_score"),
    ("is out of range", "bad_score"),
    ("is not a whole number", "bad_score"),
    ("is not a number", "bad_score"),
    ("is not in the payload", "missing_field"),
    ("expected a number, found", "bad_type"),
    ("is never closed", "unclosed_quote"),
    ("like the first line, found", "column_count"),
    ("entries but", "length_mismatch"),
    // the whole file or an option
    ("the file is empty", "empty_file"),
    ("not valid JSON", "not_json"),
    ("expected the file's text", "not_text"),
    ("expected a list of orders", "not_orders"),
    ("expected {\"", "not_orders"),
    ("no orders connection", "not_orders"),
    ("the response holds errors", "api_errors"),
    ("no column for the", "missing_column"),
    ("is not a field", "bad_mapping"),
    ("the column name is empty", "bad_mapping"),
    ("the file has no column", "bad_mapping"),
    ("cannot separate CSV fields", "bad_delimiter"),
    ("is not a decimal separator", "bad_decimal"),
    ("is not a UTC offset", "bad_time_zone"),
];

/// Every cause code [`classify`] gives, in a fixed order.
pub fn codes() -> Vec<&'static str> {
    let mut out = vec!["currency_mismatch"];
    for &(_, code) in PHRASES {
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
    match phrase_code(reason) {
        Some(code) => cause.code = code,
        None => cause.pattern = Some(mask(reason)),
    }
    cause
}

/// The code of one rejected row or whole-file problem alone (as
/// [`classify`], without the values): what the admin's texts are chosen by.
///
/// ```
/// use stammkunde::orders::causes::code;
/// use stammkunde::orders::RowError;
/// let e = RowError {
///     row: None,
///     order_id: None,
///     field: "input".into(),
///     reason: "the file is empty".into(),
///     fix: String::new(),
/// };
/// assert_eq!(code(&e), "empty_file");
/// ```
pub fn code(error: &RowError) -> &'static str {
    let reason = error.reason.as_str();
    if currency_mismatch(reason).is_some() {
        "currency_mismatch"
    } else {
        phrase_code(reason).unwrap_or("other")
    }
}

fn phrase_code(reason: &str) -> Option<&'static str> {
    // Messages naming the time zone are about the option, whatever else they say.
    if reason.starts_with("the time zone ") {
        return Some("bad_time_zone");
    }
    // "the {what} is missing": a field the export lacks.
    let found = PHRASES.iter().find(|(phrase, _)| reason.contains(phrase));
    match found {
        Some(&(_, code)) => Some(code),
        None if reason.ends_with(" is missing") => Some("missing_field"),
        None => None,
    }
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

    /// Every rejected row and the whole-file problem of reading `input`.
    fn errors_of(format: Format, input: &str, options: &ReadOptions) -> Vec<RowError> {
        match read(format, input, options) {
            Ok(import) => import.errors,
            Err(e) => vec![e],
        }
    }

    fn with(f: impl FnOnce(&mut ReadOptions)) -> ReadOptions {
        let mut o = ReadOptions::default();
        f(&mut o);
        o
    }

    #[test]
    fn every_reason_of_the_readers_has_a_code() {
        use Format::*;
        let csv_head = "Bestellnummer;Kundennummer;Datum;Betrag\n";
        let good = format!("{csv_head}1;K1;01.02.2024;1,00\n");
        let canonical = |order: &str| format!("[{order}]");
        let order = r#""id":"1","customer":"K1","placed_at":1700000000,"total":100,"currency":"EUR","status":"completed""#;
        let cases: Vec<(Format, String, ReadOptions)> = vec![
            (Csv, "Bestellnummer;Kundennummer;Datum;Betrag;Status;Uhrzeit;Erstattet\n\
                   1;K1;31.02.2024;1,00;;;\n\
                   2;K1;;1,00;;;\n\
                   3;;01.02.2024;1,00;;;\n\
                   ;K1;01.02.2024;1,00;;;\n\
                   5;K1;01.02.2024;abc;;;\n\
                   6;K1;01.02.2024;;;;\n\
                   7;K1;01.02.2024;1,00;verloren;;\n\
                   8;K1;01.02.2024;1,00;;25:99;\n\
                   9;K1;01.02.2024;1,00;;;\n\
                   9;K2;01.02.2024;1,00;;;\n\
                   10;K1;01.02.2024;-1,00;;;\n\
                   11;K1;01.02.2024;1.23,00;;;\n\
                   12;K1;01.02.2024;1,00;teilweise erstattet;;\n\
                   13;K1;01.02.2024;1,00;;;-1,00\n".into(), ReadOptions::default()),
            (Csv, "Bestellnummer;Kundennummer;Datum;Betrag;Menge;Einzelpreis\n\
                   1;K1;01.02.2024;1,00;viel;1,00\n\
                   2;K1;01.02.2024;1,00;1;teuer\n".into(), ReadOptions::default()),
            (Csv, "Bestellnummer;Kundennummer;Datum;Betrag;Währung\n\
                   1;K1;01.02.2024;1,00;USD\n\
                   2;K1;01.02.2024;1,00;EURO\n\
                   3;K1;01.02.2024;9.000.000.000.000,00;CHF\n".into(),
             with(|o| {
                 o.currency = Some("EUR".into());
                 o.rates.insert("CHF".into(), 1e6);
             })),
            (Csv, format!("{csv_head}1;K1;01.02.2024;\"1,00\n"), ReadOptions::default()),
            (Csv, String::new(), ReadOptions::default()),
            (Csv, "a;b\n1;2\n".into(), ReadOptions::default()),
            (Csv, good.clone(), with(|o| o.delimiter = Some('"'))),
            (Csv, good.clone(), with(|o| o.decimal = Some('x'))),
            (Csv, good.clone(), with(|o| {
                o.mapping.insert("nonsense".into(), "Betrag".into());
            })),
            (Csv, good.clone(), with(|o| {
                o.mapping.insert("total".into(), String::new());
            })),
            (Csv, good.clone(), with(|o| {
                o.mapping.insert("total".into(), "Summe".into());
            })),
            (Csv, good.clone(), with(|o| o.time_zone = Some("Mars/Base".into()))),
            (Csv, good.clone(), with(|o| o.zone_offsets = vec![(0, 99_999)])),
            (Csv, good.clone(), with(|o| o.currency = Some("EURO".into()))),
            (Csv, good.clone(), with(|o| {
                o.rates.insert("EURO".into(), 1.0);
            })),
            (Csv, good.clone(), with(|o| {
                o.rates.insert("CHF".into(), -1.0);
            })),
            (Canonical, "{".into(), ReadOptions::default()),
            (Canonical, "42".into(), ReadOptions::default()),
            (Canonical, canonical(&format!(
                "{{{order}}}, {{\"customer\":\"K\",\"placed_at\":1,\"total\":1}}, \
                 {{\"id\":\"3\",\"placed_at\":1700000000,\"total\":1}}, \
                 {{\"id\":\"4\",\"customer\":\"K\",\"placed_at\":1700000000123,\"total\":1}}, \
                 {{\"id\":\"5\",\"customer\":\"K\",\"placed_at\":1700000000.5,\"total\":1}}, \
                 {{\"id\":\"6\",\"customer\":\"K\",\"total\":1}}, \
                 {{\"id\":\"7\",\"customer\":\"K\",\"placed_at\":1700000000,\"total\":49.9}}, \
                 {{\"id\":\"8\",\"customer\":\"K\",\"placed_at\":1700000000}}, \
                 {{\"id\":\"9\",\"customer\":\"K\",\"placed_at\":1700000000,\"total\":1,\"status\":\"lost\"}}, \
                 {{\"id\":\"10\",\"customer\":\"K\",\"placed_at\":1700000000,\"total\":1,\"items\":[1]}}, \
                 {{\"id\":\"11\",\"customer\":\"K\",\"placed_at\":1700000000,\"total\":1,\"status\":{{\"kind\":\"partially_refunded\",\"amount\":-1}}}}"
            )), ReadOptions::default()),
            (Shopify, r#"{"orders":[{"id":1,"created_at":"yesterday","total_price":"x","currency":"EUR"},
                {"id":2,"created_at":"2026-11-01T09:30:00Z","currency":"EUR","customer":{"id":1}},
                {"id":3,"created_at":"2026-11-01T09:30:00Z","total_price":"1.00","currency":"EUR"},
                {"id":4,"created_at":"2026-11-01T09:30:00Z","total_price":[],"currency":"EUR","customer":{"id":1}},
                {"id":5,"created_at":"2026-11-01T09:30:00Z","total_price":"1.00","currency":"EUR","customer":{"id":1},
                 "line_items":[{"quantity":"x","price":"1.00"},{"quantity":[],"price":"1.00"},{"quantity":-1,"price":"1.00"}]},
                {"id":6,"created_at":"2026-11-01T09:30:00Z","total_price":"1.00","currency":"EUR","customer":{"id":1},
                 "financial_status":"partially_refunded"}]}"#.into(), ReadOptions::default()),
            (Shopify, r#"{"orders": 3}"#.into(), ReadOptions::default()),
            (ShopifyGraphql, r#"{"data":{}}"#.into(), ReadOptions::default()),
            (ShopifyGraphql, r#"{"errors":[{"message":"Throttled"}]}"#.into(), ReadOptions::default()),
            (Shopware, r#"{"data":[{"orderNumber":"1","orderDateTime":"2026-11-01T09:30:00.000+00:00","amountTotal":1,
                "orderCustomer":{"customerNumber":"K"}},
                {"orderNumber":"2","orderDateTime":"soon","amountTotal":1,"currency":{"isoCode":"EUR"},
                "orderCustomer":{"customerNumber":"K"}}]}"#.into(), ReadOptions::default()),
            (WooCommerce, r#"{"a":1}"#.into(), ReadOptions::default()),
            (WooCommerce, r#"[{"id":1,"date_created":"2026-11-01T09:30:00","total":"1.00","currency":"EUR","customer_id":[]}]"#.into(), ReadOptions::default()),
            (Cdnow, "00001 19970101 1 29.33\n00001 19970102 1\n00002 19971301 1 1.00\n00003 19970101 1 lots\n".into(), ReadOptions::default()),
        ];
        let mut seen = std::collections::BTreeSet::new();
        for (i, (format, input, options)) in cases.iter().enumerate() {
            let errors = errors_of(*format, input, options);
            assert!(!errors.is_empty(), "case {i} gives no error");
            for e in &errors {
                let c = code(e);
                assert_ne!(c, "other", "case {i}: '{}' has no code", e.reason);
                assert_eq!(c, classify(e).code);
                seen.insert(c);
            }
        }
        // The survey reader shares the codes.
        let survey = crate::nps::read_csv(
            "Kunde;Bewertung;Datum\n;9;01.10.2026\nK;;01.10.2026\nK;x;01.10.2026\nK;11;01.10.2026\n\
             K;7.5;01.10.2026\nK;9;\nK;9;gestern\n",
        );
        assert!(survey.errors.len() >= 7, "{:?}", survey.errors);
        for e in &survey.errors {
            assert_ne!(code(e), "other", "survey: '{}' has no code", e.reason);
            seen.insert(code(e));
        }
        // A CSV reader given JSON that is not text.
        let e = crate::orders::read_value(Csv, &serde_json::json!(1), &ReadOptions::default());
        seen.insert(code(&e.expect_err("not text")));
        // Every code is reached by a real input (the column inputs' one below).
        let unseen: Vec<_> = PHRASES
            .iter()
            .map(|p| p.1)
            .filter(|c| !seen.contains(c) && *c != "length_mismatch")
            .collect();
        assert!(unseen.is_empty(), "no input reaches {unseen:?}");
    }

    #[test]
    fn a_row_error_carries_its_code_to_js() {
        let e = RowError {
            row: Some(3),
            order_id: None,
            field: "Datum".into(),
            reason: "'31.02.2024' is not a date".into(),
            fix: "write dates as dd.mm.yyyy".into(),
        };
        let json = serde_json::to_value(&e).unwrap();
        assert_eq!(json["code"], "bad_date");
        assert_eq!(
            (json["row"].as_u64(), json["orderId"].is_null()),
            (Some(3), true)
        );
        // Read back, the code is derived again, not stored.
        let back: RowError = serde_json::from_value(json).unwrap();
        assert_eq!(back, e);
    }

    #[test]
    fn the_column_readers_reasons_have_codes() {
        // Reasons of the column inputs for developers (src/segments/table.rs,
        // src/orders/columnar.rs), whose inputs are typed arrays.
        for reason in [
            "customer index 7 has no key (3 keys given)",
            "1700000000.5 is not a whole number of seconds",
            "1700000000123 is not a time between 1970 and 2199",
            "49.9 is not a whole number of minor units",
            "the net total -1 is negative",
            "the order has no customer key",
            "totals has 3 entries but customers has 4",
            "1e15 is not a time between 1970 and 2200",
            "-1 is not an amount of at least 0",
            "status 3 (partially refunded) needs a refunded amount above 0",
            "7 is not a status code",
            "the time zone 'Mars/Base' is not known here; give a fixed offset",
        ] {
            let e = RowError {
                row: Some(1),
                order_id: None,
                field: "x".into(),
                reason: reason.into(),
                fix: String::new(),
            };
            assert_ne!(code(&e), "other", "'{reason}' has no code");
        }
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
