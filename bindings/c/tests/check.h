/*
 * The C test program of libutskrivning: the driver of the scenario corpus (scenario.c),
 * the session scenarios through the planner (session.c), the error paths (error_paths.c,
 * and session.c for the planner's) and the indicators and payment basis (indicators.c).
 * Everything it allocates it frees, so valgrind and
 * LeakSanitizer can hold the library to the same.
 */
#ifndef UTSKRIVNING_CHECK_H
#define UTSKRIVNING_CHECK_H

#include <stdbool.h>
#include <stddef.h>

#include <cjson/cJSON.h>

/* A growable string, for failure reasons. */
typedef struct {
    char *text;
    size_t len, cap;
} strbuf;

void sb_add(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(strbuf *sb);

/* Drives one scenario file through the C API into OUTDIR/<stem>.jsonl (tests/scenarios/README.md,
 * "Drivers"); prints `FAIL FILE  why` if it could not. Returns 1 if the lines were written. */
int drive_scenario_file(const char *path, const char *outdir);

/* Runs the error-path tests, adding to the counts; prints each failed check. */
void run_error_paths(int *passed, int *failed);

/* Runs one session scenario file (tests/sessions) through the planner, printing as
 * `run_scenario_file` does. Returns 1 if it passed. */
int run_session_file(const char *path);

/* The planner's error-path tests, adding to the counts. */
void run_planner_error_paths(int *passed, int *failed);

/* Indicators and the payment basis (indicators.c), adding to the counts. */
void run_indicator_paths(int *passed, int *failed);

/* Shared by the runners (check.c). */
char *read_file(const char *path, strbuf *why);        /* the file's text (malloc'd), or NULL */
const cJSON *get(const cJSON *object, const char *key); /* serde_json's `get` */
void add_json(strbuf *sb, const cJSON *item);

#endif
