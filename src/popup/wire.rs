//! The compact form in which the storefront passes config and inputs across
//! the wasm boundary: flat number arrays plus a few strings, and one string
//! back. It avoids a JSON parser in the storefront wasm.
//!
//! Every number is read leniently: a missing, NaN or negative slot reads as
//! its default or 0, so malformed input can never panic; the loader
//! validates config fields (with a console warning) before they get here.

use super::config::{NEWSLETTER_PAGES, SERVICE_PAGES, VOUCHER_PAGES};
use super::decide::{decide_with, Sink};
use super::reason::num;
use super::storage::{backend, Backend, Consent, Storage};
use super::{
    in_holdout, Config, History, Intent, Kind, Page, PageContext, PageSet, Reason, RegularOffer,
    Visitor,
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

/// The config slots' defaults, equal to [`Config::default`].
const CONFIG_DEFAULTS: [f64; config::TIERS] = [
    0.1, // holdout
    1.0, // per session
    2.0, // max dismissals
    1.0, // stop after conversion
    1.0, // voucher: enabled, pages, minimum, new only, cool-down
    VOUCHER_PAGES.bits() as f64,
    0.0,
    0.0,
    7.0,
    1.0, // service: enabled, pages, info seconds, back and forth, cool-down
    SERVICE_PAGES.bits() as f64,
    30.0,
    2.0,
    1.0,
    1.0, // newsletter: enabled, pages, min pages, min seconds, cool-down
    NEWSLETTER_PAGES.bits() as f64,
    2.0,
    30.0,
    30.0,
    1.0, // regulars: loyalty
];

/// The input slots' defaults: page "other", one page viewed.
const INPUT_DEFAULTS: [f64; input::HISTORY + 9] = {
    let mut d = [0.0; input::HISTORY + 9];
    d[input::PAGE] = 6.0;
    d[input::PAGES_VIEWED] = 1.0;
    d
};

/// Reads `a` over `defaults`: missing and non-finite slots keep the
/// default, negative ones read as 0. One loop instead of a check per field
/// keeps the wasm small.
fn read<const N: usize>(a: &[f64], defaults: [f64; N]) -> [f64; N] {
    let mut out = defaults;
    for (o, &v) in out.iter_mut().zip(a) {
        if v.is_finite() {
            *o = v.max(0.0);
        }
    }
    out
}

// `as` saturates: huge values read as the maximum, never panic.
fn int(v: f64) -> u32 {
    v as u32
}

fn cents(v: f64) -> i64 {
    v.round() as i64
}

fn time(v: f64) -> Option<i64> {
    Some(v as i64).filter(|&t| t > 0)
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
        let [holdout, per_session, max_dismissals, stop, v_on, v_pages, v_min, v_new, v_cool, s_on, s_pages, s_info, s_back, s_cool, n_on, n_pages, n_min_pages, n_min_secs, n_cool, offer] =
            read(a, CONFIG_DEFAULTS);
        let flag = |v: f64| v != 0.0;
        let pages = |v: f64| PageSet::from_bits(v as u8);
        Config {
            holdout: holdout.min(1.0),
            per_session: int(per_session),
            max_dismissals: int(max_dismissals),
            stop_after_conversion: flag(stop),
            voucher: super::VoucherPolicy {
                enabled: flag(v_on),
                pages: pages(v_pages),
                min_cart: cents(v_min),
                tiers: a
                    .get(config::TIERS..)
                    .unwrap_or(&[])
                    .iter()
                    .filter(|v| v.is_finite())
                    .map(|&v| cents(v))
                    .collect(),
                new_only: flag(v_new),
                cooldown_days: int(v_cool),
            },
            service: super::ServicePolicy {
                enabled: flag(s_on),
                pages: pages(s_pages),
                info_seconds: int(s_info),
                back_and_forth: int(s_back),
                cooldown_days: int(s_cool),
            },
            newsletter: super::NewsletterPolicy {
                enabled: flag(n_on),
                pages: pages(n_pages),
                min_pages: int(n_min_pages),
                min_seconds: int(n_min_secs),
                cooldown_days: int(n_cool),
            },
            regulars: super::Regulars {
                segments: String::from(regulars),
                offer: match int(offer) {
                    0 => RegularOffer::Service,
                    2 => RegularOffer::Nothing,
                    _ => RegularOffer::Loyalty,
                },
            },
        }
    }
}

