//! Money: an amount in minor units of an ISO 4217 currency.
//!
//! Every amount the engine reads, compares or writes is a whole number of
//! the currency's minor unit (cents for EUR, yen for JPY, fils for KWD).
//! How many decimals a minor unit has comes from [`minor_digits`]; every
//! output (reasons, CSV cells, rule values, the command-line tool) goes
//! through [`Money`], so 5000 JPY is never shown as 50,00.
//!
//! ```
//! use stammkunde::money::{Currency, Money};
//! use stammkunde::segments::Lang;
//! let yen = Money::new(5_000, Currency::parse("JPY").unwrap());
//! assert_eq!(yen.text(Lang::De), "5.000 JPY");
//! let dinar = Money::new(1_234_567, Currency::parse("kwd").unwrap());
//! assert_eq!(dinar.text(Lang::En), "KWD 1,234.567");
//! assert_eq!(dinar.plain(Lang::De), "1234,567");
//! ```

use crate::lang::Lang;

/// Minor-unit digits of an ISO 4217 currency code (upper case).
///
/// Source: ISO 4217 list one (current currency and funds code list), column
/// "minor unit". Only the exceptions to 2 are listed; unknown codes and the
/// codes without a minor unit (XAU, XDR, ...) are treated as 2.
///
/// ```
/// use stammkunde::money::minor_digits;
/// assert_eq!(minor_digits("EUR"), 2);
/// assert_eq!(minor_digits("CHF"), 2);
/// assert_eq!(minor_digits("JPY"), 0);
/// assert_eq!(minor_digits("KWD"), 3);
/// assert_eq!(minor_digits("CLF"), 4);
/// ```
pub fn minor_digits(code: &str) -> u32 {
    // Keep in sync with MINOR_DIGITS in js/src/admin/format.js (a test
    // compares the two lists). Codes are compared as numbers: every row of
    // a large export asks.
    let code = pack(code.as_bytes());
    if code == u32::MAX {
        2
    } else if ZERO_PACKED.contains(&code) {
        0
    } else if THREE_PACKED.contains(&code) {
        3
    } else if FOUR_PACKED.contains(&code) {
        4
    } else {
        2
    }
}

/// A three-byte code as a number; `u32::MAX` for other lengths.
const fn pack(code: &[u8]) -> u32 {
    match code {
        [a, b, c] => (*a as u32) << 16 | (*b as u32) << 8 | *c as u32,
        _ => u32::MAX,
    }
}

const fn packed<const N: usize>(codes: [&str; N]) -> [u32; N] {
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = pack(codes[i].as_bytes());
        i += 1;
    }
    out
}

const ZERO_PACKED: [u32; 17] = packed(ZERO_DIGITS);
const THREE_PACKED: [u32; 7] = packed(THREE_DIGITS);
const FOUR_PACKED: [u32; 2] = packed(FOUR_DIGITS);

/// ISO 4217 currencies without a minor unit.
pub const ZERO_DIGITS: [&str; 17] = [
    "BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND",
    "VUV", "XAF", "XOF", "XPF",
];
/// ISO 4217 currencies with three minor digits.
pub const THREE_DIGITS: [&str; 7] = ["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];
/// ISO 4217 units with four minor digits (Chilean and Uruguayan indexed units).
pub const FOUR_DIGITS: [&str; 2] = ["CLF", "UYW"];

/// An ISO 4217 currency: its code and its minor-unit digits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Currency {
    code: [u8; 3],
    digits: u8,
}

impl Currency {
    /// The currency of a three-letter code (any case, surrounding blanks
    /// ignored); `None` if it is not three ASCII letters.
    pub fn parse(code: &str) -> Option<Currency> {
        let code = code.trim();
        if !is_currency_code(code) {
            return None;
        }
        let b = code.as_bytes();
        let code = [
            b[0].to_ascii_uppercase(),
            b[1].to_ascii_uppercase(),
            b[2].to_ascii_uppercase(),
        ];
        let text = std::str::from_utf8(&code).unwrap_or("EUR");
        Some(Currency {
            code,
            digits: minor_digits(text) as u8,
        })
    }

    /// The currency of `code`, or EUR when `code` is not a currency code
    /// (tables without a currency are shown in the default EUR layout).
    pub fn or_eur(code: Option<&str>) -> Currency {
        code.and_then(Currency::parse).unwrap_or(Currency {
            code: *b"EUR",
            digits: 2,
        })
    }

