/* Every PDU kind webrdp knows, gathered from the family tables. */
#include <string.h>

#include "pdu/kind.h"

WRDP_PDU_FAMILY_DECLARE(x224)
WRDP_PDU_FAMILY_DECLARE(mcs)
WRDP_PDU_FAMILY_DECLARE(gcc)
WRDP_PDU_FAMILY_DECLARE(rdp)
WRDP_PDU_FAMILY_DECLARE(caps)
WRDP_PDU_FAMILY_DECLARE(licensing)
WRDP_PDU_FAMILY_DECLARE(fastpath)
WRDP_PDU_FAMILY_DECLARE(rdcleanpath)

typedef struct family {
    const wrdp_pdu_kind *kinds;
    const size_t *count;
} family;

static const family families[] = {
    {wrdp_pdu_kinds_x224, &wrdp_pdu_kinds_x224_count},
    {wrdp_pdu_kinds_mcs, &wrdp_pdu_kinds_mcs_count},
    {wrdp_pdu_kinds_gcc, &wrdp_pdu_kinds_gcc_count},
    {wrdp_pdu_kinds_rdp, &wrdp_pdu_kinds_rdp_count},
    {wrdp_pdu_kinds_caps, &wrdp_pdu_kinds_caps_count},
    {wrdp_pdu_kinds_licensing, &wrdp_pdu_kinds_licensing_count},
    {wrdp_pdu_kinds_fastpath, &wrdp_pdu_kinds_fastpath_count},
    {wrdp_pdu_kinds_rdcleanpath, &wrdp_pdu_kinds_rdcleanpath_count},
};

size_t wrdp_pdu_kind_count(void)
{
    size_t n = 0;
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++)
        n += *families[f].count;
    return n;
}

const wrdp_pdu_kind *wrdp_pdu_kind_at(size_t i)
{
    for (size_t f = 0; f < sizeof families / sizeof families[0]; f++) {
        if (i < *families[f].count)
            return &families[f].kinds[i];
        i -= *families[f].count;
    }
    return NULL;
}

const wrdp_pdu_kind *wrdp_pdu_kind_find(const char *name)
{
    if (!name)
        return NULL;
    for (size_t i = 0, n = wrdp_pdu_kind_count(); i < n; i++) {
        const wrdp_pdu_kind *k = wrdp_pdu_kind_at(i);
        if (strcmp(k->name, name) == 0)
            return k;
    }
    return NULL;
}
