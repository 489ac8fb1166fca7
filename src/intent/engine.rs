//! The engine: turns observations into signals, signals into a score, and
//! the score into a decision that respects the operator's controls.

use super::config::{Config, Context, Thresholds};
use super::pointer::{Edge, Pointer};
use super::scroll::Scroll;
use super::{Gate, Observation, Outcome, Reason};

/// Event signals fade out linearly over this time.
const DECAY_MS: f64 = 2000.0;
/// The trajectory is live: it fades quickly once samples stop.
const TRAJECTORY_DECAY_MS: f64 = 300.0;
/// A scroll counts as touch scrolling (finger or its momentum) this long
/// after a finger moved; programmatic scrolling ("back to top") does not.
const TOUCH_SCROLL_MS: f64 = 1500.0;
/// Engaged: scrolled at least a viewport height ...
const ENGAGED_SCROLL_VH: f64 = 1.0;
/// ... or interacted at least this often.
const ENGAGED_INTERACTIONS: u32 = 2;
/// A leave reported inside the page but explained by a flick counts a bit less.
const FLICK_EVIDENCE: f64 = 0.95;

/// The exit-intent engine for one page view. See the [module docs](super).
#[derive(Clone, Debug)]
pub struct Engine {
    config: Config,
    th: Thresholds,
    context: Context,
    width: f64,
    height: f64,
    now: f64,
    page_start: f64,
    pointer: Pointer,
    scroll: Scroll,
    /// Each reason's weight when it was last raised, and when.
    weight: [f64; Reason::COUNT],
    at: [f64; Reason::COUNT],
    last_fired: f64,
    hidden_at: Option<f64>,
    /// The visitor had used the page when it went to the background.
    used_before_hidden: bool,
    interactions: u32,
    last_activity: f64,
    idle_spent: bool,
    last_touch_move: f64,
    last: Outcome,
}

impl Engine {
    /// A new engine; the page starts at time 0.
    pub fn new(config: Config, context: Context) -> Engine {
        Engine {
            config,
            th: *config.sensitivity.thresholds(),
            context,
            // unknown until the first Viewport: no scrollbar, no bottom
            width: f64::INFINITY,
            height: f64::INFINITY,
            now: 0.0,
            page_start: 0.0,
            pointer: Pointer::new(),
            scroll: Scroll::new(),
            weight: [0.0; Reason::COUNT],
            at: [0.0; Reason::COUNT],
            last_fired: f64::NEG_INFINITY,
            hidden_at: None,
            used_before_hidden: false,
            interactions: 0,
            last_activity: 0.0,
            idle_spent: false,
            last_touch_move: f64::NEG_INFINITY,
            last: Outcome::NONE,
        }
    }

    /// The settings the engine runs with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    /// The current page context.
    pub fn context(&self) -> Context {
        self.context
    }

    /// The outcome of the latest observation.
    pub fn outcome(&self) -> Outcome {
        self.last
    }

    /// Whether the pointer heads out through the top so that, if no more
    /// samples come, a [`Observation::Tick`] about 160 ms after the last one
    /// may find it lost (reason `pointerLost`). Callers that tick only
    /// when this is true skip a timer for every other move.
    pub fn watching(&self) -> bool {
        self.pointer.may_be_lost(self.width)
    }

    /// Takes one observation and answers with the current score, whether
    /// intent fires now, and the reasons. Observations with non-finite
    /// numbers are ignored; time never runs backwards (an earlier `t` counts
    /// as the latest time seen).
    pub fn observe(&mut self, obs: Observation) -> Outcome {
        if !finite(&obs) {
            return Outcome {
                fired: false,
                blocked: None,
                ..self.last
            };
        }
        let t = obs.t().max(self.now);
        self.now = t;
        let fresh = self.apply(t, obs) | self.check_lost(t) | self.check_idle(t);
        self.evaluate(t, fresh)
    }

