/* CLIPRDR: every tests/vectors/pdu/channels/cliprdr_* vector decodes to the
 * fields the manifest lists and re-encodes to the same bytes; text, HTML and
 * DIB conversions; a whole client exchange driven by hand-built server PDUs;
 * hostile lengths. */
#include "test.h"
#include "webrdp/clipboard.h"

static uint8_t *vec(const char *name, size_t *len)
{
    char path[256];
    snprintf(path, sizeof path, "vectors/pdu/channels/%s.bin", name);
    return test_read_file(path, len);
}

/* Re-encoded bytes equal the vector. */
#define CHECK_SAME(w, v, n)                                                                          \
    do {                                                                                             \
        CHECK_EQ((w)->len, (n));                                                                     \
        if ((w)->len == (n))                                                                         \
            CHECK_MEM((w)->data, (v), (n));                                                          \
    } while (0)

/* Every strict prefix of a PDU fails to decode (the header's dataLen no longer fits). */
#define CHECK_PREFIXES(v, n, call)                                                                   \
    do {                                                                                             \
        for (size_t cut_ = 0; cut_ < (n); cut_++) {                                                  \
            const uint8_t *pdu = (v);                                                                \
            size_t len = cut_;                                                                       \
            CHECK_MSG((call) == WRDP_ERR, "prefix %zu of %zu decoded", cut_, (size_t)(n));         \
        }                                                                                            \
    } while (0)

