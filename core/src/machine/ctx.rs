//! The per-event context the track machines see: read-only facts about the rest of the case,
//! the slot a handler writes a rejection into (statig's `Outcome` has no "rejected": the
//! handler returns `Handled` and the machine reads the rejection from here), and what an
//! accepted event does beyond its own track: the effects it sends and the changes it cascades
//! to other tracks.

use statig::prelude::*;

use crate::machine::tracks::messages::RoleSet;
use crate::model::{
    Agreement, CheckInState, ColorTrackState, ConsentValue, Effect, Error, ErrorCode, Event, Message, PhaseState,
    Purpose, Result, Role, Routine,
};
use crate::time::{CivilDate, Timestamp};

/// What a track may know of the rest of the case when it judges an event (as of before it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Facts {
    pub(crate) routine: Routine,
    pub(crate) agreement: Agreement,
    pub(crate) phase: PhaseState,
    pub(crate) care_contact_assigned: bool,
    pub(crate) check_in: CheckInState,
    pub(crate) care_request_open: bool,
    pub(crate) enrolled_at_admission: bool,
    pub(crate) color_track: ColorTrackState,
    pub(crate) consent_care_request: ConsentValue,
    pub(crate) consent_sip: ConsentValue,
    /// Municipal care has a care relationship (spec: Access).
    pub(crate) municipal_care_related: bool,
    pub(crate) rehab_added: bool,
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

    /// The parties of the discharge work but `me`: the three always, municipal care with a
    /// care relationship, rehab once added (a set: written in the Roles table's order).
    pub fn parties_but(&self, me: Role) -> RoleSet {
        let mut p = RoleSet::of(&[Role::Inpatient, Role::CareContact, Role::SocialServices]);
        if self.municipal_care_related {
            p = p.with(Role::MunicipalCare);
        }
        if self.rehab_added {
            p = p.with(Role::Rehab);
        }
        p.without(me)
    }

    /// Who gets the meeting link: seed 000's professionals, or seed 003's individual, care
    /// contact and case officer.
    pub fn meeting_participants(&self) -> RoleSet {
        match self.routine {
            Routine::ProfessionalCheckIn => RoleSet::of(&[Role::Inpatient, Role::CareContact, Role::SocialServices]),
            Routine::IndividualCheckIn => RoleSet::of(&[Role::Patient, Role::CareContact, Role::SocialServices]),
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

/// A change an accepted event hands on to another track (the machine runs these in order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cascade {
    SipNeeded,
    ConsentChanged(Purpose, ConsentValue),
    /// The check-in ended: coordination passes to the care contact, dated the meeting's day.
    CoordinationToCareContact(CivilDate),
    /// Municipal care acknowledged the care request: so is its `care_request` message.
    CareRequestAcknowledged,
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
    /// The state a `wrong_state` names, for a track without a state machine (messages).
    pub(crate) wrong_state_name: Option<&'static str>,
    /// What the accepted event sends and reports, in order (state changes are put first).
    /// Empty in quiet mode.
    pub(crate) effects: Vec<Effect>,
    pub(crate) cascades: Inline<Cascade, 2>,
    /// Quiet mode (replay, restore): no effect is built; the messages sent are only noted in
    /// `sent`, since the case keeps them. The state, the journal and the refusal are the same.
    pub(crate) quiet: bool,
    /// In quiet mode, the messages the accepted event sends, in order.
    pub(crate) sent: Sent,
}

/// A short list kept inline: what one accepted event hands on (cascades, the messages it
/// sends in quiet mode) is one to three items, and allocating for each event is most of what
/// a replay would spend beyond the guards; more than `N` spill into a vector.
#[derive(Debug)]
pub(crate) struct Inline<T: Copy, const N: usize> {
    first: [Option<T>; N],
    more: Vec<T>,
}

impl<T: Copy, const N: usize> Default for Inline<T, N> {
    fn default() -> Self {
        Inline { first: [None; N], more: Vec::new() }
    }
}

impl<T: Copy, const N: usize> Inline<T, N> {
    fn push(&mut self, item: T) {
        match self.first.iter_mut().find(|slot| slot.is_none()) {
            Some(slot) => *slot = Some(item),
            None => self.more.push(item),
        }
    }

    /// The item at `index`, in the order pushed.
    pub(crate) fn get(&self, index: usize) -> Option<T> {
        match self.first.get(index) {
            Some(slot) => *slot,
            None => index.checked_sub(N).and_then(|i| self.more.get(i)).copied(),
        }
    }

    /// In the order pushed.
    pub(crate) fn iter(&self) -> impl Iterator<Item = T> + '_ {
        self.first.iter().map_while(|slot| *slot).chain(self.more.iter().copied())
    }
}

/// The messages of one accepted event in quiet mode: kind and recipients.
pub(crate) type Sent = Inline<(Message, RoleSet), 4>;

impl Ctx {
    /// `quiet`: build no effect (see [`Ctx::quiet`]).
    pub(crate) fn with_mode(facts: Facts, at: Timestamp, blank: Option<&'static str>, quiet: bool) -> Self {
        Ctx {
            facts,
            at,
            blank,
            open_items: Vec::new(),
            rejection: None,
            wrong_state_name: None,
            effects: if quiet { Vec::new() } else { Vec::with_capacity(4) },
            cascades: Inline::default(),
            quiet,
            sent: Sent::default(),
        }
    }

    /// The event is not allowed in this track's state. The machine adds which track and state.
    pub fn wrong_state<S>(&mut self) -> Outcome<S> {
        self.rejection = Some(Error::code_only(ErrorCode::WrongState));
        Handled
    }

    /// `wrong_state`, naming the state of a track that keeps no state machine.
    pub(crate) fn wrong_state_named(&mut self, state: &'static str) {
        self.rejection = Some(Error::code_only(ErrorCode::WrongState));
        self.wrong_state_name = Some(state);
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

    /// The accepted event sends `message` to `to`.
    pub(crate) fn notify(&mut self, message: Message, to: RoleSet) {
        self.notify_with(message, to, None, None);
    }

    /// The accepted event sends `message` to `to`, with the meeting's time or the estimated
    /// day of discharge it carries.
    pub(crate) fn notify_with(
        &mut self,
        message: Message,
        to: RoleSet,
        meeting_at: Option<Timestamp>,
        estimated_discharge: Option<Option<CivilDate>>,
    ) {
        if self.quiet {
            self.sent.push((message, to));
        } else {
            let to = to.roles().collect();
            self.effects.push(Effect::Notify { id: String::new(), message, to, meeting_at, estimated_discharge });
        }
    }

    /// An effect other than a message (the caller builds it; quiet mode drops it).
    pub(crate) fn effect(&mut self, effect: Effect) {
        if !self.quiet {
            self.effects.push(effect);
        }
    }

    pub(crate) fn cascade(&mut self, cascade: Cascade) {
        self.cascades.push(cascade);
    }
}

/// A guard helper: `Ok` when `cond`, else the error.
pub(crate) fn require(cond: bool, err: impl FnOnce() -> Error) -> Result<()> {
    if cond { Ok(()) } else { Err(err()) }
}
