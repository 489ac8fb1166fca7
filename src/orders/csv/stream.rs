//! A CSV file read from its bytes as they arrive (the admin's
//! `OrderFeed`): the header line once, then piece by piece straight into
//! the order table. A piece that is valid UTF-8 is read where it lies,
//! without a copy; only one that is not (Windows-1252) is decoded.

use super::amounts::detect_decimal;
use super::pieces::{piece_end, read_piece};
use super::reader::Head;
use super::tokens::Tokens;
use crate::orders::{encoding, Format, ReadOptions, RowError};
use crate::segments::{Builder, OrderTable};

/// Reads a CSV file from its bytes: [`CsvStream::read`] takes the complete
/// records at the start of the bytes received so far, [`CsvStream::finish`]
/// gives the order table.
///
/// ```
/// use stammkunde::orders::{csv::CsvStream, ReadOptions};
/// let bytes = b"Bestellnummer;Kundennummer;Datum;Betrag\n1;K-1;01.02.2026;9,90\n2;K-2;02.02.2026;5,00\n";
/// let mut stream = CsvStream::new(&ReadOptions::default()).unwrap();
/// let used = stream.read(&bytes[..50], false).unwrap(); // the header and what can be cut
/// stream.read(&bytes[used..], true).unwrap(); // the rest
/// let (table, errors, read) = stream.finish().unwrap();
/// assert_eq!((table.report().used, errors.len(), read), (2, 0, 2));
/// ```
#[doc(hidden)]
pub struct CsvStream {
    options: ReadOptions,
    /// The header, once its line is complete.
    head: Option<Head>,
    /// The file was one line without a break: a header without rows.
    header_only: bool,
    /// Lines before the unread bytes (the header included).
    lines_before: usize,
    builder: Builder<'static>,
    errors: Vec<RowError>,
    read: usize,
    /// The file's size if known (0 otherwise), and the bytes used so far.
    size: usize,
    used: usize,
}

impl CsvStream {
    /// A stream with `options` as for [`read`](super::read); `Err` if
    /// they are not valid.
    pub fn new(options: &ReadOptions) -> Result<CsvStream, RowError> {
        options.validate()?;
        Ok(CsvStream {
            options: options.clone(),
            head: None,
            header_only: false,
            lines_before: 0,
            builder: Builder::new(options.currency.as_deref()),
            errors: Vec::new(),
            read: 0,
            size: 0,
            used: 0,
        })
    }

    /// The file is `size` bytes long: the table makes room for its orders
    /// once the first piece shows how long a row is, instead of growing
    /// step by step (each step a copy of its columns).
    pub fn expect_bytes(&mut self, size: usize) {
        self.size = size;
    }

    /// Reads the complete records at the start of `bytes` (the bytes not
    /// read yet; all of them when `last`) and returns how many bytes it
    /// used. Pieces are cut between orders (see `piece_end`). `Err` if the
    /// header cannot be read, or the first piece with records not at all
    /// (as [`read`](super::read) would fail on the file); errors of later
    /// pieces are row errors.
    pub fn read(&mut self, bytes: &[u8], last: bool) -> Result<usize, RowError> {
        let mut used = 0;
        if self.head.is_none() {
            if self.header_only {
                return Ok(bytes.len());
            }
            let Some(end) = bytes.iter().position(|&b| b == b'\n').map(|p| p + 1) else {
                if last {
                    self.header_only(bytes)?;
                    return Ok(bytes.len());
                }
                return Ok(0);
            };
            let (line, _) = encoding::decode(bytes.get(..end).unwrap_or_default());
            self.head = Some(Head::of(
                line.trim_start_matches('\u{feff}'),
                &self.options,
            )?);
            self.lines_before = 1;
            used = end;
        }
        let Some(head) = &self.head else {
            return Ok(used);
        };
        let rest = bytes.get(used..).unwrap_or_default();
        // After the last piece no line numbers are needed.
        let (end, lines) = if last {
            (rest.len(), 0)
        } else {
            piece_end(rest, head.delimiter, head.id_column())
        };
        if end == 0 {
            return Ok(used);
        }
        // Pieces end at line breaks: each is UTF-8 (borrowed) or, if not,
        // Windows-1252.
        let (text, _) = encoding::decode(rest.get(..end).unwrap_or_default());
        let first = self.read == 0;
        if first && self.options.decimal.is_none() {
            // The first piece's decimal mark holds for the whole file, so a
            // later piece of ambiguous amounts (1.234) is never read with
            // the other mark.
            let tokens = Tokens::at_line(&text, head.delimiter, 2);
            let mark = detect_decimal(tokens, &head.layout, head.delimiter);
            self.options.decimal = Some(mark);
        }
        match read_piece(
            head,
            &text,
            self.lines_before,
            &self.options,
            &mut self.builder,
        ) {
            Ok(piece) => {
                self.errors.extend(piece.errors);
                self.read += piece.read;
                // The base currency of the first piece holds for the others.
                if first && self.options.currency.is_none() {
                    self.options.currency = piece.currency;
                }
            }
            // The first piece decides whether the file can be read at all.
            Err(e) if first => return Err(e),
            // Its rows are the file's lines already.
            Err(e) => self.errors.push(e),
        }
        self.lines_before += lines;
        self.used += used + end;
        if first && self.size > self.used && self.read > 0 {
            let row = (self.used / self.read).max(1);
            self.builder.reserve((self.size - self.used) / row);
        }
        Ok(used + end)
    }

