/* `webrdp pdu`: decode a PDU to JSON, encode JSON to a PDU, list the kinds. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdu/kind.h"
#include "tool/tool.h"

static void list_kinds(FILE *f)
{
    fprintf(f,
            "usage: webrdp pdu decode <kind> <file|-> [--hex]\n"
            "       webrdp pdu encode <kind> <json|@file|-> [-o FILE]\n"
            "\n"
            "decode prints the fields as JSON (names as in the specification); --hex reads the input\n"
            "as hex text. encode prints the bytes as hex, or writes them to FILE with -o.\n"
            "\nkinds:\n");
    for (size_t i = 0, n = wrdp_pdu_kind_count(); i < n; i++) {
        const wrdp_pdu_kind *k = wrdp_pdu_kind_at(i);
        fprintf(f, "  %-44s %s\n", k->name, k->title);
    }
}

static const wrdp_pdu_kind *kind_or_die(const char *name)
{
    const wrdp_pdu_kind *k = wrdp_pdu_kind_find(name);
    if (!k)
        fprintf(stderr, "webrdp pdu: unknown kind '%s' (see webrdp pdu --help)\n", name);
    return k;
}

static int hexval(int ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

/* Turns hex text (whitespace allowed) into bytes, in place. Returns -1 on bad text. */
static long unhex(uint8_t *buf, size_t len)
{
    size_t n = 0;
    int hi = -1;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == ' ' || buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t')
            continue;
        int v = hexval(buf[i]);
        if (v < 0)
            return -1;
        if (hi < 0) {
            hi = v;
        } else {
            buf[n++] = (uint8_t)(hi << 4 | v);
            hi = -1;
        }
    }
    return hi < 0 ? (long)n : -1;
}

static int cmd_decode(int argc, char **argv)
{
    if (argc < 2) {
        list_kinds(stderr);
        return 2;
    }
    int hex = argc > 2 && strcmp(argv[2], "--hex") == 0;
    const wrdp_pdu_kind *k = kind_or_die(argv[0]);
    if (!k)
        return 2;
    size_t len;
    uint8_t *data = tool_read_file(argv[1], &len);
    if (!data) {
        fprintf(stderr, "webrdp pdu: cannot read %s\n", argv[1]);
        return 1;
    }
    if (hex) {
        long n = unhex(data, len);
        if (n < 0) {
            fprintf(stderr, "webrdp pdu: %s is not hex text\n", argv[1]);
            free(data);
            return 1;
        }
        len = (size_t)n;
    }
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    size_t used = 0;
    int rc = wrdp_pdu_kind_to_json(k, data, len, true, &w, &used, &err);
    if (rc == WRDP_OK) {
        fwrite(w.data, 1, w.len, stdout);
        fputc('\n', stdout);
        if (used != len)
            fprintf(stderr, "webrdp pdu: note: %zu of %zu bytes decoded, %zu trailing\n", used, len, len - used);
    } else {
        fprintf(stderr, "error: %s: %s\n", wrdp_error_kind_name(err.kind), err.message);
    }
    wrdp_writer_free(&w);
    free(data);
    return rc == WRDP_OK ? 0 : 1;
}

static int cmd_encode(int argc, char **argv)
{
    if (argc < 2) {
        list_kinds(stderr);
        return 2;
    }
    const char *out_path = NULL;
    for (int i = 2; i + 1 < argc; i++)
        if (!strcmp(argv[i], "-o"))
            out_path = argv[i + 1];
    const wrdp_pdu_kind *k = kind_or_die(argv[0]);
    if (!k)
        return 2;
    const char *arg = argv[1];
    uint8_t *owned = NULL;
    size_t len;
    const char *json;
    if (arg[0] == '@' || !strcmp(arg, "-")) {
        owned = tool_read_file(arg[0] == '@' ? arg + 1 : "-", &len);
        if (!owned) {
            fprintf(stderr, "webrdp pdu: cannot read %s\n", arg);
            return 1;
        }
        json = (const char *)owned;
    } else {
        json = arg;
        len = strlen(arg);
    }
    wrdp_error err;
    wrdp_error_clear(&err);
    wrdp_writer w;
    wrdp_writer_init(&w, 0, &err);
    int rc = wrdp_pdu_kind_from_json(k, json, len, &w, &err);
    if (rc == WRDP_OK) {
        if (out_path) {
            FILE *f = fopen(out_path, "wb");
            if (!f || fwrite(w.data, 1, w.len, f) != w.len) {
                fprintf(stderr, "webrdp pdu: cannot write %s\n", out_path);
                rc = WRDP_ERR;
            }
            if (f)
                fclose(f);
        } else {
            for (size_t i = 0; i < w.len; i++)
                printf("%02x", w.data[i]);
            printf("\n");
        }
    } else {
        fprintf(stderr, "error: %s: %s\n", wrdp_error_kind_name(err.kind), err.message);
    }
    wrdp_writer_free(&w);
    free(owned);
    return rc == WRDP_OK ? 0 : 1;
}

int tool_pdu(int argc, char **argv)
{
    if (argc < 1 || !strcmp(argv[0], "--help") || !strcmp(argv[0], "-h") || !strcmp(argv[0], "help")) {
        list_kinds(argc < 1 ? stderr : stdout);
        return argc < 1 ? 2 : 0;
    }
    if (!strcmp(argv[0], "decode"))
        return cmd_decode(argc - 1, argv + 1);
    if (!strcmp(argv[0], "encode"))
        return cmd_encode(argc - 1, argv + 1);
    fprintf(stderr, "webrdp pdu: unknown subcommand '%s'\n", argv[0]);
    list_kinds(stderr);
    return 2;
}
