// Indicators and the payment basis through the typed API, with figures computed by hand: two
// municipalities, both care types and a case without a municipality, with notices and
// discharges on either side of Stockholm's midnight (January 2026 is UTC+1: 22:30Z is 23:30 that
// day, 23:30Z 00:30 the next); the individual and the average model and a preset; every refusal
// naming its field with the cases untouched; and calls from many threads.
//
// | case | municipality | care        | ready (Stockholm) | discharge (Stockholm)  | ready days | payment days   |
// | c-1  | 1480         | somatic     | 01-05 23:30       | 01-05 23:50            | 0          | 0              |
// | c-2  | 1480         | somatic     | 01-06 00:30       | 01-10                  | 4          | 2 (from 01-09) |
// | c-3  | 0180         | psychiatric | 01-12             | 01-21 00:30            | 9          | 7 (from 01-15) |
// | c-4  | 0180         | somatic     | 01-25             | 02-01 00:30 (February) | 7          | 5 (from 01-28) |
// | c-5  | none         | somatic     | 01-02             | 01-03                  | 1          | 0              |
package utskrivning.check

import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import utskrivning.CareType
import utskrivning.Case
import utskrivning.Figures
import utskrivning.IndicatorGroup
import utskrivning.PaymentModel
import utskrivning.PaymentRow
import utskrivning.Role
import utskrivning.Routine
import utskrivning.indicators
import utskrivning.paymentBasis
import utskrivning.paymentPreset
import utskrivning.paymentPresets
import utskrivning.worklist

private const val JAN = "2026-01-01"
private const val FEB = "2026-02-01"
private const val MAR = "2026-03-01"

private fun discharged(id: String, municipality: String?, careType: CareType, ready: String, discharge: String): Case =
    Case.admit("2026-01-02T08:00:00Z", id, Routine.PROFESSIONAL_CHECK_IN, false, null, municipality, careType).also { c ->
        c.apply("""{"at":"2026-01-02T08:05:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}""")
        c.apply("""{"at":"$ready","actor":"inpatient","type":"mark_ready_for_discharge"}""")
        c.apply("""{"at":"$discharge","actor":"inpatient","type":"discharge"}""")
    }

private fun ward(): List<Case> = listOf(
    discharged("c-1", "1480", CareType.SOMATIC, "2026-01-05T22:30:00Z", "2026-01-05T22:50:00Z"),
    discharged("c-2", "1480", CareType.SOMATIC, "2026-01-05T23:30:00Z", "2026-01-10T10:00:00Z"),
    discharged("c-3", "0180", CareType.PSYCHIATRIC, "2026-01-12T10:00:00Z", "2026-01-20T23:30:00Z"),
    discharged("c-4", "0180", CareType.SOMATIC, "2026-01-25T10:00:00Z", "2026-01-31T23:30:00Z"),
    discharged("c-5", null, CareType.SOMATIC, "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z"),
)

/** Runs `block` on the ward and closes every case after. */
private fun <T> withWard(block: (List<Case>) -> T): T {
    val cases = ward()
    try {
        return block(cases)
    } finally {
        cases.forEach { it.close() }
    }
}

/** Figures as the spec names them: shares and means over no cases are null. */
private fun figures(discharges: Int, sameDay: Int, withDays: Int, total: Int, days: Int) = Figures(
    discharges.toULong(), sameDay.toULong(), if (discharges == 0) null else sameDay.toDouble() / discharges,
    withDays.toULong(), total.toULong(), if (withDays == 0) null else total.toDouble() / withDays, total.toDouble() / days,
)

private fun individual(municipality: String?, discharges: Int, days: Double, amount: Double) =
    PaymentRow(municipality, discharges.toULong(), days, amount, null, null, null)

private fun average(municipality: String?, discharges: Int, days: Double, amount: Double, cases: Int, alone: Double, excess: Double) =
    PaymentRow(municipality, discharges.toULong(), days, amount, cases.toULong(), alone, excess)

private val LAW = PaymentModel.Individual(1000.0)

