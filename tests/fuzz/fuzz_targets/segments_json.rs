//! Differential: reading canonical-order JSON straight into the order table
//! (the hand-written fast path, or serde streaming) must give exactly the
//! table and the row errors of the careful path (all orders read with serde,
//! checked one by one, then tabled).
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::segments::{json, OrderTable};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Arrays only: for `{"orders": …}` with the key repeated, the streaming
    // reader takes the first list and serde_json's Value the last.
    if !text.trim_start().starts_with('[') {
        return;
    }
    let Ok((table, errors)) = json::read_table(&text, None) else {
        return;
    };
    let import = json::read_orders(&text).expect("read_table read text that read_orders rejects");
    assert_eq!(errors, import.errors);
    let careful = OrderTable::from_orders_in(&import.orders, None);
    assert_eq!(format!("{table:?}"), format!("{careful:?}"));
});
