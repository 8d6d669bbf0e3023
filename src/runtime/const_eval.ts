import type { ConstExpr } from '../binary/module_info.js';
import { f32FromBits } from './builtins/float_bits.js';

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

/**
 * Evaluates a validated constant expression (global initializers, segment offsets, element items) to a raw value.
 * Runs at instantiation, so it is an interpreter rather than generated code.
 *
 * @param globalValue raw value of global `i` (already initialized).
 * @param funcRef the reference value of function `i`.
 */
export function evalConstExpr(expr: ConstExpr, globalValue: (i: number) => unknown, funcRef: (i: number) => unknown): unknown {
  const stack: unknown[] = [];
  for (const ins of expr.instrs) {
    switch (ins.opcode) {
      case 0x41: // i32.const
        stack.push((ins.value as number) | 0);
        break;
      case 0x42: // i64.const
        stack.push(ins.value as bigint);
        break;
      case 0x43: // f32.const (bits)
        stack.push(f32FromBits((ins.value as number) | 0));
        break;
      case 0x44: // f64.const (bits)
        u64[0] = BigInt.asUintN(64, ins.value as bigint);
        stack.push(f64[0]);
        break;
      case 0xd0: // ref.null
        stack.push(null);
        break;
      case 0xd2: // ref.func
        stack.push(funcRef(ins.value as number));
        break;
      case 0x23: // global.get
        stack.push(globalValue(ins.value as number));
        break;
      case 0x6a: // i32.add (extended-const)
      case 0x6b:
      case 0x6c: {
        const b = stack.pop() as number;
        const a = stack.pop() as number;
        stack.push(ins.opcode === 0x6a ? (a + b) | 0 : ins.opcode === 0x6b ? (a - b) | 0 : Math.imul(a, b));
        break;
      }
      case 0x7c: // i64.add (extended-const)
      case 0x7d:
      case 0x7e: {
        const b = stack.pop() as bigint;
        const a = stack.pop() as bigint;
        stack.push(BigInt.asIntN(64, ins.opcode === 0x7c ? a + b : ins.opcode === 0x7d ? a - b : a * b));
        break;
      }
      default:
        throw new Error(`constant expression: unexpected opcode 0x${ins.opcode.toString(16)} (validation should have rejected it)`);
    }
  }
  return stack[stack.length - 1];
}
