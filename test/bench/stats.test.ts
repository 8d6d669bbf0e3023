import { test } from 'node:test';
import assert from 'node:assert/strict';
import { geomean, medianOf, minOf } from '../../scripts/bench/stats.js';

test('minOf and medianOf', () => {
  assert.equal(minOf([3, 1.5, 2]), 1.5);
  assert.ok(Number.isNaN(minOf([])));
  assert.equal(medianOf([5, 1, 3]), 3);
  assert.equal(medianOf([4, 1, 3, 2]), 2.5);
  assert.ok(Number.isNaN(medianOf([])));
});

test('geomean of ratios; NaN for none, zero, negative or infinite', () => {
  assert.ok(Math.abs(geomean([2, 8]) - 4) < 1e-12);
  assert.ok(Math.abs(geomean([1.5]) - 1.5) < 1e-12);
  assert.ok(Math.abs(geomean([0.5, 2, 1]) - 1) < 1e-12);
  // Long lists of large ratios do not overflow.
  assert.ok(Math.abs(geomean(new Array<number>(2000).fill(1e300)) - 1e300) / 1e300 < 1e-9);
  for (const bad of [[], [0], [1, -1], [Infinity], [Number.NaN]]) assert.ok(Number.isNaN(geomean(bad)), String(bad));
});
