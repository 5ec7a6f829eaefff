//! Runs every scenario of `tests/scenarios/` (the conformance corpus) through the core.

use std::path::{Path, PathBuf};

/// The corpus's files, in name order, each with its text.
fn corpus() -> Vec<(PathBuf, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            (path, text)
        })
        .collect()
}

#[test]
fn every_scenario_passes() {
    let files = corpus();
    assert!(files.len() >= 30, "the corpus has {} scenarios; the spec asks for at least 30", files.len());
    let failed: Vec<String> = files
        .iter()
        .filter_map(|(path, text)| {
            let report = utskrivning::conformance::scenario::run_str(text);
            (!report.passed()).then(|| format!("{}: {}", path.display(), report.failures.join("; ")))
        })
        .collect();
    assert!(failed.is_empty(), "{} of {} scenarios failed:\n{}", failed.len(), files.len(), failed.join("\n"));
}

/// The thin-driver comparison passes the corpus on the Rust API's own lines, and fails lines
/// that got a code wrong or changed the case on a rejection.
#[test]
fn driven_lines_compare_like_the_runner() {
    use utskrivning::conformance::driven::{compare, drive};
    let mut compared = 0;
    for (path, text) in corpus() {
        let scenario: serde_json::Value = serde_json::from_str(&text).unwrap();
        let lines = drive(&scenario);
        let report = compare(&scenario, &lines);
        assert!(report.passed(), "{}: {:?}", path.display(), report.failures);
        compared += 1;
        // Every rejected step, given another code or a changed journal, fails the comparison.
        for (i, line) in lines.iter().enumerate().filter(|(_, l)| l["ok"] == false) {
            let mut wrong = lines.clone();
            wrong[i]["code"] = serde_json::json!("case_finished_not");
            assert!(!compare(&scenario, &wrong).passed(), "{}: step {i} with a wrong code passed", path.display());
            let mut changed = lines.clone();
            changed[i]["journal"] = serde_json::json!(line["journal"].as_u64().unwrap() + 1);
            assert!(!compare(&scenario, &changed).passed(), "{}: step {i} changed the case and passed", path.display());
        }
    }
    assert!(compared >= 71);
}

/// Every word the corpus's effects hold (beside ids, times and days) is in the one list a
/// binding interns: `embed::effect_words`; and each answer's text is its JSON value's.
#[test]
fn effect_words_hold_every_word_an_effect_writes() {
    use utskrivning::conformance::quiet::scenario_events;
    let words = utskrivning::embed::effect_words();
    let unique: std::collections::BTreeSet<&str> = words.iter().copied().collect();
    assert_eq!(unique.len(), words.len(), "effect_words gives a word twice");
    let mut checked = 0;
    for (path, text) in corpus() {
        let scenario: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut case = utskrivning::Case::new();
        for event in scenario_events(&scenario) {
            let Ok(accepted) = case.apply(&event) else { continue };
            let answer = utskrivning::embed::accepted_text(&accepted);
            assert_eq!(answer, utskrivning::embed::accepted_json(&accepted).to_string(), "{}", path.display());
            for effect in serde_json::to_value(&accepted.effects).unwrap().as_array().unwrap() {
                for (key, value) in effect.as_object().unwrap() {
                    if matches!(
                        key.as_str(),
                        "type" | "id" | "at" | "on" | "begins_on" | "meeting_at" | "estimated_discharge"
                    ) {
                        continue;
                    }
                    let texts: Vec<&str> = match value {
                        serde_json::Value::String(s) => vec![s.as_str()],
                        serde_json::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
                        _ => vec![],
                    };
                    for text in texts {
                        assert!(
                            words.contains(&text),
                            "{}: `{key}` holds {text:?}, not in effect_words",
                            path.display()
                        );
                        checked += 1;
                    }
                }
            }
        }
    }
    assert!(checked > 300, "only {checked} effect words checked");
}
