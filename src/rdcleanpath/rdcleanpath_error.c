/* RDCleanPath errors in words: the meanings of the error, HTTP, WSA and TLS
 * alert codes a gateway sends, IronRDP's short rendering, and the wrdp_error a
 * user reads. The code tables are data, apart from the logic. */
#include <stdarg.h>
#include <stdio.h>

#include "webrdp/rdcleanpath.h"

typedef struct code_name {
    uint16_t code;
    const char *name;
} code_name;

static const code_name http_statuses[] = {
    {200, "OK"},
    {400, "bad request"},
    {401, "unauthorized"},
    {403, "forbidden"},
    {404, "not found"},
    {405, "method not allowed"},
    {408, "request timeout"},
    {409, "conflict"},
    {410, "gone"},
    {413, "payload too large"},
    {414, "URI too long"},
    {422, "unprocessable entity"},
    {429, "too many requests"},
    {500, "internal server error"},
    {501, "not implemented"},
    {502, "bad gateway"},
    {503, "service unavailable"},
    {504, "gateway timeout"},
    {505, "HTTP version not supported"},
};

/* Winsock error numbers (WSAE*, and the WSAHOST_NOT_FOUND family). */
static const code_name wsa_errors[] = {
    {10004, "interrupted system call"},
    {10009, "bad file descriptor"},
    {10013, "permission denied"},
    {10014, "bad address"},
    {10022, "invalid argument"},
    {10024, "too many open files"},
    {10035, "resource temporarily unavailable"},
    {10036, "operation now in progress"},
    {10037, "operation already in progress"},
    {10038, "socket operation on nonsocket"},
    {10039, "destination address required"},
    {10040, "message too long"},
    {10041, "protocol wrong type for socket"},
    {10042, "bad protocol option"},
    {10043, "protocol not supported"},
    {10044, "socket type not supported"},
    {10045, "operation not supported"},
    {10046, "protocol family not supported"},
    {10047, "address family not supported by protocol family"},
    {10048, "address already in use"},
    {10049, "cannot assign requested address"},
    {10050, "network is down"},
    {10051, "network is unreachable"},
    {10052, "network dropped connection on reset"},
    {10053, "software caused connection abort"},
    {10054, "connection reset by peer"},
    {10055, "no buffer space available"},
    {10056, "socket is already connected"},
    {10057, "socket is not connected"},
    {10058, "cannot send after socket shutdown"},
    {10060, "connection timed out"},
    {10061, "connection refused"},
    {10064, "host is down"},
    {10065, "no route to host"},
    {10067, "too many processes"},
    {10091, "network subsystem is unavailable"},
    {10092, "Winsock version not supported"},
    {10093, "successful WSAStartup not yet performed"},
    {10101, "graceful shutdown in progress"},
    {10109, "class type not found"},
    {11001, "host not found"},
    {11002, "nonauthoritative host not found"},
    {11003, "nonrecoverable name server error"},
    {11004, "valid name, no data record of requested type"},
};

/* TLS alert descriptions (RFC 5246 7.2, RFC 8446 6, RFC 6066, RFC 7301). */
static const code_name tls_alerts[] = {
    {0, "close notify"},
    {10, "unexpected message"},
    {20, "bad record MAC"},
    {21, "decryption failed"},
    {22, "record overflow"},
    {30, "decompression failure"},
    {40, "handshake failure"},
    {41, "no certificate"},
    {42, "bad certificate"},
    {43, "unsupported certificate"},
    {44, "certificate revoked"},
    {45, "certificate expired"},
    {46, "certificate unknown"},
    {47, "illegal parameter"},
    {48, "unknown CA"},
    {49, "access denied"},
    {50, "decode error"},
    {51, "decrypt error"},
    {60, "export restriction"},
    {70, "protocol version"},
    {71, "insufficient security"},
    {80, "internal error"},
    {86, "inappropriate fallback"},
    {90, "user canceled"},
    {100, "no renegotiation"},
    {109, "missing extension"},
    {110, "unsupported extension"},
    {111, "certificate unobtainable"},
    {112, "unrecognized name"},
    {113, "bad certificate status response"},
    {114, "bad certificate hash value"},
    {115, "unknown PSK identity"},
    {116, "certificate required"},
    {120, "no application protocol"},
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static const char *lookup(const code_name *table, size_t n, unsigned code, const char *unknown)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].code == code)
            return table[i].name;
    return unknown;
}

const char *wrdp_rdcleanpath_error_code_name(uint16_t error_code)
{
    switch (error_code) {
    case WRDP_RDCLEANPATH_GENERAL_ERROR_CODE:
        return "general error";
    case WRDP_RDCLEANPATH_NEGOTIATION_ERROR_CODE:
        return "negotiation error";
    default:
        return "unknown error";
    }
}

const char *wrdp_rdcleanpath_http_status_name(uint16_t status)
{
    return lookup(http_statuses, COUNT(http_statuses), status, "unknown HTTP status");
}

