/*
 * Indicators and the payment basis through the C API, with figures computed by hand, then their
 * refusals. January 2026 in Stockholm is UTC+1: 22:30Z is 23:30 the same day there, 23:30Z is
 * 00:30 the next day.
 *
 * | case | municipality | care        | ready (Stockholm) | discharge (Stockholm)  | ready days | payment days   |
 * | c-1  | 1480         | somatic     | 01-05 23:30       | 01-05 23:50            | 0          | 0              |
 * | c-2  | 1480         | somatic     | 01-06 00:30       | 01-10                  | 4          | 2 (from 01-09) |
 * | c-3  | 0180         | psychiatric | 01-12             | 01-21 00:30            | 9          | 7 (from 01-15) |
 * | c-4  | 0180         | somatic     | 01-25             | 02-01 00:30 (February) | 7          | 5 (from 01-28) |
 * | c-5  | none         | somatic     | 01-02             | 01-03                  | 1          | 0              |
 */
#include <stdbool.h>
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
#define JAN "2026-01-01"
#define FEB "2026-02-01"
#define MAR "2026-03-01"
#define INDIVIDUAL "{\"kind\":\"individual\",\"daily_amount_sek\":1000}"
#define N_CASES 5

/* A pointer no call may write: outputs are written only on success. */
static char sentinel_byte;
#define SENTINEL (&sentinel_byte)

static bool apply(utskrivning_case *c, const char *at, const char *type, const char *fields) {
    char event[300];
    snprintf(event, sizeof event, "{\"at\":\"%s\",\"actor\":\"inpatient\",\"type\":\"%s\"%s}", at, type, fields);
    char *effects = NULL;
    bool ok = utskrivning_case_apply(c, event, &effects) == OK;
    utskrivning_string_free(effects);
    return ok;
}

/* A case admitted, ready at `ready` and discharged at `discharge`; NULL if a step failed. */
static utskrivning_case *discharged(const char *id, const char *municipality, const char *care_type,
                                    const char *ready, const char *discharge) {
    utskrivning_case *c = NULL;
    if (utskrivning_case_new(&c) != OK) {
        return NULL;
    }
    bool ok = utskrivning_case_admit(c, "2026-01-02T08:00:00Z", id, "professional_check_in", 0, municipality,
                                     care_type, NULL) == OK &&
              apply(c, "2026-01-02T08:05:00Z", "send_admission_notice", ",\"to\":[\"care_contact\"]") &&
              apply(c, ready, "mark_ready_for_discharge", "") && apply(c, discharge, "discharge", "");
    if (!ok) {
        utskrivning_case_free(c);
        return NULL;
    }
    return c;
}

/* The five cases of the table; every handle is NULL if one failed. */
static bool ward(utskrivning_case *cases[N_CASES]) {
    cases[0] = discharged("c-1", "1480", "somatic", "2026-01-05T22:30:00Z", "2026-01-05T22:50:00Z");
    cases[1] = discharged("c-2", "1480", "somatic", "2026-01-05T23:30:00Z", "2026-01-10T10:00:00Z");
    cases[2] = discharged("c-3", "0180", "psychiatric", "2026-01-12T10:00:00Z", "2026-01-20T23:30:00Z");
    cases[3] = discharged("c-4", "0180", "somatic", "2026-01-25T10:00:00Z", "2026-01-31T23:30:00Z");
    cases[4] = discharged("c-5", NULL, "somatic", "2026-01-02T10:00:00Z", "2026-01-03T10:00:00Z");
    bool all = true;
    for (int i = 0; i < N_CASES; i++) {
        all = all && cases[i] != NULL;
    }
    return all;
}

static void free_all(utskrivning_case *cases[], int n) {
    for (int i = 0; i < n; i++) {
        utskrivning_case_free(cases[i]);
    }
}

/* The library's answer, parsed (NULL if the call failed; `*error` then the error, parsed). */
static cJSON *indicators(const utskrivning_case *const *cases, size_t n, const char *from, const char *to,
                         cJSON **error) {
    char *out = NULL, *err = NULL;
    utskrivning_result r = utskrivning_indicators(cases, n, from, to, &out, &err);
    *error = r == OK ? NULL : cJSON_Parse(err);
    cJSON *answer = r == OK ? cJSON_Parse(out) : NULL;
    utskrivning_string_free(out);
    utskrivning_string_free(err);
    return answer;
}

