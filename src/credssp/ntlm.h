/* NTLM (MS-NLMP): the three messages, the NTLMv2 computations, and message
 * sealing and signing. Every intermediate value is a function of its own so
 * that the [MS-NLMP] 4.2 examples can check each step. Internal. */
#ifndef WRDP_CREDSSP_NTLM_H
#define WRDP_CREDSSP_NTLM_H

#include <stdbool.h>

#include "crypto/crypto.h"
#include "webrdp/utils.h"

/* NegotiateFlags (MS-NLMP 2.2.2.5) */
#define WRDP_NTLM_NEGOTIATE_UNICODE 0x00000001u
#define WRDP_NTLM_NEGOTIATE_OEM 0x00000002u
#define WRDP_NTLM_REQUEST_TARGET 0x00000004u
#define WRDP_NTLM_NEGOTIATE_SIGN 0x00000010u
#define WRDP_NTLM_NEGOTIATE_SEAL 0x00000020u
#define WRDP_NTLM_NEGOTIATE_LM_KEY 0x00000080u
#define WRDP_NTLM_NEGOTIATE_NTLM 0x00000200u
#define WRDP_NTLM_NEGOTIATE_ALWAYS_SIGN 0x00008000u
#define WRDP_NTLM_TARGET_TYPE_DOMAIN 0x00010000u
#define WRDP_NTLM_TARGET_TYPE_SERVER 0x00020000u
#define WRDP_NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY 0x00080000u
#define WRDP_NTLM_NEGOTIATE_TARGET_INFO 0x00800000u
#define WRDP_NTLM_NEGOTIATE_VERSION 0x02000000u
#define WRDP_NTLM_NEGOTIATE_128 0x20000000u
#define WRDP_NTLM_NEGOTIATE_KEY_EXCH 0x40000000u
#define WRDP_NTLM_NEGOTIATE_56 0x80000000u

/* What a modern client asks for: NTLMv2 with 128-bit sealing, key exchange and signing. */
#define WRDP_NTLM_CLIENT_FLAGS                                                                                 \
    (WRDP_NTLM_NEGOTIATE_56 | WRDP_NTLM_NEGOTIATE_KEY_EXCH | WRDP_NTLM_NEGOTIATE_128 |                         \
     WRDP_NTLM_NEGOTIATE_VERSION | WRDP_NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY |                              \
     WRDP_NTLM_NEGOTIATE_ALWAYS_SIGN | WRDP_NTLM_NEGOTIATE_NTLM | WRDP_NTLM_NEGOTIATE_SEAL |                   \
     WRDP_NTLM_NEGOTIATE_SIGN | WRDP_NTLM_REQUEST_TARGET | WRDP_NTLM_NEGOTIATE_UNICODE)

/* AV_PAIR ids (MS-NLMP 2.2.2.1) */
enum {
    WRDP_NTLM_AV_EOL = 0,
    WRDP_NTLM_AV_NB_COMPUTER_NAME = 1,
    WRDP_NTLM_AV_NB_DOMAIN_NAME = 2,
    WRDP_NTLM_AV_DNS_COMPUTER_NAME = 3,
    WRDP_NTLM_AV_DNS_DOMAIN_NAME = 4,
    WRDP_NTLM_AV_DNS_TREE_NAME = 5,
    WRDP_NTLM_AV_FLAGS = 6,
    WRDP_NTLM_AV_TIMESTAMP = 7,
    WRDP_NTLM_AV_SINGLE_HOST = 8,
    WRDP_NTLM_AV_TARGET_NAME = 9,
    WRDP_NTLM_AV_CHANNEL_BINDINGS = 10,
};
#define WRDP_NTLM_AV_FLAG_MIC_PRESENT 0x00000002u

#define WRDP_NTLM_KEY_LEN 16
#define WRDP_NTLM_CHALLENGE_LEN 8
#define WRDP_NTLM_SIGNATURE_LEN 16
#define WRDP_NTLM_MIC_OFFSET 72 /* MIC field of AUTHENTICATE_MESSAGE, after the Version */

/* ---- messages ------------------------------------------------------------ */

typedef struct wrdp_ntlm_negotiate {
    uint32_t flags;
    wrdp_bytes domain;      /* OEM; a client leaves both empty */
    wrdp_bytes workstation;
    bool has_version;
    uint8_t version[8];     /* ProductMajor, ProductMinor, Build (LE), 3 reserved, NTLMRevision */
} wrdp_ntlm_negotiate;

