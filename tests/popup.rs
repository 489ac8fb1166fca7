//! The popup policy table, frequency caps, holdout and consent.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![allow(clippy::field_reassign_with_default)] // tests tweak one field of the defaults at a time

use stammkunde::popup::holdout::bucket;
use stammkunde::popup::storage::{backend, Backend, Consent, Storage};
use stammkunde::popup::wire::{self, decide_wire, storage_wire};
use stammkunde::popup::{
    decide, in_holdout, Config, Decision, History, Intent, Kind, Page, PageContext, PageSet,
    Reason, RegularOffer, Visitor, DAY,
};

const NOW: i64 = 1_750_000_000;
const FIRED: Intent = Intent {
    score: 0.9,
    fired: true,
};

/// A visitor id that is in no holdout below share 0.5.
fn shown_id() -> &'static str {
    let id = "visitor-shown";
    assert!(bucket(id) >= 0.5, "pick another fixed id");
    id
}

fn visitor() -> Visitor<'static> {
    Visitor {
        id: shown_id(),
        ..Visitor::default()
    }
}

fn page(page: Page, cart_value: i64, cart_items: u32) -> PageContext {
    PageContext {
        page,
        cart_value,
        cart_items,
        time_on_page: 20,
        pages_viewed: 3,
        ..PageContext::default()
    }
}

fn run(config: &Config, ctx: PageContext, v: &Visitor) -> Decision {
    decide(config, FIRED, &ctx, v, NOW)
}

fn kind(config: &Config, ctx: PageContext, v: &Visitor) -> Option<Kind> {
    run(config, ctx, v).kind
}

fn tiered() -> Config {
    let mut c = Config::default();
    c.voucher.tiers = vec![5_000, 10_000];
    c
}

// ---- policy table --------------------------------------------------------

#[test]
fn filled_cart_leaving_the_product_page_gets_a_voucher() {
    let d = run(
        &Config::default(),
        page(Page::Product, 6_240, 2),
        &visitor(),
    );
    assert_eq!(d.kind, Some(Kind::Voucher));
    assert!(!d.holdout);
    assert_eq!(d.reasons[0], Reason::Intent(0.9));
    assert!(
        d.reasons.contains(&Reason::Minimum(6_240, 0)),
        "{:?}",
        d.reasons
    );
}

#[test]
fn voucher_needs_items_and_the_minimum() {
    let mut c = Config::default();
    c.voucher.min_cart = 3_000;
    assert_eq!(kind(&c, page(Page::Product, 2_999, 1), &visitor()), None);
    let d = run(&c, page(Page::Product, 2_999, 1), &visitor());
    assert!(d.reasons.contains(&Reason::BelowMinimum(2_999, 3_000)));
    assert!(
        d.reasons.contains(&Reason::HasCart),
        "a cart rules out the newsletter too"
    );
    assert_eq!(
        kind(&c, page(Page::Product, 3_000, 1), &visitor()),
        Some(Kind::Voucher)
    );
    // a value without items is no cart
    assert_ne!(
        kind(&c, page(Page::Product, 5_000, 0), &visitor()),
        Some(Kind::Voucher)
    );
}

#[test]
fn voucher_tiers_pick_the_highest_reached_and_name_the_gap() {
    let c = tiered();
    let d = run(&c, page(Page::Product, 6_240, 2), &visitor());
    assert_eq!(
        (d.kind, d.tier, d.next_tier_gap),
        (Some(Kind::Voucher), Some(0), Some(3_760))
    );
    assert!(d.reasons.contains(&Reason::Tier(6_240, 1, 5_000)));
    assert!(d.reasons.contains(&Reason::NextTier(3_760)));

    let d = run(&c, page(Page::Product, 12_000, 3), &visitor());
    assert_eq!(
        (d.kind, d.tier, d.next_tier_gap),
        (Some(Kind::Voucher), Some(1), None)
    );
    // a tier's minimum itself reaches it
    let d = run(&c, page(Page::Product, 10_000, 3), &visitor());
    assert_eq!((d.tier, d.next_tier_gap), (Some(1), None));

    // below the first tier there is no voucher, even with min_cart 0
    let d = run(&c, page(Page::Product, 4_000, 1), &visitor());
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::BelowMinimum(4_000, 5_000)));
}

