/**
 * The harness's own error: a setup problem (missing file, malformed list, bad option) as opposed to a benchmark
 * result. The entry point prints its message without a stack trace.
 */
export class BenchError extends Error {
  override readonly name = 'BenchError';
}
