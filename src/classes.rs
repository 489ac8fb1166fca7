//! Vocabulary shared by the rules and the segments: the R×F grid segment,
//! the ABC class and the product names a rule can match. A module of its
//! own so that [`crate::rules`] evaluates without depending on the segment
//! computation (which uses rules for custom segments).
//!
//! ```
//! use stammkunde::classes::{AbcClass, RfmSegment};
//! use stammkunde::lang::Lang;
//! assert_eq!(RfmSegment::parse("At risk"), Some(RfmSegment::AtRisk));
//! assert_eq!(RfmSegment::from_scores(1, 5).name(Lang::De), "Nicht verlieren");
//! assert_eq!(AbcClass::parse("b").map(AbcClass::letter), Some("B"));
//! ```

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// The eleven segments of the R×F grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "RfmSegmentId"))]
pub enum RfmSegment {
    /// Bought recently and often.
    Champions,
    /// Buy regularly.
    Loyal,
    /// Recent customers with a few orders.
    PotentialLoyalists,
    /// Bought recently, once.
    NewCustomers,
    /// Fairly recent, once.
    Promising,
    /// Middling recency and frequency.
    NeedAttention,
    /// Middling recency, few orders.
    AboutToSleep,
    /// Used to buy often, not lately.
    AtRisk,
    /// Were among the most frequent buyers, not lately.
    CantLoseThem,
    /// Long ago, few orders.
    Hibernating,
    /// Longest ago, few orders.
    Lost,
}

impl RfmSegment {
    /// All segments, best first.
    pub const ALL: [RfmSegment; 11] = [
        RfmSegment::Champions,
        RfmSegment::Loyal,
        RfmSegment::PotentialLoyalists,
        RfmSegment::NewCustomers,
        RfmSegment::Promising,
        RfmSegment::NeedAttention,
        RfmSegment::AboutToSleep,
        RfmSegment::AtRisk,
        RfmSegment::CantLoseThem,
        RfmSegment::Hibernating,
        RfmSegment::Lost,
    ];

    /// The segment of an R and an F score (1 to 5; other values are clamped).
    pub fn from_scores(r: u8, f: u8) -> RfmSegment {
        use RfmSegment::*;
        match (r.clamp(1, 5), f.clamp(1, 5)) {
            (5, 1) => NewCustomers,
            (4, 1) => Promising,
            (4..=5, 2..=3) => PotentialLoyalists,
            (5, _) => Champions,
            (4, _) => Loyal,
            (3, 1..=2) => AboutToSleep,
            (3, 3) => NeedAttention,
            (3, _) => Loyal,
            (2, 1..=2) => Hibernating,
            (1, 1..=2) => Lost,
            (1..=2, 3..=4) => AtRisk,
            _ => CantLoseThem,
        }
    }

    /// Identifier, e.g. `at_risk`.
    pub fn id(self) -> &'static str {
        use RfmSegment::*;
        match self {
            Champions => "champions",
            Loyal => "loyal",
            PotentialLoyalists => "potential_loyalists",
            NewCustomers => "new_customers",
            Promising => "promising",
            NeedAttention => "need_attention",
            AboutToSleep => "about_to_sleep",
            AtRisk => "at_risk",
            CantLoseThem => "cant_lose_them",
            Hibernating => "hibernating",
            Lost => "lost",
        }
    }

    /// Display name in German or English.
    pub fn name(self, lang: Lang) -> &'static str {
        use RfmSegment::*;
        match (lang, self) {
            (Lang::En, Champions) => "Champions",
            (Lang::En, Loyal) => "Loyal",
            (Lang::En, PotentialLoyalists) => "Potential loyalists",
            (Lang::En, NewCustomers) => "New customers",
            (Lang::En, Promising) => "Promising",
            (Lang::En, NeedAttention) => "Need attention",
            (Lang::En, AboutToSleep) => "About to sleep",
            (Lang::En, AtRisk) => "At risk",
            (Lang::En, CantLoseThem) => "Can't lose them",
            (Lang::En, Hibernating) => "Hibernating",
            (Lang::En, Lost) => "Lost",
            (Lang::De, Champions) => "Champions",
            (Lang::De, Loyal) => "Treue Kunden",
            (Lang::De, PotentialLoyalists) => "Potenziell treue Kunden",
            (Lang::De, NewCustomers) => "Neukunden",
            (Lang::De, Promising) => "Vielversprechend",
            (Lang::De, NeedAttention) => "Brauchen Aufmerksamkeit",
            (Lang::De, AboutToSleep) => "Drohen einzuschlafen",
            (Lang::De, AtRisk) => "Gefährdet",
            (Lang::De, CantLoseThem) => "Nicht verlieren",
            (Lang::De, Hibernating) => "Im Winterschlaf",
            (Lang::De, Lost) => "Verloren",
        }
    }

    /// The segment for an identifier (`at_risk`), case-insensitive; spaces,
    /// hyphens and apostrophes are read as in the display names
    /// (`At risk`, `can't lose them`); the German names are understood too.
    pub fn parse(text: &str) -> Option<RfmSegment> {
        let id: String = text
            .trim()
            .chars()
            .filter(|c| *c != '\'' && *c != '’')
            .map(|c| {
                if c == ' ' || c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect();
        let lower = text.trim().to_lowercase();
        RfmSegment::ALL
            .into_iter()
            .find(|s| s.id() == id || s.name(Lang::De).to_lowercase() == lower)
    }
}

/// A, B or C.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum AbcClass {
    /// The customers who make the first `a` of revenue.
    A,
    /// The next `b`.
    B,
    /// The rest.
    C,
}

impl AbcClass {
    /// All classes.
    pub const ALL: [AbcClass; 3] = [AbcClass::A, AbcClass::B, AbcClass::C];

    /// `"A"`, `"B"` or `"C"`.
    pub fn letter(self) -> &'static str {
        match self {
            AbcClass::A => "A",
            AbcClass::B => "B",
            AbcClass::C => "C",
        }
    }

    /// The class for a letter, case-insensitive.
    pub fn parse(text: &str) -> Option<AbcClass> {
        match text.trim() {
            "A" | "a" => Some(AbcClass::A),
            "B" | "b" => Some(AbcClass::B),
            "C" | "c" => Some(AbcClass::C),
            _ => None,
        }
    }
}

/// A product as the segment rules can name it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Product {
    /// Product id (or SKU when the shop has no separate id).
    pub id: String,
    /// SKU, when the shop has one besides the id.
    pub sku: Option<String>,
    /// Product name.
    pub name: String,
}