#[test]
fn tiers_may_be_given_in_any_order() {
    let mut c = Config::default();
    c.voucher.tiers = vec![10_000, 5_000, 20_000];
    let d = run(&c, page(Page::Cart, 15_000, 2), &visitor());
    assert_eq!((d.tier, d.next_tier_gap), (Some(0), Some(5_000)));
    assert!(d.reasons.contains(&Reason::Tier(15_000, 2, 10_000)));
}

#[test]
fn stuck_checkout_gets_service_not_a_voucher() {
    let d = run(
        &Config::default(),
        page(Page::Checkout, 8_000, 2),
        &visitor(),
    );
    assert_eq!(d.kind, Some(Kind::Service));
    assert!(!d.loyalty);
    assert!(d
        .reasons
        .contains(&Reason::Page(Kind::Voucher, Page::Checkout)));
    assert!(d.reasons.contains(&Reason::Stuck(Page::Checkout)));
    assert_eq!(d.tier, None);
}

#[test]
fn cart_page_gets_a_voucher_when_the_cart_qualifies_else_service() {
    let mut c = Config::default();
    c.voucher.min_cart = 5_000;
    assert_eq!(
        kind(&c, page(Page::Cart, 6_000, 1), &visitor()),
        Some(Kind::Voucher)
    );
    assert_eq!(
        kind(&c, page(Page::Cart, 2_000, 1), &visitor()),
        Some(Kind::Service)
    );
    assert_eq!(
        kind(&c, page(Page::Cart, 0, 0), &visitor()),
        Some(Kind::Service)
    );
}

#[test]
fn reading_shipping_information_is_an_obstacle_on_any_page() {
    let c = Config::default();
    let mut ctx = page(Page::Product, 6_000, 1);
    ctx.info_seconds = 29;
    assert_eq!(kind(&c, ctx, &visitor()), Some(Kind::Voucher));
    ctx.info_seconds = 30;
    let d = run(&c, ctx, &visitor());
    assert_eq!(d.kind, Some(Kind::Service));
    assert_eq!(d.reasons[1], Reason::InfoSeconds(30, 30));
    assert_eq!(d.tier, None);
}

#[test]
fn back_and_forth_between_cart_and_checkout_is_an_obstacle() {
    let c = Config::default();
    let mut ctx = page(Page::Cart, 6_000, 1);
    ctx.checkout_switches = 2;
    let d = run(&c, ctx, &visitor());
    assert_eq!(d.kind, Some(Kind::Service));
    assert!(d.reasons.contains(&Reason::BackAndForth(2, 2)));
    // the thresholds can be switched off
    let mut off = Config::default();
    off.service.back_and_forth = 0;
    assert_eq!(kind(&off, ctx, &visitor()), Some(Kind::Voucher));
}

#[test]
fn browsing_visitor_without_cart_gets_the_newsletter() {
    let c = Config::default();
    let d = run(&c, page(Page::Category, 0, 0), &visitor());
    assert_eq!(d.kind, Some(Kind::Newsletter));
    assert!(d.reasons.contains(&Reason::Browsing(3, 20)));

    let subscribed = Visitor {
        subscribed: true,
        ..visitor()
    };
    let d = run(&c, page(Page::Category, 0, 0), &subscribed);
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::Subscribed));
    assert_eq!(d.reasons.last(), Some(&Reason::NothingFits));
}

