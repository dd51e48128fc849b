/* Sending on static channels from the active session: chunks to the server's
 * VCChunkSize, each through the connector's security layer and MCS; and the
 * channel registry by name. */
#include <strings.h>

#include "session_internal.h"
#include "webrdp/svc.h"

static const wrdp_joined_channel *joined(const wrdp_session *s, uint16_t id)
{
    const wrdp_connection_result *res = wrdp_connector_result(s->conn);
    for (size_t i = 0; res && i < res->channel_count; i++)
        if (res->channels[i].id == id)
            return &res->channels[i];
    return NULL;
}

uint16_t wrdp_session_channel_id(const wrdp_session *s, const char *name)
{
    const wrdp_connection_result *res = s && name ? wrdp_connector_result(s->conn) : NULL;
    for (size_t i = 0; res && i < res->channel_count; i++)
        if (!strncasecmp(res->channels[i].name, name, sizeof res->channels[i].name))
            return res->channels[i].id;
    return 0;
}

int wrdp_session_send_channel(wrdp_session *s, uint16_t channel_id, const uint8_t *data, size_t len,
                              wrdp_writer *out)
{
    if (s->terminated)
        return wrdp_sess_fail(s, WRDP_ERROR_STATE, "session: terminated");
    const wrdp_joined_channel *ch = joined(s, channel_id);
    if (!ch)
        return wrdp_sess_fail(s, WRDP_ERROR_INVALID_ARGUMENT, "session: channel %u is not joined", channel_id);
    if (len > WRDP_SESSION_FRAGMENTS_MAX)
        return wrdp_sess_fail(s, WRDP_ERROR_LIMIT, "session: a %zu-byte channel message", len);
    const wrdp_connection_result *res = wrdp_connector_result(s->conn);
    size_t chunk = wrdp_svc_chunk_size(res->server_capabilities.data, res->server_capabilities.len,
                                       res->server_capability_count);
    size_t count = wrdp_svc_chunk_count(len, chunk);
    wrdp_writer body;
    wrdp_writer_init(&body, WRDP_SVC_CHUNK_MAX + WRDP_SVC_HEADER_SIZE, &s->err);
    int rc = WRDP_OK;
    for (size_t i = 0; i < count && rc == WRDP_OK; i++) {
        wrdp_writer_reset(&body);
        if (wrdp_svc_chunk_encode(data, len, i, chunk, ch->options, &body) ||
            wrdp_connector_send_pdu(s->conn, channel_id, 0, body.data, body.len, out)) {
            if (s->err.kind == WRDP_ERROR_NONE)
                s->err = *wrdp_connector_error(s->conn);
            rc = WRDP_ERR;
        }
    }
    wrdp_writer_free(&body);
    return rc;
}
