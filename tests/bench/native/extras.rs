//! Figures besides timings (peak memory, input sizes, checks), written as
//! one flat JSON object to `target/bench/native.json`.

use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Default)]
pub struct Extras {
    fields: Vec<(String, String)>,
}

impl Extras {
    /// A number, e.g. `segments/columnar/1000000/peak_bytes`.
    #[allow(dead_code)]
    pub fn number(&mut self, key: &str, value: f64) {
        let v = if value.is_finite() {
            format!("{value}")
        } else {
            "null".into()
        };
        self.fields.push((key.into(), v));
    }

    /// A short text.
    pub fn text(&mut self, key: &str, value: &str) {
        self.fields.push((key.into(), quote(value)));
    }

    /// Where the file goes: `$BENCH_OUT` or `target/bench/`.
    pub fn dir() -> PathBuf {
        std::env::var_os("BENCH_OUT")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench"))
    }

    pub fn write(&self) -> std::io::Result<()> {
        let mut s = String::from("{\n");
        for (i, (k, v)) in self.fields.iter().enumerate() {
            let comma = if i + 1 < self.fields.len() { "," } else { "" };
            let _ = writeln!(s, "  {}: {v}{comma}", quote(k));
        }
        s.push_str("}\n");
        let dir = Self::dir();
        std::fs::create_dir_all(&dir)?;
        std::fs::write(dir.join("native.json"), s)
    }
}

fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
