//! wasm-bindgen tests: the exported functions, run in headless Chromium.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
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
        let input = js_sys::JSON::parse(&serde_json::to_string(&orders()).unwrap()).unwrap();
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
        let r = compute_segments_from_json(JsValue::from_str(&json), options()).unwrap();
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
        assert_eq!(err.name(), "StammkundeError");
        assert_eq!(get(&err, "code"), "rule");
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
        let input = js_sys::JSON::parse(&serde_json::to_string(&orders()).unwrap()).unwrap();
        let typo = js_sys::JSON::parse(r#"{"asOf": "2025-03-03", "sleeperAfter": "8w"}"#).unwrap();
        let err: js_sys::Error = compute_segments(input.clone(), Some(typo))
            .err()
            .unwrap()
            .dyn_into()
            .unwrap();
        let message = String::from(err.message());
        assert!(
            message.contains("unknown option 'sleeperAfter'") && message.contains("sleepersAfter"),
            "{message}"
        );
        assert_eq!(get(&err, "code"), "invalid_option");
        assert_eq!(get(&err, "field"), "sleeperAfter");
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

    /// The `invalid_option` error of `options` (JSON text) for the orders.
    fn option_error(options: &str) -> JsValue {
        let input = js_sys::JSON::parse(&serde_json::to_string(&orders()).unwrap()).unwrap();
        let options = js_sys::JSON::parse(options).unwrap();
        let err = compute_segments(input, Some(options)).err().unwrap();
        assert!(err.is_instance_of::<js_sys::Error>());
        assert_eq!(get(&err, "code"), "invalid_option");
        err
    }

    #[wasm_bindgen_test]
    fn a_bad_option_value_is_an_invalid_option_naming_the_field() {
        let err = option_error(r#"{"asOf": "2025-03-03", "highRevenue": "viel"}"#);
        assert_eq!(get(&err, "field"), "highRevenue");
        let message = get(&err, "message").as_string().unwrap();
        assert!(
            message
                .starts_with("computeSegments: option highRevenue: invalid type: string \"viel\"")
                && message.contains("see SegmentOptions"),
            "{message}"
        );
        // nested: the path of the field
        let err = option_error(r#"{"rules": [{"id": "big"}]}"#);
        assert_eq!(get(&err, "field"), "rules[0]");
        let message = get(&err, "message").as_string().unwrap();
        assert!(message.contains("missing field `rule`"), "{message}");
        // not an object at all
        let input = js_sys::JSON::parse(&serde_json::to_string(&orders()).unwrap()).unwrap();
        let err = compute_segments(input, Some(JsValue::from_str("2025-03-03")))
            .err()
            .unwrap();
        assert_eq!(get(&err, "code"), "invalid_option");
        assert_eq!(get(&err, "field"), "options");
    }

    #[wasm_bindgen_test]
    fn options_take_snake_case_aliases_and_skip_undefined_values() {
        let input = js_sys::JSON::parse(&serde_json::to_string(&orders()).unwrap()).unwrap();
        let options =
            js_sys::JSON::parse(r#"{"as_of": "2025-03-03", "high_revenue": 100}"#).unwrap();
        // `vipShare: undefined` means "not given", as it did through JSON text
        Reflect::set(&options, &"vipShare".into(), &JsValue::UNDEFINED).unwrap();
        let r = compute_segments(input, Some(options)).unwrap();
        assert_eq!(r.as_of(), "2025-03-03");
        assert_eq!(r.members("high_revenue").unwrap().to_vec(), vec![0, 1]);
    }

    #[wasm_bindgen_test]
    fn csv_options_name_the_wrong_field() {
        use stammkunde::bind::segments::table_csv;
        let columns = js_sys::JSON::parse(r#"[{"header": "h", "type": "text"}]"#).unwrap();
        let rows = js_sys::JSON::parse(r#"[["x"]]"#).unwrap();
        let options = js_sys::JSON::parse(r#"{"lang": "fr"}"#).unwrap();
        let err = table_csv(columns.clone(), rows.clone(), Some(options)).unwrap_err();
        assert_eq!(get(&err, "code"), "invalid_option");
        assert_eq!(get(&err, "field"), "lang");
        let message = get(&err, "message").as_string().unwrap();
        assert!(message.contains("unknown variant `fr`"), "{message}");
        let bad = js_sys::JSON::parse(r#"[{"header": "h", "type": "euro"}]"#).unwrap();
        let err = table_csv(bad, rows.clone(), None).unwrap_err();
        assert_eq!(get(&err, "code"), "invalid_input");
        let message = get(&err, "message").as_string().unwrap();
        assert!(message.contains("columns [0].type"), "{message}");
        let options = js_sys::JSON::parse(r#"{"lang": "en", "bom": false}"#).unwrap();
        assert_eq!(
            table_csv(columns, rows, Some(options)).unwrap(),
            "h\r\nx\r\n"
        );
    }

    #[wasm_bindgen_test]
    fn small_results_are_plain_objects() {
        let input = js_sys::JSON::parse(&serde_json::to_string(&orders()).unwrap()).unwrap();
        let r = compute_segments(input, options()).unwrap();
        let answers = js_sys::JSON::parse(
            r#"[{"customer": "anna", "score": 10, "date": "2025-01-01"}, {"customer": "ben", "score": "4", "date": "2025-02-01"}, {"customer": "cem", "score": true, "date": "2025-02-01"}]"#,
        )
        .unwrap();
        let nps = r.nps(answers).unwrap();
        assert_eq!(get(&get(&nps, "overall"), "responses"), 2.0);
        assert_eq!(get(&nps, "afterAsOf"), 0.0);
        let errors: Array = get(&nps, "errors").dyn_into().unwrap();
        assert_eq!(errors.length(), 1);
        assert_eq!(get(&errors.get(0), "row"), 3.0);
        let info = parse_rule("amount_spent > 5", None).unwrap();
        assert_eq!(get(&info, "text"), "amount_spent > 5");
        assert_eq!(Array::from(&get(&info, "fields")).length(), 1);
    }

    #[wasm_bindgen_test]
    fn clv_values_and_nps_plug_in() {
        let input = js_sys::JSON::parse(&serde_json::to_string(&orders()).unwrap()).unwrap();
        let mut r = compute_segments(input, options()).unwrap();
        let clv = js_sys::JSON::parse(r#"[{"customer": "anna", "pAlive": 0.1, "predictedClv": 1000}, {"customer": "zoe", "pAlive": 0.1}]"#).unwrap();
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
        js_sys::JSON::parse(&serde_json::to_string(&orders).unwrap()).unwrap()
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
        let r = get(&report, "bgNbd.params.r").as_f64().unwrap();
        let b = get(&report, "bgNbd.params.b").as_f64().unwrap();
        assert!((r - 0.2426).abs() <= 0.001, "r = {r}");
        assert!((b - 2.4259).abs() <= 0.001, "b = {b}");
        assert_eq!(get(&report, "totalRepeatPurchases").as_f64(), Some(2_457.0));
        assert_eq!(
            get(&report, "bgNbd.convergence.converged").as_bool(),
            Some(true)
        );
        let customers = js_sys::Array::from(&get(&report, "customers"));
        assert_eq!(customers.length(), 2_357);
        let first = customers.get(0);
        assert!(get(&first, "pAlive").as_f64().unwrap() <= 1.0);
        assert!(js_sys::Array::from(&get(&first, "reasons")).length() >= 3);
    }

    #[wasm_bindgen_test]
    fn compute_clv_throws_an_error_saying_what_is_missing() {
        let few = js_sys::Array::from(&cdnow_orders()).slice(0, 50);
        let err = stammkunde::bind::clv::compute_clv(few.into(), None).unwrap_err();
        let err: js_sys::Error = err.into();
        let msg: String = err.message().into();
        // German by default, as everywhere in the JS API
        assert!(msg.contains("es fehlen"), "{msg}");
        assert_eq!(
            get(&err, "code").as_string().as_deref(),
            Some("insufficient_data")
        );
        assert!(js_sys::Array::is_array(&get(&err, "shortfalls")));
    }

    #[wasm_bindgen_test]
    fn compute_clv_names_a_bad_option() {
        let opts = js_sys::JSON::parse(r#"{"horizonMonths": "12"}"#).unwrap();
        let err = stammkunde::bind::clv::compute_clv(cdnow_orders(), Some(opts)).unwrap_err();
        assert_eq!(
            get(&err, "code").as_string().as_deref(),
            Some("invalid_option")
        );
        assert_eq!(
            get(&err, "field").as_string().as_deref(),
            Some("horizonMonths")
        );
        let opts = js_sys::JSON::parse(r#"{"horizonMonth": 6}"#).unwrap();
        let err = stammkunde::bind::clv::compute_clv(cdnow_orders(), Some(opts)).unwrap_err();
        assert_eq!(
            get(&err, "field").as_string().as_deref(),
            Some("horizonMonth")
        );
        let msg = get(&err, "message").as_string().unwrap();
        assert!(
            msg.contains("unknown option 'horizonMonth'") && msg.contains("horizonMonths"),
            "{msg}"
        );
    }

    #[wasm_bindgen_test]
    fn compute_clv_refuses_a_bad_date_with_a_fix() {
        let opts = Object::new();
        Reflect::set(&opts, &"calibrationEnd".into(), &"nächste Woche".into()).unwrap();
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
    fn read_options_are_checked_by_name() {
        let csv = JsValue::from_str(
            "Bestellnummer;Kundennummer;Datum;Betrag\n1;K-1;01.11.2026 23:30;5,00\n",
        );
        let options = js_sys::JSON::parse(r#"{"delimiter": 5}"#).unwrap();
        let error = read_orders("csv", csv.clone(), options).unwrap_err();
        assert_eq!(prop(&error, "code").as_string().unwrap(), "invalid_option");
        assert_eq!(prop(&error, "field").as_string().unwrap(), "delimiter");
        let options = js_sys::JSON::parse(r#"{"rate": {}}"#).unwrap();
        let error = read_orders("csv", csv.clone(), options).unwrap_err();
        assert_eq!(prop(&error, "field").as_string().unwrap(), "rate");
        // camelCase, and the snake_case name accepted too
        for options in [r#"{"timeZone": "+02:00"}"#, r#"{"time_zone": "+02:00"}"#] {
            let options = js_sys::JSON::parse(options).unwrap();
            let import = read_orders("csv", csv.clone(), options).unwrap();
            let orders: js_sys::Array = prop(&import, "orders").dyn_into().unwrap();
            // 23:30 at +02:00 is 21:30 UTC
            let placed = prop(&orders.get(0), "placed_at").as_f64().unwrap();
            assert_eq!(placed as i64 % 86_400, 21 * 3600 + 1800);
        }
        let error = demo_orders(js_sys::JSON::parse(r#"{"customers": 1.5}"#).unwrap()).unwrap_err();
        assert_eq!(prop(&error, "field").as_string().unwrap(), "customers");
        let error = demo_orders(js_sys::JSON::parse(r#"{"customer": 5}"#).unwrap()).unwrap_err();
        assert_eq!(prop(&error, "code").as_string().unwrap(), "invalid_option");
        assert_eq!(prop(&error, "field").as_string().unwrap(), "customer");
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

// ---- exit intent ---------------------------------------------------------

use stammkunde::bind::intent::IntentEngine;
use stammkunde::intent::trace::Trace;
use stammkunde::intent::{Engine, Observation, Reason};

/// Feeds one observation through the JS-facing `observe(kind, t, a, b, c)`.
fn drive(e: &mut IntentEngine, obs: Observation) -> bool {
    let p = |pressed: bool| if pressed { 1.0 } else { 0.0 };
    let (kind, t, a, b, c) = match obs {
        Observation::Viewport { t, width, height } => (0, t, width, height, 0.0),
        Observation::Context { t, context } => (
            1,
            t,
            f64::from(context.page.code()),
            f64::from(context.cart_items),
            0.0,
        ),
        Observation::Pointer { t, x, y, pressed } => (2, t, x, y, p(pressed)),
        Observation::Leave { t, x, y, pressed } => (3, t, x, y, p(pressed)),
        Observation::Enter { t, x, y } => (4, t, x, y, 0.0),
        Observation::Scroll { t, y } => (5, t, y, 0.0, 0.0),
        Observation::TouchMove { t } => (6, t, 0.0, 0.0, 0.0),
        Observation::Interaction { t } => (7, t, 0.0, 0.0, 0.0),
        Observation::Hidden { t } => (8, t, 0.0, 0.0, 0.0),
        Observation::Visible { t } => (9, t, 0.0, 0.0, 0.0),
        Observation::Blur { t } => (10, t, 0.0, 0.0, 0.0),
        Observation::Focus { t } => (11, t, 0.0, 0.0, 0.0),
        Observation::Back { t } => (12, t, 0.0, 0.0, 0.0),
        Observation::Shortcut { t, key } => (13, t, f64::from(u32::from(key)), 0.0, 0.0),
        Observation::Tick { t } => (14, t, 0.0, 0.0, 0.0),
        Observation::Hovered { t } => (15, t, 0.0, 0.0, 0.0),
    };
    e.observe(kind, t, a, b, c)
}

fn binding_for(trace: &Trace) -> IntentEngine {
    let c = trace.config;
    let mut e = IntentEngine::packed(
        c.sensitivity.code(),
        c.min_time_on_page_ms / 1000.0,
        c.cooldown_ms / 1000.0,
        c.pages.0,
        c.touch,
    );
    let ctx = trace.context;
    e.observe(
        1,
        0.0,
        f64::from(ctx.page.code()),
        f64::from(ctx.cart_items),
        0.0,
    );
    e
}

const TRACES: [&str; 6] = [
    include_str!("fixtures/traces/fire-fast-flick-two-samples.trace"),
    include_str!("fixtures/traces/fire-safari-no-mouseleave.trace"),
    include_str!("fixtures/traces/fire-mobile-fast-scroll-up.trace"),
    include_str!("fixtures/traces/no-fire-nav-hover-stay.trace"),
    include_str!("fixtures/traces/no-fire-firefox-select.trace"),
    include_str!("fixtures/traces/no-fire-quick-move-first-seconds.trace"),
];

#[wasm_bindgen_test]
fn intent_binding_gives_the_native_outcomes_on_traces() {
    for text in TRACES {
        let trace = Trace::parse(text).unwrap();
        let mut native = Engine::new(trace.config, trace.context);
        let mut js = binding_for(&trace);
        for obs in &trace.observations {
            let want = native.observe(*obs);
            assert_eq!(drive(&mut js, *obs), want.fired, "{obs:?}");
            assert_eq!(js.score(), want.score, "{obs:?}");
            assert_eq!(js.blocked(), want.blocked.map_or(0, |g| g.code()));
            for r in Reason::ALL {
                assert_eq!(js.weight(r.code()), want.weight(r));
            }
        }
        assert_eq!(trace.check(), Ok(()));
    }
}

#[wasm_bindgen_test]
fn intent_frame_carries_pointer_scroll_and_touch_in_one_call() {
    // mobile: a finger fling up, one frame() per animation frame
    let mut e = IntentEngine::packed(1, 0.0, 30.0, 0x7f, true);
    e.observe(0, 0.0, 390.0, 664.0, 0.0);
    for i in 0..60 {
        let t = 1000.0 + 16.0 * f64::from(i);
        assert!(!e.frame(
            t,
            f64::NAN,
            f64::NAN,
            false,
            40.0 * f64::from(i),
            i % 4 == 0
        ));
    }
    let fired = (0..20).any(|i| {
        e.frame(
            5000.0 + 16.0 * f64::from(i),
            f64::NAN,
            f64::NAN,
            false,
            2400.0 - 60.0 * f64::from(i),
            true,
        )
    });
    assert!(fired);
    assert!(
        e.weight(Reason::ScrollUp.code()) > 0.9,
        "the firing outcome is kept"
    );
    // desktop: NaN scroll, pointer only; then a leave through the top
    let mut d = IntentEngine::packed(1, 0.0, 30.0, 0x7f, false);
    d.observe(0, 0.0, 1265.0, 720.0, 0.0);
    for (i, y) in [400.0, 300.0, 200.0, 100.0].into_iter().enumerate() {
        assert!(!d.frame(16.0 * i as f64, 600.0, y, false, f64::NAN, false));
    }
    assert!(
        d.score() > 0.0 && d.score() < 0.75,
        "the path alone: {}",
        d.score()
    );
    assert!(d.observe(3, 70.0, 600.0, -1.0, 0.0));
    assert_eq!(
        d.weight(Reason::TopLeave.code()),
        Reason::TopLeave.max_weight()
    );
    assert_eq!(d.weight(99), 0.0);
}

#[wasm_bindgen_test]
fn intent_defaults_and_bad_input() {
    // an unknown sensitivity is medium, negative and NaN times are 0: fires at once
    let mut e = IntentEngine::packed(7, -5.0, f64::NAN, 0x7f, false);
    e.observe(7, 1.0, 0.0, 0.0, 0.0);
    assert!(e.observe(12, 2.0, 0.0, 0.0, 0.0));
    assert_eq!(e.blocked(), 0);
    // non-finite input and unknown kinds are ignored, never a panic
    assert!(!e.observe(2, f64::NAN, f64::INFINITY, 1.0, 0.0));
    assert!(!e.observe(200, 3.0, 0.0, 0.0, 0.0));
    assert!(!e.frame(f64::INFINITY, 1.0, 1.0, false, f64::NAN, true));
    // a page type code out of range is "other"; a shortcut key out of range is no key
    assert!(!e.observe(1, 4.0, 300.0, -2.0, 0.0));
    assert!(!e.observe(13, 5.0, 1e12, 0.0, 0.0));
}

#[wasm_bindgen_test]
fn intent_options_name_the_wrong_field() {
    use wasm_bindgen::JsValue;
    let field = |options: &str| {
        let err = IntentEngine::new(js_sys::JSON::parse(options).unwrap())
            .err()
            .unwrap();
        let get = |k: &str| js_sys::Reflect::get(&err, &JsValue::from_str(k)).unwrap();
        assert_eq!(get("code"), "invalid_option");
        (
            get("field").as_string().unwrap(),
            get("message").as_string().unwrap(),
        )
    };
    let (f, message) = field(r#"{"cooldown": "30s"}"#);
    assert_eq!(f, "cooldown");
    assert!(
        message.starts_with("IntentEngine: option cooldown: invalid type"),
        "{message}"
    );
    assert_eq!(field(r#"{"minSeconds": 5}"#).0, "minSeconds");
    assert_eq!(field(r#"{"pages": ["basket"]}"#).0, "pages");
    assert_eq!(field(r#"{"cooldown": -1}"#).0, "cooldown");
    assert!(IntentEngine::new(
        js_sys::JSON::parse(r#"{"pages": ["cart"], "device": "touch"}"#).unwrap()
    )
    .is_ok());
}

// ---- streaming import -------------------------------------------------------

#[cfg(feature = "admin")]
mod feed {
    use js_sys::{Reflect, Uint8Array, JSON};
    use stammkunde::bind::orders::load_orders;
    use stammkunde::bind::pipeline::OrderFeed;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_test::*;

    fn get(v: &JsValue, key: &str) -> f64 {
        Reflect::get(v, &key.into()).unwrap().as_f64().unwrap()
    }

    /// The import report of `text` fed in chunks of `chunk` bytes, read in
    /// pieces of `piece` bytes.
    fn fed(format: &str, text: &str, options: &JsValue, chunk: usize, piece: usize) -> JsValue {
        fed_bytes(format, text.as_bytes(), options, chunk, piece)
    }

    fn fed_bytes(
        format: &str,
        bytes: &[u8],
        options: &JsValue,
        chunk: usize,
        piece: usize,
    ) -> JsValue {
        let mut feed = OrderFeed::new(format, options.clone(), bytes.len() as f64).unwrap();
        feed.set_piece_size(piece);
        for part in bytes.chunks(chunk) {
            feed.push(&Uint8Array::from(part)).unwrap();
        }
        let seg = feed
            .finish(Some(JSON::parse(r#"{"asOf": "2026-11-01"}"#).unwrap()))
            .unwrap();
        seg.import_report().unwrap()
    }

    #[wasm_bindgen_test]
    fn utf16_csv_in_small_chunks_reads_as_its_utf8_text() {
        // Excel's "Unicode text": UTF-16 LE with BOM, read in pieces as it
        // arrives; umlauts, a euro sign and a repeated id in a later piece.
        let mut text = String::from("Bestellnummer;Kundennummer;Datum;Betrag;Währung\n");
        for i in 1..=300 {
            text.push_str(&format!(
                "{i};Kundin-{};24.12.2025;1.234,56 €;EUR\n",
                i % 17
            ));
        }
        text.push_str("7;Jürgen Größe;27.12.2025;9,99;EUR\n");
        let mut utf16 = vec![0xff, 0xfe];
        for unit in text.encode_utf16() {
            utf16.extend(unit.to_le_bytes());
        }
        let options = JsValue::UNDEFINED;
        let want = JSON::stringify(&fed("csv", &text, &options, text.len(), 8 << 20)).unwrap();
        for (chunk, piece) in [(3, 256), (1, 4096), (utf16.len(), 8 << 20)] {
            let got = fed_bytes("csv", &utf16, &options, chunk, piece);
            assert_eq!(JSON::stringify(&got).unwrap(), want, "chunks of {chunk}");
            assert_eq!(get(&got, "rejected"), 1.0);
        }
    }

    #[wasm_bindgen_test]
    fn shopify_json_in_small_chunks_reads_as_load_orders() {
        let text = include_str!("fixtures/orders/shopify_rest.json");
        let options =
            JSON::parse(r#"{"currency": "EUR", "rates": {"CHF": 1.05, "USD": 0.9}}"#).unwrap();
        let loaded = load_orders("shopify", JsValue::from_str(text), options.clone()).unwrap();
        let small = fed("shopify", text, &options, 7, 64);
        let one = fed("shopify", text, &options, text.len(), 8 << 20);
        // Read in one piece: as loadOrders (whose `used` counts the
        // cancelled orders too).
        assert_eq!(get(&one, "read"), loaded.read() as f64);
        assert_eq!(get(&one, "rejected"), loaded.rejected() as f64);
        assert_eq!(
            get(&one, "used") + get(&one, "cancelled") + get(&one, "duplicates"),
            loaded.used() as f64
        );
        // In small pieces: the same (the fixture's repeated order id lies
        // in another piece than its first copy and is still named).
        for key in ["read", "used", "cancelled", "duplicates", "rejected"] {
            assert_eq!(get(&small, key), get(&one, key), "{key}");
        }
        assert!(get(&small, "used") > 0.0);
    }

    #[wasm_bindgen_test]
    fn broken_json_in_chunks_throws_with_the_place() {
        let options = JsValue::UNDEFINED;
        let mut feed = OrderFeed::new("canonical", options, 0.0).unwrap();
        feed.set_piece_size(4);
        // The error comes with the piece that holds it, or at the end.
        let mut err = None;
        for part in br#"[{"id": "1",, }]"#.chunks(3) {
            if let Err(e) = feed.push(&Uint8Array::from(part)) {
                err = Some(e);
                break;
            }
        }
        let err = match err {
            Some(e) => e,
            None => feed.finish(None).err().unwrap(),
        };
        let message = Reflect::get(&err, &"message".into())
            .unwrap()
            .as_string()
            .unwrap();
        assert!(
            message.starts_with("orders JSON, line 1, column"),
            "{message}"
        );
    }
}
