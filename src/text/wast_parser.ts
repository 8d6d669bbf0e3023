import { ModuleParser } from './module_parser.js';
import { parseF32Bits, parseF64Bits, parseIntBits, parseUnsigned } from './number_literal.js';
import { tokenize } from './lexer.js';
import { Tok, type Token } from './token.js';
import { printableName, type TextOptions } from './token_cursor.js';
import { HEAPTYPE_KEYWORDS } from './type_parser.js';
import { decodeUtf8Lossy, encodeUtf8 } from './utf8.js';
import {
  WastModule,
  type WastAction,
  type WastCommand,
  type WastHeapType,
  type WastInstanceTarget,
  type WastLane,
  type WastLaneType,
  type WastLoc,
  type WastResult,
  type WastScript,
  type WastValue,
} from './wast_script.js';

const MODULE_FIELDS = new Set(['type', 'rec', 'func', 'table', 'memory', 'global', 'tag', 'import', 'export', 'start', 'elem', 'data']);

const HEAP_NAMES: ReadonlyMap<number, string> = new Map([...HEAPTYPE_KEYWORDS].map(([k, v]) => [v, k]));

const REF_PATTERNS: ReadonlyMap<string, 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'func' | 'exn' | 'extern'> = new Map([
  ['ref', 'any'],
  ['ref.eq', 'eq'],
  ['ref.i31', 'i31'],
  ['ref.struct', 'struct'],
  ['ref.array', 'array'],
  ['ref.func', 'func'],
  ['ref.exn', 'exn'],
  ['ref.extern', 'extern'],
] as const);

const LANE_SHAPES: ReadonlyMap<string, { type: WastLaneType; lanes: number; bits: number }> = new Map([
  ['i8x16', { type: 'i8', lanes: 16, bits: 8 }],
  ['i16x8', { type: 'i16', lanes: 8, bits: 16 }],
  ['i32x4', { type: 'i32', lanes: 4, bits: 32 }],
  ['i64x2', { type: 'i64', lanes: 2, bits: 64 }],
  ['f32x4', { type: 'f32', lanes: 4, bits: 32 }],
  ['f64x2', { type: 'f64', lanes: 2, bits: 64 }],
] as const);

/** Either arguments of `assert_trap`/`assert_unlinkable`: a module, or a `(module instance ...)`. */
interface InstanceOrModule {
  readonly module: WastModule | null;
  readonly instanceOf: WastInstanceTarget | null;
}

function loc(t: Token): WastLoc {
  return { line: t.line, col: t.col };
}

/** The parser of spec scripts: commands, actions, literals and result patterns; modules via `ModuleParser`. */
class WastParser extends ModuleParser {
  constructor(
    tokens: Token[],
    file: string,
    private readonly options: TextOptions,
  ) {
    super(tokens, file, options);
  }

  script(): WastScript {
    const commands: WastCommand[] = [];
    const first = this.parenKeyword();
    if (first !== null && MODULE_FIELDS.has(first)) {
      // A script that is just module fields is one module.
      const t = this.peek();
      const ast = this.moduleFields(null);
      if (this.peek().kind !== Tok.eof) this.fail("'(' or end of input");
      commands.push({ kind: 'module', loc: loc(t), module: WastModule.text(ast, loc(t), this.file, this.options), definition: false });
      return { file: this.file, commands };
    }
    while (this.peek().kind !== Tok.eof) commands.push(this.command());
    return { file: this.file, commands };
  }

  private command(): WastCommand {
    const open = this.peek();
    const kw = this.parenKeyword();
    switch (kw) {
      case 'module': {
        const r = this.scriptModuleOrInstance(true);
        if (r.module !== null) return { kind: 'module', loc: loc(open), module: r.module, definition: r.definition };
        return { kind: 'instance', loc: loc(open), instance: r.instanceOf!.instance, module: r.instanceOf!.module };
      }
      case 'register': {
        this.next();
        this.next();
        const as = this.nameString();
        const name = this.optId();
        this.expectRParen();
        return { kind: 'register', loc: loc(open), as, name };
      }
      case 'invoke':
      case 'get':
        return { kind: 'action', loc: loc(open), action: this.action() };
      case 'assert_return': {
        this.next();
        this.next();
        const action = this.action();
        const expected: WastResult[] = [];
        while (this.peek().kind === Tok.lparen) expected.push(this.result(0));
        this.expectRParen();
        return { kind: 'assert_return', loc: loc(open), action, expected };
      }
      case 'assert_trap': {
        this.next();
        this.next();
        if (this.atParenKeyword('module')) {
          const target = this.instanceOrModule();
          const message = this.message();
          return { kind: 'assert_uninstantiable', loc: loc(open), ...target, message };
        }
        const action = this.action();
        const message = this.message();
        return { kind: 'assert_trap', loc: loc(open), action, message };
      }
      case 'assert_exhaustion':
      case 'assert_suspension': {
        this.next();
        this.next();
        const action = this.action();
        const message = this.message();
        return { kind: kw, loc: loc(open), action, message };
      }
      case 'assert_exception': {
        this.next();
        this.next();
        const action = this.action();
        this.expectRParen();
        return { kind: 'assert_exception', loc: loc(open), action };
      }
      case 'assert_malformed':
      case 'assert_invalid': {
        this.next();
        this.next();
        const r = this.scriptModuleOrInstance(false);
        const message = this.message();
        return { kind: kw, loc: loc(open), module: r.module!, message };
      }
      case 'assert_unlinkable': {
        this.next();
        this.next();
        const target = this.instanceOrModule();
        const message = this.message();
        return { kind: 'assert_unlinkable', loc: loc(open), ...target, message };
      }
      default:
        if (open.kind === Tok.lparen) this.next();
        this.fail('a script command');
    }
  }

