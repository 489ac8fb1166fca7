//! Exit-intent engine: scores a visitor's intent to leave from in-session behaviour.
//!
//! The engine takes a stream of timestamped [`Observation`]s (pointer
//! samples, leaving and entering the viewport, scrolling, visibility, focus,
//! back attempts, browser shortcuts, idle ticks) and answers each with an
//! [`Outcome`]: a score in `[0, 1]`, whether intent fires now, and the
//! weight of every [`Reason`] that contributed. Given the same trace it gives
//! the same outcomes; it never allocates per observation.
//!
//! Times are milliseconds since the page started (`performance.now()`),
//! coordinates are CSS pixels relative to the viewport.
//!
//! ```
//! use stammkunde::intent::{Config, Context, Engine, Observation, Reason};
//!
//! let mut engine = Engine::new(Config::default(), Context::default());
//! engine.observe(Observation::Viewport { t: 0.0, width: 1280.0, height: 720.0 });
//! // the visitor reads for a while, then heads for the tab bar
//! for (i, y) in [400.0, 300.0, 180.0, 60.0].into_iter().enumerate() {
//!     engine.observe(Observation::Pointer { t: 8000.0 + 16.0 * i as f64, x: 640.0, y, pressed: false });
//! }
//! let out = engine.observe(Observation::Leave { t: 8070.0, x: 640.0, y: -1.0, pressed: false });
//! assert!(out.fired);
//! assert_eq!(out.top_reason(), Some(Reason::TopLeave));
//! ```

mod config;
mod engine;
mod pointer;
mod scroll;
pub mod trace;

pub use config::{Config, Context, PageType, Pages, Sensitivity, Thresholds};
pub use engine::Engine;

/// One thing the browser reported, with its time `t` (ms since page start).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Observation {
    /// The layout viewport: `width` without the scrollbar, `height` in CSS px.
    Viewport { t: f64, width: f64, height: f64 },
    /// The page context changed (a single-page shop moved on or the cart changed).
    Context { t: f64, context: Context },
    /// A mouse pointer sample; `pressed` while a button is held.
    Pointer {
        t: f64,
        x: f64,
        y: f64,
        pressed: bool,
    },
    /// The pointer left the document (`mouseout` without related target).
    Leave {
        t: f64,
        x: f64,
        y: f64,
        pressed: bool,
    },
    /// The pointer came into the document from outside.
    Enter { t: f64, x: f64, y: f64 },
    /// The page's vertical scroll position.
    Scroll { t: f64, y: f64 },
    /// A finger moved on the screen (touch scrolling).
    TouchMove { t: f64 },
    /// A click, tap or key press: the visitor interacted.
    Interaction { t: f64 },
    /// The tab or app went to the background.
    Hidden { t: f64 },
    /// The tab or app came back.
    Visible { t: f64 },
    /// The window lost focus.
    Blur { t: f64 },
    /// The window got focus back.
    Focus { t: f64 },
    /// The visitor tried to go back in history.
    Back { t: f64 },
    /// Ctrl/Cmd + `key` (`'l'`, `'t'`, `'w'` head for the browser chrome).
    Shortcut { t: f64, key: char },
    /// Time passes without input.
    Tick { t: f64 },
}

impl Observation {
    /// The observation's time.
    pub fn t(&self) -> f64 {
        match *self {
            Self::Viewport { t, .. }
            | Self::Context { t, .. }
            | Self::Pointer { t, .. }
            | Self::Leave { t, .. }
            | Self::Enter { t, .. }
            | Self::Scroll { t, .. }
            | Self::TouchMove { t }
            | Self::Interaction { t }
            | Self::Hidden { t }
            | Self::Visible { t }
            | Self::Blur { t }
            | Self::Focus { t }
            | Self::Back { t }
            | Self::Shortcut { t, .. }
            | Self::Tick { t } => t,
        }
    }

    /// Decodes an observation packed as numbers, as the loader sends it:
    /// `kind` 0 viewport (`a` width, `b` height), 1 page context (`a` page
    /// type code, `b` cart items), 2 pointer sample and 3 pointer left
    /// (`a` x, `b` y, `c` 1 if a button is pressed), 4 pointer entered
    /// (`a` x, `b` y), 5 scroll (`a` y), 6 touch move, 7 interaction,
    /// 8 hidden, 9 visible, 10 blur, 11 focus, 12 back attempt, 13 shortcut
    /// (`a` character code), 14 tick. Unknown kinds give `None`.
    ///
    /// ```
    /// use stammkunde::intent::Observation;
    /// let obs = Observation::from_packed(3, 900.0, 640.0, -1.0, 0.0);
    /// assert_eq!(obs, Some(Observation::Leave { t: 900.0, x: 640.0, y: -1.0, pressed: false }));
    /// let key = Observation::from_packed(13, 5.0, 108.0, 0.0, 0.0);
    /// assert_eq!(key, Some(Observation::Shortcut { t: 5.0, key: 'l' }));
    /// assert_eq!(Observation::from_packed(99, 5.0, 0.0, 0.0, 0.0), None);
    /// ```
    pub fn from_packed(kind: u8, t: f64, a: f64, b: f64, c: f64) -> Option<Self> {
        let pressed = c == 1.0;
        Some(match kind {
            0 => Self::Viewport {
                t,
                width: a,
                height: b,
            },
            1 => Self::Context {
                t,
                context: Context {
                    page: PageType::from_code(a as u8),
                    cart_items: b as u32,
                },
            },
            2 => Self::Pointer {
                t,
                x: a,
                y: b,
                pressed,
            },
            3 => Self::Leave {
                t,
                x: a,
                y: b,
                pressed,
            },
            4 => Self::Enter { t, x: a, y: b },
            5 => Self::Scroll { t, y: a },
            6 => Self::TouchMove { t },
            7 => Self::Interaction { t },
            8 => Self::Hidden { t },
            9 => Self::Visible { t },
            10 => Self::Blur { t },
            11 => Self::Focus { t },
            12 => Self::Back { t },
            13 => Self::Shortcut {
                t,
                key: char::from_u32(a as u32).unwrap_or('\0'),
            },
            14 => Self::Tick { t },
            _ => return None,
        })
    }
}

