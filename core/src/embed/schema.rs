//! JSON Schemas (draft 2020-12) of every document the engine reads or writes, generated from
//! the types that read and write them (docs/schema/README.md). One generator makes them all:
//! each document is one file with its `$id`; what several share (the vocabularies, times, the
//! small records) is in `common.schema.json`; a document that holds another names its file.
//! `cargo run -p utskrivning-tools --bin schemas -- docs/schema` writes them and
//! `cargo xtask test rust` checks the committed files are what this writes.

use schemars::generate::SchemaSettings;
use schemars::{JsonSchema, Schema, SchemaGenerator};
use serde_json::{Map, Value, json};

use crate::case::Case;
use crate::embed::{INTERNAL, Internal};
use crate::indicators::{Indicators, PaymentModel, PaymentRow};
use crate::model::error_shapes::code_schema;
use crate::model::{AccessEntry, AccessOutcome, Deadline, Effect, ErrorCode, Event};
use crate::planner::{Booking, Planner, PlannerConfig, SessionAccessEntry, SessionInfo, SessionView, Slot};
use crate::worklist::WorklistItem;

/// Where the files' `$id`s live: a file names another by its file name, relative to this.
pub const SCHEMA_BASE: &str = "https://example.invalid/utskrivning/schema/";
/// The meta-schema every file declares.
pub const DRAFT: &str = "https://json-schema.org/draft/2020-12/schema";
/// The file of the shared definitions.
pub const COMMON: &str = "common.schema.json";

/// One document: its file, what it is, and the schema of its root. `claims` is the definition
/// the file is (its root is that definition, and definitions named `<claims>.<name>` are the
/// file's own `$defs`).
struct Document {
    file: &'static str,
    title: &'static str,
    description: &'static str,
    claims: Option<&'static str>,
    root: fn(&mut SchemaGenerator) -> Schema,
}

fn list_of<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    schemars::json_schema!({"type": "array", "items": g.subschema_for::<T>()})
}

fn error_root(g: &mut SchemaGenerator) -> Schema {
    let mut codes: Vec<Value> = ErrorCode::ALL
        .iter()
        .map(|code| {
            let schema = code_schema(g, *code).to_value();
            g.definitions_mut().insert(format!("Error.{code}"), schema);
            by_code(code.as_str())
        })
        .collect();
    let reasons: Vec<&str> =
        [Internal::Panic, Internal::Poisoned, Internal::Output].iter().map(|r| r.as_str()).collect();
    let internal = json!({
        "title": INTERNAL,
        "description": "A fault in the binding, never the input's (docs/errors.md).",
        "type": "object",
        "properties": {
            "code": {"const": INTERNAL},
            "message_sv": {"type": "string"},
            "message_en": {"type": "string"},
            "details": {
                "type": "object",
                "properties": {"reason": {"enum": reasons}},
                "required": ["reason"],
                "additionalProperties": false,
            },
        },
        "required": ["code", "message_sv", "message_en", "details"],
        "additionalProperties": false,
    });
    g.definitions_mut().insert(format!("Error.{INTERNAL}"), internal);
    codes.push(by_code(INTERNAL));
    let codes = json!({
        "type": "object",
        "required": ["code"],
        "properties": {"code": {"enum": crate::embed::error_codes()}},
        "allOf": codes,
    });
    g.definitions_mut().insert("Error".into(), codes);
    Schema::new_ref("#/$defs/Error".into())
}

/// The schema of the error of `code`, chosen by its `code`.
fn by_code(code: &str) -> Value {
    json!({
        "if": {"properties": {"code": {"const": code}}, "required": ["code"]},
        "then": {"$ref": format!("#/$defs/Error.{code}")},
    })
}

