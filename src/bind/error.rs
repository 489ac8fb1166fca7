//! The one error type the admin and ESM bindings throw: `StammkundeError`,
//! a real JS `Error` subclass with a stable `code`, a message that says how
//! to fix the call, and the details that apply (`row`, `field`, `column`,
//! …) as own properties. Every core error is mapped to it here.
//!
//! The class is a few lines of JS shipped next to the wasm (wasm-bindgen
//! writes it to `snippets/`); `js/tools/build.mjs` re-exports it from the
//! ESM package so that `err instanceof StammkundeError` works for callers.
//! The storefront bindings never throw and do not include it.

use js_sys::Reflect;
use wasm_bindgen::prelude::*;

use crate::clv::ClvError;
use crate::orders::RowError;
use crate::rules::RuleError;
use crate::segments::{Lang, SegmentError};

#[wasm_bindgen(inline_js = "export class StammkundeError extends Error {
  constructor(code, message) { super(message); this.name = 'StammkundeError'; this.code = code; }
}")]
extern "C" {
    #[wasm_bindgen(extends = js_sys::Error)]
    type StammkundeError;

    #[wasm_bindgen(constructor)]
    fn new(code: &str, message: &str) -> StammkundeError;
}

// The class is JS (the inline snippet above), so its declaration is
// written here; its codes (`StammkundeErrorCode`) are generated from
// `Code`.
#[wasm_bindgen(typescript_custom_section)]
const ERROR_TS: &str = r#"
/**
 * What every function of the package throws: the message says how to fix
 * the call; the details that apply are properties of the error.
 */
export class StammkundeError extends Error {
  readonly name: "StammkundeError";
  readonly code: StammkundeErrorCode;
  /** 1-based row of the input (import errors). */
  row?: number;
  orderId?: string;
  /** The field, column or option that is wrong. */
  field?: string;
  reason?: string;
  fix?: string;
  /** Import errors: the cause's code, as `RowErrorGroup.code` (e.g. "empty_file"). */
  reasonCode?: string;
  /** Rule errors: 1-based column and length of the wrong text, in characters. */
  column?: number;
  length?: number;
  /** Rule errors of custom segments: the segment's rule id. */
  ruleId?: string;
  /** insufficient_data: what is missing. */
  shortfalls?: ClvShortfall[];
  /** mixed_currencies: each currency with its number of orders. */
  currencies?: { currency: string; orders: number }[];
}
"#;

/// Stable error codes (`err.code`); docs/developers.md lists them.
pub use crate::api::ErrorCode as Code;

/// A `StammkundeError` being built; converts into the thrown `JsValue`.
pub struct Fail {
    error: StammkundeError,
}

impl Fail {
    /// An error with `code` and `message` (which says how to fix the call).
    pub fn new(code: Code, message: impl std::fmt::Display) -> Fail {
        Fail {
            error: StammkundeError::new(code.as_str(), &message.to_string()),
        }
    }

    /// Adds a detail property, e.g. `row`, `field`, `column`.
    pub fn with(self, key: &str, value: impl Into<JsValue>) -> Fail {
        // Setting a property on a fresh, unfrozen Error cannot fail.
        let _ = Reflect::set(&self.error, &JsValue::from_str(key), &value.into());
        self
    }

    /// Adds a detail property when there is a value.
    pub fn with_opt<T: Into<JsValue>>(self, key: &str, value: Option<T>) -> Fail {
        match value {
            Some(v) => self.with(key, v),
            None => self,
        }
    }
}

impl From<Fail> for JsValue {
    fn from(f: Fail) -> JsValue {
        f.error.into()
    }
}

/// Shorthand: the thrown value of an error with `code` and `message`.
pub fn fail(code: Code, message: impl std::fmt::Display) -> JsValue {
    Fail::new(code, message).into()
}

/// Wrong-option error.
pub fn option(message: impl std::fmt::Display) -> JsValue {
    fail(Code::InvalidOption, message)
}

/// Unusable-input error.
pub fn input(message: impl std::fmt::Display) -> JsValue {
    fail(Code::InvalidInput, message)
}

/// A row error that makes the whole call fail (`row`, `orderId`, `field`,
/// `reason`, `fix`). Unit mistakes get the code `wrong_unit`.
pub fn row(context: &str, e: &RowError) -> JsValue {
    let code = if is_unit_mistake(e) {
        Code::WrongUnit
    } else {
        Code::InvalidInput
    };
    Fail::new(code, format!("{context}: {e}"))
        .with_opt("row", e.row.map(|r| r as f64))
        .with_opt("orderId", e.order_id.as_deref())
        .with("field", e.field.as_str())
        .with("reason", e.reason.as_str())
        .with("fix", e.fix.as_str())
        .with("reasonCode", crate::orders::causes::code(e))
        .into()
}

/// Whether a row error is about a unit (milliseconds, ISO text, decimals).
pub fn is_unit_mistake(e: &RowError) -> bool {
    let reason = e.reason.to_ascii_lowercase();
    ["millisecond", "minor unit", "not unix seconds", "decimal"]
        .iter()
        .any(|w| reason.contains(w))
}

/// A rule error (`column`, `length`, 1-based, in characters), in `lang`.
pub fn rule(e: &RuleError, lang: Lang) -> Fail {
    Fail::new(Code::Rule, e.to_string_in(lang))
        .with("column", e.column as u32)
        .with("length", e.length as u32)
}

/// A segment computation error.
pub fn segment(e: &SegmentError) -> JsValue {
    match e {
        SegmentError::Rule { id, error } => {
            let message = format!("rule '{id}': {}", error.to_string_in(Lang::En));
            Fail::new(Code::Rule, message)
                .with("column", error.column as u32)
                .with("length", error.length as u32)
                .with("ruleId", id.as_str())
                .into()
        }
        SegmentError::Config { field, reason, fix } => Fail::new(
            Code::InvalidOption,
            format!("option {field}: {reason}; {fix}"),
        )
        .with("field", field.as_str())
        .with("reason", reason.as_str())
        .with("fix", fix.as_str())
        .into(),
        SegmentError::Clv { reason } => fail(Code::InvalidInput, reason),
    }
}

/// A CLV error, with `shortfalls` (too little data), `currencies` (mixed
/// currencies) or `field`/`fix` (a bad option).
pub fn clv(e: &ClvError) -> JsValue {
    let message = format!("computeClv: {e}");
    match e {
        ClvError::Insufficient(ins) => {
            let f = Fail::new(Code::InsufficientData, message);
            match super::convert::to_plain(&ins.shortfalls) {
                Ok(list) => f.with("shortfalls", list).into(),
                Err(_) => f.into(),
            }
        }
        ClvError::MixedCurrencies { currencies } => {
            let list = js_sys::Array::new();
            for (code, count) in currencies {
                let entry = js_sys::Object::new();
                let _ = Reflect::set(&entry, &"currency".into(), &code.as_str().into());
                let _ = Reflect::set(&entry, &"orders".into(), &(*count as f64).into());
                list.push(&entry);
            }
            Fail::new(Code::MixedCurrencies, message)
                .with("currencies", list)
                .into()
        }
        ClvError::InvalidOption { field, reason, fix } => Fail::new(Code::InvalidOption, message)
            .with("field", field.as_str())
            .with("reason", reason.as_str())
            .with("fix", fix.as_str())
            .into(),
        ClvError::FitFailed { .. } => fail(Code::FitFailed, message),
    }
}
