/*
 * The C test program of libutskrivning: the scenario corpus through the C API (scenario.c)
 * and the error paths (error_paths.c). Everything it allocates it frees, so valgrind and
 * LeakSanitizer can hold the library to the same.
 */
#ifndef UTSKRIVNING_CHECK_H
#define UTSKRIVNING_CHECK_H

#include <stddef.h>

/* A growable string, for failure reasons. */
typedef struct {
    char *text;
    size_t len, cap;
} strbuf;

void sb_add(strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_free(strbuf *sb);

/* Runs one scenario file, printing `ok   FILE  NAME` or `FAIL FILE  NAME` and the failed
 * steps, as the Rust runner does. Returns 1 if it passed. */
int run_scenario_file(const char *path);

/* Runs the error-path tests, adding to the counts; prints each failed check. */
void run_error_paths(int *passed, int *failed);

#endif
