#ifndef DESCENT_KERNEL_SUPPORT_H
#define DESCENT_KERNEL_SUPPORT_H

// What the kernels share (not part of the module's interface): four doubles as one vector value,
// compiled to one AVX2 instruction or two SSE2 instructions per operation (the same IEEE
// operation on each lane either way), and the processor check that picks the AVX2 path.

#include <string.h>

typedef double lanes4 __attribute__((vector_size(32)));
typedef long long masks4 __attribute__((vector_size(32)));

// Four consecutive doubles from any address.
#define DESCENT_LOAD4(pointer) ({ lanes4 value_; memcpy(&value_, (pointer), sizeof value_); value_; })
// One value in all four lanes.
#define DESCENT_SPLAT4(value) ((lanes4){(value), (value), (value), (value)})
// |v| lane by lane: the sign bit cleared, as fabs does.
#define DESCENT_ABS4(v) ((lanes4)((masks4)(v) & (masks4){0x7fffffffffffffffLL, 0x7fffffffffffffffLL, \
                                                           0x7fffffffffffffffLL, 0x7fffffffffffffffLL}))

#if defined(__x86_64__) && defined(__clang__)
// Whether this processor runs the kernels' AVX2 paths.
static inline int descent_cpu_has_avx2(void) { return __builtin_cpu_supports("avx2"); }
#endif

#endif
