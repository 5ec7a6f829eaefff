//! Property tests: random event sequences by random actors, at random (mostly forward) times,
//! with the invariants checked after every step.

use proptest::prelude::*;
use serde_json::{Value, json};
use utskrivning::conformance::explore::alphabet;
use utskrivning::conformance::invariants::check_step;
use utskrivning::{Case, Event, Role, Routine, Timestamp};

/// One random step: an alphabet entry, a role, and a time shift in minutes (sometimes back).
fn step() -> impl Strategy<Value = (usize, usize, i64)> {
    let n = alphabet().len();
    (0..n, 0..Role::ALL.len(), prop_oneof![9 => 0i64..600, 1 => -120i64..0])
}

fn routine() -> impl Strategy<Value = Routine> {
    prop_oneof![Just(Routine::ProfessionalCheckIn), Just(Routine::IndividualCheckIn)]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_event_streams_keep_every_invariant(
        routine in routine(),
        municipal_care in any::<bool>(),
        steps in proptest::collection::vec(step(), 1..60),
    ) {
        let alphabet = alphabet();
        let start = utskrivning::conformance::explore::explore_time();
        let (mut case, _) = Case::admit(start, "p-1", routine, municipal_care, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut minutes = 0i64;
        for (i, actor, shift) in steps {
            minutes += shift;
            let at = start.checked_add(jiff::SignedDuration::from_mins(minutes)).unwrap_or(start);
            let template = &alphabet[i];
            let event = Event { at, actor: Role::ALL[actor], kind: template.kind.clone() };
            let before = case.clone();
            let answer = case.apply(&event);
            if let Err(why) = check_step(&before, &event, &answer, &case) {
                return Err(TestCaseError::fail(format!("{} by {}: {why}", event.kind.event_type(), event.actor)));
            }
        }
    }

    #[test]
    fn snapshot_restores_an_identical_case(
        routine in routine(),
        steps in proptest::collection::vec(step(), 1..40),
    ) {
        let alphabet = alphabet();
        let start = utskrivning::conformance::explore::explore_time();
        let (mut case, _) = Case::admit(start, "p-2", routine, false, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (n, (i, actor, _)) in steps.into_iter().enumerate() {
            let at = start.checked_add(jiff::SignedDuration::from_mins(n as i64)).unwrap_or(start);
            let _ = case.apply(&Event { at, actor: Role::ALL[actor], kind: alphabet[i].kind.clone() });
            if n % 7 == 0 {
                let _ = case.view(Role::ALL[actor], at);
            }
        }
        let restored = Case::restore(&case.snapshot_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(restored.snapshot_json(), case.snapshot_json());
        prop_assert_eq!(&restored, &case);
    }

    /// The typed writer against the `Value` tree it replaced (`snapshot_value_with_key`, kept
    /// public): the same bytes; and the typed event reader against `event_from_value` on every
    /// journal event and every one-field change of it: the same event or the same error.
    #[test]
    fn typed_json_paths_agree_with_the_value_paths(
        routine in routine(),
        steps in proptest::collection::vec(step(), 1..40),
        change in proptest::collection::vec((0usize..64, 0usize..9), 1..8),
    ) {
        let alphabet = alphabet();
        let start = utskrivning::conformance::explore::explore_time();
        let (mut case, _) = Case::admit(start, "p-4 \"å\u{1}\"", routine, true, None).map_err(|e| TestCaseError::fail(e.to_string()))?;
        for (n, (i, actor, _)) in steps.into_iter().enumerate() {
            let at = start.checked_add(jiff::SignedDuration::from_mins(n as i64)).unwrap_or(start);
            let _ = case.apply(&Event { at, actor: Role::ALL[actor], kind: alphabet[i].kind.clone() });
            if n % 5 == 0 {
                let _ = case.view(Role::ALL[actor], at);
            }
        }
        prop_assert_eq!(case.snapshot_json(), case.snapshot_value().to_string());
        prop_assert_eq!(case.snapshot_json_with_key(b"k"), case.snapshot_value_with_key(Some(b"k")).to_string());
        prop_assert_eq!(case.state_json(), case.state_value().to_string());
        let journal = serde_json::to_string(&case.journal()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let replayed = Case::replay_json(&journal).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(replayed.same_state(&case));
        for event in &case.journal() {
            let value = serde_json::to_value(event).map_err(|e| TestCaseError::fail(e.to_string()))?;
            let text = value.to_string();
            let read = utskrivning::embed::event_from_str(&text);
            prop_assert_eq!(read.as_ref().ok(), Some(event));
            for &(field, how) in &change {
                let Value::Object(map) = &value else { continue };
                let mut m = map.clone();
                let keys: Vec<String> = m.keys().cloned().collect();
                let k = keys.get(field % keys.len().max(1)).cloned().unwrap_or_default();
                let replacement = [json!(null), json!(1), json!(-1), json!(1.5), json!(true), json!("x"), json!([]), json!({"a": 1}), json!(["inpatient", 4])];
                if how < replacement.len() { m.insert(k.clone(), replacement[how].clone()); }
                if how == 0 { m.remove(&k); m.insert("Extra key".into(), json!(1)); }
                let mutated = Value::Object(m);
                let by_value = utskrivning::embed::event_from_value(&mutated).map_err(|e| e.details);
                let by_text = utskrivning::embed::event_from_str(&mutated.to_string()).map_err(|e| e.details);
                prop_assert_eq!(by_text, by_value);
            }
        }
    }

    #[test]
    fn arbitrary_json_never_panics_and_never_changes_the_case(text in "\\PC{0,200}") {
        let (mut case, _) = Case::admit(Timestamp::UNIX_EPOCH, "p-3", Routine::IndividualCheckIn, false, None)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let before = case.snapshot_json();
        prop_assert!(case.apply_json(&text).is_err());
        prop_assert_eq!(case.snapshot_json(), before);
        prop_assert!(Case::restore(&text).is_err());
    }
}
