//! The calendar: every user-facing date and time is parsed and formatted
//! here, on chrono.
//!
//! **The day rule.** An order's calendar day is the local day in which it
//! was placed. A timestamp with an offset (`2026-11-01T23:30:00+01:00`)
//! keeps its own offset's day (an offset of zero, `Z` or `+00:00`, is UTC);
//! a naive local time (`01.11.2026 23:30`,
//! `2026-11-01 23:30:00`, a date alone) is a local time and is never
//! shifted; a UTC timestamp (`...Z`, Unix seconds) is cut at the shop's
//! midnight in its [`Zone`], daylight saving included. Times are kept as
//! Unix seconds chosen so that the shop zone's local time is the order's
//! local time; only days are computed from them.
//!
//! Zones: UTC, a fixed offset (`+01:00`, or minutes), the European zones
//! with the EU summer-time rule (last Sunday of March to last Sunday of
//! October, switching at 01:00 UTC, applied to every year), and any other
//! zone as a table of offset changes, e.g. computed by the browser's `Intl`
//! (see [`Zone::from_changes`]); a full zone database would not fit the
//! wasm.
//!
//! A day is the number of days since 1970-01-01 (`i32`). Months and years
//! move by calendar, clamped to the month's end (31 March minus one month
//! is 28 or 29 February).
//!
//! ```
//! use stammkunde::calendar::{parse_date, format_date, Period, Zone};
//! use stammkunde::lang::Lang;
//! let day = parse_date("31.03.2026").unwrap();
//! assert_eq!(parse_date("2026-03-31"), Some(day));
//! let month_before = Period::parse("1m").unwrap().before(day);
//! assert_eq!(format_date(month_before, Lang::De), "28.02.2026");
//! assert_eq!(format_date(month_before, Lang::En), "2026-02-28");
//! let berlin = Zone::parse("Europe/Berlin").unwrap();
//! // 23:30 local time on 31 October stays on 31 October.
//! let t = berlin.parse_time("31.10.2026 23:30").unwrap();
//! assert_eq!(format_date(berlin.day_of(t), Lang::De), "31.10.2026");
//! ```

use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lang::Lang;

/// Seconds per day.
pub const DAY: i64 = 86_400;

/// 2200-01-01 in Unix seconds: times from 1970 up to this are accepted.
pub const LATEST: i64 = 7_258_118_400;

/// A shop's time zone: where its days begin.
///
/// ```
/// use stammkunde::calendar::Zone;
/// let z = Zone::parse("Europe/Vienna").unwrap();
/// // 2026-03-29 00:30 UTC is winter time (+1 h), 01:30 UTC summer time.
/// assert_eq!(z.offset_at(1_774_744_200), 60);
/// assert_eq!(z.offset_at(1_774_747_800), 120);
/// assert_eq!(Zone::parse("+05:30").unwrap().offset_at(0), 330);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Zone {
    /// Offset in minutes east of UTC before the first change.
    base: i32,
    /// Changes: from this Unix second on, this offset (sorted).
    changes: Vec<(i64, i32)>,
}

/// A zone worked out once from options (equal to every other cache, so
/// options compare by what they say).
#[derive(Debug, Clone, Default)]
pub struct ZoneCache(std::sync::OnceLock<Zone>);

impl ZoneCache {
    /// A cache that holds `zone` already.
    pub fn with(zone: Zone) -> ZoneCache {
        let cache = ZoneCache::default();
        cache.get(|| zone);
        cache
    }

    /// The cached zone, made by `make` the first time.
    pub fn get(&self, make: impl FnOnce() -> Zone) -> &Zone {
        self.0.get_or_init(make)
    }
}

