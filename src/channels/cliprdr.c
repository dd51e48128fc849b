/* The CLIPRDR client processor ([MS-RDPECLIP] 1.3.2): sans-IO. A channel
 * message in, reply PDUs appended to the caller's writer, events queued.
 *
 * Sequence: the server sends its capabilities and Monitor Ready; we answer
 * with our capabilities and a Format List of what the local side holds. Each
 * side then announces its clipboard with a Format List (answered by a Format
 * List Response) and pulls data with Format Data Requests, which are answered
 * in order: responses carry no format id, so requests are queued here. */
#include <string.h>

#include "webrdp/clipboard.h"
#include "channels/cliprdr_internal.h"

#define EVENT_QUEUE 32
#define PENDING_MAX 16
#define DEFAULT_MAX_DATA ((size_t)64 * 1024 * 1024)
#define DEFAULT_FLAGS                                                                                   \
    (WRDP_CB_USE_LONG_FORMAT_NAMES | WRDP_CB_STREAM_FILECLIP_ENABLED | WRDP_CB_FILECLIP_NO_FILE_PATHS | \
     WRDP_CB_CAN_LOCK_CLIPDATA)

/* The ids we give our registered formats (any id from 0xC000 on is ours to choose). */
#define LOCAL_ID_HTML 0xC100u
#define LOCAL_ID_PNG 0xC101u
#define LOCAL_ID_FILES 0xC102u

typedef struct queued_event {
    wrdp_cliprdr_event ev;
    uint8_t *owned;             /* data the event points at */
    wrdp_cliprdr_file *files;
} queued_event;

typedef struct local_file {
    char *name;
    uint64_t size, last_write_time;
    bool directory;
    uint8_t *data;
} local_file;

struct wrdp_cliprdr {
    wrdp_cliprdr_config cfg;
    wrdp_error err;
    bool ready;
    wrdp_cliprdr_caps server_caps;
    bool long_names;
    wrdp_cliprdr_format_list remote;
    /* what the local side offers */
    uint8_t *text, *html, *png;
    size_t text_len, html_len, png_len;
    local_file *files;
    size_t file_count;
    bool has_files;
    /* Format Data Requests in flight */
    uint32_t pending[PENDING_MAX];
    size_t pending_head, pending_count;
    /* events */
    queued_event queue[EVENT_QUEUE];
    size_t q_head, q_count;
    queued_event current;
};

static void event_release(queued_event *q)
{
    wrdp_free(q->owned);
    wrdp_free(q->files);
    memset(q, 0, sizeof *q);
}

static queued_event *event_push(wrdp_cliprdr *cl, wrdp_cliprdr_event_type type)
{
    if (cl->q_count == EVENT_QUEUE) {
        /* an application that never drains: drop the oldest, keep the newest state */
        event_release(&cl->queue[cl->q_head]);
        cl->q_head = (cl->q_head + 1) % EVENT_QUEUE;
        cl->q_count--;
    }
    queued_event *q = &cl->queue[(cl->q_head + cl->q_count) % EVENT_QUEUE];
    memset(q, 0, sizeof *q);
    q->ev.type = type;
    cl->q_count++;
    return q;
}

bool wrdp_cliprdr_next_event(wrdp_cliprdr *cl, wrdp_cliprdr_event *ev)
{
    event_release(&cl->current);
    if (cl->q_count == 0) {
        memset(ev, 0, sizeof *ev);
        return false;
    }
    cl->current = cl->queue[cl->q_head];
    memset(&cl->queue[cl->q_head], 0, sizeof cl->queue[cl->q_head]);
    cl->q_head = (cl->q_head + 1) % EVENT_QUEUE;
    cl->q_count--;
    *ev = cl->current.ev;
    return true;
}

wrdp_cliprdr *wrdp_cliprdr_new(const wrdp_cliprdr_config *cfg, wrdp_error *err)
{
    wrdp_cliprdr *cl = wrdp_calloc(1, sizeof *cl);
    if (!cl) {
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "cliprdr: no memory");
        return NULL;
    }
    if (cfg)
        cl->cfg = *cfg;
    if (!cl->cfg.general_flags)
        cl->cfg.general_flags = DEFAULT_FLAGS;
    if (!cl->cfg.max_data)
        cl->cfg.max_data = DEFAULT_MAX_DATA;
    return cl;
}

