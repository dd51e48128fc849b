/* GCC family: field values of every vector (IronRDP's decoded_fields, in the
 * spec's names), re-encoding, building from structs, and truncation. */
#include "pdu/kind.h"
#include "test.h"
#include "webrdp/pdu.h"

#define V "vectors/pdu/gcc/"
#define W "vectors/pdu/gcc_webrdp/"

static uint8_t *file_buf[256];
static size_t file_count;

/* Reads a vector and keeps it alive until the end (decoded views point into it). */
static const uint8_t *load(const char *path, size_t *len)
{
    uint8_t *d = test_read_file(path, len);
    if (file_count < 256)
        file_buf[file_count++] = d;
    return d;
}

typedef int (*decode_fn)(wrdp_cursor *, void *);
typedef int (*encode_fn)(const void *, wrdp_writer *);

/* Decodes the whole file with `dec` into out; checks every byte was used and that encoding gives them back. */
static int decode_file(const char *path, const char *name, decode_fn dec, encode_fn enc, void *out)
{
    size_t len;
    const uint8_t *d = load(path, &len);
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, d, len, name, &err);
    int rc = dec(&c, out);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", path, err.message);
    if (rc)
        return rc;
    CHECK_MSG(c.pos == len, "%s: consumed %zu of %zu", path, c.pos, len);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(enc(out, &w) == WRDP_OK);
    CHECK_MSG(w.len == len && memcmp(w.data, d, len) == 0, "%s: re-encoding differs", path);
    wrdp_writer_free(&w);
    return WRDP_OK;
}

