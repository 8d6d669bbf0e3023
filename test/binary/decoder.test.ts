import { test } from 'node:test';
import assert from 'node:assert/strict';
import { decodeModule, MAX_FUNCTION_LOCALS } from '../../src/binary/decoder.js';
import { CompileError } from '../../src/core/compile_error.js';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { ExternKind, ValType } from '../../src/core/types.js';
import {
  codeEntry,
  concat,
  EXTERNREF,
  F32,
  F64,
  FUNCREF,
  funcType,
  I32,
  I64,
  SEC,
  section,
  sleb,
  str,
  u32,
  vec,
  wasmModule,
} from '../validate/wasm_builder.js';

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
const END = 0x0b;

function fails(bytes: Uint8Array, kind: CompileError['kind'], reason: string, offset?: number): void {
  assert.throws(
    () => decodeModule(bytes),
    (e: unknown) => {
      assert.ok(e instanceof CompileError, `expected CompileError, got ${String(e)}`);
      assert.equal(e.kind, kind);
      assert.equal(e.reason, reason);
      if (offset !== undefined) assert.equal(e.offset, offset);
      return true;
    },
  );
}

const typeSec = (...types: number[][]): number[] => section(SEC.type, vec(types));
const funcSec = (...typeIdx: number[]): number[] => section(SEC.function, vec(typeIdx.map((t) => u32(t))));
const codeSec = (...entries: number[][]): number[] => section(SEC.code, vec(entries));
const emptyBody = codeEntry([], [END]);

test('header: magic, version and truncation', () => {
  fails(new Uint8Array(0), 'malformed', 'unexpected end', 0);
  fails(Uint8Array.from([0x00, 0x61, 0x73]), 'malformed', 'unexpected end');
  fails(Uint8Array.from([0x00, 0x61, 0x73, 0x6e, 1, 0, 0, 0]), 'malformed', 'magic header not detected', 0);
  fails(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 2, 0, 0, 0]), 'malformed', 'unknown binary version', 4);
  fails(Uint8Array.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0]), 'malformed', 'unexpected end');
  const info = decodeModule(wasmModule());
  assert.equal(info.types.length, 0);
  assert.equal(info.codes.length, 0);
  assert.equal(info.start, null);
  assert.equal(info.dataCount, null);
  assert.equal(info.names.module, null);
});

