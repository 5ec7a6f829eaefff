// The little JSON the tests still need (Gson): strict parsing of the scenario files, the state
// document and error details, and the session runner's subset match (the Rust runner's).
package utskrivning.check

import com.google.gson.Gson
import com.google.gson.JsonArray
import com.google.gson.JsonElement
import com.google.gson.JsonNull
import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import com.google.gson.stream.JsonReader
import com.google.gson.stream.JsonToken
import java.io.StringReader

private val elementAdapter = Gson().getAdapter(JsonElement::class.java)

/** Parses JSON text strictly (Gson's own entry points are lenient); throws on bad input. */
fun parseJson(text: String): JsonElement {
    val reader = JsonReader(StringReader(text))
    reader.isLenient = false
    val value = elementAdapter.read(reader) ?: JsonNull.INSTANCE
    if (reader.peek() != JsonToken.END_DOCUMENT) throw IllegalArgumentException("trailing characters")
    return value
}

/** The text of a JSON string, or "" for anything else (serde's `as_str().unwrap_or_default()`). */
fun JsonElement?.stringOrEmpty(): String =
    if (this is JsonPrimitive && isString) asString else ""

/** A JSON string's text, or null. */
fun JsonElement?.stringOrNull(): String? =
    if (this is JsonPrimitive && isString) asString else null

/**
 * Null if `want` is a subset of `got` (objects by key, lists element-wise and of equal length,
 * anything else equal); else where they differ. The Rust runner's `subset_mismatch`, with Gson's
 * equality for the leaves (it equates 1 and 1.0, which no session expectation holds; the xtask
 * checks every session scenario fares as under Rust).
 */
fun subsetMismatch(want: JsonElement, got: JsonElement, path: String): String? = when {
    // Keys in sorted order, as serde_json's map walks them, so the first difference named is
    // the same one.
    want is JsonObject && got is JsonObject -> want.keySet().sorted().firstNotNullOfOrNull { k ->
        val gv = got.get(k)
        if (gv == null) "$path.$k: missing" else subsetMismatch(want.get(k), gv, "$path.$k")
    }
    want is JsonArray && got is JsonArray && want.size() == got.size() ->
        (0 until want.size()).firstNotNullOfOrNull { subsetMismatch(want.get(it), got.get(it), "$path[$it]") }
    want == got -> null
    else -> "$path: expected $want, got $got"
}