/// Why the score is what it is. Each reason has a maximum weight; the score
/// combines the current weights as `1 - Π(1 - w)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Desktop: the pointer's path is heading out through the top edge.
    Trajectory,
    /// Desktop: the pointer left through the top edge.
    TopLeave,
    /// Desktop: the pointer vanished at the top without a leave event.
    PointerLost,
    /// Ctrl/Cmd + L, T or W: address bar, new tab, close tab.
    Shortcut,
    /// Mobile: a fast scroll up (towards the address bar).
    ScrollUp,
    /// A back attempt (the history guard was left).
    Back,
    /// Mobile: came back to the tab/app after a while.
    TabReturn,
    /// Mobile: inactive after having engaged with the page.
    Idle,
    /// The cart is not empty: adds weight to any other reason.
    Cart,
}

impl Reason {
    /// Number of reasons.
    pub const COUNT: usize = 9;
    /// Every reason, in code order.
    pub const ALL: [Reason; Reason::COUNT] = [
        Self::Trajectory,
        Self::TopLeave,
        Self::PointerLost,
        Self::Shortcut,
        Self::ScrollUp,
        Self::Back,
        Self::TabReturn,
        Self::Idle,
        Self::Cart,
    ];

    /// The name used in events and the docs (docs/operators.md) (`"topLeave"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Trajectory => "trajectory",
            Self::TopLeave => "topLeave",
            Self::PointerLost => "pointerLost",
            Self::Shortcut => "shortcut",
            Self::ScrollUp => "scrollUp",
            Self::Back => "back",
            Self::TabReturn => "tabReturn",
            Self::Idle => "idle",
            Self::Cart => "cart",
        }
    }

    /// The reason for a name.
    pub fn parse(name: &str) -> Option<Reason> {
        Self::ALL.iter().copied().find(|r| r.name() == name)
    }

    /// The reason's maximum weight.
    pub fn max_weight(self) -> f64 {
        match self {
            Self::Trajectory => 0.6,
            Self::TopLeave => 0.95,
            Self::PointerLost => 0.92,
            Self::Shortcut | Self::Back => 1.0,
            Self::ScrollUp | Self::TabReturn | Self::Idle => 0.92,
            Self::Cart => 0.2,
        }
    }

    /// The reason's code (its index in [`Reason::ALL`]).
    pub fn code(self) -> usize {
        self as usize
    }
}

/// What held intent back although the score reached the threshold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gate {
    /// Intent is not enabled for this page type.
    Page,
    /// The visitor has not been on the page for the minimum time yet.
    MinTime,
    /// Intent fired a short while ago.
    Cooldown,
    /// The page is in the background.
    Hidden,
}

impl Gate {
    /// Every gate, in code order (codes start at 1; 0 means none).
    pub const ALL: [Gate; 4] = [Self::Page, Self::MinTime, Self::Cooldown, Self::Hidden];

    /// The name used in the debug overlay (`"minTime"`, ...).
    pub fn name(self) -> &'static str {
        match self {
            Self::Page => "page",
            Self::MinTime => "minTime",
            Self::Cooldown => "cooldown",
            Self::Hidden => "hidden",
        }
    }

    /// The gate's code, 1 to 4.
    pub fn code(self) -> u8 {
        self as u8 + 1
    }
}

/// The engine's answer to one observation.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Outcome {
    /// Intent to leave, 0 to 1.
    pub score: f64,
    /// Intent fires now.
    pub fired: bool,
    /// Set when new evidence reached the threshold but a gate held it back.
    pub blocked: Option<Gate>,
    /// Current weight of each reason, indexed by [`Reason::code`].
    pub weights: [f64; Reason::COUNT],
}

impl Outcome {
    /// No intent.
    pub const NONE: Outcome = Outcome {
        score: 0.0,
        fired: false,
        blocked: None,
        weights: [0.0; Reason::COUNT],
    };

    /// The weight of `reason`.
    pub fn weight(&self, reason: Reason) -> f64 {
        self.weights.get(reason.code()).copied().unwrap_or(0.0)
    }

    /// The reasons with a weight, in code order.
    pub fn reasons(&self) -> impl Iterator<Item = (Reason, f64)> + '_ {
        Reason::ALL
            .iter()
            .map(|&r| (r, self.weight(r)))
            .filter(|&(_, w)| w > 0.0)
    }

    /// The reason with the highest weight (the first on ties), if any.
    pub fn top_reason(&self) -> Option<Reason> {
        self.reasons()
            .fold(None, |best: Option<(Reason, f64)>, (r, w)| match best {
                Some((_, bw)) if bw >= w => best,
                _ => Some((r, w)),
            })
            .map(|(r, _)| r)
    }
}
