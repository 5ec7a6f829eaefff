//! c: the C bindings. Builds the workspace (libutskrivning.so and .a), regenerates the header
//! and fails if it differs from the committed one, runs the crate's unit tests (one writes
//! target/conformance/c/policies.json), compiles the C test program four ways (linked
//! dynamically, statically, for valgrind, with ASan/UBSan) and runs in each the thin driver of
//! the scenario corpus, the session scenarios (through the planner), the error paths of case
//! and planner, and the indicators' and payment basis' paths. The Rust comparer judges the dynamic build's lines (target/conformance/c), the
//! other builds must write the same, and every session scenario must fare as under the Rust
//! runner. Last, it builds and runs the vendor examples through the pkg-config file.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::{self, cargo};

const INCLUDE: &str = "bindings/c/include";
const TESTS: &str = "bindings/c/tests";
const EXAMPLE: &str = "examples/c";
const BUILD: &str = "build/c";
const CFLAGS: &[&str] = &["-std=c11", "-Wall", "-Wextra", "-Werror", "-g"];
const SANITIZE: &[&str] =
    &["-fsanitize=address,undefined", "-fno-sanitize-recover=undefined", "-fno-omit-frame-pointer"];
/// What the Rust standard library inside libutskrivning.a links against, as
/// `rustc --print native-static-libs` says on Linux.
const NATIVE_STATIC_LIBS: &[&str] = &["-lgcc_s", "-lutil", "-lrt", "-lpthread", "-lm", "-ldl", "-lc"];

