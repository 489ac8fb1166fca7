//! Admin bindings: segments, rules, NPS and CSV export.
//!
//! `computeSegments(orders | columns, options)` returns a `SegmentResult`
//! handle that keeps the per-customer columns in wasm memory: summaries,
//! single customers and member lists are converted on request, the big
//! columns come out as typed arrays. Columnar input (typed arrays) is
//! copied once and never goes through serde.
//!
//! Errors are `StammkundeError`s whose message says how to fix the call;
//! rule errors have the code `rule` and `column`, `length` properties.

use std::sync::Arc;

use js_sys::{Array, Date, Float64Array, Int32Array, Object, Reflect, Uint32Array, Uint8Array};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::convert::{from_js, own_options, take, text_of, to_js, to_plain};
use super::error::{self as err, Code};
#[cfg(feature = "esm")]
use crate::api::CsvExportOptions;
use crate::api::{
    CustomerClvValues, NpsAnswer, NpsResult, RuleInfo, SegmentImport, TableCsvColumn,
    TableCsvOptions,
};

use crate::nps;
use crate::orders::{ReadOptions, RowError};
use crate::rules::{Rule, RuleError};
use crate::segments::export;
#[cfg(feature = "esm")]
use crate::segments::export::CsvOptions;
use crate::segments::{dates, json, ClvValues, Config, Lang, OrderTable, RfmSegment, Segmentation};

// Typed arrays, copied or built field by field (bulk data, no serde):
// these two shapes are declared here by hand; the number arrays that
// `ColumnarOrders` also takes are a JS convenience.
#[wasm_bindgen(typescript_custom_section)]
const SEGMENTS_TS: &str = r#"
/** Orders as columns, one entry per order: the fast path for large shops. */
export interface ColumnarOrders {
  /** Customer index per order (0-based). */
  customer: Uint32Array | number[];
  /** Unix seconds per order. */
  placedAt: Float64Array | number[];
  /** Net total per order in minor units (partial refunds already subtracted). */
  total: Float64Array | number[];
  /** Status per order: 0 completed, 1 cancelled, 2 refunded (both left out), 3 partially refunded. Default: all completed. */
  status?: Uint8Array | number[];
  /** Customer keys: keys[i] names customer index i. Default: the index. */
  keys?: string[];
  /** Currency of the totals, for labels. */
  currency?: string;
}

/** Per-customer columns; index i is customer i everywhere. */
export interface SegmentColumns {
  orders: Uint32Array;
  /** Minor units. */
  revenue: Float64Array;
  /** Days since 1970-01-01. */
  firstOrderDay: Int32Array;
  lastOrderDay: Int32Array;
  daysSinceLastOrder: Int32Array;
  /** NaN where a customer has fewer than two order days. */
  medianGap: Float64Array;
  recency: Uint8Array;
  frequency: Uint8Array;
  monetary: Uint8Array;
  /** Index into rfmSegments(). */
  rfm: Uint8Array;
  /** 0 = A, 1 = B, 2 = C. */
  abc: Uint8Array;
}
"#;

/// An `invalid_input` error (the orders or answers cannot be used).
pub(super) fn error(message: impl std::fmt::Display) -> JsValue {
    err::input(message)
}

fn rule_error(e: &RuleError, lang: Lang) -> JsValue {
    err::rule(e, lang).into()
}

