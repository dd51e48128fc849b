/* JSON forms of the TPKT / X.224 PDUs and the x224 family's registry table. */
#include <string.h>

#include "pdu/kind.h"
#include "pdu/x224_json.h"

static bool present(const wrdp_json *obj, const char *key)
{
    const wrdp_json *v = wrdp_json_get(obj, key);
    return v && v->type != WRDP_JSON_NULL;
}

/* ---- TPKT header ---- */
void wrdp_tpkt_header_to_json(const wrdp_tpkt_header *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "version", in->version);
    wrdp_jw_kv_uint(j, "reserved", in->reserved);
    wrdp_jw_kv_uint(j, "length", in->length);
    wrdp_jw_object_end(j);
}

int wrdp_tpkt_header_from_json(const wrdp_json *v, wrdp_tpkt_header *out, wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "version", &out->version, err) || wrdp_json_get_u8(v, "reserved", &out->reserved, err) ||
        wrdp_json_get_u16(v, "length", &out->length, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- negotiation structures ---- */
void wrdp_rdp_neg_req_to_json(const wrdp_rdp_neg_req *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "requestedProtocols", in->requestedProtocols);
    wrdp_jw_object_end(j);
}

int wrdp_rdp_neg_req_from_json(const wrdp_json *v, wrdp_rdp_neg_req *out, wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "flags", &out->flags, err) ||
        wrdp_json_get_u32(v, "requestedProtocols", &out->requestedProtocols, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_rdp_neg_rsp_to_json(const wrdp_rdp_neg_rsp *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "selectedProtocol", in->selectedProtocol);
    wrdp_jw_object_end(j);
}

int wrdp_rdp_neg_rsp_from_json(const wrdp_json *v, wrdp_rdp_neg_rsp *out, wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "flags", &out->flags, err) ||
        wrdp_json_get_u32(v, "selectedProtocol", &out->selectedProtocol, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_rdp_neg_failure_to_json(const wrdp_rdp_neg_failure *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_uint(j, "failureCode", in->failureCode);
    wrdp_jw_kv_cstring(j, "failureText", wrdp_neg_failure_text(in->failureCode)); /* informative; ignored on input */
    wrdp_jw_object_end(j);
}

int wrdp_rdp_neg_failure_from_json(const wrdp_json *v, wrdp_rdp_neg_failure *out, wrdp_arena *a, wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "flags", &out->flags, err) ||
        wrdp_json_get_u32(v, "failureCode", &out->failureCode, err))
        return WRDP_ERR;
    return WRDP_OK;
}

void wrdp_rdp_neg_correlation_info_to_json(const wrdp_rdp_neg_correlation_info *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "flags", in->flags);
    wrdp_jw_kv_hex(j, "correlationId", in->correlationId, sizeof in->correlationId);
    wrdp_jw_kv_hex(j, "reserved", in->reserved, sizeof in->reserved);
    wrdp_jw_object_end(j);
}

static int get_fixed_hex(const wrdp_json *v, const char *key, uint8_t *dst, size_t n, wrdp_arena *a, wrdp_error *err)
{
    wrdp_bytes b;
    if (wrdp_json_get_hex(v, key, &b, a, err))
        return WRDP_ERR;
    if (b.len != n)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: \"%s\": expected %zu bytes, got %zu", key, n,
                              b.len);
    memcpy(dst, b.data, n);
    return WRDP_OK;
}

