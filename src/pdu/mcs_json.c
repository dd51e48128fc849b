/* JSON forms of the MCS PDUs and the mcs family's registry table. */
#include <string.h>

#include "pdu/kind.h"
#include "pdu/mcs_json.h"

static bool present(const wrdp_json *obj, const char *key)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    return v && v->type != WRDP_JSON_NULL;
}

/* ---- Connect-Initial / Connect-Response ---- */
static void params_to_json(const char *key, const wrdp_mcs_domain_parameters *p, wrdp_json_writer *j)
{
    wrdp_jw_key(j, key);
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "maxChannelIds", p->maxChannelIds);
    wrdp_jw_kv_uint(j, "maxUserIds", p->maxUserIds);
    wrdp_jw_kv_uint(j, "maxTokenIds", p->maxTokenIds);
    wrdp_jw_kv_uint(j, "numPriorities", p->numPriorities);
    wrdp_jw_kv_uint(j, "minThroughput", p->minThroughput);
    wrdp_jw_kv_uint(j, "maxHeight", p->maxHeight);
    wrdp_jw_kv_uint(j, "maxMCSPDUsize", p->maxMCSPDUsize);
    wrdp_jw_kv_uint(j, "protocolVersion", p->protocolVersion);
    wrdp_jw_object_end(j);
}