fn snapshot_root(g: &mut SchemaGenerator) -> Schema {
    for version in [1, 2] {
        let schema = Case::snapshot_schema(g, version).to_value();
        g.definitions_mut().insert(format!("Snapshot.v{version}"), schema);
    }
    // Chosen by its `version`, as restore reads it first.
    let version = |v: u64| {
        json!({
            "if": {"properties": {"version": {"const": v}}, "required": ["version"]},
            "then": {"$ref": format!("#/$defs/Snapshot.v{v}")},
        })
    };
    g.definitions_mut().insert(
        "Snapshot".into(),
        json!({
            "type": "object",
            "required": ["version"],
            "properties": {"version": {"enum": [1, 2]}},
            "allOf": [version(1), version(2)],
        }),
    );
    Schema::new_ref("#/$defs/Snapshot".into())
}

/// A step's `expect` in tests/scenarios (tests/scenarios/README.md): `state` and `items` are
/// subsets of the state and the worklist items, so every key they name is one of the
/// document's, of its type.
fn scenario_root(g: &mut SchemaGenerator) -> Schema {
    // Strings only: a step may carry a malformed time or role, to show it is refused (the
    // test validates each event whole against event.schema.json).
    let step_common = json!({"at": {"type": "string"}, "actor": {"type": "string"}});
    let expect = json!({
        "oneOf": [
            {
                "type": "object",
                "properties": {
                    "ok": {"const": true},
                    "state": {"$ref": "#/$defs/Scenario.state_subset"},
                    "items": {"type": "array", "items": {"$ref": "#/$defs/Scenario.worklist_item_subset"}},
                },
                "required": ["ok"],
                "additionalProperties": false,
            },
            {
                "type": "object",
                "properties": {"error": {"$ref": "#/$defs/ErrorCode"}},
                "required": ["error"],
                "additionalProperties": false,
            },
        ],
    });
    let mut event_step = step_common.clone();
    let mut view_step = step_common.clone();
    let mut worklist_step = step_common;
    // The event's own keys: `at` and `actor` are the step's.
    if let (Some(e), Some(v), Some(w)) =
        (event_step.as_object_mut(), view_step.as_object_mut(), worklist_step.as_object_mut())
    {
        e.insert("event".into(), json!({"type": "object"}));
        e.insert("expect".into(), json!({"$ref": "#/$defs/Scenario.expect"}));
        v.insert("view".into(), json!({"const": true}));
        v.insert("expect".into(), json!({"$ref": "#/$defs/Scenario.expect"}));
        w.insert("worklist".into(), json!({"const": true}));
        w.insert("unit".into(), json!({"type": "string"}));
        w.insert("expect".into(), json!({"$ref": "#/$defs/Scenario.expect"}));
    }
    let step = |properties: Value, kind: &str| json!({"type": "object", "properties": properties, "required": ["at", "actor", kind, "expect"], "additionalProperties": false});
    let steps = json!({"oneOf": [step(event_step, "event"), step(view_step, "view"), step(worklist_step, "worklist")]});
    g.definitions_mut().insert("Scenario.expect".into(), expect);
    g.definitions_mut().insert("Scenario.step".into(), steps);
    schemars::json_schema!({
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "rule": {"type": "string"},
            "steps": {"type": "array", "items": {"$ref": "#/$defs/Scenario.step"}},
        },
        "required": ["name", "rule", "steps"],
        "additionalProperties": false,
    })
}

