/* The client side of the licensing exchange (MS-RDPELE 3.2, MS-RDPBCGR 1.3.1.1
 * "Licensing"): a small sans-IO sub-machine the connector feeds with each server
 * licensing message and that answers with the client's message.
 *
 * Messages in and out are the bytes from the LICENSE_PREAMBLE on: the connector
 * strips and adds the MCS and security headers (and, under Standard RDP
 * Security, decrypts and encrypts them). Randomness (the client random and the
 * premaster secret) comes from the caller's callback. Internal. */
#ifndef WRDP_CONNECTOR_LICENSING_H
#define WRDP_CONNECTOR_LICENSING_H

#include <stdbool.h>

#include "connector/licensing_crypto.h"
#include "webrdp/connector.h"
#include "webrdp/pdu/licensing.h"

typedef struct wrdp_license_client_config {
    const char *user_name;          /* sent as ClientUserName (NUL added); NULL = "" */
    const char *machine_name;       /* sent as ClientMachineName; NULL = "" */
    /* a license the server issued earlier: sent in a Client License Information
     * instead of a New License Request; NULL for none */
    const uint8_t *license;
    size_t license_len;
    /* Data1..Data4 of CLIENT_HARDWARE_ID (16 bytes, little-endian words); NULL = zeros.
     * A stored license is bound to it, so keep it stable between connections. */
    const uint8_t *hardware_id;
    uint32_t platform_id;           /* 0 = CLIENT_OS_ID_WINNT_POST_52 | CLIENT_IMAGE_ID_MICROSOFT */
    /* the Server Security Data's serverCertificate (GCC), used when the License
     * Request carries no certificate; may be empty */
    wrdp_bytes gcc_server_certificate;
    wrdp_random_fn random;          /* required: draws the client random and the premaster secret */
    void *random_ctx;
} wrdp_license_client_config;

typedef enum wrdp_license_client_state {
    WRDP_LICENSE_CLIENT_WAIT_REQUEST = 0, /* nothing received yet */
    WRDP_LICENSE_CLIENT_WAIT_CHALLENGE,   /* sent a New License Request or License Information */
    WRDP_LICENSE_CLIENT_WAIT_LICENSE,     /* answered a Platform Challenge */
    WRDP_LICENSE_CLIENT_DONE,             /* licensing is over: go on with the connection */
    WRDP_LICENSE_CLIENT_FAILED
} wrdp_license_client_state;

typedef struct wrdp_license_client {
    wrdp_license_client_state state;
    wrdp_license_client_config cfg;     /* strings and buffers are the caller's, kept alive until free */
    uint8_t preamble_version;           /* the server's PREAMBLE_VERSION_* */
    uint8_t client_random[WRDP_LICENSE_RANDOM_SIZE];
    uint8_t server_random[WRDP_LICENSE_RANDOM_SIZE];
    wrdp_license_keys keys;
    bool have_keys;
    uint8_t *new_license;               /* owned: the license a New / Upgrade License carried */
    size_t new_license_len;
} wrdp_license_client;

/* Starts the exchange; the config is copied (the buffers it points to are not). */
int wrdp_license_client_init(wrdp_license_client *lc, const wrdp_license_client_config *cfg, wrdp_error *err);
/* Wipes the keys and frees the license copy. */
void wrdp_license_client_free(wrdp_license_client *lc);

/* Feeds one server licensing message (preamble on) and appends the client's reply,
 * if there is one, to `out` (preamble on). Afterwards the state says what happened:
 * DONE once the server reported STATUS_VALID_CLIENT or issued a license. Failures:
 * a licensing error from the server is WRDP_ERROR_ACCESS_DENIED with err->code =
 * dwErrorCode and the error's text; a bad MAC, malformed or unexpected message is
 * WRDP_ERROR_DECODE; a failing random callback is WRDP_ERROR_INTERNAL. */
int wrdp_license_client_step(wrdp_license_client *lc, const uint8_t *msg, size_t len, wrdp_writer *out,
                             wrdp_error *err);

static inline bool wrdp_license_client_done(const wrdp_license_client *lc)
{
    return lc->state == WRDP_LICENSE_CLIENT_DONE;
}
/* The license the server issued in this exchange (pbLicenseInfo), for the caller
 * to store and pass back as config.license next time; empty if none. */
wrdp_bytes wrdp_license_client_new_license(const wrdp_license_client *lc);

/* The RSA key to encrypt the premaster secret with, from a server certificate
 * (MS-RDPBCGR 2.2.1.4.3.1: proprietary, or the last certificate of an X.509 chain).
 * The modulus is little-endian. Exposed for the connector's Security Exchange. */
typedef struct wrdp_license_server_key {
    uint8_t modulus[512];
    size_t modulus_len;
    uint32_t exponent;
    /* proprietary certificates: what wrdp_rdp_security_verify_proprietary_cert checks
     * (views into the certificate) */
    bool proprietary;
    wrdp_bytes signed_part;
    wrdp_bytes signature;
} wrdp_license_server_key;
int wrdp_license_server_key_from_certificate(const uint8_t *cert, size_t len, wrdp_license_server_key *out,
                                             wrdp_error *err);

#endif
