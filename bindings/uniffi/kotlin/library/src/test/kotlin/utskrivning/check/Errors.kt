// The parts of an error: its spec code, details and messages. The `when` is exhaustive over the
// sealed class, so a variant added to (or renamed in) the bindings fails to compile here.
package utskrivning.check

import com.google.gson.JsonObject
import utskrivning.UtskrivningException as E

data class ErrorParts(val code: String, val details: String, val messageSv: String, val messageEn: String)

fun E.parts(): ErrorParts = when (this) {
    is E.InvalidInput -> ErrorParts("invalid_input", details, messageSv, messageEn)
    is E.WrongState -> ErrorParts("wrong_state", details, messageSv, messageEn)
    is E.NotPermitted -> ErrorParts("not_permitted", details, messageSv, messageEn)
    is E.ConsentMissing -> ErrorParts("consent_missing", details, messageSv, messageEn)
    is E.AlreadyEnrolled -> ErrorParts("already_enrolled", details, messageSv, messageEn)
    is E.MissingInformation -> ErrorParts("missing_information", details, messageSv, messageEn)
    is E.ColorTrackNotUsed -> ErrorParts("color_track_not_used", details, messageSv, messageEn)
    is E.AgreementIncomplete -> ErrorParts("agreement_incomplete", details, messageSv, messageEn)
    is E.PreparationIncomplete -> ErrorParts("preparation_incomplete", details, messageSv, messageEn)
    is E.WrongPlace -> ErrorParts("wrong_place", details, messageSv, messageEn)
    is E.NoCareRelationship -> ErrorParts("no_care_relationship", details, messageSv, messageEn)
    is E.OpenItems -> ErrorParts("open_items", details, messageSv, messageEn)
    is E.TimeWentBackwards -> ErrorParts("time_went_backwards", details, messageSv, messageEn)
    is E.CaseFinished -> ErrorParts("case_finished", details, messageSv, messageEn)
    is E.Internal -> ErrorParts("internal", details, messageSv, messageEn)
}

/** The spec's code of an error. */
val E.code: String get() = parts().code

/** `{code, details, message_en, message_sv}` as a Kotlin user reads them off the exception. */
fun E.toJson(): JsonObject {
    val p = parts()
    val o = JsonObject()
    o.addProperty("code", p.code)
    o.add("details", parseJson(p.details))
    o.addProperty("message_en", p.messageEn)
    o.addProperty("message_sv", p.messageSv)
    return o
}
