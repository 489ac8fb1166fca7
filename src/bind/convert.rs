//! Values crossing the JS boundary.
//!
//! - Options objects are read with serde-wasm-bindgen straight from the JS
//!   object into the Rust option types (camelCase, unknown names refused);
//!   serde_path_to_error names the option that is wrong, so every error
//!   says which field and how to fix it ([`options`]).
//! - Small results (import facts, error groups, the NPS report, rule info)
//!   are written with serde-wasm-bindgen as plain objects ([`to_plain`]).
//! - Bulk data (order arrays, customer keys, row error lists, the CLV
//!   report's customers) goes as JSON text through the browser's
//!   `JSON.parse` / `JSON.stringify` ([`to_js`], [`text_of`]): for
//!   thousands of objects one native parse is faster than one JS call per
//!   field. Per-customer columns are typed arrays and use neither.

use js_sys::{Object, Reflect};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use super::error::{Code, Fail};

/// A Rust value as a plain JS value, through JSON text (bulk data).
pub fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    let text = serde_json::to_string(value).map_err(|e| {
        super::error::fail(
            Code::Internal,
            format!("cannot convert the result: {e}; please report this"),
        )
    })?;
    js_sys::JSON::parse(&text)
}

/// A small Rust value as a plain JS value: objects, not `Map`s; `None` as
/// `null` (serde-wasm-bindgen's JSON-compatible mode).
pub fn to_plain<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| {
            super::error::fail(
                Code::Internal,
                format!("cannot convert the result: {e}; please report this"),
            )
        })
}

/// The JSON text of a JS value; `None` if `JSON.stringify` cannot handle
/// it (cycles, BigInt) or it has no JSON form (`undefined`, functions).
pub fn text_of(value: &JsValue) -> Option<String> {
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|t| t.as_string())
}

/// A plain JS value read into a Rust type through JSON text (bulk data).
/// The error is serde's message without the position in the intermediate
/// text, which means nothing to the caller.
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

/// A shallow copy of an options object with its own keys whose value is
/// not `undefined` (`{ asOf: undefined }` means "not given", as it did
/// when options went through `JSON.stringify`). `None` for `undefined` and
/// `null`; an error when the options are not an object.
pub fn own_options(
    context: &str,
    value: &JsValue,
    example: &str,
) -> Result<Option<Object>, JsValue> {
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    if !value.is_object() || js_sys::Array::is_array(value) {
        return Err(Fail::new(
            Code::InvalidOption,
            format!("{context}: options must be an object, e.g. {example}"),
        )
        .with("field", "options")
        .into());
    }
    let copy = Object::new();
    for entry in Object::entries(value.unchecked_ref()).iter() {
        let key = Reflect::get_u32(&entry, 0).unwrap_or(JsValue::UNDEFINED);
        let v = Reflect::get_u32(&entry, 1).unwrap_or(JsValue::UNDEFINED);
        if !v.is_undefined() {
            let _ = Reflect::set(&copy, &key, &v);
        }
    }
    Ok(Some(copy))
}

/// Takes a key out of an options object (the first of `names` present).
pub fn take(options: &Object, names: &[&str]) -> JsValue {
    let mut out = JsValue::UNDEFINED;
    for name in names {
        let key = JsValue::from_str(name);
        let v = Reflect::get(options, &key).unwrap_or(JsValue::UNDEFINED);
        if out.is_undefined() {
            out = v;
        }
        let _ = Reflect::delete_property(options, &key);
    }
    out
}

/// The field names (aliases included) serde reads for `T`, from a
/// deserializer that only records them: serde-wasm-bindgen reads a struct
/// by its known names and never sees the others, so unknown names are
/// found here.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    use serde::de::{Error as _, Visitor};
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> serde::Deserializer<'de> for Probe<'_> {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(Self::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(Self::Error::custom("names read"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut names: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut names));
    names
}

/// Reads an options object into `T` (serde-wasm-bindgen). A wrong option
/// is an `invalid_option` error with `field` (the option's path, e.g.
/// `horizonMonths` or `rules[0].rule`) whose message names it, says what
/// is wrong and ends with `fix`. An unknown name is refused with the list
/// of names (the snake_case aliases are accepted but not listed).
pub fn options<T: DeserializeOwned>(
    context: &str,
    value: &JsValue,
    fix: &str,
) -> Result<T, JsValue> {
    let names = field_names::<T>();
    if let Some(object) = value.dyn_ref::<Object>() {
        let unknown = Object::keys(object)
            .iter()
            .filter_map(|k| k.as_string())
            .find(|k| !names.contains(&k.as_str()));
        if let Some(key) = unknown {
            let listed: Vec<&str> = names.iter().copied().filter(|n| !n.contains('_')).collect();
            return Err(Fail::new(
                Code::InvalidOption,
                format!(
                    "{context}: unknown option '{key}'; the options are {}",
                    listed.join(", ")
                ),
            )
            .with("field", key)
            .with("fix", fix)
            .into());
        }
    }
    let de = serde_wasm_bindgen::Deserializer::from(value.clone());
    serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." {
            "options".to_string()
        } else {
            path
        };
        Fail::new(
            Code::InvalidOption,
            format!("{context}: option {field}: {}; {fix}", reason(e.inner())),
        )
        .with("field", field)
        .with("fix", fix)
        .into()
    })
}

/// serde-wasm-bindgen's message, without the "Error: " of the JS error
/// it carries.
pub fn reason(e: &serde_wasm_bindgen::Error) -> String {
    let text = e.to_string();
    match text.strip_prefix("Error: ") {
        Some(rest) => rest.to_string(),
        None => text,
    }
}
