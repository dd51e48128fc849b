#ifndef WEBRDP_PDU_RDP_H
#define WEBRDP_PDU_RDP_H
#include "../utils.h"
#endif
