/* A strict JSON parser (RFC 8259) into an arena-allocated tree. Bounded: the
 * nesting depth is capped and every node and string comes from the arena,
 * whose limit caps the memory one document can take. */
#include <string.h>

#include "core/json.h"

#define MAX_DEPTH 64

typedef struct parser {
    const char *s;
    size_t len;
    size_t pos;
    int depth;
    wrdp_arena *arena;
    wrdp_error *err;
    int failed;
} parser;

static int fail(parser *p, const char *what)
{
    if (!p->failed)
        wrdp_error_set(p->err, WRDP_ERROR_DECODE, "json: %s at byte %zu", what, p->pos);
    if (p->err)
        p->err->offset = p->pos;
    p->failed = 1;
    return WRDP_ERR;
}

static void skip_ws(parser *p)
{
    while (p->pos < p->len) {
        char c = p->s[p->pos];
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r')
            break;
        p->pos++;
    }
}

static wrdp_json *node(parser *p, wrdp_json_type t)
{
    wrdp_json *n = wrdp_arena_alloc(p->arena, sizeof *n);
    if (!n) {
        fail(p, "document too large");
        return NULL;
    }
    n->type = t;
    return n;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int read_hex4(parser *p, uint32_t *out)
{
    if (p->len - p->pos < 4)
        return fail(p, "truncated \\u escape");
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        int h = hexval(p->s[p->pos + i]);
        if (h < 0)
            return fail(p, "bad \\u escape");
        v = (v << 4) | (uint32_t)h;
    }
    p->pos += 4;
    *out = v;
    return WRDP_OK;
}

static size_t put_cp(char *o, uint32_t cp)
{
    if (cp < 0x80) {
        o[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (char)(0xC0 | (cp >> 6));
        o[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        o[0] = (char)(0xE0 | (cp >> 12));
        o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | (cp >> 18));
    o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* p->pos is at the opening quote. The decoded string is never longer than its source. */
static int parse_string(parser *p, const char **out, size_t *out_len)
{
    p->pos++;
    size_t start = p->pos;
    size_t end = start;
    while (end < p->len && p->s[end] != '"') {
        if (p->s[end] == '\\')
            end++;
        end++;
    }
    if (end >= p->len)
        return fail(p, "unterminated string");
    char *buf = wrdp_arena_alloc(p->arena, end - start + 1);
    if (!buf)
        return fail(p, "document too large");
    size_t n = 0;
    while (p->pos < end) {
        unsigned char c = (unsigned char)p->s[p->pos];
        if (c < 0x20)
            return fail(p, "control character in string");
        if (c != '\\') {
            buf[n++] = (char)c;
            p->pos++;
            continue;
        }
        p->pos++;
        char e = p->s[p->pos++];
        switch (e) {
        case '"': buf[n++] = '"'; break;
        case '\\': buf[n++] = '\\'; break;
        case '/': buf[n++] = '/'; break;
        case 'b': buf[n++] = '\b'; break;
        case 'f': buf[n++] = '\f'; break;
        case 'n': buf[n++] = '\n'; break;
        case 'r': buf[n++] = '\r'; break;
        case 't': buf[n++] = '\t'; break;
        case 'u': {
            uint32_t cp;
            if (read_hex4(p, &cp))
                return WRDP_ERR;
            if (cp >= 0xD800 && cp <= 0xDBFF && p->len - p->pos >= 6 && p->s[p->pos] == '\\' &&
                p->s[p->pos + 1] == 'u') {
                size_t save = p->pos;
                uint32_t lo;
                p->pos += 2;
                if (read_hex4(p, &lo))
                    return WRDP_ERR;
                if (lo >= 0xDC00 && lo <= 0xDFFF)
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                else
                    p->pos = save;
            }
            if (cp >= 0xD800 && cp <= 0xDFFF)
                cp = 0xFFFD;
            /* 6 escaped source bytes always cover up to 3 output bytes; a pair (12) covers 4 */
            n += put_cp(buf + n, cp);
            break;
        }
        default:
            return fail(p, "bad escape");
        }
    }
    if (p->pos > end)
        return fail(p, "unterminated string");
    p->pos = end + 1;
    buf[n] = 0;
    *out = buf;
    *out_len = n;
    return WRDP_OK;
}

static int parse_number(parser *p, wrdp_json *n)
{
    size_t start = p->pos;
    bool neg = false;
    if (p->s[p->pos] == '-') {
        neg = true;
        p->pos++;
    }
    if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
        return fail(p, "bad number");
    if (p->s[p->pos] == '0' && p->pos + 1 < p->len && p->s[p->pos + 1] >= '0' && p->s[p->pos + 1] <= '9')
        return fail(p, "leading zero in number");
    uint64_t mag = 0;
    bool overflow = false;
    double d = 0;
    while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
        unsigned dig = (unsigned)(p->s[p->pos] - '0');
        if (mag > (UINT64_MAX - dig) / 10)
            overflow = true;
        mag = mag * 10 + dig;
        d = d * 10 + dig;
        p->pos++;
    }
    bool integer = true;
    if (p->pos < p->len && p->s[p->pos] == '.') {
        integer = false;
        p->pos++;
        double scale = 0.1;
        if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
            return fail(p, "bad fraction");
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
            d += (p->s[p->pos] - '0') * scale;
            scale /= 10;
            p->pos++;
        }
    }
    if (p->pos < p->len && (p->s[p->pos] == 'e' || p->s[p->pos] == 'E')) {
        integer = false;
        p->pos++;
        int esign = 1;
        if (p->pos < p->len && (p->s[p->pos] == '+' || p->s[p->pos] == '-'))
            esign = p->s[p->pos++] == '-' ? -1 : 1;
        if (p->pos >= p->len || p->s[p->pos] < '0' || p->s[p->pos] > '9')
            return fail(p, "bad exponent");
        int e = 0;
        while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9') {
            if (e < 10000)
                e = e * 10 + (p->s[p->pos] - '0');
            p->pos++;
        }
        for (int i = 0; i < e && d != 0 && d < 1e308 && d > 1e-308; i++)
            d = esign > 0 ? d * 10 : d / 10;
    }
    (void)start;
    n->type = WRDP_JSON_NUMBER;
    n->negative = neg && (mag != 0 || !integer);
    n->is_integer = integer && !overflow && !(neg && mag > (uint64_t)INT64_MAX + 1);
    n->magnitude = mag;
    n->number = neg ? -d : d;
    return WRDP_OK;
}

