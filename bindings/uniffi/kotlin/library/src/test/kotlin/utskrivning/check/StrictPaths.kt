// Issue 13 through the typed API: keyed snapshots (the chain under the embedding system's key,
// version 1 under a key only as an upgrade, the key in no error) and spec version 2's strict
// input, each with the input that once passed.
package utskrivning.check

import utskrivning.Case
import utskrivning.Planner
import utskrivning.Role
import utskrivning.Routine

private val KEY = "hemlig nyckel, Region Örebro län".toByteArray(Charsets.UTF_8)
private val OTHER_KEY = "en annan nyckel".toByteArray(Charsets.UTF_8)
private const val TAMPERED = """{"field":"journal","problem":"tampered"}"""
private const val BYTES_TAMPERED = """{"field":"snapshot","problem":"tampered"}"""
private const val UNSIGNED = """{"field":"version","problem":"unsigned"}"""
private const val NOT_A_TIMESTAMP = """{"field":"at","problem":"not_a_timestamp"}"""

/** The error's details are exactly `want` (JSON), and neither they nor a message hold `secrets`. */
private fun detailsAre(e: ErrorParts, want: String, vararg secrets: String) {
    check(parseJson(e.details) == parseJson(want)) { "details ${e.details}, wanted $want" }
    for (s in secrets) {
        check(listOf(e.details, e.messageSv, e.messageEn).none { s in it }) { "`$s` leaked: $e" }
    }
}

/** A case with a journal and an access log, both chained. */
private fun noticedAndViewed(): Case = admitted().also {
    it.apply("""{"at":"$T1","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}""")
    it.view(Role.INPATIENT, T1)
}

/** The same snapshot as version 1: no chain. */
private fun asVersion1(snapshot: String): String =
    parseJson(snapshot).asJsonObject.deepCopy().also {
        it.addProperty("version", 1)
        it.remove("chain")
    }.toString()

/** `event` is refused with `code` and exactly `details`, and the case is byte-identical after. */
private fun refusedUnchanged(case: Case, code: String, event: String, details: String, vararg secrets: String) {
    val (snapshot, state) = case.snapshot() to case.state()
    detailsAre(expectError(code) { case.apply(event) }, details, *secrets)
    check(case.snapshot() == snapshot && case.state() == state) { "the refused $event changed the case" }
}

