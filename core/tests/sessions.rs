//! Check-in sessions (docs/sessions.md): the session scenarios of `tests/sessions/*.json`, the
//! configuration and snapshot rules, and properties over random bookings. After every step of
//! a scenario or a property run, the planner's invariants are checked against the cases.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use serde_json::{Value, json};
use utskrivning::conformance::scenario::subset_mismatch;
use utskrivning::conformance::sessions::{self, check_invariants};
use utskrivning::{Case, Error, ErrorCode, Role, Timestamp};
use utskrivning::{Planner, PlannerConfig, Weekday, WeeklyTime};

const CONFIG: &str = r#"{"hospital": "h-1", "slot_minutes": 10, "times": [
    {"weekday": "tuesday", "starts": "13:00", "ends": "14:00"},
    {"weekday": "thursday", "starts": "13:00", "ends": "14:00"}]}"#;
const TUESDAY: &str = "2026-03-03T13:00";
const THURSDAY: &str = "2026-03-05T13:00";

fn ts(s: &str) -> Timestamp {
    s.parse().unwrap_or_else(|e| panic!("{s}: {e}"))
}

/// A case admitted on Monday 2 March 2026; in planning unless `planning` is false; with a care
/// contact's unit if given (as the session scenarios make them).
fn case(id: &str, unit: Option<&str>, planning: bool, municipal_care: bool) -> Case {
    let mut spec = json!({"municipal_care_at_admission": municipal_care});
    if !planning {
        spec["phase"] = json!("admitted");
    }
    if let Some(unit) = unit {
        spec["care_contact"] = json!(unit);
    }
    sessions::make_case(id, &spec).unwrap_or_else(|e| panic!("case {id}: {e}"))
}

// --- The session scenarios (tests/sessions/*.json) --------------------------------------

#[test]
fn every_session_scenario_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/sessions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 8, "only {} session scenarios", files.len());
    let failed: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let report = sessions::run_str(&text);
            (!report.passed()).then(|| format!("{}: {}", path.display(), report.failures.join("; ")))
        })
        .collect();
    assert!(failed.is_empty(), "{} of {} session scenarios failed:\n{}", failed.len(), files.len(), failed.join("\n"));
}

// --- Configuration -----------------------------------------------------------------------

fn config_error(json: &str) -> Value {
    let err = PlannerConfig::from_json(json).expect_err("the configuration should be refused");
    assert_eq!(err.code, ErrorCode::InvalidInput, "{err}");
    err.details
}

#[test]
fn a_configuration_names_what_is_wrong() {
    let time = |w: &str, s: &str, e: &str| json!({"weekday": w, "starts": s, "ends": e});
    let config =
        |times: Vec<Value>, slot: Value| json!({"hospital": "h-1", "times": times, "slot_minutes": slot}).to_string();
    let tue = time("tuesday", "13:00", "14:00");
    let cases = [
        (
            config(vec![tue.clone(), time("tuesday", "13:30", "14:30")], json!(10)),
            json!({"field": "times", "problem": "overlapping_sessions", "times_index": [0, 1]}),
        ),
        (config(vec![tue.clone()], json!(61)), json!({"field": "slot_minutes", "problem": "slot_longer_than_session"})),
        (config(vec![tue.clone()], json!(0)), json!({"field": "slot_minutes", "problem": "out_of_range"})),
        (config(vec![tue.clone()], json!("10")), json!({"field": "slot_minutes", "problem": "wrong_type"})),
        (config(vec![], json!(10)), json!({"field": "times", "problem": "empty_list"})),
        (
            config(vec![time("tisdag", "13:00", "14:00")], json!(10)),
            json!({"field": "weekday", "problem": "unknown_value", "times_index": 0}),
        ),
        (config(vec![time("tuesday", "1pm", "14:00")], json!(10)), json!({"field": "starts", "problem": "not_a_time"})),
        (
            config(vec![time("tuesday", "14:00", "13:00")], json!(10)),
            json!({"field": "ends", "problem": "inconsistent"}),
        ),
        (
            r#"{"hospital": "h-1", "times": [], "slot_minutes": 10, "slots": 6}"#.to_string(),
            json!({"field": "slots", "problem": "unknown_field"}),
        ),
        (
            r#"{"hospital": " ", "times": [], "slot_minutes": 10}"#.to_string(),
            json!({"field": "hospital", "problem": "missing"}),
        ),
        ("[]".to_string(), json!({"field": "config", "problem": "not_an_object"})),
    ];
    for (json, want) in cases {
        let got = config_error(&json);
        assert!(subset_mismatch(&want, &got, "details").is_none(), "{json}: expected {want}, got {got}");
    }
    // Back-to-back sessions touch but do not overlap; the same times on two days are fine.
    let ok =
        config(vec![tue.clone(), time("tuesday", "14:00", "15:00"), time("thursday", "13:00", "14:00")], json!(10));
    assert!(PlannerConfig::from_json(&ok).is_ok());
}

