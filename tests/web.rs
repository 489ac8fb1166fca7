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

/// Feeds one observation through the JS-facing methods.
fn drive(e: &mut IntentEngine, obs: Observation) -> bool {
    match obs {
        Observation::Viewport { t, width, height } => e.viewport(t, width, height),
        Observation::Context { t, context } => {
            e.set_context(t, context.page.code(), context.cart_items)
        }
        Observation::Pointer { t, x, y, pressed } => e.pointer(t, x, y, pressed),
        Observation::Leave { t, x, y, pressed } => e.leave(t, x, y, pressed),
        Observation::Enter { t, x, y } => e.enter(t, x, y),
        Observation::Scroll { t, y } => e.scroll(t, y),
        Observation::TouchMove { t } => e.touch(t),
        Observation::Interaction { t } => e.interaction(t),
        Observation::Hidden { t } => e.hidden(t),
        Observation::Visible { t } => e.visible(t),
        Observation::Blur { t } => e.blur(t),
        Observation::Focus { t } => e.focus(t),
        Observation::Back { t } => e.back(t),
        Observation::Shortcut { t, key } => e.shortcut(t, key as u32),
        Observation::Tick { t } => e.tick(t),
    }
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
    e.set_context(0.0, trace.context.page.code(), trace.context.cart_items);
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
    e.viewport(0.0, 390.0, 664.0);
    for i in 0..60 {
        e.frame(
            1000.0 + 16.0 * f64::from(i),
            f64::NAN,
            f64::NAN,
            false,
            40.0 * f64::from(i),
            i % 4 == 0,
        );
    }
    let mut fired = false;
    for i in 0..20 {
        fired |= e.frame(
            5000.0 + 16.0 * f64::from(i),
            f64::NAN,
            f64::NAN,
            false,
            2400.0 - 60.0 * f64::from(i),
            true,
        );
    }
    assert!(fired);
    assert!(
        e.weight(Reason::ScrollUp.code()) == 0.0,
        "spent after firing"
    );
    // desktop: NaN scroll, pointer only; a leave through the top
    let mut d = IntentEngine::new(1, 0.0, 30.0, 0x7f, false);
    d.viewport(0.0, 1265.0, 720.0);
    for (i, y) in [400.0, 300.0, 200.0, 100.0].into_iter().enumerate() {
        assert!(!d.frame(16.0 * i as f64, 600.0, y, false, f64::NAN, false));
    }
    assert!(
        d.score() > 0.0 && d.score() < 0.75,
        "the path alone: {}",
        d.score()
    );
    assert!(d.leave(70.0, 600.0, -1.0, false));
    assert!(d.fired());
    assert_eq!(
        IntentEngine::reason_name(Reason::TopLeave.code()),
        "topLeave"
    );
}

#[wasm_bindgen_test]
fn intent_names_and_defaults() {
    assert_eq!(IntentEngine::reason_count(), Reason::COUNT);
    let names: Vec<String> = (0..IntentEngine::reason_count())
        .map(IntentEngine::reason_name)
        .collect();
    assert_eq!(
        names.join(","),
        "trajectory,topLeave,pointerLost,shortcut,scrollUp,back,tabReturn,idle,cart"
    );
    assert_eq!(IntentEngine::reason_name(99), "");
    assert_eq!(IntentEngine::gate_name(0), "");
    assert_eq!(IntentEngine::gate_name(2), "minTime");
    // an unknown sensitivity is medium, negative times are 0: fires at once
    let mut e = IntentEngine::new(7, -5.0, f64::NAN, 0x7f, false);
    e.interaction(1.0);
    assert!(e.back(2.0));
    assert_eq!(IntentEngine::gate_name(e.blocked()), "");
    // non-finite input is ignored, never a panic
    assert!(!e.pointer(f64::NAN, f64::INFINITY, 1.0, false));
}
