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
