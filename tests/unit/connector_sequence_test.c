/* The connector driven through the whole connection sequence with the server PDUs
 * of the MS-RDPBCGR 4.1 trace (tests/vectors/pdu/...), wrapped in their TPKT / X.224
 * / MCS headers with the PDU encoders: each state transition, each client PDU decoded
 * back with the PDU decoders, the connection result; then the ways it must fail
 * (negotiation failures, RDCleanPath errors, Set Error Info, disconnects, hostile
 * frames at every state) and the configuration checks. */
#include <string.h>

#include "test.h"
#include "webrdp/connector.h"
#include "webrdp/pdu.h"
#include "webrdp/rdcleanpath.h"

/* ---- helpers ----------------------------------------------------------------------- */

static int counter_random(void *ctx, uint8_t *out, size_t len)
{
    uint8_t *n = ctx;
    for (size_t i = 0; i < len; i++)
        out[i] = (*n)++;
    return 0;
}

static uint8_t random_state;
static wrdp_connector_state seen[64];
static size_t seen_count;

static void on_state(void *ctx, wrdp_connector_state s)
{
    (void)ctx;
    if (seen_count < 64)
        seen[seen_count++] = s;
}

static void base_config(wrdp_connector_config *cfg)
{
    wrdp_connector_config_init(cfg);
    cfg->username = "eltons";
    cfg->password = "secret";
    cfg->domain = "NTDEV";
    cfg->client_name = "ELTONS-DEV2";
    cfg->security_protocols = WRDP_SECURITY_TLS;
    static const char *names[] = {"rdpdr", "cliprdr", "rdpsnd"};
    for (size_t i = 0; i < 3; i++) {
        strcpy(cfg->channels[i].name, names[i]);
        cfg->channels[i].options = WRDP_CHANNEL_OPTION_INITIALIZED;
    }
    cfg->channel_count = 3;
    random_state = 0;
    cfg->random = counter_random;
    cfg->random_ctx = &random_state;
    cfg->on_state = on_state;
}

typedef struct buf {
    uint8_t *data;
    size_t len;
} buf;

static buf read_vector(const char *path)
{
    buf b;
    b.data = test_read_file(path, &b.len);
    return b;
}

/* TPKT + X.224 Data around bare bytes (an MCS PDU). */
static buf x224(const uint8_t *p, size_t n)
{
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    size_t m = wrdp_x224_data_begin(&w);
    wrdp_wr_bytes(&w, p, n);
    wrdp_x224_data_end(&w, m);
    buf b = {w.data, w.len};
    return b;
}

/* A server PDU on a channel: MCS Send Data Indication (initiator 1002) in a TPKT frame. */
static buf indication(uint16_t channel, const uint8_t *p, size_t n)
{
    wrdp_mcs_domain_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = WRDP_MCS_SEND_DATA_INDICATION;
    pdu.u.sendData.initiator = 1002;
    pdu.u.sendData.channelId = channel;
    pdu.u.sendData.dataPriority = WRDP_MCS_PRIORITY_HIGH;
    pdu.u.sendData.segmentation = WRDP_MCS_SEGMENTATION_BEGIN | WRDP_MCS_SEGMENTATION_END;
    pdu.u.sendData.userData.data = p;
    pdu.u.sendData.userData.len = n;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    size_t m = wrdp_x224_data_begin(&w);
    wrdp_mcs_domain_pdu_encode(&pdu, &w);
    wrdp_x224_data_end(&w, m);
    buf b = {w.data, w.len};
    return b;
}

static buf indication_vector(uint16_t channel, const char *path)
{
    buf v = read_vector(path);
    buf b = indication(channel, v.data, v.len);
    free(v.data);
    return b;
}

static buf mcs_pdu(const wrdp_mcs_domain_pdu *pdu)
{
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    size_t m = wrdp_x224_data_begin(&w);
    wrdp_mcs_domain_pdu_encode(pdu, &w);
    wrdp_x224_data_end(&w, m);
    buf b = {w.data, w.len};
    return b;
}

static buf join_confirm(uint16_t channel)
{
    wrdp_mcs_domain_pdu pdu;
    memset(&pdu, 0, sizeof pdu);
    pdu.type = WRDP_MCS_CHANNEL_JOIN_CONFIRM;
    pdu.u.channelJoinConfirm.initiator = 1007;
    pdu.u.channelJoinConfirm.requested = channel;
    pdu.u.channelJoinConfirm.channelIdPresent = true;
    pdu.u.channelJoinConfirm.channelId = channel;
    return mcs_pdu(&pdu);
}

static buf confirm(uint8_t type, uint32_t value)
{
    wrdp_x224_connection_confirm cc;
    memset(&cc, 0, sizeof cc);
    cc.rdpNegDataType = type;
    if (type == WRDP_TYPE_RDP_NEG_RSP) {
        cc.rdpNegRsp.flags = WRDP_EXTENDED_CLIENT_DATA_SUPPORTED;
        cc.rdpNegRsp.selectedProtocol = value;
    } else if (type == WRDP_TYPE_RDP_NEG_FAILURE) {
        cc.rdpNegFailure.failureCode = value;
    }
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    wrdp_x224_connection_confirm_encode(&cc, &w);
    buf b = {w.data, w.len};
    return b;
}

static buf share_data_pdu(int which, uint32_t value)
{
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    wrdp_share_data_headers h;
    memset(&h, 0, sizeof h);
    h.shareControlHeader.pduType = WRDP_PDUTYPE_DATAPDU | WRDP_TS_PROTOCOL_VERSION;
    h.shareControlHeader.pduSource = 1002;
    h.shareDataHeader.shareId = 0x000103ea;
    h.shareDataHeader.streamId = WRDP_STREAM_MED;
    if (which == WRDP_PDUTYPE2_CONTROL) {
        wrdp_control_pdu p;
        memset(&p, 0, sizeof p);
        p.hdr = h;
        p.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_CONTROL;
        p.action = (uint16_t)value;
        wrdp_control_pdu_encode(&p, &w);
    } else {
        wrdp_set_error_info_pdu p;
        memset(&p, 0, sizeof p);
        p.hdr = h;
        p.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_SET_ERROR_INFO_PDU;
        p.errorInfo = value;
        wrdp_set_error_info_pdu_encode(&p, &w);
    }
    buf b = indication(1003, w.data, w.len);
    wrdp_writer_free(&w);
    return b;
}

