//! Indicators and the payment basis (the spec's "Indicators and the payment basis"): figures over
//! the case handles the caller passes and what each municipality owes. As for the worklist, no
//! single handle owns the call, so its error goes to an `error_out` parameter and no case's last
//! error is touched. Unlike the worklist, these only read the cases: nothing is logged, the
//! handles are `const utskrivning_case *const *`, and a panic poisons none of them.

use std::os::raw::c_char;

use serde_json::Value;
use utskrivning::{self as engine, PAYMENT_PRESETS, PaymentModel, embed};

use crate::case::{cases_to_read, utskrivning_case};
use crate::error::{FfiError, answer};
use crate::ffi::{arg_str, out, owned_string};
use crate::result::utskrivning_result;

/// What computes the answer once the handles are read: `embed::indicators_json` or
/// `embed::payment_basis_json` (`model` is empty for the indicators), or a test's.
type Compute = fn(&[&engine::Case], &str, &str, &str) -> utskrivning::Result<Value>;

fn indicators_json(cases: &[&engine::Case], from: &str, to: &str, _model: &str) -> utskrivning::Result<Value> {
    embed::indicators_json(cases, from, to)
}

fn payment_basis_json(cases: &[&engine::Case], from: &str, to: &str, model: &str) -> utskrivning::Result<Value> {
    embed::payment_basis_json(cases, from, to, model)
}

/// The national follow-up's figures for the cases discharged on a Stockholm date in `[from,
/// to)` (each `YYYY-MM-DD`), across `cases_len` case handles: `*indicators_out` is `{"from",
/// "to", "days", "overall": {figures}, "groups": [{"municipality", "care_type", figures}]}`,
/// the figures being `discharges`, `same_day`, `same_day_share`, `episodes_with_days`,
/// `ready_days_total`, `mean_ready_days` and `beds_per_day` (not rounded; a share or mean over
/// no cases is `null`), a string the caller frees with `utskrivning_string_free`. The cases are
/// only read: nothing is logged in any access log.
///
/// Checks, in order, before any case is read: NULL or non-UTF-8 parameters; `from`, then `to`,
/// not `YYYY-MM-DD` (`UTSKRIVNING_RESULT_INVALID_INPUT`, `{"field": "from", "problem":
/// "not_a_date"}`); the list (NULL with `cases_len` 0 is the empty list, a NULL element
/// `UTSKRIVNING_RESULT_NULL_PARAMETER`, the same handle twice `UTSKRIVNING_RESULT_INVALID_INPUT`
/// with `{"field": "cases", "problem": "duplicate"}`, a handle that caught a panic
/// `UTSKRIVNING_RESULT_INTERNAL` with `{"reason": "poisoned"}`); then the core's: `to` not
/// after `from` (`{"field": "to", "problem": "out_of_range"}`) and two handles holding the same
/// `case_id` (`duplicate`). A refusal writes no output. On failure `*error_out`, when
/// `error_out` is not NULL, gets the error JSON, a string the caller frees with
/// `utskrivning_string_free`; the cases' own last errors are not touched.
///
/// # Safety
/// `from` and `to` are NULL or NUL-terminated; `cases` is NULL (only with `cases_len` 0) or
/// valid for reads of `cases_len` pointers, each NULL or a live case handle not being changed by
/// another call; `indicators_out` and `error_out` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_indicators(
    cases: *const *const utskrivning_case,
    cases_len: usize,
    from: *const c_char,
    to: *const c_char,
    indicators_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            over_cases(cases, cases_len, from, to, None, (indicators_out, "indicators_out"), error_out, indicators_json)
        }
    }
}

