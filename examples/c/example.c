/*
 * A discharge case from C, start to finish: admit, apply events, handle a rejection, view,
 * snapshot, restore and free. Copy it as a start; docs/c-api.md says who owns what.
 *
 *   cc -std=c11 example.c $(pkg-config --cflags --libs utskrivning) -o example
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utskrivning.h>

/* Prints why the last call on `c` failed: {"code", "message_sv", "message_en", "details"}. */
static void print_last_error(const utskrivning_case *c, utskrivning_result r) {
    char *error = NULL;
    if (utskrivning_case_last_error(c, &error) == UTSKRIVNING_RESULT_OK) {
        fprintf(stderr, "refused (%s): %s\n", utskrivning_result_name(r), error);
        utskrivning_string_free(error); /* every string the library hands out is freed by it */
    }
}

/* Applies one event; on success prints the effects (the messages the record system must now
 * send), on refusal prints why. Returns the result either way. */
static utskrivning_result apply(utskrivning_case *c, const char *event_json) {
    char *effects = NULL;
    utskrivning_result r = utskrivning_case_apply(c, event_json, &effects);
    if (r == UTSKRIVNING_RESULT_OK) {
        printf("accepted: %s\n", effects);
        utskrivning_string_free(effects);
    } else {
        /* A refused event changed nothing: effects was not written, the case is as it was. */
        print_last_error(c, r);
    }
    return r;
}

int main(void) {
    /* The header and the library must be the same version. */
    printf("utskrivning %s (header %s)\n", utskrivning_version(), UTSKRIVNING_VERSION);

    /* A handle starts empty; admitting fills it. NULL agreement: the law's deadlines. */
    utskrivning_case *c = NULL;
    if (utskrivning_case_new(&c) != UTSKRIVNING_RESULT_OK) {
        return 1;
    }
    /* NULL municipality and care type: none given, somatic care. */
    utskrivning_result r =
        utskrivning_case_admit(c, "2026-03-02T08:00:00Z", "c-1", "professional_check_in", 0, NULL, NULL, NULL);
    if (r != UTSKRIVNING_RESULT_OK) {
        print_last_error(c, r);
        utskrivning_case_free(c);
        return 1;
    }

    /* Events are JSON: {"at", "actor", "type", <the event's fields>}. */
    int failed = apply(c, "{\"at\": \"2026-03-02T09:00:00Z\", \"actor\": \"inpatient\","
                          " \"type\": \"send_admission_notice\", \"to\": [\"care_contact\", \"social_services\"]}") !=
                 UTSKRIVNING_RESULT_OK;
    failed |= apply(c, "{\"at\": \"2026-03-02T10:00:00Z\", \"actor\": \"care_contact\","
                       " \"type\": \"assign_care_contact\", \"unit\": \"Vårdcentralen Norrmalm\"}") != UTSKRIVNING_RESULT_OK;

    /* A rejection is an answer, not a crash: time may not go back. */
    r = apply(c, "{\"at\": \"2026-03-01T10:00:00Z\", \"actor\": \"inpatient\", \"type\": \"mark_ready_for_discharge\"}");
    failed |= r != UTSKRIVNING_RESULT_TIME_WENT_BACKWARDS;

    /* Views are per role, and every view (allowed or refused) goes to the access log. */
    char *view = NULL;
    r = utskrivning_case_view(c, "care_contact", "2026-03-02T11:00:00Z", &view);
    if (r == UTSKRIVNING_RESULT_OK) {
        printf("care_contact sees: %s\n", view);
        utskrivning_string_free(view);
    } else {
        print_last_error(c, r);
        failed = 1;
    }
    r = utskrivning_case_view(c, "relative", "2026-03-02T11:05:00Z", &view);
    failed |= r != UTSKRIVNING_RESULT_NOT_PERMITTED;
    print_last_error(c, r);

    /* Store the snapshot; later, restore it into a fresh handle. */
    char *snapshot = NULL;
    if (utskrivning_case_snapshot(c, &snapshot) != UTSKRIVNING_RESULT_OK) {
        utskrivning_case_free(c);
        return 1;
    }
    utskrivning_case *restored = NULL;
    failed |= utskrivning_case_new(&restored) != UTSKRIVNING_RESULT_OK;
    failed |= utskrivning_case_restore(restored, snapshot) != UTSKRIVNING_RESULT_OK;
    printf("snapshot: %zu bytes, restored\n", strlen(snapshot));
    utskrivning_string_free(snapshot);

    /* Each handle is freed once; the strings taken from it were freed above. */
    utskrivning_case_free(restored);
    utskrivning_case_free(c);
    return failed ? 1 : 0;
}
