/* webrdp — TPKT (RFC 1006 / T.123 section 8) and X.224 class 0 TPDUs as RDP
 * uses them (MS-RDPBCGR 2.2.1.1, 2.2.1.2, 2.2.2.1): Connection Request with its
 * routing token or cookie and RDP_NEG_REQ, Connection Confirm with RDP_NEG_RSP
 * or RDP_NEG_FAILURE, the Data TPDU header that carries every slow-path PDU,
 * and Disconnect Request.
 *
 * Every whole-PDU decoder here reads the TPKT header, checks its version and
 * length, and reads exactly `length` bytes; the encoders compute the TPKT
 * length and the X.224 length indicator from the content. */
#ifndef WEBRDP_PDU_X224_H
#define WEBRDP_PDU_X224_H

#include <stdbool.h>

#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- TPKT header (T.123 section 8) -------------------------------------- */
#define WRDP_TPKT_VERSION 3
#define WRDP_TPKT_HEADER_SIZE 4

typedef struct wrdp_tpkt_header {
    uint8_t version;   /* must be 3 */
    uint8_t reserved;  /* kept as read */
    uint16_t length;   /* big-endian length of the whole packet, this header included */
} wrdp_tpkt_header;

/* Reads 4 bytes; fails unless version is 3 and length is at least 4. The
 * length is not checked against the input: this reads the header alone. */
int wrdp_tpkt_header_decode(wrdp_cursor *c, wrdp_tpkt_header *out);
/* Writes the header with `length` as given. */
int wrdp_tpkt_header_encode(const wrdp_tpkt_header *in, wrdp_writer *w);

/* ---- X.224 TPDU codes (X.224 section 13) ---------------------------------- */
#define WRDP_X224_TPDU_CONNECTION_REQUEST 0xE0
#define WRDP_X224_TPDU_CONNECTION_CONFIRM 0xD0
#define WRDP_X224_TPDU_DISCONNECT_REQUEST 0x80
#define WRDP_X224_TPDU_DATA 0xF0
#define WRDP_X224_TPDU_ERROR 0x70
#define WRDP_X224_DATA_EOT 0x80
/* TPKT (4) + X.224 Data TPDU header (3): what precedes every slow-path PDU. */
#define WRDP_X224_DATA_HEADER_SIZE 7

/* The fixed part of a CR or CC TPDU after its length indicator and code. */
typedef struct wrdp_x224_connection_tpdu {
    uint16_t dstRef;       /* destination reference, big-endian on the wire (0) */
    uint16_t srcRef;       /* source reference (0 from clients; Windows servers send 0x1234) */
    uint8_t classOption;   /* class (high nibble) and options; RDP uses class 0 */
} wrdp_x224_connection_tpdu;

/* ---- RDP negotiation structures (2.2.1.1.1, 2.2.1.1.2, 2.2.1.2.1, 2.2.1.2.2) */
#define WRDP_TYPE_RDP_NEG_REQ 0x01
#define WRDP_TYPE_RDP_NEG_RSP 0x02
#define WRDP_TYPE_RDP_NEG_FAILURE 0x03
#define WRDP_TYPE_RDP_CORRELATION_INFO 0x06
#define WRDP_RDP_NEG_LENGTH 8
#define WRDP_RDP_CORRELATION_INFO_LENGTH 36

/* RDP_NEG_REQ::flags */
#define WRDP_RESTRICTED_ADMIN_MODE_REQUIRED 0x01
#define WRDP_REDIRECTED_AUTHENTICATION_MODE_REQUIRED 0x02
#define WRDP_CORRELATION_INFO_PRESENT 0x08

/* requestedProtocols / selectedProtocol */
#define WRDP_PROTOCOL_RDP 0x00000000u
#define WRDP_PROTOCOL_SSL 0x00000001u
#define WRDP_PROTOCOL_HYBRID 0x00000002u
#define WRDP_PROTOCOL_RDSTLS 0x00000004u
#define WRDP_PROTOCOL_HYBRID_EX 0x00000008u
#define WRDP_PROTOCOL_RDSAAD 0x00000010u

