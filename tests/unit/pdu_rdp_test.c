/* rdp family: field values of every vector (against the manifest's decoded_fields),
 * re-encoding, PDUs built from structs, truncations, error info texts and the
 * auto-reconnect verifier. */
#include "pdu/kind.h"
#include "test.h"

static uint8_t *load(const char *path, size_t *len)
{
    char full[256];
    snprintf(full, sizeof full, "vectors/pdu/%s", path);
    return test_read_file(full, len);
}

/* Decodes `path` as kind `name`, checks it consumed everything, re-encodes to the same
 * bytes, and checks that every proper prefix fails with a decode/limit error naming the PDU. */
/* Inputs stay alive (and reachable) because decoded views point into them. */
static uint8_t *kept[64];
static int nkept;

/* With optional_tail, a prefix that ends at an optional-field boundary may decode;
 * it must then re-encode to exactly that prefix. */
static void check_truncations(const char *name, const char *path, int optional_tail);

static void roundtrip_and_truncate(const char *name, const char *path, void *out)
{
    check_truncations(name, path, strncmp(name, "client_info", 11) == 0);

    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(name);
    CHECK_MSG(k != NULL, "kind %s", name);
    if (!k)
        return;
    size_t len;
    uint8_t *data = load(path, &len);
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, k->name, &err);
    int rc = k->decode(&c, out);
    CHECK_MSG(rc == WRDP_OK, "%s: %s", path, err.message);
    CHECK_MSG(c.pos == len, "%s: consumed %zu of %zu", path, c.pos, len);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK_MSG(k->encode(out, &w) == WRDP_OK, "%s: encode: %s", path, err.message);
    CHECK_MSG(w.len == len && memcmp(w.data, data, len) == 0, "%s: re-encoding differs", path);
    wrdp_writer_free(&w);
    if (nkept < 64)
        kept[nkept++] = data;
    else
        free(data);
}

static void check_truncations(const char *name, const char *path, int optional_tail)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(name);
    if (!k)
        return;
    size_t len;
    uint8_t *data = load(path, &len);
    void *tmp = calloc(1, k->size);
    for (size_t n = 0; n < len; n++) {
        wrdp_error e2;
        wrdp_error_clear(&e2);
        wrdp_cursor t;
        wrdp_cursor_init(&t, data, n, k->name, &e2);
        memset(tmp, 0, k->size);
        int r = k->decode(&t, tmp);
        int ok = r == WRDP_OK && wrdp_cursor_ok(&t);
        if (ok && optional_tail) {
            wrdp_writer w;
            wrdp_writer_init(&w, 0, &e2);
            CHECK_MSG(t.pos == n && k->encode(tmp, &w) == WRDP_OK && w.len == n && memcmp(w.data, data, n) == 0,
                      "%s: prefix %zu decoded but does not re-encode to itself", path, n);
            wrdp_writer_free(&w);
            continue;
        }
        CHECK_MSG(!ok, "%s: prefix of %zu bytes decoded", path, n);
        CHECK_MSG(ok || e2.kind == WRDP_ERROR_DECODE || e2.kind == WRDP_ERROR_LIMIT, "%s: prefix %zu: kind %s", path,
                  n, wrdp_error_kind_name(e2.kind));
        CHECK_MSG(ok || strstr(e2.message, k->name) != NULL, "%s: prefix %zu: %s", path, n, e2.message);
    }
    free(tmp);
    free(data);
}

static int utf16_eq(wrdp_bytes b, const char *ascii)
{
    size_t n = strlen(ascii);
    if (b.len != 2 * n)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (b.data[2 * i] != (uint8_t)ascii[i] || b.data[2 * i + 1] != 0)
            return 0;
    return 1;
}

static int ansi_eq(wrdp_bytes b, const char *s) { return b.len == strlen(s) && memcmp(b.data, s, b.len) == 0; }