fn json_text(value: &JsValue, what: &str) -> Result<String, JsValue> {
    text_of(value).ok_or_else(|| {
        error(format!(
            "{what} must be plain data that JSON.stringify can handle"
        ))
    })
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    if obj.is_object() {
        Reflect::get(obj, &key.into()).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

fn lang_of(value: &JsValue) -> Result<Lang, JsValue> {
    match value.as_string() {
        None if value.is_undefined() || value.is_null() => Ok(Lang::De),
        Some(s) => {
            Lang::parse(&s).ok_or_else(|| err::option(format!("lang '{s}': use 'de' or 'en'")))
        }
        None => Err(err::option("lang must be 'de' or 'en'")),
    }
}

fn lang_opt(lang: Option<String>) -> Result<Lang, JsValue> {
    lang_of(&lang.map(JsValue::from).unwrap_or(JsValue::UNDEFINED))
}

/// Options without the keys the core config does not know.
pub(super) struct Options {
    pub(super) config: Config,
    pub(super) currency: Option<String>,
}

pub(super) fn read_options(value: &JsValue) -> Result<Options, JsValue> {
    let Some(copy) = own_options("computeSegments", value, "{ asOf: '2026-11-01' }")? else {
        return Ok(Options {
            config: Config {
                as_of: Some(now()),
                ..Config::default()
            },
            currency: None,
        });
    };
    // asOf is a date string, a Date or Unix seconds, read in the shop's
    // zone once the rest is known; `lang` is accepted and not used (names
    // take their language per call).
    let as_of = take(&copy, &["asOf", "as_of"]);
    take(&copy, &["lang"]);
    let mut config: Config = super::convert::options(
        "computeSegments",
        &copy.into(),
        "see SegmentOptions for the names and defaults",
    )?;
    config.as_of = Some(as_of_seconds(&as_of, config.zone())?);
    let currency = config.currency.clone();
    Ok(Options { config, currency })
}

fn now() -> i64 {
    (Date::now() / 1000.0).floor() as i64
}

/// `asOf` as Unix seconds: a date string means noon local time on that
/// day, so the day is the same whatever the offset.
fn as_of_seconds(value: &JsValue, zone: &crate::calendar::Zone) -> Result<i64, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(now());
    }
    if let Some(d) = value.dyn_ref::<Date>() {
        let ms = d.get_time();
        if ms.is_finite() {
            return Ok((ms / 1000.0).floor() as i64);
        }
        return Err(err::option("asOf is an invalid Date"));
    }
    if let Some(x) = value.as_f64() {
        if x.abs() >= 1e11 {
            return Err(err::Fail::new(
                Code::WrongUnit,
                format!("asOf {x} is milliseconds; asOf is Unix seconds: divide by 1000, or pass a Date or 'YYYY-MM-DD'"),
            )
            .with("field", "asOf")
            .into());
        }
        if x.is_finite() {
            return Ok(x.floor() as i64);
        }
        return Err(err::option(format!(
            "asOf {x} is not a time; pass Unix seconds, 'YYYY-MM-DD' or a Date"
        )));
    }
    if let Some(s) = value.as_string() {
        return match dates::parse_date(&s) {
            Some(day) => Ok(zone.start_of(day) + 12 * 3600),
            None => Err(err::option(format!(
                "asOf '{s}' is not a date; write '2026-11-01' or '01.11.2026'"
            ))),
        };
    }
    Err(err::option(
        "asOf must be 'YYYY-MM-DD', a Date or Unix seconds",
    ))
}

fn float_column(input: &JsValue, key: &str) -> Result<Vec<f64>, JsValue> {
    let v = get(input, key);
    if v.is_undefined() || v.is_null() {
        return Err(error(format!(
            "columnar orders need '{key}' (a Float64Array or number array)"
        )));
    }
    if let Some(a) = v.dyn_ref::<Float64Array>() {
        return Ok(a.to_vec());
    }
    Ok(Float64Array::new(&v).to_vec())
}

/// The read options of the order definition for segment options: the
/// base currency and the shop's zone.
fn order_read_options(currency: Option<&str>, config: &Config) -> ReadOptions {
    ReadOptions {
        currency: currency.map(str::to_string),
        ..ReadOptions::default()
    }
    .with_zone(config.zone().clone())
}

