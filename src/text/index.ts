/** The text layer's public API: WAT to binary, WAST scripts (text and JSON forms), and the text error type. */
export { TextError } from './text_error.js';
export { parseWat, watToBinary } from './wat.js';
export type { TextOptions } from './token_cursor.js';
export type { ModuleAst } from './ast.js';
export { encodeModule } from './module_encoder.js';
export { parseWast } from './wast_parser.js';
export {
  WastModule,
  type WastAction,
  type WastCommand,
  type WastHeapType,
  type WastInstanceTarget,
  type WastLane,
  type WastLaneType,
  type WastLoc,
  type WastModuleKind,
  type WastResult,
  type WastScript,
  type WastValue,
} from './wast_script.js';
export {
  wastCommandFromJson,
  wastResultFromJson,
  wastScriptFromJson,
  wastValueFromJson,
  type JsonAction,
  type JsonCommand,
  type JsonScript,
  type JsonValue,
} from './wast_json.js';
