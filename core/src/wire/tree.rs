//! What the field rules read of a JSON tree. Two trees carry JSON input: `serde_json::Value`
//! (what bindings and scenario files hand over) and the typed paths' light [`Node`] (strings
//! borrowed from the text). Both give this view, so [`super::Fields`] reads either with one
//! set of rules.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::Node;

/// A JSON value, as far as a field rule looks at it.
pub(crate) trait Json: Sized {
    type Object: Object<Value = Self> + ?Sized;
    fn is_null(&self) -> bool;
    fn as_str(&self) -> Option<&str>;
    fn as_bool(&self) -> Option<bool>;
    /// A number that is a non-negative integer.
    fn as_u64(&self) -> Option<u64>;
    fn as_array(&self) -> Option<&[Self]>;
    fn as_object(&self) -> Option<&Self::Object>;
}

/// A JSON object: its values by key, its keys in document order.
pub(crate) trait Object {
    type Value: Json;
    fn get(&self, key: &str) -> Option<&Self::Value>;
    fn keys(&self) -> impl Iterator<Item = &str>;
}

impl Json for Value {
    type Object = Map<String, Value>;
    fn is_null(&self) -> bool {
        Value::is_null(self)
    }
    fn as_str(&self) -> Option<&str> {
        Value::as_str(self)
    }
    fn as_bool(&self) -> Option<bool> {
        Value::as_bool(self)
    }
    fn as_u64(&self) -> Option<u64> {
        Value::as_u64(self)
    }
    fn as_array(&self) -> Option<&[Value]> {
        Value::as_array(self).map(Vec::as_slice)
    }
    fn as_object(&self) -> Option<&Map<String, Value>> {
        Value::as_object(self)
    }
}

impl Object for Map<String, Value> {
    type Value = Value;
    fn get(&self, key: &str) -> Option<&Value> {
        Map::get(self, key)
    }
    fn keys(&self) -> impl Iterator<Item = &str> {
        Map::keys(self).map(String::as_str)
    }
}

impl<'a> Json for Node<'a> {
    type Object = [(Cow<'a, str>, Node<'a>)];
    fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }
    fn as_str(&self) -> Option<&str> {
        match self {
            Node::String(s) => Some(s),
            _ => None,
        }
    }
    fn as_bool(&self) -> Option<bool> {
        match self {
            Node::Bool(b) => Some(*b),
            _ => None,
        }
    }
    fn as_u64(&self) -> Option<u64> {
        match self {
            Node::Number(n) => n.as_u64(),
            _ => None,
        }
    }
    fn as_array(&self) -> Option<&[Node<'a>]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }
    fn as_object(&self) -> Option<&[(Cow<'a, str>, Node<'a>)]> {
        match self {
            Node::Object(entries) => Some(entries),
            _ => None,
        }
    }
}

impl<'a> Object for [(Cow<'a, str>, Node<'a>)] {
    type Value = Node<'a>;
    fn get(&self, key: &str) -> Option<&Node<'a>> {
        self.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
    fn keys(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(k, _)| k.as_ref())
    }
}
