/*
 * The scenario runner in C, step for step the Rust runner's (core/src/scenario.rs): a step
 * applies its `event` (with the step's `at` and `actor` merged in) or views as its actor;
 * `expect.error` must be the code, and then the case must be as it was; otherwise the call must
 * succeed and `expect.state` must be a subset of the state the API returns.
 *
 * cJSON is laxer than serde_json and keeps numbers as doubles, so before parsing, the text is
 * held to what serde_json accepts and to what cJSON reproduces exactly (see `faithful`): a
 * file outside that fails here rather than run differently from Rust. Of duplicate keys the
 * last counts, as in serde_json.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "check.h"
#include "utskrivning.h"

/* ---- The file text ------------------------------------------------------------------------ */

char *read_file(const char *path, strbuf *why) {
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        sb_add(why, "cannot open the file");
        return NULL;
    }
    char *text = NULL;
    long size = fseek(f, 0, SEEK_END) == 0 ? ftell(f) : -1;
    if (size >= 0 && fseek(f, 0, SEEK_SET) == 0 && (text = malloc((size_t)size + 1)) != NULL) {
        if (fread(text, 1, (size_t)size, f) == (size_t)size) {
            text[size] = 0;
        } else {
            free(text);
            text = NULL;
        }
    }
    fclose(f);
    if (text == NULL) {
        sb_add(why, "cannot read the file");
    } else if (memchr(text, 0, (size_t)size) != NULL) {
        sb_add(why, "not JSON: a NUL byte");
        free(text);
        text = NULL;
    }
    return text;
}

/* Length of the UTF-8 sequence at s (as Rust's str accepts it), or 0 if it is not one. */
static size_t utf8_len(const unsigned char *s) {
    if (s[0] < 0x80) {
        return 1;
    }
    size_t n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC2 ? 2 : 0;
    if (n == 0 || s[0] > 0xF4) {
        return 0;
    }
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0) != 0x80) {
            return 0;
        }
    }
    unsigned lo = 0x80, hi = 0xBF; /* the second byte's range, for overlongs and surrogates */
    if (s[0] == 0xE0) lo = 0xA0;
    if (s[0] == 0xED) hi = 0x9F;
    if (s[0] == 0xF0) lo = 0x90;
    if (s[0] == 0xF4) hi = 0x8F;
    return (s[1] >= lo && s[1] <= hi) ? n : 0;
}

/*
 * Whether cJSON reads `text` as serde_json would: UTF-8 throughout; no control character
 * inside strings and only JSON's four kinds of whitespace outside; no `\u0000` (cJSON's strings
 * end at NUL); and every number a plain integer of at most 15 digits, which a double holds and
 * cJSON prints back exactly (it would print `3.0` as `3`).
 */
static bool faithful(const char *text, strbuf *why) {
    const unsigned char *s = (const unsigned char *)text;
    bool in_string = false;
    for (size_t i = 0; s[i] != 0;) {
        size_t n = utf8_len(s + i);
        if (n == 0) {
            sb_add(why, "not UTF-8 at byte %zu", i);
            return false;
        }
        unsigned char c = s[i];
        if (in_string) {
            if (c < 0x20) {
                sb_add(why, "not JSON: a control character in a string at byte %zu", i);
                return false;
            }
            if (c == '\\') {
                if (strncmp((const char *)s + i, "\\u0000", 6) == 0) {
                    sb_add(why, "a \\u0000 escape at byte %zu, which cJSON cannot hold", i);
                    return false;
                }
                i += s[i + 1] != 0 ? 2 : 1;
                continue;
            }
            in_string = c != '"';
        } else if (c == '"') {
            in_string = true;
        } else if (c < 0x20 && c != ' ' && c != '\t' && c != '\n' && c != '\r') {
            sb_add(why, "not JSON: a control character at byte %zu", i);
            return false;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t start = i, digits = 0;
            if (s[i] == '-') i++;
            while (s[i + digits] >= '0' && s[i + digits] <= '9') digits++;
            i += digits;
            bool leading_zero = digits > 1 && s[start + (s[start] == '-')] == '0';
            bool fraction = s[i] == '.' || s[i] == 'e' || s[i] == 'E';
            bool negative_zero = s[start] == '-' && digits == 1 && s[i - 1] == '0';
            if (digits == 0 || digits > 15 || leading_zero || fraction || negative_zero) {
                sb_add(why, "the number at byte %zu is not a plain integer the C runner reproduces exactly", start);
                return false;
            }
            continue;
        }
        i += n;
    }
    return true;
}

