import { loadJsonScript } from '../wast/json_script.js';
import { ScriptRunner } from '../wast/script_runner.js';
import { UsageError, type Command } from './command.js';

/** `k23 spec-json`: run spec scripts in wast2json form. */
export const specJsonCommand: Command = {
  name: 'spec-json',
  summary: 'run spec test scripts in wast2json (JSON + .wasm) form',
  help: `Usage: k23 spec-json [--verbose] <script.json>...

Runs each script's commands against the engine with the spectest module and prints
per-file counts, then "N passed, N failed, N skipped". Exit status 1 when any
assertion failed.

Options:
  --verbose   print every failure
  --help      show this help`,
  run(args: string[]): number {
    const verbose = args.includes('--verbose');
    const files = args.filter((a) => a !== '--verbose');
    for (const f of files) if (f.startsWith('--')) throw new UsageError(`unknown option ${f}`);
    if (files.length === 0) throw new UsageError('missing script path');
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const file of files) {
      const r = new ScriptRunner().run(loadJsonScript(file));
      passed += r.passed;
      failed += r.failed;
      skipped += r.skipped;
      console.log(`${file}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped`);
      const shown = verbose ? r.failures : r.failures.slice(0, 10);
      for (const f of shown) console.log(`  line ${f.line}: ${f.command}: ${f.message}`);
      if (shown.length < r.failures.length) console.log(`  ... ${r.failures.length - shown.length} more (--verbose)`);
    }
    console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
    return failed > 0 ? 1 : 0;
  },
};
