/* Standard RDP Security (MS-RDPBCGR 5.3). Section numbers below are that
 * document's. The digests and RC4 come from crypto.c; 3DES (FIPS) is called
 * from mbedTLS directly, and only when the build has it (MBEDTLS_DES_C). */
#include <string.h>

#include <mbedtls/des.h>

#include "crypto/rdp_security.h"

#define B(p, n) ((wrdp_bytes){(const uint8_t *)(p), (n)})

static const uint8_t pad1[40] = {
    0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
    0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
    0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36, 0x36,
};
static const uint8_t pad2[48] = {
    0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
    0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
    0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c, 0x5c,
};

/* 5.3.6.2: the 3DES-CBC initialization vector */
static const uint8_t fips_iv[8] = {0x12, 0x34, 0x56, 0x78, 0x90, 0xab, 0xcd, 0xef};

/* 5.3.3.1.1: the Terminal Services signing key, published by Microsoft so
 * that anyone can check (and sign) proprietary certificates. Little-endian. */
static const uint8_t ts_modulus[64] = {
    0x3d, 0x3a, 0x5e, 0xbd, 0x72, 0x43, 0x3e, 0xc9, 0x4d, 0xbb, 0xc1, 0x1e, 0x4a, 0xba, 0x5f, 0xcb,
    0x3e, 0x88, 0x20, 0x87, 0xef, 0xf5, 0xc1, 0xe2, 0xd7, 0xb7, 0x6b, 0x9a, 0xf2, 0x52, 0x45, 0x95,
    0xce, 0x63, 0x65, 0x6b, 0x58, 0x3a, 0xfe, 0xef, 0x7c, 0xe7, 0xbf, 0xfe, 0x3d, 0xf6, 0x5c, 0x7d,
    0x6c, 0x5e, 0x06, 0x09, 0x1a, 0xf5, 0x61, 0xbb, 0x20, 0x93, 0x09, 0x5f, 0x05, 0x6d, 0xea, 0x87,
};
static const uint32_t ts_exponent = 0xc0887b5bu;

static void put_u32le(uint8_t *p, uint32_t v)
{
    p[0] = (uint8_t)v;
    p[1] = (uint8_t)(v >> 8);
    p[2] = (uint8_t)(v >> 16);
    p[3] = (uint8_t)(v >> 24);
}

void wrdp_rdp_salted_hash(const uint8_t *secret, size_t secret_len, const uint8_t *i, size_t i_len,
                          const uint8_t random1[32], const uint8_t random2[32], uint8_t out[16])
{
    uint8_t sha[WRDP_SHA1_LEN];
    wrdp_bytes inner[] = {B(i, i_len), B(secret, secret_len), B(random1, 32), B(random2, 32)};
    wrdp_hash(WRDP_DIGEST_SHA1, inner, 4, sha);
    wrdp_bytes outer[] = {B(secret, secret_len), B(sha, sizeof sha)};
    wrdp_hash(WRDP_DIGEST_MD5, outer, 2, out);
    wrdp_wipe(sha, sizeof sha);
}

void wrdp_rdp_final_hash(const uint8_t key[16], const uint8_t random1[32], const uint8_t random2[32],
                         uint8_t out[16])
{
    wrdp_bytes parts[] = {B(key, 16), B(random1, 32), B(random2, 32)};
    wrdp_hash(WRDP_DIGEST_MD5, parts, 3, out);
}

void wrdp_rdp_mac(const uint8_t *key, size_t key_len, const uint8_t *data, size_t len, bool salted, uint32_t count,
                  uint8_t out[16])
{
    uint8_t len_le[4], count_le[4], sha[WRDP_SHA1_LEN];
    put_u32le(len_le, (uint32_t)len);
    put_u32le(count_le, count);
    wrdp_bytes inner[] = {B(key, key_len), B(pad1, sizeof pad1), B(len_le, 4), B(data, len), B(count_le, 4)};
    wrdp_hash(WRDP_DIGEST_SHA1, inner, salted ? 5 : 4, sha);
    wrdp_bytes outer[] = {B(key, key_len), B(pad2, sizeof pad2), B(sha, sizeof sha)};
    wrdp_hash(WRDP_DIGEST_MD5, outer, 3, out);
}