/* RDP_NEG_RSP::flags */
#define WRDP_EXTENDED_CLIENT_DATA_SUPPORTED 0x01
#define WRDP_DYNVC_GFX_PROTOCOL_SUPPORTED 0x02
#define WRDP_NEGRSP_FLAG_RESERVED 0x04
#define WRDP_RESTRICTED_ADMIN_MODE_SUPPORTED 0x08
#define WRDP_REDIRECTED_AUTHENTICATION_MODE_SUPPORTED 0x10

/* RDP_NEG_FAILURE::failureCode */
#define WRDP_SSL_REQUIRED_BY_SERVER 0x00000001u
#define WRDP_SSL_NOT_ALLOWED_BY_SERVER 0x00000002u
#define WRDP_SSL_CERT_NOT_ON_SERVER 0x00000003u
#define WRDP_INCONSISTENT_FLAGS 0x00000004u
#define WRDP_HYBRID_REQUIRED_BY_SERVER 0x00000005u
#define WRDP_SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER 0x00000006u

/* RDP Negotiation Request (2.2.1.1.1): type 1, length 8 on the wire. */
typedef struct wrdp_rdp_neg_req {
    uint8_t flags;
    uint32_t requestedProtocols;
} wrdp_rdp_neg_req;

/* RDP Correlation Info (2.2.1.1.2): type 6, length 36 on the wire. */
typedef struct wrdp_rdp_neg_correlation_info {
    uint8_t flags;              /* must be 0; kept as read */
    uint8_t correlationId[16];  /* first byte not 0x00 or 0xF4, no 0x0D anywhere (sender's duty) */
    uint8_t reserved[16];       /* must be 0; kept as read */
} wrdp_rdp_neg_correlation_info;

/* RDP Negotiation Response (2.2.1.2.1): type 2, length 8 on the wire. */
typedef struct wrdp_rdp_neg_rsp {
    uint8_t flags;
    uint32_t selectedProtocol;
} wrdp_rdp_neg_rsp;

/* RDP Negotiation Failure (2.2.1.2.2): type 3, length 8 on the wire. */
typedef struct wrdp_rdp_neg_failure {
    uint8_t flags;         /* must be 0; kept as read */
    uint32_t failureCode;
} wrdp_rdp_neg_failure;

/* The standalone 8-byte structures (type, flags, length, value). Decoders
 * check type and length. */
int wrdp_rdp_neg_req_decode(wrdp_cursor *c, wrdp_rdp_neg_req *out);
int wrdp_rdp_neg_req_encode(const wrdp_rdp_neg_req *in, wrdp_writer *w);
int wrdp_rdp_neg_rsp_decode(wrdp_cursor *c, wrdp_rdp_neg_rsp *out);
int wrdp_rdp_neg_rsp_encode(const wrdp_rdp_neg_rsp *in, wrdp_writer *w);
int wrdp_rdp_neg_failure_decode(wrdp_cursor *c, wrdp_rdp_neg_failure *out);
int wrdp_rdp_neg_failure_encode(const wrdp_rdp_neg_failure *in, wrdp_writer *w);
int wrdp_rdp_neg_correlation_info_decode(wrdp_cursor *c, wrdp_rdp_neg_correlation_info *out);
int wrdp_rdp_neg_correlation_info_encode(const wrdp_rdp_neg_correlation_info *in, wrdp_writer *w);

/* A sentence a user understands for an RDP_NEG_FAILURE failureCode (a generic
 * one for unknown codes). Never NULL; static storage. */
const char *wrdp_neg_failure_text(uint32_t code);

/* ---- Client X.224 Connection Request PDU (2.2.1.1) ------------------------
 * TPKT + CR TPDU + optional routingToken or cookie + optional rdpNegReq +
 * rdpCorrelationInfo (present exactly when rdpNegReq.flags has
 * CORRELATION_INFO_PRESENT).
 *
 * How the variable part is read: a first byte of 0x01 starts rdpNegReq; text
 * starting "Cookie: mstshash=" is the cookie; anything else up to the first
 * CR LF is the routing token (for example "Cookie: msts=3640205228.15629.0000"
 * or "tsv://MS Terminal Services Plugin.1.Sessions"). */
#define WRDP_X224_COOKIE_PREFIX "Cookie: mstshash="
#define WRDP_X224_ROUTING_TOKEN_PREFIX "Cookie: msts="

