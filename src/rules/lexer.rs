//! Splits a rule into tokens, each with its column.

use super::error::{ErrorKind, RuleError};
use crate::calendar::{parse_date, Period, Unit};

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Op {
    /// `=` (also `==`)
    Eq,
    /// `!=` (also `<>`, `≠`)
    Ne,
    /// `<`
    Lt,
    /// `<=` (also `≤`)
    Le,
    /// `>`
    Gt,
    /// `>=` (also `≥`)
    Ge,
}

impl Op {
    /// The operator as written in rules.
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Eq => "=",
            Op::Ne => "!=",
            Op::Lt => "<",
            Op::Le => "<=",
            Op::Gt => ">",
            Op::Ge => ">=",
        }
    }

    /// Applies the comparison.
    pub fn test<T: PartialOrd>(self, a: T, b: T) -> bool {
        match self {
            Op::Eq => a == b,
            Op::Ne => a != b,
            Op::Lt => a < b,
            Op::Le => a <= b,
            Op::Gt => a > b,
            Op::Ge => a >= b,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Tok {
    Ident(String),
    Num(f64),
    Str(String),
    Date(i32),
    /// A relative date: sign (-1 past, +1 future) and period.
    Rel(i8, Period),
    Op(Op),
    LParen,
    RParen,
    Comma,
    Colon,
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub tok: Tok,
    /// 1-based column of the first character.
    pub col: usize,
    /// Length in characters.
    pub len: usize,
    /// The source text.
    pub text: String,
}

impl Token {
    /// How the token is named in "found …": `'AND'`, or `None` at the end.
    pub fn found(&self) -> Option<String> {
        match self.tok {
            Tok::End => None,
            // Texts show with their own quotes.
            Tok::Str(_) => Some(self.text.clone()),
            _ => Some(format!("'{}'", self.text)),
        }
    }
}

/// Reads a number written with German or English separators. With both
/// `.` and `,` the last one is the decimal separator; with only one kind,
/// a single separator is decimal and repeated ones group thousands.
pub fn parse_number(text: &str) -> Option<f64> {
    let dots = text.matches('.').count();
    let commas = text.matches(',').count();
    let normal: String = match (dots, commas) {
        (0, 0) => text.to_string(),
        (_, 0) if dots > 1 => text.replace('.', ""),
        (0, _) if commas > 1 => text.replace(',', ""),
        (_, 0) => text.to_string(),
        (0, _) => text.replace(',', "."),
        _ => {
            let last_dot = text.rfind('.').unwrap_or(0);
            let last_comma = text.rfind(',').unwrap_or(0);
            if last_comma > last_dot {
                if commas > 1 {
                    return None;
                }
                text.replace('.', "").replace(',', ".")
            } else {
                if dots > 1 {
                    return None;
                }
                text.replace(',', "")
            }
        }
    };
    normal.parse::<f64>().ok().filter(|v| v.is_finite())
}

pub fn tokenize(src: &str) -> Result<Vec<Token>, RuleError> {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    let text = |a: usize, b: usize| {
        chars
            .get(a..b)
            .map(|s| s.iter().collect::<String>())
            .unwrap_or_default()
    };
    while let Some(c) = at(i) {
        let start = i;
        let col = i + 1;
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let tok = match c {
            '(' => {
                i += 1;
                Tok::LParen
            }
            ')' => {
                i += 1;
                Tok::RParen
            }
            ',' => {
                i += 1;
                Tok::Comma
            }
            ':' => {
                i += 1;
                Tok::Colon
            }
            '=' => {
                i += if at(i + 1) == Some('=') { 2 } else { 1 };
                Tok::Op(Op::Eq)
            }
            '!' if at(i + 1) == Some('=') => {
                i += 2;
                Tok::Op(Op::Ne)
            }
            '≠' => {
                i += 1;
                Tok::Op(Op::Ne)
            }
            '≤' => {
                i += 1;
                Tok::Op(Op::Le)
            }
            '≥' => {
                i += 1;
                Tok::Op(Op::Ge)
            }
            '<' => match at(i + 1) {
                Some('=') => {
                    i += 2;
                    Tok::Op(Op::Le)
                }
                Some('>') => {
                    i += 2;
                    Tok::Op(Op::Ne)
                }
                _ => {
                    i += 1;
                    Tok::Op(Op::Lt)
                }
            },
            '>' => {
                if at(i + 1) == Some('=') {
                    i += 2;
                    Tok::Op(Op::Ge)
                } else {
                    i += 1;
                    Tok::Op(Op::Gt)
                }
            }
            '\'' | '"' | '‘' | '’' | '„' | '“' | '”' => {
                let close: &[char] = match c {
                    '\'' => &['\''],
                    '"' => &['"'],
                    _ => &['’', '‘', '“', '”'],
                };
                i += 1;
                let mut s = String::new();
                loop {
                    match at(i) {
                        None => return Err(RuleError::new(col, 1, ErrorKind::UnterminatedText)),
                        Some('\\') if at(i + 1).is_some() => {
                            s.extend(at(i + 1));
                            i += 2;
                        }
                        Some(q) if close.contains(&q) => {
                            i += 1;
                            break;
                        }
                        Some(ch) => {
                            s.push(ch);
                            i += 1;
                        }
                    }
                }
                Tok::Str(s)
            }
            '-' | '+' | '0'..='9' => {
                let sign: i8 = if c == '-' { -1 } else { 1 };
                if c == '-' || c == '+' {
                    i += 1;
                    if !at(i).is_some_and(|d| d.is_ascii_digit()) {
                        return Err(RuleError::new(col, 1, ErrorKind::UnexpectedChar(c)));
                    }
                }
                let digits_start = i;
                while at(i).is_some_and(|d| d.is_ascii_digit()) {
                    i += 1;
                }
                let int_len = i - digits_start;
                // ISO date: 4 digits, '-', digit.
                if c != '-'
                    && c != '+'
                    && int_len == 4
                    && at(i) == Some('-')
                    && at(i + 1).is_some_and(|d| d.is_ascii_digit())
                {
                    while at(i).is_some_and(|d| d.is_ascii_digit() || d == '-') {
                        i += 1;
                    }
                    let raw = text(start, i);
                    match parse_date(&raw) {
                        Some(day) => Tok::Date(day),
                        None => {
                            return Err(RuleError::new(col, i - start, ErrorKind::BadDate(raw)))
                        }
                    }
                } else {
                    // Separators count only between digits.
                    while matches!(at(i), Some('.') | Some(','))
                        && at(i + 1).is_some_and(|d| d.is_ascii_digit())
                    {
                        i += 2;
                        while at(i).is_some_and(|d| d.is_ascii_digit()) {
                            i += 1;
                        }
                    }
                    let raw = text(start, i);
                    let body = text(digits_start, i);
                    let is_german_date = {
                        let parts: Vec<&str> = body.split('.').collect();
                        c != '-'
                            && c != '+'
                            && parts.len() == 3
                            && !body.contains(',')
                            && parts[2].len() == 4
                    };
                    if is_german_date {
                        match parse_date(&body) {
                            Some(day) => Tok::Date(day),
                            None => {
                                return Err(RuleError::new(col, i - start, ErrorKind::BadDate(raw)))
                            }
                        }
                    } else if let Some(unit) = at(i).and_then(Unit::from_letter).filter(|_| {
                        !at(i + 1).is_some_and(|n| n.is_alphanumeric() || n == '_')
                            && !body.contains(['.', ','])
                    }) {
                        i += 1;
                        let amount: u32 = body.parse().map_err(|_| {
                            RuleError::new(col, i - start, ErrorKind::BadNumber(text(start, i)))
                        })?;
                        let period = Period { amount, unit };
                        if c == '-' || c == '+' {
                            Tok::Rel(sign, period)
                        } else {
                            return Err(RuleError::new(
                                col,
                                i - start,
                                ErrorKind::UnsignedPeriod(period.to_string()),
                            ));
                        }
                    } else if at(i).is_some_and(|n| n.is_alphabetic() || n == '_') {
                        while at(i).is_some_and(|n| n.is_alphanumeric() || n == '_') {
                            i += 1;
                        }
                        return Err(RuleError::new(
                            col,
                            i - start,
                            ErrorKind::BadNumber(text(start, i)),
                        ));
                    } else {
                        match parse_number(&body) {
                            Some(v) => Tok::Num(f64::from(sign) * v),
                            None => {
                                return Err(RuleError::new(
                                    col,
                                    i - start,
                                    ErrorKind::BadNumber(raw),
                                ))
                            }
                        }
                    }
                }
            }
            c if c.is_alphabetic() || c == '_' => {
                while at(i).is_some_and(|n| n.is_alphanumeric() || n == '_') {
                    i += 1;
                }
                Tok::Ident(text(start, i))
            }
            other => return Err(RuleError::new(col, 1, ErrorKind::UnexpectedChar(other))),
        };
        out.push(Token {
            tok,
            col,
            len: i - start,
            text: text(start, i),
        });
    }
    out.push(Token {
        tok: Tok::End,
        col: chars.len() + 1,
        len: 1,
        text: String::new(),
    });
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<Tok> {
        tokenize(s).unwrap().into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn numbers_in_both_conventions() {
        assert_eq!(parse_number("500"), Some(500.0));
        assert_eq!(parse_number("49,90"), Some(49.9));
        assert_eq!(parse_number("49.90"), Some(49.9));
        assert_eq!(parse_number("1.234,56"), Some(1234.56));
        assert_eq!(parse_number("1,234.56"), Some(1234.56));
        assert_eq!(parse_number("1.234.567"), Some(1_234_567.0));
        assert_eq!(parse_number("1,2,3.4.5"), None);
    }

    #[test]
    fn dates_periods_and_operators() {
        let d = parse_date("2026-01-31").unwrap();
        assert_eq!(
            toks("x >= 2026-01-31 31.01.2026 -8w +1y <> 'a' \"b\" ( ) , :"),
            vec![
                Tok::Ident("x".into()),
                Tok::Op(Op::Ge),
                Tok::Date(d),
                Tok::Date(d),
                Tok::Rel(-1, Period::weeks(8)),
                Tok::Rel(
                    1,
                    Period {
                        amount: 1,
                        unit: Unit::Years
                    }
                ),
                Tok::Op(Op::Ne),
                Tok::Str("a".into()),
                Tok::Str("b".into()),
                Tok::LParen,
                Tok::RParen,
                Tok::Comma,
                Tok::Colon,
                Tok::End,
            ]
        );
        assert_eq!(
            toks("-5 1,5"),
            vec![Tok::Num(-5.0), Tok::Num(1.5), Tok::End]
        );
    }

    #[test]
    fn columns_count_characters() {
        let t = tokenize("ä = 'ü' AND").unwrap();
        assert_eq!((t[3].col, t[3].text.as_str()), (9, "AND"));
        assert_eq!(t[4].col, 12);
    }

    #[test]
    fn lexical_errors_have_positions() {
        let e = tokenize("abc = 'A").unwrap_err();
        assert_eq!((e.column, e.kind.clone()), (7, ErrorKind::UnterminatedText));
        let e = tokenize("x > 8w").unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnsignedPeriod("8w".into()));
        let e = tokenize("x < 2026-02-30").unwrap_err();
        assert_eq!((e.column, e.length), (5, 10));
        let e = tokenize("x # 1").unwrap_err();
        assert_eq!(e.kind, ErrorKind::UnexpectedChar('#'));
    }
}
