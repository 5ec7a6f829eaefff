//! The worklist of one care-contact unit over 100 000 live cases, against building the same
//! list by hand from each case's `view` (the state document a record system could read): the
//! ratio is the figure. Same items checked first.
//!
//! cargo run --release -p utskrivning-benches --bin worklist

use std::hint::black_box;
use std::time::Instant;

use utskrivning::{Case, Role, Timestamp, worklist};

const CASES: usize = 100_000;
const UNITS: usize = 100;

fn cases() -> Vec<Case> {
    (0..CASES)
        .map(|i| {
            let mut case = Case::new();
            let unit = format!("VC {}", i % UNITS);
            let steps = [
                format!(r#"{{"at":"2026-03-02T08:00:00Z","actor":"inpatient","type":"admit","case_id":"c-{i}","routine":"professional_check_in","municipal_care_at_admission":false,"agreement":{{"acknowledgement_hours":24}}}}"#),
                r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}"#.into(),
                format!(r#"{{"at":"2026-03-02T10:00:00Z","actor":"care_contact","type":"assign_care_contact","unit":"{unit}"}}"#),
                r#"{"at":"2026-03-02T11:00:00Z","actor":"patient","type":"raise_question","text":"När?","concerns_inpatient":false}"#.into(),
            ];
            for s in &steps {
                let _ = case.apply_json(s);
            }
            if i % 3 == 0 {
                let _ = case.apply_json(r#"{"at":"2026-03-02T12:00:00Z","actor":"inpatient","type":"mark_ready_for_discharge"}"#);
            }
            case
        })
        .collect()
}

/// The same list, by hand: each case's view as the care contact, filtered by unit, its items
/// read off the state document, then sorted as the spec sorts.
fn by_hand(cases: &mut [Case], unit: &str, at: Timestamp) -> usize {
    let mut items: Vec<(bool, Option<String>, String, String, u8)> = Vec::new();
    for case in cases.iter_mut() {
        let Ok(state) = case.view(Role::CareContact, at) else { continue };
        if state["care_contact"]["name"].as_str() != Some(unit)
            || !state["phase"].as_str().is_some_and(|p| p == "planning" || p == "admitted" || p == "discharged")
        {
            continue;
        }
        let id = state["case_id"].as_str().unwrap_or_default().to_string();
        for m in state["messages"].as_array().into_iter().flatten() {
            let to_me = m["to"].as_array().is_some_and(|t| t.iter().any(|r| r == "care_contact"));
            let acked = m["acknowledged"].as_array().is_some_and(|t| t.iter().any(|r| r == "care_contact"));
            if to_me && !acked && m["message"] != "care_request" {
                items.push((false, None, m["at"].as_str().unwrap_or_default().into(), id.clone(), 0));
            }
        }
        for q in state["follow_ups"].as_array().into_iter().flatten() {
            if q["owner"] == "care_contact" && q["resolved"] == false {
                items.push((false, None, q["raised_at"].as_str().unwrap_or_default().into(), id.clone(), 2));
            }
        }
        if state["phase"] == "planning" && !state["ready_for_discharge_at"].is_null() {
            items.push((
                false,
                None,
                state["ready_for_discharge_at"].as_str().unwrap_or_default().into(),
                id.clone(),
                9,
            ));
        }
        for d in case.deadlines(at) {
            if d.owner == Role::CareContact && d.met_at.is_none() {
                items.push((false, Some(d.due.to_string()), d.since.to_string(), id.clone(), 1));
            }
        }
    }
    items.sort();
    items.len()
}

fn main() {
    let at: Timestamp = "2026-03-03T09:30:00Z".parse().unwrap_or(Timestamp::UNIX_EPOCH);
    let unit = "VC 7";
    let built = Instant::now();
    let mut all = cases();
    println!("{CASES} live cases in {UNITS} units built in {:.1} s", built.elapsed().as_secs_f64());
    let engine_items = {
        let mut refs: Vec<&mut Case> = all.iter_mut().collect();
        worklist(Role::CareContact, at, &mut refs, Some(unit)).map(|v| v.len()).unwrap_or(0)
    };
    let hand_items = by_hand(&mut all, unit, at);
    assert_eq!(engine_items, hand_items, "the two lists differ");
    let rounds = 5;
    let started = Instant::now();
    for _ in 0..rounds {
        let mut refs: Vec<&mut Case> = all.iter_mut().collect();
        black_box(worklist(Role::CareContact, at, &mut refs, Some(unit)).map(|v| v.len()).unwrap_or(0));
    }
    let engine = started.elapsed().as_secs_f64() / f64::from(rounds);
    let started = Instant::now();
    for _ in 0..rounds {
        black_box(by_hand(&mut all, unit, at));
    }
    let hand = started.elapsed().as_secs_f64() / f64::from(rounds);
    println!("worklist of one unit ({engine_items} items): {:.1} ms", engine * 1e3);
    println!("by hand from each case's view: {:.1} ms", hand * 1e3);
    println!("ratio: the worklist takes {:.3}× the time of the views ({:.0}× faster)", engine / hand, hand / engine);
}