#[test]
fn sessions_follow_the_weekly_times_in_stockholm_time() {
    let planner = Planner::from_config_json(CONFIG).expect("config");
    // A week in winter (UTC+1) and one in summer (UTC+2).
    let winter =
        planner.sessions_between(ts("2026-03-02T00:00:00+01:00"), ts("2026-03-09T00:00:00+01:00")).expect("winter");
    let ids: Vec<_> = winter.iter().map(|s| (s.session.as_str(), s.starts_at.to_string(), s.slots, s.free)).collect();
    assert_eq!(
        ids,
        vec![(TUESDAY, "2026-03-03T12:00:00Z".into(), 6, 6), (THURSDAY, "2026-03-05T12:00:00Z".into(), 6, 6)]
    );
    let summer =
        planner.sessions_between(ts("2026-06-01T00:00:00+02:00"), ts("2026-06-08T00:00:00+02:00")).expect("summer");
    assert_eq!(summer.first().map(|s| s.starts_at.to_string()), Some("2026-06-02T11:00:00Z".into()));
    // A year fits; more is refused.
    assert_eq!(
        planner.sessions_between(ts("2026-01-01T00:00:00Z"), ts("2027-01-01T00:00:00Z")).expect("a year").len(),
        105
    ); // 2026 begins on a Thursday
    let err = planner.sessions_between(ts("2026-01-01T00:00:00Z"), ts("2028-01-01T00:00:00Z")).expect_err("two years");
    assert_eq!(err.details["problem"], "range_too_long");
}

#[test]
fn a_session_is_named_by_its_local_start_in_one_spelling() {
    let planner = Planner::from_config_json(CONFIG).expect("config");
    assert_eq!(planner.slots(TUESDAY).expect("tuesday").len(), 6);
    for id in ["2026-03-04T13:00", "2026-03-03T13:10", "2026-03-03T13:00:00", "2026-03-03 13:00", "tuesday", ""] {
        let err = planner.slots(id).expect_err(id);
        assert_eq!(
            (err.code, err.details.clone()),
            (ErrorCode::InvalidInput, json!({"field": "session", "problem": "unknown_value"})),
            "{id}"
        );
    }
}

#[test]
fn a_configuration_can_be_built_in_rust() {
    let times = vec![WeeklyTime::parse(Weekday::Tuesday, "13:00", "14:00").expect("time")];
    let planner = Planner::new(PlannerConfig { hospital: "h-1".into(), times, slot_minutes: 15 }).expect("planner");
    assert_eq!(planner.slots(TUESDAY).expect("slots").len(), 4);
    assert_eq!(
        serde_json::to_value(planner.config()).expect("json")["times"][0],
        json!({"weekday": "tuesday", "starts": "13:00", "ends": "14:00"})
    );
}

// --- Snapshots ---------------------------------------------------------------------------

fn booked_planner() -> (Planner, Case) {
    let mut planner = Planner::from_config_json(CONFIG).expect("config");
    let mut c1 = case("c-1", Some("vc-norr"), true, false);
    planner.book(TUESDAY, &mut c1, ts("2026-03-02T09:00:00Z")).expect("book");
    planner.reserve_questions_slot(TUESDAY, "vc-syd", ts("2026-03-02T09:00:00Z")).expect("questions slot");
    let _ = planner.view(TUESDAY, Role::Relative, None, ts("2026-03-02T09:01:00Z"), &[]);
    (planner, c1)
}

