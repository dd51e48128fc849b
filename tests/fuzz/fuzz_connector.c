/* libFuzzer: a connector fed a sequence of server frames cut from the input.
 * Byte 0 picks the configuration (TLS, Standard RDP Security, TLS through
 * RDCleanPath); then each frame is a 2-byte big-endian length and its bytes. The
 * connector must never crash or leak, whatever it is fed, and a failure is final. */
#include <stdlib.h>
#include <string.h>

#include "webrdp/connector.h"

static int fixed_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (uint8_t)(0x5A ^ i);
    return 0;
}

static uint32_t fixed_clock(void *ctx)
{
    (void)ctx;
    return 1000;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    int mode = data[0] % 3;
    data++;
    size--;
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    cfg.username = "user";
    cfg.password = "pass";
    cfg.security_protocols = mode == 1 ? WRDP_SECURITY_RDP : WRDP_SECURITY_TLS;
    cfg.random = fixed_random;
    cfg.clock = fixed_clock;
    static const char *names[] = {"rdpdr", "cliprdr", "rdpsnd"};
    for (size_t i = 0; i < 3; i++)
        strcpy(cfg.channels[i].name, names[i]);
    cfg.channel_count = 3;
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    if (!c)
        abort();
    if (mode == 2)
        wrdp_connector_use_rdcleanpath(c, "host:3389", "token");
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);
    for (;;) {
        wrdp_connector_state s = wrdp_connector_state_of(c);
        if (s == WRDP_CONNECTOR_FAILED || s == WRDP_CONNECTOR_CONNECTED)
            break;
        wrdp_writer_reset(&out);
        if (s == WRDP_CONNECTOR_SECURITY_UPGRADE) {
            if (wrdp_connector_security_upgrade_done(c, NULL, 0))
                break;
            continue;
        }
        if (!wrdp_connector_wants_input(c)) {
            if (wrdp_connector_step(c, NULL, 0, &out))
                break;
            continue;
        }
        if (size < 2)
            break;
        size_t n = (size_t)data[0] << 8 | data[1];
        data += 2;
        size -= 2;
        if (n > size)
            n = size;
        size_t flen = 0;
        (void)wrdp_connector_next_frame_len(c, data, n, &flen);
        if (n == 0)
            break;
        if (wrdp_connector_step(c, data, n, &out)) {
            if (wrdp_connector_state_of(c) != WRDP_CONNECTOR_FAILED &&
                wrdp_connector_error(c)->kind != WRDP_ERROR_STATE)
                abort(); /* a wire error must fail the connector */
            if (wrdp_connector_state_of(c) != WRDP_CONNECTOR_FAILED)
                break;
        }
        data += n;
        size -= n;
    }
    (void)wrdp_connector_result(c);
    wrdp_writer_free(&out);
    wrdp_connector_free(c);
    return 0;
}
