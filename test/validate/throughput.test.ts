/**
 * Decode + validate throughput on a generated module of many functions (about 2 MB of code; `K23_BENCH_MB` sets
 * the size). Prints MB/s for the first (cold) run and the best of several. The assertion is a floor far below the
 * target (50 MB/s) so a noisy machine does not fail it, while an accidental per-instruction allocation or a
 * quadratic path would.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decoder.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { validateModule } from '../../src/validate/module_validator.js';
import { largeModule } from './large_module.js';

const BODY_BYTES = 3000;

test('decode + validate throughput on a large module', () => {
  const mb = Number(process.env['K23_BENCH_MB'] ?? 2);
  const bytes = largeModule(Math.max(1, Math.round((mb * 1e6) / BODY_BYTES)), BODY_BYTES);
  const v8 = (globalThis as unknown as { WebAssembly?: { validate(b: Uint8Array): boolean } }).WebAssembly;
  if (v8 !== undefined) assert.ok(v8.validate(bytes), 'the generated module is valid for V8');
  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    const info = decodeModule(bytes, DEFAULT_FEATURES);
    validateModule(info, DEFAULT_FEATURES);
    times.push(performance.now() - t0);
  }
  const rate = (ms: number): number => bytes.length / 1e6 / (ms / 1000);
  const best = Math.min(...times);
  console.log(
    `throughput: ${(bytes.length / 1e6).toFixed(1)} MB module, first run ${times[0]!.toFixed(1)} ms ` +
      `(${rate(times[0]!).toFixed(0)} MB/s), best ${best.toFixed(1)} ms (${rate(best).toFixed(0)} MB/s)`,
  );
  assert.ok(rate(best) > 10, `decode + validate at ${rate(best).toFixed(1)} MB/s`);
});
