/* Bulk decompression fuzz target: MPPC (8K and 64K: bit 0 of each packet's flags), several packets an input
 * through one context (format in bulk_fuzz.h). */
#include "bulk_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return bulk_fuzz_run(data, size, 0x01, 0x00);
}
