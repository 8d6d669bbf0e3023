/**
 * Cost of the numeric builtins in tight loops, against the plain JS expression they replace and against V8's own
 * wasm. Not a test: it only runs when `K23_BENCH=1` (`K23_BENCH=1 node <out>/test/runtime/builtins/numeric_bench.js`,
 * `K23_BENCH_ONLY=<regexp>` to select rows), and prints CPU ns per iteration (minimum of 7 runs after warm-up), the
 * loop overhead included; the `baseline` row of each group is that overhead.
 *
 * Each row runs in its own process: helpers share type feedback between all their call sites, so a row measured
 * after others would see the paths those exercised (as generated code may, but then the numbers mix cases).
 */

import * as floatBits from '../../../src/runtime/builtins/float_bits.js';
import * as floatOps from '../../../src/runtime/builtins/float_ops.js';
import * as convert from '../../../src/runtime/builtins/float_convert.js';
import * as i64 from '../../../src/runtime/builtins/int64_ops.js';
import * as i32 from '../../../src/runtime/builtins/int32_ops.js';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { I32, I64, V8Wasm, i32Const, i64Const, instantiate, localGet, uleb } from '../../helpers/tiny_wasm.js';

type Loop = (n: number) => unknown;

const S = new BigUint64Array(16);
const I = new Int32Array(S.buffer);
const F = new Float64Array(S.buffer);
const F32 = new Float32Array(2);
const I32A = new Int32Array(F32.buffer);

const ENV: Record<string, unknown> = { S, I, F, F32, I32A, ...floatBits, ...floatOps, ...convert, ...i64, ...i32 };

/** A loop running `body` n times after `setup`, returning `result` (so nothing is dead code). */
function makeLoop(setup: string, body: string, result: string): Loop {
  const names = Object.keys(ENV);
  const src = `return function loop(n) { ${setup}; for (let i = 0; i < n; i++) { ${body} } return ${result}; }`;
  return new Function(...names, src)(...names.map((k) => ENV[k])) as Loop;
}

/** Minimum CPU time per iteration over several runs (CPU time, not wall time: the machines are shared). */
function timeNs(loop: Loop, n: number): number {
  for (let w = 0; w < 3; w++) loop(Math.min(n, 200000));
  let best = Infinity;
  for (let r = 0; r < 7; r++) {
    const t0 = process.cpuUsage();
    loop(n);
    const t = process.cpuUsage(t0);
    best = Math.min(best, ((t.user + t.system) * 1000) / n);
  }
  return best;
}

/** One measurement: a titled group's row and how to take it. */
interface Row {
  readonly group: string;
  readonly name: string;
  readonly measure: () => number | null;
}

const ROWS: Row[] = [];
let currentGroup = '';

function row(name: string, measure: () => number | null): void {
  ROWS.push({ group: currentGroup, name, measure });
}

function group(title: string, n: number, setup: string, result: string, bodies: Record<string, string>): void {
  currentGroup = title;
  for (const [name, body] of Object.entries(bodies)) row(name, () => timeNs(makeLoop(setup, body, result), n));
}

/**
 * A wasm module exporting `loop(n)`: the same LCG as the JS loops, feeding one i64 instruction per iteration with
 * x and y = (x >>> yShift) | 1 (a divisor, or a shift count for yShift = 58), accumulating the results.
 */
function wasmI64Loop(op: number[], yShift: bigint): Loop {
  // locals: 0 n, 1 x, 2 acc, 3 i (i32), 4 y
  const body = [
    ...i64Const(0x123456789abcdefn), 0x21, 1, // x = seed
    0x03, 0x40, // loop
    ...localGet(1), ...i64Const(6364136223846793005n), 0x7e, ...i64Const(1442695040888963407n), 0x7c, 0x21, 1, // x = x*a+c
    ...localGet(1), ...i64Const(yShift), 0x88, ...i64Const(1n), 0x84, 0x21, 4, // y = (x >>> yShift) | 1
    ...localGet(2), ...localGet(1), ...localGet(4), ...op, 0x7c, 0x21, 2, // acc += x op y
    ...localGet(3), 0x41, 1, 0x6a, 0x22, 3, ...localGet(0), 0x49, 0x0d, 0, // br_if (++i < n)
    0x0b,
    ...localGet(2), 0xa7, // i32.wrap_i64
  ];
  const w = instantiate([{ name: 'loop', params: [I32], results: [I32], locals: [I64, I64, I32, I64], body }]);
  return w['loop'] as unknown as Loop;
}

