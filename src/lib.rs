//! Stammkunde: customer retention for online shops.
//!
//! The crate is a pure Rust core that compiles and is tested natively. The
//! `bind` module, compiled for `wasm32` only, is the thin layer that turns
//! the core into the JavaScript API of the storefront script and the admin
//! widgets.
//!
//! The storefront modules ([`intent`], [`popup`]) are always built; the admin
//! modules need the `admin` feature (on by default), so the storefront wasm
//! stays small.
//!
//! ```
//! assert!(!stammkunde::VERSION.is_empty());
//! ```

/// The crate version, as shown in the console and on the admin page.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

pub mod intent;
pub mod popup;

#[cfg(feature = "admin")]
pub mod api;
#[cfg(feature = "admin")]
pub mod calendar;
#[cfg(feature = "admin")]
pub mod classes;
#[cfg(feature = "admin")]
pub mod clv;
#[cfg(feature = "admin")]
pub mod demo;
#[cfg(feature = "admin")]
pub mod format;
#[cfg(feature = "admin")]
pub mod lang;
#[cfg(feature = "admin")]
pub mod money;
#[cfg(feature = "admin")]
pub mod nps;
#[cfg(feature = "admin")]
pub mod orders;
#[cfg(feature = "admin")]
pub mod rules;
#[cfg(feature = "admin")]
pub mod segments;
#[cfg(feature = "admin")]
pub mod sql;

#[cfg(target_arch = "wasm32")]
pub mod bind;

/// Helpers of the unit tests (of the admin modules).
#[cfg(all(test, feature = "admin"))]
mod testing {
    /// A reproducible stream of indices below `n` (xorshift64), for tests
    /// that try many random inputs without a dependency.
    pub(crate) fn xorshift(seed: u64) -> impl FnMut(usize) -> usize {
        let mut state = seed;
        move |n| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        }
    }
}
