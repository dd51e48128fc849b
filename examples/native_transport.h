/* webrdp example — a native transport for the sans-IO connector: a TCP socket
 * with deadlines, upgraded in place to an mbedTLS TLS client when the
 * connector reaches its security upgrade. This is the I/O the library itself
 * never does (DESIGN.md: nothing in src/ opens sockets or reads clocks).
 *
 * Every call takes an absolute deadline (native_now_ms() + timeout) so that a
 * whole connection, not each read, is bounded by one --timeout. Errors are
 * reported in the library's kinds: WRDP_ERROR_IO, WRDP_ERROR_TIMEOUT. */
#ifndef WEBRDP_EXAMPLES_NATIVE_TRANSPORT_H
#define WEBRDP_EXAMPLES_NATIVE_TRANSPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "webrdp/error.h"

typedef struct native_transport native_transport;

/* Milliseconds on a monotonic clock, for deadlines. */
int64_t native_now_ms(void);
/* The current time as a Windows FILETIME (100 ns intervals since 1601-01-01 UTC). */
uint64_t native_filetime_now(void);
/* Fills out from the kernel's random source; 0 or WRDP_ERR. Matches wrdp_random_fn. */
int native_random(void *ctx, uint8_t *out, size_t len);

/* Resolves host and connects a TCP socket before the deadline. */
native_transport *native_transport_connect(const char *host, uint16_t port, int64_t deadline_ms, wrdp_error *err);
void native_transport_free(native_transport *t);

/* How the server's certificate is checked during the TLS handshake. */
typedef enum native_cert_mode {
    NATIVE_CERT_NONE,        /* accept anything (the caller shows or pins it afterwards) */
    NATIVE_CERT_CA_FILE      /* the chain must lead to a CA in ca_file and name expected_name */
} native_cert_mode;

typedef struct native_tls_options {
    native_cert_mode mode;
    const char *ca_file;       /* PEM or DER file of trusted CAs (NATIVE_CERT_CA_FILE) */
    const char *expected_name; /* the name the certificate must carry (NATIVE_CERT_CA_FILE) */
} native_tls_options;

/* Runs the TLS handshake on the connected socket (TLS 1.0 to 1.2, as RDP
 * servers speak it). The handshake completes even when the certificate does
 * not verify, so that the caller can show it before refusing it: check
 * native_transport_verify() before sending anything. */
int native_transport_start_tls(native_transport *t, const native_tls_options *opt, int64_t deadline_ms,
                               wrdp_error *err);
/* NATIVE_CERT_CA_FILE: 0 when the chain verified, otherwise mbedTLS's
 * verification flags with the reasons in why (one line). Always 0 for
 * NATIVE_CERT_NONE. */
uint32_t native_transport_verify(const native_transport *t, char *why, size_t cap);
/* The server's leaf certificate (DER), valid until free; NULL before TLS. */
const uint8_t *native_transport_peer_cert(const native_transport *t, size_t *len);
/* The negotiated TLS version and cipher suite names, for display. */
const char *native_transport_tls_version(const native_transport *t);
const char *native_transport_tls_cipher(const native_transport *t);

/* Writes all of data (through TLS once it is up). */
int native_transport_send(native_transport *t, const uint8_t *data, size_t len, int64_t deadline_ms, wrdp_error *err);
/* Reads at least one byte into buf; *got is 0 only at the peer's orderly close. */
int native_transport_recv(native_transport *t, uint8_t *buf, size_t cap, size_t *got, int64_t deadline_ms,
                          wrdp_error *err);
/* Ends the connection politely: TLS close_notify when TLS is up, then close. */
void native_transport_close(native_transport *t);

#endif
