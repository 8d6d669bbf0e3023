/**
 * Fuzzing the text layer with mutated spec scripts: byte flips, token deletion and duplication, truncation,
 * splices and deep nesting. Only `TextError` may escape `parseWast` and `toBinary`, and nothing may hang. The
 * fuzzing runs in a worker thread so a hang is caught by a watchdog; it runs for a few seconds by default and
 * `K23_FUZZ_SECONDS` long when set (`K23_FUZZ_SEED` reproduces a run).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { TextError } from '../../src/text/text_error.js';
import { parseWast } from '../../src/text/wast_parser.js';
import { MISSING, specDir, wastFiles } from './spec_files.js';

interface FuzzJob {
  readonly seconds: number;
  readonly seed: number;
  readonly files: readonly string[];
  /** Scripts used when the spec suites are absent. */
  readonly fallback: readonly string[];
}

/** A small built-in corpus, so the fuzzer still runs without ../shared. */
const FALLBACK = [
  `(module $M
  (type $t (func (param i32) (result i32)))
  (import "spectest" "print_i32" (func $print (param i32)))
  (memory (export "mem") 1 2) (data (i32.const 0) "hello\\00\\ff")
  (table 2 funcref) (elem (i32.const 0) $f $g)
  (global $g (mut i64) (i64.const -1))
  (func $f (export "f") (type $t) (local i64 f32)
    (block $b (result i32) (br_if $b (local.get 0) (i32.eqz (local.get 0))) (i32.load offset=4 align=2 (i32.const 8))))
  (func $g (param i32) (result i32) (if (result i32) (local.get 0) (then (call_indirect (type $t) (i32.const 1) (i32.const 0))) (else (i32.const 0))))
  (func (param v128) (result v128) (i8x16.shuffle 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 (local.get 0) (v128.const f32x4 1.5 -0x1p3 inf nan:0x1)))
  (func (result f64) loop $l (result f64) f64.const 0x1.8p+1 end $l))
(assert_return (invoke "f" (i32.const 1)) (i32.const 0))
(assert_return (invoke "g" (i32.const 0)) (f64.const nan:canonical))
(assert_trap (invoke "f" (i32.const -1)) "out of bounds memory access")
(assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
(assert_invalid (module (func (result i32))) "type mismatch")
(module (rec (type $s (sub (struct (field (mut i32)) (field (ref null $s))))) (type (array i8)))
  (tag $e (param i32))
  (func (param (ref null $s)) (result i32) (struct.get $s 0 (local.get 0)))
  (func (block $h (result i32 exnref) (try_table (catch_ref $e $h) (throw $e (i32.const 1)))) (drop) (drop)))
(assert_return (invoke "x") (either (v128.const i32x4 1 2 3 4) (ref.null) (ref.extern 1)))
`,
];

type FuzzMessage =
  | { readonly type: 'case'; readonly n: number; readonly what: string }
  | { readonly type: 'failure'; readonly what: string; readonly error: string; readonly input: string }
  | { readonly type: 'done'; readonly cases: number; readonly textErrors: number };

/** xorshift32: a small deterministic generator, so a seed reproduces a run. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
}

const TOKEN_RE = /\(|\)|"(?:[^"\\\n]|\\.)*"|[^\s()"]+/g;
const INTERESTING = [0x28, 0x29, 0x22, 0x5c, 0x3b, 0x24, 0x40, 0x00, 0x0a, 0x80, 0xff, 0xc3, 0x30, 0x2d, 0x5f];
const NESTS = ['(', '(block ', '(i32.add ', '(func ', '(module ', '(@a ', '(;', '(either ', '(if (then ', '(v128.const i8x16 '];

/** Offsets of the lines that start a top-level command (a `(` in column 1). */
function commandStarts(src: Uint8Array): number[] {
  const out = [0];
  for (let i = 1; i < src.length; i++) if (src[i] === 0x28 && src[i - 1] === 0x0a) out.push(i);
  out.push(src.length);
  return out;
}

