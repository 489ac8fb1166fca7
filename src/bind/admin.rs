//! Admin bindings: orders, segments, rules, CLV.
