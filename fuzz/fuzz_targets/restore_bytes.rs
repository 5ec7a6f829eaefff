//! Arbitrary bytes as a binary snapshot. Nothing panics. As given, the bytes restore only if
//! their digest is their own — so a restored case re-encodes to exactly these bytes — and
//! never under a key (the fuzzer cannot forge an HMAC). With the last 32 bytes replaced by the
//! SHA-256 of the rest, the decoder and the replay see any body: what restores keeps the case
//! invariants and round-trips.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sha2::{Digest, Sha256};
use utskrivning::conformance::invariants;
use utskrivning::{Case, Restore};

const KEY: &[u8] = b"fuzz key";

fuzz_target!(|data: &[u8]| {
    match Case::restore_bytes(data) {
        Ok(case) => assert!(case.snapshot_bytes() == data, "restored bytes whose re-encoding differs"),
        Err(e) => {
            let _ = e.to_json();
        }
    }
    let keyed = Restore { key: Some(KEY), ..Restore::default() };
    assert!(Case::restore_bytes_with(data, &keyed).is_err(), "restored under a key the fuzzer does not know");
    let Some(body) = data.len().checked_sub(32).and_then(|n| data.get(..n)) else { return };
    let mut fixed = body.to_vec();
    fixed.extend_from_slice(&Sha256::digest(body));
    if let Ok(case) = Case::restore_bytes(&fixed) {
        if case.journal_len() > 0
            && let Err(why) = invariants::check_case(&case)
        {
            panic!("a restored case breaks an invariant: {why}");
        }
        match Case::restore_bytes(&case.snapshot_bytes()) {
            Ok(again) => assert!(again == case, "the bytes of a restored case restore differently"),
            Err(e) => panic!("the bytes of a restored case were refused: {}", e.to_json()),
        }
    }
});