fn table_from_input(
    input: &JsValue,
    currency: Option<&str>,
    config: &Config,
) -> Result<(OrderTable, Vec<RowError>, usize), JsValue> {
    if input.is_array() {
        super::units::check_orders("computeSegments", input)?;
        // The one canonical order definition (fast path for clean input).
        let options = order_read_options(currency, config);
        let (table, errors) = json::read_table_with(&json_text(input, "orders")?, &options)
            .map_err(|e| error(format!("orders: {e}")))?;
        let read = table.report().read + errors.len();
        return Ok((table, errors, read));
    }
    let customer = get(input, "customer");
    if customer.is_undefined() {
        return Err(error(
            "pass an array of canonical orders or columns { customer: Uint32Array, placedAt: Float64Array, total: Float64Array }",
        ));
    }
    let customer: Vec<u32> = match customer.dyn_ref::<Uint32Array>() {
        Some(a) => a.to_vec(),
        None => Uint32Array::new(&customer).to_vec(),
    };
    let placed_at = float_column(input, "placedAt")?;
    let total = float_column(input, "total")?;
    super::units::check_seconds("computeSegments", "placedAt", &placed_at)?;
    super::units::check_minor("computeSegments", "total", &total)?;
    let keys: Vec<String> = match get(input, "keys").dyn_into::<Array>() {
        Ok(a) => a
            .iter()
            .map(|k| k.as_string().unwrap_or_default())
            .collect(),
        Err(_) => Vec::new(),
    };
    let status = get(input, "status");
    let status: Option<Vec<u8>> = if status.is_undefined() || status.is_null() {
        None
    } else {
        Some(match status.dyn_ref::<Uint8Array>() {
            Some(a) => a.to_vec(),
            None => Uint8Array::new(&status).to_vec(),
        })
    };
    let mut table = OrderTable::from_columns_with_status(
        &customer,
        &placed_at,
        &total,
        status.as_deref(),
        keys,
    )
    .map_err(error)?;
    if let Some(c) = get(input, "currency")
        .as_string()
        .or_else(|| currency.map(String::from))
    {
        table.set_currency(&c);
    }
    let read = customer.len();
    Ok((table, Vec::new(), read))
}

/// The segments of a shop's customers: a handle on the results in wasm memory.
#[wasm_bindgen]
pub struct SegmentResult {
    pub(super) seg: Segmentation,
    pub(super) import: SegmentImport,
}

pub(super) fn result(
    table: OrderTable,
    mut errors: Vec<RowError>,
    read: usize,
    config: &Config,
) -> Result<SegmentResult, JsValue> {
    let report = table.report().clone();
    errors.extend(report.errors);
    let import = SegmentImport {
        read,
        used: report.used,
        rejected: errors.len(),
        cancelled: report.cancelled,
        duplicates: report.duplicates,
        errors,
    };
    let seg = Segmentation::compute(Arc::new(table), config).map_err(|e| err::segment(&e))?;
    Ok(SegmentResult { seg, import })
}

/// Computes figures, RFM, ABC and all segments. `input` is an array of
/// canonical orders or `ColumnarOrders` (typed arrays, the fast path).
/// Bad rows are reported in `result.importReport()`, not thrown.
#[wasm_bindgen(js_name = computeSegments)]
pub fn compute_segments(
    #[wasm_bindgen(unchecked_param_type = "Order[] | ColumnarOrders")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SegmentOptions")] options: Option<JsValue>,
) -> Result<SegmentResult, JsValue> {
    let o = read_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let (table, errors, read) = table_from_input(&input, o.currency.as_deref(), &o.config)?;
    result(table, errors, read, &o.config)
}

/// Like `computeSegments`, from orders read with `loadOrders` (they stay
/// in wasm memory; nothing is converted through JavaScript).
#[wasm_bindgen(js_name = computeSegmentsFromLoaded)]
pub fn compute_segments_from_loaded(
    orders: &crate::bind::orders::LoadedOrders,
    #[wasm_bindgen(unchecked_optional_param_type = "SegmentOptions")] options: Option<JsValue>,
) -> Result<SegmentResult, JsValue> {
    let mut o = read_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let c = &o.config;
    if c.time_zone.is_none() && c.zone_offsets.is_empty() && c.utc_offset_minutes == 0 {
        o.config.zone_cache = crate::calendar::ZoneCache::with(orders.zone().clone());
    }
    let table = OrderTable::from_orders_in(orders.orders(), o.currency.as_deref());
    let read = table.report().read;
    result(table, Vec::new(), read, &o.config)
}