#define DECODE(path, P, out) \
    decode_file(path, #P, (decode_fn)P##_decode, (encode_fn)P##_encode, out)

static int utf16_eq(const uint8_t *field, size_t n, const char *ascii)
{
    size_t i = 0;
    for (; ascii[i]; i++)
        if (2 * i + 1 >= n || field[2 * i] != (uint8_t)ascii[i] || field[2 * i + 1] != 0)
            return 0;
    for (size_t k = 2 * i; k < n; k++)
        if (field[k])
            return 0;
    return 1;
}

static void check_core_mandatory(const wrdp_gcc_client_core_data *c)
{
    CHECK_EQ(c->version, WRDP_RDP_VERSION_5_PLUS);
    CHECK_EQ(c->desktopWidth, 1280);
    CHECK_EQ(c->desktopHeight, 1024);
    CHECK_EQ(c->colorDepth, WRDP_RNS_UD_COLOR_4BPP);
    CHECK_EQ(c->SASSequence, WRDP_RNS_UD_SAS_DEL);
    CHECK_EQ(c->keyboardLayout, 1033);
    CHECK_EQ(c->clientBuild, 3790);
    CHECK(utf16_eq(c->clientName, 32, "ELTONS-DEV2"));
    CHECK_EQ(c->keyboardType, 4);
    CHECK_EQ(c->keyboardSubType, 0);
    CHECK_EQ(c->keyboardFunctionKey, 12);
    CHECK(utf16_eq(c->imeFileName, 64, ""));
}

/* Fields through serverSelectedProtocol, as in the 4.1.3 trace. */
static void check_core_to_selected(const wrdp_gcc_client_core_data *c)
{
    check_core_mandatory(c);
    CHECK(c->optionalFieldCount >= 10);
    CHECK_EQ(c->postBeta2ColorDepth, WRDP_RNS_UD_COLOR_8BPP);
    CHECK_EQ(c->clientProductId, 1);
    CHECK_EQ(c->serialNumber, 0);
    CHECK_EQ(c->highColorDepth, 24);
    CHECK_EQ(c->supportedColorDepths,
             WRDP_RNS_UD_24BPP_SUPPORT | WRDP_RNS_UD_16BPP_SUPPORT | WRDP_RNS_UD_15BPP_SUPPORT);
    CHECK(utf16_eq(c->clientDigProductId, 64, "69712-783-0357974-42714"));
    CHECK_EQ(c->connectionType, 0);
    CHECK_EQ(c->pad1octet, 0);
    CHECK_EQ(c->serverSelectedProtocol, 0);
}

static void check_core_all(const wrdp_gcc_client_core_data *c, uint16_t early)
{
    check_core_to_selected(c);
    CHECK_EQ(c->optionalFieldCount, WRDP_GCC_CORE_OPTIONAL_FIELDS);
    CHECK_EQ(c->earlyCapabilityFlags, early);
    CHECK_EQ(c->desktopPhysicalWidth, 5000);
    CHECK_EQ(c->desktopPhysicalHeight, 3000);
    CHECK_EQ(c->desktopOrientation, 90);
    CHECK_EQ(c->desktopScaleFactor, 200);
    CHECK_EQ(c->deviceScaleFactor, 140);
    CHECK_EQ(c->trailing.len, 0);
}

static void check_security(const wrdp_gcc_client_security_data *s)
{
    CHECK_EQ(s->encryptionMethods, WRDP_ENCRYPTION_METHOD_40BIT | WRDP_ENCRYPTION_METHOD_128BIT |
                                       WRDP_ENCRYPTION_METHOD_56BIT | WRDP_ENCRYPTION_METHOD_FIPS);
    CHECK_EQ(s->extEncryptionMethods, 0);
}

static void check_network3(const wrdp_gcc_client_network_data *n)
{
    CHECK_EQ(n->channelCount, 3);
    CHECK(!strcmp(n->channelDefArray[0].name, "rdpdr"));
    CHECK_EQ(n->channelDefArray[0].options, WRDP_CHANNEL_OPTION_INITIALIZED | WRDP_CHANNEL_OPTION_COMPRESS_RDP);
    CHECK(!strcmp(n->channelDefArray[1].name, "cliprdr"));
    CHECK_EQ(n->channelDefArray[1].options, WRDP_CHANNEL_OPTION_INITIALIZED | WRDP_CHANNEL_OPTION_COMPRESS_RDP |
                                                WRDP_CHANNEL_OPTION_ENCRYPT_RDP | WRDP_CHANNEL_OPTION_SHOW_PROTOCOL);
    CHECK(!strcmp(n->channelDefArray[2].name, "rdpsnd"));
    CHECK_EQ(n->channelDefArray[2].options, WRDP_CHANNEL_OPTION_INITIALIZED | WRDP_CHANNEL_OPTION_ENCRYPT_RDP);
}

static void check_cluster(const wrdp_gcc_client_cluster_data *c)
{
    CHECK_EQ(c->Flags, 0x0D); /* REDIRECTION_SUPPORTED | version 4 (<< 2) */
    CHECK_EQ((c->Flags & WRDP_ServerSessionRedirectionVersionMask) >> 2, 3);
    CHECK_EQ(c->RedirectedSessionID, 0);
}

static void check_monitors2(const wrdp_gcc_client_monitor_data *m)
{
    CHECK_EQ(m->flags, 0);
    CHECK_EQ(m->monitorCount, 2);
    CHECK_EQ(m->monitorDefArray[0].left, 0);
    CHECK_EQ(m->monitorDefArray[0].top, 0);
    CHECK_EQ(m->monitorDefArray[0].right, 1919);
    CHECK_EQ(m->monitorDefArray[0].bottom, 1079);
    CHECK_EQ(m->monitorDefArray[0].flags, WRDP_TS_MONITOR_PRIMARY);
    CHECK(m->monitorDefArray[1].left == -1280);
    CHECK_EQ(m->monitorDefArray[1].top, 0);
    CHECK(m->monitorDefArray[1].right == -1);
    CHECK_EQ(m->monitorDefArray[1].bottom, 1023);
    CHECK_EQ(m->monitorDefArray[1].flags, 0);
}

static void check_monitors_ex2(const wrdp_gcc_client_monitor_extended_data *m)
{
    CHECK_EQ(m->flags, 0);
    CHECK_EQ(m->monitorCount, 2);
    for (int i = 0; i < 2; i++) {
        CHECK_EQ(m->monitorAttributesArray[i].physicalWidth, 0);
        CHECK_EQ(m->monitorAttributesArray[i].orientation, 0);
        CHECK_EQ(m->monitorAttributesArray[i].deviceScaleFactor, 0);
    }
}

static const char server_random_hex[] = "1011772030610a12e434a11ef2c39f317da45f01893496e0ff1108697f1ac3d2";

static void check_server_security_rsa(const wrdp_gcc_server_security_data *s)
{
    uint8_t rnd[32];
    test_hex(server_random_hex, rnd, sizeof rnd);
    CHECK_EQ(s->encryptionMethod, WRDP_ENCRYPTION_METHOD_128BIT);
    CHECK_EQ(s->encryptionLevel, WRDP_ENCRYPTION_LEVEL_CLIENT_COMPATIBLE);
    CHECK_EQ(s->serverRandom.len, 32);
    CHECK(s->serverRandom.len == 32 && memcmp(s->serverRandom.data, rnd, 32) == 0);
    CHECK_EQ(s->serverCertificate.len, 184);
    /* the certificate decodes as a proprietary one */
    wrdp_gcc_server_certificate cert;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, s->serverCertificate.data, s->serverCertificate.len, "cert", &err);
    CHECK(wrdp_gcc_server_certificate_decode(&c, &cert) == WRDP_OK);
    CHECK(wrdp_cursor_expect_end(&c) == WRDP_OK);
    CHECK_EQ(cert.dwVersion, WRDP_CERT_CHAIN_VERSION_1);
    CHECK_EQ(cert.proprietary.dwSigAlgId, WRDP_SIGNATURE_ALG_RSA);
    CHECK_EQ(cert.proprietary.dwKeyAlgId, WRDP_KEY_EXCHANGE_ALG_RSA);
    CHECK_EQ(cert.proprietary.wPublicKeyBlobType, WRDP_BB_RSA_KEY_BLOB);
    CHECK_EQ(cert.proprietary.PublicKeyBlob.magic, WRDP_RSA1_MAGIC);
    CHECK_EQ(cert.proprietary.PublicKeyBlob.modulus.len, 72);
    CHECK_EQ(cert.proprietary.PublicKeyBlob.bitlen, 512);
    CHECK_EQ(cert.proprietary.PublicKeyBlob.datalen, 63);
    CHECK_EQ(cert.proprietary.PublicKeyBlob.pubExp, 65537);
    CHECK_EQ(cert.proprietary.PublicKeyBlob.modulus.data[0], 0xcb);
    CHECK_EQ(cert.proprietary.wSignatureBlobType, WRDP_BB_RSA_SIGNATURE_BLOB);
    CHECK_EQ(cert.proprietary.SignatureBlob.len, 72);
    CHECK_EQ(cert.proprietary.SignatureBlob.data[0], 0xe9);
}

