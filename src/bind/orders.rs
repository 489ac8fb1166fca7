//! Admin bindings: orders.
//!
//! `readOrders` turns a shop's export into canonical orders, `readColumns`
//! reads typed arrays for large inputs, `demoOrders`/`demoColumns`/`demoCsv`
//! produce the demo shop's data, `ordersToCsv` writes a German CSV. Errors
//! that concern the whole call are thrown as `StammkundeError`s whose
//! message says how to fix it, with `field`, `reason` and `fix`.

use super::convert::{from_js, own_options, to_js};
use crate::orders::{self, Format, ReadOptions, RowError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
#[cfg(feature = "esm")]
use {
    crate::api::{DateValue, DemoRequest},
    crate::demo::{self, DemoOptions},
    crate::orders::columnar::{self, Amounts, ColumnarInput, Columns},
    crate::orders::{csv, Order},
};

// The typed arrays of `readColumns` are copied as they are, not read with
// serde, so this one options type is declared here by hand.
#[cfg(feature = "esm")]
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
export interface ReadColumnsOptions {
  /** Status code per order: 0 completed, 1 cancelled, 2 refunded, 3 partially refunded. */
  status?: Uint8Array;
  /** Refunded amount per order, same unit as totals. */
  refunds?: Float64Array;
  /** true: totals are in cents; default false: in major units (49.9). */
  cents?: boolean;
  /** Currency of all amounts; default "EUR". */
  currency?: string;
}
"#;

use super::error::{self as err, Code};

pub(super) fn row_error(context: &str, e: &RowError) -> JsValue {
    err::row(context, e)
}

/// Reads the read options ([`ReadOptions`]: camelCase, snake_case
/// aliases, unknown names refused).
pub(super) fn read_options(name: &str, options: &JsValue) -> Result<ReadOptions, JsValue> {
    let example = "{ currency: 'EUR', rates: { CHF: 1.05 }, mapping: { total: 'Betrag' }, delimiter: ';', decimal: ',' }";
    match own_options(name, options, example)? {
        None => Ok(ReadOptions::default()),
        Some(copy) => super::convert::options(
            name,
            &copy.into(),
            &format!("see ReadOrdersOptions, e.g. {example}"),
        ),
    }
}

/// Reads orders. `format` is one of `shopify`, `shopify-graphql`,
/// `shopware`, `woocommerce`, `csv`, `canonical`, `cdnow`; `input` is the
/// API response (as text or parsed object), the file's text, or the file's
/// bytes (`Uint8Array`: UTF-8, UTF-16 with BOM or Windows-1252, detected). Bad rows are
/// in `errors`; the call throws only if the input as a whole is unusable.
#[wasm_bindgen(js_name = readOrders, unchecked_return_type = "OrderImport")]
pub fn read_orders(
    #[wasm_bindgen(unchecked_param_type = "OrderFormat")] format: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | object")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOrdersOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&import("readOrders", format, input, &options)?)
}

/// Like `readOrders`, but the orders stay in wasm memory: pass the handle
/// to `computeSegmentsFromLoaded` and `computeClvFromLoaded`. For large
/// exports this saves turning every order into a JS object and back (the
/// admin components read orders this way). Call `free()` when done.
#[wasm_bindgen(js_name = loadOrders)]
pub fn load_orders(
    #[wasm_bindgen(unchecked_param_type = "OrderFormat")] format: &str,
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array | object")] input: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ReadOrdersOptions")] options: JsValue,
) -> Result<LoadedOrders, JsValue> {
    let zone = read_options("loadOrders", &options)?.zone().clone();
    Ok(LoadedOrders {
        import: import("loadOrders", format, input, &options)?,
        zone,
    })
}

