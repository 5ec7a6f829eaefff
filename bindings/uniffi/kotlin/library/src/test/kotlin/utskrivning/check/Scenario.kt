// The corpus driver (tests/scenarios/README.md, "Drivers"): applies each scenario's steps
// through the Kotlin API and writes what it got, one JSON line per step, to DIR/<stem>.jsonl.
// It judges nothing: the Rust comparer (`scenarios --driven DIR`) matches the lines with the
// expectations. It also writes DIR/policies.json, the answers every binding must give alike.
package utskrivning.check

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import java.io.File
import utskrivning.Case
import utskrivning.Lang
import utskrivning.Routine
import utskrivning.UtskrivningException
import utskrivning.label
import utskrivning.roleFromStr
import utskrivning.triggerInternalError
import utskrivning.worklist

private fun JsonElement?.isTrue(): Boolean = this is JsonPrimitive && isBoolean && asBoolean

/** One step through the binding's own API; a rejection throws. A worklist step's answer. */
private fun perform(case: Case, step: JsonObject): JsonArray? {
    val at = step.get("at") ?: JsonNull.INSTANCE
    val actor = step.get("actor") ?: JsonNull.INSTANCE
    if (step.get("worklist").isTrue()) {
        val items = worklist(roleFromStr(actor.stringOrEmpty()), at.stringOrEmpty(), listOf(case), step.get("unit").stringOrNull())
        return items.toJson()
    }
    if (step.get("view").isTrue()) {
        case.view(roleFromStr(actor.stringOrEmpty()), at.stringOrEmpty())
        return null
    }
    val event = JsonObject()
    event.add("at", at)
    event.add("actor", actor)
    (step.get("event") as? JsonObject)?.entrySet()?.forEach { (k, v) -> event.add(k, v) }
    case.apply(event.toString())
    return null
}

/** The protocol's line for step `i`, after performing it. */
private fun line(i: Int, case: Case, step: JsonElement): JsonObject {
    var items: JsonArray? = null
    val error = try {
        items = perform(case, step as? JsonObject ?: JsonObject())
        null
    } catch (e: UtskrivningException) {
        e
    }
    val out = JsonObject()
    out.addProperty("step", i)
    out.addProperty("ok", error == null)
    out.add("code", error?.let { JsonPrimitive(it.code) } ?: JsonNull.INSTANCE)
    out.add("details", error?.let { parseJson(it.parts().details) } ?: JsonNull.INSTANCE)
    out.add("state", parseJson(case.state()))
    out.addProperty("journal", (parseJson(case.journal()) as JsonArray).size())
    items?.let { out.add("items", it) }
    return out
}

/** Drives one scenario file, writing `dir/<stem>.jsonl`. */
fun drive(file: File, dir: File) {
    val scenario = parseJson(file.readText()) as? JsonObject ?: JsonObject()
    val steps = scenario.get("steps") as? JsonArray ?: JsonArray()
    val lines = Case().use { case -> steps.mapIndexed { i, step -> line(i, case, step).toString() } }
    File(dir, "${file.nameWithoutExtension}.jsonl").writeText(lines.joinToString("") { "$it\n" })
}

private fun codeAndDetails(block: () -> Unit): JsonObject {
    try {
        block()
    } catch (e: UtskrivningException) {
        val all = e.toJson()
        return JsonObject().also { it.add("code", all.get("code")); it.add("details", all.get("details")) }
    }
    throw AssertionError("expected an error, but it succeeded")
}

/** `policies.json`: an accepted event, the unknown-label rule and the internal error. */
fun writePolicies(dir: File) {
    val accepted = Case.admit("2026-03-02T08:00:00Z", "c-1", Routine.PROFESSIONAL_CHECK_IN, false).use { case ->
        case.apply("""{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact","social_services"]}""")
    }
    val internal = try {
        triggerInternalError()
        throw AssertionError("expected the internal error")
    } catch (e: UtskrivningException.Internal) {
        e.toJson()
    }
    val policies = JsonObject()
    policies.add("accepted", accepted.toJson())
    policies.add("unknown_word", codeAndDetails { label("role", "nobody", Lang.EN) })
    policies.add("unknown_kind", codeAndDetails { label("nokind", "x", Lang.EN) })
    policies.add("internal", internal)
    File(dir, "policies.json").writeText("$policies\n")
}
