/**
 * WebAssembly feature switches. The decoder and validator consult these so one code base serves 2.0 and, later,
 * 3.0 proposals. Defaults are the 2.0 feature set minus SIMD (not implemented yet).
 */
export interface Features {
  /** Multi-value block types and function results (2.0). */
  readonly multiValue: boolean;
  /** Bulk memory operations and passive segments (2.0). */
  readonly bulkMemory: boolean;
  /** funcref/externref values, multiple tables, table instructions (2.0). */
  readonly referenceTypes: boolean;
  /** Sign-extension operators (2.0). */
  readonly signExtension: boolean;
  /** Non-trapping float-to-int conversions (2.0). */
  readonly saturatingFloatToInt: boolean;
  /** Fixed-width SIMD (2.0). Not supported yet: modules using it fail with "SIMD is not supported yet". */
  readonly simd: boolean;
  /** Multiple memories (3.0). */
  readonly multiMemory: boolean;
}

/** The WebAssembly 2.0 feature set (SIMD off until it is implemented). */
export const DEFAULT_FEATURES: Features = Object.freeze({
  multiValue: true,
  bulkMemory: true,
  referenceTypes: true,
  signExtension: true,
  saturatingFloatToInt: true,
  simd: false,
  multiMemory: false,
});