    /// The upper-case code, e.g. `"EUR"`.
    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.code).unwrap_or("EUR")
    }

    /// Minor-unit digits (0 to 4).
    pub fn digits(&self) -> u32 {
        u32::from(self.digits)
    }

    /// Minor units per major unit: 100 for EUR, 1 for JPY, 1000 for KWD.
    pub fn scale(&self) -> i64 {
        10i64.pow(self.digits())
    }
}

/// Whether `code` looks like an ISO 4217 code (three ASCII letters).
pub fn is_currency_code(code: &str) -> bool {
    code.len() == 3 && code.bytes().all(|b| b.is_ascii_alphabetic())
}

/// An amount in minor units of a currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Money {
    /// The amount in minor units.
    pub minor: i64,
    /// The currency.
    pub currency: Currency,
}

impl Money {
    /// `minor` units of `currency`.
    pub fn new(minor: i64, currency: Currency) -> Money {
        Money { minor, currency }
    }

    /// A computed amount in minor units (an average, a predicted value),
    /// rounded to the nearest minor unit; non-finite values become 0.
    pub fn rounded(minor: f64, currency: Currency) -> Money {
        let m = if minor.is_finite() {
            minor.round().clamp(-9.0e15, 9.0e15) as i64
        } else {
            0
        };
        Money::new(m, currency)
    }

    /// An amount written in major units (`500` in a rule means 500 of the
    /// currency), as minor units, rounded half away from zero. `None` if it
    /// is not finite or too large.
    ///
    /// ```
    /// use stammkunde::money::{Currency, Money};
    /// let kwd = Currency::parse("KWD").unwrap();
    /// assert_eq!(Money::from_major(500.0, kwd).unwrap().minor, 500_000);
    /// let jpy = Currency::parse("JPY").unwrap();
    /// assert_eq!(Money::from_major(500.0, jpy).unwrap().minor, 500);
    /// ```
    pub fn from_major(major: f64, currency: Currency) -> Option<Money> {
        float_to_minor(major, currency.digits()).map(|m| Money::new(m, currency))
    }

    /// The amount in major units (for comparisons with written values).
    pub fn major(&self) -> f64 {
        self.minor as f64 / self.currency.scale() as f64
    }

    /// The amount with thousands separators and the currency's digits:
    /// `1.234,56` (German) or `1,234.56`.
    pub fn amount(&self, lang: Lang) -> String {
        let mut s = String::new();
        self.write(&mut s, lang, true);
        s
    }

    /// The amount without thousands separators, as CSV cells need it so
    /// that spreadsheets read it back as one number: `1234,56` / `1234.56`.
    pub fn plain(&self, lang: Lang) -> String {
        let mut s = String::new();
        self.write(&mut s, lang, false);
        s
    }

    /// The amount with its code: `1.234,56 EUR` (German), `EUR 1,234.56`.
    pub fn text(&self, lang: Lang) -> String {
        let mut s = String::new();
        self.write_text(&mut s, lang);
        s
    }

    /// [`Money::text`] when `code` is a currency code, else the amount
    /// alone with two decimals (a table whose currency is not known).
    ///
    /// ```
    /// use stammkunde::money::Money;
    /// use stammkunde::segments::Lang;
    /// assert_eq!(Money::show(50_000, Some("JPY"), Lang::De), "50.000 JPY");
    /// assert_eq!(Money::show(50_000, None, Lang::De), "500,00");
    /// ```
    pub fn show(minor: i64, code: Option<&str>, lang: Lang) -> String {
        match code.and_then(Currency::parse) {
            Some(c) => Money::new(minor, c).text(lang),
            None => Money::new(minor, Currency::or_eur(None)).amount(lang),
        }
    }

    /// Appends [`Money::text`] to `out`.
    pub fn write_text(&self, out: &mut String, lang: Lang) {
        match lang {
            Lang::En => {
                out.push_str(self.currency.code());
                out.push(' ');
                self.write(out, lang, true);
            }
            Lang::De => {
                self.write(out, lang, true);
                out.push(' ');
                out.push_str(self.currency.code());
            }
        }
    }