/* serde_json keeps the last of duplicate keys, cJSON would find the first: drop the earlier. */
static void keep_last_keys(cJSON *item) {
    cJSON *a = item->child;
    while (a != NULL) {
        cJSON *next = a->next;
        bool later = false;
        for (const cJSON *b = next; cJSON_IsObject(item) && b != NULL && !later; b = b->next) {
            later = strcmp(a->string, b->string) == 0;
        }
        if (later) {
            cJSON_Delete(cJSON_DetachItemViaPointer(item, a));
        } else {
            keep_last_keys(a);
        }
        a = next;
    }
}

/* ---- Matching ----------------------------------------------------------------------------- */

const cJSON *get(const cJSON *object, const char *key) {
    /* serde_json's `get`: by exact key, and nothing on a non-object. */
    return cJSON_IsObject(object) ? cJSON_GetObjectItemCaseSensitive(object, key) : NULL;
}

void add_json(strbuf *sb, const cJSON *item) {
    char *text = cJSON_PrintUnformatted(item);
    sb_add(sb, "%s", text != NULL ? text : "?");
    cJSON_free(text);
}

/* Rust's `subset_mismatch`: false, with where they differ, unless `want` is a subset of
 * `got` (objects by key, lists element-wise and of equal length, scalars equal). */
