/* webrdp — RDCleanPath: the PDU a web client exchanges with a gateway
 * (Devolutions Gateway, IronRDP's web proxy) over a WebSocket in place of the
 * X.224 connection request and the TLS handshake. The client sends a request
 * (destination, token, X.224 Connection Request); the gateway connects,
 * performs TLS with the server, and answers with the X.224 Connection Confirm,
 * the server's certificate chain and address — or with an error.
 *
 * Wire form (DER), as IronRDP's ironrdp-rdcleanpath defines it; every field
 * tag is EXPLICIT and context-specific:
 *
 *   RDCleanPathPdu ::= SEQUENCE {
 *       version              [0] INTEGER,            -- 3390
 *       error                [1] RDCleanPathErr      OPTIONAL,
 *       destination          [2] UTF8String          OPTIONAL,
 *       proxyAuth            [3] UTF8String          OPTIONAL,
 *       serverAuth           [4] UTF8String          OPTIONAL,
 *       preconnectionBlob    [5] UTF8String          OPTIONAL,
 *       x224ConnectionPdu    [6] OCTET STRING        OPTIONAL,
 *       serverCertChain      [7] SEQUENCE OF OCTET STRING OPTIONAL,
 *       -- [8] is reserved (an OCSP response, never defined)
 *       serverAddr           [9] UTF8String          OPTIONAL }
 *
 *   RDCleanPathErr ::= SEQUENCE {
 *       errorCode            [0] INTEGER (0..65535),
 *       httpStatusCode       [1] INTEGER (0..65535)  OPTIONAL,
 *       wsaLastError         [2] INTEGER (0..65535)  OPTIONAL,
 *       tlsAlertCode         [3] INTEGER (0..255)    OPTIONAL }
 *
 * Decoding never allocates: strings and octet strings are views into the
 * input, which must outlive the decoded struct. Strings are UTF-8 (checked on
 * decode and on encode), without a terminator. */
#ifndef WEBRDP_RDCLEANPATH_H
#define WEBRDP_RDCLEANPATH_H

#include <stdbool.h>

#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The only version there is: 3389 + 1. Any other is refused. */
#define WRDP_RDCLEANPATH_PDU_VERSION 3390u

/* errorCode values. */
#define WRDP_RDCLEANPATH_GENERAL_ERROR_CODE 1u     /* see the HTTP / WSA / TLS codes */
#define WRDP_RDCLEANPATH_NEGOTIATION_ERROR_CODE 2u /* the server refused the X.224 negotiation;
                                                      its Connection Confirm is in x224_connection_pdu */

/* Most certificates a decoded chain holds (a server sends two or three). */
#define WRDP_RDCLEANPATH_MAX_CERTS 16
/* Largest PDU wrdp_rdcleanpath_detect() accepts, so that a transport never
 * buffers a size announced by a misbehaving peer. */
#define WRDP_RDCLEANPATH_MAX_PDU_SIZE ((size_t)1024 * 1024)

typedef struct wrdp_rdcleanpath_err {
    uint16_t error_code;
    bool has_http_status_code;
    uint16_t http_status_code; /* the gateway's answer to the token, the target, ... */
    bool has_wsa_last_error;
    uint16_t wsa_last_error;   /* the gateway's socket error reaching the server (Winsock numbering) */
    bool has_tls_alert_code;
    uint8_t tls_alert_code;    /* the TLS alert of the gateway's handshake with the server */
} wrdp_rdcleanpath_err;

typedef struct wrdp_rdcleanpath_pdu {
    uint64_t version; /* WRDP_RDCLEANPATH_PDU_VERSION */
    bool has_error;
    wrdp_rdcleanpath_err error;           /* gateway -> client */
    bool has_destination;
    wrdp_bytes destination;               /* client -> gateway: "host:port" of the RDP server */
    bool has_proxy_auth;
    wrdp_bytes proxy_auth;                /* client -> gateway: the gateway's token */
    bool has_server_auth;
    wrdp_bytes server_auth;               /* unused by today's gateways */
    bool has_preconnection_blob;
    wrdp_bytes preconnection_blob;        /* client -> gateway: forwarded to the server (Hyper-V VM id, ...) */
    bool has_x224_connection_pdu;
    wrdp_bytes x224_connection_pdu;       /* client: Connection Request; gateway: Connection Confirm */
    bool has_server_cert_chain;
    size_t server_cert_count;
    wrdp_bytes server_cert_chain[WRDP_RDCLEANPATH_MAX_CERTS]; /* gateway -> client: DER X.509, leaf first */
    bool has_server_addr;
    wrdp_bytes server_addr;               /* gateway -> client: the IP address it resolved and reached */
} wrdp_rdcleanpath_pdu;

/* Zeroes the PDU and sets the version. */
void wrdp_rdcleanpath_pdu_init(wrdp_rdcleanpath_pdu *pdu);

