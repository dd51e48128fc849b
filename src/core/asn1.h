/* BER / DER (MCS Connect-Initial/Response, CredSSP, SPNEGO, RDCleanPath) and
 * aligned PER (MCS domain PDUs, GCC) — the subsets RDP needs. Internal. */
#ifndef WRDP_CORE_ASN1_H
#define WRDP_CORE_ASN1_H

#include <stdbool.h>
#include "webrdp/utils.h"

/* ---- BER / DER ---------------------------------------------------------
 * A tag is kept as its identifier octets read big-endian into an integer:
 * 0x30 (SEQUENCE), 0x02 (INTEGER), 0xA0 ([0] constructed), 0x7F65 ([APPLICATION 101]). */
#define WRDP_BER_BOOLEAN 0x01u
#define WRDP_BER_INTEGER 0x02u
#define WRDP_BER_BIT_STRING 0x03u
#define WRDP_BER_OCTET_STRING 0x04u
#define WRDP_BER_NULL 0x05u
#define WRDP_BER_OID 0x06u
#define WRDP_BER_ENUMERATED 0x0Au
#define WRDP_BER_UTF8_STRING 0x0Cu
#define WRDP_BER_SEQUENCE 0x30u
#define WRDP_BER_SET 0x31u
#define WRDP_BER_GENERAL_STRING 0x1Bu
#define WRDP_BER_CTX(n) (0xA0u | (unsigned)(n))       /* [n] constructed, n < 31 */
#define WRDP_BER_CTX_PRIM(n) (0x80u | (unsigned)(n))  /* [n] primitive, n < 31 */
#define WRDP_BER_APP(n) ((n) < 31 ? (0x60u | (unsigned)(n)) : (0x7F00u | (unsigned)(n))) /* [APPLICATION n] constructed, n < 128 */

/* Reads identifier and length. Indefinite lengths are rejected; the length is
 * checked against what remains. */
int wrdp_ber_read_header(wrdp_cursor *c, uint32_t *tag, size_t *len, const char *field);
/* Reads a TLV that must carry `tag`; returns its contents as a sub-cursor. */
int wrdp_ber_read_expect(wrdp_cursor *c, uint32_t tag, wrdp_cursor *content, const char *field);
/* Peeks at the next tag without consuming it; returns 0 when the input is empty. */
uint32_t wrdp_ber_peek_tag(const wrdp_cursor *c);
int wrdp_ber_read_length(wrdp_cursor *c, size_t *len, const char *field);
/* INTEGER (unsigned interpretation, up to 64 bits, leading 0x00 allowed) */
int wrdp_ber_read_uint(wrdp_cursor *c, uint64_t *v, const char *field);
int wrdp_ber_read_u32(wrdp_cursor *c, uint32_t *v, const char *field);
int wrdp_ber_read_enumerated(wrdp_cursor *c, uint8_t *v, const char *field);
int wrdp_ber_read_bool(wrdp_cursor *c, bool *v, const char *field);
int wrdp_ber_read_octet_string(wrdp_cursor *c, wrdp_bytes *out, const char *field);

/* Writing: lengths are minimal (DER); short form below 128. */
void wrdp_ber_write_tag(wrdp_writer *w, uint32_t tag);
void wrdp_ber_write_length(wrdp_writer *w, size_t len);
size_t wrdp_ber_length_size(size_t len);
void wrdp_ber_write_header(wrdp_writer *w, uint32_t tag, size_t len);
/* Encodes an unsigned integer in the fewest octets, with a leading 0x00 when the top bit is set. */
void wrdp_ber_write_uint(wrdp_writer *w, uint64_t v);
void wrdp_ber_write_enumerated(wrdp_writer *w, uint8_t v);
void wrdp_ber_write_bool(wrdp_writer *w, bool v);
void wrdp_ber_write_octet_string(wrdp_writer *w, const void *data, size_t len);
/* Nested encoding whose length is known only at the end:
 *   size_t m = wrdp_ber_begin(w);  ...write contents...;  wrdp_ber_end(w, tag, m);
 * inserts the identifier and the minimal length in front of the contents. */
static inline size_t wrdp_ber_begin(const wrdp_writer *w) { return w->len; }
void wrdp_ber_end(wrdp_writer *w, uint32_t tag, size_t mark);

/* ---- aligned PER (X.691) ---------------------------------------------- */
int wrdp_per_read_length(wrdp_cursor *c, uint16_t *len, const char *field);
void wrdp_per_write_length(wrdp_writer *w, uint16_t len); /* one byte below 0x80, else two with 0x8000 */
int wrdp_per_read_choice(wrdp_cursor *c, uint8_t *v, const char *field);
int wrdp_per_read_selection(wrdp_cursor *c, uint8_t *v, const char *field);
int wrdp_per_read_number_of_sets(wrdp_cursor *c, uint8_t *v, const char *field);
int wrdp_per_read_padding(wrdp_cursor *c, size_t n, const char *field);
void wrdp_per_write_padding(wrdp_writer *w, size_t n);
/* Constrained whole number with a lower bound, length-prefixed (1, 2 or 4 octets). */
int wrdp_per_read_integer(wrdp_cursor *c, uint32_t *v, const char *field);
void wrdp_per_write_integer(wrdp_writer *w, uint32_t v);
/* 16-bit integer stored as (value - min), big-endian. */
int wrdp_per_read_integer16(wrdp_cursor *c, uint16_t *v, uint16_t min, const char *field);
void wrdp_per_write_integer16(wrdp_writer *w, uint16_t v, uint16_t min);
/* Enumerated value, one octet; fails when >= count. */
int wrdp_per_read_enumerated(wrdp_cursor *c, uint8_t *v, uint8_t count, const char *field);
/* OBJECT IDENTIFIER of exactly six arcs (the T.124 OIDs); fails unless it equals `oid`. */
int wrdp_per_read_object_identifier(wrdp_cursor *c, const uint8_t oid[6], const char *field);
void wrdp_per_write_object_identifier(wrdp_writer *w, const uint8_t oid[6]);
/* OCTET STRING with a lower bound on its length. */
int wrdp_per_read_octet_string(wrdp_cursor *c, wrdp_bytes *out, uint16_t min, const char *field);
void wrdp_per_write_octet_string(wrdp_writer *w, const void *data, size_t len, uint16_t min);
/* NumericString (4 bits a character, packed two to an octet) with a lower bound on its length. */
int wrdp_per_read_numeric_string(wrdp_cursor *c, uint16_t min, const char *field);
void wrdp_per_write_numeric_string(wrdp_writer *w, const char *digits, size_t len, uint16_t min);

#endif
