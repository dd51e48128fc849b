/* The one place webrdp allocates: every size is capped by WRDP_ALLOC_MAX so a
 * length read from the wire can never turn into a huge allocation. */
#include <stdlib.h>

#include "webrdp/utils.h"

void *wrdp_alloc(size_t size)
{
    if (size == 0 || size > WRDP_ALLOC_MAX)
        return NULL;
    return malloc(size);
}

void *wrdp_calloc(size_t count, size_t size)
{
    if (count == 0 || size == 0 || count > WRDP_ALLOC_MAX / size)
        return NULL;
    return calloc(count, size);
}

void *wrdp_realloc(void *p, size_t size)
{
    if (size == 0 || size > WRDP_ALLOC_MAX)
        return NULL;
    return realloc(p, size);
}

void wrdp_free(void *p)
{
    free(p);
}
