/* CLIPRDR PDUs ([MS-RDPECLIP] 2.2): decode and encode, one pair a PDU. Every
 * decoder takes the whole PDU (header included) so a caller can hand it a
 * channel message as it arrived. */
#include <string.h>

#include "webrdp/clipboard.h"
#include "channels/cliprdr_internal.h"

size_t wrdp_cliprdr_pdu_length(const uint8_t *buf, size_t len)
{
    if (len < WRDP_CLIPRDR_HEADER_SIZE)
        return 0;
    uint32_t data_len = (uint32_t)buf[4] | (uint32_t)buf[5] << 8 | (uint32_t)buf[6] << 16 | (uint32_t)buf[7] << 24;
    if (data_len > len - WRDP_CLIPRDR_HEADER_SIZE)
        return 0;
    return WRDP_CLIPRDR_HEADER_SIZE + (size_t)data_len;
}

int wrdp_cliprdr_header_decode(wrdp_cursor *c, wrdp_cliprdr_header *h, wrdp_bytes *body)
{
    h->msg_type = wrdp_rd_u16le(c, "msgType");
    h->msg_flags = wrdp_rd_u16le(c, "msgFlags");
    h->data_len = wrdp_rd_u32le(c, "dataLen");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    return wrdp_rd_bytes(c, h->data_len, body, "data");
}

/* Opens a PDU of the expected type: `body` is a cursor over its dataLen bytes. */
int cliprdr_open(const uint8_t *pdu, size_t len, uint16_t type, const char *name, wrdp_cursor *body,
                 wrdp_cliprdr_header *h, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_bytes b;
    wrdp_cursor_init(&c, pdu, len, name, err);
    if (wrdp_cliprdr_header_decode(&c, h, &b) != WRDP_OK)
        return WRDP_ERR;
    if (h->msg_type != type)
        return wrdp_cursor_fail(&c, "msgType", "is 0x%04x, expected 0x%04x", h->msg_type, type);
    wrdp_cursor_init(body, b.data, b.len, name, err);
    body->base = WRDP_CLIPRDR_HEADER_SIZE;
    return WRDP_OK;
}

size_t cliprdr_begin(wrdp_writer *w, uint16_t type, uint16_t flags)
{
    size_t start = w->len;
    wrdp_wr_u16le(w, type);
    wrdp_wr_u16le(w, flags);
    wrdp_wr_u32le(w, 0);
    return start;
}

int cliprdr_end(wrdp_writer *w, size_t start)
{
    if (w->failed)
        return WRDP_ERR;
    wrdp_wr_put_u32le_at(w, start + 4, (uint32_t)(w->len - start - WRDP_CLIPRDR_HEADER_SIZE));
    return wrdp_writer_status(w);
}

/* UTF-16LE (no NUL) -> UTF-8 in out[cap], truncated at a character boundary, NUL-terminated. */
void cliprdr_utf16_to_name(const uint8_t *src, size_t len, char *out, size_t cap)
{
    size_t need = wrdp_utf16le_to_utf8(src, len & ~(size_t)1, out, cap - 1);
    size_t n = need < cap - 1 ? need : cap - 1;
    if (need > n) {
        /* drop a character cut in half */
        size_t i = n;
        while (i > 0 && ((unsigned char)out[i - 1] & 0xC0) == 0x80)
            i--;
        if (i > 0 && ((unsigned char)out[i - 1] & 0x80)) {
            unsigned char lead = (unsigned char)out[i - 1];
            size_t seq = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
            if (i - 1 + seq > n)
                n = i - 1;
        }
    }
    out[n] = '\0';
}

/* Writes name as UTF-16LE followed by a NUL unit. */
void cliprdr_wr_utf16z(wrdp_writer *w, const char *name)
{
    size_t len = strlen(name);
    size_t n = wrdp_utf8_to_utf16le(name, len, NULL, 0);
    uint8_t *p = wrdp_wr_reserve(w, n + 2);
    if (!p)
        return;
    wrdp_utf8_to_utf16le(name, len, p, n);
    p[n] = p[n + 1] = 0;
}

