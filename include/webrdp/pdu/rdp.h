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

/* Share Data PDU types (pduType2 of the Share Data Header). */
#define WRDP_PDUTYPE2_UPDATE 0x02
#define WRDP_PDUTYPE2_CONTROL 0x14
#define WRDP_PDUTYPE2_POINTER 0x1B
#define WRDP_PDUTYPE2_INPUT 0x1C
#define WRDP_PDUTYPE2_SYNCHRONIZE 0x1F
#define WRDP_PDUTYPE2_REFRESH_RECT 0x21
#define WRDP_PDUTYPE2_PLAY_SOUND 0x22
#define WRDP_PDUTYPE2_SUPPRESS_OUTPUT 0x23
#define WRDP_PDUTYPE2_SHUTDOWN_REQUEST 0x24
#define WRDP_PDUTYPE2_SHUTDOWN_DENIED 0x25
#define WRDP_PDUTYPE2_SAVE_SESSION_INFO 0x26
#define WRDP_PDUTYPE2_FONTLIST 0x27
#define WRDP_PDUTYPE2_FONTMAP 0x28
#define WRDP_PDUTYPE2_SET_KEYBOARD_INDICATORS 0x29
#define WRDP_PDUTYPE2_BITMAPCACHE_PERSISTENT_LIST 0x2B
#define WRDP_PDUTYPE2_BITMAPCACHE_ERROR_PDU 0x2C
#define WRDP_PDUTYPE2_SET_KEYBOARD_IME_STATUS 0x2D
#define WRDP_PDUTYPE2_OFFSCRCACHE_ERROR_PDU 0x2E
#define WRDP_PDUTYPE2_SET_ERROR_INFO_PDU 0x2F
#define WRDP_PDUTYPE2_DRAWNINEGRID_ERROR_PDU 0x30
#define WRDP_PDUTYPE2_DRAWGDIPLUS_ERROR_PDU 0x31
#define WRDP_PDUTYPE2_ARC_STATUS_PDU 0x32
#define WRDP_PDUTYPE2_STATUS_INFO_PDU 0x36
#define WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU 0x37

/* streamId and compressedType of the Share Data Header. */
#define WRDP_STREAM_UNDEFINED 0x00
#define WRDP_STREAM_LOW 0x01
#define WRDP_STREAM_MED 0x02
#define WRDP_STREAM_HI 0x04
#define WRDP_CompressionTypeMask 0x0F
#define WRDP_PACKET_COMPRESSED 0x20
#define WRDP_PACKET_AT_FRONT 0x40
#define WRDP_PACKET_FLUSHED 0x80

/* The two headers every slow-path Share Data PDU starts with. The encoders
 * compute shareControlHeader.totalLength; every other header field (including
 * uncompressedLength, which servers fill in differently) is written as stored.
 * Decoders reject compressed payloads (PACKET_COMPRESSED): bulk decompression
 * happens before PDU decoding. */
typedef struct wrdp_share_data_headers {
    wrdp_share_control_header shareControlHeader;
    wrdp_share_data_header shareDataHeader;
} wrdp_share_data_headers;

/* ---- Security headers (2.2.8.1.1.2) ------------------------------------- */
#define WRDP_SEC_EXCHANGE_PKT 0x0001
#define WRDP_SEC_TRANSPORT_REQ 0x0002
#define WRDP_SEC_TRANSPORT_RSP 0x0004
#define WRDP_SEC_ENCRYPT 0x0008
#define WRDP_SEC_RESET_SEQNO 0x0010
#define WRDP_SEC_IGNORE_SEQNO 0x0020
#define WRDP_SEC_INFO_PKT 0x0040
#define WRDP_SEC_LICENSE_PKT 0x0080
#define WRDP_SEC_LICENSE_ENCRYPT_CS 0x0200
#define WRDP_SEC_LICENSE_ENCRYPT_SC 0x0200
#define WRDP_SEC_REDIRECTION_PKT 0x0400
#define WRDP_SEC_SECURE_CHECKSUM 0x0800
#define WRDP_SEC_AUTODETECT_REQ 0x1000
#define WRDP_SEC_AUTODETECT_RSP 0x2000
#define WRDP_SEC_HEARTBEAT 0x4000
#define WRDP_SEC_FLAGSHI_VALID 0x8000

#define WRDP_TSFIPS_VERSION1 0x01

/* Basic Security Header (2.2.8.1.1.2.1): used when the encryption level is NONE,
 * and for PDUs that are never encrypted. */
