//! Segments: per-customer figures, RFM, ABC and the built-in segments.
