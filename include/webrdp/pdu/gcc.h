#ifndef WEBRDP_PDU_GCC_H
#define WEBRDP_PDU_GCC_H
#include "../utils.h"
#endif
