/*
 * A day in the record system: the HIS admits a patient, events are applied as the ward and the
 * care contact record them, each `notify` effect goes out as a message, and next morning the care
 * contact opens the worklist and acknowledges a message from it. JSON is read with cJSON here;
 * use the record system's own JSON library. docs/c-api.md says who owns what.
 *
 *   cc -std=c11 integration.c $(pkg-config --cflags --libs utskrivning libcjson) -o integration
 */
#include <stdio.h>
#include <string.h>

#include <cjson/cJSON.h>
#include <utskrivning.h>

#define OK UTSKRIVNING_RESULT_OK

static const char *text(const cJSON *object, const char *key) {
    return cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(object, key));
}

/* Prints a refusal's error JSON ({"code", "message_sv", "message_en", "details"}) and frees it. */
static void refused(const char *what, utskrivning_result r, char *error) {
    fprintf(stderr, "%s refused (%s): %s\n", what, utskrivning_result_name(r), error != NULL ? error : "");
    utskrivning_string_free(error);
}

/* Every `notify` effect is a message the record system must send: to whom, what, its id. */
static void send_messages(const char *answer_json) {
    cJSON *answer = cJSON_Parse(answer_json);
    const cJSON *effect;
    cJSON_ArrayForEach(effect, cJSON_GetObjectItemCaseSensitive(answer, "effects")) {
        const char *type = text(effect, "type");
        if (type == NULL || strcmp(type, "notify") != 0) {
            continue; /* state_changed, responsibility moves: the record system's own screens */
        }
        char *to = cJSON_PrintUnformatted(cJSON_GetObjectItemCaseSensitive(effect, "to"));
        const char *estimate = text(effect, "estimated_discharge");
        printf("  send %s [%s] to %s%s%s\n", text(effect, "message"), text(effect, "id"), to,
               estimate != NULL ? ", estimated discharge " : "", estimate != NULL ? estimate : "");
        cJSON_free(to);
    }
    cJSON_Delete(answer);
}

/* One event from the record system's screens: applied, and its messages sent. A refused event
 * changed nothing; the user sees why. */
static int on_event(utskrivning_case *c, const char *event_json) {
    char *answer = NULL, *error = NULL;
    utskrivning_result r = utskrivning_case_apply(c, event_json, &answer);
    if (r != OK) {
        utskrivning_case_last_error(c, &error);
        refused("event", r, error);
        return 1;
    }
    send_messages(answer);
    utskrivning_string_free(answer);
    return 0;
}

/* The care contact's morning list over every case the unit has (here one). Acknowledges the
 * first message in it, as the user would by clicking it. Returns the number of items, or -1. */
static int morning_worklist(utskrivning_case *const *cases, size_t n, const char *at, int acknowledge) {
    char *items_json = NULL, *error = NULL;
    utskrivning_result r = utskrivning_worklist("care_contact", at, cases, n, "vc-norr", &items_json, &error);
    if (r != OK) {
        refused("worklist", r, error);
        return -1;
    }
    cJSON *items = cJSON_Parse(items_json);
    utskrivning_string_free(items_json);
    const cJSON *item;
    int count = 0, failed = 0;
    cJSON_ArrayForEach(item, items) {
        const char *due = text(item, "due");
        printf("  %s %s %s, due %s%s\n", text(item, "case_id"), text(item, "kind"),
               text(item, "ref") != NULL ? text(item, "ref") : "-", due != NULL ? due : "-",
               cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(item, "overdue")) ? " OVERDUE" : "");
        if (acknowledge && count == 0 && strcmp(text(item, "kind"), "acknowledge_message") == 0) {
            char event[256]; /* the id is the engine's own (m1, m2, ...), safe to put in JSON */
            snprintf(event, sizeof event,
                     "{\"at\": \"%s\", \"actor\": \"care_contact\", \"type\": \"acknowledge_message\", \"id\": \"%s\"}",
                     at, text(item, "ref"));
            printf("  acknowledging %s\n", text(item, "ref"));
            failed |= on_event(cases[0], event); /* the one case; look a case up by case_id otherwise */
        }
        count++;
    }
    cJSON_Delete(items);
    return failed ? -1 : count;
}

int main(void) {
    /* 07:40: the HIS admits the patient. Its admission record gives the home municipality and
     * the care type; the region's agreement asks for acknowledgement within 24 hours. */
    utskrivning_case *c = NULL;
    if (utskrivning_case_new(&c) != OK) {
        return 1;
    }
    char *error = NULL;
    utskrivning_result r = utskrivning_case_admit(c, "2026-03-02T07:40:00Z", "vt-26-0117", "professional_check_in", 0,
                                                  "1480", "somatic", "{\"acknowledgement_hours\": 24}");
    if (r != OK) {
        utskrivning_case_last_error(c, &error);
        refused("admission", r, error);
        utskrivning_case_free(c);
        return 1;
    }

    /* Through the day, as the ward and the care contact record them. */
    int failed = 0;
    puts("day 1");
    failed |= on_event(c, "{\"at\": \"2026-03-02T08:30:00Z\", \"actor\": \"inpatient\","
                          " \"type\": \"set_estimated_discharge\", \"date\": \"2026-03-06\"}");
    failed |= on_event(c, "{\"at\": \"2026-03-02T09:00:00Z\", \"actor\": \"inpatient\","
                          " \"type\": \"send_admission_notice\", \"to\": [\"care_contact\", \"social_services\"]}");
    failed |= on_event(c, "{\"at\": \"2026-03-02T10:15:00Z\", \"actor\": \"care_contact\","
                          " \"type\": \"assign_care_contact\", \"unit\": \"vc-norr\"}");
    failed |= on_event(c, "{\"at\": \"2026-03-02T15:00:00Z\", \"actor\": \"inpatient\","
                          " \"type\": \"set_estimated_discharge\", \"date\": \"2026-03-09\"}");

    /* Next morning the care contact at vc-norr opens the worklist and acknowledges the first
     * message; opened again, it is gone. Each case that gave an item logged the reading. */
    utskrivning_case *const cases[] = {c};
    puts("day 2, 09:30: the care contact's worklist");
    int before = morning_worklist(cases, 1, "2026-03-03T09:30:00Z", 1);
    puts("day 2, 09:31: again");
    int after = morning_worklist(cases, 1, "2026-03-03T09:31:00Z", 0);
    failed |= before < 1 || after != before - 1;

    /* Evening: store the snapshot (state, journal, access log) in the record system. */
    char *snapshot = NULL;
    failed |= utskrivning_case_snapshot(c, &snapshot) != OK;
    printf("stored the snapshot, %zu bytes\n", snapshot != NULL ? strlen(snapshot) : 0);
    utskrivning_string_free(snapshot);
    utskrivning_case_free(c);
    return failed ? 1 : 0;
}
