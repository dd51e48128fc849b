/* Preconnection PDU (MS-RDPEPS 2.2.1.1/2.2.1.2) against the MS-RDPEPS section 4
 * examples (tests/vectors/pdu/channels/pcb_v1.bin, pcb_v2.bin) and IronRDP's
 * malformed samples (pcb_err_*). */
#include <string.h>

#include "connector/pcb.h"
#include "test.h"

static void roundtrip(const char *path, uint32_t version, uint32_t id, const char *blob)
{
    size_t len;
    uint8_t *v = test_read_file(path, &len);
    wrdp_cursor c;
    wrdp_pcb pcb;
    wrdp_cursor_init(&c, v, len, "pcb", NULL);
    CHECK(wrdp_pcb_decode(&c, &pcb) == 0);
    CHECK_EQ(wrdp_cursor_remaining(&c), 0);
    CHECK_EQ(pcb.Version, version);
    CHECK_EQ(pcb.Id, id);
    CHECK_EQ(pcb.Flags, 0);
    if (blob) {
        char s[32] = {0};
        CHECK_EQ(pcb.wszPCB.len, (strlen(blob) + 1) * 2); /* cchPCB counts the NUL */
        wrdp_utf16le_to_utf8(pcb.wszPCB.data, wrdp_utf16le_strnlen(pcb.wszPCB.data, pcb.wszPCB.len), s,
                             sizeof s - 1);
        CHECK(strcmp(s, blob) == 0);
    }
    /* re-encoding the decoded fields, and writing from the plain values, give the bytes */
    wrdp_writer w;
    wrdp_writer_init(&w, 1024, NULL);
    CHECK(wrdp_pcb_encode(&pcb, &w) == 0);
    CHECK(w.len == len && memcmp(w.data, v, len) == 0);
    wrdp_writer_reset(&w);
    CHECK(wrdp_pcb_write(id, blob, &w) == 0);
    CHECK(w.len == len && memcmp(w.data, v, len) == 0);
    wrdp_writer_free(&w);
    free(v);
}

static void rejected(const char *path)
{
    size_t len;
    uint8_t *v = test_read_file(path, &len);
    wrdp_cursor c;
    wrdp_pcb pcb;
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor_init(&c, v, len, "pcb", &err);
    CHECK_MSG(wrdp_pcb_decode(&c, &pcb) != 0, "%s accepted", path);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    free(v);
}

int main(void)
{
    roundtrip("vectors/pdu/channels/pcb_v1.bin", WRDP_PCB_VERSION_1, 0xEEC699EB, NULL);
    roundtrip("vectors/pdu/channels/pcb_v2.bin", WRDP_PCB_VERSION_2, 0, "TestVM");
    rejected("vectors/pdu/channels/pcb_err_preconnection_pdu_v1_null_size_buf.bin");
    rejected("vectors/pdu/channels/pcb_err_preconnection_pdu_v1_large_size_buf.bin");
    rejected("vectors/pdu/channels/pcb_err_preconnection_pdu_v2_large_payload_size_buf.bin");
    /* every truncation of a valid PDU fails */
    size_t len;
    uint8_t *v = test_read_file("vectors/pdu/channels/pcb_v2.bin", &len);
    for (size_t n = 0; n < len; n++) {
        wrdp_cursor c;
        wrdp_pcb pcb;
        wrdp_cursor_init(&c, v, n, "pcb", NULL);
        CHECK(wrdp_pcb_decode(&c, &pcb) != 0);
    }
    /* an unknown version */
    v[8] = 3;
    wrdp_cursor c;
    wrdp_pcb pcb;
    wrdp_cursor_init(&c, v, len, "pcb", NULL);
    CHECK(wrdp_pcb_decode(&c, &pcb) != 0);
    free(v);
    return test_finish("connector_pcb");
}
