//! Unit mistakes caught at the boundary: milliseconds where Unix seconds
//! are expected (date text is fine: the canonical order reads it by the
//! day rule), decimal totals where minor units are
//! expected, seconds where milliseconds are expected. Such input used to
//! give empty results ("0 customers") with the reason only in the import
//! report; when most values have the mistake it is the call that is wrong,
//! so it throws a `StammkundeError` (`wrong_unit`) that says how to convert.
//! A few odd rows are still reported row by row and the rest used.

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;

use super::error::{Code, Fail};

/// Orders looked at; a systematic mistake shows in the first ones.
const SAMPLE: u32 = 1000;
/// Above this a time in seconds would be after the year 5000: milliseconds.
const MS_FROM: f64 = 1e11;

#[derive(Clone, Copy, PartialEq)]
enum Mistake {
    Milliseconds,
    Decimal,
}

fn fail(context: &str, row: usize, field: &str, message: String, fix: &str) -> JsValue {
    Fail::new(Code::WrongUnit, format!("{context}: {message}; {fix}"))
        .with("row", row as f64)
        .with("field", field)
        .with("fix", fix)
        .into()
}

/// Canonical orders (`placed_at` in Unix seconds or date text, `total` in
/// minor units).
pub fn check_orders(context: &str, orders: &JsValue) -> Result<(), JsValue> {
    let Some(array) = orders.dyn_ref::<Array>() else {
        return Ok(());
    };
    let n = array.length().min(SAMPLE);
    let mut first: [Option<(usize, JsValue)>; 2] = [None, None];
    let mut count = [0u32; 2];
    for i in 0..n {
        let order = array.get(i);
        if !order.is_object() {
            continue;
        }
        let get =
            |k: &str| Reflect::get(&order, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
        let placed = get("placed_at");
        let total = get("total");
        let mut note = |m: Mistake, v: JsValue| {
            let k = m as usize;
            count[k] += 1;
            if first[k].is_none() {
                first[k] = Some((i as usize, v));
            }
        };
        if placed.as_f64().is_some_and(|t| t.abs() >= MS_FROM) {
            note(Mistake::Milliseconds, placed);
        }
        if total
            .as_f64()
            .is_some_and(|t| t.is_finite() && t.fract() != 0.0)
        {
            note(Mistake::Decimal, total);
        }
    }
    let most = |m: Mistake| n > 0 && count[m as usize] * 2 > n;
    let shown = |v: &JsValue| v.as_f64().map(|x| x.to_string()).unwrap_or_default();
    for m in [Mistake::Milliseconds, Mistake::Decimal] {
        if !most(m) {
            continue;
        }
        let Some((i, v)) = &first[m as usize] else {
            continue;
        };
        let (field, what, fix) = match m {
            Mistake::Milliseconds => (
                "placed_at",
                "milliseconds",
                "placed_at is Unix seconds: divide by 1000, e.g. Math.floor(date.getTime() / 1000)",
            ),
            Mistake::Decimal => (
                "total",
                "a decimal amount",
                "total is in minor units (cents): convert, e.g. Math.round(total * 100) for EUR",
            ),
        };
        let message = format!(
            "orders[{i}].{field} is {} ({what}), and so are {} of the first {n} orders",
            shown(v),
            count[m as usize]
        );
        return Err(fail(context, i + 1, field, message, fix));
    }
    Ok(())
}

/// Whether most finite values satisfy `odd`; the first such index.
fn mostly(values: &[f64], odd: impl Fn(f64) -> bool) -> Option<usize> {
    let sample = &values[..values.len().min(SAMPLE as usize)];
    let finite = sample.iter().filter(|x| x.is_finite()).count();
    let hits = sample.iter().filter(|&&x| x.is_finite() && odd(x)).count();
    if finite > 0 && hits * 2 > finite {
        sample.iter().position(|&x| x.is_finite() && odd(x))
    } else {
        None
    }
}

/// A column of Unix seconds (`placedAt` of `ColumnarOrders`).
pub fn check_seconds(context: &str, field: &str, values: &[f64]) -> Result<(), JsValue> {
    match mostly(values, |t| t.abs() >= MS_FROM) {
        Some(i) => Err(fail(
            context,
            i + 1,
            field,
            format!("{field}[{i}] is {} (milliseconds)", values[i]),
            &format!("{field} is Unix seconds: divide by 1000"),
        )),
        None => Ok(()),
    }
}

/// A column of milliseconds (`readColumns` timestamps, as `Date.getTime()`).
#[cfg(feature = "esm")]
pub fn check_milliseconds(context: &str, field: &str, values: &[f64]) -> Result<(), JsValue> {
    match mostly(values, |t| t != 0.0 && t.abs() < MS_FROM) {
        Some(i) => Err(fail(
            context,
            i + 1,
            field,
            format!("{field}[{i}] is {} (Unix seconds)", values[i]),
            &format!("{field} is milliseconds since the epoch (Date.getTime()): multiply seconds by 1000"),
        )),
        None => Ok(()),
    }
}

/// A column of minor units (cents).
pub fn check_minor(context: &str, field: &str, values: &[f64]) -> Result<(), JsValue> {
    match mostly(values, |t| t.fract() != 0.0) {
        Some(i) => Err(fail(
            context,
            i + 1,
            field,
            format!("{field}[{i}] is {} (a decimal amount)", values[i]),
            &format!("{field} is in minor units (cents): multiply by 100 and round"),
        )),
        None => Ok(()),
    }
}
