import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BenchReport } from '../../scripts/bench/results.js';

const script = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'scripts', 'bench.js');

test('npm run bench -- --quick on two own programs and one micro-benchmark writes a checked JSON report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'k23-bench-test-'));
  try {
    const json = join(dir, 'r.json');
    const r = spawnSync(process.execPath, [script, '--quick', '--no-wasm2js', '--detached', '--filter', '^(recursion|bulk_memory|micro:call-typed|fuel-epoch:recursion)$', '--json', json], {
      encoding: 'utf8', timeout: 120_000,
    });
    // 0: all fine; 1: k23 failed a checksum or crashed (an engine problem the report must show, not hide).
    assert.ok(r.status === 0 || r.status === 1, `exit ${r.status}\n${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /kernel\s+n\s+V8 ms/);
    const report = JSON.parse(readFileSync(json, 'utf8')) as BenchReport;
    assert.equal(report.version, 1);
    assert.equal(report.options.quick, true);
    assert.equal(report.options.detached, true);
    assert.match(r.stdout, /--detached: an ArrayBuffer was detached \(byteLength now 0\)/);
    assert.deepEqual(report.kernels.map((k) => k.id).sort(), ['bulk_memory', 'recursion']);
    for (const k of report.kernels) {
      assert.equal(k.expectedFrom, 'v8');
      assert.equal(k.cells.v8?.status, 'ok');
      assert.equal(k.cells.v8?.checksum, k.expected);
      assert.equal(k.cells.wasm2js?.status, 'unavailable');
      const k23 = k.cells.k23!;
      if (k23.status === 'ok') assert.equal(k23.checksum, k.expected);
      else assert.ok(k23.reason !== null && k23.reason !== '');
      if (k23.status === 'error') assert.equal(r.status, 1);
    }
    assert.deepEqual(report.micro.map((m) => m.id), ['micro:call-typed']);
    assert.equal(report.micro[0]!.cells.v8.status, 'ok');
    assert.equal(report.summary.goals.evaluated, false);
    // Fuel and epoch cost: geomeans per suite, so the shared kernels' figure is not mixed with own stress programs.
    assert.deepEqual(report.fuelEpoch.map((k) => k.id), ['recursion']);
    if (report.fuelEpoch[0]!.cells['k23-fuel']?.status === 'ok') {
      assert.equal(typeof report.summary.geomean['k23-fuel/k23 programs'], 'number');
      assert.equal(report.summary.geomean['k23-fuel/k23 programs'], report.summary.geomean['k23-fuel/k23']);
    }
    assert.equal(report.summary.geomean['k23-fuel/k23 shared'], null);
    assert.equal(report.errors.length === 0, r.status === 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('bad options exit with 2 and the usage', () => {
  const r = spawnSync(process.execPath, [script, '--reps', 'x'], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--reps needs an integer >= 1, got 'x'/);
  assert.match(r.stderr, /usage: npm run bench/);
});
