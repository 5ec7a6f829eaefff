// The typed answers written as the core writes them in JSON (keys and words as in the spec):
// what the session scenarios' `answer` expectations and the policies file compare against.
// Exhaustive `when`s, so a variant added to the bindings fails to compile here.
package utskrivning.check

import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import utskrivning.Accepted
import utskrivning.Booking
import utskrivning.Effect
import utskrivning.SessionAccessEntry
import utskrivning.SessionView
import utskrivning.Slot
import utskrivning.WorklistItem

/** A word's spec name: uniffi writes `care_contact` as `CARE_CONTACT`. */
fun word(e: Enum<*>): JsonPrimitive = JsonPrimitive(e.name.lowercase())

private fun obj(vararg pairs: Pair<String, Any?>): JsonObject {
    val o = JsonObject()
    for ((k, v) in pairs) {
        o.add(k, when (v) {
            null -> JsonNull.INSTANCE
            is JsonElement -> v
            is String -> JsonPrimitive(v)
            is Boolean -> JsonPrimitive(v)
            is Number -> JsonPrimitive(v)
            is UInt -> JsonPrimitive(v.toLong())
            is Enum<*> -> word(v)
            else -> throw IllegalArgumentException("no JSON form for ${v.javaClass.simpleName}")
        })
    }
    return o
}

private fun <T> array(items: List<T>, f: (T) -> JsonElement): JsonArray = JsonArray().also { a -> items.forEach { a.add(f(it)) } }

fun Effect.toJson(): JsonObject = when (this) {
    // `meeting_at` absent when none; `estimated_discharge` absent without the record, `null`
    // for a record without a date (an admission notice before a date was set), else the date.
    is Effect.Notify -> obj("type" to "notify", "id" to id, "message" to message, "to" to array(to, ::word))
        .also { o -> meetingAt?.let { o.addProperty("meeting_at", it) } }
        .also { o -> estimatedDischarge?.let { o.add("estimated_discharge", it.date?.let(::JsonPrimitive) ?: JsonNull.INSTANCE) } }
    is Effect.ResponsibilityMoved ->
        obj("type" to "responsibility_moved", "responsibility" to responsibility, "from" to from, "to" to to, "on" to on)
    is Effect.EnrolledInHomeHealthCare -> obj("type" to "enrolled_in_home_health_care")
    is Effect.PaymentClockStarted -> obj("type" to "payment_clock_started", "begins_on" to beginsOn)
    is Effect.PaymentClockStopped -> obj("type" to "payment_clock_stopped")
    is Effect.StateChanged -> obj("type" to "state_changed", "track" to track, "from" to from, "to" to to)
    is Effect.Overrun -> obj("type" to "overrun", "item" to item, "timebox_minutes" to timeboxMinutes, "minutes" to minutes)
}

fun Accepted.toJson(): JsonObject = obj("effects" to array(effects) { it.toJson() })

fun Slot.toJson(): JsonObject = obj(
    "session" to session, "index" to index, "starts_at" to startsAt, "ends_at" to endsAt,
    "care_contact" to careContact, "case_id" to caseId,
)

fun Booking.toJson(): JsonObject = obj("slot" to slot.toJson(), "effects" to array(effects) { it.toJson() })

fun List<Booking>.toJson(): JsonArray = array(this) { it.toJson() }

fun SessionView.toJson(): JsonObject = obj(
    "session" to session, "starts_at" to startsAt, "ends_at" to endsAt, "slot_minutes" to slotMinutes,
    "slots" to array(slots) { it.toJson() },
)

fun SessionAccessEntry.toJson(): JsonObject =
    obj("at" to at, "role" to role, "session" to session, "outcome" to outcome).also { o -> code?.let { o.add("code", word(it)) } }

/** `{case_id, kind, ref, since, due, overdue}`, `null` for an absent `ref` or `due`. */
fun WorklistItem.toJson(): JsonObject = obj(
    "case_id" to caseId, "kind" to kind, "ref" to reference, "since" to since, "due" to due, "overdue" to overdue,
)

@JvmName("worklistToJson")
fun List<WorklistItem>.toJson(): JsonArray = array(this) { it.toJson() }
