/* Replays a CredSSP exchange recorded against FreeRDP's shadow server
 * (`webrdp connect --record`, format in examples/native_record.h) through
 * wrdp_credssp with the client's recorded random bytes and time, and checks
 * that the client produces byte-identical messages: the NTLM NEGOTIATE, the
 * AUTHENTICATE with its NTProofStr, MIC and encrypted session key, pubKeyAuth
 * over the server's recorded TLS public key, and the sealed TSCredentials. The
 * server's replies are the recorded ones, so its pubKeyAuth must verify too.
 *
 * The recording never holds the password: it is the peer script's default
 * (tests/peers/start-freerdp-shadow.sh, user test / Passw0rd!). A replay with
 * another password must diverge, which shows the comparison has teeth. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "test.h"
#include "webrdp/credssp.h"

#define RECORDING "vectors/webrdp/recordings/freerdp-shadow-nla.rec"
#define PEER_PASSWORD "Passw0rd!"
#define MAX_RECORDS 64

typedef struct record {
    char tag[16];
    uint8_t *data;
    size_t len;
} record;

typedef struct recording {
    char user[64];
    char domain[64];
    char workstation[64];
    char spn[128];
    uint64_t filetime;
    uint8_t *cert;
    size_t cert_len;
    /* the CredSSP phase only: send / recv / random, in order */
    record recs[MAX_RECORDS];
    size_t count;
} recording;

static uint8_t *hex_dup(const char *hex, size_t *len)
{
    size_t n = strlen(hex) / 2;
    uint8_t *buf = malloc(n ? n : 1);
    *len = test_hex(hex, buf, n);
    return buf;
}

/* value of key=... in a meta line (up to the next space) */
static void meta_value(const char *line, const char *key, char *out, size_t cap)
{
    char pat[32];
    snprintf(pat, sizeof pat, " %s=", key);
    const char *p = strstr(line, pat);
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

static bool load(const char *path, recording *r)
{
    size_t len;
    char *text = (char *)test_read_file(path, &len);
    char *copy = malloc(len + 1);
    memcpy(copy, text, len);
    copy[len] = 0;
    free(text);
    memset(r, 0, sizeof *r);
    /* A step's records come in the order recv, (random | state)*, send: the step that
     * leaves CredSSP (its last send is TSCredentials) records the next state before
     * its send, so the phase ends at the first send or recv after that state. */
    bool in_credssp = false, leaving = false, ok = strncmp(copy, "webrdp-recording 1\n", 19) == 0;
    for (char *line = strtok(copy, "\n"); line; line = strtok(NULL, "\n")) {
        char *sp = strchr(line, ' ');
        const char *arg = sp ? sp + 1 : "";
        size_t tl = sp ? (size_t)(sp - line) : strlen(line);
        if (!strncmp(line, "meta", tl)) {
            meta_value(line, "user", r->user, sizeof r->user);
            meta_value(line, "domain", r->domain, sizeof r->domain);
            meta_value(line, "workstation", r->workstation, sizeof r->workstation);
            meta_value(line, "spn", r->spn, sizeof r->spn);
        } else if (!strncmp(line, "filetime", tl)) {
            r->filetime = strtoull(arg, NULL, 10);
        } else if (!strncmp(line, "cert", tl)) {
            r->cert = hex_dup(arg, &r->cert_len);
        } else if (!strncmp(line, "state", tl)) {
            if (!strncmp(arg, "Credssp", 7))
                in_credssp = true;
            else if (in_credssp)
                leaving = true;
        } else if (in_credssp && (!strncmp(line, "send", tl) || !strncmp(line, "recv", tl) ||
                                  !strncmp(line, "random", tl))) {
            bool is_send = !strncmp(line, "send", tl), is_recv = !strncmp(line, "recv", tl);
            if (leaving && is_recv) {
                in_credssp = false;
                continue;
            }
            if (r->count == MAX_RECORDS)
                return false;
            record *rec = &r->recs[r->count++];
            memcpy(rec->tag, line, tl < sizeof rec->tag ? tl : sizeof rec->tag - 1);
            rec->data = hex_dup(arg, &rec->len);
            if (leaving && is_send)
                in_credssp = false;
        }
    }
    free(copy);
    return ok && r->cert && r->count > 0;
}

static void unload(recording *r)
{
    for (size_t i = 0; i < r->count; i++)
        free(r->recs[i].data);
    free(r->cert);
}

/* The random callback: hands out the recorded draws in order; a draw of another
 * size than recorded means the client's behaviour changed. */
typedef struct replay_random {
    recording *r;
    size_t next;
    bool mismatch;
} replay_random;

static int replay_rand(void *ctx, uint8_t *out, size_t len)
{
    replay_random *rr = ctx;
    while (rr->next < rr->r->count && strcmp(rr->r->recs[rr->next].tag, "random") != 0)
        rr->next++;
    if (rr->next == rr->r->count || rr->r->recs[rr->next].len != len) {
        rr->mismatch = true;
        memset(out, 0, len);
        return 0;
    }
    memcpy(out, rr->r->recs[rr->next++].data, len);
    return 0;
}

/* Drives wrdp_credssp through the recorded exchange. Returns a mask with bit i
 * set when the client's i-th message matched the recording byte for byte;
 * *all_sends is how many there are. */
static unsigned replay(recording *r, const char *password, size_t *all_sends, bool *done, bool *rand_ok)
{
    wrdp_x509_key key;
    wrdp_error err;
    wrdp_error_clear(&err);
    CHECK(wrdp_x509_public_key(r->cert, r->cert_len, &key, &err) == WRDP_OK);

    replay_random rr = {.r = r};
    wrdp_credssp_config cfg;
    memset(&cfg, 0, sizeof cfg);
    cfg.username = r->user;
    cfg.password = password;
    cfg.domain = r->domain[0] ? r->domain : NULL;
    cfg.workstation = r->workstation[0] ? r->workstation : NULL;
    cfg.spn = r->spn[0] ? r->spn : NULL;
    cfg.server_public_key = key.subject_public_key.data;
    cfg.server_public_key_len = key.subject_public_key.len;
    cfg.max_version = 6;
    cfg.random = replay_rand;
    cfg.random_ctx = &rr;
    cfg.filetime_now = r->filetime;
    wrdp_credssp *cs = wrdp_credssp_new(&cfg, &err);
    CHECK_MSG(cs != NULL, "%s", err.message);
    if (!cs)
        return 0;

    unsigned matched = 0;
    size_t sends = 0;
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &err);
    bool failed = wrdp_credssp_step(cs, NULL, 0, &out) != WRDP_OK;
    for (size_t i = 0; i < r->count && !failed; i++) {
        const record *rec = &r->recs[i];
        if (!strcmp(rec->tag, "send")) {
            if (out.len == rec->len && memcmp(out.data, rec->data, rec->len) == 0 && sends < 32)
                matched |= 1u << sends;
            sends++;
            wrdp_writer_reset(&out);
        } else if (!strcmp(rec->tag, "recv")) {
            failed = wrdp_credssp_step(cs, rec->data, rec->len, &out) != WRDP_OK;
        }
    }
    /* count the sends left unvisited after a failure */
    for (size_t i = 0; i < r->count; i++)
        if (!strcmp(r->recs[i].tag, "send"))
            (*all_sends)++;
    *done = !failed && wrdp_credssp_is_done(cs);
    *rand_ok = !rr.mismatch;
    if (failed && password == NULL)
        fprintf(stderr, "credssp: %s\n", wrdp_credssp_error(cs)->message);
    wrdp_writer_free(&out);
    wrdp_credssp_free(cs);
    return matched;
}

