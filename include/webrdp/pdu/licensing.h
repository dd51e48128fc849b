/* webrdp — licensing PDUs (MS-RDPBCGR 2.2.1.12, MS-RDPELE 2.2.2): the licensing
 * preamble and binary blobs, the server's License Request, Platform Challenge,
 * New / Upgrade License and Licensing Error messages, the client's New License
 * Request, License Information and Platform Challenge Response, and the
 * decrypted structures carried inside them.
 *
 * Each message struct holds its LICENSE_PREAMBLE and covers the bytes that
 * follow the basic security header; wrdp_license_pdu adds that header and
 * dispatches on bMsgType. Encrypted parts stay opaque views here: decrypting
 * them (and the key derivation) is the licensing crypto's job. */
#ifndef WEBRDP_PDU_LICENSING_H
#define WEBRDP_PDU_LICENSING_H

#include <stdbool.h>

#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- basic security header flags (MS-RDPBCGR 2.2.8.1.1.2.1) ---------------
 * Only those the licensing PDUs use; the rdp family may define the same names. */
#ifndef WRDP_SEC_ENCRYPT
#define WRDP_SEC_ENCRYPT 0x0008
#endif
#ifndef WRDP_SEC_LICENSE_PKT
#define WRDP_SEC_LICENSE_PKT 0x0080
#endif
#ifndef WRDP_SEC_LICENSE_ENCRYPT_CS
#define WRDP_SEC_LICENSE_ENCRYPT_CS 0x0200
#endif
#ifndef WRDP_SEC_LICENSE_ENCRYPT_SC
#define WRDP_SEC_LICENSE_ENCRYPT_SC 0x0200
#endif
#ifndef WRDP_SEC_FLAGSHI_VALID
#define WRDP_SEC_FLAGSHI_VALID 0x8000
#endif

/* ---- LICENSE_PREAMBLE (MS-RDPBCGR 2.2.1.12.1.1) ---------------------------- */
#define WRDP_LICENSE_REQUEST 0x01
#define WRDP_PLATFORM_CHALLENGE 0x02
#define WRDP_NEW_LICENSE 0x03
#define WRDP_UPGRADE_LICENSE 0x04
#define WRDP_LICENSE_INFO 0x12
#define WRDP_NEW_LICENSE_REQUEST 0x13
#define WRDP_PLATFORM_CHALLENGE_RESPONSE 0x15
#define WRDP_ERROR_ALERT 0xFF

#define WRDP_LICENSE_PROTOCOL_VERSION_MASK 0x0F
#define WRDP_PREAMBLE_VERSION_2_0 0x02 /* RDP 4.0 */
#define WRDP_PREAMBLE_VERSION_3_0 0x03 /* RDP 5.0 and later */
#define WRDP_EXTENDED_ERROR_MSG_SUPPORTED 0x80

#define WRDP_LICENSE_PREAMBLE_SIZE 4

typedef struct wrdp_license_preamble {
    uint8_t bMsgType;  /* WRDP_LICENSE_REQUEST ... WRDP_ERROR_ALERT */
    uint8_t flags;     /* PREAMBLE_VERSION_* | EXTENDED_ERROR_MSG_SUPPORTED */
    /* Size of the licensing packet from the preamble on. Decoders keep the value
     * they read and do not require it to match (Windows counts the 4-byte
     * security header too in the MS-RDPBCGR 4.1 trace). Message encoders compute
     * it; they keep that "+4" convention only when the stored value has it. */
    uint16_t wMsgSize;
} wrdp_license_preamble;

/* Reads a preamble; fails on an unknown bMsgType. */
int wrdp_license_preamble_decode(wrdp_cursor *c, wrdp_license_preamble *out);
/* Writes the preamble as given (wMsgSize included). */
int wrdp_license_preamble_encode(const wrdp_license_preamble *in, wrdp_writer *w);

/* Basic security header (flags, flagsHi) + preamble: the "license header" that
 * starts every licensing PDU on the wire. Standalone, wMsgSize is written as given. */
typedef struct wrdp_license_header {
    uint16_t flags;    /* WRDP_SEC_LICENSE_PKT, possibly WRDP_SEC_LICENSE_ENCRYPT_* */
    uint16_t flagsHi;
    wrdp_license_preamble preamble;
} wrdp_license_header;

