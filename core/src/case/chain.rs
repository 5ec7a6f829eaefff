//! The snapshot's hash chain (spec: Tamper evidence): each journal event and each access-log
//! entry is a link, `link = H(previous link ‖ canonical bytes of the entry)`, the first
//! previous link 32 zero bytes; `H` is SHA-256, or HMAC-SHA-256 under the embedding system's
//! key. The canonical bytes are the entry as the snapshot writes it, as UTF-8 JSON with keys
//! sorted, no white space and non-ASCII characters unescaped (Python's `json.dumps(entry,
//! sort_keys=True, separators=(",", ":"), ensure_ascii=False)`). docs/snapshots.md has the
//! byte layout.

use hmac::{Hmac, Mac};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::wire::{Node, parse_node};

/// The head of an empty list: 32 zero bytes, in hex.
#[cfg(test)]
const EMPTY_HEAD: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// The head of the chain over `entries`, as 64 lower-case hex digits.
pub(crate) fn head<'a>(entries: impl IntoIterator<Item = &'a Value>, key: Option<&[u8]>) -> String {
    let mut link = [0u8; 32];
    let mut bytes = Vec::new();
    for entry in entries {
        bytes.clear();
        canonical(entry, &mut bytes);
        link = next(&link, &bytes, key);
    }
    hex(&link)
}

/// The head of the chain over entries read as [`Node`]s (restore's typed path).
pub(crate) fn head_of_nodes<'a, 'n: 'a>(entries: impl IntoIterator<Item = &'a Node<'n>>, key: Option<&[u8]>) -> String {
    let mut link = Link::new(key);
    for entry in entries {
        link.push_node(entry);
    }
    link.head()
}

/// A chain being built, entry by entry (the writer's typed path: each entry as the snapshot
/// writes it, as JSON text).
pub(crate) struct Link<'k> {
    link: [u8; 32],
    key: Option<&'k [u8]>,
    bytes: Vec<u8>,
}

impl<'k> Link<'k> {
    pub(crate) fn new(key: Option<&'k [u8]>) -> Self {
        Link { link: [0u8; 32], key, bytes: Vec::new() }
    }

    pub(crate) fn push_node(&mut self, entry: &Node<'_>) {
        self.bytes.clear();
        canonical_node(entry, &mut self.bytes);
        self.link = next(&self.link, &self.bytes, self.key);
    }

    /// The next entry as the snapshot writes it (JSON text serde_json wrote).
    pub(crate) fn push_text(&mut self, text: &[u8]) {
        let node = std::str::from_utf8(text).ok().and_then(parse_node);
        match node {
            Some(node) => self.push_node(&node),
            // Not reached for text serde_json wrote; the Value path gives the same bytes.
            None => {
                self.bytes.clear();
                canonical(&serde_json::from_slice(text).unwrap_or(Value::Null), &mut self.bytes);
                self.link = next(&self.link, &self.bytes, self.key);
            }
        }
    }

    pub(crate) fn head(&self) -> String {
        hex(&self.link)
    }
}

fn next(previous: &[u8; 32], entry: &[u8], key: Option<&[u8]>) -> [u8; 32] {
    match key.and_then(|k| Hmac::<Sha256>::new_from_slice(k).ok()) {
        Some(mut mac) => {
            mac.update(previous);
            mac.update(entry);
            mac.finalize().into_bytes().into()
        }
        None => {
            let mut h = Sha256::new();
            h.update(previous);
            h.update(entry);
            h.finalize().into()
        }
    }
}

fn hex(bytes: &[u8; 32]) -> String {
    let digit = |n: u8| char::from_digit(u32::from(n), 16).unwrap_or('0');
    bytes.iter().flat_map(|b| [digit(b >> 4), digit(b & 0xf)]).collect()
}

/// Sorted keys, no white space, strings as serde_json escapes them (`"`, `\`, and control
/// characters; nothing else), which is what Python writes with `ensure_ascii=False`.
pub(crate) fn canonical(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            out.push(b'{');
            for (i, k) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(k, out);
                out.push(b':');
                if let Some(value) = map.get(k) {
                    canonical(value, out);
                }
            }
            out.push(b'}');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical(item, out);
            }
            out.push(b']');
        }
        Value::String(s) => string(s, out),
        other => out.extend_from_slice(other.to_string().as_bytes()),
    }
}

/// [`canonical`] over a [`Node`]: the same bytes as over the `Value` it stands for.
pub(crate) fn canonical_node(v: &Node<'_>, out: &mut Vec<u8>) {
    match v {
        Node::Object(entries) => {
            let mut sorted: Vec<&(std::borrow::Cow<'_, str>, Node<'_>)> = entries.iter().collect();
            sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
            out.push(b'{');
            for (i, (k, value)) in sorted.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                string(k, out);
                out.push(b':');
                canonical_node(value, out);
            }
            out.push(b'}');
        }
        Node::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                canonical_node(item, out);
            }
            out.push(b']');
        }
        Node::String(s) => string(s, out),
        other => other.write(out),
    }
}

/// A JSON string as Python's `json.dumps(..., ensure_ascii=False)` writes it: `\"`, `\\`,
/// `\n`, `\r`, `\t`, `\b`, `\f`, and `\u00XX` (lower-case hex) for the other controls below
/// U+0020; everything else as it is.
fn string(s: &str, out: &mut Vec<u8>) {
    if !s.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\') {
        out.push(b'"');
        out.extend_from_slice(s.as_bytes());
        out.push(b'"');
        return;
    }
    out.push(b'"');
    for c in s.chars() {
        match c {
            '"' => out.extend_from_slice(b"\\\""),
            '\\' => out.extend_from_slice(b"\\\\"),
            '\n' => out.extend_from_slice(b"\\n"),
            '\r' => out.extend_from_slice(b"\\r"),
            '\t' => out.extend_from_slice(b"\\t"),
            '\u{8}' => out.extend_from_slice(b"\\b"),
            '\u{c}' => out.extend_from_slice(b"\\f"),
            c if u32::from(c) < 0x20 => out.extend_from_slice(format!("\\u{:04x}", u32::from(c)).as_bytes()),
            c => {
                let mut buf = [0u8; 4];
                out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
            }
        }
    }
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_bytes_are_pythons() {
        let v = serde_json::json!({"b": 1, "a": ["å\u{1}\n\"", true, null], "ä": {"z": -2, "y": "\u{2028}/"}});
        let mut out = Vec::new();
        canonical(&v, &mut out);
        // json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "{\"a\":[\"å\\u0001\\n\\\"\",true,null],\"b\":1,\"ä\":{\"y\":\"\u{2028}/\",\"z\":-2}}"
        );
    }

    #[test]
    fn heads() {
        assert_eq!(head(std::iter::empty(), None), EMPTY_HEAD);
        // hashlib.sha256(bytes(32) + b'{"a":1}').hexdigest()
        let one = serde_json::json!({"a": 1});
        assert_eq!(head([&one], None), "b06a229070741292512e8760f470dd7a4c46ccfdf253df781d88dabe58c1ccb1");
        assert_ne!(head([&one], Some(b"key")), head([&one], None));
    }
}
