//! The planner handle: one hospital's check-in sessions (docs/sessions.md), over the core's
//! `Planner`. A call that books, moves or views cases takes their case handles; its outcome is
//! recorded on the planner (the handle the call is made on), so `utskrivning_planner_last_error`
//! answers for it. A refused call changes neither the planner nor any case.

use std::os::raw::c_char;

use utskrivning::{self as engine, embed};

use crate::case::{CaseHandle, cases_to_change, cases_to_read, utskrivning_case};
use crate::error::{FfiError, answer};
use crate::ffi::{arg_str, json_string, opt_arg_str, out, owned_string};
use crate::handle::{self, Castable, Handle, change, read};
use crate::result::utskrivning_result;

/// One hospital's check-in sessions (opaque): weekly times, booked slots and the access log of
/// session views. Made by `utskrivning_planner_new` or `utskrivning_planner_restore`, freed by
/// `utskrivning_planner_free`. Not thread-safe: use a handle from one thread at a time.
pub struct utskrivning_planner {
    _private: [u8; 0],
}

impl Castable for utskrivning_planner {
    type Value = engine::Planner;
}

/// The one case handle a call changes.
///
/// # Safety
/// `case` is NULL or a live case handle not in use by another call.
unsafe fn case_to_change<'a>(case: *mut utskrivning_case) -> Result<&'a mut CaseHandle, FfiError> {
    // SAFETY: as the function's contract.
    unsafe { handle::handle_mut(case) }.ok_or(FfiError::NullParameter("case"))
}

/// # Safety
/// `s` is NULL or NUL-terminated.
unsafe fn timestamp(s: *const c_char, name: &'static str) -> Result<engine::Timestamp, FfiError> {
    // SAFETY: as the function's contract.
    Ok(embed::timestamp(name, unsafe { arg_str(s, name) }?)?)
}

/// Makes a handle from a planner that was built, or says why none was: on failure
/// `*error_out` (if not NULL) gets the error JSON, a string freed with `utskrivning_string_free`.
///
/// # Safety
/// `planner_out` and `error_out` are NULL or valid for writes.
unsafe fn make(
    built: impl FnOnce() -> Result<engine::Planner, FfiError>,
    planner_out: *mut *mut utskrivning_planner,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    // SAFETY: as the function's contract.
    let outcome = unsafe { out(planner_out, "planner_out") }.and_then(|slot| {
        *slot = handle::into_raw(built()?);
        Ok(())
    });
    // SAFETY: as the function's contract.
    unsafe { answer(outcome, error_out) }
}

/// Makes a planner with no bookings from its configuration, JSON `{"hospital", "slot_minutes",
/// "times": [{"weekday", "starts", "ends"}]}` (docs/sessions.md). On success `*planner_out` is a
/// new handle, freed with `utskrivning_planner_free`. On failure (`invalid_input` naming the
/// field: an unknown weekday, overlapping sessions, …) nothing is made, and `*error_out`, when
/// `error_out` is not NULL, gets the error JSON, a string the caller frees with
/// `utskrivning_string_free`.
///
/// # Safety
/// `config_json` is NULL or NUL-terminated; `planner_out` and `error_out` are NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_new(
    config_json: *const c_char,
    planner_out: *mut *mut utskrivning_planner,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe { make(|| Ok(engine::Planner::from_config_json(arg_str(config_json, "config_json")?)?), planner_out, error_out) }
    }
}

/// Makes a planner from a snapshot (`utskrivning_planner_snapshot`); a tampered, truncated or
/// newer snapshot is refused. Outputs as `utskrivning_planner_new`.
///
/// # Safety
/// As `utskrivning_planner_new`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_restore(
    snapshot_json: *const c_char,
    planner_out: *mut *mut utskrivning_planner,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe { make(|| Ok(engine::Planner::restore(arg_str(snapshot_json, "snapshot_json")?)?), planner_out, error_out) }
    }
}

/// Frees a planner handle. NULL is allowed and does nothing. The cases it booked are the
/// caller's and stay as they are.
///
/// # Safety
/// `planner` is NULL or a live planner handle, freed once.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_free(planner: *mut utskrivning_planner) {
    ffi_panic_boundary! {
        // SAFETY: NULL or made by `make`, freed once, by the caller's contract.
        unsafe { handle::free(planner) }
    }
}