/* The basic security header of a licensing PDU (flags, flagsHi); fails unless SEC_LICENSE_PKT is set. */
int wrdp_license_security_header_decode(wrdp_cursor *c, uint16_t *flags, uint16_t *flagsHi);
int wrdp_license_header_decode(wrdp_cursor *c, wrdp_license_header *out);
int wrdp_license_header_encode(const wrdp_license_header *in, wrdp_writer *w);

/* ---- LICENSE_BINARY_BLOB (MS-RDPBCGR 2.2.1.12.1.2) ------------------------- */
#define WRDP_BB_ANY_BLOB 0x0000
#define WRDP_BB_DATA_BLOB 0x0001
#define WRDP_BB_RANDOM_BLOB 0x0002
#define WRDP_BB_CERTIFICATE_BLOB 0x0003
#define WRDP_BB_ERROR_BLOB 0x0004
#define WRDP_BB_ENCRYPTED_DATA_BLOB 0x0009
#define WRDP_BB_KEY_EXCHG_ALG_BLOB 0x000D
#define WRDP_BB_SCOPE_BLOB 0x000E
#define WRDP_BB_CLIENT_USER_NAME_BLOB 0x000F
#define WRDP_BB_CLIENT_MACHINE_NAME_BLOB 0x0010

/* wBlobType is kept as read (servers send 0 where it "MUST be ignored"); wBlobLen
 * is blobData.len, computed on encode. */
typedef struct wrdp_license_blob {
    uint16_t wBlobType;
    wrdp_bytes blobData;
} wrdp_license_blob;

int wrdp_license_blob_decode(wrdp_cursor *c, wrdp_license_blob *out);
int wrdp_license_blob_encode(const wrdp_license_blob *in, wrdp_writer *w);

/* ---- Product Information (MS-RDPELE 2.2.2.1.1) ------------------------------ */
typedef struct wrdp_license_product_info {
    uint32_t dwVersion;
    wrdp_bytes pbCompanyName; /* UTF-16LE with its terminating NUL; cbCompanyName = len */
    wrdp_bytes pbProductId;   /* UTF-16LE with its terminating NUL; cbProductId = len */
} wrdp_license_product_info;

int wrdp_license_product_info_decode(wrdp_cursor *c, wrdp_license_product_info *out);
int wrdp_license_product_info_encode(const wrdp_license_product_info *in, wrdp_writer *w);

/* ---- Key Exchange List: a BB_KEY_EXCHG_ALG_BLOB of 32-bit algorithm ids ---- */
#define WRDP_KEY_EXCHANGE_ALG_RSA 0x00000001
#define WRDP_LICENSE_KEY_EXCHANGE_MAX 16

typedef struct wrdp_license_key_exchange_list {
    uint16_t wBlobType; /* WRDP_BB_KEY_EXCHG_ALG_BLOB */
    size_t count;
    uint32_t KeyExchangeAlg[WRDP_LICENSE_KEY_EXCHANGE_MAX];
} wrdp_license_key_exchange_list;

int wrdp_license_key_exchange_list_decode(wrdp_cursor *c, wrdp_license_key_exchange_list *out);
int wrdp_license_key_exchange_list_encode(const wrdp_license_key_exchange_list *in, wrdp_writer *w);

/* ---- Scope List (MS-RDPELE 2.2.2.1.2): ScopeCount + BB_SCOPE_BLOB scopes ---- */
#define WRDP_LICENSE_SCOPE_MAX 16

typedef struct wrdp_license_scope_list {
    uint32_t ScopeCount;
    wrdp_license_blob ScopeArray[WRDP_LICENSE_SCOPE_MAX]; /* each an ANSI name with its NUL */
} wrdp_license_scope_list;

int wrdp_license_scope_list_decode(wrdp_cursor *c, wrdp_license_scope_list *out);
int wrdp_license_scope_list_encode(const wrdp_license_scope_list *in, wrdp_writer *w);

/* ---- Server License Request (MS-RDPELE 2.2.2.1) ----------------------------- */
#define WRDP_LICENSE_RANDOM_SIZE 32
#define WRDP_LICENSE_MAC_SIZE 16

