/* The connector's state shared by its phase files (one file a phase of
 * MS-RDPBCGR 1.3.1.1), and the slow-path plumbing they all use. Internal. */
#ifndef WRDP_CONNECTOR_INTERNAL_H
#define WRDP_CONNECTOR_INTERNAL_H

#include <stdbool.h>
#include <string.h>

#include "webrdp/connector.h"
#include "webrdp/credssp.h"
#include "webrdp/pdu.h"
#include "crypto/rdp_security.h"
#include "licensing.h"

/* Channel joins: user channel, I/O channel, the static channels, the message channel. */
#define WRDP_CONN_JOIN_MAX (WRDP_CONNECTOR_MAX_CHANNELS + 3)

/* Finalization PDUs received from the server (bits). */
#define WRDP_FIN_SYNCHRONIZE 0x1u
#define WRDP_FIN_COOPERATE 0x2u
#define WRDP_FIN_GRANTED_CONTROL 0x4u
#define WRDP_FIN_FONT_MAP 0x8u

/* Largest frame the connector copies to decrypt or keep (a TPKT frame is at most 64 KiB;
 * CredSSP and RDCleanPath frames are handed to their own decoders without a copy). */
#define WRDP_CONN_FRAME_MAX ((size_t)0x10000)

struct wrdp_connector {
    wrdp_connector_config cfg;   /* string pointers point into `strings` */
    wrdp_arena strings;          /* copies of the caller's strings and blobs */
    wrdp_connector_state state;
    wrdp_error err;
    wrdp_connection_result result;

    /* connection initiation */
    bool rdcleanpath;
    const char *rcp_destination;
    const char *rcp_proxy_auth;
    uint32_t requested_protocols;   /* RDP_NEG_REQ requestedProtocols */

    /* the server's key, from TLS or RDCleanPath */
    uint8_t *server_public_key;
    size_t server_public_key_len;

    /* CredSSP */
    wrdp_credssp *credssp;
    bool credssp_started;
    uint32_t credssp_frames;        /* server TSRequests received */

    /* basic settings */
    bool skip_channel_join;
    uint32_t server_encryption_method;
    uint32_t server_encryption_level;
    uint8_t server_random[32];
    uint8_t server_modulus_le[512];
    size_t server_modulus_len;
    uint32_t server_exponent;
    uint8_t *server_certificate;    /* Server Security Data's certificate, for licensing */
    size_t server_certificate_len;

    /* channel connection */
    int channel_step;               /* 0: send erect domain + attach user; 1: wait attach confirm; 2: joins */
    uint16_t joins[WRDP_CONN_JOIN_MAX];
    size_t join_count;
    size_t join_next;               /* index of the join awaiting its confirm */

    /* Standard RDP Security */
    bool encrypting;                /* the security exchange is done: PDUs carry security headers */
    bool security_headers;          /* Standard RDP Security with encryption: every PDU has a header */
    wrdp_rdp_security sec;
    uint8_t client_random[32];      /* kept for the session's auto-reconnect verifier */

    /* licensing, auto-detect */
    wrdp_license_client license;
    bool license_started;
    bool license_encrypt;           /* the server asked for encrypted client licensing PDUs */
    uint8_t *new_license;
    bool licensing_done;
    uint32_t bw_start_ms;
    uint32_t bw_bytes;

    /* capabilities, finalization */
    uint8_t *server_caps;
    unsigned fin_received;
    uint32_t error_info;            /* last Set Error Info code (0: none) */

    /* scratch */
    uint8_t *rx;                    /* a writable copy of the current frame (decryption is in place) */
    size_t rx_cap;
    wrdp_writer body;               /* PDU bodies before the security and MCS headers go on */
    wrdp_writer payload;            /* security header + body: the MCS userData */
};

