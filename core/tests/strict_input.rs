//! Spec version 2's strict input and its edges, each with the input that once passed.

use serde_json::json;
use utskrivning::{Case, Effect, ErrorCode, PlannerConfig};

fn admitted(routine: &str) -> Case {
    let mut case = Case::new();
    let admit = format!(
        r#"{{"at":"2026-03-02T08:00:00Z","actor":"inpatient","type":"admit","case_id":"c-1","routine":"{routine}","municipal_care_at_admission":false}}"#
    );
    case.apply_json(&admit).unwrap();
    case
}

fn refusal(case: &mut Case, json: &str) -> serde_json::Value {
    let before = case.snapshot_json();
    let e = case.apply_json(json).unwrap_err();
    assert_eq!(case.snapshot_json(), before, "a refusal changed the case");
    assert_eq!(e.code, ErrorCode::InvalidInput, "{json}");
    e.details
}

#[test]
fn a_key_twice_is_refused_not_the_last_one_winning() {
    let mut case = admitted("professional_check_in");
    let d = refusal(
        &mut case,
        r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"cancel","type":"raise_question","reason":"x"}"#,
    );
    assert_eq!(d, json!({"field": "event", "problem": "duplicate_key"}));
    let snapshot = case.snapshot_json().replacen(r#""version":2"#, r#""version":2,"version":1"#, 1);
    assert_eq!(Case::restore(&snapshot).unwrap_err().details["problem"], "duplicate_key");
}

#[test]
fn an_unknown_key_is_named_only_when_it_is_an_identifier() {
    let mut case = admitted("professional_check_in");
    let d = refusal(
        &mut case,
        r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"discharge","19121212-1212 Tolvan":1}"#,
    );
    assert_eq!(d, json!({"problem": "unknown_field", "position": 3}));
    assert!(!d.to_string().contains("Tolvan"));
    let d = refusal(&mut case, r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"discharge","reson":1}"#);
    assert_eq!(d, json!({"field": "reson", "problem": "unknown_field"}));
    let mut fresh = Case::new();
    let d = refusal(
        &mut fresh,
        r#"{"at":"2026-03-02T08:00:00Z","actor":"inpatient","type":"admit","case_id":"c","routine":"individual_check_in","municipal_care_at_admission":false,"agreement":{"payment_days":2,"Dr Anna":1}}"#,
    );
    assert_eq!(d, json!({"field": "agreement", "problem": "unknown_field", "position": 1}));
}

