/* webrdp example — TCP + mbedTLS transport (see native_transport.h). */
#define _DEFAULT_SOURCE 1 /* getaddrinfo, clock_gettime, getrandom under -std=c11 */

#include "native_transport.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h> /* MBEDTLS_ERR_NET_* */
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

struct native_transport {
    int fd;
    bool tls_up;
    bool tls_init;
    native_cert_mode mode;
    int64_t deadline_ms; /* of the call in progress, read by the BIO callbacks */
    bool timed_out;      /* set by the BIO callbacks, so a TLS error can be told apart */
    int sock_errno;
    mbedtls_ssl_context ssl;
    mbedtls_ssl_config conf;
    mbedtls_ctr_drbg_context drbg;
    mbedtls_entropy_context entropy;
    mbedtls_x509_crt ca;
};

int64_t native_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

uint64_t native_filetime_now(void)
{
    /* 11644473600 s lie between 1601-01-01 and 1970-01-01. */
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return ((uint64_t)ts.tv_sec + 11644473600u) * 10000000u + (uint64_t)ts.tv_nsec / 100u;
}

int native_random(void *ctx, uint8_t *out, size_t len)
{
    (void)ctx;
    while (len > 0) {
        ssize_t n = getrandom(out, len, 0);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return WRDP_ERR;
        }
        out += n;
        len -= (size_t)n;
    }
    return WRDP_OK;
}

/* Milliseconds left before the deadline, at least 0. */
static int time_left(int64_t deadline_ms)
{
    int64_t left = deadline_ms - native_now_ms();
    if (left <= 0)
        return 0;
    return left > 0x7fffffff ? 0x7fffffff : (int)left;
}

/* Waits until fd is ready for `events`; 1 ready, 0 timed out, -1 error. */
static int wait_fd(int fd, short events, int64_t deadline_ms)
{
    for (;;) {
        struct pollfd p = {.fd = fd, .events = events};
        int r = poll(&p, 1, time_left(deadline_ms));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        return r > 0 ? 1 : 0;
    }
}

native_transport *native_transport_connect(const char *host, uint16_t port, int64_t deadline_ms, wrdp_error *err)
{
    char service[8];
    snprintf(service, sizeof service, "%u", (unsigned)port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    int gai = getaddrinfo(host, service, &hints, &res);
    if (gai != 0) {
        wrdp_error_set(err, WRDP_ERROR_IO, "cannot resolve %s: %s", host, gai_strerror(gai));
        return NULL;
    }
    int fd = -1, last_errno = 0;
    bool timed_out = false;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
        if (fd < 0) {
            last_errno = errno;
            continue;
        }
        /* Non-blocking connect, so that the deadline holds for an unreachable host. */
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) < 0) {
            int ready = errno == EINPROGRESS ? wait_fd(fd, POLLOUT, deadline_ms) : -1;
            int soerr = 0;
            socklen_t sl = sizeof soerr;
            if (ready == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl) == 0 && soerr == 0) {
                /* connected */
            } else {
                last_errno = ready == 1 ? soerr : errno;
                timed_out = ready == 0;
                close(fd);
                fd = -1;
            }
        }
    }
    freeaddrinfo(res);
    if (fd < 0) {
        if (timed_out)
            wrdp_error_set(err, WRDP_ERROR_TIMEOUT, "no TCP connection to %s:%u before the timeout", host,
                           (unsigned)port);
        else
            wrdp_error_set(err, WRDP_ERROR_IO, "cannot connect to %s:%u: %s", host, (unsigned)port,
                           strerror(last_errno));
        return NULL;
    }
    int one = 1; /* RDP is request/response during the connection: do not wait to fill segments */
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    native_transport *t = calloc(1, sizeof *t);
    if (!t) {
        close(fd);
        wrdp_error_set(err, WRDP_ERROR_OUT_OF_MEMORY, "out of memory");
        return NULL;
    }
    t->fd = fd;
    return t;
}

void native_transport_free(native_transport *t)
{
    if (!t)
        return;
    if (t->fd >= 0)
        close(t->fd);
    if (t->tls_init) {
        mbedtls_ssl_free(&t->ssl);
        mbedtls_ssl_config_free(&t->conf);
        mbedtls_ctr_drbg_free(&t->drbg);
        mbedtls_entropy_free(&t->entropy);
        mbedtls_x509_crt_free(&t->ca);
    }
    free(t);
}

/* ---- raw socket I/O (the TLS BIO and the plain path share it) ------------- */

/* Returns bytes written, 0 on timeout (t->timed_out), -1 on error (t->sock_errno). */
static ssize_t raw_send(native_transport *t, const uint8_t *data, size_t len)
{
    for (;;) {
        ssize_t n = send(t->fd, data, len, MSG_NOSIGNAL);
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            t->sock_errno = errno;
            return -1;
        }
        int r = wait_fd(t->fd, POLLOUT, t->deadline_ms);
        if (r == 0) {
            t->timed_out = true;
            return 0;
        }
        if (r < 0) {
            t->sock_errno = errno;
            return -1;
        }
    }
}

