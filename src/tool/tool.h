#ifndef WRDP_TOOL_H
#define WRDP_TOOL_H

#include <stddef.h>
#include <stdint.h>

#define WRDP_TOOL_VERSION "0.1.0"

int tool_pdu(int argc, char **argv);
int tool_decode(int argc, char **argv);
int tool_connect(int argc, char **argv); /* tool_connect.c */

/* Reads a file ("-" is standard input) into a malloc'd buffer with a NUL after it. */
uint8_t *tool_read_file(const char *path, size_t *len);

#endif
