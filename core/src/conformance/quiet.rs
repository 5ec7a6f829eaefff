//! Quiet mode (replay and restore build no effect) against loud: the same event applied both
//! ways to two equal cases must leave them equal and answer alike (accepted both, or the same
//! refusal). The tests run it over every scenario's events and over random journals.

use serde_json::{Map, Value};

use crate::case::Case;
use crate::model::{Detail, Event, Result};
use crate::wire;

/// Applies `event` loudly to `loud` and quietly to `quiet`; `Err` says how they differ.
pub fn apply_both(loud: &mut Case, quiet: &mut Case, event: &Event) -> std::result::Result<(), String> {
    let a = loud.apply(event).map(drop);
    let b = quiet.apply_quiet(event);
    if a != b {
        return Err(format!("loud answered {a:?}, quiet {b:?}"));
    }
    match loud == quiet {
        true => Ok(()),
        false => Err("the cases differ after the event".into()),
    }
}

/// The replay as it was before quiet mode: every event applied with its effects.
pub fn replay_loud(journal: &[Event]) -> Result<Case> {
    let mut case = Case::new();
    for (index, event) in journal.iter().enumerate() {
        case.apply(event).map_err(|e| e.with(Detail::JournalIndex, index))?;
    }
    Ok(case)
}

/// Every event step of a scenario (accepted or refused), as an event; steps whose event does
/// not parse, and views and worklists, are left out.
pub fn scenario_events(scenario: &Value) -> Vec<Event> {
    let steps = scenario.get("steps").and_then(Value::as_array).cloned().unwrap_or_default();
    steps
        .iter()
        .filter_map(|step| {
            let Some(Value::Object(fields)) = step.get("event") else { return None };
            let mut event = Map::new();
            event.insert("at".into(), step.get("at").cloned().unwrap_or(Value::Null));
            event.insert("actor".into(), step.get("actor").cloned().unwrap_or(Value::Null));
            event.extend(fields.iter().map(|(k, v)| (k.clone(), v.clone())));
            wire::event_from_value(&Value::Object(event)).ok()
        })
        .collect()
}
