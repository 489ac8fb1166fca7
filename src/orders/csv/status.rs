//! Order status words. Shops and spreadsheets write the status in their
//! own words, German or English; they all come down to completed,
//! cancelled, refunded or partially refunded.

use super::header::with_normalised;
use crate::orders::OrderStatus;

/// The status from German or English words; `None` if unknown.
pub(super) fn parse_status(text: &str) -> Option<OrderStatus> {
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
pub(super) fn is_cancel_marker(text: &str) -> bool {
    with_normalised(text, |word| {
        !matches!(word, "" | "0" | "nein" | "no" | "false" | "falsch" | "n")
    })
}
