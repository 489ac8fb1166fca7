//! Why a decision came out the way it did, as readable lines.
//!
//! Text is assembled with `push_str` and a small number writer instead of
//! `format!`, which would pull `core::fmt` into the storefront wasm.

use super::{Kind, Page, RegularOffer};

/// One step of the decision, with the numbers that mattered.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// The page is the order confirmation: never interrupt it.
    Confirmation,
    /// Exit intent did not fire (score).
    NoIntent(f32),
    /// Exit intent fired (score).
    Intent(f32),
    /// The visitor ordered in this session.
    Ordered,
    /// Popups already shown this session, and the limit.
    SessionCap(u32, u32),
    /// Dismissals so far, and the limit.
    DismissalCap(u32, u32),
    /// The kind is not configured or switched off.
    Disabled(Kind),
    /// The kind is not offered on this page type.
    Page(Kind, Page),
    /// The visitor already acted on this kind.
    Converted(Kind),
    /// Shown this many days ago, cool-down in days.
    CoolDown(Kind, i64, u32),
    /// Seconds reading shipping/payment/returns information, and the
    /// threshold.
    InfoSeconds(u32, u32),
    /// Cart/checkout switches, and the threshold.
    BackAndForth(u32, u32),
    /// Leaving a page where visitors get stuck.
    Stuck(Page),
    /// The cart is empty.
    EmptyCart,
    /// Cart value below the voucher minimum (both cents).
    BelowMinimum(i64, i64),
    /// Cart value reaches the voucher minimum (both cents).
    Minimum(i64, i64),
    /// Cart value reaches tier number (1-based) from its minimum (cents).
    Tier(i64, usize, i64),
    /// Cents more that reach the next tier.
    NextTier(i64),
    /// Vouchers are only for new visitors and this one is returning.
    NewOnly,
    /// A regular customer (segment) gets this instead of a voucher.
    Regular(String, RegularOffer),
    /// The visitor has items in the cart.
    HasCart,
    /// Already subscribed to the newsletter.
    Subscribed,
    /// Pages viewed and seconds on page: not yet browsing (needs pages or
    /// seconds).
    NotBrowsing(u32, u32, u32, u32),
    /// Pages viewed and seconds on page make a browsing visitor.
    Browsing(u32, u32),
    /// The visitor is in the holdout group: decided, not shown.
    Holdout,
    /// Nothing fits.
    NothingFits,
}

impl Reason {
    /// Appends the reason as one English line.
    ///
    /// ```
    /// use stammkunde::popup::Reason;
    /// let mut s = String::new();
    /// Reason::BelowMinimum(2_050, 3_000).write(&mut s);
    /// assert_eq!(s, "voucher: cart 20.50 is below the minimum 30.00");
    /// ```
    pub fn write(&self, out: &mut String) {
        let s = out;
        match self {
            Reason::Confirmation => s.push_str("order confirmation page: never interrupted"),
            Reason::NoIntent(score) => {
                s.push_str("no exit intent (score ");
                score2(s, *score);
                s.push(')');
            }
            Reason::Intent(score) => {
                s.push_str("exit intent (score ");
                score2(s, *score);
                s.push(')');
            }
            Reason::Ordered => s.push_str("ordered in this session"),
            Reason::SessionCap(n, max) => {
                num(s, *n as i64);
                s.push_str(" popup(s) this session, limit ");
                num(s, *max as i64);
            }
            Reason::DismissalCap(n, max) => {
                s.push_str("dismissed ");
                num(s, *n as i64);
                s.push_str(" time(s), stop after ");
                num(s, *max as i64);
            }
            Reason::Disabled(k) => kind(s, *k, "not configured"),
            Reason::Page(k, p) => {
                kind(s, *k, "not offered on ");
                s.push_str(p.name());
                s.push_str(" pages");
            }
            Reason::Converted(k) => kind(s, *k, "visitor already acted on it"),
            Reason::CoolDown(k, ago, days) => {
                kind(s, *k, "shown ");
                num(s, *ago);
                s.push_str(" day(s) ago, cool-down ");
                num(s, *days as i64);
                s.push_str(" day(s)");
            }
            Reason::InfoSeconds(secs, min) => {
                s.push_str("service: read shipping, payment or returns information for ");
                num(s, *secs as i64);
                s.push_str(" s (from ");
                num(s, *min as i64);
                s.push_str(" s)");
            }
            Reason::BackAndForth(n, min) => {
                s.push_str("service: switched between cart and checkout ");
                num(s, *n as i64);
                s.push_str(" times (from ");
                num(s, *min as i64);
                s.push(')');
            }
            Reason::Stuck(p) => {
                s.push_str("service: leaving the ");
                s.push_str(p.name());
                s.push_str(" page");
            }
            Reason::EmptyCart => s.push_str("voucher: cart is empty"),
            Reason::BelowMinimum(v, min) => {
                s.push_str("voucher: cart ");
                money(s, *v);
                s.push_str(" is below the minimum ");
                money(s, *min);
            }
            Reason::Minimum(v, min) => {
                s.push_str("voucher: cart ");
                money(s, *v);
                s.push_str(" reaches the minimum ");
                money(s, *min);
            }
            Reason::Tier(v, n, min) => {
                s.push_str("voucher: cart ");
                money(s, *v);
                s.push_str(" reaches tier ");
                num(s, *n as i64);
                s.push_str(" (from ");
                money(s, *min);
                s.push(')');
            }
            Reason::NextTier(gap) => {
                s.push_str("voucher: ");
                money(s, *gap);
                s.push_str(" more reaches the next tier");
            }
            Reason::NewOnly => s.push_str("voucher: only for new visitors, this one is returning"),
            Reason::Regular(segment, offer) => {
                s.push_str("regular customer (");
                s.push_str(segment);
                s.push_str("): ");
                s.push_str(match offer {
                    RegularOffer::Service => "service instead of a voucher",
                    RegularOffer::Loyalty => "loyalty message instead of a voucher",
                    RegularOffer::Nothing => "no voucher",
                });
            }
            Reason::HasCart => s.push_str("newsletter: visitor has items in the cart"),
            Reason::Subscribed => s.push_str("newsletter: already subscribed"),
            Reason::NotBrowsing(pages, secs, min_pages, min_secs) => {
                s.push_str("newsletter: ");
                browsing(s, *pages, *secs);
                s.push_str(" (needs ");
                num(s, *min_pages as i64);
                s.push_str(" pages or ");
                num(s, *min_secs as i64);
                s.push_str(" s)");
            }
            Reason::Browsing(pages, secs) => {
                s.push_str("newsletter: browsing, ");
                browsing(s, *pages, *secs);
            }
            Reason::Holdout => s.push_str("holdout group: decided, not shown"),
            Reason::NothingFits => s.push_str("nothing fits"),
        }
    }
}