typedef struct wrdp_license_server_request {
    wrdp_license_preamble preamble; /* bMsgType = WRDP_LICENSE_REQUEST */
    uint8_t ServerRandom[WRDP_LICENSE_RANDOM_SIZE];
    wrdp_license_product_info ProductInfo;
    wrdp_license_key_exchange_list KeyExchangeList;
    /* BB_CERTIFICATE_BLOB; empty when the server relies on the GCC one. Its
     * content is decoded by the gcc family's server certificate decoder. */
    wrdp_license_blob ServerCertificate;
    wrdp_license_scope_list ScopeList;
} wrdp_license_server_request;

int wrdp_license_server_request_decode(wrdp_cursor *c, wrdp_license_server_request *out);
int wrdp_license_server_request_encode(const wrdp_license_server_request *in, wrdp_writer *w);

/* ---- Server Platform Challenge (MS-RDPELE 2.2.2.4) -------------------------- */
typedef struct wrdp_license_server_platform_challenge {
    wrdp_license_preamble preamble; /* bMsgType = WRDP_PLATFORM_CHALLENGE */
    uint32_t ConnectFlags;          /* reserved */
    wrdp_license_blob EncryptedPlatformChallenge;
    uint8_t MACData[WRDP_LICENSE_MAC_SIZE];
} wrdp_license_server_platform_challenge;

int wrdp_license_server_platform_challenge_decode(wrdp_cursor *c, wrdp_license_server_platform_challenge *out);
int wrdp_license_server_platform_challenge_encode(const wrdp_license_server_platform_challenge *in,
                                                  wrdp_writer *w);

/* ---- Server New License (2.2.2.7) and Server Upgrade License (2.2.2.6) ------
 * Same layout; the two prefixes check / write their own bMsgType. */
typedef struct wrdp_license_server_new_license {
    wrdp_license_preamble preamble; /* WRDP_NEW_LICENSE or WRDP_UPGRADE_LICENSE */
    wrdp_license_blob EncryptedLicenseInfo; /* BB_ENCRYPTED_DATA_BLOB: a New License Information, RC4-encrypted */
    uint8_t MACData[WRDP_LICENSE_MAC_SIZE];
} wrdp_license_server_new_license;
typedef wrdp_license_server_new_license wrdp_license_server_upgrade_license;

int wrdp_license_server_new_license_decode(wrdp_cursor *c, wrdp_license_server_new_license *out);
int wrdp_license_server_new_license_encode(const wrdp_license_server_new_license *in, wrdp_writer *w);
int wrdp_license_server_upgrade_license_decode(wrdp_cursor *c, wrdp_license_server_upgrade_license *out);
int wrdp_license_server_upgrade_license_encode(const wrdp_license_server_upgrade_license *in, wrdp_writer *w);

/* ---- New License Information (MS-RDPELE 2.2.2.6.1), once decrypted --------- */
typedef struct wrdp_license_new_license_info {
    uint32_t dwVersion;
    wrdp_bytes pbScope;       /* ANSI with NUL; cbScope = len */
    wrdp_bytes pbCompanyName; /* UTF-16LE with NUL */
    wrdp_bytes pbProductId;   /* UTF-16LE with NUL */
    wrdp_bytes pbLicenseInfo; /* the license (an X.509 chain, PKCS #7) to store */
} wrdp_license_new_license_info;

int wrdp_license_new_license_info_decode(wrdp_cursor *c, wrdp_license_new_license_info *out);
int wrdp_license_new_license_info_encode(const wrdp_license_new_license_info *in, wrdp_writer *w);

/* ---- Licensing Error Message (MS-RDPBCGR 2.2.1.12.1.3) --------------------- */
#define WRDP_ERR_INVALID_SERVER_CERTIFICATE 0x00000001
#define WRDP_ERR_NO_LICENSE 0x00000002
#define WRDP_ERR_INVALID_MAC 0x00000003
#define WRDP_ERR_INVALID_SCOPE 0x00000004
#define WRDP_ERR_NO_LICENSE_SERVER 0x00000006
#define WRDP_STATUS_VALID_CLIENT 0x00000007
#define WRDP_ERR_INVALID_CLIENT 0x00000008
#define WRDP_ERR_INVALID_PRODUCTID 0x0000000B
#define WRDP_ERR_INVALID_MESSAGE_LEN 0x0000000C