/* Splits the client's output into TPKT frames. */
typedef struct frames {
    size_t count;
    const uint8_t *p[16];
    size_t len[16];
} frames;

static frames split(const wrdp_writer *out)
{
    frames f;
    memset(&f, 0, sizeof f);
    size_t pos = 0;
    while (pos + 4 <= out->len && f.count < 16) {
        size_t n = (size_t)out->data[pos + 2] << 8 | out->data[pos + 3];
        if (n < 4 || pos + n > out->len)
            break;
        f.p[f.count] = out->data + pos;
        f.len[f.count++] = n;
        pos += n;
    }
    CHECK_EQ(pos, out->len);
    return f;
}

/* The userData of a client Send Data Request frame, checking its channel and initiator. */
static wrdp_bytes request_payload(const uint8_t *p, size_t n, uint16_t channel)
{
    wrdp_cursor c;
    wrdp_mcs_frame f;
    wrdp_bytes none = {NULL, 0};
    wrdp_cursor_init(&c, p, n, "test", NULL);
    if (wrdp_mcs_frame_decode(&c, &f) || f.type != WRDP_MCS_FRAME_DOMAIN_PDU ||
        f.domainPdu.type != WRDP_MCS_SEND_DATA_REQUEST) {
        CHECK(!"a Send Data Request");
        return none;
    }
    CHECK_EQ(f.domainPdu.u.sendData.initiator, 1007);
    CHECK_EQ(f.domainPdu.u.sendData.channelId, channel);
    return f.domainPdu.u.sendData.userData;
}

static int step(wrdp_connector *c, const buf *in, wrdp_writer *out)
{
    wrdp_writer_reset(out);
    int r = wrdp_connector_step(c, in ? in->data : NULL, in ? in->len : 0, out);
    if (r)
        fprintf(stderr, "step in %s: %s\n", wrdp_connector_state_name(wrdp_connector_state_of(c)),
                wrdp_connector_error(c)->message);
    return r;
}

/* ---- the server side of the trace, as frames ------------------------------------------- */

enum {
    F_CONFIRM,
    F_CONNECT_RESPONSE,
    F_ATTACH,
    F_JOIN_1007,
    F_JOIN_1003,
    F_JOIN_1004,
    F_JOIN_1005,
    F_JOIN_1006,
    F_AUTODETECT,
    F_LICENSE,
    F_DEMAND_ACTIVE,
    F_SYNC,
    F_COOPERATE,
    F_GRANTED,
    F_FONT_MAP,
    F_COUNT
};

static buf server[F_COUNT];

static void load_server_frames(void)
{
    server[F_CONFIRM] = confirm(WRDP_TYPE_RDP_NEG_RSP, WRDP_PROTOCOL_SSL);
    buf v = read_vector("vectors/pdu/mcs/mcs_connect_response.bin");
    server[F_CONNECT_RESPONSE] = x224(v.data, v.len);
    free(v.data);
    v = read_vector("vectors/pdu/mcs/mcs_attach_user_confirm.bin");
    server[F_ATTACH] = x224(v.data, v.len);
    free(v.data);
    v = read_vector("vectors/pdu/mcs/mcs_channel_join_confirm.bin");
    server[F_JOIN_1007] = x224(v.data, v.len);
    free(v.data);
    server[F_JOIN_1003] = join_confirm(1003);
    server[F_JOIN_1004] = join_confirm(1004);
    server[F_JOIN_1005] = join_confirm(1005);
    server[F_JOIN_1006] = join_confirm(1006);
    /* an RTT request (2.2.14.1.1) in an Auto-Detect Request PDU */
    wrdp_autodetect_request_pdu ad;
    memset(&ad, 0, sizeof ad);
    ad.securityHeader.flags = WRDP_SEC_AUTODETECT_REQ;
    ad.autoDetectReqData.headerTypeId = WRDP_TYPE_ID_AUTODETECT_REQUEST;
    ad.autoDetectReqData.sequenceNumber = 0x1234;
    ad.autoDetectReqData.requestType = WRDP_RDP_RTT_REQUEST_TYPE_CONNECTTIME;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    wrdp_autodetect_request_pdu_encode(&ad, &w);
    server[F_AUTODETECT] = indication(1003, w.data, w.len);
    wrdp_writer_free(&w);
    server[F_LICENSE] = indication_vector(1003, "vectors/pdu/rdp/server_license_error_valid_client.bin");
    server[F_DEMAND_ACTIVE] = indication_vector(1003, "vectors/pdu/rdp/server_demand_active_pdu.bin");
    server[F_SYNC] = indication_vector(1003, "vectors/pdu/spec41/server_synchronize_pdu_4_1_19_decrypted.bin");
    server[F_COOPERATE] = share_data_pdu(WRDP_PDUTYPE2_CONTROL, WRDP_CTRLACTION_COOPERATE);
    server[F_GRANTED] = indication_vector(1003, "vectors/pdu/rdp/server_control_granted_control_pdu.bin");
    server[F_FONT_MAP] = indication_vector(1003, "vectors/pdu/rdp/server_font_map_pdu.bin");
}

/* ---- the whole sequence, TLS ----------------------------------------------------------- */

static void check_connection_request(const wrdp_writer *out, uint32_t protocols)
{
    wrdp_cursor c;
    wrdp_x224_connection_request cr;
    wrdp_cursor_init(&c, out->data, out->len, "test", NULL);
    CHECK(wrdp_x224_connection_request_decode(&c, &cr) == 0);
    CHECK_EQ(wrdp_cursor_remaining(&c), 0);
    CHECK_EQ(cr.cookie.len, 6);
    CHECK(cr.cookie.len == 6 && memcmp(cr.cookie.data, "eltons", 6) == 0);
    CHECK(cr.hasRdpNegReq);
    CHECK_EQ(cr.rdpNegReq.requestedProtocols, protocols);
}

