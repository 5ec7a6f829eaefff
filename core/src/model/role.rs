//! Roles, routines and the display language: the spec's vocabulary of who and how.

use crate::vocab::vocabulary;

vocabulary! {
    /// Who performs an event or asks to view the case (spec: Roles).
    pub enum Role {
        /// slutenvården: the hospital ward, its nurse and its representative.
        Inpatient = "inpatient",
        /// fast vårdkontakt i öppenvården: leads the discharge work.
        CareContact = "care_contact",
        /// socialtjänsten: the municipality's case officer (SoL).
        SocialServices = "social_services",
        /// kommunal hälso- och sjukvård: municipal (home) health care.
        MunicipalCare = "municipal_care",
        /// vårdval rehab: the rehabilitation provider.
        Rehab = "rehab",
        /// den enskilde: the only one who gives or declines consent.
        Patient = "patient",
        /// närstående: may raise questions; decides nothing.
        Relative = "relative",
    }
}

vocabulary! {
    /// The regional routine a case is admitted under (spec: Routines).
    pub enum Routine {
        /// Seed 000: professionals meet by video at fixed times.
        ProfessionalCheckIn = "professional_check_in",
        /// Seed 003: the individual, care contact and case officer meet on a fixed agenda.
        IndividualCheckIn = "individual_check_in",
    }
}

vocabulary! {
    /// Display language of labels and error messages.
    pub enum Lang {
        Sv = "sv",
        En = "en",
    }
}

#[allow(clippy::derivable_impls)] // the enum is declared by `vocabulary!`, which derives no Default
impl Default for Lang {
    fn default() -> Self {
        Lang::Sv
    }
}
