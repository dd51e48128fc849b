/* webrdp connect — runs the sans-IO connector against a real server over the
 * native transport (examples/native_transport.c): prints each state as it is
 * entered, shows and checks the server certificate, prints the connection
 * result, then disconnects politely. Exit 0 on an active session; otherwise
 * one line "error: <kind>: <message>" on stderr and a non-zero exit. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/crypto.h"
#include "native_record.h"
#include "native_transport.h"
#include "tool/tool.h"
#include "webrdp/connector.h"
#include "webrdp/pdu/caps.h"
#include "webrdp/pdu/mcs.h"
#include "webrdp/pdu/x224.h"

/* Exit statuses: 1 the connection failed, 2 bad usage, 3 certificate refused. */
#define EXIT_FAILED 1
#define EXIT_USAGE 2
#define EXIT_CERT 3

/* The largest frame accepted from the wire; the connector's own caps apply inside. */
#define FRAME_MAX ((size_t)1 << 20)

typedef struct connect_args {
    const char *host;
    unsigned port;
    const char *user;
    const char *password;
    const char *domain;
    const char *security;
    unsigned width, height;
    unsigned timeout_s;
    const char *cert_fingerprint;
    const char *ca_file;
    const char *cert_name;
    bool cert_ignore;
    const char *record;
    const char *codecs;   /* bitmap codecs to advertise: rfx, nsc, or none */
    const char *channels; /* static channels to join, comma-separated */
    unsigned stay_s;      /* connect: keep the session running this long */
    const char *clip_set; /* connect: offer this text on the clipboard */
    bool clip_get;        /* connect: print the server's clipboard text */
    const char *out;      /* screenshot: the PNG to write */
    unsigned settle_ms;   /* screenshot: quiet time that means the screen is drawn */
} connect_args;

static void connect_usage(FILE *f)
{
    fprintf(f,
            "usage: webrdp connect --host H [--port P] --user U --password W [--domain D]\n"
            "                      [--security nla|tls|rdp|any] [--width W --height H] [--timeout S]\n"
            "                      [--cert-fingerprint SHA256HEX | --ca-file FILE [--cert-name NAME] | --cert-ignore]\n"
            "                      [--codecs rfx,nsc|none] [--channels NAME,...] [--stay S] [--record FILE]\n"
            "       webrdp screenshot (the same options) --out FILE.png [--settle-ms M]\n"
            "\n"
            "Connects to an RDP server, prints each connector state as it is entered, the server\n"
            "certificate, the negotiated protocol, the joined channels and the server's capabilities,\n"
            "then disconnects. Exit 0 when the session became active; otherwise one line\n"
            "'error: <kind>: <message>' on stderr (exit 1; 3 when the certificate was refused).\n"
            "\n"
            "  --security          protocols offered: nla (CredSSP, with HYBRID_EX), tls, rdp\n"
            "                      (standard RDP security), any (all of them; the default)\n"
            "  --timeout S         the whole connection must finish within S seconds (default 20)\n"
            "  --cert-fingerprint  accept only the certificate with this SHA-256 (hex, ':' allowed)\n"
            "  --ca-file FILE      accept a chain leading to a CA in FILE that names --cert-name\n"
            "                      (default: the host)\n"
            "  --cert-ignore       accept any certificate (it is still shown)\n"
            "  --record FILE       write the connection to FILE (frames both ways, random draws,\n"
            "                      time, certificate, states; format in examples/native_record.h)\n"
            "  --codecs LIST       bitmap codecs to advertise: rfx, nsc, or none (the default:\n"
            "                      the server sends bitmap updates)\n"
            "  --channels LIST     static virtual channels to join (e.g. drdynvc,rdpsnd)\n"
            "  --clipboard-set T   join cliprdr (with auto-logon), offer text T on the clipboard\n"
            "  --clipboard-get     join cliprdr (with auto-logon), print the server's clipboard text\n"
            "  --stay S            keep the session running S seconds after connecting, routing\n"
            "                      drdynvc through the dynamic channel manager, printing channel events\n"
            "\n"
            "screenshot runs the session after the connection until the screen has not changed for\n"
            "--settle-ms (default 1000) or --timeout passes, writes the desktop to --out as PNG,\n"
            "and disconnects.\n");
}

