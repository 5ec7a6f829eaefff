//! The documented shape of every code's details: which keys, of which type, meaning what.
//! docs/errors.md is generated from this table (`cargo run -p utskrivning-tools --bin errors`),
//! and a test checks every refusal of the scenario and session corpora against it.

use crate::model::error::{Detail, ErrorCode};

/// The type of a detail's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    /// One of the spec's own words (a field name, a state, an event type, a problem, …).
    Word,
    /// A role of the spec.
    Role,
    /// A list of roles, in the spec's order.
    Roles,
    /// A list of the spec's words.
    Words,
    /// A non-negative integer.
    Integer,
    /// An integer, or a list of integers (two positions that conflict).
    Positions,
    /// An RFC 3339 time as the engine writes it.
    Time,
    /// An identifier the embedding system chose (a `case_id`, a session's id).
    Identifier,
}

impl KeyType {
    pub const fn as_str(self) -> &'static str {
        match self {
            KeyType::Word => "word",
            KeyType::Role => "role",
            KeyType::Roles => "list of roles",
            KeyType::Words => "list of words",
            KeyType::Integer => "integer",
            KeyType::Positions => "integer or list of integers",
            KeyType::Time => "RFC 3339 time",
            KeyType::Identifier => "identifier",
        }
    }
}

/// One key of a shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub name: &'static str,
    pub kind: KeyType,
    pub required: bool,
    pub meaning: &'static str,
}

/// One shape a code's details may have; a code may have several (`not_permitted` for an event
/// or for a read).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// When this shape is used.
    pub when: &'static str,
    pub keys: &'static [Key],
    /// An example of the details, as JSON text.
    pub example: &'static str,
}

const fn req(name: &'static str, kind: KeyType, meaning: &'static str) -> Key {
    Key { name, kind, required: true, meaning }
}

const fn opt(name: &'static str, kind: KeyType, meaning: &'static str) -> Key {
    Key { name, kind, required: false, meaning }
}

const fn extra(d: Detail, kind: KeyType, meaning: &'static str) -> Key {
    opt(d.as_str(), kind, meaning)
}

/// Keys any code's details may carry beside its own: where in a batch, a journal or a list of
/// cases it failed.
pub const POSITION_KEYS: &[Key] = &[
    extra(
        Detail::JournalIndex,
        KeyType::Integer,
        "the 0-based position of the journal event that failed (replay, restore)",
    ),
    extra(Detail::Index, KeyType::Integer, "the 0-based position of the event that failed in a batch (`apply_many`)"),
    extra(Detail::CaseId, KeyType::Identifier, "the case at fault in a list of cases (`regroup`)"),
];

use KeyType as T;

