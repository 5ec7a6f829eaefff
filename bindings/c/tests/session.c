/*
 * The session scenarios (tests/sessions, docs/sessions.md) through the C planner, step for
 * step the Rust runner's (core/src/scenario/sessions.rs): each case is admitted on Monday
 * 2 March 2026 (08:00, professional check-in), gets the admission notice at 08:05 unless its
 * `phase` is `admitted`, and its care contact's unit at 08:10 when it names one; each step does
 * one operation. A refusal must have the expected code and details and change no case journal
 * and no slot; an acceptance must match `answer`, `logged` and `cases`; after every step the
 * snapshot restores a planner with the same snapshot.
 *
 * Then the planner's error paths.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "utskrivning.h"

#define OK UTSKRIVNING_RESULT_OK

/* The session runner's match of `answer` and `cases` (Rust's `subset_mismatch`): true if `want`
 * is a subset of `got` (objects by key, lists element-wise and of equal length, scalars equal),
 * else false with where they differ. */
static bool subset(const cJSON *want, const cJSON *got, const char *path, strbuf *why) {
    if (cJSON_IsObject(want) && cJSON_IsObject(got)) {
        for (const cJSON *w = want->child; w != NULL; w = w->next) {
            strbuf sub = {0};
            sb_add(&sub, "%s.%s", path, w->string);
            const cJSON *g = cJSON_GetObjectItemCaseSensitive(got, w->string);
            bool ok = g != NULL && subset(w, g, sub.text, why);
            if (g == NULL) {
                sb_add(why, "%s: missing", sub.text);
            }
            sb_free(&sub);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
    if (cJSON_IsArray(want) && cJSON_IsArray(got) && cJSON_GetArraySize(want) == cJSON_GetArraySize(got)) {
        int i = 0;
        for (const cJSON *w = want->child, *g = got->child; w != NULL; w = w->next, g = g->next, i++) {
            strbuf sub = {0};
            sb_add(&sub, "%s[%d]", path, i);
            bool ok = subset(w, g, sub.text, why);
            sb_free(&sub);
            if (!ok) {
                return false;
            }
        }
        return true;
    }
    if (cJSON_Compare(want, got, true)) {
        return true;
    }
    sb_add(why, "%s: expected ", path);
    add_json(why, want);
    sb_add(why, ", got ");
    add_json(why, got);
    return false;
}

/* ---- The world of a scenario ---------------------------------------------------------------- */

typedef struct {
    utskrivning_planner *planner;
    int n;
    const char **ids;         /* borrowed from the scenario's JSON */
    utskrivning_case **cases; /* in the file's key order */
} world;

static void world_free(world *w) {
    for (int i = 0; i < w->n; i++) {
        utskrivning_case_free(w->cases[i]);
    }
    free(w->cases);
    free((void *)w->ids);
    utskrivning_planner_free(w->planner);
}

static bool apply(utskrivning_case *c, cJSON *event) {
    char *text = cJSON_PrintUnformatted(event);
    char *effects = NULL;
    bool ok = text != NULL && utskrivning_case_apply(c, text, &effects) == OK;
    utskrivning_string_free(effects);
    cJSON_free(text);
    cJSON_Delete(event);
    return ok;
}

/* A case as the Rust runner makes it (`make_case`). */
static utskrivning_case *make_case(const char *id, const cJSON *spec) {
    utskrivning_case *c = NULL;
    if (utskrivning_case_new(&c) != OK) {
        return NULL;
    }
    uint8_t municipal = cJSON_IsTrue(get(spec, "municipal_care_at_admission")) ? 1 : 0;
    bool ok =
        utskrivning_case_admit(c, "2026-03-02T08:00:00Z", id, "professional_check_in", municipal, NULL, NULL, NULL) == OK;
    const cJSON *phase = get(spec, "phase");
    if (ok && !(cJSON_IsString(phase) && strcmp(phase->valuestring, "admitted") == 0)) {
        ok = apply(c, cJSON_Parse("{\"at\":\"2026-03-02T08:05:00Z\",\"actor\":\"inpatient\",\"type\":\"send_admission_notice\","
                                  "\"to\":[\"care_contact\",\"social_services\"]}"));
    }
    const cJSON *unit = get(spec, "care_contact");
    if (ok && cJSON_IsString(unit)) {
        cJSON *assign = cJSON_Parse("{\"at\":\"2026-03-02T08:10:00Z\",\"actor\":\"care_contact\",\"type\":\"assign_care_contact\"}");
        cJSON_AddStringToObject(assign, "unit", unit->valuestring);
        ok = apply(c, assign);
    }
    if (!ok) {
        utskrivning_case_free(c);
        return NULL;
    }
    return c;
}

static bool world_make(world *w, const cJSON *root, strbuf *why) {
    const cJSON *config = get(root, "planner");
    const cJSON *cases = get(root, "cases");
    if (!cJSON_IsObject(config) || !cJSON_IsObject(cases)) {
        sb_add(why, "no `planner` or `cases` object");
        return false;
    }
    char *text = cJSON_PrintUnformatted(config);
    char *error = NULL;
    utskrivning_result r = utskrivning_planner_new(text, &w->planner, &error);
    cJSON_free(text);
    if (r != OK) {
        sb_add(why, "planner: %s", error != NULL ? error : utskrivning_result_name(r));
        utskrivning_string_free(error);
        return false;
    }
    w->n = cJSON_GetArraySize(cases);
    w->ids = calloc((size_t)w->n + 1, sizeof *w->ids);
    w->cases = calloc((size_t)w->n + 1, sizeof *w->cases);
    int i = 0;
    for (const cJSON *spec = cases->child; spec != NULL && w->ids != NULL && w->cases != NULL; spec = spec->next, i++) {
        w->ids[i] = spec->string;
        w->cases[i] = make_case(spec->string, spec);
        if (w->cases[i] == NULL) {
            sb_add(why, "case %s could not be made", spec->string);
            return false;
        }
    }
    return w->ids != NULL && w->cases != NULL;
}

static utskrivning_case *case_named(const world *w, const cJSON *op) {
    const cJSON *id = get(op, "case");
    for (int i = 0; cJSON_IsString(id) && i < w->n; i++) {
        if (strcmp(w->ids[i], id->valuestring) == 0) {
            return w->cases[i];
        }
    }
    return NULL;
}

/* ---- What a step sees before and after ------------------------------------------------------- */

/* A parsed JSON answer of the planner (`snapshot`, `access_log`), or NULL. */
static cJSON *planner_json(const utskrivning_planner *p, utskrivning_result (*f)(const utskrivning_planner *, char **)) {
    char *s = NULL;
    if (f(p, &s) != OK) {
        return NULL;
    }
    cJSON *v = cJSON_Parse(s);
    utskrivning_string_free(s);
    return v;
}

/* Every case's journal, one string each (freed with `journals_free`). */
static char **journals(const world *w) {
    char **all = calloc((size_t)w->n + 1, sizeof *all);
    for (int i = 0; all != NULL && i < w->n; i++) {
        if (utskrivning_case_journal(w->cases[i], &all[i]) != OK) {
            all[i] = NULL;
        }
    }
    return all;
}

static void journals_free(const world *w, char **all) {
    for (int i = 0; all != NULL && i < w->n; i++) {
        utskrivning_string_free(all[i]);
    }
    free(all);
}

static bool same_journals(const world *w, char **before) {
    char **now = journals(w);
    bool same = now != NULL && before != NULL;
    for (int i = 0; same && i < w->n; i++) {
        same = before[i] != NULL && now[i] != NULL && strcmp(before[i], now[i]) == 0;
    }
    journals_free(w, now);
    return same;
}

/* ---- One step ------------------------------------------------------------------------------ */

static const char *text_of(const cJSON *op, const char *key) {
    const cJSON *v = get(op, key);
    return cJSON_IsString(v) ? v->valuestring : NULL;
}

/* Performs the step's operation: the result, `*answer` (owned) on success, and in `*on_case`
 * the case whose last error answers for a `case_event` (else the planner's does). */
static utskrivning_result perform(world *w, const cJSON *step, char **answer, utskrivning_case **on_case, strbuf *why) {
    static const char *const OPERATIONS[] = {"book", "rebook", "cancel", "reserve_questions_slot",
                                             "release_questions_slot", "regroup", "view", "case_event"};
    const char *name = NULL;
    for (size_t i = 0; i < sizeof OPERATIONS / sizeof OPERATIONS[0] && name == NULL; i++) {
        name = get(step, OPERATIONS[i]) != NULL ? OPERATIONS[i] : NULL;
    }
    const char *at = text_of(step, "at");
    if (name == NULL || at == NULL) {
        sb_add(why, "a step needs `at` and an operation");
        return UTSKRIVNING_RESULT_INTERNAL;
    }
    const cJSON *op = get(step, name);
    const char *session = text_of(op, "session");
    utskrivning_case *c = case_named(w, op);
    *on_case = NULL;
    if (strcmp(name, "book") == 0 || strcmp(name, "rebook") == 0 || strcmp(name, "cancel") == 0 ||
        strcmp(name, "case_event") == 0) {
        if (c == NULL) {
            sb_add(why, "no such case");
            return UTSKRIVNING_RESULT_INTERNAL;
        }
    }
    if (strcmp(name, "book") == 0) {
        return utskrivning_planner_book(w->planner, session, c, at, answer);
    }
    if (strcmp(name, "rebook") == 0) {
        return utskrivning_planner_rebook(w->planner, session, c, at, answer);
    }
    if (strcmp(name, "cancel") == 0) {
        return utskrivning_planner_cancel(w->planner, c, at, answer);
    }
    if (strcmp(name, "reserve_questions_slot") == 0) {
        return utskrivning_planner_reserve_questions_slot(w->planner, session, text_of(op, "care_contact"), at, answer);
    }
    if (strcmp(name, "release_questions_slot") == 0) {
        *answer = NULL;
        return utskrivning_planner_release_questions_slot(w->planner, session, text_of(op, "care_contact"));
    }
    if (strcmp(name, "regroup") == 0) {
        return utskrivning_planner_regroup(w->planner, session, w->cases, (size_t)w->n, at, answer);
    }
    if (strcmp(name, "view") == 0) {
        return utskrivning_planner_view(w->planner, session, text_of(op, "role"), text_of(op, "care_contact"), at,
                                        (const utskrivning_case *const *)w->cases, (size_t)w->n, answer);
    }
    /* case_event: the event with the step's `at`, applied to the case directly. */
    cJSON *event = cJSON_Duplicate(get(op, "event"), true);
    if (!cJSON_IsObject(event)) {
        cJSON_Delete(event);
        sb_add(why, "case_event needs `event`");
        return UTSKRIVNING_RESULT_INTERNAL;
    }
    cJSON_DeleteItemFromObjectCaseSensitive(event, "at");
    cJSON_AddStringToObject(event, "at", at);
    char *text = cJSON_PrintUnformatted(event);
    cJSON_Delete(event);
    *on_case = c;
    utskrivning_result r = utskrivning_case_apply(c, text, answer);
    cJSON_free(text);
    return r;
}

static cJSON *last_error(const utskrivning_planner *p, const utskrivning_case *c) {
    char *s = NULL;
    utskrivning_result r = c != NULL ? utskrivning_case_last_error(c, &s) : utskrivning_planner_last_error(p, &s);
    cJSON *e = r == OK ? cJSON_Parse(s) : NULL;
    utskrivning_string_free(s);
    return e;
}

/* The outcomes of the access-log entries after the first `from`, as a JSON array. */
static cJSON *logged_since(const utskrivning_planner *p, int from) {
    cJSON *log = planner_json(p, utskrivning_planner_access_log);
    cJSON *outcomes = cJSON_CreateArray();
    int i = 0;
    for (const cJSON *e = log != NULL ? log->child : NULL; e != NULL; e = e->next, i++) {
        if (i >= from) {
            cJSON_AddItemToArray(outcomes, cJSON_Duplicate(get(e, "outcome"), true));
        }
    }
    cJSON_Delete(log);
    return outcomes;
}

static bool check_refusal(const world *w, const cJSON *expect, const cJSON *e, const cJSON *slots_before,
                          char **journals_before, int logged, strbuf *why) {
    const char *want = text_of(expect, "error");
    const char *code = text_of(e, "code");
    bool ok = code != NULL && strcmp(code, want) == 0;
    if (!ok) {
        sb_add(why, "expected %s, got ", want);
        add_json(why, e);
    } else if (get(expect, "details") != NULL) {
        ok = subset(get(expect, "details"), get(e, "details"), "details", why);
    }
    if (ok) {
        cJSON *snapshot = planner_json(w->planner, utskrivning_planner_snapshot);
        bool same_slots = cJSON_Compare(get(snapshot, "sessions"), slots_before, true);
        cJSON_Delete(snapshot);
        ok = same_slots && same_journals(w, journals_before) && logged <= 1;
        if (!ok) {
            sb_add(why, "a refusal changed the planner or a case");
        }
    }
    return ok;
}

/* The snapshot restores a planner with the same snapshot. */
static bool round_trips(const utskrivning_planner *p, strbuf *why) {
    char *snapshot = NULL, *again = NULL, *error = NULL;
    utskrivning_planner *restored = NULL;
    bool ok = utskrivning_planner_snapshot(p, &snapshot) == OK &&
              utskrivning_planner_restore(snapshot, &restored, &error) == OK &&
              utskrivning_planner_snapshot(restored, &again) == OK && strcmp(snapshot, again) == 0;
    if (!ok) {
        sb_add(why, "the snapshot did not restore the planner %s", error != NULL ? error : "");
    }
    utskrivning_string_free(snapshot);
    utskrivning_string_free(again);
    utskrivning_string_free(error);
    utskrivning_planner_free(restored);
    return ok;
}

static bool run_step(world *w, const cJSON *step, strbuf *why) {
    const cJSON *expect = get(step, "expect");
    if (expect == NULL) {
        sb_add(why, "no `expect`");
        return false;
    }
    cJSON *snapshot = planner_json(w->planner, utskrivning_planner_snapshot);
    cJSON *slots_before = cJSON_DetachItemFromObjectCaseSensitive(snapshot, "sessions");
    cJSON_Delete(snapshot);
    char **journals_before = journals(w);
    cJSON *log = planner_json(w->planner, utskrivning_planner_access_log);
    int log_before = cJSON_GetArraySize(log);
    cJSON_Delete(log);

    char *answer_text = NULL;
    utskrivning_case *on_case = NULL;
    strbuf setup = {0};
    utskrivning_result r = perform(w, step, &answer_text, &on_case, &setup);
    cJSON *answer = answer_text != NULL ? cJSON_Parse(answer_text) : cJSON_CreateNull();
    utskrivning_string_free(answer_text);
    /* Taken first: every later call on the handle records its own outcome. */
    cJSON *error = r != OK ? last_error(w->planner, on_case) : NULL;
    cJSON *logged = logged_since(w->planner, log_before);
    bool ok = true;
    if (setup.text != NULL) {
        sb_add(why, "%s", setup.text);
        ok = false;
    } else if (text_of(expect, "error") != NULL) {
        if (r == OK) {
            sb_add(why, "expected %s, got ok ", text_of(expect, "error"));
            add_json(why, answer);
            ok = false;
        } else {
            ok = check_refusal(w, expect, error, slots_before, journals_before, cJSON_GetArraySize(logged), why);
        }
    } else if (r != OK) {
        sb_add(why, "expected ok, got ");
        add_json(why, error);
        ok = false;
    } else if (get(expect, "answer") != NULL) {
        ok = subset(get(expect, "answer"), answer, "answer", why);
    }
    sb_free(&setup);
    if (ok && get(expect, "logged") != NULL && !cJSON_Compare(get(expect, "logged"), logged, true)) {
        sb_add(why, "access log: expected ");
        add_json(why, get(expect, "logged"));
        sb_add(why, ", got ");
        add_json(why, logged);
        ok = false;
    }
    const cJSON *cases = get(expect, "cases");
    for (const cJSON *want = ok && cJSON_IsObject(cases) ? cases->child : NULL; want != NULL && ok; want = want->next) {
        utskrivning_case *c = NULL;
        for (int i = 0; i < w->n; i++) {
            c = strcmp(w->ids[i], want->string) == 0 ? w->cases[i] : c;
        }
        char *state_text = NULL;
        if (c == NULL || utskrivning_case_state(c, &state_text) != OK) {
            sb_add(why, "no case %s", want->string);
            ok = false;
            break;
        }
        cJSON *state = cJSON_Parse(state_text);
        utskrivning_string_free(state_text);
        ok = subset(want, state, want->string, why);
        cJSON_Delete(state);
    }
    ok = ok && round_trips(w->planner, why);
    cJSON_Delete(answer);
    cJSON_Delete(error);
    cJSON_Delete(logged);
    cJSON_Delete(slots_before);
    journals_free(w, journals_before);
    return ok;
}

int run_session_file(const char *path) {
    strbuf why = {0};
    char *text = read_file(path, &why);
    cJSON *root = text != NULL ? cJSON_ParseWithOpts(text, NULL, true) : NULL;
    free(text);
    const char *name = text_of(root, "name") != NULL ? text_of(root, "name") : "?";
    world w = {0};
    bool ok = root != NULL && world_make(&w, root, &why);
    const cJSON *steps = get(root, "steps");
    int i = 0;
    for (const cJSON *step = ok && cJSON_IsArray(steps) ? steps->child : NULL; step != NULL && ok; step = step->next) {
        i++;
        strbuf step_why = {0};
        ok = run_step(&w, step, &step_why);
        if (!ok) {
            sb_add(&why, "step %d: %s", i, step_why.text != NULL ? step_why.text : "?");
        }
        sb_free(&step_why);
    }
    ok = ok && cJSON_IsArray(steps);
    printf("%s %s  %s\n", ok ? "ok  " : "FAIL", path, name);
    if (!ok) {
        printf("     %s\n", why.text != NULL ? why.text : "no `steps` list");
    }
    sb_free(&why);
    world_free(&w);
    cJSON_Delete(root);
    return ok ? 1 : 0;
}

/* ---- The planner's error paths -------------------------------------------------------------- */

static int failures; /* checks failed in the current test */

#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            printf("     %s:%d: %s\n", __func__, __LINE__, #cond);           \
            failures++;                                                      \
        }                                                                    \
    } while (0)