/// A session scenario of tests/sessions (docs/sessions.md): its `expect`s name subsets of the
/// answers, the states and the details.
fn sessions_root(_: &mut SchemaGenerator) -> Schema {
    let answer = json!({"anyOf": [
        {"$ref": "#/$defs/SessionScenario.booking_subset"},
        {"type": "array", "items": {"$ref": "#/$defs/SessionScenario.booking_subset"}},
        {"$ref": "#/$defs/SessionScenario.session_view_subset"},
        {"$ref": "#/$defs/SessionScenario.slot_subset"},
    ]});
    let logged = json!({"type": "array", "items": {"$ref": "#/$defs/AccessOutcome"}});
    let cases = json!({"type": "object", "additionalProperties": {"$ref": "#/$defs/Scenario.state_subset"}});
    let expect = json!({"oneOf": [
        {
            "type": "object",
            "properties": {"ok": {"const": true}, "answer": answer, "cases": cases, "logged": logged},
            "required": ["ok"],
            "additionalProperties": false,
        },
        {
            "type": "object",
            "properties": {
                "error": {"$ref": "#/$defs/ErrorCode"},
                "details": {"$ref": "#/$defs/SessionScenario.details_subset"},
                "cases": cases,
                "logged": logged,
            },
            "required": ["error"],
            "additionalProperties": false,
        },
    ]});
    let case = json!({
        "type": "object",
        "properties": {
            "care_contact": {"type": "string"},
            "municipal_care_at_admission": {"type": "boolean"},
            "phase": {"enum": ["admitted", "planning"]},
        },
        "additionalProperties": false,
    });
    let operation = |kind: &str| json!({"required": [kind]});
    let operations: Vec<Value> = SESSION_OPERATIONS.iter().map(|k| operation(k)).collect();
    schemars::json_schema!({
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "rule": {"type": "string"},
            "planner": {"$ref": "#/$defs/PlannerConfig"},
            "cases": {"type": "object", "additionalProperties": case},
            "steps": {"type": "array", "items": {
                "type": "object",
                "properties": {
                    "at": {"type": "string"},
                    "expect": expect,
                    "book": {"type": "object"},
                    "rebook": {"type": "object"},
                    "cancel": {"type": "object"},
                    "reserve_questions_slot": {"type": "object"},
                    "release_questions_slot": {"type": "object"},
                    "regroup": {"type": "object"},
                    "view": {"type": "object"},
                    "case_event": {"type": "object"},
                },
                "required": ["at", "expect"],
                "oneOf": operations,
                "additionalProperties": false,
            }},
        },
        "required": ["name", "rule", "planner", "cases", "steps"],
        "additionalProperties": false,
    })
}

/// The operations a session step may hold, one a step (docs/sessions.md).
const SESSION_OPERATIONS: [&str; 8] =
    ["book", "rebook", "cancel", "reserve_questions_slot", "release_questions_slot", "regroup", "view", "case_event"];

