/* Standard RDP Security (MS-RDPBCGR 5.3) against values computed elsewhere:
 * - the spec's own FIPS key-expansion example (5.3.5.2);
 * - vectors/rdp_security/known_answers.json: keys, ciphertexts and signatures for
 *   40/56/128-bit and FIPS, a key update, and the RSA-encrypted client random,
 *   computed by make.py beside it from the spec formulas with Python's hashlib, its
 *   own RC4, big-integer pow and the openssl command line (no webrdp code);
 * - the proprietary certificate of the MS-RDPBCGR 4.1.4 Server Security Data
 *   (vectors/pdu/gcc/server_security_data_rsa.bin), whose signature must verify
 *   with the Terminal Services key, and must not once a byte changes;
 * - textbook RSA (n = 61 * 53, e = 17: 65 -> 2790). */
#include <stdbool.h>

#include "core/json.h"
#include "crypto/rdp_security.h"
#include "test.h"
#include "webrdp/pdu.h"

static const wrdp_json *root;
static wrdp_arena arena;

static wrdp_bytes hex(const wrdp_json *obj, const char *key)
{
    wrdp_bytes b = {0};
    wrdp_error err;
    if (wrdp_json_get_hex(obj, key, &b, &arena, &err) != WRDP_OK) {
        fprintf(stderr, "known_answers.json: %s: %s\n", key, err.message);
        exit(2);
    }
    return b;
}

static bool eq(const uint8_t *a, wrdp_bytes b, size_t n) { return b.len == n && memcmp(a, b.data, n) == 0; }

static void test_fips_expand_spec_example(void)
{
    /* 5.3.5.2: 0xD1 0x5E 0xC4 0x7E 0xDA ... -> 0x51 0x3D 0x11 0x76 0x27 ... before the parity step */
    uint8_t in[21] = {0xd1, 0x5e, 0xc4, 0x7e, 0xda}, out[24];
    static const uint8_t spec[5] = {0x51, 0x3d, 0x11, 0x76, 0x27};
    wrdp_rdp_fips_expand_key(in, out);
    for (int i = 0; i < 5; i++)
        CHECK_EQ(out[i] & 0xfe, spec[i] & 0xfe);
    for (int i = 0; i < 24; i++) {
        int ones = 0;
        for (int b = 0; b < 8; b++)
            ones += (out[i] >> b) & 1;
        CHECK_EQ(ones % 2, 1);
    }
}