test('every section decodes into ModuleInfo', () => {
  const bytes = wasmModule(
    typeSec(funcType([I32, I64], [F32]), funcType([], [])),
    section(
      SEC.import,
      vec([
        [...str('env'), ...str('f'), 0x00, 0x00],
        [...str('env'), ...str('t'), 0x01, FUNCREF, 0x01, 0x01, 0x02],
        [...str('env'), ...str('m'), 0x02, 0x00, 0x03],
        [...str('env'), ...str('g'), 0x03, F64, 0x01],
      ]),
    ),
    funcSec(1, 0),
    section(SEC.table, vec([[EXTERNREF, 0x00, 0x05]])),
    section(SEC.global, vec([[I64, 0x00, 0x42, ...sleb(-5), END], [I32, 0x01, 0x41, ...sleb(7), END]])),
    section(SEC.export, vec([[...str('run'), 0x00, 0x01], [...str('mem'), 0x02, 0x00], [...str('glob'), 0x03, 0x02]])),
    section(SEC.start, u32(1)),
    section(SEC.dataCount, u32(1)),
    codeSec(codeEntry([], [END]), codeEntry([[2, I32], [1, F64]], [0x41, 0x00, 0x1a, END])),
    section(SEC.data, vec([[0x01, ...u32(3), 1, 2, 3]])),
    section(SEC.custom, [...str('extra'), 9, 8]),
  );
  const info = decodeModule(bytes, DEFAULT_FEATURES);
  assert.equal(info.bytes, bytes);
  assert.deepEqual(info.types.map((t) => [t.params, t.results]), [[[I32, I64], [F32]], [[], []]]);
  assert.equal(info.imports.length, 4);
  assert.deepEqual(info.imports.map((i) => [i.module, i.name, i.type.kind, i.typeIndex]), [
    ['env', 'f', ExternKind.func, 0],
    ['env', 't', ExternKind.table, -1],
    ['env', 'm', ExternKind.memory, -1],
    ['env', 'g', ExternKind.global, -1],
  ]);
  assert.equal(info.imports[0]!.type.kind === ExternKind.func && info.imports[0]!.type.type, info.types[0]);
  assert.deepEqual(info.funcTypeIndices, [0, 1, 0]);
  assert.equal(info.importedFuncCount, 1);
  assert.deepEqual(info.tables, [
    { element: FUNCREF, limits: { min: 1, max: 2 } },
    { element: EXTERNREF, limits: { min: 5, max: null } },
  ]);
  assert.equal(info.importedTableCount, 1);
  assert.deepEqual(info.memories, [{ limits: { min: 3, max: null }, shared: false }]);
  assert.equal(info.importedMemoryCount, 1);
  assert.deepEqual(info.globals, [
    { type: F64, mutable: true },
    { type: I64, mutable: false },
    { type: I32, mutable: true },
  ]);
  assert.equal(info.importedGlobalCount, 1);
  assert.deepEqual(info.globalInits.map((g) => g.instrs.map((i) => [i.opcode, i.value])), [[[0x42, -5n]], [[0x41, 7]]]);
  assert.deepEqual(info.exports.map((x) => [x.name, x.kind, x.index]), [
    ['run', ExternKind.func, 1],
    ['mem', ExternKind.memory, 0],
    ['glob', ExternKind.global, 2],
  ]);
  assert.equal(info.start, 1);
  assert.equal(bytes[info.startOffset], 1);
  assert.equal(info.dataCount, 1);
  assert.equal(info.codes.length, 2);
  const body = info.codes[1]!;
  assert.deepEqual(body.localRuns, [{ count: 2, type: I32 }, { count: 1, type: F64 }]);
  assert.equal(body.localCount, 3);
  assert.deepEqual([...bytes.subarray(body.codeStart, body.codeEnd)], [0x41, 0x00, 0x1a, END]);
  assert.equal(info.datas.length, 1);
  assert.equal(info.datas[0]!.mode, 'passive');
  assert.deepEqual([...info.datas[0]!.data], [1, 2, 3]);
  assert.deepEqual(info.customSections.map((c) => [c.name, [...c.data]]), [['extra', [9, 8]]]);
  // Declaration offsets point at the import entry or the section entry.
  assert.equal(info.funcOffsets.length, 3);
  assert.equal(info.funcOffsets[0], info.imports[0]!.offset);
  assert.equal(bytes[info.funcOffsets[1]!], 1);
  assert.equal(info.tableOffsets.length, 2);
  assert.equal(bytes[info.tableOffsets[1]!], EXTERNREF);
  assert.equal(info.globalOffsets.length, 3);
});

