import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule } from '../../src/binary/decoder.js';
import { CompileError } from '../../src/core/compile_error.js';
import { DEFAULT_FEATURES, type Features } from '../../src/core/features.js';
import { validateModule } from '../../src/validate/module_validator.js';
import { EXTERNREF, F32, F64, FUNCREF, I32, I64, SEC, section, simpleModule, sleb, u32, vec, type SimpleModule } from './wasm_builder.js';

// Opcodes used below.
const UNREACHABLE = 0x00, NOP = 0x01, BLOCK = 0x02, LOOP = 0x03, IF = 0x04, ELSE = 0x05, END = 0x0b;
const BR = 0x0c, BR_IF = 0x0d, BR_TABLE = 0x0e, RETURN = 0x0f, CALL = 0x10, CALL_INDIRECT = 0x11;
const DROP = 0x1a, SELECT = 0x1b, SELECT_T = 0x1c;
const LOCAL_GET = 0x20, LOCAL_SET = 0x21, LOCAL_TEE = 0x22, GLOBAL_GET = 0x23, GLOBAL_SET = 0x24;
const TABLE_GET = 0x25, TABLE_SET = 0x26, I32_LOAD = 0x28, I64_LOAD = 0x29, I32_STORE = 0x36, I32_LOAD8_U = 0x2d;
const MEMORY_SIZE = 0x3f, MEMORY_GROW = 0x40;
const I32_CONST = 0x41, I64_CONST = 0x42, F32_CONST = 0x43, F64_CONST = 0x44;
const I32_EQZ = 0x45, I32_ADD = 0x6a, I64_ADD = 0x7c, F64_ADD = 0xa0, I32_WRAP_I64 = 0xa7, I32_EXTEND8_S = 0xc0;
const REF_NULL = 0xd0, REF_IS_NULL = 0xd1, REF_FUNC = 0xd2;
const FC = 0xfc;
const EMPTY = 0x40;

const i32 = (v: number): number[] => [I32_CONST, ...sleb(v)];
const i64 = (v: number): number[] => [I64_CONST, ...sleb(v)];
const f32 = [F32_CONST, 0, 0, 0, 0];
const f64 = [F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0];

interface Opts extends Omit<SimpleModule, 'funcs' | 'types'> {
  readonly params?: readonly number[];
  readonly results?: readonly number[];
  readonly locals?: readonly (readonly [number, number])[];
  /** More types, indices 1.. (for block types and call_indirect). */
  readonly types?: readonly (readonly [readonly number[], readonly number[]])[];
  /** More functions after function 0, each of type index `type` with body `end`. */
  readonly moreFuncs?: readonly number[];
  readonly features?: Features;
}

/** A module whose function 0 has `body` (without its final `end`, added here). */
function build(body: readonly number[], o: Opts = {}): Uint8Array {
  return simpleModule({
    ...o,
    types: [[o.params ?? [], o.results ?? []], ...(o.types ?? [])],
    funcs: [{ type: 0, locals: o.locals ?? [], body: [...body, END] }, ...(o.moreFuncs ?? []).map((type) => ({ type, body: [UNREACHABLE, END] }))],
  });
}

function run(bytes: Uint8Array, features: Features = DEFAULT_FEATURES): void {
  validateModule(decodeModule(bytes, features), features);
}

/** V8's validator, to cross-check the expectations written here (2.0 modules; V8 also has later features). */
const v8 = (globalThis as unknown as { WebAssembly?: { validate(bytes: Uint8Array): boolean } }).WebAssembly;

function valid(body: readonly number[], o: Opts = {}): void {
  const bytes = build(body, o);
  const hex = body.map((b) => b.toString(16)).join(' ');
  assert.doesNotThrow(() => run(bytes, o.features), `body ${hex}`);
  if (v8 !== undefined) assert.ok(v8.validate(bytes), `V8 rejects body ${hex}`);
}

