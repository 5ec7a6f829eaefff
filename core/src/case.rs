//! The case: its tracks side by side, the check order of the spec, the journal and the
//! access log. `apply` is the one way a case changes.

use serde::Serialize;
use serde::ser::SerializeMap;
use statig::blocking::{InitializedStateMachine, IntoStateMachineExt};

use crate::access::{AccessAction, AccessEntry, AccessOutcome, Relationship, may_view};
use crate::ctx::{Ctx, Facts, Input};
use crate::deadlines::{self, Agreement, Deadline, DeadlineKind};
use crate::effect::{Effect, Message, Responsibility};
use crate::error::{Error, Problem, Result};
use crate::event::{AgendaItem, Event, EventKind, EventType, Purpose};
use crate::parse;
use crate::role::{Role, Routine};
use crate::time::{Timestamp, stockholm_date};
use crate::tracks::*;
use crate::tracks::track;

/// What the `admit` event fixed for the whole case.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Admission {
    pub case_id: String,
    pub routine: Routine,
    pub municipal_care_at_admission: bool,
    pub agreement: Agreement,
}

/// The case state: every track, and nothing of the journal or the access log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    pub admission: Option<Admission>,
    pub last_event_at: Option<Timestamp>,
    pub phase: InitializedStateMachine<PhaseTrack>,
    pub check_in: InitializedStateMachine<CheckInTrack>,
    pub care_request: InitializedStateMachine<CareRequestTrack>,
    pub consent_care_request: InitializedStateMachine<ConsentTrack>,
    pub consent_sip: InitializedStateMachine<ConsentTrack>,
    pub color_track: InitializedStateMachine<ColorTrackTrack>,
    pub sip: InitializedStateMachine<SipTrack>,
    pub sol_application: InitializedStateMachine<SolApplicationTrack>,
    pub coordination: Coordination,
    pub follow_ups: FollowUps,
}

/// The answer to an accepted event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Accepted {
    pub effects: Vec<Effect>,
}

/// One patient's discharge case. Holds no personal identity number: the embedding system keeps
/// the link from `case_id` to the patient.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub(crate) state: CaseState,
    pub(crate) journal: Vec<Event>,
    pub(crate) access_log: Vec<AccessEntry>,
}

impl Default for Case {
    fn default() -> Self {
        Case::new()
    }
}

fn machine<M>(storage: M) -> InitializedStateMachine<M>
where
    M: for<'c, 'e> statig::blocking::IntoStateMachine<Context<'c> = Ctx, Event<'e> = Input<'e>>,
    M::State: statig::blocking::State<M>,
    for<'s> M::Superstate<'s>: statig::blocking::Superstate<M>,
{
    // No track has entry actions, so initialising is only statig's bookkeeping.
    let mut ctx = Ctx::new(Facts::before_admission(), Timestamp::UNIX_EPOCH, None);
    storage.uninitialized_state_machine().init_with_context(&mut ctx)
}

impl Case {
    /// The moment before admission: there is no case yet, and the first event must be `admit`.
    pub fn new() -> Case {
        Case {
            state: CaseState {
                admission: None,
                last_event_at: None,
                phase: machine(PhaseTrack::default()),
                check_in: machine(CheckInTrack::default()),
                care_request: machine(CareRequestTrack::default()),
                consent_care_request: machine(ConsentTrack),
                consent_sip: machine(ConsentTrack),
                color_track: machine(ColorTrackTrack::default()),
                sip: machine(SipTrack::default()),
                sol_application: machine(SolApplicationTrack::default()),
                coordination: Coordination::default(),
                follow_ups: FollowUps::default(),
            },
            journal: Vec::new(),
            access_log: Vec::new(),
        }
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
        let kind = EventKind::Admit { case_id: case_id.to_string(), routine, municipal_care_at_admission, agreement };
        let accepted = case.apply(&Event { at, actor: Role::Inpatient, kind })?;
        Ok((case, accepted))
    }

