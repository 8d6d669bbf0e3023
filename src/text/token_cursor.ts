import { Ref } from './ast.js';
import { KEYWORDS } from './instruction_table.js';
import { parseUnsigned } from './number_literal.js';
import { TextError } from './text_error.js';
import { Tok, type Token } from './token.js';
import { decodeUtf8Lossy, isValidUtf8 } from './utf8.js';

/** Options of the text parser. */
export interface TextOptions {
  /**
   * The spec version whose text grammar applies where 2.0 and 3.0 differ (default 3): in 2.0, limits and memory
   * offsets are 32-bit literals ("i32 constant out of range") and bad lane indices are "malformed lane index".
   */
  readonly wasmVersion?: 2 | 3;
}

/** Renders a token for error messages. */
export function describeToken(t: Token): string {
  switch (t.kind) {
    case Tok.eof:
      return 'end of input';
    case Tok.lparen:
      return "'('";
    case Tok.rparen:
      return "')'";
    case Tok.string:
      return 'a string';
    case Tok.id:
      return `$${printableName(t.text)}`;
    case Tok.offsetEq:
      return `offset=${t.text}`;
    case Tok.alignEq:
      return `align=${t.text}`;
    default:
      return `'${printableName(t.text)}'`;
  }
}

/** A binary-string identifier or token rendered as text (UTF-8 decoded, long ones shortened for messages). */
export function printableName(binary: string): string {
  const long = binary.length > 80;
  const s = long ? binary.slice(0, 64) : binary;
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i);
  return long ? `${decodeUtf8Lossy(b)}...` : decodeUtf8Lossy(b);
}

/**
 * A cursor over a token list with the parsing primitives every grammar level uses: lookahead, expectations and
 * error construction in the spec's wording.
 */
export class TokenCursor {
  pos = 0;
  readonly version: 2 | 3;

  constructor(
    protected readonly tokens: Token[],
    readonly file: string,
    options: TextOptions = {},
  ) {
    this.version = options.wasmVersion ?? 3;
  }

  peek(k = 0): Token {
    const i = this.pos + k;
    return this.tokens[i < this.tokens.length ? i : this.tokens.length - 1]!;
  }

  next(): Token {
    const t = this.tokens[this.pos]!;
    if (t.kind !== Tok.eof) this.pos++;
    return t;
  }

  /** Whether the next tokens are `(` and the keyword `kw`. */
  atParenKeyword(kw: string): boolean {
    const a = this.peek();
    if (a.kind !== Tok.lparen) return false;
    const b = this.peek(1);
    return b.kind === Tok.keyword && b.text === kw;
  }

  /** The keyword after a `(` at the cursor, or null. */
  parenKeyword(): string | null {
    if (this.peek().kind !== Tok.lparen) return null;
    const b = this.peek(1);
    return b.kind === Tok.keyword ? b.text : null;
  }

  atKeyword(kw: string): boolean {
    const t = this.peek();
    return t.kind === Tok.keyword && t.text === kw;
  }

  /**
   * The error for an unexpected token: lexical errors, reserved words and unknown keywords are reported as the
   * reference interpreter's lexer reports them; anything else is an "unexpected token".
   */
  unexpected(t: Token, expected = ''): TextError {
    if (t.kind === Tok.error) return new TextError(t.text, this.file, t.line, t.col);
    if (t.kind === Tok.reserved || (t.kind === Tok.keyword && !KEYWORDS.has(t.text))) {
      return new TextError(`unknown operator ${printableName(t.text)}`, this.file, t.line, t.col, '', expected);
    }
    return new TextError('unexpected token', this.file, t.line, t.col, describeToken(t), expected);
  }

  /**
   * Throws if the token at the cursor is a lexical error, a reserved word or an unknown keyword. Called before
   * reporting an error that the reference parser detects only after reading one more token, so the error the
   * spec tests expect (the lexer's) comes first.
   */
  checkLookahead(): void {
    const t = this.peek();
    if (t.kind === Tok.error || t.kind === Tok.reserved || (t.kind === Tok.keyword && !KEYWORDS.has(t.text))) {
      throw this.unexpected(t);
    }
  }

  /** Throws the unexpected-token error for the token at the cursor. */
  fail(expected: string): never {
    throw this.unexpected(this.peek(), expected);
  }

  /** An error with a specific reason at token `t`. */
  errorAt(t: { line: number; col: number }, reason: string): TextError {
    return new TextError(reason, this.file, t.line, t.col);
  }

  expectLParen(): Token {
    if (this.peek().kind !== Tok.lparen) this.fail("'('");
    return this.next();
  }

  expectRParen(): void {
    if (this.peek().kind !== Tok.rparen) this.fail("')'");
    this.next();
  }

  expectKeyword(kw: string): Token {
    const t = this.peek();
    if (t.kind !== Tok.keyword || t.text !== kw) this.fail(`'${kw}'`);
    return this.next();
  }

  /** `(` then keyword `kw`. */
  expectParenKeyword(kw: string): Token {
    this.expectLParen();
    return this.expectKeyword(kw);
  }

  /** An optional `$id`, as its name. */
  optId(): string | null {
    const t = this.peek();
    if (t.kind !== Tok.id) return null;
    this.next();
    return t.text;
  }

  /** A `nat` token as a u32 (`i32 constant out of range` beyond). */
  nat32(): number {
    const t = this.peek();
    if (t.kind !== Tok.nat) this.fail('a natural number');
    this.next();
    const v = parseUnsigned(t.text, 32);
    if (v === null) throw this.errorAt(t, 'i32 constant out of range');
    return Number(v);
  }

  /** A numeric or symbolic index. */
  index(what = 'an index'): Ref {
    const t = this.peek();
    if (t.kind === Tok.id) {
      this.next();
      return new Ref(t.text, -1, t.line, t.col);
    }
    if (t.kind === Tok.nat) {
      this.next();
      const v = parseUnsigned(t.text, 32);
      if (v === null) throw this.errorAt(t, 'i32 constant out of range');
      return new Ref(null, Number(v), t.line, t.col);
    }
    this.fail(what);
  }

  /** An optional index (`nat` or `$id`). */
  optIndex(): Ref | null {
    const k = this.peek().kind;
    return k === Tok.nat || k === Tok.id ? this.index() : null;
  }

  /** A string literal's bytes. */
  string(): Uint8Array {
    const t = this.peek();
    if (t.kind !== Tok.string) this.fail('a string');
    this.next();
    return t.bytes;
  }

  /** A name: a string that must be well-formed UTF-8. */
  utf8Name(): Uint8Array {
    const t = this.peek();
    const b = this.string();
    if (!isValidUtf8(b)) throw this.errorAt(t, 'malformed UTF-8 encoding');
    return b;
  }

  /** Zero or more string literals, concatenated. */
  strings(): Uint8Array {
    const parts: Uint8Array[] = [];
    let n = 0;
    while (this.peek().kind === Tok.string) {
      const b = this.next().bytes;
      parts.push(b);
      n += b.length;
    }
    if (parts.length === 1) return parts[0]!;
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }
}
