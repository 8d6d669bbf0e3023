import { CompileError } from '../core/compile_error.js';
import { ByteReader } from './byte_reader.js';
import type { NameSection } from './module_info.js';

/** The name section of a module without one (or with a malformed one). */
export const EMPTY_NAMES: NameSection = Object.freeze({
  module: null,
  functions: new Map<number, string>(),
  locals: new Map<number, ReadonlyMap<number, string>>(),
});

const SUB_MODULE = 0;
const SUB_FUNCTIONS = 1;
const SUB_LOCALS = 2;

/**
 * Decodes the contents of a `name` custom section (`bytes[start, end)`, after the section's own name): the module
 * name, function names and local names. Other subsections (labels, types, ... of the extended name section) are
 * skipped. Returns null when the section is malformed: the spec makes name-section errors non-fatal, so the caller
 * ignores the whole section rather than trusting part of it.
 */
export function decodeNameSection(bytes: Uint8Array, start: number, end: number): NameSection | null {
  const r = new ByteReader(bytes, start, end);
  let module: string | null = null;
  const functions = new Map<number, string>();
  const locals = new Map<number, ReadonlyMap<number, string>>();
  let lastId = -1;
  try {
    while (!r.atEnd) {
      const id = r.u8();
      // Subsections appear at most once, in increasing id order.
      if (id <= lastId) return null;
      lastId = id;
      const size = r.len32();
      const subEnd = r.pos + size;
      if (subEnd > end) return null;
      switch (id) {
        case SUB_MODULE:
          module = r.name();
          break;
        case SUB_FUNCTIONS:
          if (!readNameMap(r, functions)) return null;
          break;
        case SUB_LOCALS: {
          const n = r.len32();
          let last = -1;
          for (let i = 0; i < n; i++) {
            const func = r.u32();
            if (func <= last) return null;
            last = func;
            const map = new Map<number, string>();
            if (!readNameMap(r, map)) return null;
            locals.set(func, map);
          }
          break;
        }
        default:
          r.pos = subEnd;
      }
      if (r.pos !== subEnd) return null;
    }
  } catch (e) {
    // A decoding failure means "malformed: ignore the section"; anything else is a bug and propagates.
    if (e instanceof CompileError) return null;
    throw e;
  }
  return { module, functions, locals };
}

/** A name map: indices strictly increasing (so unique). False when that rule is broken. */
function readNameMap(r: ByteReader, into: Map<number, string>): boolean {
  const n = r.len32();
  let last = -1;
  for (let i = 0; i < n; i++) {
    const index = r.u32();
    if (index <= last) return false;
    last = index;
    into.set(index, r.name());
  }
  return true;
}
