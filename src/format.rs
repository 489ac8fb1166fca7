//! Numbers for people: German `1.234,56` or English `1,234.56`. Money
//! amounts are written by [`crate::money::Money`].

use crate::lang::Lang;

/// Groups the digits of `int` by thousands with `sep`.
fn group(int: &str, sep: char) -> String {
    let mut out = String::with_capacity(int.len() + int.len() / 3);
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(ch);
    }
    out
}

/// `value` with `decimals` decimals and thousands separators.
///
/// ```
/// use stammkunde::format::number;
/// use stammkunde::lang::Lang;
/// assert_eq!(number(1234.5, 2, Lang::De), "1.234,50");
/// assert_eq!(number(-1234.5, 2, Lang::En), "-1,234.50");
/// assert_eq!(number(0.26, 1, Lang::De), "0,3");
/// ```
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{:.*}", decimals, value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((text.as_str(), ""));
    let (thousands, point) = match lang {
        Lang::De => ('.', ','),
        Lang::En => (',', '.'),
    };
    // "-0,00" would look odd: a value that rounds to zero has no sign.
    let negative = value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b));
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group(int, thousands));
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// A number without thousands separators, as in CSV cells that
/// spreadsheets must read back: `1234,56` (German) or `1234.56`.
pub fn plain(value: f64, decimals: usize, lang: Lang) -> String {
    let value = if value.is_finite() { value } else { 0.0 };
    let text = format!("{:.*}", decimals, value);
    let text = if text.starts_with('-') && !text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        text[1..].to_string()
    } else {
        text
    };
    match lang {
        Lang::De => text.replace('.', ","),
        Lang::En => text,
    }
}

/// A share 0..1 as a percentage: 0.125 -> `12,5 %` / `12.5 %`.
pub fn percent(share: f64, lang: Lang) -> String {
    let p = share * 100.0;
    let decimals = if (p - p.round()).abs() < 1e-9 { 0 } else { 1 };
    format!("{} %", number(p, decimals, lang))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_numbers_and_percentages() {
        assert_eq!(plain(-0.001, 2, Lang::De), "0,00");
        assert_eq!(plain(2.5, 1, Lang::De), "2,5");
        assert_eq!(percent(0.125, Lang::De), "12,5 %");
        assert_eq!(percent(0.8, Lang::En), "80 %");
        assert_eq!(number(f64::NAN, 1, Lang::En), "0.0");
    }
}
