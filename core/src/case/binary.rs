//! Binary snapshots (issue 16): the journal and the access log in a compact byte layout,
//! followed by a 32-byte digest over everything before it — SHA-256, or HMAC-SHA-256 under
//! the embedding system's key. No state is stored: the journal is authenticated, and restoring
//! replays it (quietly), so no track is ever set into a state its events could not reach.
//! docs/snapshots.md ("The binary snapshot") has the byte layout and every refusal.
//!
//! Restoring checks, in order: the length and the tag (`format`), the version, the digest
//! (`snapshot`, `tampered`), the decoding of every journal event and access-log entry
//! (`journal[i]` / `access_log[i]`, `malformed`; trailing bytes: `snapshot`, `malformed`), the
//! replay (`journal[i]`, `rejected`, with the code). Nothing panics or indexes out of bounds on
//! any input.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::compact::{Reader, Writer};
use super::journal::Journal;
use super::{Case, Restore};
use crate::model::{Detail, Error, Problem, Result};
use crate::time::Timestamp;

/// The first bytes of every binary snapshot.
pub const BINARY_SNAPSHOT_TAG: &[u8; 4] = b"UTSB";
/// The layout version this library writes and reads.
pub const BINARY_SNAPSHOT_VERSION: u8 = 1;

const DIGEST_LEN: usize = 32;
/// Tag, version, two counts of at least a byte each, the digest.
const MIN_LEN: usize = BINARY_SNAPSHOT_TAG.len() + 1 + 2 + DIGEST_LEN;

impl Case {
    /// The binary snapshot, its digest by SHA-256.
    pub fn snapshot_bytes(&self) -> Vec<u8> {
        self.binary(None)
    }

    /// The binary snapshot, its digest by HMAC-SHA-256 under the embedding system's key.
    pub fn snapshot_bytes_with_key(&self, key: &[u8]) -> Vec<u8> {
        self.binary(Some(key))
    }

    /// Restores a case from a binary snapshot (no key: the digest by SHA-256).
    pub fn restore_bytes(bytes: &[u8]) -> Result<Case> {
        Case::restore_bytes_with(bytes, &Restore::default())
    }

    /// Restores a case from a binary snapshot under `options.key` (`upgrade_unsigned` does not
    /// apply: a binary snapshot always has its digest).
    pub fn restore_bytes_with(bytes: &[u8], options: &Restore<'_>) -> Result<Case> {
        if bytes.len() < MIN_LEN {
            return Err(Error::invalid("snapshot", Problem::Malformed));
        }
        let (body, digest) = bytes.split_at(bytes.len() - DIGEST_LEN);
        let (tag, rest) = body.split_at(BINARY_SNAPSHOT_TAG.len());
        if tag != BINARY_SNAPSHOT_TAG {
            return Err(Error::invalid("format", Problem::UnknownValue));
        }
        let (version, payload) = rest.split_first().ok_or_else(|| Error::invalid("snapshot", Problem::Malformed))?;
        if *version != BINARY_SNAPSHOT_VERSION {
            return Err(
                Error::invalid("version", Problem::UnsupportedVersion).with(Detail::Supported, BINARY_SNAPSHOT_VERSION)
            );
        }
        if !digest_matches(body, digest, options.key) {
            return Err(Error::invalid("snapshot", Problem::Tampered));
        }
        let mut r = Reader { bytes: payload, base: Timestamp::UNIX_EPOCH };
        let malformed = |list: &str, i: usize| Error::invalid(&format!("{list}[{i}]"), Problem::Malformed);
        let events = r.count().ok_or_else(|| Error::invalid("journal", Problem::Malformed))?;
        let mut case = Case::new();
        let section = r.bytes;
        for i in 0..events {
            let event = r.event().ok_or_else(|| malformed("journal", i))?;
            case.judge_decoded(&event)
                .map_err(|e| Error::invalid(&format!("journal[{i}]"), Problem::Rejected).with(Detail::Code, e.code))?;
        }
        // Every event was accepted, and the encoding is canonical: the journal keeps the
        // bytes it authenticated, not a second writing of them.
        let used = section.len() - r.bytes.len();
        case.take_journal(Journal::encoded(section.get(..used).unwrap_or_default().to_vec(), events, r.base));
        r.base = Timestamp::UNIX_EPOCH;
        let entries = r.count().ok_or_else(|| Error::invalid("access_log", Problem::Malformed))?;
        let mut access_log = Vec::with_capacity(entries.min(payload.len()));
        for i in 0..entries {
            access_log.push(r.access_entry().ok_or_else(|| malformed("access_log", i))?);
        }
        if !r.bytes.is_empty() {
            return Err(Error::invalid("snapshot", Problem::Malformed));
        }
        case.access_log = access_log;
        Ok(case)
    }

    fn binary(&self, key: Option<&[u8]>) -> Vec<u8> {
        let journal = self.journal.bytes();
        let mut out = Vec::with_capacity(16 + journal.len() + 8 * self.access_log.len() + DIGEST_LEN);
        out.extend_from_slice(BINARY_SNAPSHOT_TAG);
        out.push(BINARY_SNAPSHOT_VERSION);
        let mut w = Writer { out: &mut out, base: Timestamp::UNIX_EPOCH };
        w.count(self.journal.len());
        // The live journal is kept in this very encoding: copied, not written again.
        w.out.extend_from_slice(journal);
        w.count(self.access_log.len());
        for entry in &self.access_log {
            w.access_entry(entry);
        }
        let digest = digest(&out, key);
        out.extend_from_slice(&digest);
        out
    }
}

/// SHA-256 of `body`, or HMAC-SHA-256 under `key`.
fn digest(body: &[u8], key: Option<&[u8]>) -> [u8; DIGEST_LEN] {
    match key.and_then(|k| Hmac::<Sha256>::new_from_slice(k).ok()) {
        Some(mut mac) => {
            mac.update(body);
            mac.finalize().into_bytes().into()
        }
        None => Sha256::digest(body).into(),
    }
}

/// Whether `digest` is `body`'s (an HMAC compared in constant time).
fn digest_matches(body: &[u8], digest: &[u8], key: Option<&[u8]>) -> bool {
    match key.and_then(|k| Hmac::<Sha256>::new_from_slice(k).ok()) {
        Some(mut mac) => {
            mac.update(body);
            mac.verify_slice(digest).is_ok()
        }
        None => Sha256::digest(body).as_slice() == digest,
    }
}
