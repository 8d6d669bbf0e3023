import { BUILTIN_NAMES, type BuiltinName } from '../../core/builtin_names.js';
import type { Store } from '../store.js';
import * as floatBits from './float_bits.js';
import * as floatConvert from './float_convert.js';
import * as floatOps from './float_ops.js';
import * as int32Ops from './int32_ops.js';
import * as int64Ops from './int64_ops.js';
import * as memoryOps from './memory_ops.js';
import * as tableOps from './table_ops.js';
import { trap } from './trap_op.js';

/**
 * The implementation of every builtin the compiler may reference (`BUILTIN_NAMES`), resolved once. Store-bound
 * builtins (fuel, epoch) come from the store.
 */
const SHARED: ReadonlyMap<string, unknown> = (() => {
  const m = new Map<string, unknown>();
  const sources: Record<string, unknown>[] = [floatBits, floatConvert, floatOps, int32Ops, int64Ops, memoryOps, tableOps, { trap }];
  for (const src of sources) for (const [k, v] of Object.entries(src)) if (typeof v === 'function') m.set(k, v);
  const storeBound = new Set(['outOfFuel', 'epochInterrupt']);
  const missing = BUILTIN_NAMES.filter((n) => !storeBound.has(n) && !m.has(n));
  if (missing.length > 0) throw new Error(`builtins without an implementation: ${missing.join(', ')}`);
  return m;
})();

/** The value bound to builtin `name` for code running in `store`. */
export function builtinFor(name: BuiltinName, store: Store<unknown>): unknown {
  if (name === 'outOfFuel') return store.storeBuiltins.outOfFuel;
  if (name === 'epochInterrupt') return store.storeBuiltins.epochInterrupt;
  return SHARED.get(name);
}
