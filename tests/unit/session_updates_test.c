/* The active session over a connector that reached the connected state from a
 * real recording (FreeRDP shadow, TLS), fed frames built with the PDU encoders:
 * bitmap updates with raw bitmaps (pixels at the right place, clipped to the
 * destination rectangle and to the image), palette, fast-path fragments (and
 * hostile sequences), slow-path pointer PDUs (the IronRDP vectors), Set Error
 * Info, Deactivate All then the reactivation with the MS-RDPBCGR 4.1 Demand
 * Active, static channel chunks, surface bits, disconnect. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "webrdp/pdu.h"
#include "webrdp/session.h"
#include "session/session_internal.h"
#include "connector/handoff.h"
#include "crypto/rdp_security.h"

#define REC "vectors/webrdp/recordings/"

/* ---- a connected connector from a recording ------------------------------------------ */

typedef struct rec {
    char tag[16];
    uint8_t *data;
    size_t len;
    char text[64];
} rec;

static rec *g_lines;
static size_t g_count, g_next_random, g_next_clock;

static void load(const char *path)
{
    size_t len;
    char *raw = (char *)test_read_file(path, &len);
    char *text = malloc(len + 1);
    memcpy(text, raw, len);
    text[len] = 0;
    free(raw);
    g_lines = calloc(1024, sizeof *g_lines);
    g_count = 0;
    for (char *line = strtok(text, "\n"); line && g_count < 1024; line = strtok(NULL, "\n")) {
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        *sp = 0;
        rec *l = &g_lines[g_count++];
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

static void unload(void)
{
    for (size_t i = 0; i < g_count; i++)
        free(g_lines[i].data);
    free(g_lines);
    g_lines = NULL;
}

static const rec *next_tag(size_t *i, const char *tag)
{
    for (; *i < g_count; (*i)++)
        if (!strcmp(g_lines[*i].tag, tag))
            return &g_lines[(*i)++];
    return NULL;
}

static int env_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    const rec *r = next_tag(&g_next_random, "random");
    if (r && r->len == len)
        memcpy(out, r->data, len);
    else
        memset(out, 0x5a, len);
    return 0;
}

static uint32_t env_clock(void *ctx)
{
    (void)ctx;
    const rec *r = next_tag(&g_next_clock, "clock");
    return r ? (uint32_t)strtoul(r->text, NULL, 10) : 0;
}

/* Replays a recording until connected; *left gets the index of the first server
 * frame not consumed (frames recorded after the connection, if any). */
static wrdp_connector *connect_recording(const char *file, uint32_t security, size_t *left)
{
    char path[256];
    snprintf(path, sizeof path, REC "%s", file);
    load(path);
    g_next_random = g_next_clock = 0;
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    cfg.username = "test";
    cfg.password = strstr(file, "nla") ? "Passw0rd!" : "x";
    cfg.client_name = "webrdp";
    cfg.security_protocols = security;
    size_t i = 0;
    const rec *ft = next_tag(&i, "filetime");
    cfg.filetime_now = ft ? strtoull(ft->text, NULL, 10) : 0;
    cfg.random = env_random;
    cfg.clock = env_clock;
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    if (!c)
        return NULL;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    size_t i_recv = 0, i_cert = 0;
    for (int guard = 0; guard < 1000 && !wrdp_connector_is_connected(c); guard++) {
        wrdp_connector_state st = wrdp_connector_state_of(c);
        if (st == WRDP_CONNECTOR_FAILED)
            break;
        wrdp_writer_reset(&out);
        if (st == WRDP_CONNECTOR_SECURITY_UPGRADE) {
            const rec *cert = next_tag(&i_cert, "cert");
            if (!cert || wrdp_connector_security_upgrade_done(c, cert->data, cert->len))
                break;
        } else if (wrdp_connector_wants_input(c)) {
            const rec *f = next_tag(&i_recv, "recv");
            if (!f || wrdp_connector_step(c, f->data, f->len, &out))
                break;
        } else if (wrdp_connector_step(c, NULL, 0, &out)) {
            break;
        }
    }
    wrdp_writer_free(&out);
    if (left)
        *left = i_recv;
    return c;
}

static wrdp_session *new_session(void)
{
    wrdp_connector *c = connect_recording("freerdp-shadow-tls.rec", WRDP_SECURITY_TLS, NULL);
    unload();
    CHECK(c && wrdp_connector_is_connected(c));
    wrdp_session_config cfg;
    wrdp_session_config_init(&cfg);
    wrdp_error err;
    wrdp_session *s = wrdp_session_new(c, &cfg, &err);
    CHECK_MSG(s != NULL, "session: %s", err.message);
    return s;
}

/* ---- frames ----------------------------------------------------------------------------- */

static wrdp_writer g_frame;
static wrdp_error g_err;

/* One fast-path PDU holding the given updates. */
static const wrdp_writer *fastpath(const wrdp_fastpath_update *u, size_t n)
{
    static wrdp_fastpath_update_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.updateCount = n;
    memcpy(pdu.fpOutputUpdates, u, n * sizeof *u);
    wrdp_writer_reset(&g_frame);
    CHECK(wrdp_fastpath_update_pdu_encode(&pdu, &g_frame) == WRDP_OK);
    return &g_frame;
}

static const wrdp_writer *fastpath1(uint8_t code, uint8_t frag, const uint8_t *data, size_t len)
{
    wrdp_fastpath_update u;
    memset(&u, 0, sizeof u);
    u.updateCode = code;
    u.fragmentation = frag;
    u.updateData.data = data;
    u.updateData.len = len;
    return fastpath(&u, 1);
}

/* A slow-path frame: TPKT + X.224 + MCS Send Data Indication on `channel`. */
static const wrdp_writer *slowpath(uint16_t channel, const uint8_t *data, size_t len)
{
    wrdp_writer_reset(&g_frame);
    wrdp_mcs_domain_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = WRDP_MCS_SEND_DATA_INDICATION;
    pdu.u.sendData.initiator = 1002;
    pdu.u.sendData.channelId = channel;
    pdu.u.sendData.dataPriority = 1;
    pdu.u.sendData.segmentation = 3;
    pdu.u.sendData.userData.data = data;
    pdu.u.sendData.userData.len = len;
    size_t m = wrdp_x224_data_begin(&g_frame);
    CHECK(wrdp_mcs_domain_pdu_encode(&pdu, &g_frame) == WRDP_OK && wrdp_x224_data_end(&g_frame, m) == WRDP_OK);
    return &g_frame;
}

/* A Share Data PDU (headers + payload) in buf. */
static size_t share_data_cap(uint8_t *buf, size_t cap, const wrdp_session *s, uint8_t type2, const uint8_t *payload, size_t len)
{
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, buf, cap, &g_err);
    wrdp_share_control_header h = {(uint16_t)(18 + len), WRDP_PDUTYPE_DATAPDU | WRDP_TS_PROTOCOL_VERSION, 1002};
    wrdp_share_data_header d;
    memset(&d, 0, sizeof d);
    d.shareId = wrdp_session_connection(s) ? wrdp_session_connection(s)->share_id : 0x103EA;
    d.streamId = 1;
    d.uncompressedLength = (uint16_t)(len + 4);
    d.pduType2 = type2;
    wrdp_share_control_header_encode(&h, &w);
    wrdp_share_data_header_encode(&d, &w);
    wrdp_wr_bytes(&w, payload, len);
    CHECK(wrdp_writer_status(&w) == WRDP_OK);
    return w.len;
}
#define share_data(buf, ...) share_data_cap(buf, sizeof buf, __VA_ARGS__)