pub fn run() -> Result<String, String> {
    util::apt(&["gcc", "libcjson-dev", "valgrind", "pkg-config"])?;
    util::build_workspace()?;
    let lib_dir = std::fs::canonicalize(util::target_dir().join("debug")).map_err(|e| format!("target/debug: {e}"))?;
    std::fs::create_dir_all(BUILD).map_err(|e| format!("cannot create {BUILD}: {e}"))?;

    let header = regenerate_header(&lib_dir);

    let sources = c_files(TESTS)?;
    let include = format!("-I{INCLUDE}");
    let lib = lib_dir.display();
    let dynamic_libs: Vec<String> =
        vec![format!("-L{lib}"), "-lutskrivning".into(), format!("-Wl,-rpath,{lib}"), "-lcjson".into()];
    let static_libs: Vec<String> = [format!("{lib}/libutskrivning.a"), "-lcjson".into()]
        .into_iter()
        .chain(NATIVE_STATIC_LIBS.iter().map(|s| s.to_string()))
        .collect();
    let sanitized_libs: Vec<String> =
        SANITIZE.iter().map(|s| s.to_string()).chain(dynamic_libs.iter().cloned()).collect();
    let sanitized_flags: Vec<&str> = [include.as_str()].into_iter().chain(SANITIZE.iter().copied()).collect();
    let dynamic = compile("check-dynamic", &sources, &[&include], &dynamic_libs)?;
    let static_ = compile("check-static", &sources, &[&include], &static_libs)?;
    let asan = compile("check-asan", &sources, &sanitized_flags, &sanitized_libs)?;

    // The dynamic build's lines are the binding's (target/conformance/c); the other builds write
    // theirs under build/c, to be the same.
    let conformance = util::target_dir().join("conformance").join("c");
    fresh_dir(&conformance)?;
    // The unit tests, one of which writes policies.json through the exported functions
    // (bindings/c/src/policies.rs: the internal error needs the test-only panic path).
    // Run from the workspace's test build (`--workspace`: see `util::build_workspace`), the
    // libraries' unit tests only, by name.
    let policies = util::run(cargo().args(["test", "-q", "--workspace", "--lib", "--", "writes_the_policies"]));

    let files = util::scenario_files();
    let sessions = util::session_files();
    let valgrind_flags = [
        "--quiet",
        "--leak-check=full",
        "--show-leak-kinds=definite,indirect,possible",
        "--errors-for-leak-kinds=definite,indirect,possible",
        "--error-exitcode=1",
    ];
    let valgrind_args: Vec<String> =
        valgrind_flags.iter().map(|s| s.to_string()).chain([dynamic.display().to_string()]).collect();
    let runs: [(&str, String, Vec<String>, PathBuf); 4] = [
        ("dynamic", dynamic.display().to_string(), vec![], conformance.clone()),
        ("static", static_.display().to_string(), vec![], Path::new(BUILD).join("driven-static")),
        ("valgrind", "valgrind".to_string(), valgrind_args, Path::new(BUILD).join("driven-valgrind")),
        ("asan", asan.display().to_string(), vec![], Path::new(BUILD).join("driven-asan")),
    ];
    let mut outcomes = Vec::new();
    let mut problems = Vec::new();
    for (name, program, args, dir) in &runs {
        if *name != "dynamic" {
            fresh_dir(dir)?;
        }
        match run_check(name, program, args, dir, &files, &sessions) {
            Ok(outcome) => outcomes.push((*name, dir, outcome)),
            Err(e) => problems.push(e),
        }
    }

    let driven = driven(&lib_dir, &conformance, &files);
    if let Err(e) = &driven {
        problems.push(e.clone());
    }
    if let Some((_, _, first)) = outcomes.first() {
        match compare_with_rust(&lib_dir, &sessions, Some("--sessions"), &first.stdout) {
            Ok(differ) if differ.is_empty() => {}
            Ok(differ) => problems.push(format!("differs from Rust on {}", differ.join(", "))),
            Err(e) => problems.push(e),
        }
    }
    for (name, dir, _) in outcomes.iter().skip(1) {
        if let Err(e) = same_lines(&conformance, dir, &files) {
            problems.push(format!("{name}: {e}"));
        }
    }
    if outcomes.windows(2).any(|w| w[0].2.stdout != w[1].2.stdout) {
        problems.push("the four builds printed different results".into());
    }
    if let Err(e) = policies.and_then(|()| policies_written(&conformance)) {
        problems.push(e);
    }
    if let Err(e) = header {
        problems.push(e);
    }
    if let Err(e) = example(&lib_dir) {
        problems.push(e);
    }

    let ran: Vec<&str> = outcomes.iter().map(|(name, _, _)| *name).collect();
    let unknown = || "?".to_string();
    let [sessions, paths, planner_paths, indicator_paths] = outcomes.first().map_or_else(
        || [unknown(), unknown(), unknown(), unknown()],
        |(_, _, o)| [o.sessions.clone(), o.paths.clone(), o.planner_paths.clone(), o.indicator_paths.clone()],
    );
    let passed = |s: &str| s.split(',').next().unwrap_or(s).to_string();
    let builds = ran.join(", ");
    let line = format!(
        "{} ({builds}: the same lines); sessions {sessions} ({builds}); error paths {}; planner error paths {}; \
         indicator paths {}",
        driven.unwrap_or_else(|_| "driven ?".into()),
        passed(&paths),
        passed(&planner_paths),
        passed(&indicator_paths)
    );
    if problems.is_empty() {
        Ok(format!("{line}; policies.json written; valgrind clean; header in sync; examples ran"))
    } else {
        Err(format!("{line}; {}", problems.join("; ")))
    }
}

/// An empty directory at `dir`, so no line of an earlier run is judged.
fn fresh_dir(dir: &Path) -> Result<(), String> {
    if dir.exists() {
        std::fs::remove_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))
}

