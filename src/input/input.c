/* The input database (include/webrdp/input.h): held keys, buttons and the
 * pointer position, and the queue of fast-path input events they produce. */
#include <string.h>

#include "webrdp/input.h"

/* Key slots: scancode for no prefix, 256 + scancode for E0, and one for Pause. */
#define KEY_SLOTS 512
#define PAUSE_SLOT KEY_SLOTS
#define BUTTONS 5

struct wrdp_input {
    wrdp_error err;
    bool key_down[KEY_SLOTS + 1];
    uint16_t order[KEY_SLOTS + 1]; /* held key slots, oldest press first */
    size_t held_keys;
    uint16_t unicode[WRDP_INPUT_UNICODE_HELD_MAX]; /* held code units, oldest first */
    size_t held_unicode;
    bool button_down[BUTTONS];
    uint16_t x, y;
    wrdp_fastpath_input_event queue[WRDP_INPUT_QUEUE_MAX];
    size_t queued;
};

wrdp_input *wrdp_input_new(void)
{
    wrdp_input *in = wrdp_calloc(1, sizeof *in);
    if (in)
        wrdp_input_reset(in);
    return in;
}

void wrdp_input_free(wrdp_input *in) { wrdp_free(in); }

void wrdp_input_reset(wrdp_input *in)
{
    memset(in, 0, sizeof *in);
    wrdp_error_clear(&in->err);
}

const wrdp_error *wrdp_input_error(const wrdp_input *in) { return &in->err; }

/* Operations check for room first so that a failing one changes nothing. */
static int room(wrdp_input *in, size_t n)
{
    if (WRDP_INPUT_QUEUE_MAX - in->queued < n)
        return wrdp_error_set(&in->err, WRDP_ERROR_LIMIT,
                              "input queue full (%d events): encode or send the pending events first",
                              WRDP_INPUT_QUEUE_MAX);
    return WRDP_OK;
}

static wrdp_fastpath_input_event *push(wrdp_input *in, uint8_t code)
{
    wrdp_fastpath_input_event *ev = &in->queue[in->queued++];
    memset(ev, 0, sizeof *ev);
    ev->eventCode = code;
    return ev;
}

static void push_scancode(wrdp_input *in, uint8_t scancode, uint8_t flags)
{
    wrdp_fastpath_input_event *ev = push(in, WRDP_FASTPATH_INPUT_EVENT_SCANCODE);
    ev->eventFlags = flags;
    ev->keyCode = scancode;
}

/* The events of one key slot going down or up. */
static int push_key(wrdp_input *in, unsigned slot, bool down)
{
    uint8_t release = down ? 0 : WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE;
    if (slot == PAUSE_SLOT) {
        push_scancode(in, WRDP_INPUT_SCANCODE_PAUSE, WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED1 | release);
        push_scancode(in, 0x45, release);
        return 2;
    }
    push_scancode(in, (uint8_t)(slot & 0xFF), (uint8_t)((slot >= 256 ? WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED : 0) | release));
    return 1;
}

static int key_slot(wrdp_input *in, uint8_t scancode, int prefix, unsigned *slot)
{
    switch (prefix) {
    case WRDP_INPUT_PREFIX_NONE:
        *slot = scancode;
        return WRDP_OK;
    case WRDP_INPUT_PREFIX_E0:
        *slot = 256u + scancode;
        return WRDP_OK;
    case WRDP_INPUT_PREFIX_E1:
        if (scancode == WRDP_INPUT_SCANCODE_PAUSE) {
            *slot = PAUSE_SLOT;
            return WRDP_OK;
        }
        return wrdp_error_set(&in->err, WRDP_ERROR_INVALID_ARGUMENT,
                              "the E1 prefix is for Pause (scancode 0x1D) only, not 0x%02X", scancode);
    default:
        return wrdp_error_set(&in->err, WRDP_ERROR_INVALID_ARGUMENT, "key prefix %d is not 0 (none), 1 (E0) or 2 (E1)",
                              prefix);
    }
}

int wrdp_input_key(wrdp_input *in, uint8_t scancode, int prefix, bool down)
{
    unsigned slot;
    if (key_slot(in, scancode, prefix, &slot) || room(in, slot == PAUSE_SLOT ? 2 : 1))
        return WRDP_ERR;
    if (!down) {
        if (!in->key_down[slot])
            return 0;
        in->key_down[slot] = false;
        for (size_t i = 0; i < in->held_keys; i++)
            if (in->order[i] == slot) {
                memmove(&in->order[i], &in->order[i + 1], (in->held_keys - i - 1) * sizeof in->order[0]);
                in->held_keys--;
                break;
            }
        return push_key(in, slot, false);
    }
    if (!in->key_down[slot]) { /* a repeat keeps its place in the order of presses */
        in->key_down[slot] = true;
        in->order[in->held_keys++] = (uint16_t)slot;
    }
    return push_key(in, slot, true);
}

