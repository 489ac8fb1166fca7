//! Admin bindings: orders.
