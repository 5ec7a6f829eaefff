//! The C API with arbitrary strings and buffer sizes, checked against the core as a shadow
//! model: every call answers what the core answers for the same input (the same code, the same
//! JSON), the case behind the handle is the shadow's case (equal snapshots, compared at the
//! end and after every restore and replay), a rejected call writes no output, and nothing leaks (LeakSanitizer) or panics (the
//! panic boundary would hide a panic as "internal"; libFuzzer's panic hook aborts first, and an
//! "internal" answer fails here too).
//!
//! Input: the first byte is the size of the label buffer, then commands separated by NUL bytes
//! (C strings hold none), each a letter and its arguments separated by 0x1f:
//! `a` admit (at, case_id, routine, the municipal-care flag as `0`/`1` or any other byte, then
//! optional: agreement JSON, municipality, care type; an argument not there is NULL), `e` apply
//! (event JSON), `v` view (role, at), `w` worklist over the handle (role, at, optional unit),
//! `W` the same with the handle given twice, `d` deadlines (at), `l` label (kind, word, lang), `r`
//! restore (snapshot), `j` replay (journal), `s` round-trip the snapshot and the journal through
//! new handles, `n` NULL parameters, `x` a fresh handle; anything else names a result number.

#![no_main]

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::ptr;

use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use utskrivning::{Case, Error, Problem, embed};
use utskrivning_c::{self as c, utskrivning_case, utskrivning_result as R};

const SEP: u8 = 0x1f;

fuzz_target!(|data: &[u8]| {
    let Some((&label_len, rest)) = data.split_first() else { return };
    let mut h = Handle::new();
    let mut shadow = Case::new();
    for command in rest.split(|b| *b == 0).take(128) {
        let Some((&op, args)) = command.split_first() else { continue };
        let args: Vec<&[u8]> = args.split(|b| *b == SEP).collect();
        match op {
            b'a' => admit(&mut h, &mut shadow, &args),
            b'e' => apply(&mut h, &mut shadow, command.get(1..).unwrap_or_default()),
            b'v' => view(&mut h, &mut shadow, &args),
            b'w' => worklist(&mut h, &mut shadow, &args, false),
            b'W' => worklist(&mut h, &mut shadow, &args, true),
            b'd' => deadlines(&h, &shadow, arg(&args, 0)),
            b'l' => label(&args, usize::from(label_len)),
            b'r' => restore(&mut h, &mut shadow, command.get(1..).unwrap_or_default()),
            b'j' => replay(&mut h, &mut shadow, command.get(1..).unwrap_or_default()),
            b's' => round_trip(&h),
            b'n' => nulls(&h),
            b'x' => {
                h.assert_holds(&shadow);
                h = Handle::new();
                shadow = Case::new();
            }
            other => {
                let name = unsafe { CStr::from_ptr(c::utskrivning_result_name(u32::from(other))) };
                assert!(!name.to_bytes().is_empty());
            }
        }
    }
    // Every call's answer was compared on the way; the journal and the access log that the
    // snapshot carries show any divergence in what the calls did.
    h.assert_holds(&shadow);
});

/// A live handle, freed on drop.
struct Handle(*mut utskrivning_case);

impl Handle {
    fn new() -> Handle {
        let mut p = ptr::null_mut();
        assert_eq!(unsafe { c::utskrivning_case_new(&mut p) }, R::Ok);
        assert!(!p.is_null());
        Handle(p)
    }

    /// A call with a string output: the string when it succeeded (and none written when not).
    fn out(&self, call: impl FnOnce(*mut *mut c_char) -> R) -> (R, Option<String>) {
        let mut s: *mut c_char = ptr::null_mut();
        let r = call(&mut s);
        (r, take(s, r))
    }

    fn snapshot(&self) -> String {
        let (r, s) = self.out(|o| unsafe { c::utskrivning_case_snapshot(self.0, o) });
        assert_eq!(r, R::Ok, "snapshot failed");
        s.unwrap_or_default()
    }

    fn assert_holds(&self, shadow: &Case) {
        assert_eq!(self.snapshot(), shadow.snapshot_json(), "the handle's case differs from the core's");
    }