static int fail(const char *kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
static int fail(const char *kind, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "error: %s: ", kind);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    return EXIT_FAILED;
}

static int fail_err(const wrdp_error *e)
{
    return fail(wrdp_error_kind_name(e->kind), "%s", e->message[0] ? e->message : "(no message)");
}

static bool parse_uint(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    char *end;
    errno = 0;
    unsigned long v = strtoul(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi)
        return false;
    *out = (unsigned)v;
    return true;
}

static int parse_args(int argc, char **argv, connect_args *a)
{
    memset(a, 0, sizeof *a);
    a->port = 3389;
    a->security = "any";
    a->width = 1024;
    a->height = 768;
    a->timeout_s = 20;
    a->settle_ms = 1000;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        if (!strcmp(o, "--help") || !strcmp(o, "-h")) {
            connect_usage(stdout);
            exit(0);
        }
        if (!strcmp(o, "--cert-ignore")) {
            a->cert_ignore = true;
            continue;
        }
        if (!strcmp(o, "--clipboard-get")) {
            a->clip_get = true;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "webrdp connect: %s needs a value\n", o);
            return -1;
        }
        const char *v = argv[++i];
        bool ok = true;
        if (!strcmp(o, "--host"))
            a->host = v;
        else if (!strcmp(o, "--port"))
            ok = parse_uint(v, 1, 65535, &a->port);
        else if (!strcmp(o, "--user"))
            a->user = v;
        else if (!strcmp(o, "--password"))
            a->password = v;
        else if (!strcmp(o, "--domain"))
            a->domain = v;
        else if (!strcmp(o, "--security"))
            a->security = v;
        else if (!strcmp(o, "--width"))
            ok = parse_uint(v, 200, 8192, &a->width);
        else if (!strcmp(o, "--height"))
            ok = parse_uint(v, 200, 8192, &a->height);
        else if (!strcmp(o, "--timeout"))
            ok = parse_uint(v, 1, 3600, &a->timeout_s);
        else if (!strcmp(o, "--cert-fingerprint"))
            a->cert_fingerprint = v;
        else if (!strcmp(o, "--ca-file"))
            a->ca_file = v;
        else if (!strcmp(o, "--cert-name"))
            a->cert_name = v;
        else if (!strcmp(o, "--record"))
            a->record = v;
        else if (!strcmp(o, "--out"))
            a->out = v;
        else if (!strcmp(o, "--settle-ms"))
            ok = parse_uint(v, 0, 600000, &a->settle_ms);
        else if (!strcmp(o, "--codecs"))
            a->codecs = v;
        else if (!strcmp(o, "--channels"))
            a->channels = v;
        else if (!strcmp(o, "--clipboard-set"))
            a->clip_set = v;
        else if (!strcmp(o, "--stay"))
            ok = parse_uint(v, 1, 3600, &a->stay_s);
        else {
            fprintf(stderr, "webrdp connect: unknown option %s\n", o);
            return -1;
        }
        if (!ok) {
            fprintf(stderr, "webrdp connect: bad value for %s: %s\n", o, v);
            return -1;
        }
    }
    if (!a->host) {
        fprintf(stderr, "webrdp connect: --host is required\n");
        return -1;
    }
    if ((a->cert_fingerprint != NULL) + (a->ca_file != NULL) + a->cert_ignore > 1) {
        fprintf(stderr, "webrdp connect: use one of --cert-fingerprint, --ca-file, --cert-ignore\n");
        return -1;
    }
    return 0;
}

static bool security_protocols(const char *s, uint32_t *out)
{
    if (!strcmp(s, "nla"))
        *out = WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX;
    else if (!strcmp(s, "tls"))
        *out = WRDP_SECURITY_TLS;
    else if (!strcmp(s, "rdp"))
        *out = WRDP_SECURITY_RDP;
    else if (!strcmp(s, "any"))
        *out = WRDP_SECURITY_RDP | WRDP_SECURITY_TLS | WRDP_SECURITY_NLA | WRDP_SECURITY_NLA_EX;
    else
        return false;
    return true;
}

