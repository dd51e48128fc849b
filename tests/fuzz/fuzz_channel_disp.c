/* Display control: caps and layout decoders on the input; layouts that decode re-encode identically. */
#include <string.h>

#include "webrdp/channels/disp.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_disp_caps caps;
    wrdp_disp_caps_decode(data, size, &caps, &err);
    wrdp_disp_monitor mons[WRDP_DISP_MONITORS_MAX];
    size_t n = 0;
    if (wrdp_disp_layout_decode(data, size, mons, WRDP_DISP_MONITORS_MAX, &n, &err) == WRDP_OK) {
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        if (wrdp_disp_layout_encode(mons, n, &w) != WRDP_OK || w.len != size || memcmp(w.data, data, size))
            __builtin_trap();
        wrdp_writer_free(&w);
    }
    /* the processor behind a DVC manager: caps then a size request from the input */
    wrdp_dvc *dvc = wrdp_dvc_new(NULL);
    wrdp_disp *disp = wrdp_disp_new();
    wrdp_disp_attach(disp, dvc);
    wrdp_writer out;
    wrdp_writer_init(&out, 0, &err);
    uint8_t caps1[] = {0x50, 0, 1, 0};
    wrdp_dvc_process(dvc, caps1, sizeof caps1, &out);
    uint8_t create[64] = {0x10, 0x01};
    memcpy(create + 2, WRDP_DISP_CHANNEL_NAME, sizeof WRDP_DISP_CHANNEL_NAME);
    wrdp_dvc_process(dvc, create, 2 + sizeof WRDP_DISP_CHANNEL_NAME, &out);
    uint8_t msg[2 + 64] = {0x30, 0x01};
    size_t k = size < 64 ? size : 64;
    memcpy(msg + 2, data, k);
    wrdp_dvc_process(dvc, msg, 2 + k, &out);
    if (size >= 12) {
        uint32_t v[3];
        memcpy(v, data + size - 12, 12);
        wrdp_disp_request_size(disp, v[0], v[1], v[2], &out);
    }
    wrdp_writer_free(&out);
    wrdp_dvc_free(dvc); /* first: freeing the dvc closes the channel, calling into the disp */
    wrdp_disp_free(disp);
    return 0;
}
