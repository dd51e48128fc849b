/* webrdp — the clipboard channel (CLIPRDR, [MS-RDPECLIP]): every PDU with
 * decode/encode, the format conversions done in the core (text, HTML, DIB <->
 * PNG, file lists), and a sans-IO client processor.
 *
 * The processor takes one whole "cliprdr" channel message at a time (after
 * the static channel's reassembly) and appends its replies to a writer. The
 * writer then holds whole CLIPRDR PDUs back to back; each one is a channel
 * message of its own, so the caller splits them with wrdp_cliprdr_pdu_length()
 * and sends each on the channel. */
#ifndef WEBRDP_CLIPBOARD_H
#define WEBRDP_CLIPBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "graphics.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WRDP_CLIPRDR_CHANNEL_NAME "cliprdr"

/* ---- wire constants ---------------------------------------------------- */
enum {
    WRDP_CB_MONITOR_READY = 0x0001,
    WRDP_CB_FORMAT_LIST = 0x0002,
    WRDP_CB_FORMAT_LIST_RESPONSE = 0x0003,
    WRDP_CB_FORMAT_DATA_REQUEST = 0x0004,
    WRDP_CB_FORMAT_DATA_RESPONSE = 0x0005,
    WRDP_CB_TEMP_DIRECTORY = 0x0006,
    WRDP_CB_CLIP_CAPS = 0x0007,
    WRDP_CB_FILECONTENTS_REQUEST = 0x0008,
    WRDP_CB_FILECONTENTS_RESPONSE = 0x0009,
    WRDP_CB_LOCK_CLIPDATA = 0x000A,
    WRDP_CB_UNLOCK_CLIPDATA = 0x000B,
};

/* msgFlags */
#define WRDP_CB_RESPONSE_OK 0x0001
#define WRDP_CB_RESPONSE_FAIL 0x0002
#define WRDP_CB_ASCII_NAMES 0x0004

/* General capability set: version and generalFlags */
#define WRDP_CB_CAPS_VERSION_1 1
#define WRDP_CB_CAPS_VERSION_2 2
#define WRDP_CB_USE_LONG_FORMAT_NAMES 0x00000002
#define WRDP_CB_STREAM_FILECLIP_ENABLED 0x00000004
#define WRDP_CB_FILECLIP_NO_FILE_PATHS 0x00000008
#define WRDP_CB_CAN_LOCK_CLIPDATA 0x00000010
#define WRDP_CB_HUGE_FILE_SUPPORT_ENABLED 0x00000020

/* File Contents Request dwFlags */
#define WRDP_FILECONTENTS_SIZE 0x00000001
#define WRDP_FILECONTENTS_RANGE 0x00000002

/* Standard clipboard formats the core converts */
#define WRDP_CF_TEXT 1
#define WRDP_CF_BITMAP 2
#define WRDP_CF_METAFILEPICT 3
#define WRDP_CF_DIB 8
#define WRDP_CF_PALETTE 9
#define WRDP_CF_UNICODETEXT 13
#define WRDP_CF_DIBV5 17

/* Registered format names the core converts */
#define WRDP_CF_NAME_HTML "HTML Format"
#define WRDP_CF_NAME_PNG "PNG"
#define WRDP_CF_NAME_FILE_LIST "FileGroupDescriptorW"

/* ---- PDUs ---------------------------------------------------------------- */
#define WRDP_CLIPRDR_HEADER_SIZE 8
#define WRDP_CLIPRDR_NAME_MAX 256   /* UTF-8 bytes of a format name, NUL included */
#define WRDP_CLIPRDR_MAX_FORMATS 128 /* formats kept from one Format List */

typedef struct wrdp_cliprdr_header {
    uint16_t msg_type;
    uint16_t msg_flags;
    uint32_t data_len;
} wrdp_cliprdr_header;

/* Reads the header and checks that dataLen bytes follow; `body` views them. */
int wrdp_cliprdr_header_decode(wrdp_cursor *c, wrdp_cliprdr_header *h, wrdp_bytes *body);
/* Length of the first whole PDU in buf (8 + dataLen), or 0 when buf does not hold one. */
size_t wrdp_cliprdr_pdu_length(const uint8_t *buf, size_t len);

