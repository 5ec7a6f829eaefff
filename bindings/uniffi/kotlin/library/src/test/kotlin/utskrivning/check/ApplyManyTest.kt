// `applyMany`: events in one crossing, answered in order; the first refusal carries its index,
// the events before it stay applied and the refused one changes nothing.
package utskrivning.check

import org.junit.jupiter.api.Test
import utskrivning.Case
import utskrivning.Routine
import utskrivning.UtskrivningException

class ApplyManyTest {
    private val notice = """{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}"""
    private val assign = """{"at":"2026-03-02T09:10:00Z","actor":"care_contact","type":"assign_care_contact","unit":"VC Norr"}"""
    private val tooEarly = """{"at":"2026-03-02T09:20:00Z","actor":"care_contact","type":"send_care_request","question":"Hemsjukvård?"}"""

    private fun admitted(): Case = Case.admit("2026-03-02T08:00:00Z", "c-many", Routine.INDIVIDUAL_CHECK_IN, false, null, null, null)

    @Test
    fun answersComeInOrderAsApplyGivesThem() {
        admitted().use { many ->
            admitted().use { one ->
                val answers = many.applyMany(listOf(notice, assign))
                val singles = listOf(one.apply(notice), one.apply(assign))
                check(answers == singles) { "$answers != $singles" }
                check(many.snapshot(null) == one.snapshot(null))
            }
        }
    }

    @Test
    fun theFirstRefusalNamesItsIndexAndKeepsWhatCameBefore() {
        admitted().use { case ->
            var refused: UtskrivningException? = null
            try {
                case.applyMany(listOf(notice, assign, tooEarly, assign))
            } catch (e: UtskrivningException) {
                refused = e
            }
            val details = parseJson(refused!!.parts().details).asJsonObject
            check(details["index"].asInt == 2) { "$details" }
            admitted().use { two ->
                two.apply(notice)
                two.apply(assign)
                check(case.snapshot(null) == two.snapshot(null)) { "the events before the refusal stay applied, the refused one changes nothing" }
            }
        }
    }
}
