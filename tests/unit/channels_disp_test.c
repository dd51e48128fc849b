/* Display control: IronRDP's displaycontrol_* vectors (caps and layout decode
 * and re-encode identically; two caps PDUs rejected; a monitor with only the
 * mandatory fields valid decodes), and the processor through a DVC manager:
 * no channel -> UNSUPPORTED (the caller scales), sizes clamped and made even. */
#include "test.h"
#include "webrdp/channels/disp.h"

#define DIR "vectors/pdu/channels/"

static uint8_t *vec(const char *name, size_t *n)
{
    char p[256];
    snprintf(p, sizeof p, DIR "%s", name);
    uint8_t *b = test_read_file(p, n);
    CHECK_MSG(b != NULL, "%s", name);
    return b;
}

static int feed(wrdp_dvc *d, const uint8_t *p, size_t n, wrdp_writer *out)
{
    wrdp_writer_reset(out);
    return wrdp_dvc_process(d, p, n, out);
}

int main(void)
{
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t n;

    uint8_t *v = vec("displaycontrol_capabilities.bin", &n);
    wrdp_disp_caps caps;
    CHECK(wrdp_disp_caps_decode(v, n, &caps, &err) == WRDP_OK);
    CHECK(caps.max_num_monitors == 3 && caps.max_monitor_area_factor_a == 1920 && caps.max_monitor_area_factor_b == 1080);
    CHECK(wrdp_disp_caps_encode(&caps, &w) == WRDP_OK && w.len == n && !memcmp(w.data, v, n));
    free(v);
    v = vec("displaycontrol_client_process_rejects_caps_with_mismatched_length.bin", &n);
    CHECK(wrdp_disp_caps_decode(v, n, &caps, &err) == WRDP_ERR);
    free(v);
    v = vec("displaycontrol_client_process_rejects_trailing_bytes_after_caps.bin", &n);
    CHECK(wrdp_disp_caps_decode(v, n, &caps, &err) == WRDP_ERR);
    free(v);

    v = vec("displaycontrol_layout.bin", &n);
    wrdp_disp_monitor mons[4];
    size_t count = 0;
    CHECK(wrdp_disp_layout_decode(v, n, mons, 4, &count, &err) == WRDP_OK);
    CHECK_EQ(count, 2);
    CHECK(mons[0].flags == 1 && mons[0].left == 0 && mons[0].width == 1920 && mons[0].height == 1080);
    CHECK(mons[0].physical_width == 1000 && mons[0].physical_height == 500 && mons[0].orientation == 180);
    CHECK(mons[0].desktop_scale_factor == 150 && mons[0].device_scale_factor == 140);
    CHECK(mons[1].flags == 0 && mons[1].left == -500 && mons[1].width == 1024 && mons[1].height == 768);
    CHECK(mons[1].orientation == 90 && mons[1].desktop_scale_factor == 100 && mons[1].device_scale_factor == 100);
    CHECK(wrdp_disp_monitor_valid(&mons[0]) && wrdp_disp_monitor_valid(&mons[1]));
    wrdp_writer_reset(&w);
    CHECK(wrdp_disp_layout_encode(mons, count, &w) == WRDP_OK && w.len == n && !memcmp(w.data, v, n));
    CHECK(wrdp_disp_layout_decode(v, n, mons, 1, &count, &err) == WRDP_ERR); /* more than max */
    CHECK(wrdp_disp_layout_decode(v, n - 1, mons, 4, &count, &err) == WRDP_ERR);
    free(v);

    v = vec("displaycontrol_only_non_optional_layout_fields_required_to_be_valid.bin", &n);
    wrdp_cursor c;
    wrdp_cursor_init(&c, v, n, "monitor", &err);
    wrdp_disp_monitor m;
    CHECK(wrdp_disp_monitor_decode(&c, &m) == WRDP_OK && wrdp_cursor_remaining(&c) == 0);
    CHECK(m.flags == 1 && m.width == 1920 && m.height == 1080 && m.orientation == 1);
    free(v);

    /* the processor */
    wrdp_dvc *dvc = wrdp_dvc_new(NULL);
    wrdp_disp *disp = wrdp_disp_new();
    CHECK(wrdp_disp_attach(disp, dvc) == WRDP_OK);
    CHECK(wrdp_disp_request_size(disp, 1024, 768, 100, &w) == WRDP_ERR);
    CHECK_EQ(wrdp_disp_error(disp)->kind, WRDP_ERROR_UNSUPPORTED);
    uint8_t caps1[] = {0x50, 0, 1, 0};
    feed(dvc, caps1, sizeof caps1, &w);
    uint8_t create[64] = {0x10, 0x05};
    memcpy(create + 2, WRDP_DISP_CHANNEL_NAME, sizeof WRDP_DISP_CHANNEL_NAME);
    CHECK(feed(dvc, create, 2 + sizeof WRDP_DISP_CHANNEL_NAME, &w) == WRDP_OK);
    CHECK(!wrdp_disp_ready(disp, NULL)); /* open, but no caps yet */
    uint8_t data[2 + 20] = {0x30, 0x05};
    v = vec("displaycontrol_capabilities.bin", &n);
    memcpy(data + 2, v, 20);
    free(v);
    CHECK(feed(dvc, data, sizeof data, &w) == WRDP_OK);
    CHECK(wrdp_disp_ready(disp, &caps) && caps.max_num_monitors == 3);
    /* a bad caps PDU on the channel is an error, not a crash */
    data[2 + 4] = 0xFF;
    CHECK(feed(dvc, data, sizeof data, &w) == WRDP_ERR);
    data[2 + 4] = 20;
    CHECK(feed(dvc, data, sizeof data, &w) == WRDP_OK);

    struct { uint32_t w, h, scale, ew, eh, desk, dev; } cases[] = {
        {1024, 768, 100, 1024, 768, 100, 100},
        {1023, 100, 150, 1022, 200, 150, 140}, /* odd width, tiny height */
        {100000, 50, 300, 8192, 200, 300, 180}, /* too wide and too low: clamped (8192x200 fits the area) */
        {1900, 1200, 0, 1812, 1144, 100, 100},  /* over 1920x1080 of area: shrunk keeping the aspect */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        wrdp_writer_reset(&w);
        CHECK(wrdp_disp_request_size(disp, cases[i].w, cases[i].h, cases[i].scale, &w) == WRDP_OK);
        size_t pos = 0;
        wrdp_bytes msg;
        CHECK(wrdp_dvc_next_output(w.data, w.len, &pos, &msg) && pos == w.len);
        CHECK(msg.len == 2 + 56 && msg.data[0] == 0x30 && msg.data[1] == 5);
        size_t k = 0;
        CHECK(wrdp_disp_layout_decode(msg.data + 2, msg.len - 2, mons, 4, &k, &err) == WRDP_OK && k == 1);
        CHECK(wrdp_disp_monitor_valid(&mons[0]) && mons[0].flags == WRDP_DISP_MONITOR_PRIMARY);
        CHECK_MSG(mons[0].width <= cases[i].ew && mons[0].width + 2 >= cases[i].ew, "case %zu width %u", i,
                  mons[0].width);
        CHECK_MSG(mons[0].height <= cases[i].eh + 2 && mons[0].height + 2 >= cases[i].eh, "case %zu height %u", i,
                  mons[0].height);
        CHECK((uint64_t)mons[0].width * mons[0].height <= 1920u * 1080u);
        CHECK_EQ(mons[0].desktop_scale_factor, cases[i].desk);
        CHECK_EQ(mons[0].device_scale_factor, cases[i].dev);
    }
    /* the server closes the channel: back to scaling */
    uint8_t close5[] = {0x40, 0x05};
    CHECK(feed(dvc, close5, sizeof close5, &w) == WRDP_OK);
    CHECK(wrdp_disp_request_size(disp, 1024, 768, 100, &w) == WRDP_ERR);
    wrdp_dvc_free(dvc);
    wrdp_disp_free(disp);
    wrdp_writer_free(&w);
    return test_finish("channels_disp");
}
