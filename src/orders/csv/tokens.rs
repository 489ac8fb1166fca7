//! CSV text to records: the one tokenizer of the crate (orders, survey
//! answers, the import preview), RFC 4180 quoting, borrowing from the text
//! so that a large export is not copied field by field.

use super::write::FORMULA_START;
use crate::orders::field_error::FieldError;
use crate::orders::{trim, RowError};
use std::borrow::Cow;

/// One CSV record (row) and the line it starts on. Fields borrow from the text
/// unless they had to be unescaped (`""` or CRLF inside quotes, text after
/// a closing quote).
pub(super) struct Row<'a> {
    pub(super) line: usize,
    pub(super) fields: Vec<Cow<'a, str>>,
}

impl<'a> Row<'a> {
    /// The trimmed cell; a `'` that protects a formula-like start (as
    /// [`write_german`](super::write_german) and spreadsheets write it) is
    /// removed.
    #[inline]
    pub(super) fn cell(&self, column: Option<usize>) -> &str {
        unprotect(
            column
                .and_then(|c| self.fields.get(c))
                .map_or("", |s| trim(s)),
        )
    }

    /// [`Row::cell`] borrowed from the text (not from this row, which is
    /// refilled with the next record) unless the field was unescaped.
    #[inline]
    pub(super) fn text(&self, column: Option<usize>) -> Cow<'a, str> {
        match column.and_then(|c| self.fields.get(c)) {
            Some(Cow::Borrowed(s)) => Cow::Borrowed(unprotect(trim(s))),
            Some(Cow::Owned(s)) => Cow::Owned(unprotect(trim(s)).to_string()),
            None => Cow::Borrowed(""),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.fields.iter().all(|f| trim(f).is_empty())
    }
}

/// `text` without a `'` that protects a formula-like start.
#[inline]
fn unprotect(text: &str) -> &str {
    if text.as_bytes().first() != Some(&b'\'') {
        return text;
    }
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(FORMULA_START) => rest.trim(),
        _ => text,
    }
}

/// A record as owned text, for tests of the tokenizer.
#[cfg(test)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// All records of a text, empty ones included, and the unterminated-quote
/// error if any.
#[cfg(test)]
fn records(text: &str, delimiter: u8) -> (Vec<Record>, Option<RowError>) {
    let mut tokens = Tokens::new(text, delimiter);
    let mut row = Row {
        line: 1,
        fields: Vec::new(),
    };
    let mut out = Vec::new();
    while tokens.next_into(&mut row) {
        out.push(Record {
            line: row.line,
            fields: row.fields.iter().map(|f| f.to_string()).collect(),
        });
    }
    (out, tokens.broken)
}

/// The non-empty records of a CSV text (BOM removed, separator detected
/// as for orders), each with the line it starts on and its cells trimmed
/// and unprotected as for orders; and the unterminated-quote error, if
/// any. The one CSV reader of the crate for other tables (survey answers).
pub(crate) fn records_of(text: &str) -> (Vec<(usize, Vec<String>)>, Option<RowError>) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut tokens = Tokens::new(text, detect_delimiter(text));
    let mut row = Row {
        line: 1,
        fields: Vec::new(),
    };
    let mut out = Vec::new();
    while tokens.next_into(&mut row) {
        if !row.is_empty() {
            let cells = (0..row.fields.len())
                .map(|c| row.cell(Some(c)).to_string())
                .collect();
            out.push((row.line, cells));
        }
    }
    (out, tokens.broken)
}