/// The Rust comparer on the driver's lines: its `driven N passed, M failed`, `Err` if any failed.
fn driven(lib_dir: &Path, dir: &Path, files: &[String]) -> Result<String, String> {
    let mut cmd = Command::new(lib_dir.join("scenarios"));
    cmd.arg("--driven").arg(dir).args(files);
    eprintln!("$ {} --driven {} <{} scenario files>", lib_dir.join("scenarios").display(), dir.display(), files.len());
    let out = cmd.output().map_err(|e| format!("scenarios: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprint!("{stdout}");
    let line = stdout.lines().rev().find(|l| l.starts_with("driven ")).map(str::to_string);
    match line {
        Some(line) if out.status.success() => Ok(line),
        Some(line) => Err(line),
        None => Err(format!("the comparer printed no summary ({})", out.status)),
    }
}

/// Whether a build wrote, for every scenario, the very lines the dynamic build wrote.
fn same_lines(want: &Path, got: &Path, files: &[String]) -> Result<(), String> {
    let differ: Vec<&str> = files
        .iter()
        .filter(|f| {
            let name = Path::new(f).file_stem().map(|s| format!("{}.jsonl", s.to_string_lossy())).unwrap_or_default();
            let read = |dir: &Path| std::fs::read(dir.join(&name)).ok();
            read(want).is_none() || read(want) != read(got)
        })
        .map(String::as_str)
        .collect();
    if differ.is_empty() { Ok(()) } else { Err(format!("other driver lines for {}", differ.join(", "))) }
}

/// The unit test wrote policies.json (its keys and shape are the test's to check).
fn policies_written(dir: &Path) -> Result<(), String> {
    let path = dir.join("policies.json");
    std::fs::metadata(&path).map(|_| ()).map_err(|e| format!("{}: {e}", path.display()))
}

/// Writes the header afresh with the pinned cbindgen and checks it against the committed one.
fn regenerate_header(lib_dir: &Path) -> Result<(), String> {
    util::run(&mut Command::new(lib_dir.join("utskrivning-c-header")))?;
    util::no_drift(&[INCLUDE])?;
    let untracked = util::output(Command::new("git").args(["status", "--porcelain", "--", INCLUDE]))?;
    if untracked.trim().is_empty() { Ok(()) } else { Err(format!("header not committed: {}", untracked.trim())) }
}

/// The `.c` files of a directory, sorted.
fn c_files(dir: &str) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{dir}: {e}"))?;
    let mut files: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == "c")).collect();
    files.sort();
    Ok(files)
}

/// Compiles and links `sources` into `build/c/<name>`, warnings as errors.
fn compile(name: &str, sources: &[PathBuf], flags: &[&str], libs: &[String]) -> Result<PathBuf, String> {
    let out = Path::new(BUILD).join(name);
    util::run(Command::new("gcc").args(CFLAGS).args(flags).args(sources).args(libs).arg("-o").arg(&out))?;
    Ok(out)
}

struct Outcome {
    stdout: String,
    /// `N passed, M failed` of the session scenarios, the case's error paths, the planner's and
    /// the indicators'.
    sessions: String,
    paths: String,
    planner_paths: String,
    indicator_paths: String,
}

