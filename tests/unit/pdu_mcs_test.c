/* MCS: field values of every vector (IronRDP's decoded_fields and the
 * [MS-RDPBCGR] 4.1 frames), re-encoding, building from structs, the frame
 * wrapper, every truncation, and the ultimatum reason texts. */
#include "pdu/kind.h"
#include "test.h"

static uint8_t *load(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "vectors/pdu/%s", name);
    return test_read_file(path, len);
}

static void check_roundtrip(const char *kind, const uint8_t *data, size_t len)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    CHECK(k != NULL);
    if (!k)
        return;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t used = 0;
    int rc = wrdp_pdu_kind_roundtrip(k, data, len, &w, &used, &err);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", kind, err.message);
    CHECK_EQ(used, len);
    CHECK_MSG(w.len == len && memcmp(w.data, data, len) == 0, "%s: re-encoding differs", kind);
    wrdp_writer_free(&w);
}

static void check_truncations(const char *kind, const uint8_t *data, size_t len)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    if (!k)
        return;
    for (size_t n = 0; n < len; n++) {
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        size_t used = 0;
        int rc = wrdp_pdu_kind_roundtrip(k, data, n, &w, &used, &err);
        CHECK_MSG(rc == WRDP_ERR, "%s: prefix of %zu bytes decoded", kind, n);
        CHECK_MSG(err.kind == WRDP_ERROR_DECODE || err.kind == WRDP_ERROR_LIMIT, "%s: prefix %zu: kind %s", kind, n,
                  wrdp_error_kind_name(err.kind));
        CHECK_MSG(strstr(err.message, kind) != NULL, "%s: message does not name the PDU: %s", kind, err.message);
        wrdp_writer_free(&w);
    }
}

/* Loads a vector, checks the roundtrip and truncations of `kind`, and leaves a
 * cursor over it for the typed decoder. */
static uint8_t *prepare(const char *file, const char *kind, size_t *len, wrdp_cursor *c, wrdp_error *err)
{
    uint8_t *data = load(file, len);
    check_roundtrip(kind, data, *len);
    check_truncations(kind, data, *len);
    wrdp_error_clear(err);
    wrdp_cursor_init(c, data, *len, kind, err);
    return data;
}

static void check_params(const wrdp_mcs_domain_parameters *p, uint32_t ch, uint32_t users, uint32_t tokens,
                         uint32_t prio, uint32_t thr, uint32_t height, uint32_t pdu, uint32_t ver)
{
    CHECK_EQ(p->maxChannelIds, ch);
    CHECK_EQ(p->maxUserIds, users);
    CHECK_EQ(p->maxTokenIds, tokens);
    CHECK_EQ(p->numPriorities, prio);
    CHECK_EQ(p->minThroughput, thr);
    CHECK_EQ(p->maxHeight, height);
    CHECK_EQ(p->maxMCSPDUsize, pdu);
    CHECK_EQ(p->protocolVersion, ver);
}

