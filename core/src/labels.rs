//! Swedish and English display labels for every role, routine, state, event, item and error
//! (docs/glossary.md is generated from these by `cargo run -p utskrivning-tools --bin
//! glossary`).

use crate::model::{
    AgendaItem, CareType, DeadlineKind, DeadlineStatus, Error, ErrorCode, EventType, Lang, Message, Purpose, Role,
    Routine,
};
use crate::model::{
    CareRequestState, CheckInState, ColorTrackState, ConsentValue, PhaseState, SipState, SolApplicationState,
};
use crate::planner::Weekday;
use crate::vocab::Word;
use crate::worklist::WorkKind;

/// A word of the spec with its Swedish and English labels.
pub trait Label: Word {
    /// `(swedish, english)`.
    fn labels(self) -> (&'static str, &'static str);

    fn label(self, lang: Lang) -> &'static str {
        let (sv, en) = self.labels();
        match lang {
            Lang::Sv => sv,
            Lang::En => en,
        }
    }
}

macro_rules! labels {
    ($ty:ty { $($variant:ident => ($sv:literal, $en:literal)),+ $(,)? }) => {
        impl Label for $ty {
            fn labels(self) -> (&'static str, &'static str) {
                match self { $(<$ty>::$variant => ($sv, $en)),+ }
            }
        }
    };
}

labels!(Role {
    Inpatient => ("slutenvården", "inpatient care"),
    CareContact => ("fast vårdkontakt i öppenvården", "care contact in outpatient care"),
    SocialServices => ("socialtjänsten", "social services"),
    MunicipalCare => ("kommunal hälso- och sjukvård", "municipal health care"),
    Rehab => ("vårdval rehab", "rehabilitation provider"),
    Patient => ("den enskilde", "the individual"),
    Relative => ("närstående", "relative"),
});

labels!(Routine {
    ProfessionalCheckIn => ("avstämningsträff mellan professionerna", "check-in between professionals"),
    IndividualCheckIn => ("avstämningsmöte med den enskilde", "check-in with the individual"),
});

labels!(Lang {
    Sv => ("svenska", "Swedish"),
    En => ("engelska", "English"),
});

labels!(PhaseState {
    NotAdmitted => ("ej inskriven", "not admitted"),
    Admitted => ("inskriven", "admitted"),
    Planning => ("planering", "planning"),
    Discharged => ("utskriven", "discharged"),
    Closed => ("avslutad", "closed"),
    Cancelled => ("makulerad", "cancelled"),
});

labels!(CheckInState {
    NotBooked => ("ej bokad", "not booked"),
    Booked => ("bokad", "booked"),
    InProgress => ("pågår", "in progress"),
    Held => ("genomförd", "held"),
});

labels!(CareRequestState {
    None => ("ingen vårdbegäran", "no care request"),
    Sent => ("skickad", "sent"),
    Acknowledged => ("kvitterad", "acknowledged"),
    CompletionRequested => ("komplettering begärd", "completion requested"),
    Accepted => ("accepterad", "accepted"),
    Rejected => ("avslagen", "rejected"),
    Closed => ("avslutad", "closed"),
    Withdrawn => ("återkallad", "withdrawn"),
});

labels!(ConsentValue {
    Unknown => ("ej känt", "unknown"),
    Given => ("lämnat", "given"),
    Declined => ("avböjt", "declined"),
    Withdrawn => ("återkallat", "withdrawn"),
});

labels!(ColorTrackState {
    Undecided => ("ej beslutat", "undecided"),
    Red => ("rött färgspår", "red track"),
    NotRed => ("inget färgspår", "no colour track"),
});

labels!(SipState {
    NotNeeded => ("behövs inte", "not needed"),
    AwaitingConsent => ("inväntar samtycke", "awaiting consent"),
    ToSchedule => ("ska kallas", "to schedule"),
    Scheduled => ("kallad", "scheduled"),
    Held => ("genomförd", "held"),
    Declined => ("avböjd", "declined"),
});

labels!(SolApplicationState {
    None => ("ingen ansökan", "no application"),
    Applied => ("ansökan gjord", "applied"),
    AlreadyExists => ("ansökan finns redan", "already exists"),
    Declined => ("avböjd", "declined"),
});

labels!(WorkKind {
    AcknowledgeMessage => ("kvittera meddelande", "acknowledge message"),
    Deadline => ("tidsfrist", "deadline"),
    AnswerQuestion => ("besvara fråga", "answer question"),
    AcknowledgeCareRequest => ("kvittera vårdbegäran", "acknowledge care request"),
    DecideCareRequest => ("besluta om vårdbegäran", "decide on the care request"),
    CompleteCareRequest => ("komplettera vårdbegäran", "complete the care request"),
    CloseCareRequest => ("avsluta vårdbegäran", "close the care request"),
    ScheduleSip => ("kalla till SIP", "schedule the SIP"),
    HoldSip => ("genomför SIP", "hold the SIP"),
    ReadyForDischarge => ("utskrivningsklar", "ready for discharge"),
});

