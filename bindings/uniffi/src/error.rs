//! The one error type of the bindings: a variant per spec code (plus `Internal`), each with the
//! details as JSON and the messages in Swedish and English. Details name fields, states and
//! roles, never text a person wrote (the core guarantees it; nothing is added here).

use std::panic::{AssertUnwindSafe, catch_unwind};

use utskrivning::embed::{self, Internal};
use utskrivning::{Error, ErrorCode, Lang};

macro_rules! errors {
    ($( $(#[$doc:meta])* $variant:ident ),+ $(,)?) => {
        /// Why an operation was refused. Kotlin sees `UtskrivningException.<Variant>`, Swift
        /// `UtskrivningError.<Variant>`.
        #[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
        pub enum UtskrivningError {
            $(
                $(#[$doc])*
                #[error("{message_en}")]
                $variant { details: String, message_sv: String, message_en: String },
            )+
            /// A bug in the library (a panic was caught) or an object left unusable by one:
            /// details `{"reason": "panic" | "poisoned" | "output"}` (`embed::Internal`).
            #[error("{message_en}")]
            Internal { details: String, message_sv: String, message_en: String },
        }

        impl From<Error> for UtskrivningError {
            fn from(e: Error) -> Self {
                let details = e.details.to_string();
                let message_sv = e.message(Lang::Sv);
                let message_en = e.message(Lang::En);
                // Exhaustive: a code added to the core fails to compile here until it is added.
                match e.code {
                    $( ErrorCode::$variant => Self::$variant { details, message_sv, message_en }, )+
                }
            }
        }

        impl UtskrivningError {
            /// The spec's code (`internal` for `Internal`).
            pub fn code(&self) -> &'static str {
                match self {
                    $( Self::$variant { .. } => ErrorCode::$variant.as_str(), )+
                    Self::Internal { .. } => embed::INTERNAL,
                }
            }
        }
    };
}

errors! {
    InvalidInput,
    WrongState,
    NotPermitted,
    ConsentMissing,
    AlreadyEnrolled,
    MissingInformation,
    ColorTrackNotUsed,
    AgreementIncomplete,
    PreparationIncomplete,
    WrongPlace,
    NoCareRelationship,
    OpenItems,
    TimeWentBackwards,
    CaseFinished,
}

impl From<Internal> for UtskrivningError {
    fn from(reason: Internal) -> Self {
        UtskrivningError::Internal {
            details: serde_json::json!({ "reason": reason.as_str() }).to_string(),
            message_sv: reason.message(Lang::Sv),
            message_en: reason.message(Lang::En),
        }
    }
}

pub type Result<T, E = UtskrivningError> = std::result::Result<T, E>;

/// Runs `f`, turning a panic into `Internal`: a panic must never unwind into foreign code. A
/// case whose lock was held during the panic stays poisoned, so it answers `Internal` from then
/// on rather than risk a half-applied event.
pub(crate) fn guard<T>(f: impl FnOnce() -> Result<T>) -> Result<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| Err(Internal::Panic.into()))
}

/// For the bindings' own tests: unwinds inside the boundary, as a bug would, so a test sees the
/// `Internal` error (`reason` `panic`) the caller would get. No input reaches it; an app has no
/// use for it.
#[uniffi::export]
pub fn trigger_internal_error() -> Result<()> {
    guard(|| std::panic::resume_unwind(Box::new("trigger_internal_error")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_core_code_maps_to_the_variant_of_the_same_name() {
        for code in ErrorCode::ALL {
            let e = UtskrivningError::from(Error::code_only(*code));
            assert_eq!(e.code(), code.as_str());
        }
    }

    #[test]
    fn details_and_messages_are_carried() {
        let e = UtskrivningError::from(Error::invalid("at", utskrivning::Problem::NotATimestamp));
        let UtskrivningError::InvalidInput { details, message_sv, message_en } = e else {
            panic!("expected InvalidInput, got {e:?}");
        };
        assert_eq!(details, r#"{"field":"at","problem":"not_a_timestamp"}"#);
        assert!(message_sv.contains("field=at"), "{message_sv}");
        assert!(message_en.contains("problem=not_a_timestamp"), "{message_en}");
    }

    #[test]
    fn internal_is_the_embed_error() {
        for reason in [Internal::Panic, Internal::Poisoned, Internal::Output] {
            let UtskrivningError::Internal { details, message_sv, message_en } = reason.into() else {
                panic!("not Internal");
            };
            let want = reason.to_json();
            assert_eq!(serde_json::from_str::<serde_json::Value>(&details).ok().as_ref(), want.get("details"));
            assert_eq!(Some(message_sv.as_str()), want["message_sv"].as_str());
            assert_eq!(Some(message_en.as_str()), want["message_en"].as_str());
        }
    }

    #[test]
    fn a_panic_becomes_internal() {
        let r: Result<()> = guard(|| panic!("boom"));
        let Err(e) = r else { panic!("a panic was not caught") };
        assert_eq!(e.code(), "internal");
        assert!(matches!(e, UtskrivningError::Internal { ref details, .. } if details == r#"{"reason":"panic"}"#));
    }
}
