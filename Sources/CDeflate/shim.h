#ifndef DESCENT_CDEFLATE_SHIM_H
#define DESCENT_CDEFLATE_SHIM_H
#include <libdeflate.h>
#endif