labels!(CareType {
    Somatic => ("somatisk vård", "somatic care"),
    Psychiatric => ("psykiatrisk vård", "psychiatric care"),
});

labels!(Purpose {
    CareRequest => ("samtycke till vårdbegäran", "consent to the care request"),
    Sip => ("samtycke till SIP", "consent to SIP"),
});

labels!(AgendaItem {
    Opening => ("inledning", "opening"),
    SolApplication => ("ansökan om insatser enligt SoL", "application for interventions under SoL"),
    SipConsent => ("samtycke till SIP", "consent to SIP"),
    OtherQuestions => ("övriga frågor", "other questions"),
    Closing => ("avslutning", "closing"),
});

// Events carry their labels in the table of events (model::event).
impl Label for EventType {
    fn labels(self) -> (&'static str, &'static str) {
        EventType::labels(self)
    }
}

labels!(ErrorCode {
    InvalidInput => ("Ogiltig indata", "Invalid input"),
    WrongState => ("Händelsen är inte tillåten i ärendets nuvarande läge", "The event is not allowed in the case's current state"),
    NotPermitted => ("Rollen får inte utföra detta", "The role may not do this"),
    ConsentMissing => ("Den enskildes samtycke saknas", "The individual's consent is missing"),
    AlreadyEnrolled => ("Den enskilde är redan inskriven i kommunal hemsjukvård", "The individual is already enrolled in municipal home health care"),
    MissingInformation => ("Uppgifter saknas", "Information is missing"),
    ColorTrackNotUsed => ("Endast rött färgspår används", "Only the red colour track is used"),
    AgreementIncomplete => ("Alla parter har inte enats", "Not all parties have agreed"),
    PreparationIncomplete => ("Förberedelserna är inte klara", "Preparation is incomplete"),
    WrongPlace => ("SIP-mötet ska hållas på sjukhuset", "The SIP meeting must be held at the hospital"),
    NoCareRelationship => ("Vårdrelation saknas", "There is no care relationship"),
    OpenItems => ("Ärendet har öppna punkter", "The case has open items"),
    TimeWentBackwards => ("Tiden går bakåt", "Time went backwards"),
    CaseFinished => ("Ärendet är avslutat", "The case is finished"),
});

labels!(DeadlineKind {
    AdmissionNotice => ("inskrivningsmeddelande", "admission notice"),
    SipInvitation => ("kallelse till SIP", "SIP invitation"),
    PaymentResponsibility => ("kommunens betalningsansvar", "municipal payment responsibility"),
    RehabParty => ("vårdval rehab tillagt före avstämning", "rehab party added before check-in"),
});

labels!(DeadlineStatus {
    Pending => ("väntar", "pending"),
    Met => ("uppfylld", "met"),
    Overdue => ("försenad", "overdue"),
});

labels!(Message {
    AdmissionNotice => ("inskrivningsmeddelande", "admission notice"),
    EstimatedDischargeChanged => ("ändrat planerat utskrivningsdatum", "estimated discharge date changed"),
    AdministrativeMessage => ("administrativt meddelande", "administrative message"),
    CareContactAssigned => ("fast vårdkontakt utsedd", "care contact assigned"),
    RehabPartyAdded => ("vårdval rehab tillagd", "rehab party added"),
    ReadyForDischarge => ("meddelande om utskrivningsklar", "ready-for-discharge notice"),
    NoLongerReadyForDischarge => ("inte längre utskrivningsklar", "no longer ready for discharge"),
    Discharged => ("utskrivningsmeddelande", "discharge message"),
    CaseClosed => ("ärendet avslutat", "case closed"),
    CaseCancelled => ("ärendet makulerat", "case cancelled"),
    CheckInBooked => ("möteslänk till avstämning", "check-in meeting link"),
    CheckInCancelled => ("avstämning avbokad", "check-in cancelled"),
    CareRequest => ("vårdbegäran", "care request"),
    CareRequestAcknowledged => ("vårdbegäran kvitterad", "care request acknowledged"),
    CompletionRequested => ("administrativt meddelande: komplettering", "administrative message: completion requested"),
    CareRequestCompleted => ("vårdbegäran kompletterad", "care request completed"),
    CareRequestAccepted => ("vårdbegäran accepterad", "care request accepted"),
    CareRequestRejected => ("meddelande till vård och omsorg: avslag med motivering", "message to care and social services: rejection with reason"),
    CareRequestClosed => ("vårdbegäran avslutad", "care request closed"),
    CareRequestWithdrawn => ("vårdbegäran återkallad", "care request withdrawn"),
    ConsentRecorded => ("samtycke dokumenterat", "consent recorded"),
    ColorTrackDecided => ("administrativt meddelande: färgspår", "administrative message: colour track"),
    SipInvitation => ("kallelse till SIP", "SIP invitation"),
    SolApplicationRecorded => ("ansökan enligt SoL registrerad", "SoL application recorded"),
    QuestionRaised => ("fråga att besvara", "question to answer"),
    QuestionAnswered => ("fråga besvarad", "question answered"),
});

