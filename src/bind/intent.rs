//! Storefront bindings: intent.
