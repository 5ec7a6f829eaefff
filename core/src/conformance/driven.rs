//! Thin drivers: each binding's corpus driver applies a scenario's steps through its own API
//! and writes what it got, one JSON line per step; this module compares those lines with the
//! scenario's expectations. The matching rules (subset, unchanged on rejection) live here once,
//! not in five languages. The protocol is in tests/scenarios/README.md ("Drivers").
//!
//! A line: `{"step": i, "ok": true|false, "code": CODE|null, "details": {...}|null,
//! "state": <the case's state document after the step>, "journal": <journal length after>}`.

use serde_json::Value;

use super::scenario::{Report, subset_mismatch};

/// Compares a driver's lines (already parsed, in step order) with a scenario.
pub fn compare(scenario: &Value, lines: &[Value]) -> Report {
    let name = scenario.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
    let Some(steps) = scenario.get("steps").and_then(Value::as_array) else {
        return Report { name, failures: vec!["no `steps` list".into()] };
    };
    let mut failures = Vec::new();
    if lines.len() != steps.len() {
        failures.push(format!("the driver wrote {} lines for {} steps", lines.len(), steps.len()));
    }
    let mut before: Option<&Value> = None;
    for (i, (step, line)) in steps.iter().zip(lines).enumerate() {
        if let Err(why) = compare_step(i, step, line, before) {
            failures.push(format!("step {}: {why}", i + 1));
        }
        before = Some(line);
    }
    Report { name, failures }
}

/// Compares driver output given as JSON-lines text.
pub fn compare_str(scenario_json: &str, lines_text: &str) -> Report {
    let scenario: Value = match serde_json::from_str(scenario_json) {
        Ok(v) => v,
        Err(e) => return Report { name: "?".into(), failures: vec![format!("scenario not JSON: {e}")] },
    };
    let mut lines = Vec::new();
    for (n, text) in lines_text.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        match serde_json::from_str::<Value>(text) {
            Ok(v) => lines.push(v),
            Err(e) => {
                let name = scenario.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
                return Report { name, failures: vec![format!("driver line {}: not JSON: {e}", n + 1)] };
            }
        }
    }
    compare(&scenario, &lines)
}

fn compare_step(i: usize, step: &Value, line: &Value, before: Option<&Value>) -> Result<(), String> {
    if line.get("step").and_then(Value::as_u64) != Some(i as u64) {
        return Err(format!("the driver's line is not step {i}"));
    }
    let expect = step.get("expect").ok_or("no `expect`")?;
    let ok = line.get("ok").and_then(Value::as_bool).ok_or("the driver's line has no `ok`")?;
    let code = line.get("code").and_then(Value::as_str);
    let state = line.get("state").ok_or("the driver's line has no `state`")?;
    match (expect.get("error").and_then(Value::as_str), ok, code) {
        (Some(want), false, Some(got)) if want == got => {
            // A rejection leaves the case as it was (a refused view adds only to the access
            // log, which is not the state).
            let unchanged = match before {
                Some(b) => b.get("state") == Some(state) && b.get("journal") == line.get("journal"),
                None => line.get("journal").and_then(Value::as_u64) == Some(0),
            };
            if unchanged { Ok(()) } else { Err("a rejected step changed the case".into()) }
        }
        (Some(want), false, got) => Err(format!("expected error {want}, got {}", got.unwrap_or("?"))),
        (Some(want), true, _) => Err(format!("expected error {want}, but it was accepted")),
        (None, false, got) => Err(format!("expected ok, got {}", got.unwrap_or("?"))),
        (None, true, _) => {
            if let Some(want) = expect.get("items") {
                let got = line.get("items").ok_or("a worklist step's line has no `items`")?;
                subset_mismatch(want, got, "items").map_or(Ok(()), Err)?;
            }
            match expect.get("state") {
                Some(want) => subset_mismatch(want, state, "state").map_or(Ok(()), Err),
                None => Ok(()),
            }
        }
    }
}

/// The case a scenario leaves behind, its steps applied through the Rust API (the tamper
/// suite snapshots every corpus scenario's case).
pub fn drive_case(scenario: &Value) -> crate::case::Case {
    let mut case = crate::case::Case::new();
    drive_into(scenario, &mut case);
    case
}

/// What the Rust API itself writes for a scenario, line by line: the reference driver, so a
/// test can show that the comparison passes the corpus on Rust's own output.
pub fn drive(scenario: &Value) -> Vec<Value> {
    let mut case = crate::case::Case::new();
    drive_into(scenario, &mut case)
}

fn drive_into(scenario: &Value, case: &mut crate::case::Case) -> Vec<Value> {
    use crate::wire;
    use serde_json::{Map, json};

    let Some(steps) = scenario.get("steps").and_then(Value::as_array) else { return Vec::new() };
    steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let at = step.get("at").cloned().unwrap_or(Value::Null);
            let actor = step.get("actor").cloned().unwrap_or(Value::Null);
            let mut items = Value::Null;
            let outcome: crate::model::Result<()> = if step.get("worklist").and_then(Value::as_bool) == Some(true) {
                (|| {
                    let role = wire::role_from_str(actor.as_str().unwrap_or_default())?;
                    let at = wire::timestamp_from_str("at", at.as_str().unwrap_or_default())?;
                    let unit = step.get("unit").and_then(Value::as_str);
                    let list = crate::worklist::worklist(role, at, &mut [&mut *case], unit)?;
                    items = serde_json::to_value(list).unwrap_or(Value::Null);
                    Ok(())
                })()
            } else if step.get("view").and_then(Value::as_bool) == Some(true) {
                (|| {
                    let role = wire::role_from_str(actor.as_str().unwrap_or_default())?;
                    let at = wire::timestamp_from_str("at", at.as_str().unwrap_or_default())?;
                    case.view(role, at).map(|_| ())
                })()
            } else {
                let mut event = Map::new();
                event.insert("at".into(), at);
                event.insert("actor".into(), actor);
                if let Some(Value::Object(fields)) = step.get("event") {
                    event.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
                }
                wire::event_from_value(&Value::Object(event)).and_then(|e| case.apply(&e)).map(|_| ())
            };
            let (ok, code, details) = match outcome {
                Ok(()) => (true, Value::Null, Value::Null),
                Err(e) => (false, json!(e.code), e.details),
            };
            let mut line = json!({"step": i, "ok": ok, "code": code, "details": details, "state": case.state_value(), "journal": case.journal_len()});
            if let (false, Some(map)) = (items.is_null(), line.as_object_mut()) {
                map.insert("items".into(), items);
            }
            line
        })
        .collect()
}
