//! Admin bindings: the import pipeline of the admin components, built for
//! shop-sized exports (millions of orders).
//!
//! - `OrderFeed` takes the file in chunks as the browser reads it
//!   (`File.stream()`): each chunk is copied once into wasm memory. CSV and
//!   every JSON format are read piece by piece (4 MiB, 8 MiB) into the order
//!   table as they arrive, so memory is bounded by the table's columns and
//!   one piece, not by the file. JSON orders are cut out of the document as
//!   they complete ([`crate::orders::json_stream`]): canonical ones go
//!   through the fast scanner, shop orders through one transient
//!   `serde_json::Value` each. The rows and row errors are those of
//!   reading the file whole (the table keeps each order id's row, so a
//!   repeat in a later piece is named with its first row); without a base
//!   currency the first piece's decides. A UTF-16 file is turned into
//!   UTF-8 as it arrives and read the same way.
//! - `SegmentResult.clvInput()` hands the table's columns to a CLV fit
//!   (`computeClvColumns`, which may run in another worker), and
//!   `SegmentResult.setClvColumns` joins its typed columns back by
//!   customer index: no per-customer JSON either way.

use js_sys::{Float64Array, Object, Reflect, Uint32Array, Uint8Array};
use wasm_bindgen::prelude::*;

use super::clv::read_options as clv_options;
use super::convert::{to_js, to_plain};
use super::error::clv as clv_error;
use super::orders::{read_options as order_options, row_error};
use super::segments::{error, read_options as segment_options, result, SegmentResult};
use crate::api::SegmentImport;
use crate::clv::summary::{summarise_columns, OrderColumns};
use crate::clv::{analyse_summary, summary_options};
use crate::orders::csv::CsvStream;
use crate::orders::encoding::Utf16Stream;
use crate::orders::json_stream::JsonStream;
use crate::orders::{self, causes, encoding, Format, ReadOptions};
use crate::segments::{ClvValues, OrderTable};

/// CSV is read in pieces of about this many bytes. 4 MiB read a 1 M-order
/// German export about 5 % faster than 8 MiB (a piece's passes find more
/// of it in the cache) and 16 MiB slower (Node, same machine, interleaved).
const PIECE: usize = 4 << 20;
/// The JSON formats are read in pieces of about this many bytes.
const JSON_PIECE: usize = 8 << 20;

// Typed arrays built field by field (bulk data, no serde), so these two
// shapes are declared here by hand; `ClvReport` is generated.
#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** The columns of a segment result's orders, for `computeClvColumns`. */
export interface ClvInput {
  customer: Uint32Array;
  /** Unix seconds. */
  placedAt: Float64Array;
  /** Net value, minor units. */
  net: Float64Array;
  customers: number;
  currency: string | null;
}
/** `computeClvColumns`' answer: per customer index (NaN: no prediction), and the report without its customer list. */
export interface ClvColumns {
  pAlive: Float64Array;
  clv: Float64Array;
  expectedOrders: Float64Array;
  report: ClvReport;
}
"#;

/// A shop export arriving in chunks; see the module docs.
///
/// ```js
/// const feed = new OrderFeed('csv', { currency: 'EUR' }, file.size);
/// for await (const chunk of file.stream()) feed.push(chunk);
/// const result = feed.finish({ asOf: '2026-11-01' }); // a SegmentResult
/// ```
#[wasm_bindgen]
pub struct OrderFeed {
    format: Format,
    options: ReadOptions,
    /// Bytes not read yet: the unfinished rest of a CSV, all of a CDNOW
    /// file.
    buf: Vec<u8>,
    csv: Option<CsvStream>,
    /// The JSON formats, read in pieces (it holds their unread bytes).
    json: Option<JsonStream>,
    received: f64,
    piece: usize,
    /// UTF-16 (a BOM in the first bytes): turned into UTF-8 as it
    /// arrives, then read like a UTF-8 file.
    utf16: Option<Utf16Stream>,
    /// The first bytes, until there are two to look for a UTF-16 BOM in
    /// (a chunk may hold a single byte).
    start: Option<Vec<u8>>,
}

