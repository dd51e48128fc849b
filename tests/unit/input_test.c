/* The input database: which operations produce which fast-path input events
 * (MS-RDPBCGR 2.2.8.1.2.2), no duplicate presses, no stuck keys, release all,
 * the wheel's 9-bit two's complement rotation and its chunking, extended keys,
 * Pause and PrintScreen, batching into PDUs of at most 255 events — every PDU
 * decoded back with the fast-path decoder — and wrdp_session_send_input on a
 * TLS session (plain) and a Standard RDP Security session (encrypted: the
 * server's side decrypts it), both connected from real recordings. */
#include <stdbool.h>
#include <string.h>

#include "test.h"
#include "test_recording.h"
#include "webrdp/input.h"
#include "webrdp/pdu.h"
#include "connector/handoff.h"
#include "crypto/rdp_security.h"

static wrdp_fastpath_input_pdu g_pdu;

/* The pending events (count and a copy) then cleared. */
static size_t take(wrdp_input *in, wrdp_fastpath_input_event *evs, size_t cap)
{
    size_t n;
    const wrdp_fastpath_input_event *p = wrdp_input_pending(in, &n);
    memcpy(evs, p, (n < cap ? n : cap) * sizeof *evs);
    wrdp_input_clear_pending(in);
    return n;
}

static bool is_key(const wrdp_fastpath_input_event *e, uint8_t code, uint8_t flags)
{
    return e->eventCode == WRDP_FASTPATH_INPUT_EVENT_SCANCODE && e->keyCode == code && e->eventFlags == flags;
}

static bool is_mouse(const wrdp_fastpath_input_event *e, uint8_t code, uint16_t flags, uint16_t x, uint16_t y)
{
    return e->eventCode == code && e->pointerFlags == flags && e->xPos == x && e->yPos == y;
}

/* Splits `data` into fast-path input PDUs with the PDU hint and decodes each;
 * the events, in order, must equal `want`. Returns the number of PDUs (-1 on a failure). */
static int decode_all(const uint8_t *data, size_t len, const wrdp_fastpath_input_event *want, size_t count,
                      size_t *max_events)
{
    size_t pos = 0, seen = 0;
    int pdus = 0;
    *max_events = 0;
    while (pos < len) {
        wrdp_error err;
        wrdp_error_clear(&err);
        size_t flen = 0;
        if (wrdp_pdu_hint(data + pos, len - pos, &flen, &err) != 1 || flen > len - pos)
            return -1;
        wrdp_cursor c;
        wrdp_cursor_init(&c, data + pos, flen, "fast-path input", &err);
        if (wrdp_fastpath_input_pdu_decode(&c, &g_pdu) || wrdp_cursor_remaining(&c) != 0) {
            fprintf(stderr, "decode: %s\n", err.message);
            return -1;
        }
        if (g_pdu.numEvents > *max_events)
            *max_events = g_pdu.numEvents;
        for (unsigned i = 0; i < g_pdu.numEvents; i++, seen++) {
            const wrdp_fastpath_input_event *a = &g_pdu.fpInputEvents[i], *b = &want[seen];
            if (seen >= count || a->eventCode != b->eventCode || a->eventFlags != b->eventFlags ||
                a->keyCode != b->keyCode || a->unicodeCode != b->unicodeCode || a->pointerFlags != b->pointerFlags ||
                a->xPos != b->xPos || a->yPos != b->yPos)
                return -1;
        }
        pos += flen;
        pdus++;
    }
    return seen == count ? pdus : -1;
}

