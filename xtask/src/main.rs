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

/// The stages of `cargo xtask test`, in order; the parts of one stage run side by side, each in
/// its own process with its output in `build/xtask/<part>.log` (printed when it ends). The
/// language parts spend much of their time on one core (valgrind, pytest, the JVM), so two cores
/// finish them sooner together. `same` reads what c, python and kotlin wrote.
const STAGES: &[&[&str]] = &[&["lint"], &["rust"], &["c", "python", "kotlin"], &["same"], &["fuzz"]];

/// Parts run on their own, not by `test`.
const LINT_QUICK: Part = Part { name: "lint", run: lint::without_clippy };
const LAYERS: Part = Part { name: "layers", run: layers::run };

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let named = |name: &str| PARTS.iter().filter(|p| p.name == name).collect::<Vec<_>>();
    let parts: Vec<&Part> = match args.as_slice() {
        ["test"] => return test_all(),
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
    let lines: Vec<(bool, String)> = parts.into_iter().map(run_part).collect();
    summarize(&lines)
}

/// Runs one part here: its summary line, and whether it passed.
fn run_part(part: &Part) -> (bool, String) {
    eprintln!("\n==> {}", part.name);
    let started = std::time::Instant::now();
    let outcome = (part.run)();
    let secs = started.elapsed().as_secs();
    match outcome {
        Ok(summary) => (true, format!("{:<8} ok      {summary} ({secs} s)", part.name)),
        Err(why) => (false, format!("{:<8} FAILED  {why} ({secs} s)", part.name)),
    }
}

fn summarize(lines: &[(bool, String)]) -> ExitCode {
    println!("\nsummary");
    for (_, line) in lines {
        println!("{line}");
    }
    if lines.iter().all(|(ok, _)| *ok) { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Every part, stage by stage ([`STAGES`]).
fn test_all() -> ExitCode {
    if let Err(e) = util::chdir_root() {
        eprintln!("xtask: {e}");
        return ExitCode::FAILURE;
    }
    let mut lines = Vec::new();
    for stage in STAGES {
        let parts: Vec<&Part> = stage.iter().flat_map(|n| PARTS.iter().filter(move |p| p.name == *n)).collect();
        match parts.as_slice() {
            [one] => lines.push(run_part(one)),
            many => lines.extend(side_by_side(many)),
        }
    }
    summarize(&lines)
}

/// Runs parts at once, each as `xtask test <part>` with its output in a log; prints each log as
/// its part ends and takes the part's summary line from it.
fn side_by_side(parts: &[&Part]) -> Vec<(bool, String)> {
    let logs = std::path::Path::new("build/xtask");
    let exe = std::env::current_exe();
    let started = std::time::Instant::now();
    let children: Vec<(&Part, std::path::PathBuf, Result<std::process::Child, String>)> = parts
        .iter()
        .map(|part| {
            let log = logs.join(format!("{}.log", part.name));
            let child = (|| {
                std::fs::create_dir_all(logs).map_err(|e| format!("{}: {e}", logs.display()))?;
                let file = std::fs::File::create(&log).map_err(|e| format!("{}: {e}", log.display()))?;
                let err = file.try_clone().map_err(|e| e.to_string())?;
                let exe = exe.as_ref().map_err(|e| format!("xtask: {e}"))?;
                eprintln!("\n==> {} (side by side with the others of its stage; log {})", part.name, log.display());
                std::process::Command::new(exe)
                    .args(["test", part.name])
                    .stdout(file)
                    .stderr(err)
                    .spawn()
                    .map_err(|e| format!("xtask test {}: {e}", part.name))
            })();
            (*part, log, child)
        })
        .collect();
    children
        .into_iter()
        .map(|(part, log, child)| {
            let waited = child.and_then(|mut c| c.wait().map_err(|e| e.to_string()));
            let text = std::fs::read_to_string(&log).unwrap_or_default();
            eprintln!("\n==> {} (its log)\n{text}", part.name);
            // The child ends with "summary" and its one line.
            let line = text.lines().skip_while(|l| *l != "summary").nth(1).filter(|l| l.starts_with(part.name));
            let secs = started.elapsed().as_secs();
            match (waited, line) {
                (Ok(status), Some(line)) if status.success() => (true, line.to_string()),
                (_, Some(line)) => (false, line.to_string()),
                (Err(e), None) => (false, format!("{:<8} FAILED  {e} ({secs} s)", part.name)),
                (Ok(status), None) => (false, format!("{:<8} FAILED  exited {status} ({secs} s)", part.name)),
            }
        })
        .collect()
}