fn import(
    name: &str,
    format: &str,
    input: JsValue,
    options: &JsValue,
) -> Result<orders::Import, JsValue> {
    let format = Format::parse(format).ok_or_else(|| {
        err::fail(
            Code::UnknownFormat,
            format!(
                "{name}: unknown format '{format}'; use one of: {}",
                Format::NAMES
            ),
        )
    })?;
    let options = read_options(name, options)?;
    if let Some(text) = input.as_string() {
        orders::read(format, &text, &options)
    } else if let Some(bytes) = input.dyn_ref::<js_sys::Uint8Array>() {
        // A file's bytes: decoded from the encoding they are in (see orders::encoding).
        let bytes = bytes.to_vec();
        orders::read(format, &orders::encoding::decode(&bytes).0, &options)
    } else if input.is_object() {
        if format == Format::Canonical {
            let list = if input.is_array() {
                input.clone()
            } else {
                get_key(&input, "orders")
            };
            super::units::check_orders(name, &list)?;
        }
        let value: serde_json::Value = from_js(&input).map_err(|e| {
            err::input(format!(
                "{name}: the input is not plain JSON data ({e}); pass the API response as text or as parsed JSON"
            ))
        })?;
        orders::read_value(format, &value, &options)
    } else {
        return Err(err::input(format!(
            "{name}: input must be a string (file or response text) or a parsed JSON object"
        )));
    }
    .map_err(|e| row_error(name, &e))
}

/// Orders read by `loadOrders`, kept in wasm memory.
#[wasm_bindgen]
pub struct LoadedOrders {
    pub(crate) import: orders::Import,
    /// The shop's zone the orders were read in.
    zone: crate::calendar::Zone,
}

impl LoadedOrders {
    /// The orders read.
    pub fn orders(&self) -> &[orders::Order] {
        &self.import.orders
    }

    /// The shop's zone the orders were read in (`time_zone` of the read
    /// options): segments and CLV of these orders take it unless their own
    /// options name a zone, so days are cut as the times were read.
    pub fn zone(&self) -> &crate::calendar::Zone {
        &self.zone
    }
}

#[wasm_bindgen]
impl LoadedOrders {
    /// Rows read from the input.
    #[wasm_bindgen(getter)]
    pub fn read(&self) -> usize {
        self.import.read
    }

    /// Rows turned into orders.
    #[wasm_bindgen(getter)]
    pub fn used(&self) -> usize {
        self.import.used
    }

    /// Rows rejected (see `errors`).
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> usize {
        self.import.rejected
    }

    /// The currency of the first order, if any.
    #[wasm_bindgen(getter)]
    pub fn currency(&self) -> Option<String> {
        self.import.orders.first().map(|o| o.currency.clone())
    }

    /// One entry per rejected row: row, order id, field, reason, fix.
    #[wasm_bindgen(getter, unchecked_return_type = "RowError[]")]
    pub fn errors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.import.errors)
    }
}

/// Orders as typed columns (see `readColumns`): the form for a million
/// orders. Read the columns back with the methods, or pass the object to
/// the segment functions.
#[cfg(feature = "esm")]
#[wasm_bindgen]
pub struct OrderColumns {
    columns: Columns,
    errors: Vec<RowError>,
    read: usize,
    rejected: usize,
    currency: String,
}

#[cfg(feature = "esm")]
impl OrderColumns {
    /// The columns, for the other bindings.
    pub fn columns(&self) -> &Columns {
        &self.columns
    }

    /// The currency of all amounts.
    pub fn currency_code(&self) -> &str {
        &self.currency
    }
}

#[cfg(feature = "esm")]
#[wasm_bindgen]
impl OrderColumns {
    /// Orders read.
    #[wasm_bindgen(getter)]
    pub fn read(&self) -> usize {
        self.read
    }

    /// Orders used (the number of rows in the columns).
    #[wasm_bindgen(getter)]
    pub fn used(&self) -> usize {
        self.columns.len()
    }

    /// Orders rejected.
    #[wasm_bindgen(getter)]
    pub fn rejected(&self) -> usize {
        self.rejected
    }

    /// The currency of all amounts.
    #[wasm_bindgen(getter)]
    pub fn currency(&self) -> String {
        self.currency.clone()
    }

    /// One entry per rejected row (row = 1-based position).
    #[wasm_bindgen(getter, unchecked_return_type = "RowError[]")]
    pub fn errors(&self) -> Result<JsValue, JsValue> {
        to_js(&self.errors)
    }

    /// Customer index per order.
    pub fn customers(&self) -> Vec<u32> {
        self.columns.customer.clone()
    }

    /// Placed-at per order, milliseconds since the epoch.
    pub fn timestamps(&self) -> Vec<f64> {
        self.columns
            .placed_at
            .iter()
            .map(|&s| s as f64 * 1000.0)
            .collect()
    }

    /// Gross total per order, in cents.
    pub fn totals(&self) -> Vec<f64> {
        self.columns.total.iter().map(|&t| t as f64).collect()
    }

