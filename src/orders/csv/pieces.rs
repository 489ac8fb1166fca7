//! Reading a large CSV file in pieces (the admin's streaming import):
//! pieces must be cut between orders, never between the rows of one
//! order's line items, so the cutter needs the order id's column. Each
//! piece goes straight into the order table.

use super::reader::{each_order_after, Head};
use super::stream::CsvStream;
use super::tokens::find3;
use crate::orders::keeper::Keeper;
use crate::orders::normalize::most_common_currency;
use crate::orders::{ReadOptions, RowError};
use crate::segments::{Builder, OrderTable};

/// Where `bytes` can be cut: before the last run of complete records
/// (line break outside quotes) with one order id in `id_column`, which may
/// go on in the next bytes (more line items of that order); after the last
/// complete record without an id column. 0 if there is no such place.
/// Also the number of line breaks (`\n`, in quotes too) before the cut,
/// counted on the way, as the file's line numbers go on after the piece.
///
/// One pass stops only at quotes and line breaks and notes where the last
/// records end; the order ids of those records are then read backwards
/// from the end. A run longer than those notes (an order with very many
/// line items) takes [`piece_end_by_fields`].
pub(crate) fn piece_end(bytes: &[u8], delimiter: u8, id_column: Option<usize>) -> (usize, usize) {
    // The ends of the last records (after their line break) and the line
    // breaks up to each end; `ends[k % RING]` is the k-th.
    const RING: usize = 64;
    let mut ends = [(0usize, 0usize); RING];
    let mut records = 0;
    let (mut quoted, mut lines, mut next) = (false, 0, 0);
    loop {
        let i = find3(bytes, next, [b'"', b'\n', b'\n']);
        let Some(&b) = bytes.get(i) else {
            break;
        };
        next = i + 1;
        if b == b'"' {
            quoted = !quoted;
            continue;
        }
        lines += 1;
        if !quoted {
            ends[records % RING] = (i + 1, lines);
            records += 1;
        }
    }
    // The start of record `k` and the line breaks before it.
    let start = |k: usize| -> (usize, usize) {
        match k.checked_sub(1) {
            Some(before) => ends[before % RING],
            None => (0, 0),
        }
    };
    let Some(id_column) = id_column else {
        return start(records);
    };
    if records == 0 {
        return (0, 0);
    }
    let id = |k: usize| id_cell(bytes, start(k).0, delimiter, id_column);
    let last = records - 1;
    let this = id(last);
    if this.is_empty() {
        return start(last);
    }
    let mut first = last;
    while first > 0 {
        // Record `first - 1` starts at the end of `first - 2`: noted?
        if first >= 2 && first - 2 + RING < records {
            // The run goes back further than the notes.
            return piece_end_by_fields(bytes, delimiter, Some(id_column));
        }
        if id(first - 1) != this {
            break;
        }
        first -= 1;
    }
    start(first)
}

/// The order id cell (trimmed of a CR and of enclosing quotes, as
/// [`piece_end_by_fields`] compares them) of the record at `from`.
fn id_cell(bytes: &[u8], from: usize, delimiter: u8, column: usize) -> &[u8] {
    let (mut quoted, mut field, mut field_start, mut next) = (false, 0, from, from);
    let (mut cell_from, mut cell_to) = (0, 0);
    loop {
        let i = if quoted {
            find3(bytes, next, [b'"'; 3])
        } else {
            find3(bytes, next, [b'"', delimiter, b'\n'])
        };
        let Some(&b) = bytes.get(i) else {
            break;
        };
        next = i + 1;
        if b == b'"' {
            quoted = !quoted;
            continue;
        }
        if field == column {
            (cell_from, cell_to) = (field_start, i);
            break;
        }
        if b == b'\n' {
            break;
        }
        field += 1;
        field_start = i + 1;
    }
    let c = bytes.get(cell_from..cell_to).unwrap_or_default();
    let c = c.strip_suffix(b"\r").unwrap_or(c);
    c.strip_prefix(b"\"")
        .and_then(|c| c.strip_suffix(b"\""))
        .unwrap_or(c)
}