/// The first position at or after `from` of one of the bytes `a`, `b`,
/// `c`; the length of `bytes` if there is none. Eight bytes at a time
/// (`word ^ pattern` has a zero byte where a byte matches), since most
/// bytes of a CSV file are none of them. The lowest flag of the zero-byte
/// test is exact (a false flag can only follow a true one), so the match
/// is found in the word itself, without a second look at its bytes.
pub(super) fn find3(bytes: &[u8], from: usize, [a, b, c]: [u8; 3]) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let zeros = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    let (pa, pb, pc) = (
        ONES * u64::from(a),
        ONES * u64::from(b),
        ONES * u64::from(c),
    );
    let mut i = from;
    while let Some(word) = bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        let w = u64::from_le_bytes(*word);
        let hits = zeros(w ^ pa) | zeros(w ^ pb) | zeros(w ^ pc);
        if hits != 0 {
            return i + (hits.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&x| x == a || x == b || x == c))
        .map_or(bytes.len(), |p| i + p)
}

/// The most frequent of `;`, tab and `,` in the header line (outside
/// quotes); `;` on a tie, as German exports use it.
pub(super) fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for b in text.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            b';' if !quoted => counts[0] += 1,
            b'\t' if !quoted => counts[1] += 1,
            b',' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let [semi, tab, comma] = counts;
    if comma > semi && comma > tab {
        b','
    } else if tab > semi {
        b'\t'
    } else {
        b';'
    }
}

/// Splits the text into records (RFC 4180 quoting), one at a time. A
/// field that starts with `"` is quoted: separators and line breaks inside
/// belong to it, `""` is a quote, CRLF becomes LF, and text after the
/// closing quote up to the next separator is appended as it is. Outside
/// quotes CR, LF and CRLF end a record.
#[derive(Clone)]
pub(super) struct Tokens<'a> {
    text: &'a str,
    /// Byte offset of the next field.
    at: usize,
    /// The line `at` is on.
    line: usize,
    delimiter: u8,
    /// An unterminated quote ended the text; the records before it were read.
    pub(super) broken: Option<RowError>,
}

impl<'a> Tokens<'a> {
    pub(super) fn new(text: &'a str, delimiter: u8) -> Self {
        Tokens::at_line(text, delimiter, 1)
    }

    /// Records of `text`, whose first line is numbered `line`.
    pub(super) fn at_line(text: &'a str, delimiter: u8, line: usize) -> Self {
        Tokens {
            text,
            at: 0,
            line,
            delimiter,
            broken: None,
        }
    }

    /// Reads the next record into `record`; `false` at the end of the text
    /// or at an unterminated quote (then `broken` says where).
    pub(super) fn next_into(&mut self, record: &mut Row<'a>) -> bool {
        record.fields.clear();
        let bytes = self.text.as_bytes();
        if self.at >= bytes.len() {
            return false;
        }
        record.line = self.line;
        loop {
            let field = if bytes.get(self.at) == Some(&b'"') {
                match self.quoted() {
                    Some(field) => field,
                    None => {
                        self.broken = Some(
                            FieldError::new(
                                "input",
                                format!(
                                    "a quoted field that starts in line {} is never closed",
                                    record.line
                                ),
                                "close the quote, and write a quote inside a quoted field as \"\"",
                            )
                            .at(Some(record.line), None),
                        );
                        self.at = bytes.len();
                        return false;
                    }
                }
            } else {
                let end = self.field_end(self.at);
                let field = self.slice(self.at, end);
                self.at = end;
                Cow::Borrowed(field)
            };
            record.fields.push(field);
            match bytes.get(self.at) {
                Some(&b) if b == self.delimiter => self.at += 1,
                Some(b'\r') => {
                    self.at += 1;
                    if bytes.get(self.at) == Some(&b'\n') {
                        self.at += 1;
                    }
                    self.line += 1;
                    return true;
                }
                Some(b'\n') => {
                    self.at += 1;
                    self.line += 1;
                    return true;
                }
                // The end of the text ends the record.
                _ => {
                    self.at = bytes.len();
                    return true;
                }
            }
        }
    }