static void clear_local(wrdp_cliprdr *cl)
{
    wrdp_free(cl->text);
    wrdp_free(cl->html);
    wrdp_free(cl->png);
    cl->text = cl->html = cl->png = NULL;
    cl->text_len = cl->html_len = cl->png_len = 0;
    for (size_t i = 0; i < cl->file_count; i++) {
        wrdp_free(cl->files[i].name);
        wrdp_free(cl->files[i].data);
    }
    wrdp_free(cl->files);
    cl->files = NULL;
    cl->file_count = 0;
    cl->has_files = false;
}

void wrdp_cliprdr_free(wrdp_cliprdr *cl)
{
    if (!cl)
        return;
    clear_local(cl);
    while (cl->q_count) {
        event_release(&cl->queue[cl->q_head]);
        cl->q_head = (cl->q_head + 1) % EVENT_QUEUE;
        cl->q_count--;
    }
    event_release(&cl->current);
    wrdp_free(cl);
}

const wrdp_error *wrdp_cliprdr_error(const wrdp_cliprdr *cl)
{
    return &cl->err;
}

/* ---- the local side ---- */

static uint8_t *dup_bytes(const uint8_t *p, size_t n)
{
    uint8_t *d = wrdp_alloc(n + 1);
    if (d) {
        if (n)
            memcpy(d, p, n);
        d[n] = 0;
    }
    return d;
}

static int local_format_list(wrdp_cliprdr *cl, wrdp_writer *out)
{
    wrdp_cliprdr_format_list *l = wrdp_alloc(sizeof *l); /* 33 KiB: not on the stack */
    if (!l)
        return wrdp_error_set(&cl->err, WRDP_ERROR_OUT_OF_MEMORY, "cliprdr: no memory");
    l->count = 0;
    l->ascii_names = false;
#define ADD(id_, name_)                                                                    \
    do {                                                                                   \
        l->formats[l->count].id = (id_);                                                   \
        strcpy(l->formats[l->count].name, (name_));                                        \
        l->count++;                                                                        \
    } while (0)
    if (cl->text) {
        ADD(WRDP_CF_UNICODETEXT, "");
        ADD(WRDP_CF_TEXT, "");
    }
    if (cl->html)
        ADD(LOCAL_ID_HTML, WRDP_CF_NAME_HTML);
    if (cl->png) {
        ADD(LOCAL_ID_PNG, WRDP_CF_NAME_PNG);
        ADD(WRDP_CF_DIBV5, "");
        ADD(WRDP_CF_DIB, "");
    }
    if (cl->has_files)
        ADD(LOCAL_ID_FILES, WRDP_CF_NAME_FILE_LIST);
#undef ADD
    int rc = wrdp_cliprdr_format_list_encode(l, cl->long_names, out);
    wrdp_free(l);
    return rc;
}

