/* Differential test against FreeRDP, an independent implementation that exists
 * on this machine as a shared library (Debian's libfreerdp2-2): its exported
 * crypto_rsa_public_encrypt does Standard RDP Security's raw little-endian RSA
 * (MS-RDPBCGR 5.3.4.1), which our client random and premaster secret encryption
 * must match for random inputs under three real server keys (a proprietary
 * certificate's 512-bit key, a licensing server's 512-bit X.509 key and a 2048-bit
 * X.509 key). FreeRDP does not export its session key derivation or RC4/MAC
 * functions (they are internal to libfreerdp), so those are checked against the
 * independent known answers in crypto_rdp_security_test.c instead.
 *
 * The library is loaded with dlopen so that the build does not depend on it;
 * without it the test says so and checks nothing else. */
#include <dlfcn.h>
#include <stdbool.h>

#include "connector/licensing.h"
#include "crypto/rdp_security.h"
#include "test.h"
#include "webrdp/pdu/gcc.h"

/* FreeRDP 2: int crypto_rsa_public_encrypt(const BYTE* input, int length, UINT32 key_length,
 *                                          const BYTE* modulus, const BYTE* exponent, BYTE* output);
 * all numbers little-endian, the exponent 4 bytes, the output key_length bytes. */
typedef int (*freerdp_rsa_fn)(const uint8_t *, int, uint32_t, const uint8_t *, const uint8_t *, uint8_t *);

/* FreeRDP and the OpenSSL it loads keep a few allocations for the life of the
 * process; they are not ours to report (the library stays loaded so that the
 * leak checker can name it). */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_suppressions(void)
{
    return "leak:libfreerdp2\nleak:libwinpr2\nleak:libcrypto\n";
}

static uint64_t rng = 0x9e3779b97f4a7c15ull;
static uint8_t next_byte(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint8_t)(rng >> 24);
}

static void compare(freerdp_rsa_fn theirs, const char *what, const wrdp_license_server_key *k, size_t in_len)
{
    size_t mlen = k->modulus_len;
    while (mlen > 0 && k->modulus[mlen - 1] == 0)
        mlen--;
    uint8_t e[4] = {(uint8_t)k->exponent, (uint8_t)(k->exponent >> 8), (uint8_t)(k->exponent >> 16),
                    (uint8_t)(k->exponent >> 24)};
    int differ = 0;
    for (int i = 0; i < 100; i++) {
        uint8_t in[48], ours[512 + 8], ref[512 + 8];
        for (size_t j = 0; j < in_len; j++)
            in[j] = next_byte();
        size_t out_len = 0;
        wrdp_error err;
        memset(ref, 0, sizeof ref);
        if (wrdp_rdp_rsa_encrypt(k->modulus, k->modulus_len, k->exponent, in, in_len, ours, sizeof ours, &out_len,
                                 &err) != WRDP_OK ||
            out_len != mlen + 8) {
            differ++;
            continue;
        }
        int r = theirs(in, (int)in_len, (uint32_t)mlen, k->modulus, e, ref);
        if (r <= 0 || memcmp(ours, ref, mlen) != 0)
            differ++;
    }
    CHECK_MSG(differ == 0, "%s: %d of 100 encryptions differ from FreeRDP's", what, differ);
}

static void key_from_file(const char *path, size_t skip, bool gcc, wrdp_license_server_key *k)
{
    size_t n;
    uint8_t *data = test_read_file(path, &n);
    wrdp_error err;
    wrdp_cursor c;
    if (gcc) {
        wrdp_gcc_server_security_data sd;
        wrdp_cursor_init(&c, data, n, "test", &err);
        CHECK_EQ(wrdp_gcc_server_security_data_decode(&c, &sd), WRDP_OK);
        CHECK_EQ(wrdp_license_server_key_from_certificate(sd.serverCertificate.data, sd.serverCertificate.len, k,
                                                          &err),
                 WRDP_OK);
    } else {
        wrdp_license_server_request r;
        wrdp_cursor_init(&c, data + skip, n - skip, "test", &err);
        CHECK_EQ(wrdp_license_server_request_decode(&c, &r), WRDP_OK);
        CHECK_EQ(wrdp_license_server_key_from_certificate(r.ServerCertificate.blobData.data,
                                                          r.ServerCertificate.blobData.len, k, &err),
                 WRDP_OK);
    }
    free(data);
}

int main(void)
{
    void *lib = dlopen("libfreerdp2.so.2", RTLD_NOW | RTLD_LOCAL);
    freerdp_rsa_fn theirs = lib ? (freerdp_rsa_fn)dlsym(lib, "crypto_rsa_public_encrypt") : NULL;
    if (!theirs) {
        printf("crypto_rdp_security_freerdp: libfreerdp2 is not installed, nothing to compare with\n");
        if (lib)
            dlclose(lib);
        return test_finish("crypto_rdp_security_freerdp");
    }
    wrdp_license_server_key k;
    key_from_file("vectors/pdu/gcc/server_security_data_rsa.bin", 0, true, &k);
    CHECK_EQ(k.modulus_len, 72);
    compare(theirs, "proprietary 512-bit key, client random", &k, 32);
    key_from_file("vectors/licensing_crypto/server_license_request_for_client_new_license_request_msg.bin", 0,
                  false, &k);
    CHECK_EQ(k.modulus_len, 64);
    compare(theirs, "licensing X.509 512-bit key, premaster secret", &k, 48);
    key_from_file("vectors/pdu/licensing_assembled/server_license_request_msg.bin", 0, false, &k);
    CHECK_EQ(k.modulus_len, 256);
    compare(theirs, "X.509 2048-bit key, premaster secret", &k, 48);
    return test_finish("crypto_rdp_security_freerdp");
}
