//! Money amounts as exact minor units, parsed from decimal text.

/// Number of minor-unit digits of an ISO 4217 currency: 0 for JPY and
/// similar, 3 for KWD and similar, 2 for everything else.
///
/// ```
/// use stammkunde::orders::minor_digits;
/// assert_eq!(minor_digits("EUR"), 2);
/// assert_eq!(minor_digits("JPY"), 0);
/// ```
pub fn minor_digits(currency: &str) -> u32 {
    match currency {
        "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX"
        | "UYI" | "VND" | "VUV" | "XAF" | "XOF" | "XPF" => 0,
        "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
        _ => 2,
    }
}

/// Whether `code` looks like an ISO 4217 code (three ASCII letters).
pub(crate) fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic())
}

/// Parses plain decimal text (`-1234.5`, `12`, `1e3`) into minor units with
/// `digits` decimals, rounding half away from zero. `None` if it is not a
/// number or does not fit.
pub(crate) fn decimal_to_minor(text: &str, digits: u32) -> Option<i64> {
    let text = text.trim();
    if text.bytes().any(|b| b == b'e' || b == b'E') {
        let x: f64 = text.parse().ok()?;
        return float_to_minor(x, digits);
    }
    let (negative, body) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, f),
        None => (body, ""),
    };
    if (int.is_empty() && frac.is_empty())
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut value: i64 = 0;
    for b in int.bytes() {
        value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    let mut frac_digits = frac.bytes();
    for _ in 0..digits {
        let d = frac_digits.next().map_or(0, |b| i64::from(b - b'0'));
        value = value.checked_mul(10)?.checked_add(d)?;
    }
    // Round half away from zero on the first dropped digit.
    if frac_digits.next().is_some_and(|b| b >= b'5') {
        value = value.checked_add(1)?;
    }
    Some(if negative { -value } else { value })
}

/// Converts a float amount in major units to minor units, rounding half away
/// from zero. `None` for NaN, infinities and values that do not fit.
pub(crate) fn float_to_minor(x: f64, digits: u32) -> Option<i64> {
    let scaled = (x * 10f64.powi(digits as i32)).round();
    // 9.0e15 keeps every value exactly representable.
    if scaled.is_finite() && scaled.abs() <= 9.0e15 {
        Some(scaled as i64)
    } else {
        None
    }
}

/// Converts `amount` minor units of a currency with `from` digits at `rate`
/// (base units per unit) into minor units of a base with `to` digits.
pub(crate) fn convert(amount: i64, from: u32, to: u32, rate: f64) -> Option<i64> {
    let major = amount as f64 / 10f64.powi(from as i32);
    float_to_minor(major * rate, to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_rounds_half_away_from_zero() {
        assert_eq!(decimal_to_minor("199.00", 2), Some(19_900));
        assert_eq!(decimal_to_minor("0.005", 2), Some(1));
        assert_eq!(decimal_to_minor("-0.005", 2), Some(-1));
        assert_eq!(decimal_to_minor("12.6049", 2), Some(1_260));
        assert_eq!(decimal_to_minor(".5", 2), Some(50));
        assert_eq!(decimal_to_minor("5.", 2), Some(500));
        assert_eq!(decimal_to_minor("1500", 0), Some(1_500));
        assert_eq!(decimal_to_minor("1e3", 2), Some(100_000));
        for bad in [
            "",
            ".",
            "-",
            "1.2.3",
            "12,50",
            "abc",
            "99999999999999999999",
        ] {
            assert_eq!(decimal_to_minor(bad, 2), None, "{bad}");
        }
    }

    #[test]
    fn conversion_respects_minor_digits() {
        // 1000 JPY at 0.0062 EUR per JPY = 6.20 EUR.
        assert_eq!(convert(1_000, 0, 2, 0.0062), Some(620));
        assert_eq!(convert(10_000, 2, 2, 1.05), Some(10_500));
    }
}
