// One plain-words message per ajv error (spec §3 `schema`: "one per problem, at its path";
// the message names the field). Pure string work, no validation here.
import type { ErrorObject } from 'ajv';
import { fmt } from '../diagnostics/format';
import { fieldName } from './pointer';

type Props = Record<string, { description?: string } | undefined>;

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return fmt(value);
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'object') return 'an object';
  return String(value);
}

function kindOf(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  if (typeof value === 'number') return `the number ${fmt(value)}`;
  if (typeof value === 'string') return `the string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `${value}`;
  return 'an object';
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  object: 'an object { … }',
  array: 'an array [ … ]',
  null: 'null',
};

function levenshtein(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= m; i++) {
    const cur = [i];
    for (let j = 1; j <= n; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[n];
}

/** The closest allowed name, if it is close enough to be a typo. */
export function suggest(name: string, allowed: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Infinity;
  for (const a of allowed) {
    const d = a.toLowerCase() === name.toLowerCase() ? 0 : levenshtein(a.toLowerCase(), name.toLowerCase());
    if (d < bestD) {
      bestD = d;
      best = a;
    }
  }
  return best !== undefined && bestD <= Math.max(1, Math.floor(name.length / 3)) ? best : undefined;
}

function firstSentence(s: string | undefined): string {
  if (!s) return '';
  const cut = s.indexOf('. ');
  const first = cut >= 0 ? s.slice(0, cut) : s.replace(/\.$/, '');
  // lower-case an ordinary leading word, never a symbol such as Σx
  return /^[A-Z][a-z]/.test(first) ? first[0].toLowerCase() + first.slice(1) : first;
}

/** The path a diagnostic for this error points at (the offending value; a missing field: its parent). */
export function errorPath(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return `${e.instancePath}/${String(e.params.additionalProperty)}`;
  if (e.keyword === 'dependencies') return `${e.instancePath}/${String(e.params.property)}`;
  return e.instancePath;
}

export function errorMessage(e: ErrorObject): string {
  const field = fieldName(e.instancePath);
  const parentProps = ((e.parentSchema as { properties?: Props } | undefined)?.properties ?? {}) as Props;
  switch (e.keyword) {
    case 'required': {
      const missing = String(e.params.missingProperty);
      const what = firstSentence(parentProps[missing]?.description);
      const where = e.instancePath === '' ? 'the experiment' : field;
      return `${where} is missing the required field "${missing}"${what ? `: ${what}` : ''}`;
    }
    case 'additionalProperties': {
      const extra = String(e.params.additionalProperty);
      const allowed = Object.keys(parentProps);
      const near = suggest(extra, allowed);
      const where = e.instancePath === '' ? 'the experiment' : field;
      const kind = (e.data as { kind?: unknown } | undefined)?.kind;
      const owner = e.instancePath === '/data' && typeof kind === 'string' ? `${kind} data` : where;
      return (
        `unknown field "${extra}" in ${owner}` +
        (near ? `: did you mean "${near}"?` : '.') +
        ` Allowed fields: ${allowed.join(', ')}.`
      );
    }
    case 'type': {
      const want = String(e.params.type)
        .split(',')
        .map((t) => TYPE_WORDS[t] ?? t)
        .join(' or ');
      return `${field} must be ${want}, not ${kindOf(e.data)}`;
    }
    case 'enum': {
      const allowed = (e.params.allowedValues as unknown[]).map((v) => String(v));
      const near = typeof e.data === 'string' ? suggest(e.data, allowed) : undefined;
      return (
        `${field} must be one of ${allowed.map((v) => JSON.stringify(v)).join(', ')}, not ${show(e.data)}` +
        (near ? ` (did you mean "${near}"?)` : '')
      );
    }
    case 'const':
      return `${field} must be ${show(e.params.allowedValue)}, not ${show(e.data)}`;
    case 'minimum':
      return `${field} must be ≥ ${fmt(Number(e.params.limit))}, not ${show(e.data)}`;
    case 'exclusiveMinimum':
      return `${field} must be > ${fmt(Number(e.params.limit))}, not ${show(e.data)}`;
    case 'maximum':
      return `${field} must be ≤ ${fmt(Number(e.params.limit))}, not ${show(e.data)}`;
    case 'exclusiveMaximum':
      return `${field} must be < ${fmt(Number(e.params.limit))}, not ${show(e.data)}`;
    case 'minItems': {
      const n = Number(e.params.limit);
      return `${field} needs at least ${n} ${n === 1 ? 'entry' : 'entries'}`;
    }
    case 'maxItems':
      return `${field} may have at most ${Number(e.params.limit)} entries`;
    case 'minLength':
      return `${field} must not be empty`;
    case 'pattern':
      return `${field} must be a JSON pointer such as "/data/observed", not ${show(e.data)}`;
    case 'dependencies':
      return `${fieldName(errorPath(e))} needs ${fieldName(`${e.instancePath}/${String(e.params.missingProperty)}`)} too`;
    case 'not': {
      const req = ((e.schema as { required?: string[] } | undefined)?.required ?? []).map((r) => `"${r}"`);
      return `${field === 'the experiment' ? 'the experiment' : field}: give ${req.join(' or ')}, not both`;
    }
    case 'anyOf': {
      const what = firstSentence((e.parentSchema as { description?: string } | undefined)?.description);
      return `${field} has the wrong form${what ? `: ${what}` : ''}`;
    }
    default:
      return `${field} ${e.message ?? 'is invalid'}`;
  }
}
