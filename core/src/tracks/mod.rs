//! The case's tracks, each a statig machine that carries its own transitions and guards
//! (spec: Tracks). A track mutates only when it accepts; a rejection is written to the
//! context and the track is left as it was.

pub mod care_request;
pub mod check_in;
pub mod color_track;
pub mod consent;
pub mod coordination;
pub mod follow_ups;
pub mod phase;
pub mod sip;
pub mod sol_application;

pub use care_request::{CareRequestState, CareRequestTrack};
pub use check_in::{AgendaRecord, CheckInState, CheckInTrack};
pub use color_track::{ColorTrackState, ColorTrackTrack};
pub use consent::{ConsentTrack, ConsentValue};
pub use coordination::Coordination;
pub use follow_ups::{FollowUp, FollowUps};
pub use phase::{PhaseState, PhaseTrack};
pub use sip::{SipState, SipTrack};
pub use sol_application::{SolApplicationState, SolApplicationTrack};

/// The tracks' paths in the snapshot, as error details and effects name them.
pub mod track {
    pub const PHASE: &str = "phase";
    pub const CHECK_IN: &str = "check_in";
    pub const CARE_REQUEST: &str = "care_request";
    pub const CONSENT_CARE_REQUEST: &str = "consents.care_request";
    pub const CONSENT_SIP: &str = "consents.sip";
    pub const COLOR_TRACK: &str = "color_track";
    pub const SIP: &str = "sip";
    pub const SOL_APPLICATION: &str = "sol_application";
    pub const FOLLOW_UPS: &str = "follow_ups";
}
