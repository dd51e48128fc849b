/* Drives the connector through whole connections recorded against real servers
 * (tests/vectors/webrdp/recordings/, made by tests/e2e/record_recordings.sh):
 * FreeRDP's shadow server with NLA, TLS and standard RDP security, and xrdp
 * with TLS and standard RDP security (RC4 and the full licensing exchange).
 *
 * The connector gets the recorded server frames, certificate, random bytes,
 * FILETIME and clock readings, in the loop `webrdp connect` runs; every byte it
 * sends must equal what was sent to the real server, and it must reach the
 * active session with the protocol the server chose. When the connector changes
 * what it sends on purpose, the recordings are regenerated with that script
 * (the servers answered what the old bytes asked). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test.h"
#include "webrdp/connector.h"
#include "webrdp/pdu/x224.h"

#define DIR "vectors/webrdp/recordings/"
#define MAX_RECORDS 512

typedef struct rec_line {
    char tag[12];
    uint8_t *data; /* hex lines */
    size_t len;
    char *text;    /* the rest of the line, for text lines */
} rec_line;

typedef struct recording {
    rec_line lines[MAX_RECORDS];
    size_t count;
    char meta[512];
} recording;

static bool load(const char *path, recording *r)
{
    size_t len;
    char *raw = (char *)test_read_file(path, &len);
    char *text = malloc(len + 1);
    memcpy(text, raw, len);
    text[len] = 0;
    free(raw);
    memset(r, 0, sizeof *r);
    bool ok = strncmp(text, "webrdp-recording 1\n", 19) == 0;
    for (char *line = strtok(text, "\n"); line && ok; line = strtok(NULL, "\n")) {
        char *sp = strchr(line, ' ');
        if (!sp)
            continue;
        *sp = 0;
        const char *arg = sp + 1;
        if (!strcmp(line, "meta")) {
            snprintf(r->meta, sizeof r->meta, " %s", arg);
            continue;
        }
        if (r->count == MAX_RECORDS)
            return false;
        rec_line *l = &r->lines[r->count++];
        snprintf(l->tag, sizeof l->tag, "%s", line);
        if (!strcmp(line, "send") || !strcmp(line, "recv") || !strcmp(line, "random") || !strcmp(line, "cert")) {
            size_t n = strlen(arg) / 2;
            l->data = malloc(n ? n : 1);
            l->len = test_hex(arg, l->data, n);
        } else {
            size_t n = strlen(arg);
            l->text = malloc(n + 1);
            memcpy(l->text, arg, n + 1);
        }
    }
    free(text);
    return ok && r->count > 0;
}

static void unload(recording *r)
{
    for (size_t i = 0; i < r->count; i++) {
        free(r->lines[i].data);
        free(r->lines[i].text);
    }
}

static void meta_value(const recording *r, const char *key, char *out, size_t cap)
{
    char pat[32];
    snprintf(pat, sizeof pat, " %s=", key);
    const char *p = strstr(r->meta, pat);
    out[0] = 0;
    if (!p)
        return;
    p += strlen(pat);
    size_t n = strcspn(p, " ");
    if (n >= cap)
        n = cap - 1;
    memcpy(out, p, n);
    out[n] = 0;
}

/* The environment the connector saw: the recorded draws and readings, in order. */
typedef struct replay_env {
    recording *r;
    size_t next_random, next_clock;
    bool random_mismatch;
} replay_env;

static int env_random(void *ctx, uint8_t *out, size_t len)
{
    replay_env *e = ctx;
    while (e->next_random < e->r->count && strcmp(e->r->lines[e->next_random].tag, "random") != 0)
        e->next_random++;
    if (e->next_random == e->r->count || e->r->lines[e->next_random].len != len) {
        e->random_mismatch = true;
        memset(out, 0x5a, len);
        return 0;
    }
    memcpy(out, e->r->lines[e->next_random++].data, len);
    return 0;
}

static uint32_t env_clock(void *ctx)
{
    replay_env *e = ctx;
    while (e->next_clock < e->r->count && strcmp(e->r->lines[e->next_clock].tag, "clock") != 0)
        e->next_clock++;
    if (e->next_clock == e->r->count)
        return 0;
    return (uint32_t)strtoul(e->r->lines[e->next_clock++].text, NULL, 10);
}

/* Next line with this tag at or after *i (advances *i past it); NULL when none. */
static const rec_line *next_tag(const recording *r, size_t *i, const char *tag)
{
    for (; *i < r->count; (*i)++)
        if (!strcmp(r->lines[*i].tag, tag))
            return &r->lines[(*i)++];
    return NULL;
}

