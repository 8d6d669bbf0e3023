/**
 * Timing of one call by wall clock and by process CPU time. CPU time (user + system, all threads) is robust
 * against the process being descheduled on a shared machine; wall time is what a caller waits, so first calls and
 * compile latency are reported by wall clock.
 */

/** Which clock the steady-state columns use. */
export type ClockKind = 'cpu' | 'wall';

/** A started measurement; `stop` gives both clocks in milliseconds. */
export interface Span {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** Runs `fn` once and returns its result with the time it took. */
export function timed<T>(fn: () => T): { readonly value: T; readonly span: Span } {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  return { value, span: { wallMs, cpuMs: (cpu.user + cpu.system) / 1000 } };
}

/** The reading of `span` on the chosen clock. */
export function reading(span: Span, clock: ClockKind): number {
  return clock === 'cpu' ? span.cpuMs : span.wallMs;
}
