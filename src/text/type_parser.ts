import {
  PackedType,
  type CompTypeAst,
  type FieldTypeAst,
  type HeapTypeAst,
  type LimitsAst,
  type SubTypeAst,
  type TypeUseAst,
  type ValTypeAst,
} from './ast.js';
import { parseUnsigned } from './number_literal.js';
import { Tok } from './token.js';
import { TokenCursor } from './token_cursor.js';

/** Value type keywords and their binary codes (numeric, vector, and the nullable abstract reference shorthands). */
const VALTYPE_KEYWORDS: ReadonlyMap<string, number> = new Map([
  ['i32', 0x7f], ['i64', 0x7e], ['f32', 0x7d], ['f64', 0x7c], ['v128', 0x7b],
  ['funcref', 0x70], ['externref', 0x6f], ['anyref', 0x6e], ['eqref', 0x6d], ['i31ref', 0x6c],
  ['structref', 0x6b], ['arrayref', 0x6a], ['exnref', 0x69], ['nullref', 0x71], ['nullexternref', 0x72],
  ['nullfuncref', 0x73], ['nullexnref', 0x74],
]);

/** Abstract heap type keywords and their binary codes. */
export const HEAPTYPE_KEYWORDS: ReadonlyMap<string, number> = new Map([
  ['func', 0x70], ['extern', 0x6f], ['any', 0x6e], ['eq', 0x6d], ['i31', 0x6c], ['struct', 0x6b],
  ['array', 0x6a], ['exn', 0x69], ['none', 0x71], ['noextern', 0x72], ['nofunc', 0x73], ['noexn', 0x74],
]);

/** The parsing of types: value, reference, heap, field, function and composite types, type uses and limits. */
export class TypeParser extends TokenCursor {
  /** Whether a value type starts at the cursor. */
  atValType(): boolean {
    const t = this.peek();
    if (t.kind === Tok.keyword) return VALTYPE_KEYWORDS.has(t.text);
    return this.atParenKeyword('ref');
  }

  valType(): ValTypeAst {
    const t = this.peek();
    if (t.kind === Tok.keyword) {
      const code = VALTYPE_KEYWORDS.get(t.text);
      if (code !== undefined) {
        this.next();
        return code;
      }
    } else if (this.atParenKeyword('ref')) {
      return this.refTypeParen();
    }
    this.fail('a value type');
  }

  /** A reference type: a shorthand keyword or `(ref null? heaptype)`. */
  refType(): ValTypeAst {
    const t = this.peek();
    if (t.kind === Tok.keyword) {
      const code = VALTYPE_KEYWORDS.get(t.text);
      if (code !== undefined && code <= 0x74 && code >= 0x69) {
        this.next();
        return code;
      }
    } else if (this.atParenKeyword('ref')) {
      return this.refTypeParen();
    }
    this.fail('a reference type');
  }

  private refTypeParen(): ValTypeAst {
    this.next();
    this.next();
    let nullable = false;
    if (this.atKeyword('null')) {
      this.next();
      nullable = true;
    }
    const heap = this.heapType();
    this.expectRParen();
    // Nullable abstract types have one-byte shorthands; keep one canonical form so types compare by value.
    if (nullable && typeof heap === 'number') return heap;
    return { nullable, heap };
  }

  heapType(): HeapTypeAst {
    const t = this.peek();
    if (t.kind === Tok.keyword) {
      const code = HEAPTYPE_KEYWORDS.get(t.text);
      if (code !== undefined) {
        this.next();
        return code;
      }
      this.fail('a heap type');
    }
    return this.index('a heap type');
  }

  /** Value types up to the closing parenthesis of a `(param ...)`, `(result ...)` or `(local ...)`. */
  valTypesToParen(out: ValTypeAst[]): void {
    while (this.peek().kind !== Tok.rparen) out.push(this.valType());
  }

  /** A storage type: a value type or `i8` / `i16`. */
  storageType(): ValTypeAst {
    const t = this.peek();
    if (t.kind === Tok.keyword && (t.text === 'i8' || t.text === 'i16')) {
      this.next();
      return t.text === 'i8' ? PackedType.i8 : PackedType.i16;
    }
    return this.valType();
  }

  fieldType(): FieldTypeAst {
    if (this.atParenKeyword('mut')) {
      this.next();
      this.next();
      const type = this.storageType();
      this.expectRParen();
      return { type, mutable: true };
    }
    return { type: this.storageType(), mutable: false };
  }

  /** A global type: `valtype` or `(mut valtype)`. */
  globalType(): { type: ValTypeAst; mutable: boolean } {
    if (this.atParenKeyword('mut')) {
      this.next();
      this.next();
      const type = this.valType();
      this.expectRParen();
      return { type, mutable: true };
    }
    return { type: this.valType(), mutable: false };
  }