/* 5.3.5.1: 40- and 56-bit keys keep bytes 3..7 (resp. 1..7) of the 128-bit
 * value and get a fixed prefix, so that they carry only 40 (56) secret bits. */
static void salt_key(uint8_t *key, uint32_t method)
{
    if (method == WRDP_ENCRYPTION_METHOD_40BIT) {
        key[0] = 0xd1;
        key[1] = 0x26;
        key[2] = 0x9e;
    } else if (method == WRDP_ENCRYPTION_METHOD_56BIT) {
        key[0] = 0xd1;
    }
}

static uint8_t bit_reverse(unsigned v)
{
    unsigned r = 0;
    for (unsigned k = 0; k < 8; k++)
        r |= ((v >> k) & 1u) << (7 - k);
    return (uint8_t)r;
}

/* 5.3.5.2: 168 key bits become a 24-byte 3DES key. As the spec words it: reverse
 * the bits of every byte, insert a zero bit after every seventh bit, reverse
 * every byte again, then set each byte's least significant bit for odd parity
 * (which overwrites a key bit: Windows does so, and the spec's example shows it). */
void wrdp_rdp_fips_expand_key(const uint8_t in[21], uint8_t out[24])
{
    uint8_t rev[21];
    for (unsigned i = 0; i < 21; i++)
        rev[i] = bit_reverse(in[i]);
    for (unsigned k = 0; k < 24; k++) {
        unsigned v = 0;
        for (unsigned b = 0; b < 7; b++) {
            unsigned bit = k * 7 + b;
            v = v << 1 | ((rev[bit / 8] >> (7 - bit % 8)) & 1u);
        }
        unsigned o = bit_reverse(v << 1) & 0xfeu, ones = 0;
        for (unsigned t = o; t; t >>= 1)
            ones += t & 1u;
        out[k] = (uint8_t)(o | ((ones & 1u) ? 0u : 1u));
    }
    wrdp_wipe(rev, sizeof rev);
}

bool wrdp_rdp_security_fips_available(void)
{
#if defined(MBEDTLS_DES_C)
    return true;
#else
    return false;
#endif
}

static void derive_fips(wrdp_rdp_security *s, const uint8_t cr[32], const uint8_t sr[32])
{
    /* client encrypt = server decrypt: the randoms' last 128 bits; client decrypt: their first 128 bits */
    uint8_t enc_t[21], dec_t[21];
    wrdp_bytes e[] = {B(cr + 16, 16), B(sr + 16, 16)};
    wrdp_hash(WRDP_DIGEST_SHA1, e, 2, enc_t);
    enc_t[20] = enc_t[0];
    wrdp_bytes d[] = {B(cr, 16), B(sr, 16)};
    wrdp_hash(WRDP_DIGEST_SHA1, d, 2, dec_t);
    dec_t[20] = dec_t[0];
    wrdp_rdp_fips_expand_key(enc_t, s->fips_encrypt_key);
    wrdp_rdp_fips_expand_key(dec_t, s->fips_decrypt_key);
    /* the HMAC key is SHA1(ServerDecryptKeyT + ServerEncryptKeyT), i.e. the client's (encrypt, decrypt) swapped */
    wrdp_bytes h[] = {B(dec_t, 20), B(enc_t, 20)};
    wrdp_hash(WRDP_DIGEST_SHA1, h, 2, s->fips_sign_key);
    memcpy(s->fips_encrypt_iv, fips_iv, 8);
    memcpy(s->fips_decrypt_iv, fips_iv, 8);
    wrdp_wipe(enc_t, sizeof enc_t);
    wrdp_wipe(dec_t, sizeof dec_t);
}