typedef struct wrdp_basic_security_header {
    uint16_t flags;
    uint16_t flagsHi;
} wrdp_basic_security_header;

/* Non-FIPS Security Header (2.2.8.1.1.2.2): 40/56/128-bit RC4 encryption. */
typedef struct wrdp_non_fips_security_header {
    uint16_t flags;
    uint16_t flagsHi;
    uint8_t dataSignature[8];
} wrdp_non_fips_security_header;

/* FIPS Security Header (2.2.8.1.1.2.3). length is written as stored (always 0x10). */
typedef struct wrdp_fips_security_header {
    uint16_t flags;
    uint16_t flagsHi;
    uint16_t length;
    uint8_t version;
    uint8_t padlen;
    uint8_t dataSignature[8];
} wrdp_fips_security_header;

int wrdp_basic_security_header_decode(wrdp_cursor *c, wrdp_basic_security_header *out);
int wrdp_basic_security_header_encode(const wrdp_basic_security_header *in, wrdp_writer *w);
int wrdp_non_fips_security_header_decode(wrdp_cursor *c, wrdp_non_fips_security_header *out);
int wrdp_non_fips_security_header_encode(const wrdp_non_fips_security_header *in, wrdp_writer *w);
int wrdp_fips_security_header_decode(wrdp_cursor *c, wrdp_fips_security_header *out);
int wrdp_fips_security_header_encode(const wrdp_fips_security_header *in, wrdp_writer *w);

/* ---- Client Security Exchange PDU (2.2.1.10): TS_SECURITY_PACKET ----------
 * Basic security header (SEC_EXCHANGE_PKT) + length + encryptedClientRandom
 * (which carries its 8 zero padding bytes; length is computed). */
typedef struct wrdp_security_exchange_pdu {
    wrdp_basic_security_header basicSecurityHeader;
    wrdp_bytes encryptedClientRandom;
} wrdp_security_exchange_pdu;

int wrdp_security_exchange_pdu_decode(wrdp_cursor *c, wrdp_security_exchange_pdu *out);
int wrdp_security_exchange_pdu_encode(const wrdp_security_exchange_pdu *in, wrdp_writer *w);

/* ---- Client Info PDU (2.2.1.11) -------------------------------------------- */
#define WRDP_INFO_MOUSE 0x00000001
#define WRDP_INFO_DISABLECTRLALTDEL 0x00000002
#define WRDP_INFO_AUTOLOGON 0x00000008
#define WRDP_INFO_UNICODE 0x00000010
#define WRDP_INFO_MAXIMIZESHELL 0x00000020
#define WRDP_INFO_LOGONNOTIFY 0x00000040
#define WRDP_INFO_COMPRESSION 0x00000080
#define WRDP_INFO_ENABLEWINDOWSKEY 0x00000100
#define WRDP_INFO_REMOTECONSOLEAUDIO 0x00002000
#define WRDP_INFO_FORCE_ENCRYPTED_CS_PDU 0x00004000
#define WRDP_INFO_RAIL 0x00008000
#define WRDP_INFO_LOGONERRORS 0x00010000
#define WRDP_INFO_MOUSE_HAS_WHEEL 0x00020000
#define WRDP_INFO_PASSWORD_IS_SC_PIN 0x00040000
#define WRDP_INFO_NOAUDIOPLAYBACK 0x00080000
#define WRDP_INFO_USING_SAVED_CREDS 0x00100000
#define WRDP_INFO_AUDIOCAPTURE 0x00200000
#define WRDP_INFO_VIDEO_DISABLE 0x00400000
#define WRDP_INFO_RESERVED1 0x00800000
#define WRDP_INFO_RESERVED2 0x01000000
#define WRDP_INFO_HIDEF_RAIL_SUPPORTED 0x02000000
#define WRDP_INFO_COMPRESSION_TYPE_MASK 0x00001E00
#define WRDP_INFO_COMPRESSION_TYPE_SHIFT 9
#define WRDP_PACKET_COMPR_TYPE_8K 0x0
#define WRDP_PACKET_COMPR_TYPE_64K 0x1
#define WRDP_PACKET_COMPR_TYPE_RDP6 0x2
#define WRDP_PACKET_COMPR_TYPE_RDP61 0x3

#define WRDP_AF_INET 0x0002
#define WRDP_AF_INET6 0x0017

