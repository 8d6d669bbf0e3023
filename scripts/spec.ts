/**
 * `npm run spec -- [--json | --text] [dir] [--all] [--fuel] [--epoch] [--outline] [--interpret] [--tiered [n]] [--expect file] [--verbose]`
 *
 * Runs the WebAssembly spec testsuite and gates on it. `--json` (default) runs wast2json output (default
 * `../shared/wasm-spec-json/2.0`; text-form modules are skipped); `--text` runs `.wast` sources (default
 * `../shared/wasm-spec/2.0`). For 2.0 only the core (non-SIMD) files run unless `--all`. A suite of another spec
 * version (3.0) runs with rejections by this engine counted as unsupported features (skipped). `--outline` splits
 * every function into closures (the path of large functions). `--interpret` runs every module in the interpreter
 * (engine strategy 'interpret') instead of compiled code. `--tiered` starts every module in the interpreter and moves
 * each instance to compiled code after `n` function entries and loop iterations (default 2), so that most scripts
 * run across the move, with interpreted frames calling compiled code. `--fuel` and
 * `--epoch` compile with fuel metering / epoch checks (with unlimited fuel and no deadline): results must not change.
 *
 * Exits 1 when a file does not parse, on any failure not in the expected-failures list
 * (`test/spec/expected-failures-<json|text>-<version>.tsv`), or when a listed entry passes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { ExpectedFailures } from '../src/wast/expected_failures.js';
import { runSuite } from '../src/wast/suite_run.js';
import { repoRoot as findRepoRoot, sharedDir } from './shared_data.js';

const repoRoot = findRepoRoot();
const shared = sharedDir(repoRoot);

function main(argv: string[]): number {
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  const valueOf = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const expectOpt = valueOf('expect');
  const tieredAfter = flags.has('--tiered') && /^\d+$/.test(valueOf('tiered') ?? '') ? Number(valueOf('tiered')) : 2;
  const positional = argv.filter((a, i) => !a.startsWith('--') && argv[i - 1] !== '--expect' && !(argv[i - 1] === '--tiered' && /^\d+$/.test(a)));
  const mode = flags.has('--text') ? 'text' : 'json';
  const dir = resolve(positional[0] ?? join(shared, mode === 'text' ? 'wasm-spec' : 'wasm-spec-json', '2.0'));
  if (!existsSync(dir)) {
    console.error(`spec: ${dir} not found. The spec testsuite lives in ../shared beside the repository (set K23_SHARED to its path).`);
    return 2;
  }
  const version = basename(dir) === '3.0' ? '3.0' : '2.0';
  const files = listScripts(dir, mode, version, flags.has('--all'));
  const expectPath = expectOpt ?? join(repoRoot, 'test', 'spec', `expected-failures-${mode}-${version}.tsv`);
  const expected = ExpectedFailures.load(expectPath);
  console.log(`spec: ${files.length} ${mode} scripts from ${dir}`);
  const started = performance.now();
  const r = runSuite(files, {
    runner: {
      textModules: mode === 'text',
      rejectionIsUnsupported: version !== '2.0',
      engine: {
        consumeFuel: flags.has('--fuel'),
        epochInterruption: flags.has('--epoch'),
        // Every function split into closures, every run outlined: the large-function path on the whole suite.
        ...(flags.has('--outline') ? { outlineFunctionsAbove: 0, outlineMinRun: 1 } : {}),
        // The interpreter instead of compiled code: the same gates must hold.
        ...(flags.has('--interpret') ? { strategy: 'interpret' as const } : {}),
        // Every module starts interpreted and moves to compiled code early.
        ...(flags.has('--tiered') ? { strategy: 'tiered' as const, tierUpCodeBytes: 0, tierUpAfter: tieredAfter } : {}),
      },
    },
    text: { wasmVersion: version === '2.0' ? 2 : 3 },
    expected,
    verbose: flags.has('--verbose'),
    progress: process.stdout,
  });
  console.log(`(${files.length} files, ${((performance.now() - started) / 1000).toFixed(1)}s)`);
  let status = 0;
  if (r.unparsed.length > 0) {
    console.log(`\n${r.unparsed.length} files did not parse:\n  ${r.unparsed.join('\n  ')}`);
    status = 1;
  }
  if (r.regressions.length > 0) {
    console.log(`\n${r.regressions.length} failures not in ${basename(expectPath)}:`);
    for (const line of r.regressions.slice(0, 100)) console.log(`  ${line}`);
    status = 1;
  }
  if (r.fixed.length > 0) {
    console.log(`\n${r.fixed.length} entries of ${basename(expectPath)} now pass; remove them:\n  ${r.fixed.join('\n  ')}`);
    status = 1;
  }
  return status;
}

/** The scripts of a suite folder: JSON (one folder per script) or top-level `.wast` files. */
function listScripts(dir: string, mode: 'json' | 'text', version: string, all: boolean): string[] {
  if (mode === 'json') {
    const manifest = join(dir, 'MANIFEST.tsv');
    let names: string[];
    if (!all && existsSync(manifest)) {
      names = readFileSync(manifest, 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.split('\t'))
        .filter((cols) => cols[2] === 'core')
        .map((cols) => cols[0]!);
    } else {
      names = readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, `${d.name}.json`)))
        .map((d) => d.name);
    }
    return names.sort().map((n) => join(dir, n, `${n}.json`));
  }
  return readdirSync(dir)
    .filter((f) => f.endsWith('.wast') && (all || version !== '2.0' || !f.startsWith('simd_')))
    .sort()
    .map((f) => join(dir, f));
}

process.exitCode = main(process.argv.slice(2));
