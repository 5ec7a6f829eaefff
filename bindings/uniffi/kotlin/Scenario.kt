// The scenario runner, step for step the Rust reference (core/src/scenario.rs): one case per
// scenario; a step applies its event (with the step's `at` and `actor` merged in) or views as
// its actor, and its outcome is compared with `expect`.
package utskrivning.check

import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import utskrivning.Case
import utskrivning.UtskrivningException
import utskrivning.roleFromStr

class Report(val name: String, val failures: List<String>) {
    val passed: Boolean get() = failures.isEmpty()
}

/** Runs a scenario given as JSON text. */
fun runScenario(text: String): Report {
    val scenario = try {
        parseJson(text)
    } catch (e: Exception) {
        return Report("?", listOf("not JSON: ${e.message}"))
    }
    return runScenario(scenario)
}

fun runScenario(scenario: JsonElement): Report {
    val obj = scenario as? JsonObject
    val name = obj?.get("name").stringOrNull() ?: "?"
    val steps = obj?.get("steps")
    if (steps == null || !steps.isJsonArray) return Report(name, listOf("no `steps` list"))
    return Case().use { case ->
        val failures = steps.asJsonArray.mapIndexedNotNull { i, step ->
            runStep(case, step)?.let { "step ${i + 1}: $it" }
        }
        Report(name, failures)
    }
}

/** A step's outcome: the value (state or view) or the error. */
private sealed class Outcome {
    class Ok(val value: JsonElement) : Outcome()
    class Err(val error: UtskrivningException) : Outcome()
}

/** Why a step is not a step (the Rust runner's outer `Err`). */
private class Malformed(message: String) : Exception(message)

private fun perform(case: Case, step: JsonElement): Outcome {
    val obj = step as? JsonObject
    val at = obj?.get("at") ?: JsonNull.INSTANCE
    val actor = obj?.get("actor") ?: JsonNull.INSTANCE
    val view = obj?.get("view")
    if (view is JsonPrimitive && view.isBoolean && view.asBoolean) {
        return try {
            val role = roleFromStr(actor.stringOrEmpty())
            Outcome.Ok(parseJson(case.view(role, at.stringOrEmpty())))
        } catch (e: UtskrivningException) {
            Outcome.Err(e)
        }
    }
    val fields = obj?.get("event") as? JsonObject
        ?: throw Malformed("a step needs `event` (an object) or `\"view\": true`")
    val event = JsonObject()
    event.add("at", at)
    event.add("actor", actor)
    for ((k, v) in fields.entrySet()) event.add(k, v)
    return try {
        case.apply(event.toString())
        Outcome.Ok(parseJson(case.state()))
    } catch (e: UtskrivningException) {
        Outcome.Err(e)
    }
}

/** Null if the step went as expected; else why not. */
private fun runStep(case: Case, step: JsonElement): String? {
    val expect = (step as? JsonObject)?.get("expect") ?: return "no `expect`"
    val stateBefore = case.state()
    val journalBefore = case.journal()
    val outcome = try {
        perform(case, step)
    } catch (e: Malformed) {
        return e.message
    }
    val code = (expect as? JsonObject)?.get("error").stringOrNull()
    return when {
        code != null && outcome is Outcome.Err && outcome.error.code == code ->
            // A rejection leaves the case as it was, except the access log of a refused view.
            if (case.state() == stateBefore && case.journal() == journalBefore) null
            else "a rejected event changed the case"
        code != null && outcome is Outcome.Err ->
            "expected error $code, got ${outcome.error.code} ${outcome.error.parts().details}"
        code != null -> "expected error $code, but it was accepted"
        outcome is Outcome.Err -> "expected ok, got ${outcome.error.code} ${outcome.error.parts().details}"
        else -> {
            val want = (expect as? JsonObject)?.get("state") ?: return null
            subsetMismatch(want, parseJson(case.state()), "state")
                ?: if ((outcome as Outcome.Ok).value.isJsonNull) "no state" else null
        }
    }
}
