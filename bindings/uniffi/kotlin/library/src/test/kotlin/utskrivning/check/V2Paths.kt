// Spec version 2 through the typed API: messages with ids and their acknowledgement, the
// estimated discharge day in three forms, admit's municipality and care type, and worklists
// over many cases (a case given twice is refused, not a deadlock; refusals touch no case).
package utskrivning.check

import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import java.util.concurrent.TimeoutException
import utskrivning.AccessAction
import utskrivning.Agreement
import utskrivning.CareType
import utskrivning.Case
import utskrivning.Effect
import utskrivning.EstimatedDischarge
import utskrivning.Message
import utskrivning.Role
import utskrivning.Routine
import utskrivning.WorkKind
import utskrivning.worklist

private const val NOTICE = """{"at":"$T1","actor":"inpatient","type":"send_admission_notice","to":["social_services","care_contact"]}"""

private fun noticed(id: String = "c-1", agreement: Agreement? = null): Case =
    Case.admit(T0, id, Routine.PROFESSIONAL_CHECK_IN, false, agreement).also { it.apply(NOTICE) }

private fun ack(at: String, actor: String, id: String) =
    """{"at":"$at","actor":"$actor","type":"acknowledge_message","id":"$id"}"""

/** Runs `block` on another thread; a call that does not return in 10 s is a failure (a deadlock). */
private fun <T> withinTenSeconds(block: () -> T): T {
    val pool = Executors.newSingleThreadExecutor { r -> Thread(r).also { it.isDaemon = true } }
    try {
        return pool.submit<T> { block() }.get(10, TimeUnit.SECONDS)
    } catch (e: TimeoutException) {
        throw AssertionError("no answer in 10 s: the call deadlocked")
    } catch (e: java.util.concurrent.ExecutionException) {
        throw e.cause ?: e
    } finally {
        pool.shutdownNow()
    }
}

