//! Desktop: the pointer's recent path, and whether it is heading out through
//! the top edge (towards the tab bar, the address bar or the close button).

/// Samples kept; enough for a velocity and an acceleration.
const RING: usize = 8;
/// Two samples closer than this are too noisy for a velocity.
const MIN_DT_MS: f64 = 8.0;
/// After a pause the first sample's movement is assumed to have taken at
/// most this long (browsers report a move within a frame of it starting), so
/// a flick seen in a single sample still has its speed.
const REST_DT_MS: f64 = 50.0;
/// Acceleration is measured over samples at most this far apart.
const ACCEL_WINDOW_MS: f64 = 120.0;
/// A leave at most this far below the top edge is a leave through the top
/// (Chrome reports -1 or less, Firefox 0 or a few pixels).
pub(crate) const TOP_BAND: f64 = 8.0;
/// The pointer must have been this far down in the page before a move out
/// through the top counts: entering from the tab bar or arriving from
/// another app with the pointer at the top does not.
pub(crate) const ARM_DEPTH: f64 = 40.0;
/// Slower upward movement is not heading anywhere.
const MIN_SPEED: f64 = 0.1;
/// Upward speed must be at least this share of the sideways speed.
const MIN_STEEPNESS: f64 = 0.3;
/// Without a sample for this long, a pointer heading out is gone.
const LOST_AFTER_MS: f64 = 150.0;
/// ... if its path crossed the top edge within this time after the last sample.
const LOST_LOOKAHEAD_MS: f64 = 40.0;
/// How far ahead [`Pointer::may_be_lost`] looks: well beyond
/// `LOST_LOOKAHEAD_MS`, since callers may hold back the newest samples of a
/// frame and a flick can still speed up.
const WATCH_MS: f64 = 250.0;
/// A leave reported inside the page counts when the pointer was this fast ...
const FLICK_MIN_SPEED: f64 = 0.5;
/// ... and its path crossed the top edge by the leave's time plus this slack.
const FLICK_SLACK_MS: f64 = 32.0;
/// Samples older than this say nothing about a leave or a blur.
const STALE_MS: f64 = 100.0;
/// A blur within this time of the pointer heading out confirms the exit.
const BLUR_LOOKAHEAD_MS: f64 = 200.0;

#[derive(Clone, Copy, Debug, Default)]
struct Sample {
    t: f64,
    x: f64,
    y: f64,
}

/// Where the newest sample is heading.
#[derive(Clone, Copy, Debug, Default)]
struct Motion {
    t: f64,
    x: f64,
    y: f64,
    vx: f64,
    vy: f64,
    /// Decelerating so hard that it stops before reaching the top edge.
    stops_inside: bool,
    valid: bool,
}

/// Where a leave event says the pointer went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Edge {
    Top,
    /// Left, right, bottom or onto the scrollbar.
    Side,
    /// Reported inside the page (Firefox `<select>`, autocomplete popups,
    /// or a flick the browser caught mid-way).
    Inside,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Pointer {
    ring: [Sample; RING],
    len: usize,
    /// Index of the newest sample.
    head: usize,
    motion: Motion,
    /// Not known to be outside the document.
    pub inside: bool,
    /// Has been deeper than [`ARM_DEPTH`] since entering.
    armed: bool,
    pressed: bool,
    /// Latest time the pointer was known to be over the document.
    hover_at: f64,
}

impl Pointer {
    pub fn new() -> Self {
        Pointer {
            ring: [Sample::default(); RING],
            len: 0,
            head: 0,
            motion: Motion::default(),
            inside: true,
            armed: false,
            pressed: false,
            hover_at: f64::NEG_INFINITY,
        }
    }

    /// The sample `age` steps before the newest one.
    fn nth(&self, age: usize) -> Option<Sample> {
        if age >= self.len {
            return None;
        }
        self.ring.get((self.head + RING - age) % RING).copied()
    }

    fn push(&mut self, s: Sample) {
        self.head = (self.head + 1) % RING;
        if let Some(slot) = self.ring.get_mut(self.head) {
            *slot = s;
        }
        self.len = (self.len + 1).min(RING);
    }

