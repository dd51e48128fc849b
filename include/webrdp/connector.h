/* webrdp — the connector: a sans-IO state machine that takes an RDP connection
 * from the first byte to an active session (MS-RDPBCGR 1.3.1.1), in the manner
 * of IronRDP's ClientConnector.
 *
 * The caller owns the I/O. In a loop:
 *   1. wrdp_connector_step(c, frame, len, &out) with the last whole frame
 *      received (NULL/0 for the first step, and whenever
 *      wrdp_connector_wants_input() is false); send every byte written to out.
 *   2. When wrdp_connector_state_of() is WRDP_CONNECTOR_SECURITY_UPGRADE, do the
 *      TLS handshake on the same socket, then call
 *      wrdp_connector_security_upgrade_done() with the server's certificate.
 *   3. Otherwise read until wrdp_connector_next_frame_len() says a whole frame
 *      is there, and go to 1.
 * Until wrdp_connector_is_connected(), or an error (the step returns WRDP_ERR;
 * wrdp_connector_error() says why, in the kinds of error.h).
 *
 * Through an RDCleanPath gateway: call wrdp_connector_use_rdcleanpath() before
 * the first step; the first output is then an RDCleanPath request that wraps
 * the X.224 Connection Request, and the RDCleanPath response (which carries
 * the X.224 Connection Confirm and the certificate chain of the TLS session
 * the gateway made) is the next frame; there is no SECURITY_UPGRADE state. */
#ifndef WEBRDP_CONNECTOR_H
#define WEBRDP_CONNECTOR_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Security protocols a client may allow (RDP_NEG_REQ requestedProtocols). */
#define WRDP_SECURITY_RDP 0x01u    /* Standard RDP Security (RC4, server RSA key) */
#define WRDP_SECURITY_TLS 0x02u    /* TLS, then credentials in the Client Info PDU */
#define WRDP_SECURITY_NLA 0x04u    /* CredSSP over TLS */
#define WRDP_SECURITY_NLA_EX 0x08u /* CredSSP + Early User Authorization Result (HYBRID_EX) */
#define WRDP_SECURITY_DEFAULT (WRDP_SECURITY_TLS | WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX)

/* Bitmap codecs advertised in the Bitmap Codecs capability set. */
#define WRDP_CODEC_REMOTEFX 0x01u
#define WRDP_CODEC_NSCODEC 0x02u

/* Bulk compression the client accepts (Client Info flags, CompressionTypeMask). */
typedef enum wrdp_compression {
    WRDP_COMPRESSION_NONE = -1,
    WRDP_COMPRESSION_8K = 0,  /* MPPC, RDP 4.0 */
    WRDP_COMPRESSION_64K = 1, /* MPPC, RDP 5.0 */
    WRDP_COMPRESSION_RDP6 = 2,/* NCRUSH */
    WRDP_COMPRESSION_RDP61 = 3/* XCRUSH */
} wrdp_compression;

#define WRDP_CONNECTOR_MAX_CHANNELS 31

typedef struct wrdp_channel_config {
    char name[8];     /* up to 7 ASCII characters, NUL-terminated */
    uint32_t options; /* CHANNEL_OPTION_* of CHANNEL_DEF */
} wrdp_channel_config;

/* TS_TIME_ZONE_INFORMATION, simplified: bias in minutes (UTC = local + bias), names in UTF-8. */
typedef struct wrdp_time_zone {
    int32_t bias;
    char standard_name[32];
    int32_t standard_bias;
    char daylight_name[32];
    int32_t daylight_bias;
    /* transition dates as SYSTEMTIME fields (all zero: no daylight saving) */
    uint16_t standard_date[8];
    uint16_t daylight_date[8];
} wrdp_time_zone;

/* Randomness is the embedder's: the connector never draws it itself. Must fill all of out. */
typedef int (*wrdp_random_fn)(void *ctx, uint8_t *out, size_t len);
/* A monotonic clock in milliseconds (any origin), for the bandwidth measurements of
 * connect-time auto-detection. */
typedef uint32_t (*wrdp_clock_fn)(void *ctx);