static void check_connect_initial(const wrdp_writer *out)
{
    wrdp_cursor c;
    wrdp_mcs_frame f;
    wrdp_cursor_init(&c, out->data, out->len, "test", NULL);
    CHECK(wrdp_mcs_frame_decode(&c, &f) == 0);
    CHECK_EQ(f.type, WRDP_MCS_FRAME_CONNECT_INITIAL);
    CHECK_EQ(f.connectInitial.targetParameters.maxChannelIds, 34);
    CHECK_EQ(f.connectInitial.targetParameters.maxMCSPDUsize, 65535);
    wrdp_gcc_conference_create_request gcc;
    wrdp_cursor_init(&c, f.connectInitial.userData.data, f.connectInitial.userData.len, "test", NULL);
    CHECK(wrdp_gcc_conference_create_request_decode(&c, &gcc) == 0);
    const wrdp_gcc_client_data_blocks *b = &gcc.userData;
    CHECK(b->clientCoreDataPresent && b->clientSecurityDataPresent && b->clientNetworkDataPresent &&
          b->clientClusterDataPresent);
    const wrdp_gcc_client_core_data *core = &b->clientCoreData;
    CHECK_EQ(core->version, WRDP_RDP_VERSION_5_PLUS);
    CHECK_EQ(core->desktopWidth, 1024);
    CHECK_EQ(core->desktopHeight, 768);
    CHECK_EQ(core->keyboardLayout, 0x409);
    CHECK_EQ(core->keyboardType, 4);
    CHECK_EQ(core->keyboardFunctionKey, 12);
    CHECK_EQ(core->highColorDepth, 24);
    CHECK_EQ(core->optionalFieldCount, WRDP_GCC_CORE_OPTIONAL_FIELDS);
    uint16_t want = WRDP_RNS_UD_CS_SUPPORT_ERRINFO_PDU | WRDP_RNS_UD_CS_VALID_CONNECTION_TYPE |
                    WRDP_RNS_UD_CS_SUPPORT_MONITOR_LAYOUT_PDU | WRDP_RNS_UD_CS_STRONG_ASYMMETRIC_KEYS |
                    WRDP_RNS_UD_CS_SUPPORT_SKIP_CHANNELJOIN | WRDP_RNS_UD_CS_WANT_32BPP_SESSION;
    CHECK_EQ(core->earlyCapabilityFlags, want);
    CHECK_EQ(core->serverSelectedProtocol, WRDP_PROTOCOL_SSL);
    CHECK_EQ(core->desktopScaleFactor, 100);
    CHECK_EQ(core->deviceScaleFactor, 100);
    char name[16] = {0};
    wrdp_utf16le_to_utf8(core->clientName, wrdp_utf16le_strnlen(core->clientName, 32), name, sizeof name - 1);
    CHECK(strcmp(name, "ELTONS-DEV2") == 0);
    CHECK_EQ(b->clientSecurityData.encryptionMethods, 0);
    CHECK_EQ(b->clientNetworkData.channelCount, 3);
    CHECK(strcmp(b->clientNetworkData.channelDefArray[1].name, "cliprdr") == 0);
    CHECK_EQ(b->clientClusterData.Flags, 0x0D);
}

static void check_mcs(const uint8_t *p, size_t n, uint8_t type, uint16_t channel)
{
    wrdp_cursor c;
    wrdp_mcs_frame f;
    wrdp_cursor_init(&c, p, n, "test", NULL);
    CHECK(wrdp_mcs_frame_decode(&c, &f) == 0);
    CHECK_EQ(f.type, WRDP_MCS_FRAME_DOMAIN_PDU);
    CHECK_EQ(f.domainPdu.type, type);
    if (type == WRDP_MCS_CHANNEL_JOIN_REQUEST) {
        CHECK_EQ(f.domainPdu.u.channelJoinRequest.initiator, 1007);
        CHECK_EQ(f.domainPdu.u.channelJoinRequest.channelId, channel);
    }
}

static void check_client_info(const wrdp_writer *out)
{
    frames f = split(out);
    CHECK_EQ(f.count, 1);
    wrdp_bytes u = request_payload(f.p[0], f.len[0], 1003);
    wrdp_cursor c;
    wrdp_client_info_pdu ci;
    wrdp_cursor_init(&c, u.data, u.len, "test", NULL);
    CHECK(wrdp_client_info_pdu_decode(&c, &ci) == 0);
    CHECK_EQ(ci.securityHeader.flags, WRDP_SEC_INFO_PKT);
    uint32_t flags = ci.infoPacket.flags;
    CHECK(flags & WRDP_INFO_UNICODE);
    CHECK(flags & WRDP_INFO_LOGONERRORS);
    CHECK(flags & WRDP_INFO_MOUSE);
    CHECK(!(flags & WRDP_INFO_AUTOLOGON));
    CHECK(!(flags & WRDP_INFO_NOAUDIOPLAYBACK)); /* rdpsnd is configured */
    CHECK(!(flags & WRDP_INFO_COMPRESSION));
    char s[64] = {0};
    wrdp_utf16le_to_utf8(ci.infoPacket.UserName.data, ci.infoPacket.UserName.len, s, sizeof s - 1);
    CHECK(strcmp(s, "eltons") == 0);
    memset(s, 0, sizeof s);
    wrdp_utf16le_to_utf8(ci.infoPacket.Domain.data, ci.infoPacket.Domain.len, s, sizeof s - 1);
    CHECK(strcmp(s, "NTDEV") == 0);
    CHECK_EQ(ci.infoPacket.Password.len, 0); /* no auto-logon: the password stays home */
    CHECK_EQ(ci.infoPacket.extraInfo.clientAddressFamily, WRDP_AF_INET);
    CHECK_EQ(ci.infoPacket.extraInfo.performanceFlags,
             WRDP_PERF_DISABLE_WALLPAPER | WRDP_PERF_ENABLE_FONT_SMOOTHING);
}

static void check_autodetect_response(const wrdp_writer *out)
{
    frames f = split(out);
    CHECK_EQ(f.count, 1);
    wrdp_bytes u = request_payload(f.p[0], f.len[0], 1003);
    wrdp_cursor c;
    wrdp_autodetect_response_pdu r;
    wrdp_cursor_init(&c, u.data, u.len, "test", NULL);
    CHECK(wrdp_autodetect_response_pdu_decode(&c, &r) == 0);
    CHECK_EQ(r.securityHeader.flags, WRDP_SEC_AUTODETECT_RSP);
    CHECK_EQ(r.autoDetectRspData.sequenceNumber, 0x1234);
    CHECK_EQ(r.autoDetectRspData.responseType, WRDP_RDP_RTT_RESPONSE_TYPE);
}