static int feed(wrdp_session *s, const wrdp_writer *f, wrdp_writer *out)
{
    int r = wrdp_session_process(s, f->data, f->len, out);
    if (r && getenv("SESSION_TEST_VERBOSE"))
        fprintf(stderr, "  process: %s\n", wrdp_session_error(s)->message);
    return r;
}

static int count_events(wrdp_session *s, wrdp_session_event_type type, wrdp_session_event *last)
{
    int n = 0;
    wrdp_session_event ev;
    while (wrdp_session_next_event(s, &ev))
        if (ev.type == type) {
            n++;
            if (last)
                *last = ev;
        }
    return n;
}

/* A TS_UPDATE_BITMAP_DATA with one uncompressed rectangle. */
static size_t bitmap_update(uint8_t *buf, uint16_t left, uint16_t top, uint16_t right, uint16_t bottom, uint16_t w,
                            uint16_t h, uint16_t bpp, const uint8_t *pixels, size_t plen)
{
    uint16_t f[] = {1, 1, left, top, right, bottom, w, h, bpp, 0, (uint16_t)plen};
    size_t o = 0;
    for (size_t i = 0; i < 11; i++) {
        buf[o++] = (uint8_t)f[i];
        buf[o++] = (uint8_t)(f[i] >> 8);
    }
    memcpy(buf + o, pixels, plen);
    return o + plen;
}

static const uint8_t *px(const wrdp_session *s, uint32_t x, uint32_t y)
{
    const wrdp_image *img = wrdp_session_image(s);
    return img->data + (size_t)y * img->stride + (size_t)x * 4;
}

/* ---- tests -------------------------------------------------------------------------------- */

static void test_bitmaps(void)
{
    wrdp_session *s = new_session();
    if (!s)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    const wrdp_image *img = wrdp_session_image(s);
    CHECK_EQ(img->width, 1024);
    CHECK_EQ(img->height, 768);

    /* 24 bpp, 4x2, rows bottom-up and padded to 4 bytes: 12 bytes a row */
    uint8_t pix[24];
    for (int y = 0; y < 2; y++)
        for (int x = 0; x < 4; x++) {
            uint8_t *p = pix + y * 12 + x * 3;
            p[0] = (uint8_t)(x * 10);       /* B */
            p[1] = (uint8_t)(y * 100);      /* G */
            p[2] = (uint8_t)(200 + x);      /* R */
        }
    uint8_t upd[256];
    /* destination 3 wide: the bitmap's fourth column must not be drawn */
    size_t n = bitmap_update(upd, 10, 20, 12, 21, 4, 2, 24, pix, sizeof pix);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, upd, n), &out) == WRDP_OK);
    /* bottom-up: the first row of data is the bottom row (y = 21) */
    CHECK(px(s, 10, 21)[0] == 200 && px(s, 10, 21)[1] == 0 && px(s, 10, 21)[2] == 0 && px(s, 10, 21)[3] == 255);
    CHECK(px(s, 12, 20)[0] == 202 && px(s, 12, 20)[1] == 100 && px(s, 12, 20)[2] == 20);
    CHECK(px(s, 13, 20)[3] == 0 && px(s, 13, 21)[3] == 0); /* clipped to destRight */
    CHECK(px(s, 9, 20)[3] == 0 && px(s, 10, 19)[3] == 0);
    wrdp_session_event ev;
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_GRAPHICS, &ev), 1);
    CHECK(ev.rect.left == 10 && ev.rect.top == 20 && ev.rect.right == 13 && ev.rect.bottom == 22);
    wrdp_rect d = wrdp_session_take_dirty(s);
    CHECK(d.left == 10 && d.top == 20 && d.right == 13 && d.bottom == 22);
    d = wrdp_session_take_dirty(s);
    CHECK(d.right == d.left);

    /* at the corner of the image: only the part inside is written */
    n = bitmap_update(upd, 1022, 766, 1025, 769, 4, 2, 24, pix, sizeof pix);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, upd, n), &out) == WRDP_OK);
    CHECK(px(s, 1023, 767)[0] == 201 && px(s, 1023, 767)[3] == 255);
    CHECK(px(s, 1022, 766)[0] == 200 && px(s, 1022, 766)[1] == 100);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_GRAPHICS, &ev), 1);
    CHECK(ev.rect.left == 1022 && ev.rect.right == 1024 && ev.rect.bottom == 768);
    /* entirely outside: nothing, no event, no error */
    n = bitmap_update(upd, 2000, 10, 2003, 11, 4, 2, 24, pix, sizeof pix);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, upd, n), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_GRAPHICS, NULL), 0);

    /* palette (spec layout: updateType, pad, numberColors, 3-byte entries) + 8 bpp */
    uint8_t pal[8 + 6] = {2, 0, 0, 0, 2, 0, 0, 0, 1, 2, 3, 0xAA, 0xBB, 0xCC};
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_PALETTE, 0, pal, sizeof pal), &out) == WRDP_OK);
    uint8_t p8[4] = {1, 0, 1, 0}; /* 2x1 padded to 4 */
    n = bitmap_update(upd, 100, 100, 101, 100, 2, 1, 8, p8, sizeof p8);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, upd, n), &out) == WRDP_OK);
    CHECK(px(s, 100, 100)[0] == 0xAA && px(s, 100, 100)[1] == 0xBB && px(s, 100, 100)[2] == 0xCC);
    CHECK(px(s, 101, 100)[0] == 1 && px(s, 101, 100)[1] == 2 && px(s, 101, 100)[2] == 3);
    /* a palette of 257 colours is a decode error */
    uint8_t badpal[8] = {2, 0, 0, 0, 1, 1, 0, 0};
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_PALETTE, 0, badpal, sizeof badpal), &out) == WRDP_ERR);
    CHECK_EQ(wrdp_session_error(s)->kind, WRDP_ERROR_DECODE);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_TERMINATED, NULL), 1);
    CHECK(wrdp_session_is_terminated(s));
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_PALETTE, 0, pal, sizeof pal), &out) == WRDP_ERR);
    wrdp_writer_free(&out);
    wrdp_session_free(s);
}