    /// The text between `from` and `to`; both are at ASCII bytes or the
    /// ends of the text, so this never splits a character.
    fn slice(&self, from: usize, to: usize) -> &'a str {
        self.text.get(from..to).unwrap_or("")
    }

    /// Where an unquoted field that starts at `from` ends: the next
    /// separator, CR or LF, or the end of the text.
    fn field_end(&self, from: usize) -> usize {
        find3(self.text.as_bytes(), from, [self.delimiter, b'\n', b'\r'])
    }

    /// The quoted field at `at` (which is the opening quote); `None` if the
    /// quote is never closed.
    fn quoted(&mut self) -> Option<Cow<'a, str>> {
        let bytes = self.text.as_bytes();
        let mut i = self.at + 1;
        // Unescaped text so far; only needed once something is dropped.
        let mut owned: Option<String> = None;
        let mut run = i;
        let content_end = loop {
            let j = find3(bytes, i, [b'"', b'\n', b'\r']);
            if j >= bytes.len() {
                return None;
            }
            match bytes.get(j) {
                Some(b'"') if bytes.get(j + 1) == Some(&b'"') => {
                    // Keep the first quote of the pair, drop the second.
                    owned
                        .get_or_insert_with(String::new)
                        .push_str(self.slice(run, j + 1));
                    i = j + 2;
                    run = i;
                }
                Some(b'"') => {
                    i = j + 1;
                    break j;
                }
                Some(b'\r') if bytes.get(j + 1) == Some(&b'\n') => {
                    // CRLF inside quotes: keep just the LF.
                    owned
                        .get_or_insert_with(String::new)
                        .push_str(self.slice(run, j));
                    i = j + 1;
                    run = i;
                }
                Some(b'\n') => {
                    self.line += 1;
                    i = j + 1;
                }
                _ => i = j + 1,
            }
        };
        // Text after the closing quote belongs to the field as it is.
        let end = self.field_end(i);
        self.at = end;
        let field = match owned {
            None if end == i => Cow::Borrowed(self.slice(run, content_end)),
            owned => {
                let mut s = owned.unwrap_or_default();
                s.push_str(self.slice(run, content_end));
                s.push_str(self.slice(i, end));
                Cow::Owned(s)
            }
        };
        Some(field)
    }
}

