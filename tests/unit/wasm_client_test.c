/* The wasm client (src/wasm/client.c, compiled natively here) driven like the
 * JS glue drives it, with real recorded connections
 * (tests/vectors/webrdp/recordings/) as the server behind a gateway: the
 * RDCleanPath request must carry the recorded X.224 request, the RDCleanPath
 * response is made from the recorded X.224 confirm and certificate, and from
 * there every byte sent must equal the recording, with the recorded random
 * draws. Then: stage and connected events, a bitmap update to a graphics
 * event and pixels, input through flush_input as decodable fast-path input
 * PDUs, disconnect; config validation; RDCleanPath errors; peer close. */
#include "wasm/client.c"

#include "test.h"
#include "test_recording.h"
#include "connector/connector_internal.h"
#include "webrdp/rdcleanpath.h"

typedef struct sink {
    uint8_t *data;
    size_t len, cap;
} sink;

static void sink_add(sink *s, const uint8_t *p, size_t n)
{
    if (s->len + n > s->cap) {
        s->cap = (s->len + n) * 2 + 64;
        s->data = realloc(s->data, s->cap);
    }
    memcpy(s->data + s->len, p, n);
    s->len += n;
}

static void take_output(wrdp_wasm_client *c, sink *s)
{
    size_t n;
    const uint8_t *p = wrdp_wasm_client_output(c, &n);
    sink_add(s, p, n);
}

/* All pending events, each a line, into buf. Returns how many. */
static size_t take_events(wrdp_wasm_client *c, char *buf, size_t cap)
{
    size_t count = 0, used = 0, n;
    const char *ev;
    buf[0] = 0;
    while ((ev = wrdp_wasm_client_next_event(c, &n))) {
        CHECK_EQ(strlen(ev), n);
        if (used + n + 2 < cap) {
            memcpy(buf + used, ev, n);
            used += n;
            buf[used++] = '\n';
            buf[used] = 0;
        }
        count++;
    }
    return count;
}

static char g_events[1 << 16];

static wrdp_wasm_client *new_client(const char *json, wrdp_error *err)
{
    wrdp_error_clear(err);
    return wrdp_wasm_client_new(json, strlen(json), err);
}

