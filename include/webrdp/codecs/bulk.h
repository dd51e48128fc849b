/* webrdp — bulk decompression: the byte-stream compressors RDP applies to
 * slow-path share data, fast-path updates and virtual channel data.
 *
 *   type 0  MPPC with an 8 KB history        (MS-RDPBCGR 3.1.8, RDP 4.0)
 *   type 1  MPPC with a 64 KB history        (MS-RDPBCGR 3.1.8, RDP 5.0)
 *   type 2  NCRUSH, Huffman-coded LZ77       (MS-RDPEGDI 3.1.8.1, RDP 6.0)
 *   type 3  XCRUSH, level-1 chunk matching over a 2 MB history, optionally
 *           wrapped in MPPC 64K as level 2   (MS-RDPEGDI 3.1.8.2, RDP 6.1)
 *
 * One wrdp_bulk context a direction: it keeps the history between packets, so
 * every packet of a connection goes through the same context, in order. */
#ifndef WEBRDP_CODECS_BULK_H
#define WEBRDP_CODECS_BULK_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"

#ifdef __cplusplus
extern "C" {
#endif

/* The compression flags byte (share data header compressedType, fast-path
 * compressionFlags, channel PDU header flags >> 16): type in the low nibble.
 * pdu/fastpath.h and pdu/rdp.h define some of these too, identically. */
#ifndef WRDP_PACKET_COMPR_TYPE_8K
#define WRDP_PACKET_COMPR_TYPE_8K 0x0
#endif
#ifndef WRDP_PACKET_COMPR_TYPE_64K
#define WRDP_PACKET_COMPR_TYPE_64K 0x1
#endif
#ifndef WRDP_PACKET_COMPR_TYPE_RDP6
#define WRDP_PACKET_COMPR_TYPE_RDP6 0x2
#endif
#ifndef WRDP_PACKET_COMPR_TYPE_RDP61
#define WRDP_PACKET_COMPR_TYPE_RDP61 0x3
#endif
#ifndef WRDP_PACKET_COMPR_TYPE_MASK
#define WRDP_PACKET_COMPR_TYPE_MASK 0x0F
#endif
#ifndef WRDP_PACKET_COMPRESSED
#define WRDP_PACKET_COMPRESSED 0x20
#endif
#ifndef WRDP_PACKET_AT_FRONT
#define WRDP_PACKET_AT_FRONT 0x40
#endif
#ifndef WRDP_PACKET_FLUSHED
#define WRDP_PACKET_FLUSHED 0x80
#endif

/* RDP 6.1 level-1 flags (first byte of RDP61_COMPRESSED_DATA). */
#define WRDP_L1_COMPRESSED 0x01
#define WRDP_L1_NO_COMPRESSION 0x02
#define WRDP_L1_PACKET_AT_FRONT 0x04
#define WRDP_L1_INNER_COMPRESSION 0x10

/* History sizes. */
#define WRDP_MPPC_8K_HISTORY 8192u
#define WRDP_MPPC_64K_HISTORY 65536u
#define WRDP_NCRUSH_HISTORY 65536u
#define WRDP_XCRUSH_HISTORY 2000000u

typedef struct wrdp_bulk wrdp_bulk;

/* A decompression context for the negotiated level (0..3; the context for that
 * type is allocated now, those of other types on their first packet, since a
 * server may send a lower type than negotiated). NULL on failure (err set). */
wrdp_bulk *wrdp_bulk_new(uint32_t compression_type, wrdp_error *err);
void wrdp_bulk_free(wrdp_bulk *b);

/* Forgets every history (as after a reconnection). */
void wrdp_bulk_reset(wrdp_bulk *b);

/* Decompresses one packet. `flags` is the compression flags byte: the type in
 * its low nibble and PACKET_COMPRESSED / PACKET_AT_FRONT / PACKET_FLUSHED.
 *
 * On success *out / *out_len is the packet's data. For a compressed packet it
 * points into the context's history and stays valid until the next call. A
 * packet sent uncompressed (no PACKET_COMPRESSED) is not part of the MPPC or
 * NCRUSH history (MS-RDPBCGR 3.1.8.3: only decompressed data is stored; the
 * sender flushes with it), so *out is then `in` itself, after the flush or
 * at-front flags were applied. For RDP 6.1 the level-1 literals of an
 * L1_NO_COMPRESSION packet are appended to the level-1 history as MS-RDPEGDI
 * 3.1.8.2.3 requires, and *out points there.
 *
 * Every copy offset and length is checked against the history: a truncated or
 * lying stream yields WRDP_ERROR_DECODE (message "mppc: ...", "ncrush: ...",
 * "xcrush: ...", err->offset the input byte where it failed). The context stays
 * usable; its history is then suspect until the next PACKET_FLUSHED. */
int wrdp_bulk_decompress(wrdp_bulk *b, const uint8_t *in, size_t len, uint8_t flags, const uint8_t **out,
                         size_t *out_len, wrdp_error *err);

/* A recorded packet stream (what `webrdp decode mppc8k|mppc64k|ncrush|xcrush`
 * and the benchmarks feed): records of
 *
 *   flags (u8, as above) | length (u32 little-endian) | packet (length bytes)
 *
 * decompressed in order through `b`. *total_out (may be NULL) receives the sum
 * of the output lengths. A record running past the end is a decode error. */
int wrdp_bulk_decompress_stream(wrdp_bulk *b, const uint8_t *in, size_t len, size_t *total_out, wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
