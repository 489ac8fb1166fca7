//! Rows to orders: the reader behind [`read`]. Rows with the same order
//! id in a row are one order with several line items; a row that cannot be
//! used becomes a row error and the others are still read.

use super::amounts::{
    amount, amount_fix, detect_decimal, normalise_currency, plain_number, Scratch,
};
use super::header::{
    layout, Layout, CANCELLED_AT, CATEGORY, CURRENCY, CUSTOMER, EMAIL, ITEM_FIELDS, NAME, ORDER_ID,
    PLACED_AT, PRODUCT_ID, QUANTITY, REFUNDED, SKU, STATUS, TIME, TOTAL, UNIT_PRICE,
};
use super::status::{is_cancel_marker, parse_status};
use super::tokens::{detect_delimiter, Row, Tokens};
use crate::money::minor_digits;
use crate::orders::field_error::FieldError;
use crate::orders::keeper::Parsed;
use crate::orders::normalize::{finish, Raw};
use crate::orders::{Import, LineItem, OrderStatus, ReadOptions, RowError};
use std::borrow::Cow;

/// Reads a CSV export (see the module documentation).
///
/// `Err` if the text has no header row, a required column is missing, or
/// the mapping names an unknown field or column.
pub fn read(text: &str, options: &ReadOptions) -> Result<Import, RowError> {
    let mut raw = Raw::default();
    let broken = each_order(text, options, |line, order| {
        raw.push(line, order.map(Parsed::into_order));
    })?;
    if let Some(error) = broken {
        raw.read += 1;
        raw.errors.push(error);
    }
    finish(raw, options)
}

/// The row path behind [`read`] and the admin's streaming import: hands
/// each order (with its first line) or why it cannot be used (with its
/// id, if any) to `sink`, in file order, and returns the unterminated-quote
/// error that ended the text, if any. `Err` as for [`read`].
pub(crate) fn each_order<'a>(
    text: &'a str,
    options: &'a ReadOptions,
    sink: impl FnMut(usize, Result<Parsed<'a>, (FieldError, Option<String>)>),
) -> Result<Option<RowError>, RowError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = delimiter(text, options)?;
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
    let head = Head {
        delimiter,
        layout: layout(header, options)?,
    };
    rows(&head, tokens, options, sink)
}

/// The header of a CSV file, read once: the field separator and the
/// columns. The admin reads a large file in pieces after it.
pub(crate) struct Head {
    pub(super) delimiter: u8,
    pub(super) layout: Layout,
}

impl Head {
    /// The header from its line (without BOM), as [`each_order`] finds it
    /// at the start of a text; `Err` as for [`read`].
    pub(crate) fn of(line: &str, options: &ReadOptions) -> Result<Head, RowError> {
        let delimiter = delimiter(line, options)?;
        let mut record = Row {
            line: 1,
            fields: Vec::new(),
        };
        let mut tokens = Tokens::new(line, delimiter);
        if !tokens.next_into(&mut record) {
            if let Some(broken) = tokens.broken {
                return Err(broken);
            }
        }
        let header = record.fields.iter().map(|f| f.to_string()).collect();
        Ok(Head {
            delimiter,
            layout: layout(header, options)?,
        })
    }

    /// The order id's column, if the file has one.
    pub(crate) fn id_column(&self) -> Option<usize> {
        self.layout.column(ORDER_ID)
    }
}

/// [`each_order`] on records after the header (`body`, its first line
/// numbered `first_line`): the rows of a piece of a large file, read
/// without its header line in front.
pub(crate) fn each_order_after<'a>(
    head: &Head,
    body: &'a str,
    first_line: usize,
    options: &'a ReadOptions,
    sink: impl FnMut(usize, Result<Parsed<'a>, (FieldError, Option<String>)>),
) -> Result<Option<RowError>, RowError> {
    rows(
        head,
        Tokens::at_line(body, head.delimiter, first_line),
        options,
        sink,
    )
}

/// The field separator: the options' (if it can be one) or detected.
fn delimiter(text: &str, options: &ReadOptions) -> Result<u8, RowError> {
    match options.delimiter {
        Some(d) if d.is_ascii() && d != '"' && d != '\n' && d != '\r' => Ok(d as u8),
        Some(d) => Err(FieldError::new(
            "delimiter",
            format!("'{d}' cannot separate CSV fields"),
            "use ';', ',' or a tab, or leave delimiter out to detect it",
        )
        .at(None, None)),
        None => Ok(detect_delimiter(text)),
    }
}

/// The records of `tokens` (after the header) as orders, for [`each_order`].
fn rows<'a>(
    head: &Head,
    mut tokens: Tokens<'a>,
    options: &'a ReadOptions,
    mut sink: impl FnMut(usize, Result<Parsed<'a>, (FieldError, Option<String>)>),
) -> Result<Option<RowError>, RowError> {
    let delimiter = head.delimiter;
    let mut layout = head.layout.clone();
    let mut record = Row {
        line: 1,
        fields: Vec::new(),
    };
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
    // The order being read, with its first line; its id is `current_id`.
    let mut current: Option<(usize, Result<Parsed<'a>, FieldError>)> = None;
    let mut current_id: Cow<'a, str> = Cow::Borrowed("");
    let mut pending = |current: Option<(usize, Result<Parsed<'a>, FieldError>)>, id: &str| {
        if let Some((line, order)) = current {
            sink(
                line,
                order.map_err(|bad| (bad, Some(id.to_string()).filter(|i| !i.is_empty()))),
            );
        }
    };
    while tokens.next_into(&mut record) {
        if record.is_empty() {
            continue;
        }
        let id = record.text(layout.column(ORDER_ID));
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
        pending(current.take(), &current_id);
        current = Some((
            record.line,
            order(&record, &id, &layout, options, &mut scratch),
        ));
        current_id = id;
    }
    pending(current.take(), &current_id);
    Ok(tokens.broken)
}

/// One order from its first row; `id` is the row's order id cell.
fn order<'a>(
    record: &Row<'a>,
    id: &Cow<'a, str>,
    layout: &Layout,
    options: &'a ReadOptions,
    scratch: &mut Scratch,
) -> Result<Parsed<'a>, FieldError> {
    let cell = |field: usize| record.cell(layout.column(field));
    if id.is_empty() {
        return Err(FieldError::new(
            layout.name(ORDER_ID),
            "the order id is empty",
            "fill in the order number in every row",
        ));
    }
    let customer = match cell(CUSTOMER) {
        "" => match record.text(layout.column(EMAIL)) {
            // Most addresses are written in lower case already.
            Cow::Borrowed(e) if e.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase()) => {
                Cow::Borrowed(e)
            }
            e => Cow::Owned(e.to_lowercase()),
        },
        _ => record.text(layout.column(CUSTOMER)),
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
    let currency = match record.text(layout.column(CURRENCY)) {
        c if c.is_empty() => Cow::Borrowed(options.currency.as_deref().unwrap_or("EUR")),
        Cow::Borrowed(c) => Cow::Borrowed(normalise_currency(c)),
        Cow::Owned(c) => Cow::Owned(normalise_currency(&c).to_string()),
    };
    let currency = if currency.bytes().any(|b| b.is_ascii_lowercase()) {
        Cow::Owned(currency.to_ascii_uppercase())
    } else {
        currency
    };
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
    Ok(Parsed {
        id: id.clone(),
        customer,
        placed_at,
        total,
        currency,
        status,
        items,
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
    // Without item columns (most order exports) every item cell is empty.
    if !layout.has_items || ITEM_FIELDS.iter().all(|&f| cell(f).is_empty()) {
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
