import { TrapKind } from '../core/trap_kind.js';
import type { Engine } from './engine.js';
import { Trap, type WasmFrame } from './trap.js';

/**
 * Mapping from JavaScript stack traces back to wasm: generated code is published under a sourceURL per module, and
 * every generated line knows its function and bytecode offset, so a JS frame `f12 (k23-x-m3:120:7)` becomes
 * "function 12 at offset 0x4a1". This is how traps get backtraces at no cost to code that does not trap.
 */

/** Line number V8 reports for the first line of a `new Function` body (the wrapper adds lines before it). */
const BODY_LINE_BASE: number = (() => {
  const probe = new Function('return new Error().stack;') as () => string;
  const m = /<anonymous>:(\d+):\d+/.exec(probe()) ?? /anonymous.*?:(\d+):\d+/.exec(probe());
  return m ? Number(m[1]) : 3;
})();

const FRAME_RE = /\(?(k23-[0-9a-z]+-m\d+):(\d+):(\d+)\)?\s*$/;
/** A frame of a function split off a large function (`q12_3`): part of that function's wasm activation. */
const SPLIT_FRAME_RE = /^\s*at q\d+_\d+ \(/;

/** One JS frame of generated code: the code's URL and the 0-based line within its source. */
interface CodeFrame {
  readonly url: string;
  readonly line: number;
}

/** A frame of an interpreter activation (the interpreter's `k23Interpret`), where tiering mixes the two. */
const ACTIVATION_RE = /^\s*at k23Interpret \(/;

/** The frames of generated code in lines `from` (>= 1) to `to` (exclusive) of a JS stack. */
function codeFrames(lines: readonly string[], from = 1, to = lines.length): CodeFrame[] {
  const out: CodeFrame[] = [];
  let callerOfSplit = false;
  for (let i = from; i < to; i++) {
    const m = FRAME_RE.exec(lines[i]!);
    if (!m) continue;
    // The innermost frame of a wasm activation has the precise line; the frames that called into its split-off
    // code belong to the same activation.
    const splitOff = SPLIT_FRAME_RE.test(lines[i]!);
    if (callerOfSplit) {
      callerOfSplit = splitOff;
      continue;
    }
    callerOfSplit = splitOff;
    out.push({ url: m[1]!, line: Number(m[2]) - BODY_LINE_BASE });
  }
  return out;
}

/** The wasm frames in a JS stack string, innermost first. */
export function wasmBacktrace(engine: Engine, stack: string | undefined): WasmFrame[] {
  if (!stack) return [];
  return wasmFrames(engine, codeFrames(stack.split('\n')));
}

function wasmFrames(engine: Engine, codeFrameList: readonly CodeFrame[]): WasmFrame[] {
  const frames: WasmFrame[] = [];
  for (const f of codeFrameList) {
    const code = engine.lookupCode(f.url);
    if (!code) continue;
    const func = code.compiled.lineFuncs[f.line];
    if (func === undefined || func < 0) continue;
    frames.push({
      funcIndex: func,
      funcName: code.funcNames.get(func) ?? null,
      moduleName: code.moduleName,
      offset: code.compiled.lineOffsets[f.line] ?? -1,
    });
  }
  return frames;
}

/**
 * The trap kind a native error of generated code stands for, or -1 when it is not a trap. `to`: the first line of
 * the stack not to look at (an interpreter activation's).
 */
function nativeTrapKind(engine: Engine, e: Error, to?: number): number {
  if (!(e instanceof RangeError)) return -1;
  if (e.message === 'Maximum call stack size exceeded') return TrapKind.stackOverflow;
  // A DataView bounds error is a trap only where the compiler placed a memory access (the innermost frame of
  // generated code is a recorded trap site).
  const frames = codeFrames((e.stack ?? '').split('\n'), 1, to);
  const top = frames[0];
  if (!top) return -1;
  const code = engine.lookupCode(top.url);
  const kind = code?.compiled.lineTrapKinds[top.line] ?? -1;
  return kind === TrapKind.memoryOutOfBounds ? kind : -1;
}

/**
 * Turns what a call into wasm threw into what the embedder sees: a `Trap` with its wasm backtrace, or the host's
 * own error unchanged (errors thrown by host functions are recorded in `hostErrors` as they pass).
 */
export function toEmbedderError(engine: Engine, e: unknown, hostErrors: WeakSet<object>): unknown {
  if (e instanceof Trap) {
    // Compiled frames up to the next interpreter activation, if any (that adds its own frames as the trap passes).
    if (e.jsLinesSeen > 0 || (e.jsLinesSeen === 0 && e.wasmBacktrace.length === 0)) addCompiledFrames(engine, e);
    return e;
  }
  if (typeof e !== 'object' || e === null || hostErrors.has(e)) return e;
  if (e instanceof Error) {
    const kind = nativeTrapKind(engine, e);
    if (kind >= 0) {
      const t = trapOf(e, kind);
      addCompiledFrames(engine, t);
      return t;
    }
  }
  return e;
}

/** The trap for native error `e`, keeping the JS frames of where it happened, not of this conversion. */
function trapOf(e: Error, kind: number): Trap {
  const t = new Trap(kind as TrapKind);
  const frames = (e.stack ?? '').split('\n').slice(1).join('\n');
  t.stack = `Trap: ${t.message}\n${frames}`;
  return t;
}

/**
 * With tiering, for an error reaching an interpreter activation from the code it called: a native error of
 * compiled code becomes its trap, and a trap gets the frames of compiled code it passed since the previous
 * activation (or since it was raised), so that the interpreter's frames, added next, follow them in order.
 */
export function adoptForeignError(engine: Engine, e: unknown): unknown {
  let t: Trap;
  if (e instanceof Trap) {
    t = e;
  } else {
    if (!(e instanceof RangeError)) return e;
    const kind = nativeTrapKind(engine, e, nextActivation((e.stack ?? '').split('\n'), 1));
    if (kind < 0) return e;
    t = trapOf(e, kind);
  }
  if (t.jsLinesSeen < 0) return t;
  addCompiledFrames(engine, t);
  // Past this activation's line (-1 when the JS stack was cut short before it: nothing more can be placed).
  if (t.jsLinesSeen > 0) t.jsLinesSeen++;
  return t;
}

/**
 * Adds to a trap's backtrace the frames of compiled code from where it stands in its JS stack to the next
 * interpreter activation, and leaves `jsLinesSeen` at that activation's line (-1 when there is none: complete).
 */
function addCompiledFrames(engine: Engine, t: Trap): void {
  const lines = (t.stack ?? '').split('\n');
  const from = Math.max(1, t.jsLinesSeen);
  const to = nextActivation(lines, from);
  const frames = wasmFrames(engine, codeFrames(lines, from, to));
  if (frames.length > 0) t.wasmBacktrace = [...t.wasmBacktrace, ...frames];
  t.jsLinesSeen = to < lines.length ? to : -1;
}

/** The first line at or after `from` that is an interpreter activation's frame, or `lines.length`. */
function nextActivation(lines: readonly string[], from: number): number {
  for (let i = from; i < lines.length; i++) if (ACTIVATION_RE.test(lines[i]!)) return i;
  return lines.length;
}
