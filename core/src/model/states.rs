//! The state names of every track (spec: Tracks), as plain words: the machine moves between
//! them, the case reports them, labels name them.

use crate::vocab::{push_new_words, vocabulary};

vocabulary! {
    /// The phase of the case. `not_admitted` is the moment before `admit`: there is no case.
    pub enum PhaseState {
        NotAdmitted = "not_admitted",
        Admitted = "admitted",
        Planning = "planning",
        Discharged = "discharged",
        Closed = "closed",
        Cancelled = "cancelled",
    }
}

impl PhaseState {
    /// `closed` and `cancelled` are final: any later event gets `case_finished`.
    pub fn is_finished(self) -> bool {
        matches!(self, PhaseState::Closed | PhaseState::Cancelled)
    }
}

vocabulary! {
    pub enum CheckInState {
        NotBooked = "not_booked",
        Booked = "booked",
        InProgress = "in_progress",
        Held = "held",
    }
}

vocabulary! {
    pub enum CareRequestState {
        None = "none",
        Sent = "sent",
        Acknowledged = "acknowledged",
        CompletionRequested = "completion_requested",
        Accepted = "accepted",
        Rejected = "rejected",
        Closed = "closed",
        Withdrawn = "withdrawn",
    }
}

impl CareRequestState {
    /// Open while `sent`, `acknowledged`, `completion_requested`, `accepted` or `rejected`.
    pub fn is_open(self) -> bool {
        !matches!(self, CareRequestState::None | CareRequestState::Closed | CareRequestState::Withdrawn)
    }
}

vocabulary! {
    pub enum ConsentValue {
        Unknown = "unknown",
        Given = "given",
        Declined = "declined",
        Withdrawn = "withdrawn",
    }
}

vocabulary! {
    pub enum ColorTrackState {
        Undecided = "undecided",
        Red = "red",
        NotRed = "not_red",
    }
}

vocabulary! {
    pub enum SipState {
        NotNeeded = "not_needed",
        AwaitingConsent = "awaiting_consent",
        ToSchedule = "to_schedule",
        Scheduled = "scheduled",
        Held = "held",
        Declined = "declined",
    }
}

vocabulary! {
    pub enum SolApplicationState {
        None = "none",
        Applied = "applied",
        AlreadyExists = "already_exists",
        Declined = "declined",
    }
}

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
    pub const MESSAGES: &str = "messages";

    /// The eight tracks whose state a `state_changed` effect reports, in the state's order.
    pub const TRACKS: [&str; 8] =
        [PHASE, CHECK_IN, CARE_REQUEST, CONSENT_CARE_REQUEST, CONSENT_SIP, COLOR_TRACK, SIP, SOL_APPLICATION];
}

/// Every word a track's state is written as, each once, the tracks in order: what a
/// `state_changed` effect's `from` and `to` may hold.
pub fn state_words() -> Vec<&'static str> {
    let mut words = Vec::new();
    push_new_words::<PhaseState>(&mut words);
    push_new_words::<CheckInState>(&mut words);
    push_new_words::<CareRequestState>(&mut words);
    push_new_words::<ConsentValue>(&mut words);
    push_new_words::<ColorTrackState>(&mut words);
    push_new_words::<SipState>(&mut words);
    push_new_words::<SolApplicationState>(&mut words);
    words
}
