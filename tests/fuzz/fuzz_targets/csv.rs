//! The CSV reader with fuzzed separators, decimal marks and column mapping.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::orders::{csv, read, Format};
use stammkunde_fuzz::{check_import, options, Bytes};

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes::new(data);
    let flags = b.u8();
    let mut opts = options(&mut b);
    if flags & 1 != 0 {
        opts.delimiter = Some([';', ',', '\t', '"', '|', 'é'][usize::from(b.u8() % 6)]);
    }
    if flags & 2 != 0 {
        opts.decimal = Some([',', '.', 'x'][usize::from(b.u8() % 3)]);
    }
    if flags & 4 != 0 {
        let fields = [
            "order_id",
            "customer",
            "email",
            "placed_at",
            "time",
            "total",
            "sku",
            "bogus",
        ];
        let field = fields[usize::from(b.u8()) % fields.len()];
        opts.mapping.insert(field.into(), b.text(8));
    }
    let text = String::from_utf8_lossy(b.rest());
    if std::env::var_os("FUZZ_DUMP").is_some() {
        eprintln!("{opts:?}\n{text:?}");
    }
    if let Ok(import) = read(Format::Csv, &text, &opts) {
        if std::env::var_os("FUZZ_DUMP").is_some() {
            eprintln!("{:#?}", import.errors);
        }
        check_import(&import, &opts);
        // What the writer produces, the reader reads back unchanged.
        let written = csv::write_german(&import.orders);
        let back = read(Format::Csv, &written, &Default::default()).expect("own export reads");
        assert_eq!(
            back.rejected,
            0,
            "own export rejected: {:?}",
            back.errors.first()
        );
        assert_eq!(back.orders.len(), import.orders.len());
    }
});
