//! Arbitrary event sequences against one case. The input is lines of JSON: each line is an
//! event (`{"at","actor","type",<fields>}`) or a view (`{"at","actor","view":true}`). One line
//! per step keeps a mutated line from spoiling the rest, so the fuzzer reaches deep states.
//!
//! Checked on every step (utskrivning::conformance::invariants): nothing panics; a rejection leaves the case
//! identical; an acceptance journals exactly the event; replaying the journal gives the same
//! state; the spec's invariants hold. At the end the snapshot round-trips.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use utskrivning::conformance::invariants;
use utskrivning::{Case, Lang, Role, embed};

/// Enough steps for every scenario of the corpus; longer inputs only slow the fuzzer down
/// (each step replays the journal).
const MAX_STEPS: usize = 96;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut case = Case::new();
    for line in text.lines().take(MAX_STEPS) {
        step(&mut case, line);
    }
    let snapshot = case.snapshot_json();
    match Case::restore(&snapshot) {
        Ok(restored) => {
            assert!(restored == case, "the snapshot restored to a different case");
            assert_eq!(restored.snapshot_json(), snapshot, "the snapshot did not round-trip");
        }
        Err(e) => panic!("a snapshot was refused: {}", e.to_json()),
    }
    let journal = serde_json::to_string(&case.journal()).unwrap_or_default();
    match Case::replay_json(&journal) {
        Ok(replayed) => assert!(replayed.same_state(&case), "replay_json differs from the case"),
        Err(e) => panic!("the journal was not replayable: {}", e.to_json()),
    }
});

fn step(case: &mut Case, line: &str) {
    let before = case.clone();
    let value: Option<Value> = serde_json::from_str(line).ok();
    if let Some(Value::Object(fields)) = &value
        && fields.get("view") == Some(&Value::Bool(true))
    {
        return view(case, &before, fields);
    }
    let answer = case.apply_json(line);
    match embed::event_from_str(line) {
        Ok(event) => {
            if let Err(why) = invariants::check_step(&before, &event, &answer, case) {
                panic!("{why}");
            }
        }
        Err(_) => assert!(answer.is_err() && *case == before, "an event that does not parse changed the case"),
    }
    match &answer {
        Ok(accepted) => {
            let _ = serde_json::to_string(accepted);
        }
        Err(e) => errors_speak(e),
    }
    if let Some(last) = case.journal().last() {
        let _ = case.deadlines(last.at);
    }
}

/// A view changes nothing but the access log, which grows by one entry on an admitted case.
fn view(case: &mut Case, before: &Case, fields: &serde_json::Map<String, Value>) {
    let role = fields.get("actor").and_then(Value::as_str).map(embed::role);
    let at = fields.get("at").and_then(Value::as_str).map(|s| embed::timestamp("at", s));
    let (Some(Ok(role)), Some(Ok(at))) = (role, at) else { return };
    let answer = case.view(role, at);
    assert!(case.same_state(&before) && case.journal() == before.journal(), "a view changed the case");
    let logged = case.access_log().len() - before.access_log().len();
    assert!(logged == usize::from(case.journal_len() > 0), "a view was logged {logged} times");
    if role == Role::Relative {
        assert!(answer.is_err(), "a relative viewed the case");
    }
    if let Err(e) = answer {
        errors_speak(&e);
    }
}

/// Every error has its messages in both languages.
fn errors_speak(e: &utskrivning::Error) {
    assert!(!e.message(Lang::Sv).is_empty() && !e.message(Lang::En).is_empty());
    let _ = e.to_json();
}
