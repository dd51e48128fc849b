/* libFuzzer: the Preconnection PDU decoder, and re-encoding what it accepts. */
#include <stdlib.h>
#include <string.h>

#include "connector/pcb.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_cursor c;
    wrdp_pcb pcb;
    wrdp_cursor_init(&c, data, size, "pcb", NULL);
    if (wrdp_pcb_decode(&c, &pcb) == 0) {
        wrdp_writer w;
        wrdp_writer_init(&w, 1 << 20, NULL);
        if (wrdp_pcb_encode(&pcb, &w) != 0 || w.len != size - wrdp_cursor_remaining(&c) ||
            memcmp(w.data, data, w.len) != 0)
            abort();
        wrdp_writer_free(&w);
    }
    return 0;
}
