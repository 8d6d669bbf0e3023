/**
 * Generates a large valid module for throughput measurements: many functions whose bodies mix the instruction
 * kinds of compiled C (locals, i32/i64/f64 arithmetic, loads and stores, blocks, loops, ifs, br_if, br_table,
 * calls, conversions). Deterministic for a given seed.
 */
import { codeEntry, F64, funcType, I32, I64, section, SEC, sleb, u32, vec, wasmModule } from './wasm_builder.js';

/** xorshift32: a small deterministic generator. */
function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return s >>> 0;
  };
}

// Locals of every generated function: params a=0, b=1 (i32); c=2, d=3 (i32); x=4, y=5 (i64); f=6, g=7 (f64).
const A = 0, B = 1, C = 2, D = 3, X = 4, Y = 5, F = 6, G = 7;
const lget = (i: number): number[] => [0x20, i];
const lset = (i: number): number[] => [0x21, i];
const ltee = (i: number): number[] => [0x22, i];

/** Stack-neutral snippets; `call` is the index of a function of type (i32 i32) -> i32. */
function snippet(pick: number, k: number, call: number): number[] {
  const i32c = (v: number): number[] => [0x41, ...sleb(v)];
  switch (pick % 14) {
    case 0: return [...lget(A), ...lget(B), 0x6a, ...lset(C)]; // c = a + b
    case 1: return [...lget(C), ...i32c(k), 0x6c, ...lget(D), 0x73, ...lset(D)]; // d = c * k ^ d
    case 2: return [...lget(A), 0x28, 0x02, ...u32(k & 0xfff), ...lset(D)]; // d = i32.load offset=k
    case 3: return [...lget(B), ...lget(C), 0x36, 0x02, ...u32(k & 0xfff)]; // i32.store
    case 4: return [0x02, 0x40, ...lget(A), 0x0d, 0x00, ...lget(B), 0x45, ...lset(C), 0x0b]; // block br_if
    case 5: // loop counting c down
      return [0x03, 0x40, ...lget(C), ...i32c(1), 0x6b, ...ltee(C), ...i32c(0), 0x4a, 0x0d, 0x00, 0x0b];
    case 6: return [...lget(A), 0x04, I32, ...i32c(k), 0x05, ...lget(D), 0x0b, ...lset(B)]; // if/else with result
    case 7: return [...lget(X), 0x42, ...sleb(k * 977), 0x7e, 0x42, 0x07, 0x89, ...lget(Y), 0x85, ...lset(X)]; // i64
    case 8: return [...lget(F), 0x44, 0, 0, 0, 0, 0, 0, 0xf8, 0x3f, 0xa2, 0x9f, ...lget(G), 0xa0, ...lset(F)]; // f64
    case 9: return [...lget(A), ...lget(D), 0x10, ...u32(call), ...lset(C)]; // call
    case 10: // br_table over three nested blocks
      return [0x02, 0x40, 0x02, 0x40, 0x02, 0x40, ...lget(C), 0x0e, 0x02, 0x00, 0x01, 0x02, 0x0b, 0x0b, 0x0b];
    case 11: return [...lget(F), 0xfc, 0x06, ...lget(X), 0x7c, ...lset(Y)]; // y = trunc_sat(f) + x
    case 12: return [...lget(A), 0x29, 0x03, ...u32(k & 0xff), ...lget(X), 0x51, ...lset(D)]; // i64.load, i64.eq
    default: return [...lget(C), ...lget(D), ...lget(A), 0x1b, 0xad, ...lget(Y), 0x7c, ...lset(Y)]; // select, extend
  }
}

/**
 * A module of `funcCount` functions of type (i32 i32) -> i32, each about `bodyBytes` bytes of code, with a memory.
 */
export function largeModule(funcCount: number, bodyBytes: number, seed = 1): Uint8Array {
  const next = rng(seed);
  const entries: number[][] = [];
  for (let i = 0; i < funcCount; i++) {
    const body: number[] = [];
    while (body.length < bodyBytes) body.push(...snippet(next(), next() & 0xffff, next() % funcCount));
    body.push(...lget(C), 0x0b);
    entries.push(codeEntry([[2, I32], [2, I64], [2, F64]], body));
  }
  return wasmModule(
    section(SEC.type, vec([funcType([I32, I32], [I32])])),
    section(SEC.function, vec(Array.from({ length: funcCount }, () => [0]))),
    section(SEC.memory, vec([[0, 1]])),
    section(SEC.code, vec(entries)),
  );
}
