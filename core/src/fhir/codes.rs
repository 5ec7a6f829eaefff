//! The code systems and the status maps of the FHIR mapping (docs/fhir.md): FHIR's own value
//! sets where R4 binds one, the project's CodeSystems (under [`BASE`]) for what no standard
//! element carries, worded as Socialstyrelsen's term bank words it.

use crate::model::{CareRequestState, CheckInState, ConsentValue, DeadlineStatus, PhaseState, Role, SipState};

/// The project's canonical base: every CodeSystem and NamingSystem of the mapping is under it.
pub const BASE: &str = "https://utskrivning.se/fhir";

/// HSA ids (HL7 Sweden's R4 base profiles): the `system` of an HSA id.
pub const HSA_SYSTEM: &str = "urn:oid:1.2.752.29.4.19";

/// The project's CodeSystems, by their last path component.
pub mod system {
    /// What a resource is in the discharge process (`samordnad-utskrivning`, `vardbegaran`, …).
    pub const CONCEPT: &str = "https://utskrivning.se/fhir/CodeSystem/concept";
    /// The phase of the case (the engine's state names).
    pub const PHASE: &str = "https://utskrivning.se/fhir/CodeSystem/phase";
    /// The care request's state (Task.businessStatus).
    pub const CARE_REQUEST_STATE: &str = "https://utskrivning.se/fhir/CodeSystem/care-request-state";
    /// The SIP's state.
    pub const SIP_STATE: &str = "https://utskrivning.se/fhir/CodeSystem/sip-state";
    /// The colour track.
    pub const COLOR_TRACK: &str = "https://utskrivning.se/fhir/CodeSystem/color-track";
    /// Ready for discharge (utskrivningsklar).
    pub const DISCHARGE_READINESS: &str = "https://utskrivning.se/fhir/CodeSystem/discharge-readiness";
    /// The engine's roles (spec: Roles).
    pub const ROLE: &str = "https://utskrivning.se/fhir/CodeSystem/role";
    /// The process's messages (Communication.category).
    pub const MESSAGE: &str = "https://utskrivning.se/fhir/CodeSystem/message";
    /// The obligations `deadlines(at)` lists (Task.code).
    pub const DEADLINE: &str = "https://utskrivning.se/fhir/CodeSystem/deadline";
    /// A deadline's status at the export's moment (Task.businessStatus).
    pub const DEADLINE_STATUS: &str = "https://utskrivning.se/fhir/CodeSystem/deadline-status";
    /// What a consent is for.
    pub const CONSENT_PURPOSE: &str = "https://utskrivning.se/fhir/CodeSystem/consent-purpose";
    /// A Task's inputs and outputs (`missing`, `payment-days`, `payment-amount`).
    pub const TASK_PARAMETER: &str = "https://utskrivning.se/fhir/CodeSystem/task-parameter";
    /// How the case was read (the access log's `action`).
    pub const ACCESS_ACTION: &str = "https://utskrivning.se/fhir/CodeSystem/access-action";
    /// The engine's error codes (an AuditEvent's refused outcome).
    pub const ERROR_CODE: &str = "https://utskrivning.se/fhir/CodeSystem/error-code";
    /// Meta tags (`patient-placeholder`).
    pub const TAG: &str = "https://utskrivning.se/fhir/CodeSystem/tag";
}

/// The project's NamingSystems: identifiers the engine issues or the embedding system chose.
pub mod naming {
    /// The `case_id` the embedding system chose.
    pub const CASE_ID: &str = "https://utskrivning.se/fhir/NamingSystem/case-id";
    /// A care request of a case: `{case_id}/{n}`, the n-th request sent (1-based).
    pub const CARE_REQUEST: &str = "https://utskrivning.se/fhir/NamingSystem/care-request";
    /// A message's id within its case (`m1`, `m2`, …), by which it is acknowledged.
    pub const MESSAGE_ID: &str = "https://utskrivning.se/fhir/NamingSystem/message-id";
    /// A role of the spec, where the engine knows a party only by its role.
    pub const ROLE: &str = "https://utskrivning.se/fhir/NamingSystem/role";
}

/// Concepts of [`system::CONCEPT`], each `(code, display)` in the term bank's wording.
pub mod concept {
    pub const DISCHARGE_COORDINATION: (&str, &str) = ("samordnad-utskrivning", "samordnad utskrivning");
    pub const CARE_REQUEST: (&str, &str) = ("vardbegaran", "vårdbegäran");
    pub const SIP: (&str, &str) = ("sip", "samordnad individuell plan (SIP)");
    pub const CHECK_IN: (&str, &str) = ("avstamning", "avstämning");
    pub const READY_FOR_DISCHARGE: (&str, &str) = ("utskrivningsklar", "utskrivningsklar");
}

