// The session scenarios (tests/sessions, docs/sessions.md) through the Kotlin `Planner`, step
// for step the Rust runner's (core/src/scenario/sessions.rs), and the planner's error paths.
package utskrivning.check

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import utskrivning.AccessOutcome
import utskrivning.Case
import utskrivning.ErrorCode
import utskrivning.Planner
import utskrivning.Role
import utskrivning.Routine
import utskrivning.UtskrivningException
import utskrivning.roleFromStr

/** A case as the Rust runner makes it (`make_case`). */
private fun makeCase(id: String, spec: JsonObject): Case {
    val municipal = spec.get("municipal_care_at_admission")?.let { it.isJsonPrimitive && it.asJsonPrimitive.isBoolean && it.asBoolean } ?: false
    val case = Case.admit("2026-03-02T08:00:00Z", id, Routine.PROFESSIONAL_CHECK_IN, municipal)
    if (spec.get("phase").stringOrNull() != "admitted") {
        case.apply("""{"at":"2026-03-02T08:05:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}""")
    }
    spec.get("care_contact").stringOrNull()?.let { unit ->
        val assign = JsonObject()
        assign.addProperty("at", "2026-03-02T08:10:00Z")
        assign.addProperty("actor", "care_contact")
        assign.addProperty("type", "assign_care_contact")
        assign.addProperty("unit", unit)
        case.apply(assign.toString())
    }
    return case
}

private val OPERATIONS = listOf("book", "rebook", "cancel", "reserve_questions_slot", "release_questions_slot", "regroup", "view", "case_event")

private class World(val planner: Planner, val cases: LinkedHashMap<String, Case>) : AutoCloseable {
    override fun close() {
        cases.values.forEach { it.close() }
        planner.close()
    }

    fun case(op: JsonObject): Case =
        cases[op.get("case").stringOrNull()] ?: throw IllegalArgumentException("no such case")

    /** The answer as JSON, or throws the operation's error. */
    fun perform(step: JsonObject): JsonElement {
        val name = OPERATIONS.firstOrNull { step.has(it) } ?: throw IllegalArgumentException("a step needs an operation")
        val op = step.get(name) as? JsonObject ?: JsonObject()
        val at = step.get("at").stringOrEmpty()
        val session = op.get("session").stringOrEmpty()
        val all = cases.values.toList()
        return when (name) {
            "book" -> planner.book(session, case(op), at).toJson()
            "rebook" -> planner.rebook(session, case(op), at).toJson()
            "cancel" -> planner.cancel(case(op), at).toJson()
            "reserve_questions_slot" -> planner.reserveQuestionsSlot(session, op.get("care_contact").stringOrEmpty(), at).toJson()
            "release_questions_slot" -> {
                planner.releaseQuestionsSlot(session, op.get("care_contact").stringOrEmpty())
                JsonNull.INSTANCE
            }
            "regroup" -> planner.regroup(session, all, at).toJson()
            "view" -> planner.view(session, roleFromStr(op.get("role").stringOrEmpty()), op.get("care_contact").stringOrNull(), at, all).toJson()
            else -> {
                val event = (op.get("event") as? JsonObject)?.deepCopy() ?: throw IllegalArgumentException("case_event needs `event`")
                event.addProperty("at", at)
                case(op).apply(event.toString()).toJson()
            }
        }
    }
}

private fun slots(planner: Planner): JsonElement? = (parseJson(planner.snapshot()) as JsonObject).get("sessions")


