/* webrdp — fast-path PDUs (MS-RDPBCGR 2.2.8.1.2 input, 2.2.9.1.2 output) and
 * the PDU hint that frames the byte stream (TPKT, fast-path, CredSSP). */
#ifndef WEBRDP_PDU_FASTPATH_H
#define WEBRDP_PDU_FASTPATH_H

#include <stdbool.h>

#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- shared header parts ------------------------------------------------ */
/* action (2 low bits of the first byte) */
#define WRDP_FASTPATH_INPUT_ACTION_FASTPATH 0x0
#define WRDP_FASTPATH_INPUT_ACTION_X224 0x3
#define WRDP_FASTPATH_OUTPUT_ACTION_FASTPATH 0x0
#define WRDP_FASTPATH_OUTPUT_ACTION_X224 0x3
/* flags (2 high bits of the first byte) */
#define WRDP_FASTPATH_INPUT_SECURE_CHECKSUM 0x1
#define WRDP_FASTPATH_INPUT_ENCRYPTED 0x2
#define WRDP_FASTPATH_OUTPUT_SECURE_CHECKSUM 0x1
#define WRDP_FASTPATH_OUTPUT_ENCRYPTED 0x2

/* The 2-byte length form carries 15 bits; the 1-byte form 7. */
#define WRDP_FASTPATH_LENGTH_MAX 0x7FFF
#define WRDP_FASTPATH_SHORT_LENGTH_MAX 0x7F

/* TS_FP_FIPS_INFO (2.2.8.1.2, 2.2.9.1.2): present only when the server chose
 * ENCRYPTION_METHOD_FIPS and the PDU is encrypted; the wire does not say so,
 * hence the *_decode_ex variants. */
#define WRDP_TSFIPS_VERSION1 0x01
typedef struct wrdp_fastpath_fips_info {
    uint16_t length;   /* 0x0010 */
    uint8_t version;   /* TSFIPS_VERSION1 */
    uint8_t padlen;
} wrdp_fastpath_fips_info;

/* ---- Fast-path output header alone (fpOutputHeader + length1/length2) ----- */
typedef struct wrdp_fastpath_output_header {
    uint8_t action;        /* 2 bits, FASTPATH_OUTPUT_ACTION_FASTPATH */
    uint8_t reserved;      /* 4 bits, kept for byte fidelity */
    uint8_t flags;         /* 2 bits, FASTPATH_OUTPUT_SECURE_CHECKSUM / ENCRYPTED */
    uint16_t length;       /* total PDU length including this header (written as given) */
    bool forceLongLength;  /* 2-byte length form although the 1-byte form would fit */
} wrdp_fastpath_output_header;

/* Reads the 2- or 3-byte header. Fails on an action other than fast-path or a
 * length shorter than the header itself. */
int wrdp_fastpath_output_header_decode(wrdp_cursor *c, wrdp_fastpath_output_header *out);
int wrdp_fastpath_output_header_encode(const wrdp_fastpath_output_header *in, wrdp_writer *w);
/* Size of the header the encoder writes for `length` (2 or 3). */
size_t wrdp_fastpath_output_header_size(const wrdp_fastpath_output_header *in);

/* ---- Fast-Path Input Event (TS_FP_INPUT_EVENT, 2.2.8.1.2.2) --------------- */
/* eventCode (3 high bits of eventHeader) */
#define WRDP_FASTPATH_INPUT_EVENT_SCANCODE 0x0
#define WRDP_FASTPATH_INPUT_EVENT_MOUSE 0x1
#define WRDP_FASTPATH_INPUT_EVENT_MOUSEX 0x2
#define WRDP_FASTPATH_INPUT_EVENT_SYNC 0x3
#define WRDP_FASTPATH_INPUT_EVENT_UNICODE 0x4
#define WRDP_FASTPATH_INPUT_EVENT_MOUSEREL 0x5
#define WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP 0x6
/* eventFlags (5 low bits) of keyboard and unicode events */
#define WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE 0x01
#define WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED 0x02
#define WRDP_FASTPATH_INPUT_KBDFLAGS_EXTENDED1 0x04
/* eventFlags of the synchronize event */
#define WRDP_FASTPATH_INPUT_SYNC_SCROLL_LOCK 0x01
#define WRDP_FASTPATH_INPUT_SYNC_NUM_LOCK 0x02
#define WRDP_FASTPATH_INPUT_SYNC_CAPS_LOCK 0x04
#define WRDP_FASTPATH_INPUT_SYNC_KANA_LOCK 0x08

