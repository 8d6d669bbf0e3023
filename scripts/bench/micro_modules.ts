/**
 * The generated modules of the micro-benchmarks. Each is built programmatically so its size and shape are
 * parameters, not committed binaries.
 */

import { EMPTY_BLOCK, Op, WasmModuleBuilder, pushS32, pushU32 } from './wasm_builder.js';

/**
 * The call module: imports `env.f` and `env.g` (both `(i32) -> i32`) and exports
 * - `add1(x) = x + 1`, for JS -> wasm call overhead;
 * - `inc(x) = x * 3 + 1`, for a host function to call back into (wasm -> host -> wasm);
 * - `loop_f(n)` and `loop_g(n)`: `acc = f(acc + i)` (or `g`) for i = 0..n-1 (n >= 1), returning acc.
 */
export function callModule(): Uint8Array {
  const m = new WasmModuleBuilder();
  const t = m.i32Type(1, 1);
  const f = m.importFunc('env', 'f', t);
  const g = m.importFunc('env', 'g', t);
  m.exportFunc('add1', m.addFunc(t, 0, [Op.local_get, 0, Op.i32_const, 1, Op.i32_add]));
  m.exportFunc('inc', m.addFunc(t, 0, [Op.local_get, 0, Op.i32_const, 3, Op.i32_mul, Op.i32_const, 1, Op.i32_add]));
  const loop = (callee: number): number[] => {
    // locals: 0 = n, 1 = i, 2 = acc
    const b: number[] = [Op.loop, EMPTY_BLOCK];
    b.push(Op.local_get, 2, Op.local_get, 1, Op.i32_add, Op.call);
    pushU32(b, callee);
    b.push(Op.local_set, 2);
    b.push(Op.local_get, 1, Op.i32_const, 1, Op.i32_add, Op.local_tee, 1, Op.local_get, 0, Op.i32_lt_u, Op.br_if, 0);
    b.push(Op.end, Op.local_get, 2);
    return b;
  };
  m.exportFunc('loop_f', m.addFunc(t, 2, loop(f)));
  m.exportFunc('loop_g', m.addFunc(t, 2, loop(g)));
  return m.bytes();
}

/**
 * The memory module: one exported memory of 1 page without a maximum, and
 * - `grow_touch(k)`: k times `memory.grow(1)` and a store into the new page (traps if a grow fails); returns the
 *   size in pages;
 * - `sum(x)`: a checksum over every 16th byte-aligned i32 of the whole memory, seeded with x.
 */
export function memoryModule(): Uint8Array {
  const m = new WasmModuleBuilder();
  const t = m.i32Type(1, 1);
  m.setMemory(1, null);
  m.exportMemory('memory');
  // grow_touch: locals 0 = k, 1 = i, 2 = old size
  const grow: number[] = [Op.loop, EMPTY_BLOCK];
  grow.push(Op.i32_const, 1, Op.memory_grow, 0, Op.local_tee, 2, Op.i32_const);
  pushS32(grow, -1);
  grow.push(Op.i32_eq);
  grow.push(Op.if, EMPTY_BLOCK, Op.unreachable, Op.end);
  grow.push(Op.local_get, 2, Op.i32_const, 16, Op.i32_shl, Op.local_get, 2, Op.i32_const, 1, Op.i32_or);
  grow.push(Op.i32_store, 2, 0);
  grow.push(Op.local_get, 1, Op.i32_const, 1, Op.i32_add, Op.local_tee, 1, Op.local_get, 0, Op.i32_lt_u, Op.br_if, 0);
  grow.push(Op.end, Op.memory_size, 0);
  m.exportFunc('grow_touch', m.addFunc(t, 2, grow));
  // sum: locals 0 = acc, 1 = addr, 2 = end
  const sum: number[] = [Op.memory_size, 0, Op.i32_const, 16, Op.i32_shl, Op.local_set, 2];
  sum.push(Op.loop, EMPTY_BLOCK);
  sum.push(Op.local_get, 0, Op.i32_const, 5, Op.i32_rotl, Op.local_get, 1, Op.i32_load, 2, 0, Op.i32_xor);
  sum.push(Op.local_get, 1, Op.i32_add, Op.local_set, 0);
  sum.push(Op.local_get, 1, Op.i32_const, 16, Op.i32_add, Op.local_tee, 1, Op.local_get, 2, Op.i32_lt_u, Op.br_if, 0);
  sum.push(Op.end, Op.local_get, 0);
  m.exportFunc('sum', m.addFunc(t, 2, sum));
  return m.bytes();
}

/** A deterministic xorshift32 stream, so generated modules are identical run to run. */
class Rng {
  constructor(private s: number) {}
  next(): number {
    let x = this.s;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.s = x >>> 0;
    return this.s;
  }
  below(n: number): number {
    return this.next() % n;
  }
}

