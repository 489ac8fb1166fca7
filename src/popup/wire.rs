//! The compact form in which the storefront passes config and inputs across
//! the wasm boundary: flat number arrays plus a few strings, and one string
//! back. It avoids a JSON parser in the storefront wasm.
//!
//! Every number is read leniently: a missing, NaN or negative slot reads as
//! its default or 0, so malformed input can never panic; the loader
//! validates config fields (with a console warning) before they get here.

use super::storage::{backend, Consent, Storage};
use super::{
    decide, Config, History, Intent, Kind, Page, PageContext, PageSet, RegularOffer, Visitor,
};

/// Slots of the config array, in order. Voucher tier minimums (cents)
/// follow from [`config::TIERS`] on.
pub mod config {
    /// Holdout share, 0 to 1.
    pub const HOLDOUT: usize = 0;
    /// Popups per session.
    pub const PER_SESSION: usize = 1;
    /// Dismissals after which popups stop (0 = never).
    pub const MAX_DISMISSALS: usize = 2;
    /// 1 = stop a kind after the visitor acted on it.
    pub const STOP_AFTER_CONVERSION: usize = 3;
    /// 1 = voucher configured.
    pub const VOUCHER_ENABLED: usize = 4;
    /// Page bit mask for vouchers.
    pub const VOUCHER_PAGES: usize = 5;
    /// Voucher minimum cart value, cents.
    pub const VOUCHER_MIN: usize = 6;
    /// 1 = vouchers only for new visitors.
    pub const VOUCHER_NEW_ONLY: usize = 7;
    /// Voucher cool-down, days.
    pub const VOUCHER_COOLDOWN: usize = 8;
    /// 1 = service configured.
    pub const SERVICE_ENABLED: usize = 9;
    /// Page bit mask for service.
    pub const SERVICE_PAGES: usize = 10;
    /// Seconds of reading info that count as an obstacle.
    pub const SERVICE_INFO_SECONDS: usize = 11;
    /// Cart/checkout switches that count as an obstacle.
    pub const SERVICE_BACK_AND_FORTH: usize = 12;
    /// Service cool-down, days.
    pub const SERVICE_COOLDOWN: usize = 13;
    /// 1 = newsletter configured.
    pub const NEWSLETTER_ENABLED: usize = 14;
    /// Page bit mask for the newsletter.
    pub const NEWSLETTER_PAGES: usize = 15;
    /// Pages viewed that make a browsing visitor.
    pub const NEWSLETTER_MIN_PAGES: usize = 16;
    /// Seconds on page that make a browsing visitor.
    pub const NEWSLETTER_MIN_SECONDS: usize = 17;
    /// Newsletter cool-down, days.
    pub const NEWSLETTER_COOLDOWN: usize = 18;
    /// Regulars get: 0 service, 1 loyalty message, 2 nothing.
    pub const REGULAR_OFFER: usize = 19;
    /// First voucher tier minimum, cents; more tiers follow.
    pub const TIERS: usize = 20;
}

/// Slots of the input array, in order. Per-kind history follows from
/// [`input::HISTORY`] on: three slots (last shown, dismissals, converted;
/// times in Unix seconds, 0 = never) for each kind in [`Kind::ALL`] order.
pub mod input {
    /// Intent score, 0 to 1.
    pub const SCORE: usize = 0;
    /// 1 = exit intent fired.
    pub const FIRED: usize = 1;
    /// Page number (see [`crate::popup::Page::ALL`]).
    pub const PAGE: usize = 2;
    /// Cart value, cents.
    pub const CART_VALUE: usize = 3;
    /// Items in the cart.
    pub const CART_ITEMS: usize = 4;
    /// Seconds on this page.
    pub const TIME_ON_PAGE: usize = 5;
    /// Pages viewed this session.
    pub const PAGES_VIEWED: usize = 6;
    /// Seconds the shipping/payment/returns info was in view.
    pub const INFO_SECONDS: usize = 7;
    /// Cart/checkout switches this session.
    pub const CHECKOUT_SWITCHES: usize = 8;
    /// 1 = returning visitor.
    pub const RETURNING: usize = 9;
    /// 1 = subscribed to the newsletter.
    pub const SUBSCRIBED: usize = 10;
    /// Popups shown this session.
    pub const SHOWN_THIS_SESSION: usize = 11;
    /// 1 = ordered this session.
    pub const ORDERED_THIS_SESSION: usize = 12;
    /// Now, Unix seconds.
    pub const NOW: usize = 13;
    /// First history slot.
    pub const HISTORY: usize = 14;
}

