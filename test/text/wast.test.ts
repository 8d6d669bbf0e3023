import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TextError } from '../../src/text/text_error.js';
import { parseWast } from '../../src/text/wast_parser.js';
import { wastCommandFromJson, wastResultFromJson, wastValueFromJson } from '../../src/text/wast_json.js';
import type { WastCommand } from '../../src/text/wast_script.js';

const SCRIPT = `
(module $M (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (global (export "g") i32 (i32.const 42)))
(register "m" $M)
(assert_return (invoke $M "add" (i32.const -1) (i32.const 1)) (i32.const 0))
(assert_return (get "g") (i32.const 42))
(invoke "add" (i32.const 1) (i32.const 2))
(assert_trap (invoke "add" (i32.const 0) (i32.const 0)) "unreachable")
(assert_exhaustion (invoke "add") "call stack exhausted")
(assert_malformed (module quote "(func (i32.const 0x))") "unknown operator")
(assert_invalid (module (func (result i32))) "type mismatch")
(assert_unlinkable (module (import "m" "nope" (func))) "unknown import")
(assert_trap (module (func $f unreachable) (start $f)) "unreachable")
(module binary "\\00asm" "\\01\\00\\00\\00")
(module definition $D (func))
(module instance $I $D)
(module instance $D)
(assert_exception (invoke "throws"))
`;

function kinds(cmds: readonly WastCommand[]): string[] {
  return cmds.map((c) => c.kind);
}

