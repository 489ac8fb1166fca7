//! Reading a large CSV file in pieces (the admin's streaming import):
//! pieces must be cut between orders, never between the rows of one
//! order's line items, so the cutter needs the order id's column. Each
//! piece goes straight into the order table.

use super::header::{layout, ORDER_ID};
use super::tokens::{detect_delimiter, Row, Tokens};
use crate::orders::{ReadOptions, RowError};
use crate::segments::{Builder, OrderRow, OrderTable};
use std::borrow::Cow;

/// The field separator and the order id's column (if the file has one) of
/// a CSV file as [`read`](super::read) finds them in its header line: the
/// admin reads large files in pieces and cuts them between orders, never
/// between the rows of one order's line items.
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

/// Where `bytes` can be cut: before the last run of complete records
/// (line break outside quotes) with one order id in `id_column`, which may
/// go on in the next bytes (more line items of that order); after the last
/// complete record without an id column. 0 if there is no such place.
pub(crate) fn piece_end(bytes: &[u8], delimiter: u8, id_column: Option<usize>) -> usize {
    let cell = |(from, to): (usize, usize)| -> &[u8] {
        let c = bytes.get(from..to).unwrap_or_default();
        let c = c.strip_suffix(b"\r").unwrap_or(c);
        c.strip_prefix(b"\"")
            .and_then(|c| c.strip_suffix(b"\""))
            .unwrap_or(c)
    };
    let mut quoted = false;
    let mut field = 0;
    let mut field_start = 0;
    let mut id = (0, 0);
    let mut record_start = 0;
    let mut run: (usize, (usize, usize)) = (0, (0, 0));
    let mut end = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'"' {
            quoted = !quoted;
            continue;
        }
        if quoted || (b != delimiter && b != b'\n') {
            continue;
        }
        if Some(field) == id_column {
            id = (field_start, i);
        }
        field += 1;
        field_start = i + 1;
        if b == b'\n' {
            let this = cell(id);
            if this.is_empty() || this != cell(run.1) {
                run = (record_start, id);
            }
            end = i + 1;
            record_start = i + 1;
            field = 0;
            id = (0, 0);
        }
    }
    if id_column.is_some() {
        run.0
    } else {
        end
    }
}

/// What reading one piece found besides its orders.
pub(crate) struct Piece {
    /// Row errors, with the file's line numbers.
    pub errors: Vec<RowError>,
    /// Records read.
    pub read: usize,
    /// The currency of the piece's first order.
    pub currency: Option<String>,
}

/// Reads one piece (the header line, then complete records) into
/// `builder`; `lines_before` is the number of lines before the piece's
/// records in the file (the header included), `orders` counts the orders
/// pushed so far.
pub(crate) fn read_piece(
    text: &str,
    lines_before: usize,
    options: &ReadOptions,
    builder: &mut Builder<'static>,
    orders: &mut usize,
) -> Result<Piece, RowError> {
    let import = crate::orders::read(crate::orders::Format::Csv, text, options)?;
    let shift = lines_before.saturating_sub(1);
    let errors = import
        .errors
        .into_iter()
        .map(|mut e| {
            e.row = e.row.map(|r| r + shift);
            e
        })
        .collect();
    let currency = import.orders.first().map(|o| o.currency.clone());
    for order in import.orders {
        *orders += 1;
        builder.push(
            *orders,
            OrderRow {
                id: Cow::Owned(order.id),
                customer: Cow::Owned(order.customer),
                placed_at: order.placed_at,
                total: order.total,
                status: order.status,
                currency: &order.currency,
                items: &order.items,
            },
        );
    }
    Ok(Piece {
        errors,
        read: import.read,
        currency,
    })
}

/// A UTF-8 CSV text read as the admin's `OrderFeed` reads a file, in
/// pieces of about `piece` bytes: the order table, the row errors of the
/// reader and the number of records read. For native benchmarks and tests
/// of the streaming import.
#[doc(hidden)]
pub fn read_in_pieces(
    text: &str,
    options: &ReadOptions,
    piece: usize,
) -> Result<(OrderTable, Vec<RowError>, usize), RowError> {
    options.validate()?;
    let mut options = options.clone();
    let mut builder = Builder::new(options.currency.as_deref());
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(end) = text.find('\n').map(|p| p + 1) else {
        crate::orders::read(crate::orders::Format::Csv, text, &options)?;
        return Ok((builder.finish(), Vec::new(), 0));
    };
    let (header, mut rest) = text.split_at(end);
    let (delimiter, id_column) = order_id_column(header, &options)?;
    let mut lines_before = 1;
    let (mut orders, mut errors, mut read) = (0, Vec::new(), 0);
    let mut first = true;
    while !rest.is_empty() {
        // As the feed does: wait for more bytes while no cut is possible.
        let mut window = rest.len().min(piece.max(1));
        let cut = loop {
            if window >= rest.len() {
                break rest.len();
            }
            let bytes = rest.as_bytes().get(..window).unwrap_or_default();
            match piece_end(bytes, delimiter, id_column) {
                0 => window = window.saturating_mul(2),
                cut => break cut,
            }
        };
        let (part, next) = rest.split_at(cut);
        let mut piece_text = String::with_capacity(header.len() + part.len());
        piece_text.push_str(header);
        piece_text.push_str(part);
        match read_piece(
            &piece_text,
            lines_before,
            &options,
            &mut builder,
            &mut orders,
        ) {
            Ok(p) => {
                errors.extend(p.errors);
                read += p.read;
                if first && options.currency.is_none() {
                    options.currency = p.currency;
                }
            }
            Err(e) if first => return Err(e),
            Err(mut e) => {
                e.row = e.row.map(|r| r + lines_before.saturating_sub(1));
                errors.push(e);
            }
        }
        first = false;
        lines_before += part.bytes().filter(|&b| b == b'\n').count();
        rest = next;
    }
    Ok((builder.finish(), errors, read))
}