static void check_time_zone(const wrdp_time_zone_information *tz)
{
    CHECK_EQ(tz->Bias, 480);
    CHECK(tz->StandardName.len == 64 && tz->StandardName.data[0] == 'P');
    CHECK_EQ(tz->StandardDate.wMonth, 10);
    CHECK_EQ(tz->StandardDate.wDayOfWeek, 0);
    CHECK_EQ(tz->StandardDate.wDay, 5);
    CHECK_EQ(tz->StandardDate.wHour, 2);
    CHECK_EQ(tz->StandardBias, 0);
    CHECK_EQ(tz->DaylightDate.wMonth, 4);
    CHECK_EQ(tz->DaylightDate.wDay, 1);
    CHECK_EQ(tz->DaylightDate.wHour, 2);
    CHECK_EQ(tz->DaylightBias, -60);
}

static void check_info(const wrdp_info_packet *p, int unicode, int optional)
{
    CHECK_EQ(p->CodePage, 67699721);
    uint32_t flags = WRDP_INFO_MOUSE | WRDP_INFO_DISABLECTRLALTDEL | WRDP_INFO_MAXIMIZESHELL | WRDP_INFO_COMPRESSION |
                     WRDP_INFO_ENABLEWINDOWSKEY | WRDP_INFO_FORCE_ENCRYPTED_CS_PDU |
                     (WRDP_PACKET_COMPR_TYPE_64K << WRDP_INFO_COMPRESSION_TYPE_SHIFT) | (unicode ? WRDP_INFO_UNICODE : 0);
    CHECK_EQ(p->flags, flags);
    const char *dir = "C:\\depots\\w2k3_1\\termsrv\\newclient\\lib\\win32\\obj\\i386\\mstscax.dll";
    if (unicode) {
        CHECK(utf16_eq(p->Domain, "NTDEV"));
        CHECK(utf16_eq(p->UserName, "eltons"));
        CHECK_EQ(p->extraInfo.clientAddress.len, 30);
        CHECK_EQ(p->extraInfo.clientDir.len, 2 * strlen(dir) + 2);
        wrdp_bytes a = {p->extraInfo.clientAddress.data, 28};
        CHECK(utf16_eq(a, "157.59.242.156"));
    } else {
        CHECK(ansi_eq(p->Domain, "NTDEV"));
        CHECK(ansi_eq(p->UserName, "eltons"));
        CHECK(p->extraInfo.clientAddress.len == 15 && memcmp(p->extraInfo.clientAddress.data, "157.59.242.156", 15) == 0);
        CHECK(p->extraInfo.clientDir.len == strlen(dir) + 1 && memcmp(p->extraInfo.clientDir.data, dir, strlen(dir)) == 0);
    }
    CHECK_EQ(p->Password.len, 0);
    CHECK_EQ(p->AlternateShell.len, 0);
    CHECK_EQ(p->WorkingDir.len, 0);
    CHECK_EQ(p->extraInfo.clientAddressFamily, WRDP_AF_INET);
    if (optional) {
        CHECK_EQ(p->extraInfo.present, WRDP_EXTINFO_PERFORMANCE_FLAGS);
        check_time_zone(&p->extraInfo.clientTimeZone);
        CHECK_EQ(p->extraInfo.clientSessionId, 0);
        CHECK_EQ(p->extraInfo.performanceFlags, WRDP_PERF_DISABLE_WALLPAPER);
    } else {
        CHECK_EQ(p->extraInfo.present, WRDP_EXTINFO_CLIENT_DIR);
    }
}

static void check_hdr(const wrdp_share_data_headers *h, uint16_t source, uint8_t stream, uint8_t type2)
{
    CHECK_EQ(h->shareControlHeader.pduType, 0x17);
    CHECK_EQ(h->shareControlHeader.pduSource, source);
    CHECK_EQ(h->shareDataHeader.shareId, 66538);
    CHECK_EQ(h->shareDataHeader.streamId, stream);
    CHECK_EQ(h->shareDataHeader.pduType2, type2);
    CHECK_EQ(h->shareDataHeader.compressedType, 0);
}

