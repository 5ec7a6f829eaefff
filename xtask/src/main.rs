//! `cargo xtask test`: the lint and every test of every language, installing what it needs
//! (idempotently), ending with one summary line per part. `cargo xtask test <part>` runs one
//! part; `cargo xtask lint [--no-clippy]` and `cargo xtask layers [--table]` run the checks.

mod c;
mod fuzz;
mod kotlin;
mod layers;
mod lint;
mod python;
mod rust;
mod same;
mod util;

use std::process::ExitCode;

/// One language's part of the test run.
pub struct Part {
    pub name: &'static str,
    pub run: fn() -> Result<String, String>,
}

const PARTS: &[Part] = &[
    Part { name: "lint", run: lint::run },
    Part { name: "rust", run: rust::run },
    Part { name: "c", run: c::run },
    Part { name: "python", run: python::run },
    Part { name: "kotlin", run: kotlin::run },
    Part { name: "same", run: same::run },
    Part { name: "fuzz", run: fuzz::run },
];

/// Parts run on their own, not by `test`.
const LINT_QUICK: Part = Part { name: "lint", run: lint::without_clippy };
const LAYERS: Part = Part { name: "layers", run: layers::run };

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let named = |name: &str| PARTS.iter().filter(|p| p.name == name).collect::<Vec<_>>();
    let parts: Vec<&Part> = match args.as_slice() {
        ["test"] => PARTS.iter().collect(),
        ["test", only] if !named(only).is_empty() => named(only),
        ["lint"] => named("lint"),
        ["lint", "--no-clippy"] => vec![&LINT_QUICK],
        ["layers"] => vec![&LAYERS],
        ["layers", "--table"] => {
            print!("{}", layers::table());
            return ExitCode::SUCCESS;
        }
        _ => {
            let names = PARTS.iter().map(|p| p.name).collect::<Vec<_>>().join("|");
            eprintln!("usage: cargo xtask test [{names}]");
            eprintln!("       cargo xtask lint [--no-clippy]");
            eprintln!("       cargo xtask layers [--table]");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = util::chdir_root() {
        eprintln!("xtask: {e}");
        return ExitCode::FAILURE;
    }
    let mut lines = Vec::new();
    let mut ok = true;
    for part in parts {
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