static void check_server_network3(const wrdp_gcc_server_network_data *n)
{
    CHECK_EQ(n->MCSChannelId, 1003);
    CHECK_EQ(n->channelCount, 3);
    CHECK_EQ(n->channelIdArray[0], 1004);
    CHECK_EQ(n->channelIdArray[1], 1005);
    CHECK_EQ(n->channelIdArray[2], 1006);
}

static void check_client_blocks(const wrdp_gcc_client_data_blocks *b, bool cluster, bool monitors)
{
    CHECK(b->clientCoreDataPresent && b->clientSecurityDataPresent && b->clientNetworkDataPresent);
    check_core_to_selected(&b->clientCoreData);
    CHECK_EQ(b->clientCoreData.optionalFieldCount, 10);
    CHECK_EQ(b->clientCoreData.earlyCapabilityFlags, WRDP_RNS_UD_CS_SUPPORT_ERRINFO_PDU);
    check_security(&b->clientSecurityData);
    check_network3(&b->clientNetworkData);
    CHECK(b->clientClusterDataPresent == cluster);
    if (cluster)
        check_cluster(&b->clientClusterData);
    CHECK(b->clientMonitorDataPresent == monitors);
    CHECK(b->clientMonitorExtendedDataPresent == monitors);
    if (monitors) {
        check_monitors2(&b->clientMonitorData);
        check_monitors_ex2(&b->clientMonitorExtendedData);
    }
    CHECK(!b->clientMessageChannelDataPresent && !b->clientMultitransportChannelDataPresent);
    CHECK_EQ(b->otherCount, 0);
}

static void check_server_blocks(const wrdp_gcc_server_data_blocks *b, bool extra)
{
    CHECK(b->serverCoreDataPresent && b->serverSecurityDataPresent && b->serverNetworkDataPresent);
    CHECK_EQ(b->serverCoreData.version, WRDP_RDP_VERSION_5_PLUS);
    CHECK_EQ(b->serverCoreData.optionalFieldCount, 1);
    CHECK_EQ(b->serverCoreData.clientRequestedProtocols, 0);
    check_server_network3(&b->serverNetworkData);
    check_server_security_rsa(&b->serverSecurityData);
    CHECK(b->serverMessageChannelDataPresent == extra);
    CHECK(b->serverMultitransportChannelDataPresent == extra);
    if (extra) {
        CHECK_EQ(b->serverMessageChannelData.MCSChannelID, 1008);
        CHECK_EQ(b->serverMultitransportChannelData.flags, 0x301);
    }
}

