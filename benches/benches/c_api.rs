//! One `apply` through the C binding beside the core's, in one criterion group: the C binding's
//! own `extern "C"` functions (its sources built as the rlib `utskrivning_c`), called as a C
//! caller calls them — the event as NUL-terminated JSON text, the answer JSON written by the
//! binding and freed with `utskrivning_string_free`. After the group it prints the C / core
//! ratios, timed interleaved in the same run (docs/performance.md, "C: one apply through the
//! binding").
//!
//! cargo bench -p utskrivning-benches --bench c_api

use std::ffi::{CStr, CString};
use std::hint::black_box;
use std::os::raw::c_char;
use std::ptr;

use criterion::{BatchSize, Criterion};
use serde_json::json;
use utskrivning::Event;
use utskrivning_benches::fixtures::event;
use utskrivning_benches::measure::{self, Workloads};
use utskrivning_c::{
    utskrivning_case, utskrivning_case_apply, utskrivning_case_free, utskrivning_case_new,
    utskrivning_case_restore_bytes, utskrivning_result, utskrivning_string_free,
};

/// A C handle that owns its case: made from a binary snapshot (not timed), freed on drop.
struct Handle(*mut utskrivning_case);

impl Handle {
    fn restore(bytes: &[u8]) -> Handle {
        let mut h = ptr::null_mut();
        // SAFETY: the out-pointer is valid for writes; `bytes` is valid for its length; no key.
        unsafe {
            assert_eq!(utskrivning_case_new(&mut h), utskrivning_result::Ok);
            assert_eq!(
                utskrivning_case_restore_bytes(h, bytes.as_ptr(), bytes.len(), ptr::null(), 0),
                utskrivning_result::Ok
            );
        }
        Handle(h)
    }

    /// What a C caller does for one event: apply it, and free the answer when there is one.
    fn apply(&mut self, event_json: &CStr) -> utskrivning_result {
        let mut effects: *mut c_char = ptr::null_mut();
        // SAFETY: a live handle, a NUL-terminated string, an out-pointer valid for writes; the
        // answer is this library's string, freed once.
        unsafe {
            let result = utskrivning_case_apply(self.0, event_json.as_ptr(), &mut effects);
            utskrivning_string_free(black_box(effects));
            result
        }
    }
}

impl Drop for Handle {
    fn drop(&mut self) {
        // SAFETY: made by `utskrivning_case_new`, freed once here.
        unsafe { utskrivning_case_free(self.0) }
    }
}

/// One event as the core takes it and as C passes it.
struct Sample {
    name: &'static str,
    event: Event,
    json: String,
    c_json: CString,
    accepted: bool,
}

fn sample(name: &'static str, at: &str, actor: &str, event_type: &str, accepted: bool) -> Sample {
    let json = json!({"at": at, "actor": actor, "type": event_type}).to_string();
    let c_json = CString::new(json.clone()).expect("JSON text has no NUL");
    let event = event(at, actor, json!({"type": event_type}));
    Sample { name, event, json, c_json, accepted }
}

fn main() {
    let w = Workloads::new();
    // apply/accepted's case in engine.rs: a care request sent. Acknowledging it is accepted
    // (one message out), closing it is refused (wrong_state).
    let mut sent = w.ready.clone();
    sent.apply(&w.stream[0]).expect("the stream's first event sends the request");
    let bytes = sent.snapshot_bytes();
    let samples = [
        sample("accepted", "2026-05-04T11:10:00Z", "municipal_care", "acknowledge_care_request", true),
        sample("refused_wrong_state", "2026-05-04T11:10:00Z", "care_contact", "close_care_request", false),
    ];
    for s in &samples {
        // The C handle answers as the core does, before anything is timed.
        assert_eq!(Handle::restore(&bytes).apply(&s.c_json) == utskrivning_result::Ok, s.accepted, "{}", s.name);
        assert_eq!(sent.clone().apply_json(&s.json).is_ok(), s.accepted, "{}", s.name);
    }

    let mut c = Criterion::default().configure_from_args();
    let mut g = c.benchmark_group("c_api");
    for s in &samples {
        g.bench_function(format!("{}/core", s.name), |b| {
            b.iter_batched_ref(|| sent.clone(), |case| black_box(case.apply(&s.event)), BatchSize::SmallInput)
        });
        g.bench_function(format!("{}/core_from_json", s.name), |b| {
            b.iter_batched_ref(|| sent.clone(), |case| black_box(case.apply_json(&s.json)), BatchSize::SmallInput)
        });
        g.bench_function(format!("{}/c", s.name), |b| {
            b.iter_batched_ref(|| Handle::restore(&bytes), |h| black_box(h.apply(&s.c_json)), BatchSize::SmallInput)
        });
    }
    g.finish();
    c.final_summary();

    // Not under `cargo test --benches` (one smoke run each). About two seconds.
    if std::env::args().any(|a| a == "--bench") {
        for s in &samples {
            let c_apply = || timed(|| Handle::restore(&bytes), |h| h.apply(&s.c_json));
            let typed = measure::interleaved(ROUNDS, c_apply, || timed(|| sent.clone(), |case| case.apply(&s.event)));
            let text =
                measure::interleaved(ROUNDS, c_apply, || timed(|| sent.clone(), |case| case.apply_json(&s.json)));
            println!(
                "c_api {} (median of {ROUNDS} interleaved rounds): C / core {:.2} (C {:.0} ns, core {:.0} ns); \
                 C / core from JSON {:.2} (C {:.0} ns, core from JSON {:.0} ns)",
                s.name, typed.ratio, typed.a_ns, typed.b_ns, text.ratio, text.a_ns, text.b_ns
            );
        }
    }
}

const ROUNDS: usize = 101;
// Small batches, so that the inputs of one stay in cache as criterion's do.
const BATCH: usize = 256;

/// Nanoseconds per call of `f` on an input from `setup`, as criterion's `iter_batched_ref`
/// times it: the input made and the output dropped outside the clock.
fn timed<I, O>(setup: impl Fn() -> I, f: impl Fn(&mut I) -> O) -> f64 {
    measure::time_batched(BATCH, || (setup(), None), |(input, out)| *out = Some(black_box(f(input))))
}
