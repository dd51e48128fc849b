/* Client fast-path input on an active session (wrdp_session_send_input of
 * include/webrdp/input.h): plain PDUs under TLS/NLA, encrypted and signed
 * ones under Standard RDP Security, which shares the client-to-server RC4
 * stream (or FIPS chaining) with the slow-path PDUs the connector sends. */
#include "session/session_internal.h"
#include "webrdp/input.h"

/* Under encryption the 4-bit header count says 0 when there are more than 15
 * events, and the count byte travels encrypted with the events. */
static int send_encrypted(wrdp_session *s, const wrdp_fastpath_input_event *events, size_t n, wrdp_writer *out)
{
    wrdp_writer plain;
    wrdp_writer_init(&plain, 4096, &s->err);
    if (n > 15)
        wrdp_wr_u8(&plain, (uint8_t)n);
    for (size_t i = 0; i < n; i++)
        wrdp_fastpath_input_event_encode(&events[i], &plain);
    wrdp_wr_fill(&plain, 0, 8); /* room for the FIPS padding */
    if (wrdp_writer_status(&plain)) {
        wrdp_writer_free(&plain);
        return WRDP_ERR;
    }
    size_t len = plain.len - 8;
    uint8_t pad = 0;
    wrdp_fastpath_input_pdu *pdu = wrdp_calloc(1, sizeof *pdu);
    int r = WRDP_ERR;
    if (!pdu)
        wrdp_error_set(&s->err, WRDP_ERROR_OUT_OF_MEMORY, "no memory for a fast-path input PDU");
    else if (wrdp_rdp_security_encrypt(s->sec, plain.data, &len, plain.len, false, pdu->dataSignature, &pad,
                                       &s->err) == WRDP_OK) {
        pdu->action = WRDP_FASTPATH_INPUT_ACTION_FASTPATH;
        pdu->flags = WRDP_FASTPATH_INPUT_ENCRYPTED;
        pdu->numEvents = (uint8_t)(n > 15 ? 0 : n);
        if (s->fips) {
            pdu->hasFipsInformation = true;
            pdu->fipsInformation.length = 0x10;
            pdu->fipsInformation.version = WRDP_TSFIPS_VERSION1;
            pdu->fipsInformation.padlen = pad;
        }
        pdu->encryptedData.data = plain.data;
        pdu->encryptedData.len = len;
        r = wrdp_fastpath_input_pdu_encode(pdu, out);
    }
    wrdp_free(pdu);
    wrdp_wipe(plain.data, plain.len);
    wrdp_writer_free(&plain);
    return r;
}

int wrdp_session_send_input(wrdp_session *s, const wrdp_fastpath_input_event *events, size_t count,
                            wrdp_writer *out)
{
    if (s->terminated)
        return wrdp_error_set(&s->err, WRDP_ERROR_STATE, "the session has ended: no input can be sent");
    /* Between Deactivate All and the end of reactivation the server takes no input. */
    if (s->deactivated || !count)
        return WRDP_OK;
    if (!s->sec)
        return wrdp_input_encode_events(events, count, out, &s->err) < 0 ? WRDP_ERR : WRDP_OK;
    for (size_t i = 0; i < count; i += WRDP_FASTPATH_INPUT_EVENTS_MAX) {
        size_t n = count - i < WRDP_FASTPATH_INPUT_EVENTS_MAX ? count - i : WRDP_FASTPATH_INPUT_EVENTS_MAX;
        if (send_encrypted(s, events + i, n, out))
            return WRDP_ERR;
    }
    return WRDP_OK;
}