static void test_vectors(void)
{
    static wrdp_client_info_pdu cip;
    roundtrip_and_truncate("client_info_pdu", "rdp/client_info_pdu.bin", &cip);
    CHECK_EQ(cip.securityHeader.flags, WRDP_SEC_INFO_PKT);
    check_info(&cip.infoPacket, 1, 1);

    static wrdp_info_packet ip;
    roundtrip_and_truncate("client_info", "rdp/client_info_unicode.bin", &ip);
    check_info(&ip, 1, 1);
    roundtrip_and_truncate("client_info", "rdp/client_info_ansi.bin", &ip);
    check_info(&ip, 0, 1);
    /* no truncation loop here: every prefix ending at a field boundary after clientDir is valid */
    {
        size_t len;
        uint8_t *d = load("rdp/client_info_unicode_no_optional.bin", &len);
        wrdp_error err;
        wrdp_cursor c;
        wrdp_cursor_init(&c, d, len, "client_info", &err);
        memset(&ip, 0, sizeof ip);
        CHECK(wrdp_info_packet_decode(&c, &ip) == WRDP_OK && c.pos == len);
        check_info(&ip, 1, 0);
        free(d);
    }

    wrdp_synchronize_pdu sync;
    roundtrip_and_truncate("synchronize_pdu", "rdp/client_synchronize_pdu.bin", &sync);
    check_hdr(&sync.hdr, 1007, WRDP_STREAM_LOW, WRDP_PDUTYPE2_SYNCHRONIZE);
    CHECK_EQ(sync.messageType, WRDP_SYNCMSGTYPE_SYNC);
    CHECK_EQ(sync.targetUser, 1002);
    roundtrip_and_truncate("synchronize_pdu", "spec41/server_synchronize_pdu_4_1_19_decrypted.bin", &sync);
    CHECK_EQ(sync.hdr.shareDataHeader.pad1, 0x14);
    CHECK_EQ(sync.hdr.shareDataHeader.uncompressedLength, 22);
    CHECK_EQ(sync.targetUser, 0x4463);

    wrdp_control_pdu ctl;
    roundtrip_and_truncate("control_pdu", "rdp/client_control_cooperate_pdu.bin", &ctl);
    check_hdr(&ctl.hdr, 1007, WRDP_STREAM_LOW, WRDP_PDUTYPE2_CONTROL);
    CHECK_EQ(ctl.action, WRDP_CTRLACTION_COOPERATE);
    CHECK_EQ(ctl.grantId, 0);
    CHECK_EQ(ctl.controlId, 0);
    roundtrip_and_truncate("control_pdu", "rdp/client_control_request_control_pdu.bin", &ctl);
    CHECK_EQ(ctl.action, WRDP_CTRLACTION_REQUEST_CONTROL);
    roundtrip_and_truncate("control_pdu", "rdp/server_control_granted_control_pdu.bin", &ctl);
    check_hdr(&ctl.hdr, 1002, WRDP_STREAM_MED, WRDP_PDUTYPE2_CONTROL);
    CHECK_EQ(ctl.action, WRDP_CTRLACTION_GRANTED_CONTROL);
    CHECK_EQ(ctl.grantId, 1007);
    CHECK_EQ(ctl.controlId, 1002);

    wrdp_font_list_pdu fl;
    roundtrip_and_truncate("font_list_pdu", "rdp/client_font_list_pdu.bin", &fl);
    check_hdr(&fl.hdr, 1007, WRDP_STREAM_LOW, WRDP_PDUTYPE2_FONTLIST);
    CHECK_EQ(fl.numberFonts, 0);
    CHECK_EQ(fl.totalNumFonts, 0);
    CHECK_EQ(fl.listFlags, WRDP_FONTLIST_FIRST | WRDP_FONTLIST_LAST);
    CHECK_EQ(fl.entrySize, 50);
    wrdp_font_map_pdu fm;
    roundtrip_and_truncate("font_map_pdu", "rdp/server_font_map_pdu.bin", &fm);
    check_hdr(&fm.hdr, 1002, WRDP_STREAM_MED, WRDP_PDUTYPE2_FONTMAP);
    CHECK_EQ(fm.mapFlags, WRDP_FONTMAP_FIRST | WRDP_FONTMAP_LAST);
    CHECK_EQ(fm.entrySize, 4);

    wrdp_monitor_layout_pdu ml;
    roundtrip_and_truncate("monitor_layout_pdu", "rdp/monitor_layout_pdu.bin", &ml);
    check_hdr(&ml.hdr, 1007, WRDP_STREAM_LOW, WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU);
    CHECK_EQ(ml.monitorCount, 2);
    CHECK(ml.monitorDefArray[0].left == 0 && ml.monitorDefArray[0].top == 0 && ml.monitorDefArray[0].right == 1919 &&
          ml.monitorDefArray[0].bottom == 1079 && ml.monitorDefArray[0].flags == WRDP_TS_MONITOR_PRIMARY);
    CHECK(ml.monitorDefArray[1].left == -1280 && ml.monitorDefArray[1].top == 0 && ml.monitorDefArray[1].right == -1 &&
          ml.monitorDefArray[1].bottom == 1023 && ml.monitorDefArray[1].flags == 0);

    wrdp_logon_info li;
    roundtrip_and_truncate("session_info_logon_info", "rdp/session_info__logon_info_v1_buffer.bin", &li);
    CHECK_EQ(li.cbDomain, 12);
    CHECK(li.Domain.len == 52 && li.Domain.data[0] == 'N');
    CHECK_EQ(li.cbUserName, 14);
    CHECK(li.UserName.len == 512 && li.UserName.data[0] == 'e');
    CHECK_EQ(li.SessionId, 2);

    wrdp_logon_info_v2 l2;
    roundtrip_and_truncate("session_info_logon_info_v2", "rdp/session_info__logon_info_v2_buffer.bin", &l2);
    CHECK_EQ(l2.Version, 1);
    CHECK_EQ(l2.SessionId, 2);
    wrdp_bytes dom = {l2.Domain.data, 10}, user = {l2.UserName.data, 12};
    CHECK(l2.Domain.len == 12 && utf16_eq(dom, "NTDEV"));
    CHECK(l2.UserName.len == 14 && utf16_eq(user, "eltons"));

    wrdp_logon_info_extended lx;
    roundtrip_and_truncate("session_info_logon_extended", "rdp/session_info__logon_extended_buffer.bin", &lx);
    CHECK_EQ(lx.FieldsPresent, WRDP_LOGON_EX_AUTORECONNECTCOOKIE | WRDP_LOGON_EX_LOGONERRORS);
    CHECK_EQ(lx.autoReconnect.Version, 1);
    CHECK_EQ(lx.autoReconnect.LogonId, 2);
    static const uint8_t bits[16] = {168, 2, 231, 37, 226, 76, 130, 183, 82, 165, 83, 80, 52, 152, 161, 168};
    CHECK_MEM(lx.autoReconnect.ArcRandomBits, bits, 16);
    CHECK_EQ(lx.errorsInfo.ErrorNotificationType, WRDP_LOGON_MSG_NO_PERMISSION);
    CHECK_EQ(lx.errorsInfo.ErrorNotificationData, WRDP_LOGON_FAILED_OTHER);

    wrdp_save_session_info ssi;
    roundtrip_and_truncate("save_session_info", "rdp/session_info__session_plain_notify_buffer.bin", &ssi);
    CHECK_EQ(ssi.infoType, WRDP_INFOTYPE_LOGON_PLAINNOTIFY);
    CHECK_EQ(ssi.plainNotifyPad.len, 576);

    wrdp_save_session_info_pdu ssp;
    roundtrip_and_truncate("save_session_info_pdu", "rdp_built/save_session_info_pdu_logon_v1.bin", &ssp);
    CHECK_EQ(ssp.data.infoType, WRDP_INFOTYPE_LOGON);
    CHECK_EQ(ssp.data.logonInfo.SessionId, 2);

    wrdp_channel_pdu_header ch;
    roundtrip_and_truncate("channel_pdu_header", "rdp/vc__channel_pdu_header_buffer.bin", &ch);
    CHECK_EQ(ch.length, WRDP_CHANNEL_CHUNK_LENGTH);
    CHECK_EQ(ch.flags, WRDP_CHANNEL_FLAG_FIRST);

    wrdp_shutdown_request_pdu sr;
    roundtrip_and_truncate("shutdown_request_pdu", "spec41/client_shutdown_request_pdu_4_2_1_decrypted.bin", &sr);
    CHECK_EQ(sr.hdr.shareDataHeader.shareId, 0x000203ea);
    CHECK_EQ(sr.hdr.shareDataHeader.pduType2, WRDP_PDUTYPE2_SHUTDOWN_REQUEST);
    wrdp_shutdown_denied_pdu sdn;
    roundtrip_and_truncate("shutdown_denied_pdu", "spec41/server_shutdown_denied_pdu_4_2_2_decrypted.bin", &sdn);
    CHECK_EQ(sdn.hdr.shareDataHeader.pad1, 0xa6);

    wrdp_non_fips_security_header nf;
    roundtrip_and_truncate("rdp_non_fips_security_header", "spec41/server_synchronize_non_fips_security_header_4_1_19.bin",
                           &nf);
    CHECK_EQ(nf.flags, WRDP_SEC_SECURE_CHECKSUM | WRDP_SEC_ENCRYPT);
    CHECK_EQ(nf.flagsHi, 0x0302);
    CHECK_EQ(nf.dataSignature[0], 0xf4);
    wrdp_fips_security_header fh;
    roundtrip_and_truncate("rdp_fips_security_header", "rdp_built/fips_security_header.bin", &fh);
    CHECK(fh.length == 0x10 && fh.version == WRDP_TSFIPS_VERSION1 && fh.padlen == 3);

    wrdp_security_exchange_pdu sx;
    roundtrip_and_truncate("security_exchange_pdu", "rdp_built/security_exchange_pdu.bin", &sx);
    CHECK_EQ(sx.encryptedClientRandom.len, 72);

    static wrdp_persistent_key_list_pdu pk;
    roundtrip_and_truncate("persistent_key_list_pdu", "rdp_built/persistent_key_list_pdu.bin", &pk);
    CHECK_EQ(pk.entryCount, 3);
    CHECK_EQ(pk.entries[1].Key1, 0xdeadbeef);
    CHECK_EQ(pk.bBitMask, WRDP_PERSIST_FIRST_PDU | WRDP_PERSIST_LAST_PDU);

    wrdp_set_error_info_pdu se;
    roundtrip_and_truncate("set_error_info_pdu", "rdp_built/set_error_info_pdu_idle_timeout.bin", &se);
    CHECK_EQ(se.errorInfo, 3);

    wrdp_deactivate_all_pdu da;
    roundtrip_and_truncate("deactivate_all_pdu", "rdp_built/deactivate_all_pdu.bin", &da);
    CHECK(da.shareID == 0x000103ea && da.sourceDescriptor.len == 4);

    wrdp_autodetect_request ar;
    roundtrip_and_truncate("autodetect_request", "rdp_built/autodetect_request_netchar_all.bin", &ar);
    CHECK(ar.baseRTT == 10 && ar.bandwidth == 5000 && ar.averageRTT == 20);
    roundtrip_and_truncate("autodetect_request", "rdp_built/autodetect_request_bw_payload.bin", &ar);
    CHECK_EQ(ar.payload.len, 4);
    wrdp_autodetect_response_pdu rp;
    roundtrip_and_truncate("autodetect_response_pdu", "rdp_built/autodetect_response_pdu_rtt.bin", &rp);
    CHECK_EQ(rp.autoDetectRspData.responseType, WRDP_RDP_RTT_RESPONSE_TYPE);
    wrdp_autodetect_response rs;
    roundtrip_and_truncate("autodetect_response", "rdp_built/autodetect_response_bw_results.bin", &rs);
    CHECK(rs.timeDelta == 12 && rs.byteCount == 65536);
}

