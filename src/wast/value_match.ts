import { ValType } from '../core/types.js';
import { Val } from '../runtime/val.js';
import type { ScriptExpected, ScriptValue } from './script.js';

/**
 * Script values <-> API values, and the spec's result matching (exact bits, NaN classes, reference classes).
 * Host references `(ref.extern N)` are objects interned per runner, so identity survives a round trip.
 */
export class HostRefs {
  private readonly refs = new Map<number, object>();

  /** The host object standing for `(ref.extern id)`. */
  get(id: number): object {
    let r = this.refs.get(id);
    if (!r) {
      r = Object.freeze({ hostRef: id });
      this.refs.set(id, r);
    }
    return r;
  }
}

/** The API value of a script argument. */
export function toVal(v: ScriptValue, refs: HostRefs): Val {
  switch (v.kind) {
    case 'i32':
      return Val.i32(v.bits | 0);
    case 'i64':
      return Val.i64(v.bits);
    case 'f32':
      return Val.f32Bits(v.bits);
    case 'f64':
      return Val.f64Bits(v.bits);
    case 'ref.null':
      return v.heap === 'extern' || v.heap === 'noextern' ? Val.externref(null) : Val.funcref(null);
    case 'ref.extern':
      return Val.externref(refs.get(v.id));
    default:
      throw new Error(`unsupported argument ${v.kind}`);
  }
}

const F32_CANONICAL = 0x7fc00000;

/** Whether result `r` matches `e`; returns null on a match, else a description of the mismatch. */
export function matchResult(r: Val, e: ScriptExpected, refs: HostRefs): string | null {
  const bad = (): string => `got ${describe(r)}, expected ${describeExpected(e)}`;
  switch (e.kind) {
    case 'either':
      return e.options.some((o) => matchResult(r, o, refs) === null) ? null : bad();
    case 'i32':
      return r.type === ValType.i32 && (r.value as number) >>> 0 === e.bits ? null : bad();
    case 'i64':
      return r.type === ValType.i64 && BigInt.asUintN(64, r.value as bigint) === e.bits ? null : bad();
    case 'f32': {
      if (r.type !== ValType.f32) return bad();
      const b = r.f32Bits();
      if ('nan' in e) {
        const ok = e.nan === 'canonical' ? (b & 0x7fffffff) === F32_CANONICAL : (b & F32_CANONICAL) === F32_CANONICAL;
        return ok ? null : bad();
      }
      return b === e.bits ? null : bad();
    }
    case 'f64': {
      if (r.type !== ValType.f64) return bad();
      const b = r.f64Bits();
      if ('nan' in e) {
        const ok = e.nan === 'canonical' ? (b & 0x7fffffffffffffffn) === 0x7ff8000000000000n : (b & 0x7ff8000000000000n) === 0x7ff8000000000000n;
        return ok ? null : bad();
      }
      return b === e.bits ? null : bad();
    }
    case 'ref.null':
      return (r.type === ValType.funcref || r.type === ValType.externref) && r.value === null ? null : bad();
    case 'ref.extern':
      return r.type === ValType.externref && r.value === refs.get(e.id) ? null : bad();
    case 'ref.class':
      if (e.cls === 'func') return r.type === ValType.funcref && r.value !== null ? null : bad();
      if (e.cls === 'extern') return r.type === ValType.externref && r.value !== null ? null : bad();
      return `reference class ${e.cls} is not supported yet`;
    default:
      return `expected ${e.kind} results are not supported yet`;
  }
}

function describe(v: Val): string {
  switch (v.type) {
    case ValType.f32:
      return `f32 0x${v.f32Bits().toString(16)} (${String(v.value)})`;
    case ValType.f64:
      return `f64 0x${v.f64Bits().toString(16)} (${String(v.value)})`;
    default:
      return v.toString();
  }
}

function describeExpected(e: ScriptExpected): string {
  switch (e.kind) {
    case 'i32':
      return `i32 ${e.bits | 0}`;
    case 'i64':
      return `i64 ${BigInt.asIntN(64, e.bits)}`;
    case 'f32':
      return 'nan' in e ? `f32 nan:${e.nan}` : `f32 0x${e.bits.toString(16)}`;
    case 'f64':
      return 'nan' in e ? `f64 nan:${e.nan}` : `f64 0x${e.bits.toString(16)}`;
    case 'either':
      return `either(${e.options.map(describeExpected).join(' | ')})`;
    case 'ref.extern':
      return `ref.extern ${e.id}`;
    case 'ref.class':
      return `(ref.${e.cls})`;
    default:
      return e.kind;
  }
}
