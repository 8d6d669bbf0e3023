/** Summary statistics over timing samples (milliseconds). */

/** The smallest sample, or NaN for none. */
export function minOf(samples: readonly number[]): number {
  let m = Number.NaN;
  for (const s of samples) if (!(s >= m)) m = s;
  return m;
}

/** The median sample (mean of the middle two for an even count), or NaN for none. */
export function medianOf(samples: readonly number[]): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * The geometric mean of positive ratios, or NaN for none. Summing logarithms keeps long lists from overflowing; a
 * non-positive or non-finite ratio makes the mean meaningless, so it gives NaN rather than a misleading number.
 */
export function geomean(ratios: readonly number[]): number {
  if (ratios.length === 0) return Number.NaN;
  let logSum = 0;
  for (const r of ratios) {
    if (!(r > 0) || !Number.isFinite(r)) return Number.NaN;
    logSum += Math.log(r);
  }
  return Math.exp(logSum / ratios.length);
}
