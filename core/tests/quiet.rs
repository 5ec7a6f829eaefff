//! Quiet replay (no effects built) against loud replay: for every scenario's events and for
//! random journals, the same state, journal and access log after every event, and the same
//! refusal, applied one by one and replayed whole.

use std::path::Path;

use proptest::prelude::*;
use utskrivning::conformance::explore::{alphabet, explore_time};
use utskrivning::conformance::quiet::{apply_both, replay_loud, scenario_events};
use utskrivning::{Case, Event, Role, Routine};

/// Both ways, event by event and as a whole replay (which stops at the first refusal).
fn same_both_ways(events: &[Event]) -> Result<(), String> {
    let (mut loud, mut quiet) = (Case::new(), Case::new());
    for (i, event) in events.iter().enumerate() {
        apply_both(&mut loud, &mut quiet, event)
            .map_err(|why| format!("event {i} ({}): {why}", event.kind.event_type()))?;
    }
    let (a, b) = (replay_loud(events), Case::replay(events));
    if a != b {
        return Err(format!("whole replay: loud {:?}, quiet {:?}", a.as_ref().err(), b.as_ref().err()));
    }
    // The accepted journal replays to the very case, quietly and loudly; one event at a time
    // it reads the same.
    let journal = loud.journal().to_vec();
    if loud.events().collect::<Vec<_>>() != journal {
        return Err("events() did not give the journal's events".into());
    }
    match (replay_loud(&journal), Case::replay(&journal)) {
        (Ok(a), Ok(b)) if a == b && b.same_state(&loud) && b.journal() == loud.journal() => Ok(()),
        _ => Err("the accepted journal did not replay to the same case both ways".into()),
    }
}

#[test]
fn every_scenario_replays_the_same_quietly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut events = 0;
    for path in &files {
        let scenario: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_default()).unwrap_or_default();
        let steps = scenario_events(&scenario);
        events += steps.len();
        if let Err(why) = same_both_ways(&steps) {
            panic!("{}: {why}", path.display());
        }
    }
    assert!(events > 300, "only {events} events in the corpus");
}

fn step() -> impl Strategy<Value = (usize, usize, i64)> {
    (0..alphabet().len(), 0..Role::ALL.len(), prop_oneof![9 => 0i64..600, 1 => -120i64..0])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_journals_replay_the_same_quietly(
        individual in any::<bool>(),
        municipal_care in any::<bool>(),
        admit_first in prop::bool::weighted(0.95),
        steps in proptest::collection::vec(step(), 0..80),
    ) {
        let alphabet = alphabet();
        let start = explore_time();
        let routine = if individual { Routine::IndividualCheckIn } else { Routine::ProfessionalCheckIn };
        let mut events = Vec::new();
        if admit_first {
            let (admitted, _) = Case::admit(start, "p-q", routine, municipal_care, None)
                .map_err(|e| TestCaseError::fail(e.to_string()))?;
            events.extend(admitted.journal().iter().cloned());
        }
        let mut minutes = 0i64;
        for (i, actor, shift) in steps {
            minutes += shift;
            let at = start.checked_add(jiff::SignedDuration::from_mins(minutes)).unwrap_or(start);
            events.push(Event { at, actor: Role::ALL[actor], kind: alphabet[i].kind.clone() });
        }
        same_both_ways(&events).map_err(TestCaseError::fail)?;
    }
}
