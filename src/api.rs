//! The option and result types of the JS API that are not core types: the
//! bindings (`src/bind/`, wasm32 only) read options into them and write
//! results from them with serde, and tests/typescript.rs generates their
//! TypeScript declarations (ts-rs), so the two cannot drift apart.
//!
//! They are plain Rust so that the declarations are generated natively;
//! nothing here touches JS values. Options are camelCase and refuse
//! unknown names, so that a typo is reported rather than ignored.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;
use crate::orders::RowError;
use crate::segments::export::CellKind;
use crate::segments::ClvValues;

/// Stable codes of `StammkundeError` (`err.code`; docs/developers.md, "Errors").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "StammkundeErrorCode"))]
pub enum ErrorCode {
    /// The input as a whole cannot be used (wrong type, not JSON, empty).
    InvalidInput,
    /// An option has the wrong name, type or value.
    InvalidOption,
    /// `readOrders`/`loadOrders`: the format name is unknown.
    UnknownFormat,
    /// Values in the wrong unit: milliseconds or ISO strings where Unix
    /// seconds are expected, decimal totals where minor units are expected.
    WrongUnit,
    /// A segment rule does not parse or cannot be evaluated (`column`, `length`).
    Rule,
    /// No segment with this id.
    UnknownSegment,
    /// No customer with this index.
    UnknownCustomer,
    /// CLV: too little data (`shortfalls`).
    InsufficientData,
    /// CLV: orders in several currencies and none chosen (`currencies`).
    MixedCurrencies,
    /// CLV: the model fit gave no usable parameters.
    FitFailed,
    /// A result could not be converted to JS (a bug: please report it).
    Internal,
}

impl ErrorCode {
    /// The string JS sees as `err.code`.
    ///
    /// ```
    /// assert_eq!(stammkunde::api::ErrorCode::InvalidOption.as_str(), "invalid_option");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "invalid_input",
            ErrorCode::InvalidOption => "invalid_option",
            ErrorCode::UnknownFormat => "unknown_format",
            ErrorCode::WrongUnit => "wrong_unit",
            ErrorCode::Rule => "rule",
            ErrorCode::UnknownSegment => "unknown_segment",
            ErrorCode::UnknownCustomer => "unknown_customer",
            ErrorCode::InsufficientData => "insufficient_data",
            ErrorCode::MixedCurrencies => "mixed_currencies",
            ErrorCode::FitFailed => "fit_failed",
            ErrorCode::Internal => "internal",
        }
    }
}

/// Options of `new IntentEngine(options)`: the `intent` settings of the
/// script tag's config (docs/operators.md). Every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct IntentOptions {
    /// Default "medium".
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "\"low\" | \"medium\" | \"high\""))]
    pub sensitivity: Option<String>,
    /// Seconds on the page before intent may fire, 0 to 3600. Default 5.
    pub min_time_on_page: Option<f64>,
    /// Seconds after firing before it may fire again, 0 to 86400. Default 30.
    pub cooldown: Option<f64>,
    /// Page types on which intent may fire. Default all but checkout and confirmation.
    #[cfg_attr(feature = "ts", ts(as = "Option<Vec<crate::intent::PageType>>"))]
    pub pages: Option<Vec<String>>,
    /// "touch" enables the mobile signals; default "desktop" (the package
    /// does not guess the device).
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "\"desktop\" | \"touch\""))]
    pub device: Option<String>,
}

/// A date given as text (`'2026-11-01'`, `'01.11.2026'`) or as a number
/// (the binding turns a `Date` into a number before reading the options).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum DateValue {
    /// A number: seconds or milliseconds, as the option says.
    Number(f64),
    /// A date string.
    Text(String),
}

