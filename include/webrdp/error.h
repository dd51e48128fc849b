/* webrdp — error model: every fallible call returns a status and leaves a
 * wrdp_error (kind, message, details) that the caller can read. */
#ifndef WEBRDP_ERROR_H
#define WEBRDP_ERROR_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Status of a fallible call: 0 on success, WRDP_ERR (-1) on failure. */
#define WRDP_OK 0
#define WRDP_ERR (-1)

typedef enum wrdp_error_kind {
    WRDP_ERROR_NONE = 0,
    WRDP_ERROR_DECODE,             /* malformed or truncated data; message says where */
    WRDP_ERROR_ENCODE,             /* a value does not fit its wire field */
    WRDP_ERROR_INVALID_ARGUMENT,   /* the caller passed something unusable */
    WRDP_ERROR_UNSUPPORTED,        /* valid, but not something webrdp does */
    WRDP_ERROR_OUT_OF_MEMORY,      /* an allocation failed */
    WRDP_ERROR_LIMIT,              /* a size cap was reached (allocation, count, length) */
    WRDP_ERROR_STATE,              /* call made in the wrong state, or on a consumed object */
    WRDP_ERROR_WRONG_PASSWORD,
    WRDP_ERROR_LOGON_FAILURE,
    WRDP_ERROR_ACCESS_DENIED,
    WRDP_ERROR_RDCLEANPATH,        /* details: http_status, wsa_error, tls_alert */
    WRDP_ERROR_PROXY_CONNECT,
    WRDP_ERROR_NEGOTIATION_FAILURE,/* details: code = RDP_NEG_FAILURE failureCode */
    WRDP_ERROR_SERVER_DISCONNECT,  /* details: code = MS-RDPBCGR error info */
    WRDP_ERROR_CERTIFICATE,        /* the server's certificate is not trusted (or unreadable) */
    WRDP_ERROR_LICENSING,          /* the server's licensing refused this client; code = dwErrorCode */
    WRDP_ERROR_IO,                 /* raised by the glue */
    WRDP_ERROR_TIMEOUT,            /* raised by the glue */
    WRDP_ERROR_INTERNAL,
    WRDP_ERROR_KIND_COUNT
} wrdp_error_kind;

#define WRDP_ERROR_MESSAGE_MAX 256

typedef struct wrdp_error {
    wrdp_error_kind kind;
    char message[WRDP_ERROR_MESSAGE_MAX];
    uint32_t code;        /* kind-specific code (error info, negotiation failure code, ...) */
    uint16_t http_status; /* RDCleanPath */
    uint16_t wsa_error;   /* RDCleanPath */
    int16_t tls_alert;    /* RDCleanPath, -1 when absent */
    size_t offset;        /* decode errors: byte offset in the input where it failed */
} wrdp_error;

/* Resets the error to "no error". */
void wrdp_error_clear(wrdp_error *err);

/* Records an error and returns WRDP_ERR, so that `return wrdp_error_set(...)` reads well.
 * err may be NULL (the error is then dropped). The message is printf-formatted and
 * truncated to WRDP_ERROR_MESSAGE_MAX - 1 bytes. */
int wrdp_error_set(wrdp_error *err, wrdp_error_kind kind, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

/* A stable, short, kebab-case name for a kind: "decode", "wrong-password", ... */
const char *wrdp_error_kind_name(wrdp_error_kind kind);

#ifdef __cplusplus
}
#endif
#endif
