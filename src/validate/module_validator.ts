import { CompileError } from '../core/compile_error.js';
import { DEFAULT_FEATURES, type Features } from '../core/features.js';
import type { ModuleInfo } from '../binary/module_info.js';
import { findMalformedBody } from '../binary/body_syntax.js';
import { FunctionValidator } from './function_validator.js';
import { moduleContext, type ModuleContext } from './module_context.js';

/**
 * Validates a decoded module (WebAssembly 2.0): module-level rules, constant expressions and every function body.
 * Throws `CompileError('invalid', ...)`, or `CompileError('malformed', ...)` for what the binary format itself
 * forbids in function bodies (bodies are decoded here, not by `decodeModule`); a malformed body is reported in
 * preference to any validation error, as in the spec's decode-then-validate order.
 *
 * @returns the module's validation context (index spaces as typed arrays, the declared function references). It
 *   is cached on `info`: validating the same module again with the same `features` object returns at once.
 */
export function validateModule(info: ModuleInfo, features: Features = DEFAULT_FEATURES): ModuleContext {
  let ctx: ModuleContext;
  try {
    ctx = moduleContext(info, features);
    if (ctx.allFunctionsValidated) return ctx;
    const v = validatorFor(ctx);
    for (let i = 0; i < info.codes.length; i++) v.validate(i);
  } catch (e) {
    throw preferMalformed(e, info, features, 0, info.codes.length);
  }
  ctx.allFunctionsValidated = true;
  return ctx;
}

/**
 * Validates one defined function's body (function index `importedFuncCount + definedIndex`), after the
 * module-level checks (run once per module and cached). For engines that validate lazily, function by function.
 */
export function validateFunction(info: ModuleInfo, definedIndex: number, features: Features = DEFAULT_FEATURES): void {
  if (!(definedIndex >= 0 && definedIndex < info.codes.length)) {
    throw new RangeError(`no defined function ${definedIndex} (the module defines ${info.codes.length})`);
  }
  let ctx: ModuleContext;
  try {
    ctx = moduleContext(info, features);
  } catch (e) {
    throw preferMalformed(e, info, features, 0, info.codes.length);
  }
  if (ctx.allFunctionsValidated) return;
  try {
    validatorFor(ctx).validate(definedIndex);
  } catch (e) {
    throw preferMalformed(e, info, features, definedIndex, definedIndex + 1);
  }
}

const validators = new WeakMap<ModuleContext, FunctionValidator>();

/** One reusable validator (and its stacks) per module context. */
function validatorFor(ctx: ModuleContext): FunctionValidator {
  let v = validators.get(ctx);
  if (v === undefined) {
    v = new FunctionValidator(ctx);
    validators.set(ctx, v);
  }
  return v;
}

/**
 * A decoding error anywhere in the bodies `[from, to)` takes precedence over a validation error, as it does in
 * the spec's decode-then-validate order.
 */
function preferMalformed(e: unknown, info: ModuleInfo, features: Features, from: number, to: number): unknown {
  if (e instanceof CompileError && e.kind === 'invalid') {
    const missing = info.dataCount === null ? { dataSegments: info.datas.length, memories: info.memories.length } : null;
    return findMalformedBody(info.bytes, info.codes, features, from, to, missing) ?? e;
  }
  return e;
}
