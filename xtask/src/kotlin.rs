//! kotlin: the uniffi bindings. Builds the library and the generators, regenerates the Kotlin
//! sources and the Swift package's sources (in place: swift/Sources) and checks them against the
//! committed ones, installs the Kotlin compiler (npm) and JNA and Gson (Debian), compiles the
//! Kotlin test program once per change of its inputs, and runs it: the corpus driver (writing
//! target/conformance/kotlin, then compared by the Rust reference `scenarios --driven`), the
//! session scenarios against Rust's runner, and the error paths.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, cargo};

const GENERATED: &str = "bindings/uniffi/generated";
/// The Swift package's generated files: exactly what Package.swift builds (the modulemap
/// beside the header is ours, not generated).
const SWIFT_SOURCES: &str = "bindings/uniffi/swift/Sources/Utskrivning/Utskrivning.swift";
const SWIFT_HEADER: &str = "bindings/uniffi/swift/Sources/UtskrivningFFI/UtskrivningFFI.h";
const PROGRAM: &str = "bindings/uniffi/kotlin";
const KOTLIN_VERSION: &str = "2.4.20";
const TOOLS: &str = ".tools/kotlin";
const BUILD: &str = "build/uniffi";
const JNA: &str = "/usr/share/java/jna.jar";
const GSON: &str = "/usr/share/java/gson.jar";

pub fn run() -> Result<String, String> {
    util::apt(&["libjna-java", "libgoogle-gson-java"])?;
    java_present()?;
    // Only what this part runs: the library with its generators, and the comparer
    // (`scenarios`). The rest of the workspace is the rust part's to build.
    util::run(cargo().args(["build", "-p", "utskrivning-uniffi", "-p", "utskrivning-tools"]))?;
    let target = target_dir().join("debug");
    let library = target.join("libutskrivning_uniffi.so");

    regenerate(&target, &library)?;
    let in_sync = in_sync();

    let kotlin = install_kotlin()?;
    let jar = compile(&kotlin)?;
    let files = util::scenario_files();
    let sessions = util::session_files();
    let conformance = target.parent().unwrap_or(&target).join("conformance/kotlin");
    let out = run_program(&kotlin, &jar, &target, &conformance, &files, &sessions)?;
    let driver = summary(&out, "driver: ")?;
    let session_line = summary(&out, "sessions: ")?;
    let paths = summary(&out, "error paths: ")?;
    let driven = compare_driven(&target, &conformance, &files)?;
    let disagreements = compare_with_rust(&target, &sessions, Some("--sessions"), &out)?;

    let failed = [&driver, &driven, &session_line, &paths].iter().any(|s| !s.ends_with(" 0 failed"));
    let paths_passed = paths.split(',').next().unwrap_or(&paths);
    let line = format!("{driven}; sessions {session_line}; error paths {paths_passed}");
    match (failed, disagreements.is_empty(), in_sync) {
        (false, true, Ok(())) => Ok(format!("{line}; sessions same as Rust; generated sources in sync")),
        (true, _, _) => Err(format!("{line} (see the output above)")),
        (_, false, _) => Err(format!("{line}; sessions differ from Rust on {}", disagreements.join(", "))),
        (_, _, Err(e)) => Err(format!("{line}; {e}")),
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| PathBuf::from("target"), PathBuf::from)
}

/// The JVM runs both the compiler and the program; the machine image has one (Java 17).
fn java_present() -> Result<(), String> {
    let found = Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success());
    if found { Ok(()) } else { util::apt(&["default-jre-headless"]) }
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

/// The Kotlin compiler from npm, installed once under `.tools/`.
fn install_kotlin() -> Result<PathBuf, String> {
    let home = Path::new(TOOLS).join("node_modules/kotlin-compiler");
    let manifest = std::fs::read_to_string(home.join("package.json")).unwrap_or_default();
    let installed =
        manifest.contains(&format!("\"version\": \"{KOTLIN_VERSION}\"")) && home.join("bin/kotlinc-jvm").exists();
    if !installed {
        util::run(Command::new("npm").args([
            "install",
            "--no-save",
            "--prefix",
            TOOLS,
            &format!("kotlin-compiler@{KOTLIN_VERSION}"),
        ]))?;
    }
    Ok(home)
}

