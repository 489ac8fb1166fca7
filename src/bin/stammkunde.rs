//! Command-line tool on the same core as the browser build.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("--version") | Some("-V") => {
            println!("stammkunde {}", stammkunde::VERSION);
            ExitCode::SUCCESS
        }
        _ => {
            eprintln!("usage: stammkunde --version");
            ExitCode::from(2)
        }
    }
}
