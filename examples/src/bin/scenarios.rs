//! Runs scenario files and ends with `N passed, M failed` (exit 1 if any failed).
//!
//! cargo run -q -p utskrivning-examples --bin scenarios -- tests/scenarios/*.json

use std::process::ExitCode;

fn main() -> ExitCode {
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        eprintln!("usage: scenarios FILE...");
        return ExitCode::from(2);
    }
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in &files {
        let report = match std::fs::read_to_string(file) {
            Ok(text) => utskrivning::scenario::run_str(&text),
            Err(e) => utskrivning::scenario::Report { name: file.clone(), failures: vec![e.to_string()] },
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
    println!("{passed} passed, {failed} failed");
    if failed == 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