  /**
   * A type use: `(type x)?` then `(param ...)*` then `(result ...)*`. Parameters may be named (`(param $x i32)`)
   * only where `allowNames` (functions, imports, tags; not blocks or call_indirect).
   */
  typeUse(allowNames: boolean): TypeUseAst {
    const start = this.peek();
    const use: TypeUseAst = { ref: null, params: [], paramNames: [], results: [], line: start.line, col: start.col };
    if (this.atParenKeyword('type')) {
      this.next();
      this.next();
      use.ref = this.index('a type index');
      this.expectRParen();
    }
    this.paramsAndResults(use, allowNames);
    return use;
  }

  /** `(param ...)*` then `(result ...)*`, appended to `use`. */
  paramsAndResults(use: TypeUseAst, allowNames: boolean): void {
    while (this.atParenKeyword('param')) {
      this.next();
      this.next();
      if (this.peek().kind === Tok.id) {
        if (!allowNames) this.fail('a value type');
        const name = this.next().text;
        use.params.push(this.valType());
        use.paramNames.push(name);
      } else {
        const before = use.params.length;
        this.valTypesToParen(use.params);
        for (let i = before; i < use.params.length; i++) use.paramNames.push(null);
      }
      this.expectRParen();
    }
    while (this.atParenKeyword('result')) {
      this.next();
      this.next();
      this.valTypesToParen(use.results);
      this.expectRParen();
    }
  }

  /** A composite type `(func ...)`, `(struct ...)` or `(array ...)`, with the cursor at its `(`. */
  compType(): CompTypeAst {
    const kw = this.parenKeyword();
    if (kw === 'func') {
      this.next();
      this.next();
      const use: TypeUseAst = { ref: null, params: [], paramNames: [], results: [], line: 0, col: 0 };
      this.paramsAndResults(use, true);
      this.expectRParen();
      return { kind: 'func', params: use.params, results: use.results };
    }
    if (kw === 'struct') {
      this.next();
      this.next();
      const fields: FieldTypeAst[] = [];
      const fieldNames: Array<string | null> = [];
      while (this.atParenKeyword('field')) {
        this.next();
        this.next();
        const idTok = this.peek();
        if (idTok.kind === Tok.id) {
          this.next();
          if (fieldNames.includes(idTok.text)) throw this.errorAt(idTok, `duplicate field $${idTok.text}`);
          fields.push(this.fieldType());
          fieldNames.push(idTok.text);
        } else {
          while (this.peek().kind !== Tok.rparen) {
            fields.push(this.fieldType());
            fieldNames.push(null);
          }
        }
        this.expectRParen();
      }
      this.expectRParen();
      return { kind: 'struct', fields, fieldNames };
    }
    if (kw === 'array') {
      this.next();
      this.next();
      const field = this.fieldType();
      this.expectRParen();
      return { kind: 'array', field };
    }
    if (this.peek().kind === Tok.lparen) this.next();
    this.fail("'func', 'struct' or 'array'");
  }

  /** The body of a `(type $id? ...)` definition after `type`: a composite type or `(sub final? $super* comp)`. */
  subType(name: string | null): SubTypeAst {
    if (this.atParenKeyword('sub')) {
      this.next();
      this.next();
      let final = false;
      if (this.atKeyword('final')) {
        this.next();
        final = true;
      }
      const supers = [];
      while (this.peek().kind === Tok.nat || this.peek().kind === Tok.id) supers.push(this.index());
      const comp = this.compType();
      this.expectRParen();
      return { name, final, supers, comp };
    }
    return { name, final: true, supers: [], comp: this.compType() };
  }

  /** Limits `min max?`: 32-bit literals in the 2.0 grammar, 64-bit in 3.0 (the validator checks ranges). */
  limits(is64: boolean): LimitsAst {
    const min = this.limit();
    const max = this.peek().kind === Tok.nat ? this.limit() : null;
    return { is64, min, max, shared: false };
  }

  private limit(): bigint {
    const t = this.peek();
    if (t.kind !== Tok.nat) this.fail('a natural number');
    this.next();
    const wide = this.version === 3;
    const v = parseUnsigned(t.text, wide ? 64 : 32);
    if (v === null) throw this.errorAt(t, wide ? 'i64 constant out of range' : 'i32 constant out of range');
    return v;
  }

  /** An optional address type `i32` / `i64` before limits; true for `i64`. */
  addressType(): boolean {
    const t = this.peek();
    if (t.kind === Tok.keyword && (t.text === 'i64' || t.text === 'i32')) {
      this.next();
      return t.text === 'i64';
    }
    return false;
  }
}
