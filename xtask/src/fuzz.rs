//! fuzz: hammering the machine. Each fuzz target (fuzz/, cargo-fuzz) runs briefly from the
//! seeds the scenario corpus gives. The long run is in docs/testing.md. (The diagrams and the
//! coverage report, drawn from exploring the machine, are checked in the `rust` part.)

use std::path::Path;
use std::process::{Child, Command, Stdio};

use crate::util::{self, cargo};

const TARGETS: &[&str] = &["events", "snapshot", "c_api", "sessions", "restore_bytes"];
/// Wall-clock seconds per target. The five run side by side (2 cores), so the fuzzing costs
/// fifteen seconds and the whole part stays within a few (the long runs are in docs/testing.md).
const SECONDS: u32 = 15;
const CARGO_FUZZ: &str = "0.13.2";

pub fn run() -> Result<String, String> {
    ensure_cargo_fuzz()?;
    let seeds = "fuzz/target/seeds";
    let mut seeder = cargo();
    seeder.args(["run", "-q", "--manifest-path", "fuzz/Cargo.toml", "-p", "utskrivning-fuzz-seeds", "--", seeds]);
    util::run(seeder.args(util::scenario_files()).args(util::session_files()))?;
    util::run(fuzz_cmd().arg("build"))?;
    let runs = run_targets(seeds)?;
    Ok(format!("{runs}, {SECONDS} s each, no crash"))
}

/// `cargo fuzz`, on stable: cargo-fuzz passes nightly flags (`-Zsanitizer`), which
/// RUSTC_BOOTSTRAP allows.
fn fuzz_cmd() -> Command {
    let mut c = cargo();
    c.arg("fuzz").env("RUSTC_BOOTSTRAP", "1");
    c
}

fn ensure_cargo_fuzz() -> Result<(), String> {
    let installed = fuzz_cmd().arg("--version").output().is_ok_and(|o| o.status.success());
    if installed {
        return Ok(());
    }
    util::fetching(cargo().args(["install", "cargo-fuzz", "--locked", "--version", CARGO_FUZZ]))
}

/// Runs every target at once for [`SECONDS`]; `Err` names a target that crashed and where its
/// log and input are.
fn run_targets(seeds: &str) -> Result<String, String> {
    let logs = Path::new("fuzz/target/logs");
    std::fs::create_dir_all(logs).map_err(|e| format!("{}: {e}", logs.display()))?;
    let mut children: Vec<(&str, Child)> = Vec::new();
    for target in TARGETS {
        let corpus = format!("fuzz/corpus/{target}");
        std::fs::create_dir_all(&corpus).map_err(|e| format!("{corpus}: {e}"))?;
        let log = std::fs::File::create(logs.join(format!("{target}.log"))).map_err(|e| e.to_string())?;
        let mut cmd = fuzz_cmd();
        cmd.args(["run", target, &corpus, &format!("{seeds}/{target}"), "--"])
            .arg(format!("-dict={seeds}/utskrivning.dict"))
            .arg(format!("-max_total_time={SECONDS}"))
            .args(["-max_len=16384", "-timeout=30", "-print_final_stats=1"])
            .stdout(Stdio::null())
            .stderr(log);
        eprintln!("$ {}  (log: {}/{target}.log)", util::show(&cmd), logs.display());
        children.push((target, cmd.spawn().map_err(|e| format!("cargo fuzz run {target}: {e}"))?));
    }
    let mut lines = Vec::new();
    let mut failed = Vec::new();
    for (target, mut child) in children {
        let ok = child.wait().is_ok_and(|s| s.success());
        let log = std::fs::read_to_string(logs.join(format!("{target}.log"))).unwrap_or_default();
        // "Done 123456 runs in 61 second(s)"
        let runs = log.lines().rev().find_map(|l| l.strip_prefix("Done ")).and_then(|l| l.split(' ').next());
        if ok {
            lines.push(format!("{target} {} runs", runs.unwrap_or("?")));
        } else {
            failed.push(format!("{target} (see fuzz/target/logs/{target}.log and fuzz/artifacts/{target}/)"));
        }
    }
    if failed.is_empty() { Ok(lines.join(", ")) } else { Err(format!("fuzz target crashed: {}", failed.join(", "))) }
}
