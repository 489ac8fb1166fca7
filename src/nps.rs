//! Net Promoter Score from survey answers, overall and per segment.
//!
//! An answer is a customer key, a score from 0 to 10 and the date it was
//! given. Promoters answer 9 or 10, passives 7 or 8, detractors 0 to 6;
//! the NPS is the share of promoters minus the share of detractors, in
//! points from −100 to 100. Invalid answers are rejected one by one with
//! row, field, reason and fix; the others are used.
//!
//! When a customer answered more than once, only their latest answer up
//! to the as-of day counts (later answers are ignored, like later orders).
//!
//! ```
//! use stammkunde::nps::{read_csv, score};
//! let survey = read_csv("Kunde;Bewertung;Datum\nanna;10;01.10.2026\nben;7;02.10.2026\ncem;3;03.10.2026\ndora;zehn;04.10.2026\n");
//! assert_eq!(survey.answers.len(), 3);
//! assert_eq!(survey.errors[0].row, Some(5));
//! assert_eq!(survey.errors[0].reason, "'zehn' is not a number");
//! let nps = score(&survey.answers);
//! assert_eq!((nps.promoters, nps.passives, nps.detractors), (1, 1, 1));
//! assert_eq!(nps.nps, 0.0);
//! ```

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::calendar::parse_date;
use crate::orders::RowError;
use crate::segments::Segmentation;

/// One valid survey answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    /// Customer key, as in the orders.
    pub customer: String,
    /// Score 0 to 10.
    pub score: u8,
    /// Day of the answer (days since 1970-01-01).
    pub day: i32,
}

/// Answers read from a survey export, and the rejected rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Survey {
    /// Valid answers.
    pub answers: Vec<Answer>,
    /// One entry per rejected row.
    pub errors: Vec<RowError>,
    /// Rows read (without the header).
    pub read: usize,
}

/// Counts and score of a set of answers.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Nps {
    /// Answers counted.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub responses: usize,
    /// Scores 9 and 10.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub promoters: usize,
    /// Scores 7 and 8.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub passives: usize,
    /// Scores 0 to 6.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub detractors: usize,
    /// % promoters − % detractors, −100 to 100; 0 without answers.
    pub nps: f64,
}

/// The NPS overall and per segment.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(rename = "NpsFigures"))]
pub struct NpsReport {
    /// All counted answers (latest per customer up to the as-of day).
    pub overall: Nps,
    /// Per segment id, in the order of the segmentation.
    pub segments: Vec<SegmentNps>,
    /// Counted answers from customers without orders up to the as-of day
    /// (in `overall`, in no segment).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub without_orders: usize,
    /// Answers left out because they came after the as-of day.
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub after_as_of: usize,
}

/// The NPS of one segment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SegmentNps {
    /// Segment id.
    pub id: String,
    /// Its NPS.
    pub nps: Nps,
}

/// Checks one answer given as text, as read from a file or a form.
/// `row` is the 1-based row for the error.
///
/// ```
/// use stammkunde::nps::check_answer;
/// assert_eq!(check_answer(2, "anna", " 9 ", "2026-10-01").unwrap().score, 9);
/// let err = check_answer(3, "ben", "11", "2026-10-01").unwrap_err();
/// assert_eq!(err.reason, "11 is out of range");
/// assert_eq!(err.fix, "scores go from 0 to 10");
/// ```
pub fn check_answer(
    row: usize,
    customer: &str,
    score: &str,
    date: &str,
) -> Result<Answer, RowError> {
    let error = |field: &str, reason: String, fix: &str| RowError {
        row: Some(row),
        order_id: None,
        field: field.into(),
        reason,
        fix: fix.into(),
    };
    let customer = customer.trim();
    if customer.is_empty() {
        return Err(error(
            "customer",
            "the customer key is empty".into(),
            "give the customer id or e-mail address used in the orders",
        ));
    }
    let s = score.trim();
    if s.is_empty() {
        return Err(error(
            "score",
            "the score is missing".into(),
            "give a whole number from 0 to 10",
        ));
    }
    let value: f64 = match s.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() => v,
        _ => {
            return Err(error(
                "score",
                format!("'{s}' is not a number"),
                "give a whole number from 0 to 10",
            ))
        }
    };
    if !(0.0..=10.0).contains(&value) {
        return Err(error(
            "score",
            format!("{s} is out of range"),
            "scores go from 0 to 10",
        ));
    }
    if value.fract() != 0.0 {
        return Err(error(
            "score",
            format!("{s} is not a whole number"),
            "give a whole number from 0 to 10",
        ));
    }
    let d = date.trim();
    if d.is_empty() {
        return Err(error(
            "date",
            "the date is missing".into(),
            "give the answer date as 31.01.2026 or 2026-01-31",
        ));
    }
    let Some(day) = parse_date(d) else {
        return Err(error(
            "date",
            format!("'{d}' is not a known date"),
            "write dates as 31.01.2026 or 2026-01-31",
        ));
    };
    Ok(Answer {
        customer: customer.to_string(),
        score: value as u8,
        day,
    })
}

