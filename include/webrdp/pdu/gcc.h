/* webrdp — GCC Conference Create Request / Response (T.124 PER wrappers) and
 * the client and server settings data blocks they carry (MS-RDPBCGR 2.2.1.3,
 * 2.2.1.4). Single blocks are decoded from their body (after the 4-byte
 * TS_UD_HEADER); the block lists read and write the headers. */
#ifndef WEBRDP_PDU_GCC_H
#define WEBRDP_PDU_GCC_H

#include <stdbool.h>

#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- User Data Header (2.2.1.3.1) block types ---------------------------- */
#define WRDP_CS_CORE 0xC001
#define WRDP_CS_SECURITY 0xC002
#define WRDP_CS_NET 0xC003
#define WRDP_CS_CLUSTER 0xC004
#define WRDP_CS_MONITOR 0xC005
#define WRDP_CS_MCS_MSGCHANNEL 0xC006
#define WRDP_CS_MONITOR_EX 0xC008
#define WRDP_CS_MULTITRANSPORT 0xC00A
#define WRDP_SC_CORE 0x0C01
#define WRDP_SC_SECURITY 0x0C02
#define WRDP_SC_NET 0x0C03
#define WRDP_SC_MCS_MSGCHANNEL 0x0C04
#define WRDP_SC_MULTITRANSPORT 0x0C08

/* ---- Client Core Data (2.2.1.3.2, TS_UD_CS_CORE) --------------------------- */
#define WRDP_RDP_VERSION_4 0x00080001
#define WRDP_RDP_VERSION_5_PLUS 0x00080004
#define WRDP_RNS_UD_COLOR_4BPP 0xCA00
#define WRDP_RNS_UD_COLOR_8BPP 0xCA01
#define WRDP_RNS_UD_SAS_DEL 0xAA03
#define WRDP_RNS_UD_24BPP_SUPPORT 0x0001
#define WRDP_RNS_UD_16BPP_SUPPORT 0x0002
#define WRDP_RNS_UD_15BPP_SUPPORT 0x0004
#define WRDP_RNS_UD_32BPP_SUPPORT 0x0008
#define WRDP_RNS_UD_CS_SUPPORT_ERRINFO_PDU 0x0001
#define WRDP_RNS_UD_CS_WANT_32BPP_SESSION 0x0002
#define WRDP_RNS_UD_CS_SUPPORT_STATUSINFO_PDU 0x0004
#define WRDP_RNS_UD_CS_STRONG_ASYMMETRIC_KEYS 0x0008
#define WRDP_RNS_UD_CS_VALID_CONNECTION_TYPE 0x0020
#define WRDP_RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU 0x0040
#define WRDP_RNS_UD_CS_SUPPORT_NETCHAR_AUTODETECT 0x0080
#define WRDP_RNS_UD_CS_SUPPORT_DYNVC_GFX_PROTOCOL 0x0100
#define WRDP_RNS_UD_CS_SUPPORT_DYNAMIC_TIME_ZONE 0x0200
#define WRDP_RNS_UD_CS_SUPPORT_HEARTBEAT_PDU 0x0400
#define WRDP_RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN 0x0800
/* The optional trailing fields, in wire order; optionalFieldCount counts how
 * many of them (from postBeta2ColorDepth on) are present. */
#define WRDP_GCC_CORE_OPTIONAL_FIELDS 15

