/* webrdp — slow-path RDP PDUs (MS-RDPBCGR 2.2.1 - 2.2.5, 2.2.8 - 2.2.10, 2.2.13 - 2.2.14):
 * security header, Share Control / Share Data headers, Client Info, finalization
 * PDUs, error info, session info, shutdown, deactivate all, monitor layout,
 * auto-detect. */
#ifndef WEBRDP_PDU_RDP_H
#define WEBRDP_PDU_RDP_H

#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Share Control Header (2.2.8.1.1.1.1) ------------------------------- */
#define WRDP_PDUTYPE_DEMANDACTIVEPDU 0x1
#define WRDP_PDUTYPE_CONFIRMACTIVEPDU 0x3
#define WRDP_PDUTYPE_DEACTIVATEALLPDU 0x6
#define WRDP_PDUTYPE_DATAPDU 0x7
#define WRDP_PDUTYPE_SERVER_REDIR_PKT 0xA
#define WRDP_TS_PROTOCOL_VERSION 0x10

typedef struct wrdp_share_control_header {
    uint16_t totalLength;  /* whole PDU including this header; 0x8000 alone = flow PDU */
    uint16_t pduType;      /* low 4 bits: type; high bits: protocol version (0x10) */
    uint16_t pduSource;    /* MCS channel id of the sender */
} wrdp_share_control_header;

/* Reads the 6-byte header (4 bytes for a flow PDU is not supported here). */
int wrdp_share_control_header_decode(wrdp_cursor *c, wrdp_share_control_header *out);
/* Writes the header; totalLength is written as given. */
int wrdp_share_control_header_encode(const wrdp_share_control_header *in, wrdp_writer *w);

/* ---- Share Data Header (2.2.8.1.1.1.2) ----------------------------------- */
typedef struct wrdp_share_data_header {
    uint32_t shareId;
    uint8_t pad1;
    uint8_t streamId;
    uint16_t uncompressedLength;
    uint8_t pduType2;
    uint8_t compressedType;
    uint16_t compressedLength;
} wrdp_share_data_header;

int wrdp_share_data_header_decode(wrdp_cursor *c, wrdp_share_data_header *out);
int wrdp_share_data_header_encode(const wrdp_share_data_header *in, wrdp_writer *w);

#ifdef __cplusplus
}
#endif
#endif
