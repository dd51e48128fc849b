#ifndef WEBRDP_PDU_CAPS_H
#define WEBRDP_PDU_CAPS_H
#include "../utils.h"
#endif