    /// Applies one observation; true if it raised a signal.
    fn apply(&mut self, t: f64, obs: Observation) -> bool {
        match obs {
            Observation::Viewport { width, height, .. } => {
                if width > 0.0 && height > 0.0 {
                    self.width = width;
                    self.height = height;
                }
                false
            }
            Observation::Context { context, .. } => {
                if context.page != self.context.page {
                    // a single-page shop moved to another page
                    self.page_start = t;
                    self.scroll.reset();
                    self.activity(t);
                }
                self.context = context;
                false
            }
            Observation::Pointer { x, y, pressed, .. } => {
                self.pointer.sample(t, x, y, pressed, self.width);
                self.activity(t);
                let evidence = self.pointer.trajectory(self.th.horizon_ms, self.width);
                let w = evidence * Reason::Trajectory.max_weight();
                let rising = w > self.current(Reason::Trajectory, t);
                self.set(Reason::Trajectory, w, t);
                rising && w > 0.0
            }
            Observation::Leave { x, y, pressed, .. } => {
                let counts = match Pointer::edge(x, y, self.width, self.height) {
                    Edge::Top => self.pointer.leave_top(pressed).then_some(1.0),
                    Edge::Inside => self
                        .pointer
                        .leave_flick(t, pressed, self.width)
                        .then_some(FLICK_EVIDENCE),
                    Edge::Side => {
                        self.pointer.leave_side();
                        None
                    }
                };
                counts.is_some_and(|e| self.raise(Reason::TopLeave, e, t))
            }
            Observation::Enter { x, y, .. } => {
                self.pointer.enter(t, x, y, self.width);
                self.activity(t);
                false
            }
            Observation::Scroll { y, .. } => {
                self.scroll.sample(t, y);
                self.activity(t);
                let touch_scroll = t - self.last_touch_move <= TOUCH_SCROLL_MS;
                if self.config.touch
                    && touch_scroll
                    && self.scroll.fast_up(self.height, self.th.scroll_up_vh_per_s)
                {
                    self.scroll.spend();
                    self.raise(Reason::ScrollUp, 1.0, t)
                } else {
                    false
                }
            }
            Observation::TouchMove { .. } => {
                self.last_touch_move = t;
                self.activity(t);
                false
            }
            Observation::Interaction { .. } => {
                self.interactions = self.interactions.saturating_add(1);
                self.activity(t);
                false
            }
            Observation::Hidden { .. } => {
                if self.hidden_at.is_none() {
                    self.hidden_at = Some(t);
                    self.used_before_hidden = self.interactions > 0 || self.scroll.travel > 0.0;
                }
                false
            }
            Observation::Visible { .. } => {
                let Some(hidden_at) = self.hidden_at.take() else {
                    return false;
                };
                // the pointer may be anywhere now
                self.pointer.disarm();
                self.activity(t);
                let returned = self.config.touch
                    && self.used_before_hidden
                    && t - hidden_at >= self.th.away_ms;
                returned && self.raise(Reason::TabReturn, 1.0, t)
            }
            Observation::Blur { .. } => {
                self.pointer.blur_at_top(t, self.width)
                    && self.raise(Reason::TopLeave, FLICK_EVIDENCE, t)
            }
            Observation::Focus { .. } => {
                // arriving from another app: the pointer may rest at the top
                self.pointer.disarm();
                false
            }
            Observation::Back { .. } => {
                // Chrome skips history entries added before the first
                // interaction, so a back attempt means nothing before it.
                self.interactions > 0 && self.raise(Reason::Back, 1.0, t)
            }
            Observation::Shortcut { key, .. } => {
                self.activity(t);
                matches!(key.to_ascii_lowercase(), 'l' | 't' | 'w')
                    && self.raise(Reason::Shortcut, 1.0, t)
            }
            Observation::Tick { .. } => false,
            Observation::Hovered { .. } => {
                self.pointer.hovered(t);
                false
            }
        }
    }

