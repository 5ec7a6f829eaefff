//! The machine: every track of a case as a statig machine side by side (the only layer that
//! names statig), the dispatch of an event to its track, the cascade loop that hands what an
//! accepted event moves to the other tracks, and the state's JSON. The case above it runs the
//! check order and keeps the journal; it sees the tracks only through [`CaseState`]'s typed
//! accessors.

pub(crate) mod ctx;
pub(crate) mod tracks;

use serde::Serialize;
use serde::ser::SerializeMap;
use statig::blocking::{InitializedStateMachine, IntoStateMachineExt};

use crate::model::{
    Agreement, CareRequestState, CheckInState, ColorTrackState, ConsentValue, Detail, Effect, Error, ErrorCode, Event,
    EventType, PhaseState, Purpose, Result, Routine, SipState, SolApplicationState, track,
};
use crate::time::Timestamp;
use ctx::{Cascade, Ctx, Facts, Input};
use tracks::care_request::CareRequestTrack;
use tracks::check_in::CheckInTrack;
use tracks::color_track::ColorTrackTrack;
use tracks::consent::ConsentTrack;
use tracks::phase::PhaseTrack;
use tracks::sip::SipTrack;
use tracks::sol_application::SolApplicationTrack;

pub use tracks::check_in::{AgendaRecord, Overrun};
pub use tracks::color_track::MUST_AGREE;
pub use tracks::coordination::Coordination;
pub use tracks::follow_ups::{FollowUp, FollowUps};
pub use tracks::messages::{MessageEntry, Messages};
pub use tracks::phase::{Admission, AdmissionNotice, Assigned};
pub use tracks::sip::RED_TRACK_PLACE;

/// The case state: every track, and nothing of the journal or the access log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseState {
    last_event_at: Option<Timestamp>,
    phase: InitializedStateMachine<PhaseTrack>,
    check_in: InitializedStateMachine<CheckInTrack>,
    care_request: InitializedStateMachine<CareRequestTrack>,
    consent_care_request: InitializedStateMachine<ConsentTrack>,
    consent_sip: InitializedStateMachine<ConsentTrack>,
    color_track: InitializedStateMachine<ColorTrackTrack>,
    sip: InitializedStateMachine<SipTrack>,
    sol_application: InitializedStateMachine<SolApplicationTrack>,
    coordination: Coordination,
    follow_ups: FollowUps,
    messages: Messages,
    /// When the care request and the SIP last changed state: what their worklist items'
    /// `since` is. Derived from the journal like everything here, not written out.
    entered: [Option<Timestamp>; 2],
}

fn machine<M>(storage: M) -> InitializedStateMachine<M>
where
    M: for<'c, 'e> statig::blocking::IntoStateMachine<Context<'c> = Ctx, Event<'e> = Input<'e>>,
    M::State: statig::blocking::State<M>,
    for<'s> M::Superstate<'s>: statig::blocking::Superstate<M>,
{
    // No track has entry actions, so initialising is only statig's bookkeeping (quiet: no
    // room for effects is allocated).
    let mut ctx = Ctx::with_mode(Facts::before_admission(), Timestamp::UNIX_EPOCH, None, true);
    storage.uninitialized_state_machine().init_with_context(&mut ctx)
}

impl Default for CaseState {
    fn default() -> Self {
        CaseState {
            last_event_at: None,
            phase: machine(PhaseTrack::default()),
            check_in: machine(CheckInTrack::default()),
            care_request: machine(CareRequestTrack::default()),
            consent_care_request: machine(ConsentTrack),
            consent_sip: machine(ConsentTrack),
            color_track: machine(ColorTrackTrack::default()),
            sip: machine(SipTrack::default()),
            sol_application: machine(SolApplicationTrack::default()),
            coordination: Coordination::default(),
            follow_ups: FollowUps::default(),
            messages: Messages::default(),
            entered: [None; 2],
        }
    }
}

impl CaseState {
    /// Hands an event that passed the case's checks 1–4 to its track: the track's state, then
    /// the blank texts (`blank`: the first text field that says nothing), then the event's own
    /// guards. Accepted, what it moved in other tracks follows, and the answer lists the state
    /// changes first, then what the handlers sent, in order.
    pub(crate) fn apply(&mut self, event: &Event, blank: Option<&'static str>) -> Result<Vec<Effect>> {
        self.apply_in(event, blank, false)
    }

    /// `apply` in quiet mode: the same state and the same refusal, and no effect built (the
    /// answer is always empty). Replay and restore use it.
    pub(crate) fn apply_quiet(&mut self, event: &Event, blank: Option<&'static str>) -> Result<()> {
        self.apply_in(event, blank, true).map(drop)
    }

