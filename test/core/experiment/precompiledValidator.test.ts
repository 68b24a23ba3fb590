// The schema validator compiled ahead of time (scripts/schema-validator.mjs → schemaValidator.generated.ts,
// ajv standalone code) against ajv's run-time compile of the same schema.json: the same raw ajv errors
// and the same diagnostics on every case of a corpus built here (the examples, the bench experiments, the
// templates, and every field of them deleted, retyped or pushed out of range), and a generated file
// that is exactly what the script writes for today's schema.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import schema from '../../../src/core/experiment/schema.json';
import { parseExperimentText } from '../../../src/core/experiment/parse';
import { schemaHash } from '../../../src/core/experiment/schemaHash';
import { AJV_OPTIONS, compileAtRunTime, schemaDiagnosticsBy } from '../../../src/core/experiment/validate';
import { TEMPLATES } from '../../../src/core/experiment/templates';
import * as generated from '../../../src/core/experiment/schemaValidator.generated';
// @ts-expect-error: a plain .mjs build script, no declarations
import * as script from '../../../scripts/schema-validator.mjs';

/** The generated module, typed as ajv's compile returns it. */
const precompiled = { schemaHash: generated.schemaHash, validate: generated.validate as unknown as ValidateFunction };

/** The parsed experiment files of a folder. */
function files(dir: string): unknown[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.lnn.json'))
    .map((f) => parseExperimentText(readFileSync(join(dir, f), 'utf8')).value);
}

/** Every leaf and object of a document replaced by wrong values, and every key deleted: one case each. */
function mutations(doc: unknown): unknown[] {
  const out: unknown[] = [];
  const wrong = (v: unknown): unknown[] =>
    typeof v === 'number'
      ? [-v - 1, v + 0.5, 1e12, -1e12, -1, 0, 0.5, 1, 2, String(v), null, [v]]
      : typeof v === 'string'
        ? ['', 'no-such-value', '\u001b[31mred', 7, null, { v }]
        : typeof v === 'boolean'
          ? ['yes', 1, null]
          : Array.isArray(v)
            ? [[], 'list', [...v, ...v], [null], {}]
            : [null, [], 'object', 3, { ...(v as object), unknownKey: 1 }, {}];
  const walk = (v: unknown, replace: (x: unknown) => unknown, remove: (() => unknown) | null) => {
    for (const w of wrong(v)) out.push(replace(w));
    if (remove) out.push(remove());
    if (Array.isArray(v)) {
      v.forEach((item, i) => walk(item, (x) => replace(v.map((y, j) => (j === i ? x : y))), () => replace(v.filter((_, j) => j !== i))));
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        const obj = v as Record<string, unknown>;
        walk(obj[k], (x) => replace({ ...obj, [k]: x }), () => {
          const { [k]: _drop, ...rest } = obj;
          return replace(rest);
        });
      }
    }
  };
  walk(doc, (x) => x, null);
  return out;
}

const bases = [...files('examples'), ...files('bench/experiments'), ...Object.values(TEMPLATES).map((t) => t.body)];
const corpus = [...bases, ...bases.flatMap(mutations), null, 1, 'text', [], {}];

/** ajv's errors as plain data (parentSchema and schema are the schema's own objects: compared by value). */
function errorsOf(validate: (d: unknown) => boolean, doc: unknown): unknown {
  const v = validate as unknown as { (d: unknown): boolean; errors?: unknown[] | null };
  return v(doc) ? null : structuredClone(v.errors ?? []);
}

test('the generated validator was compiled from today\'s schema.json, exactly as the script writes it', () => {
  assert.equal(precompiled.schemaHash, schemaHash(schema), 'schemaValidator.generated.ts is stale: run `npm run build` (or node scripts/schema-validator.mjs) and commit it');
  assert.equal(script.schemaHash(schema), schemaHash(schema), 'the script and schemaHash.ts hash alike');
  const generated = readFileSync('src/core/experiment/schemaValidator.generated.ts', 'utf8');
  assert.equal(script.generatedSource(schema), generated);
});

test('the schema hash changes with the schema (a stale generated file is noticed)', () => {
  const changed = structuredClone(schema) as Record<string, unknown>;
  changed.title = `${String(changed.title)} `;
  assert.notEqual(schemaHash(changed), schemaHash(schema));
});

test('precompiled and run-time compiled validators: identical ajv errors and diagnostics on every case', () => {
  const runtime = compileAtRunTime();
  assert.ok(corpus.length > 2000, `corpus of ${corpus.length}`);
  let invalid = 0;
  const keywords = new Set<string>();
  for (const doc of corpus) {
    const a = errorsOf(precompiled.validate, doc);
    const b = errorsOf(runtime, doc);
    assert.deepEqual(a, b, JSON.stringify(doc));
    assert.deepEqual(schemaDiagnosticsBy(precompiled.validate, doc), schemaDiagnosticsBy(runtime, doc), JSON.stringify(doc));
    if (a) {
      invalid++;
      for (const e of a as Array<{ keyword: string }>) keywords.add(e.keyword);
    }
  }
  // the corpus reaches both sides and the schema's keywords
  assert.ok(invalid > corpus.length / 2 && invalid < corpus.length, `${invalid} invalid of ${corpus.length}`);
  for (const k of ['type', 'required', 'additionalProperties', 'minimum', 'enum', 'anyOf']) assert.ok(keywords.has(k), `keyword ${k} reached`);
});

test('the comparison can fail: other ajv options give other errors on the corpus', () => {
  const other = new Ajv({ ...AJV_OPTIONS, allErrors: false }).compile(schema);
  const differ = corpus.filter((doc) => JSON.stringify(errorsOf(other, doc)) !== JSON.stringify(errorsOf(precompiled.validate, doc)));
  assert.ok(differ.length > 0);
});