#define WRDP_PERF_DISABLE_WALLPAPER 0x00000001
#define WRDP_PERF_DISABLE_FULLWINDOWDRAG 0x00000002
#define WRDP_PERF_DISABLE_MENUANIMATIONS 0x00000004
#define WRDP_PERF_DISABLE_THEMING 0x00000008
#define WRDP_PERF_RESERVED1 0x00000010
#define WRDP_PERF_DISABLE_CURSOR_SHADOW 0x00000020
#define WRDP_PERF_DISABLE_CURSORSETTINGS 0x00000040
#define WRDP_PERF_ENABLE_FONT_SMOOTHING 0x00000080
#define WRDP_PERF_ENABLE_DESKTOP_COMPOSITION 0x00000100
#define WRDP_PERF_RESERVED2 0x80000000

/* SYSTEMTIME as used by TS_TIME_ZONE_INFORMATION (2.2.1.11.1.1.1.1). */
typedef struct wrdp_system_time {
    uint16_t wYear;
    uint16_t wMonth;
    uint16_t wDayOfWeek;
    uint16_t wDay;
    uint16_t wHour;
    uint16_t wMinute;
    uint16_t wSecond;
    uint16_t wMilliseconds;
} wrdp_system_time;

/* TS_TIME_ZONE_INFORMATION (2.2.1.11.1.1.1): 172 bytes. StandardName and
 * DaylightName are the 64-byte UTF-16 fields (a view of at most 64 bytes; the
 * encoder zero-pads them). */
typedef struct wrdp_time_zone_information {
    int32_t Bias;
    wrdp_bytes StandardName;
    wrdp_system_time StandardDate;
    int32_t StandardBias;
    wrdp_bytes DaylightName;
    wrdp_system_time DaylightDate;
    int32_t DaylightBias;
} wrdp_time_zone_information;

#define WRDP_AUTO_RECONNECT_VERSION_1 0x00000001
#define WRDP_ARC_PRIVATE_PACKET_LENGTH 28

/* ARC_CS_PRIVATE_PACKET (2.2.4.3): the client's auto-reconnect cookie. cbLen is
 * always 28 (checked on decode, written by the encoder). */
typedef struct wrdp_arc_cs_private_packet {
    uint32_t Version;
    uint32_t LogonId;
    uint8_t SecurityVerifier[16];
} wrdp_arc_cs_private_packet;

/* How much of TS_EXTENDED_INFO_PACKET (2.2.1.11.1.1.1) is present: every field
 * after clientDir is optional, in order. The decoder records how far the data
 * went so that re-encoding gives identical bytes. */
enum wrdp_extended_info_level {
    WRDP_EXTINFO_NONE = 0,            /* no extraInfo at all */
    WRDP_EXTINFO_CLIENT_DIR,          /* clientAddressFamily .. clientDir */
    WRDP_EXTINFO_TIME_ZONE,           /* + clientTimeZone */
    WRDP_EXTINFO_SESSION_ID,          /* + clientSessionId */
    WRDP_EXTINFO_PERFORMANCE_FLAGS,   /* + performanceFlags */
    WRDP_EXTINFO_AUTO_RECONNECT,      /* + cbAutoReconnectCookie (+ autoReconnectCookie) */
    WRDP_EXTINFO_RESERVED1,           /* + reserved1 */
    WRDP_EXTINFO_RESERVED2,           /* + reserved2 */
    WRDP_EXTINFO_DST_KEY_NAME,        /* + cbDynamicDSTTimeZoneKeyName + dynamicDSTTimeZoneKeyName */
    WRDP_EXTINFO_DST_DISABLED         /* + dynamicDaylightTimeDisabled */
};

/* TS_EXTENDED_INFO_PACKET. clientAddress, clientDir and dynamicDSTTimeZoneKeyName
 * are the exact wire bytes (their lengths include the null terminator where the
 * sender put one); the encoder computes the cb* fields from them. */
typedef struct wrdp_extended_info_packet {
    uint8_t present;                  /* enum wrdp_extended_info_level */
    uint16_t clientAddressFamily;
    wrdp_bytes clientAddress;
    wrdp_bytes clientDir;
    wrdp_time_zone_information clientTimeZone;
    uint32_t clientSessionId;
    uint32_t performanceFlags;
    uint8_t hasAutoReconnectCookie;   /* cbAutoReconnectCookie is 28 rather than 0 */
    wrdp_arc_cs_private_packet autoReconnectCookie;
    uint16_t reserved1;
    uint16_t reserved2;
    wrdp_bytes dynamicDSTTimeZoneKeyName;
    uint16_t dynamicDaylightTimeDisabled;
} wrdp_extended_info_packet;

