#include "network_kernels.h"

#include <stdint.h>

#include "kernel_support.h"

// Every operation below is one IEEE double operation: no contraction into fused multiply-adds,
// no reassociation, so the baseline and the AVX2 paths give the same bits.
#pragma clang fp contract(off)

#define SIGN4 ((masks4){INT64_MIN, INT64_MIN, INT64_MIN, INT64_MIN})
#define SPLATI4(value) ((masks4){(value), (value), (value), (value)})
// Lane by lane, `mask ? a : b` (a mask lane is all ones or all zeros).
#define SELECT4(mask, a, b) ((lanes4)(((mask) & (masks4)(a)) | (~(mask) & (masks4)(b))))

static inline __attribute__((always_inline)) double from_bits(uint64_t bits) {
    double value;
    memcpy(&value, &bits, sizeof value);
    return value;
}

// fdlibm's expm1 on four lanes, for the arguments tanh passes: −2 < a ≤ 0 and 2 ≤ a < 44 (a lane
// outside gives a value the caller discards). Its cases, chosen per lane by `k`, the multiple of
// ln 2 taken out: k = 0 for |a| ≤ ½ln 2, −1 for a down to −1.5·ln 2, else the integer nearest a/ln 2
// (−3, −2 or 3 … 63). fdlibm's k = +1 case (½ln 2 < a < 1.5·ln 2) is left out: tanh never needs it.
static inline __attribute__((always_inline)) void expm1_lanes(lanes4 *value) {
    const lanes4 a = *value;
    const double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10,
                 invln2 = 1.44269504088896338700e+00;
    const double Q1 = -3.33333333333331316428e-02, Q2 = 1.58730158725481460165e-03,
                 Q3 = -7.93650757867487942473e-05, Q4 = 4.00821782732936239552e-06,
                 Q5 = -2.01099218183624371326e-07;
    const lanes4 zero = DESCENT_SPLAT4(0.0), one = DESCENT_SPLAT4(1.0);
    const masks4 negative = a < zero;
    const lanes4 magnitude = DESCENT_ABS4(a);
    // fdlibm compares the high word: |a| > 0x3fd62e42…, |a| < 0x3ff0a2b2….
    const masks4 reduced = magnitude >= DESCENT_SPLAT4(from_bits(0x3fd62e4300000000ULL));
    const masks4 near = magnitude < DESCENT_SPLAT4(from_bits(0x3ff0a2b200000000ULL));
    // k = ±1 near ln 2, else (int)(a/ln 2 ± ½) truncated, as fdlibm converts; as a double and, through
    // the 1.5·2⁵² shift that puts a small integer in the low bits, as an integer.
    const lanes4 half = SELECT4(negative, DESCENT_SPLAT4(-0.5), DESCENT_SPLAT4(0.5));
    lanes4 kd = __builtin_elementwise_trunc(DESCENT_SPLAT4(invln2) * a + half);
    kd = SELECT4(near, (lanes4)((masks4)one ^ (negative & SIGN4)), kd);
    kd = SELECT4(reduced, kd, zero);
    const lanes4 shift = DESCENT_SPLAT4(0x1.8p52);
    const masks4 k = (masks4)(kd + shift) - (masks4)shift;
    // hi − lo = a − k·ln 2 (k·ln2_hi is exact); at k = ±1 these are fdlibm's a ∓ ln2_hi and ±ln2_lo.
    lanes4 hi = a - kd * ln2_hi;
    lanes4 lo = kd * ln2_lo;
    hi = SELECT4(reduced, hi, a);
    lo = SELECT4(reduced, lo, zero);
    const lanes4 x = hi - lo;
    const lanes4 c = (hi - x) - lo;
    // x in the primary range.
    const lanes4 hfx = 0.5 * x;
    const lanes4 hxs = x * hfx;
    const lanes4 r1 = one + hxs * (Q1 + hxs * (Q2 + hxs * (Q3 + hxs * (Q4 + hxs * Q5))));
    const lanes4 t = 3.0 - r1 * hfx;
    lanes4 e = hxs * ((r1 - t) / (6.0 - x * t));
    const lanes4 k0 = x - (x * e - hxs);
    e = (x * (e - c) - c);
    e = e - hxs;
    const lanes4 kMinus1 = 0.5 * (x - e) - 0.5;
    const lanes4 twopk = (lanes4)((k + 0x3ff) << 52);
    const lanes4 far = (one - (e - x)) * twopk - one;
    // 2 ≤ k < 20: t = 1 − 2⁻ᵏ; 20 ≤ k ≤ 56: t = 2⁻ᵏ (shift counts kept in range on every lane).
    const masks4 kLow = (masks4)SELECT4(k < SPLATI4(20), (lanes4)k, (lanes4)SPLATI4(19)) & SPLATI4(31);
    const lanes4 tLow = (lanes4)((SPLATI4(0x3ff00000) - (SPLATI4(0x200000) >> kLow)) << 32);
    const lanes4 low = (tLow - (e - x)) * twopk;
    const masks4 kHigh = (masks4)SELECT4(k < SPLATI4(0x3ff), (lanes4)k, (lanes4)SPLATI4(0));
    const lanes4 tHigh = (lanes4)(((SPLATI4(0x3ff) - kHigh) << 20) << 32);
    const lanes4 high = ((x - (e + tHigh)) + one) * twopk;
    lanes4 result = SELECT4(k < SPLATI4(20), low, high);
    result = SELECT4((k <= SPLATI4(-2)) | (k > SPLATI4(56)), far, result);
    result = SELECT4(k == SPLATI4(-1), kMinus1, result);
    *value = SELECT4(k == SPLATI4(0), k0, result);
}