/* One event; which fields are on the wire depends on eventCode:
 *   SCANCODE (2.2.8.1.2.2.1)      keyCode
 *   UNICODE (2.2.8.1.2.2.2)       unicodeCode
 *   MOUSE, MOUSEX (.3, .4)        pointerFlags, xPos, yPos
 *   SYNC (.5)                     nothing (lock state in eventFlags)
 *   QOE_TIMESTAMP (.6)            timestamp
 *   MOUSEREL (.7)                 pointerFlags, xDelta, yDelta
 * eventFlags is kept as read (the spec zeroes it for mouse events). */
typedef struct wrdp_fastpath_input_event {
    uint8_t eventCode;
    uint8_t eventFlags;
    uint8_t keyCode;
    uint16_t unicodeCode;
    uint16_t pointerFlags;
    uint16_t xPos;
    uint16_t yPos;
    int16_t xDelta;
    int16_t yDelta;
    uint32_t timestamp;
} wrdp_fastpath_input_event;

/* Event size on the wire including eventHeader, or 0 for an unknown eventCode. */
size_t wrdp_fastpath_input_event_size(uint8_t eventCode);
int wrdp_fastpath_input_event_decode(wrdp_cursor *c, wrdp_fastpath_input_event *out);
int wrdp_fastpath_input_event_encode(const wrdp_fastpath_input_event *in, wrdp_writer *w);

/* ---- Client Fast-Path Input Event PDU (TS_FP_INPUT_PDU, 2.2.8.1.2) ------- */
#define WRDP_FASTPATH_INPUT_EVENTS_MAX 255

typedef struct wrdp_fastpath_input_pdu {
    uint8_t action;          /* FASTPATH_INPUT_ACTION_FASTPATH */
    uint8_t flags;           /* FASTPATH_INPUT_SECURE_CHECKSUM / ENCRYPTED */
    bool forceLongLength;    /* 2-byte length form although the 1-byte form would fit */
    bool hasFipsInformation;
    wrdp_fastpath_fips_info fipsInformation;
    uint8_t dataSignature[8];      /* present when flags has FASTPATH_INPUT_ENCRYPTED */
    /* Plain PDU: the number of entries of fpInputEvents. Encrypted PDU: the
     * 4-bit numEvents of the header (the real count may be inside encryptedData). */
    uint8_t numEvents;
    /* numEvents sent in its own byte (header bits 0) although it is 1..15. */
    bool forceNumEventsByte;
    wrdp_bytes encryptedData;      /* encrypted PDUs: everything after dataSignature */
    wrdp_fastpath_input_event fpInputEvents[WRDP_FASTPATH_INPUT_EVENTS_MAX];
} wrdp_fastpath_input_pdu;

/* Reads one whole PDU (exactly `length` bytes) without FIPS information. */
int wrdp_fastpath_input_pdu_decode(wrdp_cursor *c, wrdp_fastpath_input_pdu *out);
/* Same, reading fipsInformation of encrypted PDUs when `fips` (ENCRYPTION_METHOD_FIPS). */
int wrdp_fastpath_input_pdu_decode_ex(wrdp_cursor *c, wrdp_fastpath_input_pdu *out, bool fips);
/* Writes the PDU; length1/length2 and numEvents are computed from the content. */
int wrdp_fastpath_input_pdu_encode(const wrdp_fastpath_input_pdu *in, wrdp_writer *w);

/* ---- Fast-Path Update (TS_FP_UPDATE, 2.2.9.1.2.1) ------------------------- */
/* updateCode (4 bits) */
#define WRDP_FASTPATH_UPDATETYPE_ORDERS 0x0
#define WRDP_FASTPATH_UPDATETYPE_BITMAP 0x1
#define WRDP_FASTPATH_UPDATETYPE_PALETTE 0x2
#define WRDP_FASTPATH_UPDATETYPE_SYNCHRONIZE 0x3
#define WRDP_FASTPATH_UPDATETYPE_SURFCMDS 0x4
#define WRDP_FASTPATH_UPDATETYPE_PTR_NULL 0x5
#define WRDP_FASTPATH_UPDATETYPE_PTR_DEFAULT 0x6
#define WRDP_FASTPATH_UPDATETYPE_PTR_POSITION 0x8
#define WRDP_FASTPATH_UPDATETYPE_COLOR 0x9
#define WRDP_FASTPATH_UPDATETYPE_CACHED 0xA
#define WRDP_FASTPATH_UPDATETYPE_POINTER 0xB
#define WRDP_FASTPATH_UPDATETYPE_LARGE_POINTER 0xC
/* fragmentation (2 bits) */
#define WRDP_FASTPATH_FRAGMENT_SINGLE 0x0
#define WRDP_FASTPATH_FRAGMENT_LAST 0x1
#define WRDP_FASTPATH_FRAGMENT_FIRST 0x2
#define WRDP_FASTPATH_FRAGMENT_NEXT 0x3
/* compression (2 bits) */
#define WRDP_FASTPATH_OUTPUT_COMPRESSION_USED 0x2
/* compressionFlags (2.2.9.1.2.1, same values as the Share Data Header's compressedType) */
#define WRDP_PACKET_COMPR_TYPE_8K 0x0
#define WRDP_PACKET_COMPR_TYPE_64K 0x1
#define WRDP_PACKET_COMPR_TYPE_RDP6 0x2
#define WRDP_PACKET_COMPR_TYPE_RDP61 0x3
#define WRDP_PACKET_COMPR_TYPE_MASK 0x0F
#define WRDP_PACKET_COMPRESSED 0x20
#define WRDP_PACKET_AT_FRONT 0x40
#define WRDP_PACKET_FLUSHED 0x80