const char *wrdp_rdcleanpath_wsa_error_name(uint16_t wsa)
{
    return lookup(wsa_errors, COUNT(wsa_errors), wsa, "unknown WSA error");
}

const char *wrdp_rdcleanpath_tls_alert_name(uint8_t alert)
{
    return lookup(tls_alerts, COUNT(tls_alerts), alert, "unknown TLS alert");
}

/* ---- text built piece by piece into a bounded buffer ---- */
typedef struct text {
    char *out;
    size_t cap;
    size_t len; /* length of the whole text, even past cap */
} text;

static void add(text *t, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

static void add(text *t, const char *fmt, ...)
{
    size_t at = t->len < t->cap ? t->len : t->cap;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(t->out ? t->out + at : NULL, t->cap - at, fmt, ap);
    va_end(ap);
    if (n > 0)
        t->len += (size_t)n;
}

static void describe(const wrdp_rdcleanpath_err *e, text *t)
{
    add(t, "%s (code %u)", wrdp_rdcleanpath_error_code_name(e->error_code), e->error_code);
    if (e->has_http_status_code)
        add(t, "; HTTP %u %s", e->http_status_code, wrdp_rdcleanpath_http_status_name(e->http_status_code));
    if (e->has_wsa_last_error)
        add(t, "; WSA %u %s", e->wsa_last_error, wrdp_rdcleanpath_wsa_error_name(e->wsa_last_error));
    if (e->has_tls_alert_code)
        add(t, "; TLS alert %u %s", e->tls_alert_code, wrdp_rdcleanpath_tls_alert_name(e->tls_alert_code));
}

size_t wrdp_rdcleanpath_err_describe(const wrdp_rdcleanpath_err *e, char *out, size_t cap)
{
    char none[1];
    text t = {out && cap ? out : none, out && cap ? cap : sizeof none, 0};
    t.out[0] = 0;
    describe(e, &t);
    return t.len;
}

/* What the HTTP status says about the request, in words a user acts on. */
static const char *http_meaning(uint16_t status)
{
    switch (status) {
    case 401:
    case 403:
        return "the gateway refused the token";
    case 400:
        return "the gateway rejected the request";
    case 404:
        return "the gateway does not know this endpoint";
    case 408:
    case 504:
        return "the gateway timed out";
    case 429:
        return "the gateway is limiting connections";
    default:
        return status >= 500 ? "the gateway failed" : "the gateway answered";
    }
}

static void plain_words(const wrdp_rdcleanpath_pdu *pdu, text *t)
{
    const wrdp_rdcleanpath_err *e = &pdu->error;
    bool any = false;
    if (e->error_code == WRDP_RDCLEANPATH_NEGOTIATION_ERROR_CODE) {
        add(t, "the server refused the RDP security negotiation%s",
            pdu->has_x224_connection_pdu ? " (its answer is in the X.224 Connection Confirm)" : "");
        any = true;
    }
    if (e->has_http_status_code) {
        add(t, "%s%s: HTTP %u (%s)", any ? "; " : "", http_meaning(e->http_status_code), e->http_status_code,
            wrdp_rdcleanpath_http_status_name(e->http_status_code));
        any = true;
    }
    if (e->has_wsa_last_error) {
        add(t, "%sthe gateway could not reach the server: WSA error %u (%s)", any ? "; " : "", e->wsa_last_error,
            wrdp_rdcleanpath_wsa_error_name(e->wsa_last_error));
        any = true;
    }
    if (e->has_tls_alert_code) {
        add(t, "%sTLS handshake with the server failed: alert %u (%s)", any ? "; " : "", e->tls_alert_code,
            wrdp_rdcleanpath_tls_alert_name(e->tls_alert_code));
        any = true;
    }
    if (!any)
        add(t, "the gateway reported a%s %s (RDCleanPath code %u)",
            e->error_code == WRDP_RDCLEANPATH_GENERAL_ERROR_CODE ? "" : "n",
            wrdp_rdcleanpath_error_code_name(e->error_code), e->error_code);
}

int wrdp_rdcleanpath_to_error(const wrdp_rdcleanpath_pdu *pdu, wrdp_error *err)
{
    if (!pdu->has_error)
        return WRDP_OK;
    if (!err)
        return WRDP_ERR;
    const wrdp_rdcleanpath_err *e = &pdu->error;
    err->kind = WRDP_ERROR_RDCLEANPATH;
    err->code = e->error_code;
    err->http_status = e->has_http_status_code ? e->http_status_code : 0;
    err->wsa_error = e->has_wsa_last_error ? e->wsa_last_error : 0;
    err->tls_alert = e->has_tls_alert_code ? (int16_t)e->tls_alert_code : -1;
    err->offset = 0;
    text t = {err->message, sizeof err->message, 0};
    err->message[0] = 0;
    plain_words(pdu, &t);
    return WRDP_ERR;
}
