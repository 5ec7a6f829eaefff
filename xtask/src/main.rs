//! `cargo xtask test`: every test of every language, installing what it needs (idempotently),
//! ending with one summary line per language. `cargo xtask <part>` runs one part.

mod c;
mod fuzz;
mod kotlin;
mod python;
mod rust;
mod util;

use std::process::ExitCode;

/// One language's part of the test run.
pub struct Part {
    pub name: &'static str,
    pub run: fn() -> Result<String, String>,
}

const PARTS: &[Part] = &[
    Part { name: "rust", run: rust::run },
    Part { name: "c", run: c::run },
    Part { name: "python", run: python::run },
    Part { name: "kotlin", run: kotlin::run },
    Part { name: "fuzz", run: fuzz::run },
];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (cmd, only) = match args.as_slice() {
        [cmd] => (cmd.as_str(), None),
        [cmd, part] => (cmd.as_str(), Some(part.as_str())),
        _ => ("help", None),
    };
    if cmd != "test" {
        eprintln!("usage: cargo xtask test [{}]", PARTS.iter().map(|p| p.name).collect::<Vec<_>>().join("|"));
        return ExitCode::from(2);
    }
    if let Err(e) = util::chdir_root() {
        eprintln!("xtask: {e}");
        return ExitCode::FAILURE;
    }
    let mut lines = Vec::new();
    let mut ok = true;
    for part in PARTS.iter().filter(|p| only.is_none_or(|o| o == p.name)) {
        eprintln!("\n==> {}", part.name);
        let started = std::time::Instant::now();
        let outcome = (part.run)();
        let secs = started.elapsed().as_secs();
        match outcome {
            Ok(summary) => lines.push(format!("{:<8} ok      {summary} ({secs} s)", part.name)),
            Err(why) => {
                ok = false;
                lines.push(format!("{:<8} FAILED  {why} ({secs} s)", part.name));
            }
        }
    }
    println!("\nsummary");
    for line in &lines {
        println!("{line}");
    }
    if ok { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}