static void test_keys(void)
{
    wrdp_input *in = wrdp_input_new();
    wrdp_fastpath_input_event ev[16];
    /* 'A' down, down again (typematic repeat), up, up again */
    CHECK_EQ(wrdp_input_key(in, 0x1E, WRDP_INPUT_PREFIX_NONE, true), 1);
    CHECK_EQ(wrdp_input_key(in, 0x1E, WRDP_INPUT_PREFIX_NONE, true), 1);
    CHECK_EQ(wrdp_input_held_count(in), 1);
    CHECK_EQ(wrdp_input_key(in, 0x1E, WRDP_INPUT_PREFIX_NONE, false), 1);
    CHECK_EQ(wrdp_input_key(in, 0x1E, WRDP_INPUT_PREFIX_NONE, false), 0);
    CHECK_EQ(take(in, ev, 16), 3);
    CHECK(is_key(&ev[0], 0x1E, 0) && is_key(&ev[1], 0x1E, 0));
    CHECK(is_key(&ev[2], 0x1E, WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE));
    CHECK_EQ(wrdp_input_held_count(in), 0);

    /* Left Ctrl (1D) and Right Ctrl (E0 1D) are two keys */
    CHECK_EQ(wrdp_input_key(in, 0x1D, WRDP_INPUT_PREFIX_E0, true), 1);
    CHECK(wrdp_input_key_is_down(in, 0x1D, WRDP_INPUT_PREFIX_E0));
    CHECK(!wrdp_input_key_is_down(in, 0x1D, WRDP_INPUT_PREFIX_NONE));
    CHECK_EQ(wrdp_input_key(in, 0x1D, WRDP_INPUT_PREFIX_NONE, false), 0); /* left one is not down */
    CHECK_EQ(wrdp_input_key(in, 0x1D, WRDP_INPUT_PREFIX_E0, false), 1);
    CHECK_EQ(take(in, ev, 16), 2);
    CHECK(is_key(&ev[0], 0x1D, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED));
    CHECK(is_key(&ev[1], 0x1D, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED | WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE));

    /* PrintScreen: E0 37 */
    CHECK_EQ(wrdp_input_key(in, 0x37, WRDP_INPUT_PREFIX_E0, true), 1);
    CHECK_EQ(wrdp_input_key(in, 0x37, WRDP_INPUT_PREFIX_E0, false), 1);
    CHECK_EQ(take(in, ev, 16), 2);
    CHECK(is_key(&ev[0], 0x37, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED));
    CHECK(is_key(&ev[1], 0x37, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED | WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE));

    /* Pause: E1 1D 45 -> 1D with EXTENDED1, then 45; the same with RELEASE on the way up */
    CHECK_EQ(wrdp_input_key(in, WRDP_INPUT_SCANCODE_PAUSE, WRDP_INPUT_PREFIX_E1, true), 2);
    CHECK(wrdp_input_key_is_down(in, 0x1D, WRDP_INPUT_PREFIX_E1));
    CHECK(!wrdp_input_key_is_down(in, 0x45, WRDP_INPUT_PREFIX_NONE)); /* Num Lock is another key */
    CHECK_EQ(wrdp_input_key(in, WRDP_INPUT_SCANCODE_PAUSE, WRDP_INPUT_PREFIX_E1, false), 2);
    CHECK_EQ(take(in, ev, 16), 4);
    CHECK(is_key(&ev[0], 0x1D, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED1) && is_key(&ev[1], 0x45, 0));
    CHECK(is_key(&ev[2], 0x1D, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED1 | WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE));
    CHECK(is_key(&ev[3], 0x45, WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE));

    /* invalid prefixes change nothing */
    CHECK_EQ(wrdp_input_key(in, 0x45, WRDP_INPUT_PREFIX_E1, true), WRDP_ERR);
    CHECK_EQ(wrdp_input_error(in)->kind, WRDP_ERROR_INVALID_ARGUMENT);
    CHECK_EQ(wrdp_input_key(in, 0x10, 3, true), WRDP_ERR);
    CHECK_EQ(take(in, ev, 16), 0);

    /* unicode: repeat, release once, release of a character not held */
    CHECK_EQ(wrdp_input_unicode(in, 0x00E9, true), 1);
    CHECK_EQ(wrdp_input_unicode(in, 0x00E9, true), 1);
    CHECK_EQ(wrdp_input_unicode(in, 0x00E9, false), 1);
    CHECK_EQ(wrdp_input_unicode(in, 0x00E9, false), 0);
    CHECK_EQ(take(in, ev, 16), 3);
    CHECK(ev[0].eventCode == WRDP_FASTPATH_INPUT_EVENT_UNICODE && ev[0].unicodeCode == 0xE9 && ev[0].eventFlags == 0);
    CHECK(ev[2].eventCode == WRDP_FASTPATH_INPUT_EVENT_UNICODE &&
          ev[2].eventFlags == WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE);
    for (int i = 0; i < WRDP_INPUT_UNICODE_HELD_MAX; i++)
        CHECK_EQ(wrdp_input_unicode(in, (uint16_t)(0x100 + i), true), 1);
    CHECK_EQ(wrdp_input_unicode(in, 0x41, true), WRDP_ERR);
    CHECK_EQ(wrdp_input_error(in)->kind, WRDP_ERROR_LIMIT);
    CHECK_EQ(wrdp_input_held_count(in), WRDP_INPUT_UNICODE_HELD_MAX);
    wrdp_input_free(in);
}

