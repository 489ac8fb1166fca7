//! Amounts and currencies in cells. German and English exports write
//! `1.234,56` and `1,234.56`; the decimal mark is taken from the value
//! when it shows one, else from the options or the file's other amounts,
//! so that `1.234` means the same throughout a file.

use super::header::{Layout, REFUNDED, TOTAL, UNIT_PRICE};
use super::tokens::{Row, Tokens};
use crate::money::decimal_to_minor;
use crate::orders::trim;

/// The decimal separator a value shows unambiguously (`1.234,56`), if any.
pub(crate) fn decimal_in(value: &str) -> Option<char> {
    decimal_of(clean_number(value, &mut String::new()))
}

/// A cell's currency code (`€` → `EUR`), upper case.
pub(crate) fn currency_of(cell: &str) -> String {
    let mut code = normalise_currency(trim(cell)).to_string();
    code.make_ascii_uppercase();
    code
}

/// The decimal separator most unambiguous amounts use; else by delimiter.
/// Looks at the first 10,000 records after the header.
pub(super) fn detect_decimal(mut tokens: Tokens, layout: &Layout, delimiter: u8) -> char {
    let (mut comma, mut point) = (0usize, 0usize);
    let mut record = Row {
        line: 1,
        fields: Vec::new(),
    };
    let mut buffer = String::new();
    let mut seen = 0;
    while seen < 10_000 && tokens.next_into(&mut record) {
        if record.is_empty() {
            continue;
        }
        seen += 1;
        for field in [TOTAL, REFUNDED, UNIT_PRICE] {
            match decimal_of(clean_number(record.cell(layout.column(field)), &mut buffer)) {
                Some(',') => comma += 1,
                Some('.') => point += 1,
                _ => {}
            }
        }
    }
    if comma > point || (comma == point && delimiter != b',') {
        ','
    } else {
        '.'
    }
}

/// The decimal separator a value shows unambiguously, if any.
fn decimal_of(value: &str) -> Option<char> {
    // One pass over the bytes: `,` and `.` are ASCII, so byte positions
    // and counts are those of the characters.
    let (mut last_comma, mut last_point) = (None, None);
    let (mut commas, mut points) = (0usize, 0usize);
    for (i, b) in value.bytes().enumerate() {
        match b {
            b',' => {
                last_comma = Some(i);
                commas += 1;
            }
            b'.' => {
                last_point = Some(i);
                points += 1;
            }
            _ => {}
        }
    }
    match (last_comma, last_point) {
        (Some(c), Some(p)) => Some(if c > p { ',' } else { '.' }),
        (Some(c), None) => single(value, ',', commas, c),
        (None, Some(p)) => single(value, '.', points, p),
        (None, None) => None,
    }
}

/// With one kind of separator (`count` times, the last at `at`): repeated
/// means thousands; one followed by other than three digits means
/// decimal; else unknown.
fn single(value: &str, sep: char, count: usize, at: usize) -> Option<char> {
    let other = if sep == ',' { '.' } else { ',' };
    if count > 1 {
        return Some(other);
    }
    let after = value
        .as_bytes()
        .get(at + 1..)
        .map_or(0, |s| s.iter().filter(|b| b.is_ascii_digit()).count());
    (after != 3).then_some(sep)
}

/// Drops currency signs, spaces and `'`; keeps digits, separators, sign.
/// The result is `text` itself when there is nothing to drop, else it is
/// written to `buffer`.
fn clean_number<'t>(text: &'t str, buffer: &'t mut String) -> &'t str {
    let text = text.trim();
    // Most cells: digits and separators, perhaps a leading minus.
    let body = text.strip_prefix('-').unwrap_or(text);
    if body
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return text;
    }
    let text = text
        .trim_start_matches("EUR")
        .trim_end_matches("EUR")
        .trim_start_matches("CHF")
        .trim_end_matches("CHF");
    let out = buffer;
    out.clear();
    let mut trailing_minus = false;
    for (i, c) in text.trim().char_indices() {
        match c {
            '€' | '$' | '£' | '\'' | '’' | ' ' | '\u{a0}' | '\u{202f}' => {}
            '-' if i > 0 && out.chars().any(|c| c.is_ascii_digit()) => trailing_minus = true,
            c => out.push(c),
        }
    }
    if trailing_minus {
        out.insert(0, '-');
    }
    out
}

