//! kotlin: the uniffi bindings. Builds the library and the generators, regenerates the Kotlin
//! sources and the Swift package's sources (in place: swift/Sources) and checks them against the
//! committed ones, then runs the Maven build in bindings/uniffi/kotlin (`mvn verify`: the jar with
//! the native library inside, its JUnit 5 tests, the Java example). The tests are the corpus
//! driver (writing target/conformance/kotlin, then compared by the Rust reference `scenarios
//! --driven`), the session scenarios (compared with Rust's runner) and the error paths.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util;

const GENERATED: &str = "bindings/uniffi/generated";
/// The Swift package's generated files: exactly what Package.swift builds (the modulemap
/// beside the header is ours, not generated).
const SWIFT_SOURCES: &str = "bindings/uniffi/swift/Sources/Utskrivning/Utskrivning.swift";
const SWIFT_HEADER: &str = "bindings/uniffi/swift/Sources/UtskrivningFFI/UtskrivningFFI.h";
const MAVEN_PROJECT: &str = "bindings/uniffi/kotlin/pom.xml";

pub fn run() -> Result<String, String> {
    java_present()?;
    maven_present()?;
    // The library with its generators, and the comparer (`scenarios`), from the one build.
    util::build_workspace()?;
    let target = absolute(&util::target_dir().join("debug"));
    let library = target.join("libutskrivning_uniffi.so");

    regenerate(&target, &library)?;
    let in_sync = in_sync();

    let files = util::scenario_files();
    let sessions = util::session_files();
    let conformance = target.parent().unwrap_or(&target).join("conformance/kotlin");
    let (out, maven) = maven(&target, &conformance)?;
    // A build that stopped before the tests printed no summary: Maven's failure says why.
    let summary = |prefix| summary(&out, prefix).map_err(|e| maven.clone().err().unwrap_or(e));
    let driver = summary("driver: ")?;
    let session_line = summary("sessions: ")?;
    let paths = summary("error paths: ")?;
    // The example runs after the tests passed; its line names the refusal it showed.
    let example =
        summary("example: ").map_or_else(|_| "Java example not run".to_string(), |l| format!("Java example: {l}"));
    let driven = compare_driven(&target, &conformance, &files)?;
    let disagreements = compare_with_rust(&target, &sessions, Some("--sessions"), &out)?;

    let failed = [&driver, &driven, &session_line, &paths].iter().any(|s| !s.ends_with(" 0 failed"));
    let paths_passed = paths.split(',').next().unwrap_or(&paths);
    let line = format!("{driven}; sessions {session_line}; error paths {paths_passed}; {example}");
    match (failed, maven, disagreements.is_empty(), in_sync) {
        (false, Ok(()), true, Ok(())) => Ok(format!("{line}; sessions same as Rust; generated sources in sync")),
        (true, _, _, _) => Err(format!("{line} (see the output above)")),
        (_, Err(e), _, _) => Err(format!("{line}; {e}")),
        (_, _, false, _) => Err(format!("{line}; sessions differ from Rust on {}", disagreements.join(", "))),
        (_, _, _, Err(e)) => Err(format!("{line}; {e}")),
    }
}

/// A JDK runs Maven, both compilers and the tests; the machine image has one (Java 17).
fn java_present() -> Result<(), String> {
    let found = Command::new("javac").arg("-version").output().is_ok_and(|o| o.status.success());
    if found { Ok(()) } else { util::apt(&["default-jdk-headless"]) }
}

/// Maven builds the JVM side; the machine image has it (Debian's 3.8.7), else Debian's package.
fn maven_present() -> Result<(), String> {
    let found = Command::new("mvn").arg("-v").output().is_ok_and(|o| o.status.success());
    if found { Ok(()) } else { util::apt(&["maven"]) }
}

