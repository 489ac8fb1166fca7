//! The loader keeps the reason names, gate names and fire thresholds in JS
//! (so the storefront wasm exports fewer functions); they must match the core.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use stammkunde::intent::{Gate, Reason, Sensitivity};

const INTENT_JS: &str = include_str!("../js/src/storefront/intent.js");

/// The items of `export const NAME = [...]` in intent.js, unquoted.
fn js_array(name: &str) -> Vec<String> {
    let start = INTENT_JS
        .find(&format!("export const {name} = ["))
        .unwrap_or_else(|| panic!("{name} not found in intent.js"));
    let rest = &INTENT_JS[start..];
    let list = &rest[rest.find('[').unwrap() + 1..rest.find(']').unwrap()];
    list.split(',')
        .map(|s| s.trim().trim_matches('\'').to_string())
        .collect()
}

#[test]
fn reason_names_match() {
    let core: Vec<&str> = Reason::ALL.iter().map(|r| r.name()).collect();
    assert_eq!(js_array("REASONS"), core);
}

#[test]
fn gate_names_match() {
    let mut core = vec![String::new(); Gate::ALL.len() + 1];
    for g in Gate::ALL {
        core[usize::from(g.code())] = g.name().to_string();
    }
    assert_eq!(js_array("GATES"), core);
}

#[test]
fn thresholds_match() {
    let core: Vec<String> = [Sensitivity::Low, Sensitivity::Medium, Sensitivity::High]
        .iter()
        .map(|s| s.thresholds().fire.to_string())
        .collect();
    assert_eq!(js_array("THRESHOLDS"), core);
}
