//! The baseline: the care-request track written by hand as one `match`, with no state-machine
//! library, no per-event context and no diffing of track states. It keeps the spec's check
//! order (finished, time, actor, state, blank text, the event's own guards: the empty
//! `missing` list, enrolment, consent), the care-request consent it depends on, the journal,
//! and returns the very same `Accepted` effects and `Error`s as the core, so that the two do
//! the same work for the same stream (a test in this crate holds them to that).
//!
//! It covers the care-request events and the care-request consent; any other event is out of
//! its scope and refused as `invalid_input` on `type`.

use serde_json::json;
use utskrivning::{
    Accepted, CareRequestState as S, Case, CheckInState, ConsentValue as C, Effect, Error, ErrorCode, Event,
    EventKind as K, Message, PhaseState, Problem, Purpose, Role, Routine, Timestamp,
};

const CARE_REQUEST: &str = "care_request";
const CONSENT: &str = "consents.care_request";

/// What the care-request track needs of a case, in plain fields.
#[derive(Debug, Clone)]
pub struct Baseline {
    phase: PhaseState,
    routine: Routine,
    check_in: CheckInState,
    enrolled_at_admission: bool,
    consent: C,
    last_event_at: Option<Timestamp>,
    state: S,
    requests_sent: u32,
    sent_at: Option<Timestamp>,
    enrolled: bool,
    journal: Vec<Event>,
    /// Messages sent so far: the next one's id is `m{messages + 1}`.
    messages: usize,
}

impl Baseline {
    /// The baseline at the same point as a core case (its journal copied too, so that both
    /// journals grow from the same length).
    pub fn from_case(case: &Case) -> Baseline {
        // The request's counters as the state document has them (setup, not measured).
        let state = case.state_value();
        let track = &state["care_request"];
        let requests_sent = track["requests_sent"].as_u64().and_then(|n| u32::try_from(n).ok()).unwrap_or(0);
        let sent_at = track["sent_at"].as_str().and_then(|t| t.parse().ok());
        Baseline {
            phase: case.phase(),
            routine: case.routine(),
            check_in: case.check_in(),
            enrolled_at_admission: case.municipal_care_at_admission(),
            consent: case.consent(Purpose::CareRequest),
            last_event_at: case.last_event_at(),
            state: case.care_request(),
            requests_sent,
            sent_at,
            enrolled: track["enrolled"].as_bool().unwrap_or(false),
            journal: case.journal().to_vec(),
            messages: case.messages().len(),
        }
    }

    pub fn care_request(&self) -> S {
        self.state
    }

    pub fn consent(&self) -> C {
        self.consent
    }

    pub fn journal(&self) -> &[Event] {
        &self.journal
    }

