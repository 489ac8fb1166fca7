//! Admin bindings: segments.
