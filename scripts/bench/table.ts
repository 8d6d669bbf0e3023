/** Plain-text rendering of the results: aligned tables and number formats. */

import type { EngineName } from './engine_runner.js';
import { ratio, type BenchReport, type KernelCell, type KernelResult, type MicroResult } from './results.js';

/** A duration in ms with precision that suits its size; `-` for none. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '-';
  if (ms < 10) return ms.toFixed(2);
  if (ms < 100) return ms.toFixed(1);
  return ms.toFixed(0);
}

/** A ratio with two decimals; `-` for none. */
export function formatRatio(r: number | null | undefined): string {
  return r === null || r === undefined || !Number.isFinite(r) ? '-' : r.toFixed(2);
}

/**
 * Renders rows as columns separated by two spaces: the first column left-aligned, the others right-aligned (they
 * hold numbers). Every row must have as many cells as `header`.
 */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function cellText(cell: KernelCell | undefined, value: (c: KernelCell) => number | null): string {
  if (cell === undefined) return '-';
  if (cell.status === 'error') return 'ERROR';
  if (cell.status === 'unavailable') return 'n/a';
  return formatMs(value(cell));
}

/** The kernel table: steady-state times and ratios, then first calls. */
export function kernelTable(rows: readonly KernelResult[], engines: readonly EngineName[]): string {
  const others = engines.filter((e) => e !== 'v8');
  const header = ['kernel', 'n', 'V8 ms'];
  for (const e of others) header.push(`${e} ms`, `${e}/V8`);
  header.push('V8 1st');
  for (const e of others) header.push(`${e} 1st`, `${e}/V8 1st`);
  const body = rows.map((row) => {
    const cells = [row.suite === 'programs' ? `${row.id}*` : row.id, String(row.n), cellText(row.cells.v8, (c) => c.bestMs)];
    for (const e of others) cells.push(cellText(row.cells[e], (c) => c.bestMs), formatRatio(ratio(row, e)));
    cells.push(cellText(row.cells.v8, (c) => c.firstMs));
    for (const e of others) cells.push(cellText(row.cells[e], (c) => c.firstMs), formatRatio(ratio(row, e, 'v8', true)));
    return cells;
  });
  return renderTable(header, body);
}

/** The fuel/epoch table: k23 plain against k23 with each check. */
export function fuelEpochTable(rows: readonly KernelResult[]): string {
  const header = ['kernel', 'k23 ms', 'fuel ms', 'fuel/plain', 'epoch ms', 'epoch/plain'];
  const body = rows.map((row) => [
    row.id,
    cellText(row.cells.k23, (c) => c.bestMs),
    cellText(row.cells['k23-fuel'], (c) => c.bestMs), formatRatio(ratio(row, 'k23-fuel', 'k23')),
    cellText(row.cells['k23-epoch'], (c) => c.bestMs), formatRatio(ratio(row, 'k23-epoch', 'k23')),
  ]);
  return renderTable(header, body);
}

function microValue(c: MicroResult['cells']['v8']): string {
  if (c.status === 'error') return 'ERROR';
  if (c.status === 'unavailable') return 'n/a';
  return c.value === null ? '-' : formatMs(c.value);
}

/** The micro-benchmark table. */
export function microTable(rows: readonly MicroResult[]): string {
  const header = ['micro-benchmark', 'unit', 'V8', 'k23', 'k23/V8', 'details'];
  const body = rows.map((r) => {
    const v = r.cells.v8.value;
    const k = r.cells.k23.value;
    const ok = r.cells.v8.status === 'ok' && r.cells.k23.status === 'ok' && v !== null && k !== null && v > 0;
    const details = (['v8', 'k23'] as const)
      .filter((e) => Object.keys(r.cells[e].details).length > 0)
      .map((e) => `${e === 'v8' ? 'V8' : e}: ${Object.entries(r.cells[e].details).map(([n, x]) => `${n} ${formatMs(x)}`).join(', ')}`)
      .join('; ');
    return [r.id, r.unit, microValue(r.cells.v8), microValue(r.cells.k23), ok ? formatRatio(k / v) : '-', details];
  });
  return renderTable(header, body);
}

/** Every error and unavailable reason of the run, one line each, for printing under the tables. */
export function problems(report: BenchReport): string[] {
  const out: string[] = [];
  const collect = (section: string, rows: readonly KernelResult[]): void => {
    for (const row of rows) {
      for (const [engine, cell] of Object.entries(row.cells)) {
        if (cell.status === 'error') out.push(`ERROR ${section}${row.id} [${engine}]: ${cell.reason ?? ''}`);
      }
    }
  };
  collect('', report.kernels);
  collect('fuel-epoch:', report.fuelEpoch);
  for (const m of report.micro) {
    for (const engine of ['v8', 'k23'] as const) {
      const c = m.cells[engine];
      if (c.status === 'error') out.push(`ERROR ${m.id} [${engine}]: ${c.reason ?? ''}`);
    }
  }
  return out;
}
