//! `to_fhir`: a case as a FHIR R4 `Bundle` of type `collection` (docs/fhir.md has the mapping
//! table). Everything is read through the case's own API (its states, journal, messages,
//! deadlines and access log); ids are derived from the case id, so the same case at the same
//! moment gives the same text, byte for byte.

use serde_json::{Map, Value, json};
use sha2::{Digest, Sha256};

use crate::case::Case;
use crate::fhir::codes::{self, concept, naming, system};
use crate::model::text::numbered_id;
use crate::model::{
    CareRequestState, CheckInState, ConsentValue, Error, EventKind, Message, PhaseState, Purpose, Result, Role,
    SipState,
};
use crate::time::Timestamp;

/// The case as a FHIR R4 Bundle (a JSON value), its deadlines' status taken at `at`, which is
/// also the Bundle's `timestamp`. A case not yet admitted is `wrong_state` (as a view is).
pub fn to_fhir_value(case: &Case, at: Timestamp) -> Result<Value> {
    let Some(case_id) = case.case_id() else {
        return Err(Error::wrong_state("to_fhir", "phase", PhaseState::NotAdmitted.as_str()));
    };
    let story = Story::read(case);
    let ids = Ids(case_id);
    let (patient, case_uuid) = (ids.uuid("patient"), ids.uuid("case"));
    let x = Export { case, ids, story: &story, patient, case_uuid };
    let mut entries = Vec::new();
    entries.push(x.patient());
    entries.push(x.case_plan());
    for (i, request) in story.requests.iter().enumerate() {
        let last = i + 1 == story.requests.len();
        entries.push(x.service_request(request, last));
        entries.push(x.care_request_task(request, last));
    }
    for purpose in Purpose::ALL {
        entries.push(x.consent(*purpose));
    }
    if let Some(sip) = x.sip_plan() {
        entries.push(sip);
        entries.extend(x.sip_meeting());
    }
    for (i, booking) in story.bookings.iter().enumerate() {
        entries.push(x.check_in(i, booking, i + 1 == story.bookings.len()));
    }
    entries.extend(x.communications());
    entries.extend(x.deadlines(at));
    entries.extend(x.audit_events());
    let entry: Vec<Value> =
        entries.into_iter().map(|(id, resource)| json!({"fullUrl": urn(&id), "resource": resource})).collect();
    Ok(json!({
        "resourceType": "Bundle",
        "id": x.ids.uuid(&format!("bundle/{at}")),
        "type": "collection",
        "timestamp": at,
        "entry": entry,
    }))
}

/// [`to_fhir_value`] as JSON text.
pub fn to_fhir(case: &Case, at: Timestamp) -> Result<String> {
    to_fhir_value(case, at).map(|v| v.to_string())
}

/// Deterministic ids: a UUID (version 8, RFC 9562's custom layout) from the SHA-256 of the
/// case id and the element's key, so no randomness and no clock are needed.
struct Ids<'a>(&'a str);

impl Ids<'_> {
    fn uuid(&self, key: &str) -> String {
        let mut h = Sha256::new();
        h.update(self.0.as_bytes());
        h.update([0]);
        h.update(key.as_bytes());
        let d = h.finalize();
        let mut b = [0u8; 16];
        b.copy_from_slice(d.get(..16).unwrap_or(&[0; 16]));
        b[6] = (b[6] & 0x0f) | 0x80;
        b[8] = (b[8] & 0x3f) | 0x80;
        let hex = |n: u8| char::from_digit(u32::from(n), 16).unwrap_or('0');
        let mut out = String::with_capacity(36);
        for (i, x) in b.iter().enumerate() {
            if matches!(i, 4 | 6 | 8 | 10) {
                out.push('-');
            }
            out.push(hex(x >> 4));
            out.push(hex(x & 0x0f));
        }
        out
    }
}

fn urn(id: &str) -> String {
    format!("urn:uuid:{id}")
}

