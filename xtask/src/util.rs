//! Running commands and finding things, for the parts of the test run.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root (the parent of `xtask/`).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().map(Path::to_path_buf).unwrap_or_default()
}

pub fn chdir_root() -> Result<(), String> {
    std::env::set_current_dir(root()).map_err(|e| format!("cannot enter the repository root: {e}"))
}

/// Runs a command, its output going to the terminal; `Err` names it if it fails.
pub fn run(cmd: &mut Command) -> Result<(), String> {
    eprintln!("$ {}", show(cmd));
    let started = std::time::Instant::now();
    let status = cmd.status().map_err(|e| format!("{}: {e}", show(cmd)))?;
    took(started);
    if status.success() { Ok(()) } else { Err(format!("`{}` failed ({status})", show(cmd))) }
}

/// How long a command took, after its output: where a part's time goes, read from its log.
fn took(started: std::time::Instant) {
    eprintln!("  ({:.1} s)", started.elapsed().as_secs_f64());
}

/// Runs a command that downloads (a package registry, apt): three tries, 15 s apart, since a
/// registry's bad minute is not a failure of this project's. Only for steps that fetch and
/// install, never for a test, whose second try would hide a flaky one.
pub fn fetching(cmd: &mut Command) -> Result<(), String> {
    let mut last = String::new();
    for attempt in 1..=3 {
        if attempt > 1 {
            eprintln!("(try {attempt} of 3 in 15 s: {last})");
            std::thread::sleep(std::time::Duration::from_secs(15));
        }
        match run(cmd) {
            Ok(()) => return Ok(()),
            Err(e) => last = e,
        }
    }
    Err(last)
}

/// Runs a command and returns its stdout (also echoed); `Err` if it fails.
pub fn output(cmd: &mut Command) -> Result<String, String> {
    eprintln!("$ {}", show(cmd));
    let started = std::time::Instant::now();
    let out = cmd.output().map_err(|e| format!("{}: {e}", show(cmd)))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    eprint!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    took(started);
    if out.status.success() { Ok(stdout) } else { Err(format!("`{}` failed ({})", show(cmd), out.status)) }
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}

/// The one build every part runs the workspace's binaries from: `cargo build --workspace`, the
/// feature set `cargo test --workspace` has too. A build of a few packages (`-p`) unifies other
/// features and would compile the core and its dependencies again: a minute of the side-by-side
/// stage once, for every part that did. A no-op once the rust part has built it. Not xtask
/// itself: it is running, and a build would replace its binary under it (the parts run side by
/// side are started from that binary).
pub fn build_workspace() -> Result<(), String> {
    run(cargo().args(["build", "--workspace", "--exclude", "xtask", "-q"]))
}

/// The cargo target directory (`CARGO_TARGET_DIR`, else `target`).
pub fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// A binary of the workspace, as [`build_workspace`] built it.
pub fn workspace_bin(name: &str) -> Command {
    Command::new(target_dir().join("debug").join(name))
}

/// The last line of a test program's output that reads `N passed, M failed`.
pub fn passed_line(stdout: &str) -> Option<String> {
    stdout.lines().rev().find(|l| l.contains(" passed, ") && l.trim_end().ends_with(" failed")).map(str::to_string)
}

/// Fails unless the tree under `paths` is as committed (generated files in sync).
pub fn no_drift(paths: &[&str]) -> Result<(), String> {
    let mut cmd = Command::new("git");
    cmd.args(["diff", "--exit-code", "--"]).args(paths);
    run(&mut cmd).map_err(|_| format!("generated files out of date: {}", paths.join(" ")))
}

/// The scenario files of the corpus, sorted.
pub fn scenario_files() -> Vec<String> {
    json_files("tests/scenarios")
}

/// The session scenarios (tests/sessions, docs/sessions.md), sorted.
pub fn session_files() -> Vec<String> {
    json_files("tests/sessions")
}

fn json_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok())
        .map(|e| e.path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".json"))
        .collect();
    files.sort();
    files
}

/// Installs Debian packages that are not installed yet (apt-get is run only when needed).
/// The lock the parts' apt runs take in turn.
const APT_LOCK: &str = "/tmp/utskrivning-xtask-apt.lock";

pub fn apt(packages: &[&str]) -> Result<(), String> {
    let missing: Vec<&str> = packages
        .iter()
        .copied()
        .filter(|p| {
            !Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", p])
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    // Parts run side by side (`cargo xtask test`): one apt at a time, the others wait on the lock.
    let sudo = |args: &[&str]| {
        let is_root = Command::new("id").arg("-u").output().is_ok_and(|o| o.stdout.starts_with(b"0"));
        let mut c = if is_root {
            Command::new("flock")
        } else {
            let mut c = Command::new("sudo");
            c.arg("flock");
            c
        };
        c.arg(APT_LOCK);
        c.args(args);
        c.env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    fetching(&mut sudo(&["apt-get", "update", "-qq"]))?;
    let mut args = vec!["apt-get", "install", "-y", "-qq", "--no-install-recommends"];
    args.extend(missing.iter());
    fetching(&mut sudo(&args))
}

/// A command as it would be typed.
pub fn show(cmd: &Command) -> String {
    std::iter::once(cmd.get_program())
        .chain(cmd.get_args())
        .map(|a| a.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}
