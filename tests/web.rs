//! wasm-bindgen tests: the exported functions, run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(stammkunde::bind::version(), env!("CARGO_PKG_VERSION"));
}

// ---- CLV ---------------------------------------------------------------

#[cfg(feature = "admin")]
mod clv {
    use js_sys::{Object, Reflect};
    use stammkunde::orders::Order;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    const CDNOW: &str = include_str!("fixtures/cdnow/CDNOW_sample.txt");

    /// The CDNOW sample as canonical orders (date YYYYMMDD -> Unix seconds).
    fn cdnow_orders() -> JsValue {
        let orders: Vec<Order> = CDNOW
            .lines()
            .enumerate()
            .filter_map(|(i, line)| {
                let f: Vec<&str> = line.split_whitespace().collect();
                let [cust, _, date, _, dollars] = f[..] else {
                    return None;
                };
                let d = chrono::NaiveDate::parse_from_str(date, "%Y%m%d").ok()?;
                let ts = d.and_hms_opt(12, 0, 0)?.and_utc().timestamp();
                let cents = (dollars.parse::<f64>().ok()? * 100.0).round() as i64;
                Some(Order::new(&i.to_string(), cust, ts, cents, "USD"))
            })
            .collect();
        serde_wasm_bindgen::to_value(&orders).unwrap()
    }

    fn get(v: &JsValue, path: &str) -> JsValue {
        path.split('.').fold(v.clone(), |acc, key| {
            Reflect::get(&acc, &JsValue::from_str(key)).unwrap()
        })
    }

    #[wasm_bindgen_test]
    fn compute_clv_matches_the_published_cdnow_fit() {
        let opts = Object::new();
        Reflect::set(&opts, &"calibrationEnd".into(), &"1997-09-30".into()).unwrap();
        let report = stammkunde::bind::clv::compute_clv(cdnow_orders(), Some(opts.into())).unwrap();
        let r = get(&report, "bg_nbd.params.r").as_f64().unwrap();
        let b = get(&report, "bg_nbd.params.b").as_f64().unwrap();
        assert!((r - 0.2426).abs() <= 0.001, "r = {r}");
        assert!((b - 2.4259).abs() <= 0.001, "b = {b}");
        assert_eq!(
            get(&report, "total_repeat_purchases").as_f64(),
            Some(2_457.0)
        );
        assert_eq!(
            get(&report, "bg_nbd.convergence.converged").as_bool(),
            Some(true)
        );
        let customers = js_sys::Array::from(&get(&report, "customers"));
        assert_eq!(customers.length(), 2_357);
        let first = customers.get(0);
        assert!(get(&first, "p_alive").as_f64().unwrap() <= 1.0);
        assert!(js_sys::Array::from(&get(&first, "reasons")).length() >= 3);
    }

    #[wasm_bindgen_test]
    fn compute_clv_throws_an_error_saying_what_is_missing() {
        let few = js_sys::Array::from(&cdnow_orders()).slice(0, 50);
        let err = stammkunde::bind::clv::compute_clv(few.into(), None).unwrap_err();
        let err: js_sys::Error = err.into();
        let msg: String = err.message().into();
        assert!(msg.contains("more"), "{msg}");
        assert_eq!(
            get(&err, "kind").as_string().as_deref(),
            Some("insufficient")
        );
        assert!(js_sys::Array::is_array(&get(&err, "shortfalls")));
    }

    #[wasm_bindgen_test]
    fn compute_clv_refuses_a_bad_date_with_a_fix() {
        let opts = Object::new();
        Reflect::set(&opts, &"calibration_end".into(), &"30.09.1997".into()).unwrap();
        let err: js_sys::Error =
            stammkunde::bind::clv::compute_clv(cdnow_orders(), Some(opts.into()))
                .unwrap_err()
                .into();
        let msg: String = err.message().into();
        assert!(msg.contains("YYYY-MM-DD"), "{msg}");
    }
}
