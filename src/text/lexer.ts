import { Tok, Token, bytesToBinaryString } from './token.js';
import { pushUtf8, utf8SequenceLength } from './utf8.js';

/**
 * The lexer of the WebAssembly text format: UTF-8 bytes to tokens. Comments (`;; ...`, nested `(; ... ;)`) and
 * annotations (`(@id ...)`, which k23 ignores) are skipped. A lexical error does not throw: it becomes an `error`
 * token that ends the list, so the parser reports it only when it gets there, after any earlier syntax error (as
 * the reference interpreter's on-demand lexer does).
 */

// Identifier characters: letters, digits and the symbols the grammar lists.
const IDCHAR = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) IDCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) IDCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) IDCHAR[c] = 1;
for (const ch of "_+-*/\\^~=<>!?@#$%&|:`.'") IDCHAR[ch.charCodeAt(0)] = 1;

const NUM = '[0-9](?:_?[0-9])*';
const HEXNUM = '[0-9a-fA-F](?:_?[0-9a-fA-F])*';
const NAT_RE = new RegExp(`^(?:${NUM}|0x${HEXNUM})$`);
const INT_RE = new RegExp(`^[+-](?:${NUM}|0x${HEXNUM})$`);
const FLOAT_RE = new RegExp(
  `^[+-]?(?:${NUM}\\.(?:${NUM})?|${NUM}(?:\\.(?:${NUM})?)?[eE][+-]?${NUM}` +
    `|0x${HEXNUM}\\.(?:${HEXNUM})?|0x${HEXNUM}(?:\\.(?:${HEXNUM})?)?[pP][+-]?${NUM}` +
    `|inf|nan|nan:0x${HEXNUM})$`,
);
const OFFSET_RE = new RegExp(`^offset=(${NUM}|0x${HEXNUM})$`);
const ALIGN_RE = new RegExp(`^align=(${NUM}|0x${HEXNUM})$`);
const KEYWORD_RE = /^[a-z][A-Za-z0-9_.:]+$/;

/**
 * Fast path for the common keyword: lowercase start, then letters, digits, `_`, `.`; not starting `inf`/`nan`
 * (which may be floats). Anything else is classified by the regular expressions.
 */