function rejects(kind: CompileError['kind'], body: readonly number[], reason: string, o: Opts = {}): void {
  const bytes = build(body, o);
  if (v8 !== undefined && o.features === undefined && kind !== 'unsupported') {
    assert.ok(!v8.validate(bytes), `V8 accepts body ${body.map((b) => b.toString(16)).join(' ')}`);
  }
  assert.throws(
    () => run(bytes, o.features),
    (e: unknown) => {
      assert.ok(e instanceof CompileError, `expected CompileError, got ${String(e)}`);
      assert.equal(e.kind, kind, e.message);
      assert.ok(e.reason.startsWith(reason), `"${e.reason}" should start with "${reason}"`);
      return true;
    },
  );
}
const invalid = (body: readonly number[], reason: string, o: Opts = {}): void => rejects('invalid', body, reason, o);
const malformed = (body: readonly number[], reason: string, o: Opts = {}): void => rejects('malformed', body, reason, o);

const MEM: Opts = { memory: [1] };

test('operand types of numeric instructions', () => {
  valid([...i32(1), ...i32(2), I32_ADD, DROP]);
  valid([...i64(1), I32_WRAP_I64, I32_EQZ], { results: [I32] });
  valid([...f64, ...f64, F64_ADD], { results: [F64] });
  valid([...i32(1), I32_EXTEND8_S], { results: [I32] });
  valid([...f32, FC, 0x00], { results: [I32] }); // i32.trunc_sat_f32_s
  invalid([...i32(1), ...i64(2), I32_ADD, DROP], 'type mismatch');
  invalid([...i32(1), I32_ADD, DROP], 'type mismatch');
  invalid([...i64(1)], 'type mismatch', { results: [I32] });
  invalid([...i32(1), ...i32(1)], 'type mismatch', { results: [I32] });
  invalid([], 'type mismatch', { results: [I32] });
});

test('locals and globals', () => {
  valid([LOCAL_GET, 0, LOCAL_GET, 1, I64_ADD, LOCAL_TEE, 1, LOCAL_SET, 2], { params: [I64], locals: [[2, I64]] });
  invalid([LOCAL_GET, 3, DROP], 'unknown local 3', { params: [I64], locals: [[2, I64]] });
  invalid([...i32(0), LOCAL_SET, 0], 'type mismatch', { params: [I64] });
  const globals = section(SEC.global, vec([[I32, 0x00, ...i32(1), END], [F32, 0x01, ...f32, END]]));
  valid([GLOBAL_GET, 0, DROP, ...f32, GLOBAL_SET, 1], { sections: [globals] });
  invalid([...i32(1), GLOBAL_SET, 0], 'global is immutable', { sections: [globals] });
  invalid([GLOBAL_GET, 2, DROP], 'unknown global 2', { sections: [globals] });
  invalid([...i32(1), GLOBAL_SET, 1], 'type mismatch', { sections: [globals] });
});

test('blocks, loops and ifs with block types by value and by type index', () => {
  valid([BLOCK, I32, ...i32(1), END], { results: [I32] });
  valid([BLOCK, EMPTY, END, LOOP, EMPTY, END]);
  // Type 1: [i32 i64] -> [i64 i32], used as a block type with parameters.
  const types: Opts['types'] = [[[I32, I64], [I64, I32]], [[I32], [I32]]];
  valid([...i32(1), ...i64(2), BLOCK, 1, DROP, DROP, ...i64(3), ...i32(4), END, DROP, DROP], { types });
  invalid([...i64(1), ...i32(2), BLOCK, 1, END, DROP, DROP], 'type mismatch', { types });
  invalid([BLOCK, 9, END], 'unknown type 9', { types });
  // if with else; if without else only when its parameters equal its results.
  valid([...i32(1), IF, I32, ...i32(2), ELSE, ...i32(3), END], { results: [I32] });
  invalid([...i32(1), IF, I32, ...i32(2), END], 'type mismatch', { results: [I32] });
  valid([...i32(5), ...i32(1), IF, 2, END], { types, results: [I32] });
  invalid([IF, EMPTY, END], 'type mismatch');
  invalid([...i64(1), IF, EMPTY, END], 'type mismatch');
  invalid([BLOCK, EMPTY, ...i32(1), END], 'type mismatch');
  invalid([BLOCK, I32, ...i64(1), END, DROP], 'type mismatch');
});