/// Like `computeSegments`, from a JSON text of canonical orders (an array,
/// or `{ "orders": [...] }`); parsed inside wasm, which is faster than
/// `JSON.parse` plus conversion for large exports.
///
/// `input` may also be the file's bytes (a `Uint8Array` from
/// `response.arrayBuffer()` or `file.arrayBuffer()`), which skips decoding
/// the text in JavaScript and encoding it again for wasm.
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = computeSegmentsFromJson)]
pub fn compute_segments_from_json(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "SegmentOptions")] options: Option<JsValue>,
) -> Result<SegmentResult, JsValue> {
    let o = read_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let text = if let Some(text) = input.as_string() {
        text
    } else if let Some(bytes) = input.dyn_ref::<Uint8Array>() {
        String::from_utf8(bytes.to_vec()).map_err(|e| {
            error(format!(
                "orders JSON: the bytes are not UTF-8 (at byte {}); save the export as UTF-8",
                e.utf8_error().valid_up_to()
            ))
        })?
    } else {
        return Err(error(
            "computeSegmentsFromJson needs the JSON as a string or as a Uint8Array of its UTF-8 bytes",
        ));
    };
    let options = order_read_options(o.currency.as_deref(), &o.config);
    let (table, errors) =
        json::read_table_with(&text, &options).map_err(|e| error(format!("orders JSON, {e}")))?;
    let read = table.report().read + errors.len();
    result(table, errors, read, &o.config)
}

/// Like `computeSegments`, from the `OrderColumns` of `readColumns` or
/// `demoColumns`: the columns stay in wasm memory, nothing is copied
/// through JavaScript. `keys[i]` names customer index `i` (default: the
/// index).
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = computeSegmentsFromColumns)]
pub fn compute_segments_from_columns(
    columns: &crate::bind::orders::OrderColumns,
    #[wasm_bindgen(unchecked_optional_param_type = "SegmentOptions")] options: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "string[]")] keys: Option<JsValue>,
) -> Result<SegmentResult, JsValue> {
    let o = read_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let keys: Vec<String> = match keys.map(|k| k.dyn_into::<Array>()) {
        None => Vec::new(),
        Some(Ok(a)) => a
            .iter()
            .map(|k| k.as_string().unwrap_or_default())
            .collect(),
        Some(Err(_)) => {
            return Err(error(
                "keys must be an array of customer keys, keys[i] for customer index i",
            ))
        }
    };
    let currency = o.currency.as_deref().unwrap_or(columns.currency_code());
    let table = OrderTable::from_order_columns(columns.columns(), keys, Some(currency));
    let read = table.report().read;
    result(table, Vec::new(), read, &o.config)
}

#[wasm_bindgen]
impl SegmentResult {
    /// The as-of day, 'YYYY-MM-DD'.
    #[wasm_bindgen(getter, js_name = asOf)]
    pub fn as_of(&self) -> String {
        dates::format_date(self.seg.as_of_day(), Lang::En)
    }

    /// Currency of the money figures, if known.
    #[wasm_bindgen(getter)]
    pub fn currency(&self) -> Option<String> {
        self.seg.table().currency().map(String::from)
    }

    /// Rows read, used, rejected (with reasons), cancelled, repeated.
    #[wasm_bindgen(js_name = importReport, unchecked_return_type = "SegmentImport")]
    pub fn import_report(&self) -> Result<JsValue, JsValue> {
        to_js(&self.import)
    }