    fn apply_in(&mut self, event: &Event, blank: Option<&'static str>, quiet: bool) -> Result<Vec<Effect>> {
        let event_type = event.kind.event_type();
        let phase = self.phase();
        if phase == PhaseState::NotAdmitted && event_type != EventType::Admit {
            return Err(Error::wrong_state(event_type.as_str(), track::PHASE, phase.as_str()));
        }
        let before = self.track_states();
        let mut ctx = Ctx::with_mode(self.facts(), event.at, blank, quiet);
        if event_type == EventType::CloseCase {
            ctx.open_items = self.open_items();
        }
        let path = event.kind.track();
        self.dispatch(path, event, &mut ctx);
        if let Some(err) = ctx.rejection.take() {
            return Err(self.locate(err, event_type, path, ctx.wrong_state_name));
        }
        // Cascades may cascade again (none does today); each runs once, in order.
        let mut next = 0;
        while let Some(cascade) = ctx.cascades.get(next) {
            next += 1;
            self.follow(cascade, &mut ctx);
        }
        self.last_event_at = Some(event.at);
        let mut effects = ctx.effects;
        if quiet {
            self.messages.record_sent(ctx.sent.iter(), event.at);
        } else {
            self.messages.record(&mut effects, event.at);
        }
        let after = self.track_states();
        if after != before {
            if !quiet {
                // Inserted in place, they need no second vector (most events have 1 to 3).
                for (i, change) in before.changes(&after).enumerate() {
                    effects.insert(i, change);
                }
            }
            let [care_request, sip] = &mut self.entered;
            if before.care_request != after.care_request {
                *care_request = Some(event.at);
            }
            if before.sip != after.sip {
                *sip = Some(event.at);
            }
        }
        Ok(effects)
    }

    fn dispatch(&mut self, path: &'static str, event: &Event, ctx: &mut Ctx) {
        let input = Input::Event(event);
        match path {
            track::PHASE => self.phase.handle_with_context(&input, ctx),
            track::CHECK_IN => self.check_in.handle_with_context(&input, ctx),
            track::CARE_REQUEST => self.care_request.handle_with_context(&input, ctx),
            track::CONSENT_CARE_REQUEST => self.consent_care_request.handle_with_context(&input, ctx),
            track::CONSENT_SIP => self.consent_sip.handle_with_context(&input, ctx),
            track::COLOR_TRACK => self.color_track.handle_with_context(&input, ctx),
            track::SIP => self.sip.handle_with_context(&input, ctx),
            track::SOL_APPLICATION => self.sol_application.handle_with_context(&input, ctx),
            track::MESSAGES => self.messages.handle(event, ctx),
            _ => self.follow_ups.handle(event, ctx),
        }
    }

    /// Runs one change an accepted event handed on (never rejected).
    fn follow(&mut self, cascade: Cascade, ctx: &mut Ctx) {
        match cascade {
            Cascade::SipNeeded => self.sip.handle_with_context(&Input::SipNeeded, ctx),
            Cascade::ConsentChanged(purpose, value) => {
                let input = Input::ConsentChanged(purpose, value);
                match purpose {
                    Purpose::Sip => self.sip.handle_with_context(&input, ctx),
                    Purpose::CareRequest => self.care_request.handle_with_context(&input, ctx),
                }
            }
            Cascade::CoordinationToCareContact(on) => self.coordination = Coordination::care_contact_since(on),
            Cascade::CareRequestAcknowledged => self.messages.care_request_acknowledged(),
        }
    }

    /// Names the track and state of a `wrong_state` the track reported.
    fn locate(&self, err: Error, event_type: EventType, path: &'static str, named: Option<&'static str>) -> Error {
        if err.code != ErrorCode::WrongState {
            return err;
        }
        let state = match path {
            _ if named.is_some() => named.unwrap_or_default(),
            track::FOLLOW_UPS => "resolved",
            t => self.state_names().iter().find(|(n, _)| *n == t).map_or("", |(_, s)| *s),
        };
        let e = Error::wrong_state(event_type.as_str(), path, state);
        if path == track::PHASE { e } else { e.with(Detail::Phase, self.phase().as_str()) }
    }

    fn facts(&self) -> Facts {
        Facts {
            routine: self.routine(),
            agreement: self.agreement(),
            phase: self.phase(),
            care_contact_assigned: self.phase.inner().care_contact.is_some(),
            check_in: self.check_in(),
            care_request_open: self.care_request().is_open(),
            enrolled_at_admission: self.enrolled_at_admission(),
            color_track: self.color_track(),
            consent_care_request: self.consent(Purpose::CareRequest),
            consent_sip: self.consent(Purpose::Sip),
            municipal_care_related: self.municipal_care_related(),
            rehab_added: self.phase.inner().rehab.is_some(),
        }
    }

