//! Storefront bindings: intent.
//!
//! One `IntentEngine` per page view. Every observation is a call with plain
//! numbers (no strings, no objects), so crossing into wasm stays cheap; the
//! loader makes at most one `frame` call per animation frame. Each call
//! returns whether intent fires now; `score`, `blocked` and `weight(code)`
//! read the latest outcome.

use wasm_bindgen::prelude::*;

use crate::intent::{
    Config, Context, Engine, Gate, Observation, Outcome, PageType, Pages, Reason, Sensitivity,
};

/// Exit-intent engine for one page view.
///
/// Times are ms since the page started (`performance.now()`, `event.timeStamp`),
/// coordinates CSS pixels relative to the viewport. Page type codes:
/// 0 home, 1 category, 2 product, 3 cart, 4 checkout, 5 confirmation, 6 other.
#[wasm_bindgen]
pub struct IntentEngine {
    engine: Engine,
    out: Outcome,
}

fn seconds(s: f64) -> f64 {
    if s.is_finite() && s > 0.0 {
        s * 1000.0
    } else {
        0.0
    }
}

#[wasm_bindgen]
impl IntentEngine {
    /// `sensitivity`: 0 low, 1 medium (also for unknown codes), 2 high.
    /// `minTimeOnPage`, `cooldown`: seconds. `pages`: bit mask of the page
    /// type codes where intent may fire. `touch`: a touch device (no hover),
    /// which enables the mobile signals.
    #[wasm_bindgen(constructor)]
    pub fn new(
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
            out: Outcome::NONE,
        }
    }

    fn feed(&mut self, obs: Observation) -> bool {
        self.out = self.engine.observe(obs);
        self.out.fired
    }

    /// The page context: page type code and number of cart items. A new page
    /// type (a single-page shop moved on) restarts the minimum time on page.
    #[wasm_bindgen(js_name = setContext)]
    pub fn set_context(&mut self, t: f64, page: u8, cart_items: u32) -> bool {
        let context = Context {
            page: PageType::from_code(page),
            cart_items,
        };
        self.feed(Observation::Context { t, context })
    }

    /// The viewport: `width` without the scrollbar
    /// (`document.documentElement.clientWidth`), `height` (`innerHeight`).
    pub fn viewport(&mut self, t: f64, width: f64, height: f64) -> bool {
        self.feed(Observation::Viewport { t, width, height })
    }

    /// One animation frame's coalesced input: the latest mouse sample (`x`,
    /// `y` NaN when none), the latest scroll position (`scrollY` NaN when
    /// none) and whether a finger moved. True if intent fired.
    pub fn frame(
        &mut self,
        t: f64,
        x: f64,
        y: f64,
        pressed: bool,
        scroll_y: f64,
        touched: bool,
    ) -> bool {
        let mut fired = false;
        let mut out = self.out;
        let mut step = |engine: &mut Engine, obs| {
            let o = engine.observe(obs);
            if !fired {
                out = o;
                fired = o.fired;
            }
        };
        if touched {
            step(&mut self.engine, Observation::TouchMove { t });
        }
        if !x.is_nan() && !y.is_nan() {
            step(&mut self.engine, Observation::Pointer { t, x, y, pressed });
        }
        if !scroll_y.is_nan() {
            step(&mut self.engine, Observation::Scroll { t, y: scroll_y });
        }
        self.out = out;
        fired
    }

    /// A mouse sample.
    pub fn pointer(&mut self, t: f64, x: f64, y: f64, pressed: bool) -> bool {
        self.feed(Observation::Pointer { t, x, y, pressed })
    }

    /// The pointer left the document (`mouseout` without `relatedTarget`).
    pub fn leave(&mut self, t: f64, x: f64, y: f64, pressed: bool) -> bool {
        self.feed(Observation::Leave { t, x, y, pressed })
    }

    /// The pointer came into the document from outside.
    pub fn enter(&mut self, t: f64, x: f64, y: f64) -> bool {
        self.feed(Observation::Enter { t, x, y })
    }

    /// The vertical scroll position (`scrollY`).
    pub fn scroll(&mut self, t: f64, y: f64) -> bool {
        self.feed(Observation::Scroll { t, y })
    }

    /// A finger moved (`touchmove`).
    pub fn touch(&mut self, t: f64) -> bool {
        self.feed(Observation::TouchMove { t })
    }

    /// A click, tap or key press.
    pub fn interaction(&mut self, t: f64) -> bool {
        self.feed(Observation::Interaction { t })
    }

    /// The page went to the background (`visibilitychange`, hidden).
    pub fn hidden(&mut self, t: f64) -> bool {
        self.feed(Observation::Hidden { t })
    }

    /// The page came back (`visibilitychange`, visible).
    pub fn visible(&mut self, t: f64) -> bool {
        self.feed(Observation::Visible { t })
    }

    /// The window lost focus (not to an iframe of the page).
    pub fn blur(&mut self, t: f64) -> bool {
        self.feed(Observation::Blur { t })
    }

    /// The window got focus back.
    pub fn focus(&mut self, t: f64) -> bool {
        self.feed(Observation::Focus { t })
    }

    /// A back attempt: the visitor left the history guard.
    pub fn back(&mut self, t: f64) -> bool {
        self.feed(Observation::Back { t })
    }

    /// Ctrl/Cmd + key; `key` is the key's character code (`"l".charCodeAt(0)`).
    pub fn shortcut(&mut self, t: f64, key: u32) -> bool {
        let key = char::from_u32(key).unwrap_or('\0');
        self.feed(Observation::Shortcut { t, key })
    }

    /// Time passes (the loader ticks while the page is visible).
    pub fn tick(&mut self, t: f64) -> bool {
        self.feed(Observation::Tick { t })
    }

    /// Score of the latest outcome, 0 to 1.
    #[wasm_bindgen(getter)]
    pub fn score(&self) -> f64 {
        self.out.score
    }

    /// Whether the latest outcome fired.
    #[wasm_bindgen(getter)]
    pub fn fired(&self) -> bool {
        self.out.fired
    }

    /// What held the latest outcome back: 0 nothing, 1 page type, 2 minimum
    /// time on page, 3 cool-down, 4 page hidden (names: `gateName`).
    #[wasm_bindgen(getter)]
    pub fn blocked(&self) -> u8 {
        self.out.blocked.map_or(0, Gate::code)
    }

    /// The latest outcome's weight of reason `code` (names: `reasonName`).
    pub fn weight(&self, code: usize) -> f64 {
        self.out.weights.get(code).copied().unwrap_or(0.0)
    }

    /// Number of reason codes.
    #[wasm_bindgen(js_name = reasonCount)]
    pub fn reason_count() -> usize {
        Reason::COUNT
    }

    /// The name of reason `code` (`"topLeave"`, ...), or `""`.
    #[wasm_bindgen(js_name = reasonName)]
    pub fn reason_name(code: usize) -> String {
        Reason::ALL.get(code).map_or("", |r| r.name()).to_string()
    }

    /// The name of gate `code` (`"minTime"`, ...), or `""` for 0.
    #[wasm_bindgen(js_name = gateName)]
    pub fn gate_name(code: u8) -> String {
        Gate::ALL
            .iter()
            .find(|g| g.code() == code)
            .map_or("", |g| g.name())
            .to_string()
    }
}
