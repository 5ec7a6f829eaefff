//! The per-event context the track machines see: read-only facts about the other tracks, and
//! the slot a handler writes a rejection into (statig's `Outcome` has no "rejected": the
//! handler returns `Handled` and the case reads the rejection from here).

use statig::prelude::*;

use crate::error::{Error, ErrorCode, Result};
use crate::event::{Event, Purpose};
use crate::role::Routine;
use crate::time::Timestamp;
use crate::tracks::{CheckInState, ColorTrackState, ConsentValue, PhaseState};

/// What a track may know of the rest of the case when it judges an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub(crate) routine: Routine,
    pub(crate) phase: PhaseState,
    pub(crate) care_contact_assigned: bool,
    pub(crate) check_in: CheckInState,
    pub(crate) care_request_open: bool,
    pub(crate) enrolled_at_admission: bool,
    pub(crate) color_track: ColorTrackState,
    pub(crate) consent_care_request: ConsentValue,
    pub(crate) consent_sip: ConsentValue,
}

impl Facts {
    pub fn in_phase(&self, phases: &[PhaseState]) -> bool {
        phases.contains(&self.phase)
    }

    pub fn planning(&self) -> bool {
        self.phase == PhaseState::Planning
    }

    /// Seed 000: the decisions to send a care request and to follow the red track are taken
    /// at or after the check-in meeting.
    pub fn meeting_reached_if_professional(&self) -> bool {
        self.routine != Routine::ProfessionalCheckIn
            || matches!(self.check_in, CheckInState::InProgress | CheckInState::Held)
    }

    pub fn consent(&self, purpose: Purpose) -> ConsentValue {
        match purpose {
            Purpose::CareRequest => self.consent_care_request,
            Purpose::Sip => self.consent_sip,
        }
    }
}

/// What a track machine handles: an outside event, or a change another track caused.
/// Cascaded inputs are never rejected.
#[derive(Debug, Clone, Copy)]
pub enum Input<'a> {
    Event(&'a Event),
    /// A SIP became needed: the red track was decided, or the `sip_consent` item was reached.
    SipNeeded,
    /// The patient's consent for a purpose changed to this value.
    ConsentChanged(Purpose, ConsentValue),
}

pub struct Ctx {
    pub(crate) facts: Facts,
    /// The time of the event being applied (cascades record it).
    pub(crate) at: Timestamp,
    /// The first blank text field of the event, if any.
    blank: Option<&'static str>,
    /// Open items, computed only for `close_case`.
    pub(crate) open_items: Vec<String>,
    pub(crate) rejection: Option<Error>,
}

impl Ctx {
    pub(crate) fn new(facts: Facts, at: Timestamp, blank: Option<&'static str>) -> Self {
        Ctx { facts, at, blank, open_items: Vec::new(), rejection: None }
    }

    /// The event is not allowed in this track's state. The case adds which track and state.
    pub fn wrong_state<S>(&mut self) -> Outcome<S> {
        self.rejection = Some(Error::code_only(ErrorCode::WrongState));
        Handled
    }

    /// The state allows the event: now the blank-text check, then the event's own guards, in
    /// the spec's order. Returns whether the event is accepted; on `false` the handler must
    /// return `Handled` without touching anything.
    pub fn permit(&mut self, guards: impl FnOnce(&Facts) -> Result<()>) -> bool {
        let verdict = match self.blank {
            Some(field) => Err(Error::missing_information(field)),
            None => guards(&self.facts),
        };
        match verdict {
            Ok(()) => true,
            Err(e) => {
                self.rejection = Some(e);
                false
            }
        }
    }

    /// `permit` with no guards of the event's own.
    pub fn permit_texts(&mut self) -> bool {
        self.permit(|_| Ok(()))
    }
}

/// A guard helper: `Ok` when `cond`, else the error.
pub(crate) fn require(cond: bool, err: impl FnOnce() -> Error) -> Result<()> {
    if cond { Ok(()) } else { Err(err()) }
}
