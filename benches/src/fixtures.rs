//! The workloads every figure is measured on: two typical full cases (the walkthrough's stories
//! of seed 000 and seed 003, rejections and views included) and the care-request stream that
//! the hand-written baseline runs too.
//!
//! Fixtures are constants of this crate, so a fixture that fails to parse is a bug here:
//! `expect` says which one.

use serde_json::{Value, json};
use utskrivning::{Case, Event, Role, Timestamp};

/// One step of a story: an event, or a view by a role.
#[derive(Debug, Clone)]
pub enum Step {
    Event(Event),
    View(Role, Timestamp),
}

/// Parses `{"type", <fields>}` with its time and actor into an event.
pub fn event(at: &str, actor: &str, fields: Value) -> Event {
    let mut object = fields;
    object["at"] = json!(at);
    object["actor"] = json!(actor);
    utskrivning::embed::event_from_value(&object).unwrap_or_else(|e| panic!("fixture event at {at}: {e}"))
}

pub fn time(at: &str) -> Timestamp {
    at.parse().unwrap_or_else(|e| panic!("fixture time {at}: {e}"))
}

fn ev(at: &str, actor: &str, fields: Value) -> Step {
    Step::Event(event(at, actor, fields))
}

fn view(at: &str, role: Role) -> Step {
    Step::View(role, time(at))
}

/// Seed 000, the red track: check-in by video, a refused colour, a care request refused for
/// want of consent and then sent, completed and accepted, a SIP at the hospital, discharge and
/// close. 23 events (21 accepted) and 2 views.
pub fn seed_000() -> Vec<Step> {
    vec![
        ev(
            "2026-03-02T08:00:00+01:00",
            "inpatient",
            json!({"type": "admit", "case_id": "demo-000", "routine": "professional_check_in", "municipal_care_at_admission": false}),
        ),
        ev(
            "2026-03-02T10:00:00+01:00",
            "inpatient",
            json!({"type": "send_admission_notice", "to": ["care_contact", "social_services"]}),
        ),
        ev(
            "2026-03-02T11:00:00+01:00",
            "care_contact",
            json!({"type": "assign_care_contact", "unit": "Vårdcentralen Norr"}),
        ),
        ev("2026-03-02T11:30:00+01:00", "inpatient", json!({"type": "add_rehab_party", "provider": "Rehab Syd"})),
        ev(
            "2026-03-02T12:00:00+01:00",
            "inpatient",
            json!({"type": "book_check_in", "starts_at": "2026-03-03T13:00:00+01:00", "remote": true}),
        ),
        ev("2026-03-03T13:00:00+01:00", "care_contact", json!({"type": "start_check_in"})),
        ev(
            "2026-03-03T13:05:00+01:00",
            "care_contact",
            json!({"type": "decide_color_track", "track": "green", "agreed_by": ["inpatient", "care_contact", "social_services"]}),
        ),
        ev(
            "2026-03-03T13:06:00+01:00",
            "care_contact",
            json!({"type": "decide_color_track", "track": "red", "agreed_by": ["inpatient", "care_contact", "social_services"]}),
        ),
        ev(
            "2026-03-03T13:08:00+01:00",
            "care_contact",
            json!({"type": "send_care_request", "question": "Behov av hemsjukvård?"}),
        ),
        ev("2026-03-03T13:10:00+01:00", "care_contact", json!({"type": "end_check_in"})),
        ev(
            "2026-03-03T14:00:00+01:00",
            "patient",
            json!({"type": "give_consent", "purpose": "care_request", "written_information_given": true}),
        ),
        ev(
            "2026-03-03T14:05:00+01:00",
            "care_contact",
            json!({"type": "send_care_request", "question": "Behov av hemsjukvård?"}),
        ),
        ev("2026-03-03T15:00:00+01:00", "municipal_care", json!({"type": "acknowledge_care_request"})),
        ev(
            "2026-03-04T09:00:00+01:00",
            "municipal_care",
            json!({"type": "request_completion", "missing": ["läkemedelslista"]}),
        ),
        ev(
            "2026-03-04T10:00:00+01:00",
            "care_contact",
            json!({"type": "complete_care_request", "supplied": "bifogad"}),
        ),
        ev("2026-03-04T11:00:00+01:00", "municipal_care", json!({"type": "accept_care_request"})),
        view("2026-03-04T11:30:00+01:00", Role::MunicipalCare),
        ev("2026-03-04T12:00:00+01:00", "patient", json!({"type": "give_consent", "purpose": "sip"})),
        ev("2026-03-04T13:00:00+01:00", "inpatient", json!({"type": "mark_ready_for_discharge"})),
        ev(
            "2026-03-05T09:00:00+01:00",
            "care_contact",
            json!({"type": "schedule_sip", "meeting_at": "2026-03-06T10:00:00+01:00", "place": "hospital", "participants": ["patient", "inpatient", "municipal_care", "care_contact"]}),
        ),
        ev("2026-03-06T11:00:00+01:00", "care_contact", json!({"type": "hold_sip"})),
        ev("2026-03-06T12:00:00+01:00", "care_contact", json!({"type": "close_care_request"})),
        ev("2026-03-07T10:00:00+01:00", "inpatient", json!({"type": "discharge"})),
        view("2026-03-08T09:00:00+01:00", Role::Patient),
        ev("2026-03-09T10:00:00+01:00", "care_contact", json!({"type": "close_case"})),
    ]
}

