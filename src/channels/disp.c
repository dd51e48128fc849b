/* Display control (MS-RDPEDISP 2.2.2): DISPLAYCONTROL_CAPS_PDU from the server,
 * DISPLAYCONTROL_MONITOR_LAYOUT_PDU from the client, and the DVC processor. */
#include <stdlib.h>
#include <string.h>

#include "webrdp/channels/disp.h"

#define HEADER_SIZE 8
#define CAPS_SIZE 20

int wrdp_disp_caps_decode(const uint8_t *msg, size_t len, wrdp_disp_caps *out, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, msg, len, "DISPLAYCONTROL_CAPS_PDU", err);
    uint32_t type = wrdp_rd_u32le(&c, "Type");
    uint32_t length = wrdp_rd_u32le(&c, "Length");
    out->max_num_monitors = wrdp_rd_u32le(&c, "MaxNumMonitors");
    out->max_monitor_area_factor_a = wrdp_rd_u32le(&c, "MaxMonitorAreaFactorA");
    out->max_monitor_area_factor_b = wrdp_rd_u32le(&c, "MaxMonitorAreaFactorB");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    if (type != WRDP_DISP_PDU_CAPS)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "display control: PDU type %u, expected caps", type);
    if (length != CAPS_SIZE)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "display control caps: Length %u, expected 20", length);
    return wrdp_cursor_expect_end(&c);
}

int wrdp_disp_caps_encode(const wrdp_disp_caps *caps, wrdp_writer *w)
{
    wrdp_wr_u32le(w, WRDP_DISP_PDU_CAPS);
    wrdp_wr_u32le(w, CAPS_SIZE);
    wrdp_wr_u32le(w, caps->max_num_monitors);
    wrdp_wr_u32le(w, caps->max_monitor_area_factor_a);
    wrdp_wr_u32le(w, caps->max_monitor_area_factor_b);
    return wrdp_writer_status(w);
}

int wrdp_disp_monitor_decode(wrdp_cursor *c, wrdp_disp_monitor *m)
{
    m->flags = wrdp_rd_u32le(c, "Flags");
    m->left = (int32_t)wrdp_rd_u32le(c, "Left");
    m->top = (int32_t)wrdp_rd_u32le(c, "Top");
    m->width = wrdp_rd_u32le(c, "Width");
    m->height = wrdp_rd_u32le(c, "Height");
    m->physical_width = wrdp_rd_u32le(c, "PhysicalWidth");
    m->physical_height = wrdp_rd_u32le(c, "PhysicalHeight");
    m->orientation = wrdp_rd_u32le(c, "Orientation");
    m->desktop_scale_factor = wrdp_rd_u32le(c, "DesktopScaleFactor");
    m->device_scale_factor = wrdp_rd_u32le(c, "DeviceScaleFactor");
    return wrdp_cursor_status(c);
}

bool wrdp_disp_monitor_valid(const wrdp_disp_monitor *m)
{
    if (m->width < WRDP_DISP_MIN_SIZE || m->width > WRDP_DISP_MAX_SIZE || (m->width & 1))
        return false;
    if (m->height < WRDP_DISP_MIN_SIZE || m->height > WRDP_DISP_MAX_SIZE)
        return false;
    /* the primary monitor's top-left corner is the origin */
    return !(m->flags & WRDP_DISP_MONITOR_PRIMARY) || (m->left == 0 && m->top == 0);
}