    fn activity(&mut self, t: f64) {
        self.last_activity = t;
        self.idle_spent = false;
    }

    fn check_lost(&mut self, t: f64) -> bool {
        self.pointer.lost(t, self.width) && self.raise(Reason::PointerLost, 1.0, t)
    }

    fn check_idle(&mut self, t: f64) -> bool {
        let engaged = self.interactions >= ENGAGED_INTERACTIONS
            || (self.height > 0.0 && self.scroll.travel >= ENGAGED_SCROLL_VH * self.height);
        let idle = self.config.touch
            && self.hidden_at.is_none()
            && !self.idle_spent
            && engaged
            && t - self.last_activity >= self.th.idle_ms;
        if idle {
            self.idle_spent = true;
        }
        idle && self.raise(Reason::Idle, 1.0, t)
    }

    /// `reason`'s weight at `t`, faded since it was raised.
    fn current(&self, reason: Reason, t: f64) -> f64 {
        let i = reason.code();
        let (Some(&w), Some(&at)) = (self.weight.get(i), self.at.get(i)) else {
            return 0.0;
        };
        let decay = if reason == Reason::Trajectory {
            TRAJECTORY_DECAY_MS
        } else {
            DECAY_MS
        };
        w * (1.0 - (t - at) / decay).clamp(0.0, 1.0)
    }

    fn set(&mut self, reason: Reason, w: f64, t: f64) {
        let i = reason.code();
        if let (Some(weight), Some(at)) = (self.weight.get_mut(i), self.at.get_mut(i)) {
            *weight = w;
            *at = t;
        }
    }

    /// Raises `reason` to `evidence` times its maximum weight; true if that
    /// is more than it had.
    fn raise(&mut self, reason: Reason, evidence: f64, t: f64) -> bool {
        let w = evidence * reason.max_weight();
        if w > self.current(reason, t) {
            self.set(reason, w, t);
            true
        } else {
            false
        }
    }

    /// What holds intent back at `t`, if anything.
    fn gate(&self, t: f64) -> Option<Gate> {
        if self.hidden_at.is_some() {
            Some(Gate::Hidden)
        } else if !self.config.pages.contains(self.context.page) {
            Some(Gate::Page)
        } else if t - self.page_start < self.config.min_time_on_page_ms {
            Some(Gate::MinTime)
        } else if t - self.last_fired < self.config.cooldown_ms {
            Some(Gate::Cooldown)
        } else {
            None
        }
    }

    /// Scores the current signals; fires only on fresh evidence, so a
    /// signal held back by a gate does not fire later by itself.
    fn evaluate(&mut self, t: f64, fresh: bool) -> Outcome {
        let mut weights = [0.0; Reason::COUNT];
        let mut keep = 1.0;
        for (reason, slot) in Reason::ALL.iter().zip(weights.iter_mut()) {
            if *reason != Reason::Cart {
                *slot = self.current(*reason, t);
                keep *= 1.0 - *slot;
            }
        }
        if keep < 1.0 && self.context.cart_items > 0 {
            let w = Reason::Cart.max_weight();
            if let Some(slot) = weights.get_mut(Reason::Cart.code()) {
                *slot = w;
            }
            keep *= 1.0 - w;
        }
        let score = (1.0 - keep).clamp(0.0, 1.0);
        let mut out = Outcome {
            score,
            fired: false,
            blocked: None,
            weights,
        };
        if fresh && score >= self.th.fire {
            match self.gate(t) {
                Some(gate) => out.blocked = Some(gate),
                None => {
                    out.fired = true;
                    self.fire(t);
                }
            }
        }
        self.last = out;
        out
    }

    /// Intent fired: start the cool-down and spend the signals that could
    /// repeat, so the same move does not fire twice. The weights stay and
    /// fade, so the score still explains the firing for a moment.
    fn fire(&mut self, t: f64) {
        self.last_fired = t;
        self.pointer.disarm();
        self.scroll.spend();
        self.idle_spent = true;
    }
}

