/**
 * Where fuel is charged and where it is checked, shared by both execution strategies so that they charge the same
 * totals and trap at the same checks (RATIONALE.md, "Fuel is checked at function entries and loop headers only").
 *
 * A function body is cut into straight-line segments, each charged once at its start with its instruction count.
 * Only function entries and loop headers compare the count with zero; every cycle of execution passes one of them.
 * The producer (the compiler or the interpreter's predecoder) opens and ends segments as it walks the body and
 * writes what `end` decides in its own output.
 */

/** A segment that charges without a check. */
export const FUEL_UNCHECKED = 0;
/** The segment at a function's entry: always checks. */
export const FUEL_ENTRY = 1;
/** The segment at a loop header: checks unless it calls a function that checks on entry. */
export const FUEL_LOOP = 2;

/** Instructions one segment may charge (keeps int32 counting from wrapping). */
export const MAX_SEGMENT_FUEL = 1 << 24;

/**
 * Fuel charged without a check, at most, per function. Unchecked charges can pile up along a chain of returns, at
 * most this much per frame; the engine lowers it so that frames x charge stays below 2^29.
 */
export const MAX_UNCHECKED_FUEL = 4096;

/** The segment state of one function body being walked. Reused across functions (`reset`). */
export class FuelSegments {
  /** Instructions charged by the open segment. */
  count = 0;
  /** Whether the segment `end` just closed checks the count. */
  checked = false;
  private kind = FUEL_UNCHECKED;
  /** A check owed by an empty entry or loop-header segment, which the next segment makes. */
  private pending = FUEL_UNCHECKED;
  private callsChecker = false;
  private unchecked = 0;
  private uncheckedCap = MAX_UNCHECKED_FUEL;

  /** Starts a function body; `uncheckedCap` is the most it may charge without a check. */
  reset(uncheckedCap: number): void {
    this.count = 0;
    this.checked = false;
    this.kind = FUEL_UNCHECKED;
    this.pending = FUEL_UNCHECKED;
    this.callsChecker = false;
    this.unchecked = 0;
    this.uncheckedCap = uncheckedCap;
  }

  /** Opens a segment of `kind` (`FUEL_ENTRY` at the entry, `FUEL_LOOP` at loop headers, else unchecked). */
  start(kind = FUEL_UNCHECKED): void {
    this.count = 0;
    // An entry check handed on stays an entry check even at a loop header: a function that charges anything checks
    // on every call, which is what loops that call it rely on.
    this.kind = this.pending === FUEL_ENTRY ? FUEL_ENTRY : kind !== FUEL_UNCHECKED ? kind : this.pending;
    this.pending = FUEL_UNCHECKED;
    this.callsChecker = false;
  }

  /** Whether charging `n` more would pass `MAX_SEGMENT_FUEL` (the producer then ends the segment and opens one). */
  full(n: number): boolean {
    return this.count + n > MAX_SEGMENT_FUEL;
  }

  /** Records that the open segment calls a defined function with a call or `memory.grow` (it checks on entry). */
  callsCheckingFunction(): void {
    this.callsChecker = true;
  }

  /**
   * Closes the open segment and returns its count (0: nothing to charge, write nothing); `checked` then says
   * whether the charge compares the count with zero.
   */
  end(): number {
    const n = this.count;
    this.count = 0;
    // A check owed by an empty segment (no instruction, hence no branch: the next segment runs on every path)
    // passes to the next one. A loop header whose segment calls a function that checks on entry needs no check of
    // its own: every iteration passes that one. What a function charges unchecked is capped (see `reset`).
    if (n === 0) {
      if (this.kind !== FUEL_UNCHECKED) this.pending = this.kind;
      this.checked = false;
      return 0;
    }
    const wanted = this.kind === FUEL_ENTRY || (this.kind === FUEL_LOOP && !this.callsChecker);
    if (!wanted && this.unchecked + n <= this.uncheckedCap) {
      this.unchecked += n;
      this.checked = false;
    } else {
      this.checked = true;
    }
    return n;
  }
}
