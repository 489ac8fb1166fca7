//! The CDNOW transaction log (Fader, Hardie & Lee 2005), one purchase per
//! line, whitespace-separated, in either layout it is distributed in:
//!
//! - the sample (`CDNOW_sample.txt`): master customer id, sample id, date
//!   `YYYYMMDD`, number of CDs, dollars;
//! - the master (`CDNOW_master.txt`): customer id, date `YYYYMMDD`, number
//!   of CDs, dollars, with or without a first line of column names.
//!
//! The first line decides the layout. Each line is an order of the customer
//! id as written (e.g. `00004`); the order id is `<id>-<line number>`;
//! dollars become USD cents. Lines that do not fit are reported with their
//! line number.
//!
//! ```
//! use stammkunde::orders::{cdnow, ReadOptions};
//! let import = cdnow::read(" 00004 0001 19970101  2   29.33\n", &ReadOptions::default()).unwrap();
//! let order = &import.orders[0];
//! assert_eq!((order.id.as_str(), order.customer.as_str(), order.total), ("00004-1", "00004", 2_933));
//! assert_eq!(order.currency, "USD");
//! let master = "id date cds dollars\n00001 19970101 1 11.77\n";
//! let import = cdnow::read(master, &ReadOptions::default()).unwrap();
//! assert_eq!((import.orders[0].id.as_str(), import.orders[0].total), ("00001-2", 1_177));
//! ```

use super::field_error::FieldError;
use super::normalize::{finish, Raw};
use super::{Import, Order, ReadOptions, RowError};
use crate::money::decimal_to_minor;

/// The two layouts the CDNOW log is distributed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// `CDNOW_sample.txt`: master id, sample id, date, CDs, dollars.
    Sample,
    /// `CDNOW_master.txt`: id, date, CDs, dollars.
    Master,
}

impl Layout {
    fn columns(self) -> usize {
        match self {
            Layout::Sample => 5,
            Layout::Master => 4,
        }
    }
}

/// Reads the CDNOW text file in either layout; blank lines are skipped, and
/// so is a first line of column names.
pub fn read(text: &str, options: &ReadOptions) -> Result<Import, RowError> {
    let mut raw = Raw::default();
    let mut layout = None;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        // The first line decides the layout; a line of names is a header.
        let columns = line.split_whitespace().count();
        let layout = *layout.get_or_insert(if columns == 4 {
            Layout::Master
        } else {
            Layout::Sample
        });
        if raw.read == 0 && raw.errors.is_empty() && header(line, layout) {
            continue;
        }
        raw.push(i + 1, order(line, i + 1, layout, options.zone()));
    }
    finish(raw, options)
}

/// Whether a line is column names: as many words as columns, none a number.
fn header(line: &str, layout: Layout) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    words.len() == layout.columns()
        && words
            .iter()
            .all(|w| w.parse::<f64>().is_err() && w.bytes().any(|b| b.is_ascii_alphabetic()))
}

fn order(
    line: &str,
    number: usize,
    layout: Layout,
    zone: &crate::calendar::Zone,
) -> Result<Order, (FieldError, Option<String>)> {
    let parts: Vec<&str> = line.split_whitespace().collect();
    let (customer, date, dollars) = match (layout, parts.as_slice()) {
        (Layout::Sample, [c, _sample, d, _cds, v]) => (*c, *d, *v),
        (Layout::Master, [c, d, _cds, v]) => (*c, *d, *v),
        (Layout::Sample, _) => {
            return Err((
                FieldError::new(
                    "line",
                    format!(
                        "expected five columns (master id, sample id, date, CDs, dollars) like the first line, found {}",
                        parts.len()
                    ),
                    "write one purchase per line: master id, sample id, YYYYMMDD, CDs, dollars, separated by spaces",
                ),
                None,
            ))
        }
        (Layout::Master, _) => {
            return Err((
                FieldError::new(
                    "line",
                    format!(
                        "expected four columns (id, date, CDs, dollars) like the first line, found {}",
                        parts.len()
                    ),
                    "write one purchase per line: id, YYYYMMDD, CDs, dollars, separated by spaces",
                ),
                None,
            ))
        }
    };
    let id = format!("{customer}-{number}");
    let placed_at = zone
        .parse_time(date)
        .filter(|_| date.len() == 8)
        .ok_or_else(|| {
            (
                FieldError::new(
                    "date",
                    format!("'{date}' is not a date"),
                    "write the date as YYYYMMDD",
                ),
                Some(id.clone()),
            )
        })?;
    let total = decimal_to_minor(dollars, 2).ok_or_else(|| {
        (
            FieldError::new(
                "dollars",
                format!("'{dollars}' is not an amount"),
                "write dollars like 29.33",
            ),
            Some(id.clone()),
        )
    })?;
    Ok(Order::new(&id, customer, placed_at, total, "USD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn master_layout_with_and_without_header() {
        let plain =
            "00001 19970101 1 11.77\r\n00002 19970112 1 12.00\r\n00002 19970112 5 77.00\r\n";
        let import = read(plain, &ReadOptions::default()).unwrap();
        assert_eq!((import.read, import.used, import.rejected), (3, 3, 0));
        assert_eq!(import.orders[2].id, "00002-3");
        assert_eq!(import.orders[2].total, 7_700);
        let header = format!("customer_id date cds dollars\n{plain}");
        let import = read(&header, &ReadOptions::default()).unwrap();
        assert_eq!((import.read, import.used, import.rejected), (3, 3, 0));
        assert_eq!(import.orders[0].id, "00001-2");
    }

    #[test]
    fn wrong_lines_name_the_layout() {
        let text = "00001 19970101 1 11.77\n00002 0002 19970112 1 12.00\n00003 1997013 1 1.00\n";
        let import = read(text, &ReadOptions::default()).unwrap();
        assert_eq!(import.used, 1);
        assert_eq!(import.errors[0].row, Some(2));
        assert!(import.errors[0].reason.contains("four columns"));
        assert!(import.errors[0].fix.contains("id, YYYYMMDD, CDs, dollars"));
        assert_eq!(import.errors[1].field, "date");
        let sample = " 00004 0001 19970101  2   29.33\n 00004 19970118 2 29.73\n";
        let import = read(sample, &ReadOptions::default()).unwrap();
        assert!(import.errors[0].reason.contains("five columns"));
        assert!(!import.errors[0].fix.contains("as distributed"));
    }

    #[test]
    fn a_header_only_counts_as_the_first_line() {
        let text = "00001 19970101 1 11.77\nid date cds dollars\n";
        let import = read(text, &ReadOptions::default()).unwrap();
        assert_eq!((import.used, import.rejected), (1, 1));
    }
}
