/* NLA (MS-RDPBCGR 5.4.5.2, MS-CSSP): after the TLS upgrade, CredSSP runs on the
 * same stream — TSRequests framed as DER — and, for PROTOCOL_HYBRID_EX, the server
 * then sends the 4-byte Early User Authorization Result (MS-RDPBCGR 2.2.10.2). */
#include <string.h>

#include "connector_internal.h"

static int credssp_failed(wrdp_connector *c)
{
    const wrdp_error *e = wrdp_credssp_error(c->credssp);
    if (e && e->kind != WRDP_ERROR_NONE)
        c->err = *e;
    return wrdp_conn_fail_err(c);
}

int wrdp_conn_credssp_step(wrdp_connector *c, const uint8_t *frame, size_t len, wrdp_writer *out)
{
    if (!c->credssp) {
        wrdp_credssp_config cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.username = c->cfg.username;
        cfg.password = c->cfg.password;
        cfg.domain = c->cfg.domain;
        cfg.workstation = c->cfg.client_name ? c->cfg.client_name : "webrdp";
        cfg.server_public_key = c->server_public_key;
        cfg.server_public_key_len = c->server_public_key_len;
        cfg.max_version = 6;
        cfg.random = c->cfg.random;
        cfg.random_ctx = c->cfg.random_ctx;
        cfg.filetime_now = c->cfg.filetime_now;
        c->credssp = wrdp_credssp_new(&cfg, &c->err);
        if (!c->credssp)
            return wrdp_conn_fail_err(c);
    }
    if (c->credssp_started)
        c->credssp_frames++;
    if (wrdp_credssp_step(c->credssp, c->credssp_started ? frame : NULL, c->credssp_started ? len : 0, out))
        return credssp_failed(c);
    c->credssp_started = true;
    if (!wrdp_credssp_is_done(c->credssp))
        return WRDP_OK;
    wrdp_credssp_free(c->credssp); /* its keys and the password copy go now */
    c->credssp = NULL;
    if (c->result.selected_protocol == WRDP_PROTOCOL_HYBRID_EX)
        wrdp_conn_enter(c, WRDP_CONNECTOR_CREDSSP_EARLY_USER_AUTH);
    else
        wrdp_conn_enter(c, WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND);
    return WRDP_OK;
}

int wrdp_conn_early_user_auth(wrdp_connector *c, const uint8_t *frame, size_t len)
{
    if (wrdp_credssp_early_user_auth_result(frame, len, &c->err))
        return wrdp_conn_fail_err(c);
    wrdp_conn_enter(c, WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND);
    return WRDP_OK;
}
