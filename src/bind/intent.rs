//! Storefront bindings: intent.
//!
//! One `IntentEngine` per page view. Every observation is a call with plain
//! numbers (no strings, no objects), so crossing into wasm stays cheap; the
//! loader makes at most one `pointer` call per 15 ms of mouse input. Each call
//! returns whether intent fires now; `score`, `blocked` and `weight(code)`
//! read the latest outcome. Few methods on purpose: every export costs
//! bytes in the storefront download (reason names and thresholds live in
//! js/src/storefront/intent.js; tests/intent_names.rs keeps them in step).

#[cfg(feature = "esm")]
use wasm_bindgen::prelude::*;

use crate::intent::{Config, Context, Engine, Gate, Observation, Pages, Sensitivity};

/// Exit-intent engine for one page view.
///
/// A class in the ESM package; the script tag's build exports the same
/// methods as plain functions over a handle (see [`script_tag`]): the class
/// glue (ownership and borrow checks, their messages) would cost bytes every
/// visitor downloads.
///
/// Times are ms since the page started (`performance.now()`, `event.timeStamp`),
/// coordinates CSS pixels relative to the viewport. Page type codes:
/// 0 home, 1 category, 2 product, 3 cart, 4 checkout, 5 confirmation, 6 other.
#[cfg_attr(feature = "esm", wasm_bindgen)]
pub struct IntentEngine {
    engine: Engine,
}

fn seconds(s: f64) -> f64 {
    if s.is_finite() && s > 0.0 {
        s * 1000.0
    } else {
        0.0
    }
}

impl IntentEngine {
    /// The engine from packed settings: `sensitivity` 0 low, 1 medium (also
    /// for unknown codes), 2 high; `min_time_on_page`, `cooldown` in seconds
    /// (negative or NaN: 0); `pages` a bit mask of the page type codes where
    /// intent may fire; `touch` a touch device (no hover), which enables the
    /// mobile signals.
    pub fn packed(
        sensitivity: u8,
        min_time_on_page: f64,
        cooldown: f64,
        pages: u8,
        touch: bool,
    ) -> IntentEngine {
        let config = Config {
            sensitivity: Sensitivity::from_code(sensitivity).unwrap_or_default(),
            min_time_on_page_ms: seconds(min_time_on_page),
            cooldown_ms: seconds(cooldown),
            pages: Pages(pages),
            touch,
        };
        IntentEngine {
            engine: Engine::new(config, Context::default()),
        }
    }
}

#[cfg(feature = "esm")]
#[wasm_bindgen]
impl IntentEngine {
    /// An engine for one page view with the operator config's `intent`
    /// settings; every option is optional.
    ///
    /// ```js
    /// const engine = new IntentEngine({ sensitivity: 'medium', minTimeOnPage: 5, cooldown: 30, pages: ['product', 'cart'] });
    /// ```
    ///
    /// Throws a `StammkundeError` (`invalid_option`, with `field`) for an
    /// unknown option or a value out of range.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_optional_param_type = "IntentOptions")] options: JsValue,
    ) -> Result<IntentEngine, JsValue> {
        let o = options::read(&options)?;
        Ok(IntentEngine::packed(
            o.sensitivity,
            o.min_time_on_page,
            o.cooldown,
            o.pages,
            o.touch,
        ))
    }
}

#[cfg(feature = "esm")]
mod options {
    use wasm_bindgen::prelude::*;

    use crate::api::IntentOptions;
    use crate::bind::convert::{options, own_options};
    use crate::bind::error::{Code, Fail};
    use crate::intent::{PageType, Pages, Sensitivity};

    pub struct Packed {
        pub sensitivity: u8,
        pub min_time_on_page: f64,
        pub cooldown: f64,
        pub pages: u8,
        pub touch: bool,
    }

    fn bad(field: &str, message: String) -> JsValue {
        Fail::new(Code::InvalidOption, format!("IntentEngine: {message}"))
            .with("field", field)
            .into()
    }

    fn seconds(field: &str, value: Option<f64>, default: f64, max: f64) -> Result<f64, JsValue> {
        match value {
            None => Ok(default),
            Some(s) if (0.0..=max).contains(&s) => Ok(s),
            Some(s) => Err(bad(
                field,
                format!("{field} {s} is out of range; give seconds from 0 to {max}"),
            )),
        }
    }

