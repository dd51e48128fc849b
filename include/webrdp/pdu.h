/* webrdp — PDUs: encode and decode of every PDU of the connection sequence,
 * as plain C structs whose fields are named as in MS-RDPBCGR.
 *
 * Conventions for every PDU type T with prefix P:
 *   int P_decode(wrdp_cursor *c, T *out);       reads one PDU; 0 or WRDP_ERR
 *   int P_encode(const T *in, wrdp_writer *w);  appends one PDU; 0 or WRDP_ERR
 * Decoded structs hold wrdp_bytes views into the input buffer, which must
 * outlive them; lists have fixed maximum sizes (WRDP_*_MAX), so decoding never
 * allocates. A decode error names the PDU and the field. */
#ifndef WEBRDP_PDU_H
#define WEBRDP_PDU_H

#include "utils.h"

#include "pdu/x224.h"
#include "pdu/mcs.h"
#include "pdu/gcc.h"
#include "pdu/rdp.h"
#include "pdu/caps.h"
#include "pdu/licensing.h"
#include "pdu/fastpath.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Generic access by short name (see `webrdp pdu --help` for the list). The
 * JSON form names every field as the specification does. These exist when the
 * library is built with WRDP_WITH_PDU_JSON (the default). */
size_t wrdp_pdu_count(void);
const char *wrdp_pdu_name(size_t index);
const char *wrdp_pdu_title(size_t index);
/* Decodes one PDU of kind `name` from data and writes its JSON into out (NUL-terminated when
 * it fits). Returns the JSON length, or -1 with err set; *consumed gets the bytes read. */
long wrdp_pdu_decode_json(const char *name, const uint8_t *data, size_t len, char *out, size_t cap,
                          size_t *consumed, wrdp_error *err);
/* Encodes the JSON form of kind `name`. Returns the byte length, or -1 with err set. */
long wrdp_pdu_encode_json(const char *name, const char *json, size_t json_len, uint8_t *out, size_t cap,
                          wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