static void test_vector_bitmap(void)
{
    /* IronRDP's bitmap update (interleaved 16 bpp with a TS_CD_HEADER) at (1792, 1024):
     * outside a 1024x768 desktop, so it parses, draws nothing and raises no event */
    wrdp_session *s = new_session();
    if (!s)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    size_t len;
    uint8_t *b = test_read_file("vectors/pdu/fastpath/bitmap_buffer.bin", &len);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, b, len), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_GRAPHICS, NULL), 0);
    /* moved onto the desktop (destLeft/Top 0) and narrowed to 60x50: IronRDP's bytes are
     * a parsing vector, not a whole interleaved stream (its orders stop short of 64x56
     * pixels), so the decoder reports that, having written only inside the rectangle */
    b[4] = b[5] = b[6] = b[7] = 0;
    b[8] = 59, b[9] = 0, b[10] = 49, b[11] = 0;
    int r = feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, b, len), &out);
    CHECK_MSG(r == WRDP_OK || (wrdp_session_error(s)->kind == WRDP_ERROR_DECODE &&
                               strstr(wrdp_session_error(s)->message, "interleaved")),
              "%s", wrdp_session_error(s)->message);
    size_t outside = 0;
    for (uint32_t y = 0; y < 64; y++)
        for (uint32_t x = 0; x < 70; x++)
            if (x >= 60 || y >= 50)
                outside += px(s, x, y)[3] != 0;
    CHECK_EQ(outside, 0);
    free(b);
    wrdp_writer_free(&out);
    wrdp_session_free(s);
}


/* A compressed bitmap update: FreeRDP's 24-bpp interleaved stream (64x64 noise) must
 * come out as FreeRDP decoded it, at the rectangle's place; with and without the
 * TS_CD_HEADER. */
static void test_interleaved_update(void)
{
    size_t rlen, elen;
    uint8_t *rle = test_read_file("vectors/codec/interleaved/freerdp_test01_24bpp.rle", &rlen);
    uint8_t *exp = test_read_file("vectors/codec/interleaved/freerdp_test01_24bpp.expected.bgra", &elen);
    static uint8_t upd[20000];
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    for (int hdr = 0; hdr < 2; hdr++) {
        wrdp_session *s = new_session();
        if (!s)
            break;
        size_t body = rlen + (hdr ? 8 : 0);
        uint16_t f[] = {1, 1, 100, 200, 163, 263, 64, 64, 24, (uint16_t)(hdr ? 0x0001 : 0x0401), (uint16_t)body};
        size_t o = 0;
        for (size_t i = 0; i < 11; i++)
            upd[o++] = (uint8_t)f[i], upd[o++] = (uint8_t)(f[i] >> 8);
        if (hdr) {
            uint16_t cd[4] = {0, (uint16_t)rlen, 64 * 3, 64 * 64 * 3};
            for (int i = 0; i < 4; i++)
                upd[o++] = (uint8_t)cd[i], upd[o++] = (uint8_t)(cd[i] >> 8);
        }
        memcpy(upd + o, rle, rlen);
        o += rlen;
        CHECK_MSG(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, upd, o), &out) == WRDP_OK, "%s",
                  wrdp_session_error(s)->message);
        size_t bad = 0;
        for (uint32_t y = 0; y < 64; y++)
            for (uint32_t x = 0; x < 64; x++) {
                const uint8_t *e = exp + (y * 64 + x) * 4, *g = px(s, 100 + x, 200 + y);
                bad += g[0] != e[2] || g[1] != e[1] || g[2] != e[0] || g[3] != 255;
            }
        CHECK_MSG(bad == 0, "interleaved update (header %d): %zu pixels differ from FreeRDP's", hdr, bad);
        wrdp_rect d = wrdp_session_take_dirty(s);
        CHECK(d.left == 100 && d.top == 200 && d.right == 164 && d.bottom == 264);
        wrdp_session_free(s);
    }
    wrdp_writer_free(&out);
    free(rle);
    free(exp);
}