/// Buffers reused for every amount of a file, so parsing one allocates
/// nothing.
#[derive(Default)]
pub(super) struct Scratch {
    clean: String,
    plain: String,
}

/// Parses a localized amount into minor units.
#[cfg(test)]
pub(crate) fn parse_amount(text: &str, decimal: char, digits: u32) -> Result<i64, String> {
    amount(text, decimal, digits, &mut Scratch::default())
}

/// Parses a localized amount into minor units.
pub(super) fn amount(
    text: &str,
    decimal: char,
    digits: u32,
    scratch: &mut Scratch,
) -> Result<i64, String> {
    let plain = plain_number(text, decimal, scratch)?;
    decimal_to_minor(plain, digits).ok_or_else(|| format!("'{}' is not an amount", text.trim()))
}

/// `1.234,56` / `1,234.56` / `1234,5` -> `1234.56` / `1234.5`.
pub(super) fn plain_number<'s>(
    text: &str,
    decimal: char,
    scratch: &'s mut Scratch,
) -> Result<&'s str, String> {
    let Scratch { clean, plain } = scratch;
    let cleaned = clean_number(text, clean);
    let decimal = decimal_of(cleaned).unwrap_or(decimal);
    let thousands = if decimal == ',' { '.' } else { ',' };
    let (int, frac) = match cleaned.rsplit_once(decimal) {
        Some((i, f)) => (i, Some(f)),
        None => (cleaned, None),
    };
    // Thousands groups after the first must have exactly three digits.
    let mut groups = int.split(thousands);
    let first = groups.next().unwrap_or("");
    plain.clear();
    plain.push_str(first);
    for group in groups {
        if group.len() != 3 {
            return Err(format!(
                "'{}' has a misplaced thousands separator",
                text.trim()
            ));
        }
        plain.push_str(group);
    }
    if let Some(frac) = frac {
        plain.push('.');
        plain.push_str(frac);
    }
    Ok(plain)
}

/// How to write amounts, for errors.
pub(super) fn amount_fix(decimal: char) -> String {
    if decimal == ',' {
        "write amounts like 1.234,56 or 49,90 (or pass decimal: '.' for 1,234.56)".into()
    } else {
        "write amounts like 1,234.56 or 49.90 (or pass decimal: ',' for 1.234,56)".into()
    }
}

/// `€` -> EUR and similar; codes pass through.
pub(super) fn normalise_currency(text: &str) -> &str {
    match text {
        "€" => "EUR",
        "$" => "USD",
        "£" => "GBP",
        "Fr." | "SFr." | "sFr." => "CHF",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_in_both_styles() {
        let cases = [
            ("1.234,56", ',', 123_456),
            ("1.234,56", '.', 123_456),
            ("1,234.56", ',', 123_456),
            ("1234,5", '.', 123_450),
            ("49.90", ',', 4_990),
            ("1.234", ',', 123_400),
            ("1.234", '.', 123),
            ("1,234", '.', 123_400),
            ("1.234.567", '.', 123_456_700),
            ("€ 12,50", ',', 1_250),
            ("12,50 EUR", ',', 1_250),
            ("1'234.50", '.', 123_450),
            ("1 234,50", ',', 123_450),
            ("12,50-", ',', -1_250),
            ("-12,50", ',', -1_250),
            ("0", ',', 0),
        ];
        for (text, decimal, want) in cases {
            assert_eq!(
                parse_amount(text, decimal, 2),
                Ok(want),
                "{text} with {decimal}"
            );
        }
        for bad in ["", "abc", "1.23,45", "1,2,3.4.5", "12,50,", "--1"] {
            assert!(parse_amount(bad, ',', 2).is_err(), "{bad}");
        }
    }
}
