/* The PDU hint on arbitrary bytes: never crash, never read past `size`, and
 * a frame length it returns is always a possible one. */
#include <stdio.h>
#include <stdlib.h>

#include "webrdp/pdu.h"

static void check(const char *what, int rc, size_t frame, size_t min, size_t max, const wrdp_error *err)
{
    if (rc == 1 && (frame < min || frame > max)) {
        fprintf(stderr, "%s: frame length %zu outside [%zu, %zu]\n", what, frame, min, max);
        abort();
    }
    if (rc == WRDP_ERR && err->kind == WRDP_ERROR_NONE) {
        fprintf(stderr, "%s: failed without an error\n", what);
        abort();
    }
    if (rc != 1 && rc != 0 && rc != WRDP_ERR)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t frame = 0;
    wrdp_error err;

    wrdp_error_clear(&err);
    int rc = wrdp_pdu_hint(data, size, &frame, &err);
    if (size > 0 && data[0] == 0x03)
        check("tpkt", rc, frame, 7, 0xFFFF, &err);
    else
        check("fast-path", rc, frame, 2, 0x7FFF, &err);
    if (rc == 1 && (data[0] & 0x3) == 0 && (data[1] & 0x80) && frame < 3)
        abort(); /* long form: at least its 3-byte header */

    wrdp_error_clear(&err);
    frame = 0;
    rc = wrdp_pdu_hint_x224(data, size, &frame, &err);
    check("x224", rc, frame, 7, 0xFFFF, &err);

    wrdp_error_clear(&err);
    frame = 0;
    rc = wrdp_pdu_hint_credssp(data, size, &frame, &err);
    check("credssp", rc, frame, 3, 6 + WRDP_PDU_HINT_CREDSSP_MAX, &err);
    return 0;
}
