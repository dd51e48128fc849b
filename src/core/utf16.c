#include "webrdp/utils.h"

static size_t put_unit(uint8_t *out, size_t cap, size_t n, uint32_t u)
{
    if (n + 2 <= cap) {
        out[n] = (uint8_t)u;
        out[n + 1] = (uint8_t)(u >> 8);
    }
    return n + 2;
}

/* Decodes one code point; invalid or overlong sequences yield U+FFFD and consume one byte. */
static uint32_t next_utf8(const unsigned char *s, size_t len, size_t *i)
{
    unsigned char b = s[*i];
    uint32_t cp;
    size_t extra;
    if (b < 0x80) {
        (*i)++;
        return b;
    } else if ((b & 0xE0) == 0xC0) {
        cp = b & 0x1F;
        extra = 1;
    } else if ((b & 0xF0) == 0xE0) {
        cp = b & 0x0F;
        extra = 2;
    } else if ((b & 0xF8) == 0xF0) {
        cp = b & 0x07;
        extra = 3;
    } else {
        (*i)++;
        return 0xFFFD;
    }
    if (extra > len - *i - 1) {
        (*i)++;
        return 0xFFFD;
    }
    for (size_t k = 1; k <= extra; k++) {
        unsigned char cb = s[*i + k];
        if ((cb & 0xC0) != 0x80) {
            (*i)++;
            return 0xFFFD;
        }
        cp = (cp << 6) | (cb & 0x3F);
    }
    static const uint32_t min_for[4] = {0, 0x80, 0x800, 0x10000};
    if (cp < min_for[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
        (*i)++;
        return 0xFFFD;
    }
    *i += extra + 1;
    return cp;
}

size_t wrdp_utf8_to_utf16le(const char *src, size_t len, uint8_t *out, size_t cap)
{
    const unsigned char *s = (const unsigned char *)src;
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        uint32_t cp = next_utf8(s, len, &i);
        if (cp >= 0x10000) {
            cp -= 0x10000;
            n = put_unit(out, cap, n, 0xD800 | (cp >> 10));
            n = put_unit(out, cap, n, 0xDC00 | (cp & 0x3FF));
        } else {
            n = put_unit(out, cap, n, cp);
        }
    }
    return n;
}

static size_t put_utf8(char *out, size_t cap, size_t n, uint32_t cp)
{
    unsigned char b[4];
    size_t k;
    if (cp < 0x80) {
        b[0] = (unsigned char)cp;
        k = 1;
    } else if (cp < 0x800) {
        b[0] = (unsigned char)(0xC0 | (cp >> 6));
        b[1] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 2;
    } else if (cp < 0x10000) {
        b[0] = (unsigned char)(0xE0 | (cp >> 12));
        b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[2] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 3;
    } else {
        b[0] = (unsigned char)(0xF0 | (cp >> 18));
        b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        b[3] = (unsigned char)(0x80 | (cp & 0x3F));
        k = 4;
    }
    if (n + k <= cap)
        for (size_t j = 0; j < k; j++)
            out[n + j] = (char)b[j];
    return n + k;
}

size_t wrdp_utf16le_to_utf8(const uint8_t *src, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    size_t units = len / 2;
    for (size_t i = 0; i < units; i++) {
        uint32_t u = (uint32_t)src[2 * i] | ((uint32_t)src[2 * i + 1] << 8);
        if (u >= 0xD800 && u <= 0xDBFF && i + 1 < units) {
            uint32_t lo = (uint32_t)src[2 * i + 2] | ((uint32_t)src[2 * i + 3] << 8);
            if (lo >= 0xDC00 && lo <= 0xDFFF) {
                n = put_utf8(out, cap, n, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
                i++;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF)
            u = 0xFFFD;
        n = put_utf8(out, cap, n, u);
    }
    if (len & 1)
        n = put_utf8(out, cap, n, 0xFFFD);
    return n;
}

size_t wrdp_utf16le_strnlen(const uint8_t *src, size_t len)
{
    size_t i = 0;
    while (i + 1 < len && (src[i] | src[i + 1]))
        i += 2;
    return i + 1 < len ? i : len & ~(size_t)1;
}
