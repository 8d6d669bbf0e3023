/**
 * Numeric literals of the text format: integers to bit patterns with the spec's range rules, floats to IEEE bit
 * patterns with exact round-to-nearest-even (decimal and hexadecimal, `inf`, `nan`, `nan:0x...`). Every function
 * returns `null` when the text is not a literal of the kind or is out of range; callers turn that into the spec's
 * "constant out of range" error.
 */

const HEX_PREFIX = /^0x/;

/** The magnitude of an unsigned `nat` token (`123`, `0x1_F`), or null when `text` is not one. */
export function parseNat(text: string): bigint | null {
  if (text.length === 0) return null;
  const c0 = text.charCodeAt(0);
  if (c0 < 0x30 || c0 > 0x39) return null;
  let clean = text.includes('_') ? text.replace(/_/g, '') : text;
  if (HEX_PREFIX.test(clean)) {
    if (!/^0x[0-9a-fA-F]+$/.test(clean)) return null;
    clean = '0x' + clean.slice(2).replace(/^0+(?=.)/, '');
  } else {
    if (!/^[0-9]+$/.test(clean)) return null;
    clean = clean.replace(/^0+(?=.)/, '');
  }
  // No literal the grammar accepts has more than 64 bits; a longer digit string saturates (and so is out of
  // range) instead of costing a huge BigInt conversion.
  if (clean.length > 40) return 1n << 128n;
  return BigInt(clean);
}

/** An unsigned literal that must fit `bits` bits (`u32` indices, `u64` limits), or null. */
export function parseUnsigned(text: string, bits: number): bigint | null {
  const v = parseNat(text);
  if (v === null || v >= 1n << BigInt(bits)) return null;
  return v;
}

/**
 * An `iN` literal (`N` = 8, 16, 32 or 64) as its unsigned bit pattern: unsigned or `+` forms up to 2^N - 1,
 * negative forms down to -2^(N-1). Null when out of range or not an integer literal.
 */
export function parseIntBits(text: string, bits: number): bigint | null {
  let neg = false;
  let body = text;
  const c0 = text.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) {
    neg = c0 === 0x2d;
    body = text.slice(1);
  }
  const v = parseNat(body);
  if (v === null) return null;
  const width = BigInt(bits);
  if (neg) {
    if (v > 1n << (width - 1n)) return null;
    return v === 0n ? 0n : (1n << width) - v;
  }
  if (v >= 1n << width) return null;
  return v;
}

/** An `i32` literal as an unsigned 32-bit number, or null. */
export function parseI32Bits(text: string): number | null {
  // Fast path for short decimal literals, the common case in the test suites.
  if (text.length <= 9 && /^[0-9]+$/.test(text)) return Number(text);
  const v = parseIntBits(text, 32);
  return v === null ? null : Number(v);
}

/** IEEE binary format parameters: fraction bits and exponent bias. */
interface FloatFormat {
  readonly fracBits: number;
  readonly expBits: number;
}
const F32: FloatFormat = { fracBits: 23, expBits: 8 };
const F64: FloatFormat = { fracBits: 52, expBits: 11 };

function bitLength(v: bigint): number {
  return v === 0n ? 0 : v.toString(2).length;
}

/**
 * Rounds the positive rational `num / den` to the format, nearest-even. Returns the bits without sign, or null on
 * overflow (the spec makes a literal that rounds to infinity malformed).
 */
function roundRational(num: bigint, den: bigint, f: FloatFormat): bigint | null {
  const p = f.fracBits + 1; // precision
  const bias = (1 << (f.expBits - 1)) - 1;
  const minLsbExp = 1 - bias - f.fracBits; // exponent of the least significant bit of subnormals
  // floor(log2(num / den))
  let lb = bitLength(num) - bitLength(den);
  if (lb >= 0 ? num < den << BigInt(lb) : num << BigInt(-lb) < den) lb--;
  let e = lb - (p - 1);
  if (e < minLsbExp) e = minLsbExp;
  let qn = num;
  let qd = den;
  if (e >= 0) qd <<= BigInt(e);
  else qn <<= BigInt(-e);
  let q = qn / qd;
  const r2 = (qn % qd) * 2n;
  if (r2 > qd || (r2 === qd && (q & 1n) === 1n)) q++;
  const hidden = 1n << BigInt(f.fracBits);
  if (q === hidden << 1n) {
    q = hidden;
    e++;
  }
  if (q < hidden) return q; // subnormal (or zero): biased exponent 0
  const biased = e + f.fracBits + bias;
  if (biased >= (1 << f.expBits) - 1) return null;
  return (BigInt(biased) << BigInt(f.fracBits)) | (q - hidden);
}

/** Significant digits kept before the rest collapses into a sticky digit (more than any tie needs). */
const MAX_DEC_DIGITS = 1000;
const MAX_HEX_DIGITS = 300;

