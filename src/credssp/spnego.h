/* SPNEGO (RFC 4178) as CredSSP can carry it: NegTokenInit from the client with
 * NTLM as the only mechanism, NegTokenResp both ways. Internal. */
#ifndef WRDP_CREDSSP_SPNEGO_H
#define WRDP_CREDSSP_SPNEGO_H

#include <stdbool.h>

#include "webrdp/utils.h"

#define WRDP_SPNEGO_MAX_MECHS 16

/* negState */
enum { WRDP_SPNEGO_ACCEPT_COMPLETED = 0, WRDP_SPNEGO_ACCEPT_INCOMPLETE = 1, WRDP_SPNEGO_REJECT = 2, WRDP_SPNEGO_REQUEST_MIC = 3 };

/* DER contents (no tag, no length) of the NTLMSSP OID 1.3.6.1.4.1.311.2.2.10 */
extern const uint8_t wrdp_spnego_ntlm_oid[10];

typedef struct wrdp_spnego_init {
    size_t mech_count;
    wrdp_bytes mechs[WRDP_SPNEGO_MAX_MECHS]; /* OID contents */
    wrdp_bytes mech_types_der;               /* the whole MechTypeList, which mechListMIC covers */
    bool has_mech_token;
    wrdp_bytes mech_token;
    bool has_mech_list_mic;
    wrdp_bytes mech_list_mic;
} wrdp_spnego_init;

typedef struct wrdp_spnego_resp {
    bool has_state;
    uint8_t state;
    bool has_supported_mech;
    wrdp_bytes supported_mech;               /* OID contents */
    bool has_response_token;
    wrdp_bytes response_token;
    bool has_mech_list_mic;
    wrdp_bytes mech_list_mic;
} wrdp_spnego_resp;

/* InitialContextToken: [APPLICATION 0] { spnego OID, [0] NegTokenInit }. */
int wrdp_spnego_init_decode(wrdp_cursor *c, wrdp_spnego_init *m);
/* Writes a NegTokenInit offering NTLM only, with the NTLM token. */
int wrdp_spnego_init_encode_ntlm(const uint8_t *token, size_t len, wrdp_writer *w);
/* The MechTypeList the client offers (what its mechListMIC signs). */
void wrdp_spnego_write_ntlm_mech_types(wrdp_writer *w);

/* NegotiationToken choice [1] NegTokenResp. */
int wrdp_spnego_resp_decode(wrdp_cursor *c, wrdp_spnego_resp *m);
int wrdp_spnego_resp_encode(const wrdp_spnego_resp *m, wrdp_writer *w);

#endif
