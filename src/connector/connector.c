/* The connector object: creation, the state names, framing of the next input,
 * and the step that hands each frame to the phase it belongs to. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "connector_internal.h"
#include "handoff.h"
#include "webrdp/rdcleanpath.h"

#define STRINGS_LIMIT ((size_t)1024 * 1024)

static const char *const state_names[] = {
    [WRDP_CONNECTOR_CONNECTION_INITIATION_SEND] = "ConnectionInitiationSendRequest",
    [WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM] = "ConnectionInitiationWaitConfirm",
    [WRDP_CONNECTOR_SECURITY_UPGRADE] = "EnhancedSecurityUpgrade",
    [WRDP_CONNECTOR_CREDSSP] = "Credssp",
    [WRDP_CONNECTOR_CREDSSP_EARLY_USER_AUTH] = "CredsspEarlyUserAuthResult",
    [WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND] = "BasicSettingsExchangeSendInitial",
    [WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_WAIT_RESPONSE] = "BasicSettingsExchangeWaitResponse",
    [WRDP_CONNECTOR_CHANNEL_CONNECTION] = "ChannelConnection",
    [WRDP_CONNECTOR_SECURITY_EXCHANGE] = "SecurityExchange",
    [WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE] = "SecureSettingsExchange",
    [WRDP_CONNECTOR_CONNECT_TIME_AUTO_DETECTION] = "ConnectTimeAutoDetection",
    [WRDP_CONNECTOR_LICENSING] = "LicensingExchange",
    [WRDP_CONNECTOR_MULTITRANSPORT_BOOTSTRAPPING] = "MultitransportBootstrapping",
    [WRDP_CONNECTOR_CAPABILITIES_EXCHANGE] = "CapabilitiesExchange",
    [WRDP_CONNECTOR_CONNECTION_FINALIZATION] = "ConnectionFinalization",
    [WRDP_CONNECTOR_CONNECTED] = "Connected",
    [WRDP_CONNECTOR_FAILED] = "Failed",
};

const char *wrdp_connector_state_name(wrdp_connector_state s)
{
    if ((unsigned)s >= sizeof state_names / sizeof state_names[0])
        return "Unknown";
    return state_names[s];
}

/* ---- creation ------------------------------------------------------------------ */

static const char *dup_str(wrdp_connector *c, const char *s)
{
    if (!s)
        return NULL;
    size_t n = strlen(s);
    char *d = wrdp_arena_alloc(&c->strings, n + 1);
    if (d)
        memcpy(d, s, n + 1);
    return d;
}

static const uint8_t *dup_bytes(wrdp_connector *c, const uint8_t *p, size_t n)
{
    if (!n)
        return NULL;
    uint8_t *d = wrdp_arena_alloc(&c->strings, n);
    if (d)
        memcpy(d, p, n);
    return d;
}

static int copy_config(wrdp_connector *c, const wrdp_connector_config *cfg)
{
    c->cfg = *cfg;
    const char **strs[] = {&c->cfg.username,       &c->cfg.password,    &c->cfg.domain,
                           &c->cfg.ime_file_name,  &c->cfg.client_name, &c->cfg.client_address,
                           &c->cfg.alternate_shell, &c->cfg.working_dir, &c->cfg.preconnection_blob};
    for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
        const char *orig = *strs[i];
        *strs[i] = dup_str(c, orig);
        if (orig && !*strs[i])
            return WRDP_ERR;
    }
    c->cfg.load_balance_info = dup_bytes(c, cfg->load_balance_info, cfg->load_balance_info_len);
    c->cfg.license = dup_bytes(c, cfg->license, cfg->license_len);
    if ((cfg->load_balance_info_len && !c->cfg.load_balance_info) || (cfg->license_len && !c->cfg.license))
        return WRDP_ERR;
    return WRDP_OK;
}