test('branches: labels, label types, loops take their parameters', () => {
  valid([BLOCK, I32, ...i32(1), BR, 0, END], { results: [I32] });
  valid([BLOCK, EMPTY, ...i32(1), BR_IF, 0, END]);
  invalid([BR, 1], 'unknown label 1');
  valid([BR, 0]); // the function's own label
  invalid([BLOCK, I32, BR, 0, END, DROP], 'type mismatch');
  // Loop label type is the loop's parameters: here [i32] -> [].
  const types: Opts['types'] = [[[I32], []]];
  valid([...i32(3), LOOP, 1, ...i32(1), I32_ADD, ...i32(0), BR_IF, 0, DROP, END], { types });
  valid([...i32(3), LOOP, 1, BR, 0, END], { types });
  invalid([...i32(3), LOOP, 1, DROP, BR, 0, END], 'type mismatch', { types });
  // br_if leaves the label's types on the stack.
  valid([BLOCK, I32, ...i32(1), ...i32(0), BR_IF, 0, END, DROP]);
  invalid([...i32(1), BR_IF, 0], 'type mismatch', { results: [I32] });
});

test('br_table: every target must agree with the default in arity and types', () => {
  valid([BLOCK, EMPTY, BLOCK, EMPTY, ...i32(0), BR_TABLE, 2, 0, 1, 1, END, END]);
  valid([BLOCK, I32, ...i32(7), ...i32(0), BR_TABLE, 1, 0, 0, END, DROP]);
  invalid([BLOCK, I32, BLOCK, EMPTY, ...i32(7), ...i32(0), BR_TABLE, 1, 0, 1, END, END, DROP], 'type mismatch');
  invalid([BLOCK, F32, BLOCK, I32, ...i32(7), ...i32(0), BR_TABLE, 1, 0, 1, END, DROP, ...f32, END, DROP], 'type mismatch');
  invalid([BLOCK, EMPTY, ...i32(0), BR_TABLE, 1, 5, 0, END], 'unknown label 5');
  invalid([BLOCK, EMPTY, ...i64(0), BR_TABLE, 0, 0, END], 'type mismatch');
  // In unreachable code the operands are polymorphic, but the targets must still agree in arity.
  valid([BLOCK, F32, BLOCK, F32, UNREACHABLE, BR_TABLE, 1, 0, 1, END, END, DROP]);
  // ...and with an empty polymorphic stack, targets of different types with the same arity are fine (2.0).
  valid([BLOCK, F32, BLOCK, I32, UNREACHABLE, BR_TABLE, 1, 0, 1, END, DROP, ...f32, END, DROP]);
  // A new block's stack is not polymorphic, even inside unreachable code.
  invalid([UNREACHABLE, BLOCK, F32, BLOCK, F32, BR_TABLE, 1, 0, 1, END, END, DROP], 'type mismatch');
});

test('unreachable code: the stack is polymorphic below the frame height', () => {
  valid([UNREACHABLE, I32_ADD, DROP]);
  valid([UNREACHABLE], { results: [I32, F64] });
  valid([...i64(1), RETURN, I64_ADD], { results: [I64] });
  invalid([RETURN], 'type mismatch', { results: [I64] });
  valid([BLOCK, I32, UNREACHABLE, END], { results: [I32] });
  valid([UNREACHABLE, SELECT, DROP]);
  invalid([UNREACHABLE, ...i64(1), I32_ADD, DROP], 'type mismatch');
  invalid([UNREACHABLE, ...i32(1)], 'type mismatch', { results: [F32] });
  // Unreachability ends with the block: its results are then concrete.
  invalid([BLOCK, I32, UNREACHABLE, END, ...i64(0), I64_ADD, DROP], 'type mismatch');
  // After else, the else branch starts reachable again.
  invalid([...i32(1), IF, I32, UNREACHABLE, ELSE, END], 'type mismatch', { results: [I32] });
});

test('select: untyped for numbers, typed for references', () => {
  valid([...i64(1), ...i64(2), ...i32(0), SELECT], { results: [I64] });
  invalid([...i64(1), ...i32(2), ...i32(0), SELECT, DROP], 'type mismatch');
  invalid([REF_NULL, FUNCREF, REF_NULL, FUNCREF, ...i32(0), SELECT, DROP], 'type mismatch');
  valid([REF_NULL, EXTERNREF, REF_NULL, EXTERNREF, ...i32(0), SELECT_T, 1, EXTERNREF], { results: [EXTERNREF] });
  invalid([...i32(1), ...i32(1), ...i32(0), SELECT_T, 2, I32, I32, DROP], 'invalid result arity');
  invalid([...i32(1), ...i32(1), ...i32(0), SELECT_T, 0, DROP], 'invalid result arity');
  invalid([...i32(1), ...i32(1), ...i32(0), SELECT_T, 1, I64, DROP], 'type mismatch');
});