static void push_unicode(wrdp_input *in, uint16_t unit, bool down)
{
    wrdp_fastpath_input_event *ev = push(in, WRDP_FASTPATH_INPUT_EVENT_UNICODE);
    ev->eventFlags = down ? 0 : WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE;
    ev->unicodeCode = unit;
}

int wrdp_input_unicode(wrdp_input *in, uint16_t code_unit, bool down)
{
    if (room(in, 1))
        return WRDP_ERR;
    size_t i = 0;
    while (i < in->held_unicode && in->unicode[i] != code_unit)
        i++;
    bool held = i < in->held_unicode;
    if (!down) {
        if (!held)
            return 0;
        memmove(&in->unicode[i], &in->unicode[i + 1], (in->held_unicode - i - 1) * sizeof in->unicode[0]);
        in->held_unicode--;
    } else if (!held) {
        if (in->held_unicode == WRDP_INPUT_UNICODE_HELD_MAX)
            return wrdp_error_set(&in->err, WRDP_ERROR_LIMIT, "more than %d characters held down at once",
                                  WRDP_INPUT_UNICODE_HELD_MAX);
        in->unicode[in->held_unicode++] = code_unit;
    }
    push_unicode(in, code_unit, down);
    return 1;
}

static uint16_t clamp16(int32_t v) { return v < 0 ? 0 : v > 0xFFFF ? 0xFFFF : (uint16_t)v; }

static void push_mouse(wrdp_input *in, uint8_t code, uint16_t flags)
{
    wrdp_fastpath_input_event *ev = push(in, code);
    ev->pointerFlags = flags;
    ev->xPos = in->x;
    ev->yPos = in->y;
}

int wrdp_input_mouse_move(wrdp_input *in, int32_t x, int32_t y)
{
    uint16_t nx = clamp16(x), ny = clamp16(y);
    if (room(in, 1))
        return WRDP_ERR;
    if (nx == in->x && ny == in->y)
        return 0;
    in->x = nx;
    in->y = ny;
    push_mouse(in, WRDP_FASTPATH_INPUT_EVENT_MOUSE, WRDP_PTRFLAGS_MOVE);
    return 1;
}

static void push_button(wrdp_input *in, int button, bool down)
{
    static const uint16_t flags[BUTTONS] = {WRDP_PTRFLAGS_BUTTON1, WRDP_PTRFLAGS_BUTTON2, WRDP_PTRFLAGS_BUTTON3,
                                            WRDP_PTRXFLAGS_BUTTON1, WRDP_PTRXFLAGS_BUTTON2};
    bool extended = button >= WRDP_INPUT_BUTTON_X1;
    uint16_t f = flags[button - 1];
    if (down)
        f |= extended ? WRDP_PTRXFLAGS_DOWN : WRDP_PTRFLAGS_DOWN;
    push_mouse(in, extended ? WRDP_FASTPATH_INPUT_EVENT_MOUSEX : WRDP_FASTPATH_INPUT_EVENT_MOUSE, f);
}

int wrdp_input_mouse_button(wrdp_input *in, int button, bool down)
{
    if (button < WRDP_INPUT_BUTTON_LEFT || button > WRDP_INPUT_BUTTON_X2)
        return wrdp_error_set(&in->err, WRDP_ERROR_INVALID_ARGUMENT, "mouse button %d is not 1..5", button);
    if (room(in, 1))
        return WRDP_ERR;
    if (in->button_down[button - 1] == down)
        return 0;
    in->button_down[button - 1] = down;
    push_button(in, button, down);
    return 1;
}

int wrdp_input_wheel(wrdp_input *in, int32_t delta, bool horizontal)
{
    int32_t left = delta > WRDP_INPUT_WHEEL_MAX ? WRDP_INPUT_WHEEL_MAX
                   : delta < -WRDP_INPUT_WHEEL_MAX ? -WRDP_INPUT_WHEEL_MAX : delta;
    int32_t mag = left < 0 ? -left : left;
    size_t n = (size_t)((mag + WRDP_INPUT_WHEEL_STEP - 1) / WRDP_INPUT_WHEEL_STEP);
    if (room(in, n))
        return WRDP_ERR;
    uint16_t axis = horizontal ? WRDP_PTRFLAGS_HWHEEL : WRDP_PTRFLAGS_WHEEL;
    while (left != 0) {
        int32_t step = left > WRDP_INPUT_WHEEL_STEP ? WRDP_INPUT_WHEEL_STEP
                       : left < -WRDP_INPUT_WHEEL_STEP ? -WRDP_INPUT_WHEEL_STEP : left;
        /* the rotation is 9-bit two's complement: bit 8 is WHEEL_NEGATIVE */
        uint16_t rotation = (uint16_t)((uint32_t)step & WRDP_PTRFLAGS_WHEEL_ROTATION_MASK);
        push_mouse(in, WRDP_FASTPATH_INPUT_EVENT_MOUSE, (uint16_t)(axis | rotation));
        left -= step;
    }
    return (int)n;
}

