/**
 * The wasm2js column: binaryen's `wasm2js -O` output of each module, generated into a temporary folder at run
 * time (never committed) and loaded as an ES module. Each load imports its own copy of the file (a unique
 * trailing comment), so every kernel starts from fresh, unoptimized closures as a first call should.
 */

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KernelInstance, KernelRunner, Unavailable } from './engine_runner.js';
import type { KernelSpec } from './kernel_list.js';

/** A load that failed because wasm2js could not translate the module: shown as unavailable, not as an error. */
export class Wasm2jsUnavailable extends Error {
  override readonly name = 'Wasm2jsUnavailable';
}

/** The prepared column, with `dispose` to remove its temporary folder. */
export interface Wasm2jsColumn {
  readonly available: true;
  readonly runner: KernelRunner;
  /** `wasm2js --version` output. */
  readonly version: string;
  dispose(): void;
}

function errorText(e: unknown): string {
  const err = e as { stderr?: unknown; message?: unknown };
  const stderr = typeof err.stderr === 'string' || err.stderr instanceof Buffer ? String(err.stderr).trim() : '';
  return stderr !== '' ? stderr.split('\n')[0]! : String(err.message ?? e);
}

/**
 * Translates every module in `modulePaths` with `wasm2js -O`. Gives `Unavailable` when wasm2js is not on PATH;
 * a module it cannot translate makes only that module's kernels unavailable.
 */
export function prepareWasm2js(modulePaths: readonly string[]): Wasm2jsColumn | Unavailable {
  let version: string;
  try {
    version = execFileSync('wasm2js', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    return { available: false, reason: `wasm2js not runnable (${errorText(e)})` };
  }
  const dir = mkdtempSync(join(tmpdir(), 'k23-bench-wasm2js-'));
  const sources = new Map<string, string | Wasm2jsUnavailable>();
  for (const path of new Set(modulePaths)) {
    const out = join(dir, `${basename(path, '.wasm')}.mjs`);
    try {
      execFileSync('wasm2js', ['-O', path, '-o', out], { stdio: ['ignore', 'pipe', 'pipe'] });
      sources.set(path, readFileSync(out, 'utf8'));
    } catch (e) {
      sources.set(path, new Wasm2jsUnavailable(`wasm2js -O failed on ${basename(path)}: ${errorText(e)}`));
    }
  }
  let copies = 0;
  const runner: KernelRunner = {
    name: 'wasm2js',
    async load(_bytes: Uint8Array, kernel: KernelSpec, tag: string): Promise<KernelInstance> {
      const source = sources.get(kernel.modulePath);
      if (source === undefined) throw new Wasm2jsUnavailable(`${kernel.module} was not translated`);
      if (source instanceof Wasm2jsUnavailable) throw source;
      const file = join(dir, `${kernel.exportName}-${++copies}.mjs`);
      writeFileSync(file, `${source}\n// ${tag.replace(/[\r\n]/g, ' ')}\n`);
      const ns = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      const fn = ns[kernel.exportName];
      if (typeof fn !== 'function') throw new Error(`wasm2js output of ${kernel.module} has no '${kernel.exportName}'`);
      const f = fn as (n: number) => number;
      return { prepare(): void {}, call: (n: number): number => f(n) >>> 0 };
    },
  };
  return {
    available: true, runner, version,
    dispose(): void {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
