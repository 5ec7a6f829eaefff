//! Events: what may happen to a case, exactly the spec's event types and fields.

use serde::Serialize;

use crate::deadlines::Agreement;
use crate::role::{Role, Routine};
use crate::time::Timestamp;
use crate::vocab::vocabulary;

vocabulary! {
    /// The `type` of an event.
    pub enum EventType {
        Admit = "admit",
        SendAdmissionNotice = "send_admission_notice",
        AssignCareContact = "assign_care_contact",
        AddRehabParty = "add_rehab_party",
        MarkReadyForDischarge = "mark_ready_for_discharge",
        UnmarkReadyForDischarge = "unmark_ready_for_discharge",
        Discharge = "discharge",
        CloseCase = "close_case",
        Cancel = "cancel",
        BookCheckIn = "book_check_in",
        CancelCheckIn = "cancel_check_in",
        StartCheckIn = "start_check_in",
        StartItem = "start_item",
        SkipItem = "skip_item",
        EndCheckIn = "end_check_in",
        SendCareRequest = "send_care_request",
        AcknowledgeCareRequest = "acknowledge_care_request",
        RequestCompletion = "request_completion",
        CompleteCareRequest = "complete_care_request",
        AcceptCareRequest = "accept_care_request",
        RejectCareRequest = "reject_care_request",
        CloseCareRequest = "close_care_request",
        GiveConsent = "give_consent",
        DeclineConsent = "decline_consent",
        WithdrawConsent = "withdraw_consent",
        DecideColorTrack = "decide_color_track",
        ScheduleSip = "schedule_sip",
        HoldSip = "hold_sip",
        RecordSolApplication = "record_sol_application",
        RaiseQuestion = "raise_question",
        AnswerQuestion = "answer_question",
    }
}

vocabulary! {
    /// The five items of the check-in agenda under `individual_check_in` (seed 003), in order.
    pub enum AgendaItem {
        Opening = "opening",
        SolApplication = "sol_application",
        SipConsent = "sip_consent",
        OtherQuestions = "other_questions",
        Closing = "closing",
    }
}

vocabulary! {
    /// What a consent is for.
    pub enum Purpose {
        /// Sharing with municipal care as the receiving provider of a care request.
        CareRequest = "care_request",
        /// A coordinated individual plan.
        Sip = "sip",
    }
}

vocabulary! {
    /// The outcome `record_sol_application` records.
    pub enum SolStatus {
        Applied = "applied",
        AlreadyExists = "already_exists",
        Declined = "declined",
    }
}

/// One event: when, by whom, and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Event {
    pub at: Timestamp,
    pub actor: Role,
    #[serde(flatten)]
    pub kind: EventKind,
}

/// The event's type and its own fields. Texts are kept as given; blank ones are refused with
/// `missing_information` at the point of the check order where the spec puts that check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum EventKind {
    Admit {
        case_id: String,
        routine: Routine,
        municipal_care_at_admission: bool,
        /// A region's agreement on deadlines; the law's defaults when absent.
        #[serde(skip_serializing_if = "Option::is_none")]
        agreement: Option<Agreement>,
    },
    SendAdmissionNotice { to: Vec<Role> },
    AssignCareContact { unit: String },
    AddRehabParty { provider: String },
    MarkReadyForDischarge,
    UnmarkReadyForDischarge,
    Discharge,
    CloseCase,
    Cancel { reason: String },
    BookCheckIn { starts_at: Timestamp, remote: bool },
    CancelCheckIn,
    StartCheckIn,
    StartItem { item: AgendaItem },
    SkipItem { item: AgendaItem, reason: String },
    EndCheckIn,
    SendCareRequest { question: String },
    AcknowledgeCareRequest,
    RequestCompletion { missing: Vec<String> },
    CompleteCareRequest { supplied: String },
    AcceptCareRequest,
    RejectCareRequest { reason: String },
    CloseCareRequest,
    GiveConsent {
        purpose: Purpose,
        #[serde(skip_serializing_if = "Option::is_none")]
        written_information_given: Option<bool>,
    },
    DeclineConsent { purpose: Purpose },
    WithdrawConsent { purpose: Purpose },
    DecideColorTrack { track: String, agreed_by: Vec<Role> },
    ScheduleSip { meeting_at: Timestamp, place: String, participants: Vec<Role> },
    HoldSip,
    RecordSolApplication { status: SolStatus },
    RaiseQuestion { text: String, concerns_inpatient: bool },
    AnswerQuestion { id: String },
}