const DEC_RE = /^([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;
const HEX_RE = /^0x([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?$/;

/** Float literal to IEEE bits (sign included) for format `f`, or null. */
function parseFloatBits(text: string, f: FloatFormat): bigint | null {
  let neg = false;
  let body = text;
  const c0 = text.charCodeAt(0);
  if (c0 === 0x2b || c0 === 0x2d) {
    neg = c0 === 0x2d;
    body = text.slice(1);
  }
  if (body.includes('_')) {
    // Underscores may only separate digits; the lexer checked that for tokens, this guards direct callers.
    if (/(^|[^0-9a-fA-F])_|_($|[^0-9a-fA-F])/.test(body)) return null;
    body = body.replace(/_/g, '');
  }
  const signBit = neg ? 1n << BigInt(f.fracBits + f.expBits) : 0n;
  const expMask = (1n << BigInt(f.expBits)) - 1n;
  const infBits = expMask << BigInt(f.fracBits);
  if (body === 'inf') return signBit | infBits;
  if (body === 'nan') return signBit | infBits | (1n << BigInt(f.fracBits - 1));
  if (body.startsWith('nan:0x')) {
    const hex = body.slice(6);
    if (!/^[0-9a-fA-F]+$/.test(hex)) return null;
    const payload = BigInt('0x' + hex);
    if (payload === 0n || payload >= 1n << BigInt(f.fracBits)) return null;
    return signBit | infBits | payload;
  }
  let num: bigint;
  let den = 1n;
  if (body.startsWith('0x')) {
    const m = HEX_RE.exec(body);
    if (m === null || (m[1] === '' && (m[2] ?? '') === '')) return null;
    const intPart = m[1]!;
    const frac = m[2] ?? '';
    let digits = (intPart + frac).replace(/^0+/, '');
    if (digits === '') return signBit;
    let shift = 0;
    if (digits.length > MAX_HEX_DIGITS) {
      // Digits beyond the first few hundred only decide ties: keep a sticky nonzero digit in their place.
      const rest = digits.slice(MAX_HEX_DIGITS);
      shift = 4 * rest.length;
      digits = digits.slice(0, MAX_HEX_DIGITS) + (/[1-9a-fA-F]/.test(rest) ? '1' : '0');
      shift -= 4;
    }
    // Exponents beyond any format's range saturate; the digit count bounds the mantissa's own magnitude.
    let e2 = m[3] === undefined ? 0 : clampExp(m[3]);
    e2 -= 4 * frac.length - shift;
    if (digits.length <= 13 && e2 > -1000 && e2 < 900) {
      // Fast path: a mantissa of at most 52 bits times a power of two is exact in binary64, so rounding it to the
      // target format (fround for f32) is the only rounding.
      const v = parseInt(digits, 16) * 2 ** e2;
      const r = f === F32 ? Math.fround(v) : v;
      if (!Number.isFinite(r)) return null;
      return signBit | (f === F32 ? BigInt(f32BitsOf(r)) : f64BitsOf(r));
    }
    const mant = BigInt('0x' + digits);
    const mag = bitLength(mant) + e2;
    if (mag > 1100) return null;
    if (mag < -1200) return signBit;
    num = mant;
    if (e2 >= 0) num <<= BigInt(e2);
    else den = 1n << BigInt(-e2);
  } else {
    const m = DEC_RE.exec(body);
    if (m === null || m[1] === '') return null;
    const frac = m[2] ?? '';
    let digits = (m[1]! + frac).replace(/^0+/, '');
    if (digits === '') return signBit;
    let shift = 0;
    if (digits.length > MAX_DEC_DIGITS) {
      // Exact halfway cases need at most ~770 significant digits; the rest only matters as a sticky nonzero.
      const rest = digits.slice(MAX_DEC_DIGITS);
      shift = rest.length - 1;
      digits = digits.slice(0, MAX_DEC_DIGITS) + (/[1-9]/.test(rest) ? '1' : '0');
    }
    let e10 = m[3] === undefined ? 0 : clampExp(m[3]);
    e10 -= frac.length - shift;
    if (digits.length <= 15 && e10 >= -22 && e10 <= 22) {
      // Fast path: an integer below 2^53 times or divided by an exact power of ten is one correctly rounded
      // binary64 operation. For f32 a second rounding is harmless unless the binary64 result is exactly halfway
      // between two f32 values (then the true value may lie on either side), or leaves f32's normal range.
      const n = Number(digits);
      const v = e10 >= 0 ? n * 10 ** e10 : n / 10 ** -e10;
      if (f === F64) return signBit | f64BitsOf(v);
      if (v >= 2 ** -126 && v < 2 ** 127) {
        const b = f64BitsOf(v);
        if ((b & 0x1fffffffn) !== 0x10000000n) return signBit | BigInt(f32BitsOf(Math.fround(v)));
      }
    }
    const mag = digits.length + e10; // value < 10^mag
    if (mag > 330) return null;
    if (mag < -360) return signBit;
    const mant = BigInt(digits);
    if (e10 >= 0) num = mant * 10n ** BigInt(e10);
    else {
      num = mant;
      den = 10n ** BigInt(-e10);
    }
  }
  const bits = roundRational(num, den, f);
  return bits === null ? null : signBit | bits;
}

/** Parses a decimal exponent, saturating beyond ±10^7 so absurd exponents cannot make huge BigInts. */
function clampExp(s: string): number {
  const v = Number(s);
  if (v > 1e7) return 1e7;
  if (v < -1e7) return -1e7;
  return v;
}

const f64Buf = new DataView(new ArrayBuffer(8));

function f32BitsOf(v: number): number {
  f64Buf.setFloat32(0, v);
  return f64Buf.getUint32(0);
}

function f64BitsOf(v: number): bigint {
  f64Buf.setFloat64(0, v);
  return f64Buf.getBigUint64(0);
}

/** An `f32` literal (float or integer syntax) as its unsigned 32-bit pattern, or null. */
export function parseF32Bits(text: string): number | null {
  const b = parseFloatBits(text, F32);
  return b === null ? null : Number(b);
}

/** An `f64` literal (float or integer syntax) as its unsigned 64-bit pattern, or null. */
export function parseF64Bits(text: string): bigint | null {
  return parseFloatBits(text, F64);
}
