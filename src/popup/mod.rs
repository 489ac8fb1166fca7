//! Popup decision: which popup (voucher, service, newsletter) to show when a
//! visitor is about to leave, or none, and why.
//!
//! The decision is a pure function of the intent result, the page context,
//! what is known about the visitor (including their popup history) and the
//! operator's [`Config`]. It runs in the storefront wasm, so this module
//! stays free of `serde_json`, `chrono` and `core::fmt`-based formatting.
//!
//! ```
//! use stammkunde::popup::{decide, Config, Intent, Kind, Page, PageContext, Visitor};
//!
//! let config = Config::default();
//! let intent = Intent { score: 0.9, fired: true };
//! let ctx = PageContext { page: Page::Product, cart_value: 6_240, cart_items: 2, ..PageContext::default() };
//! let visitor = Visitor { id: "a1b2c3", ..Visitor::default() };
//! let d = decide(&config, intent, &ctx, &visitor, 1_700_000_000);
//! assert_eq!(d.kind, Some(Kind::Voucher));
//! assert!(d.reason_text().contains("cart 62.40"));
//! ```

mod config;
mod decide;
pub mod holdout;
mod reason;
pub mod storage;
pub mod wire;

pub use config::{Config, NewsletterPolicy, RegularOffer, Regulars, ServicePolicy, VoucherPolicy};
pub use decide::decide;
pub use holdout::in_holdout;
pub use reason::Reason;

/// Seconds in a day, for cool-downs given in days.
pub const DAY: i64 = 86_400;

/// The three popups.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A voucher code that supports a buying decision.
    Voucher = 0,
    /// Service help (phone, chat, FAQ) that removes an obstacle.
    Service = 1,
    /// A newsletter signup for browsing visitors.
    Newsletter = 2,
}

impl Kind {
    /// All kinds, in the order of [`Kind::index`].
    pub const ALL: [Kind; 3] = [Kind::Voucher, Kind::Service, Kind::Newsletter];

    /// The name used in config, events and the JS API.
    ///
    /// ```
    /// assert_eq!(stammkunde::popup::Kind::Service.name(), "service");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Kind::Voucher => "voucher",
            Kind::Service => "service",
            Kind::Newsletter => "newsletter",
        }
    }

    /// Parses a name as written by [`Kind::name`].
    ///
    /// ```
    /// use stammkunde::popup::Kind;
    /// assert_eq!(Kind::from_name("newsletter"), Some(Kind::Newsletter));
    /// assert_eq!(Kind::from_name("banner"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Position in [`Kind::ALL`] and in per-kind arrays such as
    /// [`Visitor::history`].
    ///
    /// ```
    /// use stammkunde::popup::Kind;
    /// assert_eq!(Kind::ALL[Kind::Newsletter.index()], Kind::Newsletter);
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }
}

/// The type of page the visitor is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Page {
    /// Start page.
    Home = 0,
    /// Category or search listing.
    Category = 1,
    /// Product detail page.
    Product = 2,
    /// Cart.
    Cart = 3,
    /// Checkout (any step).
    Checkout = 4,
    /// Order confirmation ("thank you") page.
    Confirmation = 5,
    /// Anything else.
    #[default]
    Other = 6,
}

impl Page {
    /// All page types, in the order of their numbers.
    pub const ALL: [Page; 7] = [
        Page::Home,
        Page::Category,
        Page::Product,
        Page::Cart,
        Page::Checkout,
        Page::Confirmation,
        Page::Other,
    ];

    /// The name used on the script tag (`data-page`) and in config.
    ///
    /// ```
    /// assert_eq!(stammkunde::popup::Page::Checkout.name(), "checkout");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            Page::Home => "home",
            Page::Category => "category",
            Page::Product => "product",
            Page::Cart => "cart",
            Page::Checkout => "checkout",
            Page::Confirmation => "confirmation",
            Page::Other => "other",
        }
    }

    /// The page with number `n` (as in [`Page::ALL`]); unknown numbers are
    /// [`Page::Other`].
    ///
    /// ```
    /// use stammkunde::popup::Page;
    /// assert_eq!(Page::from_number(4), Page::Checkout);
    /// assert_eq!(Page::from_number(99), Page::Other);
    /// ```
    pub fn from_number(n: u32) -> Page {
        usize::try_from(n)
            .ok()
            .and_then(|i| Page::ALL.get(i).copied())
            .unwrap_or(Page::Other)
    }
}

/// A set of page types, e.g. where a popup may appear.
///
/// ```
/// use stammkunde::popup::{Page, PageSet};
/// let set = PageSet::of(&[Page::Cart, Page::Checkout]);
/// assert!(set.contains(Page::Cart));
/// assert!(!set.contains(Page::Home));
/// assert_eq!(PageSet::from_bits(set.bits()), set);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageSet(u8);

