/* placeholder: the mcs family's JSON forms and registry table go here */
#include "pdu/kind.h"

const wrdp_pdu_kind wrdp_pdu_kinds_mcs[1] = {{0}};
const size_t wrdp_pdu_kinds_mcs_count = 0;
