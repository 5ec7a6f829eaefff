//! Rust: every test of the workspace, the generated documents in sync with the code they
//! come from (glossary, errors, the JSON Schemas, the statechart diagrams, the coverage
//! report), and the scenario and session corpora through the reference runner.

use crate::util::{self, cargo};

pub fn run() -> Result<String, String> {
    // `cargo test` builds every crate, binary and example it tests; the criterion benches are
    // type-checked by the lint's clippy.
    util::run(cargo().args(["test", "--workspace", "-q"]))?;
    util::build_workspace()?;
    let covered = generated_in_sync()?;
    let files = util::scenario_files();
    let out = util::output(tool("scenarios").args(&files))?;
    let corpus = util::passed_line(&out).ok_or("the scenario runner printed no summary")?;
    let sessions = util::session_files();
    let out = util::output(tool("scenarios").arg("--sessions").args(&sessions))?;
    let sessions = util::passed_line(&out).ok_or("the session runner printed no summary")?;
    let chain = chain_verified_by_python(&files)?;
    Ok(format!(
        "scenarios: {corpus}; {sessions}; cargo test passed; {chain}; glossary, errors, schemas, diagrams and coverage in sync ({covered})"
    ))
}

/// The snapshot of every scenario's case, its chain heads recomputed by Python's hashlib and
/// hmac (tools/verify_chain.py): docs/snapshots.md's byte layout, checked in another language.
fn chain_verified_by_python(files: &[String]) -> Result<String, String> {
    const KEY: &str = "the embedder's key";
    let dir = "target/snapshots";
    util::run(tool("snapshots").arg(dir).arg(KEY).args(files))?;
    let out = util::output(std::process::Command::new("python3").args(["tools/verify_chain.py", dir, KEY]))?;
    Ok(format!("chain {} by Python", out.lines().last().unwrap_or("?")))
}

/// A tool of utskrivning-tools from the workspace's debug build ([`util::build_workspace`]), in
/// which the core is optimised all the same (the workspace profile): no release build needed.
fn tool(name: &str) -> std::process::Command {
    util::workspace_bin(name)
}

/// Regenerates every generated document and fails if one differs from the committed file.
fn generated_in_sync() -> Result<String, String> {
    util::apt(&["graphviz"])?;
    util::run(tool("glossary").arg("docs/glossary.md"))?;
    util::run(tool("errors").arg("docs/errors.md"))?;
    // The JSON Schemas, compared file by file with what the generator writes (under a second).
    util::run(tool("schemas").args(["--check", "docs/schema"]))?;
    // The two explorations run side by side, one core each.
    let mut diagrams = tool("diagrams");
    diagrams.arg("docs/diagrams");
    eprintln!("$ {}  (in the background)", util::show(&diagrams));
    let drawing = diagrams.spawn().map_err(|e| format!("diagrams: {e}"))?;
    let said = util::output(tool("coverage").arg("docs/coverage.md"));
    let drawn = drawing.wait_with_output().map_err(|e| format!("diagrams: {e}"))?;
    if !drawn.status.success() {
        return Err("the diagrams tool failed".into());
    }
    let said = said?;
    util::no_drift(&["docs/glossary.md", "docs/errors.md", "docs/diagrams", "docs/coverage.md"])?;
    // "48 of 48 accepted triples covered; 0 missing → docs/coverage.md"
    Ok(said.lines().last().and_then(|l| l.split(';').next()).unwrap_or("coverage report written").to_string())
}
