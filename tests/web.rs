//! wasm-bindgen tests: the exported functions, run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(stammkunde::bind::version(), env!("CARGO_PKG_VERSION"));
}

mod orders {
    use stammkunde::bind::orders::{demo_columns, demo_orders, read_columns, read_orders};
    use wasm_bindgen::prelude::*;
    use wasm_bindgen::JsCast;
    use wasm_bindgen_test::*;

    fn prop(value: &JsValue, key: &str) -> JsValue {
        js_sys::Reflect::get(value, &JsValue::from_str(key)).unwrap()
    }

    #[wasm_bindgen_test]
    fn read_orders_takes_csv_text_and_reports_bad_rows() {
        let csv = "Bestellnummer;Kundennummer;Datum;Betrag\n1001;K-1;01.11.2026;1.234,56\n1002;K-2;31.02.2026;5,00\n";
        let import = read_orders("csv", JsValue::from_str(csv), JsValue::UNDEFINED).unwrap();
        assert_eq!(prop(&import, "read").as_f64(), Some(2.0));
        assert_eq!(prop(&import, "used").as_f64(), Some(1.0));
        let orders: js_sys::Array = prop(&import, "orders").dyn_into().unwrap();
        assert_eq!(prop(&orders.get(0), "total").as_f64(), Some(123_456.0));
        let errors: js_sys::Array = prop(&import, "errors").dyn_into().unwrap();
        let error = errors.get(0);
        assert_eq!(prop(&error, "row").as_f64(), Some(3.0));
        assert_eq!(prop(&error, "field").as_string().unwrap(), "Datum");
    }

    #[wasm_bindgen_test]
    fn read_orders_takes_parsed_json_and_throws_with_a_fix() {
        let body = js_sys::JSON::parse(
            r#"[{"id":1,"status":"completed","currency":"EUR","date_created_gmt":"2026-01-01T10:00:00","total":"9.90","customer_id":0,"billing":{"email":"A@B.de"}}]"#,
        )
        .unwrap();
        let import = read_orders("woocommerce", body, JsValue::UNDEFINED).unwrap();
        let orders: js_sys::Array = prop(&import, "orders").dyn_into().unwrap();
        assert_eq!(
            prop(&orders.get(0), "customer").as_string().unwrap(),
            "a@b.de"
        );

        let error = read_orders("xml", JsValue::from_str(""), JsValue::UNDEFINED).unwrap_err();
        let message = error.dyn_into::<js_sys::Error>().unwrap().message();
        assert!(String::from(message).contains("use one of: shopify"));
        let error = read_orders("shopify", JsValue::from_str("{"), JsValue::UNDEFINED).unwrap_err();
        assert_eq!(prop(&error, "field").as_string().unwrap(), "input");
        assert!(error.is_instance_of::<js_sys::Error>());
    }

    #[wasm_bindgen_test]
    fn columns_and_demo_data() {
        let columns = read_columns(
            &[0, 1],
            &[1.7e12, f64::NAN],
            &[49.9, 10.0],
            JsValue::UNDEFINED,
        )
        .unwrap();
        assert_eq!(
            (columns.read(), columns.used(), columns.rejected()),
            (2, 1, 1)
        );
        assert_eq!(columns.totals(), vec![4_990.0]);
        let options =
            js_sys::JSON::parse(r#"{"customers": 50, "seed": 3, "asOf": "2026-11-01"}"#).unwrap();
        let orders: js_sys::Array = demo_orders(options.clone()).unwrap().dyn_into().unwrap();
        let columns = demo_columns(options).unwrap();
        assert_eq!(orders.length() as usize, columns.used());
        assert!(orders.length() > 50);
    }
}