typedef struct wrdp_gcc_client_core_data {
    uint32_t version;
    uint16_t desktopWidth;
    uint16_t desktopHeight;
    uint16_t colorDepth;
    uint16_t SASSequence;
    uint32_t keyboardLayout;
    uint32_t clientBuild;
    uint8_t clientName[32];        /* UTF-16LE, NUL-terminated */
    uint32_t keyboardType;
    uint32_t keyboardSubType;
    uint32_t keyboardFunctionKey;
    uint8_t imeFileName[64];       /* UTF-16LE, NUL-terminated */
    /* optional, in order: */
    uint16_t postBeta2ColorDepth;
    uint16_t clientProductId;
    uint32_t serialNumber;
    uint16_t highColorDepth;
    uint16_t supportedColorDepths;
    uint16_t earlyCapabilityFlags;
    uint8_t clientDigProductId[64];/* UTF-16LE, NUL-terminated */
    uint8_t connectionType;
    uint8_t pad1octet;
    uint32_t serverSelectedProtocol;
    uint32_t desktopPhysicalWidth;
    uint32_t desktopPhysicalHeight;
    uint16_t desktopOrientation;
    uint32_t desktopScaleFactor;
    uint32_t deviceScaleFactor;
    uint8_t optionalFieldCount;    /* 0..WRDP_GCC_CORE_OPTIONAL_FIELDS */
    wrdp_bytes trailing;           /* bytes after deviceScaleFactor (newer fields), kept as is */
} wrdp_gcc_client_core_data;

int wrdp_gcc_client_core_data_decode(wrdp_cursor *c, wrdp_gcc_client_core_data *out);
int wrdp_gcc_client_core_data_encode(const wrdp_gcc_client_core_data *in, wrdp_writer *w);

/* ---- Client Security Data (2.2.1.3.3) --------------------------------------- */
#define WRDP_ENCRYPTION_METHOD_NONE 0x00000000
#define WRDP_ENCRYPTION_METHOD_40BIT 0x00000001
#define WRDP_ENCRYPTION_METHOD_128BIT 0x00000002
#define WRDP_ENCRYPTION_METHOD_56BIT 0x00000008
#define WRDP_ENCRYPTION_METHOD_FIPS 0x00000010

typedef struct wrdp_gcc_client_security_data {
    uint32_t encryptionMethods;
    uint32_t extEncryptionMethods;
} wrdp_gcc_client_security_data;

int wrdp_gcc_client_security_data_decode(wrdp_cursor *c, wrdp_gcc_client_security_data *out);
int wrdp_gcc_client_security_data_encode(const wrdp_gcc_client_security_data *in, wrdp_writer *w);

/* ---- Client Network Data (2.2.1.3.4) ---------------------------------------- */
#define WRDP_GCC_CHANNELS_MAX 31
#define WRDP_CHANNEL_OPTION_INITIALIZED 0x80000000
#define WRDP_CHANNEL_OPTION_ENCRYPT_RDP 0x40000000
#define WRDP_CHANNEL_OPTION_ENCRYPT_SC 0x20000000
#define WRDP_CHANNEL_OPTION_ENCRYPT_CS 0x10000000
#define WRDP_CHANNEL_OPTION_PRI_HIGH 0x08000000
#define WRDP_CHANNEL_OPTION_PRI_MED 0x04000000
#define WRDP_CHANNEL_OPTION_PRI_LOW 0x02000000
#define WRDP_CHANNEL_OPTION_COMPRESS_RDP 0x00800000
#define WRDP_CHANNEL_OPTION_COMPRESS 0x00400000
#define WRDP_CHANNEL_OPTION_SHOW_PROTOCOL 0x00200000
#define WRDP_REMOTE_CONTROL_PERSISTENT 0x00100000

typedef struct wrdp_gcc_channel_def {
    char name[8];        /* ANSI, NUL-terminated (7 characters at most) */
    uint32_t options;
} wrdp_gcc_channel_def;

typedef struct wrdp_gcc_client_network_data {
    uint32_t channelCount;
    wrdp_gcc_channel_def channelDefArray[WRDP_GCC_CHANNELS_MAX];
} wrdp_gcc_client_network_data;

int wrdp_gcc_client_network_data_decode(wrdp_cursor *c, wrdp_gcc_client_network_data *out);
int wrdp_gcc_client_network_data_encode(const wrdp_gcc_client_network_data *in, wrdp_writer *w);

/* ---- Client Cluster Data (2.2.1.3.5) ---------------------------------------- */
#define WRDP_REDIRECTION_SUPPORTED 0x00000001
#define WRDP_REDIRECTED_SESSIONID_FIELD_VALID 0x00000002
#define WRDP_REDIRECTED_SMARTCARD 0x00000040
#define WRDP_ServerSessionRedirectionVersionMask 0x0000003C