    pub fn apply(&mut self, e: &Event) -> Result<Accepted, Error> {
        let kind = e.kind.event_type();
        let name = kind.as_str();
        if self.phase.is_finished() {
            return Err(Error::case_finished(self.phase.as_str()));
        }
        if let Some(last) = self.last_event_at.filter(|last| e.at < *last) {
            return Err(Error::time_went_backwards(last));
        }
        let actor_ok = match &e.kind {
            K::SendCareRequest { .. } | K::CompleteCareRequest { .. } | K::CloseCareRequest => {
                e.actor == Role::CareContact
            }
            K::AcknowledgeCareRequest
            | K::RequestCompletion { .. }
            | K::AcceptCareRequest
            | K::RejectCareRequest { .. } => e.actor == Role::MunicipalCare,
            K::GiveConsent { purpose: Purpose::CareRequest, .. }
            | K::DeclineConsent { purpose: Purpose::CareRequest }
            | K::WithdrawConsent { purpose: Purpose::CareRequest } => e.actor == Role::Patient,
            _ => return Err(Error::invalid("type", Problem::UnknownValue)),
        };
        if !actor_ok {
            return Err(Error::not_permitted(name, e.actor));
        }
        let wrong_state = |track: &str, state: &str| {
            Error::new(
                ErrorCode::WrongState,
                json!({"event": name, "track": track, "state": state, "phase": self.phase.as_str()}),
            )
        };
        let blank = e.kind.first_blank_text();
        let texts = || blank.map_or(Ok(()), |field| Err(Error::missing_information(field)));
        let (from, from_consent) = (self.state, self.consent);
        let mut effects = Vec::with_capacity(4);
        // The state check, then blank texts, then the event's own guards; then the move.
        match (&e.kind, self.state) {
            (K::SendCareRequest { .. }, S::None | S::Closed | S::Withdrawn)
                if self.phase == PhaseState::Planning
                    && (self.routine != Routine::ProfessionalCheckIn
                        || matches!(self.check_in, CheckInState::InProgress | CheckInState::Held)) =>
            {
                texts()?;
                if self.enrolled_at_admission || self.enrolled {
                    let by = if self.enrolled_at_admission { "admission" } else { "accepted_request" };
                    return Err(Error::new(ErrorCode::AlreadyEnrolled, json!({"enrolled_by": by})));
                }
                if self.consent != C::Given {
                    return Err(Error::new(ErrorCode::ConsentMissing, json!({"purpose": Purpose::CareRequest})));
                }
                self.requests_sent += 1;
                self.sent_at = Some(e.at);
                self.state = S::Sent;
                effects.push(notify(Message::CareRequest, vec![Role::MunicipalCare]));
            }
            (K::AcknowledgeCareRequest, S::Sent) => {
                texts()?;
                self.state = S::Acknowledged;
                effects.push(notify(Message::CareRequestAcknowledged, vec![Role::CareContact]));
            }
            (K::RequestCompletion { missing }, S::Acknowledged) => {
                texts()?;
                if missing.is_empty() {
                    return Err(Error::missing_information("missing"));
                }
                self.state = S::CompletionRequested;
                effects.push(notify(Message::CompletionRequested, vec![Role::CareContact]));
            }
            (K::CompleteCareRequest { .. }, S::CompletionRequested) => {
                texts()?;
                self.state = S::Acknowledged;
                effects.push(notify(Message::CareRequestCompleted, vec![Role::MunicipalCare]));
            }
            (K::AcceptCareRequest, S::Acknowledged) => {
                texts()?;
                self.enrolled = true;
                self.state = S::Accepted;
                effects.push(notify(Message::CareRequestAccepted, vec![Role::Inpatient, Role::CareContact]));
                effects.push(Effect::EnrolledInHomeHealthCare);
            }
            (K::RejectCareRequest { .. }, S::Acknowledged) => {
                texts()?;
                self.state = S::Rejected;
                effects.push(notify(Message::CareRequestRejected, vec![Role::Inpatient, Role::CareContact]));
            }
            (K::CloseCareRequest, S::Accepted | S::Rejected) => {
                texts()?;
                self.state = S::Closed;
                effects.push(notify(Message::CareRequestClosed, vec![Role::MunicipalCare]));
            }
            (K::GiveConsent { written_information_given, .. }, _) => {
                if self.consent == C::Given {
                    return Err(wrong_state(CONSENT, self.consent.as_str()));
                }
                texts()?;
                if *written_information_given != Some(true) {
                    return Err(Error::missing_information("written_information_given"));
                }
                self.consent = C::Given;
                effects.push(notify(Message::ConsentRecorded, vec![Role::CareContact]));
            }
            (K::DeclineConsent { .. }, _) => {
                if self.consent != C::Unknown {
                    return Err(wrong_state(CONSENT, self.consent.as_str()));
                }
                texts()?;
                self.consent = C::Declined;
                effects.push(notify(Message::ConsentRecorded, vec![Role::CareContact]));
            }
            (K::WithdrawConsent { .. }, state) => {
                if self.consent != C::Given {
                    return Err(wrong_state(CONSENT, self.consent.as_str()));
                }
                texts()?;
                self.consent = C::Withdrawn;
                effects.push(notify(Message::ConsentRecorded, vec![Role::CareContact]));
                if state.is_open() {
                    self.state = S::Withdrawn;
                    effects.push(notify(Message::CareRequestWithdrawn, vec![Role::CareContact, Role::MunicipalCare]));
                }
            }
            (_, state) => return Err(wrong_state(CARE_REQUEST, state.as_str())),
        }
        // The state changes come first, in the snapshot's order of tracks.
        let mut changed = 0;
        if from != self.state {
            effects
                .insert(0, Effect::StateChanged { track: CARE_REQUEST, from: from.as_str(), to: self.state.as_str() });
            changed += 1;
        }
        if from_consent != self.consent {
            let to = self.consent.as_str();
            effects.insert(changed, Effect::StateChanged { track: CONSENT, from: from_consent.as_str(), to });
        }
        self.last_event_at = Some(e.at);
        self.journal.push(e.clone());
        for effect in &mut effects {
            if let Effect::Notify { id, .. } = effect {
                self.messages += 1;
                *id = format!("m{}", self.messages);
            }
        }
        Ok(Accepted { effects })
    }
}

fn notify(message: Message, to: Vec<Role>) -> Effect {
    Effect::Notify { id: String::new(), message, to, meeting_at: None, estimated_discharge: None }
}
