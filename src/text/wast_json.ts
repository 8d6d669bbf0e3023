/**
 * Conversion of wabt's `wast2json` output into the script model of `wast_script.ts`, so a runner treats the JSON
 * form and the text form alike. JSON values are decimal strings of bit patterns (`"4294967295"` for i32 -1), NaN
 * classes (`"nan:canonical"`), `"null"` for null references, and lane arrays for v128 (with `lane_type`).
 */
import { TextError } from './text_error.js';
import {
  WastModule,
  type WastAction,
  type WastCommand,
  type WastLane,
  type WastLaneType,
  type WastLoc,
  type WastResult,
  type WastScript,
  type WastValue,
} from './wast_script.js';

/** A value of the JSON form. */
export interface JsonValue {
  readonly type: string;
  readonly value?: string | readonly string[];
  readonly lane_type?: string;
}

/** An action of the JSON form. */
export interface JsonAction {
  readonly type: string;
  readonly module?: string;
  readonly field: string;
  readonly args?: readonly JsonValue[];
}

/** A command of the JSON form (the union of the fields its command types use). */
export interface JsonCommand {
  readonly type: string;
  readonly line: number;
  readonly filename?: string;
  readonly name?: string;
  readonly as?: string;
  readonly text?: string;
  readonly module_type?: string;
  readonly action?: JsonAction;
  readonly expected?: readonly JsonValue[];
}

/** A whole JSON script. */
export interface JsonScript {
  readonly source_filename?: string;
  readonly commands: readonly JsonCommand[];
}

function bad(file: string, line: number, what: string): TextError {
  return new TextError(`malformed JSON command: ${what}`, file, line, 0);
}

/** `$M` to `M` (JSON names keep the `$`). */
function stripDollar(name: string | undefined): string | null {
  if (name === undefined) return null;
  return name.startsWith('$') ? name.slice(1) : name;
}

const LANE_TYPES: ReadonlyMap<string, { type: WastLaneType; count: number }> = new Map([
  ['i8', { type: 'i8', count: 16 }],
  ['i16', { type: 'i16', count: 8 }],
  ['i32', { type: 'i32', count: 4 }],
  ['i64', { type: 'i64', count: 2 }],
  ['f32', { type: 'f32', count: 4 }],
  ['f64', { type: 'f64', count: 2 }],
] as const);

/** Reference type names of the JSON form (`funcref`, `externref`, ...) to heap type names. */
function refHeapType(type: string): string | null {
  return type.endsWith('ref') && type.length > 3 ? type.slice(0, -3) : null;
}

function scalar(v: JsonValue, file: string, line: number): string {
  if (typeof v.value !== 'string') throw bad(file, line, `value of ${v.type} missing`);
  return v.value;
}

/** Converts a JSON argument (or exactly-matching result) to a `WastValue`. */
export function wastValueFromJson(v: JsonValue, file = '<json>', line = 0): WastValue {
  switch (v.type) {
    case 'i32':
      return { type: 'i32', bits: Number(BigInt.asUintN(32, BigInt(scalar(v, file, line)))) };
    case 'f32':
      return { type: 'f32', bits: Number(BigInt.asUintN(32, BigInt(scalar(v, file, line)))) };
    case 'i64':
      return { type: 'i64', bits: BigInt.asUintN(64, BigInt(scalar(v, file, line))) };
    case 'f64':
      return { type: 'f64', bits: BigInt.asUintN(64, BigInt(scalar(v, file, line))) };
    case 'v128': {
      const lt = LANE_TYPES.get(v.lane_type ?? '');
      if (lt === undefined || !Array.isArray(v.value) || v.value.length !== lt.count) throw bad(file, line, 'v128 lanes');
      const bytes = new Uint8Array(16);
      const view = new DataView(bytes.buffer);
      const width = 16 / lt.count;
      v.value.forEach((s: string, i: number) => {
        const b = BigInt(s);
        if (width === 8) view.setBigUint64(i * 8, BigInt.asUintN(64, b), true);
        else if (width === 4) view.setUint32(i * 4, Number(BigInt.asUintN(32, b)), true);
        else if (width === 2) view.setUint16(i * 2, Number(BigInt.asUintN(16, b)), true);
        else bytes[i] = Number(BigInt.asUintN(8, b));
      });
      return { type: 'v128', bytes };
    }
    default: {
      const heap = refHeapType(v.type);
      if (heap === null) throw bad(file, line, `value type ${v.type}`);
      const s = scalar(v, file, line);
      if (s === 'null') return { type: 'ref.null', heapType: heap };
      if (heap === 'extern') return { type: 'ref.extern', host: Number(s) };
      return { type: 'ref.host', host: Number(s) };
    }
  }
}

