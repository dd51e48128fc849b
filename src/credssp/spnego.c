/* SPNEGO tokens (RFC 4178 4.2): NegTokenInit inside the GSS InitialContextToken,
 * and NegTokenResp. DER; fields are EXPLICIT context tags in ascending order. */
#include <string.h>

#include "core/asn1.h"
#include "credssp/spnego.h"

const uint8_t wrdp_spnego_ntlm_oid[10] = {0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x02, 0x02, 0x0A};
static const uint8_t spnego_oid[6] = {0x2B, 0x06, 0x01, 0x05, 0x05, 0x02}; /* 1.3.6.1.5.5.2 */

static int opt_field(wrdp_cursor *c, unsigned n, wrdp_cursor *in, bool *present, const char *field)
{
    *present = false;
    if (wrdp_ber_peek_tag(c) != WRDP_BER_CTX(n))
        return WRDP_OK;
    if (wrdp_ber_read_expect(c, WRDP_BER_CTX(n), in, field))
        return WRDP_ERR;
    *present = true;
    return WRDP_OK;
}

static int read_oid(wrdp_cursor *c, wrdp_bytes *out, const char *field)
{
    wrdp_cursor in;
    if (wrdp_ber_read_expect(c, WRDP_BER_OID, &in, field))
        return WRDP_ERR;
    if (in.len == 0)
        return wrdp_cursor_fail(c, field, "empty OBJECT IDENTIFIER");
    out->data = in.data;
    out->len = in.len;
    return WRDP_OK;
}

static int octets_in(wrdp_cursor *in, wrdp_bytes *out, const char *field)
{
    if (wrdp_ber_read_octet_string(in, out, field))
        return WRDP_ERR;
    return wrdp_cursor_expect_end(in);
}

int wrdp_spnego_init_decode(wrdp_cursor *c, wrdp_spnego_init *m)
{
    memset(m, 0, sizeof *m);
    wrdp_cursor app, tok, seq, f;
    wrdp_bytes oid;
    bool present;
    if (wrdp_ber_read_expect(c, WRDP_BER_APP(0), &app, "InitialContextToken") || read_oid(&app, &oid, "thisMech"))
        return WRDP_ERR;
    if (oid.len != sizeof spnego_oid || memcmp(oid.data, spnego_oid, sizeof spnego_oid) != 0)
        return wrdp_cursor_fail(&app, "thisMech", "not the SPNEGO mechanism");
    if (wrdp_ber_read_expect(&app, WRDP_BER_CTX(0), &tok, "NegTokenInit") || wrdp_cursor_expect_end(&app) ||
        wrdp_ber_read_expect(&tok, WRDP_BER_SEQUENCE, &seq, "NegTokenInit") || wrdp_cursor_expect_end(&tok))
        return WRDP_ERR;
    if (wrdp_ber_read_expect(&seq, WRDP_BER_CTX(0), &f, "mechTypes"))
        return WRDP_ERR;
    m->mech_types_der.data = f.data;
    m->mech_types_der.len = f.len;
    wrdp_cursor list;
    if (wrdp_ber_read_expect(&f, WRDP_BER_SEQUENCE, &list, "mechTypes") || wrdp_cursor_expect_end(&f))
        return WRDP_ERR;
    while (wrdp_cursor_remaining(&list) > 0) {
        if (m->mech_count == WRDP_SPNEGO_MAX_MECHS)
            return wrdp_cursor_fail(&list, "mechTypes", "more than %d mechanisms", WRDP_SPNEGO_MAX_MECHS);
        if (read_oid(&list, &m->mechs[m->mech_count], "MechType"))
            return WRDP_ERR;
        m->mech_count++;
    }
    if (!wrdp_cursor_ok(&list))
        return WRDP_ERR;
    if (opt_field(&seq, 1, &f, &present, "reqFlags")) /* ignored: no one acts on context flags here */
        return WRDP_ERR;
    if (opt_field(&seq, 2, &f, &m->has_mech_token, "mechToken") ||
        (m->has_mech_token && octets_in(&f, &m->mech_token, "mechToken")))
        return WRDP_ERR;
    if (opt_field(&seq, 3, &f, &m->has_mech_list_mic, "mechListMIC") ||
        (m->has_mech_list_mic && octets_in(&f, &m->mech_list_mic, "mechListMIC")))
        return WRDP_ERR;
    return wrdp_cursor_expect_end(&seq);
}