static void test_fragments(void)
{
    uint8_t pix[8 * 4 * 8]; /* 8x8 at 32 bpp */
    for (size_t i = 0; i < sizeof pix; i++)
        pix[i] = (uint8_t)(i * 7);
    uint8_t upd[512];
    size_t n = bitmap_update(upd, 0, 0, 7, 7, 8, 8, 32, pix, sizeof pix);
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);

    /* FIRST, NEXT, LAST in three frames */
    wrdp_session *s = new_session();
    if (!s)
        return;
    size_t a = n / 3, b = 2 * n / 3;
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, WRDP_FASTPATH_FRAGMENT_FIRST, upd, a), &out) == 0);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_GRAPHICS, NULL), 0);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, WRDP_FASTPATH_FRAGMENT_NEXT, upd + a, b - a), &out) == 0);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, WRDP_FASTPATH_FRAGMENT_LAST, upd + b, n - b), &out) == 0);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_GRAPHICS, NULL), 1);
    /* 32 bpp raw: B,G,R,A bottom-up; the top-left pixel is the last row's first */
    const uint8_t *src = pix + 7 * 32;
    CHECK(px(s, 0, 0)[0] == src[2] && px(s, 0, 0)[1] == src[1] && px(s, 0, 0)[2] == src[0]);
    wrdp_session_free(s);

    /* hostile sequences: each ends the session with a decode (or limit) error */
    struct {
        uint8_t frag[3];
        uint8_t code[3];
        int frames;
        wrdp_error_kind kind;
    } cases[] = {
        {{WRDP_FASTPATH_FRAGMENT_NEXT}, {1}, 1, WRDP_ERROR_DECODE},
        {{WRDP_FASTPATH_FRAGMENT_LAST}, {1}, 1, WRDP_ERROR_DECODE},
        {{WRDP_FASTPATH_FRAGMENT_FIRST, WRDP_FASTPATH_FRAGMENT_FIRST}, {1, 1}, 2, WRDP_ERROR_DECODE},
        {{WRDP_FASTPATH_FRAGMENT_FIRST, WRDP_FASTPATH_FRAGMENT_SINGLE}, {1, 1}, 2, WRDP_ERROR_DECODE},
        {{WRDP_FASTPATH_FRAGMENT_FIRST, WRDP_FASTPATH_FRAGMENT_LAST}, {1, 2}, 2, WRDP_ERROR_DECODE},
    };
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        s = new_session();
        if (!s)
            return;
        int r = 0;
        for (int f = 0; f < cases[c].frames && r == 0; f++)
            r = feed(s, fastpath1(cases[c].code[f], cases[c].frag[f], upd, 40), &out);
        CHECK_MSG(r == WRDP_ERR, "hostile fragment case %zu accepted", c);
        CHECK_EQ(wrdp_session_error(s)->kind, cases[c].kind);
        CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_TERMINATED, NULL), 1);
        wrdp_session_free(s);
    }
    /* fragments past the Multifragment Update size (0xFFFF advertised without RemoteFX) */
    s = new_session();
    if (!s)
        return;
    static uint8_t big[0x7000];
    memset(big, 0, sizeof big);
    int r = feed(s, fastpath1(1, WRDP_FASTPATH_FRAGMENT_FIRST, big, sizeof big), &out);
    for (int i = 0; i < 4 && r == 0; i++)
        r = feed(s, fastpath1(1, WRDP_FASTPATH_FRAGMENT_NEXT, big, sizeof big), &out);
    CHECK(r == WRDP_ERR);
    CHECK_EQ(wrdp_session_error(s)->kind, WRDP_ERROR_LIMIT);
    wrdp_session_free(s);
    wrdp_writer_free(&out);
}

static void test_slowpath_pointers(void)
{
    struct {
        const char *file;
        wrdp_session_event_type type;
        bool ok;
    } v[] = {
        {"decode_pointer_system_hidden.bin", WRDP_SESSION_EVENT_POINTER_HIDDEN, true},
        {"decode_pointer_system_default.bin", WRDP_SESSION_EVENT_POINTER_DEFAULT, true},
        {"decode_pointer_position.bin", WRDP_SESSION_EVENT_POINTER_POSITION, true},
        {"decode_pointer_cached.bin", WRDP_SESSION_EVENT_POINTER_HIDDEN, true}, /* an empty cache slot */
        {"decode_pointer_unknown_message_type_errors.bin", WRDP_SESSION_EVENT_TERMINATED, false},
        {"decode_pointer_short_buffer_errors.bin", WRDP_SESSION_EVENT_TERMINATED, false},
        {"decode_pointer_system_unknown_type_errors.bin", WRDP_SESSION_EVENT_TERMINATED, false},
    };
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    static uint8_t pdu[0x10000];
    for (size_t i = 0; i < sizeof v / sizeof v[0]; i++) {
        wrdp_session *s = new_session();
        if (!s)
            return;
        char path[256];
        snprintf(path, sizeof path, "vectors/pdu/slowpath/%s", v[i].file);
        size_t len;
        uint8_t *b = test_read_file(path, &len);
        size_t n = share_data(pdu, s, WRDP_PDUTYPE2_POINTER, b, len);
        int r = feed(s, slowpath(wrdp_session_connection(s)->io_channel_id, pdu, n), &out);
        CHECK_MSG((r == WRDP_OK) == v[i].ok, "%s: %s", v[i].file, wrdp_session_error(s)->message);
        wrdp_session_event ev;
        CHECK_MSG(count_events(s, v[i].type, &ev) == 1, "%s: no event %d", v[i].file, v[i].type);
        if (v[i].type == WRDP_SESSION_EVENT_POINTER_POSITION)
            CHECK(ev.x == 64 && ev.y == 128);
        if (!v[i].ok)
            CHECK_EQ(ev.error.kind, WRDP_ERROR_DECODE);
        free(b);
        wrdp_session_free(s);
    }
    /* a fast-path new pointer (IronRDP's 32 bpp vector), then the cached one */
    wrdp_session *s = new_session();
    if (!s)
        return;
    size_t len;
    uint8_t *b = test_read_file("vectors/pdu/pointer/new_pointer_32bpp.bin", &len);
    b[2] = 3; /* cache index 3 */
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_POINTER, 0, b, len), &out) == WRDP_OK);
    wrdp_session_event ev;
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_POINTER_BITMAP, &ev), 1);
    CHECK(ev.pointer && ev.pointer->width == 41 && ev.pointer->height == 39 && ev.pointer->data);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_PTR_NULL, 0, NULL, 0), &out) == WRDP_OK);
    CHECK(wrdp_session_pointer(s)->data == NULL);
    uint8_t idx[2] = {3, 0};
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_CACHED, 0, idx, 2), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_POINTER_BITMAP, &ev), 1);
    CHECK(wrdp_session_pointer(s)->width == 41 && wrdp_session_pointer(s)->hotspot_x == 3);
    idx[0] = 200; /* past the 32-entry cache */
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_CACHED, 0, idx, 2), &out) == WRDP_ERR);
    free(b);
    wrdp_session_free(s);
    wrdp_writer_free(&out);
}