/* Build a Client Info PDU with every optional extended field and read it back. */
static void test_build_client_info(void)
{
    static const uint8_t user[] = {'b', 0, 'o', 0, 'b', 0};
    static const uint8_t addr[] = {'1', 0, '0', 0, 0, 0};
    static const uint8_t key[] = {'U', 0, 'T', 0, 'C', 0, 0, 0};
    static wrdp_client_info_pdu in, out;
    memset(&in, 0, sizeof in);
    in.securityHeader.flags = WRDP_SEC_INFO_PKT;
    in.infoPacket.flags = WRDP_INFO_UNICODE | WRDP_INFO_MOUSE | WRDP_INFO_LOGONERRORS;
    in.infoPacket.UserName = (wrdp_bytes){user, sizeof user};
    wrdp_extended_info_packet *x = &in.infoPacket.extraInfo;
    x->present = WRDP_EXTINFO_DST_DISABLED;
    x->clientAddressFamily = WRDP_AF_INET;
    x->clientAddress = (wrdp_bytes){addr, sizeof addr};
    x->clientTimeZone.Bias = -60;
    x->performanceFlags = WRDP_PERF_ENABLE_FONT_SMOOTHING;
    x->hasAutoReconnectCookie = 1;
    x->autoReconnectCookie.Version = 1;
    x->autoReconnectCookie.LogonId = 42;
    memset(x->autoReconnectCookie.SecurityVerifier, 0x11, 16);
    x->dynamicDSTTimeZoneKeyName = (wrdp_bytes){key, sizeof key};
    x->dynamicDaylightTimeDisabled = 1;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_client_info_pdu_encode(&in, &w) == WRDP_OK);
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "client_info_pdu", &err);
    CHECK(wrdp_client_info_pdu_decode(&c, &out) == WRDP_OK && c.pos == w.len);
    CHECK_EQ(out.infoPacket.extraInfo.present, WRDP_EXTINFO_DST_DISABLED);
    CHECK_EQ(out.infoPacket.extraInfo.autoReconnectCookie.LogonId, 42);
    CHECK_EQ(out.infoPacket.extraInfo.clientTimeZone.Bias, -60);
    CHECK_EQ(out.infoPacket.extraInfo.dynamicDaylightTimeDisabled, 1);
    CHECK(utf16_eq(out.infoPacket.UserName, "bob"));
    /* the ARC_CS_PRIVATE_PACKET layout of auto_reconnect_verifier.json */
    uint8_t arc[28];
    size_t n = test_hex("1c000000010000002a00000011111111111111111111111111111111", arc, sizeof arc);
    int found = 0;
    for (size_t i = 0; i + n <= w.len; i++)
        found |= memcmp(w.data + i, arc, n) == 0;
    CHECK(found);
    /* through JSON and back */
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find("client_info_pdu");
    wrdp_writer j, back;
    wrdp_writer_init(&j, 0, &err);
    wrdp_writer_init(&back, 0, &err);
    CHECK(wrdp_pdu_kind_to_json(k, w.data, w.len, true, &j, NULL, &err) == WRDP_OK);
    CHECK(wrdp_pdu_kind_from_json(k, (const char *)j.data, j.len, &back, &err) == WRDP_OK);
    CHECK(back.len == w.len && memcmp(back.data, w.data, w.len) == 0);
    wrdp_writer_free(&j);
    wrdp_writer_free(&back);
    wrdp_writer_free(&w);
}