int wrdp_input_sync_locks(wrdp_input *in, uint8_t lock_flags)
{
    if (lock_flags & ~0x0Fu)
        return wrdp_error_set(&in->err, WRDP_ERROR_INVALID_ARGUMENT, "lock flags 0x%02X: only 0x0F are defined",
                              lock_flags);
    if (room(in, 1))
        return WRDP_ERR;
    push(in, WRDP_FASTPATH_INPUT_EVENT_SYNC)->eventFlags = lock_flags;
    return 1;
}

int wrdp_input_release_all(wrdp_input *in)
{
    size_t n = in->held_unicode;
    for (size_t i = 0; i < in->held_keys; i++)
        n += in->order[i] == PAUSE_SLOT ? 2 : 1;
    for (int b = 0; b < BUTTONS; b++)
        n += in->button_down[b];
    if (room(in, n))
        return WRDP_ERR;
    while (in->held_keys) {
        unsigned slot = in->order[--in->held_keys];
        in->key_down[slot] = false;
        push_key(in, slot, false);
    }
    for (size_t i = 0; i < in->held_unicode; i++)
        push_unicode(in, in->unicode[i], false);
    in->held_unicode = 0;
    for (int b = 0; b < BUTTONS; b++)
        if (in->button_down[b]) {
            in->button_down[b] = false;
            push_button(in, b + 1, false);
        }
    return (int)n;
}

bool wrdp_input_key_is_down(const wrdp_input *in, uint8_t scancode, int prefix)
{
    if (prefix == WRDP_INPUT_PREFIX_E1)
        return scancode == WRDP_INPUT_SCANCODE_PAUSE && in->key_down[PAUSE_SLOT];
    if (prefix != WRDP_INPUT_PREFIX_NONE && prefix != WRDP_INPUT_PREFIX_E0)
        return false;
    return in->key_down[(prefix == WRDP_INPUT_PREFIX_E0 ? 256u : 0u) + scancode];
}

bool wrdp_input_button_is_down(const wrdp_input *in, int button)
{
    return button >= WRDP_INPUT_BUTTON_LEFT && button <= WRDP_INPUT_BUTTON_X2 && in->button_down[button - 1];
}

size_t wrdp_input_held_count(const wrdp_input *in)
{
    size_t n = in->held_keys + in->held_unicode;
    for (int b = 0; b < BUTTONS; b++)
        n += in->button_down[b];
    return n;
}

void wrdp_input_position(const wrdp_input *in, uint16_t *x, uint16_t *y)
{
    *x = in->x;
    *y = in->y;
}

const wrdp_fastpath_input_event *wrdp_input_pending(const wrdp_input *in, size_t *count)
{
    *count = in->queued;
    return in->queue;
}

void wrdp_input_clear_pending(wrdp_input *in) { in->queued = 0; }

int wrdp_input_encode_events(const wrdp_fastpath_input_event *events, size_t count, wrdp_writer *out, wrdp_error *err)
{
    /* the PDU struct holds 255 events (about 6 KiB): on the heap, not the wasm stack */
    wrdp_fastpath_input_pdu *pdu = wrdp_alloc(sizeof *pdu);
    if (!pdu)
        return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "no memory for a fast-path input PDU");
    int pdus = 0;
    for (size_t i = 0; i < count; i += WRDP_FASTPATH_INPUT_EVENTS_MAX) {
        size_t n = count - i < WRDP_FASTPATH_INPUT_EVENTS_MAX ? count - i : WRDP_FASTPATH_INPUT_EVENTS_MAX;
        memset(pdu, 0, sizeof *pdu);
        pdu->action = WRDP_FASTPATH_INPUT_ACTION_FASTPATH;
        pdu->numEvents = (uint8_t)n;
        memcpy(pdu->fpInputEvents, events + i, n * sizeof *events);
        if (wrdp_fastpath_input_pdu_encode(pdu, out)) {
            if (err && out->err && out->err != err)
                *err = *out->err;
            else if (err && !out->err)
                wrdp_error_set(err, WRDP_ERROR_ENCODE, "cannot encode a fast-path input PDU");
            wrdp_free(pdu);
            return WRDP_ERR;
        }
        pdus++;
    }
    wrdp_free(pdu);
    return pdus;
}

int wrdp_input_encode(wrdp_input *in, wrdp_writer *out)
{
    int n = wrdp_input_encode_events(in->queue, in->queued, out, &in->err);
    if (n >= 0)
        in->queued = 0;
    return n;
}
