//! Exit-intent engine: cost per observation.
//!
//! Three inputs: a synthetic desktop session of pointer samples at 1000 Hz
//! (the worst case: the loader coalesces to one sample per frame), a
//! synthetic mobile session (touch scrolling, taps, a tab switch), and every
//! recorded field trace in tests/fixtures/traces replayed back to back.

use crate::extras::Extras;
use crate::{alloc, Mode};
use criterion::{Criterion, Throughput};
use stammkunde::intent::trace::Trace;
use stammkunde::intent::{Config, Context, Engine, Observation, PageType};
use std::hint::black_box;

/// `seconds` of desktop browsing with 1000 Hz pointer samples: slow
/// circles over the page, a scroll position every frame, and every 20 s a
/// move out through the top edge (fires, then the cool-down holds).
pub fn desktop(seconds: usize) -> Vec<Observation> {
    let mut obs = vec![Observation::Viewport {
        t: 0.0,
        width: 1280.0,
        height: 720.0,
    }];
    for ms in 0..seconds * 1000 {
        let t = ms as f64;
        let phase = ms % 20_000;
        let (x, y) = if phase < 19_800 {
            let a = t / 1000.0 * std::f64::consts::PI;
            (640.0 + 300.0 * a.cos(), 420.0 + 150.0 * a.sin())
        } else {
            // 200 ms up and out through the top
            let k = (phase - 19_800) as f64 / 200.0;
            (640.0, 420.0 - 440.0 * k)
        };
        if y < 0.0 {
            obs.push(Observation::Leave {
                t,
                x,
                y: -1.0,
                pressed: false,
            });
            continue;
        }
        obs.push(Observation::Pointer {
            t,
            x,
            y,
            pressed: false,
        });
        if ms % 16 == 0 {
            obs.push(Observation::Scroll {
                t,
                y: (t / 20.0) % 3000.0,
            });
        }
        if phase == 19_999 {
            obs.push(Observation::Enter {
                t: t + 0.5,
                x: 640.0,
                y: 2.0,
            });
        }
    }
    obs
}

/// `seconds` of phone browsing: touch scrolling at 60 Hz down the page,
/// taps, a fast scroll up now and then, idle ticks every second, and a
/// tab switch.
pub fn mobile(seconds: usize) -> Vec<Observation> {
    let mut obs = vec![Observation::Viewport {
        t: 0.0,
        width: 390.0,
        height: 844.0,
    }];
    let frames = seconds * 60;
    let mut y = 0.0f64;
    for f in 0..frames {
        let t = f as f64 * 1000.0 / 60.0;
        let phase = f % 1200; // 20 s cycles
        let dy = if phase < 1100 { 4.0 } else { -150.0 };
        y = (y + dy).max(0.0);
        obs.push(Observation::TouchMove { t });
        obs.push(Observation::Scroll { t, y });
        if f % 300 == 0 {
            obs.push(Observation::Interaction { t });
        }
        if f % 60 == 0 {
            obs.push(Observation::Tick { t });
        }
        if phase == 600 {
            obs.push(Observation::Hidden { t });
            obs.push(Observation::Visible { t: t + 5000.0 });
        }
    }
    obs
}

fn replay(config: Config, context: Context, obs: &[Observation]) -> usize {
    let mut engine = Engine::new(config, context);
    let mut fired = 0;
    for &o in obs {
        fired += usize::from(black_box(engine.observe(black_box(o))).fired);
    }
    fired
}

fn fixtures() -> Vec<Trace> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.sort();
    names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "trace"))
        .filter_map(|p| {
            let text = std::fs::read_to_string(p).ok()?;
            Trace::parse(&text).ok()
        })
        .collect()
}

pub fn bench(c: &mut Criterion, out: &mut Extras, mode: Mode) {
    let seconds = if mode == Mode::Full { 60 } else { 2 };
    let desktop = desktop(seconds);
    let mobile = mobile(seconds);
    let traces = fixtures();
    let fixture_obs: usize = traces.iter().map(|t| t.observations.len()).sum();
    let desktop_config = Config {
        min_time_on_page_ms: 5000.0,
        ..Config::default()
    };
    let mobile_config = Config {
        touch: true,
        ..Config::default()
    };
    let context = Context {
        page: PageType::Product,
        cart_items: 2,
    };

    out.number("intent/desktop/observations", desktop.len() as f64);
    out.number(
        "intent/desktop/fired",
        replay(desktop_config, context, &desktop) as f64,
    );
    out.number("intent/mobile/observations", mobile.len() as f64);
    out.number(
        "intent/mobile/fired",
        replay(mobile_config, context, &mobile) as f64,
    );
    out.number("intent/fixtures/observations", fixture_obs as f64);
    out.number("intent/fixtures/traces", traces.len() as f64);
    out.number("intent/engine_bytes", std::mem::size_of::<Engine>() as f64);
    let (_, allocations) = alloc::counted(|| replay(desktop_config, context, &desktop));
    out.number("intent/desktop/allocations", allocations as f64);

    let mut g = c.benchmark_group("intent");
    g.throughput(Throughput::Elements(desktop.len() as u64));
    g.bench_function("desktop-1000hz", |b| {
        b.iter(|| replay(desktop_config, context, &desktop))
    });
    g.throughput(Throughput::Elements(mobile.len() as u64));
    g.bench_function("mobile", |b| {
        b.iter(|| replay(mobile_config, context, &mobile))
    });
    g.throughput(Throughput::Elements(fixture_obs as u64));
    g.bench_function("fixtures", |b| {
        b.iter(|| {
            traces
                .iter()
                .map(|t| replay(t.config, t.context, &t.observations))
                .sum::<usize>()
        })
    });
    g.finish();
}
