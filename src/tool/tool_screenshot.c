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

typedef struct shot {
    int64_t deadline;
    int64_t last_change;
    unsigned settle_ms;
    unsigned long updates;
} shot;

static int shot_event(void *ctx, wrdp_session *s, const wrdp_session_event *ev, wrdp_error *err)
{
    shot *sh = ctx;
    if (ev->type == WRDP_SESSION_EVENT_GRAPHICS || ev->type == WRDP_SESSION_EVENT_REACTIVATED) {
        sh->updates++;
        sh->last_change = native_now_ms();
    }
    return 0;
}

/* Wait until the screen has been quiet for settle_ms, or the deadline. */
static int64_t shot_wait_until(void *ctx)
{
    shot *sh = ctx;
    int64_t quiet_until = sh->last_change + sh->settle_ms;
    return quiet_until < sh->deadline ? quiet_until : sh->deadline;
}

int tool_screenshot_capture(tool_link *l, wrdp_connector *c, const char *png_path, unsigned settle_ms,
                            wrdp_error *err)
{
    wrdp_session_config cfg;
    wrdp_session_config_init(&cfg);
    wrdp_session *s = wrdp_session_new(c, &cfg, err);
    if (!s)
        return WRDP_ERR;
    shot sh = {tool_link_deadline(l), native_now_ms(), settle_ms, 0};
    tool_session_loop loop = {shot_event, shot_wait_until, &sh};
    int rc = tool_session_run(l, s, &loop, err);
    if (rc == WRDP_OK) {
        const wrdp_image *img = wrdp_session_image(s);
        bool quiet = native_now_ms() - sh.last_change >= (int64_t)settle_ms;
        rc = write_png(img, png_path, err);
        if (rc == WRDP_OK)
            printf("screenshot: %s (%ux%u, %lu graphics updates, %s)\n", png_path, img->width, img->height,
                   sh.updates, quiet ? "settled" : "timed out before the screen settled");
        tool_session_goodbye(l, s);
    }
    wrdp_session_free(s);
    return rc;
}