  /** A module (instantiated on its own) or a `(module instance ...)` as the subject of an assertion. */
  private instanceOrModule(): InstanceOrModule {
    const r = this.scriptModuleOrInstance(true);
    if (r.definition) throw this.errorAt(r.at, 'misplaced module definition');
    return { module: r.module, instanceOf: r.instanceOf };
  }

  /** The message string closing an assertion, and the `)`. */
  private message(): string {
    const s = this.string();
    this.expectRParen();
    return decodeUtf8Lossy(s);
  }

  /** A name string, as text. */
  private nameString(): string {
    return decodeUtf8Lossy(this.utf8Name());
  }

  /** `(module definition? $id? ...)` in its text, binary and quote forms, or `(module instance $I? $M?)`. */
  private scriptModuleOrInstance(allowInstance: boolean): {
    module: WastModule | null;
    instanceOf: WastInstanceTarget | null;
    definition: boolean;
    at: Token;
  } {
    const open = this.expectLParen();
    this.expectKeyword('module');
    const at = loc(open);
    if (allowInstance && this.atKeyword('instance')) {
      this.next();
      const a = this.optId();
      const b = this.optId();
      this.expectRParen();
      // One name is the module; two are instance then module.
      const instanceOf = b === null ? { instance: null, module: a } : { instance: a, module: b };
      return { module: null, instanceOf, definition: false, at: open };
    }
    let definition = false;
    if (this.atKeyword('definition')) {
      this.next();
      definition = true;
    }
    const name = this.optId();
    let module: WastModule;
    if (this.atKeyword('binary')) {
      this.next();
      module = WastModule.binary(this.strings(), name, at, this.file);
    } else if (this.atKeyword('quote')) {
      this.next();
      module = WastModule.quote(this.strings(), name, at, this.file, this.options);
    } else {
      module = WastModule.text(this.moduleFields(name), at, this.file, this.options);
    }
    this.expectRParen();
    return { module, instanceOf: null, definition, at: open };
  }

  private action(): WastAction {
    const open = this.expectLParen();
    const k = this.peek();
    if (k.kind !== Tok.keyword || (k.text !== 'invoke' && k.text !== 'get')) this.fail("'invoke' or 'get'");
    this.next();
    const module = this.optId();
    const field = this.nameString();
    if (k.text === 'get') {
      this.expectRParen();
      return { kind: 'get', loc: loc(open), module, field };
    }
    const args: WastValue[] = [];
    while (this.peek().kind === Tok.lparen) args.push(this.literal());
    this.expectRParen();
    return { kind: 'invoke', loc: loc(open), module, field, args };
  }

  private hostNumber(): number {
    const t = this.peek();
    if (t.kind !== Tok.nat) this.fail('a natural number');
    this.next();
    const v = parseUnsigned(t.text, 32);
    if (v === null) throw this.errorAt(t, 'i32 constant out of range');
    return Number(v);
  }

  /** A numeric constant `(t.const n)` after its keyword `k`, or null when `k` is not one. */
  private numConst(k: string): WastValue | null {
    switch (k) {
      case 'i32.const':
        return { type: 'i32', bits: this.i32Literal() };
      case 'i64.const': {
        const t = this.numberToken();
        const v = parseIntBits(t.text, 64);
        if (v === null) throw this.errorAt(t, 'constant out of range');
        return { type: 'i64', bits: v };
      }
      case 'f32.const': {
        const t = this.numberToken();
        const v = parseF32Bits(t.text);
        if (v === null) throw this.errorAt(t, 'constant out of range');
        return { type: 'f32', bits: v };
      }
      case 'f64.const': {
        const t = this.numberToken();
        const v = parseF64Bits(t.text);
        if (v === null) throw this.errorAt(t, 'constant out of range');
        return { type: 'f64', bits: v };
      }
      case 'v128.const':
        return { type: 'v128', bytes: this.v128Literal() };
      default:
        return null;
    }
  }

  private heapTypeValue(): WastHeapType {
    const h = this.heapType();
    if (typeof h === 'number') return HEAP_NAMES.get(h)!;
    if (h.name !== null) throw this.errorAt(h, `unknown type $${printableName(h.name)}`);
    return h.index;
  }