typedef struct wrdp_gcc_client_cluster_data {
    uint32_t Flags;
    uint32_t RedirectedSessionID;
} wrdp_gcc_client_cluster_data;

int wrdp_gcc_client_cluster_data_decode(wrdp_cursor *c, wrdp_gcc_client_cluster_data *out);
int wrdp_gcc_client_cluster_data_encode(const wrdp_gcc_client_cluster_data *in, wrdp_writer *w);

/* ---- Client Monitor Data (2.2.1.3.6) ---------------------------------------- */
#define WRDP_GCC_MONITORS_MAX 16
#define WRDP_TS_MONITOR_PRIMARY 0x00000001

typedef struct wrdp_gcc_monitor_def {
    int32_t left;
    int32_t top;
    int32_t right;
    int32_t bottom;
    uint32_t flags;
} wrdp_gcc_monitor_def;

typedef struct wrdp_gcc_client_monitor_data {
    uint32_t flags;
    uint32_t monitorCount;
    wrdp_gcc_monitor_def monitorDefArray[WRDP_GCC_MONITORS_MAX];
} wrdp_gcc_client_monitor_data;

int wrdp_gcc_client_monitor_data_decode(wrdp_cursor *c, wrdp_gcc_client_monitor_data *out);
int wrdp_gcc_client_monitor_data_encode(const wrdp_gcc_client_monitor_data *in, wrdp_writer *w);

/* ---- Client Monitor Extended Data (2.2.1.3.9) -------------------------------- */
#define WRDP_GCC_MONITOR_ATTRIBUTE_SIZE 20

typedef struct wrdp_gcc_monitor_attributes {
    uint32_t physicalWidth;
    uint32_t physicalHeight;
    uint32_t orientation;
    uint32_t desktopScaleFactor;
    uint32_t deviceScaleFactor;
} wrdp_gcc_monitor_attributes;

typedef struct wrdp_gcc_client_monitor_extended_data {
    uint32_t flags;
    /* monitorAttributeSize is always 20 (checked on decode, written by the encoder) */
    uint32_t monitorCount;
    wrdp_gcc_monitor_attributes monitorAttributesArray[WRDP_GCC_MONITORS_MAX];
} wrdp_gcc_client_monitor_extended_data;

int wrdp_gcc_client_monitor_extended_data_decode(wrdp_cursor *c, wrdp_gcc_client_monitor_extended_data *out);
int wrdp_gcc_client_monitor_extended_data_encode(const wrdp_gcc_client_monitor_extended_data *in, wrdp_writer *w);

/* ---- Client Message Channel Data (2.2.1.3.7) --------------------------------- */
typedef struct wrdp_gcc_client_message_channel_data {
    uint32_t flags;
} wrdp_gcc_client_message_channel_data;

int wrdp_gcc_client_message_channel_data_decode(wrdp_cursor *c, wrdp_gcc_client_message_channel_data *out);
int wrdp_gcc_client_message_channel_data_encode(const wrdp_gcc_client_message_channel_data *in, wrdp_writer *w);

/* ---- Client / Server Multitransport Channel Data (2.2.1.3.8, 2.2.1.4.6) ------- */
#define WRDP_TRANSPORTTYPE_UDPFECR 0x01
#define WRDP_TRANSPORTTYPE_UDPFECL 0x04
#define WRDP_TRANSPORTTYPE_UDP_PREFERRED 0x100
#define WRDP_SOFTSYNC_TCP_TO_UDP 0x200

typedef struct wrdp_gcc_client_multitransport_channel_data {
    uint32_t flags;
} wrdp_gcc_client_multitransport_channel_data;

int wrdp_gcc_client_multitransport_channel_data_decode(wrdp_cursor *c,
                                                       wrdp_gcc_client_multitransport_channel_data *out);
int wrdp_gcc_client_multitransport_channel_data_encode(const wrdp_gcc_client_multitransport_channel_data *in,
                                                       wrdp_writer *w);

/* ---- Blocks of unknown type, kept as raw bodies ------------------------------ */
#define WRDP_GCC_BLOCKS_MAX 16       /* blocks in one list */
#define WRDP_GCC_OTHER_BLOCKS_MAX 8  /* of which of an unknown type */

