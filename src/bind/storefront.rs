//! Storefront bindings: intent engine and popup decision.