const DOCUMENTS: &[Document] = &[
    Document {
        file: "event.schema.json",
        title: "event",
        description: "An event, as `apply` reads it and the snapshot's journal writes it: one of the table of events (core/src/model/event.rs), each type under `$defs`.",
        claims: Some("Event"),
        root: |g| g.subschema_for::<Event>(),
    },
    Document {
        file: "effect.schema.json",
        title: "effect",
        description: "One effect of an accepted event: a message to send, or what moved.",
        claims: Some("Effect"),
        root: |g| g.subschema_for::<Effect>(),
    },
    Document {
        file: "accepted.schema.json",
        title: "accepted",
        description: "The answer to an accepted event (`apply`; `cancel` of the planner): `{\"effects\": [...]}`.",
        claims: None,
        root: |g| {
            schemars::json_schema!({
                "type": "object",
                "properties": {"effects": list_of::<Effect>(g)},
                "required": ["effects"],
                "additionalProperties": false,
            })
        },
    },
    Document {
        file: "error.schema.json",
        title: "error",
        description: "A rejection as every binding passes it on, its details one of its code's shapes (docs/errors.md); each code under `$defs`.",
        claims: Some("Error"),
        root: error_root,
    },
    Document {
        file: "state.schema.json",
        title: "state",
        description: "The case's state document: what `state` answers and the snapshot's `state`.",
        claims: Some("State"),
        root: Case::state_schema,
    },
    Document {
        file: "view.schema.json",
        title: "view",
        description: "What `view(role, at)` answers: the state document, for a role that may view the case.",
        claims: None,
        root: |g| Case::state_schema(g),
    },
    Document {
        file: "snapshot.schema.json",
        title: "snapshot",
        description: "A case's JSON snapshot (docs/snapshots.md): version 2 as `snapshot_json` writes it, or version 1, which still restores.",
        claims: Some("Snapshot"),
        root: snapshot_root,
    },
    Document {
        file: "deadlines.schema.json",
        title: "deadlines",
        description: "What `deadlines(at)` answers: every obligation with its owner, due time and status.",
        claims: None,
        root: list_of::<Deadline>,
    },
    Document {
        file: "access-log.schema.json",
        title: "access log",
        description: "A case's access log: every read of it, in order.",
        claims: None,
        root: list_of::<AccessEntry>,
    },
    Document {
        file: "worklist.schema.json",
        title: "worklist",
        description: "What `worklist(role, at, cases)` answers: the items, in the order to do them.",
        claims: None,
        root: list_of::<WorklistItem>,
    },
    Document {
        file: "indicators.schema.json",
        title: "indicators",
        description: "What `indicators(cases, from, to)` answers (docs/payment.md).",
        claims: Some("Indicators"),
        root: |g| g.subschema_for::<Indicators>(),
    },
    Document {
        file: "payment-model.schema.json",
        title: "payment model",
        description: "A payment model as `payment_basis` reads it and `payment_preset` writes it.",
        claims: Some("PaymentModel"),
        root: |g| g.subschema_for::<PaymentModel>(),
    },
    Document {
        file: "payment-basis.schema.json",
        title: "payment basis",
        description: "What `payment_basis(cases, from, to, model)` answers: a row per municipality.",
        claims: None,
        root: list_of::<PaymentRow>,
    },
    Document {
        file: "planner-config.schema.json",
        title: "planner configuration",
        description: "A planner's configuration, as `Planner::from_config_json` reads it and the planner snapshot writes it.",
        claims: Some("PlannerConfig"),
        root: |g| g.subschema_for::<PlannerConfig>(),
    },
    Document {
        file: "planner-snapshot.schema.json",
        title: "planner snapshot",
        description: "A planner's snapshot (docs/sessions.md).",
        claims: None,
        root: Planner::snapshot_schema,
    },
    Document {
        file: "sessions.schema.json",
        title: "sessions",
        description: "What `sessions_between(from, to)` answers: each session with its free slots.",
        claims: None,
        root: list_of::<SessionInfo>,
    },
    Document {
        file: "slot.schema.json",
        title: "slot",
        description: "One slot of a session (`slot_of`, `reserve_questions_slot`; `slots` answers a list of them).",
        claims: Some("Slot"),
        root: |g| g.subschema_for::<Slot>(),
    },
    Document {
        file: "booking.schema.json",
        title: "booking",
        description: "An accepted booking (`book`, `rebook`; `regroup` answers a list of them).",
        claims: Some("Booking"),
        root: |g| g.subschema_for::<Booking>(),
    },
    Document {
        file: "session-view.schema.json",
        title: "session view",
        description: "What `view_session` answers: the slots a role may see.",
        claims: Some("SessionView"),
        root: |g| g.subschema_for::<SessionView>(),
    },
    Document {
        file: "session-access-log.schema.json",
        title: "session access log",
        description: "A planner's access log of session views.",
        claims: None,
        root: list_of::<SessionAccessEntry>,
    },
    Document {
        file: "scenario.schema.json",
        title: "scenario file",
        description: "A file of the conformance corpus tests/scenarios (tests/scenarios/README.md).",
        claims: Some("Scenario"),
        root: scenario_root,
    },
    Document {
        file: "session-scenario.schema.json",
        title: "session scenario file",
        description: "A file of the session corpus tests/sessions (docs/sessions.md).",
        claims: Some("SessionScenario"),
        root: sessions_root,
    },
];

