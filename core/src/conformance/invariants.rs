//! The invariants every reachable case keeps, stated once for the property tests, the
//! exhaustive exploration and the fuzzers.

use crate::case::{Accepted, Case};
use crate::conformance::explore::explore_time;
use crate::machine::MUST_AGREE;
use crate::model::{
    CareRequestState, CheckInState, ColorTrackState, ConsentValue, Event, EventKind, EventType, PhaseState, Purpose,
    Result, Role,
};

/// Checks the invariants of one case; `Err` names the one broken.
pub fn check_case(case: &Case) -> std::result::Result<(), String> {
    // The journal decoded once, for every check below.
    let journal = case.journal();
    // replay(journal) gives the same state.
    match Case::replay(&journal) {
        Ok(replayed) if replayed.machine() == case.machine() => {}
        Ok(_) => return Err("replay(journal) differs from the state".into()),
        Err(e) => return Err(format!("replay(journal) was rejected: {e}")),
    }
    // Municipal care may view exactly when it has a care relationship, judged here from the
    // journal and the request's state, independently of the view rule's own bookkeeping.
    let enrolled = journal.iter().any(|e| {
        matches!(e.kind, EventKind::Admit { municipal_care_at_admission: true, .. })
            || e.kind.event_type() == EventType::AcceptCareRequest
    });
    let relationship = enrolled || case.care_request().is_open();
    let mut probe = case.clone();
    let at = journal.last().map_or(explore_time(), |e| e.at);
    if case.phase() != PhaseState::NotAdmitted && probe.view(Role::MunicipalCare, at).is_ok() != relationship {
        return Err(format!("municipal care view allowed = {}, care relationship = {relationship}", !relationship));
    }
    // No care request is ever `sent` without the patient's consent given.
    if case.care_request() == CareRequestState::Sent && case.consent(Purpose::CareRequest) != ConsentValue::Given {
        return Err("a care request is sent without the care request consent given".into());
    }
    // Only the red colour track is ever decided, and only with all three parties.
    let decided = journal.iter().filter(|e| e.kind.event_type() == EventType::DecideColorTrack).count();
    match case.color_track() {
        ColorTrackState::Undecided if decided == 0 => {}
        ColorTrackState::Red | ColorTrackState::NotRed if decided == 1 => {
            let agreed = &case.machine().color_track_record().agreed_by;
            if !MUST_AGREE.iter().all(|r| agreed.contains(r)) {
                return Err("a colour track was decided without all three parties".into());
            }
        }
        other => return Err(format!("colour track {other} after {decided} decisions")),
    }
    // Coordination is with the care contact exactly when a check-in has been held.
    let with_care_contact = case.coordination().responsible == Role::CareContact;
    if with_care_contact != (case.check_in() == CheckInState::Held) {
        return Err(format!(
            "coordination with the care contact = {with_care_contact}, check-in = {}",
            case.check_in()
        ));
    }
    // A closed case has no open items.
    if case.phase() == PhaseState::Closed && !case.open_items().is_empty() {
        return Err(format!("closed with open items {:?}", case.open_items()));
    }
    Ok(())
}

/// Checks one attempted event: a rejection left the case identical (state, journal and access
/// log all equal, so the snapshots are byte-identical too), an
/// acceptance journaled exactly this event; and the case after keeps every invariant.
pub fn check_step(
    before: &Case,
    event: &Event,
    answer: &Result<Accepted>,
    after: &Case,
) -> std::result::Result<(), String> {
    check_answer(before, event, answer, after)?;
    if answer.is_ok() { check_case(after) } else { Ok(()) }
}

/// The part of [`check_step`] that does not replay: the answer is a spec code or an acceptance
/// that journaled exactly this event, and a rejection changed nothing.
pub fn check_answer(
    before: &Case,
    event: &Event,
    answer: &Result<Accepted>,
    after: &Case,
) -> std::result::Result<(), String> {
    // The journal holds the event as the engine writes it: its role lists in the Roles order.
    let mut written = event.clone();
    written.kind.normalize_roles();
    match answer {
        Err(_) if before != after => Err(format!("rejected {} changed the case", event.kind.event_type())),
        Err(_) => Ok(()),
        Ok(_)
            if after.journal_len() != before.journal_len() + 1 || after.events().last().as_ref() != Some(&written) =>
        {
            Err("an accepted event was not journaled as written".into())
        }
        Ok(_) => Ok(()),
    }
}