/// The program's sources: the generated bindings and the test program, in a fixed order.
fn sources() -> Result<Vec<PathBuf>, String> {
    let read = |dir: &Path| -> Result<Vec<PathBuf>, String> {
        let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "kt"))
            .collect();
        files.sort();
        Ok(files)
    };
    let mut files = read(&Path::new(GENERATED).join("kotlin/utskrivning"))?;
    files.extend(read(Path::new(PROGRAM))?);
    Ok(files)
}

/// Compiles the program unless a jar of the very same inputs exists (kotlinc takes ~30 s).
fn compile(kotlin: &Path) -> Result<PathBuf, String> {
    let files = sources()?;
    let mut hash = Fnv::new();
    hash.add(KOTLIN_VERSION.as_bytes());
    for file in &files {
        hash.add(file.to_string_lossy().as_bytes());
        hash.add(&std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?);
    }
    let jar = Path::new(BUILD).join(format!("check-{:016x}.jar", hash.0));
    if jar.exists() {
        eprintln!("kotlin: {} is up to date", jar.display());
        return Ok(jar);
    }
    // Older jars are of other inputs; only the newest is kept.
    if let Ok(entries) = std::fs::read_dir(BUILD) {
        for old in entries.filter_map(|e| e.ok().map(|e| e.path())) {
            let _ = std::fs::remove_file(old);
        }
    }
    std::fs::create_dir_all(BUILD).map_err(|e| format!("cannot create {BUILD}: {e}"))?;
    let partial = jar.with_extension("partial.jar");
    util::run(
        Command::new(kotlin.join("bin/kotlinc-jvm"))
            .args(["-nowarn", "-cp", &format!("{JNA}:{GSON}")])
            .args(&files)
            .arg("-d")
            .arg(&partial),
    )?;
    std::fs::rename(&partial, &jar).map_err(|e| format!("cannot move {}: {e}", partial.display()))?;
    Ok(jar)
}

/// Runs the program; its output is returned whether it passed or not (the summary says).
fn run_program(
    kotlin: &Path,
    jar: &Path,
    target: &Path,
    conformance: &Path,
    files: &[String],
    sessions: &[String],
) -> Result<String, String> {
    // A fresh folder: a scenario the driver skipped shows as missing, not as an old pass.
    if conformance.exists() {
        std::fs::remove_dir_all(conformance).map_err(|e| format!("cannot clear {}: {e}", conformance.display()))?;
    }
    let classpath = format!("{}:{JNA}:{GSON}:{}", jar.display(), kotlin.join("lib/kotlin-stdlib.jar").display());
    let mut cmd = Command::new("java");
    cmd.arg(format!("-Djna.library.path={}", target.display()))
        .args(["-cp", &classpath, "utskrivning.check.MainKt"])
        .arg(conformance)
        .args(files)
        .arg("--sessions")
        .args(sessions);
    eprintln!("$ {}", util::show(&cmd));
    let out = cmd.output().map_err(|e| format!("java: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    eprint!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    Ok(stdout)
}

/// `N passed, M failed` from the line that starts with `prefix`.
fn summary(out: &str, prefix: &str) -> Result<String, String> {
    out.lines()
        .rev()
        .find_map(|l| l.strip_prefix(prefix))
        .map(str::to_string)
        .ok_or_else(|| format!("the Kotlin program printed no `{}` line", prefix.trim_end_matches([':', ' '])))
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

/// FNV-1a, 64 bits: a hash that stays the same across Rust versions, for the jar's name.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    fn add(&mut self, bytes: &[u8]) {
        for b in bytes.iter().chain(&[0xff]) {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}
