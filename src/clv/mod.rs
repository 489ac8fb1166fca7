//! Customer lifetime value: BG/NBD and Gamma-Gamma.
