/* Helpers shared by the CLIPRDR files (PDUs, conversions, processor). */
#ifndef WRDP_CHANNELS_CLIPRDR_INTERNAL_H
#define WRDP_CHANNELS_CLIPRDR_INTERNAL_H

#include "webrdp/clipboard.h"

int cliprdr_open(const uint8_t *pdu, size_t len, uint16_t type, const char *name, wrdp_cursor *body,
                 wrdp_cliprdr_header *h, wrdp_error *err);
size_t cliprdr_begin(wrdp_writer *w, uint16_t type, uint16_t flags);
int cliprdr_end(wrdp_writer *w, size_t start);
void cliprdr_utf16_to_name(const uint8_t *src, size_t len, char *out, size_t cap);
void cliprdr_wr_utf16z(wrdp_writer *w, const char *name);
int cliprdr_wr_utf16_fixed(wrdp_writer *w, const char *name, size_t field);

#endif