static void test_error_info(void)
{
    wrdp_session *s = new_session();
    if (!s)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    static uint8_t pdu[256];
    uint8_t code[4] = {0x0C, 0, 0, 0}; /* ERRINFO_LOGOFF_BY_USER */
    size_t n = share_data(pdu, s, WRDP_PDUTYPE2_SET_ERROR_INFO_PDU, code, 4);
    CHECK(feed(s, slowpath(wrdp_session_connection(s)->io_channel_id, pdu, n), &out) == WRDP_OK);
    wrdp_session_event ev;
    bool info = false, term = false;
    while (wrdp_session_next_event(s, &ev)) {
        if (ev.type == WRDP_SESSION_EVENT_ERROR_INFO)
            info = ev.code == 0x0C;
        if (ev.type == WRDP_SESSION_EVENT_TERMINATED) {
            term = ev.error.kind == WRDP_ERROR_SERVER_DISCONNECT && ev.error.code == 0x0C &&
                   strstr(ev.error.message, wrdp_error_info_text(0x0C)) != NULL;
        }
    }
    CHECK(info);
    CHECK(term);
    CHECK(wrdp_session_is_terminated(s));
    wrdp_session_free(s);

    /* ERRINFO_NONE changes nothing; a Disconnect Provider Ultimatum terminates */
    s = new_session();
    if (!s)
        return;
    memset(code, 0, 4);
    n = share_data(pdu, s, WRDP_PDUTYPE2_SET_ERROR_INFO_PDU, code, 4);
    CHECK(feed(s, slowpath(wrdp_session_connection(s)->io_channel_id, pdu, n), &out) == WRDP_OK);
    CHECK(!wrdp_session_is_terminated(s));
    uint8_t dpum[] = {3, 0, 0, 9, 2, 0xF0, 0x80, 0x21, 0x80};
    CHECK(wrdp_session_process(s, dpum, sizeof dpum, &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_TERMINATED, &ev), 1);
    CHECK_EQ(ev.error.kind, WRDP_ERROR_SERVER_DISCONNECT);
    wrdp_session_free(s);

    /* Save Session Info (INFOTYPE_LOGON_PLAINNOTIFY), Shutdown Denied, Monitor Layout */
    s = new_session();
    if (!s)
        return;
    static uint8_t body[600];
    memset(body, 0, sizeof body);
    body[0] = 2; /* INFOTYPE_LOGON_PLAINNOTIFY + 576 bytes of pad */
    static uint8_t big[1024];
    n = share_data(big, s, WRDP_PDUTYPE2_SAVE_SESSION_INFO, body, 4 + 576);
    CHECK_MSG(feed(s, slowpath(wrdp_session_connection(s)->io_channel_id, big, n), &out) == WRDP_OK, "%s",
              wrdp_session_error(s)->message);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_LOGON, &ev), 1);
    CHECK_EQ(ev.code, 2);
    n = share_data(pdu, s, WRDP_PDUTYPE2_SHUTDOWN_DENIED, NULL, 0);
    CHECK(feed(s, slowpath(wrdp_session_connection(s)->io_channel_id, pdu, n), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_SHUTDOWN_DENIED, NULL), 1);
    uint8_t ml[4 + 20] = {1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xFF, 3, 0, 0, 0xFF, 2, 0, 0, 1, 0, 0, 0};
    n = share_data(pdu, s, WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU, ml, sizeof ml);
    CHECK(feed(s, slowpath(wrdp_session_connection(s)->io_channel_id, pdu, n), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_MONITOR_LAYOUT, NULL), 1);
    size_t mc = 0;
    const wrdp_session_monitor *m = wrdp_session_monitors(s, &mc);
    CHECK(mc == 1 && m[0].right == 1023 && m[0].bottom == 767 && m[0].flags == 1);

    /* disconnect: Shutdown Request, then the ultimatum (rn-user-requested) */
    wrdp_writer_reset(&out);
    CHECK(wrdp_session_disconnect(s, &out) == WRDP_OK);
    CHECK(out.len > 9 && out.data[out.len - 9] == 3 && out.data[out.len - 2] == 0x21 && out.data[out.len - 1] == 0x80);
    CHECK(out.data[0] == 3 && out.data[out.len - 9 - 1] == 0 ); /* the share data PDU before it has no payload */
    CHECK(wrdp_session_is_terminated(s));
    wrdp_session_free(s);
    wrdp_writer_free(&out);
}

/* xrdp 0.9 sends its Deactivate All (on a display control resize) as the Share Control header alone. */
static void test_short_deactivate_all(void)
{
    wrdp_session *s = new_session();
    if (!s)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    uint16_t io = wrdp_session_connection(s)->io_channel_id;
    uint8_t hdr[6] = {6, 0, WRDP_PDUTYPE_DEACTIVATEALLPDU | WRDP_TS_PROTOCOL_VERSION, 0, 0xEA, 0x03};
    CHECK_MSG(feed(s, slowpath(io, hdr, sizeof hdr), &out) == WRDP_OK, "%s", wrdp_session_error(s)->message);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_DEACTIVATED, NULL), 1);
    CHECK(wrdp_session_connection(s) == NULL);
    wrdp_writer_free(&out);
    wrdp_session_free(s);
}

