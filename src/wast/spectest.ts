import { FuncType, ValType } from '../core/types.js';
import { Global } from '../runtime/global.js';
import type { Linker } from '../runtime/linker.js';
import { Memory } from '../runtime/memory.js';
import type { Store } from '../runtime/store.js';
import { Table } from '../runtime/table.js';
import { Val } from '../runtime/val.js';

/**
 * Defines the spec testsuite's `spectest` module in `linker`: print functions, four globals, a table and a memory,
 * with the values and limits the suite expects.
 */
export function defineSpectest(linker: Linker<unknown>, store: Store<unknown>, print: (line: string) => void = () => {}): void {
  const { i32, i64, f32, f64 } = ValType;
  const printer = (params: number[]) => (_c: unknown, ...args: unknown[]): void => {
    print(args.map((a, i) => `${String(a)} : ${typeName(params[i]!)}`).join(', '));
  };
  const prints: [string, number[]][] = [
    ['print', []],
    ['print_i32', [i32]],
    ['print_i64', [i64]],
    ['print_f32', [f32]],
    ['print_f64', [f64]],
    ['print_i32_f32', [i32, f32]],
    ['print_f64_f64', [f64, f64]],
  ];
  for (const [name, params] of prints) linker.funcWrap('spectest', name, new FuncType(params, []), printer(params));
  linker.define(store, 'spectest', 'global_i32', Global.create(store, { type: i32, mutable: false }, Val.i32(666)));
  linker.define(store, 'spectest', 'global_i64', Global.create(store, { type: i64, mutable: false }, Val.i64(666n)));
  linker.define(store, 'spectest', 'global_f32', Global.create(store, { type: f32, mutable: false }, Val.f32(666.6)));
  linker.define(store, 'spectest', 'global_f64', Global.create(store, { type: f64, mutable: false }, Val.f64(666.6)));
  linker.define(store, 'spectest', 'table', Table.create(store, { element: ValType.funcref, limits: { min: 10, max: 20 } }));
  linker.define(store, 'spectest', 'memory', Memory.create(store, { limits: { min: 1, max: 2 }, shared: false }));
}

function typeName(t: number): string {
  return t === ValType.i32 ? 'i32' : t === ValType.i64 ? 'i64' : t === ValType.f32 ? 'f32' : 'f64';
}
