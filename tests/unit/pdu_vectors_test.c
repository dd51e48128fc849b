/* Runs every line of the vectors/pdu/cases/ files (.tsv): kind, file, expectation.
 *   roundtrip  decode consumes every byte; encode gives the same bytes; so does
 *              the JSON form encoded back
 *   decode     decode consumes every byte (re-encoding may differ)
 *   error      decode fails with a decode or limit error naming the PDU
 * Also checks that every registered kind has at least one vector case. */
#include <dirent.h>

#include "pdu/kind.h"
#include "test.h"

#define CASES_DIR "vectors/pdu/cases"

static int covered[512];

static void run_case(const char *where, const char *kind, const char *path, const char *expect)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    CHECK_MSG(k != NULL, "%s: unknown kind %s", where, kind);
    if (!k)
        return;
    for (size_t i = 0; i < wrdp_pdu_kind_count() && i < 512; i++)
        if (wrdp_pdu_kind_at(i) == k)
            covered[i] = 1;
    size_t len;
    uint8_t *data = test_read_file(path, &len);
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w, jw, back;
    wrdp_writer_init(&w, 0, &err);
    wrdp_writer_init(&jw, 0, &err);
    wrdp_writer_init(&back, 0, &err);
    size_t used = 0;
    int rc = wrdp_pdu_kind_roundtrip(k, data, len, &w, &used, &err);
    if (!strcmp(expect, "error")) {
        CHECK_MSG(rc == WRDP_ERR, "%s: %s decoded but must fail", where, path);
        CHECK_MSG(rc == WRDP_OK || err.kind == WRDP_ERROR_DECODE || err.kind == WRDP_ERROR_LIMIT,
                  "%s: error kind %s", where, wrdp_error_kind_name(err.kind));
        CHECK_MSG(rc == WRDP_OK || strstr(err.message, k->name) != NULL, "%s: message does not name the PDU: %s",
                  where, err.message);
    } else {
        CHECK_MSG(rc == WRDP_OK, "%s: %s: %s", where, path, err.message);
        CHECK_MSG(rc != WRDP_OK || used == len, "%s: consumed %zu of %zu bytes", where, used, len);
        if (rc == WRDP_OK && !strcmp(expect, "roundtrip")) {
            CHECK_MSG(w.len == len && (len == 0 || memcmp(w.data, data, len) == 0), "%s: re-encoding differs (%zu vs %zu bytes)",
                      where, w.len, len);
            int jrc = wrdp_pdu_kind_to_json(k, data, len, false, &jw, NULL, &err);
            CHECK_MSG(jrc == WRDP_OK, "%s: to_json: %s", where, err.message);
            if (jrc == WRDP_OK) {
                int brc = wrdp_pdu_kind_from_json(k, (const char *)jw.data, jw.len, &back, &err);
                CHECK_MSG(brc == WRDP_OK, "%s: from_json: %s", where, err.message);
                CHECK_MSG(brc != WRDP_OK || (back.len == len && (len == 0 || memcmp(back.data, data, len) == 0)),
                          "%s: JSON round trip differs: %.*s", where, (int)jw.len, (const char *)jw.data);
            }
        } else if (strcmp(expect, "decode") != 0) {
            CHECK_MSG(0, "%s: unknown expectation '%s'", where, expect);
        }
    }
    wrdp_writer_free(&w);
    wrdp_writer_free(&jw);
    wrdp_writer_free(&back);
    free(data);
}

static int run_file(const char *file)
{
    char path[512];
    snprintf(path, sizeof path, CASES_DIR "/%s", file);
    FILE *f = fopen(path, "r");
    CHECK_MSG(f != NULL, "cannot open %s", path);
    if (!f)
        return 0;
    char line[1024];
    int lineno = 0, cases = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = 0;
        if (line[0] == '#' || line[0] == 0)
            continue;
        char *kind = strtok(line, "\t");
        char *vec = strtok(NULL, "\t");
        char *expect = strtok(NULL, "\t");
        char where[600];
        snprintf(where, sizeof where, "%s:%d", path, lineno);
        CHECK_MSG(kind && vec && expect, "%s: needs kind<TAB>file<TAB>expect", where);
        if (kind && vec && expect) {
            run_case(where, kind, vec, expect);
            cases++;
        }
    }
    fclose(f);
    return cases;
}

int main(void)
{
    DIR *d = opendir(CASES_DIR);
    CHECK_MSG(d != NULL, "cannot open %s", CASES_DIR);
    int total = 0;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            size_t n = strlen(e->d_name);
            if (n > 4 && !strcmp(e->d_name + n - 4, ".tsv"))
                total += run_file(e->d_name);
        }
        closedir(d);
    }
    printf("pdu_vectors: %d cases\n", total);
    for (size_t i = 0; i < wrdp_pdu_kind_count() && i < 512; i++)
        CHECK_MSG(covered[i], "kind %s has no vector case", wrdp_pdu_kind_at(i)->name);
    CHECK_EQ(wrdp_pdu_kind_count(), WRDP_PDU_KIND_COUNT); /* CMake's per-kind fuzz targets see every kind */
    return test_finish("pdu_vectors");
}