    /// Every segment with count, shares and revenue, names in `lang` ('de' default).
    #[wasm_bindgen(unchecked_return_type = "SegmentSummary[]")]
    pub fn segments(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "'de' | 'en'")] lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let lang = lang_opt(lang)?;
        let list: Vec<_> = self
            .seg
            .segments()
            .iter()
            .map(|s| export::summary(&self.seg, s, lang, false))
            .collect();
        to_js(&list)
    }

    /// Member customer indices of a segment.
    pub fn members(&self, id: &str) -> Result<Uint32Array, JsValue> {
        let s = self.segment(id)?;
        Ok(Uint32Array::from(s.members.as_slice()))
    }

    /// All customer keys, by index.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn keys(&self) -> Result<JsValue, JsValue> {
        let keys: Vec<String> = (0..self.seg.customer_count())
            .map(|i| self.seg.key(i).into_owned())
            .collect();
        to_js(&keys)
    }

    /// The per-customer columns as typed arrays.
    #[wasm_bindgen(unchecked_return_type = "SegmentColumns")]
    pub fn columns(&self) -> Result<JsValue, JsValue> {
        let c = self.seg.customers();
        let f = &c.figures;
        let out = Object::new();
        let set = |k: &str, v: JsValue| Reflect::set(&out, &k.into(), &v).map(|_| ());
        let revenue: Vec<f64> = f.revenue.iter().map(|&r| r as f64).collect();
        let since: Vec<i32> = f.last_day.iter().map(|&d| f.as_of_day - d).collect();
        let median: Vec<f64> = f.median_gap.iter().map(|m| m.unwrap_or(f64::NAN)).collect();
        let rfm: Vec<u8> = c
            .rfm
            .iter()
            .map(|s| RfmSegment::ALL.iter().position(|x| x == s).unwrap_or(0) as u8)
            .collect();
        let abc: Vec<u8> = c.abc.iter().map(|&a| a as u8).collect();
        set("orders", Uint32Array::from(f.orders.as_slice()).into())?;
        set("revenue", Float64Array::from(revenue.as_slice()).into())?;
        set(
            "firstOrderDay",
            Int32Array::from(f.first_day.as_slice()).into(),
        )?;
        set(
            "lastOrderDay",
            Int32Array::from(f.last_day.as_slice()).into(),
        )?;
        set(
            "daysSinceLastOrder",
            Int32Array::from(since.as_slice()).into(),
        )?;
        set("medianGap", Float64Array::from(median.as_slice()).into())?;
        set("recency", Uint8Array::from(c.recency.as_slice()).into())?;
        set("frequency", Uint8Array::from(c.frequency.as_slice()).into())?;
        set("monetary", Uint8Array::from(c.monetary.as_slice()).into())?;
        set("rfm", Uint8Array::from(rfm.as_slice()).into())?;
        set("abc", Uint8Array::from(abc.as_slice()).into())?;
        Ok(out.into())
    }

    /// The customer indices a rule selects, without adding a segment.
    #[wasm_bindgen(js_name = evaluateRule)]
    pub fn evaluate_rule(
        &self,
        rule: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "'de' | 'en'")] lang: Option<String>,
    ) -> Result<Uint32Array, JsValue> {
        let lang = lang_opt(lang)?;
        let r = Rule::parse(rule).map_err(|e| rule_error(&e, lang))?;
        let members = r.members(&self.seg).map_err(|e| rule_error(&e, lang))?;
        Ok(Uint32Array::from(members.as_slice()))
    }

    /// Adds CLV values keyed by customer (the CLV report's `customers`
    /// fit as they are), so `likely_churned` and the rule fields `p_alive`,
    /// `predicted_clv`, `expected_orders` work. Returns how many values
    /// matched a customer.
    #[wasm_bindgen(js_name = setClv)]
    pub fn set_clv(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "CustomerClvValues[]")] values: JsValue,
    ) -> Result<usize, JsValue> {
        // One entry per customer: JSON text, the bulk path.
        let list: Vec<CustomerClvValues> = from_js(&values)
            .map_err(|e| {
                error(format!(
                    "setClv: {e}; pass [{{ customer, pAlive, predictedClv, expectedOrders }}] (the CLV report's customers fit as they are)"
                ))
            })?;
        let index = self.seg.key_index();
        let mut clv = vec![ClvValues::default(); self.seg.customer_count()];
        let mut matched = 0;
        for k in list {
            if let Some(slot) = index.get(&k.customer).and_then(|&i| clv.get_mut(i)) {
                *slot = k.values;
                matched += 1;
            }
        }
        self.seg.set_clv(&clv).map_err(error)?;
        Ok(matched)
    }

    /// NPS overall and per segment, from survey answers (an array of
    /// `{ customer, score, date }` or the text of a CSV export).
    #[wasm_bindgen(unchecked_return_type = "NpsReport")]
    pub fn nps(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NpsAnswer[] | string | Uint8Array")]
        answers: JsValue,
    ) -> Result<JsValue, JsValue> {
        let survey = survey(&answers)?;
        to_plain(&NpsResult {
            report: nps::by_segment(&survey.answers, &self.seg),
            errors: survey.errors,
        })
    }
}

