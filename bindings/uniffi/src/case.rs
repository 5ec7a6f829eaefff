//! One patient's case as a foreign object. uniffi hands objects out behind an `Arc`, so a case
//! may be used from several threads: a mutex inside serialises the calls, as the core's `&mut`
//! methods require. Every method runs inside `guard`, so a panic comes out as `Internal`.

use std::sync::{Arc, Mutex, MutexGuard};

use serde::Serialize;
use utskrivning::{self as engine, embed};

use crate::error::{Result, guard};
use crate::types::{Accepted, AccessEntry, Deadline, MessageEntry};
use crate::vocab::{Agreement, CareType, Role, Routine};

/// One patient's discharge case (spec: The case). Destroy it when done (`use {}` or `close()`
/// in Kotlin; Swift frees it with its last reference).
#[derive(uniffi::Object)]
pub struct Case {
    inner: Mutex<engine::Case>,
}

impl Case {
    fn wrap(case: engine::Case) -> Arc<Self> {
        Arc::new(Case { inner: Mutex::new(case) })
    }

    pub(crate) fn lock(&self) -> Result<MutexGuard<'_, engine::Case>> {
        self.inner.lock().map_err(|_| embed::Internal::Poisoned.into())
    }
}

/// The embedding system's key for a snapshot's chain: the call's own copy (uniffi lifts the
/// foreign bytes into it), wiped when dropped. It has no `Debug`, and no error names a byte of it.
struct Key(Vec<u8>);

impl Key {
    fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl Drop for Key {
    fn drop(&mut self) {
        self.0.fill(0);
        // Seen as used, so the wipe of a buffer about to be freed is not optimised away.
        std::hint::black_box(&self.0);
    }
}

pub(crate) fn to_json<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|_| embed::Internal::Output.into())
}

pub(crate) fn timestamp(at: &str) -> Result<engine::Timestamp> {
    Ok(embed::timestamp("at", at)?)
}

#[uniffi::export]
impl Case {
    /// The moment before admission: no case yet; the first event applied must be `admit`.
    #[uniffi::constructor]
    pub fn new() -> Result<Arc<Self>> {
        guard(|| Ok(Case::wrap(engine::Case::new())))
    }

    /// Admits a patient (the `admit` event, performed by `inpatient`). `at` is RFC 3339;
    /// `municipality` the home municipality's four-digit code (kommunkod) and `care_type`
    /// somatic unless given. The core admits from the same fields an `admit` event has, so
    /// every field is checked exactly as in `apply`. Admission's only effect is the phase
    /// change, so none is returned.
    #[uniffi::constructor(default(agreement = None, municipality = None, care_type = None))]
    pub fn admit(
        at: String,
        case_id: String,
        routine: Routine,
        municipal_care_at_admission: bool,
        agreement: Option<Agreement>,
        municipality: Option<String>,
        care_type: Option<CareType>,
    ) -> Result<Arc<Self>> {
        guard(|| {
            let agreement = agreement.map(|a| a.to_json().to_string());
            let (case, _) = embed::admit_with(&embed::Admit {
                at: &at,
                case_id: &case_id,
                routine: engine::Routine::from(routine).as_str(),
                municipal_care_at_admission,
                municipality: municipality.as_deref(),
                care_type: care_type.map(|c| engine::CareType::from(c).as_str()),
                agreement_json: agreement.as_deref(),
            })?;
            Ok(Case::wrap(case))
        })
    }

    /// A case from a snapshot (`snapshot()`); a tampered, truncated or newer snapshot is refused.
    /// With `key`, the chain is checked under the embedding system's key (HMAC-SHA-256): a
    /// snapshot written under another key or under none is refused (`{"field": "journal",
    /// "problem": "tampered"}`), and so is a version 1 snapshot (no chain: `{"field":
    /// "version", "problem": "unsigned"}`) unless `upgrade_unsigned`, the explicit upgrade.
    /// Without a key a version 1 snapshot restores. The key is never stored, logged or put in
    /// an error.
    #[uniffi::constructor(default(key = None, upgrade_unsigned = false))]
    pub fn restore(snapshot_json: String, key: Option<Vec<u8>>, upgrade_unsigned: bool) -> Result<Arc<Self>> {
        let key = key.map(Key);
        guard(|| {
            let options = engine::Restore { key: key.as_ref().map(Key::bytes), upgrade_unsigned };
            Ok(Case::wrap(engine::Case::restore_with(&snapshot_json, &options)?))
        })
    }