fn reference(id: &str) -> Value {
    json!({"reference": urn(id)})
}

fn coding(system: &str, code: &str) -> Value {
    json!({"system": system, "code": code})
}

fn coding_d(system: &str, (code, display): (&str, &str)) -> Value {
    json!({"system": system, "code": code, "display": display})
}

fn concept_cc((code, display): (&str, &str)) -> Value {
    json!({"coding": [coding_d(system::CONCEPT, (code, display))]})
}

/// A resource's elements, only those with a value (FHIR allows no `null` and no empty list).
struct R(Map<String, Value>);

impl R {
    fn new(resource_type: &str, id: &str) -> R {
        let mut m = Map::new();
        m.insert("resourceType".into(), resource_type.into());
        m.insert("id".into(), id.into());
        R(m)
    }

    fn set(mut self, key: &str, value: impl Into<Value>) -> R {
        self.0.insert(key.into(), value.into());
        self
    }

    fn opt(self, key: &str, value: Option<impl Into<Value>>) -> R {
        match value {
            Some(v) => self.set(key, v),
            None => self,
        }
    }

    /// A list, left out when empty.
    fn list(self, key: &str, values: Vec<Value>) -> R {
        if values.is_empty() { self } else { self.set(key, Value::Array(values)) }
    }

    fn done(self) -> Value {
        Value::Object(self.0)
    }
}

/// A period of the times known, or none.
fn period(start: Option<Timestamp>, end: Option<Timestamp>) -> Option<Value> {
    let mut m = Map::new();
    if let Some(s) = start {
        m.insert("start".into(), json!(s));
    }
    if let Some(e) = end {
        m.insert("end".into(), json!(e));
    }
    (!m.is_empty()).then_some(Value::Object(m))
}

/// One care request, from `send_care_request` to its close or withdrawal, as the journal tells.
#[derive(Debug, Default)]
pub(crate) struct Request {
    /// 1-based: the n-th request sent in the case.
    pub n: usize,
    pub sent_at: Option<Timestamp>,
    pub question: String,
    pub acknowledged_at: Option<Timestamp>,
    /// The open completion request's list (cleared when completed).
    pub missing: Vec<String>,
    pub accepted_at: Option<Timestamp>,
    pub rejected: Option<(Timestamp, String)>,
    pub closed_at: Option<Timestamp>,
    pub withdrawn_at: Option<Timestamp>,
    pub last_change: Option<Timestamp>,
}

impl Request {
    fn open(&self) -> bool {
        self.closed_at.is_none() && self.withdrawn_at.is_none()
    }

    /// The state the journal gives the request (the case's own state for the last one is
    /// the same: core/tests/fhir.rs checks it over the corpus).
    pub fn state(&self) -> CareRequestState {
        match self {
            r if r.withdrawn_at.is_some() => CareRequestState::Withdrawn,
            r if r.closed_at.is_some() => CareRequestState::Closed,
            r if r.rejected.is_some() => CareRequestState::Rejected,
            r if r.accepted_at.is_some() => CareRequestState::Accepted,
            r if !r.missing.is_empty() => CareRequestState::CompletionRequested,
            r if r.acknowledged_at.is_some() => CareRequestState::Acknowledged,
            _ => CareRequestState::Sent,
        }
    }
}

/// One check-in booking.
#[derive(Debug)]
pub(crate) struct Booking {
    pub booked_at: Timestamp,
    pub starts_at: Timestamp,
    pub ended_at: Option<Timestamp>,
}

