//! The case handle and its functions. A handle holds one case, or none yet: a new handle is
//! the moment before admission, and `admit` (or an `admit` event, or a restore) fills it. Every
//! call on a handle records its outcome, which `utskrivning_case_last_error` gives as JSON.

use std::os::raw::c_char;

use utskrivning::{self as engine, Error, Problem, embed};

use crate::error::FfiError;
use crate::ffi::{arg_str, flag, free_owned_string, json_string, opt_arg_bytes, opt_arg_str, out, owned_string};
use crate::handle::{self, Castable, Handle, change, read};
use crate::result::utskrivning_result;

/// One patient's discharge case (opaque). Made by `utskrivning_case_new`, freed by
/// `utskrivning_case_free`. Not thread-safe: use a handle from one thread at a time.
pub struct utskrivning_case {
    _private: [u8; 0],
}

impl Castable for utskrivning_case {
    type Value = engine::Case;
}

/// Makes an empty handle: the moment before admission. The first event must be `admit`
/// (`utskrivning_case_admit`, or an `admit` event through `utskrivning_case_apply`), or the
/// handle is filled by `utskrivning_case_restore` or `utskrivning_case_replay`.
///
/// On success `*case_out` is a new handle that the caller frees with `utskrivning_case_free`.
///
/// # Safety
/// `case_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_new(case_out: *mut *mut utskrivning_case) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: NULL or valid for writes, by the caller's contract.
        let Ok(case_out) = (unsafe { out(case_out, "case_out") }) else { return utskrivning_result::NullParameter };
        *case_out = handle::into_raw(engine::Case::new());
        utskrivning_result::Ok
    }
}

/// Frees a handle and the case in it. NULL is allowed and does nothing. Using the handle after
/// this is undefined behaviour; strings obtained from it earlier stay valid.
///
/// # Safety
/// `handle` is NULL or a live handle from `utskrivning_case_new`, freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_free(handle: *mut utskrivning_case) {
    ffi_panic_boundary! {
        // SAFETY: NULL or made by `utskrivning_case_new`, freed once, by the caller's contract.
        unsafe { handle::free(handle) }
    }
}

/// Admits a patient into an empty handle: the `admit` event, performed by `inpatient`.
/// `at` is RFC 3339, `routine` is `professional_check_in` or `individual_check_in`,
/// `municipal_care_at_admission` is 0 or 1 (anything else is `UTSKRIVNING_RESULT_INVALID_INPUT`,
/// `{"field": "municipal_care_at_admission", "problem": "wrong_type"}`). `municipality` is NULL
/// (none: the state's `municipality` is `null`) or the home municipality's four-digit code
/// (kommunkod, `"1480"`); `care_type` is NULL (`somatic`) or `somatic` or `psychiatric`; a bad
/// one is `UTSKRIVNING_RESULT_INVALID_INPUT` naming the field. `agreement_json` may be NULL (the
/// law's defaults) or a JSON object of the region's agreement (`{"payment_days": 2, ...}`),
/// checked as in an `admit` event. The fields are checked as an admission first; a handle that
/// holds a case already then answers as that case does to the `admit` event
/// (`UTSKRIVNING_RESULT_WRONG_STATE`). Admission has no effects to return.
///
/// # Safety
/// `handle` is NULL or a live handle; each string is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_admit(
    handle: *mut utskrivning_case,
    at: *const c_char,
    case_id: *const c_char,
    routine: *const c_char,
    municipal_care_at_admission: u8,
    municipality: *const c_char,
    care_type: *const c_char,
    agreement_json: *const c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(handle, |c| {
                let (at, case_id, routine) = (arg_str(at, "at")?, arg_str(case_id, "case_id")?, arg_str(routine, "routine")?);
                let municipal_care_at_admission = flag(municipal_care_at_admission, "municipal_care_at_admission")?;
                let municipality = opt_arg_str(municipality, "municipality")?;
                let care_type = opt_arg_str(care_type, "care_type")?;
                let agreement_json = opt_arg_str(agreement_json, "agreement_json")?;
                let admit = embed::Admit {
                    at, case_id, routine, municipal_care_at_admission, municipality, care_type, agreement_json,
                };
                let (admitted, _) = embed::admit_with(&admit)?;
                if c.journal_len() == 0 {
                    *c = admitted;
                } else if let Some(event) = admitted.events().next() {
                    // A case already there answers its own `admit` (it refuses it).
                    c.apply(&event)?;
                }
                Ok(())
            })
        }
    }
}