    /// Appends the amount to `out`, grouped by thousands or plain.
    pub fn write(&self, out: &mut String, lang: Lang, grouped: bool) {
        let (thousands, point) = match lang {
            Lang::De => ('.', ','),
            Lang::En => (',', '.'),
        };
        let abs = self.minor.unsigned_abs();
        let scale = self.currency.scale().unsigned_abs();
        if self.minor < 0 {
            out.push('-');
        }
        let int = (abs / scale).to_string();
        if grouped {
            for (i, ch) in int.chars().enumerate() {
                if i > 0 && (int.len() - i) % 3 == 0 {
                    out.push(thousands);
                }
                out.push(ch);
            }
        } else {
            out.push_str(&int);
        }
        let digits = self.currency.digits() as usize;
        if digits > 0 {
            out.push(point);
            out.push_str(&format!("{:0digits$}", abs % scale));
        }
    }
}

/// Parses plain decimal text (`-1234.5`, `12`, `1e3`) into minor units with
/// `digits` decimals, rounding half away from zero. `None` if it is not a
/// number or does not fit.
pub fn decimal_to_minor(text: &str, digits: u32) -> Option<i64> {
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
pub fn float_to_minor(x: f64, digits: u32) -> Option<i64> {
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

    fn cur(code: &str) -> Currency {
        Currency::parse(code).unwrap()
    }

    #[test]
    fn every_output_uses_the_currency_digits() {
        let cases = [
            ("EUR", 123_456, "1.234,56 EUR", "EUR 1,234.56", "1234,56"),
            ("CHF", 5, "0,05 CHF", "CHF 0.05", "0,05"),
            ("JPY", 5_000, "5.000 JPY", "JPY 5,000", "5000"),
            (
                "KWD",
                1_234_567,
                "1.234,567 KWD",
                "KWD 1,234.567",
                "1234,567",
            ),
            ("KWD", -5, "-0,005 KWD", "KWD -0.005", "-0,005"),
            ("CLF", 12_345, "1,2345 CLF", "CLF 1.2345", "1,2345"),
        ];
        for (code, minor, de, en, plain) in cases {
            let m = Money::new(minor, cur(code));
            assert_eq!(m.text(Lang::De), de);
            assert_eq!(m.text(Lang::En), en);
            assert_eq!(m.plain(Lang::De), plain);
        }
        assert_eq!(
            Money::new(100_000_000, cur("EUR")).amount(Lang::En),
            "1,000,000.00"
        );
        assert_eq!(
            Money::rounded(2_599.6, cur("EUR")).amount(Lang::En),
            "26.00"
        );
        assert_eq!(Money::new(1_500, cur("JPY")).major(), 1_500.0);
        assert_eq!(Money::new(1_500, cur("KWD")).major(), 1.5);
    }

    #[test]
    fn codes_are_checked_and_upper_cased() {
        assert_eq!(cur(" eur ").code(), "EUR");
        assert_eq!(Currency::parse("EURO"), None);
        assert_eq!(Currency::parse("E1R"), None);
        assert_eq!(Currency::or_eur(None).code(), "EUR");
        assert_eq!(cur("bhd").digits(), 3);
    }

    #[test]
    fn decimal_text_rounds_half_away_from_zero() {
        assert_eq!(decimal_to_minor("199.00", 2), Some(19_900));
        assert_eq!(decimal_to_minor("0.005", 2), Some(1));
        assert_eq!(decimal_to_minor("-0.005", 2), Some(-1));
        assert_eq!(decimal_to_minor("12.6049", 2), Some(1_260));
        assert_eq!(decimal_to_minor(".5", 2), Some(50));
        assert_eq!(decimal_to_minor("5.", 2), Some(500));
        assert_eq!(decimal_to_minor("1500", 0), Some(1_500));
        assert_eq!(decimal_to_minor("1.5", 3), Some(1_500));
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
        // 1 KWD = 3.0 EUR: 1.000 KWD is 1000 fils.
        assert_eq!(convert(1_000, 3, 2, 3.0), Some(300));
    }

    #[test]
    fn the_admin_widgets_use_the_same_table() {
        // js/src/admin/format.js divides by the same digits.
        let js = include_str!("../js/src/admin/format.js");
        for (list, digits) in [
            (&ZERO_DIGITS[..], 0),
            (&THREE_DIGITS[..], 3),
            (&FOUR_DIGITS[..], 4),
        ] {
            for code in list {
                assert!(
                    js.contains(&format!("{code}: {digits}")),
                    "format.js lacks {code}: {digits}"
                );
            }
        }
    }
}