/** The i32 division loop below in wasm: a = a * 1103515245 + 12345, b = (a >>> 20) | 1, acc ^= a op b. */
function wasmI32Loop(op: number): Loop {
  // locals: 0 n, 1 a, 2 b, 3 acc, 4 i
  const body = [
    0x41, ...uleb(12345), 0x21, 1,
    0x03, 0x40,
    ...localGet(1), ...i32Const(1103515245), 0x6c, ...i32Const(12345), 0x6a, 0x21, 1, // a = a * 1103515245 + 12345
    ...localGet(1), 0x41, 20, 0x76, 0x41, 1, 0x72, 0x21, 2, // b = (a >>> 20) | 1
    ...localGet(3), ...localGet(1), ...localGet(2), op, 0x73, 0x21, 3, // acc ^= a op b
    ...localGet(4), 0x41, 1, 0x6a, 0x22, 4, ...localGet(0), 0x49, 0x0d, 0,
    0x0b,
    ...localGet(3),
  ];
  const w = instantiate([{ name: 'loop', params: [I32], results: [I32], locals: [I32, I32, I32, I32], body }]);
  return w['loop'] as unknown as Loop;
}

/** The divmod64 kernel of ../shared/bench (bench_i64.c), as k23 would run it: i64 locals in slots, helpers. */
function divmodKernel(divU: string, remU: string): Loop {
  return makeLoop(
    'S[2] = 0x123456789abcdefn + BigInt(n); S[1] = 0n; S[3] = 0n',
    `S[2] = S[2] * 6364136223846793005n + 1442695040888963407n;
     S[4] = S[1];
     S[1] = (S[2] >> 40n) | 1n;
     ${divU};
     S[6] = S[1] + S[3];
     ${remU};
     S[1] = S[4] + S[5] + S[7];
     S[3] = S[3] + 1n;`,
    'Number((S[1] ^ (S[1] >> 32n)) & 0xffffffffn)',
  );
}