static void caps_vector(const char *name, uint32_t flags)
{
    size_t n;
    uint8_t *v = vec(name, &n);
    wrdp_cliprdr_caps caps;
    wrdp_error err;
    CHECK(wrdp_cliprdr_caps_decode(v, n, &caps, &err) == WRDP_OK);
    CHECK(caps.has_general);
    CHECK_EQ(caps.version, WRDP_CB_CAPS_VERSION_2);
    CHECK_EQ(caps.general_flags, flags);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_cliprdr_caps_encode(&caps, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK_PREFIXES(v, n, wrdp_cliprdr_caps_decode(pdu, len, &caps, &err));
    wrdp_writer_free(&w);
    free(v);
}

static void test_caps(void)
{
    caps_vector("cliprdr_capabilities",
                WRDP_CB_USE_LONG_FORMAT_NAMES | WRDP_CB_STREAM_FILECLIP_ENABLED | WRDP_CB_FILECLIP_NO_FILE_PATHS);
    caps_vector("cliprdr_capabilities_all_file_transfer_flags",
                WRDP_CB_USE_LONG_FORMAT_NAMES | WRDP_CB_STREAM_FILECLIP_ENABLED | WRDP_CB_FILECLIP_NO_FILE_PATHS |
                    WRDP_CB_CAN_LOCK_CLIPDATA | WRDP_CB_HUGE_FILE_SUPPORT_ENABLED);
    caps_vector("cliprdr_capabilities_minimal_file_transfer", WRDP_CB_STREAM_FILECLIP_ENABLED);
    caps_vector("cliprdr_capabilities_with_locking", WRDP_CB_STREAM_FILECLIP_ENABLED | WRDP_CB_CAN_LOCK_CLIPDATA);
    caps_vector("cliprdr_capabilities_huge_files", WRDP_CB_STREAM_FILECLIP_ENABLED | WRDP_CB_HUGE_FILE_SUPPORT_ENABLED);

    /* a capability set shorter than its own header */
    uint8_t bad[] = {7, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 1, 0, 2, 0};
    wrdp_cliprdr_caps caps;
    wrdp_error err;
    CHECK(wrdp_cliprdr_caps_decode(bad, sizeof bad, &caps, &err) == WRDP_ERR);
    /* a count larger than what follows */
    uint8_t many[] = {7, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0};
    CHECK(wrdp_cliprdr_caps_decode(many, sizeof many, &caps, &err) == WRDP_ERR);
    /* dataLen of 4 GiB */
    uint8_t huge[] = {7, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 1, 0, 0, 0};
    CHECK(wrdp_cliprdr_caps_decode(huge, sizeof huge, &caps, &err) == WRDP_ERR);
    CHECK_EQ(wrdp_cliprdr_pdu_length(huge, sizeof huge), 0);
}

static void test_simple(void)
{
    size_t n;
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);

    uint8_t *v = vec("cliprdr_monitor_ready", &n);
    wrdp_cursor c;
    wrdp_cliprdr_header h;
    wrdp_bytes body;
    wrdp_cursor_init(&c, v, n, "test", &err);
    CHECK(wrdp_cliprdr_header_decode(&c, &h, &body) == WRDP_OK);
    CHECK_EQ(h.msg_type, WRDP_CB_MONITOR_READY);
    CHECK_EQ(h.data_len, 0);
    CHECK(wrdp_cliprdr_simple_encode(WRDP_CB_MONITOR_READY, 0, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    free(v);

    bool ok = false;
    v = vec("cliprdr_format_list_response", &n);
    CHECK(wrdp_cliprdr_format_list_response_decode(v, n, &ok, &err) == WRDP_OK);
    CHECK(ok);
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_format_list_response_encode(true, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK_PREFIXES(v, n, wrdp_cliprdr_format_list_response_decode(pdu, len, &ok, &err));
    free(v);

    const char *locks[2] = {"cliprdr_lock", "cliprdr_unlock"};
    for (int i = 0; i < 2; i++) {
        v = vec(locks[i], &n);
        uint16_t type;
        uint32_t id;
        CHECK(wrdp_cliprdr_lock_decode(v, n, &type, &id, &err) == WRDP_OK);
        CHECK_EQ(type, i ? WRDP_CB_UNLOCK_CLIPDATA : WRDP_CB_LOCK_CLIPDATA);
        CHECK_EQ(id, 8);
        wrdp_writer_reset(&w);
        CHECK(wrdp_cliprdr_lock_encode(type, id, &w) == WRDP_OK);
        CHECK_SAME(&w, v, n);
        CHECK_PREFIXES(v, n, wrdp_cliprdr_lock_decode(pdu, len, &type, &id, &err));
        free(v);
    }

    v = vec("cliprdr_format_data_request", &n);
    uint32_t fid;
    CHECK(wrdp_cliprdr_format_data_request_decode(v, n, &fid, &err) == WRDP_OK);
    CHECK_EQ(fid, WRDP_CF_UNICODETEXT);
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_format_data_request_encode(fid, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK_PREFIXES(v, n, wrdp_cliprdr_format_data_request_decode(pdu, len, &fid, &err));
    free(v);

    v = vec("cliprdr_format_data_response", &n);
    wrdp_bytes data;
    CHECK(wrdp_cliprdr_format_data_response_decode(v, n, &ok, &data, &err) == WRDP_OK);
    CHECK(ok);
    uint8_t want[24];
    CHECK_EQ(test_hex("680065006c006c006f00200077006f0072006c0064000000", want, sizeof want), 24);
    CHECK_EQ(data.len, 24);
    CHECK_MEM(data.data, want, 24);
    wrdp_writer t;
    wrdp_writer_init(&t, 0, &err);
    CHECK(wrdp_clip_unicode_to_utf8(data.data, data.len, &t) == WRDP_OK);
    CHECK(t.len == 11 && memcmp(t.data, "hello world", 11) == 0);
    wrdp_writer_free(&t);
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_format_data_response_encode(true, data.data, data.len, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK_PREFIXES(v, n, wrdp_cliprdr_format_data_response_decode(pdu, len, &ok, &data, &err));
    free(v);
    wrdp_writer_free(&w);
}

static void test_file_contents(void)
{
    size_t n;
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    const char *names[2] = {"cliprdr_file_contents_request_size", "cliprdr_file_contents_request_range"};
    for (int i = 0; i < 2; i++) {
        uint8_t *v = vec(names[i], &n);
        wrdp_cliprdr_file_contents_request r;
        CHECK(wrdp_cliprdr_file_contents_request_decode(v, n, &r, &err) == WRDP_OK);
        CHECK_EQ(r.stream_id, 2);
        CHECK_EQ(r.index, 1);
        CHECK_EQ(r.flags, i ? WRDP_FILECONTENTS_RANGE : WRDP_FILECONTENTS_SIZE);
        CHECK_EQ(r.position, 0);
        CHECK_EQ(r.requested, i ? 65536 : 8);
        CHECK(!r.has_clip_data_id);
        wrdp_writer_reset(&w);
        CHECK(wrdp_cliprdr_file_contents_request_encode(&r, &w) == WRDP_OK);
        CHECK_SAME(&w, v, n);
        CHECK_PREFIXES(v, n, wrdp_cliprdr_file_contents_request_decode(pdu, len, &r, &err));
        free(v);
    }
    /* with clipDataId, and a 64-bit position */
    wrdp_cliprdr_file_contents_request r = {7, 3, WRDP_FILECONTENTS_RANGE, 0x123456789aull, 100, true, 9}, r2;
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_file_contents_request_encode(&r, &w) == WRDP_OK);
    CHECK_EQ(w.len, 36);
    CHECK(wrdp_cliprdr_file_contents_request_decode(w.data, w.len, &r2, &err) == WRDP_OK);
    CHECK(r2.has_clip_data_id && r2.clip_data_id == 9 && r2.position == 0x123456789aull);

    uint8_t *v = vec("cliprdr_file_contents_response_size", &n);
    bool ok;
    uint32_t sid;
    wrdp_bytes data;
    CHECK(wrdp_cliprdr_file_contents_response_decode(v, n, &ok, &sid, &data, &err) == WRDP_OK);
    CHECK(ok);
    CHECK_EQ(sid, 2);
    CHECK_EQ(data.len, 8);
    CHECK_EQ(data.data[0], 44);
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_file_contents_response_encode(ok, sid, data.data, data.len, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK_PREFIXES(v, n, wrdp_cliprdr_file_contents_response_decode(pdu, len, &ok, &sid, &data, &err));
    free(v);

    v = vec("cliprdr_file_contents_response_data", &n);
    CHECK(wrdp_cliprdr_file_contents_response_decode(v, n, &ok, &sid, &data, &err) == WRDP_OK);
    CHECK(ok && sid == 2);
    CHECK(data.len == 44 && memcmp(data.data, "The quick brown fox jumps over the lazy dog.", 44) == 0);
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_file_contents_response_encode(ok, sid, data.data, data.len, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    free(v);
    wrdp_writer_free(&w);
}

static void test_format_lists(void)
{
    size_t n;
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    static wrdp_cliprdr_format_list fl, fl2;

    uint8_t *v = vec("cliprdr_format_list", &n);
    CHECK(wrdp_cliprdr_format_list_decode(v, n, true, &fl, &err) == WRDP_OK);
    CHECK_EQ(fl.count, 4);
    CHECK(fl.formats[0].id == 49156 && strcmp(fl.formats[0].name, "Native") == 0);
    CHECK(fl.formats[1].id == 3 && fl.formats[1].name[0] == 0);
    CHECK(fl.formats[2].id == 8 && fl.formats[2].name[0] == 0);
    CHECK(fl.formats[3].id == 17 && fl.formats[3].name[0] == 0);
    CHECK(wrdp_cliprdr_format_list_encode(&fl, true, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK_PREFIXES(v, n, wrdp_cliprdr_format_list_decode(pdu, len, true, &fl2, &err));
    /* the same list as short names, and back */
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_format_list_encode(&fl, false, &w) == WRDP_OK);
    CHECK_EQ(w.len, 8 + 4 * 36);
    CHECK(wrdp_cliprdr_format_list_decode(w.data, w.len, false, &fl2, &err) == WRDP_OK);
    CHECK(fl2.count == 4 && strcmp(fl2.formats[0].name, "Native") == 0 && fl2.formats[3].id == 17);
    /* short names: a body that is not whole 36-byte entries */
    w.data[4] = 35;
    CHECK(wrdp_cliprdr_format_list_decode(w.data, 8 + 35, false, &fl2, &err) == WRDP_ERR);
    free(v);

    v = vec("cliprdr_format_list_2", &n);
    CHECK(wrdp_cliprdr_format_list_decode(v, n, true, &fl, &err) == WRDP_OK);
    static const struct {
        uint32_t id;
        const char *name;
    } first10[10] = {{49290, "Rich Text Format"}, {49477, "Rich Text Format Without Objects"}, {49475, "RTF As Text"},
                     {1, ""}, {13, ""}, {49156, "Native"}, {49166, "Object Descriptor"}, {3, ""}, {16, ""}, {7, ""}};
    CHECK(fl.count >= 10);
    for (int i = 0; i < 10 && (size_t)i < fl.count; i++) {
        CHECK_EQ(fl.formats[i].id, first10[i].id);
        CHECK_MSG(strcmp(fl.formats[i].name, first10[i].name) == 0, "format %d name '%s'", i, fl.formats[i].name);
    }
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_format_list_encode(&fl, true, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    /* a name without its terminator */
    CHECK(wrdp_cliprdr_format_list_decode(v, n - 2, true, &fl2, &err) == WRDP_ERR);
    free(v);

    /* a name longer than we keep is cut at a character boundary */
    char longname[600];
    for (int i = 0; i < 299; i++) {
        longname[2 * i] = (char)0xC3;
        longname[2 * i + 1] = (char)0xA9; /* é */
    }
    longname[598] = 0;
    fl.count = 1;
    fl.formats[0].id = 0xC001;
    memcpy(fl.formats[0].name, "x", 2);
    wrdp_writer_reset(&w);
    size_t start = w.len;
    wrdp_wr_u16le(&w, WRDP_CB_FORMAT_LIST);
    wrdp_wr_u16le(&w, 0);
    wrdp_wr_u32le(&w, 0);
    wrdp_wr_u32le(&w, 0xC001);
    for (int i = 0; i < 299; i++)
        wrdp_wr_u16le(&w, 0xE9);
    wrdp_wr_u16le(&w, 0);
    wrdp_wr_put_u32le_at(&w, start + 4, (uint32_t)(w.len - 8));
    CHECK(wrdp_cliprdr_format_list_decode(w.data, w.len, true, &fl2, &err) == WRDP_OK);
    CHECK_EQ(strlen(fl2.formats[0].name), 254);
    CHECK(memcmp(fl2.formats[0].name, longname, 254) == 0);
    wrdp_writer_free(&w);
}

static void test_payloads(void)
{
    size_t n;
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    bool ok;
    wrdp_bytes data;

    uint8_t *v = vec("cliprdr_client_temp_dir", &n);
    char path[WRDP_CLIPRDR_TEMP_DIR_MAX];
    CHECK(wrdp_cliprdr_temp_dir_decode(v, n, path, &err) == WRDP_OK);
    CHECK(strcmp(path, "C:\\DOCUME~1\\ELTONS~1.NTD\\LOCALS~1\\Temp\\cdepotslhrdp_1\\_TSABD.tmp") == 0);
    CHECK(wrdp_cliprdr_temp_dir_encode(path, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK_PREFIXES(v, n, wrdp_cliprdr_temp_dir_decode(pdu, len, path, &err));
    free(v);

    v = vec("cliprdr_file_list", &n);
    CHECK(wrdp_cliprdr_format_data_response_decode(v, n, &ok, &data, &err) == WRDP_OK);
    wrdp_cliprdr_file *files = NULL;
    size_t count = 0;
    CHECK(wrdp_cliprdr_file_list_decode(data.data, data.len, &files, &count, &err) == WRDP_OK);
    CHECK_EQ(count, 2);
    if (count == 2) {
        CHECK(strcmp(files[0].name, "File1.txt") == 0 && strcmp(files[1].name, "File2.txt") == 0);
        CHECK(files[0].attributes == WRDP_FILE_ATTRIBUTE_ARCHIVE && files[1].attributes == WRDP_FILE_ATTRIBUTE_ARCHIVE);
        CHECK_EQ(files[0].last_write_time, 129010042240261384ull);
        CHECK_EQ(files[1].last_write_time, 129010042240261384ull);
        CHECK(files[0].size == 44 && files[1].size == 10);
        wrdp_writer p;
        wrdp_writer_init(&p, 0, &err);
        CHECK(wrdp_cliprdr_file_list_encode(files, count, &p) == WRDP_OK);
        wrdp_writer_reset(&w);
        CHECK(wrdp_cliprdr_format_data_response_encode(true, p.data, p.len, &w) == WRDP_OK);
        CHECK_SAME(&w, v, n);
        wrdp_writer_free(&p);
    }
    wrdp_free(files);
    for (size_t cut = 0; cut < data.len; cut += 7) {
        CHECK(wrdp_cliprdr_file_list_decode(data.data, cut, &files, &count, &err) == WRDP_ERR);
        CHECK(files == NULL);
    }
    uint8_t many[8] = {0xff, 0xff, 0xff, 0x7f};
    CHECK(wrdp_cliprdr_file_list_decode(many, sizeof many, &files, &count, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_LIMIT);
    free(v);

    v = vec("cliprdr_palette", &n);
    CHECK(wrdp_cliprdr_format_data_response_decode(v, n, &ok, &data, &err) == WRDP_OK);
    CHECK(wrdp_cliprdr_palette_decode(data.data, data.len, &count, &err) == WRDP_OK);
    CHECK_EQ(count, 216);
    wrdp_cliprdr_palette_entry e;
    wrdp_cliprdr_palette_entry_at(data.data, 53, &e);
    CHECK(e.red == 255 && e.green == 102 && e.blue == 51 && e.extra == 0);
    CHECK(wrdp_cliprdr_palette_decode(data.data, data.len - 1, &count, &err) == WRDP_ERR);
    free(v);

    v = vec("cliprdr_metafile", &n);
    CHECK(wrdp_cliprdr_format_data_response_decode(v, n, &ok, &data, &err) == WRDP_OK);
    wrdp_cliprdr_metafile m;
    CHECK(wrdp_cliprdr_metafile_decode(data.data, data.len, &m, &err) == WRDP_OK);
    CHECK(m.mapping_mode == 8 && m.x_ext == 556 && m.y_ext == 423);
    CHECK(m.data.len >= 6 && m.data.data[m.data.len - 6] == 3);
    wrdp_writer p;
    wrdp_writer_init(&p, 0, &err);
    CHECK(wrdp_cliprdr_metafile_encode(&m, &p) == WRDP_OK);
    wrdp_writer_reset(&w);
    CHECK(wrdp_cliprdr_format_data_response_encode(true, p.data, p.len, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    CHECK(wrdp_cliprdr_metafile_decode(data.data, 11, &m, &err) == WRDP_ERR);
    wrdp_writer_free(&p);
    free(v);
    wrdp_writer_free(&w);
}

/* ---- conversions ---- */

static void text_case(const char *utf8, const uint8_t *utf16, size_t n16)
{
    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_clip_utf8_to_unicode(utf8, strlen(utf8), &w) == WRDP_OK);
    CHECK_EQ(w.len, n16);
    if (w.len == n16)
        CHECK_MEM(w.data, utf16, n16);
    wrdp_writer_reset(&w);
    CHECK(wrdp_clip_unicode_to_utf8(utf16, n16, &w) == WRDP_OK);
    CHECK(w.len == strlen(utf8) && memcmp(w.data, utf8, w.len) == 0);
    wrdp_writer_free(&w);
}

static void test_text(void)
{
    static const uint8_t u1[] = {'a', 0, '\r', 0, '\n', 0, 'b', 0, 0xE9, 0, 0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE, 0, 0};
    text_case("a\nb\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80", u1, sizeof u1);
    static const uint8_t u2[] = {'\r', 0, '\n', 0, '\r', 0, '\n', 0, 0, 0};
    text_case("\n\n", u2, sizeof u2);
    static const uint8_t u3[] = {0, 0};
    text_case("", u3, sizeof u3);

    wrdp_error err;
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    /* an existing CRLF stays one line end; text after a NUL is not clipboard text */
    CHECK(wrdp_clip_utf8_to_unicode("x\r\ny", 4, &w) == WRDP_OK);
    CHECK(w.len == 10 && w.data[2] == '\r' && w.data[4] == '\n' && w.data[6] == 'y');
    wrdp_writer_reset(&w);
    static const uint8_t nul_mid[] = {'a', 0, 0, 0, 'b', 0};
    CHECK(wrdp_clip_unicode_to_utf8(nul_mid, sizeof nul_mid, &w) == WRDP_OK);
    CHECK(w.len == 1 && w.data[0] == 'a');
    /* odd byte count, no terminator */
    wrdp_writer_reset(&w);
    static const uint8_t odd[] = {'a', 0, 'b'};
    CHECK(wrdp_clip_unicode_to_utf8(odd, sizeof odd, &w) == WRDP_OK);
    CHECK(w.len == 1 && w.data[0] == 'a');

    /* CF_TEXT: cp1252's 0x80-0x9F, Latin-1 above, undefined bytes as C1 controls */
    static const uint8_t ansi[] = {'A', '\r', '\n', 0x80, 0x81, 0x8A, 0x99, 0x9F, 0xE9, 0xFF, 0};
    const char *utf8 = "A\n\xE2\x82\xAC\xC2\x81\xC5\xA0\xE2\x84\xA2\xC5\xB8\xC3\xA9\xC3\xBF";
    wrdp_writer_reset(&w);
    CHECK(wrdp_clip_ansi_to_utf8(ansi, sizeof ansi, &w) == WRDP_OK);
    CHECK(w.len == strlen(utf8) && memcmp(w.data, utf8, w.len) == 0);
    wrdp_writer_reset(&w);
    CHECK(wrdp_clip_utf8_to_ansi(utf8, strlen(utf8), &w) == WRDP_OK);
    CHECK_EQ(w.len, sizeof ansi);
    if (w.len == sizeof ansi)
        CHECK_MEM(w.data, ansi, sizeof ansi);
    /* what cp1252 cannot hold */
    wrdp_writer_reset(&w);
    CHECK(wrdp_clip_utf8_to_ansi("\xE4\xB8\xAD\xF0\x9F\x98\x80z", 8, &w) == WRDP_OK);
    CHECK(w.len == 4 && memcmp(w.data, "??z", 4) == 0);
    wrdp_writer_free(&w);
}

static void test_html(void)
{
    size_t n;
    wrdp_error err;
    uint8_t *v = vec("cliprdr_cf_html", &n);
    wrdp_clip_html_offsets off;
    CHECK(wrdp_clip_html_parse(v, n, &off, &err) == WRDP_OK);
    CHECK(off.start_html == 162 && off.end_html == 891 && off.start_fragment == 196 && off.end_fragment == 855);
    const char *first = "<b>Remote Desktop Protocol</b>";
    CHECK(memcmp(v + off.start_fragment, first, strlen(first)) == 0);
    CHECK(memcmp(v + off.end_fragment - 6, "</sup>", 6) == 0);
    /* offsets past the data fail */
    for (size_t cut = 0; cut < n; cut += 13) {
        if (wrdp_clip_html_parse(v, cut, &off, &err) == WRDP_OK)
            CHECK(off.end_fragment <= cut && off.end_html <= cut && off.start_fragment <= off.end_fragment);
    }
    CHECK(wrdp_clip_html_parse(v, 855 - 1, &off, &err) == WRDP_ERR);
    free(v);

    /* built headers carry exact offsets */
    const char *frag = "<p>caf\xC3\xA9 &amp; <b>bold</b></p>";
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_clip_html_build(frag, strlen(frag), &w) == WRDP_OK);
    CHECK(wrdp_clip_html_parse(w.data, w.len, &off, &err) == WRDP_OK);
    CHECK_EQ(off.end_fragment - off.start_fragment, strlen(frag));
    CHECK(memcmp(w.data + off.start_fragment, frag, strlen(frag)) == 0);
    CHECK(memcmp(w.data + off.start_html, "<html>", 6) == 0);
    CHECK(memcmp(w.data + off.end_html - 7, "</html>", 7) == 0);
    CHECK_EQ(off.end_html + 1, w.len);
    CHECK_EQ(w.data[w.len - 1], 0);
    CHECK(memcmp(w.data + off.start_fragment - 20, "<!--StartFragment-->", 20) == 0);
    CHECK(memcmp(w.data + off.end_fragment, "<!--EndFragment-->", 18) == 0);
    CHECK(memcmp(w.data, "Version:0.9\r\nStartHTML:", 23) == 0);
    wrdp_writer_free(&w);

    /* hostile headers */
    const char *bad[] = {
        "Version:0.9\r\nStartFragment:0000000050\r\nEndFragment:0000000040\r\n<x>",
        "Version:0.9\r\nStartFragment:99999999999999999999\r\nEndFragment:1\r\n<x>",
        "Version:0.9\r\nStartFragment:-1\r\nEndFragment:-1\r\n<x>",
        "no header at all",
        "",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        CHECK_MSG(wrdp_clip_html_parse((const uint8_t *)bad[i], strlen(bad[i]), &off, &err) == WRDP_ERR, "bad %zu", i);
}

static void dib_vector(const char *name, bool v5)
{
    size_t n;
    wrdp_error err;
    uint8_t *v = vec(name, &n);
    wrdp_image img;
    CHECK(wrdp_clip_dib_to_image(v, n, &img, &err) == WRDP_OK);
    CHECK(img.width == 15 && img.height == 5);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    CHECK(wrdp_clip_image_to_dib(&img, v5, &w) == WRDP_OK);
    CHECK_SAME(&w, v, n);
    /* through PNG and our PNG decoder: the same bytes again */
    wrdp_writer png, back;
    wrdp_writer_init(&png, 0, &err);
    wrdp_writer_init(&back, 0, &err);
    CHECK(wrdp_clip_dib_to_png(v, n, &png, &err) == WRDP_OK);
    CHECK(png.len > 8 && memcmp(png.data, "\x89PNG", 4) == 0);
    CHECK(wrdp_clip_png_to_dib(png.data, png.len, v5, &back, &err) == WRDP_OK);
    CHECK_SAME(&back, v, n);
    for (size_t cut = 0; cut < n; cut++) {
        wrdp_image t;
        CHECK(wrdp_clip_dib_to_image(v, cut, &t, &err) == WRDP_ERR);
    }
    wrdp_writer_free(&png);
    wrdp_writer_free(&back);
    wrdp_writer_free(&w);
    wrdp_image_free(&img);
    free(v);
}

static uint32_t rng = 99;
static uint8_t rnd(void)
{
    rng = rng * 1103515245u + 12345u;
    return (uint8_t)(rng >> 16);
}

static void test_dib(void)
{
    dib_vector("cliprdr_cf_dib", false);
    dib_vector("cliprdr_cf_dibv5", true);
    wrdp_error err;
    /* 24 and 32 bpp, odd widths (row padding), through PNG and back, pixel exact */
    for (uint32_t wdt = 1; wdt <= 7; wdt += 2) {
        wrdp_image img, got;
        CHECK(wrdp_image_init(&img, wdt, 3, &err) == WRDP_OK);
        for (size_t i = 0; i < (size_t)wdt * 3 * 4; i++)
            img.data[i] = rnd();
        for (int mode = 0; mode < 3; mode++) { /* 24 bpp, 32 bpp, 32 bpp V5 */
            wrdp_writer dib, png, dib2;
            wrdp_writer_init(&dib, 0, &err);
            wrdp_writer_init(&png, 0, &err);
            wrdp_writer_init(&dib2, 0, &err);
            if (mode == 0)
                CHECK(wrdp_clip_image_to_dib24(&img, &dib) == WRDP_OK);
            else
                CHECK(wrdp_clip_image_to_dib(&img, mode == 2, &dib) == WRDP_OK);
            size_t stride = mode == 0 ? (wdt * 3 + 3) / 4 * 4 : wdt * 4;
            CHECK_EQ(dib.len, (mode == 2 ? 124u : 40u) + stride * 3);
            CHECK(wrdp_clip_dib_to_png(dib.data, dib.len, &png, &err) == WRDP_OK);
            CHECK(wrdp_png_decode(png.data, png.len, &got, &err) == WRDP_OK);
            bool same = got.width == wdt && got.height == 3;
            for (size_t i = 0; same && i < (size_t)wdt * 3; i++) {
                same = memcmp(got.data + i * 4, img.data + i * 4, 3) == 0 &&
                       got.data[i * 4 + 3] == (mode == 0 ? 255 : img.data[i * 4 + 3]);
            }
            CHECK_MSG(same, "width %u mode %d", wdt, mode);
            if (mode == 0) {
                /* the last row (bottom-up: the first in the file) holds the image's bottom row */
                const uint8_t *px = dib.data + 40;
                const uint8_t *src = img.data + 2 * img.stride;
                CHECK(px[0] == src[2] && px[1] == src[1] && px[2] == src[0]);
            } else {
                CHECK(wrdp_clip_png_to_dib(png.data, png.len, mode == 2, &dib2, &err) == WRDP_OK);
                CHECK_SAME(&dib2, dib.data, dib.len);
            }
            wrdp_image_free(&got);
            wrdp_writer_free(&dib);
            wrdp_writer_free(&png);
            wrdp_writer_free(&dib2);
        }
        wrdp_image_free(&img);
    }

    /* top-down, BI_BITFIELDS with the masks after a 40-byte header, in RGBX order */
    uint8_t td[40 + 12 + 8] = {40, 0, 0, 0, 2, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 1, 0, 32, 0, 3, 0, 0, 0};
    uint32_t masks[3] = {0x000000ff, 0x0000ff00, 0x00ff0000};
    for (int i = 0; i < 3; i++)
        for (int b = 0; b < 4; b++)
            td[40 + i * 4 + b] = (uint8_t)(masks[i] >> (8 * b));
    const uint8_t px[8] = {10, 20, 30, 0, 40, 50, 60, 0};
    memcpy(td + 52, px, 8);
    wrdp_image img;
    CHECK(wrdp_clip_dib_to_image(td, sizeof td, &img, &err) == WRDP_OK);
    if (img.data) {
        static const uint8_t want[8] = {10, 20, 30, 255, 40, 50, 60, 255};
        CHECK_MEM(img.data, want, 8);
    }
    wrdp_image_free(&img);
    /* 32 bpp BI_RGB with every alpha 0 is opaque */
    uint8_t z[40 + 4] = {40, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 32, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                         0,  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 0};
    CHECK(wrdp_clip_dib_to_image(z, sizeof z, &img, &err) == WRDP_OK);
    if (img.data)
        CHECK(img.data[0] == 3 && img.data[1] == 2 && img.data[2] == 1 && img.data[3] == 255);
    wrdp_image_free(&img);

    /* hostile headers */
    uint8_t h[64];
    memcpy(h, z, sizeof z);
    h[4] = 0xff, h[5] = 0xff, h[6] = 0xff, h[7] = 0x7f; /* width 2^31-1 */
    CHECK(wrdp_clip_dib_to_image(h, sizeof z, &img, &err) == WRDP_ERR);
    memcpy(h, z, sizeof z);
    h[8] = 0, h[9] = 0, h[10] = 0, h[11] = 0x80; /* height INT32_MIN */
    CHECK(wrdp_clip_dib_to_image(h, sizeof z, &img, &err) == WRDP_ERR);
    memcpy(h, z, sizeof z);
    h[0] = 200; /* header past the end */
    CHECK(wrdp_clip_dib_to_image(h, sizeof z, &img, &err) == WRDP_ERR);
    memcpy(h, z, sizeof z);
    h[32] = 0xff, h[33] = 0xff; /* colour table past the end */
    CHECK(wrdp_clip_dib_to_image(h, sizeof z, &img, &err) == WRDP_ERR);
    memcpy(h, z, sizeof z);
    h[14] = 8; /* 8 bpp */
    CHECK(wrdp_clip_dib_to_image(h, sizeof z, &img, &err) == WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_UNSUPPORTED);
    memcpy(h, z, sizeof z);
    h[16] = 1; /* BI_RLE8 */
    CHECK(wrdp_clip_dib_to_image(h, sizeof z, &img, &err) == WRDP_ERR);
    memcpy(h, z, sizeof z);
    h[8] = 2; /* two rows, one present */
    CHECK(wrdp_clip_dib_to_image(h, sizeof z, &img, &err) == WRDP_ERR);
}

/* ---- a whole exchange ---- */

typedef struct {
    wrdp_writer out;
    size_t pos;
} pdus;

/* The next whole PDU the client wrote. */
static const uint8_t *next_pdu(pdus *p, size_t *len)
{
    size_t n = wrdp_cliprdr_pdu_length(p->out.data + p->pos, p->out.len - p->pos);
    if (!n)
        return NULL;
    const uint8_t *pdu = p->out.data + p->pos;
    p->pos += n;
    *len = n;
    return pdu;
}

static uint32_t le_hdr(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static uint16_t type_of(const uint8_t *pdu)
{
    return (uint16_t)(pdu[0] | pdu[1] << 8);
}

static void serve(wrdp_cliprdr *cl, wrdp_writer *msg, pdus *p)
{
    int rc = wrdp_cliprdr_process(cl, msg->data, msg->len, &p->out);
    CHECK_MSG(rc == WRDP_OK, "%s", wrdp_cliprdr_error(cl)->message);
    wrdp_writer_reset(msg);
}

static void test_exchange(void)
{
    wrdp_error err;
    wrdp_cliprdr *cl = wrdp_cliprdr_new(NULL, &err);
    CHECK(cl != NULL);
    pdus p = {{0}, 0};
    wrdp_writer_init(&p.out, 0, &err);
    wrdp_writer m;
    wrdp_writer_init(&m, 0, &err);
    wrdp_cliprdr_event ev;

    /* the local side holds text before the channel is up: nothing is sent yet */
    const char *local_text = "line one\nline two \xE2\x82\xAC";
    wrdp_clip_item items[3] = {{WRDP_CLIP_TEXT, (const uint8_t *)local_text, strlen(local_text), NULL, 0}};
    CHECK(wrdp_cliprdr_set_local(cl, items, 1, &p.out) == WRDP_OK);
    CHECK_EQ(p.out.len, 0);
    CHECK(wrdp_cliprdr_request(cl, 13, &p.out) == WRDP_ERR);

    /* server: capabilities, monitor ready -> client: capabilities + format list */
    wrdp_cliprdr_caps sc = {true, 2, WRDP_CB_USE_LONG_FORMAT_NAMES | WRDP_CB_CAN_LOCK_CLIPDATA};
    wrdp_cliprdr_caps_encode(&sc, &m);
    serve(cl, &m, &p);
    CHECK_EQ(p.out.len, 0);
    wrdp_cliprdr_simple_encode(WRDP_CB_MONITOR_READY, 0, &m);
    serve(cl, &m, &p);
    size_t n;
    const uint8_t *pdu = next_pdu(&p, &n);
    CHECK(pdu && type_of(pdu) == WRDP_CB_CLIP_CAPS);
    wrdp_cliprdr_caps cc;
    CHECK(pdu && wrdp_cliprdr_caps_decode(pdu, n, &cc, &err) == WRDP_OK);
    CHECK(cc.general_flags & WRDP_CB_USE_LONG_FORMAT_NAMES);
    pdu = next_pdu(&p, &n);
    static wrdp_cliprdr_format_list fl;
    CHECK(pdu && wrdp_cliprdr_format_list_decode(pdu, n, true, &fl, &err) == WRDP_OK);
    CHECK(fl.count == 2 && fl.formats[0].id == WRDP_CF_UNICODETEXT && fl.formats[1].id == WRDP_CF_TEXT);
    CHECK(next_pdu(&p, &n) == NULL);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_READY);
    CHECK(ev.server_caps.general_flags == sc.general_flags);
    CHECK(!wrdp_cliprdr_next_event(cl, &ev));

    /* server: Format List Response to ours */
    wrdp_cliprdr_format_list_response_encode(true, &m);
    serve(cl, &m, &p);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_LOCAL_ACCEPTED && ev.ok);

    /* server asks for each of our text formats */
    wrdp_cliprdr_format_data_request_encode(WRDP_CF_UNICODETEXT, &m);
    serve(cl, &m, &p);
    wrdp_cliprdr_format_data_request_encode(WRDP_CF_TEXT, &m);
    serve(cl, &m, &p);
    wrdp_cliprdr_format_data_request_encode(WRDP_CF_DIB, &m); /* not offered */
    serve(cl, &m, &p);
    bool ok;
    wrdp_bytes data;
    wrdp_writer t;
    wrdp_writer_init(&t, 0, &err);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_data_response_decode(pdu, n, &ok, &data, &err) == WRDP_OK && ok);
    wrdp_clip_utf8_to_unicode(local_text, strlen(local_text), &t);
    CHECK(data.len == t.len && memcmp(data.data, t.data, t.len) == 0);
    CHECK(data.len > 20 && data.data[16] == '\r' && data.data[18] == '\n');
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_data_response_decode(pdu, n, &ok, &data, &err) == WRDP_OK && ok);
    CHECK(data.len == strlen(local_text) - 2 + 1 + 1 && memcmp(data.data, "line one\r\nline two \x80", 20) == 0);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_data_response_decode(pdu, n, &ok, &data, &err) == WRDP_OK && !ok);
    CHECK(pdu && pdu[2] == WRDP_CB_RESPONSE_FAIL && data.len == 0);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_LOCAL_SENT && ev.ok && ev.format_id == 13);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_LOCAL_SENT && ev.ok && ev.format_id == 1);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_LOCAL_SENT && !ev.ok && ev.format_id == 8);
    CHECK(!wrdp_cliprdr_next_event(cl, &ev));

    /* server: a Format List -> Format List Response OK + "remote clipboard changed" */
    static wrdp_cliprdr_format_list sl;
    sl.count = 6;
    sl.formats[0].id = WRDP_CF_UNICODETEXT;
    sl.formats[1].id = WRDP_CF_TEXT;
    sl.formats[2].id = 0xC0A5;
    strcpy(sl.formats[2].name, "HTML Format");
    sl.formats[3].id = WRDP_CF_DIB;
    sl.formats[4].id = 0xC0B0;
    strcpy(sl.formats[4].name, "FileGroupDescriptorW");
    sl.formats[5].id = 0xC0C0;
    strcpy(sl.formats[5].name, "Rich Text Format");
    wrdp_cliprdr_format_list_encode(&sl, true, &m);
    serve(cl, &m, &p);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_list_response_decode(pdu, n, &ok, &err) == WRDP_OK && ok);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_REMOTE_FORMATS);
    CHECK(ev.formats && ev.formats->count == 6);
    CHECK_EQ(ev.kinds, 1u << WRDP_CLIP_TEXT | 1u << WRDP_CLIP_HTML | 1u << WRDP_CLIP_PNG | 1u << WRDP_CLIP_FILES |
                           1u << WRDP_CLIP_RAW);

    /* text: request -> Format Data Request 13; the response -> UTF-8 with LF */
    CHECK(wrdp_cliprdr_request_kind(cl, WRDP_CLIP_TEXT, &p.out) == WRDP_OK);
    uint32_t fid = 0;
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_data_request_decode(pdu, n, &fid, &err) == WRDP_OK && fid == 13);
    wrdp_writer_reset(&t);
    wrdp_clip_utf8_to_unicode("remote\ntext \xC3\xA9", 14, &t);
    wrdp_cliprdr_format_data_response_encode(true, t.data, t.len, &m);
    serve(cl, &m, &p);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA);
    CHECK(ev.kind == WRDP_CLIP_TEXT && ev.format_id == 13 && ev.mime && strncmp(ev.mime, "text/plain", 10) == 0);
    CHECK(ev.len == 14 && memcmp(ev.data, "remote\ntext \xC3\xA9", 14) == 0);

    /* CF_TEXT, HTML, DIB, file list, an unconverted format: four requests in flight, answered in order */
    CHECK(wrdp_cliprdr_request(cl, WRDP_CF_TEXT, &p.out) == WRDP_OK);
    CHECK(wrdp_cliprdr_request_kind(cl, WRDP_CLIP_HTML, &p.out) == WRDP_OK);
    CHECK(wrdp_cliprdr_request_kind(cl, WRDP_CLIP_PNG, &p.out) == WRDP_OK);
    CHECK(wrdp_cliprdr_request_kind(cl, WRDP_CLIP_FILES, &p.out) == WRDP_OK);
    CHECK(wrdp_cliprdr_request(cl, 0xC0C0, &p.out) == WRDP_OK);
    uint32_t want_ids[5] = {WRDP_CF_TEXT, 0xC0A5, WRDP_CF_DIB, 0xC0B0, 0xC0C0};
    for (int i = 0; i < 5; i++) {
        pdu = next_pdu(&p, &n);
        CHECK(pdu && wrdp_cliprdr_format_data_request_decode(pdu, n, &fid, &err) == WRDP_OK && fid == want_ids[i]);
    }
    const uint8_t ansi[] = {'a', 0x80, '\r', '\n', 0};
    wrdp_cliprdr_format_data_response_encode(true, ansi, sizeof ansi, &m);
    serve(cl, &m, &p);
    wrdp_writer_reset(&t);
    wrdp_clip_html_build("<i>hi</i>", 9, &t);
    wrdp_cliprdr_format_data_response_encode(true, t.data, t.len, &m);
    serve(cl, &m, &p);
    size_t dn;
    uint8_t *dib = vec("cliprdr_cf_dib", &dn);
    wrdp_cliprdr_format_data_response_encode(true, dib, dn, &m);
    serve(cl, &m, &p);
    size_t fn;
    uint8_t *flv = vec("cliprdr_file_list", &fn);
    wrdp_writer_reset(&m);
    wrdp_wr_bytes(&m, flv, fn);
    serve(cl, &m, &p);
    wrdp_cliprdr_format_data_response_encode(true, (const uint8_t *)"{\\rtf1}", 7, &m);
    serve(cl, &m, &p);

    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA && ev.format_id == WRDP_CF_TEXT);
    CHECK(ev.len == 5 && memcmp(ev.data, "a\xE2\x82\xAC\n", 5) == 0);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA && ev.kind == WRDP_CLIP_HTML);
    CHECK(ev.len == 9 && memcmp(ev.data, "<i>hi</i>", 9) == 0 && strcmp(ev.mime, "text/html") == 0);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA && ev.kind == WRDP_CLIP_PNG);
    CHECK(ev.mime && strcmp(ev.mime, "image/png") == 0);
    wrdp_writer_reset(&t);
    CHECK(wrdp_clip_png_to_dib(ev.data, ev.len, false, &t, &err) == WRDP_OK);
    CHECK_SAME(&t, dib, dn);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA && ev.kind == WRDP_CLIP_FILES);
    CHECK(ev.file_count == 2 && strcmp(ev.files[1].name, "File2.txt") == 0 && ev.files[1].size == 10);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA && ev.kind == WRDP_CLIP_RAW);
    CHECK(ev.len == 7 && memcmp(ev.data, "{\\rtf1}", 7) == 0 && ev.mime == NULL);
    CHECK(!wrdp_cliprdr_next_event(cl, &ev));
    free(dib);
    free(flv);

    /* a failed answer, a broken DIB, and a response nobody asked for */
    CHECK(wrdp_cliprdr_request(cl, WRDP_CF_DIB, &p.out) == WRDP_OK);
    CHECK(wrdp_cliprdr_request(cl, WRDP_CF_DIB, &p.out) == WRDP_OK);
    next_pdu(&p, &n);
    next_pdu(&p, &n);
    wrdp_cliprdr_format_data_response_encode(false, NULL, 0, &m);
    serve(cl, &m, &p);
    wrdp_cliprdr_format_data_response_encode(true, (const uint8_t *)"\x28\0\0\0\xff\xff\xff\x7f", 8, &m);
    serve(cl, &m, &p);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA_FAILED && !ev.ok);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_DATA_FAILED);
    wrdp_cliprdr_format_data_response_encode(true, (const uint8_t *)"x", 1, &m);
    CHECK(wrdp_cliprdr_process(cl, m.data, m.len, &p.out) == WRDP_ERR);
    wrdp_writer_reset(&m);

    /* local side: HTML, PNG, files -> a Format List; the server pulls each */
    wrdp_image img;
    wrdp_image_init(&img, 5, 3, &err);
    for (size_t i = 0; i < 5 * 3 * 4; i++)
        img.data[i] = rnd();
    wrdp_writer png;
    wrdp_writer_init(&png, 0, &err);
    wrdp_png_encode(&img, NULL, &png, &err);
    const char *html = "<b>local</b>";
    static const uint8_t contents[] = "0123456789abcdef";
    wrdp_clip_file files[2] = {{"report.txt", 16, 132000000000000000ull, false, contents},
                               {"dir\\big.bin", 5000000000ull, 0, false, NULL}};
    items[0] = (wrdp_clip_item){WRDP_CLIP_HTML, (const uint8_t *)html, strlen(html), NULL, 0};
    items[1] = (wrdp_clip_item){WRDP_CLIP_PNG, png.data, png.len, NULL, 0};
    items[2] = (wrdp_clip_item){WRDP_CLIP_FILES, NULL, 0, files, 2};
    CHECK(wrdp_cliprdr_set_local(cl, items, 3, &p.out) == WRDP_OK);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_list_decode(pdu, n, true, &fl, &err) == WRDP_OK);
    uint32_t html_id = 0, png_id = 0, files_id = 0;
    bool has_dib = false, has_dibv5 = false, has_text = false;
    for (size_t i = 0; i < fl.count; i++) {
        if (strcmp(fl.formats[i].name, "HTML Format") == 0)
            html_id = fl.formats[i].id;
        if (strcmp(fl.formats[i].name, "PNG") == 0)
            png_id = fl.formats[i].id;
        if (strcmp(fl.formats[i].name, "FileGroupDescriptorW") == 0)
            files_id = fl.formats[i].id;
        has_dib |= fl.formats[i].id == WRDP_CF_DIB;
        has_dibv5 |= fl.formats[i].id == WRDP_CF_DIBV5;
        has_text |= fl.formats[i].id == WRDP_CF_UNICODETEXT;
    }
    CHECK(html_id >= 0xC000 && png_id >= 0xC000 && files_id >= 0xC000 && has_dib && has_dibv5 && !has_text);

    uint32_t asks[5] = {html_id, png_id, WRDP_CF_DIB, WRDP_CF_DIBV5, files_id};
    for (int i = 0; i < 5; i++) {
        wrdp_cliprdr_format_data_request_encode(asks[i], &m);
        serve(cl, &m, &p);
        CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_LOCAL_SENT && ev.ok &&
              ev.format_id == asks[i]);
    }
    wrdp_clip_html_offsets off;
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_data_response_decode(pdu, n, &ok, &data, &err) == WRDP_OK && ok);
    CHECK(wrdp_clip_html_parse(data.data, data.len, &off, &err) == WRDP_OK);
    CHECK(off.end_fragment - off.start_fragment == strlen(html) &&
          memcmp(data.data + off.start_fragment, html, strlen(html)) == 0);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_data_response_decode(pdu, n, &ok, &data, &err) == WRDP_OK && ok);
    CHECK(data.len == png.len && memcmp(data.data, png.data, png.len) == 0);
    for (int v5 = 0; v5 < 2; v5++) {
        pdu = next_pdu(&p, &n);
        CHECK(pdu && wrdp_cliprdr_format_data_response_decode(pdu, n, &ok, &data, &err) == WRDP_OK && ok);
        wrdp_image got;
        CHECK(wrdp_clip_dib_to_image(data.data, data.len, &got, &err) == WRDP_OK);
        CHECK_EQ(le_hdr(data.data), v5 ? 124 : 40);
        if (got.data)
            CHECK_MEM(got.data, img.data, 5 * 3 * 4);
        wrdp_image_free(&got);
    }
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_data_response_decode(pdu, n, &ok, &data, &err) == WRDP_OK && ok);
    wrdp_cliprdr_file *fd = NULL;
    size_t fdn = 0;
    CHECK(wrdp_cliprdr_file_list_decode(data.data, data.len, &fd, &fdn, &err) == WRDP_OK);
    CHECK(fdn == 2 && strcmp(fd[0].name, "report.txt") == 0 && fd[0].size == 16 &&
          fd[0].last_write_time == 132000000000000000ull && strcmp(fd[1].name, "dir\\big.bin") == 0 &&
          fd[1].size == 5000000000ull);
    wrdp_free(fd);

    /* File Contents: sizes, ranges (clamped at the end), a file the application streams, a bad index */
    wrdp_cliprdr_file_contents_request fr = {5, 0, WRDP_FILECONTENTS_SIZE, 0, 8, false, 0};
    wrdp_cliprdr_file_contents_request_encode(&fr, &m);
    serve(cl, &m, &p);
    fr = (wrdp_cliprdr_file_contents_request){6, 0, WRDP_FILECONTENTS_RANGE, 10, 100, false, 0};
    wrdp_cliprdr_file_contents_request_encode(&fr, &m);
    serve(cl, &m, &p);
    fr = (wrdp_cliprdr_file_contents_request){7, 1, WRDP_FILECONTENTS_SIZE, 0, 8, false, 0};
    wrdp_cliprdr_file_contents_request_encode(&fr, &m);
    serve(cl, &m, &p);
    fr = (wrdp_cliprdr_file_contents_request){8, 1, WRDP_FILECONTENTS_RANGE, 4294967296ull, 65536, true, 3};
    wrdp_cliprdr_file_contents_request_encode(&fr, &m);
    serve(cl, &m, &p);
    fr = (wrdp_cliprdr_file_contents_request){9, 2, WRDP_FILECONTENTS_SIZE, 0, 8, false, 0};
    wrdp_cliprdr_file_contents_request_encode(&fr, &m);
    serve(cl, &m, &p);
    fr.index = -1;
    wrdp_cliprdr_file_contents_request_encode(&fr, &m);
    serve(cl, &m, &p);
    uint32_t sid;
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_file_contents_response_decode(pdu, n, &ok, &sid, &data, &err) == WRDP_OK);
    CHECK(ok && sid == 5 && data.len == 8 && data.data[0] == 16 && data.data[1] == 0);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_file_contents_response_decode(pdu, n, &ok, &sid, &data, &err) == WRDP_OK);
    CHECK(ok && sid == 6 && data.len == 6 && memcmp(data.data, "abcdef", 6) == 0);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_file_contents_response_decode(pdu, n, &ok, &sid, &data, &err) == WRDP_OK);
    CHECK(ok && sid == 7 && data.len == 8 && data.data[4] == 1); /* 5e9 = 0x12A05F200 */
    pdu = next_pdu(&p, &n); /* stream 8 went to the application */
    CHECK(pdu && wrdp_cliprdr_file_contents_response_decode(pdu, n, &ok, &sid, &data, &err) == WRDP_OK);
    CHECK(!ok && sid == 9);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_file_contents_response_decode(pdu, n, &ok, &sid, &data, &err) == WRDP_OK && !ok);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_FILE_CONTENTS_REQUEST);
    CHECK(ev.request.stream_id == 8 && ev.request.index == 1 && ev.request.position == 4294967296ull &&
          ev.request.requested == 65536 && ev.request.clip_data_id == 3);
    CHECK(wrdp_cliprdr_file_contents_respond(cl, 8, true, contents, 16, &p.out) == WRDP_OK);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_file_contents_response_decode(pdu, n, &ok, &sid, &data, &err) == WRDP_OK);
    CHECK(ok && sid == 8 && data.len == 16);

    /* downloads: we ask the server for a range */
    fr = (wrdp_cliprdr_file_contents_request){11, 0, WRDP_FILECONTENTS_RANGE, 0, 4, false, 0};
    CHECK(wrdp_cliprdr_request_file_contents(cl, &fr, &p.out) == WRDP_OK);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && type_of(pdu) == WRDP_CB_FILECONTENTS_REQUEST);
    wrdp_cliprdr_file_contents_response_encode(true, 11, (const uint8_t *)"abcd", 4, &m);
    serve(cl, &m, &p);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_FILE_CONTENTS);
    CHECK(ev.ok && ev.request.stream_id == 11 && ev.len == 4 && memcmp(ev.data, "abcd", 4) == 0);

    /* Lock / Unlock both ways */
    CHECK(wrdp_cliprdr_lock(cl, true, 4, &p.out) == WRDP_OK);
    CHECK(wrdp_cliprdr_lock(cl, false, 4, &p.out) == WRDP_OK);
    uint16_t lt;
    uint32_t lid;
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_lock_decode(pdu, n, &lt, &lid, &err) == WRDP_OK && lt == WRDP_CB_LOCK_CLIPDATA && lid == 4);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_lock_decode(pdu, n, &lt, &lid, &err) == WRDP_OK && lt == WRDP_CB_UNLOCK_CLIPDATA);
    wrdp_cliprdr_lock_encode(WRDP_CB_LOCK_CLIPDATA, 77, &m);
    serve(cl, &m, &p);
    wrdp_cliprdr_lock_encode(WRDP_CB_UNLOCK_CLIPDATA, 77, &m);
    serve(cl, &m, &p);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_LOCK && ev.clip_data_id == 77);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_UNLOCK && ev.clip_data_id == 77);

    /* hostile: a Format List whose name has no terminator is refused with a FAIL response */
    wrdp_wr_u16le(&m, WRDP_CB_FORMAT_LIST);
    wrdp_wr_u16le(&m, 0);
    wrdp_wr_u32le(&m, 6);
    wrdp_wr_u32le(&m, 0xC000);
    wrdp_wr_u16le(&m, 'x');
    CHECK(wrdp_cliprdr_process(cl, m.data, m.len, &p.out) == WRDP_ERR);
    wrdp_writer_reset(&m);
    pdu = next_pdu(&p, &n);
    CHECK(pdu && wrdp_cliprdr_format_list_response_decode(pdu, n, &ok, &err) == WRDP_OK && !ok);
    /* a header whose dataLen runs past the message, an unknown type, a short message */
    static const uint8_t past[] = {2, 0, 0, 0, 0xff, 0xff, 0, 0, 1, 2};
    CHECK(wrdp_cliprdr_process(cl, past, sizeof past, &p.out) == WRDP_ERR);
    static const uint8_t unknown[] = {0x42, 0, 0, 0, 0, 0, 0, 0};
    CHECK(wrdp_cliprdr_process(cl, unknown, sizeof unknown, &p.out) == WRDP_OK);
    CHECK(wrdp_cliprdr_process(cl, unknown, 3, &p.out) == WRDP_ERR);
    CHECK(next_pdu(&p, &n) == NULL);

    /* an application that never drains events loses the oldest, not memory */
    for (int i = 0; i < 100; i++) {
        wrdp_cliprdr_lock_encode(WRDP_CB_LOCK_CLIPDATA, (uint32_t)i, &m);
        serve(cl, &m, &p);
    }
    int count = 0;
    uint32_t last = 0;
    while (wrdp_cliprdr_next_event(cl, &ev)) {
        count++;
        last = ev.clip_data_id;
    }
    CHECK(count > 0 && count <= 100 && last == 99);

    wrdp_writer_free(&png);
    wrdp_image_free(&img);
    wrdp_writer_free(&t);
    wrdp_writer_free(&m);
    wrdp_writer_free(&p.out);
    wrdp_cliprdr_free(cl);
}