/* A fixed-size UTF-16LE field, NUL-padded; fails when the name does not fit with its NUL. */
int cliprdr_wr_utf16_fixed(wrdp_writer *w, const char *name, size_t field)
{
    size_t len = strlen(name);
    size_t n = wrdp_utf8_to_utf16le(name, len, NULL, 0);
    if (n + 2 > field)
        return wrdp_writer_fail(w, "cliprdr: name of %zu UTF-16 bytes exceeds a %zu-byte field", n, field);
    uint8_t *p = wrdp_wr_reserve(w, field);
    if (!p)
        return WRDP_ERR;
    memset(p, 0, field);
    wrdp_utf8_to_utf16le(name, len, p, n);
    return WRDP_OK;
}

/* ---- Capabilities (2.2.2.1) ---- */

int wrdp_cliprdr_caps_decode(const uint8_t *pdu, size_t len, wrdp_cliprdr_caps *caps, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    memset(caps, 0, sizeof *caps);
    if (cliprdr_open(pdu, len, WRDP_CB_CLIP_CAPS, "CLIPRDR_CAPS", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    uint16_t count = wrdp_rd_u16le(&c, "cCapabilitiesSets");
    wrdp_rd_skip(&c, 2, "pad1");
    for (uint16_t i = 0; i < count && wrdp_cursor_ok(&c); i++) {
        uint16_t type = wrdp_rd_u16le(&c, "capabilitySetType");
        uint16_t set_len = wrdp_rd_u16le(&c, "lengthCapability");
        if (!wrdp_cursor_ok(&c))
            break;
        if (set_len < 4)
            return wrdp_cursor_fail(&c, "lengthCapability", "%u is shorter than its header", set_len);
        wrdp_cursor set;
        if (wrdp_cursor_sub(&c, set_len - 4u, &set, "capabilitySet") != WRDP_OK)
            break;
        if (type == 1 && !caps->has_general) { /* CB_CAPSTYPE_GENERAL */
            caps->version = wrdp_rd_u32le(&set, "version");
            caps->general_flags = wrdp_rd_u32le(&set, "generalFlags");
            caps->has_general = wrdp_cursor_ok(&set);
        }
    }
    return wrdp_cursor_status(&c);
}

int wrdp_cliprdr_caps_encode(const wrdp_cliprdr_caps *caps, wrdp_writer *out)
{
    size_t start = cliprdr_begin(out, WRDP_CB_CLIP_CAPS, 0);
    wrdp_wr_u16le(out, 1); /* one set */
    wrdp_wr_u16le(out, 0);
    wrdp_wr_u16le(out, 1); /* CB_CAPSTYPE_GENERAL */
    wrdp_wr_u16le(out, 12);
    wrdp_wr_u32le(out, caps->version);
    wrdp_wr_u32le(out, caps->general_flags);
    return cliprdr_end(out, start);
}

int wrdp_cliprdr_simple_encode(uint16_t msg_type, uint16_t msg_flags, wrdp_writer *out)
{
    return cliprdr_end(out, cliprdr_begin(out, msg_type, msg_flags));
}

/* ---- Format List (2.2.3.1) ---- */

static void add_format(wrdp_cliprdr_format_list *fl, uint32_t id)
{
    /* formats past the cap are dropped: a list that long is hostile or useless */
    if (fl->count < WRDP_CLIPRDR_MAX_FORMATS) {
        fl->formats[fl->count].id = id;
        fl->formats[fl->count].name[0] = '\0';
        fl->count++;
    }
}

int wrdp_cliprdr_format_list_decode(const uint8_t *pdu, size_t len, bool long_names, wrdp_cliprdr_format_list *fl,
                                    wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    fl->count = 0;
    fl->ascii_names = false;
    if (cliprdr_open(pdu, len, WRDP_CB_FORMAT_LIST, "CLIPRDR_FORMAT_LIST", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    fl->ascii_names = (h.msg_flags & WRDP_CB_ASCII_NAMES) != 0;
    if (!long_names) {
        if (c.len % 36 != 0)
            return wrdp_cursor_fail(&c, "formats", "%zu bytes is not a whole number of short names", c.len);
        while (wrdp_cursor_remaining(&c) >= 36) {
            uint32_t id = wrdp_rd_u32le(&c, "formatId");
            const uint8_t *name = wrdp_cursor_peek(&c, 32, "formatName");
            wrdp_rd_skip(&c, 32, "formatName");
            if (!name)
                break;
            size_t before = fl->count;
            add_format(fl, id);
            if (fl->count == before)
                continue;
            char *dst = fl->formats[fl->count - 1].name;
            if (fl->ascii_names) {
                size_t n = 0;
                while (n < 32 && name[n])
                    n++;
                /* 8-bit names: the ASCII range is what matters (registered names are ASCII) */
                size_t o = 0;
                for (size_t i = 0; i < n; i++)
                    dst[o++] = name[i] < 0x80 ? (char)name[i] : '?';
                dst[o] = '\0';
            } else {
                cliprdr_utf16_to_name(name, wrdp_utf16le_strnlen(name, 32), dst, WRDP_CLIPRDR_NAME_MAX);
            }
        }
        return wrdp_cursor_status(&c);
    }
    while (wrdp_cursor_remaining(&c) > 0) {
        uint32_t id = wrdp_rd_u32le(&c, "formatId");
        size_t rem = wrdp_cursor_remaining(&c);
        const uint8_t *p = c.data + c.pos;
        if (!wrdp_cursor_ok(&c))
            break;
        size_t n = wrdp_utf16le_strnlen(p, rem);
        if (n + 2 > rem)
            return wrdp_cursor_fail(&c, "wszFormatName", "has no NUL terminator");
        size_t before = fl->count;
        add_format(fl, id);
        if (fl->count > before)
            cliprdr_utf16_to_name(p, n, fl->formats[fl->count - 1].name, WRDP_CLIPRDR_NAME_MAX);
        wrdp_rd_skip(&c, n + 2, "wszFormatName");
    }
    return wrdp_cursor_status(&c);
}

int wrdp_cliprdr_format_list_encode(const wrdp_cliprdr_format_list *fl, bool long_names, wrdp_writer *out)
{
    size_t start = cliprdr_begin(out, WRDP_CB_FORMAT_LIST, 0);
    for (size_t i = 0; i < fl->count && i < WRDP_CLIPRDR_MAX_FORMATS; i++) {
        wrdp_wr_u32le(out, fl->formats[i].id);
        if (long_names) {
            cliprdr_wr_utf16z(out, fl->formats[i].name);
        } else {
            /* short names hold 15 UTF-16 units and a NUL; longer names are cut */
            uint8_t field[32] = {0};
            const char *name = fl->formats[i].name;
            size_t n = wrdp_utf8_to_utf16le(name, strlen(name), field, 30);
            (void)n;
            wrdp_wr_bytes(out, field, 32);
        }
    }
    return cliprdr_end(out, start);
}

/* ---- Format List Response (2.2.3.2) ---- */

int wrdp_cliprdr_format_list_response_decode(const uint8_t *pdu, size_t len, bool *ok, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    if (cliprdr_open(pdu, len, WRDP_CB_FORMAT_LIST_RESPONSE, "CLIPRDR_FORMAT_LIST_RESPONSE", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    *ok = (h.msg_flags & WRDP_CB_RESPONSE_OK) != 0;
    return WRDP_OK;
}

int wrdp_cliprdr_format_list_response_encode(bool ok, wrdp_writer *out)
{
    return wrdp_cliprdr_simple_encode(WRDP_CB_FORMAT_LIST_RESPONSE, ok ? WRDP_CB_RESPONSE_OK : WRDP_CB_RESPONSE_FAIL,
                                      out);
}

/* ---- Format Data Request / Response (2.2.5.1, 2.2.5.2) ---- */

int wrdp_cliprdr_format_data_request_decode(const uint8_t *pdu, size_t len, uint32_t *format_id, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    if (cliprdr_open(pdu, len, WRDP_CB_FORMAT_DATA_REQUEST, "CLIPRDR_FORMAT_DATA_REQUEST", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    *format_id = wrdp_rd_u32le(&c, "requestedFormatId");
    return wrdp_cursor_status(&c);
}

int wrdp_cliprdr_format_data_request_encode(uint32_t format_id, wrdp_writer *out)
{
    size_t start = cliprdr_begin(out, WRDP_CB_FORMAT_DATA_REQUEST, 0);
    wrdp_wr_u32le(out, format_id);
    return cliprdr_end(out, start);
}

int wrdp_cliprdr_format_data_response_decode(const uint8_t *pdu, size_t len, bool *ok, wrdp_bytes *data,
                                             wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    if (cliprdr_open(pdu, len, WRDP_CB_FORMAT_DATA_RESPONSE, "CLIPRDR_FORMAT_DATA_RESPONSE", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    *ok = (h.msg_flags & WRDP_CB_RESPONSE_OK) != 0;
    *data = wrdp_rd_rest(&c);
    return WRDP_OK;
}

int wrdp_cliprdr_format_data_response_encode(bool ok, const uint8_t *data, size_t len, wrdp_writer *out)
{
    if (len > UINT32_MAX - 16)
        return wrdp_writer_fail(out, "cliprdr: %zu bytes do not fit a Format Data Response", len);
    size_t start = cliprdr_begin(out, WRDP_CB_FORMAT_DATA_RESPONSE, ok ? WRDP_CB_RESPONSE_OK : WRDP_CB_RESPONSE_FAIL);
    if (ok && len)
        wrdp_wr_bytes(out, data, len);
    return cliprdr_end(out, start);
}

/* ---- Lock / Unlock (2.2.4.1, 2.2.4.2) ---- */

int wrdp_cliprdr_lock_decode(const uint8_t *pdu, size_t len, uint16_t *msg_type, uint32_t *clip_data_id,
                             wrdp_error *err)
{
    uint16_t type = len >= 2 ? (uint16_t)(pdu[0] | pdu[1] << 8) : 0;
    if (type != WRDP_CB_UNLOCK_CLIPDATA)
        type = WRDP_CB_LOCK_CLIPDATA;
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    if (cliprdr_open(pdu, len, type, "CLIPRDR_LOCK_CLIPDATA", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    *msg_type = type;
    *clip_data_id = wrdp_rd_u32le(&c, "clipDataId");
    return wrdp_cursor_status(&c);
}

int wrdp_cliprdr_lock_encode(uint16_t msg_type, uint32_t clip_data_id, wrdp_writer *out)
{
    size_t start = cliprdr_begin(out, msg_type, 0);
    wrdp_wr_u32le(out, clip_data_id);
    return cliprdr_end(out, start);
}

/* ---- Temporary Directory (2.2.2.3) ---- */

int wrdp_cliprdr_temp_dir_decode(const uint8_t *pdu, size_t len, char path[WRDP_CLIPRDR_TEMP_DIR_MAX],
                                 wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    path[0] = '\0';
    if (cliprdr_open(pdu, len, WRDP_CB_TEMP_DIRECTORY, "CLIPRDR_TEMP_DIRECTORY", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    const uint8_t *p = wrdp_cursor_peek(&c, 520, "wszTempDir");
    if (!p)
        return WRDP_ERR;
    cliprdr_utf16_to_name(p, wrdp_utf16le_strnlen(p, 520), path, WRDP_CLIPRDR_TEMP_DIR_MAX);
    return wrdp_rd_skip(&c, 520, "wszTempDir");
}

int wrdp_cliprdr_temp_dir_encode(const char *path, wrdp_writer *out)
{
    size_t start = cliprdr_begin(out, WRDP_CB_TEMP_DIRECTORY, 0);
    cliprdr_wr_utf16_fixed(out, path, 520);
    return cliprdr_end(out, start);
}

/* ---- File Contents Request / Response (2.2.5.3, 2.2.5.4) ---- */

int wrdp_cliprdr_file_contents_request_decode(const uint8_t *pdu, size_t len, wrdp_cliprdr_file_contents_request *r,
                                              wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    memset(r, 0, sizeof *r);
    if (cliprdr_open(pdu, len, WRDP_CB_FILECONTENTS_REQUEST, "CLIPRDR_FILECONTENTS_REQUEST", &c, &h, err) != WRDP_OK)
        return WRDP_ERR;
    r->stream_id = wrdp_rd_u32le(&c, "streamId");
    r->index = (int32_t)wrdp_rd_u32le(&c, "lindex");
    r->flags = wrdp_rd_u32le(&c, "dwFlags");
    uint32_t lo = wrdp_rd_u32le(&c, "nPositionLow");
    uint32_t hi = wrdp_rd_u32le(&c, "nPositionHigh");
    r->position = (uint64_t)hi << 32 | lo;
    r->requested = wrdp_rd_u32le(&c, "cbRequested");
    if (wrdp_cursor_remaining(&c) >= 4) {
        r->clip_data_id = wrdp_rd_u32le(&c, "clipDataId");
        r->has_clip_data_id = true;
    }
    return wrdp_cursor_status(&c);
}

int wrdp_cliprdr_file_contents_request_encode(const wrdp_cliprdr_file_contents_request *r, wrdp_writer *out)
{
    size_t start = cliprdr_begin(out, WRDP_CB_FILECONTENTS_REQUEST, 0);
    wrdp_wr_u32le(out, r->stream_id);
    wrdp_wr_u32le(out, (uint32_t)r->index);
    wrdp_wr_u32le(out, r->flags);
    wrdp_wr_u32le(out, (uint32_t)r->position);
    wrdp_wr_u32le(out, (uint32_t)(r->position >> 32));
    wrdp_wr_u32le(out, r->requested);
    if (r->has_clip_data_id)
        wrdp_wr_u32le(out, r->clip_data_id);
    return cliprdr_end(out, start);
}

int wrdp_cliprdr_file_contents_response_decode(const uint8_t *pdu, size_t len, bool *ok, uint32_t *stream_id,
                                               wrdp_bytes *data, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    if (cliprdr_open(pdu, len, WRDP_CB_FILECONTENTS_RESPONSE, "CLIPRDR_FILECONTENTS_RESPONSE", &c, &h, err) !=
        WRDP_OK)
        return WRDP_ERR;
    *ok = (h.msg_flags & WRDP_CB_RESPONSE_OK) != 0;
    *stream_id = wrdp_rd_u32le(&c, "streamId");
    *data = wrdp_rd_rest(&c);
    return wrdp_cursor_status(&c);
}

int wrdp_cliprdr_file_contents_response_encode(bool ok, uint32_t stream_id, const uint8_t *data, size_t len,
                                               wrdp_writer *out)
{
    if (len > UINT32_MAX - 16)
        return wrdp_writer_fail(out, "cliprdr: %zu bytes do not fit a File Contents Response", len);
    size_t start = cliprdr_begin(out, WRDP_CB_FILECONTENTS_RESPONSE, ok ? WRDP_CB_RESPONSE_OK : WRDP_CB_RESPONSE_FAIL);
    wrdp_wr_u32le(out, stream_id);
    if (ok && len)
        wrdp_wr_bytes(out, data, len);
    return cliprdr_end(out, start);
}

/* ---- CLIPRDR_FILELIST (2.2.5.2.3) ---- */

#define FILEDESCRIPTORW_SIZE 592

int wrdp_cliprdr_file_list_decode(const uint8_t *data, size_t len, wrdp_cliprdr_file **files, size_t *count,
                                  wrdp_error *err)
{
    wrdp_cursor c;
    *files = NULL;
    *count = 0;
    wrdp_cursor_init(&c, data, len, "CLIPRDR_FILELIST", err);
    uint32_t n = wrdp_rd_u32le(&c, "cItems");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    if (n > WRDP_CLIPRDR_MAX_FILES)
        return wrdp_error_set(err, WRDP_ERROR_LIMIT, "CLIPRDR_FILELIST: %u files exceed %u", n,
                              WRDP_CLIPRDR_MAX_FILES);
    if ((size_t)n * FILEDESCRIPTORW_SIZE > wrdp_cursor_remaining(&c))
        return wrdp_cursor_fail(&c, "fileDescriptorArray", "%u descriptors need %zu bytes, %zu left", n,
                                (size_t)n * FILEDESCRIPTORW_SIZE, wrdp_cursor_remaining(&c));
    if (n == 0)
        return WRDP_OK;
    wrdp_cliprdr_file *f = wrdp_calloc(n, sizeof *f);
    if (!f)
        return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "CLIPRDR_FILELIST: no memory for %u files", n);
    for (uint32_t i = 0; i < n; i++) {
        f[i].flags = wrdp_rd_u32le(&c, "flags");
        wrdp_rd_skip(&c, 32, "reserved1");
        f[i].attributes = wrdp_rd_u32le(&c, "fileAttributes");
        f[i].creation_time = wrdp_rd_u64le(&c, "ftCreationTime");
        f[i].last_access_time = wrdp_rd_u64le(&c, "ftLastAccessTime");
        f[i].last_write_time = wrdp_rd_u64le(&c, "ftLastWriteTime");
        uint32_t hi = wrdp_rd_u32le(&c, "nFileSizeHigh");
        uint32_t lo = wrdp_rd_u32le(&c, "nFileSizeLow");
        f[i].size = (uint64_t)hi << 32 | lo;
        const uint8_t *name = wrdp_cursor_peek(&c, 520, "cFileName");
        if (name)
            cliprdr_utf16_to_name(name, wrdp_utf16le_strnlen(name, 520), f[i].name, WRDP_CLIPRDR_FILE_NAME_MAX);
        wrdp_rd_skip(&c, 520, "cFileName");
    }
    if (!wrdp_cursor_ok(&c)) {
        wrdp_free(f);
        return WRDP_ERR;
    }
    *files = f;
    *count = n;
    return WRDP_OK;
}

int wrdp_cliprdr_file_list_encode(const wrdp_cliprdr_file *files, size_t count, wrdp_writer *out)
{
    if (count > WRDP_CLIPRDR_MAX_FILES)
        return wrdp_writer_fail(out, "cliprdr: %zu files exceed %u", count, WRDP_CLIPRDR_MAX_FILES);
    wrdp_wr_u32le(out, (uint32_t)count);
    for (size_t i = 0; i < count; i++) {
        wrdp_wr_u32le(out, files[i].flags);
        wrdp_wr_fill(out, 0, 32);
        wrdp_wr_u32le(out, files[i].attributes);
        wrdp_wr_u64le(out, files[i].creation_time);
        wrdp_wr_u64le(out, files[i].last_access_time);
        wrdp_wr_u64le(out, files[i].last_write_time);
        wrdp_wr_u32le(out, (uint32_t)(files[i].size >> 32));
        wrdp_wr_u32le(out, (uint32_t)files[i].size);
        cliprdr_wr_utf16_fixed(out, files[i].name, 520);
    }
    return wrdp_writer_status(out);
}

/* ---- CF_PALETTE and CF_METAFILEPICT payloads (2.2.5.2.1, 2.2.5.2.2) ---- */

int wrdp_cliprdr_palette_decode(const uint8_t *data, size_t len, size_t *count, wrdp_error *err)
{
    (void)data;
    if (len % 4 != 0)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "CLIPRDR_PALETTE: %zu bytes is not whole entries", len);
    *count = len / 4;
    return WRDP_OK;
}

void wrdp_cliprdr_palette_entry_at(const uint8_t *data, size_t i, wrdp_cliprdr_palette_entry *e)
{
    e->red = data[i * 4];
    e->green = data[i * 4 + 1];
    e->blue = data[i * 4 + 2];
    e->extra = data[i * 4 + 3];
}

int wrdp_cliprdr_metafile_decode(const uint8_t *data, size_t len, wrdp_cliprdr_metafile *m, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "CLIPRDR_MFPICT", err);
    m->mapping_mode = wrdp_rd_u32le(&c, "mappingMode");
    m->x_ext = wrdp_rd_u32le(&c, "xExt");
    m->y_ext = wrdp_rd_u32le(&c, "yExt");
    m->data = wrdp_rd_rest(&c);
    return wrdp_cursor_status(&c);
}

int wrdp_cliprdr_metafile_encode(const wrdp_cliprdr_metafile *m, wrdp_writer *out)
{
    wrdp_wr_u32le(out, m->mapping_mode);
    wrdp_wr_u32le(out, m->x_ext);
    wrdp_wr_u32le(out, m->y_ext);
    wrdp_wr_bytes(out, m->data.data, m->data.len);
    return wrdp_writer_status(out);
}