typedef struct wrdp_cliprdr_caps {
    bool has_general;     /* a General capability set was present */
    uint32_t version;     /* WRDP_CB_CAPS_VERSION_* */
    uint32_t general_flags;
} wrdp_cliprdr_caps;
int wrdp_cliprdr_caps_decode(const uint8_t *pdu, size_t len, wrdp_cliprdr_caps *caps, wrdp_error *err);
int wrdp_cliprdr_caps_encode(const wrdp_cliprdr_caps *caps, wrdp_writer *out);

/* Monitor Ready, Format List Response (ok), and any header-only PDU. */
int wrdp_cliprdr_simple_encode(uint16_t msg_type, uint16_t msg_flags, wrdp_writer *out);

typedef struct wrdp_cliprdr_format {
    uint32_t id;
    char name[WRDP_CLIPRDR_NAME_MAX]; /* UTF-8; "" for unnamed standard formats */
} wrdp_cliprdr_format;

typedef struct wrdp_cliprdr_format_list {
    size_t count;
    bool ascii_names; /* short names were 8-bit (CB_ASCII_NAMES) */
    wrdp_cliprdr_format formats[WRDP_CLIPRDR_MAX_FORMATS];
} wrdp_cliprdr_format_list;
/* long_names: the Long Format Names variant (both sides announced USE_LONG_FORMAT_NAMES). */
int wrdp_cliprdr_format_list_decode(const uint8_t *pdu, size_t len, bool long_names, wrdp_cliprdr_format_list *fl,
                                    wrdp_error *err);
int wrdp_cliprdr_format_list_encode(const wrdp_cliprdr_format_list *fl, bool long_names, wrdp_writer *out);

int wrdp_cliprdr_format_list_response_decode(const uint8_t *pdu, size_t len, bool *ok, wrdp_error *err);
int wrdp_cliprdr_format_list_response_encode(bool ok, wrdp_writer *out);

int wrdp_cliprdr_format_data_request_decode(const uint8_t *pdu, size_t len, uint32_t *format_id, wrdp_error *err);
int wrdp_cliprdr_format_data_request_encode(uint32_t format_id, wrdp_writer *out);

/* `data` views the PDU's payload. */
int wrdp_cliprdr_format_data_response_decode(const uint8_t *pdu, size_t len, bool *ok, wrdp_bytes *data,
                                             wrdp_error *err);
int wrdp_cliprdr_format_data_response_encode(bool ok, const uint8_t *data, size_t len, wrdp_writer *out);

/* Lock / Unlock Clipboard Data: msg_type is WRDP_CB_LOCK_CLIPDATA or WRDP_CB_UNLOCK_CLIPDATA. */
int wrdp_cliprdr_lock_decode(const uint8_t *pdu, size_t len, uint16_t *msg_type, uint32_t *clip_data_id,
                             wrdp_error *err);
int wrdp_cliprdr_lock_encode(uint16_t msg_type, uint32_t clip_data_id, wrdp_writer *out);

#define WRDP_CLIPRDR_TEMP_DIR_MAX (260 * 3 + 1)
int wrdp_cliprdr_temp_dir_decode(const uint8_t *pdu, size_t len, char path[WRDP_CLIPRDR_TEMP_DIR_MAX],
                                 wrdp_error *err);
int wrdp_cliprdr_temp_dir_encode(const char *path, wrdp_writer *out);

typedef struct wrdp_cliprdr_file_contents_request {
    uint32_t stream_id;
    int32_t index;          /* lindex: which file of the file list */
    uint32_t flags;         /* WRDP_FILECONTENTS_SIZE or _RANGE */
    uint64_t position;
    uint32_t requested;     /* cbRequested */
    bool has_clip_data_id;
    uint32_t clip_data_id;
} wrdp_cliprdr_file_contents_request;
int wrdp_cliprdr_file_contents_request_decode(const uint8_t *pdu, size_t len, wrdp_cliprdr_file_contents_request *r,
                                              wrdp_error *err);
int wrdp_cliprdr_file_contents_request_encode(const wrdp_cliprdr_file_contents_request *r, wrdp_writer *out);

