//! The TypeScript declarations of the data the JS API passes (orders, row
//! errors, the CLV report, segment summaries and customer rows) are generated from the Rust types with ts-rs, so
//! they cannot drift from what serde writes. The text is kept in
//! src/bind/types.d.ts, which the bindings put into the package's .d.ts
//! (`typescript_custom_section`).
//!
//! `cargo test --features ts --test typescript` fails when that file is
//! stale; with `STAMMKUNDE_WRITE_TYPES=1` it rewrites it (`make build` and
//! `make types` do).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // test code

use stammkunde::clv::bgnbd::{BgNbdFit, BgNbdParams};
use stammkunde::clv::gamma_gamma::{GammaGammaFit, GammaGammaParams};
use stammkunde::clv::optimize::Convergence;
use stammkunde::clv::pareto::{ParetoNbdFit, ParetoNbdParams};
use stammkunde::clv::summary::Skipped;
use stammkunde::clv::{ClvReport, CustomerClv, Requirement, Shortfall, TimeUnit, TransactionModel};
use stammkunde::orders::{Import, LineItem, Order, OrderStatus, RowError};
use stammkunde::segments::export::{CustomerRow, Membership, SegmentSummary};
use stammkunde::segments::{AbcClass, RfmSegment};
use ts_rs::{Config, TS};

const PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/bind/types.d.ts");

/// One declaration, exported, with the type's doc comment.
fn decl<T: TS>(cfg: &Config) -> String {
    let mut out = String::new();
    if let Some(docs) = T::docs() {
        out.push_str(&docs);
        if !docs.ends_with('\n') {
            out.push('\n');
        }
    }
    out.push_str("export ");
    out.push_str(&T::decl(cfg));
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

/// `RowError` is serialized with its cause code (a derived key, not a
/// field, so ts-rs does not see it): declared here.
fn with_code(decl: String) -> String {
    let member = "/**\n * The cause's stable code, e.g. `bad_date` (`other` for a reason without one).\n */\ncode: string,\n};";
    match decl.rfind("};") {
        Some(i) => format!("{}{}{}", &decl[..i], member, &decl[i + 2..]),
        None => decl,
    }
}

fn generated() -> String {
    let cfg = Config::default();
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
