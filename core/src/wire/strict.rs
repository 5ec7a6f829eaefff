//! Strict JSON text in (spec: The case): a key twice in one object is refused, anywhere in the
//! document, instead of the last one silently winning; the rest is serde_json's strict reading
//! (no BOM, no lone surrogates, no `NaN`, nothing after the value).

use std::borrow::Cow;
use std::io::Write;

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

/// A JSON value read strictly from text and kept light: strings borrowed from the text where
/// they have no escapes, objects as their entries in document order (no key twice). The typed
/// paths read events and the chain's canonical bytes from it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl<'a> Node<'a> {
    /// Writes the value as `Value::to_string` writes it (keys in document order, no white
    /// space, strings as serde_json escapes them).
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        match self {
            Node::Null => out.extend_from_slice(b"null"),
            Node::Bool(true) => out.extend_from_slice(b"true"),
            Node::Bool(false) => out.extend_from_slice(b"false"),
            Node::Number(n) => number(n, out),
            Node::String(s) => escaped(s, out),
            Node::Array(items) => {
                out.push(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    item.write(out);
                }
                out.push(b']');
            }
            Node::Object(entries) => {
                out.push(b'{');
                for (i, (k, v)) in entries.iter().enumerate() {
                    if i > 0 {
                        out.push(b',');
                    }
                    escaped(k, out);
                    out.push(b':');
                    v.write(out);
                }
                out.push(b'}');
            }
        }
    }
}

/// A number as serde_json writes it.
pub(crate) fn number(n: &Number, out: &mut Vec<u8>) {
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{n}");
}

/// A string as serde_json writes it.
fn escaped(s: &str, out: &mut Vec<u8>) {
    // serde_json's own writer: infallible into a Vec.
    let _ = serde_json::to_writer(&mut *out, s);
}

/// Parses `text` as one JSON value into a [`Node`], as strictly as [`parse`] (a key twice,
/// anywhere, is refused; nothing after the value). `None` where `parse` refuses.
pub(crate) fn parse_node(text: &str) -> Option<Node<'_>> {
    let mut de = serde_json::Deserializer::from_str(text);
    let node = NodeSeed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(node)
}

struct NodeSeed;

impl<'de> DeserializeSeed<'de> for NodeSeed {
    type Value = Node<'de>;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<Node<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

/// A key, borrowed where it has no escapes.
struct Key<'de>(Cow<'de, str>);

impl<'de> de::Deserialize<'de> for Key<'de> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        d.deserialize_str(NodeSeed).and_then(|n| match n {
            Node::String(s) => Ok(Key(s)),
            _ => Err(de::Error::custom("a key")),
        })
    }
}

impl<'de> Visitor<'de> for NodeSeed {
    type Value = Node<'de>;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> std::result::Result<Node<'de>, E> {
        Number::from_f64(v).map(Node::Number).ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_borrowed_str<E>(self, v: &'de str) -> std::result::Result<Node<'de>, E> {
        Ok(Node::String(Cow::Borrowed(v)))
    }
    fn visit_str<E>(self, v: &str) -> std::result::Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v.to_string())))
    }
    fn visit_string<E>(self, v: String) -> std::result::Result<Node<'de>, E> {
        Ok(Node::String(Cow::Owned(v)))
    }
    fn visit_unit<E>(self) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_none<E>(self) -> std::result::Result<Node<'de>, E> {
        Ok(Node::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<Node<'de>, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(NodeSeed)? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<Node<'de>, A::Error> {
        let mut entries: Vec<(Cow<'de, str>, Node<'de>)> = Vec::new();
        while let Some(Key(key)) = map.next_key::<Key<'de>>()? {
            let value = map.next_value_seed(NodeSeed)?;
            if entries.iter().any(|(k, _)| *k == key) {
                return Err(de::Error::custom(DUPLICATE));
            }
            entries.push((key, value));
        }
        Ok(Node::Object(entries))
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
