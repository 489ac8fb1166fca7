//! Streaming JSON imports (in progress).