test('calls and indirect calls', () => {
  const types: Opts['types'] = [[[I32, F64], [I64]]];
  valid([...i32(1), ...f64, CALL, 1, DROP], { types, moreFuncs: [1] });
  invalid([...f64, ...i32(1), CALL, 1, DROP], 'type mismatch', { types, moreFuncs: [1] });
  invalid([CALL, 5], 'unknown function 5', { types, moreFuncs: [1] });
  valid([...i32(1), ...f64, ...i32(0), CALL_INDIRECT, 1, 0, DROP], { types, table: [1, FUNCREF] });
  invalid([...i32(0), CALL_INDIRECT, 0, 0], 'unknown table 0');
  invalid([...i32(0), CALL_INDIRECT, 7, 0], 'unknown type 7', { table: [1, FUNCREF] });
  invalid([...i32(0), CALL_INDIRECT, 0, 0], 'type mismatch', { table: [1, EXTERNREF] });
});

test('memory instructions: memory 0 must exist, alignment at most natural', () => {
  valid([...i32(0), I32_LOAD, 2, 0, ...i32(0), I32_STORE, 2, 4, MEMORY_SIZE, 0, MEMORY_GROW, 0, DROP], MEM);
  valid([...i32(0), I32_LOAD8_U, 0, 0, DROP, ...i32(0), I64_LOAD, 3, 0, DROP], MEM);
  invalid([...i32(0), I32_LOAD, 3, 0, DROP], 'alignment must not be larger than natural', MEM);
  invalid([...i32(0), I32_LOAD8_U, 1, 0, DROP], 'alignment must not be larger than natural', MEM);
  invalid([...i32(0), I32_LOAD, 2, 0, DROP], 'unknown memory 0');
  invalid([MEMORY_SIZE, 0, DROP], 'unknown memory 0');
  invalid([...i64(0), I32_LOAD, 2, 0, DROP], 'type mismatch', MEM);
  malformed([MEMORY_SIZE, 1, DROP], 'zero byte expected', MEM);
  malformed([...i32(0), I32_LOAD, 0x20, 0, DROP], 'malformed memop flags', MEM);
  const three = [...i32(0), ...i32(0), ...i32(0)];
  valid([...three, FC, 0x0a, 0, 0, ...three, FC, 0x0b, 0], MEM); // memory.copy, memory.fill
  invalid([...three, FC, 0x0b, 0], 'unknown memory 0');
});

test('memory.init and data.drop: data count section and data segment indices', () => {
  const data = section(SEC.data, vec([[0x01, 0x01, 0x61]]));
  const count = section(SEC.dataCount, u32(1));
  const three = [...i32(0), ...i32(0), ...i32(0)];
  valid([...three, FC, 0x08, 0, 0, FC, 0x09, 0], { ...MEM, sections: [count, data] });
  invalid([FC, 0x09, 1], 'unknown data segment 1', { sections: [count, data] });
  invalid([...three, FC, 0x08, 0, 0], 'unknown memory 0', { sections: [count, data] });
  malformed([FC, 0x09, 0], 'data count section required', { sections: [data] });
  malformed([...three, FC, 0x08, 0, 0], 'data count section required', { ...MEM, sections: [data] });
  // Out of range without a data count section: the index error (wast2json omits the section for such modules).
  invalid([FC, 0x09, 0], 'unknown data segment 0');
});

