/**
 * i64 shifts and rotations by a variable count, on slots (`S` the store's `BigUint64Array`, `I` the `Int32Array`
 * on the same buffer, `a` the value's slot, `b` the count's slot (low 6 bits used), `d` the destination).
 *
 * TurboFan lowers BigInt `+ - * & | ^` and shifts by constants to single machine instructions when the operands
 * come from a `BigUint64Array` and the result goes back into one, but a shift by a variable BigInt count allocates
 * (~14 ns), and computing on the int32 halves ends in two narrow stores the next 64-bit read must wait for (~3 ns).
 * So the count becomes a multiplication by a power of two from a table (`x << k` is `x * 2^k` mod 2^64), and a
 * right shift by k < 32 is `(x >> 32) * 2^(32-k) + ((x & 0xffffffff) * 2^(32-k)) >> 32`. The inner product is
 * stored into a scratch slot and read back before its constant shift: a right shift of an unstored product is
 * not lowered (measured: 38 ns instead of 1.7), since TurboFan cannot bound the product to 64 bits.
 */

/** 2^k mod 2^64 for k in [0, 64]: P[64] is 0, which makes `x * P[64 - k]` vanish for k = 0. */
const POW2 = new BigUint64Array(65);
for (let k = 0; k < 64; k++) POW2[k] = 1n << BigInt(k);

/** Scratch slots, written and read within one call. */
const scratch = new BigUint64Array(2);

/** i64.shl: S[d] = S[a] << (S[b] & 63). */
export function i64Shl(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  S[d] = S[a]! * POW2[I[2 * b]! & 63]!;
}

/** i64.shr_u: S[d] = S[a] >>> (S[b] & 63). */
export function i64ShrU(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const k = I[2 * b]! & 63;
  const m = POW2[32 - (k & 31)]!;
  if (k < 32) {
    scratch[0] = (S[a]! & 0xffffffffn) * m;
    S[d] = (S[a]! >> 32n) * m + (scratch[0] >> 32n);
  } else {
    scratch[0] = (S[a]! >> 32n) * m;
    S[d] = scratch[0] >> 32n;
  }
}

/**
 * i64.shr_s: S[d] = S[a] >> (S[b] & 63), arithmetic. Flipping the sign bit maps signed order onto unsigned, so
 * `x >> k` is `((x ^ 2^63) >>> k) - (2^63 >>> k)` (mod 2^64).
 */
export function i64ShrS(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  const k = I[2 * b]! & 63;
  const m = POW2[32 - (k & 31)]!;
  if (k < 32) {
    scratch[0] = (S[a]! & 0xffffffffn) * m;
    S[d] = ((S[a]! >> 32n) ^ 0x80000000n) * m + (scratch[0] >> 32n) - POW2[63 - k]!;
  } else {
    scratch[0] = ((S[a]! >> 32n) ^ 0x80000000n) * m;
    S[d] = (scratch[0] >> 32n) - POW2[63 - k]!;
  }
}

/** S[d] = rotl(S[a], k) for k in [0, 63]. */
function rotl(S: BigUint64Array, a: number, k: number, d: number): void {
  if (k === 0) {
    S[d] = S[a]!;
    return;
  }
  // The bits that wrap around are S[a] >>> j, computed as in i64ShrU into scratch[1].
  const j = 64 - k;
  const m = POW2[32 - (j & 31)]!;
  if (j >= 32) {
    scratch[0] = (S[a]! >> 32n) * m;
    scratch[1] = scratch[0] >> 32n;
  } else {
    scratch[0] = (S[a]! & 0xffffffffn) * m;
    scratch[1] = (S[a]! >> 32n) * m + (scratch[0] >> 32n);
  }
  S[d] = (S[a]! * POW2[k]!) | scratch[1];
}

/** i64.rotl: S[d] = S[a] rotated left by S[b] & 63. */
export function i64Rotl(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  rotl(S, a, I[2 * b]! & 63, d);
}

/** i64.rotr: S[d] = S[a] rotated right by S[b] & 63. */
export function i64Rotr(S: BigUint64Array, I: Int32Array, a: number, b: number, d: number): void {
  rotl(S, a, -I[2 * b]! & 63, d);
}
