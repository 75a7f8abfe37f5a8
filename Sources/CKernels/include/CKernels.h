#include "plane_kernels.h"
#include "statistics_kernels.h"
