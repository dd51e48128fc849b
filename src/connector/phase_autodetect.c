/* Connect-time auto-detection (MS-RDPBCGR 1.3.1.1, 2.2.14, 3.2.5.3.3): the server
 * measures round-trip time and bandwidth while licensing goes on; the client echoes
 * RTT requests and reports what it received between Bandwidth Measure Start and Stop.
 * Time comes from the embedder's clock (config.clock), never from the system. */
#include <string.h>

#include "connector_internal.h"

static uint32_t now_ms(const wrdp_connector *c)
{
    return c->cfg.clock ? c->cfg.clock(c->cfg.clock_ctx) : 0;
}

static int respond(wrdp_connector *c, const wrdp_conn_in *in, const wrdp_autodetect_response *r, wrdp_writer *out)
{
    wrdp_writer *body = wrdp_conn_body(c);
    if (wrdp_autodetect_response_encode(r, body))
        return wrdp_conn_fail(c, WRDP_ERROR_ENCODE, "Auto-Detect Response: %s", c->err.message);
    return wrdp_conn_send(c, in->channel_id, WRDP_SEC_AUTODETECT_RSP, true, out);
}

int wrdp_conn_autodetect(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out)
{
    wrdp_cursor cur;
    wrdp_autodetect_request req;
    wrdp_cursor_init(&cur, in->data.data, in->data.len, "Auto-Detect Request", &c->err);
    if (wrdp_autodetect_request_decode(&cur, &req) || wrdp_cursor_expect_end(&cur))
        return wrdp_conn_fail_err(c);
    wrdp_autodetect_response r;
    memset(&r, 0, sizeof r);
    r.headerTypeId = WRDP_TYPE_ID_AUTODETECT_RESPONSE;
    r.sequenceNumber = req.sequenceNumber;
    switch (req.requestType) {
    case WRDP_RDP_RTT_REQUEST_TYPE_CONTINUOUS:
    case WRDP_RDP_RTT_REQUEST_TYPE_CONNECTTIME:
        r.responseType = WRDP_RDP_RTT_RESPONSE_TYPE;
        return respond(c, in, &r, out);
    case WRDP_RDP_BW_START_REQUEST_TYPE_CONTINUOUS:
    case WRDP_RDP_BW_START_REQUEST_TYPE_TUNNEL:
    case WRDP_RDP_BW_START_REQUEST_TYPE_CONNECTTIME:
        c->bw_start_ms = now_ms(c);
        c->bw_bytes = 0;
        return WRDP_OK;
    case WRDP_RDP_BW_PAYLOAD_REQUEST_TYPE:
        c->bw_bytes += (uint32_t)req.payload.len;
        return WRDP_OK;
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_CONNECTTIME:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_CONTINUOUS:
    case WRDP_RDP_BW_STOP_REQUEST_TYPE_TUNNEL: {
        c->bw_bytes += (uint32_t)req.payload.len;
        uint32_t delta = now_ms(c) - c->bw_start_ms;
        r.responseType = req.requestType == WRDP_RDP_BW_STOP_REQUEST_TYPE_CONNECTTIME
                             ? WRDP_RDP_BW_RESULTS_RESPONSE_TYPE_CONNECTTIME
                             : WRDP_RDP_BW_RESULTS_RESPONSE_TYPE_CONTINUOUS;
        r.timeDelta = delta ? delta : 1; /* a server divides by it */
        r.byteCount = c->bw_bytes;
        return respond(c, in, &r, out);
    }
    default:
        return WRDP_OK; /* network characteristics results: nothing to answer */
    }
}