function mutate(src: Uint8Array, starts: readonly number[], other: Uint8Array, r: () => number): { bytes: Uint8Array; what: string } {
  const pick = (n: number): number => Math.floor(r() * n);
  // Work on a window of whole commands so each case is small and quick, and mostly well-formed before the edit.
  const first = pick(starts.length - 1);
  const last = Math.min(starts.length - 1, first + 1 + pick(12));
  const start = starts[first]!;
  let bytes = src.subarray(start, starts[last]!);
  const kind = pick(7);
  switch (kind) {
    case 0: {
      const out = Uint8Array.from(bytes);
      const flips = 1 + pick(8);
      for (let i = 0; i < flips && out.length > 0; i++) {
        out[pick(out.length)] = r() < 0.5 ? INTERESTING[pick(INTERESTING.length)]! : pick(256);
      }
      return { bytes: out, what: `byte flips at ${start}` };
    }
    case 1:
    case 2:
    case 3: {
      const text = Buffer.from(bytes).toString('latin1');
      const spans: Array<[number, number]> = [];
      for (const m of text.matchAll(TOKEN_RE)) spans.push([m.index, m.index + m[0].length]);
      if (spans.length === 0) return { bytes, what: 'empty window' };
      let out = text;
      const edits = 1 + pick(4);
      for (let e = 0; e < edits; e++) {
        const [a, b] = spans[pick(spans.length)]!;
        if (a > out.length) continue;
        if (kind === 1) out = out.slice(0, a) + out.slice(b);
        else if (kind === 2) out = out.slice(0, b) + ' ' + out.slice(a, b) + out.slice(b);
        else {
          const [c, d] = spans[pick(spans.length)]!;
          out = out.slice(0, a) + out.slice(c, d) + out.slice(b);
        }
      }
      return { bytes: Buffer.from(out, 'latin1'), what: `${['delete', 'duplicate', 'replace'][kind - 1]} tokens at ${start}` };
    }
    case 4:
      return { bytes: bytes.subarray(0, pick(bytes.length + 1)), what: `truncate at ${start}` };
    case 5: {
      const at = pick(bytes.length + 1);
      const o = pick(Math.max(1, other.length - 512));
      const piece = other.subarray(o, o + pick(512));
      const out = new Uint8Array(bytes.length + piece.length);
      out.set(bytes.subarray(0, at));
      out.set(piece, at);
      out.set(bytes.subarray(at), at + piece.length);
      bytes = out;
      return { bytes, what: `splice at ${start}+${at}` };
    }
    default: {
      const depth = 100 + pick(r() < 0.9 ? 3000 : 100000);
      const open = NESTS[pick(NESTS.length)]!;
      const at = pick(bytes.length + 1);
      const head = Buffer.from(bytes.subarray(0, at)).toString('latin1');
      const tail = Buffer.from(bytes.subarray(at)).toString('latin1');
      const close = r() < 0.5 ? ')'.repeat(depth) : '';
      return { bytes: Buffer.from(head + open.repeat(depth) + close + tail, 'latin1'), what: `nest ${JSON.stringify(open)} x${depth} at ${start}+${at}` };
    }
  }
}

/** The worker: mutate and parse until the time is up, reporting each case before running it. */
function runWorker(job: FuzzJob): void {
  const port = parentPort!;
  const sources = job.files.length > 0 ? job.files.map((f) => readFileSync(f)) : job.fallback.map((t) => Buffer.from(t));
  const starts = sources.map(commandStarts);
  const r = rng(job.seed);
  const deadline = Date.now() + job.seconds * 1000;
  let n = 0;
  let textErrors = 0;
  while (Date.now() < deadline) {
    const which = Math.floor(r() * sources.length);
    const other = sources[Math.floor(r() * sources.length)]!;
    const { bytes, what } = mutate(sources[which]!, starts[which]!, other, r);
    port.postMessage({ type: 'case', n, what } satisfies FuzzMessage);
    n++;
    try {
      const script = parseWast(bytes, 'fuzz.wast');
      for (const c of script.commands) {
        if (!('module' in c) || typeof c.module !== 'object' || c.module === null) continue;
        try {
          c.module.toBinary();
        } catch (e) {
          if (!(e instanceof TextError)) throw e;
          textErrors++;
        }
      }
    } catch (e) {
      if (e instanceof TextError) {
        textErrors++;
        continue;
      }
      const input = Buffer.from(bytes.subarray(0, 2000)).toString('latin1');
      port.postMessage({ type: 'failure', what, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e), input } satisfies FuzzMessage);
      return;
    }
  }
  port.postMessage({ type: 'done', cases: n, textErrors } satisfies FuzzMessage);
}

if (!isMainThread && parentPort !== null && (workerData as { fuzz?: FuzzJob } | null)?.fuzz !== undefined) {
  runWorker((workerData as { fuzz: FuzzJob }).fuzz);
} else if (isMainThread) {
  const d20 = specDir('2.0');
  const d30 = specDir('3.0');
  const files = [
    ...(d20 === null ? [] : wastFiles(d20).map((f) => join(d20, f))),
    ...(d30 === null ? [] : wastFiles(d30).map((f) => join(d30, f))),
  ];
  const seconds = Number(process.env['K23_FUZZ_SECONDS'] ?? '3');
  const seed = Number(process.env['K23_FUZZ_SEED'] ?? Date.now() % 2 ** 31);
  /** A single case may take this long before it counts as a hang (deep nesting cases take a few hundred ms). */
  const HANG_MS = 15000;

  test(`fuzz: mutated spec scripts only ever raise TextError (seed ${seed}, ${seconds}s)`, { timeout: (seconds + 60) * 1000 }, async (t) => {
    if (files.length === 0) t.diagnostic(`${MISSING}; fuzzing a built-in corpus`);
    const worker = new Worker(new URL(import.meta.url), { workerData: { fuzz: { seconds, seed, files, fallback: FALLBACK } satisfies FuzzJob } });
    let last = 'no case started';
    const result = await new Promise<FuzzMessage>((resolve, reject) => {
      let timer = setTimeout(onHang, HANG_MS);
      function onHang(): void {
        void worker.terminate();
        resolve({ type: 'failure', what: last, error: `hang: no progress for ${HANG_MS} ms`, input: '' });
      }
      worker.on('message', (m: FuzzMessage) => {
        clearTimeout(timer);
        if (m.type === 'case') {
          last = `case ${m.n}: ${m.what}`;
          timer = setTimeout(onHang, HANG_MS);
          return;
        }
        void worker.terminate();
        resolve(m);
      });
      worker.on('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    if (result.type === 'done') t.diagnostic(`${result.cases} cases, ${result.textErrors} TextErrors`);
    assert.equal(result.type, 'done', result.type === 'failure' ? `${result.what}: ${result.error} (seed ${seed})\n${result.input}` : '');
  });
}