impl PartialEq for ZoneCache {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

/// European zones on the EU summer-time rule, with their standard offset
/// in minutes.
const EU_ZONES: [(&str, i32); 52] = [
    ("Europe/Lisbon", 0),
    ("Europe/London", 0),
    ("Europe/Dublin", 0),
    ("Atlantic/Canary", 0),
    ("Atlantic/Madeira", 0),
    ("Atlantic/Faroe", 0),
    ("WET", 0),
    ("Europe/Berlin", 60),
    ("Europe/Vienna", 60),
    ("Europe/Zurich", 60),
    ("Europe/Vaduz", 60),
    ("Europe/Busingen", 60),
    ("Europe/Luxembourg", 60),
    ("Europe/Brussels", 60),
    ("Europe/Amsterdam", 60),
    ("Europe/Paris", 60),
    ("Europe/Monaco", 60),
    ("Europe/Madrid", 60),
    ("Europe/Andorra", 60),
    ("Europe/Gibraltar", 60),
    ("Europe/Rome", 60),
    ("Europe/Vatican", 60),
    ("Europe/San_Marino", 60),
    ("Europe/Malta", 60),
    ("Europe/Copenhagen", 60),
    ("Europe/Oslo", 60),
    ("Europe/Stockholm", 60),
    ("Europe/Prague", 60),
    ("Europe/Bratislava", 60),
    ("Europe/Warsaw", 60),
    ("Europe/Budapest", 60),
    ("Europe/Ljubljana", 60),
    ("Europe/Zagreb", 60),
    ("Europe/Belgrade", 60),
    ("Europe/Sarajevo", 60),
    ("Europe/Skopje", 60),
    ("Europe/Podgorica", 60),
    ("Europe/Tirane", 60),
    ("CET", 60),
    ("MET", 60),
    ("Europe/Helsinki", 120),
    ("Europe/Mariehamn", 120),
    ("Europe/Tallinn", 120),
    ("Europe/Riga", 120),
    ("Europe/Vilnius", 120),
    ("Europe/Sofia", 120),
    ("Europe/Bucharest", 120),
    ("Europe/Athens", 120),
    ("Europe/Kiev", 120),
    ("Europe/Kyiv", 120),
    ("Asia/Nicosia", 120),
    ("EET", 120),
];

/// The Unix second of the last Sunday of `month` in `year`, 01:00 UTC.
fn last_sunday_1am_utc(year: i32, month: u32) -> Option<i64> {
    let first_next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    let last = first_next.pred_opt()?;
    let back = last.weekday().num_days_from_sunday();
    let sunday = last - chrono::Duration::days(i64::from(back));
    debug_assert_eq!(sunday.weekday(), Weekday::Sun);
    Some(sunday.and_hms_opt(1, 0, 0)?.and_utc().timestamp())
}

impl Zone {
    /// UTC.
    pub const UTC: Zone = Zone {
        base: 0,
        changes: Vec::new(),
    };

    /// A fixed offset in minutes east of UTC (−18 h to +18 h).
    pub fn fixed(minutes: i32) -> Result<Zone, String> {
        if minutes.abs() > 18 * 60 {
            return Err(format!(
                "{minutes} minutes is not a UTC offset; give minutes east of UTC between -1080 and 1080, e.g. 60"
            ));
        }
        Ok(Zone {
            base: minutes,
            changes: Vec::new(),
        })
    }

    /// A zone from its changes: `(from, minutes)` means the offset is
    /// `minutes` east of UTC from Unix second `from` on; before the first
    /// change the first offset applies. This is how zones without a native
    /// rule come in: the browser's `Intl` knows every zone, and the admin
    /// passes the changes of the years it needs.
    pub fn from_changes(mut changes: Vec<(i64, i32)>) -> Result<Zone, String> {
        changes.sort_by_key(|c| c.0);
        if let Some(&(_, bad)) = changes.iter().find(|c| c.1.abs() > 18 * 60) {
            return Err(format!("{bad} minutes is not a UTC offset"));
        }
        let base = changes.first().map_or(0, |c| c.1);
        Ok(Zone { base, changes })
    }

