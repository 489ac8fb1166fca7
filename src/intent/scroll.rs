//! Mobile: fast scrolling up, measured in viewport heights per second.

/// Scroll samples kept: a quarter second of frames.
const RING: usize = 16;
/// Speed is measured over at most this window, ending at each sample; a
/// fling counts by its peak (a firm flick is fastest while the finger is on
/// the glass and slows down with momentum) ...
const WINDOW_MS: f64 = 120.0;
/// ... once the window spans at least this long (single frames are too jumpy).
const MIN_SPAN_MS: f64 = 40.0;
/// A scroll up shorter than this share of the viewport is not heading anywhere.
const MIN_UP_VH: f64 = 0.25;
/// Only after the visitor has been at least this far down the page.
const MIN_DEPTH_VH: f64 = 1.0;
/// A pause this long ends a fling; the next one may count again.
const PAUSE_MS: f64 = 400.0;

#[derive(Clone, Copy, Debug, Default)]
struct Sample {
    t: f64,
    y: f64,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct Scroll {
    ring: [Sample; RING],
    len: usize,
    head: usize,
    /// Deepest position seen.
    max_y: f64,
    /// Total distance scrolled, both ways.
    pub travel: f64,
    /// The current fling has already counted.
    spent: bool,
    /// Where the current fling up started.
    from_y: f64,
    /// The current fling's peak upward speed, px/ms.
    peak: f64,
}

impl Scroll {
    pub fn new() -> Self {
        Scroll {
            ring: [Sample::default(); RING],
            len: 0,
            head: 0,
            max_y: 0.0,
            travel: 0.0,
            spent: false,
            from_y: 0.0,
            peak: 0.0,
        }
    }

    fn nth(&self, age: usize) -> Option<Sample> {
        if age >= self.len {
            return None;
        }
        self.ring.get((self.head + RING - age) % RING).copied()
    }

    pub fn sample(&mut self, t: f64, y: f64) {
        match self.nth(0) {
            Some(last) => {
                self.travel += (y - last.y).abs();
                if y > last.y || t - last.t >= PAUSE_MS {
                    // turned down, or a new fling
                    self.spent = false;
                    self.from_y = last.y.max(y);
                    self.peak = 0.0;
                }
            }
            None => self.from_y = y,
        }
        self.max_y = self.max_y.max(y);
        self.head = (self.head + 1) % RING;
        if let Some(slot) = self.ring.get_mut(self.head) {
            *slot = Sample { t, y };
        }
        self.len = (self.len + 1).min(RING);
        // the speed over the window ending here
        let oldest = (1..self.len)
            .filter_map(|age| self.nth(age))
            .take_while(|s| t - s.t <= WINDOW_MS)
            .last();
        if let Some(a) = oldest.filter(|a| t - a.t >= MIN_SPAN_MS) {
            self.peak = self.peak.max((a.y - y) / (t - a.t));
        }
    }

    /// This fling has counted; the next needs a pause or a turn.
    pub fn spend(&mut self) {
        self.spent = true;
    }

    /// A new page in a single-page shop: forget the old page's scrolling.
    pub fn reset(&mut self) {
        *self = Scroll::new();
    }

    /// Whether the current fling up peaked at `vh_per_s` viewport heights
    /// per second or more and has come at least a quarter viewport.
    pub fn fast_up(&self, height: f64, vh_per_s: f64) -> bool {
        if self.spent || !height.is_finite() || height <= 0.0 || self.max_y < MIN_DEPTH_VH * height
        {
            return false;
        }
        let Some(n) = self.nth(0) else {
            return false;
        };
        self.from_y - n.y >= MIN_UP_VH * height && self.peak * 1000.0 / height >= vh_per_s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fling(s: &mut Scroll, t0: f64, from: f64, px_per_frame: f64, frames: usize) {
        for i in 0..frames {
            s.sample(t0 + 16.0 * i as f64, from - px_per_frame * i as f64);
        }
    }

    #[test]
    fn fast_fling_up_counts_slow_reading_does_not() {
        let mut s = Scroll::new();
        s.sample(0.0, 2000.0);
        // 40 px per 16 ms = 2500 px/s = 3.6 viewport heights/s at 700 px
        fling(&mut s, 1000.0, 2000.0, 40.0, 12);
        assert!(s.fast_up(700.0, 3.0));
        assert!(!s.fast_up(700.0, 4.0));
        let mut s = Scroll::new();
        s.sample(0.0, 2000.0);
        fling(&mut s, 1000.0, 2000.0, 8.0, 30);
        assert!(!s.fast_up(700.0, 2.0));
    }

    #[test]
    fn a_fling_counts_by_its_peak_not_its_slow_start() {
        // the finger starts slowly, then flicks (3 px/ms for 100 ms) and
        // lets go; momentum slows down: a 250 ms average never reaches
        // 4 viewport heights per second at 700 px, the peak does
        let mut s = Scroll::new();
        s.sample(0.0, 4000.0);
        let mut t = 1000.0;
        let mut y = 4000.0;
        for v in [
            10.0, 15.0, 20.0, 48.0, 48.0, 48.0, 48.0, 48.0, 48.0, 40.0, 32.0, 26.0, 20.0,
        ] {
            t += 16.0;
            y -= v;
            s.sample(t, y);
        }
        assert!(s.fast_up(700.0, 4.0));
        // slow re-reading: 300 px in 500 ms never does
        let mut s = Scroll::new();
        s.sample(0.0, 4000.0);
        fling(&mut s, 1000.0, 4000.0, 9.6, 32);
        assert!(!s.fast_up(700.0, 2.0));
    }

    #[test]
    fn needs_depth_and_distance() {
        let mut s = Scroll::new();
        s.sample(0.0, 500.0);
        fling(&mut s, 1000.0, 500.0, 40.0, 12);
        assert!(!s.fast_up(700.0, 2.0), "never a screen down");
        let mut s = Scroll::new();
        s.sample(0.0, 2000.0);
        fling(&mut s, 1000.0, 2000.0, 60.0, 2);
        assert!(!s.fast_up(700.0, 2.0), "one frame is too short to tell");
    }

    #[test]
    fn a_fling_counts_once() {
        let mut s = Scroll::new();
        s.sample(0.0, 3000.0);
        fling(&mut s, 1000.0, 3000.0, 40.0, 12);
        assert!(s.fast_up(700.0, 3.0));
        s.spend();
        fling(&mut s, 1192.0, 2520.0, 40.0, 4);
        assert!(!s.fast_up(700.0, 3.0));
        fling(&mut s, 2000.0, 2400.0, 40.0, 12);
        assert!(s.fast_up(700.0, 3.0), "a new fling after a pause");
    }
}
