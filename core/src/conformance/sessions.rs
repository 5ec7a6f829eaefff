//! The session scenarios of `tests/sessions/*.json` (docs/sessions.md) and their reference
//! runner. Every binding runs the same files with a runner in its own language; this one is
//! Rust's. A file holds a planner configuration, the cases (each admitted the same way) and
//! steps, each one planner operation or one case event with what to expect.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Value, json};

use super::scenario::{Report, subset_mismatch};
use crate::case::Case;
use crate::model::{Error, Result, Role, Routine};
use crate::planner::{Planner, PlannerConfig};
use crate::wire;

/// The operations a step may hold, one per step.
pub const OPERATIONS: [&str; 8] =
    ["book", "rebook", "cancel", "reserve_questions_slot", "release_questions_slot", "regroup", "view", "case_event"];

/// Runs a session scenario given as JSON text.
pub fn run_str(json: &str) -> Report {
    match serde_json::from_str::<Value>(json) {
        Ok(v) => run(&v),
        Err(e) => Report { name: "?".into(), failures: vec![format!("not JSON: {e}")] },
    }
}

/// Runs a session scenario; it stops at the first failing step, as later steps build on it.
pub fn run(scenario: &Value) -> Report {
    let name = scenario.get("name").and_then(Value::as_str).unwrap_or("?").to_string();
    let failures = (|| {
        let mut world = World::from(scenario)?;
        let steps = scenario.get("steps").and_then(Value::as_array).ok_or("no `steps` list")?;
        for (i, step) in steps.iter().enumerate() {
            world.step(step).map_err(|why| format!("step {}: {why}", i + 1))?;
        }
        Ok::<(), String>(())
    })()
    .err()
    .into_iter()
    .collect();
    Report { name, failures }
}

/// A case as the session scenarios have it: admitted on Monday 2 March 2026 at 08:00
/// (professional check-in), the admission notice at 08:05 unless `"phase": "admitted"`, and
/// `assign_care_contact` at 08:10 when `care_contact` names a unit.
pub fn make_case(id: &str, spec: &Value) -> Result<Case> {
    let at = wire::timestamp_from_str("at", "2026-03-02T08:00:00Z")?;
    let municipal = spec.get("municipal_care_at_admission").and_then(Value::as_bool) == Some(true);
    let (mut case, _) = Case::admit(at, id, Routine::ProfessionalCheckIn, municipal, None)?;
    if spec.get("phase").and_then(Value::as_str) != Some("admitted") {
        case.apply_json(
            r#"{"at": "2026-03-02T08:05:00Z", "actor": "inpatient", "type": "send_admission_notice", "to": ["care_contact", "social_services"]}"#,
        )?;
    }
    if let Some(unit) = spec.get("care_contact").and_then(Value::as_str) {
        let assign =
            json!({"at": "2026-03-02T08:10:00Z", "actor": "care_contact", "type": "assign_care_contact", "unit": unit});
        case.apply_json(&assign.to_string())?;
    }
    Ok(case)
}