typedef struct wrdp_gcc_other_block {
    uint16_t type;
    wrdp_bytes data;  /* body, without the TS_UD_HEADER */
} wrdp_gcc_other_block;

/* ---- Client data blocks: the concatenation carried in the GCC userData -----
 * blockTypes keeps the wire order (the k-th unknown type in it is other[k]).
 * The encoder follows blockTypes; when blockCount is 0 it writes the present
 * blocks in the usual order (core, security, network, cluster, monitor,
 * message channel, monitor extended, multitransport, then the others).
 * A known block type may appear once. */
typedef struct wrdp_gcc_client_data_blocks {
    size_t blockCount;
    uint16_t blockTypes[WRDP_GCC_BLOCKS_MAX];
    bool clientCoreDataPresent;
    bool clientSecurityDataPresent;
    bool clientNetworkDataPresent;
    bool clientClusterDataPresent;
    bool clientMonitorDataPresent;
    bool clientMessageChannelDataPresent;
    bool clientMonitorExtendedDataPresent;
    bool clientMultitransportChannelDataPresent;
    wrdp_gcc_client_core_data clientCoreData;
    wrdp_gcc_client_security_data clientSecurityData;
    wrdp_gcc_client_network_data clientNetworkData;
    wrdp_gcc_client_cluster_data clientClusterData;
    wrdp_gcc_client_monitor_data clientMonitorData;
    wrdp_gcc_client_message_channel_data clientMessageChannelData;
    wrdp_gcc_client_monitor_extended_data clientMonitorExtendedData;
    wrdp_gcc_client_multitransport_channel_data clientMultitransportChannelData;
    size_t otherCount;
    wrdp_gcc_other_block other[WRDP_GCC_OTHER_BLOCKS_MAX];
} wrdp_gcc_client_data_blocks;

/* Reads blocks until the cursor is empty; a list has at least one block. */
int wrdp_gcc_client_data_blocks_decode(wrdp_cursor *c, wrdp_gcc_client_data_blocks *out);
int wrdp_gcc_client_data_blocks_encode(const wrdp_gcc_client_data_blocks *in, wrdp_writer *w);

/* ---- Server Core Data (2.2.1.4.2) ------------------------------------------- */
#define WRDP_RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V1 0x00000001
#define WRDP_RNS_UD_SC_DYNAMIC_DST_SUPPORTED 0x00000002
#define WRDP_RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V2 0x00000004
#define WRDP_RNS_UD_SC_SKIP_CHANNELJOIN_SUPPORTED 0x00000008

typedef struct wrdp_gcc_server_core_data {
    uint32_t version;
    uint32_t clientRequestedProtocols;  /* optional */
    uint32_t earlyCapabilityFlags;      /* optional */
    uint8_t optionalFieldCount;         /* 0, 1 or 2 */
    wrdp_bytes trailing;                /* bytes after earlyCapabilityFlags, kept as is */
} wrdp_gcc_server_core_data;

int wrdp_gcc_server_core_data_decode(wrdp_cursor *c, wrdp_gcc_server_core_data *out);
int wrdp_gcc_server_core_data_encode(const wrdp_gcc_server_core_data *in, wrdp_writer *w);

/* ---- Server Security Data (2.2.1.4.3) ---------------------------------------
 * serverRandomLen .. serverCertificate are present unless both encryptionMethod
 * and encryptionLevel are 0. The certificate is a view; decode it with
 * wrdp_gcc_server_certificate_decode. */
#define WRDP_ENCRYPTION_LEVEL_NONE 0
#define WRDP_ENCRYPTION_LEVEL_LOW 1
#define WRDP_ENCRYPTION_LEVEL_CLIENT_COMPATIBLE 2
#define WRDP_ENCRYPTION_LEVEL_HIGH 3
#define WRDP_ENCRYPTION_LEVEL_FIPS 4
#define WRDP_SERVER_RANDOM_LEN 32

