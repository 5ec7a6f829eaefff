//! Arbitrary planner operations against one hospital's sessions and eight cases. The input is
//! lines of JSON, each a session-scenario step without `expect` (`{"at", "book": {"session",
//! "case"}}`, `rebook`, `cancel`, `regroup`, `view`, `reserve_questions_slot`,
//! `release_questions_slot`, `case_event`; docs/sessions.md). A line that is no step is skipped.
//!
//! Checked on every step: nothing panics; a refusal changes no case and no slot (a refused view
//! adds one access-log line); the planner's invariants hold (no shared slot, every slot is its
//! case's `check_in.starts_at`, no care contact sees another's case). At the end the planner's
//! snapshot restores an equal planner. Arbitrary text is also tried as a planner snapshot.

#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use utskrivning::Planner;
use utskrivning::conformance::sessions::{World, check_invariants};

const MAX_STEPS: usize = 64;

fn world() -> Option<World> {
    let times = [("tuesday", "13:00", "14:00"), ("thursday", "13:00", "13:30"), ("thursday", "14:00", "15:00")];
    let times: Vec<Value> = times.iter().map(|(d, s, e)| json!({"weekday": d, "starts": s, "ends": e})).collect();
    let units = ["vc-norr", "vc-syd", "vc-öst"];
    let mut cases = serde_json::Map::new();
    for i in 1..=8usize {
        let mut spec = json!({"municipal_care_at_admission": i % 2 == 0});
        if i != 7 {
            spec["care_contact"] = json!(units[i % 3]);
        }
        if i == 8 {
            spec["phase"] = json!("admitted");
        }
        cases.insert(format!("c-{i}"), spec);
    }
    World::from(&json!({"planner": {"hospital": "h-1", "slot_minutes": 10, "times": times}, "cases": cases})).ok()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(planner) = Planner::restore(text) {
        let again = Planner::restore(&planner.snapshot_json());
        assert!(again.as_ref() == Ok(&planner), "a restored planner's snapshot restores differently");
    }
    let Some(mut world) = world() else { panic!("the fuzz world is not valid") };
    for line in text.lines().take(MAX_STEPS) {
        let Ok(step) = serde_json::from_str::<Value>(line) else { continue };
        let before = world.clone();
        match world.perform(&step) {
            Err(_) => assert!(world == before, "a malformed step changed the world"),
            Ok(Err(e)) => {
                let _ = e.to_json();
                let slots = |w: &World| w.planner.snapshot_value().get("sessions").cloned();
                assert!(slots(&world) == slots(&before), "a refusal ({}) changed the slots", e.code);
                assert!(world.cases == before.cases, "a refusal ({}) changed a case", e.code);
                let added = world.planner.access_log().len() - before.planner.access_log().len();
                assert!(added <= 1, "a refusal added {added} access-log lines");
            }
            Ok(Ok(_)) => {}
        }
        if let Err(why) = check_invariants(&world.planner, &world.cases) {
            panic!("after {line}: {why}");
        }
    }
    match Planner::restore(&world.planner.snapshot_json()) {
        Ok(restored) => assert!(restored == world.planner, "the snapshot restored a different planner"),
        Err(e) => panic!("a planner snapshot was refused: {}", e.to_json()),
    }
});
