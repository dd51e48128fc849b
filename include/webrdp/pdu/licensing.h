#ifndef WEBRDP_PDU_LICENSING_H
#define WEBRDP_PDU_LICENSING_H
#include "../utils.h"
#endif