int wrdp_rdp_security_init(wrdp_rdp_security *s, uint32_t method, const uint8_t client_random[32],
                           const uint8_t server_random[32], wrdp_error *err)
{
    memset(s, 0, sizeof *s);
    switch (method) {
    case WRDP_ENCRYPTION_METHOD_40BIT:
    case WRDP_ENCRYPTION_METHOD_56BIT: s->key_len = 8; break;
    case WRDP_ENCRYPTION_METHOD_128BIT: s->key_len = 16; break;
    case WRDP_ENCRYPTION_METHOD_FIPS:
        if (!wrdp_rdp_security_fips_available())
            return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED,
                                  "standard RDP security: the server requires FIPS (3DES), which this build lacks");
        break;
    default:
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "standard RDP security: encryption method 0x%08x",
                              (unsigned)method);
    }
    s->method = method;
    if (method == WRDP_ENCRYPTION_METHOD_FIPS) {
        derive_fips(s, client_random, server_random);
        return WRDP_OK;
    }

    /* 5.3.5.1 */
    uint8_t pre_master[48], master[48], blob[48];
    memcpy(pre_master, client_random, 24);
    memcpy(pre_master + 24, server_random, 24);
    static const char *const abc[3] = {"A", "BB", "CCC"}, *const xyz[3] = {"X", "YY", "ZZZ"};
    for (size_t k = 0; k < 3; k++)
        wrdp_rdp_salted_hash(pre_master, 48, (const uint8_t *)abc[k], k + 1, client_random, server_random,
                             master + 16 * k);
    for (size_t k = 0; k < 3; k++)
        wrdp_rdp_salted_hash(master, 48, (const uint8_t *)xyz[k], k + 1, client_random, server_random,
                             blob + 16 * k);
    memcpy(s->mac_key, blob, 16);
    /* the server encrypts with the second 128 bits, the client with the third */
    wrdp_rdp_final_hash(blob + 16, client_random, server_random, s->decrypt_key);
    wrdp_rdp_final_hash(blob + 32, client_random, server_random, s->encrypt_key);
    salt_key(s->mac_key, method);
    salt_key(s->decrypt_key, method);
    salt_key(s->encrypt_key, method);
    memcpy(s->encrypt_key_initial, s->encrypt_key, 16);
    memcpy(s->decrypt_key_initial, s->decrypt_key, 16);
    wrdp_rc4_init(&s->encrypt_rc4, s->encrypt_key, s->key_len);
    wrdp_rc4_init(&s->decrypt_rc4, s->decrypt_key, s->key_len);
    wrdp_wipe(pre_master, sizeof pre_master);
    wrdp_wipe(master, sizeof master);
    wrdp_wipe(blob, sizeof blob);
    return WRDP_OK;
}

void wrdp_rdp_security_clear(wrdp_rdp_security *s)
{
    wrdp_wipe(s, sizeof *s);
}

/* 5.3.7: the new key hashes the initial key with the current one, then is
 * RC4-encrypted with itself; 40/56-bit keys are salted again. */
static void update_key(uint8_t current[16], const uint8_t initial[16], size_t key_len, uint32_t method,
                       wrdp_rc4 *rc4)
{
    uint8_t sha[WRDP_SHA1_LEN], temp[16];
    wrdp_bytes inner[] = {B(initial, key_len), B(pad1, sizeof pad1), B(current, key_len)};
    wrdp_hash(WRDP_DIGEST_SHA1, inner, 3, sha);
    wrdp_bytes outer[] = {B(initial, key_len), B(pad2, sizeof pad2), B(sha, sizeof sha)};
    wrdp_hash(WRDP_DIGEST_MD5, outer, 3, temp);
    wrdp_rc4 once;
    wrdp_rc4_init(&once, temp, key_len);
    wrdp_rc4_crypt(&once, temp, current, key_len);
    salt_key(current, method);
    wrdp_rc4_init(rc4, current, key_len);
    wrdp_wipe(&once, sizeof once);
    wrdp_wipe(sha, sizeof sha);
    wrdp_wipe(temp, sizeof temp);
}

