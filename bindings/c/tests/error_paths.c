/*
 * The C API's error paths: NULL and non-UTF-8 parameters, truncated JSON, buffers too small,
 * outputs left alone on failure, the last error's JSON, and the round trips a vendor relies
 * on. Using a freed handle is undefined behaviour (docs/c-api.md) and is not tested.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "utskrivning.h"

static int failures; /* checks failed in the current test */

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            printf("     %s:%d: %s\n", __func__, __LINE__, #cond);           \
            failures++;                                                      \
        }                                                                    \
    } while (0)

#define OK UTSKRIVNING_RESULT_OK
#define AT "2026-03-02T08:00:00Z"
#define LATER "2026-03-02T09:00:00Z"
#define NOTICE "{\"at\":\"" LATER "\",\"actor\":\"inpatient\",\"type\":\"send_admission_notice\",\"to\":[\"care_contact\"]}"

/* A pointer no call may write: outputs are written only on success. */
static char sentinel_byte;
#define SENTINEL (&sentinel_byte)

static utskrivning_case *admitted(void) {
    utskrivning_case *c = NULL;
    if (utskrivning_case_new(&c) != OK) {
        return NULL;
    }
    if (utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, NULL, NULL) != OK) {
        utskrivning_case_free(c);
        return NULL;
    }
    return c;
}

/* The handle's last error, parsed (cJSON null if the last call succeeded). */
static cJSON *last_error(const utskrivning_case *c) {
    char *s = NULL;
    if (utskrivning_case_last_error(c, &s) != OK) {
        return NULL;
    }
    cJSON *e = cJSON_Parse(s);
    utskrivning_string_free(s);
    return e;
}

/* The last error has this code and its details this string under `key`. */
static bool last_error_is(const utskrivning_case *c, const char *code, const char *key, const char *value) {
    cJSON *e = last_error(c);
    const cJSON *got_code = cJSON_GetObjectItemCaseSensitive(e, "code");
    const cJSON *got = cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "details"), key);
    bool is = cJSON_IsString(got_code) && strcmp(got_code->valuestring, code) == 0 && cJSON_IsString(got) &&
              strcmp(got->valuestring, value) == 0;
    cJSON_Delete(e);
    return is;
}

static bool string_is(const cJSON *item, const char *want) {
    return cJSON_IsString(item) && strcmp(item->valuestring, want) == 0;
}

static char *snapshot(const utskrivning_case *c) {
    char *s = NULL;
    return utskrivning_case_snapshot(c, &s) == OK ? s : NULL;
}

static bool same_snapshot(const utskrivning_case *c, const char *before) {
    char *now = snapshot(c);
    bool same = now != NULL && before != NULL && strcmp(now, before) == 0;
    utskrivning_string_free(now);
    return same;
}

/* ---- The tests ---------------------------------------------------------------------------- */

