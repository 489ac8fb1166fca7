//! Recorded traces: a compact text format for replaying browser sessions
//! through the engine, with the expected outcome. The fixtures in
//! `tests/fixtures/traces/` use it.
//!
//! One line per item; `#` starts a comment; times in ms since page start:
//!
//! ```text
//! config sensitivity=medium min-time=5 cooldown=30 pages=home,product device=desktop
//! context page=product cart-items=1
//! expect fire reason=topLeave at=6120     # [count=1]; or: expect none [blocked=minTime]
//! viewport 0 1280 720                     # t width height
//! pointer 6000 640 400 [pressed]          # t x y
//! leave 6120 640 -1 [pressed]             # t x y
//! enter 7000 640 0                        # t x y
//! scroll 8000 1400                        # t y
//! touch 8000                              # a finger moved
//! interaction 8000                        # click, tap or key
//! hidden 9000 / visible 20000 / blur 9000 / focus 9000 / back 9000 / tick 9000 / hover 9000 (a tick with the
//! pointer still over the document)
//! shortcut 9000 l                         # Ctrl/Cmd + key
//! page 9000 cart 2                        # context change: page type, cart items
//! ```
//!
//! ```
//! use stammkunde::intent::trace::Trace;
//! let trace = Trace::parse("expect fire reason=shortcut at=6000\nshortcut 6000 w\n").unwrap();
//! assert_eq!(trace.check(), Ok(()));
//! ```

use super::{
    Config, Context, Engine, Gate, Observation, Outcome, PageType, Pages, Reason, Sensitivity,
};

/// What a trace must do.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Expect {
    /// Fire, optionally first with this top reason, at this observation
    /// time, and exactly `count` times in all.
    Fire {
        reason: Option<Reason>,
        at: Option<f64>,
        count: Option<usize>,
    },
    /// Never fire; optionally be held back by this gate at least once.
    None { blocked: Option<Gate> },
}

/// A parsed trace.
#[derive(Clone, Debug, PartialEq)]
pub struct Trace {
    pub config: Config,
    pub context: Context,
    pub expect: Expect,
    pub observations: Vec<Observation>,
}

/// A line that could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TraceError {
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Every outcome of a replay, paired with its observation.
pub struct Replay {
    pub steps: Vec<(Observation, Outcome)>,
}

impl Replay {
    /// The first observation that fired, with its outcome.
    pub fn first_fire(&self) -> Option<&(Observation, Outcome)> {
        self.steps.iter().find(|(_, o)| o.fired)
    }
}

impl Trace {
    /// Reads a trace; the error names the line and what is wrong with it.
    pub fn parse(text: &str) -> Result<Trace, TraceError> {
        let mut trace = Trace {
            config: Config::default(),
            context: Context::default(),
            expect: Expect::None { blocked: None },
            observations: Vec::new(),
        };
        let mut expected = false;
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let err = |message: String| TraceError {
                line: i + 1,
                message,
            };
            let words: Vec<&str> = line.split_whitespace().collect();
            let (head, args) = words
                .split_first()
                .ok_or_else(|| err("empty line".into()))?;
            match *head {
                "config" => parse_config(&mut trace.config, args).map_err(err)?,
                "context" => parse_context(&mut trace.context, args).map_err(err)?,
                "expect" => {
                    trace.expect = parse_expect(args).map_err(err)?;
                    expected = true;
                }
                _ => trace
                    .observations
                    .push(parse_observation(head, args).map_err(err)?),
            }
        }
        if !expected {
            return Err(TraceError {
                line: 0,
                message: "no `expect` line: add `expect fire ...` or `expect none`".into(),
            });
        }
        Ok(trace)
    }

    /// Runs the trace through a new engine.
    pub fn replay(&self) -> Replay {
        let mut engine = Engine::new(self.config, self.context);
        let steps = self
            .observations
            .iter()
            .map(|&obs| (obs, engine.observe(obs)))
            .collect();
        Replay { steps }
    }

    /// Replays the trace and compares with its expectation; the error says
    /// what happened instead.
    pub fn check(&self) -> Result<(), String> {
        let replay = self.replay();
        match (self.expect, replay.first_fire()) {
            (Expect::Fire { reason, at, count }, Some((obs, out))) => {
                if reason.is_some() && out.top_reason() != reason {
                    return Err(format!(
                        "fired at {} ms, but for {}",
                        obs.t(),
                        describe(out)
                    ));
                }
                if at.is_some_and(|at| at != obs.t()) {
                    return Err(format!(
                        "fired at {} ms ({}), expected at {:?} ms",
                        obs.t(),
                        describe(out),
                        at
                    ));
                }
                let fires = replay.steps.iter().filter(|(_, o)| o.fired).count();
                match count {
                    Some(count) if count != fires => {
                        Err(format!("fired {fires} times, expected {count}"))
                    }
                    _ => Ok(()),
                }
            }
            (Expect::Fire { .. }, None) => {
                let best =
                    replay
                        .steps
                        .iter()
                        .map(|(_, o)| o)
                        .fold(None, |best: Option<&Outcome>, o| match best {
                            Some(b) if b.score >= o.score => Some(b),
                            _ => Some(o),
                        });
                Err(format!(
                    "did not fire; highest score {}",
                    best.map(describe).unwrap_or_else(|| "none".into())
                ))
            }
            (Expect::None { .. }, Some((obs, out))) => {
                Err(format!("fired at {} ms: {}", obs.t(), describe(out)))
            }
            (
                Expect::None {
                    blocked: Some(gate),
                },
                None,
            ) => {
                if replay.steps.iter().any(|(_, o)| o.blocked == Some(gate)) {
                    Ok(())
                } else {
                    Err(format!(
                        "did not fire, but was never held back by {}",
                        gate.name()
                    ))
                }
            }
            (Expect::None { blocked: None }, None) => Ok(()),
        }
    }
}

