//! The header row: which column holds which field. Shops name their
//! columns freely, in German or English, so headers are compared in a
//! normalised form against lists of known names, or mapped explicitly.

use crate::orders::field_error::FieldError;
use crate::orders::{ReadOptions, RowError};

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

pub(super) const ORDER_ID: usize = 0;
pub(super) const CUSTOMER: usize = 1;
pub(super) const EMAIL: usize = 2;
pub(super) const PLACED_AT: usize = 3;
pub(super) const TIME: usize = 4;
pub(super) const TOTAL: usize = 5;
pub(super) const CURRENCY: usize = 6;
pub(super) const STATUS: usize = 7;
pub(super) const REFUNDED: usize = 8;
pub(super) const CANCELLED_AT: usize = 9;
pub(super) const SKU: usize = 10;
pub(super) const PRODUCT_ID: usize = 11;
pub(super) const NAME: usize = 12;
pub(super) const CATEGORY: usize = 13;
pub(super) const QUANTITY: usize = 14;
pub(super) const UNIT_PRICE: usize = 15;
pub(super) const ITEM_FIELDS: [usize; 5] = [SKU, PRODUCT_ID, NAME, QUANTITY, UNIT_PRICE];

/// Which column holds each field, and the header names for messages.
#[derive(Clone)]
pub(super) struct Layout {
    pub(super) columns: [Option<usize>; 16],
    pub(super) header: Vec<String>,
    pub(super) decimal: char,
    pub(super) has_items: bool,
}

impl Layout {
    pub(super) fn column(&self, field: usize) -> Option<usize> {
        self.columns.get(field).copied().flatten()
    }

    /// The header of the column for `field`, as written in the file.
    pub(super) fn name(&self, field: usize) -> String {
        self.column(field)
            .and_then(|c| self.header.get(c))
            .filter(|h| !h.trim().is_empty())
            .cloned()
            .unwrap_or_else(|| FIELDS.get(field).map_or("", |f| f.0).to_string())
    }
}

/// Lower case, umlauts spelled out, only letters and digits.
pub(super) fn normalise_header(text: &str) -> String {
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
pub(super) fn with_normalised<R>(text: &str, f: impl FnOnce(&str) -> R) -> R {
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

/// The columns of a header row; `Err` if a required one is missing.
pub(super) fn layout(header: Vec<String>, options: &ReadOptions) -> Result<Layout, RowError> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
