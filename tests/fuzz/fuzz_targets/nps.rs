//! NPS survey CSV: any text gives answers and row errors, never a panic;
//! the NPS stays within -100 to 100.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stammkunde::nps;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let survey = nps::read_csv(&text);
    assert_eq!(survey.read, survey.answers.len() + survey.errors.len());
    assert!(survey.answers.iter().all(|a| a.score <= 10));
    let all = nps::score(&survey.answers);
    assert!((-100.0..=100.0).contains(&all.nps), "{all:?}");
    assert_eq!(all.responses, all.promoters + all.passives + all.detractors);
    let _ = nps::latest(&survey.answers, 20_000);
});
