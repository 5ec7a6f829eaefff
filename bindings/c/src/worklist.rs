//! The worklist: what a role has to do now across the cases the caller passes (the spec's
//! "Worklists"). No single handle owns the call, so its error goes to an `error_out` parameter,
//! as the label's does, and no case's last error is touched.

use std::os::raw::c_char;

use utskrivning::{self as engine, WorklistItem, embed};

use crate::case::{cases_to_change, utskrivning_case};
use crate::error::{FfiError, answer};
use crate::ffi::{arg_str, opt_arg_str, out, owned_string};
use crate::handle::Handle;
use crate::result::utskrivning_result;

/// What computes the list once the handles are borrowed: `embed::worklist`, or a test's.
type Compute = fn(&str, &str, &mut [&mut engine::Case], Option<&str>) -> utskrivning::Result<Vec<WorklistItem>>;

/// What `role` has to do at `at` (RFC 3339) across `cases_len` case handles: `*items_out` is a
/// JSON array of `{"case_id", "kind", "ref", "since", "due", "overdue"}`, sorted overdue first
/// (the spec's order), a string the caller frees with `utskrivning_string_free`. `unit` is NULL
/// or, for `care_contact`, the unit whose cases alone are listed (compared exactly). Cases the
/// role may not view, finished cases and empty handles give no items and are left alone; each
/// case that gives an item logs the reading in its access log (action `worklist`), so the
/// handles are changed (`utskrivning_case *const *`: the array is only read).
///
/// Checks, in order, before any case is read or logged: NULL or non-UTF-8 parameters; a
/// malformed role or `at` (`UTSKRIVNING_RESULT_INVALID_INPUT`); the list (NULL with `cases_len`
/// 0 is the empty list, a NULL element `UTSKRIVNING_RESULT_NULL_PARAMETER`, the same handle
/// twice `UTSKRIVNING_RESULT_INVALID_INPUT` with `{"field": "cases", "problem": "duplicate"}`,
/// checked by pointer before any handle is borrowed); then the core's: two handles holding the
/// same `case_id` (the same `duplicate`), `patient` or `relative`
/// (`UTSKRIVNING_RESULT_NOT_PERMITTED`). A handle that caught a panic refuses the whole call
/// (`UTSKRIVNING_RESULT_INTERNAL`, `{"reason": "poisoned"}`). A refusal writes no output and
/// changes no case. On failure `*error_out`, when `error_out` is not NULL, gets the error JSON,
/// a string the caller frees with `utskrivning_string_free`; the cases' own last errors are not
/// touched, whatever the outcome. A panic while the list was made poisons every handle in it.
///
/// # Safety
/// `role`, `at` and `unit` are NULL or NUL-terminated; `cases` is NULL (only with `cases_len`
/// 0) or valid for reads of `cases_len` pointers, each NULL or a live case handle not in use by
/// another call; `items_out` and `error_out` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_worklist(
    role: *const c_char,
    at: *const c_char,
    cases: *const *mut utskrivning_case,
    cases_len: usize,
    unit: *const c_char,
    items_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe { worklist(role, at, cases, cases_len, unit, items_out, error_out, embed::worklist) }
    }
}

/// The worklist call with `compute` in place of `embed::worklist`, so a test can panic in it.
/// A panic inside is caught here, so `*error_out` says `internal` (`panic`) too.
///
/// # Safety
/// As `utskrivning_worklist`.
#[allow(clippy::too_many_arguments)]
unsafe fn worklist(
    role: *const c_char,
    at: *const c_char,
    cases: *const *mut utskrivning_case,
    cases_len: usize,
    unit: *const c_char,
    items_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
    compute: Compute,
) -> utskrivning_result {
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: each pointer as the contract of `utskrivning_worklist` says.
        unsafe {
            let (role, at, unit) = (arg_str(role, "role")?, arg_str(at, "at")?, opt_arg_str(unit, "unit")?);
            let items_out = out(items_out, "items_out")?;
            // The core reads the role and the time before anything else; so does the list here.
            embed::role(role)?;
            embed::timestamp("at", at)?;
            let mut handles = cases_to_change(cases, cases_len)?;
            let items = Handle::guard_all(&mut handles, |cases| Ok(compute(role, at, cases, unit)?))?;
            *items_out = owned_string(embed::worklist_json(&items).to_string())?;
            Ok(())
        }
    }));
    let outcome = made.unwrap_or(Err(FfiError::Internal(embed::Internal::Panic)));
    // SAFETY: as the contract of `utskrivning_worklist` says.
    unsafe { answer(outcome, error_out) }
}

