//! The CDNOW transaction log (Fader, Hardie & Lee 2005): one purchase per
//! line, whitespace-separated: master customer id, sample id, date
//! `YYYYMMDD`, number of CDs, dollars.
//!
//! Each line is an order of customer = master id (as written, e.g.
//! `00004`); the order id is `<master id>-<line number>`; dollars become
//! USD cents. Lines that do not fit are reported with their line number.
//!
//! ```
//! use stammkunde::orders::{cdnow, ReadOptions};
//! let import = cdnow::read(" 00004 0001 19970101  2   29.33\n", &ReadOptions::default()).unwrap();
//! let order = &import.orders[0];
//! assert_eq!((order.id.as_str(), order.customer.as_str(), order.total), ("00004-1", "00004", 2_933));
//! assert_eq!(order.currency, "USD");
//! ```

use super::field_error::FieldError;
use super::normalize::{finish, Raw};
use super::{Import, Order, ReadOptions, RowError};
use crate::money::decimal_to_minor;

/// Reads the CDNOW text file; blank lines are skipped.
pub fn read(text: &str, options: &ReadOptions) -> Result<Import, RowError> {
    let mut raw = Raw::default();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        raw.push(i + 1, order(line, i + 1, options.zone()));
    }
    finish(raw, options)
}

fn order(
    line: &str,
    number: usize,
    zone: &crate::calendar::Zone,
) -> Result<Order, (FieldError, Option<String>)> {
    let mut parts = line.split_whitespace();
    let (customer, _sample, date, _cds, dollars) = match (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) {
        (Some(c), Some(s), Some(d), Some(n), Some(v)) => (c, s, d, n, v),
        _ => {
            return Err((
                FieldError::new(
                    "line",
                    "expected five columns: master id, sample id, date, CDs, dollars",
                    "use the file as distributed, one purchase per line",
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
