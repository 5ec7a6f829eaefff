//! The tamper suite (spec: Tamper evidence): a snapshot of every corpus scenario, mutated in
//! every field of every journal event and access-log entry, and by deletion, insertion and
//! reordering of entries, is refused every time, with and without a key.

use std::path::Path;

use serde_json::{Value, json};
use utskrivning::conformance::driven::drive_case;
use utskrivning::{Case, Restore};

fn corpus_cases() -> Vec<(String, Case)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/scenarios");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let scenario: Value = serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            (p.file_name().unwrap().to_string_lossy().into_owned(), drive_case(&scenario))
        })
        .collect()
}

/// Every single-value change of an object's fields, every deletion of a field, one added field.
fn field_mutations(entry: &Value) -> Vec<Value> {
    let Value::Object(map) = entry else { return Vec::new() };
    let mut out = Vec::new();
    for (k, v) in map {
        let changed: Vec<Value> = match v {
            Value::String(s) => vec![json!(format!("{s}x")), json!(s.to_uppercase() + "Z")],
            Value::Bool(b) => vec![json!(!b)],
            Value::Number(n) => vec![json!(n.as_u64().unwrap_or(0) + 1)],
            Value::Array(items) if items.is_empty() => vec![json!(["inpatient"])],
            Value::Array(items) => vec![json!(items[1..].to_vec()), json!([items.clone(), items.clone()].concat())],
            Value::Object(_) => field_mutations(v),
            Value::Null => vec![json!(1)],
        };
        for c in changed {
            if c != *v {
                let mut m = map.clone();
                m.insert(k.clone(), c);
                out.push(Value::Object(m));
            }
        }
        let mut m = map.clone();
        m.remove(k);
        out.push(Value::Object(m));
    }
    let mut m = map.clone();
    m.insert("extra".into(), json!(1));
    out.push(Value::Object(m));
    out
}

fn list_mutations(list: &[Value]) -> Vec<Vec<Value>> {
    let mut out = Vec::new();
    for i in 0..list.len() {
        for changed in field_mutations(&list[i]) {
            let mut l = list.to_vec();
            l[i] = changed;
            out.push(l);
        }
        let mut l = list.to_vec();
        l.remove(i);
        out.push(l);
        let mut l = list.to_vec();
        l.insert(i, list[i].clone());
        out.push(l);
        if i + 1 < list.len() && list[i] != list[i + 1] {
            let mut l = list.to_vec();
            l.swap(i, i + 1);
            out.push(l);
        }
    }
    out
}

#[test]
fn every_tamper_of_every_corpus_snapshot_is_refused() {
    let (mut tried, mut refused) = (0usize, 0usize);
    let mut passed = Vec::new();
    for (name, case) in corpus_cases() {
        for key in [None, Some(b"the embedder's key".as_slice())] {
            let snapshot = case.snapshot_value_with_key(key);
            let options = Restore { key, upgrade_unsigned: false };
            let restored = Case::restore_value_with(&snapshot, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(restored.snapshot_value_with_key(key), snapshot, "{name}: not byte for byte");
            for list in ["journal", "access_log"] {
                let entries = snapshot[list].as_array().cloned().unwrap_or_default();
                for mutated in list_mutations(&entries) {
                    let mut s = snapshot.clone();
                    s[list] = Value::Array(mutated);
                    tried += 1;
                    match Case::restore_value_with(&s, &options) {
                        Err(_) => refused += 1,
                        Ok(_) => passed.push(format!("{name} {list} key={}", key.is_some())),
                    }
                }
            }
        }
    }
    println!("{tried} tampers tried, {refused} refused");
    assert!(passed.is_empty(), "{} tampers restored:\n{}", passed.len(), passed[..passed.len().min(10)].join("\n"));
    assert!(tried > 10_000, "{tried}");
}

#[test]
fn heads_are_checked_before_anything_else_and_keys_matter() {
    let (_, case) = corpus_cases().into_iter().find(|(n, _)| n.starts_with("071")).unwrap();
    let keyed = case.snapshot_value_with_key(Some(b"k1"));
    let code = |s: &Value, key: Option<&[u8]>| {
        Case::restore_value_with(s, &Restore { key, upgrade_unsigned: false }).err().map(|e| e.details)
    };
    assert_eq!(code(&keyed, Some(b"k2")), Some(json!({"field": "journal", "problem": "tampered"})));
    assert_eq!(code(&keyed, None), Some(json!({"field": "journal", "problem": "tampered"})));
    assert_eq!(code(&keyed, Some(b"k1")), None);
    // A changed text, invisible in the state, is caught by the chain.
    let mut s = keyed.clone();
    s["journal"][3]["unit"] = json!("VC Syd");
    assert_eq!(code(&s, Some(b"k1")), Some(json!({"field": "journal", "problem": "tampered"})));
    // A refused view turned allowed.
    let mut s = case.snapshot_value();
    if let Some(entry) = s["access_log"].get_mut(0) {
        entry["outcome"] = json!("allowed");
        assert_eq!(code(&s, None), Some(json!({"field": "access_log", "problem": "tampered"})));
    }
}

#[test]
fn a_version_1_snapshot_restores_and_snapshots_again_as_version_2() {
    let (_, case) = corpus_cases().into_iter().find(|(n, _)| n.starts_with("071")).unwrap();
    let mut v1 = case.snapshot_value();
    v1["version"] = json!(1);
    v1.as_object_mut().unwrap().remove("chain");
    // Version 1's state lacked what version 2 adds: it is not compared.
    v1["state"].as_object_mut().unwrap().remove("messages");
    let restored = Case::restore_value(&v1).unwrap();
    assert!(restored.same_state(&case));
    assert_eq!(restored.snapshot_value()["version"], 2);
    let key: Option<&[u8]> = Some(b"k");
    let unsigned = Case::restore_value_with(&v1, &Restore { key, upgrade_unsigned: false }).unwrap_err();
    assert_eq!(unsigned.details, json!({"field": "version", "problem": "unsigned"}));
    assert!(Case::restore_value_with(&v1, &Restore { key, upgrade_unsigned: true }).is_ok());
    let mut v3 = case.snapshot_value();
    v3["version"] = json!(3);
    assert_eq!(Case::restore_value(&v3).unwrap_err().details["problem"], "unsupported_version");
}

#[test]
fn a_rejected_or_malformed_journal_event_is_named_by_its_place() {
    let (_, case) = corpus_cases().into_iter().find(|(n, _)| n.starts_with("071")).unwrap();
    let resign = |mut s: Value| {
        // Re-sign as an attacker with no key could: only the later checks stand.
        let journal = s["journal"].clone();
        let tmp = Case::new();
        let _ = tmp;
        s["chain"]["journal"] = json!(sha_head(journal.as_array().unwrap()));
        s
    };
    let mut s = case.snapshot_value();
    s["journal"][1]["actor"] = json!("patient");
    let err = Case::restore_value(&resign(s)).unwrap_err();
    assert_eq!(err.details, json!({"field": "journal[1]", "problem": "rejected", "code": "not_permitted"}));
    let mut s = case.snapshot_value();
    s["journal"][1]["at"] = json!("2026-03-02T10:00:00+01:00");
    let err = Case::restore_value(&resign(s)).unwrap_err();
    assert_eq!(err.details, json!({"field": "journal[1]", "problem": "malformed"}));
}

/// The SHA-256 head as an attacker without the key computes it (Python's recipe).
fn sha_head(entries: &[Value]) -> String {
    use sha2::{Digest, Sha256};
    let mut link = [0u8; 32];
    for e in entries {
        let text = canonical(e);
        let mut h = Sha256::new();
        h.update(link);
        h.update(text.as_bytes());
        link = h.finalize().into();
    }
    link.iter().map(|b| format!("{b:02x}")).collect()
}

fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<_> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> =
                keys.iter().map(|k| format!("{}:{}", serde_json::to_string(k).unwrap(), canonical(&m[*k]))).collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(canonical).collect::<Vec<_>>().join(",")),
        other => serde_json::to_string(other).unwrap(),
    }
}