/// Applies one event, JSON `{"at", "actor", "type", <fields>}`. Accepted: `*effects_out` is
/// `{"effects": [...]}`, the messages to send and responsibilities that moved, a string the
/// caller frees with `utskrivning_string_free`. Rejected: the spec's code, and the case is
/// exactly as it was.
///
/// # Safety
/// `handle` is NULL or a live handle; `event_json` is NULL or NUL-terminated; `effects_out` is
/// NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_apply(
    handle: *mut utskrivning_case,
    event_json: *const c_char,
    effects_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(handle, |c| {
                let event = arg_str(event_json, "event_json")?;
                let effects_out = out(effects_out, "effects_out")?;
                let accepted = c.apply_json(event)?;
                *effects_out = owned_string(embed::accepted_text(&accepted))?;
                Ok(())
            })
        }
    }
}

/// The case as `role` may see it at `at` (RFC 3339): `*view_out` is the state JSON, a string
/// the caller frees with `utskrivning_string_free`; or the refusal
/// (`UTSKRIVNING_RESULT_NO_CARE_RELATIONSHIP`, `UTSKRIVNING_RESULT_NOT_PERMITTED`). Every
/// attempt, allowed or refused, goes to the case's access log, so this changes the case.
///
/// # Safety
/// `handle` is NULL or a live handle; `role` and `at` are NULL or NUL-terminated; `view_out` is
/// NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_view(
    handle: *mut utskrivning_case,
    role: *const c_char,
    at: *const c_char,
    view_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(handle, |c| {
                let role = arg_str(role, "role")?;
                let at = arg_str(at, "at")?;
                let view_out = out(view_out, "view_out")?;
                let role = embed::role(role)?;
                let at = embed::timestamp("at", at)?;
                let view = c.view(role, at)?;
                *view_out = json_string(&view)?;
                Ok(())
            })
        }
    }
}

/// The case state (what scenario files match against; the snapshot's `state`), as JSON in
/// `*state_out`, a string the caller frees with `utskrivning_string_free`. Not logged: this is
/// the embedding system's own reading, not a role's view.
///
/// # Safety
/// `handle` is NULL or a live handle; `state_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_state(
    handle: *const utskrivning_case,
    state_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let state_out = out(state_out, "state_out")?;
                *state_out = json_string(&c.state_value())?;
                Ok(())
            })
        }
    }
}

/// The versioned snapshot (state, journal and access log) as JSON in `*snapshot_out`, a string
/// the caller frees with `utskrivning_string_free`. `utskrivning_case_restore` reads it back.
///
/// # Safety
/// `handle` is NULL or a live handle; `snapshot_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_snapshot(
    handle: *const utskrivning_case,
    snapshot_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let snapshot_out = out(snapshot_out, "snapshot_out")?;
                *snapshot_out = owned_string(c.snapshot_json())?;
                Ok(())
            })
        }
    }
}

/// Replaces what the handle holds with the case of a snapshot. A tampered, truncated or newer
/// snapshot is refused (`UTSKRIVNING_RESULT_INVALID_INPUT`) and the handle keeps what it held.
///
/// # Safety
/// `handle` is NULL or a live handle; `snapshot_json` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_restore(
    handle: *mut utskrivning_case,
    snapshot_json: *const c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(handle, |c| {
                let text = arg_str(snapshot_json, "snapshot_json")?;
                *c = engine::Case::restore(text)?;
                Ok(())
            })
        }
    }
}

/// The snapshot as `utskrivning_case_snapshot` writes it, its chain's heads by HMAC-SHA-256
/// under the embedding system's key: `key_len` bytes at `key` (a text key is its UTF-8 bytes;
/// zero bytes at a non-NULL `key` are a key too). NULL with `key_len` 0 is no key, the plain
/// SHA-256 snapshot; NULL with a length is `UTSKRIVNING_RESULT_NULL_PARAMETER` (`key`). The
/// key is read during the call only: never stored, logged or put in an error.
/// `utskrivning_case_restore_keyed` with the same key reads it back.
///
/// # Safety
/// `handle` is NULL or a live handle; `key` is NULL or valid for reads of `key_len` bytes;
/// `snapshot_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_snapshot_keyed(
    handle: *const utskrivning_case,
    key: *const u8,
    key_len: usize,
    snapshot_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let key = opt_arg_bytes(key, key_len, "key")?;
                let snapshot_out = out(snapshot_out, "snapshot_out")?;
                *snapshot_out = owned_string(c.snapshot_value_with_key(key).to_string())?;
                Ok(())
            })
        }
    }
}