/// Seed 003, the individual's check-in on the five-item agenda, a follow-up question, a SIP
/// at the health centre. 21 events, all accepted.
pub fn seed_003() -> Vec<Step> {
    vec![
        ev(
            "2026-04-06T08:00:00+02:00",
            "inpatient",
            json!({"type": "admit", "case_id": "demo-003", "routine": "individual_check_in", "municipal_care_at_admission": true}),
        ),
        ev(
            "2026-04-06T09:00:00+02:00",
            "inpatient",
            json!({"type": "send_admission_notice", "to": ["care_contact", "social_services", "municipal_care"]}),
        ),
        ev(
            "2026-04-06T10:00:00+02:00",
            "care_contact",
            json!({"type": "assign_care_contact", "unit": "Hälsocentralen Väst"}),
        ),
        ev("2026-04-06T10:15:00+02:00", "inpatient", json!({"type": "add_rehab_party", "provider": "Rehab Väst"})),
        ev(
            "2026-04-06T10:30:00+02:00",
            "inpatient",
            json!({"type": "book_check_in", "starts_at": "2026-04-08T14:00:00+02:00", "remote": true}),
        ),
        ev("2026-04-08T14:00:00+02:00", "care_contact", json!({"type": "start_check_in"})),
        ev("2026-04-08T14:00:00+02:00", "care_contact", json!({"type": "start_item", "item": "opening"})),
        ev("2026-04-08T14:03:00+02:00", "social_services", json!({"type": "start_item", "item": "sol_application"})),
        ev(
            "2026-04-08T14:10:00+02:00",
            "social_services",
            json!({"type": "record_sol_application", "status": "applied"}),
        ),
        ev("2026-04-08T14:12:00+02:00", "care_contact", json!({"type": "start_item", "item": "sip_consent"})),
        ev("2026-04-08T14:15:00+02:00", "patient", json!({"type": "give_consent", "purpose": "sip"})),
        ev("2026-04-08T14:24:00+02:00", "care_contact", json!({"type": "start_item", "item": "other_questions"})),
        ev(
            "2026-04-08T14:25:00+02:00",
            "relative",
            json!({"type": "raise_question", "text": "Hur blir det med medicinerna?", "concerns_inpatient": true}),
        ),
        ev("2026-04-08T14:31:00+02:00", "care_contact", json!({"type": "start_item", "item": "closing"})),
        ev("2026-04-08T14:32:00+02:00", "care_contact", json!({"type": "end_check_in"})),
        ev("2026-04-09T09:00:00+02:00", "inpatient", json!({"type": "answer_question", "id": "q1"})),
        ev("2026-04-09T10:00:00+02:00", "inpatient", json!({"type": "mark_ready_for_discharge"})),
        ev(
            "2026-04-10T09:00:00+02:00",
            "care_contact",
            json!({"type": "schedule_sip", "meeting_at": "2026-04-14T10:00:00+02:00", "place": "Hälsocentralen Väst", "participants": ["patient", "care_contact", "social_services"]}),
        ),
        ev("2026-04-14T11:00:00+02:00", "care_contact", json!({"type": "hold_sip"})),
        ev("2026-04-15T10:00:00+02:00", "inpatient", json!({"type": "discharge"})),
        ev("2026-04-16T10:00:00+02:00", "care_contact", json!({"type": "close_case"})),
    ]
}

/// Plays a story on a new case: every event (refused ones leave the case as it was) and every
/// view (each goes to the access log).
pub fn play(steps: &[Step]) -> Case {
    let mut case = Case::new();
    for step in steps {
        match step {
            Step::Event(e) => {
                let _ = case.apply(e);
            }
            Step::View(role, at) => {
                let _ = case.view(*role, *at);
            }
        }
    }
    case
}

