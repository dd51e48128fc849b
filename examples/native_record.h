/* webrdp example — a recording of one connection, for debugging and for
 * replay tests: every whole frame the connector consumed or produced, the
 * random bytes it drew, the time and clock readings it was given, the server
 * certificate and the states it entered, in order.
 *
 * Format (text, one record a line, so that a recording diffs and greps well):
 *   webrdp-recording 1                     first line
 *   # ...                                  comment
 *   meta <key>=<value> ...                 who/what (never the password)
 *   filetime <decimal>                     wrdp_connector_config.filetime_now
 *   state <StateName>                      a connector state, when entered
 *   send <hex>                             bytes the client sent (one step's output)
 *   recv <hex>                             one whole frame the client received
 *   random <hex>                           one draw of the random callback
 *   clock <decimal>                        one reading of the connector's clock (ms)
 *   cert <hex>                             the server's leaf certificate (DER)
 *   tls <version> <cipher suite>           the TLS handshake completed here
 *   end <ok|error-kind> [message]          how it finished
 * Frames are the plaintext above TLS (and above nothing for standard RDP
 * security, whose encryption is the connector's own, so they are as sent). */
#ifndef WEBRDP_EXAMPLES_NATIVE_RECORD_H
#define WEBRDP_EXAMPLES_NATIVE_RECORD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct native_record {
    FILE *f; /* NULL: recording is off and every call does nothing */
} native_record;

/* Opens path for writing; 0 or -1 (errno set). */
int native_record_open(native_record *r, const char *path);
void native_record_close(native_record *r);
/* One line: "<tag> <hex of data>". */
void native_record_bytes(native_record *r, const char *tag, const uint8_t *data, size_t len);
/* One line: "<tag> <text>" (text must not hold a newline). */
void native_record_text(native_record *r, const char *tag, const char *text);

/* A random callback that draws from `inner` and records each draw. */
typedef struct native_record_random {
    native_record *rec;
    int (*inner)(void *ctx, uint8_t *out, size_t len);
    void *inner_ctx;
} native_record_random;
int native_record_random_fn(void *ctx, uint8_t *out, size_t len);

#endif
