//! same: the policies the bindings share read the same in each. The C, Python and Kotlin parts
//! each wrote `target/conformance/<binding>/policies.json` (tests/scenarios/README.md,
//! "Drivers"): apply's answer, the unknown-label rule for a word and for a kind, and the
//! internal error. They must be equal, and the internal error must be the one of
//! `utskrivning::embed::Internal` (docs/errors.md). Then every state and refusal in their driven
//! files (`target/conformance/<binding>/*.jsonl`) is validated against docs/schema.

use serde_json::Value;

const BINDINGS: &[&str] = &["c", "python", "kotlin"];
const KEYS: &[&str] = &["accepted", "unknown_word", "unknown_kind", "internal"];

pub fn run() -> Result<String, String> {
    let mut files = Vec::new();
    for binding in BINDINGS {
        let path = crate::util::target_dir().join("conformance").join(binding).join("policies.json");
        let path = path.to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path)
            .map_err(|e| format!("{path}: {e} (run `cargo xtask test {binding}` first)"))?;
        let value: Value = serde_json::from_str(&text).map_err(|e| format!("{path}: not JSON: {e}"))?;
        files.push((*binding, value));
    }
    let (first, reference) = &files[0];
    for key in KEYS {
        if reference.get(key).is_none() {
            return Err(format!("{first}'s policies.json has no `{key}`"));
        }
    }
    for (binding, value) in &files[1..] {
        for key in KEYS {
            if value.get(key) != reference.get(key) {
                return Err(format!(
                    "`{key}` differs: {first} says {}, {binding} says {}",
                    reference.get(key).unwrap_or(&Value::Null),
                    value.get(key).unwrap_or(&Value::Null)
                ));
            }
        }
    }
    let internal = &reference["internal"];
    if internal["code"] != "internal" || !internal["details"]["reason"].is_string() {
        return Err(format!("the internal error is not embed's: {internal}"));
    }
    if reference["accepted"].get("effects").is_none_or(|e| !e.is_array()) {
        return Err(format!("apply's answer is not {{\"effects\": [...]}}: {}", reference["accepted"]));
    }
    // Every state and refusal each binding gave over the corpus, against docs/schema (the
    // python part filled `.venv` with jsonschema).
    let conformance = crate::util::target_dir().join("conformance");
    let dirs: Vec<std::path::PathBuf> = BINDINGS.iter().map(|b| conformance.join(b)).collect();
    let out = crate::util::output(
        std::process::Command::new(".venv/bin/python").arg("bindings/python/tests/validate_driven.py").args(&dirs),
    )?;
    let valid = out.lines().last().unwrap_or_default().trim().to_string();
    Ok(format!(
        "apply's answer, the unknown-label rule, the internal error and its panic word the same in {}; {valid}",
        BINDINGS.join(", ")
    ))
}