function defineRows(): void {
  const N = 2_000_000;
  const lcg = 'S[1] = S[1] * 6364136223846793005n + 1442695040888963407n;';

  group('f32/f64 sign and rounding (x varies per iteration; acc += result)', N, 'let acc = 0, x = 0.25', 'acc', {
    'baseline: acc += x': 'x = x * -1.0000001 + 0.37; acc += x;',
    'plain -x': 'x = x * -1.0000001 + 0.37; acc += -x;',
    'f32Neg(x)': 'x = x * -1.0000001 + 0.37; acc += f32Neg(x);',
    'f64Abs(x)': 'x = x * -1.0000001 + 0.37; acc += f64Abs(x);',
    'f64Copysign(1.5, x)': 'x = x * -1.0000001 + 0.37; acc += f64Copysign(1.5, x);',
    'plain Math.floor(x)': 'x = x * -1.0000001 + 0.37; acc += Math.floor(x);',
    'f64Floor(x)': 'x = x * -1.0000001 + 0.37; acc += f64Floor(x);',
    'plain Math.round(x) (not ties-to-even)': 'x = x * -1.0000001 + 0.37; acc += Math.round(x);',
    'f64Nearest(x)': 'x = x * -1.0000001 + 0.37; acc += f64Nearest(x);',
    'f32Nearest(x)': 'x = x * -1.0000001 + 0.37; acc += f32Nearest(x);',
    'f64Min(x, 0.5)': 'x = x * -1.0000001 + 0.37; acc += f64Min(x, 0.5);',
    'plain Math.fround(Math.sqrt(x))': 'x = x * -1.0000001 + 0.37; acc += Math.fround(Math.sqrt(x));',
    'f32Sqrt(x)': 'x = x * -1.0000001 + 0.37; acc += f32Sqrt(x);',
  });

  group('f32 bits (i varies; acc += result)', N, 'let acc = 0', 'acc', {
    'baseline: acc += i': 'acc += i;',
    'plain Int32Array -> Float32Array read': 'I32A[0] = i * 2654435761; acc += F32[0];',
    'f32FromBits(bits)': 'acc += f32FromBits(i * 2654435761);',
    'plain Float32Array write -> Int32Array read': 'F32[0] = i; acc += I32A[0];',
    'f32ToBits(x)': 'acc += f32ToBits(i);',
  });

  group('conversions (x varies; result accumulated)', N, 'let acc = 0, x = 1.5', 'acc', {
    'baseline': 'x = x * -1.0000001 + 0.37; acc += x;',
    'plain x | 0 (no range check)': 'x = x * -1.0000001 + 0.37; acc += x | 0;',
    'i32TruncF64S(x)': 'x = x * -1.0000001 + 0.37; acc += i32TruncF64S(x);',
    'i32TruncSatF64U(x)': 'x = x * -1.0000001 + 0.37; acc += i32TruncSatF64U(x);',
    'plain S[5] = BigInt(Math.trunc(x)) (no check)': 'x = x * -1.0000001 + 0.37; S[5] = BigInt(Math.trunc(x)); acc += I[10];',
    'i64TruncF64S(S, x, 5)': 'x = x * -1.0000001 + 0.37; i64TruncF64S(S, x, 5); acc += I[10];',
    'i64TruncF64S(S, x * 2**40, 5) (two-halves store)': 'x = x * -1.0000001 + 0.37; i64TruncF64S(S, x * 1099511627776, 5); acc += I[10];',
  });

  group('i64 -> float (slot 1 is an LCG; result accumulated)', N, 'let acc = 0; S[1] = 1n', 'acc', {
    'baseline': `${lcg} acc += I[2];`,
    'plain Number(S[1])': `${lcg} acc += Number(S[1]);`,
    'f64ConvertI64U(I[2], I[3])': `${lcg} acc += f64ConvertI64U(I[2], I[3]);`,
    'plain Math.fround(Number(BigInt.asIntN(64, S[1]))) (double rounding)': `${lcg} acc += Math.fround(Number(BigInt.asIntN(64, S[1])));`,
    'f32ConvertI64S(I[2], I[3])': `${lcg} acc += f32ConvertI64S(I[2], I[3]);`,
  });

  group('i64 shifts by a variable count (slot 1 LCG, count in slot 2; S[4] += result)', N, 'S[1] = 1n; S[4] = 0n', 'I[8]', {
    'baseline: S[3] = S[1] ^ S[2]': `${lcg} S[2] = S[1] >> 58n; S[3] = S[1] ^ S[2]; S[4] = S[4] + S[3];`,
    'plain S[3] = S[1] << (S[2] & 63n)': `${lcg} S[2] = S[1] >> 58n; S[3] = S[1] << (S[2] & 63n); S[4] = S[4] + S[3];`,
    'i64Shl': `${lcg} S[2] = S[1] >> 58n; i64Shl(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'plain S[3] = S[1] >> (S[2] & 63n)': `${lcg} S[2] = S[1] >> 58n; S[3] = S[1] >> (S[2] & 63n); S[4] = S[4] + S[3];`,
    'i64ShrU (random count: branch mispredicts)': `${lcg} S[2] = S[1] >> 58n; i64ShrU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64ShrU (count 13)': `${lcg} S[2] = 13n; i64ShrU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'halves, two int32 stores (count 13) [reference]': `${lcg} S[2] = 13n; { const k = I[4] & 63, lo = I[2], hi = I[3]; if (k < 32) { I[6] = k === 0 ? lo : (lo >>> k) | (hi << (32 - k)); I[7] = hi >>> k; } else { I[6] = hi >>> (k - 32); I[7] = 0; } } S[4] = S[4] + S[3];`,
    'i64ShrS (count 13)': `${lcg} S[2] = 13n; i64ShrS(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64Rotl (count 13)': `${lcg} S[2] = 13n; i64Rotl(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64Clz + i64Ctz + i64Popcnt': `${lcg} i64ExtendI32U(S, 3, i64Clz(I, 1) + i64Ctz(I, 1) + i64Popcnt(I, 1)); S[4] = S[4] + S[3];`,
  });

  group('i64 division (slot 1 LCG dividend, full 64 bits; S[4] += result)', N, 'S[1] = 1n; S[4] = 0n', 'I[8]', {
    'baseline: S[3] = S[1] ^ S[2]': `${lcg} S[2] = (S[1] >> 40n) | 1n; S[3] = S[1] ^ S[2]; S[4] = S[4] + S[3];`,
    'BigInt S[3] = S[1] / S[2] (24-bit divisor)': `${lcg} S[2] = (S[1] >> 40n) | 1n; S[3] = S[1] / S[2]; S[4] = S[4] + S[3];`,
    'i64DivU, 24-bit divisor': `${lcg} S[2] = (S[1] >> 40n) | 1n; i64DivU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64RemU, 24-bit divisor': `${lcg} S[2] = (S[1] >> 40n) | 1n; i64RemU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64DivS, 24-bit divisor': `${lcg} S[2] = (S[1] >> 40n) | 1n; i64DivS(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64RemS, 24-bit divisor': `${lcg} S[2] = (S[1] >> 40n) | 1n; i64RemS(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64DivS, 20-bit divisor (magnitudes, two digits)': `${lcg} S[2] = (S[1] >> 44n) | 1n; i64DivS(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64DivU, 20-bit divisor': `${lcg} S[2] = (S[1] >> 44n) | 1n; i64DivU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64DivU, divisor 10': `${lcg} S[2] = 10n; i64DivU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64DivU, 32-bit divisor (>= 2^30)': `${lcg} S[2] = (S[1] >> 32n) | 0xc0000000n; i64DivU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
    'i64DivU, 32-bit dividend and divisor': `${lcg} S[5] = S[1] >> 32n; S[2] = (S[1] & 0xffffn) | 1n; i64DivU(S, I, 5, 2, 3); S[4] = S[4] + S[3];`,
    'i64DivU, 40-bit divisor (BigInt path)': `${lcg} S[2] = (S[1] >> 24n) | 1n; i64DivU(S, I, 1, 2, 3); S[4] = S[4] + S[3];`,
  });

  group('i64 comparisons (random outcomes, so every row pays a mispredicted branch)', N, 'let acc = 0; S[1] = 1n; S[2] = 7n', 'acc', {
    'baseline': `${lcg} S[2] = S[2] + 0x9e3779b97f4a7c15n; acc += I[2] & 1;`,
    'plain S[1] < S[2]': `${lcg} S[2] = S[2] + 0x9e3779b97f4a7c15n; acc += S[1] < S[2] ? 1 : 0;`,
    'i64LtU(I, 1, 2)': `${lcg} S[2] = S[2] + 0x9e3779b97f4a7c15n; acc += i64LtU(I, 1, 2) ? 1 : 0;`,
    'plain BigInt.asIntN(64, S[1]) < BigInt.asIntN(64, S[2])': `${lcg} S[2] = S[2] + 0x9e3779b97f4a7c15n; acc += BigInt.asIntN(64, S[1]) < BigInt.asIntN(64, S[2]) ? 1 : 0;`,
    'i64LtS(I, 1, 2)': `${lcg} S[2] = S[2] + 0x9e3779b97f4a7c15n; acc += i64LtS(I, 1, 2) ? 1 : 0;`,
    'plain S[1] === S[2]': `${lcg} S[2] = S[2] + 0x9e3779b97f4a7c15n; acc += S[1] === S[2] ? 1 : 0;`,
    'i64Eq(I, 1, 2)': `${lcg} S[2] = S[2] + 0x9e3779b97f4a7c15n; acc += i64Eq(I, 1, 2) ? 1 : 0;`,
  });

  group('Number -> slot (i varies; S[4] += slot)', N, 'S[4] = 0n', 'I[8]', {
    'baseline: S[3] = S[4] ^ 5n': 'S[3] = S[4] ^ 5n; S[4] = S[4] + S[3];',
    'plain two int32 stores I[6] = i; I[7] = i >> 31': 'I[6] = i; I[7] = i >> 31; S[4] = S[4] + S[3];',
    'plain S[3] = BigInt(i)': 'S[3] = BigInt(i); S[4] = S[4] + S[3];',
    'i64ExtendI32S(S, 3, i)': 'i64ExtendI32S(S, 3, i); S[4] = S[4] + S[3];',
    'i64SetHalves(S, 3, i, i * 7)': 'i64SetHalves(S, 3, i, i * 7); S[4] = S[4] + S[3];',
  });

  currentGroup = 'native wasm: the same LCG loops as above';
  const natives: [string, number[], bigint][] = [
    ['i64.div_u, 24-bit divisor', [0x80], 40n],
    ['i64.rem_u, 24-bit divisor', [0x82], 40n],
    ['i64.div_s, 24-bit divisor', [0x7f], 40n],
    ['i64.div_u, 20-bit divisor', [0x80], 44n],
    ['i64.div_u, 32-bit divisor', [0x80], 32n],
    ['i64.shr_u, random count', [0x88], 58n],
    ['i64.rotl, random count', [0x89], 58n],
  ];
  for (const [name, op, yShift] of natives) row(name, () => timeNs(wasmI64Loop(op, yShift), N * 5));
  for (const [name, op] of [['i32.div_s', 0x6d], ['i32.div_u', 0x6e], ['i32.rem_s', 0x6f], ['i32.rem_u', 0x70]] as const) {
    row(`${name} (the i32 loop below)`, () => timeNs(wasmI32Loop(op), N * 5));
  }

  group('i32 division (a, b vary; acc ^= result)', N * 5, 'let acc = 0, a = 12345, b = 7', 'acc', {
    'baseline': 'a = (Math.imul(a, 1103515245) + 12345) | 0; b = (a >>> 20) | 1; acc ^= a ^ b;',
    'plain (a / b) | 0 (no trap checks)': 'a = (Math.imul(a, 1103515245) + 12345) | 0; b = (a >>> 20) | 1; acc ^= (a / b) | 0;',
    'i32DivS': 'a = (Math.imul(a, 1103515245) + 12345) | 0; b = (a >>> 20) | 1; acc ^= i32DivS(a, b);',
    'i32DivU': 'a = (Math.imul(a, 1103515245) + 12345) | 0; b = (a >>> 20) | 1; acc ^= i32DivU(a, b);',
    'i32RemS': 'a = (Math.imul(a, 1103515245) + 12345) | 0; b = (a >>> 20) | 1; acc ^= i32RemS(a, b);',
    'i32RemU': 'a = (Math.imul(a, 1103515245) + 12345) | 0; b = (a >>> 20) | 1; acc ^= i32RemU(a, b);',
    'i32Ctz + i32Popcnt': 'a = (Math.imul(a, 1103515245) + 12345) | 0; acc ^= i32Ctz(a) + i32Popcnt(a);',
  });

  currentGroup = 'divmod64 kernel (../shared/bench/src/bench_i64.c), n = 20,000,000, ns per iteration';
  const n = 20_000_000;
  row('divmod64, helpers i64DivU + i64RemU', () => timeNs(divmodKernel('i64DivU(S, I, 2, 1, 5)', 'i64RemU(S, I, 2, 6, 7)'), n));
  row('divmod64, BigInt S[5] = S[2] / S[1]; S[7] = S[2] % S[6]', () => timeNs(divmodKernel('S[5] = S[2] / S[1]', 'S[7] = S[2] % S[6]'), n / 10));
  row('divmod64, V8 native wasm (bench_i64.wasm)', () => {
    const native = instantiateNativeDivmod();
    return native === null ? null : timeNs(native, n);
  });
}

/** The benchmark's own divmod64 under V8, when the shared data is found (K23_SHARED, or ../shared of the repo). */
function instantiateNativeDivmod(): Loop | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  const shared = process.env['K23_SHARED'] ?? path.resolve(dir, '../shared');
  const file = path.join(shared, 'bench/wasm/bench_i64.wasm');
  if (!fs.existsSync(file)) return null;
  const inst = new V8Wasm.Instance(new V8Wasm.Module(fs.readFileSync(file)), {});
  return (inst.exports as Record<string, Loop>)['divmod64']!;
}

/** Runs every selected row in a child process (this file with K23_BENCH_ROW set) and prints the table. */
function main(): void {
  defineRows();
  const rowIndex = process.env['K23_BENCH_ROW'];
  if (rowIndex !== undefined) {
    process.stdout.write(JSON.stringify(ROWS[Number(rowIndex)]!.measure()));
    return;
  }
  const only = new RegExp(process.env['K23_BENCH_ONLY'] ?? '');
  let lastGroup = '';
  ROWS.forEach((r, i) => {
    if (!only.test(r.name)) return;
    if (r.group !== lastGroup) console.log((lastGroup = r.group));
    const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url)], {
      env: { ...process.env, K23_BENCH_ROW: String(i) },
      encoding: 'utf8',
    });
    const ns = JSON.parse(out) as number | null;
    console.log(`  ${r.name.padEnd(62)} ${ns === null ? '   (skipped: no shared data)' : `${ns.toFixed(2).padStart(7)} ns`}`);
  });
}

if (process.env['K23_BENCH'] === '1') main();
