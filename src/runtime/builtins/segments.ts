/**
 * Per-instance state of passive segments. A dropped segment behaves as an empty one; active and declarative
 * segments are dropped once instantiation has applied them.
 */

/** A data segment of one instance. */
export interface DataSegmentState {
  bytes: Uint8Array | null;
}

/** An element segment of one instance: its evaluated references. */
export interface ElemSegmentState {
  items: unknown[] | null;
}
