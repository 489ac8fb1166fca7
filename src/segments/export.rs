//! CSV and JSON output of segment results.
