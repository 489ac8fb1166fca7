//! The exit-intent engine: recorded-trace text, and raw observation
//! streams with any numbers (NaN, infinities, time going backwards), as
//! the storefront binding passes them. Scores stay in [0, 1], weights in
//! [0, the reason's maximum], and nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::intent::trace::Trace;
use stammkunde::intent::{
    Config, Context, Engine, Observation, Outcome, PageType, Pages, Reason, Sensitivity,
};
use stammkunde_fuzz::Bytes;

fn check(out: &Outcome) {
    assert!((0.0..=1.0).contains(&out.score), "score {}", out.score);
    for r in Reason::ALL {
        let w = out.weight(r);
        assert!((0.0..=r.max_weight()).contains(&w), "{r:?} weight {w}");
    }
}

/// A number that is often a plausible time or coordinate, sometimes not.
fn number(b: &mut Bytes, last: &mut f64) -> f64 {
    match b.u8() % 8 {
        0 => b.f64(),
        1 => [
            f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            -0.0,
            -1.0,
            1e308,
        ][usize::from(b.u8() % 6)],
        2 => f64::from(b.u16() as i16),
        _ => {
            *last += f64::from(b.u8()) * 4.0;
            *last
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes::new(data);
    let mode = b.u8();
    if mode % 2 == 0 {
        let text = String::from_utf8_lossy(b.rest());
        if let Ok(trace) = Trace::parse(&text) {
            for (_, out) in &trace.replay().steps {
                check(out);
            }
            let _ = trace.check();
        }
        return;
    }
    let config = Config {
        sensitivity: Sensitivity::from_code(b.u8() % 4).unwrap_or_default(),
        min_time_on_page_ms: f64::from(b.u16()),
        cooldown_ms: f64::from(b.u16()),
        pages: Pages(b.u8()),
        touch: b.u8() % 2 == 0,
    };
    let context = Context {
        page: PageType::from_code(b.u8()),
        cart_items: b.u32(),
    };
    let mut engine = Engine::new(config, context);
    let mut clock = 0.0;
    while !b.is_empty() {
        let kind = b.u8() % 16;
        let t = number(&mut b, &mut clock);
        let (x, y) = (number(&mut b, &mut 400.0), number(&mut b, &mut 0.0));
        let pressed = b.u8() % 2 == 0;
        let c = if pressed { 1.0 } else { 0.0 };
        let obs = Observation::from_packed(kind, t, x, y, c).unwrap_or(Observation::Tick { t });
        check(&engine.observe(obs));
    }
});
