#include <string.h>

#include "core/asn1.h"

/* ---- BER / DER ---------------------------------------------------------- */

int wrdp_ber_read_length(wrdp_cursor *c, size_t *len, const char *field)
{
    *len = 0;
    uint8_t b = wrdp_rd_u8(c, field);
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (b < 0x80) {
        *len = b;
        return WRDP_OK;
    }
    size_t n = b & 0x7F;
    if (n == 0)
        return wrdp_cursor_fail(c, field, "indefinite length is not allowed");
    if (n > 4)
        return wrdp_cursor_fail(c, field, "length of %zu octets is too long", n);
    size_t v = 0;
    for (size_t i = 0; i < n; i++)
        v = (v << 8) | wrdp_rd_u8(c, field);
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    *len = v;
    return WRDP_OK;
}

int wrdp_ber_read_header(wrdp_cursor *c, uint32_t *tag, size_t *len, const char *field)
{
    *tag = 0;
    *len = 0;
    uint32_t t = wrdp_rd_u8(c, field);
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if ((t & 0x1F) == 0x1F) {
        int i = 0;
        uint8_t b;
        do {
            if (++i > 3)
                return wrdp_cursor_fail(c, field, "tag number too large");
            b = wrdp_rd_u8(c, field);
            t = (t << 8) | b;
        } while ((b & 0x80) && wrdp_cursor_ok(c));
        if (!wrdp_cursor_ok(c))
            return WRDP_ERR;
    }
    if (wrdp_ber_read_length(c, len, field))
        return WRDP_ERR;
    if (*len > wrdp_cursor_remaining(c))
        return wrdp_cursor_fail(c, field, "length %zu exceeds the %zu bytes left", *len, wrdp_cursor_remaining(c));
    *tag = t;
    return WRDP_OK;
}

int wrdp_ber_read_expect(wrdp_cursor *c, uint32_t tag, wrdp_cursor *content, const char *field)
{
    uint32_t t;
    size_t len;
    size_t start = c->pos;
    if (wrdp_ber_read_header(c, &t, &len, field)) {
        wrdp_cursor_sub(c, 0, content, field);
        return WRDP_ERR;
    }
    if (t != tag) {
        c->pos = start;
        wrdp_cursor_fail(c, field, "expected tag 0x%X, found 0x%X", (unsigned)tag, (unsigned)t);
        wrdp_cursor_sub(c, 0, content, field);
        return WRDP_ERR;
    }
    return wrdp_cursor_sub(c, len, content, field);
}

uint32_t wrdp_ber_peek_tag(const wrdp_cursor *c)
{
    if (c->failed || c->pos >= c->len)
        return 0;
    uint32_t t = c->data[c->pos];
    if ((t & 0x1F) == 0x1F) {
        size_t p = c->pos + 1;
        for (int i = 0; i < 3 && p < c->len; i++) {
            uint8_t b = c->data[p++];
            t = (t << 8) | b;
            if (!(b & 0x80))
                break;
        }
    }
    return t;
}

int wrdp_ber_read_uint(wrdp_cursor *c, uint64_t *v, const char *field)
{
    *v = 0;
    wrdp_cursor in;
    if (wrdp_ber_read_expect(c, WRDP_BER_INTEGER, &in, field))
        return WRDP_ERR;
    if (in.len == 0)
        return wrdp_cursor_fail(c, field, "empty INTEGER");
    size_t n = in.len;
    if (n > 9 || (n == 9 && in.data[0] != 0))
        return wrdp_cursor_fail(c, field, "INTEGER of %zu octets is too large", n);
    uint64_t r = 0;
    for (size_t i = 0; i < n; i++)
        r = (r << 8) | in.data[i];
    *v = r;
    return WRDP_OK;
}

int wrdp_ber_read_u32(wrdp_cursor *c, uint32_t *v, const char *field)
{
    uint64_t r;
    *v = 0;
    if (wrdp_ber_read_uint(c, &r, field))
        return WRDP_ERR;
    if (r > UINT32_MAX)
        return wrdp_cursor_fail(c, field, "INTEGER %llu does not fit 32 bits", (unsigned long long)r);
    *v = (uint32_t)r;
    return WRDP_OK;
}

