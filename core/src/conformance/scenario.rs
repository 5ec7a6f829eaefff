//! The scenario format of `tests/scenarios/*.json` (spec: Scenario files) and a runner. Every
//! binding has a runner of its own in its own language; this one is Rust's, and the reference.

use serde_json::{Map, Value};

use crate::case::Case;
use crate::model::Result;
use crate::wire;

/// The result of running one scenario.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub name: String,
    /// One line per failed step; empty when the scenario passed.
    pub failures: Vec<String>,
}

impl Report {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Runs a scenario given as JSON text.
pub fn run_str(json: &str) -> Report {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => run(&v),
        Err(e) => Report { name: "?".into(), failures: vec![format!("not JSON: {e}")] },
    }
}

/// Runs a scenario: each step applies its event (or views as its actor) on one case and
/// compares the outcome with `expect`.
pub fn run(scenario: &Value) -> Report {
    let name = scenario.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
    let Some(steps) = scenario.get("steps").and_then(Value::as_array) else {
        return Report { name, failures: vec!["no `steps` list".into()] };
    };
    let mut case = Case::new();
    let failures = steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| run_step(&mut case, step).err().map(|why| format!("step {}: {why}", i + 1)))
        .collect();
    Report { name, failures }
}

/// The outcome of one step: the case's state after it, or the error code.
fn perform(case: &mut Case, step: &Value) -> std::result::Result<Result<Value>, String> {
    let at = step.get("at").cloned().unwrap_or(Value::Null);
    let actor = step.get("actor").cloned().unwrap_or(Value::Null);
    if step.get("worklist").and_then(Value::as_bool) == Some(true) {
        let outcome = (|| {
            let role = wire::role_from_str(actor.as_str().unwrap_or_default())?;
            let at = wire::timestamp_from_str("at", at.as_str().unwrap_or_default())?;
            let unit = step.get("unit").and_then(Value::as_str);
            let items = crate::worklist::worklist(role, at, &mut [case], unit)?;
            Ok(serde_json::to_value(items).unwrap_or(Value::Null))
        })();
        return Ok(outcome);
    }
    if step.get("view").and_then(Value::as_bool) == Some(true) {
        let outcome = (|| {
            let role = wire::role_from_str(actor.as_str().unwrap_or_default())?;
            let at = wire::timestamp_from_str("at", at.as_str().unwrap_or_default())?;
            case.view(role, at)
        })();
        return Ok(outcome);
    }
    let Some(Value::Object(fields)) = step.get("event") else {
        return Err("a step needs `event` (an object) or `\"view\": true`".into());
    };
    let mut event = Map::new();
    event.insert("at".into(), at);
    event.insert("actor".into(), actor);
    event.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
    Ok(wire::event_from_value(&Value::Object(event)).and_then(|e| case.apply(&e)).map(|_| case.state_value()))
}

fn run_step(case: &mut Case, step: &Value) -> std::result::Result<(), String> {
    let expect = step.get("expect").ok_or("no `expect`")?;
    let before = case.clone();
    let outcome = perform(case, step)?;
    match (expect.get("error").and_then(Value::as_str), outcome) {
        (Some(code), Err(e)) if e.code.as_str() == code => {
            // A rejection leaves the case as it was, except the access log of a refused view.
            let unchanged = case.machine() == before.machine() && case.journal() == before.journal();
            unchanged.then_some(()).ok_or_else(|| "a rejected event changed the case".into())
        }
        (Some(code), Err(e)) => Err(format!("expected error {code}, got {} {}", e.code, e.details)),
        (Some(code), Ok(_)) => Err(format!("expected error {code}, but it was accepted")),
        (None, Err(e)) => Err(format!("expected ok, got {} {}", e.code, e.details)),
        (None, Ok(answer)) => {
            if let Some(want) = expect.get("items") {
                subset_mismatch(want, &answer, "items").map_or(Ok(()), Err)?;
            }
            match expect.get("state") {
                Some(want) => subset_mismatch(want, &case.state_value(), "state")
                    .map_or(Ok(()), Err)
                    .and_then(|()| if answer.is_null() { Err("no state".into()) } else { Ok(()) }),
                None => Ok(()),
            }
        }
    }
}

/// `None` if `want` is a subset of `got` (objects by key, lists element-wise and of equal
/// length, scalars equal); else where they differ.
pub fn subset_mismatch(want: &Value, got: &Value, path: &str) -> Option<String> {
    match (want, got) {
        (Value::Object(w), Value::Object(g)) => w.iter().find_map(|(k, wv)| match g.get(k) {
            Some(gv) => subset_mismatch(wv, gv, &format!("{path}.{k}")),
            None => Some(format!("{path}.{k}: missing")),
        }),
        (Value::Array(w), Value::Array(g)) if w.len() == g.len() => {
            w.iter().zip(g).enumerate().find_map(|(i, (wv, gv))| subset_mismatch(wv, gv, &format!("{path}[{i}]")))
        }
        (w, g) if w == g => None,
        (w, g) => Some(format!("{path}: expected {w}, got {g}")),
    }
}