static void check_confirm_active(const wrdp_writer *out)
{
    frames f = split(out);
    CHECK_EQ(f.count, 5); /* Confirm Active, Synchronize, Cooperate, Request Control, Font List */
    if (f.count != 5)
        return;
    wrdp_bytes u = request_payload(f.p[0], f.len[0], 1003);
    wrdp_confirm_active_pdu *ca = calloc(1, sizeof *ca);
    wrdp_cursor c;
    wrdp_cursor_init(&c, u.data, u.len, "test", NULL);
    CHECK(wrdp_confirm_active_pdu_decode(&c, ca) == 0);
    CHECK_EQ(ca->shareControlHeader.pduSource, 1007);
    CHECK_EQ(ca->confirmActive.shareId, 0x000103ea);
    CHECK_EQ(ca->confirmActive.originatorId, 1002);
    const wrdp_caps_set *sets = ca->confirmActive.capabilitySets;
    size_t n = ca->confirmActive.numberCapabilities;
    const wrdp_caps_set *s = wrdp_caps_find(sets, n, WRDP_CAPSTYPE_GENERAL);
    CHECK(s && (s->u.general.extraFlags & WRDP_FASTPATH_OUTPUT_SUPPORTED) &&
          (s->u.general.extraFlags & WRDP_NO_BITMAP_COMPRESSION_HDR));
    s = wrdp_caps_find(sets, n, WRDP_CAPSTYPE_BITMAP);
    CHECK(s && s->u.bitmap.desktopWidth == 1280 && s->u.bitmap.desktopHeight == 1024);
    CHECK(s && s->u.bitmap.preferredBitsPerPixel == 24);
    s = wrdp_caps_find(sets, n, WRDP_CAPSTYPE_ORDER);
    CHECK(s != NULL);
    if (s) {
        static const uint8_t zero[WRDP_ORDER_SUPPORT_COUNT];
        CHECK_MEM(s->u.order.orderSupport, zero, sizeof zero);
    }
    s = wrdp_caps_find(sets, n, WRDP_CAPSTYPE_INPUT);
    CHECK(s && (s->u.input.inputFlags & WRDP_INPUT_FLAG_FASTPATH_INPUT2) && s->u.input.keyboardLayout == 0x409);
    s = wrdp_caps_find(sets, n, WRDP_CAPSTYPE_VIRTUALCHANNEL);
    CHECK(s && s->u.virtualchannel.VCChunkSize == 1600);
    CHECK(wrdp_caps_find(sets, n, WRDP_CAPSETTYPE_LARGE_POINTER) != NULL);
    CHECK(wrdp_caps_find(sets, n, WRDP_CAPSETTYPE_SURFACE_COMMANDS) != NULL);
    CHECK(wrdp_caps_find(sets, n, WRDP_CAPSETTYPE_BITMAP_CODECS) == NULL); /* none configured */
    free(ca);

    u = request_payload(f.p[1], f.len[1], 1003);
    wrdp_synchronize_pdu sync;
    wrdp_cursor_init(&c, u.data, u.len, "test", NULL);
    CHECK(wrdp_synchronize_pdu_decode(&c, &sync) == 0);
    CHECK_EQ(sync.targetUser, 1002);
    CHECK_EQ(sync.hdr.shareDataHeader.shareId, 0x000103ea);
    for (int i = 0; i < 2; i++) {
        u = request_payload(f.p[2 + i], f.len[2 + i], 1003);
        wrdp_control_pdu ctl;
        wrdp_cursor_init(&c, u.data, u.len, "test", NULL);
        CHECK(wrdp_control_pdu_decode(&c, &ctl) == 0);
        CHECK_EQ(ctl.action, i == 0 ? WRDP_CTRLACTION_COOPERATE : WRDP_CTRLACTION_REQUEST_CONTROL);
    }
    u = request_payload(f.p[4], f.len[4], 1003);
    wrdp_font_list_pdu fl;
    wrdp_cursor_init(&c, u.data, u.len, "test", NULL);
    CHECK(wrdp_font_list_pdu_decode(&c, &fl) == 0);
    CHECK_EQ(fl.listFlags, WRDP_FONTLIST_FIRST | WRDP_FONTLIST_LAST);
    /* byte-identical to the trace's client PDUs, which use the same share id and channels */
    buf v = read_vector("vectors/pdu/rdp/client_synchronize_pdu.bin");
    u = request_payload(f.p[1], f.len[1], 1003);
    CHECK(u.len == v.len && memcmp(u.data, v.data, v.len) == 0);
    free(v.data);
    v = read_vector("vectors/pdu/rdp/client_font_list_pdu.bin");
    u = request_payload(f.p[4], f.len[4], 1003);
    CHECK(u.len == v.len && memcmp(u.data, v.data, v.len) == 0);
    free(v.data);
}