int wrdp_ber_read_enumerated(wrdp_cursor *c, uint8_t *v, const char *field)
{
    wrdp_cursor in;
    *v = 0;
    if (wrdp_ber_read_expect(c, WRDP_BER_ENUMERATED, &in, field))
        return WRDP_ERR;
    if (in.len != 1)
        return wrdp_cursor_fail(c, field, "ENUMERATED of %zu octets", in.len);
    *v = in.data[0];
    return WRDP_OK;
}

int wrdp_ber_read_bool(wrdp_cursor *c, bool *v, const char *field)
{
    wrdp_cursor in;
    *v = false;
    if (wrdp_ber_read_expect(c, WRDP_BER_BOOLEAN, &in, field))
        return WRDP_ERR;
    if (in.len != 1)
        return wrdp_cursor_fail(c, field, "BOOLEAN of %zu octets", in.len);
    *v = in.data[0] != 0;
    return WRDP_OK;
}

int wrdp_ber_read_octet_string(wrdp_cursor *c, wrdp_bytes *out, const char *field)
{
    wrdp_cursor in;
    out->data = NULL;
    out->len = 0;
    if (wrdp_ber_read_expect(c, WRDP_BER_OCTET_STRING, &in, field))
        return WRDP_ERR;
    out->data = in.data;
    out->len = in.len;
    return WRDP_OK;
}

void wrdp_ber_write_tag(wrdp_writer *w, uint32_t tag)
{
    if (tag > 0xFFFFFF)
        wrdp_wr_u8(w, (uint8_t)(tag >> 24));
    if (tag > 0xFFFF)
        wrdp_wr_u8(w, (uint8_t)(tag >> 16));
    if (tag > 0xFF)
        wrdp_wr_u8(w, (uint8_t)(tag >> 8));
    wrdp_wr_u8(w, (uint8_t)tag);
}

size_t wrdp_ber_length_size(size_t len)
{
    if (len < 0x80)
        return 1;
    if (len <= 0xFF)
        return 2;
    if (len <= 0xFFFF)
        return 3;
    if (len <= 0xFFFFFF)
        return 4;
    return 5;
}

static void put_length(uint8_t *p, size_t len)
{
    size_t n = wrdp_ber_length_size(len);
    if (n == 1) {
        p[0] = (uint8_t)len;
        return;
    }
    p[0] = (uint8_t)(0x80 | (n - 1));
    for (size_t i = 1; i < n; i++)
        p[i] = (uint8_t)(len >> (8 * (n - 1 - i)));
}

void wrdp_ber_write_length(wrdp_writer *w, size_t len)
{
    uint8_t *p = wrdp_wr_reserve(w, wrdp_ber_length_size(len));
    if (p)
        put_length(p, len);
}

void wrdp_ber_write_header(wrdp_writer *w, uint32_t tag, size_t len)
{
    wrdp_ber_write_tag(w, tag);
    wrdp_ber_write_length(w, len);
}

static size_t tag_size(uint32_t tag)
{
    return tag > 0xFFFFFF ? 4 : tag > 0xFFFF ? 3 : tag > 0xFF ? 2 : 1;
}

void wrdp_ber_end(wrdp_writer *w, uint32_t tag, size_t mark)
{
    if (w->failed || mark > w->len)
        return;
    size_t len = w->len - mark;
    size_t ts = tag_size(tag);
    size_t ls = wrdp_ber_length_size(len);
    uint8_t *p = wrdp_wr_insert(w, mark, ts + ls);
    if (!p)
        return;
    for (size_t i = 0; i < ts; i++)
        p[i] = (uint8_t)(tag >> (8 * (ts - 1 - i)));
    put_length(p + ts, len);
}

