/* Pointer attributes (colour, new, large) to RGBA: any input either fails or
 * yields width*height*4 bytes (ASan checks the reads and the writes). */
#include <stdint.h>
#include <string.h>

#include "webrdp/session.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int kind = 1 + data[0] % 3;
    wrdp_pointer_style style = (data[1] & 1) ? WRDP_POINTER_STYLE_PREMULTIPLIED : WRDP_POINTER_STYLE_CSS;
    uint8_t palette[768];
    for (int i = 0; i < 768; i++)
        palette[i] = (uint8_t)i;
    wrdp_pointer p;
    wrdp_error err;
    uint16_t index;
    if (wrdp_pointer_decode(kind, data + 2, size - 2, (data[1] & 2) ? palette : NULL, style, &p, &index, &err) ==
        WRDP_OK) {
        if (p.data) {
            volatile uint8_t sink = 0;
            size_t n = (size_t)p.width * p.height * 4;
            for (size_t i = 0; i < n; i += 61)
                sink ^= p.data[i];
            sink ^= p.data[n - 1];
            (void)sink;
        }
    } else if (p.data) {
        __builtin_trap(); /* a failure leaves nothing allocated */
    }
    wrdp_pointer_clear(&p);
    return 0;
}
