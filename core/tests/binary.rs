//! The binary snapshot: for random reachable cases (random events by random actors, views
//! among them), bytes restore the identical case, JSON → bytes → JSON gives the identical
//! JSON snapshot, with and without a key; every flipped byte and every truncation is refused
//! (a flip after the tag and version as `tampered`), and a key is never ignored.

use proptest::prelude::*;
use utskrivning::conformance::explore::{alphabet, explore_time};
use utskrivning::{BINARY_SNAPSHOT_TAG, Case, ErrorCode, Event, Restore, Role, Routine};

const KEY: &[u8] = b"the embedding system's key";

fn step() -> impl Strategy<Value = (usize, usize, i64)> {
    (0..alphabet().len(), 0..Role::ALL.len(), prop_oneof![9 => 0i64..600, 1 => 0i64..5])
}

/// A reachable case: admitted, then random events (refused ones change nothing), some views.
fn reachable(individual: bool, municipal_care: bool, steps: &[(usize, usize, i64)]) -> Case {
    let alphabet = alphabet();
    let start = explore_time();
    let routine = if individual { Routine::IndividualCheckIn } else { Routine::ProfessionalCheckIn };
    let Ok((mut case, _)) = Case::admit(start, "p-b", routine, municipal_care, None) else { return Case::new() };
    let mut seconds = 0i64;
    for (n, &(i, actor, shift)) in steps.iter().enumerate() {
        seconds += shift * 61;
        let at = start.checked_add(jiff::SignedDuration::new(seconds, (n as i32 % 3) * 250_000_000)).unwrap_or(start);
        let _ = case.apply(&Event { at, actor: Role::ALL[actor], kind: alphabet[i].kind.clone() });
        if n % 5 == 0 {
            let _ = case.view(Role::ALL[actor], at);
        }
    }
    case
}

fn field_and_problem(e: &utskrivning::Error) -> (String, String) {
    let s = |k: &str| e.details.get(k).and_then(|v| v.as_str()).unwrap_or_default().to_string();
    (s("field"), s("problem"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn bytes_restore_the_identical_case(
        individual in any::<bool>(),
        municipal_care in any::<bool>(),
        steps in proptest::collection::vec(step(), 0..50),
    ) {
        let case = reachable(individual, municipal_care, &steps);
        let keyed = Restore { key: Some(KEY), ..Restore::default() };
        let plain = case.snapshot_bytes();
        let signed = case.snapshot_bytes_with_key(KEY);
        prop_assert_eq!(&Case::restore_bytes(&plain).map_err(|e| TestCaseError::fail(e.to_string()))?, &case);
        prop_assert_eq!(&Case::restore_bytes_with(&signed, &keyed).map_err(|e| TestCaseError::fail(e.to_string()))?, &case);
        // A key is never ignored: the wrong one, none, or one where none was used.
        let tampered = |r: utskrivning::Result<Case>| r.err().map(|e| (e.code, field_and_problem(&e)));
        let want = Some((ErrorCode::InvalidInput, ("snapshot".to_string(), "tampered".to_string())));
        prop_assert_eq!(tampered(Case::restore_bytes(&signed)), want.clone());
        prop_assert_eq!(tampered(Case::restore_bytes_with(&plain, &keyed)), want.clone());
        let other = Restore { key: Some(b"another key"), ..Restore::default() };
        prop_assert_eq!(tampered(Case::restore_bytes_with(&signed, &other)), want);

        // JSON -> bytes -> JSON: the identical snapshot text, with and without a key.
        let json = case.snapshot_json();
        let from_json = Case::restore(&json).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = Case::restore_bytes(&from_json.snapshot_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.snapshot_json(), json);
        let json_keyed = case.snapshot_json_with_key(KEY);
        let from_json = Case::restore_with(&json_keyed, &keyed).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let back = Case::restore_bytes_with(&from_json.snapshot_bytes_with_key(KEY), &keyed)
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.snapshot_json_with_key(KEY), json_keyed);
    }

    #[test]
    fn every_flip_and_every_truncation_is_refused(
        individual in any::<bool>(),
        steps in proptest::collection::vec(step(), 0..25),
        bit in 0u8..8,
        keyed in any::<bool>(),
    ) {
        let case = reachable(individual, false, &steps);
        let options = Restore { key: keyed.then_some(KEY), ..Restore::default() };
        let bytes = if keyed { case.snapshot_bytes_with_key(KEY) } else { case.snapshot_bytes() };
        for i in 0..bytes.len() {
            let mut flipped = bytes.clone();
            flipped[i] ^= 1 << bit;
            let e = Case::restore_bytes_with(&flipped, &options).err();
            prop_assert!(e.is_some(), "a flip of byte {} restored", i);
            let e = e.unwrap_or_else(|| utskrivning::Error::invalid("-", utskrivning::Problem::Missing));
            prop_assert_eq!(e.code, ErrorCode::InvalidInput);
            if i > BINARY_SNAPSHOT_TAG.len() {
                prop_assert_eq!(field_and_problem(&e), ("snapshot".to_string(), "tampered".to_string()));
            }
        }
        for n in 0..bytes.len() {
            prop_assert!(Case::restore_bytes_with(&bytes[..n], &options).is_err(), "truncated at {} restored", n);
        }
    }
}

#[test]
fn the_empty_case_and_garbage() {
    let empty = Case::new();
    assert_eq!(Case::restore_bytes(&empty.snapshot_bytes()).ok(), Some(Case::new()));
    for garbage in [&b""[..], b"UTSB", b"{\"format\": 1}", &[0u8; 100]] {
        assert!(Case::restore_bytes(garbage).is_err());
    }
    // The JSON snapshot is not a binary one.
    assert!(Case::restore_bytes(empty.snapshot_json().as_bytes()).is_err());
}
