#ifndef WEBRDP_PDU_X224_H
#define WEBRDP_PDU_X224_H
#include "../utils.h"
#endif
