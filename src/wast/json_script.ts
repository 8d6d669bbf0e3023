import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { ModuleSource, Script, ScriptAction, ScriptCommand, ScriptExpected, ScriptValue } from './script.js';

/**
 * Loads a script in wabt's `wast2json` form: a JSON list of commands whose modules are `.wasm` files beside it
 * (text-level `assert_malformed` modules are `.wat` files, which a binary-only runner cannot load).
 */

interface JsonValue {
  type: string;
  value?: string | string[];
  lane_type?: string;
}

interface JsonAction {
  type: 'invoke' | 'get';
  module?: string;
  field: string;
  args?: JsonValue[];
}

function value(v: JsonValue): ScriptValue {
  const s = v.value as string;
  switch (v.type) {
    case 'i32':
      return { kind: 'i32', bits: Number(s) >>> 0 };
    case 'i64':
      return { kind: 'i64', bits: BigInt.asUintN(64, BigInt(s)) };
    case 'f32':
      return { kind: 'f32', bits: Number(s) >>> 0 };
    case 'f64':
      return { kind: 'f64', bits: BigInt.asUintN(64, BigInt(s)) };
    case 'externref':
      return s === 'null' ? { kind: 'ref.null', heap: 'extern' } : { kind: 'ref.extern', id: Number(s) };
    case 'funcref':
      return { kind: 'ref.null', heap: 'func' };
    default:
      throw new Error(`unsupported JSON value type ${v.type}`);
  }
}

function expected(v: JsonValue): ScriptExpected {
  const s = v.value;
  if ((v.type === 'f32' || v.type === 'f64') && (s === 'nan:canonical' || s === 'nan:arithmetic')) {
    return { kind: v.type, nan: s === 'nan:canonical' ? 'canonical' : 'arithmetic' };
  }
  if (v.type === 'funcref' && s !== 'null') return { kind: 'ref.class', cls: 'func' };
  if (v.type === 'v128') return { kind: 'v128.lanes', shape: v.lane_type ?? 'i32', lanes: [] };
  return value(v);
}

function action(a: JsonAction): ScriptAction {
  const module = a.module ?? null;
  if (a.type === 'get') return { kind: 'get', module, field: a.field };
  return { kind: 'invoke', module, field: a.field, args: (a.args ?? []).map(value) };
}

/** Parses the JSON form of a script; module files are read relative to the JSON file. */
export function loadJsonScript(path: string): Script {
  const doc = JSON.parse(readFileSync(path, 'utf8')) as { source_filename?: string; commands: Record<string, unknown>[] };
  const dir = dirname(path);
  const source = (filename: string, moduleType: unknown): ModuleSource => {
    if (moduleType === 'text' || filename.endsWith('.wat')) return { kind: 'unavailable', why: 'text-form module in the JSON suite' };
    return { kind: 'binary', bytes: new Uint8Array(readFileSync(join(dir, filename))) };
  };
  const commands: ScriptCommand[] = [];
  for (const c of doc.commands) {
    const line = c['line'] as number;
    const text = (c['text'] as string | undefined) ?? '';
    switch (c['type']) {
      case 'module':
        commands.push({ line, type: 'module', name: (c['name'] as string | undefined) ?? null, source: source(c['filename'] as string, 'binary') });
        break;
      case 'register':
        commands.push({ line, type: 'register', name: (c['name'] as string | undefined) ?? null, as: c['as'] as string });
        break;
      case 'action':
        commands.push({ line, type: 'action', action: action(c['action'] as JsonAction) });
        break;
      case 'assert_return':
        commands.push({ line, type: 'assert_return', action: action(c['action'] as JsonAction), expected: (c['expected'] as JsonValue[]).map(expected) });
        break;
      case 'assert_trap':
        if (c['action']) commands.push({ line, type: 'assert_trap', action: action(c['action'] as JsonAction), text });
        else commands.push({ line, type: 'assert_trap_module', source: source(c['filename'] as string, c['module_type']), text });
        break;
      case 'assert_exhaustion':
        commands.push({ line, type: 'assert_exhaustion', action: action(c['action'] as JsonAction), text });
        break;
      case 'assert_invalid':
      case 'assert_malformed':
      case 'assert_unlinkable':
      case 'assert_uninstantiable':
        commands.push({ line, type: c['type'], source: source(c['filename'] as string, c['module_type']), text });
        break;
      default:
        commands.push({ line, type: 'unsupported', what: String(c['type']) });
    }
  }
  return { filename: doc.source_filename ?? path, commands };
}
