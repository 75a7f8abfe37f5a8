#include "claim_kernels.h"

long descent_claim(long *counter, long step) {
    return __atomic_fetch_add(counter, step, __ATOMIC_RELAXED);
}