test('reference types and table instructions', () => {
  const elem = section(SEC.element, vec([[0x03, 0x00, ...vec([u32(0)])]])); // declarative: ref.func 0
  valid([REF_FUNC, 0, REF_IS_NULL, DROP], { sections: [elem] });
  invalid([REF_FUNC, 0, DROP], 'undeclared function reference');
  invalid([REF_FUNC, 4, DROP], 'unknown function 4');
  invalid([...i32(0), REF_IS_NULL, DROP], 'type mismatch');
  const t: Opts = { table: [1, EXTERNREF] };
  valid([...i32(0), TABLE_GET, 0, ...i32(0), REF_NULL, EXTERNREF, TABLE_SET, 0, REF_IS_NULL, DROP], t);
  valid([REF_NULL, EXTERNREF, ...i32(1), FC, 0x0f, 0, DROP, FC, 0x10, 0, DROP], t); // table.grow, table.size
  valid([...i32(0), REF_NULL, EXTERNREF, ...i32(1), FC, 0x11, 0], t); // table.fill
  invalid([...i32(0), REF_NULL, FUNCREF, TABLE_SET, 0], 'type mismatch', t);
  invalid([FC, 0x10, 1, DROP], 'unknown table 1', t);
  const passive = section(SEC.element, vec([[0x01, 0x00, ...vec([u32(0)])]]));
  const three = [...i32(0), ...i32(0), ...i32(0)];
  valid([...three, FC, 0x0c, 0, 0, FC, 0x0d, 0], { table: [1, FUNCREF], sections: [passive] }); // table.init, elem.drop
  invalid([...three, FC, 0x0c, 0, 0], 'type mismatch', { table: [1, EXTERNREF], sections: [passive] });
  invalid([FC, 0x0d, 3], 'unknown elem segment 3', { sections: [passive] });
  valid([...three, FC, 0x0e, 0, 0], { table: [1, FUNCREF] }); // table.copy
});

test('decoding errors inside bodies are malformed', () => {
  malformed([ELSE], 'END opcode expected');
  malformed([BLOCK, EMPTY, ELSE, END], 'END opcode expected');
  malformed([...i32(1), IF, EMPTY, ELSE, ELSE, END], 'END opcode expected');
  malformed([0x06], 'illegal opcode');
  malformed([FC, 0x20], 'illegal opcode');
  rejects('unsupported', [0xfd, 0x0f], 'SIMD is not supported yet');
});

test('body boundaries: trailing bytes, missing end', () => {
  // Bytes after the final end of the body.
  const trailing = simpleModule({ types: [[[], []]], funcs: [{ type: 0, body: [END, NOP] }] });
  assert.throws(() => run(trailing), (e: unknown) => e instanceof CompileError && e.kind === 'malformed' && e.reason === 'section size mismatch');
  // A body without its end, last in the module.
  const open = simpleModule({ types: [[[], []]], funcs: [{ type: 0, body: [NOP] }] });
  assert.throws(() => run(open), (e: unknown) => e instanceof CompileError && e.reason === 'unexpected end of section or function');
});

test('a malformed body is reported before an invalid one, whatever their order', () => {
  const bytes = simpleModule({
    types: [[[], []]],
    funcs: [
      { type: 0, body: [...i32(1), END] }, // invalid: leaves a value
      { type: 0, body: [0xff, END] }, // malformed
    ],
  });
  assert.throws(() => run(bytes), (e: unknown) => e instanceof CompileError && e.kind === 'malformed' && e.reason === 'illegal opcode');
  // Within one function too.
  malformed([...i64(1), I32_EQZ, 0xff], 'illegal opcode');
});

test('feature switches remove their instructions', () => {
  const mvp: Features = { ...DEFAULT_FEATURES, signExtension: false, saturatingFloatToInt: false, referenceTypes: false, bulkMemory: false };
  malformed([...i32(1), I32_EXTEND8_S, DROP], 'illegal opcode', { features: mvp });
  malformed([...f32, FC, 0x00, DROP], 'illegal opcode', { features: mvp });
  malformed([REF_NULL, FUNCREF, DROP], 'illegal opcode', { features: mvp });
  malformed([...i32(0), ...i32(0), ...i32(0), FC, 0x0b, 0], 'illegal opcode', { ...MEM, features: mvp });
  valid([...i32(1), DROP], { features: mvp });
});

test('deep nesting grows the stacks', () => {
  const depth = 5000;
  const body = [...new Array<number[]>(depth).fill([BLOCK, I32]).flat(), ...i32(1), ...new Array<number>(depth).fill(END)];
  valid(body, { results: [I32] });
  const wide = new Array<number[]>(3000).fill(i32(1)).flat();
  valid([...wide, ...new Array<number>(3000).fill(DROP)]);
});
