//! The FHIR R4 export and import over the whole corpus: every scenario's and session's case
//! exported at its end and after every accepted event (its journal's prefixes), the text the
//! same each time, the statuses those of the case's states (docs/fhir.md's table), every
//! reference inside the Bundle resolving; the care request's Task read back as the event it
//! stands for, moving the case as the direct event does; and every Task that does not fit
//! refused with `invalid_input` naming the FHIR element.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use utskrivning::conformance::driven::drive_case;
use utskrivning::conformance::error_details;
use utskrivning::conformance::sessions::World;
use utskrivning::fhir::{self, codes};
use utskrivning::{
    CareRequestState, Case, CheckInState, ColorTrackState, DeadlineKind, ErrorCode, Event, EventKind, Lang, Purpose,
    Role, Timestamp, embed,
};

fn corpus(dir: &str) -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), serde_json::from_str(&text).unwrap())
        })
        .collect()
}

/// Every case of the corpus at its end (scenarios through the Rust driver, sessions through
/// their world), named by file (and case).
fn corpus_cases() -> Vec<(String, Case)> {
    let mut out = Vec::new();
    for (name, scenario) in corpus("tests/scenarios") {
        out.push((name, drive_case(&scenario)));
    }
    for (name, session) in corpus("tests/sessions") {
        let mut world = World::from(&session).unwrap();
        for step in session["steps"].as_array().unwrap() {
            let _ = world.perform(step);
        }
        for (id, case) in world.cases {
            out.push((format!("{name}:{id}"), case));
        }
    }
    out
}

fn t(s: &str) -> Timestamp {
    embed::timestamp("at", s).unwrap()
}

/// A moment after every event of the case (the export's `at`).
fn after(case: &Case) -> Timestamp {
    let last = case.last_event_at().unwrap_or(Timestamp::UNIX_EPOCH);
    last.checked_add(jiff::SignedDuration::from_hours(30)).unwrap_or(last)
}

fn resources<'a>(bundle: &'a Value, kind: &str) -> Vec<&'a Value> {
    bundle["entry"].as_array().unwrap().iter().map(|e| &e["resource"]).filter(|r| r["resourceType"] == kind).collect()
}

fn code_of(concept: &Value, system: &str) -> Option<String> {
    concept["coding"].as_array()?.iter().find(|c| c["system"] == system).map(|c| c["code"].as_str().unwrap().into())
}

fn with_category<'a>(bundle: &'a Value, kind: &str, code: &str) -> Vec<&'a Value> {
    resources(bundle, kind)
        .into_iter()
        .filter(|r| {
            let lists = [&r["category"], &r["serviceType"]];
            lists.iter().any(|l| {
                l.as_array()
                    .is_some_and(|l| l.iter().any(|c| code_of(c, codes::system::CONCEPT).as_deref() == Some(code)))
            })
        })
        .collect()
}

/// Every `reference` anywhere in the value.
fn references(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                match (k.as_str(), x) {
                    ("reference", Value::String(s)) => out.push(s.clone()),
                    _ => references(x, out),
                }
            }
        }
        Value::Array(a) => a.iter().for_each(|x| references(x, out)),
        _ => {}
    }
}

