//! The facts an admin checks before computing on a file: format, encoding,
//! delimiter, date and number style, currency, date range, the column of
//! each field, the first rows, and a suggested as-of date.
//!
//! For CSV the style is read from the header and the first rows; one cheap
//! pass over the date and currency columns gives the range and the
//! currencies (no order is built). JSON and CDNOW files are read in full
//! (they are small next to the CSV exports of large shops). Without a
//! given format it is detected from the content ([`super::detect`]).
//!
//! ```
//! use stammkunde::orders::inspect::inspect;
//! use stammkunde::orders::ReadOptions;
//! let csv = "Bestellnummer;Kunde;Datum;Betrag;Währung\n1;K1;03.01.1997;1.029,90;USD\n2;K2;30.06.1998;9,99;USD\n";
//! let facts = inspect(csv.as_bytes(), None, &ReadOptions::default(), 20_000);
//! assert_eq!((facts.delimiter, facts.decimal, facts.date_style), (Some(';'), Some(','), Some("dd.mm.yyyy")));
//! assert_eq!(facts.currency.as_deref(), Some("USD"));
//! assert_eq!(facts.last_day, Some(10_407)); // 1998-06-30
//! assert_eq!(facts.as_of_day, 10_408); // the day after: the file ended long ago
//! ```

use super::csv::{self, FIELDS};
use super::encoding::decode;
use super::{read, Format, ReadOptions, RowError};
use serde::Serialize;
use std::collections::BTreeMap;

/// Rows of the file shown in the preview.
pub const SAMPLE_ROWS: usize = 5;
/// A file whose last order is more than this many days before today gets
/// the day after its last order as the suggested as-of date.
pub const STALE_DAYS: i64 = 31;

/// One field and the column it is read from.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "OrderFileColumn"))]
pub struct Column {
    /// The canonical field, e.g. `placed_at`.
    #[cfg_attr(feature = "ts", ts(type = "CsvField"))]
    pub field: &'static str,
    /// The column's header, `None` when no column was recognised.
    pub column: Option<String>,
    /// Whether the file cannot be read without it.
    pub required: bool,
}

/// What [`inspect`] found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "OrderFileFacts"))]
pub struct Inspection {
    /// `csv`, `canonical`, `shopify`, … (see [`Format::parse`]).
    #[cfg_attr(feature = "ts", ts(type = "OrderFormat"))]
    pub format: String,
    /// The encoding's name, e.g. `Windows-1252`.
    #[cfg_attr(
        feature = "ts",
        ts(
            type = "\"UTF-8\" | \"UTF-8 (BOM)\" | \"UTF-16 LE\" | \"UTF-16 BE\" | \"Windows-1252\""
        )
    )]
    pub encoding: &'static str,
    /// CSV: the field separator.
    pub delimiter: Option<char>,
    /// CSV: the decimal separator, `,` or `.`.
    #[cfg_attr(feature = "ts", ts(type = "\",\" | \".\" | null"))]
    pub decimal: Option<char>,
    /// CSV: how dates are written: `dd.mm.yyyy`, `yyyy-mm-dd` or `yyyymmdd`.
    #[cfg_attr(
        feature = "ts",
        ts(type = "\"dd.mm.yyyy\" | \"yyyy-mm-dd\" | \"yyyymmdd\" | null")
    )]
    pub date_style: Option<&'static str>,
    /// The file's currency when all its orders have one; `None` when the
    /// file names none (CSV without a currency column) or several.
    pub currency: Option<String>,
    /// Orders per currency named in the file.
    #[cfg_attr(feature = "ts", ts(type = "Record<string, number>"))]
    pub currencies: BTreeMap<String, usize>,
    /// Data rows (CSV) or orders (other formats).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rows: usize,
    /// First and last order day (days since 1970-01-01, UTC).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub first_day: Option<i64>,
    /// See `first_day`.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub last_day: Option<i64>,
    /// The suggested as-of day: today, or the day after the last order
    /// when the file ends more than [`STALE_DAYS`] before today.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub as_of_day: i64,
    /// Whether `as_of_day` is the day after the last order.
    pub as_of_after_last: bool,
    /// CSV: the header as written.
    pub header: Vec<String>,
    /// CSV: every field and its column.
    pub mapping: Vec<Column>,
    /// CSV: the first data rows, cell by cell (to see the encoding right).
    pub sample: Vec<Vec<String>>,
    /// What keeps the file from being read as it stands (a required column
    /// not found, not JSON, …), with the fix.
    pub problem: Option<RowError>,
}