static void test_mouse(void)
{
    wrdp_input *in = wrdp_input_new();
    wrdp_fastpath_input_event ev[16];
    CHECK_EQ(wrdp_input_mouse_move(in, 100, 200), 1);
    CHECK_EQ(wrdp_input_mouse_move(in, 100, 200), 0);
    CHECK_EQ(wrdp_input_mouse_move(in, -5, 70000), 1); /* clamped */
    CHECK_EQ(wrdp_input_mouse_move(in, 0, 65535), 0);
    CHECK_EQ(wrdp_input_mouse_move(in, 100, 200), 1);
    CHECK_EQ(take(in, ev, 16), 3);
    CHECK(is_mouse(&ev[0], WRDP_FASTPATH_INPUT_EVENT_MOUSE, WRDP_PTRFLAGS_MOVE, 100, 200));
    CHECK(is_mouse(&ev[1], WRDP_FASTPATH_INPUT_EVENT_MOUSE, WRDP_PTRFLAGS_MOVE, 0, 65535));

    for (int b = 1; b <= 5; b++) {
        CHECK_EQ(wrdp_input_mouse_button(in, b, true), 1);
        CHECK_EQ(wrdp_input_mouse_button(in, b, true), 0); /* no duplicate press */
    }
    CHECK_EQ(wrdp_input_mouse_button(in, 3, false), 1);
    CHECK_EQ(wrdp_input_mouse_button(in, 3, false), 0); /* no release of a button not down */
    CHECK_EQ(wrdp_input_mouse_button(in, 0, true), WRDP_ERR);
    CHECK_EQ(wrdp_input_mouse_button(in, 6, true), WRDP_ERR);
    CHECK_EQ(take(in, ev, 16), 6);
    const uint8_t M = WRDP_FASTPATH_INPUT_EVENT_MOUSE, X = WRDP_FASTPATH_INPUT_EVENT_MOUSEX;
    CHECK(is_mouse(&ev[0], M, WRDP_PTRFLAGS_DOWN | WRDP_PTRFLAGS_BUTTON1, 100, 200));
    CHECK(is_mouse(&ev[1], M, WRDP_PTRFLAGS_DOWN | WRDP_PTRFLAGS_BUTTON2, 100, 200));
    CHECK(is_mouse(&ev[2], M, WRDP_PTRFLAGS_DOWN | WRDP_PTRFLAGS_BUTTON3, 100, 200));
    CHECK(is_mouse(&ev[3], X, WRDP_PTRXFLAGS_DOWN | WRDP_PTRXFLAGS_BUTTON1, 100, 200));
    CHECK(is_mouse(&ev[4], X, WRDP_PTRXFLAGS_DOWN | WRDP_PTRXFLAGS_BUTTON2, 100, 200));
    CHECK(is_mouse(&ev[5], M, WRDP_PTRFLAGS_BUTTON3, 100, 200));
    CHECK(wrdp_input_button_is_down(in, 1) && !wrdp_input_button_is_down(in, 3));
    wrdp_input_free(in);
}

/* The signed rotation of a wheel event's 9-bit two's complement field. */
static int rotation(const wrdp_fastpath_input_event *e)
{
    int v = e->pointerFlags & WRDP_PTRFLAGS_WHEEL_ROTATION_MASK;
    return (v & WRDP_PTRFLAGS_WHEEL_NEGATIVE) ? v - 0x200 : v;
}

