/* Decode / encode any registered PDU by name, through its JSON form. */
#include <string.h>

#include "pdu/kind.h"

#define JSON_ARENA_LIMIT ((size_t)64 * 1024 * 1024)

/* Decoded structs have fixed-size lists; the arena gives one zeroed, aligned block. */
static void *struct_buffer(const wrdp_pdu_kind *k, wrdp_arena *a, wrdp_error *err)
{
    void *p = wrdp_arena_alloc(a, k->size);
    if (!p)
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "%s: no memory for the decoded form", k->name);
    return p;
}

int wrdp_pdu_kind_to_json(const wrdp_pdu_kind *k, const uint8_t *data, size_t len, bool pretty, wrdp_writer *w,
                          size_t *consumed, wrdp_error *err)
{
    wrdp_arena a;
    wrdp_arena_init(&a, k->size + 64);
    void *pdu = struct_buffer(k, &a, err);
    int rc = WRDP_ERR;
    if (pdu) {
        wrdp_cursor c;
        wrdp_cursor_init(&c, data, len, k->name, err);
        if (k->decode(&c, pdu) == WRDP_OK && wrdp_cursor_ok(&c)) {
            wrdp_json_writer j;
            wrdp_jw_init(&j, w, pretty);
            k->to_json(pdu, &j);
            if (consumed)
                *consumed = c.pos;
            rc = wrdp_writer_status(w);
        } else if (err && err->kind == WRDP_ERROR_NONE) {
            wrdp_error_set(err, WRDP_ERROR_DECODE, "%s: decode failed", k->name);
        }
    }
    wrdp_arena_free(&a);
    return rc;
}

int wrdp_pdu_kind_from_json(const wrdp_pdu_kind *k, const char *json, size_t len, wrdp_writer *w, wrdp_error *err)
{
    wrdp_arena a;
    wrdp_arena_init(&a, JSON_ARENA_LIMIT);
    int rc = WRDP_ERR;
    const wrdp_json *doc = wrdp_json_parse(json, len, &a, err);
    void *pdu = doc ? struct_buffer(k, &a, err) : NULL;
    if (pdu && k->from_json(doc, pdu, &a, err) == WRDP_OK)
        rc = k->encode(pdu, w) == WRDP_OK ? wrdp_writer_status(w) : WRDP_ERR;
    wrdp_arena_free(&a);
    return rc;
}

int wrdp_pdu_kind_roundtrip(const wrdp_pdu_kind *k, const uint8_t *data, size_t len, wrdp_writer *w,
                            size_t *consumed, wrdp_error *err)
{
    wrdp_arena a;
    wrdp_arena_init(&a, k->size + 64);
    void *pdu = struct_buffer(k, &a, err);
    int rc = WRDP_ERR;
    if (pdu) {
        wrdp_cursor c;
        wrdp_cursor_init(&c, data, len, k->name, err);
        if (k->decode(&c, pdu) == WRDP_OK && wrdp_cursor_ok(&c)) {
            if (consumed)
                *consumed = c.pos;
            rc = k->encode(pdu, w) == WRDP_OK ? wrdp_writer_status(w) : WRDP_ERR;
        } else if (err && err->kind == WRDP_ERROR_NONE) {
            wrdp_error_set(err, WRDP_ERROR_DECODE, "%s: decode failed", k->name);
        }
    }
    wrdp_arena_free(&a);
    return rc;
}

size_t wrdp_pdu_count(void) { return wrdp_pdu_kind_count(); }

const char *wrdp_pdu_name(size_t index)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_at(index);
    return k ? k->name : NULL;
}

const char *wrdp_pdu_title(size_t index)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_at(index);
    return k ? k->title : NULL;
}

static const wrdp_pdu_kind *find(const char *name, wrdp_error *err)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(name);
    if (!k)
        wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "unknown PDU kind \"%s\"", name ? name : "(null)");
    return k;
}

long wrdp_pdu_decode_json(const char *name, const uint8_t *data, size_t len, char *out, size_t cap, size_t *consumed,
                          wrdp_error *err)
{
    const wrdp_pdu_kind *k = find(name, err);
    if (!k)
        return -1;
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, out, cap ? cap - 1 : 0, err);
    if (wrdp_pdu_kind_to_json(k, data, len, false, &w, consumed, err))
        return -1;
    if (cap)
        out[w.len] = 0;
    return (long)w.len;
}

long wrdp_pdu_encode_json(const char *name, const char *json, size_t json_len, uint8_t *out, size_t cap,
                          wrdp_error *err)
{
    const wrdp_pdu_kind *k = find(name, err);
    if (!k)
        return -1;
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, out, cap, err);
    if (wrdp_pdu_kind_from_json(k, json, json_len, &w, err))
        return -1;
    return (long)w.len;
}
