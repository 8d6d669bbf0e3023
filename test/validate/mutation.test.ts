/**
 * Hostile input: byte flips, insertions, deletions, truncations and splices of the spec suite's .wasm files, and
 * byte changes inside function bodies (which keep every size right, so they reach the validator). Decoding and
 * validating must end in a `CompileError` or success, quickly, and a module we accept must be one V8 accepts too.
 *
 * 3,000 cases by default; `K23_FUZZ_SECONDS=n` runs for n seconds instead, `K23_FUZZ_SEED` picks the sequence.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../src/binary/decoder.js';
import type { ModuleInfo } from '../../src/binary/module_info.js';
import { CompileError } from '../../src/core/compile_error.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { validateModule } from '../../src/validate/module_validator.js';
import { coreSpecFiles, specJson20 } from './shared_dir.js';

const dir = specJson20();

/** V8's own validator, as a reference (the project's TypeScript lib settings do not declare `WebAssembly`). */
const v8 = (globalThis as unknown as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

/** xorshift32 returning [0, 1). */
function rng(seed: number): () => number {
  let s = seed | 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

interface Corpus {
  readonly names: string[];
  readonly modules: Uint8Array[];
  /** The decoded original when it decodes (for body-targeted mutations). */
  readonly infos: (ModuleInfo | null)[];
}

function loadCorpus(root: string): Corpus {
  const names: string[] = [];
  const modules: Uint8Array[] = [];
  const infos: (ModuleInfo | null)[] = [];
  for (const file of coreSpecFiles(root)) {
    for (const w of readdirSync(join(root, file))) {
      if (!w.endsWith('.wasm')) continue;
      const bytes = new Uint8Array(readFileSync(join(root, file, w)));
      names.push(`${file}/${w}`);
      modules.push(bytes);
      let info: ModuleInfo | null = null;
      try {
        info = decodeModule(bytes, DEFAULT_FEATURES);
      } catch {
        // malformed originals are still mutated, just not body-targeted
      }
      infos.push(info);
    }
  }
  return { names, modules, infos };
}

const MUTATIONS = ['set byte', 'insert byte', 'delete byte', 'truncate', 'flip bit', 'splice', 'body byte'] as const;

/** Applies 1-3 mutations of one kind; returns the mutated bytes and a description. */
function mutate(orig: Uint8Array, info: ModuleInfo | null, rand: () => number): [Uint8Array, string] {
  const ri = (n: number): number => Math.floor(rand() * n);
  let kind = ri(MUTATIONS.length);
  const bodies = info?.codes.filter((c) => c.codeEnd > c.codeStart) ?? [];
  if (kind === 6 && bodies.length === 0) kind = 0;
  let b = Array.from(orig);
  const n = 1 + ri(3);
  for (let m = 0; m < n; m++) {
    const p = ri(b.length + 1);
    const last = Math.min(p, b.length - 1);
    switch (kind) {
      case 0:
        if (b.length > 0) b[last] = ri(256);
        break;
      case 1:
        b.splice(p, 0, ri(256));
        break;
      case 2:
        b.splice(p, 1);
        break;
      case 3:
        b = b.slice(0, p);
        m = n;
        break;
      case 4:
        if (b.length > 0) b[last]! ^= 1 << ri(8);
        break;
      case 5: {
        const from = ri(b.length + 1);
        b.splice(p, 0, ...b.slice(from, from + 1 + ri(16)));
        break;
      }
      default: {
        const body = bodies[ri(bodies.length)]!;
        b[body.codeStart + ri(body.codeEnd - body.codeStart)] = ri(256);
      }
    }
  }
  return [Uint8Array.from(b), `${MUTATIONS[kind]} x${n}`];
}

test('mutated modules: only CompileError escapes, no hang, nothing V8 rejects is accepted', { skip: dir === null ? 'wasm-spec-json/2.0 not found: set K23_SHARED' : false }, () => {
  const corpus = loadCorpus(dir!);
  assert.ok(corpus.modules.length > 1000, 'the spec suite provides a corpus');
  const seconds = Number(process.env['K23_FUZZ_SECONDS'] ?? 0);
  const seed = Number(process.env['K23_FUZZ_SEED'] ?? 0x6b3233);
  const rand = rng(seed);
  const deadline = performance.now() + seconds * 1000;
  const counts: Record<string, number> = {};
  const problems: string[] = [];
  let cases = 0;
  let slowest = 0;
  while (seconds > 0 ? performance.now() < deadline : cases < 3000) {
    const i = Math.floor(rand() * corpus.modules.length);
    const [bytes, how] = mutate(corpus.modules[i]!, corpus.infos[i]!, rand);
    const where = `case ${cases} (seed ${seed}): ${how} of ${corpus.names[i]}`;
    cases++;
    const t0 = performance.now();
    let outcome: string;
    try {
      validateModule(decodeModule(bytes, DEFAULT_FEATURES), DEFAULT_FEATURES);
      outcome = 'valid';
    } catch (e) {
      if (!(e instanceof CompileError)) {
        problems.push(`${where}: ${e instanceof Error ? e.stack : String(e)}`);
        continue;
      }
      outcome = e.kind;
      if (!(e.offset >= -1 && e.offset <= bytes.length)) problems.push(`${where}: offset ${e.offset} out of range`);
    }
    const dt = performance.now() - t0;
    slowest = Math.max(slowest, dt);
    // Generous: a shared, loaded machine can stall a process; a hang or a quadratic path takes far longer.
    if (dt > 5000) problems.push(`${where}: took ${dt.toFixed(0)} ms`);
    counts[outcome] = (counts[outcome] ?? 0) + 1;
    if (outcome === 'valid' && v8 !== undefined && !v8.validate(bytes)) problems.push(`${where}: accepted, V8 rejects it`);
  }
  console.log(`mutation: ${cases} cases, ${JSON.stringify(counts)}, slowest ${slowest.toFixed(1)} ms`);
  assert.deepEqual(problems, []);
});
