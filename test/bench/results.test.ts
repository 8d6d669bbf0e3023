import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { EngineName } from '../../scripts/bench/engine_runner.js';
import { evaluateGoals, geomeanOf, ratio, type KernelCell, type KernelResult } from '../../scripts/bench/results.js';

function cell(bestMs: number | null, status: KernelCell['status'] = 'ok', firstMs: number | null = null): KernelCell {
  return {
    status, reason: status === 'ok' ? null : 'x', loadMs: 1, firstMs, warmupMs: [], samplesMs: bestMs === null ? [] : [bestMs],
    wallMs: [], cpuMs: [], bestMs, medianMs: bestMs, checksum: 1,
  };
}

function row(id: string, times: Partial<Record<EngineName, number | null>>, suite: 'shared' | 'programs' = 'shared'): KernelResult {
  const cells: Partial<Record<EngineName, KernelCell>> = {};
  for (const [e, t] of Object.entries(times)) cells[e as EngineName] = t === null ? cell(null, 'error') : cell(t);
  return { id, suite, module: 'm.wasm', export: id, n: 1, expected: 1, expectedFrom: 'list', cells };
}

test('ratio needs both cells ok; first-call ratios use firstMs', () => {
  assert.equal(ratio(row('a', { v8: 100, k23: 150 }), 'k23'), 1.5);
  assert.equal(ratio(row('a', { v8: 100, k23: null }), 'k23'), null);
  assert.equal(ratio(row('a', { v8: 100 }), 'k23'), null);
  assert.equal(ratio(row('a', { v8: 100, k23: 120, wasm2js: 240 }), 'k23', 'wasm2js'), 0.5);
  const r: KernelResult = { ...row('a', {}), cells: { v8: cell(1, 'ok', 400), k23: cell(1, 'ok', 100) } };
  assert.equal(ratio(r, 'k23', 'v8', true), 0.25);
});

test('geomeanOf skips rows that failed', () => {
  const rows = [row('a', { v8: 100, k23: 200 }), row('b', { v8: 100, k23: 50 }), row('c', { v8: 100, k23: null })];
  assert.equal(geomeanOf(rows, 'k23'), 1);
  assert.equal(geomeanOf([row('c', { v8: 1, k23: null })], 'k23'), null);
});

const good = (): KernelResult[] => [
  row('a', { v8: 100, k23: 110, wasm2js: 140 }),
  row('b', { v8: 100, k23: 120, wasm2js: 300 }),
  row('own', { v8: 100, k23: 900, wasm2js: 100 }, 'programs'),
];

test('goals met: geomean <= 1.25, none above 2, all faster than wasm2js; own programs do not count', () => {
  const g = evaluateGoals(good(), 2, false);
  assert.equal(g.evaluated, true);
  assert.ok(Math.abs(g.geomean! - Math.sqrt(1.1 * 1.2)) < 1e-12);
  assert.equal(g.met, true);
  assert.equal(g.wasm2jsCompared, 2);
});

test('goals missed for each reason', () => {
  const slow = evaluateGoals([row('a', { v8: 100, k23: 130 }), row('b', { v8: 100, k23: 130 })], 2, false);
  assert.equal(slow.geomeanOk, false);
  assert.equal(slow.met, false);
  const spike = evaluateGoals([row('a', { v8: 100, k23: 50 }), row('b', { v8: 100, k23: 210 })], 2, false);
  assert.equal(spike.geomeanOk, true);
  assert.deepEqual(spike.above2, ['b']);
  assert.equal(spike.met, false);
  const w = evaluateGoals([row('a', { v8: 100, k23: 110, wasm2js: 105 }), row('b', { v8: 100, k23: 100, wasm2js: 300 })], 2, false);
  assert.deepEqual(w.notFasterThanWasm2js, ['a']);
  assert.equal(w.met, false);
});

test('goals are not judged on quick, partial or failed runs', () => {
  assert.match(evaluateGoals(good(), 2, true).reason!, /--quick/);
  assert.match(evaluateGoals(good(), 17, false).reason!, /needs all 17 shared kernels, ran 2/);
  assert.match(evaluateGoals([row('a', { v8: 1, k23: null }), row('b', { v8: 1, k23: null })], 2, false).reason!, /k23 did not run/);
  const partly = evaluateGoals([row('a', { v8: 1, k23: 1 }), row('b', { v8: 1, k23: null })], 2, false);
  assert.equal(partly.evaluated, false);
  assert.match(partly.reason!, /failed on b/);
  assert.equal(evaluateGoals([], 0, false).evaluated, false);
});
