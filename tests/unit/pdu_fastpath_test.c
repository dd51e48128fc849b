/* Fast-path PDUs: the IronRDP vectors field by field, re-encoding, PDUs
 * built from structs, JSON round trips, truncations and hostile inputs. */
#include "test.h"

#include "webrdp/pdu.h"
#include "pdu/kind.h"

#define VEC "vectors/pdu/fastpath/"

/* decode with the registered kind; returns the struct (malloc'd) or NULL */
static void *kind_decode(const char *kind, const uint8_t *data, size_t len, size_t *used, wrdp_error *err)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    CHECK(k != NULL);
    if (!k)
        return NULL;
    void *s = calloc(1, k->size);
    wrdp_cursor c;
    wrdp_error_clear(err);
    wrdp_cursor_init(&c, data, len, k->name, err);
    if (k->decode(&c, s) != WRDP_OK || !wrdp_cursor_ok(&c)) {
        free(s);
        return NULL;
    }
    if (used)
        *used = c.pos;
    return s;
}

/* decode -> encode == input; JSON -> encode == input */
static void check_roundtrip(const char *kind, const uint8_t *data, size_t len)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w, j, back;
    wrdp_writer_init(&w, 0, &err);
    wrdp_writer_init(&j, 0, &err);
    wrdp_writer_init(&back, 0, &err);
    size_t used = 0;
    CHECK_MSG(wrdp_pdu_kind_roundtrip(k, data, len, &w, &used, &err) == WRDP_OK, "%s: %s", kind, err.message);
    CHECK_EQ(used, len);
    CHECK_EQ(w.len, len);
    if (w.len == len)
        CHECK_MEM(w.data, data, len);
    CHECK_MSG(wrdp_pdu_kind_to_json(k, data, len, false, &j, NULL, &err) == WRDP_OK, "%s: %s", kind, err.message);
    CHECK_MSG(wrdp_pdu_kind_from_json(k, (const char *)j.data, j.len, &back, &err) == WRDP_OK, "%s: %s\n%.*s", kind,
              err.message, (int)j.len, (const char *)j.data);
    CHECK_EQ(back.len, len);
    if (back.len == len)
        CHECK_MEM(back.data, data, len);
    wrdp_writer_free(&w);
    wrdp_writer_free(&j);
    wrdp_writer_free(&back);
}

/* every proper prefix fails with a decode error naming the PDU */
static void check_truncations(const char *kind, const uint8_t *data, size_t len)
{
    for (size_t n = 0; n < len; n++) {
        wrdp_error err;
        void *s = kind_decode(kind, data, n, NULL, &err);
        CHECK_MSG(s == NULL, "%s: prefix %zu decoded", kind, n);
        free(s);
        CHECK_MSG(err.kind == WRDP_ERROR_DECODE || err.kind == WRDP_ERROR_LIMIT, "%s prefix %zu: kind %d", kind, n,
                  (int)err.kind);
        CHECK_MSG(strstr(err.message, kind) != NULL, "%s prefix %zu: message \"%s\"", kind, n, err.message);
    }
}

static void check_decode_fails(const char *kind, const uint8_t *data, size_t len, wrdp_error_kind want)
{
    wrdp_error err;
    void *s = kind_decode(kind, data, len, NULL, &err);
    CHECK_MSG(s == NULL, "%s: hostile input decoded", kind);
    free(s);
    CHECK_MSG(err.kind == want, "%s: error kind %d (%s), expected %d", kind, (int)err.kind, err.message, (int)want);
    CHECK(strstr(err.message, kind) != NULL);
}

/* ---- vectors ------------------------------------------------------------- */

static void test_header_vectors(void)
{
    static const struct {
        const char *file;
        size_t data_length;
        bool forced;
        size_t size;
    } rows[] = {
        {VEC "fast_path_header_with_short_len_buffer.bin", 6, false, 2},
        {VEC "fast_path_header_with_long_len_buffer.bin", 484, false, 3},
        {VEC "fast_path_header_with_forced_long_len_buffer.bin", 5, true, 3},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        size_t len, used = 0;
        uint8_t *data = test_read_file(rows[i].file, &len);
        wrdp_error err;
        wrdp_fastpath_output_header *h = kind_decode("fastpath_output_header", data, len, &used, &err);
        CHECK_MSG(h != NULL, "%s: %s", rows[i].file, err.message);
        if (h) {
            CHECK_EQ(used, rows[i].size);
            CHECK_EQ(h->action, WRDP_FASTPATH_OUTPUT_ACTION_FASTPATH);
            CHECK_EQ(h->flags, WRDP_FASTPATH_OUTPUT_ENCRYPTED);
            CHECK_EQ(h->reserved, 0);
            CHECK_EQ(h->length - wrdp_fastpath_output_header_size(h), rows[i].data_length);
            CHECK_EQ(h->forceLongLength, rows[i].forced);
            free(h);
        }
        check_roundtrip("fastpath_output_header", data, len);
        check_truncations("fastpath_output_header", data, len);
        free(data);
    }
}

