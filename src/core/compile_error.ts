/**
 * The error for a module that cannot be compiled: malformed bytes (decoding) or an invalid module (validation).
 * The message is the spec's wording ("unexpected end", "type mismatch", ...) followed by the byte offset.
 */
export class CompileError extends Error {
  override readonly name = 'CompileError';
  /**
   * @param kind `malformed` for a decoding error, `invalid` for a validation error.
   * @param reason the spec's wording of the problem, e.g. `integer too large`.
   * @param offset byte offset into the module where the problem was found, or -1 when not applicable.
   */
  constructor(
    readonly kind: 'malformed' | 'invalid' | 'unsupported',
    readonly reason: string,
    readonly offset: number,
  ) {
    super(offset >= 0 ? `${reason} (at offset 0x${offset.toString(16)})` : reason);
  }
}
