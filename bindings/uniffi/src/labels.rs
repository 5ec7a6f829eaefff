//! Display labels, Swedish and English, for every word of the spec's vocabulary.

use serde_json::{Map, Value, json};
use utskrivning::labels;

use crate::error::{Result, guard};
use crate::vocab::Lang;

/// The label of a word given by its kind and spec name (`label("role", "patient", Lang.SV)`);
/// `null`/`nil` for an unknown kind or word. Kinds: role, routine, event, error, phase,
/// check_in, care_request, consent, color_track, sip, sol_application, purpose, item,
/// deadline, deadline_status, message.
#[uniffi::export]
pub fn label(kind: String, word: String, lang: Lang) -> Result<Option<String>> {
    guard(|| Ok(labels::lookup(&kind, &word, lang.into()).map(str::to_string)))
}

/// Every kind with every word's labels: `{"role": [{"word", "sv", "en"}, ...], ...}`.
#[uniffi::export]
pub fn all_labels() -> Result<String> {
    guard(|| {
        let kinds: Map<String, Value> = labels::all()
            .into_iter()
            .map(|(kind, rows)| {
                let rows = rows.into_iter().map(|(word, sv, en)| json!({"word": word, "sv": sv, "en": en}));
                (kind.to_string(), Value::Array(rows.collect()))
            })
            .collect();
        Ok(Value::Object(kinds).to_string())
    })
}
