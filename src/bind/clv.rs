//! Admin bindings: clv.