static int params_from_json(const wrdp_json *v, const char *key, wrdp_mcs_domain_parameters *p, wrdp_error *err)
{
    const wrdp_json *o;
    if (wrdp_json_get_object(v, key, &o, err) || wrdp_json_get_u32(o, "maxChannelIds", &p->maxChannelIds, err) ||
        wrdp_json_get_u32(o, "maxUserIds", &p->maxUserIds, err) ||
        wrdp_json_get_u32(o, "maxTokenIds", &p->maxTokenIds, err) ||
        wrdp_json_get_u32(o, "numPriorities", &p->numPriorities, err) ||
        wrdp_json_get_u32(o, "minThroughput", &p->minThroughput, err) ||
        wrdp_json_get_u32(o, "maxHeight", &p->maxHeight, err) ||
        wrdp_json_get_u32(o, "maxMCSPDUsize", &p->maxMCSPDUsize, err) ||
        wrdp_json_get_u32(o, "protocolVersion", &p->protocolVersion, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_mcs_connect_initial_to_json(const wrdp_mcs_connect_initial *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_bytes(j, "callingDomainSelector", in->callingDomainSelector);
    wrdp_jw_kv_bytes(j, "calledDomainSelector", in->calledDomainSelector);
    wrdp_jw_kv_bool(j, "upwardFlag", in->upwardFlag);
    params_to_json("targetParameters", &in->targetParameters, j);
    params_to_json("minimumParameters", &in->minimumParameters, j);
    params_to_json("maximumParameters", &in->maximumParameters, j);
    wrdp_jw_kv_bytes(j, "userData", in->userData);
    wrdp_jw_object_end(j);
}

int wrdp_mcs_connect_initial_from_json(const wrdp_json *v, wrdp_mcs_connect_initial *out, wrdp_arena *a,
                                       wrdp_error *err)
{
    if (wrdp_json_get_hex(v, "callingDomainSelector", &out->callingDomainSelector, a, err) ||
        wrdp_json_get_hex(v, "calledDomainSelector", &out->calledDomainSelector, a, err) ||
        wrdp_json_get_bool(v, "upwardFlag", &out->upwardFlag, err) ||
        params_from_json(v, "targetParameters", &out->targetParameters, err) ||
        params_from_json(v, "minimumParameters", &out->minimumParameters, err) ||
        params_from_json(v, "maximumParameters", &out->maximumParameters, err) ||
        wrdp_json_get_hex(v, "userData", &out->userData, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_mcs_connect_response_to_json(const wrdp_mcs_connect_response *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "result", in->result);
    wrdp_jw_kv_uint(j, "calledConnectId", in->calledConnectId);
    params_to_json("domainParameters", &in->domainParameters, j);
    wrdp_jw_kv_bytes(j, "userData", in->userData);
    wrdp_jw_object_end(j);
}

int wrdp_mcs_connect_response_from_json(const wrdp_json *v, wrdp_mcs_connect_response *out, wrdp_arena *a,
                                        wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "result", &out->result, err) ||
        wrdp_json_get_u32(v, "calledConnectId", &out->calledConnectId, err) ||
        params_from_json(v, "domainParameters", &out->domainParameters, err) ||
        wrdp_json_get_hex(v, "userData", &out->userData, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- domain PDUs ---- */
void wrdp_mcs_erect_domain_request_to_json(const wrdp_mcs_erect_domain_request *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "subHeight", in->subHeight);
    wrdp_jw_kv_uint(j, "subInterval", in->subInterval);
    wrdp_jw_object_end(j);
}

int wrdp_mcs_erect_domain_request_from_json(const wrdp_json *v, wrdp_mcs_erect_domain_request *out, wrdp_arena *a,
                                            wrdp_error *err)
{
    if (wrdp_json_get_u32(v, "subHeight", &out->subHeight, err) ||
        wrdp_json_get_u32(v, "subInterval", &out->subInterval, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_mcs_attach_user_request_to_json(const wrdp_mcs_attach_user_request *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_object_end(j);
}

int wrdp_mcs_attach_user_request_from_json(const wrdp_json *v, wrdp_mcs_attach_user_request *out, wrdp_arena *a,
                                           wrdp_error *err)
{
    if (!v || v->type != WRDP_JSON_OBJECT)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: expected an object");
    out->unused = 0;
    return WRDP_OK;
}

void wrdp_mcs_attach_user_confirm_to_json(const wrdp_mcs_attach_user_confirm *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "result", in->result);
    if (in->initiatorPresent)
        wrdp_jw_kv_uint(j, "initiator", in->initiator);
    wrdp_jw_object_end(j);
}

int wrdp_mcs_attach_user_confirm_from_json(const wrdp_json *v, wrdp_mcs_attach_user_confirm *out, wrdp_arena *a,
                                           wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "result", &out->result, err))
        return WRDP_ERR;
    out->initiatorPresent = present(v, "initiator");
    if (out->initiatorPresent && wrdp_json_get_u16(v, "initiator", &out->initiator, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_mcs_channel_join_request_to_json(const wrdp_mcs_channel_join_request *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "initiator", in->initiator);
    wrdp_jw_kv_uint(j, "channelId", in->channelId);
    wrdp_jw_object_end(j);
}

int wrdp_mcs_channel_join_request_from_json(const wrdp_json *v, wrdp_mcs_channel_join_request *out, wrdp_arena *a,
                                            wrdp_error *err)
{
    if (wrdp_json_get_u16(v, "initiator", &out->initiator, err) ||
        wrdp_json_get_u16(v, "channelId", &out->channelId, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_mcs_channel_join_confirm_to_json(const wrdp_mcs_channel_join_confirm *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "result", in->result);
    wrdp_jw_kv_uint(j, "initiator", in->initiator);
    wrdp_jw_kv_uint(j, "requested", in->requested);
    if (in->channelIdPresent)
        wrdp_jw_kv_uint(j, "channelId", in->channelId);
    wrdp_jw_object_end(j);
}

int wrdp_mcs_channel_join_confirm_from_json(const wrdp_json *v, wrdp_mcs_channel_join_confirm *out, wrdp_arena *a,
                                            wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "result", &out->result, err) || wrdp_json_get_u16(v, "initiator", &out->initiator, err) ||
        wrdp_json_get_u16(v, "requested", &out->requested, err))
        return WRDP_ERR;
    out->channelIdPresent = present(v, "channelId");
    if (out->channelIdPresent && wrdp_json_get_u16(v, "channelId", &out->channelId, err))
        return WRDP_ERR;
    return WRDP_OK;
}

static void send_data_to_json(const wrdp_mcs_send_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "initiator", in->initiator);
    wrdp_jw_kv_uint(j, "channelId", in->channelId);
    wrdp_jw_kv_uint(j, "dataPriority", in->dataPriority);
    wrdp_jw_kv_uint(j, "segmentation", in->segmentation);
    wrdp_jw_kv_bytes(j, "userData", in->userData);
    wrdp_jw_object_end(j);
}

static int send_data_from_json(const wrdp_json *v, wrdp_mcs_send_data *out, wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u16(v, "initiator", &out->initiator, err) ||
        wrdp_json_get_u16(v, "channelId", &out->channelId, err) ||
        wrdp_json_get_u8(v, "dataPriority", &out->dataPriority, err) ||
        wrdp_json_get_u8(v, "segmentation", &out->segmentation, err) ||
        wrdp_json_get_hex(v, "userData", &out->userData, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_mcs_send_data_request_to_json(const wrdp_mcs_send_data_request *in, wrdp_json_writer *j)
{
    send_data_to_json(in, j);
}

int wrdp_mcs_send_data_request_from_json(const wrdp_json *v, wrdp_mcs_send_data_request *out, wrdp_arena *a,
                                         wrdp_error *err)
{
    return send_data_from_json(v, out, a, err);
}

void wrdp_mcs_send_data_indication_to_json(const wrdp_mcs_send_data_indication *in, wrdp_json_writer *j)
{
    send_data_to_json(in, j);
}

int wrdp_mcs_send_data_indication_from_json(const wrdp_json *v, wrdp_mcs_send_data_indication *out, wrdp_arena *a,
                                            wrdp_error *err)
{
    return send_data_from_json(v, out, a, err);
}

void wrdp_mcs_disconnect_provider_ultimatum_to_json(const wrdp_mcs_disconnect_provider_ultimatum *in,
                                                    wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "reason", in->reason);
    wrdp_jw_kv_cstring(j, "reasonText", wrdp_mcs_reason_text(in->reason)); /* informative; ignored on input */
    wrdp_jw_object_end(j);
}

int wrdp_mcs_disconnect_provider_ultimatum_from_json(const wrdp_json *v, wrdp_mcs_disconnect_provider_ultimatum *out,
                                                     wrdp_arena *a, wrdp_error *err)
{
    return wrdp_json_get_u8(v, "reason", &out->reason, err);
}

/* ---- any domain PDU: {"<alternative name>": {...}} ---- */
static const struct {
    uint8_t type;
    const char *name;
} domain_names[] = {
    {WRDP_MCS_ERECT_DOMAIN_REQUEST, "erectDomainRequest"},
    {WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM, "disconnectProviderUltimatum"},
    {WRDP_MCS_ATTACH_USER_REQUEST, "attachUserRequest"},
    {WRDP_MCS_ATTACH_USER_CONFIRM, "attachUserConfirm"},
    {WRDP_MCS_CHANNEL_JOIN_REQUEST, "channelJoinRequest"},
    {WRDP_MCS_CHANNEL_JOIN_CONFIRM, "channelJoinConfirm"},
    {WRDP_MCS_SEND_DATA_REQUEST, "sendDataRequest"},
    {WRDP_MCS_SEND_DATA_INDICATION, "sendDataIndication"},
};

void wrdp_mcs_domain_pdu_to_json(const wrdp_mcs_domain_pdu *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    for (size_t i = 0; i < sizeof domain_names / sizeof domain_names[0]; i++) {
        if (domain_names[i].type != in->type)
            continue;
        wrdp_jw_key(j, domain_names[i].name);
        switch (in->type) {
        case WRDP_MCS_ERECT_DOMAIN_REQUEST: wrdp_mcs_erect_domain_request_to_json(&in->u.erectDomainRequest, j); break;
        case WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM:
            wrdp_mcs_disconnect_provider_ultimatum_to_json(&in->u.disconnectProviderUltimatum, j);
            break;
        case WRDP_MCS_ATTACH_USER_REQUEST: wrdp_mcs_attach_user_request_to_json(&in->u.attachUserRequest, j); break;
        case WRDP_MCS_ATTACH_USER_CONFIRM: wrdp_mcs_attach_user_confirm_to_json(&in->u.attachUserConfirm, j); break;
        case WRDP_MCS_CHANNEL_JOIN_REQUEST: wrdp_mcs_channel_join_request_to_json(&in->u.channelJoinRequest, j); break;
        case WRDP_MCS_CHANNEL_JOIN_CONFIRM: wrdp_mcs_channel_join_confirm_to_json(&in->u.channelJoinConfirm, j); break;
        default: send_data_to_json(&in->u.sendData, j); break;
        }
    }
    wrdp_jw_object_end(j);
}

int wrdp_mcs_domain_pdu_from_json(const wrdp_json *v, wrdp_mcs_domain_pdu *out, wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i < sizeof domain_names / sizeof domain_names[0]; i++) {
        const wrdp_json *o;
        if (!present(v, domain_names[i].name))
            continue;
        if (wrdp_json_get_object(v, domain_names[i].name, &o, err))
            return WRDP_ERR;
        out->type = domain_names[i].type;
        switch (out->type) {
        case WRDP_MCS_ERECT_DOMAIN_REQUEST:
            return wrdp_mcs_erect_domain_request_from_json(o, &out->u.erectDomainRequest, a, err);
        case WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM:
            return wrdp_mcs_disconnect_provider_ultimatum_from_json(o, &out->u.disconnectProviderUltimatum, a, err);
        case WRDP_MCS_ATTACH_USER_REQUEST:
            return wrdp_mcs_attach_user_request_from_json(o, &out->u.attachUserRequest, a, err);
        case WRDP_MCS_ATTACH_USER_CONFIRM:
            return wrdp_mcs_attach_user_confirm_from_json(o, &out->u.attachUserConfirm, a, err);
        case WRDP_MCS_CHANNEL_JOIN_REQUEST:
            return wrdp_mcs_channel_join_request_from_json(o, &out->u.channelJoinRequest, a, err);
        case WRDP_MCS_CHANNEL_JOIN_CONFIRM:
            return wrdp_mcs_channel_join_confirm_from_json(o, &out->u.channelJoinConfirm, a, err);
        default:
            return send_data_from_json(o, &out->u.sendData, a, err);
        }
    }
    return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: no DomainMCSPDU alternative found");
}

/* ---- whole frame: {"connectInitial"|"connectResponse"|"domainPdu": {...}} ---- */
void wrdp_mcs_frame_to_json(const wrdp_mcs_frame *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    if (in->type == WRDP_MCS_FRAME_CONNECT_INITIAL) {
        wrdp_jw_key(j, "connectInitial");
        wrdp_mcs_connect_initial_to_json(&in->connectInitial, j);
    } else if (in->type == WRDP_MCS_FRAME_CONNECT_RESPONSE) {
        wrdp_jw_key(j, "connectResponse");
        wrdp_mcs_connect_response_to_json(&in->connectResponse, j);
    } else if (in->type == WRDP_MCS_FRAME_DOMAIN_PDU) {
        wrdp_jw_key(j, "domainPdu");
        wrdp_mcs_domain_pdu_to_json(&in->domainPdu, j);
    }
    wrdp_jw_object_end(j);
}

int wrdp_mcs_frame_from_json(const wrdp_json *v, wrdp_mcs_frame *out, wrdp_arena *a, wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    const wrdp_json *o;
    if (present(v, "connectInitial")) {
        out->type = WRDP_MCS_FRAME_CONNECT_INITIAL;
        return wrdp_json_get_object(v, "connectInitial", &o, err) ||
                       wrdp_mcs_connect_initial_from_json(o, &out->connectInitial, a, err)
                   ? WRDP_ERR
                   : WRDP_OK;
    }
    if (present(v, "connectResponse")) {
        out->type = WRDP_MCS_FRAME_CONNECT_RESPONSE;
        return wrdp_json_get_object(v, "connectResponse", &o, err) ||
                       wrdp_mcs_connect_response_from_json(o, &out->connectResponse, a, err)
                   ? WRDP_ERR
                   : WRDP_OK;
    }
    out->type = WRDP_MCS_FRAME_DOMAIN_PDU;
    return wrdp_json_get_object(v, "domainPdu", &o, err) || wrdp_mcs_domain_pdu_from_json(o, &out->domainPdu, a, err)
               ? WRDP_ERR
               : WRDP_OK;
}

/* ---- registry ---- */
WRDP_PDU_KIND_ADAPT(wrdp_mcs_connect_initial, wrdp_mcs_connect_initial)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_connect_response, wrdp_mcs_connect_response)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_erect_domain_request, wrdp_mcs_erect_domain_request)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_attach_user_request, wrdp_mcs_attach_user_request)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_attach_user_confirm, wrdp_mcs_attach_user_confirm)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_channel_join_request, wrdp_mcs_channel_join_request)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_channel_join_confirm, wrdp_mcs_channel_join_confirm)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_send_data_request, wrdp_mcs_send_data_request)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_send_data_indication, wrdp_mcs_send_data_indication)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_disconnect_provider_ultimatum, wrdp_mcs_disconnect_provider_ultimatum)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_domain_pdu, wrdp_mcs_domain_pdu)
WRDP_PDU_KIND_ADAPT(wrdp_mcs_frame, wrdp_mcs_frame)

