/* Reading the recorded connections of tests/vectors/webrdp/recordings/ (format:
 * examples/native_record.h) for tests that replay them: lines in order, the
 * next line with a tag, and a random source that hands out the recorded draws. */
#ifndef WRDP_TEST_RECORDING_H
#define WRDP_TEST_RECORDING_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"

#define TEST_REC_DIR "vectors/webrdp/recordings/"
#define TEST_REC_MAX 1024

typedef struct test_rec_line {
    char tag[16];
    uint8_t *data; /* send, recv, random, cert */
    size_t len;
    char text[128]; /* other lines: the rest of the line */
} test_rec_line;

typedef struct test_rec {
    test_rec_line *lines;
    size_t count;
    size_t next_random;
    bool random_mismatch;
} test_rec;

static inline void test_rec_load(test_rec *r, const char *file)
{
    char path[256];
    snprintf(path, sizeof path, TEST_REC_DIR "%s", file);
    size_t len;
    char *raw = (char *)test_read_file(path, &len);
    char *text = malloc(len + 1);
    memcpy(text, raw, len);
    text[len] = 0;
    free(raw);
    memset(r, 0, sizeof *r);
    r->lines = calloc(TEST_REC_MAX, sizeof *r->lines);
    for (char *line = strtok(text, "\n"); line && r->count < TEST_REC_MAX; line = strtok(NULL, "\n")) {
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        *sp = 0;
        test_rec_line *l = &r->lines[r->count++];
        snprintf(l->tag, sizeof l->tag, "%s", line);
        if (!strcmp(line, "send") || !strcmp(line, "recv") || !strcmp(line, "random") || !strcmp(line, "cert")) {
            size_t n = strlen(sp + 1) / 2;
            l->data = malloc(n ? n : 1);
            l->len = test_hex(sp + 1, l->data, n);
        } else {
            snprintf(l->text, sizeof l->text, "%s", sp + 1);
        }
    }
    free(text);
}

static inline void test_rec_free(test_rec *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->lines[i].data);
    free(r->lines);
    memset(r, 0, sizeof *r);
}

/* The next line with this tag at or after *i (advances *i past it); NULL when none. */
static inline const test_rec_line *test_rec_next(const test_rec *r, size_t *i, const char *tag)
{
    for (; *i < r->count; (*i)++)
        if (!strcmp(r->lines[*i].tag, tag))
            return &r->lines[(*i)++];
    return NULL;
}

/* A wrdp_random_fn over the recorded draws, in order (ctx: the test_rec). */
static inline int test_rec_random(void *ctx, uint8_t *out, size_t len)
{
    test_rec *r = ctx;
    const test_rec_line *l = test_rec_next(r, &r->next_random, "random");
    if (l && l->len == len) {
        memcpy(out, l->data, len);
    } else {
        r->random_mismatch = true;
        memset(out, 0x5a, len);
    }
    return 0;
}

#endif
