/* The PDU hint: from the first bytes of the stream, the length of the next
 * whole frame (TPKT [T123] 8, fast-path MS-RDPBCGR 2.2.8.1.2 / 2.2.9.1.2,
 * CredSSP TSRequest DER [MS-CSSP] 2.2.1). The transport reads until it has
 * that many bytes, then hands the frame to the connector or the session. */
#include "webrdp/pdu.h"

#define TPKT_VERSION 3
#define TPKT_HEADER_SIZE 4
#define TPKT_FRAME_MIN 7 /* TPKT header + the 3-byte X.224 Data TPDU header */

#define HINT_FAIL(err, ...) (wrdp_error_set((err), WRDP_ERROR_DECODE, "PDU hint: " __VA_ARGS__))

static int hint_tpkt(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err)
{
    if (data[0] != TPKT_VERSION)
        return HINT_FAIL(err, "TPKT version %u is not 3", data[0]);
    if (len < TPKT_HEADER_SIZE)
        return 0;
    unsigned length = (unsigned)data[2] << 8 | data[3];
    if (length < TPKT_FRAME_MIN)
        return HINT_FAIL(err, "TPKT length %u is under 7", length);
    *frame_len = length;
    return 1;
}

static int hint_fastpath(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err)
{
    if (len < 2)
        return 0;
    unsigned length;
    unsigned header;
    if (data[1] & 0x80) {
        if (len < 3)
            return 0;
        length = (unsigned)(data[1] & 0x7F) << 8 | data[2];
        header = 3;
    } else {
        length = data[1];
        header = 2;
    }
    if (length == 0)
        return HINT_FAIL(err, "fast-path length is zero");
    if (length < header)
        return HINT_FAIL(err, "fast-path length %u is under the %u-byte header", length, header);
    *frame_len = length;
    return 1;
}

int wrdp_pdu_hint(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err)
{
    if (!data || len == 0)
        return 0;
    switch (data[0] & 0x3) {
    case WRDP_FASTPATH_OUTPUT_ACTION_FASTPATH:
        return hint_fastpath(data, len, frame_len, err);
    case WRDP_FASTPATH_OUTPUT_ACTION_X224:
        return hint_tpkt(data, len, frame_len, err);
    default:
        return HINT_FAIL(err, "first byte 0x%02x is neither TPKT nor fast-path", data[0]);
    }
}

int wrdp_pdu_hint_x224(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err)
{
    if (!data || len == 0)
        return 0;
    return hint_tpkt(data, len, frame_len, err);
}

int wrdp_pdu_hint_credssp(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err)
{
    if (!data || len == 0)
        return 0;
    if (data[0] != 0x30)
        return HINT_FAIL(err, "CredSSP tag 0x%02x is not a DER SEQUENCE (0x30)", data[0]);
    if (len < 2)
        return 0;
    size_t length;
    size_t header;
    if (data[1] < 0x80) {
        length = data[1];
        header = 2;
    } else {
        unsigned n = data[1] & 0x7F;
        if (n == 0)
            return HINT_FAIL(err, "CredSSP indefinite length is not DER");
        if (n > 4)
            return HINT_FAIL(err, "CredSSP length of %u bytes is too long", n);
        if (len < 2 + (size_t)n)
            return 0;
        uint32_t v = 0;
        for (unsigned i = 0; i < n; i++)
            v = v << 8 | data[2 + i];
        if (v > WRDP_PDU_HINT_CREDSSP_MAX) {
            wrdp_error_set(err, WRDP_ERROR_LIMIT, "PDU hint: CredSSP TSRequest of %lu bytes is over the %lu-byte cap",
                           (unsigned long)v, (unsigned long)WRDP_PDU_HINT_CREDSSP_MAX);
            return WRDP_ERR;
        }
        length = v;
        header = 2 + n;
    }
    if (length == 0)
        return HINT_FAIL(err, "CredSSP TSRequest is empty");
    *frame_len = header + length;
    return 1;
}
