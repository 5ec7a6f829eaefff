/*
 * The thin driver of the scenario corpus (tests/scenarios/README.md, "Drivers"): it applies
 * each step through the C API and writes what it got to OUTDIR/<file stem>.jsonl, one line per
 * step, `{"step", "ok", "code", "details", "state", "journal"}`, and a worklist step's
 * `items`. It knows nothing of what a step
 * expects: the Rust comparer (`scenarios --driven`) judges the lines.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "utskrivning.h"

/* A step's event: `{"at", "actor"}` of the step (null if absent), then the event's own keys,
 * which win, as the reference driver builds it. */
static char *event_text(const cJSON *step) {
    cJSON *merged = cJSON_CreateObject();
    const char *keys[] = {"at", "actor"};
    for (size_t k = 0; k < 2; k++) {
        const cJSON *v = get(step, keys[k]);
        cJSON_AddItemToObject(merged, keys[k], v != NULL ? cJSON_Duplicate(v, true) : cJSON_CreateNull());
    }
    const cJSON *event = get(step, "event");
    for (const cJSON *f = cJSON_IsObject(event) ? event->child : NULL; f != NULL; f = f->next) {
        cJSON *copy = cJSON_Duplicate(f, true);
        if (cJSON_GetObjectItemCaseSensitive(merged, f->string) != NULL) {
            cJSON_ReplaceItemInObjectCaseSensitive(merged, f->string, copy);
        } else {
            cJSON_AddItemToObject(merged, f->string, copy);
        }
    }
    char *text = cJSON_PrintUnformatted(merged);
    cJSON_Delete(merged);
    return text;
}

static const char *string_or_empty(const cJSON *step, const char *key) {
    const cJSON *v = get(step, key);
    return cJSON_IsString(v) ? v->valuestring : "";
}

/* Applies (or views, or asks the worklist of) one step and writes its line; false if the API
 * gave no state or journal. */
static bool drive_step(utskrivning_case *c, int index, const cJSON *step, FILE *out) {
    char *answer = NULL, *error_text = NULL;
    utskrivning_result r;
    bool worklist = cJSON_IsTrue(get(step, "worklist"));
    if (worklist) {
        /* The scenario's one case; the call's error comes through its own `error_out`. */
        const cJSON *unit = get(step, "unit");
        utskrivning_case *const cases[] = {c};
        r = utskrivning_worklist(string_or_empty(step, "actor"), string_or_empty(step, "at"), cases, 1,
                                 cJSON_IsString(unit) ? unit->valuestring : NULL, &answer, &error_text);
    } else if (cJSON_IsTrue(get(step, "view"))) {
        r = utskrivning_case_view(c, string_or_empty(step, "actor"), string_or_empty(step, "at"), &answer);
    } else {
        char *event = event_text(step);
        r = utskrivning_case_apply(c, event != NULL ? event : "", &answer);
        cJSON_free(event);
    }

    cJSON *line = cJSON_CreateObject();
    cJSON_AddNumberToObject(line, "step", index);
    cJSON_AddBoolToObject(line, "ok", r == UTSKRIVNING_RESULT_OK);
    if (r != UTSKRIVNING_RESULT_OK && !worklist) {
        utskrivning_case_last_error(c, &error_text);
    }
    cJSON *error = error_text != NULL ? cJSON_Parse(error_text) : NULL;
    utskrivning_string_free(error_text);
    const cJSON *code = get(error, "code"), *details = get(error, "details");
    cJSON_AddItemToObject(line, "code", code != NULL ? cJSON_Duplicate(code, true)
                                        : r != UTSKRIVNING_RESULT_OK ? cJSON_CreateString(utskrivning_result_name(r))
                                                                     : cJSON_CreateNull());
    cJSON_AddItemToObject(line, "details", details != NULL ? cJSON_Duplicate(details, true) : cJSON_CreateNull());
    cJSON_Delete(error);

    char *state = NULL, *journal = NULL;
    bool ok = utskrivning_case_state(c, &state) == UTSKRIVNING_RESULT_OK &&
              utskrivning_case_journal(c, &journal) == UTSKRIVNING_RESULT_OK;
    if (ok) {
        /* The state as the API wrote it, not as cJSON would print it back. */
        cJSON_AddRawToObject(line, "state", state);
        cJSON *events = cJSON_Parse(journal);
        cJSON_AddNumberToObject(line, "journal", cJSON_GetArraySize(events));
        cJSON_Delete(events);
        if (worklist && r == UTSKRIVNING_RESULT_OK) {
            cJSON_AddRawToObject(line, "items", answer); /* the list as the API wrote it */
        }
        char *text = cJSON_PrintUnformatted(line);
        ok = text != NULL && fprintf(out, "%s\n", text) > 0;
        cJSON_free(text);
    }
    utskrivning_string_free(state);
    utskrivning_string_free(journal);
    utskrivning_string_free(answer);
    cJSON_Delete(line);
    return ok;
}

/* OUTDIR/<stem of path>.jsonl, malloc'd. */
static char *lines_path(const char *path, const char *outdir) {
    const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
    size_t stem = strlen(base);
    if (stem > 5 && strcmp(base + stem - 5, ".json") == 0) {
        stem -= 5;
    }
    size_t size = strlen(outdir) + 1 + stem + sizeof ".jsonl";
    char *out = malloc(size);
    if (out != NULL) {
        snprintf(out, size, "%s/%.*s.jsonl", outdir, (int)stem, base);
    }
    return out;
}

int drive_scenario_file(const char *path, const char *outdir) {
    strbuf why = {0};
    char *text = read_file(path, &why);
    cJSON *root = text != NULL ? cJSON_Parse(text) : NULL;
    free(text);
    const cJSON *steps = get(root, "steps");
    char *out_path = lines_path(path, outdir);
    FILE *out = NULL;
    utskrivning_case *c = NULL;
    if (why.text == NULL && !cJSON_IsArray(steps)) {
        sb_add(&why, root == NULL ? "not JSON" : "no `steps` list");
    } else if (why.text == NULL && (out_path == NULL || (out = fopen(out_path, "w")) == NULL)) {
        sb_add(&why, "cannot write %s", out_path != NULL ? out_path : "the lines");
    } else if (why.text == NULL && utskrivning_case_new(&c) != UTSKRIVNING_RESULT_OK) {
        sb_add(&why, "utskrivning_case_new failed");
    }
    int i = 0;
    for (const cJSON *step = why.text == NULL ? steps->child : NULL; step != NULL; step = step->next, i++) {
        if (!drive_step(c, i, step, out)) {
            sb_add(&why, "step %d: no state, journal or line", i + 1);
            break;
        }
    }
    if (out != NULL && fclose(out) != 0 && why.text == NULL) {
        sb_add(&why, "cannot write %s", out_path);
    }
    bool ok = why.text == NULL;
    if (!ok) {
        printf("FAIL %s  %s\n", path, why.text);
    }
    sb_free(&why);
    free(out_path);
    utskrivning_case_free(c);
    cJSON_Delete(root);
    return ok;
}