fn kind(s: &mut String, k: Kind, rest: &str) {
    s.push_str(k.name());
    s.push_str(": ");
    s.push_str(rest);
}

fn browsing(s: &mut String, pages: u32, secs: u32) {
    num(s, pages as i64);
    s.push_str(" page(s) viewed, ");
    num(s, secs as i64);
    s.push_str(" s on this page");
}

/// Writes an integer in decimal.
pub(crate) fn num(s: &mut String, n: i64) {
    if n < 0 {
        s.push('-');
    }
    let mut v = n.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        // `i` stays in range: a u64 has at most 20 decimal digits.
        if let Some(b) = buf.get_mut(i) {
            *b = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || i == 0 {
            break;
        }
    }
    for &b in buf.get(i..).unwrap_or(&[]) {
        s.push(b as char);
    }
}

/// Writes cents as units with two decimals: 6240 -> "62.40".
pub(crate) fn money(s: &mut String, cents: i64) {
    if cents < 0 {
        s.push('-');
    }
    let c = cents.unsigned_abs();
    num(s, (c / 100) as i64);
    s.push('.');
    let r = (c % 100) as u8;
    s.push((b'0' + r / 10) as char);
    s.push((b'0' + r % 10) as char);
}

/// Writes a score in [0, 1] with two decimals.
fn score2(s: &mut String, score: f32) {
    let hundredths = if score.is_finite() {
        (score.clamp(0.0, 1.0) * 100.0 + 0.5) as i64
    } else {
        0
    };
    money(s, hundredths);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(r: Reason) -> String {
        let mut s = String::new();
        r.write(&mut s);
        s
    }

    #[test]
    fn numbers_are_written_without_fmt() {
        let mut s = String::new();
        for n in [0, 7, 10, 1234567, -42, i64::MAX, i64::MIN] {
            s.clear();
            num(&mut s, n);
            assert_eq!(s, n.to_string());
        }
        for (cents, want) in [
            (0, "0.00"),
            (5, "0.05"),
            (6240, "62.40"),
            (123456, "1234.56"),
            (-150, "-1.50"),
        ] {
            s.clear();
            money(&mut s, cents);
            assert_eq!(s, want);
        }
    }

    #[test]
    fn scores_are_clamped_and_rounded() {
        assert_eq!(text(Reason::Intent(0.824)), "exit intent (score 0.82)");
        assert_eq!(text(Reason::Intent(0.826)), "exit intent (score 0.83)");
        assert_eq!(text(Reason::Intent(3.0)), "exit intent (score 1.00)");
        assert_eq!(
            text(Reason::NoIntent(f32::NAN)),
            "no exit intent (score 0.00)"
        );
    }

    #[test]
    fn every_reason_names_its_numbers() {
        assert_eq!(
            text(Reason::CoolDown(Kind::Voucher, 3, 7)),
            "voucher: shown 3 day(s) ago, cool-down 7 day(s)"
        );
        assert_eq!(
            text(Reason::Tier(12_000, 2, 10_000)),
            "voucher: cart 120.00 reaches tier 2 (from 100.00)"
        );
        assert_eq!(
            text(Reason::Regular("champions".into(), RegularOffer::Loyalty)),
            "regular customer (champions): loyalty message instead of a voucher"
        );
        assert_eq!(
            text(Reason::NotBrowsing(1, 12, 2, 30)),
            "newsletter: 1 page(s) viewed, 12 s on this page (needs 2 pages or 30 s)"
        );
        assert_eq!(
            text(Reason::Page(Kind::Newsletter, Page::Checkout)),
            "newsletter: not offered on checkout pages"
        );
    }
}
