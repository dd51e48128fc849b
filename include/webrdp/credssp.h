/* webrdp — CredSSP / NLA client (MS-CSSP) with NTLMv2 (MS-NLMP), raw or inside SPNEGO.
 * Sans-IO: feed each TSRequest the server sends, send what comes out.
 *
 *   wrdp_credssp *cs = wrdp_credssp_new(&cfg, &err);
 *   wrdp_credssp_step(cs, NULL, 0, &out);         // NEGOTIATE
 *   while (!wrdp_credssp_is_done(cs))
 *       wrdp_credssp_step(cs, ts_request, n, &out); // AUTHENTICATE + pubKeyAuth, then credentials
 *
 * A wrong password surfaces as WRDP_ERROR_WRONG_PASSWORD or
 * WRDP_ERROR_LOGON_FAILURE (from the server's errorCode when it sends one). */
#ifndef WEBRDP_CREDSSP_H
#define WEBRDP_CREDSSP_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "utils.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef int (*wrdp_credssp_random_fn)(void *ctx, uint8_t *out, size_t len);

typedef struct wrdp_credssp_config {
    const char *username;      /* UTF-8 */
    const char *password;
    const char *domain;        /* may be NULL */
    const char *workstation;   /* may be NULL */
    /* the server's subjectPublicKey (the BIT STRING contents of the TLS
     * certificate's SubjectPublicKeyInfo), from wrdp_x509 or RDCleanPath */
    const uint8_t *server_public_key;
    size_t server_public_key_len;
    uint32_t max_version;      /* highest TSRequest version offered (2..6, default 6) */
    wrdp_credssp_random_fn random;
    void *random_ctx;
    uint64_t filetime_now;     /* used when the server's challenge has no timestamp */
    /* false (default): NTLM messages go into negoTokens as they are, which is what
     * Windows and FreeRDP servers exchange in CredSSP; true: wrapped in SPNEGO
     * (NegTokenInit / NegTokenResp with mechListMIC). The client reads either. */
    bool use_spnego;
    /* MsvAvTargetName, the service principal name, e.g. "TERMSRV/host"; NULL for none */
    const char *spn;
} wrdp_credssp_config;

typedef struct wrdp_credssp wrdp_credssp;

wrdp_credssp *wrdp_credssp_new(const wrdp_credssp_config *cfg, wrdp_error *err);
void wrdp_credssp_free(wrdp_credssp *cs);
/* One step: the first call takes no input; each later call takes one whole
 * TSRequest (frame it with wrdp_pdu_hint_credssp). Appends what to send to out
 * (nothing once done). After an error every call fails with that error. */
int wrdp_credssp_step(wrdp_credssp *cs, const uint8_t *in, size_t len, wrdp_writer *out);
bool wrdp_credssp_is_done(const wrdp_credssp *cs);
const wrdp_error *wrdp_credssp_error(const wrdp_credssp *cs);
/* The TSRequest version both sides settled on. */
uint32_t wrdp_credssp_version(const wrdp_credssp *cs);
/* The errorCode of the server's last TSRequest (0 when it sent none). */
uint32_t wrdp_credssp_server_status(const wrdp_credssp *cs);

/* HYBRID_EX: the 4-byte Early User Authorization Result that follows CredSSP. */
#define WRDP_EUAR_SUCCESS 0x00000000u
#define WRDP_EUAR_ACCESS_DENIED 0x00000005u
int wrdp_credssp_early_user_auth_result(const uint8_t *data, size_t len, wrdp_error *err);

/* Maps an NTSTATUS (or SEC_E_ HRESULT) from a TSRequest errorCode to an error
 * kind and a sentence; err->code = ntstatus. Returns WRDP_OK only for 0. */
int wrdp_credssp_status_to_error(uint32_t ntstatus, wrdp_error *err);
/* The NTSTATUS name ("STATUS_LOGON_FAILURE"), or NULL when unknown. */
const char *wrdp_credssp_status_name(uint32_t ntstatus);

#ifdef __cplusplus
}
#endif
#endif
