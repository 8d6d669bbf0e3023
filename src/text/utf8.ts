/** Strict UTF-8 helpers for the text format (which must be valid UTF-8 in comments, strings used as names, ids). */

/**
 * Length of the well-formed UTF-8 sequence of a non-ASCII character starting at `pos` (2 to 4), or 0 when the bytes
 * there are not one (stray continuation byte, overlong form, surrogate, beyond U+10FFFF, truncated).
 */
export function utf8SequenceLength(b: Uint8Array, pos: number, end: number): number {
  const c = b[pos]!;
  if (c < 0xc2 || c > 0xf4) return 0;
  const c1 = pos + 1 < end ? b[pos + 1]! : -1;
  if (c < 0xe0) return c1 >= 0x80 && c1 <= 0xbf ? 2 : 0;
  // Second-byte ranges exclude overlong forms, surrogates (ED A0..BF) and code points above U+10FFFF.
  let lo = 0x80;
  let hi = 0xbf;
  if (c === 0xe0) lo = 0xa0;
  else if (c === 0xed) hi = 0x9f;
  else if (c === 0xf0) lo = 0x90;
  else if (c === 0xf4) hi = 0x8f;
  if (c1 < lo || c1 > hi) return 0;
  const c2 = pos + 2 < end ? b[pos + 2]! : -1;
  if (c2 < 0x80 || c2 > 0xbf) return 0;
  if (c < 0xf0) return 3;
  const c3 = pos + 3 < end ? b[pos + 3]! : -1;
  return c3 >= 0x80 && c3 <= 0xbf ? 4 : 0;
}

/** Whether `b` is entirely well-formed UTF-8. */
export function isValidUtf8(b: Uint8Array): boolean {
  const end = b.length;
  let i = 0;
  while (i < end) {
    if (b[i]! < 0x80) {
      i++;
      continue;
    }
    const n = utf8SequenceLength(b, i, end);
    if (n === 0) return false;
    i += n;
  }
  return true;
}

const encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF: names are compared as written, byte for byte.
const decoder = new TextDecoder('utf-8', { ignoreBOM: true });

/** UTF-8 bytes of a JavaScript string (lone surrogates become U+FFFD). */
export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Decodes UTF-8 bytes, replacing malformed sequences with U+FFFD (for messages and display only). */
export function decodeUtf8Lossy(b: Uint8Array): string {
  return decoder.decode(b);
}

/** Appends the UTF-8 encoding of code point `cp` (which must be a Unicode scalar value) to `out`. */
export function pushUtf8(out: number[], cp: number): void {
  if (cp < 0x80) out.push(cp);
  else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}