    /// Replays a journal from nothing. The result has the same state as the case that wrote it.
    pub fn replay<'a>(journal: impl IntoIterator<Item = &'a Event>) -> Result<Case> {
        let mut case = Case::new();
        let journal = journal.into_iter();
        // The journal's length is known from a slice: room for it at once, not by doubling.
        case.journal.reserve(journal.size_hint().0);
        for (index, event) in journal.enumerate() {
            case.apply(event).map_err(|e| e.with("journal_index", index))?;
        }
        Ok(case)
    }

    /// Applies an event given as JSON (`{"at", "actor", "type", <fields>}`).
    pub fn apply_json(&mut self, json: &str) -> Result<Accepted> {
        let event = parse::event_from_str(json)?;
        self.apply(&event)
    }

    /// Applies an event: accepted, the case moves and the effects say what to do; rejected, the
    /// case is exactly as it was and the error's code is the first check that failed.
    pub fn apply(&mut self, event: &Event) -> Result<Accepted> {
        let event_type = event.kind.event_type();
        let phase = self.phase();
        // 1. Well formed: an agreement within its bounds, and (judged against the case) a
        //    question id that exists.
        match &event.kind {
            EventKind::Admit { agreement: Some(agreement), .. } => agreement.validate()?,
            EventKind::AnswerQuestion { id } if self.state.follow_ups.get(id).is_none() => {
                return Err(Error::invalid("id", Problem::UnknownQuestion));
            }
            _ => {}
        }
        // 2. The case is not finished.
        if phase.is_finished() {
            return Err(Error::case_finished(phase.as_str()));
        }
        // 3. Time does not go back.
        if let Some(last) = self.state.last_event_at {
            if event.at < last {
                return Err(Error::time_went_backwards(last));
            }
        }
        // 4. The actor may perform this event.
        if !self.may_perform(event) {
            return Err(Error::not_permitted(event_type.as_str(), event.actor));
        }
        // 5. The track allows it; then blank texts; then the event's own guards.
        if phase == PhaseState::NotAdmitted && event_type != EventType::Admit {
            return Err(Error::wrong_state(event_type.as_str(), "phase", phase.as_str()));
        }
        let before = self.track_states();
        let mut ctx = Ctx::new(self.facts(), event.at, event.kind.first_blank_text());
        if event_type == EventType::CloseCase {
            ctx.open_items = self.open_items();
        }
        let track = self.dispatch(event, &mut ctx);
        if let Some(err) = ctx.rejection.take() {
            return Err(self.locate(err, event_type, track));
        }
        // Accepted: what the event moves along, then the bookkeeping. The state changes come
        // first; inserted in place, they need no second vector (most events have 1 to 3).
        let mut effects = Vec::with_capacity(4);
        self.cascade(event, &mut ctx, &mut effects);
        let after = self.track_states();
        if after != before {
            for (i, change) in before.changes(&after).enumerate() {
                effects.insert(i, change);
            }
        }
        self.state.last_event_at = Some(event.at);
        self.journal.push(event.clone());
        if self.phase().is_finished() {
            // No event is accepted after this one: spare room in the journal would be kept
            // for nothing as long as the case is (a doubling's worth: up to half of it).
            self.journal.shrink_to_fit();
        }
        Ok(Accepted { effects })
    }

    /// The actor column of the spec's tables.
    fn may_perform(&self, event: &Event) -> bool {
        match &event.kind {
            EventKind::StartItem { item } => event.actor == item.responsible(),
            EventKind::AnswerQuestion { id } => self.state.follow_ups.get(id).is_some_and(|q| q.owner == event.actor),
            kind => kind.event_type().actors().contains(&event.actor),
        }
    }

    /// Hands the event to the track it belongs to (see [`track_of`]); returns that track.
    fn dispatch(&mut self, event: &Event, ctx: &mut Ctx) -> &'static str {
        let input = Input::Event(event);
        let s = &mut self.state;
        let track = track_of(&event.kind);
        match track {
            track::PHASE => s.phase.handle_with_context(&input, ctx),
            track::CHECK_IN => s.check_in.handle_with_context(&input, ctx),
            track::CARE_REQUEST => s.care_request.handle_with_context(&input, ctx),
            track::CONSENT_CARE_REQUEST => s.consent_care_request.handle_with_context(&input, ctx),
            track::CONSENT_SIP => s.consent_sip.handle_with_context(&input, ctx),
            track::COLOR_TRACK => s.color_track.handle_with_context(&input, ctx),
            track::SIP => s.sip.handle_with_context(&input, ctx),
            track::SOL_APPLICATION => s.sol_application.handle_with_context(&input, ctx),
            _ => match &event.kind {
                EventKind::RaiseQuestion { concerns_inpatient, .. } if ctx.permit_texts() => {
                    s.follow_ups.raise(event.actor, *concerns_inpatient, event.at);
                }
                EventKind::AnswerQuestion { id } => {
                    // Answering a resolved question is a question in the wrong state.
                    if s.follow_ups.get(id).is_some_and(|q| q.resolved) {
                        ctx.wrong_state::<()>();
                    } else if ctx.permit_texts() {
                        s.follow_ups.answer(id, event.at);
                    }
                }
                _ => {}
            },
        }
        track
    }

    /// Names the track and state of a `wrong_state` the track reported.
    fn locate(&self, err: Error, event_type: EventType, track: &'static str) -> Error {
        if err.code != crate::error::ErrorCode::WrongState {
            return err;
        }
        let state = match track {
            track::FOLLOW_UPS => "resolved",
            t => self.state_names().iter().find(|(n, _)| *n == t).map_or("", |(_, s)| *s),
        };
        let e = Error::wrong_state(event_type.as_str(), track, state);
        if track == track::PHASE { e } else { e.with("phase", self.phase().as_str()) }
    }

    /// What an accepted event moves along in other tracks, and the messages it sends.
    fn cascade(&mut self, event: &Event, ctx: &mut Ctx, fx: &mut Vec<Effect>) {
        let others = |me: Role| -> Vec<Role> {
            let mut parties = self.parties();
            parties.retain(|r| *r != me);
            parties
        };
        use EventKind as K;
        match &event.kind {
            K::Admit { case_id, routine, municipal_care_at_admission, agreement } => {
                self.state.admission = Some(Admission {
                    case_id: case_id.clone(),
                    routine: *routine,
                    municipal_care_at_admission: *municipal_care_at_admission,
                    agreement: agreement.unwrap_or_default(),
                });
            }
            K::SendAdmissionNotice { to } => fx.push(Effect::notify(Message::AdmissionNotice, to.clone())),
            K::AssignCareContact { .. } => fx.push(Effect::notify(Message::CareContactAssigned, others(Role::CareContact))),
            K::AddRehabParty { .. } => {
                fx.push(Effect::notify(Message::RehabPartyAdded, vec![Role::Rehab, Role::CareContact]))
            }
            K::MarkReadyForDischarge => {
                fx.push(Effect::notify(Message::ReadyForDischarge, others(Role::Inpatient)));
                let begins_on = self.agreement().payment_begins_on(event.at);
                fx.push(Effect::PaymentClockStarted { begins_on });
            }
            K::UnmarkReadyForDischarge => {
                fx.push(Effect::notify(Message::NoLongerReadyForDischarge, others(Role::Inpatient)));
                fx.push(Effect::PaymentClockStopped);
            }
            K::Discharge => {
                let mut to = others(Role::Inpatient);
                to.push(Role::Patient);
                fx.push(Effect::notify(Message::Discharged, to));
            }
            K::CloseCase => fx.push(Effect::notify(Message::CaseClosed, others(Role::CareContact))),
            K::Cancel { .. } => fx.push(Effect::notify(Message::CaseCancelled, others(event.actor))),
            K::BookCheckIn { starts_at, .. } => fx.push(Effect::Notify {
                message: Message::CheckInBooked,
                to: self.meeting_participants(),
                meeting_at: Some(*starts_at),
            }),
            K::CancelCheckIn => fx.push(Effect::notify(Message::CheckInCancelled, self.meeting_participants())),
            K::StartCheckIn => {}
            K::StartItem { item } | K::SkipItem { item, .. } => {
                if *item == AgendaItem::SipConsent {
                    self.state.sip.handle_with_context(&Input::SipNeeded, ctx);
                }
            }
            K::EndCheckIn => {
                let check_in = self.state.check_in.inner();
                let day = stockholm_date(check_in.started_at.unwrap_or(event.at));
                let overruns = check_in.overruns();
                self.state.coordination = Coordination { responsible: Role::CareContact, since: Some(day) };
                fx.push(Effect::ResponsibilityMoved {
                    responsibility: Responsibility::Coordination,
                    from: Role::Inpatient,
                    to: Role::CareContact,
                    on: day,
                });
                fx.extend(overruns.into_iter().map(|o| Effect::Overrun {
                    item: o.item,
                    timebox_minutes: o.timebox_minutes,
                    minutes: o.minutes,
                }));
            }
            K::SendCareRequest { .. } => fx.push(Effect::notify(Message::CareRequest, vec![Role::MunicipalCare])),
            K::AcknowledgeCareRequest => {
                fx.push(Effect::notify(Message::CareRequestAcknowledged, vec![Role::CareContact]))
            }
            K::RequestCompletion { .. } => {
                fx.push(Effect::notify(Message::CompletionRequested, vec![Role::CareContact]))
            }
            K::CompleteCareRequest { .. } => {
                fx.push(Effect::notify(Message::CareRequestCompleted, vec![Role::MunicipalCare]))
            }
            K::AcceptCareRequest => {
                fx.push(Effect::notify(Message::CareRequestAccepted, vec![Role::CareContact, Role::Inpatient]));
                fx.push(Effect::EnrolledInHomeHealthCare);
            }
            K::RejectCareRequest { .. } => {
                fx.push(Effect::notify(Message::CareRequestRejected, vec![Role::CareContact, Role::Inpatient]))
            }
            K::CloseCareRequest => fx.push(Effect::notify(Message::CareRequestClosed, vec![Role::MunicipalCare])),
            K::GiveConsent { purpose, .. } | K::DeclineConsent { purpose } | K::WithdrawConsent { purpose } => {
                let value = self.consent(*purpose);
                fx.push(Effect::notify(Message::ConsentRecorded, vec![Role::CareContact]));
                let input = Input::ConsentChanged(*purpose, value);
                let was_open = self.state.care_request.state().is_open();
                match purpose {
                    Purpose::Sip => self.state.sip.handle_with_context(&input, ctx),
                    Purpose::CareRequest => self.state.care_request.handle_with_context(&input, ctx),
                }
                if was_open && *self.state.care_request.state() == CareRequestState::Withdrawn {
                    fx.push(Effect::notify(Message::CareRequestWithdrawn, vec![Role::MunicipalCare, Role::CareContact]));
                }
            }
            K::DecideColorTrack { .. } => {
                fx.push(Effect::notify(Message::ColorTrackDecided, vec![Role::Inpatient, Role::SocialServices]));
                if *self.state.color_track.state() == ColorTrackState::Red {
                    self.state.sip.handle_with_context(&Input::SipNeeded, ctx);
                }
            }
            K::ScheduleSip { meeting_at, participants, .. } => {
                let mut to = participants.clone();
                if !to.contains(&Role::Patient) {
                    to.insert(0, Role::Patient);
                }
                fx.push(Effect::Notify { message: Message::SipInvitation, to, meeting_at: Some(*meeting_at) });
            }
            K::HoldSip => {}
            K::RecordSolApplication { .. } => {
                fx.push(Effect::notify(Message::SolApplicationRecorded, vec![Role::CareContact, Role::Inpatient]))
            }
            K::RaiseQuestion { .. } => {
                if let Some(q) = self.state.follow_ups.0.last() {
                    fx.push(Effect::notify(Message::QuestionRaised, vec![q.owner]));
                }
            }
            K::AnswerQuestion { id } => {
                if let Some(q) = self.state.follow_ups.get(id) {
                    fx.push(Effect::notify(Message::QuestionAnswered, vec![q.raised_by]));
                }
            }
        }
    }

    /// The parties of the discharge work: the three always, municipal care with a care
    /// relationship, rehab once added.
    fn parties(&self) -> Vec<Role> {
        // Room for all five, so that adding municipal care or rehab does not reallocate.
        let mut p = Vec::with_capacity(5);
        p.extend_from_slice(&[Role::Inpatient, Role::CareContact, Role::SocialServices]);
        let rel = self.relationship();
        if rel.municipal_care {
            p.push(Role::MunicipalCare);
        }
        if rel.rehab_added {
            p.push(Role::Rehab);
        }
        p
    }

    /// Who gets the meeting link: seed 000's professionals, or seed 003's individual, care
    /// contact and case officer.
    fn meeting_participants(&self) -> Vec<Role> {
        match self.routine() {
            Routine::ProfessionalCheckIn => vec![Role::Inpatient, Role::CareContact, Role::SocialServices],
            Routine::IndividualCheckIn => vec![Role::Patient, Role::CareContact, Role::SocialServices],
        }
    }

    pub(crate) fn facts(&self) -> Facts {
        let s = &self.state;
        Facts {
            routine: self.routine(),
            phase: self.phase(),
            care_contact_assigned: s.phase.inner().care_contact.is_some(),
            check_in: *s.check_in.state(),
            care_request_open: s.care_request.state().is_open(),
            enrolled_at_admission: s.admission.as_ref().is_some_and(|a| a.municipal_care_at_admission),
            color_track: *s.color_track.state(),
            consent_care_request: *s.consent_care_request.state(),
            consent_sip: *s.consent_sip.state(),
        }
    }

    fn relationship(&self) -> Relationship {
        let s = &self.state;
        Relationship {
            rehab_added: s.phase.inner().rehab.is_some(),
            municipal_care: s.admission.as_ref().is_some_and(|a| a.municipal_care_at_admission)
                || s.care_request.inner().enrolled
                || s.care_request.state().is_open(),
        }
    }

    /// What keeps a discharged case from closing (spec: `close_case`).
    pub fn open_items(&self) -> Vec<String> {
        let s = &self.state;
        let mut items = Vec::new();
        if s.care_request.state().is_open() {
            items.push(format!("care_request:{}", s.care_request.state()));
        }
        if matches!(s.sip.state(), SipState::AwaitingConsent | SipState::ToSchedule | SipState::Scheduled) {
            items.push(format!("sip:{}", s.sip.state()));
        }
        items.extend(s.follow_ups.unanswered().map(|q| format!("follow_up:{}", q.id)));
        if matches!(s.check_in.state(), CheckInState::Booked | CheckInState::InProgress) {
            items.push(format!("check_in:{}", s.check_in.state()));
        }
        items
    }

    /// Each track's path and state name, in a fixed order (spec: the snapshot's keys).
    pub fn state_names(&self) -> [(&'static str, &'static str); 8] {
        self.track_states().names()
    }

    fn track_states(&self) -> TrackStates {
        let s = &self.state;
        TrackStates {
            phase: *s.phase.state(),
            check_in: *s.check_in.state(),
            care_request: *s.care_request.state(),
            consent_care_request: *s.consent_care_request.state(),
            consent_sip: *s.consent_sip.state(),
            color_track: *s.color_track.state(),
            sip: *s.sip.state(),
            sol_application: *s.sol_application.state(),
        }
    }

    // --- Views, deadlines, accessors -----------------------------------------------------

    /// The case as `role` may see it at `at`, or the refusal. Every attempt goes to the access
    /// log. Views need not follow the events' time order, and a finished case can be viewed.
    pub fn view(&mut self, role: Role, at: Timestamp) -> Result<serde_json::Value> {
        if self.phase() == PhaseState::NotAdmitted {
            return Err(Error::wrong_state("view", "phase", PhaseState::NotAdmitted.as_str()));
        }
        let verdict = may_view(role, &self.relationship());
        self.access_log.push(AccessEntry {
            at,
            role,
            action: AccessAction::Read,
            outcome: if verdict.is_ok() { AccessOutcome::Allowed } else { AccessOutcome::Refused },
            code: verdict.as_ref().err().map(|e| e.code),
        });
        verdict.map(|()| self.state_json())
    }

    /// Every obligation, with its owner, due time and status at `at`.
    pub fn deadlines(&self, at: Timestamp) -> Vec<Deadline> {
        let s = &self.state;
        let phase = s.phase.inner();
        let Some(admitted_at) = phase.admitted_at else { return Vec::new() };
        // A finished case's clocks stopped when it finished.
        let at = phase.finished_at.map_or(at, |f| f.min(at));
        let agreement = self.agreement();
        let mut out = vec![Deadline::new(
            DeadlineKind::AdmissionNotice,
            Role::Inpatient,
            deadlines::plus_hours(admitted_at, agreement.admission_notice_hours),
            phase.admission_notice.as_ref().map(|n| n.sent_at),
            at,
        )];
        if let Some(ready_at) = phase.ready_for_discharge_at {
            let sip = s.sip.inner();
            let needed = !matches!(s.sip.state(), SipState::NotNeeded | SipState::Declined) || sip.invited_at.is_some();
            if needed {
                out.push(Deadline::new(
                    DeadlineKind::SipInvitation,
                    Role::CareContact,
                    deadlines::plus_hours(ready_at, agreement.sip_invitation_days.saturating_mul(24)),
                    sip.invited_at,
                    at,
                ));
            }
            if phase.admission_notice.is_some() {
                out.push(deadlines::payment(&agreement, ready_at, phase.discharged_at, at));
            }
        }
        let check_in = s.check_in.inner();
        if let Some(due) = check_in.started_at.or(check_in.starts_at) {
            let met_at = phase.rehab.as_ref().map(|r| r.at);
            out.push(Deadline::new(DeadlineKind::RehabParty, Role::Inpatient, due, met_at, at));
        }
        out
    }

    pub fn phase(&self) -> PhaseState {
        *self.state.phase.state()
    }

    /// The routine; before admission, `professional_check_in` (nothing depends on it then).
    pub fn routine(&self) -> Routine {
        self.state.admission.as_ref().map_or(Routine::ProfessionalCheckIn, |a| a.routine)
    }

    pub fn agreement(&self) -> Agreement {
        self.state.admission.as_ref().map(|a| a.agreement).unwrap_or_default()
    }

    pub fn case_id(&self) -> Option<&str> {
        self.state.admission.as_ref().map(|a| a.case_id.as_str())
    }

    pub fn check_in(&self) -> CheckInState {
        *self.state.check_in.state()
    }

    pub fn care_request(&self) -> CareRequestState {
        *self.state.care_request.state()
    }

    pub fn consent(&self, purpose: Purpose) -> ConsentValue {
        match purpose {
            Purpose::CareRequest => *self.state.consent_care_request.state(),
            Purpose::Sip => *self.state.consent_sip.state(),
        }
    }

    pub fn color_track(&self) -> ColorTrackState {
        *self.state.color_track.state()
    }

    pub fn sip(&self) -> SipState {
        *self.state.sip.state()
    }

    pub fn sol_application(&self) -> SolApplicationState {
        *self.state.sol_application.state()
    }

    pub fn coordination(&self) -> &Coordination {
        &self.state.coordination
    }

    pub fn follow_ups(&self) -> &[FollowUp] {
        &self.state.follow_ups.0
    }

    /// Municipal care has a care relationship (and so may view the case).
    pub fn municipal_care_has_relationship(&self) -> bool {
        self.relationship().municipal_care
    }

    pub fn rehab_added(&self) -> bool {
        self.relationship().rehab_added
    }

    /// The next agenda item under `individual_check_in`, while the check-in is in progress.
    pub fn next_agenda_item(&self) -> Option<AgendaItem> {
        (self.check_in() == CheckInState::InProgress && self.routine() == Routine::IndividualCheckIn)
            .then(|| self.state.check_in.inner().next_item())
            .flatten()
    }

    pub fn journal(&self) -> &[Event] {
        &self.journal
    }

    pub fn access_log(&self) -> &[AccessEntry] {
        &self.access_log
    }

    pub fn state(&self) -> &CaseState {
        &self.state
    }

    /// The case state as JSON (the snapshot's `state`).
    pub fn state_json(&self) -> serde_json::Value {
        serde_json::to_value(&self.state).unwrap_or(serde_json::Value::Null)
    }
}

