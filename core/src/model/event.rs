//! Events: what may happen to a case, exactly the spec's event types and fields.
//!
//! **The table of events** below is the one place an event type is declared: its wire name,
//! who may perform it, its fields with their types (which of them are texts that must say
//! something), its track and its Swedish and English labels. Parsing (`wire`), the field
//! lists, the actor rule, the blank-text rule, the labels and the glossary all derive from it.
//! docs/contributing.md walks through adding an event.

use serde::Serialize;

use crate::model::agreement::Agreement;
use crate::model::error::Result;
use crate::model::role::{Role, Routine};
use crate::time::{CivilDate, Timestamp};
use crate::vocab::{Word, vocabulary};

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
    /// The kind of inpatient care (spec: `admit`), by which indicators are grouped.
    pub enum CareType {
        Somatic = "somatic",
        Psychiatric = "psychiatric",
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

/// An event of any type: one of the table's (`event.schema.json`, each type under `$defs`).
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Event {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Event".into()
    }
    fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let types: Vec<serde_json::Value> = EventType::ALL
            .iter()
            .map(|t| {
                let name = format!("Event.{}", t.as_str());
                let schema = t.schema(g);
                g.definitions_mut().insert(name.clone(), schema.to_value());
                // Chosen by its `type` (a validator then checks the one type, not every one).
                serde_json::json!({
                    "if": {"properties": {"type": {"const": t.as_str()}}, "required": ["type"]},
                    "then": {"$ref": format!("#/$defs/{name}")},
                })
            })
            .collect();
        schemars::json_schema!({
            "description": "One event: when (`at`), by whom (`actor`), and what (`type` and its own fields).",
            "type": "object",
            "required": ["type"],
            "properties": {"type": g.subschema_for::<EventType>()},
            "allOf": types,
        })
    }
}

