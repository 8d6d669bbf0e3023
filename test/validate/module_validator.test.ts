import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decoder.js';
import { CompileError } from '../../src/core/compile_error.js';
import { DEFAULT_FEATURES, type Features } from '../../src/core/features.js';
import { moduleContext } from '../../src/validate/module_context.js';
import { validateFunction, validateModule } from '../../src/validate/module_validator.js';
import { EXTERNREF, F32, FUNCREF, funcType, I32, I64, SEC, section, simpleModule, sleb, str, u32, vec, wasmModule } from './wasm_builder.js';

const END = 0x0b;
const i32 = (v: number): number[] => [0x41, ...sleb(v)];

const v8 = (globalThis as unknown as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

function ok(bytes: Uint8Array, features: Features = DEFAULT_FEATURES): void {
  assert.doesNotThrow(() => validateModule(decodeModule(bytes, features), features));
  if (v8 !== undefined && features === DEFAULT_FEATURES) assert.ok(v8.validate(bytes), 'V8 agrees it is valid');
}

function invalid(bytes: Uint8Array, reason: string): void {
  if (v8 !== undefined) assert.ok(!v8.validate(bytes), `V8 agrees it is invalid (${reason})`);
  assert.throws(
    () => validateModule(decodeModule(bytes)),
    (e: unknown) => {
      assert.ok(e instanceof CompileError, String(e));
      assert.equal(e.kind, 'invalid', e.message);
      assert.ok(e.reason.startsWith(reason), `"${e.reason}" should start with "${reason}"`);
      return true;
    },
  );
}

const mem = (flags: number, ...limits: number[]): number[] => section(SEC.memory, vec([[flags, ...limits.flatMap((l) => u32(l))]]));
const table = (elem: number, flags: number, ...limits: number[]): number[] => [elem, flags, ...limits.flatMap((l) => u32(l))];
const imp = (kind: number, ...desc: number[]): number[] => [...str('m'), ...str('x'), kind, ...desc];
const global = (type: number, mutable: number, ...init: number[]): number[] => [type, mutable, ...init, END];

test('memory and table limits', () => {
  ok(wasmModule(mem(0x01, 0, 65536)));
  invalid(wasmModule(mem(0x00, 65537)), 'memory size must be at most 65536 pages (4GiB)');
  invalid(wasmModule(mem(0x01, 0, 65537)), 'memory size must be at most 65536 pages (4GiB)');
  invalid(wasmModule(mem(0x01, 2, 1)), 'size minimum must not be greater than maximum');
  invalid(wasmModule(section(SEC.import, vec([imp(0x02, 0x01, 3, 2)]))), 'size minimum must not be greater than maximum');
  ok(wasmModule(section(SEC.table, vec([table(FUNCREF, 0x01, 0, 0xffffffff)]))));
  invalid(wasmModule(section(SEC.table, vec([table(FUNCREF, 0x01, 5, 4)]))), 'size minimum must not be greater than maximum');
});

test('multiple memories only with the multi-memory feature', () => {
  const two = wasmModule(section(SEC.import, vec([imp(0x02, 0x00, 1)])), mem(0x00, 0));
  invalid(two, 'multiple memories');
  const multi: Features = { ...DEFAULT_FEATURES, multiMemory: true };
  assert.doesNotThrow(() => validateModule(decodeModule(two, multi), multi));
  // Multiple tables are fine in 2.0.
  ok(wasmModule(section(SEC.table, vec([table(FUNCREF, 0x00, 1), table(EXTERNREF, 0x00, 1)]))));
});

test('start function: must exist and have type [] -> []', () => {
  const withStart = (params: number[], results: number[]): Uint8Array =>
    simpleModule({
      types: [[params, results]],
      funcs: [{ type: 0, body: [0x00, END] }],
      sections: [section(SEC.start, u32(0))],
    });
  ok(withStart([], []));
  invalid(withStart([I32], []), 'start function');
  invalid(withStart([], [I32]), 'start function');
  invalid(wasmModule(section(SEC.start, u32(3))), 'unknown function 3');
});

test('exports: indices in range, names unique', () => {
  const base = { types: [[[], []]] as const, funcs: [{ type: 0, body: [END] }], memory: [1] as const };
  ok(simpleModule({ ...base, sections: [section(SEC.export, vec([[...str('a'), 0x00, 0x00], [...str('b'), 0x02, 0x00]]))] }));
  invalid(simpleModule({ ...base, sections: [section(SEC.export, vec([[...str('a'), 0x00, 0x00], [...str('a'), 0x02, 0x00]]))] }), 'duplicate export name');
  invalid(simpleModule({ ...base, sections: [section(SEC.export, vec([[...str('f'), 0x00, 0x01]]))] }), 'unknown function 1');
  invalid(simpleModule({ ...base, sections: [section(SEC.export, vec([[...str('t'), 0x01, 0x00]]))] }), 'unknown table 0');
  invalid(simpleModule({ ...base, sections: [section(SEC.export, vec([[...str('m'), 0x02, 0x01]]))] }), 'unknown memory 1');
  invalid(simpleModule({ ...base, sections: [section(SEC.export, vec([[...str('g'), 0x03, 0x00]]))] }), 'unknown global 0');
});

test('imports: function type indices', () => {
  ok(wasmModule(section(SEC.type, vec([funcType([], [])])), section(SEC.import, vec([imp(0x00, 0x00)]))));
  invalid(wasmModule(section(SEC.import, vec([imp(0x00, 0x02)]))), 'unknown type 2');
  invalid(wasmModule(section(SEC.function, vec([[0x00]])), section(SEC.code, vec([[0x02, 0x00, END]]))), 'unknown type 0');
});

test('constant expressions (2.0: only imported immutable globals)', () => {
  const importI32 = (mutable: number): number[] => section(SEC.import, vec([imp(0x03, I32, mutable)]));
  const globals = (...g: number[][]): number[] => section(SEC.global, vec(g));
  ok(wasmModule(importI32(0), globals(global(I32, 0, 0x23, 0x00), global(I64, 1, 0x42, 0x05))));
  invalid(wasmModule(importI32(1), globals(global(I32, 0, 0x23, 0x00))), 'constant expression required');
  invalid(wasmModule(globals(global(I32, 0, ...i32(1)), global(I32, 0, 0x23, 0x00))), 'unknown global 0');
  invalid(wasmModule(globals(global(I32, 0, ...i32(1), ...i32(2), 0x6a))), 'constant expression required');
  invalid(wasmModule(globals(global(I32, 0, 0x02, 0x40, END, ...i32(1)))), 'constant expression required');
  invalid(wasmModule(globals(global(I32, 0))), 'type mismatch');
  invalid(wasmModule(globals(global(I32, 0, ...i32(1), ...i32(2)))), 'type mismatch');
  invalid(wasmModule(globals(global(F32, 0, ...i32(1)))), 'type mismatch');
  invalid(wasmModule(globals(global(FUNCREF, 0, 0xd0, EXTERNREF))), 'type mismatch');
  invalid(wasmModule(globals(global(FUNCREF, 0, 0xd2, 0x00))), 'unknown function 0');
});

test('element and data segments', () => {
  const t = section(SEC.type, vec([funcType([], [])]));
  const f = section(SEC.function, vec([[0]]));
  const c = section(SEC.code, vec([[0x02, 0x00, END]]));
  const tab = (elem: number): number[] => section(SEC.table, vec([table(elem, 0x00, 1)]));
  ok(wasmModule(t, f, tab(FUNCREF), section(SEC.element, vec([[0x00, ...i32(0), END, ...vec([u32(0)])]])), c));
  invalid(wasmModule(t, f, section(SEC.element, vec([[0x00, ...i32(0), END, ...vec([u32(0)])]])), c), 'unknown table 0');
  invalid(wasmModule(t, f, tab(EXTERNREF), section(SEC.element, vec([[0x00, ...i32(0), END, ...vec([u32(0)])]])), c), 'type mismatch');
  invalid(wasmModule(t, f, tab(FUNCREF), section(SEC.element, vec([[0x00, 0x42, 0x00, END, ...vec([u32(0)])]])), c), 'type mismatch');
  invalid(wasmModule(t, f, section(SEC.element, vec([[0x05, FUNCREF, ...vec([[0xd0, EXTERNREF, END]])]])), c), 'type mismatch');
  invalid(wasmModule(t, f, section(SEC.element, vec([[0x01, 0x00, ...vec([u32(3)])]])), c), 'unknown function 3');
  ok(wasmModule(mem(0x00, 1), section(SEC.data, vec([[0x00, ...i32(0), END, 0x00]]))));
  invalid(wasmModule(section(SEC.data, vec([[0x00, ...i32(0), END, 0x00]]))), 'unknown memory 0');
  invalid(wasmModule(mem(0x00, 1), section(SEC.data, vec([[0x00, 0x42, 0x00, END, 0x00]]))), 'type mismatch');
});

test('ref.func needs a declaration outside function bodies (C.refs)', () => {
  const body = { type: 0, body: [0xd2, 0x00, 0x1a, END] };
  const base = { types: [[[], []]] as const, funcs: [body] };
  invalid(simpleModule(base), 'undeclared function reference');
  // The start section does not declare a reference.
  invalid(simpleModule({ ...base, sections: [section(SEC.start, u32(0))] }), 'undeclared function reference');
  ok(simpleModule({ ...base, sections: [section(SEC.export, vec([[...str('f'), 0x00, 0x00]]))] }));
  ok(simpleModule({ ...base, sections: [section(SEC.global, vec([global(FUNCREF, 0, 0xd2, 0x00)]))] }));
  ok(simpleModule({ ...base, sections: [section(SEC.element, vec([[0x07, FUNCREF, ...vec([[0xd2, 0x00, END]])]]))] }));
});

test('the module-level result is reused; functions can be validated one by one', () => {
  const bytes = simpleModule({
    types: [[[], []]],
    funcs: [
      { type: 0, body: [END] },
      { type: 0, body: [...i32(1), END] }, // invalid
      { type: 0, body: [0x01, END] },
    ],
  });
  const info = decodeModule(bytes);
  validateFunction(info, 0);
  validateFunction(info, 2);
  assert.throws(() => validateFunction(info, 1), (e: unknown) => e instanceof CompileError && e.kind === 'invalid');
  assert.throws(() => validateFunction(info, 3), RangeError);
  assert.throws(() => validateModule(info), (e: unknown) => e instanceof CompileError && e.kind === 'invalid');

  const good = decodeModule(simpleModule({ types: [[[], []]], funcs: [{ type: 0, body: [END] }] }));
  const ctx = validateModule(good);
  assert.equal(ctx.allFunctionsValidated, true);
  assert.equal(validateModule(good), ctx);
  assert.equal(moduleContext(good, DEFAULT_FEATURES), ctx);
  // Another feature set gets its own context.
  const other: Features = { ...DEFAULT_FEATURES };
  assert.notEqual(validateModule(good, other), ctx);
});

test('a malformed body wins over a module-level validation error', () => {
  const bytes = simpleModule({
    types: [[[], []]],
    funcs: [{ type: 0, body: [0xff, END] }],
    memory: [2, 1], // invalid limits
  });
  assert.throws(
    () => validateModule(decodeModule(bytes)),
    (e: unknown) => e instanceof CompileError && e.kind === 'malformed' && e.reason === 'illegal opcode',
  );
  assert.throws(
    () => validateFunction(decodeModule(bytes), 0),
    (e: unknown) => e instanceof CompileError && e.kind === 'malformed',
  );
});