    /// The zone of the options `time_zone` (a name for [`Zone::parse`]),
    /// `zone_offsets` (changes for [`Zone::from_changes`], used when not
    /// empty) and `utc_offset_minutes` (a fixed offset, used when neither
    /// is given; 0 is UTC).
    pub fn from_options(
        name: Option<&str>,
        offsets: &[(i64, i32)],
        utc_offset_minutes: i32,
    ) -> Result<Zone, String> {
        if !offsets.is_empty() {
            return Zone::from_changes(offsets.to_vec());
        }
        match name.map(str::trim) {
            None | Some("") => Zone::fixed(utc_offset_minutes),
            Some(name) => Zone::parse(name),
        }
    }

    /// A zone by name: `UTC` (also `GMT`, `Etc/UTC`, `Z`), a fixed offset
    /// (`+01:00`, `-0530`, `UTC+1`), or one of the European zones on the EU
    /// summer-time rule (`Europe/Berlin`, `Europe/Vienna`, `Europe/Zurich`,
    /// `Europe/London`, `CET`, ...). Other names are refused with a message
    /// that says how to pass their offsets.
    pub fn parse(name: &str) -> Result<Zone, String> {
        let name = name.trim();
        let upper = name.to_ascii_uppercase();
        if ["UTC", "GMT", "Z", "ETC/UTC", "ETC/GMT", "UCT"].contains(&upper.as_str()) {
            return Ok(Zone::UTC);
        }
        if let Some(&(_, standard)) = EU_ZONES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)) {
            return Ok(Zone::eu(standard));
        }
        let offset = upper
            .strip_prefix("UTC")
            .or_else(|| upper.strip_prefix("GMT"))
            .unwrap_or(&upper);
        if let Some(minutes) = parse_offset(offset) {
            return Zone::fixed(minutes);
        }
        Err(format!(
            "the time zone '{name}' is not known here; give a fixed offset such as +01:00, a European zone such as Europe/Berlin, or the zone's offset changes (zone_offsets) as the admin computes them with Intl"
        ))
    }

    /// A European zone: `standard` minutes east of UTC in winter, one hour
    /// more from the last Sunday of March to the last Sunday of October
    /// (01:00 UTC both), every year from 1970 to 2199.
    fn eu(standard: i32) -> Zone {
        let mut changes = Vec::with_capacity(460);
        for year in 1970..2200 {
            if let (Some(start), Some(end)) =
                (last_sunday_1am_utc(year, 3), last_sunday_1am_utc(year, 10))
            {
                changes.push((start, standard + 60));
                changes.push((end, standard));
            }
        }
        Zone {
            base: standard,
            changes,
        }
    }

    /// Offset in minutes east of UTC at Unix second `utc`.
    pub fn offset_at(&self, utc: i64) -> i32 {
        if self.changes.is_empty() {
            return self.base;
        }
        match self.changes.partition_point(|c| c.0 <= utc) {
            0 => self.base,
            n => self.changes[n - 1].1,
        }
    }

    /// Local wall-clock seconds (as if local time were UTC) of `utc`.
    pub fn local(&self, utc: i64) -> i64 {
        utc.saturating_add(i64::from(self.offset_at(utc)) * 60)
    }

    /// The Unix second whose local time is `local` (wall-clock seconds).
    /// A time in the hour skipped in spring is read with the winter offset
    /// (it lands in summer time, on the same day); a repeated autumn hour
    /// takes its first occurrence.
    pub fn utc_of_local(&self, local: i64) -> i64 {
        if self.changes.is_empty() {
            return local - i64::from(self.base) * 60;
        }
        // The offsets a day before and after: the two sides of any change
        // near `local` (changes are months apart).
        let before = local - i64::from(self.offset_at(local - DAY)) * 60;
        let after = local - i64::from(self.offset_at(local + DAY)) * 60;
        match (self.local(before) == local, self.local(after) == local) {
            (true, true) => before.min(after),
            (false, true) => after,
            _ => before,
        }
    }

    /// The local day (days since 1970-01-01) that contains Unix second `utc`.
    pub fn day_of(&self, utc: i64) -> i32 {
        day_of_local(self.local(utc))
    }

    /// Unix second of the local midnight that starts `day`.
    pub fn start_of(&self, day: i32) -> i64 {
        self.utc_of_local(i64::from(day) * DAY)
    }

    /// Parses a date or time of a shop export by the day rule (see the
    /// module documentation) and returns Unix seconds; `None` if it is not
    /// a date or time, or before 1970 or from 2200 on.
    ///
    /// Accepted: RFC 3339 / ISO 8601 (`2026-11-01T09:30:00+01:00`,
    /// `2026-11-01T08:30:00Z`, `2026-11-01T08:30:00.123`,
    /// `2026-11-01 08:30:00`), `2026-11-01`, German `01.11.2026`,
    /// `1.11.2026`, `01.11.2026 09:30`, `01.11.2026, 09:30 Uhr` and
    /// `01.11.2026 09:30:15`, and `20261101`.
    ///
    /// ```
    /// use stammkunde::calendar::Zone;
    /// let utc = Zone::UTC;
    /// assert_eq!(utc.parse_time("01.11.2026"), Some(1_793_491_200));
    /// assert_eq!(utc.parse_time("2026-11-01T01:00:00Z"), Some(1_793_494_800));
    /// // An offset keeps its own day: 00:30 at +01:00 is 1 November.
    /// assert_eq!(utc.parse_time("2026-11-01T00:30:00+01:00"), Some(1_793_493_000));
    /// assert_eq!(utc.parse_time("31.02.2026"), None);
    /// ```
    pub fn parse_time(&self, text: &str) -> Option<i64> {
        let text = crate::orders::trim(text);
        let seconds = if let Some(dt) = plain(text) {
            self.utc_of_local(dt.and_utc().timestamp())
        } else if let Ok(dt) = DateTime::parse_from_rfc3339(text) {
            if dt.offset().local_minus_utc() == 0 {
                // `Z` or `+00:00`: UTC, cut at the shop's midnight.
                dt.timestamp()
            } else {
                // The wall clock it was written in decides the day.
                self.utc_of_local(dt.naive_local().and_utc().timestamp())
            }
        } else if let Some(dt) = naive(text) {
            self.utc_of_local(dt.and_utc().timestamp())
        } else {
            return None;
        };
        (0..LATEST).contains(&seconds).then_some(seconds)
    }

    /// `utc` with its local time of day replaced by `time` (`09:30`,
    /// `9:30:15`, `09:30 Uhr`): for exports with date and time in two
    /// columns.
    pub fn with_time_of_day(&self, utc: i64, time: &str) -> Option<i64> {
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
        let local = self.local(utc);
        Some(self.utc_of_local(local - local.rem_euclid(DAY) + since_midnight))
    }
}

