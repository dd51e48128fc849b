/* JSON writing and reading, for the `webrdp pdu` tool, tests and the wasm
 * debugging exports. Internal. The reader is a parser of untrusted text: it is
 * bounded (depth, size through the arena) and has its own fuzz target. */
#ifndef WRDP_CORE_JSON_H
#define WRDP_CORE_JSON_H

#include <stdbool.h>
#include "webrdp/utils.h"

/* ---- writer: commas and nesting are handled for the caller ------------- */
#define WRDP_JSON_MAX_DEPTH 64

typedef struct wrdp_json_writer {
    wrdp_writer *w;
    int depth;
    bool need_comma[WRDP_JSON_MAX_DEPTH + 1];
    bool after_key;
    bool pretty;
} wrdp_json_writer;

void wrdp_jw_init(wrdp_json_writer *j, wrdp_writer *w, bool pretty);
void wrdp_jw_object_begin(wrdp_json_writer *j);
void wrdp_jw_object_end(wrdp_json_writer *j);
void wrdp_jw_array_begin(wrdp_json_writer *j);
void wrdp_jw_array_end(wrdp_json_writer *j);
void wrdp_jw_key(wrdp_json_writer *j, const char *key);
void wrdp_jw_uint(wrdp_json_writer *j, uint64_t v);
void wrdp_jw_int(wrdp_json_writer *j, int64_t v);
void wrdp_jw_bool(wrdp_json_writer *j, bool v);
void wrdp_jw_null(wrdp_json_writer *j);
void wrdp_jw_string(wrdp_json_writer *j, const char *s, size_t len); /* UTF-8, escaped */
void wrdp_jw_cstring(wrdp_json_writer *j, const char *s);
void wrdp_jw_hex(wrdp_json_writer *j, const void *data, size_t len);  /* "0a1b..." */
void wrdp_jw_utf16(wrdp_json_writer *j, const void *data, size_t len);/* UTF-16LE -> JSON string */
/* key + value in one call */
void wrdp_jw_kv_uint(wrdp_json_writer *j, const char *key, uint64_t v);
void wrdp_jw_kv_int(wrdp_json_writer *j, const char *key, int64_t v);
void wrdp_jw_kv_bool(wrdp_json_writer *j, const char *key, bool v);
void wrdp_jw_kv_cstring(wrdp_json_writer *j, const char *key, const char *s);
void wrdp_jw_kv_string(wrdp_json_writer *j, const char *key, const char *s, size_t len);
void wrdp_jw_kv_hex(wrdp_json_writer *j, const char *key, const void *data, size_t len);
void wrdp_jw_kv_bytes(wrdp_json_writer *j, const char *key, wrdp_bytes b); /* hex */
void wrdp_jw_kv_utf16(wrdp_json_writer *j, const char *key, const void *data, size_t len);

/* ---- reader: a DOM allocated in an arena -------------------------------- */
typedef enum wrdp_json_type {
    WRDP_JSON_NULL, WRDP_JSON_BOOL, WRDP_JSON_NUMBER, WRDP_JSON_STRING, WRDP_JSON_ARRAY, WRDP_JSON_OBJECT
} wrdp_json_type;

typedef struct wrdp_json wrdp_json;
struct wrdp_json {
    wrdp_json_type type;
    bool boolean;
    bool is_integer;      /* number written without fraction or exponent, fits int64/uint64 */
    bool negative;
    uint64_t magnitude;   /* |value| for integers */
    double number;
    const char *str;      /* strings: UTF-8, NUL-terminated, `len` bytes (may contain NUL) */
    size_t len;           /* strings: bytes; arrays/objects: element count */
    const char *key;      /* member name when inside an object */
    wrdp_json *first;     /* first child (arrays, objects) */
    wrdp_json *next;      /* next sibling */
};

/* Parses all of `text` (trailing whitespace only). NULL on error (decode error set). */
const wrdp_json *wrdp_json_parse(const char *text, size_t len, wrdp_arena *arena, wrdp_error *err);

const wrdp_json *wrdp_json_get(const wrdp_json *obj, const char *key); /* NULL if absent or not an object */
const wrdp_json *wrdp_json_at(const wrdp_json *arr, size_t i);

/* Required members: fail with WRDP_ERROR_INVALID_ARGUMENT naming the key when the
 * member is missing, of the wrong type or out of range. */
int wrdp_json_get_uint(const wrdp_json *obj, const char *key, uint64_t max, uint64_t *out, wrdp_error *err);
int wrdp_json_get_u8(const wrdp_json *obj, const char *key, uint8_t *out, wrdp_error *err);
int wrdp_json_get_u16(const wrdp_json *obj, const char *key, uint16_t *out, wrdp_error *err);
int wrdp_json_get_u32(const wrdp_json *obj, const char *key, uint32_t *out, wrdp_error *err);
int wrdp_json_get_u64(const wrdp_json *obj, const char *key, uint64_t *out, wrdp_error *err);
int wrdp_json_get_i32(const wrdp_json *obj, const char *key, int32_t *out, wrdp_error *err);
int wrdp_json_get_bool(const wrdp_json *obj, const char *key, bool *out, wrdp_error *err);
int wrdp_json_get_string(const wrdp_json *obj, const char *key, const char **s, size_t *len, wrdp_error *err);
/* hex string -> bytes in the arena */
int wrdp_json_get_hex(const wrdp_json *obj, const char *key, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err);
/* JSON string -> UTF-16LE bytes in the arena (no terminator added) */
int wrdp_json_get_utf16(const wrdp_json *obj, const char *key, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err);
/* Values (not members) of the same kinds, for array elements. */
int wrdp_json_as_uint(const wrdp_json *v, const char *what, uint64_t max, uint64_t *out, wrdp_error *err);
int wrdp_json_as_hex(const wrdp_json *v, const char *what, wrdp_bytes *out, wrdp_arena *a, wrdp_error *err);
/* A member that must be an object / array (returned through *out). */
int wrdp_json_get_object(const wrdp_json *obj, const char *key, const wrdp_json **out, wrdp_error *err);
int wrdp_json_get_array(const wrdp_json *obj, const char *key, const wrdp_json **out, wrdp_error *err);

#endif
