/* BER and PER primitives on arbitrary bytes, driven by the first byte. */
#include "core/asn1.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data + 1, size - 1, "fuzz", &err);
    static const uint8_t oid[6] = {0, 0, 20, 124, 0, 1};
    for (int i = 0; i < 16 && wrdp_cursor_ok(&c); i++) {
        uint32_t tag, v32;
        uint64_t v64;
        uint16_t v16;
        uint8_t v8;
        size_t len;
        bool b;
        wrdp_bytes os;
        wrdp_cursor sub;
        switch ((data[0] >> (i % 4)) % 12) {
        case 0: wrdp_ber_read_header(&c, &tag, &len, "h"); break;
        case 1: wrdp_ber_read_uint(&c, &v64, "u"); break;
        case 2: wrdp_ber_read_bool(&c, &b, "b"); break;
        case 3: wrdp_ber_read_octet_string(&c, &os, "o"); break;
        case 4: wrdp_ber_read_expect(&c, WRDP_BER_SEQUENCE, &sub, "s"); break;
        case 5: wrdp_per_read_integer(&c, &v32, "i"); break;
        case 6: wrdp_per_read_integer16(&c, &v16, 1001, "i16"); break;
        case 7: wrdp_per_read_octet_string(&c, &os, 4, "po"); break;
        case 8: wrdp_per_read_numeric_string(&c, 1, "n"); break;
        case 9: wrdp_per_read_object_identifier(&c, oid, "oid"); break;
        case 10: wrdp_per_read_enumerated(&c, &v8, 10, "e"); break;
        default: wrdp_ber_read_enumerated(&c, &v8, "be"); break;
        }
    }
    return 0;
}