typedef struct wrdp_ntlm_challenge {
    uint32_t flags;
    uint8_t server_challenge[WRDP_NTLM_CHALLENGE_LEN];
    wrdp_bytes target_name;  /* views into the message */
    wrdp_bytes target_info;  /* AV pairs, validated, EOL included */
    bool has_version;
    uint8_t version[8];
    bool has_timestamp;      /* MsvAvTimestamp in target_info */
    uint64_t timestamp;
} wrdp_ntlm_challenge;

typedef struct wrdp_ntlm_authenticate {
    uint32_t flags;
    wrdp_bytes lm_response, nt_response, domain, user, workstation, encrypted_session_key;
    bool has_version;
    uint8_t version[8];
    bool has_mic;
    uint8_t mic[16];
} wrdp_ntlm_authenticate;

int wrdp_ntlm_negotiate_encode(const wrdp_ntlm_negotiate *m, wrdp_writer *w);
int wrdp_ntlm_negotiate_decode(const uint8_t *data, size_t len, wrdp_ntlm_negotiate *m, wrdp_error *err);
int wrdp_ntlm_challenge_encode(const wrdp_ntlm_challenge *m, wrdp_writer *w);
int wrdp_ntlm_challenge_decode(const uint8_t *data, size_t len, wrdp_ntlm_challenge *m, wrdp_error *err);
/* Payload order: domain, user, workstation, LM, NT, session key (as Windows writes it).
 * With has_mic the header is 88 bytes and the MIC sits at WRDP_NTLM_MIC_OFFSET. */
int wrdp_ntlm_authenticate_encode(const wrdp_ntlm_authenticate *m, wrdp_writer *w);
/* The header length (the lowest payload offset) tells whether Version and MIC are there. */
int wrdp_ntlm_authenticate_decode(const uint8_t *data, size_t len, wrdp_ntlm_authenticate *m, wrdp_error *err);

/* Checks that target_info is a well-formed AV_PAIR list ending in MsvAvEOL. */
int wrdp_ntlm_av_validate(wrdp_bytes info, wrdp_error *err);
/* Finds an AV pair in a validated list: 1 found, 0 absent. */
int wrdp_ntlm_av_find(wrdp_bytes info, uint16_t id, wrdp_bytes *value);

/* ---- NTLMv2 computations (MS-NLMP 3.3.2, 3.4.5) --------------------------- */

/* Upper-cases UTF-16LE in place the way NTOWFv2 needs for user names
 * (ASCII, Latin-1, Greek and Cyrillic; other scripts are left as they are). */
void wrdp_ntlm_utf16_upper(uint8_t *s, size_t len);
/* UTF-8 -> UTF-16LE appended to w (NULL = nothing). */
void wrdp_ntlm_put_utf16(wrdp_writer *w, const char *s);
int wrdp_ntlm_ntowfv1(const char *password, uint8_t out[16]);
int wrdp_ntlm_ntowfv2_from_hash(const uint8_t nt_hash[16], const char *user, const char *domain, uint8_t out[16]);
int wrdp_ntlm_ntowfv2(const char *password, const char *user, const char *domain, uint8_t out[16]);
int wrdp_ntlm_lmv2_response(const uint8_t key[16], const uint8_t server_challenge[8],
                            const uint8_t client_challenge[8], uint8_t out[24]);
/* temp = 0x01 0x01 Z(6) time client_challenge Z(4) av_pairs Z(4) */
void wrdp_ntlm_temp_write(wrdp_writer *w, uint64_t time, const uint8_t client_challenge[8], wrdp_bytes av_pairs);
int wrdp_ntlm_nt_proof(const uint8_t key[16], const uint8_t server_challenge[8], const uint8_t *temp, size_t temp_len,
                       uint8_t out[16]);
/* NTLMv2: SessionBaseKey = HMAC_MD5(ResponseKeyNT, NTProofStr); it is also the KeyExchangeKey. */
int wrdp_ntlm_session_base_key(const uint8_t key[16], const uint8_t nt_proof[16], uint8_t out[16]);
/* RC4K(key, 16 bytes): key exchange in both directions. */
void wrdp_ntlm_rc4k(const uint8_t key[16], const uint8_t in[16], uint8_t out[16]);
/* MD5(16 zero address bytes || u32le(len) || application data) of gss_channel_bindings_struct. */
int wrdp_ntlm_channel_bindings_hash(const uint8_t *app_data, size_t len, uint8_t out[16]);
/* HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with a zero MIC). */
int wrdp_ntlm_mic(const uint8_t exported_session_key[16], wrdp_bytes negotiate, wrdp_bytes challenge,
                  wrdp_bytes authenticate, uint8_t out[16]);