/* `data` views the payload after streamId (8 bytes, the size, for a size request). */
int wrdp_cliprdr_file_contents_response_decode(const uint8_t *pdu, size_t len, bool *ok, uint32_t *stream_id,
                                               wrdp_bytes *data, wrdp_error *err);
int wrdp_cliprdr_file_contents_response_encode(bool ok, uint32_t stream_id, const uint8_t *data, size_t len,
                                               wrdp_writer *out);

/* ---- payloads of Format Data Responses -------------------------------------- */

/* FILEDESCRIPTORW (592 bytes) of a CLIPRDR_FILELIST. */
#define WRDP_FD_ATTRIBUTES 0x00000004
#define WRDP_FD_FILESIZE 0x00000040
#define WRDP_FD_WRITESTIME 0x00000020
#define WRDP_FD_SHOWPROGRESSUI 0x00004000
#define WRDP_FILE_ATTRIBUTE_DIRECTORY 0x00000010
#define WRDP_FILE_ATTRIBUTE_ARCHIVE 0x00000020
#define WRDP_CLIPRDR_FILE_NAME_MAX (260 * 3 + 1)
#define WRDP_CLIPRDR_MAX_FILES 4096

typedef struct wrdp_cliprdr_file {
    uint32_t flags;           /* WRDP_FD_* */
    uint32_t attributes;
    uint64_t creation_time, last_access_time, last_write_time; /* FILETIME */
    uint64_t size;
    char name[WRDP_CLIPRDR_FILE_NAME_MAX]; /* UTF-8, relative path with '\' separators */
} wrdp_cliprdr_file;

/* Decodes the payload (cItems + descriptors); *files is allocated (wrdp_free). */
int wrdp_cliprdr_file_list_decode(const uint8_t *data, size_t len, wrdp_cliprdr_file **files, size_t *count,
                                  wrdp_error *err);
int wrdp_cliprdr_file_list_encode(const wrdp_cliprdr_file *files, size_t count, wrdp_writer *out);

typedef struct wrdp_cliprdr_palette_entry {
    uint8_t red, green, blue, extra;
} wrdp_cliprdr_palette_entry;
/* CF_PALETTE payload: *entries views data (4 bytes an entry). */
int wrdp_cliprdr_palette_decode(const uint8_t *data, size_t len, size_t *count, wrdp_error *err);
void wrdp_cliprdr_palette_entry_at(const uint8_t *data, size_t i, wrdp_cliprdr_palette_entry *e);

typedef struct wrdp_cliprdr_metafile {
    uint32_t mapping_mode, x_ext, y_ext;
    wrdp_bytes data; /* the packed metafile */
} wrdp_cliprdr_metafile;
int wrdp_cliprdr_metafile_decode(const uint8_t *data, size_t len, wrdp_cliprdr_metafile *m, wrdp_error *err);
int wrdp_cliprdr_metafile_encode(const wrdp_cliprdr_metafile *m, wrdp_writer *out);

/* ---- conversions --------------------------------------------------------- */

/* CF_UNICODETEXT (UTF-16LE, up to the first NUL) -> UTF-8 with CRLF -> LF. */
int wrdp_clip_unicode_to_utf8(const uint8_t *src, size_t len, wrdp_writer *out);
/* UTF-8 -> CF_UNICODETEXT with LF -> CRLF, NUL-terminated. */
int wrdp_clip_utf8_to_unicode(const char *src, size_t len, wrdp_writer *out);
/* CF_TEXT (code page 1252, up to the first NUL) -> UTF-8 with CRLF -> LF. */
int wrdp_clip_ansi_to_utf8(const uint8_t *src, size_t len, wrdp_writer *out);
/* UTF-8 -> CF_TEXT (cp1252; what it cannot hold becomes '?') with LF -> CRLF, NUL-terminated. */
int wrdp_clip_utf8_to_ansi(const char *src, size_t len, wrdp_writer *out);

