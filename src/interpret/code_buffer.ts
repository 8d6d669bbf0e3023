/**
 * A growable buffer of int32 words with a parallel record of the wasm byte offset each instruction came from: the
 * output of the predecoder. Grows by doubling, so building code allocates O(log n) times.
 */
export class CodeBuffer {
  words: Int32Array;
  /** For each word: the wasm byte offset of the instruction it belongs to. */
  offsets: Int32Array;
  length = 0;

  constructor(capacity: number) {
    const n = Math.max(16, capacity);
    this.words = new Int32Array(n);
    this.offsets = new Int32Array(n);
  }

  /** Appends one word of the instruction at wasm byte offset `at`; returns its position. */
  push(word: number, at: number): number {
    if (this.length === this.words.length) this.grow();
    const p = this.length++;
    this.words[p] = word;
    this.offsets[p] = at;
    return p;
  }

  /** Overwrites the word at `pos`. */
  set(pos: number, word: number): void {
    this.words[pos] = word;
  }

  /** The words written, trimmed. */
  finish(): { readonly code: Int32Array; readonly offsets: Int32Array } {
    return { code: this.words.slice(0, this.length), offsets: this.offsets.slice(0, this.length) };
  }

  private grow(): void {
    const w = new Int32Array(this.words.length * 2);
    w.set(this.words);
    this.words = w;
    const o = new Int32Array(this.offsets.length * 2);
    o.set(this.offsets);
    this.offsets = o;
  }
}