void wrdp_ber_write_uint(wrdp_writer *w, uint64_t v)
{
    uint8_t buf[9];
    size_t n = 0;
    do {
        buf[8 - n++] = (uint8_t)v;
        v >>= 8;
    } while (v);
    if (buf[9 - n] & 0x80)
        buf[8 - n++] = 0;
    wrdp_ber_write_header(w, WRDP_BER_INTEGER, n);
    wrdp_wr_bytes(w, buf + 9 - n, n);
}

void wrdp_ber_write_enumerated(wrdp_writer *w, uint8_t v)
{
    wrdp_ber_write_header(w, WRDP_BER_ENUMERATED, 1);
    wrdp_wr_u8(w, v);
}

void wrdp_ber_write_bool(wrdp_writer *w, bool v)
{
    wrdp_ber_write_header(w, WRDP_BER_BOOLEAN, 1);
    wrdp_wr_u8(w, v ? 0xFF : 0x00);
}

void wrdp_ber_write_octet_string(wrdp_writer *w, const void *data, size_t len)
{
    wrdp_ber_write_header(w, WRDP_BER_OCTET_STRING, len);
    wrdp_wr_bytes(w, data, len);
}

/* ---- aligned PER --------------------------------------------------------- */

int wrdp_per_read_length(wrdp_cursor *c, uint16_t *len, const char *field)
{
    uint8_t b = wrdp_rd_u8(c, field);
    if (b & 0x80) {
        uint8_t b2 = wrdp_rd_u8(c, field);
        *len = (uint16_t)(((b & 0x7F) << 8) | b2);
    } else {
        *len = b;
    }
    return wrdp_cursor_status(c);
}

void wrdp_per_write_length(wrdp_writer *w, uint16_t len)
{
    if (len > 0x7FFF) {
        wrdp_writer_fail(w, "PER length %u exceeds 32767", len);
        return;
    }
    if (len >= 0x80)
        wrdp_wr_u16be(w, (uint16_t)(0x8000 | len));
    else
        wrdp_wr_u8(w, (uint8_t)len);
}

int wrdp_per_read_choice(wrdp_cursor *c, uint8_t *v, const char *field)
{
    *v = wrdp_rd_u8(c, field);
    return wrdp_cursor_status(c);
}

int wrdp_per_read_selection(wrdp_cursor *c, uint8_t *v, const char *field)
{
    *v = wrdp_rd_u8(c, field);
    return wrdp_cursor_status(c);
}

int wrdp_per_read_number_of_sets(wrdp_cursor *c, uint8_t *v, const char *field)
{
    *v = wrdp_rd_u8(c, field);
    return wrdp_cursor_status(c);
}

int wrdp_per_read_padding(wrdp_cursor *c, size_t n, const char *field)
{
    return wrdp_rd_skip(c, n, field);
}

void wrdp_per_write_padding(wrdp_writer *w, size_t n)
{
    wrdp_wr_fill(w, 0, n);
}

int wrdp_per_read_integer(wrdp_cursor *c, uint32_t *v, const char *field)
{
    uint16_t len;
    *v = 0;
    if (wrdp_per_read_length(c, &len, field))
        return WRDP_ERR;
    if (len == 1)
        *v = wrdp_rd_u8(c, field);
    else if (len == 2)
        *v = wrdp_rd_u16be(c, field);
    else if (len == 4)
        *v = wrdp_rd_u32be(c, field);
    else
        return wrdp_cursor_fail(c, field, "INTEGER of %u octets", len);
    return wrdp_cursor_status(c);
}

void wrdp_per_write_integer(wrdp_writer *w, uint32_t v)
{
    if (v <= 0xFF) {
        wrdp_per_write_length(w, 1);
        wrdp_wr_u8(w, (uint8_t)v);
    } else if (v <= 0xFFFF) {
        wrdp_per_write_length(w, 2);
        wrdp_wr_u16be(w, (uint16_t)v);
    } else {
        wrdp_per_write_length(w, 4);
        wrdp_wr_u32be(w, v);
    }
}

