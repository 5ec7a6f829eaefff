//! Versioned JSON snapshots (spec: The snapshot's layout, Tamper evidence). A snapshot carries
//! the state, the journal and the access log, each under its own key, and in version 2 the
//! heads of the hash chain over journal and access log. Restoring checks, in the spec's order:
//! the layout and `format`/`version`, the journal's head, the access log's head, each access-log
//! entry's form, the replay of the journal (so no track is ever set into a state its events
//! could not reach), and in version 2 the replayed state against the stored one. A tampered,
//! truncated or newer snapshot is refused, never misread.

use serde::Serialize;
use serde_json::value::RawValue;
use serde_json::{Value, json};

use super::Case;
use super::chain;
use crate::model::{AccessEntry, Detail, Error, Event, Problem, Result};
use crate::wire::snapshot::{self as doc, RawDoc, SnapshotDoc};
use crate::wire::{Node, event_from_node, parse_node};

pub use crate::wire::snapshot::{SNAPSHOT_FORMAT, SNAPSHOT_VERSION};

/// How to restore: under the embedding system's key (HMAC-SHA-256; `None` for SHA-256), and
/// whether a version 1 snapshot (no chain) is accepted when a key is given.
#[derive(Debug, Clone, Copy, Default)]
pub struct Restore<'a> {
    /// The key the snapshot was written under. Never stored or logged.
    pub key: Option<&'a [u8]>,
    /// Accept an unsigned version 1 snapshot although a key is given (an explicit upgrade).
    pub upgrade_unsigned: bool,
}

impl Case {
    /// The snapshot as a JSON value (version 2, its chain by SHA-256).
    pub fn snapshot_value(&self) -> Value {
        self.snapshot_value_with_key(None)
    }

    /// The snapshot as a JSON value, its chain by HMAC-SHA-256 under `key` (SHA-256 for `None`).
    pub fn snapshot_value_with_key(&self, key: Option<&[u8]>) -> Value {
        let journal: Vec<Value> = self.journal.iter().map(|e| serde_json::to_value(e).unwrap_or(Value::Null)).collect();
        let access_log: Vec<Value> =
            self.access_log.iter().map(|e| serde_json::to_value(e).unwrap_or(Value::Null)).collect();
        let chain = json!({"journal": chain::head(&journal, key), "access_log": chain::head(&access_log, key)});
        json!({
            "format": SNAPSHOT_FORMAT,
            "version": SNAPSHOT_VERSION,
            "state": self.state_value(),
            "journal": journal,
            "access_log": access_log,
            "chain": chain,
        })
    }

    /// The snapshot as JSON text.
    pub fn snapshot_json(&self) -> String {
        self.write_snapshot(None)
    }

    /// The snapshot as JSON text, its chain under the embedding system's key.
    pub fn snapshot_json_with_key(&self, key: &[u8]) -> String {
        self.write_snapshot(Some(key))
    }