static void test_client_blocks(void)
{
    wrdp_gcc_client_core_data core;
    if (!DECODE(V "client_core_data_min.bin", wrdp_gcc_client_core_data, &core)) {
        check_core_mandatory(&core);
        CHECK_EQ(core.optionalFieldCount, 0);
    }
    if (!DECODE(V "client_core_data_to_highcolor.bin", wrdp_gcc_client_core_data, &core)) {
        check_core_mandatory(&core);
        CHECK_EQ(core.optionalFieldCount, 3);
        CHECK_EQ(core.postBeta2ColorDepth, WRDP_RNS_UD_COLOR_8BPP);
        CHECK_EQ(core.clientProductId, 1);
        CHECK_EQ(core.serialNumber, 0);
    }
    if (!DECODE(V "client_core_data_to_selected_protocol.bin", wrdp_gcc_client_core_data, &core)) {
        check_core_to_selected(&core);
        CHECK_EQ(core.optionalFieldCount, 10);
        CHECK_EQ(core.earlyCapabilityFlags, WRDP_RNS_UD_CS_SUPPORT_ERRINFO_PDU);
    }
    if (!DECODE(V "client_core_data_all_optional.bin", wrdp_gcc_client_core_data, &core))
        check_core_all(&core, WRDP_RNS_UD_CS_SUPPORT_ERRINFO_PDU);
    if (!DECODE(V "client_core_data_want_32bpp.bin", wrdp_gcc_client_core_data, &core))
        check_core_all(&core, WRDP_RNS_UD_CS_WANT_32BPP_SESSION);

    wrdp_gcc_client_security_data sec;
    if (!DECODE(V "client_security_data.bin", wrdp_gcc_client_security_data, &sec))
        check_security(&sec);
    wrdp_gcc_client_network_data net;
    if (!DECODE(V "client_network_data_3ch.bin", wrdp_gcc_client_network_data, &net))
        check_network3(&net);
    if (!DECODE(V "client_network_data_0ch.bin", wrdp_gcc_client_network_data, &net))
        CHECK_EQ(net.channelCount, 0);
    wrdp_gcc_client_cluster_data cl;
    if (!DECODE(V "client_cluster_data.bin", wrdp_gcc_client_cluster_data, &cl))
        check_cluster(&cl);
    wrdp_gcc_client_monitor_data mon;
    if (!DECODE(V "client_monitor_data_0.bin", wrdp_gcc_client_monitor_data, &mon))
        CHECK_EQ(mon.monitorCount, 0);
    if (!DECODE(V "client_monitor_data_2.bin", wrdp_gcc_client_monitor_data, &mon))
        check_monitors2(&mon);
    wrdp_gcc_client_monitor_extended_data mex;
    if (!DECODE(V "client_monitor_ex_data_0.bin", wrdp_gcc_client_monitor_extended_data, &mex))
        CHECK_EQ(mex.monitorCount, 0);
    if (!DECODE(V "client_monitor_ex_data_2.bin", wrdp_gcc_client_monitor_extended_data, &mex))
        check_monitors_ex2(&mex);
    wrdp_gcc_client_message_channel_data msg;
    if (!DECODE(W "client_message_channel_data.bin", wrdp_gcc_client_message_channel_data, &msg))
        CHECK_EQ(msg.flags, 0);
    wrdp_gcc_client_multitransport_channel_data mt;
    if (!DECODE(W "client_multitransport_channel_data.bin", wrdp_gcc_client_multitransport_channel_data, &mt))
        CHECK_EQ(mt.flags, 0x301);

    static wrdp_gcc_client_data_blocks b, b2;
    if (!DECODE(V "client_gcc_blocks_core_sec_net.bin", wrdp_gcc_client_data_blocks, &b)) {
        check_client_blocks(&b, false, false);
        CHECK_EQ(b.blockCount, 3);
    }
    if (!DECODE(V "client_gcc_blocks_with_cluster.bin", wrdp_gcc_client_data_blocks, &b))
        check_client_blocks(&b, true, false);
    if (!DECODE(V "client_gcc_blocks_all.bin", wrdp_gcc_client_data_blocks, &b))
        check_client_blocks(&b, true, true);
    if (!DECODE(V "client_gcc_blocks_reordered.bin", wrdp_gcc_client_data_blocks, &b2)) {
        check_client_blocks(&b2, true, true);
        /* wire order is kept: core, cluster, security, monitor, net, monitor-ex */
        static const uint16_t order[6] = {WRDP_CS_CORE,    WRDP_CS_CLUSTER, WRDP_CS_SECURITY,
                                          WRDP_CS_MONITOR, WRDP_CS_NET,     WRDP_CS_MONITOR_EX};
        CHECK_EQ(b2.blockCount, 6);
        CHECK_MEM(b2.blockTypes, order, sizeof order);
        /* the same blocks in the usual order give client_gcc_blocks_all.bin */
        size_t len;
        const uint8_t *all = load(V "client_gcc_blocks_all.bin", &len);
        b2.blockCount = 0;
        wrdp_writer w;
        wrdp_writer_init(&w, 0, NULL);
        CHECK(wrdp_gcc_client_data_blocks_encode(&b2, &w) == WRDP_OK);
        CHECK(w.len == len && memcmp(w.data, all, len) == 0);
        wrdp_writer_free(&w);
    }
    if (!DECODE(W "client_gcc_blocks_msgchannel_multitransport_unknown.bin", wrdp_gcc_client_data_blocks, &b)) {
        CHECK(b.clientMessageChannelDataPresent && b.clientMultitransportChannelDataPresent);
        CHECK_EQ(b.clientMultitransportChannelData.flags, 0x305);
        CHECK_EQ(b.otherCount, 1);
        CHECK_EQ(b.other[0].type, 0xC00C);
        CHECK_EQ(b.other[0].data.len, 4);
        CHECK_EQ(b.blockCount, 5);
        check_core_all(&b.clientCoreData, WRDP_RNS_UD_CS_SUPPORT_ERRINFO_PDU);
    }
}

