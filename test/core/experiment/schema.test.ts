import { test } from 'node:test';
import assert from 'node:assert/strict';
import Ajv from 'ajv';
import schema from '../../../src/core/experiment/schema.json';
import { readExperiment } from '../../../src/core/experiment/index';

// VS Code shows description / markdownDescription on hover: every property carries both.
function walk(node: unknown, path: string, out: string[]): void {
  if (!node || typeof node !== 'object') return;
  const n = node as Record<string, unknown>;
  const props = n.properties as Record<string, Record<string, unknown>> | undefined;
  if (props) {
    for (const [k, v] of Object.entries(props)) {
      const ref = typeof v.$ref === 'string' ? (v.$ref as string).split('/').pop()! : null;
      const target = ref ? (schema.definitions as Record<string, Record<string, unknown>>)[ref] : v;
      if (k !== 'kind' || !('const' in v)) {
        if (typeof target.description !== 'string') out.push(`${path}/${k} description`);
        if (typeof target.markdownDescription !== 'string') out.push(`${path}/${k} markdownDescription`);
      }
    }
  }
  for (const [k, v] of Object.entries(n)) if (typeof v === 'object') walk(v, `${path}/${k}`, out);
}

test('schema.json is a valid draft-07 schema that ajv compiles', () => {
  const ajv = new Ajv({ strict: false });
  assert.equal(ajv.validateSchema(schema), true, JSON.stringify(ajv.errors));
  assert.equal(typeof ajv.compile(schema), 'function');
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(schema.allowComments, true);
  assert.equal(schema.allowTrailingCommas, true);
});

test('every property has description and markdownDescription', () => {
  const missing: string[] = [];
  walk(schema, '', missing);
  assert.deepEqual(missing, []);
});

test('the spec §2 example file is valid, with a $schema property', () => {
  const text = `{
    "$schema": "./node_modules/lnn-lab/schema.json",
    "name": "Linear autoencoder (GBL §4.2)",     // optional
    "seed": 0,
    "data": { "kind": "autoencoder", "n": 1000, "d": 20, "rank": 5,
              "spectrum": [4, 2, 1, 0.5, 0.25], "noise": 0.001 },
    "models": [ { "depth": 1 }, { "depth": 2, "width": 20, "label": "two-layer" } ],
    "init": { "scheme": "identity", "delta": 8 },
    "optimizer": { "method": "gd", "stepSize": 0.01, "steps": 20000 },
    "record": { "every": 20 },
    "compute": { "backend": "auto", "precision": "auto" }
  }`;
  const r = readExperiment(text);
  assert.deepEqual(r.diagnostics, []);
  assert.deepEqual(r.experiment?.record, { every: 20 });
});

test('the data snippets VS Code offers are valid data', () => {
  for (const s of schema.definitions.data.defaultSnippets) {
    if (s.label === 'files') continue; // holds snippet placeholders
    const r = readExperiment(JSON.stringify({ data: s.body, models: [{ depth: 2 }], optimizer: { stepSize: 0.01, steps: 10 } }));
    assert.deepEqual(r.diagnostics, [], s.label);
  }
});
