//! The one result enum (rustls-ffi's `rustls_result`): fixed numbers that never change
//! meaning. 0 is success, 1–14 are the spec's error codes in the spec's order, 100 and up are
//! the C layer's own. Numbers in between are kept free for codes the spec may add.

use std::ffi::CStr;

use utskrivning::ErrorCode;

/// What a call answers. Outputs are written only when it is `UTSKRIVNING_RESULT_OK`.
#[repr(u32)]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum utskrivning_result {
    /// Success; the outputs were written.
    Ok = 0,
    /// A malformed input: unknown type, missing or malformed field, unknown role, not JSON.
    InvalidInput = 1,
    /// The track is in a state that does not allow the event.
    WrongState = 2,
    /// The actor may not perform the event (or a relative asked to view).
    NotPermitted = 3,
    /// The individual's consent is missing.
    ConsentMissing = 4,
    /// The individual is already enrolled in municipal home health care.
    AlreadyEnrolled = 5,
    /// Information is missing: a text field is empty or blank.
    MissingInformation = 6,
    /// Only the red colour track is used.
    ColorTrackNotUsed = 7,
    /// Not all parties have agreed (the colour track needs all three).
    AgreementIncomplete = 8,
    /// Preparation is incomplete.
    PreparationIncomplete = 9,
    /// The SIP meeting must be held at the hospital.
    WrongPlace = 10,
    /// The role has no care relationship with the patient (views).
    NoCareRelationship = 11,
    /// The case has open items and cannot close.
    OpenItems = 12,
    /// The event's time is before the case's last event.
    TimeWentBackwards = 13,
    /// The case is closed or cancelled.
    CaseFinished = 14,
    /// A pointer parameter that must not be NULL was NULL.
    NullParameter = 100,
    /// A string parameter was not UTF-8.
    InvalidUtf8 = 101,
    /// A caller's buffer cannot hold the answer and its terminating NUL.
    BufferTooSmall = 102,
    /// A bug in the library: a panic was caught, or the handle was left unusable by one.
    Internal = 103,
}

impl utskrivning_result {
    /// Every result, in number order.
    pub const ALL: [utskrivning_result; 19] = {
        use utskrivning_result::*;
        [
            Ok,
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
            NullParameter,
            InvalidUtf8,
            BufferTooSmall,
            Internal,
        ]
    };

    /// The result of a spec code. Exhaustive: a code added to the core fails to compile here.
    pub fn from_code(code: ErrorCode) -> Self {
        use utskrivning_result as R;
        match code {
            ErrorCode::InvalidInput => R::InvalidInput,
            ErrorCode::WrongState => R::WrongState,
            ErrorCode::NotPermitted => R::NotPermitted,
            ErrorCode::ConsentMissing => R::ConsentMissing,
            ErrorCode::AlreadyEnrolled => R::AlreadyEnrolled,
            ErrorCode::MissingInformation => R::MissingInformation,
            ErrorCode::ColorTrackNotUsed => R::ColorTrackNotUsed,
            ErrorCode::AgreementIncomplete => R::AgreementIncomplete,
            ErrorCode::PreparationIncomplete => R::PreparationIncomplete,
            ErrorCode::WrongPlace => R::WrongPlace,
            ErrorCode::NoCareRelationship => R::NoCareRelationship,
            ErrorCode::OpenItems => R::OpenItems,
            ErrorCode::TimeWentBackwards => R::TimeWentBackwards,
            ErrorCode::CaseFinished => R::CaseFinished,
        }
    }

    pub fn from_u32(n: u32) -> Option<Self> {
        Self::ALL.iter().copied().find(|r| *r as u32 == n)
    }

    /// The code's name: the spec's word for 1–14, the C layer's own for the rest. Static and
    /// NUL-terminated, so C may keep the pointer.
    pub fn name(self) -> &'static CStr {
        use utskrivning_result as R;
        match self {
            R::Ok => c"ok",
            R::InvalidInput => c"invalid_input",
            R::WrongState => c"wrong_state",
            R::NotPermitted => c"not_permitted",
            R::ConsentMissing => c"consent_missing",
            R::AlreadyEnrolled => c"already_enrolled",
            R::MissingInformation => c"missing_information",
            R::ColorTrackNotUsed => c"color_track_not_used",
            R::AgreementIncomplete => c"agreement_incomplete",
            R::PreparationIncomplete => c"preparation_incomplete",
            R::WrongPlace => c"wrong_place",
            R::NoCareRelationship => c"no_care_relationship",
            R::OpenItems => c"open_items",
            R::TimeWentBackwards => c"time_went_backwards",
            R::CaseFinished => c"case_finished",
            R::NullParameter => c"null_parameter",
            R::InvalidUtf8 => c"invalid_utf8",
            R::BufferTooSmall => c"buffer_too_small",
            R::Internal => c"internal",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_numbers_are_fixed() {
        let numbers: Vec<(u32, &str)> =
            utskrivning_result::ALL.iter().map(|r| (*r as u32, r.name().to_str().unwrap())).collect();
        let want: Vec<(u32, &str)> = vec![
            (0, "ok"),
            (1, "invalid_input"),
            (2, "wrong_state"),
            (3, "not_permitted"),
            (4, "consent_missing"),
            (5, "already_enrolled"),
            (6, "missing_information"),
            (7, "color_track_not_used"),
            (8, "agreement_incomplete"),
            (9, "preparation_incomplete"),
            (10, "wrong_place"),
            (11, "no_care_relationship"),
            (12, "open_items"),
            (13, "time_went_backwards"),
            (14, "case_finished"),
            (100, "null_parameter"),
            (101, "invalid_utf8"),
            (102, "buffer_too_small"),
            (103, "internal"),
        ];
        assert_eq!(numbers, want);
    }

    #[test]
    fn every_spec_code_has_its_number_and_its_name() {
        assert_eq!(ErrorCode::ALL.len(), 14);
        for (i, code) in ErrorCode::ALL.iter().enumerate() {
            let r = utskrivning_result::from_code(*code);
            assert_eq!(r as usize, i + 1, "{code}");
            assert_eq!(r.name().to_str().unwrap(), code.as_str());
        }
    }

    #[test]
    fn unknown_numbers_are_none() {
        assert_eq!(utskrivning_result::from_u32(15), None);
        assert_eq!(utskrivning_result::from_u32(99), None);
        assert_eq!(utskrivning_result::from_u32(104), None);
        assert_eq!(utskrivning_result::from_u32(13), Some(utskrivning_result::TimeWentBackwards));
    }
}