/* TS_INFO_PACKET (2.2.1.11.1.1). Domain .. WorkingDir are the character data
 * without the mandatory null terminator (UTF-16LE when flags has INFO_UNICODE,
 * else ANSI bytes); the encoder writes the cb* fields and the terminators. */
typedef struct wrdp_info_packet {
    uint32_t CodePage;
    uint32_t flags;
    wrdp_bytes Domain;
    wrdp_bytes UserName;
    wrdp_bytes Password;
    wrdp_bytes AlternateShell;
    wrdp_bytes WorkingDir;
    wrdp_extended_info_packet extraInfo;
} wrdp_info_packet;

int wrdp_info_packet_decode(wrdp_cursor *c, wrdp_info_packet *out);
int wrdp_info_packet_encode(const wrdp_info_packet *in, wrdp_writer *w);

/* Client Info PDU data (2.2.1.11.1) with a Basic Security Header carrying
 * SEC_INFO_PKT; encrypted Client Info PDUs (SEC_ENCRYPT) are rejected. */
typedef struct wrdp_client_info_pdu {
    wrdp_basic_security_header securityHeader;
    wrdp_info_packet infoPacket;
} wrdp_client_info_pdu;

int wrdp_client_info_pdu_decode(wrdp_cursor *c, wrdp_client_info_pdu *out);
int wrdp_client_info_pdu_encode(const wrdp_client_info_pdu *in, wrdp_writer *w);

/* Auto-reconnect SecurityVerifier (5.5): HMAC-MD5 keyed with the server's
 * ArcRandomBits over the client random (32 zero bytes under Enhanced RDP Security). */
void wrdp_arc_security_verifier(const uint8_t arcRandomBits[16], const uint8_t *clientRandom, size_t clientRandomLen,
                                uint8_t out[16]);

/* ---- Finalization PDUs (2.2.1.14 - 2.2.1.22): whole Share Data PDUs --------- */
#define WRDP_SYNCMSGTYPE_SYNC 0x0001

/* Synchronize PDU (2.2.1.14 client, 2.2.1.19 server). */
typedef struct wrdp_synchronize_pdu {
    wrdp_share_data_headers hdr;
    uint16_t messageType;
    uint16_t targetUser;
} wrdp_synchronize_pdu;

int wrdp_synchronize_pdu_decode(wrdp_cursor *c, wrdp_synchronize_pdu *out);
int wrdp_synchronize_pdu_encode(const wrdp_synchronize_pdu *in, wrdp_writer *w);

#define WRDP_CTRLACTION_REQUEST_CONTROL 0x0001
#define WRDP_CTRLACTION_GRANTED_CONTROL 0x0002
#define WRDP_CTRLACTION_DETACH 0x0003
#define WRDP_CTRLACTION_COOPERATE 0x0004

/* Control PDU (2.2.1.15 Cooperate, 2.2.1.16 Request Control, 2.2.1.20/21 server). */
typedef struct wrdp_control_pdu {
    wrdp_share_data_headers hdr;
    uint16_t action;
    uint16_t grantId;
    uint32_t controlId;
} wrdp_control_pdu;

int wrdp_control_pdu_decode(wrdp_cursor *c, wrdp_control_pdu *out);
int wrdp_control_pdu_encode(const wrdp_control_pdu *in, wrdp_writer *w);

#define WRDP_PERSIST_FIRST_PDU 0x01
#define WRDP_PERSIST_LAST_PDU 0x02
/* A Persistent Key List PDU carries at most 169 keys. */
#define WRDP_PERSISTENT_KEY_LIST_MAX 169

typedef struct wrdp_bitmapcache_persistent_list_entry {
    uint32_t Key1;
    uint32_t Key2;
} wrdp_bitmapcache_persistent_list_entry;

/* Persistent Key List PDU (2.2.1.17): the entry count is the sum of numEntriesCache0-4. */
typedef struct wrdp_persistent_key_list_pdu {
    wrdp_share_data_headers hdr;
    uint16_t numEntriesCache[5];
    uint16_t totalEntriesCache[5];
    uint8_t bBitMask;
    uint8_t Pad2;
    uint16_t Pad3;
    uint16_t entryCount;
    wrdp_bitmapcache_persistent_list_entry entries[WRDP_PERSISTENT_KEY_LIST_MAX];
} wrdp_persistent_key_list_pdu;