/* Replays a recording behind a synthesized gateway; leaves a connected client. */
static wrdp_wasm_client *replay(test_rec *r, const char *file, const char *security, const char *password,
                                const char *want_protocol)
{
    test_rec_load(r, file);
    size_t i = 0;
    const test_rec_line *ft = test_rec_next(r, &i, "filetime");
    char json[512];
    snprintf(json, sizeof json,
             "{\"username\":\"test\",\"password\":\"%s\",\"width\":1024,\"height\":768,\"clientName\":\"webrdp\","
             "\"security\":%s,\"filetimeNow\":\"%s\",\"destination\":\"127.0.0.1:33890\",\"proxyAuth\":\"tok\","
             "\"clipboard\":false,\"displayControl\":false}", /* the recordings joined no channel */
             password, security, ft ? ft->text : "0");
    wrdp_error err;
    wrdp_wasm_client *c = new_client(json, &err);
    CHECK_MSG(c != NULL, "%s: %s", file, err.message);
    if (!c)
        return NULL;
    wrdp_wasm_client_set_random(c, test_rec_random, r);

    /* the RDCleanPath request wraps the recorded X.224 Connection Request */
    size_t n;
    const uint8_t *out = wrdp_wasm_client_start(c, &n);
    size_t i_send = 0, i_recv = 0, i_cert = 0;
    const test_rec_line *x224_req = test_rec_next(r, &i_send, "send");
    wrdp_rdcleanpath_pdu req;
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, out, n, "request", &err);
    CHECK(out && wrdp_rdcleanpath_decode(&cur, &req) == WRDP_OK);
    CHECK(wrdp_rdcleanpath_classify(&req, NULL) == WRDP_RDCLEANPATH_REQUEST);
    CHECK(req.destination.len == 15 && !memcmp(req.destination.data, "127.0.0.1:33890", 15));
    CHECK(req.proxy_auth.len == 3 && !memcmp(req.proxy_auth.data, "tok", 3));
    CHECK_MSG(x224_req && req.x224_connection_pdu.len == x224_req->len &&
                  !memcmp(req.x224_connection_pdu.data, x224_req->data, x224_req->len),
              "%s: the X.224 request differs from the recording", file);

    /* the gateway's answer: the recorded confirm and certificate */
    const test_rec_line *confirm = test_rec_next(r, &i_recv, "recv");
    const test_rec_line *cert = test_rec_next(r, &i_cert, "cert");
    wrdp_rdcleanpath_pdu resp;
    wrdp_rdcleanpath_pdu_init(&resp);
    resp.has_x224_connection_pdu = true;
    resp.x224_connection_pdu = (wrdp_bytes){confirm->data, confirm->len};
    resp.has_server_cert_chain = true;
    resp.server_cert_count = 1;
    resp.server_cert_chain[0] = (wrdp_bytes){cert->data, cert->len};
    resp.has_server_addr = true;
    resp.server_addr = (wrdp_bytes){(const uint8_t *)"127.0.0.1", 9};
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 20, &err);
    CHECK(wrdp_rdcleanpath_encode(&resp, &w) == WRDP_OK);
    CHECK_EQ(wrdp_wasm_client_frame_len(c, w.data, 1), 0);
    CHECK_EQ(wrdp_wasm_client_frame_len(c, w.data, w.len), w.len);

    /* sent and recorded bytes, compared before each server frame */
    sink sent = {0}, want = {0};
    CHECK(wrdp_wasm_client_process(c, w.data, w.len, 1000.0) == WRDP_OK);
    take_output(c, &sent);
    wrdp_writer_free(&w);
    int guard = 0;
    for (size_t k = i_recv; k < r->count && guard < 1000; k++, guard++) {
        const test_rec_line *l = &r->lines[k];
        if (!strcmp(l->tag, "send")) {
            sink_add(&want, l->data, l->len);
            continue;
        }
        if (strcmp(l->tag, "recv") != 0)
            continue;
        CHECK_MSG(sent.len == want.len && !memcmp(sent.data, want.data, sent.len),
                  "%s: before frame %zu: %zu bytes sent, %zu recorded", file, k, sent.len, want.len);
        CHECK_EQ(wrdp_wasm_client_frame_len(c, l->data, l->len), l->len);
        CHECK_MSG(wrdp_wasm_client_process(c, l->data, l->len, 1000.0 + (double)k) == WRDP_OK, "%s: %s", file,
                  wrdp_wasm_client_error(c)->message);
        take_output(c, &sent);
    }
    CHECK(!r->random_mismatch);
    CHECK(wrdp_wasm_client_is_connected(c));

    /* events: each state the recording entered (but the TLS upgrade, the gateway's), then connected */
    take_events(c, g_events, sizeof g_events);
    char states[2048] = "";
    size_t sl = 0;
    for (size_t k = 0; k < r->count; k++)
        if (!strcmp(r->lines[k].tag, "state") && strcmp(r->lines[k].text, "EnhancedSecurityUpgrade") != 0)
            sl += (size_t)snprintf(states + sl, sizeof states - sl, "{\"type\":\"stage\",\"state\":\"%s\"}\n",
                                   r->lines[k].text);
    CHECK_MSG(!strncmp(g_events, states, sl), "%s: stage events\n%s\nwant\n%s", file, g_events, states);
    char connected[128];
    snprintf(connected, sizeof connected,
             "{\"type\":\"connected\",\"width\":1024,\"height\":768,\"protocol\":\"%s\",\"channels\":[]}\n",
             want_protocol);
    CHECK_MSG(!strncmp(g_events + sl, connected, strlen(connected)), "%s: %s", file, g_events + sl);
    free(sent.data);
    free(want.data);
    return c;
}

/* A fast-path bitmap update: one 2x2 32-bpp raw bitmap at (x, y), rows bottom-up. */
static size_t bitmap_frame(uint8_t *buf, uint16_t x, uint16_t y)
{
    uint16_t f[] = {1, 1, x, y, (uint16_t)(x + 1), (uint16_t)(y + 1), 2, 2, 32, 0, 16};
    size_t o = 0;
    buf[o++] = 0;    /* fpOutputHeader */
    buf[o++] = 0;    /* length, below */
    buf[o++] = WRDP_FASTPATH_UPDATETYPE_BITMAP;
    buf[o++] = 22 + 16;
    buf[o++] = 0;
    for (size_t i = 0; i < 11; i++) {
        buf[o++] = (uint8_t)f[i];
        buf[o++] = (uint8_t)(f[i] >> 8);
    }
    for (int p = 0; p < 4; p++) { /* B G R A */
        buf[o++] = (uint8_t)(10 * p + 1);
        buf[o++] = 0x80;
        buf[o++] = 0xC0;
        buf[o++] = 0xFF;
    }
    buf[1] = (uint8_t)o;
    return o;
}

