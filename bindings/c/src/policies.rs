//! Writes `target/conformance/c/policies.json`: the answers every binding must give alike (the
//! cross-binding policies, compared between the bindings' files), each as a C caller gets it:
//! the strings of the exported functions, parsed. The internal error comes from the real panic
//! path of a handle, which only a test can reach.

use std::ffi::{CStr, CString};
use std::os::raw::c_char;
use std::path::{Path, PathBuf};
use std::ptr;

use serde_json::{Value, json};

use crate::case::*;
use crate::handle::change;
use crate::labels::utskrivning_label;
use crate::result::utskrivning_result as R;

fn take(s: *mut c_char) -> Value {
    assert!(!s.is_null());
    let text = unsafe { CStr::from_ptr(s) }.to_str().unwrap().to_string();
    unsafe { utskrivning_string_free(s) };
    serde_json::from_str(&text).unwrap()
}

fn last_error(case: *const utskrivning_case) -> Value {
    let mut s = ptr::null_mut();
    assert_eq!(unsafe { utskrivning_case_last_error(case, &mut s) }, R::Ok);
    take(s)
}

/// `{code, details}` of a label refused.
fn label_error(kind: &str, word: &str) -> Value {
    let (kind, word, lang) = (CString::new(kind).unwrap(), CString::new(word).unwrap(), c"en");
    let (mut buf, mut n, mut error) = ([0 as c_char; 64], 0usize, ptr::null_mut());
    let r = unsafe {
        utskrivning_label(kind.as_ptr(), word.as_ptr(), lang.as_ptr(), buf.as_mut_ptr(), 64, &mut n, &mut error)
    };
    assert_eq!(r, R::InvalidInput);
    let e = take(error);
    json!({"code": e["code"], "details": e["details"]})
}

fn accepted() -> Value {
    let mut case = ptr::null_mut();
    assert_eq!(unsafe { utskrivning_case_new(&mut case) }, R::Ok);
    let r = unsafe {
        utskrivning_case_admit(
            case,
            c"2026-03-02T08:00:00Z".as_ptr(),
            c"c-1".as_ptr(),
            c"professional_check_in".as_ptr(),
            0,
            ptr::null(),
            ptr::null(),
            ptr::null(),
        )
    };
    assert_eq!(r, R::Ok);
    let event = cr#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}"#;
    let mut effects = ptr::null_mut();
    assert_eq!(unsafe { utskrivning_case_apply(case, event.as_ptr(), &mut effects) }, R::Ok);
    unsafe { utskrivning_case_free(case) };
    take(effects)
}

/// What the caller sees after a panic inside a call that changes the case.
fn internal() -> Value {
    let mut case = ptr::null_mut();
    assert_eq!(unsafe { utskrivning_case_new(&mut case) }, R::Ok);
    let r: R = ffi_panic_boundary! {
        unsafe { change(case, |_| panic!("a bug")) }
    };
    assert_eq!(r, R::Internal);
    let e = last_error(case);
    unsafe { utskrivning_case_free(case) };
    e
}

fn out_dir() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |t| root.join(t));
    target.join("conformance").join("c")
}

#[test]
fn writes_the_policies() {
    let policies = json!({
        "accepted": accepted(),
        "unknown_word": label_error("role", "nobody"),
        "unknown_kind": label_error("nokind", "x"),
        "internal": internal(),
    });
    assert_eq!(policies["internal"]["details"], json!({"reason": "panic"}));
    assert_eq!(policies["unknown_word"]["details"]["field"], "word");
    assert_eq!(policies["unknown_kind"]["details"]["field"], "kind");
    let dir = out_dir();
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("policies.json"), serde_json::to_string_pretty(&policies).unwrap() + "\n").unwrap();
}
