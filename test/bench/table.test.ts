import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatMs, formatRatio, renderTable } from '../../scripts/bench/table.js';

test('number formats', () => {
  assert.equal(formatMs(null), '-');
  assert.equal(formatMs(Number.NaN), '-');
  assert.equal(formatMs(0.1234), '0.12');
  assert.equal(formatMs(12.345), '12.3');
  assert.equal(formatMs(476.5), '477');
  assert.equal(formatRatio(1.254), '1.25');
  assert.equal(formatRatio(undefined), '-');
});

test('renderTable aligns the first column left and the rest right', () => {
  const t = renderTable(['kernel', 'ms'], [['crc32', '477'], ['fib', '5.25']]);
  assert.equal(t, ['kernel    ms', '------  ----', 'crc32    477', 'fib     5.25'].join('\n'));
});
