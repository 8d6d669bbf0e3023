import { ValType } from '../core/types.js';
import { Val } from '../runtime/val.js';

/** Renders a result as wasmtime's `--invoke` prints it: integers in decimal, floats shortest, refs by kind. */
export function formatVal(v: Val): string {
  switch (v.type) {
    case ValType.i32:
    case ValType.i64:
      return String(v.value);
    case ValType.f32:
    case ValType.f64: {
      const x = v.value as number;
      if (Number.isNaN(x)) return 'NaN';
      if (x === Infinity) return 'inf';
      if (x === -Infinity) return '-inf';
      return Object.is(x, -0) ? '-0' : String(x);
    }
    case ValType.funcref:
      return v.value === null ? 'null funcref' : '<funcref>';
    default:
      return v.value === null ? 'null externref' : '<externref>';
  }
}

/** Parses a command-line argument as a value of type `t`; throws a RangeError naming the problem. */
export function parseVal(text: string, t: ValType): Val {
  switch (t) {
    case ValType.i32: {
      const n = Number(text);
      if (!Number.isInteger(n) || n < -0x80000000 || n > 0xffffffff) throw new RangeError(`"${text}" is not an i32`);
      return Val.i32(n);
    }
    case ValType.i64: {
      let b: bigint;
      try {
        b = BigInt(text);
      } catch {
        throw new RangeError(`"${text}" is not an i64`);
      }
      if (b < -(1n << 63n) || b >= 1n << 64n) throw new RangeError(`"${text}" is not an i64`);
      return Val.i64(b);
    }
    case ValType.f32:
    case ValType.f64: {
      const lower = text.toLowerCase();
      const n = lower === 'inf' ? Infinity : lower === '-inf' ? -Infinity : lower === 'nan' ? NaN : Number(text);
      if (Number.isNaN(n) && lower !== 'nan') throw new RangeError(`"${text}" is not a number`);
      return t === ValType.f32 ? Val.f32(n) : Val.f64(n);
    }
    default:
      throw new RangeError('reference arguments cannot be given on the command line');
  }
}
