/* webrdp example — connection recordings (see native_record.h). */
#include "native_record.h"

#include "webrdp/error.h"

int native_record_open(native_record *r, const char *path)
{
    r->f = fopen(path, "w");
    if (!r->f)
        return -1;
    fputs("webrdp-recording 1\n", r->f);
    return 0;
}

void native_record_close(native_record *r)
{
    if (r->f)
        fclose(r->f);
    r->f = NULL;
}

void native_record_bytes(native_record *r, const char *tag, const uint8_t *data, size_t len)
{
    if (!r->f)
        return;
    static const char hex[] = "0123456789abcdef";
    fputs(tag, r->f);
    fputc(' ', r->f);
    for (size_t i = 0; i < len; i++) {
        fputc(hex[data[i] >> 4], r->f);
        fputc(hex[data[i] & 15], r->f);
    }
    fputc('\n', r->f);
    fflush(r->f); /* a recording is most useful when the connection crashed */
}

void native_record_text(native_record *r, const char *tag, const char *text)
{
    if (!r->f)
        return;
    fprintf(r->f, "%s %s\n", tag, text);
    fflush(r->f);
}

int native_record_random_fn(void *ctx, uint8_t *out, size_t len)
{
    native_record_random *rr = ctx;
    int rc = rr->inner(rr->inner_ctx, out, len);
    if (rc == WRDP_OK)
        native_record_bytes(rr->rec, "random", out, len);
    return rc;
}
