//! CSV with a header row, as shops and spreadsheets export it.
//!
//! - Separator `;`, `,` or tab, detected from the header line (or
//!   `delimiter` in [`ReadOptions`](super::ReadOptions)); UTF-8 with or
//!   without BOM; fields in double quotes may hold separators, newlines and
//!   `""` for a quote.
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
//
// The reader is split by concern: `tokens` cuts text into records,
// `header` finds the columns, `amounts` and `status` parse cells, `reader`
// builds orders from rows, `write` writes the German export.

mod amounts;
mod header;
mod pieces;
mod reader;
mod status;
mod stream;
mod tokens;
mod write;

pub use header::FIELDS;
pub use reader::read;
pub use write::{german_amount, text_cell, write_german};

pub(crate) use amounts::{currency_of, decimal_in};
pub(crate) use header::{recognise, required};
pub use pieces::read_in_pieces;
pub use stream::CsvStream;
pub(crate) use tokens::{delimiter_of, records_of, scan};
