/* Preconnection PDU (MS-RDPEPS 2.2.1.1 RDP_PRECONNECTION_PDU_V1, 2.2.1.2 _V2): sent
 * before the X.224 Connection Request so that a Hyper-V host or a broker can route
 * the connection (by Id, or by the wszPCB string of version 2). Internal. */
#ifndef WRDP_CONNECTOR_PCB_H
#define WRDP_CONNECTOR_PCB_H

#include "webrdp/utils.h"

#define WRDP_PCB_VERSION_1 0x00000001u
#define WRDP_PCB_VERSION_2 0x00000002u
#define WRDP_PCB_V1_SIZE 16
/* cchPCB is a 16-bit count of UTF-16 code units, the terminating NUL included. */
#define WRDP_PCB_MAX_CHARS 0xFFFF

typedef struct wrdp_pcb {
    uint32_t Flags;     /* must be 0; kept as read */
    uint32_t Version;   /* WRDP_PCB_VERSION_1 or _2 */
    uint32_t Id;
    /* version 2: wszPCB as on the wire, UTF-16LE with its NUL (cchPCB = len / 2) */
    wrdp_bytes wszPCB;
} wrdp_pcb;

/* Reads one PDU of cbSize bytes. Fails on cbSize below 16 or beyond the input, an
 * unknown version, a cchPCB that does not fit cbSize, or bytes left inside cbSize. */
int wrdp_pcb_decode(wrdp_cursor *c, wrdp_pcb *out);
/* Writes the PDU; cbSize and cchPCB are computed. */
int wrdp_pcb_encode(const wrdp_pcb *in, wrdp_writer *w);
/* Writes a version 1 PDU (blob NULL) or a version 2 PDU whose wszPCB is the UTF-8
 * blob converted to UTF-16LE with a NUL. */
int wrdp_pcb_write(uint32_t id, const char *blob, wrdp_writer *w);

#endif
