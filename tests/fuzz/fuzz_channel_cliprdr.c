/* CLIPRDR: the client processor fed a sequence of server messages (each a
 * 16-bit length and its bytes) after Monitor Ready, with local data to serve
 * and requests of its own; then every payload decoder on the raw input.
 * Whatever arrives, replies are whole PDUs and events hold readable data. */
#include <stdint.h>
#include <string.h>

#include "webrdp/clipboard.h"

static void drain(wrdp_cliprdr *cl)
{
    wrdp_cliprdr_event ev;
    volatile uint8_t sink = 0;
    while (wrdp_cliprdr_next_event(cl, &ev)) {
        if (ev.data && ev.len)
            sink ^= ev.data[0] ^ ev.data[ev.len - 1];
        for (size_t i = 0; i < ev.file_count; i++)
            sink ^= (uint8_t)ev.files[i].name[0];
        if (ev.formats && ev.formats->count)
            sink ^= (uint8_t)ev.formats->formats[ev.formats->count - 1].name[0];
    }
    (void)sink;
}

/* Every reply must split into whole PDUs. */
static void check_replies(const wrdp_writer *out)
{
    size_t pos = 0;
    while (pos < out->len) {
        size_t n = wrdp_cliprdr_pdu_length(out->data + pos, out->len - pos);
        if (!n)
            __builtin_trap();
        pos += n;
    }
}

static void processor(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_cliprdr *cl = wrdp_cliprdr_new(NULL, &err);
    if (!cl)
        return;
    wrdp_writer out;
    wrdp_writer_init(&out, 1 << 20, &err);
    static const uint8_t png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    static const uint8_t contents[] = "file contents";
    wrdp_clip_file files[2] = {{"a.txt", sizeof contents, 0, false, contents}, {"b", 1000, 0, false, NULL}};
    wrdp_clip_item items[4] = {
        {WRDP_CLIP_TEXT, (const uint8_t *)"text\nline", 9, NULL, 0},
        {WRDP_CLIP_HTML, (const uint8_t *)"<b>x</b>", 8, NULL, 0},
        {WRDP_CLIP_PNG, png, sizeof png, NULL, 0},
        {WRDP_CLIP_FILES, NULL, 0, files, 2},
    };
    wrdp_cliprdr_set_local(cl, items, 4, &out);
    static const uint8_t ready[8] = {1, 0, 0, 0, 0, 0, 0, 0};
    size_t pos = 0;
    if (size > 0 && (data[0] & 1)) {
        static const uint8_t caps[] = {7, 0, 0, 0, 16, 0, 0, 0, 1, 0, 0, 0, 1, 0, 12, 0, 2, 0, 0, 0, 0x1e, 0, 0, 0};
        wrdp_cliprdr_process(cl, caps, sizeof caps, &out);
    }
    wrdp_cliprdr_process(cl, ready, sizeof ready, &out);
    while (size - pos >= 3) {
        uint8_t op = data[pos];
        size_t n = (size_t)data[pos + 1] | (size_t)data[pos + 2] << 8;
        pos += 3;
        if (n > size - pos)
            n = size - pos;
        wrdp_writer_reset(&out);
        wrdp_cliprdr_process(cl, data + pos, n, &out);
        pos += n;
        /* the application's side, chosen by the op byte */
        if (op % 7 == 1)
            wrdp_cliprdr_request_kind(cl, (wrdp_clip_kind)(1 + op / 7 % 5), &out);
        else if (op % 7 == 2)
            wrdp_cliprdr_request(cl, op, &out);
        else if (op % 7 == 3)
            wrdp_cliprdr_file_contents_respond(cl, op, true, contents, sizeof contents, &out);
        else if (op % 7 == 4)
            wrdp_cliprdr_lock(cl, op & 8, op, &out);
        check_replies(&out);
        if (op & 0x80)
            drain(cl);
    }
    drain(cl);
    wrdp_writer_free(&out);
    wrdp_cliprdr_free(cl);
}

static void payloads(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 1 << 22, &err);
    wrdp_cliprdr_file *files;
    size_t count;
    if (wrdp_cliprdr_file_list_decode(data, size, &files, &count, &err) == WRDP_OK) {
        wrdp_cliprdr_file_list_encode(files, count, &w);
        wrdp_free(files);
    }
    wrdp_writer_reset(&w);
    wrdp_clip_html_offsets off;
    if (wrdp_clip_html_parse(data, size, &off, &err) == WRDP_OK &&
        (off.end_fragment > size || off.start_fragment > off.end_fragment || off.end_html > size))
        __builtin_trap();
    wrdp_image img;
    if (wrdp_clip_dib_to_image(data, size, &img, &err) == WRDP_OK) {
        wrdp_clip_image_to_dib(&img, true, &w);
        wrdp_image_free(&img);
    }
    wrdp_writer_reset(&w);
    wrdp_clip_unicode_to_utf8(data, size, &w);
    wrdp_writer_reset(&w);
    wrdp_clip_ansi_to_utf8(data, size, &w);
    wrdp_writer_reset(&w);
    wrdp_clip_utf8_to_unicode((const char *)data, size, &w);
    wrdp_writer_reset(&w);
    wrdp_clip_utf8_to_ansi((const char *)data, size, &w);
    wrdp_writer_reset(&w);
    wrdp_clip_html_build((const char *)data, size, &w);
    if (wrdp_clip_html_parse(w.data, w.len, &off, &err) != WRDP_OK || off.end_fragment - off.start_fragment != size)
        __builtin_trap();
    wrdp_writer_free(&w);
    static wrdp_cliprdr_format_list fl;
    for (int long_names = 0; long_names < 2; long_names++)
        wrdp_cliprdr_format_list_decode(data, size, long_names, &fl, &err);
    wrdp_cliprdr_file_contents_request r;
    wrdp_cliprdr_file_contents_request_decode(data, size, &r, &err);
    char path[WRDP_CLIPRDR_TEMP_DIR_MAX];
    wrdp_cliprdr_temp_dir_decode(data, size, path, &err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 1 << 16)
        return 0;
    processor(data, size);
    payloads(data, size);
    return 0;
}