#[wasm_bindgen]
impl OrderFeed {
    /// A feed for a file of `format` (see `readOrders`), `size` bytes long
    /// if known (0 otherwise).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "OrderFormat")] format: &str,
        #[wasm_bindgen(unchecked_param_type = "ReadOrdersOptions | undefined")] options: JsValue,
        size: f64,
    ) -> Result<OrderFeed, JsValue> {
        let format = Format::parse(format).ok_or_else(|| {
            error(format!(
                "OrderFeed: unknown format '{format}'; use one of: {}",
                Format::NAMES
            ))
        })?;
        let options = order_options("OrderFeed", &options)?;
        options.validate().map_err(|e| row_error("OrderFeed", &e))?;
        let csv = if format == Format::Csv {
            let mut stream = CsvStream::new(&options).map_err(|e| row_error("OrderFeed", &e))?;
            if size.is_finite() && size > 0.0 {
                stream.expect_bytes(size as usize);
            }
            Some(stream)
        } else {
            None
        };
        let size = if size.is_finite() && size > 0.0 {
            size as usize
        } else {
            0
        };
        let json = match format {
            Format::Csv | Format::Cdnow => None,
            _ => {
                let mut json = JsonStream::new(format, &options, JSON_PIECE)
                    .map_err(|e| row_error("OrderFeed", &e))?;
                // Room in the table for the orders of a canonical file this size.
                json.expect_bytes(size);
                Some(json)
            }
        };
        let mut buf = Vec::new();
        // A piece and a bit for CSV; the whole file for CDNOW.
        if csv.is_some() {
            buf.reserve(PIECE + (1 << 20));
        } else if json.is_none() {
            buf.reserve(size.min(1 << 31));
        }
        Ok(OrderFeed {
            format,
            options,
            buf,
            csv,
            json,
            received: 0.0,
            piece: PIECE,
            utf16: None,
            start: Some(Vec::new()),
        })
    }

    /// Reads CSV and JSON in pieces of about `bytes` (default 4 MiB for
    /// CSV, 8 MiB for JSON): smaller pieces, less memory; for tests of
    /// the piece boundaries.
    #[wasm_bindgen(js_name = setPieceSize)]
    pub fn set_piece_size(&mut self, bytes: usize) {
        self.piece = bytes.max(1);
        if let Some(json) = &mut self.json {
            json.set_piece(self.piece);
        }
    }

    /// Bytes held in wasm memory and not read yet (at most about two
    /// pieces; a CDNOW file is kept whole).
    #[wasm_bindgen(getter)]
    pub fn buffered(&self) -> f64 {
        let json = self.json.as_ref().map_or(0, JsonStream::buffered);
        (self.buf.len() + json) as f64
    }

    /// Bytes received so far.
    #[wasm_bindgen(getter)]
    pub fn received(&self) -> f64 {
        self.received
    }

    /// Adds the next chunk of the file (copied once into wasm memory).
    /// Throws as `finish` would when a piece shows that the file cannot
    /// be read (no CSV header; not JSON).
    pub fn push(&mut self, chunk: &Uint8Array) -> Result<(), JsValue> {
        let n = chunk.length() as usize;
        self.received += n as f64;
        if let Some(mut start) = self.start.take() {
            start.extend(chunk.to_vec());
            if start.len() < 2 {
                self.start = Some(start);
                return Ok(());
            }
            if matches!(start.get(..2), Some([0xff, 0xfe] | [0xfe, 0xff])) {
                self.utf16 = Some(Utf16Stream::new());
            }
            return self.text(&start);
        }
        if self.utf16.is_some() {
            return self.text(&chunk.to_vec());
        }
        self.take(n, |slot| chunk.copy_to(slot))
    }

    /// Reads what is left and computes the segments (`options` as for
    /// `computeSegments`). The feed is used up.
    pub fn finish(
        mut self,
        #[wasm_bindgen(unchecked_optional_param_type = "SegmentOptions")] options: Option<JsValue>,
    ) -> Result<SegmentResult, JsValue> {
        let o = segment_options(&options.unwrap_or(JsValue::UNDEFINED))?;
        let currency = o.currency.clone().or_else(|| self.options.currency.clone());
        if let Some(start) = self.start.take() {
            self.text(&start)?;
        }
        if let Some(mut utf16) = self.utf16.take() {
            let mut out = Vec::new();
            utf16.finish(&mut out);
            self.take(out.len(), |slot| slot.copy_from_slice(&out))?;
        }
        if self.csv.is_some() {
            self.read_csv(true)?;
        }
        if let Some(feed) = self.csv.take() {
            let (table, errors, read) = feed.finish().map_err(|e| row_error("OrderFeed", &e))?;
            return result(table, errors, read, &o.config);
        }
        if let Some(json) = self.json.take() {
            let (table, errors, read) = json.finish().map_err(|e| json_error(self.format, e))?;
            return result(table, errors, read, &o.config);
        }
        // CDNOW: the whole file (every other format has its stream).
        let bytes = std::mem::take(&mut self.buf);
        // UTF-8 (with or without BOM) or Windows-1252; UTF-16 was turned
        // into UTF-8 as it arrived.
        let (text, _) = encoding::decode(&bytes);
        let body = text.strip_prefix('\u{feff}').unwrap_or(&text);
        let import = orders::read(self.format, body, &self.options)
            .map_err(|e| row_error("OrderFeed", &e))?;
        let table = OrderTable::from_orders_in(&import.orders, currency.as_deref());
        let (errors, read) = (import.errors, import.read);
        drop(text);
        result(table, errors, read, &o.config)
    }
}