/// The planner's invariants against the cases: no two cases share a slot and no case holds
/// two; every booked slot is its case's `check_in.starts_at`; no care contact's view holds
/// another's slot or case.
pub fn check_invariants(planner: &Planner, cases: &BTreeMap<String, Case>) -> std::result::Result<(), String> {
    let mut seen = BTreeMap::new();
    let mut probe = planner.clone();
    let snapshot = planner.snapshot_value();
    let sessions = snapshot.get("sessions").and_then(Value::as_array).cloned().unwrap_or_default();
    let at = wire::timestamp_from_str("at", "2026-03-02T00:00:00Z").map_err(|e| e.to_string())?;
    for entry in sessions {
        let session = entry.get("session").and_then(Value::as_str).ok_or("a session without id")?;
        let slots = planner.slots(session).map_err(|e| e.to_string())?;
        let taken = entry.get("slots").and_then(Value::as_array).map_or(0, Vec::len);
        if slots.iter().filter(|s| s.care_contact.is_some()).count() != taken {
            return Err(format!("{session}: two taken slots share an index"));
        }
        for slot in &slots {
            let Some(case_id) = &slot.case_id else { continue };
            if let Some(other) = seen.insert(case_id.clone(), (session.to_string(), slot.index)) {
                return Err(format!("{case_id} holds two slots: {other:?} and {session}#{}", slot.index));
            }
            let case = cases.get(case_id).ok_or(format!("{case_id}: no such case"))?;
            let starts_at = case.state_value().get("check_in").and_then(|c| c.get("starts_at")).cloned();
            if starts_at != Some(json!(slot.starts_at)) {
                return Err(format!("{case_id}: slot {} but check_in.starts_at {starts_at:?}", slot.starts_at));
            }
        }
        let all: Vec<&Case> = cases.values().collect();
        for unit in slots.iter().filter_map(|s| s.care_contact.as_deref()) {
            let view = probe.view(session, Role::CareContact, Some(unit), at, &all).map_err(|e| e.to_string())?;
            let own: Vec<_> = slots.iter().filter(|s| s.care_contact.as_deref() == Some(unit)).collect();
            if view.slots.iter().any(|s| s.care_contact.as_deref() != Some(unit) || !own.contains(&s)) {
                return Err(format!("{session}: a care contact sees another's slot"));
            }
        }
    }
    Ok(())
}

/// A session scenario's planner and cases, which its steps act on (the fuzz target `sessions`
/// drives one too).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct World {
    pub planner: Planner,
    pub cases: BTreeMap<String, Case>,
}

fn text<'a>(v: &'a Value, key: &str) -> std::result::Result<&'a str, String> {
    v.get(key).and_then(Value::as_str).ok_or(format!("`{key}` (text) missing"))
}

fn answer<T: Serialize>(outcome: Result<T>) -> Result<Value> {
    outcome.map(|x| serde_json::to_value(x).unwrap_or(Value::Null))
}

impl World {
    /// The world of a scenario: its `planner` configuration and its `cases`.
    pub fn from(scenario: &Value) -> std::result::Result<World, String> {
        let config = scenario.get("planner").ok_or("no `planner`")?;
        let planner = PlannerConfig::from_value(config).and_then(Planner::new).map_err(|e| format!("planner: {e}"))?;
        let mut cases = BTreeMap::new();
        for (id, spec) in scenario.get("cases").and_then(Value::as_object).ok_or("no `cases` object")? {
            cases.insert(id.clone(), make_case(id, spec).map_err(|e| format!("case {id}: {e}"))?);
        }
        Ok(World { planner, cases })
    }

    fn case_mut(&mut self, op: &Value) -> std::result::Result<&mut Case, String> {
        let id = text(op, "case")?;
        self.cases.get_mut(id).ok_or(format!("no case {id}"))
    }