    /// `last_error` after a call that answered `r`: `null` after success, else the same code.
    fn assert_last_error(&self, r: R) {
        let (lr, text) = self.out(|o| unsafe { c::utskrivning_case_last_error(self.0, o) });
        assert_eq!(lr, R::Ok);
        let value: Value = serde_json::from_str(&text.unwrap_or_default()).unwrap_or(Value::Bool(false));
        if r == R::Ok {
            assert!(value.is_null(), "last_error after success: {value}");
        } else {
            assert_eq!(value.get("code").and_then(Value::as_str), Some(name(r)), "last_error names another code");
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        unsafe { c::utskrivning_case_free(self.0) }
    }
}

/// Takes ownership of a returned string: present exactly when the call succeeded.
fn take(s: *mut c_char, r: R) -> Option<String> {
    assert_ne!(r, R::Internal, "the C API answered internal (a caught panic)");
    if r != R::Ok {
        assert!(s.is_null(), "a failed call wrote its output");
        return None;
    }
    assert!(!s.is_null(), "a successful call wrote no output");
    let text = unsafe { CStr::from_ptr(s) }.to_str().map(str::to_owned);
    unsafe { c::utskrivning_string_free(s) };
    Some(text.unwrap_or_else(|_| panic!("the C API returned a string that is not UTF-8")))
}

fn name(r: R) -> &'static str {
    unsafe { CStr::from_ptr(c::utskrivning_result_name(r as u32)) }.to_str().unwrap_or("?")
}

/// What the core answered, as the C API names it.
fn code<T>(answer: &utskrivning::Result<T>) -> &'static str {
    answer.as_ref().map_or_else(|e| e.code.as_str(), |_| "ok")
}

fn arg<'a>(args: &[&'a [u8]], i: usize) -> &'a [u8] {
    args.get(i).copied().unwrap_or_default()
}

fn cstring(bytes: &[u8]) -> CString {
    // Commands are split at NUL, so no argument holds one.
    CString::new(bytes).unwrap_or_default()
}

/// The answer for arguments that are not all UTF-8, or the strings.
fn utf8<'a, const N: usize>(args: [&'a [u8]; N]) -> Option<[&'a str; N]> {
    let mut out = [""; N];
    for (o, a) in out.iter_mut().zip(args) {
        *o = std::str::from_utf8(a).ok()?;
    }
    Some(out)
}

/// NULL, or the text; `Err` for bytes that are not UTF-8.
fn optional(a: Option<&[u8]>) -> Result<Option<&str>, std::str::Utf8Error> {
    a.map(std::str::from_utf8).transpose()
}

/// A C string or NULL.
fn c_ptr(s: &Option<CString>) -> *const c_char {
    s.as_ref().map_or(ptr::null(), |s| s.as_ptr())
}

fn admit(h: &mut Handle, shadow: &mut Case, args: &[&[u8]]) {
    let (at, id, routine) = (arg(args, 0), arg(args, 1), arg(args, 2));
    let (agreement, municipality, care_type) = (args.get(4).copied(), args.get(5).copied(), args.get(6).copied());
    // `1` and `0` are the flag; any other byte is a C caller's wrong one.
    let mc = arg(args, 3).first().map_or(0, |b| b.wrapping_sub(b'0'));
    let (c_at, c_id, c_routine) = (cstring(at), cstring(id), cstring(routine));
    let (c_agreement, c_municipality, c_care_type) =
        (agreement.map(cstring), municipality.map(cstring), care_type.map(cstring));
    let r = unsafe {
        c::utskrivning_case_admit(
            h.0,
            c_at.as_ptr(),
            c_id.as_ptr(),
            c_routine.as_ptr(),
            mc,
            c_ptr(&c_municipality),
            c_ptr(&c_care_type),
            c_ptr(&c_agreement),
        )
    };
    assert_ne!(r, R::Internal);
    let expected = match (utf8([at, id, routine]), optional(municipality), optional(care_type), optional(agreement)) {
        (None, ..) => "invalid_utf8",
        (Some(_), ..) if mc > 1 => "invalid_input",
        (_, Err(_), ..) | (_, _, Err(_), _) | (.., Err(_)) => "invalid_utf8",
        (Some([at, case_id, routine]), Ok(municipality), Ok(care_type), Ok(agreement_json)) => {
            // As the C layer does: the fields as an admission, then a case already there answers.
            let fields = embed::Admit {
                at,
                case_id,
                routine,
                municipal_care_at_admission: mc == 1,
                municipality,
                care_type,
                agreement_json,
            };
            let answer = embed::admit_with(&fields).and_then(|(fresh, _)| match fresh.journal().first() {
                Some(event) if shadow.journal_len() > 0 => shadow.apply(event).map(|_| ()),
                _ => {
                    *shadow = fresh;
                    Ok(())
                }
            });
            code(&answer)
        }
    };
    assert_eq!(name(r), expected, "admit answered differently from the core");
    h.assert_last_error(r);
}