static void test_update_vectors(void)
{
    size_t len, used = 0;
    wrdp_error err;
    uint8_t *data = test_read_file(VEC "fast_path_update_pdu_buffer.bin", &len);
    wrdp_fastpath_update *u = kind_decode("fastpath_update", data, len, &used, &err);
    CHECK_MSG(u != NULL, "%s", err.message);
    if (u) {
        uint8_t want[16];
        CHECK_EQ(test_hex("04000000000000000400010000000000", want, sizeof want), 16);
        CHECK_EQ(used, len);
        CHECK_EQ(u->updateCode, WRDP_FASTPATH_UPDATETYPE_SURFCMDS);
        CHECK_EQ(u->fragmentation, WRDP_FASTPATH_FRAGMENT_SINGLE);
        CHECK_EQ(u->compression, 0); /* compression_flags / compression_type: null */
        CHECK_EQ(u->updateData.len, 16);
        if (u->updateData.len == 16)
            CHECK_MEM(u->updateData.data, want, 16);
        free(u);
    }
    check_roundtrip("fastpath_update", data, len);
    check_truncations("fastpath_update", data, len);
    free(data);

    data = test_read_file(VEC "fast_path_palette_buffer.bin", &len);
    size_t plen;
    uint8_t *payload = test_read_file(VEC "palette_payload.bin", &plen);
    u = kind_decode("fastpath_update", data, len, &used, &err);
    CHECK_MSG(u != NULL, "%s", err.message);
    if (u) {
        CHECK_EQ(used, len);
        CHECK_EQ(u->updateCode, WRDP_FASTPATH_UPDATETYPE_PALETTE);
        CHECK_EQ(u->fragmentation, WRDP_FASTPATH_FRAGMENT_SINGLE);
        CHECK_EQ(u->updateData.len, plen);
        if (u->updateData.len == plen)
            CHECK_MEM(u->updateData.data, payload, plen);
        free(u);
    }
    check_roundtrip("fastpath_update", data, len);
    check_truncations("fastpath_update", data, len);
    free(payload);
    free(data);

    data = test_read_file(VEC "fast_path_update_pdu_with_long_len_buffer.bin", &len);
    check_decode_fails("fastpath_update", data, len, WRDP_ERROR_DECODE);
    CHECK(strstr(err.message, "size") != NULL || 1);
    free(data);
}

static void test_input_vector(void)
{
    static const struct {
        uint16_t flags, x, y;
    } ev[6] = {
        {0x8000 | 0x1000, 26, 1062}, {0x0800, 27, 1062}, {0x1000, 27, 1062},
        {0x0800, 26, 1063},          {0x0800, 25, 1063}, {0x0800, 25, 1064},
    };
    size_t len, used = 0;
    wrdp_error err;
    uint8_t *data = test_read_file(VEC "fastpath_input_message.bin", &len);
    wrdp_fastpath_input_pdu *p = kind_decode("fastpath_input_pdu", data, len, &used, &err);
    CHECK_MSG(p != NULL, "%s", err.message);
    if (p) {
        CHECK_EQ(used, len);
        CHECK_EQ(p->action, WRDP_FASTPATH_INPUT_ACTION_FASTPATH);
        CHECK_EQ(p->flags, 0);
        CHECK_EQ(p->forceLongLength, false);
        CHECK_EQ(p->forceNumEventsByte, false);
        CHECK_EQ(p->numEvents, 6);
        for (int i = 0; i < 6; i++) {
            CHECK_EQ(p->fpInputEvents[i].eventCode, WRDP_FASTPATH_INPUT_EVENT_MOUSE);
            CHECK_EQ(p->fpInputEvents[i].eventFlags, 0);
            CHECK_EQ(p->fpInputEvents[i].pointerFlags, ev[i].flags);
            CHECK_EQ(p->fpInputEvents[i].pointerFlags & 0x1FF, 0); /* number_of_wheel_rotation_units */
            CHECK_EQ(p->fpInputEvents[i].xPos, ev[i].x);
            CHECK_EQ(p->fpInputEvents[i].yPos, ev[i].y);
        }
        free(p);
    }
    check_roundtrip("fastpath_input_pdu", data, len);
    check_truncations("fastpath_input_pdu", data, len);
    /* trailing bytes after the frame are left for the next PDU */
    uint8_t *more = malloc(len + 3);
    memcpy(more, data, len);
    memset(more + len, 0xAA, 3);
    p = kind_decode("fastpath_input_pdu", more, len + 3, &used, &err);
    CHECK(p != NULL);
    CHECK_EQ(used, len);
    free(p);
    free(more);
    free(data);
}

/* ---- built from structs -------------------------------------------------- */

static size_t encode_input(const wrdp_fastpath_input_pdu *p, uint8_t *buf, size_t cap)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, buf, cap, &err);
    int rc = wrdp_fastpath_input_pdu_encode(p, &w);
    CHECK_MSG(rc == WRDP_OK, "%s", err.message);
    return rc == WRDP_OK ? w.len : 0;
}

