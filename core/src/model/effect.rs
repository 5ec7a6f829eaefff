//! Effects: what an accepted event asks of the embedding system (messages to send) and what
//! moved (responsibilities, track states), in the order they happened.

use serde::Serialize;

use crate::model::event::AgendaItem;
use crate::model::role::Role;
use crate::time::{CivilDate, Timestamp};
use crate::vocab::vocabulary;

vocabulary! {
    /// The messages of the process (SAMSA's message types, among others).
    pub enum Message {
        AdmissionNotice = "admission_notice",
        EstimatedDischargeChanged = "estimated_discharge_changed",
        CareContactAssigned = "care_contact_assigned",
        RehabPartyAdded = "rehab_party_added",
        ReadyForDischarge = "ready_for_discharge",
        NoLongerReadyForDischarge = "no_longer_ready_for_discharge",
        Discharged = "discharged",
        CaseClosed = "case_closed",
        CaseCancelled = "case_cancelled",
        CheckInBooked = "check_in_booked",
        CheckInCancelled = "check_in_cancelled",
        CareRequest = "care_request",
        CareRequestAcknowledged = "care_request_acknowledged",
        CompletionRequested = "completion_requested",
        CareRequestCompleted = "care_request_completed",
        CareRequestAccepted = "care_request_accepted",
        CareRequestRejected = "care_request_rejected",
        CareRequestClosed = "care_request_closed",
        CareRequestWithdrawn = "care_request_withdrawn",
        ConsentRecorded = "consent_recorded",
        ColorTrackDecided = "color_track_decided",
        SipInvitation = "sip_invitation",
        SolApplicationRecorded = "sol_application_recorded",
        QuestionRaised = "question_raised",
        QuestionAnswered = "question_answered",
        AdministrativeMessage = "administrative_message",
    }
}

vocabulary! {
    pub enum Responsibility {
        /// samordningsansvar: leading the discharge work.
        Coordination = "coordination",
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Effect {
    /// A message the embedding system must send to these roles; the case keeps it (the
    /// state's `messages`) under its `id`, by which its recipients acknowledge it.
    Notify {
        /// `m1`, `m2`, … within the case, in the order sent.
        id: String,
        message: Message,
        /// The recipients, each once, in the order of the spec's Roles table.
        to: Vec<Role>,
        /// For `sip_invitation` and `check_in_booked`: the meeting's time.
        #[serde(skip_serializing_if = "Option::is_none")]
        meeting_at: Option<Timestamp>,
        /// For `admission_notice` (`null` when none is set) and `estimated_discharge_changed`:
        /// the estimated day of discharge.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "schema", schemars(with = "Option<Option<crate::time::CivilDateSchema>>"))]
        estimated_discharge: Option<Option<CivilDate>>,
    },
    /// A responsibility passed from one role to another, dated a Stockholm day.
    ResponsibilityMoved {
        responsibility: Responsibility,
        from: Role,
        to: Role,
        #[cfg_attr(feature = "schema", schemars(with = "crate::time::CivilDateSchema"))]
        on: CivilDate,
    },
    /// The patient is enrolled in municipal home health care (an accepted care request).
    EnrolledInHomeHealthCare,
    /// The ready-for-discharge notice started the payment clock; payment begins on this day.
    PaymentClockStarted {
        #[cfg_attr(feature = "schema", schemars(with = "crate::time::CivilDateSchema"))]
        begins_on: CivilDate,
    },
    /// The patient is no longer ready for discharge: the payment clock stopped.
    PaymentClockStopped,
    /// A track changed state (the event's own track, or one it moved along).
    StateChanged {
        #[cfg_attr(feature = "schema", schemars(schema_with = "schema::track_path"))]
        track: &'static str,
        #[cfg_attr(feature = "schema", schemars(schema_with = "schema::state_name"))]
        from: &'static str,
        #[cfg_attr(feature = "schema", schemars(schema_with = "schema::state_name"))]
        to: &'static str,
    },
    /// Warning: an agenda item ran past its timebox (reported by `end_check_in`).
    Overrun { item: AgendaItem, timebox_minutes: i64, minutes: i64 },
}

/// The words a `state_changed` effect may hold: the eight tracks' paths and their states.
#[cfg(feature = "schema")]
mod schema {
    use schemars::{Schema, SchemaGenerator, json_schema};

    use crate::model::states::{state_words, track};

    pub fn track_path(_: &mut SchemaGenerator) -> Schema {
        json_schema!({"description": "The track's path in the state.", "enum": track::TRACKS})
    }

    pub fn state_name(_: &mut SchemaGenerator) -> Schema {
        let names = state_words();
        json_schema!({"description": "A state of the track (docs/diagrams).", "enum": names})
    }
}
