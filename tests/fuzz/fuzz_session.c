/* The active session fed fuzzed frames. A connector is driven to the connected
 * state with a real recording (FreeRDP shadow over TLS, or xrdp with Standard RDP
 * Security and RC4, chosen by the first byte), the session takes it over, and the
 * rest of the input is frames: [u16 length][bytes]. The second byte turns on bulk
 * decompression (MPPC 8K/64K, NCRUSH, XCRUSH), a joined static channel and frame
 * acknowledgements. No crash, no leak, and the image (an exact-size heap block)
 * is never written out of bounds (ASan). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "webrdp/session.h"
#include "session/session_internal.h"

#define MAX_FRAMES 64

typedef struct rec_file {
    uint8_t *frames[MAX_FRAMES];
    size_t lens[MAX_FRAMES];
    size_t count;
    uint8_t *randoms[16];
    size_t random_lens[16];
    size_t random_count;
    uint8_t *cert;
    size_t cert_len;
    unsigned long long filetime;
} rec_file;

static rec_file g_recs[2];
static size_t g_next_random;
static const rec_file *g_cur;

static uint8_t *hex(const char *s, size_t *len)
{
    size_t n = strlen(s) / 2;
    uint8_t *b = malloc(n ? n : 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(s + 2 * i, "%2x", &v);
        b[i] = (uint8_t)v;
    }
    *len = n;
    return b;
}

static void load(const char *name, rec_file *r)
{
    char path[1024];
    const char *src = __FILE__; /* .../tests/fuzz/fuzz_session.c */
    const char *cut = strstr(src, "fuzz/fuzz_session.c");
    snprintf(path, sizeof path, "%.*svectors/webrdp/recordings/%s", cut ? (int)(cut - src) : 0, src, name);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "fuzz_session: cannot open %s\n", path);
        abort();
    }
    static char line[1 << 20];
    while (fgets(line, sizeof line, f)) {
        line[strcspn(line, "\n")] = 0;
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        *sp++ = 0;
        if (!strcmp(line, "recv") && r->count < MAX_FRAMES) {
            r->frames[r->count] = hex(sp, &r->lens[r->count]);
            r->count++;
        } else if (!strcmp(line, "random") && r->random_count < 16) {
            r->randoms[r->random_count] = hex(sp, &r->random_lens[r->random_count]);
            r->random_count++;
        } else if (!strcmp(line, "cert") && !r->cert) {
            r->cert = hex(sp, &r->cert_len);
        } else if (!strcmp(line, "filetime")) {
            r->filetime = strtoull(sp, NULL, 10);
        }
    }
    fclose(f);
}

static int env_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    if (g_next_random < g_cur->random_count && g_cur->random_lens[g_next_random] == len)
        memcpy(out, g_cur->randoms[g_next_random++], len);
    else
        memset(out, 0x5a, len);
    return 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    load("freerdp-shadow-tls.rec", &g_recs[0]);
    load("xrdp-rdp.rec", &g_recs[1]);
    return 0;
}

static wrdp_connector *connect(int which)
{
    g_cur = &g_recs[which];
    g_next_random = 0;
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    cfg.username = "test";
    cfg.password = "x";
    cfg.client_name = "webrdp";
    cfg.security_protocols = which ? WRDP_SECURITY_RDP : WRDP_SECURITY_TLS;
    cfg.filetime_now = g_cur->filetime;
    cfg.random = env_random;
    wrdp_error err;
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    size_t next = 0;
    for (int guard = 0; c && guard < 200 && !wrdp_connector_is_connected(c); guard++) {
        wrdp_connector_state st = wrdp_connector_state_of(c);
        wrdp_writer_reset(&out);
        int r;
        if (st == WRDP_CONNECTOR_FAILED)
            break;
        if (st == WRDP_CONNECTOR_SECURITY_UPGRADE)
            r = wrdp_connector_security_upgrade_done(c, g_cur->cert, g_cur->cert_len);
        else if (wrdp_connector_wants_input(c))
            r = next < g_cur->count ? wrdp_connector_step(c, g_cur->frames[next], g_cur->lens[next], &out) : -1,
            next++;
        else
            r = wrdp_connector_step(c, NULL, 0, &out);
        if (r)
            break;
    }
    wrdp_writer_free(&out);
    if (c && !wrdp_connector_is_connected(c)) {
        fprintf(stderr, "fuzz_session: the recording does not connect\n");
        abort();
    }
    return c;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    wrdp_connector *c = connect(data[0] & 1);
    wrdp_session_config cfg;
    wrdp_session_config_init(&cfg);
    cfg.memory_limit = 8 * 1024 * 1024;
    cfg.pointer_style = (data[0] & 2) ? WRDP_POINTER_STYLE_PREMULTIPLIED : WRDP_POINTER_STYLE_CSS;
    wrdp_error err;
    wrdp_session *s = wrdp_session_new(c, &cfg, &err);
    if (!s)
        abort();
    uint8_t opts = data[1];
    if (opts & 0x4) {
        s->compression = opts & 3;
        if (wrdp_sess_bulk_new(s))
            abort();
    }
    if (opts & 0x8)
        s->channels[s->channel_count++].id = 1004;
    if (opts & 0x10)
        s->frame_ack = true;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    size_t pos = 2;
    while (pos + 2 <= size && !wrdp_session_is_terminated(s)) {
        size_t n = (size_t)data[pos] | (size_t)data[pos + 1] << 8;
        pos += 2;
        if (n > size - pos)
            n = size - pos;
        if (n) {
            wrdp_writer_reset(&out);
            size_t fl;
            wrdp_session_next_frame_len(s, data + pos, n, &fl);
            wrdp_session_process(s, data + pos, n, &out);
        }
        pos += n;
        wrdp_session_event ev;
        while (wrdp_session_next_event(s, &ev))
            if (ev.type == WRDP_SESSION_EVENT_CHANNEL_DATA && ev.data.len)
                (void)*(volatile const uint8_t *)&ev.data.data[ev.data.len - 1];
        wrdp_session_take_dirty(s);
    }
    if (!wrdp_session_is_terminated(s)) {
        wrdp_writer_reset(&out);
        wrdp_session_disconnect(s, &out);
    }
    wrdp_writer_free(&out);
    wrdp_session_free(s);
    return 0;
}