/// Every track's state, copied: comparing two of these is how `apply` sees cheaply whether an
/// event moved anything (names are looked up only for what moved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TrackStates {
    phase: PhaseState,
    check_in: CheckInState,
    care_request: CareRequestState,
    consent_care_request: ConsentValue,
    consent_sip: ConsentValue,
    color_track: ColorTrackState,
    sip: SipState,
    sol_application: SolApplicationState,
}

impl TrackStates {
    /// Each track's path and state name, in the snapshot's order.
    fn names(&self) -> [(&'static str, &'static str); 8] {
        [
            (track::PHASE, self.phase.as_str()),
            (track::CHECK_IN, self.check_in.as_str()),
            (track::CARE_REQUEST, self.care_request.as_str()),
            (track::CONSENT_CARE_REQUEST, self.consent_care_request.as_str()),
            (track::CONSENT_SIP, self.consent_sip.as_str()),
            (track::COLOR_TRACK, self.color_track.as_str()),
            (track::SIP, self.sip.as_str()),
            (track::SOL_APPLICATION, self.sol_application.as_str()),
        ]
    }

    /// A `state_changed` effect for each track whose state differs in `after`, in that order.
    /// Names are looked up only for the tracks that moved.
    fn changes(&self, after: &TrackStates) -> impl Iterator<Item = Effect> {
        fn moved<S: Copy + PartialEq>(
            track: &'static str,
            from: S,
            to: S,
            name: fn(S) -> &'static str,
        ) -> Option<Effect> {
            (from != to).then(|| Effect::StateChanged { track, from: name(from), to: name(to) })
        }
        let (b, a) = (self, after);
        [
            moved(track::PHASE, b.phase, a.phase, PhaseState::as_str),
            moved(track::CHECK_IN, b.check_in, a.check_in, CheckInState::as_str),
            moved(track::CARE_REQUEST, b.care_request, a.care_request, CareRequestState::as_str),
            moved(track::CONSENT_CARE_REQUEST, b.consent_care_request, a.consent_care_request, ConsentValue::as_str),
            moved(track::CONSENT_SIP, b.consent_sip, a.consent_sip, ConsentValue::as_str),
            moved(track::COLOR_TRACK, b.color_track, a.color_track, ColorTrackState::as_str),
            moved(track::SIP, b.sip, a.sip, SipState::as_str),
            moved(track::SOL_APPLICATION, b.sol_application, a.sol_application, SolApplicationState::as_str),
        ]
        .into_iter()
        .flatten()
    }
}

