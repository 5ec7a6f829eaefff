// JSON as the Rust reference runner sees it (serde_json): strict parsing, and equality where
// 1 and 1.0 differ, objects compare by key whatever the order, and lists element-wise.
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
import java.math.BigInteger

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

/** A serde_json number: an integer (u64 or i64) or a float, never equal to each other. */
private sealed class Num {
    data class Int(val value: BigInteger) : Num()
    data class Float(val value: Double) : Num()
}

private val U64_MAX = BigInteger("18446744073709551615")
private val I64_MIN = BigInteger.valueOf(Long.MIN_VALUE)

private fun num(text: String): Num {
    if (text.any { it == '.' || it == 'e' || it == 'E' }) return Num.Float(text.toDouble())
    val n = BigInteger(text)
    // serde_json reads -0 and integers outside u64/i64 as floats.
    val integral = if (n.signum() >= 0) n <= U64_MAX && !text.startsWith("-") else n >= I64_MIN
    return if (integral) Num.Int(n) else Num.Float(text.toDouble())
}

private fun numEquals(a: String, b: String): Boolean {
    val x = num(a)
    val y = num(b)
    return when {
        x is Num.Int && y is Num.Int -> x.value == y.value
        x is Num.Float && y is Num.Float -> x.value == y.value
        else -> false
    }
}

/** serde_json's `Value` equality. */
fun jsonEquals(a: JsonElement, b: JsonElement): Boolean = when {
    a.isJsonNull || b.isJsonNull -> a.isJsonNull && b.isJsonNull
    a is JsonObject && b is JsonObject ->
        a.keySet() == b.keySet() && a.keySet().all { jsonEquals(a.get(it), b.get(it)) }
    a is JsonArray && b is JsonArray ->
        a.size() == b.size() && (0 until a.size()).all { jsonEquals(a.get(it), b.get(it)) }
    a is JsonPrimitive && b is JsonPrimitive -> when {
        a.isBoolean && b.isBoolean -> a.asBoolean == b.asBoolean
        a.isString && b.isString -> a.asString == b.asString
        a.isNumber && b.isNumber -> numEquals(a.asNumber.toString(), b.asNumber.toString())
        else -> false
    }
    else -> false
}

/**
 * Null if `want` is a subset of `got` (objects by key, lists element-wise and of equal length,
 * anything else equal); else where they differ. The Rust runner's `subset_mismatch`.
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
    jsonEquals(want, got) -> null
    else -> "$path: expected $want, got $got"
}