const ARITH_K = [Op.i32_add, Op.i32_sub, Op.i32_mul, Op.i32_xor] as const;
const ARITH_2 = [Op.i32_add, Op.i32_xor, Op.i32_rotl, Op.i32_or, Op.i32_and, Op.i32_mul] as const;

/** One straight-line statement over locals 1..4: arithmetic, a load or a store. */
function simpleStatement(b: number[], r: Rng): void {
  const x = 1 + r.below(4);
  const y = 1 + r.below(4);
  const z = 1 + r.below(4);
  switch (r.below(4)) {
    case 0: // z = x op K
      b.push(Op.local_get, x, Op.i32_const);
      pushS32(b, (r.next() | 1) & 0x3fffffff);
      b.push(ARITH_K[r.below(ARITH_K.length)]!, Op.local_set, z);
      break;
    case 1: // z = x op y
      b.push(Op.local_get, x, Op.local_get, y, ARITH_2[r.below(ARITH_2.length)]!, Op.local_set, z);
      break;
    case 2: // z = load(x & 0x7ffc + offset) ^ y; addresses stay inside the one page
      b.push(Op.local_get, x, Op.i32_const);
      pushS32(b, 0x7ffc);
      b.push(Op.i32_and, Op.i32_load, 2);
      pushU32(b, r.below(1024) * 4);
      b.push(Op.local_get, y, Op.i32_xor, Op.local_set, z);
      break;
    default: // store(x & 0x7ffc + offset, y)
      b.push(Op.local_get, x, Op.i32_const);
      pushS32(b, 0x7ffc);
      b.push(Op.i32_and, Op.local_get, y, Op.i32_store, 2);
      pushU32(b, r.below(1024) * 4);
      break;
  }
}

/** A function body of about `size` bytes: statements, if/else and short counted loops over 5 i32 locals. */
function generatedBody(r: Rng, size: number): number[] {
  // locals: 0 = param, 1..4 = values, 5 = loop counter
  const b: number[] = [];
  for (let l = 1; l <= 4; l++) {
    b.push(Op.local_get, 0, Op.i32_const);
    pushS32(b, r.next() & 0xfffff);
    b.push(Op.i32_xor, Op.local_set, l);
  }
  while (b.length < size) {
    switch (r.below(6)) {
      case 0: { // if (x & bit) {..} else {..}
        b.push(Op.local_get, 1 + r.below(4), Op.i32_const, 1 << r.below(6), Op.i32_and, Op.if, EMPTY_BLOCK);
        simpleStatement(b, r);
        simpleStatement(b, r);
        b.push(Op.else);
        simpleStatement(b, r);
        b.push(Op.end);
        break;
      }
      case 1: { // a loop of 2..5 iterations
        b.push(Op.i32_const, 2 + r.below(4), Op.local_set, 5, Op.loop, EMPTY_BLOCK);
        simpleStatement(b, r);
        simpleStatement(b, r);
        b.push(Op.local_get, 5, Op.i32_const, 1, Op.i32_sub, Op.local_tee, 5, Op.br_if, 0, Op.end);
        break;
      }
      default:
        simpleStatement(b, r);
    }
  }
  b.push(Op.local_get, 1, Op.local_get, 2, Op.i32_xor, Op.local_get, 3, Op.i32_add, Op.local_get, 4, Op.i32_xor);
  return b;
}

/** What `generatedModule` built. */
export interface GeneratedModule {
  readonly bytes: Uint8Array;
  readonly functions: number;
  /** Bytes of function bodies. */
  readonly codeBytes: number;
}

/**
 * A module of many generated functions with about `codeBytes` of code in all (bodies of ~`bodySize` bytes), one
 * exported page of memory, and `main(x)` which calls every function once in turn, threading x through them, so
 * the first call of `main` runs all the code. Same arguments, same bytes.
 */
export function generatedModule(codeBytes: number, bodySize = 500, seed = 0x2545f491): GeneratedModule {
  const r = new Rng(seed);
  const m = new WasmModuleBuilder();
  const t = m.i32Type(1, 1);
  m.setMemory(1, 1);
  m.exportMemory('memory');
  const first = m.nextFuncIndex();
  let functions = 0;
  while (m.codeBytes() < codeBytes) {
    m.addFunc(t, 5, generatedBody(r, bodySize));
    functions++;
  }
  const main: number[] = [];
  for (let i = 0; i < functions; i++) {
    main.push(Op.local_get, 0, Op.call);
    pushU32(main, first + i);
    main.push(Op.local_set, 0);
  }
  main.push(Op.local_get, 0);
  m.exportFunc('main', m.addFunc(t, 0, main));
  return { bytes: m.bytes(), functions: functions + 1, codeBytes: m.codeBytes() };
}