int wrdp_cliprdr_set_local(wrdp_cliprdr *cl, const wrdp_clip_item *items, size_t count, wrdp_writer *out)
{
    clear_local(cl);
    for (size_t i = 0; i < count; i++) {
        const wrdp_clip_item *it = &items[i];
        switch (it->kind) {
        case WRDP_CLIP_TEXT:
            if (!cl->text && !(cl->text = dup_bytes(it->data, it->len)))
                goto oom;
            cl->text_len = it->len;
            break;
        case WRDP_CLIP_HTML:
            if (!cl->html && !(cl->html = dup_bytes(it->data, it->len)))
                goto oom;
            cl->html_len = it->len;
            break;
        case WRDP_CLIP_PNG:
            if (!cl->png && !(cl->png = dup_bytes(it->data, it->len)))
                goto oom;
            cl->png_len = it->len;
            break;
        case WRDP_CLIP_FILES:
            if (cl->has_files || it->file_count > WRDP_CLIPRDR_MAX_FILES)
                break;
            cl->has_files = true;
            if (it->file_count == 0)
                break;
            cl->files = wrdp_calloc(it->file_count, sizeof *cl->files);
            if (!cl->files)
                goto oom;
            cl->file_count = it->file_count;
            for (size_t f = 0; f < it->file_count; f++) {
                const wrdp_clip_file *src = &it->files[f];
                local_file *dst = &cl->files[f];
                const char *name = src->name ? src->name : "";
                dst->name = (char *)dup_bytes((const uint8_t *)name, strlen(name));
                dst->size = src->size;
                dst->last_write_time = src->last_write_time;
                dst->directory = src->directory;
                if (!dst->name)
                    goto oom;
                if (src->data && src->size > 0) {
                    if (src->size > WRDP_ALLOC_MAX || !(dst->data = dup_bytes(src->data, (size_t)src->size)))
                        goto oom;
                }
            }
            break;
        default:
            break;
        }
    }
    if (!cl->ready)
        return WRDP_OK; /* sent after Monitor Ready */
    if (local_format_list(cl, out) != WRDP_OK)
        return wrdp_error_set(&cl->err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the Format List");
    return WRDP_OK;
oom:
    clear_local(cl);
    return wrdp_error_set(&cl->err, WRDP_ERROR_OUT_OF_MEMORY, "cliprdr: no memory for the local clipboard");
}

/* Converts the local data to format_id into w; WRDP_ERR when we do not hold it. */
static int local_data(wrdp_cliprdr *cl, uint32_t format_id, wrdp_writer *w)
{
    wrdp_error scratch;
    wrdp_error_clear(&scratch);
    switch (format_id) {
    case WRDP_CF_UNICODETEXT:
        return cl->text ? wrdp_clip_utf8_to_unicode((const char *)cl->text, cl->text_len, w) : WRDP_ERR;
    case WRDP_CF_TEXT:
        return cl->text ? wrdp_clip_utf8_to_ansi((const char *)cl->text, cl->text_len, w) : WRDP_ERR;
    case LOCAL_ID_HTML:
        return cl->html ? wrdp_clip_html_build((const char *)cl->html, cl->html_len, w) : WRDP_ERR;
    case LOCAL_ID_PNG:
        if (!cl->png)
            return WRDP_ERR;
        wrdp_wr_bytes(w, cl->png, cl->png_len);
        return wrdp_writer_status(w);
    case WRDP_CF_DIB:
    case WRDP_CF_DIBV5:
        return cl->png ? wrdp_clip_png_to_dib(cl->png, cl->png_len, format_id == WRDP_CF_DIBV5, w, &scratch)
                       : WRDP_ERR;
    case LOCAL_ID_FILES: {
        if (!cl->has_files)
            return WRDP_ERR;
        wrdp_cliprdr_file *fd = cl->file_count ? wrdp_calloc(cl->file_count, sizeof *fd) : NULL;
        if (cl->file_count && !fd)
            return WRDP_ERR;
        for (size_t i = 0; i < cl->file_count; i++) {
            fd[i].flags = WRDP_FD_ATTRIBUTES | WRDP_FD_FILESIZE | WRDP_FD_WRITESTIME | WRDP_FD_SHOWPROGRESSUI;
            fd[i].attributes = cl->files[i].directory ? WRDP_FILE_ATTRIBUTE_DIRECTORY : WRDP_FILE_ATTRIBUTE_ARCHIVE;
            fd[i].last_write_time = cl->files[i].last_write_time;
            fd[i].size = cl->files[i].size;
            size_t n = strlen(cl->files[i].name);
            if (n >= sizeof fd[i].name)
                n = sizeof fd[i].name - 1;
            memcpy(fd[i].name, cl->files[i].name, n);
            fd[i].name[n] = '\0';
        }
        int rc = wrdp_cliprdr_file_list_encode(fd, cl->file_count, w);
        wrdp_free(fd);
        return rc;
    }
    default:
        return WRDP_ERR;
    }
}

static int answer_data_request(wrdp_cliprdr *cl, uint32_t format_id, wrdp_writer *out)
{
    wrdp_writer w;
    wrdp_error scratch;
    wrdp_error_clear(&scratch);
    wrdp_writer_init(&w, cl->cfg.max_data, &scratch);
    int ok = local_data(cl, format_id, &w) == WRDP_OK && !w.failed;
    int rc = wrdp_cliprdr_format_data_response_encode(ok, w.data, ok ? w.len : 0, out);
    queued_event *q = event_push(cl, WRDP_CLIPRDR_EVENT_LOCAL_SENT);
    q->ev.format_id = format_id;
    q->ev.ok = ok;
    q->ev.len = ok ? w.len : 0;
    wrdp_writer_free(&w);
    return rc;
}

static int answer_file_contents(wrdp_cliprdr *cl, const wrdp_cliprdr_file_contents_request *r, wrdp_writer *out)
{
    if (!cl->has_files || r->index < 0 || (size_t)r->index >= cl->file_count)
        return wrdp_cliprdr_file_contents_response_encode(false, r->stream_id, NULL, 0, out);
    const local_file *f = &cl->files[r->index];
    if (r->flags & WRDP_FILECONTENTS_SIZE) {
        uint8_t sz[8];
        for (int i = 0; i < 8; i++)
            sz[i] = (uint8_t)(f->size >> (8 * i));
        return wrdp_cliprdr_file_contents_response_encode(true, r->stream_id, sz, 8, out);
    }
    if (!(r->flags & WRDP_FILECONTENTS_RANGE))
        return wrdp_cliprdr_file_contents_response_encode(false, r->stream_id, NULL, 0, out);
    if (!f->data && f->size > 0) {
        /* contents live with the application: it answers with wrdp_cliprdr_file_contents_respond */
        queued_event *q = event_push(cl, WRDP_CLIPRDR_EVENT_FILE_CONTENTS_REQUEST);
        q->ev.request = *r;
        return WRDP_OK;
    }
    uint64_t pos = r->position < f->size ? r->position : f->size;
    uint64_t n = f->size - pos;
    if (n > r->requested)
        n = r->requested;
    return wrdp_cliprdr_file_contents_response_encode(true, r->stream_id, f->data ? f->data + pos : NULL, (size_t)n,
                                                      out);
}

/* ---- the remote side ---- */

static const wrdp_cliprdr_format *remote_named(const wrdp_cliprdr *cl, const char *name)
{
    for (size_t i = 0; i < cl->remote.count; i++)
        if (strcmp(cl->remote.formats[i].name, name) == 0)
            return &cl->remote.formats[i];
    return NULL;
}

static bool remote_has(const wrdp_cliprdr *cl, uint32_t id)
{
    for (size_t i = 0; i < cl->remote.count; i++)
        if (cl->remote.formats[i].id == id)
            return true;
    return false;
}

static wrdp_clip_kind kind_of(const wrdp_cliprdr *cl, uint32_t id)
{
    const char *name = "";
    for (size_t i = 0; i < cl->remote.count; i++)
        if (cl->remote.formats[i].id == id)
            name = cl->remote.formats[i].name;
    if (id == WRDP_CF_UNICODETEXT || id == WRDP_CF_TEXT)
        return WRDP_CLIP_TEXT;
    if (id == WRDP_CF_DIB || id == WRDP_CF_DIBV5 || strcmp(name, WRDP_CF_NAME_PNG) == 0 ||
        strcmp(name, "image/png") == 0)
        return WRDP_CLIP_PNG;
    if (strcmp(name, WRDP_CF_NAME_HTML) == 0)
        return WRDP_CLIP_HTML;
    if (strcmp(name, WRDP_CF_NAME_FILE_LIST) == 0)
        return WRDP_CLIP_FILES;
    return WRDP_CLIP_RAW;
}

int wrdp_cliprdr_request(wrdp_cliprdr *cl, uint32_t format_id, wrdp_writer *out)
{
    if (!cl->ready)
        return wrdp_error_set(&cl->err, WRDP_ERROR_STATE, "cliprdr: the channel is not ready");
    if (cl->pending_count == PENDING_MAX)
        return wrdp_error_set(&cl->err, WRDP_ERROR_LIMIT, "cliprdr: %d requests already in flight", PENDING_MAX);
    if (wrdp_cliprdr_format_data_request_encode(format_id, out) != WRDP_OK)
        return wrdp_error_set(&cl->err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the request");
    cl->pending[(cl->pending_head + cl->pending_count) % PENDING_MAX] = format_id;
    cl->pending_count++;
    return WRDP_OK;
}

int wrdp_cliprdr_request_kind(wrdp_cliprdr *cl, wrdp_clip_kind kind, wrdp_writer *out)
{
    const wrdp_cliprdr_format *f;
    uint32_t id = 0;
    switch (kind) {
    case WRDP_CLIP_TEXT:
        id = remote_has(cl, WRDP_CF_UNICODETEXT) ? WRDP_CF_UNICODETEXT : remote_has(cl, WRDP_CF_TEXT) ? WRDP_CF_TEXT : 0;
        break;
    case WRDP_CLIP_HTML:
        id = (f = remote_named(cl, WRDP_CF_NAME_HTML)) ? f->id : 0;
        break;
    case WRDP_CLIP_PNG:
        if ((f = remote_named(cl, WRDP_CF_NAME_PNG)) || (f = remote_named(cl, "image/png")))
            id = f->id;
        else
            id = remote_has(cl, WRDP_CF_DIBV5) ? WRDP_CF_DIBV5 : remote_has(cl, WRDP_CF_DIB) ? WRDP_CF_DIB : 0;
        break;
    case WRDP_CLIP_FILES:
        id = (f = remote_named(cl, WRDP_CF_NAME_FILE_LIST)) ? f->id : 0;
        break;
    default:
        break;
    }
    if (!id)
        return wrdp_error_set(&cl->err, WRDP_ERROR_UNSUPPORTED, "cliprdr: the server offers no format of kind %d",
                              (int)kind);
    return wrdp_cliprdr_request(cl, id, out);
}

int wrdp_cliprdr_request_file_contents(wrdp_cliprdr *cl, const wrdp_cliprdr_file_contents_request *r,
                                       wrdp_writer *out)
{
    if (!cl->ready)
        return wrdp_error_set(&cl->err, WRDP_ERROR_STATE, "cliprdr: the channel is not ready");
    if (wrdp_cliprdr_file_contents_request_encode(r, out) != WRDP_OK)
        return wrdp_error_set(&cl->err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the request");
    return WRDP_OK;
}

int wrdp_cliprdr_file_contents_respond(wrdp_cliprdr *cl, uint32_t stream_id, bool ok, const uint8_t *data, size_t len,
                                       wrdp_writer *out)
{
    if (wrdp_cliprdr_file_contents_response_encode(ok, stream_id, data, len, out) != WRDP_OK)
        return wrdp_error_set(&cl->err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the response");
    return WRDP_OK;
}

int wrdp_cliprdr_lock(wrdp_cliprdr *cl, bool lock, uint32_t clip_data_id, wrdp_writer *out)
{
    if (!cl->ready)
        return wrdp_error_set(&cl->err, WRDP_ERROR_STATE, "cliprdr: the channel is not ready");
    if (!(cl->cfg.general_flags & cl->server_caps.general_flags & WRDP_CB_CAN_LOCK_CLIPDATA))
        return wrdp_error_set(&cl->err, WRDP_ERROR_UNSUPPORTED, "cliprdr: locking was not negotiated");
    if (wrdp_cliprdr_lock_encode(lock ? WRDP_CB_LOCK_CLIPDATA : WRDP_CB_UNLOCK_CLIPDATA, clip_data_id, out) !=
        WRDP_OK)
        return wrdp_error_set(&cl->err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the lock");
    return WRDP_OK;
}

/* Converts a Format Data Response for format_id into an event. */
static void data_event(wrdp_cliprdr *cl, uint32_t format_id, bool ok, wrdp_bytes data)
{
    wrdp_clip_kind kind = kind_of(cl, format_id);
    wrdp_writer w;
    wrdp_error scratch;
    wrdp_error_clear(&scratch);
    wrdp_writer_init(&w, cl->cfg.max_data, &scratch);
    wrdp_cliprdr_file *files = NULL;
    size_t file_count = 0;
    const char *mime = NULL;
    int rc = WRDP_ERR;
    if (ok) {
        switch (kind) {
        case WRDP_CLIP_TEXT:
            rc = format_id == WRDP_CF_UNICODETEXT ? wrdp_clip_unicode_to_utf8(data.data, data.len, &w)
                                                  : wrdp_clip_ansi_to_utf8(data.data, data.len, &w);
            mime = "text/plain;charset=utf-8";
            break;
        case WRDP_CLIP_HTML: {
            wrdp_clip_html_offsets off;
            rc = wrdp_clip_html_parse(data.data, data.len, &off, &scratch);
            if (rc == WRDP_OK)
                wrdp_wr_bytes(&w, data.data + off.start_fragment, off.end_fragment - off.start_fragment);
            mime = "text/html";
            break;
        }
        case WRDP_CLIP_PNG:
            if (format_id == WRDP_CF_DIB || format_id == WRDP_CF_DIBV5)
                rc = wrdp_clip_dib_to_png(data.data, data.len, &w, &scratch);
            else {
                wrdp_wr_bytes(&w, data.data, data.len);
                rc = WRDP_OK;
            }
            mime = "image/png";
            break;
        case WRDP_CLIP_FILES:
            rc = wrdp_cliprdr_file_list_decode(data.data, data.len, &files, &file_count, &scratch);
            break;
        default:
            wrdp_wr_bytes(&w, data.data, data.len);
            rc = WRDP_OK;
            break;
        }
        if (w.failed)
            rc = WRDP_ERR;
    }
    queued_event *q = event_push(cl, rc == WRDP_OK ? WRDP_CLIPRDR_EVENT_DATA : WRDP_CLIPRDR_EVENT_DATA_FAILED);
    q->ev.format_id = format_id;
    q->ev.kind = kind;
    q->ev.ok = rc == WRDP_OK;
    if (rc == WRDP_OK) {
        q->ev.mime = mime;
        q->owned = w.data; /* the event keeps the writer's buffer */
        q->ev.data = w.data;
        q->ev.len = w.len;
        w.data = NULL;
        q->files = files;
        q->ev.files = files;
        q->ev.file_count = file_count;
    } else {
        wrdp_free(files);
    }
    wrdp_writer_free(&w);
}

static uint32_t remote_kinds(const wrdp_cliprdr *cl)
{
    uint32_t k = 0;
    for (size_t i = 0; i < cl->remote.count; i++)
        k |= 1u << kind_of(cl, cl->remote.formats[i].id);
    return k;
}

int wrdp_cliprdr_process(wrdp_cliprdr *cl, const uint8_t *msg, size_t len, wrdp_writer *out)
{
    event_release(&cl->current);
    wrdp_error *err = &cl->err;
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    wrdp_bytes body;
    wrdp_cursor_init(&c, msg, len, "CLIPRDR_HEADER", err);
    if (wrdp_cliprdr_header_decode(&c, &h, &body) != WRDP_OK)
        return WRDP_ERR;
    size_t pdu_len = WRDP_CLIPRDR_HEADER_SIZE + body.len;

    switch (h.msg_type) {
    case WRDP_CB_CLIP_CAPS:
        return wrdp_cliprdr_caps_decode(msg, pdu_len, &cl->server_caps, err);

    case WRDP_CB_MONITOR_READY: {
        /* a server that sent no capabilities speaks version 1 with short names */
        wrdp_cliprdr_caps ours = {true, WRDP_CB_CAPS_VERSION_2, cl->cfg.general_flags};
        cl->long_names = (cl->cfg.general_flags & WRDP_CB_USE_LONG_FORMAT_NAMES) && cl->server_caps.has_general &&
                         (cl->server_caps.general_flags & WRDP_CB_USE_LONG_FORMAT_NAMES);
        if (wrdp_cliprdr_caps_encode(&ours, out) != WRDP_OK || local_format_list(cl, out) != WRDP_OK)
            return wrdp_error_set(err, WRDP_ERROR_ENCODE, "cliprdr: cannot write capabilities and format list");
        cl->ready = true;
        queued_event *q = event_push(cl, WRDP_CLIPRDR_EVENT_READY);
        q->ev.server_caps = cl->server_caps;
        return WRDP_OK;
    }

    case WRDP_CB_FORMAT_LIST: {
        int rc = wrdp_cliprdr_format_list_decode(msg, pdu_len, cl->long_names, &cl->remote, err);
        if (wrdp_cliprdr_format_list_response_encode(rc == WRDP_OK, out) != WRDP_OK)
            return wrdp_error_set(err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the format list response");
        if (rc != WRDP_OK) {
            cl->remote.count = 0;
            return WRDP_ERR;
        }
        /* data asked for under the old list will not come back meaningfully */
        queued_event *q = event_push(cl, WRDP_CLIPRDR_EVENT_REMOTE_FORMATS);
        q->ev.formats = &cl->remote;
        q->ev.kinds = remote_kinds(cl);
        return WRDP_OK;
    }

    case WRDP_CB_FORMAT_LIST_RESPONSE: {
        bool ok;
        if (wrdp_cliprdr_format_list_response_decode(msg, pdu_len, &ok, err) != WRDP_OK)
            return WRDP_ERR;
        queued_event *q = event_push(cl, WRDP_CLIPRDR_EVENT_LOCAL_ACCEPTED);
        q->ev.ok = ok;
        return WRDP_OK;
    }

    case WRDP_CB_FORMAT_DATA_REQUEST: {
        uint32_t id;
        if (wrdp_cliprdr_format_data_request_decode(msg, pdu_len, &id, err) != WRDP_OK)
            return WRDP_ERR;
        if (answer_data_request(cl, id, out) != WRDP_OK)
            return wrdp_error_set(err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the data response");
        return WRDP_OK;
    }

    case WRDP_CB_FORMAT_DATA_RESPONSE: {
        bool ok;
        wrdp_bytes data;
        if (wrdp_cliprdr_format_data_response_decode(msg, pdu_len, &ok, &data, err) != WRDP_OK)
            return WRDP_ERR;
        if (cl->pending_count == 0)
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "cliprdr: a Format Data Response nobody asked for");
        uint32_t id = cl->pending[cl->pending_head];
        cl->pending_head = (cl->pending_head + 1) % PENDING_MAX;
        cl->pending_count--;
        data_event(cl, id, ok, data);
        return WRDP_OK;
    }

    case WRDP_CB_FILECONTENTS_REQUEST: {
        wrdp_cliprdr_file_contents_request r;
        if (wrdp_cliprdr_file_contents_request_decode(msg, pdu_len, &r, err) != WRDP_OK)
            return WRDP_ERR;
        if (answer_file_contents(cl, &r, out) != WRDP_OK)
            return wrdp_error_set(err, WRDP_ERROR_ENCODE, "cliprdr: cannot write the file contents response");
        return WRDP_OK;
    }

    case WRDP_CB_FILECONTENTS_RESPONSE: {
        bool ok;
        uint32_t stream_id;
        wrdp_bytes data;
        if (wrdp_cliprdr_file_contents_response_decode(msg, pdu_len, &ok, &stream_id, &data, err) != WRDP_OK)
            return WRDP_ERR;
        queued_event *q = event_push(cl, WRDP_CLIPRDR_EVENT_FILE_CONTENTS);
        q->ev.ok = ok;
        q->ev.request.stream_id = stream_id;
        if (data.len) {
            q->owned = dup_bytes(data.data, data.len);
            if (!q->owned)
                return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "cliprdr: no memory for file contents");
            q->ev.data = q->owned;
            q->ev.len = data.len;
        }
        return WRDP_OK;
    }

    case WRDP_CB_LOCK_CLIPDATA:
    case WRDP_CB_UNLOCK_CLIPDATA: {
        uint16_t type;
        uint32_t id;
        if (wrdp_cliprdr_lock_decode(msg, pdu_len, &type, &id, err) != WRDP_OK)
            return WRDP_ERR;
        queued_event *q =
            event_push(cl, type == WRDP_CB_LOCK_CLIPDATA ? WRDP_CLIPRDR_EVENT_LOCK : WRDP_CLIPRDR_EVENT_UNLOCK);
        q->ev.clip_data_id = id;
        return WRDP_OK;
    }

    case WRDP_CB_TEMP_DIRECTORY: {
        char path[WRDP_CLIPRDR_TEMP_DIR_MAX];
        if (wrdp_cliprdr_temp_dir_decode(msg, pdu_len, path, err) != WRDP_OK)
            return WRDP_ERR;
        queued_event *q = event_push(cl, WRDP_CLIPRDR_EVENT_TEMP_DIRECTORY);
        size_t n = strlen(path);
        q->owned = dup_bytes((const uint8_t *)path, n);
        if (q->owned) {
            q->ev.data = q->owned;
            q->ev.len = n;
        }
        return WRDP_OK;
    }

    default:
        return WRDP_OK; /* a later protocol version's PDU: nothing to answer */
    }
}
