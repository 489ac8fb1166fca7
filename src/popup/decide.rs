//! The policy table.
//!
//! | situation (checked in this order) | popup |
//! | --- | --- |
//! | confirmation page, no exit intent, ordered this session, session or dismissal cap reached | none |
//! | long reading of shipping/payment/returns info, or back and forth between cart and checkout | service |
//! | items in the cart, value at or above the minimum (tier), voucher page | voucher (regulars: loyalty message, service or none) |
//! | leaving a service page (cart, checkout) | service |
//! | no cart, not subscribed, browsing (pages or seconds), newsletter page | newsletter |
//! | anything else | none |
//!
//! A kind in its cool-down, already acted on, or not configured is skipped
//! and the next row is tried.

use super::{
    in_holdout, Config, Decision, Intent, Kind, PageContext, Reason, RegularOffer, Visitor, DAY,
};

/// Decides which popup to show at `now` (Unix seconds), or none.
///
/// Deterministic: the same inputs give the same decision, including the
/// holdout assignment, which is a hash of the visitor id.
///
/// ```
/// use stammkunde::popup::{decide, Config, Intent, Kind, Page, PageContext, Visitor};
///
/// let stuck = PageContext { page: Page::Checkout, cart_value: 3_000, cart_items: 1, ..PageContext::default() };
/// let intent = Intent { score: 0.8, fired: true };
/// let d = decide(&Config::default(), intent, &stuck, &Visitor::default(), 0);
/// assert_eq!(d.kind, Some(Kind::Service));
///
/// let quiet = Intent { score: 0.2, fired: false };
/// assert_eq!(decide(&Config::default(), quiet, &stuck, &Visitor::default(), 0).kind, None);
/// ```
pub fn decide(
    config: &Config,
    intent: Intent,
    ctx: &PageContext,
    visitor: &Visitor,
    now: i64,
) -> Decision {
    let mut reasons = Vec::new();
    let mut d = decide_with(config, intent, ctx, visitor, now, &mut reasons);
    d.reasons = reasons;
    d
}

/// Where the reasons go while deciding: a list for [`decide`], or straight
/// into text for the storefront (no list of reasons in the wasm).
pub(crate) trait Sink {
    fn add(&mut self, reason: Reason);
}

impl Sink for Vec<Reason> {
    fn add(&mut self, reason: Reason) {
        self.push(reason);
    }
}

/// [`decide`], with the reasons given to `sink` instead of collected.
pub(crate) fn decide_with<S: Sink>(
    config: &Config,
    intent: Intent,
    ctx: &PageContext,
    visitor: &Visitor,
    now: i64,
    sink: &mut S,
) -> Decision {
    let mut d = Decision::default();
    let kind = choose(config, intent, ctx, visitor, now, &mut d, sink);
    if kind != Some(Kind::Voucher) {
        // A tier found on the way belongs to a voucher that was not chosen.
        d.tier = None;
        d.next_tier_gap = None;
    }
    if kind.is_some() && in_holdout(visitor.id, config.holdout) {
        d.holdout = true;
        sink.add(Reason::Holdout);
    }
    d.kind = kind;
    d
}

fn choose<S: Sink>(
    config: &Config,
    intent: Intent,
    ctx: &PageContext,
    v: &Visitor,
    now: i64,
    d: &mut Decision,
    r: &mut S,
) -> Option<Kind> {
    if ctx.page == super::Page::Confirmation {
        r.add(Reason::Confirmation);
        return None;
    }
    if !intent.fired {
        r.add(Reason::NoIntent(intent.score));
        return None;
    }
    r.add(Reason::Intent(intent.score));
    if v.ordered_this_session {
        r.add(Reason::Ordered);
        return None;
    }
    if v.shown_this_session >= config.per_session {
        r.add(Reason::SessionCap(v.shown_this_session, config.per_session));
        return None;
    }
    let dismissed = v.dismissals();
    if config.max_dismissals > 0 && dismissed >= config.max_dismissals {
        r.add(Reason::DismissalCap(dismissed, config.max_dismissals));
        return None;
    }

    // 1. An obstacle, wherever it shows.
    let svc = &config.service;
    let mut obstacle = false;
    if svc.info_seconds > 0 && ctx.info_seconds >= svc.info_seconds {
        r.add(Reason::InfoSeconds(ctx.info_seconds, svc.info_seconds));
        obstacle = true;
    }
    if svc.back_and_forth > 0 && ctx.checkout_switches >= svc.back_and_forth {
        r.add(Reason::BackAndForth(
            ctx.checkout_switches,
            svc.back_and_forth,
        ));
        obstacle = true;
    }
    if obstacle && available(config, Kind::Service, v, now, r) {
        return Some(Kind::Service);
    }

    // 2. A voucher that supports the buying decision.
    if voucher_fits(config, ctx, v, d, r) {
        let regular = v.segment.is_some_and(|s| config.regulars.is_regular(s));
        match regular {
            false => {
                if available(config, Kind::Voucher, v, now, r) {
                    return Some(Kind::Voucher);
                }
            }
            true => {
                let offer = config.regulars.offer;
                r.add(Reason::Regular(offer));
                if offer != RegularOffer::Nothing && available(config, Kind::Service, v, now, r) {
                    d.loyalty = offer == RegularOffer::Loyalty;
                    return Some(Kind::Service);
                }
                // Vouchers stay off for regulars even when nothing else fits.
                return None;
            }
        }
    }

    // 3. Leaving a page where visitors get stuck.
    if svc.pages.contains(ctx.page) && !obstacle {
        r.add(Reason::Stuck(ctx.page));
        if available(config, Kind::Service, v, now, r) {
            return Some(Kind::Service);
        }
    }

    // 4. A browsing visitor without a cart.
    if newsletter_fits(config, ctx, v, r) && available(config, Kind::Newsletter, v, now, r) {
        return Some(Kind::Newsletter);
    }
    r.add(Reason::NothingFits);
    None
}

