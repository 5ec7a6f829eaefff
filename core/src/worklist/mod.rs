//! Worklists (spec: Worklists): across the cases the embedding system passes, what one role has
//! to do now — the list a professional opens each morning. Built from each case's public
//! answers (its messages, deadlines, questions and tracks), beside the planner: both work on
//! many cases.

use jiff::SignedDuration;
use serde::Serialize;

use crate::case::{Case, distinct_case_ids};
use crate::model::text::numbered_id;
use crate::model::{
    CareRequestState, DeadlineKind, DeadlineStatus, Error, Message, PhaseState, Result, Role, SipState, track,
};
use crate::time::Timestamp;
use crate::vocab::vocabulary;

vocabulary! {
    /// What a worklist item asks, in the spec's order of rows (the sort's tie-breaker).
    pub enum WorkKind {
        AcknowledgeMessage = "acknowledge_message",
        Deadline = "deadline",
        AnswerQuestion = "answer_question",
        AcknowledgeCareRequest = "acknowledge_care_request",
        DecideCareRequest = "decide_care_request",
        CompleteCareRequest = "complete_care_request",
        CloseCareRequest = "close_care_request",
        ScheduleSip = "schedule_sip",
        HoldSip = "hold_sip",
        ReadyForDischarge = "ready_for_discharge",
    }
}

/// One thing to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorklistItem {
    pub case_id: String,
    pub kind: WorkKind,
    /// The message's id, the question's id or the deadline's kind; `null` for the other kinds.
    #[serde(rename = "ref")]
    pub reference: Option<String>,
    /// When the item arose (the event that made it).
    pub since: Timestamp,
    /// When it is due; `null` where nothing is due.
    pub due: Option<Timestamp>,
    /// `at` is later than `due`.
    pub overdue: bool,
}

/// The worklist of `role` at `at` over `cases`; `unit` narrows a care contact's list to the
/// cases whose assigned unit is exactly `unit`. A `case_id` given twice is `invalid_input`, and
/// `patient` and `relative` are `not_permitted`, before any case is read. Each case that gives
/// at least one item is logged in its own access log (action `worklist`); cases the role may
/// not view are left out and not logged.
pub fn worklist(role: Role, at: Timestamp, cases: &mut [&mut Case], unit: Option<&str>) -> Result<Vec<WorklistItem>> {
    distinct_case_ids(cases.iter().map(|c| c.case_id()))?;
    if matches!(role, Role::Patient | Role::Relative) {
        return Err(Error::not_permitted_to_read("worklist", role));
    }
    let mut items = Vec::new();
    for case in cases.iter_mut() {
        let Some(case_id) = case.case_id().map(str::to_string) else { continue };
        if case.phase().is_finished() || case.may_view(role).is_err() {
            continue;
        }
        if role == Role::CareContact && unit.is_some_and(|u| case.care_contact_unit() != Some(u)) {
            continue;
        }
        let before = items.len();
        items_of(case, &case_id, role, at, &mut items);
        if items.len() > before {
            case.log_worklist(role, at);
        }
    }
    items.sort_by(|a, b| {
        (!a.overdue, a.due.is_none(), a.due, a.since, &a.case_id, a.kind, ref_order(a)).cmp(&(
            !b.overdue,
            b.due.is_none(),
            b.due,
            b.since,
            &b.case_id,
            b.kind,
            ref_order(b),
        ))
    });
    Ok(items)
}

/// `ref` by its number (`m2` before `m10`); a deadline's by the order of deadline kinds.
fn ref_order(item: &WorklistItem) -> u64 {
    let Some(r) = &item.reference else { return 0 };
    if item.kind == WorkKind::Deadline {
        return DeadlineKind::parse(r).and_then(|k| DeadlineKind::ALL.iter().position(|x| *x == k)).unwrap_or(0) as u64;
    }
    r.get(1..).and_then(|n| n.parse().ok()).unwrap_or(u64::MAX)
}

fn items_of(case: &Case, case_id: &str, role: Role, at: Timestamp, out: &mut Vec<WorklistItem>) {
    let mut push = |kind: WorkKind, reference: Option<String>, since: Timestamp, due: Option<Timestamp>| {
        let overdue = due.is_some_and(|d| at > d);
        out.push(WorklistItem { case_id: case_id.to_string(), kind, reference, since, due, overdue });
    };
    // Messages to acknowledge (a care request's stands in `acknowledge_care_request`).
    let hours = case.agreement().acknowledgement_hours;
    for (i, m) in case.messages().iter().enumerate() {
        if m.message != Message::CareRequest && m.to.contains(role) && !m.acknowledged.contains(role) {
            let due = hours.and_then(|h| m.at.checked_add(SignedDuration::from_hours(i64::from(h))).ok());
            push(WorkKind::AcknowledgeMessage, Some(numbered_id('m', i)), m.at, due);
        }
    }
    // Deadlines the role owes; after discharge, payment is a fact for billing, not a task.
    let discharged = matches!(case.phase(), PhaseState::Discharged);
    for d in case.deadlines(at) {
        let open = matches!(d.status, DeadlineStatus::Pending | DeadlineStatus::Overdue);
        let billing = discharged && d.kind == DeadlineKind::PaymentResponsibility;
        if d.owner == role && open && !billing {
            push(WorkKind::Deadline, Some(d.kind.as_str().to_string()), d.since, Some(d.due));
        }
    }
    for q in case.follow_ups().iter().filter(|q| !q.resolved && q.owner == role) {
        push(WorkKind::AnswerQuestion, Some(q.id.clone()), q.raised_at, None);
    }
    let request_since = case.track_since(track::CARE_REQUEST);
    let request = match (role, case.care_request()) {
        (Role::MunicipalCare, CareRequestState::Sent) => Some(WorkKind::AcknowledgeCareRequest),
        (Role::MunicipalCare, CareRequestState::Acknowledged) => Some(WorkKind::DecideCareRequest),
        (Role::CareContact, CareRequestState::CompletionRequested) => Some(WorkKind::CompleteCareRequest),
        (Role::CareContact, CareRequestState::Accepted | CareRequestState::Rejected) => {
            Some(WorkKind::CloseCareRequest)
        }
        _ => None,
    };
    if let (Some(kind), Some(since)) = (request, request_since) {
        push(kind, None, since, None);
    }
    if role == Role::CareContact {
        match (case.sip(), case.track_since(track::SIP), case.sip_meeting_at()) {
            (SipState::ToSchedule, Some(since), _) => push(WorkKind::ScheduleSip, None, since, None),
            (SipState::Scheduled, _, Some(meeting)) if at >= meeting => push(WorkKind::HoldSip, None, meeting, None),
            _ => {}
        }
    }
    let ready_roles = [Role::Inpatient, Role::CareContact, Role::SocialServices, Role::MunicipalCare];
    if let (PhaseState::Planning, Some(ready)) = (case.phase(), case.ready_for_discharge_at()) {
        if ready_roles.contains(&role) {
            push(WorkKind::ReadyForDischarge, None, ready, None);
        }
    }
}