static void null_handle_is_null_parameter(void) {
    char *s = SENTINEL;
    char buf[8];
    size_t n = 7;
    CHECK(utskrivning_case_new(NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_admit(NULL, AT, "c-1", "professional_check_in", 0, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_apply(NULL, NOTICE, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_view(NULL, "inpatient", AT, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_state(NULL, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_snapshot(NULL, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_restore(NULL, "{}") == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_journal(NULL, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_replay(NULL, "[]") == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_access_log(NULL, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_deadlines(NULL, AT, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_last_error(NULL, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_labels(NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_label(NULL, "patient", "sv", buf, sizeof buf, &n, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_label("role", "patient", "sv", NULL, sizeof buf, &n, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_label("role", "patient", "sv", buf, sizeof buf, NULL, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(s == SENTINEL && n == 7);
    /* Freeing NULL does nothing. */
    utskrivning_case_free(NULL);
    utskrivning_string_free(NULL);
}

static void null_parameter_is_named_and_the_case_kept(void) {
    utskrivning_case *c = admitted();
    CHECK(c != NULL);
    char *before = snapshot(c);
    char *s = SENTINEL;
    CHECK(utskrivning_case_apply(c, NULL, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_is(c, "null_parameter", "parameter", "event_json"));
    CHECK(utskrivning_case_apply(c, NOTICE, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_is(c, "null_parameter", "parameter", "effects_out"));
    CHECK(utskrivning_case_view(c, NULL, AT, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_is(c, "null_parameter", "parameter", "role"));
    CHECK(utskrivning_case_view(c, "inpatient", AT, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_is(c, "null_parameter", "parameter", "view_out"));
    CHECK(utskrivning_case_admit(c, AT, NULL, "professional_check_in", 0, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_is(c, "null_parameter", "parameter", "case_id"));
    CHECK(utskrivning_case_restore(c, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_is(c, "null_parameter", "parameter", "snapshot_json"));
    CHECK(utskrivning_case_deadlines(c, AT, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_is(c, "null_parameter", "parameter", "deadlines_out"));
    CHECK(utskrivning_case_last_error(c, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(s == SENTINEL);
    /* A refused view is logged; these were refused before reaching the case. */
    CHECK(same_snapshot(c, before));
    utskrivning_string_free(before);
    utskrivning_case_free(c);
}

static void bad_utf8_is_invalid_utf8_and_named(void) {
    utskrivning_case *c = NULL;
    CHECK(utskrivning_case_new(&c) == OK);
    char *s = SENTINEL;
    CHECK(utskrivning_case_admit(c, AT, "c-\xff", "professional_check_in", 0, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_is(c, "invalid_utf8", "parameter", "case_id"));
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, NULL, "{\"payment_days\":\xc3}") ==
          UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_is(c, "invalid_utf8", "parameter", "agreement_json"));
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, NULL, NULL) == OK);
    /* A lone continuation byte, an overlong encoding, a surrogate. */
    CHECK(utskrivning_case_apply(c, "{\"at\":\"\x80\"}", &s) == UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_is(c, "invalid_utf8", "parameter", "event_json"));
    CHECK(utskrivning_case_view(c, "\xc0\xaf", AT, &s) == UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_is(c, "invalid_utf8", "parameter", "role"));
    CHECK(utskrivning_case_deadlines(c, "\xed\xa0\x80", &s) == UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_is(c, "invalid_utf8", "parameter", "at"));
    CHECK(utskrivning_case_replay(c, "[\xff]") == UTSKRIVNING_RESULT_INVALID_UTF8);
    char buf[64];
    size_t n = 7;
    CHECK(utskrivning_label("role", "pati\xe9nt", "sv", buf, sizeof buf, &n, NULL) == UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(s == SENTINEL && n == 7);
    utskrivning_case_free(c);
}

static void truncated_json_is_invalid_input_and_keeps_the_case(void) {
    utskrivning_case *c = admitted();
    char *before = snapshot(c);
    char *s = SENTINEL;
    CHECK(utskrivning_case_apply(c, "{\"at\":\"" LATER "\",\"actor\":\"inpatient\",\"type\":\"send_adm", &s) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "problem", "not_json"));
    CHECK(utskrivning_case_apply(c, "", &s) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_case_apply(c, "[]", &s) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "problem", "not_an_object"));
    CHECK(s == SENTINEL);
    CHECK(same_snapshot(c, before));

    /* A truncated snapshot or journal is refused, and the handle keeps its case. */
    size_t half = before != NULL ? strlen(before) / 2 : 0;
    char *cut = malloc(half + 1);
    if (cut != NULL && before != NULL) {
        memcpy(cut, before, half);
        cut[half] = 0;
    }
    CHECK(cut != NULL && before != NULL && utskrivning_case_restore(c, cut) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "field", "snapshot"));
    free(cut);
    CHECK(utskrivning_case_replay(c, "[{\"at\":") == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(same_snapshot(c, before));
    utskrivning_string_free(before);
    utskrivning_case_free(c);
}

static void tampered_and_newer_snapshots_are_refused(void) {
    utskrivning_case *c = admitted();
    char *s = NULL;
    CHECK(utskrivning_case_apply(c, NOTICE, &s) == OK);
    utskrivning_string_free(s);
    char *good = snapshot(c);
    cJSON *doc = cJSON_Parse(good);
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "version", cJSON_CreateNumber(999));
    char *newer = cJSON_PrintUnformatted(doc);
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "version", cJSON_CreateNumber(1));
    cJSON *state = cJSON_GetObjectItemCaseSensitive(doc, "state");
    cJSON_ReplaceItemInObjectCaseSensitive(state, "phase", cJSON_CreateString("discharged"));
    char *tampered = cJSON_PrintUnformatted(doc);

    utskrivning_case *other = NULL;
    CHECK(utskrivning_case_new(&other) == OK);
    char *empty = snapshot(other);
    CHECK(utskrivning_case_restore(other, newer) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(other, "invalid_input", "problem", "unsupported_version"));
    CHECK(utskrivning_case_restore(other, tampered) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(same_snapshot(other, empty));
    CHECK(utskrivning_case_restore(other, good) == OK);
    CHECK(same_snapshot(other, good));

    cJSON_free(newer);
    cJSON_free(tampered);
    cJSON_Delete(doc);
    utskrivning_string_free(good);
    utskrivning_string_free(empty);
    utskrivning_case_free(other);
    utskrivning_case_free(c);
}

static void too_small_buffers_are_left_untouched(void) {
    const char *want = "den enskilde"; /* role patient, in Swedish */
    size_t len = strlen(want);
    char buf[UTSKRIVNING_LABEL_MAX];
    memset(buf, '#', sizeof buf);
    size_t n = 7;
    CHECK(utskrivning_label("role", "patient", "sv", buf, 0, &n, NULL) == UTSKRIVNING_RESULT_BUFFER_TOO_SMALL);
    CHECK(utskrivning_label("role", "patient", "sv", buf, len, &n, NULL) == UTSKRIVNING_RESULT_BUFFER_TOO_SMALL);
    bool untouched = true;
    for (size_t i = 0; i < sizeof buf; i++) {
        untouched = untouched && buf[i] == '#';
    }
    CHECK(untouched && n == 7);
    CHECK(utskrivning_label("role", "patient", "sv", buf, len + 1, &n, NULL) == OK);
    CHECK(n == len && strcmp(buf, want) == 0 && buf[len + 1] == '#');
    CHECK(utskrivning_label("role", "patient", "en", buf, sizeof buf, &n, NULL) == OK && strcmp(buf, "the individual") == 0);
    CHECK(utskrivning_label("role", "nurse", "sv", buf, sizeof buf, &n, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_label("colour", "red", "sv", buf, sizeof buf, &n, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_label("role", "patient", "de", buf, sizeof buf, &n, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
}

static void every_label_fits_label_max(void) {
    char *all = NULL;
    CHECK(utskrivning_labels(&all) == OK);
    cJSON *kinds = cJSON_Parse(all);
    int words = 0;
    cJSON *kind;
    cJSON_ArrayForEach(kind, kinds) {
        cJSON *row;
        cJSON_ArrayForEach(row, kind) {
            const cJSON *word = cJSON_GetObjectItemCaseSensitive(row, "word");
            const char *langs[] = {"sv", "en"};
            for (size_t l = 0; l < 2; l++) {
                char buf[UTSKRIVNING_LABEL_MAX];
                size_t n = 0;
                const cJSON *label = cJSON_GetObjectItemCaseSensitive(row, langs[l]);
                CHECK(utskrivning_label(kind->string, word->valuestring, langs[l], buf, sizeof buf, &n, NULL) == OK);
                CHECK(strcmp(buf, label->valuestring) == 0 && n == strlen(buf));
            }
            words++;
        }
    }
    CHECK(words > 50);
    cJSON_Delete(kinds);
    utskrivning_string_free(all);
}

static void last_error_has_both_messages_and_no_free_text(void) {
    utskrivning_case *c = admitted();
    cJSON *none = last_error(c);
    CHECK(cJSON_IsNull(none));
    cJSON_Delete(none);

    /* Rejected (time went backwards): the reason a person wrote must not come back. */
    char *s = SENTINEL;
    CHECK(utskrivning_case_apply(c,
                                 "{\"at\":\"2026-03-01T08:00:00Z\",\"actor\":\"inpatient\",\"type\":\"cancel\","
                                 "\"reason\":\"Anna Andersson 19121212-1212\"}",
                                 &s) == UTSKRIVNING_RESULT_TIME_WENT_BACKWARDS);
    CHECK(s == SENTINEL);
    char *text = NULL;
    CHECK(utskrivning_case_last_error(c, &text) == OK);
    CHECK(text != NULL && strstr(text, "Anna") == NULL && strstr(text, "1912") == NULL);
    cJSON *e = cJSON_Parse(text);
    utskrivning_string_free(text);
    const char *keys[] = {"code", "message_sv", "message_en"};
    for (size_t k = 0; k < 3; k++) {
        CHECK(cJSON_IsString(cJSON_GetObjectItemCaseSensitive(e, keys[k])));
    }
    CHECK(cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(e, "details")));
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(e, "code")), "time_went_backwards") == 0);
    cJSON_Delete(e);

    /* An unknown field is named (cut short), never its value. */
    CHECK(utskrivning_case_apply(c, "{\"at\":\"" LATER "\",\"actor\":\"inpatient\",\"type\":\"discharge\",\"note\":\"Anna\"}", &s) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "field", "note"));
    /* Reading the last error does not reset it; the next success does. */
    CHECK(last_error_is(c, "invalid_input", "field", "note"));
    char *effects = NULL;
    CHECK(utskrivning_case_apply(c, NOTICE, &effects) == OK);
    CHECK(effects != NULL && strstr(effects, "\"effects\"") != NULL);
    utskrivning_string_free(effects);
    none = last_error(c);
    CHECK(cJSON_IsNull(none));
    cJSON_Delete(none);
    utskrivning_case_free(c);
}

static void admit_checks_as_the_event_does(void) {
    utskrivning_case *c = NULL;
    CHECK(utskrivning_case_new(&c) == OK);
    CHECK(utskrivning_case_admit(c, AT, "c-1", "fast_track", 0, NULL, NULL, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "field", "routine"));
    CHECK(utskrivning_case_admit(c, "yesterday", "c-1", "professional_check_in", 0, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "problem", "not_a_timestamp"));
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, NULL, "{\"payment_days\": ") ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "field", "agreement"));
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, NULL, "{\"payment_cutoff_hour\": 99}") ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "field", "agreement.payment_cutoff_hour"));
    CHECK(utskrivning_case_admit(c, AT, "c-1", "individual_check_in", 1, NULL, NULL, "{\"payment_days\": 2}") == OK);
    CHECK(utskrivning_case_admit(c, AT, "c-2", "individual_check_in", 1, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_WRONG_STATE);
    char *state = NULL;
    CHECK(utskrivning_case_state(c, &state) == OK);
    CHECK(state != NULL && strstr(state, "\"routine\":\"individual_check_in\"") != NULL);
    utskrivning_string_free(state);
    char *snap = snapshot(c);
    CHECK(snap != NULL && strstr(snap, "\"payment_days\":2") != NULL);
    utskrivning_string_free(snap);
    utskrivning_case_free(c);
}

/* A C boolean is a byte: only 0 and 1 are booleans, and anything else changes nothing. */
static void a_flag_other_than_0_or_1_is_refused(void) {
    utskrivning_case *empty = NULL;
    CHECK(utskrivning_case_new(&empty) == OK);
    utskrivning_case *c = admitted();
    char *empty_before = snapshot(empty), *before = snapshot(c);
    const uint8_t wrong[] = {2, 255};
    for (size_t i = 0; i < sizeof wrong; i++) {
        CHECK(utskrivning_case_admit(empty, AT, "c-2", "professional_check_in", wrong[i], NULL, NULL, NULL) ==
              UTSKRIVNING_RESULT_INVALID_INPUT);
        CHECK(last_error_is(empty, "invalid_input", "field", "municipal_care_at_admission"));
        CHECK(last_error_is(empty, "invalid_input", "problem", "wrong_type"));
        CHECK(same_snapshot(empty, empty_before));
        CHECK(utskrivning_case_admit(c, AT, "c-2", "professional_check_in", wrong[i], NULL, NULL, NULL) ==
              UTSKRIVNING_RESULT_INVALID_INPUT);
        CHECK(last_error_is(c, "invalid_input", "problem", "wrong_type"));
        CHECK(same_snapshot(c, before));
    }
    CHECK(utskrivning_case_admit(empty, AT, "c-2", "professional_check_in", 1, NULL, NULL, NULL) == OK);
    char *state = NULL;
    CHECK(utskrivning_case_state(empty, &state) == OK);
    CHECK(state != NULL && strstr(state, "\"municipal_care_at_admission\":true") != NULL);
    utskrivning_string_free(state);
    utskrivning_string_free(empty_before);
    utskrivning_string_free(before);
    utskrivning_case_free(empty);
    utskrivning_case_free(c);
}

/* A refused label says why through `error_out`, which NULL declines and success leaves alone. */
static void a_refused_label_says_which_part(void) {
    char buf[UTSKRIVNING_LABEL_MAX];
    size_t n = 7;
    char *error = SENTINEL;
    CHECK(utskrivning_label("role", "patient", "sv", buf, sizeof buf, &n, &error) == OK && error == SENTINEL);
    const char *cases[][3] = {{"role", "nobody", "word"}, {"nokind", "x", "kind"}};
    for (size_t i = 0; i < 2; i++) {
        error = NULL;
        CHECK(utskrivning_label(cases[i][0], cases[i][1], "en", buf, sizeof buf, &n, &error) ==
              UTSKRIVNING_RESULT_INVALID_INPUT);
        cJSON *e = cJSON_Parse(error);
        const cJSON *details = get(e, "details");
        CHECK(string_is(get(e, "code"), "invalid_input"));
        CHECK(string_is(get(details, "field"), cases[i][2]));
        CHECK(string_is(get(details, "problem"), "unknown_value"));
        CHECK(cJSON_GetArraySize(get(details, "allowed")) > 1);
        CHECK(error != NULL && strstr(error, cases[i][1]) == NULL); /* never the word passed */
        cJSON_Delete(e);
        utskrivning_string_free(error);
    }
    CHECK(utskrivning_label("role", "nobody", "en", buf, sizeof buf, &n, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
}

static void rejected_event_and_refused_view(void) {
    utskrivning_case *c = admitted();
    char *before = snapshot(c);
    char *s = SENTINEL;
    /* Before the notice there is no planning: discharge is refused, the case kept. */
    CHECK(utskrivning_case_apply(c, "{\"at\":\"" LATER "\",\"actor\":\"patient\",\"type\":\"discharge\"}", &s) ==
          UTSKRIVNING_RESULT_NOT_PERMITTED);
    CHECK(same_snapshot(c, before));
    /* A refused view answers its code, writes no view, and is logged. */
    CHECK(utskrivning_case_view(c, "municipal_care", LATER, &s) == UTSKRIVNING_RESULT_NO_CARE_RELATIONSHIP);
    CHECK(utskrivning_case_view(c, "relative", LATER, &s) == UTSKRIVNING_RESULT_NOT_PERMITTED);
    CHECK(utskrivning_case_view(c, "doctor", LATER, &s) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "field", "role"));
    CHECK(s == SENTINEL);
    char *view = NULL, *state = NULL, *log = NULL;
    CHECK(utskrivning_case_view(c, "care_contact", LATER, &view) == OK);
    CHECK(utskrivning_case_state(c, &state) == OK);
    CHECK(view != NULL && state != NULL && strcmp(view, state) == 0);
    CHECK(utskrivning_case_access_log(c, &log) == OK);
    cJSON *entries = cJSON_Parse(log);
    CHECK(cJSON_GetArraySize(entries) == 3);
    const cJSON *first = cJSON_GetArrayItem(entries, 0);
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "outcome")), "refused") == 0);
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(first, "code")), "no_care_relationship") == 0);
    cJSON_Delete(entries);
    utskrivning_string_free(view);
    utskrivning_string_free(state);
    utskrivning_string_free(log);
    utskrivning_string_free(before);
    utskrivning_case_free(c);
}

static void journal_replays_to_the_same_state(void) {
    utskrivning_case *c = admitted();
    char *s = NULL;
    CHECK(utskrivning_case_apply(c, NOTICE, &s) == OK);
    utskrivning_string_free(s);
    char *journal = NULL, *state = NULL, *replayed_state = NULL;
    CHECK(utskrivning_case_journal(c, &journal) == OK);
    CHECK(utskrivning_case_state(c, &state) == OK);
    utskrivning_case *r = NULL;
    CHECK(utskrivning_case_new(&r) == OK);
    CHECK(utskrivning_case_replay(r, journal) == OK);
    CHECK(utskrivning_case_state(r, &replayed_state) == OK);
    CHECK(state != NULL && replayed_state != NULL && strcmp(state, replayed_state) == 0);
    /* A journal whose second event is rejected names its index. */
    CHECK(utskrivning_case_replay(r, "[" NOTICE "]") == UTSKRIVNING_RESULT_WRONG_STATE);
    cJSON *e = last_error(r);
    CHECK(cJSON_GetNumberValue(cJSON_GetObjectItemCaseSensitive(cJSON_GetObjectItemCaseSensitive(e, "details"), "journal_index")) == 0);
    cJSON_Delete(e);
    utskrivning_string_free(journal);
    utskrivning_string_free(state);
    utskrivning_string_free(replayed_state);
    utskrivning_case_free(r);
    utskrivning_case_free(c);
}

static void deadlines_are_listed(void) {
    utskrivning_case *c = NULL;
    CHECK(utskrivning_case_new(&c) == OK);
    char *d = NULL;
    CHECK(utskrivning_case_deadlines(c, AT, &d) == OK && d != NULL && strcmp(d, "[]") == 0);
    utskrivning_string_free(d);
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, NULL, NULL) == OK);
    d = NULL;
    CHECK(utskrivning_case_deadlines(c, "2026-03-04T08:00:00Z", &d) == OK);
    cJSON *list = cJSON_Parse(d);
    const cJSON *notice = cJSON_GetArrayItem(list, 0);
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(notice, "kind")), "admission_notice") == 0);
    CHECK(strcmp(cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(notice, "status")), "overdue") == 0);
    cJSON_Delete(list);
    utskrivning_string_free(d);
    char *s = SENTINEL;
    CHECK(utskrivning_case_deadlines(c, "tomorrow", &s) == UTSKRIVNING_RESULT_INVALID_INPUT && s == SENTINEL);
    CHECK(last_error_is(c, "invalid_input", "field", "at"));
    utskrivning_case_free(c);
}

static void result_names_and_version(void) {
    CHECK(strcmp(utskrivning_version(), UTSKRIVNING_VERSION) == 0);
    char macro[32];
    snprintf(macro, sizeof macro, "%d.%d.%d", UTSKRIVNING_VERSION_MAJOR, UTSKRIVNING_VERSION_MINOR, UTSKRIVNING_VERSION_PATCH);
    CHECK(strcmp(macro, UTSKRIVNING_VERSION) == 0);
    CHECK(strcmp(utskrivning_result_name(UTSKRIVNING_RESULT_OK), "ok") == 0);
    CHECK(strcmp(utskrivning_result_name(UTSKRIVNING_RESULT_INVALID_INPUT), "invalid_input") == 0);
    CHECK(strcmp(utskrivning_result_name(UTSKRIVNING_RESULT_CASE_FINISHED), "case_finished") == 0);
    CHECK(strcmp(utskrivning_result_name(UTSKRIVNING_RESULT_INTERNAL), "internal") == 0);
    CHECK(strcmp(utskrivning_result_name(15), "unknown") == 0);
    CHECK(UTSKRIVNING_RESULT_CASE_FINISHED == 14 && UTSKRIVNING_RESULT_NULL_PARAMETER == 100 &&
          UTSKRIVNING_RESULT_INVALID_UTF8 == 101 && UTSKRIVNING_RESULT_BUFFER_TOO_SMALL == 102 &&
          UTSKRIVNING_RESULT_INTERNAL == 103);
}

/* ---- Spec version 2: admit's municipality and care type, acknowledgement, the worklist ---- */

#define NOTICE_TWO                                                                                                \
    "{\"at\":\"" LATER "\",\"actor\":\"inpatient\",\"type\":\"send_admission_notice\","                          \
    "\"to\":[\"care_contact\",\"social_services\"]}"
#define ACK(at, actor, id)                                                                                        \
    "{\"at\":\"" at "\",\"actor\":\"" actor "\",\"type\":\"acknowledge_message\",\"id\":\"" id "\"}"

static char *state_of(const utskrivning_case *c) {
    char *s = NULL;
    return utskrivning_case_state(c, &s) == OK ? s : NULL;
}

static cJSON *parsed_state(const utskrivning_case *c) {
    char *s = state_of(c);
    cJSON *state = s != NULL ? cJSON_Parse(s) : NULL;
    utskrivning_string_free(s);
    return state;
}

static bool same_state(const utskrivning_case *c, const char *before) {
    char *now = state_of(c);
    bool same = now != NULL && before != NULL && strcmp(now, before) == 0;
    utskrivning_string_free(now);
    return same;
}

/* A bad municipality code or care type is refused by name, never echoed, and admits nothing. */
static void municipality_and_care_type_are_checked(void) {
    utskrivning_case *c = NULL;
    CHECK(utskrivning_case_new(&c) == OK);
    char *empty = snapshot(c);
    const char *bad_codes[] = {"148", "14800", "14a0", "", " 1480", "\xd9\xa1\xd9\xa4\xd9\xa8\xd9\xa0"};
    for (size_t i = 0; i < sizeof bad_codes / sizeof bad_codes[0]; i++) {
        CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, bad_codes[i], NULL, NULL) ==
              UTSKRIVNING_RESULT_INVALID_INPUT);
        CHECK(last_error_is(c, "invalid_input", "field", "municipality"));
        CHECK(same_snapshot(c, empty));
    }
    char *text = NULL;
    CHECK(utskrivning_case_last_error(c, &text) == OK);
    CHECK(text != NULL && strstr(text, "\xd9\xa1") == NULL);
    utskrivning_string_free(text);
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, "14a0", NULL, NULL) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_case_last_error(c, &text) == OK);
    CHECK(text != NULL && strstr(text, "14a0") == NULL);
    utskrivning_string_free(text);
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, "\xff", NULL, NULL) ==
          UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_is(c, "invalid_utf8", "parameter", "municipality"));
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, "dental", NULL) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "field", "care_type"));
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, "\xc3", NULL) ==
          UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_is(c, "invalid_utf8", "parameter", "care_type"));
    CHECK(same_snapshot(c, empty));

    /* NULL is absent: no municipality, somatic care. */
    CHECK(utskrivning_case_admit(c, AT, "c-1", "professional_check_in", 0, NULL, NULL, NULL) == OK);
    cJSON *state = parsed_state(c);
    CHECK(cJSON_IsNull(get(state, "municipality")) && string_is(get(state, "care_type"), "somatic"));
    cJSON_Delete(state);
    utskrivning_case *d = NULL;
    CHECK(utskrivning_case_new(&d) == OK);
    CHECK(utskrivning_case_admit(d, AT, "c-2", "individual_check_in", 0, "1480", "psychiatric", NULL) == OK);
    state = parsed_state(d);
    CHECK(string_is(get(state, "municipality"), "1480") && string_is(get(state, "care_type"), "psychiatric"));
    cJSON_Delete(state);
    utskrivning_string_free(empty);
    utskrivning_case_free(d);
    utskrivning_case_free(c);
}

