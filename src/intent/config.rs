//! Operator settings and page context for the exit-intent engine.

/// How eagerly exit intent fires. Each level is a row of [`Thresholds`].
///
/// ```
/// use stammkunde::intent::Sensitivity;
/// assert_eq!(Sensitivity::parse("high"), Some(Sensitivity::High));
/// assert!(Sensitivity::Low.thresholds().fire > Sensitivity::High.thresholds().fire);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sensitivity {
    /// Fires only on clear signals, later and less often.
    Low,
    /// The default.
    #[default]
    Medium,
    /// Fires earlier, on the pointer's predicted path alone when it is sure.
    High,
}

/// The documented thresholds of one sensitivity level (docs/operators.md, "Sensitivity").
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    /// Score at which intent fires.
    pub fire: f64,
    /// Desktop: the pointer's path must reach the top edge within this many ms.
    pub horizon_ms: f64,
    /// Mobile: a scroll up at least this fast (viewport heights per second).
    pub scroll_up_vh_per_s: f64,
    /// Mobile: away from the tab/app at least this long (ms) before a return counts.
    pub away_ms: f64,
    /// Mobile: no input for this long (ms) after engagement counts as inactivity.
    pub idle_ms: f64,
}

const LOW: Thresholds = Thresholds {
    fire: 0.9,
    horizon_ms: 150.0,
    scroll_up_vh_per_s: 4.0,
    away_ms: 30_000.0,
    idle_ms: 60_000.0,
};
const MEDIUM: Thresholds = Thresholds {
    fire: 0.75,
    horizon_ms: 250.0,
    scroll_up_vh_per_s: 3.0,
    away_ms: 15_000.0,
    idle_ms: 40_000.0,
};
const HIGH: Thresholds = Thresholds {
    fire: 0.55,
    horizon_ms: 400.0,
    scroll_up_vh_per_s: 2.0,
    away_ms: 8_000.0,
    idle_ms: 25_000.0,
};

impl Sensitivity {
    /// The level for a code 0 (low), 1 (medium) or 2 (high).
    pub fn from_code(code: u8) -> Option<Self> {
        match code {
            0 => Some(Self::Low),
            1 => Some(Self::Medium),
            2 => Some(Self::High),
            _ => None,
        }
    }

    /// The level's code: 0 low, 1 medium, 2 high.
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The level for `"low"`, `"medium"` or `"high"`.
    pub fn parse(name: &str) -> Option<Self> {
        match name {
            "low" => Some(Self::Low),
            "medium" => Some(Self::Medium),
            "high" => Some(Self::High),
            _ => None,
        }
    }

    /// This level's thresholds.
    pub fn thresholds(self) -> &'static Thresholds {
        match self {
            Self::Low => &LOW,
            Self::Medium => &MEDIUM,
            Self::High => &HIGH,
        }
    }
}

/// The shop page types, in the order of their codes (0 = home ... 6 = other).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "lowercase"))]
pub enum PageType {
    Home,
    Category,
    Product,
    Cart,
    Checkout,
    Confirmation,
    #[default]
    Other,
}

impl PageType {
    /// Every page type, in code order.
    pub const ALL: [PageType; 7] = [
        Self::Home,
        Self::Category,
        Self::Product,
        Self::Cart,
        Self::Checkout,
        Self::Confirmation,
        Self::Other,
    ];

    /// The page type for a code; unknown codes are `Other`.
    pub fn from_code(code: u8) -> Self {
        Self::ALL
            .get(usize::from(code))
            .copied()
            .unwrap_or(Self::Other)
    }

    /// The page type's code (its index in [`PageType::ALL`]).
    pub fn code(self) -> u8 {
        self as u8
    }

    /// The page type for its name as in `data-page` (`"cart"`, ...).
    pub fn parse(name: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.name() == name)
    }

    /// The name as in `data-page`.
    pub fn name(self) -> &'static str {
        match self {
            Self::Home => "home",
            Self::Category => "category",
            Self::Product => "product",
            Self::Cart => "cart",
            Self::Checkout => "checkout",
            Self::Confirmation => "confirmation",
            Self::Other => "other",
        }
    }

    fn bit(self) -> u8 {
        1 << self.code()
    }
}

/// A set of page types, as a bit mask (bit n = page type code n).
///
/// ```
/// use stammkunde::intent::{PageType, Pages};
/// assert!(Pages::DEFAULT.contains(PageType::Cart));
/// assert!(!Pages::DEFAULT.contains(PageType::Checkout));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pages(pub u8);

impl Pages {
    /// Every page but checkout and confirmation: a popup there costs orders.
    pub const DEFAULT: Pages = Pages(0b100_1111);
    /// No page.
    pub const NONE: Pages = Pages(0);

    /// Whether `page` is in the set.
    pub fn contains(self, page: PageType) -> bool {
        self.0 & page.bit() != 0
    }

    /// The set plus `page`.
    pub fn with(self, page: PageType) -> Pages {
        Pages(self.0 | page.bit())
    }
}

impl Default for Pages {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Operator settings of the engine.
///
/// ```
/// use stammkunde::intent::{Config, Sensitivity};
/// let c = Config::default();
/// assert_eq!(c.sensitivity, Sensitivity::Medium);
/// assert_eq!(c.min_time_on_page_ms, 5000.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Config {
    pub sensitivity: Sensitivity,
    /// Nothing fires before the visitor has been on the page this long.
    pub min_time_on_page_ms: f64,
    /// After firing, nothing fires again for this long.
    pub cooldown_ms: f64,
    /// Page types on which intent may fire.
    pub pages: Pages,
    /// Touch device (no hover): enables the mobile signals.
    pub touch: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            sensitivity: Sensitivity::Medium,
            min_time_on_page_ms: 5000.0,
            cooldown_ms: 30_000.0,
            pages: Pages::DEFAULT,
            touch: false,
        }
    }
}

/// What the engine knows about the page.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Context {
    pub page: PageType,
    /// Items in the cart; a filled cart adds weight to other signals.
    pub cart_items: u32,
}