wrdp_connector *wrdp_connector_new(const wrdp_connector_config *cfg, wrdp_error *err)
{
    if (wrdp_connector_config_validate(cfg, err))
        return NULL;
    wrdp_connector *c = wrdp_calloc(1, sizeof *c);
    if (!c) {
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
        return NULL;
    }
    wrdp_arena_init(&c->strings, STRINGS_LIMIT);
    wrdp_error_clear(&c->err);
    wrdp_writer_init(&c->body, WRDP_CONN_FRAME_MAX, &c->err);
    wrdp_writer_init(&c->payload, WRDP_CONN_FRAME_MAX, &c->err);
    if (copy_config(c, cfg)) {
        wrdp_connector_free(c);
        wrdp_error_set(err, WRDP_ERROR_LIMIT, "connector: the configuration's strings are too large");
        return NULL;
    }
    c->requested_protocols = 0;
    if (cfg->security_protocols & WRDP_SECURITY_TLS)
        c->requested_protocols |= WRDP_PROTOCOL_SSL;
    if (cfg->security_protocols & WRDP_SECURITY_NLA)
        c->requested_protocols |= WRDP_PROTOCOL_SSL | WRDP_PROTOCOL_HYBRID;
    /* HYBRID_EX is an extension of HYBRID: a server picks it only when both are offered */
    if (cfg->security_protocols & WRDP_SECURITY_NLA_EX)
        c->requested_protocols |= WRDP_PROTOCOL_SSL | WRDP_PROTOCOL_HYBRID | WRDP_PROTOCOL_HYBRID_EX;
    c->state = WRDP_CONNECTOR_CONNECTION_INITIATION_SEND;
    return c;
}

void wrdp_connector_free(wrdp_connector *c)
{
    if (!c)
        return;
    wrdp_credssp_free(c->credssp);
    wrdp_wipe(&c->sec, sizeof c->sec);
    wrdp_free(c->server_public_key);
    wrdp_free(c->server_caps);
    wrdp_free(c->server_certificate);
    wrdp_free(c->new_license);
    if (c->license_started)
        wrdp_license_client_free(&c->license);
    wrdp_wipe(c->client_random, sizeof c->client_random);
    if (c->rx)
        wrdp_wipe(c->rx, c->rx_cap);
    wrdp_free(c->rx);
    wrdp_writer_free(&c->body);
    wrdp_writer_free(&c->payload);
    wrdp_arena_free(&c->strings);
    wrdp_free(c);
}

int wrdp_connector_use_rdcleanpath(wrdp_connector *c, const char *destination, const char *proxy_auth)
{
    if (!c)
        return WRDP_ERR;
    if (c->state != WRDP_CONNECTOR_CONNECTION_INITIATION_SEND)
        return wrdp_error_set(&c->err, WRDP_ERROR_STATE, "RDCleanPath mode is chosen before the first step");
    if (!destination || !*destination || !proxy_auth)
        return wrdp_error_set(&c->err, WRDP_ERROR_INVALID_ARGUMENT,
                              "RDCleanPath needs a destination (host:port) and the gateway's token");
    c->rcp_destination = dup_str(c, destination);
    c->rcp_proxy_auth = dup_str(c, proxy_auth);
    if (!c->rcp_destination || !c->rcp_proxy_auth)
        return wrdp_error_set(&c->err, WRDP_ERROR_LIMIT, "RDCleanPath strings are too large");
    c->rdcleanpath = true;
    return WRDP_OK;
}

/* ---- state ------------------------------------------------------------------------ */

void wrdp_conn_enter(wrdp_connector *c, wrdp_connector_state s)
{
    c->state = s;
    if (c->cfg.on_state)
        c->cfg.on_state(c->cfg.on_state_ctx, s);
}

static int fail_v(wrdp_connector *c, wrdp_error_kind kind, uint32_t code, const char *fmt, va_list ap)
{
    if (fmt) {
        char msg[WRDP_ERROR_MESSAGE_MAX];
        vsnprintf(msg, sizeof msg, fmt, ap);
        wrdp_error_clear(&c->err);
        wrdp_error_set(&c->err, kind, "%s", msg);
        c->err.code = code;
    }
    if (c->state != WRDP_CONNECTOR_FAILED)
        wrdp_conn_enter(c, WRDP_CONNECTOR_FAILED);
    return WRDP_ERR;
}

int wrdp_conn_fail(wrdp_connector *c, wrdp_error_kind kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = fail_v(c, kind, 0, fmt, ap);
    va_end(ap);
    return r;
}

int wrdp_conn_fail_code(wrdp_connector *c, wrdp_error_kind kind, uint32_t code, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int r = fail_v(c, kind, code, fmt, ap);
    va_end(ap);
    return r;
}

