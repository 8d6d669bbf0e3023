/* Bulk memory: memcpy/memmove/memset of 1 B .. 64 KiB built with -mbulk-memory, so clang emits memory.copy and
 * memory.fill instructions (the shared memops kernel does the same work with byte loops). Small copies dominate the
 * count and large ones the bytes, as in real programs. */
#include "common.h"

#define MB (4u << 20)
static uint8_t mem[MB];

EXPORT("bulk_memory") uint32_t bench_bulk_memory(uint32_t n) {
  uint32_t s = 4242, acc = 0;
  __builtin_memset(mem, 0x3c, MB);
  for (uint32_t i = 0; i < n; i++) {
    uint32_t r = xs32(&s);
    uint32_t len = (r & 3) ? (r >> 8) % 64 + 1 : 1u << ((r >> 4) % 17);   /* 3/4 small, 1/4 up to 64 KiB */
    uint32_t src = xs32(&s) % (MB - len), dst = xs32(&s) % (MB - len);
    switch ((r >> 2) & 3) {
      case 0: __builtin_memcpy(mem + dst, mem + src, len); break;
      case 1: __builtin_memmove(mem + dst, mem + (dst + (r >> 12) % 64) % (MB - len), len); break;  /* overlapping */
      case 2: __builtin_memset(mem + dst, (int)(r >> 24), len); break;
      default: mem[dst] ^= (uint8_t)i; break;
    }
    acc = acc * 31 + mem[(dst + len / 2) % MB];
  }
  for (uint32_t i = 0; i < MB; i += 4093) acc = acc * 33 + mem[i];
  return acc;
}
