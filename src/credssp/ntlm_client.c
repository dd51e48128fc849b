/* The client side of one NTLMv2 exchange (MS-NLMP 3.1.5.1): NEGOTIATE, then the
 * AUTHENTICATE that answers the server's CHALLENGE, then the sealing keys. */
#include <string.h>

#include "credssp/ntlm.h"

/* 6.1.7601 rev 15, the Version FreeRDP and sspi-rs send; servers only log it. */
static const uint8_t default_version[8] = {6, 1, 0xB1, 0x1D, 0, 0, 0, 15};

/* Flags both sides must agree on; the rest are the client's own statement. */
#define NEGOTIABLE                                                                                             \
    (WRDP_NTLM_NEGOTIATE_56 | WRDP_NTLM_NEGOTIATE_KEY_EXCH | WRDP_NTLM_NEGOTIATE_128 |                         \
     WRDP_NTLM_NEGOTIATE_VERSION | WRDP_NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY |                              \
     WRDP_NTLM_NEGOTIATE_ALWAYS_SIGN | WRDP_NTLM_NEGOTIATE_SEAL | WRDP_NTLM_NEGOTIATE_SIGN)

void wrdp_ntlm_client_init(wrdp_ntlm_client *c, const wrdp_ntlm_client_config *cfg, wrdp_error *err)
{
    memset(c, 0, sizeof *c);
    c->cfg = *cfg;
    if (!c->cfg.flags)
        c->cfg.flags = WRDP_NTLM_CLIENT_FLAGS;
    static const uint8_t zero[8];
    if (!memcmp(c->cfg.version, zero, 8))
        memcpy(c->cfg.version, default_version, 8);
    wrdp_writer_init(&c->negotiate, 64 * 1024, err);
    wrdp_writer_init(&c->challenge, 64 * 1024, err);
}

void wrdp_ntlm_client_free(wrdp_ntlm_client *c)
{
    wrdp_writer_free(&c->negotiate);
    wrdp_writer_free(&c->challenge);
    wrdp_wipe(c, sizeof *c);
}

int wrdp_ntlm_client_negotiate(wrdp_ntlm_client *c, wrdp_writer *out)
{
    wrdp_ntlm_negotiate m = {.flags = c->cfg.flags, .has_version = (c->cfg.flags & WRDP_NTLM_NEGOTIATE_VERSION) != 0};
    memcpy(m.version, c->cfg.version, 8);
    wrdp_writer_reset(&c->negotiate);
    if (wrdp_ntlm_negotiate_encode(&m, &c->negotiate))
        return WRDP_ERR;
    wrdp_wr_bytes(out, c->negotiate.data, c->negotiate.len);
    return wrdp_writer_status(out);
}

static void put_av(wrdp_writer *w, uint16_t id, const void *value, size_t len)
{
    wrdp_wr_u16le(w, id);
    wrdp_wr_u16le(w, (uint16_t)len);
    if (len)
        wrdp_wr_bytes(w, value, len);
}

/* The target info the client returns inside its response: the server's pairs,
 * then MsvAvFlags (MIC present), MsvAvChannelBindings and MsvAvTargetName. */