static cJSON *payment_basis(const utskrivning_case *const *cases, size_t n, const char *from, const char *to,
                            const char *model, cJSON **error) {
    char *out = NULL, *err = NULL;
    utskrivning_result r = utskrivning_payment_basis(cases, n, from, to, model, &out, &err);
    *error = r == OK ? NULL : cJSON_Parse(err);
    cJSON *answer = r == OK ? cJSON_Parse(out) : NULL;
    utskrivning_string_free(out);
    utskrivning_string_free(err);
    return answer;
}

static bool number_is(const cJSON *item, double want) {
    return cJSON_IsNumber(item) && item->valuedouble == want;
}

static bool string_is(const cJSON *item, const char *want) {
    return want == NULL ? cJSON_IsNull(item) : cJSON_IsString(item) && strcmp(item->valuestring, want) == 0;
}

/* Figures as the spec names them; a negative share or mean stands for `null`. */
static bool figures_are(const cJSON *f, double discharges, double same_day, double share, double with_days,
                        double total, double mean, double beds) {
    const cJSON *s = get(f, "same_day_share"), *m = get(f, "mean_ready_days");
    return number_is(get(f, "discharges"), discharges) && number_is(get(f, "same_day"), same_day) &&
           (share < 0 ? cJSON_IsNull(s) : number_is(s, share)) && number_is(get(f, "episodes_with_days"), with_days) &&
           number_is(get(f, "ready_days_total"), total) && (mean < 0 ? cJSON_IsNull(m) : number_is(m, mean)) &&
           number_is(get(f, "beds_per_day"), beds) && cJSON_GetArraySize(f) == 7 + (get(f, "care_type") ? 2 : 0);
}

static bool group_is(const cJSON *g, const char *municipality, const char *care_type) {
    return string_is(get(g, "municipality"), municipality) && string_is(get(g, "care_type"), care_type);
}

/* The error's code and its details, exactly. */
static bool error_is(const cJSON *error, const char *code, const char *details) {
    cJSON *want = cJSON_Parse(details);
    bool is = string_is(get(error, "code"), code) && cJSON_Compare(get(error, "details"), want, true);
    if (!is) {
        char *got = cJSON_PrintUnformatted(error);
        printf("       got %s\n", got != NULL ? got : "(no error)");
        cJSON_free(got);
    }
    cJSON_Delete(want);
    return is;
}

/* The text is this JSON (numbers compared by value, objects by their members). */
static bool json_is(const char *text, const char *want) {
    cJSON *got = cJSON_Parse(text), *wanted = cJSON_Parse(want);
    bool is = got != NULL && cJSON_Compare(got, wanted, true);
    cJSON_Delete(got);
    cJSON_Delete(wanted);
    return is;
}

static bool same_snapshots(utskrivning_case *cases[], char *before[], int n) {
    bool same = true;
    for (int i = 0; i < n; i++) {
        char *now = NULL;
        same = same && utskrivning_case_snapshot(cases[i], &now) == OK && strcmp(now, before[i]) == 0;
        utskrivning_string_free(now);
    }
    return same;
}

/* ---- The tests ---------------------------------------------------------------------------- */