    fn clear(&mut self) {
        self.len = 0;
        self.motion.valid = false;
    }

    /// Until the pointer has been deep in the page again, no top exit counts.
    pub fn disarm(&mut self) {
        self.armed = false;
    }

    pub fn sample(&mut self, t: f64, x: f64, y: f64, pressed: bool, width: f64) {
        if !self.inside {
            // back without an enter event: a new visit to the page
            self.inside = true;
            self.armed = false;
            self.clear();
        }
        self.track(t, x, y, pressed, width);
    }

    pub fn enter(&mut self, t: f64, x: f64, y: f64, width: f64) {
        self.inside = true;
        self.armed = false;
        self.clear();
        self.track(t, x, y, false, width);
    }

    fn track(&mut self, t: f64, x: f64, y: f64, pressed: bool, width: f64) {
        self.push(Sample { t, x, y });
        self.pressed = pressed;
        if y >= ARM_DEPTH && x < width {
            self.armed = true;
        }
        self.update_motion();
    }

    /// The newest sample older than `s` by at least [`MIN_DT_MS`], within `window`.
    fn before(&self, from_age: usize, s: Sample, window: f64) -> Option<(usize, Sample)> {
        (from_age..self.len)
            .filter_map(|age| self.nth(age).map(|p| (age, p)))
            .take_while(|(_, p)| s.t - p.t <= window)
            .find(|(_, p)| s.t - p.t >= MIN_DT_MS)
    }

    fn update_motion(&mut self) {
        let Some(n) = self.nth(0) else {
            self.motion.valid = false;
            return;
        };
        // The previous sample, however old; a long gap means the pointer
        // rested and the move took at most REST_DT_MS.
        let Some((age_k, k)) = self.before(1, n, f64::INFINITY) else {
            self.motion = Motion {
                t: n.t,
                x: n.x,
                y: n.y,
                ..Motion::default()
            };
            return;
        };
        let dt = (n.t - k.t).clamp(MIN_DT_MS, REST_DT_MS);
        let vx = (n.x - k.x) / dt;
        let vy = (n.y - k.y) / dt;
        let mut stops_inside = false;
        if let Some((_, j)) = self.before(age_k + 1, k, ACCEL_WINDOW_MS) {
            if n.t - j.t <= ACCEL_WINDOW_MS {
                let v_before = (k.y - j.y) / (k.t - j.t).max(MIN_DT_MS);
                let ay = (vy - v_before) / ((n.t - j.t) / 2.0).max(MIN_DT_MS);
                if vy < 0.0 && ay > 0.0 {
                    stops_inside = n.y - vy * vy / (2.0 * ay) > 0.0;
                }
            }
        }
        self.motion = Motion {
            t: n.t,
            x: n.x,
            y: n.y,
            vx,
            vy,
            stops_inside,
            valid: true,
        };
    }

    /// Whether a move out through the top would count now. (A path onto the
    /// scrollbar never reaches the top inside `width`, see `time_to_top`.)
    fn can_exit(&self) -> bool {
        self.inside && self.armed && !self.pressed
    }

    /// Time (ms after the newest sample) at which the path crosses the top
    /// edge, if it heads there steeply and fast and does not stop first.
    fn time_to_top(&self, width: f64) -> Option<f64> {
        let m = self.motion;
        if !m.valid || m.stops_inside || m.vy > -MIN_SPEED || -m.vy < MIN_STEEPNESS * m.vx.abs() {
            return None;
        }
        let ttc = m.y.max(0.0) / -m.vy;
        let x = m.x + m.vx * ttc;
        (0.0..=width).contains(&x).then_some(ttc)
    }

    /// Evidence in [0, 1] that the pointer is about to leave through the
    /// top: 1 at the edge, 0 at `horizon_ms` away or more.
    pub fn trajectory(&self, horizon_ms: f64, width: f64) -> f64 {
        if !self.can_exit() || horizon_ms <= 0.0 {
            return 0.0;
        }
        match self.time_to_top(width) {
            Some(ttc) if ttc < horizon_ms => 1.0 - ttc / horizon_ms,
            _ => 0.0,
        }
    }