/// What only the journal tells: the times and texts of each request, booking and consent, and
/// who acknowledged which message when.
#[derive(Debug, Default)]
pub(crate) struct Story {
    /// The admission's time (the journal's first event).
    pub admitted_at: Option<Timestamp>,
    pub requests: Vec<Request>,
    pub bookings: Vec<Booking>,
    /// The last consent event's time, per purpose (`Purpose::ALL`'s order).
    pub consent_at: [Option<Timestamp>; 2],
    /// `(message id, role, at)` of every `acknowledge_message`.
    pub acks: Vec<(String, Role, Timestamp)>,
    pub rehab_provider: Option<String>,
    /// The last `schedule_sip`: when, where, who, and when it was sent.
    pub sip_meeting: Option<(Timestamp, String, Vec<Role>, Timestamp)>,
    pub sip_held_at: Option<Timestamp>,
}

impl Story {
    pub fn read(case: &Case) -> Story {
        let mut s = Story::default();
        let journal = case.journal();
        s.admitted_at = journal.first().map(|e| e.at);
        for e in journal.iter() {
            let open = s.requests.last_mut().filter(|r| r.open());
            match &e.kind {
                EventKind::SendCareRequest { question } => {
                    let n = s.requests.len() + 1;
                    s.requests.push(Request {
                        n,
                        sent_at: Some(e.at),
                        question: question.clone(),
                        last_change: Some(e.at),
                        ..Request::default()
                    });
                }
                kind => {
                    if let Some(r) = open {
                        let changed = match kind {
                            EventKind::AcknowledgeCareRequest => {
                                r.acknowledged_at = Some(e.at);
                                true
                            }
                            EventKind::RequestCompletion { missing } => {
                                r.missing = missing.clone();
                                true
                            }
                            EventKind::CompleteCareRequest { .. } => {
                                r.missing.clear();
                                true
                            }
                            EventKind::AcceptCareRequest => {
                                r.accepted_at = Some(e.at);
                                true
                            }
                            EventKind::RejectCareRequest { reason } => {
                                r.rejected = Some((e.at, reason.clone()));
                                true
                            }
                            EventKind::CloseCareRequest => {
                                r.closed_at = Some(e.at);
                                true
                            }
                            EventKind::WithdrawConsent { purpose: Purpose::CareRequest } => {
                                r.withdrawn_at = Some(e.at);
                                true
                            }
                            _ => false,
                        };
                        if changed {
                            r.last_change = Some(e.at);
                        }
                    }
                    s.other(e.at, e.actor, kind);
                }
            }
        }
        s
    }

    fn other(&mut self, at: Timestamp, actor: Role, kind: &EventKind) {
        match kind {
            EventKind::GiveConsent { purpose, .. }
            | EventKind::DeclineConsent { purpose }
            | EventKind::WithdrawConsent { purpose } => {
                let i = Purpose::ALL.iter().position(|p| p == purpose).unwrap_or(0);
                if let Some(slot) = self.consent_at.get_mut(i) {
                    *slot = Some(at);
                }
            }
            EventKind::AcknowledgeMessage { id } => self.acks.push((id.clone(), actor, at)),
            EventKind::AddRehabParty { provider } => self.rehab_provider = Some(provider.clone()),
            EventKind::ScheduleSip { meeting_at, place, participants } => {
                self.sip_meeting = Some((*meeting_at, place.clone(), participants.clone(), at));
            }
            EventKind::HoldSip => self.sip_held_at = Some(at),
            EventKind::BookCheckIn { starts_at, .. } => {
                self.bookings.push(Booking { booked_at: at, starts_at: *starts_at, ended_at: None });
            }
            EventKind::EndCheckIn => {
                if let Some(b) = self.bookings.last_mut() {
                    b.ended_at = Some(at);
                }
            }
            _ => {}
        }
    }
}

struct Export<'a> {
    case: &'a Case,
    ids: Ids<'a>,
    story: &'a Story,
    /// The two ids nearly every resource references, made once.
    patient: String,
    case_uuid: String,
}

type Entry = (String, Value);

