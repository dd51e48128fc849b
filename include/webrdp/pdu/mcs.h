/* webrdp — T.125 MCS PDUs as RDP uses them (MS-RDPBCGR 2.2.1.3 - 2.2.1.9,
 * 2.2.2.3, 2.2.8.1.1.1): the BER-encoded Connect-Initial and Connect-Response,
 * and the aligned-PER DomainMCSPDUs of the channel connection phase and of
 * every slow-path data PDU.
 *
 * Framing: every decoder and encoder here handles the BARE MCS PDU (what
 * follows the TPKT header and the X.224 Data TPDU header 02 F0 80), which is
 * what the vectors in tests/vectors/pdu/mcs/ hold. On the wire each MCS PDU
 * travels in one TPKT + X.224 Data frame: wrdp_mcs_frame_decode/encode read and
 * write the whole frame (registered as kind "mcs_frame"), and writers can also
 * wrap their own MCS PDU with wrdp_x224_data_begin/end (see x224.h).
 *
 * The userData of Connect-Initial/Response (the GCC Conference Create
 * Request/Response) and of Send Data Request/Indication are views into the
 * input; their contents are decoded elsewhere (gcc.h, rdp.h, ...). */
#ifndef WEBRDP_PDU_MCS_H
#define WEBRDP_PDU_MCS_H

#include <stdbool.h>

#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Connect-Initial / Connect-Response (BER, T.125 section 7 part 2) ----- */
#define WRDP_MCS_TAG_CONNECT_INITIAL 0x7F65u   /* [APPLICATION 101] */
#define WRDP_MCS_TAG_CONNECT_RESPONSE 0x7F66u  /* [APPLICATION 102] */

/* Result (T.125 part 2), used by Connect-Response and the confirms. */
#define WRDP_MCS_RT_SUCCESSFUL 0
#define WRDP_MCS_RT_DOMAIN_MERGING 1
#define WRDP_MCS_RT_DOMAIN_NOT_HIERARCHICAL 2
#define WRDP_MCS_RT_NO_SUCH_CHANNEL 3
#define WRDP_MCS_RT_NO_SUCH_DOMAIN 4
#define WRDP_MCS_RT_NO_SUCH_USER 5
#define WRDP_MCS_RT_NOT_ADMITTED 6
#define WRDP_MCS_RT_OTHER_USER_ID 7
#define WRDP_MCS_RT_PARAMETERS_UNACCEPTABLE 8
#define WRDP_MCS_RT_TOKEN_NOT_AVAILABLE 9
#define WRDP_MCS_RT_TOKEN_NOT_POSSESSED 10
#define WRDP_MCS_RT_TOO_MANY_CHANNELS 11
#define WRDP_MCS_RT_TOO_MANY_TOKENS 12
#define WRDP_MCS_RT_TOO_MANY_USERS 13
#define WRDP_MCS_RT_UNSPECIFIED_FAILURE 14
#define WRDP_MCS_RT_USER_REJECTED 15

typedef struct wrdp_mcs_domain_parameters {
    uint32_t maxChannelIds;
    uint32_t maxUserIds;
    uint32_t maxTokenIds;
    uint32_t numPriorities;
    uint32_t minThroughput;
    uint32_t maxHeight;
    uint32_t maxMCSPDUsize;
    uint32_t protocolVersion;
} wrdp_mcs_domain_parameters;

/* MCS Connect-Initial (2.2.1.3, T.125 11.1), without TPKT / X.224. Encoded
 * with minimal definite lengths (what the vectors and Windows use). */
typedef struct wrdp_mcs_connect_initial {
    wrdp_bytes callingDomainSelector;  /* usually 01 */
    wrdp_bytes calledDomainSelector;   /* usually 01 */
    bool upwardFlag;                   /* TRUE is written as 0xFF */
    wrdp_mcs_domain_parameters targetParameters;
    wrdp_mcs_domain_parameters minimumParameters;
    wrdp_mcs_domain_parameters maximumParameters;
    wrdp_bytes userData;               /* GCC Conference Create Request (gcc.h) */
} wrdp_mcs_connect_initial;

int wrdp_mcs_connect_initial_decode(wrdp_cursor *c, wrdp_mcs_connect_initial *out);
int wrdp_mcs_connect_initial_encode(const wrdp_mcs_connect_initial *in, wrdp_writer *w);

/* MCS Connect-Response (2.2.1.4, T.125 11.2), without TPKT / X.224. */
typedef struct wrdp_mcs_connect_response {
    uint8_t result;                    /* WRDP_MCS_RT_* */
    uint32_t calledConnectId;
    wrdp_mcs_domain_parameters domainParameters;
    wrdp_bytes userData;               /* GCC Conference Create Response (gcc.h) */
} wrdp_mcs_connect_response;