function isPlainKeyword(src: Uint8Array, start: number, end: number): boolean {
  if (end - start < 2) return false;
  const c1 = src[start + 1]!;
  const c0 = src[start]!;
  if ((c0 === 0x69 && c1 === 0x6e) || (c0 === 0x6e && c1 === 0x61)) return false; // in.., na..
  for (let i = start + 1; i < end; i++) {
    const c = src[i]!;
    if (!((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || (c >= 0x41 && c <= 0x5a))) {
      return false;
    }
  }
  return true;
}

function isDecimalDigits(src: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = src[i]!;
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Result of scanning a string literal: its end and contents, or an error message and its position. */
interface StringScan {
  end: number;
  bytes: Uint8Array | null;
  error: string;
  errorPos: number;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function hexVal(c: number): number {
  return c <= 0x39 ? c - 0x30 : (c | 0x20) - 0x57;
}

/** Scans the string literal whose opening quote is at `pos`. */
function scanString(src: Uint8Array, pos: number): StringScan {
  const end = src.length;
  const out: number[] = [];
  let i = pos + 1;
  for (;;) {
    if (i >= end) return { end: i, bytes: null, error: 'unclosed string literal', errorPos: pos };
    const c = src[i]!;
    if (c === 0x22) return { end: i + 1, bytes: Uint8Array.from(out), error: '', errorPos: 0 };
    if (c === 0x5c) {
      const e = i + 1 < end ? src[i + 1]! : -1;
      switch (e) {
        case 0x6e: out.push(0x0a); i += 2; continue; // \n
        case 0x72: out.push(0x0d); i += 2; continue; // \r
        case 0x74: out.push(0x09); i += 2; continue; // \t
        case 0x5c: out.push(0x5c); i += 2; continue; // \\
        case 0x27: out.push(0x27); i += 2; continue; // \'
        case 0x22: out.push(0x22); i += 2; continue; // \"
        case 0x75: { // \u{hexnum}
          let j = i + 2;
          if (j < end && src[j] === 0x7b && j + 1 < end && isHex(src[j + 1]!)) {
            j++;
            let cp = 0;
            let lastUnderscore = false;
            while (j < end && (isHex(src[j]!) || (src[j] === 0x5f && !lastUnderscore && isHex(src[j + 1] ?? 0)))) {
              if (src[j] === 0x5f) lastUnderscore = true;
              else {
                lastUnderscore = false;
                cp = cp * 16 + hexVal(src[j]!);
                if (cp > 0x10ffff) cp = 0x110000; // saturate: rejected below
              }
              j++;
            }
            if (j < end && src[j] === 0x7d && (cp < 0xd800 || (cp >= 0xe000 && cp <= 0x10ffff))) {
              pushUtf8(out, cp);
              i = j + 1;
              continue;
            }
          }
          return { end: i, bytes: null, error: 'illegal escape', errorPos: i };
        }
        default:
          if (e >= 0 && isHex(e) && i + 2 < end && isHex(src[i + 2]!)) {
            out.push(hexVal(e) * 16 + hexVal(src[i + 2]!));
            i += 3;
            continue;
          }
          if (e < 0) return { end: i, bytes: null, error: 'unclosed string literal', errorPos: pos };
          return { end: i, bytes: null, error: 'illegal escape', errorPos: i };
      }
    }
    if (c < 0x20 || c === 0x7f) {
      if (c === 0x0a || c === 0x0d) return { end: i, bytes: null, error: 'unclosed string literal', errorPos: pos };
      return { end: i, bytes: null, error: 'illegal control character in string literal', errorPos: i };
    }
    if (c < 0x80) {
      out.push(c);
      i++;
      continue;
    }
    const n = utf8SequenceLength(src, i, end);
    if (n === 0) return { end: i, bytes: null, error: 'malformed UTF-8 encoding', errorPos: i };
    for (let k = 0; k < n; k++) out.push(src[i + k]!);
    i += n;
  }
}

/** 1-based line and column (in bytes) of byte offset `at`; `\r\n` counts as one line break. */
export function lineColAt(src: Uint8Array, at: number): [number, number] {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < at && k < src.length; k++) {
    const c = src[k]!;
    if (c === 0x0a || (c === 0x0d && src[k + 1] !== 0x0a)) {
      line++;
      lineStart = k + 1;
    }
  }
  return [line, at - lineStart + 1];
}

/** Tokenizes UTF-8 text. The list always ends with an `eof` token, preceded by at most one `error` token. */
export function tokenize(src: Uint8Array): Token[] {
  const tokens: Token[] = [];
  const end = src.length;
  let pos = 0;
  let line = 1;
  let lineStart = 0;

  const push = (kind: Tok, start: number, stop: number, text: string, bytes?: Uint8Array): void => {
    tokens.push(new Token(kind, start, stop, line, start - lineStart + 1, text, bytes));
  };
  /** Ends the token list with an error at byte offset `at`. */
  const fail = (message: string, at: number): Token[] => {
    const [l, col] = lineColAt(src, at);
    tokens.push(new Token(Tok.error, at, at, l, col, message));
    tokens.push(new Token(Tok.eof, end, end, l, col, ''));
    return tokens;
  };
  const newline = (at: number): void => {
    line++;
    lineStart = at;
  };

  /** Skips a block comment opened at `open`; returns the offset after it, or -1 (error pushed). */
  const blockComment = (open: number): number => {
    let depth = 1;
    let i = open + 2;
    while (i < end) {
      const c = src[i]!;
      if (c === 0x28 && src[i + 1] === 0x3b) {
        depth++;
        i += 2;
      } else if (c === 0x3b && src[i + 1] === 0x29) {
        i += 2;
        if (--depth === 0) return i;
      } else if (c === 0x0a) {
        newline(++i);
      } else if (c === 0x0d) {
        if (src[i + 1] === 0x0a) i++;
        newline(++i);
      } else if (c < 0x80) {
        i++;
      } else {
        const n = utf8SequenceLength(src, i, end);
        if (n === 0) {
          fail('malformed UTF-8 encoding', i);
          return -1;
        }
        i += n;
      }
    }
    fail('unclosed comment', open);
    return -1;
  };

  /** Skips a line comment at `i` (the `;;`); returns the offset of the newline or end, or -1 (error pushed). */
  const lineComment = (i: number): number => {
    i += 2;
    while (i < end) {
      const c = src[i]!;
      if (c === 0x0a || c === 0x0d) return i;
      if (c < 0x80) i++;
      else {
        const n = utf8SequenceLength(src, i, end);
        if (n === 0) {
          fail('malformed UTF-8 encoding', i);
          return -1;
        }
        i += n;
      }
    }
    return i;
  };

  /** Skips an annotation `(@id ...)` opened at `pos`; returns the offset after it, or -1 (error pushed). */
  const annotation = (): number => {
    const open = pos;
    let i = pos + 2;
    // The annotation id: identifier characters or a non-empty, well-formed string.
    if (i < end && src[i]! < 0x80 && IDCHAR[src[i]!]) {
      while (i < end && src[i]! < 0x80 && IDCHAR[src[i]!]) i++;
    } else if (i < end && src[i] === 0x22) {
      const s = scanString(src, i);
      // Without a complete string, `(@` has no id (the reference lexer matches only `(@` then).
      if (s.bytes === null || s.bytes.length === 0) {
        fail('empty annotation id', open);
        return -1;
      }
      for (let k = 0; k < s.bytes.length; ) {
        if (s.bytes[k]! < 0x80) k++;
        else {
          const n = utf8SequenceLength(s.bytes, k, s.bytes.length);
          if (n === 0) {
            fail('malformed UTF-8 encoding', i);
            return -1;
          }
          k += n;
        }
      }
      i = s.end;
    } else {
      fail('empty annotation id', open);
      return -1;
    }
    let depth = 1;
    while (i < end) {
      const c = src[i]!;
      if (c === 0x28) {
        if (src[i + 1] === 0x3b) {
          const after = blockComment(i);
          if (after < 0) return -1;
          i = after;
        } else {
          depth++;
          i++;
        }
      } else if (c === 0x29) {
        i++;
        if (--depth === 0) return i;
      } else if (c === 0x3b && src[i + 1] === 0x3b) {
        const after = lineComment(i);
        if (after < 0) return -1;
        i = after;
      } else if (c === 0x22) {
        const s = scanString(src, i);
        if (s.bytes === null) {
          fail(s.error, s.errorPos);
          return -1;
        }
        i = s.end;
      } else if (c === 0x0a) {
        newline(++i);
      } else if (c === 0x0d) {
        if (src[i + 1] === 0x0a) i++;
        newline(++i);
      } else if (c === 0x20 || c === 0x09) {
        i++;
      } else if (c < 0x80 && (IDCHAR[c] || c === 0x2c || c === 0x3b || c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d)) {
        i++;
      } else if (c >= 0x80 && utf8SequenceLength(src, i, end) === 0) {
        fail('malformed UTF-8 encoding', i);
        return -1;
      } else {
        fail('illegal character', i);
        return -1;
      }
    }
    fail('unclosed annotation', open);
    return -1;
  };

  while (pos < end) {
    const c = src[pos]!;
    switch (c) {
      case 0x20: // space
      case 0x09: // tab
        pos++;
        continue;
      case 0x0a: // \n
        newline(++pos);
        continue;
      case 0x0d: // \r (\r\n counts as one line break)
        if (src[pos + 1] === 0x0a) pos++;
        newline(++pos);
        continue;
      case 0x28: { // (
        const next = src[pos + 1];
        if (next === 0x3b) {
          const after = blockComment(pos);
          if (after < 0) return tokens;
          pos = after;
        } else if (next === 0x40) {
          const after = annotation();
          if (after < 0) return tokens;
          pos = after;
        } else {
          push(Tok.lparen, pos, pos + 1, '(');
          pos++;
        }
        continue;
      }
      case 0x29: // )
        push(Tok.rparen, pos, pos + 1, ')');
        pos++;
        continue;
      case 0x3b: // ;
        if (src[pos + 1] === 0x3b) {
          const after = lineComment(pos);
          if (after < 0) return tokens;
          pos = after;
        } else {
          push(Tok.reserved, pos, pos + 1, ';');
          pos++;
        }
        continue;
      case 0x2c: // ,
      case 0x5b: // [
      case 0x5d: // ]
      case 0x7b: // {
      case 0x7d: // }
        push(Tok.reserved, pos, pos + 1, String.fromCharCode(c));
        pos++;
        continue;
    }
    if (c === 0x22 || (c < 0x80 && IDCHAR[c])) {
      // A maximal run of identifier characters and strings, classified as a whole (longest match).
      const start = pos;
      let strings = 0;
      let firstString: StringScan | null = null;
      let firstStringAt = -1;
      for (;;) {
        if (pos >= end) break;
        const d = src[pos]!;
        if (d < 0x80 && IDCHAR[d]) {
          pos++;
        } else if (d === 0x22) {
          const s = scanString(src, pos);
          if (s.bytes === null) {
            if (pos === start) return fail(s.error, s.errorPos);
            break; // the run ends before the bad string, which errors as the next token
          }
          if (strings++ === 0) {
            firstString = s;
            firstStringAt = pos;
          }
          pos = s.end;
        } else break;
      }
      if (strings === 0) {
        const text = bytesToBinaryString(src, start, pos);
        if (c === 0x24) { // $
          if (text.length === 1) return fail('empty identifier', start);
          push(Tok.id, start, pos, text.slice(1));
        } else if (c >= 0x61 && c <= 0x7a && isPlainKeyword(src, start, pos)) {
          push(Tok.keyword, start, pos, text);
        } else if (c >= 0x30 && c <= 0x39 && isDecimalDigits(src, start, pos)) {
          push(Tok.nat, start, pos, text);
        } else if (NAT_RE.test(text)) push(Tok.nat, start, pos, text);
        else if (INT_RE.test(text)) push(Tok.int, start, pos, text);
        else if (FLOAT_RE.test(text)) push(Tok.float, start, pos, text);
        else if (KEYWORD_RE.test(text)) push(Tok.keyword, start, pos, text);
        else {
          const off = OFFSET_RE.exec(text);
          const al = off === null ? ALIGN_RE.exec(text) : null;
          if (off !== null) push(Tok.offsetEq, start, pos, off[1]!);
          else if (al !== null) push(Tok.alignEq, start, pos, al[1]!);
          else push(Tok.reserved, start, pos, text);
        }
      } else if (strings === 1 && firstString!.end === pos && firstStringAt === start) {
        push(Tok.string, start, pos, '', firstString!.bytes!);
      } else if (strings === 1 && firstString!.end === pos && firstStringAt === start + 1 && c === 0x24) {
        const bytes = firstString!.bytes!;
        if (bytes.length === 0) return fail('empty identifier', start);
        for (let k = 0; k < bytes.length; ) {
          if (bytes[k]! < 0x80) k++;
          else {
            const n = utf8SequenceLength(bytes, k, bytes.length);
            if (n === 0) return fail('malformed UTF-8 encoding', start);
            k += n;
          }
        }
        push(Tok.id, start, pos, bytesToBinaryString(bytes));
      } else {
        push(Tok.reserved, start, pos, bytesToBinaryString(src, start, pos));
      }
      continue;
    }
    if (c < 0x80) return fail(c < 0x20 ? 'misplaced control character' : 'malformed UTF-8 encoding', pos);
    if (utf8SequenceLength(src, pos, end) === 0) return fail('malformed UTF-8 encoding', pos);
    return fail('misplaced unicode character', pos);
  }
  tokens.push(new Token(Tok.eof, end, end, line, end - lineStart + 1, ''));
  return tokens;
}
