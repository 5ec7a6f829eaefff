//! Criterion benchmarks of the engine: one event, the care-request stream against the
//! hand-written baseline, replay, snapshot and restore, view, deadlines. After criterion's
//! groups it prints the core/baseline ratio, timed interleaved in the same run.
//!
//! cargo bench -p utskrivning-benches                 # all
//! cargo bench -p utskrivning-benches -- replay       # one group (criterion's filter)

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput};
use serde_json::json;
use utskrivning::{Case, Role};
use utskrivning_benches::fixtures::{self, event, time};
use utskrivning_benches::measure::{self, Workloads};

fn apply(c: &mut Criterion, w: &Workloads) {
    let mut g = c.benchmark_group("apply");
    // A case with a request sent: acknowledging it is accepted, closing it is refused.
    let mut sent = w.ready.clone();
    let send = &w.stream[0];
    sent.apply(send).expect("the stream's first event sends the request");
    let ack = event("2026-05-04T11:10:00Z", "municipal_care", json!({"type": "acknowledge_care_request"}));
    let close = event("2026-05-04T11:10:00Z", "care_contact", json!({"type": "close_care_request"}));
    let ack_json = json!({"at": "2026-05-04T11:10:00Z", "actor": "municipal_care", "type": "acknowledge_care_request"})
        .to_string();
    g.bench_function("accepted", |b| {
        b.iter_batched_ref(|| sent.clone(), |case| black_box(case.apply(&ack)), BatchSize::SmallInput)
    });
    g.bench_function("refused_wrong_state", |b| {
        b.iter_batched_ref(|| sent.clone(), |case| black_box(case.apply(&close)), BatchSize::SmallInput)
    });
    g.bench_function("accepted_from_json", |b| {
        b.iter_batched_ref(|| sent.clone(), |case| black_box(case.apply_json(&ack_json)), BatchSize::SmallInput)
    });
    // The same event read from its text alone (issue 16 target 4: ≤ 0.3 µs), without the case.
    g.bench_function("event_from_json", |b| {
        b.iter(|| black_box(utskrivning::embed::event_from_str(black_box(&ack_json))))
    });
    g.finish();
}

fn care_request_stream(c: &mut Criterion, w: &Workloads) {
    let mut g = c.benchmark_group("care_request_stream");
    g.throughput(Throughput::Elements(w.stream.len() as u64));
    g.bench_function("core", |b| {
        b.iter_batched_ref(|| w.ready.clone(), |case| measure::core_stream(case, &w.stream), BatchSize::SmallInput)
    });
    g.bench_function("baseline", |b| {
        b.iter_batched_ref(
            || w.ready_baseline.clone(),
            |base| measure::baseline_stream(base, &w.stream),
            BatchSize::SmallInput,
        )
    });
    g.finish();
}

fn replay(c: &mut Criterion, w: &Workloads) {
    let mut g = c.benchmark_group("replay");
    for (name, _, case) in &w.stories {
        let journal = &case.journal();
        let journal_json = serde_json::to_string(journal).expect("a journal serialises");
        g.throughput(Throughput::Elements(journal.len() as u64));
        g.bench_function(*name, |b| b.iter(|| black_box(Case::replay(black_box(journal)))));
        g.bench_function(format!("{name}_json"), |b| b.iter(|| black_box(Case::replay_json(black_box(&journal_json)))));
    }
    g.finish();
}

fn snapshot(c: &mut Criterion, w: &Workloads) {
    let mut g = c.benchmark_group("snapshot");
    g.throughput(Throughput::Elements(1));
    for (name, _, case) in &w.stories {
        let text = case.snapshot_json();
        g.bench_function(format!("{name}/snapshot_json"), |b| b.iter(|| black_box(case.snapshot_json())));
        g.bench_function(format!("{name}/restore"), |b| b.iter(|| black_box(Case::restore(black_box(&text)))));
        g.bench_function(format!("{name}/snapshot_restore"), |b| b.iter(|| black_box(measure::snapshot_restore(case))));
        let bytes = case.snapshot_bytes();
        g.bench_function(format!("{name}/snapshot_bytes"), |b| b.iter(|| black_box(case.snapshot_bytes())));
        g.bench_function(format!("{name}/restore_bytes"), |b| {
            b.iter(|| black_box(Case::restore_bytes(black_box(&bytes))))
        });
        g.bench_function(format!("{name}/bytes_roundtrip"), |b| {
            b.iter(|| black_box(Case::restore_bytes(&black_box(case).snapshot_bytes())))
        });
    }
    g.finish();
}

fn view(c: &mut Criterion, w: &Workloads) {
    let mut g = c.benchmark_group("view");
    let at = time("2026-03-10T09:00:00+01:00");
    // Allowed (the state as JSON) and refused; each attempt is logged, so each gets its own copy.
    for (name, role) in [("allowed", Role::MunicipalCare), ("refused", Role::Relative)] {
        g.bench_function(name, |b| {
            b.iter_batched_ref(|| w.full().clone(), |case| black_box(case.view(role, at)), BatchSize::SmallInput)
        });
    }
    g.finish();
}

fn deadlines(c: &mut Criterion, w: &Workloads) {
    let mut g = c.benchmark_group("deadlines");
    // Seed 000 after the ready-for-discharge mark and before the SIP invitation: all four
    // deadlines stand, some pending.
    let steps = &w.stories[0].1;
    let in_flight = fixtures::play_prefix(steps, 19);
    let at = time("2026-03-05T08:00:00+01:00");
    g.bench_function("in_flight", |b| b.iter(|| black_box(in_flight.deadlines(black_box(at)))));
    g.bench_function("closed", |b| b.iter(|| black_box(w.full().deadlines(black_box(at)))));
    g.finish();
}

fn main() {
    let w = Workloads::new();
    let mut c = Criterion::default().configure_from_args();
    apply(&mut c, &w);
    care_request_stream(&mut c, &w);
    replay(&mut c, &w);
    snapshot(&mut c, &w);
    view(&mut c, &w);
    deadlines(&mut c, &w);
    c.final_summary();
    // Not under `cargo test --benches`, which runs each bench once as a smoke test. The ratio
    // takes about a second.
    if std::env::args().any(|a| a == "--bench") {
        let r = measure::care_request_ratio(&w, 41, 2000);
        println!(
            "care_request_stream ratio (core / baseline, median of 41 interleaved rounds): {:.2} \
             (core {:.0} ns, baseline {:.0} ns per stream of {} events; target <= 1.5)",
            r.ratio,
            r.a_ns,
            r.b_ns,
            w.stream.len()
        );
    }
}