val keyedSnapshotPaths: List<Pair<String, () -> Unit>> = listOf(
    "a binary snapshot restores under its key only; flips and truncations are refused" to {
        noticedAndViewed().use { case ->
            val plain = case.snapshotBytes()
            val signed = case.snapshotBytes(KEY)
            check(plain.copyOfRange(0, 5).contentEquals("UTSB\u0001".toByteArray())) { "no tag" }
            check(!signed.contentEquals(plain) && case.snapshotBytes(null).contentEquals(plain)) { "a key must change the digest" }
            Case.restoreBytes(plain).use { check(it.snapshot() == case.snapshot()) { "restored differs" } }
            Case.restoreBytes(signed, KEY).use { check(it.snapshotBytes(KEY).contentEquals(signed)) { "restored differs" } }
            for (refused in listOf<() -> Unit>(
                { Case.restoreBytes(signed) },
                { Case.restoreBytes(signed, OTHER_KEY) },
                { Case.restoreBytes(plain, KEY) },
            )) {
                detailsAre(expectError("invalid_input") { refused() }, BYTES_TAMPERED, "hemlig", "nyckel")
            }
            for (i in 5 until plain.size) {
                val flipped = plain.copyOf()
                flipped[i] = (flipped[i].toInt() xor 0x20).toByte()
                detailsAre(expectError("invalid_input") { Case.restoreBytes(flipped) }, BYTES_TAMPERED)
            }
            for (n in 0 until plain.size) {
                expectError("invalid_input") { Case.restoreBytes(plain.copyOf(n)) }
            }
        }
    },
    "a keyed snapshot restores under its key, not under another or none" to {
        noticedAndViewed().use { case ->
            val plain = case.snapshot()
            val signed = case.snapshot(KEY)
            check(signed != plain && case.snapshot(null) == plain) { "a key must change the heads, none must not" }
            Case.restore(signed, KEY).use { restored ->
                check(restored.snapshot(KEY) == signed && restored.snapshot() == plain) { "restored differs" }
            }
            for (refused in listOf<() -> Unit>(
                { Case.restore(signed, OTHER_KEY) },
                { Case.restore(signed, OTHER_KEY, upgradeUnsigned = true) },
                { Case.restore(signed) },
                { Case.restore(signed, null) },
                { Case.restore(plain, KEY) },
                { Case.restore(signed, KEY.copyOf(KEY.size - 1)) },
            )) {
                detailsAre(expectError("invalid_input") { refused() }, TAMPERED, "hemlig", "nyckel")
            }
            // Zero bytes are a key too (HMAC under an empty key), not no key.
            val emptyKey = case.snapshot(ByteArray(0))
            check(emptyKey != plain) { "an empty key is a key" }
            Case.restore(emptyKey, ByteArray(0)).close()
            detailsAre(expectError("invalid_input") { Case.restore(emptyKey) }, TAMPERED)
            // The key is the caller's: changing the array afterwards changes nothing kept.
            val scratch = KEY.copyOf()
            val byCopy = case.snapshot(scratch)
            scratch.fill(0)
            check(byCopy == signed && "hemlig" !in byCopy) { "the snapshot holds the key or differs" }
            check(case.snapshot(KEY) == signed) { "the key was kept" }
        }
    },
    "a version 1 snapshot restores without a key, under one only as an upgrade" to {
        noticedAndViewed().use { case ->
            val plain = case.snapshot()
            val signed = case.snapshot(KEY)
            val v1 = asVersion1(plain)
            check("\"chain\"" !in v1 && parseJson(v1).asJsonObject.get("version").asInt == 1) { v1 }
            Case.restore(v1).use { check(it.snapshot() == plain) { "not written again as version 2" } }
            Case.restore(v1, null, upgradeUnsigned = true).use { check(it.snapshot() == plain) { "upgrade without a key" } }
            detailsAre(expectError("invalid_input") { Case.restore(v1, KEY) }, UNSIGNED, "hemlig", "nyckel")
            detailsAre(expectError("invalid_input") { Case.restore(v1, KEY, upgradeUnsigned = false) }, UNSIGNED)
            Case.restore(v1, KEY, upgradeUnsigned = true).use { upgraded ->
                check(upgraded.snapshot(KEY) == signed && upgraded.state() == case.state()) { "the upgrade differs" }
                Case.restore(upgraded.snapshot(KEY), KEY).close()
            }
            // The upgrade is for version 1 only: a version 2 chain is checked all the same.
            detailsAre(expectError("invalid_input") { Case.restore(plain, KEY, upgradeUnsigned = true) }, TAMPERED)
        }
    },
    "a bad snapshot under a key is the core's error, without the key" to {
        val e = expectError("invalid_input") { Case.restore("{", KEY) }
        detailsAre(e, """{"field":"snapshot","problem":"not_json"}""", "hemlig", "nyckel")
    },
)