static void test_reactivation(void)
{
    wrdp_session *s = new_session();
    if (!s)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    uint16_t io = wrdp_session_connection(s)->io_channel_id;
    static uint8_t pdu[0x10000];

    /* draw something, then Deactivate All */
    wrdp_deactivate_all_pdu da;
    memset(&da, 0, sizeof da);
    da.shareControlHeader.pduType = WRDP_PDUTYPE_DEACTIVATEALLPDU | WRDP_TS_PROTOCOL_VERSION;
    da.shareControlHeader.pduSource = 1002;
    da.shareID = wrdp_session_connection(s)->share_id;
    da.sourceDescriptor.data = (const uint8_t *)"\0";
    da.sourceDescriptor.len = 1;
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, pdu, sizeof pdu, &g_err);
    CHECK(wrdp_deactivate_all_pdu_encode(&da, &w) == WRDP_OK);
    CHECK(feed(s, slowpath(io, pdu, w.len), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_DEACTIVATED, NULL), 1);
    CHECK(wrdp_session_connection(s) == NULL); /* not connected while deactivated */

    /* the MS-RDPBCGR 4.1 Demand Active: the client answers with Confirm Active + finalization */
    size_t len;
    uint8_t *dab = test_read_file("vectors/pdu/rdp/server_demand_active_pdu.bin", &len);
    wrdp_demand_active_pdu *dap = calloc(1, sizeof *dap);
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, dab, len, "Demand Active", &g_err);
    CHECK(wrdp_demand_active_pdu_decode(&cur, dap) == WRDP_OK);
    const wrdp_caps_set *bm =
        wrdp_caps_find(dap->demandActive.capabilitySets, dap->demandActive.numberCapabilities, WRDP_CAPSTYPE_BITMAP);
    uint16_t want_w = bm ? bm->u.bitmap.desktopWidth : 0, want_h = bm ? bm->u.bitmap.desktopHeight : 0;
    uint32_t share = dap->demandActive.shareId;
    free(dap);
    wrdp_writer_reset(&out);
    CHECK_MSG(feed(s, slowpath(io, dab, len), &out) == WRDP_OK, "%s", wrdp_session_error(s)->message);
    CHECK(out.len > 100); /* Confirm Active, Synchronize, Control x2, Font List */
    free(dab);

    /* the server's finalization */
    wrdp_synchronize_pdu sy;
    memset(&sy, 0, sizeof sy);
    sy.hdr.shareControlHeader.pduType = WRDP_PDUTYPE_DATAPDU | WRDP_TS_PROTOCOL_VERSION;
    sy.hdr.shareControlHeader.pduSource = 1002;
    sy.hdr.shareDataHeader.shareId = share;
    sy.hdr.shareDataHeader.streamId = 1;
    sy.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_SYNCHRONIZE;
    sy.messageType = WRDP_SYNCMSGTYPE_SYNC;
    wrdp_writer_reset(&w);
    wrdp_synchronize_pdu_encode(&sy, &w);
    CHECK(feed(s, slowpath(io, pdu, w.len), &out) == WRDP_OK);
    uint16_t actions[2] = {WRDP_CTRLACTION_COOPERATE, WRDP_CTRLACTION_GRANTED_CONTROL};
    for (int i = 0; i < 2; i++) {
        wrdp_control_pdu ctl;
        memset(&ctl, 0, sizeof ctl);
        ctl.hdr = sy.hdr;
        ctl.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_CONTROL;
        ctl.action = actions[i];
        wrdp_writer_reset(&w);
        wrdp_control_pdu_encode(&ctl, &w);
        CHECK(feed(s, slowpath(io, pdu, w.len), &out) == WRDP_OK);
    }
    /* a fast-path update before the Font Map is ignored */
    uint8_t pix[4] = {1, 2, 3, 4};
    uint8_t upd[64];
    size_t n = bitmap_update(upd, 0, 0, 0, 0, 1, 1, 32, pix, 4);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, upd, n), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_REACTIVATED, NULL), 0);
    wrdp_font_map_pdu fm;
    memset(&fm, 0, sizeof fm);
    fm.hdr = sy.hdr;
    fm.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_FONTMAP;
    fm.mapFlags = WRDP_FONTMAP_FIRST | WRDP_FONTMAP_LAST;
    fm.entrySize = 4;
    wrdp_writer_reset(&w);
    wrdp_font_map_pdu_encode(&fm, &w);
    CHECK_MSG(feed(s, slowpath(io, pdu, w.len), &out) == WRDP_OK, "%s", wrdp_session_error(s)->message);
    wrdp_session_event ev;
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_REACTIVATED, &ev), 1);
    CHECK(want_w && ev.width == want_w && ev.height == want_h);
    CHECK(wrdp_session_image(s)->width == want_w && wrdp_session_image(s)->height == want_h);
    CHECK(wrdp_session_connection(s) && wrdp_session_connection(s)->share_id == share);
    /* updates are drawn again, into the new image */
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_BITMAP, 0, upd, n), &out) == WRDP_OK);
    CHECK(px(s, 0, 0)[0] == 3 && px(s, 0, 0)[2] == 1 && px(s, 0, 0)[3] == 255);
    wrdp_session_free(s);
    wrdp_writer_free(&out);
}

static void test_channels(void)
{
    wrdp_session *s = new_session();
    if (!s)
        return;
    /* join a channel as if the connector had (the recordings joined none) */
    s->channels[s->channel_count++].id = 1004;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    uint8_t msg[3000];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(i * 13);
    static uint8_t chunk[2000];
    size_t off = 0;
    int frames = 0;
    while (off < sizeof msg) {
        size_t n = sizeof msg - off > 1600 ? 1600 : sizeof msg - off;
        uint32_t flags = (off == 0 ? WRDP_CHANNEL_FLAG_FIRST : 0) | (off + n == sizeof msg ? WRDP_CHANNEL_FLAG_LAST : 0);
        wrdp_writer w;
        wrdp_writer_init_fixed(&w, chunk, sizeof chunk, &g_err);
        wrdp_channel_pdu_header h = {sizeof msg, flags};
        wrdp_channel_pdu_header_encode(&h, &w);
        wrdp_wr_bytes(&w, msg + off, n);
        CHECK(feed(s, slowpath(1004, chunk, w.len), &out) == WRDP_OK);
        off += n;
        frames++;
    }
    CHECK_EQ(frames, 2);
    wrdp_session_event ev;
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_CHANNEL_DATA, &ev), 1);
    CHECK(ev.channel_id == 1004 && ev.data.len == sizeof msg && !memcmp(ev.data.data, msg, sizeof msg));
    /* a channel nobody joined is ignored */
    CHECK(feed(s, slowpath(1010, chunk, 20), &out) == WRDP_OK);
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_CHANNEL_DATA, NULL), 0);
    /* a middle chunk without a first one */
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, chunk, sizeof chunk, &g_err);
    wrdp_channel_pdu_header h = {100, 0};
    wrdp_channel_pdu_header_encode(&h, &w);
    wrdp_wr_fill(&w, 0, 10);
    CHECK(feed(s, slowpath(1004, chunk, w.len), &out) == WRDP_ERR);
    wrdp_session_free(s);

    /* chunks longer than the message says; a message too large */
    s = new_session();
    if (!s)
        return;
    s->channels[s->channel_count++].id = 1004;
    wrdp_writer_init_fixed(&w, chunk, sizeof chunk, &g_err);
    h.length = 5;
    h.flags = WRDP_CHANNEL_FLAG_FIRST;
    wrdp_channel_pdu_header_encode(&h, &w);
    wrdp_wr_fill(&w, 0, 10);
    CHECK(feed(s, slowpath(1004, chunk, w.len), &out) == WRDP_ERR);
    wrdp_session_free(s);
    s = new_session();
    if (!s)
        return;
    s->channels[s->channel_count++].id = 1004;
    wrdp_writer_init_fixed(&w, chunk, sizeof chunk, &g_err);
    h.length = 0xFFFFFFFF;
    wrdp_channel_pdu_header_encode(&h, &w);
    wrdp_wr_fill(&w, 0, 10);
    CHECK(feed(s, slowpath(1004, chunk, w.len), &out) == WRDP_ERR);
    CHECK_EQ(wrdp_session_error(s)->kind, WRDP_ERROR_LIMIT);
    wrdp_session_free(s);
    wrdp_writer_free(&out);
}

