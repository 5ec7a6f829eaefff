//! Display labels, Swedish and English, for every word of the spec's vocabulary.

use utskrivning::embed;

use crate::error::{Result, guard};
use crate::vocab::Lang;

/// The label of a word given by its kind and spec name (`label("role", "patient", Lang.SV)`).
/// An unknown kind or word is `InvalidInput` naming `kind` or `word` (the one rule of every
/// binding). Kinds: role, routine, event, error, phase, check_in, care_request, consent,
/// color_track, sip, sol_application, purpose, item, deadline, deadline_status, message, weekday.
#[uniffi::export]
pub fn label(kind: String, word: String, lang: Lang) -> Result<String> {
    guard(|| Ok(embed::label(&kind, &word, lang.into())?.to_string()))
}

/// Every kind with every word's labels: `{"role": [{"word", "sv", "en"}, ...], ...}`.
#[uniffi::export]
pub fn all_labels() -> Result<String> {
    guard(|| Ok(embed::labels_json().to_string()))
}
