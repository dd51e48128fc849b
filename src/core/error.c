#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "webrdp/error.h"

void wrdp_error_clear(wrdp_error *err)
{
    if (!err)
        return;
    memset(err, 0, sizeof *err);
    err->tls_alert = -1;
}

int wrdp_error_set(wrdp_error *err, wrdp_error_kind kind, const char *fmt, ...)
{
    if (!err)
        return WRDP_ERR;
    err->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    return WRDP_ERR;
}

static const char *const kind_names[WRDP_ERROR_KIND_COUNT] = {
    [WRDP_ERROR_NONE] = "none",
    [WRDP_ERROR_DECODE] = "decode",
    [WRDP_ERROR_ENCODE] = "encode",
    [WRDP_ERROR_INVALID_ARGUMENT] = "invalid-argument",
    [WRDP_ERROR_UNSUPPORTED] = "unsupported",
    [WRDP_ERROR_OUT_OF_MEMORY] = "out-of-memory",
    [WRDP_ERROR_LIMIT] = "limit",
    [WRDP_ERROR_STATE] = "state",
    [WRDP_ERROR_WRONG_PASSWORD] = "wrong-password",
    [WRDP_ERROR_LOGON_FAILURE] = "logon-failure",
    [WRDP_ERROR_ACCESS_DENIED] = "access-denied",
    [WRDP_ERROR_RDCLEANPATH] = "rdcleanpath",
    [WRDP_ERROR_PROXY_CONNECT] = "proxy-connect",
    [WRDP_ERROR_NEGOTIATION_FAILURE] = "negotiation-failure",
    [WRDP_ERROR_SERVER_DISCONNECT] = "server-disconnect",
    [WRDP_ERROR_CERTIFICATE] = "certificate",
    [WRDP_ERROR_LICENSING] = "licensing",
    [WRDP_ERROR_IO] = "io",
    [WRDP_ERROR_TIMEOUT] = "timeout",
    [WRDP_ERROR_INTERNAL] = "internal",
};

const char *wrdp_error_kind_name(wrdp_error_kind kind)
{
    if ((unsigned)kind >= WRDP_ERROR_KIND_COUNT)
        return "unknown";
    return kind_names[kind];
}