/// Methods only the ESM package exports (the admin components do not call them).
#[cfg(feature = "esm")]
#[wasm_bindgen]
impl SegmentResult {
    /// Customers with at least one order up to the as-of day.
    #[wasm_bindgen(getter, js_name = customerCount)]
    pub fn customer_count(&self) -> usize {
        self.seg.customer_count()
    }

    /// Net revenue of all customers, minor units.
    #[wasm_bindgen(getter, js_name = totalRevenue)]
    pub fn total_revenue(&self) -> f64 {
        self.seg.total_revenue() as f64
    }

    /// Member customer keys of a segment.
    #[wasm_bindgen(js_name = memberKeys, unchecked_return_type = "string[]")]
    pub fn member_keys(&self, id: &str) -> Result<JsValue, JsValue> {
        let s = self.segment(id)?;
        let keys: Vec<String> = s
            .members
            .iter()
            .map(|&m| self.seg.key(m as usize).into_owned())
            .collect();
        to_js(&keys)
    }

    /// Customer `index` with figures, scores and memberships with reasons.
    #[wasm_bindgen(unchecked_return_type = "CustomerRow")]
    pub fn customer(
        &self,
        index: usize,
        #[wasm_bindgen(unchecked_optional_param_type = "'de' | 'en'")] lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let lang = lang_opt(lang)?;
        let row = export::customer_row(&self.seg, index, lang).ok_or_else(|| {
            err::fail(
                Code::UnknownCustomer,
                format!(
                    "customer {index} does not exist; indices go from 0 to customerCount - 1 ({})",
                    self.seg.customer_count()
                ),
            )
        })?;
        to_js(&row)
    }

    /// The index of the customer with this key, if they have orders.
    #[wasm_bindgen(js_name = customerIndex)]
    pub fn customer_index(&self, key: &str) -> Option<usize> {
        self.seg.find(key)
    }

    /// The Pareto curve (at most 101 points).
    #[wasm_bindgen(unchecked_return_type = "ParetoPoint[]")]
    pub fn pareto(&self) -> Result<JsValue, JsValue> {
        to_plain(&self.seg.pareto())
    }

    /// Adds (or replaces) the custom segment `rule:<id>`. Throws a
    /// `RuleError` with `column` if the rule is wrong.
    #[wasm_bindgen(js_name = addRule, unchecked_return_type = "SegmentSummary")]
    pub fn add_rule(
        &mut self,
        id: &str,
        name: &str,
        rule: &str,
        #[wasm_bindgen(unchecked_optional_param_type = "'de' | 'en'")] lang: Option<String>,
    ) -> Result<JsValue, JsValue> {
        let lang = lang_opt(lang)?;
        if id.trim().is_empty() {
            return Err(error(
                "addRule needs an id, e.g. addRule('big', 'Big spenders', 'amount_spent > 500')",
            ));
        }
        let s = self
            .seg
            .add_rule(id, name, rule)
            .map_err(|e| rule_error(&e, lang))?
            .clone();
        to_js(&export::summary(&self.seg, &s, lang, false))
    }