static void test_surface_commands(void)
{
    wrdp_session *s = new_session();
    if (!s)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &g_err);
    /* set surface bits, codec none: 2x2 at 32 bpp, top-down, into a 1-wide destination */
    uint8_t cmd[64];
    size_t o = 0;
    uint16_t h16[] = {1, 50, 60, 51, 62};
    for (int i = 0; i < 5; i++)
        cmd[o++] = (uint8_t)h16[i], cmd[o++] = (uint8_t)(h16[i] >> 8);
    cmd[o++] = 32, cmd[o++] = 0, cmd[o++] = 0, cmd[o++] = 0; /* bpp flags reserved codecID */
    cmd[o++] = 2, cmd[o++] = 0, cmd[o++] = 2, cmd[o++] = 0;  /* width height */
    cmd[o++] = 16, cmd[o++] = 0, cmd[o++] = 0, cmd[o++] = 0;
    uint8_t bits[16] = {10, 20, 30, 0, 11, 21, 31, 0, 12, 22, 32, 0, 13, 23, 33, 0};
    memcpy(cmd + o, bits, 16);
    o += 16;
    /* then a frame marker (end): no Frame Acknowledge, the capability was not negotiated */
    uint8_t fm[8] = {4, 0, 1, 0, 7, 0, 0, 0};
    memcpy(cmd + o, fm, 8);
    o += 8;
    wrdp_writer_reset(&out);
    CHECK_MSG(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_SURFCMDS, 0, cmd, o), &out) == WRDP_OK, "%s",
              wrdp_session_error(s)->message);
    CHECK_EQ(out.len, 0);
    CHECK(px(s, 50, 60)[0] == 30 && px(s, 50, 60)[2] == 10);
    CHECK(px(s, 50, 61)[0] == 32);
    CHECK(px(s, 51, 60)[3] == 0); /* outside destRight (exclusive) */
    /* the vector frame marker alone */
    size_t len;
    uint8_t *b = test_read_file("vectors/pdu/fastpath/frame_marker_buffer.bin", &len);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_SURFCMDS, 0, b, len), &out) == WRDP_OK);
    free(b);
    /* a frame acknowledge when negotiated */
    s->frame_ack = true;
    wrdp_writer_reset(&out);
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_SURFCMDS, 0, fm, 8), &out) == WRDP_OK);
    CHECK(out.len > 20 && out.data[out.len - 4] == 7 && out.data[out.len - 5 - 3] == WRDP_PDUTYPE2_FRAME_ACKNOWLEDGE);
    /* an unknown command */
    uint8_t bad[4] = {9, 0, 0, 0};
    CHECK(feed(s, fastpath1(WRDP_FASTPATH_UPDATETYPE_SURFCMDS, 0, bad, 4), &out) == WRDP_ERR);
    wrdp_session_free(s);
    wrdp_writer_free(&out);
}


/* The server's side of Standard RDP Security: the client's state with the two
 * directions swapped (same keys, RC4 streams and counters). */
static void server_side(const wrdp_rdp_security *c, wrdp_rdp_security *srv)
{
    *srv = *c;
    memcpy(srv->encrypt_key, c->decrypt_key, 16);
    memcpy(srv->decrypt_key, c->encrypt_key, 16);
    memcpy(srv->encrypt_key_initial, c->decrypt_key_initial, 16);
    memcpy(srv->decrypt_key_initial, c->encrypt_key_initial, 16);
    srv->encrypt_rc4 = c->decrypt_rc4;
    srv->decrypt_rc4 = c->encrypt_rc4;
    srv->encrypt_count = c->decrypt_count;
    srv->decrypt_count = c->encrypt_count;
    srv->encrypt_total = c->decrypt_total;
    srv->decrypt_total = c->encrypt_total;
}