int wrdp_persistent_key_list_pdu_decode(wrdp_cursor *c, wrdp_persistent_key_list_pdu *out);
int wrdp_persistent_key_list_pdu_encode(const wrdp_persistent_key_list_pdu *in, wrdp_writer *w);

#define WRDP_FONTLIST_FIRST 0x0001
#define WRDP_FONTLIST_LAST 0x0002
#define WRDP_FONTMAP_FIRST 0x0001
#define WRDP_FONTMAP_LAST 0x0002

/* Font List PDU (2.2.1.18). */
typedef struct wrdp_font_list_pdu {
    wrdp_share_data_headers hdr;
    uint16_t numberFonts;
    uint16_t totalNumFonts;
    uint16_t listFlags;
    uint16_t entrySize;
} wrdp_font_list_pdu;

int wrdp_font_list_pdu_decode(wrdp_cursor *c, wrdp_font_list_pdu *out);
int wrdp_font_list_pdu_encode(const wrdp_font_list_pdu *in, wrdp_writer *w);

/* Font Map PDU (2.2.1.22). */
typedef struct wrdp_font_map_pdu {
    wrdp_share_data_headers hdr;
    uint16_t numberEntries;
    uint16_t totalNumEntries;
    uint16_t mapFlags;
    uint16_t entrySize;
} wrdp_font_map_pdu;

int wrdp_font_map_pdu_decode(wrdp_cursor *c, wrdp_font_map_pdu *out);
int wrdp_font_map_pdu_encode(const wrdp_font_map_pdu *in, wrdp_writer *w);

/* ---- Set Error Info PDU (2.2.5.1) ----------------------------------------- */
typedef struct wrdp_set_error_info_pdu {
    wrdp_share_data_headers hdr;
    uint32_t errorInfo;
} wrdp_set_error_info_pdu;

int wrdp_set_error_info_pdu_decode(wrdp_cursor *c, wrdp_set_error_info_pdu *out);
int wrdp_set_error_info_pdu_encode(const wrdp_set_error_info_pdu *in, wrdp_writer *w);

/* A sentence saying what a Set Error Info code (2.2.5.1.1) means; a generic
 * sentence for codes the specification does not list. Never NULL. */
const char *wrdp_error_info_text(uint32_t code);
/* The spec's constant name ("ERRINFO_IDLE_TIMEOUT"), or NULL for unknown codes. */
const char *wrdp_error_info_name(uint32_t code);

/* ---- Shutdown Request / Shutdown Request Denied (2.2.2.2, 2.2.2.3) --------
 * Share Data PDUs with no payload. */
typedef struct wrdp_shutdown_request_pdu {
    wrdp_share_data_headers hdr;
} wrdp_shutdown_request_pdu;
typedef struct wrdp_shutdown_denied_pdu {
    wrdp_share_data_headers hdr;
} wrdp_shutdown_denied_pdu;

int wrdp_shutdown_request_pdu_decode(wrdp_cursor *c, wrdp_shutdown_request_pdu *out);
int wrdp_shutdown_request_pdu_encode(const wrdp_shutdown_request_pdu *in, wrdp_writer *w);
int wrdp_shutdown_denied_pdu_decode(wrdp_cursor *c, wrdp_shutdown_denied_pdu *out);
int wrdp_shutdown_denied_pdu_encode(const wrdp_shutdown_denied_pdu *in, wrdp_writer *w);

/* ---- Server Deactivate All PDU (2.2.3.1) ---------------------------------- */
typedef struct wrdp_deactivate_all_pdu {
    wrdp_share_control_header shareControlHeader; /* totalLength computed */
    uint32_t shareID;
    wrdp_bytes sourceDescriptor;                  /* lengthSourceDescriptor computed */
} wrdp_deactivate_all_pdu;

int wrdp_deactivate_all_pdu_decode(wrdp_cursor *c, wrdp_deactivate_all_pdu *out);
int wrdp_deactivate_all_pdu_encode(const wrdp_deactivate_all_pdu *in, wrdp_writer *w);

/* ---- Monitor Layout PDU (2.2.12.1) ---------------------------------------- */
#define WRDP_MONITOR_LAYOUT_MAX 16
#define WRDP_TS_MONITOR_PRIMARY 0x00000001

/* TS_MONITOR_DEF (2.2.1.3.6.1), as carried by the Monitor Layout PDU. */
typedef struct wrdp_monitor_layout_def {
    int32_t left;
    int32_t top;
    int32_t right;
    int32_t bottom;
    uint32_t flags;
} wrdp_monitor_layout_def;

