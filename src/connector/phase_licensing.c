/* Licensing (MS-RDPBCGR 1.3.1.1, 2.2.1.12; MS-RDPELE): the server's licensing PDUs
 * (SEC_LICENSE_PKT) go to the licensing sub-machine (licensing.h), whose answers go
 * back on the I/O channel. STATUS_VALID_CLIENT, or a license issued, ends the phase;
 * an issued license is handed to the caller in the connection result. */
#include <string.h>

#include "connector_internal.h"

static int start(wrdp_connector *c)
{
    wrdp_license_client_config lc;
    memset(&lc, 0, sizeof lc);
    lc.user_name = c->cfg.username;
    lc.machine_name = c->cfg.client_name ? c->cfg.client_name : "webrdp";
    lc.license = c->cfg.license;
    lc.license_len = c->cfg.license_len;
    lc.gcc_server_certificate.data = c->server_certificate;
    lc.gcc_server_certificate.len = c->server_certificate_len;
    lc.random = c->cfg.random;
    lc.random_ctx = c->cfg.random_ctx;
    if (wrdp_license_client_init(&c->license, &lc, &c->err))
        return wrdp_conn_fail_err(c);
    c->license_started = true;
    return WRDP_OK;
}

static int finish(wrdp_connector *c)
{
    wrdp_bytes issued = wrdp_license_client_new_license(&c->license);
    if (issued.len) {
        c->new_license = wrdp_alloc(issued.len);
        if (!c->new_license)
            return wrdp_conn_fail(c, WRDP_ERROR_OUT_OF_MEMORY, "connector: out of memory");
        memcpy(c->new_license, issued.data, issued.len);
        c->result.new_license.data = c->new_license;
        c->result.new_license.len = issued.len;
    }
    wrdp_license_client_free(&c->license);
    c->license_started = false;
    c->licensing_done = true;
    wrdp_conn_enter(c, WRDP_CONNECTOR_MULTITRANSPORT_BOOTSTRAPPING);
    return WRDP_OK;
}

int wrdp_conn_licensing(wrdp_connector *c, const wrdp_conn_in *in, wrdp_writer *out)
{
    if (c->licensing_done)
        return WRDP_OK; /* a late repeat: nothing to answer */
    if (c->state == WRDP_CONNECTOR_CONNECT_TIME_AUTO_DETECTION)
        wrdp_conn_enter(c, WRDP_CONNECTOR_LICENSING);
    if (!c->license_started && start(c))
        return WRDP_ERR;
    /* the server's SEC_LICENSE_ENCRYPT_SC asks for encrypted answers (Standard RDP Security) */
    c->license_encrypt = c->encrypting && (in->sec_flags & WRDP_SEC_LICENSE_ENCRYPT_SC);
    wrdp_writer *body = wrdp_conn_body(c);
    if (wrdp_license_client_step(&c->license, in->data.data, in->data.len, body, &c->err))
        return wrdp_conn_fail_err(c);
    if (body->len) {
        uint16_t flags = WRDP_SEC_LICENSE_PKT | (c->license_encrypt ? WRDP_SEC_LICENSE_ENCRYPT_CS : 0);
        if (wrdp_conn_send(c, c->result.io_channel_id, flags, c->license_encrypt, out))
            return WRDP_ERR;
    }
    if (wrdp_license_client_done(&c->license))
        return finish(c);
    return WRDP_OK;
}
