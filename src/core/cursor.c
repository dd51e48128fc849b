#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "webrdp/utils.h"

/* An empty input points here, so that views of zero bytes never do arithmetic on NULL. */
static const uint8_t no_bytes[1];

void wrdp_cursor_init(wrdp_cursor *c, const void *data, size_t len, const char *pdu, wrdp_error *err)
{
    c->data = data ? data : no_bytes;
    c->len = data ? len : 0;
    c->pos = 0;
    c->base = 0;
    c->pdu = pdu ? pdu : "input";
    c->err = err;
    c->parent = NULL;
    c->failed = 0;
}

static void mark_failed(wrdp_cursor *c)
{
    for (; c; c = c->parent)
        c->failed = 1;
}

int wrdp_cursor_fail(wrdp_cursor *c, const char *field, const char *fmt, ...)
{
    int first = 1;
    for (wrdp_cursor *p = c; p; p = p->parent)
        if (p->failed)
            first = 0;
    mark_failed(c);
    if (!first || !c->err)
        return WRDP_ERR;
    char detail[160];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, sizeof detail, fmt, ap);
    va_end(ap);
    size_t at = c->base + c->pos;
    wrdp_error_set(c->err, WRDP_ERROR_DECODE, "%s: %s: %s (at byte %zu)", c->pdu, field ? field : "data",
                   detail, at);
    c->err->offset = at;
    return WRDP_ERR;
}

int wrdp_cursor_need(wrdp_cursor *c, size_t n, const char *field)
{
    if (c->failed)
        return WRDP_ERR;
    if (n > c->len - c->pos)
        return wrdp_cursor_fail(c, field, "needs %zu bytes, %zu left", n, c->len - c->pos);
    return WRDP_OK;
}

int wrdp_cursor_expect_end(wrdp_cursor *c)
{
    if (c->failed)
        return WRDP_ERR;
    if (c->pos != c->len)
        return wrdp_cursor_fail(c, "end", "%zu unexpected trailing bytes", c->len - c->pos);
    return WRDP_OK;
}

int wrdp_cursor_sub(wrdp_cursor *c, size_t n, wrdp_cursor *sub, const char *field)
{
    if (wrdp_cursor_need(c, n, field)) {
        wrdp_cursor_init(sub, NULL, 0, c->pdu, c->err);
        sub->parent = c;
        sub->failed = 1;
        return WRDP_ERR;
    }
    wrdp_cursor_init(sub, c->data + c->pos, n, c->pdu, c->err);
    sub->base = c->base + c->pos;
    sub->parent = c;
    c->pos += n;
    return WRDP_OK;
}

const uint8_t *wrdp_cursor_peek(wrdp_cursor *c, size_t n, const char *field)
{
    if (wrdp_cursor_need(c, n, field))
        return NULL;
    return c->data + c->pos;
}

uint8_t wrdp_rd_u8(wrdp_cursor *c, const char *field)
{
    if (wrdp_cursor_need(c, 1, field))
        return 0;
    return c->data[c->pos++];
}

uint16_t wrdp_rd_u16le(wrdp_cursor *c, const char *field)
{
    if (wrdp_cursor_need(c, 2, field))
        return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 2;
    return (uint16_t)(p[0] | (p[1] << 8));
}

uint16_t wrdp_rd_u16be(wrdp_cursor *c, const char *field)
{
    if (wrdp_cursor_need(c, 2, field))
        return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 2;
    return (uint16_t)((p[0] << 8) | p[1]);
}

uint32_t wrdp_rd_u32le(wrdp_cursor *c, const char *field)
{
    if (wrdp_cursor_need(c, 4, field))
        return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 4;
    return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

uint32_t wrdp_rd_u32be(wrdp_cursor *c, const char *field)
{
    if (wrdp_cursor_need(c, 4, field))
        return 0;
    const uint8_t *p = c->data + c->pos;
    c->pos += 4;
    return ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | (uint32_t)p[3];
}

uint64_t wrdp_rd_u64le(wrdp_cursor *c, const char *field)
{
    if (wrdp_cursor_need(c, 8, field))
        return 0;
    uint64_t lo = wrdp_rd_u32le(c, field);
    uint64_t hi = wrdp_rd_u32le(c, field);
    return lo | (hi << 32);
}

int wrdp_rd_bytes(wrdp_cursor *c, size_t n, wrdp_bytes *out, const char *field)
{
    if (wrdp_cursor_need(c, n, field)) {
        out->data = NULL;
        out->len = 0;
        return WRDP_ERR;
    }
    out->data = c->data + c->pos;
    out->len = n;
    c->pos += n;
    return WRDP_OK;
}

int wrdp_rd_copy(wrdp_cursor *c, void *dst, size_t n, const char *field)
{
    if (wrdp_cursor_need(c, n, field)) {
        if (n)
            memset(dst, 0, n);
        return WRDP_ERR;
    }
    if (n)
        memcpy(dst, c->data + c->pos, n);
    c->pos += n;
    return WRDP_OK;
}

int wrdp_rd_skip(wrdp_cursor *c, size_t n, const char *field)
{
    if (wrdp_cursor_need(c, n, field))
        return WRDP_ERR;
    c->pos += n;
    return WRDP_OK;
}

wrdp_bytes wrdp_rd_rest(wrdp_cursor *c)
{
    wrdp_bytes b = {NULL, 0};
    if (!c->failed) {
        b.data = c->data + c->pos;
        b.len = c->len - c->pos;
        c->pos = c->len;
    }
    return b;
}