static int literal(parser *p, const char *word)
{
    size_t n = strlen(word);
    if (p->len - p->pos < n || memcmp(p->s + p->pos, word, n) != 0)
        return fail(p, "unexpected character");
    p->pos += n;
    return WRDP_OK;
}

static wrdp_json *parse_value(parser *p);

static int parse_members(parser *p, wrdp_json *parent, bool object)
{
    char close = object ? '}' : ']';
    p->pos++;
    skip_ws(p);
    if (p->pos < p->len && p->s[p->pos] == close) {
        p->pos++;
        return WRDP_OK;
    }
    wrdp_json *last = NULL;
    for (;;) {
        const char *key = NULL;
        size_t klen = 0;
        skip_ws(p);
        if (object) {
            if (p->pos >= p->len || p->s[p->pos] != '"')
                return fail(p, "expected a member name");
            if (parse_string(p, &key, &klen))
                return WRDP_ERR;
            skip_ws(p);
            if (p->pos >= p->len || p->s[p->pos] != ':')
                return fail(p, "expected ':'");
            p->pos++;
        }
        wrdp_json *v = parse_value(p);
        if (!v)
            return WRDP_ERR;
        v->key = key;
        if (last)
            last->next = v;
        else
            parent->first = v;
        last = v;
        parent->len++;
        skip_ws(p);
        if (p->pos >= p->len)
            return fail(p, "unterminated container");
        char c = p->s[p->pos++];
        if (c == close)
            return WRDP_OK;
        if (c != ',')
            return fail(p, "expected ',' or the end of the container");
    }
}