#[test]
fn a_snapshot_restores_an_identical_planner() {
    let (planner, _) = booked_planner();
    let snapshot = planner.snapshot_value();
    assert_eq!(snapshot["format"], "utskrivning.session_planner");
    assert_eq!(snapshot["version"], 1);
    assert_eq!(
        snapshot["sessions"],
        json!([{"session": TUESDAY, "slots": [
        {"index": 0, "care_contact": "vc-norr", "case_id": "c-1"},
        {"index": 1, "care_contact": "vc-syd", "case_id": null}]}])
    );
    assert_eq!(
        snapshot["access_log"],
        json!([{"at": "2026-03-02T09:01:00Z", "role": "relative", "session": TUESDAY, "outcome": "refused", "code": "not_permitted"}])
    );
    let restored = Planner::restore(&planner.snapshot_json()).expect("restore");
    assert_eq!(restored, planner);
}

#[test]
fn a_tampered_snapshot_is_refused() {
    let (planner, _) = booked_planner();
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut v = planner.snapshot_value();
        f(&mut v);
        Planner::restore(&v.to_string()).expect_err("tampered").details
    };
    let cases: Vec<(Value, Value)> = vec![
        (
            edit(&|v| v["version"] = json!(2)),
            json!({"field": "version", "problem": "unsupported_version", "supported": 1}),
        ),
        (edit(&|v| v["format"] = json!("utskrivning.case")), json!({"field": "format", "problem": "unknown_value"})),
        (edit(&|v| v["extra"] = json!(1)), json!({"field": "extra", "problem": "unknown_field"})),
        (
            edit(&|v| v["sessions"][0]["slots"][1]["index"] = json!(0)),
            json!({"field": "slots", "problem": "inconsistent"}),
        ),
        (
            edit(&|v| v["sessions"][0]["slots"][1]["index"] = json!(6)),
            json!({"field": "slots", "problem": "inconsistent"}),
        ),
        (
            edit(&|v| v["sessions"][0]["slots"][1]["case_id"] = json!("c-1")),
            json!({"field": "slots", "problem": "inconsistent"}),
        ),
        (
            edit(&|v| v["sessions"][0]["slots"][1]["care_contact"] = json!("vc-norr")),
            json!({"field": "slots", "problem": "inconsistent"}),
        ),
        (
            edit(&|v| v["sessions"][0]["session"] = json!("2026-03-04T13:00")),
            json!({"field": "session", "problem": "unknown_value", "sessions_index": 0}),
        ),
        (edit(&|v| v["sessions"][0]["slots"] = json!([])), json!({"field": "snapshot", "problem": "inconsistent"})),
        (edit(&|v| v["config"]["slot_minutes"] = json!(60)), json!({"field": "slots", "problem": "inconsistent"})),
        (
            edit(&|v| v["access_log"][0]["role"] = json!("nurse")),
            json!({"field": "access_log", "problem": "wrong_type"}),
        ),
    ];
    for (got, want) in cases {
        assert!(subset_mismatch(&want, &got, "details").is_none(), "expected {want}, got {got}");
    }
    assert_eq!(Planner::restore("{").expect_err("not json").details["problem"], "not_json");
}

// --- Properties --------------------------------------------------------------------------

/// A random operation: which, on which case / care contact, in which session.
#[derive(Debug, Clone)]
enum Op {
    Book(usize, usize),
    Rebook(usize, usize),
    Cancel(usize),
    Questions(usize, usize),
    Regroup(usize),
    CancelCase(usize),
}

const UNITS: [&str; 3] = ["vc-norr", "vc-syd", "vc-öst"];
const SESSIONS: [&str; 2] = [TUESDAY, THURSDAY];