/// The details of a restore's refusal, or the restored case's snapshot.
fn outcome(r: utskrivning::Result<Case>) -> Result<String, Value> {
    r.map(|c| c.snapshot_json()).map_err(|e| json!({"code": e.code, "details": e.details}))
}

/// Keys of every object in reverse order: the same `Value`, other text.
fn reversed(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().rev().map(|(k, v)| (k.clone(), reversed(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(reversed).collect()),
        other => other.clone(),
    }
}

/// The typed JSON path (`restore_with` on text) against the `Value` path (`restore_value_with`,
/// the reading it replaced) on every tamper, re-signed or not, on every state change, and on
/// the same snapshots written with their keys in another order: the same case or the same error.
#[test]
fn the_typed_path_gives_the_value_paths_answer_on_every_tamper() {
    let mut tried = 0usize;
    // Every third scenario: the paths differ by the form of the snapshot, not by the case, and
    // the whole corpus takes a minute of the test run (the tamper suite above covers them all).
    for (name, case) in corpus_cases().into_iter().step_by(3) {
        for key in [None, Some(b"the embedder's key".as_slice())] {
            let options = Restore { key, upgrade_unsigned: false };
            let snapshot = case.snapshot_value_with_key(key);
            let mut variants = vec![snapshot.clone(), reversed(&snapshot)];
            // White space: not the text this library writes, so the `Value` path reads it.
            let pretty = serde_json::to_string_pretty(&snapshot).unwrap();
            assert_eq!(
                outcome(Case::restore_with(&pretty, &options)),
                outcome(Case::restore_value_with(&snapshot, &options)),
                "{name}: pretty"
            );
            // Under a key, a tamper is refused at the chain: the corpus's first scenarios suffice.
            let every = key.is_none() || name.as_str() < "010";
            for list in ["journal", "access_log"].into_iter().filter(|_| every) {
                let entries = snapshot[list].as_array().cloned().unwrap_or_default();
                for mutated in list_mutations(&entries) {
                    let mut s = snapshot.clone();
                    s[list] = Value::Array(mutated);
                    if key.is_none() {
                        let mut signed = s.clone();
                        signed["chain"][list] = json!(sha_head(s[list].as_array().unwrap()));
                        variants.push(signed);
                    }
                    variants.push(s);
                }
            }
            for mutated in field_mutations(&snapshot["state"]) {
                let mut s = snapshot.clone();
                s["state"] = mutated;
                variants.push(s);
            }
            for mutated in field_mutations(&snapshot) {
                variants.push(mutated);
            }
            for v in variants {
                tried += 1;
                let text = v.to_string();
                assert_eq!(
                    outcome(Case::restore_with(&text, &options)),
                    outcome(Case::restore_value_with(&v, &options)),
                    "{name} key={}: {text}",
                    key.is_some()
                );
            }
        }
    }
    println!("{tried} snapshots restored both ways");
    assert!(tried > 6_000, "{tried}");
}
