//! Replays every recorded trace in tests/fixtures/traces/ through the
//! exit-intent engine and checks its expected outcome.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use std::fs;
use std::path::PathBuf;

use stammkunde::intent::trace::{describe, Expect, Trace};
use stammkunde::intent::Sensitivity;

fn traces() -> Vec<(String, Trace)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/traces");
    let mut out: Vec<(String, Trace)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "trace"))
        .map(|p| {
            let name = p.file_stem().unwrap().to_string_lossy().into_owned();
            let text = fs::read_to_string(&p).unwrap();
            let trace = Trace::parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, trace)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

#[test]
fn every_trace_has_its_expected_outcome() {
    let all = traces();
    let failures: Vec<String> = all
        .iter()
        .filter_map(|(name, trace)| trace.check().err().map(|e| format!("{name}: {e}")))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn every_field_failure_has_a_trace() {
    let names: Vec<String> = traces().into_iter().map(|(n, _)| n).collect();
    for case in [
        "no-fire-enter-from-tab-bar",
        "no-fire-firefox-select",
        "no-fire-autocomplete-popup",
        "no-fire-nav-hover-stay",
        "no-fire-scrollbar-drag",
        "no-fire-quick-move-first-seconds",
        "no-fire-mac-arrival-from-other-app",
        "fire-slow-exit-top",
        "fire-fast-flick-two-samples",
        "fire-fast-flick-one-sample",
        "fire-fixed-header-no-leave",
        "fire-safari-no-mouseleave",
        "fire-client-y-minus-one",
        "fire-mobile-fast-scroll-up",
        "fire-mobile-back-after-interaction",
        "fire-mobile-tab-return",
        "fire-mobile-idle-after-engagement",
    ] {
        assert!(
            names.iter().any(|n| n == case),
            "missing trace {case}.trace"
        );
    }
    // the names say what is expected; keep them honest
    for (name, trace) in traces() {
        let fires = matches!(trace.expect, Expect::Fire { .. });
        assert_eq!(
            name.starts_with("fire-"),
            fires,
            "{name}: name and `expect` disagree"
        );
    }
}

#[test]
fn replays_are_deterministic() {
    for (name, trace) in traces() {
        let a: Vec<_> = trace.replay().steps;
        let b: Vec<_> = trace.replay().steps;
        assert_eq!(a.len(), trace.observations.len(), "{name}");
        assert!(a == b, "{name}: two replays differ");
    }
}

#[test]
fn scores_stay_in_range_and_reasons_explain_every_firing() {
    for (name, trace) in traces() {
        for (obs, out) in trace.replay().steps {
            assert!(
                (0.0..=1.0).contains(&out.score),
                "{name} at {}: {}",
                obs.t(),
                out.score
            );
            if out.fired {
                assert!(out.reasons().count() > 0, "{name}: fired without reasons");
                let keep: f64 = out.reasons().map(|(_, w)| 1.0 - w).product();
                assert!(
                    (1.0 - keep - out.score).abs() < 1e-9,
                    "{name}: {}",
                    describe(&out)
                );
            }
        }
    }
}

/// Lower sensitivity never fires where higher does not, so a trace that must
/// not fire at its level does not fire at `low` either, and one that must
/// fire also fires at `high`.
#[test]
fn sensitivity_is_monotonic_on_the_traces() {
    for (name, mut trace) in traces() {
        let at = |trace: &mut Trace, s: Sensitivity| {
            trace.config.sensitivity = s;
            trace.replay().first_fire().is_some()
        };
        match trace.expect {
            Expect::None { .. } => {
                assert!(!at(&mut trace, Sensitivity::Low), "{name} fires at low")
            }
            Expect::Fire { .. } => assert!(
                at(&mut trace, Sensitivity::High),
                "{name} does not fire at high"
            ),
        }
    }
}
