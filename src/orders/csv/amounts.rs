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
    if let Some(value) = plain_amount(text, decimal, digits) {
        return Ok(value);
    }
    let plain = plain_number(text, decimal, scratch)?;
    decimal_to_minor(plain, digits).ok_or_else(|| format!("'{}' is not an amount", text.trim()))
}

/// [`amount`] of a cell that is only digits and separators after an
/// optional `-` (nearly every cell of an export), read in one pass without
/// building the plain number; `None` when the cell is anything else, or
/// not an amount, or too long to add up without overflow: then the
/// general path decides (and explains).
fn plain_amount(text: &str, decimal: char, digits: u32) -> Option<i64> {
    let bytes = text.as_bytes();
    let (negative, body) = match bytes.split_first() {
        Some((b'-', rest)) => (true, rest),
        _ => (false, bytes),
    };
    if !body
        .iter()
        .all(|&b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    let decimal = decimal_of(text).unwrap_or(decimal);
    let (mark, thousands) = if decimal == ',' {
        (b',', b'.')
    } else {
        (b'.', b',')
    };
    let (int, frac): (&[u8], &[u8]) = match body.iter().rposition(|&b| b == mark) {
        Some(at) => (body.get(..at)?, body.get(at + 1..)?),
        None => (body, &[]),
    };
    // i64 holds any 18 digits: no overflow check per digit (in wasm a
    // checked multiply is a call).
    let kept = int.iter().filter(|b| b.is_ascii_digit()).count() + digits as usize;
    if (int.is_empty() && frac.is_empty()) || kept > 18 {
        return None;
    }
    let mut value: i64 = 0;
    // Groups after the first have exactly three digits.
    for (i, group) in int.split(|&b| b == thousands).enumerate() {
        if i > 0 && group.len() != 3 {
            return None;
        }
        for &b in group {
            if !b.is_ascii_digit() {
                return None;
            }
            value = value * 10 + i64::from(b - b'0');
        }
    }
    if !frac.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut rest = frac.iter();
    for _ in 0..digits {
        value = value * 10 + rest.next().map_or(0, |&b| i64::from(b - b'0'));
    }
    // Round half away from zero on the first dropped digit.
    if rest.next().is_some_and(|&b| b >= b'5') {
        value += 1;
    }
    Some(if negative { -value } else { value })
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

    /// The general path alone, as before the one-pass path.
    fn general(text: &str, decimal: char, digits: u32) -> Result<i64, String> {
        let mut scratch = Scratch::default();
        let plain = plain_number(text, decimal, &mut scratch)?;
        decimal_to_minor(plain, digits).ok_or_else(|| format!("'{}' is not an amount", text.trim()))
    }

    #[test]
    fn the_one_pass_path_gives_what_the_general_one_gives() {
        const PIECES: [&str; 12] = [
            "0", "1", "5", "9", "12", "345", ",", ".", "-", " ", "€", "4",
        ];
        let mut next = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let mut fast = 0;
        for case in 0..200_000 {
            let len = 1 + next(if case % 10 == 0 { 16 } else { 7 });
            let text: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            for decimal in [',', '.'] {
                for digits in [0, 2, 3, 4] {
                    let want = general(&text, decimal, digits);
                    if let Some(got) = plain_amount(&text, decimal, digits) {
                        fast += 1;
                        assert_eq!(Ok(got), want, "{text:?} {decimal} {digits}");
                    }
                    assert_eq!(parse_amount(&text, decimal, digits), want, "{text:?}");
                }
            }
        }
        assert!(fast > 100_000, "{fast}");
        for text in [
            "1.234,56",
            "49,90",
            "-12,50",
            "1234",
            "0,5",
            "999.999.999.999,99",
        ] {
            assert!(plain_amount(text, ',', 2).is_some(), "{text}");
        }
    }
}
