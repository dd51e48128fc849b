/* The crypto wrappers against published answers (RFC 1320/1321, FIPS 180,
 * RFC 2202, the classic RC4 "Key"/"Plaintext" vector) and an OpenSSL-made
 * certificate. */
#include "crypto/crypto.h"
#include "test.h"

static void check_hex(const uint8_t *got, const char *hex)
{
    uint8_t want[64];
    size_t n = test_hex(hex, want, sizeof want);
    CHECK_MEM(got, want, n);
}

int main(void)
{
    uint8_t out[64];
    CHECK_EQ(wrdp_md4("abc", 3, out), WRDP_OK);
    check_hex(out, "a448017aaf21d8525fc10ae87aa6729d");
    CHECK_EQ(wrdp_md5("abc", 3, out), WRDP_OK);
    check_hex(out, "900150983cd24fb0d6963f7d28e17f72");
    CHECK_EQ(wrdp_sha1("abc", 3, out), WRDP_OK);
    check_hex(out, "a9993e364706816aba3e25717850c26c9cd0d89d");
    CHECK_EQ(wrdp_sha256("abc", 3, out), WRDP_OK);
    check_hex(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    /* parts are concatenated; empty parts are skipped */
    wrdp_bytes parts[3] = {{(const uint8_t *)"a", 1}, {NULL, 0}, {(const uint8_t *)"bc", 2}};
    CHECK_EQ(wrdp_hash(WRDP_DIGEST_SHA256, parts, 3, out), WRDP_OK);
    check_hex(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    uint8_t key[16];
    memset(key, 0x0b, sizeof key);
    CHECK_EQ(wrdp_hmac_md5(key, 16, "Hi There", 8, out), WRDP_OK);
    check_hex(out, "9294727a3638bb1c13f48ef8158bfc9d");
    CHECK_EQ(wrdp_hmac_md5("Jefe", 4, "what do ya want for nothing?", 28, out), WRDP_OK);
    check_hex(out, "750c783e6ab0b503eaa86e310a5db738");
    CHECK_EQ(wrdp_digest_len(WRDP_DIGEST_SHA1), 20);

    wrdp_rc4 rc4;
    wrdp_rc4_init(&rc4, "Key", 3);
    wrdp_rc4_crypt(&rc4, "Plaintext", out, 9);
    check_hex(out, "bbf316e8d940af0ad3");
    /* the keystream continues across calls, in place */
    wrdp_rc4_init(&rc4, "Key", 3);
    memcpy(out, "Plaintext", 9);
    wrdp_rc4_crypt(&rc4, out, out, 4);
    wrdp_rc4_crypt(&rc4, out + 4, out + 4, 5);
    check_hex(out, "bbf316e8d940af0ad3");

    /* textbook RSA: n = 61 * 53 = 3233, e = 17, 65^17 mod 3233 = 2790; little-endian */
    wrdp_error err;
    wrdp_error_clear(&err);
    const uint8_t n_le[2] = {0xa1, 0x0c}, m_le[2] = {0x41, 0x00};
    CHECK_EQ(wrdp_rsa_public_raw_le(n_le, 2, 17, m_le, 2, out, &err), WRDP_OK);
    CHECK(out[0] == 0xe6 && out[1] == 0x0a);
    const uint8_t even_le[2] = {0xa0, 0x0c};
    CHECK_EQ(wrdp_rsa_public_raw_le(even_le, 2, 17, m_le, 2, out, &err), WRDP_ERR);
    CHECK_EQ(wrdp_rsa_public_raw_le(n_le, 2, 17, m_le, 3, out, &err), WRDP_ERR);

    size_t len, mlen, klen, flen;
    uint8_t *der = test_read_file("vectors/webrdp/x509/rsa2048.der", &len);
    uint8_t *mod_hex = test_read_file("vectors/webrdp/x509/rsa2048.modulus.hex", &mlen);
    uint8_t *rsapub = test_read_file("vectors/webrdp/x509/rsa2048.rsapublickey.der", &klen);
    uint8_t *fp_hex = test_read_file("vectors/webrdp/x509/rsa2048.sha256.hex", &flen);
    mod_hex[mlen - 1] = 0;
    fp_hex[flen - 1] = 0;
    static wrdp_x509_key k;
    CHECK_EQ(wrdp_x509_public_key(der, len, &k, &err), WRDP_OK);
    CHECK(k.is_rsa);
    CHECK_EQ(k.exponent, 65537);
    CHECK_EQ(k.modulus_len, 256);
    uint8_t modulus[256];
    CHECK_EQ(test_hex((const char *)mod_hex, modulus, sizeof modulus), 256);
    CHECK_MEM(k.modulus, modulus, 256);
    CHECK_EQ(k.subject_public_key.len, klen);
    CHECK(k.subject_public_key.data >= der && k.subject_public_key.data + k.subject_public_key.len <= der + len);
    CHECK_MEM(k.subject_public_key.data, rsapub, klen);
    wrdp_x509_info info;
    CHECK_EQ(wrdp_x509_describe(der, len, &info, &err), WRDP_OK);
    CHECK(strstr(info.subject, "CN=webrdp-test") != NULL);
    check_hex(info.sha256, (const char *)fp_hex);
    /* every truncation is refused with a decode error */
    for (size_t cut = 0; cut < len; cut += 7) {
        wrdp_error_clear(&err);
        CHECK(wrdp_x509_public_key(der, cut, &k, &err) == WRDP_ERR && err.kind == WRDP_ERROR_DECODE);
    }
    free(der);
    free(mod_hex);
    free(rsapub);
    free(fp_hex);

    CHECK(wrdp_ct_equal("abc", "abc", 3));
    CHECK(!wrdp_ct_equal("abc", "abd", 3));
    uint8_t secret[4] = {1, 2, 3, 4};
    wrdp_wipe(secret, 4);
    CHECK(secret[0] == 0 && secret[3] == 0);
    return test_finish("crypto");
}