static void test_server_blocks(void)
{
    wrdp_gcc_server_core_data core;
    if (!DECODE(V "server_core_data_min.bin", wrdp_gcc_server_core_data, &core)) {
        CHECK_EQ(core.version, WRDP_RDP_VERSION_5_PLUS);
        CHECK_EQ(core.optionalFieldCount, 0);
    }
    if (!DECODE(V "server_core_data_requested_protocols.bin", wrdp_gcc_server_core_data, &core)) {
        CHECK_EQ(core.optionalFieldCount, 1);
        CHECK_EQ(core.clientRequestedProtocols, 0);
    }
    if (!DECODE(V "server_core_data_all_optional.bin", wrdp_gcc_server_core_data, &core)) {
        CHECK_EQ(core.optionalFieldCount, 2);
        CHECK_EQ(core.clientRequestedProtocols, 0);
        CHECK_EQ(core.earlyCapabilityFlags, WRDP_RNS_UD_SC_EDGE_ACTIONS_SUPPORTED_V1);
    }
    wrdp_gcc_server_security_data sec;
    if (!DECODE(V "server_security_data_none.bin", wrdp_gcc_server_security_data, &sec)) {
        CHECK_EQ(sec.encryptionMethod, 0);
        CHECK_EQ(sec.encryptionLevel, WRDP_ENCRYPTION_LEVEL_NONE);
        CHECK(sec.serverRandom.len == 0 && sec.serverCertificate.len == 0);
    }
    if (!DECODE(V "server_security_data_rsa.bin", wrdp_gcc_server_security_data, &sec))
        check_server_security_rsa(&sec);
    wrdp_gcc_server_network_data net;
    if (!DECODE(V "server_network_data_3ch.bin", wrdp_gcc_server_network_data, &net)) {
        check_server_network3(&net);
        CHECK(net.padPresent);
    }
    if (!DECODE(W "server_network_data_3ch_no_pad.bin", wrdp_gcc_server_network_data, &net)) {
        check_server_network3(&net);
        CHECK(!net.padPresent);
    }
    if (!DECODE(V "server_network_data_0ch.bin", wrdp_gcc_server_network_data, &net)) {
        CHECK_EQ(net.MCSChannelId, 1003);
        CHECK_EQ(net.channelCount, 0);
    }
    wrdp_gcc_server_message_channel_data msg;
    if (!DECODE(V "server_message_channel_data.bin", wrdp_gcc_server_message_channel_data, &msg))
        CHECK_EQ(msg.MCSChannelID, 1008);
    wrdp_gcc_server_multitransport_channel_data mt;
    if (!DECODE(V "server_multitransport_data.bin", wrdp_gcc_server_multitransport_channel_data, &mt))
        CHECK_EQ(mt.flags, WRDP_TRANSPORTTYPE_UDPFECR | WRDP_TRANSPORTTYPE_UDP_PREFERRED | WRDP_SOFTSYNC_TCP_TO_UDP);

    wrdp_gcc_server_certificate cert;
    if (!DECODE(W "server_certificate_proprietary.bin", wrdp_gcc_server_certificate, &cert))
        CHECK_EQ(cert.proprietary.PublicKeyBlob.bitlen, 512);
    if (!DECODE(W "server_certificate_x509.bin", wrdp_gcc_server_certificate, &cert)) {
        CHECK_EQ(cert.dwVersion, 0x80000002u);
        CHECK_EQ(cert.x509.NumCertBlobs, 2);
        CHECK_EQ(cert.x509.CertBlobArray[0].len, 5);
        CHECK_EQ(cert.x509.CertBlobArray[1].len, 9);
        CHECK_EQ(cert.x509.Padding.len, 16);
    }

    static wrdp_gcc_server_data_blocks b;
    if (!DECODE(V "server_gcc_blocks_core_net_sec.bin", wrdp_gcc_server_data_blocks, &b))
        check_server_blocks(&b, false);
    if (!DECODE(V "server_gcc_blocks_all.bin", wrdp_gcc_server_data_blocks, &b))
        check_server_blocks(&b, true);
    if (!DECODE(V "server_gcc_blocks_reordered.bin", wrdp_gcc_server_data_blocks, &b)) {
        check_server_blocks(&b, true);
        static const uint16_t order[5] = {WRDP_SC_CORE, WRDP_SC_MCS_MSGCHANNEL, WRDP_SC_NET, WRDP_SC_SECURITY,
                                          WRDP_SC_MULTITRANSPORT};
        CHECK_EQ(b.blockCount, 5);
        CHECK_MEM(b.blockTypes, order, sizeof order);
    }
}

