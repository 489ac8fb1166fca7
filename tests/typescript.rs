//! The TypeScript declarations of what the JS API takes and gives (orders,
//! row errors, the CLV report, segment summaries, customer rows, every
//! options object, import facts, error groups, the NPS report, …) are
//! generated from the Rust types serde reads and writes them with (ts-rs),
//! so they cannot drift. Two unions come from the Rust lists the readers
//! use (`CsvField`, `RowErrorCause`). The text is kept in
//! src/bind/types.d.ts, which the bindings put into the package's .d.ts
//! (`typescript_custom_section`).
//!
//! `cargo test --features ts --test typescript` fails when that file is
//! stale; with `STAMMKUNDE_WRITE_TYPES=1` it rewrites it (`make build` and
//! `make types` do).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use stammkunde::api::{
    CsvExportOptions, CustomerClvValues, DemoRequest, ErrorCode, IntentOptions, NpsAnswer,
    NpsResult, RuleInfo, SegmentImport, TableCsvColumn, TableCsvOptions,
};
use stammkunde::clv::bgnbd::{BgNbdFit, BgNbdParams};
use stammkunde::clv::gamma_gamma::{GammaGammaFit, GammaGammaParams};
use stammkunde::clv::optimize::Convergence;
use stammkunde::clv::pareto::{ParetoNbdFit, ParetoNbdParams};
use stammkunde::clv::summary::Skipped;
use stammkunde::clv::ClvOptions;
use stammkunde::clv::{ClvReport, CustomerClv, Requirement, Shortfall, TimeUnit, TransactionModel};
use stammkunde::intent::PageType;
use stammkunde::lang::Lang;
use stammkunde::nps::{Nps, SegmentNps};
use stammkunde::orders::causes::{self, Group};
use stammkunde::orders::csv::FIELDS;
use stammkunde::orders::inspect::{Column, Inspection};
use stammkunde::orders::{Format, Import, LineItem, Order, OrderStatus, ReadOptions, RowError};
use stammkunde::segments::abc::ParetoPoint;
use stammkunde::segments::export::{CellKind, CustomerRow, Membership, SegmentSummary};
use stammkunde::segments::{AbcClass, Config, RfmSegment, RuleDef};
use ts_rs::TS;

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bind/types.d.ts");

/// One declaration, exported, with the type's doc comment.
fn decl<T: TS>(cfg: &ts_rs::Config) -> String {
    let mut out = String::new();
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
        if !docs.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
    let out = for_js(&out);
    // One member per line and the closing brace on a line of its own:
    // wasm-bindgen indents the .d.ts by lines ending in `{` and starting
    // with `}`.
    let text = out.replace(", };", ",\n};");
    let mut lines = Vec::new();
    for line in text.lines().map(str::trim_end) {
        lines.extend(split_open_brace(line));
    }
    lines.push(String::new());
    lines.join("\n")
}

/// Doc comments as JS readers see them: Rust examples (fenced blocks
/// without a language or marked `rust`) left out, intra-doc links
/// (`[`analyse`]`) as plain code.
fn for_js(text: &str) -> String {
    let mut out = Vec::new();
    let mut skip = false;
    for line in text.lines() {
        let body = line.trim_start().trim_start_matches('*').trim();
        if let Some(info) = body.strip_prefix("```") {
            if skip {
                skip = false;
                continue;
            }
            if info.is_empty() || info == "rust" {
                skip = true;
                // The blank doc line before the example goes too.
                if out.last().is_some_and(|l: &String| l.trim() == "*") {
                    out.pop();
                }
                continue;
            }
        }
        if !skip {
            out.push(unlink(line));
        }
    }
    out.join("\n")
}

/// `[`a::b`]` (not followed by `(`) becomes `` `a::b` ``.
fn unlink(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("[`") {
        let Some(end) = rest[at + 2..].find("`]") else {
            break;
        };
        let after = at + 2 + end + 2;
        out.push_str(&rest[..at]);
        if rest[after..].starts_with('(') {
            out.push_str(&rest[at..after]);
        } else {
            out.push_str(&rest[at + 1..after - 1]);
        }
        rest = &rest[after..];
    }
    out.push_str(rest);
    out
}

