/* webrdp — utilities shared by every module: byte views, the bounds-checked
 * read cursor, the capped write buffer, the arena, UTF-8 <-> UTF-16LE. */
#ifndef WEBRDP_UTILS_H
#define WEBRDP_UTILS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The largest single allocation webrdp makes; anything bigger fails with
 * WRDP_ERROR_LIMIT instead of trusting a length read from the wire. */
#define WRDP_ALLOC_MAX ((size_t)256 * 1024 * 1024)

void *wrdp_alloc(size_t size);               /* NULL when size is 0, too big or memory is out */
void *wrdp_calloc(size_t count, size_t size);/* overflow-checked */
void *wrdp_realloc(void *p, size_t size);
void wrdp_free(void *p);

/* A view of bytes owned by someone else (usually the input buffer). */
typedef struct wrdp_bytes {
    const uint8_t *data;
    size_t len;
} wrdp_bytes;

/* ---- read cursor ------------------------------------------------------
 * Reads are sticky-failing: the first read past the end records a decode
 * error naming the PDU and the field, sets `failed`, and every later read
 * returns zero. Decoders read freely and check wrdp_cursor_ok() before they
 * trust a value for a length, a count or an allocation. */
typedef struct wrdp_cursor {
    const uint8_t *data;
    size_t len;
    size_t pos;
    size_t base;               /* offset of data[0] in the outermost input, for messages */
    const char *pdu;           /* name used in error messages */
    wrdp_error *err;           /* where the first failure is written (may be NULL) */
    struct wrdp_cursor *parent;/* a sub-cursor propagates its failure upward */
    int failed;
} wrdp_cursor;

