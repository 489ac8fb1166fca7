//! NPS overall and per segment on the hand-computed shop in `segments_fixture`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code
#![cfg(feature = "admin")]

#[path = "segments_fixture/mod.rs"]
mod fixture;

use fixture::*;
use stammkunde::nps::{by_segment, read_csv, Nps};

const SURVEY: &str = "Kunde;Bewertung;Datum
anna;3;01.09.2026
anna;9;01.10.2026
ben;10;25.10.2026
cem;6;15.09.2026
dora;8;2026-10-15
emil;2;10.11.2026
gus;0;20.08.2026
zoe;10;01.10.2026
xaver;11;01.10.2026
yara;;01.10.2026
zeno;7;gestern
;5;01.10.2026
\"Müller; Max\";9,5;01.10.2026
";

#[test]
fn invalid_answers_are_rejected_with_row_reason_and_fix() {
    let s = read_csv(SURVEY);
    assert_eq!(s.read, 13);
    assert_eq!(s.answers.len(), 8);
    let errors: Vec<(Option<usize>, &str, &str)> = s
        .errors
        .iter()
        .map(|e| (e.row, e.field.as_str(), e.reason.as_str()))
        .collect();
    assert_eq!(
        errors,
        [
            (Some(10), "score", "11 is out of range"),
            (Some(11), "score", "the score is missing"),
            (Some(12), "date", "'gestern' is not a known date"),
            (Some(13), "customer", "the customer key is empty"),
            (Some(14), "score", "9,5 is not a whole number"),
        ]
    );
    assert_eq!(s.errors[2].fix, "write dates as 31.01.2026 or 2026-01-31");
    assert_eq!(
        s.errors[2].to_string(),
        "row 12, field date: 'gestern' is not a known date; write dates as 31.01.2026 or 2026-01-31"
    );
}

#[test]
fn nps_overall_and_per_segment() {
    let seg = segmentation();
    let survey = read_csv(SURVEY);
    let report = by_segment(&survey.answers, &seg);
    // Latest per customer up to 01.11.2026: anna 9, ben 10, cem 6, dora 8,
    // gus 0, zoe 10 (no orders); emil answered after the as-of date.
    let nps = |promoters, passives, detractors, nps| Nps {
        responses: promoters + passives + detractors,
        promoters,
        passives,
        detractors,
        nps,
    };
    assert_eq!(report.overall, nps(3, 1, 2, 100.0 / 6.0));
    assert_eq!(report.without_orders, 1);
    assert_eq!(report.after_as_of, 1);
    let of = |id: &str| report.segments.iter().find(|s| s.id == id).unwrap().nps;
    assert_eq!(of("high_revenue"), nps(1, 1, 0, 50.0));
    assert_eq!(of("sleepers"), nps(1, 0, 0, 100.0));
    assert_eq!(of("churn_warning"), nps(1, 1, 0, 50.0));
    assert_eq!(of("rfm:hibernating"), nps(0, 0, 1, -100.0));
    assert_eq!(of("abc:B"), nps(0, 0, 2, -100.0));
    assert_eq!(of("vip"), nps(0, 0, 0, 0.0)); // emil's answer came too late
    assert_eq!(report.segments.len(), seg.segments().len());
}

#[test]
fn an_earlier_as_of_date_uses_the_answers_known_then() {
    let config = stammkunde::segments::Config {
        as_of: Some(at("2026-09-10")),
        ..config()
    };
    let seg = stammkunde::segments::Segmentation::compute(table(), &config).unwrap();
    let report = by_segment(&read_csv(SURVEY).answers, &seg);
    // anna 3 (01.09.), gus 0 (20.08.): two detractors.
    assert_eq!(
        (
            report.overall.responses,
            report.overall.detractors,
            report.overall.nps
        ),
        (2, 2, -100.0)
    );
    assert_eq!(report.after_as_of, 6);
}

/// Survey answers are read by the order CSV reader: quoted cells may hold
/// separators and line breaks (row numbers stay line numbers), and an
/// unterminated quote is reported with the rows before it kept.
#[test]
fn survey_csv_is_read_like_order_csv() {
    let text = "Kunde;Bewertung;Datum\n\"Anna\nMüller; Köln\";9;01.10.2026\nben;elf;02.10.2026\n\"cem\";7;03.10.2026\n";
    let survey = read_csv(text);
    assert_eq!(survey.read, 3);
    assert_eq!(survey.answers.len(), 2, "{:?}", survey.errors);
    assert_eq!(survey.answers[0].customer, "Anna\nMüller; Köln");
    assert_eq!(survey.answers[1].customer, "cem");
    let rows: Vec<Option<usize>> = survey.errors.iter().map(|e| e.row).collect();
    assert_eq!(rows, [Some(4)]);
    let broken = read_csv("kunde;score;datum\nanna;9;01.10.2026\n\"ben;7;02.10.2026\n");
    assert_eq!((broken.answers.len(), broken.errors.len()), (1, 1));
}
