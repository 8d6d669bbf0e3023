/**
 * A minimal byte-level builder of wasm modules for tests: functions with a type, locals and a body of raw
 * instruction bytes, each exported under a name. Enough to run single instructions under V8's own WebAssembly and
 * compare with k23. Only type, function, export and code sections; no imports, memories or tables.
 */

/**
 * The part of the WebAssembly JS API the tests use. The project compiles against ES2022 + Node types, which do not
 * declare the `WebAssembly` global, so it is typed here.
 */
interface WasmJsApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: object };
  RuntimeError: new (message?: string) => Error;
}

/** V8's own WebAssembly, the reference the differential tests compare with. */
export const V8Wasm: WasmJsApi = (globalThis as unknown as { WebAssembly: WasmJsApi }).WebAssembly;

/** Whether `e` is a trap raised by V8's WebAssembly. */
export function isV8Trap(e: unknown): e is Error {
  return e instanceof V8Wasm.RuntimeError;
}

/** Value type bytes. */
export const I32 = 0x7f;
export const I64 = 0x7e;
export const F32 = 0x7d;
export const F64 = 0x7c;

/** One function of a test module. */
export interface TinyFunc {
  /** Export name. */
  readonly name: string;
  /** Parameter types (value type bytes). */
  readonly params: readonly number[];
  /** Result types. */
  readonly results: readonly number[];
  /** Types of extra locals, after the parameters. */
  readonly locals?: readonly number[];
  /** Instruction bytes, without the final `end`. */
  readonly body: readonly number[];
}

/** Unsigned LEB128 of a non-negative integer below 2^32. */
export function uleb(v: number): number[] {
  const out: number[] = [];
  v >>>= 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 of a BigInt (any size; i32 and i64 immediates). */
export function sleb(v: bigint): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = Number(v & 0x7fn);
    v >>= 7n;
    const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

/** `i32.const v`. */
export function i32Const(v: number): number[] {
  return [0x41, ...sleb(BigInt(v | 0))];
}

/** `i64.const v` (v taken modulo 2^64, as signed). */
export function i64Const(v: bigint): number[] {
  return [0x42, ...sleb(BigInt.asIntN(64, v))];
}

/** `local.get i`. */
export function localGet(i: number): number[] {
  return [0x20, ...uleb(i)];
}

function vec(items: readonly number[][]): number[] {
  return [...uleb(items.length), ...items.flat()];
}

function section(id: number, content: number[]): number[] {
  return [id, ...uleb(content.length), ...content];
}

function nameBytes(s: string): number[] {
  const b = [...new TextEncoder().encode(s)];
  return [...uleb(b.length), ...b];
}

/** The binary module holding `funcs`, function i having type i and export `funcs[i].name`. */
export function buildModule(funcs: readonly TinyFunc[]): Uint8Array {
  const types = funcs.map((f) => [0x60, ...uleb(f.params.length), ...f.params, ...uleb(f.results.length), ...f.results]);
  const decls = funcs.map((_, i) => uleb(i));
  const exports = funcs.map((f, i) => [...nameBytes(f.name), 0x00, ...uleb(i)]);
  const codes = funcs.map((f) => {
    const locals = (f.locals ?? []).map((t) => [1, t]);
    const body = [...vec(locals), ...f.body, 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(types)),
    ...section(3, vec(decls)),
    ...section(7, vec(exports)),
    ...section(10, vec(codes)),
  ]);
}

/** A function exported by a test module, as V8's JS API presents it (i64 as BigInt). */
export type WasmExport = (...args: (number | bigint)[]) => number | bigint;

/** Compiles and instantiates `funcs` with V8's WebAssembly and returns the exports by name. */
export function instantiate(funcs: readonly TinyFunc[]): Record<string, WasmExport> {
  const module = new V8Wasm.Module(buildModule(funcs));
  const instance = new V8Wasm.Instance(module, {});
  return instance.exports as unknown as Record<string, WasmExport>;
}

/**
 * A module of one-instruction functions: each takes its operands as parameters (`local.get 0..n-1`), runs the
 * instruction bytes `op`, and returns the result. Floats are passed and returned as their bits (i32 for f32, i64
 * for f64) so that NaN payloads cross the JS boundary intact: V8 quiets signalling NaNs when it converts a JS
 * number to an f32 parameter.
 */
export function instantiateOps(
  ops: Readonly<Record<string, { params: readonly number[]; result: number; op: readonly number[] }>>,
): Record<string, WasmExport> {
  const funcs: TinyFunc[] = Object.entries(ops).map(([name, { params, result, op }]) => {
    const body: number[] = [];
    params.forEach((t, i) => {
      body.push(...localGet(i));
      if (t === F32) body.push(0xbe); // f32.reinterpret_i32
      if (t === F64) body.push(0xbf); // f64.reinterpret_i64
    });
    body.push(...op);
    if (result === F32) body.push(0xbc); // i32.reinterpret_f32
    if (result === F64) body.push(0xbd); // i64.reinterpret_f64
    const wire = (t: number): number => (t === F32 ? I32 : t === F64 ? I64 : t);
    return { name, params: params.map(wire), results: [wire(result)], body };
  });
  return instantiate(funcs);
}