typedef struct wrdp_fastpath_update {
    uint8_t updateCode;       /* 4 bits, FASTPATH_UPDATETYPE_* */
    uint8_t fragmentation;    /* 2 bits, FASTPATH_FRAGMENT_* */
    uint8_t compression;      /* 2 bits; compressionFlags follows when it has COMPRESSION_USED */
    uint8_t compressionFlags;
    wrdp_bytes updateData;    /* size is its length; contents decoded elsewhere */
} wrdp_fastpath_update;

int wrdp_fastpath_update_decode(wrdp_cursor *c, wrdp_fastpath_update *out);
int wrdp_fastpath_update_encode(const wrdp_fastpath_update *in, wrdp_writer *w);

/* ---- Server Fast-Path Update PDU (TS_FP_UPDATE_PDU, 2.2.9.1.2) ----------- */
/* A PDU is at most 0x7FFF bytes and each update at least 3; servers send a
 * handful, so a PDU with more than this many updates is rejected (LIMIT). */
#define WRDP_FASTPATH_UPDATES_MAX 256

typedef struct wrdp_fastpath_update_pdu {
    uint8_t action;           /* FASTPATH_OUTPUT_ACTION_FASTPATH */
    uint8_t reserved;         /* 4 bits of fpOutputHeader */
    uint8_t flags;            /* FASTPATH_OUTPUT_SECURE_CHECKSUM / ENCRYPTED */
    bool forceLongLength;
    bool hasFipsInformation;
    wrdp_fastpath_fips_info fipsInformation;
    uint8_t dataSignature[8]; /* present when flags has FASTPATH_OUTPUT_ENCRYPTED */
    wrdp_bytes encryptedData; /* encrypted PDUs: fpOutputUpdates still encrypted */
    size_t updateCount;       /* plain PDUs: entries of fpOutputUpdates */
    wrdp_fastpath_update fpOutputUpdates[WRDP_FASTPATH_UPDATES_MAX];
} wrdp_fastpath_update_pdu;

/* Reads one whole PDU (exactly `length` bytes) without FIPS information. */
int wrdp_fastpath_update_pdu_decode(wrdp_cursor *c, wrdp_fastpath_update_pdu *out);
int wrdp_fastpath_update_pdu_decode_ex(wrdp_cursor *c, wrdp_fastpath_update_pdu *out, bool fips);
/* Writes the PDU; length1/length2 and every size are computed from the content. */
int wrdp_fastpath_update_pdu_encode(const wrdp_fastpath_update_pdu *in, wrdp_writer *w);

/* ---- PDU hint: how long is the next frame? -------------------------------
 * Each returns 1 and sets *frame_len when the first bytes of `data` tell the
 * length of the next whole frame, 0 when more bytes are needed to know, and
 * WRDP_ERR with a WRDP_ERROR_DECODE error for a header that cannot start a
 * frame. Only the header is looked at: *frame_len may exceed len. */

/* The active stream: a slow-path TPKT frame (first byte 0x03, length from
 * bytes 2-3 big-endian, 7..0xFFFF) or a fast-path frame (action bits 0,
 * 1- or 2-byte length, header size..0x7FFF). */
int wrdp_pdu_hint(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err);
/* Before the security upgrade and during the MCS connection: TPKT only. */
int wrdp_pdu_hint_x224(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err);
/* During CredSSP: a DER TSRequest (tag 0x30 + definite BER length, up to
 * WRDP_PDU_HINT_CREDSSP_MAX content bytes); *frame_len is the whole TLV.
 * (The 4-byte Early User Authorization Result of HYBRID_EX is not DER and
 * is framed by the connector, which knows to expect it.) */
#define WRDP_PDU_HINT_CREDSSP_MAX ((size_t)16 * 1024 * 1024)
int wrdp_pdu_hint_credssp(const uint8_t *data, size_t len, size_t *frame_len, wrdp_error *err);

#ifdef __cplusplus
}
#endif
#endif
