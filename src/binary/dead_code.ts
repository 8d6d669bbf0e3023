/**
 * A walk through unreachable code (after `br`, `return`, `unreachable`, ...), as both execution strategies skip it:
 * nothing is emitted or charged until the `else` or `end` of the construct that became unreachable. Nested
 * constructs inside the dead region are counted so that their own `else`/`end` do not end it.
 */
export class DeadCode {
  private depth = 0;

  /** Starts (or leaves) a dead region: no constructs opened inside it yet. */
  reset(): void {
    this.depth = 0;
  }

  /** In a dead region: whether `op` ends it (an `else` or `end` to handle), tracking nested blocks otherwise. */
  ends(op: number): boolean {
    if (op === 0x02 || op === 0x03 || op === 0x04) {
      // block, loop, if
      this.depth++;
      return false;
    }
    if (op === 0x0b) {
      // end
      if (this.depth > 0) {
        this.depth--;
        return false;
      }
      return true;
    }
    // else
    return op === 0x05 && this.depth === 0;
  }
}
