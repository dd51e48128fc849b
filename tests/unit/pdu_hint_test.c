/* The PDU hint: every branch, real vectors fed one byte at a time, and
 * hostile headers. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>

#include "test.h"

#include "webrdp/pdu.h"

typedef int (*hint_fn)(const uint8_t *, size_t, size_t *, wrdp_error *);

/* Feeds data[0..n) for n = 0..len: 0 until `known_at` bytes, then 1 with want_len. */
static void feed(const char *name, hint_fn hint, const uint8_t *data, size_t len, size_t known_at, size_t want_len)
{
    for (size_t n = 0; n <= len; n++) {
        size_t frame = 12345;
        wrdp_error err;
        wrdp_error_clear(&err);
        int rc = hint(data, n, &frame, &err);
        if (n < known_at) {
            CHECK_MSG(rc == 0, "%s: %zu bytes gave %d", name, n, rc);
            CHECK_EQ(frame, 12345);
        } else {
            CHECK_MSG(rc == 1, "%s: %zu bytes gave %d (%s)", name, n, rc, err.message);
            CHECK_MSG(frame == want_len, "%s: frame %zu, expected %zu", name, frame, want_len);
        }
        CHECK_EQ(err.kind, WRDP_ERROR_NONE);
    }
}

static int count_files(const char *dir, const char *ext, void (*each)(const char *path, void *ctx), void *ctx)
{
    DIR *d = opendir(dir);
    CHECK_MSG(d != NULL, "cannot open %s", dir);
    if (!d)
        return 0;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name), el = strlen(ext);
        if (l <= el || strcmp(e->d_name + l - el, ext) != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        each(path, ctx);
        n++;
    }
    closedir(d);
    return n;
}

static void x224_file(const char *path, void *ctx)
{
    int *tpkt = ctx;
    size_t len;
    uint8_t *data = test_read_file(path, &len);
    if (len >= 4 && data[0] == 0x03) {
        size_t frame = (size_t)data[2] << 8 | data[3];
        /* tpkt_header_len_0x542.bin is the header alone; the others are whole frames */
        if (frame != 0x542)
            CHECK_MSG(frame == len, "%s: TPKT length %zu, file %zu", path, frame, len);
        feed(path, wrdp_pdu_hint, data, len, 4, frame);
        feed(path, wrdp_pdu_hint_x224, data, len, 4, frame);
        (*tpkt)++;
    } else if (len > 0) {
        /* not TPKT (a bare cookie, ...): the TPKT-only hint rejects it from the first byte */
        size_t frame;
        wrdp_error err;
        wrdp_error_clear(&err);
        CHECK(wrdp_pdu_hint_x224(data, len, &frame, &err) == WRDP_ERR);
        CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    }
    free(data);
}

static void credssp_file(const char *path, void *ctx)
{
    int *count = ctx;
    if (!strstr(path, "ts_request"))
        return;
    size_t len;
    uint8_t *data = test_read_file(path, &len);
    size_t header = data[1] < 0x80 ? 2 : 2 + (data[1] & 0x7F);
    size_t content = 0;
    for (size_t i = 2; i < header; i++)
        content = content << 8 | data[i];
    if (header == 2)
        content = data[1];
    size_t frame = header + content;
    /* ts_request_ntlm_1_bad_length and _truncated claim more than the file holds */
    if (!strstr(path, "bad_length") && !strstr(path, "truncated"))
        CHECK_MSG(frame == len, "%s: DER length %zu, file %zu", path, frame, len);
    feed(path, wrdp_pdu_hint_credssp, data, len, header, frame);
    (*count)++;
    free(data);
}

/* whole fast-path frames: the hint gives the file length */
static void assembled_file(const char *path, void *ctx)
{
    size_t len;
    uint8_t *data = test_read_file(path, &len);
    size_t known_at = (data[1] & 0x80) ? 3 : 2;
    feed(path, wrdp_pdu_hint, data, len, known_at, len);
    (*(int *)ctx)++;
    free(data);
}

