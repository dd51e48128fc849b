/* webrdp's mbedTLS 2.28 configuration for the wasm build: only what an RDP
 * client computes itself. TLS runs in the browser or the gateway, so there is
 * no SSL/TLS, no networking, no filesystem, no threading, no clock, and no
 * entropy source: every random byte comes from the caller (crypto.getRandomValues
 * in the glue), so no DRBG either.
 *
 * Used by:  NTLMv2 (MD4, MD5, HMAC-MD5, RC4), CredSSP (SHA-256 public-key hash),
 *           standard RDP security and licensing (RC4, MD5, SHA-1, RSA public-key
 *           encryption with bignum), server certificates (X.509 DER parsing).
 * Passed to the build as MBEDTLS_CONFIG_FILE by scripts/wasm-deps.sh. */
#ifndef WEBRDP_MBEDTLS_CONFIG_H
#define WEBRDP_MBEDTLS_CONFIG_H

/* ---- platform: plain C, no OS services */
#define MBEDTLS_NO_PLATFORM_ENTROPY
#define MBEDTLS_PLATFORM_C              /* calloc/free through one indirection */

/* ---- hashes and MACs */
#define MBEDTLS_MD_C                    /* the generic digest layer (HMAC, PK, X.509) */
#define MBEDTLS_MD4_C                   /* NTLM: NTOWFv1 */
#define MBEDTLS_MD5_C                   /* NTLMv2 HMAC-MD5, RDP security keys */
#define MBEDTLS_SHA1_C                  /* RDP security, licensing, certificate signatures */
#define MBEDTLS_SHA256_C                /* CredSSP v5+ client/server public-key hashes */

/* ---- ciphers */
/* RC4 is webrdp's own (src/crypto/crypto.c): mbedTLS 3 dropped it. */
#define MBEDTLS_DES_C                   /* FIPS Standard RDP Security: 3DES-CBC */
#define MBEDTLS_CIPHER_MODE_CBC

/* ---- public-key: RSA encryption with the server's key */
#define MBEDTLS_BIGNUM_C
#define MBEDTLS_RSA_C
#define MBEDTLS_PKCS1_V15
#define MBEDTLS_PK_C
#define MBEDTLS_PK_PARSE_C

/* ---- certificates: DER only (no PEM, no base64, no files) */
#define MBEDTLS_ASN1_PARSE_C
#define MBEDTLS_ASN1_WRITE_C
#define MBEDTLS_OID_C
#define MBEDTLS_X509_USE_C
#define MBEDTLS_X509_CRT_PARSE_C

/* ---- smaller code */
#define MBEDTLS_MPI_WINDOW_SIZE 2
#define MBEDTLS_MPI_MAX_SIZE 512        /* 4096-bit keys */
#define MBEDTLS_SHA256_SMALLER

#include "mbedtls/check_config.h"

#endif