    /// Where a leave at (x, y) went.
    pub fn edge(x: f64, y: f64, width: f64, height: f64) -> Edge {
        if x >= width {
            Edge::Side // the scrollbar, or out to the right
        } else if y <= TOP_BAND {
            Edge::Top
        } else if x <= 0.0 || y >= height - 1.0 {
            Edge::Side
        } else {
            Edge::Inside
        }
    }

    /// A leave through the top edge while a top exit counts.
    pub fn leave_top(&mut self, pressed: bool) -> bool {
        let counts = self.can_exit() && !pressed;
        self.inside = false;
        counts
    }

    /// A leave reported inside the page that a fast upward flick explains:
    /// the path crossed the top edge by the time of the leave.
    pub fn leave_flick(&mut self, t: f64, pressed: bool, width: f64) -> bool {
        let m = self.motion;
        let dt = t - m.t;
        let flick = self.can_exit()
            && !pressed
            && dt <= STALE_MS
            && m.vy <= -FLICK_MIN_SPEED
            && self
                .time_to_top(width)
                .is_some_and(|ttc| ttc <= dt + FLICK_SLACK_MS);
        if flick {
            self.inside = false;
        }
        flick
    }

    /// Left elsewhere (side, bottom, scrollbar).
    pub fn leave_side(&mut self) {
        self.inside = false;
    }

    /// The pointer is still over the document at `t` (the browser says so).
    pub fn hovered(&mut self, t: f64) {
        self.hover_at = t;
    }

    /// Own tracking: no sample since the pointer was about to cross the top
    /// edge, so it is gone (Safari's sporadic `mouseleave`, fixed headers).
    /// Silence alone is no proof: a fast move may rest just below the edge
    /// (a top bar with "Mein Konto"), so the document still being hovered
    /// after the last sample says it is there.
    pub fn lost(&mut self, t: f64, width: f64) -> bool {
        let lost = self.can_exit()
            && self.hover_at < self.motion.t
            && t - self.motion.t >= LOST_AFTER_MS
            && self
                .time_to_top(width)
                .is_some_and(|ttc| ttc <= LOST_LOOKAHEAD_MS);
        if lost {
            self.inside = false;
        }
        lost
    }

    /// The window lost focus with the pointer at or heading to the top: the
    /// visitor clicked into the browser chrome.
    /// Whether the latest motion heads out through the top soon enough that
    /// [`Pointer::lost`] may report it once samples stop: only then does a
    /// caller need to tick `LOST_AFTER_MS` after the last sample.
    pub fn may_be_lost(&self, width: f64) -> bool {
        self.can_exit() && self.time_to_top(width).is_some_and(|ttc| ttc <= WATCH_MS)
    }