/* Returns bytes read (0 at orderly close), -2 on timeout, -1 on error. */
static ssize_t raw_recv(native_transport *t, uint8_t *buf, size_t cap)
{
    for (;;) {
        ssize_t n = recv(t->fd, buf, cap, 0);
        if (n >= 0)
            return n;
        if (errno == EINTR)
            continue;
        if (errno != EAGAIN && errno != EWOULDBLOCK) {
            t->sock_errno = errno;
            return -1;
        }
        int r = wait_fd(t->fd, POLLIN, t->deadline_ms);
        if (r == 0) {
            t->timed_out = true;
            return -2;
        }
        if (r < 0) {
            t->sock_errno = errno;
            return -1;
        }
    }
}

static int bio_send(void *ctx, const unsigned char *buf, size_t len)
{
    native_transport *t = ctx;
    ssize_t n = raw_send(t, buf, len);
    if (n > 0)
        return (int)n;
    return n == 0 ? MBEDTLS_ERR_SSL_TIMEOUT : MBEDTLS_ERR_NET_SEND_FAILED;
}

static int bio_recv(void *ctx, unsigned char *buf, size_t len)
{
    native_transport *t = ctx;
    ssize_t n = raw_recv(t, buf, len);
    if (n >= 0)
        return (int)n; /* 0: the peer closed; mbedTLS reports it as EOF */
    return n == -2 ? MBEDTLS_ERR_SSL_TIMEOUT : MBEDTLS_ERR_NET_RECV_FAILED;
}

/* One mbedTLS error as a sentence, naming the timeout when the BIO saw one. */
static int tls_fail(native_transport *t, wrdp_error *err, const char *what, int rc)
{
    if (t->timed_out)
        return wrdp_error_set(err, WRDP_ERROR_TIMEOUT, "%s: no answer from the server before the timeout", what);
    char buf[160];
    mbedtls_strerror(rc, buf, sizeof buf);
    if (rc == MBEDTLS_ERR_NET_RECV_FAILED || rc == MBEDTLS_ERR_NET_SEND_FAILED)
        return wrdp_error_set(err, WRDP_ERROR_IO, "%s: %s", what, strerror(t->sock_errno));
    return wrdp_error_set(err, WRDP_ERROR_IO, "%s: %s (-0x%04x)", what, buf, (unsigned)-rc);
}

int native_transport_start_tls(native_transport *t, const native_tls_options *opt, int64_t deadline_ms,
                               wrdp_error *err)
{
    if (t->tls_init)
        return wrdp_error_set(err, WRDP_ERROR_STATE, "TLS was already started on this connection");
    t->tls_init = true;
    t->mode = opt->mode;
    t->deadline_ms = deadline_ms;
    t->timed_out = false;
    mbedtls_ssl_init(&t->ssl);
    mbedtls_ssl_config_init(&t->conf);
    mbedtls_ctr_drbg_init(&t->drbg);
    mbedtls_entropy_init(&t->entropy);
    mbedtls_x509_crt_init(&t->ca);

    static const char pers[] = "webrdp native transport";
    int rc = mbedtls_ctr_drbg_seed(&t->drbg, mbedtls_entropy_func, &t->entropy, (const unsigned char *)pers,
                                   sizeof pers - 1);
    if (rc)
        return tls_fail(t, err, "TLS random generator", rc);
    rc = mbedtls_ssl_config_defaults(&t->conf, MBEDTLS_SSL_IS_CLIENT, MBEDTLS_SSL_TRANSPORT_STREAM,
                                     MBEDTLS_SSL_PRESET_DEFAULT);
    if (rc)
        return tls_fail(t, err, "TLS configuration", rc);
    mbedtls_ssl_conf_rng(&t->conf, mbedtls_ctr_drbg_random, &t->drbg);
    /* Older Windows servers speak TLS 1.0; mbedTLS 2.x offers up to 1.2. */
    mbedtls_ssl_conf_min_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_1);
    mbedtls_ssl_conf_max_version(&t->conf, MBEDTLS_SSL_MAJOR_VERSION_3, MBEDTLS_SSL_MINOR_VERSION_3);
    if (opt->mode == NATIVE_CERT_CA_FILE) {
        rc = mbedtls_x509_crt_parse_file(&t->ca, opt->ca_file);
        if (rc < 0) {
            char buf[120];
            mbedtls_strerror(rc, buf, sizeof buf);
            return wrdp_error_set(err, WRDP_ERROR_INVALID_ARGUMENT, "cannot read CA file %s: %s", opt->ca_file, buf);
        }
        mbedtls_ssl_conf_ca_chain(&t->conf, &t->ca, NULL);
        /* OPTIONAL: finish the handshake, so the certificate can be shown before it is refused. */
        mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_OPTIONAL);
    } else {
        mbedtls_ssl_conf_authmode(&t->conf, MBEDTLS_SSL_VERIFY_NONE);
    }
    rc = mbedtls_ssl_setup(&t->ssl, &t->conf);
    if (rc)
        return tls_fail(t, err, "TLS setup", rc);
    if (opt->mode == NATIVE_CERT_CA_FILE && opt->expected_name) {
        rc = mbedtls_ssl_set_hostname(&t->ssl, opt->expected_name);
        if (rc)
            return tls_fail(t, err, "TLS server name", rc);
    }
    mbedtls_ssl_set_bio(&t->ssl, t, bio_send, bio_recv, NULL);
    while ((rc = mbedtls_ssl_handshake(&t->ssl)) != 0) {
        if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
            continue;
        return tls_fail(t, err, "TLS handshake", rc);
    }
    t->tls_up = true;
    return WRDP_OK;
}

