/* BER/DER and aligned PER against hand-checked encodings (X.690, X.691, and the
 * MCS / GCC bytes printed in MS-RDPBCGR 4.1.3). */
#include "core/asn1.h"
#include "test.h"

static void test_ber_lengths(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t lens[] = {0, 0x7F, 0x80, 0xFF, 0x100, 0x194, 0xFFFF, 0x10000};
    const char *want[] = {"00", "7f", "8180", "81ff", "820100", "820194", "82ffff", "83010000"};
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        uint8_t exp[8];
        size_t n = test_hex(want[i], exp, sizeof exp);
        wrdp_writer_reset(&w);
        wrdp_ber_write_length(&w, lens[i]);
        CHECK_EQ(w.len, n);
        CHECK_MEM(w.data, exp, n);
        CHECK_EQ(wrdp_ber_length_size(lens[i]), n);
        wrdp_cursor c;
        wrdp_cursor_init(&c, exp, n, "len", &err);
        size_t got;
        CHECK_EQ(wrdp_ber_read_length(&c, &got, "length"), WRDP_OK);
        CHECK_EQ(got, lens[i]);
    }
    wrdp_writer_free(&w);
    /* indefinite and oversized length forms are refused */
    wrdp_cursor c;
    size_t got;
    wrdp_cursor_init(&c, "\x80", 1, "len", &err);
    CHECK_EQ(wrdp_ber_read_length(&c, &got, "length"), WRDP_ERR);
    CHECK(strstr(err.message, "indefinite") != NULL);
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, "\x85\x01\x01\x01\x01\x01", 6, "len", &err);
    CHECK_EQ(wrdp_ber_read_length(&c, &got, "length"), WRDP_ERR);
}

static void test_ber_values(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    /* [APPLICATION 101] { OCTET STRING 01, OCTET STRING 01, BOOLEAN TRUE, INTEGER 34, INTEGER 128 } */
    size_t m = wrdp_ber_begin(&w);
    wrdp_ber_write_octet_string(&w, "\x01", 1);
    wrdp_ber_write_octet_string(&w, "\x01", 1);
    wrdp_ber_write_bool(&w, true);
    wrdp_ber_write_uint(&w, 34);
    wrdp_ber_write_uint(&w, 128);
    wrdp_ber_write_enumerated(&w, 2);
    wrdp_ber_end(&w, WRDP_BER_APP(101), m);
    uint8_t want[64];
    size_t n = test_hex("7f65 13 040101 040101 0101ff 020122 02020080 0a0102", want, sizeof want);
    CHECK_EQ(w.len, n);
    CHECK_MEM(w.data, want, n);

    wrdp_cursor c, body;
    wrdp_cursor_init(&c, want, n, "mcs_demo", &err);
    CHECK_EQ(wrdp_ber_peek_tag(&c), 0x7F65);
    CHECK_EQ(wrdp_ber_read_expect(&c, WRDP_BER_APP(101), &body, "connectInitial"), WRDP_OK);
    wrdp_bytes os;
    bool b;
    uint32_t v;
    uint8_t e;
    CHECK_EQ(wrdp_ber_read_octet_string(&body, &os, "calling"), WRDP_OK);
    CHECK(os.len == 1 && os.data[0] == 1);
    CHECK_EQ(wrdp_ber_read_octet_string(&body, &os, "called"), WRDP_OK);
    CHECK_EQ(wrdp_ber_read_bool(&body, &b, "upward"), WRDP_OK);
    CHECK(b);
    CHECK_EQ(wrdp_ber_read_u32(&body, &v, "a"), WRDP_OK);
    CHECK_EQ(v, 34);
    CHECK_EQ(wrdp_ber_read_u32(&body, &v, "b"), WRDP_OK);
    CHECK_EQ(v, 128);
    CHECK_EQ(wrdp_ber_read_enumerated(&body, &e, "result"), WRDP_OK);
    CHECK_EQ(e, 2);
    CHECK_EQ(wrdp_cursor_expect_end(&body), WRDP_OK);
    CHECK_EQ(wrdp_cursor_expect_end(&c), WRDP_OK);

    /* a wrong tag names what was expected and what was found */
    wrdp_cursor_init(&c, want, n, "mcs_demo", &err);
    CHECK_EQ(wrdp_ber_read_expect(&c, WRDP_BER_SEQUENCE, &body, "seq"), WRDP_ERR);
    CHECK(strstr(err.message, "expected tag 0x30") != NULL);
    /* a length beyond the input is refused before anything is read */
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, "\x04\x05\x01", 3, "short", &err);
    CHECK_EQ(wrdp_ber_read_octet_string(&c, &os, "os"), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    /* integers: up to 64 bits, leading zero allowed */
    uint64_t big;
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, "\x02\x09\x00\xff\xff\xff\xff\xff\xff\xff\xff", 11, "int", &err);
    CHECK_EQ(wrdp_ber_read_uint(&c, &big, "i"), WRDP_OK);
    CHECK_EQ(big, UINT64_MAX);
    wrdp_cursor_init(&c, "\x02\x05\x01\x00\x00\x00\x00", 7, "int", &err);
    CHECK_EQ(wrdp_ber_read_u32(&c, &v, "i"), WRDP_ERR);
    wrdp_writer_reset(&w);
    wrdp_ber_write_uint(&w, 0);
    wrdp_ber_write_uint(&w, 0xFFFFFFFFFFFFFFFFull);
    n = test_hex("020100 0209 00ffffffffffffffff", want, sizeof want);
    CHECK_EQ(w.len, n);
    CHECK_MEM(w.data, want, n);
    wrdp_writer_free(&w);
}