static void test_vectors(void)
{
    int tpkt = 0;
    CHECK(count_files("vectors/pdu/x224", ".bin", x224_file, &tpkt) > 0);
    CHECK(tpkt >= 12);

    static const struct {
        const char *file;
        size_t known_at, frame;
    } fp[] = {
        {"vectors/pdu/fastpath/fastpath_input_message.bin", 2, 44},
        {"vectors/pdu/fastpath/fast_path_header_with_short_len_buffer.bin", 2, 8},
        {"vectors/pdu/fastpath/fast_path_header_with_long_len_buffer.bin", 3, 0x1e7},
        {"vectors/pdu/fastpath/fast_path_header_with_forced_long_len_buffer.bin", 3, 8},
    };
    for (size_t i = 0; i < sizeof fp / sizeof fp[0]; i++) {
        size_t len;
        uint8_t *data = test_read_file(fp[i].file, &len);
        feed(fp[i].file, wrdp_pdu_hint, data, len, fp[i].known_at, fp[i].frame);
        free(data);
    }

    int assembled = 0;
    CHECK(count_files("vectors/pdu/fastpath_assembled", ".bin", assembled_file, &assembled) >= 10);

    int credssp = 0;
    CHECK(count_files("vectors/credssp", ".bin", credssp_file, &credssp) > 0);
    CHECK(credssp >= 8);
}

/* ---- branches and hostile headers ---------------------------------------- */

static int run(hint_fn hint, const char *hex, size_t *frame, wrdp_error *err)
{
    uint8_t buf[16];
    size_t n = test_hex(hex, buf, sizeof buf);
    wrdp_error_clear(err);
    *frame = 0;
    return hint(buf, n, frame, err);
}

#define EXPECT_FRAME(hint, hex, want)                                                   \
    do {                                                                                \
        size_t f_;                                                                      \
        wrdp_error e_;                                                                  \
        int r_ = run(hint, hex, &f_, &e_);                                              \
        CHECK_MSG(r_ == 1 && f_ == (want), "%s: rc %d frame %zu (%s)", hex, r_, f_, e_.message); \
    } while (0)
#define EXPECT_MORE(hint, hex)                                          \
    do {                                                                \
        size_t f_;                                                      \
        wrdp_error e_;                                                  \
        CHECK_MSG(run(hint, hex, &f_, &e_) == 0, "%s: not 0", hex);     \
        CHECK_EQ(e_.kind, WRDP_ERROR_NONE);                             \
    } while (0)
#define EXPECT_ERROR(hint, hex, want_kind)                                                  \
    do {                                                                               \
        size_t f_;                                                                     \
        wrdp_error e_;                                                                 \
        CHECK_MSG(run(hint, hex, &f_, &e_) == WRDP_ERR, "%s: not an error", hex);      \
        CHECK_MSG(e_.kind == (want_kind), "%s: kind %d", hex, (int)e_.kind);           \
        CHECK_MSG(strstr(e_.message, "PDU hint") != NULL, "%s: \"%s\"", hex, e_.message); \
    } while (0)

static void test_tpkt(void)
{
    EXPECT_MORE(wrdp_pdu_hint, "");
    EXPECT_MORE(wrdp_pdu_hint, "03");
    EXPECT_MORE(wrdp_pdu_hint, "03 00");
    EXPECT_MORE(wrdp_pdu_hint, "03 00 00");
    EXPECT_FRAME(wrdp_pdu_hint, "03 00 00 07", 7);
    EXPECT_FRAME(wrdp_pdu_hint, "03 00 ff ff", 0xFFFF);
    EXPECT_FRAME(wrdp_pdu_hint, "03 00 01 00 02 f0 80", 0x100);
    EXPECT_ERROR(wrdp_pdu_hint, "03 00 00 06", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint, "03 00 00 00", WRDP_ERROR_DECODE);
    /* action bits 3 but not version 3: rejected from the first byte */
    EXPECT_ERROR(wrdp_pdu_hint, "07", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint, "ff 00 00 13", WRDP_ERROR_DECODE);
    /* actions 1 and 2 are neither */
    EXPECT_ERROR(wrdp_pdu_hint, "01 10", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint, "02", WRDP_ERROR_DECODE);

    /* the TPKT-only variant */
    EXPECT_MORE(wrdp_pdu_hint_x224, "");
    EXPECT_MORE(wrdp_pdu_hint_x224, "03 00 00");
    EXPECT_FRAME(wrdp_pdu_hint_x224, "03 00 00 13", 0x13);
    EXPECT_ERROR(wrdp_pdu_hint_x224, "00 08", WRDP_ERROR_DECODE); /* fast-path not allowed */
    EXPECT_ERROR(wrdp_pdu_hint_x224, "30 82", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint_x224, "03 00 00 01", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint_x224, "04 00 00 13", WRDP_ERROR_DECODE);
}