static void test_session(wrdp_wasm_client *c)
{
    /* a bitmap update: a graphics event and its pixels (RGBA) */
    uint8_t frame[64];
    size_t n = bitmap_frame(frame, 2, 3);
    CHECK_EQ(wrdp_wasm_client_frame_len(c, frame, n), n);
    CHECK(wrdp_wasm_client_process(c, frame, n, 5000.0) == WRDP_OK);
    CHECK_EQ(take_events(c, g_events, sizeof g_events), 1);
    CHECK_MSG(!strcmp(g_events, "{\"type\":\"graphics\",\"x\":2,\"y\":3,\"width\":2,\"height\":2}\n"), "%s", g_events);
    CHECK_EQ(wrdp_wasm_client_image_width(c), 1024);
    CHECK_EQ(wrdp_wasm_client_image_height(c), 768);
    CHECK(wrdp_wasm_client_image_stride(c) >= 1024 * 4);
    const uint8_t *px = wrdp_wasm_client_image(c) + 3 * wrdp_wasm_client_image_stride(c) + 2 * 4;
    CHECK(px[0] == 0xC0 && px[1] == 0x80 && px[3] == 0xFF);

    /* input: typed and clicked, then flushed as fast-path input PDUs */
    CHECK_EQ(wrdp_wasm_client_key(c, 0x1E, 0, 1), 1);
    CHECK_EQ(wrdp_wasm_client_key(c, 0x1E, 0, 0), 1);
    CHECK_EQ(wrdp_wasm_client_key(c, 0x1E, 0, 0), 0);
    CHECK_EQ(wrdp_wasm_client_key(c, 0x1D, 2, 1), 2); /* Pause */
    CHECK_EQ(wrdp_wasm_client_key(c, 0x100, 0, 1), WRDP_ERR);
    CHECK_EQ(wrdp_wasm_client_error(c)->kind, WRDP_ERROR_INVALID_ARGUMENT);
    CHECK_EQ(wrdp_wasm_client_unicode(c, 0x20AC, 1), 1);
    CHECK_EQ(wrdp_wasm_client_mouse_move(c, 10, 20), 1);
    CHECK_EQ(wrdp_wasm_client_mouse_button(c, 1, 1), 1);
    CHECK_EQ(wrdp_wasm_client_mouse_button(c, 9, 1), WRDP_ERR);
    CHECK_EQ(wrdp_wasm_client_wheel(c, -600, 0), 3);
    CHECK_EQ(wrdp_wasm_client_sync_locks(c, 0, 1, 1, 0), 1);
    CHECK_EQ(wrdp_wasm_client_release_all(c), 4); /* Pause (2), the euro sign, the left button */
    CHECK(wrdp_wasm_client_flush_input(c) == WRDP_OK);
    size_t len;
    const uint8_t *out = wrdp_wasm_client_output(c, &len);
    wrdp_error err;
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, out, len, "input", &err);
    static wrdp_fastpath_input_pdu pdu;
    CHECK(wrdp_fastpath_input_pdu_decode(&cur, &pdu) == WRDP_OK && wrdp_cursor_remaining(&cur) == 0);
    CHECK_EQ(pdu.numEvents, 15);
    CHECK(pdu.fpInputEvents[0].keyCode == 0x1E && pdu.fpInputEvents[1].eventFlags == WRDP_FASTPATH_INPUT_KBDFLAGS_RELEASE);
    CHECK(pdu.fpInputEvents[5].eventCode == WRDP_FASTPATH_INPUT_EVENT_MOUSE && pdu.fpInputEvents[5].xPos == 10);
    CHECK(pdu.fpInputEvents[10].eventCode == WRDP_FASTPATH_INPUT_EVENT_SYNC && pdu.fpInputEvents[10].eventFlags == 6);
    CHECK(wrdp_wasm_client_flush_input(c) == WRDP_OK); /* nothing queued: nothing sent */
    wrdp_wasm_client_output(c, &len);
    CHECK_EQ(len, 0);

    /* output accumulates until it is read */
    wrdp_wasm_client_mouse_move(c, 11, 20);
    wrdp_wasm_client_flush_input(c);
    wrdp_wasm_client_mouse_move(c, 12, 20);
    wrdp_wasm_client_flush_input(c);
    wrdp_wasm_client_output(c, &len);
    CHECK_EQ(len, 2 * (2 + 7)); /* two PDUs: header, one 7-byte mouse event */

    /* disconnect: Shutdown Request + MCS Disconnect Provider Ultimatum, terminated "none" */
    CHECK(wrdp_wasm_client_disconnect(c) == WRDP_OK);
    out = wrdp_wasm_client_output(c, &len);
    CHECK(len > 9 && out[len - 2] == 0x21 && out[len - 1] == 0x80);
    CHECK_EQ(take_events(c, g_events, sizeof g_events), 1);
    CHECK_MSG(!strncmp(g_events, "{\"type\":\"terminated\",\"kind\":\"none\"", 34), "%s", g_events);
    CHECK(!wrdp_wasm_client_is_connected(c));
    /* after the end: frames ignored, input dropped, no more events */
    CHECK(wrdp_wasm_client_process(c, frame, n, 6000.0) == WRDP_OK);
    wrdp_wasm_client_key(c, 0x1E, 0, 1);
    CHECK(wrdp_wasm_client_flush_input(c) == WRDP_OK);
    wrdp_wasm_client_output(c, &len);
    CHECK_EQ(len, 0);
    wrdp_wasm_client_peer_closed(c);
    CHECK_EQ(take_events(c, g_events, sizeof g_events), 0);
}