/* A fingerprint as the user typed it (hex, any case, ':' or ' ' between bytes) to 32 bytes. */
static bool parse_fingerprint(const char *s, uint8_t out[WRDP_SHA256_LEN])
{
    size_t n = 0;
    int hi = -1;
    for (; *s; s++) {
        if (*s == ':' || *s == ' ')
            continue;
        if (!isxdigit((unsigned char)*s))
            return false;
        int v = isdigit((unsigned char)*s) ? *s - '0' : (tolower((unsigned char)*s) - 'a' + 10);
        if (hi < 0) {
            hi = v;
        } else {
            if (n == WRDP_SHA256_LEN)
                return false;
            out[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return n == WRDP_SHA256_LEN && hi < 0;
}

static void hex_string(const uint8_t *p, size_t n, char *out)
{
    static const char hex[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex[p[i] >> 4];
        out[2 * i + 1] = hex[p[i] & 15];
    }
    out[2 * n] = 0;
}

static const char *protocol_name(uint32_t p)
{
    switch (p) {
    case WRDP_PROTOCOL_RDP: return "RDP (standard RDP security)";
    case WRDP_PROTOCOL_SSL: return "SSL (TLS)";
    case WRDP_PROTOCOL_HYBRID: return "HYBRID (TLS + CredSSP)";
    case WRDP_PROTOCOL_HYBRID_EX: return "HYBRID_EX (TLS + CredSSP + early user authorization)";
    case WRDP_PROTOCOL_RDSTLS: return "RDSTLS";
    default: return "unknown";
    }
}

/* ---- the connection --------------------------------------------------------- */

typedef struct tool_link session_io;
struct tool_link {
    const connect_args *args;
    native_transport *t;
    native_record rec;
    int64_t deadline;
    uint8_t *buf; /* bytes received and not yet consumed */
    size_t len, cap;
    wrdp_connector_state last_state;
    bool any_state;
};

/* Prints and records a state once, when it is entered (the connector reports
 * each one through on_state, several in one step when it passes through). */
static void print_state(session_io *s, wrdp_connector_state st)
{
    if (s->any_state && st == s->last_state)
        return;
    s->any_state = true;
    s->last_state = st;
    const char *name = wrdp_connector_state_name(st);
    printf("state: %s\n", name);
    fflush(stdout);
    native_record_text(&s->rec, "state", name);
}

static void on_state(void *ctx, wrdp_connector_state entered)
{
    print_state(ctx, entered);
}

static void note_state(session_io *s, wrdp_connector *c)
{
    print_state(s, wrdp_connector_state_of(c));
}

/* The connector's clock (auto-detect measurements); recorded, so a replay is deterministic. */
static uint32_t clock_ms(void *ctx)
{
    session_io *s = ctx;
    uint32_t now = (uint32_t)native_now_ms();
    if (s && s->rec.f) {
        char text[16];
        snprintf(text, sizeof text, "%u", (unsigned)now);
        native_record_text(&s->rec, "clock", text);
    }
    return now;
}

static int send_bytes(session_io *s, const uint8_t *p, size_t n, wrdp_error *err)
{
    if (n == 0)
        return WRDP_OK;
    native_record_bytes(&s->rec, "send", p, n);
    return native_transport_send(s->t, p, n, s->deadline, err);
}

/* The server ended the connection: the connector knows what that means in its state. */
static int peer_closed(session_io *s, wrdp_connector *c, wrdp_error *err)
{
    (void)s;
    wrdp_connector_peer_closed(c);
    *err = *wrdp_connector_error(c);
    return WRDP_ERR;
}

/* Reads until the connector's framing says a whole frame is buffered; *flen is its length. */
static int read_frame(session_io *s, wrdp_connector *c, size_t *flen, wrdp_error *err)
{
    for (;;) {
        size_t need = 0;
        int r = s->len ? wrdp_connector_next_frame_len(c, s->buf, s->len, &need) : 0;
        if (r < 0) {
            const wrdp_error *ce = wrdp_connector_error(c);
            if (ce && ce->kind != WRDP_ERROR_NONE)
                *err = *ce;
            else
                wrdp_error_set(err, WRDP_ERROR_DECODE, "the server sent a frame header the connector cannot read");
            return WRDP_ERR;
        }
        if (r == 1 && need > FRAME_MAX)
            return wrdp_error_set(err, WRDP_ERROR_LIMIT, "the server announced a %zu-byte frame", need);
        if (r == 1 && need <= s->len) {
            *flen = need;
            return WRDP_OK;
        }
        if (s->cap - s->len < 4096) {
            size_t ncap = s->cap ? s->cap * 2 : 65536;
            if (ncap > FRAME_MAX + 65536)
                return wrdp_error_set(err, WRDP_ERROR_LIMIT, "receive buffer limit reached");
            uint8_t *nb = realloc(s->buf, ncap);
            if (!nb)
                return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
            s->buf = nb;
            s->cap = ncap;
        }
        size_t got = 0;
        if (native_transport_recv(s->t, s->buf + s->len, s->cap - s->len, &got, s->deadline, err) != WRDP_OK)
            return WRDP_ERR;
        if (got == 0)
            return peer_closed(s, c, err);
        s->len += got;
    }
}

static void consume(session_io *s, size_t n)
{
    memmove(s->buf, s->buf + n, s->len - n);
    s->len -= n;
}

/* ---- the link, for what runs after the connection (tool.h) ----------------- */

const uint8_t *tool_link_buffer(tool_link *l, size_t *len)
{
    *len = l->len;
    return l->buf;
}

void tool_link_consume(tool_link *l, size_t n)
{
    native_record_bytes(&l->rec, "recv", l->buf, n); /* one whole frame, as the format says */
    consume(l, n);
}

int tool_link_read(tool_link *l, int64_t deadline, size_t *got, wrdp_error *err)
{
    *got = 0;
    if (l->cap - l->len < 4096) {
        size_t ncap = l->cap ? l->cap * 2 : 65536;
        if (ncap > FRAME_MAX + 65536)
            return wrdp_error_set(err, WRDP_ERROR_LIMIT, "receive buffer limit reached");
        uint8_t *nb = realloc(l->buf, ncap);
        if (!nb)
            return wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
        l->buf = nb;
        l->cap = ncap;
    }
    if (native_transport_recv(l->t, l->buf + l->len, l->cap - l->len, got, deadline, err) != WRDP_OK)
        return WRDP_ERR;
    l->len += *got;
    return WRDP_OK;
}

int tool_link_send(tool_link *l, const uint8_t *p, size_t n, wrdp_error *err)
{
    return send_bytes(l, p, n, err);
}

int64_t tool_link_deadline(const tool_link *l)
{
    return l->deadline;
}

/* Shows the certificate, then applies the user's trust choice. Returns 0 to go on,
 * EXIT_CERT after printing the refusal. */
static int check_certificate(session_io *s)
{
    const connect_args *a = s->args;
    size_t der_len = 0;
    const uint8_t *der = native_transport_peer_cert(s->t, &der_len);
    if (!der) {
        fail("certificate", "the server presented no certificate");
        return EXIT_CERT;
    }
    native_record_bytes(&s->rec, "cert", der, der_len);
    wrdp_x509_info info;
    wrdp_error e;
    wrdp_error_clear(&e);
    if (wrdp_x509_describe(der, der_len, &info, &e) != WRDP_OK) {
        fail("certificate", "the server certificate cannot be read: %s", e.message);
        return EXIT_CERT;
    }
    char fp[2 * WRDP_SHA256_LEN + 1];
    hex_string(info.sha256, WRDP_SHA256_LEN, fp);
    printf("certificate: subject \"%s\"\n", info.subject);
    printf("certificate: issuer \"%s\", valid %s to %s\n", info.issuer, info.not_before, info.not_after);
    printf("certificate: sha256 %s\n", fp);

    if (a->cert_ignore) {
        printf("certificate: not verified (--cert-ignore)\n");
    } else if (a->cert_fingerprint) {
        uint8_t want[WRDP_SHA256_LEN];
        if (!parse_fingerprint(a->cert_fingerprint, want)) {
            fail("invalid-argument", "--cert-fingerprint must be 64 hex digits (a SHA-256)");
            return EXIT_USAGE;
        }
        if (!wrdp_ct_equal(want, info.sha256, WRDP_SHA256_LEN)) {
            fail("certificate", "the server certificate's SHA-256 %s is not the pinned fingerprint", fp);
            return EXIT_CERT;
        }
        printf("certificate: trusted (pinned SHA-256 fingerprint)\n");
    } else if (a->ca_file) {
        char why[512];
        if (native_transport_verify(s->t, why, sizeof why) != 0) {
            fail("certificate", "the server certificate does not verify against %s: %s", a->ca_file, why);
            return EXIT_CERT;
        }
        printf("certificate: trusted (chain to %s, name \"%s\")\n", a->ca_file, a->cert_name ? a->cert_name : a->host);
    } else {
        fail("certificate",
             "the server certificate (sha256 %s) is not verified: pass --cert-fingerprint, --ca-file or --cert-ignore",
             fp);
        return EXIT_CERT;
    }
    fflush(stdout);
    return 0;
}

/* MCS Disconnect Provider Ultimatum (rn-user-requested): how a client says goodbye. */
static void say_goodbye(session_io *s)
{
    wrdp_error e;
    wrdp_error_clear(&e);
    wrdp_writer w;
    wrdp_writer_init(&w, 64, &e);
    wrdp_mcs_frame f;
    memset(&f, 0, sizeof f);
    f.type = WRDP_MCS_FRAME_DOMAIN_PDU;
    f.domainPdu.type = WRDP_MCS_DISCONNECT_PROVIDER_ULTIMATUM;
    f.domainPdu.u.disconnectProviderUltimatum.reason = WRDP_MCS_RN_USER_REQUESTED;
    if (wrdp_mcs_frame_encode(&f, &w) == WRDP_OK) {
        int64_t short_deadline = native_now_ms() + 2000;
        if (s->deadline > short_deadline)
            s->deadline = short_deadline;
        send_bytes(s, w.data, w.len, &e);
    }
    wrdp_writer_free(&w);
    native_transport_close(s->t);
}

static void print_capabilities(const wrdp_connection_result *r)
{
    printf("capabilities: %u sets\n", (unsigned)r->server_capability_count);
    wrdp_caps_set *set = malloc(sizeof *set);
    if (!set)
        return;
    wrdp_error e;
    wrdp_error_clear(&e);
    wrdp_cursor cur;
    wrdp_cursor_init(&cur, r->server_capabilities.data, r->server_capabilities.len, "server capabilities", &e);
    for (unsigned i = 0; i < r->server_capability_count; i++) {
        if (wrdp_caps_set_decode(&cur, set) != WRDP_OK) {
            printf("capability: (undecodable: %s)\n", e.message);
            break;
        }
        const char *name = wrdp_caps_type_name(set->capabilitySetType);
        printf("capability: %s", name ? name : "unknown");
        switch (set->capabilitySetType) {
        case WRDP_CAPSTYPE_GENERAL:
            printf(" protocolVersion=0x%04x extraFlags=0x%04x", set->u.general.protocolVersion,
                   set->u.general.extraFlags);
            break;
        case WRDP_CAPSTYPE_BITMAP:
            printf(" %ux%u, %u bpp, resize=%u", set->u.bitmap.desktopWidth, set->u.bitmap.desktopHeight,
                   set->u.bitmap.preferredBitsPerPixel, set->u.bitmap.desktopResizeFlag);
            break;
        case WRDP_CAPSTYPE_INPUT:
            printf(" inputFlags=0x%04x", set->u.input.inputFlags);
            break;
        case WRDP_CAPSTYPE_VIRTUALCHANNEL:
            printf(" flags=0x%08x", (unsigned)set->u.virtualchannel.flags);
            if (set->u.virtualchannel.VCChunkSizePresent)
                printf(" chunk=%u", (unsigned)set->u.virtualchannel.VCChunkSize);
            break;
        case WRDP_CAPSETTYPE_MULTIFRAGMENTUPDATE:
            printf(" maxRequestSize=%u", (unsigned)set->u.multifragmentupdate.MaxRequestSize);
            break;
        case WRDP_CAPSETTYPE_SURFACE_COMMANDS:
            printf(" cmdFlags=0x%08x", (unsigned)set->u.surface_commands.cmdFlags);
            break;
        case WRDP_CAPSETTYPE_LARGE_POINTER:
            printf(" flags=0x%04x", set->u.large_pointer.largePointerSupportFlags);
            break;
        case WRDP_CAPSETTYPE_BITMAP_CODECS:
            printf(" %u codecs", set->u.bitmap_codecs.bitmapCodecCount);
            break;
        default:
            break;
        }
        printf("\n");
    }
    free(set);
}

static void print_result(const wrdp_connection_result *r)
{
    printf("connected\n");
    printf("protocol: %s\n", protocol_name(r->selected_protocol));
    printf("desktop: %ux%u\n", r->desktop_width, r->desktop_height);
    if (r->encryption)
        printf("encryption: standard RDP security, method 0x%08x\n", (unsigned)r->encryption_method);
    else if (r->selected_protocol == WRDP_PROTOCOL_RDP)
        printf("encryption: none (the server chose encryption level none)\n");
    printf("server: rdp version 0x%08x, early capability flags 0x%08x, share id 0x%08x\n",
           (unsigned)r->server_rdp_version, (unsigned)r->server_early_capability_flags, (unsigned)r->share_id);
    printf("channels: io=%u user=%u", r->io_channel_id, r->user_channel_id);
    if (r->message_channel_id)
        printf(" message=%u", r->message_channel_id);
    for (size_t i = 0; i < r->channel_count; i++)
        printf(" %s=%u", r->channels[i].name, r->channels[i].id);
    printf("\n");
    print_capabilities(r);
    fflush(stdout);
}

static int run(session_io *s, wrdp_connector **cp, const native_tls_options *tls)
{
    wrdp_connector *c = *cp;
    wrdp_error e;
    wrdp_error_clear(&e);
    wrdp_writer out;
    wrdp_writer_init(&out, WRDP_WRITER_DEFAULT_LIMIT, &e);
    int rc = EXIT_FAILED;
    unsigned idle_steps = 0; /* steps without input that changed nothing: a connector bug */

    note_state(s, c);
    while (!wrdp_connector_is_connected(c)) {
        wrdp_connector_state st = wrdp_connector_state_of(c);
        if (st == WRDP_CONNECTOR_FAILED)
            goto connector_failed;
        if (st == WRDP_CONNECTOR_SECURITY_UPGRADE) {
            if (native_transport_start_tls(s->t, tls, s->deadline, &e) != WRDP_OK)
                goto io_failed;
            char tl[160];
            snprintf(tl, sizeof tl, "%s %s", native_transport_tls_version(s->t), native_transport_tls_cipher(s->t));
            printf("tls: %s\n", tl);
            native_record_text(&s->rec, "tls", tl);
            int cr = check_certificate(s);
            if (cr) {
                native_record_text(&s->rec, "end", "certificate");
                native_transport_close(s->t);
                rc = cr;
                goto done;
            }
            size_t der_len;
            const uint8_t *der = native_transport_peer_cert(s->t, &der_len);
            if (wrdp_connector_security_upgrade_done(c, der, der_len) != WRDP_OK)
                goto connector_failed;
            note_state(s, c);
            continue;
        }
        wrdp_writer_reset(&out);
        size_t flen = 0;
        if (wrdp_connector_wants_input(c)) {
            if (read_frame(s, c, &flen, &e) != WRDP_OK)
                goto io_failed;
            native_record_bytes(&s->rec, "recv", s->buf, flen);
            if (wrdp_connector_step(c, s->buf, flen, &out) != WRDP_OK)
                goto connector_failed;
            consume(s, flen);
            idle_steps = 0;
        } else {
            if (wrdp_connector_step(c, NULL, 0, &out) != WRDP_OK)
                goto connector_failed;
            if (out.len == 0 && wrdp_connector_state_of(c) == st && ++idle_steps > 16) {
                wrdp_error_set(&e, WRDP_ERROR_INTERNAL, "the connector makes no progress in state %s",
                               wrdp_connector_state_name(st));
                goto io_failed;
            }
        }
        if (send_bytes(s, out.data, out.len, &e) != WRDP_OK)
            goto io_failed;
        note_state(s, c);
    }
    print_result(wrdp_connector_result(c));
    if (s->args->clip_set || s->args->clip_get) {
        *cp = NULL; /* the session takes the connector */
        rc = tool_clipboard_run(s, c, s->args->clip_set, s->args->clip_get, s->args->stay_s ? s->args->stay_s : 5, &e);
        native_transport_close(s->t);
        native_record_text(&s->rec, "end", rc == WRDP_OK ? "ok" : e.message);
        rc = rc == WRDP_OK ? 0 : fail_err(&e);
        goto done;
    }
    if (s->args->stay_s && !s->args->out) {
        *cp = NULL; /* the session takes the connector */
        rc = tool_channels_run(s, c, s->args->stay_s, &e);
        native_transport_close(s->t);
        native_record_text(&s->rec, "end", rc == WRDP_OK ? "ok" : e.message);
        rc = rc == WRDP_OK ? 0 : fail_err(&e);
        goto done;
    }
    if (s->args->out) {
        *cp = NULL; /* the session takes the connector */
        rc = tool_screenshot_capture(s, c, s->args->out, s->args->settle_ms, &e);
        native_transport_close(s->t);
        if (rc != WRDP_OK) {
            native_record_text(&s->rec, "end", e.message);
            rc = fail_err(&e);
        } else {
            native_record_text(&s->rec, "end", "ok");
        }
        goto done;
    }
    bool tls_up = strcmp(native_transport_tls_version(s->t), "none") != 0;
    say_goodbye(s);
    printf("disconnected: user requested (MCS Disconnect Provider Ultimatum%s)\n", tls_up ? ", TLS close_notify" : "");
    native_record_text(&s->rec, "end", "ok");
    rc = 0;
    goto done;

connector_failed: {
    const wrdp_error *ce = wrdp_connector_error(c);
    if (ce && ce->kind != WRDP_ERROR_NONE)
        e = *ce;
    else
        wrdp_error_set(&e, WRDP_ERROR_INTERNAL, "the connector failed without saying why");
}
io_failed:
    note_state(s, c);
    {
        char line[WRDP_ERROR_MESSAGE_MAX + 32];
        snprintf(line, sizeof line, "%s %s", wrdp_error_kind_name(e.kind), e.message);
        native_record_text(&s->rec, "end", line);
    }
    native_transport_close(s->t);
    rc = fail_err(&e);
done:
    wrdp_writer_free(&out);
    return rc;
}

static bool parse_codecs(const char *list, uint32_t *out)
{
    *out = 0;
    if (!list || !strcmp(list, "none"))
        return true;
    char buf[64];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *tok = strtok(buf, ","); tok; tok = strtok(NULL, ",")) {
        if (!strcmp(tok, "rfx"))
            *out |= WRDP_CODEC_REMOTEFX;
        else if (!strcmp(tok, "nsc"))
            *out |= WRDP_CODEC_NSCODEC;
        else
            return false;
    }
    return true;
}

static int connect_main(int argc, char **argv, bool screenshot)
{
    connect_args a;
    if (parse_args(argc, argv, &a) != 0) {
        connect_usage(stderr);
        return EXIT_USAGE;
    }
    if (screenshot != (a.out != NULL)) {
        fprintf(stderr, screenshot ? "webrdp screenshot: --out FILE.png is required\n"
                                   : "webrdp connect: --out belongs to webrdp screenshot\n");
        return EXIT_USAGE;
    }
    uint32_t codecs;
    if (!parse_codecs(a.codecs, &codecs)) {
        fprintf(stderr, "webrdp: --codecs takes rfx, nsc (comma-separated) or none\n");
        return EXIT_USAGE;
    }
    wrdp_connector_config cfg;
    wrdp_connector_config_init(&cfg);
    if (!security_protocols(a.security, &cfg.security_protocols)) {
        fprintf(stderr, "webrdp connect: --security must be nla, tls, rdp or any\n");
        return EXIT_USAGE;
    }
    if (a.cert_fingerprint) {
        uint8_t tmp[WRDP_SHA256_LEN];
        if (!parse_fingerprint(a.cert_fingerprint, tmp)) {
            fprintf(stderr, "webrdp connect: --cert-fingerprint must be 64 hex digits (a SHA-256)\n");
            return EXIT_USAGE;
        }
    }
    cfg.username = a.user ? a.user : "";
    cfg.password = a.password ? a.password : "";
    cfg.domain = a.domain;
    cfg.client_name = "webrdp"; /* explicit, so that a recording's meta line says what was sent */
    cfg.desktop_width = (uint16_t)a.width;
    cfg.desktop_height = (uint16_t)a.height;
    cfg.bitmap_codecs = codecs;
    if (a.clip_set || a.clip_get) {
        /* the clipboard needs a logged-on session: log on with the given password */
        snprintf(cfg.channels[cfg.channel_count].name, sizeof cfg.channels[0].name, "cliprdr");
        cfg.channels[cfg.channel_count++].options = 0x80000000u; /* CHANNEL_OPTION_INITIALIZED */
        cfg.autologon = true;
    }
    if (a.channels) {
        char list[256];
        snprintf(list, sizeof list, "%s", a.channels);
        for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
            if (strlen(tok) > 7 || cfg.channel_count >= WRDP_CONNECTOR_MAX_CHANNELS) {
                fprintf(stderr, "webrdp: --channels takes up to 31 names of at most 7 characters\n");
                return EXIT_USAGE;
            }
            snprintf(cfg.channels[cfg.channel_count].name, sizeof cfg.channels[0].name, "%s", tok);
            cfg.channels[cfg.channel_count].options = 0x80000000u; /* CHANNEL_OPTION_INITIALIZED */
            cfg.channel_count++;
        }
    }
    cfg.filetime_now = native_filetime_now();
    cfg.clock = clock_ms;

    session_io s;
    memset(&s, 0, sizeof s);
    cfg.on_state = on_state;
    cfg.on_state_ctx = &s;
    cfg.clock_ctx = &s;
    s.args = &a;
    s.deadline = native_now_ms() + (int64_t)a.timeout_s * 1000;
    native_record_random rr = {.rec = &s.rec, .inner = native_random, .inner_ctx = NULL};
    cfg.random = native_random;
    if (a.record) {
        if (native_record_open(&s.rec, a.record) != 0)
            return fail("io", "cannot write %s: %s", a.record, strerror(errno));
        char meta[512];
        /* what a replay needs to configure CredSSP as the connector did (never the password) */
        snprintf(meta, sizeof meta, "host=%s port=%u security=%s user=%s domain=%s workstation=%s width=%u height=%u",
                 a.host, a.port, a.security, cfg.username, a.domain ? a.domain : "",
                 cfg.client_name ? cfg.client_name : "", a.width, a.height);
        native_record_text(&s.rec, "meta", meta);
        char ft[32];
        snprintf(ft, sizeof ft, "%llu", (unsigned long long)cfg.filetime_now);
        native_record_text(&s.rec, "filetime", ft);
        cfg.random = native_record_random_fn;
        cfg.random_ctx = &rr;
    }

    wrdp_error e;
    wrdp_error_clear(&e);
    wrdp_connector *c = wrdp_connector_new(&cfg, &e);
    if (!c) {
        native_record_close(&s.rec);
        return fail_err(&e);
    }
    s.t = native_transport_connect(a.host, (uint16_t)a.port, s.deadline, &e);
    int rc;
    if (!s.t) {
        rc = fail_err(&e);
    } else {
        native_tls_options tls = {.mode = a.ca_file ? NATIVE_CERT_CA_FILE : NATIVE_CERT_NONE,
                                  .ca_file = a.ca_file,
                                  .expected_name = a.cert_name ? a.cert_name : a.host};
        rc = run(&s, &c, &tls);
    }
    native_transport_free(s.t);
    wrdp_connector_free(c);
    native_record_close(&s.rec);
    free(s.buf);
    return rc;
}

int tool_connect(int argc, char **argv)
{
    return connect_main(argc, argv, false);
}

int tool_screenshot(int argc, char **argv)
{
    return connect_main(argc, argv, true);
}
