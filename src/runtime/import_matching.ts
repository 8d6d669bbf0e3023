import { LinkError } from '../core/link_error.js';
import { ExternKind, externKindName, valTypeName, type ExternType, type Limits } from '../core/types.js';
import type { Extern } from './extern.js';
import { Func } from './func.js';
import { Global } from './global.js';
import { Memory } from './memory.js';
import type { Store } from './store.js';
import { Table } from './table.js';
import { Tag } from './tag.js';

/**
 * The spec's import matching: an external value matches an import when its kind is right and its type is a
 * subtype of the required one: equal function types (2.0 has no function subtyping beyond equality), equal
 * global types, and limits that fit (the actual current size at least the required minimum, and a declared
 * maximum no larger than the required one).
 */

function limitsMatch(actualMin: number, actualMax: number | null, want: Limits): boolean {
  if (actualMin < want.min) return false;
  if (want.max === null) return true;
  return actualMax !== null && actualMax <= want.max;
}

function limitsText(min: number, max: number | null): string {
  return max === null ? `{min ${min}}` : `{min ${min}, max ${max}}`;
}

/** The kind of an external value. */
export function externKindOf(e: Extern): ExternKind {
  if (e instanceof Func) return ExternKind.func;
  if (e instanceof Table) return ExternKind.table;
  if (e instanceof Memory) return ExternKind.memory;
  if (e instanceof Global) return ExternKind.global;
  return ExternKind.tag;
}

/** Throws a `LinkError` ("incompatible import type") unless `value` matches import `want` named `where`. */
export function checkImport(store: Store<unknown>, where: string, want: ExternType, value: Extern): void {
  const fail = (detail: string): never => {
    throw new LinkError(`incompatible import type for ${where}: ${detail}`, 'incompatible import type');
  };
  const kind = externKindOf(value);
  if (kind !== want.kind) fail(`expected a ${externKindName(want.kind)}, found a ${externKindName(kind)}`);
  if ((value as { owner?: unknown; store?: unknown }).owner !== undefined && (value as { owner: unknown }).owner !== store) {
    throw new LinkError(`import ${where} belongs to another store`);
  }
  switch (want.kind) {
    case ExternKind.func: {
      const f = value as Func;
      if (f.store !== store) throw new LinkError(`import ${where} belongs to another store`);
      const actual = f.type(store);
      if (!actual.equals(want.type)) fail(`expected ${want.type}, found ${actual}`);
      return;
    }
    case ExternKind.table: {
      const t = value as Table;
      if (t.type.element !== want.type.element) fail(`expected a table of ${valTypeName(want.type.element)}, found ${valTypeName(t.type.element)}`);
      const size = t.size(store);
      if (!limitsMatch(size, t.type.limits.max, want.type.limits)) {
        fail(`table limits ${limitsText(size, t.type.limits.max)} do not fit ${limitsText(want.type.limits.min, want.type.limits.max)}`);
      }
      return;
    }
    case ExternKind.memory: {
      const m = value as Memory;
      const size = m.size(store);
      if (!limitsMatch(size, m.type.limits.max, want.type.limits)) {
        fail(`memory limits ${limitsText(size, m.type.limits.max)} do not fit ${limitsText(want.type.limits.min, want.type.limits.max)}`);
      }
      if (m.type.shared !== want.type.shared) fail('memory sharedness differs');
      return;
    }
    case ExternKind.global: {
      const g = value as Global;
      if (g.type.type !== want.type.type || g.type.mutable !== want.type.mutable) {
        const show = (t: { type: number; mutable: boolean }): string => `${t.mutable ? '(mut ' : ''}${valTypeName(t.type)}${t.mutable ? ')' : ''}`;
        fail(`expected global ${show(want.type)}, found ${show(g.type)}`);
      }
      return;
    }
    case ExternKind.tag: {
      const t = value as Tag;
      if (!t.type.type.equals(want.type.type)) fail(`expected tag ${want.type.type}, found ${t.type.type}`);
      return;
    }
  }
}