/* The phases of MS-RDPBCGR 1.3.1.1, in order. */
typedef enum wrdp_connector_state {
    WRDP_CONNECTOR_CONNECTION_INITIATION_SEND = 0,
    WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM,
    WRDP_CONNECTOR_SECURITY_UPGRADE,
    WRDP_CONNECTOR_CREDSSP,
    WRDP_CONNECTOR_CREDSSP_EARLY_USER_AUTH,
    WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND,
    WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_WAIT_RESPONSE,
    WRDP_CONNECTOR_CHANNEL_CONNECTION,
    WRDP_CONNECTOR_SECURITY_EXCHANGE,
    WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE,
    WRDP_CONNECTOR_CONNECT_TIME_AUTO_DETECTION,
    WRDP_CONNECTOR_LICENSING,
    WRDP_CONNECTOR_MULTITRANSPORT_BOOTSTRAPPING,
    WRDP_CONNECTOR_CAPABILITIES_EXCHANGE,
    WRDP_CONNECTOR_CONNECTION_FINALIZATION,
    WRDP_CONNECTOR_CONNECTED,
    WRDP_CONNECTOR_FAILED
} wrdp_connector_state;

/* Called each time the connector enters a state (several may be entered in one step). */
typedef void (*wrdp_state_fn)(void *ctx, wrdp_connector_state entered);

typedef struct wrdp_connector_config {
    /* who */
    const char *username;         /* UTF-8 */
    const char *password;
    const char *domain;           /* may be NULL or "" */
    bool autologon;               /* INFO_AUTOLOGON: send the password in the Client Info PDU too */
    /* the desktop */
    uint16_t desktop_width;       /* default 1024; even, 200..8192 */
    uint16_t desktop_height;      /* default 768; 200..8192 */
    uint32_t desktop_scale_factor;/* percent, 100..500 (default 100) */
    uint32_t device_scale_factor; /* 100, 140 or 180 (default 100) */
    uint16_t color_depth;         /* 15, 16, 24 or 32 (default 32) */
    /* keyboard (Client Core Data) */
    uint32_t keyboard_layout;     /* default 0x409 (US) */
    uint32_t keyboard_type;       /* default 4 (IBM enhanced 101/102) */
    uint32_t keyboard_subtype;
    uint32_t keyboard_function_keys; /* default 12 */
    const char *ime_file_name;
    /* the client */
    const char *client_name;      /* default "webrdp"; up to 15 characters are sent */
    uint32_t client_build;        /* default 2600 */
    const char *client_address;   /* reported in the extended info (default "0.0.0.0") */
    wrdp_time_zone time_zone;
    uint32_t performance_flags;   /* PERF_* (default: disable wallpaper, enable font smoothing) */
    /* security */
    uint32_t security_protocols;  /* WRDP_SECURITY_* (default WRDP_SECURITY_DEFAULT) */
    /* channels and graphics */
    wrdp_channel_config channels[WRDP_CONNECTOR_MAX_CHANNELS];
    size_t channel_count;
    uint32_t bitmap_codecs;       /* WRDP_CODEC_* to advertise (default none until the session decodes them) */
    bool graphics_pipeline;       /* announce RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL (needs the drdynvc channel) */
    wrdp_compression compression; /* default WRDP_COMPRESSION_NONE */
    /* what to run */
    const char *alternate_shell;
    const char *working_dir;
    /* load balancing and brokers */
    const uint8_t *load_balance_info; /* routing token sent in the X.224 request, verbatim */
    size_t load_balance_info_len;
    bool preconnection;           /* send a Preconnection PDU (MS-RDPEPS) first */
    uint32_t preconnection_id;
    const char *preconnection_blob; /* UTF-8; sends a version 2 PDU when set */
    /* license persistence: a license the server issued before (from the license
     * event), sent in the Client License Information; NULL for none */
    const uint8_t *license;
    size_t license_len;
    /* environment: randomness, and the current time as a Windows FILETIME (100 ns
     * since 1601) when NTLM needs one */
    wrdp_random_fn random;        /* required (NLA, Standard RDP Security and licensing draw from it) */
    void *random_ctx;
    uint64_t filetime_now;
    wrdp_clock_fn clock;          /* optional: without it bandwidth results report 1 ms */
    void *clock_ctx;
    /* optional observer: each state as it is entered (the `webrdp connect` trace) */
    wrdp_state_fn on_state;
    void *on_state_ctx;
} wrdp_connector_config;

/* Fills a config with the defaults above (every pointer NULL). */
void wrdp_connector_config_init(wrdp_connector_config *cfg);
/* Checks a config the way wrdp_connector_new does: an invalid-argument error
 * naming the field (size out of range, no username for NLA, a channel name too
 * long, more than 31 channels, no random source, ...). */