/// The snapshot as JSON (configuration, booked slots, access log, format version). The cases
/// are not in it: each keeps its own snapshot. `*snapshot_out` is freed with
/// `utskrivning_string_free`.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `snapshot_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_snapshot(
    planner: *const utskrivning_planner,
    snapshot_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(planner, |p| {
                let snapshot_out = out(snapshot_out, "snapshot_out")?;
                *snapshot_out = owned_string(p.snapshot_json())?;
                Ok(())
            })
        }
    }
}

/// Every session starting in `[from, to)` (RFC 3339; at most a year) as a JSON array of
/// `{"session", "starts_at", "ends_at", "slots", "free"}`, freed with `utskrivning_string_free`.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `from` and `to` are NULL or NUL-terminated;
/// `sessions_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_sessions_between(
    planner: *const utskrivning_planner,
    from: *const c_char,
    to: *const c_char,
    sessions_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(planner, |p| {
                let (from, to) = (timestamp(from, "from")?, timestamp(to, "to")?);
                let sessions_out = out(sessions_out, "sessions_out")?;
                *sessions_out = json_string(&p.sessions_between(from, to)?)?;
                Ok(())
            })
        }
    }
}

/// Every slot of a session (named by its local start, `2026-03-03T13:00`), free ones included,
/// in time order: a JSON array of `{"session", "index", "starts_at", "ends_at", "care_contact",
/// "case_id"}`, freed with `utskrivning_string_free`.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `session` is NULL or NUL-terminated;
/// `slots_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_slots(
    planner: *const utskrivning_planner,
    session: *const c_char,
    slots_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(planner, |p| {
                let session = arg_str(session, "session")?;
                let slots_out = out(slots_out, "slots_out")?;
                *slots_out = json_string(&p.slots(session)?)?;
                Ok(())
            })
        }
    }
}

/// The slot the planner holds for a case id, as JSON, or `null` when it holds none; freed with
/// `utskrivning_string_free`.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `case_id` is NULL or NUL-terminated; `slot_out`
/// is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_slot_of(
    planner: *const utskrivning_planner,
    case_id: *const c_char,
    slot_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(planner, |p| {
                let case_id = arg_str(case_id, "case_id")?;
                let slot_out = out(slot_out, "slot_out")?;
                *slot_out = json_string(&p.slot_of(case_id))?;
                Ok(())
            })
        }
    }
}

/// Books or rebooks one case.
///
/// # Safety
/// As `utskrivning_planner_book`.
unsafe fn book_or_rebook(
    planner: *mut utskrivning_planner,
    session: *const c_char,
    case: *mut utskrivning_case,
    at: *const c_char,
    booking_out: *mut *mut c_char,
    rebook: bool,
) -> utskrivning_result {
    // SAFETY: each pointer as the contract of `utskrivning_planner_book` says.
    unsafe {
        change(planner, |p| {
            let session = arg_str(session, "session")?;
            let at = timestamp(at, "at")?;
            let booking_out = out(booking_out, "booking_out")?;
            let booking = case_to_change(case)?
                .guarded(|case| Ok(if rebook { p.rebook(session, case, at)? } else { p.book(session, case, at)? }))?;
            *booking_out = json_string(&booking)?;
            Ok(())
        })
    }
}

/// Books a case into a session: the planner chooses the slot and the case takes
/// `book_check_in` at the slot's start. `*booking_out` is `{"slot", "effects"}` (the effects
/// send the meeting link), freed with `utskrivning_string_free`. Refused (the case's own code
/// first: not in planning, no care contact, already booked; then `wrong_state` with problem
/// `session_full`, `session_started`, …): neither the planner nor the case has changed, and
/// the error is the planner's last error.
///
/// # Safety
/// `planner` is NULL or a live planner handle and `case` NULL or a live case handle, neither in
/// use by another call; `session` and `at` are NULL or NUL-terminated; `booking_out` is NULL or
/// valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_book(
    planner: *mut utskrivning_planner,
    session: *const c_char,
    case: *mut utskrivning_case,
    at: *const c_char,
    booking_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe { book_or_rebook(planner, session, case, at, booking_out, false) }
    }
}

