//! Arbitrary bytes as a snapshot to restore, and as a journal to replay. Nothing panics; what
//! restores keeps the case invariants, its snapshot round-trips byte for byte, the `Value` path
//! restores it the same, and a version 2 snapshot restores only if its chain heads are the heads
//! of its own entries.

#![no_main]

use libfuzzer_sys::fuzz_target;
use utskrivning::Case;
use utskrivning::conformance::invariants;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    match Case::restore(text) {
        Ok(case) => {
            let given: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
            // What the typed path restores, the `Value` path restores the same (the text read
            // strictly: it has no key twice, so serde_json's `Value` is the same document).
            match Case::restore_value(&given) {
                Ok(by_value) => assert!(by_value == case, "the typed and the Value path restore differently"),
                Err(e) => panic!("the typed path restored what the Value path refuses: {}", e.to_json()),
            }
            if given["version"] == 2 {
                assert_eq!(
                    given["chain"],
                    case.snapshot_value()["chain"],
                    "a snapshot restored whose heads do not match"
                );
            }
            let snapshot = case.snapshot_json();
            match Case::restore(&snapshot) {
                Ok(again) => {
                    assert!(again == case, "the snapshot of a restored case restores differently");
                    assert_eq!(again.snapshot_json(), snapshot, "the snapshot did not round-trip");
                }
                Err(e) => panic!("the snapshot of a restored case was refused: {}", e.to_json()),
            }
            if case.journal_len() > 0
                && let Err(why) = invariants::check_case(&case)
            {
                panic!("a restored case breaks an invariant: {why}");
            }
        }
        Err(e) => {
            let _ = e.to_json();
        }
    }
    if let Ok(case) = Case::replay_json(text)
        && case.journal_len() > 0
        && let Err(why) = invariants::check_case(&case)
    {
        panic!("a replayed journal breaks an invariant: {why}");
    }
});