int wrdp_conn_fail_err(wrdp_connector *c)
{
    if (c->err.kind == WRDP_ERROR_NONE)
        wrdp_error_set(&c->err, WRDP_ERROR_INTERNAL, "connector failed without a reason");
    return wrdp_conn_fail(c, c->err.kind, NULL);
}

wrdp_connector_state wrdp_connector_state_of(const wrdp_connector *c)
{
    return c ? c->state : WRDP_CONNECTOR_FAILED;
}

bool wrdp_connector_wants_input(const wrdp_connector *c)
{
    if (!c)
        return false;
    switch (c->state) {
    case WRDP_CONNECTOR_CONNECTION_INITIATION_SEND:
    case WRDP_CONNECTOR_SECURITY_UPGRADE:
    case WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND:
    case WRDP_CONNECTOR_SECURITY_EXCHANGE:
    case WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE:
    case WRDP_CONNECTOR_CONNECTED:
    case WRDP_CONNECTOR_FAILED:
        return false;
    case WRDP_CONNECTOR_CREDSSP:
        return c->credssp_started;
    case WRDP_CONNECTOR_CHANNEL_CONNECTION:
        return c->channel_step != 0;
    default:
        return true;
    }
}

bool wrdp_connector_is_connected(const wrdp_connector *c)
{
    return c && c->state == WRDP_CONNECTOR_CONNECTED;
}

const wrdp_error *wrdp_connector_error(const wrdp_connector *c)
{
    return c ? &c->err : NULL;
}

const wrdp_connection_result *wrdp_connector_result(const wrdp_connector *c)
{
    return c && c->state == WRDP_CONNECTOR_CONNECTED ? &c->result : NULL;
}

wrdp_bytes wrdp_connector_server_public_key(const wrdp_connector *c)
{
    wrdp_bytes b = {NULL, 0};
    if (c && c->server_public_key) {
        b.data = c->server_public_key;
        b.len = c->server_public_key_len;
    }
    return b;
}

wrdp_rdp_security *wrdp_connector_rdp_security(wrdp_connector *c)
{
    return c && c->state == WRDP_CONNECTOR_CONNECTED && c->encrypting ? &c->sec : NULL;
}

const uint8_t *wrdp_connector_client_random(const wrdp_connector *c)
{
    return c && c->encrypting ? c->client_random : NULL;
}

/* ---- framing ------------------------------------------------------------------------ */

int wrdp_connector_next_frame_len(wrdp_connector *c, const uint8_t *data, size_t len, size_t *frame_len)
{
    if (!c || !frame_len || (!data && len))
        return WRDP_ERR;
    *frame_len = 0;
    switch (c->state) {
    case WRDP_CONNECTOR_CONNECTION_INITIATION_SEND:
    case WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM:
        if (c->rdcleanpath) {
            size_t total = 0;
            int r = wrdp_rdcleanpath_detect(data, len, &total, &c->err);
            if (r < 0)
                return WRDP_ERR;
            if (r == 1 || total) {
                *frame_len = total;
                return 1;
            }
            return 0;
        }
        return wrdp_pdu_hint_x224(data, len, frame_len, &c->err);
    case WRDP_CONNECTOR_SECURITY_UPGRADE:
        return wrdp_error_set(&c->err, WRDP_ERROR_STATE,
                              "the TLS handshake comes next: the connector reads no frame now");
    case WRDP_CONNECTOR_CREDSSP:
        return wrdp_pdu_hint_credssp(data, len, frame_len, &c->err);
    case WRDP_CONNECTOR_CREDSSP_EARLY_USER_AUTH:
        *frame_len = 4; /* a bare little-endian 32-bit code */
        return 1;
    case WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND:
    case WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_WAIT_RESPONSE:
    case WRDP_CONNECTOR_CHANNEL_CONNECTION:
        return wrdp_pdu_hint_x224(data, len, frame_len, &c->err);
    default:
        return wrdp_pdu_hint(data, len, frame_len, &c->err);
    }
}

/* ---- the step ------------------------------------------------------------------------- */

static int need_no_input(wrdp_connector *c, size_t len)
{
    if (len)
        return wrdp_conn_fail(c, WRDP_ERROR_STATE, "%s sends first; a frame was passed",
                              wrdp_connector_state_name(c->state));
    return WRDP_OK;
}

