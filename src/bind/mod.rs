//! JavaScript bindings (wasm32 only): converts between JS values and core
//! types and turns core errors into JS `Error`s that say how to fix the call.

use wasm_bindgen::prelude::*;

#[cfg(feature = "admin")]
pub mod admin;
pub mod storefront;

/// The engine version, e.g. `"0.1.0"`.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