/// "0.95: topLeave 0.95, trajectory 0.31 (blocked: minTime)".
pub fn describe(out: &Outcome) -> String {
    let reasons: Vec<String> = out
        .reasons()
        .map(|(r, w)| format!("{} {:.2}", r.name(), w))
        .collect();
    let blocked = out
        .blocked
        .map(|g| format!(" (blocked: {})", g.name()))
        .unwrap_or_default();
    format!("{:.2}: {}{}", out.score, reasons.join(", "), blocked)
}

fn key_values<'a>(args: &[&'a str]) -> Result<Vec<(&'a str, &'a str)>, String> {
    args.iter()
        .map(|a| {
            a.split_once('=')
                .ok_or_else(|| format!("`{a}` is not key=value"))
        })
        .collect()
}

fn number(s: &str) -> Result<f64, String> {
    s.parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| format!("`{s}` is not a number"))
}

fn page(s: &str) -> Result<PageType, String> {
    PageType::parse(s).ok_or_else(|| format!("unknown page type `{s}`"))
}

fn parse_config(config: &mut Config, args: &[&str]) -> Result<(), String> {
    for (k, v) in key_values(args)? {
        match k {
            "sensitivity" => {
                config.sensitivity = Sensitivity::parse(v)
                    .ok_or_else(|| format!("sensitivity `{v}`: use low, medium or high"))?
            }
            "min-time" => config.min_time_on_page_ms = number(v)? * 1000.0,
            "cooldown" => config.cooldown_ms = number(v)? * 1000.0,
            "pages" => {
                config.pages = v
                    .split(',')
                    .filter(|p| !p.is_empty())
                    .try_fold(Pages::NONE, |set, p| page(p).map(|p| set.with(p)))?
            }
            "device" => {
                config.touch = match v {
                    "touch" => true,
                    "desktop" => false,
                    _ => return Err(format!("device `{v}`: use desktop or touch")),
                }
            }
            _ => return Err(format!("unknown config key `{k}`")),
        }
    }
    Ok(())
}

fn parse_context(context: &mut Context, args: &[&str]) -> Result<(), String> {
    for (k, v) in key_values(args)? {
        match k {
            "page" => context.page = page(v)?,
            "cart-items" => {
                context.cart_items = v
                    .parse()
                    .map_err(|_| format!("cart-items `{v}` is not a count"))?
            }
            _ => return Err(format!("unknown context key `{k}`")),
        }
    }
    Ok(())
}

