//! Why a decision came out the way it did, as readable lines.
//!
//! Text comes from templates and a small number writer instead of
//! `format!`, which would pull `core::fmt` into the storefront wasm.

use super::{Kind, Page, RegularOffer};

/// One step of the decision, with the numbers that mattered.
#[derive(Debug, Clone, Copy, PartialEq)]
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
    /// A regular customer gets this instead of a voucher.
    Regular(RegularOffer),
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

/// The English line of each reason, in the order of [`Reason::parts`].
/// Markers take the next argument: `#` a number, `$` cents as units (or a
/// score in hundredths), `@` a kind's name, `^` a page's name. Templates are
/// data rather than code, which keeps the storefront wasm small.
const TEMPLATES: [&str; 27] = [
    "order confirmation page: never interrupted",
    "no exit intent (score $)",
    "exit intent (score $)",
    "ordered in this session",
    "# popup(s) this session, limit #",
    "dismissed # time(s), stop after #",
    "@: not configured",
    "@: not offered on ^ pages",
    "@: visitor already acted on it",
    "@: shown # day(s) ago, cool-down # day(s)",
    "service: read shipping, payment or returns information for # s (from # s)",
    "service: switched between cart and checkout # times (from #)",
    "service: leaving the ^ page",
    "voucher: cart is empty",
    "voucher: cart $ is below the minimum $",
    "voucher: cart $ reaches the minimum $",
    "voucher: cart $ reaches tier # (from $)",
    "voucher: $ more reaches the next tier",
    "voucher: only for new visitors, this one is returning",
    "regular customer: service instead of a voucher",
    "regular customer: loyalty message instead of a voucher",
    "regular customer: no voucher",
    "newsletter: visitor has items in the cart",
    "newsletter: already subscribed",
    "newsletter: # page(s) viewed, # s on this page (needs # pages or # s)",
    "newsletter: browsing, # page(s) viewed, # s on this page",
    "holdout group: decided, not shown",
];

/// A score in [0, 1] as hundredths, so `$` writes it as 0.82.
fn hundredths(v: f32) -> i64 {
    if v.is_finite() {
        (v.clamp(0.0, 1.0) * 100.0 + 0.5) as i64
    } else {
        0
    }
}

impl Reason {
    /// The template number and the arguments.
    fn parts(&self) -> (usize, [i64; 4]) {
        let i = |v: u32| i64::from(v);
        let k = |k: Kind| k as i64;
        match *self {
            Reason::Confirmation => (0, [0; 4]),
            Reason::NoIntent(s) => (1, [hundredths(s), 0, 0, 0]),
            Reason::Intent(s) => (2, [hundredths(s), 0, 0, 0]),
            Reason::Ordered => (3, [0; 4]),
            Reason::SessionCap(a, b) => (4, [i(a), i(b), 0, 0]),
            Reason::DismissalCap(a, b) => (5, [i(a), i(b), 0, 0]),
            Reason::Disabled(x) => (6, [k(x), 0, 0, 0]),
            Reason::Page(x, p) => (7, [k(x), p as i64, 0, 0]),
            Reason::Converted(x) => (8, [k(x), 0, 0, 0]),
            Reason::CoolDown(x, ago, days) => (9, [k(x), ago, i(days), 0]),
            Reason::InfoSeconds(a, b) => (10, [i(a), i(b), 0, 0]),
            Reason::BackAndForth(a, b) => (11, [i(a), i(b), 0, 0]),
            Reason::Stuck(p) => (12, [p as i64, 0, 0, 0]),
            Reason::EmptyCart => (13, [0; 4]),
            Reason::BelowMinimum(v, m) => (14, [v, m, 0, 0]),
            Reason::Minimum(v, m) => (15, [v, m, 0, 0]),
            Reason::Tier(v, t, m) => (16, [v, t as i64, m, 0]),
            Reason::NextTier(g) => (17, [g, 0, 0, 0]),
            Reason::NewOnly => (18, [0; 4]),
            Reason::Regular(offer) => (19 + offer as usize, [0; 4]),
            Reason::HasCart => (22, [0; 4]),
            Reason::Subscribed => (23, [0; 4]),
            Reason::NotBrowsing(p, s, mp, ms) => (24, [i(p), i(s), i(mp), i(ms)]),
            Reason::Browsing(p, s) => (25, [i(p), i(s), 0, 0]),
            Reason::Holdout => (26, [0; 4]),
            Reason::NothingFits => (27, [0; 4]),
        }
    }

    /// Appends the reason as one English line.
    ///
    /// ```
    /// use stammkunde::popup::Reason;
    /// let mut s = String::new();
    /// Reason::BelowMinimum(2_050, 3_000).write(&mut s);
    /// assert_eq!(s, "voucher: cart 20.50 is below the minimum 30.00");
    /// ```
    pub fn write(&self, out: &mut String) {
        let (t, args) = self.parts();
        // indexing with `get`, not `into_iter`: the array iterator's drop
        // carries a slice-range panic path
        let mut next = 0;
        let template = TEMPLATES.get(t).copied().unwrap_or("nothing fits");
        // Copy the text between markers in runs: pushing computed chars and
        // `str::split` carry panic paths whose integer formatting would grow
        // the wasm.
        let mut run = 0;
        for (i, b) in template.bytes().enumerate() {
            if !matches!(b, b'#' | b'$' | b'@' | b'^') {
                continue;
            }
            out.push_str(template.get(run..i).unwrap_or(""));
            run = i + 1;
            let arg = args.get(next).copied().unwrap_or(0);
            next += 1;
            match b {
                b'#' => num(out, arg),
                b'$' => money(out, arg),
                b'@' => out.push_str(Kind::ALL.get(arg as usize).map_or("", |k| k.name())),
                _ => out.push_str(Page::ALL.get(arg as usize).map_or("", |p| p.name())),
            }
        }
        out.push_str(template.get(run..).unwrap_or(""));
    }
}

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

fn digit(s: &mut String, d: u64) {
    s.push_str(DIGITS.get(d as usize).copied().unwrap_or("?"));
}

/// Writes an integer in decimal.
pub(crate) fn num(s: &mut String, n: i64) {
    if n < 0 {
        s.push('-');
    }
    let mut v = n.unsigned_abs();
    let mut digits = [0u8; 20]; // a u64 has at most 20 decimal digits
    let mut len = 0;
    for d in digits.iter_mut() {
        *d = (v % 10) as u8;
        len += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in digits.iter().take(len).rev() {
        digit(s, u64::from(d));
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
    digit(s, c % 100 / 10);
    digit(s, c % 10);
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
            text(Reason::Regular(RegularOffer::Loyalty)),
            "regular customer: loyalty message instead of a voucher"
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