int wrdp_disp_layout_decode(const uint8_t *msg, size_t len, wrdp_disp_monitor *mons, size_t max, size_t *count,
                            wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, msg, len, "DISPLAYCONTROL_MONITOR_LAYOUT_PDU", err);
    uint32_t type = wrdp_rd_u32le(&c, "Type");
    uint32_t length = wrdp_rd_u32le(&c, "Length");
    uint32_t size = wrdp_rd_u32le(&c, "MonitorLayoutSize");
    uint32_t n = wrdp_rd_u32le(&c, "NumMonitors");
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    if (type != WRDP_DISP_PDU_MONITOR_LAYOUT || length != len || size != WRDP_DISP_MONITOR_SIZE)
        return wrdp_error_set(err, WRDP_ERROR_DECODE,
                              "display control layout: type %u, Length %u of %zu bytes, MonitorLayoutSize %u", type,
                              length, len, size);
    if (n > max || (size_t)n * WRDP_DISP_MONITOR_SIZE != wrdp_cursor_remaining(&c))
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "display control layout: %u monitors in %zu bytes", n,
                              wrdp_cursor_remaining(&c));
    for (uint32_t i = 0; i < n; i++)
        if (wrdp_disp_monitor_decode(&c, &mons[i]))
            return WRDP_ERR;
    *count = n;
    return wrdp_cursor_expect_end(&c);
}

int wrdp_disp_layout_encode(const wrdp_disp_monitor *mons, size_t count, wrdp_writer *w)
{
    if (count > WRDP_DISP_MONITORS_MAX)
        return wrdp_writer_fail(w, "display control layout: %zu monitors", count);
    wrdp_wr_u32le(w, WRDP_DISP_PDU_MONITOR_LAYOUT);
    wrdp_wr_u32le(w, (uint32_t)(16 + count * WRDP_DISP_MONITOR_SIZE));
    wrdp_wr_u32le(w, WRDP_DISP_MONITOR_SIZE);
    wrdp_wr_u32le(w, (uint32_t)count);
    for (size_t i = 0; i < count; i++) {
        const wrdp_disp_monitor *m = &mons[i];
        wrdp_wr_u32le(w, m->flags);
        wrdp_wr_u32le(w, (uint32_t)m->left);
        wrdp_wr_u32le(w, (uint32_t)m->top);
        wrdp_wr_u32le(w, m->width);
        wrdp_wr_u32le(w, m->height);
        wrdp_wr_u32le(w, m->physical_width);
        wrdp_wr_u32le(w, m->physical_height);
        wrdp_wr_u32le(w, m->orientation);
        wrdp_wr_u32le(w, m->desktop_scale_factor);
        wrdp_wr_u32le(w, m->device_scale_factor);
    }
    return wrdp_writer_status(w);
}

/* ---- the processor ---- */

struct wrdp_disp {
    wrdp_dvc *dvc;
    wrdp_error err;
    bool open, have_caps;
    uint32_t channel_id;
    wrdp_disp_caps caps;
};

wrdp_disp *wrdp_disp_new(void) { return calloc(1, sizeof(wrdp_disp)); }
void wrdp_disp_free(wrdp_disp *d) { free(d); }
const wrdp_error *wrdp_disp_error(const wrdp_disp *d) { return &d->err; }

static int on_open(void *ctx, wrdp_dvc *dvc, uint32_t id, wrdp_writer *out)
{
    (void)out;
    wrdp_disp *d = ctx;
    d->dvc = dvc;
    d->open = true;
    d->have_caps = false;
    d->channel_id = id;
    return WRDP_OK;
}

static int on_data(void *ctx, wrdp_dvc *dvc, uint32_t id, const uint8_t *msg, size_t len, wrdp_writer *out)
{
    (void)dvc, (void)id, (void)out;
    wrdp_disp *d = ctx;
    wrdp_disp_caps caps;
    wrdp_error_clear(&d->err);
    if (wrdp_disp_caps_decode(msg, len, &caps, &d->err))
        return WRDP_ERR;
    d->caps = caps;
    d->have_caps = true;
    return WRDP_OK;
}

static void on_close(void *ctx, uint32_t id)
{
    (void)id;
    wrdp_disp *d = ctx;
    d->open = d->have_caps = false;
}

wrdp_dvc_processor wrdp_disp_processor(wrdp_disp *d)
{
    wrdp_dvc_processor p = {d, on_open, on_data, on_close};
    return p;
}

