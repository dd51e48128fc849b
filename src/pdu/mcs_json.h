/* JSON forms of the mcs family (internal; see include/webrdp/pdu/mcs.h). */
#ifndef WRDP_PDU_MCS_JSON_H
#define WRDP_PDU_MCS_JSON_H

#include "core/json.h"
#include "webrdp/pdu.h"

#define WRDP_MCS_JSON_DECLARE(P, T)                                   \
    void P##_to_json(const T *in, wrdp_json_writer *j);              \
    int P##_from_json(const wrdp_json *v, T *out, wrdp_arena *a, wrdp_error *err);

WRDP_MCS_JSON_DECLARE(wrdp_mcs_connect_initial, wrdp_mcs_connect_initial)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_connect_response, wrdp_mcs_connect_response)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_erect_domain_request, wrdp_mcs_erect_domain_request)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_attach_user_request, wrdp_mcs_attach_user_request)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_attach_user_confirm, wrdp_mcs_attach_user_confirm)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_channel_join_request, wrdp_mcs_channel_join_request)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_channel_join_confirm, wrdp_mcs_channel_join_confirm)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_send_data_request, wrdp_mcs_send_data_request)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_send_data_indication, wrdp_mcs_send_data_indication)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_disconnect_provider_ultimatum, wrdp_mcs_disconnect_provider_ultimatum)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_domain_pdu, wrdp_mcs_domain_pdu)
WRDP_MCS_JSON_DECLARE(wrdp_mcs_frame, wrdp_mcs_frame)

#endif