/* CF_HTML: the fragment (StartFragment..EndFragment) of a CF_HTML blob, bounds-checked. */
typedef struct wrdp_clip_html_offsets {
    size_t start_html, end_html, start_fragment, end_fragment;
} wrdp_clip_html_offsets;
int wrdp_clip_html_parse(const uint8_t *src, size_t len, wrdp_clip_html_offsets *off, wrdp_error *err);
/* Wraps an HTML fragment (UTF-8) into a CF_HTML document with exact offsets, NUL-terminated. */
int wrdp_clip_html_build(const char *fragment, size_t len, wrdp_writer *out);

/* CF_DIB / CF_DIBV5 (24 or 32 bpp, BI_RGB or BI_BITFIELDS) -> RGBA image (wrdp_image_free it). */
int wrdp_clip_dib_to_image(const uint8_t *src, size_t len, wrdp_image *img, wrdp_error *err);
/* RGBA image -> 32 bpp bottom-up BGRA DIB: BITMAPINFOHEADER (v5 false) or BITMAPV5HEADER with
 * BGRA masks and sRGB (v5 true); both BI_RGB with the alpha byte kept. */
int wrdp_clip_image_to_dib(const wrdp_image *img, bool v5, wrdp_writer *out);
/* RGBA image -> 24 bpp bottom-up BITMAPINFOHEADER DIB (alpha dropped). */
int wrdp_clip_image_to_dib24(const wrdp_image *img, wrdp_writer *out);
/* The compositions the processor uses. */
int wrdp_clip_dib_to_png(const uint8_t *src, size_t len, wrdp_writer *out, wrdp_error *err);
int wrdp_clip_png_to_dib(const uint8_t *src, size_t len, bool v5, wrdp_writer *out, wrdp_error *err);

/* ---- the client processor ------------------------------------------------- */

typedef enum wrdp_clip_kind {
    WRDP_CLIP_TEXT = 1, /* UTF-8, LF line ends: CF_UNICODETEXT, CF_TEXT */
    WRDP_CLIP_HTML,     /* text/html (a fragment, UTF-8): "HTML Format" */
    WRDP_CLIP_PNG,      /* image/png: CF_DIBV5, CF_DIB, "PNG" */
    WRDP_CLIP_FILES,    /* file metadata: "FileGroupDescriptorW"; contents on request */
    WRDP_CLIP_RAW,      /* a format the core does not convert: the bytes as received */
} wrdp_clip_kind;

/* A local file offered to the server. `data` may be NULL: then the contents
 * are asked for with a WRDP_CLIPRDR_EVENT_FILE_CONTENTS_REQUEST event. */
typedef struct wrdp_clip_file {
    const char *name;      /* UTF-8 */
    uint64_t size;
    uint64_t last_write_time; /* FILETIME, 0 when unknown */
    bool directory;
    const uint8_t *data;   /* whole contents (size bytes), or NULL */
} wrdp_clip_file;

typedef struct wrdp_clip_item {
    wrdp_clip_kind kind;
    const uint8_t *data;   /* text / html / png bytes */
    size_t len;
    const wrdp_clip_file *files; /* WRDP_CLIP_FILES */
    size_t file_count;
} wrdp_clip_item;

typedef struct wrdp_cliprdr_config {
    uint32_t general_flags;   /* announced; 0 = USE_LONG_FORMAT_NAMES | STREAM_FILECLIP_ENABLED | FILECLIP_NO_FILE_PATHS | CAN_LOCK_CLIPDATA */
    size_t max_data;          /* cap on one Format Data Response we accept or build; 0 = 64 MiB */
} wrdp_cliprdr_config;