/// Reads an event's own fields by name (the `wire` layer implements it over JSON). One method
/// per kind of field the table names; each refuses what is absent, `null` or of the wrong type
/// with `invalid_input` naming the field.
pub trait FieldReader {
    /// A text a person wrote, which must say something (checked in the check order).
    fn text(&mut self, name: &'static str) -> Result<String>;
    /// A string that is an identifier, not prose (`case_id`, a question's `id`, a colour).
    fn name(&mut self, name: &'static str) -> Result<String>;
    /// A list of texts, each of which must say something.
    fn texts(&mut self, name: &'static str) -> Result<Vec<String>>;
    /// A non-empty list of roles.
    fn roles(&mut self, name: &'static str) -> Result<Vec<Role>>;
    fn time(&mut self, name: &'static str) -> Result<Timestamp>;
    /// A calendar date, `YYYY-MM-DD`.
    fn date(&mut self, name: &'static str) -> Result<CivilDate>;
    /// One word of a vocabulary, optional (absent or `null` is `None`).
    fn opt_word<W: Word>(&mut self, name: &'static str) -> Result<Option<W>>;
    /// A four-digit municipality code (kommunkod), optional.
    fn opt_municipality(&mut self, name: &'static str) -> Result<Option<String>>;
    fn bool(&mut self, name: &'static str) -> Result<bool>;
    fn opt_bool(&mut self, name: &'static str) -> Result<Option<bool>>;
    /// One word of a vocabulary (a routine, an agenda item, a purpose, …).
    fn word<W: Word>(&mut self, name: &'static str) -> Result<W>;
    fn agreement(&mut self, name: &'static str) -> Result<Option<Agreement>>;
}

/// Writes an event's own fields, in the table's order, each by its kind (the binary snapshot
/// implements it). The mirror of [`FieldReader`].
pub(crate) trait FieldWriter {
    fn text(&mut self, v: &str);
    fn name(&mut self, v: &str);
    fn texts(&mut self, v: &[String]);
    fn roles(&mut self, v: &[Role]);
    fn time(&mut self, v: &Timestamp);
    fn date(&mut self, v: &CivilDate);
    fn opt_word<W: Word>(&mut self, v: &Option<W>);
    fn opt_municipality(&mut self, v: &Option<String>);
    fn bool(&mut self, v: &bool);
    fn opt_bool(&mut self, v: &Option<bool>);
    fn word<W: Word>(&mut self, v: &W);
    fn agreement(&mut self, v: &Option<Agreement>);
}

/// Which fields of a kind say nothing. One function per field kind of the table: only `text`
/// and `texts` are checked, so a new text field is checked by construction.
mod blank {
    use crate::model::text::says_nothing;

    pub fn text(s: &str) -> bool {
        says_nothing(s)
    }
    pub fn texts(list: &[String]) -> bool {
        list.iter().any(|s| says_nothing(s))
    }
    macro_rules! never {
        ($($kind:ident),*) => { $(pub fn $kind<T: ?Sized>(_: &T) -> bool { false })* };
    }
    never!(name, roles, time, date, bool, opt_bool, word, opt_word, opt_municipality, agreement);
}

/// The schema of a field by its kind in the table, and whether the event must have it: the
/// same kinds the [`FieldReader`] reads (docs/schema/event.schema.json).
#[cfg(feature = "schema")]
mod field_schema {
    // Every kind takes the field's type, so that the table's macro calls each alike; most
    // kinds know their schema without it.
    #![allow(clippy::extra_unused_type_parameters)]

    use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

    use crate::model::role::Role;

    type Field = (Schema, bool);

    pub fn text<T>(_: &mut SchemaGenerator) -> Field {
        (json_schema!({"type": "string"}), true)
    }
    pub fn name<T>(_: &mut SchemaGenerator) -> Field {
        (json_schema!({"type": "string"}), true)
    }
    pub fn texts<T>(_: &mut SchemaGenerator) -> Field {
        (json_schema!({"type": "array", "items": {"type": "string"}}), true)
    }
    pub fn roles<T>(g: &mut SchemaGenerator) -> Field {
        // An empty list is `invalid_input` (`empty_list`); a role given twice is written once.
        (json_schema!({"type": "array", "items": g.subschema_for::<Role>(), "minItems": 1}), true)
    }
    pub fn time<T>(g: &mut SchemaGenerator) -> Field {
        (g.subschema_for::<crate::time::Timestamp>(), true)
    }
    pub fn date<T>(g: &mut SchemaGenerator) -> Field {
        (g.subschema_for::<crate::time::CivilDateSchema>(), true)
    }
    pub fn bool<T>(_: &mut SchemaGenerator) -> Field {
        (json_schema!({"type": "boolean"}), true)
    }
    pub fn opt_bool<T>(_: &mut SchemaGenerator) -> Field {
        (json_schema!({"type": ["boolean", "null"]}), false)
    }
    pub fn word<T: JsonSchema>(g: &mut SchemaGenerator) -> Field {
        (g.subschema_for::<T>(), true)
    }
    /// `T` is the field's `Option<W>`: absent or `null` is none.
    pub fn opt_word<T: JsonSchema>(g: &mut SchemaGenerator) -> Field {
        (g.subschema_for::<T>(), false)
    }
    pub fn opt_municipality<T>(_: &mut SchemaGenerator) -> Field {
        (json_schema!({"type": ["string", "null"], "pattern": "^[0-9]{4}$"}), false)
    }
    pub fn agreement<T>(g: &mut SchemaGenerator) -> Field {
        let agreement = crate::model::agreement::Agreement::input_schema(g);
        (json_schema!({"anyOf": [agreement, {"type": "null"}]}), false)
    }
}

/// What the event's JSON form (and so the journal, the snapshots and every binding) cannot
/// carry, by field kind: the readers refuse it from JSON, so a typed event holding it is refused
/// too, with the reader's problem, and every accepted event reads back as itself.
mod wire_form {
    use crate::model::error::Problem;
    use crate::model::role::Role;
    use crate::time::CivilDate;

    pub fn roles(list: &[Role]) -> Option<Problem> {
        list.is_empty().then_some(Problem::EmptyList)
    }
    /// A kommunkod is four digits.
    pub fn opt_municipality(code: &Option<String>) -> Option<Problem> {
        let four_digits = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit());
        code.as_deref().filter(|s| !four_digits(s)).map(|_| Problem::UnknownValue)
    }
    /// RFC 3339 dates have four-digit years.
    pub fn date(date: &CivilDate) -> Option<Problem> {
        (!(0..=9999).contains(&date.year())).then_some(Problem::NotADate)
    }
    macro_rules! always {
        ($($kind:ident),*) => { $(pub fn $kind<T: ?Sized>(_: &T) -> Option<Problem> { None })* };
    }
    always!(text, texts, name, time, bool, opt_bool, word, opt_word, agreement);
}

/// Builds `EventKind` from the table: a variant without fields is a unit variant.
macro_rules! event_kind_enum {
    (@acc [$($out:tt)*]) => {
        /// The event's type and its own fields. Texts are kept as given; blank ones are refused
        /// with `missing_information` at the point of the check order where the spec puts it.
        #[derive(Debug, Clone, PartialEq, Eq, Serialize)]
        #[serde(tag = "type", rename_all = "snake_case")]
        pub enum EventKind { $($out)* }
    };
    (@acc [$($out:tt)*] [$(#[$m:meta])*] $v:ident {} $($rest:tt)*) => {
        event_kind_enum!(@acc [$($out)* $(#[$m])* $v,] $($rest)*);
    };
    (@acc [$($out:tt)*] [$(#[$m:meta])*] $v:ident { $($f:tt)+ } $($rest:tt)*) => {
        event_kind_enum!(@acc [$($out)* $(#[$m])* $v { $($f)+ },] $($rest)*);
    };
}

macro_rules! events {
    ($(
        $(#[$doc:meta])*
        $variant:ident = $wire:literal {
            actors: [$($actor:ident),+],
            track: $track:literal,
            labels: ($sv:literal, $en:literal),
            fields: { $($(#[$fmeta:meta])* $field:ident : $ty:ty = $read:ident),* $(,)? } $(,)?
        }
    ),+ $(,)?) => {
        vocabulary! {
            /// The `type` of an event.
            pub enum EventType {
                $( $(#[$doc])* $variant = $wire ),+
            }
        }

        event_kind_enum!(@acc [] $( [$(#[$doc])*] $variant { $($(#[$fmeta])* $field: $ty),* } )+);

        impl EventType {
            /// The roles that may perform this event (spec: the `actor` column). `start_item`
            /// depends on the item and `answer_question` on the question's owner as well: the
            /// case applies those rules beside this one.
            pub fn actors(self) -> &'static [Role] {
                match self { $( EventType::$variant => &[$(Role::$actor),+] ),+ }
            }

            /// The event's own fields, beside `at`, `actor` and `type`, in the table's order.
            pub fn fields(self) -> &'static [&'static str] {
                match self { $( EventType::$variant => &[$(stringify!($field)),*] ),+ }
            }

            /// The track the event belongs to, by its path in the state (`consents.{purpose}`
            /// for the consent events: see [`EventKind::track`]).
            pub fn track_path(self) -> &'static str {
                match self { $( EventType::$variant => $track ),+ }
            }

            /// `(swedish, english)` display labels.
            pub fn labels(self) -> (&'static str, &'static str) {
                match self { $( EventType::$variant => ($sv, $en) ),+ }
            }

            /// The JSON Schema of an event of this type: `at`, `actor` (any role: who may is
            /// checked later, as `not_permitted`), `type` and the table's fields, each by its
            /// kind, and no other key (the wire refuses unknown keys).
            #[cfg(feature = "schema")]
            pub fn schema(self, g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let mut properties = serde_json::Map::new();
                let mut required = vec!["at", "actor", "type"];
                properties.insert("at".into(), g.subschema_for::<Timestamp>().to_value());
                properties.insert("actor".into(), g.subschema_for::<Role>().to_value());
                properties.insert("type".into(), serde_json::json!({"const": self.as_str()}));
                match self {
                    $( EventType::$variant => {
                        $(
                            let (schema, must) = field_schema::$read::<$ty>(g);
                            properties.insert(stringify!($field).into(), schema.to_value());
                            if must { required.push(stringify!($field)); }
                        )*
                    } ),+
                }
                let (sv, en) = self.labels();
                let mut schema = schemars::json_schema!({
                    "title": self.as_str(),
                    "description": format!("{en} ({sv}); who may: {:?}", self.actors().iter().map(|r| r.as_str()).collect::<Vec<_>>()),
                    "type": "object",
                    "properties": properties,
                    "required": required,
                    "additionalProperties": false,
                });
                self.refine_schema(&mut schema);
                schema
            }
        }

        impl EventKind {
            pub fn event_type(&self) -> EventType {
                match self { $( EventKind::$variant { .. } => EventType::$variant ),+ }
            }

            /// Reads the fields of an event of type `t`, each by the kind the table gives it.
            pub fn read<R: FieldReader>(t: EventType, r: &mut R) -> Result<EventKind> {
                Ok(match t {
                    $( EventType::$variant => EventKind::$variant { $($field: r.$read(stringify!($field))?),* } ),+
                })
            }

            /// Writes the event's own fields in the table's order, each by its kind.
            pub(crate) fn write_fields<W: FieldWriter>(&self, w: &mut W) {
                #[allow(unused_variables)]
                match self {
                    $( EventKind::$variant { $($field),* } => { $( w.$read($field); )* } ),+
                }
            }

            /// The first field whose value the event's JSON form cannot carry, with the
            /// problem the JSON reader names for it.
            pub fn first_unwritable(&self) -> Option<(&'static str, crate::model::error::Problem)> {
                #[allow(unused_variables)]
                match self {
                    $( EventKind::$variant { $($field),* } => {
                        $( if let Some(p) = wire_form::$read($field) { return Some((stringify!($field), p)); } )*
                        None
                    } ),+
                }
            }

            /// The first text field that says nothing, by its name (spec: "Every text field
            /// ... must say something").
            pub fn first_blank_text(&self) -> Option<&'static str> {
                #[allow(unused_variables)]
                match self {
                    $( EventKind::$variant { $($field),* } => {
                        $( if blank::$read($field) { return Some(stringify!($field)); } )*
                        None
                    } ),+
                }
            }
        }
    };
}

events! {
    Admit = "admit" {
        actors: [Inpatient], track: "phase", labels: ("inskrivning", "admit"),
        fields: {
            case_id: String = name,
            routine: Routine = word,
            municipal_care_at_admission: bool = bool,
            /// The patient's home municipality (kommunkod), which would carry payment responsibility.
            #[serde(skip_serializing_if = "Option::is_none")]
            municipality: Option<String> = opt_municipality,
            /// `somatic` (the default) or `psychiatric`.
            #[serde(skip_serializing_if = "Option::is_none")]
            care_type: Option<CareType> = opt_word,
            /// A region's agreement on deadlines; the law's defaults when absent.
            #[serde(skip_serializing_if = "Option::is_none")]
            agreement: Option<Agreement> = agreement,
        },
    },
    SendAdmissionNotice = "send_admission_notice" {
        actors: [Inpatient], track: "phase", labels: ("skicka inskrivningsmeddelande", "send admission notice"),
        fields: { to: Vec<Role> = roles },
    },
    SetEstimatedDischarge = "set_estimated_discharge" {
        actors: [Inpatient], track: "phase", labels: ("ange planerat utskrivningsdatum", "set estimated discharge date"),
        fields: { date: CivilDate = date },
    },
    AssignCareContact = "assign_care_contact" {
        actors: [CareContact], track: "phase", labels: ("utse fast vårdkontakt", "assign care contact"),
        fields: { unit: String = text },
    },
    AddRehabParty = "add_rehab_party" {
        actors: [Inpatient], track: "phase", labels: ("lägg till vårdval rehab", "add rehab party"),
        fields: { provider: String = text },
    },
    MarkReadyForDischarge = "mark_ready_for_discharge" {
        actors: [Inpatient], track: "phase", labels: ("meddela utskrivningsklar", "mark ready for discharge"),
        fields: {},
    },
    UnmarkReadyForDischarge = "unmark_ready_for_discharge" {
        actors: [Inpatient], track: "phase", labels: ("inte längre utskrivningsklar", "unmark ready for discharge"),
        fields: {},
    },
    Discharge = "discharge" {
        actors: [Inpatient], track: "phase", labels: ("skriv ut", "discharge"),
        fields: {},
    },
    CloseCase = "close_case" {
        actors: [CareContact], track: "phase", labels: ("avsluta ärendet", "close case"),
        fields: {},
    },
    Cancel = "cancel" {
        actors: [Inpatient, CareContact], track: "phase", labels: ("makulera ärendet", "cancel case"),
        fields: { reason: String = text },
    },
    BookCheckIn = "book_check_in" {
        actors: [Inpatient], track: "check_in", labels: ("boka avstämning", "book check-in"),
        fields: { starts_at: Timestamp = time, remote: bool = bool },
    },
    CancelCheckIn = "cancel_check_in" {
        actors: [Inpatient], track: "check_in", labels: ("avboka avstämning", "cancel check-in"),
        fields: {},
    },
    StartCheckIn = "start_check_in" {
        actors: [CareContact], track: "check_in", labels: ("starta avstämning", "start check-in"),
        fields: {},
    },
    StartItem = "start_item" {
        actors: [CareContact, SocialServices], track: "check_in", labels: ("starta dagordningspunkt", "start agenda item"),
        fields: { item: AgendaItem = word },
    },
    SkipItem = "skip_item" {
        actors: [CareContact], track: "check_in", labels: ("hoppa över dagordningspunkt", "skip agenda item"),
        fields: { item: AgendaItem = word, reason: String = text },
    },
    EndCheckIn = "end_check_in" {
        actors: [CareContact], track: "check_in", labels: ("avsluta avstämning", "end check-in"),
        fields: {},
    },
    SendCareRequest = "send_care_request" {
        actors: [CareContact], track: "care_request", labels: ("skicka vårdbegäran", "send care request"),
        fields: { question: String = text },
    },
    AcknowledgeCareRequest = "acknowledge_care_request" {
        actors: [MunicipalCare], track: "care_request", labels: ("kvittera vårdbegäran", "acknowledge care request"),
        fields: {},
    },
    RequestCompletion = "request_completion" {
        actors: [MunicipalCare], track: "care_request", labels: ("begär komplettering", "request completion"),
        fields: { missing: Vec<String> = texts },
    },
    CompleteCareRequest = "complete_care_request" {
        actors: [CareContact], track: "care_request", labels: ("komplettera vårdbegäran", "complete care request"),
        fields: { supplied: String = text },
    },
    AcceptCareRequest = "accept_care_request" {
        actors: [MunicipalCare], track: "care_request", labels: ("acceptera vårdbegäran", "accept care request"),
        fields: {},
    },
    RejectCareRequest = "reject_care_request" {
        actors: [MunicipalCare], track: "care_request", labels: ("avslå vårdbegäran", "reject care request"),
        fields: { reason: String = text },
    },
    CloseCareRequest = "close_care_request" {
        actors: [CareContact], track: "care_request", labels: ("avsluta vårdbegäran", "close care request"),
        fields: {},
    },
    GiveConsent = "give_consent" {
        actors: [Patient], track: "consents.{purpose}", labels: ("lämna samtycke", "give consent"),
        fields: {
            purpose: Purpose = word,
            #[serde(skip_serializing_if = "Option::is_none")]
            written_information_given: Option<bool> = opt_bool,
        },
    },
    DeclineConsent = "decline_consent" {
        actors: [Patient], track: "consents.{purpose}", labels: ("avböj samtycke", "decline consent"),
        fields: { purpose: Purpose = word },
    },
    WithdrawConsent = "withdraw_consent" {
        actors: [Patient], track: "consents.{purpose}", labels: ("återkalla samtycke", "withdraw consent"),
        fields: { purpose: Purpose = word },
    },
    DecideColorTrack = "decide_color_track" {
        actors: [CareContact], track: "color_track", labels: ("besluta färgspår", "decide colour track"),
        fields: { track: String = name, agreed_by: Vec<Role> = roles },
    },
    ScheduleSip = "schedule_sip" {
        actors: [CareContact], track: "sip", labels: ("kalla till SIP", "schedule SIP"),
        fields: { meeting_at: Timestamp = time, place: String = text, participants: Vec<Role> = roles },
    },
    HoldSip = "hold_sip" {
        actors: [CareContact], track: "sip", labels: ("genomför SIP", "hold SIP"),
        fields: {},
    },
    RecordSolApplication = "record_sol_application" {
        actors: [SocialServices], track: "sol_application", labels: ("registrera ansökan enligt SoL", "record SoL application"),
        fields: { status: SolStatus = word },
    },
    RaiseQuestion = "raise_question" {
        actors: [Patient, Relative, CareContact], track: "follow_ups", labels: ("ställ fråga", "raise question"),
        fields: { text: String = text, concerns_inpatient: bool = bool },
    },
    AcknowledgeMessage = "acknowledge_message" {
        actors: [Inpatient, CareContact, SocialServices, MunicipalCare, Rehab], track: "messages",
        labels: ("kvittera meddelande", "acknowledge message"),
        fields: { id: String = name },
    },
    SendAdministrativeMessage = "send_administrative_message" {
        actors: [Inpatient, CareContact, SocialServices, MunicipalCare, Rehab], track: "messages",
        labels: ("skicka administrativt meddelande", "send administrative message"),
        fields: { to: Vec<Role> = roles, text: String = text },
    },
    AnswerQuestion = "answer_question" {
        actors: [Inpatient, CareContact], track: "follow_ups", labels: ("besvara fråga", "answer question"),
        fields: { id: String = name },
    },
}

#[cfg(feature = "schema")]
impl EventType {
    /// What an event's schema says beyond its fields' kinds: the rules of the form that the
    /// kinds do not tell — a `case_id` of 1 to 64 characters (model::text's rule; blank or a
    /// personal number only the engine sees), and the care request's consent stating
    /// `written_information_given` (wire's `form_rules`).
    fn refine_schema(self, schema: &mut schemars::Schema) {
        use serde_json::json;
        if let Some(case_id) = schema.pointer_mut("/properties/case_id").and_then(|v| v.as_object_mut()) {
            case_id.insert("minLength".into(), json!(1));
            case_id.insert("maxLength".into(), json!(64));
        }
        if self == EventType::GiveConsent {
            schema.insert(
                "if".into(),
                json!({"properties": {"purpose": {"const": Purpose::CareRequest.as_str()}}, "required": ["purpose"]}),
            );
            schema.insert(
                "then".into(),
                json!({"properties": {"written_information_given": {"type": "boolean"}}, "required": ["written_information_given"]}),
            );
        }
    }
}

impl EventKind {
    /// Writes every list of roles as the engine writes it: each role once, in the order of the
    /// spec's Roles table, whatever order the event gave them in.
    pub fn normalize_roles(&mut self) {
        let lists: Vec<&mut Vec<Role>> = match self {
            EventKind::SendAdmissionNotice { to } | EventKind::SendAdministrativeMessage { to, .. } => vec![to],
            EventKind::DecideColorTrack { agreed_by, .. } => vec![agreed_by],
            EventKind::ScheduleSip { participants, .. } => vec![participants],
            _ => Vec::new(),
        };
        for list in lists {
            list.sort();
            list.dedup();
        }
    }

    /// Whether every list of roles is already as the engine writes it.
    pub fn roles_normalized(&self) -> bool {
        let in_order = |l: &[Role]| l.windows(2).all(|w| w.first() < w.get(1));
        match self {
            EventKind::SendAdmissionNotice { to } | EventKind::SendAdministrativeMessage { to, .. } => in_order(to),
            EventKind::DecideColorTrack { agreed_by, .. } => in_order(agreed_by),
            EventKind::ScheduleSip { participants, .. } => in_order(participants),
            _ => true,
        }
    }

    /// The track this event is handed to, by its path in the state (`consents.sip`, …).
    pub fn track(&self) -> &'static str {
        match self {
            EventKind::GiveConsent { purpose, .. }
            | EventKind::DeclineConsent { purpose }
            | EventKind::WithdrawConsent { purpose } => match purpose {
                Purpose::CareRequest => crate::model::states::track::CONSENT_CARE_REQUEST,
                Purpose::Sip => crate::model::states::track::CONSENT_SIP,
            },
            other => other.event_type().track_path(),
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
