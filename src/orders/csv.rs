//! CSV with a header row, as shops and spreadsheets export it.
//!
//! - Separator `;`, `,` or tab, detected from the header line (or
//!   `delimiter` in [`ReadOptions`]); UTF-8 with or without BOM; fields in
//!   double quotes may hold separators, newlines and `""` for a quote.
//! - Amounts `1.234,56`, `1234,56`, `1,234.56`, `1234.56`, with or without
//!   `€`/`EUR`, spaces or `'` as thousands separators. A value with a single
//!   separator followed by exactly three digits (`1.234`) is ambiguous; it
//!   follows `decimal` in the options, else the file's other values, else
//!   the separator (`;` and tab files: decimal comma).
//! - Dates `dd.mm.yyyy`, `dd.mm.yyyy hh:mm[:ss]`, ISO 8601 and `yyyymmdd`,
//!   optionally with a separate time column; times without an offset are
//!   local times of the shop's zone (`time_zone`; see [`crate::calendar`]).
//! - Columns are found by their header (German or English, case and
//!   punctuation ignored, see [`FIELDS`]); `mapping` in the options names
//!   columns explicitly, e.g. `{"total": "Brutto (EUR)"}`.
//! - Consecutive rows with the same order id are one order with several
//!   line items when item columns (SKU, name, quantity, price) are present;
//!   the order columns of the follow-up rows may be empty.
//! - Row numbers in errors are the file's line numbers (header = 1).
//! - A `'` in front of a cell that starts with `=`, `+`, `-`, `@` or their
//!   full-width forms (how exports protect text from running as a
//!   spreadsheet formula) is removed.
//!
//! ```
//! use stammkunde::orders::{csv, OrderStatus, ReadOptions};
//! let text = "\u{feff}Bestellnummer;Kundennummer;Datum;Betrag;Status;Erstattet\n\
//!             1001;K-7;24.12.2025 18:30;\"1.234,56\";teilweise erstattet;34,56\n";
//! let import = csv::read(text, &ReadOptions::default()).unwrap();
//! let order = &import.orders[0];
//! assert_eq!((order.total, order.currency.as_str()), (123_456, "EUR"));
//! assert_eq!(order.status, OrderStatus::PartiallyRefunded { amount: 3_456 });
//! ```

use super::field_error::FieldError;
use super::normalize::{finish, Raw};
use super::{trim, Import, LineItem, Order, OrderStatus, ReadOptions, RowError};
use crate::money::{decimal_to_minor, minor_digits, Currency, Money};
use std::borrow::Cow;

