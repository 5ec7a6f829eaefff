/*
 * check FILE... : runs each scenario file through the C API, then the error paths; prints
 * `corpus: N passed, M failed`, `error paths: N passed, M failed`, and last the totals as
 * `N passed, M failed`. Exit status 1 if anything failed.
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

int main(int argc, char **argv) {
    int corpus_passed = 0, corpus_failed = 0;
    for (int i = 1; i < argc; i++) {
        if (run_scenario_file(argv[i])) {
            corpus_passed++;
        } else {
            corpus_failed++;
        }
    }
    int paths_passed = 0, paths_failed = 0;
    run_error_paths(&paths_passed, &paths_failed);
    printf("corpus: %d passed, %d failed\n", corpus_passed, corpus_failed);
    printf("error paths: %d passed, %d failed\n", paths_passed, paths_failed);
    printf("%d passed, %d failed\n", corpus_passed + paths_passed, corpus_failed + paths_failed);
    return corpus_failed + paths_failed == 0 ? 0 : 1;
}
