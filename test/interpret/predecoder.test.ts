/**
 * The predecoder: branch targets, destination heights and arities, frame layout, and the fuel segments it places.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_FEATURES } from '../../src/core/features.js';
import { decodeModule } from '../../src/binary/decoder.js';
import { validateModule } from '../../src/validate/module_validator.js';
import { watToBinary } from '../../src/text/wat.js';
import { IOp, arithIndex, fusableIndex } from '../../src/interpret/internal_ops.js';
import type { InterpretOptions } from '../../src/interpret/interpret_options.js';
import { paramSlots, predecodeFunction, type PredecodedFunction } from '../../src/interpret/predecoder.js';
import { ValType } from '../../src/core/types.js';

/** Operand words after each internal opcode (br_table: variable, handled by `instructions`). */
const OPERANDS: Record<number, number> = {
  [IOp.unreachable]: 0, [IOp.ifFalse]: 1, [IOp.jump]: 1, [IOp.localGetRef]: 1, [IOp.localSetRef]: 1, [IOp.localTeeRef]: 1,
  [IOp.br]: 3, [IOp.brIf]: 3, [IOp.ret]: 0, [IOp.call]: 1, [IOp.callIndirect]: 2, [IOp.callDefined]: 1,
  [IOp.fuel]: 1, [IOp.fuelCheck]: 1, [IOp.epoch]: 0, [IOp.hot]: 0, [IOp.drop]: 0, [IOp.select]: 0, [IOp.localGet]: 1, [IOp.localSet]: 1,
  [IOp.localTee]: 1, [IOp.i32Const]: 1, [IOp.const64]: 2, 0x6a: 0, 0x6b: 0, 0x45: 0, 0x4a: 0, 0x4d: 0, 0x71: 0,
};

/** The instructions of predecoded code: [position, opcode, operands]. */
function instructions(code: Int32Array): [number, number, number[]][] {
  const out: [number, number, number[]][] = [];
  let pc = 0;
  while (pc < code.length) {
    const op = code[pc]!;
    let n: number;
    if (op === IOp.brTable) n = 1 + 3 * (code[pc + 1]! + 1);
    else if (op >= IOp.i32ConstOp && op < IOp.i32LocalOp + 25) n = 1;
    else if (op >= IOp.i32LocalConstOp && op < IOp.i32LocalLocalOp + 25) n = 2;
    else if (op >= IOp.i32LocalConstSet && op < IOp.i32LocalLocalTee + 9) n = 3;
    else {
      const known = OPERANDS[op];
      if (known === undefined) throw new Error(`test decoder: opcode 0x${op.toString(16)} not listed`);
      n = known;
    }
    out.push([pc, op, Array.from(code.subarray(pc + 1, pc + 1 + n))]);
    pc += 1 + n;
  }
  return out;
}

function options(over: Partial<InterpretOptions>, n: number): InterpretOptions {
  return {
    features: DEFAULT_FEATURES,
    fuel: false,
    epoch: false,
    tierUp: false,
    uncheckedFuel: 4096,
    flags: new Uint8Array(n).fill(1),
    ops: new Uint32Array(n),
    trivial: new Uint8Array(n),
    ...over,
  };
}

function predecode(wat: string, d = 0, over: Partial<InterpretOptions> = {}): PredecodedFunction {
  const info = decodeModule(watToBinary(wat, 'p.wat'));
  const ctx = validateModule(info);
  return predecodeFunction(info, d, options({ flags: ctx.funcFacts, ops: ctx.funcOps, ...over }, info.codes.length));
}

test('a block branch targets the instruction after its end, moving its result to the block base', () => {
  // locals: 0 = param; stack base = 1
  const fn = predecode(`(module (func (param i32) (result i32)
    (i32.const 7)
    (block (result i32) (i32.const 1) (local.get 0) (br_if 0) (drop) (i32.const 2))
    (i32.add)))`);
  const ins = instructions(fn.code);
  const brIf = ins.find(([, op]) => op === IOp.brIf)!;
  const [target, height, arity] = brIf[2];
  // The block starts at stack height 1 (above the 7): its result goes to slot localCount + 1.
  assert.equal(height, fn.localCount + 1);
  // At the br_if the stack is [7, 1]: the 1 is already where the result goes (arity stored complemented).
  assert.equal(arity, ~1);
  const add = ins.find(([, op]) => op === 0x6a)!;
  assert.equal(target, add[0], 'the target is the i32.add after the block');
  assert.equal(fn.frameSize, fn.localCount + 3, 'deepest stack: 7, 1, param');
});