fn finite(obs: &Observation) -> bool {
    let coords = match *obs {
        Observation::Viewport { width, height, .. } => [width, height],
        Observation::Pointer { x, y, .. }
        | Observation::Leave { x, y, .. }
        | Observation::Enter { x, y, .. } => [x, y],
        Observation::Scroll { y, .. } => [y, 0.0],
        _ => [0.0, 0.0],
    };
    obs.t().is_finite() && coords.iter().all(|c| c.is_finite())
}

#[cfg(test)]
mod tests {
    use super::super::{PageType, Pages, Sensitivity};
    use super::*;

    const W: f64 = 1280.0;
    const H: f64 = 720.0;

    fn engine(config: Config) -> Engine {
        let mut e = Engine::new(config, Context::default());
        e.observe(Observation::Viewport {
            t: 0.0,
            width: W,
            height: H,
        });
        e
    }

    fn pointer(e: &mut Engine, t: f64, x: f64, y: f64) -> Outcome {
        e.observe(Observation::Pointer {
            t,
            x,
            y,
            pressed: false,
        })
    }

    /// A straight move from `from` to `to` (y), one sample per 16 ms frame.
    fn sweep(e: &mut Engine, t0: f64, from: f64, to: f64, frames: usize) -> Option<Outcome> {
        let mut fired = None;
        for i in 0..=frames {
            let y = from + (to - from) * i as f64 / frames as f64;
            let o = pointer(e, t0 + 16.0 * i as f64, 640.0, y.round());
            if o.fired && fired.is_none() {
                fired = Some(o);
            }
        }
        fired
    }

    fn leave(e: &mut Engine, t: f64, y: f64) -> Outcome {
        e.observe(Observation::Leave {
            t,
            x: 640.0,
            y,
            pressed: false,
        })
    }

    #[test]
    fn top_leave_fires_with_reasons() {
        let mut e = engine(Config::default());
        assert!(sweep(&mut e, 6000.0, 400.0, 20.0, 19).is_none());
        let o = leave(&mut e, 6320.0, -1.0);
        assert!(o.fired);
        assert_eq!(o.top_reason(), Some(Reason::TopLeave));
        assert!(o.weight(Reason::Trajectory) > 0.0, "the path predicted it");
        assert!(o.score >= 0.95 && o.score <= 1.0);
    }

    #[test]
    fn cart_adds_weight_only_alongside_another_reason() {
        let mut e = Engine::new(
            Config::default(),
            Context {
                page: PageType::Cart,
                cart_items: 2,
            },
        );
        let o = e.observe(Observation::Tick { t: 6000.0 });
        assert_eq!(o.score, 0.0);
        e.observe(Observation::Interaction { t: 6100.0 });
        let o = e.observe(Observation::Back { t: 7000.0 });
        assert!(o.fired);
        assert_eq!(o.weight(Reason::Cart), 0.2);
        assert_eq!(o.top_reason(), Some(Reason::Back));
    }

    #[test]
    fn gates_hold_back_and_do_not_fire_later() {
        let mut e = engine(Config::default());
        // strong evidence just before the minimum time ends (5 s) ...
        sweep(&mut e, 4400.0, 400.0, 20.0, 19);
        let o = leave(&mut e, 4720.0, -1.0);
        assert!(!o.fired);
        assert_eq!(o.blocked, Some(Gate::MinTime));
        // ... is still above the threshold at 5 s, but does not fire by itself
        assert!(e.observe(Observation::Tick { t: 5000.0 }).score > 0.75);
        for t in (5000..8000).step_by(100) {
            assert!(!e.observe(Observation::Tick { t: f64::from(t) }).fired);
        }
    }