int wrdp_connector_config_validate(const wrdp_connector_config *cfg, wrdp_error *err);


typedef struct wrdp_connector wrdp_connector;

wrdp_connector *wrdp_connector_new(const wrdp_connector_config *cfg, wrdp_error *err);
void wrdp_connector_free(wrdp_connector *c);

/* Gateway mode (before the first step). Strings are copied. */
int wrdp_connector_use_rdcleanpath(wrdp_connector *c, const char *destination, const char *proxy_auth);

wrdp_connector_state wrdp_connector_state_of(const wrdp_connector *c);
/* A stable name for the state, as IronRDP names them: "ConnectionInitiationSendRequest", ... */
const char *wrdp_connector_state_name(wrdp_connector_state s);
bool wrdp_connector_wants_input(const wrdp_connector *c);
bool wrdp_connector_is_connected(const wrdp_connector *c);
const wrdp_error *wrdp_connector_error(const wrdp_connector *c);

/* Framing of the next input: returns 1 and sets *frame_len when data holds
 * enough to know the frame's length (which may be more than len), 0 when more
 * bytes are needed, WRDP_ERR on a malformed header. Knows which framing the
 * current state uses (TPKT, fast-path, CredSSP DER, RDCleanPath DER). */
int wrdp_connector_next_frame_len(wrdp_connector *c, const uint8_t *data, size_t len, size_t *frame_len);

/* Advances with one whole frame (or none) and appends what to send to out. */
int wrdp_connector_step(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out);

/* The transport saw the server close the connection: records the error that
 * means in the current state (a close during CredSSP after the server's
 * challenge is a logon failure) and returns WRDP_ERR. */
int wrdp_connector_peer_closed(wrdp_connector *c);

/* After the caller's TLS handshake: the server's leaf certificate (DER). It is
 * required when NLA was negotiated (CredSSP binds to its public key) and may be
 * NULL/0 otherwise. The connector then goes on without input (step with NULL). */
int wrdp_connector_security_upgrade_done(wrdp_connector *c, const uint8_t *server_cert_der, size_t len);
/* The server's subjectPublicKey (from the TLS or the RDCleanPath certificate); empty before. */
wrdp_bytes wrdp_connector_server_public_key(const wrdp_connector *c);

/* ---- the connection result (valid once connected) ----------------------- */
typedef struct wrdp_joined_channel {
    char name[8];
    uint16_t id;
    uint32_t options;
} wrdp_joined_channel;

typedef struct wrdp_connection_result {
    uint32_t selected_protocol;   /* PROTOCOL_RDP / SSL / HYBRID / HYBRID_EX */
    uint16_t io_channel_id;
    uint16_t user_channel_id;
    uint16_t message_channel_id;  /* 0 when none */
    uint16_t server_channel_id;   /* the server's pduSource (1002 on Windows): originatorId */
    uint32_t share_id;
    uint16_t desktop_width;       /* as the server confirmed it */
    uint16_t desktop_height;
    uint16_t color_depth;         /* the server's preferredBitsPerPixel */
    uint8_t negotiation_flags;    /* RDP_NEG_RSP flags (EXTENDED_CLIENT_DATA_SUPPORTED, DYNVC_GFX, ...) */
    wrdp_joined_channel channels[WRDP_CONNECTOR_MAX_CHANNELS];
    size_t channel_count;
    uint32_t server_early_capability_flags;
    uint32_t server_rdp_version;  /* Server Core Data version */
    bool encryption;              /* Standard RDP Security is in force (the session takes its
                                     keys with wrdp_connector_rdp_security() of connector/handoff.h) */
    uint32_t encryption_method;   /* ENCRYPTION_METHOD_* */
    uint32_t encryption_level;    /* ENCRYPTION_LEVEL_* */
    uint32_t compression_type;    /* what the server accepted */
    /* the server's Demand Active capability sets, as received (view into connector memory) */
    wrdp_bytes server_capabilities;
    uint16_t server_capability_count;
    /* a license the server issued in this connection, for the caller to persist; empty if none */
    wrdp_bytes new_license;
} wrdp_connection_result;

const wrdp_connection_result *wrdp_connector_result(const wrdp_connector *c);

#ifdef __cplusplus
}
#endif
#endif