/// Moves a booked case to a slot in `session` (the same or another): the case takes
/// `cancel_check_in` and `book_check_in`, and its old slot is freed. All or nothing. Outputs as
/// `utskrivning_planner_book` (the effects hold the cancellation's first).
///
/// # Safety
/// As `utskrivning_planner_book`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_rebook(
    planner: *mut utskrivning_planner,
    session: *const c_char,
    case: *mut utskrivning_case,
    at: *const c_char,
    booking_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe { book_or_rebook(planner, session, case, at, booking_out, true) }
    }
}

/// Cancels a case's check-in (`cancel_check_in`) and frees its slot; a finished case's slot is
/// freed without an event. `*effects_out` is `{"effects": [...]}` as from
/// `utskrivning_case_apply`, freed with `utskrivning_string_free`.
///
/// # Safety
/// As `utskrivning_planner_book`; `effects_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_cancel(
    planner: *mut utskrivning_planner,
    case: *mut utskrivning_case,
    at: *const c_char,
    effects_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(planner, |p| {
                let at = timestamp(at, "at")?;
                let effects_out = out(effects_out, "effects_out")?;
                let accepted = case_to_change(case)?.guarded(|case| Ok(p.cancel(case, at)?))?;
                *effects_out = owned_string(embed::accepted_text(&accepted))?;
                Ok(())
            })
        }
    }
}

/// Regroups a session: each care contact's slots next to each other, from the session's start,
/// moving only what must move. `cases` holds `cases_len` case handles: pass every case booked
/// in the session (others are ignored); a handle given twice is refused (`invalid_input`,
/// problem `duplicate`). `*bookings_out` is a JSON array of `{"slot", "effects"}`, one per case
/// that moved, freed with `utskrivning_string_free`. All or nothing.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `cases` is NULL (only with `cases_len` 0) or
/// valid for reads of `cases_len` pointers, each NULL or a live case handle; no handle is in use
/// by another call; `session` and `at` are NULL or NUL-terminated; `bookings_out` is NULL or
/// valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_regroup(
    planner: *mut utskrivning_planner,
    session: *const c_char,
    cases: *const *mut utskrivning_case,
    cases_len: usize,
    at: *const c_char,
    bookings_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(planner, |p| {
                let session = arg_str(session, "session")?;
                let at = timestamp(at, "at")?;
                let bookings_out = out(bookings_out, "bookings_out")?;
                let mut handles = cases_to_change(cases, cases_len)?;
                let bookings = Handle::guard_all(&mut handles, |cases| Ok(p.regroup(session, cases, at)?))?;
                *bookings_out = json_string(&bookings)?;
                Ok(())
            })
        }
    }
}

/// Gives a care contact (their unit, as in their cases' `care_contact`) with no case in the
/// session a slot of their own, so others can ask them about a patient; a case of theirs booked
/// later takes it over. `*slot_out` is the slot's JSON, freed with `utskrivning_string_free`.
///
/// # Safety
/// `planner` is NULL or a live planner handle; the strings are NULL or NUL-terminated;
/// `slot_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_reserve_questions_slot(
    planner: *mut utskrivning_planner,
    session: *const c_char,
    care_contact: *const c_char,
    at: *const c_char,
    slot_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(planner, |p| {
                let session = arg_str(session, "session")?;
                let care_contact = arg_str(care_contact, "care_contact")?;
                let at = timestamp(at, "at")?;
                let slot_out = out(slot_out, "slot_out")?;
                *slot_out = json_string(&p.reserve_questions_slot(session, care_contact, at)?)?;
                Ok(())
            })
        }
    }
}

/// Frees a care contact's questions slot.
///
/// # Safety
/// `planner` is NULL or a live planner handle; the strings are NULL or NUL-terminated.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_release_questions_slot(
    planner: *mut utskrivning_planner,
    session: *const c_char,
    care_contact: *const c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(planner, |p| {
                let (session, care_contact) = (arg_str(session, "session")?, arg_str(care_contact, "care_contact")?);
                Ok(p.release_questions_slot(session, care_contact)?)
            })
        }
    }
}