typedef enum wrdp_ntlm_direction { WRDP_NTLM_CLIENT_TO_SERVER, WRDP_NTLM_SERVER_TO_CLIENT } wrdp_ntlm_direction;
int wrdp_ntlm_signing_key(const uint8_t exported_session_key[16], wrdp_ntlm_direction dir, uint8_t out[16]);
/* 128-, 56- or 40-bit per the negotiated flags (extended session security). */
int wrdp_ntlm_sealing_key(uint32_t flags, const uint8_t exported_session_key[16], wrdp_ntlm_direction dir,
                          uint8_t out[16]);

/* ---- sealing and signing of one direction (MS-NLMP 3.4.3, 3.4.4.2) -------- */
typedef struct wrdp_ntlm_sealer {
    uint32_t flags;
    uint8_t signing_key[16];
    wrdp_rc4 rc4;   /* one keystream for sealing and for checksums, as the spec has it */
    uint32_t seq;
} wrdp_ntlm_sealer;

int wrdp_ntlm_sealer_init(wrdp_ntlm_sealer *s, uint32_t flags, const uint8_t exported_session_key[16],
                          wrdp_ntlm_direction dir);
void wrdp_ntlm_sealer_wipe(wrdp_ntlm_sealer *s);
/* out gets the 16-byte signature followed by the sealed message (len + 16 bytes), as CredSSP carries it. */
int wrdp_ntlm_seal(wrdp_ntlm_sealer *s, const uint8_t *msg, size_t len, uint8_t *out);
/* in = signature || sealed; out gets len - 16 plaintext bytes; the signature must verify. */
int wrdp_ntlm_unseal(wrdp_ntlm_sealer *s, const uint8_t *in, size_t len, uint8_t *out, wrdp_error *err);
/* GSS_GetMIC / VerifyMIC (SPNEGO mechListMIC): signature only, sharing the sequence and keystream. */
int wrdp_ntlm_sign(wrdp_ntlm_sealer *s, const uint8_t *msg, size_t len, uint8_t sig[16]);
int wrdp_ntlm_verify(wrdp_ntlm_sealer *s, const uint8_t *msg, size_t len, const uint8_t *sig, size_t sig_len,
                     wrdp_error *err);

/* ---- the client side of one NTLM exchange ------------------------------- */
typedef struct wrdp_ntlm_client_config {
    const char *user, *password, *domain, *workstation; /* UTF-8; domain/workstation may be NULL */
    uint32_t flags;           /* NEGOTIATE flags; 0 = WRDP_NTLM_CLIENT_FLAGS */
    uint8_t version[8];       /* all zero = the default */
    bool send_mic;            /* MsvAvFlags "MIC present" + the MIC; forced when the server sends a timestamp */
    const uint8_t *channel_bindings; /* application data of the channel bindings; NULL = 16 zero bytes */
    size_t channel_bindings_len;
    const char *target_name;  /* MsvAvTargetName (SPN), NULL for none */
} wrdp_ntlm_client_config;

typedef struct wrdp_ntlm_client {
    wrdp_ntlm_client_config cfg;
    wrdp_writer negotiate;    /* copies kept for the MIC */
    wrdp_writer challenge;
    uint32_t flags;           /* negotiated: what the AUTHENTICATE carries */
    uint8_t response_key[16]; /* NTOWFv2 */
    uint8_t nt_proof[16];
    uint8_t session_base_key[16];
    uint8_t exported_session_key[16];
    uint8_t encrypted_session_key[16];
    uint8_t mic[16];
    wrdp_ntlm_sealer send, recv;
    bool authenticated;
} wrdp_ntlm_client;

void wrdp_ntlm_client_init(wrdp_ntlm_client *c, const wrdp_ntlm_client_config *cfg, wrdp_error *err);
void wrdp_ntlm_client_free(wrdp_ntlm_client *c);
int wrdp_ntlm_client_negotiate(wrdp_ntlm_client *c, wrdp_writer *out);
/* Answers the server's CHALLENGE_MESSAGE with an AUTHENTICATE_MESSAGE; time is used
 * only when the challenge has no MsvAvTimestamp; the random values are the caller's. */
int wrdp_ntlm_client_authenticate(wrdp_ntlm_client *c, const uint8_t *challenge, size_t len,
                                  const uint8_t client_challenge[8], const uint8_t random_session_key[16],
                                  uint64_t time, wrdp_writer *out, wrdp_error *err);

#endif