#define CONFIG                                                                                                  \
    "{\"hospital\":\"h-1\",\"slot_minutes\":10,\"times\":[{\"weekday\":\"tuesday\",\"starts\":\"13:00\",\"ends\":" \
    "\"14:00\"}]}"
#define TUESDAY "2026-03-03T13:00"
#define MONDAY "2026-03-02T12:00:00Z"

/* A pointer no call may write: outputs are written only on success. */
static char sentinel_byte;

static utskrivning_planner *planner(void) {
    utskrivning_planner *p = NULL;
    return utskrivning_planner_new(CONFIG, &p, NULL) == OK ? p : NULL;
}

/* A case in planning; with the care contact's unit unless `unit` is NULL. */
static utskrivning_case *in_planning(const char *id, const char *unit) {
    cJSON *spec = cJSON_CreateObject();
    if (unit != NULL) {
        cJSON_AddStringToObject(spec, "care_contact", unit);
    }
    utskrivning_case *c = make_case(id, spec);
    cJSON_Delete(spec);
    return c;
}

static bool error_is(const utskrivning_planner *p, const char *code, const char *key, const char *value) {
    cJSON *e = last_error(p, NULL);
    const char *got_code = text_of(e, "code");
    const char *got = text_of(get(e, "details"), key);
    bool is = got_code != NULL && strcmp(got_code, code) == 0 && got != NULL && strcmp(got, value) == 0;
    cJSON_Delete(e);
    return is;
}

