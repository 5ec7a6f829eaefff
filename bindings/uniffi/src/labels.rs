//! Display labels, Swedish and English, for every word of the spec's vocabulary, and the
//! fields of each event type: both from `embed`, the same tables every binding reads.

use utskrivning::embed;

use crate::error::{Result, guard};
use crate::types::{EventFields, LabelKind, LabelRow};
use crate::vocab::Lang;

/// The label of a word given by its kind and spec name (`label("role", "patient", Lang.SV)`).
/// An unknown kind or word is `InvalidInput` naming `kind` or `word` (the one rule of every
/// binding). Kinds: role, routine, event, error, phase, check_in, care_request, consent,
/// color_track, sip, sol_application, purpose, item, deadline, deadline_status, message, weekday.
#[uniffi::export]
pub fn label(kind: String, word: String, lang: Lang) -> Result<String> {
    guard(|| Ok(embed::label(&kind, &word, lang.into())?.to_string()))
}

/// Every kind with every word's labels.
#[uniffi::export]
pub fn all_labels() -> Vec<LabelKind> {
    embed::label_rows()
        .into_iter()
        .map(|(kind, rows)| LabelKind {
            kind: kind.to_string(),
            words: rows
                .into_iter()
                .map(|(word, sv, en)| LabelRow { word: word.into(), sv: sv.into(), en: en.into() })
                .collect(),
        })
        .collect()
}

/// Each event type with its own fields (beside `at`, `actor` and `type`), in the spec's order:
/// what an app building event JSON can check its keys against.
#[uniffi::export]
pub fn event_fields() -> Vec<EventFields> {
    // The table `embed::event_fields` writes as JSON, read here in the spec's order.
    utskrivning::EventType::ALL
        .iter()
        .map(|t| EventFields {
            event_type: t.as_str().to_string(),
            fields: t.fields().iter().map(|f| f.to_string()).collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_kind_or_word_is_invalid_input_naming_it() {
        for (kind, word, field) in [("role", "nobody", "word"), ("nokind", "x", "kind")] {
            let e = label(kind.into(), word.into(), Lang::En).unwrap_err();
            let crate::UtskrivningError::InvalidInput { details, .. } = e else { panic!("{e:?}") };
            let details: serde_json::Value = serde_json::from_str(&details).unwrap();
            assert_eq!(details["field"], field);
            assert_eq!(details["problem"], "unknown_value");
            assert!(details["allowed"].is_array());
        }
        assert_eq!(all_labels().iter().find(|k| k.kind == "error").map(|k| k.words.len()), Some(14));
        assert!(event_fields().iter().any(|e| e.event_type == "admit" && e.fields.contains(&"case_id".to_string())));
    }
}
