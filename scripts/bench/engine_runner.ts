/**
 * What the kernel benchmarks need from an engine: load a module's bytes and get a callable kernel. One runner per
 * column (V8, k23, wasm2js, and k23 with fuel or epochs for the fuel/epoch comparison).
 */

import type { KernelSpec } from './kernel_list.js';
import { v8Instantiate } from './v8_wasm.js';

/** A column of the results. */
export type EngineName = 'v8' | 'k23' | 'wasm2js' | 'k23-fuel' | 'k23-epoch';

/** A loaded kernel, ready to call. */
export interface KernelInstance {
  /** Untimed preparation before each call (e.g. refilling fuel). */
  prepare(): void;
  /** Calls the kernel; returns its result as an unsigned 32-bit number. */
  call(n: number): number;
}

/** Loads kernels for one column. */
export interface KernelRunner {
  readonly name: EngineName;
  /**
   * Compiles and instantiates `bytes` (already tagged to be unique) and finds the kernel's export. Timed by the
   * caller as the column's load time.
   */
  load(bytes: Uint8Array, kernel: KernelSpec, tag: string): Promise<KernelInstance>;
}

/** A column that cannot run, with the reason shown in the table. */
export interface Unavailable {
  readonly available: false;
  readonly reason: string;
}

/** V8's own WebAssembly: `new WebAssembly.Module` + `new WebAssembly.Instance`, the export called directly. */
export const v8Runner: KernelRunner = {
  name: 'v8',
  load(bytes: Uint8Array, kernel: KernelSpec): Promise<KernelInstance> {
    const instance = v8Instantiate(bytes);
    const fn = instance.exports[kernel.exportName];
    if (typeof fn !== 'function') {
      return Promise.reject(new Error(`${kernel.module} has no function export '${kernel.exportName}'`));
    }
    const f = fn as (n: number) => number;
    return Promise.resolve({
      prepare(): void {},
      call: (n: number): number => f(n) >>> 0,
    });
  },
};
