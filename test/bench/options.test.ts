import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BenchError } from '../../scripts/bench/bench_error.js';
import { parseOptions, selected } from '../../scripts/bench/options.js';

test('defaults: full run, 5 reps after 1 warm-up, cpu clock, micro and wasm2js on', () => {
  const o = parseOptions([]);
  assert.deepEqual(
    { quick: o.quick, reps: o.reps, warmup: o.warmup, clock: o.clock, micro: o.micro, wasm2js: o.wasm2js, json: o.jsonPath },
    { quick: false, reps: 5, warmup: 1, clock: 'cpu', micro: true, wasm2js: true, json: null },
  );
  assert.equal(o.filter, null);
});

test('--quick means one repetition and no warm-up unless given explicitly', () => {
  const q = parseOptions(['--quick']);
  assert.equal(q.reps, 1);
  assert.equal(q.warmup, 0);
  const q2 = parseOptions(['--reps', '3', '--quick', '--warmup=2']);
  assert.equal(q2.reps, 3);
  assert.equal(q2.warmup, 2);
});

test('--filter, --json, --clock and the switches, in both --name value and --name=value forms', () => {
  const o = parseOptions(['--filter', '^(fib|crc32)$', '--json=out/r.json', '--clock', 'wall', '--no-micro', '--no-wasm2js']);
  assert.equal(o.jsonPath, 'out/r.json');
  assert.equal(o.clock, 'wall');
  assert.equal(o.micro, false);
  assert.equal(o.wasm2js, false);
  assert.equal(o.detached, false);
  assert.equal(parseOptions(['--detached']).detached, true);
  assert.equal(selected(o, 'fib'), true);
  assert.equal(selected(o, 'crc32'), true);
  assert.equal(selected(o, 'fibonacci'), false);
  assert.equal(selected(o, 'micro:host-call'), false);
  assert.equal(selected(parseOptions([]), 'anything'), true);
});

test('bad usage is a BenchError naming the problem', () => {
  const bad = (args: string[], text: RegExp): void =>
    assert.throws(() => parseOptions(args), (e: unknown) => e instanceof BenchError && text.test(e.message));
  bad(['--frobnicate'], /unknown option '--frobnicate'/);
  bad(['--reps', '0'], /--reps needs an integer >= 1, got '0'/);
  bad(['--reps'], /--reps needs an integer >= 1, got nothing/);
  bad(['--warmup', '-1'], /--warmup needs an integer >= 0/);
  bad(['--reps', '2.5'], /--reps/);
  bad(['--filter', '('], /bad regular expression/);
  bad(['--filter'], /--filter needs a regular expression/);
  bad(['--json'], /--json needs a file name/);
  bad(['--clock', 'sundial'], /--clock must be cpu or wall/);
});
