import type { ModuleAst } from './ast.js';
import { ByteWriter } from './byte_writer.js';
import { encodeUtf8 } from './utf8.js';

/**
 * The `name` custom section for a parsed module: the module's `$name` and its functions' `$names` (imported
 * functions included), so traps in modules written as text have named backtraces (as wasmtime's WAT compiler
 * does). wabt's `wat2wasm` omits it unless asked (`--debug-names`); `watToBinary` adds it only on request.
 */
export function encodeNameSection(m: ModuleAst): Uint8Array | null {
  const funcs = [...(m.names.get('func') ?? new Map<string, number>())].sort((a, b) => a[1] - b[1]);
  if (m.name === null && funcs.length === 0) return null;
  const payload = new ByteWriter();
  payload.vecBytes(encodeUtf8('name'));
  if (m.name !== null) {
    const sub = new ByteWriter();
    sub.vecBytes(encodeUtf8(m.name));
    payload.u8(0);
    payload.vecBytes(sub.view());
  }
  if (funcs.length > 0) {
    const sub = new ByteWriter();
    sub.u32(funcs.length);
    for (const [name, index] of funcs) {
      sub.u32(index);
      sub.vecBytes(encodeUtf8(name));
    }
    payload.u8(1);
    payload.vecBytes(sub.view());
  }
  const section = new ByteWriter();
  section.u8(0);
  section.vecBytes(payload.view());
  return section.view();
}
