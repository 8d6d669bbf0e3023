/**
 * Test helper: one module run under both engine strategies, results and traps side by side.
 */
import { Engine, Instance, Module, Store, Trap, type EngineConfig, type Extern } from '../../src/index.js';
import { watToBinary } from '../../src/text/wat.js';

/** A module instantiated under one strategy. */
export interface Run {
  readonly engine: Engine;
  readonly store: Store<null>;
  readonly instance: Instance;
}

/** Instantiates `wat` under `strategy` (imports in order). */
export function instantiate(wat: string, strategy: 'compile' | 'interpret', config: Partial<EngineConfig> = {}, imports: (run: Omit<Run, 'instance'>) => Extern[] = () => []): Run {
  const engine = new Engine({ ...config, strategy });
  const store = new Store(engine, null);
  const module = Module.fromBytes(engine, watToBinary(wat, 'test.wat', { names: true }));
  const instance = Instance.new(store, module, imports({ engine, store }));
  return { engine, store, instance };
}

/** What a call did: its results (NaNs with their bits), or its trap's message. */
export function outcome(run: Run, name: string, args: readonly unknown[]): string {
  const f = run.instance.getFunc(run.store, name);
  if (!f) throw new Error(`no export ${name}`);
  const t = f.type(run.store);
  try {
    const r = f.typed(run.store, t.params, t.results).call(run.store, ...args);
    const list = t.results.length === 1 ? [r] : t.results.length === 0 ? [] : (r as unknown[]);
    return list.map(show).join(' ');
  } catch (e) {
    if (e instanceof Trap) return `trap: ${e.message}`;
    throw e;
  }
}

const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

function show(v: unknown): string {
  if (typeof v === 'number') {
    f64[0] = v;
    return Object.is(v, -0) ? '-0' : v !== v ? `nan:0x${u64[0]!.toString(16)}` : String(v);
  }
  if (typeof v === 'bigint') return `${v}n`;
  return v === null ? 'null' : typeof v;
}