int main(void)
{
    recording r;
    CHECK(load(RECORDING, &r));
    CHECK(strcmp(r.user, "test") == 0);
    CHECK(r.filetime != 0);

    size_t sends = 0;
    bool done = false, rand_ok = false;
    unsigned matched = replay(&r, PEER_PASSWORD, &sends, &done, &rand_ok);
    CHECK_MSG(sends == 3, "%zu client messages recorded (NEGOTIATE, AUTHENTICATE, credentials)", sends);
    CHECK_MSG(matched == 7u, "byte-identical client messages: mask 0x%x of 0x7", matched);
    CHECK(done);
    CHECK(rand_ok);

    /* With another password the AUTHENTICATE (NTProofStr, MIC, encrypted session key)
     * and the sealed TSCredentials must differ; only NEGOTIATE may match. (The
     * server's pubKeyAuth still verifies: its keys derive from the recorded random
     * session key, not from the password.) */
    sends = 0;
    matched = replay(&r, "not-" PEER_PASSWORD, &sends, &done, &rand_ok);
    CHECK_MSG(matched == 1u, "with a wrong password the matching messages are 0x%x (only NEGOTIATE may)", matched);

    /* A different client challenge (the 8-byte draw) must change AUTHENTICATE, and
     * only it (TSCredentials is sealed with keys from the random session key):
     * the recorded random bytes are what makes the replay deterministic. */
    record *challenge = NULL;
    for (size_t i = 0; i < r.count && !challenge; i++)
        if (!strcmp(r.recs[i].tag, "random") && r.recs[i].len == 8)
            challenge = &r.recs[i];
    CHECK(challenge != NULL);
    if (challenge) {
        challenge->data[0] ^= 1;
        sends = 0;
        matched = replay(&r, PEER_PASSWORD, &sends, &done, &rand_ok);
        CHECK_MSG(matched == 5u, "with another client challenge the matching messages are 0x%x (expected 0x5)",
                  matched);
        challenge->data[0] ^= 1;
    }

    unload(&r);
    return test_finish("credssp_replay");
}