static void test_fastpath(void)
{
    EXPECT_MORE(wrdp_pdu_hint, "00");
    EXPECT_MORE(wrdp_pdu_hint, "c4");
    EXPECT_FRAME(wrdp_pdu_hint, "00 02", 2);
    EXPECT_FRAME(wrdp_pdu_hint, "18 2c", 0x2c);
    EXPECT_FRAME(wrdp_pdu_hint, "fc 7f", 0x7f);
    EXPECT_MORE(wrdp_pdu_hint, "00 80");      /* long form, second byte missing */
    EXPECT_MORE(wrdp_pdu_hint, "80 ff");
    EXPECT_FRAME(wrdp_pdu_hint, "00 80 03", 3);
    EXPECT_FRAME(wrdp_pdu_hint, "00 80 08", 8);
    EXPECT_FRAME(wrdp_pdu_hint, "80 ff ff", 0x7FFF);
    EXPECT_FRAME(wrdp_pdu_hint, "00 81 e7 00", 0x1e7);
    EXPECT_ERROR(wrdp_pdu_hint, "00 00", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint, "00 01", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint, "00 80 00", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint, "00 80 02", WRDP_ERROR_DECODE);
    /* NULL data is "need more", not a crash */
    size_t f;
    CHECK(wrdp_pdu_hint(NULL, 0, &f, NULL) == 0);
    CHECK(wrdp_pdu_hint_credssp(NULL, 0, &f, NULL) == 0);
    CHECK(wrdp_pdu_hint_x224(NULL, 0, &f, NULL) == 0);
    /* a NULL error pointer is allowed */
    uint8_t bad[2] = {0x00, 0x00};
    CHECK(wrdp_pdu_hint(bad, 2, &f, NULL) == WRDP_ERR);
}

static void test_credssp(void)
{
    EXPECT_MORE(wrdp_pdu_hint_credssp, "");
    EXPECT_MORE(wrdp_pdu_hint_credssp, "30");
    EXPECT_FRAME(wrdp_pdu_hint_credssp, "30 03", 5);
    EXPECT_FRAME(wrdp_pdu_hint_credssp, "30 7f", 0x81);
    EXPECT_MORE(wrdp_pdu_hint_credssp, "30 81");
    EXPECT_FRAME(wrdp_pdu_hint_credssp, "30 81 b8", 3 + 0xb8);
    EXPECT_FRAME(wrdp_pdu_hint_credssp, "30 81 05", 8); /* non-minimal, accepted */
    EXPECT_MORE(wrdp_pdu_hint_credssp, "30 82 01");
    EXPECT_FRAME(wrdp_pdu_hint_credssp, "30 82 01 a9", 4 + 0x1a9);
    EXPECT_MORE(wrdp_pdu_hint_credssp, "30 83 01 00");
    EXPECT_FRAME(wrdp_pdu_hint_credssp, "30 83 01 00 00", 5 + 0x10000);
    EXPECT_FRAME(wrdp_pdu_hint_credssp, "30 84 01 00 00 00", 6 + 0x1000000);
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "30 84 01 00 00 01", WRDP_ERROR_LIMIT);
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "30 84 ff ff ff ff", WRDP_ERROR_LIMIT);
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "30 85", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "30 ff", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "30 80", WRDP_ERROR_DECODE);  /* indefinite */
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "30 00", WRDP_ERROR_DECODE);  /* empty */
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "30 81 00", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "31 03", WRDP_ERROR_DECODE);
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "03 00 00 13", WRDP_ERROR_DECODE); /* TPKT not allowed */
    EXPECT_ERROR(wrdp_pdu_hint_credssp, "a0", WRDP_ERROR_DECODE);
}

int main(void)
{
    test_vectors();
    test_tpkt();
    test_fastpath();
    test_credssp();
    return test_finish("pdu_hint");
}