  /** An argument: `(t.const n)`, `(v128.const shape n*)`, `(ref.null ht)`, `(ref.extern n)`, `(ref.host n)`. */
  private literal(): WastValue {
    this.expectLParen();
    const k = this.peek();
    if (k.kind !== Tok.keyword) this.fail('a constant');
    this.next();
    let v = this.numConst(k.text);
    if (v === null) {
      if (k.text === 'ref.null') v = { type: 'ref.null', heapType: this.heapTypeValue() };
      else if (k.text === 'ref.extern') v = { type: 'ref.extern', host: this.hostNumber() };
      else if (k.text === 'ref.host') v = { type: 'ref.host', host: this.hostNumber() };
      else {
        this.pos--;
        this.fail('a constant');
      }
    }
    this.expectRParen();
    return v;
  }

  /** An expected result (`depth` bounds `either` nesting). */
  private result(depth: number): WastResult {
    const open = this.expectLParen();
    const k = this.peek();
    if (k.kind !== Tok.keyword) this.fail('a result');
    this.next();
    let r: WastResult;
    const nanKind = (): 'canonical' | 'arithmetic' | null => {
      const t = this.peek();
      if (t.kind === Tok.keyword && (t.text === 'nan:canonical' || t.text === 'nan:arithmetic')) {
        this.next();
        return t.text === 'nan:canonical' ? 'canonical' : 'arithmetic';
      }
      return null;
    };
    switch (k.text) {
      case 'f32.const':
      case 'f64.const': {
        const nan = nanKind();
        r = nan !== null ? { kind: 'nan', type: k.text === 'f32.const' ? 'f32' : 'f64', nan } : { kind: 'value', value: this.numConst(k.text)! };
        break;
      }
      case 'v128.const':
        r = this.vectorPattern();
        break;
      case 'ref.null':
        r = this.peek().kind === Tok.rparen ? { kind: 'null' } : { kind: 'value', value: { type: 'ref.null', heapType: this.heapTypeValue() } };
        break;
      case 'ref.extern':
        r = this.peek().kind === Tok.nat ? { kind: 'value', value: { type: 'ref.extern', host: this.hostNumber() } } : { kind: 'ref', heapType: 'extern' };
        break;
      case 'ref.host':
        r = { kind: 'value', value: { type: 'ref.host', host: this.hostNumber() } };
        break;
      case 'either': {
        if (depth > 100) throw this.errorAt(open, 'results nested too deeply');
        const options: WastResult[] = [];
        while (this.peek().kind === Tok.lparen) options.push(this.result(depth + 1));
        if (options.length === 0) this.fail('a result');
        r = { kind: 'either', options };
        break;
      }
      default: {
        const pattern = REF_PATTERNS.get(k.text);
        if (pattern !== undefined) {
          r = { kind: 'ref', heapType: pattern };
          break;
        }
        const v = this.numConst(k.text);
        if (v === null) {
          this.pos--;
          this.fail('a result');
        }
        r = { kind: 'value', value: v };
      }
    }
    this.expectRParen();
    return r;
  }

  /** `shape lane*` of a v128 result, lanes being numbers or NaN classes (float shapes only). */
  private vectorPattern(): WastResult {
    const st = this.peek();
    const shape = st.kind === Tok.keyword ? LANE_SHAPES.get(st.text) : undefined;
    if (shape === undefined) this.fail('a vector shape');
    this.next();
    const lanes: WastLane[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === Tok.keyword && (t.text === 'nan:canonical' || t.text === 'nan:arithmetic')) {
        if (shape.type !== 'f32' && shape.type !== 'f64') throw this.errorAt(t, 'invalid vector constant');
        this.next();
        lanes.push(t.text);
        continue;
      }
      if (t.kind !== Tok.nat && t.kind !== Tok.int && t.kind !== Tok.float) break;
      this.next();
      let v: WastLane | null;
      if (shape.type === 'f32') v = parseF32Bits(t.text);
      else if (shape.type === 'f64') v = parseF64Bits(t.text);
      else {
        const b = parseIntBits(t.text, shape.bits);
        v = b === null ? null : shape.bits === 64 ? b : Number(b);
      }
      if (v === null) throw this.errorAt(t, 'constant out of range');
      lanes.push(v);
    }
    this.checkLookahead();
    if (lanes.length !== shape.lanes) throw this.errorAt(st, 'wrong number of lane literals');
    return { kind: 'v128', lanes, laneType: shape.type };
  }
}

/**
 * Parses a spec script (`.wast`). Every command carries its line and column; modules are parsed but encoded only
 * on demand (`WastModule.toBinary()`), and quoted modules are not parsed until then.
 * @throws TextError when the script itself is malformed.
 */
export function parseWast(source: string | Uint8Array, filename: string, options: TextOptions = {}): WastScript {
  const bytes = typeof source === 'string' ? encodeUtf8(source) : source;
  return new WastParser(tokenize(bytes), filename, options).script();
}