    #[test]
    fn cooldown_after_firing() {
        let config = Config {
            cooldown_ms: 10_000.0,
            ..Config::default()
        };
        let mut e = engine(config);
        sweep(&mut e, 6000.0, 400.0, 20.0, 19);
        assert!(leave(&mut e, 6320.0, -1.0).fired);
        e.observe(Observation::Enter {
            t: 7000.0,
            x: 640.0,
            y: 0.0,
        });
        sweep(&mut e, 7016.0, 0.0, 400.0, 10);
        sweep(&mut e, 8000.0, 400.0, 20.0, 19);
        assert_eq!(leave(&mut e, 8320.0, -1.0).blocked, Some(Gate::Cooldown));
        e.observe(Observation::Enter {
            t: 17000.0,
            x: 640.0,
            y: 0.0,
        });
        sweep(&mut e, 17016.0, 0.0, 400.0, 10);
        sweep(&mut e, 18000.0, 400.0, 20.0, 19);
        assert!(leave(&mut e, 18320.0, -1.0).fired);
    }

    #[test]
    fn page_types_can_be_switched_off() {
        let config = Config {
            pages: Pages::NONE.with(PageType::Cart),
            ..Config::default()
        };
        let mut e = engine(config);
        e.observe(Observation::Interaction { t: 100.0 });
        assert_eq!(
            e.observe(Observation::Back { t: 6000.0 }).blocked,
            Some(Gate::Page)
        );
        e.observe(Observation::Context {
            t: 6100.0,
            context: Context {
                page: PageType::Cart,
                cart_items: 1,
            },
        });
        // a new page in a single-page shop: its own minimum time
        assert_eq!(
            e.observe(Observation::Shortcut {
                t: 7000.0,
                key: 'l'
            })
            .blocked,
            Some(Gate::MinTime)
        );
        assert!(
            e.observe(Observation::Shortcut {
                t: 12000.0,
                key: 'L'
            })
            .fired
        );
    }

    #[test]
    fn shortcuts_other_than_l_t_w_do_nothing() {
        let mut e = engine(Config::default());
        assert_eq!(
            e.observe(Observation::Shortcut {
                t: 6000.0,
                key: 'c'
            })
            .score,
            0.0
        );
        assert!(
            e.observe(Observation::Shortcut {
                t: 6000.0,
                key: 'w'
            })
            .fired
        );
    }

    #[test]
    fn trajectory_alone_fires_only_at_high_sensitivity() {
        for (sensitivity, fires) in [
            (Sensitivity::Low, false),
            (Sensitivity::Medium, false),
            (Sensitivity::High, true),
        ] {
            let mut e = engine(Config {
                sensitivity,
                ..Config::default()
            });
            let fired = sweep(&mut e, 6000.0, 500.0, 2.0, 12);
            assert_eq!(fired.is_some(), fires, "{sensitivity:?}");
            if let Some(o) = fired {
                assert_eq!(o.top_reason(), Some(Reason::Trajectory));
            }
        }
    }

    #[test]
    fn scores_fade() {
        let mut e = engine(Config {
            min_time_on_page_ms: 60_000.0,
            ..Config::default()
        });
        e.observe(Observation::Interaction { t: 100.0 });
        let o = e.observe(Observation::Back { t: 1000.0 });
        assert_eq!(o.score, 1.0);
        let half = e.observe(Observation::Tick { t: 2000.0 }).score;
        assert!((half - 0.5).abs() < 1e-9);
        assert_eq!(e.observe(Observation::Tick { t: 3000.0 }).score, 0.0);
    }

    #[test]
    fn non_finite_input_is_ignored() {
        let mut e = engine(Config::default());
        let o = pointer(&mut e, f64::NAN, 1.0, 2.0);
        assert_eq!(o, Outcome::NONE);
        let o = pointer(&mut e, 100.0, f64::INFINITY, 2.0);
        assert!(!o.fired);
        assert_eq!(o.score, 0.0);
    }

