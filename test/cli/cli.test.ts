/**
 * The `k23` command line, run as a user runs it: a child process with arguments, checking output and exit status.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const main = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src', 'cli', 'main.js');
const dir = mkdtempSync(join(tmpdir(), 'k23-cli-'));

function k23(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [main, ...args], { encoding: 'utf8', input: '' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const calc = join(dir, 'calc.wat');
writeFileSync(
  calc,
  `(module
     (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
     (func (export "div") (param i64 i64) (result i64) (i64.div_s (local.get 0) (local.get 1)))
     (func (export "pair") (param f64) (result f64 i32) (f64.mul (local.get 0) (f64.const 2)) (i32.const -1))
     (func (export "spin") (loop $l (br $l))))`,
);

test('every command has --help, and the top level lists them', () => {
  const top = k23('--help');
  assert.equal(top.status, 0);
  for (const cmd of ['boot', 'run', 'wat2wasm', 'wast', 'spec-json']) {
    assert.match(top.stdout, new RegExp(`\\b${cmd}\\b`));
    const h = k23(cmd, '--help');
    assert.equal(h.status, 0, cmd);
    assert.match(h.stdout, new RegExp(`Usage: k23 ${cmd}`));
  }
});

test('run --invoke prints each result on its own line', () => {
  const r = k23('run', calc, '--invoke', 'add', '2', '40');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout, '42\n');
  assert.equal(k23('run', '--invoke', 'div', calc, '-9223372036854775808', '7').stdout, '-1317624576693539401\n');
  assert.equal(k23('run', calc, '--invoke', 'pair', '1.25').stdout, '2.5\n-1\n');
});

test('a trap exits non-zero with the spec message and a backtrace', () => {
  const r = k23('run', calc, '--invoke', 'div', '1', '0');
  assert.equal(r.status, 134);
  assert.match(r.stderr, /wasm trap: integer divide by zero/);
  assert.match(r.stderr, /wasm backtrace:\n\s+0: 0x[0-9a-f]+/);
});

test('--fuel turns an infinite loop into an out-of-fuel trap', () => {
  const r = k23('run', '--fuel', '10000', calc, '--invoke', 'spin');
  assert.equal(r.status, 134);
  assert.match(r.stderr, /all fuel consumed/);
});

test('bad input gives a one-line error and a non-zero exit', () => {
  const cases: [string[], RegExp, number][] = [
    [['run', join(dir, 'missing.wasm')], /cannot read .*ENOENT/, 1],
    [['run', calc, '--invoke', 'nope'], /no exported function named "nope"/, 1],
    [['run', calc, '--invoke', 'add', '1'], /takes 2 arguments, 1 given/, 2],
    [['run', calc, '--invoke', 'add', '1', 'x'], /"x" is not an i32/, 1],
    [['run'], /missing module path/, 2],
    [['frobnicate'], /unknown command "frobnicate"/, 2],
    [['run', '--bogus', calc], /unknown option --bogus/, 2],
  ];
  for (const [args, re, status] of cases) {
    const r = k23(...args);
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, re);
    assert.equal(r.stderr.trim().split('\n').length, 1, `one line for ${args.join(' ')}: ${r.stderr}`);
  }
  const bin = join(dir, 'bad.wasm');
  writeFileSync(bin, Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0x01, 0x05));
  const r = k23('run', bin);
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^k23 run: malformed module: length out of bounds \(at offset 0x9\)/);
  const badText = join(dir, 'bad.wat');
  writeFileSync(badText, '(module\n  (func (i32.add (i32.const 1) (oops))))');
  const t = k23('run', badText);
  assert.equal(t.status, 1);
  assert.match(t.stderr, /bad\.wat:2:\d+: unknown operator/);
});

test('wat2wasm writes the binary encoding, and run accepts it', () => {
  const out = join(dir, 'calc.wasm');
  const r = k23('wat2wasm', calc, '-o', out);
  assert.equal(r.status, 0, r.stderr);
  const bytes = readFileSync(out);
  assert.deepEqual([...bytes.subarray(0, 4)], [0, 0x61, 0x73, 0x6d]);
  assert.equal(k23('run', out, '--invoke', 'add', '-5', '3').stdout, '-2\n');
});

test('wast runs scripts and reports counts in the spec runner format', () => {
  const script = join(dir, 'check.wast');
  writeFileSync(
    script,
    `(module (func (export "inc") (param i32) (result i32) (i32.add (local.get 0) (i32.const 1))))
     (assert_return (invoke "inc" (i32.const 41)) (i32.const 42))
     (assert_return (invoke "inc" (i32.const 1)) (i32.const 3))
     (assert_trap (module (func $f unreachable) (start $f)) "unreachable")
     (assert_malformed (module quote "(func (i32.bogus))") "unknown operator")
     (assert_invalid (module (func (result i32) (i64.const 0))) "type mismatch")`,
  );
  const r = k23('wast', script);
  assert.equal(r.status, 1, 'one assertion fails');
  assert.match(r.stdout, /check\s+4 passed\s+1 failed\s+0 skipped/);
  assert.match(r.stdout, /line 3: assert_return: result 0: got i32:2, expected i32 3/);
  assert.match(r.stdout, /4 passed, 1 failed, 0 skipped/);
});

test('boot prints the banner and the demo results, and exits 0 without a terminal', () => {
  const r = k23('boot');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^k23 \d+\.\d+\.\d+: a WebAssembly microkernel/);
  assert.match(r.stdout, /booted in \d+\.\d ms/);
  assert.match(r.stdout, /primes below 100000 = 9592, fib\(25\) = 75025/);
});
