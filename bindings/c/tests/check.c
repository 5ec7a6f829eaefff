/*
 * check OUTDIR SCENARIO... [--sessions SESSION...]: drives each scenario file through the C API
 * into OUTDIR (scenario.c), runs each session scenario file through the planner, then the error
 * paths of the case and of the planner, and the indicators' paths; prints `driven: N written, M
 * failed`, `sessions: …`, `error paths: …`, `planner error paths: …`, `indicator paths: …`, and
 * last the totals as `N passed, M failed`. Exit status 1 if anything failed.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

void sb_add(strbuf *sb, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) {
        return;
    }
    if (sb->len + (size_t)n + 1 > sb->cap) {
        size_t cap = (sb->len + (size_t)n + 1) * 2;
        char *text = realloc(sb->text, cap);
        if (text == NULL) {
            return;
        }
        sb->text = text;
        sb->cap = cap;
    }
    va_start(ap, fmt);
    vsnprintf(sb->text + sb->len, sb->cap - sb->len, fmt, ap);
    va_end(ap);
    sb->len += (size_t)n;
}

void sb_free(strbuf *sb) {
    free(sb->text);
    sb->text = NULL;
    sb->len = sb->cap = 0;
}

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
    }
    return text;
}

const cJSON *get(const cJSON *object, const char *key) {
    /* serde_json's `get`: by exact key, and nothing on a non-object. */
    return cJSON_IsObject(object) ? cJSON_GetObjectItemCaseSensitive(object, key) : NULL;
}

void add_json(strbuf *sb, const cJSON *item) {
    char *text = cJSON_PrintUnformatted(item);
    sb_add(sb, "%s", text != NULL ? text : "?");
    cJSON_free(text);
}

int main(int argc, char **argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: check OUTDIR SCENARIO... [--sessions SESSION...]\n");
        return 2;
    }
    const char *outdir = argv[1];
    int corpus_passed = 0, corpus_failed = 0, sessions_passed = 0, sessions_failed = 0;
    bool sessions = false;
    for (int i = 2; i < argc; i++) {
        if (strcmp(argv[i], "--sessions") == 0) {
            sessions = true;
        } else if (sessions) {
            *(run_session_file(argv[i]) ? &sessions_passed : &sessions_failed) += 1;
        } else {
            *(drive_scenario_file(argv[i], outdir) ? &corpus_passed : &corpus_failed) += 1;
        }
    }
    int paths_passed = 0, paths_failed = 0, planner_passed = 0, planner_failed = 0;
    run_error_paths(&paths_passed, &paths_failed);
    run_planner_error_paths(&planner_passed, &planner_failed);
    int indicators_passed = 0, indicators_failed = 0;
    run_indicator_paths(&indicators_passed, &indicators_failed);
    int passed = corpus_passed + sessions_passed + paths_passed + planner_passed + indicators_passed;
    int failed = corpus_failed + sessions_failed + paths_failed + planner_failed + indicators_failed;
    printf("driven: %d written, %d failed\n", corpus_passed, corpus_failed);
    printf("sessions: %d passed, %d failed\n", sessions_passed, sessions_failed);
    printf("error paths: %d passed, %d failed\n", paths_passed, paths_failed);
    printf("planner error paths: %d passed, %d failed\n", planner_passed, planner_failed);
    printf("indicator paths: %d passed, %d failed\n", indicators_passed, indicators_failed);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