test('the eight element segment encodings', () => {
  const off = [0x41, 0x02, END];
  const refFunc = (f: number): number[] => [0xd2, ...u32(f), END];
  const bytes = wasmModule(
    typeSec(funcType([], [])),
    funcSec(0, 0),
    section(SEC.table, vec([[FUNCREF, 0x00, 0x0a], [FUNCREF, 0x00, 0x0a]])),
    section(
      SEC.element,
      vec([
        [0x00, ...off, ...vec([u32(0), u32(1)])],
        [0x01, 0x00, ...vec([u32(1)])],
        [0x02, ...u32(1), ...off, 0x00, ...vec([u32(0)])],
        [0x03, 0x00, ...vec([u32(1)])],
        [0x04, ...off, ...vec([refFunc(0), [0xd0, FUNCREF, END]])],
        [0x05, FUNCREF, ...vec([refFunc(1)])],
        [0x06, ...u32(1), ...off, EXTERNREF, ...vec([[0xd0, EXTERNREF, END]])],
        [0x07, FUNCREF, ...vec([refFunc(0)])],
      ]),
    ),
    codeSec(emptyBody, emptyBody),
  );
  const elems = decodeModule(bytes).elems;
  assert.deepEqual(elems.map((e) => [e.mode, e.table, e.type, e.offsetExpr === null]), [
    ['active', 0, FUNCREF, false],
    ['passive', 0, FUNCREF, true],
    ['active', 1, FUNCREF, false],
    ['declarative', 0, FUNCREF, true],
    ['active', 0, FUNCREF, false],
    ['passive', 0, FUNCREF, true],
    ['active', 1, EXTERNREF, false],
    ['declarative', 0, FUNCREF, true],
  ]);
  const items = elems.map((e) => e.items.map((c) => c.instrs.map((i) => [i.opcode, i.value])));
  assert.deepEqual(items, [
    [[[0xd2, 0]], [[0xd2, 1]]],
    [[[0xd2, 1]]],
    [[[0xd2, 0]]],
    [[[0xd2, 1]]],
    [[[0xd2, 0]], [[0xd0, FUNCREF]]],
    [[[0xd2, 1]]],
    [[[0xd0, EXTERNREF]]],
    [[[0xd2, 0]]],
  ]);
  assert.deepEqual(elems[0]!.offsetExpr!.instrs.map((i) => [i.opcode, i.value]), [[0x41, 2]]);
  fails(wasmModule(section(SEC.element, vec([[0x08]]))), 'malformed', 'malformed elements segment kind');
  fails(wasmModule(section(SEC.element, vec([[0x01, 0x01, 0x00]]))), 'malformed', 'malformed element kind');
  fails(wasmModule(section(SEC.element, vec([[0x05, I32, 0x00]]))), 'malformed', 'malformed reference type');
});

test('the three data segment encodings', () => {
  const bytes = wasmModule(
    section(SEC.memory, vec([[0x00, 0x01]])),
    section(SEC.data, vec([[0x00, 0x41, 0x10, END, ...u32(2), 7, 8], [0x01, ...u32(1), 9], [0x02, 0x00, 0x41, 0x20, END, ...u32(0)]])),
  );
  const datas = decodeModule(bytes).datas;
  assert.deepEqual(datas.map((d) => [d.mode, d.memory, d.offsetExpr?.instrs[0]?.value ?? null, [...d.data]]), [
    ['active', 0, 0x10, [7, 8]],
    ['passive', 0, null, [9]],
    ['active', 0, 0x20, []],
  ]);
  fails(wasmModule(section(SEC.data, vec([[0x03]]))), 'malformed', 'malformed data segment kind');
  // A length larger than the bytes left (counted from the length itself) is out of bounds; one that only runs
  // past the end is an unexpected end (the reference interpreter's two checks).
  fails(wasmModule(section(SEC.data, [0x01, 0x01, 0x04, 1, 2])), 'malformed', 'length out of bounds');
  fails(wasmModule(section(SEC.data, [0x01, 0x01, 0x03, 1, 2])), 'malformed', 'unexpected end of section or function');
});

test('section order, ids and sizes', () => {
  const t = typeSec(funcType([], []));
  const f = funcSec(0);
  const c = codeSec(emptyBody);
  const custom = section(SEC.custom, str('x'));
  assert.equal(decodeModule(wasmModule(custom, t, custom, f, custom, c, custom)).customSections.length, 4);
  fails(wasmModule(f, t, c), 'malformed', 'unexpected content after last section', HEADER.length + f.length);
  fails(wasmModule(t, t), 'malformed', 'unexpected content after last section');
  // The data count section goes between element and code sections.
  assert.equal(decodeModule(wasmModule(section(SEC.element, vec([])), section(SEC.dataCount, u32(0)), section(SEC.code, vec([])))).dataCount, 0);
  fails(wasmModule(section(SEC.code, vec([])), section(SEC.dataCount, u32(0))), 'malformed', 'unexpected content after last section');
  fails(wasmModule([13, 0x00]), 'malformed', 'malformed section id', HEADER.length);
  // Declared size larger than the content consumes, and smaller.
  fails(wasmModule([SEC.type, 0x05, 0x01, 0x60, 0x00, 0x00, 0x00]), 'malformed', 'section size mismatch', HEADER.length + 2);
  fails(wasmModule([SEC.type, 0x03, 0x01, 0x60, 0x00, 0x00]), 'malformed', 'section size mismatch');
  // Declared size beyond the end of the module.
  fails(wasmModule([SEC.type, 0x09, 0x01, 0x60, 0x00, 0x00]), 'malformed', 'length out of bounds');
  fails(wasmModule([SEC.type, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00]), 'malformed', 'integer representation too long');
  fails(wasmModule([SEC.type, 0xff, 0xff, 0xff, 0xff, 0x7f]), 'malformed', 'integer too large');
});