int wrdp_mcs_connect_response_decode(wrdp_cursor *c, wrdp_mcs_connect_response *out);
int wrdp_mcs_connect_response_encode(const wrdp_mcs_connect_response *in, wrdp_writer *w);

/* ---- DomainMCSPDU (aligned PER, T.125 section 7 parts 3-10) ---------------
 * The first octet holds the CHOICE index in its top 6 bits; the low 2 bits
 * carry the optional-field bits or the start of the next field. */
#define WRDP_MCS_ERECT_DOMAIN_REQUEST 1
#define WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM 8
#define WRDP_MCS_ATTACH_USER_REQUEST 10
#define WRDP_MCS_ATTACH_USER_CONFIRM 11
#define WRDP_MCS_CHANNEL_JOIN_REQUEST 14
#define WRDP_MCS_CHANNEL_JOIN_CONFIRM 15
#define WRDP_MCS_SEND_DATA_REQUEST 25
#define WRDP_MCS_SEND_DATA_INDICATION 26

#define WRDP_MCS_USER_ID_BASE 1001  /* UserId ::= DynamicChannelId (1001..65535) */
#define WRDP_MCS_GLOBAL_CHANNEL_ID 1003 /* the I/O channel Windows servers assign */

/* Erect Domain Request (2.2.1.5, T.125 11.8) */
typedef struct wrdp_mcs_erect_domain_request {
    uint32_t subHeight;
    uint32_t subInterval;
} wrdp_mcs_erect_domain_request;

/* Attach User Request (2.2.1.6, T.125 11.17): the choice octet alone. */
typedef struct wrdp_mcs_attach_user_request {
    uint8_t unused; /* no fields */
} wrdp_mcs_attach_user_request;

/* Attach User Confirm (2.2.1.7, T.125 11.18) */
typedef struct wrdp_mcs_attach_user_confirm {
    uint8_t result;          /* 4 bits */
    bool initiatorPresent;
    uint16_t initiator;      /* the user channel id (>= 1001) */
} wrdp_mcs_attach_user_confirm;

/* Channel Join Request (2.2.1.8, T.125 11.21) */
typedef struct wrdp_mcs_channel_join_request {
    uint16_t initiator;      /* >= 1001 */
    uint16_t channelId;
} wrdp_mcs_channel_join_request;

/* Channel Join Confirm (2.2.1.9, T.125 11.22) */
typedef struct wrdp_mcs_channel_join_confirm {
    uint8_t result;          /* 4 bits */
    uint16_t initiator;      /* >= 1001 */
    uint16_t requested;
    bool channelIdPresent;
    uint16_t channelId;
} wrdp_mcs_channel_join_confirm;

/* dataPriority */
#define WRDP_MCS_PRIORITY_TOP 0
#define WRDP_MCS_PRIORITY_HIGH 1
#define WRDP_MCS_PRIORITY_MEDIUM 2
#define WRDP_MCS_PRIORITY_LOW 3
/* segmentation: the 2-bit BIT STRING {begin, end} as a number */
#define WRDP_MCS_SEGMENTATION_BEGIN 0x2
#define WRDP_MCS_SEGMENTATION_END 0x1
/* The largest userData a single PER length (without fragmentation) can carry. */
#define WRDP_MCS_USER_DATA_MAX 0x3FFF

/* Send Data Request / Indication (T.125 11.32 / 11.33; MS-RDPBCGR 2.2.8.1.1.1):
 * the same layout, told apart by the choice index. */
typedef struct wrdp_mcs_send_data {
    uint16_t initiator;      /* >= 1001 */
    uint16_t channelId;
    uint8_t dataPriority;    /* 2 bits */
    uint8_t segmentation;    /* 2 bits: BEGIN | END (3 for an unfragmented PDU) */
    wrdp_bytes userData;     /* view; at most WRDP_MCS_USER_DATA_MAX bytes */
} wrdp_mcs_send_data;
typedef wrdp_mcs_send_data wrdp_mcs_send_data_request;
typedef wrdp_mcs_send_data wrdp_mcs_send_data_indication;

/* Disconnect Provider Ultimatum (2.2.2.3, T.125 11.15) */
#define WRDP_MCS_RN_DOMAIN_DISCONNECTED 0
#define WRDP_MCS_RN_PROVIDER_INITIATED 1
#define WRDP_MCS_RN_TOKEN_PURGED 2
#define WRDP_MCS_RN_USER_REQUESTED 3
#define WRDP_MCS_RN_CHANNEL_PURGED 4