int wrdp_rdp_neg_correlation_info_from_json(const wrdp_json *v, wrdp_rdp_neg_correlation_info *out, wrdp_arena *a,
                                            wrdp_error *err)
{
    if (wrdp_json_get_u8(v, "flags", &out->flags, err) ||
        get_fixed_hex(v, "correlationId", out->correlationId, sizeof out->correlationId, a, err) ||
        get_fixed_hex(v, "reserved", out->reserved, sizeof out->reserved, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- CR / CC fixed part ---- */
static void conn_tpdu_to_json(const char *key, const wrdp_x224_connection_tpdu *t, wrdp_json_writer *j)
{
    wrdp_jw_key(j, key);
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "dstRef", t->dstRef);
    wrdp_jw_kv_uint(j, "srcRef", t->srcRef);
    wrdp_jw_kv_uint(j, "classOption", t->classOption);
    wrdp_jw_object_end(j);
}

static int conn_tpdu_from_json(const wrdp_json *v, const char *key, wrdp_x224_connection_tpdu *t, wrdp_error *err)
{
    const wrdp_json *o;
    if (wrdp_json_get_object(v, key, &o, err) || wrdp_json_get_u16(o, "dstRef", &t->dstRef, err) ||
        wrdp_json_get_u16(o, "srcRef", &t->srcRef, err) || wrdp_json_get_u8(o, "classOption", &t->classOption, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- Connection Request ---- */
void wrdp_x224_connection_request_to_json(const wrdp_x224_connection_request *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    conn_tpdu_to_json("x224Crq", &in->x224Crq, j);
    if (in->routingToken.len)
        wrdp_jw_kv_bytes(j, "routingToken", in->routingToken);
    if (in->cookie.len)
        wrdp_jw_kv_string(j, "cookie", (const char *)in->cookie.data, in->cookie.len);
    if (in->hasRdpNegReq) {
        wrdp_jw_key(j, "rdpNegReq");
        wrdp_rdp_neg_req_to_json(&in->rdpNegReq, j);
        if (in->rdpNegReq.flags & WRDP_CORRELATION_INFO_PRESENT) {
            wrdp_jw_key(j, "rdpCorrelationInfo");
            wrdp_rdp_neg_correlation_info_to_json(&in->rdpCorrelationInfo, j);
        }
    }
    wrdp_jw_object_end(j);
}

int wrdp_x224_connection_request_from_json(const wrdp_json *v, wrdp_x224_connection_request *out, wrdp_arena *a,
                                           wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (conn_tpdu_from_json(v, "x224Crq", &out->x224Crq, err))
        return WRDP_ERR;
    if (present(v, "routingToken") && wrdp_json_get_hex(v, "routingToken", &out->routingToken, a, err))
        return WRDP_ERR;
    if (present(v, "cookie")) {
        const char *s;
        size_t n;
        if (wrdp_json_get_string(v, "cookie", &s, &n, err))
            return WRDP_ERR;
        out->cookie.data = (const uint8_t *)s;
        out->cookie.len = n;
    }
    if (present(v, "rdpNegReq")) {
        const wrdp_json *o;
        if (wrdp_json_get_object(v, "rdpNegReq", &o, err) || wrdp_rdp_neg_req_from_json(o, &out->rdpNegReq, a, err))
            return WRDP_ERR;
        out->hasRdpNegReq = true;
        if (out->rdpNegReq.flags & WRDP_CORRELATION_INFO_PRESENT) {
            if (wrdp_json_get_object(v, "rdpCorrelationInfo", &o, err) ||
                wrdp_rdp_neg_correlation_info_from_json(o, &out->rdpCorrelationInfo, a, err))
                return WRDP_ERR;
        }
    }
    return WRDP_OK;
}

/* ---- Connection Confirm ---- */
void wrdp_x224_connection_confirm_to_json(const wrdp_x224_connection_confirm *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    conn_tpdu_to_json("x224Ccf", &in->x224Ccf, j);
    if (in->rdpNegDataType == WRDP_TYPE_RDP_NEG_RSP) {
        wrdp_jw_key(j, "rdpNegRsp");
        wrdp_rdp_neg_rsp_to_json(&in->rdpNegRsp, j);
    } else if (in->rdpNegDataType == WRDP_TYPE_RDP_NEG_FAILURE) {
        wrdp_jw_key(j, "rdpNegFailure");
        wrdp_rdp_neg_failure_to_json(&in->rdpNegFailure, j);
    }
    wrdp_jw_object_end(j);
}

int wrdp_x224_connection_confirm_from_json(const wrdp_json *v, wrdp_x224_connection_confirm *out, wrdp_arena *a,
                                           wrdp_error *err)
{
    memset(out, 0, sizeof *out);
    if (conn_tpdu_from_json(v, "x224Ccf", &out->x224Ccf, err))
        return WRDP_ERR;
    const wrdp_json *o;
    bool rsp = present(v, "rdpNegRsp"), fail = present(v, "rdpNegFailure");
    if (rsp && fail)
        return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "json: rdpNegRsp and rdpNegFailure are exclusive");
    if (rsp) {
        if (wrdp_json_get_object(v, "rdpNegRsp", &o, err) || wrdp_rdp_neg_rsp_from_json(o, &out->rdpNegRsp, a, err))
            return WRDP_ERR;
        out->rdpNegDataType = WRDP_TYPE_RDP_NEG_RSP;
    } else if (fail) {
        if (wrdp_json_get_object(v, "rdpNegFailure", &o, err) ||
            wrdp_rdp_neg_failure_from_json(o, &out->rdpNegFailure, a, err))
            return WRDP_ERR;
        out->rdpNegDataType = WRDP_TYPE_RDP_NEG_FAILURE;
    }
    return WRDP_OK;
}

/* ---- Data ---- */
void wrdp_x224_data_to_json(const wrdp_x224_data *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_bytes(j, "userData", in->userData);
    wrdp_jw_object_end(j);
}

int wrdp_x224_data_from_json(const wrdp_json *v, wrdp_x224_data *out, wrdp_arena *a, wrdp_error *err)
{
    return wrdp_json_get_hex(v, "userData", &out->userData, a, err);
}

/* ---- Disconnect Request ---- */
void wrdp_x224_disconnect_request_to_json(const wrdp_x224_disconnect_request *in, wrdp_json_writer *j)
{
    wrdp_jw_object_begin(j);
    wrdp_jw_kv_uint(j, "dstRef", in->dstRef);
    wrdp_jw_kv_uint(j, "srcRef", in->srcRef);
    wrdp_jw_kv_uint(j, "reason", in->reason);
    wrdp_jw_kv_bytes(j, "variablePart", in->variablePart);
    wrdp_jw_object_end(j);
}

int wrdp_x224_disconnect_request_from_json(const wrdp_json *v, wrdp_x224_disconnect_request *out, wrdp_arena *a,
                                           wrdp_error *err)
{
    if (wrdp_json_get_u16(v, "dstRef", &out->dstRef, err) || wrdp_json_get_u16(v, "srcRef", &out->srcRef, err) ||
        wrdp_json_get_u8(v, "reason", &out->reason, err) ||
        wrdp_json_get_hex(v, "variablePart", &out->variablePart, a, err))
        return WRDP_ERR;
    return WRDP_OK;
}

/* ---- registry ---- */
WRDP_PDU_KIND_ADAPT(wrdp_tpkt_header, wrdp_tpkt_header)
WRDP_PDU_KIND_ADAPT(wrdp_x224_connection_request, wrdp_x224_connection_request)
WRDP_PDU_KIND_ADAPT(wrdp_x224_connection_confirm, wrdp_x224_connection_confirm)
WRDP_PDU_KIND_ADAPT(wrdp_x224_data, wrdp_x224_data)
WRDP_PDU_KIND_ADAPT(wrdp_x224_disconnect_request, wrdp_x224_disconnect_request)

const wrdp_pdu_kind wrdp_pdu_kinds_x224[] = {
    WRDP_PDU_KIND_ENTRY("tpkt_header", "TPKT header alone (T.123 section 8)", wrdp_tpkt_header, wrdp_tpkt_header),
    WRDP_PDU_KIND_ENTRY("x224_connection_request", "Client X.224 Connection Request (TPKT + CR TPDU + routing token or cookie + RDP_NEG_REQ + correlation info)", wrdp_x224_connection_request, wrdp_x224_connection_request),
    WRDP_PDU_KIND_ENTRY("x224_connection_confirm", "Server X.224 Connection Confirm (TPKT + CC TPDU + RDP_NEG_RSP or RDP_NEG_FAILURE)", wrdp_x224_connection_confirm, wrdp_x224_connection_confirm),
    WRDP_PDU_KIND_ENTRY("x224_data", "TPKT + X.224 Data TPDU (02 F0 80) with its payload as raw bytes", wrdp_x224_data, wrdp_x224_data),
    WRDP_PDU_KIND_ENTRY("x224_disconnect_request", "TPKT + X.224 Disconnect Request TPDU", wrdp_x224_disconnect_request, wrdp_x224_disconnect_request),
};
WRDP_PDU_FAMILY_DEFINE_COUNT(x224)