    pub fn blur_at_top(&mut self, t: f64, width: f64) -> bool {
        let m = self.motion;
        let at_top = self.can_exit()
            && m.valid
            && t - m.t <= STALE_MS
            && (m.y <= 2.0 * TOP_BAND
                || self
                    .time_to_top(width)
                    .is_some_and(|ttc| ttc <= BLUR_LOOKAHEAD_MS));
        if at_top {
            self.inside = false;
        }
        at_top
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(p: &mut Pointer, samples: &[(f64, f64, f64)]) {
        for &(t, x, y) in samples {
            p.sample(t, x, y, false, 1000.0);
        }
    }

    #[test]
    fn velocity_comes_from_the_last_two_samples() {
        let mut p = Pointer::new();
        feed(&mut p, &[(0.0, 100.0, 500.0), (16.0, 100.0, 468.0)]);
        assert!((p.motion.vy + 2.0).abs() < 1e-9);
        assert!(p.armed);
    }

    #[test]
    fn a_single_sample_after_a_rest_still_has_its_speed() {
        let mut p = Pointer::new();
        feed(&mut p, &[(0.0, 100.0, 500.0), (3000.0, 100.0, 250.0)]);
        // at most REST_DT_MS for 250 px
        assert!((p.motion.vy + 5.0).abs() < 1e-9);
    }

    #[test]
    fn samples_too_close_together_are_merged() {
        let mut p = Pointer::new();
        feed(
            &mut p,
            &[(0.0, 0.0, 300.0), (16.0, 0.0, 284.0), (17.0, 0.0, 283.0)],
        );
        // measured against the sample at t=0, not the one 1 ms before
        assert!((p.motion.vy + 1.0).abs() < 1e-9);
    }

    #[test]
    fn hard_braking_stops_inside() {
        let mut p = Pointer::new();
        feed(
            &mut p,
            &[
                (0.0, 10.0, 100.0),
                (16.0, 10.0, 60.0),
                (32.0, 10.0, 40.0),
                (48.0, 10.0, 34.0),
            ],
        );
        assert!(p.motion.stops_inside);
        assert_eq!(p.trajectory(250.0, 1000.0), 0.0);
    }

    #[test]
    fn steady_upward_move_is_heading_out() {
        let mut p = Pointer::new();
        feed(
            &mut p,
            &[
                (0.0, 10.0, 200.0),
                (16.0, 10.0, 168.0),
                (32.0, 10.0, 136.0),
                (48.0, 10.0, 104.0),
            ],
        );
        assert!(!p.motion.stops_inside);
        let e = p.trajectory(250.0, 1000.0);
        // 104 px at 2 px/ms: 52 ms to the edge
        assert!((e - (1.0 - 52.0 / 250.0)).abs() < 1e-9, "{e}");
    }

    #[test]
    fn sideways_and_scrollbar_moves_are_not_heading_out() {
        let mut p = Pointer::new();
        feed(&mut p, &[(0.0, 100.0, 200.0), (16.0, 260.0, 190.0)]);
        assert_eq!(p.trajectory(250.0, 1000.0), 0.0);
        let mut p = Pointer::new();
        feed(&mut p, &[(0.0, 990.0, 200.0), (16.0, 1004.0, 100.0)]);
        assert_eq!(p.trajectory(250.0, 1000.0), 0.0);
    }

    #[test]
    fn not_armed_until_deep_in_the_page() {
        let mut p = Pointer::new();
        p.enter(0.0, 300.0, 1.0, 1000.0);
        feed(&mut p, &[(16.0, 300.0, 12.0), (32.0, 300.0, 5.0)]);
        assert!(!p.leave_top(false));
    }

    #[test]
    fn a_pointer_still_over_the_document_is_not_lost() {
        // a fast move up that rests 15 px below the top edge (recorded in Chromium)
        let mut p = Pointer::new();
        feed(
            &mut p,
            &[
                (0.0, 640.0, 500.0),
                (56.0, 640.0, 348.0),
                (74.0, 640.0, 197.0),
                (101.0, 640.0, 106.0),
                (104.0, 640.0, 15.0),
            ],
        );
        let mut silent = p;
        assert!(
            silent.lost(264.0, 1280.0),
            "silence alone looks like leaving"
        );
        p.hovered(264.0);
        assert!(!p.lost(264.0, 1280.0), "still hovered: it rests there");
        assert!(!p.lost(900.0, 1280.0));
        // a new move up and out without samples afterwards: lost again
        feed(
            &mut p,
            &[
                (1000.0, 640.0, 300.0),
                (1016.0, 640.0, 250.0),
                (1032.0, 640.0, 20.0),
            ],
        );
        assert!(p.lost(1200.0, 1280.0));
    }

    #[test]
    fn edges() {
        assert_eq!(Pointer::edge(500.0, -1.0, 1000.0, 700.0), Edge::Top);
        assert_eq!(Pointer::edge(500.0, 8.0, 1000.0, 700.0), Edge::Top);
        assert_eq!(Pointer::edge(1005.0, -3.0, 1000.0, 700.0), Edge::Side);
        assert_eq!(Pointer::edge(500.0, 699.5, 1000.0, 700.0), Edge::Side);
        assert_eq!(Pointer::edge(500.0, 350.0, 1000.0, 700.0), Edge::Inside);
    }
}