/// What each municipality owes for the cases discharged in `[from, to)` under the model given
/// as JSON text (`{"kind": "individual", "daily_amount_sek"}` or `{"kind": "average",
/// "threshold_days", "include_same_day", "individual_after_days", "daily_amount_sek"}`;
/// docs/payment.md): `*rows_out` is a JSON array of `{"municipality", "discharges",
/// "payable_days", "amount_sek"}` (the average model adds `individual_cases`,
/// `individual_days` and `excess_days`), sorted by municipality code with `null` last, a string
/// the caller frees with `utskrivning_string_free`. The cases are only read.
///
/// Checks as `utskrivning_indicators`, with the model read strictly after `to` and before the
/// list: a key twice, an unknown key, a missing or `null` field (only `individual_after_days`
/// may be either), a wrong type or a negative number is `UTSKRIVNING_RESULT_INVALID_INPUT`
/// naming the field (`{"field": "threshold_days", "problem": "out_of_range"}`).
///
/// # Safety
/// As `utskrivning_indicators`; `model_json` is NULL or NUL-terminated, `rows_out` NULL or
/// valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_payment_basis(
    cases: *const *const utskrivning_case,
    cases_len: usize,
    from: *const c_char,
    to: *const c_char,
    model_json: *const c_char,
    rows_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        // SAFETY: each pointer as the contract above says.
        unsafe {
            over_cases(cases, cases_len, from, to, Some(model_json), (rows_out, "rows_out"), error_out, payment_basis_json)
        }
    }
}

/// A named preset's model as JSON (`law`, `vastra_gotaland`, `stockholm`, `pre_2018`;
/// docs/payment.md gives each value's source and says which are unconfirmed), to pass to
/// `utskrivning_payment_basis` as it is or changed: `*model_out`, a string the caller frees with
/// `utskrivning_string_free`. Another name is `UTSKRIVNING_RESULT_INVALID_INPUT` with
/// `{"field": "preset", "problem": "unknown_value", "allowed": [...]}` in `*error_out` (when
/// not NULL, freed likewise).
///
/// # Safety
/// `name` is NULL or NUL-terminated; `model_out` and `error_out` are NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_payment_preset(
    name: *const c_char,
    model_out: *mut *mut c_char,
    error_out: *mut *mut c_char,
) -> utskrivning_result {
    ffi_panic_boundary! {
        let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            // SAFETY: as the contract above says.
            unsafe {
                let name = arg_str(name, "name")?;
                let model_out = out(model_out, "model_out")?;
                *model_out = owned_string(embed::payment_preset_json(name)?.to_string())?;
                Ok(())
            }
        }));
        let outcome = made.unwrap_or(Err(FfiError::Internal(embed::Internal::Panic)));
        // SAFETY: as the contract above says.
        unsafe { answer(outcome, error_out) }
    }
}

/// The names `utskrivning_payment_preset` knows, in docs/payment.md's order, as a JSON array in
/// `*names_out`, a string the caller frees with `utskrivning_string_free`.
///
/// # Safety
/// `names_out` is NULL or valid for writes.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn utskrivning_payment_presets(names_out: *mut *mut c_char) -> utskrivning_result {
    ffi_panic_boundary! {
        let outcome = (|| {
            // SAFETY: as the contract above says.
            let names_out = unsafe { out(names_out, "names_out") }?;
            *names_out = owned_string(Value::from(PAYMENT_PRESETS.to_vec()).to_string())?;
            Ok(())
        })();
        // SAFETY: no error output.
        unsafe { answer(outcome, std::ptr::null_mut()) }
    }
}

/// The call over many cases with `compute` in place of the core's, so a test can panic in it.
/// `model` is `None` for the indicators (no such parameter), else the model's pointer. A panic
/// inside is caught here, so `*error_out` says `internal` (`panic`) too.
///
/// # Safety
/// As `utskrivning_payment_basis`.
#[allow(clippy::too_many_arguments)]
unsafe fn over_cases(
    cases: *const *const utskrivning_case,
    cases_len: usize,
    from: *const c_char,
    to: *const c_char,
    model: Option<*const c_char>,
    (answer_out, answer_name): (*mut *mut c_char, &'static str),
    error_out: *mut *mut c_char,
    compute: Compute,
) -> utskrivning_result {
    let made = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // SAFETY: each pointer as the contract of `utskrivning_payment_basis` says.
        unsafe {
            let (from, to) = (arg_str(from, "from")?, arg_str(to, "to")?);
            let model = model.map(|m| arg_str(m, "model_json")).transpose()?;
            let answer_out = out(answer_out, answer_name)?;
            // The core reads the period and then the model before anything else; so does the
            // list here.
            embed::date("from", from)?;
            embed::date("to", to)?;
            if let Some(model) = model {
                PaymentModel::from_json(model)?;
            }
            let cases = cases_to_read(cases, cases_len)?;
            *answer_out = owned_string(compute(&cases, from, to, model.unwrap_or_default())?.to_string())?;
            Ok(())
        }
    }));
    let outcome = made.unwrap_or(Err(FfiError::Internal(embed::Internal::Panic)));
    // SAFETY: as the contract of `utskrivning_payment_basis` says.
    unsafe { answer(outcome, error_out) }
}

