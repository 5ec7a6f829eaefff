//! The spec's roles and routines as foreign enums, the display language, and a region's
//! agreement as a record. Each converts to and from the core's type by an exhaustive match, so
//! a word added to the core fails to compile here until it is added.

use utskrivning as engine;

use crate::error::{Result, guard};

macro_rules! mirror {
    ($(#[$doc:meta])* $name:ident { $( $(#[$vdoc:meta])* $variant:ident ),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, uniffi::Enum)]
        pub enum $name {
            $( $(#[$vdoc])* $variant ),+
        }

        impl From<$name> for engine::$name {
            fn from(v: $name) -> Self {
                match v { $( $name::$variant => engine::$name::$variant ),+ }
            }
        }

        impl From<engine::$name> for $name {
            fn from(v: engine::$name) -> Self {
                match v { $( engine::$name::$variant => $name::$variant ),+ }
            }
        }
    };
}

mirror!(
    /// Who performs an event or asks to view the case (spec: Roles).
    Role {
        /// slutenvården
        Inpatient,
        /// fast vårdkontakt i öppenvården
        CareContact,
        /// socialtjänsten
        SocialServices,
        /// kommunal hälso- och sjukvård
        MunicipalCare,
        /// vårdval rehab
        Rehab,
        /// den enskilde
        Patient,
        /// närstående
        Relative,
    }
);

mirror!(
    /// The regional routine a case is admitted under (spec: Routines).
    Routine {
        /// Seed 000: professionals meet by video at fixed times.
        ProfessionalCheckIn,
        /// Seed 003: the individual, care contact and case officer meet on a fixed agenda.
        IndividualCheckIn,
    }
);

mirror!(
    /// Display language of labels and messages.
    Lang { Sv, En }
);

mirror!(
    /// The messages of the process the embedding system sends (spec: Effects).
    Message {
        AdmissionNotice,
        CareContactAssigned,
        RehabPartyAdded,
        ReadyForDischarge,
        NoLongerReadyForDischarge,
        Discharged,
        CaseClosed,
        CaseCancelled,
        CheckInBooked,
        CheckInCancelled,
        CareRequest,
        CareRequestAcknowledged,
        CompletionRequested,
        CareRequestCompleted,
        CareRequestAccepted,
        CareRequestRejected,
        CareRequestClosed,
        CareRequestWithdrawn,
        ConsentRecorded,
        ColorTrackDecided,
        SipInvitation,
        SolApplicationRecorded,
        QuestionRaised,
        QuestionAnswered,
        EstimatedDischargeChanged,
        AdministrativeMessage,
    }
);

mirror!(
    /// A responsibility that moves between roles.
    Responsibility {
        /// samordningsansvar
        Coordination,
    }
);

mirror!(
    /// An item of the check-in's agenda.
    AgendaItem { Opening, SolApplication, SipConsent, OtherQuestions, Closing }
);

mirror!(
    /// The obligations `deadlines` lists.
    DeadlineKind { AdmissionNotice, SipInvitation, PaymentResponsibility, RehabParty }
);

mirror!(
    /// How an obligation stands at the asked time.
    DeadlineStatus { Pending, Met, Overdue }
);

mirror!(
    /// Whether a view was allowed.
    AccessOutcome { Allowed, Refused }
);

mirror!(
    /// What an access-log entry records: a view (`read`) or a case read for a worklist.
    AccessAction { Read, Worklist }
);

mirror!(
    /// The kind of inpatient care (`admit`'s `care_type`; somatic when not given).
    CareType { Somatic, Psychiatric }
);

mirror!(
    /// What a worklist item asks, in the spec's order of rows (spec: Worklists).
    WorkKind {
        AcknowledgeMessage,
        Deadline,
        AnswerQuestion,
        AcknowledgeCareRequest,
        DecideCareRequest,
        CompleteCareRequest,
        CloseCareRequest,
        ScheduleSip,
        HoldSip,
        ReadyForDischarge,
    }
);

mirror!(
    /// The spec's error codes (a refused view's entry in the access log names one).
    ErrorCode {
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
);

/// The spec's name of a role (`care_contact`).
#[uniffi::export]
pub fn role_as_str(role: Role) -> String {
    engine::Role::from(role).as_str().to_string()
}

/// The role a spec name denotes; `InvalidInput` (field `role`) for any other text.
#[uniffi::export]
pub fn role_from_str(name: String) -> Result<Role> {
    guard(|| Ok(engine::embed::role(&name)?.into()))
}

/// The spec's name of a routine (`individual_check_in`).
#[uniffi::export]
pub fn routine_as_str(routine: Routine) -> String {
    engine::Routine::from(routine).as_str().to_string()
}

/// The routine a spec name denotes; `InvalidInput` (field `routine`) for any other text.
#[uniffi::export]
pub fn routine_from_str(name: String) -> Result<Routine> {
    guard(|| Ok(engine::embed::routine(&name)?.into()))
}

/// A region's agreement on deadlines, set at admission (spec: Deadlines). The defaults are the
/// law's; `default_agreement()` gives the core's own, and the tests check they agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Record)]
pub struct Agreement {
    /// The admission notice is due this many hours after admission.
    #[uniffi(default = 24)]
    pub admission_notice_hours: u32,
    /// The SIP invitation is due this many days after the ready-for-discharge notice.
    #[uniffi(default = 3)]
    pub sip_invitation_days: u32,
    /// Payment responsibility begins this many calendar days after the notice day.
    #[uniffi(default = 3)]
    pub payment_days: u32,
    /// Whether the notice day counts as the first of `payment_days`.
    #[uniffi(default = false)]
    pub payment_counts_notice_day: bool,
    /// A notice at or after this Stockholm hour counts as sent the next day.
    #[uniffi(default = None)]
    pub payment_cutoff_hour: Option<u32>,
    /// The daily amount in kronor.
    #[uniffi(default = None)]
    pub daily_amount_sek: Option<u32>,
    /// A message unacknowledged this many hours after it was sent is overdue in its
    /// recipient's worklist (1–720; none by default).
    #[uniffi(default = None)]
    pub acknowledgement_hours: Option<u32>,
}

impl From<engine::Agreement> for Agreement {
    fn from(a: engine::Agreement) -> Self {
        let engine::Agreement {
            admission_notice_hours,
            sip_invitation_days,
            payment_days,
            payment_counts_notice_day,
            payment_cutoff_hour,
            daily_amount_sek,
            acknowledgement_hours,
        } = a;
        Agreement {
            admission_notice_hours,
            sip_invitation_days,
            payment_days,
            payment_counts_notice_day,
            payment_cutoff_hour,
            daily_amount_sek,
            acknowledgement_hours,
        }
    }
}

impl Agreement {
    /// The `agreement` object of an `admit` event, so it is checked as the JSON path checks it.
    pub(crate) fn to_json(self) -> serde_json::Value {
        // Destructured, so a field added to the record fails to compile until it is written.
        let Agreement {
            admission_notice_hours,
            sip_invitation_days,
            payment_days,
            payment_counts_notice_day,
            payment_cutoff_hour,
            daily_amount_sek,
            acknowledgement_hours,
        } = self;
        let mut map = serde_json::Map::new();
        map.insert("admission_notice_hours".into(), admission_notice_hours.into());
        map.insert("sip_invitation_days".into(), sip_invitation_days.into());
        map.insert("payment_days".into(), payment_days.into());
        map.insert("payment_counts_notice_day".into(), payment_counts_notice_day.into());
        let optional = [
            ("payment_cutoff_hour", payment_cutoff_hour),
            ("daily_amount_sek", daily_amount_sek),
            ("acknowledgement_hours", acknowledgement_hours),
        ];
        for (key, value) in optional {
            if let Some(n) = value {
                map.insert(key.into(), n.into());
            }
        }
        serde_json::Value::Object(map)
    }
}

/// The law's defaults, from the core.
#[uniffi::export]
pub fn default_agreement() -> Agreement {
    engine::Agreement::default().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_through_the_core() {
        for role in engine::Role::ALL {
            let mine = Role::from(*role);
            assert_eq!(role_as_str(mine), role.as_str());
            assert_eq!(role_from_str(role.as_str().into()), Ok(mine));
        }
        for routine in engine::Routine::ALL {
            let mine = Routine::from(*routine);
            assert_eq!(routine_as_str(mine), routine.as_str());
            assert_eq!(routine_from_str(routine.as_str().into()), Ok(mine));
        }
    }

    #[test]
    fn unknown_names_are_invalid_input_without_the_text() {
        let e = role_from_str("Anna Svensson".into()).unwrap_err();
        assert_eq!(e.code(), "invalid_input");
        assert!(!format!("{e:?}").contains("Anna"));
        assert_eq!(routine_from_str("weekly".into()).unwrap_err().code(), "invalid_input");
    }
}
