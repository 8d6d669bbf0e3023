/**
 * Differential fuzzing of the compiler against V8's own WebAssembly: binaryen's `wasm-opt --translate-to-fuzz`
 * turns random bytes into a valid module; every export is called under both engines and the observable behaviour
 * (results, traps, calls to the logging imports, memory hash) must agree. NaN payloads from arithmetic are allowed
 * to differ (the spec leaves them nondeterministic), so NaNs compare as "nan".
 *
 * Usage: node dist/scripts/fuzz_differential.js [--seeds N] [--seconds S] [--start K] [--keep dir] [--metering] [--outline]
 *   [--interpret | --tiered]
 * `--interpret` runs k23's side in the interpreter (engine strategy 'interpret'); `--tiered` starts each module
 * interpreted and moves it to compiled code after a few entries and loop iterations (strategy 'tiered'). With
 * `--metering`, either also runs the compiled strategy and requires the fuel left after every call to be the same.
 * Needs `wasm-opt` (Debian package binaryen); exits 0 with a notice when it is missing.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Engine, Func, FuncType, Linker, Module, Store, Trap, TrapKind, Val, ValType, type Extern } from '../src/index.js';
import { V8Wasm, type V8WasmInstance } from './bench/v8_wasm.js';

// binaryen 108's reference-types output uses typed function references (Wasm 3.0), which Node 20's V8 rejects.
const FEATURES = ['--enable-bulk-memory', '--enable-sign-ext', '--enable-nontrapping-float-to-int', '--enable-multivalue'];

/** Deterministic PRNG (xorshift32) so a failing seed reproduces. */
function randomBytes(seed: number, n: number): Uint8Array {
  let x = seed * 2654435761 || 1;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

const f64b = new Float64Array(1);
const u64b = new BigUint64Array(f64b.buffer);
const f32b = new Float32Array(1);
const u32b = new Uint32Array(f32b.buffer);

function showF64(x: number): string {
  if (x !== x) return 'nan';
  f64b[0] = x;
  return `f64:${u64b[0]!.toString(16)}`;
}

function showF32(x: number): string {
  if (x !== x) return 'nan';
  f32b[0] = x;
  return `f32:${u32b[0]!.toString(16)}`;
}

function show(t: string, v: unknown): string {
  switch (t) {
    case 'i32':
      return `i32:${(v as number) | 0}`;
    case 'i64':
      return `i64:${BigInt.asIntN(64, v as bigint)}`;
    case 'f32':
      return showF32(v as number);
    case 'f64':
      return showF64(v as number);
    default:
      return v === null ? `${t}:null` : `${t}:ref`;
  }
}

/** V8's trap messages mapped to the spec's. */
function v8TrapKind(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /call stack/.test(m)) return 'call stack exhausted';
  const table: [RegExp, string][] = [
    [/unreachable/, 'unreachable'],
    [/memory access out of bounds|data segment|out of bounds memory/, 'out of bounds memory access'],
    [/divide by zero|remainder by zero/, 'integer divide by zero'],
    [/divide result unrepresentable/, 'integer overflow'],
    // V8 does not tell NaN ("invalid conversion") from out-of-range ("integer overflow") conversions.
    [/float unrepresentable/, 'float-to-int'],
    [/table index is out of bounds|element segment out of bounds|table access/, 'out of bounds table access'],
    [/null function|signature mismatch|function signature/, 'indirect call'],
  ];
  for (const [re, k] of table) if (re.test(m)) return k;
  return `other: ${m}`;
}

