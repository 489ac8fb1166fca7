//! wasm-bindgen tests: the exported functions, run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(stammkunde::bind::version(), env!("CARGO_PKG_VERSION"));
}

// ---- exit intent ---------------------------------------------------------

use stammkunde::bind::intent::IntentEngine;
use stammkunde::intent::trace::Trace;
use stammkunde::intent::{Engine, Observation, Reason};

/// Feeds one observation through the JS-facing `observe(kind, t, a, b, c)`.
fn drive(e: &mut IntentEngine, obs: Observation) -> bool {
    let p = |pressed: bool| if pressed { 1.0 } else { 0.0 };
    let (kind, t, a, b, c) = match obs {
        Observation::Viewport { t, width, height } => (0, t, width, height, 0.0),
        Observation::Context { t, context } => (
            1,
            t,
            f64::from(context.page.code()),
            f64::from(context.cart_items),
            0.0,
        ),
        Observation::Pointer { t, x, y, pressed } => (2, t, x, y, p(pressed)),
        Observation::Leave { t, x, y, pressed } => (3, t, x, y, p(pressed)),
        Observation::Enter { t, x, y } => (4, t, x, y, 0.0),
        Observation::Scroll { t, y } => (5, t, y, 0.0, 0.0),
        Observation::TouchMove { t } => (6, t, 0.0, 0.0, 0.0),
        Observation::Interaction { t } => (7, t, 0.0, 0.0, 0.0),
        Observation::Hidden { t } => (8, t, 0.0, 0.0, 0.0),
        Observation::Visible { t } => (9, t, 0.0, 0.0, 0.0),
        Observation::Blur { t } => (10, t, 0.0, 0.0, 0.0),
        Observation::Focus { t } => (11, t, 0.0, 0.0, 0.0),
        Observation::Back { t } => (12, t, 0.0, 0.0, 0.0),
        Observation::Shortcut { t, key } => (13, t, f64::from(u32::from(key)), 0.0, 0.0),
        Observation::Tick { t } => (14, t, 0.0, 0.0, 0.0),
    };
    e.observe(kind, t, a, b, c)
}

fn binding_for(trace: &Trace) -> IntentEngine {
    let c = trace.config;
    let mut e = IntentEngine::new(
        c.sensitivity.code(),
        c.min_time_on_page_ms / 1000.0,
        c.cooldown_ms / 1000.0,
        c.pages.0,
        c.touch,
    );
    let ctx = trace.context;
    e.observe(
        1,
        0.0,
        f64::from(ctx.page.code()),
        f64::from(ctx.cart_items),
        0.0,
    );
    e
}

const TRACES: [&str; 6] = [
    include_str!("fixtures/traces/fire-fast-flick-two-samples.trace"),
    include_str!("fixtures/traces/fire-safari-no-mouseleave.trace"),
    include_str!("fixtures/traces/fire-mobile-fast-scroll-up.trace"),
    include_str!("fixtures/traces/no-fire-nav-hover-stay.trace"),
    include_str!("fixtures/traces/no-fire-firefox-select.trace"),
    include_str!("fixtures/traces/no-fire-quick-move-first-seconds.trace"),
];

#[wasm_bindgen_test]
fn intent_binding_gives_the_native_outcomes_on_traces() {
    for text in TRACES {
        let trace = Trace::parse(text).unwrap();
        let mut native = Engine::new(trace.config, trace.context);
        let mut js = binding_for(&trace);
        for obs in &trace.observations {
            let want = native.observe(*obs);
            assert_eq!(drive(&mut js, *obs), want.fired, "{obs:?}");
            assert_eq!(js.score(), want.score, "{obs:?}");
            assert_eq!(js.blocked(), want.blocked.map_or(0, |g| g.code()));
            for r in Reason::ALL {
                assert_eq!(js.weight(r.code()), want.weight(r));
            }
        }
        assert_eq!(trace.check(), Ok(()));
    }
}

#[wasm_bindgen_test]
fn intent_frame_carries_pointer_scroll_and_touch_in_one_call() {
    // mobile: a finger fling up, one frame() per animation frame
    let mut e = IntentEngine::new(1, 0.0, 30.0, 0x7f, true);
    e.observe(0, 0.0, 390.0, 664.0, 0.0);
    for i in 0..60 {
        let t = 1000.0 + 16.0 * f64::from(i);
        assert!(!e.frame(
            t,
            f64::NAN,
            f64::NAN,
            false,
            40.0 * f64::from(i),
            i % 4 == 0
        ));
    }
    let fired = (0..20).any(|i| {
        e.frame(
            5000.0 + 16.0 * f64::from(i),
            f64::NAN,
            f64::NAN,
            false,
            2400.0 - 60.0 * f64::from(i),
            true,
        )
    });
    assert!(fired);
    assert!(
        e.weight(Reason::ScrollUp.code()) > 0.9,
        "the firing outcome is kept"
    );
    // desktop: NaN scroll, pointer only; then a leave through the top
    let mut d = IntentEngine::new(1, 0.0, 30.0, 0x7f, false);
    d.observe(0, 0.0, 1265.0, 720.0, 0.0);
    for (i, y) in [400.0, 300.0, 200.0, 100.0].into_iter().enumerate() {
        assert!(!d.frame(16.0 * i as f64, 600.0, y, false, f64::NAN, false));
    }
    assert!(
        d.score() > 0.0 && d.score() < 0.75,
        "the path alone: {}",
        d.score()
    );
    assert!(d.observe(3, 70.0, 600.0, -1.0, 0.0));
    assert_eq!(
        d.weight(Reason::TopLeave.code()),
        Reason::TopLeave.max_weight()
    );
    assert_eq!(d.weight(99), 0.0);
}

#[wasm_bindgen_test]
fn intent_defaults_and_bad_input() {
    // an unknown sensitivity is medium, negative and NaN times are 0: fires at once
    let mut e = IntentEngine::new(7, -5.0, f64::NAN, 0x7f, false);
    e.observe(7, 1.0, 0.0, 0.0, 0.0);
    assert!(e.observe(12, 2.0, 0.0, 0.0, 0.0));
    assert_eq!(e.blocked(), 0);
    // non-finite input and unknown kinds are ignored, never a panic
    assert!(!e.observe(2, f64::NAN, f64::INFINITY, 1.0, 0.0));
    assert!(!e.observe(200, 3.0, 0.0, 0.0, 0.0));
    assert!(!e.frame(f64::INFINITY, 1.0, 1.0, false, f64::NAN, true));
    // a page type code out of range is "other"; a shortcut key out of range is no key
    assert!(!e.observe(1, 4.0, 300.0, -2.0, 0.0));
    assert!(!e.observe(13, 5.0, 1e12, 0.0, 0.0));
}