static void test_recordings(void)
{
    static const struct {
        const char *file, *security, *password, *protocol;
    } cases[] = {
        {"freerdp-shadow-nla.rec", "[\"nla\",\"nla-ex\"]", "Passw0rd!", "hybrid"},
        {"freerdp-shadow-tls.rec", "[\"tls\"]", "x", "ssl"},
        {"xrdp-tls.rec", "[\"tls\"]", "x", "ssl"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        test_rec r;
        wrdp_wasm_client *c = replay(&r, cases[i].file, cases[i].security, cases[i].password, cases[i].protocol);
        if (c && wrdp_wasm_client_is_connected(c) && i == 0)
            test_session(c);
        wrdp_wasm_client_free(c);
        test_rec_free(&r);
    }
}

static void test_config(void)
{
    static const struct {
        const char *json, *want; /* want: a piece of the error message */
    } bad[] = {
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"colour\":1}", "unknown key \"colour\""},
        {"{\"username\":\"u\"}", "destination"},
        {"{\"destination\":\"h:1\",\"username\":5}", "username must be a string"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"width\":-1}", "width must be an integer"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"width\":70000}", "width must be an integer"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"width\":100}", "desktop_width"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"security\":[\"ssl\"]}", "\"ssl\" is not one"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"security\":\"nla\"}", "array"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"codecs\":[\"h264\"]}", "codecs"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"compression\":\"zip\"}", "compression"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"filetimeNow\":\"12x\"}", "filetimeNow"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"filetimeNow\":\"99999999999999999999\"}", "64 bits"},
        {"{\"destination\":\"h:1\",\"username\":\"u\",\"username\":\"v\"}", "twice"},
        {"{\"destination\":\"h:1\",\"username\":\"u\\u0000v\"}", "NUL"},
        {"{\"destination\":\"h:1\",\"autologon\":1}", "true or false"},
        {"{\"destination\":\"h:1\",\"timeZoneBias\":100000}", "timeZoneBias"},
        {"[1]", "not a JSON object"},
        {"{\"destination\":", ""},
        {"{\"destination\":\"h:1\",\"security\":[\"nla\"]}", "username"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        wrdp_error err;
        wrdp_wasm_client *c = new_client(bad[i].json, &err);
        CHECK_MSG(c == NULL && err.kind != WRDP_ERROR_NONE && strstr(err.message, bad[i].want), "%s -> %s",
                  bad[i].json, err.message);
        wrdp_wasm_client_free(c);
    }
    /* every documented key is accepted */
    const char *all = "{\"username\":\"u\",\"password\":\"p\",\"domain\":\"d\",\"width\":1280,\"height\":720,"
                      "\"desktopScaleFactor\":100,\"deviceScaleFactor\":100,\"colorDepth\":32,"
                      "\"keyboardLayout\":1033,\"keyboardType\":4,\"keyboardSubtype\":0,\"keyboardFunctionKeys\":12,"
                      "\"clientName\":\"web\",\"clientBuild\":2600,\"timeZoneBias\":-60,\"performanceFlags\":1,"
                      "\"security\":[\"tls\",\"nla\"],\"codecs\":[\"rfx\",\"nsc\"],\"compression\":\"64k\","
                      "\"autologon\":false,\"alternateShell\":\"\",\"workingDir\":\"\","
                      "\"filetimeNow\":\"133000000000000000\",\"destination\":\"h:3389\",\"proxyAuth\":\"t\"}";
    wrdp_error err;
    wrdp_wasm_client *c = new_client(all, &err);
    CHECK_MSG(c != NULL, "%s", err.message);
    /* start: the RDCleanPath request, once; the stages entered so far */
    if (c) {
        size_t n;
        CHECK(wrdp_wasm_client_start(c, &n) != NULL && n > 0);
        CHECK(wrdp_wasm_client_start(c, &n) == NULL); /* only once */
        CHECK_EQ(wrdp_wasm_client_error(c)->kind, WRDP_ERROR_STATE);
        take_events(c, g_events, sizeof g_events);
        CHECK_MSG(!strcmp(g_events, "{\"type\":\"stage\",\"state\":\"ConnectionInitiationSendRequest\"}\n"
                                    "{\"type\":\"stage\",\"state\":\"ConnectionInitiationWaitConfirm\"}\n"),
                  "%s", g_events);
        /* before the session, input is kept but flush sends nothing */
        CHECK_EQ(wrdp_wasm_client_key(c, 0x2A, 0, 1), 1);
        CHECK(wrdp_wasm_client_flush_input(c) == WRDP_OK);
        wrdp_wasm_client_output(c, &n);
        CHECK_EQ(n, 0);
        CHECK(wrdp_wasm_client_image(c) == NULL && wrdp_wasm_client_image_width(c) == 0);
    }
    wrdp_wasm_client_free(c);
}

/* An RDCleanPath error from the gateway, and a close while connecting. */
static void test_gateway_errors(void)
{
    const char *json = "{\"username\":\"u\",\"password\":\"p\",\"destination\":\"h:3389\"}";
    wrdp_error err;
    wrdp_wasm_client *c = new_client(json, &err);
    CHECK(c != NULL);
    if (!c)
        return;
    size_t n;
    wrdp_wasm_client_start(c, &n);
    wrdp_rdcleanpath_pdu e;
    wrdp_rdcleanpath_pdu_init(&e);
    e.has_error = true;
    e.error.error_code = WRDP_RDCLEANPATH_GENERAL_ERROR_CODE;
    e.error.has_http_status_code = true;
    e.error.http_status_code = 403;
    wrdp_writer w;
    wrdp_writer_init(&w, 4096, &err);
    wrdp_rdcleanpath_encode(&e, &w);
    CHECK_EQ(wrdp_wasm_client_frame_len(c, w.data, w.len), w.len);
    CHECK(wrdp_wasm_client_process(c, w.data, w.len, 0) == WRDP_ERR);
    CHECK_EQ(wrdp_wasm_client_error(c)->kind, WRDP_ERROR_RDCLEANPATH);
    take_events(c, g_events, sizeof g_events);
    const char *t = strstr(g_events, "{\"type\":\"terminated\",\"kind\":\"rdcleanpath\"");
    CHECK_MSG(t && strstr(t, "\"httpStatus\":403") && !strchr(strchr(t, '\n') + 1, '{'), "%s", g_events);
    wrdp_writer_free(&w);
    wrdp_wasm_client_free(c);

    /* garbage where the RDCleanPath response should be */
    c = new_client(json, &err);
    wrdp_wasm_client_start(c, &n);
    uint8_t junk[8] = {0x03, 0, 0, 8, 1, 2, 3, 4};
    CHECK_EQ(wrdp_wasm_client_frame_len(c, junk, sizeof junk), -1);
    CHECK(wrdp_wasm_client_error(c)->kind != WRDP_ERROR_NONE);
    /* the gateway closes before answering */
    CHECK(wrdp_wasm_client_peer_closed(c) == WRDP_OK);
    take_events(c, g_events, sizeof g_events);
    CHECK_MSG(strstr(g_events, "\"type\":\"terminated\"") != NULL, "%s", g_events);
    CHECK(!wrdp_wasm_client_is_connected(c));
    wrdp_wasm_client_free(c);
}


/* ---- channels ------------------------------------------------------------------ */

/* What the client sent on its channels (instead of wrdp_session_send_channel). */
typedef struct sent_msg {
    uint16_t id;
    uint8_t data[4096];
    size_t len;
} sent_msg;
static sent_msg g_sent[16];
static size_t g_sent_count;

static int record_channel(wrdp_wasm_client *c, uint16_t id, const uint8_t *msg, size_t len)
{
    (void)c;
    if (g_sent_count < 16 && len <= sizeof g_sent[0].data) {
        g_sent[g_sent_count].id = id;
        memcpy(g_sent[g_sent_count].data, msg, len);
        g_sent[g_sent_count++].len = len;
    }
    return WRDP_OK;
}

static void serve_channel(wrdp_wasm_client *c, uint16_t id, wrdp_writer *m)
{
    g_sent_count = 0;
    output_begin(c);
    route_channel(c, id, m->data, m->len);
    wrdp_writer_reset(m);
}

static uint16_t cliprdr_type(const sent_msg *s) { return (uint16_t)(s->data[0] | s->data[1] << 8); }

/* The processors, plugged in by hand (the recordings joined no channel), fed
 * hand-built server messages as channels_cliprdr_test / channels_disp_test do. */
static void test_channels(void)
{
    /* config keys: booleans only; defaults join cliprdr and drdynvc, audio adds rdpsnd */
    wrdp_error err;
    wrdp_wasm_client *c = new_client("{\"destination\":\"h:1\",\"clipboard\":1}", &err);
    CHECK_MSG(!c && strstr(err.message, "clipboard must be true or false"), "%s", err.message);
    c = new_client("{\"destination\":\"h:1\",\"audio\":\"yes\"}", &err);
    CHECK_MSG(!c && strstr(err.message, "audio must be"), "%s", err.message);
    c = new_client("{\"destination\":\"h:1\",\"displayControl\":null}", &err);
    CHECK_MSG(!c && strstr(err.message, "displayControl must be"), "%s", err.message);
    c = new_client("{\"destination\":\"h:1\",\"username\":\"u\",\"password\":\"p\",\"audio\":true}", &err);
    CHECK_MSG(c && c->want_clipboard && c->want_disp && c->want_audio, "%s", err.message);
    if (c) {
        const wrdp_connector_config *cfg = &c->conn->cfg;
        CHECK(cfg && cfg->channel_count == 3 && !strcmp(cfg->channels[0].name, "cliprdr") &&
              !strcmp(cfg->channels[1].name, "drdynvc") && !strcmp(cfg->channels[2].name, "rdpsnd"));
        /* before the session: no channel to use */
        CHECK_EQ(wrdp_wasm_client_resize(c, 800, 600, 100), WRDP_ERR);
        CHECK_EQ(wrdp_wasm_client_error(c)->kind, WRDP_ERROR_STATE);
        CHECK_EQ(wrdp_wasm_client_clipboard_set_text(c, "x", 1, NULL, 0), WRDP_ERR);
    }
    wrdp_wasm_client_free(c);
    c = new_client("{\"destination\":\"h:1\",\"username\":\"u\",\"password\":\"p\",\"clipboard\":false,\"displayControl\":false}", &err);
    CHECK(c && !c->want_clipboard && !c->want_disp && !c->want_audio);
    if (c)
        CHECK_EQ(c->conn->cfg.channel_count, 0);
    wrdp_wasm_client_free(c);

    c = new_client("{\"destination\":\"h:1\",\"username\":\"u\",\"password\":\"p\",\"audio\":true}", &err);
    if (!c)
        return;
    c->send_channel = record_channel;
    c->cliprdr = wrdp_cliprdr_new(NULL, &err);
    c->cliprdr_id = 1004;
    c->dvc = wrdp_dvc_new(NULL);
    c->disp = wrdp_disp_new();
    CHECK(wrdp_disp_attach(c->disp, c->dvc) == WRDP_OK);
    c->drdynvc_id = 1005;
    c->rdpsnd = wrdp_rdpsnd_new();
    c->rdpsnd_id = 1006;
    wrdp_writer m;
    wrdp_writer_init(&m, 0, &err);

    /* an unknown channel and garbage on a known one: dropped, the client goes on */
    const uint8_t junk[] = {0xFF, 0xFF, 0xFF, 0xFF, 1, 2, 3};
    wrdp_wr_bytes(&m, junk, sizeof junk);
    serve_channel(c, 1010, &m);
    CHECK_EQ(g_sent_count, 0);
    wrdp_wr_bytes(&m, junk, sizeof junk);
    serve_channel(c, 1004, &m);
    wrdp_wr_bytes(&m, junk, sizeof junk);
    serve_channel(c, 1005, &m);
    wrdp_wr_bytes(&m, junk, sizeof junk);
    serve_channel(c, 1006, &m);
    take_events(c, g_events, sizeof g_events);
    CHECK_MSG(!strstr(g_events, "terminated"), "%s", g_events);

    /* local text offered before the channel is up: sent after Monitor Ready */
    CHECK_EQ(wrdp_wasm_client_clipboard_set_text(c, "hi\nthere", 8, "<b>hi</b>", 9), WRDP_OK);
    CHECK_EQ(wrdp_wasm_client_clipboard_request(c, 9), WRDP_ERR);
    /* cliprdr: capabilities, monitor ready -> capabilities + format list */
    wrdp_cliprdr_caps sc = {true, 2, WRDP_CB_USE_LONG_FORMAT_NAMES};
    wrdp_cliprdr_caps_encode(&sc, &m);
    serve_channel(c, 1004, &m);
    wrdp_cliprdr_simple_encode(WRDP_CB_MONITOR_READY, 0, &m);
    serve_channel(c, 1004, &m);
    CHECK_EQ(g_sent_count, 2);
    CHECK(g_sent[0].id == 1004 && cliprdr_type(&g_sent[0]) == WRDP_CB_CLIP_CAPS);
    CHECK(cliprdr_type(&g_sent[1]) == WRDP_CB_FORMAT_LIST);
    static wrdp_cliprdr_format_list fl;
    CHECK(wrdp_cliprdr_format_list_decode(g_sent[1].data, g_sent[1].len, true, &fl, &err) == WRDP_OK);
    CHECK(fl.count >= 3 && fl.formats[0].id == WRDP_CF_UNICODETEXT);
    take_events(c, g_events, sizeof g_events);
    CHECK_MSG(!strcmp(g_events, "{\"type\":\"clipboardReady\"}\n"), "%s", g_events);

    /* the server's clipboard changes: a clipboard event; text asked for and delivered */
    static wrdp_cliprdr_format_list sl;
    sl.count = 2;
    sl.formats[0].id = WRDP_CF_UNICODETEXT;
    sl.formats[1].id = 0xC0A5;
    strcpy(sl.formats[1].name, "HTML Format");
    wrdp_cliprdr_format_list_encode(&sl, true, &m);
    serve_channel(c, 1004, &m);
    CHECK(g_sent_count == 1 && cliprdr_type(&g_sent[0]) == WRDP_CB_FORMAT_LIST_RESPONSE);
    take_events(c, g_events, sizeof g_events);
    CHECK_MSG(!strcmp(g_events, "{\"type\":\"clipboard\",\"formats\":[\"text/plain\",\"text/html\"]}\n"), "%s",
              g_events);
    g_sent_count = 0;
    CHECK_EQ(wrdp_wasm_client_clipboard_request(c, 1), WRDP_OK);
    CHECK(g_sent_count == 1 && cliprdr_type(&g_sent[0]) == WRDP_CB_FORMAT_DATA_REQUEST);
    wrdp_writer t;
    wrdp_writer_init(&t, 0, &err);
    wrdp_clip_utf8_to_unicode("a \"b\"\nc", 7, &t);
    wrdp_cliprdr_format_data_response_encode(true, t.data, t.len, &m);
    serve_channel(c, 1004, &m);
    take_events(c, g_events, sizeof g_events);
    CHECK_MSG(!strcmp(g_events, "{\"type\":\"clipboardData\",\"mime\":\"text/plain\",\"text\":\"a \\\"b\\\"\\nc\"}\n"),
              "%s", g_events);
    wrdp_writer_free(&t);

    /* display control: unsupported until the channel is open with the server's caps */
    CHECK_EQ(wrdp_wasm_client_resize(c, 1280, 720, 100), WRDP_ERR);
    CHECK_EQ(wrdp_wasm_client_error(c)->kind, WRDP_ERROR_UNSUPPORTED);
    const uint8_t caps1[] = {0x50, 0, 1, 0};
    wrdp_wr_bytes(&m, caps1, sizeof caps1);
    serve_channel(c, 1005, &m);
    CHECK(g_sent_count == 1 && g_sent[0].id == 1005 && g_sent[0].data[0] == 0x50);
    uint8_t create[64] = {0x10, 0x05};
    memcpy(create + 2, WRDP_DISP_CHANNEL_NAME, sizeof WRDP_DISP_CHANNEL_NAME);
    wrdp_wr_bytes(&m, create, 2 + sizeof WRDP_DISP_CHANNEL_NAME);
    serve_channel(c, 1005, &m);
    CHECK(g_sent_count == 1 && (g_sent[0].data[0] >> 4) == WRDP_DVC_CMD_CREATE);
    wrdp_disp_caps dc = {1, 8192, 8192};
    const uint8_t data_hdr[] = {0x30, 0x05};
    wrdp_wr_bytes(&m, data_hdr, 2);
    wrdp_disp_caps_encode(&dc, &m);
    serve_channel(c, 1005, &m);
    take_events(c, g_events, sizeof g_events);
    CHECK_MSG(!strcmp(g_events, "{\"type\":\"displayControl\",\"available\":true}\n"), "%s", g_events);
    g_sent_count = 0;
    CHECK_EQ(wrdp_wasm_client_resize(c, 1281, 100, 100), WRDP_OK);
    CHECK(g_sent_count == 1 && g_sent[0].id == 1005 && (g_sent[0].data[0] >> 4) == WRDP_DVC_CMD_DATA);
    wrdp_disp_monitor mon[2];
    size_t nmon = 0;
    CHECK(wrdp_disp_layout_decode(g_sent[0].data + 2, g_sent[0].len - 2, mon, 2, &nmon, &err) == WRDP_OK);
    CHECK(nmon == 1 && mon[0].width == 1280 && mon[0].height == 200); /* even width, at least 200 */

    /* rdpsnd: formats -> client formats; a Wave2 block -> an audio event + Wave Confirm */
    static wrdp_rdpsnd_formats sf;
    memset(&sf, 0, sizeof sf);
    sf.version = 8;
    sf.count = 1;
    sf.formats[0] = (wrdp_audio_format){WRDP_WAVE_FORMAT_PCM, 2, 44100, 44100 * 4, 4, 16, 0, NULL};
    wrdp_rdpsnd_encode_formats(&m, &sf);
    serve_channel(c, 1006, &m);
    CHECK(g_sent_count >= 1 && g_sent[0].id == 1006 && g_sent[0].data[0] == WRDP_RDPSND_FORMATS);
    int16_t pcm[8] = {1, -1, 2, -2, 3, -3, 4, -4};
    wrdp_rdpsnd_wave2 w2 = {7, 0, 3, {0}, 0, {(const uint8_t *)pcm, sizeof pcm}};
    wrdp_rdpsnd_encode_wave2(&m, &w2);
    serve_channel(c, 1006, &m);
    CHECK(g_sent_count == 1 && g_sent[0].data[0] == WRDP_RDPSND_WAVECONFIRM);
    size_t n;
    const char *ev = wrdp_wasm_client_next_event(c, &n);
    unsigned long addr = 0;
    CHECK_MSG(ev && sscanf(ev, "{\"type\":\"audio\",\"rate\":44100,\"channels\":2,\"frames\":4,\"data\":%lu}", &addr) == 1,
              "%s", ev ? ev : "(none)");
    CHECK(addr && !memcmp((const void *)(uintptr_t)addr, pcm, sizeof pcm));
    take_events(c, g_events, sizeof g_events);

    wrdp_writer_free(&m);
    wrdp_wasm_client_free(c);
}

int main(void)
{
    test_config();
    test_channels();
    test_gateway_errors();
    test_recordings();
    return test_finish("wasm_client");
}