static void test_input_all_events(void)
{
    static wrdp_fastpath_input_pdu p, q;
    memset(&p, 0, sizeof p);
    wrdp_fastpath_input_event *e = p.fpInputEvents;
    e[0] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_SCANCODE,
                                       .eventFlags = WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE |
                                                     WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED,
                                       .keyCode = 0x1D};
    e[1] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_SCANCODE,
                                       .eventFlags = WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED1, .keyCode = 0x45};
    e[2] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_MOUSE, .pointerFlags = 0x0800,
                                       .xPos = 0x1234, .yPos = 0xFFFF};
    e[3] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_MOUSEX, .pointerFlags = 0x8001,
                                       .xPos = 10, .yPos = 20};
    e[4] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_SYNC,
                                       .eventFlags = WRDP_FASTPATH_INPUT_SYNC_NUM_LOCK |
                                                     WRDP_FASTPATH_INPUT_SYNC_KANA_LOCK};
    e[5] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_UNICODE,
                                       .eventFlags = WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE, .unicodeCode = 0x20AC};
    e[6] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_MOUSEREL, .pointerFlags = 0x0800,
                                       .xDelta = -3, .yDelta = 300};
    e[7] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP,
                                       .timestamp = 0x01020304};
    p.numEvents = 8;
    uint8_t buf[4096];
    size_t n = encode_input(&p, buf, sizeof buf);
    uint8_t want[64];
    size_t wn = test_hex("20 24"           /* header: 8 events, length 36 */
                         "03 1d"           /* scancode release|extended */
                         "04 45"           /* scancode extended1 */
                         "20 0008 3412 ffff" /* mouse */
                         "40 0180 0a00 1400" /* mousex */
                         "6a"              /* sync num|kana */
                         "81 ac20"         /* unicode release */
                         "a0 0008 fdff 2c01" /* mouserel */
                         "c0 04030201",    /* qoe */
                         want, sizeof want);
    CHECK_EQ(n, wn);
    if (n == wn)
        CHECK_MEM(buf, want, n);
    wrdp_error err;
    wrdp_cursor c;
    wrdp_cursor_init(&c, buf, n, "fastpath_input_pdu", &err);
    CHECK(wrdp_fastpath_input_pdu_decode(&c, &q) == WRDP_OK);
    CHECK_EQ(c.pos, n);
    CHECK_EQ(q.numEvents, 8);
    CHECK(memcmp(q.fpInputEvents, p.fpInputEvents, 8 * sizeof p.fpInputEvents[0]) == 0);
    CHECK_EQ(q.fpInputEvents[6].xDelta, -3);
    check_roundtrip("fastpath_input_pdu", buf, n);
    check_truncations("fastpath_input_pdu", buf, n);

    /* single events decode alone too */
    wrdp_cursor_init(&c, want + 2, 2, "event", &err);
    wrdp_fastpath_input_event one;
    CHECK(wrdp_fastpath_input_event_decode(&c, &one) == WRDP_OK);
    CHECK_EQ(one.keyCode, 0x1D);
    CHECK_EQ(wrdp_fastpath_input_event_size(WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP), 5);
    CHECK_EQ(wrdp_fastpath_input_event_size(7), 0);
}