/// Writes the Kotlin and Swift sources afresh (stale files removed first, so a dropped file
/// shows as a difference too). The Swift ones go straight into the package's targets.
fn regenerate(target: &Path, library: &Path) -> Result<(), String> {
    for stale in [GENERATED, SWIFT_SOURCES, SWIFT_HEADER] {
        let path = Path::new(stale);
        let removed = if path.is_dir() { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
        if path.exists() {
            removed.map_err(|e| format!("cannot clear {stale}: {e}"))?;
        }
    }
    util::run(Command::new(target.join("uniffi-bindgen")).args(["generate", "--library"]).arg(library).args([
        "--language",
        "kotlin",
        "--out-dir",
        &format!("{GENERATED}/kotlin"),
        "--no-format",
    ]))?;
    for (kind, file) in [("--swift-sources", SWIFT_SOURCES), ("--headers", SWIFT_HEADER)] {
        let dir = Path::new(file).parent().ok_or_else(|| format!("{file} has no folder"))?;
        util::run(Command::new(target.join("uniffi-bindgen-swift")).arg(kind).arg(library).arg(dir))?;
    }
    Ok(())
}

/// The regenerated sources equal the committed ones: no change, no new file.
fn in_sync() -> Result<(), String> {
    let paths = [GENERATED, SWIFT_SOURCES, SWIFT_HEADER];
    util::no_drift(&paths)?;
    let untracked = util::output(Command::new("git").args(["status", "--porcelain", "--"]).args(paths))?;
    if untracked.trim().is_empty() {
        Ok(())
    } else {
        Err(format!("generated files not committed: {}", untracked.trim().replace('\n', ", ")))
    }
}

/// Maven's verify: compiles the generated Kotlin and the tests, packs the native library into
/// the jar, runs the JUnit tests (surefire) and the Java example. Its output (the tests' lines)
/// is returned with whether Maven passed; the summary lines say what failed. Maven resolves the
/// pinned plugins and dependencies into ~/.m2 once (~100 MB); later runs read them from there.
fn maven(target: &Path, conformance: &Path) -> Result<(String, Result<(), String>), String> {
    let mut cmd = Command::new("mvn");
    cmd.args(["-B", "-q", "-Dstyle.color=never", "-f", MAVEN_PROJECT])
        .arg(format!("-Dnative.dir={}", target.display()))
        .arg(format!("-Dconformance.dir={}", conformance.display()))
        .arg("verify");
    eprintln!("$ {}", util::show(&cmd));
    let out = cmd.output().map_err(|e| format!("mvn: {e}"))?;
    let stdout = without_colours(&String::from_utf8_lossy(&out.stdout));
    eprint!("{stdout}{}", without_colours(&String::from_utf8_lossy(&out.stderr)));
    let passed = if out.status.success() { Ok(()) } else { Err(format!("`mvn verify` failed ({})", out.status)) };
    Ok((stdout, passed))
}

/// The text without ANSI colour codes (`ESC [ ... m`), which Maven's console writes before
/// the tests' lines even in batch mode.
fn without_colours(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("\x1b[") {
        out.push_str(&rest[..i]);
        let code = &rest[i + 2..];
        match code.find(|c: char| !(c.is_ascii_digit() || c == ';')) {
            Some(end) if code[end..].starts_with('m') => rest = &code[end + 1..],
            _ => {
                out.push('\x1b');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A path made absolute against the repository root (the xtask runs there), for Maven, whose
/// relative paths are its project's.
fn absolute(path: &Path) -> PathBuf {
    std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf())
}

/// `N passed, M failed` from the line that starts with `prefix`.
fn summary(out: &str, prefix: &str) -> Result<String, String> {
    out.lines()
        .rev()
        .find_map(|l| l.strip_prefix(prefix))
        .map(str::to_string)
        .ok_or_else(|| format!("the Kotlin tests printed no `{}` line", prefix.trim_end_matches([':', ' '])))
}

/// The Rust reference's comparison of the driver's lines: its `driven N passed, M failed` line.
fn compare_driven(target: &Path, conformance: &Path, files: &[String]) -> Result<String, String> {
    let mut cmd = Command::new(target.join("scenarios"));
    cmd.arg("--driven").arg(conformance).args(files);
    eprintln!("$ {}", util::show(&cmd));
    let out = cmd.output().map_err(|e| format!("scenarios: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    eprint!("{}", stdout.lines().filter(|l| !l.starts_with("ok ")).map(|l| format!("{l}\n")).collect::<String>());
    stdout
        .lines()
        .rev()
        .find(|l| l.starts_with("driven "))
        .map(str::to_string)
        .ok_or_else(|| "the comparer printed no `driven` line".to_string())
}

/// The session scenario files whose outcome (ok or FAIL) differs between Kotlin and Rust.
fn compare_with_rust(
    target: &Path,
    files: &[String],
    flag: Option<&str>,
    kotlin_out: &str,
) -> Result<Vec<String>, String> {
    let out = Command::new(target.join("scenarios"))
        .args(flag)
        .args(files)
        .output()
        .map_err(|e| format!("scenarios: {e}"))?;
    let rust_out = String::from_utf8_lossy(&out.stdout);
    let outcomes = |text: &str| -> Vec<(String, bool)> {
        text.lines()
            .filter_map(|l| {
                let (ok, rest) = match l.split_at_checked(5)? {
                    ("ok   ", rest) => (true, rest),
                    ("FAIL ", rest) => (false, rest),
                    _ => return None,
                };
                let file = rest.split("  ").next()?.to_string();
                files.contains(&file).then_some((file, ok))
            })
            .collect()
    };
    let (rust, kotlin) = (outcomes(&rust_out), outcomes(kotlin_out));
    let mut differ: Vec<String> = files
        .iter()
        .filter(|f| {
            let find = |list: &[(String, bool)]| list.iter().find(|(g, _)| g == *f).map(|(_, ok)| *ok);
            find(&rust) != find(&kotlin) || find(&rust).is_none()
        })
        .cloned()
        .collect();
    differ.dedup();
    Ok(differ)
}

#[cfg(test)]
mod tests {
    use super::without_colours;

    #[test]
    fn colour_codes_are_removed_and_other_text_kept() {
        assert_eq!(without_colours("\x1b[0mdriver: 1 written\x1b[1;31m\n"), "driver: 1 written\n");
        assert_eq!(without_colours("a \x1b[x b \x1b"), "a \x1b[x b \x1b");
    }
}
