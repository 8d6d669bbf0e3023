/**
 * The i64 builtins on slots, gathered: division (`int64_div.ts`), variable shifts and rotations
 * (`int64_shift.ts`), bit counts (`int64_count.ts`), comparisons (`int64_compare.ts`) and Number-to-slot stores
 * (`int64_slots.ts`).
 *
 * Slot conventions: `S` is the store's `BigUint64Array` of slots and `I` the `Int32Array` on the same buffer
 * (slot k's low half at `I[2k]`, high half at `I[2k+1]`); `a`, `b` are operand slots and `d` the destination slot.
 */

export { i64DivS, i64DivU, i64RemS, i64RemU } from './int64_div.js';
export { i64Rotl, i64Rotr, i64Shl, i64ShrS, i64ShrU } from './int64_shift.js';
export { i64Clz, i64Ctz, i64Popcnt } from './int64_count.js';
export {
  i64Eq, i64Eqz, i64GeS, i64GeU, i64GtS, i64GtU, i64LeS, i64LeU, i64LtS, i64LtU, i64Ne,
} from './int64_compare.js';
export { i64ExtendI32S, i64ExtendI32U, i64SetHalves, i64SetInt, i64SetIntegral } from './int64_slots.js';