/// Runs one build of the test program: the driver writes its lines into `dir`, then the session
/// scenarios and the error paths. The program's failed lines and summaries are echoed (the
/// passed ones would only bury them); `Err` says what went wrong.
fn run_check(
    name: &str,
    program: &str,
    args: &[String],
    dir: &Path,
    files: &[String],
    sessions: &[String],
) -> Result<Outcome, String> {
    let mut cmd = Command::new(program);
    cmd.args(args).arg(dir).args(files).arg("--sessions").args(sessions);
    // LeakSanitizer is on by default with ASan on Linux; UBSan stops at the first finding.
    cmd.env("ASAN_OPTIONS", "detect_leaks=1").env("UBSAN_OPTIONS", "print_stacktrace=1:halt_on_error=1");
    eprintln!(
        "$ {} {} <{} scenario files> --sessions <{} session files>",
        util::show(Command::new(program).args(args)),
        dir.display(),
        files.len(),
        sessions.len()
    );
    let out = cmd.output().map_err(|e| format!("{name}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    for line in stdout.lines().filter(|l| !l.starts_with("ok   ")) {
        eprintln!("{line}");
    }
    eprint!("{}", String::from_utf8_lossy(&out.stderr));
    let find = |prefix: &str| stdout.lines().rev().find_map(|l| l.strip_prefix(prefix)).map(str::to_string);
    let (Some(driven), Some(sessions), Some(paths), Some(planner_paths), Some(indicator_paths)) = (
        find("driven: "),
        find("sessions: "),
        find("error paths: "),
        find("planner error paths: "),
        find("indicator paths: "),
    ) else {
        return Err(format!("{name}: the test program printed no summary ({})", out.status));
    };
    let all_passed =
        [&driven, &sessions, &paths, &planner_paths, &indicator_paths].iter().all(|s| s.ends_with(" 0 failed"));
    match (all_passed, out.status.success()) {
        (true, true) => Ok(Outcome { stdout, sessions, paths, planner_paths, indicator_paths }),
        (false, _) => Err(format!(
            "{name}: driven {driven}, sessions {sessions}, error paths {paths}, planner error paths {planner_paths}, \
             indicator paths {indicator_paths}"
        )),
        (true, false) => {
            Err(format!("{name}: the tests passed but the run failed ({}): see the report above", out.status))
        }
    }
}

/// The session scenario files whose outcome (ok or FAIL) differs between C and Rust.
fn compare_with_rust(lib_dir: &Path, files: &[String], flag: Option<&str>, c_out: &str) -> Result<Vec<String>, String> {
    let out = Command::new(lib_dir.join("scenarios"))
        .args(flag)
        .args(files)
        .output()
        .map_err(|e| format!("scenarios: {e}"))?;
    let rust_out = String::from_utf8_lossy(&out.stdout);
    let outcome = |text: &str, file: &str| {
        text.lines().find_map(|l| match l.split_at_checked(5)? {
            ("ok   ", rest) if rest.split("  ").next() == Some(file) => Some(true),
            ("FAIL ", rest) if rest.split("  ").next() == Some(file) => Some(false),
            _ => None,
        })
    };
    Ok(files
        .iter()
        .filter(|f| {
            let rust = outcome(&rust_out, f);
            rust.is_none() || rust != outcome(c_out, f)
        })
        .cloned()
        .collect())
}

/// Fills the pkg-config file for this checkout, then compiles the examples (example.c and the
/// day in a record system, integration.c) with what it says and runs them.
fn example(lib_dir: &Path) -> Result<(), String> {
    let root = std::env::current_dir().map_err(|e| e.to_string())?;
    let template = Path::new(EXAMPLE).join("utskrivning.pc.in");
    let text = std::fs::read_to_string(&template).map_err(|e| format!("{}: {e}", template.display()))?;
    let pc = text
        .replace("@PREFIX@", &root.display().to_string())
        .replace("@LIBDIR@", &lib_dir.display().to_string())
        .replace("@INCLUDEDIR@", &root.join(INCLUDE).display().to_string())
        // The workspace's version, which the C crate's is too.
        .replace("@VERSION@", env!("CARGO_PKG_VERSION"))
        .replace("@LIBS_PRIVATE@", &NATIVE_STATIC_LIBS.join(" "));
    let pc_dir = Path::new(BUILD).join("pkgconfig");
    std::fs::create_dir_all(&pc_dir).map_err(|e| format!("{}: {e}", pc_dir.display()))?;
    std::fs::write(pc_dir.join("utskrivning.pc"), pc).map_err(|e| format!("utskrivning.pc: {e}"))?;

    // Each example with the pkg-config modules it needs: the integration reads JSON with cJSON.
    for (name, modules) in [("example", &["utskrivning"][..]), ("integration", &["utskrivning", "libcjson"][..])] {
        let flags = util::output(
            Command::new("pkg-config").env("PKG_CONFIG_PATH", &pc_dir).args(["--cflags", "--libs"]).args(modules),
        )?;
        let out = Path::new(BUILD).join(name);
        util::run(
            Command::new("gcc")
                .args(CFLAGS)
                .arg(Path::new(EXAMPLE).join(format!("{name}.c")))
                .args(flags.split_whitespace())
                .arg("-o")
                .arg(&out),
        )?;
        util::run(Command::new(&out).env("LD_LIBRARY_PATH", lib_dir)).map_err(|e| format!("{name}: {e}"))?;
    }
    Ok(())
}
