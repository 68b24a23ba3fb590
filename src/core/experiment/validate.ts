// Validate the parsed experiment against schema.json (ajv, draft-07) and the checks the schema
// cannot say (semantic.ts): one `schema` diagnostic per problem at its JSON pointer (spec §3).
import type { ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic } from '../types';
import schema from './schema.json';
import { errorMessage, errorPath } from './messages';
import { fieldName } from './pointer';
import { schemaHash } from './schemaHash';
import { semanticDiagnostics } from './semantic';
import * as precompiled from './schemaValidator.generated';

/**
 * ajv's options, for the run-time compile and for scripts/schema-validator.mjs's standalone code:
 * strict: false lets ajv skip VS Code's keywords (markdownDescription, defaultSnippets,
 * enumDescriptions, allowComments …); verbose gives parentSchema for plain messages.
 */
export const AJV_OPTIONS = { strict: false, allErrors: true, verbose: true } as const;

/** schema.json compiled now by ajv (~0.25 s): the reference the precompiled validator is tested against. */
export function compileAtRunTime(): ValidateFunction {
  // required here, not imported: a start with the precompiled validator never loads ajv's compiler
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const Ajv = (require('ajv') as typeof import('ajv')).default;
  return new Ajv(AJV_OPTIONS).compile(schema);
}

/**
 * true in the bundles: esbuild.mjs writes the generated validator from schema.json just before it
 * bundles (`define`), so a bundle neither hashes the schema nor carries ajv's compiler. Undefined
 * when the sources run as they are (tsx: the tests).
 */
declare const LNN_SCHEMA_VALIDATOR_FRESH: true | undefined;

let compiled: ValidateFunction | null = null;

/** The validator: ajv's standalone code from the build, or a run-time compile if schema.json changed since. */
function validator(): ValidateFunction {
  if (!compiled) {
    compiled = typeof LNN_SCHEMA_VALIDATOR_FRESH === 'boolean' || precompiled.schemaHash === schemaHash(schema) ? (precompiled.validate as ValidateFunction) : compileAtRunTime();
  }
  return compiled;
}

const isPrefix = (prefix: string, path: string) => path === prefix || path.startsWith(prefix + '/');

/**
 * Reduce ajv's errors to one per problem: drop the `if` wrappers of the per-kind data branches,
 * collapse an `anyOf` to its most specific branch error (or one message), keep one error per path.
 */
function reduce(errors: ErrorObject[]): ErrorObject[] {
  let list = errors.filter((e) => e.keyword !== 'if');
  for (const any of list.filter((e) => e.keyword === 'anyOf')) {
    const inside = list.filter((e) => e !== any && e.schemaPath.startsWith(any.schemaPath + '/'));
    const deeper = inside.filter((e) => e.instancePath.length > any.instancePath.length);
    const deepest = deeper.sort((a, b) => b.instancePath.split('/').length - a.instancePath.split('/').length)[0];
    const keep = deepest && deepest.instancePath.split('/').length > any.instancePath.split('/').length + 1 ? deepest : any;
    list = list.filter((e) => (e === keep) || !(e === any || inside.includes(e)));
  }
  // a wrong type makes the other complaints about the same value noise
  const typed = new Set(list.filter((e) => e.keyword === 'type').map((e) => e.instancePath));
  list = list.filter((e) => e.keyword === 'type' || !typed.has(e.instancePath) || e.keyword === 'required');
  // values under a wrongly typed one are not reported separately
  list = list.filter((e) => ![...typed].some((t) => t !== e.instancePath && isPrefix(t, e.instancePath)));
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${errorPath(e)}|${e.keyword}|${JSON.stringify(e.params)}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Schema errors only (no semantic checks). */
export function schemaDiagnostics(raw: unknown): Diagnostic[] {
  return schemaDiagnosticsBy(validator(), raw);
}

/** Schema errors by a given validator (the tests compare the precompiled one with the run-time compile). */
export function schemaDiagnosticsBy(validate: ValidateFunction, raw: unknown): Diagnostic[] {
  if (validate(raw)) return [];
  return reduce(validate.errors ?? []).map((e) => ({
    code: 'schema',
    severity: 'error',
    message: errorMessage(e),
    path: errorPath(e),
  }));
}

/**
 * A `schema` error at every number that is not finite: JSON has no Infinity, but `1e999` parses to
 * it and would pass every `minimum` of the schema (noise, delta, steps, stopLoss …).
 */
export function nonFiniteDiagnostics(raw: unknown): Diagnostic[] {
  const out: Diagnostic[] = [];
  // iterative (the parser capped the depth, but this never recurses anyway)
  const stack: Array<{ value: unknown; path: string }> = [{ value: raw, path: '' }];
  while (stack.length > 0 && out.length < 100) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) {
        out.push({ code: 'schema', severity: 'error', message: `${path ? fieldName(path) : 'the value'} is ${value}: numbers must be finite (a literal such as 1e999 overflows to infinity)`, path });
      }
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i], path: `${path}/${i}` });
    } else if (value !== null && typeof value === 'object') {
      const keys = Object.keys(value);
      for (let k = keys.length - 1; k >= 0; k--) {
        stack.push({ value: (value as Record<string, unknown>)[keys[k]], path: `${path}/${keys[k].replace(/~/g, '~0').replace(/\//g, '~1')}` });
      }
    }
  }
  return out;
}

/** Every `schema` diagnostic of a parsed experiment: the schema first, then (if it passes) the semantic checks. */
export function validateExperiment(raw: unknown): Diagnostic[] {
  const infinite = nonFiniteDiagnostics(raw);
  if (infinite.length > 0) return infinite;
  const fromSchema = schemaDiagnostics(raw);
  if (fromSchema.length > 0) return fromSchema;
  return semanticDiagnostics(raw as Record<string, unknown>, (doc) => {
    const again = schemaDiagnostics(doc);
    return again.length ? again : semanticDiagnostics(doc as Record<string, unknown>, null);
  });
}
