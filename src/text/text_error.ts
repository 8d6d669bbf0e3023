/**
 * The error for text that is not a well-formed module or script: a lexical or syntax error, a constant out of
 * range, an unknown or duplicate name. `reason` starts with the spec's wording (`unexpected token`, `unknown
 * operator`, `constant out of range`, ...) so a script runner can compare it with an `assert_malformed` text;
 * `message` adds the position, what was found and what was expected.
 */
export class TextError extends Error {
  override readonly name = 'TextError';
  /**
   * @param reason the spec-style description, e.g. `unexpected token` or `unknown label $l`.
   * @param file the source name given to the parser.
   * @param line 1-based line of the offending token.
   * @param col 1-based column (in bytes of the UTF-8 source) of the offending token.
   * @param found the offending token as written, or `end of input`; empty when not applicable.
   * @param expected what the grammar allowed there; empty when not applicable.
   */
  constructor(
    readonly reason: string,
    readonly file: string,
    readonly line: number,
    readonly col: number,
    readonly found = '',
    readonly expected = '',
  ) {
    let msg = `${file}:${line}:${col}: ${reason}`;
    if (found !== '') msg += `: found ${found}`;
    if (expected !== '') msg += `${found !== '' ? ',' : ':'} expected ${expected}`;
    super(msg);
  }
}