static void test_conference(void)
{
    static wrdp_gcc_conference_create_request req;
    if (!DECODE(V "gcc_conference_create_request.bin", wrdp_gcc_conference_create_request, &req)) {
        CHECK(!strcmp(req.conferenceName, "1"));
        CHECK_EQ(req.connectPDULength, 0x128);
        check_client_blocks(&req.userData, true, false);
        /* with connectPDULength 0 the true length (298 = 0x12a) is written */
        req.connectPDULength = 0;
        wrdp_writer w;
        wrdp_writer_init(&w, 0, NULL);
        CHECK(wrdp_gcc_conference_create_request_encode(&req, &w) == WRDP_OK);
        CHECK(w.len == 307 && w.data[7] == 0x81 && w.data[8] == 0x2a);
        CHECK_EQ(w.len - 9, 0x12a);
        wrdp_writer_free(&w);
    }
    /* [MS-RDPBCGR] 4.1.3: the true connectPDU length, 8 bpp, blocks core, cluster, security, net */
    if (!DECODE("vectors/pdu/spec41/gcc_conference_create_request.bin", wrdp_gcc_conference_create_request, &req)) {
        CHECK_EQ(req.connectPDULength, 0x12a);
        CHECK_EQ(req.userData.clientCoreData.colorDepth, WRDP_RNS_UD_COLOR_8BPP);
        static const uint16_t order[4] = {WRDP_CS_CORE, WRDP_CS_CLUSTER, WRDP_CS_SECURITY, WRDP_CS_NET};
        CHECK_EQ(req.userData.blockCount, 4);
        CHECK_MEM(req.userData.blockTypes, order, sizeof order);
        check_security(&req.userData.clientSecurityData);
        check_network3(&req.userData.clientNetworkData);
        check_cluster(&req.userData.clientClusterData);
        wrdp_gcc_client_core_data core = req.userData.clientCoreData;
        core.colorDepth = WRDP_RNS_UD_COLOR_4BPP; /* the one difference from IronRDP's core block */
        check_core_to_selected(&core);
        /* the default length is the one the spec prints */
        size_t len;
        const uint8_t *spec = load("vectors/pdu/spec41/gcc_conference_create_request.bin", &len);
        req.connectPDULength = 0;
        wrdp_writer w;
        wrdp_writer_init(&w, 0, NULL);
        CHECK(wrdp_gcc_conference_create_request_encode(&req, &w) == WRDP_OK);
        CHECK(w.len == len && memcmp(w.data, spec, len) == 0);
        wrdp_writer_free(&w);
    }
    static wrdp_gcc_conference_create_response rsp;
    if (!DECODE(V "gcc_conference_create_response.bin", wrdp_gcc_conference_create_response, &rsp)) {
        CHECK_EQ(rsp.nodeID, 0x79f3);
        CHECK_EQ(rsp.tag, 1);
        CHECK_EQ(rsp.result, 0);
        CHECK_EQ(rsp.connectPDULength, 0x116);
        check_server_blocks(&rsp.userData, false);
    }
}