/// A line that leaves a `{` open is cut after that brace (`a | { "kind": "x",`
/// becomes `a | {` and `"kind": "x",`).
fn split_open_brace(line: &str) -> Vec<String> {
    let mut open = Vec::new();
    for (i, c) in line.char_indices() {
        match c {
            '{' => open.push(i),
            '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    match open.last() {
        Some(&i) if i + 1 < line.len() => vec![
            line[..=i].to_string(),
            line[i + 1..].trim_start().to_string(),
        ],
        _ => vec![line.to_string()],
    }
}

/// A union of string literals, from a Rust list.
fn union(name: &str, doc: &str, names: &[&str]) -> String {
    let names: Vec<String> = names.iter().map(|n| format!("\"{n}\"")).collect();
    format!(
        "/** {doc} */\nexport type {name} = {};\n",
        names.join(" | ")
    )
}

/// `RowError` is serialized with its cause code (a derived key, not a
/// field, so ts-rs does not see it): declared here.
fn with_code(decl: String) -> String {
    let member = "/**\n * The cause's stable code, e.g. `bad_date` (`other` for a reason without one).\n */\ncode: RowErrorCause,\n};";
    match decl.rfind("};") {
        Some(i) => format!("{}{}{}", &decl[..i], member, &decl[i + 2..]),
        None => decl,
    }
}

fn generated() -> String {
    let cfg = ts_rs::Config::default();
    let fields: Vec<&str> = FIELDS.iter().map(|(name, _)| *name).collect();
    let parts = [
        decl::<OrderStatus>(&cfg),
        decl::<LineItem>(&cfg),
        decl::<Order>(&cfg),
        with_code(decl::<RowError>(&cfg)),
        decl::<Import>(&cfg),
        decl::<TransactionModel>(&cfg),
        decl::<TimeUnit>(&cfg),
        decl::<Convergence>(&cfg),
        decl::<BgNbdParams>(&cfg),
        decl::<BgNbdFit>(&cfg),
        decl::<ParetoNbdParams>(&cfg),
        decl::<ParetoNbdFit>(&cfg),
        decl::<GammaGammaParams>(&cfg),
        decl::<GammaGammaFit>(&cfg),
        decl::<Skipped>(&cfg),
        decl::<CustomerClv>(&cfg),
        decl::<ClvReport>(&cfg),
        decl::<Requirement>(&cfg),
        decl::<Shortfall>(&cfg),
        decl::<RfmSegment>(&cfg),
        decl::<AbcClass>(&cfg),
        decl::<Membership>(&cfg),
        decl::<SegmentSummary>(&cfg),
        decl::<CustomerRow>(&cfg),
        decl::<ErrorCode>(&cfg),
        decl::<Lang>(&cfg),
        // Options objects
        decl::<Format>(&cfg),
        union(
            "CsvField",
            "CSV fields that `mapping` can name columns for.",
            &fields,
        ),
        decl::<ReadOptions>(&cfg),
        decl::<ClvOptions>(&cfg),
        decl::<RuleDef>(&cfg),
        decl::<Config>(&cfg),
        decl::<PageType>(&cfg),
        decl::<IntentOptions>(&cfg),
        decl::<DemoRequest>(&cfg),
        decl::<CsvExportOptions>(&cfg),
        decl::<CellKind>(&cfg),
        decl::<TableCsvColumn>(&cfg),
        decl::<TableCsvOptions>(&cfg),
        decl::<CustomerClvValues>(&cfg),
        decl::<NpsAnswer>(&cfg),
        // Results
        decl::<Column>(&cfg),
        decl::<Inspection>(&cfg),
        union(
            "RowErrorCause",
            "Causes of rejected rows (`RowErrorGroup.code`).",
            &causes::codes(),
        ),
        decl::<Group>(&cfg),
        decl::<SegmentImport>(&cfg),
        decl::<ParetoPoint>(&cfg),
        decl::<Nps>(&cfg),
        decl::<SegmentNps>(&cfg),
        decl::<NpsResult>(&cfg),
        decl::<RuleInfo>(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by tests/typescript.rs (ts-rs); do not edit.\n",
    );
    for p in parts {
        out.push('\n');
        out.push_str(&p);
    }
    out
}

#[test]
fn the_shipped_declarations_are_generated_from_the_rust_types() {
    let want = generated();
    if std::env::var_os("STAMMKUNDE_WRITE_TYPES").is_some() {
        std::fs::write(PATH, &want).unwrap();
        return;
    }
    let have = std::fs::read_to_string(PATH).unwrap_or_default();
    assert!(
        have == want,
        "src/bind/types.d.ts is stale: run `make types` (STAMMKUNDE_WRITE_TYPES=1 cargo test --features ts --test typescript) and commit it"
    );
}
