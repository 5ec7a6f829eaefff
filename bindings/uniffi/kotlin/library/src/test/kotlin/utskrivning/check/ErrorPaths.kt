// The bindings' own behaviour beyond the corpus: each error path gives its variant with details
// and both messages (and never a person's text), objects fail safely after close, and one case
// serves several threads.
package utskrivning.check

import com.google.gson.JsonObject
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import utskrivning.AccessOutcome
import utskrivning.Agreement
import utskrivning.Case
import utskrivning.DeadlineKind
import utskrivning.DeadlineStatus
import utskrivning.Effect
import utskrivning.ErrorCode
import utskrivning.EstimatedDischarge
import utskrivning.Lang
import utskrivning.Message
import utskrivning.Role
import utskrivning.Routine
import utskrivning.UtskrivningException
import utskrivning.allLabels
import utskrivning.defaultAgreement
import utskrivning.eventFields
import utskrivning.label
import utskrivning.roleAsStr
import utskrivning.roleFromStr
import utskrivning.triggerInternalError

internal const val T0 = "2026-03-02T08:00:00Z"
internal const val T1 = "2026-03-02T09:00:00Z"
internal const val PATIENT_TEXT = "Anna Andersson 19121212-1212"

internal fun admitted(): Case = Case.admit(T0, "c-1", Routine.PROFESSIONAL_CHECK_IN, false)

internal fun check(condition: Boolean, what: () -> String) {
    if (!condition) throw AssertionError(what())
}

/** Runs `block`, which must throw an error with `code`; returns its parts. */
internal fun expectError(code: String, block: () -> Unit): ErrorParts {
    try {
        block()
    } catch (e: UtskrivningException) {
        val parts = e.parts()
        check(parts.code == code) { "expected $code, got ${parts.code} ${parts.details}" }
        check(parts.messageSv.isNotBlank() && parts.messageEn.isNotBlank()) { "a message is empty: $parts" }
        check(parseJson(parts.details).isJsonObject) { "details are not a JSON object: ${parts.details}" }
        return parts
    }
    throw AssertionError("expected $code, but it succeeded")
}

internal fun detail(parts: ErrorParts, key: String): String? =
    (parseJson(parts.details) as JsonObject).get(key).stringOrNull()