/// Every schema file, `(file name, schema)`, `common.schema.json` first.
pub fn files() -> Vec<(&'static str, Value)> {
    let mut g = SchemaSettings::draft2020_12().for_serialize().into_generator();
    let mut roots: Vec<Value> = DOCUMENTS.iter().map(|d| (d.root)(&mut g).to_value()).collect();
    // Definitions only the corpus files' schemas use: subsets, every `required` dropped.
    let _ = g.subschema_for::<AccessOutcome>();
    let mut defs = g.take_definitions(false);
    let subsets = [
        ("Scenario.state_subset", "State"),
        ("Scenario.worklist_item_subset", "WorklistItem"),
        ("SessionScenario.booking_subset", "Booking"),
        ("SessionScenario.session_view_subset", "SessionView"),
        ("SessionScenario.slot_subset", "Slot"),
    ];
    for (name, of) in subsets {
        let subset = subset_of(&json!({"$ref": format!("#/$defs/{of}")}), &defs);
        defs.insert(name.into(), subset);
    }
    let details: Vec<Value> = ErrorCode::ALL
        .iter()
        .filter_map(|c| defs.get(&format!("Error.{c}"))?.pointer("/properties/details").cloned())
        .map(|d| subset_of(&d, &defs))
        .collect();
    defs.insert("SessionScenario.details_subset".into(), json!({"anyOf": details}));
    for v in defs.values_mut().chain(roots.iter_mut()) {
        strict(v);
    }
    // A root that is `{"$ref": "#/$defs/<claims>"}` is that definition itself.
    let mut own: Vec<Map<String, Value>> = DOCUMENTS.iter().map(|_| Map::new()).collect();
    for (doc, root) in DOCUMENTS.iter().zip(roots.iter_mut()) {
        if let Some(claimed) = doc.claims {
            if let Some(def) = defs.shift_remove(claimed) {
                *root = def;
            }
        }
    }
    let mut common = Map::new();
    for (name, def) in defs {
        match name.split_once('.').and_then(|(owner, own_name)| Some((owner_of(owner)?, own_name))) {
            Some((i, own_name)) => {
                if let Some(map) = own.get_mut(i) {
                    map.insert(own_name.to_string(), def);
                }
            }
            None => {
                common.insert(name, def);
            }
        }
    }
    let mut out = vec![(
        COMMON,
        file(
            COMMON,
            "common definitions",
            "What the documents share: the vocabularies, times and records they are made of.",
            Value::Object(Map::new()),
            common,
            None,
        ),
    )];
    for (i, (doc, root)) in DOCUMENTS.iter().zip(roots).enumerate() {
        let defs = own.get_mut(i).map(std::mem::take).unwrap_or_default();
        out.push((doc.file, file(doc.file, doc.title, doc.description, root, defs, Some(i))));
    }
    out
}

/// The document that claims definitions named `owner.*`.
fn owner_of(owner: &str) -> Option<usize> {
    DOCUMENTS.iter().position(|d| d.claims == Some(owner))
}

/// One file: its root's keywords with `$schema`, `$id`, title, description and `$defs`, each
/// reference pointed at the file that holds its definition.
fn file(
    name: &str,
    title: &str,
    description: &str,
    root: Value,
    defs: Map<String, Value>,
    doc: Option<usize>,
) -> Value {
    let mut out = Map::new();
    out.insert("$schema".into(), json!(DRAFT));
    out.insert("$id".into(), json!(format!("{SCHEMA_BASE}{name}")));
    out.insert("title".into(), json!(title));
    out.insert("description".into(), json!(description));
    if let Value::Object(root) = root {
        for (k, v) in root {
            if !matches!(k.as_str(), "$schema" | "title" | "description") {
                out.insert(k, v);
            } else if k == "description" {
                // The type's own words, beside the document's.
                out.insert("$comment".into(), v);
            }
        }
    }
    if let Some(Value::Object(inline)) = out.shift_remove("$defs") {
        let mut merged = defs;
        merged.extend(inline);
        out.insert("$defs".into(), Value::Object(merged));
    } else if !defs.is_empty() {
        out.insert("$defs".into(), Value::Object(defs));
    }
    let mut value = Value::Object(out);
    repoint(&mut value, doc);
    value
}

/// Points `#/$defs/<name>` at the file that holds the definition, from the file of `doc`
/// (`None`: common.schema.json).
fn repoint(v: &mut Value, doc: Option<usize>) {
    match v {
        Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                match (k.as_str(), &*child) {
                    ("$ref", Value::String(r)) => {
                        if let Some(name) = r.strip_prefix("#/$defs/") {
                            *child = Value::String(target(name, doc));
                        }
                    }
                    _ => repoint(child, doc),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|c| repoint(c, doc)),
        _ => {}
    }
}