fn slot(a: &[f64], i: usize) -> Option<f64> {
    a.get(i).copied().filter(|v| v.is_finite())
}

/// Slot as a non-negative integer (saturating), or `default`.
fn int(a: &[f64], i: usize, default: u32) -> u32 {
    slot(a, i).map_or(default, |v| v.max(0.0) as u32)
}

fn cents(a: &[f64], i: usize) -> i64 {
    slot(a, i).map_or(0, |v| v.round() as i64)
}

fn flag(a: &[f64], i: usize, default: bool) -> bool {
    slot(a, i).map_or(default, |v| v != 0.0)
}

fn pages(a: &[f64], i: usize, default: PageSet) -> PageSet {
    slot(a, i).map_or(default, |v| PageSet::from_bits(v.max(0.0) as u8))
}

fn time(a: &[f64], i: usize) -> Option<i64> {
    slot(a, i).map(|v| v as i64).filter(|&t| t > 0)
}

impl Config {
    /// Reads the config array (see [`config`]) and the comma-separated
    /// regular segments. Missing slots keep their defaults.
    ///
    /// ```
    /// use stammkunde::popup::{wire, Config};
    /// let mut slots = vec![f64::NAN; wire::config::TIERS];
    /// slots[wire::config::HOLDOUT] = 0.2;
    /// slots.extend([10_000.0, 5_000.0]);
    /// let c = Config::from_wire(&slots, "champions, VIP");
    /// assert_eq!(c.holdout, 0.2);
    /// assert_eq!(c.per_session, 1);
    /// assert_eq!(c.voucher.tiers, vec![10_000, 5_000]);
    /// assert!(c.regulars.is_regular("vip"));
    /// ```
    pub fn from_wire(a: &[f64], regulars: &str) -> Config {
        use config::*;
        let d = Config::default();
        Config {
            holdout: slot(a, HOLDOUT).map_or(d.holdout, |v| v.clamp(0.0, 1.0)),
            per_session: int(a, PER_SESSION, d.per_session),
            max_dismissals: int(a, MAX_DISMISSALS, d.max_dismissals),
            stop_after_conversion: flag(a, STOP_AFTER_CONVERSION, d.stop_after_conversion),
            voucher: super::VoucherPolicy {
                enabled: flag(a, VOUCHER_ENABLED, d.voucher.enabled),
                pages: pages(a, VOUCHER_PAGES, d.voucher.pages),
                min_cart: cents(a, VOUCHER_MIN).max(0),
                tiers: a
                    .get(TIERS..)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|v| v.is_finite())
                    .map(|v| v.round() as i64)
                    .collect(),
                new_only: flag(a, VOUCHER_NEW_ONLY, d.voucher.new_only),
                cooldown_days: int(a, VOUCHER_COOLDOWN, d.voucher.cooldown_days),
            },
            service: super::ServicePolicy {
                enabled: flag(a, SERVICE_ENABLED, d.service.enabled),
                pages: pages(a, SERVICE_PAGES, d.service.pages),
                info_seconds: int(a, SERVICE_INFO_SECONDS, d.service.info_seconds),
                back_and_forth: int(a, SERVICE_BACK_AND_FORTH, d.service.back_and_forth),
                cooldown_days: int(a, SERVICE_COOLDOWN, d.service.cooldown_days),
            },
            newsletter: super::NewsletterPolicy {
                enabled: flag(a, NEWSLETTER_ENABLED, d.newsletter.enabled),
                pages: pages(a, NEWSLETTER_PAGES, d.newsletter.pages),
                min_pages: int(a, NEWSLETTER_MIN_PAGES, d.newsletter.min_pages),
                min_seconds: int(a, NEWSLETTER_MIN_SECONDS, d.newsletter.min_seconds),
                cooldown_days: int(a, NEWSLETTER_COOLDOWN, d.newsletter.cooldown_days),
            },
            regulars: super::Regulars {
                segments: regulars
                    .split(',')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(String::from)
                    .collect(),
                offer: match int(a, REGULAR_OFFER, 1) {
                    0 => RegularOffer::Service,
                    2 => RegularOffer::Nothing,
                    _ => RegularOffer::Loyalty,
                },
            },
        }
    }
}