fn apply(h: &mut Handle, shadow: &mut Case, event: &[u8]) {
    let json = cstring(event);
    let (r, effects) = h.out(|o| unsafe { c::utskrivning_case_apply(h.0, json.as_ptr(), o) });
    match std::str::from_utf8(event) {
        Err(_) => assert_eq!(r, R::InvalidUtf8),
        Ok(text) => {
            let answer = shadow.apply_json(text);
            assert_eq!(name(r), code(&answer), "apply answered differently from the core");
            if let (Ok(accepted), Some(effects)) = (answer, effects) {
                let got: Value = serde_json::from_str(&effects).unwrap_or_default();
                assert_eq!(got, serde_json::to_value(accepted).unwrap_or_default(), "the effects differ");
            }
        }
    }
    h.assert_last_error(r);
}

fn view(h: &mut Handle, shadow: &mut Case, args: &[&[u8]]) {
    let (role, at) = (cstring(arg(args, 0)), cstring(arg(args, 1)));
    let (r, seen) = h.out(|o| unsafe { c::utskrivning_case_view(h.0, role.as_ptr(), at.as_ptr(), o) });
    let Some([role, at]) = utf8([arg(args, 0), arg(args, 1)]) else {
        return assert_eq!(r, R::InvalidUtf8);
    };
    let answer = embed::role(role)
        .and_then(|role| Ok((role, embed::timestamp("at", at)?)))
        .and_then(|(role, at)| shadow.view(role, at));
    assert_eq!(name(r), code(&answer), "view answered differently from the core");
    if let (Ok(want), Some(seen)) = (answer, seen) {
        assert_eq!(serde_json::from_str::<Value>(&seen).unwrap_or_default(), want, "the view differs");
    }
    h.assert_last_error(r);
}

/// The worklist over the handle (given twice when `twice`): the core's answer and items, or,
/// twice, the duplicate refusal once the role and time are read; a refusal changes nothing
/// (the snapshots are compared at the end), and the error output is written exactly on failure.
fn worklist(h: &mut Handle, shadow: &mut Case, args: &[&[u8]], twice: bool) {
    let (role, at, unit) = (arg(args, 0), arg(args, 1), args.get(2).copied());
    let (c_role, c_at, c_unit) = (cstring(role), cstring(at), unit.map(cstring));
    let cases = [h.0, h.0];
    let (mut items, mut error): (*mut c_char, *mut c_char) = (ptr::null_mut(), ptr::null_mut());
    let r = unsafe {
        c::utskrivning_worklist(
            c_role.as_ptr(),
            c_at.as_ptr(),
            cases.as_ptr(),
            if twice { 2 } else { 1 },
            c_ptr(&c_unit),
            &mut items,
            &mut error,
        )
    };
    let items = take(items, r);
    if r == R::Ok {
        assert!(error.is_null(), "a successful worklist wrote its error");
    } else {
        let e: Value = serde_json::from_str(&take(error, R::Ok).unwrap_or_default()).unwrap_or_default();
        assert_eq!(e.get("code").and_then(Value::as_str), Some(name(r)), "the worklist's error names another code");
    }
    let Some([role, at]) = utf8([arg(args, 0), arg(args, 1)]) else { return assert_eq!(r, R::InvalidUtf8) };
    let Ok(unit) = optional(unit) else { return assert_eq!(r, R::InvalidUtf8) };
    let answer = if twice {
        let duplicate = || Err(Error::invalid("cases", Problem::Duplicate));
        embed::role(role).and_then(|_| embed::timestamp("at", at)).and_then(|_| duplicate())
    } else {
        embed::worklist(role, at, &mut [shadow], unit)
    };
    assert_eq!(name(r), code(&answer), "the worklist answered differently from the core");
    if let (Ok(want), Some(items)) = (answer, items) {
        let got: Value = serde_json::from_str(&items).unwrap_or_default();
        assert_eq!(got, embed::worklist_json(&want), "the worklist differs");
    }
}

