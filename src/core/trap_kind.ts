/**
 * Why a WebAssembly computation trapped, and the spec's message for each kind. Shared by the compiler (which emits
 * trap kinds into generated code) and the runtime (which raises `Trap`).
 */

/** Why a computation trapped. Each kind has the spec's message (`TRAP_MESSAGES`). */
export const TrapKind = {
  unreachable: 0,
  memoryOutOfBounds: 1,
  tableOutOfBounds: 2,
  indirectCallTypeMismatch: 3,
  uninitializedElement: 4,
  undefinedElement: 5,
  integerDivideByZero: 6,
  integerOverflow: 7,
  invalidConversionToInteger: 8,
  stackOverflow: 9,
  outOfFuel: 10,
  interrupt: 11,
  nullReference: 12,
  castFailure: 13,
  unalignedAtomic: 14,
} as const;
export type TrapKind = (typeof TrapKind)[keyof typeof TrapKind];

/** The spec's message for each trap kind (the reference interpreter's wording where it has one). */
export const TRAP_MESSAGES: readonly string[] = [
  'unreachable',
  'out of bounds memory access',
  'out of bounds table access',
  'indirect call type mismatch',
  'uninitialized element',
  'undefined element',
  'integer divide by zero',
  'integer overflow',
  'invalid conversion to integer',
  'call stack exhausted',
  'all fuel consumed',
  'interrupt',
  'null reference',
  'cast failure',
  'unaligned atomic',
];
