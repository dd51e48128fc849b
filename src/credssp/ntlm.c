/* NTLM messages (MS-NLMP 2.2.1): NEGOTIATE, CHALLENGE, AUTHENTICATE, and the
 * AV_PAIR list of the target info. Offsets and lengths come from the peer, so
 * every field is checked against the message before it is looked at. */
#include <string.h>

#include "credssp/ntlm.h"

static const uint8_t ntlm_signature[8] = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};

enum { NEGOTIATE_TYPE = 1, CHALLENGE_TYPE = 2, AUTHENTICATE_TYPE = 3 };
enum { NEGOTIATE_HEADER = 32, CHALLENGE_HEADER = 48, AUTHENTICATE_HEADER = 64, VERSION_LEN = 8, MIC_LEN = 16 };

/* ---- shared pieces ------------------------------------------------------- */

static int read_header(wrdp_cursor *c, uint32_t type)
{
    const uint8_t *sig = wrdp_cursor_peek(c, 8, "Signature");
    if (!sig)
        return WRDP_ERR;
    if (memcmp(sig, ntlm_signature, 8) != 0)
        return wrdp_cursor_fail(c, "Signature", "not \"NTLMSSP\\0\"");
    wrdp_rd_skip(c, 8, "Signature");
    uint32_t t = wrdp_rd_u32le(c, "MessageType");
    if (wrdp_cursor_ok(c) && t != type)
        return wrdp_cursor_fail(c, "MessageType", "message type %u, expected %u", (unsigned)t, (unsigned)type);
    return wrdp_cursor_status(c);
}

/* A Len/MaxLen/Offset triple; the payload it names must lie inside the message.
 * *lowest tracks the smallest offset of a non-empty field (= where the header ends). */
static int read_field(wrdp_cursor *c, const uint8_t *msg, size_t msg_len, wrdp_bytes *out, size_t *lowest,
                      const char *field)
{
    uint16_t len = wrdp_rd_u16le(c, field);
    wrdp_rd_u16le(c, field); /* MaxLen: informational */
    uint32_t off = wrdp_rd_u32le(c, field);
    out->data = NULL;
    out->len = 0;
    if (!wrdp_cursor_ok(c))
        return WRDP_ERR;
    if (len == 0)
        return WRDP_OK;
    if (off > msg_len || len > msg_len - off)
        return wrdp_cursor_fail(c, field, "payload at %u+%u lies outside the %zu-byte message", (unsigned)off,
                                (unsigned)len, msg_len);
    out->data = msg + off;
    out->len = len;
    if (lowest && off < *lowest)
        *lowest = off;
    return WRDP_OK;
}

/* Writes a field descriptor now and its payload later: the offset is patched in put_payload. */
static void write_field(wrdp_writer *w, size_t len, size_t *desc_pos)
{
    *desc_pos = w->len;
    wrdp_wr_u16le(w, (uint16_t)len);
    wrdp_wr_u16le(w, (uint16_t)len);
    wrdp_wr_u32le(w, 0);
}

static void put_payload(wrdp_writer *w, size_t start, size_t desc_pos, wrdp_bytes b)
{
    wrdp_wr_put_u32le_at(w, desc_pos + 4, (uint32_t)(w->len - start));
    if (b.len)
        wrdp_wr_bytes(w, b.data, b.len);
}

static int check_len(wrdp_writer *w, wrdp_bytes b, const char *field)
{
    if (b.len > 0xFFFF)
        return wrdp_writer_fail(w, "NTLM %s of %zu bytes does not fit its 16-bit length", field, b.len);
    return WRDP_OK;
}

/* ---- AV pairs ------------------------------------------------------------ */

int wrdp_ntlm_av_validate(wrdp_bytes info, wrdp_error *err)
{
    wrdp_cursor c;
    wrdp_cursor_init(&c, info.data, info.len, "NTLM target info", err);
    while (wrdp_cursor_remaining(&c) > 0) {
        uint16_t id = wrdp_rd_u16le(&c, "AvId");
        uint16_t len = wrdp_rd_u16le(&c, "AvLen");
        if (wrdp_rd_skip(&c, len, "Value"))
            return WRDP_ERR;
        if (id == WRDP_NTLM_AV_EOL)
            return wrdp_cursor_expect_end(&c);
        if ((id == WRDP_NTLM_AV_FLAGS && len != 4) || (id == WRDP_NTLM_AV_TIMESTAMP && len != 8))
            return wrdp_cursor_fail(&c, "AvLen", "AV pair %u has length %u", (unsigned)id, (unsigned)len);
    }
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    return wrdp_cursor_fail(&c, "AvId", "the AV pair list has no MsvAvEOL");
}