val messagePaths: List<Pair<String, () -> Unit>> = listOf(
    "a notify effect carries its id and the estimated discharge in three forms" to {
        Case.admit(T0, "c-1", Routine.PROFESSIONAL_CHECK_IN, false).use { case ->
            val notice = case.apply(NOTICE).effects.filterIsInstance<Effect.Notify>().single()
            // Recipients in the Roles order, whatever order the event gave.
            check(notice.id == "m1" && notice.to == listOf(Role.CARE_CONTACT, Role.SOCIAL_SERVICES)) { "$notice" }
            check(notice.estimatedDischarge == EstimatedDischarge(null)) { "no date set must be a record without one: $notice" }
            check(notice.toJson().has("estimated_discharge") && notice.toJson().get("estimated_discharge").isJsonNull) { "${notice.toJson()}" }
            val changed = case.apply("""{"at":"2026-03-02T10:00:00Z","actor":"inpatient","type":"set_estimated_discharge","date":"2026-03-09"}""")
                .effects.filterIsInstance<Effect.Notify>().single()
            check(changed.id == "m2" && changed.message == Message.ESTIMATED_DISCHARGE_CHANGED) { "$changed" }
            check(changed.estimatedDischarge == EstimatedDischarge("2026-03-09")) { "$changed" }
            check(case.estimatedDischarge() == "2026-03-09") { "estimated_discharge() ${case.estimatedDischarge()}" }
            val admin = case.apply("""{"at":"2026-03-02T11:00:00Z","actor":"care_contact","type":"send_administrative_message","to":["inpatient"],"text":"$PATIENT_TEXT"}""")
                .effects.filterIsInstance<Effect.Notify>().single()
            check(admin.message == Message.ADMINISTRATIVE_MESSAGE && admin.estimatedDischarge == null) { "$admin" }
            check(!admin.toJson().has("estimated_discharge")) { "the key must be absent: ${admin.toJson()}" }
            check(PATIENT_TEXT !in case.messages().toString()) { "a message entry holds no text" }
        }
    },
    "messages() lists ids, recipients and acknowledgements in order" to {
        noticed().use { case ->
            case.apply(ack("2026-03-02T10:00:00Z", "social_services", "m1"))
            case.apply(ack("2026-03-02T10:01:00Z", "care_contact", "m1"))
            val m = case.messages().single()
            check(m.id == "m1" && m.message == Message.ADMISSION_NOTICE && m.at == T1) { "$m" }
            check(m.to == listOf(Role.CARE_CONTACT, Role.SOCIAL_SERVICES)) { "to ${m.to}" }
            check(m.acknowledged == listOf(Role.SOCIAL_SERVICES, Role.CARE_CONTACT)) { "in the order acknowledged: ${m.acknowledged}" }
        }
    },
    "a refused acknowledgement names its reason and leaves the case byte-identical" to {
        noticed().use { case ->
            case.apply(ack("2026-03-02T10:00:00Z", "care_contact", "m1"))
            val refusals = listOf(
                "invalid_input" to ack("2026-03-02T10:01:00Z", "care_contact", "m9"),
                "invalid_input" to ack("2026-03-02T10:01:00Z", "care_contact", PATIENT_TEXT),
                "invalid_input" to """{"at":"2026-03-02T10:01:00Z","actor":"care_contact","type":"acknowledge_message"}""",
                "not_permitted" to ack("2026-03-02T10:01:00Z", "inpatient", "m1"),
                "not_permitted" to ack("2026-03-02T10:01:00Z", "patient", "m1"),
                "not_permitted" to ack("2026-03-02T10:01:00Z", "relative", "m1"),
                "not_permitted" to ack("2026-03-02T10:01:00Z", "municipal_care", "m1"),
                "wrong_state" to ack("2026-03-02T10:01:00Z", "care_contact", "m1"),
                "time_went_backwards" to ack("2026-03-02T09:30:00Z", "social_services", "m1"),
            )
            for ((code, event) in refusals) {
                val before = case.snapshot()
                val e = expectError(code) { case.apply(event) }
                check(listOf(e.details, e.messageSv, e.messageEn).none { "Anna" in it || "1212" in it }) { "leaked: $e" }
                check(case.snapshot() == before) { "the refused $event changed the case" }
            }
            check(case.messages().single().acknowledged == listOf(Role.CARE_CONTACT)) { "${case.messages()}" }
        }
    },
    "acknowledging a finished case is case_finished" to {
        noticed().use { case ->
            case.apply("""{"at":"2026-03-02T10:00:00Z","actor":"inpatient","type":"cancel","reason":"moved"}""")
            val before = case.snapshot()
            expectError("case_finished") { case.apply(ack("2026-03-02T10:01:00Z", "care_contact", "m1")) }
            check(case.snapshot() == before) { "changed" }
        }
    },
    "admit takes a municipality and a care type, checked as in JSON" to {
        Case.admit(T0, "c-1", Routine.INDIVIDUAL_CHECK_IN, false, null, "1480", CareType.PSYCHIATRIC).use { case ->
            check(case.municipality() == "1480" && case.careType() == CareType.PSYCHIATRIC) { "${case.municipality()} ${case.careType()}" }
        }
        admitted().use { case ->
            check(case.municipality() == null && case.careType() == CareType.SOMATIC) { "defaults" }
        }
        for (bad in listOf("148", "14800", "abcd", PATIENT_TEXT)) {
            val e = expectError("invalid_input") { Case.admit(T0, "c-1", Routine.PROFESSIONAL_CHECK_IN, false, null, bad, null) }
            check(detail(e, "field") == "municipality") { e.details }
            check(listOf(e.details, e.messageSv, e.messageEn).none { "Anna" in it || "1212" in it }) { "leaked: $e" }
        }
        val e = expectError("invalid_input") {
            Case.admit(T0, "c-1", Routine.PROFESSIONAL_CHECK_IN, false, Agreement(acknowledgementHours = 0u))
        }
        check(detail(e, "field") == "agreement.acknowledgement_hours") { e.details }
    },
)