val strictInputPaths: List<Pair<String, () -> Unit>> = listOf(
    "times are RFC 3339 exactly, on every `at`" to {
        admitted().use { case ->
            for (at in listOf(
                "2026-03-02T23:59Z",
                "2026-03-02T23:59:59+0100",
                "2026-03-02T23:59:59+24:00",
                "2026-03-02T23:59:59+25:59",
                "20260302T235959Z",
                "2026-03-02T23:59:59,5Z",
                "+002026-03-02T23:59:59Z",
                "2026-03-02T23:59:59Z[America/New_York]",
            )) {
                refusedUnchanged(case, "invalid_input", """{"at":"$at","actor":"inpatient","type":"discharge"}""", NOT_A_TIMESTAMP)
                detailsAre(expectError("invalid_input") { case.deadlines(at) }, NOT_A_TIMESTAMP)
                detailsAre(expectError("invalid_input") { case.view(Role.INPATIENT, at) }, NOT_A_TIMESTAMP)
                detailsAre(expectError("invalid_input") { Case.admit(at, "c-2", Routine.PROFESSIONAL_CHECK_IN, false) }, NOT_A_TIMESTAMP)
            }
            check(case.accessLog().isEmpty()) { "a refused time was logged" }
            // A 9-digit fraction is a time, written back with only the digits it needs, in UTC.
            case.apply("""{"at":"2026-03-02T09:00:00.500000000+01:00","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}""")
            val last = parseJson(case.state()).asJsonObject.get("last_event_at").stringOrNull()
            check(last == "2026-03-02T08:00:00.5Z") { "last_event_at $last" }
            case.deadlines("2026-03-02T09:00:00.123456789Z")
        }
    },
    "a key twice is duplicate_key, and the case is byte-identical after" to {
        admitted().use { case ->
            refusedUnchanged(
                case, "invalid_input",
                """{"at":"$T1","actor":"inpatient","type":"cancel","type":"raise_question","reason":"x"}""",
                """{"field":"event","problem":"duplicate_key"}""",
            )
            val twice = case.snapshot().replaceFirst("\"version\":2", "\"version\":2,\"version\":1")
            val e = expectError("invalid_input") { Case.restore(twice) }
            check(detail(e, "problem") == "duplicate_key") { e.details }
        }
    },
    "a unit of only U+200B (or other White_Space, Cc, Cf) is missing_information" to {
        admitted().use { case ->
            for (unit in listOf("\u200B", "\\u200B", "\u2063 \u00A0", "\uFEFF")) {
                refusedUnchanged(
                    case, "missing_information",
                    """{"at":"$T1","actor":"care_contact","type":"assign_care_contact","unit":"$unit"}""",
                    """{"field":"unit"}""",
                )
            }
        }
    },
    "an empty case_id is invalid_input; a personal number is personal_data, not in the error" to {
        val outOfRange = """{"field":"case_id","problem":"out_of_range"}"""
        for (id in listOf("", "\u200B")) {
            detailsAre(expectError("invalid_input") { Case.admit(T0, id, Routine.PROFESSIONAL_CHECK_IN, false) }, outOfRange)
        }
        Case().use { case ->
            refusedUnchanged(
                case, "invalid_input",
                """{"at":"$T0","actor":"inpatient","type":"admit","case_id":"","routine":"professional_check_in","municipal_care_at_admission":false}""",
                outOfRange,
            )
        }
        val e = expectError("invalid_input") { Case.admit(T0, "19121212-1212 Tolvan", Routine.PROFESSIONAL_CHECK_IN, false) }
        detailsAre(e, """{"field":"case_id","problem":"personal_data"}""", "Tolvan", "1212")
    },
    "an unknown key that is not an identifier is named by its position only" to {
        admitted().use { case ->
            refusedUnchanged(
                case, "invalid_input",
                """{"at":"$T1","actor":"inpatient","type":"discharge","19121212-1212 Tolvan":1}""",
                """{"problem":"unknown_field","position":3}""",
                "Tolvan", "19121212", "1212",
            )
            refusedUnchanged(
                case, "invalid_input",
                """{"19121212-1212 Tolvan":1,"at":"$T1","actor":"inpatient","type":"discharge"}""",
                """{"problem":"unknown_field","position":0}""",
                "Tolvan",
            )
            refusedUnchanged(
                case, "invalid_input",
                """{"at":"$T1","actor":"inpatient","type":"discharge","reson":1}""",
                """{"field":"reson","problem":"unknown_field"}""",
            )
        }
    },
    "a planner's weekly time not HH:MM is not_a_time" to {
        val config = { starts: String ->
            """{"hospital":"h-1","slot_minutes":10,"times":[{"weekday":"tuesday","starts":"$starts","ends":"14:00"}]}"""
        }
        for (bad in listOf("1:00", "9:00", "13:0", "24:00", "13:60", "13.00", " 13:00")) {
            val e = expectError("invalid_input") { Planner(config(bad)).close() }
            check(detail(e, "problem") == "not_a_time") { "starts $bad: ${e.details}" }
        }
        Planner(config("13:00")).close()
    },
)
