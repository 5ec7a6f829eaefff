//! Strict JSON text in (spec: The case): a key twice in one object is refused, anywhere in the
//! document, instead of the last one silently winning; the rest is serde_json's strict reading
//! (no BOM, no lone surrogates, no `NaN`, nothing after the value).

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::model::{Error, Problem, Result};

/// The marker a duplicate leaves in serde's error, to tell it from malformed JSON.
const DUPLICATE: &str = "\u{0}duplicate_key";

/// Parses `text` as one JSON value; `what` names the document in the error (`event`,
/// `snapshot`, …): `not_json`, or `duplicate_key`.
pub(crate) fn parse(text: &str, what: &str) -> Result<Value> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = Strict.deserialize(&mut de).map_err(|e| refusal(&e, what))?;
    de.end().map_err(|_| Error::invalid(what, Problem::NotJson))?;
    Ok(value)
}

fn refusal(e: &serde_json::Error, what: &str) -> Error {
    let problem = if e.to_string().starts_with(DUPLICATE) { Problem::DuplicateKey } else { Problem::NotJson };
    Error::invalid(what, problem)
}

struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Value, E> {
        Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(Strict)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(Strict)?;
            if out.insert(key, value).is_some() {
                return Err(de::Error::custom(DUPLICATE));
            }
        }
        Ok(Value::Object(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_twice_is_refused_anywhere() {
        let code = |t: &str| parse(t, "event").map_err(|e| e.details["problem"].clone());
        assert_eq!(code(r#"{"type":"cancel","type":"raise_question"}"#), Err("duplicate_key".into()));
        assert_eq!(code(r#"{"a":{"b":1,"b":2}}"#), Err("duplicate_key".into()));
        assert_eq!(code(r#"[{"x":1},{"x":1,"x":1}]"#), Err("duplicate_key".into()));
        assert_eq!(code("\u{feff}{}"), Err("not_json".into()));
        assert_eq!(code(r#"{"a":"\ud800"}"#), Err("not_json".into()));
        assert_eq!(code("{} x"), Err("not_json".into()));
        assert_eq!(code("NaN"), Err("not_json".into()));
        assert!(parse(r#"{"a":{"b":1},"b":[1,2.5,"x",null,true]}"#, "e").is_ok());
    }
}
