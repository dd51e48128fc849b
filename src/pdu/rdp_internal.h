/* Internal helpers shared by the rdp family's files. */
#ifndef WRDP_PDU_RDP_INTERNAL_H
#define WRDP_PDU_RDP_INTERNAL_H

#include "webrdp/pdu.h"

/* Reads the Share Control and Share Data headers of a Share Data PDU whose
 * pduType2 must be `pduType2`, and splits the rest of the PDU (as given by
 * totalLength) into *body. The caller decodes the payload from *body and then
 * calls wrdp_cursor_expect_end(body). */
int wrdp_rdp_share_data_begin(wrdp_cursor *c, wrdp_share_data_headers *hdr, uint8_t pduType2, wrdp_cursor *body);

/* Writes both headers (totalLength as a placeholder) and returns where the PDU
 * starts; wrdp_rdp_share_data_end() then fills in totalLength. pduType2 is the
 * value the PDU type requires (the stored one must match). */
size_t wrdp_rdp_share_data_put(const wrdp_share_data_headers *hdr, uint8_t pduType2, wrdp_writer *w);
int wrdp_rdp_share_data_end(wrdp_writer *w, size_t start);

#endif
