import { CompileError } from '../core/compile_error.js';

/**
 * A cursor over WebAssembly binary data with the format's primitive decoders: bytes, LEB128 integers, IEEE floats
 * and UTF-8 names. Every failure is a `CompileError` of kind `malformed` carrying the byte offset, worded as the
 * spec's reference interpreter words it.
 *
 * `end` bounds the reader; reading past it fails with `endMessage` ("unexpected end" for the module, "unexpected
 * end of section or function" inside a section or body).
 */
export class ByteReader {
  pos: number;
  end: number;
  /** Message for reads past `end`. */
  endMessage = 'unexpected end';

  constructor(
    readonly bytes: Uint8Array,
    pos = 0,
    end = bytes.length,
  ) {
    this.pos = pos;
    this.end = end;
  }

  /** Throws a malformed-module error at `offset` (default: the current position). */
  fail(reason: string, offset: number = this.pos): never {
    throw new CompileError('malformed', reason, offset);
  }

  get atEnd(): boolean {
    return this.pos >= this.end;
  }

  u8(): number {
    if (this.pos >= this.end) this.fail(this.endMessage);
    return this.bytes[this.pos++]!;
  }

  /** Unsigned LEB128 of at most 32 bits (5 bytes). */
  u32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    const end = this.end;
    if (pos < end) {
      const b = bytes[pos]!;
      if (b < 0x80) {
        this.pos = pos + 1;
        return b;
      }
    }
    let result = 0;
    let shift = 0;
    for (;;) {
      if (pos >= end) this.fail(this.endMessage, pos);
      const b = bytes[pos++]!;
      if (shift === 28) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        if (b & 0x70) this.fail('integer too large', pos - 1);
        result += b * 0x10000000;
        break;
      }
      result |= (b & 0x7f) << shift;
      if (!(b & 0x80)) break;
      shift += 7;
    }
    this.pos = pos;
    return result >>> 0;
  }

  /** Signed LEB128 of at most 32 bits (5 bytes), as an int32. */
  s32(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    const end = this.end;
    let result = 0;
    let shift = 0;
    let b: number;
    for (;;) {
      if (pos >= end) this.fail(this.endMessage, pos);
      b = bytes[pos++]!;
      if (shift === 28) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        // The 4 unused bits must equal the sign bit (bit 3 of the last byte).
        const rest = b & 0x78;
        if (rest !== 0 && rest !== 0x78) this.fail('integer too large', pos - 1);
        result |= b << 28;
        break;
      }
      result |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) {
        if (shift < 32 && b & 0x40) result |= -1 << shift;
        break;
      }
    }
    this.pos = pos;
    return result | 0;
  }

  /** Signed LEB128 of at most 33 bits (block types); returns a JS number in [-2^32, 2^32). */
  s33(): number {
    const bytes = this.bytes;
    let pos = this.pos;
    const end = this.end;
    let result = 0;
    let mul = 1;
    let b: number;
    for (let i = 0; ; i++) {
      if (pos >= end) this.fail(this.endMessage, pos);
      b = bytes[pos++]!;
      if (i === 4) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        // Bits 33..34 of the 35 encoded must equal the sign (bit 32 = bit 4 of this byte).
        const rest = b & 0x70;
        if (rest !== 0 && rest !== 0x70) this.fail('integer too large', pos - 1);
        result += (b & 0x7f) * mul;
        if (b & 0x10) result -= 2 ** 35;
        break;
      }
      result += (b & 0x7f) * mul;
      mul *= 128;
      if (!(b & 0x80)) {
        if (b & 0x40) result -= mul;
        break;
      }
    }
    this.pos = pos;
    return result;
  }

  /** Signed LEB128 of at most 64 bits (10 bytes), as a BigInt in [-2^63, 2^63). */
  s64(): bigint {
    const bytes = this.bytes;
    let pos = this.pos;
    const end = this.end;
    // Fast path: fits in 4 bytes (28 bits) without continuation.
    let small = 0;
    let shift = 0;
    for (let i = 0; i < 4; i++) {
      if (pos >= end) this.fail(this.endMessage, pos);
      const b = bytes[pos++]!;
      small |= (b & 0x7f) << shift;
      shift += 7;
      if (!(b & 0x80)) {
        if (b & 0x40) small |= -1 << shift;
        this.pos = pos;
        return BigInt(small);
      }
    }
    let result = BigInt(small >>> 0);
    let bshift = 28n;
    for (let i = 4; ; i++) {
      if (pos >= end) this.fail(this.endMessage, pos);
      const b = bytes[pos++]!;
      if (i === 9) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        // Only bit 0 carries data (bit 63); bits 1..6 must equal it.
        const rest = b & 0x7f;
        if (rest !== 0 && rest !== 0x7f) this.fail('integer too large', pos - 1);
        result |= BigInt(b & 1) << 63n;
        this.pos = pos;
        return BigInt.asIntN(64, result);
      }
      result |= BigInt(b & 0x7f) << bshift;
      bshift += 7n;
      if (!(b & 0x80)) {
        if (b & 0x40) result -= 1n << bshift;
        this.pos = pos;
        return BigInt.asIntN(64, result);
      }
    }
  }

  /** Unsigned LEB128 of at most 64 bits (10 bytes), as a BigInt (memory64 offsets). */
  u64(): bigint {
    const bytes = this.bytes;
    let pos = this.pos;
    const end = this.end;
    let result = 0n;
    let shift = 0n;
    for (let i = 0; ; i++) {
      if (pos >= end) this.fail(this.endMessage, pos);
      const b = bytes[pos++]!;
      if (i === 9) {
        if (b & 0x80) this.fail('integer representation too long', pos - 1);
        if (b & 0x7e) this.fail('integer too large', pos - 1);
        result |= BigInt(b & 1) << 63n;
        break;
      }
      result |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if (!(b & 0x80)) break;
    }
    this.pos = pos;
    return result;
  }

  /** Four little-endian bytes as an unsigned 32-bit number (f32 bit patterns). */
  u32le(): number {
    const pos = this.pos;
    if (this.end - pos < 4) this.fail(this.endMessage, this.end);
    const b = this.bytes;
    this.pos = pos + 4;
    return (b[pos]! | (b[pos + 1]! << 8) | (b[pos + 2]! << 16) | (b[pos + 3]! << 24)) >>> 0;
  }

  /** Eight little-endian bytes as an unsigned 64-bit BigInt (f64 bit patterns). */
  u64le(): bigint {
    const lo = this.u32le();
    const hi = this.u32le();
    return (BigInt(hi) << 32n) | BigInt(lo);
  }

  /** `n` raw bytes (a view into the underlying buffer, not a copy). */
  take(n: number): Uint8Array {
    if (n > this.end - this.pos) this.fail('unexpected end', this.pos);
    const out = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }

  /**
   * A u32 length or count. Like the reference interpreter, a value larger than the bytes left (counted from the
   * start of the LEB128) is "length out of bounds"; a value that passes that test may still run past `end`, which
   * the caller then reports as an unexpected end. Bounding counts by the bytes left also bounds any allocation
   * driven by them.
   */
  len32(): number {
    const at = this.pos;
    const n = this.u32();
    if (n > this.end - at) this.fail('length out of bounds', at);
    return n;
  }

  /** A length-prefixed UTF-8 name. Rejects invalid UTF-8 (overlongs, surrogates, > U+10FFFF). */
  name(): string {
    const at = this.pos;
    const len = this.len32();
    const start = this.pos;
    if (len > this.end - start) this.fail(this.endMessage, this.end);
    const s = decodeUtf8(this.bytes, start, start + len);
    if (s === null) this.fail('malformed UTF-8 encoding', at);
    this.pos = start + len;
    return s;
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Strict UTF-8 decode of `bytes[start, end)`, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string | null {
  let ascii = true;
  for (let i = start; i < end; i++) {
    if (bytes[i]! >= 0x80) {
      ascii = false;
      break;
    }
  }
  if (ascii) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(bytes[i]!);
    return s;
  }
  try {
    return utf8.decode(bytes.subarray(start, end));
  } catch {
    return null;
  }
}
