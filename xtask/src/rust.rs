//! Rust: build, every test of the workspace, and the scenario and session corpora through the CLI.

use crate::util::{self, cargo};

pub fn run() -> Result<String, String> {
    util::run(cargo().args(["build", "--workspace", "--all-targets"]))?;
    util::run(cargo().args(["test", "--workspace", "-q"]))?;
    // Generated documentation stays in sync with the code it comes from.
    util::run(cargo().args(["run", "-q", "-p", "utskrivning-tools", "--bin", "glossary", "--", "docs/glossary.md"]))?;
    util::no_drift(&["docs/glossary.md"])?;
    let files = util::scenario_files();
    let out =
        util::output(cargo().args(["run", "-q", "-p", "utskrivning-tools", "--bin", "scenarios", "--"]).args(&files))?;
    let corpus = util::passed_line(&out).ok_or("the scenario runner printed no summary")?;
    let sessions = util::session_files();
    let out = util::output(
        cargo()
            .args(["run", "-q", "-p", "utskrivning-tools", "--bin", "scenarios", "--", "--sessions"])
            .args(&sessions),
    )?;
    let sessions = util::passed_line(&out).ok_or("the session runner printed no summary")?;
    Ok(format!("scenarios: {corpus}; {sessions}; cargo test passed"))
}
