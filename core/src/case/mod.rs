//! The case: the spec's numbered check order, the journal and the access log over the
//! machine's tracks. `apply` is the one way a case changes.

mod access;
mod binary;
mod chain;
mod compact;
mod deadlines;
mod journal;
mod snapshot;

use serde::Serialize;

use crate::machine::{CaseState, Coordination, FollowUp, MessageEntry};
use crate::model::text::check_case_id;
use crate::model::{
    AccessAction, AccessEntry, AccessOutcome, AgendaItem, Agreement, CareRequestState, CareType, CheckInState,
    ColorTrackState, ConsentValue, Deadline, Detail, Effect, Error, Event, EventKind, PhaseState, Problem, Purpose,
    Result, Role, Routine, SipState, SolApplicationState,
};
use crate::time::{CivilDate, Timestamp};
use crate::wire;
use journal::Journal;

pub use binary::{BINARY_SNAPSHOT_TAG, BINARY_SNAPSHOT_VERSION};
pub use snapshot::{Restore, SNAPSHOT_FORMAT, SNAPSHOT_VERSION};

/// The rule every operation over many cases checks first: no `case_id` given twice
/// (`invalid_input`, `{"field": "cases", "problem": "duplicate"}`).
pub(crate) fn distinct_case_ids<'a>(ids: impl IntoIterator<Item = Option<&'a str>>) -> Result<()> {
    let mut seen = std::collections::HashSet::new();
    match ids.into_iter().flatten().any(|id| !seen.insert(id)) {
        true => Err(Error::invalid("cases", Problem::Duplicate)),
        false => Ok(()),
    }
}

/// The answer to an accepted event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub effects: Vec<Effect>,
}

/// One patient's discharge case. Holds no personal identity number: the embedding system keeps
/// the link from `case_id` to the patient.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Case {
    state: CaseState,
    journal: Journal,
    access_log: Vec<AccessEntry>,
}

impl Case {
    /// The moment before admission: there is no case yet, and the first event must be `admit`.
    pub fn new() -> Case {
        Case::default()
    }

    /// Admits a patient: a new case from its `admit` event.
    pub fn admit(
        at: Timestamp,
        case_id: &str,
        routine: Routine,
        municipal_care_at_admission: bool,
        agreement: Option<Agreement>,
    ) -> Result<(Case, Accepted)> {
        let mut case = Case::new();
        let kind = EventKind::Admit {
            case_id: case_id.to_string(),
            routine,
            municipal_care_at_admission,
            municipality: None,
            care_type: None,
            agreement,
        };
        let accepted = case.apply(&Event { at, actor: Role::Inpatient, kind })?;
        Ok((case, accepted))
    }