static void test_connect(void)
{
    size_t len;
    wrdp_error err;
    wrdp_cursor c;
    uint8_t *data = prepare("mcs/mcs_connect_initial.bin", "mcs_connect_initial", &len, &c, &err);
    wrdp_mcs_connect_initial ci;
    CHECK(wrdp_mcs_connect_initial_decode(&c, &ci) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK(ci.callingDomainSelector.len == 1 && ci.callingDomainSelector.data[0] == 1);
    CHECK(ci.calledDomainSelector.len == 1 && ci.calledDomainSelector.data[0] == 1);
    CHECK(ci.upwardFlag);
    check_params(&ci.targetParameters, 34, 2, 0, 1, 0, 1, 65535, 2);
    check_params(&ci.minimumParameters, 1, 1, 1, 1, 0, 1, 1056, 2);
    check_params(&ci.maximumParameters, 65535, 64535, 65535, 1, 0, 1, 65535, 2);
    CHECK_EQ(ci.userData.len, 0x133);
    CHECK(ci.userData.data == data + len - 0x133);
    /* the GCC blob starts with the T.124 object identifier choice 00 05 00 14 7c 00 01 */
    CHECK(ci.userData.data[0] == 0x00 && ci.userData.data[1] == 0x05 && ci.userData.data[3] == 0x14);

    /* The same PDU in a whole frame reads back through mcs_frame. */
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t m = wrdp_x224_data_begin(&w);
    CHECK(wrdp_mcs_connect_initial_encode(&ci, &w) == WRDP_OK);
    CHECK(wrdp_x224_data_end(&w, m) == WRDP_OK);
    CHECK_EQ(w.len, len + 7);
    CHECK_MEM(w.data + 7, data, len);
    check_roundtrip("mcs_frame", w.data, w.len);
    wrdp_mcs_frame f;
    wrdp_cursor fc;
    wrdp_cursor_init(&fc, w.data, w.len, "mcs_frame", &err);
    CHECK(wrdp_mcs_frame_decode(&fc, &f) == WRDP_OK);
    CHECK_EQ(f.type, WRDP_MCS_FRAME_CONNECT_INITIAL);
    CHECK_EQ(f.connectInitial.targetParameters.maxChannelIds, 34);
    wrdp_writer_free(&w);
    free(data);

    data = prepare("mcs/mcs_connect_response.bin", "mcs_connect_response", &len, &c, &err);
    wrdp_mcs_connect_response cr;
    CHECK(wrdp_mcs_connect_response_decode(&c, &cr) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(cr.result, WRDP_MCS_RT_SUCCESSFUL);
    CHECK_EQ(cr.calledConnectId, 0);
    check_params(&cr.domainParameters, 34, 3, 0, 1, 0, 1, 65528, 2);
    CHECK_EQ(cr.userData.len, 0x120);
    CHECK(cr.userData.data == data + len - 0x120);
    free(data);

    /* build a Connect-Initial with a userData over 127 and over 255 bytes (long BER lengths) */
    static uint8_t blob[300];
    for (size_t i = 0; i < sizeof blob; i++)
        blob[i] = (uint8_t)i;
    wrdp_writer_init(&w, 0, &err);
    memset(&ci, 0, sizeof ci);
    static const uint8_t one = 1;
    ci.callingDomainSelector.data = &one;
    ci.callingDomainSelector.len = 1;
    ci.calledDomainSelector = ci.callingDomainSelector;
    ci.upwardFlag = true;
    ci.targetParameters.maxMCSPDUsize = 0xFFFFFFFFu;
    for (size_t n = 0; n <= sizeof blob; n += 100) {
        wrdp_writer_reset(&w);
        ci.userData.data = blob;
        ci.userData.len = n;
        CHECK(wrdp_mcs_connect_initial_encode(&ci, &w) == WRDP_OK);
        wrdp_mcs_connect_initial back;
        wrdp_cursor_init(&c, w.data, w.len, "mcs_connect_initial", &err);
        CHECK(wrdp_mcs_connect_initial_decode(&c, &back) == WRDP_OK);
        CHECK_EQ(c.pos, w.len);
        CHECK_EQ(back.userData.len, n);
        CHECK_EQ(back.targetParameters.maxMCSPDUsize, 0xFFFFFFFFu);
        check_roundtrip("mcs_connect_initial", w.data, w.len);
    }
    wrdp_writer_free(&w);
}

static void test_domain_pdus(void)
{
    size_t len;
    wrdp_error err;
    wrdp_cursor c;
    uint8_t *data;

    data = prepare("mcs/mcs_erect_domain_request.bin", "mcs_erect_domain_request", &len, &c, &err);
    wrdp_mcs_erect_domain_request ed;
    CHECK(wrdp_mcs_erect_domain_request_decode(&c, &ed) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(ed.subHeight, 0);
    CHECK_EQ(ed.subInterval, 0);
    free(data);

    data = prepare("mcs/mcs_attach_user_request.bin", "mcs_attach_user_request", &len, &c, &err);
    wrdp_mcs_attach_user_request aur;
    CHECK(wrdp_mcs_attach_user_request_decode(&c, &aur) == WRDP_OK);
    CHECK_EQ(c.pos, 1);
    free(data);

    data = prepare("mcs/mcs_attach_user_confirm.bin", "mcs_attach_user_confirm", &len, &c, &err);
    wrdp_mcs_attach_user_confirm auc;
    CHECK(wrdp_mcs_attach_user_confirm_decode(&c, &auc) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(auc.result, 0);
    CHECK(auc.initiatorPresent);
    CHECK_EQ(auc.initiator, 1007);
    free(data);

    data = prepare("mcs/mcs_channel_join_request.bin", "mcs_channel_join_request", &len, &c, &err);
    wrdp_mcs_channel_join_request cjr;
    CHECK(wrdp_mcs_channel_join_request_decode(&c, &cjr) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(cjr.initiator, 1007);
    CHECK_EQ(cjr.channelId, 1007);
    free(data);

    data = prepare("mcs/mcs_channel_join_confirm.bin", "mcs_channel_join_confirm", &len, &c, &err);
    wrdp_mcs_channel_join_confirm cjc;
    CHECK(wrdp_mcs_channel_join_confirm_decode(&c, &cjc) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(cjc.result, 0);
    CHECK_EQ(cjc.initiator, 1007);
    CHECK_EQ(cjc.requested, 1007);
    CHECK(cjc.channelIdPresent);
    CHECK_EQ(cjc.channelId, 1007);
    free(data);

    data = prepare("mcs/mcs_disconnect_provider_ultimatum.bin", "mcs_disconnect_provider_ultimatum", &len, &c, &err);
    wrdp_mcs_disconnect_provider_ultimatum dpu;
    CHECK(wrdp_mcs_disconnect_provider_ultimatum_decode(&c, &dpu) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(dpu.reason, WRDP_MCS_RN_USER_REQUESTED);
    free(data);

    size_t info_len;
    uint8_t *info = load("rdp/client_info_pdu.bin", &info_len);
    data = prepare("mcs/mcs_send_data_request_client_info.bin", "mcs_send_data_request", &len, &c, &err);
    wrdp_mcs_send_data_request sdr;
    CHECK(wrdp_mcs_send_data_request_decode(&c, &sdr) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(sdr.initiator, 1007);
    CHECK_EQ(sdr.channelId, 1003);
    CHECK_EQ(sdr.dataPriority, WRDP_MCS_PRIORITY_HIGH);
    CHECK_EQ(sdr.segmentation, WRDP_MCS_SEGMENTATION_BEGIN | WRDP_MCS_SEGMENTATION_END);
    CHECK_EQ(sdr.userData.len, 0x192);
    CHECK(sdr.userData.len == info_len && memcmp(sdr.userData.data, info, info_len) == 0);
    free(data);
    free(info);

    info = load("rdp/server_license_error_valid_client.bin", &info_len);
    data = prepare("mcs/mcs_send_data_indication_license.bin", "mcs_send_data_indication", &len, &c, &err);
    wrdp_mcs_send_data_indication sdi;
    CHECK(wrdp_mcs_send_data_indication_decode(&c, &sdi) == WRDP_OK);
    CHECK_EQ(c.pos, len);
    CHECK_EQ(sdi.initiator, 1002);
    CHECK_EQ(sdi.channelId, 1003);
    CHECK_EQ(sdi.userData.len, 20);
    CHECK(sdi.userData.len == info_len && memcmp(sdi.userData.data, info, info_len) == 0);
    /* a Send Data Indication is not a Send Data Request */
    wrdp_cursor_init(&c, data, len, "mcs_send_data_request", &err);
    CHECK(wrdp_mcs_send_data_request_decode(&c, &sdr) == WRDP_ERR);
    free(data);
    free(info);

    data = load("mcs/err_invalid_domain_mcspdu.bin", &len);
    wrdp_mcs_domain_pdu any;
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, data, len, "mcs_domain_pdu", &err);
    CHECK(wrdp_mcs_domain_pdu_decode(&c, &any) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    CHECK(strstr(err.message, "choice 18") != NULL);
    free(data);
}

/* [MS-RDPBCGR] 4.1.5 - 4.1.8 and 4.2.3 as whole frames. */
static void test_spec_frames(void)
{
    size_t len;
    wrdp_error err;
    wrdp_cursor c;
    wrdp_mcs_frame f;
    uint8_t *data;

    data = prepare("x224/tpkt_x224_data_erect_domain.bin", "mcs_frame", &len, &c, &err);
    CHECK(wrdp_mcs_frame_decode(&c, &f) == WRDP_OK);
    CHECK_EQ(f.type, WRDP_MCS_FRAME_DOMAIN_PDU);
    CHECK_EQ(f.domainPdu.type, WRDP_MCS_ERECT_DOMAIN_REQUEST);
    free(data);

    data = prepare("spec41/mcs_attach_user_confirm.bin", "mcs_frame", &len, &c, &err);
    CHECK(wrdp_mcs_frame_decode(&c, &f) == WRDP_OK);
    CHECK_EQ(f.domainPdu.type, WRDP_MCS_ATTACH_USER_CONFIRM);
    CHECK_EQ(f.domainPdu.u.attachUserConfirm.result, 0);
    CHECK_EQ(f.domainPdu.u.attachUserConfirm.initiator, 1007);
    free(data);

    static const struct {
        const char *file;
        uint16_t channel;
    } joins[] = {{"spec41/mcs_channel_join_request_1003.bin", 1003}, {"spec41/mcs_channel_join_request_1006.bin", 1006}};
    for (size_t i = 0; i < 2; i++) {
        data = prepare(joins[i].file, "mcs_frame", &len, &c, &err);
        CHECK(wrdp_mcs_frame_decode(&c, &f) == WRDP_OK);
        CHECK_EQ(f.domainPdu.type, WRDP_MCS_CHANNEL_JOIN_REQUEST);
        CHECK_EQ(f.domainPdu.u.channelJoinRequest.initiator, 1007);
        CHECK_EQ(f.domainPdu.u.channelJoinRequest.channelId, joins[i].channel);
        free(data);
    }

    data = prepare("spec41/mcs_channel_join_confirm_1007.bin", "mcs_frame", &len, &c, &err);
    CHECK(wrdp_mcs_frame_decode(&c, &f) == WRDP_OK);
    CHECK_EQ(f.domainPdu.type, WRDP_MCS_CHANNEL_JOIN_CONFIRM);
    CHECK_EQ(f.domainPdu.u.channelJoinConfirm.requested, 1007);
    CHECK_EQ(f.domainPdu.u.channelJoinConfirm.channelId, 1007);
    free(data);

    data = prepare("spec41/mcs_disconnect_provider_ultimatum.bin", "mcs_frame", &len, &c, &err);
    CHECK(wrdp_mcs_frame_decode(&c, &f) == WRDP_OK);
    CHECK_EQ(f.domainPdu.u.disconnectProviderUltimatum.reason, WRDP_MCS_RN_USER_REQUESTED);
    free(data);
}

static void test_build(void)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    wrdp_cursor c;

    /* every ultimatum reason and its text */
    for (uint8_t r = 0; r <= WRDP_MCS_RN_CHANNEL_PURGED; r++) {
        wrdp_writer_reset(&w);
        wrdp_mcs_disconnect_provider_ultimatum d = {r}, back;
        CHECK(wrdp_mcs_disconnect_provider_ultimatum_encode(&d, &w) == WRDP_OK);
        wrdp_cursor_init(&c, w.data, w.len, "mcs_disconnect_provider_ultimatum", &err);
        CHECK(wrdp_mcs_disconnect_provider_ultimatum_decode(&c, &back) == WRDP_OK);
        CHECK_EQ(back.reason, r);
        CHECK(strlen(wrdp_mcs_reason_text(r)) > 10);
        CHECK(strcmp(wrdp_mcs_reason_text(r), wrdp_mcs_reason_text(7)) != 0);
    }
    CHECK(strstr(wrdp_mcs_reason_text(WRDP_MCS_RN_USER_REQUESTED), "rn-user-requested") != NULL);
    /* reason 5..7 fit the bits but are not defined */
    static const uint8_t bad_reason[] = {0x22, 0x80};
    wrdp_cursor_init(&c, bad_reason, 2, "mcs_disconnect_provider_ultimatum", &err);
    wrdp_mcs_disconnect_provider_ultimatum dpu;
    CHECK(wrdp_mcs_disconnect_provider_ultimatum_decode(&c, &dpu) == WRDP_ERR);

    /* confirms with a failure result (4 bits straddling two octets) and without the optional field */
    wrdp_writer_reset(&w);
    wrdp_mcs_attach_user_confirm auc = {WRDP_MCS_RT_UNSPECIFIED_FAILURE, false, 0}, auc2;
    CHECK(wrdp_mcs_attach_user_confirm_encode(&auc, &w) == WRDP_OK);
    CHECK_EQ(w.len, 2);
    CHECK_EQ(w.data[0], 0x2D);
    CHECK_EQ(w.data[1], 0xC0);
    wrdp_cursor_init(&c, w.data, w.len, "mcs_attach_user_confirm", &err);
    CHECK(wrdp_mcs_attach_user_confirm_decode(&c, &auc2) == WRDP_OK);
    CHECK_EQ(auc2.result, WRDP_MCS_RT_UNSPECIFIED_FAILURE);
    CHECK(!auc2.initiatorPresent);

    wrdp_writer_reset(&w);
    wrdp_mcs_channel_join_confirm cjc = {WRDP_MCS_RT_NO_SUCH_CHANNEL, 1010, 1005, false, 0}, cjc2;
    CHECK(wrdp_mcs_channel_join_confirm_encode(&cjc, &w) == WRDP_OK);
    CHECK_EQ(w.len, 6);
    wrdp_cursor_init(&c, w.data, w.len, "mcs_channel_join_confirm", &err);
    CHECK(wrdp_mcs_channel_join_confirm_decode(&c, &cjc2) == WRDP_OK);
    CHECK_EQ(cjc2.result, WRDP_MCS_RT_NO_SUCH_CHANNEL);
    CHECK_EQ(cjc2.initiator, 1010);
    CHECK_EQ(cjc2.requested, 1005);
    CHECK(!cjc2.channelIdPresent);

    /* initiator below 1001 cannot be encoded */
    wrdp_writer_reset(&w);
    wrdp_mcs_channel_join_request cjr = {1000, 1003};
    CHECK(wrdp_mcs_channel_join_request_encode(&cjr, &w) == WRDP_ERR);

    /* erect domain with larger integers */
    wrdp_writer_reset(&w);
    wrdp_mcs_erect_domain_request ed = {300, 70000}, ed2;
    CHECK(wrdp_mcs_erect_domain_request_encode(&ed, &w) == WRDP_OK);
    wrdp_cursor_init(&c, w.data, w.len, "mcs_erect_domain_request", &err);
    CHECK(wrdp_mcs_erect_domain_request_decode(&c, &ed2) == WRDP_OK);
    CHECK_EQ(ed2.subHeight, 300);
    CHECK_EQ(ed2.subInterval, 70000);

    /* send data: short and long PER lengths, the limit, and a whole frame as the connector writes it */
    static uint8_t payload[WRDP_MCS_USER_DATA_MAX + 1];
    size_t sizes[] = {0, 1, 127, 128, 1000, WRDP_MCS_USER_DATA_MAX};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        wrdp_writer_reset(&w);
        wrdp_mcs_send_data_request sdr = {1007, 1003, WRDP_MCS_PRIORITY_HIGH, 3, {payload, sizes[i]}}, back;
        size_t m = wrdp_x224_data_begin(&w);
        CHECK(wrdp_mcs_send_data_request_encode(&sdr, &w) == WRDP_OK);
        CHECK(wrdp_x224_data_end(&w, m) == WRDP_OK);
        CHECK_EQ(w.len, 7 + 6 + (sizes[i] >= 128 ? 2 : 1) + sizes[i]);
        wrdp_mcs_frame f;
        wrdp_cursor_init(&c, w.data, w.len, "mcs_frame", &err);
        CHECK(wrdp_mcs_frame_decode(&c, &f) == WRDP_OK);
        CHECK_EQ(f.domainPdu.type, WRDP_MCS_SEND_DATA_REQUEST);
        back = f.domainPdu.u.sendData;
        CHECK_EQ(back.userData.len, sizes[i]);
        CHECK_EQ(back.channelId, 1003);
    }
    wrdp_writer_reset(&w);
    wrdp_mcs_send_data_request big = {1007, 1003, 1, 3, {payload, sizeof payload}};
    CHECK(wrdp_mcs_send_data_request_encode(&big, &w) == WRDP_ERR);
    /* a fragmented PER length is refused */
    static const uint8_t frag[] = {0x64, 0x00, 0x06, 0x03, 0xeb, 0x70, 0xC1, 0x00};
    wrdp_mcs_send_data_request sd;
    wrdp_cursor_init(&c, frag, sizeof frag, "mcs_send_data_request", &err);
    CHECK(wrdp_mcs_send_data_request_decode(&c, &sd) == WRDP_ERR);

    /* the mcs_frame encoder */
    wrdp_writer_reset(&w);
    wrdp_mcs_frame fr;
    memset(&fr, 0, sizeof fr);
    fr.type = WRDP_MCS_FRAME_DOMAIN_PDU;
    fr.domainPdu.type = WRDP_MCS_ATTACH_USER_REQUEST;
    CHECK(wrdp_mcs_frame_encode(&fr, &w) == WRDP_OK);
    static const uint8_t aur_frame[] = {0x03, 0x00, 0x00, 0x08, 0x02, 0xf0, 0x80, 0x28};
    CHECK_EQ(w.len, sizeof aur_frame);
    CHECK_MEM(w.data, aur_frame, sizeof aur_frame);
    wrdp_writer_free(&w);
}

int main(void)
{
    test_connect();
    test_domain_pdus();
    test_spec_frames();
    test_build();
    return test_finish("pdu_mcs");
}
