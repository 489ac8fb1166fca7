//! The error type every order reader (JSON adapters, CSV, columnar,
//! CDNOW) reports a bad order with, before the row and the order id are
//! known: one type shared by the readers rather than one reader's type
//! borrowed by the others.

use super::RowError;

/// A problem with one order, before its row and id are attached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldError {
    pub field: String,
    pub reason: String,
    pub fix: String,
}

impl FieldError {
    pub fn new(
        field: impl Into<String>,
        reason: impl Into<String>,
        fix: impl Into<String>,
    ) -> Self {
        FieldError {
            field: field.into(),
            reason: reason.into(),
            fix: fix.into(),
        }
    }

    /// The row error for row `row` (1-based) and order `order_id`.
    pub fn at(self, row: Option<usize>, order_id: Option<String>) -> RowError {
        RowError {
            row,
            order_id,
            field: self.field,
            reason: self.reason,
            fix: self.fix,
        }
    }
}
