/* One libFuzzer target per PDU kind (CMake defines WRDP_FUZZ_KIND). Beyond
 * "never crash", it checks two properties of whatever decodes:
 *   encode(decode(encode(x))) == encode(x), and the JSON form round-trips to
 *   the same bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdu/kind.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(WRDP_FUZZ_KIND);
    if (!k)
        abort();
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer once, twice, viajson, json;
    wrdp_writer_init(&once, 0, &err);
    wrdp_writer_init(&twice, 0, &err);
    wrdp_writer_init(&viajson, 0, &err);
    wrdp_writer_init(&json, 0, &err);
    size_t used = 0;
    if (wrdp_pdu_kind_roundtrip(k, data, size, &once, &used, &err) == WRDP_OK) {
        if (used > size)
            abort();
        size_t used2 = 0;
        if (wrdp_pdu_kind_roundtrip(k, once.data, once.len, &twice, &used2, &err) != WRDP_OK) {
            fprintf(stderr, "%s: re-decode of our own encoding failed: %s\n", k->name, err.message);
            abort();
        }
        if (twice.len != once.len || (once.len && memcmp(twice.data, once.data, once.len) != 0)) {
            fprintf(stderr, "%s: encode(decode(encode(x))) != encode(x)\n", k->name);
            abort();
        }
        size_t used3 = 0;
        if (wrdp_pdu_kind_to_json(k, once.data, once.len, false, &json, &used3, &err) != WRDP_OK) {
            fprintf(stderr, "%s: JSON of our own encoding failed: %s\n", k->name, err.message);
            abort();
        }
        if (wrdp_pdu_kind_from_json(k, (const char *)json.data, json.len, &viajson, &err) != WRDP_OK) {
            fprintf(stderr, "%s: JSON did not encode back: %s\n%.*s\n", k->name, err.message, (int)json.len,
                    (const char *)json.data);
            abort();
        }
        if (viajson.len != once.len || (once.len && memcmp(viajson.data, once.data, once.len) != 0)) {
            fprintf(stderr, "%s: JSON round trip changed the bytes\n", k->name);
            abort();
        }
    } else if (err.kind == WRDP_ERROR_NONE) {
        fprintf(stderr, "%s: failed without an error\n", k->name);
        abort();
    }
    wrdp_writer_free(&once);
    wrdp_writer_free(&twice);
    wrdp_writer_free(&viajson);
    wrdp_writer_free(&json);
    return 0;
}
