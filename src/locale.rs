//! The language of user-facing text, shared by segments, rules, CLV and
//! NPS (a module of its own so that none of them depends on another for it).
//!
//! The product's first market is German-speaking: the JS API defaults to
//! German wherever it takes a `lang`; the Rust default stays English.

use serde::{Deserialize, Serialize};

/// Language of names, reasons, messages and CSV format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
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
