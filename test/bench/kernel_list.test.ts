import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BenchError } from '../../scripts/bench/bench_error.js';
import { parseKernelList, quickN } from '../../scripts/bench/kernel_list.js';
import { benchPaths } from '../../scripts/bench/paths.js';
import { V8Wasm } from '../../scripts/bench/v8_wasm.js';

const HEAD = 'module\texport\tn\tchecksum\n';

test('parses kernels with their module path, skipping blank and # lines', () => {
  const ks = parseKernelList(`${HEAD}a.wasm\tfoo\t250\t2964767680\n\n# note\nb.wasm\tbar_2\t1\t0\n`, 'L.tsv', 'shared', '/d');
  assert.equal(ks.length, 2);
  assert.deepEqual(ks[0], {
    id: 'foo', suite: 'shared', module: 'a.wasm', modulePath: join('/d', 'a.wasm'), exportName: 'foo', n: 250,
    checksum: 2964767680,
  });
  assert.equal(ks[1]!.exportName, 'bar_2');
  assert.equal(ks[1]!.checksum, 0);
});

test('malformed lists fail with the file and line', () => {
  const bad = (text: string, msg: RegExp): void =>
    assert.throws(() => parseKernelList(text, 'L.tsv', 'programs', '/d'), (e: unknown) => e instanceof BenchError && msg.test(e.message));
  bad('mod\texport\tn\tchecksum\n', /^L\.tsv:1: expected the header/);
  bad(`${HEAD}a.wasm\tfoo\t1\n`, /^L\.tsv:2: expected 4 tab-separated columns, found 3/);
  bad(`${HEAD}a.wasm\tfoo\t0\t1\n`, /^L\.tsv:2: n '0'/);
  bad(`${HEAD}a.wasm\tfoo\t1e3\t1\n`, /^L\.tsv:2: n '1e3'/);
  bad(`${HEAD}a.wasm\tfoo\t4294967296\t1\n`, /n '4294967296'/);
  bad(`${HEAD}a.wasm\tfoo\t1\t4294967296\n`, /checksum '4294967296'/);
  bad(`${HEAD}a.wasm\tfoo\t1\t-1\n`, /checksum '-1'/);
  bad(`${HEAD}../x.wasm\tfoo\t1\t1\n`, /module '\.\.\/x\.wasm' is not a plain \.wasm file name/);
  bad(`${HEAD}.wasm\tfoo\t1\t1\n`, /module '\.wasm'/);
  bad(`${HEAD}a.wat\tfoo\t1\t1\n`, /module 'a\.wat'/);
  bad(`${HEAD}a.wasm\tfoo-bar\t1\t1\n`, /export 'foo-bar' is not a plain identifier/);
  bad(`${HEAD}a.wasm\tfoo\t1\t1\nb.wasm\tfoo\t2\t2\n`, /^L\.tsv:3: kernel 'foo' is listed twice/);
});

test('quickN: about 1/1000 of large counts, 1/8 of small ones, never 0', () => {
  assert.equal(quickN(200_000_000), 200_000);
  assert.equal(quickN(1001), 2);
  assert.equal(quickN(1000), 1);
  assert.equal(quickN(250), 31);
  assert.equal(quickN(41), 5);
  assert.equal(quickN(8), 1);
  assert.equal(quickN(2), 1);
  assert.equal(quickN(1), 1);
});

function checkModules(listPath: string, dir: string, suite: 'shared' | 'programs'): number {
  const ks = parseKernelList(readFileSync(listPath, 'utf8'), listPath, suite, dir);
  for (const k of ks) {
    const bytes = new Uint8Array(readFileSync(k.modulePath));
    assert.ok(V8Wasm.validate(bytes), `${k.module} is valid`);
    const inst = new V8Wasm.Instance(new V8Wasm.Module(bytes), {});
    assert.equal(typeof inst.exports[k.exportName], 'function', `${k.module} exports ${k.exportName}`);
  }
  return ks.length;
}

test('bench/programs/PROGRAMS.tsv lists valid modules without imports that export their kernels', () => {
  const p = benchPaths();
  assert.ok(checkModules(p.programsList, p.programsDir, 'programs') >= 4);
});

test('the shared BENCHMARKS.tsv parses: 17 kernels whose modules export them', (t) => {
  const p = benchPaths();
  if (!existsSync(p.sharedList)) {
    t.skip(`shared data absent: ${p.sharedList} (set K23_SHARED)`);
    return;
  }
  assert.equal(checkModules(p.sharedList, p.sharedWasm, 'shared'), 17);
});
