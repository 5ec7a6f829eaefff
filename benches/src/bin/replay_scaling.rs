//! Replay time per event as the journal grows (issue: linear replay): a case with N events of
//! follow-up questions raised and answered (each answer finds its question by its number, not
//! by a scan), replayed from nothing. A flat line is the claim: the time per event at 1 k,
//! 100 k and 1 M events is about the same.
//!
//! cargo run --release -p utskrivning-benches --bin replay_scaling

use std::hint::black_box;
use std::time::Instant;

use utskrivning::{Case, Event, EventKind, Role, Routine, Timestamp};

fn journal(events: usize) -> Vec<Event> {
    let t0 = Timestamp::from_second(1_772_438_400).unwrap_or(Timestamp::UNIX_EPOCH);
    let at = |i: usize| Timestamp::from_second(t0.as_second() + i as i64).unwrap_or(t0);
    let mut journal = vec![Event {
        at: t0,
        actor: Role::Inpatient,
        kind: EventKind::Admit {
            case_id: "replay".into(),
            routine: Routine::ProfessionalCheckIn,
            municipal_care_at_admission: false,
            municipality: None,
            care_type: None,
            agreement: None,
        },
    }];
    let mut q = 0;
    while journal.len() < events {
        let i = journal.len();
        if i % 2 == 1 {
            journal.push(Event {
                at: at(i),
                actor: Role::Patient,
                kind: EventKind::RaiseQuestion { text: "När får jag åka hem?".into(), concerns_inpatient: false },
            });
            q += 1;
        } else {
            journal.push(Event {
                at: at(i),
                actor: Role::CareContact,
                kind: EventKind::AnswerQuestion { id: format!("q{q}") },
            });
        }
    }
    journal
}

fn main() {
    println!("{:>10} {:>12} {:>14}", "events", "replay (ms)", "ns per event");
    let mut per_event = Vec::new();
    for n in [1_000usize, 100_000, 1_000_000] {
        let events = journal(n);
        let rounds = (2_000_000 / n).max(1);
        let started = Instant::now();
        for _ in 0..rounds {
            let case = Case::replay(black_box(&events));
            black_box(case.is_ok());
        }
        let elapsed = started.elapsed().as_secs_f64() / rounds as f64;
        let ns = elapsed * 1e9 / n as f64;
        per_event.push(ns);
        println!("{n:>10} {:>12.1} {ns:>14.0}", elapsed * 1e3);
    }
    let (first, last) = (per_event.first().copied().unwrap_or(1.0), per_event.last().copied().unwrap_or(1.0));
    println!("1 M events cost {:.2}× the time per event of 1 k", last / first);
}
