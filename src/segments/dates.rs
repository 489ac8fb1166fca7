//! Calendar days: the unit of every date figure in segments, rules and NPS.
//!
//! A day is the number of days since 1970-01-01 (`i32`), cut at the shop's
//! local midnight (UTC plus an offset in minutes). Months and years move by
//! calendar, clamped to the month's end (31 March minus one month is
//! 28 or 29 February).
//!
//! ```
//! use stammkunde::segments::dates::{parse_date, format_date, Period};
//! use stammkunde::segments::Lang;
//! let day = parse_date("31.03.2026").unwrap();
//! assert_eq!(parse_date("2026-03-31"), Some(day));
//! let month_before = Period::parse("1m").unwrap().before(day);
//! assert_eq!(format_date(month_before, Lang::De), "28.02.2026");
//! assert_eq!(format_date(month_before, Lang::En), "2026-02-28");
//! ```

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::Lang;

/// Seconds per day.
pub const DAY: i64 = 86_400;

/// Days from 0001-01-01 (day 1 in chrono's count) to 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

/// The day (since 1970-01-01) that contains `ts` (Unix seconds), in local
/// time `offset_minutes` east of UTC.
///
/// ```
/// use stammkunde::segments::dates::day_of;
/// assert_eq!(day_of(86_399, 0), 0);
/// assert_eq!(day_of(-1, 0), -1);
/// assert_eq!(day_of(23 * 3600, 60), 1); // 23:00 UTC is midnight in CET
/// ```
pub fn day_of(ts: i64, offset_minutes: i32) -> i32 {
    let local = ts.saturating_add(i64::from(offset_minutes) * 60);
    // Days of any i64 timestamp fit into i32 after clamping to +-5 million years.
    local.div_euclid(DAY).clamp(-2_000_000_000, 2_000_000_000) as i32
}

/// Start of `day` as Unix seconds (UTC midnight).
pub fn start_of(day: i32) -> i64 {
    i64::from(day) * DAY
}

fn to_naive(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day.checked_add(EPOCH_FROM_CE)?)
}

fn from_naive(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - EPOCH_FROM_CE
}

/// The day of a calendar date, `None` if the date does not exist.
pub fn ymd(year: i32, month: u32, day: u32) -> Option<i32> {
    NaiveDate::from_ymd_opt(year, month, day).map(from_naive)
}

/// Year, month and day of `day`.
pub fn civil(day: i32) -> (i32, u32, u32) {
    match to_naive(day) {
        Some(d) => (d.year(), d.month(), d.day()),
        None => (1970, 1, 1),
    }
}