int wrdp_ntlm_av_find(wrdp_bytes info, uint16_t id, wrdp_bytes *value)
{
    size_t pos = 0;
    while (info.len - pos >= 4) {
        uint16_t aid = (uint16_t)(info.data[pos] | info.data[pos + 1] << 8);
        uint16_t len = (uint16_t)(info.data[pos + 2] | info.data[pos + 3] << 8);
        if (aid == WRDP_NTLM_AV_EOL || len > info.len - pos - 4)
            return 0;
        if (aid == id) {
            value->data = info.data + pos + 4;
            value->len = len;
            return 1;
        }
        pos += 4 + (size_t)len;
    }
    return 0;
}

/* ---- NEGOTIATE_MESSAGE (2.2.1.1) ----------------------------------------- */

int wrdp_ntlm_negotiate_encode(const wrdp_ntlm_negotiate *m, wrdp_writer *w)
{
    if (check_len(w, m->domain, "domain") || check_len(w, m->workstation, "workstation"))
        return WRDP_ERR;
    size_t start = w->len, d, ws;
    wrdp_wr_bytes(w, ntlm_signature, 8);
    wrdp_wr_u32le(w, NEGOTIATE_TYPE);
    wrdp_wr_u32le(w, m->flags);
    write_field(w, m->domain.len, &d);
    write_field(w, m->workstation.len, &ws);
    if (m->has_version)
        wrdp_wr_bytes(w, m->version, VERSION_LEN);
    put_payload(w, start, d, m->domain);
    put_payload(w, start, ws, m->workstation);
    return wrdp_writer_status(w);
}

int wrdp_ntlm_negotiate_decode(const uint8_t *data, size_t len, wrdp_ntlm_negotiate *m, wrdp_error *err)
{
    memset(m, 0, sizeof *m);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "NTLM NEGOTIATE_MESSAGE", err);
    size_t lowest = len;
    if (read_header(&c, NEGOTIATE_TYPE))
        return WRDP_ERR;
    m->flags = wrdp_rd_u32le(&c, "NegotiateFlags");
    if (read_field(&c, data, len, &m->domain, &lowest, "DomainNameFields") ||
        read_field(&c, data, len, &m->workstation, &lowest, "WorkstationFields"))
        return WRDP_ERR;
    if ((m->flags & WRDP_NTLM_NEGOTIATE_VERSION) && lowest >= NEGOTIATE_HEADER + VERSION_LEN &&
        wrdp_cursor_remaining(&c) >= VERSION_LEN) {
        m->has_version = true;
        wrdp_rd_copy(&c, m->version, VERSION_LEN, "Version");
    }
    return wrdp_cursor_status(&c);
}

/* ---- CHALLENGE_MESSAGE (2.2.1.2) ----------------------------------------- */

int wrdp_ntlm_challenge_encode(const wrdp_ntlm_challenge *m, wrdp_writer *w)
{
    if (check_len(w, m->target_name, "target name") || check_len(w, m->target_info, "target info"))
        return WRDP_ERR;
    size_t start = w->len, tn, ti;
    wrdp_wr_bytes(w, ntlm_signature, 8);
    wrdp_wr_u32le(w, CHALLENGE_TYPE);
    write_field(w, m->target_name.len, &tn);
    wrdp_wr_u32le(w, m->flags);
    wrdp_wr_bytes(w, m->server_challenge, WRDP_NTLM_CHALLENGE_LEN);
    wrdp_wr_fill(w, 0, 8);
    write_field(w, m->target_info.len, &ti);
    if (m->has_version)
        wrdp_wr_bytes(w, m->version, VERSION_LEN);
    put_payload(w, start, tn, m->target_name);
    put_payload(w, start, ti, m->target_info);
    return wrdp_writer_status(w);
}