/// Options of `demoOrders`, `demoColumns` and `demoCsv`; every field is
/// optional. Whole numbers are checked by the binding (ranges in the
/// message).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(
    feature = "ts",
    derive(ts_rs::TS),
    ts(rename = "DemoOptions", optional_fields)
)]
pub struct DemoRequest {
    /// Number of customers; default 2000.
    pub customers: Option<f64>,
    /// Approximate number of orders; default about 6 per customer.
    pub orders: Option<f64>,
    /// Seed; default 1.
    pub seed: Option<f64>,
    /// As-of date: "2026-11-01", a Date, or milliseconds since the epoch;
    /// default 2026-11-01.
    #[cfg_attr(feature = "ts", ts(optional = nullable, type = "string | Date | number"))]
    pub as_of: Option<DateValue>,
}

/// What happened to the input rows of a segment computation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "SegmentImport"))]
pub struct SegmentImport {
    /// Rows (or orders) read.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub read: usize,
    /// Orders used.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub used: usize,
    /// Rows rejected (see `errors`).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub rejected: usize,
    /// Cancelled or refunded orders, left out.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub cancelled: usize,
    /// Orders that appeared more than once.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub duplicates: usize,
    /// One entry per rejected row.
    pub errors: Vec<RowError>,
}

/// CLV values for one customer; the CLV report's customers fit as they
/// are (their other fields are ignored).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CustomerClvValues {
    /// The customer key, as in the orders.
    pub customer: String,
    /// P(alive), predicted CLV and expected orders.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub values: ClvValues,
}

/// Options of `exportCsv` and `segmentsCsv`; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct CsvExportOptions {
    /// 'de': ';', 1234,56, 31.01.2026 (default); 'en': ',', 1234.56, 2026-01-31.
    pub lang: Option<Lang>,
    /// Only the members of this segment, with a reason column.
    pub segment: Option<String>,
    /// UTF-8 byte order mark; default: for German only.
    pub bom: Option<bool>,
}

/// A column of `tableCsv`: header and how its values are written.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TableCsvColumn {
    /// The header cell.
    pub header: String,
    /// text (neutralised against formulas; arrays joined with ', '), int,
    /// number (2 decimals), ratio (4 decimals), money (minor units), date
    /// (Unix seconds, UTC day).
    #[serde(rename = "type")]
    pub kind: CellKind,
}

/// Options of `tableCsv`; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(optional_fields))]
pub struct TableCsvOptions {
    /// 'de': ';', 1234,56, 31.01.2026 (default); 'en': ',', 1234.56, 2026-01-31.
    pub lang: Option<Lang>,
    /// ISO code of the money columns, for their minor digits (JPY 0, KWD 3). Default EUR.
    pub currency: Option<String>,
    /// UTF-8 byte order mark. Default true.
    pub bom: Option<bool>,
}

/// A text or a number, as a form gives it (`score: 9` or `score: '9'`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum TextOrNumber {
    /// A number.
    Number(f64),
    /// A text.
    Text(String),
}

impl Default for TextOrNumber {
    fn default() -> Self {
        TextOrNumber::Text(String::new())
    }
}

impl TextOrNumber {
    /// The value as text (numbers as Rust writes them: `9`, `9.5`).
    pub fn text(&self) -> String {
        match self {
            TextOrNumber::Number(x) => x.to_string(),
            TextOrNumber::Text(s) => s.clone(),
        }
    }
}

/// A survey answer; score and date may be strings as read from a form, the
/// date also a `Date`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NpsAnswer {
    /// Customer key, as in the orders.
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub customer: TextOrNumber,
    /// 0 to 10.
    #[cfg_attr(feature = "ts", ts(type = "number | string"))]
    pub score: TextOrNumber,
    /// 'YYYY-MM-DD', '31.01.2026' or a `Date`.
    #[cfg_attr(feature = "ts", ts(type = "string | Date"))]
    pub date: TextOrNumber,
}

/// The NPS overall and per segment, with the rejected answers.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename = "NpsReport"))]
pub struct NpsResult {
    /// The figures.
    #[serde(flatten)]
    #[cfg_attr(feature = "ts", ts(flatten))]
    pub report: crate::nps::NpsReport,
    /// Rejected answers.
    pub errors: Vec<RowError>,
}

/// A parsed rule (`parseRule`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RuleInfo {
    /// The rule's text.
    pub text: String,
    /// The fields it reads, in order of appearance.
    pub fields: Vec<String>,
}
