import type { Features } from '../core/features.js';
import { ValType } from '../core/types.js';
import { FC_BASE } from '../binary/opcodes.js';

/**
 * Operand types of the "simple" instructions (numeric operators and conversions: fixed operands, one result,
 * no immediates that matter for typing), so the validator handles them with three table loads instead of a case
 * each. Index: one-byte opcodes are themselves; `0xFC`-prefixed opcode `sub` is `0x100 + sub`.
 */
export interface SimpleSignatures {
  /** Type of the operand on top of the stack (popped first); 0 when the opcode is not simple. */
  readonly top: Uint8Array;
  /** Type of the operand below it (popped second); 0 for unary operators. */
  readonly below: Uint8Array;
  /** Result type; 0 when the opcode is not simple (or disabled by a feature). */
  readonly out: Uint8Array;
}

/** Size of the simple-signature tables: one-byte opcodes plus the `0xFC` sub-opcodes up to 0x1f. */
export const SIMPLE_TABLE_SIZE = 0x120;

/** Index of opcode `op` into the simple tables, or -1 outside them. */
export function simpleIndex(op: number): number {
  if (op < 0x100) return op;
  const sub = op - FC_BASE;
  return sub >= 0 && sub < 0x20 ? 0x100 + sub : -1;
}

const I32 = ValType.i32;
const I64 = ValType.i64;
const F32 = ValType.f32;
const F64 = ValType.f64;

function build(features: Features): SimpleSignatures {
  const top = new Uint8Array(SIMPLE_TABLE_SIZE);
  const below = new Uint8Array(SIMPLE_TABLE_SIZE);
  const out = new Uint8Array(SIMPLE_TABLE_SIZE);
  const un = (from: number, to: number, a: number, r: number): void => {
    for (let op = from; op <= to; op++) {
      top[op] = a;
      out[op] = r;
    }
  };
  const bin = (from: number, to: number, a: number, r: number): void => {
    for (let op = from; op <= to; op++) {
      top[op] = a;
      below[op] = a;
      out[op] = r;
    }
  };
  un(0x45, 0x45, I32, I32); // i32.eqz
  bin(0x46, 0x4f, I32, I32); // i32.eq .. i32.ge_u
  un(0x50, 0x50, I64, I32); // i64.eqz
  bin(0x51, 0x5a, I64, I32); // i64.eq .. i64.ge_u
  bin(0x5b, 0x60, F32, I32); // f32.eq .. f32.ge
  bin(0x61, 0x66, F64, I32); // f64.eq .. f64.ge
  un(0x67, 0x69, I32, I32); // i32.clz, ctz, popcnt
  bin(0x6a, 0x78, I32, I32); // i32.add .. i32.rotr
  un(0x79, 0x7b, I64, I64); // i64.clz, ctz, popcnt
  bin(0x7c, 0x8a, I64, I64); // i64.add .. i64.rotr
  un(0x8b, 0x91, F32, F32); // f32.abs .. f32.sqrt
  bin(0x92, 0x98, F32, F32); // f32.add .. f32.copysign
  un(0x99, 0x9f, F64, F64); // f64.abs .. f64.sqrt
  bin(0xa0, 0xa6, F64, F64); // f64.add .. f64.copysign
  un(0xa7, 0xa7, I64, I32); // i32.wrap_i64
  un(0xa8, 0xa9, F32, I32); // i32.trunc_f32_s/u
  un(0xaa, 0xab, F64, I32); // i32.trunc_f64_s/u
  un(0xac, 0xad, I32, I64); // i64.extend_i32_s/u
  un(0xae, 0xaf, F32, I64); // i64.trunc_f32_s/u
  un(0xb0, 0xb1, F64, I64); // i64.trunc_f64_s/u
  un(0xb2, 0xb3, I32, F32); // f32.convert_i32_s/u
  un(0xb4, 0xb5, I64, F32); // f32.convert_i64_s/u
  un(0xb6, 0xb6, F64, F32); // f32.demote_f64
  un(0xb7, 0xb8, I32, F64); // f64.convert_i32_s/u
  un(0xb9, 0xba, I64, F64); // f64.convert_i64_s/u
  un(0xbb, 0xbb, F32, F64); // f64.promote_f32
  un(0xbc, 0xbc, F32, I32); // i32.reinterpret_f32
  un(0xbd, 0xbd, F64, I64); // i64.reinterpret_f64
  un(0xbe, 0xbe, I32, F32); // f32.reinterpret_i32
  un(0xbf, 0xbf, I64, F64); // f64.reinterpret_i64
  if (features.signExtension) {
    un(0xc0, 0xc1, I32, I32); // i32.extend8_s, extend16_s
    un(0xc2, 0xc4, I64, I64); // i64.extend8_s, extend16_s, extend32_s
  }
  if (features.saturatingFloatToInt) {
    un(0x100, 0x101, F32, I32); // i32.trunc_sat_f32_s/u
    un(0x102, 0x103, F64, I32); // i32.trunc_sat_f64_s/u
    un(0x104, 0x105, F32, I64); // i64.trunc_sat_f32_s/u
    un(0x106, 0x107, F64, I64); // i64.trunc_sat_f64_s/u
  }
  return { top, below, out };
}

const cache = new WeakMap<Features, SimpleSignatures>();

/** The simple-signature tables for a feature set (built once per `Features` object). */
export function simpleSignatures(features: Features): SimpleSignatures {
  let s = cache.get(features);
  if (s === undefined) {
    s = build(features);
    cache.set(features, s);
  }
  return s;
}

/**
 * Memory access instructions (0x28..0x3e): log2 of the natural alignment, and the value type loaded or stored.
 * Indexed by `opcode - 0x28`.
 */
export const MEM_NATURAL_ALIGN: Uint8Array = Uint8Array.from([
  2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2, // loads: i32 i64 f32 f64 i32.8s/u i32.16s/u i64.8s/u i64.16s/u i64.32s/u
  2, 3, 2, 3, 0, 1, 0, 1, 2, // stores: i32 i64 f32 f64 i32.8 i32.16 i64.8 i64.16 i64.32
]);
export const MEM_VALUE_TYPE: Uint8Array = Uint8Array.from([
  I32, I64, F32, F64, I32, I32, I32, I32, I64, I64, I64, I64, I64, I64,
  I32, I64, F32, F64, I32, I32, I64, I64, I64,
]);
