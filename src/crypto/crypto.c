/* mbedTLS behind webrdp's crypto interface. The native build uses Debian's
 * libmbedcrypto; the wasm build uses mbedTLS 2.28.3 compiled with
 * cmake/mbedtls_config.h, which enables what this file calls. */
#include <stdio.h>
#include <string.h>

#include <mbedtls/asn1.h>
#include <mbedtls/bignum.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/rsa.h>
#include <mbedtls/x509_crt.h>

#include "crypto/crypto.h"

static mbedtls_md_type_t md_type(wrdp_digest d)
{
    switch (d) {
    case WRDP_DIGEST_MD4: return MBEDTLS_MD_MD4;
    case WRDP_DIGEST_MD5: return MBEDTLS_MD_MD5;
    case WRDP_DIGEST_SHA1: return MBEDTLS_MD_SHA1;
    default: return MBEDTLS_MD_SHA256;
    }
}

size_t wrdp_digest_len(wrdp_digest d)
{
    static const size_t lens[] = {WRDP_MD4_LEN, WRDP_MD5_LEN, WRDP_SHA1_LEN, WRDP_SHA256_LEN};
    return (unsigned)d < 4 ? lens[d] : 0;
}

static int run_md(wrdp_digest d, const void *key, size_t key_len, bool hmac, const wrdp_bytes *parts, size_t n,
                  uint8_t *out)
{
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(md_type(d));
    if (!info)
        return WRDP_ERR;
    mbedtls_md_context_t ctx;
    mbedtls_md_init(&ctx);
    int rc = mbedtls_md_setup(&ctx, info, hmac ? 1 : 0);
    if (!rc)
        rc = hmac ? mbedtls_md_hmac_starts(&ctx, key, key_len) : mbedtls_md_starts(&ctx);
    for (size_t i = 0; !rc && i < n; i++)
        if (parts[i].data && parts[i].len)
            rc = hmac ? mbedtls_md_hmac_update(&ctx, parts[i].data, parts[i].len)
                      : mbedtls_md_update(&ctx, parts[i].data, parts[i].len);
    if (!rc)
        rc = hmac ? mbedtls_md_hmac_finish(&ctx, out) : mbedtls_md_finish(&ctx, out);
    mbedtls_md_free(&ctx);
    return rc ? WRDP_ERR : WRDP_OK;
}

int wrdp_hash(wrdp_digest d, const wrdp_bytes *parts, size_t nparts, uint8_t *out)
{
    return run_md(d, NULL, 0, false, parts, nparts, out);
}

int wrdp_hmac(wrdp_digest d, const void *key, size_t key_len, const wrdp_bytes *parts, size_t nparts, uint8_t *out)
{
    return run_md(d, key, key_len, true, parts, nparts, out);
}

static int one(wrdp_digest d, const void *data, size_t len, uint8_t *out)
{
    wrdp_bytes b = {data, len};
    return wrdp_hash(d, &b, 1, out);
}

int wrdp_md4(const void *data, size_t len, uint8_t out[WRDP_MD4_LEN]) { return one(WRDP_DIGEST_MD4, data, len, out); }
int wrdp_md5(const void *data, size_t len, uint8_t out[WRDP_MD5_LEN]) { return one(WRDP_DIGEST_MD5, data, len, out); }
int wrdp_sha1(const void *data, size_t len, uint8_t out[WRDP_SHA1_LEN]) { return one(WRDP_DIGEST_SHA1, data, len, out); }
int wrdp_sha256(const void *data, size_t len, uint8_t out[WRDP_SHA256_LEN])
{
    return one(WRDP_DIGEST_SHA256, data, len, out);
}

int wrdp_hmac_md5(const void *key, size_t key_len, const void *data, size_t len, uint8_t out[WRDP_MD5_LEN])
{
    wrdp_bytes b = {data, len};
    return wrdp_hmac(WRDP_DIGEST_MD5, key, key_len, &b, 1, out);
}

/* RC4 is a dozen lines, and mbedTLS 3 removed it: keeping our own spares the
 * module MBEDTLS_ARC4_C and the next mbedTLS upgrade a missing cipher. */
void wrdp_rc4_init(wrdp_rc4 *rc4, const void *key, size_t key_len)
{
    const uint8_t *k = key;
    for (int i = 0; i < 256; i++)
        rc4->s[i] = (uint8_t)i;
    uint8_t j = 0;
    for (int i = 0; i < 256; i++) {
        j = (uint8_t)(j + rc4->s[i] + (key_len ? k[i % key_len] : 0));
        uint8_t t = rc4->s[i];
        rc4->s[i] = rc4->s[j];
        rc4->s[j] = t;
    }
    rc4->i = rc4->j = 0;
}

void wrdp_rc4_crypt(wrdp_rc4 *rc4, const void *in, void *out, size_t len)
{
    const uint8_t *src = in;
    uint8_t *dst = out;
    uint8_t i = rc4->i, j = rc4->j;
    for (size_t n = 0; n < len; n++) {
        i = (uint8_t)(i + 1);
        j = (uint8_t)(j + rc4->s[i]);
        uint8_t t = rc4->s[i];
        rc4->s[i] = rc4->s[j];
        rc4->s[j] = t;
        dst[n] = src[n] ^ rc4->s[(uint8_t)(rc4->s[i] + rc4->s[j])];
    }
    rc4->i = i;
    rc4->j = j;
}

static void reverse(uint8_t *dst, const uint8_t *src, size_t n)
{
    for (size_t i = 0; i < n; i++)
        dst[i] = src[n - 1 - i];
}

