//! wasm-bindgen tests: the exported functions, run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(stammkunde::bind::version(), env!("CARGO_PKG_VERSION"));
}

// ---- popup ---------------------------------------------------------------

use stammkunde::bind::popup::{popup_decide, popup_storage};
use stammkunde::popup::wire;

fn popup_input(page: f64, cart_cents: f64, items: f64) -> Vec<f64> {
    let mut a = vec![0.0; wire::input::HISTORY + 9];
    a[wire::input::SCORE] = 0.8;
    a[wire::input::FIRED] = 1.0;
    a[wire::input::PAGE] = page;
    a[wire::input::CART_VALUE] = cart_cents;
    a[wire::input::CART_ITEMS] = items;
    a[wire::input::PAGES_VIEWED] = 2.0;
    a[wire::input::NOW] = 1_750_000_000.0;
    a
}

#[wasm_bindgen_test]
fn popup_decide_answers_head_and_reasons() {
    let mut cfg = vec![f64::NAN; wire::config::TIERS];
    cfg[wire::config::HOLDOUT] = 0.0;
    let out = popup_decide(&cfg, "champions", &popup_input(2.0, 4_990.0, 1.0), "id", "");
    let mut lines = out.split('\n');
    assert_eq!(lines.next(), Some("voucher\t\t\t0\t0"));
    assert_eq!(lines.next(), Some("exit intent (score 0.80)"));
    let out = popup_decide(&cfg, "champions", &popup_input(4.0, 4_990.0, 1.0), "id", "");
    assert!(out.starts_with("service\t"), "{out}");
    let out = popup_decide(&cfg, "champions", &popup_input(0.0, 0.0, 0.0), "id", "");
    assert!(out.starts_with("newsletter\t"), "{out}");
    // garbage never throws
    let out = popup_decide(&[f64::NAN; 3], "", &[f64::INFINITY; 2], "", "");
    assert!(out.starts_with("\t\t\t0\t0\nno exit intent"), "{out}");
}

#[wasm_bindgen_test]
fn popup_group_and_storage_match_the_core() {
    let mut cfg = vec![f64::NAN; wire::config::TIERS];
    cfg[wire::config::HOLDOUT] = 0.1;
    let ids: Vec<String> = (0..2_000).map(|i| format!("{i:08x}")).collect();
    // on the confirmation page nothing is decided, the group is still told
    let group =
        |id: &str| popup_decide(&cfg, "", &popup_input(5.0, 0.0, 0.0), id, "").contains("\t0\t1\n");
    let held = ids.iter().filter(|id| group(id)).count();
    assert!((120..280).contains(&held), "{held}");
    assert!(ids
        .iter()
        .all(|id| group(id) == stammkunde::popup::in_holdout(id, 0.1)));
    assert_eq!(popup_storage(0, 1, -1), 2); // local, required, no answer: memory
    assert_eq!(popup_storage(1, 1, 1), 1); // session, required, granted: session
    assert_eq!(popup_storage(0, 0, 0), 2); // refused: memory
    assert_eq!(popup_storage(0, 0, -1), 0);
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

#[cfg(feature = "admin")]
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
