/* Fast-path PDUs: client input (MS-RDPBCGR 2.2.8.1.2) and server updates
 * (2.2.9.1.2), framing only (update contents are decoded elsewhere). */
#include <string.h>

#include "webrdp/pdu.h"

/* ---- the 1- or 2-byte length (length1 / length2) ----------------------- */

/* Reads length1 [length2]; *hdr_len gets the header size including the first byte. */
static uint16_t read_length(wrdp_cursor *c, size_t *hdr_len, bool *force_long)
{
    uint8_t length1 = wrdp_rd_u8(c, "length1");
    if (!(length1 & 0x80)) {
        *hdr_len = 2;
        *force_long = false;
        return length1;
    }
    uint8_t length2 = wrdp_rd_u8(c, "length2");
    uint16_t length = (uint16_t)(((length1 & 0x7F) << 8) | length2);
    *hdr_len = 3;
    /* The long form is a choice only when the short one would have fitted. */
    *force_long = length >= 1 && length - 1 <= WRDP_FASTPATH_SHORT_LENGTH_MAX;
    return length;
}

static void write_length(wrdp_writer *w, uint16_t length, bool long_form)
{
    if (long_form) {
        wrdp_wr_u8(w, (uint8_t)(0x80 | (length >> 8)));
        wrdp_wr_u8(w, (uint8_t)length);
    } else {
        wrdp_wr_u8(w, (uint8_t)length);
    }
}

/* Inserts first byte + length before the body written since `start`. */
static int insert_header(wrdp_writer *w, size_t start, uint8_t first, bool force_long, const char *pdu)
{
    if (wrdp_writer_status(w))
        return WRDP_ERR;
    size_t body = w->len - start;
    bool long_form = force_long || body + 2 > WRDP_FASTPATH_SHORT_LENGTH_MAX;
    size_t hdr = long_form ? 3 : 2;
    if (body > WRDP_FASTPATH_LENGTH_MAX - hdr)
        return wrdp_writer_fail(w, "%s: %zu bytes do not fit the 15-bit length", pdu, body + hdr);
    uint8_t *p = wrdp_wr_insert(w, start, hdr);
    if (!p)
        return WRDP_ERR;
    size_t length = body + hdr;
    p[0] = first;
    if (long_form) {
        p[1] = (uint8_t)(0x80 | (length >> 8));
        p[2] = (uint8_t)length;
    } else {
        p[1] = (uint8_t)length;
    }
    return WRDP_OK;
}

/* Splits the rest of the PDU (length - header) off as `body`. */
static int pdu_body(wrdp_cursor *c, uint16_t length, size_t hdr_len, wrdp_cursor *body)
{
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (length < hdr_len)
        return wrdp_cursor_fail(c, "length", "%u is shorter than the %zu-byte header", length, hdr_len);
    return wrdp_cursor_sub(c, length - hdr_len, body, "length");
}

static void read_fips(wrdp_cursor *c, wrdp_fastpath_fips_info *f)
{
    f->length = wrdp_rd_u16le(c, "fipsInformation.length");
    f->version = wrdp_rd_u8(c, "fipsInformation.version");
    f->padlen = wrdp_rd_u8(c, "fipsInformation.padlen");
}

static void write_fips(wrdp_writer *w, const wrdp_fastpath_fips_info *f)
{
    wrdp_wr_u16le(w, f->length);
    wrdp_wr_u8(w, f->version);
    wrdp_wr_u8(w, f->padlen);
}

/* ---- output header alone ------------------------------------------------- */

int wrdp_fastpath_output_header_decode(wrdp_cursor *c, wrdp_fastpath_output_header *out)
{
    memset(out, 0, sizeof *out);
    uint8_t b = wrdp_rd_u8(c, "fpOutputHeader");
    out->action = b & 0x3;
    out->reserved = (b >> 2) & 0xF;
    out->flags = (b >> 6) & 0x3;
    if (wrdp_cursor_ok(c) && out->action != WRDP_FASTPATH_OUTPUT_ACTION_FASTPATH)
        return wrdp_cursor_fail(c, "fpOutputHeader", "action %u is not FASTPATH_OUTPUT_ACTION_FASTPATH", out->action);
    size_t hdr_len;
    out->length = read_length(c, &hdr_len, &out->forceLongLength);
    if (wrdp_cursor_ok(c) && out->length < hdr_len)
        return wrdp_cursor_fail(c, "length", "%u is shorter than the %zu-byte header", out->length, hdr_len);
    return wrdp_cursor_status(c);
}

size_t wrdp_fastpath_output_header_size(const wrdp_fastpath_output_header *in)
{
    return in->forceLongLength || in->length > WRDP_FASTPATH_SHORT_LENGTH_MAX ? 3 : 2;
}

