import { DeadCode } from '../binary/dead_code.js';
import { FUEL_ENTRY, FUEL_LOOP, FUEL_UNCHECKED, FuelSegments, MAX_UNCHECKED_FUEL } from '../core/fuel_segments.js';
import type { Features } from '../core/features.js';
import { FUNCTION_FRAME, planOutlining } from './outline_plan.js';
import { localBit, loopWrittenLocals } from './loop_writes.js';
import { TrapKind } from '../core/trap_kind.js';
import { ValType, type FuncType } from '../core/types.js';
import type { ModuleInfo } from '../binary/module_info.js';
import { BLOCK_EMPTY, BLOCK_VALUE, OperatorReader } from '../binary/operator_reader.js';
import type { ConstantPool } from './constant_pool.js';
import { f32RepHalves, f64FromHalves, f64Literal, i32Literal, u64Literal } from './js_literal.js';
import type { StaticTable } from './static_tables.js';
import type { VMShape } from './vm_shape.js';
import { FUNC_HAS_CALL, FUNC_HAS_GROW } from '../validate/module_context.js';

/**
 * Compiles one wasm function body to a JavaScript function declaration.
 *
 * Value representation in generated code (see RATIONALE.md for the measurements behind it):
 * - i32 is an int32 number; f64 a number with exact bits; f32 a number (NaNs widened without quieting);
 *   references are the function object, `null`, or the host value.
 * - i64 values live in "slots" of the store's `BigUint64Array` `S`, addressed from the frame pointer `fp`
 *   passed as the last argument of every function; `I`/`U`/`F` are Int32/Uint32/Float64 views of the same buffer.
 *   TurboFan lowers BigInt add/mul/bitwise/constant-shift between slots to machine operations.
 *
 * The operand stack is symbolic: pure expressions of locals, temps and constants stay unevaluated until consumed
 * (so `a + b * c` becomes one JS expression); everything with an effect or a possible trap is evaluated in program
 * order into the temp of its stack position (`s<d>` or the i64 slot `tb + d`).
 */

/** Kinds of operand-stack entries. */
const TEMP = 0; // materialized in the temp of its own position
const LAZY = 1; // a pure expression
const BOOL = 2; // a pure boolean expression standing for an i32 0/1
const SLOT = 3; // i64: exactly the value of a local's slot

/** Control frame kinds. */
const BLOCK = 0;
const LOOP = 1;
const IF = 2;
const FUNC = 3;

interface ControlFrame {
  kind: number;
  label: number;
  /** Stack height where the block's params begin (and its results will be). */
  base: number;
  params: readonly ValType[];
  results: readonly ValType[];
  /** Index in `out` of the header line (patched at `end`). */
  header: number;
  /** Whether any branch targets this frame. */
  used: boolean;
  /** if: whether the then-branch's end was reachable. */
  thenReachable: boolean;
  hasElse: boolean;
  /** if: the condition expression. */
  cond: string;
  /** Index in the frame stack. */
  depth: number;
  /** Whether the run after this frame's first nested construct is outlined (see `planOutlining`). */
  outline: boolean;
  /** Nested constructs ended so far. */
  children: number;
  /** The byte offset of the innermost `loop` this frame is (or is in), or -1 outside loops. */
  loop: number;
  /** loop: the output line of its epoch check, or -1; and how many calls had been compiled before its body. */
  epochLine: number;
  callsBefore: number;
}

/** A run split off into its own function: its lines, and what refers to them. */
interface SplitRun {
  readonly name: string;
  readonly lines: string[];
  readonly offs: number[];
  /** Trap sites, by index in `lines`. */
  readonly sites: { line: number; kind: number }[];
  /** Indices in `lines` where memory views are reloaded. */
  readonly reloads: number[];
  /** The statement ending the function when the run falls through. */
  readonly tail: string;
  /** Bytecode offset for the function's own lines. */
  readonly offset: number;
}

/** A run of code being emitted for a split-off function (see `planOutlining`). */
interface OutlinedRun {
  /** The placeholder line where the run's function is called. */
  readonly opener: number;
  /** Frames below this stack depth are outside the run: branches to them leave it with a code. */
  readonly depth: number;
  /** The frame whose end closes the run. */
  readonly owner: ControlFrame;
  /** Branch targets outside the run and the code its function returns for each (1, 2, ...). */
  readonly exits: Map<ControlFrame, number>;
  /** Whether the run returns from the function (code -1; a single non-i64 result is left in slot 0). */
  returns: boolean;
}

/** What the compiler produces for one function. */
export interface CompiledFunction {
  readonly funcIndex: number;
  /**
   * Lines of JavaScript, none containing a newline: a function declaration, then those of the functions split off
   * it (if any).
   */
  readonly lines: string[];
  /** Wasm byte offset that each line comes from (same length as `lines`). */
  readonly lineOffsets: number[];
  /** Number of i64 slots the function's frame uses. */
  readonly frameSize: number;
  /** Trap sites: line index (into `lines`) and trap kind, for lines where generated code can trap. */
  readonly trapSites: readonly { readonly line: number; readonly kind: number }[];
  /** Whether the code keeps reference values in the store's reference slots (`RL`). */
  readonly usesRefSlots: boolean;
}

/** What validation learned about each defined function's body (see `ModuleContext.funcFacts`). */
export interface FunctionFacts {
  /** `FUNC_HAS_LOOP | FUNC_HAS_CALL | FUNC_HAS_GROW` bits; 0 means trivial. */
  readonly flags: Uint8Array;
  /** Number of instructions. */
  readonly ops: Uint32Array;
  /** Per table: 1 when some instruction writes it (absent: every table counts as written). */
  readonly tableWritten?: Uint8Array;
}

/** Settings that shape generated code. */
export interface FunctionCompileOptions {
  readonly features: Features;
  /** Emit fuel accounting. */
  readonly fuel: boolean;
  /** Emit epoch deadline checks at function entry and loop headers. */
  readonly epoch: boolean;
  /**
   * Functions whose body is larger than this (bytes of wasm) are split into several JS functions; runs smaller than
   * `outlineMinRun` bytes stay inline. Defaults: `OUTLINE_ABOVE`, `OUTLINE_MIN_RUN` (tests force tiny values).
   */
  readonly outlineAbove?: number;
  readonly outlineMinRun?: number;
  /**
   * Fuel a function may charge without a check, in all (see `fuelEnd`); default `MAX_UNCHECKED_FUEL`. The engine
   * lowers it for deep stacks: returns carry unchecked charges up the stack, at most this much per frame.
   */
  readonly uncheckedFuel?: number;
}

/**
 * V8 does not optimize a JS function whose bytecode passes 60 KB; our output measured ~2 bytes of bytecode per
 * byte of wasm (interp: 43 KB of wasm, 85 KB of bytecode), so bodies above 12 KB are split.
 */
export const OUTLINE_ABOVE = 12 * 1024;
/** Runs below this many bytes of wasm cost more as a call than they save. */
export const OUTLINE_MIN_RUN = 8;

