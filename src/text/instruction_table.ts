/**
 * The instruction mnemonics the text parser knows, merged from the core (`opcodes.ts`), SIMD (`opcodes_simd.ts`)
 * and 3.0 (`opcodes_v3.ts`) tables, plus each memory instruction's natural alignment, and the set of every keyword
 * of the text format (an unknown keyword is reported as "unknown operator").
 */
import { OPCODES } from '../binary/opcodes.js';
import { SIMD_OPCODES } from '../binary/opcodes_simd.js';
import { V3_OPCODES } from '../binary/opcodes_v3.js';

/** What the parser needs to know about a mnemonic. */
export interface InstrDef {
  readonly name: string;
  readonly code: number;
  readonly imm: number;
  /** log2 of the natural alignment for memory instructions, -1 otherwise. */
  readonly naturalAlign: number;
}

/** log2 of the access size of a load/store mnemonic, or -1 when it is not a memory access. */
function naturalAlignOf(name: string): number {
  if (name.startsWith('v128.')) {
    const m = /^v128\.(?:load|store)(8|16|32|64)_(?:splat|zero|lane)$/.exec(name);
    if (m !== null) return Math.log2(Number(m[1]) / 8);
    if (/^v128\.load(?:8x8|16x4|32x2)_[su]$/.test(name)) return 3;
    if (name === 'v128.load' || name === 'v128.store') return 4;
    return -1;
  }
  const m = /^[if](32|64)\.(?:load|store)(8|16|32)?(?:_[su])?$/.exec(name);
  if (m === null) return -1;
  return Math.log2(Number(m[2] ?? m[1]) / 8);
}

function build(): Map<string, InstrDef> {
  const map = new Map<string, InstrDef>();
  const add = (name: string, code: number, imm: number): void => {
    // ref.test / ref.cast are listed twice (non-null first); the parser picks the nullable opcode itself.
    if (!map.has(name)) map.set(name, Object.freeze({ name, code, imm, naturalAlign: naturalAlignOf(name) }));
  };
  for (const o of OPCODES) if (o.name !== 'select_t') add(o.name, o.code, o.imm);
  for (const o of SIMD_OPCODES) add(o.name, o.code, o.imm);
  for (const o of V3_OPCODES) add(o.name, o.code, o.imm);
  return map;
}

/** Instruction definitions by mnemonic. `select` maps to the untyped opcode; typed select is chosen by syntax. */
export const INSTRUCTIONS: ReadonlyMap<string, InstrDef> = build();

const STRUCTURAL = [
  'i8', 'i16', 'i32', 'i64', 'f32', 'f64', 'v128', 'i8x16', 'i16x8', 'i32x4', 'i64x2', 'f32x4', 'f64x2',
  'any', 'anyref', 'none', 'nullref', 'eq', 'eqref', 'i31', 'i31ref', 'structref', 'arrayref', 'nofunc', 'funcref',
  'nullfuncref', 'exn', 'noexn', 'exnref', 'nullexnref', 'extern', 'noextern', 'externref', 'nullexternref', 'ref',
  'null', 'array', 'struct', 'field', 'mut', 'sub', 'final', 'rec', 'then', 'catch', 'catch_ref', 'catch_all',
  'catch_all_ref', 'type', 'tag', 'global', 'memory', 'table', 'func', 'param', 'result', 'local', 'data', 'elem',
  'declare', 'offset', 'item', 'start', 'import', 'export', 'module', 'binary', 'quote', 'definition', 'instance',
  'script', 'register', 'invoke', 'get', 'assert_malformed', 'assert_invalid', 'assert_malformed_custom',
  'assert_invalid_custom', 'assert_unlinkable', 'assert_return', 'assert_trap', 'assert_exception',
  'assert_exhaustion', 'assert_suspension', 'nan:canonical', 'nan:arithmetic', 'either', 'input', 'output',
  'ref.struct', 'ref.array', 'ref.exn', 'ref.extern', 'ref.host',
];

/** Every keyword of the text and script formats. */
export const KEYWORDS: ReadonlySet<string> = new Set([...STRUCTURAL, ...INSTRUCTIONS.keys()]);