static void test_tls_sequence(void)
{
    wrdp_connector_config cfg;
    base_config(&cfg);
    seen_count = 0;
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    CHECK(c != NULL);
    if (!c)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);

    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECTION_INITIATION_SEND);
    CHECK(!wrdp_connector_wants_input(c));
    CHECK(step(c, NULL, &out) == 0);
    check_connection_request(&out, WRDP_PROTOCOL_SSL);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM);
    CHECK(wrdp_connector_wants_input(c));

    size_t flen = 0;
    CHECK_EQ(wrdp_connector_next_frame_len(c, server[F_CONFIRM].data, 3, &flen), 0);
    CHECK_EQ(wrdp_connector_next_frame_len(c, server[F_CONFIRM].data, 4, &flen), 1);
    CHECK_EQ(flen, server[F_CONFIRM].len);
    CHECK(step(c, &server[F_CONFIRM], &out) == 0);
    CHECK_EQ(out.len, 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_SECURITY_UPGRADE);
    CHECK(!wrdp_connector_wants_input(c));
    CHECK(wrdp_connector_step(c, NULL, 0, &out) != 0); /* the TLS handshake comes first */
    CHECK(wrdp_connector_next_frame_len(c, server[F_CONFIRM].data, 4, &flen) != 0);
    buf cert = read_vector("vectors/webrdp/x509/rsa2048.der");
    CHECK(wrdp_connector_security_upgrade_done(c, cert.data, cert.len) == 0);
    CHECK_EQ(wrdp_connector_server_public_key(c).len, 270); /* the RSAPublicKey, as rsa2048.rsapublickey.der */
    free(cert.data);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND);

    CHECK(step(c, NULL, &out) == 0);
    check_connect_initial(&out);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_WAIT_RESPONSE);
    CHECK(step(c, &server[F_CONNECT_RESPONSE], &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CHANNEL_CONNECTION);
    CHECK(!wrdp_connector_wants_input(c));
    CHECK(step(c, NULL, &out) == 0);
    frames f = split(&out);
    CHECK_EQ(f.count, 2);
    check_mcs(f.p[0], f.len[0], WRDP_MCS_ERECT_DOMAIN_REQUEST, 0);
    check_mcs(f.p[1], f.len[1], WRDP_MCS_ATTACH_USER_REQUEST, 0);
    CHECK(wrdp_connector_wants_input(c));

    /* one join at a time: user channel, I/O channel, the three static channels */
    static const uint16_t joins[] = {1007, 1003, 1004, 1005, 1006};
    for (int i = 0; i < 6; i++) {
        CHECK(step(c, &server[F_ATTACH + i], &out) == 0);
        if (i < 5) {
            CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CHANNEL_CONNECTION);
            f = split(&out);
            CHECK_EQ(f.count, 1);
            check_mcs(f.p[0], f.len[0], WRDP_MCS_CHANNEL_JOIN_REQUEST, joins[i]);
        } else {
            CHECK_EQ(out.len, 0);
        }
    }
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE);
    CHECK(step(c, NULL, &out) == 0);
    check_client_info(&out);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECT_TIME_AUTO_DETECTION);

    CHECK(step(c, &server[F_AUTODETECT], &out) == 0);
    check_autodetect_response(&out);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECT_TIME_AUTO_DETECTION);
    CHECK(step(c, &server[F_LICENSE], &out) == 0);
    CHECK_EQ(out.len, 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_MULTITRANSPORT_BOOTSTRAPPING);

    CHECK(step(c, &server[F_DEMAND_ACTIVE], &out) == 0);
    check_confirm_active(&out);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECTION_FINALIZATION);
    for (int i = F_SYNC; i <= F_GRANTED; i++) {
        CHECK(step(c, &server[i], &out) == 0);
        CHECK_EQ(out.len, 0);
        CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECTION_FINALIZATION);
        CHECK(wrdp_connector_result(c) == NULL);
    }
    CHECK(step(c, &server[F_FONT_MAP], &out) == 0);
    CHECK(wrdp_connector_is_connected(c));
    CHECK(!wrdp_connector_wants_input(c));

    const wrdp_connection_result *r = wrdp_connector_result(c);
    CHECK(r != NULL);
    if (r) {
        CHECK_EQ(r->selected_protocol, WRDP_PROTOCOL_SSL);
        CHECK_EQ(r->io_channel_id, 1003);
        CHECK_EQ(r->user_channel_id, 1007);
        CHECK_EQ(r->message_channel_id, 0);
        CHECK_EQ(r->server_channel_id, 1002);
        CHECK_EQ(r->share_id, 0x000103ea);
        CHECK_EQ(r->desktop_width, 1280);
        CHECK_EQ(r->desktop_height, 1024);
        CHECK_EQ(r->channel_count, 3);
        CHECK(strcmp(r->channels[2].name, "rdpsnd") == 0 && r->channels[2].id == 1006);
        CHECK_EQ(r->server_rdp_version, 0x00080004);
        CHECK(!r->encryption); /* the trace's server security data is ignored under TLS */
        CHECK_EQ(r->server_capability_count, 13);
        CHECK_EQ(r->server_capabilities.len, 345 - 4);
        CHECK_EQ(r->new_license.len, 0);
    }
    /* every state was entered in order, once */
    static const wrdp_connector_state order[] = {
        WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM, WRDP_CONNECTOR_SECURITY_UPGRADE,
        WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND,       WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_WAIT_RESPONSE,
        WRDP_CONNECTOR_CHANNEL_CONNECTION,                 WRDP_CONNECTOR_SECURE_SETTINGS_EXCHANGE,
        WRDP_CONNECTOR_CONNECT_TIME_AUTO_DETECTION,        WRDP_CONNECTOR_LICENSING,
        WRDP_CONNECTOR_MULTITRANSPORT_BOOTSTRAPPING,       WRDP_CONNECTOR_CAPABILITIES_EXCHANGE,
        WRDP_CONNECTOR_CONNECTION_FINALIZATION,            WRDP_CONNECTOR_CONNECTED};
    CHECK_EQ(seen_count, sizeof order / sizeof order[0]);
    for (size_t i = 0; i < seen_count && i < sizeof order / sizeof order[0]; i++)
        CHECK_MSG(seen[i] == order[i], "state %zu: %s, expected %s", i, wrdp_connector_state_name(seen[i]),
                  wrdp_connector_state_name(order[i]));
    CHECK(strcmp(wrdp_connector_state_name(WRDP_CONNECTOR_CONNECTION_INITIATION_SEND),
                 "ConnectionInitiationSendRequest") == 0);
    CHECK(wrdp_connector_step(c, server[F_FONT_MAP].data, server[F_FONT_MAP].len, &out) != 0);
    wrdp_writer_free(&out);
    wrdp_connector_free(c);
}

/* Drives a fresh TLS connector up to (not including) server frame `upto`; returns it. */
static wrdp_connector *drive(int upto, wrdp_writer *out)
{
    wrdp_connector_config cfg;
    base_config(&cfg);
    cfg.on_state = NULL;
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    if (!c)
        return NULL;
    for (int i = 0; i < upto; i++) {
        while (!wrdp_connector_wants_input(c)) {
            if (wrdp_connector_state_of(c) == WRDP_CONNECTOR_SECURITY_UPGRADE)
                wrdp_connector_security_upgrade_done(c, NULL, 0);
            else if (step(c, NULL, out))
                return c;
        }
        if (step(c, &server[i], out))
            return c;
    }
    while (!wrdp_connector_wants_input(c) && wrdp_connector_state_of(c) != WRDP_CONNECTOR_CONNECTED &&
           wrdp_connector_state_of(c) != WRDP_CONNECTOR_FAILED) {
        if (wrdp_connector_state_of(c) == WRDP_CONNECTOR_SECURITY_UPGRADE)
            wrdp_connector_security_upgrade_done(c, NULL, 0);
        else if (step(c, NULL, out))
            break;
    }
    return c;
}

/* ---- failures --------------------------------------------------------------------------- */

