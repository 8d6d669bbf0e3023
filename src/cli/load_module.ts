import { readFileSync } from 'node:fs';
import type { Engine } from '../runtime/engine.js';
import { Module } from '../runtime/module.js';

/** Whether `bytes` start with the wasm binary magic `\0asm`. */
export function isBinaryWasm(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0 && bytes[1] === 0x61 && bytes[2] === 0x73 && bytes[3] === 0x6d;
}

/** Reads a module file and compiles it: binary `.wasm`, or WAT text (as wasmtime accepts `.wat` wherever `.wasm`). */
export function loadModule(engine: Engine, path: string): Module {
  const bytes = readBytes(path);
  if (isBinaryWasm(bytes)) return Module.fromBytes(engine, bytes);
  return Module.fromText(engine, bytes, path);
}

/** The bytes of a file, with a one-line error when it cannot be read. */
export function readBytes(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    throw new Error(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}