typedef struct wrdp_x224_connection_request {
    wrdp_x224_connection_tpdu x224Crq;
    /* The routing token as sent, with its terminating CR LF (len 0: absent).
     * Written verbatim; it must end with CR LF, contain no earlier CR LF, and
     * not start with 0x01 or the cookie prefix. */
    wrdp_bytes routingToken;
    /* The IDENTIFIER of "Cookie: mstshash=IDENTIFIER\r\n" (len 0: absent); the
     * encoder adds the prefix and CR LF. Printable ASCII only. */
    wrdp_bytes cookie;
    bool hasRdpNegReq;
    wrdp_rdp_neg_req rdpNegReq;
    wrdp_rdp_neg_correlation_info rdpCorrelationInfo; /* when rdpNegReq.flags & CORRELATION_INFO_PRESENT */
} wrdp_x224_connection_request;

int wrdp_x224_connection_request_decode(wrdp_cursor *c, wrdp_x224_connection_request *out);
int wrdp_x224_connection_request_encode(const wrdp_x224_connection_request *in, wrdp_writer *w);

/* Cookie and routing-token readers (the variable part of a CR, on their own).
 * Return 1 when found (the cursor is then past the CR LF), 0 when the input does
 * not start with the prefix (nothing consumed), WRDP_ERR when the prefix is
 * there but no CR LF ends it. *value is the text between prefix and CR LF. */
int wrdp_x224_read_cookie(wrdp_cursor *c, wrdp_bytes *value);
int wrdp_x224_read_routing_token(wrdp_cursor *c, wrdp_bytes *value);

/* ---- Server X.224 Connection Confirm PDU (2.2.1.2) ------------------------ */
typedef struct wrdp_x224_connection_confirm {
    wrdp_x224_connection_tpdu x224Ccf;
    uint8_t rdpNegDataType;          /* 0: absent; TYPE_RDP_NEG_RSP or TYPE_RDP_NEG_FAILURE */
    wrdp_rdp_neg_rsp rdpNegRsp;      /* when rdpNegDataType == TYPE_RDP_NEG_RSP */
    wrdp_rdp_neg_failure rdpNegFailure; /* when rdpNegDataType == TYPE_RDP_NEG_FAILURE */
} wrdp_x224_connection_confirm;

int wrdp_x224_connection_confirm_decode(wrdp_cursor *c, wrdp_x224_connection_confirm *out);
int wrdp_x224_connection_confirm_encode(const wrdp_x224_connection_confirm *in, wrdp_writer *w);

/* ---- X.224 Data TPDU (X.224 13.7): TPKT + 02 F0 80 + payload ---------------- */
typedef struct wrdp_x224_data {
    wrdp_bytes userData;   /* the payload (MCS PDU): a view into the input */
} wrdp_x224_data;

/* Reads one whole TPKT frame holding a Data TPDU with EOT set. */
int wrdp_x224_data_decode(wrdp_cursor *c, wrdp_x224_data *out);
int wrdp_x224_data_encode(const wrdp_x224_data *in, wrdp_writer *w);

/* Framing for writers of slow-path PDUs:
 *   size_t m = wrdp_x224_data_begin(w);  ...write the MCS PDU...;  wrdp_x224_data_end(w, m);
 * begin writes the 7-byte header, end patches the TPKT length (fails over 65535). */
size_t wrdp_x224_data_begin(wrdp_writer *w);
int wrdp_x224_data_end(wrdp_writer *w, size_t mark);

/* Length of the TPKT frame starting at data (0 when fewer than 4 bytes are
 * there yet), for framing a byte stream; WRDP_ERR when it is not a TPKT header. */
int wrdp_tpkt_frame_length(const uint8_t *data, size_t len, size_t *frame_len);

/* ---- X.224 Disconnect Request TPDU (X.224 13.5) --------------------------- */
typedef struct wrdp_x224_disconnect_request {
    uint16_t dstRef;
    uint16_t srcRef;
    uint8_t reason;
    wrdp_bytes variablePart;  /* parameters after the fixed part, kept verbatim (usually empty) */
} wrdp_x224_disconnect_request;

int wrdp_x224_disconnect_request_decode(wrdp_cursor *c, wrdp_x224_disconnect_request *out);
int wrdp_x224_disconnect_request_encode(const wrdp_x224_disconnect_request *in, wrdp_writer *w);

#ifdef __cplusplus
}
#endif
#endif
