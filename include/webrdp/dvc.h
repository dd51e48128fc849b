/* webrdp — the dynamic virtual channel client manager (DRDYNVC, MS-RDPEDYC
 * versions 1 to 3), sans-IO: fed one whole message of the "drdynvc" static
 * channel at a time, it writes the drdynvc messages to send into `out` and
 * hands each whole DVC message to the processor registered for its name.
 *
 *   wrdp_dvc *dvc = wrdp_dvc_new(NULL);
 *   wrdp_dvc_register(dvc, "Microsoft::Windows::RDS::DisplayControl", &proc);
 *   on CHANNEL_DATA for drdynvc: wrdp_dvc_process(dvc, msg, len, &out);
 *   then for each message m of out (wrdp_dvc_next_output): wrdp_session_send_channel(s, id, m...)
 *
 * Output framing: every drdynvc message must travel as its own static channel
 * message, so `out` holds records [u32le length][message]; walk them with
 * wrdp_dvc_next_output. Channels nobody registered are refused with a negative
 * creationStatus (the session goes on); soft-sync requests are answered as a
 * client without multitransport (no tunnel switched). */
#ifndef WEBRDP_DVC_H
#define WEBRDP_DVC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WRDP_DVC_CHANNEL_NAME "drdynvc"
/* DVC PDU commands (MS-RDPEDYC 2.2): the high nibble of the header byte. */
#define WRDP_DVC_CMD_CREATE 0x01
#define WRDP_DVC_CMD_DATA_FIRST 0x02
#define WRDP_DVC_CMD_DATA 0x03
#define WRDP_DVC_CMD_CLOSE 0x04
#define WRDP_DVC_CMD_CAPABILITY 0x05
#define WRDP_DVC_CMD_DATA_FIRST_COMPRESSED 0x06
#define WRDP_DVC_CMD_DATA_COMPRESSED 0x07
#define WRDP_DVC_CMD_SOFT_SYNC_REQUEST 0x08
#define WRDP_DVC_CMD_SOFT_SYNC_RESPONSE 0x09
/* The creationStatus of a refused channel (a negative HRESULT, as Windows' clients send). */
#define WRDP_DVC_CREATION_REFUSED 0xC0000001u
/* Every DVC PDU fits one static channel chunk. */
#define WRDP_DVC_PDU_MAX 1600
#define WRDP_DVC_NAME_MAX 256
#define WRDP_DVC_REGISTRY_MAX 32
#define WRDP_DVC_OPEN_MAX 64

typedef struct wrdp_dvc wrdp_dvc;

/* What a DVC processor implements; ctx is passed back untouched. Data sent from
 * a callback goes with wrdp_dvc_send(dvc, channel_id, ..., out) into the same out. */
typedef struct wrdp_dvc_processor {
    void *ctx;
    /* The server opened the channel (after our positive Create Response). */
    int (*open)(void *ctx, wrdp_dvc *dvc, uint32_t channel_id, wrdp_writer *out);
    /* One whole (reassembled, decompressed) DVC message. */
    int (*data)(void *ctx, wrdp_dvc *dvc, uint32_t channel_id, const uint8_t *msg, size_t len, wrdp_writer *out);
    /* The channel closed (by the server, by wrdp_dvc_close, or when the dvc is freed). */
    void (*close)(void *ctx, uint32_t channel_id);
} wrdp_dvc_processor;

typedef struct wrdp_dvc_config {
    uint16_t max_version;    /* 1..3 (default 3: compressed data) */
    size_t max_message;      /* the largest reassembled DVC message (default 8 MiB) */
} wrdp_dvc_config;

void wrdp_dvc_config_init(wrdp_dvc_config *cfg);

wrdp_dvc *wrdp_dvc_new(const wrdp_dvc_config *cfg); /* NULL cfg: defaults; NULL when memory is out */
void wrdp_dvc_free(wrdp_dvc *dvc);
const wrdp_error *wrdp_dvc_error(const wrdp_dvc *dvc);

/* Plugs a processor in by channel name (copied; up to WRDP_DVC_NAME_MAX - 1 bytes). */
int wrdp_dvc_register(wrdp_dvc *dvc, const char *name, const wrdp_dvc_processor *proc);

/* One whole drdynvc static channel message from the server. A malformed one
 * returns WRDP_ERR (the manager stays usable; the channel it was for drops its
 * partial message). */
int wrdp_dvc_process(wrdp_dvc *dvc, const uint8_t *msg, size_t len, wrdp_writer *out);

/* Sends one DVC message: DYNVC_DATA, or DYNVC_DATA_FIRST + DYNVC_DATA when it
 * does not fit one PDU. Fails on a channel that is not open. */
int wrdp_dvc_send(wrdp_dvc *dvc, uint32_t channel_id, const uint8_t *data, size_t len, wrdp_writer *out);
/* Closes an open channel from our side (DYNVC_CLOSE). */
int wrdp_dvc_close(wrdp_dvc *dvc, uint32_t channel_id, wrdp_writer *out);

/* The id of the open channel with this name; false when none is open. */
bool wrdp_dvc_channel_id(const wrdp_dvc *dvc, const char *name, uint32_t *channel_id);
/* The negotiated version (0 before the Capabilities Request). */
uint16_t wrdp_dvc_version(const wrdp_dvc *dvc);

/* Walks the records of out: the message at *pos; false at the end (or a broken record). */
bool wrdp_dvc_next_output(const uint8_t *buf, size_t len, size_t *pos, wrdp_bytes *msg);

typedef enum wrdp_dvc_event_type {
    WRDP_DVC_EVENT_CAPABILITIES = 1, /* version */
    WRDP_DVC_EVENT_OPENED,           /* channel_id, name */
    WRDP_DVC_EVENT_REFUSED,          /* channel_id, name: nobody registered it (or the processor refused) */
    WRDP_DVC_EVENT_CLOSED,           /* channel_id, name */
    WRDP_DVC_EVENT_SOFT_SYNC         /* a soft-sync request was answered (no tunnel) */
} wrdp_dvc_event_type;

typedef struct wrdp_dvc_event {
    wrdp_dvc_event_type type;
    uint32_t channel_id;
    uint16_t version;
    char name[WRDP_DVC_NAME_MAX];
} wrdp_dvc_event;

/* Pops the next event (a small ring: the oldest are dropped when it is full). */
bool wrdp_dvc_next_event(wrdp_dvc *dvc, wrdp_dvc_event *ev);

#ifdef __cplusplus
}
#endif
#endif