static void test_wheel(void)
{
    wrdp_input *in = wrdp_input_new();
    wrdp_fastpath_input_event ev[64];
    wrdp_input_mouse_move(in, 7, 9);
    wrdp_input_clear_pending(in);
    CHECK_EQ(wrdp_input_wheel(in, 0, false), 0);
    CHECK_EQ(wrdp_input_wheel(in, 120, false), 1);
    CHECK_EQ(wrdp_input_wheel(in, -120, false), 1);
    CHECK_EQ(wrdp_input_wheel(in, 1, true), 1);
    CHECK_EQ(wrdp_input_wheel(in, -1, true), 1);
    CHECK_EQ(take(in, ev, 64), 4);
    /* the spec's encoding: WHEEL | 0x78; WHEEL | WHEEL_NEGATIVE | 0x88 (-120 in 9 bits) */
    CHECK(is_mouse(&ev[0], WRDP_FASTPATH_INPUT_EVENT_MOUSE, 0x0278, 7, 9));
    CHECK(is_mouse(&ev[1], WRDP_FASTPATH_INPUT_EVENT_MOUSE, 0x0388, 7, 9));
    CHECK_EQ(ev[2].pointerFlags, 0x0401);
    CHECK_EQ(ev[3].pointerFlags, 0x05FF);

    static const int32_t deltas[] = {255, 256, -255, -256, 600, -600, 510, -511, 4080, -4080};
    for (size_t d = 0; d < sizeof deltas / sizeof deltas[0]; d++) {
        int32_t delta = deltas[d];
        int32_t mag = delta < 0 ? -delta : delta;
        int n = wrdp_input_wheel(in, delta, d & 1);
        CHECK_EQ(n, (mag + 254) / 255);
        size_t got = take(in, ev, 64);
        int sum = 0;
        bool ok = got == (size_t)n;
        for (size_t i = 0; i < got && i < 64; i++) {
            int r = rotation(&ev[i]);
            ok = ok && r != 0 && r >= -255 && r <= 255 && (r < 0) == (delta < 0);
            ok = ok && (ev[i].pointerFlags & (WRDP_PTRFLAGS_WHEEL | WRDP_PTRFLAGS_HWHEEL)) ==
                           ((d & 1) ? WRDP_PTRFLAGS_HWHEEL : WRDP_PTRFLAGS_WHEEL);
            sum += r;
        }
        CHECK_MSG(ok && sum == delta, "wheel %d: %zu events summing to %d", delta, got, sum);
    }
    /* 600 = 255 + 255 + 90 */
    wrdp_input_wheel(in, 600, false);
    CHECK_EQ(take(in, ev, 64), 3);
    CHECK(rotation(&ev[0]) == 255 && rotation(&ev[1]) == 255 && rotation(&ev[2]) == 90);
    /* beyond WRDP_INPUT_WHEEL_MAX is clamped */
    CHECK_EQ(wrdp_input_wheel(in, 2000000000, false), 16);
    CHECK_EQ(wrdp_input_wheel(in, INT32_MIN, false), 16);
    wrdp_input_free(in);
}

