/* Clipboard text and HTML conversions: CF_UNICODETEXT and CF_TEXT (code page
 * 1252) <-> UTF-8 with CRLF <-> LF, and the CF_HTML header ("HTML Format"). */
#include <stdio.h>
#include <string.h>

#include "webrdp/clipboard.h"

/* cp1252 0x80..0x9F; 0 marks the five undefined bytes, which map as Latin-1 (C1 controls). */
static const uint16_t cp1252_high[32] = {
    0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

static void put_utf8(wrdp_writer *w, uint32_t cp)
{
    if (cp < 0x80) {
        wrdp_wr_u8(w, (uint8_t)cp);
    } else if (cp < 0x800) {
        wrdp_wr_u8(w, (uint8_t)(0xC0 | cp >> 6));
        wrdp_wr_u8(w, (uint8_t)(0x80 | (cp & 0x3F)));
    } else {
        wrdp_wr_u8(w, (uint8_t)(0xE0 | cp >> 12));
        wrdp_wr_u8(w, (uint8_t)(0x80 | (cp >> 6 & 0x3F)));
        wrdp_wr_u8(w, (uint8_t)(0x80 | (cp & 0x3F)));
    }
}

/* Drops the CR of every CRLF in w from `start` on (in place). */
static void crlf_to_lf(wrdp_writer *w, size_t start)
{
    size_t o = start;
    for (size_t i = start; i < w->len; i++) {
        if (w->data[i] == '\r' && i + 1 < w->len && w->data[i + 1] == '\n')
            continue;
        w->data[o++] = w->data[i];
    }
    w->len = o;
}

int wrdp_clip_unicode_to_utf8(const uint8_t *src, size_t len, wrdp_writer *out)
{
    size_t n = wrdp_utf16le_strnlen(src, len);
    size_t need = wrdp_utf16le_to_utf8(src, n, NULL, 0);
    size_t start = out->len;
    if (need == 0)
        return wrdp_writer_status(out);
    uint8_t *p = wrdp_wr_reserve(out, need);
    if (!p)
        return WRDP_ERR;
    wrdp_utf16le_to_utf8(src, n, (char *)p, need);
    crlf_to_lf(out, start);
    return WRDP_OK;
}

int wrdp_clip_utf8_to_unicode(const char *src, size_t len, wrdp_writer *out)
{
    size_t i = 0;
    while (i < len && src[i]) {
        size_t j = i;
        while (j < len && src[j] && src[j] != '\n')
            j++;
        size_t need = wrdp_utf8_to_utf16le(src + i, j - i, NULL, 0);
        if (need) {
            uint8_t *p = wrdp_wr_reserve(out, need);
            if (!p)
                return WRDP_ERR;
            wrdp_utf8_to_utf16le(src + i, j - i, p, need);
        }
        if (j < len && src[j] == '\n') {
            /* a CRLF already in the text stays one line end */
            if (!(j > i && src[j - 1] == '\r'))
                wrdp_wr_u16le(out, '\r');
            wrdp_wr_u16le(out, '\n');
            j++;
        }
        i = j;
    }
    wrdp_wr_u16le(out, 0);
    return wrdp_writer_status(out);
}

int wrdp_clip_ansi_to_utf8(const uint8_t *src, size_t len, wrdp_writer *out)
{
    size_t start = out->len;
    for (size_t i = 0; i < len && src[i]; i++) {
        uint8_t b = src[i];
        uint32_t cp = b;
        if (b >= 0x80 && b <= 0x9F && cp1252_high[b - 0x80])
            cp = cp1252_high[b - 0x80];
        put_utf8(out, cp);
    }
    if (out->failed)
        return WRDP_ERR;
    crlf_to_lf(out, start);
    return WRDP_OK;
}

static uint8_t to_cp1252(uint32_t cp)
{
    if (cp < 0x80 || (cp >= 0xA0 && cp <= 0xFF))
        return (uint8_t)cp;
    for (int i = 0; i < 32; i++)
        if (cp1252_high[i] == cp && cp != 0)
            return (uint8_t)(0x80 + i);
    if (cp >= 0x80 && cp <= 0x9F && cp1252_high[cp - 0x80] == 0)
        return (uint8_t)cp;
    return '?';
}

int wrdp_clip_utf8_to_ansi(const char *src, size_t len, wrdp_writer *out)
{
    /* through UTF-16, whose decoder already turns bad UTF-8 into U+FFFD */
    size_t n16 = wrdp_utf8_to_utf16le(src, len, NULL, 0);
    uint8_t *u = n16 ? wrdp_alloc(n16) : NULL;
    if (n16 && !u)
        return wrdp_writer_fail(out, "cliprdr: no memory for %zu bytes of text", n16);
    if (u)
        wrdp_utf8_to_utf16le(src, len, u, n16);
    uint8_t prev = 0;
    for (size_t i = 0; i + 1 < n16 + 1 && i < n16; i += 2) {
        uint32_t cp = (uint32_t)u[i] | (uint32_t)u[i + 1] << 8;
        if (cp == 0)
            break;
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            i += 2; /* a supplementary character: no cp1252 byte for it */
            cp = 0xFFFD;
        }
        uint8_t b = to_cp1252(cp);
        if (b == '\n' && prev != '\r')
            wrdp_wr_u8(out, '\r');
        wrdp_wr_u8(out, b);
        prev = b;
    }
    wrdp_free(u);
    wrdp_wr_u8(out, 0);
    return wrdp_writer_status(out);
}