/// The canonical fields a CSV column can map to, with the headers (German
/// and English) recognised for each, compared without case, spaces and
/// punctuation (`ä` = `ae`). `order_id`, `placed_at`, `total` and one of
/// `customer`/`email` are required.
pub const FIELDS: [(&str, &[&str]); 16] = [
    (
        "order_id",
        &[
            "bestellnummer",
            "bestellnr",
            "bestellungsnummer",
            "auftragsnummer",
            "auftragsnr",
            "ordernumber",
            "orderid",
            "orderno",
            "order",
            "bestellung",
            "bestellid",
            "id",
            "belegnummer",
        ],
    ),
    (
        "customer",
        &[
            "kundennummer",
            "kundennr",
            "kdnr",
            "kundenid",
            "kunde",
            "customerid",
            "customernumber",
            "customer",
        ],
    ),
    (
        "email",
        &[
            "email",
            "emailadresse",
            "kundenemail",
            "customeremail",
            "billingemail",
            "mail",
        ],
    ),
    (
        "placed_at",
        &[
            "datum",
            "bestelldatum",
            "bestellzeitpunkt",
            "auftragsdatum",
            "bestelltam",
            "date",
            "orderdate",
            "createdat",
            "placedat",
            "datecreated",
            "zeitpunkt",
            "created",
        ],
    ),
    ("time", &["uhrzeit", "zeit", "bestelluhrzeit", "time"]),
    (
        "total",
        &[
            "betrag",
            "gesamtbetrag",
            "gesamtsumme",
            "gesamtpreis",
            "bestellwert",
            "bestellsumme",
            "summe",
            "gesamt",
            "gesamtbrutto",
            "brutto",
            "bruttobetrag",
            "umsatz",
            "rechnungsbetrag",
            "total",
            "ordertotal",
            "grandtotal",
            "totalprice",
            "amount",
            "amounttotal",
        ],
    ),
    ("currency", &["waehrung", "whrg", "currency"]),
    (
        "status",
        &[
            "status",
            "bestellstatus",
            "auftragsstatus",
            "zahlungsstatus",
            "orderstatus",
            "financialstatus",
            "paymentstatus",
        ],
    ),
    (
        "refunded",
        &[
            "erstattet",
            "erstattung",
            "erstattungsbetrag",
            "erstatteterbetrag",
            "rueckerstattung",
            "gutschrift",
            "refunded",
            "refundedamount",
            "refund",
            "refundamount",
        ],
    ),
    (
        "cancelled_at",
        &[
            "storniert",
            "storniertam",
            "stornodatum",
            "cancelledat",
            "canceledat",
            "cancelled",
        ],
    ),
    (
        "sku",
        &[
            "artikelnummer",
            "artnr",
            "artikelnr",
            "sku",
            "lineitemsku",
            "produktnummer",
            "productnumber",
        ],
    ),
    ("product_id", &["produktid", "artikelid", "productid"]),
    (
        "name",
        &[
            "artikel",
            "artikelname",
            "artikelbezeichnung",
            "produkt",
            "produktname",
            "bezeichnung",
            "product",
            "productname",
            "lineitemname",
            "item",
            "itemname",
        ],
    ),
    (
        "category",
        &[
            "kategorie",
            "warengruppe",
            "produktkategorie",
            "category",
            "productcategory",
            "producttype",
        ],
    ),
    (
        "quantity",
        &[
            "menge",
            "anzahl",
            "stueckzahl",
            "stk",
            "quantity",
            "qty",
            "lineitemquantity",
        ],
    ),
    (
        "unit_price",
        &[
            "einzelpreis",
            "stueckpreis",
            "preis",
            "unitprice",
            "price",
            "lineitemprice",
            "itemprice",
        ],
    ),
];

const ORDER_ID: usize = 0;
const CUSTOMER: usize = 1;
const EMAIL: usize = 2;
const PLACED_AT: usize = 3;
const TIME: usize = 4;
const TOTAL: usize = 5;
const CURRENCY: usize = 6;
const STATUS: usize = 7;
const REFUNDED: usize = 8;
const CANCELLED_AT: usize = 9;
const SKU: usize = 10;
const PRODUCT_ID: usize = 11;
const NAME: usize = 12;
const CATEGORY: usize = 13;
const QUANTITY: usize = 14;
const UNIT_PRICE: usize = 15;
const ITEM_FIELDS: [usize; 5] = [SKU, PRODUCT_ID, NAME, QUANTITY, UNIT_PRICE];

/// One CSV record (row) and the line it starts on. Fields borrow from the text
/// unless they had to be unescaped (`""` or CRLF inside quotes, text after
/// a closing quote).
struct Row<'a> {
    line: usize,
    fields: Vec<Cow<'a, str>>,
}

impl Row<'_> {
    /// The trimmed cell; a `'` that protects a formula-like start (as
    /// [`write_german`] and spreadsheets write it) is removed.
    fn cell(&self, column: Option<usize>) -> &str {
        let text = column
            .and_then(|c| self.fields.get(c))
            .map_or("", |s| trim(s));
        match text.strip_prefix('\'') {
            Some(rest) if rest.starts_with(FORMULA_START) => rest.trim(),
            _ => text,
        }
    }

    fn is_empty(&self) -> bool {
        self.fields.iter().all(|f| trim(f).is_empty())
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

/// Which column holds each field, and the header names for messages.
struct Layout {
    columns: [Option<usize>; 16],
    header: Vec<String>,
    decimal: char,
    has_items: bool,
}

impl Layout {
    fn column(&self, field: usize) -> Option<usize> {
        self.columns.get(field).copied().flatten()
    }

    /// The header of the column for `field`, as written in the file.
    fn name(&self, field: usize) -> String {
        self.column(field)
            .and_then(|c| self.header.get(c))
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| FIELDS.get(field).map_or("", |f| f.0).to_string())
    }
}

