/* RDCleanPath PDU: decode arbitrary bytes and check, for whatever decodes,
 *   encode(decode(x)) == the bytes decoded (the decoder accepts DER only),
 *   decode(encode(...)) gives the same fields,
 *   the JSON form encodes back to the same bytes,
 *   detect() agrees with decode on every prefix: 0 below the PDU's length,
 *   1 with that length from there on.
 * detect() must never claim more than it was given, whatever the input. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdu/kind.h"
#include "webrdp/rdcleanpath.h"

WRDP_PDU_FAMILY_DECLARE(rdcleanpath)

static void fail(const char *what, const wrdp_error *err)
{
    fprintf(stderr, "fuzz_rdcleanpath: %s%s%s\n", what, err ? ": " : "", err ? err->message : "");
    abort();
}

static int same_bytes(wrdp_bytes a, wrdp_bytes b)
{
    return a.len == b.len && (a.len == 0 || memcmp(a.data, b.data, a.len) == 0);
}

static int same_pdu(const wrdp_rdcleanpath_pdu *a, const wrdp_rdcleanpath_pdu *b)
{
    if (a->version != b->version || a->has_error != b->has_error)
        return 0;
    if (a->has_error && memcmp(&a->error, &b->error, sizeof a->error) != 0)
        return 0;
#define SAME(f) (a->has_##f == b->has_##f && (!a->has_##f || same_bytes(a->f, b->f)))
    if (!SAME(destination) || !SAME(proxy_auth) || !SAME(server_auth) || !SAME(preconnection_blob) ||
        !SAME(x224_connection_pdu) || !SAME(server_addr))
        return 0;
#undef SAME
    if (a->has_server_cert_chain != b->has_server_cert_chain || a->server_cert_count != b->server_cert_count)
        return 0;
    for (size_t i = 0; i < a->server_cert_count; i++)
        if (!same_bytes(a->server_cert_chain[i], b->server_cert_chain[i]))
            return 0;
    return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_cursor c;
    wrdp_cursor_init(&c, data, size, "rdcleanpath_pdu", &err);
    wrdp_rdcleanpath_pdu pdu, again;
    int ok = wrdp_rdcleanpath_decode(&c, &pdu) == WRDP_OK;
    if (!ok && err.kind != WRDP_ERROR_DECODE)
        fail("decode failed without a decode error", &err);
    size_t used = ok ? c.pos : 0;

    for (size_t n = 0; n <= size; n++) {
        size_t total = 12345;
        int r = wrdp_rdcleanpath_detect(data, n, &total, NULL);
        if (r == 1 && (total > n || total == 0))
            fail("detect claims a PDU longer than its input", NULL);
        if (r == 0 && total != 0 && total <= n)
            fail("detect wants more bytes than the PDU it announced", NULL);
        if (ok && n < used && r != 0)
            fail("detect does not wait for a PDU that decodes", NULL);
        if (ok && n >= used && (r != 1 || total != used))
            fail("detect disagrees with decode on a whole PDU", NULL);
    }
    if (!ok)
        return 0;

    wrdp_writer w, json, back;
    wrdp_writer_init(&w, 0, &err);
    wrdp_writer_init(&json, 0, &err);
    wrdp_writer_init(&back, 0, &err);
    if (wrdp_rdcleanpath_encode(&pdu, &w) != WRDP_OK)
        fail("a decoded PDU does not encode", &err);
    if (w.len != used || memcmp(w.data, data, used) != 0)
        fail("encode(decode(x)) != x", NULL);
    wrdp_cursor_init(&c, w.data, w.len, "rdcleanpath_pdu", &err);
    if (wrdp_rdcleanpath_decode(&c, &again) != WRDP_OK || c.pos != w.len)
        fail("our own encoding does not decode", &err);
    if (!same_pdu(&pdu, &again))
        fail("decode(encode(p)) != p", NULL);

    const wrdp_pdu_kind *k = &wrdp_pdu_kinds_rdcleanpath[0];
    if (wrdp_pdu_kind_to_json(k, w.data, w.len, false, &json, NULL, &err) != WRDP_OK)
        fail("JSON of a decoded PDU failed", &err);
    if (wrdp_pdu_kind_from_json(k, (const char *)json.data, json.len, &back, &err) != WRDP_OK)
        fail("JSON did not encode back", &err);
    if (back.len != w.len || memcmp(back.data, w.data, w.len) != 0)
        fail("JSON round trip changed the bytes", NULL);

    wrdp_error_clear(&err);
    wrdp_rdcleanpath_type type = wrdp_rdcleanpath_classify(&pdu, &err);
    if (type == WRDP_RDCLEANPATH_INVALID && err.kind == WRDP_ERROR_NONE)
        fail("classify failed without an error", NULL);
    wrdp_error_clear(&err);
    if (wrdp_rdcleanpath_to_error(&pdu, &err) != (pdu.has_error ? WRDP_ERR : WRDP_OK))
        fail("to_error status", NULL);
    if (pdu.has_error && (err.kind != WRDP_ERROR_RDCLEANPATH || err.message[0] == 0))
        fail("to_error did not describe the error", NULL);

    wrdp_writer_free(&w);
    wrdp_writer_free(&json);
    wrdp_writer_free(&back);
    return 0;
}