#[test]
fn newsletter_waits_for_browsing_pages_or_seconds() {
    let c = Config::default();
    let bounce = PageContext {
        page: Page::Home,
        pages_viewed: 1,
        time_on_page: 10,
        ..PageContext::default()
    };
    let d = run(&c, bounce, &visitor());
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::NotBrowsing(1, 10, 2, 30)));
    let reader = PageContext {
        time_on_page: 45,
        ..bounce
    };
    assert_eq!(kind(&c, reader, &visitor()), Some(Kind::Newsletter));
    let browser = PageContext {
        pages_viewed: 2,
        ..bounce
    };
    assert_eq!(kind(&c, browser, &visitor()), Some(Kind::Newsletter));
}

#[test]
fn regulars_get_a_loyalty_message_or_service_never_a_voucher() {
    let ctx = page(Page::Product, 9_000, 2);
    for segment in ["champions", "Loyal", " A "] {
        let v = Visitor {
            segment: Some(segment),
            ..visitor()
        };
        let d = run(&Config::default(), ctx, &v);
        assert_eq!(
            (d.kind, d.loyalty),
            (Some(Kind::Service), true),
            "{segment}"
        );
        assert!(d.reasons[2] == Reason::Regular(RegularOffer::Loyalty));
        assert_eq!(d.tier, None);
    }
    let v = Visitor {
        segment: Some("champions"),
        ..visitor()
    };
    let mut c = Config::default();
    c.regulars.offer = RegularOffer::Service;
    assert!(!run(&c, ctx, &v).loyalty);
    assert_eq!(kind(&c, ctx, &v), Some(Kind::Service));
    c.regulars.offer = RegularOffer::Nothing;
    assert_eq!(kind(&c, ctx, &v), None);
    // service not configured: still no voucher for regulars
    let mut c = Config::default();
    c.service.enabled = false;
    assert_eq!(kind(&c, ctx, &v), None);
    // other segments are not regulars
    let v = Visitor {
        segment: Some("sleepers"),
        ..visitor()
    };
    assert_eq!(kind(&Config::default(), ctx, &v), Some(Kind::Voucher));
    // operators choose their own regular segments
    let mut c = Config::default();
    c.regulars.segments = "vip".into();
    assert_eq!(
        kind(
            &c,
            ctx,
            &Visitor {
                segment: Some("champions"),
                ..visitor()
            }
        ),
        Some(Kind::Voucher)
    );
    assert_eq!(
        kind(
            &c,
            ctx,
            &Visitor {
                segment: Some("VIP"),
                ..visitor()
            }
        ),
        Some(Kind::Service)
    );
}

#[test]
fn vouchers_for_new_visitors_only() {
    let mut c = Config::default();
    c.voucher.new_only = true;
    let ctx = page(Page::Product, 6_000, 1);
    assert_eq!(kind(&c, ctx, &visitor()), Some(Kind::Voucher));
    let d = run(
        &c,
        ctx,
        &Visitor {
            returning: true,
            ..visitor()
        },
    );
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::NewOnly));
}

#[test]
fn pages_can_be_chosen_per_kind() {
    let mut c = Config::default();
    c.voucher.pages = PageSet::of(&[Page::Cart]);
    assert_eq!(kind(&c, page(Page::Product, 6_000, 1), &visitor()), None);
    c.newsletter.pages = PageSet::of(&[]);
    assert_eq!(kind(&c, page(Page::Home, 0, 0), &visitor()), None);
    c.service.pages = PageSet::of(&[]);
    assert_eq!(kind(&c, page(Page::Checkout, 6_000, 1), &visitor()), None);
}

#[test]
fn nothing_without_intent_on_confirmation_or_when_nothing_is_configured() {
    let c = Config::default();
    let quiet = Intent {
        score: 0.4,
        fired: false,
    };
    let d = decide(&c, quiet, &page(Page::Product, 6_000, 1), &visitor(), NOW);
    assert_eq!(
        (d.kind, d.reasons.clone()),
        (None, vec![Reason::NoIntent(0.4)])
    );
    let d = run(&c, page(Page::Confirmation, 6_000, 1), &visitor());
    assert_eq!(
        (d.kind, d.reasons.clone()),
        (None, vec![Reason::Confirmation])
    );

    let mut off = Config::default();
    off.voucher.enabled = false;
    off.service.enabled = false;
    off.newsletter.enabled = false;
    for p in Page::ALL {
        for (value, items) in [(0, 0), (6_000, 1)] {
            let d = run(&off, page(p, value, items), &visitor());
            assert_eq!(d.kind, None, "{p:?}");
        }
    }
    let d = run(&off, page(Page::Product, 6_000, 1), &visitor());
    assert!(d.reasons.contains(&Reason::Disabled(Kind::Voucher)));
    assert_eq!(d.reasons.last(), Some(&Reason::NothingFits));
}

