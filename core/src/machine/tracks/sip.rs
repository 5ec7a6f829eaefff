//! sip (samordnad individuell plan): `not_needed` → `awaiting_consent` → `to_schedule` →
//! `scheduled` → `held`; or `declined`. It becomes needed on the red track and, under seed
//! 003, when the `sip_consent` item is reached; the patient's consent moves it on.

use serde::Serialize;
use statig::prelude::*;

use crate::machine::ctx::{Ctx, Input, require};
use crate::machine::tracks::messages::RoleSet;
use crate::model::{
    ColorTrackState, ConsentValue, Error, ErrorCode, EventKind, Message, Purpose, Result, Role, SipState,
};
use crate::time::Timestamp;

/// On the red track the SIP meeting is held at the hospital (seed 000).
pub const RED_TRACK_PLACE: &str = "hospital";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SipTrack {
    /// When the SIP first became needed.
    pub needed_at: Option<Timestamp>,
    /// When the invitation went out (`schedule_sip`).
    pub invited_at: Option<Timestamp>,
    pub meeting_at: Option<Timestamp>,
    pub place: Option<String>,
    pub participants: Vec<Role>,
    pub held_at: Option<Timestamp>,
    /// When the SIP last became needed (a deadline's `since`); not in the state document.
    #[serde(skip)]
    pub last_needed_at: Option<Timestamp>,
}

/// Where a needed SIP goes given the patient's `sip` consent; a withdrawn consent counts as
/// declined.
fn by_consent(consent: ConsentValue) -> SipState {
    match consent {
        ConsentValue::Given => SipState::ToSchedule,
        ConsentValue::Unknown => SipState::AwaitingConsent,
        ConsentValue::Declined | ConsentValue::Withdrawn => SipState::Declined,
    }
}

// `to_schedule` is the spec's state name, not a conversion.
#[allow(clippy::wrong_self_convention)]
#[state_machine(
    initial = "SipState::NotNeeded",
    state(custom, name = "SipState"),
    context_identifier = "ctx",
    event_identifier = "input"
)]
impl SipTrack {
    #[state(superstate = "before_meeting")]
    fn not_needed(input: &Input<'_>) -> Outcome<SipState> {
        match input {
            // A SIP not yet needed stays so whatever the consent does.
            Input::ConsentChanged(..) => Handled,
            _ => Super,
        }
    }

    #[state(superstate = "before_meeting")]
    fn awaiting_consent(input: &Input<'_>) -> Outcome<SipState> {
        match input {
            Input::ConsentChanged(Purpose::Sip, value) => Transition(by_consent(*value)),
            _ => Super,
        }
    }

    #[state(superstate = "before_meeting")]
    fn to_schedule(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<SipState> {
        match input {
            Input::Event(e) => match &e.kind {
                EventKind::ScheduleSip { meeting_at, place, participants } => {
                    let red = ctx.facts.color_track == ColorTrackState::Red;
                    if !ctx.permit(|_| schedule_guards(red, place, participants)) {
                        return Handled;
                    }
                    self.invited_at = Some(e.at);
                    self.meeting_at = Some(*meeting_at);
                    self.place = Some(place.clone());
                    self.participants = participants.clone();
                    // The individual and every participant are told the time and place.
                    let to = RoleSet::of(participants).with(Role::Patient);
                    ctx.notify_with(Message::SipInvitation, to, Some(*meeting_at), None);
                    Transition(SipState::Scheduled)
                }
                _ => Super,
            },
            Input::ConsentChanged(Purpose::Sip, ConsentValue::Withdrawn) => Transition(SipState::Declined),
            _ => Super,
        }
    }

    #[state(superstate = "sip")]
    fn scheduled(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<SipState> {
        match input {
            Input::Event(e) => match &e.kind {
                EventKind::HoldSip if self.meeting_at.is_some_and(|m| e.at >= m) => {
                    if !ctx.permit_texts() {
                        return Handled;
                    }
                    self.held_at = Some(e.at);
                    Transition(SipState::Held)
                }
                _ => Super,
            },
            // Withdrawing consent before the SIP is held declines it.
            Input::ConsentChanged(Purpose::Sip, ConsentValue::Withdrawn) => Transition(SipState::Declined),
            _ => Super,
        }
    }

    #[state(superstate = "sip")]
    fn held(input: &Input<'_>) -> Outcome<SipState> {
        let _ = input;
        Super
    }

    #[state(superstate = "before_meeting")]
    fn declined(input: &Input<'_>) -> Outcome<SipState> {
        match input {
            // Giving consent again makes a declined SIP `to_schedule`.
            Input::ConsentChanged(Purpose::Sip, ConsentValue::Given) => Transition(SipState::ToSchedule),
            _ => Super,
        }
    }

    /// Not yet scheduled: a SIP that becomes needed goes where the patient's consent says.
    #[superstate(superstate = "sip")]
    fn before_meeting(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<SipState> {
        match input {
            Input::SipNeeded => {
                if self.needed_at.is_none() {
                    self.needed_at = Some(ctx.at);
                }
                self.last_needed_at = Some(ctx.at);
                Transition(by_consent(ctx.facts.consent_sip))
            }
            _ => Super,
        }
    }

    #[superstate]
    fn sip(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<SipState> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            // A SIP already scheduled or held stays as it is.
            _ => Handled,
        }
    }
}

/// `schedule_sip`'s guards, in the spec's order: the place on the red track, then who takes
/// part (the patient always; on the red track also the nurses of inpatient and municipal care).
fn schedule_guards(red: bool, place: &str, participants: &[Role]) -> Result<()> {
    require(!red || place.trim().eq_ignore_ascii_case(RED_TRACK_PLACE), || {
        Error::wrong_place("place", RED_TRACK_PLACE)
    })?;
    let required: &[Role] = if red { &[Role::Patient, Role::Inpatient, Role::MunicipalCare] } else { &[Role::Patient] };
    let missing: Vec<Role> = required.iter().copied().filter(|r| !participants.contains(r)).collect();
    require(missing.is_empty(), || Error::missing_roles(ErrorCode::MissingInformation, "participants", missing.clone()))
}