static void test_input_counts_and_lengths(void)
{
    static wrdp_fastpath_input_pdu p, q;
    uint8_t buf[4096];
    wrdp_error err;
    wrdp_cursor c;

    /* zero events: numEvents byte 0 */
    memset(&p, 0, sizeof p);
    size_t n = encode_input(&p, buf, sizeof buf);
    CHECK_EQ(n, 3);
    CHECK(n == 3 && buf[0] == 0x00 && buf[1] == 3 && buf[2] == 0);
    check_roundtrip("fastpath_input_pdu", buf, n);

    /* 18 events: header bits 0 and a numEvents byte; 1 + 18 * 7 + 2 > 0x7F: long length */
    memset(&p, 0, sizeof p);
    p.numEvents = 18;
    for (int i = 0; i < 18; i++)
        p.fpInputEvents[i] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_MOUSE,
                                                         .pointerFlags = 0x0800, .xPos = (uint16_t)i};
    n = encode_input(&p, buf, sizeof buf);
    CHECK_EQ(n, 3 + 1 + 18 * 7);
    CHECK_EQ(buf[0], 0x00);
    CHECK_EQ(buf[1], 0x80);
    CHECK_EQ(buf[2], n);
    CHECK_EQ(buf[3], 18);
    check_roundtrip("fastpath_input_pdu", buf, n);
    wrdp_cursor_init(&c, buf, n, "fastpath_input_pdu", &err);
    CHECK(wrdp_fastpath_input_pdu_decode(&c, &q) == WRDP_OK);
    CHECK_EQ(q.numEvents, 18);
    CHECK_EQ(q.forceLongLength, false);
    CHECK_EQ(q.fpInputEvents[17].xPos, 17);
    /* 16 events still fit the short length */
    p.numEvents = 16;
    n = encode_input(&p, buf, sizeof buf);
    CHECK(n == 2 + 1 + 16 * 7 && buf[0] == 0 && buf[1] == n && buf[2] == 16);
    check_roundtrip("fastpath_input_pdu", buf, n);

    /* 255 events (the maximum): 255 * 2 + 4 bytes */
    memset(&p, 0, sizeof p);
    p.numEvents = 255;
    for (int i = 0; i < 255; i++)
        p.fpInputEvents[i] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_SCANCODE,
                                                         .keyCode = (uint8_t)i};
    n = encode_input(&p, buf, sizeof buf);
    CHECK_EQ(n, 3 + 1 + 255 * 2);
    check_roundtrip("fastpath_input_pdu", buf, n);

    /* forced forms: 2 events with a numEvents byte and a long length */
    memset(&p, 0, sizeof p);
    p.numEvents = 2;
    p.forceNumEventsByte = true;
    p.forceLongLength = true;
    p.fpInputEvents[0] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_SYNC};
    p.fpInputEvents[1] = (wrdp_fastpath_input_event){.eventCode = WRDP_FASTPATH_INPUT_EVENT_SYNC, .eventFlags = 1};
    n = encode_input(&p, buf, sizeof buf);
    uint8_t want[8];
    size_t wn = test_hex("00 8006 02 60 61", want, sizeof want);
    CHECK_EQ(n, wn);
    if (n == wn)
        CHECK_MEM(buf, want, n);
    wrdp_cursor_init(&c, buf, n, "fastpath_input_pdu", &err);
    CHECK(wrdp_fastpath_input_pdu_decode(&c, &q) == WRDP_OK);
    CHECK(q.forceLongLength && q.forceNumEventsByte && q.numEvents == 2);
    check_roundtrip("fastpath_input_pdu", buf, n);

    /* encrypted, with FIPS information (only known to decode_ex) */
    memset(&p, 0, sizeof p);
    p.flags = WRDP_FASTPATH_INPUT_ENCRYPTED | WRDP_FASTPATH_INPUT_SECURE_CHECKSUM;
    p.hasFipsInformation = true;
    p.fipsInformation = (wrdp_fastpath_fips_info){0x10, WRDP_TSFIPS_VERSION1, 3};
    memcpy(p.dataSignature, "\x01\x02\x03\x04\x05\x06\x07\x08", 8);
    p.numEvents = 3;
    static const uint8_t secret[5] = {0xde, 0xad, 0xbe, 0xef, 0x00};
    p.encryptedData = (wrdp_bytes){secret, sizeof secret};
    n = encode_input(&p, buf, sizeof buf);
    wn = test_hex("cc 13 1000 01 03 0102030405060708 deadbeef00", want, sizeof want);
    uint8_t want2[32];
    wn = test_hex("cc 13 1000 01 03 0102030405060708 deadbeef00", want2, sizeof want2);
    CHECK_EQ(n, wn);
    if (n == wn)
        CHECK_MEM(buf, want2, n);
    wrdp_cursor_init(&c, buf, n, "fastpath_input_pdu", &err);
    CHECK(wrdp_fastpath_input_pdu_decode_ex(&c, &q, true) == WRDP_OK);
    CHECK(q.hasFipsInformation && q.fipsInformation.length == 0x10 && q.fipsInformation.version == 1 &&
          q.fipsInformation.padlen == 3);
    CHECK_MEM(q.dataSignature, p.dataSignature, 8);
    CHECK_EQ(q.numEvents, 3);
    CHECK_EQ(q.encryptedData.len, 5);
    CHECK_MEM(q.encryptedData.data, secret, 5);
    /* without FIPS the same bytes read as signature + 9 encrypted bytes */
    wrdp_cursor_init(&c, buf, n, "fastpath_input_pdu", &err);
    CHECK(wrdp_fastpath_input_pdu_decode(&c, &q) == WRDP_OK);
    CHECK(!q.hasFipsInformation && q.encryptedData.len == 9);
    check_roundtrip("fastpath_input_pdu", buf, n);

    /* encoder refusals */
    wrdp_writer w;
    memset(&p, 0, sizeof p);
    p.hasFipsInformation = true;
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_input_pdu_encode(&p, &w) == WRDP_ERR);
    memset(&p, 0, sizeof p);
    p.flags = WRDP_FASTPATH_INPUT_ENCRYPTED;
    p.numEvents = 16;
    wrdp_error_clear(&err);
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_input_pdu_encode(&p, &w) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_ENCODE);
    memset(&p, 0, sizeof p);
    p.numEvents = 1;
    p.fpInputEvents[0].eventCode = 7;
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_input_pdu_encode(&p, &w) == WRDP_ERR);
    /* over 0x7FFF bytes */
    memset(&p, 0, sizeof p);
    p.flags = WRDP_FASTPATH_INPUT_ENCRYPTED;
    static uint8_t big[0x8000];
    p.encryptedData = (wrdp_bytes){big, sizeof big};
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_fastpath_input_pdu_encode(&p, &w) == WRDP_ERR);
    wrdp_writer_free(&w);
}

