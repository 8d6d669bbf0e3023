/**
 * Development tool: compares k23's encoding of every module of `.wast` scripts with wabt's `wast2json`.
 *
 *   node <build>/test/text/wabt_diff.js [--v2] [--wabt-flag ...] file.wast...
 *
 * `--v2` parses with the 2.0 grammar (wabt 1.0.32's 2.0 element segment forms); other `--` options go to
 * wast2json (e.g. `--enable-all`). Prints one line per differing module and a summary. Not a test: it needs wabt.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { JsonScript } from '../../src/text/wast_json.js';
import { parseWast } from '../../src/text/wast_parser.js';

function main(args: string[]): number {
  const v2 = args.includes('--v2');
  const wabtFlags = args.filter((a) => a.startsWith('--') && a !== '--v2');
  const files = args.filter((a) => !a.startsWith('--'));
  let same = 0;
  let differ = 0;
  for (const file of files) {
    const dir = mkdtempSync(join(tmpdir(), 'k23-wabt-diff-'));
    try {
      const name = basename(file, '.wast');
      try {
        execFileSync('wast2json', [...wabtFlags, '--no-check', file, '-o', join(dir, `${name}.json`)], { stdio: 'pipe' });
      } catch (e) {
        console.log(`${file}: wast2json failed: ${String((e as { stderr?: Buffer }).stderr ?? e).split('\n')[0]}`);
        continue;
      }
      const json = JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as JsonScript;
      const theirs = json.commands.filter((c) => c.filename !== undefined);
      const mine = parseWast(readFileSync(file), file, { wasmVersion: v2 ? 2 : 3 }).commands.flatMap((c) =>
        'module' in c && typeof c.module === 'object' && c.module !== null ? [c.module] : [],
      );
      if (mine.length !== theirs.length) {
        console.log(`${file}: ${mine.length} modules, wast2json has ${theirs.length}`);
        continue;
      }
      theirs.forEach((j, i) => {
        if (!j.filename!.endsWith('.wasm')) return;
        const want = readFileSync(join(dir, j.filename!));
        let got: Uint8Array | string;
        try {
          got = mine[i]!.toBinary();
        } catch (e) {
          got = String(e);
        }
        if (typeof got !== 'string' && Buffer.compare(Buffer.from(got), want) === 0) same++;
        else {
          differ++;
          console.log(`${file}:${j.line}: ${j.filename} ${typeof got === 'string' ? got : 'bytes differ'}`);
        }
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  console.log(`${same} modules identical, ${differ} different`);
  return differ === 0 ? 0 : 1;
}

// The test runner loads every file under test/; only run when invoked directly.
if (process.env['NODE_TEST_CONTEXT'] === undefined && process.argv[1] !== undefined && basename(process.argv[1]).startsWith('wabt_diff')) {
  process.exitCode = main(process.argv.slice(2));
}