/// Decides from the wire form and answers in one string: a head line
/// `kind<TAB>tier<TAB>gap<TAB>loyalty<TAB>group` (kind empty for none, tier
/// and gap empty when not set; `loyalty` `1` or `0`; `group` `1` when the
/// visitor belongs to the holdout group, whatever the decision, so the
/// order event can report it), then one reason per line. A decision is held
/// out when it has a kind and `group` is `1`.
///
/// ```
/// use stammkunde::popup::wire::{self, decide_wire};
/// let mut input = vec![0.0; wire::input::HISTORY + 9];
/// input[wire::input::SCORE] = 0.9;
/// input[wire::input::FIRED] = 1.0;
/// input[wire::input::PAGE] = 4.0; // checkout
/// let mut config = vec![f64::NAN; wire::config::TIERS];
/// config[wire::config::HOLDOUT] = 0.0;
/// let out = decide_wire(&config, "", &input, "visitor-1", "");
/// assert!(out.starts_with("service\t\t\t0\t0\n"));
/// ```
pub fn decide_wire(
    config: &[f64],
    regulars: &str,
    input: &[f64],
    visitor_id: &str,
    segment: &str,
) -> String {
    let config = Config::from_wire(config, regulars);
    let [score, fired, page, cart_value, cart_items, time_on_page, pages_viewed, info_seconds, checkout_switches, returning, subscribed, shown, ordered, now, h @ ..] =
        read(input, INPUT_DEFAULTS);
    let history = |i: usize| History {
        last_shown: h.get(3 * i).and_then(|&t| time(t)),
        dismissed: h.get(3 * i + 1).map_or(0, |&d| int(d)),
        converted: h.get(3 * i + 2).and_then(|&t| time(t)),
    };
    let segment = segment.trim_ascii();
    let visitor = Visitor {
        id: visitor_id,
        returning: returning != 0.0,
        subscribed: subscribed != 0.0,
        segment: (!segment.is_empty()).then_some(segment),
        shown_this_session: int(shown),
        ordered_this_session: ordered != 0.0,
        history: [history(0), history(1), history(2)],
    };
    let ctx = PageContext {
        page: Page::from_number(int(page)),
        cart_value: cents(cart_value),
        cart_items: int(cart_items),
        time_on_page: int(time_on_page),
        pages_viewed: int(pages_viewed),
        info_seconds: int(info_seconds),
        checkout_switches: int(checkout_switches),
    };
    let intent = Intent {
        score: score as f32,
        fired: fired != 0.0,
    };
    // The reasons are written as they come; the head goes in front.
    let mut lines = Lines(String::new());
    let d = decide_with(&config, intent, &ctx, &visitor, now as i64, &mut lines);

    let mut out = String::new();
    out.push_str(d.kind.map_or("", Kind::name));
    out.push('\t');
    if let Some(t) = d.tier {
        num(&mut out, t as i64);
    }
    out.push('\t');
    if let Some(g) = d.next_tier_gap {
        num(&mut out, g);
    }
    out.push_str(if d.loyalty { "\t1" } else { "\t0" });
    out.push_str(if in_holdout(visitor_id, config.holdout) {
        "\t1"
    } else {
        "\t0"
    });
    out.push_str(&lines.0);
    out
}

/// Reasons as text, each on a new line.
struct Lines(String);

impl Sink for Lines {
    fn add(&mut self, reason: Reason) {
        self.0.push('\n');
        reason.write(&mut self.0);
    }
}

/// Where to keep the visitor state, from the operator's `storage` (0
/// local, 1 session, 2 none) and `consent` (0 granted, 1 required) settings
/// and the visitor's answer (`-1` none yet, `0` refused, `1` granted).
/// Unknown numbers read as the defaults (local, granted).
///
/// ```
/// use stammkunde::popup::storage::Backend;
/// use stammkunde::popup::wire::storage_wire;
/// assert_eq!(storage_wire(0, 1, -1), Backend::Memory);
/// assert_eq!(storage_wire(1, 1, 1), Backend::Session);
/// ```
pub fn storage_wire(storage: u32, consent: u32, answer: i32) -> Backend {
    let storage = match storage {
        1 => Storage::Session,
        2 => Storage::None,
        _ => Storage::Local,
    };
    let consent = if consent == 1 {
        Consent::Required
    } else {
        Consent::Granted
    };
    let answer = match answer {
        0 => Some(false),
        1 => Some(true),
        _ => None,
    };
    backend(storage, consent, answer)
}