#define WRDP_ST_TOTAL_ABORT 0x00000001
#define WRDP_ST_NO_TRANSITION 0x00000002
#define WRDP_ST_RESET_PHASE_TO_START 0x00000003
#define WRDP_ST_RESEND_LAST_MESSAGE 0x00000004

typedef struct wrdp_license_error_message {
    wrdp_license_preamble preamble; /* bMsgType = WRDP_ERROR_ALERT */
    uint32_t dwErrorCode;
    uint32_t dwStateTransition;
    wrdp_license_blob bbErrorInfo;  /* BB_ERROR_BLOB, usually empty */
} wrdp_license_error_message;

int wrdp_license_error_message_decode(wrdp_cursor *c, wrdp_license_error_message *out);
int wrdp_license_error_message_encode(const wrdp_license_error_message *in, wrdp_writer *w);
/* The "licensing is over, go on" shortcut of MS-RDPBCGR 2.2.1.12: STATUS_VALID_CLIENT
 * with ST_NO_TRANSITION. */
bool wrdp_license_error_message_is_valid_client(const wrdp_license_error_message *m);
/* Fills m with that message (preamble version 3, empty BB_ERROR_BLOB). */
void wrdp_license_error_message_valid_client(wrdp_license_error_message *m);
/* A sentence for a dwErrorCode ("unknown licensing error" for others); never NULL. */
const char *wrdp_license_error_text(uint32_t code);

/* ---- Client New License Request (MS-RDPELE 2.2.2.2) ------------------------ */
#define WRDP_CLIENT_OS_ID_WINNT_351 0x01000000
#define WRDP_CLIENT_OS_ID_WINNT_40 0x02000000
#define WRDP_CLIENT_OS_ID_WINNT_50 0x03000000
#define WRDP_CLIENT_OS_ID_WINNT_POST_52 0x04000000
#define WRDP_CLIENT_IMAGE_ID_MICROSOFT 0x00010000
#define WRDP_CLIENT_IMAGE_ID_CITRIX 0x00020000

typedef struct wrdp_license_client_new_license_request {
    wrdp_license_preamble preamble; /* bMsgType = WRDP_NEW_LICENSE_REQUEST */
    uint32_t PreferredKeyExchangeAlg;  /* WRDP_KEY_EXCHANGE_ALG_RSA */
    uint32_t PlatformId;               /* CLIENT_OS_ID_* | CLIENT_IMAGE_ID_* */
    uint8_t ClientRandom[WRDP_LICENSE_RANDOM_SIZE];
    wrdp_license_blob EncryptedPreMasterSecret; /* BB_RANDOM_BLOB */
    wrdp_license_blob ClientUserName;           /* BB_CLIENT_USER_NAME_BLOB, ANSI with NUL */
    wrdp_license_blob ClientMachineName;        /* BB_CLIENT_MACHINE_NAME_BLOB, ANSI with NUL */
} wrdp_license_client_new_license_request;

int wrdp_license_client_new_license_request_decode(wrdp_cursor *c, wrdp_license_client_new_license_request *out);
int wrdp_license_client_new_license_request_encode(const wrdp_license_client_new_license_request *in,
                                                   wrdp_writer *w);

/* ---- Client License Information (MS-RDPELE 2.2.2.3) ------------------------ */
typedef struct wrdp_license_client_license_info {
    wrdp_license_preamble preamble; /* bMsgType = WRDP_LICENSE_INFO */
    uint32_t PreferredKeyExchangeAlg;
    uint32_t PlatformId;
    uint8_t ClientRandom[WRDP_LICENSE_RANDOM_SIZE];
    wrdp_license_blob EncryptedPreMasterSecret; /* BB_RANDOM_BLOB */
    wrdp_license_blob LicenseInfo;              /* BB_DATA_BLOB: the stored license */
    wrdp_license_blob EncryptedHWID;            /* BB_ENCRYPTED_DATA_BLOB */
    uint8_t MACData[WRDP_LICENSE_MAC_SIZE];
} wrdp_license_client_license_info;

int wrdp_license_client_license_info_decode(wrdp_cursor *c, wrdp_license_client_license_info *out);
int wrdp_license_client_license_info_encode(const wrdp_license_client_license_info *in, wrdp_writer *w);

