/**
 * A minimal WebAssembly binary writer for the micro-benchmarks' generated modules (i32 functions, one memory,
 * function imports, exports, custom sections). It writes only what those modules need; it is not the project's
 * text encoder and validates nothing: V8 checks every generated module before it is timed.
 */

/** Appends the unsigned LEB128 encoding of `v` (0 <= v < 2^32). */
export function pushU32(out: number[], v: number): void {
  let x = v >>> 0;
  do {
    const byte = x & 0x7f;
    x >>>= 7;
    out.push(x === 0 ? byte : byte | 0x80);
  } while (x !== 0);
}

/** Appends the signed LEB128 encoding of the int32 `v`. */
export function pushS32(out: number[], v: number): void {
  let x = v | 0;
  for (;;) {
    const byte = x & 0x7f;
    x >>= 7;
    // Done when the remaining bits are all copies of the sign bit just written.
    if ((x === 0 && (byte & 0x40) === 0) || (x === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return;
    }
    out.push(byte | 0x80);
  }
}

/** Appends a name: its UTF-8 length, then its bytes. */
export function pushName(out: number[], name: string): void {
  const bytes = new TextEncoder().encode(name);
  pushU32(out, bytes.length);
  for (const b of bytes) out.push(b);
}

/** Opcodes used by the generated code (the binary byte, named as in the text format). */
export const Op = {
  unreachable: 0x00, block: 0x02, loop: 0x03, if: 0x04, else: 0x05, end: 0x0b, br: 0x0c, br_if: 0x0d,
  return: 0x0f, call: 0x10, drop: 0x1a,
  local_get: 0x20, local_set: 0x21, local_tee: 0x22,
  i32_load: 0x28, i32_store: 0x36, memory_size: 0x3f, memory_grow: 0x40, i32_const: 0x41,
  i32_eqz: 0x45, i32_eq: 0x46, i32_ne: 0x47, i32_lt_u: 0x49, i32_gt_u: 0x4b,
  i32_add: 0x6a, i32_sub: 0x6b, i32_mul: 0x6c, i32_and: 0x71, i32_or: 0x72, i32_xor: 0x73,
  i32_shl: 0x74, i32_shr_u: 0x76, i32_rotl: 0x77,
} as const;

/** Block type byte for a block without results. */
export const EMPTY_BLOCK = 0x40;
/** The i32 value type byte. */
export const I32 = 0x7f;

interface FuncDef {
  readonly type: number;
  readonly i32Locals: number;
  readonly body: readonly number[];
}

/** Builds a module section by section; `bytes()` assembles it. */
export class WasmModuleBuilder {
  private readonly types: { params: number; results: number }[] = [];
  private readonly imports: { module: string; name: string; type: number }[] = [];
  private readonly funcs: FuncDef[] = [];
  private readonly exports: { name: string; kind: number; index: number }[] = [];
  private memory: { min: number; max: number | null } | null = null;
  private readonly customs: { name: string; payload: Uint8Array }[] = [];

  /** The index of the type `(i32 x params) -> (i32 x results)`, added when new. */
  i32Type(params: number, results: number): number {
    const found = this.types.findIndex((t) => t.params === params && t.results === results);
    if (found >= 0) return found;
    this.types.push({ params, results });
    return this.types.length - 1;
  }

  /** Imports a function; returns its function index. All imports must come before the first `addFunc`. */
  importFunc(module: string, name: string, type: number): number {
    if (this.funcs.length > 0) throw new Error('imports must be added before functions');
    this.imports.push({ module, name, type });
    return this.imports.length - 1;
  }

  /** The function index the next `addFunc` will get. */
  nextFuncIndex(): number {
    return this.imports.length + this.funcs.length;
  }

  /** Adds a function with `i32Locals` extra i32 locals; `body` excludes the final `end`. Returns its index. */
  addFunc(type: number, i32Locals: number, body: readonly number[]): number {
    this.funcs.push({ type, i32Locals, body });
    return this.nextFuncIndex() - 1;
  }

  /** Declares the module's one memory (in pages). */
  setMemory(min: number, max: number | null): void {
    this.memory = { min, max };
  }

  exportFunc(name: string, index: number): void {
    this.exports.push({ name, kind: 0, index });
  }

  exportMemory(name: string): void {
    this.exports.push({ name, kind: 2, index: 0 });
  }

  addCustom(name: string, payload: Uint8Array): void {
    this.customs.push({ name, payload });
  }

  /** Total bytes of function bodies so far (the size of the code section's contents, roughly). */
  codeBytes(): number {
    let n = 0;
    for (const f of this.funcs) n += f.body.length + 4;
    return n;
  }

  /** The module's binary encoding. */
  bytes(): Uint8Array {
    const out: number[] = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    const section = (id: number, content: number[]): void => {
      out.push(id);
      pushU32(out, content.length);
      for (const b of content) out.push(b);
    };
    if (this.types.length > 0) {
      const s: number[] = [];
      pushU32(s, this.types.length);
      for (const t of this.types) {
        s.push(0x60);
        pushU32(s, t.params);
        for (let i = 0; i < t.params; i++) s.push(I32);
        pushU32(s, t.results);
        for (let i = 0; i < t.results; i++) s.push(I32);
      }
      section(1, s);
    }
    if (this.imports.length > 0) {
      const s: number[] = [];
      pushU32(s, this.imports.length);
      for (const imp of this.imports) {
        pushName(s, imp.module);
        pushName(s, imp.name);
        s.push(0x00);
        pushU32(s, imp.type);
      }
      section(2, s);
    }
    if (this.funcs.length > 0) {
      const s: number[] = [];
      pushU32(s, this.funcs.length);
      for (const f of this.funcs) pushU32(s, f.type);
      section(3, s);
    }
    if (this.memory !== null) {
      const s: number[] = [1];
      if (this.memory.max === null) {
        s.push(0x00);
        pushU32(s, this.memory.min);
      } else {
        s.push(0x01);
        pushU32(s, this.memory.min);
        pushU32(s, this.memory.max);
      }
      section(5, s);
    }
    if (this.exports.length > 0) {
      const s: number[] = [];
      pushU32(s, this.exports.length);
      for (const e of this.exports) {
        pushName(s, e.name);
        s.push(e.kind);
        pushU32(s, e.index);
      }
      section(7, s);
    }
    if (this.funcs.length > 0) {
      const s: number[] = [];
      pushU32(s, this.funcs.length);
      const body: number[] = [];
      for (const f of this.funcs) {
        body.length = 0;
        if (f.i32Locals > 0) {
          body.push(1);
          pushU32(body, f.i32Locals);
          body.push(I32);
        } else {
          body.push(0);
        }
        for (const b of f.body) body.push(b);
        body.push(Op.end);
        pushU32(s, body.length);
        for (const b of body) s.push(b);
      }
      section(10, s);
    }
    for (const c of this.customs) {
      const s: number[] = [];
      pushName(s, c.name);
      for (const b of c.payload) s.push(b);
      section(0, s);
    }
    return Uint8Array.from(out);
  }
}
