/**
 * A growable buffer of int32 words with a parallel record of the wasm byte offset each instruction came from: the
 * output of the predecoder. The words are written into scratch arrays shared by every buffer (predecoding is not
 * re-entrant) and the code is copied out once, trimmed: allocating a fresh pair per function measured a third of
 * the predecoder's time (zero-filled, oversized arrays and their garbage). Offsets are copied out only when a
 * backtrace needs them (`predecodedOffsets`).
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

  /** The words written, trimmed (a copy: the scratch arrays are reused by the next buffer). */
  code(): Int32Array {
    return scratchWords.slice(0, this.length);
  }

  /** The byte offsets of the words written, trimmed (a copy). */
  offsetsSoFar(): Int32Array {
    return scratchOffsets.slice(0, this.length);
  }

  /** Ends the use of the scratch arrays (kept for the next buffer). */
  finish(): void {
    this.length = 0;
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
