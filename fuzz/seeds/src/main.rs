//! Seed corpora for the fuzz targets, from the scenario corpus, and a libFuzzer dictionary of
//! the spec's vocabulary.
//!
//! `seeds <out-dir> tests/scenarios/*.json` writes, per scenario file `NNN_name.json`:
//! - `<out>/events/NNN_name`: its steps, one JSON line each (events flat, views as
//!   `{"at","actor","view":true}`), the input format of the `events` target;
//! - `<out>/snapshot/NNN_name.snapshot` and `NNN_name.journal`: the scenario's case at the end,
//!   as a snapshot and as a journal (the `snapshot` target tries both);
//! - `<out>/restore_bytes/NNN_name`: the scenario's case at the end as a binary snapshot;
//! - `<out>/c_api/NNN_name`: the steps in the `c_api` target's format (see that target);
//! - for a session scenario (tests/sessions, one with a `planner`), `<out>/sessions/NNN_name`:
//!   its steps without `expect`, one JSON line each (the `sessions` target's input);
//!
//! and `<out>/utskrivning.dict`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Map, Value, json};
use utskrivning::{Case, embed};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((out, files)) = args.split_first() else {
        eprintln!("usage: seeds <out-dir> <scenario.json>...");
        return ExitCode::from(2);
    };
    match run(Path::new(out), files) {
        Ok(n) => {
            println!("seeds: {n} scenarios → {out}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("seeds: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(out: &Path, files: &[String]) -> Result<usize, String> {
    for dir in ["events", "snapshot", "c_api", "sessions", "restore_bytes"] {
        fs::create_dir_all(out.join(dir)).map_err(|e| format!("{}: {e}", out.join(dir).display()))?;
    }
    for file in files {
        let text = fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
        let scenario: Value = serde_json::from_str(&text).map_err(|e| format!("{file}: {e}"))?;
        let steps = scenario.get("steps").and_then(Value::as_array).ok_or(format!("{file}: no steps"))?;
        let stem = Path::new(file).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        if scenario.get("planner").is_some() {
            write(out.join("sessions").join(&stem), session_lines(steps))?;
            continue;
        }
        let lines: Vec<Value> = steps.iter().filter_map(line_of).collect();
        write(out.join("events").join(&stem), join(&lines))?;
        write(out.join("c_api").join(&stem), c_api_input(&lines))?;
        let case = play(&lines);
        write(out.join("snapshot").join(format!("{stem}.snapshot")), case.snapshot_json())?;
        let journal = serde_json::to_string(&case.journal()).map_err(|e| e.to_string())?;
        write(out.join("snapshot").join(format!("{stem}.journal")), &journal)?;
        write(out.join("restore_bytes").join(&stem), case.snapshot_bytes())?;
    }
    write(out.join("c_api").join("000_admit_labels_nulls"), c_api_basics())?;
    write(out.join("utskrivning.dict"), dictionary())?;
    Ok(files.len())
}

/// A step as one line: the event with `at` and `actor` merged in, or a view.
fn line_of(step: &Value) -> Option<Value> {
    let mut line = Map::new();
    line.insert("at".into(), step.get("at")?.clone());
    line.insert("actor".into(), step.get("actor")?.clone());
    if step.get("view").and_then(Value::as_bool) == Some(true) {
        line.insert("view".into(), Value::Bool(true));
    } else {
        line.extend(step.get("event")?.as_object()?.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    Some(Value::Object(line))
}

/// A session scenario's steps without their `expect`, one JSON line each.
fn session_lines(steps: &[Value]) -> String {
    let lines: Vec<Value> = steps
        .iter()
        .filter_map(|s| s.as_object())
        .map(|s| Value::Object(s.iter().filter(|(k, _)| *k != "expect").map(|(k, v)| (k.clone(), v.clone())).collect()))
        .collect();
    join(&lines)
}

fn join(lines: &[Value]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

/// The `c_api` target reads a byte of buffer size, then NUL-separated commands (see the
/// target): here `e<event>` to apply, `v<role>\x1f<at>` to view, `s` to round-trip the snapshot,
/// `d<at>` for deadlines, `l<kind>\x1f<word>\x1f<lang>` for a label.
fn c_api_input(lines: &[Value]) -> Vec<u8> {
    let mut bytes = vec![64u8];
    for line in lines {
        if line.get("view").is_some() {
            let role = line.get("actor").and_then(Value::as_str).unwrap_or_default();
            let at = line.get("at").and_then(Value::as_str).unwrap_or_default();
            bytes.extend(format!("v{role}\x1f{at}").bytes());
        } else {
            bytes.extend(format!("e{line}").bytes());
        }
        bytes.push(0);
    }
    bytes.extend(b"s\0lphase\x1fdischarged\x1fsv\0");
    if let Some(at) = lines.last().and_then(|l| l.get("at")).and_then(Value::as_str) {
        bytes.extend(format!("d{at}").bytes());
    }
    bytes
}

/// The calls no scenario makes: `admit` by its own function (with an agreement), labels in
/// both languages, NULL parameters, a fresh handle.
fn c_api_basics() -> Vec<u8> {
    let commands = [
        "a2026-03-02T08:00:00Z\x1fc-1\x1findividual_check_in\x1f1\x1f{\"payment_days\": 2}",
        "lphase\x1fplanning\x1fsv",
        "lerror\x1fwrong_state\x1fen",
        "lrole\x1frelative\x1fde",
        "vmunicipal_care\x1f2026-03-02T09:00:00Z",
        "d2026-03-05T08:00:00Z",
        "n",
        "s",
        "x",
        "a2026-03-02T08:00:00Z\x1fc-2\x1fprofessional_check_in\x1f0",
    ];
    let mut bytes = vec![16u8];
    for c in commands {
        bytes.extend(c.bytes());
        bytes.push(0);
    }
    bytes
}

/// Runs the steps on one case, as the scenario did (outcomes are the scenario's business).
fn play(lines: &[Value]) -> Case {
    let mut case = Case::new();
    for line in lines {
        if line.get("view").is_some() {
            let role = line.get("actor").and_then(Value::as_str).map(embed::role);
            let at = line.get("at").and_then(Value::as_str).map(|s| embed::timestamp("at", s));
            if let (Some(Ok(role)), Some(Ok(at))) = (role, at) {
                let _ = case.view(role, at);
            }
        } else {
            let _ = case.apply_json(&line.to_string());
        }
    }
    case
}

/// The spec's words as quoted JSON strings, and the snapshot's keys: mutations that splice in
/// a whole word reach the guards far more often than byte flips do.
fn dictionary() -> String {
    let mut words: Vec<String> =
        vec!["at", "actor", "type", "view", "format", "version", "state", "journal", "access_log"]
            .into_iter()
            .chain(utskrivning::conformance::sessions::OPERATIONS)
            .chain([
                "session",
                "case",
                "sessions",
                "slots",
                "index",
                "2026-03-03T13:00",
                "2026-03-05T14:00",
                "c-1",
                "vc-norr",
            ])
            .map(String::from)
            .collect();
    words.push("utskrivning.case".into());
    for (_, rows) in utskrivning::embed::label_rows() {
        words.extend(rows.iter().map(|(wire, _, _)| wire.to_string()));
    }
    for t in utskrivning::EventType::ALL {
        words.extend(t.fields().iter().map(|f| f.to_string()));
    }
    words.sort();
    words.dedup();
    let mut dict: String = words.iter().map(|w| format!("\"\\\"{w}\\\"\"\n")).collect();
    for raw in ["true", "false", "null", "2026-03-02T08:00:00Z", "2026-03-03T14:35:00+01:00", "q1", "q2", "\\\"\\\":"] {
        dict.push_str(&format!("\"{raw}\"\n"));
    }
    dict.push_str(&format!("\"{}\"\n", json!({"view": true}).to_string().replace('"', "\\\"")));
    dict
}

fn write(path: PathBuf, contents: impl AsRef<[u8]>) -> Result<(), String> {
    fs::write(&path, contents).map_err(|e| format!("{}: {e}", path.display()))
}