/// Reads a CSV export (see the module documentation).
///
/// `Err` if the text has no header row, a required column is missing, or
/// the mapping names an unknown field or column.
pub fn read(text: &str, options: &ReadOptions) -> Result<Import, RowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() && d != '"' && d != '\n' && d != '\r' => d as u8,
        Some(d) => {
            return Err(FieldError::new(
                "delimiter",
                format!("'{d}' cannot separate CSV fields"),
                "use ';', ',' or a tab, or leave delimiter out to detect it",
            )
            .at(None, None))
        }
        None => detect_delimiter(text),
    };
    // Records are read one at a time into the same buffer; empty ones are
    // skipped everywhere.
    let mut tokens = Tokens::new(text, delimiter);
    let mut record = Row {
        line: 1,
        fields: Vec::new(),
    };
    let header = loop {
        if !tokens.next_into(&mut record) {
            return Err(FieldError::new(
                "input",
                "the file is empty",
                "export the orders with a header row, e.g. Bestellnummer;Kundennummer;Datum;Betrag",
            )
            .at(None, None));
        }
        if !record.is_empty() {
            break record.fields.iter().map(|f| f.to_string()).collect();
        }
    };
    let mut layout = layout(header, options)?;
    layout.decimal = match options.decimal {
        Some(',') => ',',
        Some('.') => '.',
        Some(d) => {
            return Err(FieldError::new(
                "decimal",
                format!("'{d}' is not a decimal separator"),
                "use ',' (1.234,56) or '.' (1,234.56), or leave decimal out to detect it",
            )
            .at(None, None))
        }
        None => detect_decimal(tokens.clone(), &layout, delimiter),
    };

    let mut scratch = Scratch::default();
    let mut raw = Raw::default();
    // The order being read, with its first line; its id is `current_id`.
    let mut current: Option<(usize, Result<Order, FieldError>)> = None;
    let mut current_id = String::new();
    let pending = |raw: &mut Raw, current: Option<(usize, Result<Order, FieldError>)>, id: &str| {
        if let Some((line, order)) = current {
            raw.push(
                line,
                order.map_err(|bad| (bad, Some(id.to_string()).filter(|i| !i.is_empty()))),
            );
        }
    };
    while tokens.next_into(&mut record) {
        if record.is_empty() {
            continue;
        }
        let id = record.cell(layout.column(ORDER_ID));
        if let Some((_, order)) = &mut current {
            if layout.has_items && !id.is_empty() && id == current_id {
                // A follow-up row of the same order: one more line item.
                if let Ok(o) = order {
                    match line_item(&record, &layout, minor_digits(&o.currency), &mut scratch) {
                        Ok(Some(item)) => o.items.push(item),
                        Ok(None) => {}
                        Err(bad) => *order = Err(bad),
                    }
                }
                continue;
            }
        }
        pending(&mut raw, current.take(), &current_id);
        current_id.clear();
        current_id.push_str(id);
        current = Some((record.line, order(&record, &layout, options, &mut scratch)));
    }
    pending(&mut raw, current.take(), &current_id);
    if let Some(error) = tokens.broken {
        raw.read += 1;
        raw.errors.push(error);
    }
    finish(raw, options)
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

/// The field separator and the order id's column (if the file has one) of
/// a CSV file as [`read`] finds them in its header line: the admin reads
/// large files in pieces and cuts them between orders, never between the
/// rows of one order's line items.
#[cfg(all(target_arch = "wasm32", feature = "admin"))]
pub(crate) fn order_id_column(
    header: &str,
    options: &ReadOptions,
) -> Result<(u8, Option<usize>), RowError> {
    let header = header.strip_prefix('\u{feff}').unwrap_or(header);
    let delimiter = match options.delimiter {
        Some(d) if d.is_ascii() => d as u8,
        _ => detect_delimiter(header),
    };
    let mut tokens = Tokens::new(header, delimiter);
    let mut record = Row {
        line: 1,
        fields: Vec::new(),
    };
    if !tokens.next_into(&mut record) {
        return Ok((delimiter, None));
    }
    let layout = layout(
        record.fields.iter().map(|f| f.to_string()).collect(),
        options,
    )?;
    Ok((delimiter, layout.column(ORDER_ID)))
}

/// The most frequent of `;`, tab and `,` in the header line (outside
/// quotes); `;` on a tie, as German exports use it.
fn detect_delimiter(text: &str) -> u8 {
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
struct Tokens<'a> {
    text: &'a str,
    /// Byte offset of the next field.
    at: usize,
    /// The line `at` is on.
    line: usize,
    delimiter: u8,
    /// An unterminated quote ended the text; the records before it were read.
    broken: Option<RowError>,
}