static void test_per(void)
{
    static const uint8_t t124[6] = {0, 0, 20, 124, 0, 1};
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    /* the start of the GCC Conference Create Request in MS-RDPBCGR 4.1.3 */
    wrdp_wr_u8(&w, 0); /* choice */
    wrdp_per_write_object_identifier(&w, t124);
    wrdp_per_write_length(&w, 0x12A);
    wrdp_per_write_numeric_string(&w, "1", 1, 1);
    wrdp_per_write_integer16(&w, 1002, 1001);
    wrdp_per_write_octet_string(&w, "Duca", 4, 4);
    wrdp_per_write_integer(&w, 3);
    wrdp_per_write_integer(&w, 0x3EA);
    wrdp_per_write_integer(&w, 0x10000);
    uint8_t want[64];
    size_t n = test_hex("00 05 00 14 7c 00 01 81 2a 00 10 0001 00 44756361 0103 0203ea 0400010000", want, sizeof want);
    CHECK_EQ(w.len, n);
    CHECK_MEM(w.data, want, n);

    wrdp_cursor c;
    wrdp_cursor_init(&c, want, n, "gcc_demo", &err);
    uint8_t ch;
    uint16_t len, v16;
    uint32_t v32;
    wrdp_bytes os;
    CHECK_EQ(wrdp_per_read_choice(&c, &ch, "choice"), WRDP_OK);
    CHECK_EQ(wrdp_per_read_object_identifier(&c, t124, "t124Identifier"), WRDP_OK);
    CHECK_EQ(wrdp_per_read_length(&c, &len, "connectPDU"), WRDP_OK);
    CHECK_EQ(len, 0x12A);
    CHECK_EQ(wrdp_per_read_numeric_string(&c, 1, "conferenceName"), WRDP_OK);
    CHECK_EQ(wrdp_per_read_integer16(&c, &v16, 1001, "nodeID"), WRDP_OK);
    CHECK_EQ(v16, 1002);
    CHECK_EQ(wrdp_per_read_octet_string(&c, &os, 4, "h221Key"), WRDP_OK);
    CHECK(os.len == 4 && !memcmp(os.data, "Duca", 4));
    CHECK_EQ(wrdp_per_read_integer(&c, &v32, "a"), WRDP_OK);
    CHECK_EQ(v32, 3);
    CHECK_EQ(wrdp_per_read_integer(&c, &v32, "b"), WRDP_OK);
    CHECK_EQ(v32, 0x3EA);
    CHECK_EQ(wrdp_per_read_integer(&c, &v32, "c"), WRDP_OK);
    CHECK_EQ(v32, 0x10000);
    CHECK_EQ(wrdp_cursor_expect_end(&c), WRDP_OK);

    /* the wrong OID, an integer of 3 octets, an enumerated out of range, integer16 overflow */
    static const uint8_t other[6] = {0, 0, 20, 124, 0, 2};
    wrdp_cursor_init(&c, want + 1, 6, "gcc_demo", &err);
    CHECK_EQ(wrdp_per_read_object_identifier(&c, other, "t124Identifier"), WRDP_ERR);
    CHECK(strstr(err.message, "0.0.20.124.0.1") != NULL);
    wrdp_cursor_init(&c, "\x03\x01\x02\x03", 4, "per", &err);
    CHECK_EQ(wrdp_per_read_integer(&c, &v32, "i"), WRDP_ERR);
    wrdp_cursor_init(&c, "\x05", 1, "per", &err);
    CHECK_EQ(wrdp_per_read_enumerated(&c, &ch, 5, "e"), WRDP_ERR);
    wrdp_cursor_init(&c, "\xff\xff", 2, "per", &err);
    CHECK_EQ(wrdp_per_read_integer16(&c, &v16, 1001, "n"), WRDP_ERR);
    /* a PER length longer than the input */
    wrdp_cursor_init(&c, "\x81\x00\x01", 3, "per", &err);
    CHECK_EQ(wrdp_per_read_octet_string(&c, &os, 0, "os"), WRDP_ERR);
    /* encoder refuses values that do not fit */
    wrdp_writer_reset(&w);
    wrdp_per_write_length(&w, 0x8000);
    CHECK_EQ(wrdp_writer_status(&w), WRDP_ERR);
    wrdp_writer_reset(&w);
    wrdp_per_write_integer16(&w, 5, 1001);
    CHECK_EQ(wrdp_writer_status(&w), WRDP_ERR);
    wrdp_writer_free(&w);
}

int main(void)
{
    test_ber_lengths();
    test_ber_values();
    test_per();
    return test_finish("core_asn1");
}