/** Converts a JSON expected result to a `WastResult`. */
export function wastResultFromJson(v: JsonValue, file = '<json>', line = 0): WastResult {
  if ((v.type === 'f32' || v.type === 'f64') && (v.value === 'nan:canonical' || v.value === 'nan:arithmetic')) {
    return { kind: 'nan', type: v.type, nan: v.value === 'nan:canonical' ? 'canonical' : 'arithmetic' };
  }
  if (v.type === 'v128') {
    const lt = LANE_TYPES.get(v.lane_type ?? '');
    if (lt === undefined || !Array.isArray(v.value) || v.value.length !== lt.count) throw bad(file, line, 'v128 lanes');
    const lanes: WastLane[] = v.value.map((s: string): WastLane => {
      if (s === 'nan:canonical' || s === 'nan:arithmetic') return s;
      const b = BigInt(s);
      return lt.type === 'i64' || lt.type === 'f64' ? BigInt.asUintN(64, b) : Number(BigInt.asUintN(32, b));
    });
    return { kind: 'v128', lanes, laneType: lt.type };
  }
  const heap = refHeapType(v.type);
  if (heap !== null && v.value === undefined) {
    // A reference result given by its type only: any non-null reference of that type.
    const h = heap === 'func' || heap === 'extern' || heap === 'any' || heap === 'eq' || heap === 'i31' ||
      heap === 'struct' || heap === 'array' || heap === 'exn' ? heap : 'any';
    return { kind: 'ref', heapType: h };
  }
  return { kind: 'value', value: wastValueFromJson(v, file, line) };
}

function actionFromJson(a: JsonAction | undefined, loc: WastLoc, file: string, line: number): WastAction {
  if (a === undefined) throw bad(file, line, 'action missing');
  const module = stripDollar(a.module);
  if (a.type === 'get') return { kind: 'get', loc, module, field: a.field };
  if (a.type !== 'invoke') throw bad(file, line, `action type ${a.type}`);
  const args = (a.args ?? []).map((v) => wastValueFromJson(v, file, line));
  return { kind: 'invoke', loc, module, field: a.field, args };
}

/**
 * Converts one JSON command. `readFile` loads a module file named by the command (relative to the JSON file); it is
 * called lazily, when the runner asks for the module's bytes. `.wat` files (text-level `assert_malformed`) become
 * `quote` modules.
 */
export function wastCommandFromJson(
  cmd: JsonCommand,
  readFile: (filename: string) => Uint8Array,
  file = '<json>',
): WastCommand {
  const line = cmd.line;
  const loc: WastLoc = { line, col: 0 };
  const module = (): WastModule => {
    const fn = cmd.filename;
    if (fn === undefined) throw bad(file, line, 'filename missing');
    const name = stripDollar(cmd.name);
    if (fn.endsWith('.wat') || cmd.module_type === 'text') return WastModule.quote(() => readFile(fn), name, loc, fn);
    return WastModule.binary(() => readFile(fn), name, loc, fn);
  };
  const text = cmd.text ?? '';
  switch (cmd.type) {
    case 'module':
      return { kind: 'module', loc, module: module(), definition: false };
    case 'register':
      return { kind: 'register', loc, as: cmd.as ?? '', name: stripDollar(cmd.name) };
    case 'action':
      return { kind: 'action', loc, action: actionFromJson(cmd.action, loc, file, line) };
    case 'assert_return':
      return {
        kind: 'assert_return',
        loc,
        action: actionFromJson(cmd.action, loc, file, line),
        expected: (cmd.expected ?? []).map((v) => wastResultFromJson(v, file, line)),
      };
    case 'assert_trap':
      return { kind: 'assert_trap', loc, action: actionFromJson(cmd.action, loc, file, line), message: text };
    case 'assert_exhaustion':
      return { kind: 'assert_exhaustion', loc, action: actionFromJson(cmd.action, loc, file, line), message: text };
    case 'assert_exception':
      return { kind: 'assert_exception', loc, action: actionFromJson(cmd.action, loc, file, line) };
    case 'assert_malformed':
    case 'assert_invalid':
      return { kind: cmd.type, loc, module: module(), message: text };
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
      return { kind: cmd.type, loc, module: module(), instanceOf: null, message: text };
    default:
      throw bad(file, line, `command type ${cmd.type}`);
  }
}

/** Converts a whole JSON script. */
export function wastScriptFromJson(
  json: JsonScript,
  readFile: (filename: string) => Uint8Array,
  file = json.source_filename ?? '<json>',
): WastScript {
  return { file, commands: json.commands.map((c) => wastCommandFromJson(c, readFile, file)) };
}