fn target(name: &str, doc: Option<usize>) -> String {
    let here = |i: usize, fragment: String| match doc == Some(i) {
        true => format!("#{fragment}"),
        false => format!("{}#{fragment}", DOCUMENTS.get(i).map_or(COMMON, |d| d.file)),
    };
    if let Some(i) = owner_of(name) {
        return match doc == Some(i) {
            true => "#".into(),
            false => DOCUMENTS.get(i).map_or(COMMON, |d| d.file).to_string(),
        };
    }
    if let Some((i, own)) = name.split_once('.').and_then(|(o, n)| Some((owner_of(o)?, n))) {
        return here(i, format!("/$defs/{own}"));
    }
    match doc {
        None => format!("#/$defs/{name}"),
        Some(_) => format!("{COMMON}#/$defs/{name}"),
    }
}

/// `additionalProperties: false` on every object schema that lists its properties, as the
/// engine refuses unknown keys in what it reads and writes none beyond them (a schema that
/// combines others by `oneOf`/`anyOf` leaves it to them).
fn strict(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let combines = ["oneOf", "anyOf", "allOf"].iter().any(|k| map.contains_key(*k));
            if map.contains_key("properties") && !map.contains_key("additionalProperties") && !combines {
                map.insert("additionalProperties".into(), Value::Bool(false));
            }
            // `if` tells which branch applies and `then` adds to the object's own keywords:
            // each names the keys it looks at, not every key the object may have.
            map.iter_mut().filter(|(k, _)| !matches!(k.as_str(), "if" | "then")).for_each(|(_, v)| strict(v));
        }
        Value::Array(items) => items.iter_mut().for_each(strict),
        _ => {}
    }
}

/// The schema of a subset of `v` as the corpus matches it: every definition with required
/// keys inlined, and no key required (every key named must still be known and of its type).
fn subset_of(v: &Value, defs: &Map<String, Value>) -> Value {
    match v {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                if let Some(def) = r.strip_prefix("#/$defs/").and_then(|n| defs.get(n)) {
                    if has_required(def) {
                        return subset_of(def, defs);
                    }
                }
            }
            let out: Map<String, Value> = map
                .iter()
                .filter(|(k, _)| !matches!(k.as_str(), "required" | "title" | "description"))
                .map(|(k, child)| (k.clone(), subset_of(child, defs)))
                .collect();
            Value::Object(out)
        }
        Value::Array(items) => Value::Array(items.iter().map(|c| subset_of(c, defs)).collect()),
        other => other.clone(),
    }
}

fn has_required(v: &Value) -> bool {
    match v {
        Value::Object(map) => map.contains_key("required") || map.values().any(has_required),
        Value::Array(items) => items.iter().any(has_required),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refs<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(map) => {
                for (k, child) in map {
                    match (k.as_str(), child) {
                        ("$ref", Value::String(r)) => out.push(r),
                        _ => refs(child, out),
                    }
                }
            }
            Value::Array(items) => items.iter().for_each(|c| refs(c, out)),
            _ => {}
        }
    }

    #[test]
    fn every_reference_names_a_file_and_a_definition_there() {
        let files = files();
        assert_eq!(files.len(), DOCUMENTS.len() + 1);
        for (name, schema) in &files {
            let mut found = Vec::new();
            refs(schema, &mut found);
            for r in found {
                let (file, pointer) = r.split_once('#').unwrap_or((r, ""));
                let target =
                    if file.is_empty() { Some(schema) } else { files.iter().find(|(n, _)| *n == file).map(|(_, s)| s) };
                let target = target.unwrap_or_else(|| panic!("{name}: {r} names no file"));
                assert!(pointer.is_empty() || target.pointer(pointer).is_some(), "{name}: {r} names nothing");
            }
        }
    }

    #[test]
    fn the_schemas_are_the_same_each_time() {
        assert_eq!(files(), files());
    }
}