/* ---- states ------------------------------------------------------------------ */
void wrdp_conn_enter(wrdp_connector *c, wrdp_connector_state s);
/* Records the error (code 0), enters FAILED, returns WRDP_ERR. Keeps the error already set when fmt is NULL. */
int wrdp_conn_fail(wrdp_connector *c, wrdp_error_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;
/* The same with a kind-specific code (err.code). */
int wrdp_conn_fail_code(wrdp_connector *c, wrdp_error_kind kind, uint32_t code, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Fails with the error already in c->err (from a decoder or a sub-module). */
int wrdp_conn_fail_err(wrdp_connector *c);

/* ---- outgoing slow-path PDUs ----------------------------------------------------
 * A phase writes the PDU body with wrdp_conn_body(), then sends it on a channel:
 * the sender adds the security header (basic, or encrypted with a signature under
 * Standard RDP Security) and the MCS Send Data Request in a TPKT/X.224 frame. */
wrdp_writer *wrdp_conn_body(wrdp_connector *c);
#define WRDP_CONN_SEC_RAW 0xFFFFu /* sec_flags: the body carries its own security header */
/* sec_flags: SEC_INFO_PKT, SEC_LICENSE_PKT, SEC_AUTODETECT_RSP, ... or 0 for a share
 * control PDU (which then has no header unless Standard RDP Security is in force).
 * encrypt: may be encrypted (false for the security exchange and licensing). */
int wrdp_conn_send(wrdp_connector *c, uint16_t channel_id, uint16_t sec_flags, bool encrypt, wrdp_writer *out);
/* Writes one MCS domain PDU in a TPKT/X.224 frame. */
int wrdp_conn_send_mcs(wrdp_connector *c, const wrdp_mcs_domain_pdu *pdu, wrdp_writer *out);

/* ---- incoming ----------------------------------------------------------------- */
typedef enum wrdp_conn_in_kind {
    WRDP_CONN_IN_SHARE_CONTROL,  /* data: a Share Control PDU (header included) */
    WRDP_CONN_IN_SECURITY,       /* sec_flags says which: license, auto-detect, transport, ... */
    WRDP_CONN_IN_FASTPATH,       /* a fast-path update (decrypted if it was encrypted); ignored here */
    WRDP_CONN_IN_IGNORED         /* a flow PDU, or a PDU on a channel the connector does not read */
} wrdp_conn_in_kind;

typedef struct wrdp_conn_in {
    wrdp_conn_in_kind kind;
    uint16_t channel_id;
    uint16_t sec_flags;
    wrdp_bytes data;             /* after the security header, decrypted */
} wrdp_conn_in;

/* Reads one frame of the activation phases: a TPKT with an MCS Send Data Indication
 * (or a Disconnect Provider Ultimatum / X.224 Disconnect Request, which fail with the
 * server-disconnect kind), or a fast-path PDU. Decrypts in a copy of the frame. */
int wrdp_conn_recv(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_conn_in *in);
/* An X.224 Disconnect Request in place of a Data TPDU. */
bool wrdp_conn_is_disconnect_request(const uint8_t *frame, size_t len);
/* Reads one TPKT + X.224 Data + MCS domain PDU of the channel connection phase;
 * a Disconnect Provider Ultimatum fails with the server-disconnect kind. */
int wrdp_conn_recv_mcs(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_mcs_domain_pdu *pdu);
/* A server disconnect: the Set Error Info code when one came, else `why`. */
int wrdp_conn_fail_disconnect(wrdp_connector *c, const char *why);

/* ---- phases (phase_*.c) ------------------------------------------------------------ */
int wrdp_conn_initiation_send(wrdp_connector *c, wrdp_writer *out);
int wrdp_conn_initiation_confirm(wrdp_connector *c, const uint8_t *frame, size_t len);
int wrdp_conn_security_upgrade_done(wrdp_connector *c, const uint8_t *cert, size_t len);
int wrdp_conn_credssp_step(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out);
int wrdp_conn_early_user_auth(wrdp_connector *c, const uint8_t *frame, size_t len);
int wrdp_conn_basic_settings_send(wrdp_connector *c, wrdp_writer *out);
int wrdp_conn_basic_settings_response(wrdp_connector *c, const uint8_t *frame, size_t len);
int wrdp_conn_channel_connection(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out);
int wrdp_conn_security_exchange(wrdp_connector *c, wrdp_writer *out);
int wrdp_conn_secure_settings(wrdp_connector *c, wrdp_writer *out);
/* The activation phases: auto-detect, licensing, multitransport, capabilities, finalization. */
int wrdp_conn_activation(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out);
int wrdp_conn_autodetect(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out);
int wrdp_conn_licensing(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out);
int wrdp_conn_multitransport(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out);
int wrdp_conn_demand_active(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out);
int wrdp_conn_finalization(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out);

/* The state after channel connection (security exchange or secure settings). */
void wrdp_conn_after_channels(wrdp_connector *c);
/* The state after the security upgrade (CredSSP or basic settings). */
void wrdp_conn_after_upgrade(wrdp_connector *c);
/* Copies the subjectPublicKey of a DER certificate. */
int wrdp_conn_take_certificate(wrdp_connector *c, const uint8_t *cert, size_t len);

#endif
