//! The operator's policy, with defaults that suit a typical shop.

use super::{Page, PageSet};

pub(crate) const VOUCHER_PAGES: PageSet = PageSet::of(&[
    Page::Home,
    Page::Category,
    Page::Product,
    Page::Cart,
    Page::Other,
]);
pub(crate) const SERVICE_PAGES: PageSet = PageSet::of(&[Page::Cart, Page::Checkout]);
pub(crate) const NEWSLETTER_PAGES: PageSet =
    PageSet::of(&[Page::Home, Page::Category, Page::Product, Page::Other]);

/// The operator's popup policy. [`Config::default`] is the recommended
/// starting point; every field can be overridden.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    /// Share of visitors in the control group, 0 to 1 (default 0.1).
    pub holdout: f64,
    /// At most this many popups per session (default 1).
    pub per_session: u32,
    /// Stop showing popups after this many dismissals over all kinds
    /// (default 2; 0 = never stop).
    pub max_dismissals: u32,
    /// A kind the visitor acted on is not shown again (default true).
    pub stop_after_conversion: bool,
    /// Voucher rules.
    pub voucher: VoucherPolicy,
    /// Service rules.
    pub service: ServicePolicy,
    /// Newsletter rules.
    pub newsletter: NewsletterPolicy,
    /// How regular customers are treated.
    pub regulars: Regulars,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            holdout: 0.1,
            per_session: 1,
            max_dismissals: 2,
            stop_after_conversion: true,
            voucher: VoucherPolicy::default(),
            service: ServicePolicy::default(),
            newsletter: NewsletterPolicy::default(),
            regulars: Regulars::default(),
        }
    }
}

/// When a voucher is offered: items in the cart and a cart value at or
/// above the minimum (and the first tier, if tiers are set).
#[derive(Debug, Clone, PartialEq)]
pub struct VoucherPolicy {
    /// Whether the operator configured a voucher (default true).
    pub enabled: bool,
    /// Pages it may appear on (default home, category, product, cart, other).
    pub pages: PageSet,
    /// Minimum cart value in cents (default 0: any filled cart).
    pub min_cart: i64,
    /// Minimum cart values in cents of the tiers, e.g. 5 % from 50 EUR and
    /// 10 % from 100 EUR are `[5000, 10000]` (default none).
    pub tiers: Vec<i64>,
    /// Only for visitors in their first session (default false).
    pub new_only: bool,
    /// Days before it may be shown again (default 7).
    pub cooldown_days: u32,
}

impl Default for VoucherPolicy {
    fn default() -> Self {
        VoucherPolicy {
            enabled: true,
            pages: PageSet::of(&[
                Page::Home,
                Page::Category,
                Page::Product,
                Page::Cart,
                Page::Other,
            ]),
            min_cart: 0,
            tiers: Vec::new(),
            new_only: false,
            cooldown_days: 7,
        }
    }
}

/// When service help is offered: an obstacle (long reading of shipping,
/// payment or returns information; back and forth between cart and
/// checkout) anywhere, or leaving one of its pages.
#[derive(Debug, Clone, PartialEq)]
pub struct ServicePolicy {
    /// Whether the operator configured a phone number, chat or FAQ
    /// (default true).
    pub enabled: bool,
    /// Pages where leaving means being stuck (default cart, checkout).
    pub pages: PageSet,
    /// Seconds of reading shipping/payment/returns information that count
    /// as an obstacle (default 30; 0 = ignore).
    pub info_seconds: u32,
    /// Cart/checkout switches that count as an obstacle (default 2;
    /// 0 = ignore).
    pub back_and_forth: u32,
    /// Days before it may be shown again (default 1).
    pub cooldown_days: u32,
}

impl Default for ServicePolicy {
    fn default() -> Self {
        ServicePolicy {
            enabled: true,
            pages: SERVICE_PAGES,
            info_seconds: 30,
            back_and_forth: 2,
            cooldown_days: 1,
        }
    }
}

/// When the newsletter is offered: a browsing visitor without a cart who
/// has not subscribed.
#[derive(Debug, Clone, PartialEq)]
pub struct NewsletterPolicy {
    /// Whether the operator configured a signup URL (default true).
    pub enabled: bool,
    /// Pages it may appear on (default home, category, product, other).
    pub pages: PageSet,
    /// Pages viewed in the session that make a browsing visitor (default 2) ...
    pub min_pages: u32,
    /// ... or seconds on this page (default 30).
    pub min_seconds: u32,
    /// Days before it may be shown again (default 30).
    pub cooldown_days: u32,
}

impl Default for NewsletterPolicy {
    fn default() -> Self {
        NewsletterPolicy {
            enabled: true,
            pages: NEWSLETTER_PAGES,
            min_pages: 2,
            min_seconds: 30,
            cooldown_days: 30,
        }
    }
}

/// What a regular customer gets where others would get a voucher.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RegularOffer {
    /// The service popup.
    Service,
    /// The service popup with the loyalty message.
    #[default]
    Loyalty,
    /// Nothing.
    Nothing,
}

/// Regular customers are not trained to wait for discounts.
#[derive(Debug, Clone, PartialEq)]
pub struct Regulars {
    /// Comma-separated segment names that count as regular, compared
    /// ignoring ASCII case and surrounding spaces (default
    /// `"champions,loyal,a"`).
    pub segments: String,
    /// What they get instead of a voucher (default the loyalty message).
    pub offer: RegularOffer,
}

impl Default for Regulars {
    fn default() -> Self {
        Regulars {
            segments: String::from("champions,loyal,a"),
            offer: RegularOffer::Loyalty,
        }
    }
}

impl Regulars {
    /// Whether `segment` is one of the regular segments.
    ///
    /// ```
    /// use stammkunde::popup::Regulars;
    /// let r = Regulars::default();
    /// assert!(r.is_regular("Champions"));
    /// assert!(r.is_regular(" A "));
    /// assert!(!r.is_regular("new"));
    /// assert!(!r.is_regular(""));
    /// ```
    pub fn is_regular(&self, segment: &str) -> bool {
        // Bytes, not `str::split`: its char searcher carries a panic path
        // whose integer formatting would grow the storefront wasm.
        let segment = segment.trim_ascii().as_bytes();
        !segment.is_empty()
            && self
                .segments
                .as_bytes()
                .split(|&b| b == b',')
                .any(|s| s.trim_ascii().eq_ignore_ascii_case(segment))
    }
}