    /// Net total per order, in cents (0 for cancelled and refunded).
    #[wasm_bindgen(js_name = netTotals)]
    pub fn net_totals(&self) -> Vec<f64> {
        self.columns.net.iter().map(|&t| t as f64).collect()
    }

    /// Status code per order (0 completed, 1 cancelled, 2 refunded, 3 partially refunded).
    pub fn status(&self) -> Vec<u8> {
        self.columns.status.clone()
    }

    /// Canonical orders; `keys[i]` is the customer key of index `i` (else
    /// the index itself).
    #[wasm_bindgen(js_name = toOrders, unchecked_return_type = "Order[]")]
    pub fn to_orders(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "string[]")] keys: JsValue,
    ) -> Result<JsValue, JsValue> {
        let keys: Vec<String> = if keys.is_undefined() || keys.is_null() {
            Vec::new()
        } else {
            from_js(&keys).map_err(|_| err::input("toOrders: keys must be an array of strings"))?
        };
        to_js(&self.columns.to_orders(&keys, &self.currency))
    }
}

fn get_key(object: &JsValue, key: &str) -> JsValue {
    if object.is_object() {
        js_sys::Reflect::get(object, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
    } else {
        JsValue::UNDEFINED
    }
}

#[cfg(feature = "esm")]
fn get(object: &JsValue, key: &str) -> JsValue {
    get_key(object, key)
}

#[cfg(feature = "esm")]
fn currency_option(value: JsValue, context: &str) -> Result<String, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok("EUR".into());
    }
    match value.as_string() {
        Some(code) if code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic()) => {
            Ok(code.to_ascii_uppercase())
        }
        _ => Err(err::option(format!(
            "{context}: currency must be a three-letter code such as 'EUR'"
        ))),
    }
}

/// Reads orders from typed arrays: `customers` (customer index),
/// `timestamps` (ms since the epoch, as `Date.getTime()`), `totals` (major
/// units such as 49.9, or cents with `cents: true`).
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = readColumns)]
pub fn read_columns(
    customers: &[u32],
    timestamps: &[f64],
    totals: &[f64],
    #[wasm_bindgen(unchecked_optional_param_type = "ReadColumnsOptions")] options: JsValue,
) -> Result<OrderColumns, JsValue> {
    let status = get(&options, "status");
    let status: Option<Vec<u8>> = if status.is_undefined() || status.is_null() {
        None
    } else {
        let array = status
            .dyn_into::<js_sys::Uint8Array>()
            .map_err(|_| err::option("readColumns: status must be a Uint8Array of codes 0–3"))?;
        Some(array.to_vec())
    };
    let refunds = get(&options, "refunds");
    let refunds: Option<Vec<f64>> = if refunds.is_undefined() || refunds.is_null() {
        None
    } else {
        let array = refunds
            .dyn_into::<js_sys::Float64Array>()
            .map_err(|_| err::option("readColumns: refunds must be a Float64Array"))?;
        Some(array.to_vec())
    };
    let amounts = if get(&options, "cents").as_bool() == Some(true) {
        Amounts::Minor
    } else {
        Amounts::Major
    };
    let currency = currency_option(get(&options, "currency"), "readColumns")?;
    super::units::check_milliseconds("readColumns", "timestamps", timestamps)?;
    if amounts == Amounts::Minor {
        super::units::check_minor("readColumns", "totals", totals)?;
    }
    let input = ColumnarInput {
        customers,
        timestamps_ms: timestamps,
        totals,
        status: status.as_deref(),
        refunds: refunds.as_deref(),
        digits: Some(orders::minor_digits(&currency)),
    };
    let import = columnar::read(&input, amounts).map_err(|e| row_error("readColumns", &e))?;
    Ok(OrderColumns {
        columns: import.columns,
        errors: import.errors,
        read: import.read,
        rejected: import.rejected,
        currency,
    })
}

#[cfg(feature = "esm")]
const DEMO_MAX_CUSTOMERS: f64 = 2_000_000.0;
#[cfg(feature = "esm")]
const DEMO_MAX_ORDERS: f64 = 5_000_000.0;