/// A JSON document that cannot be read, worded as the whole-file readers
/// word it.
fn json_error(format: Format, e: orders::json_stream::Fail) -> JsValue {
    if format == Format::Canonical {
        error(format!("orders JSON, {}", e.canonical()))
    } else {
        row_error("OrderFeed", &e.into_error())
    }
}

impl OrderFeed {
    /// Takes the next bytes of the file, UTF-16 turned into UTF-8.
    fn text(&mut self, bytes: &[u8]) -> Result<(), JsValue> {
        match &mut self.utf16 {
            Some(utf16) => {
                let mut out = Vec::new();
                utf16.push(bytes, &mut out);
                self.take(out.len(), |slot| slot.copy_from_slice(&out))
            }
            None => self.take(bytes.len(), |slot| slot.copy_from_slice(bytes)),
        }
    }

    /// Takes `n` more bytes of UTF-8 (or Windows-1252) text, written by
    /// `fill`, and reads the pieces they complete.
    fn take(&mut self, n: usize, fill: impl FnOnce(&mut [u8])) -> Result<(), JsValue> {
        if let Some(json) = &mut self.json {
            return json
                .push_with(n, fill)
                .map_err(|e| json_error(self.format, e));
        }
        let old = self.buf.len();
        self.buf.resize(old + n, 0);
        if let Some(slot) = self.buf.get_mut(old..) {
            fill(slot);
        }
        if self.csv.is_some() && self.buf.len() >= self.piece {
            self.read_csv(false)?;
        }
        Ok(())
    }

    /// Reads the complete records received so far (all of them when `last`).
    fn read_csv(&mut self, last: bool) -> Result<(), JsValue> {
        let Some(feed) = self.csv.as_mut() else {
            return Ok(());
        };
        let used = feed
            .read(&self.buf, last)
            .map_err(|e| row_error("OrderFeed", &e))?;
        self.buf.drain(..used);
        Ok(())
    }
}

#[wasm_bindgen]
impl SegmentResult {
    /// Like `importReport()`, with only the first `limit` row errors (the
    /// counts cover all).
    #[wasm_bindgen(js_name = importSummary, unchecked_return_type = "SegmentImport")]
    pub fn import_summary(&self, limit: usize) -> Result<JsValue, JsValue> {
        let i = &self.import;
        to_plain(&SegmentImport {
            errors: i
                .errors
                .get(..limit.min(i.errors.len()))
                .unwrap_or_default()
                .to_vec(),
            ..*i
        })
    }

    /// The rejected rows grouped by cause, largest group first, each with
    /// its count and first row (as `LoadedOrders.errorGroups()`).
    #[wasm_bindgen(js_name = errorGroups, unchecked_return_type = "RowErrorGroup[]")]
    pub fn error_groups(&self) -> Result<JsValue, JsValue> {
        to_plain(&causes::group(&self.import.errors))
    }

    /// The key of customer `i` (undefined past the last one): for the
    /// rows a page shows, without fetching every key.
    #[wasm_bindgen(js_name = keyAt)]
    pub fn key_at(&self, i: usize) -> Option<String> {
        (i < self.seg.customer_count()).then(|| self.seg.key(i).into_owned())
    }