val errorPaths: List<Pair<String, () -> Unit>> = listOf(
    "text that is not JSON is invalid_input naming the event" to {
        admitted().use { case ->
            val e = expectError("invalid_input") { case.apply("{\"at\": ") }
            check(detail(e, "field") == "event" && detail(e, "problem") == "not_json") { e.details }
        }
    },
    "an unknown role name is invalid_input" to {
        expectError("invalid_input") { roleFromStr("nurse") }
        check(roleFromStr("care_contact") == Role.CARE_CONTACT && roleAsStr(Role.CARE_CONTACT) == "care_contact") {
            "role names do not round-trip"
        }
    },
    "a malformed timestamp names its field" to {
        val e = expectError("invalid_input") { Case.admit("yesterday", "c-1", Routine.INDIVIDUAL_CHECK_IN, false) }
        check(detail(e, "field") == "at" && detail(e, "problem") == "not_a_timestamp") { e.details }
        admitted().use { case -> expectError("invalid_input") { case.deadlines("soon") } }
    },
    "a second admit is wrong_state and leaves the case as it was" to {
        admitted().use { case ->
            val before = case.snapshot()
            expectError("wrong_state") {
                case.apply("""{"at":"$T1","actor":"inpatient","type":"admit","case_id":"c-2","routine":"professional_check_in","municipal_care_at_admission":false}""")
            }
            check(case.snapshot() == before) { "the rejected admit changed the case" }
        }
    },
    "an event before the last is time_went_backwards" to {
        admitted().use { case ->
            expectError("time_went_backwards") {
                case.apply("""{"at":"2026-03-01T08:00:00Z","actor":"inpatient","type":"mark_ready_for_discharge"}""")
            }
        }
    },
    "a refused view is no_care_relationship and is logged" to {
        admitted().use { case ->
            expectError("no_care_relationship") { case.view(Role.MUNICIPAL_CARE, T1) }
            expectError("not_permitted") { case.view(Role.RELATIVE, T1) }
            val log = case.accessLog()
            check(log.map { it.outcome } == listOf(AccessOutcome.REFUSED, AccessOutcome.REFUSED)) { "access log: $log" }
            check(log.map { it.code } == listOf(ErrorCode.NO_CARE_RELATIONSHIP, ErrorCode.NOT_PERMITTED)) { "codes: $log" }
        }
    },
    "a snapshot of a newer version or with a tampered state is refused" to {
        admitted().use { case ->
            val snapshot = parseJson(case.snapshot()).asJsonObject
            val newer = snapshot.deepCopy().also { it.addProperty("version", 99) }
            val e = expectError("invalid_input") { Case.restore(newer.toString()) }
            check(detail(e, "problem") == "unsupported_version") { e.details }
            val tampered = snapshot.deepCopy().also { it.getAsJsonObject("state").addProperty("phase", "discharged") }
            val t = expectError("invalid_input") { Case.restore(tampered.toString()) }
            check(detail(t, "field") == "state" && detail(t, "problem") == "mismatch") { t.details }
            expectError("invalid_input") { Case.replay("{}") }
        }
    },
    "an error never carries the text a person wrote" to {
        admitted().use { case ->
            val events = listOf(
                "not_permitted" to """{"at":"$T1","actor":"relative","type":"cancel","reason":"$PATIENT_TEXT"}""",
                "invalid_input" to """{"at":"$T1","actor":"inpatient","type":"cancel","reason":"x","note":"$PATIENT_TEXT"}""",
                "invalid_input" to """{"at":"$T1","actor":"$PATIENT_TEXT","type":"discharge"}""",
            )
            for ((code, event) in events) {
                val e = expectError(code) { case.apply(event) }
                check(listOf(e.details, e.messageSv, e.messageEn).none { "Anna" in it || "1212" in it }) { "leaked: $e" }
            }
        }
    },
    "an agreement out of range is refused; the record's defaults are the law's" to {
        check(Agreement() == defaultAgreement()) { "Agreement() ${Agreement()} != ${defaultAgreement()}" }
        val e = expectError("invalid_input") {
            Case.admit(T0, "c-1", Routine.PROFESSIONAL_CHECK_IN, false, Agreement(paymentCutoffHour = 99u))
        }
        check(detail(e, "field") == "agreement.payment_cutoff_hour") { e.details }
    },
    "a panic inside the library is Internal with reason panic, not a crash" to {
        val e = expectError("internal") { triggerInternalError() }
        check(detail(e, "reason") == "panic") { e.details }
        check(e.messageEn == "Internal error in the library (reason=panic)") { e.messageEn }
    },
    "a closed case throws, it does not crash" to {
        val case = admitted()
        case.close()
        val failed = try {
            case.state()
            false
        } catch (e: IllegalStateException) {
            true
        }
        check(failed) { "a closed case answered" }
    },
    "restore and replay give the same case" to {
        admitted().use { case ->
            val accepted = case.apply("""{"at":"$T1","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}""")
            val notify = Effect.Notify("m1", Message.ADMISSION_NOTICE, listOf(Role.CARE_CONTACT, Role.SOCIAL_SERVICES), null, EstimatedDischarge(null))
            check(notify in accepted.effects) { "effects: ${accepted.effects}" }
            case.view(Role.PATIENT, T1)
            Case.restore(case.snapshot()).use { check(it.snapshot() == case.snapshot()) { "restore differs" } }
            Case.replay(case.journal()).use { check(it.state() == case.state()) { "replay differs" } }
            val notice = case.deadlines(T1).first()
            check(notice.kind == DeadlineKind.ADMISSION_NOTICE && notice.status == DeadlineStatus.MET && notice.metAt == T1) { "$notice" }
        }
    },
    "labels come in Swedish and English" to {
        val sv = label("role", "patient", Lang.SV)
        val en = label("role", "patient", Lang.EN)
        check(sv != en) { "labels: $sv / $en" }
        check(detail(expectError("invalid_input") { label("role", "nurse", Lang.EN) }, "field") == "word") { "unknown word" }
        check(detail(expectError("invalid_input") { label("colour", "patient", Lang.EN) }, "field") == "kind") { "unknown kind" }
        check(allLabels().first { it.kind == "error" }.words.size == 14) { "not 14 error labels" }
        check(eventFields().first { it.eventType == "admit" }.fields.contains("case_id")) { "admit's fields" }
    },
    "one case serves several threads" to {
        admitted().use { case ->
            val pool = Executors.newFixedThreadPool(8)
            val views = (1..400).map { i ->
                pool.submit<Any> { if (i % 2 == 0) case.view(Role.CARE_CONTACT, T1) else case.deadlines(T1) }
            }
            views.forEach { it.get() }
            pool.shutdown()
            check(pool.awaitTermination(30, TimeUnit.SECONDS)) { "threads did not finish" }
            val log = case.accessLog()
            check(log.size == 200) { "access log has ${log.size} entries, not 200" }
        }
    },
)