test('every command kind parses, with its position', () => {
  const s = parseWast(SCRIPT, 's.wast');
  assert.equal(s.file, 's.wast');
  assert.deepEqual(kinds(s.commands), [
    'module', 'register', 'assert_return', 'assert_return', 'action', 'assert_trap', 'assert_exhaustion',
    'assert_malformed', 'assert_invalid', 'assert_unlinkable', 'assert_uninstantiable', 'module', 'module',
    'instance', 'instance', 'assert_exception',
  ]);
  const [m, reg, ret] = s.commands;
  assert.deepEqual(m!.loc, { line: 2, col: 1 });
  assert.ok(m!.kind === 'module' && m.module.name === 'M' && m.module.kind === 'text' && !m.definition);
  assert.ok(reg!.kind === 'register' && reg.as === 'm' && reg.name === 'M');
  assert.ok(ret!.kind === 'assert_return' && ret.action.kind === 'invoke');
  assert.equal(ret.action.module, 'M');
  assert.deepEqual(ret.action.args, [
    { type: 'i32', bits: 0xffffffff },
    { type: 'i32', bits: 1 },
  ]);
  assert.deepEqual(ret.loc, { line: 5, col: 1 });
  const get = s.commands[3]!;
  assert.ok(get.kind === 'assert_return' && get.action.kind === 'get' && get.action.field === 'g' && get.action.module === null);
  const bin = s.commands[11]!;
  assert.ok(bin.kind === 'module' && bin.module.kind === 'binary');
  assert.deepEqual([...bin.module.toBinary()], [0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  const def = s.commands[12]!;
  assert.ok(def.kind === 'module' && def.definition && def.module.name === 'D');
  assert.deepEqual(s.commands[13], { kind: 'instance', loc: { line: 16, col: 1 }, instance: 'I', module: 'D' });
  assert.deepEqual(s.commands[14], { kind: 'instance', loc: { line: 17, col: 1 }, instance: null, module: 'D' });
});

test('quoted modules are parsed only on demand, so assert_malformed sees the error', () => {
  const s = parseWast('(assert_malformed (module quote "(func" " (i32.const 0x))") "unknown operator")', 'q.wast');
  const c = s.commands[0]!;
  assert.ok(c.kind === 'assert_malformed' && c.module.kind === 'quote');
  assert.throws(
    () => c.module.toBinary(),
    (e: unknown) => e instanceof TextError && e.reason === 'unknown operator 0x' && e.file === 'q.wast:1:19(quote)' && e.col === 18,
  );
  const ok = parseWast('(module quote "(memory 1)")', 'q.wast').commands[0]!;
  assert.ok(ok.kind === 'module');
  assert.deepEqual([...ok.module.toBinary()].slice(8), [5, 3, 1, 0, 1]);
});

test('argument values are exact bit patterns', () => {
  const s = parseWast(
    '(invoke "f" (i64.const -1) (f32.const -0) (f64.const nan:0x4) (v128.const i8x16 -1 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0x80) (ref.null func) (ref.null extern) (ref.extern 7) (ref.host 1) (ref.null 3))',
    'v.wast',
  );
  const c = s.commands[0]!;
  assert.ok(c.kind === 'action' && c.action.kind === 'invoke');
  const bytes = new Uint8Array(16);
  bytes[0] = 0xff;
  bytes[15] = 0x80;
  assert.deepEqual(c.action.args, [
    { type: 'i64', bits: 0xffffffffffffffffn },
    { type: 'f32', bits: 0x80000000 },
    { type: 'f64', bits: 0x7ff0000000000004n },
    { type: 'v128', bytes },
    { type: 'ref.null', heapType: 'func' },
    { type: 'ref.null', heapType: 'extern' },
    { type: 'ref.extern', host: 7 },
    { type: 'ref.host', host: 1 },
    { type: 'ref.null', heapType: 3 },
  ]);
});

test('result patterns: NaN classes, vector lanes, reference classes, either', () => {
  const s = parseWast(
    '(assert_return (invoke "f") (f32.const nan:canonical) (f64.const nan:arithmetic) (v128.const f32x4 nan:canonical 1 -0 nan:arithmetic) (v128.const i16x8 -1 0 0 0 0 0 0 1) (ref.null) (ref.null any) (ref.func) (ref) (ref.struct) (ref.array) (ref.i31) (ref.eq) (ref.extern) (ref.extern 2) (either (i32.const 1) (i32.const 2)))',
    'r.wast',
  );
  const c = s.commands[0]!;
  assert.ok(c.kind === 'assert_return');
  assert.deepEqual(c.expected, [
    { kind: 'nan', type: 'f32', nan: 'canonical' },
    { kind: 'nan', type: 'f64', nan: 'arithmetic' },
    { kind: 'v128', laneType: 'f32', lanes: ['nan:canonical', 0x3f800000, 0x80000000, 'nan:arithmetic'] },
    { kind: 'v128', laneType: 'i16', lanes: [0xffff, 0, 0, 0, 0, 0, 0, 1] },
    { kind: 'null' },
    { kind: 'value', value: { type: 'ref.null', heapType: 'any' } },
    { kind: 'ref', heapType: 'func' },
    { kind: 'ref', heapType: 'any' },
    { kind: 'ref', heapType: 'struct' },
    { kind: 'ref', heapType: 'array' },
    { kind: 'ref', heapType: 'i31' },
    { kind: 'ref', heapType: 'eq' },
    { kind: 'ref', heapType: 'extern' },
    { kind: 'value', value: { type: 'ref.extern', host: 2 } },
    { kind: 'either', options: [{ kind: 'value', value: { type: 'i32', bits: 1 } }, { kind: 'value', value: { type: 'i32', bits: 2 } }] },
  ]);
});

test('a script of bare module fields is one module', () => {
  const s = parseWast('(func (export "f")) (memory 1)', 'bare.wast');
  assert.deepEqual(kinds(s.commands), ['module']);
  const m = s.commands[0]!;
  assert.ok(m.kind === 'module' && m.module.toBinary().length > 8);
});

test('malformed scripts are TextErrors with positions', () => {
  assert.throws(() => parseWast('(assert_return (invoke "f" (i32.const 1)) (i32.const))', 'e.wast'), (e: unknown) => e instanceof TextError && e.line === 1);
  assert.throws(() => parseWast('(frobnicate)', 'e.wast'), (e: unknown) => e instanceof TextError && e.reason.startsWith('unknown operator'));
  assert.throws(() => parseWast('(assert_trap (module definition (func)) "x")', 'e.wast'), (e: unknown) => e instanceof TextError && e.reason === 'misplaced module definition');
  assert.throws(() => parseWast('(assert_return (invoke "f") (v128.const i32x4 nan:canonical 0 0 0))', 'e.wast'), (e: unknown) => e instanceof TextError && e.reason === 'invalid vector constant');
  const deep = `(assert_return (invoke "f") ${'(either '.repeat(5000)}(i32.const 1)${')'.repeat(5000)})`;
  assert.throws(() => parseWast(deep, 'e.wast'), (e: unknown) => e instanceof TextError);
});

test('JSON (wast2json) commands convert to the same model as the text form', () => {
  const text = parseWast(
    '(assert_return (invoke $M "f" (i32.const -1) (f64.const -0x1p-1) (ref.null extern) (ref.extern 1)) (f32.const nan:arithmetic) (v128.const i64x2 -1 2) (ref.null func))',
    't.wast',
  ).commands[0]!;
  const json = wastCommandFromJson(
    {
      type: 'assert_return',
      line: 1,
      action: {
        type: 'invoke',
        module: '$M',
        field: 'f',
        args: [
          { type: 'i32', value: '4294967295' },
          { type: 'f64', value: '13826050856027422720' },
          { type: 'externref', value: 'null' },
          { type: 'externref', value: '1' },
        ],
      },
      expected: [
        { type: 'f32', value: 'nan:arithmetic' },
        { type: 'v128', lane_type: 'i64', value: ['18446744073709551615', '2'] },
        { type: 'funcref', value: 'null' },
      ],
    },
    () => new Uint8Array(0),
  );
  assert.ok(text.kind === 'assert_return' && json.kind === 'assert_return');
  assert.deepEqual(json.action, { ...text.action, loc: { line: 1, col: 0 } });
  assert.deepEqual(json.expected, text.expected);
  assert.deepEqual(wastValueFromJson({ type: 'v128', lane_type: 'i8', value: Array(16).fill('255') }), { type: 'v128', bytes: new Uint8Array(16).fill(255) });
  assert.deepEqual(wastResultFromJson({ type: 'funcref' }), { kind: 'ref', heapType: 'func' });
  let read = 0;
  const mod = wastCommandFromJson({ type: 'assert_malformed', line: 3, filename: 'x.1.wat', text: 'unknown operator', module_type: 'text' }, () => {
    read++;
    return new TextEncoder().encode('(func (i32.const 0x))');
  });
  assert.equal(read, 0, 'module files are read lazily');
  assert.ok(mod.kind === 'assert_malformed' && mod.module.kind === 'quote');
  assert.throws(() => mod.module.toBinary(), (e: unknown) => e instanceof TextError && e.reason.startsWith('unknown operator'));
});