/// The story's first `n` steps: a case in flight.
pub fn play_prefix(steps: &[Step], n: usize) -> Case {
    play(&steps[..n.min(steps.len())])
}

/// A case at the point where a care request can be sent: admitted under seed 003 (no
/// check-in needed first), in planning, a care contact assigned, the care-request consent
/// given with the written information.
pub fn care_request_ready() -> Case {
    let setup = [
        event(
            "2026-05-04T08:00:00Z",
            "inpatient",
            json!({"type": "admit", "case_id": "bench-cr", "routine": "individual_check_in", "municipal_care_at_admission": false}),
        ),
        event(
            "2026-05-04T09:00:00Z",
            "inpatient",
            json!({"type": "send_admission_notice", "to": ["care_contact", "social_services"]}),
        ),
        event(
            "2026-05-04T10:00:00Z",
            "care_contact",
            json!({"type": "assign_care_contact", "unit": "Vårdcentralen Norr"}),
        ),
        event(
            "2026-05-04T10:30:00Z",
            "patient",
            json!({"type": "give_consent", "purpose": "care_request", "written_information_given": true}),
        ),
    ];
    Case::replay(&setup).unwrap_or_else(|e| panic!("care request setup: {e}"))
}

/// The care-request stream: every transition of the track (sent, acknowledged, completion
/// requested and completed, rejected, closed, withdrawn by the patient's withdrawal, sent
/// again, accepted, closed) and one refusal for each of the spec's checks on the way (actor,
/// state, blank text, the empty `missing` list, consent, enrolment). 22 events, 8 refused.
pub fn care_request_stream() -> Vec<Event> {
    vec![
        event(
            "2026-05-04T11:00:00Z",
            "care_contact",
            json!({"type": "send_care_request", "question": "Behov av hemsjukvård?"}),
        ),
        event("2026-05-04T11:05:00Z", "care_contact", json!({"type": "acknowledge_care_request"})), // not_permitted
        event("2026-05-04T11:10:00Z", "municipal_care", json!({"type": "acknowledge_care_request"})),
        event("2026-05-04T11:15:00Z", "municipal_care", json!({"type": "request_completion", "missing": []})), // missing_information
        event(
            "2026-05-04T11:20:00Z",
            "municipal_care",
            json!({"type": "request_completion", "missing": ["läkemedelslista"]}),
        ),
        event("2026-05-04T11:25:00Z", "care_contact", json!({"type": "close_care_request"})), // wrong_state
        event("2026-05-04T11:30:00Z", "care_contact", json!({"type": "complete_care_request", "supplied": "bifogad"})),
        event("2026-05-04T11:35:00Z", "municipal_care", json!({"type": "reject_care_request", "reason": "  "})), // missing_information
        event(
            "2026-05-04T11:40:00Z",
            "municipal_care",
            json!({"type": "reject_care_request", "reason": "Inget behov av insatser"}),
        ),
        event("2026-05-04T11:45:00Z", "care_contact", json!({"type": "close_care_request"})),
        event(
            "2026-05-04T12:00:00Z",
            "care_contact",
            json!({"type": "send_care_request", "question": "Nytt behov efter fall?"}),
        ),
        event("2026-05-04T12:05:00Z", "municipal_care", json!({"type": "acknowledge_care_request"})),
        event("2026-05-04T12:10:00Z", "patient", json!({"type": "withdraw_consent", "purpose": "care_request"})),
        event(
            "2026-05-04T12:15:00Z",
            "care_contact",
            json!({"type": "send_care_request", "question": "Behov av hemsjukvård?"}),
        ), // consent_missing
        event(
            "2026-05-04T12:20:00Z",
            "patient",
            json!({"type": "give_consent", "purpose": "care_request", "written_information_given": true}),
        ),
        event(
            "2026-05-04T12:25:00Z",
            "care_contact",
            json!({"type": "send_care_request", "question": "Behov av hemsjukvård?"}),
        ),
        event("2026-05-04T12:30:00Z", "municipal_care", json!({"type": "acknowledge_care_request"})),
        event("2026-05-04T12:35:00Z", "municipal_care", json!({"type": "accept_care_request"})),
        event("2026-05-04T12:40:00Z", "care_contact", json!({"type": "close_care_request"})),
        event(
            "2026-05-04T12:45:00Z",
            "care_contact",
            json!({"type": "send_care_request", "question": "Ytterligare behov?"}),
        ), // already_enrolled
        event("2026-05-04T12:50:00Z", "municipal_care", json!({"type": "acknowledge_care_request"})), // wrong_state
        event("2026-05-04T12:55:00Z", "municipal_care", json!({"type": "reject_care_request", "reason": "x"})), // wrong_state
    ]
}