const DAY: i64 = 86_400;
const REQUIRED: [&str; 4] = ["order_id", "customer", "placed_at", "total"];

/// Inspects a file's bytes. `format` as the admin chose it, else guessed
/// from the content; `options` may carry a mapping the admin edited;
/// `today` in days since 1970-01-01.
pub fn inspect(
    bytes: &[u8],
    format: Option<Format>,
    options: &ReadOptions,
    today: i64,
) -> Inspection {
    let (text, encoding) = decode(bytes);
    let format = format.unwrap_or_else(|| super::detect(&text).format);
    let mut facts = Inspection {
        format: format.name().to_string(),
        encoding: encoding.name(),
        delimiter: None,
        decimal: None,
        date_style: None,
        currency: None,
        currencies: BTreeMap::new(),
        rows: 0,
        first_day: None,
        last_day: None,
        as_of_day: today,
        as_of_after_last: false,
        header: Vec::new(),
        mapping: Vec::new(),
        sample: Vec::new(),
        problem: None,
    };
    if format == Format::Csv {
        inspect_csv(&text, options, &mut facts);
    } else {
        match read(format, &text, options) {
            Ok(import) => {
                facts.rows = import.read;
                for o in &import.orders {
                    *facts.currencies.entry(o.currency.clone()).or_default() += 1;
                    extend(&mut facts, o.placed_at);
                }
                // the rejected rows keep their currency out of the counts
            }
            Err(e) => facts.problem = Some(e),
        }
    }
    if facts.currencies.len() == 1 {
        facts.currency = facts.currencies.keys().next().cloned();
    }
    if let Some(last) = facts.last_day {
        if today - last > STALE_DAYS {
            facts.as_of_day = last + 1;
            facts.as_of_after_last = true;
        }
    }
    facts
}

fn extend(facts: &mut Inspection, seconds: i64) {
    let day = seconds.div_euclid(DAY);
    facts.first_day = Some(facts.first_day.map_or(day, |d| d.min(day)));
    facts.last_day = Some(facts.last_day.map_or(day, |d| d.max(day)));
}

fn inspect_csv(text: &str, options: &ReadOptions, facts: &mut Inspection) {
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() => d as u8,
        _ => csv::delimiter_of(text),
    };
    facts.delimiter = Some(char::from(delimiter));
    let mut header: Option<Vec<String>> = None;
    let mut columns = [None; 16];
    let (mut comma, mut point) = (0usize, 0usize);
    let broken = csv::scan(text, delimiter, |_, fields| {
        if header.is_none() {
            let head: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
            match csv::recognise(&head, options) {
                Ok(found) => columns = found,
                Err(e) => facts.problem = Some(e),
            }
            header = Some(head);
            return true;
        }
        let cell = |field: usize| {
            columns
                .get(field)
                .copied()
                .flatten()
                .and_then(|c| fields.get(c))
                .map_or("", |f| f.trim())
        };
        facts.rows += 1;
        if facts.sample.len() < SAMPLE_ROWS {
            facts
                .sample
                .push(fields.iter().map(|f| f.to_string()).collect());
        }
        let date = cell(3);
        if facts.date_style.is_none() && !date.is_empty() {
            facts.date_style = date_style(date);
        }
        if let Some(seconds) = crate::calendar::Zone::UTC.parse_time(date) {
            extend(facts, seconds);
        }
        let currency = cell(6);
        if !currency.is_empty() {
            *facts
                .currencies
                .entry(csv::currency_of(currency))
                .or_default() += 1;
        }
        if facts.rows <= 10_000 {
            match csv::decimal_in(cell(5)) {
                Some(',') => comma += 1,
                Some('.') => point += 1,
                _ => {}
            }
        }
        true
    });
    let header = header.unwrap_or_default();
    if facts.problem.is_none() {
        if header.is_empty() {
            facts.problem = Some(RowError {
                row: None,
                order_id: None,
                field: "input".into(),
                reason: "the file is empty".into(),
                fix: "export the orders with a header row, e.g. Bestellnummer;Kundennummer;Datum;Betrag".into(),
            });
        } else if let Err(e) = csv::required(&columns, &header) {
            facts.problem = Some(e);
        } else if let Some(e) = broken {
            facts.problem = Some(e);
        }
    }
    facts.decimal = Some(match options.decimal {
        Some(d @ (',' | '.')) => d,
        _ if comma > point || (comma == point && delimiter != b',') => ',',
        _ => '.',
    });
    facts.mapping = FIELDS
        .iter()
        .zip(columns)
        .map(|((field, _), column)| Column {
            field,
            column: column.and_then(|c| header.get(c)).cloned(),
            required: REQUIRED.contains(field),
        })
        .collect();
    facts.header = header;
}

