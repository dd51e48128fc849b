#ifndef WEBRDP_PDU_MCS_H
#define WEBRDP_PDU_MCS_H
#include "../utils.h"
#endif
