//! Exit-intent engine: scores a visitor's intent to leave from in-session behaviour.