    /// What keeps a discharged case from closing (spec: `close_case`).
    pub fn open_items(&self) -> Vec<String> {
        let mut items = Vec::new();
        if self.care_request().is_open() {
            items.push(format!("care_request:{}", self.care_request()));
        }
        if matches!(self.sip(), SipState::AwaitingConsent | SipState::ToSchedule | SipState::Scheduled) {
            items.push(format!("sip:{}", self.sip()));
        }
        items.extend(self.follow_ups.unanswered().map(|q| format!("follow_up:{}", q.id)));
        if matches!(self.check_in(), CheckInState::Booked | CheckInState::InProgress) {
            items.push(format!("check_in:{}", self.check_in()));
        }
        items
    }

    /// Each track's path and state name, in a fixed order (the snapshot's keys).
    pub fn state_names(&self) -> [(&'static str, &'static str); 8] {
        self.track_states().names()
    }

    fn track_states(&self) -> TrackStates {
        TrackStates {
            phase: self.phase(),
            check_in: self.check_in(),
            care_request: self.care_request(),
            consent_care_request: self.consent(Purpose::CareRequest),
            consent_sip: self.consent(Purpose::Sip),
            color_track: self.color_track(),
            sip: self.sip(),
            sol_application: self.sol_application(),
        }
    }

    // --- Typed accessors: what the case, the planner and the bindings read ---------------

    pub fn last_event_at(&self) -> Option<Timestamp> {
        self.last_event_at
    }

    pub fn phase(&self) -> PhaseState {
        *self.phase.state()
    }

    /// What the phase events recorded: the admission, the notice, the units, the dates.
    pub fn phase_record(&self) -> &PhaseTrack {
        self.phase.inner()
    }

    pub fn admission(&self) -> Option<&Admission> {
        self.phase.inner().admission.as_ref()
    }

    /// The routine; before admission, `professional_check_in` (nothing depends on it then).
    pub fn routine(&self) -> Routine {
        self.admission().map_or(Routine::ProfessionalCheckIn, |a| a.routine)
    }

    pub fn agreement(&self) -> Agreement {
        self.admission().map(|a| a.agreement).unwrap_or_default()
    }

    pub fn enrolled_at_admission(&self) -> bool {
        self.admission().is_some_and(|a| a.municipal_care_at_admission)
    }

    /// Municipal care has a care relationship: an enrolment (at admission, or by an accepted
    /// request), or an open request (a rejected one not yet closed counts).
    pub fn municipal_care_related(&self) -> bool {
        self.enrolled_at_admission() || self.care_request.inner().enrolled || self.care_request().is_open()
    }

    pub fn rehab_added(&self) -> bool {
        self.phase.inner().rehab.is_some()
    }

    pub fn check_in(&self) -> CheckInState {
        *self.check_in.state()
    }

    pub fn check_in_record(&self) -> &CheckInTrack {
        self.check_in.inner()
    }

    #[cfg_attr(not(feature = "conformance"), allow(dead_code))]
    pub fn care_request_record(&self) -> &CareRequestTrack {
        self.care_request.inner()
    }

    #[cfg_attr(not(feature = "conformance"), allow(dead_code))]
    pub fn color_track_record(&self) -> &ColorTrackTrack {
        self.color_track.inner()
    }

    pub fn care_request(&self) -> CareRequestState {
        *self.care_request.state()
    }

    pub fn consent(&self, purpose: Purpose) -> ConsentValue {
        match purpose {
            Purpose::CareRequest => *self.consent_care_request.state(),
            Purpose::Sip => *self.consent_sip.state(),
        }
    }

    pub fn color_track(&self) -> ColorTrackState {
        *self.color_track.state()
    }

    pub fn sip(&self) -> SipState {
        *self.sip.state()
    }

    pub fn sip_record(&self) -> &SipTrack {
        self.sip.inner()
    }

    pub fn sol_application(&self) -> SolApplicationState {
        *self.sol_application.state()
    }

    pub fn coordination(&self) -> &Coordination {
        &self.coordination
    }

    pub fn follow_ups(&self) -> &FollowUps {
        &self.follow_ups
    }

    pub fn messages(&self) -> &Messages {
        &self.messages
    }

    /// When the track at `path` (`care_request` or `sip`) last changed state.
    pub fn entered(&self, path: &str) -> Option<Timestamp> {
        match path {
            track::CARE_REQUEST => self.entered[0],
            track::SIP => self.entered[1],
            _ => None,
        }
    }

