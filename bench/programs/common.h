/* Shared helpers for k23's own benchmark programs (same conventions as ../shared/bench/src/common.h):
 * each program is a wasm32 reactor exporting `memory` and `kernel(n: i32) -> i32`, n sets the work, the result is
 * a checksum. */
#pragma once
#include <stdint.h>
#include <stddef.h>
#define EXPORT(name) __attribute__((export_name(name), noinline))
#define NOINLINE __attribute__((noinline))
static inline uint32_t xs32(uint32_t *s) { uint32_t x = *s; x ^= x << 13; x ^= x >> 17; x ^= x << 5; *s = x; return x; }