/// Decides from the wire form and answers in one string: a head line
/// `kind<TAB>tier<TAB>gap<TAB>loyalty<TAB>holdout` (kind empty for none,
/// tier and gap empty when not set, flags `1` or `0`), then one reason per
/// line.
///
/// ```
/// use stammkunde::popup::wire::{self, decide_wire};
/// let mut input = vec![0.0; wire::input::HISTORY + 9];
/// input[wire::input::SCORE] = 0.9;
/// input[wire::input::FIRED] = 1.0;
/// input[wire::input::PAGE] = 4.0; // checkout
/// let out = decide_wire(&[], "", &input, "visitor-1", "");
/// assert!(out.starts_with("service\t\t\t0\t"));
/// ```
pub fn decide_wire(
    config: &[f64],
    regulars: &str,
    input: &[f64],
    visitor_id: &str,
    segment: &str,
) -> String {
    use self::input::*;
    let config = Config::from_wire(config, regulars);
    let intent = Intent {
        score: slot(input, SCORE).unwrap_or(0.0) as f32,
        fired: flag(input, FIRED, false),
    };
    let ctx = PageContext {
        page: Page::from_number(int(input, PAGE, 6)),
        cart_value: cents(input, CART_VALUE).max(0),
        cart_items: int(input, CART_ITEMS, 0),
        time_on_page: int(input, TIME_ON_PAGE, 0),
        pages_viewed: int(input, PAGES_VIEWED, 1),
        info_seconds: int(input, INFO_SECONDS, 0),
        checkout_switches: int(input, CHECKOUT_SWITCHES, 0),
    };
    let mut history = [History::default(); 3];
    for (i, h) in history.iter_mut().enumerate() {
        let at = HISTORY + 3 * i;
        *h = History {
            last_shown: time(input, at),
            dismissed: int(input, at + 1, 0),
            converted: time(input, at + 2),
        };
    }
    let segment = segment.trim();
    let visitor = Visitor {
        id: visitor_id,
        returning: flag(input, RETURNING, false),
        subscribed: flag(input, SUBSCRIBED, false),
        segment: (!segment.is_empty()).then_some(segment),
        shown_this_session: int(input, SHOWN_THIS_SESSION, 0),
        ordered_this_session: flag(input, ORDERED_THIS_SESSION, false),
        history,
    };
    let now = slot(input, NOW).map_or(0, |v| v as i64);
    let d = decide(&config, intent, &ctx, &visitor, now);

    let mut out = String::new();
    out.push_str(d.kind.map_or("", Kind::name));
    out.push('\t');
    if let Some(t) = d.tier {
        super::reason::num(&mut out, t as i64);
    }
    out.push('\t');
    if let Some(g) = d.next_tier_gap {
        super::reason::num(&mut out, g);
    }
    out.push_str(if d.loyalty { "\t1" } else { "\t0" });
    out.push_str(if d.holdout { "\t1" } else { "\t0" });
    for r in &d.reasons {
        out.push('\n');
        r.write(&mut out);
    }
    out
}

/// Where to keep the visitor state, from the operator's `storage` and
/// `consent` names and the visitor's answer (`-1` none yet, `0` refused,
/// `1` granted): `local`, `session` or `memory`. Unknown names read as the
/// defaults (`local`, `granted`).
///
/// ```
/// use stammkunde::popup::wire::storage_wire;
/// assert_eq!(storage_wire("local", "required", -1), "memory");
/// assert_eq!(storage_wire("session", "required", 1), "session");
/// ```
pub fn storage_wire(storage: &str, consent: &str, answer: i32) -> &'static str {
    let answer = match answer {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    };
    backend(
        Storage::from_name(storage).unwrap_or_default(),
        Consent::from_name(consent).unwrap_or_default(),
        answer,
    )
    .name()
}
