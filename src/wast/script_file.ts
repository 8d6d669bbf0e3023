import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { TextOptions } from '../text/token_cursor.js';
import { wastScriptFromJson, type JsonScript } from '../text/wast_json.js';
import { parseWast } from '../text/wast_parser.js';
import type { WastScript } from '../text/wast_script.js';

/**
 * Loads a spec script from a file: `.json` is wabt's wast2json form (modules read lazily from beside it),
 * anything else is `.wast` text. Throws `TextError` for text that does not parse.
 */
export function loadScriptFile(path: string, options: TextOptions = {}): WastScript {
  if (path.endsWith('.json')) {
    const json = JSON.parse(readFileSync(path, 'utf8')) as JsonScript;
    const dir = dirname(path);
    return wastScriptFromJson(json, (f) => new Uint8Array(readFileSync(join(dir, f))), path);
  }
  return parseWast(new Uint8Array(readFileSync(path)), path, options);
}
