//! Differential: reading canonical-order JSON straight into the order table
//! (the hand-written fast path for clean input, else the definition) must
//! give exactly the table and the row errors of the one canonical order
//! definition (all orders read by `orders::read`, then tabled), or the same
//! whole-input error. Every input is compared: arrays, `{"orders": …}` with
//! the key repeated, byte order marks, `-0`, lone surrogates, anything.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::segments::{json, OrderTable};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let fast = json::read_table(&text, None);
    let careful = json::read_orders(&text);
    match (fast, careful) {
        (Ok((table, errors)), Ok(import)) => {
            assert_eq!(errors, import.errors);
            let careful = OrderTable::from_orders_in(&import.orders, None);
            assert_eq!(format!("{table:?}"), format!("{careful:?}"));
        }
        (Err(a), Err(b)) => assert_eq!(a, b),
        (a, b) => panic!("read_table {a:?} but the definition {b:?}"),
    }
});