/// Every `{start, end}` pair anywhere in the value (periods, an appointment's times).
fn periods_of(v: &Value, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(m) => {
            if let (Some(Value::String(s)), Some(Value::String(e))) = (m.get("start"), m.get("end")) {
                out.push((s.clone(), e.clone()));
            }
            m.values().for_each(|x| periods_of(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| periods_of(x, out)),
        _ => {}
    }
}

/// The checks every exported Bundle passes.
fn check_bundle(name: &str, case: &Case, at: Timestamp) {
    let text = fhir::to_fhir(case, at).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert_eq!(text, fhir::to_fhir(case, at).unwrap(), "{name}: the same case and moment give the same text");
    assert_eq!(text, fhir::to_fhir(&case.clone(), at).unwrap(), "{name}: a clone gives the same text");
    let b: Value = serde_json::from_str(&text).unwrap();
    assert_eq!((b["resourceType"].as_str(), b["type"].as_str()), (Some("Bundle"), Some("collection")), "{name}");
    assert_eq!(b["timestamp"], json!(at), "{name}");

    // Ids: each fullUrl once, urn:uuid of the resource's id; every reference resolves.
    let entries = b["entry"].as_array().unwrap();
    let mut urls = BTreeSet::new();
    for e in entries {
        let url = e["fullUrl"].as_str().unwrap();
        assert_eq!(url, format!("urn:uuid:{}", e["resource"]["id"].as_str().unwrap()), "{name}");
        assert!(urls.insert(url.to_string()), "{name}: {url} twice");
    }
    let mut periods = Vec::new();
    periods_of(&b, &mut periods);
    for (start, end) in periods {
        assert!(t(&start) <= t(&end), "{name}: a period from {start} to {end} (per-1)");
    }
    let mut refs = Vec::new();
    references(&b, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        assert!(urls.contains(&r), "{name}: reference {r} does not resolve in the Bundle");
    }

    // The case.
    let plan = &with_category(&b, "CarePlan", "samordnad-utskrivning")[..];
    let [plan] = plan else { panic!("{name}: one case CarePlan") };
    let want = match case.phase().as_str() {
        "closed" => "completed",
        "cancelled" => "revoked",
        _ => "active",
    };
    assert_eq!(plan["status"], want, "{name}");
    let category = plan["category"].as_array().unwrap();
    let phase = category.iter().find_map(|c| code_of(c, codes::system::PHASE));
    assert_eq!(phase.as_deref(), Some(case.phase().as_str()), "{name}");
    let track = category.iter().find_map(|c| code_of(c, codes::system::COLOR_TRACK));
    assert_eq!(track.as_deref(), Some(case.color_track().as_str()), "{name}");
    let ready = category.iter().find_map(|c| code_of(c, codes::system::DISCHARGE_READINESS));
    assert_eq!(ready.is_some(), case.ready_for_discharge_at().is_some(), "{name}");
    assert_eq!(plan["identifier"][0]["value"], case.case_id().unwrap(), "{name}");

    // The care requests: one Task each, the last one the case's state; the journal's reading
    // of each agrees with the case on the last one, and the ones before it are over.
    let tasks = with_category_tasks(&b);
    let journal_states = fhir::journal_care_request_states(case);
    assert_eq!(tasks.len(), journal_states.len(), "{name}");
    assert_eq!(resources(&b, "ServiceRequest").len(), journal_states.len(), "{name}");
    if let Some(last) = journal_states.last() {
        assert_eq!(*last, case.care_request(), "{name}: the journal's reading of the request");
    } else {
        assert_eq!(case.care_request(), CareRequestState::None, "{name}");
    }
    for (i, task) in tasks.iter().enumerate() {
        let state = journal_states[i];
        assert!(i + 1 == tasks.len() || matches!(state, CareRequestState::Closed | CareRequestState::Withdrawn));
        let business = code_of(&task["businessStatus"], codes::system::CARE_REQUEST_STATE).unwrap();
        assert_eq!(business, state.as_str(), "{name}");
        let want = match state {
            CareRequestState::Sent | CareRequestState::None => "requested",
            CareRequestState::Acknowledged | CareRequestState::CompletionRequested => "received",
            CareRequestState::Accepted => "accepted",
            CareRequestState::Rejected => "rejected",
            CareRequestState::Closed if task.get("statusReason").is_some() => "rejected",
            CareRequestState::Closed => "completed",
            CareRequestState::Withdrawn => "cancelled",
        };
        assert_eq!(task["status"], want, "{name}");
        assert_eq!(task["intent"], "order");
        if matches!(state, CareRequestState::Sent) {
            assert!(task["executionPeriod"]["start"].is_null(), "{name}: not yet acknowledged");
        }
        if matches!(state, CareRequestState::Acknowledged | CareRequestState::Accepted) {
            assert!(task["executionPeriod"]["start"].is_string(), "{name}: acknowledged");
        }
        if state == CareRequestState::CompletionRequested {
            assert!(!task["output"].as_array().unwrap().is_empty(), "{name}");
            assert_eq!(task["owner"]["identifier"]["value"], "care_contact", "{name}");
        }
        if state == CareRequestState::Rejected {
            assert!(task["statusReason"]["text"].is_string(), "{name}");
        }
    }

    // Consents.
    let consents = resources(&b, "Consent");
    assert_eq!(consents.len(), 2, "{name}");
    for (purpose, consent) in Purpose::ALL.iter().zip(&consents) {
        let want = match case.consent(*purpose).as_str() {
            "given" => "active",
            "declined" => "rejected",
            "withdrawn" => "inactive",
            _ => "proposed",
        };
        assert_eq!(consent["status"], want, "{name} {purpose}");
        assert_eq!(code_of(&consent["policyRule"], codes::system::CONSENT_PURPOSE).as_deref(), Some(purpose.as_str()));
    }

    // The SIP, its meeting, the check-ins.
    let sip = with_category(&b, "CarePlan", "sip");
    assert_eq!(
        sip.len(),
        usize::from(case.sip().as_str() != "not_needed" || case.sip_meeting_at().is_some()),
        "{name}"
    );
    if let Some(sip) = sip.first() {
        let state = sip["category"].as_array().unwrap().iter().find_map(|c| code_of(c, codes::system::SIP_STATE));
        assert_eq!(state.as_deref(), Some(case.sip().as_str()), "{name}");
    }
    let meetings = with_category(&b, "Appointment", "sip");
    assert_eq!(meetings.len(), usize::from(case.sip_meeting_at().is_some()), "{name}");
    if let Some(m) = meetings.first() {
        assert_eq!(m["start"], json!(case.sip_meeting_at().unwrap()));
        if case.sip().as_str() == "held" {
            assert_eq!(m["status"], "fulfilled", "{name}");
        }
    }
    let check_ins = with_category(&b, "Appointment", "avstamning");
    if let Some(last) = check_ins.last() {
        let want = match case.check_in() {
            _ if case.phase().is_finished()
                && matches!(case.check_in(), CheckInState::Booked | CheckInState::InProgress) =>
            {
                "cancelled"
            }
            CheckInState::NotBooked => "cancelled",
            CheckInState::Booked => "booked",
            CheckInState::InProgress => "arrived",
            CheckInState::Held => "fulfilled",
        };
        assert_eq!(last["status"], want, "{name}");
        if let Some(starts) = case.check_in_starts_at() {
            assert_eq!(last["start"], json!(starts), "{name}");
        }
        assert!(check_ins[..check_ins.len() - 1].iter().all(|a| a["status"] == "cancelled"), "{name}");
    } else {
        assert_eq!(case.check_in(), CheckInState::NotBooked, "{name}");
    }

    // Messages: one Communication per recipient, `received` once acknowledged.
    let communications = resources(&b, "Communication");
    let recipients: usize = case.messages().iter().map(|m| m.to.roles().count()).sum();
    assert_eq!(communications.len(), recipients, "{name}");
    let acknowledged: usize =
        case.messages().iter().map(|m| m.to.roles().filter(|r| m.acknowledged.contains(*r)).count()).sum();
    assert_eq!(communications.iter().filter(|c| c.get("received").is_some()).count(), acknowledged, "{name}");

    // Deadlines at `at` and the access log.
    let deadlines = case.deadlines(at);
    let deadline_tasks: Vec<&Value> = resources(&b, "Task")
        .into_iter()
        .filter(|t| t["code"]["coding"][0]["system"] == codes::system::DEADLINE)
        .collect();
    assert_eq!(deadline_tasks.len(), deadlines.len(), "{name}");
    for (d, task) in deadlines.iter().zip(&deadline_tasks) {
        assert_eq!(task["code"]["coding"][0]["code"], d.kind.as_str());
        assert_eq!(task["status"], if d.status.as_str() == "met" { "completed" } else { "requested" }, "{name}");
        assert_eq!(
            code_of(&task["businessStatus"], codes::system::DEADLINE_STATUS).as_deref(),
            Some(d.status.as_str())
        );
        assert_eq!(task["restriction"]["period"]["end"], json!(d.due));
    }
    let audits = resources(&b, "AuditEvent");
    assert_eq!(audits.len(), case.access_log().len(), "{name}");
    for (a, entry) in audits.iter().zip(case.access_log()) {
        assert_eq!((a["action"].as_str(), a["recorded"].clone()), (Some("R"), json!(entry.at)));
        assert_eq!(a["outcome"], if entry.code.is_some() { "4" } else { "0" });
        assert_eq!(a["agent"][0]["role"][0]["coding"][0]["code"], entry.role.as_str());
    }
    assert_eq!(resources(&b, "Patient").len(), 1);
}

fn with_category_tasks(b: &Value) -> Vec<&Value> {
    resources(b, "Task")
        .into_iter()
        .filter(|t| code_of(&t["code"], codes::system::CONCEPT).as_deref() == Some("vardbegaran"))
        .collect()
}

#[test]
fn every_case_of_the_corpus_exports_at_its_end_and_after_every_event() {
    let mut bundles = 0;
    let mut kinds = BTreeSet::new();
    for (name, case) in corpus_cases() {
        if case.case_id().is_none() {
            let e = fhir::to_fhir(&case, Timestamp::UNIX_EPOCH).unwrap_err();
            assert_eq!(e.code, ErrorCode::WrongState, "{name}");
            continue;
        }
        check_bundle(&name, &case, after(&case));
        let journal: Vec<Event> = case.journal().to_vec();
        for k in 1..=journal.len() {
            let prefix = Case::replay(journal.iter().take(k)).unwrap();
            let at = journal[k - 1].at;
            check_bundle(&format!("{name} after event {k}"), &prefix, at);
            let text = fhir::to_fhir(&prefix, at).unwrap();
            for e in serde_json::from_str::<Value>(&text).unwrap()["entry"].as_array().unwrap() {
                kinds.insert(e["resource"]["resourceType"].as_str().unwrap().to_string());
            }
            bundles += 1;
        }
    }
    assert!(bundles > 500, "{bundles} bundles");
    println!("{bundles} Bundles after an event, each checked");
    let want =
        ["Patient", "CarePlan", "ServiceRequest", "Task", "Consent", "Appointment", "Communication", "AuditEvent"];
    assert!(want.iter().all(|k| kinds.contains(*k) || *k == "AuditEvent"), "{kinds:?}");
}

/// What municipal care's system does to the exported Task, and the event it stands for.
type Update = (&'static str, Box<dyn Fn(&mut Value)>, Event);

fn municipal_updates(state: CareRequestState, at: Timestamp) -> Vec<Update> {
    let event = |kind| Event { at, actor: Role::MunicipalCare, kind };
    let mut out: Vec<Update> = vec![
        (
            "received",
            Box::new(|t: &mut Value| {
                t["status"] = json!("received");
                t.as_object_mut().unwrap().remove("businessStatus");
            }),
            event(EventKind::AcknowledgeCareRequest),
        ),
        ("accepted", Box::new(|t: &mut Value| t["status"] = json!("accepted")), event(EventKind::AcceptCareRequest)),
        (
            "rejected",
            Box::new(|t: &mut Value| {
                t["status"] = json!("rejected");
                t["statusReason"] = json!({"text": "Inga lediga platser"});
            }),
            event(EventKind::RejectCareRequest { reason: "Inga lediga platser".into() }),
        ),
        (
            "completion requested",
            Box::new(|t: &mut Value| {
                t["status"] = json!("received");
                t["businessStatus"] =
                    json!({"coding": [{"system": codes::system::CARE_REQUEST_STATE, "code": "completion_requested"}]});
                t["output"] = json!([
                    {"type": {"coding": [{"system": codes::system::TASK_PARAMETER, "code": "missing"}]}, "valueString": "Läkemedelslista"},
                    {"type": {"text": "saknas"}, "valueString": "Funktionsbedömning"},
                ]);
            }),
            event(EventKind::RequestCompletion {
                missing: vec!["Läkemedelslista".into(), "Funktionsbedömning".into()],
            }),
        ),
    ];
    // A Task exported as completion requested and sent back so asks for it again.
    if state == CareRequestState::CompletionRequested {
        out.retain(|(n, ..)| *n != "completion requested");
    }
    out
}

#[test]
fn a_task_set_as_municipal_care_would_moves_the_case_as_the_direct_event() {
    let mut tried = 0;
    let mut accepted = BTreeSet::new();
    // Every moment of the corpus at which a request is open: each journal's prefixes.
    let mut moments = Vec::new();
    for (name, case) in corpus_cases() {
        let journal: Vec<Event> = case.journal().to_vec();
        for k in 1..=journal.len() {
            let prefix = Case::replay(journal.iter().take(k)).unwrap();
            if prefix.care_request().is_open() && !prefix.phase().is_finished() {
                moments.push((format!("{name} after event {k}"), prefix));
            }
        }
    }
    for (name, case) in moments {
        let at = case.last_event_at().unwrap();
        let bundle = fhir::to_fhir_value(&case, at).unwrap();
        let task = (*with_category_tasks(&bundle).last().unwrap()).clone();
        for (what, update, direct) in municipal_updates(case.care_request(), at) {
            let mut sent = task.clone();
            update(&mut sent);
            let event = fhir::from_fhir_task(&sent.to_string(), at).unwrap_or_else(|e| panic!("{name} {what}: {e}"));
            assert_eq!(event, direct, "{name} {what}");
            let (mut via_fhir, mut via_event) = (case.clone(), case.clone());
            let (a, b) = (via_fhir.apply(&event), via_event.apply(&direct));
            assert_eq!(a, b, "{name} {what}");
            assert_eq!(via_fhir, via_event, "{name} {what}");
            if let Err(e) = a {
                assert_eq!(e.code, ErrorCode::WrongState, "{name} {what}");
            } else {
                accepted.insert((case.care_request().as_str(), what));
                // The exported Task says what the case now is.
                let after = fhir::to_fhir_value(&via_fhir, at).unwrap();
                let task = *with_category_tasks(&after).last().unwrap();
                let want = match what {
                    "completion requested" => "received",
                    s => s,
                };
                assert_eq!(task["status"], want, "{name} {what}");
            }
            tried += 1;
        }
    }
    assert!(tried > 10, "{tried}");
    // Each way back was accepted from the state where it fits.
    for want in [
        ("sent", "received"),
        ("acknowledged", "accepted"),
        ("acknowledged", "rejected"),
        ("acknowledged", "completion requested"),
    ] {
        assert!(accepted.contains(&want), "{want:?} never tried: {accepted:?}");
    }
}

#[test]
fn a_task_that_does_not_fit_is_refused_naming_the_element() {
    let at = t("2026-03-05T10:00:00Z");
    let base = json!({"resourceType": "Task", "status": "received", "intent": "order"});
    let with = |f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        v.to_string()
    };
    let cs = codes::system::CARE_REQUEST_STATE;
    let cases: Vec<(String, &str, &str)> = vec![
        ("{".into(), "Task", "not_json"),
        (r#"{"resourceType": "Task", "resourceType": "Task"}"#.into(), "Task", "duplicate_key"),
        ("[]".into(), "Task", "not_an_object"),
        (with(&|v| drop(v.as_object_mut().unwrap().remove("resourceType"))), "Task.resourceType", "missing"),
        (with(&|v| v["resourceType"] = json!("ServiceRequest")), "Task.resourceType", "unknown_value"),
        (with(&|v| v["resourceType"] = json!(7)), "Task.resourceType", "wrong_type"),
        (with(&|v| drop(v.as_object_mut().unwrap().remove("status"))), "Task.status", "missing"),
        (with(&|v| v["status"] = json!(["received"])), "Task.status", "wrong_type"),
        (with(&|v| v["status"] = json!("completed")), "Task.status", "unknown_value"),
        (with(&|v| v["status"] = json!("Mottagen av Anna")), "Task.status", "unknown_value"),
        (with(&|v| v["status"] = json!("rejected")), "Task.statusReason", "missing"),
        (
            with(&|v| {
                v["status"] = json!("rejected");
                v["statusReason"] = json!({"coding": []});
            }),
            "Task.statusReason.text",
            "missing",
        ),
        (
            with(&|v| {
                v["status"] = json!("rejected");
                v["statusReason"] = json!({"text": 3});
            }),
            "Task.statusReason.text",
            "wrong_type",
        ),
        (
            with(&|v| v["businessStatus"] = json!({"coding": [{"system": cs, "code": "pending"}]})),
            "Task.businessStatus.coding[0].code",
            "unknown_value",
        ),
        (
            with(&|v| v["businessStatus"] = json!({"coding": [{"system": "x", "code": "y"}, {"system": cs}]})),
            "Task.businessStatus.coding[1].code",
            "missing",
        ),
        (with(&|v| v["businessStatus"] = json!("completion_requested")), "Task.businessStatus", "wrong_type"),
        (with(&|v| v["businessStatus"] = json!({"coding": {}})), "Task.businessStatus.coding", "wrong_type"),
        (
            with(&|v| v["businessStatus"] = json!({"coding": [{"system": cs, "code": "completion_requested"}]})),
            "Task.output",
            "missing",
        ),
        (
            with(&|v| {
                v["businessStatus"] = json!({"coding": [{"system": cs, "code": "completion_requested"}]});
                v["output"] = json!([]);
            }),
            "Task.output",
            "empty_list",
        ),
        (
            with(&|v| {
                v["businessStatus"] = json!({"coding": [{"system": cs, "code": "completion_requested"}]});
                v["output"] = json!([{"valueString": "a"}, {"valueBoolean": true}]);
            }),
            "Task.output[1].valueString",
            "missing",
        ),
    ];
    for (task, field, problem) in cases {
        let e = fhir::from_fhir_task(&task, at).expect_err(&task);
        assert_eq!(e.code, ErrorCode::InvalidInput, "{task}");
        assert_eq!(
            (e.details["field"].as_str(), e.details["problem"].as_str()),
            (Some(field), Some(problem)),
            "{task}"
        );
        error_details::check(&e).unwrap();
        // Never a value the Task carried.
        assert!(!e.details.to_string().contains("Anna") && !e.details.to_string().contains("pending"), "{task}");
    }
    // Our own businessStatus left as the export wrote it does not contradict a new status.
    let stale = json!({"resourceType": "Task", "status": "accepted", "businessStatus": {"coding": [{"system": cs, "code": "completion_requested"}]}});
    assert_eq!(fhir::from_fhir_task(&stale.to_string(), at).unwrap().kind, EventKind::AcceptCareRequest);
    // A Task of another system's codings and elements reads as its status says.
    let other = json!({"resourceType": "Task", "status": "accepted", "businessStatus": {"coding": [{"system": "urn:x", "code": "ok"}]}, "note": [{"text": "x"}]});
    assert_eq!(fhir::from_fhir_task(&other.to_string(), at).unwrap().kind, EventKind::AcceptCareRequest);
    // A blank reason is the case's to refuse, as for the direct event.
    let blank = json!({"resourceType": "Task", "status": "rejected", "statusReason": {"text": "  "}});
    assert_eq!(
        fhir::from_fhir_task(&blank.to_string(), at).unwrap().kind,
        EventKind::RejectCareRequest { reason: "  ".into() }
    );
}

#[test]
fn a_case_not_admitted_has_no_bundle_and_the_displays_are_the_glossarys() {
    let e = fhir::to_fhir(&Case::new(), t("2026-03-05T10:00:00Z")).unwrap_err();
    assert_eq!((e.code, e.details["event"].as_str()), (ErrorCode::WrongState, Some("to_fhir")));
    error_details::check(&e).unwrap();
    for role in Role::ALL {
        assert_eq!(codes::role_display(*role), embed::label("role", role.as_str(), Lang::Sv).unwrap());
    }
    for track in ColorTrackState::ALL {
        assert_eq!(codes::color_track_display(*track), embed::label("color_track", track.as_str(), Lang::Sv).unwrap());
    }
    for kind in DeadlineKind::ALL {
        assert_eq!(codes::deadline_display(*kind), embed::label("deadline", kind.as_str(), Lang::Sv).unwrap());
    }
    for purpose in Purpose::ALL {
        assert_eq!(codes::purpose_display(*purpose), embed::label("purpose", purpose.as_str(), Lang::Sv).unwrap());
    }
    assert!(codes::is_hsa_id("SE2321000016-15CQ") && !codes::is_hsa_id("Vårdcentralen Norrmalm"));
    assert!(
        !codes::is_hsa_id("SE232100001-1")
            && !codes::is_hsa_id("SE2321000016-")
            && !codes::is_hsa_id("SE2321000016-a b")
    );
}

#[test]
fn a_unit_named_by_its_hsa_id_is_exported_as_one() {
    let (mut case, _) =
        Case::admit(t("2026-03-02T08:00:00Z"), "c-hsa", utskrivning::Routine::IndividualCheckIn, false, None).unwrap();
    let apply = |case: &mut Case, json: Value| case.apply_json(&json.to_string()).unwrap();
    apply(
        &mut case,
        json!({"at": "2026-03-02T09:00:00Z", "actor": "care_contact", "type": "assign_care_contact", "unit": "SE2321000016-15CQ"}),
    );
    apply(
        &mut case,
        json!({"at": "2026-03-02T09:10:00Z", "actor": "inpatient", "type": "send_admission_notice", "to": ["care_contact"]}),
    );
    let b = fhir::to_fhir_value(&case, t("2026-03-02T10:00:00Z")).unwrap();
    let text = b.to_string();
    assert!(
        text.contains(r#""identifier":{"system":"urn:oid:1.2.752.29.4.19","value":"SE2321000016-15CQ"}"#),
        "{text}"
    );
}