static void a_bad_configuration_names_the_field_and_makes_nothing(void) {
    utskrivning_planner *p = (utskrivning_planner *)&sentinel_byte;
    char *error = NULL;
    CHECK(utskrivning_planner_new("{\"hospital\":\"h\",\"slot_minutes\":0,\"times\":[]}", &p, &error) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(p == (utskrivning_planner *)&sentinel_byte);
    cJSON *e = cJSON_Parse(error);
    CHECK(text_of(e, "code") != NULL && strcmp(text_of(e, "code"), "invalid_input") == 0);
    CHECK(text_of(get(e, "details"), "field") != NULL);
    cJSON_Delete(e);
    utskrivning_string_free(error);
    /* The error output is optional. */
    CHECK(utskrivning_planner_new("{", &p, NULL) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_planner_new(NULL, &p, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_planner_new(CONFIG, NULL, NULL) == UTSKRIVNING_RESULT_NULL_PARAMETER);
}

/* Weekly times are HH:MM exactly (spec version 2): `1:00` is no time, and makes no planner. */
static void a_weekly_time_not_hh_mm_is_not_a_time(void) {
    static const char *bad[] = {"1:00", "9:00", "13:0", "24:00", "13:60", "13.00", " 13:00"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char config[200];
        snprintf(config, sizeof config,
                 "{\"hospital\":\"h-1\",\"slot_minutes\":10,\"times\":[{\"weekday\":\"tuesday\",\"starts\":\"%s\","
                 "\"ends\":\"14:00\"}]}",
                 bad[i]);
        utskrivning_planner *p = (utskrivning_planner *)&sentinel_byte;
        char *error = NULL;
        CHECK(utskrivning_planner_new(config, &p, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
        CHECK(p == (utskrivning_planner *)&sentinel_byte);
        cJSON *e = cJSON_Parse(error);
        const char *problem = text_of(get(e, "details"), "problem");
        CHECK(text_of(e, "code") != NULL && strcmp(text_of(e, "code"), "invalid_input") == 0);
        CHECK(problem != NULL && strcmp(problem, "not_a_time") == 0);
        if (problem == NULL || strcmp(problem, "not_a_time") != 0) {
            printf("       starts %s: %s\n", bad[i], error != NULL ? error : "(no error)");
        }
        cJSON_Delete(e);
        utskrivning_string_free(error);
    }
    /* The same configuration with 13:00 is a planner. */
    utskrivning_planner *p = NULL;
    CHECK(utskrivning_planner_new(CONFIG, &p, NULL) == OK && p != NULL);
    utskrivning_planner_free(p);
}

static void null_parameters_are_named(void) {
    utskrivning_planner *p = planner();
    char *out = &sentinel_byte;
    CHECK(utskrivning_planner_slots(NULL, TUESDAY, &out) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(utskrivning_planner_slots(p, NULL, &out) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_is(p, "null_parameter", "parameter", "session"));
    CHECK(utskrivning_planner_book(p, TUESDAY, NULL, MONDAY, &out) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_is(p, "null_parameter", "parameter", "case"));
    CHECK(utskrivning_planner_regroup(p, TUESDAY, NULL, 2, MONDAY, &out) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_is(p, "null_parameter", "parameter", "cases"));
    CHECK(out == &sentinel_byte);
    CHECK(utskrivning_planner_last_error(NULL, &out) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    utskrivning_planner_free(p);
    utskrivning_planner_free(NULL);
}

static void a_refused_booking_changes_neither_case_nor_planner(void) {
    utskrivning_planner *p = planner();
    utskrivning_case *booked = in_planning("c-1", "vc-norr"), *no_contact = in_planning("c-2", NULL);
    char *booking = NULL, *out = &sentinel_byte;
    CHECK(utskrivning_planner_book(p, TUESDAY, booked, MONDAY, &booking) == OK);
    char *planner_before = NULL, *case_before = NULL, *state_before = NULL;
    char *planner_after = NULL, *case_after = NULL, *state_after = NULL;
    CHECK(utskrivning_planner_snapshot(p, &planner_before) == OK);
    CHECK(utskrivning_case_snapshot(no_contact, &case_before) == OK);
    CHECK(utskrivning_case_state(no_contact, &state_before) == OK);
    CHECK(utskrivning_planner_book(p, TUESDAY, no_contact, MONDAY, &out) == UTSKRIVNING_RESULT_PREPARATION_INCOMPLETE);
    CHECK(out == &sentinel_byte);
    /* The case's refusal is the planner's last error; the case's own last error is untouched. */
    cJSON *e = last_error(p, NULL);
    CHECK(text_of(e, "code") != NULL && strcmp(text_of(e, "code"), "preparation_incomplete") == 0);
    cJSON_Delete(e);
    e = last_error(NULL, no_contact);
    CHECK(cJSON_IsNull(e));
    cJSON_Delete(e);
    CHECK(utskrivning_planner_snapshot(p, &planner_after) == OK);
    CHECK(utskrivning_case_snapshot(no_contact, &case_after) == OK);
    CHECK(utskrivning_case_state(no_contact, &state_after) == OK);
    CHECK(planner_before != NULL && planner_after != NULL && strcmp(planner_before, planner_after) == 0);
    CHECK(case_before != NULL && case_after != NULL && strcmp(case_before, case_after) == 0);
    CHECK(state_before != NULL && state_after != NULL && strcmp(state_before, state_after) == 0);
    utskrivning_string_free(state_before);
    utskrivning_string_free(state_after);
    /* The booked case's check-in is at its slot's start. */
    cJSON *b = cJSON_Parse(booking);
    char *state = NULL;
    cJSON *s = utskrivning_case_state(booked, &state) == OK ? cJSON_Parse(state) : NULL;
    const char *slot_start = text_of(get(b, "slot"), "starts_at"), *check_in = text_of(get(s, "check_in"), "starts_at");
    CHECK(slot_start != NULL && check_in != NULL && strcmp(slot_start, check_in) == 0);
    cJSON_Delete(b);
    cJSON_Delete(s);
    utskrivning_string_free(state);
    utskrivning_string_free(booking);
    utskrivning_string_free(planner_before);
    utskrivning_string_free(planner_after);
    utskrivning_string_free(case_before);
    utskrivning_string_free(case_after);
    utskrivning_case_free(booked);
    utskrivning_case_free(no_contact);
    utskrivning_planner_free(p);
}

static void a_case_given_twice_is_refused_before_anything_changes(void) {
    utskrivning_planner *p = planner();
    utskrivning_case *c = in_planning("c-1", "vc-norr");
    char *booking = NULL, *out = &sentinel_byte;
    CHECK(utskrivning_planner_book(p, TUESDAY, c, MONDAY, &booking) == OK);
    utskrivning_case *twice[] = {c, c};
    CHECK(utskrivning_planner_regroup(p, TUESDAY, twice, 2, MONDAY, &out) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_is(p, "invalid_input", "problem", "duplicate"));
    const utskrivning_case *read_twice[] = {c, c};
    CHECK(utskrivning_planner_view(p, TUESDAY, "inpatient", NULL, MONDAY, read_twice, 2, &out) ==
          UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_is(p, "invalid_input", "field", "cases"));
    CHECK(out == &sentinel_byte);
    /* Malformed input is refused before anything is seen, so nothing was logged. */
    char *log = NULL;
    CHECK(utskrivning_planner_access_log(p, &log) == OK && log != NULL && strcmp(log, "[]") == 0);
    utskrivning_string_free(log);
    utskrivning_string_free(booking);
    utskrivning_case_free(c);
    utskrivning_planner_free(p);
}

static void unknown_sessions_and_full_sessions_are_named(void) {
    utskrivning_planner *p = planner();
    char *out = &sentinel_byte;
    CHECK(utskrivning_planner_slots(p, "2026-03-04T13:00", &out) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(error_is(p, "invalid_input", "field", "session"));
    utskrivning_case *cases[7] = {0};
    char id[8];
    for (int i = 0; i < 7; i++) {
        snprintf(id, sizeof id, "c-%d", i);
        cases[i] = in_planning(id, "vc-norr");
        char *booking = NULL;
        utskrivning_result r = utskrivning_planner_book(p, TUESDAY, cases[i], MONDAY, &booking);
        CHECK(i < 6 ? r == OK : r == UTSKRIVNING_RESULT_WRONG_STATE);
        utskrivning_string_free(booking);
    }
    CHECK(error_is(p, "wrong_state", "problem", "session_full"));
    for (int i = 0; i < 7; i++) {
        utskrivning_case_free(cases[i]);
    }
    utskrivning_planner_free(p);
}

static void views_are_per_party_and_logged(void) {
    utskrivning_planner *p = planner();
    utskrivning_case *a = in_planning("c-1", "vc-norr"), *b = in_planning("c-2", "vc-syd");
    char *s = NULL;
    CHECK(utskrivning_planner_book(p, TUESDAY, a, MONDAY, &s) == OK);
    utskrivning_string_free(s);
    CHECK(utskrivning_planner_book(p, TUESDAY, b, MONDAY, &s) == OK);
    utskrivning_string_free(s);
    const utskrivning_case *both[] = {a, b};
    char *view = NULL;
    CHECK(utskrivning_planner_view(p, TUESDAY, "care_contact", "vc-norr", MONDAY, both, 2, &view) == OK);
    CHECK(view != NULL && strstr(view, "\"c-1\"") != NULL && strstr(view, "\"c-2\"") == NULL);
    utskrivning_string_free(view);
    char *out = &sentinel_byte;
    CHECK(utskrivning_planner_view(p, TUESDAY, "patient", NULL, MONDAY, both, 2, &out) == UTSKRIVNING_RESULT_NOT_PERMITTED);
    CHECK(out == &sentinel_byte);
    cJSON *log = planner_json(p, utskrivning_planner_access_log);
    CHECK(cJSON_GetArraySize(log) == 2);
    CHECK(text_of(cJSON_GetArrayItem(log, 1), "outcome") != NULL &&
          strcmp(text_of(cJSON_GetArrayItem(log, 1), "outcome"), "refused") == 0);
    cJSON_Delete(log);
    utskrivning_case_free(a);
    utskrivning_case_free(b);
    utskrivning_planner_free(p);
}

static void a_tampered_snapshot_is_refused_with_its_error(void) {
    utskrivning_planner *p = planner(), *restored = NULL;
    char *snapshot = NULL, *error = NULL;
    CHECK(utskrivning_planner_snapshot(p, &snapshot) == OK);
    char *version = snapshot != NULL ? strstr(snapshot, "\"version\":1") : NULL;
    CHECK(version != NULL);
    if (version != NULL) {
        version[strlen("\"version\":")] = '9';
    }
    CHECK(utskrivning_planner_restore(snapshot, &restored, &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(restored == NULL && error != NULL && strstr(error, "unsupported_version") != NULL);
    utskrivning_string_free(error);
    utskrivning_string_free(snapshot);
    utskrivning_planner_free(p);
}

static void case_lists_null_elements_and_the_empty_list(void) {
    utskrivning_planner *p = planner();
    utskrivning_case *c = in_planning("c-1", "vc-norr");
    char *out = &sentinel_byte;
    utskrivning_case *with_null[] = {c, NULL};
    CHECK(utskrivning_planner_regroup(p, TUESDAY, with_null, 2, MONDAY, &out) == UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(error_is(p, "null_parameter", "parameter", "cases"));
    const utskrivning_case *read_with_null[] = {NULL, c};
    CHECK(utskrivning_planner_view(p, TUESDAY, "inpatient", NULL, MONDAY, read_with_null, 2, &out) ==
          UTSKRIVNING_RESULT_NULL_PARAMETER);
    CHECK(out == &sentinel_byte);
    /* NULL with length 0 is the empty list. */
    char *bookings = NULL, *view = NULL;
    CHECK(utskrivning_planner_regroup(p, TUESDAY, NULL, 0, MONDAY, &bookings) == OK);
    CHECK(bookings != NULL && strcmp(bookings, "[]") == 0);
    CHECK(utskrivning_planner_view(p, TUESDAY, "inpatient", NULL, MONDAY, NULL, 0, &view) == OK);
    CHECK(view != NULL && strstr(view, "\"slots\"") != NULL);
    utskrivning_string_free(bookings);
    utskrivning_string_free(view);
    utskrivning_case_free(c);
    utskrivning_planner_free(p);
}

static void an_empty_case_gets_the_cores_answer_and_nothing_changes(void) {
    utskrivning_planner *p = planner();
    utskrivning_case *empty = NULL;
    CHECK(utskrivning_case_new(&empty) == OK);
    char *before = NULL, *after = NULL, *out = &sentinel_byte;
    CHECK(utskrivning_planner_snapshot(p, &before) == OK);
    /* The case's own refusal of `book_check_in` before admission. */
    CHECK(utskrivning_planner_book(p, TUESDAY, empty, MONDAY, &out) == UTSKRIVNING_RESULT_WRONG_STATE);
    CHECK(error_is(p, "wrong_state", "state", "not_admitted"));
    CHECK(out == &sentinel_byte);
    CHECK(utskrivning_planner_snapshot(p, &after) == OK);
    CHECK(before != NULL && after != NULL && strcmp(before, after) == 0);
    utskrivning_string_free(before);
    utskrivning_string_free(after);
    utskrivning_case_free(empty);
    utskrivning_planner_free(p);
}

static void strings_belong_to_the_caller_and_outlive_the_handles(void) {
    utskrivning_planner *p = planner();
    utskrivning_case *c = in_planning("c-1", "vc-norr");
    char *booking = NULL, *slot = NULL, *none = NULL, *slots = NULL, *again = NULL, *error = NULL;
    CHECK(utskrivning_planner_book(p, TUESDAY, c, MONDAY, &booking) == OK);
    CHECK(utskrivning_planner_slot_of(p, "c-1", &slot) == OK);
    CHECK(utskrivning_planner_slot_of(p, "c-2", &none) == OK);
    CHECK(utskrivning_planner_slots(p, TUESDAY, &slots) == OK);
    CHECK(utskrivning_planner_slots(p, TUESDAY, &again) == OK);
    CHECK(utskrivning_planner_slots(p, "nej", &error) == UTSKRIVNING_RESULT_INVALID_INPUT);
    CHECK(utskrivning_planner_last_error(p, &error) == OK);
    /* Each answer is a string of its own, valid after both handles are gone. */
    CHECK(slots != NULL && again != NULL && slots != again);
    utskrivning_case_free(c);
    utskrivning_planner_free(p);
    CHECK(none != NULL && strcmp(none, "null") == 0);
    CHECK(slot != NULL && strstr(slot, "\"case_id\":\"c-1\"") != NULL);
    CHECK(booking != NULL && strstr(booking, "\"effects\"") != NULL);
    CHECK(slots != NULL && again != NULL && strcmp(slots, again) == 0);
    /* The error names the parameter, never the text that was passed. */
    CHECK(error != NULL && strstr(error, "\"session\"") != NULL && strstr(error, "nej") == NULL);
    char *all[] = {booking, slot, none, slots, again, error};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        utskrivning_string_free(all[i]);
    }
    utskrivning_string_free(NULL);
}

static const struct {
    const char *name;
    void (*run)(void);
} TESTS[] = {
    {"planner: a bad configuration names the field and makes nothing", a_bad_configuration_names_the_field_and_makes_nothing},
    {"planner: a weekly time not HH:MM is not_a_time", a_weekly_time_not_hh_mm_is_not_a_time},
    {"planner: NULL parameters are named", null_parameters_are_named},
    {"planner: a refused booking changes neither case nor planner", a_refused_booking_changes_neither_case_nor_planner},
    {"planner: a case given twice is refused", a_case_given_twice_is_refused_before_anything_changes},
    {"planner: unknown and full sessions are named", unknown_sessions_and_full_sessions_are_named},
    {"planner: views are per party and logged", views_are_per_party_and_logged},
    {"planner: a tampered snapshot is refused with its error", a_tampered_snapshot_is_refused_with_its_error},
    {"planner: NULL elements and the empty list of cases", case_lists_null_elements_and_the_empty_list},
    {"planner: an empty case gets the core's answer", an_empty_case_gets_the_cores_answer_and_nothing_changes},
    {"planner: strings belong to the caller and outlive the handles", strings_belong_to_the_caller_and_outlive_the_handles},
};

void run_planner_error_paths(int *passed, int *failed) {
    for (size_t i = 0; i < sizeof TESTS / sizeof TESTS[0]; i++) {
        failures = 0;
        TESTS[i].run();
        printf("%s error path: %s\n", failures == 0 ? "ok  " : "FAIL", TESTS[i].name);
        *(failures == 0 ? passed : failed) += 1;
    }
}
