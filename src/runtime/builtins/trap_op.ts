import type { TrapKind } from '../../core/trap_kind.js';
import { Trap } from '../trap.js';

/** Traps generated code raises explicitly (`unreachable`, division checks, stack limit, ...). */
export function trap(kind: TrapKind): never {
  // Raise the JS stack-trace limit while the trap is built so its wasm backtrace has more than V8's default 10
  // frames; restore it at once.
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 64;
  const t = new Trap(kind);
  Error.stackTraceLimit = limit;
  throw t;
}
