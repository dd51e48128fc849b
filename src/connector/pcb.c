/* Preconnection PDU (MS-RDPEPS 2.2.1.1, 2.2.1.2). */
#include <string.h>
#include <stdbool.h>

#include "pcb.h"

int wrdp_pcb_decode(wrdp_cursor *c, wrdp_pcb *out)
{
    memset(out, 0, sizeof *out);
    uint32_t cbSize = wrdp_rd_u32le(c, "cbSize");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (cbSize < WRDP_PCB_V1_SIZE)
        return wrdp_cursor_fail(c, "cbSize", "%u is below the 16 bytes of a version 1 PDU", cbSize);
    wrdp_cursor b;
    if (wrdp_cursor_sub(c, cbSize - 4, &b, "cbSize"))
        return WRDP_ERR;
    out->Flags = wrdp_rd_u32le(&b, "Flags");
    out->Version = wrdp_rd_u32le(&b, "Version");
    out->Id = wrdp_rd_u32le(&b, "Id");
    if (!wrdp_cursor_ok(&b))
        return WRDP_ERR;
    if (out->Version == WRDP_PCB_VERSION_2) {
        uint16_t cch = wrdp_rd_u16le(&b, "cchPCB");
        if (wrdp_rd_bytes(&b, (size_t)cch * 2, &out->wszPCB, "wszPCB"))
            return WRDP_ERR;
    } else if (out->Version != WRDP_PCB_VERSION_1) {
        return wrdp_cursor_fail(&b, "Version", "unknown version %u", out->Version);
    }
    return wrdp_cursor_expect_end(&b);
}

int wrdp_pcb_encode(const wrdp_pcb *in, wrdp_writer *w)
{
    bool v2 = in->Version == WRDP_PCB_VERSION_2;
    if (!v2 && in->Version != WRDP_PCB_VERSION_1)
        return wrdp_writer_fail(w, "Preconnection PDU: unknown version %u", in->Version);
    if (v2 && ((in->wszPCB.len & 1) || in->wszPCB.len / 2 > WRDP_PCB_MAX_CHARS))
        return wrdp_writer_fail(w, "Preconnection PDU: wszPCB is %zu bytes", in->wszPCB.len);
    size_t size = WRDP_PCB_V1_SIZE + (v2 ? 2 + in->wszPCB.len : 0);
    wrdp_wr_u32le(w, (uint32_t)size);
    wrdp_wr_u32le(w, in->Flags);
    wrdp_wr_u32le(w, in->Version);
    wrdp_wr_u32le(w, in->Id);
    if (v2) {
        wrdp_wr_u16le(w, (uint16_t)(in->wszPCB.len / 2));
        if (in->wszPCB.len)
            wrdp_wr_bytes(w, in->wszPCB.data, in->wszPCB.len);
    }
    return wrdp_writer_status(w);
}

int wrdp_pcb_write(uint32_t id, const char *blob, wrdp_writer *w)
{
    wrdp_pcb pcb;
    memset(&pcb, 0, sizeof pcb);
    pcb.Id = id;
    pcb.Version = blob ? WRDP_PCB_VERSION_2 : WRDP_PCB_VERSION_1;
    if (!blob)
        return wrdp_pcb_encode(&pcb, w);
    size_t n = wrdp_utf8_to_utf16le(blob, strlen(blob), NULL, 0);
    if (n / 2 + 1 > WRDP_PCB_MAX_CHARS)
        return wrdp_writer_fail(w, "Preconnection PDU: the blob is too long");
    uint8_t *buf = wrdp_alloc(n + 2);
    if (!buf)
        return wrdp_writer_fail(w, "Preconnection PDU: out of memory");
    wrdp_utf8_to_utf16le(blob, strlen(blob), buf, n);
    buf[n] = buf[n + 1] = 0;
    pcb.wszPCB.data = buf;
    pcb.wszPCB.len = n + 2;
    int r = wrdp_pcb_encode(&pcb, w);
    wrdp_free(buf);
    return r;
}
