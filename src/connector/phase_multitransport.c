/* Multitransport bootstrapping (MS-RDPBCGR 1.3.1.1, 2.2.15): webrdp has no UDP
 * transport, so an Initiate Multitransport Request is refused with E_ABORT, which
 * tells the server to carry on over TCP alone. */
#include <string.h>

#include "connector_internal.h"

#define E_ABORT 0x80004004u
#define TRANSPORTTYPE_UDPFECR 0x01
#define TRANSPORTTYPE_UDPFECL 0x04

/* Initiate Multitransport Request PDU (2.2.15.1), after the security header. */
typedef struct multitransport_request {
    uint32_t requestId;
    uint16_t requestedProtocol;
    uint16_t reserved;
    uint8_t securityCookie[16];
} multitransport_request;

static int decode_request(wrdp_cursor *c, multitransport_request *out)
{
    out->requestId = wrdp_rd_u32le(c, "requestId");
    out->requestedProtocol = wrdp_rd_u16le(c, "requestedProtocol");
    out->reserved = wrdp_rd_u16le(c, "reserved");
    wrdp_rd_copy(c, out->securityCookie, sizeof out->securityCookie, "securityCookie");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (out->requestedProtocol != TRANSPORTTYPE_UDPFECR && out->requestedProtocol != TRANSPORTTYPE_UDPFECL)
        return wrdp_cursor_fail(c, "requestedProtocol", "unknown transport 0x%x", out->requestedProtocol);
    return wrdp_cursor_expect_end(c);
}

int wrdp_conn_multitransport(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out)
{
    wrdp_cursor cur;
    multitransport_request req;
    wrdp_cursor_init(&cur, in->data.data, in->data.len, "Initiate Multitransport Request", &c->err);
    if (decode_request(&cur, &req))
        return wrdp_conn_fail_err(c);
    wrdp_wipe(req.securityCookie, sizeof req.securityCookie);
    /* Initiate Multitransport Response (2.2.15.2), on the channel the request came on */
    wrdp_writer *body = wrdp_conn_body(c);
    wrdp_wr_u32le(body, req.requestId);
    wrdp_wr_u32le(body, E_ABORT);
    return wrdp_conn_send(c, in->channel_id, WRDP_SEC_TRANSPORT_RSP, true, out);
}
