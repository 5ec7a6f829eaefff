//! Runs scenario files and ends with `N passed, M failed` (exit 1 if any failed); with
//! `--sessions`, session scenarios (tests/sessions, docs/sessions.md), ending with
//! `sessions N passed, M failed`. The bindings' runners print the same lines.
//!
//! cargo run -q -p utskrivning-tools --bin scenarios -- tests/scenarios/*.json
//! cargo run -q -p utskrivning-tools --bin scenarios -- --sessions tests/sessions/*.json
//! cargo run -q -p utskrivning-tools --bin scenarios -- --driven DIR tests/scenarios/*.json
//!
//! With `--driven DIR`, a binding's thin driver has already written `DIR/<file stem>.jsonl` for
//! each scenario (tests/scenarios/README.md, "Drivers"): the lines are compared with the
//! scenario's expectations by the reference rules, and the summary reads
//! `driven N passed, M failed`.

use std::process::ExitCode;

use utskrivning::conformance::scenario::{self, Report};

fn main() -> ExitCode {
    let mut files: Vec<String> = std::env::args().skip(1).collect();
    let sessions = files.first().is_some_and(|a| a == "--sessions");
    if sessions {
        files.remove(0);
    }
    if files.first().is_some_and(|a| a == "--driven") && files.len() >= 2 {
        let dir = files.remove(1);
        files.remove(0);
        return driven(&dir, &files);
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

/// Compares each scenario with the driver's lines in `dir`.
fn driven(dir: &str, files: &[String]) -> ExitCode {
    let (mut passed, mut failed) = (0usize, 0usize);
    for file in files {
        let stem = std::path::Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let lines_path = std::path::Path::new(dir).join(format!("{stem}.jsonl"));
        let report = match (std::fs::read_to_string(file), std::fs::read_to_string(&lines_path)) {
            (Ok(scenario), Ok(lines)) => utskrivning::conformance::driven::compare_str(&scenario, &lines),
            (Err(e), _) => Report { name: file.clone(), failures: vec![e.to_string()] },
            (_, Err(e)) => Report { name: file.clone(), failures: vec![format!("{}: {e}", lines_path.display())] },
        };
        if report.passed() {
            passed += 1;
        } else {
            failed += 1;
            println!("FAIL {file}  {}", report.name);
            for f in &report.failures {
                println!("     {f}");
            }
        }
    }
    println!("driven {passed} passed, {failed} failed");
    if failed == 0 && passed > 0 { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