static wrdp_json *parse_value(parser *p)
{
    skip_ws(p);
    if (p->pos >= p->len) {
        fail(p, "unexpected end of input");
        return NULL;
    }
    char c = p->s[p->pos];
    wrdp_json *n = node(p, WRDP_JSON_NULL);
    if (!n)
        return NULL;
    switch (c) {
    case '{':
    case '[':
        if (++p->depth > MAX_DEPTH) {
            fail(p, "nesting too deep");
            return NULL;
        }
        n->type = c == '{' ? WRDP_JSON_OBJECT : WRDP_JSON_ARRAY;
        if (parse_members(p, n, c == '{'))
            return NULL;
        p->depth--;
        return n;
    case '"':
        n->type = WRDP_JSON_STRING;
        return parse_string(p, &n->str, &n->len) ? NULL : n;
    case 't':
        n->type = WRDP_JSON_BOOL;
        n->boolean = true;
        return literal(p, "true") ? NULL : n;
    case 'f':
        n->type = WRDP_JSON_BOOL;
        return literal(p, "false") ? NULL : n;
    case 'n':
        return literal(p, "null") ? NULL : n;
    default:
        return parse_number(p, n) ? NULL : n;
    }
}

const wrdp_json *wrdp_json_parse(const char *text, size_t len, wrdp_arena *arena, wrdp_error *err)
{
    parser p = {text, text ? len : 0, 0, 0, arena, err, 0};
    wrdp_json *v = parse_value(&p);
    if (!v)
        return NULL;
    skip_ws(&p);
    if (p.pos != p.len) {
        fail(&p, "trailing characters");
        return NULL;
    }
    return v;
}

const wrdp_json *wrdp_json_get(const wrdp_json *obj, const char *key)
{
    if (!obj || obj->type != WRDP_JSON_OBJECT)
        return NULL;
    for (const wrdp_json *m = obj->first; m; m = m->next)
        if (strcmp(m->key, key) == 0)
            return m;
    return NULL;
}

const wrdp_json *wrdp_json_at(const wrdp_json *arr, size_t i)
{
    if (!arr || (arr->type != WRDP_JSON_ARRAY && arr->type != WRDP_JSON_OBJECT))
        return NULL;
    const wrdp_json *m = arr->first;
    while (m && i--)
        m = m->next;
    return m;
}

static int missing(const char *key, const char *what, wrdp_error *err)
{
    return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"%s\": %s", key, what);
}

int wrdp_json_as_uint(const wrdp_json *v, const char *what, uint64_t max, uint64_t *out, wrdp_error *err)
{
    if (!v)
        return missing(what, "missing", err);
    if (v->type == WRDP_JSON_BOOL) {
        *out = v->boolean;
        return WRDP_OK;
    }
    if (v->type != WRDP_JSON_NUMBER || !v->is_integer || v->negative)
        return missing(what, "expected a non-negative integer", err);
    if (v->magnitude > max)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"%s\": %llu exceeds %llu", what,
                              (unsigned long long)v->magnitude, (unsigned long long)max);
    *out = v->magnitude;
    return WRDP_OK;
}

int wrdp_json_get_uint(const wrdp_json *obj, const char *key, uint64_t max, uint64_t *out, wrdp_error *err)
{
    return wrdp_json_as_uint(wrdp_json_get(obj, key), key, max, out, err);
}

int wrdp_json_get_u8(const wrdp_json *obj, const char *key, uint8_t *out, wrdp_error *err)
{
    uint64_t v;
    if (wrdp_json_get_uint(obj, key, UINT8_MAX, &v, err))
        return WRDP_ERR;
    *out = (uint8_t)v;
    return WRDP_OK;
}

int wrdp_json_get_u16(const wrdp_json *obj, const char *key, uint16_t *out, wrdp_error *err)
{
    uint64_t v;
    if (wrdp_json_get_uint(obj, key, UINT16_MAX, &v, err))
        return WRDP_ERR;
    *out = (uint16_t)v;
    return WRDP_OK;
}

int wrdp_json_get_u32(const wrdp_json *obj, const char *key, uint32_t *out, wrdp_error *err)
{
    uint64_t v;
    if (wrdp_json_get_uint(obj, key, UINT32_MAX, &v, err))
        return WRDP_ERR;
    *out = (uint32_t)v;
    return WRDP_OK;
}

