/* A switch-heavy bytecode interpreter: one dispatch function with 1024 distinct opcode handlers, so that function
 * is tens of KB of wasm and, compiled to JavaScript, far over V8's ~60 KB limit for optimizing one JS function.
 * A compiler that emits each wasm function as one JS function runs this unoptimized unless it splits it. */
#include "common.h"

#define PLEN 4096
#define MEMW 1024
static uint16_t code[PLEN];
static uint32_t vmem[MEMW];

/* Eight handler shapes; the opcode K picks the constants, shifts and registers, so no two handlers are alike. */
#define R(k) r[(k) & 7]
#define H0(K) case K: acc = (acc * (2 * (K) + 1)) ^ R(K); R((K) + 1) += acc >> ((K) % 29 + 1); break;
#define H1(K) case K: { uint32_t v = vmem[(acc + (K)) & (MEMW - 1)]; acc += v ^ (0x85EBCA6Bu * (K)); vmem[(R(K) ^ (K)) & (MEMW - 1)] = acc; } break;
#define H2(K) case K: if ((acc ^ R(K)) & ((K) | 1)) acc = (acc << ((K) % 7 + 1)) | (acc >> (31 - (K) % 7)); else R((K) + 3) ^= acc + (K); break;
#define H3(K) case K: acc = acc - R((K) + 2) * (K) + (uint32_t)((int32_t)R(K) >> ((K) % 11)); break;
#define H4(K) case K: R(K) = R((K) + 5) + (acc ^ (0x9E3779B9u * (K))); acc += R(K) >> 3; break;
#define H5(K) case K: if (R(K) > acc) { uint32_t t = R(K); R(K) = acc; acc = t + (K); } else acc ^= (K) * 0x01000193u; break;
#define H6(K) case K: acc = (acc * 0x2545F491u + (K)) ^ (acc >> 15); R((K) + 6) = acc & (0xFFFFu * (K)); break;
#define H7(K) case K: if ((acc & 3) == ((K) & 3)) pc += 1; acc += (K) ^ R((K) + 4); break;

/* Opcodes are hex literals built by token pasting: H8(0x1a) gives 0x1a0..0x1a7. */
#define H8(P) H0(P##0) H1(P##1) H2(P##2) H3(P##3) H4(P##4) H5(P##5) H6(P##6) H7(P##7)
#define H128(P) H8(P##0) H8(P##1) H8(P##2) H8(P##3) H8(P##4) H8(P##5) H8(P##6) H8(P##7) \
                H8(P##8) H8(P##9) H8(P##a) H8(P##b) H8(P##c) H8(P##d) H8(P##e) H8(P##f)

/* The i-th of the 1024 opcodes: low hex digit 0..7, the rest from i >> 3. */
static uint16_t opcode(uint32_t i) { return (uint16_t)(((i >> 3) << 4) | (i & 7)); }

NOINLINE static uint32_t run(uint32_t acc) {
  uint32_t r[8] = {1, 2, 3, 5, 8, 13, 21, 34};
  for (uint32_t pc = 0; pc < PLEN; pc++) {
    switch (code[pc]) {
      H128(0x0) H128(0x1) H128(0x2) H128(0x3) H128(0x4) H128(0x5) H128(0x6) H128(0x7)
      default: acc = ~acc; break;
    }
  }
  return acc ^ r[0] ^ r[3] ^ r[7];
}

EXPORT("interp") uint32_t bench_interp(uint32_t passes) {
  uint32_t s = 2024;
  for (uint32_t i = 0; i < PLEN; i++) code[i] = opcode(xs32(&s) & 1023);
  for (uint32_t i = 0; i < MEMW; i++) vmem[i] = xs32(&s);
  uint32_t acc = passes;
  for (uint32_t p = 0; p < passes; p++) acc = run(acc + p);
  return acc;
}