    /// A finished case takes no more events: its lists give back their spare room.
    pub(crate) fn shrink(&mut self) {
        self.messages.0.shrink_to_fit();
        self.follow_ups.0.shrink_to_fit();
    }
}

impl Facts {
    /// Facts of the empty case (used only to initialise machines).
    fn before_admission() -> Facts {
        Facts {
            routine: Routine::ProfessionalCheckIn,
            agreement: Agreement::default(),
            phase: PhaseState::NotAdmitted,
            care_contact_assigned: false,
            check_in: CheckInState::NotBooked,
            care_request_open: false,
            enrolled_at_admission: false,
            color_track: ColorTrackState::Undecided,
            consent_care_request: ConsentValue::Unknown,
            consent_sip: ConsentValue::Unknown,
            municipal_care_related: false,
            rehab_added: false,
        }
    }
}

/// Every track's state, copied: comparing two of these is how `apply` sees cheaply whether an
/// event moved anything (names are looked up only for what moved).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct TrackStates {
    phase: PhaseState,
    check_in: CheckInState,
    care_request: CareRequestState,
    consent_care_request: ConsentValue,
    consent_sip: ConsentValue,
    color_track: ColorTrackState,
    sip: SipState,
    sol_application: SolApplicationState,
}

impl TrackStates {
    /// Each track's path and state name, in the snapshot's order.
    fn names(&self) -> [(&'static str, &'static str); 8] {
        [
            (track::PHASE, self.phase.as_str()),
            (track::CHECK_IN, self.check_in.as_str()),
            (track::CARE_REQUEST, self.care_request.as_str()),
            (track::CONSENT_CARE_REQUEST, self.consent_care_request.as_str()),
            (track::CONSENT_SIP, self.consent_sip.as_str()),
            (track::COLOR_TRACK, self.color_track.as_str()),
            (track::SIP, self.sip.as_str()),
            (track::SOL_APPLICATION, self.sol_application.as_str()),
        ]
    }

    /// A `state_changed` effect for each track whose state differs in `after`, in the
    /// snapshot's order.
    fn changes(&self, after: &TrackStates) -> impl Iterator<Item = Effect> {
        let before = self.names();
        let after = after.names();
        before
            .into_iter()
            .zip(after)
            .filter(|((_, from), (_, to))| from != to)
            .map(|((track, from), (_, to))| Effect::StateChanged { track, from, to })
    }
}

/// `{"state": <name>, <the track's data>}`.
struct Track<'a, S, M>(&'a S, &'a M);

impl<S: Serialize, M: Serialize> Serialize for Track<'_, S, M> {
    fn serialize<Ser: serde::Serializer>(&self, serializer: Ser) -> std::result::Result<Ser::Ok, Ser::Error> {
        #[derive(Serialize)]
        struct Repr<'a, S, M> {
            state: &'a S,
            #[serde(flatten)]
            data: &'a M,
        }
        Repr { state: self.0, data: self.1 }.serialize(serializer)
    }
}

