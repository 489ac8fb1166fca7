//! The language of every text the admin engine writes.

use serde::{Deserialize, Serialize};

/// Language of names, reasons, messages and CSV format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Lang {
    /// English: `1,234.56`, `2026-01-31`, `,` in CSV.
    #[default]
    En,
    /// German: `1.234,56`, `31.01.2026`, `;` in CSV.
    De,
}

impl Lang {
    /// `de` or `en` (case-insensitive; `de-DE`, `en-GB` too).
    pub fn parse(text: &str) -> Option<Lang> {
        let t = text.trim().to_ascii_lowercase();
        match t.split(['-', '_']).next() {
            Some("de") => Some(Lang::De),
            Some("en") => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the German or the English text.
    pub fn pick<'a>(self, en: &'a str, de: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::De => de,
        }
    }
}