static void test_negotiation_failures(void)
{
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);
    for (uint32_t code = 1; code <= 6; code++) {
        wrdp_connector *c = drive(0, &out);
        buf cc = confirm(WRDP_TYPE_RDP_NEG_FAILURE, code);
        CHECK(wrdp_connector_step(c, cc.data, cc.len, &out) != 0);
        const wrdp_error *e = wrdp_connector_error(c);
        CHECK_EQ(e->kind, WRDP_ERROR_NEGOTIATION_FAILURE);
        CHECK_EQ(e->code, code);
        CHECK(strcmp(e->message, wrdp_neg_failure_text(code)) == 0);
        CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_FAILED);
        CHECK(wrdp_connector_step(c, NULL, 0, &out) != 0); /* failed stays failed */
        free(cc.data);
        wrdp_connector_free(c);
    }
    /* the recorded failure (SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER) */
    wrdp_connector *c = drive(0, &out);
    buf v = read_vector("vectors/pdu/x224/nego_confirm_failure.bin");
    CHECK(wrdp_connector_step(c, v.data, v.len, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_NEGOTIATION_FAILURE);
    CHECK_EQ(wrdp_connector_error(c)->code, WRDP_SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER);
    free(v.data);
    wrdp_connector_free(c);
    /* a server that picks a protocol that was not offered: HYBRID to a TLS-only client */
    c = drive(0, &out);
    v = read_vector("vectors/pdu/x224/nego_confirm_response.bin");
    CHECK(wrdp_connector_step(c, v.data, v.len, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_NEGOTIATION_FAILURE);
    wrdp_connector_free(c);
    /* a confirm without negotiation data means Standard RDP Security, not allowed here */
    c = drive(0, &out);
    buf plain = confirm(0, 0);
    CHECK(wrdp_connector_step(c, plain.data, plain.len, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_NEGOTIATION_FAILURE);
    free(plain.data);
    wrdp_connector_free(c);

    /* the same recorded HYBRID confirm, to an NLA client, leads to CredSSP */
    wrdp_connector_config cfg;
    base_config(&cfg);
    cfg.security_protocols = WRDP_SECURITY_DEFAULT;
    wrdp_error err;
    c = wrdp_connector_new(&cfg, &err);
    CHECK(step(c, NULL, &out) == 0);
    check_connection_request(&out, WRDP_PROTOCOL_SSL | WRDP_PROTOCOL_HYBRID | WRDP_PROTOCOL_HYBRID_EX);
    CHECK(step(c, (buf[]){{v.data, v.len}}, &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_SECURITY_UPGRADE);
    CHECK(wrdp_connector_security_upgrade_done(c, NULL, 0) != 0); /* CredSSP needs the key */
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_SECURITY_UPGRADE);
    buf cert = read_vector("vectors/webrdp/x509/rsa2048.der");
    CHECK(wrdp_connector_security_upgrade_done(c, cert.data, cert.len) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CREDSSP);
    CHECK(!wrdp_connector_wants_input(c));
    CHECK(step(c, NULL, &out) == 0); /* the NTLM NEGOTIATE in a TSRequest */
    size_t n = 0;
    CHECK(out.len > 0 && out.data[0] == 0x30);
    CHECK_EQ(wrdp_pdu_hint_credssp(out.data, out.len, &n, NULL), 1);
    CHECK_EQ(n, out.len);
    CHECK(wrdp_connector_wants_input(c));
    CHECK_EQ(wrdp_connector_next_frame_len(c, out.data, out.len, &n), 1); /* DER framing now */
    /* a TSRequest with an error code in place of the challenge fails the logon */
    buf ts = read_vector("vectors/credssp/ts_request_error_code.bin");
    CHECK(wrdp_connector_step(c, ts.data, ts.len, &out) != 0);
    CHECK(wrdp_connector_error(c)->kind != WRDP_ERROR_NONE);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_FAILED);
    free(ts.data);
    free(cert.data);
    free(v.data);
    wrdp_connector_free(c);
    wrdp_writer_free(&out);
}

static void test_server_errors(void)
{
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);
    /* Set Error Info during finalization */
    wrdp_connector *c = drive(F_SYNC, &out);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECTION_FINALIZATION);
    buf e = share_data_pdu(WRDP_PDUTYPE2_SET_ERROR_INFO_PDU, 0x00000009); /* insufficient privileges */
    CHECK(wrdp_connector_step(c, e.data, e.len, &out) != 0);
    const wrdp_error *err = wrdp_connector_error(c);
    CHECK_EQ(err->kind, WRDP_ERROR_SERVER_DISCONNECT);
    CHECK_EQ(err->code, 9);
    CHECK(strstr(err->message, wrdp_error_info_text(9)) != NULL);
    free(e.data);
    wrdp_connector_free(c);
    /* ERRINFO_NONE is no error */
    c = drive(F_SYNC, &out);
    e = share_data_pdu(WRDP_PDUTYPE2_SET_ERROR_INFO_PDU, 0);
    CHECK(wrdp_connector_step(c, e.data, e.len, &out) == 0);
    free(e.data);
    wrdp_connector_free(c);
    /* a Disconnect Provider Ultimatum during channel connection, and during licensing */
    buf dpu = read_vector("vectors/pdu/mcs/mcs_disconnect_provider_ultimatum.bin");
    buf dpu_frame = x224(dpu.data, dpu.len);
    int at[] = {F_JOIN_1003, F_LICENSE, F_GRANTED};
    for (int i = 0; i < 3; i++) {
        c = drive(at[i], &out);
        CHECK(wrdp_connector_step(c, dpu_frame.data, dpu_frame.len, &out) != 0);
        CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_SERVER_DISCONNECT);
        CHECK(strstr(wrdp_connector_error(c)->message, wrdp_mcs_reason_text(3)) != NULL);
        wrdp_connector_free(c);
    }
    free(dpu.data);
    free(dpu_frame.data);
    /* an X.224 Disconnect Request after the Connect-Initial */
    wrdp_x224_disconnect_request dr;
    memset(&dr, 0, sizeof dr);
    wrdp_writer w;
    wrdp_writer_init(&w, 1024, NULL);
    wrdp_x224_disconnect_request_encode(&dr, &w);
    c = drive(F_CONNECT_RESPONSE, &out);
    CHECK(wrdp_connector_step(c, w.data, w.len, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_SERVER_DISCONNECT);
    wrdp_connector_free(c);
    wrdp_writer_free(&w);
    /* a Deactivate All during finalization: a new Demand Active follows and is answered */
    c = drive(F_SYNC, &out);
    wrdp_deactivate_all_pdu da;
    memset(&da, 0, sizeof da);
    da.shareControlHeader.pduType = WRDP_PDUTYPE_DEACTIVATEALLPDU | WRDP_TS_PROTOCOL_VERSION;
    da.shareControlHeader.pduSource = 1002;
    da.shareID = 0x000103ea;
    wrdp_writer_init(&w, 1024, NULL);
    wrdp_deactivate_all_pdu_encode(&da, &w);
    buf daf = indication(1003, w.data, w.len);
    CHECK(step(c, &daf, &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CAPABILITIES_EXCHANGE);
    CHECK(step(c, &server[F_DEMAND_ACTIVE], &out) == 0);
    CHECK_EQ(split(&out).count, 5);
    for (int i = F_SYNC; i <= F_FONT_MAP; i++)
        CHECK(step(c, &server[i], &out) == 0);
    CHECK(wrdp_connector_is_connected(c));
    free(daf.data);
    wrdp_writer_free(&w);
    wrdp_connector_free(c);
    wrdp_writer_free(&out);
}

/* Every server frame of the sequence, truncated or corrupted, at the state that expects
 * it: the step fails with an error (never a crash), and the connector stays failed. */
static void test_hostile_frames(void)
{
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);
    for (int i = 0; i < F_COUNT; i++) {
        const buf *f = &server[i];
        size_t cuts[] = {1, 4, 7, f->len / 2, f->len - 1};
        for (size_t k = 0; k < sizeof cuts / sizeof cuts[0]; k++) {
            if (cuts[k] == 0 || cuts[k] >= f->len)
                continue;
            wrdp_connector *c = drive(i, &out);
            wrdp_connector_state before = wrdp_connector_state_of(c);
            int r = wrdp_connector_step(c, f->data, cuts[k], &out);
            CHECK_MSG(r != 0, "frame %d cut to %zu bytes accepted in %s", i, cuts[k],
                      wrdp_connector_state_name(before));
            CHECK(wrdp_connector_error(c)->kind != WRDP_ERROR_NONE);
            CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_FAILED);
            wrdp_connector_free(c);
        }
        /* every byte flipped in turn: whatever happens, no crash, and a failure is final */
        for (size_t pos = 0; pos < f->len; pos += (f->len > 64 ? 7 : 1)) {
            wrdp_connector *c = drive(i, &out);
            uint8_t *copy = malloc(f->len);
            memcpy(copy, f->data, f->len);
            copy[pos] ^= 0xA5;
            if (wrdp_connector_step(c, copy, f->len, &out) != 0)
                CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_FAILED);
            free(copy);
            wrdp_connector_free(c);
        }
    }
    /* a frame where none is expected, and none where one is */
    wrdp_connector *c = drive(0, &out);
    wrdp_connector_free(c);
    wrdp_connector_config cfg;
    base_config(&cfg);
    wrdp_error err;
    c = wrdp_connector_new(&cfg, &err);
    CHECK(wrdp_connector_step(c, server[F_CONFIRM].data, server[F_CONFIRM].len, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_STATE);
    wrdp_connector_free(c);
    c = drive(F_CONFIRM, &out);
    CHECK(wrdp_connector_step(c, NULL, 0, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_STATE);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_CONNECTION_INITIATION_WAIT_CONFIRM); /* recoverable */
    wrdp_connector_free(c);
    wrdp_writer_free(&out);
}