typedef struct wrdp_monitor_layout_pdu {
    wrdp_share_data_headers hdr;
    uint32_t monitorCount;
    wrdp_monitor_layout_def monitorDefArray[WRDP_MONITOR_LAYOUT_MAX];
} wrdp_monitor_layout_pdu;

int wrdp_monitor_layout_pdu_decode(wrdp_cursor *c, wrdp_monitor_layout_pdu *out);
int wrdp_monitor_layout_pdu_encode(const wrdp_monitor_layout_pdu *in, wrdp_writer *w);

/* ---- Save Session Info PDU (2.2.10.1) ------------------------------------- */
#define WRDP_INFOTYPE_LOGON 0x00000000
#define WRDP_INFOTYPE_LOGON_LONG 0x00000001
#define WRDP_INFOTYPE_LOGON_PLAINNOTIFY 0x00000002
#define WRDP_INFOTYPE_LOGON_EXTENDED_INFO 0x00000003

#define WRDP_LOGON_INFO_DOMAIN_SIZE 52
#define WRDP_LOGON_INFO_USERNAME_SIZE 512
#define WRDP_SAVE_SESSION_PAD_SIZE 576
#define WRDP_LOGON_INFO_V2_PAD_SIZE 558
#define WRDP_LOGON_EX_PAD_SIZE 570
#define WRDP_SAVE_SESSION_PDU_VERSION_ONE 0x0001
#define WRDP_LOGON_INFO_V2_SIZE 18

/* TS_LOGON_INFO (2.2.10.1.1.1): fixed 52- and 512-byte UTF-16 fields. Domain and
 * UserName view those whole fields on decode; the encoder zero-pads shorter
 * views. cbDomain / cbUserName are written as stored (they count the null
 * terminator inside the fixed field). */
typedef struct wrdp_logon_info {
    uint32_t cbDomain;
    wrdp_bytes Domain;
    uint32_t cbUserName;
    wrdp_bytes UserName;
    uint32_t SessionId;
} wrdp_logon_info;

int wrdp_logon_info_decode(wrdp_cursor *c, wrdp_logon_info *out);
int wrdp_logon_info_encode(const wrdp_logon_info *in, wrdp_writer *w);

/* TS_LOGON_INFO_VERSION_2 (2.2.10.1.1.2) followed by its 558-byte pad and the
 * Domain / UserName strings (with their terminators; cb* computed). */
typedef struct wrdp_logon_info_v2 {
    uint16_t Version;
    uint32_t SessionId;
    wrdp_bytes Pad;        /* the 558 pad bytes (empty view = zeros) */
    wrdp_bytes Domain;
    wrdp_bytes UserName;
} wrdp_logon_info_v2;

int wrdp_logon_info_v2_decode(wrdp_cursor *c, wrdp_logon_info_v2 *out);
int wrdp_logon_info_v2_encode(const wrdp_logon_info_v2 *in, wrdp_writer *w);

#define WRDP_LOGON_EX_AUTORECONNECTCOOKIE 0x00000001
#define WRDP_LOGON_EX_LOGONERRORS 0x00000002

#define WRDP_LOGON_MSG_DISCONNECT_REFUSED 0xFFFFFFF9
#define WRDP_LOGON_MSG_NO_PERMISSION 0xFFFFFFFA
#define WRDP_LOGON_MSG_BUMP_OPTIONS 0xFFFFFFFB
#define WRDP_LOGON_MSG_RECONNECT_OPTIONS 0xFFFFFFFC
#define WRDP_LOGON_MSG_SESSION_TERMINATE 0xFFFFFFFD
#define WRDP_LOGON_MSG_SESSION_CONTINUE 0xFFFFFFFE
#define WRDP_LOGON_FAILED_BAD_PASSWORD 0x00000000
#define WRDP_LOGON_FAILED_UPDATE_PASSWORD 0x00000001
#define WRDP_LOGON_FAILED_OTHER 0x00000002
#define WRDP_LOGON_WARNING 0x00000003

/* ARC_SC_PRIVATE_PACKET (2.2.4.2): the server's auto-reconnect cookie. */
typedef struct wrdp_arc_sc_private_packet {
    uint32_t Version;
    uint32_t LogonId;
    uint8_t ArcRandomBits[16];
} wrdp_arc_sc_private_packet;

