/* `webrdp screenshot`: the session after `connect`, until the screen settles;
 * then the framebuffer as PNG. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "native_transport.h"
#include "tool/tool.h"
#include "webrdp/codecs/png.h"
#include "webrdp/session.h"

static int write_png(const wrdp_image *img, const char *path, wrdp_error *err)
{
    wrdp_writer w;
    wrdp_writer_init(&w, (size_t)512 * 1024 * 1024, err);
    int rc = wrdp_png_encode(img, NULL, &w, err);
    if (rc == WRDP_OK) {
        FILE *f = fopen(path, "wb");
        if (!f || fwrite(w.data, 1, w.len, f) != w.len)
            rc = wrdp_error_set(err, WRDP_ERROR_IO, "cannot write %s", path);
        if (f && fclose(f) != 0)
            rc = wrdp_error_set(err, WRDP_ERROR_IO, "cannot write %s", path);
    }
    wrdp_writer_free(&w);
    return rc;
}

int tool_screenshot_capture(tool_link *l, wrdp_connector *c, const char *png_path, unsigned settle_ms,
                            wrdp_error *err)
{
    wrdp_session_config cfg;
    wrdp_session_config_init(&cfg);
    wrdp_session *s = wrdp_session_new(c, &cfg, err);
    if (!s)
        return WRDP_ERR;
    wrdp_writer out;
    wrdp_writer_init(&out, 0, err);
    int64_t deadline = tool_link_deadline(l);
    int64_t last_change = native_now_ms();
    unsigned long updates = 0;
    int rc = WRDP_OK;
    bool settled = false;
    while (rc == WRDP_OK && !settled) {
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
            while (wrdp_session_next_event(s, &ev)) {
                if (ev.type == WRDP_SESSION_EVENT_GRAPHICS || ev.type == WRDP_SESSION_EVENT_REACTIVATED) {
                    updates++;
                    last_change = native_now_ms();
                } else if (ev.type == WRDP_SESSION_EVENT_TERMINATED) {
                    *err = ev.error;
                    rc = WRDP_ERR;
                }
            }
            continue;
        }
        /* nothing whole buffered: wait for more, but only until the screen counts as settled */
        int64_t quiet_until = last_change + settle_ms;
        int64_t wait_until = quiet_until < deadline ? quiet_until : deadline;
        if (native_now_ms() >= wait_until) {
            settled = true;
            break;
        }
        size_t got = 0;
        wrdp_error rerr;
        wrdp_error_clear(&rerr);
        if (tool_link_read(l, wait_until, &got, &rerr) != WRDP_OK) {
            if (rerr.kind == WRDP_ERROR_TIMEOUT)
                continue; /* the loop decides: settled, or the overall deadline */
            *err = rerr;
            rc = WRDP_ERR;
        } else if (got == 0) {
            wrdp_session_peer_closed(s);
            *err = *wrdp_session_error(s);
            rc = WRDP_ERR;
        }
    }
    if (rc == WRDP_OK) {
        const wrdp_image *img = wrdp_session_image(s);
        bool quiet = native_now_ms() - last_change >= (int64_t)settle_ms;
        rc = write_png(img, png_path, err);
        if (rc == WRDP_OK)
            printf("screenshot: %s (%ux%u, %lu graphics updates, %s)\n", png_path, img->width, img->height, updates,
                   quiet ? "settled" : "timed out before the screen settled");
        wrdp_writer_reset(&out);
        if (wrdp_session_disconnect(s, &out) == WRDP_OK && out.len) {
            wrdp_error derr;
            wrdp_error_clear(&derr);
            tool_link_send(l, out.data, out.len, &derr);
        }
    }
    wrdp_writer_free(&out);
    wrdp_session_free(s);
    return rc;
}