const FRAME_MARK = '\u0001';
/** Innermost loops whose body is at most this many characters of JS are unrolled once (`unrollLoop`). */
const UNROLL_MAX_CHARS = 1500;
/** Frame slot access (i64 values): loops with it are not unrolled (mix64 went 1.67x -> 2.54x of V8's wasm). */
const SLOT_ACCESS = /\b[SIUF]\[/;
const MAX_LAZY_LENGTH = 240;
/**
 * Whether defined function `d` is trivial: no loop, call or memory.grow and a bounded size. Trivial functions touch
 * no fuel, deadline or memory buffer; their callers charge their instructions.
 */
export function isTrivialFunction(facts: FunctionFacts, d: number): boolean {
  return facts.flags[d] === 0 && facts.ops[d]! <= MAX_TRIVIAL_FUEL;
}

/**
 * Takes a chunk of 2^30 from the store's reserve when `fu` went below zero, or traps. No call on the refill path:
 * a call that has run once stays in optimized code and cost sieve 1.5x (vs 1.2x) in its loop.
 */
const REFILL = 'fu = FR[0]-- > 0 ? (fu + 1073741824) | 0 : outOfFuel();';

/** Slots every store allocates past its stack limit, for the frames of trivial functions (which skip the check). */
export const TRIVIAL_FRAME_GUARD = 64;

/**
 * Self-recursive functions with bodies up to this many bytes get a twin: the function's direct calls to itself go
 * to an identical copy that calls back to the original. TurboFan never inlines a function into itself, but it
 * inlines the twin (a different function), so half the recursive calls become inline code (fib 179 -> 82 ms).
 * Larger bodies would pass TurboFan's inlining budget (~460 bytes of bytecode) and only double the source.
 */
const TWIN_MAX_BODY = 160;

/**
 * A `call_indirect` through a fixed table becomes a `switch` of direct calls when at most this many functions (and
 * table indices) of its signature are in the table; beyond that the code grows more than inlining can repay.
 */
const MAX_STATIC_TARGETS = 12;
const MAX_STATIC_CASES = 64;

/** Larger loop- and call-free functions charge themselves rather than being charged by their callers. */
const MAX_TRIVIAL_FUEL = 1 << 20;
const SIMPLE = /^(?:[A-Za-z_$][\w$]*|\(?-?\d+\)?)$/;
/** An i32 constant as the compiler writes it: `5`, `-5` or `(-5)`. */
const I32_CONSTANT = /^\(?-?\d+\)?$/;

/** The sentinel `maxT` of an entry that references no temp. */
const NO_TEMP = -1;

export class FunctionCompiler {
  private out: string[] = [];
  private offs: number[] = [];
  private curOffset = 0;

  // Operand stack (parallel arrays, reused).
  private ty: number[] = [];
  private ex: string[] = [];
  private kind: number[] = [];
  private mask: number[] = [];
  private maxT: number[] = [];
  /** i64: whether the expression's value is already in [0, 2^64). */
  private norm: boolean[] = [];
  /** i64: the slot holding the value (TEMP or SLOT), else -1. */
  private slotOf: number[] = [];
  /**
   * A value loaded from memory inside a loop, at an address made of constants, immutable globals and locals: the
   * `localBit` mask of those locals (the address is the same on every iteration if the loop writes none). Else -1.
   */
  private loadAddressLocals: number[] = [];
  private sp = 0;

  private frames: ControlFrame[] = [];
  private labelCounter = 0;
  private dead = false;
  private readonly deadCode = new DeadCode();

  // Per-function layout.
  private localTypes: ValType[] = [];
  /** For i64 locals: slot index; for others: -1. */
  private localSlot: number[] = [];
  private tempBase = 0;
  private maxSlot = 0;
  private maxTemp = -1;
  /** The output line of the open fuel segment's charge, or -1. */
  private fuelHeader = -1;
  private readonly fuelSegs = new FuelSegments();
  private usesCallee = false;
  private sites: { line: number; kind: number }[] = [];
  /** Memories this function accesses through a local view, and where views must be reloaded. */
  private memsUsed = new Set<number>();
  private hasLoops = false;
  /** Fuel metering in this function: on when the engine meters and the function is not trivial. */
  private fuelOn = false;
  private viewReloads: number[] = [];
  /** Frames (by opcode offset) whose runs are split off, in a split function; else null. */
  private outlinePlan: Set<number> | null = null;
  /** Runs being emitted, innermost last. */
  private runs: OutlinedRun[] = [];
  /** Whether this function is split (its locals and temps live in slots). */
  private split = false;
  /** The functions split off so far. */
  private runFns: SplitRun[] = [];
  private funcIndex = 0;
  /** The type of the function's single non-i64 result (returned from split-off code through slot 0), or -1. */
  private resultType = -1;
  /** Whether reference values live in the store's reference slots (`RL`). */
  private usesRefSlots = false;
  /** Whether direct calls of the function to itself may go to a twin, and whether one did. */
  private twinOk = false;
  private selfCalls = false;

  constructor(
    private readonly info: ModuleInfo,
    private readonly shape: VMShape,
    private readonly constants: ConstantPool,
    private readonly options: FunctionCompileOptions,
    /** Per defined function: facts from validation (loops, calls, memory.grow) and instruction counts. */
    private readonly facts: FunctionFacts,
    /** Per table: its contents when they never change (`staticTables`), else null. */
    private readonly tables: readonly (StaticTable | null)[] = [],
  ) {}

  /** Compiles defined function `definedIndex` (0-based among defined functions). */
  compile(definedIndex: number): CompiledFunction {
    const info = this.info;
    const funcIndex = info.importedFuncCount + definedIndex;
    const type = info.types[info.funcTypeIndices[funcIndex]!]!;
    const body = info.codes[definedIndex]!;
    this.reset();
    this.funcIndex = funcIndex;
    this.fuelOn = this.options.fuel && !this.isTrivial(funcIndex);
    this.curOffset = body.offset;
    // A large function is split: runs of it become separate functions sharing its frame, so its locals and temps
    // live in the frame's slots instead of JS variables (see planOutlining).
    if (body.codeEnd - body.codeStart > (this.options.outlineAbove ?? OUTLINE_ABOVE)) {
      this.outlinePlan = planOutlining(info.bytes, body.codeStart, body.codeEnd, this.options.features, this.options.outlineMinRun ?? OUTLINE_MIN_RUN);
      this.split = this.outlinePlan.size > 0;
      if (this.split) this.usesHalves = true;
    }
    this.twinOk = !this.split && body.codeEnd - body.codeStart <= TWIN_MAX_BODY;

    // Locals: params then declared locals. i64 ones get slots.
    const paramNames: string[] = [];
    let slot = 0;
    const frameInits: string[] = [];
    for (let i = 0; i < type.params.length; i++) {
      const t = type.params[i]!;
      this.localTypes.push(t);
      if (t === ValType.i64) {
        this.localSlot.push(slot++);
      } else {
        this.localSlot.push(-1);
        paramNames.push(`l${i}`);
      }
    }
    // Split: the other params get slots after the i64 ones (whose slots are the calling convention).
    if (this.split) {
      for (let i = 0; i < type.params.length; i++) {
        const t = type.params[i]!;
        if (t === ValType.i64) continue;
        this.localSlot[i] = slot;
        frameInits.push(`${this.slotExpr(t, slot++)} = l${i};`);
      }
    }
    const declInits: string[] = [];
    const i64LocalSlots: number[] = [];
    for (const run of body.localRuns) {
      for (let k = 0; k < run.count; k++) {
        const idx = this.localTypes.length;
        this.localTypes.push(run.type);
        if (run.type === ValType.i64) {
          i64LocalSlots.push(slot);
          this.localSlot.push(slot++);
        } else if (this.split) {
          frameInits.push(`${this.slotExpr(run.type, slot)} = ${zeroOf(run.type)};`);
          this.localSlot.push(slot++);
        } else {
          this.localSlot.push(-1);
          declInits.push(`l${idx} = ${zeroOf(run.type)}`);
        }
      }
    }
    this.tempBase = slot;
    this.maxSlot = slot;

    paramNames.push('fp');
    // Fuel arrives as an argument from wasm callers and the host entry (a typed-array round trip per call put a
    // store->load forwarding delay on every call: fib ran 1.96x slower with fuel); it leaves through `FU[0]`.
    if (this.fuelOn) paramNames.push('fu');
    this.emit(`function ${this.shape.funcIdent(funcIndex)}(${paramNames.join(', ')}) {`);
    const prologue = this.placeholder();
    const decls = this.placeholder();
    if (i64LocalSlots.length > 0) {
      const first = i64LocalSlots[0]!;
      const last = i64LocalSlots[i64LocalSlots.length - 1]!;
      if (last - first < 4) for (const s of i64LocalSlots) this.emit(`S[fp+${s}] = 0n;`);
      else this.emit(`S.fill(0n, fp+${first}, fp+${last + 1});`);
    }
    for (const st of frameInits) this.emit(st);
    const epochEntry = this.options.epoch ? this.placeholder() : -1;
    const bodyOpen = this.options.epoch ? this.placeholder() : -1;

    this.frames.push({
      kind: FUNC,
      label: this.labelCounter++,
      base: 0,
      params: [],
      results: type.results,
      header: -1,
      used: false,
      thenReachable: false,
      hasElse: false,
      cond: '',
      depth: 0,
      outline: false,
      children: 0,
      loop: -1,
      epochLine: -1,
      callsBefore: 0,
    });
    this.resultType = type.results.length === 1 && type.results[0] !== ValType.i64 ? type.results[0]! : -1;
    if (this.outlinePlan) this.frames[0]!.outline = this.outlinePlan.has(FUNCTION_FRAME);
    this.fuelStart(FUEL_ENTRY);

    const r = new OperatorReader(info.bytes, body.codeStart, body.codeEnd, this.options.features);
    while (this.frames.length > 0) {
      const op = r.read();
      this.curOffset = r.offset;
      if (this.dead) {
        if (!this.deadCode.ends(op)) continue;
      }
      this.op(op, r, type);
    }

    const frameSize = Math.max(1, this.maxSlot);
    // A trivial function never calls, so its callers' checks bound where it starts (at or below SN), and its frame
    // fits in the guard slots every store allocates past SN: it needs no check of its own.
    const checked = !(this.isTrivial(funcIndex) && frameSize <= TRIVIAL_FRAME_GUARD);
    const check = checked ? `if (fp > SN - ${frameSize}) trap(${TrapKind.stackOverflow});` : '';
    this.out[prologue] = check + (this.usesHalves ? ' const fq = fp * 2;' : '');
    const temps: string[] = [];
    for (let i = 0; i <= this.maxTemp; i++) temps.push(`s${i}`);
    if (this.usesCallee) temps.push('c');
    // Memory views live in function locals (a closure variable read measured 1.56x slower in a hot loop); they
    // are reloaded after anything that may have grown a memory.
    const mems = [...this.memsUsed].sort((a, b) => a - b);
    const views = mems.map((m) => `${this.viewIdent(m)} = ${this.shape.memIdent(m)}`);
    const reload = views.length > 0 ? `${views.join(', ')};` : '';
    for (const at of this.viewReloads) this.out[at] = reload;
    // Fuel and the epoch deadline live in locals (a typed-array cell updated in every block carried a store->load
    // dependency through each loop iteration); they are synchronized around calls and at returns.
    const preempt: string[] = [];
    // The epoch cell in a local: 27 vs 34 ns per loop iteration of a tight store loop for the closure variable.
    if (this.options.epoch && (this.calls > 0 || this.hasLoops)) preempt.push('ep = EP', 'dl = DL[0]');
    // A function without calls finishes or loops; loops check at their headers, so only callers check at entry.
    if (epochEntry >= 0 && this.calls > 0) this.out[epochEntry] = 'if (ep[0] >= dl) epochInterrupt();';
    if (this.split) temps.push('rc');
    const all = declInits.concat(views, preempt, temps);
    if (this.epochExits.length > 0) {
      all.push('ei = -1');
      this.out[bodyOpen] = 'EX: {';
      this.emit('}');
      this.emit('switch (ei) {');
      for (let k = 0; k < this.epochExits.length; k++) {
        this.curOffset = this.epochExits[k]!;
        this.emit(`case ${k}: epochInterrupt();`);
      }
      this.emit('}');
    }
    this.out[decls] = all.length > 0 ? `let ${all.join(', ')};` : '';
    this.emit('}');
    // The functions split off, after the function itself; each declares the same locals it uses.
    if (this.runFns.length > 0) {
      const runDecls = views.concat(preempt, this.usesCallee ? ['c'] : [], ['rc']);
      const params = this.runArgs();
      for (const fn of this.runFns) {
        for (const at of fn.reloads) fn.lines[at] = reload;
        const base = this.out.length;
        this.out.push(`function ${fn.name}(${params}) {`, `const fq = fp * 2; let ${runDecls.join(', ')};`);
        this.offs.push(fn.offset, fn.offset);
        for (const site of fn.sites) this.sites.push({ line: base + 2 + site.line, kind: site.kind });
        this.out.push(...fn.lines, fn.tail, '}');
        this.offs.push(...fn.offs, fn.offset, fn.offset);
      }
    }
    // The twin copies the lines as they are; its frame marks come after `markFrom` too.
    if (this.selfCalls) this.emitTwin();
    // Only lines from the first call on can hold the callee frame mark (any line of a split function, whose runs
    // were moved); scanning every line also flattened every line's string.
    const lines = this.out;
    if (this.markFrom >= 0) {
      const size = String(frameSize);
      for (let k = this.split ? 0 : this.markFrom; k < lines.length; k++) {
        const l = lines[k]!;
        if (l.includes(FRAME_MARK)) lines[k] = l.split(FRAME_MARK).join(size);
      }
    }
    return { funcIndex, lines, lineOffsets: this.offs, frameSize, trapSites: this.sites, usesRefSlots: this.usesRefSlots };
  }

  private usesHalves = false;
  /** Index in `out` from which lines may hold `FRAME_MARK` (set at the first call), or -1. */
  private markFrom = -1;

  /** `fp+<callee frame>`: the callee frame offset is known once the whole function is compiled. */
  private calleeFrame(): string {
    if (this.markFrom < 0) this.markFrom = this.out.length;
    return `fp+${FRAME_MARK}`;
  }

  /**
   * Appends the twin of a self-recursive function (not split, so its lines are all of `out`): the same code under
   * the twin's name, its recursive calls going back to the function (see TWIN_MAX_BODY).
   */
  private emitTwin(): void {
    const n = this.out.length;
    const fi = this.funcIndex;
    const toTwin = new RegExp(`\\b${this.shape.twinIdent(fi)}\\(`, 'g');
    const back = `${this.shape.callIdent(fi)}(`;
    for (let k = 0; k < n; k++) {
      const l = this.out[k]!;
      this.out.push(k === 0 ? l.replace(`function ${this.shape.funcIdent(fi)}(`, `function ${this.shape.twinIdent(fi)}(`) : l.replace(toTwin, back));
      this.offs.push(this.offs[k]!);
    }
    const sites = this.sites.length;
    for (let i = 0; i < sites; i++) this.sites.push({ line: n + this.sites[i]!.line, kind: this.sites[i]!.kind });
  }

  /** The function-local view of memory `m`. */
  private viewIdent(m: number): string {
    this.memsUsed.add(m);
    return `v${m}`;
  }

  /** Calls compiled so far in this function (whether it calls at all, and whether a loop does). */
  private calls = 0;
  /** Per loop whose epoch check leaves the function body (see `epochExit`): the loop's byte offset. */
  private epochExits: number[] = [];

  /**
   * In a loop that calls, the epoch check leaves the function body instead of calling the (always trapping)
   * interrupt there: `break EX` out of the body to a `switch` after it that calls it on a line mapped to the loop's
   * offset, so the backtrace is the same. A call left on a never-taken path of a loop whose calls V8 inlines made
   * the loop 1.75x slower (RATIONALE.md). Loops without calls keep the call: the same check ending in `throw`
   * slowed sieve's call-free loops by 25%.
   */
  private epochExit(f: ControlFrame): void {
    if (f.epochLine < 0 || this.calls === f.callsBefore || this.split) return;
    this.out[f.epochLine] = `if (ep[0] >= dl) { ei = ${this.epochExits.length}; break EX; }`;
    this.epochExits.push(this.offs[f.epochLine]!);
  }

  /** Marks a point after which memory views must be reloaded (a call or memory.grow happened). */
  private reloadViews(): void {
    this.viewReloads.push(this.placeholder());
  }

  /**
   * Before a call: the callee (or host) sees and may change the store's fuel. `calleeCost` is an expression for
   * the callee's own charge when it is not known statically (trivial functions do not charge themselves).
   */
  private beforeCall(calleeCost: string | null): string {
    this.calls++;
    if (!this.fuelOn) return '';
    // A host function reads the store's fuel from the cell; a wasm callee takes it as its last argument.
    if (calleeCost !== null) this.emit(this.calleeCharge(calleeCost));
    return ', fu';
  }

  /** Charges a callee's own cost (an expression) before calling it, leaving the store's cell current. */
  private calleeCharge(cost: string): string {
    return `FU[0] = fu = (fu - ${cost}) | 0;`;
  }

  /** Whether function `fi` is a defined function without loops, calls or memory.grow. */
  private isTrivial(fi: number): boolean {
    const d = fi - this.info.importedFuncCount;
    return d >= 0 && isTrivialFunction(this.facts, d);
  }

  /** After a call: memories may have grown, fuel was consumed, the host may have set a new deadline. */
  private afterCall(chargedCallee = false): void {
    this.reloadViews();
    // A callee charged by this caller may have left the cell below zero: refill or trap at once.
    if (this.fuelOn) this.emit(chargedCallee ? `if ((fu = FU[0]) < 0) ${REFILL}` : 'fu = FU[0];');
    if (this.options.epoch) this.emit('dl = DL[0];');
  }

  private reset(): void {
    this.out = [];
    this.offs = [];
    this.sp = 0;
    this.frames = [];
    this.labelCounter = 0;
    this.dead = false;
    this.deadCode.reset();
    this.localTypes = [];
    this.localSlot = [];
    this.maxTemp = -1;
    this.usesCallee = false;
    this.usesHalves = false;
    this.markFrom = -1;
    this.twinOk = false;
    this.selfCalls = false;
    this.loopWrites = null;
    this.calls = 0;
    this.epochExits = [];
    this.sites = [];
    this.memsUsed = new Set();
    this.hasLoops = false;
    this.viewReloads = [];
    this.fuelHeader = -1;
    this.fuelSegs.reset(this.options.uncheckedFuel ?? MAX_UNCHECKED_FUEL);
    this.outlinePlan = null;
    this.runs = [];
    this.split = false;
    this.runFns = [];
    this.usesRefSlots = false;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Output

  private emit(line: string): void {
    this.out.push(line);
    this.offs.push(this.curOffset);
  }

  /** Records the last emitted line as a trap site of `kind`. */
  private site(kind: number): void {
    this.sites.push({ line: this.out.length - 1, kind });
  }

  private placeholder(): number {
    this.emit('');
    return this.out.length - 1;
  }

  /** Opens a fuel segment (`kind`: `FUEL_ENTRY` at function entry, `FUEL_LOOP` at loop headers; see `FuelSegments`). */
  private fuelStart(kind = FUEL_UNCHECKED): void {
    if (!this.fuelOn) return;
    this.fuelHeader = this.placeholder();
    this.fuelSegs.start(kind);
  }

  /**
   * Adds `n` instructions to the current segment. A segment never charges more than `MAX_SEGMENT_FUEL`, so `fu`
   * (at least -2^30) minus a charge cannot wrap around int32.
   */
  private chargeFuel(n: number): void {
    if (this.fuelHeader < 0) return;
    if (this.fuelSegs.full(n)) {
      this.fuelEnd();
      this.fuelStart();
    }
    this.fuelSegs.count += n;
  }

  private fuelEnd(): void {
    if (!this.fuelOn || this.fuelHeader < 0) return;
    // Int32 arithmetic: a double `fu` measured 1.59x a loop without fuel, int32 1.15x. Only function entries and
    // loop headers check the count, as wasmtime does (fib with fuel: 900 -> 700 ms without the check on its last
    // segment); elsewhere the charge is a subtraction.
    const n = this.fuelSegs.end();
    if (n > 0) this.out[this.fuelHeader] = this.fuelSegs.checked ? `if ((fu = (fu - ${n}) | 0) < 0) ${REFILL}` : `fu = (fu - ${n}) | 0;`;
    this.fuelHeader = -1;
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Operand stack

  private push(t: ValType, e: string, k: number, m: number, mt: number, nrm = true, slot = -1): void {
    const d = this.sp++;
    this.ty[d] = t;
    this.ex[d] = e;
    this.kind[d] = k;
    this.mask[d] = m;
    this.maxT[d] = mt;
    this.norm[d] = nrm;
    this.slotOf[d] = slot;
    this.loadAddressLocals[d] = -1;
    if (k !== TEMP && e.length > MAX_LAZY_LENGTH) this.materialize(d);
  }

  /** Pushes a value already written to the temp of the new top position. */
  private pushTemp(t: ValType): void {
    const d = this.sp;
    if (t === ValType.i64) {
      const s = this.tempSlot(d);
      this.push(t, `S[fp+${s}]`, TEMP, 0, d, true, s);
    } else {
      this.push(t, this.tempExpr(d, t), TEMP, 0, d);
    }
  }

  /** The temp of stack position `d` holding a non-i64 value of type `t`: a JS variable, or a slot if split. */
  private tempExpr(d: number, t: ValType): string {
    if (this.split) return this.slotExpr(t, this.tempSlot(d));
    this.noteTemp(d);
    return `s${d}`;
  }

  /** Slot `s` of the frame viewed as type `t` (i64 values use `S` directly). */
  private slotExpr(t: ValType, s: number): string {
    if (t === ValType.i32) return `I[fq+${2 * s}]`;
    if (t === ValType.f32 || t === ValType.f64) return `F[fp+${s}]`;
    this.usesRefSlots = true;
    return `RL[fp+${s}]`;
  }

  /** Local `x` (not i64). */
  private localExpr(x: number): string {
    return this.split ? this.slotExpr(this.localTypes[x]!, this.localSlot[x]!) : `l${x}`;
  }

  private tempSlot(d: number): number {
    const s = this.tempBase + d;
    if (s + 1 > this.maxSlot) this.maxSlot = s + 1;
    return s;
  }

  private noteTemp(d: number): void {
    if (d > this.maxTemp) this.maxTemp = d;
  }

  /** The JS expression for the i32/f32/f64/ref value at `d` (booleans converted to 0/1). */
  private val(d: number): string {
    return this.kind[d] === BOOL ? `(${this.ex[d]} ? 1 : 0)` : this.ex[d]!;
  }

  /** The JS condition for the i32 value at `d`. */
  private cond(d: number): string {
    return this.ex[d]!;
  }

  /** Evaluates the entry at `d` into the temp of position `d`. */
  private materialize(d: number): void {
    if (this.kind[d] === TEMP) return;
    this.protectTemp(d);
    if (this.ty[d] === ValType.i64) {
      const s = this.tempSlot(d);
      this.emit(`S[fp+${s}] = ${this.ex[d]};`);
      this.ex[d] = `S[fp+${s}]`;
      this.slotOf[d] = s;
      this.norm[d] = true;
    } else {
      const e = this.tempExpr(d, this.ty[d]!);
      this.emit(`${e} = ${this.val(d)};`);
      this.ex[d] = e;
    }
    this.kind[d] = TEMP;
    this.mask[d] = 0;
    this.maxT[d] = d;
  }

  /** Before the temp of position `d` is written: evaluate entries below that still read it. */
  private protectTemp(d: number): void {
    for (let q = 0; q < d; q++) {
      if (this.kind[q] !== TEMP && this.maxT[q] >= d) this.materialize(q);
    }
  }

  private materializeAll(): void {
    for (let d = 0; d < this.sp; d++) this.materialize(d);
  }

  /** Makes the i64 at `d` available in a slot and returns the slot index (relative to fp). */
  private slot(d: number): number {
    if (this.slotOf[d]! >= 0 && (this.kind[d] === TEMP || this.kind[d] === SLOT)) return this.slotOf[d]!;
    this.materialize(d);
    return this.slotOf[d]!;
  }

  /** An i64 expression whose value is in [0, 2^64). */
  private normExpr(d: number): string {
    if (!this.norm[d]) this.materialize(d);
    return this.ex[d]!;
  }

  private lo(slot: number): string {
    this.usesHalves = true;
    return `I[fq+${slot * 2}]`;
  }

  private hi(slot: number): string {
    this.usesHalves = true;
    return `I[fq+${slot * 2 + 1}]`;
  }

  private ulo(slot: number): string {
    this.usesHalves = true;
    return `U[fq+${slot * 2}]`;
  }

  private uhi(slot: number): string {
    this.usesHalves = true;
    return `U[fq+${slot * 2 + 1}]`;
  }

  /** Pops one entry and returns its position (its fields stay readable until the next push). */
  private pop(): number {
    return --this.sp;
  }

  /** Makes the entry at `d` simple (an identifier or literal) so it can be used twice. */
  private simple(d: number): string {
    if (!SIMPLE.test(this.ex[d]!) || this.kind[d] === BOOL) this.materialize(d);
    return this.ex[d]!;
  }

  /** Before local `x` is written: evaluate every pending entry that reads it. */
  private protectLocal(x: number): void {
    const bit = localBit(x);
    for (let d = 0; d < this.sp; d++) {
      if (this.kind[d] !== TEMP && this.mask[d]! & bit) this.materialize(d);
    }
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Unreachable code

  private markDead(): void {
    this.fuelEnd();
    this.dead = true;
    this.deadCode.reset();
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Control flow

  private blockSig(r: OperatorReader): [readonly ValType[], readonly ValType[]] {
    if (r.blockType === BLOCK_EMPTY) return [[], []];
    if (r.blockType === BLOCK_VALUE) return [[], [r.blockValType]];
    const t = this.info.types[r.blockType]!;
    return [t.params, t.results];
  }

  private pushFrame(kind: number, params: readonly ValType[], results: readonly ValType[], header: number, cond = ''): ControlFrame {
    const f: ControlFrame = {
      kind,
      label: this.labelCounter++,
      base: this.sp - params.length,
      params,
      results,
      header,
      used: false,
      thenReachable: false,
      hasElse: false,
      cond,
      depth: this.frames.length,
      outline: this.outlinePlan !== null && this.outlinePlan.has(this.curOffset),
      children: 0,
      loop: kind === LOOP ? this.curOffset : this.frames.length > 0 ? this.frames[this.frames.length - 1]!.loop : -1,
      epochLine: -1,
      callsBefore: 0,
    };
    this.frames.push(f);
    return f;
  }

  /**
   * Moves the top `n` stack values into the temps of positions `base..base+n-1` (where a frame's results or a
   * loop's params live). Returns the statements; evaluation that must precede them is emitted directly.
   */
  private moveTo(base: number, n: number): string {
    const top = this.sp - n;
    if (n === 0) return '';
    if (top === base) {
      for (let i = 0; i < n; i++) this.materialize(base + i);
      return '';
    }
    if (n > 1) for (let i = 0; i < n; i++) this.materialize(top + i);
    let s = '';
    for (let i = 0; i < n; i++) {
      const src = top + i;
      const dst = base + i;
      if (this.ty[src] === ValType.i64) {
        s += `S[fp+${this.tempSlot(dst)}] = ${this.ex[src]}; `;
      } else {
        s += `${this.tempExpr(dst, this.ty[src]!)} = ${this.val(src)}; `;
      }
    }
    return s;
  }

  /** The statements that branch to frame `f` carrying the top values (values prepared by `moveTo`). */
  private branchTo(f: ControlFrame): string {
    if (f.kind === FUNC) return this.returnStatements(f.results);
    const arity = f.kind === LOOP ? f.params.length : f.results.length;
    const moves = this.moveTo(f.base, arity);
    return moves + this.jumpTo(f);
  }

  /**
   * The jump to frame `f` once its values are in place: `break`/`continue`, or, from inside a split-off run that
   * `f` is outside of, a return of the code its caller continues with.
   */
  private jumpTo(f: ControlFrame): string {
    const run = this.runs[this.runs.length - 1];
    if (run && f.depth < run.depth) {
      let code = run.exits.get(f);
      if (code === undefined) run.exits.set(f, (code = run.exits.size + 1));
      return `${this.fuelSync()}return ${code};`;
    }
    f.used = true;
    return f.kind === LOOP ? `continue L${f.label};` : `break L${f.label};`;
  }

  /** Statements that return the top `results.length` values from the function. */
  private returnStatements(results: readonly ValType[]): string {
    return this.fuelSync() + this.returnValues(results);
  }

  /** Inside a split-off run: the function returns through the run's callers (code -1). */
  private returnValues(results: readonly ValType[]): string {
    const run = this.runs[this.runs.length - 1];
    if (run) run.returns = true;
    const ret = run ? 'return -1;' : 'return;';
    const n = results.length;
    const top = this.sp - n;
    if (n === 0) return ret;
    if (n === 1) {
      if (results[0] === ValType.i64) return `S[fp] = ${this.ex[top]}; ${ret}`;
      if (run) return `${this.slotExpr(results[0]!, 0)} = ${this.val(top)}; return -1;`;
      return `return ${this.val(top)};`;
    }
    // Multiple results go to the frame's slots (i64 via S, i32 via I, floats via F, references via RR) so NaN
    // payloads are never stored into a JS array. Evaluate all first: they may read the slots being written.
    for (let i = 0; i < n; i++) this.materialize(top + i);
    let s = '';
    const movesLate: string[] = [];
    for (let i = 0; i < n; i++) {
      const d = top + i;
      const t = results[i]!;
      if (t === ValType.i64) {
        s += `const r${i} = ${this.ex[d]}; `;
        movesLate.push(`S[fp+${i}] = r${i};`);
      } else if (t === ValType.i32) {
        this.usesHalves = true;
        movesLate.push(`I[fq+${2 * i}] = ${this.ex[d]};`);
      } else if (t === ValType.f32 || t === ValType.f64) {
        movesLate.push(`F[fp+${i}] = ${this.ex[d]};`);
      } else {
        movesLate.push(`RR[${i}] = ${this.ex[d]};`);
      }
    }
    return `{ ${s}${movesLate.join(' ')} ${ret} }`;
  }

  /** After a call returning `results` into the callee frame at `fp + FRAME`: push them as temps. */
  private pushCallResults(results: readonly ValType[], callExpr: string): void {
    const target = this.callResultTarget(results);
    this.emit(`${target}${callExpr};`);
    this.finishCallResults(results);
  }

  /**
   * Before the call of a function with `results` is emitted: makes the result temps free and returns what precedes
   * the call expression (`t3 = ` for a single non-i64 result, else nothing: the callee leaves results in its
   * frame). `finishCallResults` then pushes the results.
   */
  private callResultTarget(results: readonly ValType[]): string {
    const n = results.length;
    const d = this.sp;
    for (let i = 0; i < n; i++) this.protectTemp(d + i);
    return n === 1 && results[0] !== ValType.i64 ? `${this.tempExpr(d, results[0]!)} = ` : '';
  }

  /** After the call: pushes the results (read from the callee's frame unless returned; see `callResultTarget`). */
  private finishCallResults(results: readonly ValType[]): void {
    const n = results.length;
    const d = this.sp;
    if (n === 1 && results[0] !== ValType.i64) {
      this.pushTemp(results[0]!);
      return;
    }
    for (let i = 0; i < n; i++) {
      const t = results[i]!;
      const p = d + i;
      if (t === ValType.i64) {
        this.emit(`S[fp+${this.tempSlot(p)}] = S[${this.calleeFrame()}+${i}];`);
      } else if (t === ValType.i32) {
        this.emit(`${this.tempExpr(p, t)} = I[(${this.calleeFrame()}+${i})*2];`);
      } else if (t === ValType.f32 || t === ValType.f64) {
        this.emit(`${this.tempExpr(p, t)} = F[${this.calleeFrame()}+${i}];`);
      } else {
        this.emit(`${this.tempExpr(p, t)} = RR[${i}];`);
      }
      this.pushTemp(t);
    }
  }

  /** The locals expression `d` reads when it reads nothing else but constants and immutable globals, else -1. */
  private onlyLocals(d: number): number {
    return this.kind[d] === LAZY && this.maxT[d] === NO_TEMP ? this.mask[d]! : -1;
  }

  /**
   * Whether stack value `d` (not a constant) is the same on every iteration of the loop it is in: an expression of
   * constants, immutable globals and locals the loop never writes, or a load from such an address.
   */
  private sameEachIteration(d: number): boolean {
    const loop = this.frames[this.frames.length - 1]!.loop;
    if (loop < 0 || I32_CONSTANT.test(this.ex[d]!)) return false;
    const locals = this.loadAddressLocals[d]! >= 0 ? this.loadAddressLocals[d]! : this.onlyLocals(d);
    if (locals < 0) return false;
    if (this.loopWrites === null) {
      const body = this.info.codes[this.funcIndex - this.info.importedFuncCount]!;
      this.loopWrites = loopWrittenLocals(this.info.bytes, body.codeStart, body.codeEnd, this.options.features);
    }
    return (locals & this.loopWrites.get(loop)!) === 0;
  }

  /** Per loop of the function, the locals it writes (`loopWrittenLocals`), computed when first needed. */
  private loopWrites: Map<number, number> | null = null;

  /**
   * The functions a `call_indirect` of signature id `sig` through table `table` can reach, when the table's
   * contents are fixed (`staticTables`) and few functions of that signature are in it: each with the table indices
   * holding it. Null otherwise.
   */
  private staticTargets(table: number, sig: number): Map<number, number[]> | null {
    const contents = this.tables[table];
    if (!contents) return null;
    const targets = new Map<number, number[]>();
    let cases = 0;
    for (let k = 0; k < contents.length; k++) {
      const f = contents[k]!;
      if (f < 0 || this.shape.sigId(this.info.funcTypeIndices[f]!) !== sig) continue;
      let at = targets.get(f);
      if (!at) {
        if (targets.size === MAX_STATIC_TARGETS) return null;
        targets.set(f, (at = []));
      }
      at.push(k);
      if (++cases > MAX_STATIC_CASES) return null;
    }
    return targets;
  }

  /**
   * `call_indirect` through a table whose contents are fixed: a `switch` on the index with a direct call per
   * function, which TurboFan can inline (a call through the element is megamorphic at a polymorphic site). Any
   * other index (out of bounds, null, another signature) calls the failure function, which raises the trap.
   */
  private staticIndirectCall(t: FuncType, sig: number, table: number, sel: string, targets: Map<number, number[]>): void {
    const args = this.callArgs(t);
    this.calls++;
    const fuelArg = this.fuelOn ? ', fu' : '';
    const target = this.callResultTarget(t.results);
    const charge = (cost: string): string => (this.fuelOn ? `${this.calleeCharge(cost)} ` : '');
    this.emit(`switch (${sel}) {`);
    for (const [f, at] of targets) {
      const callee = this.shape.callIdent(f);
      const d = f - this.info.importedFuncCount;
      const cost = d < 0 ? `${callee}.fuel` : String(isTrivialFunction(this.facts, d) ? this.facts.ops[d]! : 0);
      this.emit(`${at.map((k) => `case ${k}:`).join(' ')} ${charge(cost)}${target}${callee}(${args}${fuelArg}); break;`);
    }
    const fail = this.shape.callIndirectFailIdent(table, sig);
    this.emit(`default: CIx = ${sel}; ${charge('0')}${target}${fail}(${args}${fuelArg});`);
    this.emit('}');
    this.finishCallResults(t.results);
    this.afterCall(true);
  }

  private callArgs(type: FuncType): string {
    const n = type.params.length;
    const base = this.sp - n;
    const args: string[] = [];
    let j = 0;
    for (let i = 0; i < n; i++) {
      const d = base + i;
      if (type.params[i] === ValType.i64) {
        this.emit(`S[${this.calleeFrame()}+${j++}] = ${this.ex[d]};`);
      } else {
        args.push(this.val(d));
      }
    }
    this.sp = base;
    args.push(this.calleeFrame());
    return args.join(', ');
  }

  private endFrame(): void {
    const f = this.frames[this.frames.length - 1]!;
    const reachableEnd = !this.dead;
    if (reachableEnd && f.kind !== FUNC) {
      const moves = this.moveTo(f.base, f.results.length);
      if (moves) this.emit(moves);
    }
    this.fuelEnd();
    const run = this.runs[this.runs.length - 1];
    if (run && run.owner === f) this.closeRun(run, reachableEnd);
    this.frames.pop();
    this.dead = false;
    this.deadCode.reset();
    switch (f.kind) {
      case FUNC:
        if (reachableEnd) {
          const ret = this.returnStatements(f.results);
          if (ret !== 'return;') this.emit(ret);
        }
        return;
      case BLOCK:
        if (f.used) {
          this.out[f.header] = `L${f.label}: {`;
          this.emit('}');
        }
        this.afterFrame(f, reachableEnd || f.used);
        return;
      case LOOP:
        this.epochExit(f);
        if (f.used) {
          this.out[f.header] = `L${f.label}: for (;;) {`;
          if (reachableEnd) this.emit(`break L${f.label};`);
          this.unrollLoop(f);
          this.emit('}');
        }
        this.afterFrame(f, reachableEnd);
        return;
      case IF: {
        this.out[f.header] = `${f.used ? `L${f.label}: ` : ''}if (${f.cond}) {`;
        this.emit('}');
        const reachable = f.hasElse ? reachableEnd || f.thenReachable || f.used : true;
        this.afterFrame(f, reachable);
        return;
      }
    }
  }

  /**
   * Unrolls a small innermost loop once: its body (the lines after the header, ending in a jump) is emitted twice,
   * the first copy inside a block whose `continue` becomes a jump to the second copy. TurboFan does not unroll JS
   * loops (it does unroll wasm loops); the second copy halves the per-iteration cost of the back edge (phi moves of
   * spilled values, the stack check, re-checked views): sha256 1.63x -> 1.4x of V8's wasm. Only loops without
   * calls (view reloads are patched by line index) or i64 slots, in functions that are not split.
   */
  private unrollLoop(f: ControlFrame): void {
    if (this.outlinePlan !== null) return;
    const first = f.header + 1;
    const last = this.out.length;
    if (last - first < 2 || this.viewReloads.some((at) => at >= first)) return;
    let chars = 0;
    for (let i = first; i < last; i++) {
      const line = this.out[i]!;
      chars += line.length;
      if (chars > UNROLL_MAX_CHARS || line.endsWith(': for (;;) {') || SLOT_ACCESS.test(line)) return;
    }
    const again = this.labelCounter++;
    const cont = `continue L${f.label};`;
    const jump = `break L${again};`;
    const sitesFrom = this.sites.findIndex((s) => s.line >= first);
    const sites = sitesFrom < 0 ? [] : this.sites.slice(sitesFrom);
    // The first copy moves down by one line (the new block's header); its sites move with it.
    for (const s of sites) s.line += 1;
    const body = this.out.splice(first, last - first);
    const offs = this.offs.splice(first, last - first);
    const open = `L${again}: {`;
    this.out.push(open, ...body.map((l) => (l.includes(cont) ? l.split(cont).join(jump) : l)), '}', ...body);
    this.offs.push(offs[0]!, ...offs, offs[offs.length - 1]!, ...offs);
    const shift = body.length + 1;
    for (const s of sites) this.sites.push({ line: s.line + shift, kind: s.kind });
  }

  /** Sets the stack after a frame ends: its results, as temps of their positions. */
  private afterFrame(f: ControlFrame, reachable: boolean): void {
    this.sp = f.base;
    for (const t of f.results) this.pushTemp(t);
    // A run opens before its first fuel segment, so the segment's check is in the run's function, not in the
    // dispatcher (fuel checks in a thousand-case dispatcher took it past V8's size limit).
    const parent = this.frames[this.frames.length - 1]!;
    if (++parent.children === 1 && parent.outline) {
      this.runs.push({ opener: this.placeholder(), depth: this.frames.length, owner: parent, exits: new Map(), returns: false });
    }
    if (!reachable) this.markDead();
    else this.fuelStart();
  }

  /**
   * Ends a run: its lines (since its opener) become a function of their own, called in their place with the same
   * frame; the code it returns continues as the branch it stands for.
   */
  private closeRun(run: OutlinedRun, reachableEnd: boolean): void {
    this.runs.pop();
    const first = run.opener + 1;
    if (this.out.length === first) {
      this.out[run.opener] = '';
      return;
    }
    const name = `q${this.funcIndex}_${this.runFns.length}`;
    const lines = this.out.splice(first);
    const offs = this.offs.splice(first);
    // Trap sites and view reloads are recorded in line order: those of the run are at the end.
    const sites: { line: number; kind: number }[] = [];
    while (this.sites.length > 0 && this.sites[this.sites.length - 1]!.line >= first) sites.unshift(this.sites.pop()!);
    for (const site of sites) site.line -= first;
    const reloads: number[] = [];
    while (this.viewReloads.length > 0 && this.viewReloads[this.viewReloads.length - 1]! >= first) reloads.unshift(this.viewReloads.pop()! - first);
    this.runFns.push({ name, lines, offs, sites, reloads, tail: reachableEnd ? `${this.fuelSync()}return 0;` : '', offset: this.curOffset });

    this.out[run.opener] = `rc = ${name}(${this.runArgs()});`;
    this.calls++;
    // The run used fuel; if it called or grew memory (it reloaded views), memories may have grown and a host
    // function may have set a new deadline.
    if (this.fuelOn) this.emit('fu = FU[0];');
    if (reloads.length > 0) {
      this.reloadViews();
      if (this.options.epoch) this.emit('dl = DL[0];');
    }
    const exits = [...run.exits];
    if (exits.length === 1 && !run.returns) {
      // One way out (the common case: a switch case ending in `br`) needs no switch: smaller dispatchers.
      this.emit(`if (rc) { ${this.jumpTo(exits[0]![0])} }`);
    } else if (exits.length > 0 || run.returns) {
      const cases = exits.map(([f, code]) => `case ${code}: ${this.jumpTo(f)}`);
      if (run.returns) cases.push(`case -1: ${this.returnFromRun()}`);
      this.emit(`switch (rc) { ${cases.join(' ')} }`);
    }
  }

  /** The statement that hands this function's fuel count back to the store when control leaves it. */
  private fuelSync(): string {
    return this.fuelOn ? 'FU[0] = fu; ' : '';
  }

  /** The parameters of a split-off run's function, and the arguments of its call: the shared frame and fuel. */
  private runArgs(): string {
    return this.fuelOn ? 'fp, fu' : 'fp';
  }

  /** After a split-off run returned -1: the function's results are in place (slots); return them. */
  private returnFromRun(): string {
    const run = this.runs[this.runs.length - 1];
    if (run) {
      run.returns = true;
      return 'return -1;';
    }
    return this.resultType >= 0 ? `return ${this.slotExpr(this.resultType, 0)};` : 'return;';
  }

  // ---------------------------------------------------------------------------------------------------------------
  // Instructions

  private binI32(op: string): void {
    const b = this.pop();
    const a = this.pop();
    this.push(ValType.i32, `(${this.val(a)} ${op} ${this.val(b)})`, LAZY, this.mask[a]! | this.mask[b]!, Math.max(this.maxT[a]!, this.maxT[b]!));
  }

  private wrapI32(fmt: (a: string, b: string) => string, k = LAZY): void {
    const b = this.pop();
    const a = this.pop();
    this.push(ValType.i32, fmt(this.val(a), this.val(b)), k, this.mask[a]! | this.mask[b]!, Math.max(this.maxT[a]!, this.maxT[b]!));
  }

  private unI32(fmt: (a: string) => string, k = LAZY): void {
    const a = this.pop();
    this.push(ValType.i32, fmt(this.val(a)), k, this.mask[a]!, this.maxT[a]!);
  }

  private cmp(t: ValType, op: string, unsigned = false): void {
    const b = this.pop();
    const a = this.pop();
    const av = unsigned ? `(${this.val(a)} >>> 0)` : this.val(a);
    const bv = unsigned ? `(${this.val(b)} >>> 0)` : this.val(b);
    void t;
    this.push(ValType.i32, `(${av} ${op} ${bv})`, BOOL, this.mask[a]! | this.mask[b]!, Math.max(this.maxT[a]!, this.maxT[b]!));
  }

  private binF(t: ValType, fmt: (a: string, b: string) => string): void {
    const b = this.pop();
    const a = this.pop();
    this.push(t, fmt(this.ex[a]!, this.ex[b]!), LAZY, this.mask[a]! | this.mask[b]!, Math.max(this.maxT[a]!, this.maxT[b]!));
  }

  private unF(t: ValType, fmt: (a: string) => string): void {
    const a = this.pop();
    this.push(t, fmt(this.ex[a]!), LAZY, this.mask[a]!, this.maxT[a]!);
  }

  /** Unary conversion whose input is at the top and whose output type differs. */
  private conv(to: ValType, fmt: (a: string) => string): void {
    const a = this.pop();
    this.push(to, fmt(this.val(a)), LAZY, this.mask[a]!, this.maxT[a]!);
  }

  /** A possibly trapping or effectful computation of one value: evaluated now into the new top's temp. */
  private effect(t: ValType, expr: string): void {
    const d = this.sp;
    this.protectTemp(d);
    if (t === ValType.i64) {
      this.emit(`S[fp+${this.tempSlot(d)}] = ${expr};`);
    } else {
      this.emit(`${this.tempExpr(d, t)} = ${expr};`);
    }
    this.pushTemp(t);
  }

  private i64Bin(op: string, normalizes: boolean): void {
    const b = this.pop();
    const a = this.pop();
    const nrm = normalizes && this.norm[a]! && this.norm[b]!;
    this.push(ValType.i64, `(${this.ex[a]} ${op} ${this.ex[b]})`, LAZY, this.mask[a]! | this.mask[b]!, Math.max(this.maxT[a]!, this.maxT[b]!), nrm);
  }

  /** i64 helper on slots writing the result slot (div/rem/variable shifts). */
  private i64Helper(name: string): void {
    const sb = this.slot(this.sp - 1);
    const sa = this.slot(this.sp - 2);
    this.sp -= 2;
    const d = this.sp;
    this.protectTemp(d);
    const sd = this.tempSlot(d);
    this.emit(`${name}(S, I, fp+${sa}, fp+${sb}, fp+${sd});`);
    this.pushTemp(ValType.i64);
  }

  /** A float-to-i64 conversion helper that writes its result slot: `name(S, x, slot)` (may trap). */
  private toI64Slot(name: string): void {
    const a = this.pop();
    const x = this.ex[a]!;
    const d = this.sp;
    this.protectTemp(d);
    this.emit(`${name}(S, ${x}, fp+${this.tempSlot(d)});`);
    this.pushTemp(ValType.i64);
  }

  /** The constant value of an i64 entry, when it is a literal. */
  private i64Const(d: number): bigint | null {
    const e = this.ex[d]!;
    if (this.kind[d] !== LAZY || !/^(?:0x[0-9a-f]+|\d+)n$/.test(e)) return null;
    return BigInt(e.slice(0, -1));
  }

  private i64Shift(kind: 'shl' | 'shr_s' | 'shr_u' | 'rotl' | 'rotr'): void {
    const c = this.i64Const(this.sp - 1);
    if (c === null) {
      const names = { shl: 'i64Shl', shr_s: 'i64ShrS', shr_u: 'i64ShrU', rotl: 'i64Rotl', rotr: 'i64Rotr' };
      this.i64Helper(names[kind]);
      return;
    }
    const n = Number(c & 63n);
    this.pop();
    const a = this.sp - 1;
    if (n === 0) {
      return; // shifting by 0 (mod 64) leaves the value unchanged
    }
    let e: string;
    let nrm = false;
    switch (kind) {
      case 'shl':
        e = `(${this.ex[a]} << ${n}n)`;
        break;
      case 'shr_u':
        e = `(${this.normExpr(a)} >> ${n}n)`;
        nrm = true;
        break;
      case 'shr_s':
        e = `(BigInt.asIntN(64, ${this.ex[a]}) >> ${n}n)`;
        break;
      case 'rotl':
      case 'rotr': {
        const s = this.slot(a);
        const left = kind === 'rotl' ? n : 64 - n;
        e = `((S[fp+${s}] << ${left}n) | (S[fp+${s}] >> ${64 - left}n))`;
        break;
      }
    }
    this.pop();
    this.push(ValType.i64, e, LAZY, this.mask[a]!, this.maxT[a]!, nrm);
  }

  /** i64 comparison via 32-bit halves (BigInt comparisons are not lowered by TurboFan). */
  private i64Cmp(op: 'eq' | 'ne' | 'lt_s' | 'lt_u' | 'gt_s' | 'gt_u' | 'le_s' | 'le_u' | 'ge_s' | 'ge_u'): void {
    const b = this.sp - 1;
    const a = this.sp - 2;
    const cb = this.i64Const(b);
    const sa = this.slot(a);
    let bl: string;
    let bh: string;
    let bul: string;
    let buh: string;
    if (cb !== null) {
      const v = BigInt.asUintN(64, cb);
      const l = Number(v & 0xffffffffn);
      const h = Number(v >> 32n);
      bl = i32Literal(l);
      bh = i32Literal(h);
      bul = String(l >>> 0);
      buh = String(h >>> 0);
    } else {
      const sb = this.slot(b);
      bl = this.lo(sb);
      bh = this.hi(sb);
      bul = this.ulo(sb);
      buh = this.uhi(sb);
    }
    const al = this.lo(sa);
    const ah = this.hi(sa);
    const aul = this.ulo(sa);
    const auh = this.uhi(sa);
    let e: string;
    const signedHi = op.endsWith('_s');
    const h1 = signedHi ? ah : auh;
    const h2 = signedHi ? bh : buh;
    switch (op) {
      case 'eq':
        e = `(${al} === ${bl} && ${ah} === ${bh})`;
        break;
      case 'ne':
        e = `(${al} !== ${bl} || ${ah} !== ${bh})`;
        break;
      case 'lt_s':
      case 'lt_u':
        e = `(${h1} < ${h2} || (${h1} === ${h2} && ${aul} < ${bul}))`;
        break;
      case 'gt_s':
      case 'gt_u':
        e = `(${h1} > ${h2} || (${h1} === ${h2} && ${aul} > ${bul}))`;
        break;
      case 'le_s':
      case 'le_u':
        e = `(${h1} < ${h2} || (${h1} === ${h2} && ${aul} <= ${bul}))`;
        break;
      case 'ge_s':
      case 'ge_u':
        e = `(${h1} > ${h2} || (${h1} === ${h2} && ${aul} >= ${bul}))`;
        break;
    }
    const m = this.mask[a]! | this.mask[b]!;
    const mt = Math.max(this.maxT[a]!, this.maxT[b]!);
    this.sp -= 2;
    this.push(ValType.i32, e, BOOL, m, mt);
  }

  /** Effective address of a memory access: the popped i32 plus the static offset, as a JS number. */
  private address(d: number, offset: number): string {
    const e = this.val(d);
    // Only a constant (no local, no temp) can be a literal; testing every address with the regexes flattened
    // each expression string.
    if (this.mask[d] !== 0 || this.maxT[d] !== NO_TEMP) return offset === 0 ? `(${e} >>> 0)` : `(${e} >>> 0) + ${offset}`;
    if (/^\d+$/.test(e)) return String(Number(e) + offset);
    const m = /^\(?(-\d+)\)?$/.exec(e);
    if (m) return String((Number(m[1]) >>> 0) + offset);
    return offset === 0 ? `(${e} >>> 0)` : `(${e} >>> 0) + ${offset}`;
  }

  private load(t: ValType, method: string, r: OperatorReader): void {
    const a = this.pop();
    const addressLocals = this.frames[this.frames.length - 1]!.loop >= 0 ? this.onlyLocals(a) : -1;
    const addr = this.address(a, r.memOffset);
    const m = this.viewIdent(r.memIndex);
    const d = this.sp;
    this.protectTemp(d);
    if (t === ValType.i64) {
      const s = this.tempSlot(d);
      if (method === 'getFloat64') this.emit(`F[fp+${s}] = ${m}.getFloat64(${addr}, true);`);
      else if (method === 'getInt32' || method === 'getInt8' || method === 'getInt16') this.emit(`S[fp+${s}] = BigInt(${m}.${method}(${addr}, true));`);
      else this.emit(`S[fp+${s}] = BigInt(${m}.${method}(${addr}, true));`);
      this.site(TrapKind.memoryOutOfBounds);
      this.pushTemp(ValType.i64);
      return;
    }
    const e = this.tempExpr(d, t);
    if (t === ValType.f32) {
      this.emit(`${e} = ${m}.getFloat32(${addr}, true); if (${e} !== ${e}) ${e} = f32FromBits(${m}.getInt32(${addr}, true));`);
    } else {
      this.emit(`${e} = ${m}.${method}(${addr}, true);`);
    }
    this.site(TrapKind.memoryOutOfBounds);
    this.pushTemp(t);
    this.loadAddressLocals[d] = addressLocals;
  }

  private store(t: ValType, method: string, r: OperatorReader): void {
    const v = this.sp - 1;
    const m = this.viewIdent(r.memIndex);
    if (t === ValType.i64) {
      const s = this.slot(v);
      const a = this.sp - 2;
      const addr = this.address(a, r.memOffset);
      this.sp -= 2;
      if (method === 'setFloat64') this.emit(`${m}.setFloat64(${addr}, F[fp+${s}], true);`);
      else this.emit(`${m}.${method}(${addr}, ${this.lo(s)}, true);`);
      this.site(TrapKind.memoryOutOfBounds);
      return;
    }
    if (t === ValType.f32) {
      const val = this.simple(v);
      const a = this.sp - 2;
      const addr = this.address(a, r.memOffset);
      this.sp -= 2;
      this.emit(`if (${val} === ${val}) ${m}.setFloat32(${addr}, ${val}, true); else ${m}.setInt32(${addr}, f32ToBits(${val}), true);`);
      this.site(TrapKind.memoryOutOfBounds);
      return;
    }
    const val = this.val(v);
    const a = this.sp - 2;
    const addr = this.address(a, r.memOffset);
    this.sp -= 2;
    this.emit(`${m}.${method}(${addr}, ${val}, true);`);
    this.site(TrapKind.memoryOutOfBounds);
  }

  private f64Const(lo: number, hi: number): string {
    const v = f64FromHalves(lo, hi);
    const lit = f64Literal(v);
    return lit ?? `CF[${this.constants.add(lo, hi)}]`;
  }

  private op(op: number, r: OperatorReader, fnType: FuncType): void {
    if (this.fuelOn && op !== 0x0b && op !== 0x05 && op !== 0x01 && op !== 0x02 && op !== 0x03) this.chargeFuel(1);
    const info = this.info;
    switch (op) {
      case 0x00: // unreachable
        this.emit(`trap(${TrapKind.unreachable});`);
        this.markDead();
        return;
      case 0x01: // nop
        return;
      case 0x02: {
        // block
        const [params, results] = this.blockSig(r);
        this.materializeAll();
        this.fuelEnd();
        const h = this.placeholder();
        this.pushFrame(BLOCK, params, results, h);
        this.fuelStart();
        return;
      }
      case 0x03: {
        // loop
        const [params, results] = this.blockSig(r);
        this.materializeAll();
        this.fuelEnd();
        const h = this.placeholder();
        const loop = this.pushFrame(LOOP, params, results, h);
        this.hasLoops = true;
        if (this.options.epoch) {
          loop.epochLine = this.out.length;
          loop.callsBefore = this.calls;
          this.emit('if (ep[0] >= dl) epochInterrupt();');
        }
        this.fuelStart(FUEL_LOOP);
        return;
      }
      case 0x04: {
        // if
        const [params, results] = this.blockSig(r);
        const c = this.pop();
        const cond = this.cond(c);
        const condKind = this.kind[c]!;
        this.materializeAll();
        // The condition was popped: if it was lazy and reads a param temp it is still valid (params are
        // materialized into their own positions, below the condition's position).
        void condKind;
        this.fuelEnd();
        const h = this.placeholder();
        this.pushFrame(IF, params, results, h, cond);
        this.fuelStart();
        return;
      }
      case 0x05: {
        // else
        const f = this.frames[this.frames.length - 1]!;
        if (!this.dead) {
          const moves = this.moveTo(f.base, f.results.length);
          if (moves) this.emit(moves);
          f.thenReachable = true;
        }
        this.fuelEnd();
        f.hasElse = true;
        this.emit('} else {');
        this.dead = false;
        this.deadCode.reset();
        this.sp = f.base;
        for (const t of f.params) this.pushTemp(t);
        this.fuelStart();
        return;
      }
      case 0x0b: // end
        this.endFrame();
        return;
      case 0x0c: {
        // br
        const f = this.frames[this.frames.length - 1 - r.index]!;
        this.fuelEnd();
        this.emit(this.branchTo(f));
        this.markDead();
        return;
      }
      case 0x0d: {
        // br_if
        const c = this.pop();
        const cond = this.cond(c);
        const f = this.frames[this.frames.length - 1 - r.index]!;
        // With values to move, the condition must be evaluated before the moves (which may overwrite temps it
        // reads); without, it stays a plain JS condition (materializing it measured ~15% on a tight loop).
        let condExpr = cond;
        const arity = f.kind === LOOP ? f.params.length : f.results.length;
        if (arity > 0 && this.kind[c] !== TEMP) {
          this.materialize(c);
          condExpr = this.ex[c]!;
        }
        this.fuelEnd();
        const br = this.branchTo(f);
        this.emit(`if (${condExpr}) { ${br} }`);
        this.fuelStart();
        return;
      }
      case 0x0e: {
        // br_table
        const idx = this.pop();
        const sel = this.simple(idx);
        this.fuelEnd();
        const n = r.targetCount;
        const groups = new Map<number, number[]>();
        for (let i = 0; i < n; i++) {
          const depth = r.targets[i]!;
          let g = groups.get(depth);
          if (!g) groups.set(depth, (g = []));
          g.push(i);
        }
        const defaultDepth = r.index;
        // Prepare values once: every target receives the same top values.
        const lines: string[] = [`switch (${sel}) {`];
        for (const [depth, cases] of groups) {
          if (depth === defaultDepth) continue;
          const f = this.frames[this.frames.length - 1 - depth]!;
          lines.push(`${cases.map((c) => `case ${c}:`).join(' ')} { ${this.branchTo(f)} }`);
        }
        const df = this.frames[this.frames.length - 1 - defaultDepth]!;
        lines.push(`default: { ${this.branchTo(df)} }`);
        lines.push('}');
        // One output line each (the module compiler maps lines to offsets one to one); the branches' moves were
        // emitted above them while the lines were built.
        for (const l of lines) this.emit(l);
        this.markDead();
        return;
      }
      case 0x0f: // return
        this.fuelEnd();
        this.emit(this.returnStatements(fnType.results));
        this.markDead();
        return;
      case 0x10: {
        // call
        const t = info.types[info.funcTypeIndices[r.index]!]!;
        const args = this.callArgs(t);
        const self = r.index === this.funcIndex && this.twinOk;
        if (self) this.selfCalls = true;
        const callee = self ? this.shape.twinIdent(r.index) : this.shape.callIdent(r.index);
        if (this.isTrivial(r.index)) {
          // A function without loops, calls or memory.grow touches no fuel, deadline or memory buffer: charge its
          // instructions here and skip every synchronization.
          this.chargeFuel(this.facts.ops[r.index - info.importedFuncCount]!);
          this.calls++;
          this.pushCallResults(t.results, `${callee}(${args})`);
          return;
        }
        const imported = r.index < info.importedFuncCount;
        // A defined function with a call or memory.grow has an instruction to charge, so it checks fuel on entry.
        if (!imported && (this.facts.flags[r.index - info.importedFuncCount]! & (FUNC_HAS_CALL | FUNC_HAS_GROW)) !== 0) this.fuelSegs.callsCheckingFunction();
        const fuelArg = this.beforeCall(imported ? `${callee}.fuel` : null);
        this.pushCallResults(t.results, `${callee}(${args}${fuelArg})`);
        this.afterCall(imported);
        return;
      }
      case 0x11: {
        // call_indirect
        const t = info.types[r.index]!;
        const sig = this.shape.sigId(r.index);
        const ti = this.pop();
        // An index read from the same place on every iteration (a function pointer in a struct or a global
        // variable) most likely selects the same function each time: the call through the element gets V8's
        // monomorphic feedback and inlines, and no calls are left on never-taken paths (RATIONALE.md).
        const sameEachIteration = this.sameEachIteration(ti);
        const sel = this.simple(ti);
        const targets = sameEachIteration ? null : this.staticTargets(r.index2, sig);
        if (targets !== null) {
          this.staticIndirectCall(t, sig, r.index2, sel, targets);
          return;
        }
        const T = this.shape.tableIdent(r.index2);
        this.usesCallee = true;
        // The failure branch only stores the index and swaps in a function that raises the trap when called in
        // the element's place: a call (or anything else needing type feedback) in the never-taken branch made
        // TurboFan compile it as a deoptimization exit, which cost 40% in a monomorphic loop (RATIONALE.md).
        this.emit(`c = ${T}[${sel}]; if (c == null || c.sig !== ${sig}) { CIx = ${sel}; c = ${this.shape.callIndirectFailIdent(r.index2, sig)}; }`);
        const args = this.callArgs(t);
        const fuelArg = this.beforeCall('c.fuel');
        this.pushCallResults(t.results, `c(${args}${fuelArg})`);
        this.afterCall(true);
        return;
      }
      case 0x1a: // drop
        this.pop();
        return;
      case 0x1b: // select
      case 0x1c: {
        const c = this.pop();
        const cond = this.cond(c);
        const cm = this.mask[c]!;
        const ct = this.maxT[c]!;
        const b = this.sp - 1;
        const a = this.sp - 2;
        const t = this.ty[a]!;
        if (t === ValType.i64) {
          const sb = this.slot(b);
          const sa = this.slot(a);
          this.sp -= 2;
          const d = this.sp;
          this.protectTemp(d);
          const sd = this.tempSlot(d);
          this.emit(`F[fp+${sd}] = ${cond} ? F[fp+${sa}] : F[fp+${sb}];`);
          this.pushTemp(ValType.i64);
          return;
        }
        this.sp -= 2;
        this.push(t, `(${cond} ? ${this.val(a)} : ${this.val(b)})`, LAZY, cm | this.mask[a]! | this.mask[b]!, Math.max(ct, this.maxT[a]!, this.maxT[b]!));
        return;
      }
      case 0x20: {
        // local.get
        const x = r.index;
        const t = this.localTypes[x]!;
        if (t === ValType.i64) {
          const s = this.localSlot[x]!;
          this.push(t, `S[fp+${s}]`, SLOT, localBit(x), NO_TEMP, true, s);
        } else {
          this.push(t, this.localExpr(x), LAZY, localBit(x), NO_TEMP);
        }
        return;
      }
      case 0x21: // local.set
      case 0x22: {
        // local.tee
        const x = r.index;
        const v = this.pop();
        const t = this.localTypes[x]!;
        const e = t === ValType.i64 ? this.ex[v]! : this.val(v);
        this.protectLocal(x);
        if (t === ValType.i64) this.emit(`S[fp+${this.localSlot[x]}] = ${e};`);
        else this.emit(`${this.localExpr(x)} = ${e};`);
        if (op === 0x22) {
          if (t === ValType.i64) this.push(t, `S[fp+${this.localSlot[x]}]`, SLOT, localBit(x), NO_TEMP, true, this.localSlot[x]!);
          else this.push(t, this.localExpr(x), LAZY, localBit(x), NO_TEMP);
        }
        return;
      }
      case 0x23: {
        // global.get
        const g = info.globals[r.index]!;
        const id = this.shape.globalIdent(r.index);
        if (!g.mutable) {
          this.push(g.type, `${id}[0]`, LAZY, 0, NO_TEMP, true);
          return;
        }
        this.effect(g.type, `${id}[0]`);
        return;
      }
      case 0x24: {
        // global.set
        const v = this.pop();
        const t = info.globals[r.index]!.type;
        this.emit(`${this.shape.globalIdent(r.index)}[0] = ${t === ValType.i64 ? this.ex[v] : this.val(v)};`);
        return;
      }
      case 0x25: {
        // table.get
        const i = this.pop();
        const sel = this.simple(i);
        const T = this.shape.tableIdent(r.index);
        this.emit(`if ((${sel} >>> 0) >= ${T}.length) trap(${TrapKind.tableOutOfBounds});`);
        this.effect(info.tables[r.index]!.element, `${T}[${sel}]`);
        return;
      }
      case 0x26: {
        // table.set
        const v = this.pop();
        const ve = this.val(v);
        const i = this.sp - 1;
        const sel = this.simple(i);
        this.pop();
        const T = this.shape.tableIdent(r.index);
        this.emit(`if ((${sel} >>> 0) >= ${T}.length) trap(${TrapKind.tableOutOfBounds}); ${T}[${sel}] = ${ve};`);
        return;
      }
      case 0x28:
        return this.load(ValType.i32, 'getInt32', r);
      case 0x29:
        return this.load(ValType.i64, 'getFloat64', r);
      case 0x2a:
        return this.load(ValType.f32, 'getFloat32', r);
      case 0x2b:
        return this.load(ValType.f64, 'getFloat64', r);
      case 0x2c:
        return this.load(ValType.i32, 'getInt8', r);
      case 0x2d:
        return this.load(ValType.i32, 'getUint8', r);
      case 0x2e:
        return this.load(ValType.i32, 'getInt16', r);
      case 0x2f:
        return this.load(ValType.i32, 'getUint16', r);
      case 0x30:
        return this.load(ValType.i64, 'getInt8', r);
      case 0x31:
        return this.load(ValType.i64, 'getUint8', r);
      case 0x32:
        return this.load(ValType.i64, 'getInt16', r);
      case 0x33:
        return this.load(ValType.i64, 'getUint16', r);
      case 0x34:
        return this.load(ValType.i64, 'getInt32', r);
      case 0x35:
        return this.load(ValType.i64, 'getUint32', r);
      case 0x36:
        return this.store(ValType.i32, 'setInt32', r);
      case 0x37:
        return this.store(ValType.i64, 'setFloat64', r);
      case 0x38:
        return this.store(ValType.f32, 'setFloat32', r);
      case 0x39:
        return this.store(ValType.f64, 'setFloat64', r);
      case 0x3a:
        return this.store(ValType.i32, 'setInt8', r);
      case 0x3b:
        return this.store(ValType.i32, 'setInt16', r);
      case 0x3c:
        return this.store(ValType.i64, 'setInt8', r);
      case 0x3d:
        return this.store(ValType.i64, 'setInt16', r);
      case 0x3e:
        return this.store(ValType.i64, 'setInt32', r);
      case 0x3f: // memory.size
        this.effect(ValType.i32, `(${this.viewIdent(r.index)}.byteLength / 65536)`);
        return;
      case 0x40: {
        // memory.grow
        const n = this.pop();
        this.effect(ValType.i32, `memoryGrow(${this.shape.memObjIdent(r.index)}, ${this.val(n)})`);
        this.reloadViews();
        return;
      }
      case 0x41: // i32.const
        this.push(ValType.i32, i32Literal(r.i32), LAZY, 0, NO_TEMP);
        return;
      case 0x42: // i64.const
        this.push(ValType.i64, u64Literal(r.i64), LAZY, 0, NO_TEMP, true);
        return;
      case 0x43: {
        // f32.const
        const [lo, hi] = f32RepHalves(r.f32Bits);
        this.push(ValType.f32, this.f64Const(lo, hi), LAZY, 0, NO_TEMP);
        return;
      }
      case 0x44: // f64.const
        this.push(ValType.f64, this.f64Const(r.f64Lo, r.f64Hi), LAZY, 0, NO_TEMP);
        return;
      case 0x45: {
        // i32.eqz
        const a = this.pop();
        const e = this.kind[a] === BOOL ? `!${this.ex[a]}` : `(${this.ex[a]} === 0)`;
        this.push(ValType.i32, e, BOOL, this.mask[a]!, this.maxT[a]!);
        return;
      }
      case 0x46:
        return this.cmp(ValType.i32, '===');
      case 0x47:
        return this.cmp(ValType.i32, '!==');
      case 0x48:
        return this.cmp(ValType.i32, '<');
      case 0x49:
        return this.cmp(ValType.i32, '<', true);
      case 0x4a:
        return this.cmp(ValType.i32, '>');
      case 0x4b:
        return this.cmp(ValType.i32, '>', true);
      case 0x4c:
        return this.cmp(ValType.i32, '<=');
      case 0x4d:
        return this.cmp(ValType.i32, '<=', true);
      case 0x4e:
        return this.cmp(ValType.i32, '>=');
      case 0x4f:
        return this.cmp(ValType.i32, '>=', true);
      case 0x50: {
        // i64.eqz
        const a = this.pop();
        const s = this.slot(a);
        this.push(ValType.i32, `((${this.lo(s)} | ${this.hi(s)}) === 0)`, BOOL, this.mask[a]!, this.maxT[a]!);
        return;
      }
      case 0x51:
        return this.i64Cmp('eq');
      case 0x52:
        return this.i64Cmp('ne');
      case 0x53:
        return this.i64Cmp('lt_s');
      case 0x54:
        return this.i64Cmp('lt_u');
      case 0x55:
        return this.i64Cmp('gt_s');
      case 0x56:
        return this.i64Cmp('gt_u');
      case 0x57:
        return this.i64Cmp('le_s');
      case 0x58:
        return this.i64Cmp('le_u');
      case 0x59:
        return this.i64Cmp('ge_s');
      case 0x5a:
        return this.i64Cmp('ge_u');
      case 0x5b:
      case 0x61:
        return this.cmp(ValType.f64, '===');
      case 0x5c:
      case 0x62:
        return this.cmp(ValType.f64, '!==');
      case 0x5d:
      case 0x63:
        return this.cmp(ValType.f64, '<');
      case 0x5e:
      case 0x64:
        return this.cmp(ValType.f64, '>');
      case 0x5f:
      case 0x65:
        return this.cmp(ValType.f64, '<=');
      case 0x60:
      case 0x66:
        return this.cmp(ValType.f64, '>=');
      case 0x67: // i32.clz
        return this.unI32((a) => `clz32(${a})`);
      case 0x68: // i32.ctz
        return this.unI32((a) => `i32Ctz(${a})`);
      case 0x69: // i32.popcnt
        return this.unI32((a) => `i32Popcnt(${a})`);
      case 0x6a:
        return this.wrapI32((a, b) => `((${a} + ${b}) | 0)`);
      case 0x6b:
        return this.wrapI32((a, b) => `((${a} - ${b}) | 0)`);
      case 0x6c:
        return this.wrapI32((a, b) => `imul(${a}, ${b})`);
      case 0x6d: // i32.div_s
      case 0x6e: // i32.div_u
      case 0x6f: // i32.rem_s
      case 0x70: {
        // i32.rem_u
        const bv = this.simple(this.sp - 1);
        const av = this.simple(this.sp - 2);
        const constB = I32_CONSTANT.test(bv) ? Number(bv.replace(/[()]/g, '')) : null;
        if (constB === null || constB === 0) this.emit(`if (${bv} === 0) trap(${TrapKind.integerDivideByZero});`);
        if (op === 0x6d && (constB === null || constB === -1)) {
          this.emit(`if (${bv} === -1 && ${av} === -2147483648) trap(${TrapKind.integerOverflow});`);
        }
        const fmt = {
          0x6d: (a: string, b: string) => `((${a} / ${b}) | 0)`,
          0x6e: (a: string, b: string) => `(((${a} >>> 0) / (${b} >>> 0)) | 0)`,
          0x6f: (a: string, b: string) => `((${a} % ${b}) | 0)`,
          0x70: (a: string, b: string) => `(((${a} >>> 0) % (${b} >>> 0)) | 0)`,
        }[op]!;
        return this.wrapI32(fmt);
      }
      case 0x71:
        return this.binI32('&');
      case 0x72:
        return this.binI32('|');
      case 0x73:
        return this.binI32('^');
      case 0x74:
        return this.binI32('<<');
      case 0x75:
        return this.binI32('>>');
      case 0x76:
        return this.wrapI32((a, b) => `((${a} >>> ${b}) | 0)`);
      case 0x77:
      case 0x78: {
        // i32.rotl / rotr
        const bv = this.simple(this.sp - 1);
        const av = this.simple(this.sp - 2);
        void bv;
        void av;
        return this.wrapI32((a, b) => (op === 0x77 ? `((${a} << ${b}) | (${a} >>> (32 - ${b})))` : `((${a} >>> ${b}) | (${a} << (32 - ${b})))`));
      }
      case 0x79: {
        // i64.clz / ctz / popcnt
        const a = this.pop();
        const s = this.slot(a);
        this.push(ValType.i64, `BigInt(i64Clz(I, fp+${s}))`, LAZY, this.mask[a]!, this.maxT[a]!, true);
        return;
      }
      case 0x7a: {
        const a = this.pop();
        const s = this.slot(a);
        this.push(ValType.i64, `BigInt(i64Ctz(I, fp+${s}))`, LAZY, this.mask[a]!, this.maxT[a]!, true);
        return;
      }
      case 0x7b: {
        const a = this.pop();
        const s = this.slot(a);
        this.push(ValType.i64, `BigInt(i64Popcnt(I, fp+${s}))`, LAZY, this.mask[a]!, this.maxT[a]!, true);
        return;
      }
      case 0x7c:
        return this.i64Bin('+', false);
      case 0x7d:
        return this.i64Bin('-', false);
      case 0x7e:
        return this.i64Bin('*', false);
      case 0x7f:
        return this.i64Helper('i64DivS');
      case 0x80:
        return this.i64Helper('i64DivU');
      case 0x81:
        return this.i64Helper('i64RemS');
      case 0x82:
        return this.i64Helper('i64RemU');
      case 0x83:
        return this.i64Bin('&', true);
      case 0x84:
        return this.i64Bin('|', true);
      case 0x85:
        return this.i64Bin('^', true);
      case 0x86:
        return this.i64Shift('shl');
      case 0x87:
        return this.i64Shift('shr_s');
      case 0x88:
        return this.i64Shift('shr_u');
      case 0x89:
        return this.i64Shift('rotl');
      case 0x8a:
        return this.i64Shift('rotr');
      // f32 arithmetic: double arithmetic rounded once to f32 is exact for + - * / sqrt.
      case 0x8b:
        return this.unF(ValType.f32, (a) => `f32Abs(${a})`);
      case 0x8c:
        return this.unF(ValType.f32, (a) => `f32Neg(${a})`);
      case 0x8d:
        return this.unF(ValType.f32, (a) => `f32Ceil(${a})`);
      case 0x8e:
        return this.unF(ValType.f32, (a) => `f32Floor(${a})`);
      case 0x8f:
        return this.unF(ValType.f32, (a) => `f32Trunc(${a})`);
      case 0x90:
        return this.unF(ValType.f32, (a) => `f32Nearest(${a})`);
      case 0x91:
        return this.unF(ValType.f32, (a) => `f32Sqrt(${a})`);
      case 0x92:
        return this.binF(ValType.f32, (a, b) => `fround(${a} + ${b})`);
      case 0x93:
        return this.binF(ValType.f32, (a, b) => `fround(${a} - ${b})`);
      case 0x94:
        return this.binF(ValType.f32, (a, b) => `fround(${a} * ${b})`);
      case 0x95:
        return this.binF(ValType.f32, (a, b) => `fround(${a} / ${b})`);
      case 0x96:
        return this.binF(ValType.f32, (a, b) => `f32Min(${a}, ${b})`);
      case 0x97:
        return this.binF(ValType.f32, (a, b) => `f32Max(${a}, ${b})`);
      case 0x98:
        return this.binF(ValType.f32, (a, b) => `f32Copysign(${a}, ${b})`);
      case 0x99:
        return this.unF(ValType.f64, (a) => `f64Abs(${a})`);
      case 0x9a:
        return this.unF(ValType.f64, (a) => `f64Neg(${a})`);
      case 0x9b:
        return this.unF(ValType.f64, (a) => `f64Ceil(${a})`);
      case 0x9c:
        return this.unF(ValType.f64, (a) => `f64Floor(${a})`);
      case 0x9d:
        return this.unF(ValType.f64, (a) => `f64Trunc(${a})`);
      case 0x9e:
        return this.unF(ValType.f64, (a) => `f64Nearest(${a})`);
      case 0x9f:
        return this.unF(ValType.f64, (a) => `f64Sqrt(${a})`);
      case 0xa0:
        return this.binF(ValType.f64, (a, b) => `(${a} + ${b})`);
      case 0xa1:
        return this.binF(ValType.f64, (a, b) => `(${a} - ${b})`);
      case 0xa2:
        return this.binF(ValType.f64, (a, b) => `(${a} * ${b})`);
      case 0xa3:
        return this.binF(ValType.f64, (a, b) => `(${a} / ${b})`);
      case 0xa4:
        return this.binF(ValType.f64, (a, b) => `f64Min(${a}, ${b})`);
      case 0xa5:
        return this.binF(ValType.f64, (a, b) => `f64Max(${a}, ${b})`);
      case 0xa6:
        return this.binF(ValType.f64, (a, b) => `f64Copysign(${a}, ${b})`);
      case 0xa7: {
        // i32.wrap_i64
        const a = this.pop();
        const s = this.slot(a);
        this.push(ValType.i32, this.lo(s), LAZY, this.mask[a]!, Math.max(this.maxT[a]!, this.kind[a] === TEMP ? a : NO_TEMP));
        return;
      }
      case 0xa8:
        return this.effect(ValType.i32, `i32TruncF32S(${this.ex[this.pop()]})`);
      case 0xa9:
        return this.effect(ValType.i32, `i32TruncF32U(${this.ex[this.pop()]})`);
      case 0xaa:
        return this.effect(ValType.i32, `i32TruncF64S(${this.ex[this.pop()]})`);
      case 0xab:
        return this.effect(ValType.i32, `i32TruncF64U(${this.ex[this.pop()]})`);
      case 0xac: {
        // i64.extend_i32_s
        const a = this.pop();
        this.push(ValType.i64, `BigInt(${this.val(a)})`, LAZY, this.mask[a]!, this.maxT[a]!, false);
        return;
      }
      case 0xad: {
        // i64.extend_i32_u
        const a = this.pop();
        this.push(ValType.i64, `BigInt(${this.val(a)} >>> 0)`, LAZY, this.mask[a]!, this.maxT[a]!, true);
        return;
      }
      case 0xae:
        return this.toI64Slot('i64TruncF32S');
      case 0xaf:
        return this.toI64Slot('i64TruncF32U');
      case 0xb0:
        return this.toI64Slot('i64TruncF64S');
      case 0xb1:
        return this.toI64Slot('i64TruncF64U');
      case 0xb2:
        return this.conv(ValType.f32, (a) => `fround(${a})`);
      case 0xb3:
        return this.conv(ValType.f32, (a) => `fround(${a} >>> 0)`);
      case 0xb4:
      case 0xb5:
      case 0xb9:
      case 0xba: {
        // f32/f64.convert_i64_s/u
        const a = this.pop();
        const s = this.slot(a);
        const name = { 0xb4: 'f32ConvertI64S', 0xb5: 'f32ConvertI64U', 0xb9: 'f64ConvertI64S', 0xba: 'f64ConvertI64U' }[op]!;
        const t = op === 0xb4 || op === 0xb5 ? ValType.f32 : ValType.f64;
        this.push(t, `${name}(${this.lo(s)}, ${this.hi(s)})`, LAZY, this.mask[a]!, Math.max(this.maxT[a]!, this.kind[a] === TEMP ? a : NO_TEMP));
        return;
      }
      case 0xb6:
        return this.conv(ValType.f32, (a) => `f32DemoteF64(${a})`);
      case 0xb7:
        return this.conv(ValType.f64, (a) => `(+${a})`);
      case 0xb8:
        return this.conv(ValType.f64, (a) => `(${a} >>> 0)`);
      case 0xbb:
        return this.conv(ValType.f64, (a) => `f64PromoteF32(${a})`);
      case 0xbc:
        return this.conv(ValType.i32, (a) => `f32ToBits(${a})`);
      case 0xbd: {
        // i64.reinterpret_f64
        // Bits move through the Float64Array view of the slot: no conversion, NaN payloads kept.
        const a = this.pop();
        const d = this.sp;
        this.protectTemp(d);
        this.emit(`F[fp+${this.tempSlot(d)}] = ${this.ex[a]};`);
        this.pushTemp(ValType.i64);
        return;
      }
      case 0xbe:
        return this.conv(ValType.f32, (a) => `f32FromBits(${a})`);
      case 0xbf: {
        // f64.reinterpret_i64
        const a = this.pop();
        const s = this.slot(a);
        this.push(ValType.f64, `F[fp+${s}]`, LAZY, this.mask[a]!, Math.max(this.maxT[a]!, this.kind[a] === TEMP ? a : NO_TEMP));
        return;
      }
      case 0xc0:
        return this.unI32((a) => `((${a} << 24) >> 24)`);
      case 0xc1:
        return this.unI32((a) => `((${a} << 16) >> 16)`);
      case 0xc2:
      case 0xc3:
      case 0xc4: {
        // i64.extend8/16/32_s
        const a = this.pop();
        const s = this.slot(a);
        const lo = this.lo(s);
        const e = op === 0xc2 ? `((${lo} << 24) >> 24)` : op === 0xc3 ? `((${lo} << 16) >> 16)` : lo;
        this.push(ValType.i64, `BigInt(${e})`, LAZY, this.mask[a]!, Math.max(this.maxT[a]!, this.kind[a] === TEMP ? a : NO_TEMP), false);
        return;
      }
      case 0xd0: // ref.null
        this.push(r.index === 0x70 ? ValType.funcref : ValType.externref, 'null', LAZY, 0, NO_TEMP);
        return;
      case 0xd1: {
        // ref.is_null
        const a = this.pop();
        this.push(ValType.i32, `(${this.val(a)} === null)`, BOOL, this.mask[a]!, this.maxT[a]!);
        return;
      }
      case 0xd2: // ref.func
        this.push(ValType.funcref, this.shape.funcRefIdent(r.index), LAZY, 0, NO_TEMP);
        return;
      default:
        if (op >= 0xfc00 && op <= 0xfcff) return this.miscOp(op, r);
        throw new Error(`compiler: unhandled opcode 0x${op.toString(16)}`);
    }
  }

  private miscOp(op: number, r: OperatorReader): void {
    switch (op) {
      case 0xfc00:
        return this.conv(ValType.i32, (a) => `i32TruncSatF32S(${a})`);
      case 0xfc01:
        return this.conv(ValType.i32, (a) => `i32TruncSatF32U(${a})`);
      case 0xfc02:
        return this.conv(ValType.i32, (a) => `i32TruncSatF64S(${a})`);
      case 0xfc03:
        return this.conv(ValType.i32, (a) => `i32TruncSatF64U(${a})`);
      case 0xfc04:
        return this.toI64Slot('i64TruncSatF32S');
      case 0xfc05:
        return this.toI64Slot('i64TruncSatF32U');
      case 0xfc06:
        return this.toI64Slot('i64TruncSatF64S');
      case 0xfc07:
        return this.toI64Slot('i64TruncSatF64U');
      case 0xfc08: {
        // memory.init
        const [d, s, n] = this.pop3();
        this.emit(`memoryInit(${this.shape.memObjIdent(r.index2)}, ${this.shape.dataIdent(r.index)}, ${d}, ${s}, ${n});`);
        return;
      }
      case 0xfc09: // data.drop
        this.emit(`dataDrop(${this.shape.dataIdent(r.index)});`);
        return;
      case 0xfc0a: {
        // memory.copy
        const [d, s, n] = this.pop3();
        this.emit(`memoryCopy(${this.shape.memObjIdent(r.index)}, ${this.shape.memObjIdent(r.index2)}, ${d}, ${s}, ${n});`);
        return;
      }
      case 0xfc0b: {
        // memory.fill
        const [d, v, n] = this.pop3();
        this.emit(`memoryFill(${this.shape.memObjIdent(r.index)}, ${d}, ${v}, ${n});`);
        return;
      }
      case 0xfc0c: {
        // table.init
        const [d, s, n] = this.pop3();
        this.emit(`tableInit(${this.shape.tableObjIdent(r.index2)}, ${this.shape.elemIdent(r.index)}, ${d}, ${s}, ${n});`);
        return;
      }
      case 0xfc0d: // elem.drop
        this.emit(`elemDrop(${this.shape.elemIdent(r.index)});`);
        return;
      case 0xfc0e: {
        // table.copy
        const [d, s, n] = this.pop3();
        this.emit(`tableCopy(${this.shape.tableObjIdent(r.index)}, ${this.shape.tableObjIdent(r.index2)}, ${d}, ${s}, ${n});`);
        return;
      }
      case 0xfc0f: {
        // table.grow
        const n = this.pop();
        const ne = this.val(n);
        const v = this.pop();
        this.effect(ValType.i32, `tableGrow(${this.shape.tableObjIdent(r.index)}, ${this.val(v)}, ${ne})`);
        return;
      }
      case 0xfc10: // table.size
        this.effect(ValType.i32, `${this.shape.tableIdent(r.index)}.length`);
        return;
      case 0xfc11: {
        // table.fill
        const [i, v, n] = this.pop3();
        this.emit(`tableFill(${this.shape.tableObjIdent(r.index)}, ${i}, ${v}, ${n});`);
        return;
      }
      default:
        throw new Error(`compiler: unhandled opcode 0x${op.toString(16)}`);
    }
  }

  /** Pops three operands of a bulk operation and returns their expressions (bottom first). */
  private pop3(): [string, string, string] {
    const c = this.pop();
    const b = this.pop();
    const a = this.pop();
    return [this.val(a), this.val(b), this.val(c)];
  }
}

function zeroOf(t: ValType): string {
  switch (t) {
    case ValType.i32:
    case ValType.f32:
    case ValType.f64:
      return '0';
    default:
      return 'null';
  }
}