/// Every code with its shapes, in the spec's order of codes.
pub const SHAPES: &[(ErrorCode, &[Shape])] = &[
    (
        ErrorCode::InvalidInput,
        &[
            Shape {
                when: "the input is malformed: an unknown type, field or word, a missing or ill-typed field, a bad snapshot or configuration",
                keys: &[
                    req(
                        "field",
                        T::Word,
                        "the field, parameter or key at fault (`agreement.payment_days`, `journal`, …); an unknown key that is not an identifier is named by its position",
                    ),
                    req(
                        "problem",
                        T::Word,
                        "what is wrong: one of the `Problem` words (`missing`, `wrong_type`, `unknown_field`, `unknown_value`, `not_a_timestamp`, …)",
                    ),
                    extra(Detail::Allowed, T::Words, "the names the field allows"),
                    extra(Detail::Max, T::Integer, "the largest value the field allows"),
                    extra(Detail::Supported, T::Integer, "the snapshot version this library reads"),
                    extra(
                        Detail::SessionsIndex,
                        T::Integer,
                        "the position of the session entry at fault in a planner snapshot",
                    ),
                    extra(
                        Detail::TimesIndex,
                        T::Positions,
                        "the position of the weekly time at fault (two for an overlap)",
                    ),
                    extra(Detail::MaxDays, T::Integer, "the most days a listed range may span"),
                    extra(
                        Detail::Position,
                        T::Integer,
                        "the 0-based position of an unknown key that is not an identifier, in the object `field` names",
                    ),
                    extra(Detail::Code, T::Word, "the code a journal event was rejected with (`rejected`, on restore)"),
                ],
                example: r#"{"field": "routine", "problem": "unknown_value", "allowed": ["professional_check_in", "individual_check_in"]}"#,
            },
            Shape {
                when: "an unknown key at the top of the input is not an identifier (it may carry text a person wrote): it is named by its position alone",
                keys: &[
                    req("problem", T::Word, "`unknown_field`"),
                    req("position", T::Integer, "the 0-based position of the key, in document order"),
                ],
                example: r#"{"problem": "unknown_field", "position": 6}"#,
            },
        ],
    ),
    (
        ErrorCode::WrongState,
        &[
            Shape {
                when: "a case's track is in a state that does not allow the event (or `view` before `admit`)",
                keys: &[
                    req("event", T::Word, "the event type (or `view`)"),
                    req("track", T::Word, "the track's path (`phase`, `check_in`, `consents.sip`, `follow_ups`, …)"),
                    req("state", T::Word, "the track's state (`resolved` for an answered question)"),
                    extra(Detail::Phase, T::Word, "the case's phase, when the track is not the phase"),
                ],
                example: r#"{"event": "send_care_request", "track": "care_request", "state": "sent", "phase": "planning"}"#,
            },
            Shape {
                when: "a planner's rule refuses the operation",
                keys: &[
                    req(
                        "problem",
                        T::Word,
                        "the rule: `session_full`, `session_started`, `care_contact_has_slot`, `no_questions_slot`, `not_in_planner`",
                    ),
                    opt("session", T::Identifier, "the session"),
                    extra(Detail::Slots, T::Integer, "how many slots the session has"),
                ],
                example: r#"{"problem": "session_full", "session": "2026-03-04T09:00:00Z", "slots": 4}"#,
            },
        ],
    ),
    (
        ErrorCode::NotPermitted,
        &[
            Shape {
                when: "the actor may not perform the event",
                keys: &[req("event", T::Word, "the event type"), req("actor", T::Role, "the actor")],
                example: r#"{"event": "give_consent", "actor": "relative"}"#,
            },
            Shape {
                when: "the role may not read (`view`, `view_session`, `worklist`)",
                keys: &[req("action", T::Word, "what was asked"), req("actor", T::Role, "the role")],
                example: r#"{"action": "view", "actor": "relative"}"#,
            },
        ],
    ),
    (
        ErrorCode::ConsentMissing,
        &[Shape {
            when: "the patient's consent for the purpose is not given",
            keys: &[req("purpose", T::Word, "the consent's purpose")],
            example: r#"{"purpose": "care_request"}"#,
        }],
    ),
    (
        ErrorCode::AlreadyEnrolled,
        &[Shape {
            when: "the patient is already enrolled in home health care",
            keys: &[req("enrolled_by", T::Word, "`admission` or `accepted_request`")],
            example: r#"{"enrolled_by": "admission"}"#,
        }],
    ),
    (
        ErrorCode::MissingInformation,
        &[
            Shape {
                when: "a text says nothing, or a required statement is absent",
                keys: &[req("field", T::Word, "the field")],
                example: r#"{"field": "reason"}"#,
            },
            Shape {
                when: "roles that must take part are missing",
                keys: &[req("field", T::Word, "the field"), req("missing", T::Roles, "the roles missing")],
                example: r#"{"field": "participants", "missing": ["patient"]}"#,
            },
        ],
    ),
    (
        ErrorCode::ColorTrackNotUsed,
        &[Shape {
            when: "a colour other than the red track (or none) is decided",
            keys: &[req("field", T::Word, "`track`"), req("allowed", T::Words, "`red`, `none`")],
            example: r#"{"field": "track", "allowed": ["red", "none"]}"#,
        }],
    ),
    (
        ErrorCode::AgreementIncomplete,
        &[Shape {
            when: "not every party that must agree on the colour track did",
            keys: &[req("field", T::Word, "`agreed_by`"), req("missing", T::Roles, "who is missing")],
            example: r#"{"field": "agreed_by", "missing": ["social_services"]}"#,
        }],
    ),
    (
        ErrorCode::PreparationIncomplete,
        &[
            Shape {
                when: "something the step needs is not there yet",
                keys: &[req("missing", T::Word, "what: `care_contact`")],
                example: r#"{"missing": "care_contact"}"#,
            },
            Shape {
                when: "something must be settled first",
                keys: &[req("open", T::Word, "what is still open: `care_request`")],
                example: r#"{"open": "care_request"}"#,
            },
        ],
    ),
    (
        ErrorCode::WrongPlace,
        &[Shape {
            when: "the red track's SIP is not at the hospital",
            keys: &[req("field", T::Word, "`place`"), req("required", T::Word, "`hospital`")],
            example: r#"{"field": "place", "required": "hospital"}"#,
        }],
    ),
    (
        ErrorCode::NoCareRelationship,
        &[Shape {
            when: "municipal care or rehab has no care relationship with the case",
            keys: &[req("role", T::Role, "the role")],
            example: r#"{"role": "municipal_care"}"#,
        }],
    ),
    (
        ErrorCode::OpenItems,
        &[Shape {
            when: "the case cannot close",
            keys: &[req(
                "items",
                T::Words,
                "each open item: `care_request:<state>`, `sip:<state>`, `follow_up:<id>`, `check_in:<state>`",
            )],
            example: r#"{"items": ["care_request:accepted", "follow_up:q1"]}"#,
        }],
    ),
    (
        ErrorCode::TimeWentBackwards,
        &[Shape {
            when: "the event's time is before the case's last event",
            keys: &[req("last_at", T::Time, "the time of the case's last event")],
            example: r#"{"last_at": "2026-03-02T09:00:00Z"}"#,
        }],
    ),
    (
        ErrorCode::CaseFinished,
        &[Shape {
            when: "the case is closed or cancelled",
            keys: &[req("phase", T::Word, "`closed` or `cancelled`")],
            example: r#"{"phase": "closed"}"#,
        }],
    ),
];