void wrdp_spnego_write_ntlm_mech_types(wrdp_writer *w)
{
    size_t list = wrdp_ber_begin(w);
    wrdp_ber_write_header(w, WRDP_BER_OID, sizeof wrdp_spnego_ntlm_oid);
    wrdp_wr_bytes(w, wrdp_spnego_ntlm_oid, sizeof wrdp_spnego_ntlm_oid);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, list);
}

static void put_octets(wrdp_writer *w, unsigned n, const void *data, size_t len)
{
    size_t m = wrdp_ber_begin(w);
    wrdp_ber_write_octet_string(w, data, len);
    wrdp_ber_end(w, WRDP_BER_CTX(n), m);
}

int wrdp_spnego_init_encode_ntlm(const uint8_t *token, size_t len, wrdp_writer *w)
{
    size_t app = wrdp_ber_begin(w);
    wrdp_ber_write_header(w, WRDP_BER_OID, sizeof spnego_oid);
    wrdp_wr_bytes(w, spnego_oid, sizeof spnego_oid);
    size_t tok = wrdp_ber_begin(w), seq = wrdp_ber_begin(w), f = wrdp_ber_begin(w);
    wrdp_spnego_write_ntlm_mech_types(w);
    wrdp_ber_end(w, WRDP_BER_CTX(0), f);
    put_octets(w, 2, token, len);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, seq);
    wrdp_ber_end(w, WRDP_BER_CTX(0), tok);
    wrdp_ber_end(w, WRDP_BER_APP(0), app);
    return wrdp_writer_status(w);
}

int wrdp_spnego_resp_decode(wrdp_cursor *c, wrdp_spnego_resp *m)
{
    memset(m, 0, sizeof *m);
    wrdp_cursor tok, seq, f;
    if (wrdp_ber_read_expect(c, WRDP_BER_CTX(1), &tok, "NegTokenResp") ||
        wrdp_ber_read_expect(&tok, WRDP_BER_SEQUENCE, &seq, "NegTokenResp") || wrdp_cursor_expect_end(&tok))
        return WRDP_ERR;
    if (opt_field(&seq, 0, &f, &m->has_state, "negState") ||
        (m->has_state && (wrdp_ber_read_enumerated(&f, &m->state, "negState") || wrdp_cursor_expect_end(&f))))
        return WRDP_ERR;
    if (opt_field(&seq, 1, &f, &m->has_supported_mech, "supportedMech") ||
        (m->has_supported_mech && (read_oid(&f, &m->supported_mech, "supportedMech") || wrdp_cursor_expect_end(&f))))
        return WRDP_ERR;
    if (opt_field(&seq, 2, &f, &m->has_response_token, "responseToken") ||
        (m->has_response_token && octets_in(&f, &m->response_token, "responseToken")))
        return WRDP_ERR;
    if (opt_field(&seq, 3, &f, &m->has_mech_list_mic, "mechListMIC") ||
        (m->has_mech_list_mic && octets_in(&f, &m->mech_list_mic, "mechListMIC")))
        return WRDP_ERR;
    return wrdp_cursor_expect_end(&seq);
}

int wrdp_spnego_resp_encode(const wrdp_spnego_resp *m, wrdp_writer *w)
{
    size_t tok = wrdp_ber_begin(w), seq = wrdp_ber_begin(w), f;
    if (m->has_state) {
        f = wrdp_ber_begin(w);
        wrdp_ber_write_enumerated(w, m->state);
        wrdp_ber_end(w, WRDP_BER_CTX(0), f);
    }
    if (m->has_supported_mech) {
        f = wrdp_ber_begin(w);
        wrdp_ber_write_header(w, WRDP_BER_OID, m->supported_mech.len);
        wrdp_wr_bytes(w, m->supported_mech.data, m->supported_mech.len);
        wrdp_ber_end(w, WRDP_BER_CTX(1), f);
    }
    if (m->has_response_token)
        put_octets(w, 2, m->response_token.data, m->response_token.len);
    if (m->has_mech_list_mic)
        put_octets(w, 3, m->mech_list_mic.data, m->mech_list_mic.len);
    wrdp_ber_end(w, WRDP_BER_SEQUENCE, seq);
    wrdp_ber_end(w, WRDP_BER_CTX(1), tok);
    return wrdp_writer_status(w);
}
