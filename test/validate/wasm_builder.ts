/**
 * Byte-level helpers to write WebAssembly modules in tests, so decoder and validator tests need no external tools.
 * Everything is plain `number[]` bytes; `wasmModule` adds the header.
 */

/** Unsigned LEB128. */
export function u32(n: number): number[] {
  const out: number[] = [];
  do {
    let b = n % 128;
    n = Math.floor(n / 128);
    if (n !== 0) b |= 0x80;
    out.push(b);
  } while (n !== 0);
  return out;
}

/** Signed LEB128 of a safe integer or a bigint. */
export function sleb(v: number | bigint): number[] {
  let n = BigInt(v);
  const out: number[] = [];
  for (;;) {
    const b = Number(n & 0x7fn);
    n >>= 7n;
    if ((n === 0n && (b & 0x40) === 0) || (n === -1n && (b & 0x40) !== 0)) {
      out.push(b);
      return out;
    }
    out.push(b | 0x80);
  }
}

/** A length-prefixed UTF-8 name. */
export function str(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...u32(b.length), ...b];
}

/** A vector: count then the items' bytes. */
export function vec(items: readonly (readonly number[])[]): number[] {
  return concat([u32(items.length), ...items]);
}

/** Concatenation without spreading large arrays into argument lists. */
export function concat(parts: readonly (readonly number[])[]): number[] {
  const out: number[] = [];
  for (const p of parts) for (let i = 0; i < p.length; i++) out.push(p[i]!);
  return out;
}

/** A section: id, size, contents. */
export function section(id: number, contents: readonly number[]): number[] {
  return concat([[id], u32(contents.length), contents]);
}

/** A module: header then the given sections (already encoded). */
export function wasmModule(...sections: readonly (readonly number[])[]): Uint8Array {
  return Uint8Array.from(concat([[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00], ...sections]));
}

export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;
export const FUNCREF = 0x70;
export const EXTERNREF = 0x6f;

/** A function type entry for the type section. */
export function funcType(params: readonly number[], results: readonly number[]): number[] {
  return [0x60, ...vec(params.map((p) => [p])), ...vec(results.map((r) => [r]))];
}

/** A code section entry: local runs `[count, type]`, then the body (which must include its final `end`). */
export function codeEntry(locals: readonly (readonly [number, number])[], body: readonly number[]): number[] {
  const content = concat([vec(locals.map(([n, t]) => [...u32(n), t])), body]);
  return concat([u32(content.length), content]);
}

/** Section ids. */
export const SEC = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
} as const;

/** A simple module: one type per function, functions with the given bodies, optional extra sections. */
export interface SimpleModule {
  readonly types?: readonly (readonly [readonly number[], readonly number[]])[];
  /** Each function: its type index, local runs and body (with final `end`). */
  readonly funcs?: readonly { readonly type: number; readonly locals?: readonly (readonly [number, number])[]; readonly body: readonly number[] }[];
  /** Memory limits [min, max?]. */
  readonly memory?: readonly [number, number?];
  /** Table limits and element type. */
  readonly table?: readonly [number, number, number?];
  /** Raw extra sections inserted at their place by id (imports, globals, exports, elements, data, ...). */
  readonly sections?: readonly (readonly number[])[];
}

/** Builds a module from a `SimpleModule`, placing every section in the required order. */
export function simpleModule(m: SimpleModule): Uint8Array {
  const secs: number[][] = [];
  if (m.types) secs.push(section(SEC.type, vec(m.types.map(([p, r]) => funcType(p, r)))));
  if (m.funcs) secs.push(section(SEC.function, vec(m.funcs.map((f) => u32(f.type)))));
  if (m.table) {
    const [min, elem, max] = m.table;
    const limits = max === undefined ? [0, ...u32(min)] : [1, ...u32(min), ...u32(max)];
    secs.push(section(SEC.table, vec([[elem, ...limits]])));
  }
  if (m.memory) {
    const [min, max] = m.memory;
    secs.push(section(SEC.memory, vec([max === undefined ? [0, ...u32(min)] : [1, ...u32(min), ...u32(max)]])));
  }
  if (m.funcs) secs.push(section(SEC.code, vec(m.funcs.map((f) => codeEntry(f.locals ?? [], f.body)))));
  for (const s of m.sections ?? []) secs.push([...s]);
  const rank = (id: number): number => (id === SEC.dataCount ? 9.5 : id);
  secs.sort((a, b) => rank(a[0]!) - rank(b[0]!));
  return wasmModule(...secs);
}
