/* The session loop the tool's post-connection commands share (screenshot,
 * --stay with channels, clipboard): frames in, replies out, events to the
 * command, until the command says stop, the wait ends, or the session does. */
#include <stdio.h>

#include "native_transport.h"
#include "tool/tool.h"

int tool_session_run(tool_link *l, wrdp_session *s, const tool_session_loop *loop, wrdp_error *err)
{
    wrdp_writer out;
    wrdp_writer_init(&out, 0, err);
    int rc = WRDP_OK;
    bool stop = false;
    while (rc == WRDP_OK && !stop) {
        size_t len, flen = 0;
        const uint8_t *buf = tool_link_buffer(l, &len);
        int r = len ? wrdp_session_next_frame_len(s, buf, len, &flen) : 0;
        if (r < 0) {
            *err = *wrdp_session_error(s);
            rc = WRDP_ERR;
            break;
        }
        if (r == 1 && flen <= len) {
            wrdp_writer_reset(&out);
            if (wrdp_session_process(s, buf, flen, &out) != WRDP_OK) {
                *err = *wrdp_session_error(s);
                rc = WRDP_ERR;
                break;
            }
            tool_link_consume(l, flen);
            if (out.len && tool_link_send(l, out.data, out.len, err) != WRDP_OK) {
                rc = WRDP_ERR;
                break;
            }
            wrdp_session_event ev;
            while (rc == WRDP_OK && wrdp_session_next_event(s, &ev)) {
                if (ev.type == WRDP_SESSION_EVENT_TERMINATED) {
                    *err = ev.error;
                    rc = WRDP_ERR;
                    break;
                }
                int v = loop->on_event(loop->ctx, s, &ev, err);
                if (v < 0)
                    rc = WRDP_ERR;
                else if (v > 0)
                    stop = true;
            }
            continue;
        }
        /* nothing whole buffered: wait for more, but only as long as the command wants */
        int64_t until = loop->wait_until(loop->ctx);
        if (native_now_ms() >= until)
            break;
        size_t got = 0;
        wrdp_error rerr;
        wrdp_error_clear(&rerr);
        if (tool_link_read(l, until, &got, &rerr) != WRDP_OK) {
            if (rerr.kind != WRDP_ERROR_TIMEOUT) { /* a timeout: the loop asks the command again */
                *err = rerr;
                rc = WRDP_ERR;
            }
        } else if (got == 0) {
            wrdp_session_peer_closed(s);
            *err = *wrdp_session_error(s);
            rc = WRDP_ERR;
        }
    }
    wrdp_writer_free(&out);
    return rc;
}

void tool_session_goodbye(tool_link *l, wrdp_session *s)
{
    wrdp_error e;
    wrdp_error_clear(&e);
    wrdp_writer out;
    wrdp_writer_init(&out, 0, &e);
    if (wrdp_session_disconnect(s, &out) == WRDP_OK && out.len)
        tool_link_send(l, out.data, out.len, &e);
    wrdp_writer_free(&out);
}