/// `utskrivning_case_restore`, the chain checked under the embedding system's key (`key` and
/// `key_len` as in `utskrivning_case_snapshot_keyed`; NULL with 0 is no key). A snapshot
/// written under another key, or under none, is refused (`{"field": "journal", "problem":
/// "tampered"}`). A version 1 snapshot (no chain) restores without a key; under a key it is
/// refused (`{"field": "version", "problem": "unsigned"}`: anyone could strip a chain and call
/// a snapshot version 1) unless `upgrade_unsigned` is 1, the embedding system's explicit
/// upgrade. `upgrade_unsigned` is 0 or 1 (anything else is `UTSKRIVNING_RESULT_INVALID_INPUT`,
/// `{"field": "upgrade_unsigned", "problem": "wrong_type"}`). On any refusal the handle keeps
/// what it held. The key is never stored, logged or put in an error.
///
/// # Safety
/// `handle` is NULL or a live handle; `snapshot_json` is NULL or NUL-terminated; `key` is NULL
/// or valid for reads of `key_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_restore_keyed(
    handle: *mut utskrivning_case,
    snapshot_json: *const c_char,
    key: *const u8,
    key_len: usize,
    upgrade_unsigned: u8,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(handle, |c| {
                let text = arg_str(snapshot_json, "snapshot_json")?;
                let key = opt_arg_bytes(key, key_len, "key")?;
                let upgrade_unsigned = flag(upgrade_unsigned, "upgrade_unsigned")?;
                *c = engine::Case::restore_with(text, &engine::Restore { key, upgrade_unsigned })?;
                Ok(())
            })
        }
    }
}

// ---- The binary snapshot (docs/snapshots.md, "The binary snapshot"). ----

/// The binary snapshot (the journal and the access log, compactly, with a 32-byte digest:
/// HMAC-SHA-256 under the key, SHA-256 for none) in `*bytes_out` / `*len_out`, which the
/// caller frees with `utskrivning_bytes_free(bytes, len)`. `key` and `key_len` as in
/// `utskrivning_case_snapshot_keyed` (NULL with 0 is no key). Both outputs are written only on
/// success. `utskrivning_case_restore_bytes` with the same key reads it back.
///
/// # Safety
/// `handle` is NULL or a live handle; `key` is NULL or valid for reads of `key_len` bytes;
/// `bytes_out` and `len_out` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_snapshot_bytes(
    handle: *const utskrivning_case,
    key: *const u8,
    key_len: usize,
    bytes_out: *mut *mut u8,
    len_out: *mut usize,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let key = opt_arg_bytes(key, key_len, "key")?;
                let bytes_out = out(bytes_out, "bytes_out")?;
                let len_out = out(len_out, "len_out")?;
                let bytes = match key {
                    Some(k) => c.snapshot_bytes_with_key(k),
                    None => c.snapshot_bytes(),
                };
                let boxed = bytes.into_boxed_slice();
                *len_out = boxed.len();
                *bytes_out = Box::into_raw(boxed).cast::<u8>();
                Ok(())
            })
        }
    }
}

/// Replaces what the handle holds with the case of a binary snapshot (`len` bytes at `bytes`),
/// its digest checked under the key (`key`, `key_len` as in `utskrivning_case_snapshot_keyed`;
/// NULL with 0 is no key). A tampered or truncated snapshot, or one written under another key
/// or none, is refused (`UTSKRIVNING_RESULT_INVALID_INPUT`, `{"field": "snapshot", "problem":
/// "tampered"}`, …) and the handle keeps what it held. NULL `bytes` is
/// `UTSKRIVNING_RESULT_NULL_PARAMETER` (`bytes`).
///
/// # Safety
/// `handle` is NULL or a live handle; `bytes` is NULL or valid for reads of `len` bytes; `key`
/// is NULL or valid for reads of `key_len` bytes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_restore_bytes(
    handle: *mut utskrivning_case,
    bytes: *const u8,
    len: usize,
    key: *const u8,
    key_len: usize,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(handle, |c| {
                if bytes.is_null() {
                    return Err(FfiError::NullParameter("bytes"));
                }
                let data = opt_arg_bytes(bytes, len, "bytes")?.unwrap_or_default();
                let key = opt_arg_bytes(key, key_len, "key")?;
                *c = engine::Case::restore_bytes_with(data, &engine::Restore { key, upgrade_unsigned: false })?;
                Ok(())
            })
        }
    }
}