fn op() -> impl Strategy<Value = Op> {
    let (c, s, u) = (0..10usize, 0..2usize, 0..3usize);
    prop_oneof![
        6 => (c.clone(), s.clone()).prop_map(|(c, s)| Op::Book(c, s)),
        2 => (c.clone(), s.clone()).prop_map(|(c, s)| Op::Rebook(c, s)),
        2 => c.clone().prop_map(Op::Cancel),
        1 => (u, s.clone()).prop_map(|(u, s)| Op::Questions(u, s)),
        1 => s.prop_map(Op::Regroup),
        1 => c.prop_map(Op::CancelCase),
    ]
}

/// Ten cases: c-0..c-7 with one of three care contacts, c-8 without one, c-9 not in planning.
fn cases() -> BTreeMap<String, Case> {
    (0..10)
        .map(|i| {
            let id = format!("c-{i}");
            let unit = UNITS.get(i % 3).copied().filter(|_| i != 8);
            let case = case(&id, unit, i != 9, i % 2 == 0);
            (id, case)
        })
        .collect()
}

fn perform(planner: &mut Planner, cases: &mut BTreeMap<String, Case>, op: &Op, at: Timestamp) -> Result<(), Error> {
    let id = |i: usize| format!("c-{i}");
    match *op {
        Op::Book(c, s) => cases.get_mut(&id(c)).map_or(Ok(()), |case| planner.book(SESSIONS[s], case, at).map(drop)),
        Op::Rebook(c, s) => {
            cases.get_mut(&id(c)).map_or(Ok(()), |case| planner.rebook(SESSIONS[s], case, at).map(drop))
        }
        Op::Cancel(c) => cases.get_mut(&id(c)).map_or(Ok(()), |case| planner.cancel(case, at).map(drop)),
        Op::Questions(u, s) => planner.reserve_questions_slot(SESSIONS[s], UNITS[u], at).map(drop),
        Op::Regroup(s) => {
            let mut all: Vec<&mut Case> = cases.values_mut().collect();
            planner.regroup(SESSIONS[s], &mut all, at).map(drop)
        }
        Op::CancelCase(c) => cases.get_mut(&id(c)).map_or(Ok(()), |case| {
            let event = json!({"at": at, "actor": "inpatient", "type": "cancel", "reason": "transferred"});
            case.apply_json(&event.to_string()).map(drop)
        }),
    }
}

