import { MAX_PAGES, PAGE_SIZE, type MemoryType } from '../core/types.js';
import type { Store } from './store.js';

/**
 * A linear memory. Its bytes live in a fixed-length `ArrayBuffer` (views on resizable buffers were measured 2-7x
 * slower in V8, RATIONALE.md) that may be larger than the memory: the views cover exactly the current size, so
 * bounds checks stay exact, and growth within the spare capacity only makes new views. Outgrowing the buffer
 * replaces it with one of twice the needed size (copying), so a run of small `memory.grow`s copies O(n) bytes in
 * total. Instances that use the memory register a refresh callback to pick up new views.
 *
 * @example
 * const mem = instance.getMemory(store, 'memory')!;
 * mem.write(store, 0, new TextEncoder().encode('hi'));
 */
export class Memory {
  /** @internal Current buffer and views. */
  buffer: ArrayBuffer;
  /** @internal */
  view: DataView;
  /** @internal */
  bytes: Uint8Array;
  /** @internal Refresh callbacks of linked instances. */
  readonly refreshers: (() => void)[] = [];
  private readonly maxPages: number;

  constructor(
    /** @internal */ readonly owner: Store<unknown>,
    readonly type: MemoryType,
  ) {
    this.maxPages = Math.min(type.limits.max ?? MAX_PAGES, MAX_PAGES);
    const min = type.limits.min;
    if (min > this.maxPages) throw new RangeError('memory minimum exceeds its maximum');
    this.buffer = new ArrayBuffer(min * PAGE_SIZE);
    this.view = new DataView(this.buffer);
    this.bytes = new Uint8Array(this.buffer);
    this.byteSize = min * PAGE_SIZE;
  }

  /** @internal Current size in bytes (the views' length; the buffer may be larger). */
  byteSize: number;

  /** Creates a memory of `type` in `store` (to define as an import). */
  static create(store: Store<unknown>, type: MemoryType): Memory {
    return new Memory(store, type);
  }

  /** Size in pages. */
  size(store: Store<unknown>): number {
    this.check(store);
    return this.pages();
  }

  /** @internal */
  pages(): number {
    return this.byteSize / PAGE_SIZE;
  }

  /** Grows by `delta` pages; returns the old size in pages, or -1 when the memory cannot grow. */
  grow(store: Store<unknown>, delta: number): number {
    this.check(store);
    return this.growPages(delta);
  }

  /** @internal Growth as `memory.grow` performs it (delta as uint32). */
  growPages(delta: number): number {
    const old = this.pages();
    delta >>>= 0;
    if (delta === 0) return old;
    if (old + delta > this.maxPages) return -1;
    const newSize = (old + delta) * PAGE_SIZE;
    if (newSize > this.buffer.byteLength) {
      let next: ArrayBuffer | null = null;
      // Twice what is needed, within the maximum; if the host cannot give that much, exactly what is needed.
      for (const want of [Math.min(2 * newSize, this.maxPages * PAGE_SIZE), newSize]) {
        try {
          next = new ArrayBuffer(want);
          break;
        } catch {
          next = null;
        }
      }
      if (next === null) return -1; // the host cannot allocate it: growth fails, as the spec allows
      new Uint8Array(next).set(this.bytes);
      this.buffer = next;
    }
    this.byteSize = newSize;
    this.view = new DataView(this.buffer, 0, newSize);
    this.bytes = new Uint8Array(this.buffer, 0, newSize);
    for (const r of this.refreshers) r();
    return old;
  }

  /** The memory's bytes. The view is valid until the memory grows; take a new one after growth. */
  data(store: Store<unknown>): Uint8Array {
    this.check(store);
    return this.bytes;
  }

  /** Copies `length` bytes starting at `offset` out of the memory. */
  read(store: Store<unknown>, offset: number, length: number): Uint8Array {
    this.check(store);
    if (!(offset >= 0 && length >= 0 && offset + length <= this.bytes.length)) throw new RangeError('out of bounds memory access');
    return this.bytes.slice(offset, offset + length);
  }

  /** Copies `data` into the memory at `offset`. */
  write(store: Store<unknown>, offset: number, data: Uint8Array): void {
    this.check(store);
    if (!(offset >= 0 && offset + data.length <= this.bytes.length)) throw new RangeError('out of bounds memory access');
    this.bytes.set(data, offset);
  }

  private check(store: Store<unknown>): void {
    if (store !== this.owner) throw new Error('memory used with a store it does not belong to');
  }
}