    pub fn read(value: &JsValue) -> Result<Packed, JsValue> {
        let example = "{ sensitivity: 'medium', minTimeOnPage: 5, cooldown: 30, pages: ['product', 'cart'], device: 'desktop' }";
        let raw: IntentOptions = match own_options("IntentEngine", value, example)? {
            None => IntentOptions::default(),
            Some(copy) => options("IntentEngine", &copy.into(), &format!("e.g. {example}"))?,
        };
        let sensitivity = match raw.sensitivity.as_deref() {
            None => Sensitivity::default(),
            Some(name) => Sensitivity::parse(name).ok_or_else(|| {
                bad(
                    "sensitivity",
                    format!("sensitivity '{name}': use 'low', 'medium' or 'high'"),
                )
            })?,
        };
        let pages = match raw.pages {
            None => Pages::DEFAULT,
            Some(names) => names.iter().try_fold(Pages::NONE, |set, name| {
                PageType::parse(name).map(|p| set.with(p)).ok_or_else(|| {
                    let all: Vec<&str> = PageType::ALL.iter().map(|p| p.name()).collect();
                    bad(
                        "pages",
                        format!("unknown page type '{name}'; use {}", all.join(", ")),
                    )
                })
            })?,
        };
        let touch = match raw.device.as_deref() {
            None | Some("desktop") => false,
            Some("touch") => true,
            Some(other) => {
                return Err(bad(
                    "device",
                    format!("device '{other}': use 'desktop' or 'touch'"),
                ))
            }
        };
        Ok(Packed {
            sensitivity: sensitivity.code(),
            min_time_on_page: seconds("minTimeOnPage", raw.min_time_on_page, 5.0, 3600.0)?,
            cooldown: seconds("cooldown", raw.cooldown, 30.0, 86_400.0)?,
            pages: pages.0,
            touch,
        })
    }
}

#[cfg_attr(feature = "esm", wasm_bindgen)]
impl IntentEngine {
    /// One observation. `kind` and the meaning of `a`, `b`, `c`:
    ///
    /// | kind | observation | a | b | c |
    /// | --- | --- | --- | --- | --- |
    /// | 0 | viewport | width without scrollbar (`clientWidth`) | height (`innerHeight`) | |
    /// | 1 | page context | page type code | cart items | |
    /// | 2 | mouse sample | x | y | 1 if a button is pressed |
    /// | 3 | pointer left the document (`mouseout`, no `relatedTarget`) | x | y | 1 if pressed |
    /// | 4 | pointer entered the document | x | y | |
    /// | 5 | scroll position (`scrollY`) | y | | |
    /// | 6 | a finger moved (`touchmove`) | | | |
    /// | 7 | click, tap or key press | | | |
    /// | 8 | page hidden | | | |
    /// | 9 | page visible again | | | |
    /// | 10 | window blur (not to an iframe of the page) | | | |
    /// | 11 | window focus | | | |
    /// | 12 | back attempt (the history guard was left) | | | |
    /// | 13 | Ctrl/Cmd + key | character code (`"l".charCodeAt(0)`) | | |
    /// | 14 | tick: time passes | | | |
    /// | 15 | tick, and the pointer is still over the document (`:hover`): not lost | | | |
    ///
    /// A new page type restarts the minimum time on page (a single-page shop
    /// moved on). Unknown kinds are ignored. Returns whether intent fired.
    pub fn observe(&mut self, kind: u8, t: f64, a: f64, b: f64, c: f64) -> bool {
        Observation::from_packed(kind, t, a, b, c).is_some_and(|obs| self.engine.observe(obs).fired)
    }

    /// One mouse sample (`pointermove`), the script tag's hot path. Returns
    /// bit 1 when intent fired and bit 2 while the pointer heads out through
    /// the top: if no more samples come, observe a tick (kind 14) about
    /// 160 ms after this one, which may find the pointer lost.
    pub fn pointer(&mut self, t: f64, x: f64, y: f64, pressed: bool) -> u8 {
        let fired = self
            .engine
            .observe(Observation::Pointer { t, x, y, pressed })
            .fired;
        u8::from(fired) | (u8::from(self.engine.watching()) << 1)
    }

