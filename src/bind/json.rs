//! Values cross the JS boundary as JSON text: serde_json is in the admin
//! build for the file formats anyway, and one serialiser (instead of a
//! second, JsValue-based one) keeps the admin wasm small. `JSON.parse` and
//! `JSON.stringify` are the browser's own, fast code.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A Rust value as a plain JS value (objects, arrays, numbers, strings).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        super::error::fail(
            super::error::Code::Internal,
            format!("cannot convert the result: {e}; please report this"),
        )
    })?;
    js_sys::JSON::parse(&text)
}

/// The JSON text of a JS value; `None` if `JSON.stringify` cannot handle
/// it (cycles, BigInt) or it has no JSON form (`undefined`, functions).
pub fn text_of(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
}

/// A plain JS value read into a Rust type. The error is serde's message
/// without the position in the intermediate text, which means nothing to
/// the caller.
pub fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let text = text_of(value)
        .ok_or_else(|| "not plain data that JSON.stringify can handle".to_string())?;
    serde_json::from_str(&text).map_err(|e| message(&e))
}

/// serde_json's message without " at line L column C".
pub fn message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    match text.rfind(" at line ") {
        Some(at) if e.line() > 0 => text[..at].to_string(),
        _ => text,
    }
}