/* Reads one PDU. Fails with a decode error on malformed DER, a version other
 * than 3390, fields out of order or unknown, or strings that are not UTF-8. */
int wrdp_rdcleanpath_decode(wrdp_cursor *c, wrdp_rdcleanpath_pdu *out);
/* Appends one PDU in DER. Fails (encode error) on a version other than 3390,
 * a certificate count above the maximum, or a string that is not UTF-8. */
int wrdp_rdcleanpath_encode(const wrdp_rdcleanpath_pdu *in, wrdp_writer *w);

/* Framing for a transport: looks at the start of `data`.
 *   1        a whole PDU of *total_len bytes is there (len >= *total_len);
 *   0        more bytes are needed; *total_len is the PDU's size once the outer
 *            header has arrived, 0 before;
 *   WRDP_ERR not an RDCleanPath PDU: not a SEQUENCE, a malformed header, a
 *            version other than 3390, or a size above WRDP_RDCLEANPATH_MAX_PDU_SIZE
 *            (err, when not NULL, says which).
 * Like IronRDP's detect, it checks the outer header and the version only. */
int wrdp_rdcleanpath_detect(const uint8_t *data, size_t len, size_t *total_len, wrdp_error *err);

/* Fills a client request: destination ("host:port"), proxy_auth (the
 * gateway's token), the X.224 Connection Request bytes and, when not NULL, a
 * preconnection blob. Strings are NUL-terminated UTF-8; every pointer must
 * outlive the PDU. A Hyper-V (vmconnect) request passes x224 = NULL and
 * x224_len = 0 with a preconnection blob naming the VM. Fails with an
 * invalid-argument error (err may be NULL) when destination or proxy_auth is
 * NULL, or when there is neither an X.224 request nor a non-blank blob. */
int wrdp_rdcleanpath_request_init(wrdp_rdcleanpath_pdu *pdu, const char *destination, const char *proxy_auth,
                                  const uint8_t *x224, size_t x224_len, const char *preconnection_blob,
                                  wrdp_error *err);

typedef enum wrdp_rdcleanpath_type {
    WRDP_RDCLEANPATH_INVALID = 0,
    WRDP_RDCLEANPATH_REQUEST,           /* destination, proxy_auth, and an X.224 request or a blob */
    WRDP_RDCLEANPATH_RESPONSE,          /* server_addr, server_cert_chain (and the X.224 confirm,
                                           absent only in a vmconnect response) */
    WRDP_RDCLEANPATH_GENERAL_ERROR,     /* error, see its codes */
    WRDP_RDCLEANPATH_NEGOTIATION_ERROR  /* error code 2 with the server's X.224 Connection Confirm */
} wrdp_rdcleanpath_type;

/* What a decoded PDU is, in IronRDP's order: destination makes a request,
 * else server_addr a response, else it must carry an error. Returns
 * WRDP_RDCLEANPATH_INVALID and sets a decode error naming the missing field
 * (err may be NULL) when a required field is absent. */
wrdp_rdcleanpath_type wrdp_rdcleanpath_classify(const wrdp_rdcleanpath_pdu *pdu, wrdp_error *err);
const char *wrdp_rdcleanpath_type_name(wrdp_rdcleanpath_type type);

/* For a PDU that carries an error: sets err to WRDP_ERROR_RDCLEANPATH with
 * code = errorCode, http_status / wsa_error (0 when absent), tls_alert (-1
 * when absent) and a message in plain words, and returns WRDP_ERR. For a PDU
 * without an error it returns WRDP_OK and leaves err alone, so that
 *   if (wrdp_rdcleanpath_to_error(&pdu, err)) return WRDP_ERR;
 * reads as it should. */
int wrdp_rdcleanpath_to_error(const wrdp_rdcleanpath_pdu *pdu, wrdp_error *err);

/* IronRDP's short rendering of an error, e.g.
 *   "general error (code 1); HTTP 502 bad gateway; WSA 10060 connection timed out"
 * Writes at most cap bytes including the NUL; returns the length of the whole text. */
size_t wrdp_rdcleanpath_err_describe(const wrdp_rdcleanpath_err *e, char *out, size_t cap);

/* Meanings of the codes, lower case; "unknown ..." for codes outside the tables. */
const char *wrdp_rdcleanpath_error_code_name(uint16_t error_code); /* "general error", "negotiation error" */
const char *wrdp_rdcleanpath_http_status_name(uint16_t status);     /* 403 -> "forbidden" */
const char *wrdp_rdcleanpath_wsa_error_name(uint16_t wsa);          /* 10061 -> "connection refused" */
const char *wrdp_rdcleanpath_tls_alert_name(uint8_t alert);         /* 40 -> "handshake failure" */

#ifdef __cplusplus
}
#endif
#endif