impl<'a> Tokens<'a> {
    fn new(text: &'a str, delimiter: u8) -> Self {
        Tokens {
            text,
            at: 0,
            line: 1,
            delimiter,
            broken: None,
        }
    }

    /// Reads the next record into `record`; `false` at the end of the text
    /// or at an unterminated quote (then `broken` says where).
    fn next_into(&mut self, record: &mut Row<'a>) -> bool {
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
        let d = self.delimiter;
        let bytes = self.text.as_bytes();
        bytes
            .get(from..)
            .and_then(|rest| {
                rest.iter()
                    .position(|&b| b == d || b == b'\n' || b == b'\r')
            })
            .map_or(bytes.len(), |p| from + p)
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
            let next = bytes
                .get(i..)?
                .iter()
                .position(|&b| b == b'"' || b == b'\n' || b == b'\r')?;
            let j = i + next;
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

/// Lower case, umlauts spelled out, only letters and digits.
fn normalise_header(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// Calls `f` with the [`normalise_header`] form of `text`; short ASCII text
/// (every status and cancellation cell in practice) is normalised on the
/// stack instead of in a new string.
fn with_normalised<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 32];
    if text.is_ascii() && text.len() <= buffer.len() {
        let mut len = 0;
        for b in text.bytes().filter(u8::is_ascii_alphanumeric) {
            if let Some(slot) = buffer.get_mut(len) {
                *slot = b.to_ascii_lowercase();
                len += 1;
            }
        }
        if let Some(Ok(word)) = buffer.get(..len).map(std::str::from_utf8) {
            return f(word);
        }
    }
    f(&normalise_header(text))
}

fn layout(header: Vec<String>, options: &ReadOptions) -> Result<Layout, RowError> {
    let header: Vec<String> = header.into_iter().map(|h| h.trim().to_string()).collect();
    let columns = recognise(&header, options)?;
    required(&columns, &header)?;
    let has_items = ITEM_FIELDS
        .iter()
        .any(|&f| columns.get(f).copied().flatten().is_some());
    Ok(Layout {
        columns,
        header,
        decimal: ',',
        has_items,
    })
}

/// The column of each field in [`FIELDS`] order: the mapping's, else the
/// first header that is one of the field's names.
pub(crate) fn recognise(
    header: &[String],
    options: &ReadOptions,
) -> Result<[Option<usize>; 16], RowError> {
    let normalised: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
    let columns_list = || header.join(", ");
    let mut columns = [None; 16];
    for (field, column) in &options.mapping {
        let Some(index) = FIELDS.iter().position(|(name, _)| name == field) else {
            let names: Vec<&str> = FIELDS.iter().map(|f| f.0).collect();
            return Err(FieldError::new(
                format!("mapping.{field}"),
                format!("'{field}' is not a field"),
                format!("map these fields: {}", names.join(", ")),
            )
            .at(None, None));
        };
        if column.trim().is_empty() {
            return Err(FieldError::new(
                format!("mapping.{field}"),
                "the column name is empty",
                format!("name one of the file's columns: {}", columns_list()),
            )
            .at(None, None));
        }
        let wanted = normalise_header(column);
        // An empty normalised name ("!!") would match any punctuation-only
        // header; only the exact header counts then.
        let found = header.iter().position(|h| h == column.trim()).or_else(|| {
            (!wanted.is_empty())
                .then(|| normalised.iter().position(|h| *h == wanted))
                .flatten()
        });
        let Some(found) = found else {
            return Err(FieldError::new(
                format!("mapping.{field}"),
                format!("the file has no column '{column}'"),
                format!("use one of the file's columns: {}", columns_list()),
            )
            .at(Some(1), None));
        };
        if let Some(slot) = columns.get_mut(index) {
            *slot = Some(found);
        }
    }
    for (index, (_, aliases)) in FIELDS.iter().enumerate() {
        if columns.get(index).copied().flatten().is_some() {
            continue;
        }
        let taken: Vec<usize> = columns.iter().flatten().copied().collect();
        let found = aliases.iter().find_map(|alias| {
            normalised
                .iter()
                .enumerate()
                .position(|(i, h)| h == alias && !taken.contains(&i))
        });
        if let Some(slot) = columns.get_mut(index) {
            *slot = found;
        }
    }
    Ok(columns)
}

/// `Err` naming the first required field without a column.
pub(crate) fn required(columns: &[Option<usize>; 16], header: &[String]) -> Result<(), RowError> {
    let columns_list = || header.join(", ");
    let has = |field: usize| columns.get(field).copied().flatten().is_some();
    for (field, what, example) in [
        (ORDER_ID, "order id", "Bestellnummer"),
        (PLACED_AT, "order date", "Datum"),
        (TOTAL, "order total", "Betrag"),
    ] {
        if !has(field) {
            let name = FIELDS.get(field).map_or("", |f| f.0);
            return Err(FieldError::new(
                name,
                format!(
                    "no column for the {what} (e.g. '{example}'); the file has: {}",
                    columns_list()
                ),
                format!(
                    "name the column in the mapping, e.g. mapping: {{ \"{name}\": \"<column>\" }}"
                ),
            )
            .at(Some(1), None));
        }
    }
    if !has(CUSTOMER) && !has(EMAIL) {
        return Err(FieldError::new(
            "customer",
            format!(
                "no column for the customer (e.g. 'Kundennummer' or 'E-Mail'); the file has: {}",
                columns_list()
            ),
            "name the column in the mapping, e.g. mapping: { \"customer\": \"<column>\" }",
        )
        .at(Some(1), None));
    }
    Ok(())
}

/// The header, the data records (`f` gets each non-empty one's line and
/// fields; it returns `false` to stop) and the delimiter of a CSV text, for
/// the import preview ([`super::inspect`]).
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

/// The delimiter [`read`] would detect.
pub(crate) fn delimiter_of(text: &str) -> u8 {
    detect_delimiter(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// The decimal separator a value shows unambiguously (`1.234,56`), if any.
pub(crate) fn decimal_in(value: &str) -> Option<char> {
    decimal_of(clean_number(value, &mut String::new()))
}

/// A cell's currency code (`€` → `EUR`), upper case.
pub(crate) fn currency_of(cell: &str) -> String {
    let mut code = normalise_currency(trim(cell));
    code.make_ascii_uppercase();
    code
}

/// The decimal separator most unambiguous amounts use; else by delimiter.
/// Looks at the first 10,000 records after the header.
fn detect_decimal(mut tokens: Tokens, layout: &Layout, delimiter: u8) -> char {
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
struct Scratch {
    clean: String,
    plain: String,
}

/// Parses a localized amount into minor units.
#[cfg(test)]
pub(crate) fn parse_amount(text: &str, decimal: char, digits: u32) -> Result<i64, String> {
    amount(text, decimal, digits, &mut Scratch::default())
}

/// Parses a localized amount into minor units.
fn amount(text: &str, decimal: char, digits: u32, scratch: &mut Scratch) -> Result<i64, String> {
    let plain = plain_number(text, decimal, scratch)?;
    decimal_to_minor(plain, digits).ok_or_else(|| format!("'{}' is not an amount", text.trim()))
}

/// `1.234,56` / `1,234.56` / `1234,5` -> `1234.56` / `1234.5`.
fn plain_number<'s>(
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

fn amount_fix(decimal: char) -> String {
    if decimal == ',' {
        "write amounts like 1.234,56 or 49,90 (or pass decimal: '.' for 1,234.56)".into()
    } else {
        "write amounts like 1,234.56 or 49.90 (or pass decimal: ',' for 1.234,56)".into()
    }
}

/// One order from its first row.
fn order(
    record: &Row,
    layout: &Layout,
    options: &ReadOptions,
    scratch: &mut Scratch,
) -> Result<Order, FieldError> {
    let cell = |field: usize| record.cell(layout.column(field));
    let id = cell(ORDER_ID);
    if id.is_empty() {
        return Err(FieldError::new(
            layout.name(ORDER_ID),
            "the order id is empty",
            "fill in the order number in every row",
        ));
    }
    let customer = match cell(CUSTOMER) {
        "" => cell(EMAIL).to_lowercase(),
        c => c.to_string(),
    };
    if customer.is_empty() {
        let field = if layout.column(CUSTOMER).is_some() {
            CUSTOMER
        } else {
            EMAIL
        };
        return Err(FieldError::new(
            layout.name(field),
            "the customer is empty",
            "fill in the customer number, or the e-mail address for guest orders",
        ));
    }
    let date = cell(PLACED_AT);
    let mut placed_at = options.zone().parse_time(date).ok_or_else(|| {
        FieldError::new(
            layout.name(PLACED_AT),
            if date.is_empty() {
                "the date is empty".to_string()
            } else {
                format!("'{date}' is not a date")
            },
            "write dates as dd.mm.yyyy (optionally with hh:mm) or yyyy-mm-dd",
        )
    })?;
    let time = cell(TIME);
    if !time.is_empty() {
        placed_at = options
            .zone()
            .with_time_of_day(placed_at, time)
            .ok_or_else(|| {
                FieldError::new(
                    layout.name(TIME),
                    format!("'{time}' is not a time of day"),
                    "write times as hh:mm or hh:mm:ss",
                )
            })?;
    }
    let mut currency = match cell(CURRENCY) {
        "" => options.currency.clone().unwrap_or_else(|| "EUR".into()),
        c => normalise_currency(c),
    };
    currency.make_ascii_uppercase();
    let digits = minor_digits(&currency);
    let mut money = |field: usize, required: bool| -> Result<Option<i64>, FieldError> {
        let text = cell(field);
        if text.is_empty() {
            return if required {
                Err(FieldError::new(
                    layout.name(field),
                    "the amount is empty",
                    amount_fix(layout.decimal),
                ))
            } else {
                Ok(None)
            };
        }
        amount(text, layout.decimal, digits, scratch)
            .map(Some)
            .map_err(|reason| {
                FieldError::new(layout.name(field), reason, amount_fix(layout.decimal))
            })
    };
    let total = money(TOTAL, true)?.unwrap_or(0);
    let refunded = money(REFUNDED, false)?.unwrap_or(0).abs();
    let status_text = cell(STATUS);
    let mut status = parse_status(status_text).ok_or_else(|| {
        FieldError::new(
            layout.name(STATUS),
            format!("unknown status '{status_text}'"),
            "use abgeschlossen/completed, bezahlt/paid, storniert/cancelled, erstattet/refunded or teilweise erstattet/partially refunded",
        )
    })?;
    if is_cancel_marker(cell(CANCELLED_AT)) {
        status = OrderStatus::Cancelled;
    }
    status =
        match status {
            OrderStatus::PartiallyRefunded { .. } if refunded == 0 => return Err(FieldError::new(
                layout.name(STATUS),
                "the order is partially refunded but no refunded amount is given",
                "add a column with the refunded amount (e.g. 'Erstattet') or map it as refunded",
            )),
            OrderStatus::PartiallyRefunded { .. } => {
                OrderStatus::PartiallyRefunded { amount: refunded }
            }
            OrderStatus::Completed if refunded > 0 => {
                OrderStatus::PartiallyRefunded { amount: refunded }
            }
            other => other,
        };
    let mut items = Vec::new();
    if let Some(item) = line_item(record, layout, digits, scratch)? {
        items.push(item);
    }
    Ok(Order {
        id: id.to_string(),
        customer,
        placed_at,
        total,
        currency,
        status,
        items,
    })
}

/// `€` -> EUR and similar; codes pass through.
fn normalise_currency(text: &str) -> String {
    match text {
        "€" => "EUR".into(),
        "$" => "USD".into(),
        "£" => "GBP".into(),
        "Fr." | "SFr." | "sFr." => "CHF".into(),
        other => other.to_string(),
    }
}

/// The status from German or English words; `None` if unknown.
fn parse_status(text: &str) -> Option<OrderStatus> {
    with_normalised(text, |word| {
        Some(match word {
            "cancelled" | "canceled" | "storniert" | "storno" | "abgebrochen" | "failed"
            | "fehlgeschlagen" | "voided" | "void" | "abgelehnt" | "declined" | "trash"
            | "geloescht" => OrderStatus::Cancelled,
            "refunded"
            | "erstattet"
            | "rueckerstattet"
            | "zurueckerstattet"
            | "vollstaendigerstattet"
            | "gutgeschrieben"
            | "retourniert"
            | "returned" => OrderStatus::Refunded,
            "partiallyrefunded"
            | "refundedpartially"
            | "teilweiseerstattet"
            | "teilerstattet"
            | "teilweiserueckerstattet"
            | "teilgutschrift" => OrderStatus::PartiallyRefunded { amount: 0 },
            "" | "completed" | "complete" | "abgeschlossen" | "erledigt" | "paid" | "bezahlt"
            | "versendet" | "versandt" | "shipped" | "delivered" | "geliefert" | "zugestellt"
            | "fulfilled" | "unfulfilled" | "processing" | "inbearbeitung" | "open" | "offen"
            | "pending" | "wartend" | "onhold" | "neu" | "new" | "authorized" | "autorisiert"
            | "partiallypaid" | "teilweisebezahlt" | "ok" => OrderStatus::Completed,
            _ => return None,
        })
    })
}

/// A cancellation column: a date or yes means cancelled.
fn is_cancel_marker(text: &str) -> bool {
    with_normalised(text, |word| {
        !matches!(word, "" | "0" | "nein" | "no" | "false" | "falsch" | "n")
    })
}

/// The line item in this row, if the row has one.
fn line_item(
    record: &Row,
    layout: &Layout,
    digits: u32,
    scratch: &mut Scratch,
) -> Result<Option<LineItem>, FieldError> {
    let cell = |field: usize| record.cell(layout.column(field));
    if ITEM_FIELDS.iter().all(|&f| cell(f).is_empty()) {
        return Ok(None);
    }
    let quantity = match cell(QUANTITY) {
        "" => 1.0,
        q => plain_number(q, layout.decimal, scratch)
            .ok()
            .and_then(|p| p.parse::<f64>().ok())
            .filter(|q| q.is_finite() && *q >= 0.0)
            .ok_or_else(|| {
                FieldError::new(
                    layout.name(QUANTITY),
                    format!("'{q}' is not a quantity"),
                    "write a number such as 2 or 0,5",
                )
            })?,
    };
    let unit_price = match cell(UNIT_PRICE) {
        "" => 0,
        p => amount(p, layout.decimal, digits, scratch).map_err(|reason| {
            FieldError::new(layout.name(UNIT_PRICE), reason, amount_fix(layout.decimal))
        })?,
    };
    let sku = Some(cell(SKU).to_string()).filter(|s| !s.is_empty());
    let product_id = [cell(PRODUCT_ID), cell(SKU), cell(NAME)]
        .into_iter()
        .find(|s| !s.is_empty())
        .unwrap_or("")
        .to_string();
    Ok(Some(LineItem {
        product_id,
        sku,
        name: cell(NAME).to_string(),
        category: Some(cell(CATEGORY).to_string()).filter(|c| !c.is_empty()),
        quantity,
        unit_price,
    }))
}

/// Writes orders as a German CSV export (UTF-8 with BOM, `;`, `1.234,56`,
/// `dd.mm.yyyy hh:mm` in UTC), one row per line item; follow-up rows of an
/// order carry only the order number and the item. [`read`] reads it back.
/// Text that starts like a spreadsheet formula (`=`, `+`, `-`, `@`, their
/// full-width forms, tab, carriage return) gets a leading `'`, which
/// [`read`] removes.
///
/// ```
/// use stammkunde::orders::{csv, Order, ReadOptions};
/// let orders = vec![
///     Order::new("1001", "K-1", 1_793_525_400, 123_456, "EUR"),
///     Order::new("1002", "=HYPERLINK(\"http://x\")", 1_793_525_400, 100, "EUR"),
/// ];
/// let text = csv::write_german(&orders);
/// assert!(text.contains("1001;01.11.2026 09:30;K-1;1.234,56;EUR;abgeschlossen"));
/// assert!(text.contains(";\"'=HYPERLINK(\"\"http://x\"\")\";"));
/// assert_eq!(csv::read(&text, &ReadOptions::default()).unwrap().orders, orders);
/// ```
pub fn write_german(orders: &[Order]) -> String {
    let mut out = String::with_capacity(orders.len() * 120 + 128);
    out.push('\u{feff}');
    out.push_str("Bestellnummer;Datum;Kundennummer;Betrag;Währung;Status;Erstattet;Artikelnummer;Artikel;Kategorie;Menge;Einzelpreis\r\n");
    for order in orders {
        let digits = Currency::or_eur(Some(&order.currency));
        let (status, refunded) = match order.status {
            OrderStatus::Completed => ("abgeschlossen", String::new()),
            OrderStatus::Cancelled => ("storniert", String::new()),
            OrderStatus::Refunded => ("erstattet", String::new()),
            OrderStatus::PartiallyRefunded { amount } => {
                ("teilweise erstattet", german_amount(amount, digits))
            }
        };
        let head = [
            quote(&order.id),
            german_time(order.placed_at),
            quote(&order.customer),
            german_amount(order.total, digits),
            quote(&order.currency),
            status.to_string(),
            refunded,
        ]
        .join(";");
        let mut items = order.items.iter();
        let first = items.next();
        out.push_str(&head);
        out.push(';');
        out.push_str(&item_cells(first, digits));
        out.push_str("\r\n");
        for item in items {
            out.push_str(&quote(&order.id));
            out.push_str(";;;;;;;");
            out.push_str(&item_cells(Some(item), digits));
            out.push_str("\r\n");
        }
    }
    out
}

fn item_cells(item: Option<&LineItem>, digits: Currency) -> String {
    let Some(item) = item else {
        return ";;;;".into();
    };
    let quantity = if item.quantity.fract() == 0.0 {
        format!("{}", item.quantity)
    } else {
        format!("{}", item.quantity).replace('.', ",")
    };
    [
        quote(item.sku.as_deref().unwrap_or(&item.product_id)),
        quote(&item.name),
        quote(item.category.as_deref().unwrap_or("")),
        quantity,
        german_amount(item.unit_price, digits),
    ]
    .join(";")
}

/// Characters that make a spreadsheet read a cell as a formula (with the
/// full-width forms some spreadsheets also accept).
const FORMULA_START: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// A CSV text cell, the one way every export of the crate writes text: a
/// leading `'` when it starts like a formula (so Excel and LibreOffice show
/// it as text instead of running it; [`read`] removes the `'` again), and
/// quoted when it holds the separator, a quote or a line break.
///
/// ```
/// use stammkunde::orders::csv::text_cell;
/// assert_eq!(text_cell("=1+2", ';'), "'=1+2");
/// assert_eq!(text_cell("a;b", ';'), "\"a;b\"");
/// assert_eq!(text_cell("a;b", ','), "a;b");
/// assert_eq!(text_cell("Sag \"Hallo\"", ','), "\"Sag \"\"Hallo\"\"\"");
/// ```
pub fn text_cell(text: &str, sep: char) -> String {
    let text = if text.starts_with(FORMULA_START) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn quote(text: &str) -> String {
    text_cell(text, ';')
}

/// `123456` minor units with 2 digits -> `1.234,56` (see [`Money`]).
pub fn german_amount(minor: i64, currency: Currency) -> String {
    Money::new(minor, currency).amount(crate::segments::Lang::De)
}

/// Unix seconds -> `dd.mm.yyyy hh:mm` (UTC), with `:ss` when not zero.
fn german_time(seconds: i64) -> String {
    match chrono::DateTime::from_timestamp(seconds, 0) {
        Some(t) if seconds % 60 == 0 => t.format("%d.%m.%Y %H:%M").to_string(),
        Some(t) => t.format("%d.%m.%Y %H:%M:%S").to_string(),
        None => String::new(),
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

    #[test]
    fn german_amounts_are_written_with_groups() {
        let code = |c: &str| Currency::parse(c).unwrap();
        assert_eq!(german_amount(123_456, code("EUR")), "1.234,56");
        assert_eq!(german_amount(5, code("CHF")), "0,05");
        assert_eq!(german_amount(-100_000_000, code("EUR")), "-1.000.000,00");
        assert_eq!(german_amount(1500, code("JPY")), "1.500");
        assert_eq!(german_amount(1500, code("KWD")), "1,500");
    }

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
        // xorshift: reproducible without a dependency.
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for case in 0..30_000 {
            let len = (next() % 40) as usize;
            let text: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
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
    fn statuses_are_normalised_as_headers_are() {
        for text in [
            "",
            "Abgeschlossen",
            " Teilweise erstattet ",
            "partially_refunded",
            "ON-HOLD",
            "Gelöscht",
            "İptal",
            "x".repeat(32).as_str(),
            "Y".repeat(33).as_str(),
            "!!",
            "0",
        ] {
            assert_eq!(
                with_normalised(text, str::to_string),
                normalise_header(text),
                "{text}"
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