void wrdp_cursor_init(wrdp_cursor *c, const void *data, size_t len, const char *pdu, wrdp_error *err);
static inline size_t wrdp_cursor_remaining(const wrdp_cursor *c) { return c->failed ? 0 : c->len - c->pos; }
static inline int wrdp_cursor_ok(const wrdp_cursor *c) { return !c->failed; }
/* Ensures n more bytes exist; otherwise fails naming `field`. Returns 0 / WRDP_ERR. */
int wrdp_cursor_need(wrdp_cursor *c, size_t n, const char *field);
/* Records a decode error at the current position; returns WRDP_ERR. */
int wrdp_cursor_fail(wrdp_cursor *c, const char *field, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Status of everything read so far: 0 or WRDP_ERR. */
static inline int wrdp_cursor_status(const wrdp_cursor *c) { return c->failed ? WRDP_ERR : WRDP_OK; }
/* Fails unless every byte was consumed. */
int wrdp_cursor_expect_end(wrdp_cursor *c);
/* Splits the next n bytes off as a sub-cursor (same pdu name and error) and advances past them. */
int wrdp_cursor_sub(wrdp_cursor *c, size_t n, wrdp_cursor *sub, const char *field);
/* Returns a pointer to the next n bytes without advancing, or NULL (and fails). */
const uint8_t *wrdp_cursor_peek(wrdp_cursor *c, size_t n, const char *field);

uint8_t wrdp_rd_u8(wrdp_cursor *c, const char *field);
uint16_t wrdp_rd_u16le(wrdp_cursor *c, const char *field);
uint16_t wrdp_rd_u16be(wrdp_cursor *c, const char *field);
uint32_t wrdp_rd_u32le(wrdp_cursor *c, const char *field);
uint32_t wrdp_rd_u32be(wrdp_cursor *c, const char *field);
uint64_t wrdp_rd_u64le(wrdp_cursor *c, const char *field);
int wrdp_rd_bytes(wrdp_cursor *c, size_t n, wrdp_bytes *out, const char *field);
int wrdp_rd_copy(wrdp_cursor *c, void *dst, size_t n, const char *field);
int wrdp_rd_skip(wrdp_cursor *c, size_t n, const char *field);
/* The rest of the input as a view (may be empty). */
wrdp_bytes wrdp_rd_rest(wrdp_cursor *c);

/* ---- write buffer -----------------------------------------------------
 * Growable up to `limit` bytes (or fixed, over a caller buffer). Writes are
 * sticky-failing like reads: overflow records WRDP_ERROR_LIMIT once. */
typedef struct wrdp_writer {
    uint8_t *data;
    size_t len;
    size_t cap;
    size_t limit;
    int owned;   /* data was allocated by the writer and is freed by wrdp_writer_free */
    int failed;
    wrdp_error *err;
} wrdp_writer;

#define WRDP_WRITER_DEFAULT_LIMIT ((size_t)16 * 1024 * 1024)

void wrdp_writer_init(wrdp_writer *w, size_t limit, wrdp_error *err);
void wrdp_writer_init_fixed(wrdp_writer *w, void *buf, size_t cap, wrdp_error *err);
void wrdp_writer_free(wrdp_writer *w);
void wrdp_writer_reset(wrdp_writer *w); /* len = 0, keeps memory, clears failure */
static inline int wrdp_writer_status(const wrdp_writer *w) { return w->failed ? WRDP_ERR : WRDP_OK; }
/* Makes room for n more bytes and returns where they go (len advanced), or NULL. */
uint8_t *wrdp_wr_reserve(wrdp_writer *w, size_t n);
/* Records an encode error (a value that does not fit); returns WRDP_ERR. */
int wrdp_writer_fail(wrdp_writer *w, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

void wrdp_wr_u8(wrdp_writer *w, uint8_t v);
void wrdp_wr_u16le(wrdp_writer *w, uint16_t v);
void wrdp_wr_u16be(wrdp_writer *w, uint16_t v);
void wrdp_wr_u32le(wrdp_writer *w, uint32_t v);
void wrdp_wr_u32be(wrdp_writer *w, uint32_t v);
void wrdp_wr_u64le(wrdp_writer *w, uint64_t v);
void wrdp_wr_bytes(wrdp_writer *w, const void *src, size_t n);
void wrdp_wr_fill(wrdp_writer *w, uint8_t byte, size_t n);
/* Overwrite already-written bytes (for lengths known only at the end). */
void wrdp_wr_put_u8_at(wrdp_writer *w, size_t pos, uint8_t v);
void wrdp_wr_put_u16le_at(wrdp_writer *w, size_t pos, uint16_t v);
void wrdp_wr_put_u16be_at(wrdp_writer *w, size_t pos, uint16_t v);
void wrdp_wr_put_u32le_at(wrdp_writer *w, size_t pos, uint32_t v);
/* Inserts n bytes at pos, moving what follows (for headers whose size depends on the body). */
uint8_t *wrdp_wr_insert(wrdp_writer *w, size_t pos, size_t n);

/* ---- arena: many small allocations released together -------------------- */
typedef struct wrdp_arena_chunk wrdp_arena_chunk;
typedef struct wrdp_arena {
    wrdp_arena_chunk *head;
    size_t used;   /* total bytes handed out */
    size_t limit;  /* cap on `used` */
} wrdp_arena;

void wrdp_arena_init(wrdp_arena *a, size_t limit);
void *wrdp_arena_alloc(wrdp_arena *a, size_t n); /* zeroed, 8-aligned; NULL past the limit */
void wrdp_arena_free(wrdp_arena *a);

/* ---- text ---------------------------------------------------------------
 * Invalid input never fails: bad UTF-8 and unpaired surrogates become U+FFFD.
 * Both return the number of output bytes the whole conversion needs (no NUL
 * terminator is counted or written); at most `cap` bytes are written. */
size_t wrdp_utf8_to_utf16le(const char *src, size_t len, uint8_t *out, size_t cap);
size_t wrdp_utf16le_to_utf8(const uint8_t *src, size_t len, char *out, size_t cap);
/* Length in bytes of a UTF-16LE string up to (not including) its first NUL code unit. */
size_t wrdp_utf16le_strnlen(const uint8_t *src, size_t len);

#ifdef __cplusplus
}
#endif
#endif