int wrdp_disp_attach(wrdp_disp *d, wrdp_dvc *dvc)
{
    wrdp_dvc_processor p = wrdp_disp_processor(d);
    d->dvc = dvc;
    if (wrdp_dvc_register(dvc, WRDP_DISP_CHANNEL_NAME, &p)) {
        d->err = *wrdp_dvc_error(dvc);
        return WRDP_ERR;
    }
    return WRDP_OK;
}

bool wrdp_disp_ready(const wrdp_disp *d, wrdp_disp_caps *caps)
{
    if (caps && d->have_caps)
        *caps = d->caps;
    return d->open && d->have_caps;
}

static uint64_t isqrt(uint64_t v)
{
    uint64_t r = 0, bit = (uint64_t)1 << 62;
    while (bit > v)
        bit >>= 2;
    for (; bit; bit >>= 2) {
        if (v >= r + bit) {
            v -= r + bit;
            r = (r >> 1) + bit;
        } else {
            r >>= 1;
        }
    }
    return r;
}

static uint32_t clamp(uint32_t v, uint32_t lo, uint32_t hi) { return v < lo ? lo : v > hi ? hi : v; }

int wrdp_disp_request_size(wrdp_disp *d, uint32_t width, uint32_t height, uint32_t scale, wrdp_writer *out)
{
    wrdp_error_clear(&d->err);
    if (!d->open || !d->have_caps || !d->dvc)
        return wrdp_error_set(&d->err, WRDP_ERROR_UNSUPPORTED,
                              "display control: the server did not open the channel (scale instead)");
    if (d->caps.max_num_monitors < 1)
        return wrdp_error_set(&d->err, WRDP_ERROR_UNSUPPORTED, "display control: the server allows no monitor");
    width = clamp(width, WRDP_DISP_MIN_SIZE, WRDP_DISP_MAX_SIZE);
    height = clamp(height, WRDP_DISP_MIN_SIZE, WRDP_DISP_MAX_SIZE);
    /* the server's area limit for one monitor: A x B; shrink keeping the aspect */
    uint64_t area = (uint64_t)d->caps.max_monitor_area_factor_a * d->caps.max_monitor_area_factor_b;
    if (area && (uint64_t)width * height > area) {
        uint64_t w = isqrt(area * width / height); /* w' = sqrt(area * w / h), h' = area / w' */
        uint64_t h = w ? area / w : 0;
        width = clamp((uint32_t)(w < UINT32_MAX ? w : UINT32_MAX), WRDP_DISP_MIN_SIZE, WRDP_DISP_MAX_SIZE);
        height = clamp((uint32_t)(h < UINT32_MAX ? h : UINT32_MAX), WRDP_DISP_MIN_SIZE, WRDP_DISP_MAX_SIZE);
    }
    width &= ~1u;
    wrdp_disp_monitor m = {0};
    m.flags = WRDP_DISP_MONITOR_PRIMARY;
    m.width = width;
    m.height = height;
    m.orientation = 0;
    m.desktop_scale_factor = clamp(scale ? scale : 100, 100, 500);
    m.device_scale_factor = m.desktop_scale_factor < 140 ? 100 : m.desktop_scale_factor < 180 ? 140 : 180;
    /* physical size left 0: out of range, so the server derives it from the scale */
    uint8_t buf[16 + WRDP_DISP_MONITOR_SIZE];
    wrdp_writer w;
    wrdp_writer_init_fixed(&w, buf, sizeof buf, &d->err);
    if (wrdp_disp_layout_encode(&m, 1, &w))
        return WRDP_ERR;
    if (wrdp_dvc_send(d->dvc, d->channel_id, buf, w.len, out)) {
        d->err = *wrdp_dvc_error(d->dvc);
        return WRDP_ERR;
    }
    return WRDP_OK;
}