int wrdp_fastpath_output_header_encode(const wrdp_fastpath_output_header *in, wrdp_writer *w)
{
    if (in->action > 3 || in->reserved > 0xF || in->flags > 3)
        return wrdp_writer_fail(w, "fast-path output header: a bit field is too large");
    if (in->length > WRDP_FASTPATH_LENGTH_MAX)
        return wrdp_writer_fail(w, "fast-path output header: length %u over 0x7FFF", in->length);
    size_t hdr = wrdp_fastpath_output_header_size(in);
    if (in->length < hdr)
        return wrdp_writer_fail(w, "fast-path output header: length %u under the header size", in->length);
    wrdp_wr_u8(w, (uint8_t)(in->action | in->reserved << 2 | in->flags << 6));
    write_length(w, in->length, hdr == 3);
    return wrdp_writer_status(w);
}

/* ---- input events -------------------------------------------------------- */

size_t wrdp_fastpath_input_event_size(uint8_t eventCode)
{
    switch (eventCode) {
    case WRDP_FASTPATH_INPUT_EVENT_SCANCODE: return 2;
    case WRDP_FASTPATH_INPUT_EVENT_MOUSE:
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEX:
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEREL: return 7;
    case WRDP_FASTPATH_INPUT_EVENT_SYNC: return 1;
    case WRDP_FASTPATH_INPUT_EVENT_UNICODE: return 3;
    case WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP: return 5;
    default: return 0;
    }
}

int wrdp_fastpath_input_event_decode(wrdp_cursor *c, wrdp_fastpath_input_event *out)
{
    memset(out, 0, sizeof *out);
    uint8_t h = wrdp_rd_u8(c, "eventHeader");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    out->eventFlags = h & 0x1F;
    out->eventCode = h >> 5;
    switch (out->eventCode) {
    case WRDP_FASTPATH_INPUT_EVENT_SCANCODE:
        out->keyCode = wrdp_rd_u8(c, "keyCode");
        break;
    case WRDP_FASTPATH_INPUT_EVENT_MOUSE:
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEX:
        out->pointerFlags = wrdp_rd_u16le(c, "pointerFlags");
        out->xPos = wrdp_rd_u16le(c, "xPos");
        out->yPos = wrdp_rd_u16le(c, "yPos");
        break;
    case WRDP_FASTPATH_INPUT_EVENT_SYNC:
        break;
    case WRDP_FASTPATH_INPUT_EVENT_UNICODE:
        out->unicodeCode = wrdp_rd_u16le(c, "unicodeCode");
        break;
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEREL:
        out->pointerFlags = wrdp_rd_u16le(c, "pointerFlags");
        out->xDelta = (int16_t)wrdp_rd_u16le(c, "xDelta");
        out->yDelta = (int16_t)wrdp_rd_u16le(c, "yDelta");
        break;
    case WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP:
        out->timestamp = wrdp_rd_u32le(c, "timestamp");
        break;
    default:
        c->pos--; /* report the error at the event header */
        return wrdp_cursor_fail(c, "eventCode", "unknown fast-path input event code %u", out->eventCode);
    }
    return wrdp_cursor_status(c);
}

int wrdp_fastpath_input_event_encode(const wrdp_fastpath_input_event *in, wrdp_writer *w)
{
    if (in->eventCode > 7 || in->eventFlags > 0x1F)
        return wrdp_writer_fail(w, "fast-path input event: eventCode or eventFlags too large");
    if (!wrdp_fastpath_input_event_size(in->eventCode))
        return wrdp_writer_fail(w, "fast-path input event: unknown eventCode %u", in->eventCode);
    wrdp_wr_u8(w, (uint8_t)(in->eventCode << 5 | in->eventFlags));
    switch (in->eventCode) {
    case WRDP_FASTPATH_INPUT_EVENT_SCANCODE:
        wrdp_wr_u8(w, in->keyCode);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_MOUSE:
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEX:
        wrdp_wr_u16le(w, in->pointerFlags);
        wrdp_wr_u16le(w, in->xPos);
        wrdp_wr_u16le(w, in->yPos);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_UNICODE:
        wrdp_wr_u16le(w, in->unicodeCode);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_MOUSEREL:
        wrdp_wr_u16le(w, in->pointerFlags);
        wrdp_wr_u16le(w, (uint16_t)in->xDelta);
        wrdp_wr_u16le(w, (uint16_t)in->yDelta);
        break;
    case WRDP_FASTPATH_INPUT_EVENT_QOE_TIMESTAMP:
        wrdp_wr_u32le(w, in->timestamp);
        break;
    default: /* SYNC: header only */
        break;
    }
    return wrdp_writer_status(w);
}

/* ---- TS_FP_INPUT_PDU ----------------------------------------------------- */

