//! The woocommerce adapter: raw text and generated payloads never panic,
//! and every import keeps its invariants.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::orders::Format;

fuzz_target!(|data: &[u8]| stammkunde_fuzz::fuzz_format(Format::WooCommerce, data));