static void january_overall_and_per_group(void) {
    utskrivning_case *cases[N_CASES];
    CHECK(ward(cases));
    char *before[N_CASES];
    for (int i = 0; i < N_CASES; i++) {
        CHECK(utskrivning_case_snapshot(cases[i], &before[i]) == OK);
    }
    const utskrivning_case *all[N_CASES] = {cases[0], cases[1], cases[2], cases[3], cases[4]};
    cJSON *error = NULL;
    cJSON *found = indicators(all, N_CASES, JAN, FEB, &error);
    CHECK(found != NULL && error == NULL);
    CHECK(string_is(get(found, "from"), JAN) && string_is(get(found, "to"), FEB) && number_is(get(found, "days"), 31));
    /* c-1 0, c-2 4, c-3 9, c-5 1; c-4 is February's. */
    CHECK(figures_are(get(found, "overall"), 4, 1, 0.25, 3, 14, 14.0 / 3, 14.0 / 31));
    const cJSON *groups = get(found, "groups");
    CHECK(cJSON_GetArraySize(groups) == 3);
    const cJSON *g = cJSON_GetArrayItem(groups, 0);
    CHECK(group_is(g, "0180", "psychiatric") && figures_are(g, 1, 0, 0, 1, 9, 9, 9.0 / 31));
    g = cJSON_GetArrayItem(groups, 1);
    CHECK(group_is(g, "1480", "somatic") && figures_are(g, 2, 1, 0.5, 1, 4, 4, 4.0 / 31));
    g = cJSON_GetArrayItem(groups, 2);
    CHECK(group_is(g, NULL, "somatic") && figures_are(g, 1, 0, 0, 1, 1, 1, 1.0 / 31));
    cJSON_Delete(found);
    /* February: c-4's 7 days, all counted in the period of its discharge (00:30 on 02-01). */
    found = indicators(all, N_CASES, FEB, MAR, &error);
    CHECK(number_is(get(found, "days"), 28) && figures_are(get(found, "overall"), 1, 0, 0, 1, 7, 7, 0.25));
    CHECK(cJSON_GetArraySize(get(found, "groups")) == 1 &&
          group_is(cJSON_GetArrayItem(get(found, "groups"), 0), "0180", "somatic"));
    cJSON_Delete(found);
    /* 5 January alone: c-1's notice at 23:30 and discharge at 23:50 the same day; c-2's notice at
     * 00:30 on the 6th is not that day's. */
    found = indicators(all, 2, "2026-01-05", "2026-01-06", &error);
    CHECK(figures_are(get(found, "overall"), 1, 1, 1, 0, 0, -1, 0));
    cJSON_Delete(found);
    found = indicators(all, 2, "2026-01-10", "2026-01-11", &error);
    CHECK(figures_are(get(found, "overall"), 1, 0, 0, 1, 4, 4, 4));
    cJSON_Delete(found);
    /* No cases: NULL with 0; a period without discharges has null shares and means. */
    found = indicators(NULL, 0, JAN, FEB, &error);
    CHECK(figures_are(get(found, "overall"), 0, 0, -1, 0, 0, -1, 0) && cJSON_GetArraySize(get(found, "groups")) == 0);
    cJSON_Delete(found);
    /* Read only: every snapshot (access log included) is as it was. */
    CHECK(same_snapshots(cases, before, N_CASES));
    for (int i = 0; i < N_CASES; i++) {
        utskrivning_string_free(before[i]);
    }
    free_all(cases, N_CASES);
}

static bool row_is(const cJSON *row, const char *municipality, double discharges, double payable, double amount) {
    return string_is(get(row, "municipality"), municipality) && number_is(get(row, "discharges"), discharges) &&
           number_is(get(row, "payable_days"), payable) && number_is(get(row, "amount_sek"), amount);
}

static bool average_is(const cJSON *row, double individual_cases, double individual_days, double excess) {
    return number_is(get(row, "individual_cases"), individual_cases) &&
           number_is(get(row, "individual_days"), individual_days) && number_is(get(row, "excess_days"), excess);
}

