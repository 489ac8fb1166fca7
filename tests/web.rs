//! wasm-bindgen tests: the exported functions, run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(stammkunde::bind::version(), env!("CARGO_PKG_VERSION"));
}