static void test_release_all(void)
{
    wrdp_input *in = wrdp_input_new();
    wrdp_fastpath_input_event ev[32];
    wrdp_input_mouse_move(in, 3, 4);
    /* Ctrl, Alt, Del (E0 53), Pause, a character, left and X2 buttons */
    wrdp_input_key(in, 0x1D, WRDP_INPUT_PREFIX_NONE, true);
    wrdp_input_key(in, 0x38, WRDP_INPUT_PREFIX_NONE, true);
    wrdp_input_key(in, 0x53, WRDP_INPUT_PREFIX_E0, true);
    wrdp_input_key(in, 0x38, WRDP_INPUT_PREFIX_NONE, true); /* a repeat keeps Alt's place */
    wrdp_input_key(in, WRDP_INPUT_SCANCODE_PAUSE, WRDP_INPUT_PREFIX_E1, true);
    wrdp_input_unicode(in, 0x263A, true);
    wrdp_input_mouse_button(in, WRDP_INPUT_BUTTON_X2, true);
    wrdp_input_mouse_button(in, WRDP_INPUT_BUTTON_LEFT, true);
    wrdp_input_clear_pending(in);
    CHECK_EQ(wrdp_input_held_count(in), 7);
    CHECK_EQ(wrdp_input_release_all(in), 8);
    CHECK_EQ(take(in, ev, 32), 8);
    const uint8_t R = WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE;
    CHECK(is_key(&ev[0], 0x1D, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED1 | R) && is_key(&ev[1], 0x45, R));
    CHECK(is_key(&ev[2], 0x53, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED | R));
    CHECK(is_key(&ev[3], 0x38, R) && is_key(&ev[4], 0x1D, R));
    CHECK(ev[5].eventCode == WRDP_FASTPATH_INPUT_EVENT_UNICODE && ev[5].unicodeCode == 0x263A && ev[5].eventFlags == R);
    CHECK(is_mouse(&ev[6], WRDP_FASTPATH_INPUT_EVENT_MOUSE, WRDP_PTRFLAGS_BUTTON1, 3, 4));
    CHECK(is_mouse(&ev[7], WRDP_FASTPATH_INPUT_EVENT_MOUSEX, WRDP_PTRXFLAGS_BUTTON2, 3, 4));
    CHECK_EQ(wrdp_input_held_count(in), 0);
    CHECK(!wrdp_input_key_is_down(in, 0x53, WRDP_INPUT_PREFIX_E0));
    CHECK_EQ(wrdp_input_release_all(in), 0); /* nothing left: nothing to send */
    CHECK_EQ(wrdp_input_key(in, 0x1D, WRDP_INPUT_PREFIX_NONE, false), 0);

    /* every one of the 512 keys held: all come up, last pressed first */
    for (int k = 0; k < 512; k++)
        wrdp_input_key(in, (uint8_t)(k & 0xFF), k >> 8, true);
    wrdp_input_clear_pending(in);
    CHECK_EQ(wrdp_input_held_count(in), 512);
    CHECK_EQ(wrdp_input_release_all(in), 512);
    size_t n;
    const wrdp_fastpath_input_event *p = wrdp_input_pending(in, &n);
    CHECK_EQ(n, 512);
    CHECK(n == 512 && is_key(&p[0], 0xFF, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED | R) && is_key(&p[511], 0x00, R));
    CHECK_EQ(wrdp_input_held_count(in), 0);
    wrdp_input_free(in);
}

static void test_batching(void)
{
    wrdp_input *in = wrdp_input_new();
    wrdp_writer out;
    wrdp_error err;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    static wrdp_fastpath_input_event want[WRDP_INPUT_QUEUE_MAX];
    static const size_t counts[] = {1, 15, 16, 255, 256, 600, WRDP_INPUT_QUEUE_MAX};
    for (size_t t = 0; t < sizeof counts / sizeof counts[0]; t++) {
        size_t count = counts[t];
        /* a mix of every kind of event */
        for (size_t i = 0; i < count; i++) {
            switch (i % 5) {
            case 0: wrdp_input_key(in, (uint8_t)(i & 0x7F), (int)(i & 1), true); break;
            case 1: wrdp_input_mouse_move(in, (int32_t)i, (int32_t)(i * 3)); break;
            case 2: wrdp_input_unicode(in, (uint16_t)(0x3000 + (i & 7)), true); break;
            case 3: wrdp_input_sync_locks(in, (uint8_t)(i & 0xF)); break;
            default: wrdp_input_wheel(in, (int32_t)(i % 200) - 100 == 0 ? 1 : (int32_t)(i % 200) - 100, i & 2); break;
            }
            size_t q;
            wrdp_input_pending(in, &q);
            if (q > i + 1) /* a unicode repeat or zero wheel: keep exact counts */
                break;
        }
        size_t q;
        const wrdp_fastpath_input_event *p = wrdp_input_pending(in, &q);
        CHECK_EQ(q, count);
        memcpy(want, p, q * sizeof *p);
        wrdp_writer_reset(&out);
        int pdus = wrdp_input_encode(in, &out);
        CHECK_EQ(pdus, (count + 254) / 255);
        size_t max_events;
        CHECK_MSG(decode_all(out.data, out.len, want, q, &max_events) == pdus, "%zu events", count);
        CHECK(max_events <= WRDP_FASTPATH_INPUT_EVENTS_MAX);
        wrdp_input_pending(in, &q);
        CHECK_EQ(q, 0);
        wrdp_input_reset(in);
    }
    /* a full queue refuses, and the refused operation changes nothing */
    for (int i = 0; i < WRDP_INPUT_QUEUE_MAX; i++)
        wrdp_input_sync_locks(in, 0);
    CHECK_EQ(wrdp_input_key(in, 0x2A, WRDP_INPUT_PREFIX_NONE, true), WRDP_ERR);
    CHECK_EQ(wrdp_input_error(in)->kind, WRDP_ERROR_LIMIT);
    CHECK(!wrdp_input_key_is_down(in, 0x2A, WRDP_INPUT_PREFIX_NONE));
    CHECK_EQ(wrdp_input_mouse_move(in, 50, 50), WRDP_ERR);
    uint16_t x, y;
    wrdp_input_position(in, &x, &y);
    CHECK(x != 50 || y != 50);
    CHECK_EQ(wrdp_input_sync_locks(in, 0x10), WRDP_ERR);
    wrdp_input_reset(in);
    size_t q;
    wrdp_input_pending(in, &q);
    CHECK_EQ(q, 0);
    wrdp_writer_free(&out);
    wrdp_input_free(in);
}

