import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from '../../src/text/lexer.js';
import { Tok, type Token } from '../../src/text/token.js';
import { encodeUtf8 } from '../../src/text/utf8.js';

function lex(src: string | Uint8Array): Token[] {
  return tokenize(typeof src === 'string' ? encodeUtf8(src) : src);
}

/** Kind and text of each token but the final eof. */
function kinds(src: string): Array<[number, string]> {
  return lex(src)
    .slice(0, -1)
    .map((t) => [t.kind, t.text]);
}

/** The error token's message (the list must end in one). */
function lexError(src: string | Uint8Array): Token {
  const toks = lex(src);
  const err = toks[toks.length - 2];
  assert.ok(err !== undefined && err.kind === Tok.error, `expected a lexical error for ${JSON.stringify(src)}`);
  return err;
}

test('numbers: nat, int and float forms with underscores, hex, inf and nan', () => {
  assert.deepEqual(kinds('0 1_000 0x1_F +1 -0x10'), [
    [Tok.nat, '0'],
    [Tok.nat, '1_000'],
    [Tok.nat, '0x1_F'],
    [Tok.int, '+1'],
    [Tok.int, '-0x10'],
  ]);
  for (const f of ['1.', '1.5', '1e10', '1E-3', '1.5e+2', '0x1.p3', '0x1.8p-1', '0xA.Bp+4', 'inf', '-inf', 'nan', '+nan', 'nan:0x1_0', '0x1.', '1_0.0_1e1_0']) {
    assert.deepEqual(kinds(f), [[Tok.float, f]], f);
  }
});

test('runs that are no number, keyword or id are reserved tokens', () => {
  for (const r of ['0x', '1x', '0xg', '1__2', '_1', '1_', '1e', '0x1p', '$x"y"', '"a""b"', 'a"b"', 'offset=-1', 'nan:0x', '@', '1.5e']) {
    const toks = kinds(r);
    assert.equal(toks.length, 1, r);
    assert.equal(toks[0]![0], r === 'nan:0x' ? Tok.keyword : Tok.reserved, r);
  }
  assert.deepEqual(kinds(', ; [ ] { }').map((t) => t[0]), Array(6).fill(Tok.reserved));
});

test('keywords, offset= and align=, identifiers', () => {
  assert.deepEqual(kinds('i32.add nan:canonical offset=0x10 align=4 $x $a.b+c $"quoted id"'), [
    [Tok.keyword, 'i32.add'],
    [Tok.keyword, 'nan:canonical'],
    [Tok.offsetEq, '0x10'],
    [Tok.alignEq, '4'],
    [Tok.id, 'x'],
    [Tok.id, 'a.b+c'],
    [Tok.id, 'quoted id'],
  ]);
  assert.equal(lexError('$').text, 'empty identifier');
  assert.equal(lexError('$""').text, 'empty identifier');
  assert.equal(lexError('$"\\80"').text, 'malformed UTF-8 encoding');
});

test('strings decode every escape', () => {
  const t = lex('"a\\n\\t\\r\\\\\\\'\\"\\00\\ff\\u{41}\\u{1F600}\\u{1_0000}é"')[0]!;
  assert.equal(t.kind, Tok.string);
  assert.deepEqual(
    [...t.bytes],
    [0x61, 0x0a, 0x09, 0x0d, 0x5c, 0x27, 0x22, 0x00, 0xff, 0x41, 0xf0, 0x9f, 0x98, 0x80, 0xf0, 0x90, 0x80, 0x80, 0xc3, 0xa9],
  );
  assert.equal(lexError('"abc').text, 'unclosed string literal');
  assert.equal(lexError('"ab\nc"').text, 'unclosed string literal');
  assert.equal(lexError('"\\q"').text, 'illegal escape');
  assert.equal(lexError('"\\u{D800}"').text, 'illegal escape');
  assert.equal(lexError('"\\u{110000}"').text, 'illegal escape');
  assert.equal(lexError('"a\x01"').text, 'illegal control character in string literal');
  assert.equal(lexError(Uint8Array.of(0x22, 0xc0, 0x80, 0x22)).text, 'malformed UTF-8 encoding');
});

test('comments nest and are skipped; annotations are skipped', () => {
  assert.deepEqual(kinds('(;a (; b ;) c;) xx ;; to the end\n yy (@a (b "c" (@d)) (;c;) ;; x)\n e) zz'), [
    [Tok.keyword, 'xx'],
    [Tok.keyword, 'yy'],
    [Tok.keyword, 'zz'],
  ]);
  // Single letters are no keywords (a keyword has at least two characters).
  assert.deepEqual(kinds('x'), [[Tok.reserved, 'x']]);
  assert.equal(lexError('(; (; ;)').text, 'unclosed comment');
  assert.equal(lexError('(@a (b)').text, 'unclosed annotation');
  assert.equal(lexError('(@ x)').text, 'empty annotation id');
  assert.equal(lexError('(@a \x00)').text, 'illegal character');
  assert.equal(lexError(Uint8Array.of(0x3b, 0x3b, 0xff)).text, 'malformed UTF-8 encoding');
});

test('positions: 1-based lines and byte columns; errors carry theirs', () => {
  const toks = lex('(module\n  (func))');
  assert.deepEqual(
    toks.slice(0, 5).map((t) => [t.line, t.col]),
    [[1, 1], [1, 2], [2, 3], [2, 4], [2, 8]],
  );
  const err = lexError('(a)\n  "open');
  assert.deepEqual([err.line, err.col], [2, 3]);
});

test('misplaced characters outside strings are lexical errors', () => {
  assert.equal(lexError('a \x01').text, 'misplaced control character');
  assert.equal(lexError('a é').text, 'misplaced unicode character');
  assert.equal(lexError(Uint8Array.of(0x61, 0x20, 0xff)).text, 'malformed UTF-8 encoding');
});