static void the_payment_basis_by_both_models(void) {
    utskrivning_case *cases[N_CASES];
    CHECK(ward(cases));
    const utskrivning_case *all[N_CASES] = {cases[0], cases[1], cases[2], cases[3], cases[4]};
    cJSON *error = NULL;
    /* The law's rule: c-3 7; c-1 0 and c-2 2 (its notice on the 6th in Stockholm: from the 9th). */
    cJSON *rows = payment_basis(all, N_CASES, JAN, FEB, INDIVIDUAL, &error);
    CHECK(cJSON_GetArraySize(rows) == 3);
    CHECK(row_is(cJSON_GetArrayItem(rows, 0), "0180", 1, 7, 7000) && get(cJSON_GetArrayItem(rows, 0), "excess_days") == NULL);
    CHECK(row_is(cJSON_GetArrayItem(rows, 1), "1480", 2, 2, 2000));
    CHECK(row_is(cJSON_GetArrayItem(rows, 2), NULL, 1, 0, 0));
    cJSON_Delete(rows);
    rows = payment_basis(all, N_CASES, FEB, MAR, INDIVIDUAL, &error);
    CHECK(cJSON_GetArraySize(rows) == 1 && row_is(cJSON_GetArrayItem(rows, 0), "0180", 1, 5, 5000));
    cJSON_Delete(rows);
    /* An average model with a 7-day rule and no day 0: c-3's 9 > 7 charged 2 alone; c-2's 4 − 1.5
     * with c-1's 0 left out; c-5's 1 under 1.5. */
    rows = payment_basis(all, N_CASES, JAN, FEB,
                         "{\"kind\":\"average\",\"threshold_days\":1.5,\"include_same_day\":false,"
                         "\"individual_after_days\":7,\"daily_amount_sek\":500}",
                         &error);
    CHECK(row_is(cJSON_GetArrayItem(rows, 0), "0180", 1, 2, 1000) && average_is(cJSON_GetArrayItem(rows, 0), 1, 2, 0));
    CHECK(row_is(cJSON_GetArrayItem(rows, 1), "1480", 2, 2.5, 1250) && average_is(cJSON_GetArrayItem(rows, 1), 0, 0, 2.5));
    CHECK(row_is(cJSON_GetArrayItem(rows, 2), NULL, 1, 0, 0) && average_is(cJSON_GetArrayItem(rows, 2), 0, 0, 0));
    cJSON_Delete(rows);
    /* Day 0 counted, no individual rule: 9 − 3; 4 − 2 × 3 < 0; 1 − 3 < 0. */
    rows = payment_basis(all, N_CASES, JAN, FEB,
                         "{\"kind\":\"average\",\"threshold_days\":3,\"include_same_day\":true,"
                         "\"daily_amount_sek\":100}",
                         &error);
    CHECK(row_is(cJSON_GetArrayItem(rows, 0), "0180", 1, 6, 600) && average_is(cJSON_GetArrayItem(rows, 0), 0, 0, 6));
    CHECK(row_is(cJSON_GetArrayItem(rows, 1), "1480", 2, 0, 0));
    cJSON_Delete(rows);
    /* A preset, passed on as the library wrote it: Västra Götaland's 3.0 days and 7-day rule. */
    char *model = NULL, *names = NULL;
    CHECK(utskrivning_payment_preset("vastra_gotaland", &model, NULL) == OK);
    rows = payment_basis(all, N_CASES, JAN, FEB, model, &error);
    CHECK(row_is(cJSON_GetArrayItem(rows, 0), "0180", 1, 2, 2 * 4277.0));
    CHECK(row_is(cJSON_GetArrayItem(rows, 1), "1480", 2, 0, 0));
    cJSON_Delete(rows);
    utskrivning_string_free(model);
    CHECK(utskrivning_payment_preset("law", &model, NULL) == OK);
    CHECK(json_is(model, "{\"kind\":\"individual\",\"daily_amount_sek\":9300}"));
    utskrivning_string_free(model);
    CHECK(utskrivning_payment_presets(&names) == OK);
    CHECK(json_is(names, "[\"law\",\"vastra_gotaland\",\"stockholm\",\"pre_2018\"]"));
    utskrivning_string_free(names);
    free_all(cases, N_CASES);
}

