//! JavaScript bindings (wasm32 only): converts between JS values and core
//! types and turns core errors into `StammkundeError`s (see [`error`]) that say how
//! to fix the call.
//!
//! `intent` and `popup` come with the `storefront` feature, the rest with
//! `admin`; `esm` adds the functions only the ESM package exports.

#[cfg(feature = "admin")]
use wasm_bindgen::prelude::*;

#[cfg(feature = "storefront")]
pub mod intent;
#[cfg(feature = "storefront")]
pub mod popup;

// The storefront wasm's small allocator (the admin build keeps the standard one).
#[cfg(not(feature = "admin"))]
mod alloc;

#[cfg(feature = "admin")]
pub mod clv;
#[cfg(feature = "admin")]
mod convert;
#[cfg(feature = "admin")]
pub mod error;
#[cfg(feature = "admin")]
pub mod import;
#[cfg(feature = "admin")]
pub mod orders;
#[cfg(feature = "admin")]
pub mod pipeline;
#[cfg(feature = "admin")]
pub mod segments;
#[cfg(feature = "admin")]
mod units;

// The declarations of the option and data types (orders, row errors, the
// CLV report, the options objects, …), generated from the Rust types by
// tests/typescript.rs.
#[cfg(feature = "admin")]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

/// The engine version, e.g. `"0.1.0"`. Not in the script tag's build (its
/// loader carries the same crate version, `__VERSION__`, for size).
#[cfg(feature = "admin")]
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}
