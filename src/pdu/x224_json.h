/* JSON forms of the x224 family (internal; see include/webrdp/pdu/x224.h). */
#ifndef WRDP_PDU_X224_JSON_H
#define WRDP_PDU_X224_JSON_H

#include "core/json.h"
#include "webrdp/pdu.h"

#define WRDP_X224_JSON_DECLARE(P, T)                                  \
    void P##_to_json(const T *in, wrdp_json_writer *j);              \
    int P##_from_json(const wrdp_json *v, T *out, wrdp_arena *a, wrdp_error *err);

WRDP_X224_JSON_DECLARE(wrdp_tpkt_header, wrdp_tpkt_header)
WRDP_X224_JSON_DECLARE(wrdp_rdp_neg_req, wrdp_rdp_neg_req)
WRDP_X224_JSON_DECLARE(wrdp_rdp_neg_rsp, wrdp_rdp_neg_rsp)
WRDP_X224_JSON_DECLARE(wrdp_rdp_neg_failure, wrdp_rdp_neg_failure)
WRDP_X224_JSON_DECLARE(wrdp_rdp_neg_correlation_info, wrdp_rdp_neg_correlation_info)
WRDP_X224_JSON_DECLARE(wrdp_x224_connection_request, wrdp_x224_connection_request)
WRDP_X224_JSON_DECLARE(wrdp_x224_connection_confirm, wrdp_x224_connection_confirm)
WRDP_X224_JSON_DECLARE(wrdp_x224_data, wrdp_x224_data)
WRDP_X224_JSON_DECLARE(wrdp_x224_disconnect_request, wrdp_x224_disconnect_request)

#endif