    /// A case from a binary snapshot (`snapshotBytes()`), its digest checked under `key`
    /// (HMAC-SHA-256; SHA-256 without one): a tampered or truncated snapshot, or one written
    /// under another key or none, is refused (`{"field": "snapshot", "problem": "tampered"}`).
    /// The key is never stored, logged or put in an error.
    #[uniffi::constructor(default(key = None))]
    pub fn restore_bytes(bytes: Vec<u8>, key: Option<Vec<u8>>) -> Result<Arc<Self>> {
        let key = key.map(Key);
        guard(|| {
            let options = engine::Restore { key: key.as_ref().map(Key::bytes), upgrade_unsigned: false };
            Ok(Case::wrap(engine::Case::restore_bytes_with(&bytes, &options)?))
        })
    }

    /// A case from its journal (`journal()`), replayed from nothing.
    #[uniffi::constructor]
    pub fn replay(journal_json: String) -> Result<Arc<Self>> {
        guard(|| Ok(Case::wrap(engine::Case::replay_json(&journal_json)?)))
    }

    /// Applies one event, `{"at", "actor", "type", <fields>}` as JSON text: its effects, or the
    /// error, and then the case is exactly as it was.
    pub fn apply(&self, event_json: String) -> Result<Accepted> {
        guard(|| Ok(self.lock()?.apply_json(&event_json)?.into()))
    }

    /// Applies events in order, each as `apply` takes it, in one crossing (the JVM's per-call
    /// cost is most of an `apply`: docs/performance.md): their answers, or the first refusal
    /// with `index` in its details, the events before it applied and the case otherwise as it was.
    pub fn apply_many(&self, events_json: Vec<String>) -> Result<Vec<Accepted>> {
        guard(|| {
            let mut case = self.lock()?;
            let mut answers = Vec::with_capacity(events_json.len());
            for (index, event) in events_json.iter().enumerate() {
                let accepted = case.apply_json(event).map_err(|e| embed::with_index(e, index))?;
                answers.push(accepted.into());
            }
            Ok(answers)
        })
    }

    /// The case as `role` may see it at `at` (the state JSON), or the refusal. Every attempt,
    /// allowed or refused, goes to the access log.
    pub fn view(&self, role: Role, at: String) -> Result<String> {
        guard(|| {
            let at = timestamp(&at)?;
            let state = self.lock()?.view(role.into(), at)?;
            to_json(&state)
        })
    }

    /// Every obligation at `at` (RFC 3339), in the spec's order.
    pub fn deadlines(&self, at: String) -> Result<Vec<Deadline>> {
        guard(|| {
            let at = timestamp(&at)?;
            Ok(self.lock()?.deadlines(at).into_iter().map(Deadline::from).collect())
        })
    }

    /// The case as an HL7 FHIR R4 Bundle of type `collection` (JSON text), deadlines' status
    /// and the Bundle's `timestamp` at `at` (RFC 3339; docs/fhir.md). Nothing is logged; a
    /// case not admitted is `WrongState`.
    pub fn to_fhir(&self, at: String) -> Result<String> {
        guard(|| Ok(embed::to_fhir(&*self.lock()?, &at)?))
    }

    /// The versioned snapshot: state, journal and access log, with the heads of their hash
    /// chain, as JSON text. With `key` (the embedding system's; a text key is its UTF-8 bytes,
    /// and zero bytes are a key too) the heads are HMAC-SHA-256 under it, and only `restore`
    /// under the same key reads the snapshot; without one, SHA-256. The key is never stored.
    #[uniffi::method(default(key = None))]
    pub fn snapshot(&self, key: Option<Vec<u8>>) -> Result<String> {
        let key = key.map(Key);
        guard(|| Ok(self.lock()?.snapshot_value_with_key(key.as_ref().map(Key::bytes)).to_string()))
    }

