/* The JSON reader takes text from the command line and from the page. */
#include "core/json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_arena a;
    wrdp_arena_init(&a, 1 << 20);
    wrdp_error err;
    wrdp_error_clear(&err);
    const wrdp_json *v = wrdp_json_parse((const char *)data, size, &a, &err);
    if (v) {
        uint64_t u;
        wrdp_bytes b;
        wrdp_json_get_u64(v, "a", &u, &err);
        wrdp_json_get_hex(v, "h", &b, &a, &err);
        wrdp_json_get_utf16(v, "s", &b, &a, &err);
        for (size_t i = 0; i < 4; i++)
            wrdp_json_as_uint(wrdp_json_at(v, i), "i", UINT32_MAX, &u, &err);
    }
    wrdp_arena_free(&a);
    return 0;
}