static void test_encrypted(void)
{
    /* xrdp with Standard RDP Security: 128-bit RC4 and MACs both ways */
    wrdp_connector *c = connect_recording("xrdp-rdp.rec", WRDP_SECURITY_RDP, NULL);
    unload();
    CHECK(c && wrdp_connector_is_connected(c));
    wrdp_rdp_security *cs = wrdp_connector_rdp_security(c);
    CHECK(cs != NULL);
    if (!cs) {
        wrdp_connector_free(c);
        return;
    }
    wrdp_rdp_security srv;
    server_side(cs, &srv);
    wrdp_error err;
    wrdp_session *s = wrdp_session_new(c, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    for (int round = 0; round < 3; round++) {
        /* a fast-path bitmap update, encrypted: header, dataSignature, encrypted updates */
        uint8_t pix[4] = {(uint8_t)(10 + round), 20, 30, 0};
        uint8_t upd[64];
        size_t n = bitmap_update(upd, (uint16_t)round, 5, (uint16_t)round, 5, 1, 1, 32, pix, 4);
        uint8_t frame[128];
        size_t body = 3 + n;
        frame[3 + 8] = WRDP_FASTPATH_UPDATETYPE_BITMAP;
        frame[3 + 8 + 1] = (uint8_t)n;
        frame[3 + 8 + 2] = (uint8_t)(n >> 8);
        memcpy(frame + 3 + 8 + 3, upd, n);
        uint8_t sig[8];
        size_t blen = body;
        CHECK(wrdp_rdp_security_encrypt(&srv, frame + 11, &blen, sizeof frame - 11, false, sig, NULL, &err) == 0);
        memcpy(frame + 3, sig, 8);
        size_t total = 11 + blen;
        frame[0] = WRDP_FASTPATH_OUTPUT_ENCRYPTED << 6;
        frame[1] = (uint8_t)(0x80 | total >> 8);
        frame[2] = (uint8_t)total;
        CHECK_MSG(wrdp_session_process(s, frame, total, &out) == WRDP_OK, "%s", wrdp_session_error(s)->message);
        CHECK(px(s, (uint32_t)round, 5)[2] == 10 + round && px(s, (uint32_t)round, 5)[0] == 30);
    }
    /* a slow-path pointer position in an encrypted Share Data PDU */
    static uint8_t sd[256];
    uint8_t pos[8] = {3, 0, 0, 0, 7, 0, 9, 0};
    size_t n = share_data(sd, s, WRDP_PDUTYPE2_POINTER, pos, sizeof pos);
    uint8_t payload[300];
    memcpy(payload + 12, sd, n);
    uint8_t sig[8];
    size_t blen = n;
    CHECK(wrdp_rdp_security_encrypt(&srv, payload + 12, &blen, sizeof payload - 12, false, sig, NULL, &err) == 0);
    payload[0] = WRDP_SEC_ENCRYPT, payload[1] = 0, payload[2] = payload[3] = 0;
    memcpy(payload + 4, sig, 8);
    CHECK_MSG(feed(s, slowpath(wrdp_session_connection(s)->io_channel_id, payload, 12 + blen), &out) == WRDP_OK,
              "%s", wrdp_session_error(s)->message);
    wrdp_session_event ev;
    CHECK_EQ(count_events(s, WRDP_SESSION_EVENT_POINTER_POSITION, &ev), 1);
    CHECK(ev.x == 7 && ev.y == 9);
    /* the client's own PDUs are encrypted too: a disconnect's Shutdown Request decrypts on the server */
    wrdp_writer_reset(&out);
    CHECK(wrdp_session_disconnect(s, &out) == WRDP_OK);
    /* TPKT(4) X.224(3) MCS SDRq(7: 1-byte length form) flags(4) signature(8) */
    size_t hdr = 4 + 3 + 7;
    uint16_t flags = (uint16_t)(out.data[hdr] | out.data[hdr + 1] << 8);
    CHECK(out.len > hdr + 12 + 9 && (flags & WRDP_SEC_ENCRYPT));
    if (out.len > hdr + 12 + 9) {
        size_t plen = out.len - 9 - hdr - 12;
        uint8_t plain[64];
        memcpy(plain, out.data + hdr + 12, plen < 64 ? plen : 64);
        size_t pl = plen;
        CHECK_MSG(wrdp_rdp_security_decrypt(&srv, plain, &pl, (flags & WRDP_SEC_SECURE_CHECKSUM) != 0, out.data + hdr + 4, 0, &err) == 0, "%s",
                  err.message);
        CHECK(pl == 18 && plain[14] == WRDP_PDUTYPE2_SHUTDOWN_REQUEST);
    }
    wrdp_session_free(s);

    /* a bad signature is a decode error */
    c = connect_recording("xrdp-rdp.rec", WRDP_SECURITY_RDP, NULL);
    unload();
    s = wrdp_session_new(c, NULL, &err);
    if (!s)
        return;
    uint8_t bad[32] = {WRDP_FASTPATH_OUTPUT_ENCRYPTED << 6, 20};
    CHECK(wrdp_session_process(s, bad, 20, &out) == WRDP_ERR);
    CHECK_EQ(wrdp_session_error(s)->kind, WRDP_ERROR_DECODE);
    wrdp_session_free(s);
    wrdp_writer_free(&out);
}

static void test_recordings(void)
{
    /* every recording connects and hands over to a session; any frame recorded after
     * the connection goes through the session */
    const char *files[] = {"freerdp-shadow-nla.rec", "freerdp-shadow-tls.rec", "freerdp-shadow-rdp.rec",
                           "xrdp-tls.rec", "xrdp-rdp.rec"};
    uint32_t sec[] = {WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX, WRDP_SECURITY_TLS, WRDP_SECURITY_RDP,
                      WRDP_SECURITY_TLS, WRDP_SECURITY_RDP};
    for (size_t f = 0; f < 5; f++) {
        size_t left = 0;
        wrdp_connector *c = connect_recording(files[f], sec[f], &left);
        CHECK_MSG(c && wrdp_connector_is_connected(c), "%s: %s", files[f],
                  c ? wrdp_connector_error(c)->message : "no connector");
        wrdp_error err;
        wrdp_session *s = wrdp_session_new(c, NULL, &err);
        CHECK_MSG(s != NULL, "%s: %s", files[f], err.message);
        if (s) {
            CHECK(wrdp_session_image(s)->width == 1024 && wrdp_session_image(s)->height == 768);
            wrdp_writer out;
            wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
            size_t frames = 0;
            for (const rec *r = next_tag(&left, "recv"); r; r = next_tag(&left, "recv")) {
                size_t fl = 0;
                CHECK(wrdp_session_next_frame_len(s, r->data, r->len, &fl) == 1 && fl == r->len);
                CHECK_MSG(wrdp_session_process(s, r->data, r->len, &out) == WRDP_OK, "%s: %s", files[f],
                          wrdp_session_error(s)->message);
                frames++;
            }
            wrdp_writer_reset(&out);
            CHECK(wrdp_session_disconnect(s, &out) == WRDP_OK && out.len > 9);
            wrdp_writer_free(&out);
            wrdp_session_free(s);
        }
        unload();
    }
    /* a connector that is not connected is refused (and freed) */
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    cfg.username = "u";
    cfg.password = "p";
    cfg.random = env_random;
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    CHECK(wrdp_session_new(c, NULL, &err) == NULL && err.kind == WRDP_ERROR_STATE);
}

int main(void)
{
    wrdp_writer_init(&g_frame, 0x20000, &g_err);
    test_bitmaps();
    test_vector_bitmap();
    test_interleaved_update();
    test_fragments();
    test_slowpath_pointers();
    test_error_info();
    test_reactivation();
    test_short_deactivate_all();
    test_channels();
    test_surface_commands();
    test_encrypted();
    test_recordings();
    wrdp_writer_free(&g_frame);
    return test_finish("session_updates");
}