/// `+01:00`, `-0530`, `+1`, `+01` as minutes east of UTC.
fn parse_offset(text: &str) -> Option<i32> {
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1, &text[1..]),
        b'-' => (-1, &text[1..]),
        _ => return None,
    };
    let digits: String = rest.chars().filter(|c| *c != ':').collect();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (h, m) = if digits.len() <= 2 {
        (digits.parse::<i32>().ok()?, 0)
    } else {
        let split = digits.len() - 2;
        (
            digits[..split].parse::<i32>().ok()?,
            digits[split..].parse::<i32>().ok()?,
        )
    };
    (m < 60).then_some(sign * (h * 60 + m))
}

/// The common cases without format strings (a large export has a date in
/// every row): `dd.mm.yyyy` or `yyyy-mm-dd`, optionally followed by a space
/// or `T` and `hh:mm` or `hh:mm:ss`. Anything else goes to [`naive`].
fn plain(text: &str) -> Option<NaiveDateTime> {
    fixed(text).or_else(|| split(text))
}

/// What [`split`] gives for the shapes exports write in every row,
/// `dd.mm.yyyy` and `yyyy-mm-dd`, optionally with ` hh:mm[:ss]` (or `T`),
/// read digit by digit; `None` for anything else, which [`split`] reads.
fn fixed(text: &str) -> Option<NaiveDateTime> {
    let b = text.as_bytes();
    let digits = |from: usize, len: usize| -> Option<u32> {
        b.get(from..from + len)?.iter().try_fold(0u32, |n, &d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let (year, month, day) = match b.get(..10)? {
        [_, _, b'.', _, _, b'.', _, _, _, _] => (digits(6, 4)?, digits(3, 2)?, digits(0, 2)?),
        [_, _, _, _, b'-', _, _, b'-', _, _] => (digits(0, 4)?, digits(5, 2)?, digits(8, 2)?),
        _ => return None,
    };
    let date = NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)?;
    let (h, m, s) = match b.get(10..) {
        Some([]) => (0, 0, 0),
        Some([b' ' | b'T', _, _, b':', _, _]) => (digits(11, 2)?, digits(14, 2)?, 0),
        Some([b' ' | b'T', _, _, b':', _, _, b':', _, _]) => {
            (digits(11, 2)?, digits(14, 2)?, digits(17, 2)?)
        }
        _ => return None,
    };
    date.and_hms_opt(h, m, s)
}

/// [`plain`] by splitting the text at its separators.
fn split(text: &str) -> Option<NaiveDateTime> {
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

/// The day of local wall-clock seconds.
pub fn day_of_local(local: i64) -> i32 {
    // Days of any i64 timestamp fit into i32 after clamping to +-5 million years.
    local.div_euclid(DAY).clamp(-2_000_000_000, 2_000_000_000) as i32
}

/// Days from 0001-01-01 (day 1 in chrono's count) to 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

/// Start of `day` as wall-clock seconds (midnight, as if local time were UTC).
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
    fn fixed_shapes_read_as_split_reads_them() {
        let mut next = crate::testing::xorshift(0x2545_f491_4f6c_dd1d_u64);
        let shapes = [
            "dd.dd.dddd",
            "dd.dd.dddd dd:dd",
            "dd.dd.ddddTdd:dd:dd",
            "dddd-dd-dd",
            "dddd-dd-ddTdd:dd",
            "dddd-dd-dd dd:dd:dd",
        ];
        let mut fast = 0;
        for _ in 0..200_000 {
            let shape = shapes[next(shapes.len())];
            let text: String = shape
                .chars()
                .map(|c| match (c, next(40)) {
                    (_, 0) => ['.', '-', ' ', 'T', ':', 'x', '1'][next(7)],
                    ('d', _) => char::from(b'0' + [0, 1, 2, 3, 9][next(5)] as u8),
                    (c, _) => c,
                })
                .collect();
            if let Some(dt) = fixed(&text) {
                fast += 1;
                assert_eq!(Some(dt), split(&text), "{text}");
            }
        }
        assert!(fast > 1_000);
    }

    fn day(text: &str) -> i32 {
        parse_date(text).unwrap()
    }

    fn berlin() -> Zone {
        Zone::parse("Europe/Berlin").unwrap()
    }

    #[test]
    fn late_and_early_local_times_stay_on_their_day() {
        for zone in [
            Zone::UTC,
            berlin(),
            Zone::fixed(60).unwrap(),
            Zone::fixed(-300).unwrap(),
        ] {
            for (text, date) in [
                ("31.10.2026 23:30", "2026-10-31"),
                ("2026-11-01 00:30", "2026-11-01"),
                ("2026-11-01T00:30:00", "2026-11-01"),
                ("01.11.2026, 23:30 Uhr", "2026-11-01"),
                ("2026-11-01T23:30:00+01:00", "2026-11-01"),
                ("2026-11-01T00:30:00+05:30", "2026-11-01"),
                ("2026-11-01T23:30:00-08:00", "2026-11-01"),
            ] {
                let t = zone.parse_time(text).unwrap();
                assert_eq!(zone.day_of(t), day(date), "{text} in {zone:?}");
            }
        }
    }

    #[test]
    fn utc_times_are_cut_at_the_shops_midnight() {
        let b = berlin();
        // Winter: 23:30 UTC is 00:30 the next day in Berlin.
        let t = b.parse_time("2026-01-14T23:30:00Z").unwrap();
        assert_eq!(b.day_of(t), day("2026-01-15"));
        assert_eq!(Zone::UTC.day_of(t), day("2026-01-14"));
        // Summer: 22:30 UTC is 00:30 in Berlin; 21:30 UTC is 23:30.
        assert_eq!(
            b.day_of(b.parse_time("2026-07-14T22:30:00Z").unwrap()),
            day("2026-07-15")
        );
        assert_eq!(
            b.day_of(b.parse_time("2026-07-14T21:30:00Z").unwrap()),
            day("2026-07-14")
        );
        // Unix seconds are UTC too.
        assert_eq!(b.day_of(1_784_064_600), day("2026-07-14"));
        assert_eq!(b.day_of(1_784_068_200), day("2026-07-15"));
    }

    #[test]
    fn summer_time_starts_and_ends_on_the_last_sundays() {
        let b = berlin();
        // 2026: 29 March and 25 October, at 01:00 UTC.
        let march = b.parse_time("2026-03-29T01:00:00Z").unwrap();
        assert_eq!(b.offset_at(march - 1), 60);
        assert_eq!(b.offset_at(march), 120);
        let october = b.parse_time("2026-10-25T01:00:00Z").unwrap();
        assert_eq!(b.offset_at(october - 1), 120);
        assert_eq!(b.offset_at(october), 60);
        // Local times around the changes stay on their day, the skipped
        // spring hour and the repeated autumn hour included.
        for (text, date) in [
            ("29.03.2026 00:30", "2026-03-29"),
            ("29.03.2026 02:30", "2026-03-29"),
            ("29.03.2026 23:30", "2026-03-29"),
            ("28.03.2026 23:30", "2026-03-28"),
            ("25.10.2026 02:30", "2026-10-25"),
            ("25.10.2026 23:30", "2026-10-25"),
            ("24.10.2026 23:30", "2026-10-24"),
            ("26.10.2026 00:30", "2026-10-26"),
        ] {
            let t = b.parse_time(text).unwrap();
            assert_eq!(b.day_of(t), day(date), "{text}");
        }
        // UTC 22:30 on the Saturday before is 23:30 (winter) / 00:30 (summer).
        assert_eq!(
            b.day_of(b.parse_time("2026-03-28T22:30:00Z").unwrap()),
            day("2026-03-28")
        );
        assert_eq!(
            b.day_of(b.parse_time("2026-03-29T22:30:00Z").unwrap()),
            day("2026-03-30")
        );
        assert_eq!(
            b.day_of(b.parse_time("2026-10-24T22:30:00Z").unwrap()),
            day("2026-10-25")
        );
        assert_eq!(
            b.day_of(b.parse_time("2026-10-25T22:30:00Z").unwrap()),
            day("2026-10-25")
        );
        // Other years: 2025-03-30 and 2025-10-26.
        assert_eq!(
            b.offset_at(b.parse_time("2025-03-30T01:00:00Z").unwrap()),
            120
        );
        assert_eq!(
            b.offset_at(b.parse_time("2025-10-26T00:59:59Z").unwrap()),
            120
        );
        assert_eq!(
            b.offset_at(b.parse_time("2025-10-26T01:00:00Z").unwrap()),
            60
        );
        // Midnight of the local day.
        assert_eq!(
            b.start_of(day("2026-07-15")),
            b.parse_time("2026-07-14T22:00:00Z").unwrap()
        );
    }

    #[test]
    fn year_boundary_and_leap_day() {
        let b = berlin();
        let t = b.parse_time("2026-12-31T23:30:00Z").unwrap();
        assert_eq!(format_date(b.day_of(t), Lang::De), "01.01.2027");
        assert_eq!(format_date(Zone::UTC.day_of(t), Lang::De), "31.12.2026");
        let t = b.parse_time("31.12.2026 23:59:59").unwrap();
        assert_eq!(format_date(b.day_of(t), Lang::En), "2026-12-31");
        let t = b.parse_time("29.02.2028 23:30").unwrap();
        assert_eq!(format_date(b.day_of(t), Lang::De), "29.02.2028");
        let t = b.parse_time("2028-02-28T23:30:00Z").unwrap();
        assert_eq!(format_date(b.day_of(t), Lang::De), "29.02.2028");
        assert_eq!(b.parse_time("29.02.2027"), None);
        assert_eq!(
            Period::parse("1y").unwrap().after(day("2028-02-29")),
            day("2029-02-28")
        );
    }

    #[test]
    fn zones_by_name_offset_and_table() {
        assert_eq!(Zone::parse("utc").unwrap(), Zone::UTC);
        assert_eq!(Zone::parse("+01:00").unwrap().offset_at(0), 60);
        assert_eq!(Zone::parse("UTC-0530").unwrap().offset_at(0), -330);
        assert_eq!(Zone::parse("Europe/Zurich").unwrap(), berlin());
        assert!(Zone::parse("America/New_York")
            .unwrap_err()
            .contains("zone_offsets"));
        assert!(Zone::fixed(24 * 60).is_err());
        // New York 2026 as Intl gives it: EST, EDT from 8 March, EST from 1 November.
        let ny = Zone::from_changes(vec![
            (0, -300),
            (1_772_953_200, -240),
            (1_793_512_800, -300),
        ])
        .unwrap();
        let t = ny.parse_time("2026-07-04T03:30:00Z").unwrap();
        assert_eq!(format_date(ny.day_of(t), Lang::En), "2026-07-03");
        let t = ny.parse_time("04.07.2026 23:30").unwrap();
        assert_eq!(format_date(ny.day_of(t), Lang::En), "2026-07-04");
    }

    #[test]
    fn export_formats_parse() {
        let t = 1_793_525_400; // 2026-11-01 09:30:00 UTC
        for text in [
            "2026-11-01T09:30:00Z",
            "2026-11-01T09:30:00",
            "2026-11-01T09:30:00.000",
            "2026-11-01 09:30:00",
            "2026-11-01 09:30",
            "01.11.2026 09:30",
            "01.11.2026 09:30:00",
            "01.11.2026, 09:30 Uhr",
            " 1.11.2026 9:30 ",
        ] {
            assert_eq!(Zone::UTC.parse_time(text), Some(t), "{text}");
        }
        assert_eq!(Zone::UTC.parse_time("20261101"), Some(t - 34_200));
        assert_eq!(Zone::UTC.parse_time("2026-11-01T09:30:00.5Z"), Some(t));
        assert_eq!(Zone::UTC.parse_time("2026-11-01 24:00"), None);
        for bad in [
            "",
            "1.11.26x",
            "2026-13-01",
            "32.01.2026",
            "01.01.1900",
            "soon",
        ] {
            assert_eq!(Zone::UTC.parse_time(bad), None, "{bad}");
        }
        let z = Zone::UTC;
        assert_eq!(z.with_time_of_day(t - 34_200, "09:30"), Some(t));
        assert_eq!(z.with_time_of_day(t, "9:30:05 Uhr"), Some(t + 5));
        assert_eq!(z.with_time_of_day(t, "25:00"), None);
        let b = berlin();
        let d = b.parse_time("01.11.2026").unwrap();
        assert_eq!(
            b.day_of(b.with_time_of_day(d, "23:30").unwrap()),
            day("2026-11-01")
        );
    }

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