static void replay_one(const char *file, const char *password, uint32_t want_protocol)
{
    char path[256];
    snprintf(path, sizeof path, DIR "%s", file);
    recording *r = calloc(1, sizeof *r);
    CHECK_MSG(load(path, r), "%s does not load", file);

    char user[64], domain[64], security[16], workstation[32], width[8], height[8];
    meta_value(r, "user", user, sizeof user);
    meta_value(r, "domain", domain, sizeof domain);
    meta_value(r, "security", security, sizeof security);
    meta_value(r, "workstation", workstation, sizeof workstation);
    meta_value(r, "width", width, sizeof width);
    meta_value(r, "height", height, sizeof height);

    replay_env env = {.r = r};
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    cfg.username = user;
    cfg.password = password;
    cfg.domain = domain[0] ? domain : NULL;
    cfg.client_name = workstation[0] ? workstation : NULL;
    cfg.desktop_width = (uint16_t)atoi(width);
    cfg.desktop_height = (uint16_t)atoi(height);
    if (!strcmp(security, "nla"))
        cfg.security_protocols = WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX;
    else if (!strcmp(security, "tls"))
        cfg.security_protocols = WRDP_SECURITY_TLS;
    else if (!strcmp(security, "rdp"))
        cfg.security_protocols = WRDP_SECURITY_RDP;
    else
        cfg.security_protocols = WRDP_SECURITY_RDP | WRDP_SECURITY_TLS | WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX;
    size_t i_ft = 0;
    const rec_line *ft = next_tag(r, &i_ft, "filetime");
    cfg.filetime_now = ft ? strtoull(ft->text, NULL, 10) : 0;
    cfg.random = env_random;
    cfg.random_ctx = &env;
    cfg.clock = env_clock;
    cfg.clock_ctx = &env;

    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_connector *c = wrdp_connector_new(&cfg, &err);
    CHECK_MSG(c != NULL, "%s: %s", file, err.message);
    if (!c) {
        unload(r);
        free(r);
        return;
    }

    /* The loop of `webrdp connect`, with the recording as the server. */
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    size_t i_recv = 0, i_send = 0, i_cert = 0, sends = 0, same = 0, guard = 0;
    bool failed = false;
    while (!wrdp_connector_is_connected(c) && !failed && guard++ < 1000) {
        wrdp_connector_state st = wrdp_connector_state_of(c);
        if (st == WRDP_CONNECTOR_FAILED) {
            failed = true;
            break;
        }
        if (st == WRDP_CONNECTOR_SECURITY_UPGRADE) {
            const rec_line *cert = next_tag(r, &i_cert, "cert");
            CHECK_MSG(cert != NULL, "%s: TLS without a recorded certificate", file);
            if (!cert || wrdp_connector_security_upgrade_done(c, cert->data, cert->len) != WRDP_OK)
                failed = true;
            continue;
        }
        wrdp_writer_reset(&out);
        if (wrdp_connector_wants_input(c)) {
            const rec_line *frame = next_tag(r, &i_recv, "recv");
            if (!frame) {
                CHECK_MSG(false, "%s: the connector wants more than was recorded (state %s)", file,
                          wrdp_connector_state_name(st));
                failed = true;
                break;
            }
            size_t flen = 0;
            CHECK_MSG(wrdp_connector_next_frame_len(c, frame->data, frame->len, &flen) == 1 && flen == frame->len,
                      "%s: framing of a recorded %zu-byte frame says %zu in state %s", file, frame->len, flen,
                      wrdp_connector_state_name(st));
            failed = wrdp_connector_step(c, frame->data, frame->len, &out) != WRDP_OK;
        } else {
            failed = wrdp_connector_step(c, NULL, 0, &out) != WRDP_OK;
        }
        if (out.len) {
            const rec_line *sent = next_tag(r, &i_send, "send");
            sends++;
            if (sent && sent->len == out.len && !memcmp(sent->data, out.data, out.len))
                same++;
            else
                fprintf(stderr, "%s: send #%zu differs (%zu bytes, recorded %zu) in state %s\n", file, sends, out.len,
                        sent ? sent->len : 0, wrdp_connector_state_name(wrdp_connector_state_of(c)));
        }
    }
    if (failed)
        fprintf(stderr, "%s: connector error: %s\n", file, wrdp_connector_error(c)->message);
    CHECK_MSG(wrdp_connector_is_connected(c), "%s: not connected", file);
    CHECK_MSG(sends > 0 && same == sends, "%s: %zu of %zu sends byte-identical", file, same, sends);
    CHECK_MSG(!env.random_mismatch, "%s: the connector drew other random sizes than recorded", file);
    /* Everything the server sent was consumed; only the tool's own goodbye is left to send. */
    CHECK_MSG(next_tag(r, &i_recv, "recv") == NULL, "%s: recorded frames left unread", file);
    const rec_line *goodbye = next_tag(r, &i_send, "send");
    CHECK_MSG(goodbye && goodbye->len == 9 && goodbye->data[7] == 0x21 && goodbye->data[8] == 0x80,
              "%s: the last send is the MCS Disconnect Provider Ultimatum (rn-user-requested)", file);
    if (wrdp_connector_is_connected(c)) {
        const wrdp_connection_result *res = wrdp_connector_result(c);
        CHECK_EQ(res->selected_protocol, want_protocol);
        CHECK(res->io_channel_id != 0 && res->user_channel_id != 0);
        CHECK(res->server_capability_count > 0);
        CHECK_EQ(res->desktop_width, cfg.desktop_width);
    }
    wrdp_writer_free(&out);
    wrdp_connector_free(c);
    unload(r);
    free(r);
}

int main(void)
{
    replay_one("freerdp-shadow-nla.rec", "Passw0rd!", WRDP_PROTOCOL_HYBRID);
    replay_one("freerdp-shadow-tls.rec", "x", WRDP_PROTOCOL_SSL);
    replay_one("freerdp-shadow-rdp.rec", "x", WRDP_PROTOCOL_RDP);
    replay_one("xrdp-tls.rec", "x", WRDP_PROTOCOL_SSL);
    replay_one("xrdp-rdp.rec", "x", WRDP_PROTOCOL_RDP);
    return test_finish("connector_recording");
}