/* ---- CF_HTML ---- */

/* Reads the decimal after "key:" in the header; -1 when absent. */
static long long header_value(const uint8_t *src, size_t hdr_len, const char *key)
{
    size_t klen = strlen(key);
    size_t i = 0;
    while (i < hdr_len) {
        size_t eol = i;
        while (eol < hdr_len && src[eol] != '\r' && src[eol] != '\n')
            eol++;
        if (eol - i > klen && memcmp(src + i, key, klen) == 0 && src[i + klen] == ':') {
            long long v = 0;
            size_t d = i + klen + 1;
            if (d >= eol || src[d] < '0' || src[d] > '9')
                return -1; /* "-1" or garbage: absent */
            for (; d < eol && src[d] >= '0' && src[d] <= '9'; d++) {
                v = v * 10 + (src[d] - '0');
                if (v > (long long)1 << 40)
                    return -1;
            }
            return v;
        }
        i = eol;
        while (i < hdr_len && (src[i] == '\r' || src[i] == '\n'))
            i++;
    }
    return -1;
}

int wrdp_clip_html_parse(const uint8_t *src, size_t len, wrdp_clip_html_offsets *off, wrdp_error *err)
{
    /* the header is the text before the first '<' */
    size_t hdr = 0;
    while (hdr < len && src[hdr] != '<')
        hdr++;
    if (header_value(src, hdr, "Version") < 0 && hdr == len)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "CF_HTML: no header");
    /* the data may end with a NUL that the offsets exclude */
    size_t end = len;
    long long sh = header_value(src, hdr, "StartHTML"), eh = header_value(src, hdr, "EndHTML");
    long long sf = header_value(src, hdr, "StartFragment"), ef = header_value(src, hdr, "EndFragment");
    if (sf < 0 || ef < 0) {
        sf = sh;
        ef = eh;
    }
    if (sf < 0 || ef < 0)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "CF_HTML: no StartFragment/EndFragment");
    if (sh < 0 || eh < 0) {
        sh = sf;
        eh = ef;
    }
    if (sf > ef || ef > (long long)end || sh > eh || eh > (long long)end || sf < sh || ef > eh)
        return wrdp_error_set(err, WRDP_ERROR_DECODE,
                              "CF_HTML: offsets StartHTML %lld EndHTML %lld StartFragment %lld EndFragment %lld "
                              "outside the %zu bytes",
                              sh, eh, sf, ef, len);
    off->start_html = (size_t)sh;
    off->end_html = (size_t)eh;
    off->start_fragment = (size_t)sf;
    off->end_fragment = (size_t)ef;
    return WRDP_OK;
}

int wrdp_clip_html_build(const char *fragment, size_t len, wrdp_writer *out)
{
    static const char prefix[] = "<html>\r\n<body>\r\n<!--StartFragment-->";
    static const char suffix[] = "<!--EndFragment-->\r\n</body>\r\n</html>";
    char header[160];
    /* fixed-width numbers: the header's length does not depend on them */
    int hl = snprintf(header, sizeof header,
                      "Version:0.9\r\nStartHTML:%010u\r\nEndHTML:%010u\r\nStartFragment:%010u\r\nEndFragment:%010u\r\n",
                      0u, 0u, 0u, 0u);
    if (hl <= 0 || (size_t)hl >= sizeof header || len > 0x7fffffffu - 512)
        return wrdp_writer_fail(out, "CF_HTML: fragment of %zu bytes too long", len);
    size_t start_html = (size_t)hl;
    size_t start_frag = start_html + sizeof prefix - 1;
    size_t end_frag = start_frag + len;
    size_t end_html = end_frag + sizeof suffix - 1;
    snprintf(header, sizeof header,
             "Version:0.9\r\nStartHTML:%010u\r\nEndHTML:%010u\r\nStartFragment:%010u\r\nEndFragment:%010u\r\n",
             (unsigned)start_html, (unsigned)end_html, (unsigned)start_frag, (unsigned)end_frag);
    wrdp_wr_bytes(out, header, (size_t)hl);
    wrdp_wr_bytes(out, prefix, sizeof prefix - 1);
    wrdp_wr_bytes(out, fragment, len);
    wrdp_wr_bytes(out, suffix, sizeof suffix - 1);
    wrdp_wr_u8(out, 0);
    return wrdp_writer_status(out);
}