/// After a regroup, each care contact's slots in the session are next to each other, from
/// the first slot, with no free slot between taken ones.
fn grouped(planner: &Planner, session: &str) -> Result<(), String> {
    let slots = planner.slots(session).map_err(|e| e.to_string())?;
    let units: Vec<Option<&String>> = slots.iter().map(|s| s.care_contact.as_ref()).collect();
    let taken = units.iter().take_while(|u| u.is_some()).count();
    if units.iter().skip(taken).any(Option::is_some) {
        return Err(format!("{session}: a free slot between taken ones: {units:?}"));
    }
    let mut blocks = units.clone();
    blocks.dedup();
    let mut distinct = blocks.clone();
    distinct.sort();
    distinct.dedup();
    (blocks.len() == distinct.len()).then_some(()).ok_or(format!("{session}: a care contact's slots apart: {units:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn random_bookings_keep_the_session_invariants(ops in proptest::collection::vec(op(), 1..40)) {
        let mut planner = Planner::from_config_json(CONFIG).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut cases = cases();
        let start = ts("2026-03-02T09:00:00Z");
        for (n, op) in ops.iter().enumerate() {
            let at = start.checked_add(jiff::SignedDuration::from_mins(n as i64)).unwrap_or(start);
            let (planner_before, cases_before) = (planner.clone(), cases.clone());
            let answer = perform(&mut planner, &mut cases, op, at);
            if answer.is_err() {
                // A refusal leaves the planner and every case as they were.
                prop_assert_eq!(&planner, &planner_before, "{:?} changed the planner", op);
                prop_assert_eq!(&cases, &cases_before, "{:?} changed a case", op);
            }
            if let (Op::Regroup(s), Ok(())) = (op, &answer) {
                grouped(&planner, SESSIONS[*s]).map_err(TestCaseError::fail)?;
            }
            check_invariants(&planner, &cases).map_err(|why| TestCaseError::fail(format!("after {op:?}: {why}")))?;
        }
        let restored = Planner::restore(&planner.snapshot_json()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(restored, planner);
    }

    #[test]
    fn cases_booked_one_care_contact_at_a_time_sit_together(order in Just((0..8usize).collect::<Vec<_>>()).prop_shuffle()) {
        // Whatever order the cases come in, booking them grouped by care contact keeps each
        // care contact's slots together without a regroup.
        let mut planner = Planner::from_config_json(&CONFIG.replace("\"slot_minutes\": 10", "\"slot_minutes\": 6")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut cases = cases();
        let mut sorted = order.clone();
        sorted.sort_by_key(|i| i % 3);
        for i in sorted {
            let case = cases.get_mut(&format!("c-{i}")).ok_or_else(|| TestCaseError::fail("case"))?;
            planner.book(TUESDAY, case, ts("2026-03-02T09:00:00Z")).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
        grouped(&planner, TUESDAY).map_err(TestCaseError::fail)?;
        check_invariants(&planner, &cases).map_err(TestCaseError::fail)?;
    }
}

/// Two different cases with one `case_id`: the second is refused in `book`, `rebook`,
/// `regroup` and `view` (`invalid_input`, `duplicate`), and the first keeps its slot.
#[test]
fn a_second_case_with_the_same_id_is_refused() {
    let (mut planner, mut c1) = booked_planner();
    let mut twin = case("c-1", Some("vc-syd"), true, true);
    let at = ts("2026-03-02T09:10:00Z");
    let dup = |e: Error| (e.code, e.details["problem"].clone());
    let before = (planner.snapshot_json(), twin.snapshot_json());
    assert_eq!(dup(planner.book(TUESDAY, &mut twin, at).unwrap_err()), (ErrorCode::InvalidInput, json!("duplicate")));
    assert_eq!(dup(planner.rebook(TUESDAY, &mut twin, at).unwrap_err()), (ErrorCode::InvalidInput, json!("duplicate")));
    assert_eq!((planner.snapshot_json(), twin.snapshot_json()), before);
    let e = planner.regroup(TUESDAY, &mut [&mut c1.clone(), &mut twin], at).unwrap_err();
    assert_eq!(dup(e), (ErrorCode::InvalidInput, json!("duplicate")));
    let e = planner.view(TUESDAY, Role::MunicipalCare, None, at, &[&c1, &twin]).unwrap_err();
    assert_eq!(dup(e), (ErrorCode::InvalidInput, json!("duplicate")));
    // A different case with the booked case's id grants municipal care nothing.
    let view = planner.view(TUESDAY, Role::MunicipalCare, None, at, &[&twin]).unwrap();
    assert!(view.slots.is_empty(), "{:?}", view.slots);
    assert_eq!(planner.slot_of("c-1").map(|s| s.index), Some(0));
    // The booked case itself still answers for itself.
    assert_eq!(planner.book(TUESDAY, &mut c1, at).unwrap_err().code, ErrorCode::WrongState);
}

/// A planner snapshot whose slots disagree with the cases, or whose access log names a session
/// the planner does not have, is refused.
#[test]
fn a_planner_snapshot_must_agree_with_its_cases_and_sessions() {
    let (planner, c1) = booked_planner();
    let json = planner.snapshot_json();
    assert!(Planner::restore_with_cases(&json, &[&c1]).is_ok());
    let stranger = case("c-1", Some("vc-norr"), true, false);
    let e = Planner::restore_with_cases(&json, &[&stranger]).unwrap_err();
    assert_eq!(e.details, json!({"field": "sessions", "problem": "mismatch", "case_id": "c-1"}));
    let mut v: Value = serde_json::from_str(&json).unwrap();
    v["access_log"][0]["session"] = json!("2026-03-03T13:17");
    let e = Planner::restore_value(&v).unwrap_err();
    assert_eq!(e.details, json!({"field": "access_log[0]", "problem": "malformed"}));
}
