//! Dates and times as Unix seconds (UTC).

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime};

/// Parses the date and time formats that shop exports use and returns Unix
/// seconds (UTC). Times without an offset are taken as UTC; a date alone is
/// midnight UTC.
///
/// Accepted: RFC 3339 / ISO 8601 (`2026-11-01T09:30:00+01:00`,
/// `2026-11-01T08:30:00Z`, `2026-11-01T08:30:00.123`, `2026-11-01 08:30:00`),
/// `2026-11-01`, German `01.11.2026`, `1.11.2026`, `01.11.2026 09:30` and
/// `01.11.2026 09:30:15`, and `20261101`. Years outside 1970–2199 are
/// refused as typos.
///
/// ```
/// use stammkunde::orders::parse_timestamp;
/// assert_eq!(parse_timestamp("01.11.2026"), Some(1_793_491_200));
/// assert_eq!(parse_timestamp("2026-11-01T01:00:00+01:00"), Some(1_793_491_200));
/// assert_eq!(parse_timestamp("31.02.2026"), None);
/// ```
pub fn parse_timestamp(text: &str) -> Option<i64> {
    let text = text.trim();
    let seconds = if let Some(dt) = plain(text) {
        dt.and_utc().timestamp()
    } else if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
        dt.timestamp()
    } else if let Some(dt) = naive(text) {
        dt.and_utc().timestamp()
    } else {
        return None;
    };
    // 1970-01-01 .. 2200-01-01
    (0..7_258_118_400).contains(&seconds).then_some(seconds)
}

/// The common cases without format strings (a large export has a date in
/// every row): `dd.mm.yyyy` or `yyyy-mm-dd`, optionally followed by a space
/// or `T` and `hh:mm` or `hh:mm:ss`. Anything else goes to [`naive`].
fn plain(text: &str) -> Option<NaiveDateTime> {
    let (date, time) = match text.find([' ', 'T']) {
        Some(at) => (text.get(..at)?, text.get(at + 1..)?),
        None => (text, ""),
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let mut parts = date.split(['.', '-']);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (year, month, day) = if date.contains('.') && c.len() == 4 && !date.contains('-') {
        (number(c, 4)?, number(b, 2)?, number(a, 2)?)
    } else if date.contains('-') && a.len() == 4 && !date.contains('.') {
        (number(a, 4)?, number(b, 2)?, number(c, 2)?)
    } else {
        return None;
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    if time.is_empty() {
        return Some(date.and_time(NaiveTime::MIN));
    }
    let mut hms = time.split(':');
    let (h, m) = (number(hms.next()?, 2)?, number(hms.next()?, 2)?);
    let s = match hms.next() {
        Some(s) if s.len() == 2 => number(s, 2)?,
        Some(_) => return None,
        None => 0,
    };
    if hms.next().is_some() {
        return None;
    }
    date.and_hms_opt(h, m, s)
}

fn naive(text: &str) -> Option<NaiveDateTime> {
    const DATE_TIMES: [&str; 6] = [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
        "%d.%m.%Y %H:%M:%S",
        "%d.%m.%Y %H:%M",
    ];
    for format in DATE_TIMES {
        if let Ok(dt) = NaiveDateTime::parse_from_str(text, format) {
            return Some(dt);
        }
    }
    // A German export may write "01.11.2026, 09:30" or "01.11.2026 9:30 Uhr".
    let cleaned = text.replace(", ", " ").replace(" Uhr", "");
    if cleaned != text {
        return naive(&cleaned);
    }
    let date = if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        NaiveDate::parse_from_str(text, "%Y%m%d").ok()?
    } else if let Ok(d) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        d
    } else {
        NaiveDate::parse_from_str(text, "%d.%m.%Y").ok()?
    };
    Some(date.and_time(NaiveTime::MIN))
}