/// Frees bytes this library returned (`utskrivning_case_snapshot_bytes`), with the length it
/// gave. NULL is allowed and does nothing. Only bytes from this library may be passed, each
/// once, with their own length.
///
/// # Safety
/// `bytes` is NULL or bytes from this library, not freed yet, and `len` is their length.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_bytes_free(bytes: *mut u8, len: usize) {
    ffi_panic_boundary! {
        if !bytes.is_null() {
            // SAFETY: a boxed slice of `len` bytes this library gave out, by the contract.
            drop(unsafe { Box::from_raw(std::ptr::slice_from_raw_parts_mut(bytes, len)) });
        }
    }
}

// ---- End of the binary snapshot. ----

/// The accepted events, oldest first, as a JSON list in `*journal_out` (what
/// `utskrivning_case_replay` takes), a string the caller frees with `utskrivning_string_free`.
///
/// # Safety
/// `handle` is NULL or a live handle; `journal_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_journal(
    handle: *const utskrivning_case,
    journal_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let journal_out = out(journal_out, "journal_out")?;
                *journal_out = json_string(&c.journal())?;
                Ok(())
            })
        }
    }
}

/// Replaces what the handle holds with the case its journal (a JSON list of events) replays to,
/// from nothing. A journal with an event the case rejects is refused (its error names the
/// `journal_index`), and the handle keeps what it held. The access log starts empty.
///
/// # Safety
/// `handle` is NULL or a live handle; `journal_json` is NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_replay(
    handle: *mut utskrivning_case,
    journal_json: *const c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(handle, |c| {
                let text = arg_str(journal_json, "journal_json")?;
                *c = engine::Case::replay_json(text)?;
                Ok(())
            })
        }
    }
}

/// Every view attempt, as a JSON list of `{at, role, action, outcome, code?}` in
/// `*access_log_out`, a string the caller frees with `utskrivning_string_free`.
///
/// # Safety
/// `handle` is NULL or a live handle; `access_log_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_access_log(
    handle: *const utskrivning_case,
    access_log_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let access_log_out = out(access_log_out, "access_log_out")?;
                *access_log_out = json_string(&c.access_log())?;
                Ok(())
            })
        }
    }
}

/// Every obligation at `at` (RFC 3339), as a JSON list of
/// `{kind, owner, due, status, met_at?, days?, amount_sek?}` in `*deadlines_out`, a string the
/// caller frees with `utskrivning_string_free`. An empty handle has none (`[]`).
///
/// # Safety
/// `handle` is NULL or a live handle; `at` is NULL or NUL-terminated; `deadlines_out` is NULL or
/// valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_deadlines(
    handle: *const utskrivning_case,
    at: *const c_char,
    deadlines_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let at = arg_str(at, "at")?;
                let deadlines_out = out(deadlines_out, "deadlines_out")?;
                let at = embed::timestamp("at", at)?;
                *deadlines_out = json_string(&c.deadlines(at))?;
                Ok(())
            })
        }
    }
}

/// Why the last call on this handle failed, as JSON
/// `{"code", "message_sv", "message_en", "details"}` in `*error_out`, or `null` if it
/// succeeded; a string the caller frees with `utskrivning_string_free`. Details name fields,
/// parameters and states, never a value that was passed in. This call itself is not recorded:
/// it may be made any number of times. A call given a NULL handle has no handle to record on.
///
/// # Safety
/// `handle` is NULL or a live handle; `error_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_last_error(
    handle: *const utskrivning_case,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe { handle::last_error(handle, error_out) }
    }
}

/// Frees a string this library returned through a `char **` output. NULL is allowed and does
/// nothing. Only strings from this library may be passed, each once.
///
/// # Safety
/// `s` is NULL or a string from this library, not freed yet.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_string_free(s: *mut c_char) {
    ffi_panic_boundary! {
        // SAFETY: as the contract above says.
        unsafe { free_owned_string(s) }
    }
}

// ---- Lists of case handles: the planner's `regroup` and `view`, and the worklist. ----

/// What a case pointer points to.
pub(crate) type CaseHandle = Handle<engine::Case>;