fn deadlines(h: &Handle, shadow: &Case, at: &[u8]) {
    let c_at = cstring(at);
    let (r, list) = h.out(|o| unsafe { c::utskrivning_case_deadlines(h.0, c_at.as_ptr(), o) });
    let Ok(at) = std::str::from_utf8(at) else { return assert_eq!(r, R::InvalidUtf8) };
    let want = embed::timestamp("at", at).map(|at| shadow.deadlines(at));
    assert_eq!(name(r), code(&want), "deadlines answered differently from the core");
    if let (Ok(want), Some(list)) = (want, list) {
        let got: Value = serde_json::from_str(&list).unwrap_or_default();
        assert_eq!(got, serde_json::to_value(want).unwrap_or_default(), "the deadlines differ");
    }
}

/// A label into a buffer of exactly `len` bytes: written whole with its NUL, or not at all.
fn label(args: &[&[u8]], len: usize) {
    let (kind, word, lang) = (cstring(arg(args, 0)), cstring(arg(args, 1)), cstring(arg(args, 2)));
    const UNTOUCHED: u8 = 0xAA;
    let mut buf = vec![UNTOUCHED; len];
    let mut n = usize::MAX;
    let mut error: *mut c_char = ptr::null_mut();
    let r = unsafe {
        c::utskrivning_label(
            kind.as_ptr(),
            word.as_ptr(),
            lang.as_ptr(),
            buf.as_mut_ptr().cast(),
            len,
            &mut n,
            &mut error,
        )
    };
    assert_ne!(r, R::Internal);
    let want = utf8([arg(args, 0), arg(args, 1), arg(args, 2)])
        .map(|[k, w, l]| embed::lang(l).and_then(|l| embed::label(k, w, l)).ok());
    // The error output is written exactly when the call failed, with the same code.
    if r == R::Ok {
        assert!(error.is_null(), "a successful label call wrote its error");
    } else {
        let e: Value = serde_json::from_str(&take(error, R::Ok).unwrap_or_default()).unwrap_or_default();
        assert_eq!(e.get("code").and_then(Value::as_str), Some(name(r)), "the label's error names another code");
    }
    match (r, want) {
        (R::InvalidUtf8, None) | (R::InvalidInput, Some(None)) => {}
        (R::Ok, Some(Some(label))) => {
            assert_eq!(n, label.len());
            assert_eq!(buf.get(..n), Some(label.as_bytes()), "the label differs");
            assert_eq!(buf.get(n), Some(&0), "the label has no NUL");
        }
        (R::BufferTooSmall, Some(Some(label))) => assert!(len <= label.len(), "too small, yet {len} > {}", label.len()),
        (r, want) => panic!("label answered {} for {want:?}", name(r)),
    }
    if r != R::Ok {
        assert!(buf.iter().all(|b| *b == UNTOUCHED) && n == usize::MAX, "a failed label call wrote");
    }
}

fn restore(h: &mut Handle, shadow: &mut Case, snapshot: &[u8]) {
    let text = cstring(snapshot);
    let r = unsafe { c::utskrivning_case_restore(h.0, text.as_ptr()) };
    let Ok(snapshot) = std::str::from_utf8(snapshot) else { return assert_eq!(r, R::InvalidUtf8) };
    let answer = Case::restore(snapshot);
    assert_eq!(name(r), code(&answer), "restore answered differently from the core");
    if let Ok(case) = answer {
        *shadow = case;
    }
    h.assert_last_error(r);
    h.assert_holds(shadow);
}

