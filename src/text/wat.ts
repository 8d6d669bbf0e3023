/**
 * The text-format entry points: WAT source to a parsed module or straight to binary bytes.
 */
import type { ModuleAst } from './ast.js';
import { tokenize } from './lexer.js';
import { encodeModule } from './module_encoder.js';
import { encodeNameSection } from './name_section_encoder.js';
import { ModuleParser } from './module_parser.js';
import type { TextOptions } from './token_cursor.js';
import { encodeUtf8 } from './utf8.js';

/**
 * Parses a text module: `(module ...)` or a bare list of module fields. Source given as bytes is taken as UTF-8
 * (a `module quote` may hold any bytes; malformed UTF-8 is reported where the grammar forbids it).
 * @throws TextError when the text is not a well-formed module.
 */
export function parseWat(source: string | Uint8Array, filename = '<input>', options: TextOptions = {}): ModuleAst {
  const bytes = typeof source === 'string' ? encodeUtf8(source) : source;
  return new ModuleParser(tokenize(bytes), filename, options).wholeModule();
}

/**
 * Compiles a text module to the binary format, byte-identical to wabt's `wat2wasm` for the text both accept.
 * Well-formed but invalid modules (type errors, out-of-range indices) are encoded, not rejected.
 * @throws TextError when the text is not a well-formed module (syntax, constant ranges, unknown names).
 */
export function watToBinary(source: string | Uint8Array, filename = '<input>', options: WatOptions = {}): Uint8Array {
  const ast = parseWat(source, filename, options);
  const bytes = encodeModule(ast);
  const names = options.names ? encodeNameSection(ast) : null;
  if (names === null) return bytes;
  const out = new Uint8Array(bytes.length + names.length);
  out.set(bytes);
  out.set(names, bytes.length);
  return out;
}

/** Options of `watToBinary`. */
export interface WatOptions extends TextOptions {
  /** Append a `name` section with the module's and functions' `$names` (default false, as wabt). */
  readonly names?: boolean;
}