    /// One animation frame's coalesced input in one call (ESM package only;
    /// the script tag uses [`IntentEngine::pointer`] and `observe`): whether a finger
    /// moved (`touched`), the latest mouse sample (`x`, `y` NaN when none)
    /// and the latest scroll position (`scroll_y` NaN when none). Returns whether intent
    /// fired; input after the firing one is dropped (the engine disarms on
    /// firing anyway).
    #[cfg(feature = "esm")]
    pub fn frame(
        &mut self,
        t: f64,
        x: f64,
        y: f64,
        pressed: bool,
        scroll_y: f64,
        touched: bool,
    ) -> bool {
        let e = &mut self.engine;
        (touched && e.observe(Observation::TouchMove { t }).fired)
            || (!x.is_nan()
                && !y.is_nan()
                && e.observe(Observation::Pointer { t, x, y, pressed }).fired)
            || (!scroll_y.is_nan() && e.observe(Observation::Scroll { t, y: scroll_y }).fired)
    }

    /// Score of the latest outcome, 0 to 1.
    #[cfg_attr(feature = "esm", wasm_bindgen(getter))]
    pub fn score(&self) -> f64 {
        self.engine.outcome().score
    }

    /// What held the latest outcome back: 0 nothing, 1 page type, 2 minimum
    /// time on page, 3 cool-down, 4 page hidden.
    #[cfg_attr(feature = "esm", wasm_bindgen(getter))]
    pub fn blocked(&self) -> u8 {
        self.engine.outcome().blocked.map_or(0, Gate::code)
    }

    /// The latest outcome's weight of reason `code`: 0 trajectory, 1 topLeave,
    /// 2 pointerLost, 3 shortcut, 4 scrollUp, 5 back, 6 tabReturn, 7 idle,
    /// 8 cart (the names are kept in the loader, not here, for size).
    pub fn weight(&self, code: usize) -> f64 {
        self.engine
            .outcome()
            .weights
            .get(code)
            .copied()
            .unwrap_or(0.0)
    }
}

/// The script tag's intent bindings: [`IntentEngine`]'s methods as plain
/// functions over a handle (js/src/storefront/engine.js wraps them in a
/// class again). An unknown handle answers like an engine that never fires.
#[cfg(not(feature = "esm"))]
pub mod script_tag {
    use core::cell::UnsafeCell;

    use wasm_bindgen::prelude::*;

    use super::IntentEngine;

    struct Engines(UnsafeCell<Vec<IntentEngine>>);
    // wasm32 without threads: one thread uses the engines.
    unsafe impl Sync for Engines {}
    static ENGINES: Engines = Engines(UnsafeCell::new(Vec::new()));

    fn with<T>(handle: usize, or: T, f: impl FnOnce(&mut IntentEngine) -> T) -> T {
        // SAFETY: single-threaded, and no call re-enters while this borrow lives.
        let engines = unsafe { &mut *ENGINES.0.get() };
        engines.get_mut(handle).map_or(or, f)
    }

    /// [`IntentEngine::packed`]; returns the engine's handle.
    #[wasm_bindgen(js_name = intentNew)]
    pub fn intent_new(
        sensitivity: u8,
        min_time_on_page: f64,
        cooldown: f64,
        pages: u8,
        touch: bool,
    ) -> usize {
        // SAFETY: as in `with`.
        let engines = unsafe { &mut *ENGINES.0.get() };
        engines.push(IntentEngine::packed(
            sensitivity,
            min_time_on_page,
            cooldown,
            pages,
            touch,
        ));
        engines.len() - 1
    }

    /// [`IntentEngine::observe`].
    #[wasm_bindgen(js_name = intentObserve)]
    pub fn intent_observe(handle: usize, kind: u8, t: f64, a: f64, b: f64, c: f64) -> bool {
        with(handle, false, |e| e.observe(kind, t, a, b, c))
    }

    /// [`IntentEngine::pointer`].
    #[wasm_bindgen(js_name = intentPointer)]
    pub fn intent_pointer(handle: usize, t: f64, x: f64, y: f64, pressed: bool) -> u8 {
        with(handle, 0, |e| e.pointer(t, x, y, pressed))
    }

    /// [`IntentEngine::score`].
    #[wasm_bindgen(js_name = intentScore)]
    pub fn intent_score(handle: usize) -> f64 {
        with(handle, 0.0, |e| e.score())
    }

    /// [`IntentEngine::blocked`].
    #[wasm_bindgen(js_name = intentBlocked)]
    pub fn intent_blocked(handle: usize) -> u8 {
        with(handle, 0, |e| e.blocked())
    }

    /// [`IntentEngine::weight`].
    #[wasm_bindgen(js_name = intentWeight)]
    pub fn intent_weight(handle: usize, code: usize) -> f64 {
        with(handle, 0.0, |e| e.weight(code))
    }
}
