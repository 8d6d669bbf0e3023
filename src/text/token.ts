/**
 * Tokens of the WebAssembly text format, as produced by the lexer. The lexer runs over UTF-8 bytes; positions are
 * byte offsets with 1-based line and column numbers.
 */

/** Token kinds. */
export const Tok = {
  /** `(` */
  lparen: 0,
  /** `)` */
  rparen: 1,
  /** unsigned integer: `123`, `0x1_F` */
  nat: 2,
  /** signed integer: `+1`, `-0x10` */
  int: 3,
  /** float: `1.5`, `1e10`, `0x1p-3`, `inf`, `-nan`, `nan:0x1` */
  float: 4,
  /** string literal; `bytes` holds its decoded contents */
  string: 5,
  /** `$name` or `$"name"`; `text` holds the name without `$` (bytes as a binary string) */
  id: 6,
  /** `[a-z][A-Za-z0-9_.:]+`: instruction names and the structural keywords */
  keyword: 7,
  /** a run of identifier characters and strings that is no other token (always an error where it appears) */
  reserved: 8,
  /** `offset=N`; `text` holds `N` */
  offsetEq: 9,
  /** `align=N`; `text` holds `N` */
  alignEq: 10,
  /** a lexical error, reported when the parser reaches it; `text` holds the message */
  error: 11,
  /** end of input */
  eof: 12,
} as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

const EMPTY = new Uint8Array(0);

/** One token. */
export class Token {
  constructor(
    readonly kind: Tok,
    /** Byte offset of the first byte. */
    readonly start: number,
    /** Byte offset after the last byte. */
    readonly end: number,
    readonly line: number,
    readonly col: number,
    /** Keyword and number text; id name; `N` of `offset=N`; error message. */
    readonly text: string,
    /** Decoded contents of a string token (empty otherwise). */
    readonly bytes: Uint8Array = EMPTY,
  ) {}
}

/** Renders bytes as a binary string (one char per byte), the form used for identifier keys. */
export function bytesToBinaryString(bytes: Uint8Array, start = 0, end = bytes.length): string {
  let s = '';
  if (end - start <= 64) {
    // Tokens are short: a plain loop avoids the subarray and argument-spreading garbage.
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
  for (let i = start; i < end; i += 4096) s += String.fromCharCode(...bytes.subarray(i, Math.min(end, i + 4096)));
  return s;
}