    /// The binary snapshot (docs/snapshots.md): the journal and the access log, compactly,
    /// with a 32-byte digest, HMAC-SHA-256 under `key` or SHA-256 without one.
    /// `restoreBytes` under the same key reads it.
    #[uniffi::method(default(key = None))]
    pub fn snapshot_bytes(&self, key: Option<Vec<u8>>) -> Result<Vec<u8>> {
        let key = key.map(Key);
        guard(|| {
            let case = self.lock()?;
            Ok(match key.as_ref() {
                Some(k) => case.snapshot_bytes_with_key(k.bytes()),
                None => case.snapshot_bytes(),
            })
        })
    }

    /// The state object (the snapshot's `state`, which scenarios match against), as JSON.
    pub fn state(&self) -> Result<String> {
        guard(|| to_json(&self.lock()?.state_value()))
    }

    /// The accepted events, oldest first, as a JSON list (what `replay` takes).
    pub fn journal(&self) -> Result<String> {
        guard(|| to_json(&self.lock()?.journal()))
    }

    /// Every message the case sent, in the order sent, with who acknowledged it.
    pub fn messages(&self) -> Result<Vec<MessageEntry>> {
        guard(|| {
            let case = self.lock()?;
            let list = case.messages().iter().enumerate().map(|(i, m)| MessageEntry {
                id: format!("m{}", i + 1),
                message: m.message.into(),
                at: m.at.to_string(),
                to: m.to.roles().map(Role::from).collect(),
                acknowledged: m.acknowledged.roles().map(Role::from).collect(),
            });
            Ok(list.collect())
        })
    }

    /// The estimated day of discharge (`YYYY-MM-DD`, set by `set_estimated_discharge`), or none.
    pub fn estimated_discharge(&self) -> Result<Option<String>> {
        guard(|| Ok(self.lock()?.estimated_discharge().map(|d| d.to_string())))
    }

    /// The home municipality's code given at admission, or none.
    pub fn municipality(&self) -> Result<Option<String>> {
        guard(|| Ok(self.lock()?.municipality().map(str::to_string)))
    }

    /// The kind of care given at admission (somatic when none was given, or before admission).
    pub fn care_type(&self) -> Result<CareType> {
        guard(|| Ok(self.lock()?.care_type().into()))
    }

