import type { FuncType } from '../core/types.js';

/**
 * Engine-wide canonical ids for function types. Two structurally equal types get the same id, so
 * `call_indirect` checks a signature with one integer comparison, across modules.
 */
export class TypeRegistry {
  private readonly ids = new Map<string, number>();
  private readonly types: FuncType[] = [];

  /** The canonical id of `t`, registering it if new. */
  intern(t: FuncType): number {
    let id = this.ids.get(t.key);
    if (id === undefined) {
      id = this.types.length;
      this.types.push(t);
      this.ids.set(t.key, id);
    }
    return id;
  }

  /** The type with canonical id `id`. */
  get(id: number): FuncType {
    const t = this.types[id];
    if (t === undefined) throw new RangeError(`unknown signature id ${id}`);
    return t;
  }
}