val indicatorPaths: List<Pair<String, () -> Unit>> = listOf(
    "indicators over two municipalities and both care types, by Stockholm's days, nothing logged" to {
        withWard { cases ->
            val before = cases.map { it.snapshot() }
            val january = indicators(cases, JAN, FEB)
            check(january.from == JAN && january.to == FEB && january.days == 31uL) { "$january" }
            // c-1 0, c-2 4, c-3 9, c-5 1; c-4 is February's.
            check(january.overall == figures(4, 1, 3, 14, 31)) { "overall ${january.overall}" }
            check(january.groups == listOf(
                IndicatorGroup("0180", CareType.PSYCHIATRIC, figures(1, 0, 1, 9, 31)),
                IndicatorGroup("1480", CareType.SOMATIC, figures(2, 1, 1, 4, 31)),
                IndicatorGroup(null, CareType.SOMATIC, figures(1, 0, 1, 1, 31)),
            )) { "groups ${january.groups}" }
            check(january.overall.meanReadyDays == 14.0 / 3 && january.groups[1].figures.sameDayShare == 0.5) { "$january" }
            // 5 January: c-1 ready at 23:30 and home at 23:50 that day; c-2's notice at 00:30 on
            // the 6th is not that day's. c-4's discharge at 00:30 on 1 February is February's.
            check(indicators(cases.take(2), "2026-01-05", "2026-01-06").overall == figures(1, 1, 0, 0, 1)) { "5 January" }
            val february = indicators(cases, FEB, MAR)
            check(february.days == 28uL && february.overall == figures(1, 0, 1, 7, 28) && february.overall.bedsPerDay == 0.25) { "$february" }
            check(february.groups.map { it.municipality to it.careType } == listOf("0180" to CareType.SOMATIC)) { "${february.groups}" }
            val empty = indicators(listOf(), JAN, FEB).overall
            check(empty == figures(0, 0, 0, 0, 31) && empty.sameDayShare == null && empty.meanReadyDays == null) { "$empty" }
            check(cases.map { it.snapshot() } == before && cases.all { it.accessLog().isEmpty() }) { "indicators changed a case" }
        }
    },
    "the payment basis by the individual model, both forms of the average and a preset" to {
        withWard { cases ->
            // c-3 7; c-1 0 and c-2 2 (its notice on the 6th in Stockholm: from the 9th).
            val law = paymentBasis(cases, JAN, FEB, LAW)
            check(law == listOf(individual("0180", 1, 7.0, 7000.0), individual("1480", 2, 2.0, 2000.0), individual(null, 1, 0.0, 0.0))) { "$law" }
            check(paymentBasis(cases, FEB, MAR, LAW) == listOf(individual("0180", 1, 5.0, 5000.0))) { "February" }
            // A 7-day rule and no day 0: c-3's 9 charged 2 alone; c-2's 4 − 1.5 (c-1's 0 left out).
            val sevenDays = paymentBasis(cases, JAN, FEB, PaymentModel.Average(1.5, false, 7.0, 500.0))
            check(sevenDays == listOf(
                average("0180", 1, 2.0, 1000.0, 1, 2.0, 0.0),
                average("1480", 2, 2.5, 1250.0, 0, 0.0, 2.5),
                average(null, 1, 0.0, 0.0, 0, 0.0, 0.0),
            )) { "$sevenDays" }
            // Day 0 counted, no individual rule: 9 − 3; 4 − 2 × 3 < 0; 1 − 3 < 0.
            val dayZero = paymentBasis(cases, JAN, FEB, PaymentModel.Average(3.0, true, null, 100.0))
            check(dayZero.map { Triple(it.municipality, it.payableDays, it.excessDays) } ==
                listOf(Triple("0180", 6.0, 6.0), Triple("1480", 0.0, 0.0), Triple(null, 0.0, 0.0))) { "$dayZero" }
            val vg = paymentPreset("vastra_gotaland")
            check(vg == PaymentModel.Average(3.0, true, 7.0, 4277.0)) { "$vg" }
            check(paymentBasis(cases, JAN, FEB, vg)[0] == average("0180", 1, 2.0, 8554.0, 1, 2.0, 0.0)) { "Västra Götaland" }
            check(paymentPreset("law") == PaymentModel.Individual(9300.0)) { "law" }
            check(paymentPresets() == listOf("law", "vastra_gotaland", "stockholm", "pre_2018")) { "${paymentPresets()}" }
        }
    },
    "refusals name from, to, cases and the model's field, and touch no case" to {
        withWard { cases ->
            val before = cases.map { it.snapshot() }
            for (call in listOf<(List<Case>, String, String) -> Unit>(
                { c, f, t -> indicators(c, f, t) },
                { c, f, t -> paymentBasis(c, f, t, LAW) },
            )) {
                for ((from, to, field, problem) in listOf(
                    listOf("2026-1-01", FEB, "from", "not_a_date"),
                    listOf(JAN, "2026-02-30", "to", "not_a_date"),
                    listOf("2026-01-01T00:00:00Z", FEB, "from", "not_a_date"),
                    listOf(PATIENT_TEXT, FEB, "from", "not_a_date"),
                    listOf(JAN, JAN, "to", "out_of_range"),
                    listOf(FEB, JAN, "to", "out_of_range"),
                )) {
                    val e = expectError("invalid_input") { call(cases, from, to) }
                    check(detail(e, "field") == field && detail(e, "problem") == problem) { "$from $to: ${e.details}" }
                    check(listOf(e.details, e.messageSv, e.messageEn).none { "Anna" in it || "1212" in it }) { "leaked: $e" }
                }
                // The same object twice, refused before any lock (not a deadlock); two of one case_id.
                val twin = discharged("c-1", "0180", CareType.SOMATIC, "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z")
                twin.use {
                    for (list in listOf(cases + cases[0], listOf(cases[0], twin))) {
                        val e = expectError("invalid_input") { call(list, JAN, FEB) }
                        check(detail(e, "field") == "cases" && detail(e, "problem") == "duplicate") { e.details }
                    }
                }
                // The dates before the list.
                val e = expectError("invalid_input") { call(listOf(cases[0], cases[0]), "soon", FEB) }
                check(detail(e, "field") == "from") { e.details }
            }
            // The model, checked by the core after the dates and before the period and the list.
            for ((model, field) in listOf(
                PaymentModel.Individual(-1.0) to "daily_amount_sek",
                PaymentModel.Individual(Double.NaN) to "daily_amount_sek",
                PaymentModel.Average(Double.POSITIVE_INFINITY, true, null, 1.0) to "threshold_days",
                PaymentModel.Average(3.0, true, -7.0, 1.0) to "individual_after_days",
            )) {
                val e = expectError("invalid_input") { paymentBasis(cases + cases[0], FEB, JAN, model) }
                check(detail(e, "field") == field && detail(e, "problem") == "out_of_range") { "$model: ${e.details}" }
            }
            val e = expectError("invalid_input") { paymentPreset("halland") }
            check(detail(e, "field") == "preset" && detail(e, "problem") == "unknown_value") { e.details }
            check((parseJson(e.details).asJsonObject.get("allowed").asJsonArray).map { it.asString } == paymentPresets()) { e.details }
            check(cases.map { it.snapshot() } == before && cases.all { it.accessLog().isEmpty() }) { "a refusal changed a case" }
        }
    },
    "indicators and worklists over the same cases in opposite orders from many threads" to {
        withWard { cases ->
            val items = worklist(Role.INPATIENT, "2026-02-02T08:00:00Z", cases).size
            val pool = Executors.newFixedThreadPool(8)
            val calls = (1..200).map { i ->
                val list = if (i % 2 == 0) cases else cases.reversed()
                pool.submit<Boolean> {
                    when (i % 3) {
                        0 -> indicators(list, JAN, FEB).overall.discharges == 4uL
                        1 -> paymentBasis(list, JAN, FEB, LAW).size == 3
                        else -> worklist(Role.INPATIENT, "2026-02-02T08:00:00Z", list).size == items
                    }
                }
            }
            val answers = calls.map { it.get(30, TimeUnit.SECONDS) }
            pool.shutdown()
            check(pool.awaitTermination(30, TimeUnit.SECONDS)) { "threads did not finish" }
            check(answers.all { it }) { "answers $answers" }
        }
    },
)