/// The shapes of a code's details.
pub fn shapes_of(code: ErrorCode) -> &'static [Shape] {
    SHAPES.iter().find(|(c, _)| *c == code).map_or(&[], |(_, s)| s)
}

/// The JSON Schema of an error of `code` as every binding passes it on (`{"code",
/// "message_sv", "message_en", "details"}`), its details one of the code's shapes above, with
/// the position keys, and nothing else (docs/schema/error.schema.json).
#[cfg(feature = "schema")]
pub fn code_schema(g: &mut schemars::SchemaGenerator, code: ErrorCode) -> schemars::Schema {
    use serde_json::{Map, Value, json};

    let shapes: Vec<Value> = shapes_of(code)
        .iter()
        .map(|shape| {
            let mut properties = Map::new();
            for key in shape.keys.iter().chain(POSITION_KEYS) {
                properties.insert(key.name.to_string(), key_schema(g, key));
            }
            let required: Vec<&str> = shape.keys.iter().filter(|k| k.required).map(|k| k.name).collect();
            json!({
                "description": shape.when,
                "type": "object",
                "properties": properties,
                "required": required,
                "additionalProperties": false,
            })
        })
        .collect();
    schemars::json_schema!({
        "title": code.as_str(),
        "type": "object",
        "properties": {
            "code": {"const": code.as_str()},
            "message_sv": {"type": "string"},
            "message_en": {"type": "string"},
            "details": {"anyOf": shapes},
        },
        "required": ["code", "message_sv", "message_en", "details"],
        "additionalProperties": false,
    })
}

/// A detail's value by its type; a few keys are one vocabulary wherever they appear.
#[cfg(feature = "schema")]
fn key_schema(g: &mut schemars::SchemaGenerator, key: &Key) -> serde_json::Value {
    use crate::model::{PhaseState, Problem, Purpose, Role};
    use serde_json::json;

    let word = json!({"type": "string", "minLength": 1, "maxLength": 64});
    let integer = json!({"type": "integer", "minimum": 0});
    let schema = match (key.name, key.kind) {
        ("problem", KeyType::Word) => g.subschema_for::<Problem>(),
        ("code", _) => g.subschema_for::<ErrorCode>(),
        ("purpose", KeyType::Word) => g.subschema_for::<Purpose>(),
        ("phase", KeyType::Word) => g.subschema_for::<PhaseState>(),
        (_, KeyType::Word | KeyType::Identifier) => return word,
        (_, KeyType::Role) => g.subschema_for::<Role>(),
        (_, KeyType::Roles) => return json!({"type": "array", "items": g.subschema_for::<Role>()}),
        (_, KeyType::Words) => return json!({"type": "array", "items": word}),
        (_, KeyType::Integer) => return integer,
        (_, KeyType::Positions) => return json!({"anyOf": [integer, {"type": "array", "items": integer}]}),
        (_, KeyType::Time) => g.subschema_for::<crate::time::Timestamp>(),
    };
    let mut value = schema.to_value();
    if let Some(object) = value.as_object_mut() {
        object.insert("description".into(), json!(key.meaning));
    }
    value
}