/* ---- Client Platform Challenge Response (MS-RDPELE 2.2.2.5) ---------------- */
typedef struct wrdp_license_client_platform_challenge_response {
    wrdp_license_preamble preamble; /* bMsgType = WRDP_PLATFORM_CHALLENGE_RESPONSE */
    wrdp_license_blob EncryptedPlatformChallengeResponse; /* BB_ENCRYPTED_DATA_BLOB */
    wrdp_license_blob EncryptedHWID;                      /* BB_ENCRYPTED_DATA_BLOB */
    uint8_t MACData[WRDP_LICENSE_MAC_SIZE];
} wrdp_license_client_platform_challenge_response;

int wrdp_license_client_platform_challenge_response_decode(wrdp_cursor *c,
                                                           wrdp_license_client_platform_challenge_response *out);
int wrdp_license_client_platform_challenge_response_encode(
    const wrdp_license_client_platform_challenge_response *in, wrdp_writer *w);

/* PLATFORM_CHALLENGE_RESPONSE_DATA (MS-RDPELE 2.2.2.5.1), before encryption. */
#define WRDP_PLATFORM_CHALLENGE_RESPONSE_VERSION 0x0100
#define WRDP_WIN32_PLATFORM_CHALLENGE_TYPE 0x0100
#define WRDP_WIN16_PLATFORM_CHALLENGE_TYPE 0x0200
#define WRDP_WINCE_PLATFORM_CHALLENGE_TYPE 0x0300
#define WRDP_OTHER_PLATFORM_CHALLENGE_TYPE 0xFF00
#define WRDP_LICENSE_DETAIL_SIMPLE 0x0001
#define WRDP_LICENSE_DETAIL_MODERATE 0x0002
#define WRDP_LICENSE_DETAIL_DETAIL 0x0003

typedef struct wrdp_license_platform_challenge_response_data {
    uint16_t wVersion;            /* WRDP_PLATFORM_CHALLENGE_RESPONSE_VERSION */
    uint16_t wClientType;         /* *_PLATFORM_CHALLENGE_TYPE */
    uint16_t wLicenseDetailLevel; /* LICENSE_DETAIL_* */
    wrdp_bytes pbChallenge;       /* the decrypted server challenge; cbChallenge = len */
} wrdp_license_platform_challenge_response_data;

int wrdp_license_platform_challenge_response_data_decode(wrdp_cursor *c,
                                                         wrdp_license_platform_challenge_response_data *out);
int wrdp_license_platform_challenge_response_data_encode(const wrdp_license_platform_challenge_response_data *in,
                                                         wrdp_writer *w);

/* CLIENT_HARDWARE_ID (MS-RDPELE 2.2.2.3.1), before encryption. */
typedef struct wrdp_license_client_hardware_id {
    uint32_t PlatformId;
    uint32_t Data1, Data2, Data3, Data4;
} wrdp_license_client_hardware_id;

int wrdp_license_client_hardware_id_decode(wrdp_cursor *c, wrdp_license_client_hardware_id *out);
int wrdp_license_client_hardware_id_encode(const wrdp_license_client_hardware_id *in, wrdp_writer *w);

/* ---- a whole licensing PDU: basic security header + one message ------------ */
typedef struct wrdp_license_pdu {
    uint16_t flags; /* WRDP_SEC_LICENSE_PKT ... */
    uint16_t flagsHi;
    union {
        wrdp_license_preamble preamble; /* every member starts with it: read bMsgType here */
        wrdp_license_server_request server_request;
        wrdp_license_server_platform_challenge server_platform_challenge;
        wrdp_license_server_new_license server_new_license; /* NEW_LICENSE and UPGRADE_LICENSE */
        wrdp_license_error_message error_message;
        wrdp_license_client_new_license_request client_new_license_request;
        wrdp_license_client_license_info client_license_info;
        wrdp_license_client_platform_challenge_response client_platform_challenge_response;
    } u;
} wrdp_license_pdu;

/* Fails without SEC_LICENSE_PKT in flags or on an unknown bMsgType. */
int wrdp_license_pdu_decode(wrdp_cursor *c, wrdp_license_pdu *out);
/* Encodes the message selected by u.preamble.bMsgType. */
int wrdp_license_pdu_encode(const wrdp_license_pdu *in, wrdp_writer *w);

#ifdef __cplusplus
}
#endif
#endif
