import { CompileError } from '../core/compile_error.js';
import { ValType, valTypeName } from '../core/types.js';
import type { ConstExpr } from '../binary/module_info.js';
import type { ModuleContext } from './module_context.js';

const OP_GLOBAL_GET = 0x23;
const OP_I32_CONST = 0x41;
const OP_I64_CONST = 0x42;
const OP_F32_CONST = 0x43;
const OP_F64_CONST = 0x44;
const OP_REF_NULL = 0xd0;
const OP_REF_FUNC = 0xd2;

/**
 * Validates a constant expression (global initializer, segment offset, element item) against the type it must
 * produce. As in WebAssembly 2.0: only `*.const`, `ref.null`, `ref.func` and `global.get` of an immutable
 * imported global are constant ("constant expression required"; a defined global is "unknown global"), and the
 * expression must leave exactly one value of `expected` ("type mismatch"). Every instruction is checked for
 * constness before any typing, as the reference interpreter does.
 */
export function validateConstExpr(expr: ConstExpr, expected: ValType, ctx: ModuleContext): void {
  const info = ctx.info;
  for (const instr of expr.instrs) {
    switch (instr.opcode) {
      case OP_I32_CONST:
      case OP_I64_CONST:
      case OP_F32_CONST:
      case OP_F64_CONST:
      case OP_REF_NULL:
      case OP_REF_FUNC:
        break;
      case OP_GLOBAL_GET: {
        const g = instr.value as number;
        if (g >= info.importedGlobalCount) fail(`unknown global ${g}`, instr.offset);
        if (info.globals[g]!.mutable) fail('constant expression required', instr.offset);
        break;
      }
      default:
        fail('constant expression required', instr.offset);
    }
  }
  if (expr.instrs.length === 0) fail(`type mismatch: expected ${valTypeName(expected)}, got nothing`, expr.offset);
  for (let i = 0; i < expr.instrs.length; i++) {
    const instr = expr.instrs[i]!;
    let t: ValType;
    switch (instr.opcode) {
      case OP_I32_CONST:
        t = ValType.i32;
        break;
      case OP_I64_CONST:
        t = ValType.i64;
        break;
      case OP_F32_CONST:
        t = ValType.f32;
        break;
      case OP_F64_CONST:
        t = ValType.f64;
        break;
      case OP_REF_NULL:
        t = instr.value as number;
        break;
      case OP_REF_FUNC: {
        const f = instr.value as number;
        if (f >= ctx.funcTypes.length) fail(`unknown function ${f}`, instr.offset);
        t = ValType.funcref;
        break;
      }
      default: // global.get (the only other constant instruction)
        t = info.globals[instr.value as number]!.type;
    }
    if (i > 0) fail('type mismatch: constant expression leaves more than one value', instr.offset);
    if (t !== expected) fail(`type mismatch: expected ${valTypeName(expected)}, got ${valTypeName(t)}`, instr.offset);
  }
}

function fail(reason: string, offset: number): never {
  throw new CompileError('invalid', reason, offset);
}