/// [`piece_end`] by a pass over every field.
fn piece_end_by_fields(bytes: &[u8], delimiter: u8, id_column: Option<usize>) -> (usize, usize) {
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
    // Line breaks before `next`, and before the start of the run.
    let mut lines = 0;
    let mut run: (usize, (usize, usize), usize) = (0, (0, 0), 0);
    let mut end = (0, 0);
    let mut next = 0;
    loop {
        // Only quotes, separators and line breaks matter.
        let i = if quoted {
            find3(bytes, next, [b'"', b'\n', b'\n'])
        } else {
            find3(bytes, next, [b'"', delimiter, b'\n'])
        };
        let Some(&b) = bytes.get(i) else {
            break;
        };
        next = i + 1;
        if b == b'"' {
            quoted = !quoted;
            continue;
        }
        if b == b'\n' {
            lines += 1;
            if quoted {
                continue;
            }
        }
        if Some(field) == id_column {
            id = (field_start, i);
        }
        field += 1;
        field_start = i + 1;
        if b == b'\n' {
            let this = cell(id);
            if this.is_empty() || this != cell(run.1) {
                // The lines before this record: those before the last's end.
                run = (record_start, id, end.1);
            }
            end = (i + 1, lines);
            record_start = i + 1;
            field = 0;
            id = (0, 0);
        }
    }
    if id_column.is_some() {
        (run.0, run.2)
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

/// Reads one piece (complete records after the header line `head`) into
/// `builder`; `lines_before` is the number of lines before the piece's
/// records in the file (the header included). The result is that of [`read`](super::read) on the
/// header line and the piece with its orders pushed in turn, but each
/// order goes from the row path into the table with its texts borrowed
/// from the piece. Without a base currency in the options the piece's most
/// common one is the base, known only at its end: the orders wait in a
/// list until then.
pub(crate) fn read_piece(
    head: &Head,
    body: &str,
    lines_before: usize,
    options: &ReadOptions,
    builder: &mut Builder<'static>,
) -> Result<Piece, RowError> {
    options.validate()?;
    let given = options.checked_currency()?;
    let mut keeper = Keeper {
        base: given.clone().unwrap_or_default(),
        rates: options.checked_rates()?,
        errors: Vec::new(),
        currency: None,
        builder,
    };
    let mut read = 0;
    let mut waiting = Vec::new();
    // The piece's records are numbered by their lines in the file.
    let broken = each_order_after(head, body, lines_before + 1, options, |line, order| {
        read += 1;
        match order {
            Err((bad, id)) => keeper.errors.push(bad.at(Some(line), id)),
            Ok(o) if given.is_some() => keeper.keep(line, o),
            Ok(o) => waiting.push((line, o)),
        }
    })?;
    if given.is_none() {
        keeper.base = most_common_currency(waiting.iter().map(|(_, o)| o.currency.as_ref()));
        for (line, o) in waiting {
            keeper.keep(line, o);
        }
    }
    let Keeper {
        mut errors,
        currency,
        ..
    } = keeper;
    if let Some(error) = broken {
        read += 1;
        errors.push(error);
    }
    errors.sort_by_key(|e| e.row.unwrap_or(usize::MAX));
    Ok(Piece {
        errors,
        read,
        currency,
    })
}

/// A CSV text read as the admin's `OrderFeed` reads a file, in pieces of
/// about `piece` bytes (with [`CsvStream`]): the order table, the row
/// errors of the reader and the number of records read. For native
/// benchmarks and tests of the streaming import.
#[doc(hidden)]
pub fn read_in_pieces(
    text: &[u8],
    options: &ReadOptions,
    piece: usize,
) -> Result<(OrderTable, Vec<RowError>, usize), RowError> {
    let mut stream = CsvStream::new(options)?;
    stream.expect_bytes(text.len());
    // The header line first, then pieces after it.
    let mut at = match text.iter().position(|&b| b == b'\n') {
        Some(p) => stream.read(text.get(..=p).unwrap_or_default(), false)?,
        None => stream.read(text, true)?,
    };
    while let Some(rest) = text.get(at..).filter(|r| !r.is_empty()) {
        // As the feed does: wait for more bytes while no cut is possible.
        let mut window = rest.len().min(piece.max(1));
        loop {
            let last = window >= rest.len();
            let used = stream.read(rest.get(..window).unwrap_or_default(), last)?;
            if used > 0 || last {
                at += used.max(usize::from(last));
                break;
            }
            window = window.saturating_mul(2);
        }
    }
    stream.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::csv::write_german;
    use crate::orders::Format;

    /// Varied exports: German and English, line items, several
    /// currencies, repeated ids (near and far apart), broken rows, quoted
    /// and escaped cells, e-mail customers, an unterminated quote.
    fn exports() -> Vec<String> {
        let orders = crate::demo::generate(&crate::demo::DemoOptions {
            customers: 300,
            orders: Some(2_000),
            ..Default::default()
        });
        let german = write_german(&orders);
        let mut next = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15_u64);
        let mut mixed = String::from(
            "Bestellnummer;E-Mail;Kundennummer;Datum;Uhrzeit;Betrag;Währung;Status;Erstattet;Artikelnummer;Artikel;Menge;Einzelpreis\r\n",
        );
        let mut english = String::from(
            "Order ID,Email,Date,Total,Currency,Financial Status,Refund,SKU,Item,Qty,Price\n",
        );
        for i in 0..3_000 {
            let id = match next(20) {
                0 => String::new(),
                1 => format!("{}", 1000 + next(i + 1)),
                2 => format!("\"A\"\"{}\"", i),
                3 => format!("'={i}"),
                _ => format!("{}", 1000 + i),
            };
            let email = ["Anna@Example.DE", "ben@example.de", "", " Ünal@x.de "][next(4)];
            let customer = ["", "K-1", "K-2", "\"K;3\"", "k-1"][next(5)];
            let date = [
                "24.12.2025 18:30",
                "01.03.2026",
                "2026-03-29 02:30",
                "2026-10-25T02:30:00+02:00",
                "31.02.2026",
                "",
                "20260101",
            ][next(7)];
            let time = ["", "", "09:30", "25:00", "7:05 Uhr"][next(5)];
            let total = [
                "1.234,56",
                "49,90",
                "12,50-",
                "abc",
                "",
                "€ 1.000",
                "1,234.50",
            ][next(7)];
            let currency = ["", "EUR", "eur", "€", "CHF", "USD", "XX"][next(7)];
            let status = [
                "abgeschlossen",
                "storniert",
                "teilweise erstattet",
                "erstattet",
                "?",
                "",
            ][next(6)];
            let refund = ["", "", "10,00", "5000,00", "x"][next(5)];
            let items = next(3);
            for k in 0..items.max(1) {
                let item = if items == 0 {
                    ";;;".to_string()
                } else {
                    format!(
                        "SKU-{};\"Tee \"\"{k}\"\"\";{};{}",
                        next(9),
                        ["1", "2", "0,5", "x", ""][next(5)],
                        ["9,99", "", "1.5.5"][next(3)]
                    )
                };
                mixed.push_str(&format!(
                    "{id};{email};{customer};{date};{time};{total};{currency};{status};{refund};{item}\r\n"
                ));
            }
            if next(50) == 0 {
                mixed.push_str(";;\r\n\r\n");
            }
            let total = ["1,234.56", "49.90", "12.50", "bad"][next(4)];
            english.push_str(&format!(
                "{id},{},{},\"{total}\",{currency},{},{},,,,\n",
                email.to_uppercase(),
                ["2026-01-02", "2026-01-02T10:00:00Z", "x"][next(3)],
                ["paid", "voided", "partially_refunded", "refunded"][next(4)],
                ["", "1.00", "2000.00"][next(3)],
            ));
        }
        let mut broken = mixed.clone();
        broken.push_str("77;a@b.de;;01.01.2026;;\"1,00;EUR\r\n");
        vec![german, mixed, english, broken]
    }

    fn options() -> Vec<ReadOptions> {
        let rates = ReadOptions {
            rates: [("CHF".to_string(), 1.05), ("usd".to_string(), 0.9)].into(),
            ..ReadOptions::default()
        };
        vec![
            ReadOptions::default(),
            ReadOptions {
                currency: Some("eur".into()),
                ..rates.clone()
            },
            ReadOptions {
                currency: Some("CHF".into()),
                time_zone: Some("Europe/Berlin".into()),
                ..rates.clone()
            },
            rates,
        ]
    }

    /// `read` and then `OrderTable::from_orders_in`.
    fn whole(
        text: &str,
        options: &ReadOptions,
    ) -> Result<(OrderTable, Vec<RowError>, usize), RowError> {
        crate::orders::read(Format::Csv, text, options).map(|import| {
            let table = OrderTable::from_orders_in(&import.orders, options.currency.as_deref());
            (table, import.errors, import.read)
        })
    }

    /// The table, the row errors and the count as text, to compare.
    fn outcome(result: Result<(OrderTable, Vec<RowError>, usize), RowError>) -> String {
        format!("{result:?}")
    }

    #[test]
    fn rows_into_the_table_give_what_orders_gave() {
        let mut seen_errors = false;
        for text in exports() {
            for options in options() {
                // The whole text in one piece: as `read` and then
                // `OrderTable::from_orders_in`.
                let want = whole(&text, &options);
                let got = read_in_pieces(text.as_bytes(), &options, usize::MAX);
                if let Ok((table, errors, _)) = &want {
                    // The exports exercise what the pass sorts out.
                    seen_errors |= !table.is_empty()
                        && errors.iter().any(|e| e.reason.contains("more than once"));
                }
                let want = outcome(want);
                assert_eq!(outcome(got), want);
                // In pieces: as the whole text (a repeated id is named
                // with its first row in whichever piece that lies). The
                // decimal mark is detected per piece where none is given,
                // and the base currency by the first piece: these mixed
                // exports give both (the whole text's base).
                let mut options = ReadOptions {
                    decimal: Some(','),
                    ..options
                };
                if options.currency.is_none() {
                    options.currency = whole(&text, &options)
                        .ok()
                        .and_then(|(table, _, _)| table.currency().map(str::to_string));
                }
                let want = outcome(whole(&text, &options));
                for piece in [300, 4_096, 50_000] {
                    let got = outcome(read_in_pieces(text.as_bytes(), &options, piece));
                    assert_eq!(got, want, "pieces of {piece} bytes");
                }
            }
        }
        assert!(seen_errors);
    }

    /// `piece_end` as it was, one byte at a time, and the line breaks
    /// before the cut: the reference.
    fn piece_end_bytewise(bytes: &[u8], delimiter: u8, id_column: Option<usize>) -> (usize, usize) {
        let cut = cut_bytewise(bytes, delimiter, id_column);
        (cut, bytes[..cut].iter().filter(|&&b| b == b'\n').count())
    }

    fn cut_bytewise(bytes: &[u8], delimiter: u8, id_column: Option<usize>) -> usize {
        let cell = |(from, to): (usize, usize)| -> &[u8] {
            let c = bytes.get(from..to).unwrap_or_default();
            let c = c.strip_suffix(b"\r").unwrap_or(c);
            c.strip_prefix(b"\"")
                .and_then(|c| c.strip_suffix(b"\""))
                .unwrap_or(c)
        };
        let (mut quoted, mut field, mut field_start, mut id) = (false, 0, 0, (0, 0));
        let (mut record_start, mut run, mut end) = (0, (0, (0, 0)), 0);
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

    #[test]
    fn pieces_are_cut_where_they_were() {
        const PIECES: [&str; 12] = [
            "1",
            "22",
            "1;",
            ";",
            ",",
            "\"",
            "\r\n",
            "\n",
            "abcdefghij",
            "ä",
            ";;;;;;;;;",
            "\"x\n\"",
        ];
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1d_u64);
        for case in 0..20_000 {
            let text: String = (0..next(60)).map(|_| PIECES[next(PIECES.len())]).collect();
            let delimiter = [b';', b','][case % 2];
            for id_column in [None, Some(0), Some(1), Some(3)] {
                assert_eq!(
                    piece_end(text.as_bytes(), delimiter, id_column),
                    piece_end_bytewise(text.as_bytes(), delimiter, id_column),
                    "{text:?} {id_column:?}"
                );
            }
        }
        // Runs of one id longer and shorter than the notes of `piece_end`.
        for (before, run, after) in [(3, 100, 0), (0, 70, 0), (5, 63, 0), (5, 64, 1), (0, 65, 2)] {
            let mut text = String::new();
            for i in 0..before {
                text.push_str(&format!("{i};a\n"));
            }
            for _ in 0..run {
                text.push_str("\"7\";\"x\ny\"\r\n");
            }
            for i in 0..after {
                text.push_str(&format!("8;{i}\n"));
            }
            for id_column in [None, Some(0), Some(1)] {
                assert_eq!(
                    piece_end(text.as_bytes(), b';', id_column),
                    piece_end_bytewise(text.as_bytes(), b';', id_column),
                    "{before} {run} {after} {id_column:?}"
                );
            }
        }
        for text in exports() {
            for id_column in [None, Some(0)] {
                assert_eq!(
                    piece_end(text.as_bytes(), b';', id_column),
                    piece_end_bytewise(text.as_bytes(), b';', id_column)
                );
            }
        }
    }

    #[test]
    fn header_errors_are_those_of_read() {
        for text in ["", "a;b\n1;2\n", "Bestellnummer;Datum\n1;01.01.2026\n"] {
            let options = ReadOptions {
                currency: Some("EUR".into()),
                ..ReadOptions::default()
            };
            let want = crate::orders::read(Format::Csv, text, &options).map(|_| ());
            let got = read_in_pieces(text.as_bytes(), &options, 4).map(|_| ());
            assert_eq!(got, want, "{text:?}");
        }
    }
}
