/**
 * The model of a WebAssembly spec script (`.wast`), shared by the text form (`parseWast`) and the JSON form
 * produced by wabt's `wast2json` (`wastCommandFromJson`), so one runner handles both.
 *
 * Values are exact bit patterns: `i32`/`f32` as unsigned 32-bit numbers, `i64`/`f64` as unsigned 64-bit bigints,
 * `v128` as 16 little-endian bytes. Names (export names, registration names) are JavaScript strings decoded from
 * their UTF-8 bytes. Module and instance names (`$M`) are kept without the `$`.
 */
import type { ModuleAst } from './ast.js';
import { encodeModule } from './module_encoder.js';
import { ModuleParser } from './module_parser.js';
import { tokenize } from './lexer.js';
import type { TextOptions } from './token_cursor.js';

/** Position of a command or module in its script: 1-based line and column. */
export interface WastLoc {
  readonly line: number;
  readonly col: number;
}

/**
 * A heap type in a script value: an abstract heap type name (`func`, `extern`, `any`, `eq`, `i31`, `struct`,
 * `array`, `exn`, `none`, `nofunc`, `noextern`, `noexn`) or a type index.
 */
export type WastHeapType = string | number;

/** A constant: an argument of an action, or a result that must match exactly. */
export type WastValue =
  | { readonly type: 'i32'; readonly bits: number }
  | { readonly type: 'i64'; readonly bits: bigint }
  | { readonly type: 'f32'; readonly bits: number }
  | { readonly type: 'f64'; readonly bits: bigint }
  | { readonly type: 'v128'; readonly bytes: Uint8Array }
  /** `(ref.null ht)`: the null reference of the hierarchy of `ht`. */
  | { readonly type: 'ref.null'; readonly heapType: WastHeapType }
  /** `(ref.extern N)`: host reference number N, seen as an `externref`. */
  | { readonly type: 'ref.extern'; readonly host: number }
  /** `(ref.host N)`: host reference number N itself (an internal reference in 3.0 scripts). */
  | { readonly type: 'ref.host'; readonly host: number };

/** One lane of a `v128` result pattern: exact bits (as for `WastValue`) or a NaN class for float lanes. */
export type WastLane = number | bigint | 'nan:canonical' | 'nan:arithmetic';

/** Lane interpretations of a `v128` pattern. */
export type WastLaneType = 'i8' | 'i16' | 'i32' | 'i64' | 'f32' | 'f64';

/** An expected result of `assert_return`. */
export type WastResult =
  /** Exactly this value (numbers and vectors bit for bit; `ref.null` any null of that hierarchy; `ref.extern N`). */
  | { readonly kind: 'value'; readonly value: WastValue }
  /** A NaN: `canonical` (payload exactly the quiet bit) or `arithmetic` (quiet bit set), either sign. */
  | { readonly kind: 'nan'; readonly type: 'f32' | 'f64'; readonly nan: 'canonical' | 'arithmetic' }
  /** A vector compared lane by lane; lanes are unsigned bit patterns of the lane width, or NaN classes. */
  | { readonly kind: 'v128'; readonly lanes: readonly WastLane[]; readonly laneType: WastLaneType }
  /** `(ref.null)`: any null reference. */
  | { readonly kind: 'null' }
  /**
   * A non-null reference whose type matches: `(ref)` any, `(ref.eq)`, `(ref.i31)`, `(ref.struct)`, `(ref.array)`,
   * `(ref.func)`, `(ref.exn)`, `(ref.extern)` (any non-null reference in that hierarchy position).
   */
  | { readonly kind: 'ref'; readonly heapType: 'any' | 'eq' | 'i31' | 'struct' | 'array' | 'func' | 'exn' | 'extern' }
  /** Any one of the alternatives (`either`, relaxed SIMD). */
  | { readonly kind: 'either'; readonly options: readonly WastResult[] };

/** An action: call an export, or read an exported global. `module` names a module (null: the latest). */
export type WastAction =
  | {
      readonly kind: 'invoke';
      readonly loc: WastLoc;
      readonly module: string | null;
      readonly field: string;
      readonly args: readonly WastValue[];
    }
  | { readonly kind: 'get'; readonly loc: WastLoc; readonly module: string | null; readonly field: string };

/** Where a script module's bytes come from. */
export type WastModuleKind = 'text' | 'binary' | 'quote';

/**
 * A module of a script. Bytes are produced on demand by `toBinary()`, so a `quote` module's text is parsed only
 * when a runner asks (an `assert_malformed` then sees the `TextError`) and text modules are encoded only when
 * used.
 */
export class WastModule {
  private bytes: Uint8Array | null = null;

  private constructor(
    readonly kind: WastModuleKind,
    /** The module's `$name`, if any. */
    readonly name: string | null,
    readonly loc: WastLoc,
    /** The script file, for error positions. */
    readonly file: string,
    private readonly ast: ModuleAst | null,
    private readonly load: (() => Uint8Array) | null,
    private readonly options: TextOptions,
  ) {}

