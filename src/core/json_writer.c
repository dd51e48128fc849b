#include <stdio.h>
#include <string.h>

#include "core/json.h"

void wrdp_jw_init(wrdp_json_writer *j, wrdp_writer *w, bool pretty)
{
    memset(j, 0, sizeof *j);
    j->w = w;
    j->pretty = pretty;
}

static void indent(wrdp_json_writer *j)
{
    if (!j->pretty)
        return;
    wrdp_wr_u8(j->w, '\n');
    wrdp_wr_fill(j->w, ' ', (size_t)j->depth * 2);
}

/* Called before every value or key. */
static void before_value(wrdp_json_writer *j)
{
    if (j->after_key) {
        j->after_key = false;
        return;
    }
    if (j->need_comma[j->depth])
        wrdp_wr_u8(j->w, ',');
    if (j->depth > 0)
        indent(j);
    j->need_comma[j->depth] = true;
}

static void open(wrdp_json_writer *j, char ch)
{
    before_value(j);
    wrdp_wr_u8(j->w, (uint8_t)ch);
    if (j->depth >= WRDP_JSON_MAX_DEPTH) {
        wrdp_writer_fail(j->w, "JSON nesting deeper than %d", WRDP_JSON_MAX_DEPTH);
        return;
    }
    j->depth++;
    j->need_comma[j->depth] = false;
}

static void close(wrdp_json_writer *j, char ch)
{
    bool had = j->need_comma[j->depth];
    if (j->depth > 0)
        j->depth--;
    if (had)
        indent(j);
    wrdp_wr_u8(j->w, (uint8_t)ch);
}

void wrdp_jw_object_begin(wrdp_json_writer *j) { open(j, '{'); }
void wrdp_jw_object_end(wrdp_json_writer *j) { close(j, '}'); }
void wrdp_jw_array_begin(wrdp_json_writer *j) { open(j, '['); }
void wrdp_jw_array_end(wrdp_json_writer *j) { close(j, ']'); }

static void raw_string(wrdp_writer *w, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    wrdp_wr_u8(w, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            wrdp_wr_u8(w, '\\');
            wrdp_wr_u8(w, ch);
        } else if (ch == '\n') {
            wrdp_wr_bytes(w, "\\n", 2);
        } else if (ch == '\r') {
            wrdp_wr_bytes(w, "\\r", 2);
        } else if (ch == '\t') {
            wrdp_wr_bytes(w, "\\t", 2);
        } else if (ch < 0x20) {
            char b[6] = {'\\', 'u', '0', '0', hex[ch >> 4], hex[ch & 15]};
            wrdp_wr_bytes(w, b, 6);
        } else {
            wrdp_wr_u8(w, ch);
        }
    }
    wrdp_wr_u8(w, '"');
}

void wrdp_jw_key(wrdp_json_writer *j, const char *key)
{
    before_value(j);
    raw_string(j->w, key, strlen(key));
    wrdp_wr_u8(j->w, ':');
    if (j->pretty)
        wrdp_wr_u8(j->w, ' ');
    j->after_key = true;
}

void wrdp_jw_uint(wrdp_json_writer *j, uint64_t v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%llu", (unsigned long long)v);
    before_value(j);
    wrdp_wr_bytes(j->w, b, (size_t)n);
}

void wrdp_jw_int(wrdp_json_writer *j, int64_t v)
{
    char b[24];
    int n = snprintf(b, sizeof b, "%lld", (long long)v);
    before_value(j);
    wrdp_wr_bytes(j->w, b, (size_t)n);
}

void wrdp_jw_bool(wrdp_json_writer *j, bool v)
{
    before_value(j);
    if (v)
        wrdp_wr_bytes(j->w, "true", 4);
    else
        wrdp_wr_bytes(j->w, "false", 5);
}

void wrdp_jw_null(wrdp_json_writer *j)
{
    before_value(j);
    wrdp_wr_bytes(j->w, "null", 4);
}

void wrdp_jw_string(wrdp_json_writer *j, const char *s, size_t len)
{
    before_value(j);
    raw_string(j->w, s, len);
}

void wrdp_jw_cstring(wrdp_json_writer *j, const char *s) { wrdp_jw_string(j, s, s ? strlen(s) : 0); }

void wrdp_jw_hex(wrdp_json_writer *j, const void *data, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const uint8_t *p = data;
    before_value(j);
    wrdp_wr_u8(j->w, '"');
    uint8_t *o = len ? wrdp_wr_reserve(j->w, len * 2) : NULL;
    if (o)
        for (size_t i = 0; i < len; i++) {
            o[2 * i] = (uint8_t)hex[p[i] >> 4];
            o[2 * i + 1] = (uint8_t)hex[p[i] & 15];
        }
    wrdp_wr_u8(j->w, '"');
}

void wrdp_jw_utf16(wrdp_json_writer *j, const void *data, size_t len)
{
    size_t n = wrdp_utf16le_to_utf8(data, len, NULL, 0);
    char small[256];
    char *buf = n <= sizeof small ? small : wrdp_alloc(n);
    if (n && !buf) {
        wrdp_writer_fail(j->w, "out of memory converting a UTF-16 string");
        return;
    }
    wrdp_utf16le_to_utf8(data, len, buf, n);
    wrdp_jw_string(j, buf, n);
    if (buf != small)
        wrdp_free(buf);
}

void wrdp_jw_kv_uint(wrdp_json_writer *j, const char *key, uint64_t v)
{
    wrdp_jw_key(j, key);
    wrdp_jw_uint(j, v);
}

void wrdp_jw_kv_int(wrdp_json_writer *j, const char *key, int64_t v)
{
    wrdp_jw_key(j, key);
    wrdp_jw_int(j, v);
}

void wrdp_jw_kv_bool(wrdp_json_writer *j, const char *key, bool v)
{
    wrdp_jw_key(j, key);
    wrdp_jw_bool(j, v);
}

void wrdp_jw_kv_cstring(wrdp_json_writer *j, const char *key, const char *s)
{
    wrdp_jw_key(j, key);
    wrdp_jw_cstring(j, s);
}

void wrdp_jw_kv_string(wrdp_json_writer *j, const char *key, const char *s, size_t len)
{
    wrdp_jw_key(j, key);
    wrdp_jw_string(j, s, len);
}

void wrdp_jw_kv_hex(wrdp_json_writer *j, const char *key, const void *data, size_t len)
{
    wrdp_jw_key(j, key);
    wrdp_jw_hex(j, data, len);
}

void wrdp_jw_kv_bytes(wrdp_json_writer *j, const char *key, wrdp_bytes b) { wrdp_jw_kv_hex(j, key, b.data, b.len); }

void wrdp_jw_kv_utf16(wrdp_json_writer *j, const char *key, const void *data, size_t len)
{
    wrdp_jw_key(j, key);
    wrdp_jw_utf16(j, data, len);
}