#[test]
fn a_disabled_kind_falls_through_to_the_next_row() {
    let mut c = Config::default();
    c.voucher.enabled = false;
    assert_eq!(
        kind(&c, page(Page::Cart, 6_000, 1), &visitor()),
        Some(Kind::Service)
    );
}

// ---- frequency caps ------------------------------------------------------

#[test]
fn one_popup_per_session_by_default() {
    let c = Config::default();
    let v = Visitor {
        shown_this_session: 1,
        ..visitor()
    };
    let d = run(&c, page(Page::Product, 6_000, 1), &v);
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::SessionCap(1, 1)));
    let mut two = Config::default();
    two.per_session = 2;
    assert_eq!(
        kind(&two, page(Page::Product, 6_000, 1), &v),
        Some(Kind::Voucher)
    );
}

#[test]
fn cool_down_per_kind_in_days() {
    let c = Config::default();
    let mut v = visitor();
    v.history[Kind::Voucher.index()].last_shown = Some(NOW - 3 * DAY);
    let d = run(&c, page(Page::Product, 6_000, 1), &v);
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::CoolDown(Kind::Voucher, 3, 7)));
    // on the cart page the next row (service) takes over
    assert_eq!(
        kind(&c, page(Page::Cart, 6_000, 1), &v),
        Some(Kind::Service)
    );
    // the other kinds are not affected
    assert_eq!(kind(&c, page(Page::Home, 0, 0), &v), Some(Kind::Newsletter));
    // after the cool-down it is back
    v.history[Kind::Voucher.index()].last_shown = Some(NOW - 7 * DAY);
    assert_eq!(
        kind(&c, page(Page::Product, 6_000, 1), &v),
        Some(Kind::Voucher)
    );
    // a clock that went backwards counts as just shown
    v.history[Kind::Voucher.index()].last_shown = Some(NOW + DAY);
    assert_eq!(kind(&c, page(Page::Product, 6_000, 1), &v), None);
}

#[test]
fn a_kind_stops_after_a_conversion() {
    let mut v = visitor();
    v.history[Kind::Newsletter.index()].converted = Some(NOW - 400 * DAY);
    let d = run(&Config::default(), page(Page::Home, 0, 0), &v);
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::Converted(Kind::Newsletter)));
    let mut c = Config::default();
    c.stop_after_conversion = false;
    assert_eq!(kind(&c, page(Page::Home, 0, 0), &v), Some(Kind::Newsletter));
}

#[test]
fn popups_stop_after_n_dismissals_over_all_kinds() {
    let mut v = visitor();
    v.history[Kind::Voucher.index()].dismissed = 1;
    v.history[Kind::Newsletter.index()].dismissed = 1;
    let d = run(&Config::default(), page(Page::Checkout, 6_000, 1), &v);
    assert_eq!(d.kind, None);
    assert!(d.reasons.contains(&Reason::DismissalCap(2, 2)));
    let mut c = Config::default();
    c.max_dismissals = 3;
    assert_eq!(
        kind(&c, page(Page::Checkout, 6_000, 1), &v),
        Some(Kind::Service)
    );
    c.max_dismissals = 0;
    v.history[Kind::Service.index()].dismissed = 50;
    assert_eq!(
        kind(&c, page(Page::Checkout, 6_000, 1), &v),
        Some(Kind::Service)
    );
}

