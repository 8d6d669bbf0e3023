import { readFileSync } from 'node:fs';
import type { Engine } from '../runtime/engine.js';
import { Module } from '../runtime/module.js';

/** Reads a module file (`.wasm`, or text when it starts like WAT) and compiles it. */
export function loadModule(engine: Engine, path: string): Module {
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return Module.fromBytes(engine, bytes);
}