#[test]
fn times_are_rfc3339_exactly() {
    let mut case = admitted("professional_check_in");
    for at in [
        "2026-03-02T23:59Z",
        "2026-03-02T23:59:59+0100",
        "2026-03-02T23:59:59+24:00",
        "2026-03-02T23:59:59+25:59",
        "20260302T235959Z",
        "2026-03-02T23:59:59,5Z",
        "+002026-03-02T23:59:59Z",
        "2026-03-02T23:59:59Z[America/New_York]",
    ] {
        let d = refusal(&mut case, &format!(r#"{{"at":"{at}","actor":"inpatient","type":"discharge"}}"#));
        assert_eq!(d, json!({"field": "at", "problem": "not_a_timestamp"}), "{at}");
    }
    // A 9-digit fraction is valid, and written back with only the digits it needs.
    case.apply_json(r#"{"at":"2026-03-02T09:00:00.500000000+01:00","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#).unwrap();
    assert_eq!(case.state_value()["last_event_at"], "2026-03-02T08:00:00.5Z");
}

#[test]
fn blank_is_white_space_controls_and_format_characters() {
    let mut case = admitted("professional_check_in");
    for text in ["\u{200B}", "\u{2063} \u{00A0}", "\u{FEFF}"] {
        let e = case.apply_json(&json!({"at": "2026-03-02T09:00:00Z", "actor": "care_contact", "type": "assign_care_contact", "unit": text}).to_string()).unwrap_err();
        assert_eq!((e.code, e.details.clone()), (ErrorCode::MissingInformation, json!({"field": "unit"})));
    }
}

#[test]
fn case_ids_and_personal_numbers() {
    for (id, problem) in [
        ("", "out_of_range"),
        ("\u{200B}", "out_of_range"),
        ("19121212-1212 Tolvan", "personal_data"),
        ("121212+1212", "personal_data"),
    ] {
        let mut case = Case::new();
        let admit = json!({"at": "2026-03-02T08:00:00Z", "actor": "inpatient", "type": "admit", "case_id": id, "routine": "professional_check_in", "municipal_care_at_admission": false});
        let d = refusal(&mut case, &admit.to_string());
        assert_eq!(d, json!({"field": "case_id", "problem": problem}));
    }
}

#[test]
fn an_overrun_under_a_second_is_an_overrun() {
    let mut case = admitted("individual_check_in");
    let steps = [
        r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}"#,
        r#"{"at":"2026-03-02T09:01:00Z","actor":"care_contact","type":"assign_care_contact","unit":"VC"}"#,
        r#"{"at":"2026-03-02T09:02:00Z","actor":"inpatient","type":"book_check_in","starts_at":"2026-03-02T10:00:00Z","remote":false}"#,
        r#"{"at":"2026-03-02T10:00:00Z","actor":"care_contact","type":"start_check_in"}"#,
        r#"{"at":"2026-03-02T10:00:00Z","actor":"care_contact","type":"start_item","item":"opening"}"#,
        r#"{"at":"2026-03-02T10:03:00.5Z","actor":"social_services","type":"start_item","item":"sol_application"}"#,
        r#"{"at":"2026-03-02T10:04:00Z","actor":"care_contact","type":"skip_item","item":"sip_consent","reason":"later"}"#,
        r#"{"at":"2026-03-02T10:05:00Z","actor":"care_contact","type":"start_item","item":"other_questions"}"#,
        r#"{"at":"2026-03-02T10:06:00Z","actor":"care_contact","type":"start_item","item":"closing"}"#,
    ];
    for s in steps {
        case.apply_json(s).unwrap();
    }
    let end = case.apply_json(r#"{"at":"2026-03-02T10:07:00Z","actor":"care_contact","type":"end_check_in"}"#).unwrap();
    let overruns: Vec<&Effect> = end.effects.iter().filter(|e| matches!(e, Effect::Overrun { .. })).collect();
    assert_eq!(overruns.len(), 1, "{:?}", end.effects);
    assert!(matches!(overruns[0], Effect::Overrun { minutes: 4, timebox_minutes: 3, .. }), "{overruns:?}");
}

#[test]
fn weekly_times_are_hh_mm_exactly() {
    let config = |starts: &str| {
        json!({"hospital": "SU", "slot_minutes": 15, "times": [{"weekday": "monday", "starts": starts, "ends": "10:00"}]}).to_string()
    };
    assert!(PlannerConfig::from_json(&config("09:00")).is_ok());
    for bad in ["9:00", "1:00", "09:0", "24:00", "09:60", "09.00", " 09:00"] {
        let e = PlannerConfig::from_json(&config(bad)).unwrap_err();
        assert_eq!(e.details["problem"], "not_a_time", "{bad}");
    }
}

#[test]
fn the_last_instant_rfc3339_writes_is_a_time() {
    let mut case = Case::new();
    let admit = r#"{"at":"9999-12-31T23:59:59Z","actor":"inpatient","type":"admit","case_id":"c-1","routine":"professional_check_in","municipal_care_at_admission":false}"#;
    case.apply_json(admit).unwrap();
    assert_eq!(case.state_value()["admitted_at"], "9999-12-31T23:59:59Z");
    let restored = Case::restore(&case.snapshot_json()).unwrap();
    assert_eq!(restored.snapshot_json(), case.snapshot_json());
    // Its deadlines lie past the end of time: they saturate instead of failing.
    assert!(!case.deadlines("9999-12-31T23:59:59.999999999Z".parse().unwrap()).is_empty());
}

/// Decision 64: a typed event holding what its JSON form cannot carry is refused as the JSON
/// reader refuses that field, the case unchanged, so every accepted event reads back as itself.
#[test]
fn a_typed_event_json_cannot_carry_is_refused_as_json_would_be() {
    use utskrivning::{Event, EventKind, Role, Routine, Timestamp};
    let at = |s: &str| s.parse::<Timestamp>().unwrap();
    let typed = |case: &mut Case, kind: EventKind| {
        let before = case.snapshot_json();
        let e = case.apply(&Event { at: at("2026-03-02T09:00:00Z"), actor: Role::Inpatient, kind }).unwrap_err();
        assert_eq!(case.snapshot_json(), before, "a refusal changed the case");
        assert_eq!(e.code, ErrorCode::InvalidInput);
        e.details
    };
    let mut case = admitted("professional_check_in");
    let d = typed(&mut case, EventKind::SendAdmissionNotice { to: vec![] });
    assert_eq!(d, json!({"field": "to", "problem": "empty_list"}));
    let json_refusal = refusal(
        &mut case,
        r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":[]}"#,
    );
    assert_eq!(d, json_refusal);

    let admit = |municipality: &str| EventKind::Admit {
        case_id: "c-2".into(),
        routine: Routine::ProfessionalCheckIn,
        municipal_care_at_admission: false,
        municipality: Some(municipality.into()),
        care_type: None,
        agreement: None,
    };
    let d = typed(&mut Case::new(), admit("148"));
    assert_eq!(d, json!({"field": "municipality", "problem": "unknown_value"}));
    let mut fresh = Case::new();
    fresh.apply(&Event { at: at("2026-03-02T09:00:00Z"), actor: Role::Inpatient, kind: admit("1480") }).unwrap();
    assert_eq!(fresh.journal(), Case::restore_bytes(&fresh.snapshot_bytes()).unwrap().journal());
}
