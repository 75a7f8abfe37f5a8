#ifndef DESCENT_CLAIM_KERNELS_H
#define DESCENT_CLAIM_KERNELS_H

/// Adds `step` to `*counter` atomically and returns the value before (a relaxed fetch-and-add):
/// the threads of a parallel pass claim their next piece of work with it, so a thread that other
/// work on its core slows down takes fewer pieces.
long descent_claim(long *counter, long step);

#endif