static int build_target_info(wrdp_ntlm_client *c, const wrdp_ntlm_challenge *ch, bool mic, wrdp_writer *w)
{
    if (!mic) {
        wrdp_wr_bytes(w, ch->target_info.data, ch->target_info.len);
        return wrdp_writer_status(w);
    }
    uint32_t av_flags = WRDP_NTLM_AV_FLAG_MIC_PRESENT;
    const uint8_t *p = ch->target_info.data;
    size_t pos = 0, len = ch->target_info.len;
    while (len - pos >= 4) { /* validated by the decoder: ends with EOL */
        uint16_t id = (uint16_t)(p[pos] | p[pos + 1] << 8);
        uint16_t n = (uint16_t)(p[pos + 2] | p[pos + 3] << 8);
        if (id == WRDP_NTLM_AV_EOL)
            break;
        if (id == WRDP_NTLM_AV_FLAGS)
            av_flags |= (uint32_t)p[pos + 4] | (uint32_t)p[pos + 5] << 8 | (uint32_t)p[pos + 6] << 16 |
                        (uint32_t)p[pos + 7] << 24;
        else if (id != WRDP_NTLM_AV_CHANNEL_BINDINGS && id != WRDP_NTLM_AV_TARGET_NAME)
            wrdp_wr_bytes(w, p + pos, 4 + (size_t)n);
        pos += 4 + (size_t)n;
    }
    uint8_t f[4] = {(uint8_t)av_flags, (uint8_t)(av_flags >> 8), (uint8_t)(av_flags >> 16), (uint8_t)(av_flags >> 24)};
    put_av(w, WRDP_NTLM_AV_FLAGS, f, 4);
    uint8_t cb[16] = {0};
    if (c->cfg.channel_bindings &&
        wrdp_ntlm_channel_bindings_hash(c->cfg.channel_bindings, c->cfg.channel_bindings_len, cb))
        return wrdp_writer_fail(w, "channel bindings hash failed");
    put_av(w, WRDP_NTLM_AV_CHANNEL_BINDINGS, cb, 16);
    if (c->cfg.target_name && *c->cfg.target_name) {
        size_t at = w->len;
        put_av(w, WRDP_NTLM_AV_TARGET_NAME, NULL, 0);
        wrdp_ntlm_put_utf16(w, c->cfg.target_name);
        if (w->len - at - 4 > 0xFFFF)
            return wrdp_writer_fail(w, "NTLM target name too long");
        wrdp_wr_put_u16le_at(w, at + 2, (uint16_t)(w->len - at - 4));
    }
    put_av(w, WRDP_NTLM_AV_EOL, NULL, 0);
    return wrdp_writer_status(w);
}

static wrdp_bytes view(const wrdp_writer *w) { return (wrdp_bytes){w->data, w->len}; }