int wrdp_fastpath_input_pdu_decode_ex(wrdp_cursor *c, wrdp_fastpath_input_pdu *out, bool fips)
{
    memset(out, 0, sizeof *out);
    uint8_t h = wrdp_rd_u8(c, "fpInputHeader");
    out->action = h & 0x3;
    uint8_t header_events = (h >> 2) & 0xF;
    out->flags = (h >> 6) & 0x3;
    if (wrdp_cursor_ok(c) && out->action != WRDP_FASTPATH_INPUT_ACTION_FASTPATH)
        return wrdp_cursor_fail(c, "fpInputHeader", "action %u is not FASTPATH_INPUT_ACTION_FASTPATH", out->action);
    size_t hdr_len;
    uint16_t length = read_length(c, &hdr_len, &out->forceLongLength);
    wrdp_cursor body;
    if (pdu_body(c, length, hdr_len, &body))
        return WRDP_ERR;

    if (out->flags & WRDP_FASTPATH_INPUT_ENCRYPTED) {
        if (fips) {
            out->hasFipsInformation = true;
            read_fips(&body, &out->fipsInformation);
        }
        wrdp_rd_copy(&body, out->dataSignature, sizeof out->dataSignature, "dataSignature");
        /* The optional numEvents byte and the events are encrypted. */
        out->numEvents = header_events;
        out->encryptedData = wrdp_rd_rest(&body);
        return wrdp_cursor_status(c);
    }

    unsigned count = header_events;
    if (count == 0) {
        count = wrdp_rd_u8(&body, "numEvents");
        out->forceNumEventsByte = count >= 1 && count <= 15;
    }
    if (!wrdp_cursor_ok(&body))
        return WRDP_ERR;
    out->numEvents = (uint8_t)count;
    for (unsigned i = 0; i < count; i++)
        if (wrdp_fastpath_input_event_decode(&body, &out->fpInputEvents[i]))
            return WRDP_ERR;
    return wrdp_cursor_expect_end(&body);
}

int wrdp_fastpath_input_pdu_decode(wrdp_cursor *c, wrdp_fastpath_input_pdu *out)
{
    return wrdp_fastpath_input_pdu_decode_ex(c, out, false);
}

int wrdp_fastpath_input_pdu_encode(const wrdp_fastpath_input_pdu *in, wrdp_writer *w)
{
    if (in->action > 3 || in->flags > 3)
        return wrdp_writer_fail(w, "fast-path input PDU: action or flags too large");
    bool encrypted = (in->flags & WRDP_FASTPATH_INPUT_ENCRYPTED) != 0;
    if (in->hasFipsInformation && !encrypted)
        return wrdp_writer_fail(w, "fast-path input PDU: fipsInformation without FASTPATH_INPUT_ENCRYPTED");
    uint8_t header_events;
    bool count_byte = false;
    if (encrypted) {
        if (in->numEvents > 15)
            return wrdp_writer_fail(w, "fast-path input PDU: encrypted numEvents %u over 4 bits", in->numEvents);
        header_events = in->numEvents;
    } else {
        count_byte = in->numEvents == 0 || in->numEvents > 15 || in->forceNumEventsByte;
        header_events = count_byte ? 0 : in->numEvents;
    }
    size_t start = w->len;
    if (in->hasFipsInformation)
        write_fips(w, &in->fipsInformation);
    if (encrypted) {
        wrdp_wr_bytes(w, in->dataSignature, sizeof in->dataSignature);
        wrdp_wr_bytes(w, in->encryptedData.data, in->encryptedData.len);
    } else {
        if (count_byte)
            wrdp_wr_u8(w, in->numEvents);
        for (unsigned i = 0; i < in->numEvents; i++)
            if (wrdp_fastpath_input_event_encode(&in->fpInputEvents[i], w))
                return WRDP_ERR;
    }
    uint8_t first = (uint8_t)(in->action | header_events << 2 | in->flags << 6);
    return insert_header(w, start, first, in->forceLongLength, "fast-path input PDU");
}

/* ---- TS_FP_UPDATE -------------------------------------------------------- */

int wrdp_fastpath_update_decode(wrdp_cursor *c, wrdp_fastpath_update *out)
{
    memset(out, 0, sizeof *out);
    uint8_t h = wrdp_rd_u8(c, "updateHeader");
    out->updateCode = h & 0xF;
    out->fragmentation = (h >> 4) & 0x3;
    out->compression = (h >> 6) & 0x3;
    if (out->compression & WRDP_FASTPATH_OUTPUT_COMPRESSION_USED)
        out->compressionFlags = wrdp_rd_u8(c, "compressionFlags");
    uint16_t size = wrdp_rd_u16le(c, "size");
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (size > wrdp_cursor_remaining(c))
        return wrdp_cursor_fail(c, "size", "update of %u bytes, only %zu left", size, wrdp_cursor_remaining(c));
    return wrdp_rd_bytes(c, size, &out->updateData, "updateData");
}

