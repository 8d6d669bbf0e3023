/**
 * A growable byte buffer with the WebAssembly binary format's primitive encoders: bytes, minimal-length LEB128
 * (unsigned and signed, 32-bit as numbers, 64-bit as bigints), IEEE bit patterns and length-prefixed byte strings.
 */
export class ByteWriter {
  private buf: Uint8Array;
  length = 0;

  constructor(capacity = 64) {
    this.buf = new Uint8Array(capacity);
  }

  private grow(need: number): void {
    let cap = this.buf.length * 2;
    while (cap < this.length + need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
  }

  u8(b: number): void {
    if (this.length >= this.buf.length) this.grow(1);
    this.buf[this.length++] = b;
  }

  /** Unsigned LEB128 of a number in [0, 2^53). */
  u32(v: number): void {
    if (this.length + 8 > this.buf.length) this.grow(8);
    for (;;) {
      const b = v % 128;
      v = Math.floor(v / 128);
      if (v === 0) {
        this.buf[this.length++] = b;
        return;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** Signed LEB128 of an integer number in [-2^53, 2^53). */
  s32(v: number): void {
    if (this.length + 8 > this.buf.length) this.grow(8);
    for (;;) {
      const b = ((v % 128) + 128) % 128;
      v = Math.floor(v / 128);
      const done = (v === 0 && (b & 0x40) === 0) || (v === -1 && (b & 0x40) !== 0);
      if (done) {
        this.buf[this.length++] = b;
        return;
      }
      this.buf[this.length++] = b | 0x80;
    }
  }

  /** Unsigned LEB128 of a non-negative bigint. */
  u64(v: bigint): void {
    if (v < 0x20000000000000n) {
      this.u32(Number(v));
      return;
    }
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      if (v === 0n) {
        this.u8(b);
        return;
      }
      this.u8(b | 0x80);
    }
  }

  /** Signed LEB128 of a bigint. */
  s64(v: bigint): void {
    for (;;) {
      const b = Number(v & 0x7fn);
      v >>= 7n;
      const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
      if (done) {
        this.u8(b);
        return;
      }
      this.u8(b | 0x80);
    }
  }

  /** 32 bits, little-endian. */
  u32le(v: number): void {
    this.u8(v & 0xff);
    this.u8((v >>> 8) & 0xff);
    this.u8((v >>> 16) & 0xff);
    this.u8((v >>> 24) & 0xff);
  }

  /** 64 bits of a bigint bit pattern, little-endian. */
  u64le(v: bigint): void {
    this.u32le(Number(v & 0xffffffffn));
    this.u32le(Number((v >> 32n) & 0xffffffffn));
  }

  bytes(b: Uint8Array): void {
    if (this.length + b.length > this.buf.length) this.grow(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** A length-prefixed byte string (names, data segment contents). */
  vecBytes(b: Uint8Array): void {
    this.u32(b.length);
    this.bytes(b);
  }

  /** The written bytes (a view; copy before writing more). */
  view(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }

  /** A copy of the written bytes. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
