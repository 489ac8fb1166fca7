//! Stammkunde: customer retention for online shops.
//!
//! The crate is a pure Rust core that compiles and is tested natively. The
//! [`bind`] module, compiled for `wasm32` only, is the thin layer that turns
//! the core into the JavaScript API of the storefront script and the admin
//! widgets.
//!
//! ```
//! assert!(!stammkunde::VERSION.is_empty());
//! ```

/// The crate version, as shown in the console and on the admin page.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

#[cfg(target_arch = "wasm32")]
pub mod bind;