static void fips_sign(const wrdp_rdp_security *s, const uint8_t *data, size_t len, uint32_t count, uint8_t out[8])
{
    uint8_t count_le[4], mac[WRDP_SHA1_LEN];
    put_u32le(count_le, count);
    wrdp_bytes parts[] = {B(data, len), B(count_le, 4)};
    wrdp_hmac(WRDP_DIGEST_SHA1, s->fips_sign_key, sizeof s->fips_sign_key, parts, 2, mac);
    memcpy(out, mac, 8);
}

#if defined(MBEDTLS_DES_C)
static int fips_crypt(const uint8_t key[24], uint8_t iv[8], int mode, uint8_t *data, size_t len)
{
    mbedtls_des3_context ctx;
    mbedtls_des3_init(&ctx);
    int rc = mode == MBEDTLS_DES_ENCRYPT ? mbedtls_des3_set3key_enc(&ctx, key) : mbedtls_des3_set3key_dec(&ctx, key);
    if (!rc && len)
        rc = mbedtls_des3_crypt_cbc(&ctx, mode, len, iv, data, data);
    mbedtls_des3_free(&ctx);
    return rc;
}
#endif

int wrdp_rdp_security_encrypt(wrdp_rdp_security *s, uint8_t *data, size_t *len, size_t cap, bool salted,
                              uint8_t signature[8], uint8_t *pad, wrdp_error *err)
{
    if (pad)
        *pad = 0;
    if (*len > UINT32_MAX)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "standard RDP security: %zu bytes to encrypt", *len);
    if (s->method == WRDP_ENCRYPTION_METHOD_FIPS) {
#if defined(MBEDTLS_DES_C)
        size_t n = *len, padded = (n + 7) / 8 * 8;
        if (!pad || padded > cap)
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                                  "standard RDP security (FIPS): no room for %zu bytes of padding", padded - n);
        fips_sign(s, data, n, s->encrypt_total, signature);
        memset(data + n, 0, padded - n);
        if (fips_crypt(s->fips_encrypt_key, s->fips_encrypt_iv, MBEDTLS_DES_ENCRYPT, data, padded))
            return wrdp_error_set(err, WRDP_ERROR_INTERNAL, "standard RDP security (FIPS): 3DES failed");
        *len = padded;
        *pad = (uint8_t)(padded - n);
        s->encrypt_total++;
        return WRDP_OK;
#else
        (void)cap;
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "standard RDP security: FIPS is not in this build");
#endif
    }
    if (s->key_len == 0)
        return wrdp_error_set(err, WRDP_ERROR_STATE, "standard RDP security: no session keys");
    if (s->encrypt_count == WRDP_RDP_SECURITY_KEY_UPDATE_PACKETS) {
        update_key(s->encrypt_key, s->encrypt_key_initial, s->key_len, s->method, &s->encrypt_rc4);
        s->encrypt_count = 0;
    }
    uint8_t mac[16];
    wrdp_rdp_mac(s->mac_key, s->key_len, data, *len, salted, s->encrypt_total, mac);
    memcpy(signature, mac, 8);
    wrdp_rc4_crypt(&s->encrypt_rc4, data, data, *len);
    s->encrypt_count++;
    s->encrypt_total++;
    return WRDP_OK;
}