val worklistPaths: List<Pair<String, () -> Unit>> = listOf(
    "a worklist over two cases: typed items, sorted, each read logged" to {
        noticed("c-2", Agreement(acknowledgementHours = 24u)).use { b ->
            noticed("c-1").use { a ->
                val items = worklist(Role.CARE_CONTACT, "2026-03-03T10:00:00Z", listOf(a, b))
                check(items.map { Triple(it.caseId, it.kind, it.reference) } == listOf(
                    Triple("c-2", WorkKind.ACKNOWLEDGE_MESSAGE, "m1"), Triple("c-1", WorkKind.ACKNOWLEDGE_MESSAGE, "m1"),
                )) { "overdue first: $items" }
                check(items[0].overdue && items[0].due == "2026-03-03T09:00:00Z" && items[0].since == T1) { "${items[0]}" }
                check(!items[1].overdue && items[1].due == null) { "${items[1]}" }
                val json = items[1].toJson()
                check(json.keySet() == setOf("case_id", "kind", "ref", "since", "due", "overdue") && json.get("due").isJsonNull) { "$json" }
                check(a.accessLog().last().action == AccessAction.WORKLIST) { "${a.accessLog()}" }
                // The unit narrows a care contact's list to cases of that unit: none is assigned.
                check(worklist(Role.CARE_CONTACT, "2026-03-03T10:00:00Z", listOf(a, b), "unit-a").isEmpty()) { "unit" }
            }
        }
    },
    "the same case twice is invalid_input (duplicate), not a deadlock" to {
        noticed().use { case ->
            noticed("c-2").use { other ->
                val before = case.snapshot()
                val e = withinTenSeconds { expectError("invalid_input") { worklist(Role.CARE_CONTACT, T1, listOf(case, other, case)) } }
                check(detail(e, "field") == "cases" && detail(e, "problem") == "duplicate") { e.details }
                // Before not_permitted, as the spec orders the checks.
                withinTenSeconds { expectError("invalid_input") { worklist(Role.PATIENT, T1, listOf(case, case)) } }
                check(case.snapshot() == before) { "the refused worklist changed the case" }
                // The case still answers: nothing was left locked.
                check(withinTenSeconds { worklist(Role.CARE_CONTACT, T1, listOf(case)) }.size == 1) { "after the refusal" }
            }
        }
    },
    "two case objects of one case_id are invalid_input (duplicate)" to {
        noticed().use { a ->
            noticed().use { b ->
                val e = expectError("invalid_input") { worklist(Role.CARE_CONTACT, T1, listOf(a, b)) }
                check(detail(e, "field") == "cases" && detail(e, "problem") == "duplicate") { e.details }
            }
        }
    },
    "patient, relative and a bad time are refused before any case is read" to {
        noticed().use { case ->
            val before = case.snapshot()
            for (role in listOf(Role.PATIENT, Role.RELATIVE)) {
                expectError("not_permitted") { worklist(role, T1, listOf(case)) }
            }
            for (bad in listOf("2026-03-02 09:00", "tomorrow", PATIENT_TEXT)) {
                val e = expectError("invalid_input") { worklist(Role.CARE_CONTACT, bad, listOf(case)) }
                check(detail(e, "field") == "at") { e.details }
                check(listOf(e.details, e.messageSv, e.messageEn).none { "Anna" in it || "1212" in it }) { "leaked: $e" }
            }
            check(case.snapshot() == before && case.accessLog().isEmpty()) { "a refused worklist touched the case" }
            check(worklist(Role.CARE_CONTACT, T1, listOf()).isEmpty()) { "no cases, no items" }
        }
    },
    "worklists over the same cases in opposite orders from many threads" to {
        val cases = (1..4).map { noticed("c-$it") }
        val pool = Executors.newFixedThreadPool(8)
        val calls = (1..200).map { i ->
            pool.submit<Int> { worklist(Role.CARE_CONTACT, T1, if (i % 2 == 0) cases else cases.reversed()).size }
        }
        val sizes = calls.map { it.get(30, TimeUnit.SECONDS) }
        pool.shutdown()
        check(pool.awaitTermination(30, TimeUnit.SECONDS)) { "threads did not finish" }
        check(sizes.all { it == 4 }) { "sizes $sizes" }
        cases.forEach { it.close() }
    },
)
