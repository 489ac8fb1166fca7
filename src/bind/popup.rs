//! Storefront bindings: popup.
