/* DRDYNVC: IronRDP's dvc_* vectors (decoded by the manager, our replies
 * byte-identical to the response vectors), unknown channel refusal, data first
 * reassembly with hostile lengths, compressed data, close, soft-sync refusal,
 * and sending (DATA / DATA_FIRST splitting under 1600 bytes). */
#include <stdbool.h>

#include "test.h"
#include "webrdp/dvc.h"

#define DIR "vectors/pdu/channels/"

static uint8_t *vec(const char *name, size_t *n)
{
    char p[256];
    snprintf(p, sizeof p, DIR "%s", name);
    uint8_t *b = test_read_file(p, n);
    CHECK_MSG(b != NULL, "%s", name);
    return b;
}

typedef struct rec {
    int opens, closes, msgs;
    uint32_t id;
    uint8_t last[8192];
    size_t last_len;
} rec;
static int r_open(void *ctx, wrdp_dvc *d, uint32_t id, wrdp_writer *out)
{
    (void)d, (void)out;
    rec *r = ctx;
    r->opens++;
    r->id = id;
    return WRDP_OK;
}
static int r_data(void *ctx, wrdp_dvc *d, uint32_t id, const uint8_t *m, size_t n, wrdp_writer *out)
{
    (void)d, (void)id, (void)out;
    rec *r = ctx;
    r->msgs++;
    r->last_len = n;
    if (n <= sizeof r->last)
        memcpy(r->last, m, n);
    return WRDP_OK;
}
static void r_close(void *ctx, uint32_t id)
{
    (void)id;
    ((rec *)ctx)->closes++;
}

/* the single record of out, or fails */
static wrdp_bytes one(wrdp_writer *out)
{
    size_t pos = 0;
    wrdp_bytes m = {0};
    CHECK(wrdp_dvc_next_output(out->data, out->len, &pos, &m));
    CHECK_EQ(pos, out->len);
    return m;
}

static int feed(wrdp_dvc *d, const uint8_t *p, size_t n, wrdp_writer *out)
{
    wrdp_writer_reset(out);
    return wrdp_dvc_process(d, p, n, out);
}

