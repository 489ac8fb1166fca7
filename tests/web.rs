//! wasm-bindgen tests: the exported functions, run in headless Chromium.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn version_is_the_crate_version() {
    assert_eq!(stammkunde::bind::version(), env!("CARGO_PKG_VERSION"));
}

// ---- segments -------------------------------------------------------------

#[cfg(feature = "admin")]
mod segments {
    use js_sys::{Array, Float64Array, Reflect, Uint32Array};
    use stammkunde::bind::segments::{compute_segments, compute_segments_from_json, parse_rule};
    use stammkunde::orders::Order;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_test::*;

    const DAY: i64 = 86_400;

    fn get(v: &JsValue, key: &str) -> JsValue {
        Reflect::get(v, &key.into()).unwrap()
    }

    fn orders() -> Vec<Order> {
        // anna: three orders 30 days apart, 600,00 in all; ben: one order.
        vec![
            Order::new("1", "anna", 20_000 * DAY, 20_000, "EUR"),
            Order::new("2", "anna", 20_030 * DAY, 20_000, "EUR"),
            Order::new("3", "anna", 20_060 * DAY, 20_000, "EUR"),
            Order::new("4", "ben", 20_150 * DAY, 4_990, "EUR"),
        ]
    }

    fn options() -> Option<JsValue> {
        Some(
            js_sys::JSON::parse(
                r#"{"asOf": "2025-03-03", "rules": [{"id": "big", "rule": "amount_spent > 500"}]}"#,
            )
            .unwrap(),
        )
    }

    #[wasm_bindgen_test]
    fn orders_array_and_columns_give_the_same_segments() {
        let input = serde_wasm_bindgen::to_value(&orders()).unwrap();
        let a = compute_segments(input, options()).unwrap();
        assert_eq!(a.customer_count(), 2);
        assert_eq!(a.as_of(), "2025-03-03"); // day 20150
        assert_eq!(a.members("rule:big").unwrap().to_vec(), vec![0]);
        assert_eq!(a.members("new_customers").unwrap().to_vec(), vec![1]);

        let cols = js_sys::Object::new();
        Reflect::set(
            &cols,
            &"customer".into(),
            &Uint32Array::from(&[0u32, 0, 0, 1][..]),
        )
        .unwrap();
        let ts: Vec<f64> = orders().iter().map(|o| o.placed_at as f64).collect();
        Reflect::set(
            &cols,
            &"placedAt".into(),
            &Float64Array::from(ts.as_slice()),
        )
        .unwrap();
        Reflect::set(
            &cols,
            &"total".into(),
            &Float64Array::from(&[20_000.0, 20_000.0, 20_000.0, 4_990.0][..]),
        )
        .unwrap();
        let keys = Array::of2(&"anna".into(), &"ben".into());
        Reflect::set(&cols, &"keys".into(), &keys).unwrap();
        Reflect::set(&cols, &"currency".into(), &"eur".into()).unwrap();
        let b = compute_segments(cols.into(), options()).unwrap();
        let summaries = |r: &stammkunde::bind::segments::SegmentResult| {
            js_sys::JSON::stringify(&r.segments(Some("en".into())).unwrap())
                .unwrap()
                .as_string()
                .unwrap()
        };
        assert_eq!(summaries(&a), summaries(&b));
        let columns = b.columns().unwrap();
        let median: Float64Array = get(&columns, "medianGap").dyn_into().unwrap();
        assert_eq!(median.get_index(0), 30.0);
        assert!(median.get_index(1).is_nan());
    }