int wrdp_json_get_u64(const wrdp_json *obj, const char *key, uint64_t *out, wrdp_error *err)
{
    return wrdp_json_get_uint(obj, key, UINT64_MAX, out, err);
}

int wrdp_json_get_i32(const wrdp_json *obj, const char *key, int32_t *out, wrdp_error *err)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    if (!v)
        return missing(key, "missing", err);
    if (v->type != WRDP_JSON_NUMBER || !v->is_integer)
        return missing(key, "expected an integer", err);
    if ((!v->negative && v->magnitude > INT32_MAX) || (v->negative && v->magnitude > (uint64_t)INT32_MAX + 1))
        return missing(key, "does not fit 32 bits", err);
    *out = v->negative ? (int32_t)(-(int64_t)v->magnitude) : (int32_t)v->magnitude;
    return WRDP_OK;
}

int wrdp_json_get_bool(const wrdp_json *obj, const char *key, bool *out, wrdp_error *err)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    if (!v)
        return missing(key, "missing", err);
    if (v->type == WRDP_JSON_NUMBER && v->is_integer && !v->negative && v->magnitude <= 1) {
        *out = v->magnitude != 0;
        return WRDP_OK;
    }
    if (v->type != WRDP_JSON_BOOL)
        return missing(key, "expected true or false", err);
    *out = v->boolean;
    return WRDP_OK;
}

int wrdp_json_get_string(const wrdp_json *obj, const char *key, const char **s, size_t *len, wrdp_error *err)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    if (!v)
        return missing(key, "missing", err);
    if (v->type != WRDP_JSON_STRING)
        return missing(key, "expected a string", err);
    *s = v->str;
    *len = v->len;
    return WRDP_OK;
}

int wrdp_json_as_hex(const wrdp_json *v, const char *what, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err)
{
    out->data = NULL;
    out->len = 0;
    if (!v)
        return missing(what, "missing", err);
    if (v->type != WRDP_JSON_STRING || (v->len & 1))
        return missing(what, "expected a hex string of whole bytes", err);
    size_t n = v->len / 2;
    uint8_t *b = wrdp_arena_alloc(a, n ? n : 1);
    if (!b)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"%s\": too large", what);
    for (size_t i = 0; i < n; i++) {
        int hi = hexval(v->str[2 * i]), lo = hexval(v->str[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return missing(what, "expected a hex string", err);
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    out->data = b;
    out->len = n;
    return WRDP_OK;
}

int wrdp_json_get_hex(const wrdp_json *obj, const char *key, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err)
{
    return wrdp_json_as_hex(wrdp_json_get(obj, key), key, out, a, err);
}

int wrdp_json_get_utf16(const wrdp_json *obj, const char *key, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err)
{
    const char *s;
    size_t len;
    out->data = NULL;
    out->len = 0;
    if (wrdp_json_get_string(obj, key, &s, &len, err))
        return WRDP_ERR;
    size_t n = wrdp_utf8_to_utf16le(s, len, NULL, 0);
    uint8_t *b = wrdp_arena_alloc(a, n ? n : 1);
    if (!b)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "json: \"%s\": too large", key);
    wrdp_utf8_to_utf16le(s, len, b, n);
    out->data = b;
    out->len = n;
    return WRDP_OK;
}

int wrdp_json_get_object(const wrdp_json *obj, const char *key, const wrdp_json **out, wrdp_error *err)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    *out = NULL;
    if (!v)
        return missing(key, "missing", err);
    if (v->type != WRDP_JSON_OBJECT)
        return missing(key, "expected an object", err);
    *out = v;
    return WRDP_OK;
}

int wrdp_json_get_array(const wrdp_json *obj, const char *key, const wrdp_json **out, wrdp_error *err)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    *out = NULL;
    if (!v)
        return missing(key, "missing", err);
    if (v->type != WRDP_JSON_ARRAY)
        return missing(key, "expected an array", err);
    *out = v;
    return WRDP_OK;
}