static void refusals_name_the_field_and_touch_nothing(void) {
    utskrivning_case *cases[N_CASES];
    CHECK(ward(cases));
    utskrivning_case *twin = discharged("c-1", "0180", "somatic", "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z");
    CHECK(twin != NULL);
    char *last_before = NULL, *snap_before = NULL;
    CHECK(utskrivning_case_snapshot(cases[0], &snap_before) == OK);
    /* A refused call on c-1, to see the figures leave its last error alone. */
    char *s = SENTINEL;
    CHECK(utskrivning_case_apply(cases[0], "{}", &s) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_case_last_error(cases[0], &last_before) == OK);
    CHECK(last_before != NULL && strstr(last_before, "invalid_input") != NULL);
    const utskrivning_case *all[N_CASES] = {cases[0], cases[1], cases[2], cases[3], cases[4]};
    const utskrivning_case *twice[] = {cases[0], cases[1], cases[0]};
    const utskrivning_case *twins[] = {cases[0], twin};
    const utskrivning_case *holes[] = {cases[0], NULL};
    cJSON *error = NULL;
    const char *models[] = {NULL, INDIVIDUAL}; /* the indicators, then the payment basis */
    for (int m = 0; m < 2; m++) {
        const char *model = models[m];
#define CALL(cs, n, from, to) (model == NULL ? indicators(cs, n, from, to, &error) : payment_basis(cs, n, from, to, model, &error))
#define REFUSED(cs, n, from, to, code, details)          \
    do {                                                 \
        CHECK(CALL(cs, n, from, to) == NULL);            \
        CHECK(error_is(error, code, details));           \
        cJSON_Delete(error);                             \
        error = NULL;                                    \
    } while (0)
        REFUSED(all, N_CASES, "2026-1-01", FEB, "invalid_input", "{\"field\":\"from\",\"problem\":\"not_a_date\"}");
        REFUSED(all, N_CASES, JAN, "2026-02-30", "invalid_input", "{\"field\":\"to\",\"problem\":\"not_a_date\"}");
        REFUSED(all, N_CASES, "2026-01-01T00:00:00Z", FEB, "invalid_input",
                "{\"field\":\"from\",\"problem\":\"not_a_date\"}");
        REFUSED(all, N_CASES, "19121212-1212", FEB, "invalid_input", "{\"field\":\"from\",\"problem\":\"not_a_date\"}");
        REFUSED(all, N_CASES, JAN, JAN, "invalid_input", "{\"field\":\"to\",\"problem\":\"out_of_range\"}");
        REFUSED(all, N_CASES, FEB, JAN, "invalid_input", "{\"field\":\"to\",\"problem\":\"out_of_range\"}");
        REFUSED(twice, 3, JAN, FEB, "invalid_input", "{\"field\":\"cases\",\"problem\":\"duplicate\"}");
        REFUSED(twins, 2, JAN, FEB, "invalid_input", "{\"field\":\"cases\",\"problem\":\"duplicate\"}");
        REFUSED(holes, 2, JAN, FEB, "null_parameter", "{\"parameter\":\"cases\"}");
        REFUSED(NULL, 1, JAN, FEB, "null_parameter", "{\"parameter\":\"cases\"}");
        REFUSED(all, N_CASES, NULL, FEB, "null_parameter", "{\"parameter\":\"from\"}");
        REFUSED(all, N_CASES, JAN, NULL, "null_parameter", "{\"parameter\":\"to\"}");
        REFUSED(all, N_CASES, JAN, "\xff", "invalid_utf8", "{\"parameter\":\"to\"}");
        /* The dates are judged before the list: a bad date with a handle twice is the date's. */
        REFUSED(twice, 3, "soon", FEB, "invalid_input", "{\"field\":\"from\",\"problem\":\"not_a_date\"}");
#undef REFUSED
#undef CALL
    }
    /* NULL outputs; outputs untouched on failure; NULL error_out makes the code the answer. */
    char *out = SENTINEL, *err = SENTINEL;
    CHECK(utskrivning_indicators(all, N_CASES, JAN, FEB, NULL, &err) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(err != SENTINEL && strstr(err, "indicators_out") != NULL);
    utskrivning_string_free(err);
    CHECK(utskrivning_payment_basis(all, N_CASES, JAN, FEB, INDIVIDUAL, NULL, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_indicators(all, N_CASES, FEB, JAN, &out, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_payment_basis(all, N_CASES, FEB, JAN, INDIVIDUAL, &out, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(out == SENTINEL);
    /* Nothing was read or logged, and c-1's last error is the refused event's still. */
    char *last_after = NULL;
    CHECK(utskrivning_case_last_error(cases[0], &last_after) == OK);
    CHECK(last_before != NULL && last_after != NULL && strcmp(last_before, last_after) == 0);
    CHECK(same_snapshots(cases, &snap_before, 1));
    utskrivning_string_free(last_before);
    utskrivning_string_free(last_after);
    utskrivning_string_free(snap_before);
    utskrivning_case_free(twin);
    free_all(cases, N_CASES);
}

static void a_bad_model_is_named_by_its_field(void) {
    utskrivning_case *c = discharged("c-1", "1480", "somatic", "2026-01-05T10:00:00Z", "2026-01-06T10:00:00Z");
    const utskrivning_case *one[] = {c};
    static const struct {
        const char *model, *details;
    } bad[] = {
        {"{", "{\"field\":\"model\",\"problem\":\"not_json\"}"},
        {"[]", "{\"field\":\"model\",\"problem\":\"not_an_object\"}"},
        {"{\"daily_amount_sek\":1}", "{\"field\":\"kind\",\"problem\":\"missing\"}"},
        {"{\"kind\":\"individual\"}", "{\"field\":\"daily_amount_sek\",\"problem\":\"missing\"}"},
        {"{\"kind\":\"individual\",\"daily_amount_sek\":null}", "{\"field\":\"daily_amount_sek\",\"problem\":\"missing\"}"},
        {"{\"kind\":\"individual\",\"daily_amount_sek\":\"9300\"}",
         "{\"field\":\"daily_amount_sek\",\"problem\":\"wrong_type\"}"},
        {"{\"kind\":\"individual\",\"daily_amount_sek\":-1}", "{\"field\":\"daily_amount_sek\",\"problem\":\"out_of_range\"}"},
        {"{\"kind\":\"individual\",\"kind\":\"average\",\"daily_amount_sek\":1}",
         "{\"field\":\"model\",\"problem\":\"duplicate_key\"}"},
        {"{\"kind\":\"individual\",\"daily_amount_sek\":1,\"threshold_days\":3}",
         "{\"field\":\"threshold_days\",\"problem\":\"unknown_field\"}"},
        {"{\"kind\":\"individual\",\"daily_amount_sek\":1,\"19121212-1212 Anna\":3}",
         "{\"problem\":\"unknown_field\",\"position\":2}"},
        {"{\"kind\":\"average\",\"threshold_days\":-3,\"include_same_day\":true,\"daily_amount_sek\":1}",
         "{\"field\":\"threshold_days\",\"problem\":\"out_of_range\"}"},
        {"{\"kind\":\"average\",\"threshold_days\":3,\"include_same_day\":true,\"individual_after_days\":-7,"
         "\"daily_amount_sek\":1}",
         "{\"field\":\"individual_after_days\",\"problem\":\"out_of_range\"}"},
        {"{\"kind\":\"average\",\"threshold_days\":3,\"daily_amount_sek\":1}",
         "{\"field\":\"include_same_day\",\"problem\":\"missing\"}"},
        {"{\"kind\":\"average\",\"threshold_days\":3,\"include_same_day\":\"yes\",\"daily_amount_sek\":1}",
         "{\"field\":\"include_same_day\",\"problem\":\"wrong_type\"}"},
        {"{\"kind\":\"average\",\"threshold_days\":3,\"include_same_day\":true,\"daily_amount_sek\":1,\"cap\":1}",
         "{\"field\":\"cap\",\"problem\":\"unknown_field\"}"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        cJSON *error = NULL;
        /* The model before the period: `to` before `from` is not what is reported. */
        CHECK(payment_basis(one, 1, FEB, JAN, bad[i].model, &error) == NULL);
        CHECK(error_is(error, "invalid_input", bad[i].details));
        char *text = cJSON_PrintUnformatted(error);
        CHECK(text != NULL && strstr(text, "1212") == NULL && strstr(text, "Anna") == NULL);
        cJSON_free(text);
        cJSON_Delete(error);
    }
    cJSON *error = NULL;
    CHECK(payment_basis(one, 1, JAN, FEB, "{\"kind\":\"weekly\",\"daily_amount_sek\":1}", &error) == NULL);
    CHECK(string_is(get(get(error, "details"), "field"), "kind") &&
          string_is(get(get(error, "details"), "problem"), "unknown_value") &&
          cJSON_GetArraySize(get(get(error, "details"), "allowed")) == 2);
    cJSON_Delete(error);
    CHECK(payment_basis(one, 1, JAN, FEB, NULL, &error) == NULL);
    CHECK(error_is(error, "null_parameter", "{\"parameter\":\"model_json\"}"));
    cJSON_Delete(error);
    /* An unknown preset names the ones there are; the preset's parameters are checked. */
    char *model = SENTINEL, *err = NULL;
    CHECK(utskrivning_payment_preset("halland", &model, &err) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(model == SENTINEL);
    error = cJSON_Parse(err);
    CHECK(error_is(error, "invalid_input",
                   "{\"field\":\"preset\",\"problem\":\"unknown_value\",\"allowed\":[\"law\",\"vastra_gotaland\","
                   "\"stockholm\",\"pre_2018\"]}"));
    CHECK(err != NULL && strstr(err, "halland") == NULL);
    cJSON_Delete(error);
    utskrivning_string_free(err);
    CHECK(utskrivning_payment_preset(NULL, &model, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_payment_preset("law", NULL, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_payment_presets(NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(model == SENTINEL);
    utskrivning_case_free(c);
}

/* ---- Running them ------------------------------------------------------------------------- */

static const struct {
    const char *name;
    void (*run)(void);
} TESTS[] = {
    {"indicators overall and per group, Stockholm days, nothing logged", january_overall_and_per_group},
    {"the payment basis by both models and a preset", the_payment_basis_by_both_models},
    {"refusals name the field and touch nothing", refusals_name_the_field_and_touch_nothing},
    {"a bad model is named by its field", a_bad_model_is_named_by_its_field},
};

void run_indicator_paths(int *passed, int *failed) {
    for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++) {
        failures = 0;
        TESTS[i].run();
        printf("%s indicator path: %s\n", failures == 0 ? "ok  " : "FAIL", TESTS[i].name);
        if (failures == 0) {
            (*passed)++;
        } else {
            (*failed)++;
        }
    }
}