    /// A file of one line without a break: a header without rows (checked
    /// as [`read`](super::read) checks it), or nothing.
    fn header_only(&mut self, bytes: &[u8]) -> Result<(), RowError> {
        let line = encoding::decode(bytes).0;
        if line.trim_start_matches('\u{feff}').trim().is_empty() {
            return Ok(());
        }
        crate::orders::read(Format::Csv, &format!("{line}\n"), &self.options)?;
        self.header_only = true;
        Ok(())
    }

    /// The order table, the row errors and the number of records read
    /// (call after the last [`CsvStream::read`]); `Err` if there was not
    /// even a header.
    pub fn finish(self) -> Result<(OrderTable, Vec<RowError>, usize), RowError> {
        if self.head.is_none() && !self.header_only {
            return Err(RowError {
                row: None,
                order_id: None,
                field: "input".into(),
                reason: "the file is empty".into(),
                fix: "export the orders with a header row, e.g. Bestellnummer;Kundennummer;Datum;Betrag".into(),
            });
        }
        Ok((self.builder.finish(), self.errors, self.read))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::orders::csv::read_in_pieces;

    #[test]
    fn the_first_pieces_decimal_mark_holds_for_the_file() {
        // Decimal commas first, later amounts with a point: read whole, the
        // comma is the mark and 1.234 is 1.234,00; a later piece on its own
        // would take the point (12.50) and read 1.234 as 1,234.
        let mut text = String::from("Bestellnummer;Kundennummer;Datum;Betrag\n");
        for i in 0..60 {
            let amount = match i {
                ..40 => "49,90",
                _ if i % 2 == 0 => "12.50",
                _ => "1.234",
            };
            text.push_str(&format!("{i};K-{};01.03.2026;{amount}\n", i % 9));
        }
        let options = ReadOptions::default();
        let whole = read_in_pieces(text.as_bytes(), &options, usize::MAX).unwrap();
        assert!(whole.0.net().contains(&123_400), "{:?}", whole.0.net());
        for piece in [100, 300, 1_000] {
            let got = read_in_pieces(text.as_bytes(), &options, piece).unwrap();
            assert_eq!(
                format!("{got:?}"),
                format!("{whole:?}"),
                "pieces of {piece}"
            );
        }
    }

    /// A German export with umlauts and `€` in Windows-1252 and in UTF-8.
    fn export() -> (Vec<u8>, String) {
        let mut text = String::from("Bestellnummer;Kunde;Datum;Betrag;Währung;Status\r\n");
        for i in 0..3_000 {
            let amount = if i % 7 == 0 { "€ 1.000,50" } else { "12,50" };
            text.push_str(&format!(
                "{};Jürgen Müller-{};{:02}.03.2026;\"{amount}\";EUR;{}\r\n",
                1000 + i,
                i % 97,
                1 + i % 28,
                ["abgeschlossen", "storniert", "bezahlt"][i % 3]
            ));
        }
        let bytes = text
            .chars()
            .map(|c| match c {
                'ä' => 0xe4,
                'ü' => 0xfc,
                '€' => 0x80,
                c => c as u8,
            })
            .collect();
        (bytes, text)
    }

    #[test]
    fn windows_1252_pieces_read_as_their_utf8_text() {
        let (latin, utf8) = export();
        let options = ReadOptions {
            currency: Some("EUR".into()),
            ..ReadOptions::default()
        };
        let want = format!(
            "{:?}",
            read_in_pieces(utf8.as_bytes(), &options, usize::MAX)
        );
        assert!(want.contains("Jürgen Müller-5"));
        for piece in [usize::MAX, 4_096, 50_000] {
            let got = read_in_pieces(&latin, &options, piece);
            assert_eq!(format!("{got:?}"), want, "pieces of {piece} bytes");
        }
    }

    #[test]
    fn a_file_without_rows_or_bytes() {
        let options = ReadOptions::default();
        let empty = CsvStream::new(&options).unwrap();
        assert_eq!(empty.finish().unwrap_err().reason, "the file is empty");
        let mut header = CsvStream::new(&options).unwrap();
        let bytes = "\u{feff}Bestellnummer;Kundennummer;Datum;Betrag".as_bytes();
        assert_eq!(header.read(bytes, false).unwrap(), 0);
        assert_eq!(header.read(bytes, true).unwrap(), bytes.len());
        let (table, errors, read) = header.finish().unwrap();
        assert_eq!((table.report().read, errors.len(), read), (0, 0, 0));
        let mut bad = CsvStream::new(&options).unwrap();
        assert!(bad.read(b"Nummer;Datum\n1;01.01.2026\n", true).is_err());
    }
}
