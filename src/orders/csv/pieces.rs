//! Reading a large CSV file in pieces (the admin's streaming import):
//! pieces must be cut between orders, never between the rows of one
//! order's line items, so the cutter needs the order id's column.

use super::header::{layout, ORDER_ID};
use super::tokens::{detect_delimiter, Row, Tokens};
use crate::orders::{ReadOptions, RowError};

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