  /** A module written in text form inside the script (already parsed). */
  static text(ast: ModuleAst, loc: WastLoc, file: string, options: TextOptions = {}): WastModule {
    return new WastModule('text', ast.name, loc, file, ast, null, options);
  }

  /** A `(module binary "...")` module, or a JSON-form `.wasm` file (`bytes` may be read lazily). */
  static binary(bytes: Uint8Array | (() => Uint8Array), name: string | null, loc: WastLoc, file: string): WastModule {
    const load = typeof bytes === 'function' ? bytes : (): Uint8Array => bytes;
    return new WastModule('binary', name, loc, file, null, load, {});
  }

  /** A `(module quote "...")` module, or a JSON-form `.wat` file: text parsed only by `toBinary()`. */
  static quote(
    text: Uint8Array | (() => Uint8Array),
    name: string | null,
    loc: WastLoc,
    file: string,
    options: TextOptions = {},
  ): WastModule {
    const load = typeof text === 'function' ? text : (): Uint8Array => text;
    return new WastModule('quote', name, loc, file, null, load, options);
  }

  /** The parsed module of a `text` module (null for the other kinds). */
  get parsed(): ModuleAst | null {
    return this.ast;
  }

  /** The quoted text of a `quote` module, or the bytes of a `binary` one (null for `text`). */
  get source(): Uint8Array | null {
    return this.load === null ? null : this.load();
  }

  /**
   * The module's binary bytes (computed once).
   * @throws TextError when a `quote` module is malformed or a text module has unknown names.
   */
  toBinary(): Uint8Array {
    if (this.bytes !== null) return this.bytes;
    let bytes: Uint8Array;
    if (this.kind === 'text') bytes = encodeModule(this.ast!);
    else if (this.kind === 'binary') bytes = this.load!();
    else {
      const file = `${this.file}:${this.loc.line}:${this.loc.col}(quote)`;
      const parser = new ModuleParser(tokenize(this.load!()), file, this.options);
      bytes = encodeModule(parser.wholeModule());
    }
    this.bytes = bytes;
    return bytes;
  }
}

/** One command of a script, with its position. */
export type WastCommand =
  /** Define a module; unless `definition` (3.0 `module definition`), also instantiate it (as `name`). */
  | { readonly kind: 'module'; readonly loc: WastLoc; readonly module: WastModule; readonly definition: boolean }
  /** 3.0 `(module instance $I? $M?)`: instantiate module definition `module` (null: the latest) as `instance`. */
  | { readonly kind: 'instance'; readonly loc: WastLoc; readonly instance: string | null; readonly module: string | null }
  /** Make the exports of module `name` (null: the latest) importable under `as`. */
  | { readonly kind: 'register'; readonly loc: WastLoc; readonly as: string; readonly name: string | null }
  | { readonly kind: 'action'; readonly loc: WastLoc; readonly action: WastAction }
  | {
      readonly kind: 'assert_return';
      readonly loc: WastLoc;
      readonly action: WastAction;
      readonly expected: readonly WastResult[];
    }
  | { readonly kind: 'assert_trap'; readonly loc: WastLoc; readonly action: WastAction; readonly message: string }
  | { readonly kind: 'assert_exhaustion'; readonly loc: WastLoc; readonly action: WastAction; readonly message: string }
  /** The action throws a WebAssembly exception (3.0). */
  | { readonly kind: 'assert_exception'; readonly loc: WastLoc; readonly action: WastAction }
  /** The action suspends (stack switching); parsed for completeness. */
  | { readonly kind: 'assert_suspension'; readonly loc: WastLoc; readonly action: WastAction; readonly message: string }
  | { readonly kind: 'assert_malformed'; readonly loc: WastLoc; readonly module: WastModule; readonly message: string }
  | { readonly kind: 'assert_invalid'; readonly loc: WastLoc; readonly module: WastModule; readonly message: string }
  /**
   * Linking fails. `module` is the module to instantiate; in 3.0 it may instead be `(module instance ...)` of a
   * module definition (`module` null, `instanceOf` set).
   */
  | {
      readonly kind: 'assert_unlinkable';
      readonly loc: WastLoc;
      readonly module: WastModule | null;
      readonly instanceOf: WastInstanceTarget | null;
      readonly message: string;
    }
  /** Instantiation traps (`assert_trap` of a module). Same targets as `assert_unlinkable`. */
  | {
      readonly kind: 'assert_uninstantiable';
      readonly loc: WastLoc;
      readonly module: WastModule | null;
      readonly instanceOf: WastInstanceTarget | null;
      readonly message: string;
    };

/** The instance and definition names of a `(module instance $I? $M?)` target. */
export interface WastInstanceTarget {
  readonly instance: string | null;
  readonly module: string | null;
}

/** A parsed script. */
export interface WastScript {
  readonly file: string;
  readonly commands: readonly WastCommand[];
}