/* ---- RDCleanPath ---------------------------------------------------------------------- */

static void test_rdcleanpath(void)
{
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);
    wrdp_connector_config cfg;
    base_config(&cfg);
    cfg.preconnection = true;
    cfg.preconnection_blob = "TestVM";
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    CHECK(wrdp_connector_use_rdcleanpath(c, "rdp.example:3389", "token") == 0);
    CHECK(step(c, NULL, &out) == 0);
    /* the request wraps the X.224 Connection Request */
    wrdp_cursor cur;
    wrdp_rdcleanpath_pdu req;
    wrdp_cursor_init(&cur, out.data, out.len, "test", NULL);
    CHECK(wrdp_rdcleanpath_decode(&cur, &req) == 0);
    CHECK_EQ(wrdp_rdcleanpath_classify(&req, NULL), WRDP_RDCLEANPATH_REQUEST);
    CHECK(req.destination.len == 16 && memcmp(req.destination.data, "rdp.example:3389", 16) == 0);
    CHECK(req.proxy_auth.len == 5 && memcmp(req.proxy_auth.data, "token", 5) == 0);
    CHECK(req.has_preconnection_blob && req.preconnection_blob.len == 6);
    wrdp_x224_connection_request cr;
    wrdp_cursor_init(&cur, req.x224_connection_pdu.data, req.x224_connection_pdu.len, "test", NULL);
    CHECK(wrdp_x224_connection_request_decode(&cur, &cr) == 0);
    CHECK_EQ(cr.rdpNegReq.requestedProtocols, WRDP_PROTOCOL_SSL);

    /* framing uses RDCleanPath detection */
    buf ok = read_vector("vectors/rdcleanpath/response_success.der");
    size_t n = 0;
    CHECK_EQ(wrdp_connector_next_frame_len(c, ok.data, 3, &n), 1);
    CHECK_EQ(n, ok.len);
    CHECK_EQ(wrdp_connector_next_frame_len(c, ok.data, 1, &n), 0);
    /* IronRDP's success sample carries deadbeff in place of a Connection Confirm: refused */
    CHECK(wrdp_connector_step(c, ok.data, ok.len, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_DECODE);
    wrdp_connector_free(c);

    /* the same response with a real Connection Confirm and certificate goes on as after TLS */
    wrdp_rdcleanpath_pdu rsp;
    wrdp_cursor_init(&cur, ok.data, ok.len, "test", NULL);
    CHECK(wrdp_rdcleanpath_decode(&cur, &rsp) == 0);
    buf cc = confirm(WRDP_TYPE_RDP_NEG_RSP, WRDP_PROTOCOL_SSL);
    buf cert = read_vector("vectors/webrdp/x509/rsa2048.der");
    rsp.x224_connection_pdu.data = cc.data;
    rsp.x224_connection_pdu.len = cc.len;
    rsp.server_cert_chain[0].data = cert.data;
    rsp.server_cert_chain[0].len = cert.len;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, NULL);
    CHECK(wrdp_rdcleanpath_encode(&rsp, &w) == 0);
    c = wrdp_connector_new(&cfg, &err);
    wrdp_connector_use_rdcleanpath(c, "rdp.example:3389", "token");
    CHECK(step(c, NULL, &out) == 0);
    CHECK(step(c, (buf[]){{w.data, w.len}}, &out) == 0);
    CHECK_EQ(wrdp_connector_state_of(c), WRDP_CONNECTOR_BASIC_SETTINGS_EXCHANGE_SEND);
    CHECK_EQ(wrdp_connector_server_public_key(c).len, 270);
    CHECK(step(c, NULL, &out) == 0);
    check_connect_initial(&out);
    wrdp_connector_free(c);
    wrdp_writer_free(&w);
    free(cc.data);
    free(cert.data);
    free(ok.data);

    /* gateway errors keep their codes */
    const char *errs[] = {"vectors/rdcleanpath/response_http_error.der", "vectors/rdcleanpath/response_tls_error.der"};
    for (int i = 0; i < 2; i++) {
        c = wrdp_connector_new(&cfg, &err);
        wrdp_connector_use_rdcleanpath(c, "rdp.example:3389", "token");
        step(c, NULL, &out);
        buf e = read_vector(errs[i]);
        CHECK(wrdp_connector_step(c, e.data, e.len, &out) != 0);
        const wrdp_error *x = wrdp_connector_error(c);
        CHECK_EQ(x->kind, WRDP_ERROR_RDCLEANPATH);
        CHECK_EQ(x->code, 1);
        if (i == 0)
            CHECK_EQ(x->http_status, 500);
        else
            CHECK_EQ(x->tls_alert, 48);
        free(e.data);
        wrdp_connector_free(c);
    }
    /* a negotiation error carries the server's Connection Confirm: its reason is reported */
    wrdp_rdcleanpath_pdu_init(&rsp);
    rsp.has_error = true;
    rsp.error.error_code = WRDP_RDCLEANPATH_NEGOTIATION_ERROR_CODE;
    buf fail = confirm(WRDP_TYPE_RDP_NEG_FAILURE, WRDP_HYBRID_REQUIRED_BY_SERVER);
    rsp.has_x224_connection_pdu = true;
    rsp.x224_connection_pdu.data = fail.data;
    rsp.x224_connection_pdu.len = fail.len;
    wrdp_writer_init(&w, 1 << 20, NULL);
    CHECK(wrdp_rdcleanpath_encode(&rsp, &w) == 0);
    c = wrdp_connector_new(&cfg, &err);
    wrdp_connector_use_rdcleanpath(c, "rdp.example:3389", "token");
    step(c, NULL, &out);
    CHECK(wrdp_connector_step(c, w.data, w.len, &out) != 0);
    CHECK_EQ(wrdp_connector_error(c)->kind, WRDP_ERROR_NEGOTIATION_FAILURE);
    CHECK_EQ(wrdp_connector_error(c)->code, WRDP_HYBRID_REQUIRED_BY_SERVER);
    wrdp_connector_free(c);
    wrdp_writer_free(&w);
    free(fail.data);
    wrdp_writer_free(&out);
}

