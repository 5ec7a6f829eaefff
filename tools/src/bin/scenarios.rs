//! Runs scenario files and ends with `N passed, M failed` (exit 1 if any failed); with
//! `--sessions`, session scenarios (tests/sessions, docs/sessions.md), ending with
//! `sessions N passed, M failed`. The bindings' runners print the same lines.
//!
//! cargo run -q -p utskrivning-tools --bin scenarios -- tests/scenarios/*.json
//! cargo run -q -p utskrivning-tools --bin scenarios -- --sessions tests/sessions/*.json

use std::process::ExitCode;

use utskrivning::conformance::scenario::{self, Report};

fn main() -> ExitCode {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let sessions = files.first().is_some_and(|a| a == "--sessions");
    if sessions {
        files.remove(0);
    }
    if files.is_empty() {
        eprintln!("usage: scenarios [--sessions] FILE...");
        return ExitCode::from(2);
    }
    let run = if sessions { utskrivning::conformance::sessions::run_str } else { scenario::run_str };
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let report = match std::fs::read_to_string(file) {
            Ok(text) => run(&text),
            Err(e) => Report { name: file.clone(), failures: vec![e.to_string()] },
        };
        if report.passed() {
            passed += 1;
            println!("ok   {file}  {}", report.name);
        } else {
            failed += 1;
            println!("FAIL {file}  {}", report.name);
            for f in &report.failures {
                println!("     {f}");
            }
        }
    }
    println!("{}{passed} passed, {failed} failed", if sessions { "sessions " } else { "" });
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