#[cfg(feature = "esm")]
fn demo_options(options: &JsValue) -> Result<DemoOptions, JsValue> {
    let mut demo = DemoOptions::default();
    let Some(copy) = own_options("demo", options, "{ customers: 200, seed: 1 }")? else {
        return Ok(demo);
    };
    // A Date as milliseconds, like the numbers this option takes.
    let key = JsValue::from_str("asOf");
    if let Some(date) = js_sys::Reflect::get(&copy, &key)
        .ok()
        .and_then(|v| v.dyn_into::<js_sys::Date>().ok())
    {
        let _ = js_sys::Reflect::set(&copy, &key, &JsValue::from_f64(date.get_time()));
    }
    let request: DemoRequest = super::convert::options(
        "demo",
        &copy.into(),
        "see DemoOptions, e.g. { customers: 200, orders: 1000, seed: 1, asOf: '2026-11-01' }",
    )?;
    let number = |key: &str, value: Option<f64>, max: f64| -> Result<Option<f64>, JsValue> {
        match value {
            None => Ok(None),
            Some(n) if n.is_finite() && n >= 0.0 && n <= max && n.fract() == 0.0 => Ok(Some(n)),
            Some(_) => Err(super::error::Fail::new(
                Code::InvalidOption,
                format!("demo: {key} must be a whole number from 0 to {max}"),
            )
            .with("field", key)
            .into()),
        }
    };
    if let Some(n) = number("customers", request.customers, DEMO_MAX_CUSTOMERS)? {
        demo.customers = n as usize;
    }
    if let Some(n) = number("orders", request.orders, DEMO_MAX_ORDERS)? {
        demo.orders = Some(n as usize);
    }
    if let Some(n) = number("seed", request.seed, 9_007_199_254_740_991.0)? {
        demo.seed = n as u64;
    }
    match request.as_of {
        None => {}
        Some(DateValue::Number(ms)) => demo.end = (ms / 1000.0).floor() as i64,
        Some(DateValue::Text(text)) => {
            demo.end = crate::calendar::Zone::UTC
                .parse_time(&text)
                .ok_or_else(|| {
                    err::option(format!(
                        "demo: asOf '{text}' is not a date; write e.g. '2026-11-01' or '01.11.2026'"
                    ))
                })?;
        }
    }
    if !(63_072_000..7_258_118_400).contains(&demo.end) {
        return Err(err::option("demo: asOf must be between 1972 and 2199"));
    }
    Ok(demo)
}

/// The demo shop's orders (Kaffeerösterei Morgenrot, two years up to
/// `asOf`); the same options always give the same orders.
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = demoOrders, unchecked_return_type = "Order[]")]
pub fn demo_orders(
    #[wasm_bindgen(unchecked_optional_param_type = "DemoOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    to_js(&demo::generate(&demo_options(&options)?))
}

/// The demo shop's orders as typed columns (customer index = customer
/// number − 10001); for benchmarks with up to millions of orders.
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = demoColumns)]
pub fn demo_columns(
    #[wasm_bindgen(unchecked_optional_param_type = "DemoOptions")] options: JsValue,
) -> Result<OrderColumns, JsValue> {
    let columns = demo::generate_columns(&demo_options(&options)?);
    Ok(OrderColumns {
        read: columns.len(),
        rejected: 0,
        errors: Vec::new(),
        columns,
        currency: "EUR".into(),
    })
}

/// The demo shop's orders as a German CSV export.
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = demoCsv)]
pub fn demo_csv(
    #[wasm_bindgen(unchecked_optional_param_type = "DemoOptions")] options: JsValue,
) -> Result<String, JsValue> {
    Ok(csv::write_german(&demo::generate(&demo_options(&options)?)))
}

/// Writes canonical orders as a German CSV export (`;`, `1.234,56`,
/// `dd.mm.yyyy hh:mm` UTC, UTF-8 with BOM) that `readOrders('csv', …)`
/// reads back.
#[cfg(feature = "esm")]
#[wasm_bindgen(js_name = ordersToCsv)]
pub fn orders_to_csv(
    #[wasm_bindgen(unchecked_param_type = "Order[]")] orders: JsValue,
) -> Result<String, JsValue> {
    let orders: Vec<Order> = from_js(&orders).map_err(|e| {
        err::input(format!(
            "ordersToCsv: expected an array of orders as readOrders returns them ({e})"
        ))
    })?;
    Ok(csv::write_german(&orders))
}
