//! The issues' timing targets in one table, each measured with a plain timer (best of a
//! few rounds, since other processes only ever slow a round down); the criterion benches give
//! the distributions. Bytes per case: the `memory` binary.
//!
//! cargo run --release -p utskrivning-benches --bin targets

use std::hint::black_box;
use std::time::Duration;

use utskrivning::Case;
use utskrivning_benches::measure::{self, Workloads, per_second};

/// One line of the table; `met` is `None` for a figure without a target.
fn row(what: &str, value: String, target: &str, met: Option<bool>) {
    let verdict = match met {
        Some(true) => "met",
        Some(false) => "MISSED",
        None => "",
    };
    println!("{what:<52} {value:>16}  {target:<12} {verdict}");
}

fn main() {
    let w = Workloads::new();
    let round = Duration::from_millis(300);
    println!("{:<52} {:>16}  {:<12}", "figure", "measured", "target");

    let r = measure::care_request_ratio(&w, 41, 2000);
    row(
        &format!("care-request stream, core / baseline ({} events)", w.stream.len()),
        format!("{:.2}x", r.ratio),
        "<= 1.5x",
        Some(r.ratio <= 1.5),
    );
    println!("    core {:.0} ns, baseline {:.0} ns per stream (medians of 41 interleaved rounds)", r.a_ns, r.b_ns);

    for (name, _, case) in &w.stories {
        let journal = &case.journal();
        let events = journal.len() as f64
            * per_second(5, round, || {
                black_box(Case::replay(black_box(journal)).ok());
            });
        row(
            &format!("replay {name} ({} events), events/s", journal.len()),
            format!("{:.2} M", events / 1e6),
            ">= 5 M",
            Some(events >= 5e6),
        );
    }
    for (name, _, case) in &w.stories {
        let journal_json = serde_json::to_string(&case.journal()).unwrap_or_default();
        let events = case.journal_len() as f64
            * per_second(5, round, || {
                black_box(Case::replay_json(black_box(&journal_json)).ok());
            });
        row(&format!("replay {name} from JSON text, events/s"), format!("{:.2} M", events / 1e6), "-", None);
    }
    for (name, _, case) in &w.stories {
        let cases = per_second(5, round, || {
            black_box(measure::snapshot_restore(black_box(case)));
        });
        row(
            &format!("snapshot + restore {name}, cases/s"),
            format!("{:.1} k", cases / 1e3),
            ">= 200 k",
            Some(cases >= 2e5),
        );
        let text = case.snapshot_json();
        let snap = per_second(5, round, || {
            black_box(case.snapshot_json());
        });
        let restore = per_second(5, round, || {
            black_box(Case::restore(black_box(&text)).ok());
        });
        println!(
            "    snapshot_json alone {:.1} k/s, restore alone {:.1} k/s ({} bytes of JSON)",
            snap / 1e3,
            restore / 1e3,
            text.len()
        );
        restore_parts(case, &text, round);
    }
    for (name, _, case) in &w.stories {
        let cases = per_second(5, round, || {
            black_box(Case::restore_bytes(&black_box(case).snapshot_bytes()).ok());
        });
        row(
            &format!("binary snapshot + restore {name}, cases/s"),
            format!("{:.1} k", cases / 1e3),
            ">= 200 k",
            Some(cases >= 2e5),
        );
        let bytes = case.snapshot_bytes();
        let snap = per_second(5, round, || {
            black_box(case.snapshot_bytes());
        });
        let restore = per_second(5, round, || {
            black_box(Case::restore_bytes(black_box(&bytes)).ok());
        });
        let key = b"an embedding system's key of 32b";
        let keyed = per_second(5, round, || {
            let bytes = black_box(case).snapshot_bytes_with_key(key);
            let options = utskrivning::Restore { key: Some(key), ..utskrivning::Restore::default() };
            black_box(Case::restore_bytes_with(&bytes, &options).ok());
        });
        println!(
            "    snapshot_bytes alone {:.1} k/s, restore_bytes alone {:.1} k/s, both under a key {:.1} k/s ({} bytes)",
            snap / 1e3,
            restore / 1e3,
            keyed / 1e3,
            bytes.len()
        );
    }
}

/// Where restore's time goes, part by part (each in microseconds per case), and the floor
/// that no text format can go below: the replay and a typed comparison of the state.
fn restore_parts(case: &Case, text: &str, round: Duration) {
    let us = |rate: f64| 1e6 / rate;
    let value: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let journal_values = value.get("journal").and_then(|j| j.as_array()).cloned().unwrap_or_default();
    let journal = &case.journal();
    let parse = per_second(3, round, || {
        black_box(serde_json::from_str::<serde_json::Value>(black_box(text)).ok());
    });
    let events = per_second(3, round, || {
        for v in &journal_values {
            black_box(utskrivning::embed::event_from_value(black_box(v)).ok());
        }
    });
    let replay = per_second(3, round, || {
        black_box(Case::replay(black_box(journal)).ok());
    });
    let state = value.get("state").cloned().unwrap_or_default();
    let compare_json = per_second(3, round, || {
        black_box(black_box(case).state_value() == state);
    });
    let floor = per_second(3, round, || {
        let replayed = Case::replay(black_box(journal)).ok();
        black_box(replayed.is_some_and(|r| r.same_state(case)));
    });
    println!(
        "    restore's parts, us per case: text to JSON value {:.1}, events from values {:.1}, replay {:.1}, state as JSON + compare {:.1}",
        us(parse),
        us(events),
        us(replay),
        us(compare_json)
    );
    println!("    floor without text (replay + typed state comparison): {:.0} k cases/s", floor / 1e3);
}