test('function/code and data count consistency', () => {
  const t = typeSec(funcType([], []));
  fails(wasmModule(t, funcSec(0, 0), codeSec(emptyBody)), 'malformed', 'function and code section have inconsistent lengths');
  fails(wasmModule(t, codeSec(emptyBody)), 'malformed', 'function and code section have inconsistent lengths');
  fails(wasmModule(section(SEC.dataCount, u32(1))), 'malformed', 'data count and data section have inconsistent lengths');
  fails(
    wasmModule(section(SEC.dataCount, u32(2)), section(SEC.data, vec([[0x01, 0x00]]))),
    'malformed',
    'data count and data section have inconsistent lengths',
  );
});

test('locals: the spec limit and the 50,000 implementation limit (parameters included)', () => {
  const t = typeSec(funcType([I32], []));
  const withLocals = (runs: [number, number][]): Uint8Array => wasmModule(t, funcSec(0), codeSec(codeEntry(runs, [END])));
  assert.equal(decodeModule(withLocals([[MAX_FUNCTION_LOCALS - 1, I32]])).codes[0]!.localCount, MAX_FUNCTION_LOCALS - 1);
  fails(withLocals([[MAX_FUNCTION_LOCALS, I32]]), 'malformed', 'too many locals');
  fails(withLocals([[0xffffffff, I32], [2, I64]]), 'malformed', 'too many locals');
  fails(withLocals([[0x40000000, I32], [0x40000000, I64], [0x40000000, F32], [0x40000000, F64]]), 'malformed', 'too many locals');
  fails(withLocals([[1, 0x40]]), 'malformed', 'malformed value type');
});

test('types, limits, mutability, import and export kinds', () => {
  fails(wasmModule(section(SEC.type, vec([[0x61, 0x00, 0x00]]))), 'malformed', 'malformed function type');
  fails(wasmModule(section(SEC.type, vec([[0xe0, 0x7f, 0x00, 0x00]]))), 'malformed', 'integer representation too long');
  fails(wasmModule(section(SEC.memory, vec([[0x02, 0x00]]))), 'malformed', 'integer too large');
  fails(wasmModule(section(SEC.memory, vec([[0x81, 0x00, 0x00]]))), 'malformed', 'integer representation too long');
  fails(wasmModule(section(SEC.table, vec([[I32, 0x00, 0x00]]))), 'malformed', 'malformed reference type');
  fails(wasmModule(section(SEC.global, vec([[I32, 0x02, 0x41, 0x00, END]]))), 'malformed', 'malformed mutability');
  fails(wasmModule(section(SEC.import, vec([[...str('a'), ...str('b'), 0x04, 0x00]]))), 'malformed', 'malformed import kind');
  fails(wasmModule(section(SEC.export, vec([[...str('a'), 0x04, 0x00]]))), 'malformed', 'malformed export kind');
  fails(wasmModule(section(SEC.import, vec([[...str('a'), 0x02, 0xc0, 0x80, 0x00, 0x00]]))), 'malformed', 'malformed UTF-8 encoding');
  // Limits values are not range-checked by the decoder (validation does that).
  assert.deepEqual(decodeModule(wasmModule(section(SEC.memory, vec([[0x01, ...u32(70000), ...u32(2)]])))).memories[0]!.limits, {
    min: 70000,
    max: 2,
  });
});

test('v128 and SIMD instructions are unsupported unless features.simd', () => {
  const g = wasmModule(section(SEC.global, vec([[0x7b, 0x00, 0xfd, 0x0c, ...new Array<number>(16).fill(0), END]])));
  fails(g, 'unsupported', 'SIMD is not supported yet');
  const local = wasmModule(typeSec(funcType([], [])), funcSec(0), codeSec(codeEntry([[1, 0x7b]], [END])));
  fails(local, 'unsupported', 'SIMD is not supported yet');
});