impl EventKind {
    pub fn event_type(&self) -> EventType {
        use EventKind as K;
        use EventType as T;
        match self {
            K::Admit { .. } => T::Admit,
            K::SendAdmissionNotice { .. } => T::SendAdmissionNotice,
            K::AssignCareContact { .. } => T::AssignCareContact,
            K::AddRehabParty { .. } => T::AddRehabParty,
            K::MarkReadyForDischarge => T::MarkReadyForDischarge,
            K::UnmarkReadyForDischarge => T::UnmarkReadyForDischarge,
            K::Discharge => T::Discharge,
            K::CloseCase => T::CloseCase,
            K::Cancel { .. } => T::Cancel,
            K::BookCheckIn { .. } => T::BookCheckIn,
            K::CancelCheckIn => T::CancelCheckIn,
            K::StartCheckIn => T::StartCheckIn,
            K::StartItem { .. } => T::StartItem,
            K::SkipItem { .. } => T::SkipItem,
            K::EndCheckIn => T::EndCheckIn,
            K::SendCareRequest { .. } => T::SendCareRequest,
            K::AcknowledgeCareRequest => T::AcknowledgeCareRequest,
            K::RequestCompletion { .. } => T::RequestCompletion,
            K::CompleteCareRequest { .. } => T::CompleteCareRequest,
            K::AcceptCareRequest => T::AcceptCareRequest,
            K::RejectCareRequest { .. } => T::RejectCareRequest,
            K::CloseCareRequest => T::CloseCareRequest,
            K::GiveConsent { .. } => T::GiveConsent,
            K::DeclineConsent { .. } => T::DeclineConsent,
            K::WithdrawConsent { .. } => T::WithdrawConsent,
            K::DecideColorTrack { .. } => T::DecideColorTrack,
            K::ScheduleSip { .. } => T::ScheduleSip,
            K::HoldSip => T::HoldSip,
            K::RecordSolApplication { .. } => T::RecordSolApplication,
            K::RaiseQuestion { .. } => T::RaiseQuestion,
            K::AnswerQuestion { .. } => T::AnswerQuestion,
        }
    }

    /// The first text field that says nothing (empty or blank), by its field name
    /// (spec: "Every text field ... must say something").
    pub fn first_blank_text(&self) -> Option<&'static str> {
        fn blank(s: &str) -> bool {
            s.trim().is_empty()
        }
        use EventKind as K;
        match self {
            K::AssignCareContact { unit } if blank(unit) => Some("unit"),
            K::AddRehabParty { provider } if blank(provider) => Some("provider"),
            K::Cancel { reason } | K::SkipItem { reason, .. } | K::RejectCareRequest { reason }
                if blank(reason) =>
            {
                Some("reason")
            }
            K::SendCareRequest { question } if blank(question) => Some("question"),
            K::CompleteCareRequest { supplied } if blank(supplied) => Some("supplied"),
            K::RaiseQuestion { text, .. } if blank(text) => Some("text"),
            K::ScheduleSip { place, .. } if blank(place) => Some("place"),
            K::RequestCompletion { missing } if missing.iter().any(|m| blank(m)) => Some("missing"),
            _ => None,
        }
    }
}

impl EventType {
    /// The roles that may perform this event (spec: the `actor` column). `start_item` depends
    /// on the item and `answer_question` on the question's owner: see [`crate::case`].
    pub fn actors(self) -> &'static [Role] {
        use EventType as T;
        use Role::*;
        match self {
            T::Admit
            | T::SendAdmissionNotice
            | T::AddRehabParty
            | T::MarkReadyForDischarge
            | T::UnmarkReadyForDischarge
            | T::Discharge
            | T::BookCheckIn
            | T::CancelCheckIn => &[Inpatient],
            T::Cancel => &[Inpatient, CareContact],
            T::AssignCareContact
            | T::CloseCase
            | T::StartCheckIn
            | T::SkipItem
            | T::EndCheckIn
            | T::SendCareRequest
            | T::CompleteCareRequest
            | T::CloseCareRequest
            | T::DecideColorTrack
            | T::ScheduleSip
            | T::HoldSip => &[CareContact],
            T::StartItem => &[CareContact, SocialServices],
            T::AcknowledgeCareRequest
            | T::RequestCompletion
            | T::AcceptCareRequest
            | T::RejectCareRequest => &[MunicipalCare],
            T::GiveConsent | T::DeclineConsent | T::WithdrawConsent => &[Patient],
            T::RecordSolApplication => &[SocialServices],
            T::RaiseQuestion => &[Patient, Relative, CareContact],
            T::AnswerQuestion => &[Inpatient, CareContact],
        }
    }
}

impl AgendaItem {
    /// The role responsible for the item (seed 003's agenda).
    pub fn responsible(self) -> Role {
        match self {
            AgendaItem::SolApplication => Role::SocialServices,
            _ => Role::CareContact,
        }
    }

    /// The upper bound of the item's timebox, in minutes.
    pub fn timebox_minutes(self) -> i64 {
        match self {
            AgendaItem::Opening => 3,
            AgendaItem::SolApplication | AgendaItem::SipConsent => 9,
            AgendaItem::OtherQuestions => 5,
            AgendaItem::Closing => 1,
        }
    }

    /// The two actions that may be split off from the meeting (seed 003).
    pub fn may_be_skipped(self) -> bool {
        matches!(self, AgendaItem::SolApplication | AgendaItem::SipConsent)
    }
}
