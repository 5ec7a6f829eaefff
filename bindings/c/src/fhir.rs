//! HL7 FHIR R4 (docs/fhir.md): a case as a Bundle of type `collection`, and the care request's
//! Task from municipal care's system read back as the event it stands for. The export reads
//! one handle (its error is that handle's last error); the import has no handle, so its error
//! goes to an `error_out` parameter, as for `utskrivning_payment_preset`.

use std::os::raw::c_char;

use utskrivning::embed;

use crate::case::utskrivning_case;
use crate::error::{FfiError, answer};
use crate::ffi::{arg_str, out, owned_string};
use crate::handle::read;
use crate::result::utskrivning_result;

/// The case as a FHIR R4 Bundle (JSON text) in `*bundle_out`, deadlines' status and the
/// Bundle's `timestamp` at `at` (RFC 3339), a string the caller frees with
/// `utskrivning_string_free`. A case not admitted is `UTSKRIVNING_RESULT_WRONG_STATE`
/// (`{"event": "to_fhir", "track": "phase", "state": "not_admitted"}`). Nothing is logged.
///
/// # Safety
/// `handle` is NULL or a live handle; `at` is NULL or NUL-terminated; `bundle_out` is NULL or
/// valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_case_to_fhir(
    handle: *const utskrivning_case,
    at: *const c_char,
    bundle_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            read(handle, |c| {
                let at = arg_str(at, "at")?;
                let bundle_out = out(bundle_out, "bundle_out")?;
                *bundle_out = owned_string(embed::to_fhir(c, at)?)?;
                Ok(())
            })
        }
    }
}

/// The event a FHIR R4 Task (JSON text) from municipal care's system stands for, at `at` (RFC
/// 3339): `*event_out` is the event's JSON (`{"at", "actor": "municipal_care", "type", ...}`)
/// to pass to `utskrivning_case_apply`, a string the caller frees with
/// `utskrivning_string_free`. A Task that does not fit is `UTSKRIVNING_RESULT_INVALID_INPUT`
/// naming the FHIR element (`{"field": "Task.status", "problem": "unknown_value", "allowed":
/// [...]}`) in `*error_out` (when not NULL, freed likewise).
///
/// # Safety
/// `task` and `at` are NULL or NUL-terminated; `event_out` and `error_out` are NULL or valid for
/// writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_from_fhir_task(
    task: *const c_char,
    at: *const c_char,
    event_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // SAFETY: as the contract above says.
            unsafe {
                let task = arg_str(task, "task")?;
                let at = arg_str(at, "at")?;
                let event_out = out(event_out, "event_out")?;
                *event_out = owned_string(embed::from_fhir_task(task, at)?.to_string())?;
                Ok(())
            }
        }));
        let outcome = made.unwrap_or(Err(FfiError::Internal(embed::Internal::Panic)));
        // SAFETY: as the contract above says.
        unsafe { answer(outcome, error_out) }
    }
}
