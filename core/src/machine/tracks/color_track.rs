//! color_track (färgspår): `undecided` → `red` or `not_red`. Seed 000: only the red track is
//! used, and inpatient care, the care contact and social services agree on it.

use serde::Serialize;
use statig::prelude::*;

use crate::machine::ctx::{Cascade, Ctx, Input, require};
use crate::machine::tracks::messages::RoleSet;
use crate::model::{ColorTrackState, Error, ErrorCode, EventKind, Message, Role};
use crate::time::Timestamp;

/// The three parties that must agree on the colour track.
pub const MUST_AGREE: [Role; 3] = [Role::Inpatient, Role::CareContact, Role::SocialServices];

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ColorTrackTrack {
    pub decided_at: Option<Timestamp>,
    pub agreed_by: Vec<Role>,
}

#[state_machine(
    initial = "ColorTrackState::Undecided",
    state(custom, name = "ColorTrackState"),
    context_identifier = "ctx",
    event_identifier = "input"
)]
impl ColorTrackTrack {
    #[state(superstate = "color_track")]
    fn undecided(&mut self, ctx: &mut Ctx, input: &Input<'_>) -> Outcome<ColorTrackState> {
        let Input::Event(e) = input else { return Super };
        match &e.kind {
            EventKind::DecideColorTrack { track, agreed_by }
                if ctx.facts.planning() && ctx.facts.meeting_reached_if_professional() =>
            {
                let to = match track.as_str() {
                    "red" => Some(ColorTrackState::Red),
                    "none" => Some(ColorTrackState::NotRed),
                    _ => None,
                };
                let missing: Vec<Role> = MUST_AGREE.into_iter().filter(|r| !agreed_by.contains(r)).collect();
                let verdict = ctx.permit(|_| {
                    require(to.is_some(), || Error::color_track_not_used(&["red", "none"]))?;
                    require(missing.is_empty(), || {
                        Error::missing_roles(ErrorCode::AgreementIncomplete, "agreed_by", missing.clone())
                    })
                });
                match (verdict, to) {
                    (true, Some(to)) => {
                        self.decided_at = Some(e.at);
                        self.agreed_by = agreed_by.clone();
                        ctx.notify(Message::ColorTrackDecided, RoleSet::of(&[Role::Inpatient, Role::SocialServices]));
                        if to == ColorTrackState::Red {
                            ctx.cascade(Cascade::SipNeeded);
                        }
                        Transition(to)
                    }
                    _ => Handled,
                }
            }
            _ => Super,
        }
    }

    #[state(superstate = "color_track")]
    fn red(input: &Input<'_>) -> Outcome<ColorTrackState> {
        let _ = input;
        Super
    }

    #[state(superstate = "color_track")]
    fn not_red(input: &Input<'_>) -> Outcome<ColorTrackState> {
        let _ = input;
        Super
    }

    /// Decided once: a second decision gets `wrong_state`.
    #[superstate]
    fn color_track(ctx: &mut Ctx, input: &Input<'_>) -> Outcome<ColorTrackState> {
        match input {
            Input::Event(_) => ctx.wrong_state(),
            _ => Handled,
        }
    }
}