#[cfg(test)]
mod tests {
    use std::ffi::CStr;
    use std::ptr;

    use serde_json::{Value, json};

    use super::*;
    use crate::case::{
        utskrivning_case_admit, utskrivning_case_free, utskrivning_case_new, utskrivning_case_snapshot,
        utskrivning_string_free,
    };

    fn take(s: *mut c_char) -> String {
        assert!(!s.is_null());
        let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_string();
        unsafe { utskrivning_string_free(s) };
        text
    }

    fn admitted(id: &CStr) -> *mut utskrivning_case {
        let mut case = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_new(&mut case) }, utskrivning_result::Ok);
        let r = unsafe {
            utskrivning_case_admit(
                case,
                c"2026-03-02T08:00:00Z".as_ptr(),
                id.as_ptr(),
                c"professional_check_in".as_ptr(),
                0,
                ptr::null(),
                ptr::null(),
                ptr::null(),
            )
        };
        assert_eq!(r, utskrivning_result::Ok);
        case
    }

    fn snapshot(case: *mut utskrivning_case) -> String {
        let mut s = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_snapshot(case, &mut s) }, utskrivning_result::Ok);
        take(s)
    }

    /// The call with `compute`: its result, the items (on success) and the error (on failure).
    fn call(
        role: &CStr,
        cases: &[*mut utskrivning_case],
        compute: Compute,
    ) -> (utskrivning_result, Option<Value>, Option<Value>) {
        let (mut items, mut error) = (ptr::null_mut(), ptr::null_mut());
        let r = unsafe {
            worklist(
                role.as_ptr(),
                c"2026-03-03T09:00:00Z".as_ptr(),
                cases.as_ptr(),
                cases.len(),
                ptr::null(),
                &mut items,
                &mut error,
                compute,
            )
        };
        let parse = |s: *mut c_char| (!s.is_null()).then(|| serde_json::from_str(&take(s)).unwrap());
        (r, parse(items), parse(error))
    }

    #[test]
    fn the_inpatient_sees_the_admission_notice_due_and_each_case_logs_it() {
        let (a, b) = (admitted(c"c-1"), admitted(c"c-2"));
        let (r, items, error) = call(c"inpatient", &[b, a], embed::worklist);
        assert_eq!(r, utskrivning_result::Ok);
        assert!(error.is_none());
        let items = items.unwrap();
        let ids: Vec<&str> = items.as_array().unwrap().iter().map(|i| i["case_id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["c-1", "c-2"], "sorted, whatever order the handles came in");
        assert_eq!(items[0]["kind"], "deadline");
        assert_eq!(items[0]["overdue"], true);
        assert!(snapshot(a).contains(r#""action":"worklist""#));
        unsafe { utskrivning_case_free(a) };
        unsafe { utskrivning_case_free(b) };
    }

    #[test]
    fn a_handle_twice_is_refused_by_pointer_before_the_core_sees_it() {
        let a = admitted(c"c-1");
        let before = snapshot(a);
        let never: Compute = |_, _, _, _| panic!("the core was reached");
        let (r, items, error) = call(c"inpatient", &[a, a], never);
        assert_eq!(r, utskrivning_result::InvalidInput);
        assert!(items.is_none());
        assert_eq!(error.unwrap()["details"], json!({"field": "cases", "problem": "duplicate"}));
        assert_eq!(snapshot(a), before);
        unsafe { utskrivning_case_free(a) };
    }

    #[test]
    fn a_panic_answers_internal_in_error_out_and_poisons_every_handle() {
        let (a, b) = (admitted(c"c-1"), admitted(c"c-2"));
        let boom: Compute = |_, _, _, _| panic!("a bug");
        let (r, items, error) = call(c"inpatient", &[a, b], boom);
        assert_eq!(r, utskrivning_result::Internal);
        assert!(items.is_none());
        assert_eq!(error.unwrap(), embed::Internal::Panic.to_json());
        for case in [a, b] {
            let mut s = ptr::null_mut();
            assert_eq!(unsafe { utskrivning_case_snapshot(case, &mut s) }, utskrivning_result::Internal);
        }
        // A poisoned handle refuses the next worklist, whole.
        let fresh = admitted(c"c-3");
        let (r, items, error) = call(c"inpatient", &[fresh, a], embed::worklist);
        assert_eq!(r, utskrivning_result::Internal);
        assert!(items.is_none());
        assert_eq!(error.unwrap()["details"], json!({"reason": "poisoned"}));
        assert!(!snapshot(fresh).contains(r#""action":"worklist""#), "the sound handle was not read");
        for case in [a, b, fresh] {
            unsafe { utskrivning_case_free(case) };
        }
    }
}