/// Whether the cart supports a voucher; sets the tier on `d`.
fn voucher_fits(
    config: &Config,
    ctx: &PageContext,
    v: &Visitor,
    d: &mut Decision,
    r: &mut impl Sink,
) -> bool {
    let p = &config.voucher;
    if !p.pages.contains(ctx.page) {
        // Leaving the checkout is about an obstacle, not a price: say so
        // only when there is a cart the voucher could have been for.
        if ctx.cart_items > 0 {
            r.add(Reason::Page(Kind::Voucher, ctx.page));
        }
        return false;
    }
    if ctx.cart_items == 0 {
        r.add(Reason::EmptyCart);
        return false;
    }
    let first_tier = p.tiers.iter().copied().min();
    let min = p.min_cart.max(first_tier.unwrap_or(0)).max(0);
    if ctx.cart_value < min {
        r.add(Reason::BelowMinimum(ctx.cart_value, min));
        return false;
    }
    if p.new_only && v.returning {
        r.add(Reason::NewOnly);
        return false;
    }
    if first_tier.is_none() {
        r.add(Reason::Minimum(ctx.cart_value, min));
        return true;
    }
    // The highest tier reached and the lowest one not yet reached; tiers
    // may be given in any order.
    let mut reached: Option<(usize, i64)> = None;
    let mut next: Option<i64> = None;
    for (i, &t) in p.tiers.iter().enumerate() {
        if t <= ctx.cart_value {
            if reached.is_none_or(|(_, best)| t > best) {
                reached = Some((i, t));
            }
        } else if next.is_none_or(|n| t < n) {
            next = Some(t);
        }
    }
    if let Some((i, t)) = reached {
        // Tier numbers count from 1 in ascending order of their minimum.
        let rank = p.tiers.iter().filter(|&&x| x < t).count() + 1;
        r.add(Reason::Tier(ctx.cart_value, rank, t));
        d.tier = Some(i);
    }
    if let Some(n) = next {
        let gap = n - ctx.cart_value;
        r.add(Reason::NextTier(gap));
        d.next_tier_gap = Some(gap);
    }
    true
}

fn newsletter_fits(config: &Config, ctx: &PageContext, v: &Visitor, r: &mut impl Sink) -> bool {
    let p = &config.newsletter;
    if !p.pages.contains(ctx.page) {
        return false;
    }
    if ctx.cart_items > 0 {
        r.add(Reason::HasCart);
        return false;
    }
    if v.subscribed {
        r.add(Reason::Subscribed);
        return false;
    }
    if ctx.pages_viewed < p.min_pages && ctx.time_on_page < p.min_seconds {
        r.add(Reason::NotBrowsing(
            ctx.pages_viewed,
            ctx.time_on_page,
            p.min_pages,
            p.min_seconds,
        ));
        return false;
    }
    r.add(Reason::Browsing(ctx.pages_viewed, ctx.time_on_page));
    true
}

/// Whether `kind` is configured, not acted on and out of its cool-down.
fn available(config: &Config, kind: Kind, v: &Visitor, now: i64, r: &mut impl Sink) -> bool {
    let (enabled, cooldown) = match kind {
        Kind::Voucher => (config.voucher.enabled, config.voucher.cooldown_days),
        Kind::Service => (config.service.enabled, config.service.cooldown_days),
        Kind::Newsletter => (config.newsletter.enabled, config.newsletter.cooldown_days),
    };
    if !enabled {
        r.add(Reason::Disabled(kind));
        return false;
    }
    let h = v.history_of(kind);
    if config.stop_after_conversion && h.converted.is_some() {
        r.add(Reason::Converted(kind));
        return false;
    }
    if let Some(shown) = h.last_shown {
        // A clock that went backwards counts as "just shown".
        let ago = now.saturating_sub(shown).max(0);
        if ago < i64::from(cooldown).saturating_mul(DAY) {
            r.add(Reason::CoolDown(kind, ago / DAY, cooldown));
            return false;
        }
    }
    true
}