const wrdp_pdu_kind wrdp_pdu_kinds_mcs[] = {
    WRDP_PDU_KIND_ENTRY("mcs_connect_initial", "MCS Connect-Initial (BER; bare, no TPKT/X.224; userData = GCC Conference Create Request)", wrdp_mcs_connect_initial, wrdp_mcs_connect_initial),
    WRDP_PDU_KIND_ENTRY("mcs_connect_response", "MCS Connect-Response (BER; bare, no TPKT/X.224; userData = GCC Conference Create Response)", wrdp_mcs_connect_response, wrdp_mcs_connect_response),
    WRDP_PDU_KIND_ENTRY("mcs_erect_domain_request", "MCS Erect Domain Request (PER; bare, no TPKT/X.224)", wrdp_mcs_erect_domain_request, wrdp_mcs_erect_domain_request),
    WRDP_PDU_KIND_ENTRY("mcs_attach_user_request", "MCS Attach User Request (PER; bare, no TPKT/X.224)", wrdp_mcs_attach_user_request, wrdp_mcs_attach_user_request),
    WRDP_PDU_KIND_ENTRY("mcs_attach_user_confirm", "MCS Attach User Confirm (PER; bare, no TPKT/X.224)", wrdp_mcs_attach_user_confirm, wrdp_mcs_attach_user_confirm),
    WRDP_PDU_KIND_ENTRY("mcs_channel_join_request", "MCS Channel Join Request (PER; bare, no TPKT/X.224)", wrdp_mcs_channel_join_request, wrdp_mcs_channel_join_request),
    WRDP_PDU_KIND_ENTRY("mcs_channel_join_confirm", "MCS Channel Join Confirm (PER; bare, no TPKT/X.224)", wrdp_mcs_channel_join_confirm, wrdp_mcs_channel_join_confirm),
    WRDP_PDU_KIND_ENTRY("mcs_send_data_request", "MCS Send Data Request (PER; bare, no TPKT/X.224; userData raw)", wrdp_mcs_send_data_request, wrdp_mcs_send_data_request),
    WRDP_PDU_KIND_ENTRY("mcs_send_data_indication", "MCS Send Data Indication (PER; bare, no TPKT/X.224; userData raw)", wrdp_mcs_send_data_indication, wrdp_mcs_send_data_indication),
    WRDP_PDU_KIND_ENTRY("mcs_disconnect_provider_ultimatum", "MCS Disconnect Provider Ultimatum (PER; bare, no TPKT/X.224)", wrdp_mcs_disconnect_provider_ultimatum, wrdp_mcs_disconnect_provider_ultimatum),
    WRDP_PDU_KIND_ENTRY("mcs_domain_pdu", "Any supported MCS DomainMCSPDU, chosen by its first octet (PER; bare, no TPKT/X.224)", wrdp_mcs_domain_pdu, wrdp_mcs_domain_pdu),
    WRDP_PDU_KIND_ENTRY("mcs_frame", "Whole frame: TPKT + X.224 Data + one MCS PDU (Connect-Initial, Connect-Response or a DomainMCSPDU)", wrdp_mcs_frame, wrdp_mcs_frame),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(mcs)