/// The session as `role` may see it at `at`: inpatient care and social services every slot; a
/// care contact (`care_contact`: their unit; NULL for other roles) only their own; municipal
/// care only the slots of those `cases` where it has a care relationship; other roles are
/// refused (`not_permitted`). `*view_out` is `{"session", "starts_at", "ends_at",
/// "slot_minutes", "slots"}`, freed with `utskrivning_string_free`. Every attempt, allowed or
/// refused, goes to the planner's access log. The cases are only read.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `cases` as in `utskrivning_planner_regroup`;
/// the strings are NULL or NUL-terminated (`care_contact` may be NULL); `view_out` is NULL or
/// valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_view(
    planner: *mut utskrivning_planner,
    session: *const c_char,
    role: *const c_char,
    care_contact: *const c_char,
    at: *const c_char,
    cases: *const *const utskrivning_case,
    cases_len: usize,
    view_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            change(planner, |p| {
                let session = arg_str(session, "session")?;
                let role = embed::role(arg_str(role, "role")?)?;
                let care_contact = opt_arg_str(care_contact, "care_contact")?;
                let at = timestamp(at, "at")?;
                let view_out = out(view_out, "view_out")?;
                let cases = cases_to_read(cases, cases_len)?;
                *view_out = json_string(&p.view(session, role, care_contact, at, &cases)?)?;
                Ok(())
            })
        }
    }
}

/// Every session view, allowed or refused, as a JSON array of `{"at", "role", "session",
/// "outcome"}` (and `"code"` for a refusal), freed with `utskrivning_string_free`.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `log_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_access_log(
    planner: *const utskrivning_planner,
    log_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(planner, |p| {
                let log_out = out(log_out, "log_out")?;
                *log_out = json_string(p.access_log())?;
                Ok(())
            })
        }
    }
}

/// The outcome of the last call on the planner handle as JSON: `null` if it succeeded, else
/// `{"code", "message_sv", "message_en", "details"}` as for a case, also when a case handle
/// passed to the call was what refused. A string freed with `utskrivning_string_free`. This
/// call is not recorded.
///
/// # Safety
/// `planner` is NULL or a live planner handle; `error_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_planner_last_error(
    planner: *const utskrivning_planner,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe { handle::last_error(planner, error_out) }
    }
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;
    use std::ptr;

    use serde_json::{Value, json};

    use super::*;
    use crate::case::{utskrivning_case_free, utskrivning_case_new, utskrivning_string_free};

    fn last_error(planner: *const utskrivning_planner) -> Value {
        let mut s = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_planner_last_error(planner, &mut s) }, utskrivning_result::Ok);
        let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_string();
        unsafe { utskrivning_string_free(s) };
        serde_json::from_str(&text).unwrap()
    }

    #[test]
    fn a_poisoned_case_is_refused_on_the_planner_and_changes_nothing() {
        let config =
            cr#"{"hospital":"h","slot_minutes":10,"times":[{"weekday":"tuesday","starts":"13:00","ends":"14:00"}]}"#;
        let (mut planner, mut case) = (ptr::null_mut(), ptr::null_mut());
        assert_eq!(
            unsafe { utskrivning_planner_new(config.as_ptr(), &mut planner, ptr::null_mut()) },
            utskrivning_result::Ok
        );
        assert_eq!(unsafe { utskrivning_case_new(&mut case) }, utskrivning_result::Ok);
        let r: utskrivning_result = ffi_panic_boundary! { unsafe { change(case, |_| panic!("a bug")) } };
        assert_eq!(r, utskrivning_result::Internal);
        let mut booking = ptr::null_mut();
        let (session, at) = (c"2026-03-03T13:00", c"2026-03-02T09:00:00Z");
        let r = unsafe { utskrivning_planner_book(planner, session.as_ptr(), case, at.as_ptr(), &mut booking) };
        assert_eq!(r, utskrivning_result::Internal);
        assert!(booking.is_null());
        assert_eq!(last_error(planner), embed::Internal::Poisoned.to_json());
        let cases = [case.cast_const()];
        let mut view = ptr::null_mut();
        let r = unsafe {
            utskrivning_planner_view(
                planner,
                session.as_ptr(),
                c"inpatient".as_ptr(),
                ptr::null(),
                at.as_ptr(),
                cases.as_ptr(),
                1,
                &mut view,
            )
        };
        assert_eq!(r, utskrivning_result::Internal);
        assert_eq!(last_error(planner)["details"], json!({"reason": "poisoned"}));
        // The planner itself is sound: it answers the next call.
        let mut snapshot = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_planner_snapshot(planner, &mut snapshot) }, utskrivning_result::Ok);
        unsafe { utskrivning_string_free(snapshot) };
        unsafe { utskrivning_case_free(case) };
        unsafe { utskrivning_planner_free(planner) };
    }
}