/* TS_LOGON_ERRORS_INFO (2.2.10.1.1.4.1.1). */
typedef struct wrdp_logon_errors_info {
    uint32_t ErrorNotificationType;
    uint32_t ErrorNotificationData;
} wrdp_logon_errors_info;

/* TS_LOGON_INFO_EXTENDED (2.2.10.1.1.4) and its 570-byte pad. Length and the
 * cbFieldData fields are computed; FieldsPresent is derived from the fields. */
typedef struct wrdp_logon_info_extended {
    uint32_t FieldsPresent;
    wrdp_arc_sc_private_packet autoReconnect; /* when FieldsPresent has LOGON_EX_AUTORECONNECTCOOKIE */
    wrdp_logon_errors_info errorsInfo;        /* when FieldsPresent has LOGON_EX_LOGONERRORS */
    wrdp_bytes Pad;                           /* the 570 pad bytes (empty view = zeros) */
} wrdp_logon_info_extended;

int wrdp_logon_info_extended_decode(wrdp_cursor *c, wrdp_logon_info_extended *out);
int wrdp_logon_info_extended_encode(const wrdp_logon_info_extended *in, wrdp_writer *w);

/* TS_SAVE_SESSION_INFO_PDU_DATA (2.2.10.1.1): infoType + infoData. */
typedef struct wrdp_save_session_info {
    uint32_t infoType;
    wrdp_logon_info logonInfo;               /* INFOTYPE_LOGON */
    wrdp_logon_info_v2 logonInfoV2;          /* INFOTYPE_LOGON_LONG */
    wrdp_bytes plainNotifyPad;               /* INFOTYPE_LOGON_PLAINNOTIFY: 576 bytes (empty = zeros) */
    wrdp_logon_info_extended logonInfoEx;    /* INFOTYPE_LOGON_EXTENDED_INFO */
} wrdp_save_session_info;

int wrdp_save_session_info_decode(wrdp_cursor *c, wrdp_save_session_info *out);
int wrdp_save_session_info_encode(const wrdp_save_session_info *in, wrdp_writer *w);

/* Save Session Info PDU: the Share Data PDU around it. */
typedef struct wrdp_save_session_info_pdu {
    wrdp_share_data_headers hdr;
    wrdp_save_session_info data;
} wrdp_save_session_info_pdu;

int wrdp_save_session_info_pdu_decode(wrdp_cursor *c, wrdp_save_session_info_pdu *out);
int wrdp_save_session_info_pdu_encode(const wrdp_save_session_info_pdu *in, wrdp_writer *w);

/* ---- Virtual Channel PDU header (2.2.6.1.1) ------------------------------- */
#define WRDP_CHANNEL_FLAG_FIRST 0x00000001
#define WRDP_CHANNEL_FLAG_LAST 0x00000002
#define WRDP_CHANNEL_FLAG_SHOW_PROTOCOL 0x00000010
#define WRDP_CHANNEL_FLAG_SUSPEND 0x00000020
#define WRDP_CHANNEL_FLAG_RESUME 0x00000040
#define WRDP_CHANNEL_FLAG_SHADOW_PERSISTENT 0x00000080
#define WRDP_CHANNEL_PACKET_COMPRESSED 0x00200000
#define WRDP_CHANNEL_PACKET_AT_FRONT 0x00400000
#define WRDP_CHANNEL_PACKET_FLUSHED 0x00800000
#define WRDP_CHANNEL_CompressionTypeMask 0x000F0000
#define WRDP_CHANNEL_COMPRESSION_TYPE_SHIFT 16
#define WRDP_CHANNEL_CHUNK_LENGTH 1600

/* CHANNEL_PDU_HEADER: length is the total uncompressed length of the whole
 * virtual channel message, not of this chunk, so it is written as stored. */
typedef struct wrdp_channel_pdu_header {
    uint32_t length;
    uint32_t flags;
} wrdp_channel_pdu_header;

int wrdp_channel_pdu_header_decode(wrdp_cursor *c, wrdp_channel_pdu_header *out);
int wrdp_channel_pdu_header_encode(const wrdp_channel_pdu_header *in, wrdp_writer *w);

/* ---- Auto-Detect (2.2.14) ------------------------------------------------- */
#define WRDP_TYPE_ID_AUTODETECT_REQUEST 0x00
#define WRDP_TYPE_ID_AUTODETECT_RESPONSE 0x01