fn column(header: &[String], names: &[&str]) -> Option<usize> {
    header.iter().position(|h| {
        let h = h.trim().to_lowercase();
        names.iter().any(|n| h == *n)
    })
}

/// Reads a survey export: CSV with `;`, `,` or tab, optionally with a
/// UTF-8 BOM and a header, read like order CSV files (the same reader:
/// quoted cells may hold separators and line breaks; the separator is the
/// most frequent in the header line, `;` on a tie). Header names understood
/// (any case): customer / kunde / email / e-mail / customer_id /
/// kundennummer; score / bewertung / nps / punkte / wert; date / datum /
/// answered_at. Without a recognised header the columns are customer,
/// score, date. Row numbers in errors are line numbers.
///
/// ```
/// use stammkunde::nps::read_csv;
/// let survey = read_csv("Kunde;Bewertung;Datum\n\"Müller; Anna\nGmbH\";9;01.10.2026\nben;7;02.10.2026\n");
/// assert_eq!(survey.answers[0].customer, "Müller; Anna\nGmbH");
/// assert_eq!(survey.answers.len(), 2);
/// ```
pub fn read_csv(text: &str) -> Survey {
    let (records, broken) = crate::orders::csv::records_of(text);
    let mut records = records.into_iter().peekable();
    let head: Vec<String> = records.peek().map(|(_, h)| h.clone()).unwrap_or_default();
    let cust = column(
        &head,
        &[
            "customer",
            "kunde",
            "email",
            "e-mail",
            "customer_id",
            "kundennummer",
        ],
    );
    let score = column(&head, &["score", "bewertung", "nps", "punkte", "wert"]);
    let date = column(&head, &["date", "datum", "answered_at"]);
    let (cols, has_header) = match (cust, score, date) {
        (Some(c), Some(s), Some(d)) => ((c, s, d), true),
        _ => ((0, 1, 2), false),
    };
    if has_header {
        records.next();
    }
    let mut survey = Survey::default();
    for (line, cells) in records {
        survey.read += 1;
        let get = |k: usize| cells.get(k).map(String::as_str).unwrap_or("");
        match check_answer(line, get(cols.0), get(cols.1), get(cols.2)) {
            Ok(a) => survey.answers.push(a),
            Err(e) => survey.errors.push(e),
        }
    }
    if let Some(error) = broken {
        survey.read += 1;
        survey.errors.push(error);
    }
    survey
}

/// The NPS of a set of answers (each counted; see [`latest`]).
pub fn score(answers: &[Answer]) -> Nps {
    let mut n = Nps::default();
    for a in answers {
        tally(&mut n, a.score);
    }
    finish(&mut n);
    n
}

fn tally(n: &mut Nps, score: u8) {
    n.responses += 1;
    match score {
        9..=10 => n.promoters += 1,
        7..=8 => n.passives += 1,
        _ => n.detractors += 1,
    }
}

fn finish(n: &mut Nps) {
    n.nps = if n.responses == 0 {
        0.0
    } else {
        (n.promoters as f64 - n.detractors as f64) * 100.0 / n.responses as f64
    };
}

/// Each customer's latest answer on or before `as_of_day`, sorted by
/// customer; on the same day the later row wins.
pub fn latest(answers: &[Answer], as_of_day: i32) -> Vec<Answer> {
    let mut by_customer: HashMap<&str, &Answer> = HashMap::new();
    for a in answers.iter().filter(|a| a.day <= as_of_day) {
        let e = by_customer.entry(a.customer.as_str()).or_insert(a);
        if a.day >= e.day {
            *e = a;
        }
    }
    let mut out: Vec<Answer> = by_customer.into_values().cloned().collect();
    out.sort_by(|a, b| a.customer.cmp(&b.customer));
    out
}

