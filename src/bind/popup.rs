//! Storefront bindings: popup.
//!
//! Flat number arrays in, one string out (see [`crate::popup::wire`]): no
//! JSON parser and no object glue in the storefront wasm.

use wasm_bindgen::prelude::*;

use crate::popup::wire;

/// Decides which popup to show. `config` and `input` are the number arrays
/// described in `stammkunde::popup::wire`; `regulars` is a comma-separated
/// list of regular segments, `segment` the visitor's segment (or "").
///
/// Returns `kind\ttier\tgap\tloyalty\tgroup` followed by one reason per
/// line; `kind` is empty when no popup fits, `group` is 1 for visitors in
/// the holdout group. Never throws.
#[wasm_bindgen(js_name = popupDecide)]
pub fn popup_decide(
    config: &[f64],
    regulars: &str,
    input: &[f64],
    visitor_id: &str,
    segment: &str,
) -> String {
    wire::decide_wire(config, regulars, input, visitor_id, segment)
}

/// Where to keep the visitor state: 0 `localStorage`, 1 `sessionStorage`,
/// 2 memory only, from the `storage` setting (0 local, 1 session, 2 none),
/// the `consent` setting (0 granted, 1 required) and the visitor's answer
/// (-1 none yet, 0 refused, 1 granted).
#[wasm_bindgen(js_name = popupStorage)]
pub fn popup_storage(storage: u32, consent: u32, answer: i32) -> u32 {
    wire::storage_wire(storage, consent, answer) as u32
}