function k23TrapKind(e: unknown): string {
  if (!(e instanceof Trap)) return `other: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  switch (e.kind) {
    case TrapKind.indirectCallTypeMismatch:
    case TrapKind.uninitializedElement:
      return 'indirect call';
    case TrapKind.undefinedElement:
      return 'out of bounds table access';
    case TrapKind.invalidConversionToInteger:
      return 'float-to-int';
    default:
      return e.message;
  }
}

interface Outcome {
  log: string[];
}

const typeName = (t: number): string => ({ 0x7f: 'i32', 0x7e: 'i64', 0x7d: 'f32', 0x7c: 'f64', 0x70: 'funcref', 0x6f: 'externref' })[t] ?? 'unknown';

function runV8(bytes: Uint8Array, calls: { name: string; params: string[]; results: string[] }[]): Outcome {
  const log: string[] = [];
  const imports = {
    'fuzzing-support': {
      'log-i32': (x: number) => log.push(`log ${show('i32', x)}`),
      'log-i64': (x: bigint) => log.push(`log ${show('i64', x)}`),
      'log-f32': (x: number) => log.push(`log ${show('f32', x)}`),
      'log-f64': (x: number) => log.push(`log ${show('f64', x)}`),
    },
  };
  let instance: V8WasmInstance;
  try {
    instance = new V8Wasm.Instance(new V8Wasm.Module(bytes), imports);
  } catch (e) {
    log.push(`instantiate: ${v8TrapKind(e)}`);
    return { log };
  }
  const ex = instance.exports as Record<string, (...args: unknown[]) => unknown>;
  for (const c of calls) {
    ex['hangLimitInitializer']?.();
    const args = c.params.map((p) => (p === 'i64' ? 0n : p === 'funcref' || p === 'externref' ? null : 0));
    try {
      const r = ex[c.name]!(...args);
      const rs = c.results.length === 1 ? [r] : c.results.length === 0 ? [] : (r as unknown[]);
      log.push(`${c.name} -> ${c.results.map((t, i) => show(t, rs[i])).join(' ')}`);
    } catch (e) {
      log.push(`${c.name} trap ${v8TrapKind(e)}`);
    }
  }
  return { log };
}

/** Compile k23's side with fuel metering and epoch checks (unlimited fuel, no deadline): results must not change. */
let metering = false;
/** Split every function into closures (the large-function path). */
let outline = false;
/** Run k23's side in the interpreter. */
let interpret = false;
/** Run k23's side tiered: interpreted first, compiled soon. */
let tiered = false;

/** k23's outcome, and the store's fuel after each call (with `metering`). */
function runK23(bytes: Uint8Array, calls: { name: string; params: string[]; results: string[] }[], strategy: 'compile' | 'interpret' | 'tiered'): Outcome & { fuel: string[] } {
  const log: string[] = [];
  const fuel: string[] = [];
  const engine = new Engine({
    consumeFuel: metering,
    epochInterruption: metering,
    strategy,
    // Tiered: every module starts interpreted; most move during their first export's calls.
    ...(strategy === 'tiered' ? { tierUpCodeBytes: 0, tierUpAfter: 20 } : {}),
    ...(outline ? { outlineFunctionsAbove: 0, outlineMinRun: 1 } : {}),
  });
  const store = new Store(engine, null);
  if (metering) store.setFuel(Number.MAX_SAFE_INTEGER);
  const linker = new Linker(engine);
  const { i32, i64, f32, f64 } = ValType;
  linker.funcWrap('fuzzing-support', 'log-i32', new FuncType([i32], []), (_c, x: number) => void log.push(`log ${show('i32', x)}`));
  linker.funcWrap('fuzzing-support', 'log-i64', new FuncType([i64], []), (_c, x: bigint) => void log.push(`log ${show('i64', x)}`));
  linker.funcWrap('fuzzing-support', 'log-f32', new FuncType([f32], []), (_c, x: number) => void log.push(`log ${show('f32', x)}`));
  linker.funcWrap('fuzzing-support', 'log-f64', new FuncType([f64], []), (_c, x: number) => void log.push(`log ${show('f64', x)}`));
  let exports: Map<string, Extern>;
  try {
    const instance = linker.instantiate(store, Module.fromBytes(engine, bytes));
    exports = new Map(instance.exports(store));
  } catch (e) {
    log.push(`instantiate: ${k23TrapKind(e)}`);
    return { log, fuel };
  }
  for (const c of calls) {
    const hang = exports.get('hangLimitInitializer');
    if (hang instanceof Func) hang.call(store, []);
    const f = exports.get(c.name) as Func;
    const t = f.type(store);
    const args = t.params.map((p) => (p === i64 ? Val.i64(0n) : p === i32 ? Val.i32(0) : p === f32 ? Val.f32(0) : p === f64 ? Val.f64(0) : p === ValType.funcref ? Val.funcref(null) : Val.externref(null)));
    try {
      const rs = f.call(store, args);
      log.push(`${c.name} -> ${rs.map((r) => show(typeName(r.type), r.type === ValType.funcref || r.type === ValType.externref ? r.value : r.value)).join(' ')}`);
    } catch (e) {
      log.push(`${c.name} trap ${k23TrapKind(e)}`);
    }
    if (metering) fuel.push(`${c.name} fuel ${store.getFuel()}`);
  }
  return { log, fuel };
}

function exportedCalls(mod: Module): { name: string; params: string[]; results: string[] }[] {
  return mod
    .exports()
    .filter((e) => e.type.kind === 0 && e.name !== 'hangLimitInitializer')
    .map((e) => {
      const ft = e.type.type as FuncType;
      return { name: e.name, params: ft.params.map(typeName), results: ft.results.map(typeName) };
    });
}

function main(argv: string[]): number {
  const opt = (name: string, dflt: number): number => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? Number(argv[i + 1]) : dflt;
  };
  metering = argv.includes('--metering');
  outline = argv.includes('--outline');
  interpret = argv.includes('--interpret');
  tiered = argv.includes('--tiered');
  const keepIdx = argv.indexOf('--keep');
  const keep = keepIdx >= 0 ? argv[keepIdx + 1]! : null;
  if (spawnSync('wasm-opt', ['--version']).status !== 0) {
    console.log('fuzz-differential: wasm-opt (Debian package binaryen) not found; skipped');
    return 0;
  }
  const seeds = opt('seeds', 200);
  const seconds = opt('seconds', 1e9);
  const start = opt('start', 1);
  const dir = mkdtempSync(join(tmpdir(), 'k23-fuzz-'));
  const began = performance.now();
  let ran = 0;
  let mismatches = 0;
  let skipped = 0;
  for (let seed = start; seed < start + seeds && (performance.now() - began) / 1000 < seconds; seed++) {
    const input = join(dir, 'in.dat');
    const out = join(dir, 'out.wasm');
    writeFileSync(input, randomBytes(seed, 2000 + (seed % 7) * 1000));
    try {
      execFileSync('wasm-opt', [input, '-ttf', '-o', out, ...FEATURES], { stdio: 'pipe' });
    } catch {
      skipped++;
      continue;
    }
    const bytes = new Uint8Array(readFileSync(out));
    try {
      new V8Wasm.Module(bytes);
    } catch {
      skipped++; // not a module V8 accepts (binaryen may emit post-2.0 features)
      continue;
    }
    let calls;
    try {
      calls = exportedCalls(Module.fromBytes(new Engine(), bytes));
    } catch (e) {
      mismatches++;
      console.log(`seed ${seed}: k23 rejected a module V8 accepts: ${(e as Error).message}`);
      if (keep) saveCase(keep, seed, out);
      continue;
    }
    const a = runV8(bytes, calls).log;
    const k = runK23(bytes, calls, interpret ? 'interpret' : tiered ? 'tiered' : 'compile');
    const b = k.log;
    ran++;
    if ((interpret || tiered) && metering) {
      // Fuel totals must not depend on the strategy.
      const c = runK23(bytes, calls, 'compile').fuel;
      const i = c.findIndex((x, j) => x !== k.fuel[j]);
      if (i >= 0 || c.length !== k.fuel.length) {
        mismatches++;
        console.log(`seed ${seed}: fuel differs at call ${i}\n  compiled:    ${c[i] ?? '(none)'}\n  ${tiered ? 'tiered:     ' : 'interpreted:'} ${k.fuel[i] ?? '(none)'}`);
        if (keep) saveCase(keep, seed, out);
        continue;
      }
    }
    const n = Math.max(a.length, b.length);
    for (let i = 0; i < n; i++) {
      if (a[i] !== b[i] && !(a[i]?.endsWith('trap float-to-int') && b[i] === a[i].replace('float-to-int', 'integer overflow'))) {
        mismatches++;
        console.log(`seed ${seed}: entry ${i} differs\n  V8:  ${a[i] ?? '(none)'}\n  k23: ${b[i] ?? '(none)'}`);
        if (keep) saveCase(keep, seed, out);
        break;
      }
    }
  }
  rmSync(dir, { recursive: true, force: true });
  console.log(`fuzz-differential${interpret ? ' (interpreter)' : tiered ? ' (tiered)' : ''}: ${ran} modules compared, ${mismatches} mismatches, ${skipped} not generated (${((performance.now() - began) / 1000).toFixed(1)}s)`);
  return mismatches > 0 ? 1 : 0;
}

function saveCase(dir: string, seed: number, wasm: string): void {
  mkdirSync(dir, { recursive: true });
  copyFileSync(wasm, join(dir, `seed-${seed}.wasm`));
}

process.exitCode = main(process.argv.slice(2));
