//! The German CSV export, and the one way every CSV export of the crate
//! writes a text cell: quoted when needed, and protected from running as a
//! spreadsheet formula.

use crate::money::{Currency, Money};
use crate::orders::{LineItem, Order, OrderStatus};

/// Writes orders as a German CSV export (UTF-8 with BOM, `;`, `1.234,56`,
/// `dd.mm.yyyy hh:mm` in UTC), one row per line item; follow-up rows of an
/// order carry only the order number and the item. [`read`](super::read)
/// reads it back. Text that starts like a spreadsheet formula (`=`, `+`,
/// `-`, `@`, their full-width forms, tab, carriage return) gets a leading
/// `'`, which [`read`](super::read) removes.
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
pub(super) const FORMULA_START: [char; 10] = [
    '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
];

/// A CSV text cell, the one way every export of the crate writes text: a
/// leading `'` when it starts like a formula (so Excel and LibreOffice show
/// it as text instead of running it; [`read`](super::read) removes the `'`
/// again), and quoted when it holds the separator, a quote or a line
/// break.
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
    fn german_amounts_are_written_with_groups() {
        let code = |c: &str| Currency::parse(c).unwrap();
        assert_eq!(german_amount(123_456, code("EUR")), "1.234,56");
        assert_eq!(german_amount(5, code("CHF")), "0,05");
        assert_eq!(german_amount(-100_000_000, code("EUR")), "-1.000.000,00");
        assert_eq!(german_amount(1500, code("JPY")), "1.500");
        assert_eq!(german_amount(1500, code("KWD")), "1,500");
    }
}