#[test]
fn nothing_after_an_order_in_the_session() {
    let v = Visitor {
        ordered_this_session: true,
        ..visitor()
    };
    let d = run(&Config::default(), page(Page::Product, 6_000, 1), &v);
    assert_eq!((d.kind, d.reasons.last()), (None, Some(&Reason::Ordered)));
}

// ---- holdout -------------------------------------------------------------

/// Deterministic pseudo-random hex ids, like the loader makes.
fn ids(n: usize) -> Vec<String> {
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            format!("{x:016x}")
        })
        .collect()
}

#[test]
fn holdout_share_is_close_to_the_configured_share() {
    let ids = ids(10_000);
    for share in [0.1, 0.25, 0.5] {
        let n = ids.iter().filter(|id| in_holdout(id, share)).count() as f64;
        // binomial sd at 10k ids is at most 0.005; allow four of them
        assert!((n / 10_000.0 - share).abs() < 0.02, "share {share}: {n}");
    }
    // short sequential ids spread just as well
    let n = (0..10_000)
        .filter(|i| in_holdout(&i.to_string(), 0.1))
        .count();
    assert!((800..1200).contains(&n), "{n}");
}

#[test]
fn holdout_is_stable_and_nested() {
    for id in ids(500) {
        let b = bucket(&id);
        assert_eq!(b, bucket(&id));
        assert!((0.0..1.0).contains(&b));
        if in_holdout(&id, 0.1) {
            assert!(
                in_holdout(&id, 0.2),
                "a larger share keeps the smaller holdout"
            );
        }
    }
    assert!(!in_holdout("x", 0.0));
    assert!(!in_holdout("x", f64::NAN));
    assert!(in_holdout("x", 1.0));
}

#[test]
fn holdout_visitors_get_the_same_decision_flagged() {
    let ctx = page(Page::Product, 6_000, 1);
    let held = ids(200).into_iter().find(|id| in_holdout(id, 0.1)).unwrap();
    let v = Visitor {
        id: &held,
        ..Visitor::default()
    };
    let d = run(&Config::default(), ctx, &v);
    assert_eq!((d.kind, d.holdout), (Some(Kind::Voucher), true));
    assert_eq!(d.reasons.last(), Some(&Reason::Holdout));
    // and every time
    assert_eq!(run(&Config::default(), ctx, &v), d);
    // no decision, no holdout flag
    let none = run(&Config::default(), page(Page::Confirmation, 0, 0), &v);
    assert!(!none.holdout);
}

// ---- consent and storage -------------------------------------------------

#[test]
fn consent_decides_where_state_is_kept() {
    use Backend::*;
    for (storage, consent, answer, want) in [
        (Storage::Local, Consent::Granted, None, Local),
        (Storage::Session, Consent::Granted, None, Session),
        (Storage::None, Consent::Granted, None, Memory),
        (Storage::Local, Consent::Required, None, Memory),
        (Storage::Session, Consent::Required, None, Memory),
        (Storage::Local, Consent::Required, Some(true), Local),
        (Storage::Session, Consent::Required, Some(true), Session),
        (Storage::None, Consent::Required, Some(true), Memory),
        (Storage::Local, Consent::Required, Some(false), Memory),
        (Storage::Local, Consent::Granted, Some(false), Memory),
    ] {
        assert_eq!(
            backend(storage, consent, answer),
            want,
            "{storage:?} {consent:?} {answer:?}"
        );
    }
    assert_eq!(storage_wire(0, 1, -1), Memory);
    assert_eq!(storage_wire(0, 1, 1), Local);
    assert_eq!(storage_wire(1, 0, -1), Session);
    assert_eq!(storage_wire(2, 0, 1), Memory);
    assert_eq!(storage_wire(9, 9, 9), Local);
}

// ---- wire form -----------------------------------------------------------

fn wire_input(page: Page, cart_cents: f64, items: f64) -> Vec<f64> {
    let mut a = vec![0.0; wire::input::HISTORY + 9];
    a[wire::input::SCORE] = 0.9;
    a[wire::input::FIRED] = 1.0;
    a[wire::input::PAGE] = page as u8 as f64;
    a[wire::input::CART_VALUE] = cart_cents;
    a[wire::input::CART_ITEMS] = items;
    a[wire::input::PAGES_VIEWED] = 3.0;
    a[wire::input::NOW] = NOW as f64;
    a
}