static void test_rc4_method(const char *name, uint32_t method, wrdp_bytes cr, wrdp_bytes sr, wrdp_bytes m1,
                            wrdp_bytes m2)
{
    const wrdp_json *row = wrdp_json_get(wrdp_json_get(root, "methods"), name);
    CHECK(row != NULL);
    if (!row)
        return;
    wrdp_rdp_security s;
    wrdp_error err;
    CHECK_EQ(wrdp_rdp_security_init(&s, method, cr.data, sr.data, &err), WRDP_OK);
    size_t kl = method == WRDP_ENCRYPTION_METHOD_128BIT ? 16 : 8;
    CHECK_EQ(s.key_len, kl);
    CHECK(eq(s.mac_key, hex(row, "mac_key"), kl));
    CHECK(eq(s.encrypt_key, hex(row, "encrypt_key"), kl));
    CHECK(eq(s.decrypt_key, hex(row, "decrypt_key"), kl));

    /* two packets client -> server: the RC4 stream runs on; plain MAC */
    uint8_t buf[64], sig[8], pad = 9;
    size_t n = m1.len;
    memcpy(buf, m1.data, n);
    CHECK_EQ(wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, false, sig, &pad, &err), WRDP_OK);
    CHECK_EQ(n, m1.len);
    CHECK_EQ(pad, 0);
    CHECK(eq(buf, hex(row, "packet1"), n));
    CHECK(eq(sig, hex(row, "signature1"), 8));
    n = m2.len;
    memcpy(buf, m2.data, n);
    CHECK_EQ(wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, false, sig, NULL, &err), WRDP_OK);
    CHECK(eq(buf, hex(row, "packet2"), n));
    CHECK(eq(sig, hex(row, "signature2"), 8));

    /* the same with the salted MAC (SEC_SECURE_CHECKSUM): counts 0 and 1 */
    CHECK_EQ(wrdp_rdp_security_init(&s, method, cr.data, sr.data, &err), WRDP_OK);
    n = m1.len;
    memcpy(buf, m1.data, n);
    wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, true, sig, NULL, &err);
    CHECK(eq(buf, hex(row, "packet1"), n));
    CHECK(eq(sig, hex(row, "salted_signature1"), 8));
    n = m2.len;
    memcpy(buf, m2.data, n);
    wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, true, sig, NULL, &err);
    CHECK(eq(sig, hex(row, "salted_signature2"), 8));

    /* server -> client: decrypt the server's packet; its MAC is signature1 */
    wrdp_bytes sp = hex(row, "server_packet1"), s1 = hex(row, "signature1");
    n = sp.len;
    memcpy(buf, sp.data, n);
    CHECK_EQ(wrdp_rdp_security_decrypt(&s, buf, &n, false, s1.data, 0, &err), WRDP_OK);
    CHECK(eq(buf, m1, m1.len));
    /* a wrong signature is a decode error */
    wrdp_rdp_security t;
    wrdp_rdp_security_init(&t, method, cr.data, sr.data, &err);
    uint8_t bad[8];
    memcpy(bad, s1.data, 8);
    bad[7] ^= 1;
    n = sp.len;
    memcpy(buf, sp.data, n);
    CHECK_EQ(wrdp_rdp_security_decrypt(&t, buf, &n, false, bad, 0, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);

    /* key update after 4096 packets (5.3.7): packet 4097 under the new key, salted count 4096 */
    CHECK_EQ(wrdp_rdp_security_init(&s, method, cr.data, sr.data, &err), WRDP_OK);
    for (int i = 0; i < 4096; i++) {
        n = 4;
        memset(buf, 0, n);
        wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, true, sig, NULL, &err);
    }
    CHECK(eq(s.encrypt_key, hex(row, "encrypt_key"), kl)); /* not yet updated */
    n = m1.len;
    memcpy(buf, m1.data, n);
    CHECK_EQ(wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, true, sig, NULL, &err), WRDP_OK);
    CHECK(eq(s.encrypt_key, hex(row, "encrypt_key_after_4096"), kl));
    CHECK(eq(buf, hex(row, "packet4097"), n));
    CHECK(eq(sig, hex(row, "salted_signature4097"), 8));
    for (int i = 0; i < 4096; i++) {
        n = 1;
        wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, false, sig, NULL, &err);
    }
    CHECK(eq(s.encrypt_key, hex(row, "encrypt_key_after_8192"), kl));

    /* the decrypt side updates the same way: a peer whose encrypt keys are our
     * decrypt keys sends 4100 packets, each must decrypt and verify */
    wrdp_rdp_security peer, me;
    wrdp_rdp_security_init(&me, method, cr.data, sr.data, &err);
    peer = me;
    memcpy(peer.encrypt_key, me.decrypt_key, 16);
    memcpy(peer.encrypt_key_initial, me.decrypt_key_initial, 16);
    peer.encrypt_rc4 = me.decrypt_rc4;
    int bad_count = 0;
    for (uint32_t i = 0; i < 4100; i++) {
        uint8_t p[8] = {(uint8_t)i, (uint8_t)(i >> 8), 1, 2, 3, 4, 5, 6};
        memcpy(buf, p, 8);
        n = 8;
        wrdp_rdp_security_encrypt(&peer, buf, &n, sizeof buf, i % 2 == 0, sig, NULL, &err);
        if (wrdp_rdp_security_decrypt(&me, buf, &n, i % 2 == 0, sig, 0, &err) != WRDP_OK || memcmp(buf, p, 8))
            bad_count++;
    }
    CHECK_EQ(bad_count, 0);
    CHECK(memcmp(me.decrypt_key, me.decrypt_key_initial, kl) != 0);
    wrdp_rdp_security_clear(&me);
}

