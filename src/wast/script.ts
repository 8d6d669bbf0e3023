/**
 * The spec-script model the runner executes: commands of a `.wast` script (text form, parsed by `src/text/`) or of
 * its `wast2json` form. Values are exact bit patterns so NaN payloads and -0 survive.
 */

/** A concrete value in a script (an argument or an expected result). */
export type ScriptValue =
  | { readonly kind: 'i32'; readonly bits: number }
  | { readonly kind: 'i64'; readonly bits: bigint }
  | { readonly kind: 'f32'; readonly bits: number }
  | { readonly kind: 'f64'; readonly bits: bigint }
  | { readonly kind: 'v128'; readonly bytes: Uint8Array }
  /** A null reference of a heap type (`func`, `extern`, `any`, ...). */
  | { readonly kind: 'ref.null'; readonly heap: string }
  /** A host reference `(ref.extern N)`. */
  | { readonly kind: 'ref.extern'; readonly id: number }
  /** A host reference `(ref.host N)` (3.0 scripts). */
  | { readonly kind: 'ref.host'; readonly id: number };

/** An expected result: a value, a NaN class, a reference class, or alternatives. */
export type ScriptExpected =
  | ScriptValue
  | { readonly kind: 'f32' | 'f64'; readonly nan: 'canonical' | 'arithmetic' }
  /** Any non-null reference of a class: `ref.func`, `ref.extern`, `ref.any`, `ref.struct`, ... (no payload). */
  | { readonly kind: 'ref.class'; readonly cls: string }
  /** v128 with per-lane patterns (lanes may be NaN classes). */
  | { readonly kind: 'v128.lanes'; readonly shape: string; readonly lanes: readonly ScriptExpected[] }
  | { readonly kind: 'either'; readonly options: readonly ScriptExpected[] };

/** Where a module's bytes come from. Text is encoded lazily so `assert_malformed` can observe the failure. */
export type ModuleSource =
  | { readonly kind: 'binary'; readonly bytes: Uint8Array }
  /** A text module or `module quote`: `encode()` parses and encodes it (throws the text format's error). */
  | { readonly kind: 'text'; encode(): Uint8Array }
  /** Known to be a text-level malformed module that this runner cannot load (counted as skipped). */
  | { readonly kind: 'unavailable'; readonly why: string };

/** An action: call an export or read a global export, of the named (or the latest) instance. */
export type ScriptAction =
  | { readonly kind: 'invoke'; readonly module: string | null; readonly field: string; readonly args: readonly ScriptValue[] }
  | { readonly kind: 'get'; readonly module: string | null; readonly field: string };

/** One command with its source line (1-based). */
export type ScriptCommand = { readonly line: number } & (
  | { readonly type: 'module'; readonly name: string | null; readonly source: ModuleSource; readonly definitionOnly?: boolean }
  | { readonly type: 'module_instance'; readonly instance: string | null; readonly definition: string }
  | { readonly type: 'register'; readonly name: string | null; readonly as: string }
  | { readonly type: 'action'; readonly action: ScriptAction }
  | { readonly type: 'assert_return'; readonly action: ScriptAction; readonly expected: readonly ScriptExpected[] }
  | { readonly type: 'assert_trap'; readonly action: ScriptAction; readonly text: string }
  | { readonly type: 'assert_trap_module'; readonly source: ModuleSource; readonly text: string }
  | { readonly type: 'assert_exhaustion'; readonly action: ScriptAction; readonly text: string }
  | { readonly type: 'assert_exception'; readonly action: ScriptAction }
  | { readonly type: 'assert_invalid'; readonly source: ModuleSource; readonly text: string }
  | { readonly type: 'assert_malformed'; readonly source: ModuleSource; readonly text: string }
  | { readonly type: 'assert_unlinkable'; readonly source: ModuleSource; readonly text: string }
  | { readonly type: 'assert_uninstantiable'; readonly source: ModuleSource; readonly text: string }
  /** A command this runner recognises but cannot execute (e.g. threads); counted as skipped. */
  | { readonly type: 'unsupported'; readonly what: string }
);

/** A whole script. */
export interface Script {
  readonly filename: string;
  readonly commands: readonly ScriptCommand[];
}
