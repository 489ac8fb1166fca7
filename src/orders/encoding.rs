//! Text encodings shops export, detected from the bytes and decoded to
//! UTF-8: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (Excel's
//! "Unicode text") and Windows-1252 (older German Excel exports: umlauts,
//! `€`). Anything that is not valid UTF-8 and has no UTF-16 BOM is read as
//! Windows-1252, which maps every byte, so a file is never refused and
//! never turned into mojibake of UTF-8.
//!
//! Hand-written rather than `encoding_rs`: the admin wasm has a size budget
//! (150 KB gzip) and `encoding_rs` brings tables for every encoding; the
//! three encodings here need one 32-entry table. UTF-16 goes through std's
//! `char::decode_utf16`.
//!
//! ```
//! use stammkunde::orders::encoding::{decode, Encoding};
//! let (text, encoding) = decode(b"K\xe4se;5,00 \x80");
//! assert_eq!((text.as_ref(), encoding), ("Käse;5,00 €", Encoding::Windows1252));
//! let (text, encoding) = decode(b"\xef\xbb\xbfK\xc3\xa4se");
//! assert_eq!((text.as_ref(), encoding), ("Käse", Encoding::Utf8Bom));
//! ```

use std::borrow::Cow;

/// The encoding a file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8 without byte order mark (also plain ASCII).
    Utf8,
    /// UTF-8 with byte order mark (`EF BB BF`), as Excel's "CSV UTF-8".
    Utf8Bom,
    /// UTF-16 little endian with BOM (`FF FE`), Excel's "Unicode text".
    Utf16Le,
    /// UTF-16 big endian with BOM (`FE FF`).
    Utf16Be,
    /// Windows-1252 (a superset of Latin-1), older Excel and ERP exports.
    Windows1252,
}