    /// Per-customer CSV (or one segment's members with reasons).
    #[wasm_bindgen(js_name = exportCsv)]
    pub fn export_csv(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvExportOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<String, JsValue> {
        let o = csv_options(&options.unwrap_or(JsValue::UNDEFINED))?;
        if let Some(id) = &o.segment {
            self.segment(id)?;
        }
        Ok(export::customers_csv(&self.seg, &o))
    }

    /// One row per segment: count, shares, revenue.
    #[wasm_bindgen(js_name = segmentsCsv)]
    pub fn segments_csv(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvExportOptions")] options: Option<
            JsValue,
        >,
    ) -> Result<String, JsValue> {
        Ok(export::segments_csv(
            &self.seg,
            &csv_options(&options.unwrap_or(JsValue::UNDEFINED))?,
        ))
    }
}

impl SegmentResult {
    fn segment(&self, id: &str) -> Result<&crate::segments::Segment, JsValue> {
        self.seg.segment(id).ok_or_else(|| {
            let ids: Vec<&str> = self.seg.segments().iter().map(|s| s.id.as_str()).collect();
            err::fail(
                Code::UnknownSegment,
                format!("no segment '{id}'; segments are {}", ids.join(", ")),
            )
        })
    }
}

#[cfg(feature = "esm")]
fn csv_options(value: &JsValue) -> Result<CsvOptions, JsValue> {
    let o: CsvExportOptions = match own_options("exportCsv", value, "{ lang: 'de' }")? {
        None => CsvExportOptions::default(),
        Some(copy) => super::convert::options(
            "exportCsv",
            &copy.into(),
            "see CsvExportOptions, e.g. { lang: 'de', segment: 'vip', bom: true }",
        )?,
    };
    Ok(CsvOptions {
        lang: o.lang.unwrap_or(Lang::De),
        segment: o.segment,
        bom: o.bom,
    })
}

fn survey(answers: &JsValue) -> Result<nps::Survey, JsValue> {
    if let Some(text) = answers.as_string() {
        return Ok(nps::read_csv(&text));
    }
    if let Some(bytes) = answers.dyn_ref::<js_sys::Uint8Array>() {
        // A file's bytes, in whichever encoding the survey tool wrote them.
        return Ok(nps::read_csv(
            &crate::orders::encoding::decode(&bytes.to_vec()).0,
        ));
    }
    let Some(array) = answers.dyn_ref::<Array>() else {
        return Err(error(
            "pass survey answers as an array of { customer, score, date } or as CSV text",
        ));
    };
    let mut s = nps::Survey {
        read: array.length() as usize,
        ..Default::default()
    };
    for (i, a) in array.iter().enumerate() {
        let date = get(&a, "date");
        let a = match date.dyn_ref::<Date>() {
            // A Date as its ISO text, on a copy (the caller's object stays).
            Some(d) if a.is_object() => {
                let copy = Object::assign(&Object::new(), a.unchecked_ref());
                let _ = Reflect::set(&copy, &"date".into(), &d.to_iso_string());
                copy.into()
            }
            _ => a,
        };
        let answer: NpsAnswer = match serde_wasm_bindgen::from_value(a) {
            Ok(answer) => answer,
            Err(e) => {
                s.errors.push(RowError {
                    row: Some(i + 1),
                    order_id: None,
                    field: "answer".into(),
                    reason: super::convert::reason(&e),
                    fix: "pass { customer, score, date } with text or numbers".into(),
                });
                continue;
            }
        };
        match nps::check_answer(
            i + 1,
            &answer.customer.text(),
            &answer.score.text(),
            &answer.date.text(),
        ) {
            Ok(answer) => s.answers.push(answer),
            Err(e) => s.errors.push(e),
        }
    }
    Ok(s)
}

/// Checks a rule without computing anything. Throws a `RuleError` (with
/// `column` and `length`) that says what was expected.
#[wasm_bindgen(js_name = parseRule, unchecked_return_type = "RuleInfo")]
pub fn parse_rule(
    text: &str,
    #[wasm_bindgen(unchecked_optional_param_type = "'de' | 'en'")] lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = lang_opt(lang)?;
    let rule = Rule::parse(text).map_err(|e| rule_error(&e, lang))?;
    let mut fields = Vec::new();
    collect_fields(rule.expr(), &mut fields);
    to_plain(&RuleInfo {
        text: rule.text().to_string(),
        fields: fields.into_iter().map(String::from).collect(),
    })
}

fn collect_fields(e: &crate::rules::Expr, out: &mut Vec<&'static str>) {
    use crate::rules::Expr;
    let name = match e {
        Expr::And(a, b) | Expr::Or(a, b) => {
            collect_fields(a, out);
            collect_fields(b, out);
            return;
        }
        Expr::Not(a) => {
            collect_fields(a, out);
            return;
        }
        Expr::Number { field, .. } | Expr::Date { field, .. } | Expr::Text { field, .. } => {
            field.name()
        }
        Expr::Bought { .. } => "products_purchased",
    };
    if !out.contains(&name) {
        out.push(name);
    }
}

/// The field names of the rule language, for editors.
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = ruleFields, unchecked_return_type = "string[]")]
pub fn rule_fields() -> Result<JsValue, JsValue> {
    let mut names = crate::rules::field_names();
    names.push("products_purchased");
    to_js(&names)
}

