/* webrdp — the native command-line tool. Subcommands live in their own files
 * (tool_pdu.c, ...); this file dispatches. */
#include <stdio.h>
#include <string.h>

#include "tool/tool.h"

static void usage(FILE *f)
{
    fprintf(f,
            "usage: webrdp <command> [options]\n"
            "\n"
            "commands:\n"
            "  pdu decode <kind> <file|->    decode one PDU and print its fields as JSON\n"
            "  pdu encode <kind> <json|@file|->  encode a PDU from its JSON form (hex, or -o FILE)\n"
            "  pdu --help                    list every PDU kind\n"
            "  decode <codec> <in.bin> ...   decode one bitstream, timed (webrdp decode --help)\n"
            "  screenshot --host H ... --out F.png  connect, wait until the screen settles, save it\n"
            "  connect --host H --user U --password W [...]  connect to an RDP server (connect --help)\n"
            "  version                       print the version\n");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    const char *cmd = argv[1];
    if (!strcmp(cmd, "pdu"))
        return tool_pdu(argc - 2, argv + 2);
    if (!strcmp(cmd, "decode"))
        return tool_decode(argc - 2, argv + 2);
    if (!strcmp(cmd, "connect"))
        return tool_connect(argc - 2, argv + 2);
    if (!strcmp(cmd, "screenshot"))
        return tool_screenshot(argc - 2, argv + 2);
    if (!strcmp(cmd, "version") || !strcmp(cmd, "--version")) {
        printf("webrdp %s\n", WRDP_TOOL_VERSION);
        return 0;
    }
    if (!strcmp(cmd, "help") || !strcmp(cmd, "--help") || !strcmp(cmd, "-h")) {
        usage(stdout);
        return 0;
    }
    fprintf(stderr, "webrdp: unknown command '%s'\n\n", cmd);
    usage(stderr);
    return 2;
}