typedef struct wrdp_gcc_server_security_data {
    uint32_t encryptionMethod;
    uint32_t encryptionLevel;
    wrdp_bytes serverRandom;       /* 32 bytes when present */
    wrdp_bytes serverCertificate;
} wrdp_gcc_server_security_data;

int wrdp_gcc_server_security_data_decode(wrdp_cursor *c, wrdp_gcc_server_security_data *out);
int wrdp_gcc_server_security_data_encode(const wrdp_gcc_server_security_data *in, wrdp_writer *w);

/* ---- Server Certificate (2.2.1.4.3.1): proprietary or X.509 chain ----------- */
#define WRDP_CERT_CHAIN_VERSION_1 0x00000001
#define WRDP_CERT_CHAIN_VERSION_2 0x00000002
#define WRDP_CERT_CHAIN_VERSION_MASK 0x7FFFFFFF
#define WRDP_SIGNATURE_ALG_RSA 0x00000001
#define WRDP_KEY_EXCHANGE_ALG_RSA 0x00000001
#define WRDP_BB_RSA_KEY_BLOB 0x0006
#define WRDP_BB_RSA_SIGNATURE_BLOB 0x0008
#define WRDP_RSA1_MAGIC 0x31415352 /* "RSA1" */
#define WRDP_GCC_CERT_BLOBS_MAX 32

/* RSA_PUBLIC_KEY (2.2.1.4.3.1.1.1); keylen is modulus.len (written by the encoder). */
typedef struct wrdp_gcc_rsa_public_key {
    uint32_t magic;
    uint32_t bitlen;
    uint32_t datalen;
    uint32_t pubExp;
    wrdp_bytes modulus;
} wrdp_gcc_rsa_public_key;

/* PROPRIETARYSERVERCERTIFICATE (2.2.1.4.3.1.1); blob lengths are computed. */
typedef struct wrdp_gcc_proprietary_certificate {
    uint32_t dwSigAlgId;
    uint32_t dwKeyAlgId;
    uint16_t wPublicKeyBlobType;
    wrdp_gcc_rsa_public_key PublicKeyBlob;
    uint16_t wSignatureBlobType;
    wrdp_bytes SignatureBlob;
} wrdp_gcc_proprietary_certificate;

/* X.509 Certificate Chain ([MS-RDPELE] 2.2.1.4.2): each certificate is a DER view. */
typedef struct wrdp_gcc_x509_certificate_chain {
    uint32_t NumCertBlobs;
    wrdp_bytes CertBlobArray[WRDP_GCC_CERT_BLOBS_MAX];
    wrdp_bytes Padding;  /* the rest of the certificate */
} wrdp_gcc_x509_certificate_chain;

typedef struct wrdp_gcc_server_certificate {
    uint32_t dwVersion;  /* low 31 bits: CERT_CHAIN_VERSION_1 or _2; top bit: temporary */
    wrdp_gcc_proprietary_certificate proprietary;   /* version 1 */
    wrdp_gcc_x509_certificate_chain x509;            /* version 2 */
} wrdp_gcc_server_certificate;

int wrdp_gcc_server_certificate_decode(wrdp_cursor *c, wrdp_gcc_server_certificate *out);
int wrdp_gcc_server_certificate_encode(const wrdp_gcc_server_certificate *in, wrdp_writer *w);

/* ---- Server Network Data (2.2.1.4.4) ----------------------------------------- */
typedef struct wrdp_gcc_server_network_data {
    uint16_t MCSChannelId;
    uint16_t channelCount;
    uint16_t channelIdArray[WRDP_GCC_CHANNELS_MAX];
    bool padPresent;  /* odd channelCount: the 2-byte Pad follows (some servers omit it) */
    uint16_t Pad;
} wrdp_gcc_server_network_data;

int wrdp_gcc_server_network_data_decode(wrdp_cursor *c, wrdp_gcc_server_network_data *out);
int wrdp_gcc_server_network_data_encode(const wrdp_gcc_server_network_data *in, wrdp_writer *w);

/* ---- Server Message Channel Data (2.2.1.4.5) ---------------------------------- */
typedef struct wrdp_gcc_server_message_channel_data {
    uint16_t MCSChannelID;
} wrdp_gcc_server_message_channel_data;