static void test_fips(wrdp_bytes cr, wrdp_bytes sr, wrdp_bytes m1, wrdp_bytes m2)
{
    wrdp_rdp_security s;
    wrdp_error err;
    if (!wrdp_rdp_security_fips_available()) {
        CHECK_EQ(wrdp_rdp_security_init(&s, WRDP_ENCRYPTION_METHOD_FIPS, cr.data, sr.data, &err), WRDP_ERR);
        CHECK_EQ(err.kind, WRDP_ERROR_UNSUPPORTED);
        return;
    }
    const wrdp_json *row = wrdp_json_get(wrdp_json_get(root, "methods"), "fips");
    CHECK_EQ(wrdp_rdp_security_init(&s, WRDP_ENCRYPTION_METHOD_FIPS, cr.data, sr.data, &err), WRDP_OK);
    CHECK(eq(s.fips_encrypt_key, hex(row, "encrypt_key"), 24));
    CHECK(eq(s.fips_decrypt_key, hex(row, "decrypt_key"), 24));
    CHECK(eq(s.fips_sign_key, hex(row, "sign_key"), 20));
    uint64_t pad1 = 0, pad2 = 0;
    wrdp_json_get_uint(row, "pad1", 7, &pad1, &err);
    wrdp_json_get_uint(row, "pad2", 7, &pad2, &err);

    uint8_t buf[64], sig[8], pad = 0;
    size_t n = m1.len;
    memcpy(buf, m1.data, n);
    /* no room for the padding */
    CHECK_EQ(wrdp_rdp_security_encrypt(&s, buf, &n, m1.len, false, sig, &pad, &err), WRDP_ERR);
    CHECK_EQ(n, m1.len);
    CHECK_EQ(wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, false, sig, &pad, &err), WRDP_OK);
    CHECK_EQ(n, m1.len + pad1);
    CHECK_EQ(pad, pad1);
    CHECK(eq(buf, hex(row, "packet1"), n));
    CHECK(eq(sig, hex(row, "signature1"), 8));
    /* the CBC chain carries over into the next packet */
    n = m2.len;
    memcpy(buf, m2.data, n);
    CHECK_EQ(wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, true, sig, &pad, &err), WRDP_OK);
    CHECK_EQ(pad, pad2);
    CHECK(eq(buf, hex(row, "packet2"), n));
    CHECK(eq(sig, hex(row, "signature2"), 8));

    wrdp_bytes sp = hex(row, "server_packet1"), s1 = hex(row, "signature1");
    n = sp.len;
    memcpy(buf, sp.data, n);
    CHECK_EQ(wrdp_rdp_security_decrypt(&s, buf, &n, false, s1.data, (uint8_t)pad1, &err), WRDP_OK);
    CHECK_EQ(n, m1.len);
    CHECK(eq(buf, m1, m1.len));
    /* wrong length, wrong padding, wrong signature */
    n = 5;
    CHECK_EQ(wrdp_rdp_security_decrypt(&s, buf, &n, false, s1.data, 0, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    wrdp_rdp_security_init(&s, WRDP_ENCRYPTION_METHOD_FIPS, cr.data, sr.data, &err);
    n = sp.len;
    memcpy(buf, sp.data, n);
    CHECK_EQ(wrdp_rdp_security_decrypt(&s, buf, &n, false, s1.data, 8, &err), WRDP_ERR);
    wrdp_rdp_security_init(&s, WRDP_ENCRYPTION_METHOD_FIPS, cr.data, sr.data, &err);
    n = sp.len;
    memcpy(buf, sp.data, n);
    CHECK_EQ(wrdp_rdp_security_decrypt(&s, buf, &n, false, s1.data, (uint8_t)(pad1 + 1) % 8, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
}

static void test_rsa_and_certificate(wrdp_bytes cr)
{
    size_t len;
    uint8_t *data = test_read_file("vectors/pdu/gcc/server_security_data_rsa.bin", &len);
    wrdp_error err;
    wrdp_cursor c;
    wrdp_gcc_server_security_data sd;
    wrdp_gcc_server_certificate cert;
    wrdp_cursor_init(&c, data, len, "test", &err);
    CHECK_EQ(wrdp_gcc_server_security_data_decode(&c, &sd), WRDP_OK);
    wrdp_cursor_init(&c, sd.serverCertificate.data, sd.serverCertificate.len, "test", &err);
    CHECK_EQ(wrdp_gcc_server_certificate_decode(&c, &cert), WRDP_OK);
    const wrdp_gcc_proprietary_certificate *p = &cert.proprietary;

    uint8_t out[80];
    size_t out_len = 0;
    CHECK_EQ(wrdp_rdp_security_encrypt_client_random(p->PublicKeyBlob.modulus.data, p->PublicKeyBlob.modulus.len,
                                                     p->PublicKeyBlob.pubExp, cr.data, out, sizeof out, &out_len,
                                                     &err),
             WRDP_OK);
    CHECK_EQ(out_len, 72);
    CHECK(eq(out, hex(root, "encrypted_client_random"), 72));
    /* too small an output buffer */
    CHECK_EQ(wrdp_rdp_security_encrypt_client_random(p->PublicKeyBlob.modulus.data, p->PublicKeyBlob.modulus.len,
                                                     p->PublicKeyBlob.pubExp, cr.data, out, 71, &out_len, &err),
             WRDP_ERR);

    /* 5.3.3.1.2: the certificate is signed with the Terminal Services key */
    const uint8_t *start = sd.serverCertificate.data;
    size_t signed_len = (size_t)(p->SignatureBlob.data - 4 - start);
    CHECK_EQ(signed_len, 16 + 20 + p->PublicKeyBlob.modulus.len);
    CHECK_EQ(wrdp_rdp_security_verify_proprietary_cert(start, signed_len, p->SignatureBlob.data, p->SignatureBlob.len,
                                                       &err),
             WRDP_OK);
    uint8_t copy[512];
    memcpy(copy, start, signed_len);
    copy[40] ^= 0x01; /* one modulus bit */
    CHECK_EQ(wrdp_rdp_security_verify_proprietary_cert(copy, signed_len, p->SignatureBlob.data, p->SignatureBlob.len,
                                                       &err),
             WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_DECODE);
    uint8_t sig[72];
    memcpy(sig, p->SignatureBlob.data, 72);
    sig[3] ^= 0x80;
    CHECK_EQ(wrdp_rdp_security_verify_proprietary_cert(start, signed_len, sig, 72, &err), WRDP_ERR);
    CHECK_EQ(wrdp_rdp_security_verify_proprietary_cert(start, signed_len, sig, 10, &err), WRDP_ERR);
    free(data);

    /* textbook RSA: n = 3233, e = 17, m = 65 -> c = 2790, all little-endian, then 8 zero bytes */
    static const uint8_t n[] = {0xa1, 0x0c, 0x00, 0x00}, m[] = {65};
    CHECK_EQ(wrdp_rdp_rsa_encrypt(n, sizeof n, 17, m, 1, out, sizeof out, &out_len, &err), WRDP_OK);
    CHECK_EQ(out_len, 10);
    static const uint8_t c_expect[10] = {0xe6, 0x0a};
    CHECK_MEM(out, c_expect, 10);
}

static void test_misuse(wrdp_bytes cr, wrdp_bytes sr)
{
    wrdp_rdp_security s;
    wrdp_error err;
    CHECK_EQ(wrdp_rdp_security_init(&s, WRDP_ENCRYPTION_METHOD_NONE, cr.data, sr.data, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_UNSUPPORTED);
    CHECK_EQ(wrdp_rdp_security_init(&s, 0x4, cr.data, sr.data, &err), WRDP_ERR);
    uint8_t buf[8] = {0}, sig[8];
    size_t n = 8;
    CHECK_EQ(wrdp_rdp_security_encrypt(&s, buf, &n, sizeof buf, false, sig, NULL, &err), WRDP_ERR);
    CHECK_EQ(err.kind, WRDP_ERROR_STATE);
    CHECK_EQ(wrdp_rdp_security_decrypt(&s, buf, &n, false, sig, 0, &err), WRDP_ERR);
}

int main(void)
{
    size_t len;
    char *text = (char *)test_read_file("vectors/rdp_security/known_answers.json", &len);
    wrdp_error err;
    wrdp_arena_init(&arena, 1 << 20);
    root = wrdp_json_parse(text, len, &arena, &err);
    if (!root) {
        fprintf(stderr, "known_answers.json: %s\n", err.message);
        return 2;
    }
    wrdp_bytes cr = hex(root, "client_random"), sr = hex(root, "server_random");
    wrdp_bytes m1 = hex(root, "msg1"), m2 = hex(root, "msg2");
    CHECK_EQ(cr.len, 32);
    CHECK_EQ(sr.len, 32);

    test_fips_expand_spec_example();
    test_rc4_method("40bit", WRDP_ENCRYPTION_METHOD_40BIT, cr, sr, m1, m2);
    test_rc4_method("56bit", WRDP_ENCRYPTION_METHOD_56BIT, cr, sr, m1, m2);
    test_rc4_method("128bit", WRDP_ENCRYPTION_METHOD_128BIT, cr, sr, m1, m2);
    test_fips(cr, sr, m1, m2);
    test_rsa_and_certificate(cr);
    test_misuse(cr, sr);

    wrdp_arena_free(&arena);
    free(text);
    return test_finish("crypto_rdp_security");
}
