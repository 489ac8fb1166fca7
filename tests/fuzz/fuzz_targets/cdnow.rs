//! The CDNOW transaction log reader.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::orders::Format;

fuzz_target!(|data: &[u8]| stammkunde_fuzz::fuzz_format(Format::Cdnow, data));