test('tiering: a hot count at the function start and at each loop header, which back edges run', () => {
  const wat = `(module (func (param i32)
    (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if $l (local.get 0)))
    (block (loop $m (br_if 1 (i32.eqz (local.get 0))) (br $m)))))`;
  assert.ok(!instructions(predecode(wat).code).some(([, op]) => op === IOp.hot), 'none without tiering');
  const ins = instructions(predecode(wat, 0, { tierUp: true }).code);
  const hot = ins.filter(([, op]) => op === IOp.hot).map(([pos]) => pos);
  assert.equal(hot.length, 3, 'entry and two loop headers');
  assert.equal(hot[0], 0);
  const back = ins.filter(([, op]) => op === IOp.br || op === IOp.brIf).map(([, , o]) => o[0]);
  assert.ok(back.includes(hot[1]!) && back.includes(hot[2]!), 'the back edges go to the counts');
});

test('a branch with its value above other values moves it', () => {
  const fn = predecode(`(module (func (result i32)
    (block (result i32) (i32.const 1) (i32.const 2) (i32.const 3) (br 0))))`);
  const br = instructions(fn.code).find(([, op]) => op === IOp.br)!;
  assert.deepEqual(br[2].slice(1), [fn.localCount + 0, 1], 'one value moved to the block base');
});

test('a loop branch targets the loop header; else and end targets of if', () => {
  const fn = predecode(`(module (func (param i32) (result i32)
    (loop $l (local.set 0 (i32.sub (local.get 0) (i32.const 1))) (br_if $l (local.get 0)))
    (if (result i32) (local.get 0) (then (i32.const 10)) (else (i32.const 20)))))`);
  const ins = instructions(fn.code);
  const brIf = ins.find(([, op]) => op === IOp.brIf)!;
  assert.equal(brIf[2][0], 0, 'the loop starts the function');
  const ifFalse = ins.find(([, op]) => op === IOp.ifFalse)!;
  const consts = ins.filter(([, op]) => op === IOp.i32Const).map(([pos, , o]) => [pos, o[0]]);
  assert.ok(ins.some(([, op, o]) => op === IOp.i32LocalConstSet + arithIndex(0x6b) && o.join() === '0,1,0'), 'local.set 0 (local.get 0 - 1): one instruction');
  const elseConst = consts.find(([, v]) => v === 20)!;
  assert.equal(ifFalse[2][0], elseConst[0], 'a false condition goes to the else branch');
  const jump = ins.find(([, op]) => op === IOp.jump)!;
  const ret = ins.find(([, op]) => op === IOp.ret)!;
  assert.equal(jump[2][0], ret[0], 'the then branch jumps over the else branch to the end');
});

test('br_table entries carry each target; a return target goes to the final ret with the results moved', () => {
  const fn = predecode(`(module (func (param i32) (result i32)
    (block $a (result i32) (block $b (result i32)
      (i32.const 5) (local.get 0) (br_table $a $b 2)) (i32.const 100) (i32.add))))`);
  const ins = instructions(fn.code);
  const table = ins.find(([, op]) => op === IOp.brTable)!;
  const ops = table[2];
  assert.equal(ops[0], 2, 'two targets and the default');
  const entries = [ops.slice(1, 4), ops.slice(4, 7), ops.slice(7, 10)];
  const ret = ins.filter(([, op]) => op === IOp.ret).at(-1)!;
  assert.equal(entries[2]![0], ret[0], 'depth 2 is the function: its final ret');
  assert.deepEqual(entries[2]!.slice(1), [fn.localCount, ~1], 'the 5 is already at the base (arity complemented)');
  // (i32.const 100) (i32.add) is one fused instruction.
  const add100 = ins.find(([, op, o]) => op === IOp.i32ConstOp + fusableIndex(0x6a) && o[0] === 100)!;
  assert.equal(entries[1]![0], add100[0], '$b ends before the i32.const 100 (fused with the add)');
  assert.equal(entries[0]![0], add100[0] + 2, '$a ends after the add');
  for (const e of entries) assert.equal(e[2]! < 0 ? ~e[2]! : e[2], 1, 'each target takes one value');
});