test('constant expressions keep every instruction up to their own end', () => {
  const f32bits = [0x00, 0x00, 0xc0, 0x3f]; // 1.5
  const f64bits = [0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf8, 0xbf]; // -1.5
  const bytes = wasmModule(
    section(
      SEC.global,
      vec([
        [F32, 0x00, 0x43, ...f32bits, END],
        [F64, 0x00, 0x44, ...f64bits, END],
        // A nested block's `end` does not end the expression; non-constant instructions are kept.
        [I32, 0x00, 0x02, 0x40, END, 0x41, 0x01, 0x41, 0x02, 0x6a, END],
        [FUNCREF, 0x00, 0xd0, FUNCREF, END],
        [I32, 0x00, 0x23, 0x05, END],
      ]),
    ),
  );
  const inits = decodeModule(bytes).globalInits.map((g) => g.instrs.map((i) => [i.opcode, i.value]));
  assert.deepEqual(inits, [
    [[0x43, 0x3fc00000]],
    [[0x44, 0xbff8000000000000n]],
    [[0x02, 0], [0x0b, 0], [0x41, 1], [0x41, 2], [0x6a, 0]],
    [[0xd0, FUNCREF]],
    [[0x23, 5]],
  ]);
  fails(wasmModule(section(SEC.global, vec([[I32, 0x00, 0x41, 0x00, 0x05, END]]))), 'malformed', 'END opcode expected');
  // Missing `end`: the next section's id is read as an instruction, as the reference interpreter does.
  fails(wasmModule(section(SEC.global, [0x01, I32, 0x00, 0x41, 0x00]), section(SEC.code, vec([]))), 'malformed', 'illegal opcode');
});

test('custom sections: name inside the section, data is the rest', () => {
  const info = decodeModule(wasmModule(section(SEC.custom, [...str('hello'), 1, 2, 3])));
  assert.equal(info.customSections[0]!.name, 'hello');
  assert.deepEqual([...info.customSections[0]!.data], [1, 2, 3]);
  assert.equal(info.customSections[0]!.offset, HEADER.length);
  fails(wasmModule([SEC.custom]), 'malformed', 'unexpected end');
  fails(wasmModule([SEC.custom, 0x00]), 'malformed', 'unexpected end of section or function');
  fails(wasmModule([SEC.custom, 0x01, 0x05, 0x61, 0x61, 0x61, 0x61, 0x61]), 'malformed', 'unexpected end of section or function');
  fails(wasmModule(section(SEC.custom, [0x02, 0xff, 0xfe])), 'malformed', 'malformed UTF-8 encoding');
});

test('a malformed function body wins over a later malformed section, as in the spec order', () => {
  const t = typeSec(funcType([], []));
  // Body with an illegal opcode, then a data section with a bad segment kind.
  const bytes = wasmModule(t, funcSec(0), codeSec(codeEntry([], [0xff, END])), section(SEC.data, vec([[0x07]])));
  fails(bytes, 'malformed', 'illegal opcode');
  // A well-formed body does not hide the later error.
  fails(wasmModule(t, funcSec(0), codeSec(emptyBody), section(SEC.data, vec([[0x07]]))), 'malformed', 'malformed data segment kind');
});

test('code entries must fit their declared size and the module', () => {
  const t = typeSec(funcType([], []));
  // Entry size 1 but the local declarations take 3 bytes.
  const entry = [0x01, 0x01, 0x01, I32, END];
  fails(wasmModule(t, funcSec(0), section(SEC.code, concat([[0x01], entry]))), 'malformed', 'section size mismatch');
  fails(wasmModule(t, funcSec(0), [SEC.code, 0x03, 0x01, 0x02, 0x00]), 'malformed', 'unexpected end of section or function');
  fails(wasmModule(t, funcSec(0), [SEC.code, 0x03, 0x01, 0x03, 0x00]), 'malformed', 'length out of bounds');
});