#define WRDP_RDP_RTT_REQUEST_TYPE_CONTINUOUS 0x0001
#define WRDP_RDP_RTT_REQUEST_TYPE_CONNECTTIME 0x1001
#define WRDP_RDP_BW_START_REQUEST_TYPE_CONTINUOUS 0x0014
#define WRDP_RDP_BW_START_REQUEST_TYPE_TUNNEL 0x0114
#define WRDP_RDP_BW_START_REQUEST_TYPE_CONNECTTIME 0x1014
#define WRDP_RDP_BW_PAYLOAD_REQUEST_TYPE 0x0002
#define WRDP_RDP_BW_STOP_REQUEST_TYPE_CONNECTTIME 0x002B
#define WRDP_RDP_BW_STOP_REQUEST_TYPE_CONTINUOUS 0x0429
#define WRDP_RDP_BW_STOP_REQUEST_TYPE_TUNNEL 0x0629
#define WRDP_RDP_NETCHAR_RESULT_BASERTT_AVERAGERTT 0x0840
#define WRDP_RDP_NETCHAR_RESULT_BANDWIDTH_AVERAGERTT 0x0880
#define WRDP_RDP_NETCHAR_RESULT_ALL 0x08C0

#define WRDP_RDP_RTT_RESPONSE_TYPE 0x0000
#define WRDP_RDP_BW_RESULTS_RESPONSE_TYPE_CONNECTTIME 0x0003
#define WRDP_RDP_BW_RESULTS_RESPONSE_TYPE_CONTINUOUS 0x000B
#define WRDP_RDP_NETCHAR_SYNC_RESPONSE_TYPE 0x0018

/* One auto-detect request (2.2.14.1.1 - 2.2.14.1.5), chosen by requestType:
 * RTT Measure Request, Bandwidth Measure Start / Payload / Stop, Network
 * Characteristics Result. headerLength and payloadLength are computed; fields
 * the type does not carry are ignored by the encoder. */
typedef struct wrdp_autodetect_request {
    uint8_t headerLength;
    uint8_t headerTypeId;
    uint16_t sequenceNumber;
    uint16_t requestType;
    wrdp_bytes payload;   /* Bandwidth Measure Payload, and Stop with CONNECTTIME */
    uint32_t baseRTT;
    uint32_t bandwidth;
    uint32_t averageRTT;
} wrdp_autodetect_request;

int wrdp_autodetect_request_decode(wrdp_cursor *c, wrdp_autodetect_request *out);
int wrdp_autodetect_request_encode(const wrdp_autodetect_request *in, wrdp_writer *w);

/* One auto-detect response (2.2.14.2.1 - 2.2.14.2.3), chosen by responseType:
 * RTT Measure Response, Bandwidth Measure Results, Network Characteristics Sync. */
typedef struct wrdp_autodetect_response {
    uint8_t headerLength;
    uint8_t headerTypeId;
    uint16_t sequenceNumber;
    uint16_t responseType;
    uint32_t timeDelta;   /* Bandwidth Measure Results */
    uint32_t byteCount;   /* Bandwidth Measure Results */
    uint32_t bandwidth;   /* Network Characteristics Sync */
    uint32_t rtt;         /* Network Characteristics Sync */
} wrdp_autodetect_response;

int wrdp_autodetect_response_decode(wrdp_cursor *c, wrdp_autodetect_response *out);
int wrdp_autodetect_response_encode(const wrdp_autodetect_response *in, wrdp_writer *w);

/* Auto-Detect Request / Response PDU (2.2.14.3, 2.2.14.4): Basic Security Header
 * with SEC_AUTODETECT_REQ / SEC_AUTODETECT_RSP + one request / response. */
typedef struct wrdp_autodetect_request_pdu {
    wrdp_basic_security_header securityHeader;
    wrdp_autodetect_request autoDetectReqData;
} wrdp_autodetect_request_pdu;
typedef struct wrdp_autodetect_response_pdu {
    wrdp_basic_security_header securityHeader;
    wrdp_autodetect_response autoDetectRspData;
} wrdp_autodetect_response_pdu;

int wrdp_autodetect_request_pdu_decode(wrdp_cursor *c, wrdp_autodetect_request_pdu *out);
int wrdp_autodetect_request_pdu_encode(const wrdp_autodetect_request_pdu *in, wrdp_writer *w);
int wrdp_autodetect_response_pdu_decode(wrdp_cursor *c, wrdp_autodetect_response_pdu *out);
int wrdp_autodetect_response_pdu_encode(const wrdp_autodetect_response_pdu *in, wrdp_writer *w);

#ifdef __cplusplus
}
#endif
#endif
