/* The input database under random operation sequences: every encoded PDU
 * decodes with the fast-path decoder into the events that were queued, no PDU
 * holds more than 255 events, a release of everything leaves nothing held, and
 * a key or button is never released twice nor pressed twice without a release
 * (for buttons). Any broken invariant traps. */
#include <stdint.h>
#include <string.h>

#include "webrdp/input.h"
#include "webrdp/pdu.h"

static wrdp_fastpath_input_pdu g_pdu;
static wrdp_fastpath_input_event g_want[WRDP_INPUT_QUEUE_MAX];

#define MUST(cond)                \
    do {                          \
        if (!(cond))              \
            __builtin_trap();     \
    } while (0)

/* Encodes the queue and decodes it back. */
static void flush(wrdp_input *in, wrdp_writer *out)
{
    size_t n;
    const wrdp_fastpath_input_event *p = wrdp_input_pending(in, &n);
    memcpy(g_want, p, n * sizeof *p);
    wrdp_writer_reset(out);
    int pdus = wrdp_input_encode(in, out);
    MUST(pdus == (int)((n + WRDP_FASTPATH_INPUT_EVENTS_MAX - 1) / WRDP_FASTPATH_INPUT_EVENTS_MAX));
    size_t pos = 0, seen = 0;
    for (int i = 0; i < pdus; i++) {
        wrdp_error err;
        size_t flen = 0;
        MUST(wrdp_pdu_hint(out->data + pos, out->len - pos, &flen, &err) == 1 && flen <= out->len - pos);
        wrdp_cursor c;
        wrdp_cursor_init(&c, out->data + pos, flen, "input", &err);
        MUST(wrdp_fastpath_input_pdu_decode(&c, &g_pdu) == WRDP_OK);
        MUST(g_pdu.numEvents >= 1 && g_pdu.numEvents <= WRDP_FASTPATH_INPUT_EVENTS_MAX);
        for (unsigned k = 0; k < g_pdu.numEvents; k++, seen++) {
            const wrdp_fastpath_input_event *a = &g_pdu.fpInputEvents[k], *b = &g_want[seen];
            MUST(seen < n && a->eventCode == b->eventCode && a->eventFlags == b->eventFlags && a->keyCode == b->keyCode &&
                 a->unicodeCode == b->unicodeCode && a->pointerFlags == b->pointerFlags && a->xPos == b->xPos &&
                 a->yPos == b->yPos);
        }
        pos += flen;
    }
    MUST(seen == n && pos == out->len);
    wrdp_input_pending(in, &n);
    MUST(n == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_input *in = wrdp_input_new();
    if (!in)
        return 0;
    wrdp_error err;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    size_t i = 0;
    while (i + 4 <= size) {
        uint8_t op = data[i], a = data[i + 1], b = data[i + 2], d = data[i + 3];
        i += 4;
        int r = 0;
        switch (op % 10) {
        case 0: {
            int prefix = b % 3;
            bool was = wrdp_input_key_is_down(in, a, prefix);
            r = wrdp_input_key(in, a, prefix, d & 1);
            if (r >= 0 && !(d & 1))
                MUST(r == (was ? (prefix == 2 ? 2 : 1) : 0));
            if (r >= 0)
                MUST(wrdp_input_key_is_down(in, a, prefix) == (d & 1));
            break;
        }
        case 1: r = wrdp_input_unicode(in, (uint16_t)(a | b << 8), d & 1); break;
        case 2: r = wrdp_input_mouse_move(in, (int32_t)(int16_t)(a | b << 8) * 3, (int32_t)d * 300 - 1000); break;
        case 3: {
            int button = a % 7; /* 0 and 6 are invalid */
            bool was = wrdp_input_button_is_down(in, button);
            r = wrdp_input_mouse_button(in, button, d & 1);
            if (r >= 0)
                MUST(r == (was != (bool)(d & 1)));
            break;
        }
        case 4: r = wrdp_input_wheel(in, (int32_t)(int16_t)(a | b << 8) * (d % 4 + 1), d & 0x80); break;
        case 5: r = wrdp_input_sync_locks(in, b); break;
        case 6:
            r = wrdp_input_release_all(in);
            MUST(r >= 0 ? wrdp_input_held_count(in) == 0 : true);
            break;
        case 7: flush(in, &out); break;
        case 8: /* many operations at once, to reach the queue's limit and the PDU split */
            for (int k = 0; k < a * 4; k++)
                wrdp_input_mouse_move(in, k, b);
            break;
        default: wrdp_input_clear_pending(in); break;
        }
        if (r < 0)
            MUST(wrdp_input_error(in)->kind == WRDP_ERROR_INVALID_ARGUMENT ||
                 wrdp_input_error(in)->kind == WRDP_ERROR_LIMIT);
    }
    /* the end: flush, release everything, nothing is left held, and it all decodes */
    flush(in, &out);
    MUST(wrdp_input_release_all(in) >= 0);
    MUST(wrdp_input_held_count(in) == 0);
    for (int k = 0; k < 256; k++)
        MUST(!wrdp_input_key_is_down(in, (uint8_t)k, 0) && !wrdp_input_key_is_down(in, (uint8_t)k, 1));
    for (int btn = 1; btn <= 5; btn++)
        MUST(!wrdp_input_button_is_down(in, btn));
    flush(in, &out);
    wrdp_writer_free(&out);
    wrdp_input_free(in);
    return 0;
}