/* ---- on a session ----------------------------------------------------------- */

static wrdp_connector *connect_recording(test_rec *r, const char *file, uint32_t security)
{
    test_rec_load(r, file);
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    cfg.username = "test";
    cfg.password = "x";
    cfg.client_name = "webrdp";
    cfg.security_protocols = security;
    size_t i = 0;
    const test_rec_line *ft = test_rec_next(r, &i, "filetime");
    cfg.filetime_now = ft ? strtoull(ft->text, NULL, 10) : 0;
    cfg.random = test_rec_random;
    cfg.random_ctx = r;
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
            const test_rec_line *cert = test_rec_next(r, &i_cert, "cert");
            if (!cert || wrdp_connector_security_upgrade_done(c, cert->data, cert->len))
                break;
        } else if (wrdp_connector_wants_input(c)) {
            const test_rec_line *f = test_rec_next(r, &i_recv, "recv");
            if (!f || wrdp_connector_step(c, f->data, f->len, &out))
                break;
        } else if (wrdp_connector_step(c, NULL, 0, &out)) {
            break;
        }
    }
    wrdp_writer_free(&out);
    return c;
}

static void test_session_plain(void)
{
    test_rec r;
    wrdp_connector *c = connect_recording(&r, "freerdp-shadow-tls.rec", WRDP_SECURITY_TLS);
    test_rec_free(&r);
    CHECK(c && wrdp_connector_is_connected(c));
    wrdp_error err;
    wrdp_session *s = wrdp_session_new(c, NULL, &err);
    CHECK(s != NULL);
    if (!s)
        return;
    wrdp_input *in = wrdp_input_new();
    for (int i = 0; i < 300; i++)
        wrdp_input_mouse_move(in, i, i);
    wrdp_input_key(in, 0x1D, WRDP_INPUT_PREFIX_E0, true);
    size_t n;
    const wrdp_fastpath_input_event *p = wrdp_input_pending(in, &n);
    wrdp_writer a, b;
    wrdp_writer_init(&a, WRDP_WRITER_DEFAULT_LIMIT, &err);
    wrdp_writer_init(&b, WRDP_WRITER_DEFAULT_LIMIT, &err);
    CHECK(wrdp_session_send_input(s, p, n, &a) == WRDP_OK);
    CHECK_EQ(wrdp_input_encode(in, &b), 2);
    CHECK(a.len == b.len && a.len > 0 && !memcmp(a.data, b.data, a.len)); /* TLS: plain PDUs */
    /* once the session has ended, input is refused */
    wrdp_writer_reset(&a);
    wrdp_session_peer_closed(s);
    wrdp_input_key(in, 0x1D, WRDP_INPUT_PREFIX_E0, false);
    p = wrdp_input_pending(in, &n);
    CHECK(wrdp_session_send_input(s, p, n, &a) == WRDP_ERR && a.len == 0);
    CHECK_EQ(wrdp_session_error(s)->kind, WRDP_ERROR_STATE);
    wrdp_writer_free(&a);
    wrdp_writer_free(&b);
    wrdp_input_free(in);
    wrdp_session_free(s);
}