impl Export<'_> {
    fn patient_id(&self) -> String {
        self.patient.clone()
    }

    fn patient_ref(&self) -> Value {
        reference(&self.patient_id())
    }

    fn case_ref(&self) -> Value {
        reference(&self.case_uuid)
    }

    /// A party the engine knows by its role (and the care contact's and rehab's unit by name):
    /// a logical reference by identifier; a unit named by an HSA id carries it as one.
    fn party(&self, role: Role) -> Value {
        if role == Role::Patient {
            return self.patient_ref();
        }
        let unit = match role {
            Role::CareContact => self.case.care_contact_unit(),
            Role::Rehab => self.story.rehab_provider.as_deref(),
            _ => None,
        };
        let kind = if role == Role::Relative { "RelatedPerson" } else { "Organization" };
        match unit {
            Some(u) if codes::is_hsa_id(u) => json!({
                "type": kind,
                "identifier": {"system": codes::HSA_SYSTEM, "value": u},
                "display": codes::role_display(role),
            }),
            _ => json!({
                "type": kind,
                "identifier": {"system": naming::ROLE, "value": role.as_str()},
                "display": unit.unwrap_or(codes::role_display(role)),
            }),
        }
    }

    fn role_cc(role: Role) -> Value {
        json!({"coding": [coding_d(system::ROLE, (role.as_str(), codes::role_display(role)))]})
    }

    /// The embedding system's patient: the engine holds no identity, so the Bundle carries a
    /// placeholder for it to fill in (an identifier) or to replace by its own reference.
    fn patient(&self) -> Entry {
        let id = self.patient_id();
        let tag = json!({"tag": [coding_d(system::TAG, ("patient-placeholder", "patient placeholder"))]});
        (id.clone(), R::new("Patient", &id).set("meta", tag).done())
    }

    /// The case: a CarePlan of the discharge coordination.
    fn case_plan(&self) -> Entry {
        let id = self.case_uuid.clone();
        let case = self.case;
        let mut category = vec![
            concept_cc(concept::DISCHARGE_COORDINATION),
            json!({"coding": [coding(system::PHASE, case.phase().as_str())]}),
            json!({"coding": [coding_d(system::COLOR_TRACK, (case.color_track().as_str(), codes::color_track_display(case.color_track())))]}),
        ];
        if case.ready_for_discharge_at().is_some() {
            category.push(json!({"coding": [coding_d(system::DISCHARGE_READINESS, concept::READY_FOR_DISCHARGE)]}));
        }
        let admitted_at = case.events().next().map(|e| e.at);
        let finished_at = case.phase().is_finished().then(|| case.last_event_at()).flatten();
        let resource = R::new("CarePlan", &id)
            .set("identifier", json!([{"system": naming::CASE_ID, "value": case.case_id().unwrap_or_default()}]))
            .set("status", codes::case_plan_status(case.phase()))
            .set("intent", "plan")
            .set("category", Value::Array(category))
            .set("subject", self.patient_ref())
            .opt("period", period(admitted_at, finished_at))
            .opt("created", admitted_at.map(|t| json!(t)))
            .done();
        (id, resource)
    }

    fn request_state(&self, request: &Request, last: bool) -> CareRequestState {
        if last { self.case.care_request() } else { request.state() }
    }

    /// The care request itself (vårdbegäran), which its Task is about.
    fn service_request(&self, request: &Request, last: bool) -> Entry {
        let id = self.ids.uuid(&format!("care_request/{}", request.n));
        let state = self.request_state(request, last);
        let resource = R::new("ServiceRequest", &id)
            .set("identifier", self.request_identifier(request))
            .set("basedOn", json!([self.case_ref()]))
            .set("status", codes::care_request_service_status(state))
            .set("intent", "order")
            .set("code", concept_cc(concept::CARE_REQUEST))
            .set("subject", self.patient_ref())
            .opt("authoredOn", request.sent_at.map(|t| json!(t)))
            .set("requester", self.party(Role::CareContact))
            .set("performer", json!([self.party(Role::MunicipalCare)]))
            .set("note", json!([{"text": request.question}]))
            .done();
        (id, resource)
    }

    fn request_identifier(&self, request: &Request) -> Value {
        let value = format!("{}/{}", self.case.case_id().unwrap_or_default(), request.n);
        json!([{"system": naming::CARE_REQUEST, "value": value}])
    }

    /// The care request's Task: the status municipal care's system reads and writes back.
    fn care_request_task(&self, request: &Request, last: bool) -> Entry {
        let id = self.ids.uuid(&format!("care_request/{}/task", request.n));
        let state = self.request_state(request, last);
        let closed_from_rejected = request.rejected.is_some();
        let owner = match state {
            CareRequestState::CompletionRequested => Role::CareContact,
            _ => Role::MunicipalCare,
        };
        let end = request.closed_at.or(request.withdrawn_at);
        let output: Vec<Value> = match state {
            CareRequestState::CompletionRequested => request
                .missing
                .iter()
                .map(|m| json!({"type": {"coding": [coding(system::TASK_PARAMETER, "missing")]}, "valueString": m}))
                .collect(),
            _ => Vec::new(),
        };
        let reason = request.rejected.as_ref().map(|(_, reason)| json!({"text": reason}));
        let resource = R::new("Task", &id)
            .set("identifier", self.request_identifier(request))
            .set("status", codes::care_request_task_status(state, closed_from_rejected))
            .opt("statusReason", reason)
            .set("businessStatus", json!({"coding": [coding(system::CARE_REQUEST_STATE, state.as_str())]}))
            .set("intent", "order")
            .set("code", concept_cc(concept::CARE_REQUEST))
            .set("focus", reference(&self.ids.uuid(&format!("care_request/{}", request.n))))
            .set("for", self.patient_ref())
            .opt("executionPeriod", period(request.acknowledged_at, end))
            .opt("authoredOn", request.sent_at.map(|t| json!(t)))
            .opt("lastModified", request.last_change.map(|t| json!(t)))
            .set("requester", self.party(Role::CareContact))
            .set("owner", self.party(owner))
            .list("output", output)
            .done();
        (id, resource)
    }

    fn consent(&self, purpose: Purpose) -> Entry {
        let id = self.ids.uuid(&format!("consent/{purpose}"));
        let value = self.case.consent(purpose);
        let i = Purpose::ALL.iter().position(|p| *p == purpose).unwrap_or(0);
        let at = self.story.consent_at.get(i).copied().flatten();
        let rule = coding_d(system::CONSENT_PURPOSE, (purpose.as_str(), codes::purpose_display(purpose)));
        let resource = R::new("Consent", &id)
            .set("status", codes::consent_status(value))
            .set(
                "scope",
                json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]}),
            )
            .set("category", json!([{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}]))
            .set("patient", self.patient_ref())
            .opt("dateTime", at.filter(|_| value != ConsentValue::Unknown).map(|t| json!(t)))
            .set("performer", json!([self.patient_ref()]))
            .set("policyRule", json!({"coding": [rule]}))
            .done();
        (id, resource)
    }

    /// The SIP's CarePlan, once the SIP is (or was) needed.
    fn sip_plan(&self) -> Option<Entry> {
        let sip = self.case.sip();
        if sip == SipState::NotNeeded && self.story.sip_meeting.is_none() {
            return None;
        }
        let id = self.ids.uuid("sip");
        let resource = R::new("CarePlan", &id)
            .set("status", codes::sip_plan_status(sip, self.case.phase()))
            .set("intent", "plan")
            .set("category", json!([concept_cc(concept::SIP), {"coding": [coding(system::SIP_STATE, sip.as_str())]}]))
            .set("subject", self.patient_ref())
            .set("partOf", json!([self.case_ref()]))
            .done();
        Some((id, resource))
    }

    /// The SIP meeting, once scheduled: booked, held → fulfilled; cancelled if the case ended
    /// or the SIP was declined before it was held.
    fn sip_meeting(&self) -> Option<Entry> {
        let (meeting_at, place, participants, invited_at) = self.story.sip_meeting.as_ref()?;
        let id = self.ids.uuid("sip/meeting");
        let status = match self.case.sip() {
            SipState::Held => "fulfilled",
            SipState::Scheduled if !self.case.phase().is_finished() => "booked",
            _ => "cancelled",
        };
        let attendee = if status == "fulfilled" { "accepted" } else { "needs-action" };
        let mut people = self.participants(participants, attendee);
        people.push(json!({"actor": {"type": "Location", "display": place}, "status": "accepted"}));
        let resource = R::new("Appointment", &id)
            .set("status", status)
            .set("serviceType", json!([concept_cc(concept::SIP)]))
            .set("start", json!(meeting_at))
            // The engine holds no meeting length; FHIR (app-3) wants an end for a booked one.
            .set("end", json!(meeting_at))
            .set("created", json!(invited_at))
            .set("supportingInformation", json!([reference(&self.ids.uuid("sip"))]))
            .set("participant", Value::Array(people))
            .done();
        Some((id, resource))
    }

    fn participants(&self, roles: &[Role], status: &str) -> Vec<Value> {
        roles
            .iter()
            .map(|r| match r {
                Role::Patient => json!({"type": [Self::role_cc(*r)], "actor": self.patient_ref(), "status": status}),
                _ => json!({"type": [Self::role_cc(*r)], "status": status}),
            })
            .collect()
    }

    /// A check-in booking: booked, arrived (in progress), fulfilled (held); cancelled when a
    /// later booking replaced it or the case ended before it was held.
    fn check_in(&self, i: usize, booking: &Booking, last: bool) -> Entry {
        let id = self.ids.uuid(&format!("check_in/{}", i + 1));
        let state = if last { self.case.check_in() } else { CheckInState::NotBooked };
        let status = match state {
            CheckInState::Booked | CheckInState::InProgress if self.case.phase().is_finished() => "cancelled",
            s => codes::check_in_status(s),
        };
        let recipients: Vec<Role> = self
            .case
            .messages()
            .iter()
            .filter(|m| m.message == Message::CheckInBooked)
            .nth(i)
            .map(|m| m.to.roles().collect())
            .unwrap_or_default();
        let recipients = if recipients.is_empty() { vec![Role::Inpatient] } else { recipients };
        let attendee = match status {
            "fulfilled" | "arrived" => "accepted",
            _ => "needs-action",
        };
        let end =
            booking.ended_at.filter(|_| status == "fulfilled").map_or(booking.starts_at, |e| e.max(booking.starts_at));
        let resource = R::new("Appointment", &id)
            .set("status", status)
            .set("serviceType", json!([concept_cc(concept::CHECK_IN)]))
            .set("start", json!(booking.starts_at))
            .set("end", json!(end))
            .set("created", json!(booking.booked_at))
            .set("supportingInformation", json!([self.case_ref()]))
            .set("participant", Value::Array(self.participants(&recipients, attendee)))
            .done();
        (id, resource)
    }

    /// Each message, one Communication per recipient; an acknowledgement fills `received`.
    fn communications(&self) -> Vec<Entry> {
        let mut out = Vec::new();
        let mut care_requests = self.story.requests.iter();
        for (i, m) in self.case.messages().iter().enumerate() {
            let mid = numbered_id('m', i);
            let request = if m.message == Message::CareRequest { care_requests.next() } else { None };
            for role in m.to.roles() {
                let id = self.ids.uuid(&format!("message/{mid}/{role}"));
                let received = match request {
                    Some(r) if role == Role::MunicipalCare => r.acknowledged_at,
                    _ => self.story.acks.iter().find(|(id, r, _)| *id == mid && *r == role).map(|(_, _, at)| *at),
                };
                let received = received.filter(|_| m.acknowledged.contains(role));
                let about = match request {
                    Some(r) => vec![self.case_ref(), reference(&self.ids.uuid(&format!("care_request/{}", r.n)))],
                    None => vec![self.case_ref()],
                };
                let resource = R::new("Communication", &id)
                    .set("identifier", json!([{"system": naming::MESSAGE_ID, "value": mid}]))
                    .set("status", "completed")
                    .set("category", json!([{"coding": [coding(system::MESSAGE, m.message.as_str())]}]))
                    .set("subject", self.patient_ref())
                    .set("about", Value::Array(about))
                    .set("sent", json!(m.at))
                    .opt("received", received.map(|t| json!(t)))
                    .set("recipient", json!([self.party(role)]))
                    .done();
                out.push((id, resource));
            }
        }
        out
    }

    /// Each deadline as a Task: pending and overdue are `requested`, met `completed`; due in
    /// `restriction.period.end`.
    fn deadlines(&self, at: Timestamp) -> Vec<Entry> {
        self.case
            .deadlines(at)
            .into_iter()
            .map(|d| {
                let id = self.ids.uuid(&format!("deadline/{}", d.kind));
                let mut output = Vec::new();
                if let Some(days) = d.days {
                    output.push(json!({"type": {"coding": [coding(system::TASK_PARAMETER, "payment-days")]}, "valueUnsignedInt": days}));
                }
                if let Some(amount) = d.amount_sek {
                    output.push(json!({
                        "type": {"coding": [coding(system::TASK_PARAMETER, "payment-amount")]},
                        "valueMoney": {"value": amount, "currency": "SEK"},
                    }));
                }
                let resource = R::new("Task", &id)
                    .set("status", codes::deadline_task_status(d.status))
                    .set("businessStatus", json!({"coding": [coding(system::DEADLINE_STATUS, d.status.as_str())]}))
                    .set("intent", "plan")
                    .set("code", json!({"coding": [coding_d(system::DEADLINE, (d.kind.as_str(), codes::deadline_display(d.kind)))]}))
                    .set("focus", self.case_ref())
                    .set("for", self.patient_ref())
                    // Met before it arose (rehab added before the booking): no start after its end.
                    .opt("executionPeriod", period(Some(d.since).filter(|s| d.met_at.is_none_or(|m| *s <= m)), d.met_at))
                    .set("authoredOn", json!(d.since))
                    .set("owner", self.party(d.owner))
                    .set("restriction", json!({"period": {"end": d.due}}))
                    .list("output", output)
                    .done();
                (id, resource)
            })
            .collect()
    }

    /// Each access-log entry: a read (action R) of the patient's record, by a role, allowed
    /// (outcome 0) or refused (4, with the engine's code).
    fn audit_events(&self) -> Vec<Entry> {
        self.case
            .access_log()
            .iter()
            .enumerate()
            .map(|(i, a)| {
                let id = self.ids.uuid(&format!("access/{}", i + 1));
                let refused = a.code.map(|c| c.as_str());
                let resource = R::new("AuditEvent", &id)
                    .set(
                        "type",
                        json!({"system": "http://dicom.nema.org/resources/ontology/DCM", "code": "110110", "display": "Patient Record"}),
                    )
                    .set("subtype", json!([coding(system::ACCESS_ACTION, a.action.as_str())]))
                    .set("action", "R")
                    .set("recorded", json!(a.at))
                    .set("outcome", if refused.is_some() { "4" } else { "0" })
                    .opt("outcomeDesc", refused)
                    .set(
                        "agent",
                        json!([{"role": [Self::role_cc(a.role)], "who": self.party(a.role), "requestor": true}]),
                    )
                    .set("source", json!({"observer": {"display": "utskrivning"}}))
                    .set("entity", json!([{"what": self.patient_ref()}, {"what": self.case_ref()}]))
                    .done();
                (id, resource)
            })
            .collect()
    }
}
