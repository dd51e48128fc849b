/* `webrdp connect ... --clipboard-set TEXT / --clipboard-get`: the session with
 * the cliprdr static channel routed through the clipboard processor. With
 * --clipboard-set the local clipboard holds TEXT (offered to the server after
 * Monitor Ready; every time the server reads it a line says so); with
 * --clipboard-get every text the server's clipboard announces is fetched and
 * printed as `clipboard: remote text "..."` (JSON-style escapes). The session
 * runs for stay_s seconds, or, with get alone, until the first remote text. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "native_transport.h"
#include "tool/tool.h"
#include "webrdp/clipboard.h"
#include "webrdp/session.h"
#include "webrdp/svc.h"


static void print_quoted(const uint8_t *p, size_t n)
{
    putchar('"');
    for (size_t i = 0; i < n; i++) {
        uint8_t b = p[i];
        if (b == '"' || b == '\\')
            printf("\\%c", b);
        else if (b == '\n')
            printf("\\n");
        else if (b == '\r')
            printf("\\r");
        else if (b < 0x20)
            printf("\\u%04x", b);
        else
            putchar(b);
    }
    putchar('"');
}

/* Sends every PDU the processor wrote, each its own channel message. */
static int send_cliprdr(tool_link *l, wrdp_session *s, uint16_t id, const wrdp_writer *cout, wrdp_writer *out,
                        wrdp_error *err)
{
    size_t pos = 0;
    while (pos < cout->len) {
        size_t n = wrdp_cliprdr_pdu_length(cout->data + pos, cout->len - pos);
        if (!n)
            return wrdp_error_set(err, WRDP_ERROR_INTERNAL, "cliprdr wrote a partial PDU");
        wrdp_writer_reset(out);
        if (wrdp_session_send_channel(s, id, cout->data + pos, n, out) != WRDP_OK) {
            *err = *wrdp_session_error(s);
            return WRDP_ERR;
        }
        if (tool_link_send(l, out->data, out->len, err) != WRDP_OK)
            return WRDP_ERR;
        pos += n;
    }
    return WRDP_OK;
}

/* Prints the clipboard's events and asks for text when the server offers it.
 * Returns true once a remote text arrived. */
static bool handle_events(wrdp_cliprdr *cl, bool get, wrdp_writer *cout)
{
    bool got_text = false;
    wrdp_cliprdr_event ev;
    while (wrdp_cliprdr_next_event(cl, &ev)) {
        switch (ev.type) {
        case WRDP_CLIPRDR_EVENT_READY:
            printf("clipboard: ready (server version %u, flags 0x%x)\n", ev.server_caps.version,
                   ev.server_caps.general_flags);
            break;
        case WRDP_CLIPRDR_EVENT_REMOTE_FORMATS:
            printf("clipboard: remote formats:");
            for (size_t i = 0; i < ev.formats->count; i++)
                printf(" %u%s%s", ev.formats->formats[i].id, ev.formats->formats[i].name[0] ? "=" : "",
                       ev.formats->formats[i].name);
            printf("\n");
            if (get && (ev.kinds & (1u << WRDP_CLIP_TEXT)) && wrdp_cliprdr_request_kind(cl, WRDP_CLIP_TEXT, cout) != WRDP_OK)
                printf("clipboard: cannot ask for the text: %s\n", wrdp_cliprdr_error(cl)->message);
            break;
        case WRDP_CLIPRDR_EVENT_DATA:
            if (ev.kind == WRDP_CLIP_TEXT) {
                printf("clipboard: remote text ");
                print_quoted(ev.data, ev.len);
                printf("\n");
                got_text = true;
            } else {
                printf("clipboard: remote data, format %u, %zu bytes\n", ev.format_id, ev.len);
            }
            break;
        case WRDP_CLIPRDR_EVENT_DATA_FAILED:
            printf("clipboard: the server could not give format %u\n", ev.format_id);
            break;
        case WRDP_CLIPRDR_EVENT_LOCAL_ACCEPTED:
            printf("clipboard: the server %s our format list\n", ev.ok ? "accepted" : "refused");
            break;
        case WRDP_CLIPRDR_EVENT_LOCAL_SENT:
            printf("clipboard: the server read format %u (%zu bytes%s)\n", ev.format_id, ev.len,
                   ev.ok ? "" : ", not offered");
            break;
        default:
            break;
        }
    }
    fflush(stdout);
    return got_text;
}

typedef struct clip {
    tool_link *l;
    wrdp_cliprdr *cl;
    uint16_t id;
    bool get;
    unsigned stay_s;
    bool done;
    int64_t until;
    wrdp_writer cout, out;
} clip;

static int clip_event(void *ctx, wrdp_session *s, const wrdp_session_event *ev, wrdp_error *err)
{
    clip *cp = ctx;
    if (ev->type != WRDP_SESSION_EVENT_CHANNEL_DATA || ev->channel_id != cp->id)
        return 0;
    wrdp_writer_reset(&cp->cout);
    if (wrdp_cliprdr_process(cp->cl, ev->data.data, ev->data.len, &cp->cout) != WRDP_OK)
        printf("clipboard: ignored a malformed message: %s\n", wrdp_cliprdr_error(cp->cl)->message);
    bool got = handle_events(cp->cl, cp->get, &cp->cout);
    if (send_cliprdr(cp->l, s, cp->id, &cp->cout, &cp->out, err) != WRDP_OK)
        return WRDP_ERR;
    if (got && !cp->stay_s) {
        cp->done = true;
        return 1;
    }
    return 0;
}

static int64_t clip_until(void *ctx)
{
    return ((clip *)ctx)->until;
}

int tool_clipboard_run(tool_link *l, wrdp_connector *c, const char *set_text, bool get, unsigned stay_s,
                       wrdp_error *err)
{
    wrdp_session_config cfg;
    wrdp_session_config_init(&cfg);
    wrdp_session *s = wrdp_session_new(c, &cfg, err);
    if (!s)
        return WRDP_ERR;
    clip cp = {l, wrdp_cliprdr_new(NULL, err), wrdp_session_channel_id(s, WRDP_CLIPRDR_CHANNEL_NAME), get, stay_s,
               false, native_now_ms() + (int64_t)(stay_s ? stay_s : 20) * 1000, {0}, {0}};
    wrdp_writer_init(&cp.out, 0, err);
    wrdp_writer_init(&cp.cout, 0, err);
    int rc = WRDP_OK;
    if (!cp.cl)
        rc = WRDP_ERR;
    else if (!cp.id)
        rc = wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "the server did not join the cliprdr channel");
    if (rc == WRDP_OK && set_text) {
        wrdp_clip_item item = {WRDP_CLIP_TEXT, (const uint8_t *)set_text, strlen(set_text), NULL, 0};
        rc = wrdp_cliprdr_set_local(cp.cl, &item, 1, &cp.cout); /* sent after Monitor Ready */
    }
    if (rc == WRDP_OK) {
        tool_session_loop loop = {clip_event, clip_until, &cp};
        rc = tool_session_run(l, s, &loop, err);
    }
    if (rc == WRDP_OK && get && !stay_s && !cp.done)
        rc = wrdp_error_set(err, WRDP_ERROR_TIMEOUT, "no text arrived from the server's clipboard");
    if (rc == WRDP_OK)
        tool_session_goodbye(l, s);
    wrdp_writer_free(&cp.out);
    wrdp_writer_free(&cp.cout);
    wrdp_cliprdr_free(cp.cl);
    wrdp_session_free(s);
    return rc;
}
