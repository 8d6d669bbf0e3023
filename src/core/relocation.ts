import type { BuiltinName } from './builtin_names.js';

/**
 * What a relocation refers to; the runtime resolves each to a value when it links an instance. Shared by both
 * execution strategies: compiled code and the interpreter each list the relocations they need.
 */
export type Relocation =
  | { readonly kind: 'builtin'; readonly name: BuiltinName }
  /** The call target of an imported function (may be bound to the importing instance). */
  | { readonly kind: 'funcCall'; readonly index: number }
  /** The reference value of an imported function (its identity as a funcref). */
  | { readonly kind: 'funcRef'; readonly index: number }
  | { readonly kind: 'memory'; readonly index: number }
  | { readonly kind: 'table'; readonly index: number }
  | { readonly kind: 'global'; readonly index: number }
  | { readonly kind: 'data'; readonly index: number }
  | { readonly kind: 'elem'; readonly index: number };
