#include "plane_kernels.h"
#include "record_kernels.h"
#include "sgd_kernels.h"
#include "statistics_kernels.h"
