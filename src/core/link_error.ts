/**
 * The error for an instantiation that cannot link: a missing import, an import of the wrong kind or type, or a
 * duplicate definition in a `Linker`.
 */
export class LinkError extends Error {
  override readonly name = 'LinkError';
  constructor(message: string) {
    super(message);
  }
}
