//! One workload in a loop, for a profiler: `valgrind --tool=callgrind` counts instructions,
//! which stay stable on a loaded machine where times do not.
//!
//! cargo build --release -p utskrivning-benches --bin profile
//! valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out target/release/profile WORKLOAD N
//! callgrind_annotate /tmp/cg.out | head -40
//!
//! WORKLOAD: stream (core), baseline, replay, replay_json, snapshot, restore, snapshot_restore,
//! snapshot_bytes, restore_bytes, bytes_roundtrip, event_from_json, view, deadlines. Prints the work done so it
//! cannot be optimised away.

use std::hint::black_box;

use utskrivning::{Case, Role};
use utskrivning_benches::fixtures;
use utskrivning_benches::measure::{self, Workloads};

fn main() {
    let mut args = std::env::args().skip(1);
    let workload = args.next().unwrap_or_else(|| "stream".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let w = Workloads::new();
    let full = w.full();
    let mut work = 0usize;
    match workload.as_str() {
        "stream" => {
            for _ in 0..n {
                let mut case = w.ready.clone();
                work += measure::core_stream(&mut case, &w.stream);
            }
        }
        "baseline" => {
            for _ in 0..n {
                let mut base = w.ready_baseline.clone();
                work += measure::baseline_stream(&mut base, &w.stream);
            }
        }
        "replay" => {
            // Decoded once: what is measured is the replay of a journal the caller holds.
            let journal = full.journal();
            for _ in 0..n {
                work += Case::replay(black_box(&journal)).map_or(0, |c| c.journal_len());
            }
        }
        "replay_json" => {
            let text = serde_json::to_string(&full.journal()).unwrap_or_default();
            for _ in 0..n {
                work += Case::replay_json(black_box(&text)).map_or(0, |c| c.journal_len());
            }
        }
        "snapshot" => {
            for _ in 0..n {
                work += black_box(full.snapshot_json()).len();
            }
        }
        "restore" => {
            let text = full.snapshot_json();
            for _ in 0..n {
                work += Case::restore(black_box(&text)).map_or(0, |c| c.journal_len());
            }
        }
        "snapshot_restore" => {
            for _ in 0..n {
                work += measure::snapshot_restore(black_box(full)).map_or(0, |c| c.journal_len());
            }
        }
        "snapshot_bytes" => {
            for _ in 0..n {
                work += black_box(full.snapshot_bytes()).len();
            }
        }
        "restore_bytes" => {
            let bytes = full.snapshot_bytes();
            for _ in 0..n {
                work += Case::restore_bytes(black_box(&bytes)).map_or(0, |c| c.journal_len());
            }
        }
        "bytes_roundtrip" => {
            for _ in 0..n {
                work += Case::restore_bytes(&black_box(full).snapshot_bytes()).map_or(0, |c| c.journal_len());
            }
        }
        "event_from_json" => {
            // The event of criterion's `apply/accepted_from_json`, read from its text alone.
            let text = r#"{"at":"2026-05-04T11:10:00Z","actor":"municipal_care","type":"acknowledge_care_request"}"#;
            for _ in 0..n {
                work += usize::from(utskrivning::embed::event_from_str(black_box(text)).is_ok());
            }
        }
        "view" => {
            let at = fixtures::time("2026-03-10T09:00:00+01:00");
            let mut case = full.clone();
            for _ in 0..n {
                work += usize::from(case.view(Role::MunicipalCare, at).is_ok());
            }
        }
        "deadlines" => {
            let at = fixtures::time("2026-03-05T08:00:00+01:00");
            for _ in 0..n {
                work += black_box(full.deadlines(at)).len();
            }
        }
        other => {
            eprintln!("unknown workload {other}");
            std::process::exit(2);
        }
    }
    println!("{workload} x {n}: {work}");
}