#[test]
fn wire_config_defaults_match_the_core_defaults() {
    let c = Config::from_wire(&[], "champions,loyal,a");
    assert_eq!(c, Config::default());
    let nan = vec![f64::NAN; wire::config::TIERS];
    assert_eq!(
        Config::from_wire(&nan, "champions,loyal,a"),
        Config::default()
    );
    assert!(Config::from_wire(&[], "").regulars.segments.is_empty());
}

#[test]
fn wire_decision_carries_tier_gap_flags_and_reasons() {
    let mut cfg = vec![f64::NAN; wire::config::TIERS];
    cfg[wire::config::HOLDOUT] = 0.0;
    cfg.extend([5_000.0, 10_000.0]);
    let out = decide_wire(
        &cfg,
        "champions",
        &wire_input(Page::Product, 6_240.0, 2.0),
        "v",
        "",
    );
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("voucher\t0\t3760\t0\t0"));
    let reasons: Vec<&str> = lines.collect();
    assert_eq!(reasons[0], "exit intent (score 0.90)");
    assert!(
        reasons.contains(&"voucher: cart 62.40 reaches tier 1 (from 50.00)"),
        "{reasons:?}"
    );
    assert!(reasons.contains(&"voucher: 37.60 more reaches the next tier"));

    let out = decide_wire(
        &cfg,
        "champions",
        &wire_input(Page::Product, 6_240.0, 2.0),
        "v",
        "Champions",
    );
    assert!(out.starts_with("service\t\t\t1\t0\n"), "{out}");

    cfg[wire::config::HOLDOUT] = 1.0;
    let out = decide_wire(&cfg, "", &wire_input(Page::Checkout, 0.0, 0.0), "v", "");
    assert!(out.starts_with("service\t\t\t0\t1\n"), "{out}");
    assert!(out.ends_with("holdout group: decided, not shown"));

    // no popup: the group is still reported (for the order event)
    let mut input = wire_input(Page::Product, 6_240.0, 2.0);
    input[wire::input::HISTORY] = (NOW - DAY) as f64; // voucher shown yesterday
    let out = decide_wire(&cfg, "", &input, "v", "");
    assert!(out.starts_with("\t\t\t0\t1\n"), "{out}");
    assert!(out.contains("voucher: shown 1 day(s) ago, cool-down 7 day(s)"));
    assert!(!out.contains("holdout group"));
    cfg[wire::config::HOLDOUT] = 0.0;
    let out = decide_wire(&cfg, "", &input, "v", "");
    assert!(out.starts_with("\t\t\t0\t0\n"), "{out}");
}

#[test]
fn wire_survives_any_numbers() {
    let specials = [
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
        -1.0,
        0.0,
        1.0,
        1e300,
        -1e300,
        0.5,
        7.0,
        255.0,
    ];
    let mut x: u64 = 99;
    for round in 0..2_000 {
        let mut pick = || {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            specials[(x >> 33) as usize % specials.len()]
        };
        let cfg: Vec<f64> = (0..(round % 26)).map(|_| pick()).collect();
        let input: Vec<f64> = (0..(round % 25)).map(|_| pick()).collect();
        let out = decide_wire(&cfg, "a,,b, ", &input, "", "\u{1F600}");
        let head = out.lines().next().unwrap();
        assert_eq!(head.split('\t').count(), 5, "{out}");
    }
}

#[test]
fn decisions_are_deterministic() {
    let c = tiered();
    let ctx = page(Page::Cart, 7_777, 3);
    let v = Visitor {
        history: [History {
            dismissed: 1,
            ..History::default()
        }; 3],
        ..visitor()
    };
    assert_eq!(run(&c, ctx, &v), run(&c, ctx, &v));
}
