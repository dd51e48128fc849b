/* webrdp — display control (MS-RDPEDISP): the DVC processor of
 * "Microsoft::Windows::RDS::DisplayControl". The server sends its capabilities;
 * the client sends a monitor layout to resize the desktop without reconnecting.
 *
 *   wrdp_disp *disp = wrdp_disp_new();
 *   wrdp_disp_attach(disp, dvc);                 // registers the processor
 *   ... later, on a resize:
 *   if (wrdp_disp_request_size(disp, w, h, 100, &out) != WRDP_OK) fall back to scaling;
 *   else send out's records as drdynvc messages (wrdp_dvc_next_output). */
#ifndef WEBRDP_CHANNELS_DISP_H
#define WEBRDP_CHANNELS_DISP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../dvc.h"
#include "../error.h"
#include "../utils.h"

#ifdef __cplusplus
extern "C" {
#endif

#define WRDP_DISP_CHANNEL_NAME "Microsoft::Windows::RDS::DisplayControl"
#define WRDP_DISP_PDU_CAPS 0x00000005
#define WRDP_DISP_PDU_MONITOR_LAYOUT 0x00000002
#define WRDP_DISP_MONITOR_PRIMARY 0x00000001
#define WRDP_DISP_MONITOR_SIZE 40
#define WRDP_DISP_MIN_SIZE 200
#define WRDP_DISP_MAX_SIZE 8192
#define WRDP_DISP_MONITORS_MAX 16

typedef struct wrdp_disp_caps {
    uint32_t max_num_monitors;
    uint32_t max_monitor_area_factor_a;
    uint32_t max_monitor_area_factor_b;
} wrdp_disp_caps;

/* DISPLAYCONTROL_MONITOR_LAYOUT: physical size, orientation and scale factors
 * are optional (a server ignores values out of their ranges). */
typedef struct wrdp_disp_monitor {
    uint32_t flags;
    int32_t left, top;
    uint32_t width, height;
    uint32_t physical_width, physical_height; /* millimetres, 10..10000 */
    uint32_t orientation;                      /* 0, 90, 180, 270 */
    uint32_t desktop_scale_factor;             /* 100..500 percent */
    uint32_t device_scale_factor;              /* 100, 140 or 180 */
} wrdp_disp_monitor;

/* The caps PDU (header + body, exactly 20 bytes: a length that disagrees or trailing bytes are errors). */
int wrdp_disp_caps_decode(const uint8_t *msg, size_t len, wrdp_disp_caps *out, wrdp_error *err);
int wrdp_disp_caps_encode(const wrdp_disp_caps *caps, wrdp_writer *w);
/* One 40-byte monitor entry (only flags, position and size must be valid). */
int wrdp_disp_monitor_decode(wrdp_cursor *c, wrdp_disp_monitor *out);
/* The monitor layout PDU; at most `max` monitors. */
int wrdp_disp_layout_decode(const uint8_t *msg, size_t len, wrdp_disp_monitor *mons, size_t max, size_t *count,
                            wrdp_error *err);
int wrdp_disp_layout_encode(const wrdp_disp_monitor *mons, size_t count, wrdp_writer *w);
/* Whether the mandatory fields are in range (one primary at 0,0; even width; 200..8192). */
bool wrdp_disp_monitor_valid(const wrdp_disp_monitor *m);

typedef struct wrdp_disp wrdp_disp;

wrdp_disp *wrdp_disp_new(void);
void wrdp_disp_free(wrdp_disp *disp);
const wrdp_error *wrdp_disp_error(const wrdp_disp *disp);
/* Registers the processor with the DVC manager. Free the dvc before the disp: freeing
 * the dvc closes its channels, which calls into the disp. */
int wrdp_disp_attach(wrdp_disp *disp, wrdp_dvc *dvc);
/* The processor itself, for a caller that registers it by hand. */
wrdp_dvc_processor wrdp_disp_processor(wrdp_disp *disp);
/* True once the channel is open and the server's capabilities came. */
bool wrdp_disp_ready(const wrdp_disp *disp, wrdp_disp_caps *caps);

/* Writes (as drdynvc records, see wrdp_dvc_next_output) a one-monitor layout of
 * width x height, clamped to 200..8192 (width made even) and to the server's
 * maximum area, with desktop scale `scale_percent` (100..500) and the nearest
 * device scale (100/140/180). WRDP_ERROR_UNSUPPORTED when the server did not
 * open the channel (or its capabilities did not come yet): scale instead. */
int wrdp_disp_request_size(wrdp_disp *disp, uint32_t width, uint32_t height, uint32_t scale_percent,
                           wrdp_writer *out);

#ifdef __cplusplus
}
#endif
#endif