/* Without server capabilities the client falls back to short format names. */
static void test_short_names(void)
{
    wrdp_error err;
    wrdp_cliprdr *cl = wrdp_cliprdr_new(NULL, &err);
    pdus p = {{0}, 0};
    wrdp_writer_init(&p.out, 0, &err);
    wrdp_writer m;
    wrdp_writer_init(&m, 0, &err);
    const char *html = "<p>x</p>";
    wrdp_clip_item it = {WRDP_CLIP_HTML, (const uint8_t *)html, strlen(html), NULL, 0};
    wrdp_cliprdr_set_local(cl, &it, 1, &p.out);
    wrdp_cliprdr_simple_encode(WRDP_CB_MONITOR_READY, 0, &m);
    serve(cl, &m, &p);
    size_t n;
    const uint8_t *pdu = next_pdu(&p, &n);
    CHECK(pdu && type_of(pdu) == WRDP_CB_CLIP_CAPS);
    pdu = next_pdu(&p, &n);
    static wrdp_cliprdr_format_list fl;
    CHECK(pdu && n == 8 + 36 && wrdp_cliprdr_format_list_decode(pdu, n, false, &fl, &err) == WRDP_OK);
    CHECK(fl.count == 1 && strcmp(fl.formats[0].name, "HTML Format") == 0);
    /* the server's short-name list, with 8-bit names */
    wrdp_wr_u16le(&m, WRDP_CB_FORMAT_LIST);
    wrdp_wr_u16le(&m, WRDP_CB_ASCII_NAMES);
    wrdp_wr_u32le(&m, 36);
    wrdp_wr_u32le(&m, 0xC010);
    uint8_t name[32] = "HTML Format";
    wrdp_wr_bytes(&m, name, 32);
    serve(cl, &m, &p);
    wrdp_cliprdr_event ev;
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_READY);
    CHECK(wrdp_cliprdr_next_event(cl, &ev) && ev.type == WRDP_CLIPRDR_EVENT_REMOTE_FORMATS);
    CHECK(ev.kinds == 1u << WRDP_CLIP_HTML && ev.formats->ascii_names);
    wrdp_writer_free(&m);
    wrdp_writer_free(&p.out);
    wrdp_cliprdr_free(cl);
}

int main(void)
{
    test_caps();
    test_simple();
    test_file_contents();
    test_format_lists();
    test_payloads();
    test_text();
    test_html();
    test_dib();
    test_exchange();
    test_short_names();
    return test_finish("channels_cliprdr");
}