int wrdp_gcc_server_message_channel_data_decode(wrdp_cursor *c, wrdp_gcc_server_message_channel_data *out);
int wrdp_gcc_server_message_channel_data_encode(const wrdp_gcc_server_message_channel_data *in, wrdp_writer *w);

/* ---- Server Multitransport Channel Data (2.2.1.4.6) --------------------------- */
typedef struct wrdp_gcc_server_multitransport_channel_data {
    uint32_t flags;
} wrdp_gcc_server_multitransport_channel_data;

int wrdp_gcc_server_multitransport_channel_data_decode(wrdp_cursor *c,
                                                       wrdp_gcc_server_multitransport_channel_data *out);
int wrdp_gcc_server_multitransport_channel_data_encode(const wrdp_gcc_server_multitransport_channel_data *in,
                                                       wrdp_writer *w);

/* ---- Server data blocks (same rules as the client list) ----------------------- */
typedef struct wrdp_gcc_server_data_blocks {
    size_t blockCount;
    uint16_t blockTypes[WRDP_GCC_BLOCKS_MAX];
    bool serverCoreDataPresent;
    bool serverSecurityDataPresent;
    bool serverNetworkDataPresent;
    bool serverMessageChannelDataPresent;
    bool serverMultitransportChannelDataPresent;
    wrdp_gcc_server_core_data serverCoreData;
    wrdp_gcc_server_security_data serverSecurityData;
    wrdp_gcc_server_network_data serverNetworkData;
    wrdp_gcc_server_message_channel_data serverMessageChannelData;
    wrdp_gcc_server_multitransport_channel_data serverMultitransportChannelData;
    size_t otherCount;
    wrdp_gcc_other_block other[WRDP_GCC_OTHER_BLOCKS_MAX];
} wrdp_gcc_server_data_blocks;

int wrdp_gcc_server_data_blocks_decode(wrdp_cursor *c, wrdp_gcc_server_data_blocks *out);
int wrdp_gcc_server_data_blocks_encode(const wrdp_gcc_server_data_blocks *in, wrdp_writer *w);

/* ---- GCC Conference Create Request (2.2.1.3, T.124 8.7 / 9.5) ----------------
 * ConnectData { t124Identifier 0.0.20.124.0.1, connectPDU { ConferenceCreateRequest
 * { conferenceName, userData { h221NonStandard "Duca", value = client blocks } } } }.
 * connectPDULength is the length the sender wrote (implementations disagree
 * on it and receivers ignore it); 0 makes the encoder write the true length. */
#define WRDP_GCC_CONFERENCE_NAME_MAX 16

typedef struct wrdp_gcc_conference_create_request {
    uint16_t connectPDULength;
    char conferenceName[WRDP_GCC_CONFERENCE_NAME_MAX + 1]; /* digits, NUL-terminated; "1" */
    wrdp_gcc_client_data_blocks userData;
} wrdp_gcc_conference_create_request;

int wrdp_gcc_conference_create_request_decode(wrdp_cursor *c, wrdp_gcc_conference_create_request *out);
int wrdp_gcc_conference_create_request_encode(const wrdp_gcc_conference_create_request *in, wrdp_writer *w);

/* ---- GCC Conference Create Response (2.2.1.4, T.124 8.7 / 9.5) ----------------
 * nodeID is a UserID (integer16 with a minimum of 1001); result is the raw
 * PER octet (0 = success); h221NonStandard key "McDn". */
#define WRDP_GCC_NODE_ID_MIN 1001

typedef struct wrdp_gcc_conference_create_response {
    uint16_t connectPDULength;  /* as for the request */
    uint16_t nodeID;
    uint32_t tag;
    uint8_t result;
    wrdp_gcc_server_data_blocks userData;
} wrdp_gcc_conference_create_response;

int wrdp_gcc_conference_create_response_decode(wrdp_cursor *c, wrdp_gcc_conference_create_response *out);
int wrdp_gcc_conference_create_response_encode(const wrdp_gcc_conference_create_response *in, wrdp_writer *w);

#ifdef __cplusplus
}
#endif
#endif