int wrdp_per_read_integer16(wrdp_cursor *c, uint16_t *v, uint16_t min, const char *field)
{
    uint16_t raw = wrdp_rd_u16be(c, field);
    *v = 0;
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if ((uint32_t)raw + min > 0xFFFF)
        return wrdp_cursor_fail(c, field, "value %u + %u overflows 16 bits", raw, min);
    *v = (uint16_t)(raw + min);
    return WRDP_OK;
}

void wrdp_per_write_integer16(wrdp_writer *w, uint16_t v, uint16_t min)
{
    if (v < min) {
        wrdp_writer_fail(w, "PER integer %u below its minimum %u", v, min);
        return;
    }
    wrdp_wr_u16be(w, (uint16_t)(v - min));
}

int wrdp_per_read_enumerated(wrdp_cursor *c, uint8_t *v, uint8_t count, const char *field)
{
    *v = wrdp_rd_u8(c, field);
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (*v >= count)
        return wrdp_cursor_fail(c, field, "enumerated value %u out of range (< %u)", *v, count);
    return WRDP_OK;
}

int wrdp_per_read_object_identifier(wrdp_cursor *c, const uint8_t oid[6], const char *field)
{
    uint8_t len = wrdp_rd_u8(c, field);
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (len != 5)
        return wrdp_cursor_fail(c, field, "object identifier of %u octets, expected 5", len);
    uint8_t b[5];
    if (wrdp_rd_copy(c, b, 5, field))
        return WRDP_ERR;
    uint8_t a[6] = {(uint8_t)(b[0] / 40), (uint8_t)(b[0] % 40), b[1], b[2], b[3], b[4]};
    if (memcmp(a, oid, 6) != 0)
        return wrdp_cursor_fail(c, field, "unexpected object identifier %u.%u.%u.%u.%u.%u", a[0], a[1], a[2], a[3],
                                a[4], a[5]);
    return WRDP_OK;
}

void wrdp_per_write_object_identifier(wrdp_writer *w, const uint8_t oid[6])
{
    wrdp_wr_u8(w, 5);
    wrdp_wr_u8(w, (uint8_t)(oid[0] * 40 + oid[1]));
    wrdp_wr_bytes(w, oid + 2, 4);
}

int wrdp_per_read_octet_string(wrdp_cursor *c, wrdp_bytes *out, uint16_t min, const char *field)
{
    uint16_t len;
    out->data = NULL;
    out->len = 0;
    if (wrdp_per_read_length(c, &len, field))
        return WRDP_ERR;
    return wrdp_rd_bytes(c, (size_t)len + min, out, field);
}

void wrdp_per_write_octet_string(wrdp_writer *w, const void *data, size_t len, uint16_t min)
{
    if (len < min || len - min > 0x7FFF) {
        wrdp_writer_fail(w, "PER octet string of %zu bytes outside [%u, %u]", len, min, min + 0x7FFF);
        return;
    }
    wrdp_per_write_length(w, (uint16_t)(len - min));
    wrdp_wr_bytes(w, data, len);
}

int wrdp_per_read_numeric_string(wrdp_cursor *c, uint16_t min, const char *field)
{
    uint16_t len;
    if (wrdp_per_read_length(c, &len, field))
        return WRDP_ERR;
    size_t chars = (size_t)len + min;
    return wrdp_rd_skip(c, (chars + 1) / 2, field);
}

void wrdp_per_write_numeric_string(wrdp_writer *w, const char *digits, size_t len, uint16_t min)
{
    if (len < min || len - min > 0x7FFF) {
        wrdp_writer_fail(w, "PER numeric string of %zu characters outside its bounds", len);
        return;
    }
    wrdp_per_write_length(w, (uint16_t)(len - min));
    for (size_t i = 0; i < len; i += 2) {
        uint8_t hi = (uint8_t)((digits[i] - '0') % 10);
        uint8_t lo = i + 1 < len ? (uint8_t)((digits[i + 1] - '0') % 10) : 0;
        wrdp_wr_u8(w, (uint8_t)((hi << 4) | lo));
    }
}
