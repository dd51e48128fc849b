/* webrdp — static virtual channels (MS-RDPBCGR 2.2.6.1, 3.1.5.2): one channel
 * message travels as chunks, each a CHANNEL_PDU_HEADER (the whole message's
 * length, FIRST/LAST, SHOW_PROTOCOL when the channel asks for it) and at most
 * the negotiated chunk size of data.
 *
 * Receiving: the session reassembles the chunks (decompressing those the server
 * compressed, with the session's one server-to-client bulk context, as
 * MS-RDPBCGR 3.1.8 has one compression context a direction) and raises
 * WRDP_SESSION_EVENT_CHANNEL_DATA with the whole message; hand it to the
 * channel's processor. Sending: wrdp_session_send_channel. */
#ifndef WEBRDP_SVC_H
#define WEBRDP_SVC_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "session.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* VCChunkSize: absent -> 1600; a server may allow up to 16256 (MS-RDPBCGR 2.2.7.1.10). */
#define WRDP_SVC_CHUNK_DEFAULT 1600u
#define WRDP_SVC_CHUNK_MAX 16256u
#define WRDP_SVC_HEADER_SIZE 8u

/* How many chunks a len-byte message takes (at least 1: an empty message is one empty chunk). */
size_t wrdp_svc_chunk_count(size_t len, size_t chunk_size);
/* Writes chunk number `index` of msg (header + data) to w. `options` are the
 * channel's CHANNEL_DEF options (CHANNEL_OPTION_SHOW_PROTOCOL adds the flag). */
int wrdp_svc_chunk_encode(const uint8_t *msg, size_t len, size_t index, size_t chunk_size, uint32_t options,
                          wrdp_writer *w);
/* The chunk size the server's capability sets allow (Virtual Channel set), clamped to 1600..16256. */
size_t wrdp_svc_chunk_size(const uint8_t *caps, size_t len, uint16_t count);

/* Sends one message on a joined static channel: every chunk wrapped in the
 * security header and an MCS Send Data Request, appended to out. */
int wrdp_session_send_channel(wrdp_session *s, uint16_t channel_id, const uint8_t *data, size_t len,
                              wrdp_writer *out);
/* The id of a joined static channel by name (case-insensitive, e.g. "cliprdr"); 0 when not joined. */
uint16_t wrdp_session_channel_id(const wrdp_session *s, const char *name);

#ifdef __cplusplus
}
#endif
#endif