    /// The snapshot's text written straight from the case's parts, byte for byte what
    /// `snapshot_value_with_key(key).to_string()` writes: the keys in the same order, each
    /// journal event and access-log entry linked into the chain from the text just written.
    fn write_snapshot(&self, key: Option<&[u8]>) -> String {
        let mut out = Vec::with_capacity(256 * (self.journal.len() + self.access_log.len() + 8));
        out.extend_from_slice(br#"{"format":"#);
        written(&mut out, SNAPSHOT_FORMAT);
        out.extend_from_slice(br#","version":"#);
        written(&mut out, &SNAPSHOT_VERSION);
        out.extend_from_slice(br#","state":"#);
        written(&mut out, &self.state);
        out.extend_from_slice(br#","journal":"#);
        let journal_head = linked(&mut out, self.journal.iter(), key);
        out.extend_from_slice(br#","access_log":"#);
        let access_head = linked(&mut out, &self.access_log, key);
        out.extend_from_slice(br#","chain":{"journal":""#);
        out.extend_from_slice(journal_head.as_bytes());
        out.extend_from_slice(br#"","access_log":""#);
        out.extend_from_slice(access_head.as_bytes());
        out.extend_from_slice(br#""}}"#);
        // serde_json writes UTF-8, and so does everything above.
        String::from_utf8(out).unwrap_or_default()
    }

    /// Restores a case from snapshot JSON text (no key: the chain by SHA-256).
    pub fn restore(json: &str) -> Result<Case> {
        Case::restore_with(json, &Restore::default())
    }

    /// Restores a case from snapshot JSON text, as `options` say. The typed path reads the
    /// text's parts as the slices they were written as ([`RawDoc`]) and restores from them;
    /// wherever it finds anything but a snapshot as this library writes it (a refusal, keys in
    /// another order, white space), the `Value` path restores from the text, so that every error
    /// is the one it gives.
    pub fn restore_with(json: &str, options: &Restore<'_>) -> Result<Case> {
        match doc::raw_layout(json).and_then(|raw| Case::from_typed(&raw, options)) {
            Some(case) => Ok(case),
            None => Case::from_doc(doc::snapshot_from_str(json)?, options),
        }
    }

    /// Restores a case from a snapshot JSON value (no key).
    pub fn restore_value(value: &Value) -> Result<Case> {
        Case::from_doc(doc::snapshot_from_value(value)?, &Restore::default())
    }

    /// Restores a case from a snapshot JSON value, as `options` say.
    pub fn restore_value_with(value: &Value, options: &Restore<'_>) -> Result<Case> {
        Case::from_doc(doc::snapshot_from_value(value)?, options)
    }

    fn from_doc(snapshot: SnapshotDoc, options: &Restore<'_>) -> Result<Case> {
        match &snapshot.chain {
            Some((journal_head, access_head)) => {
                if chain::head(&snapshot.journal, options.key) != *journal_head {
                    return Err(Error::invalid("journal", Problem::Tampered));
                }
                if chain::head(&snapshot.access_log, options.key) != *access_head {
                    return Err(Error::invalid("access_log", Problem::Tampered));
                }
            }
            // Anyone could strip the chain and call a snapshot version 1.
            None if options.key.is_some() && !options.upgrade_unsigned => {
                return Err(Error::invalid("version", Problem::Unsigned));
            }
            None => {}
        }
        let access_log = snapshot
            .access_log
            .iter()
            .enumerate()
            .map(|(i, v)| doc::access_entry(i, v))
            .collect::<Result<Vec<AccessEntry>>>()?;
        let mut case = Case::new();
        case.journal.reserve_events(snapshot.journal.len());
        for (i, value) in snapshot.journal.iter().enumerate() {
            case.replay_entry(i, doc::journal_event(i, value)?)?;
        }
        // Version 1's stored state lacks what version 2 adds: it is not compared.
        if snapshot.version >= 2 && snapshot.state != case.state_value() {
            return Err(Error::invalid("state", Problem::Mismatch));
        }
        case.access_log = access_log;
        Ok(case)
    }

    /// Journal event `i` replayed (both paths).
    fn replay_entry(&mut self, i: usize, event: Event) -> Result<()> {
        self.apply_quiet_owned(event)
            .map_err(|e| Error::invalid(&format!("journal[{i}]"), Problem::Rejected).with(Detail::Code, e.code))
    }

    /// The typed path of `restore_with`: the case, if every check passes on a snapshot whose
    /// every part is written as this library writes it; `None` sends the snapshot to the
    /// `Value` path, which gives the error (or restores a snapshot written otherwise).
    fn from_typed(snapshot: &RawDoc<'_>, options: &Restore<'_>) -> Option<Case> {
        // Each entry read once into a `Node`: its canonical bytes link it into the chain, and
        // the journal's events are read from it.
        let journal = nodes(&snapshot.journal)?;
        let chain_holds = match snapshot.chain() {
            Some((journal_head, access_head)) => {
                chain::head_of_nodes(&journal, options.key) == journal_head
                    && chain::head_of_nodes(&nodes(&snapshot.access_log)?, options.key) == access_head
            }
            None => options.key.is_none() || options.upgrade_unsigned,
        };
        if !chain_holds {
            return None;
        }
        let mut ours = Vec::new();
        let mut access_log = Vec::with_capacity(snapshot.access_log.len());
        for raw in &snapshot.access_log {
            access_log.push(doc::typed_access_entry(raw, &mut ours)?);
        }
        let mut case = Case::new();
        case.journal.reserve_events(journal.len());
        for (i, (node, raw)) in journal.iter().zip(&snapshot.journal).enumerate() {
            let event = event_from_node(node).ok()?;
            if !doc::written_as(raw, &event, &mut ours) {
                return None;
            }
            case.replay_entry(i, event).ok()?;
        }
        if snapshot.version >= 2 && !doc::written_as(snapshot.state, &case.state, &mut ours) {
            return None;
        }
        case.access_log = access_log;
        Some(case)
    }

    /// Replays a journal given as a JSON array of events.
    pub fn replay_json(json: &str) -> Result<Case> {
        Case::replay(&doc::journal_from_str(json)?)
    }
}

/// Each entry's text read into a [`Node`] (`None` if one is refused).
fn nodes<'a>(raws: &[&'a RawValue]) -> Option<Vec<Node<'a>>> {
    raws.iter().map(|r| parse_node(r.get())).collect()
}

/// `value` written into `out` as `serde_json::to_value(value)` and then `to_string` write it
/// (`null` where it cannot be written, as `to_value(..).unwrap_or(Value::Null)`).
fn written<T: Serialize + ?Sized>(out: &mut Vec<u8>, value: &T) {
    let start = out.len();
    if serde_json::to_writer(&mut *out, value).is_err() {
        out.truncate(start);
        out.extend_from_slice(b"null");
    }
}

/// `entries` written as a JSON array, each linked into the chain; the chain's head.
fn linked<T: Serialize>(out: &mut Vec<u8>, entries: impl IntoIterator<Item = T>, key: Option<&[u8]>) -> String {
    let mut link = chain::Link::new(key);
    out.push(b'[');
    for (i, entry) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let start = out.len();
        written(out, &entry);
        link.push_text(out.get(start..).unwrap_or_default());
    }
    out.push(b']');
    link.head()
}

/// The schemas of the case's documents (docs/schema/): the state as `state` and `view` answer
/// it, and the snapshot of each version as `snapshot_json` writes and `restore` reads it.
#[cfg(feature = "schema")]
impl Case {
    /// The state document (the machine's `CaseState`).
    pub fn state_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
        g.subschema_for::<crate::machine::CaseState>()
    }

    /// A snapshot of `version`: 2 with its chain and the state as the replay reaches it, 1
    /// without a chain and with an older state (which restore does not compare: any object).
    pub fn snapshot_schema(g: &mut schemars::SchemaGenerator, version: u64) -> schemars::Schema {
        let state = match version {
            1 => json!({"type": "object", "description": "A version 1 state document; not compared on restore."}),
            _ => Case::state_schema(g).to_value(),
        };
        let head = json!({"type": "string", "pattern": "^[0-9a-f]{64}$"});
        let mut properties = json!({
            "format": {"const": SNAPSHOT_FORMAT},
            "version": {"const": version},
            "state": state,
            "journal": {"type": "array", "items": g.subschema_for::<Event>()},
            "access_log": {"type": "array", "items": g.subschema_for::<AccessEntry>()},
        });
        let mut required = vec!["format", "version", "state", "journal", "access_log"];
        if version >= 2 {
            if let Some(map) = properties.as_object_mut() {
                map.insert(
                    "chain".into(),
                    json!({
                        "description": "The heads of the hash chain over the journal and the access log (docs/snapshots.md).",
                        "type": "object",
                        "properties": {"journal": head, "access_log": head},
                        "required": ["journal", "access_log"],
                        "additionalProperties": false,
                    }),
                );
            }
            required.push("chain");
        }
        schemars::json_schema!({
            "title": format!("snapshot version {version}"),
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": false,
        })
    }
}
