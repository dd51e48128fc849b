/* NTLMv2 computations (MS-NLMP 3.3.2, 3.4.5) and message sealing and signing
 * with extended session security (3.4.3, 3.4.4.2). */
#include <string.h>

#include "credssp/ntlm.h"

/* ---- password hashes ------------------------------------------------------ */

void wrdp_ntlm_utf16_upper(uint8_t *s, size_t len)
{
    for (size_t i = 0; i + 1 < len; i += 2) {
        unsigned u = (unsigned)s[i] | (unsigned)s[i + 1] << 8;
        if ((u >= 'a' && u <= 'z') || (u >= 0xE0 && u <= 0xFE && u != 0xF7) || (u >= 0x3B1 && u <= 0x3C9 && u != 0x3C2) ||
            (u >= 0x430 && u <= 0x44F))
            u -= 0x20;
        else if (u >= 0x450 && u <= 0x45F)
            u -= 0x50;
        else if (u == 0xFF)
            u = 0x178;
        s[i] = (uint8_t)u;
        s[i + 1] = (uint8_t)(u >> 8);
    }
}

void wrdp_ntlm_put_utf16(wrdp_writer *w, const char *s)
{
    if (!s || !*s)
        return;
    size_t n = strlen(s);
    size_t need = wrdp_utf8_to_utf16le(s, n, NULL, 0);
    uint8_t *p = wrdp_wr_reserve(w, need);
    if (p)
        wrdp_utf8_to_utf16le(s, n, p, need);
}

int wrdp_ntlm_ntowfv1(const char *password, uint8_t out[16])
{
    wrdp_writer w;
    wrdp_writer_init(&w, 0, NULL);
    wrdp_ntlm_put_utf16(&w, password);
    int r = wrdp_writer_status(&w) ? WRDP_ERR : wrdp_md4(w.data, w.len, out);
    if (w.data)
        wrdp_wipe(w.data, w.len);
    wrdp_writer_free(&w);
    return r;
}

int wrdp_ntlm_ntowfv2_from_hash(const uint8_t nt_hash[16], const char *user, const char *domain, uint8_t out[16])
{
    wrdp_writer w;
    wrdp_writer_init(&w, 0, NULL);
    wrdp_ntlm_put_utf16(&w, user);
    wrdp_ntlm_utf16_upper(w.data, w.len);
    wrdp_ntlm_put_utf16(&w, domain);
    int r = wrdp_writer_status(&w) ? WRDP_ERR : wrdp_hmac_md5(nt_hash, 16, w.data, w.len, out);
    wrdp_writer_free(&w);
    return r;
}

int wrdp_ntlm_ntowfv2(const char *password, const char *user, const char *domain, uint8_t out[16])
{
    uint8_t h[16];
    int r = wrdp_ntlm_ntowfv1(password, h);
    if (r == WRDP_OK)
        r = wrdp_ntlm_ntowfv2_from_hash(h, user, domain, out);
    wrdp_wipe(h, sizeof h);
    return r;
}

/* ---- responses -------------------------------------------------------------- */

int wrdp_ntlm_lmv2_response(const uint8_t key[16], const uint8_t server_challenge[8],
                            const uint8_t client_challenge[8], uint8_t out[24])
{
    wrdp_bytes parts[2] = {{server_challenge, 8}, {client_challenge, 8}};
    if (wrdp_hmac(WRDP_DIGEST_MD5, key, 16, parts, 2, out))
        return WRDP_ERR;
    memcpy(out + 16, client_challenge, 8);
    return WRDP_OK;
}

void wrdp_ntlm_temp_write(wrdp_writer *w, uint64_t time, const uint8_t client_challenge[8], wrdp_bytes av_pairs)
{
    wrdp_wr_u8(w, 1); /* Responserversion */
    wrdp_wr_u8(w, 1); /* HiResponserversion */
    wrdp_wr_fill(w, 0, 6);
    wrdp_wr_u64le(w, time);
    wrdp_wr_bytes(w, client_challenge, 8);
    wrdp_wr_fill(w, 0, 4);
    if (av_pairs.len)
        wrdp_wr_bytes(w, av_pairs.data, av_pairs.len);
    wrdp_wr_fill(w, 0, 4);
}