/** Null if the step went as expected; else why not. */
private fun runSessionStep(world: World, step: JsonObject): String? {
    val expect = step.get("expect") as? JsonObject ?: return "no `expect`"
    val slotsBefore = slots(world.planner)
    val journalsBefore = world.cases.mapValues { it.value.journal() }
    val logBefore = world.planner.accessLog().size
    var error: UtskrivningException? = null
    val answer = try {
        world.perform(step)
    } catch (e: UtskrivningException) {
        error = e
        null
    }
    val logged = JsonArray()
    world.planner.accessLog().drop(logBefore).forEach { logged.add(word(it.outcome)) }
    val want = expect.get("error").stringOrNull()
    when {
        want != null && error == null -> return "expected $want, got ok $answer"
        want != null && error != null -> {
            val parts = error.parts()
            if (parts.code != want) return "expected $want, got ${parts.code} ${parts.details}"
            expect.get("details")?.let { d -> subsetMismatch(d, parseJson(parts.details), "details")?.let { return it } }
            val sameCases = world.cases.all { (id, c) -> c.journal() == journalsBefore[id] }
            if (logged.size() > 1 || !sameCases || slots(world.planner) != slotsBefore) return "a refusal changed the planner or a case"
        }
        error != null -> return "expected ok, got ${error.parts().code} ${error.parts().details}"
        else -> expect.get("answer")?.let { a -> subsetMismatch(a, answer ?: JsonNull.INSTANCE, "answer")?.let { return it } }
    }
    expect.get("logged")?.let { if (it != logged) return "access log: expected $it, got $logged" }
    (expect.get("cases") as? JsonObject)?.entrySet()?.forEach { (id, wantState) ->
        val case = world.cases[id] ?: return "no case $id"
        subsetMismatch(wantState, parseJson(case.state()), id)?.let { return it }
    }
    val snapshot = world.planner.snapshot()
    val again = Planner.restore(snapshot).use { it.snapshot() }
    return if (again == snapshot) null else "the snapshot did not restore the planner"
}

/** Runs a session scenario given as JSON text; stops at the first failing step. */
fun runSessionScenario(text: String): Report {
    val scenario = parseJson(text) as? JsonObject ?: return Report("?", listOf("not a JSON object"))
    val name = scenario.get("name").stringOrNull() ?: "?"
    val config = scenario.get("planner") ?: return Report(name, listOf("no `planner`"))
    val specs = scenario.get("cases") as? JsonObject ?: return Report(name, listOf("no `cases` object"))
    val cases = LinkedHashMap<String, Case>()
    val planner = Planner(config.toString())
    World(planner, cases).use { world ->
        for ((id, spec) in specs.entrySet()) cases[id] = makeCase(id, spec as? JsonObject ?: JsonObject())
        val steps = scenario.get("steps") as? JsonArray ?: return Report(name, listOf("no `steps` list"))
        steps.forEachIndexed { i, step ->
            val why = try {
                runSessionStep(world, step as? JsonObject ?: JsonObject())
            } catch (e: IllegalArgumentException) {
                e.message
            }
            if (why != null) return Report(name, listOf("step ${i + 1}: $why"))
        }
        return Report(name, emptyList())
    }
}

// ---- The planner's error paths ------------------------------------------------------------

private const val CONFIG = """{"hospital": "h-1", "slot_minutes": 10, "times": [{"weekday": "tuesday", "starts": "13:00", "ends": "14:00"}]}"""
private const val TUESDAY = "2026-03-03T13:00"
private const val MONDAY = "2026-03-02T12:00:00Z"

private fun inPlanning(id: String, unit: String?): Case {
    val spec = JsonObject()
    if (unit != null) spec.addProperty("care_contact", unit)
    return makeCase(id, spec)
}

private fun must(condition: Boolean, what: () -> String) {
    if (!condition) throw AssertionError(what())
}

private fun refused(code: String, block: () -> Unit): JsonObject {
    try {
        block()
    } catch (e: UtskrivningException) {
        val parts = e.parts()
        must(parts.code == code) { "expected $code, got ${parts.code} ${parts.details}" }
        return parseJson(parts.details) as JsonObject
    }
    throw AssertionError("expected $code, but it was accepted")
}

