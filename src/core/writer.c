#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "webrdp/utils.h"

void wrdp_writer_init(wrdp_writer *w, size_t limit, wrdp_error *err)
{
    memset(w, 0, sizeof *w);
    w->limit = limit ? limit : WRDP_WRITER_DEFAULT_LIMIT;
    w->owned = 1;
    w->err = err;
}

void wrdp_writer_init_fixed(wrdp_writer *w, void *buf, size_t cap, wrdp_error *err)
{
    memset(w, 0, sizeof *w);
    w->data = buf;
    w->cap = buf ? cap : 0;
    w->limit = w->cap;
    w->err = err;
}

void wrdp_writer_free(wrdp_writer *w)
{
    if (w->owned)
        wrdp_free(w->data);
    w->data = NULL;
    w->len = w->cap = 0;
}

void wrdp_writer_reset(wrdp_writer *w)
{
    w->len = 0;
    w->failed = 0;
}

int wrdp_writer_fail(wrdp_writer *w, const char *fmt, ...)
{
    if (!w->failed && w->err) {
        char detail[200];
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(detail, sizeof detail, fmt, ap);
        va_end(ap);
        wrdp_error_set(w->err, WRDP_ERROR_ENCODE, "%s", detail);
    }
    w->failed = 1;
    return WRDP_ERR;
}

uint8_t *wrdp_wr_reserve(wrdp_writer *w, size_t n)
{
    if (w->failed)
        return NULL;
    if (n > w->limit - w->len) {
        if (w->err)
            wrdp_error_set(w->err, WRDP_ERROR_LIMIT, "output exceeds %zu bytes", w->limit);
        w->failed = 1;
        return NULL;
    }
    if (w->len + n > w->cap) {
        if (!w->owned) { /* fixed buffer: limit == cap, unreachable */
            w->failed = 1;
            return NULL;
        }
        size_t ncap = w->cap ? w->cap : 256;
        while (ncap < w->len + n)
            ncap = ncap > w->limit / 2 ? w->limit : ncap * 2;
        uint8_t *nd = wrdp_realloc(w->data, ncap);
        if (!nd) {
            if (w->err)
                wrdp_error_set(w->err, WRDP_ERROR_OUT_OF_MEMORY, "cannot grow output to %zu bytes", ncap);
            w->failed = 1;
            return NULL;
        }
        w->data = nd;
        w->cap = ncap;
    }
    uint8_t *p = w->data + w->len;
    w->len += n;
    return p;
}

void wrdp_wr_u8(wrdp_writer *w, uint8_t v)
{
    uint8_t *p = wrdp_wr_reserve(w, 1);
    if (p)
        p[0] = v;
}

void wrdp_wr_u16le(wrdp_writer *w, uint16_t v)
{
    uint8_t *p = wrdp_wr_reserve(w, 2);
    if (p) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
    }
}

void wrdp_wr_u16be(wrdp_writer *w, uint16_t v)
{
    uint8_t *p = wrdp_wr_reserve(w, 2);
    if (p) {
        p[0] = (uint8_t)(v >> 8);
        p[1] = (uint8_t)v;
    }
}

void wrdp_wr_u32le(wrdp_writer *w, uint32_t v)
{
    uint8_t *p = wrdp_wr_reserve(w, 4);
    if (p) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
        p[2] = (uint8_t)(v >> 16);
        p[3] = (uint8_t)(v >> 24);
    }
}

void wrdp_wr_u32be(wrdp_writer *w, uint32_t v)
{
    uint8_t *p = wrdp_wr_reserve(w, 4);
    if (p) {
        p[0] = (uint8_t)(v >> 24);
        p[1] = (uint8_t)(v >> 16);
        p[2] = (uint8_t)(v >> 8);
        p[3] = (uint8_t)v;
    }
}

void wrdp_wr_u64le(wrdp_writer *w, uint64_t v)
{
    wrdp_wr_u32le(w, (uint32_t)v);
    wrdp_wr_u32le(w, (uint32_t)(v >> 32));
}

void wrdp_wr_bytes(wrdp_writer *w, const void *src, size_t n)
{
    if (n == 0)
        return;
    uint8_t *p = wrdp_wr_reserve(w, n);
    if (p)
        memcpy(p, src, n);
}

void wrdp_wr_fill(wrdp_writer *w, uint8_t byte, size_t n)
{
    if (n == 0)
        return;
    uint8_t *p = wrdp_wr_reserve(w, n);
    if (p)
        memset(p, byte, n);
}

static uint8_t *at(wrdp_writer *w, size_t pos, size_t n)
{
    if (w->failed || pos > w->len || n > w->len - pos) {
        if (!w->failed)
            wrdp_writer_fail(w, "internal: patch at %zu outside the %zu bytes written", pos, w->len);
        return NULL;
    }
    return w->data + pos;
}

void wrdp_wr_put_u8_at(wrdp_writer *w, size_t pos, uint8_t v)
{
    uint8_t *p = at(w, pos, 1);
    if (p)
        p[0] = v;
}

void wrdp_wr_put_u16le_at(wrdp_writer *w, size_t pos, uint16_t v)
{
    uint8_t *p = at(w, pos, 2);
    if (p) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
    }
}

void wrdp_wr_put_u16be_at(wrdp_writer *w, size_t pos, uint16_t v)
{
    uint8_t *p = at(w, pos, 2);
    if (p) {
        p[0] = (uint8_t)(v >> 8);
        p[1] = (uint8_t)v;
    }
}

void wrdp_wr_put_u32le_at(wrdp_writer *w, size_t pos, uint32_t v)
{
    uint8_t *p = at(w, pos, 4);
    if (p) {
        p[0] = (uint8_t)v;
        p[1] = (uint8_t)(v >> 8);
        p[2] = (uint8_t)(v >> 16);
        p[3] = (uint8_t)(v >> 24);
    }
}

uint8_t *wrdp_wr_insert(wrdp_writer *w, size_t pos, size_t n)
{
    if (w->failed)
        return NULL;
    if (pos > w->len)
        return at(w, pos, 0);
    size_t tail = w->len - pos;
    if (!wrdp_wr_reserve(w, n))
        return NULL;
    memmove(w->data + pos + n, w->data + pos, tail);
    return w->data + pos;
}
