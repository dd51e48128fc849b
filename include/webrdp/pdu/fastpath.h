#ifndef WEBRDP_PDU_FASTPATH_H
#define WEBRDP_PDU_FASTPATH_H
#include "../utils.h"
#endif