    #[test]
    fn time_never_runs_backwards() {
        let mut e = engine(Config::default());
        e.observe(Observation::Interaction { t: 100.0 });
        e.observe(Observation::Tick { t: 7000.0 });
        // an out-of-order timestamp counts as now, so the minimum time holds
        assert!(e.observe(Observation::Back { t: 10.0 }).fired);
    }

    /// Position at `t` of a minimum-jerk move from `from` to `to` taking `ms`.
    fn min_jerk(from: f64, to: f64, ms: f64, t: f64) -> f64 {
        let s = (t / ms).clamp(0.0, 1.0);
        from + (to - from) * (10.0 * s.powi(3) - 15.0 * s.powi(4) + 6.0 * s.powi(5))
    }

    #[test]
    fn minimum_jerk_move_to_the_navigation_does_not_fire() {
        // human aiming movements follow a minimum-jerk profile: fast in the
        // middle, braking into the target (here a nav link at y = 22)
        for sensitivity in [Sensitivity::Low, Sensitivity::Medium] {
            let mut e = engine(Config {
                sensitivity,
                ..Config::default()
            });
            let mut t = 0.0;
            while t <= 420.0 {
                let y = min_jerk(450.0, 22.0, 420.0, t);
                assert!(!pointer(&mut e, 6000.0 + t, 300.0, y.round()).fired);
                t += 16.0;
            }
            for i in 1..50 {
                assert!(
                    !e.observe(Observation::Tick {
                        t: 6500.0 + 100.0 * f64::from(i)
                    })
                    .fired
                );
            }
        }
    }

    #[test]
    fn minimum_jerk_move_aimed_beyond_the_top_fires() {
        // aiming at the tab bar 60 px above the viewport: no leave event
        // (fixed header), own tracking notices the pointer is gone
        let mut e = engine(Config::default());
        let mut t = 0.0;
        let mut last = 0.0;
        while t <= 420.0 {
            let y = min_jerk(450.0, -60.0, 420.0, t);
            if y < 0.0 {
                break; // outside: the page gets no more samples
            }
            pointer(&mut e, 6000.0 + t, 300.0, y.round());
            last = t;
            t += 16.0;
        }
        let o = e.observe(Observation::Tick {
            t: 6000.0 + last + 160.0,
        });
        assert!(o.fired);
        assert_eq!(o.top_reason(), Some(Reason::PointerLost));
    }

    #[test]
    fn watching_holds_whenever_a_tick_can_find_the_pointer_lost() {
        // moves of many speeds toward and along the top
        let mut lost = 0;
        for to in [-200.0, -60.0, -10.0, 5.0, 20.0, 60.0] {
            for ms in [60.0, 120.0, 250.0, 420.0, 800.0] {
                for x_end in [300.0, 900.0, 1500.0] {
                    let mut e = engine(Config::default());
                    let mut t = 0.0;
                    let mut last = 0.0;
                    while t <= ms {
                        let y = min_jerk(450.0, to, ms, t);
                        if y < 0.0 {
                            break;
                        }
                        let x = 300.0 + (x_end - 300.0) * t / ms;
                        pointer(&mut e, 6000.0 + t, x, y.round());
                        last = t;
                        t += 16.0;
                    }
                    let watching = e.watching();
                    let o = e.observe(Observation::Tick {
                        t: 6000.0 + last + 160.0,
                    });
                    if o.top_reason() == Some(Reason::PointerLost) {
                        lost += 1;
                        assert!(watching, "to {to}, {ms} ms, x {x_end}");
                    }
                }
            }
        }
        assert!(lost > 0, "some moves are lost");
        // a slow circle in the lower half of the page never needs a tick
        let mut e = engine(Config::default());
        for i in 0..2000 {
            let a = f64::from(i) / 1000.0 * std::f64::consts::PI;
            pointer(
                &mut e,
                6000.0 + f64::from(i),
                640.0 + 320.0 * a.cos(),
                480.0 + 133.0 * a.sin(),
            );
            assert!(!e.watching());
        }
    }
}