    #[wasm_bindgen_test]
    fn customer_rows_carry_reasons_and_csv_is_german() {
        let json = serde_json::to_string(&orders()).unwrap();
        let r = compute_segments_from_json(&json, options()).unwrap();
        let anna = r.customer(0, Some("de".into())).unwrap();
        assert_eq!(get(&anna, "customer"), "anna");
        assert_eq!(get(&anna, "medianDaysBetweenOrders"), 30.0);
        let segments: Array = get(&anna, "segments").dyn_into().unwrap();
        let big = segments
            .iter()
            .find(|m| get(m, "id") == "rule:big")
            .unwrap();
        assert_eq!(get(&big, "reason"), "amount_spent 600,00 > 500");
        let csv = r.export_csv(None).unwrap();
        assert!(csv.starts_with("\u{feff}Kunde;Erste Bestellung;"));
        assert!(
            csv.contains("\r\nanna;04.10.2024;03.12.2024;3;600,00;200,00;30,0;90;"),
            "{csv}"
        );
    }

    #[wasm_bindgen_test]
    fn rule_errors_are_js_errors_with_a_column() {
        let err = parse_rule("amount_spent AND x", Some("en".into())).unwrap_err();
        let err: js_sys::Error = err.dyn_into().unwrap();
        assert_eq!(err.name(), "RuleError");
        assert_eq!(get(&err, "column"), 14);
        assert!(
            String::from(err.message()).starts_with("at column 14: expected a comparison operator")
        );
        let ok = parse_rule("abc = 'A' OR p_alive < 0,3", None).unwrap();
        assert_eq!(
            js_sys::JSON::stringify(&get(&ok, "fields")).unwrap(),
            "[\"abc\",\"p_alive\"]"
        );
    }

    #[wasm_bindgen_test]
    fn bad_options_and_inputs_say_how_to_fix_them() {
        let input = serde_wasm_bindgen::to_value(&orders()).unwrap();
        let typo = js_sys::JSON::parse(r#"{"asOf": "2025-03-03", "sleeperAfter": "8w"}"#).unwrap();
        let err: js_sys::Error = compute_segments(input.clone(), Some(typo))
            .err()
            .unwrap()
            .dyn_into()
            .unwrap();
        assert!(
            String::from(err.message()).contains("unknown field `sleeperAfter`"),
            "{}",
            String::from(err.message())
        );
        let bad_date = js_sys::JSON::parse(r#"{"asOf": "gestern"}"#).unwrap();
        let err: js_sys::Error = compute_segments(input, Some(bad_date))
            .err()
            .unwrap()
            .dyn_into()
            .unwrap();
        assert_eq!(
            String::from(err.message()),
            "asOf 'gestern' is not a date; write '2026-11-01' or '01.11.2026'"
        );
        let broken = js_sys::JSON::parse(r#"[{"id": "1", "customer": "a", "placed_at": 0, "total": 5, "currency": "EUR"}, {"id": "2"}]"#).unwrap();
        let r = compute_segments(broken, None).unwrap();
        let report = r.import_report().unwrap();
        assert_eq!(get(&report, "rejected"), 1);
        assert_eq!(r.customer_count(), 1);
    }

    #[wasm_bindgen_test]
    fn clv_values_and_nps_plug_in() {
        let input = serde_wasm_bindgen::to_value(&orders()).unwrap();
        let mut r = compute_segments(input, options()).unwrap();
        let clv = js_sys::JSON::parse(r#"[{"customer": "anna", "p_alive": 0.1, "predicted_clv": 1000}, {"customer": "zoe", "p_alive": 0.1}]"#).unwrap();
        assert_eq!(r.set_clv(clv).unwrap(), 1);
        assert_eq!(r.members("likely_churned").unwrap().to_vec(), vec![0]);
        assert_eq!(
            r.evaluate_rule("predicted_clv > 5", None).unwrap().to_vec(),
            vec![0]
        );
        let nps = r
            .nps(
                "customer;score;date\nanna;10;2025-01-01\nben;4;2025-02-01\ncem;x;2025-02-01\n"
                    .into(),
            )
            .unwrap();
        assert_eq!(get(&get(&nps, "overall"), "nps"), 0.0);
        let errors: Array = get(&nps, "errors").dyn_into().unwrap();
        assert_eq!(errors.length(), 1);
    }
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