/* A request and a response built from structs decode back to the same values. */
static void test_build(void)
{
    static wrdp_gcc_conference_create_request req, back;
    memcpy(req.conferenceName, "1", 2);
    wrdp_gcc_client_data_blocks *u = &req.userData;
    u->clientCoreDataPresent = true;
    u->clientCoreData.version = WRDP_RDP_VERSION_5_PLUS;
    u->clientCoreData.desktopWidth = 1920;
    u->clientCoreData.desktopHeight = 1080;
    u->clientCoreData.colorDepth = WRDP_RNS_UD_COLOR_8BPP;
    u->clientCoreData.SASSequence = WRDP_RNS_UD_SAS_DEL;
    wrdp_utf8_to_utf16le("webrdp", 6, u->clientCoreData.clientName, 30);
    u->clientCoreData.optionalFieldCount = 10;
    u->clientCoreData.highColorDepth = 32;
    u->clientCoreData.earlyCapabilityFlags = WRDP_RNS_UD_CS_WANT_32BPP_SESSION | WRDP_RNS_UD_CS_VALID_CONNECTION_TYPE;
    u->clientCoreData.connectionType = 6;
    u->clientCoreData.serverSelectedProtocol = 2;
    u->clientSecurityDataPresent = true;
    u->clientNetworkDataPresent = true;
    u->clientNetworkData.channelCount = 1;
    memcpy(u->clientNetworkData.channelDefArray[0].name, "drdynvc", 8);
    u->clientNetworkData.channelDefArray[0].options = WRDP_CHANNEL_OPTION_INITIALIZED;
    u->clientMultitransportChannelDataPresent = true;
    u->clientMultitransportChannelData.flags = WRDP_TRANSPORTTYPE_UDPFECR;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_gcc_conference_create_request_encode(&req, &w) == WRDP_OK);
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "req", &err);
    CHECK(wrdp_gcc_conference_create_request_decode(&c, &back) == WRDP_OK);
    CHECK_EQ(c.pos, w.len);
    CHECK_EQ(back.userData.blockCount, 4);
    CHECK_EQ(back.userData.blockTypes[3], WRDP_CS_MULTITRANSPORT);
    CHECK_EQ(back.userData.clientCoreData.desktopWidth, 1920);
    CHECK_EQ(back.userData.clientCoreData.optionalFieldCount, 10);
    CHECK_EQ(back.userData.clientCoreData.connectionType, 6);
    CHECK(utf16_eq(back.userData.clientCoreData.clientName, 32, "webrdp"));
    CHECK(!strcmp(back.userData.clientNetworkData.channelDefArray[0].name, "drdynvc"));
    CHECK_EQ(back.connectPDULength, w.len - 9);
    wrdp_writer_free(&w);

    /* a present block missing from an explicit order is refused */
    u->blockCount = 1;
    u->blockTypes[0] = WRDP_CS_CORE;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_gcc_conference_create_request_encode(&req, &w) == WRDP_ERR);
    wrdp_writer_free(&w);

    static wrdp_gcc_conference_create_response rsp, rback;
    rsp.nodeID = 1007;
    rsp.tag = 1;
    rsp.userData.serverCoreDataPresent = true;
    rsp.userData.serverCoreData.version = WRDP_RDP_VERSION_5_PLUS;
    rsp.userData.serverCoreData.optionalFieldCount = 2;
    rsp.userData.serverCoreData.clientRequestedProtocols = 3;
    rsp.userData.serverCoreData.earlyCapabilityFlags = 1;
    rsp.userData.serverNetworkDataPresent = true;
    rsp.userData.serverNetworkData.MCSChannelId = 1003;
    rsp.userData.serverNetworkData.channelCount = 1;
    rsp.userData.serverNetworkData.channelIdArray[0] = 1004;
    rsp.userData.serverNetworkData.padPresent = true;
    rsp.userData.serverSecurityDataPresent = true;
    wrdp_error_clear(&err);
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_gcc_conference_create_response_encode(&rsp, &w) == WRDP_OK);
    wrdp_cursor_init(&c, w.data, w.len, "rsp", &err);
    CHECK_MSG(wrdp_gcc_conference_create_response_decode(&c, &rback) == WRDP_OK, "%s", err.message);
    CHECK_EQ(c.pos, w.len);
    CHECK_EQ(rback.nodeID, 1007);
    CHECK_EQ(rback.userData.blockTypes[1], WRDP_SC_NET);
    CHECK_EQ(rback.userData.serverCoreData.clientRequestedProtocols, 3);
    CHECK_EQ(rback.userData.serverNetworkData.channelIdArray[0], 1004);
    CHECK(rback.userData.serverNetworkData.padPresent);
    CHECK(rback.userData.serverSecurityDataPresent && rback.userData.serverSecurityData.encryptionLevel == 0);
    wrdp_writer_free(&w);

    /* a security block with encryption but a short random cannot be written */
    wrdp_gcc_server_security_data sec = {WRDP_ENCRYPTION_METHOD_128BIT, WRDP_ENCRYPTION_LEVEL_HIGH, {NULL, 0}, {NULL, 0}};
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_gcc_server_security_data_encode(&sec, &w) == WRDP_ERR);
    wrdp_writer_free(&w);
}

/* Every prefix of a valid vector fails cleanly (decode or limit error naming the
 * kind); for kinds whose tail is optional a prefix may also decode. */
static void truncations(const char *kind, const char *path, bool strict)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(kind);
    CHECK_MSG(k != NULL, "kind %s", kind);
    if (!k)
        return;
    size_t len;
    const uint8_t *d = load(path, &len);
    for (size_t n = 0; n < len; n++) {
        uint8_t *copy = malloc(n ? n : 1);
        memcpy(copy, d, n);
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        size_t used = 0;
        int rc = wrdp_pdu_kind_roundtrip(k, copy, n, &w, &used, &err);
        if (rc == WRDP_OK) {
            CHECK_MSG(!strict, "%s: prefix %zu of %zu decoded", path, n, len);
        } else {
            CHECK_MSG(err.kind == WRDP_ERROR_DECODE || err.kind == WRDP_ERROR_LIMIT, "%s: prefix %zu: %s", path, n,
                      wrdp_error_kind_name(err.kind));
            CHECK_MSG(strstr(err.message, kind) != NULL, "%s: prefix %zu: %s", path, n, err.message);
        }
        wrdp_writer_free(&w);
        free(copy);
    }
}