labels!(Weekday {
    Monday => ("måndag", "Monday"),
    Tuesday => ("tisdag", "Tuesday"),
    Wednesday => ("onsdag", "Wednesday"),
    Thursday => ("torsdag", "Thursday"),
    Friday => ("fredag", "Friday"),
    Saturday => ("lördag", "Saturday"),
    Sunday => ("söndag", "Sunday"),
});

/// The message of an error code in a language.
pub fn error_message(code: ErrorCode, lang: Lang) -> &'static str {
    code.label(lang)
}

impl Error {
    /// The human message in the given language: the code's label, then what the details name.
    pub fn message(&self, lang: Lang) -> String {
        let mut msg = error_message(self.code, lang).to_string();
        msg.push_str(&self.details_summary());
        msg
    }

    /// `{"code": .., "message_sv": .., "message_en": .., "details": ..}`, the form every
    /// binding passes on.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code,
            "message_sv": self.message(Lang::Sv),
            "message_en": self.message(Lang::En),
            "details": self.details,
        })
    }
}

/// The label of a word given by its kind and wire name (`("role", "patient")`), for bindings
/// that pass names as strings. `None` for an unknown kind or word.
pub fn lookup(kind: &str, word: &str, lang: Lang) -> Option<&'static str> {
    fn find<W: Label>(word: &str, lang: Lang) -> Option<&'static str> {
        W::parse_word(word).map(|w| w.label(lang))
    }
    match kind {
        "role" => find::<Role>(word, lang),
        "routine" => find::<Routine>(word, lang),
        "event" => find::<EventType>(word, lang),
        "error" => find::<ErrorCode>(word, lang),
        "phase" => find::<PhaseState>(word, lang),
        "check_in" => find::<CheckInState>(word, lang),
        "care_request" => find::<CareRequestState>(word, lang),
        "consent" => find::<ConsentValue>(word, lang),
        "color_track" => find::<ColorTrackState>(word, lang),
        "sip" => find::<SipState>(word, lang),
        "sol_application" => find::<SolApplicationState>(word, lang),
        "purpose" => find::<Purpose>(word, lang),
        "care_type" => find::<CareType>(word, lang),
        "work" => find::<WorkKind>(word, lang),
        "item" => find::<AgendaItem>(word, lang),
        "deadline" => find::<DeadlineKind>(word, lang),
        "deadline_status" => find::<DeadlineStatus>(word, lang),
        "message" => find::<Message>(word, lang),
        "weekday" => find::<Weekday>(word, lang),
        _ => None,
    }
}

/// One word: its wire name, Swedish label and English label.
pub type LabelRow = (&'static str, &'static str, &'static str);

/// Every kind `lookup` knows, with each word's wire name and labels: the glossary's source.
pub fn all() -> Vec<(&'static str, Vec<LabelRow>)> {
    fn rows<W: Label>() -> Vec<LabelRow> {
        W::WORDS.iter().map(|w| (w.as_word(), w.labels().0, w.labels().1)).collect()
    }
    vec![
        ("role", rows::<Role>()),
        ("routine", rows::<Routine>()),
        ("phase", rows::<PhaseState>()),
        ("check_in", rows::<CheckInState>()),
        ("care_request", rows::<CareRequestState>()),
        ("consent", rows::<ConsentValue>()),
        ("color_track", rows::<ColorTrackState>()),
        ("sip", rows::<SipState>()),
        ("sol_application", rows::<SolApplicationState>()),
        ("purpose", rows::<Purpose>()),
        ("care_type", rows::<CareType>()),
        ("work", rows::<WorkKind>()),
        ("item", rows::<AgendaItem>()),
        ("event", rows::<EventType>()),
        ("error", rows::<ErrorCode>()),
        ("deadline", rows::<DeadlineKind>()),
        ("deadline_status", rows::<DeadlineStatus>()),
        ("message", rows::<Message>()),
        ("weekday", rows::<Weekday>()),
    ]
}