uint32_t native_transport_verify(const native_transport *t, char *why, size_t cap)
{
    if (cap)
        why[0] = 0;
    if (!t->tls_up || t->mode != NATIVE_CERT_CA_FILE)
        return 0;
    uint32_t flags = mbedtls_ssl_get_verify_result(&t->ssl);
    if (flags && cap) {
        char buf[512];
        int n = mbedtls_x509_crt_verify_info(buf, sizeof buf, "", flags);
        /* one line: the reasons joined by "; " */
        size_t o = 0;
        for (int i = 0; i < n && buf[i] && o + 3 < cap; i++) {
            if (buf[i] == '\n') {
                if (buf[i + 1] && o + 3 < cap) {
                    why[o++] = ';';
                    why[o++] = ' ';
                }
            } else {
                why[o++] = buf[i];
            }
        }
        why[o] = 0;
    }
    return flags;
}

const uint8_t *native_transport_peer_cert(const native_transport *t, size_t *len)
{
    const mbedtls_x509_crt *crt = t->tls_up ? mbedtls_ssl_get_peer_cert(&t->ssl) : NULL;
    if (!crt) {
        *len = 0;
        return NULL;
    }
    *len = crt->raw.len;
    return crt->raw.p;
}

const char *native_transport_tls_version(const native_transport *t)
{
    return t->tls_up ? mbedtls_ssl_get_version(&t->ssl) : "none";
}

const char *native_transport_tls_cipher(const native_transport *t)
{
    return t->tls_up ? mbedtls_ssl_get_ciphersuite(&t->ssl) : "none";
}

int native_transport_send(native_transport *t, const uint8_t *data, size_t len, int64_t deadline_ms, wrdp_error *err)
{
    t->deadline_ms = deadline_ms;
    t->timed_out = false;
    while (len > 0) {
        if (t->tls_up) {
            int rc = mbedtls_ssl_write(&t->ssl, data, len);
            if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
                continue;
            if (rc < 0)
                return tls_fail(t, err, "TLS write", rc);
            data += rc;
            len -= (size_t)rc;
        } else {
            ssize_t n = raw_send(t, data, len);
            if (n == 0)
                return wrdp_error_set(err, WRDP_ERROR_TIMEOUT, "the server did not take data before the timeout");
            if (n < 0)
                return wrdp_error_set(err, WRDP_ERROR_IO, "send: %s", strerror(t->sock_errno));
            data += n;
            len -= (size_t)n;
        }
    }
    return WRDP_OK;
}

int native_transport_recv(native_transport *t, uint8_t *buf, size_t cap, size_t *got, int64_t deadline_ms,
                          wrdp_error *err)
{
    t->deadline_ms = deadline_ms;
    t->timed_out = false;
    *got = 0;
    if (t->tls_up) {
        for (;;) {
            int rc = mbedtls_ssl_read(&t->ssl, buf, cap);
            if (rc == MBEDTLS_ERR_SSL_WANT_READ || rc == MBEDTLS_ERR_SSL_WANT_WRITE)
                continue;
            /* the peer's close_notify, or its TCP close without one: both end the stream */
            if (rc == MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY || rc == MBEDTLS_ERR_SSL_CONN_EOF || rc == 0)
                return WRDP_OK;
            if (rc < 0)
                return tls_fail(t, err, "TLS read", rc);
            *got = (size_t)rc;
            return WRDP_OK;
        }
    }
    ssize_t n = raw_recv(t, buf, cap);
    if (n == -2)
        return wrdp_error_set(err, WRDP_ERROR_TIMEOUT, "no data from the server before the timeout");
    if (n < 0)
        return wrdp_error_set(err, WRDP_ERROR_IO, "recv: %s", strerror(t->sock_errno));
    *got = (size_t)n;
    return WRDP_OK;
}

void native_transport_close(native_transport *t)
{
    if (t->tls_up) {
        /* close_notify is best effort: a short deadline, and the socket closes regardless */
        t->deadline_ms = native_now_ms() + 1000;
        int rc;
        do {
            rc = mbedtls_ssl_close_notify(&t->ssl);
        } while (rc == MBEDTLS_ERR_SSL_WANT_WRITE || rc == MBEDTLS_ERR_SSL_WANT_READ);
        t->tls_up = false;
    }
    if (t->fd >= 0) {
        shutdown(t->fd, SHUT_RDWR);
        close(t->fd);
        t->fd = -1;
    }
}