// fdlibm's tanh on four lanes.
static inline __attribute__((always_inline)) void tanh_lanes(lanes4 *value) {
    const lanes4 v = *value;
    const lanes4 one = DESCENT_SPLAT4(1.0), two = DESCENT_SPLAT4(2.0);
    const masks4 sign = (masks4)v & SIGN4;
    const lanes4 magnitude = DESCENT_ABS4(v);
    const masks4 inRange = magnitude < DESCENT_SPLAT4(22.0); // false for NaN
    const masks4 large = magnitude >= one;
    const lanes4 twice = two * magnitude;
    lanes4 argument = SELECT4(large, twice, -twice);
    argument = SELECT4(inRange, argument, DESCENT_SPLAT4(0.0));
    lanes4 t = argument;
    expm1_lanes(&t);
    // 1 − 2/(t + 2) or −t/(t + 2): one division for both.
    const lanes4 quotient = SELECT4(large, two, -t) / (t + two);
    lanes4 z = SELECT4(large, one - quotient, quotient);
    z = SELECT4(inRange, z, one);
    z = SELECT4(magnitude < DESCENT_SPLAT4(0x1p-55), magnitude, z);
    z = (lanes4)((masks4)z | sign);
    *value = SELECT4(v != v, v + v, z);
}

#define DESCENT_TANH_LANES_BODY                                                   \
    long i = 0;                                                                   \
    for (; i + 4 <= n; i += 4) {                                                  \
        lanes4 value = DESCENT_LOAD4(in + i);                                     \
        tanh_lanes(&value);                                                       \
        memcpy(out + i, &value, sizeof value);                                    \
    }                                                                             \
    if (i < n) {                                                                  \
        double padded[4] = {0, 0, 0, 0};                                          \
        memcpy(padded, in + i, (size_t)(n - i) * sizeof(double));                 \
        lanes4 value = DESCENT_LOAD4(padded);                                     \
        tanh_lanes(&value);                                                       \
        memcpy(out + i, &value, (size_t)(n - i) * sizeof(double));                \
    }

// Four rows at a time: each unit's activations in four lanes, the output sums in four lanes in
// unit order, then the squared errors added in row order.
#define DESCENT_NETWORK_MSE_BODY                                                  \
    const double *w = theta, *cs = theta + units, *v = theta + 2 * units;         \
    const double b = theta[3 * units];                                            \
    double total = 0;                                                             \
    for (long i = 0; i < n; i += 4) {                                             \
        const long rows = n - i < 4 ? n - i : 4;                                  \
        lanes4 input = DESCENT_SPLAT4(0.0), target = DESCENT_SPLAT4(0.0);         \
        if (rows == 4) {                                                          \
            input = DESCENT_LOAD4(x + i);                                         \
            target = DESCENT_LOAD4(y + i);                                        \
        } else {                                                                  \
            for (long r = 0; r < rows; r++) {                                     \
                input[r] = x[i + r];                                              \
                target[r] = y[i + r];                                             \
            }                                                                     \
        }                                                                         \
        lanes4 sum = DESCENT_SPLAT4(0.0);                                         \
        for (long j = 0; j < units; j++) {                                        \
            lanes4 h = DESCENT_SPLAT4(w[j]) * input + cs[j];                      \
            tanh_lanes(&h);                                                       \
            sum = sum + DESCENT_SPLAT4(v[j]) * h;                                 \
        }                                                                         \
        const lanes4 error = (sum + b) - target;                                  \
        const lanes4 square = error * error;                                      \
        for (long r = 0; r < rows; r++) total += square[r];                       \
    }                                                                             \
    return total / (double)n;

void descent_tanh_lanes_baseline(const double *in, double *out, long n) {
    DESCENT_TANH_LANES_BODY
}

double descent_network_mse_baseline(long units, const double *theta, const double *x, const double *y, long n) {
    DESCENT_NETWORK_MSE_BODY
}

#if defined(__x86_64__) && defined(__clang__)
__attribute__((target("avx2")))
static void descent_tanh_lanes_avx2(const double *in, double *out, long n) {
    DESCENT_TANH_LANES_BODY
}

__attribute__((target("avx2")))
static double descent_network_mse_avx2(long units, const double *theta, const double *x, const double *y, long n) {
    DESCENT_NETWORK_MSE_BODY
}

void descent_tanh_lanes(const double *in, double *out, long n) {
    if (descent_cpu_has_avx2()) {
        descent_tanh_lanes_avx2(in, out, n);
    } else {
        descent_tanh_lanes_baseline(in, out, n);
    }
}

double descent_network_mse(long units, const double *theta, const double *x, const double *y, long n) {
    if (descent_cpu_has_avx2()) return descent_network_mse_avx2(units, theta, x, y, n);
    return descent_network_mse_baseline(units, theta, x, y, n);
}
#else
void descent_tanh_lanes(const double *in, double *out, long n) {
    descent_tanh_lanes_baseline(in, out, n);
}

double descent_network_mse(long units, const double *theta, const double *x, const double *y, long n) {
    return descent_network_mse_baseline(units, theta, x, y, n);
}
#endif

double descent_tanh(double x) {
    double value;
    descent_tanh_lanes(&x, &value, 1);
    return value;
}

double descent_network_forward(long units, const double *theta, double x, double *hidden) {
    for (long j = 0; j < units; j++) hidden[j] = theta[j] * x + theta[units + j];
    descent_tanh_lanes(hidden, hidden, units);
    double sum = 0;
    for (long j = 0; j < units; j++) sum += theta[2 * units + j] * hidden[j];
    return sum + theta[3 * units];
}
