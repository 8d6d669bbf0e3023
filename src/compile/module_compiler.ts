import type { Features } from '../core/features.js';
import type { ModuleInfo } from '../binary/module_info.js';
import { ConstantPool } from './constant_pool.js';
import { staticTables } from './static_tables.js';
import { FUNC_HAS_LOOP } from '../validate/module_context.js';
import { FunctionCompiler, isTrivialFunction, type FunctionFacts } from './function_compiler.js';
import { VMShape } from './vm_shape.js';
import type { Relocation } from '../core/link_contract.js';

/**
 * A module's compiled code: the source of one code object holding every defined function, the relocations it
 * needs at link time, and the metadata that maps generated code back to wasm (line -> function and bytecode
 * offset, trap sites). Published once per module (`new Function`), linked once per instance.
 */
export interface CompiledModule {
  /** The code object's source: the body of a function that returns `link(env)`. */
  readonly source: string;
  /** The `sourceURL` the code object is published under (appears in JS stack traces). */
  readonly sourceUrl: string;
  readonly relocations: readonly Relocation[];
  /** NaN constants as (lo, hi) pairs, read by generated code as `CF[i]`. */
  readonly constants: Uint32Array;
  /** For each line of `source` (index = line - 1): the function index it belongs to, or -1. */
  readonly lineFuncs: Int32Array;
  /** For each line of `source`: the wasm byte offset it was generated from, or -1. */
  readonly lineOffsets: Int32Array;
  /** For each line of `source`: the trap kind that line can raise natively (memory access), or -1. */
  readonly lineTrapKinds: Int8Array;
  /** i64 slot frame size of each defined function. */
  readonly frameSizes: Int32Array;
}

/** Options that shape generated code. */
export interface ModuleCompileOptions {
  readonly features: Features;
  readonly fuel: boolean;
  readonly epoch: boolean;
  readonly outlineAbove?: number;
  readonly outlineMinRun?: number;
  /** See `FunctionCompileOptions.uncheckedFuel`. */
  readonly uncheckedFuel?: number;
  /** Take the defined functions' reference values from relocations (see `VMShape.relocatedOwnRefs`). */
  readonly relocatedOwnRefs?: boolean;
}

/**
 * Compiles every defined function of a validated module into one code object.
 *
 * @param sigIds engine-wide signature id for each type index of the module.
 * @param sourceUrl the name under which the code will be published (must be unique per engine).
 */