val plannerErrorPaths: List<Pair<String, () -> Unit>> = listOf(
    "planner: a bad configuration names the field" to {
        val details = refused("invalid_input") { Planner("""{"hospital": "h", "slot_minutes": 0, "times": []}""").close() }
        must(details.get("field").stringOrNull() != null) { "no field: $details" }
        val overlap = """{"hospital": "h", "slot_minutes": 10, "times": [{"weekday": "tuesday", "starts": "13:00", "ends": "14:00"}, {"weekday": "tuesday", "starts": "13:30", "ends": "15:00"}]}"""
        must(refused("invalid_input") { Planner(overlap).close() }.get("problem").stringOrNull() == "overlapping_sessions") { "overlap" }
    },
    "planner: a refused booking changes neither case nor planner" to {
        Planner(CONFIG).use { planner ->
            inPlanning("c-2", null).use { noContact ->
                val (p, c) = planner.snapshot() to noContact.snapshot()
                refused("preparation_incomplete") { planner.book(TUESDAY, noContact, MONDAY) }
                must(planner.snapshot() == p && noContact.snapshot() == c) { "a refusal changed something" }
            }
        }
    },
    "planner: a case given twice is refused, not deadlocked" to {
        Planner(CONFIG).use { planner ->
            inPlanning("c-1", "vc-norr").use { case ->
                planner.book(TUESDAY, case, MONDAY)
                val details = refused("invalid_input") { planner.regroup(TUESDAY, listOf(case, case), MONDAY) }
                must(details.get("problem").stringOrNull() == "duplicate") { "$details" }
                refused("invalid_input") { planner.view(TUESDAY, Role.INPATIENT, null, MONDAY, listOf(case, case)) }
                must(planner.accessLog().isEmpty()) { "a malformed view was logged" }
            }
        }
    },
    "planner: unknown and full sessions are named" to {
        Planner(CONFIG).use { planner ->
            must(refused("invalid_input") { planner.slots("2026-03-04T13:00") }.get("field").stringOrNull() == "session") { "field" }
            val cases = (0 until 7).map { inPlanning("c-$it", "vc-norr") }
            cases.take(6).forEach { planner.book(TUESDAY, it, MONDAY) }
            must(refused("wrong_state") { planner.book(TUESDAY, cases[6], MONDAY) }.get("problem").stringOrNull() == "session_full") { "full" }
            cases.forEach { it.close() }
        }
    },
    "planner: a care contact sees only their own slots" to {
        Planner(CONFIG).use { planner ->
            val a = inPlanning("c-1", "vc-norr")
            val b = inPlanning("c-2", "vc-syd")
            planner.book(TUESDAY, a, MONDAY)
            planner.book(TUESDAY, b, MONDAY)
            val view = planner.view(TUESDAY, Role.CARE_CONTACT, "vc-norr", MONDAY, listOf(a, b))
            val seen = view.slots.mapNotNull { it.caseId }
            must("c-1" in seen && "c-2" !in seen) { "$view" }
            refused("not_permitted") { planner.view(TUESDAY, Role.PATIENT, null, MONDAY, listOf(a, b)) }
            val log = planner.accessLog()
            must(log.map { it.outcome } == listOf(AccessOutcome.ALLOWED, AccessOutcome.REFUSED)) { "both views are logged: $log" }
            must(log.last().code == ErrorCode.NOT_PERMITTED) { "the refusal's code: $log" }
            must(planner.slotOf("c-1") != null && planner.slotOf("c-9") == null) { "slotOf" }
            a.close()
            b.close()
        }
    },
    "planner: one planner serves several threads" to {
        Planner("""{"hospital": "h-1", "slot_minutes": 5, "times": [{"weekday": "tuesday", "starts": "13:00", "ends": "14:00"}]}""").use { planner ->
            val cases = (0 until 12).map { inPlanning("c-$it", "vc-${it % 3}") }
            val pool = Executors.newFixedThreadPool(4)
            cases.forEach { c -> pool.submit { planner.book(TUESDAY, c, MONDAY) } }
            pool.shutdown()
            must(pool.awaitTermination(30, TimeUnit.SECONDS)) { "the bookings did not finish" }
            val held = planner.slots(TUESDAY).mapNotNull { it.caseId }
            must(held.sorted() == cases.indices.map { "c-$it" }.sorted()) { "slots: $held" }
            cases.forEach { c ->
                val state = parseJson(c.state()) as JsonObject
                val slot = planner.slotOf(state.get("case_id").stringOrEmpty())
                must(slot != null && slot.startsAt == state.getAsJsonObject("check_in").get("starts_at").stringOrNull()) { "slot and check-in differ" }
                c.close()
            }
        }
    },
)