typedef enum wrdp_cliprdr_event_type {
    WRDP_CLIPRDR_EVENT_NONE = 0,
    WRDP_CLIPRDR_EVENT_READY,            /* Monitor Ready answered; the server's caps are known */
    WRDP_CLIPRDR_EVENT_REMOTE_FORMATS,   /* "remote clipboard changed": formats, kinds */
    WRDP_CLIPRDR_EVENT_DATA,             /* answer to wrdp_cliprdr_request, converted */
    WRDP_CLIPRDR_EVENT_DATA_FAILED,      /* the server answered a request with FAIL (or bad data) */
    WRDP_CLIPRDR_EVENT_LOCAL_ACCEPTED,   /* the server's Format List Response to our list */
    WRDP_CLIPRDR_EVENT_FILE_CONTENTS_REQUEST, /* answer with wrdp_cliprdr_file_contents_respond */
    WRDP_CLIPRDR_EVENT_FILE_CONTENTS,    /* answer to wrdp_cliprdr_request_file_contents */
    WRDP_CLIPRDR_EVENT_LOCK,             /* the server locked (or unlocked) clip_data_id */
    WRDP_CLIPRDR_EVENT_UNLOCK,
    WRDP_CLIPRDR_EVENT_TEMP_DIRECTORY,
    WRDP_CLIPRDR_EVENT_LOCAL_SENT,       /* we answered the server's request for format_id (ok: with data) */
} wrdp_cliprdr_event_type;

/* Pointers stay valid until the next wrdp_cliprdr_next_event or wrdp_cliprdr_process. */
typedef struct wrdp_cliprdr_event {
    wrdp_cliprdr_event_type type;
    /* REMOTE_FORMATS */
    const wrdp_cliprdr_format_list *formats;
    uint32_t kinds;        /* bit (1 << wrdp_clip_kind) for each kind the server offers */
    /* DATA / DATA_FAILED */
    uint32_t format_id;
    wrdp_clip_kind kind;
    const char *mime;      /* "text/plain;charset=utf-8", "text/html", "image/png", or NULL */
    const uint8_t *data;
    size_t len;
    const wrdp_cliprdr_file *files; /* kind == WRDP_CLIP_FILES */
    size_t file_count;
    /* FILE_CONTENTS_REQUEST / FILE_CONTENTS */
    wrdp_cliprdr_file_contents_request request;
    bool ok;
    /* LOCK / UNLOCK */
    uint32_t clip_data_id;
    /* READY */
    wrdp_cliprdr_caps server_caps;
} wrdp_cliprdr_event;

typedef struct wrdp_cliprdr wrdp_cliprdr;

wrdp_cliprdr *wrdp_cliprdr_new(const wrdp_cliprdr_config *cfg, wrdp_error *err);
void wrdp_cliprdr_free(wrdp_cliprdr *cl);
const wrdp_error *wrdp_cliprdr_error(const wrdp_cliprdr *cl);

/* One whole channel message in; replies (whole PDUs, back to back) appended to out. */
int wrdp_cliprdr_process(wrdp_cliprdr *cl, const uint8_t *msg, size_t len, wrdp_writer *out);
/* Returns true and fills ev while events are queued. */
bool wrdp_cliprdr_next_event(wrdp_cliprdr *cl, wrdp_cliprdr_event *ev);

/* Replaces what the local side offers (copied) and, once the channel is
 * ready, appends a Format List to out. count 0 offers nothing. */
int wrdp_cliprdr_set_local(wrdp_cliprdr *cl, const wrdp_clip_item *items, size_t count, wrdp_writer *out);
/* Asks the server for one of its formats (an id from REMOTE_FORMATS). */
int wrdp_cliprdr_request(wrdp_cliprdr *cl, uint32_t format_id, wrdp_writer *out);
/* Asks for the best format of a kind the server offers (Unicode text over ANSI, PNG over DIBV5 over DIB). */
int wrdp_cliprdr_request_kind(wrdp_cliprdr *cl, wrdp_clip_kind kind, wrdp_writer *out);
/* Reads a remote file (download): size (flags SIZE) or a range. */
int wrdp_cliprdr_request_file_contents(wrdp_cliprdr *cl, const wrdp_cliprdr_file_contents_request *r,
                                       wrdp_writer *out);
/* Answers a FILE_CONTENTS_REQUEST event (data NULL with ok false = failure). */
int wrdp_cliprdr_file_contents_respond(wrdp_cliprdr *cl, uint32_t stream_id, bool ok, const uint8_t *data, size_t len,
                                       wrdp_writer *out);
/* Lock / unlock the server's clipboard data (needs CAN_LOCK_CLIPDATA on both sides). */
int wrdp_cliprdr_lock(wrdp_cliprdr *cl, bool lock, uint32_t clip_data_id, wrdp_writer *out);

#ifdef __cplusplus
}
#endif
#endif
