/**
 * Opcodes of predecoded code (see `predecodeFunction`): the interpreter's own instruction set. Numeric operators
 * (0x45..0xc4) keep their wasm numbers, so they need no table; control, variable and memory instructions get
 * variants specialized by what the predecoder already knows (value kind, resolved targets). `0xFC`-prefixed
 * instructions become `FC + sub`, and fused instructions follow, so the opcodes are one dense range and the
 * interpreter's `switch` one jump table (its case labels must be numeric literals for that: RATIONALE.md).
 *
 * Each instruction is its opcode followed by its operands, all int32 words of an `Int32Array`.
 */
export const IOp = {
  /** unreachable */
  unreachable: 0x00,
  /** if: [target when the condition is zero] */
  ifFalse: 0x04,
  /** jump (the end of a then-branch): [target] */
  jump: 0x05,
  /** local.get of a reference: [slot] */
  localGetRef: 0x06,
  /** local.set of a reference: [slot] */
  localSetRef: 0x07,
  /** local.tee of a reference: [slot] */
  localTeeRef: 0x08,
  /** global.get of an i64: [global] */
  globalGetI64: 0x09,
  /** global.get of an f32/f64: [global] */
  globalGetF: 0x0a,
  /** br: [target, height, arity] (arity 0 when the values are already in place) */
  br: 0x0c,
  /** br_if: [target, height, arity] */
  brIf: 0x0d,
  /** br_table: [count, then count + 1 times (target, height, arity), the default last] */
  brTable: 0x0e,
  /** return (also the function's final end) */
  ret: 0x0f,
  /** call of an imported function: [function index] */
  call: 0x10,
  /** call_indirect: [type index, table index] */
  callIndirect: 0x11,
  /** call of a defined function: [defined index] */
  callDefined: 0x12,
  /** global.get of a reference: [global] */
  globalGetRef: 0x13,
  /** global.set of an i64: [global] */
  globalSetI64: 0x14,
  /** global.set of an f32/f64: [global] */
  globalSetF: 0x15,
  /** global.set of a reference: [global] */
  globalSetRef: 0x16,
  /** fuel charge without a check: [n] */
  fuel: 0x17,
  /** fuel charge with a check (refill or trap): [n] */
  fuelCheck: 0x18,
  /** epoch deadline check */
  epoch: 0x19,
  /** drop */
  drop: 0x1a,
  /** select of numeric values */
  select: 0x1b,
  /** select of references */
  selectRef: 0x1c,
  /** tiering: a function entry or loop iteration counted against the instance's budget (`tierUpAfter`) */
  hot: 0x1d,
  /** local.get of a numeric value: [slot] */
  localGet: 0x20,
  /** local.set of a numeric value: [slot] */
  localSet: 0x21,
  /** local.tee of a numeric value: [slot] */
  localTee: 0x22,
  /** global.get of an i32: [global] */
  globalGetI32: 0x23,
  /** global.set of an i32: [global] */
  globalSetI32: 0x24,
  /** table.get: [table] */
  tableGet: 0x25,
  /** table.set: [table] */
  tableSet: 0x26,
  // 0x28..0x3e: loads and stores as in wasm: [memory, offset (as int32)]
  /** memory.size: [memory] */
  memorySize: 0x3f,
  /** memory.grow: [memory] */
  memoryGrow: 0x40,
  /** i32.const: [value] */
  i32Const: 0x41,
  /** i64/f32/f64 constant as its 64 slot bits: [low, high] */
  const64: 0x42,
  // 0x45..0xc4: numeric operators as in wasm, no operands
  /** ref.null */
  refNull: 0xd0,
  /** ref.is_null */
  refIsNull: 0xd1,
  /** ref.func: [function index] */
  refFunc: 0xd2,
  /** `0xFC` sub-opcode `k` is `FC + k` (immediates as in wasm: index, index2 where present) */
  FC: 0xd3,
  /** The k-th of `fusableIndex` with its right operand a constant: [value] */
  i32ConstOp: 0xe8,
  /** The k-th of `fusableIndex` with its right operand a local: [slot] */
  i32LocalOp: 0xe8 + 25,
  /** The k-th of `fusableIndex` on a local and a constant (`local.get`, `i32.const`, op): [slot, value] */
  i32LocalConstOp: 0xe8 + 50,
  /** The k-th of `fusableIndex` on two locals (`local.get`, `local.get`, op): [slot, slot] */
  i32LocalLocalOp: 0xe8 + 75,
  /** The k-th of `arithIndex` on a local and a constant, then `local.set`: [slot, value, slot] */
  i32LocalConstSet: 0xe8 + 100,
  /** The k-th of `arithIndex` on two locals, then `local.set`: [slot, slot, slot] */
  i32LocalLocalSet: 0xe8 + 109,
  /** The same, then `local.tee` (the result also pushed) */
  i32LocalConstTee: 0xe8 + 118,
  i32LocalLocalTee: 0xe8 + 127,
} as const;

/**
 * i32 operators that cannot trap among the fusable ones (add, sub, mul, and, or, xor, shl, shr_s, shr_u), whose
 * three-instruction fusions also take a following `local.set` or `local.tee`: `x = a + 1` is one instruction.
 */
export function arithIndex(op: number): number {
  switch (op) {
    case 0x6a:
      return 0;
    case 0x6b:
      return 1;
    case 0x6c:
      return 2;
    case 0x71:
      return 3;
    case 0x72:
      return 4;
    case 0x73:
      return 5;
    case 0x74:
      return 6;
    case 0x75:
      return 7;
    case 0x76:
      return 8;
    default:
      return -1;
  }
}

/**
 * i32 binary operators (comparisons 0x46..0x4f, arithmetic 0x6a..0x78) that fuse with an `i32.const` or
 * `local.get` right before them (and `local.get` before those two): one dispatch instead of two or three (RATIONALE.md,
 * "Superinstructions for i32 operators").
 */
export function fusableIndex(op: number): number {
  if (op >= 0x46 && op <= 0x4f) return op - 0x46;
  if (op >= 0x6a && op <= 0x78) return op - 0x6a + 10;
  return -1;
}

/** Whether internal opcode `op` is a load or store (0x28..0x3e): a DataView range error there is a memory trap. */
export function isMemoryAccess(op: number): boolean {
  return op >= 0x28 && op <= 0x3e;
}
