//! Admin bindings: clv. `computeClv(orders, options)` fits BG/NBD (or
//! Pareto/NBD) and Gamma-Gamma on canonical orders and returns the report;
//! too little data, mixed currencies or bad options throw a
//! `StammkundeError` whose message says what is missing or how to fix the
//! call (see [`super::error::clv`]).

use js_sys::{Array, Date, Reflect};
use wasm_bindgen::prelude::*;

use super::convert::{own_options, text_of, to_js};
use super::error as err;
use crate::clv::{analyse, ClvOptions, Lang};
use crate::orders::ReadOptions;
use crate::segments::json::read_orders_with;

#[wasm_bindgen(typescript_custom_section)]
const CLV_TS: &str = r#"
/**
 * Fits BG/NBD (or Pareto/NBD) and Gamma-Gamma on the orders and predicts
 * every customer's P(alive), expected orders, next order, order value and
 * CLV. Orders that cannot be read are skipped and listed in `warnings`.
 * @throws {StammkundeError} too little data (`insufficient_data`, with
 * `shortfalls`), mixed currencies, bad options or a failed fit; the message
 * says how to fix it.
 */
export function computeClv(orders: Order[], options?: ClvOptions): ClvReport;
"#;

/// Fits the CLV models on `orders` and predicts every customer.
///
/// `orders` is an array of canonical orders; elements that cannot be read
/// are skipped and listed in `warnings`. Throws a `StammkundeError`
/// (`insufficient_data` with `shortfalls` when there is too little data).
///
/// Its declaration is the section above (the function, with `options`
/// optional; `ClvOptions` is generated from [`ClvOptions`]).
#[wasm_bindgen(js_name = computeClv, skip_typescript)]
pub fn compute_clv(orders: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
    let opts = read_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    if !Array::is_array(&orders) {
        return Err(err::input(
            "computeClv: orders must be an array of orders ({ id, customer, placed_at, total, currency })",
        ));
    }
    super::units::check_orders("computeClv", &orders)?;
    // One JSON pass over all orders; orders that do not fit are reported
    // one by one and the rest are used.
    let text = text_of(&orders).ok_or_else(|| {
        err::input("computeClv: orders must be plain data (no BigInt, no cycles)")
    })?;
    // The one canonical order definition, in the shop's zone; orders in
    // another currency than the chosen (or most common) one are reported.
    let read = ReadOptions {
        currency: opts.currency.clone(),
        ..ReadOptions::default()
    }
    .with_zone(opts.zone().clone());
    let import =
        read_orders_with(&text, &read).map_err(|e| err::input(format!("computeClv: {e}")))?;
    let mut report = analyse(&import.orders, &opts).map_err(|e| err::clv(&e))?;
    let skipped = import.errors.len();
    report
        .warnings
        .extend(import.errors.iter().take(10).map(|e| {
            let i = e.row.unwrap_or(1).saturating_sub(1);
            format!(
                "orders[{i}] skipped: {}: {}; each order needs id, customer, placed_at (Unix seconds) and total (cents)",
                e.field, e.reason
            )
        }));
    if skipped > 10 {
        report.warnings.push(format!(
            "{} more orders skipped for the same kind of reason",
            skipped - 10
        ));
    }
    to_js(&report)
}

/// Like `computeClv`, on orders read with `loadOrders` (no copy through
/// JavaScript objects); the same report, and the same errors.
#[wasm_bindgen(js_name = computeClvFromLoaded, unchecked_return_type = "ClvReport")]
pub fn compute_clv_from_loaded(
    orders: &crate::bind::orders::LoadedOrders,
    #[wasm_bindgen(unchecked_optional_param_type = "ClvOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let mut opts = read_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    if opts.time_zone.is_none() && opts.zone_offsets.is_empty() && opts.utc_offset_minutes == 0 {
        opts.zone_cache = crate::calendar::ZoneCache::with(orders.zone().clone());
    }
    let report = analyse(orders.orders(), &opts).map_err(|e| err::clv(&e))?;
    to_js(&report)
}

/// Reads the options object into [`ClvOptions`]; `calibrationEnd` may also
/// be a date string or a `Date`, and `lang` defaults to German.
pub(super) fn read_options(options: &JsValue) -> Result<ClvOptions, JsValue> {
    // The JS API's one default language is German (crate::lang).
    let german = ClvOptions {
        lang: Lang::De,
        ..ClvOptions::default()
    };
    let Some(copy) = own_options("computeClv", options, "{ horizonMonths: 12 }")? else {
        return Ok(german);
    };
    let key = JsValue::from_str("calibrationEnd");
    let value = Reflect::get(&copy, &key).unwrap_or(JsValue::UNDEFINED);
    if let Some(seconds) = calibration_seconds(&value)? {
        let _ = Reflect::set(&copy, &key, &JsValue::from_f64(seconds as f64));
    }
    let lang = JsValue::from_str("lang");
    if Reflect::get(&copy, &lang).map_or(true, |l| l.is_undefined()) {
        let _ = Reflect::set(&copy, &lang, &JsValue::from_str("de"));
    }
    super::convert::options(
        "computeClv",
        &copy.into(),
        "see ClvOptions (unit 'days' or 'weeks', model 'bg_nbd' or 'pareto_nbd', numbers for the rest)",
    )
}

fn calibration_seconds(value: &JsValue) -> Result<Option<i64>, JsValue> {
    if value.is_instance_of::<Date>() {
        let ms = Date::from(value.clone()).get_time();
        if ms.is_finite() {
            return Ok(Some((ms / 1000.0).floor() as i64));
        }
        return Err(err::option("computeClv: calibrationEnd is an invalid Date"));
    }
    if value.as_f64().is_some_and(|x| x.abs() >= 1e11) {
        return Err(super::error::Fail::new(
            super::error::Code::WrongUnit,
            "computeClv: calibrationEnd is milliseconds; it is Unix seconds: divide by 1000, or pass a Date or 'YYYY-MM-DD'",
        )
        .with("field", "calibrationEnd")
        .into());
    }
    if let Some(s) = value.as_string() {
        // Noon UTC of the day: the same local day in every zone within
        // twelve hours of UTC, whatever timeZone the options give.
        return match crate::calendar::parse_date(&s) {
            Some(day) => Ok(Some(crate::calendar::start_of(day) + 12 * 3600)),
            None => Err(err::option(
                format!("computeClv: calibrationEnd '{s}' is not a date; write YYYY-MM-DD, DD.MM.YYYY, Unix seconds or a Date"),
            )),
        };
    }
    Ok(None)
}