int wrdp_fastpath_update_encode(const wrdp_fastpath_update *in, wrdp_writer *w)
{
    if (in->updateCode > 0xF || in->fragmentation > 3 || in->compression > 3)
        return wrdp_writer_fail(w, "fast-path update: a bit field of updateHeader is too large");
    if (in->updateData.len > 0xFFFF)
        return wrdp_writer_fail(w, "fast-path update: %zu bytes of updateData over 0xFFFF", in->updateData.len);
    wrdp_wr_u8(w, (uint8_t)(in->updateCode | in->fragmentation << 4 | in->compression << 6));
    if (in->compression & WRDP_FASTPATH_OUTPUT_COMPRESSION_USED)
        wrdp_wr_u8(w, in->compressionFlags);
    wrdp_wr_u16le(w, (uint16_t)in->updateData.len);
    wrdp_wr_bytes(w, in->updateData.data, in->updateData.len);
    return wrdp_writer_status(w);
}

/* ---- TS_FP_UPDATE_PDU ---------------------------------------------------- */

int wrdp_fastpath_update_pdu_decode_ex(wrdp_cursor *c, wrdp_fastpath_update_pdu *out, bool fips)
{
    memset(out, 0, sizeof *out);
    uint8_t h = wrdp_rd_u8(c, "fpOutputHeader");
    out->action = h & 0x3;
    out->reserved = (h >> 2) & 0xF;
    out->flags = (h >> 6) & 0x3;
    if (wrdp_cursor_ok(c) && out->action != WRDP_FASTPATH_OUTPUT_ACTION_FASTPATH)
        return wrdp_cursor_fail(c, "fpOutputHeader", "action %u is not FASTPATH_OUTPUT_ACTION_FASTPATH", out->action);
    size_t hdr_len;
    uint16_t length = read_length(c, &hdr_len, &out->forceLongLength);
    wrdp_cursor body;
    if (pdu_body(c, length, hdr_len, &body))
        return WRDP_ERR;

    if (out->flags & WRDP_FASTPATH_OUTPUT_ENCRYPTED) {
        if (fips) {
            out->hasFipsInformation = true;
            read_fips(&body, &out->fipsInformation);
        }
        wrdp_rd_copy(&body, out->dataSignature, sizeof out->dataSignature, "dataSignature");
        out->encryptedData = wrdp_rd_rest(&body);
        return wrdp_cursor_status(c);
    }

    while (wrdp_cursor_ok(&body) && wrdp_cursor_remaining(&body) > 0) {
        if (out->updateCount == WRDP_FASTPATH_UPDATES_MAX) {
            wrdp_cursor_fail(&body, "fpOutputUpdates", "more than %d updates", WRDP_FASTPATH_UPDATES_MAX);
            if (c->err)
                c->err->kind = WRDP_ERROR_LIMIT;
            return WRDP_ERR;
        }
        if (wrdp_fastpath_update_decode(&body, &out->fpOutputUpdates[out->updateCount]))
            return WRDP_ERR;
        out->updateCount++;
    }
    return wrdp_cursor_status(c);
}

int wrdp_fastpath_update_pdu_decode(wrdp_cursor *c, wrdp_fastpath_update_pdu *out)
{
    return wrdp_fastpath_update_pdu_decode_ex(c, out, false);
}

int wrdp_fastpath_update_pdu_encode(const wrdp_fastpath_update_pdu *in, wrdp_writer *w)
{
    if (in->action > 3 || in->reserved > 0xF || in->flags > 3)
        return wrdp_writer_fail(w, "fast-path update PDU: a bit field of fpOutputHeader is too large");
    bool encrypted = (in->flags & WRDP_FASTPATH_OUTPUT_ENCRYPTED) != 0;
    if (in->hasFipsInformation && !encrypted)
        return wrdp_writer_fail(w, "fast-path update PDU: fipsInformation without FASTPATH_OUTPUT_ENCRYPTED");
    if (in->updateCount > WRDP_FASTPATH_UPDATES_MAX)
        return wrdp_writer_fail(w, "fast-path update PDU: %zu updates over the maximum", in->updateCount);
    size_t start = w->len;
    if (in->hasFipsInformation)
        write_fips(w, &in->fipsInformation);
    if (encrypted) {
        wrdp_wr_bytes(w, in->dataSignature, sizeof in->dataSignature);
        wrdp_wr_bytes(w, in->encryptedData.data, in->encryptedData.len);
    } else {
        for (size_t i = 0; i < in->updateCount; i++)
            if (wrdp_fastpath_update_encode(&in->fpOutputUpdates[i], w))
                return WRDP_ERR;
    }
    uint8_t first = (uint8_t)(in->action | in->reserved << 2 | in->flags << 6);
    return insert_header(w, start, first, in->forceLongLength, "fast-path update PDU");
}