int main(void)
{
    wrdp_error err;
    wrdp_writer out;
    wrdp_writer_init(&out, 0, &err);
    size_t n;
    uint8_t *v;

    /* capabilities v1: the response vector */
    wrdp_dvc *d = wrdp_dvc_new(NULL);
    rec r = {0};
    wrdp_dvc_processor p = {&r, r_open, r_data, r_close};
    CHECK(wrdp_dvc_register(d, "testdvc", &p) == WRDP_OK);
    CHECK(wrdp_dvc_register(d, "testdvc", &p) == WRDP_ERR); /* twice */
    uint8_t early[] = {0x30, 0x03, 'x'};
    CHECK(feed(d, early, sizeof early, &out) == WRDP_ERR); /* data before the capabilities */
    v = vec("dvc_caps_request_v1.bin", &n);
    CHECK(feed(d, v, n, &out) == WRDP_OK);
    free(v);
    CHECK_EQ(wrdp_dvc_version(d), 1);
    v = vec("dvc_caps_response_v1.bin", &n);
    wrdp_bytes m = one(&out);
    CHECK(m.len == n && !memcmp(m.data, v, n));
    free(v);

    /* create "testdvc" id 3: the positive response vector */
    v = vec("dvc_create_request.bin", &n);
    CHECK(feed(d, v, n, &out) == WRDP_OK);
    free(v);
    CHECK_EQ(r.opens, 1);
    CHECK_EQ(r.id, 3);
    v = vec("dvc_create_response.bin", &n);
    m = one(&out);
    CHECK(m.len == n && !memcmp(m.data, v, n));
    free(v);
    uint32_t id = 0;
    CHECK(wrdp_dvc_channel_id(d, "testdvc", &id) && id == 3);

    /* data: 12 bytes of 0x71 */
    v = vec("dvc_data.bin", &n);
    CHECK(feed(d, v, n, &out) == WRDP_OK);
    free(v);
    CHECK_EQ(r.msgs, 1);
    CHECK(r.last_len == 12 && r.last[0] == 0x71 && r.last[11] == 0x71);
    CHECK_EQ(out.len, 0);

    /* data first: total 3195 = 12 bytes now, then DATA chunks */
    v = vec("dvc_data_first.bin", &n);
    CHECK(feed(d, v, n, &out) == WRDP_OK);
    free(v);
    CHECK_EQ(r.msgs, 1);
    uint8_t chunk[1600];
    chunk[0] = 0x30;
    chunk[1] = 0x03;
    memset(chunk + 2, 0x71, sizeof chunk - 2);
    CHECK(feed(d, chunk, 1598 + 2, &out) == WRDP_OK); /* 12 + 1598 = 1610 */
    CHECK(feed(d, chunk, 1585 + 2, &out) == WRDP_OK); /* = 3195 */
    CHECK_EQ(r.msgs, 2);
    CHECK_EQ(r.last_len, 3195);
    /* hostile: chunks longer than the total */
    uint8_t first[] = {0x24, 0x03, 0x10, 0x00, 1, 2, 3, 4}; /* total 16, 4 now */
    CHECK(feed(d, first, sizeof first, &out) == WRDP_OK);
    CHECK(feed(d, chunk, 20, &out) == WRDP_ERR); /* 18 more > 12 left */
    /* the manager goes on: a plain data message after the error */
    CHECK(feed(d, chunk, 5, &out) == WRDP_OK);
    CHECK_EQ(r.last_len, 3);
    /* hostile: a total past the limit (4-byte length 0xFFFFFFFF) */
    uint8_t huge[] = {0x28, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 1};
    CHECK(feed(d, huge, sizeof huge, &out) == WRDP_ERR && wrdp_dvc_error(d)->kind == WRDP_ERROR_LIMIT);
    /* hostile: a first chunk longer than the total */
    uint8_t over[] = {0x20, 0x03, 0x02, 1, 2, 3};
    CHECK(feed(d, over, sizeof over, &out) == WRDP_ERR);
    /* edge: a first chunk that is the whole message */
    uint8_t whole[] = {0x20, 0x03, 0x03, 7, 8, 9};
    int before = r.msgs;
    CHECK(feed(d, whole, sizeof whole, &out) == WRDP_OK);
    CHECK(r.msgs == before + 1 && r.last_len == 3 && r.last[2] == 9);
    /* data first header vector: channel 7 is not open, ignored */
    v = vec("dvc_data_first_edge_prefix.bin", &n);
    CHECK(feed(d, v, n, &out) == WRDP_OK && out.len == 0);
    free(v);
    /* invalid cbId 3, truncated ids */
    uint8_t bad_id[] = {0x33, 1, 2, 3, 4};
    CHECK(feed(d, bad_id, sizeof bad_id, &out) == WRDP_ERR);
    uint8_t short_id[] = {0x32, 1};
    CHECK(feed(d, short_id, sizeof short_id, &out) == WRDP_ERR);
    uint8_t unknown_cmd[] = {0xA0, 1};
    CHECK(feed(d, unknown_cmd, sizeof unknown_cmd, &out) == WRDP_ERR);

    /* unknown channel: refused with a negative creationStatus, nothing dropped */
    uint8_t gfx[] = {0x10, 0x09, 'M', 'i', 'c', 'r', 'o', 's', 'o', 'f', 't', ':', ':', 'W', 'i', 'n', 'd', 'o',
                     'w', 's', ':', ':', 'R', 'D', 'S', ':', ':', 'G', 'r', 'a', 'p', 'h', 'i', 'c', 's', 0};
    CHECK(feed(d, gfx, sizeof gfx, &out) == WRDP_OK);
    m = one(&out);
    uint8_t refused[] = {0x10, 0x09, 0x01, 0x00, 0x00, 0xC0};
    CHECK(m.len == sizeof refused && !memcmp(m.data, refused, sizeof refused));
    wrdp_dvc_event ev;
    bool saw = false;
    while (wrdp_dvc_next_event(d, &ev))
        if (ev.type == WRDP_DVC_EVENT_REFUSED && ev.channel_id == 9 && !strcmp(ev.name, "Microsoft::Windows::RDS::Graphics"))
            saw = true;
    CHECK(saw);
    /* a name without NUL is a decode error; a duplicate id is refused */
    uint8_t nonul[] = {0x10, 0x0A, 'a', 'b'};
    CHECK(feed(d, nonul, sizeof nonul, &out) == WRDP_ERR);
    uint8_t dup[] = {0x10, 0x03, 't', 'e', 's', 't', 'd', 'v', 'c', 0};
    CHECK(feed(d, dup, sizeof dup, &out) == WRDP_OK);
    m = one(&out);
    CHECK(m.len == 6 && m.data[5] == 0xC0);
    CHECK_EQ(r.opens, 1);

    /* sending: short -> one DATA; long -> DATA_FIRST + DATA, each <= 1600 bytes */
    wrdp_writer_reset(&out);
    CHECK(wrdp_dvc_send(d, 3, (const uint8_t *)"hello", 5, &out) == WRDP_OK);
    m = one(&out);
    CHECK(m.len == 7 && m.data[0] == 0x30 && m.data[1] == 3 && !memcmp(m.data + 2, "hello", 5));
    static uint8_t big[5000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (uint8_t)i;
    wrdp_writer_reset(&out);
    CHECK(wrdp_dvc_send(d, 3, big, sizeof big, &out) == WRDP_OK);
    size_t pos = 0, total = 0, pdus = 0;
    while (wrdp_dvc_next_output(out.data, out.len, &pos, &m)) {
        CHECK(m.len <= WRDP_DVC_PDU_MAX);
        if (pdus == 0) {
            CHECK(m.data[0] == 0x24 && m.data[2] == (5000 & 0xFF) && m.data[3] == (5000 >> 8));
            total += m.len - 4;
        } else {
            CHECK(m.data[0] == 0x30);
            total += m.len - 2;
        }
        pdus++;
    }
    CHECK_EQ(total, 5000);
    CHECK_EQ(pdus, 4);
    /* ... and what we send reassembles through a manager */
    {
        wrdp_dvc *d2 = wrdp_dvc_new(NULL);
        rec r2 = {0};
        wrdp_dvc_processor p2 = {&r2, r_open, r_data, r_close};
        wrdp_dvc_register(d2, "testdvc", &p2);
        wrdp_writer o2;
        wrdp_writer_init(&o2, 0, &err);
        uint8_t caps3[] = {0x50, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        feed(d2, caps3, sizeof caps3, &o2);
        CHECK_EQ(wrdp_dvc_version(d2), 3);
        feed(d2, dup, sizeof dup, &o2);
        pos = 0;
        while (wrdp_dvc_next_output(out.data, out.len, &pos, &m))
            CHECK(feed(d2, m.data, m.len, &o2) == WRDP_OK);
        CHECK(r2.msgs == 1 && r2.last_len == 5000 && !memcmp(r2.last, big, 5000));
        /* compressed (v3): DATA_COMPRESSED with an uncompressed ZGFX segment */
        uint8_t comp[] = {0x70, 0x03, 0xE0, 0x04, 'z', 'g', 'f', 'x'};
        CHECK(feed(d2, comp, sizeof comp, &o2) == WRDP_OK);
        CHECK(r2.last_len == 4 && !memcmp(r2.last, "zgfx", 4));
        /* DATA_FIRST_COMPRESSED total 6, then DATA_COMPRESSED */
        uint8_t cf[] = {0x60, 0x03, 0x06, 0xE0, 0x04, 'a', 'b', 'c'};
        uint8_t cd[] = {0x70, 0x03, 0xE0, 0x04, 'd', 'e', 'f'};
        CHECK(feed(d2, cf, sizeof cf, &o2) == WRDP_OK);
        CHECK(feed(d2, cd, sizeof cd, &o2) == WRDP_OK);
        CHECK(r2.last_len == 6 && !memcmp(r2.last, "abcdef", 6));
        uint8_t badz[] = {0x70, 0x03, 0xE5, 0x04};
        CHECK(feed(d2, badz, sizeof badz, &o2) == WRDP_ERR);
        wrdp_writer_free(&o2);
        wrdp_dvc_free(d2);
        CHECK_EQ(r2.closes, 1); /* freeing closes the open channels */
    }
    /* compressed data on a version-1 manager is an error */
    uint8_t comp1[] = {0x70, 0x03, 0xE0, 0x04, 'z'};
    CHECK(feed(d, comp1, sizeof comp1, &out) == WRDP_ERR);

    /* soft-sync request -> response with no tunnels */
    uint8_t ss[] = {0x80, 0, 10, 0, 0, 0, 0, 0, 0, 0};
    CHECK(feed(d, ss, sizeof ss, &out) == WRDP_OK);
    m = one(&out);
    uint8_t ssr[] = {0x90, 0, 0, 0, 0, 0};
    CHECK(m.len == sizeof ssr && !memcmp(m.data, ssr, sizeof ssr));

    /* close: the vector (2-byte id 0x0303, not open: ignored), then id 3 */
    v = vec("dvc_close.bin", &n);
    CHECK(feed(d, v, n, &out) == WRDP_OK && out.len == 0);
    free(v);
    uint8_t close3[] = {0x40, 0x03};
    CHECK(feed(d, close3, sizeof close3, &out) == WRDP_OK);
    m = one(&out);
    CHECK(m.len == 2 && !memcmp(m.data, close3, 2));
    CHECK_EQ(r.closes, 1);
    CHECK(!wrdp_dvc_channel_id(d, "testdvc", NULL));
    CHECK(wrdp_dvc_send(d, 3, (const uint8_t *)"x", 1, &out) == WRDP_ERR);
    wrdp_dvc_free(d);

    /* v2 capabilities with priority charges: answered with version 2 (or our maximum) */
    d = wrdp_dvc_new(NULL);
    v = vec("dvc_caps_request_v2.bin", &n);
    CHECK(feed(d, v, n, &out) == WRDP_OK);
    CHECK(feed(d, v, n - 1, &out) == WRDP_ERR); /* a charge cut short */
    free(v);
    CHECK_EQ(wrdp_dvc_version(d), 2);
    wrdp_dvc_free(d);
    wrdp_dvc_config cfg;
    wrdp_dvc_config_init(&cfg);
    cfg.max_version = 1;
    d = wrdp_dvc_new(&cfg);
    uint8_t caps3[] = {0x50, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    CHECK(feed(d, caps3, sizeof caps3, &out) == WRDP_OK);
    m = one(&out);
    CHECK(m.len == 4 && m.data[2] == 1);
    wrdp_dvc_free(d);

    /* a broken record is not walked */
    uint8_t broken[] = {10, 0, 0, 0, 1};
    pos = 0;
    CHECK(!wrdp_dvc_next_output(broken, sizeof broken, &pos, &m));

    wrdp_writer_free(&out);
    return test_finish("channels_dvc");
}
