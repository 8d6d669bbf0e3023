import type { TagType } from '../core/types.js';
import type { Store } from './store.js';

/** An exception tag: the type of an exception's payload (exception handling arrives with Wasm 3.0 support). */
export class Tag {
  constructor(
    /** @internal */ readonly owner: Store<unknown>,
    readonly type: TagType,
  ) {}

  /** Creates a tag of `type` in `store`. */
  static create(store: Store<unknown>, type: TagType): Tag {
    return new Tag(store, type);
  }
}