/// The pointers of a `(pointer, length)` list of case handles. NULL with length 0 is the empty
/// list; a NULL element is `null_parameter`; a handle given twice is refused (`invalid_input`,
/// problem `duplicate`) before any is touched, as changing or reading one case twice in one call
/// has no meaning and would alias it.
///
/// # Safety
/// `cases` is NULL or valid for reads of `len` pointers, for the lifetime `'a`.
unsafe fn case_pointers<'a>(
    cases: *const *const utskrivning_case,
    len: usize,
) -> Result<&'a [*const utskrivning_case], FfiError> {
    if len == 0 {
        return Ok(&[]);
    }
    if cases.is_null() {
        return Err(FfiError::NullParameter("cases"));
    }
    // SAFETY: `len` readable pointers, by the caller's contract.
    let pointers = unsafe { std::slice::from_raw_parts(cases, len) };
    // In order, so the first fault in the list is the one reported; linear, for a unit's caseload.
    let mut seen = std::collections::HashSet::with_capacity(len);
    for p in pointers {
        if p.is_null() {
            return Err(FfiError::NullParameter("cases"));
        }
        if !seen.insert(*p) {
            return Err(Error::invalid("cases", Problem::Duplicate).into());
        }
    }
    Ok(pointers)
}

/// The case handles a call changes (see [`case_pointers`]).
///
/// # Safety
/// `cases` is NULL or valid for reads of `len` pointers, each NULL or a live case handle not in
/// use by another call.
pub(crate) unsafe fn cases_to_change<'a>(
    cases: *const *mut utskrivning_case,
    len: usize,
) -> Result<Vec<&'a mut CaseHandle>, FfiError> {
    // SAFETY: as the function's contract.
    let pointers = unsafe { case_pointers(cases.cast::<*const utskrivning_case>(), len) }?;
    // SAFETY: distinct (checked), non-NULL (checked) live handles, each used by this call alone;
    // the caller passed them as `*mut`, so changing them is theirs to allow.
    Ok(pointers.iter().filter_map(|p| unsafe { handle::handle_mut(p.cast_mut()) }).collect())
}

/// The cases a call only reads (see [`case_pointers`]); a poisoned one is refused.
///
/// # Safety
/// As [`cases_to_change`], read only.
pub(crate) unsafe fn cases_to_read<'a>(
    cases: *const *const utskrivning_case,
    len: usize,
) -> Result<Vec<&'a engine::Case>, FfiError> {
    // SAFETY: as the function's contract.
    let pointers = unsafe { case_pointers(cases, len) }?;
    // SAFETY: non-NULL (checked) live handles.
    pointers.iter().filter_map(|p| unsafe { handle::handle(*p) }).map(Handle::sound).collect()
}

#[cfg(test)]
mod tests {
    use std::ffi::{CStr, CString};
    use std::ptr;

    use serde_json::{Value, json};

    use super::*;