int wrdp_ntlm_challenge_decode(const uint8_t *data, size_t len, wrdp_ntlm_challenge *m, wrdp_error *err)
{
    memset(m, 0, sizeof *m);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "NTLM CHALLENGE_MESSAGE", err);
    size_t lowest = len;
    if (read_header(&c, CHALLENGE_TYPE))
        return WRDP_ERR;
    if (read_field(&c, data, len, &m->target_name, &lowest, "TargetNameFields"))
        return WRDP_ERR;
    m->flags = wrdp_rd_u32le(&c, "NegotiateFlags");
    wrdp_rd_copy(&c, m->server_challenge, WRDP_NTLM_CHALLENGE_LEN, "ServerChallenge");
    wrdp_rd_skip(&c, 8, "Reserved");
    if (read_field(&c, data, len, &m->target_info, &lowest, "TargetInfoFields"))
        return WRDP_ERR;
    if ((m->flags & WRDP_NTLM_NEGOTIATE_VERSION) && lowest >= CHALLENGE_HEADER + VERSION_LEN &&
        wrdp_cursor_remaining(&c) >= VERSION_LEN) {
        m->has_version = true;
        wrdp_rd_copy(&c, m->version, VERSION_LEN, "Version");
    }
    if (!wrdp_cursor_ok(&c))
        return WRDP_ERR;
    /* NTLMv2 needs the target info: it goes into the response the server checks */
    if (m->target_info.len == 0)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "NTLM CHALLENGE_MESSAGE: no target info (NTLMv2 needs it)");
    if (wrdp_ntlm_av_validate(m->target_info, err))
        return WRDP_ERR;
    wrdp_bytes ts;
    if (wrdp_ntlm_av_find(m->target_info, WRDP_NTLM_AV_TIMESTAMP, &ts) == 1) {
        m->has_timestamp = true;
        for (int i = 7; i >= 0; i--)
            m->timestamp = m->timestamp << 8 | ts.data[i];
    }
    return WRDP_OK;
}

/* ---- AUTHENTICATE_MESSAGE (2.2.1.3) -------------------------------------- */

int wrdp_ntlm_authenticate_encode(const wrdp_ntlm_authenticate *m, wrdp_writer *w)
{
    if (check_len(w, m->lm_response, "LM response") || check_len(w, m->nt_response, "NT response") ||
        check_len(w, m->domain, "domain") || check_len(w, m->user, "user") ||
        check_len(w, m->workstation, "workstation") || check_len(w, m->encrypted_session_key, "session key"))
        return WRDP_ERR;
    size_t start = w->len, lm, nt, d, u, ws, k;
    wrdp_wr_bytes(w, ntlm_signature, 8);
    wrdp_wr_u32le(w, AUTHENTICATE_TYPE);
    write_field(w, m->lm_response.len, &lm);
    write_field(w, m->nt_response.len, &nt);
    write_field(w, m->domain.len, &d);
    write_field(w, m->user.len, &u);
    write_field(w, m->workstation.len, &ws);
    write_field(w, m->encrypted_session_key.len, &k);
    wrdp_wr_u32le(w, m->flags);
    if (m->has_version)
        wrdp_wr_bytes(w, m->version, VERSION_LEN);
    else if (m->has_mic)
        wrdp_wr_fill(w, 0, VERSION_LEN); /* the MIC has a fixed offset */
    if (m->has_mic)
        wrdp_wr_bytes(w, m->mic, MIC_LEN);
    put_payload(w, start, d, m->domain);
    put_payload(w, start, u, m->user);
    put_payload(w, start, ws, m->workstation);
    put_payload(w, start, lm, m->lm_response);
    put_payload(w, start, nt, m->nt_response);
    put_payload(w, start, k, m->encrypted_session_key);
    return wrdp_writer_status(w);
}

int wrdp_ntlm_authenticate_decode(const uint8_t *data, size_t len, wrdp_ntlm_authenticate *m, wrdp_error *err)
{
    memset(m, 0, sizeof *m);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, len, "NTLM AUTHENTICATE_MESSAGE", err);
    size_t lowest = len;
    if (read_header(&c, AUTHENTICATE_TYPE) ||
        read_field(&c, data, len, &m->lm_response, &lowest, "LmChallengeResponseFields") ||
        read_field(&c, data, len, &m->nt_response, &lowest, "NtChallengeResponseFields") ||
        read_field(&c, data, len, &m->domain, &lowest, "DomainNameFields") ||
        read_field(&c, data, len, &m->user, &lowest, "UserNameFields") ||
        read_field(&c, data, len, &m->workstation, &lowest, "WorkstationFields") ||
        read_field(&c, data, len, &m->encrypted_session_key, &lowest, "EncryptedRandomSessionKeyFields"))
        return WRDP_ERR;
    m->flags = wrdp_rd_u32le(&c, "NegotiateFlags");
    if (lowest >= AUTHENTICATE_HEADER + VERSION_LEN && wrdp_cursor_remaining(&c) >= VERSION_LEN) {
        m->has_version = true;
        wrdp_rd_copy(&c, m->version, VERSION_LEN, "Version");
    }
    if (lowest >= AUTHENTICATE_HEADER + VERSION_LEN + MIC_LEN && wrdp_cursor_remaining(&c) >= MIC_LEN) {
        m->has_mic = true;
        wrdp_rd_copy(&c, m->mic, MIC_LEN, "MIC");
    }
    return wrdp_cursor_status(&c);
}
