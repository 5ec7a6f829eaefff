// The parts of an error: its spec code, details and messages. The switch is exhaustive, so a
// variant added to (or renamed in) the bindings fails to compile here.

import Utskrivning

struct ErrorParts: Equatable {
    let code: String
    let details: String
    let messageSv: String
    let messageEn: String
}

extension UtskrivningError {
    var parts: ErrorParts {
        switch self {
        case .InvalidInput(let d, let sv, let en): return ErrorParts(code: "invalid_input", details: d, messageSv: sv, messageEn: en)
        case .WrongState(let d, let sv, let en): return ErrorParts(code: "wrong_state", details: d, messageSv: sv, messageEn: en)
        case .NotPermitted(let d, let sv, let en): return ErrorParts(code: "not_permitted", details: d, messageSv: sv, messageEn: en)
        case .ConsentMissing(let d, let sv, let en): return ErrorParts(code: "consent_missing", details: d, messageSv: sv, messageEn: en)
        case .AlreadyEnrolled(let d, let sv, let en): return ErrorParts(code: "already_enrolled", details: d, messageSv: sv, messageEn: en)
        case .MissingInformation(let d, let sv, let en): return ErrorParts(code: "missing_information", details: d, messageSv: sv, messageEn: en)
        case .ColorTrackNotUsed(let d, let sv, let en): return ErrorParts(code: "color_track_not_used", details: d, messageSv: sv, messageEn: en)
        case .AgreementIncomplete(let d, let sv, let en): return ErrorParts(code: "agreement_incomplete", details: d, messageSv: sv, messageEn: en)
        case .PreparationIncomplete(let d, let sv, let en): return ErrorParts(code: "preparation_incomplete", details: d, messageSv: sv, messageEn: en)
        case .WrongPlace(let d, let sv, let en): return ErrorParts(code: "wrong_place", details: d, messageSv: sv, messageEn: en)
        case .NoCareRelationship(let d, let sv, let en): return ErrorParts(code: "no_care_relationship", details: d, messageSv: sv, messageEn: en)
        case .OpenItems(let d, let sv, let en): return ErrorParts(code: "open_items", details: d, messageSv: sv, messageEn: en)
        case .TimeWentBackwards(let d, let sv, let en): return ErrorParts(code: "time_went_backwards", details: d, messageSv: sv, messageEn: en)
        case .CaseFinished(let d, let sv, let en): return ErrorParts(code: "case_finished", details: d, messageSv: sv, messageEn: en)
        case .Internal(let d, let sv, let en): return ErrorParts(code: "internal", details: d, messageSv: sv, messageEn: en)
        }
    }
}