/// The schema of the `state` object, key by key as `serialize` below writes it (a view is the
/// same document).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for CaseState {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "State".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        use crate::model::CareType;
        use crate::time::CivilDateSchema;
        use schemars::JsonSchema;
        use serde_json::{Value, json};
        use tracks::phase::{AdmissionNotice, Assigned};

        fn track<S: JsonSchema, M: JsonSchema>(g: &mut schemars::SchemaGenerator) -> Value {
            let mut schema = M::json_schema(g);
            let state = g.subschema_for::<S>().to_value();
            let object = schema.ensure_object();
            object.remove("title");
            if let Some(Value::Object(properties)) = object.get_mut("properties") {
                properties.shift_insert(0, "state".into(), state);
            }
            match object.get_mut("required") {
                Some(Value::Array(required)) => required.insert(0, json!("state")),
                _ => {
                    object.insert("required".into(), json!(["state"]));
                }
            }
            schema.to_value()
        }
        let mut properties = serde_json::Map::new();
        let mut key = |name: &str, schema: Value| {
            properties.insert(name.to_string(), schema);
        };
        key("case_id", g.subschema_for::<Option<String>>().to_value());
        key("routine", g.subschema_for::<Option<Routine>>().to_value());
        key("municipal_care_at_admission", g.subschema_for::<Option<bool>>().to_value());
        key("municipality", json!({"type": ["string", "null"], "pattern": "^[0-9]{4}$"}));
        key("care_type", g.subschema_for::<Option<CareType>>().to_value());
        key("agreement", g.subschema_for::<Option<Agreement>>().to_value());
        key("last_event_at", g.subschema_for::<Option<Timestamp>>().to_value());
        key("phase", g.subschema_for::<PhaseState>().to_value());
        key("admitted_at", g.subschema_for::<Option<Timestamp>>().to_value());
        key("admission_notice", g.subschema_for::<Option<AdmissionNotice>>().to_value());
        let date = g.subschema_for::<CivilDateSchema>().to_value();
        key(
            "estimated_discharge",
            json!({"anyOf": [
                {"type": "object", "properties": {"date": date}, "required": ["date"], "additionalProperties": false},
                {"type": "null"},
            ]}),
        );
        key("care_contact", g.subschema_for::<Option<Assigned>>().to_value());
        key("rehab", g.subschema_for::<Option<Assigned>>().to_value());
        for at in ["ready_for_discharge_at", "discharged_at", "finished_at"] {
            key(at, g.subschema_for::<Option<Timestamp>>().to_value());
        }
        key("check_in", track::<CheckInState, tracks::check_in::CheckInTrack>(g));
        key("care_request", track::<CareRequestState, tracks::care_request::CareRequestTrack>(g));
        let consent = g.subschema_for::<ConsentValue>().to_value();
        key(
            "consents",
            json!({
                "type": "object",
                "properties": {"care_request": consent, "sip": consent},
                "required": ["care_request", "sip"],
                "additionalProperties": false,
            }),
        );
        key("color_track", track::<ColorTrackState, tracks::color_track::ColorTrackTrack>(g));
        key("sip", track::<SipState, tracks::sip::SipTrack>(g));
        key("sol_application", track::<SolApplicationState, tracks::sol_application::SolApplicationTrack>(g));
        key("coordination", g.subschema_for::<Coordination>().to_value());
        key("follow_ups", g.subschema_for::<FollowUps>().to_value());
        key("messages", g.subschema_for::<Messages>().to_value());
        let required: Vec<&String> = properties.keys().collect();
        let required = json!(required);
        schemars::json_schema!({
            "description": "The case state: every track, and nothing of the journal or the access log (what `state` and `view` answer, and the snapshot's `state`).",
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        })
    }
}

/// The snapshot's `state` object (spec: Scenario files name its keys).
impl Serialize for CaseState {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error> {
        let phase = self.phase.inner();
        let admission = phase.admission.as_ref();
        let mut m = serializer.serialize_map(None)?;
        m.serialize_entry("case_id", &admission.map(|a| &a.case_id))?;
        m.serialize_entry("routine", &admission.map(|a| a.routine))?;
        m.serialize_entry("municipal_care_at_admission", &admission.map(|a| a.municipal_care_at_admission))?;
        m.serialize_entry("municipality", &admission.and_then(|a| a.municipality.as_ref()))?;
        m.serialize_entry("care_type", &admission.map(|a| a.care_type))?;
        m.serialize_entry("agreement", &admission.map(|a| a.agreement))?;
        m.serialize_entry("last_event_at", &self.last_event_at)?;
        m.serialize_entry("phase", self.phase.state())?;
        m.serialize_entry("admitted_at", &phase.admitted_at)?;
        m.serialize_entry("admission_notice", &phase.admission_notice)?;
        m.serialize_entry(
            "estimated_discharge",
            &phase.estimated_discharge.map(|date| serde_json::json!({"date": date})),
        )?;
        m.serialize_entry("care_contact", &phase.care_contact)?;
        m.serialize_entry("rehab", &phase.rehab)?;
        m.serialize_entry("ready_for_discharge_at", &phase.ready_for_discharge_at)?;
        m.serialize_entry("discharged_at", &phase.discharged_at)?;
        m.serialize_entry("finished_at", &phase.finished_at)?;
        m.serialize_entry("check_in", &Track(self.check_in.state(), self.check_in.inner()))?;
        m.serialize_entry("care_request", &Track(self.care_request.state(), self.care_request.inner()))?;
        m.serialize_entry(
            "consents",
            &serde_json::json!({
                "care_request": self.consent_care_request.state(),
                "sip": self.consent_sip.state(),
            }),
        )?;
        m.serialize_entry("color_track", &Track(self.color_track.state(), self.color_track.inner()))?;
        m.serialize_entry("sip", &Track(self.sip.state(), self.sip.inner()))?;
        m.serialize_entry("sol_application", &Track(self.sol_application.state(), self.sol_application.inner()))?;
        m.serialize_entry("coordination", &self.coordination)?;
        m.serialize_entry("follow_ups", &self.follow_ups)?;
        m.serialize_entry("messages", &self.messages)?;
        m.end()
    }
}
