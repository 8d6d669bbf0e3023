/**
 * Conformance of the decoder and validator with the WebAssembly 2.0 spec suite (wast2json form, core files):
 * every module decodes and validates, every binary `assert_malformed` is a malformed `CompileError` and every
 * `assert_invalid` an invalid one, each with the spec's message. Text-form malformed modules need the text parser
 * and are counted as skipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModule } from '../../src/binary/decoder.js';
import { CompileError } from '../../src/core/compile_error.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { validateModule } from '../../src/validate/module_validator.js';
import { coreSpecFiles, specJson20 } from './shared_dir.js';

interface Command {
  readonly type: string;
  readonly line: number;
  readonly filename?: string;
  readonly text?: string;
  readonly module_type?: string;
}

const dir = specJson20();

/**
 * Commands whose .wasm cannot carry the expected message because wast2json changed the module: only the kind of
 * error is checked for these. Key: `<file>.wast:<line>`.
 */
const WAST2JSON_ARTIFACTS: ReadonlyMap<string, string> = new Map([
  // `(select (result) ...)` is encoded as the untyped `select` (0x1b), so the binary has no result list whose arity
  // could be wrong; it is still invalid (select with nothing to select).
  ['select.wast:324', 'typed select with no result type encoded as untyped select'],
]);

function load(file: string, wasm: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir!, file, wasm)));
}

/** Decodes and validates; returns the CompileError, or null when the module is valid. Other errors propagate. */
function check(bytes: Uint8Array): CompileError | null {
  try {
    validateModule(decodeModule(bytes, DEFAULT_FEATURES), DEFAULT_FEATURES);
    return null;
  } catch (e) {
    if (e instanceof CompileError) return e;
    throw e;
  }
}

test('spec suite 2.0 core: decode and validate', { skip: dir === null ? 'wasm-spec-json/2.0 not found: set K23_SHARED' : false }, () => {
  const counts = { valid: 0, malformed: 0, invalid: 0, otherModules: 0, skippedText: 0 };
  const failures: string[] = [];
  const files = coreSpecFiles(dir!);
  assert.equal(files.length, 90, 'MANIFEST.tsv lists 90 core files');
  for (const file of files) {
    const script = JSON.parse(readFileSync(join(dir!, file, `${file}.json`), 'utf8')) as { commands: Command[] };
    for (const cmd of script.commands) {
      if (cmd.filename === undefined) continue;
      const where = `${file}.wast:${cmd.line} (${cmd.filename})`;
      if (cmd.type === 'assert_malformed' || cmd.type === 'assert_invalid') {
        if (cmd.module_type !== 'binary') {
          counts.skippedText++;
          continue;
        }
        const kind = cmd.type === 'assert_malformed' ? 'malformed' : 'invalid';
        counts[kind]++;
        const e = check(load(file, cmd.filename));
        const textChecked = !WAST2JSON_ARTIFACTS.has(`${file}.wast:${cmd.line}`);
        if (e === null) failures.push(`${where}: accepted, expected ${kind} "${cmd.text}"`);
        else if (e.kind !== kind || (textChecked && !e.message.includes(cmd.text!))) {
          failures.push(`${where}: got ${e.kind} "${e.message}", expected ${kind} "${cmd.text}"`);
        }
        continue;
      }
      // module, assert_unlinkable, assert_uninstantiable, ...: the module itself is valid.
      if (cmd.type === 'module') counts.valid++;
      else counts.otherModules++;
      const e = check(load(file, cmd.filename));
      if (e !== null) failures.push(`${where}: ${cmd.type} rejected: ${e.kind} "${e.message}"`);
    }
  }
  console.log(
    `spec 2.0 core: ${counts.valid} modules, ${counts.otherModules} other valid modules, ` +
      `${counts.malformed} binary malformed, ${counts.invalid} invalid, ${counts.skippedText} text-form skipped; ` +
      `${failures.length} failures`,
  );
  assert.deepEqual(failures, []);
});
