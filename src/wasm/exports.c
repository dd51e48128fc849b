/* The C API the JavaScript loader (js/loader.mjs) calls. It adds only what JS
 * cannot do itself: memory from the module's allocator and readable errors.
 * The PDU functions (wrdp_pdu_count, _name, _title, _decode_json,
 * _encode_json) are exported straight from the library (see CMakeLists.txt).
 *
 * Errors: every fallible call takes a wrdp_error that the caller owns. JS
 * makes one with wrdp_wasm_error_new() per loaded module and passes it to
 * each call; nothing here keeps global state (the wasm instance is itself the
 * JS object's state, so a static would be acceptable, but none is needed). */
#include <stdlib.h>

#include "webrdp/error.h"
#include "webrdp/utils.h"

#define EXPORT __attribute__((visibility("default"), used))

EXPORT void *wrdp_wasm_alloc(size_t size) { return malloc(size ? size : 1); }

EXPORT void wrdp_wasm_free(void *p) { free(p); }

EXPORT wrdp_error *wrdp_wasm_error_new(void)
{
    wrdp_error *err = malloc(sizeof *err);
    if (err)
        wrdp_error_clear(err);
    return err;
}

EXPORT void wrdp_wasm_error_free(wrdp_error *err) { free(err); }

EXPORT void wrdp_wasm_error_clear(wrdp_error *err) { wrdp_error_clear(err); }

/* "none", "decode", "limit", ... (wrdp_error_kind_name) */
EXPORT const char *wrdp_wasm_error_kind(const wrdp_error *err) { return wrdp_error_kind_name(err->kind); }

EXPORT const char *wrdp_wasm_error_message(const wrdp_error *err) { return err->message; }

EXPORT uint32_t wrdp_wasm_error_code(const wrdp_error *err) { return err->code; }

EXPORT size_t wrdp_wasm_error_offset(const wrdp_error *err) { return err->offset; }
