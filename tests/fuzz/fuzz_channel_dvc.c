/* DRDYNVC: a registered channel, then the input as a sequence of drdynvc
 * messages (each: u16le length, bytes); replies and sends must stay framed. */
#include "webrdp/dvc.h"

static int on_data(void *ctx, wrdp_dvc *d, uint32_t id, const uint8_t *m, size_t n, wrdp_writer *out)
{
    (void)ctx;
    return wrdp_dvc_send(d, id, m, n > 4000 ? 4000 : n, out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_dvc_config cfg;
    wrdp_dvc_config_init(&cfg);
    cfg.max_message = 1 << 20;
    wrdp_dvc *d = wrdp_dvc_new(&cfg);
    wrdp_dvc_processor p = {NULL, NULL, on_data, NULL};
    wrdp_dvc_register(d, "testdvc", &p);
    wrdp_error err;
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 22, &err);
    size_t at = 0;
    while (size - at >= 2) {
        size_t n = (size_t)(data[at] | data[at + 1] << 8);
        at += 2;
        if (n > size - at)
            n = size - at;
        wrdp_writer_reset(&out);
        wrdp_dvc_process(d, data + at, n, &out);
        size_t pos = 0;
        wrdp_bytes m;
        while (wrdp_dvc_next_output(out.data, out.len, &pos, &m))
            if (m.len > WRDP_DVC_PDU_MAX)
                __builtin_trap();
        at += n;
    }
    wrdp_dvc_event ev;
    while (wrdp_dvc_next_event(d, &ev))
        ;
    wrdp_writer_free(&out);
    wrdp_dvc_free(d);
    return 0;
}
