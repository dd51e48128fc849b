/* placeholder: the fastpath family's JSON forms and registry table go here */
#include "pdu/kind.h"

const wrdp_pdu_kind wrdp_pdu_kinds_fastpath[1] = {{0}};
const size_t wrdp_pdu_kinds_fastpath_count = 0;