    /// Every view attempt, allowed or refused, oldest first.
    pub fn access_log(&self) -> Result<Vec<AccessEntry>> {
        guard(|| Ok(self.lock()?.access_log().iter().cloned().map(AccessEntry::from).collect()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-03-02T08:00:00Z";

    #[test]
    fn admit_then_apply_view_and_round_trips() {
        let case = Case::admit(AT.into(), "c-1".into(), Routine::ProfessionalCheckIn, false, None, None, None).unwrap();
        let accepted = case
            .apply(r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"#.into())
            .unwrap();
        let notify = crate::types::Effect::Notify {
            message: crate::vocab::Message::AdmissionNotice,
            id: "m1".into(),
            to: vec![Role::CareContact],
            meeting_at: None,
            estimated_discharge: Some(crate::types::EstimatedDischarge { date: None }),
        };
        assert!(accepted.effects.contains(&notify), "{accepted:?}");
        assert_eq!(case.deadlines(AT.into()).unwrap().len(), 1);
        let view = case.view(Role::CareContact, AT.into()).unwrap();
        assert_eq!(view, case.state().unwrap());
        let restored = Case::restore(case.snapshot(None).unwrap(), None, false).unwrap();
        assert_eq!(restored.snapshot(None).unwrap(), case.snapshot(None).unwrap());
        let replayed = Case::replay(case.journal().unwrap()).unwrap();
        assert_eq!(replayed.state().unwrap(), case.state().unwrap());
    }

    #[test]
    fn an_agreement_is_checked_as_in_json() {
        let bad = Agreement { payment_cutoff_hour: Some(99), ..crate::vocab::default_agreement() };
        let e = Case::admit(AT.into(), "c-1".into(), Routine::IndividualCheckIn, false, Some(bad), None, None).err();
        assert_eq!(e.map(|e| e.code()), Some("invalid_input"));
    }

    #[test]
    fn a_rejected_event_leaves_the_case_as_it_was() {
        let case = Case::admit(AT.into(), "c-1".into(), Routine::ProfessionalCheckIn, false, None, None, None).unwrap();
        let before = case.snapshot(None).unwrap();
        let e = case.apply(r#"{"at":"2026-03-01T08:00:00Z","actor":"inpatient","type":"discharge"}"#.into());
        assert_eq!(e.unwrap_err().code(), "time_went_backwards");
        assert_eq!(case.snapshot(None).unwrap(), before);
    }

    #[test]
    fn spec_v2_fields_through_the_typed_api() {
        let case = Case::admit(
            AT.into(),
            "c-1".into(),
            Routine::IndividualCheckIn,
            false,
            None,
            Some("1480".into()),
            Some(CareType::Psychiatric),
        )
        .unwrap();
        assert_eq!(
            (case.municipality().unwrap(), case.care_type().unwrap()),
            (Some("1480".into()), CareType::Psychiatric)
        );
        case.apply(r#"{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["social_services","care_contact"]}"#.into()).unwrap();
        case.apply(
            r#"{"at":"2026-03-02T10:00:00Z","actor":"social_services","type":"acknowledge_message","id":"m1"}"#.into(),
        )
        .unwrap();
        let messages = case.messages().unwrap();
        assert_eq!(messages.len(), 1);
        assert_eq!(messages[0].id, "m1");
        assert_eq!(messages[0].to, [Role::CareContact, Role::SocialServices]);
        assert_eq!(messages[0].acknowledged, [Role::SocialServices]);
        assert_eq!(case.estimated_discharge().unwrap(), None);
        // The state document's messages say the same.
        let state: serde_json::Value = serde_json::from_str(&case.state().unwrap()).unwrap();
        assert_eq!(state["messages"][0]["acknowledged"], serde_json::json!(["social_services"]));
        let e = Case::admit(AT.into(), "c-1".into(), Routine::IndividualCheckIn, false, None, Some("148".into()), None);
        assert_eq!(e.err().map(|e| e.code()), Some("invalid_input"));
    }

    #[test]
    fn a_keyed_snapshot_restores_under_its_key_and_version_1_only_as_an_upgrade() {
        let case = Case::admit(AT.into(), "c-1".into(), Routine::ProfessionalCheckIn, false, None, None, None).unwrap();
        let key = || Some(b"nyckel".to_vec());
        let signed = case.snapshot(key()).unwrap();
        assert_ne!(signed, case.snapshot(None).unwrap());
        let restored = Case::restore(signed.clone(), key(), false).unwrap();
        assert_eq!(restored.snapshot(key()).unwrap(), signed);
        for other in [Some(b"annan".to_vec()), None] {
            let e = Case::restore(signed.clone(), other, false).err().unwrap();
            assert_eq!(e.code(), "invalid_input");
            assert!(
                matches!(e, crate::UtskrivningError::InvalidInput { ref details, .. }
                if details == r#"{"field":"journal","problem":"tampered"}"#),
                "{e:?}"
            );
        }
        let mut v1: serde_json::Value = serde_json::from_str(&case.snapshot(None).unwrap()).unwrap();
        v1["version"] = 1.into();
        v1.as_object_mut().unwrap().remove("chain");
        let v1 = v1.to_string();
        assert!(Case::restore(v1.clone(), None, false).is_ok());
        let e = Case::restore(v1.clone(), key(), false).err().unwrap();
        assert!(
            matches!(e, crate::UtskrivningError::InvalidInput { ref details, .. }
            if details == r#"{"field":"version","problem":"unsigned"}"#),
            "{e:?}"
        );
        assert_eq!(Case::restore(v1, key(), true).unwrap().snapshot(key()).unwrap(), signed);
    }

    #[test]
    fn a_poisoned_case_answers_internal() {
        let case = Case::new().unwrap();
        let _ = std::panic::catch_unwind(|| {
            let _held = case.inner.lock();
            panic!("poison it");
        });
        assert_eq!(case.snapshot(None).unwrap_err().code(), "internal");
    }
}