/* The server's side of Standard RDP Security: the client's state, directions swapped. */
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

static void test_session_encrypted(void)
{
    /* xrdp with Standard RDP Security: 128-bit RC4 with MACs */
    test_rec r;
    wrdp_connector *c = connect_recording(&r, "xrdp-rdp.rec", WRDP_SECURITY_RDP);
    test_rec_free(&r);
    CHECK(c && wrdp_connector_is_connected(c));
    wrdp_rdp_security *cs = c ? wrdp_connector_rdp_security(c) : NULL;
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
    wrdp_input *in = wrdp_input_new();
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    /* 3 events (count in the header), then 20 (count byte inside the encryption), then 300 (two PDUs) */
    static const size_t counts[] = {3, 20, 300};
    static wrdp_fastpath_input_event want[300];
    for (size_t t = 0; t < 3; t++) {
        for (size_t i = 0; i < counts[t]; i++)
            wrdp_input_mouse_move(in, (int32_t)(t * 1000 + i + 1), 5);
        size_t n;
        const wrdp_fastpath_input_event *p = wrdp_input_pending(in, &n);
        memcpy(want, p, n * sizeof *p);
        wrdp_writer_reset(&out);
        CHECK_MSG(wrdp_session_send_input(s, p, n, &out) == WRDP_OK, "%s", wrdp_session_error(s)->message);
        wrdp_input_clear_pending(in);
        size_t pos = 0, seen = 0;
        bool ok = true;
        while (ok && pos < out.len) {
            size_t flen = 0;
            ok = wrdp_pdu_hint(out.data + pos, out.len - pos, &flen, &err) == 1 && flen <= out.len - pos;
            wrdp_cursor cur;
            wrdp_cursor_init(&cur, out.data + pos, flen, "input", &err);
            ok = ok && wrdp_fastpath_input_pdu_decode(&cur, &g_pdu) == WRDP_OK;
            ok = ok && g_pdu.flags == WRDP_FASTPATH_INPUT_ENCRYPTED;
            uint8_t plain[2048];
            size_t len = g_pdu.encryptedData.len;
            ok = ok && len <= sizeof plain;
            if (ok) {
                memcpy(plain, g_pdu.encryptedData.data, len);
                ok = wrdp_rdp_security_decrypt(&srv, plain, &len, false, g_pdu.dataSignature, 0, &err) == WRDP_OK;
            }
            wrdp_cursor pc;
            wrdp_cursor_init(&pc, plain, ok ? len : 0, "events", &err);
            unsigned count = g_pdu.numEvents ? g_pdu.numEvents : wrdp_rd_u8(&pc, "numEvents");
            ok = ok && count <= 255 && (g_pdu.numEvents == 0) == (count > 15);
            for (unsigned i = 0; ok && i < count; i++, seen++) {
                wrdp_fastpath_input_event e;
                ok = wrdp_fastpath_input_event_decode(&pc, &e) == WRDP_OK && seen < n &&
                     is_mouse(&e, WRDP_FASTPATH_INPUT_EVENT_MOUSE, WRDP_PTRFLAGS_MOVE, want[seen].xPos, 5);
            }
            ok = ok && wrdp_cursor_remaining(&pc) == 0;
            pos += flen;
        }
        CHECK_MSG(ok && seen == counts[t], "%zu encrypted events: %zu decrypted (%s)", counts[t], seen, err.message);
    }
    wrdp_writer_free(&out);
    wrdp_input_free(in);
    wrdp_session_free(s);
}

int main(void)
{
    test_keys();
    test_mouse();
    test_wheel();
    test_release_all();
    test_batching();
    test_session_plain();
    test_session_encrypted();
    return test_finish("input");
}
