/* Bulk decompression fuzz target: XCRUSH (RDP 6.1, with level-2 MPPC 64K), several packets an input
 * through one context (format in bulk_fuzz.h). */
#include "bulk_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return bulk_fuzz_run(data, size, 0x00, 0x03);
}
