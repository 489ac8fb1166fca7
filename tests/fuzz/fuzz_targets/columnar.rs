//! Columnar input: arbitrary typed columns, including mismatched lengths,
//! NaN, infinities and unknown status codes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::orders::columnar::{read, Amounts, ColumnarInput};
use stammkunde_fuzz::Bytes;

/// A float that is often near the interesting ranges.
fn number(b: &mut Bytes) -> f64 {
    match b.u8() % 4 {
        0 => b.f64(),
        1 => f64::from(b.u32()) * 1e3,
        2 => f64::from(b.u16()) / 100.0 - 50.0,
        _ => f64::from(b.u32()) * 1e6 + 1.6e12,
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes::new(data);
    let flags = b.u8();
    let n = usize::from(b.u8() % 64);
    let extra = usize::from(flags >> 6); // sometimes lengths differ
    let customers: Vec<u32> = (0..n).map(|_| b.u32() % 8).collect();
    let timestamps: Vec<f64> = (0..n).map(|_| number(&mut b)).collect();
    let totals: Vec<f64> = (0..n + (extra & 1)).map(|_| number(&mut b)).collect();
    let status: Vec<u8> = (0..n).map(|_| b.u8() % 5).collect();
    let refunds: Vec<f64> = (0..n + (extra >> 1)).map(|_| number(&mut b)).collect();
    let input = ColumnarInput {
        customers: &customers,
        timestamps_ms: &timestamps,
        totals: &totals,
        status: (flags & 1 != 0).then_some(status.as_slice()),
        refunds: (flags & 2 != 0).then_some(refunds.as_slice()),
        digits: (flags & 4 != 0).then_some(u32::from(b.u8())),
    };
    let amounts = if flags & 8 != 0 {
        Amounts::Minor
    } else {
        Amounts::Major
    };
    if let Ok(import) = read(&input, amounts) {
        assert_eq!(import.read, import.used + import.rejected);
        let c = &import.columns;
        assert_eq!(c.len(), import.used);
        for i in 0..c.len() {
            assert!(c.total[i] >= 0 && c.net[i] >= 0 && c.net[i] <= c.total[i]);
        }
        let keys: Vec<String> = (0..8).map(|k| format!("k{k}")).collect();
        let orders = c.to_orders(&keys, "EUR");
        assert_eq!(orders.len(), c.len());
    }
});