/// `{"state": <name>, <the track's data>}`.
struct Track<'a, S, M>(&'a S, &'a M);

impl<S: Serialize, M: Serialize> Serialize for Track<'_, S, M> {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> std::result::Result<Ser::Ok, Ser::Error> {
        #[derive(Serialize)]
        struct Repr<'a, S, M> {
            state: &'a S,
            #[serde(flatten)]
            data: &'a M,
        }
        Repr { state: self.0, data: self.1 }.serialize(serializer)
    }
}

impl Serialize for CaseState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let phase = self.phase.inner();
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("case_id", &self.admission.as_ref().map(|a| &a.case_id))?;
        m.serialize_entry("routine", &self.admission.as_ref().map(|a| a.routine))?;
        m.serialize_entry(
            "municipal_care_at_admission",
            &self.admission.as_ref().map(|a| a.municipal_care_at_admission),
        )?;
        m.serialize_entry("agreement", &self.admission.as_ref().map(|a| a.agreement))?;
        m.serialize_entry("last_event_at", &self.last_event_at)?;
        m.serialize_entry("phase", self.phase.state())?;
        m.serialize_entry("admitted_at", &phase.admitted_at)?;
        m.serialize_entry("admission_notice", &phase.admission_notice)?;
        m.serialize_entry("care_contact", &phase.care_contact)?;
        m.serialize_entry("rehab", &phase.rehab)?;
        m.serialize_entry("ready_for_discharge_at", &phase.ready_for_discharge_at)?;
        m.serialize_entry("discharged_at", &phase.discharged_at)?;
        m.serialize_entry("finished_at", &phase.finished_at)?;
        m.serialize_entry("check_in", &Track(self.check_in.state(), self.check_in.inner()))?;
        m.serialize_entry("care_request", &Track(self.care_request.state(), self.care_request.inner()))?;
        m.serialize_entry(
            "consents",
            &serde_json::json!({
                "care_request": self.consent_care_request.state(),
                "sip": self.consent_sip.state(),
            }),
        )?;
        m.serialize_entry("color_track", &Track(self.color_track.state(), self.color_track.inner()))?;
        m.serialize_entry("sip", &Track(self.sip.state(), self.sip.inner()))?;
        m.serialize_entry("sol_application", &Track(self.sol_application.state(), self.sol_application.inner()))?;
        m.serialize_entry("coordination", &self.coordination)?;
        m.serialize_entry("follow_ups", &self.follow_ups)?;
        m.end()
    }
}