export function compileModule(
  info: ModuleInfo,
  sigIds: Int32Array,
  options: ModuleCompileOptions,
  sourceUrl: string,
  facts: FunctionFacts = unknownFacts(info),
): CompiledModule {
  const shape = new VMShape(info, sigIds, options.relocatedOwnRefs ?? false);
  const constants = new ConstantPool();
  /** Output pieces joined by newlines: head lines, and each function's lines as one piece. */
  const lines: string[] = [];
  const lineFuncs: number[] = [];
  const lineOffsets: number[] = [];
  const trapKinds: number[] = [];
  const head = (l: string): void => {
    lines.push(l);
    lineFuncs.push(-1);
    lineOffsets.push(-1);
    trapKinds.push(-1);
  };

  head("'use strict';");
  head('return function link(env) {');
  head('const S = env.S, I = env.I, U = env.U, F = env.F, SN = env.SN, RR = env.RR, CF = env.CF;');
  head('const EP = env.EP, DL = env.DL, FU = env.FU, FR = env.FR, R = env.relocs;');
  head('const fround = Math.fround, imul = Math.imul, clz32 = Math.clz32;');
  const binds: string[] = [];
  shape.relocations.forEach((r, i) => binds.push(`${shape.relocIdent(r)} = R[${i}]`));
  for (let i = 0; i < binds.length; i += 16) head(`const ${binds.slice(i, i + 16).join(', ')};`);
  // Each memory's current view is the field `v` of a holder object bound by `const` (RATIONALE.md, "Memory views in
  // constant holders"): when TurboFan specializes a function to its context, it folds the holder and, while the field
  // has never been reassigned (no growth), the view itself, with its length, to constants.
  // V8 tracks a field's constness per hidden class, and literals `{ v }` share one class across the process: the
  // first growth of any memory anywhere would unfold every holder. A first property keyed by a fresh symbol gives
  // each holder a class of its own, so only its own memory's growth counts.
  const memViews: string[] = [];
  for (let i = 0; i < info.memories.length; i++) {
    head(`const ${shape.memHolderIdent(i)} = { [Symbol()]: 0, v: ${shape.memObjIdent(i)}.view };`);
    memViews.push(`${shape.memIdent(i)} = ${shape.memObjIdent(i)}.view`);
  }
  for (let i = 0; i < info.tables.length; i++) head(`const ${shape.tableIdent(i)} = ${shape.tableObjIdent(i)}.elements;`);

  // The index of a failed `call_indirect` check, read by the failure functions (declared if any site needs it).
  const indirectFailLine = lines.length;
  head('');
  const compiler = new FunctionCompiler(info, shape, constants, options, facts, staticTables(info, facts.tableWritten ?? null));
  const frameSizes = new Int32Array(info.codes.length);
  // Reference values of split functions live in the store's reference slots, made on first use.
  const refSlotsLine = lines.length;
  head('');
  for (let d = 0; d < info.codes.length; d++) {
    const fn = compiler.compile(d);
    frameSizes[d] = fn.frameSize;
    if (fn.usesRefSlots) lines[refSlotsLine] = 'const RL = env.refSlots();';
    // Trap sites name lines of `fn.lines` (in line order); each line is one line of output.
    const sites = fn.trapSites;
    const fnLines = fn.lines;
    const offsets = fn.lineOffsets;
    const funcIndex = fn.funcIndex;
    let site = 0;
    for (let k = 0; k < fnLines.length; k++) {
      let kind = -1;
      while (site < sites.length && sites[site]!.line === k) kind = sites[site++]!.kind;
      lineFuncs.push(funcIndex);
      lineOffsets.push(offsets[k]!);
      trapKinds.push(kind);
    }
    // Joined per function: a flat string now, while the pieces it was built from are young garbage (keeping
    // every line's rope alive until one final join measured ~1.7x slower code generation,
    // GC time most likely).
    if (fnLines.length > 0) lines.push(fnLines.join('\n'));
  }
  if (shape.indirectFails.size > 0) {
    lines[indirectFailLine] = 'let CIx = 0;';
    for (const [id, { table, sig }] of shape.indirectFails) head(`function ${id}() { callIndirectFail(${shape.tableObjIdent(table)}, CIx, ${sig}); } ${id}.fuel = 0;`);
  }
  const defined: string[] = [];
  const sigs: string[] = [];
  for (let d = 0; d < info.codes.length; d++) {
    const fi = info.importedFuncCount + d;
    defined.push(shape.funcIdent(fi));
    // `fuel`: what a caller through a table or import charges for this function; trivial functions do not
    // charge themselves (see FunctionCompiler.isTrivial).
    const cost = isTrivialFunction(facts, d) ? facts.ops[d]! : 0;
    sigs.push(`${shape.funcIdent(fi)}.sig = ${shape.sigId(info.funcTypeIndices[fi]!)}; ${shape.funcIdent(fi)}.fuel = ${cost};`);
  }
  for (let i = 0; i < sigs.length; i += 8) head(sigs.slice(i, i + 8).join(' '));
  const refresh = memViews.length > 0 ? `refresh() { ${memViews.join('; ')}; }` : 'refresh() {}';
  head(`return { funcs: [${defined.join(', ')}], ${refresh} };`);
  head('};');
  head(`//# sourceURL=${sourceUrl}`);

  return {
    source: lines.join('\n'),
    sourceUrl,
    relocations: shape.relocations,
    constants: constants.toUint32Array(),
    lineFuncs: Int32Array.from(lineFuncs),
    lineOffsets: Int32Array.from(lineOffsets),
    lineTrapKinds: Int8Array.from(trapKinds),
    frameSizes,
  };
}

/**
 * Facts for when validation did not record any: every function is treated as non-trivial (a loop), with no claim
 * that it calls (which would let callers' loops skip their fuel checks).
 */
function unknownFacts(info: ModuleInfo): FunctionFacts {
  return { flags: new Uint8Array(info.codes.length).fill(FUNC_HAS_LOOP), ops: new Uint32Array(info.codes.length) };
}
