/**
 * Float constants that a JS literal cannot express exactly (NaNs with payloads). Generated code reads them from a
 * `Float64Array` (`CF[i]`), which keeps every bit; the pool stores each constant's (lo, hi) halves.
 */
export class ConstantPool {
  private readonly halves: number[] = [];
  private readonly index = new Map<string, number>();

  /** Index of the constant with IEEE bits (lo, hi), adding it if new. */
  add(lo: number, hi: number): number {
    const key = `${lo >>> 0}:${hi >>> 0}`;
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.halves.length / 2;
      this.halves.push(lo >>> 0, hi >>> 0);
      this.index.set(key, i);
    }
    return i;
  }

  /** The constants as (lo, hi) uint32 pairs. */
  toUint32Array(): Uint32Array {
    return Uint32Array.from(this.halves);
  }
}
