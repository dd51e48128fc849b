/* UTF-8 <-> UTF-16LE, including invalid input. */
#include "test.h"
#include "webrdp/utils.h"

static void roundtrip(const char *s, const uint8_t *utf16, size_t n16)
{
    uint8_t out[64];
    size_t n = wrdp_utf8_to_utf16le(s, strlen(s), out, sizeof out);
    CHECK_EQ(n, n16);
    CHECK_MEM(out, utf16, n16);
    char back[64];
    size_t m = wrdp_utf16le_to_utf8(utf16, n16, back, sizeof back);
    CHECK_EQ(m, strlen(s));
    CHECK_MEM(back, s, m);
}

int main(void)
{
    roundtrip("User", (const uint8_t *)"U\0s\0e\0r\0", 8);
    roundtrip("\xc3\xa9", (const uint8_t *)"\xe9\x00", 2);                 /* é */
    roundtrip("\xe2\x82\xac", (const uint8_t *)"\xac\x20", 2);             /* € */
    roundtrip("\xf0\x9f\x98\x80", (const uint8_t *)"\x3d\xd8\x00\xde", 4); /* 😀 as a surrogate pair */

    /* invalid UTF-8 becomes U+FFFD, one per bad byte */
    uint8_t out[16];
    size_t n = wrdp_utf8_to_utf16le("a\xff" "b", 3, out, sizeof out);
    CHECK_EQ(n, 6);
    CHECK(out[2] == 0xFD && out[3] == 0xFF);
    n = wrdp_utf8_to_utf16le("\xc0\x80", 2, out, sizeof out); /* overlong NUL */
    CHECK_EQ(n, 4);
    n = wrdp_utf8_to_utf16le("\xed\xa0\x80", 3, out, sizeof out); /* encoded surrogate */
    CHECK_EQ(n, 6);
    n = wrdp_utf8_to_utf16le("\xe2\x82", 2, out, sizeof out); /* truncated */
    CHECK_EQ(n, 4);

    /* an unpaired surrogate and an odd byte count become U+FFFD (3 bytes each in UTF-8) */
    char s[16];
    size_t m = wrdp_utf16le_to_utf8((const uint8_t *)"\x00\xd8" "A", 3, s, sizeof s);
    CHECK_EQ(m, 6);
    CHECK(!memcmp(s, "\xef\xbf\xbd\xef\xbf\xbd", 6));

    /* the size is reported even when the buffer is too small, and nothing overflows */
    uint8_t tiny[2] = {0x55, 0x55};
    CHECK_EQ(wrdp_utf8_to_utf16le("abc", 3, tiny, 2), 6);
    CHECK(tiny[0] == 'a' && tiny[1] == 0);
    CHECK_EQ(wrdp_utf16le_to_utf8((const uint8_t *)"a\0b\0", 4, NULL, 0), 2);

    CHECK_EQ(wrdp_utf16le_strnlen((const uint8_t *)"a\0b\0\0\0c\0", 8), 4);
    CHECK_EQ(wrdp_utf16le_strnlen((const uint8_t *)"a\0b\0", 4), 4);
    CHECK_EQ(wrdp_utf16le_strnlen((const uint8_t *)"a\0b", 3), 2);
    return test_finish("core_text");
}