/* Every refused acknowledgement leaves the state and the snapshot byte for byte as they were. */
static void refused_acknowledgements_change_nothing(void) {
    utskrivning_case *c = admitted();
    char *effects = NULL;
    CHECK(utskrivning_case_apply(c, NOTICE_TWO, &effects) == OK);
    cJSON *sent = cJSON_Parse(effects);
    const cJSON *notify = NULL, *effect;
    cJSON_ArrayForEach(effect, get(sent, "effects")) {
        notify = string_is(get(effect, "type"), "notify") ? effect : notify;
    }
    CHECK(string_is(get(notify, "id"), "m1") && string_is(get(notify, "message"), "admission_notice") &&
          cJSON_IsNull(get(notify, "estimated_discharge")));
    cJSON_Delete(sent);
    utskrivning_string_free(effects);
    static const struct {
        const char *event;
        utskrivning_result want;
    } refused[] = {
        {ACK("2026-03-02T10:00:00Z", "care_contact", "m9"), UTSKRIVNING_RESULT_INVALID_INPUT},
        {ACK("2026-03-02T10:00:00Z", "care_contact", "mx"), UTSKRIVNING_RESULT_INVALID_INPUT},
        {ACK("2026-03-02T10:00:00Z", "inpatient", "m1"), UTSKRIVNING_RESULT_NOT_PERMITTED},
        {ACK("2026-03-02T10:00:00Z", "municipal_care", "m1"), UTSKRIVNING_RESULT_NOT_PERMITTED},
        {ACK("2026-03-02T10:00:00Z", "patient", "m1"), UTSKRIVNING_RESULT_NOT_PERMITTED},
        {ACK("2026-03-02T10:00:00Z", "relative", "m1"), UTSKRIVNING_RESULT_NOT_PERMITTED},
        {ACK("2026-03-01T10:00:00Z", "care_contact", "m1"), UTSKRIVNING_RESULT_TIME_WENT_BACKWARDS},
        {"{\"at\":\"2026-03-02T10:00:00Z\",\"actor\":\"care_contact\",\"type\":\"acknowledge_message\"}",
         UTSKRIVNING_RESULT_INVALID_INPUT},
    };
    char *state = state_of(c), *before = snapshot(c);
    for (size_t i = 0; i < sizeof refused / sizeof refused[0]; i++) {
        char *s = SENTINEL;
        utskrivning_result r = utskrivning_case_apply(c, refused[i].event, &s);
        CHECK(r == refused[i].want && s == SENTINEL);
        if (r != refused[i].want) {
            printf("       event %zu answered %s\n", i, utskrivning_result_name(r));
        }
        CHECK(same_state(c, state) && same_snapshot(c, before));
    }
    /* Accepted once (no effects), then the second is wrong_state and changes nothing. */
    CHECK(utskrivning_case_apply(c, ACK("2026-03-02T10:00:00Z", "care_contact", "m1"), &effects) == OK);
    CHECK(effects != NULL && strcmp(effects, "{\"effects\":[]}") == 0);
    utskrivning_string_free(effects);
    utskrivning_string_free(state);
    utskrivning_string_free(before);
    state = state_of(c);
    before = snapshot(c);
    char *s = SENTINEL;
    CHECK(utskrivning_case_apply(c, ACK("2026-03-02T11:00:00Z", "care_contact", "m1"), &s) ==
          UTSKRIVNING_RESULT_WRONG_STATE);
    CHECK(s == SENTINEL && same_state(c, state) && same_snapshot(c, before));
    cJSON *doc = cJSON_Parse(state);
    const cJSON *m1 = cJSON_GetArrayItem(get(doc, "messages"), 0);
    CHECK(cJSON_GetArraySize(get(m1, "acknowledged")) == 1 &&
          string_is(cJSON_GetArrayItem(get(m1, "acknowledged"), 0), "care_contact"));
    cJSON_Delete(doc);
    utskrivning_string_free(state);
    utskrivning_string_free(before);
    utskrivning_case_free(c);
}