fn parse_expect(args: &[&str]) -> Result<Expect, String> {
    let (what, rest) = args.split_first().ok_or("expect what? `fire` or `none`")?;
    let kv = key_values(rest)?;
    match *what {
        "fire" => {
            let mut reason = None;
            let mut at = None;
            let mut count = None;
            for (k, v) in kv {
                match k {
                    "reason" => {
                        reason =
                            Some(Reason::parse(v).ok_or_else(|| format!("unknown reason `{v}`"))?)
                    }
                    "at" => at = Some(number(v)?),
                    "count" => {
                        count = Some(
                            v.parse()
                                .map_err(|_| format!("count `{v}` is not a count"))?,
                        )
                    }
                    _ => return Err(format!("unknown expect key `{k}`")),
                }
            }
            Ok(Expect::Fire { reason, at, count })
        }
        "none" => {
            let mut blocked = None;
            for (k, v) in kv {
                match k {
                    "blocked" => {
                        blocked = Some(
                            Gate::ALL
                                .iter()
                                .copied()
                                .find(|g| g.name() == v)
                                .ok_or_else(|| format!("unknown gate `{v}`"))?,
                        )
                    }
                    _ => return Err(format!("unknown expect key `{k}`")),
                }
            }
            Ok(Expect::None { blocked })
        }
        _ => Err(format!("expect `{what}`: use `fire` or `none`")),
    }
}

fn parse_observation(head: &str, args: &[&str]) -> Result<Observation, String> {
    let n = |i: usize| -> Result<f64, String> {
        args.get(i)
            .ok_or_else(|| format!("`{head}` needs more values"))
            .and_then(|s| number(s))
    };
    let pressed = || args.get(3) == Some(&"pressed");
    let t = n(0)?;
    Ok(match head {
        "viewport" => Observation::Viewport {
            t,
            width: n(1)?,
            height: n(2)?,
        },
        "pointer" => Observation::Pointer {
            t,
            x: n(1)?,
            y: n(2)?,
            pressed: pressed(),
        },
        "leave" => Observation::Leave {
            t,
            x: n(1)?,
            y: n(2)?,
            pressed: pressed(),
        },
        "enter" => Observation::Enter {
            t,
            x: n(1)?,
            y: n(2)?,
        },
        "scroll" => Observation::Scroll { t, y: n(1)? },
        "touch" => Observation::TouchMove { t },
        "interaction" => Observation::Interaction { t },
        "hidden" => Observation::Hidden { t },
        "visible" => Observation::Visible { t },
        "blur" => Observation::Blur { t },
        "focus" => Observation::Focus { t },
        "back" => Observation::Back { t },
        "tick" => Observation::Tick { t },
        "hover" => Observation::Hovered { t },
        "shortcut" => Observation::Shortcut {
            t,
            key: args
                .get(1)
                .and_then(|k| k.chars().next())
                .ok_or("`shortcut` needs a key")?,
        },
        "page" => Observation::Context {
            t,
            context: Context {
                page: page(args.get(1).ok_or("`page` needs a page type")?)?,
                cart_items: args.get(2).map_or(Ok(0), |c| {
                    c.parse()
                        .map_err(|_| format!("cart items `{c}` is not a count"))
                })?,
            },
        },
        _ => return Err(format!("unknown observation `{head}`")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_line() {
        let e = Trace::parse("expect none\n\npointer 1 2\n").unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("more values"), "{e}");
        let e = Trace::parse("expect sometimes\n").unwrap_err();
        assert_eq!(e.line, 1);
        assert!(Trace::parse("tick 1\n")
            .unwrap_err()
            .message
            .contains("expect"));
        assert!(Trace::parse("expect none\nconfig sensitivity=extreme\n").is_err());
    }

    #[test]
    fn reads_every_observation() {
        let t = Trace::parse(
            "config sensitivity=high min-time=2 cooldown=0 pages=cart,other device=touch\n\
             context page=cart cart-items=3\n\
             expect none blocked=minTime # comment\n\
             viewport 0 390 844\npointer 1 2 3 pressed\nleave 2 3 -1\nenter 3 4 5\nscroll 4 100\ntouch 5\n\
             interaction 6\nhidden 7\nvisible 8\nblur 9\nfocus 10\nback 11\nshortcut 12 l\ntick 13\npage 14 product 1\n",
        )
        .unwrap();
        assert_eq!(t.observations.len(), 15);
        assert_eq!(t.config.sensitivity, Sensitivity::High);
        assert_eq!(t.config.min_time_on_page_ms, 2000.0);
        assert!(t.config.touch);
        assert!(
            t.config.pages.contains(PageType::Cart) && !t.config.pages.contains(PageType::Home)
        );
        assert_eq!(t.context.cart_items, 3);
        assert_eq!(
            t.observations[1],
            Observation::Pointer {
                t: 1.0,
                x: 2.0,
                y: 3.0,
                pressed: true
            }
        );
        assert_eq!(
            t.expect,
            Expect::None {
                blocked: Some(Gate::MinTime)
            }
        );
    }
}
