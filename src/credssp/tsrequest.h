/* MS-CSSP 2.2.1: TSRequest (versions 2-6) and TSCredentials with
 * TSPasswordCreds, DER-encoded. Decoded byte fields are views into the input. Internal. */
#ifndef WRDP_CREDSSP_TSREQUEST_H
#define WRDP_CREDSSP_TSREQUEST_H

#include <stdbool.h>

#include "webrdp/utils.h"

#define WRDP_TSREQUEST_MAX_TOKENS 4
#define WRDP_CREDSSP_NONCE_LEN 32

typedef struct wrdp_ts_request {
    uint32_t version;
    size_t nego_token_count;
    wrdp_bytes nego_tokens[WRDP_TSREQUEST_MAX_TOKENS];
    bool has_auth_info;
    wrdp_bytes auth_info;
    bool has_pub_key_auth;
    wrdp_bytes pub_key_auth;
    bool has_error_code;
    uint32_t error_code;   /* an NTSTATUS or HRESULT, carried as a signed INTEGER */
    bool has_client_nonce;
    wrdp_bytes client_nonce;
} wrdp_ts_request;

/* Decodes one TSRequest from the cursor (what follows it is left unread). */
int wrdp_ts_request_decode(wrdp_cursor *c, wrdp_ts_request *req);
int wrdp_ts_request_encode(const wrdp_ts_request *req, wrdp_writer *w);

/* TSCredentials with credType 1 (password): strings are UTF-16LE. */
#define WRDP_TS_CRED_TYPE_PASSWORD 1u
typedef struct wrdp_ts_password_creds {
    wrdp_bytes domain, user, password;
} wrdp_ts_password_creds;

typedef struct wrdp_ts_credentials {
    uint32_t cred_type;
    wrdp_bytes credentials;  /* the DER of the inner structure */
} wrdp_ts_credentials;

int wrdp_ts_credentials_decode(wrdp_cursor *c, wrdp_ts_credentials *cred);
int wrdp_ts_password_creds_decode(wrdp_cursor *c, wrdp_ts_password_creds *p);
/* Writes TSCredentials{credType 1, credentials = DER(TSPasswordCreds)}. */
int wrdp_ts_password_credentials_encode(const wrdp_ts_password_creds *p, wrdp_writer *w);

#endif