int wrdp_rsa_public_raw_le(const uint8_t *modulus_le, size_t modulus_len, uint32_t exponent, const uint8_t *in_le,
                           size_t in_len, uint8_t *out_le, wrdp_error *err)
{
    if (modulus_len == 0 || modulus_len > 512 || in_len > modulus_len)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "RSA: modulus of %zu bytes, input of %zu bytes",
                              modulus_len, in_len);
    uint8_t buf[512];
    mbedtls_mpi n, e, x, y;
    mbedtls_mpi_init(&n);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&x);
    mbedtls_mpi_init(&y);
    int rc = mbedtls_mpi_read_binary_le(&n, modulus_le, modulus_len);
    if (!rc)
        rc = mbedtls_mpi_lset(&e, (mbedtls_mpi_sint)exponent);
    if (!rc)
        rc = mbedtls_mpi_read_binary_le(&x, in_le, in_len);
    /* an even or zero modulus, or a tiny exponent, is not a key (and exp_mod needs an odd modulus) */
    if (!rc && (mbedtls_mpi_cmp_int(&n, 3) <= 0 || mbedtls_mpi_get_bit(&n, 0) == 0 || exponent < 3))
        rc = -1;
    if (!rc)
        rc = mbedtls_mpi_exp_mod(&y, &x, &e, &n, NULL);
    if (!rc)
        rc = mbedtls_mpi_write_binary(&y, buf, modulus_len);
    if (!rc)
        reverse(out_le, buf, modulus_len);
    mbedtls_mpi_free(&n);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&x);
    mbedtls_mpi_free(&y);
    if (rc)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "RSA: the server's public key is unusable");
    return WRDP_OK;
}

int wrdp_x509_public_key(const uint8_t *der, size_t len, wrdp_x509_key *out, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    /* parse without copying, so crt.pk_raw points into der */
    int rc = mbedtls_x509_crt_parse_der_nocopy(&crt, der, len);
    if (rc) {
        mbedtls_x509_crt_free(&crt);
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "x509: the server certificate does not parse (-0x%04X)",
                              (unsigned)-rc);
    }
    /* SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING } */
    unsigned char *p = crt.pk_raw.p;
    const unsigned char *end = p + crt.pk_raw.len;
    size_t l = 0;
    int ok = mbedtls_asn1_get_tag(&p, end, &l, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) == 0 &&
             mbedtls_asn1_get_tag(&p, end, &l, MBEDTLS_ASN1_CONSTRUCTED | MBEDTLS_ASN1_SEQUENCE) == 0;
    if (ok) {
        p += l;
        ok = mbedtls_asn1_get_tag(&p, end, &l, MBEDTLS_ASN1_BIT_STRING) == 0 && l >= 1 && p[0] == 0;
    }
    if (ok) {
        out->subject_public_key.data = p + 1;
        out->subject_public_key.len = l - 1;
    }
    if (ok && mbedtls_pk_get_type(&crt.pk) == MBEDTLS_PK_RSA) {
        mbedtls_rsa_context *rsa = mbedtls_pk_rsa(crt.pk);
        mbedtls_mpi n, e;
        mbedtls_mpi_init(&n);
        mbedtls_mpi_init(&e);
        if (mbedtls_rsa_export(rsa, &n, NULL, NULL, NULL, &e) == 0 && mbedtls_mpi_size(&n) <= sizeof out->modulus &&
            mbedtls_mpi_size(&e) <= 4) {
            out->modulus_len = mbedtls_mpi_size(&n);
            mbedtls_mpi_write_binary(&n, out->modulus, out->modulus_len);
            uint8_t eb[4];
            mbedtls_mpi_write_binary(&e, eb, 4);
            out->exponent = (uint32_t)eb[0] << 24 | (uint32_t)eb[1] << 16 | (uint32_t)eb[2] << 8 | eb[3];
            out->is_rsa = true;
        }
        mbedtls_mpi_free(&n);
        mbedtls_mpi_free(&e);
    }
    mbedtls_x509_crt_free(&crt);
    if (!ok)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "x509: no subject public key in the server certificate");
    return WRDP_OK;
}

static void format_time(char *dst, size_t cap, const mbedtls_x509_time *t)
{
    snprintf(dst, cap, "%04d-%02d-%02dT%02d:%02d:%02dZ", t->year, t->mon, t->day, t->hour, t->min, t->sec);
}

int wrdp_x509_describe(const uint8_t *der, size_t len, wrdp_x509_info *out, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    mbedtls_x509_crt crt;
    mbedtls_x509_crt_init(&crt);
    int rc = mbedtls_x509_crt_parse_der_nocopy(&crt, der, len);
    if (rc) {
        mbedtls_x509_crt_free(&crt);
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "x509: the certificate does not parse (-0x%04X)", (unsigned)-rc);
    }
    mbedtls_x509_dn_gets(out->subject, sizeof out->subject, &crt.subject);
    mbedtls_x509_dn_gets(out->issuer, sizeof out->issuer, &crt.issuer);
    format_time(out->not_before, sizeof out->not_before, &crt.valid_from);
    format_time(out->not_after, sizeof out->not_after, &crt.valid_to);
    mbedtls_x509_crt_free(&crt);
    return wrdp_sha256(der, len, out->sha256);
}

bool wrdp_ct_equal(const void *a, const void *b, size_t len)
{
    const volatile uint8_t *x = a, *y = b;
    uint8_t d = 0;
    for (size_t i = 0; i < len; i++)
        d |= x[i] ^ y[i];
    return d == 0;
}

void wrdp_wipe(void *p, size_t len)
{
    volatile uint8_t *v = p;
    while (len--)
        *v++ = 0;
}