static void test_build_share_data(void)
{
    wrdp_monitor_layout_pdu m;
    memset(&m, 0, sizeof m);
    m.hdr.shareControlHeader.pduType = 0x17;
    m.hdr.shareControlHeader.pduSource = 1007;
    m.hdr.shareDataHeader.shareId = 0x000103ea;
    m.hdr.shareDataHeader.streamId = WRDP_STREAM_LOW;
    m.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU;
    m.hdr.shareDataHeader.uncompressedLength = 24;
    m.monitorCount = 1;
    m.monitorDefArray[0] = (wrdp_monitor_layout_def){0, 0, 1023, 767, WRDP_TS_MONITOR_PRIMARY};
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_monitor_layout_pdu_encode(&m, &w) == WRDP_OK);
    CHECK_EQ(w.len, 18 + 24);
    CHECK_EQ(w.data[0], 42); /* totalLength computed */
    wrdp_monitor_layout_pdu back;
    wrdp_cursor c;
    wrdp_cursor_init(&c, w.data, w.len, "monitor_layout_pdu", &err);
    CHECK(wrdp_monitor_layout_pdu_decode(&c, &back) == WRDP_OK);
    CHECK(back.monitorCount == 1 && back.monitorDefArray[0].right == 1023);
    /* a mismatching pduType2 or too many monitors do not encode */
    wrdp_writer_reset(&w);
    m.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_CONTROL;
    CHECK(wrdp_monitor_layout_pdu_encode(&m, &w) == WRDP_ERR);
    wrdp_writer_reset(&w);
    m.hdr.shareDataHeader.pduType2 = WRDP_PDUTYPE2_MONITOR_LAYOUT_PDU;
    m.monitorCount = 17;
    CHECK(wrdp_monitor_layout_pdu_encode(&m, &w) == WRDP_ERR);
    wrdp_writer_free(&w);

    /* logon extended with no optional field: Length 6, then 570 pad bytes */
    wrdp_save_session_info s;
    memset(&s, 0, sizeof s);
    s.infoType = WRDP_INFOTYPE_LOGON_EXTENDED_INFO;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_save_session_info_encode(&s, &w) == WRDP_OK);
    CHECK_EQ(w.len, 4 + 6 + 570);
    CHECK_EQ(w.data[4], 6);
    wrdp_writer_free(&w);
}

