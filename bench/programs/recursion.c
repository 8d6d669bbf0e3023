/* Deep, non-tail recursion: Ackermann's function A(3, k) reaches a call depth of about 2^(k+3) (over 4,000 frames
 * for k = 9) and makes millions of calls that cannot be inlined or turned into loops. It stresses call/return cost
 * and stack-overflow checks at depths far beyond typical code. */
#include "common.h"

NOINLINE static uint32_t ack(uint32_t m, uint32_t n) {
  if (m == 0) return n + 1;
  if (n == 0) return ack(m - 1, 1);
  return ack(m - 1, ack(m, n - 1));
}

static uint32_t depth, max_depth;
/* A walk of a complete binary tree of height h that keeps locals live across both calls. */
NOINLINE static uint32_t walk(uint32_t h, uint32_t x) {
  if (++depth > max_depth) max_depth = depth;
  uint32_t r;
  if (h == 0) r = x * 0x9E3779B9u;
  else { uint32_t a = walk(h - 1, x * 2 + 1); uint32_t b = walk(h - 1, a ^ x); r = (a + (b >> 3)) ^ h; }
  depth--;
  return r;
}

/* A chain that descends `d` frames and does work on the way back up. */
NOINLINE static uint32_t chain(uint32_t d, uint32_t x) {
  if (d == 0) return x;
  uint32_t y = chain(d - 1, x * 31 + d);
  return (y ^ (y >> 7)) + d;
}

EXPORT("recursion") uint32_t bench_recursion(uint32_t reps) {
  uint32_t acc = 0;
  for (uint32_t r = 0; r < reps; r++) {
    acc = acc * 31 + ack(3, 9);
    acc ^= walk(14, acc + r);
    acc += chain(5000, acc);
  }
  return acc ^ max_depth;
}