/* The worklist's answer: its result, the items and the error (each NULL when not written). */
static utskrivning_result worklist(const char *role, const char *at, utskrivning_case *const *cases, size_t n,
                                   const char *unit, cJSON **items, cJSON **error) {
    char *items_text = SENTINEL, *error_text = SENTINEL;
    utskrivning_result r = utskrivning_worklist(role, at, cases, n, unit, &items_text, &error_text);
    /* Exactly one of the two outputs is written. */
    CHECK((r == OK) == (items_text != SENTINEL) && (r == OK) == (error_text == SENTINEL));
    *items = r == OK ? cJSON_Parse(items_text) : NULL;
    *error = r != OK ? cJSON_Parse(error_text) : NULL;
    if (r == OK) {
        utskrivning_string_free(items_text);
    } else {
        utskrivning_string_free(error_text);
    }
    return r;
}

static bool error_detail_is(const cJSON *e, const char *code, const char *key, const char *value) {
    return string_is(get(e, "code"), code) && string_is(get(get(e, "details"), key), value);
}

/* The care contact's list: the notice to acknowledge; acknowledged, it is gone. Logged per case. */
static void worklist_lists_and_logs(void) {
    utskrivning_case *c = admitted(), *empty = NULL;
    CHECK(utskrivning_case_new(&empty) == OK);
    char *s = NULL;
    CHECK(utskrivning_case_apply(c, NOTICE_TWO, &s) == OK);
    utskrivning_string_free(s);
    cJSON *items = NULL, *error = NULL;
    utskrivning_case *const cases[] = {empty, c};
    CHECK(worklist("care_contact", "2026-03-02T10:00:00Z", cases, 2, NULL, &items, &error) == OK);
    const cJSON *first = cJSON_GetArrayItem(items, 0);
    CHECK(cJSON_GetArraySize(items) == 1 && string_is(get(first, "case_id"), "c-1") &&
          string_is(get(first, "kind"), "acknowledge_message") && string_is(get(first, "ref"), "m1") &&
          cJSON_IsNull(get(first, "due")) && cJSON_IsFalse(get(first, "overdue")));
    cJSON_Delete(items);
    /* A unit that is not the case's leaves it out (no care contact is assigned yet). */
    CHECK(worklist("care_contact", "2026-03-02T10:00:00Z", cases, 2, "vc-norr", &items, &error) == OK);
    CHECK(cJSON_GetArraySize(items) == 0);
    cJSON_Delete(items);
    CHECK(utskrivning_case_apply(c, ACK("2026-03-02T11:00:00Z", "care_contact", "m1"), &s) == OK);
    utskrivning_string_free(s);
    CHECK(worklist("care_contact", "2026-03-02T12:00:00Z", cases, 2, NULL, &items, &error) == OK);
    CHECK(cJSON_GetArraySize(items) == 0);
    cJSON_Delete(items);
    /* No handles: an empty list, from a NULL array too. */
    CHECK(worklist("inpatient", AT, NULL, 0, NULL, &items, &error) == OK && cJSON_GetArraySize(items) == 0);
    cJSON_Delete(items);
    /* The one list that gave an item was logged, on the case that gave it; the empty handle logs nothing. */
    char *log = NULL;
    CHECK(utskrivning_case_access_log(c, &log) == OK);
    cJSON *entries = cJSON_Parse(log);
    CHECK(cJSON_GetArraySize(entries) == 1 && string_is(get(cJSON_GetArrayItem(entries, 0), "action"), "worklist"));
    cJSON_Delete(entries);
    utskrivning_string_free(log);
    CHECK(utskrivning_case_access_log(empty, &log) == OK && strcmp(log, "[]") == 0);
    utskrivning_string_free(log);
    /* The worklist records nothing on the handles: their last errors stay as they were. */
    cJSON *none = last_error(c);
    CHECK(cJSON_IsNull(none));
    cJSON_Delete(none);
    utskrivning_case_free(empty);
    utskrivning_case_free(c);
}