/// The NPS overall and per segment of `seg`, from each customer's latest
/// answer up to the segmentation's as-of day.
///
/// ```
/// use std::sync::Arc;
/// use stammkunde::nps::{by_segment, check_answer};
/// use stammkunde::orders::Order;
/// use stammkunde::segments::{Config, OrderTable, Segmentation};
/// let orders = vec![Order::new("1", "anna", 0, 90_000, "EUR"), Order::new("2", "ben", 0, 100, "EUR")];
/// let seg = Segmentation::compute(Arc::new(OrderTable::from_orders(&orders)), &Config { as_of: Some(0), ..Config::default() }).unwrap();
/// let answers = vec![check_answer(1, "anna", "10", "1970-01-01").unwrap(), check_answer(2, "ben", "2", "1970-01-01").unwrap()];
/// let report = by_segment(&answers, &seg);
/// assert_eq!(report.overall.nps, 0.0);
/// let high = report.segments.iter().find(|s| s.id == "high_revenue").unwrap();
/// assert_eq!((high.nps.responses, high.nps.nps), (1, 100.0));
/// ```
pub fn by_segment(answers: &[Answer], seg: &Segmentation) -> NpsReport {
    let as_of_day = seg.as_of_day();
    let counted = latest(answers, as_of_day);
    let index = seg.key_index();
    let mut report = NpsReport {
        overall: Nps::default(),
        segments: Vec::new(),
        without_orders: 0,
        after_as_of: answers.iter().filter(|a| a.day > as_of_day).count(),
    };
    // Score per customer index; u8::MAX: no answer.
    let mut scores = vec![u8::MAX; seg.customer_count()];
    for a in &counted {
        tally(&mut report.overall, a.score);
        match index.get(&a.customer).and_then(|&i| scores.get_mut(i)) {
            Some(slot) => *slot = a.score,
            None => report.without_orders += 1,
        }
    }
    finish(&mut report.overall);
    for s in seg.segments() {
        let mut n = Nps::default();
        for &m in &s.members {
            match scores.get(m as usize) {
                Some(&sc) if sc <= 10 => tally(&mut n, sc),
                _ => {}
            }
        }
        finish(&mut n);
        report.segments.push(SegmentNps {
            id: s.id.clone(),
            nps: n,
        });
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_answers_are_rejected_with_reason_and_fix() {
        let cases = [
            (
                "",
                "5",
                "2026-01-01",
                "customer",
                "the customer key is empty",
            ),
            ("a", "", "2026-01-01", "score", "the score is missing"),
            ("a", "-1", "2026-01-01", "score", "-1 is out of range"),
            (
                "a",
                "7.5",
                "2026-01-01",
                "score",
                "7.5 is not a whole number",
            ),
            ("a", "NaN", "2026-01-01", "score", "'NaN' is not a number"),
            ("a", "5", "", "date", "the date is missing"),
            (
                "a",
                "5",
                "31.02.2026",
                "date",
                "'31.02.2026' is not a known date",
            ),
        ];
        for (c, s, d, field, reason) in cases {
            let e = check_answer(7, c, s, d).unwrap_err();
            assert_eq!(
                (e.row, e.field.as_str(), e.reason.as_str()),
                (Some(7), field, reason)
            );
            assert!(!e.fix.is_empty());
        }
    }

    #[test]
    fn csv_without_header_and_with_quotes() {
        let s = read_csv("\u{feff}\"Müller, Anna\",9,2026-01-01\nben,0,2026-01-02\n");
        assert_eq!(s.read, 2);
        assert_eq!(s.answers[0].customer, "Müller, Anna");
        assert_eq!(s.answers[1].score, 0);
    }

    #[test]
    fn latest_answer_per_customer_counts() {
        let a = |c: &str, s: u8, d: i32| Answer {
            customer: c.into(),
            score: s,
            day: d,
        };
        let answers = [a("x", 0, 1), a("x", 10, 5), a("x", 3, 9), a("y", 8, 2)];
        let l = latest(&answers, 6);
        assert_eq!(l, vec![a("x", 10, 5), a("y", 8, 2)]);
        let n = score(&l);
        assert_eq!((n.promoters, n.passives, n.nps), (1, 1, 50.0));
        assert_eq!(score(&[]).nps, 0.0);
    }
}
