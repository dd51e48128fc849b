/* Bulk decompression fuzz target: NCRUSH (RDP 6.0), several packets an input
 * through one context (format in bulk_fuzz.h). */
#include "bulk_fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    return bulk_fuzz_run(data, size, 0x00, 0x02);
}