bool subset(const cJSON *want, const cJSON *got, const char *path, strbuf *why) {
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

/* ---- Steps -------------------------------------------------------------------------------- */

/* The case's snapshot, or NULL (reported) if the API gave none. */
static char *snapshot(const utskrivning_case *c, strbuf *why) {
    char *s = NULL;
    utskrivning_result r = utskrivning_case_snapshot(c, &s);
    if (r != UTSKRIVNING_RESULT_OK) {
        sb_add(why, "snapshot failed: %s", utskrivning_result_name(r));
        return NULL;
    }
    return s;
}

/* Whether two snapshots hold the same case; for a view, its access log entry aside. */
static bool same_case(const char *before, const char *after, bool view) {
    if (!view) {
        return strcmp(before, after) == 0;
    }
    cJSON *a = cJSON_Parse(before), *b = cJSON_Parse(after);
    cJSON_DeleteItemFromObjectCaseSensitive(a, "access_log");
    cJSON_DeleteItemFromObjectCaseSensitive(b, "access_log");
    bool same = a != NULL && b != NULL && cJSON_Compare(a, b, true);
    cJSON_Delete(a);
    cJSON_Delete(b);
    return same;
}

/* The event of a step: `event`'s fields with the step's `at` and `actor` (null if absent), as
 * Rust's runner builds it (the event's own keys win). NULL if the step has no event object. */
static char *event_text(const cJSON *step) {
    const cJSON *event = get(step, "event");
    if (!cJSON_IsObject(event)) {
        return NULL;
    }
    cJSON *merged = cJSON_CreateObject();
    const char *keys[] = {"at", "actor"};
    for (size_t k = 0; k < 2; k++) {
        const cJSON *v = get(step, keys[k]);
        cJSON_AddItemToObject(merged, keys[k], v != NULL ? cJSON_Duplicate(v, true) : cJSON_CreateNull());
    }
    for (const cJSON *f = event->child; f != NULL; f = f->next) {
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

/* The API's state JSON of the case, parsed; NULL (reported) if it gave none. */
static cJSON *state_of(const utskrivning_case *c, strbuf *why) {
    char *s = NULL;
    utskrivning_result r = utskrivning_case_state(c, &s);
    if (r != UTSKRIVNING_RESULT_OK) {
        sb_add(why, "state failed: %s", utskrivning_result_name(r));
        return NULL;
    }
    cJSON *state = cJSON_Parse(s);
    utskrivning_string_free(s);
    if (state == NULL) {
        sb_add(why, "the state is not JSON");
    }
    return state;
}

/* "code {details}" of the handle's last error. */
static void add_last_error(strbuf *why, const utskrivning_case *c, utskrivning_result r) {
    sb_add(why, "%s", utskrivning_result_name(r));
    char *e = NULL;
    if (utskrivning_case_last_error(c, &e) == UTSKRIVNING_RESULT_OK) {
        cJSON *error = cJSON_Parse(e);
        const cJSON *details = get(error, "details");
        if (details != NULL) {
            sb_add(why, " ");
            add_json(why, details);
        }
        cJSON_Delete(error);
        utskrivning_string_free(e);
    }
}

/* One step; false (with why) if it did not go as `expect` says. */
static bool run_step(utskrivning_case *c, const cJSON *step, strbuf *why) {
    const cJSON *expect = get(step, "expect");
    if (expect == NULL) {
        sb_add(why, "no `expect`");
        return false;
    }
    char *before = snapshot(c, why);
    if (before == NULL) {
        return false;
    }
    bool view = cJSON_IsTrue(get(step, "view"));
    char *answer = NULL;
    utskrivning_result r;
    if (view) {
        const cJSON *actor = get(step, "actor"), *at = get(step, "at");
        r = utskrivning_case_view(c, cJSON_IsString(actor) ? actor->valuestring : "",
                                  cJSON_IsString(at) ? at->valuestring : "", &answer);
    } else {
        char *event = event_text(step);
        if (event == NULL) {
            sb_add(why, "a step needs `event` (an object) or `\"view\": true`");
            utskrivning_string_free(before);
            return false;
        }
        r = utskrivning_case_apply(c, event, &answer);
        cJSON_free(event);
    }

    const cJSON *error = get(expect, "error");
    const char *code = cJSON_IsString(error) ? error->valuestring : NULL;
    bool ok = false;
    if (code != NULL && r != UTSKRIVNING_RESULT_OK) {
        if (strcmp(utskrivning_result_name(r), code) == 0) {
            char *after = snapshot(c, why);
            ok = after != NULL && same_case(before, after, view);
            if (after != NULL && !ok) {
                sb_add(why, "a rejected event changed the case");
            }
            utskrivning_string_free(after);
        } else {
            sb_add(why, "expected error %s, got ", code);
            add_last_error(why, c, r);
        }
    } else if (code != NULL) {
        sb_add(why, "expected error %s, but it was accepted", code);
    } else if (r != UTSKRIVNING_RESULT_OK) {
        sb_add(why, "expected ok, got ");
        add_last_error(why, c, r);
    } else {
        const cJSON *want = get(expect, "state");
        ok = true;
        if (want != NULL) {
            cJSON *state = state_of(c, why);
            ok = state != NULL && subset(want, state, "state", why);
            cJSON_Delete(state);
            /* Rust's runner also refuses a null answer (the state, or the view). */
            if (ok && view && strcmp(answer, "null") == 0) {
                sb_add(why, "no state");
                ok = false;
            }
        }
    }
    utskrivning_string_free(answer);
    utskrivning_string_free(before);
    return ok;
}

/* ---- A file ------------------------------------------------------------------------------- */

int run_scenario_file(const char *path) {
    strbuf failures = {0};
    int failed = 0;
    const char *name = "?";
    cJSON *root = NULL;
    utskrivning_case *c = NULL;

    strbuf why = {0};
    char *text = read_file(path, &why);
    if (text != NULL && faithful(text, &why)) {
        root = cJSON_ParseWithOpts(text, NULL, true);
        if (root == NULL) {
            sb_add(&why, "not JSON");
        } else {
            keep_last_keys(root);
        }
    }
    free(text);

    const cJSON *steps = NULL;
    if (root != NULL) {
        const cJSON *n = get(root, "name");
        name = cJSON_IsString(n) ? n->valuestring : "?";
        steps = get(root, "steps");
        if (!cJSON_IsArray(steps)) {
            sb_add(&why, "no `steps` list");
            steps = NULL;
        }
    }
    if (steps != NULL && utskrivning_case_new(&c) != UTSKRIVNING_RESULT_OK) {
        sb_add(&why, "utskrivning_case_new failed");
        steps = NULL;
    }
    if (steps == NULL) {
        sb_add(&failures, "     %s\n", why.text != NULL ? why.text : "?");
        failed++;
    }
    sb_free(&why);

    int i = 0;
    for (const cJSON *step = steps != NULL ? steps->child : NULL; step != NULL; step = step->next) {
        i++;
        strbuf step_why = {0};
        if (!run_step(c, step, &step_why)) {
            sb_add(&failures, "     step %d: %s\n", i, step_why.text != NULL ? step_why.text : "?");
            failed++;
        }
        sb_free(&step_why);
    }

    printf("%s %s  %s\n", failed == 0 ? "ok  " : "FAIL", path, name);
    if (failures.text != NULL) {
        fputs(failures.text, stdout);
    }
    sb_free(&failures);
    utskrivning_case_free(c);
    cJSON_Delete(root);
    return failed == 0;
}
