//! Checks an error's details against the documented shapes of its code (model::error_shapes,
//! docs/errors.md).

use serde_json::Value;

use crate::model::{DetailKey, DetailType, Error, POSITION_KEYS, Role, shapes_of};

/// `Ok` when the details fit one of the code's shapes: every required key there, every key
/// known (its own or a position key) and of its type.
pub fn check(e: &Error) -> Result<(), String> {
    let Value::Object(map) = &e.details else { return Err(format!("{}: details are not an object", e.code)) };
    let shapes = shapes_of(e.code);
    let mut why = Vec::new();
    for shape in shapes {
        let known = |k: &str| shape.keys.iter().chain(POSITION_KEYS).find(|key| key.name == k);
        let missing = shape.keys.iter().filter(|k| k.required && !map.contains_key(k.name)).map(|k| k.name);
        let missing: Vec<&str> = missing.collect();
        let bad: Vec<String> = map
            .iter()
            .filter_map(|(k, v)| match known(k) {
                None => Some(format!("unknown key {k}")),
                Some(key) if !fits(key, v) => Some(format!("{k} is not a {}", key.kind.as_str())),
                Some(_) => None,
            })
            .collect();
        if missing.is_empty() && bad.is_empty() {
            return Ok(());
        }
        why.push(format!("[{}: missing {missing:?}, {bad:?}]", shape.when));
    }
    Err(format!("{} {}: fits no documented shape {}", e.code, e.details, why.join(" ")))
}

fn fits(key: &DetailKey, v: &Value) -> bool {
    let word = |v: &Value| v.as_str().is_some_and(|s| !s.is_empty() && s.len() <= 64);
    let role = |v: &Value| v.as_str().is_some_and(|s| Role::parse(s).is_some());
    match key.kind {
        DetailType::Word | DetailType::Identifier => word(v),
        DetailType::Role => role(v),
        DetailType::Roles => v.as_array().is_some_and(|a| a.iter().all(role)),
        DetailType::Words => v.as_array().is_some_and(|a| a.iter().all(word)),
        DetailType::Integer => v.as_u64().is_some(),
        DetailType::Positions => {
            v.as_u64().is_some() || v.as_array().is_some_and(|a| a.iter().all(|x| x.as_u64().is_some()))
        }
        DetailType::Time => v.as_str().is_some_and(|s| s.parse::<crate::time::Timestamp>().is_ok()),
    }
}