static void test_error_info(void)
{
    CHECK(strstr(wrdp_error_info_text(0x3), "idle") != NULL);
    CHECK(strcmp(wrdp_error_info_name(0x10C9), "ERRINFO_UNKNOWN_DATA_PDU_TYPE") == 0);
    CHECK(wrdp_error_info_name(0x1196) != NULL);
    CHECK(wrdp_error_info_name(0x0107) != NULL);
    CHECK(wrdp_error_info_name(0x0412) != NULL);
    CHECK(wrdp_error_info_name(0x1126) != NULL);
    CHECK(wrdp_error_info_name(0x12345678) == NULL);
    CHECK(wrdp_error_info_text(0x12345678) != NULL);
    CHECK(strstr(wrdp_error_info_text(0x1FF), "licensing") != NULL);
    /* every listed code has a name and a sentence */
    int listed = 0;
    for (uint32_t code = 0; code < 0x2000; code++)
        if (wrdp_error_info_name(code)) {
            listed++;
            CHECK(strlen(wrdp_error_info_text(code)) > 10);
        }
    CHECK(listed >= 110);
}

static void test_verifier(void)
{
    static const struct {
        const char *bits, *expect;
    } cases[] = {{"000102030405060708090a0b0c0d0e0f", "b639c8731638618b707972aa6e96cf90"},
                 {"0102030405060708090a0b0c0d0e0f10", "894025a99d64ab966419ec1ef13c261c"}};
    uint8_t zero[32] = {0};
    for (size_t i = 0; i < 2; i++) {
        uint8_t bits[16], expect[16], out[16];
        test_hex(cases[i].bits, bits, 16);
        test_hex(cases[i].expect, expect, 16);
        wrdp_arc_security_verifier(bits, zero, sizeof zero, out);
        CHECK_MEM(out, expect, 16);
    }
    /* RFC 2202 HMAC-MD5 test case 2 ("Jefe"): a 16-byte zero-padded key gives the same HMAC */
    uint8_t out[16], expect[16];
    test_hex("750c783e6ab0b503eaa86e310a5db738", expect, 16);
    static const uint8_t jefe[16] = {'J', 'e', 'f', 'e'};
    wrdp_arc_security_verifier(jefe, (const uint8_t *)"what do ya want for nothing?", 28, out);
    CHECK_MEM(out, expect, 16);
}

int main(void)
{
    test_vectors();
    test_build_client_info();
    test_build_share_data();
    test_error_info();
    test_verifier();
    return test_finish("pdu_rdp");
}