    /// Performs one step's operation: the answer as JSON, or the error; `Err(why)` outside
    /// when the step itself is malformed (no operation, no such case, no time).
    pub fn perform(&mut self, step: &Value) -> std::result::Result<Result<Value>, String> {
        let at = wire::timestamp_from_str("at", text(step, "at")?).map_err(|e| e.to_string())?;
        let name = OPERATIONS.into_iter().find(|k| step.get(*k).is_some()).ok_or("a step needs an operation")?;
        let op = step.get(name).unwrap_or(&Value::Null);
        Ok(match name {
            "book" | "rebook" => {
                let session = text(op, "session")?.to_string();
                let mut case = self.case_mut(op)?.clone();
                let outcome = if name == "book" {
                    self.planner.book(&session, &mut case, at)
                } else {
                    self.planner.rebook(&session, &mut case, at)
                };
                *self.case_mut(op)? = case;
                answer(outcome)
            }
            "cancel" => {
                let mut case = self.case_mut(op)?.clone();
                let outcome = self.planner.cancel(&mut case, at);
                *self.case_mut(op)? = case;
                answer(outcome)
            }
            "reserve_questions_slot" => {
                answer(self.planner.reserve_questions_slot(text(op, "session")?, text(op, "care_contact")?, at))
            }
            "release_questions_slot" => {
                answer(self.planner.release_questions_slot(text(op, "session")?, text(op, "care_contact")?))
            }
            "regroup" => {
                let mut cases: Vec<&mut Case> = self.cases.values_mut().collect();
                answer(self.planner.regroup(text(op, "session")?, &mut cases, at))
            }
            "view" => {
                let role = wire::role_from_str(text(op, "role")?).map_err(|e| e.to_string())?;
                let unit = op.get("care_contact").and_then(Value::as_str);
                let cases: Vec<&Case> = self.cases.values().collect();
                answer(self.planner.view(text(op, "session")?, role, unit, at, &cases))
            }
            _ => {
                let mut event =
                    op.get("event").and_then(Value::as_object).cloned().ok_or("case_event needs `event`")?;
                event.insert("at".into(), json!(at));
                let event = Value::Object(event).to_string();
                answer(self.case_mut(op)?.apply_json(&event))
            }
        })
    }

    fn step(&mut self, step: &Value) -> std::result::Result<(), String> {
        let expect = step.get("expect").ok_or("no `expect`")?;
        let (planner_before, cases_before) = (self.planner.clone(), self.cases.clone());
        let outcome = self.perform(step)?;
        let logged = self.planner.access_log().get(planner_before.access_log().len()..).unwrap_or_default();
        match (expect.get("error").and_then(Value::as_str), outcome) {
            (Some(code), Err(e)) if e.code.as_str() == code => {
                refused_cleanly(expect, &e, self, &planner_before, &cases_before, logged.len())?
            }
            (Some(code), Err(e)) => return Err(format!("expected {code}, got {} {}", e.code, e.details)),
            (Some(code), Ok(v)) => return Err(format!("expected {code}, got ok {v}")),
            (None, Err(e)) => return Err(format!("expected ok, got {} {}", e.code, e.details)),
            (None, Ok(got)) => {
                if let Some(m) = expect.get("answer").and_then(|want| subset_mismatch(want, &got, "answer")) {
                    return Err(m);
                }
            }
        }
        if let Some(want) = expect.get("logged") {
            let got = json!(logged.iter().map(|e| e.outcome.as_str()).collect::<Vec<_>>());
            if *want != got {
                return Err(format!("access log: expected {want}, got {got}"));
            }
        }
        for (id, want) in expect.get("cases").and_then(Value::as_object).into_iter().flatten() {
            let case = self.cases.get(id).ok_or(format!("no case {id}"))?;
            if let Some(m) = subset_mismatch(want, &case.state_value(), id) {
                return Err(m);
            }
        }
        check_invariants(&self.planner, &self.cases)?;
        let restored = Planner::restore(&self.planner.snapshot_json()).map_err(|e| format!("restore: {e}"))?;
        (restored == self.planner).then_some(()).ok_or_else(|| "the snapshot did not restore the planner".into())
    }
}

/// The details match, and the refusal changed nothing but the access log (a refused view is
/// logged, once).
fn refused_cleanly(
    expect: &Value,
    e: &Error,
    world: &World,
    planner_before: &Planner,
    cases_before: &BTreeMap<String, Case>,
    logged: usize,
) -> std::result::Result<(), String> {
    if let Some(m) = expect.get("details").and_then(|want| subset_mismatch(want, &e.details, "details")) {
        return Err(m);
    }
    let slots = |p: &Planner| p.snapshot_value().get("sessions").cloned();
    let same_cases = world.cases.iter().all(|(id, c)| cases_before.get(id).is_some_and(|b| b.journal() == c.journal()));
    if logged > 1 || !same_cases || slots(&world.planner) != slots(planner_before) {
        return Err("a refusal changed the planner or a case".into());
    }
    Ok(())
}