    fn new() -> *mut utskrivning_case {
        let mut case = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_new(&mut case) }, utskrivning_result::Ok);
        case
    }

    fn take(s: *mut c_char) -> String {
        let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_string();
        unsafe { utskrivning_string_free(s) };
        text
    }

    fn last_error(handle: *const utskrivning_case) -> Value {
        let mut s = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_last_error(handle, &mut s) }, utskrivning_result::Ok);
        serde_json::from_str(&take(s)).unwrap()
    }

    #[test]
    fn a_panic_inside_a_change_poisons_the_handle() {
        let case = new();
        let r: utskrivning_result = ffi_panic_boundary! {
            unsafe { change(case, |_| panic!("boom")) }
        };
        assert_eq!(r, utskrivning_result::Internal);
        assert_eq!(last_error(case)["details"], json!({"reason": "panic"}));
        let mut s = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_snapshot(case, &mut s) }, utskrivning_result::Internal);
        assert!(s.is_null(), "no output on failure");
        assert_eq!(last_error(case)["details"], json!({"reason": "poisoned"}));
        unsafe { utskrivning_case_free(case) };
    }

    #[test]
    fn a_panic_inside_a_read_does_not_poison() {
        let case = new();
        let r: utskrivning_result = ffi_panic_boundary! {
            unsafe { read(case, |_| panic!("boom")) }
        };
        assert_eq!(r, utskrivning_result::Internal);
        let mut s = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_snapshot(case, &mut s) }, utskrivning_result::Ok);
        take(s);
        assert_eq!(last_error(case), Value::Null);
        unsafe { utskrivning_case_free(case) };
    }

    #[test]
    fn admit_with_an_agreement_then_snapshot_restores() {
        let case = new();
        let at = CString::new("2026-03-02T08:00:00Z").unwrap();
        let id = CString::new("c-1").unwrap();
        let routine = CString::new("professional_check_in").unwrap();
        let agreement = CString::new(r#"{"payment_days": 2}"#).unwrap();
        let r = unsafe {
            utskrivning_case_admit(
                case,
                at.as_ptr(),
                id.as_ptr(),
                routine.as_ptr(),
                0,
                ptr::null(),
                ptr::null(),
                agreement.as_ptr(),
            )
        };
        assert_eq!(r, utskrivning_result::Ok);
        let mut s = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_snapshot(case, &mut s) }, utskrivning_result::Ok);
        let snapshot = CString::new(take(s)).unwrap();
        let other = new();
        assert_eq!(unsafe { utskrivning_case_restore(other, snapshot.as_ptr()) }, utskrivning_result::Ok);
        let mut s2 = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_snapshot(other, &mut s2) }, utskrivning_result::Ok);
        assert_eq!(take(s2).as_bytes(), snapshot.as_bytes());
        assert!(snapshot.to_str().unwrap().contains(r#""payment_days":2"#));
        unsafe { utskrivning_case_free(case) };
        unsafe { utskrivning_case_free(other) };
    }

    #[test]
    fn a_keyed_snapshot_restores_under_its_key_only() {
        let case = new();
        let (at, id, routine) = (c"2026-03-02T08:00:00Z", c"c-1", c"professional_check_in");
        let r = unsafe {
            utskrivning_case_admit(
                case,
                at.as_ptr(),
                id.as_ptr(),
                routine.as_ptr(),
                0,
                ptr::null(),
                ptr::null(),
                ptr::null(),
            )
        };
        assert_eq!(r, utskrivning_result::Ok);
        let key = b"nyckel";
        let mut s = ptr::null_mut();
        assert_eq!(
            unsafe { utskrivning_case_snapshot_keyed(case, key.as_ptr(), key.len(), &mut s) },
            utskrivning_result::Ok
        );
        let signed = CString::new(take(s)).unwrap();
        let other = new();
        let restore = |k: &[u8], upgrade: u8| unsafe {
            utskrivning_case_restore_keyed(other, signed.as_ptr(), k.as_ptr(), k.len(), upgrade)
        };
        assert_eq!(restore(b"annan", 0), utskrivning_result::InvalidInput);
        assert_eq!(last_error(other)["details"], json!({"field": "journal", "problem": "tampered"}));
        assert_eq!(restore(key, 2), utskrivning_result::InvalidInput);
        assert_eq!(last_error(other)["details"], json!({"field": "upgrade_unsigned", "problem": "wrong_type"}));
        let null_key = unsafe { utskrivning_case_restore_keyed(other, signed.as_ptr(), ptr::null(), 3, 0) };
        assert_eq!(null_key, utskrivning_result::NullParameter);
        assert_eq!(restore(key, 0), utskrivning_result::Ok);
        let mut again = ptr::null_mut();
        assert_eq!(
            unsafe { utskrivning_case_snapshot_keyed(other, key.as_ptr(), key.len(), &mut again) },
            utskrivning_result::Ok
        );
        assert_eq!(take(again).as_bytes(), signed.as_bytes());
        unsafe { utskrivning_case_free(case) };
        unsafe { utskrivning_case_free(other) };
    }

    #[test]
    fn a_bad_agreement_is_invalid_input_and_names_it() {
        let case = new();
        let at = CString::new("2026-03-02T08:00:00Z").unwrap();
        let id = CString::new("c-1").unwrap();
        let routine = CString::new("professional_check_in").unwrap();
        let agreement = CString::new(r#"{"payment_days": "#).unwrap();
        let r = unsafe {
            utskrivning_case_admit(
                case,
                at.as_ptr(),
                id.as_ptr(),
                routine.as_ptr(),
                0,
                ptr::null(),
                ptr::null(),
                agreement.as_ptr(),
            )
        };
        assert_eq!(r, utskrivning_result::InvalidInput);
        assert_eq!(last_error(case)["details"], json!({"field": "agreement", "problem": "not_json"}));
        unsafe { utskrivning_case_free(case) };
    }
}