/// Parses `2026-01-31`, `31.01.2026` or `31.1.2026`; also the date part of
/// an ISO timestamp such as `2026-01-31T10:00:00Z`. Years must have four
/// digits. Returns `None` for anything else, including dates that do not
/// exist (`31.02.2026`).
pub fn parse_date(text: &str) -> Option<i32> {
    let s = text.trim();
    let date_part = match s.find(['T', ' ']) {
        Some(pos) if s.as_bytes().get(4) == Some(&b'-') => &s[..pos],
        _ => s,
    };
    let (y, m, d) = if let Some((y, rest)) = date_part.split_once('-') {
        let (m, d) = rest.split_once('-')?;
        (y, m, d)
    } else {
        let mut parts = date_part.split('.');
        let d = parts.next()?;
        let m = parts.next()?;
        let y = parts.next()?;
        if parts.next().is_some() {
            return None;
        }
        (y, m, d)
    };
    let digits = |p: &str, min: usize, max: usize| {
        (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(y, 4, 4) || !digits(m, 1, 2) || !digits(d, 1, 2) {
        return None;
    }
    ymd(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// `dd.mm.yyyy` in German, `yyyy-mm-dd` in English.
pub fn format_date(day: i32, lang: Lang) -> String {
    let (y, m, d) = civil(day);
    match lang {
        Lang::De => format!("{d:02}.{m:02}.{y:04}"),
        Lang::En => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// The unit of a [`Period`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// Days (`d`).
    Days,
    /// Weeks of seven days (`w`).
    Weeks,
    /// Calendar months (`m`).
    Months,
    /// Calendar years (`y`).
    Years,
}

impl Unit {
    fn letter(self) -> char {
        match self {
            Unit::Days => 'd',
            Unit::Weeks => 'w',
            Unit::Months => 'm',
            Unit::Years => 'y',
        }
    }

    /// The unit for a letter: d, w, m, y (German t for Tage and j for Jahre too).
    pub fn from_letter(c: char) -> Option<Unit> {
        match c.to_ascii_lowercase() {
            'd' | 't' => Some(Unit::Days),
            'w' => Some(Unit::Weeks),
            'm' => Some(Unit::Months),
            'y' | 'j' => Some(Unit::Years),
            _ => None,
        }
    }
}

/// A length of time such as `12w` or `1m`, moved by calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// How many units.
    pub amount: u32,
    /// Which unit.
    pub unit: Unit,
}

impl Period {
    /// `n` days.
    pub const fn days(amount: u32) -> Period {
        Period {
            amount,
            unit: Unit::Days,
        }
    }

    /// `n` weeks.
    pub const fn weeks(amount: u32) -> Period {
        Period {
            amount,
            unit: Unit::Weeks,
        }
    }

    /// `n` calendar months.
    pub const fn months(amount: u32) -> Period {
        Period {
            amount,
            unit: Unit::Months,
        }
    }

    /// Parses `30d`, `12w`, `1m`, `2y` (no sign).
    pub fn parse(text: &str) -> Option<Period> {
        let s = text.trim();
        let (pos, letter) = s.char_indices().last()?;
        let unit = Unit::from_letter(letter)?;
        let digits = &s[..pos];
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        Some(Period {
            amount: digits.parse().ok()?,
            unit,
        })
    }

    /// The day this period before `day`.
    pub fn before(self, day: i32) -> i32 {
        self.shift(day, false)
    }

    /// The day this period after `day`.
    pub fn after(self, day: i32) -> i32 {
        self.shift(day, true)
    }

    fn shift(self, day: i32, forward: bool) -> i32 {
        let n = i64::from(self.amount);
        let days = match self.unit {
            Unit::Days => n,
            Unit::Weeks => n * 7,
            Unit::Months | Unit::Years => {
                let months = if self.unit == Unit::Years { n * 12 } else { n };
                let months = Months::new(u32::try_from(months).unwrap_or(u32::MAX));
                let moved = to_naive(day).and_then(|d| {
                    if forward {
                        d.checked_add_months(months)
                    } else {
                        d.checked_sub_months(months)
                    }
                });
                return match moved {
                    Some(d) => from_naive(d),
                    // Beyond the calendar's range: saturate.
                    None if forward => i32::MAX / 2,
                    None => i32::MIN / 2,
                };
            }
        };
        let d = if forward {
            i64::from(day) + days
        } else {
            i64::from(day) - days
        };
        d.clamp(i64::from(i32::MIN / 2), i64::from(i32::MAX / 2)) as i32
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}{}", self.amount, self.unit.letter())
    }
}

impl Serialize for Period {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Period {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Period::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "'{text}' is not a period; write a number and a unit, e.g. 30d, 12w, 1m or 1y"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_day_zero() {
        assert_eq!(ymd(1970, 1, 1), Some(0));
        assert_eq!(ymd(2026, 11, 1), Some(20_758));
        assert_eq!(civil(20_758), (2026, 11, 1));
    }

    #[test]
    fn parses_both_formats_and_rejects_impossible_dates() {
        assert_eq!(parse_date("2026-11-01"), ymd(2026, 11, 1));
        assert_eq!(parse_date("1.11.2026"), ymd(2026, 11, 1));
        assert_eq!(parse_date("2026-11-01T23:59:59Z"), ymd(2026, 11, 1));
        assert_eq!(parse_date("31.02.2026"), None);
        assert_eq!(parse_date("26-11-01"), None);
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn periods_move_by_calendar() {
        let d = ymd(2024, 3, 31).unwrap();
        assert_eq!(Period::months(1).before(d), ymd(2024, 2, 29).unwrap());
        assert_eq!(Period::weeks(2).before(d), ymd(2024, 3, 17).unwrap());
        assert_eq!(
            Period::parse("1y").unwrap().after(d),
            ymd(2025, 3, 31).unwrap()
        );
        assert_eq!(Period::parse("12w").unwrap().to_string(), "12w");
        assert_eq!(Period::parse("w"), None);
        assert_eq!(Period::parse("-3d"), None);
    }
}
