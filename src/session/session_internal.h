/* The session's state shared by its files: session.c (the object, events, the
 * frame entry), slowpath.c (TPKT/MCS/security/share PDUs, static channels),
 * fastpath.c (fast-path PDUs, fragments), updates.c (bitmaps, palette, surface
 * commands), pointer.c (pointer attributes to RGBA), codecs.c (the codec and bulk
 * entry points). Internal. */
#ifndef WRDP_SESSION_INTERNAL_H
#define WRDP_SESSION_INTERNAL_H

#include <stdbool.h>
#include <string.h>

#include "webrdp/session.h"
#include "webrdp/pdu.h"
#include "connector/handoff.h"
#include "connector/session_hooks.h"
#include "crypto/rdp_security.h"

#define WRDP_SESSION_EVENTS_MAX 4096
#define WRDP_SESSION_MEMORY_DEFAULT ((size_t)64 * 1024 * 1024)
#define WRDP_SESSION_FRAME_MAX ((size_t)0x10000)
/* The largest reassembled fast-path update whatever the capability says. */
#define WRDP_SESSION_FRAGMENTS_MAX ((size_t)16 * 1024 * 1024)
#define WRDP_SESSION_POINTER_CACHE_MAX 32
#define WRDP_PDUTYPE2_FRAME_ACKNOWLEDGE 0x38

typedef struct wrdp_session_channel {
    uint16_t id;
    uint8_t *buf;        /* the message being reassembled */
    size_t len, total, cap;
    bool active;         /* a CHANNEL_FLAG_FIRST came and the LAST not yet */
} wrdp_session_channel;

struct wrdp_bulk;
struct wrdp_rfx;
struct wrdp_nsc;

struct wrdp_session {
    wrdp_connector *conn;         /* owned: security state, reactivation, sending */
    wrdp_session_config cfg;
    wrdp_error err;
    bool terminated;
    bool deactivated;             /* between Deactivate All and the end of reactivation */
    wrdp_rdp_security *sec;       /* Standard RDP Security with encryption, else NULL */
    bool fips;
    uint16_t io_channel, user_channel, message_channel;

    wrdp_image image;
    wrdp_rect dirty;

    wrdp_session_event *events;   /* a ring */
    size_t ev_head, ev_count, ev_cap;

    uint8_t *rx;                  /* a writable copy of the current frame (decryption in place) */
    size_t rx_cap;

    /* fast-path fragments (already decompressed) */
    uint8_t *frag;
    size_t frag_len, frag_cap, frag_max;
    int frag_code;                /* updateCode of the update being reassembled, -1 when none */

    struct wrdp_bulk *bulk;       /* server-to-client decompression (one context a direction) */
    int compression;              /* negotiated level, -1 none */

    uint8_t palette[256 * 3];

    wrdp_pointer pointer;         /* the current pointer */
    wrdp_pointer *ptr_cache;
    size_t ptr_cache_size;

    struct wrdp_rfx *rfx;
    struct wrdp_nsc *nsc;

    bool frame_ack;               /* both sides have the Frame Acknowledge capability */

    wrdp_session_channel channels[WRDP_CONNECTOR_MAX_CHANNELS];
    size_t channel_count;
    uint8_t *channel_done;        /* the last complete channel message (event data) */

    wrdp_session_monitor monitors[WRDP_MONITOR_LAYOUT_MAX];
    size_t monitor_count;

    wrdp_writer body;             /* outgoing PDU bodies */
    size_t memory_used;           /* reassembly and pointer cache bytes */
};

/* ---- session.c ---- */
int wrdp_sess_fail(wrdp_session *s, wrdp_error_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* Fails with what is already in s->err. */
int wrdp_sess_fail_err(wrdp_session *s);
/* Queues an event (type set by the caller); NULL when the queue is full. */
wrdp_session_event *wrdp_sess_push(wrdp_session *s, wrdp_session_event_type type);
/* A rect of the image was written: dirty region + a GRAPHICS event. */
void wrdp_sess_damage(wrdp_session *s, int32_t left, int32_t top, int32_t right, int32_t bottom);
/* The server ended the session (error info code or a reason). */
int wrdp_sess_terminate(wrdp_session *s, uint32_t error_info, const char *why);
/* Reads the negotiated capabilities (after connection and each reactivation). */
int wrdp_sess_apply_caps(wrdp_session *s);
/* Sends a Share Data PDU with this pduType2 and payload on the I/O channel. */
int wrdp_sess_send_share_data(wrdp_session *s, uint8_t type2, const uint8_t *payload, size_t len, wrdp_writer *out);
/* Makes room for n bytes in a buffer owned by the session, within the memory limit. */
int wrdp_sess_reserve(wrdp_session *s, uint8_t **buf, size_t *cap, size_t need);

/* ---- slowpath.c / fastpath.c ---- */
int wrdp_sess_slowpath(wrdp_session *s, const uint8_t *frame, size_t len, wrdp_writer *out);
int wrdp_sess_fastpath(wrdp_session *s, const uint8_t *frame, size_t len, wrdp_writer *out);
/* Decrypts in place after the security flags: [FIPS info] dataSignature data. */
int wrdp_sess_decrypt(wrdp_session *s, wrdp_cursor *cur, bool salted, wrdp_bytes *plain);
/* Bulk decompression of one packet (flags: compressedType / compressionFlags). */
int wrdp_sess_decompress(wrdp_session *s, const uint8_t *in, size_t len, uint8_t flags, wrdp_bytes *outv);

/* ---- updates.c ---- */
int wrdp_sess_bitmap_update(wrdp_session *s, const uint8_t *data, size_t len);
int wrdp_sess_palette_update(wrdp_session *s, const uint8_t *data, size_t len);
int wrdp_sess_surface_commands(wrdp_session *s, const uint8_t *data, size_t len, wrdp_writer *out);
/* A pointer update: fast-path updateCode or slow-path messageType mapped to a fast-path code. */
int wrdp_sess_pointer_update(wrdp_session *s, int fp_code, const uint8_t *data, size_t len);

/* ---- codecs.c ---- */
int wrdp_sess_decode_bitmap(wrdp_session *s, int codec, const wrdp_codec_input *in, int32_t x, int32_t y);
#define WRDP_SESS_CODEC_RAW 0
#define WRDP_SESS_CODEC_INTERLEAVED 1
#define WRDP_SESS_CODEC_PLANAR 2
#define WRDP_SESS_TOP_DOWN 0x0001u /* WRDP_BITMAP_TOP_DOWN of codecs/bitmap.h */
int wrdp_sess_decode_rfx(wrdp_session *s, const uint8_t *data, size_t len, int32_t x, int32_t y);
int wrdp_sess_decode_nsc(wrdp_session *s, const wrdp_codec_input *in, int32_t x, int32_t y);
int wrdp_sess_bulk_new(wrdp_session *s);
void wrdp_sess_codecs_free(wrdp_session *s);
void wrdp_sess_codecs_reset(wrdp_session *s);

#endif
