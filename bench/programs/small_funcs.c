/* Many small functions: 4,096 leaves and 256 middle functions (~120 KB of code), each called from two sites so
 * neither clang nor wasm-opt inlines them (wasm-opt does inline the 16 single-caller upper functions into the
 * export). Stresses per-function compile cost, direct-call overhead and whether the engine inlines small callees. */
#include "common.h"

/* Hex literal tokens build the names: LEAF(0x3a7) defines leaf_0x3a7. */
#define LEAF(P) NOINLINE static uint32_t leaf_##P(uint32_t x) { \
    return ((x ^ ((P) * 0x9E3779B9u)) * (2u * (P) + 1)) + (x >> ((P) % 13 + 3)); }
#define MID(P) NOINLINE static uint32_t mid_##P(uint32_t x) { \
    for (uint32_t k = 0; k < 2; k++) { \
      x = leaf_##P##0(x) + k; x = leaf_##P##1(x); x = leaf_##P##2(x); x = leaf_##P##3(x); \
      x = leaf_##P##4(x); x = leaf_##P##5(x); x = leaf_##P##6(x); x = leaf_##P##7(x); \
      x = leaf_##P##8(x); x = leaf_##P##9(x); x = leaf_##P##a(x); x = leaf_##P##b(x); \
      x = leaf_##P##c(x); x = leaf_##P##d(x); x = leaf_##P##e(x); x = leaf_##P##f(x); } \
    return x; }
#define UPPER(P) NOINLINE static uint32_t upper_##P(uint32_t x) { \
    for (uint32_t k = 0; k < 2; k++) { \
      x = mid_##P##0(x) ^ k; x = mid_##P##1(x); x = mid_##P##2(x); x = mid_##P##3(x); \
      x = mid_##P##4(x); x = mid_##P##5(x); x = mid_##P##6(x); x = mid_##P##7(x); \
      x = mid_##P##8(x); x = mid_##P##9(x); x = mid_##P##a(x); x = mid_##P##b(x); \
      x = mid_##P##c(x); x = mid_##P##d(x); x = mid_##P##e(x); x = mid_##P##f(x); } \
    return x; }

#define LEAF16(P) LEAF(P##0) LEAF(P##1) LEAF(P##2) LEAF(P##3) LEAF(P##4) LEAF(P##5) LEAF(P##6) LEAF(P##7) \
                  LEAF(P##8) LEAF(P##9) LEAF(P##a) LEAF(P##b) LEAF(P##c) LEAF(P##d) LEAF(P##e) LEAF(P##f)
#define LEAF256(P) LEAF16(P##0) LEAF16(P##1) LEAF16(P##2) LEAF16(P##3) LEAF16(P##4) LEAF16(P##5) LEAF16(P##6) \
                   LEAF16(P##7) LEAF16(P##8) LEAF16(P##9) LEAF16(P##a) LEAF16(P##b) LEAF16(P##c) LEAF16(P##d) \
                   LEAF16(P##e) LEAF16(P##f)
#define MID16(P) MID(P##0) MID(P##1) MID(P##2) MID(P##3) MID(P##4) MID(P##5) MID(P##6) MID(P##7) \
                 MID(P##8) MID(P##9) MID(P##a) MID(P##b) MID(P##c) MID(P##d) MID(P##e) MID(P##f)

LEAF256(0x0) LEAF256(0x1) LEAF256(0x2) LEAF256(0x3) LEAF256(0x4) LEAF256(0x5) LEAF256(0x6) LEAF256(0x7)
LEAF256(0x8) LEAF256(0x9) LEAF256(0xa) LEAF256(0xb) LEAF256(0xc) LEAF256(0xd) LEAF256(0xe) LEAF256(0xf)
MID16(0x0) MID16(0x1) MID16(0x2) MID16(0x3) MID16(0x4) MID16(0x5) MID16(0x6) MID16(0x7)
MID16(0x8) MID16(0x9) MID16(0xa) MID16(0xb) MID16(0xc) MID16(0xd) MID16(0xe) MID16(0xf)
UPPER(0x0) UPPER(0x1) UPPER(0x2) UPPER(0x3) UPPER(0x4) UPPER(0x5) UPPER(0x6) UPPER(0x7)
UPPER(0x8) UPPER(0x9) UPPER(0xa) UPPER(0xb) UPPER(0xc) UPPER(0xd) UPPER(0xe) UPPER(0xf)

EXPORT("small_funcs") uint32_t bench_small_funcs(uint32_t reps) {
  uint32_t acc = reps;
  for (uint32_t r = 0; r < reps; r++) {
    acc = upper_0x0(acc + r); acc = upper_0x1(acc); acc = upper_0x2(acc); acc = upper_0x3(acc);
    acc = upper_0x4(acc); acc = upper_0x5(acc); acc = upper_0x6(acc); acc = upper_0x7(acc);
    acc = upper_0x8(acc); acc = upper_0x9(acc); acc = upper_0xa(acc); acc = upper_0xb(acc);
    acc = upper_0xc(acc); acc = upper_0xd(acc); acc = upper_0xe(acc); acc = upper_0xf(acc);
  }
  return acc;
}