/* Every refusal writes no items, logs nothing and touches no handle's last error. */
static void worklist_refusals_change_nothing(void) {
    utskrivning_case *c = admitted(), *twin = admitted(), *other = NULL;
    CHECK(utskrivning_case_new(&other) == OK);
    CHECK(utskrivning_case_admit(other, AT, "c-2", "professional_check_in", 0, NULL, NULL, NULL) == OK);
    char *before = snapshot(c), *twin_before = snapshot(twin), *other_before = snapshot(other);
    /* A refused call on `c` (which changes nothing), to see the worklist leave its last error alone. */
    char *s = SENTINEL;
    CHECK(utskrivning_case_apply(c, "{}", &s) == UTSKRIVNING_RESULT_INVALID_INPUT);
    cJSON *was = last_error(c);
    cJSON *items = NULL, *error = NULL;

    utskrivning_case *const same[] = {other, c, c};
    CHECK(worklist("inpatient", LATER, same, 3, NULL, &items, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_detail_is(error, "invalid_input", "field", "cases") &&
          error_detail_is(error, "invalid_input", "problem", "duplicate"));
    cJSON_Delete(error);
    /* Two handles with one case_id: the core's duplicate, the same answer. */
    utskrivning_case *const twins[] = {c, twin};
    CHECK(worklist("inpatient", LATER, twins, 2, NULL, &items, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_detail_is(error, "invalid_input", "problem", "duplicate"));
    cJSON_Delete(error);
    /* A handle twice is refused before the role is: a patient's list of it is a duplicate too. */
    CHECK(worklist("patient", LATER, same, 3, NULL, &items, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    cJSON_Delete(error);

    utskrivning_case *const both[] = {c, other};
    const char *not_asked[] = {"patient", "relative"};
    for (size_t i = 0; i < 2; i++) {
        CHECK(worklist(not_asked[i], LATER, both, 2, NULL, &items, &error) == UTSKRIVNING_RESULT_NOT_PERMITTED);
        CHECK(string_is(get(error, "code"), "not_permitted"));
        cJSON_Delete(error);
    }
    CHECK(worklist("inpatient", "2026-03-02 09:00", both, 2, NULL, &items, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_detail_is(error, "invalid_input", "field", "at"));
    cJSON_Delete(error);
    CHECK(worklist("inpatient", "2026-03-02T09:00:00", both, 2, NULL, &items, &error) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    cJSON_Delete(error);
    CHECK(worklist("doctor", LATER, both, 2, NULL, &items, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_detail_is(error, "invalid_input", "field", "role"));
    cJSON_Delete(error);
    /* A bad time is found before a bad list. */
    CHECK(worklist("inpatient", "soon", same, 3, NULL, &items, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_detail_is(error, "invalid_input", "field", "at"));
    cJSON_Delete(error);

    /* NULL elements, a NULL array with a length, NULL parameters. */
    utskrivning_case *const holes[] = {c, NULL};
    CHECK(worklist("inpatient", LATER, holes, 2, NULL, &items, &error) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_detail_is(error, "null_parameter", "parameter", "cases"));
    cJSON_Delete(error);
    CHECK(worklist("inpatient", LATER, NULL, 1, NULL, &items, &error) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_detail_is(error, "null_parameter", "parameter", "cases"));
    cJSON_Delete(error);
    CHECK(worklist(NULL, LATER, both, 2, NULL, &items, &error) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_detail_is(error, "null_parameter", "parameter", "role"));
    cJSON_Delete(error);
    CHECK(worklist("inpatient", NULL, both, 2, NULL, &items, &error) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    cJSON_Delete(error);
    CHECK(worklist("inpatient", LATER, both, 2, "\xff", &items, &error) == UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(error_detail_is(error, "invalid_utf8", "parameter", "unit"));
    cJSON_Delete(error);
    char *error_text = SENTINEL;
    CHECK(utskrivning_worklist("inpatient", LATER, both, 2, NULL, NULL, &error_text) ==
          UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_text != SENTINEL && strstr(error_text, "items_out") != NULL);
    utskrivning_string_free(error_text);
    /* NULL error_out: the result code is the whole answer. */
    s = SENTINEL;
    CHECK(utskrivning_worklist("patient", LATER, both, 2, NULL, &s, NULL) == UTSKRIVNING_RESULT_NOT_PERMITTED);
    CHECK(s == SENTINEL);

    cJSON *is = last_error(c);
    CHECK(cJSON_Compare(was, is, true) && string_is(get(is, "code"), "invalid_input"));
    CHECK(same_snapshot(c, before) && same_snapshot(twin, twin_before) && same_snapshot(other, other_before));
    cJSON_Delete(was);
    cJSON_Delete(is);
    utskrivning_string_free(before);
    utskrivning_string_free(twin_before);
    utskrivning_string_free(other_before);
    utskrivning_case_free(other);
    utskrivning_case_free(twin);
    utskrivning_case_free(c);
}

/* ---- Keyed snapshots (spec: Tamper evidence) ---------------------------------------------- */

/* The embedding system's key: bytes, never stored, logged or put in an error. */
static const uint8_t KEY[] = "hemlig nyckel, Region \xc3\x96rebro l\xc3\xa4n";
#define KEY_LEN (sizeof KEY - 1)
static const uint8_t OTHER_KEY[] = "en annan nyckel";
#define OTHER_KEY_LEN (sizeof OTHER_KEY - 1)

/* The last error's JSON text (NULL if none could be read), to search for what must not be in it. */
static char *last_error_text(const utskrivning_case *c) {
    char *s = NULL;
    return utskrivning_case_last_error(c, &s) == OK ? s : NULL;
}

/* The last error has this code and exactly these details (JSON text). */
static bool last_error_details(const utskrivning_case *c, const char *code, const char *details) {
    cJSON *e = last_error(c), *want = cJSON_Parse(details);
    bool is = want != NULL && string_is(get(e, "code"), code) && cJSON_Compare(get(e, "details"), want, true);
    if (!is) {
        char *text = last_error_text(c);
        printf("       last error %s, wanted %s %s\n", text != NULL ? text : "(none)", code, details);
        utskrivning_string_free(text);
    }
    cJSON_Delete(want);
    cJSON_Delete(e);
    return is;
}

/* Neither the error's JSON nor its messages hold `needle`. */
static bool last_error_lacks(const utskrivning_case *c, const char *needle) {
    char *text = last_error_text(c);
    bool lacks = text != NULL && strstr(text, needle) == NULL;
    utskrivning_string_free(text);
    return lacks;
}

static char *snapshot_keyed(const utskrivning_case *c, const uint8_t *key, size_t len) {
    char *s = NULL;
    return utskrivning_case_snapshot_keyed(c, key, len, &s) == OK ? s : NULL;
}

/* A case with a journal and an access log, both chained. */
static utskrivning_case *noticed_and_viewed(void) {
    utskrivning_case *c = admitted();
    char *s = NULL;
    CHECK(c != NULL && utskrivning_case_apply(c, NOTICE, &s) == OK);
    utskrivning_string_free(s);
    s = NULL;
    CHECK(utskrivning_case_view(c, "inpatient", LATER, &s) == OK);
    utskrivning_string_free(s);
    return c;
}

/* The same snapshot as version 1: no chain (malloc'd by cJSON, freed with cJSON_free). */
static char *as_version_1(const char *snapshot_json) {
    cJSON *doc = cJSON_Parse(snapshot_json);
    cJSON_ReplaceItemInObjectCaseSensitive(doc, "version", cJSON_CreateNumber(1));
    cJSON_DeleteItemFromObjectCaseSensitive(doc, "chain");
    char *text = doc != NULL ? cJSON_PrintUnformatted(doc) : NULL;
    cJSON_Delete(doc);
    return text;
}

#define TAMPERED "{\"field\":\"journal\",\"problem\":\"tampered\"}"
#define UNSIGNED "{\"field\":\"version\",\"problem\":\"unsigned\"}"

/* The binary snapshot: bytes restore the same case under their key only; a flip or a
 * truncation is refused and the handle keeps what it held; NULLs are named. */
#define BYTES_TAMPERED "{\"field\":\"snapshot\",\"problem\":\"tampered\"}"

static void a_binary_snapshot_restores_under_its_key_only(void) {
    utskrivning_case *c = noticed_and_viewed();
    char *before = snapshot(c);
    uint8_t *plain = NULL, *signed_ = NULL;
    size_t plain_len = 0, signed_len = 0;
    CHECK(utskrivning_case_snapshot_bytes(c, NULL, 0, &plain, &plain_len) == OK);
    CHECK(utskrivning_case_snapshot_bytes(c, KEY, KEY_LEN, &signed_, &signed_len) == OK);
    CHECK(plain != NULL && signed_ != NULL && plain_len > 39 && plain_len == signed_len);
    CHECK(plain_len >= 5 && memcmp(plain, "UTSB\x01", 5) == 0 && memcmp(plain, signed_, plain_len) != 0);
    utskrivning_case *r = NULL, *e = NULL;
    CHECK(utskrivning_case_new(&r) == OK && utskrivning_case_new(&e) == OK);
    CHECK(utskrivning_case_restore_bytes(r, plain, plain_len, NULL, 0) == OK && same_snapshot(r, before));
    CHECK(utskrivning_case_restore_bytes(r, signed_, signed_len, KEY, KEY_LEN) == OK && same_snapshot(r, before));
    /* Under another key, none, or a key where none was used: tampered, the handle unchanged. */
    char *empty = snapshot(e);
    CHECK(utskrivning_case_restore_bytes(e, signed_, signed_len, NULL, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(e, "invalid_input", BYTES_TAMPERED));
    CHECK(utskrivning_case_restore_bytes(e, signed_, signed_len, OTHER_KEY, OTHER_KEY_LEN) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(e, "invalid_input", BYTES_TAMPERED));
    CHECK(utskrivning_case_restore_bytes(e, plain, plain_len, KEY, KEY_LEN) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(e, "invalid_input", BYTES_TAMPERED));
    for (size_t i = 5; plain != NULL && i < plain_len; i++) {
        plain[i] ^= 0x04;
        CHECK(utskrivning_case_restore_bytes(e, plain, plain_len, NULL, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
        plain[i] ^= 0x04;
    }
    CHECK(last_error_details(e, "invalid_input", BYTES_TAMPERED));
    for (size_t n = 0; n < plain_len; n++) {
        CHECK(utskrivning_case_restore_bytes(e, plain, n, NULL, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    }
    CHECK(same_snapshot(e, empty));
    /* NULLs: named, the outputs untouched. */
    uint8_t *untouched = (uint8_t *)SENTINEL;
    uint8_t *const sentinel = untouched;
    size_t len = 7;
    CHECK(utskrivning_case_snapshot_bytes(c, NULL, 0, NULL, &len) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"bytes_out\"}"));
    CHECK(utskrivning_case_snapshot_bytes(c, NULL, 0, &untouched, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"len_out\"}"));
    CHECK(utskrivning_case_snapshot_bytes(c, NULL, 4, &untouched, &len) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"key\"}"));
    CHECK(untouched == sentinel && len == 7);
    CHECK(utskrivning_case_snapshot_bytes(NULL, NULL, 0, &untouched, &len) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_restore_bytes(e, NULL, 0, NULL, 0) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(e, "null_parameter", "{\"parameter\":\"bytes\"}"));
    CHECK(utskrivning_case_restore_bytes(NULL, signed_, signed_len, KEY, KEY_LEN) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    utskrivning_bytes_free(NULL, 0);
    utskrivning_bytes_free(plain, plain_len);
    utskrivning_bytes_free(signed_, signed_len);
    utskrivning_string_free(before);
    utskrivning_string_free(empty);
    utskrivning_case_free(r);
    utskrivning_case_free(e);
    utskrivning_case_free(c);
}

static void a_keyed_snapshot_restores_under_its_key_only(void) {
    utskrivning_case *c = noticed_and_viewed();
    char *plain = snapshot(c), *signed_ = snapshot_keyed(c, KEY, KEY_LEN);
    CHECK(plain != NULL && signed_ != NULL && strcmp(plain, signed_) != 0);
    /* NULL with length 0 is no key: the plain snapshot. */
    char *unkeyed = snapshot_keyed(c, NULL, 0);
    CHECK(unkeyed != NULL && plain != NULL && strcmp(unkeyed, plain) == 0);
    utskrivning_string_free(unkeyed);

    utskrivning_case *r = NULL;
    CHECK(utskrivning_case_new(&r) == OK);
    char *empty = snapshot(r);
    CHECK(utskrivning_case_restore_keyed(r, signed_, OTHER_KEY, OTHER_KEY_LEN, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));
    CHECK(utskrivning_case_restore_keyed(r, signed_, OTHER_KEY, OTHER_KEY_LEN, 1) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));
    /* Without a key, by either call. */
    CHECK(utskrivning_case_restore_keyed(r, signed_, NULL, 0, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));
    CHECK(utskrivning_case_restore(r, signed_) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));
    /* The plain snapshot under a key, and the key shortened by one byte. */
    CHECK(utskrivning_case_restore_keyed(r, plain, KEY, KEY_LEN, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));
    CHECK(utskrivning_case_restore_keyed(r, signed_, KEY, KEY_LEN - 1, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));
    CHECK(last_error_lacks(r, "hemlig") && last_error_lacks(r, "nyckel"));
    CHECK(same_snapshot(r, empty));

    /* Under its key: the same case, which snapshots again byte for byte. */
    CHECK(utskrivning_case_restore_keyed(r, signed_, KEY, KEY_LEN, 0) == OK);
    char *again = snapshot_keyed(r, KEY, KEY_LEN);
    CHECK(again != NULL && signed_ != NULL && strcmp(again, signed_) == 0);
    CHECK(same_snapshot(r, plain));
    cJSON *none = last_error(r);
    CHECK(cJSON_IsNull(none));
    cJSON_Delete(none);

    /* Zero bytes at a pointer are a key too (HMAC under an empty key), not no key. */
    char *empty_key = snapshot_keyed(c, KEY, 0);
    CHECK(empty_key != NULL && plain != NULL && strcmp(empty_key, plain) != 0);
    CHECK(utskrivning_case_restore_keyed(r, empty_key, KEY, 0, 0) == OK);
    CHECK(utskrivning_case_restore_keyed(r, empty_key, NULL, 0, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));
    /* The key is read, never kept: the handle's snapshot is the same with the caller's copy gone. */
    uint8_t scratch[KEY_LEN];
    memcpy(scratch, KEY, KEY_LEN);
    char *by_copy = snapshot_keyed(c, scratch, KEY_LEN);
    memset(scratch, 0, sizeof scratch);
    CHECK(by_copy != NULL && signed_ != NULL && strcmp(by_copy, signed_) == 0);
    CHECK(by_copy != NULL && strstr(by_copy, "hemlig") == NULL);

    utskrivning_string_free(by_copy);
    utskrivning_string_free(empty_key);
    utskrivning_string_free(again);
    utskrivning_string_free(empty);
    utskrivning_string_free(plain);
    utskrivning_string_free(signed_);
    utskrivning_case_free(r);
    utskrivning_case_free(c);
}

static void a_version_1_snapshot_restores_unkeyed_and_under_a_key_only_as_an_upgrade(void) {
    utskrivning_case *c = noticed_and_viewed();
    char *plain = snapshot(c), *signed_ = snapshot_keyed(c, KEY, KEY_LEN);
    char *v1 = plain != NULL ? as_version_1(plain) : NULL;
    CHECK(v1 != NULL && strstr(v1, "\"chain\"") == NULL && strstr(v1, "\"version\":1") != NULL);

    /* Without a key it restores, and snapshots again as version 2. */
    utskrivning_case *r = NULL;
    CHECK(utskrivning_case_new(&r) == OK);
    CHECK(utskrivning_case_restore(r, v1) == OK);
    CHECK(same_snapshot(r, plain));
    utskrivning_case_free(r);
    r = NULL;
    CHECK(utskrivning_case_new(&r) == OK);
    CHECK(utskrivning_case_restore_keyed(r, v1, NULL, 0, 0) == OK);
    CHECK(same_snapshot(r, plain));
    utskrivning_case_free(r);

    /* Under a key it is refused, and the handle keeps what it held. */
    r = admitted();
    char *before = snapshot(r);
    CHECK(utskrivning_case_restore_keyed(r, v1, KEY, KEY_LEN, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", UNSIGNED));
    CHECK(last_error_lacks(r, "hemlig"));
    CHECK(same_snapshot(r, before));
    /* Unless the embedding system asks to upgrade it: then it is the case, signed from now on. */
    CHECK(utskrivning_case_restore_keyed(r, v1, KEY, KEY_LEN, 1) == OK);
    char *upgraded = snapshot_keyed(r, KEY, KEY_LEN);
    CHECK(upgraded != NULL && signed_ != NULL && strcmp(upgraded, signed_) == 0);
    CHECK(same_snapshot(r, plain));
    /* The upgrade is for version 1 only: a version 2 snapshot's chain is checked all the same. */
    CHECK(utskrivning_case_restore_keyed(r, plain, KEY, KEY_LEN, 1) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(r, "invalid_input", TAMPERED));

    utskrivning_string_free(upgraded);
    utskrivning_string_free(before);
    cJSON_free(v1);
    utskrivning_string_free(plain);
    utskrivning_string_free(signed_);
    utskrivning_case_free(r);
    utskrivning_case_free(c);
}

static void keyed_calls_check_their_parameters(void) {
    utskrivning_case *c = noticed_and_viewed();
    char *before = snapshot(c), *signed_ = snapshot_keyed(c, KEY, KEY_LEN);
    char *s = SENTINEL;
    /* NULL with a length is no key of that length. */
    CHECK(utskrivning_case_snapshot_keyed(c, NULL, 4, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"key\"}"));
    CHECK(utskrivning_case_snapshot_keyed(c, KEY, KEY_LEN, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"snapshot_out\"}"));
    CHECK(utskrivning_case_snapshot_keyed(NULL, KEY, KEY_LEN, &s) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(s == SENTINEL);
    CHECK(utskrivning_case_restore_keyed(c, signed_, NULL, KEY_LEN, 0) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"key\"}"));
    CHECK(utskrivning_case_restore_keyed(c, NULL, KEY, KEY_LEN, 0) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"snapshot_json\"}"));
    CHECK(utskrivning_case_restore_keyed(NULL, signed_, KEY, KEY_LEN, 0) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_case_restore_keyed(c, "{\"format\":\xff}", KEY, KEY_LEN, 0) == UTSKRIVNING_RESULT_INVALID_UTF8);
    CHECK(last_error_details(c, "invalid_utf8", "{\"parameter\":\"snapshot_json\"}"));
    /* upgrade_unsigned is a C boolean: 0 or 1 only. */
    const uint8_t wrong[] = {2, 255};
    for (size_t i = 0; i < sizeof wrong; i++) {
        CHECK(utskrivning_case_restore_keyed(c, signed_, KEY, KEY_LEN, wrong[i]) == UTSKRIVNING_RESULT_INVALID_INPUT);
        CHECK(last_error_details(c, "invalid_input", "{\"field\":\"upgrade_unsigned\",\"problem\":\"wrong_type\"}"));
    }
    /* A bad snapshot under a key: the core's error, without the key. */
    CHECK(utskrivning_case_restore_keyed(c, "{", KEY, KEY_LEN, 0) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_is(c, "invalid_input", "problem", "not_json"));
    CHECK(last_error_lacks(c, "hemlig") && last_error_lacks(c, "nyckel"));
    CHECK(same_snapshot(c, before));
    utskrivning_string_free(before);
    utskrivning_string_free(signed_);
    utskrivning_case_free(c);
}

/* ---- Strict input (spec version 2) ---------------------------------------------------------- */

/* `event` is refused on `c` with `code` and exactly `details`, and the case is byte-identical. */
static bool refused_unchanged(utskrivning_case *c, const char *event, utskrivning_result want, const char *code,
                              const char *details) {
    char *before = snapshot(c), *state = state_of(c);
    char *s = SENTINEL;
    utskrivning_result r = utskrivning_case_apply(c, event, &s);
    bool is = r == want && s == SENTINEL && last_error_details(c, code, details) && same_snapshot(c, before) &&
              same_state(c, state);
    if (!is) {
        printf("       %s answered %s\n", event, utskrivning_result_name(r));
    }
    utskrivning_string_free(before);
    utskrivning_string_free(state);
    return is;
}

static void times_are_rfc3339_exactly(void) {
    static const char *bad[] = {
        "2026-03-02T23:59Z",
        "2026-03-02T23:59:59+0100",
        "2026-03-02T23:59:59+24:00",
        "2026-03-02T23:59:59+25:59",
        "20260302T235959Z",
        "2026-03-02T23:59:59,5Z",
        "+002026-03-02T23:59:59Z",
        "2026-03-02T23:59:59Z[America/New_York]",
    };
    const char *not_a_timestamp = "{\"field\":\"at\",\"problem\":\"not_a_timestamp\"}";
    utskrivning_case *c = admitted();
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char event[160];
        snprintf(event, sizeof event, "{\"at\":\"%s\",\"actor\":\"inpatient\",\"type\":\"discharge\"}", bad[i]);
        CHECK(refused_unchanged(c, event, UTSKRIVNING_RESULT_INVALID_INPUT, "invalid_input", not_a_timestamp));
        /* The same through the parameters that take a time. */
        char *s = SENTINEL;
        CHECK(utskrivning_case_deadlines(c, bad[i], &s) == UTSKRIVNING_RESULT_INVALID_INPUT && s == SENTINEL);
        CHECK(last_error_details(c, "invalid_input", not_a_timestamp));
        CHECK(utskrivning_case_view(c, "inpatient", bad[i], &s) == UTSKRIVNING_RESULT_INVALID_INPUT && s == SENTINEL);
        CHECK(last_error_details(c, "invalid_input", not_a_timestamp));
        utskrivning_case *e = NULL;
        CHECK(utskrivning_case_new(&e) == OK);
        CHECK(utskrivning_case_admit(e, bad[i], "c-2", "professional_check_in", 0, NULL, NULL, NULL) ==
              UTSKRIVNING_RESULT_INVALID_INPUT);
        CHECK(last_error_details(e, "invalid_input", not_a_timestamp));
        utskrivning_case_free(e);
    }
    /* No view was logged by a refused time. */
    char *log = NULL;
    CHECK(utskrivning_case_access_log(c, &log) == OK && log != NULL && strcmp(log, "[]") == 0);
    utskrivning_string_free(log);
    /* A 9-digit fraction is a time, written back with only the digits it needs, in UTC. */
    char *effects = NULL;
    CHECK(utskrivning_case_apply(c,
                                 "{\"at\":\"2026-03-02T09:00:00.500000000+01:00\",\"actor\":\"inpatient\","
                                 "\"type\":\"send_admission_notice\",\"to\":[\"care_contact\"]}",
                                 &effects) == OK);
    utskrivning_string_free(effects);
    cJSON *state = parsed_state(c);
    CHECK(string_is(get(state, "last_event_at"), "2026-03-02T08:00:00.5Z"));
    cJSON_Delete(state);
    char *d = NULL;
    CHECK(utskrivning_case_deadlines(c, "2026-03-02T09:00:00.123456789Z", &d) == OK);
    utskrivning_string_free(d);
    utskrivning_case_free(c);
}

static void a_key_twice_is_duplicate_key(void) {
    utskrivning_case *c = admitted();
    CHECK(refused_unchanged(c,
                            "{\"at\":\"" LATER "\",\"actor\":\"inpatient\",\"type\":\"cancel\",\"type\":\"raise_question\","
                            "\"reason\":\"x\"}",
                            UTSKRIVNING_RESULT_INVALID_INPUT, "invalid_input",
                            "{\"field\":\"event\",\"problem\":\"duplicate_key\"}"));
    /* In a snapshot too: the last one does not win. */
    char *good = snapshot(c);
    const char *version = "\"version\":2";
    const char *at = good != NULL ? strstr(good, version) : NULL;
    CHECK(at != NULL);
    if (at != NULL) {
        size_t head = (size_t)(at - good) + strlen(version);
        const char *extra = ",\"version\":1";
        char *twice = malloc(strlen(good) + strlen(extra) + 1);
        if (twice != NULL) {
            memcpy(twice, good, head);
            strcpy(twice + head, extra);
            strcat(twice, good + head);
            utskrivning_case *r = NULL;
            CHECK(utskrivning_case_new(&r) == OK);
            CHECK(utskrivning_case_restore(r, twice) == UTSKRIVNING_RESULT_INVALID_INPUT);
            CHECK(last_error_is(r, "invalid_input", "problem", "duplicate_key"));
            utskrivning_case_free(r);
        }
        free(twice);
    }
    utskrivning_string_free(good);
    utskrivning_case_free(c);
}

static void blank_is_white_space_controls_and_format_characters(void) {
    utskrivning_case *c = admitted();
    /* U+200B ZERO WIDTH SPACE, raw and escaped; U+2063 with a space and U+00A0; U+FEFF. */
    static const char *units[] = {"\xe2\x80\x8b", "\\u200B", "\xe2\x81\xa3 \xc2\xa0", "\xef\xbb\xbf"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
        char event[200];
        snprintf(event, sizeof event,
                 "{\"at\":\"" LATER "\",\"actor\":\"care_contact\",\"type\":\"assign_care_contact\",\"unit\":\"%s\"}",
                 units[i]);
        CHECK(refused_unchanged(c, event, UTSKRIVNING_RESULT_MISSING_INFORMATION, "missing_information",
                                "{\"field\":\"unit\"}"));
    }
    utskrivning_case_free(c);
}

static void case_ids_are_checked(void) {
    utskrivning_case *c = NULL;
    CHECK(utskrivning_case_new(&c) == OK);
    char *empty = snapshot(c);
    CHECK(utskrivning_case_admit(c, AT, "", "professional_check_in", 0, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(c, "invalid_input", "{\"field\":\"case_id\",\"problem\":\"out_of_range\"}"));
    CHECK(refused_unchanged(c,
                            "{\"at\":\"" AT "\",\"actor\":\"inpatient\",\"type\":\"admit\",\"case_id\":\"\","
                            "\"routine\":\"professional_check_in\",\"municipal_care_at_admission\":false}",
                            UTSKRIVNING_RESULT_INVALID_INPUT, "invalid_input",
                            "{\"field\":\"case_id\",\"problem\":\"out_of_range\"}"));
    CHECK(utskrivning_case_admit(c, AT, "\xe2\x80\x8b", "professional_check_in", 0, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(c, "invalid_input", "{\"field\":\"case_id\",\"problem\":\"out_of_range\"}"));
    /* A personal number is refused as personal data, and is not in the error. */
    CHECK(utskrivning_case_admit(c, AT, "19121212-1212 Tolvan", "professional_check_in", 0, NULL, NULL, NULL) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(c, "invalid_input", "{\"field\":\"case_id\",\"problem\":\"personal_data\"}"));
    CHECK(last_error_lacks(c, "Tolvan") && last_error_lacks(c, "1212"));
    CHECK(same_snapshot(c, empty));
    utskrivning_string_free(empty);
    utskrivning_case_free(c);
}

static void an_unknown_key_not_an_identifier_is_named_by_position(void) {
    utskrivning_case *c = admitted();
    CHECK(refused_unchanged(c,
                            "{\"at\":\"" LATER "\",\"actor\":\"inpatient\",\"type\":\"discharge\","
                            "\"19121212-1212 Tolvan\":1}",
                            UTSKRIVNING_RESULT_INVALID_INPUT, "invalid_input",
                            "{\"problem\":\"unknown_field\",\"position\":3}"));
    /* Nowhere in the error: not its JSON, not either message. */
    CHECK(last_error_lacks(c, "Tolvan") && last_error_lacks(c, "19121212") && last_error_lacks(c, "1212"));
    /* Document order: the same key first is position 0. */
    CHECK(refused_unchanged(c,
                            "{\"19121212-1212 Tolvan\":1,\"at\":\"" LATER "\",\"actor\":\"inpatient\","
                            "\"type\":\"discharge\"}",
                            UTSKRIVNING_RESULT_INVALID_INPUT, "invalid_input",
                            "{\"problem\":\"unknown_field\",\"position\":0}"));
    /* An identifier is named. */
    CHECK(refused_unchanged(c, "{\"at\":\"" LATER "\",\"actor\":\"inpatient\",\"type\":\"discharge\",\"reson\":1}",
                            UTSKRIVNING_RESULT_INVALID_INPUT, "invalid_input",
                            "{\"field\":\"reson\",\"problem\":\"unknown_field\"}"));
    /* Nested, in the agreement: beside the field that holds it. */
    utskrivning_case *e = NULL;
    CHECK(utskrivning_case_new(&e) == OK);
    CHECK(utskrivning_case_admit(e, AT, "c-2", "professional_check_in", 0, NULL, NULL,
                                 "{\"payment_days\":2,\"Dr Anna\":1}") == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(e, "invalid_input", "{\"field\":\"agreement\",\"problem\":\"unknown_field\",\"position\":1}"));
    CHECK(last_error_lacks(e, "Anna"));
    utskrivning_case_free(e);
    utskrivning_case_free(c);
}

/* FHIR R4: the Bundle, the care request's Task set as municipal care would and read back as the
 * event, and the refusals: a Task that does not fit, NULLs, a case not admitted. */
static cJSON *care_request_task(cJSON *bundle) {
    const cJSON *entry = NULL;
    cJSON_ArrayForEach(entry, get(bundle, "entry")) {
        cJSON *r = cJSON_GetObjectItemCaseSensitive(entry, "resource");
        if (string_is(get(r, "resourceType"), "Task") && string_is(get(r, "intent"), "order")) {
            return r;
        }
    }
    return NULL;
}

static void fhir_bundle_and_the_tasks_way_back(void) {
    utskrivning_case *c = NULL;
    CHECK(utskrivning_case_new(&c) == OK);
    CHECK(utskrivning_case_admit(c, AT, "c-fhir", "individual_check_in", 0, NULL, NULL, NULL) == OK);
    const char *events[] = {
        NOTICE,
        "{\"at\":\"2026-03-02T09:10:00Z\",\"actor\":\"care_contact\",\"type\":\"assign_care_contact\",\"unit\":\"VC Norr\"}",
        "{\"at\":\"2026-03-02T09:20:00Z\",\"actor\":\"patient\",\"type\":\"give_consent\",\"purpose\":\"care_request\","
        "\"written_information_given\":true}",
        "{\"at\":\"2026-03-02T09:30:00Z\",\"actor\":\"care_contact\",\"type\":\"send_care_request\",\"question\":\"?\"}",
    };
    for (size_t i = 0; i < sizeof events / sizeof events[0]; i++) {
        char *effects = NULL;
        CHECK(utskrivning_case_apply(c, events[i], &effects) == OK);
        utskrivning_string_free(effects);
    }
    char *text = NULL;
    CHECK(utskrivning_case_to_fhir(c, "2026-03-02T10:00:00Z", &text) == OK);
    cJSON *bundle = cJSON_Parse(text);
    CHECK(string_is(get(bundle, "resourceType"), "Bundle") && string_is(get(bundle, "type"), "collection"));
    cJSON *task = care_request_task(bundle);
    CHECK(task != NULL && string_is(get(task, "status"), "requested"));
    cJSON_ReplaceItemInObjectCaseSensitive(task, "status", cJSON_CreateString("received"));
    char *sent = cJSON_PrintUnformatted(task);
    char *event = NULL;
    CHECK(utskrivning_from_fhir_task(sent, "2026-03-02T11:00:00Z", &event, NULL) == OK);
    cJSON *e = cJSON_Parse(event);
    CHECK(string_is(get(e, "type"), "acknowledge_care_request") && string_is(get(e, "actor"), "municipal_care"));
    char *effects = NULL;
    CHECK(utskrivning_case_apply(c, event, &effects) == OK);
    char *state = NULL;
    CHECK(utskrivning_case_state(c, &state) == OK);
    cJSON *st = cJSON_Parse(state);
    CHECK(string_is(get(get(st, "care_request"), "state"), "acknowledged"));

    /* A Task that does not fit: its element named in error_out, the output untouched. */
    char *untouched = SENTINEL, *error = NULL;
    CHECK(utskrivning_from_fhir_task("{\"resourceType\":\"Task\",\"status\":\"Klar enligt Anna\"}", LATER, &untouched,
                                     &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    cJSON *err = cJSON_Parse(error);
    CHECK(untouched == SENTINEL && string_is(get(err, "code"), "invalid_input"));
    CHECK(string_is(get(get(err, "details"), "field"), "Task.status") && strstr(error, "Anna") == NULL);
    CHECK(utskrivning_from_fhir_task(NULL, LATER, &untouched, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_from_fhir_task("{}", LATER, NULL, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(untouched == SENTINEL);

    /* A case not admitted has no Bundle; NULLs are named. */
    utskrivning_case *empty = NULL;
    CHECK(utskrivning_case_new(&empty) == OK);
    CHECK(utskrivning_case_to_fhir(empty, LATER, &untouched) == UTSKRIVNING_RESULT_WRONG_STATE);
    CHECK(last_error_is(empty, "wrong_state", "event", "to_fhir") && untouched == SENTINEL);
    CHECK(utskrivning_case_to_fhir(c, LATER, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(last_error_details(c, "null_parameter", "{\"parameter\":\"bundle_out\"}"));
    CHECK(utskrivning_case_to_fhir(c, "tomorrow", &untouched) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(last_error_details(c, "invalid_input", "{\"field\":\"at\",\"problem\":\"not_a_timestamp\"}"));
    CHECK(utskrivning_case_to_fhir(NULL, LATER, &untouched) == UTSKRIVNING_RESULT_NULL_PARAMETER);

    cJSON_Delete(err);
    cJSON_Delete(st);
    cJSON_Delete(e);
    cJSON_Delete(bundle);
    cJSON_free(sent);
    utskrivning_string_free(error);
    utskrivning_string_free(state);
    utskrivning_string_free(effects);
    utskrivning_string_free(event);
    utskrivning_string_free(text);
    utskrivning_case_free(empty);
    utskrivning_case_free(c);
}

/* ---- Running them ------------------------------------------------------------------------- */

static const struct {
    const char *name;
    void (*run)(void);
} TESTS[] = {
    {"null handle is null_parameter", null_handle_is_null_parameter},
    {"null parameter is named and the case kept", null_parameter_is_named_and_the_case_kept},
    {"bad UTF-8 is invalid_utf8 and named", bad_utf8_is_invalid_utf8_and_named},
    {"truncated JSON is invalid_input and keeps the case", truncated_json_is_invalid_input_and_keeps_the_case},
    {"tampered and newer snapshots are refused", tampered_and_newer_snapshots_are_refused},
    {"too-small buffers are left untouched", too_small_buffers_are_left_untouched},
    {"every label fits UTSKRIVNING_LABEL_MAX", every_label_fits_label_max},
    {"last error has both messages and no free text", last_error_has_both_messages_and_no_free_text},
    {"admit checks as the event does", admit_checks_as_the_event_does},
    {"a flag other than 0 or 1 is refused", a_flag_other_than_0_or_1_is_refused},
    {"a refused label says which part", a_refused_label_says_which_part},
    {"rejected event and refused view", rejected_event_and_refused_view},
    {"journal replays to the same state", journal_replays_to_the_same_state},
    {"deadlines are listed", deadlines_are_listed},
    {"result names and version", result_names_and_version},
    {"municipality and care type are checked", municipality_and_care_type_are_checked},
    {"refused acknowledgements change nothing", refused_acknowledgements_change_nothing},
    {"worklist lists and logs", worklist_lists_and_logs},
    {"worklist refusals change nothing", worklist_refusals_change_nothing},
    {"a keyed snapshot restores under its key only", a_keyed_snapshot_restores_under_its_key_only},
    {"a binary snapshot restores under its key only", a_binary_snapshot_restores_under_its_key_only},
    {"a version 1 snapshot restores unkeyed, under a key only as an upgrade",
     a_version_1_snapshot_restores_unkeyed_and_under_a_key_only_as_an_upgrade},
    {"keyed calls check their parameters", keyed_calls_check_their_parameters},
    {"times are RFC 3339 exactly", times_are_rfc3339_exactly},
    {"a key twice is duplicate_key", a_key_twice_is_duplicate_key},
    {"blank is White_Space, Cc and Cf", blank_is_white_space_controls_and_format_characters},
    {"case ids are checked", case_ids_are_checked},
    {"an unknown key not an identifier is named by position", an_unknown_key_not_an_identifier_is_named_by_position},
    {"FHIR Bundle and the Task's way back", fhir_bundle_and_the_tasks_way_back},
};

void run_error_paths(int *passed, int *failed) {
    for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++) {
        failures = 0;
        TESTS[i].run();
        printf("%s error path: %s\n", failures == 0 ? "ok  " : "FAIL", TESTS[i].name);
        if (failures == 0) {
            (*passed)++;
        } else {
            (*failed)++;
        }
    }
}