typedef struct wrdp_mcs_disconnect_provider_ultimatum {
    uint8_t reason;          /* WRDP_MCS_RN_*; 3 bits straddling the first two octets */
} wrdp_mcs_disconnect_provider_ultimatum;

/* A sentence for a Disconnect Provider Ultimatum reason (generic for unknown). */
const char *wrdp_mcs_reason_text(uint8_t reason);

int wrdp_mcs_erect_domain_request_decode(wrdp_cursor *c, wrdp_mcs_erect_domain_request *out);
int wrdp_mcs_erect_domain_request_encode(const wrdp_mcs_erect_domain_request *in, wrdp_writer *w);
int wrdp_mcs_attach_user_request_decode(wrdp_cursor *c, wrdp_mcs_attach_user_request *out);
int wrdp_mcs_attach_user_request_encode(const wrdp_mcs_attach_user_request *in, wrdp_writer *w);
int wrdp_mcs_attach_user_confirm_decode(wrdp_cursor *c, wrdp_mcs_attach_user_confirm *out);
int wrdp_mcs_attach_user_confirm_encode(const wrdp_mcs_attach_user_confirm *in, wrdp_writer *w);
int wrdp_mcs_channel_join_request_decode(wrdp_cursor *c, wrdp_mcs_channel_join_request *out);
int wrdp_mcs_channel_join_request_encode(const wrdp_mcs_channel_join_request *in, wrdp_writer *w);
int wrdp_mcs_channel_join_confirm_decode(wrdp_cursor *c, wrdp_mcs_channel_join_confirm *out);
int wrdp_mcs_channel_join_confirm_encode(const wrdp_mcs_channel_join_confirm *in, wrdp_writer *w);
int wrdp_mcs_send_data_request_decode(wrdp_cursor *c, wrdp_mcs_send_data_request *out);
int wrdp_mcs_send_data_request_encode(const wrdp_mcs_send_data_request *in, wrdp_writer *w);
int wrdp_mcs_send_data_indication_decode(wrdp_cursor *c, wrdp_mcs_send_data_indication *out);
int wrdp_mcs_send_data_indication_encode(const wrdp_mcs_send_data_indication *in, wrdp_writer *w);
int wrdp_mcs_disconnect_provider_ultimatum_decode(wrdp_cursor *c, wrdp_mcs_disconnect_provider_ultimatum *out);
int wrdp_mcs_disconnect_provider_ultimatum_encode(const wrdp_mcs_disconnect_provider_ultimatum *in, wrdp_writer *w);

/* Any of the DomainMCSPDUs above, chosen by the first octet (for a receiver
 * that does not know what comes next). Other alternatives fail to decode. */
typedef struct wrdp_mcs_domain_pdu {
    uint8_t type;  /* WRDP_MCS_ERECT_DOMAIN_REQUEST ... WRDP_MCS_SEND_DATA_INDICATION */
    union {
        wrdp_mcs_erect_domain_request erectDomainRequest;
        wrdp_mcs_disconnect_provider_ultimatum disconnectProviderUltimatum;
        wrdp_mcs_attach_user_request attachUserRequest;
        wrdp_mcs_attach_user_confirm attachUserConfirm;
        wrdp_mcs_channel_join_request channelJoinRequest;
        wrdp_mcs_channel_join_confirm channelJoinConfirm;
        wrdp_mcs_send_data sendData;  /* sendDataRequest and sendDataIndication */
    } u;
} wrdp_mcs_domain_pdu;

int wrdp_mcs_domain_pdu_decode(wrdp_cursor *c, wrdp_mcs_domain_pdu *out);
int wrdp_mcs_domain_pdu_encode(const wrdp_mcs_domain_pdu *in, wrdp_writer *w);

/* ---- a whole frame: TPKT + X.224 Data + one MCS PDU ------------------------ */
#define WRDP_MCS_FRAME_CONNECT_INITIAL 1
#define WRDP_MCS_FRAME_CONNECT_RESPONSE 2
#define WRDP_MCS_FRAME_DOMAIN_PDU 3

typedef struct wrdp_mcs_frame {
    uint8_t type;  /* WRDP_MCS_FRAME_*; says which member holds the PDU */
    wrdp_mcs_connect_initial connectInitial;
    wrdp_mcs_connect_response connectResponse;
    wrdp_mcs_domain_pdu domainPdu;
} wrdp_mcs_frame;

/* Reads one TPKT frame; the X.224 Data payload must be exactly one MCS PDU. */
int wrdp_mcs_frame_decode(wrdp_cursor *c, wrdp_mcs_frame *out);
int wrdp_mcs_frame_encode(const wrdp_mcs_frame *in, wrdp_writer *w);

#ifdef __cplusplus
}
#endif
#endif