/// The header, the data records (`f` gets each non-empty one's line and
/// fields; it returns `false` to stop) and the delimiter of a CSV text, for
/// the import preview ([`crate::orders::inspect`]).
pub(crate) fn scan(
    text: &str,
    delimiter: u8,
    mut f: impl FnMut(usize, &[Cow<'_, str>]) -> bool,
) -> Option<RowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut tokens = Tokens::new(text, delimiter);
    let mut record = Row {
        line: 1,
        fields: Vec::new(),
    };
    while tokens.next_into(&mut record) {
        if !record.is_empty() && !f(record.line, &record.fields) {
            return None;
        }
    }
    tokens.broken
}

/// The delimiter [`read`](super::read) would detect.
pub(crate) fn delimiter_of(text: &str) -> u8 {
    detect_delimiter(text.strip_prefix('\u{feff}').unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_hold_separators_quotes_and_newlines() {
        let (records, error) = records("a;\"b;\"\"c\"\"\nd\";e\r\nf;g;h", b';');
        assert!(error.is_none());
        assert_eq!(records[0].fields, vec!["a", "b;\"c\"\nd", "e"]);
        assert_eq!(records[1].line, 3);
        let (records, error) = records_open();
        assert_eq!(records.len(), 1);
        assert_eq!(error.unwrap().row, Some(2));
    }

    fn records_open() -> (Vec<Record>, Option<RowError>) {
        records("a;b\n\"open;c\nd;e\n", b';')
    }

    /// The tokenizer as it was before it borrowed from the text: one byte
    /// at a time into owned fields. The reference for the test below.
    fn reference_records(text: &str, delimiter: u8) -> (Vec<(usize, Vec<String>)>, Option<usize>) {
        let mut out = Vec::new();
        let mut fields = Vec::new();
        let mut field: Vec<u8> = Vec::new();
        let (mut line, mut record_line) = (1usize, 1usize);
        let (mut in_quotes, mut was_quoted) = (false, false);
        let mut bytes = text.bytes().peekable();
        let take = |field: &mut Vec<u8>| String::from_utf8(std::mem::take(field)).unwrap();
        while let Some(b) = bytes.next() {
            if in_quotes {
                match b {
                    b'"' if bytes.peek() == Some(&b'"') => {
                        bytes.next();
                        field.push(b'"');
                    }
                    b'"' => in_quotes = false,
                    b'\r' if bytes.peek() == Some(&b'\n') => {}
                    b'\n' => {
                        line += 1;
                        field.push(b);
                    }
                    _ => field.push(b),
                }
                continue;
            }
            match b {
                b'"' if field.is_empty() && !was_quoted => {
                    in_quotes = true;
                    was_quoted = true;
                }
                b'\r' if bytes.peek() == Some(&b'\n') => {}
                b'\n' | b'\r' => {
                    fields.push(take(&mut field));
                    out.push((record_line, std::mem::take(&mut fields)));
                    line += 1;
                    record_line = line;
                    was_quoted = false;
                }
                _ if b == delimiter => {
                    fields.push(take(&mut field));
                    was_quoted = false;
                }
                _ => field.push(b),
            }
        }
        if in_quotes {
            return (out, Some(record_line));
        }
        if !field.is_empty() || !fields.is_empty() {
            fields.push(take(&mut field));
            out.push((record_line, fields));
        }
        (out, None)
    }

    #[test]
    fn tokenizer_matches_the_byte_by_byte_reference() {
        const PIECES: [&str; 16] = [
            "a", "bc", " ", ";", ",", "\t", "\"", "\"\"", "\r", "\n", "\r\n", "'", "ä", "€",
            "1.234,5", "=",
        ];
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1d_u64);
        for case in 0..30_000 {
            let len = next(40);
            let text: String = (0..len).map(|_| PIECES[next(PIECES.len())]).collect();
            let delimiter = [b';', b',', b'\t'][case % 3];
            let (got, error) = records(&text, delimiter);
            let mut got: Vec<(usize, Vec<String>)> =
                got.into_iter().map(|r| (r.line, r.fields)).collect();
            let (want, want_error) = reference_records(&text, delimiter);
            // The reference drops a last record that is a lone empty quoted
            // field ("" at the end of the text); empty records are skipped
            // when reading anyway.
            if error.is_none()
                && got.len() == want.len() + 1
                && got.last().is_some_and(|r| r.1 == [""])
            {
                got.pop();
            }
            assert_eq!(got, want, "{text:?}");
            assert_eq!(error.and_then(|e| e.row), want_error, "{text:?}");
        }
    }

    #[test]
    fn find3_finds_the_first_of_three_bytes() {
        let alphabet = [
            b'a', b';', b'"', b'\n', b'\r', 0x00, 0x01, 0x7f, 0x80, 0x81, 0xc3, 0xff,
        ];
        let mut next = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        for _ in 0..50_000 {
            let bytes: Vec<u8> = (0..next(40))
                .map(|_| alphabet[next(alphabet.len())])
                .collect();
            let stops = [0, 1, 2].map(|_| alphabet[next(alphabet.len())]);
            let from = next(bytes.len() + 2);
            let want = bytes
                .iter()
                .enumerate()
                .skip(from)
                .find(|(_, x)| stops.contains(x))
                .map_or(bytes.len(), |(i, _)| i);
            assert_eq!(
                find3(&bytes, from, stops),
                want,
                "{bytes:?} {stops:?} {from}"
            );
        }
    }

    #[test]
    fn delimiters_are_detected() {
        assert_eq!(detect_delimiter("a;b;c\n1,5;2,5;3"), b';');
        assert_eq!(detect_delimiter("a,b,c\n"), b',');
        assert_eq!(detect_delimiter("a\tb\tc,d\n"), b'\t');
        assert_eq!(detect_delimiter("\"a;b\",c,d\n"), b',');
    }
}