static int need_input(wrdp_connector *c, const uint8_t *frame, size_t len)
{
    if (!frame || !len)
        return wrdp_error_set(&c->err, WRDP_ERROR_STATE, "%s waits for a frame from the server",
                              wrdp_connector_state_name(c->state));
    return WRDP_OK;
}

int wrdp_connector_step(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out)
{
    if (!c)
        return WRDP_ERR;
    if (!out || (!frame && len))
        return wrdp_error_set(&c->err, WRDP_ERROR_INVALID_ARGUMENT, "step: no output writer, or NULL data");
    if (c->state == WRDP_CONNECTOR_FAILED)
        return WRDP_ERR; /* the first error stays readable */
    if (c->state == WRDP_CONNECTOR_CONNECTED)
        return wrdp_error_set(&c->err, WRDP_ERROR_STATE, "already connected: frames go to the session now");
    if (wrdp_connector_wants_input(c) ? need_input(c, frame, len) : need_no_input(c, len))
        return WRDP_ERR;
    if (!frame)
        len = 0;

    switch (c->state) {
    case WRDP_CONNECTOR_CONNECTION_INITIATION_SEND:
        return wrdp_conn_initiation_send(c, out);
    case WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM:
        return wrdp_conn_initiation_confirm(c, frame, len);
    case WRDP_CONNECTOR_SECURITY_UPGRADE:
        return wrdp_error_set(&c->err, WRDP_ERROR_STATE,
                              "do the TLS handshake, then call wrdp_connector_security_upgrade_done");
    case WRDP_CONNECTOR_CREDSSP:
        return wrdp_conn_credssp_step(c, frame, len, out);
    case WRDP_CONNECTOR_CREDSSP_EARLY_USER_AUTH:
        return wrdp_conn_early_user_auth(c, frame, len);
    case WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND:
        return wrdp_conn_basic_settings_send(c, out);
    case WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_WAIT_RESPONSE:
        return wrdp_conn_basic_settings_response(c, frame, len);
    case WRDP_CONNECTOR_CHANNEL_CONNECTION:
        return wrdp_conn_channel_connection(c, frame, len, out);
    case WRDP_CONNECTOR_SECURITY_EXCHANGE:
        return wrdp_conn_security_exchange(c, out);
    case WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE:
        return wrdp_conn_secure_settings(c, out);
    default:
        return wrdp_conn_activation(c, frame, len, out);
    }
}

int wrdp_connector_security_upgrade_done(wrdp_connector *c, const uint8_t *server_cert_der, size_t len)
{
    if (!c)
        return WRDP_ERR;
    if (c->state != WRDP_CONNECTOR_SECURITY_UPGRADE)
        return wrdp_error_set(&c->err, WRDP_ERROR_STATE, "no security upgrade is pending (state %s)",
                              wrdp_connector_state_name(c->state));
    return wrdp_conn_security_upgrade_done(c, server_cert_der, len);
}

/* Servers that reject NTLM credentials (FreeRDP's among them) often close the
 * connection after the AUTHENTICATE message instead of sending a TSRequest
 * errorCode; a client cannot tell a wrong password from an account that may
 * not log on, so that is the logon-failure kind, as FreeRDP's client reports. */
int wrdp_connector_peer_closed(wrdp_connector *c)
{
    if (c->state == WRDP_CONNECTOR_FAILED)
        return WRDP_ERR;
    if (c->state == WRDP_CONNECTOR_CREDSSP && c->credssp_frames >= 1)
        return wrdp_conn_fail(c, WRDP_ERROR_LOGON_FAILURE,
                              "the server closed the connection when it checked the credentials: "
                              "the user name or password is wrong, or the account may not log on");
    if (c->state == WRDP_CONNECTOR_CREDSSP_EARLY_USER_AUTH)
        return wrdp_conn_fail(c, WRDP_ERROR_ACCESS_DENIED,
                              "the server closed the connection after authentication: the account may not log on");
    return wrdp_conn_fail(c, WRDP_ERROR_SERVER_DISCONNECT, "the server closed the connection in state %s",
                          wrdp_connector_state_name(c->state));
}
