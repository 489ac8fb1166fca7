//! Admin bindings: clv. `computeClv(orders, options)` fits BG/NBD (or
//! Pareto/NBD) and Gamma-Gamma on canonical orders and returns the report;
//! too little data, mixed currencies or bad options throw a
//! `StammkundeError` whose message says what is missing or how to fix the
//! call (see [`super::error::clv`]).

use js_sys::{Array, Date, Reflect};
use wasm_bindgen::prelude::*;

use super::error as err;
use super::json::{from_js, text_of, to_js};
use crate::clv::{analyse, ClvOptions, Lang};
use crate::orders::ReadOptions;
use crate::segments::json::read_orders_with;

#[wasm_bindgen(typescript_custom_section)]
const CLV_TS: &str = r#"
/** Options of computeClv; every field is optional. */
export interface ClvOptions {
  /** End of the calibration period: Unix seconds, 'YYYY-MM-DD' or a Date. Default: day of the latest order. */
  calibrationEnd?: number | string | Date;
  /** Time unit of recency, T and the model parameters. Default 'weeks'. */
  unit?: 'days' | 'weeks';
  /** Horizon of expected orders and CLV in months, 1 to 120. Default 12. */
  horizonMonths?: number;
  /** Monthly discount rate, 0 to < 1. Default 0.01. */
  discountRate?: number;
  /** Default 500. */
  minCustomers?: number;
  /** Default 100. */
  minRepeatBuyers?: number;
  /** Default 180. */
  minHistoryDays?: number;
  /** Default 'bg_nbd'. */
  model?: 'bg_nbd' | 'pareto_nbd';
  /** L2 penalty on the parameters. Default 0. */
  penalizer?: number;
  /** Analyse only this currency; needed when orders mix currencies. */
  currency?: string;
  /** Shop's fixed offset from UTC in minutes for day boundaries. Default 0. */
  utcOffsetMinutes?: number;
  /** Shop's time zone for the day rule ("Europe/Berlin", "UTC", "+01:00"); overrides the offset. */
  timeZone?: string;
  /** Offset changes [fromUnixSeconds, minutes] of any other zone (e.g. from Intl). */
  zoneOffsets?: [number, number][];
  /** Language of messages and reasons. Default 'de'. */
  lang?: 'en' | 'de';
}

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
/// Its TypeScript declaration is written by hand in the section above, so
/// that `options` is optional.
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

/// Every accepted option name.
const OPTION_NAMES: [&str; 14] = [
    "calibrationEnd",
    "unit",
    "horizonMonths",
    "discountRate",
    "minCustomers",
    "minRepeatBuyers",
    "minHistoryDays",
    "model",
    "penalizer",
    "currency",
    "utcOffsetMinutes",
    "timeZone",
    "zoneOffsets",
    "lang",
];

/// Reads the options object; `calibration_end` may also be a date string
/// or a `Date`.
pub(super) fn read_options(options: &JsValue) -> Result<ClvOptions, JsValue> {
    // The JS API's one default language is German (crate::lang).
    let german = ClvOptions {
        lang: Lang::De,
        ..ClvOptions::default()
    };
    if options.is_undefined() || options.is_null() {
        return Ok(german);
    }
    if !options.is_object() {
        return Err(err::option(
            "computeClv: options must be an object, e.g. { horizonMonths: 12 }",
        ));
    }
    // A shallow copy, so the caller's object is not changed.
    let copy = js_sys::Object::assign(
        &js_sys::Object::new(),
        &js_sys::Object::from(options.clone()),
    );
    for key in js_sys::Object::keys(&copy)
        .iter()
        .filter_map(|k| k.as_string())
    {
        if !OPTION_NAMES.contains(&key.as_str()) {
            return Err(err::option(format!(
                "computeClv: unknown option `{key}`; the options are {}",
                OPTION_NAMES.join(", ")
            )));
        }
    }
    {
        let key = "calibrationEnd";
        let value = Reflect::get(&copy, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
        if let Some(seconds) = calibration_seconds(&value)? {
            let _ = Reflect::set(
                &copy,
                &JsValue::from_str(key),
                &JsValue::from_f64(seconds as f64),
            );
        }
    }
    if Reflect::get(&copy, &JsValue::from_str("lang"))
        .map(|l| l.is_undefined())
        .unwrap_or(true)
    {
        let _ = Reflect::set(&copy, &JsValue::from_str("lang"), &JsValue::from_str("de"));
    }
    from_js(&copy.into()).map_err(|e| {
        err::option(
            format!("computeClv: {e}; see ClvOptions (unit 'days' or 'weeks', model 'bg_nbd' or 'pareto_nbd', numbers for the rest)"),
        )
    })
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
