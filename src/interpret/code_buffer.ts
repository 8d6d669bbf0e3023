/**
 * A growable buffer of int32 words with a parallel record of the wasm byte offset each instruction came from: the
 * output of the predecoder. The words are written into scratch arrays shared by every buffer (predecoding is not
 * re-entrant) and copied out once, trimmed, by `finish`: allocating a fresh pair per function measured a third of
 * the predecoder's time (zero-filled, oversized arrays and their garbage).
 */
let scratchWords = new Int32Array(1 << 14);
let scratchOffsets = new Int32Array(1 << 14);

export class CodeBuffer {
  length = 0;

  /** Appends one word of the instruction at wasm byte offset `at`; returns its position. */
  push(word: number, at: number): number {
    if (this.length === scratchWords.length) this.grow();
    const p = this.length++;
    scratchWords[p] = word;
    scratchOffsets[p] = at;
    return p;
  }

  /** Records that the word at `pos` belongs to the instruction at wasm byte offset `at`. */
  setOffset(pos: number, at: number): void {
    scratchOffsets[pos] = at;
  }

  /** The word at `pos`. */
  wordAt(pos: number): number {
    return scratchWords[pos]!;
  }

  /** Drops the words from `length` on. */
  truncate(length: number): void {
    this.length = length;
  }

  /** Overwrites the word at `pos`. */
  set(pos: number, word: number): void {
    scratchWords[pos] = word;
  }

  /** The words written, trimmed (copies: the scratch arrays are reused by the next buffer). */
  finish(): { readonly code: Int32Array; readonly offsets: Int32Array } {
    return { code: scratchWords.slice(0, this.length), offsets: scratchOffsets.slice(0, this.length) };
  }

  private grow(): void {
    const w = new Int32Array(scratchWords.length * 2);
    w.set(scratchWords);
    scratchWords = w;
    const o = new Int32Array(scratchOffsets.length * 2);
    o.set(scratchOffsets);
    scratchOffsets = o;
  }
}