/* ---- configuration ------------------------------------------------------------------------ */

static void expect_invalid(const wrdp_connector_config *cfg, const char *word)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    CHECK(wrdp_connector_new(cfg, &err) == NULL);
    CHECK_EQ(err.kind, WRDP_ERROR_INVALID_ARGUMENT);
    CHECK_MSG(strstr(err.message, word) != NULL, "\"%s\" lacks \"%s\"", err.message, word);
}

static void test_config(void)
{
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    CHECK_EQ(cfg.desktop_width, 1024);
    CHECK_EQ(cfg.color_depth, 32);
    CHECK_EQ(cfg.security_protocols, WRDP_SECURITY_DEFAULT);
    CHECK_EQ(cfg.compression, WRDP_COMPRESSION_NONE);
    expect_invalid(&cfg, "NLA needs a username"); /* the default allows NLA */

    base_config(&cfg);
    wrdp_error err;
    CHECK(wrdp_connector_config_validate(&cfg, &err) == 0);
    cfg.desktop_width = 100;
    expect_invalid(&cfg, "desktop_width");
    base_config(&cfg);
    cfg.desktop_width = 1025;
    expect_invalid(&cfg, "even");
    base_config(&cfg);
    cfg.desktop_height = 9000;
    expect_invalid(&cfg, "desktop_height");
    base_config(&cfg);
    cfg.color_depth = 8;
    expect_invalid(&cfg, "color_depth");
    base_config(&cfg);
    cfg.security_protocols = 0;
    expect_invalid(&cfg, "security_protocols");
    base_config(&cfg);
    cfg.security_protocols = WRDP_SECURITY_NLA;
    cfg.username = "";
    expect_invalid(&cfg, "username");
    base_config(&cfg);
    memcpy(cfg.channels[0].name, "toolong1", 8);
    expect_invalid(&cfg, "7 characters");
    base_config(&cfg);
    cfg.channel_count = 32;
    expect_invalid(&cfg, "at most 31");
    base_config(&cfg);
    strcpy(cfg.channels[1].name, "rdpdr");
    expect_invalid(&cfg, "twice");
    base_config(&cfg);
    cfg.random = NULL;
    expect_invalid(&cfg, "random");
    base_config(&cfg);
    cfg.load_balance_info = (const uint8_t *)"a\r\nb";
    cfg.load_balance_info_len = 4;
    expect_invalid(&cfg, "line break");

    /* a routing token replaces the cookie, and gets its CR LF */
    base_config(&cfg);
    cfg.load_balance_info = (const uint8_t *)"Cookie: msts=3640205228.15629.0000";
    cfg.load_balance_info_len = strlen((const char *)cfg.load_balance_info);
    cfg.preconnection = true;
    cfg.preconnection_id = 0xEEC699EB;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, NULL);
    CHECK(step(c, NULL, &out) == 0);
    buf pcb = read_vector("vectors/pdu/channels/pcb_v1.bin");
    CHECK(out.len > pcb.len && memcmp(out.data, pcb.data, pcb.len) == 0); /* the MS-RDPEPS example, first */
    wrdp_cursor cur;
    wrdp_x224_connection_request cr;
    wrdp_cursor_init(&cur, out.data + pcb.len, out.len - pcb.len, "test", NULL);
    CHECK(wrdp_x224_connection_request_decode(&cur, &cr) == 0);
    CHECK_EQ(cr.cookie.len, 0);
    CHECK_EQ(cr.routingToken.len, cfg.load_balance_info_len + 2);
    free(pcb.data);
    wrdp_connector_free(c);
    wrdp_writer_free(&out);
}

int main(void)
{
    load_server_frames();
    test_tls_sequence();
    test_negotiation_failures();
    test_server_errors();
    test_hostile_frames();
    test_rdcleanpath();
    test_config();
    for (int i = 0; i < F_COUNT; i++)
        free(server[i].data);
    return test_finish("connector_sequence");
}