/// Adds a separate time-of-day column (`09:30` or `09:30:15`) to a date.
pub(crate) fn add_time_of_day(seconds: i64, time: &str) -> Option<i64> {
    let mut time = time.trim();
    while let Some(rest) = time.strip_suffix(" Uhr") {
        time = rest;
    }
    let since_midnight = match plain_time(time) {
        Some(s) => s,
        None => {
            let t = NaiveTime::parse_from_str(time, "%H:%M:%S")
                .or_else(|_| NaiveTime::parse_from_str(time, "%H:%M"))
                .ok()?;
            i64::from(t.signed_duration_since(NaiveTime::MIN).num_seconds() as i32)
        }
    };
    Some(seconds - seconds.rem_euclid(86_400) + since_midnight)
}

/// Seconds since midnight of `h:mm`, `hh:mm`, `h:mm:ss` or `hh:mm:ss` in
/// range, without a format string; anything else (leap seconds, other
/// spellings chrono accepts) goes to chrono.
fn plain_time(time: &str) -> Option<i64> {
    let mut parts = time.split(':');
    let (h, m, s) = (parts.next()?, parts.next()?, parts.next());
    if parts.next().is_some() {
        return None;
    }
    let number = |text: &str, lengths: std::ops::RangeInclusive<usize>, max: i64| -> Option<i64> {
        if !lengths.contains(&text.len()) || !text.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n = text.bytes().fold(0i64, |n, b| n * 10 + i64::from(b - b'0'));
        (n <= max).then_some(n)
    };
    let seconds = match s {
        Some(s) => number(s, 2..=2, 59)?,
        None => 0,
    };
    Some(number(h, 1..=2, 23)? * 3600 + number(m, 2..=2, 59)? * 60 + seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let t = 1_793_525_400; // 2026-11-01 09:30:00 UTC
        for text in [
            "2026-11-01T09:30:00Z",
            "2026-11-01T10:30:00+01:00",
            "2026-11-01T09:30:00",
            "2026-11-01T09:30:00.000",
            "2026-11-01 09:30:00",
            "2026-11-01 09:30",
            "01.11.2026 09:30",
            "01.11.2026 09:30:00",
            "01.11.2026, 09:30 Uhr",
            " 1.11.2026 9:30 ",
        ] {
            assert_eq!(parse_timestamp(text), Some(t), "{text}");
        }
        assert_eq!(parse_timestamp("20261101"), Some(t - 34_200));
        assert_eq!(parse_timestamp("2026-11-01T09:30:00.5Z"), Some(t));
        assert_eq!(parse_timestamp("2026-11-01 24:00"), None);
        for bad in [
            "",
            "1.11.26x",
            "2026-13-01",
            "32.01.2026",
            "01.01.1900",
            "soon",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
        assert_eq!(add_time_of_day(t - 34_200, "09:30"), Some(t));
        assert_eq!(add_time_of_day(t, "9:30:05"), Some(t + 5));
        assert_eq!(add_time_of_day(t, "25:00"), None);
    }

    #[test]
    fn plain_times_agree_with_chrono() {
        let day = 1_793_491_200;
        for h in ["0", "9", "09", "23", "24", "123", "x", ""] {
            for m in ["00", "5", "30", "59", "60", "300"] {
                for s in ["", ":00", ":5", ":07", ":59", ":60", ":61", ":1x"] {
                    let text = format!("{h}:{m}{s}");
                    let chrono = NaiveTime::parse_from_str(&text, "%H:%M:%S")
                        .or_else(|_| NaiveTime::parse_from_str(&text, "%H:%M"))
                        .ok()
                        .map(|t| {
                            day + i64::from(
                                t.signed_duration_since(NaiveTime::MIN).num_seconds() as i32
                            )
                        });
                    assert_eq!(add_time_of_day(day, &text), chrono, "{text}");
                    if let Some(plain) = plain_time(&text) {
                        assert_eq!(Some(day + plain), chrono, "{text}");
                    }
                }
            }
        }
    }
}