int wrdp_rdp_security_decrypt(wrdp_rdp_security *s, uint8_t *data, size_t *len, bool salted,
                              const uint8_t signature[8], uint8_t pad, wrdp_error *err)
{
    uint8_t expect[16];
    if (*len > UINT32_MAX)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "standard RDP security: %zu bytes to decrypt", *len);
    if (s->method == WRDP_ENCRYPTION_METHOD_FIPS) {
#if defined(MBEDTLS_DES_C)
        size_t n = *len;
        if (n % 8 || pad > 7 || pad > n)
            return wrdp_error_set(err, WRDP_ERROR_DECODE,
                                  "standard RDP security (FIPS): %zu encrypted bytes with %u bytes of padding", n,
                                  (unsigned)pad);
        if (fips_crypt(s->fips_decrypt_key, s->fips_decrypt_iv, MBEDTLS_DES_DECRYPT, data, n))
            return wrdp_error_set(err, WRDP_ERROR_INTERNAL, "standard RDP security (FIPS): 3DES failed");
        n -= pad;
        fips_sign(s, data, n, s->decrypt_total, expect);
        s->decrypt_total++;
        *len = n;
        if (!wrdp_ct_equal(expect, signature, 8))
            return wrdp_error_set(err, WRDP_ERROR_DECODE, "standard RDP security (FIPS): the signature is wrong");
        return WRDP_OK;
#else
        (void)pad;
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "standard RDP security: FIPS is not in this build");
#endif
    }
    if (s->key_len == 0)
        return wrdp_error_set(err, WRDP_ERROR_STATE, "standard RDP security: no session keys");
    if (s->decrypt_count == WRDP_RDP_SECURITY_KEY_UPDATE_PACKETS) {
        update_key(s->decrypt_key, s->decrypt_key_initial, s->key_len, s->method, &s->decrypt_rc4);
        s->decrypt_count = 0;
    }
    wrdp_rc4_crypt(&s->decrypt_rc4, data, data, *len);
    s->decrypt_count++;
    wrdp_rdp_mac(s->mac_key, s->key_len, data, *len, salted, s->decrypt_total, expect);
    s->decrypt_total++;
    if (!wrdp_ct_equal(expect, signature, 8))
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "standard RDP security: the MAC signature is wrong");
    return WRDP_OK;
}

int wrdp_rdp_rsa_encrypt(const uint8_t *modulus_le, size_t modulus_len, uint32_t exponent, const uint8_t *in,
                         size_t in_len, uint8_t *out, size_t cap, size_t *out_len, wrdp_error *err)
{
    /* the proprietary certificate's modulus carries 8 zero bytes after the number */
    while (modulus_len > 0 && modulus_le[modulus_len - 1] == 0)
        modulus_len--;
    if (modulus_len == 0 || modulus_len + 8 > cap)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT,
                              "RSA: a %zu-byte modulus does not fit %zu bytes of output", modulus_len, cap);
    if (wrdp_rsa_public_raw_le(modulus_le, modulus_len, exponent, in, in_len, out, err) != WRDP_OK)
        return WRDP_ERR;
    memset(out + modulus_len, 0, 8);
    *out_len = modulus_len + 8;
    return WRDP_OK;
}

int wrdp_rdp_security_encrypt_client_random(const uint8_t *modulus_le, size_t modulus_len, uint32_t exponent,
                                            const uint8_t client_random[32], uint8_t *out, size_t cap,
                                            size_t *out_len, wrdp_error *err)
{
    return wrdp_rdp_rsa_encrypt(modulus_le, modulus_len, exponent, client_random, 32, out, cap, out_len, err);
}

int wrdp_rdp_security_verify_proprietary_cert(const uint8_t *signed_part, size_t signed_len,
                                              const uint8_t *signature, size_t signature_len, wrdp_error *err)
{
    /* 64 bytes of signature, then 8 zero bytes; some servers omit the zeros */
    if (signature_len < sizeof ts_modulus)
        return wrdp_error_set(err, WRDP_ERROR_DECODE,
                              "server certificate: a %zu-byte signature where 64 bytes were expected", signature_len);
    uint8_t plain[sizeof ts_modulus], hash[WRDP_MD5_LEN];
    if (wrdp_rsa_public_raw_le(ts_modulus, sizeof ts_modulus, ts_exponent, signature, sizeof ts_modulus, plain,
                               err) != WRDP_OK)
        return WRDP_ERR;
    wrdp_md5(signed_part, signed_len, hash);
    /* 5.3.3.1.2: the signed value is the MD5 hash, 0x00, 0xFF x 45, 0x01, 0x00 (little-endian) */
    uint8_t expect[sizeof ts_modulus];
    memcpy(expect, hash, 16);
    expect[16] = 0x00;
    memset(expect + 17, 0xff, 45);
    expect[62] = 0x01;
    expect[63] = 0x00;
    if (!wrdp_ct_equal(plain, expect, sizeof expect))
        return wrdp_error_set(err, WRDP_ERROR_DECODE,
                              "server certificate: the proprietary certificate's signature does not verify");
    return WRDP_OK;
}