fn replay(h: &mut Handle, shadow: &mut Case, journal: &[u8]) {
    let text = cstring(journal);
    let r = unsafe { c::utskrivning_case_replay(h.0, text.as_ptr()) };
    let Ok(journal) = std::str::from_utf8(journal) else { return assert_eq!(r, R::InvalidUtf8) };
    let answer = Case::replay_json(journal);
    assert_eq!(name(r), code(&answer), "replay answered differently from the core");
    if let Ok(case) = answer {
        *shadow = case;
    }
    h.assert_last_error(r);
    h.assert_holds(shadow);
}

/// The snapshot restores, and the journal replays, into new handles holding the same case.
fn round_trip(h: &Handle) {
    let snapshot = h.snapshot();
    let other = Handle::new();
    let text = cstring(snapshot.as_bytes());
    assert_eq!(unsafe { c::utskrivning_case_restore(other.0, text.as_ptr()) }, R::Ok, "a snapshot was refused");
    assert_eq!(other.snapshot(), snapshot, "the snapshot did not round-trip");
    let (r, journal) = h.out(|o| unsafe { c::utskrivning_case_journal(h.0, o) });
    assert_eq!(r, R::Ok);
    let third = Handle::new();
    let text = cstring(journal.unwrap_or_default().as_bytes());
    assert_eq!(unsafe { c::utskrivning_case_replay(third.0, text.as_ptr()) }, R::Ok, "a journal was refused");
    let state = |x: &Handle| x.out(|o| unsafe { c::utskrivning_case_state(x.0, o) }).1;
    assert_eq!(state(&third), state(h), "replaying the journal gave another state");
    let (r, log) = h.out(|o| unsafe { c::utskrivning_case_access_log(h.0, o) });
    assert!(r == R::Ok && log.is_some_and(|l| l.starts_with('[')));
}

/// NULL where a pointer is required answers `null_parameter` and changes nothing.
fn nulls(h: &Handle) {
    let event = c"{}";
    let mut s: *mut c_char = ptr::null_mut();
    unsafe {
        assert_eq!(c::utskrivning_case_apply(h.0, ptr::null(), &mut s), R::NullParameter);
        assert_eq!(c::utskrivning_case_apply(h.0, event.as_ptr(), ptr::null_mut()), R::NullParameter);
        assert_eq!(c::utskrivning_case_apply(ptr::null_mut(), event.as_ptr(), &mut s), R::NullParameter);
        assert_eq!(c::utskrivning_case_view(h.0, ptr::null(), event.as_ptr(), &mut s), R::NullParameter);
        assert_eq!(c::utskrivning_case_snapshot(ptr::null(), &mut s), R::NullParameter);
        assert_eq!(c::utskrivning_case_restore(h.0, ptr::null()), R::NullParameter);
        assert_eq!(c::utskrivning_case_new(ptr::null_mut()), R::NullParameter);
        assert_eq!(
            c::utskrivning_label(
                ptr::null(),
                event.as_ptr(),
                event.as_ptr(),
                ptr::null_mut(),
                0,
                ptr::null_mut(),
                ptr::null_mut()
            ),
            R::NullParameter
        );
        // A NULL element, a NULL list with a length, no items output: refused, no case read.
        let (role, at, holes) = (c"inpatient", c"2026-03-02T08:00:00Z", [h.0, ptr::null_mut()]);
        let worklist = |cases: *const *mut utskrivning_case, n: usize, items: *mut *mut c_char| {
            c::utskrivning_worklist(role.as_ptr(), at.as_ptr(), cases, n, ptr::null(), items, ptr::null_mut())
        };
        assert_eq!(worklist(holes.as_ptr(), 2, &mut s), R::NullParameter);
        assert_eq!(worklist(ptr::null(), 1, &mut s), R::NullParameter);
        assert_eq!(worklist(holes.as_ptr(), 1, ptr::null_mut()), R::NullParameter);
        c::utskrivning_string_free(ptr::null_mut());
        c::utskrivning_case_free(ptr::null_mut());
    }
    assert!(s.is_null(), "a failed call wrote its output");
    assert!(!unsafe { CStr::from_ptr(c::utskrivning_version()) }.to_bytes().is_empty());
}
