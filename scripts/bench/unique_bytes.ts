/**
 * Makes each load of a module see distinct bytes. V8 caches compiled wasm modules by their bytes, and an engine
 * may cache compiled code too; a first call must start cold, so every load appends a custom section carrying a
 * unique tag. Custom sections have no effect on a module's meaning.
 */

import { pushName, pushU32 } from './wasm_builder.js';

/** The custom section name the harness uses. */
export const TAG_SECTION = 'k23-bench-tag';

/** `bytes` (a complete module) followed by a custom section `k23-bench-tag` whose payload is `tag` in UTF-8. */
export function withTag(bytes: Uint8Array, tag: string): Uint8Array {
  const content: number[] = [];
  pushName(content, TAG_SECTION);
  for (const b of new TextEncoder().encode(tag)) content.push(b);
  const head: number[] = [0];
  pushU32(head, content.length);
  const out = new Uint8Array(bytes.length + head.length + content.length);
  out.set(bytes, 0);
  out.set(head, bytes.length);
  out.set(content, bytes.length + head.length);
  return out;
}

let counter = 0;

/** A tag never returned before in this process. */
export function freshTag(label: string): string {
  counter++;
  return `${label}#${counter}`;
}