    /// The orders of the table as columns, for `computeClvColumns`.
    #[wasm_bindgen(js_name = clvInput, unchecked_return_type = "ClvInput")]
    pub fn clv_input(&self) -> Result<JsValue, JsValue> {
        let t = self.seg.table();
        let out = Object::new();
        let set = |k: &str, v: JsValue| Reflect::set(&out, &k.into(), &v).map(|_| ());
        set("customer", Uint32Array::from(t.customers()).into())?;
        set("placedAt", floats(t.placed_at()).into())?;
        set("net", floats(t.net()).into())?;
        set("customers", JsValue::from(t.customer_count() as u32))?;
        set(
            "currency",
            t.currency().map_or(JsValue::NULL, JsValue::from_str),
        )?;
        Ok(out.into())
    }

    /// Joins CLV figures by customer index (`alive`, `clv`, `expected`:
    /// the `pAlive`, `clv`, `expectedOrders` columns of
    /// `computeClvColumns`; NaN: none), so `likely_churned` and the rule
    /// fields `p_alive`, `predicted_clv`, `expected_orders` work.
    #[wasm_bindgen(js_name = setClvColumns)]
    pub fn set_clv_columns(
        &mut self,
        alive: &[f64],
        clv: &[f64],
        expected: &[f64],
    ) -> Result<(), JsValue> {
        let n = self.seg.customer_count();
        if alive.len() != n || clv.len() != n || expected.len() != n {
            return Err(error(format!(
                "setClvColumns: each column needs one value per customer ({n})"
            )));
        }
        let some = |v: f64| v.is_finite().then_some(v);
        let values: Vec<ClvValues> = (0..n)
            .map(|i| ClvValues {
                p_alive: some(alive[i]),
                predicted_clv: some(clv[i]),
                expected_orders: some(expected[i]),
            })
            .collect();
        self.seg.set_clv(&values).map_err(error)
    }
}

/// Whole numbers as a JS Float64Array, converted in small blocks: a
/// column of 10 M orders never needs a second copy in wasm memory.
fn floats(values: &[i64]) -> Float64Array {
    let out = Float64Array::new_with_length(values.len() as u32);
    let mut block = Vec::with_capacity(1 << 16);
    for (k, part) in values.chunks(1 << 16).enumerate() {
        block.clear();
        block.extend(part.iter().map(|&v| v as f64));
        let from = (k << 16) as u32;
        out.subarray(from, from + part.len() as u32)
            .copy_from(&block);
    }
    out
}

/// Fits CLV (as `computeClv`) on order columns (`SegmentResult.clvInput()`)
/// and returns typed columns by customer index plus the report without
/// its customer list. Throws as `computeClv` does.
#[wasm_bindgen(js_name = computeClvColumns, unchecked_return_type = "ClvColumns")]
pub fn compute_clv_columns(
    customer: &[u32],
    placed_at: &[f64],
    net: &[f64],
    customers: u32,
    currency: Option<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "ClvOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let opts = clv_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let placed: Vec<i64> = placed_at.iter().map(|&s| s as i64).collect();
    let net: Vec<i64> = net.iter().map(|&v| v as i64).collect();
    let cols = OrderColumns {
        customer,
        placed_at: &placed,
        net: &net,
        customers: customers as usize,
        currency: currency.as_deref(),
    };
    let (summary, index) = summarise_columns(&cols, |_| String::new(), &summary_options(&opts));
    drop((placed, net));
    let mut report = analyse_summary(summary, &opts).map_err(|e| clv_error(&e))?;
    let n = customers as usize;
    let mut p_alive = vec![f64::NAN; n];
    let mut clv = vec![f64::NAN; n];
    let mut expected = vec![f64::NAN; n];
    for (c, &i) in report.customers.iter().zip(&index) {
        let i = i as usize;
        if i < n {
            p_alive[i] = c.p_alive;
            clv[i] = c.predicted_clv;
            expected[i] = c.expected_orders;
        }
    }
    report.customers = Vec::new();
    let out = Object::new();
    let set = |k: &str, v: JsValue| Reflect::set(&out, &k.into(), &v).map(|_| ());
    set("pAlive", Float64Array::from(p_alive.as_slice()).into())?;
    set("clv", Float64Array::from(clv.as_slice()).into())?;
    set(
        "expectedOrders",
        Float64Array::from(expected.as_slice()).into(),
    )?;
    set("report", to_js(&report)?)?;
    Ok(out.into())
}