int wrdp_ntlm_nt_proof(const uint8_t key[16], const uint8_t server_challenge[8], const uint8_t *temp, size_t temp_len,
                       uint8_t out[16])
{
    wrdp_bytes parts[2] = {{server_challenge, 8}, {temp, temp_len}};
    return wrdp_hmac(WRDP_DIGEST_MD5, key, 16, parts, 2, out);
}

int wrdp_ntlm_session_base_key(const uint8_t key[16], const uint8_t nt_proof[16], uint8_t out[16])
{
    return wrdp_hmac_md5(key, 16, nt_proof, 16, out);
}

void wrdp_ntlm_rc4k(const uint8_t key[16], const uint8_t in[16], uint8_t out[16])
{
    wrdp_rc4 rc4;
    wrdp_rc4_init(&rc4, key, 16);
    wrdp_rc4_crypt(&rc4, in, out, 16);
    wrdp_wipe(&rc4, sizeof rc4);
}

int wrdp_ntlm_channel_bindings_hash(const uint8_t *app_data, size_t len, uint8_t out[16])
{
    uint8_t head[20] = {0};
    head[16] = (uint8_t)len;
    head[17] = (uint8_t)(len >> 8);
    head[18] = (uint8_t)(len >> 16);
    head[19] = (uint8_t)(len >> 24);
    wrdp_bytes parts[2] = {{head, sizeof head}, {app_data, len}};
    return wrdp_hash(WRDP_DIGEST_MD5, parts, 2, out);
}

int wrdp_ntlm_mic(const uint8_t exported_session_key[16], wrdp_bytes negotiate, wrdp_bytes challenge,
                  wrdp_bytes authenticate, uint8_t out[16])
{
    wrdp_bytes parts[3] = {negotiate, challenge, authenticate};
    return wrdp_hmac(WRDP_DIGEST_MD5, exported_session_key, 16, parts, 3, out);
}

/* ---- keys ------------------------------------------------------------------ */

static const char sign_c2s[] = "session key to client-to-server signing key magic constant";
static const char sign_s2c[] = "session key to server-to-client signing key magic constant";
static const char seal_c2s[] = "session key to client-to-server sealing key magic constant";
static const char seal_s2c[] = "session key to server-to-client sealing key magic constant";

/* The magic constants are hashed with their terminating NUL. */
static int key_md5(const uint8_t *key, size_t key_len, const char *magic, uint8_t out[16])
{
    wrdp_bytes parts[2] = {{key, key_len}, {(const uint8_t *)magic, strlen(magic) + 1}};
    return wrdp_hash(WRDP_DIGEST_MD5, parts, 2, out);
}

int wrdp_ntlm_signing_key(const uint8_t exported_session_key[16], wrdp_ntlm_direction dir, uint8_t out[16])
{
    return key_md5(exported_session_key, 16, dir == WRDP_NTLM_CLIENT_TO_SERVER ? sign_c2s : sign_s2c, out);
}

int wrdp_ntlm_sealing_key(uint32_t flags, const uint8_t exported_session_key[16], wrdp_ntlm_direction dir,
                          uint8_t out[16])
{
    size_t n = (flags & WRDP_NTLM_NEGOTIATE_128) ? 16 : (flags & WRDP_NTLM_NEGOTIATE_56) ? 7 : 5;
    return key_md5(exported_session_key, n, dir == WRDP_NTLM_CLIENT_TO_SERVER ? seal_c2s : seal_s2c, out);
}

/* ---- sealing and signing ----------------------------------------------------- */

int wrdp_ntlm_sealer_init(wrdp_ntlm_sealer *s, uint32_t flags, const uint8_t exported_session_key[16],
                          wrdp_ntlm_direction dir)
{
    memset(s, 0, sizeof *s);
    s->flags = flags;
    uint8_t seal[16];
    if (wrdp_ntlm_signing_key(exported_session_key, dir, s->signing_key) ||
        wrdp_ntlm_sealing_key(flags, exported_session_key, dir, seal))
        return WRDP_ERR;
    wrdp_rc4_init(&s->rc4, seal, 16);
    wrdp_wipe(seal, sizeof seal);
    return WRDP_OK;
}

