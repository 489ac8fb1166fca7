//! Admin bindings for importing a shop's file: the preview facts
//! (`inspectOrders`) and the rejected rows grouped by cause
//! (`LoadedOrders.errorGroups`, `LoadedOrders.firstErrors`).

use super::convert::to_plain;
use super::orders::LoadedOrders;
use crate::orders::{causes, inspect, Format};
use wasm_bindgen::prelude::*;

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
    let options = super::orders::read_options("inspectOrders", &options)?;
    let today = if today.is_finite() {
        today.floor() as i64
    } else {
        0
    };
    to_plain(&inspect::inspect(bytes, format, &options, today))
}

#[wasm_bindgen]
impl LoadedOrders {
    /// The rejected rows grouped by cause, largest group first, each with
    /// its count and first row.
    #[wasm_bindgen(js_name = errorGroups, unchecked_return_type = "RowErrorGroup[]")]
    pub fn error_groups(&self) -> Result<JsValue, JsValue> {
        to_plain(&causes::group(&self.import.errors))
    }

    /// The first `limit` rejected rows (the list for a table; `errors` has all).
    #[wasm_bindgen(js_name = firstErrors, unchecked_return_type = "RowError[]")]
    pub fn first_errors(&self, limit: usize) -> Result<JsValue, JsValue> {
        let errors = &self.import.errors;
        let page = &errors[..limit.min(errors.len())];
        to_plain(&page)
    }
}
