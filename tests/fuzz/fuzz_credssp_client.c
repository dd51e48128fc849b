/* The CredSSP client stepped with server messages from the fuzzer after a fixed
 * NEGOTIATE. Input: up to three messages, each prefixed by a 2-byte big-endian
 * length. The first byte picks the highest TSRequest version (2-6) and SPNEGO.
 * The client must never crash or leak, must not emit bytes on a failed step,
 * and must end with an error or done. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/credssp.h"

static int fixed_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (uint8_t)(0xA5 ^ i);
    return 0;
}

static const uint8_t key[] = {0x30, 0x82, 0x01, 0x0A, 0x02, 0x82, 0x01, 0x01, 0x00, 0xC1, 0x22, 0x33, 0x44, 0x55,
                              0x66, 0x77, 0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x02, 0x03, 0x01, 0x00, 0x01};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    wrdp_credssp_config cfg = {
        .username = "user",
        .password = "password",
        .domain = "DOMAIN",
        .server_public_key = key,
        .server_public_key_len = sizeof key,
        .max_version = 2 + (uint32_t)(data[0] % 5),
        .random = fixed_random,
        .filetime_now = 0x01D0000000000000ull,
        .use_spnego = (data[0] & 0x80) != 0,
        .spn = "TERMSRV/fuzz",
    };
    data++;
    size--;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_credssp *cs = wrdp_credssp_new(&cfg, &err);
    if (!cs)
        abort();
    wrdp_writer out;
    wrdp_writer_init(&out, 0, &err);
    if (wrdp_credssp_step(cs, NULL, 0, &out) != WRDP_OK || out.len == 0)
        abort();
    for (int i = 0; i < 3 && size >= 2; i++) {
        size_t n = (size_t)data[0] << 8 | data[1];
        data += 2;
        size -= 2;
        if (n > size)
            n = size;
        wrdp_writer_reset(&out);
        int r = wrdp_credssp_step(cs, data, n, &out);
        if (r != WRDP_OK) {
            if (out.len != 0)
                abort();
            if (wrdp_credssp_error(cs)->kind == WRDP_ERROR_NONE)
                abort();
            break;
        }
        data += n;
        size -= n;
    }
    wrdp_writer_free(&out);
    wrdp_credssp_free(cs);
    return 0;
}