/// The RFM segment ids in the order `columns().rfm` indexes them, with
/// their names.
#[wasm_bindgen(js_name = rfmSegments, unchecked_return_type = "{ id: RfmSegmentId; name: string }[]")]
pub fn rfm_segments(
    #[wasm_bindgen(unchecked_optional_param_type = "'de' | 'en'")] lang: Option<String>,
) -> Result<JsValue, JsValue> {
    let lang = lang_opt(lang)?;
    #[derive(Serialize)]
    struct Entry {
        id: &'static str,
        name: &'static str,
    }
    let list: Vec<Entry> = RfmSegment::ALL
        .iter()
        .map(|s| Entry {
            id: s.id(),
            name: s.name(lang),
        })
        .collect();
    to_plain(&list)
}

/// Any table as CSV with the engine's writer (the rules of `exportCsv`:
/// separator, decimals and dates by `lang`, money with the currency's
/// minor digits, CRLF, text neutralised against formulas). `rows` are
/// arrays of values in column order; `null`, `NaN` and missing values give
/// empty cells.
///
/// ```js
/// tableCsv([{ header: 'Kunde', type: 'text' }, { header: 'Umsatz', type: 'money' }],
///   [['=1+2', 123456]], { lang: 'de', bom: false });
/// // "Kunde;Umsatz\r\n'=1+2;1234,56\r\n"
/// ```
#[wasm_bindgen(js_name = tableCsv)]
pub fn table_csv(
    #[wasm_bindgen(unchecked_param_type = "TableCsvColumn[]")] columns: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown[][]")] rows: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TableCsvOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    let de = serde_wasm_bindgen::Deserializer::from(columns);
    let list: Vec<TableCsvColumn> = serde_path_to_error::deserialize(de).map_err(|e| {
        err::input(format!(
            "tableCsv: columns{}: {}; pass an array of {{ header, type }} with a text header and type text, int, number, ratio, money or date",
            match e.path().to_string().as_str() {
                "." => String::new(),
                path => format!(" {path}"),
            },
            super::convert::reason(e.inner())
        ))
    })?;
    let table: Vec<export::TableColumn> = list
        .into_iter()
        .map(|c| export::TableColumn {
            header: c.header,
            kind: c.kind,
        })
        .collect();
    let rows: Vec<Vec<serde_json::Value>> = from_js(&rows)
        .map_err(|e| err::input(format!("rows: {e}; pass an array of arrays of values")))?;
    let o: TableCsvOptions = match own_options(
        "tableCsv",
        &options.unwrap_or(JsValue::UNDEFINED),
        "{ lang: 'de' }",
    )? {
        None => TableCsvOptions::default(),
        Some(copy) => super::convert::options(
            "tableCsv",
            &copy.into(),
            "see TableCsvOptions, e.g. { lang: 'de', currency: 'EUR', bom: true }",
        )?,
    };
    let lang = o.lang.unwrap_or(Lang::De);
    let currency = crate::money::Currency::or_eur(o.currency.as_deref());
    let bom = o.bom.unwrap_or(true);
    Ok(export::table_csv(&table, &rows, lang, currency, bom))
}

/// CSV export of a result, same as `result.exportCsv(options)`.
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = exportCsv)]
pub fn export_csv(
    result: &SegmentResult,
    #[wasm_bindgen(unchecked_optional_param_type = "CsvExportOptions")] options: Option<JsValue>,
) -> Result<String, JsValue> {
    result.export_csv(options)
}