impl Facts {
    /// Facts of the empty case (used only to initialise machines).
    pub(crate) fn before_admission() -> Facts {
        Facts {
            routine: Routine::ProfessionalCheckIn,
            phase: PhaseState::NotAdmitted,
            care_contact_assigned: false,
            check_in: CheckInState::NotBooked,
            care_request_open: false,
            enrolled_at_admission: false,
            color_track: ColorTrackState::Undecided,
            consent_care_request: ConsentValue::Unknown,
            consent_sip: ConsentValue::Unknown,
        }
    }
}

/// The track an event belongs to, by its path (`phase`, `check_in`, `consents.sip`, …).
pub fn track_of(kind: &EventKind) -> &'static str {
    use EventKind as K;
    match kind {
        K::Admit { .. }
        | K::SendAdmissionNotice { .. }
        | K::AssignCareContact { .. }
        | K::AddRehabParty { .. }
        | K::MarkReadyForDischarge
        | K::UnmarkReadyForDischarge
        | K::Discharge
        | K::CloseCase
        | K::Cancel { .. } => track::PHASE,
        K::BookCheckIn { .. } | K::CancelCheckIn | K::StartCheckIn | K::StartItem { .. } | K::SkipItem { .. } | K::EndCheckIn => {
            track::CHECK_IN
        }
        K::SendCareRequest { .. }
        | K::AcknowledgeCareRequest
        | K::RequestCompletion { .. }
        | K::CompleteCareRequest { .. }
        | K::AcceptCareRequest
        | K::RejectCareRequest { .. }
        | K::CloseCareRequest => track::CARE_REQUEST,
        K::GiveConsent { purpose, .. } | K::DeclineConsent { purpose } | K::WithdrawConsent { purpose } => match purpose {
            Purpose::CareRequest => track::CONSENT_CARE_REQUEST,
            Purpose::Sip => track::CONSENT_SIP,
        },
        K::DecideColorTrack { .. } => track::COLOR_TRACK,
        K::ScheduleSip { .. } | K::HoldSip => track::SIP,
        K::RecordSolApplication { .. } => track::SOL_APPLICATION,
        K::RaiseQuestion { .. } | K::AnswerQuestion { .. } => track::FOLLOW_UPS,
    }
}