    /// Replays a journal from nothing. The result has the same state as the case that wrote it.
    pub fn replay<'a>(journal: impl IntoIterator<Item = &'a Event>) -> Result<Case> {
        let mut case = Case::new();
        let journal = journal.into_iter();
        case.journal.reserve_events(journal.size_hint().0);
        for (index, event) in journal.enumerate() {
            case.apply_quiet(event).map_err(|e| e.with(Detail::JournalIndex, index))?;
        }
        Ok(case)
    }

    /// Applies an event given as JSON text (`{"at", "actor", "type", <fields>}`).
    pub fn apply_json(&mut self, json: &str) -> Result<Accepted> {
        let event = wire::event_from_str(json)?;
        self.apply(&event)
    }

    /// Applies an event: accepted, the case moves and the effects say what to do; rejected, the
    /// case is exactly as it was and the error's code is the first check that failed.
    pub fn apply(&mut self, event: &Event) -> Result<Accepted> {
        if !event.kind.roles_normalized() {
            let mut normal = event.clone();
            normal.kind.normalize_roles();
            return self.apply(&normal);
        }
        let effects = self.judge(event, false)?;
        self.record(event);
        Ok(Accepted { effects })
    }

    /// `apply` without effects (quiet mode): the same state, journal and refusal, and nothing
    /// built for the embedding system to carry out. Replay and restore apply this way.
    pub(crate) fn apply_quiet(&mut self, event: &Event) -> Result<()> {
        if !event.kind.roles_normalized() {
            return self.apply_quiet_owned(event.clone());
        }
        self.judge(event, true)?;
        self.record(event);
        Ok(())
    }

    /// `apply_quiet` of an event the caller gives away (a decoded journal's): not cloned.
    pub(crate) fn apply_quiet_owned(&mut self, mut event: Event) -> Result<()> {
        if !event.kind.roles_normalized() {
            event.kind.normalize_roles();
        }
        self.judge(&event, true)?;
        self.record(&event);
        Ok(())
    }

    /// A decoded journal event judged quietly and not recorded: the caller keeps the bytes it
    /// was decoded from as the journal (`take_journal`). The decoder reads role lists only in
    /// the engine's order, so the event is as `apply` would have recorded it.
    pub(crate) fn judge_decoded(&mut self, event: &Event) -> Result<()> {
        self.judge(event, true).map(|_| ())
    }

    /// The journal of the events `judge_decoded` accepted, in their encoding.
    pub(crate) fn take_journal(&mut self, journal: Journal) {
        self.journal = journal;
        self.settle();
    }

    /// Keeps an accepted event in the journal.
    fn record(&mut self, event: &Event) {
        self.journal.push(event);
        self.settle();
    }

    fn settle(&mut self) {
        if self.phase().is_finished() {
            // No event is accepted after this one: spare room in the journal would be kept
            // for nothing as long as the case is (a doubling's worth: up to half of it).
            self.journal.shrink_to_fit();
            self.state.shrink();
        }
    }

    /// The check order over a normalised event; accepted, the state has moved (the journal
    /// not yet) and the effects are returned (none in quiet mode).
    fn judge(&mut self, event: &Event, quiet: bool) -> Result<Vec<Effect>> {
        let event_type = event.kind.event_type();
        let phase = self.phase();
        // 1. Well formed: every field as its JSON form can carry it (a typed event may hold
        //    what JSON cannot: an empty list, a municipality not of four digits), an agreement
        //    within its bounds, and (judged against the case) a question id that exists.
        if let Some((field, problem)) = event.kind.first_unwritable() {
            return Err(Error::invalid(field, problem));
        }
        match &event.kind {
            EventKind::Admit { case_id, agreement, .. } => {
                check_case_id(case_id)?;
                if let Some(agreement) = agreement {
                    agreement.validate()?;
                }
            }
            EventKind::AnswerQuestion { id } if self.state.follow_ups().get(id).is_none() => {
                return Err(Error::invalid("id", Problem::UnknownQuestion));
            }
            EventKind::AcknowledgeMessage { id } if self.state.messages().get(id).is_none() => {
                return Err(Error::invalid("id", Problem::UnknownMessage));
            }
            // The admission notice goes to professionals other than inpatient care itself.
            EventKind::SendAdmissionNotice { to }
                if to.iter().any(|r| matches!(r, Role::Inpatient | Role::Patient | Role::Relative)) =>
            {
                return Err(Error::invalid("to", Problem::NotARecipient));
            }
            // An administrative message goes to professionals other than its sender.
            EventKind::SendAdministrativeMessage { to, .. }
                if to.iter().any(|r| matches!(r, Role::Patient | Role::Relative) || *r == event.actor) =>
            {
                return Err(Error::invalid("to", Problem::NotARecipient));
            }
            _ => {}
        }
        // 2. The case is not finished.
        if phase.is_finished() {
            return Err(Error::case_finished(phase.as_str()));
        }
        // 3. Time does not go back.
        if let Some(last) = self.state.last_event_at() {
            if event.at < last {
                return Err(Error::time_went_backwards(last));
            }
        }
        // 4. The actor may perform this event.
        if !self.may_perform(event) {
            return Err(Error::not_permitted(event_type.as_str(), event.actor));
        }
        // 5. The track allows it; then blank texts; then the event's own guards (the machine).
        let blank = event.kind.first_blank_text();
        if quiet {
            self.state.apply_quiet(event, blank)?;
            Ok(Vec::new())
        } else {
            self.state.apply(event, blank)
        }
    }

    /// The actor column of the spec's tables.
    fn may_perform(&self, event: &Event) -> bool {
        match &event.kind {
            EventKind::StartItem { item } => event.actor == item.responsible(),
            EventKind::AnswerQuestion { id } => self.state.follow_ups().get(id).is_some_and(|q| q.owner == event.actor),
            // A professional recipient of the message; the patient and relatives are told, not
            // asked to acknowledge.
            EventKind::AcknowledgeMessage { id } => {
                !matches!(event.actor, Role::Patient | Role::Relative)
                    && self.state.messages().get(id).is_some_and(|m| m.to.contains(event.actor))
            }
            kind => kind.event_type().actors().contains(&event.actor),
        }
    }

    // --- Views, deadlines, accessors -----------------------------------------------------

    /// The case as `role` may see it at `at` (the state document), or the refusal. Every
    /// attempt goes to the access log. Views need not follow the events' time order, and a
    /// finished case can be viewed.
    pub fn view(&mut self, role: Role, at: Timestamp) -> Result<serde_json::Value> {
        self.check_view(role, at).map(|()| self.state_value())
    }

    /// Whether `role` may view the case (spec: Access), without logging anything.
    pub fn may_view(&self, role: Role) -> Result<()> {
        access::may_view(role, &self.state)
    }

    /// A worklist read the case: logged as allowed (action `worklist`).
    pub(crate) fn log_worklist(&mut self, role: Role, at: Timestamp) {
        self.access_log.push(AccessEntry {
            at,
            role,
            action: AccessAction::Worklist,
            outcome: AccessOutcome::Allowed,
            code: None,
        });
    }

    /// When the track at `path` (`care_request`, `sip`, …) last changed state.
    pub(crate) fn track_since(&self, path: &str) -> Option<Timestamp> {
        self.state.entered(path)
    }

    /// When the SIP meeting is, once scheduled.
    pub fn sip_meeting_at(&self) -> Option<Timestamp> {
        self.state.sip_record().meeting_at
    }

    /// When the ready-for-discharge notice in force was sent.
    pub fn ready_for_discharge_at(&self) -> Option<Timestamp> {
        self.state.phase_record().ready_for_discharge_at
    }

    /// The view rule and its access-log entry, without building the state document.
    pub(crate) fn check_view(&mut self, role: Role, at: Timestamp) -> Result<()> {
        if self.phase() == PhaseState::NotAdmitted {
            return Err(Error::wrong_state("view", "phase", PhaseState::NotAdmitted.as_str()));
        }
        let verdict = access::may_view(role, &self.state);
        self.access_log.push(AccessEntry {
            at,
            role,
            action: AccessAction::Read,
            outcome: if verdict.is_ok() { AccessOutcome::Allowed } else { AccessOutcome::Refused },
            code: verdict.as_ref().err().map(|e| e.code),
        });
        verdict
    }

    /// Every obligation, with its owner, due time and status at `at`.
    pub fn deadlines(&self, at: Timestamp) -> Vec<Deadline> {
        deadlines::of(&self.state, at)
    }

    pub fn phase(&self) -> PhaseState {
        self.state.phase()
    }

    /// The routine; before admission, `professional_check_in` (nothing depends on it then).
    pub fn routine(&self) -> Routine {
        self.state.routine()
    }

    pub fn agreement(&self) -> Agreement {
        self.state.agreement()
    }

    pub fn case_id(&self) -> Option<&str> {
        self.state.admission().map(|a| a.case_id.as_str())
    }

    pub fn municipal_care_at_admission(&self) -> bool {
        self.state.enrolled_at_admission()
    }

    /// The care contact's unit (`assign_care_contact`), if one is assigned.
    pub fn care_contact_unit(&self) -> Option<&str> {
        self.state.phase_record().care_contact.as_ref().map(|a| a.name.as_str())
    }

    pub fn check_in(&self) -> CheckInState {
        self.state.check_in()
    }

    /// When the check-in is booked to start, while one is booked or held.
    pub fn check_in_starts_at(&self) -> Option<Timestamp> {
        self.state.check_in_record().starts_at
    }

    pub fn care_request(&self) -> CareRequestState {
        self.state.care_request()
    }

    pub fn consent(&self, purpose: Purpose) -> ConsentValue {
        self.state.consent(purpose)
    }

    pub fn color_track(&self) -> ColorTrackState {
        self.state.color_track()
    }

    pub fn sip(&self) -> SipState {
        self.state.sip()
    }

    pub fn sol_application(&self) -> SolApplicationState {
        self.state.sol_application()
    }

    pub fn coordination(&self) -> &Coordination {
        self.state.coordination()
    }

    pub fn follow_ups(&self) -> &[FollowUp] {
        &self.state.follow_ups().0
    }

    /// Every message the case sent, in order (`m1` first), with who acknowledged it.
    pub fn messages(&self) -> &[MessageEntry] {
        &self.state.messages().0
    }

    /// The estimated day of discharge, when set.
    pub fn estimated_discharge(&self) -> Option<CivilDate> {
        self.state.phase_record().estimated_discharge
    }

    /// The home municipality's code, when given at admission.
    pub fn municipality(&self) -> Option<&str> {
        self.state.admission().and_then(|a| a.municipality.as_deref())
    }

    pub fn care_type(&self) -> CareType {
        self.state.admission().map_or(CareType::Somatic, |a| a.care_type)
    }

    /// What keeps a discharged case from closing (spec: `close_case`).
    pub fn open_items(&self) -> Vec<String> {
        self.state.open_items()
    }

    /// Each track's path and state name, in the snapshot's order.
    pub fn state_names(&self) -> [(&'static str, &'static str); 8] {
        self.state.state_names()
    }

    /// Municipal care has a care relationship (and so may view the case).
    pub fn municipal_care_has_relationship(&self) -> bool {
        self.state.municipal_care_related()
    }

    pub fn rehab_added(&self) -> bool {
        self.state.rehab_added()
    }

    /// The next agenda item under `individual_check_in`, while the check-in is in progress.
    pub fn next_agenda_item(&self) -> Option<AgendaItem> {
        (self.check_in() == CheckInState::InProgress && self.routine() == Routine::IndividualCheckIn)
            .then(|| self.state.check_in_record().next_item())
            .flatten()
    }

    /// The journal: every accepted event in order, decoded from the compact form the case keeps
    /// it in (an owned list; `journal_len` counts without decoding).
    pub fn journal(&self) -> Vec<Event> {
        self.journal.iter().collect()
    }

    /// The journal's events one by one, each decoded when it is reached: for a caller that needs
    /// the first, or scans for one, without the whole list.
    pub fn events(&self) -> impl Iterator<Item = Event> + '_ {
        self.journal.iter()
    }

    /// The number of accepted events.
    pub fn journal_len(&self) -> usize {
        self.journal.len()
    }

    pub fn access_log(&self) -> &[AccessEntry] {
        &self.access_log
    }

    /// The machine under the case, for the conformance harness's checks of its internals.
    #[cfg(feature = "conformance")]
    pub(crate) fn machine(&self) -> &CaseState {
        &self.state
    }

    /// Whether two cases are in the same state (replay equality compares the state, not the
    /// journal or the access log).
    pub fn same_state(&self, other: &Case) -> bool {
        self.state == other.state
    }

    /// The time of the last accepted event.
    pub fn last_event_at(&self) -> Option<Timestamp> {
        self.state.last_event_at()
    }

    /// The case state as a JSON value (the snapshot's `state`, what a view shows).
    pub fn state_value(&self) -> serde_json::Value {
        serde_json::to_value(&self.state).unwrap_or(serde_json::Value::Null)
    }

    /// The case state as JSON text.
    pub fn state_json(&self) -> String {
        serde_json::to_string(&self.state).unwrap_or_else(|_| "null".into())
    }
}