/// How a date cell is written.
fn date_style(date: &str) -> Option<&'static str> {
    let day = date.split([' ', 'T']).next().unwrap_or(date);
    if day.contains('.') {
        Some("dd.mm.yyyy")
    } else if day.contains('-') {
        Some("yyyy-mm-dd")
    } else if day.len() == 8 && day.bytes().all(|b| b.is_ascii_digit()) {
        Some("yyyymmdd")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 20_428; // 2025-12-06

    #[test]
    fn a_german_export_is_described() {
        let csv = "Bestellnummer;Kundennummer;Datum;Betrag;Währung\n\
                   1;00042;24.12.2025;1.234,56;EUR\n\
                   2;00043;01.12.2025;9,99;EUR\n";
        let facts = inspect(csv.as_bytes(), None, &ReadOptions::default(), TODAY);
        assert_eq!(facts.format, "csv");
        assert_eq!(facts.encoding, "UTF-8");
        assert_eq!(facts.currency.as_deref(), Some("EUR"));
        assert_eq!(
            (facts.first_day, facts.last_day),
            (Some(20_423), Some(20_446))
        );
        assert_eq!((facts.as_of_day, facts.as_of_after_last), (TODAY, false));
        assert_eq!(facts.rows, 2);
        assert_eq!(facts.sample[0][1], "00042");
        let total = facts.mapping.iter().find(|c| c.field == "total").unwrap();
        assert_eq!(total.column.as_deref(), Some("Betrag"));
        assert!(facts.problem.is_none());
    }

    #[test]
    fn an_unrecognised_column_is_named_and_can_be_mapped() {
        let csv = "Beleg,Kunde,Tag,Brutto\n1,K1,2024-01-02,\"1,234.50\"\n";
        let facts = inspect(csv.as_bytes(), None, &ReadOptions::default(), TODAY);
        assert_eq!((facts.delimiter, facts.decimal), (Some(','), Some('.')));
        assert!(facts.problem.is_some());
        let id = facts
            .mapping
            .iter()
            .find(|c| c.field == "order_id")
            .unwrap();
        assert_eq!(id.column, None);
        let options = ReadOptions {
            mapping: [
                ("order_id".to_string(), "Beleg".to_string()),
                ("placed_at".to_string(), "Tag".to_string()),
            ]
            .into(),
            ..ReadOptions::default()
        };
        let facts = inspect(csv.as_bytes(), None, &options, TODAY);
        assert!(facts.problem.is_none(), "{:?}", facts.problem);
        assert_eq!(facts.date_style, Some("yyyy-mm-dd"));
        assert_eq!(facts.currency, None);
        assert_eq!(facts.as_of_day, 19_725);
        assert!(facts.as_of_after_last);
    }

    #[test]
    fn the_encoding_is_reported() {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/encodings/utf16le-bom.csv"
        ))
        .unwrap();
        let facts = inspect(&bytes, None, &ReadOptions::default(), TODAY);
        assert_eq!(facts.encoding, "UTF-16 LE");
        assert_eq!(facts.sample[0][2], "Jürgen Größe");
    }

    #[test]
    fn json_is_detected_and_read_whole() {
        let facts = inspect(b"[]", None, &ReadOptions::default(), TODAY);
        assert_eq!((facts.format.as_str(), facts.rows), ("canonical", 0));
        let cdnow = b" 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n";
        let facts = inspect(cdnow, None, &ReadOptions::default(), TODAY);
        assert_eq!((facts.format.as_str(), facts.rows), ("cdnow", 2));
        assert_eq!(facts.currency.as_deref(), Some("USD"));
    }
}