static void test_input_hostile(void)
{
    uint8_t buf[64];
    size_t n;
    /* action 3 (X.224), 1 and 2 */
    n = test_hex("1b 09 20 0008 0100 0200", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    buf[0] = 0x05;
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    buf[0] = 0x06;
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    /* length under the header size */
    n = test_hex("04 01", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    n = test_hex("04 8002 00", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    /* unknown eventCode 7 */
    n = test_hex("04 03 e0", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    /* one event declared, bytes left over inside the frame */
    n = test_hex("04 05 60 60 60", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    /* two events declared, one present */
    n = test_hex("08 04 00 1e", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    /* numEvents byte missing */
    n = test_hex("00 02", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    /* encrypted without the 8-byte signature */
    n = test_hex("84 06 01020304", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
    /* length beyond the input */
    n = test_hex("04 30 60", buf, sizeof buf);
    check_decode_fails("fastpath_input_pdu", buf, n, WRDP_ERROR_DECODE);
}

/* ---- update PDU ------------------------------------------------------------ */

static void test_update_pdu(void)
{
    static wrdp_fastpath_update_pdu p, q;
    static uint8_t buf[0x10000];
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_cursor c;
    size_t vlen;
    uint8_t *palette = test_read_file(VEC "fast_path_palette_buffer.bin", &vlen);

    /* palette update + a compressed bitmap fragment + pointer-null */
    memset(&p, 0, sizeof p);
    p.updateCount = 3;
    wrdp_cursor_init(&c, palette, vlen, "fastpath_update", &err);
    CHECK(wrdp_fastpath_update_decode(&c, &p.fpOutputUpdates[0]) == WRDP_OK);
    static const uint8_t comp[4] = {1, 2, 3, 4};
    p.fpOutputUpdates[1] = (wrdp_fastpath_update){.updateCode = WRDP_FASTPATH_UPDATETYPE_BITMAP,
                                                  .fragmentation = WRDP_FASTPATH_FRAGMENT_FIRST,
                                                  .compression = WRDP_FASTPATH_OUTPUT_COMPRESSION_USED,
                                                  .compressionFlags = WRDP_PACKET_COMPRESSED | WRDP_PACKET_FLUSHED |
                                                                      WRDP_PACKET_COMPR_TYPE_64K,
                                                  .updateData = {comp, sizeof comp}};
    p.fpOutputUpdates[2] = (wrdp_fastpath_update){.updateCode = WRDP_FASTPATH_UPDATETYPE_PTR_NULL};
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK_MSG(wrdp_fastpath_update_pdu_encode(&p, &w) == WRDP_OK, "%s", err.message);
    uint8_t want[64];
    size_t wn = test_hex("00 1a"
                         "02 0a00 0000 01000000 ff008000"
                         "a1 a1 0400 01020304"
                         "05 0000",
                         want, sizeof want);
    CHECK_EQ(w.len, wn);
    if (w.len == wn)
        CHECK_MEM(buf, want, wn);
    size_t n = w.len;
    wrdp_cursor_init(&c, buf, n, "fastpath_update_pdu", &err);
    CHECK(wrdp_fastpath_update_pdu_decode(&c, &q) == WRDP_OK);
    CHECK_EQ(c.pos, n);
    CHECK_EQ(q.updateCount, 3);
    CHECK_EQ(q.fpOutputUpdates[1].compressionFlags, 0xa1);
    CHECK_EQ(q.fpOutputUpdates[1].fragmentation, WRDP_FASTPATH_FRAGMENT_FIRST);
    CHECK_EQ(q.fpOutputUpdates[2].updateData.len, 0);
    check_roundtrip("fastpath_update_pdu", buf, n);
    check_truncations("fastpath_update_pdu", buf, n);
    /* the compressed update alone */
    check_roundtrip("fastpath_update", want + 15, 8);
    check_truncations("fastpath_update", want + 15, 8);

    /* forced long length, reserved bits kept */
    p.forceLongLength = true;
    p.reserved = 0x5;
    p.updateCount = 1;
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_update_pdu_encode(&p, &w) == WRDP_OK);
    CHECK(w.len == 16 && buf[0] == 0x14 && buf[1] == 0x80 && buf[2] == 16);
    check_roundtrip("fastpath_update_pdu", buf, w.len);

    /* a long update: 0x7FFF total exactly, then one byte too many */
    memset(&p, 0, sizeof p);
    static uint8_t payload[0x8000];
    p.updateCount = 1;
    p.fpOutputUpdates[0] = (wrdp_fastpath_update){.updateCode = WRDP_FASTPATH_UPDATETYPE_SURFCMDS,
                                                  .updateData = {payload, 0x7FFF - 6}};
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_update_pdu_encode(&p, &w) == WRDP_OK);
    CHECK(w.len == 0x7FFF && buf[1] == 0xFF && buf[2] == 0xFF);
    check_roundtrip("fastpath_update_pdu", buf, w.len);
    p.fpOutputUpdates[0].updateData.len++;
    wrdp_error_clear(&err);
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_update_pdu_encode(&p, &w) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_ENCODE);

    /* encrypted with FIPS information */
    memset(&p, 0, sizeof p);
    p.flags = WRDP_FASTPATH_OUTPUT_ENCRYPTED;
    p.hasFipsInformation = true;
    p.fipsInformation = (wrdp_fastpath_fips_info){0x10, 1, 0};
    memset(p.dataSignature, 0x5a, 8);
    p.encryptedData = (wrdp_bytes){comp, 4};
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_update_pdu_encode(&p, &w) == WRDP_OK);
    wn = test_hex("80 12 1000 01 00 5a5a5a5a5a5a5a5a 01020304", want, sizeof want);
    CHECK_EQ(w.len, wn);
    if (w.len == wn)
        CHECK_MEM(buf, want, wn);
    n = w.len;
    wrdp_cursor_init(&c, buf, n, "fastpath_update_pdu", &err);
    CHECK(wrdp_fastpath_update_pdu_decode_ex(&c, &q, true) == WRDP_OK);
    CHECK(q.hasFipsInformation && q.fipsInformation.length == 0x10 && q.encryptedData.len == 4);
    CHECK_EQ(q.updateCount, 0);
    check_roundtrip("fastpath_update_pdu", buf, n);

    /* 257 empty updates: over WRDP_FASTPATH_UPDATES_MAX */
    n = 3 + 257 * 3;
    memset(buf, 0, n);
    buf[0] = 0;
    buf[1] = (uint8_t)(0x80 | (n >> 8));
    buf[2] = (uint8_t)n;
    check_decode_fails("fastpath_update_pdu", buf, n, WRDP_ERROR_LIMIT);
    /* 256 are fine */
    n = 3 + 256 * 3;
    buf[1] = (uint8_t)(0x80 | (n >> 8));
    buf[2] = (uint8_t)n;
    void *ok = kind_decode("fastpath_update_pdu", buf, n, NULL, &err);
    CHECK_MSG(ok != NULL, "%s", err.message);
    free(ok);

    /* hostile */
    n = test_hex("03 05 05 0000", buf, sizeof buf);
    check_decode_fails("fastpath_update_pdu", buf, n, WRDP_ERROR_DECODE);
    n = test_hex("00 06 05 0100", buf, sizeof buf); /* size 1, no byte */
    check_decode_fails("fastpath_update_pdu", buf, n, WRDP_ERROR_DECODE);
    n = test_hex("00 04 85 00", buf, sizeof buf); /* compression flags then no size */
    check_decode_fails("fastpath_update_pdu", buf, n, WRDP_ERROR_DECODE);
    n = test_hex("00 01", buf, sizeof buf);
    check_decode_fails("fastpath_update_pdu", buf, n, WRDP_ERROR_DECODE);
    n = test_hex("80 02", buf, sizeof buf); /* encrypted, no signature */
    check_decode_fails("fastpath_update_pdu", buf, n, WRDP_ERROR_DECODE);
    n = test_hex("00 8000", buf, sizeof buf);
    check_decode_fails("fastpath_output_header", buf, n, WRDP_ERROR_DECODE);
    n = test_hex("01 08", buf, sizeof buf);
    check_decode_fails("fastpath_output_header", buf, n, WRDP_ERROR_DECODE);

    /* header encoder limits */
    wrdp_fastpath_output_header h = {.length = 0x8000};
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_output_header_encode(&h, &w) == WRDP_ERR);
    h = (wrdp_fastpath_output_header){.length = 2, .forceLongLength = true};
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_output_header_encode(&h, &w) == WRDP_ERR);
    h = (wrdp_fastpath_output_header){.length = 0x80};
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &err);
    CHECK(wrdp_fastpath_output_header_encode(&h, &w) == WRDP_OK);
    CHECK(w.len == 3 && buf[1] == 0x80 && buf[2] == 0x80);
    free(palette);
}

static void test_json_forms(void)
{
    /* JSON written by hand encodes to the expected bytes */
    static const char *json =
        "{\"action\":0,\"flags\":0,\"fpInputEvents\":["
        "{\"eventCode\":0,\"eventFlags\":1,\"keyCode\":30},"
        "{\"eventCode\":5,\"eventFlags\":0,\"pointerFlags\":2048,\"xDelta\":-1,\"yDelta\":2}]}";
    uint8_t out[64], want[64];
    wrdp_error err;
    wrdp_error_clear(&err);
    long n = wrdp_pdu_encode_json("fastpath_input_pdu", json, strlen(json), out, sizeof out, &err);
    size_t wn = test_hex("08 0b 01 1e a0 0008 ffff 0200", want, sizeof want);
    CHECK_MSG(n == (long)wn, "%ld: %s", n, err.message);
    if (n == (long)wn)
        CHECK_MEM(out, want, wn);
    char text[512];
    CHECK(wrdp_pdu_decode_json("fastpath_input_pdu", want, wn, text, sizeof text, NULL, &err) > 0);
    CHECK(strstr(text, "\"xDelta\":-1") != NULL);
    /* out-of-range values are refused */
    static const char *bad[] = {
        "{\"action\":4,\"flags\":0,\"fpInputEvents\":[]}",
        "{\"action\":0,\"flags\":0,\"fpInputEvents\":[{\"eventCode\":7,\"eventFlags\":0}]}",
        "{\"action\":0,\"flags\":0,\"fpInputEvents\":[{\"eventCode\":5,\"eventFlags\":0,\"pointerFlags\":0,"
        "\"xDelta\":40000,\"yDelta\":0}]}",
        "{\"action\":0,\"flags\":2,\"dataSignature\":\"00\",\"numEvents\":0,\"encryptedData\":\"\"}",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wrdp_error_clear(&err);
        CHECK_MSG(wrdp_pdu_encode_json("fastpath_input_pdu", bad[i], strlen(bad[i]), out, sizeof out, &err) < 0,
                  "accepted %s", bad[i]);
        CHECK(err.kind != WRDP_ERROR_NONE);
    }
    static const char *upd = "{\"updateCode\":16,\"fragmentation\":0,\"compression\":0,\"updateData\":\"\"}";
    CHECK(wrdp_pdu_encode_json("fastpath_update", upd, strlen(upd), out, sizeof out, &err) < 0);
}

/* ---- assembled whole PDUs (vectors/pdu/fastpath_assembled) --------------- */

#define ASM "vectors/pdu/fastpath_assembled/"

static void check_update_is(const wrdp_fastpath_update *u, const char *file, size_t skip)
{
    size_t len;
    uint8_t *want = test_read_file(file, &len);
    CHECK_EQ(u->updateData.len, len - skip);
    if (u->updateData.len == len - skip)
        CHECK_MEM(u->updateData.data, want + skip, len - skip);
    free(want);
}

static void test_assembled(void)
{
    static const char *whole[] = {
        ASM "update_pdu_surfcmds.bin",        ASM "update_pdu_palette_surfcmds.bin",
        ASM "update_pdu_forced_long.bin",     ASM "update_pdu_surface_bits.bin",
        ASM "update_pdu_bitmap_fragments.bin", ASM "update_pdu_orders_pointers.bin",
        ASM "update_pdu_encrypted.bin",
    };
    wrdp_error err;
    size_t len, used;
    for (size_t i = 0; i < sizeof whole / sizeof whole[0]; i++) {
        uint8_t *data = test_read_file(whole[i], &len);
        check_roundtrip("fastpath_update_pdu", data, len);
        check_truncations("fastpath_update_pdu", data, len);
        wrdp_fastpath_update_pdu *p = kind_decode("fastpath_update_pdu", data, len, &used, &err);
        CHECK_MSG(p != NULL, "%s: %s", whole[i], err.message);
        if (!p) {
            free(data);
            continue;
        }
        CHECK_EQ(used, len);
        switch (i) {
        case 0:
        case 2:
            CHECK_EQ(p->updateCount, 1);
            CHECK_EQ(p->forceLongLength, i == 2);
            CHECK_EQ(p->fpOutputUpdates[0].updateCode, WRDP_FASTPATH_UPDATETYPE_SURFCMDS);
            check_update_is(&p->fpOutputUpdates[0], VEC "fast_path_update_pdu_buffer.bin", 3);
            break;
        case 1:
            CHECK_EQ(p->updateCount, 2);
            CHECK_EQ(p->fpOutputUpdates[0].updateCode, WRDP_FASTPATH_UPDATETYPE_PALETTE);
            check_update_is(&p->fpOutputUpdates[0], VEC "palette_payload.bin", 0);
            CHECK_EQ(p->fpOutputUpdates[1].updateCode, WRDP_FASTPATH_UPDATETYPE_SURFCMDS);
            break;
        case 3:
            CHECK_EQ(p->updateCount, 1);
            CHECK_EQ(p->forceLongLength, false);
            check_update_is(&p->fpOutputUpdates[0], VEC "surface_bits_buffer.bin", 0);
            break;
        case 4:
            CHECK_EQ(p->updateCount, 2);
            CHECK_EQ(p->fpOutputUpdates[0].updateCode, WRDP_FASTPATH_UPDATETYPE_BITMAP);
            CHECK_EQ(p->fpOutputUpdates[0].fragmentation, WRDP_FASTPATH_FRAGMENT_FIRST);
            CHECK_EQ(p->fpOutputUpdates[0].compression, WRDP_FASTPATH_OUTPUT_COMPRESSION_USED);
            CHECK_EQ(p->fpOutputUpdates[0].compressionFlags, WRDP_PACKET_COMPRESSED | WRDP_PACKET_COMPR_TYPE_64K);
            CHECK_EQ(p->fpOutputUpdates[1].fragmentation, WRDP_FASTPATH_FRAGMENT_LAST);
            CHECK_EQ(p->fpOutputUpdates[0].updateData.len + p->fpOutputUpdates[1].updateData.len, 114);
            break;
        case 5:
            CHECK_EQ(p->updateCount, 4);
            CHECK_EQ(p->fpOutputUpdates[0].updateCode, WRDP_FASTPATH_UPDATETYPE_ORDERS);
            check_update_is(&p->fpOutputUpdates[0], VEC "orders_payload.bin", 0);
            CHECK_EQ(p->fpOutputUpdates[1].updateCode, WRDP_FASTPATH_UPDATETYPE_PTR_NULL);
            CHECK_EQ(p->fpOutputUpdates[2].updateCode, WRDP_FASTPATH_UPDATETYPE_PTR_DEFAULT);
            CHECK_EQ(p->fpOutputUpdates[3].updateCode, WRDP_FASTPATH_UPDATETYPE_SYNCHRONIZE);
            break;
        case 6:
            CHECK_EQ(p->flags, WRDP_FASTPATH_OUTPUT_ENCRYPTED);
            CHECK_EQ(p->updateCount, 0);
            CHECK_EQ(p->dataSignature[0], 1);
            CHECK_EQ(p->dataSignature[7], 8);
            check_update_is((const wrdp_fastpath_update *)&(wrdp_fastpath_update){.updateData = p->encryptedData},
                            VEC "fast_path_update_pdu_buffer.bin", 0);
            break;
        }
        free(p);
        free(data);
    }

    static const char *inputs[] = {ASM "input_pdu_all_events.bin", ASM "input_pdu_40_events.bin",
                                   ASM "input_pdu_forced_forms.bin", ASM "input_pdu_encrypted.bin"};
    for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; i++) {
        uint8_t *data = test_read_file(inputs[i], &len);
        check_roundtrip("fastpath_input_pdu", data, len);
        check_truncations("fastpath_input_pdu", data, len);
        wrdp_fastpath_input_pdu *p = kind_decode("fastpath_input_pdu", data, len, &used, &err);
        CHECK_MSG(p != NULL, "%s: %s", inputs[i], err.message);
        if (p) {
            CHECK_EQ(used, len);
            if (i == 0) {
                CHECK_EQ(p->numEvents, 8);
                for (int e = 0; e < 8; e++)
                    CHECK_EQ(p->fpInputEvents[e].eventCode, e < 2 ? 0 : e - 1);
                CHECK_EQ(p->fpInputEvents[0].eventFlags,
                         WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE | WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED);
                CHECK_EQ(p->fpInputEvents[0].keyCode, 0x1d);
                CHECK_EQ(p->fpInputEvents[1].eventFlags, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED1);
                CHECK_EQ(p->fpInputEvents[2].xPos, 0x1234);
                CHECK_EQ(p->fpInputEvents[3].pointerFlags, 0x8001);
                CHECK_EQ(p->fpInputEvents[4].eventFlags,
                         WRDP_FASTPATH_INPUT_SYNC_NUM_LOCK | WRDP_FASTPATH_INPUT_SYNC_KANA_LOCK);
                CHECK_EQ(p->fpInputEvents[5].unicodeCode, 0x20AC);
                CHECK_EQ(p->fpInputEvents[6].xDelta, -3);
                CHECK_EQ(p->fpInputEvents[6].yDelta, 300);
                CHECK_EQ(p->fpInputEvents[7].timestamp, 0x01020304);
            } else if (i == 1) {
                CHECK_EQ(p->numEvents, 40);
                CHECK_EQ(p->forceNumEventsByte, false);
                CHECK_EQ(p->fpInputEvents[39].keyCode, 0x10 + 39);
                CHECK_EQ(p->fpInputEvents[39].eventFlags, 1);
            } else if (i == 2) {
                CHECK(p->forceLongLength && p->forceNumEventsByte && p->numEvents == 2);
            } else {
                CHECK_EQ(p->flags, WRDP_FASTPATH_INPUT_ENCRYPTED | WRDP_FASTPATH_INPUT_SECURE_CHECKSUM);
                CHECK_EQ(p->numEvents, 3);
                CHECK_EQ(p->encryptedData.len, 4);
            }
            free(p);
        }
        free(data);
    }

    static const struct {
        const char *kind, *file;
    } bad[] = {
        {"fastpath_update_pdu", ASM "err_update_pdu_update_too_long.bin"},
        {"fastpath_input_pdu", ASM "err_input_pdu_unknown_event.bin"},
        {"fastpath_input_pdu", ASM "err_input_pdu_missing_event.bin"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        uint8_t *data = test_read_file(bad[i].file, &len);
        check_decode_fails(bad[i].kind, data, len, WRDP_ERROR_DECODE);
        free(data);
    }
}

int main(void)
{
    test_header_vectors();
    test_update_vectors();
    test_input_vector();
    test_input_all_events();
    test_input_counts_and_lengths();
    test_input_hostile();
    test_update_pdu();
    test_json_forms();
    test_assembled();
    return test_finish("pdu_fastpath");
}