int wrdp_ntlm_client_authenticate(wrdp_ntlm_client *c, const uint8_t *challenge, size_t len,
                                  const uint8_t client_challenge[8], const uint8_t random_session_key[16],
                                  uint64_t time, wrdp_writer *out, wrdp_error *err)
{
    if (c->authenticated)
        return wrdp_error_set(err, WRDP_ERROR_STATE, "NTLM: a second CHALLENGE_MESSAGE");
    wrdp_ntlm_challenge ch;
    if (wrdp_ntlm_challenge_decode(challenge, len, &ch, err))
        return WRDP_ERR;
    if (!(ch.flags & WRDP_NTLM_NEGOTIATE_UNICODE))
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED, "NTLM: the server does not accept Unicode strings");
    if (!(ch.flags & WRDP_NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY) &&
        (c->cfg.flags & (WRDP_NTLM_NEGOTIATE_SEAL | WRDP_NTLM_NEGOTIATE_SIGN)))
        return wrdp_error_set(err, WRDP_ERROR_UNSUPPORTED,
                              "NTLM: the server refuses extended session security, which sealing needs");
    wrdp_writer_reset(&c->challenge);
    wrdp_wr_bytes(&c->challenge, challenge, len);
    if (wrdp_writer_status(&c->challenge))
        return WRDP_ERR;

    c->flags = (c->cfg.flags & ~NEGOTIABLE) | (c->cfg.flags & ch.flags & NEGOTIABLE) |
               (ch.flags & WRDP_NTLM_NEGOTIATE_TARGET_INFO);
    /* a server that sends its time expects a MIC (MS-NLMP 3.1.5.1.2) */
    bool mic = c->cfg.send_mic || ch.has_timestamp;
    uint64_t t = ch.has_timestamp ? ch.timestamp : time;

    int r = WRDP_ERR;
    wrdp_writer info, temp, nt, dom, user, ws;
    wrdp_writer_init(&info, 64 * 1024, err);
    wrdp_writer_init(&temp, 64 * 1024, err);
    wrdp_writer_init(&nt, 64 * 1024, err);
    wrdp_writer_init(&dom, 64 * 1024, err);
    wrdp_writer_init(&user, 64 * 1024, err);
    wrdp_writer_init(&ws, 64 * 1024, err);
    uint8_t lm[24] = {0};

    if (wrdp_ntlm_ntowfv2(c->cfg.password, c->cfg.user, c->cfg.domain, c->response_key))
        goto done;
    if (build_target_info(c, &ch, mic, &info))
        goto done;
    wrdp_ntlm_temp_write(&temp, t, client_challenge, view(&info));
    if (wrdp_writer_status(&temp) || wrdp_ntlm_nt_proof(c->response_key, ch.server_challenge, temp.data, temp.len, c->nt_proof))
        goto done;
    /* with a server timestamp the LM response is Z(24) (MS-NLMP 3.3.2) */
    if (!ch.has_timestamp && wrdp_ntlm_lmv2_response(c->response_key, ch.server_challenge, client_challenge, lm))
        goto done;
    wrdp_wr_bytes(&nt, c->nt_proof, 16);
    wrdp_wr_bytes(&nt, temp.data, temp.len);
    if (wrdp_ntlm_session_base_key(c->response_key, c->nt_proof, c->session_base_key))
        goto done;
    /* NTLMv2: KeyExchangeKey = SessionBaseKey */
    if (c->flags & WRDP_NTLM_NEGOTIATE_KEY_EXCH) {
        memcpy(c->exported_session_key, random_session_key, 16);
        wrdp_ntlm_rc4k(c->session_base_key, c->exported_session_key, c->encrypted_session_key);
    } else {
        memcpy(c->exported_session_key, c->session_base_key, 16);
    }
    wrdp_ntlm_put_utf16(&dom, c->cfg.domain);
    wrdp_ntlm_put_utf16(&user, c->cfg.user);
    wrdp_ntlm_put_utf16(&ws, c->cfg.workstation);
    if (wrdp_writer_status(&nt) || wrdp_writer_status(&dom) || wrdp_writer_status(&user) || wrdp_writer_status(&ws))
        goto done;

    wrdp_ntlm_authenticate m = {
        .flags = c->flags,
        .lm_response = {lm, 24},
        .nt_response = view(&nt),
        .domain = view(&dom),
        .user = view(&user),
        .workstation = view(&ws),
        .has_version = (c->flags & WRDP_NTLM_NEGOTIATE_VERSION) != 0,
        .has_mic = mic,
    };
    if (c->flags & WRDP_NTLM_NEGOTIATE_KEY_EXCH)
        m.encrypted_session_key = (wrdp_bytes){c->encrypted_session_key, 16};
    memcpy(m.version, c->cfg.version, 8);
    size_t start = out->len;
    if (wrdp_ntlm_authenticate_encode(&m, out))
        goto done;
    if (mic) {
        wrdp_bytes auth = {out->data + start, out->len - start};
        if (wrdp_ntlm_mic(c->exported_session_key, view(&c->negotiate), view(&c->challenge), auth, c->mic))
            goto done;
        memcpy(out->data + start + WRDP_NTLM_MIC_OFFSET, c->mic, 16);
    }
    if (wrdp_ntlm_sealer_init(&c->send, c->flags, c->exported_session_key, WRDP_NTLM_CLIENT_TO_SERVER) ||
        wrdp_ntlm_sealer_init(&c->recv, c->flags, c->exported_session_key, WRDP_NTLM_SERVER_TO_CLIENT))
        goto done;
    c->authenticated = true;
    r = WRDP_OK;
done:
    if (r && err && err->kind == WRDP_ERROR_NONE)
        wrdp_error_set(err, WRDP_ERROR_INTERNAL, "NTLM: building the AUTHENTICATE_MESSAGE failed");
    wrdp_writer_free(&info);
    if (temp.data)
        wrdp_wipe(temp.data, temp.len);
    wrdp_writer_free(&temp);
    wrdp_writer_free(&nt);
    wrdp_writer_free(&dom);
    wrdp_writer_free(&user);
    wrdp_writer_free(&ws);
    return r;
}
