//! Admin bindings for importing a shop's file: the preview facts
//! (`inspectOrders`) and the rejected rows grouped by cause
//! (`LoadedOrders.errorGroups`, `LoadedOrders.firstErrors`).

use super::json::{from_js, to_js};
use super::orders::LoadedOrders;
use crate::orders::{causes, inspect, Format, ReadOptions};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The facts of a file before it is read (see `inspectOrders`). */
export interface OrderFileFacts {
  format: OrderFormat;
  encoding: "UTF-8" | "UTF-8 (BOM)" | "UTF-16 LE" | "UTF-16 BE" | "Windows-1252";
  delimiter: string | null;
  decimal: "," | "." | null;
  date_style: "dd.mm.yyyy" | "yyyy-mm-dd" | "yyyymmdd" | null;
  /** The file's currency when all its orders name the same one. */
  currency: string | null;
  currencies: Record<string, number>;
  rows: number;
  /** Days since 1970-01-01 (UTC). */
  first_day: number | null;
  last_day: number | null;
  as_of_day: number;
  as_of_after_last: boolean;
  header: string[];
  mapping: { field: CsvField; column: string | null; required: boolean }[];
  sample: string[][];
  problem: RowError | null;
}
/** Rejected rows with one cause. */
export interface RowErrorGroup {
  code: "currency_mismatch" | "duplicate_id" | "empty_id" | "empty_customer" | "time_unit" | "bad_date"
    | "bad_time" | "amount_unit" | "bad_amount" | "amount_too_large" | "negative_amount" | "missing_refund"
    | "bad_status" | "bad_currency" | "bad_rate" | "bad_quantity" | "bad_item" | "bad_score" | "missing_field"
    | "bad_type" | "unclosed_quote" | "column_count" | "length_mismatch" | "empty_file" | "not_json"
    | "not_text" | "not_orders" | "api_errors" | "missing_column" | "bad_mapping" | "bad_delimiter"
    | "bad_decimal" | "bad_time_zone" | "other";
  field: string;
  currency: string | null;
  base: string | null;
  count: number;
  example: RowError;
}
"#;

/// The preview facts of a file's bytes, `today` in days since 1970-01-01: format (`format` if given, else guessed),
/// encoding, delimiter, date and number style, currency, date range,
/// column mapping, first rows and the suggested as-of day. `options` as
/// for `readOrders` (a `mapping` the admin edited). Never throws for the file's content: what keeps it from
/// being read is in `problem`.
#[wasm_bindgen(js_name = inspectOrders, unchecked_return_type = "OrderFileFacts")]
pub fn inspect_orders(
    bytes: &[u8],
    today: f64,
    #[wasm_bindgen(unchecked_optional_param_type = "OrderFormat | null")] format: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOrdersOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let format = match format.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(Format::parse(name).ok_or_else(|| {
            JsValue::from(js_sys::Error::new(&format!(
                "inspectOrders: unknown format '{name}'; use one of: {}",
                Format::NAMES
            )))
        })?),
    };
    let options: ReadOptions = if options.is_undefined() || options.is_null() {
        ReadOptions::default()
    } else {
        from_js(&options).map_err(|e| {
            JsValue::from(js_sys::Error::new(&format!(
                "inspectOrders: invalid options ({e})"
            )))
        })?
    };
    let today = if today.is_finite() {
        today.floor() as i64
    } else {
        0
    };
    to_js(&inspect::inspect(bytes, format, &options, today))
}

#[wasm_bindgen]
impl LoadedOrders {
    /// The rejected rows grouped by cause, largest group first, each with
    /// its count and first row.
    #[wasm_bindgen(js_name = errorGroups, unchecked_return_type = "RowErrorGroup[]")]
    pub fn error_groups(&self) -> Result<JsValue, JsValue> {
        to_js(&causes::group(&self.import.errors))
    }

    /// The first `limit` rejected rows (the list for a table; `errors` has all).
    #[wasm_bindgen(js_name = firstErrors, unchecked_return_type = "RowError[]")]
    pub fn first_errors(&self, limit: usize) -> Result<JsValue, JsValue> {
        let errors = &self.import.errors;
        let page = &errors[..limit.min(errors.len())];
        to_js(&page)
    }
}