/// Task.status of the care request's Task (docs/fhir.md). `completed_from` is the state a
/// `closed` request was closed from: a rejected request stays `rejected`.
pub fn care_request_task_status(state: CareRequestState, closed_from_rejected: bool) -> &'static str {
    match state {
        CareRequestState::None | CareRequestState::Sent => "requested",
        CareRequestState::Acknowledged | CareRequestState::CompletionRequested => "received",
        CareRequestState::Accepted => "accepted",
        CareRequestState::Rejected => "rejected",
        CareRequestState::Closed if closed_from_rejected => "rejected",
        CareRequestState::Closed => "completed",
        CareRequestState::Withdrawn => "cancelled",
    }
}

/// ServiceRequest.status of the care request (request-status).
pub fn care_request_service_status(state: CareRequestState) -> &'static str {
    match state {
        CareRequestState::Closed => "completed",
        CareRequestState::Withdrawn => "revoked",
        _ => "active",
    }
}

/// Consent.status (consent-state-codes).
pub fn consent_status(value: ConsentValue) -> &'static str {
    match value {
        ConsentValue::Given => "active",
        ConsentValue::Declined => "rejected",
        ConsentValue::Withdrawn => "inactive",
        ConsentValue::Unknown => "proposed",
    }
}

/// CarePlan.status of the case (request-status).
pub fn case_plan_status(phase: PhaseState) -> &'static str {
    match phase {
        PhaseState::Closed => "completed",
        PhaseState::Cancelled => "revoked",
        _ => "active",
    }
}

/// CarePlan.status of the SIP: a draft until the patient consents, then active; a held SIP's
/// plan is in force until the case finishes.
pub fn sip_plan_status(sip: SipState, phase: PhaseState) -> &'static str {
    match (sip, phase) {
        (SipState::Declined, _) => "revoked",
        (SipState::Held, PhaseState::Closed | PhaseState::Cancelled) => "completed",
        (_, PhaseState::Closed | PhaseState::Cancelled) => "revoked",
        (SipState::NotNeeded | SipState::AwaitingConsent, _) => "draft",
        _ => "active",
    }
}

/// Appointment.status of a check-in booking (appointmentstatus); a booking a later one
/// replaced, or the case's end, cancelled it.
pub fn check_in_status(state: CheckInState) -> &'static str {
    match state {
        CheckInState::NotBooked => "cancelled",
        CheckInState::Booked => "booked",
        CheckInState::InProgress => "arrived",
        CheckInState::Held => "fulfilled",
    }
}

/// Task.status of a deadline.
pub fn deadline_task_status(status: DeadlineStatus) -> &'static str {
    match status {
        DeadlineStatus::Pending | DeadlineStatus::Overdue => "requested",
        DeadlineStatus::Met => "completed",
    }
}

/// The term bank's wording of a role (docs/glossary.md).
pub fn role_display(role: Role) -> &'static str {
    match role {
        Role::Inpatient => "slutenvården",
        Role::CareContact => "fast vårdkontakt i öppenvården",
        Role::SocialServices => "socialtjänsten",
        Role::MunicipalCare => "kommunal hälso- och sjukvård",
        Role::Rehab => "vårdval rehab",
        Role::Patient => "den enskilde",
        Role::Relative => "närstående",
    }
}

/// Whether a unit's text is an HSA id (`SE` + a ten-digit organisation number + `-` + up to
/// 19 letters or digits): then it is exported as one, under [`HSA_SYSTEM`].
pub fn is_hsa_id(s: &str) -> bool {
    let Some(rest) = s.strip_prefix("SE") else { return false };
    let Some((org, unit)) = rest.split_once('-') else { return false };
    org.len() == 10
        && org.bytes().all(|b| b.is_ascii_digit())
        && (1..=19).contains(&unit.len())
        && unit.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// The glossary's wording of a colour track (a test keeps it the labels' own).
pub fn color_track_display(track: crate::model::ColorTrackState) -> &'static str {
    use crate::model::ColorTrackState as C;
    match track {
        C::Undecided => "ej beslutat",
        C::Red => "rött färgspår",
        C::NotRed => "inget färgspår",
    }
}

/// The glossary's wording of a deadline (a test keeps it the labels' own).
pub fn deadline_display(kind: crate::model::DeadlineKind) -> &'static str {
    use crate::model::DeadlineKind as D;
    match kind {
        D::AdmissionNotice => "inskrivningsmeddelande",
        D::SipInvitation => "kallelse till SIP",
        D::PaymentResponsibility => "kommunens betalningsansvar",
        D::RehabParty => "vårdval rehab tillagt före avstämning",
    }
}

/// The glossary's wording of a consent's purpose (a test keeps it the labels' own).
pub fn purpose_display(purpose: crate::model::Purpose) -> &'static str {
    use crate::model::Purpose as P;
    match purpose {
        P::CareRequest => "samtycke till vårdbegäran",
        P::Sip => "samtycke till SIP",
    }
}
