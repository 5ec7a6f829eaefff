// FHIR R4 through the typed API (docs/fhir.md): the Bundle of a case with a care request, its
// Task set as municipal care's system would and read back as the event, which moves the case as
// the direct event does; a Task that does not fit named by its element; a case not admitted.
package utskrivning.check

import com.google.gson.JsonObject
import com.google.gson.JsonPrimitive
import org.junit.jupiter.api.Test
import utskrivning.Case
import utskrivning.Routine
import utskrivning.UtskrivningException
import utskrivning.fromFhirTask

class FhirTest {
    private fun sent(): Case = Case.admit("2026-03-02T08:00:00Z", "c-fhir", Routine.INDIVIDUAL_CHECK_IN, false, null, null, null).also { c ->
        c.apply("""{"at":"2026-03-02T09:00:00Z","actor":"inpatient","type":"send_admission_notice","to":["care_contact"]}""")
        c.apply("""{"at":"2026-03-02T09:10:00Z","actor":"care_contact","type":"assign_care_contact","unit":"VC Norr"}""")
        c.apply("""{"at":"2026-03-02T09:20:00Z","actor":"patient","type":"give_consent","purpose":"care_request","written_information_given":true}""")
        c.apply("""{"at":"2026-03-02T09:30:00Z","actor":"care_contact","type":"send_care_request","question":"Hemsjukvård?"}""")
    }

    @Test
    fun theTaskSetAsMunicipalCareWouldMovesTheCase() {
        sent().use { case ->
            val bundle = parseJson(case.toFhir("2026-03-02T10:00:00Z")).asJsonObject
            check(bundle["resourceType"].asString == "Bundle" && bundle["type"].asString == "collection") { "$bundle" }
            val task = bundle["entry"].asJsonArray.map { it.asJsonObject["resource"].asJsonObject }
                .first { it["resourceType"].asString == "Task" && it["intent"].asString == "order" }
            check(task["status"].asString == "requested") { "$task" }
            task.add("status", JsonPrimitive("received"))
            val event = parseJson(fromFhirTask(task.toString(), "2026-03-02T11:00:00Z")).asJsonObject
            check(event["type"].asString == "acknowledge_care_request" && event["actor"].asString == "municipal_care") { "$event" }
            case.apply(event.toString())
            val state = parseJson(case.state()).asJsonObject
            check(state["care_request"].asJsonObject["state"].asString == "acknowledged") { "$state" }
        }
    }

    @Test
    fun aTaskThatDoesNotFitNamesTheElement() {
        val refused = try {
            fromFhirTask("""{"resourceType":"Task","status":"Klar enligt Anna"}""", "2026-03-02T11:00:00Z")
            null
        } catch (e: UtskrivningException.InvalidInput) {
            e
        }
        check(refused != null) { "accepted" }
        val details = parseJson(refused!!.details).asJsonObject
        check(details["field"].asString == "Task.status" && details["problem"].asString == "unknown_value") { "$details" }
        check(!refused.details.contains("Anna")) { refused.details }
        Case().use { empty ->
            val wrong = try {
                empty.toFhir("2026-03-02T11:00:00Z")
                null
            } catch (e: UtskrivningException.WrongState) {
                e
            }
            check(wrong != null && (parseJson(wrong.details) as JsonObject)["event"].asString == "to_fhir") { "$wrong" }
        }
    }
}