#[cfg(test)]
mod tests {
    use std::ffi::{CStr, CString};
    use std::ptr;

    use serde_json::json;

    use super::*;
    use crate::case::{
        utskrivning_case_admit, utskrivning_case_apply, utskrivning_case_free, utskrivning_case_new,
        utskrivning_case_snapshot, utskrivning_string_free,
    };

    fn take(s: *mut c_char) -> String {
        assert!(!s.is_null());
        let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_string();
        unsafe { utskrivning_string_free(s) };
        text
    }

    /// Applies the inpatient's event `kind` (with `fields`, JSON members after a comma, if any).
    fn apply(case: *mut utskrivning_case, at: &str, kind: &str, fields: &str) {
        let json = format!(r#"{{"at":"{at}","actor":"inpatient","type":"{kind}"{fields}}}"#);
        let json = CString::new(json).unwrap();
        let mut effects = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_apply(case, json.as_ptr(), &mut effects) }, utskrivning_result::Ok);
        take(effects);
    }

    /// A case ready at `ready` and discharged at `discharge`.
    fn discharged(id: &CStr, ready: &str, discharge: &str) -> *mut utskrivning_case {
        let mut case = ptr::null_mut();
        assert_eq!(unsafe { utskrivning_case_new(&mut case) }, utskrivning_result::Ok);
        let r = unsafe {
            utskrivning_case_admit(
                case,
                c"2026-01-02T08:00:00Z".as_ptr(),
                id.as_ptr(),
                c"professional_check_in".as_ptr(),
                0,
                c"1480".as_ptr(),
                ptr::null(),
                ptr::null(),
            )
        };
        assert_eq!(r, utskrivning_result::Ok);
        apply(case, "2026-01-02T08:10:00Z", "send_admission_notice", r#","to":["care_contact"]"#);
        apply(case, ready, "mark_ready_for_discharge", "");
        apply(case, discharge, "discharge", "");
        case
    }

    fn snapshot(case: *const utskrivning_case) -> (utskrivning_result, Option<String>) {
        let mut s = ptr::null_mut();
        let r = unsafe { utskrivning_case_snapshot(case, &mut s) };
        (r, (!s.is_null()).then(|| take(s)))
    }

    /// The call with `compute`: its result, the answer (on success) and the error (on failure).
    fn call(
        cases: &[*const utskrivning_case],
        from: &CStr,
        model: Option<&CStr>,
        compute: Compute,
    ) -> (utskrivning_result, Option<Value>, Option<Value>) {
        let (mut answer, mut error) = (ptr::null_mut(), ptr::null_mut());
        let r = unsafe {
            over_cases(
                cases.as_ptr(),
                cases.len(),
                from.as_ptr(),
                c"2026-02-01".as_ptr(),
                model.map(CStr::as_ptr),
                (&mut answer, "answer_out"),
                &mut error,
                compute,
            )
        };
        let parse = |s: *mut c_char| (!s.is_null()).then(|| serde_json::from_str(&take(s)).unwrap());
        (r, parse(answer), parse(error))
    }

    #[test]
    fn the_figures_are_the_cores_and_nothing_is_logged() {
        // 23:30Z is 00:30 on 01-06 in Stockholm: 4 days to 01-10.
        let a = discharged(c"c-1", "2026-01-05T23:30:00Z", "2026-01-10T10:00:00Z");
        let before = snapshot(a);
        let (r, found, error) = call(&[a], c"2026-01-01", None, indicators_json);
        assert_eq!((r, error), (utskrivning_result::Ok, None));
        let found = found.unwrap();
        assert_eq!(found["overall"]["ready_days_total"], 4);
        assert_eq!(found["groups"][0]["municipality"], "1480");
        assert_eq!(snapshot(a), before, "read only");
        let model = cr#"{"kind":"individual","daily_amount_sek":100}"#;
        let (r, rows, _) = call(&[a], c"2026-01-01", Some(model), payment_basis_json);
        assert_eq!(r, utskrivning_result::Ok);
        assert_eq!(
            rows.unwrap(),
            json!([{"municipality": "1480", "discharges": 1, "payable_days": 2.0, "amount_sek": 200.0}])
        );
        unsafe { utskrivning_case_free(a) };
    }

    #[test]
    fn input_is_judged_before_the_list_and_the_core() {
        let a = discharged(c"c-1", "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z");
        let never: Compute = |_, _, _, _| panic!("the core was reached");
        let (r, answer, error) = call(&[a, a], c"2026-1-01", None, never);
        assert_eq!((r, answer), (utskrivning_result::InvalidInput, None));
        assert_eq!(error.unwrap()["details"], json!({"field": "from", "problem": "not_a_date"}));
        let bad = cr#"{"kind":"individual","daily_amount_sek":-1}"#;
        let (_, _, error) = call(&[a, a], c"2026-01-01", Some(bad), never);
        assert_eq!(error.unwrap()["details"], json!({"field": "daily_amount_sek", "problem": "out_of_range"}));
        let (r, _, error) = call(&[a, a], c"2026-01-01", None, never);
        assert_eq!(r, utskrivning_result::InvalidInput);
        assert_eq!(error.unwrap()["details"], json!({"field": "cases", "problem": "duplicate"}));
        unsafe { utskrivning_case_free(a) };
    }

    #[test]
    fn a_panic_answers_internal_in_error_out_and_poisons_no_handle() {
        let (a, b) = (
            discharged(c"c-1", "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z"),
            discharged(c"c-2", "2026-01-05T10:00:00Z", "2026-01-07T10:00:00Z"),
        );
        let boom: Compute = |_, _, _, _| panic!("a bug");
        let (r, answer, error) = call(&[a, b], c"2026-01-01", None, boom);
        assert_eq!((r, answer), (utskrivning_result::Internal, None));
        assert_eq!(error.unwrap(), embed::Internal::Panic.to_json());
        // Reading changed nothing: both still answer.
        for case in [a, b] {
            assert_eq!(snapshot(case).0, utskrivning_result::Ok);
        }
        let (r, found, _) = call(&[a, b], c"2026-01-01", None, indicators_json);
        assert_eq!(r, utskrivning_result::Ok);
        assert_eq!(found.unwrap()["overall"]["ready_days_total"], 3);
        for case in [a, b] {
            unsafe { utskrivning_case_free(case) };
        }
    }

    #[test]
    fn a_poisoned_handle_refuses_the_whole_call() {
        let (a, b) = (
            discharged(c"c-1", "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z"),
            discharged(c"c-2", "2026-01-05T10:00:00Z", "2026-01-07T10:00:00Z"),
        );
        // A panic while `b` was being changed leaves it poisoned.
        let handle = unsafe { crate::handle::handle_mut(b) }.unwrap();
        let struck = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            handle.guarded(|_| -> Result<(), FfiError> { panic!("a bug") })
        }));
        assert!(struck.is_err());
        let model = cr#"{"kind":"individual","daily_amount_sek":100}"#;
        for (model, compute) in [(None, indicators_json as Compute), (Some(model), payment_basis_json)] {
            let (r, answer, error) = call(&[a, b], c"2026-01-01", model, compute);
            assert_eq!((r, answer), (utskrivning_result::Internal, None));
            assert_eq!(error.unwrap()["details"], json!({"reason": "poisoned"}));
        }
        for case in [a, b] {
            unsafe { utskrivning_case_free(case) };
        }
    }
}