impl Encoding {
    /// The name shown to admins, e.g. `"UTF-8 (BOM)"`.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf8Bom => "UTF-8 (BOM)",
            Encoding::Utf16Le => "UTF-16 LE",
            Encoding::Utf16Be => "UTF-16 BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Windows-1252 bytes 0x80–0x9F; the five bytes Windows leaves undefined
/// map to the C1 control of the same value, as browsers do.
const CP1252_HIGH: [char; 32] = [
    '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}',
    '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
];

/// Detects the encoding of `bytes` without decoding them (see [`decode`]).
pub fn detect(bytes: &[u8]) -> Encoding {
    match bytes {
        [0xef, 0xbb, 0xbf, ..] => Encoding::Utf8Bom,
        [0xff, 0xfe, ..] => Encoding::Utf16Le,
        [0xfe, 0xff, ..] => Encoding::Utf16Be,
        _ if std::str::from_utf8(bytes).is_ok() => Encoding::Utf8,
        _ => Encoding::Windows1252,
    }
}

/// Decodes `bytes` to text, without the BOM; borrows when the bytes are
/// UTF-8 already. An invalid UTF-8 sequence after a UTF-8 BOM and an
/// unpaired UTF-16 surrogate become U+FFFD.
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    // As `detect`, with UTF-8 checked once (the admin decodes every piece
    // of a large file).
    match bytes {
        [0xef, 0xbb, 0xbf, rest @ ..] => (String::from_utf8_lossy(rest), Encoding::Utf8Bom),
        [0xff, 0xfe, rest @ ..] => (
            Cow::Owned(utf16(rest, u16::from_le_bytes)),
            Encoding::Utf16Le,
        ),
        [0xfe, 0xff, rest @ ..] => (
            Cow::Owned(utf16(rest, u16::from_be_bytes)),
            Encoding::Utf16Be,
        ),
        _ => match std::str::from_utf8(bytes) {
            Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
            Err(_) => (Cow::Owned(windows_1252(bytes)), Encoding::Windows1252),
        },
    }
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|p| unit([p[0], p[1]]));
    let mut text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    if bytes.len() % 2 == 1 {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// UTF-16 bytes arriving in chunks, turned into UTF-8 as they come, so
/// that an Excel "Unicode text" export is read piece by piece like a
/// UTF-8 file. The result is that of [`decode`] on the whole file: an
/// unpaired surrogate and an odd last byte become U+FFFD.
///
/// ```
/// use stammkunde::orders::encoding::{decode, Utf16Stream};
/// let bytes = b"\xff\xfeK\x00\xe4\x00s\x00e\x00";
/// let mut stream = Utf16Stream::new();
/// let mut out = Vec::new();
/// for chunk in bytes.chunks(3) {
///     stream.push(chunk, &mut out);
/// }
/// stream.finish(&mut out);
/// assert_eq!(String::from_utf8(out).unwrap(), decode(bytes).0);
/// ```
#[derive(Debug, Default)]
pub struct Utf16Stream {
    /// Big endian (`FE FF`); known once the BOM is read.
    big_endian: Option<bool>,
    /// A byte of a unit whose other byte is in the next chunk.
    odd: Option<u8>,
    /// A leading surrogate waiting for its trailing one.
    lead: Option<u16>,
}

impl Utf16Stream {
    /// A stream before the file's first byte (which must be a UTF-16 BOM).
    pub fn new() -> Utf16Stream {
        Utf16Stream::default()
    }

    /// Appends the UTF-8 of `bytes` to `out`.
    pub fn push(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        out.reserve(bytes.len() / 2 * 3 / 2 + 4);
        let mut rest = bytes;
        if let Some(first) = self.odd.take() {
            let Some((&second, tail)) = rest.split_first() else {
                self.odd = Some(first);
                return;
            };
            self.unit([first, second], out);
            rest = tail;
        }
        let mut pairs = rest.chunks_exact(2);
        for p in &mut pairs {
            self.unit([p[0], p[1]], out);
        }
        self.odd = pairs.remainder().first().copied();
    }

    /// Appends what is still waiting (U+FFFD for a broken end).
    pub fn finish(&mut self, out: &mut Vec<u8>) {
        if self.lead.take().is_some() {
            put(char::REPLACEMENT_CHARACTER, out);
        }
        if self.odd.take().is_some() {
            put(char::REPLACEMENT_CHARACTER, out);
        }
    }

    fn unit(&mut self, pair: [u8; 2], out: &mut Vec<u8>) {
        let big = match self.big_endian {
            Some(big) => big,
            None => {
                // The BOM: FE FF is big endian, anything else read as FF FE.
                self.big_endian = Some(pair == [0xfe, 0xff]);
                return;
            }
        };
        let u = if big {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        };
        if let Some(lead) = self.lead.take() {
            if (0xdc00..0xe000).contains(&u) {
                let c = 0x10000 + ((u32::from(lead) - 0xd800) << 10) + (u32::from(u) - 0xdc00);
                put(
                    char::from_u32(c).unwrap_or(char::REPLACEMENT_CHARACTER),
                    out,
                );
                return;
            }
            put(char::REPLACEMENT_CHARACTER, out);
        }
        match u {
            0xd800..=0xdbff => self.lead = Some(u),
            0xdc00..=0xdfff => put(char::REPLACEMENT_CHARACTER, out),
            _ => put(
                char::from_u32(u32::from(u)).unwrap_or(char::REPLACEMENT_CHARACTER),
                out,
            ),
        }
    }
}

fn put(c: char, out: &mut Vec<u8>) {
    let mut buf = [0u8; 4];
    out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
}

pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => CP1252_HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/encodings/");

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(format!("{FIXTURES}{name}")).unwrap()
    }

    /// The text every fixture holds, each in its own encoding.
    const TEXT: &str = "Bestellnummer;Kundennummer;Name;Datum;Betrag;Währung\n\
                        1001;K-7;Jürgen Größe;24.12.2025;1.234,56;EUR\n\
                        1002;K-8;Zoë Müller „Café“;27.12.2025;9,99 €;EUR\n";

    #[test]
    fn every_fixture_decodes_to_the_same_text() {
        for (name, encoding) in [
            ("utf8.csv", Encoding::Utf8),
            ("utf8-bom.csv", Encoding::Utf8Bom),
            ("utf16le-bom.csv", Encoding::Utf16Le),
            ("utf16be-bom.csv", Encoding::Utf16Be),
            ("windows-1252.csv", Encoding::Windows1252),
        ] {
            let bytes = fixture(name);
            let (text, got) = decode(&bytes);
            assert_eq!(got, encoding, "{name}");
            assert_eq!(text.replace("\r\n", "\n"), TEXT, "{name}");
        }
    }

    #[test]
    fn every_fixture_reads_as_the_same_orders() {
        use crate::orders::{read, Format, ReadOptions};
        let want = read(Format::Csv, TEXT, &ReadOptions::default()).unwrap();
        assert_eq!(want.used, 2);
        for name in ["utf8-bom.csv", "utf16le-bom.csv", "windows-1252.csv"] {
            let bytes = fixture(name);
            let got = read(Format::Csv, &decode(&bytes).0, &ReadOptions::default()).unwrap();
            assert_eq!(got.orders, want.orders, "{name}");
        }
    }

    #[test]
    fn windows_1252_covers_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        let (text, encoding) = decode(&all);
        assert_eq!(encoding, Encoding::Windows1252);
        assert_eq!(text.chars().count(), 256);
        assert_eq!(text.chars().nth(0x80), Some('€'));
        assert_eq!(text.chars().nth(0xfc), Some('ü'));
        assert_eq!(text.chars().nth(0xdf), Some('ß'));
    }

    #[test]
    fn utf16_in_chunks_decodes_as_the_whole_file() {
        let mut files = vec![
            fixture("utf16le-bom.csv"),
            fixture("utf16be-bom.csv"),
            vec![0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00, 0x42],
            vec![0xff, 0xfe, 0x3d, 0xd8, 0x00, 0xde, 0x00, 0xdc, 0x3d, 0xd8],
            vec![0xfe, 0xff, 0xd8, 0x3d, 0xde, 0x00, 0x00, 0x41, 0xd8],
            vec![0xff, 0xfe],
        ];
        // Every unit value around the surrogates, both byte orders.
        for big in [false, true] {
            let mut f = if big {
                vec![0xfe, 0xff]
            } else {
                vec![0xff, 0xfe]
            };
            for u in [
                0x41u16, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000, 0xd83d, 0xde00, 0xffff,
                0xdc00, 0xd800,
            ] {
                f.extend(if big {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                });
            }
            files.push(f);
        }
        for bytes in &files {
            let want = decode(bytes).0.into_owned();
            for chunk in [1, 2, 3, 5, 7, 64, bytes.len().max(1)] {
                let mut stream = Utf16Stream::new();
                let mut out = Vec::new();
                for part in bytes.chunks(chunk) {
                    stream.push(part, &mut out);
                }
                stream.finish(&mut out);
                assert_eq!(
                    String::from_utf8(out).unwrap(),
                    want,
                    "{bytes:x?} in chunks of {chunk}"
                );
            }
        }
    }

    #[test]
    fn broken_utf16_is_replaced_not_refused() {
        let (text, _) = decode(&[0xff, 0xfe, 0x00, 0xd8, 0x41, 0x00, 0x42]);
        assert_eq!(text, "\u{fffd}A\u{fffd}");
        assert_eq!(decode(b"").1, Encoding::Utf8);
    }
}