test('frame layout: i64 params first, then the others, then the declared locals', () => {
  assert.deepEqual(Array.from(paramSlots([ValType.i32, ValType.i64, ValType.f64, ValType.i64])), [2, 0, 3, 1]);
  const fn = predecode(`(module (func (param i32 i64) (local funcref f32) (local.get 1) (drop)))`);
  assert.equal(fn.declaredFrom, 2);
  assert.equal(fn.localCount, 4);
  assert.deepEqual(Array.from(fn.refLocals), [2]);
  const get = instructions(fn.code).find(([, op]) => op === IOp.localGet)!;
  assert.equal(get[2][0], 0, 'the i64 param is in slot 0');
});

test('unreachable code is not emitted', () => {
  const fn = predecode(`(module (func (result i32) (return (i32.const 1)) (i32.add (i32.const 3) (i32.const 4))))`);
  const ops = instructions(fn.code).map(([, op]) => op);
  assert.deepEqual(ops, [IOp.i32Const, IOp.ret]);
});

test('fuel: entry and loop headers check, other segments subtract; nop, block and end are free', () => {
  const fn = predecode(
    `(module (func (param i32) (result i32)
      (nop) (local.get 0) (drop)
      (block (loop $l (br_if $l (i32.eqz (local.get 0)))))
      (i32.const 1)))`,
    0,
    { fuel: true },
  );
  const fuel = instructions(fn.code).filter(([, op]) => op === IOp.fuel || op === IOp.fuelCheck).map(([, op, o]) => [op, o[0]]);
  assert.deepEqual(fuel, [
    [IOp.fuelCheck, 2], // entry: local.get, drop (nop is free)
    [IOp.fuel, 0], // the block's own (empty) segment
    [IOp.fuelCheck, 3], // loop header: local.get, i32.eqz, br_if (which ends the segment)
    [IOp.fuel, 0], // after br_if, up to the loop's end
    [IOp.fuel, 0], // after the loop, up to the block's end
    [IOp.fuel, 1], // i32.const (the function's end is free); unchecked
  ]);
});

test('fuel: trivial callees are charged at the call site', () => {
  const fn = predecode(
    `(module (func $t (result i32) (i32.const 1)) (func (result i32) (call $t)))`,
    1,
    { fuel: true, trivial: Uint8Array.from([1, 0]), ops: Uint32Array.from([2, 2]) },
  );
  const first = instructions(fn.code)[0]!;
  assert.deepEqual([first[1], first[2][0]], [IOp.fuelCheck, 1 + 2], 'the call plus the callee\'s two instructions');
});

test('i32.const and local.get fuse with the i32 operator after them, never across a label', () => {
  const fn = predecode(`(module (func (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1))
    (i32.shl (i32.const 3))
    (i32.mul (local.get 1))
    (i32.const 5)
    (loop (param i32 i32) (result i32) (i32.sub))
    (i32.lt_u (i32.const 9))
    (i32.ne (local.get 0) (i32.const 7))
    (i32.and)))`);
  const ops = instructions(fn.code).map(([, op, o]) => [op, ...o]);
  assert.deepEqual(ops, [
    [IOp.i32LocalLocalOp + fusableIndex(0x6a), 0, 1],
    [IOp.i32ConstOp + fusableIndex(0x74), 3],
    [IOp.i32LocalOp + fusableIndex(0x6c), 1],
    [IOp.i32Const, 5],
    [0x6b], // the loop header lies between the const and the sub
    [IOp.i32ConstOp + fusableIndex(0x49), 9],
    [IOp.i32LocalConstOp + fusableIndex(0x47), 0, 7],
    [0x71],
    [IOp.ret],
  ]);
});

test('fused arithmetic on locals writes a following local.set / local.tee itself; a possible trap does not fuse', () => {
  const fn = predecode(`(module (func (param i32 i32) (result i32)
    (local.set 0 (i32.add (local.get 0) (i32.const 1)))
    (local.tee 1 (i32.xor (local.get 0) (local.get 1)))
    (local.set 1 (i32.div_u (local.get 1) (i32.const 3)))))`);
  const ops = instructions(fn.code).map(([, op, o]) => [op, ...o]);
  assert.deepEqual(ops, [
    [IOp.i32LocalConstSet + arithIndex(0x6a), 0, 1, 0],
    [IOp.i32LocalLocalTee + arithIndex(0x73), 0, 1, 1],
    [IOp.i32LocalConstOp + fusableIndex(0x6e), 1, 3],
    [IOp.localSet, 1],
    [IOp.ret],
  ]);
});
