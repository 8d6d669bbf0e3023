/**
 * The error for an instantiation that cannot link: a missing import, an import of the wrong kind or type, or a
 * duplicate definition in a `Linker`. `reason` is the spec's category ("unknown import", "incompatible import
 * type") or "duplicate definition"; `message` says which import and why.
 */
export class LinkError extends Error {
  override readonly name = 'LinkError';
  constructor(
    message: string,
    readonly reason: 'unknown import' | 'incompatible import type' | 'duplicate definition' | 'other' = 'other',
  ) {
    super(message);
  }
}