impl PageSet {
    /// The set of the given pages.
    pub const fn of(pages: &[Page]) -> PageSet {
        let mut bits = 0;
        let mut rest = pages;
        while let [first, tail @ ..] = rest {
            bits |= 1 << *first as u8;
            rest = tail;
        }
        PageSet(bits)
    }

    /// The set from its bit mask (bit n = page number n).
    pub fn from_bits(bits: u8) -> PageSet {
        PageSet(bits & 0x7f)
    }

    /// The bit mask (bit n = page number n).
    pub const fn bits(self) -> u8 {
        self.0
    }

    /// Whether `page` is in the set.
    pub fn contains(self, page: Page) -> bool {
        self.0 & (1 << page as u8) != 0
    }
}

/// The exit-intent engine's verdict for this moment.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Intent {
    /// Intent score in [0, 1].
    pub score: f32,
    /// Whether exit intent fires now. Without it no popup is chosen.
    pub fired: bool,
}

/// What the visitor is doing on this page and in this session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageContext {
    /// Page type.
    pub page: Page,
    /// Cart value in minor units (cents).
    pub cart_value: i64,
    /// Number of items in the cart.
    pub cart_items: u32,
    /// Seconds on this page.
    pub time_on_page: u32,
    /// Pages viewed in this session, this one included.
    pub pages_viewed: u32,
    /// Seconds the shipping, payment or returns information was in view on
    /// this page.
    pub info_seconds: u32,
    /// How often the visitor switched between cart and checkout in this
    /// session.
    pub checkout_switches: u32,
}

/// One popup kind's history for a visitor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct History {
    /// When it was last shown (or decided for the holdout), Unix seconds.
    pub last_shown: Option<i64>,
    /// How often the visitor closed it without acting.
    pub dismissed: u32,
    /// When the visitor last acted on it (copied, called, subscribed ...).
    pub converted: Option<i64>,
}

/// What is known about the visitor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Visitor<'a> {
    /// Random visitor id; the holdout assignment is a hash of it.
    pub id: &'a str,
    /// Whether the visitor came in an earlier session.
    pub returning: bool,
    /// Whether the visitor already subscribed to the newsletter.
    pub subscribed: bool,
    /// The logged-in customer's segment, if the shop exposes it.
    pub segment: Option<&'a str>,
    /// Popups shown (or decided for the holdout) in this session.
    pub shown_this_session: u32,
    /// Whether the visitor placed an order in this session.
    pub ordered_this_session: bool,
    /// History per kind, indexed by [`Kind::index`].
    pub history: [History; 3],
}

impl Visitor<'_> {
    /// The history of one kind.
    ///
    /// ```
    /// use stammkunde::popup::{History, Kind, Visitor};
    /// let mut v = Visitor::default();
    /// v.history[Kind::Service.index()].dismissed = 2;
    /// v.history[Kind::Voucher.index()].dismissed = 1;
    /// assert_eq!(v.history_of(Kind::Service).dismissed, 2);
    /// assert_eq!(v.dismissals(), 3);
    /// ```
    pub fn history_of(&self, kind: Kind) -> &History {
        let [voucher, service, newsletter] = &self.history;
        match kind {
            Kind::Voucher => voucher,
            Kind::Service => service,
            Kind::Newsletter => newsletter,
        }
    }

    /// Dismissals over all kinds.
    pub fn dismissals(&self) -> u32 {
        self.history
            .iter()
            .fold(0u32, |n, h| n.saturating_add(h.dismissed))
    }
}

/// The outcome: a popup kind or none, with the reasons.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Decision {
    /// The popup to show, or `None`.
    pub kind: Option<Kind>,
    /// For [`Kind::Service`] chosen for a regular customer instead of a
    /// voucher, when the operator wants the loyalty message.
    pub loyalty: bool,
    /// For [`Kind::Voucher`] with tiers: index of the reached tier in
    /// [`VoucherPolicy::tiers`].
    pub tier: Option<usize>,
    /// For [`Kind::Voucher`] with tiers: how much more (cents) reaches the
    /// next tier.
    pub next_tier_gap: Option<i64>,
    /// The visitor is in the control group: decided, reported, not shown.
    pub holdout: bool,
    /// Why, in the order the rules were checked.
    pub reasons: Vec<Reason>,
}

impl Decision {
    /// The reasons as one line each, for operators.
    ///
    /// ```
    /// use stammkunde::popup::{Decision, Reason};
    /// let d = Decision { reasons: vec![Reason::Intent(0.5), Reason::NothingFits], ..Decision::default() };
    /// assert_eq!(d.reason_text(), "exit intent (score 0.50)\nnothing fits");
    /// ```
    pub fn reason_text(&self) -> String {
        let mut out = String::new();
        for (i, r) in self.reasons.iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            r.write(&mut out);
        }
        out
    }
}