void wrdp_ntlm_sealer_wipe(wrdp_ntlm_sealer *s) { wrdp_wipe(s, sizeof *s); }

/* NTLMSSP_MESSAGE_SIGNATURE with extended session security: version 1, the first
 * 8 bytes of HMAC_MD5(SigningKey, SeqNum || message), RC4-encrypted with the
 * sealing keystream when keys were exchanged, then SeqNum. */
static int make_signature(wrdp_ntlm_sealer *s, const uint8_t *msg, size_t len, uint8_t sig[16])
{
    uint8_t seq[4] = {(uint8_t)s->seq, (uint8_t)(s->seq >> 8), (uint8_t)(s->seq >> 16), (uint8_t)(s->seq >> 24)};
    uint8_t mac[16];
    wrdp_bytes parts[2] = {{seq, 4}, {msg, len}};
    if (wrdp_hmac(WRDP_DIGEST_MD5, s->signing_key, 16, parts, 2, mac))
        return WRDP_ERR;
    sig[0] = 1;
    sig[1] = sig[2] = sig[3] = 0;
    if (s->flags & WRDP_NTLM_NEGOTIATE_KEY_EXCH)
        wrdp_rc4_crypt(&s->rc4, mac, sig + 4, 8);
    else
        memcpy(sig + 4, mac, 8);
    memcpy(sig + 12, seq, 4);
    s->seq++;
    return WRDP_OK;
}

int wrdp_ntlm_seal(wrdp_ntlm_sealer *s, const uint8_t *msg, size_t len, uint8_t *out)
{
    /* the message is sealed first; the checksum then continues the same keystream */
    wrdp_rc4_crypt(&s->rc4, msg, out + WRDP_NTLM_SIGNATURE_LEN, len);
    return make_signature(s, msg, len, out);
}

int wrdp_ntlm_unseal(wrdp_ntlm_sealer *s, const uint8_t *in, size_t len, uint8_t *out, wrdp_error *err)
{
    if (len < WRDP_NTLM_SIGNATURE_LEN)
        return wrdp_error_set(err, WRDP_ERROR_DECODE, "NTLM sealed message of %zu bytes has no room for a signature",
                              len);
    size_t n = len - WRDP_NTLM_SIGNATURE_LEN;
    wrdp_rc4_crypt(&s->rc4, in + WRDP_NTLM_SIGNATURE_LEN, out, n);
    uint8_t sig[16];
    if (make_signature(s, out, n, sig))
        return wrdp_error_set(err, WRDP_ERROR_INTERNAL, "NTLM signature computation failed");
    if (!wrdp_ct_equal(sig, in, WRDP_NTLM_SIGNATURE_LEN))
        return wrdp_error_set(err, WRDP_ERROR_NEGOTIATION_FAILURE,
                              "the server's NTLM message signature does not verify (wrong keys or altered message)");
    return WRDP_OK;
}

int wrdp_ntlm_sign(wrdp_ntlm_sealer *s, const uint8_t *msg, size_t len, uint8_t sig[16])
{
    return make_signature(s, msg, len, sig);
}

int wrdp_ntlm_verify(wrdp_ntlm_sealer *s, const uint8_t *msg, size_t len, const uint8_t *sig, size_t sig_len,
                     wrdp_error *err)
{
    uint8_t want[16];
    if (make_signature(s, msg, len, want))
        return wrdp_error_set(err, WRDP_ERROR_INTERNAL, "NTLM signature computation failed");
    if (sig_len != WRDP_NTLM_SIGNATURE_LEN || !wrdp_ct_equal(want, sig, WRDP_NTLM_SIGNATURE_LEN))
        return wrdp_error_set(err, WRDP_ERROR_NEGOTIATION_FAILURE, "the server's SPNEGO mechListMIC does not verify");
    return WRDP_OK;
}
