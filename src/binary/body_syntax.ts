import { CompileError } from '../core/compile_error.js';
import type { Features } from '../core/features.js';
import type { FunctionBody } from './module_info.js';
import { OperatorReader } from './operator_reader.js';

const OP_BLOCK = 0x02;
const OP_LOOP = 0x03;
const OP_IF = 0x04;
const OP_ELSE = 0x05;
const OP_END = 0x0b;
const OP_MEMORY_INIT = 0xfc08;
const OP_DATA_DROP = 0xfc09;

/**
 * What the data count rule needs to know about a module that has no data count section: its number of data
 * segments and memories. `memory.init`/`data.drop` there are malformed ("data count section required") when
 * their indices are otherwise valid; with an index out of range the validator's "unknown ..." wins, which is what
 * the spec suite expects of text modules converted by wast2json (it omits the section when there is no data).
 */
export interface MissingDataCount {
  readonly dataSegments: number;
  readonly memories: number;
}

/**
 * Decodes function bodies `codes[from, to)` without type checking and returns the first decoding error
 * (malformed, or unsupported), or null when they are all well-formed.
 *
 * The reference interpreter decodes a whole module before validating any of it, so a malformed body wins over
 * errors found later in the module, and over any validation error. k23 decodes bodies lazily, in the validator's
 * single pass; the decoder and validator call this on their error paths to report what the reference interpreter
 * would. Like it, the reader is bounded by the module, not the body.
 */
export function findMalformedBody(
  bytes: Uint8Array,
  codes: readonly FunctionBody[],
  features: Features,
  from: number,
  to: number,
  missingDataCount: MissingDataCount | null,
): CompileError | null {
  const r = new OperatorReader(bytes, 0, bytes.length, features);
  const kinds: number[] = [];
  for (let i = from; i < to; i++) {
    const body = codes[i]!;
    r.pos = body.codeStart;
    kinds.length = 0;
    kinds.push(0);
    try {
      while (kinds.length > 0) {
        const op = r.read();
        switch (op) {
          case OP_BLOCK:
          case OP_LOOP:
          case OP_IF:
            kinds.push(op);
            break;
          case OP_ELSE:
            if (kinds[kinds.length - 1] !== OP_IF) return new CompileError('malformed', 'END opcode expected', r.offset);
            kinds[kinds.length - 1] = OP_ELSE;
            break;
          case OP_END:
            kinds.pop();
            break;
          case OP_MEMORY_INIT:
            if (missingDataCount !== null && r.index < missingDataCount.dataSegments && r.index2 < missingDataCount.memories) {
              return new CompileError('malformed', 'data count section required', r.offset);
            }
            break;
          case OP_DATA_DROP:
            if (missingDataCount !== null && r.index < missingDataCount.dataSegments) {
              return new CompileError('malformed', 'data count section required', r.offset);
            }
            break;
        }
      }
      if (r.pos !== body.codeEnd) return new CompileError('malformed', 'section size mismatch', body.codeStart);
    } catch (e) {
      if (e instanceof CompileError) return e;
      throw e;
    }
  }
  return null;
}