static void test_truncations(void)
{
    static const struct {
        const char *kind, *path;
        bool strict;
    } t[] = {
        {"gcc_conference_create_request", V "gcc_conference_create_request.bin", true},
        {"gcc_conference_create_response", V "gcc_conference_create_response.bin", true},
        {"gcc_conference_create_request", "vectors/pdu/spec41/gcc_conference_create_request.bin", true},
        {"gcc_client_data_blocks", V "client_gcc_blocks_all.bin", false},
        {"gcc_client_data_blocks", V "client_gcc_blocks_reordered.bin", false},
        {"gcc_client_data_blocks", V "client_gcc_blocks_core_sec_net.bin", false},
        {"gcc_client_data_blocks", V "client_gcc_blocks_with_cluster.bin", false},
        {"gcc_client_core_data", V "client_core_data_min.bin", true},
        {"gcc_client_core_data", V "client_core_data_to_highcolor.bin", false},
        {"gcc_client_core_data", V "client_core_data_to_selected_protocol.bin", false},
        {"gcc_client_core_data", V "client_core_data_all_optional.bin", false},
        {"gcc_client_core_data", V "client_core_data_want_32bpp.bin", false},
        {"gcc_client_security_data", V "client_security_data.bin", true},
        {"gcc_client_network_data", V "client_network_data_3ch.bin", true},
        {"gcc_client_network_data", V "client_network_data_0ch.bin", true},
        {"gcc_client_cluster_data", V "client_cluster_data.bin", true},
        {"gcc_client_monitor_data", V "client_monitor_data_2.bin", true},
        {"gcc_client_monitor_data", V "client_monitor_data_0.bin", true},
        {"gcc_client_monitor_extended_data", V "client_monitor_ex_data_2.bin", true},
        {"gcc_client_monitor_extended_data", V "client_monitor_ex_data_0.bin", true},
        {"gcc_client_message_channel_data", W "client_message_channel_data.bin", true},
        {"gcc_client_multitransport_channel_data", W "client_multitransport_channel_data.bin", true},
        {"gcc_server_data_blocks", V "server_gcc_blocks_all.bin", false},
        {"gcc_server_data_blocks", V "server_gcc_blocks_reordered.bin", false},
        {"gcc_server_data_blocks", V "server_gcc_blocks_core_net_sec.bin", false},
        {"gcc_server_core_data", V "server_core_data_all_optional.bin", false},
        {"gcc_server_core_data", V "server_core_data_min.bin", true},
        {"gcc_server_security_data", V "server_security_data_rsa.bin", true},
        {"gcc_server_security_data", V "server_security_data_none.bin", true},
        {"gcc_server_certificate", W "server_certificate_proprietary.bin", true},
        {"gcc_server_certificate", W "server_certificate_x509.bin", false},
        {"gcc_server_network_data", V "server_network_data_3ch.bin", false},
        {"gcc_server_network_data", V "server_network_data_0ch.bin", true},
        {"gcc_server_message_channel_data", V "server_message_channel_data.bin", true},
        {"gcc_server_multitransport_channel_data", V "server_multitransport_data.bin", true},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
        truncations(t[i].kind, t[i].path, t[i].strict);
}

/* Inputs that must be refused, with the reason in the message. */
static void test_errors(void)
{
    static const struct {
        const char *kind, *path, *needle;
    } t[] = {
        {"gcc_server_security_data", V "server_security_data_bad_random_len.bin", "serverRandomLen"},
        {"gcc_client_network_data", W "client_network_data_32ch.bin", "channelCount"},
        {"gcc_client_monitor_extended_data", W "client_monitor_ex_data_bad_size.bin", "monitorAttributeSize"},
        {"gcc_server_certificate", W "server_certificate_bad_magic.bin", "magic"},
        {"gcc_client_data_blocks", W "client_gcc_blocks_duplicate_core.bin", "twice"},
    };
    for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
        const wrdp_pdu_kind *k = wrdp_pdu_kind_find(t[i].kind);
        size_t len;
        const uint8_t *d = load(t[i].path, &len);
        wrdp_error err;
        wrdp_error_clear(&err);
        wrdp_writer w;
        wrdp_writer_init(&w, 0, &err);
        size_t used;
        CHECK(k && wrdp_pdu_kind_roundtrip(k, d, len, &w, &used, &err) == WRDP_ERR);
        CHECK_MSG(strstr(err.message, t[i].needle) != NULL, "%s: %s", t[i].path, err.message);
        wrdp_writer_free(&w);
    }
    /* a wrong h221 key in the request */
    size_t len;
    const uint8_t *d = load(V "gcc_conference_create_request.bin", &len);
    uint8_t *bad = malloc(len);
    memcpy(bad, d, len);
    bad[0x12] = 'X'; /* "Duca" -> "DXca" */
    static wrdp_gcc_conference_create_request req;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, bad, len, "gcc_conference_create_request", &err);
    CHECK(wrdp_gcc_conference_create_request_decode(&c, &req) == WRDP_ERR);
    CHECK_MSG(strstr(err.message, "h221NonStandard") != NULL, "%s", err.message);
    free(bad);
}

int main(void)
{
    test_client_blocks();
    test_server_blocks();
    test_conference();
    test_build();
    test_truncations();
    test_errors();
    for (size_t i = 0; i < file_count; i++)
        free(file_buf[i]);
    return test_finish("pdu_gcc");
}
