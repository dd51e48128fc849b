/* The capability sets with a fixed layout are described by field tables, shared by the
 * wire code (caps_sets.c) and the JSON code (caps_json.c). Internal. */
#ifndef WRDP_PDU_CAPS_INTERNAL_H
#define WRDP_PDU_CAPS_INTERNAL_H

#include <stddef.h>

#include "webrdp/pdu.h"

typedef enum caps_field_type {
    CF_U8,
    CF_U16,
    CF_U32,
    CF_BYTES,          /* uint8_t[n] */
    CF_CACHEDEF,       /* wrdp_cache_definition */
    CF_CACHEDEF_ARRAY, /* wrdp_cache_definition[n] */
    CF_CELLINFO        /* wrdp_bitmapcache_cell_info */
} caps_field_type;

typedef struct caps_field {
    const char *name;
    caps_field_type type;
    size_t off;         /* offset in the set's struct */
    size_t n;           /* CF_BYTES: bytes; CF_CACHEDEF_ARRAY: elements */
    long present_off;   /* optional field: offset of its bool flag; -1 when required */
} caps_field;

typedef struct caps_layout {
    uint16_t type;
    const char *name;
    const caps_field *fields; /* NULL for the sets with their own code (Bitmap Codecs) */
    size_t nfields;
} caps_layout;

const caps_layout *wrdp_caps_layout(uint16_t type);
size_t wrdp_caps_field_size(const caps_field *f);

#endif
